/*
 * ingest — fingerprints of texts and the index of stories seen (include/entente/dedup.h).
 */
#include "entente/dedup.h"

#include "util/u64map.h"
#include "util/vec.h"

#include <stdlib.h>
#include <string.h>

#define BANDS 4
#define BAND_BITS 16
#define NO_STORY UINT32_MAX

/* ---------------------------------------------------------------- fingerprint ---- */

/* A strong 64-bit mix (splitmix64's finaliser): shingle hashes must have independent bits,
 * or the signature's bits are correlated and near-duplicate search degrades. */
static uint64_t mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static uint64_t rotl(uint64_t x, int r)
{
    return x << r | x >> (64 - r);
}

/* Word bytes, lower-cased: ASCII letters and digits, and every byte of a non-ASCII
 * character (so words in any script count, without decoding); 0 for the bytes between words.
 * One table load per byte instead of range tests and a case test: the fingerprint reads
 * every byte that is ingested. */
static const unsigned char word_byte[256] = {
#define ROW16(b)                                                                                   \
    WB(b + 0), WB(b + 1), WB(b + 2), WB(b + 3), WB(b + 4), WB(b + 5), WB(b + 6), WB(b + 7),        \
        WB(b + 8), WB(b + 9), WB(b + 10), WB(b + 11), WB(b + 12), WB(b + 13), WB(b + 14),          \
        WB(b + 15)
#define WB(c)                                                                                      \
    ((c) >= 'A' && (c) <= 'Z'                                                  ? (c) | 0x20        \
     : ((c) >= 'a' && (c) <= 'z') || ((c) >= '0' && (c) <= '9') || (c) >= 0x80 ? (c)               \
                                                                               : 0)
    ROW16(0x00), ROW16(0x10), ROW16(0x20), ROW16(0x30), ROW16(0x40), ROW16(0x50),
    ROW16(0x60), ROW16(0x70), ROW16(0x80), ROW16(0x90), ROW16(0xa0), ROW16(0xb0),
    ROW16(0xc0), ROW16(0xd0), ROW16(0xe0), ROW16(0xf0),
#undef WB
#undef ROW16
};

#define SLOTS 16
#define SLOT_BITS 4

/* The sketch of the smallest value of each of the 16 bins (see dedup.h). */
static uint64_t signature_of(const uint64_t bins[SLOTS], int any)
{
    if (!any)
        return 0;
    /* An empty bin takes the value of the next full one, changed by the distance, so two
     * texts fill their empty bins the same way (densification). */
    uint64_t sig = 0;
    for (int i = 0; i < SLOTS; i++) {
        int k = 0;
        while (bins[(i + k) % SLOTS] == UINT64_MAX)
            k++;
        uint64_t v = mix(bins[(i + k) % SLOTS] + (uint64_t)k * 0x9e3779b97f4a7c15ULL);
        sig |= (v & ((1u << SLOT_BITS) - 1)) << (SLOT_BITS * i);
    }
    return sig;
}

static void add_shingle(uint64_t bins[SLOTS], uint64_t h)
{
    unsigned bin = (unsigned)(h >> (64 - SLOT_BITS));
    uint64_t value = h & (UINT64_MAX >> SLOT_BITS);
    if (value < bins[bin])
        bins[bin] = value;
}

void ent_fingerprint_text(ent_fingerprint *out, const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    uint64_t bins[SLOTS];
    for (int i = 0; i < SLOTS; i++)
        bins[i] = UINT64_MAX;
    uint64_t content = 0x9e3779b97f4a7c15ULL;
    uint64_t w1 = 0, w2 = 0; /* the two previous words' hashes */
    uint32_t words = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && !word_byte[p[i]])
            i++;
        if (i == len)
            break;
        uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a over the lower-cased word */
        unsigned char c;
        while (i < len && (c = word_byte[p[i]]) != 0) {
            h = (h ^ c) * 0x100000001b3ULL;
            i++;
        }
        /* Order matters for both hashes: rotations tell "a b" from "b a", and one strong
         * mix per word is enough for the shingle's bins. */
        content = (content ^ h) * 0x9fb21c651e98df25ULL + (content >> 29);
        words++;
        if (words >= 3)
            add_shingle(bins, mix(h ^ rotl(w1, 21) ^ rotl(w2, 42)));
        w2 = w1;
        w1 = h;
    }
    if (words > 0 && words < 3) /* too short for a shingle: the words are the shingle */
        add_shingle(bins, mix(w1 ^ rotl(w2, 21)));
    content = mix(content ^ words);
    out->content_hash = content ? content : 1;
    out->signature = signature_of(bins, words > 0);
    out->words = words;
}

int ent_signature_shared(uint64_t a, uint64_t b)
{
    int n = 0;
    for (int i = 0; i < SLOTS; i++, a >>= SLOT_BITS, b >>= SLOT_BITS)
        n += (a & 0xf) == (b & 0xf);
    return n;
}

/* ---------------------------------------------------------------- index ---- */

typedef struct story {
    int64_t id;
    uint64_t content_hash, signature;
    uint32_t words;
    ent_date date;
    uint32_t next[BANDS]; /* the previous story with the same band value, or NO_STORY */
} story;

struct ent_dedup {
    ent_dedup_options opt;
    story *stories; /* in the order added, so a smaller index is an earlier story */
    size_t count, cap;
    ent_u64map exact; /* content hash → index of the first story with it */
    uint32_t *heads;  /* BANDS × 2^16: the newest story with each band value */
};

int ent_dedup_create(ent_dedup **out, const ent_dedup_options *opt)
{
    static const ent_dedup_options defaults = ENT_DEDUP_OPTIONS_INIT;
    *out = NULL;
    ent_dedup *d = calloc(1, sizeof *d);
    if (!d)
        return ENT_ENOMEM;
    d->opt = opt ? *opt : defaults;
    d->heads = malloc(sizeof *d->heads * BANDS << BAND_BITS);
    if (!d->heads) {
        free(d);
        return ENT_ENOMEM;
    }
    memset(d->heads, 0xff, sizeof *d->heads * BANDS << BAND_BITS); /* NO_STORY */
    *out = d;
    return ENT_OK;
}

void ent_dedup_destroy(ent_dedup *d)
{
    if (!d)
        return;
    free(d->stories);
    free(d->heads);
    ent_u64map_free(&d->exact);
    free(d);
}

size_t ent_dedup_count(const ent_dedup *d)
{
    return d->count;
}

void ent_dedup_story(ent_fingerprint *fp, ent_date *date, int64_t *id, const ent_dedup *d,
                     size_t i)
{
    const story *s = &d->stories[i];
    if (fp) {
        fp->content_hash = s->content_hash;
        fp->signature = s->signature;
        fp->words = s->words;
    }
    if (date)
        *date = s->date;
    if (id)
        *id = s->id;
}

static unsigned band(uint64_t signature, int b)
{
    return (unsigned)(signature >> (b * BAND_BITS)) & ((1u << BAND_BITS) - 1);
}

static int within_days(const ent_dedup *d, ent_date a, ent_date b)
{
    if (a == ENT_DATE_NONE || b == ENT_DATE_NONE)
        return 1;
    int64_t diff = (int64_t)a - b;
    return diff <= d->opt.max_days && -diff <= d->opt.max_days;
}

int64_t ent_dedup_find(const ent_dedup *d, const ent_fingerprint *fp, ent_date date)
{
    const uint32_t *first = ent_u64map_get(&d->exact, fp->content_hash);
    uint32_t best = first ? *first : NO_STORY;
    if (fp->words >= d->opt.min_words) {
        for (int b = 0; b < BANDS; b++) {
            uint32_t i = d->heads[(size_t)b << BAND_BITS | band(fp->signature, b)];
            for (; i != NO_STORY; i = d->stories[i].next[b]) {
                const story *s = &d->stories[i];
                /* Chains run newest first: nothing further down can beat a match found at
                 * a smaller index than best, but earlier ones may. */
                if (i < best &&
                    ent_signature_shared(s->signature, fp->signature) >= d->opt.min_shared &&
                    within_days(d, s->date, date))
                    best = i;
            }
        }
    }
    return best == NO_STORY ? 0 : d->stories[best].id;
}

int ent_dedup_add(ent_dedup *d, const ent_fingerprint *fp, ent_date date, int64_t id)
{
    if (d->count >= NO_STORY - 1)
        return ENT_ENOMEM;
    if (ent_vec_reserve((void **)&d->stories, &d->cap, d->count + 1, sizeof *d->stories) < 0)
        return ENT_ENOMEM;
    uint32_t index = (uint32_t)d->count;
    if (!ent_u64map_get(&d->exact, fp->content_hash) &&
        ent_u64map_put(&d->exact, fp->content_hash, index) < 0)
        return ENT_ENOMEM;
    story *s = &d->stories[index];
    s->id = id;
    s->content_hash = fp->content_hash;
    s->signature = fp->signature;
    s->words = fp->words;
    s->date = date;
    for (int b = 0; b < BANDS; b++)
        s->next[b] = NO_STORY;
    if (fp->words >= d->opt.min_words) /* short texts are found by their exact hash only */
        for (int b = 0; b < BANDS; b++) {
            uint32_t *head = &d->heads[(size_t)b << BAND_BITS | band(fp->signature, b)];
            s->next[b] = *head;
            *head = index;
        }
    d->count++;
    return ENT_OK;
}
