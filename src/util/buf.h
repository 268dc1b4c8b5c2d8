/*
 * util — a growable byte string for building output lines (events as JSON, TSV, CSV) and
 * for the record reader's scratch copies.
 *
 * Errors are sticky, like a FILE's error flag: after a failed allocation every later append
 * does nothing and returns -1, and b->failed stays set until ent_buf_reset(). A writer can
 * append a whole line and check once at the end.
 *
 * data is always NUL-terminated once anything was appended (or reset), so it can be passed
 * to functions that want a C string; len does not count the NUL.
 */
#ifndef ENTENTE_UTIL_BUF_H
#define ENTENTE_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ent_buf {
    char *data; /* NULL until the first append */
    size_t len; /* bytes used, not counting the terminating NUL */
    size_t cap; /* bytes allocated */
    int failed; /* an allocation failed since the last reset */
} ent_buf;

/* clang-format off */
#define ENT_BUF_INIT {NULL, 0, 0, 0}
/* clang-format on */

#if defined(__GNUC__)
#define ENT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ENT_PRINTF(f, a)
#endif

/* Makes room for extra more bytes (plus the NUL). Returns 0 or -1 (out of memory). */
int ent_buf_reserve(ent_buf *b, size_t extra);

/* Appends len bytes. Returns 0 or -1. */
int ent_buf_append(ent_buf *b, const char *s, size_t len);

/* Appends a NUL-terminated string. Returns 0 or -1. */
int ent_buf_puts(ent_buf *b, const char *s);

/* Appends one byte. Returns 0 or -1. Inline: the dictionary translators and the output writers
 * call it for every byte of their text, and the call cost as much as the store. */
int ent_buf__putc_slow(ent_buf *b, char c);
static inline int ent_buf_putc(ent_buf *b, char c)
{
    if (b->failed || b->cap - b->len < 2)
        return ent_buf__putc_slow(b, c);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return 0;
}

/* Appends printf-formatted text. Returns 0 or -1. */
int ent_buf_appendf(ent_buf *b, const char *fmt, ...) ENT_PRINTF(2, 3);
int ent_buf_vappendf(ent_buf *b, const char *fmt, va_list ap) ENT_PRINTF(2, 0);

/* Appends a decimal integer (faster than appendf, for output loops). Returns 0 or -1. */
int ent_buf_append_int(ent_buf *b, long long v);

/*
 * Appends the len bytes at s as a quoted JSON string: '"' and '\\' escaped, control
 * characters as \n, \t, \r, \b, \f or \u00XX, U+2028 and U+2029 as \u2028 and \u2029 (so the
 * output is also valid JavaScript), and every invalid UTF-8 sequence as U+FFFD, so the result
 * is always valid JSON. s may be NULL (then appends null). Returns 0 or -1.
 */
int ent_buf_append_json(ent_buf *b, const char *s, size_t len);

/*
 * Appends the len bytes at s with every invalid UTF-8 sequence replaced by U+FFFD (EF BF BD).
 * *replaced (may be NULL) is incremented for each one. Returns 0 or -1.
 */
int ent_buf_append_utf8(ent_buf *b, const char *s, size_t len, size_t *replaced);

/*
 * Length of the well-formed UTF-8 sequence at the start of the n bytes at s (1 to 4), or 0
 * when it is not well-formed (stray continuation byte, overlong form, surrogate, beyond
 * U+10FFFF, truncated). n must be at least 1.
 */
size_t ent_utf8_seqlen(const char *s, size_t n);

/* Number of invalid UTF-8 sequences in the n bytes at s; *first (may be NULL) receives the
 * offset of the first one (n when there is none). */
size_t ent_utf8_invalid(const char *s, size_t n, size_t *first);

/* Empties the buffer (keeping its memory) and clears the error flag. */
void ent_buf_reset(ent_buf *b);

/* Frees the memory; the buffer is empty and usable again afterwards. */
void ent_buf_free(ent_buf *b);

#endif
