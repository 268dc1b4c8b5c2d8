/*
 * entente dedup — finds stories already seen: the same wire story printed by forty outlets
 * is stored and coded once, and counted forty times.
 *
 * A text's fingerprint has two parts:
 *   content_hash  a hash of its words, lower-cased, without punctuation or spacing: equal
 *                 for texts that differ only in layout, case or punctuation;
 *   signature     a 64-bit MinHash sketch of its word 3-shingles: 16 slots of 4 bits, each
 *                 slot the (hashed) smallest shingle of one of 16 hash bins ("one
 *                 permutation hashing", Li, Owen & Zhang 2012, with empty bins filled from
 *                 their neighbours). Two texts agree on a slot with probability about
 *                 J + (1 - J) / 16, J the Jaccard similarity of their shingle sets, so a
 *                 reprint with its own headline, dateline and sign-off (J ≈ 0.8) agrees on
 *                 most slots and another story (J ≈ 0) on almost none.
 * An ent_dedup index holds the fingerprints of the stories seen so far and answers "which
 * earlier story is this?" without comparing with every story: the slots are grouped into
 * four bands of four, and only stories that agree on a whole band are compared (LSH
 * banding; a reprint with J = 0.8 shares a band with probability 0.9).
 */
#ifndef ENTENTE_DEDUP_H
#define ENTENTE_DEDUP_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ent_fingerprint {
    uint64_t content_hash; /* never 0 */
    uint64_t signature;    /* MinHash sketch, 16 slots of 4 bits */
    uint32_t words;        /* words in the text */
} ent_fingerprint;

/* Fingerprints len bytes of UTF-8 text (need not be valid or NUL-terminated). */
ENT_API void ent_fingerprint_text(ent_fingerprint *out, const char *text, size_t len);

/* The number of the 16 slots on which two signatures agree. */
ENT_API int ent_signature_shared(uint64_t a, uint64_t b);

typedef struct ent_dedup ent_dedup;

typedef struct ent_dedup_options {
    int min_shared;   /* near duplicates agree on at least this many of the 16 slots (12:
                         Jaccard similarity about 0.7 or more) */
    uint32_t min_words; /* shorter texts are matched only exactly: their few shingles can't
                           tell apart two short items about the same thing */
    int max_days;     /* near duplicates are dated at most this many days apart (either date
                         unknown: no limit); exact duplicates match at any distance */
} ent_dedup_options;

#define ENT_DEDUP_OPTIONS_INIT {12, 40, 7}

/* opt may be NULL for ENT_DEDUP_OPTIONS_INIT. Caller frees with ent_dedup_destroy(). */
ENT_API int ent_dedup_create(ent_dedup **out, const ent_dedup_options *opt);
ENT_API void ent_dedup_destroy(ent_dedup *d);

/*
 * The id of the earliest added story that fp duplicates (exactly, or nearly: see the
 * options), or 0 when there is none. Ids are the caller's and must not be 0.
 */
ENT_API int64_t ent_dedup_find(const ent_dedup *d, const ent_fingerprint *fp, ent_date date);

/* Adds a story under id (not 0). Returns ENT_OK or ENT_ENOMEM. */
ENT_API int ent_dedup_add(ent_dedup *d, const ent_fingerprint *fp, ent_date date, int64_t id);

/* Stories added. */
ENT_API size_t ent_dedup_count(const ent_dedup *d);

/* The i-th story added (i < ent_dedup_count()), to copy an index elsewhere. Any out
 * parameter may be NULL. */
ENT_API void ent_dedup_story(ent_fingerprint *fp, ent_date *date, int64_t *id,
                             const ent_dedup *d, size_t i);

#ifdef __cplusplus
}
#endif
#endif
