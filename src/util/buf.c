/* util — growable byte strings, JSON string escaping and UTF-8 checking; see buf.h. */
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ent_buf_reserve(ent_buf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (extra > (size_t)-1 - b->len - 1) {
        b->failed = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > (size_t)-1 / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

int ent_buf_append(ent_buf *b, const char *s, size_t len)
{
    /* The common case, room to spare, without the overflow checks of ent_buf_reserve. */
    if ((b->failed || len >= b->cap - b->len) && ent_buf_reserve(b, len) < 0)
        return -1;
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int ent_buf_puts(ent_buf *b, const char *s)
{
    return ent_buf_append(b, s, strlen(s));
}

int ent_buf__putc_slow(ent_buf *b, char c)
{
    if (ent_buf_reserve(b, 1) < 0)
        return -1;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return 0;
}

int ent_buf_vappendf(ent_buf *b, const char *fmt, va_list ap)
{
    if (ent_buf_reserve(b, 64) < 0)
        return -1;
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        b->failed = 1;
        return -1;
    }
    if ((size_t)n >= b->cap - b->len) {
        if (ent_buf_reserve(b, (size_t)n) < 0)
            return -1;
        vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    }
    b->len += (size_t)n;
    return 0;
}

int ent_buf_appendf(ent_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = ent_buf_vappendf(b, fmt, ap);
    va_end(ap);
    return r;
}

int ent_buf_append_int(ent_buf *b, long long v)
{
    char tmp[24];
    char *p = tmp + sizeof tmp;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    return ent_buf_append(b, p, (size_t)(tmp + sizeof tmp - p));
}

size_t ent_utf8_seqlen(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned c = u[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* beyond U+10FFFF */
    } else {
        return 0;
    }
    if (n < len || u[1] < lo || u[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((u[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

/* Length of an invalid sequence to replace by one U+FFFD: a lead byte and the continuation
 * bytes that follow it (at most 3), or a single stray byte. */
static size_t invalid_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 1;
    if (u[0] >= 0xC0)
        while (i < n && i < 4 && (u[i] & 0xC0) == 0x80 && ent_utf8_seqlen(s + i, n - i) == 0)
            i++;
    return i;
}

/* The length of the ASCII run at s, 8 bytes at a time (the texts are mostly ASCII). */
static size_t ascii_run(const char *s, size_t n)
{
    size_t i = 0;
    for (uint64_t w; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ULL)
            break;
    }
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

size_t ent_utf8_invalid(const char *s, size_t n, size_t *first)
{
    size_t count = 0, i = 0;
    if (first)
        *first = n;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i += ascii_run(s + i, n - i);
            continue;
        }
        size_t k = ent_utf8_seqlen(s + i, n - i);
        if (k) {
            i += k;
            continue;
        }
        if (count++ == 0 && first)
            *first = i;
        i += invalid_len(s + i, n - i);
    }
    return count;
}

int ent_buf_append_utf8(ent_buf *b, const char *s, size_t len, size_t *replaced)
{
    size_t i = 0, run = 0; /* valid bytes [run, i) not yet copied */
    if (ent_buf_reserve(b, len) < 0)
        return -1;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i += ascii_run(s + i, len - i);
            continue;
        }
        size_t k = ent_utf8_seqlen(s + i, len - i);
        if (k) {
            i += k;
            continue;
        }
        ent_buf_append(b, s + run, i - run);
        ent_buf_append(b, "\xEF\xBF\xBD", 3);
        if (replaced)
            (*replaced)++;
        i += invalid_len(s + i, len - i);
        run = i;
    }
    return ent_buf_append(b, s + run, len - run);
}

int ent_buf_append_json(ent_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    if (!s)
        return ent_buf_append(b, "null", 4);
    if (ent_buf_reserve(b, len + 2) < 0)
        return -1;
    ent_buf_putc(b, '"');
    size_t i = 0, run = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char tmp[7];
        size_t skip = 1;
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0x80) {
            size_t k = ent_utf8_seqlen(s + i, len - i);
            if (k == 3 && c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
                ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
                esc = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
                skip = 3;
            } else if (k) {
                i += k;
                continue;
            } else {
                esc = "\xEF\xBF\xBD";
                skip = invalid_len(s + i, len - i);
            }
        } else if (c == '"') {
            esc = "\\\"";
        } else if (c == '\\') {
            esc = "\\\\";
        } else if (c == '\n') {
            esc = "\\n";
        } else if (c == '\t') {
            esc = "\\t";
        } else if (c == '\r') {
            esc = "\\r";
        } else if (c == '\b') {
            esc = "\\b";
        } else if (c == '\f') {
            esc = "\\f";
        } else {
            tmp[0] = '\\', tmp[1] = 'u', tmp[2] = '0', tmp[3] = '0';
            tmp[4] = hex[c >> 4], tmp[5] = hex[c & 15], tmp[6] = '\0';
            esc = tmp;
        }
        ent_buf_append(b, s + run, i - run);
        ent_buf_puts(b, esc);
        i += skip;
        run = i;
    }
    ent_buf_append(b, s + run, len - run);
    return ent_buf_putc(b, '"');
}

void ent_buf_reset(ent_buf *b)
{
    b->len = 0;
    b->failed = 0;
    if (b->data)
        b->data[0] = '\0';
}

void ent_buf_free(ent_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}
