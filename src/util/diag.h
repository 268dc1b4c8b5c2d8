/* util — one formatted diagnostic, handed to the caller's callback: the step every reader
   (records, event files, dictionaries, suites, registries) takes to report FILE:LINE. */
#ifndef ENTENTE_UTIL_DIAG_H
#define ENTENTE_UTIL_DIAG_H

#include "util/buf.h" /* ENT_PRINTF */

#include <stdarg.h>

/* The shape of ent_diag_fn (entente/dict.h), which util may not include. */
typedef void (*ent__diag_fn)(void *ctx, const char *file, long line, const char *msg);

/* Formats the message (at most 1023 bytes) and calls fn(ctx, file, line, msg); does nothing
   when fn is NULL. */
void ent__vdiagf(ent__diag_fn fn, void *ctx, const char *file, long line, const char *fmt,
                 va_list ap);
void ent__diagf(ent__diag_fn fn, void *ctx, const char *file, long line, const char *fmt, ...)
    ENT_PRINTF(5, 6);

#endif
