/*
 * cli — everything entente writes to standard error goes through here, so every message has
 * the same "entente: " prefix and none of them lands in the middle of the progress line.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static struct {
    int enabled;  /* stderr is a terminal */
    int shown;    /* a progress line is on screen */
    double start; /* when the run began */
    double last;  /* when the line was last drawn */
} progress;

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_start(void)
{
    progress.enabled = isatty(STDERR_FILENO);
    progress.shown = 0;
    progress.start = progress.last = cli_now();
}

void cli_progress_update(size_t documents, uint64_t bytes)
{
    if (!progress.enabled)
        return;
    double now = cli_now();
    /* Small inputs finish before the first second and never show a progress line. */
    if (now - progress.start < 1.0 || now - progress.last < 0.5)
        return;
    progress.last = now;
    double mb = (double)bytes / 1e6;
    fprintf(stderr, "\rentente: %zu documents, %.1f MB, %.1f MB/s\033[K", documents, mb,
            mb / (now - progress.start));
    fflush(stderr);
    progress.shown = 1;
}

void cli_progress_clear(void)
{
    if (progress.shown) {
        fputs("\r\033[K", stderr);
        progress.shown = 0;
    }
}

static void vmessage(const char *fmt, va_list ap)
{
    cli_progress_clear();
    fputs("entente: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(fmt, ap);
    va_end(ap);
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(fmt, ap);
    va_end(ap);
    fputs("try 'entente --help'\n", stderr);
    return CLI_EXIT_USAGE;
}

void cli_diag(void *ctx, const char *file, long line, const char *msg)
{
    if (ctx)
        ++*(size_t *)ctx;
    if (line > 0)
        cli_error("%s:%ld: %s", file, line, msg);
    else
        cli_error("%s: %s", file, msg);
}
