/*
 * cli — everything entente writes to standard error goes through here, so every message has
 * the same "entente: " prefix and none of them lands in the middle of the progress line.
 */
#include "cli.h"

#include <pthread.h>
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

/* Messages come from the reader thread (diagnostics of bad records) and the main thread:
 * one lock keeps each line whole and off the progress line. */
static pthread_mutex_t stderr_lock = PTHREAD_MUTEX_INITIALIZER;

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

/* "1:02:03" or "2:03" */
static void format_duration(char *buf, size_t size, double seconds)
{
    long s = seconds > 0 && seconds < 1e7 ? (long)(seconds + 0.5) : 0;
    if (s >= 3600)
        snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, size, "%ld:%02ld", s / 60, s % 60);
}

void cli_progress_update(size_t documents, uint64_t bytes, uint64_t done, uint64_t total)
{
    if (!progress.enabled)
        return;
    double now = cli_now();
    /* Small inputs finish before the first second and never show a progress line. */
    if (now - progress.start < 1.0 || now - progress.last < 0.25)
        return;
    progress.last = now;
    double elapsed = now - progress.start;
    double mb = (double)bytes / 1e6;
    pthread_mutex_lock(&stderr_lock);
    if (total > 0) {
        double f = done >= total ? 1.0 : (double)done / (double)total;
        char bar[21], eta[48];
        int filled = (int)(f * 20);
        for (int i = 0; i < 20; i++)
            bar[i] = i < filled ? '#' : '.';
        bar[20] = '\0';
        format_duration(eta, sizeof eta, f > 0.001 ? elapsed * (1 - f) / f : 0);
        fprintf(stderr, "\rentente: [%s] %3.0f%% %zu documents, %.1f MB/s, ETA %s\033[K", bar,
                f * 100, documents, mb / elapsed, f > 0.001 ? eta : "?");
    } else {
        fprintf(stderr, "\rentente: %zu documents, %.1f MB, %.1f MB/s\033[K", documents, mb,
                mb / elapsed);
    }
    fflush(stderr);
    progress.shown = 1;
    pthread_mutex_unlock(&stderr_lock);
}

static void clear_locked(void)
{
    if (progress.shown) {
        fputs("\r\033[K", stderr);
        progress.shown = 0;
    }
}

void cli_progress_clear(void)
{
    pthread_mutex_lock(&stderr_lock);
    clear_locked();
    pthread_mutex_unlock(&stderr_lock);
}

static void vmessage(const char *fmt, va_list ap)
{
    char line[1024];
    vsnprintf(line, sizeof line, fmt, ap);
    pthread_mutex_lock(&stderr_lock);
    clear_locked();
    fprintf(stderr, "entente: %s\n", line);
    pthread_mutex_unlock(&stderr_lock);
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
