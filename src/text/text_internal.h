/*
 * text — stage 2: declarations shared by the files of the text module (hashing, the
 * lexicon, normalisation, tokenizer, sentence splitter, tagger). Not part of the public API.
 */
#ifndef ENTENTE_TEXT_INTERNAL_H
#define ENTENTE_TEXT_INTERNAL_H

#include "entente/text.h"

#include <stdint.h>

/* ---- hashing (hash.c) ---- */

/*
 * The word hash works on the case-folded UTF-8 byte string in 8-byte little-endian chunks
 * (the last one zero-padded): h = absorb(h, chunk) for each, then finish(h, length). The
 * tokenizer computes the same value 8 bytes at a time with SWAR case folding; everything
 * else streams bytes through ent_text__hasher. Both must stay in step.
 */
#define ENT_TEXT__HASH_SEED UINT64_C(0x243f6a8885a308d3)

static inline uint64_t ent_text__absorb(uint64_t h, uint64_t chunk)
{
    h ^= chunk;
    h *= UINT64_C(0x9e3779b97f4a7c15);
    return h ^ (h >> 32);
}

static inline uint64_t ent_text__finish(uint64_t h, size_t len)
{
    h ^= (uint64_t)len * UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h *= UINT64_C(0xc4ceb9fe1a85ec53);
    h ^= h >> 33;
    return h;
}

/* Streaming form of the hash over bytes that are already folded. */
typedef struct ent_text__hasher {
    uint64_t h, acc;
    size_t len;
    unsigned fill;
} ent_text__hasher;

static inline void ent_text__hasher_init(ent_text__hasher *hs)
{
    hs->h = ENT_TEXT__HASH_SEED;
    hs->acc = 0;
    hs->len = 0;
    hs->fill = 0;
}

static inline void ent_text__hasher_byte(ent_text__hasher *hs, unsigned char c)
{
    hs->acc |= (uint64_t)c << (8 * hs->fill);
    hs->len++;
    if (++hs->fill == 8) {
        hs->h = ent_text__absorb(hs->h, hs->acc);
        hs->acc = 0;
        hs->fill = 0;
    }
}

static inline uint64_t ent_text__hasher_end(const ent_text__hasher *hs)
{
    uint64_t h = hs->fill ? ent_text__absorb(hs->h, hs->acc) : hs->h;
    return ent_text__finish(h, hs->len);
}

/* ASCII lower-case table: 'A'..'Z' map to 'a'..'z', every other byte to itself. */
extern const unsigned char ent_text__lower[256];

/*
 * Hash of len bytes that are already NFC (a token of the analysed buffer). Same value as
 * ent_text_hash() for NFC input, without the NFC check.
 */
uint64_t ent_text__hash_nfc(const char *s, size_t len);

/* Hash of len bytes that are already folded (lower-case ASCII). */
uint64_t ent_text__hash_folded(const char *s, size_t len);

/* True when NFC may change the code point cp (conservative). */
int ent_text__needs_nfc(int32_t cp);

/* ---- UTF-8 helpers (normalise.c) ---- */

/*
 * Decodes one code point from valid UTF-8 (the analysed buffer is always valid) at s, with
 * n > 0 bytes available; stores its length in *len. Returns 0xFFFD with *len = 1 on a broken
 * sequence so that callers never loop forever.
 */
int32_t ent_text__decode(const unsigned char *s, size_t n, unsigned *len);

/* ---- lexicon (lexicon.c, closed_class.c) ---- */

/* Lexicon entry flags (LX_*). */
enum {
    ENT_LX_CLOSED = 1u << 0,      /* closed-class word: the tagger takes .pos from the table */
    ENT_LX_VERB = 1u << 1,        /* a verb lemma (WordNet index.verb or the table) */
    ENT_LX_VERB_EXC = 1u << 2,    /* irregular verb form: .vlemma and .vform */
    ENT_LX_NOUN_EXC = 1u << 3,    /* irregular noun plural: .nlemma */
    ENT_LX_NOUN = 1u << 4,        /* known common noun */
    ENT_LX_ABBR = 1u << 5,        /* abbreviation that keeps its period ("Mr.", "U.S.") */
    ENT_LX_ABBR_TITLE = 1u << 6,  /* an abbreviation that never ends a sentence ("Mr.") */
    ENT_LX_ABBR_NUM = 1u << 7,    /* only an abbreviation before a number ("No. 10") */
    ENT_LX_CAP_ONLY = 1u << 8,    /* the table entry applies only when capitalised */
    ENT_LX_STARTER = 1u << 9,     /* typical first word of a sentence ("The", "He", "But") */
    ENT_LX_SUBJ = 1u << 10,       /* subject pronoun (I, you, he, she, it, we, they, there) */
    ENT_LX_BE = 1u << 11,         /* a form of "be" */
    ENT_LX_HAVE = 1u << 12,       /* a form of "have" */
    ENT_LX_DO = 1u << 13,         /* a form of "do" */
    ENT_LX_DEMONYM = 1u << 14,    /* nationality word used as a modifier ("Russian") */
    ENT_LX_CAPS_PROPN = 1u << 15, /* written in capitals it is a name ("US" vs "us") */
    ENT_LX_OF = 1u << 16,         /* "of" */
    ENT_LX_TO = 1u << 17,         /* "to" */
    ENT_LX_THAT = 1u << 18,       /* "that" (SCONJ, DET or relative) */
    ENT_LX_POSSDET = 1u << 19,    /* "her"/"his": determiner or pronoun */
    ENT_LX_ADP_SCONJ = 1u << 20,  /* after, before, since, until, as: ADP or SCONJ */
    ENT_LX_MAY = 1u << 21,        /* "May": the month or the modal */
    ENT_LX_ADJ = 1u << 22,        /* known adjective */
    ENT_LX_PLURAL = 1u << 23,     /* plural noun without -s ("people", "police") */
    ENT_LX_BY = 1u << 24,         /* "by" (marks a passive after "be") */
    ENT_LX_SAY = 1u << 25,        /* -s form of a reporting verb ("says", "warns") */
    ENT_LX_THE = 1u << 26,        /* "the" */
    ENT_LX_AND = 1u << 27,        /* "and" */
    ENT_LX_PART_BASE = 1u << 28,  /* a verb whose past participle is its base form ("cut") */
    ENT_LX_PAST_BASE = 1u << 29,  /* and its past tense too ("cut", not "come") */
    ENT_LX_CLAUSE = 1u << 30      /* its clause follows without "that" ("said Moscow opposes") */
};

/* One lexicon entry (values of the open-addressing table). */
typedef struct ent_text__lexent {
    uint64_t vlemma; /* lemma as a verb or closed-class lemma (0: the form itself) */
    uint64_t nlemma; /* lemma as a noun (0: the form itself) */
    uint32_t flags;  /* ENT_LX_* */
    uint8_t pos;     /* ent_pos for closed-class words */
    uint8_t vform;   /* ent_vform for closed-class and irregular verb forms */
} ent_text__lexent;

/* One row of the built-in closed-class table. */
typedef struct ent_text__closed {
    const char *word;  /* lower case; abbreviations include their period */
    const char *lemma; /* NULL: the word itself */
    uint8_t pos;       /* ent_pos */
    uint8_t vform;     /* ent_vform */
    uint32_t flags;    /* ENT_LX_* */
} ent_text__closed;

extern const ent_text__closed ent_text__closed_class[];
extern const size_t ent_text__closed_class_count;

/* Finds the entry for a form hash, or NULL. */
const ent_text__lexent *ent_text__lex_find(const ent_lexicon *lex, uint64_t form);

/* Word endings the tagger looks at, worked out once per word form (ent_text__word.sfx). */
enum {
    ENT_SFX_LY = 1 << 0,      /* -ly, longer than 4 letters */
    ENT_SFX_ADJ = 1 << 1,     /* -ous -ive -al -ic -ful -less -able -ible, longer than 4 */
    ENT_SFX_IAN = 1 << 2,     /* -ian, longer than 4 */
    ENT_SFX_ED = 1 << 3,      /* -ed, longer than 4 */
    ENT_SFX_DEMONYM = 1 << 4, /* -ian -ean -ese -ish */
    ENT_SFX_S = 1 << 5        /* -s but not -ss -us -is */
};

/* What the lexicon says about one word in context. */
typedef struct ent_text__word {
    uint64_t lemma;  /* lemma hash */
    uint32_t lx;     /* ENT_LX_* flags of the entry (0 when unknown) */
    uint16_t tflags; /* ENT_TOK_CAN_VERB / ENT_TOK_CAN_NOUN */
    uint8_t cpos;    /* closed-class pos, or ENT_POS_X */
    uint8_t vform;   /* ent_vform */
    uint8_t sfx;     /* ENT_SFX_* */
    uint8_t key;     /* used by the lookup cache */
} ent_text__word;

/*
 * Looks a word up: closed class, irregular forms, verb lemmas, then suffix rules. form is its
 * ent_text_hash(); cap is non-zero when it starts with a capital letter; plural is non-zero
 * when an -s word that is not a verb form may be reduced to a singular noun lemma.
 */
void ent_text__lookup(ent_text__word *out, const ent_lexicon *lex, const char *s, size_t len,
                      uint64_t form, int cap, int plural);

/* ---- the analyser (text.c) ---- */

/* Whitespace before a token (ent_text__tokx.gap). */
enum {
    ENT_GAP_NONE = 0,    /* attached to the previous token */
    ENT_GAP_SPACE = 1,   /* spaces or tabs */
    ENT_GAP_NEWLINE = 2, /* one line break */
    ENT_GAP_BLANK = 3    /* a blank line, or the start of the text */
};

/* Punctuation that matters to the sentence splitter (ent_text__tokx.mark). */
enum {
    ENT_MARK_TERM = 1 << 0,  /* . ! ? ... … */
    ENT_MARK_CLOSE = 1 << 1, /* ) ] } or a quote */
    ENT_MARK_OPEN = 1 << 2,  /* ( [ */
    ENT_MARK_ABBR = 1 << 3,  /* a word ending in a period it kept (U.S., Mr., J.) */
    ENT_MARK_COMMA = 1 << 4  /* , */
};

/* Per-token working data kept beside the public token array. */
typedef struct ent_text__tokx {
    uint32_t lx;  /* ENT_LX_* flags of the lexicon entry */
    uint8_t gap;  /* ENT_GAP_* */
    uint8_t cpos; /* closed-class or tokenizer-given pos (ENT_POS_X: open word) */
    uint8_t mark; /* ENT_MARK_* */
    uint8_t sfx;  /* ENT_SFX_* */
} ent_text__tokx;

/* One slot of the per-analyser cache of lexicon lookups (direct-mapped by form hash). */
typedef struct ent_text__cached {
    uint64_t form;
    ent_text__word w;
    uint8_t key; /* 0: empty; else 1 | cap << 1 | plural << 2 */
} ent_text__cached;

#define ENT_TEXT__CACHE_BITS 14

/* ent_text__lookup() through the analyser's cache. */
void ent_text__lookup_cached(ent_text__word *out, ent_text *t, const char *s, size_t len,
                             uint64_t form, int cap, int plural);

struct ent_text {
    const ent_lexicon *lex;
    const char *buf; /* analysed text: the input or norm */
    size_t len;
    int normalised;
    size_t invalid, first_invalid;

    char *norm; /* normalised copy */
    size_t norm_cap;
    int32_t *cps; /* code points for NFC */
    size_t cps_cap;

    ent_token *tok;
    ent_text__tokx *tokx;
    size_t ntok, tok_cap;

    ent_sentence *sent;
    size_t nsent, sent_cap;

    ent_text__cached *cache;  /* 1 << ENT_TEXT__CACHE_BITS slots */
    uint64_t ascii_hash[128]; /* hash of each one-byte ASCII token */
};

/* Makes t->buf/t->len the normalised input (normalise.c). ENT_OK or ENT_ENOMEM. */
int ent_text__normalise(ent_text *t, const char *text, size_t len);

/* Grows the token arrays to hold at least need tokens. ENT_OK or ENT_ENOMEM. */
int ent_text__reserve_tokens(ent_text *t, size_t need);

/* Tokenizes t->buf into t->tok / t->tokx, with forms and lexicon data (tokenize.c). */
int ent_text__tokenize(ent_text *t);

/* Splits the tokens into sentences and sets ENT_TOK_SENT_START (sentence.c). */
int ent_text__split(ent_text *t, int whole);

/* Tags the tokens of one sentence (tagger.c). */
void ent_text__tag(ent_text *t, const ent_sentence *s);

/* Longest sentence, in tokens: longer runs without a boundary are cut (sentence.c). */
#define ENT_TEXT__MAX_SENTENCE_TOKENS 1000

#endif
