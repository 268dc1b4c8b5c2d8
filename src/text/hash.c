/*
 * text — stage 2: the word hash, shared by tokens and dictionaries so that both compare words
 * by hash alone. A 64-bit multiply-xorshift hash of the case-folded UTF-8 bytes taken 8 at a
 * time (FNV-1a, one multiply per byte, was the slowest part of the tokenizer); the chunk
 * scheme is described in text_internal.h.
 *
 * Folding: ASCII letters through a table; other code points through utf8proc_tolower() and
 * re-encoded as UTF-8; the typographic apostrophes U+2019 and U+2018 become '.
 */
#include "text_internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define LC(c) ((c) >= 'A' && (c) <= 'Z' ? ((c) | 0x20) : (c))
#define ROW(a) LC(a), LC(a + 1), LC(a + 2), LC(a + 3), LC(a + 4), LC(a + 5), LC(a + 6), LC(a + 7)
const unsigned char ent_text__lower[256] = {
    ROW(0x00), ROW(0x08), ROW(0x10), ROW(0x18), ROW(0x20), ROW(0x28), ROW(0x30), ROW(0x38),
    ROW(0x40), ROW(0x48), ROW(0x50), ROW(0x58), ROW(0x60), ROW(0x68), ROW(0x70), ROW(0x78),
    ROW(0x80), ROW(0x88), ROW(0x90), ROW(0x98), ROW(0xa0), ROW(0xa8), ROW(0xb0), ROW(0xb8),
    ROW(0xc0), ROW(0xc8), ROW(0xd0), ROW(0xd8), ROW(0xe0), ROW(0xe8), ROW(0xf0), ROW(0xf8),
};
#undef LC
#undef ROW

/* Feeds the code point cp, folded, to the hasher. */
static void fold_cp(ent_text__hasher *hs, int32_t cp)
{
    unsigned char enc[4];
    if (cp == 0x2019 || cp == 0x2018)
        cp = '\'';
    else
        cp = utf8proc_tolower(cp);
    utf8proc_ssize_t n = utf8proc_encode_char(cp, enc);
    for (utf8proc_ssize_t i = 0; i < n; i++)
        ent_text__hasher_byte(hs, enc[i]);
}

/* The 8 ASCII bytes of c (high bits clear) with 'A'..'Z' folded to 'a'..'z'. */
static inline uint64_t fold_ascii8(uint64_t c)
{
    const uint64_t high = UINT64_C(0x8080808080808080);
    uint64_t from_a = (c + UINT64_C(0x3f3f3f3f3f3f3f3f)) & high; /* byte >= 'A' */
    uint64_t past_z = (c + UINT64_C(0x2525252525252525)) & high; /* byte > 'Z' */
    return c | ((from_a & ~past_z) >> 2);
}

/* The hash of the len bytes at p into *h when they are all ASCII (nearly every word): folded
 * and absorbed 8 bytes at a time, the tail packed the way the hasher packs it, so the same
 * value as byte by byte in a fraction of the work. 0 when a byte is not ASCII. */
static int hash_ascii(uint64_t *h, const unsigned char *p, size_t len)
{
    uint64_t acc = ENT_TEXT__HASH_SEED;
    for (size_t i = 0; i < len; i += 8) {
        size_t k = len - i < 8 ? len - i : 8;
        uint64_t c = 0;
        for (size_t j = 0; j < k; j++)
            c |= (uint64_t)p[i + j] << (8 * j);
        if (c & UINT64_C(0x8080808080808080))
            return 0;
        acc = ent_text__absorb(acc, fold_ascii8(c));
    }
    *h = ent_text__finish(acc, len);
    return 1;
}

uint64_t ent_text__hash_nfc(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h;
    if (hash_ascii(&h, p, len))
        return h;
    ent_text__hasher hs; /* not all ASCII: byte by byte */
    ent_text__hasher_init(&hs);
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        if (c < 0x80) {
            ent_text__hasher_byte(&hs, ent_text__lower[c]);
            i++;
        } else {
            unsigned n;
            fold_cp(&hs, ent_text__decode(p + i, len - i, &n));
            i += n;
        }
    }
    return ent_text__hasher_end(&hs);
}

uint64_t ent_text__hash_folded(const char *s, size_t len)
{
    uint64_t h = ENT_TEXT__HASH_SEED;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t c = 0;
        for (unsigned k = 0; k < 8; k++)
            c |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
        h = ent_text__absorb(h, c);
    }
    if (i < len) {
        uint64_t c = 0;
        for (unsigned k = 0; i + k < len; k++)
            c |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
        h = ent_text__absorb(h, c);
    }
    return ent_text__finish(h, len);
}

/*
 * True when a code point may change under NFC: it combines with what precedes it, it is
 * excluded from composition, it has a singleton canonical decomposition, or it is a Hangul
 * vowel or trailing consonant. Errs on the side of "yes".
 */
static int may_change_under_nfc(int32_t cp)
{
    if (cp < 0x300)
        return 0;
    if (cp >= 0x1161 && cp <= 0x11c2)
        return 1;
    const utf8proc_property_t *pr = utf8proc_get_property(cp);
    if (pr->combining_class != 0 || pr->comp_exclusion)
        return 1;
    if (pr->comb_index != UINT16_MAX && pr->comb_index >= 0x8000)
        return 1; /* second half of a canonical composition */
    if (pr->decomp_seqindex != UINT16_MAX && pr->decomp_type == 0) {
        utf8proc_int32_t d[4];
        utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 4, UTF8PROC_DECOMPOSE, NULL);
        if (n == 1)
            return 1; /* singleton: never appears in NFC */
    }
    return 0;
}

int ent_text__needs_nfc(int32_t cp)
{
    return may_change_under_nfc(cp);
}

/*
 * The rare path of ent_text_hash(): input with characters that NFC may change. Makes a valid
 * copy (broken sequences become U+FFFD, as the analyser does), composes it, hashes that.
 */
static uint64_t hash_slow(const unsigned char *p, size_t len)
{
    unsigned char *valid = malloc(len * 3 + 1);
    if (!valid)
        return ent_text__hash_nfc((const char *)p, len);
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        unsigned n;
        int32_t cp = ent_text__decode(p + i, len - i, &n);
        o += (size_t)utf8proc_encode_char(cp, valid + o);
        i += n;
    }
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t m =
        utf8proc_map(valid, (utf8proc_ssize_t)o, &nfc, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    uint64_t h = m >= 0 ? ent_text__hash_nfc((const char *)nfc, (size_t)m)
                        : ent_text__hash_nfc((const char *)valid, o);
    free(nfc);
    free(valid);
    return h;
}

uint64_t ent_text_hash(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!s)
        return ent_text__finish(ENT_TEXT__HASH_SEED, 0);
    uint64_t h;
    if (hash_ascii(&h, p, len)) /* ASCII needs no NFC check */
        return h;
    for (size_t i = 0; i < len;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        unsigned n;
        int32_t cp = ent_text__decode(p + i, len - i, &n);
        if (may_change_under_nfc(cp))
            return hash_slow(p, len);
        i += n;
    }
    return ent_text__hash_nfc(s, len);
}
