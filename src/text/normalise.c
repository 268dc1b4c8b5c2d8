/*
 * text — stage 2: input normalisation. Pure ASCII without NUL bytes (the common case, checked
 * 8 bytes at a time) is analysed in place, and so is valid UTF-8 without NUL in which no
 * character could change under NFC. Anything else is copied into a buffer owned by the
 * ent_text: invalid UTF-8 becomes U+FFFD (one per maximal invalid subpart, as the Unicode
 * standard recommends), NUL becomes a space, and the copy is put in NFC by utf8proc only when
 * some character in it could change.
 */
#include "text_internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/*
 * Decodes one well-formed UTF-8 sequence (Unicode table 3-7: no overlongs, surrogates or
 * values above U+10FFFF). On an ill-formed one returns -1 and sets *len to the length of its
 * maximal subpart (at least 1), which becomes one U+FFFD.
 */
static int32_t decode_strict(const unsigned char *s, size_t n, unsigned *len)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *len = 1;
        return (int32_t)c;
    }
    unsigned need;
    unsigned lo = 0x80, hi = 0xbf; /* range of the second byte */
    int32_t cp;
    if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
        cp = (int32_t)(c & 0x1f);
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        cp = (int32_t)(c & 0x0f);
        if (c == 0xe0)
            lo = 0xa0;
        else if (c == 0xed)
            hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        cp = (int32_t)(c & 0x07);
        if (c == 0xf0)
            lo = 0x90;
        else if (c == 0xf4)
            hi = 0x8f;
    } else {
        *len = 1;
        return -1;
    }
    unsigned i;
    for (i = 1; i <= need; i++) {
        if (i >= n) {
            *len = i;
            return -1;
        }
        unsigned b = s[i];
        if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xbf)) {
            *len = i;
            return -1;
        }
        cp = (cp << 6) | (int32_t)(b & 0x3f);
    }
    *len = need + 1;
    return cp;
}

int32_t ent_text__decode(const unsigned char *s, size_t n, unsigned *len)
{
    int32_t cp = decode_strict(s, n, len);
    return cp < 0 ? 0xfffd : cp;
}

/* Index of the first byte that is not plain ASCII (>= 0x80 or NUL), or len. */
static size_t plain_ascii_prefix(const unsigned char *p, size_t len)
{
    const uint64_t high = UINT64_C(0x8080808080808080);
    const uint64_t ones = UINT64_C(0x0101010101010101);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t v;
        memcpy(&v, p + i, 8);
        /* a high bit set, or a zero byte (the classic "has zero byte" test) */
        if ((v & high) | ((v - ones) & ~v & high))
            break;
    }
    while (i < len && p[i] != 0 && p[i] < 0x80)
        i++;
    return i;
}

static int reserve_norm(ent_text *t, size_t need)
{
    if (need <= t->norm_cap)
        return ENT_OK;
    size_t cap = t->norm_cap ? t->norm_cap : 4096;
    while (cap < need)
        cap = cap * 2 > cap ? cap * 2 : need;
    char *p = realloc(t->norm, cap);
    if (!p)
        return ENT_ENOMEM;
    t->norm = p;
    t->norm_cap = cap;
    return ENT_OK;
}

/* Puts t->norm[0..*len) in NFC through the reusable code point buffer. */
static int compose(ent_text *t, size_t *len)
{
    const utf8proc_option_t opt = UTF8PROC_COMPOSE | UTF8PROC_STABLE;
    for (;;) {
        utf8proc_ssize_t n =
            utf8proc_decompose((const utf8proc_uint8_t *)t->norm, (utf8proc_ssize_t)*len, t->cps,
                               (utf8proc_ssize_t)t->cps_cap, opt);
        if (n < 0)
            return ENT_EINTERNAL; /* the copy is valid UTF-8, so this is a bug */
        if ((size_t)n > t->cps_cap) {
            /* utf8proc_reencode writes UTF-8 into the same buffer: at most 4 bytes each. */
            size_t cap = (size_t)n + 64;
            int32_t *p = realloc(t->cps, cap * sizeof *p);
            if (!p)
                return ENT_ENOMEM;
            t->cps = p;
            t->cps_cap = cap;
            continue;
        }
        utf8proc_ssize_t m = utf8proc_reencode(t->cps, n, opt);
        if (m < 0)
            return ENT_EINTERNAL;
        if (reserve_norm(t, (size_t)m + 1) != ENT_OK)
            return ENT_ENOMEM;
        memcpy(t->norm, t->cps, (size_t)m);
        *len = (size_t)m;
        return ENT_OK;
    }
}

int ent_text__normalise(ent_text *t, const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    t->invalid = 0;
    t->first_invalid = 0;
    t->normalised = 0;
    size_t i = plain_ascii_prefix(p, len);
    if (i == len) {
        t->buf = text;
        t->len = len;
        return ENT_OK;
    }

    /* Pass 1: size of the copy, invalid sequences, whether NFC could change anything. */
    size_t out = i, invalid = 0, first = 0;
    int nfc = 0, nul = 0;
    for (size_t j = i; j < len;) {
        if (p[j] < 0x80) {
            nul |= p[j] == 0;
            out++;
            j++;
            continue;
        }
        unsigned n;
        int32_t cp = decode_strict(p + j, len - j, &n);
        if (cp < 0) {
            if (invalid++ == 0)
                first = j;
            out += 3;
        } else {
            nfc |= ent_text__needs_nfc(cp);
            out += n;
        }
        j += n;
    }
    if (!invalid && !nul && !nfc) {
        /* Valid UTF-8 already in NFC: analysed in place too. */
        t->buf = text;
        t->len = len;
        return ENT_OK;
    }
    if (out >= UINT32_MAX)
        return ENT_EINVAL;
    if (reserve_norm(t, out + 1) != ENT_OK)
        return ENT_ENOMEM;

    /* Pass 2: the copy. */
    unsigned char *d = (unsigned char *)t->norm;
    memcpy(d, p, i);
    size_t o = i;
    for (size_t j = i; j < len;) {
        unsigned char c = p[j];
        if (c < 0x80) {
            d[o++] = c ? c : ' ';
            j++;
            continue;
        }
        unsigned n;
        int32_t cp = decode_strict(p + j, len - j, &n);
        if (cp < 0) {
            d[o++] = 0xef; /* U+FFFD */
            d[o++] = 0xbf;
            d[o++] = 0xbd;
        } else {
            memcpy(d + o, p + j, n);
            o += n;
        }
        j += n;
    }
    if (nfc) {
        int rc = compose(t, &o);
        if (rc != ENT_OK)
            return rc;
        if (o >= UINT32_MAX)
            return ENT_EINVAL;
    }
    t->norm[o] = '\0';
    t->buf = t->norm;
    t->len = o;
    t->normalised = 1;
    t->invalid = invalid;
    t->first_invalid = first;
    return ENT_OK;
}
