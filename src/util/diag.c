/* util — one formatted diagnostic (diag.h). */
#include "util/diag.h"

#include <stdio.h>

void ent__vdiagf(ent__diag_fn fn, void *ctx, const char *file, long line, const char *fmt,
                 va_list ap)
{
    if (!fn)
        return;
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    fn(ctx, file, line, msg);
}

void ent__diagf(ent__diag_fn fn, void *ctx, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent__vdiagf(fn, ctx, file, line, fmt, ap);
    va_end(ap);
}
