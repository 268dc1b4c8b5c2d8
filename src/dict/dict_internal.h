/*
 * dict — the compiled dictionary, shared by the dict loaders (which fill it) and the coder
 * (which reads it). Everything here is immutable once ent_dict_load() returns.
 *
 * Phrases (actors, agents, discards, issues) are token-hash sequences sorted by first token,
 * then longest first, so the coder finds the longest match at a position by scanning one
 * bucket. Verb patterns are grouped by the lemma of their head verb.
 */
#ifndef ENTENTE_DICT_INTERNAL_H
#define ENTENTE_DICT_INTERNAL_H

#include "entente/dict.h"
#include "util/arena.h"
#include "util/u64map.h"

enum phrase_kind { PH_ACTOR = 1, PH_AGENT = 2, PH_DISCARD = 4, PH_ISSUE = 8, PH_PLACE = 16 };

/* Case a text token needs to match an actor phrase: "US" must not match the pronoun "us",
 * nor "Chad" the word "chad". Taken from how the dictionary writes the phrase. */
enum { CAPS_ANY = 0, CAPS_FIRST = 1, CAPS_ALL = 2 };

/* A dictionary phrase. For actors, several entries may share one token sequence with
 * different date ranges (a person in and out of office). */
typedef struct ent_phrase {
    uint64_t first;    /* hash of the first token: the index key */
    uint64_t second;   /* hash of the second token when it is a whole word, else 0: the
                        * coder rejects most phrases of a common first word ("the …") on
                        * it, without reading their tokens elsewhere in memory */
    uint32_t tok_off;  /* first token hash in dict->phrase_tokens */
    uint16_t ntok;
    uint8_t kind;      /* enum phrase_kind */
    uint8_t by_lemma;  /* tokens are lemma hashes (issues) instead of form hashes */
    uint8_t caps;      /* the text must be capitalised: CAPS_FIRST or CAPS_ALL */
    uint8_t stem_len;  /* >0: the last word is a stem of this many bytes ("Arnor*"), which
                        * matches every word it begins ("Arnorian"); 0: a whole word */
    uint16_t layer;    /* 0: built-in; n: the n-th --dict file. A later layer ranks first */
    uint32_t value;    /* actor/agent: code id; discard/issue: label id */
    ent_date from, to; /* inclusive validity; ENT_DATE_NONE..: unrestricted */
    uint32_t order;    /* load order, the last tie-breaker */
    const char *rule;  /* "dict/countries.ent:120 actor RUS 'Russia'" */
    const char *name;  /* first phrase of its line: the entity's display name */
} ent_phrase;

/* Pattern elements. */
enum { PAT_WORD = 0, PAT_TARGET = 1, PAT_GAP = 2, PAT_SOURCE = 3 };

typedef struct ent_pattern_elem {
    uint64_t lemma; /* PAT_WORD only: the lemma of the word as written… */
    uint64_t form;  /* …and the word as written, since patterns are written in base form
                     * and WordNet would turn "lay" into "lie", "wound" into "wind" */
    uint8_t type;
} ent_pattern_elem;

/* A set of words as 256 bits, one per word hash (ent_pattern.need): long news clauses fill a
 * smaller set too far for it to reject anything. */
typedef struct ent_word_set {
    uint64_t bits[4];
} ent_word_set;

static inline void ent_word_set_add(ent_word_set *s, uint64_t hash)
{
    s->bits[(hash >> 6) & 3] |= (uint64_t)1 << (hash & 63);
}

/* 1 when every word of need is in have. */
static inline int ent_word_set_covers(const ent_word_set *have, const ent_word_set *need)
{
    return ((have->bits[0] & need->bits[0]) == need->bits[0]) &
           ((have->bits[1] & need->bits[1]) == need->bits[1]) &
           ((have->bits[2] & need->bits[2]) == need->bits[2]) &
           ((have->bits[3] & need->bits[3]) == need->bits[3]);
}

typedef struct ent_pattern {
    uint64_t head;       /* lemma hash of the head verb */
    /* The literal words whose lemma and form are one word (lemma hash == form hash): a
     * clause lacking one of them among its tokens' lemmas and forms cannot match, so a verb
     * with thousands of patterns (a synset-expanded PETRARCH dictionary) rejects most of
     * them without walking their elements. */
    ent_word_set need;
    uint32_t elem_off;   /* elements after the head, in dict->pattern_elems */
    uint32_t pre_off;    /* elements before the head ("not > urge"), in written order */
    uint16_t npre;
    uint8_t compound;         /* "% > renew": the subject must be two or more actors together */
    uint8_t passive;          /* "+ > shoot * dead": the target stands before the verb, as the
                                 subject of a passive clause; tried in the passive only */
    ent_word_set need_before; /* those elements' literal words, as need */
    uint16_t nelem;
    uint16_t nwords;     /* literal words after the head: the pattern's length for ranking */
    uint16_t layer;      /* 0: built-in; n: the n-th --dict file. A later layer ranks first */
    char code[5];        /* CAMEO code */
    char reverse[5];     /* "" or the code of the reverse event, target to source ("042/043") */
    const char *rule;
} ent_pattern;

/*
 * A transformation (@transformations): an event reported in the clause a verb governs becomes
 * an act of that verb's subject, the speaker ("Iraq said Iran attacked the ships" as Iraq's
 * accusation of Iran). The slots hold a variable ('a'..'z', one actor or group of actors),
 * TRANSFORM_ANY or TRANSFORM_NONE.
 */
enum { TRANSFORM_ANY = '.', TRANSFORM_NONE = '_' };

/* Which verbs or events a transformation names: a verb lemma, or codes by their prefix. */
typedef struct ent_verb_test {
    uint64_t lemma; /* the lemma's hash, or 0 */
    char family[5]; /* with lemma 0: a code prefix ("01" for 010, 012 …), "" for any code */
} ent_verb_test;

typedef struct ent_transform {
    ent_verb_test governing;     /* the reporting verb, by its own code (its verb-only pattern) */
    ent_verb_test reported;      /* the reported event, by its code */
    char speaker;                /* the governing verb's subject: a variable */
    char source, target;         /* the reported event's */
    char new_source, new_target; /* the new event's: variables bound by the three above */
    char code[5];                /* the new event's code; "" keeps the reported event's */
    const char *rule;
} ent_transform;

typedef struct ent_cameo_entry {
    char code[5];
    double goldstein;
    const char *label;
} ent_cameo_entry;

/* The first three letters of a stem, folded to a-z, as a number below STEM_STARTS: a word
 * whose first three letters no one-word stem has needs no stem lookups. -1: not letters. */
#define STEM_STARTS (26 * 26 * 26)
static inline int ent_dict__stem_start(const char *s)
{
    int n = 0;
    for (int i = 0; i < 3; i++) {
        int c = (unsigned char)s[i] | 0x20; /* ASCII letters folded to lower case */
        if (c < 'a' || c > 'z')
            return -1;
        n = n * 26 + (c - 'a');
    }
    return n;
}

/* Bucket of a u64map value: offset and count packed as (off << 8 | count) would limit
 * counts, so buckets index a side array instead. */
typedef struct ent_bucket {
    uint32_t off, count;
    uint32_t kinds; /* phrase buckets: the kinds of its phrases (enum phrase_kind bits) */
    uint32_t keys;  /* pattern buckets: offset of its key table in pattern_keys, or
                       UINT32_MAX (see ent_dict__pattern_keys) */
} ent_bucket;

struct ent_dict {
    ent_lexicon *lexicon;
    ent_arena pool;            /* every string and rule text */

    const char **codes;        /* code id -> code string ("RUS", "GOV", "SPORT") */
    const char **code_names;   /* code id -> display name or NULL */
    size_t ncodes;
    ent_u64map code_ids;       /* hash of code string -> code id */

    uint64_t *phrase_tokens;
    ent_phrase *phrases;
    size_t nphrases;
    ent_u64map phrase_index;   /* first token hash -> bucket id */
    ent_bucket *phrase_buckets;
    /* Each phrase's second again, in the phrases' order, packed: a common first word ("the")
     * has thousands of phrases, nearly all rejected on their second word. */
    uint64_t *phrase_seconds;
    uint64_t stem_lengths; /* bit L: a one-word phrase is a stem of L bytes (L < 64) */
    uint64_t stem_starts[STEM_STARTS / 64 + 1]; /* bit: a one-word stem begins so */

    ent_pattern_elem *pattern_elems;
    ent_pattern *patterns;
    size_t npatterns;
    ent_u64map pattern_index;  /* head lemma -> bucket id */
    ent_bucket *pattern_buckets;
    /* Each pattern's need again, in the patterns' order, packed: the coder tests thousands
     * of a verb's patterns against a clause, nearly all rejected on this set, and reading it
     * from the patterns themselves (four times larger) made that scan wait on memory. */
    ent_word_set *pattern_needs;
    uint32_t *pattern_keys; /* the key tables of the large pattern buckets */
    /* The words patterns name before their verb ("said * > boycott"), lemmas and forms as
     * written: a noun heads a pattern only after such a word (the coder's light-verb phrases). */
    ent_u64map words_before_verbs;

    ent_cameo_entry *cameo;
    size_t ncameo;
    ent_u64map cameo_index;    /* hash of code string -> index into cameo */
    ent_u64map negations;      /* hash of an event code -> code id of its negation (@negations) */
    ent_transform *transforms; /* @transformations, in load order */
    size_t ntransforms;
    /* With transformations, per pattern bucket: 1 + the index of its verb-only pattern of the
     * latest file ("010 : say"), 0 when it has none (ent_dict__own_code) */
    uint32_t *verb_only;

    ent_dict_stats stats;
};

/* 0 when no one-word stem begins with the first three bytes at s (which must be there). */
static inline int ent_dict__stem_may_begin(const ent_dict *d, const char *s)
{
    int n = ent_dict__stem_start(s);
    return n >= 0 && (d->stem_starts[n / 64] >> (n % 64) & 1);
}

/* A one-word stem ("Arnor*"): in a bucket found by a word's first bytes, the only phrases
 * that begin the word. */
static inline int ent_dict__one_word_stem(const ent_phrase *p)
{
    return p->ntok == 1 && p->stem_len;
}

/* Code id of a code string already in the dictionary, or UINT32_MAX. */
uint32_t ent_dict__code_id(const ent_dict *dict, const char *code, size_t len);

/* The phrases whose first token hash is first, longest first, of all kinds, when one of them
 * is of a kind in kinds (enum phrase_kind bits); *count is 0 when none is. A caller looking
 * for one kind so passes over the buckets of common words ("the") that have none of it,
 * without reading their phrases. */
const ent_phrase *ent_dict__phrases_at(const ent_dict *dict, uint64_t first, unsigned kinds,
                                       size_t *count);

/* 1 when a pattern names the word with this lemma or form hash before its verb. */
int ent_dict__word_before_verb(const ent_dict *dict, uint64_t hash);

/* The event a negated verb codes when its pattern gives code (@negations), or NULL. */
const char *ent_dict__negation(const ent_dict *dict, const char *code);

/* The code of the verb-only pattern of a verb ("010 : say"), the latest file's: what the verb
 * says by itself, whatever words its other patterns need. NULL when it has none, or when the
 * dictionary has no transformations (the only ones that ask). */
const char *ent_dict__own_code(const ent_dict *dict, uint64_t head);

/* The verb patterns with this head lemma, best first. */
const ent_pattern *ent_dict__patterns_for(const ent_dict *dict, uint64_t head, size_t *count);

/* The seconds of the phrases from p on (one of ent_dict__phrases_at()'s), packed. */
static inline const uint64_t *ent_dict__seconds_of(const ent_dict *d, const ent_phrase *p)
{
    return p ? d->phrase_seconds + (p - d->phrases) : NULL;
}

/* The needs of the patterns from p on (one of ent_dict__patterns_for()'s), packed: the
 * need of p[i] is the result's [i]. NULL for NULL. */
static inline const ent_word_set *ent_dict__needs_of(const ent_dict *d, const ent_pattern *p)
{
    return p ? d->pattern_needs + (p - d->patterns) : NULL;
}

/*
 * A verb with many patterns (CAMEO.2.0 gives common verbs thousands) has a key table: each of
 * its patterns is filed under one bit of its need, the one fewest patterns share, or under
 * ENT_WORD_SET_BITS when its need is empty. A pattern can match a clause only when its key bit
 * is among the clause's words, so the coder tries only the patterns filed under those bits.
 * Table layout: ENT_WORD_SET_BITS + 2 offsets (into the table, after them), then the bucket's
 * pattern indices (relative to its first pattern), in order within each bit.
 */
enum { ENT_WORD_SET_BITS = 256, ENT_PATTERN_KEYED_MIN = 64, ENT_PATTERN_KEYED_MAX = 65536 };

/* The key table of the patterns with this head lemma, or NULL when they have none. */
const uint32_t *ent_dict__pattern_keys(const ent_dict *dict, uint64_t head);

/* Hash of the %score discard word. */
uint64_t ent_dict__score_hash(void);

/* The CAMEO entry of a code, or NULL. */
const ent_cameo_entry *ent_dict__cameo(const ent_dict *dict, const char *code);

/* ASCII character classes of the translators: dictionary syntax is ASCII, and <ctype.h>
   would follow the locale. */
static inline int ent_dict__is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static inline int ent_dict__is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static inline int ent_dict__is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static inline int ent_dict__is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* 1 when the n bytes at s, min to max of them, are a code of A-Z and 0-9 ("IRNGOV", "057"). */
static inline int ent_dict__is_code(const char *s, size_t n, size_t min, size_t max)
{
    if (n < min || n > max)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!ent_dict__is_upper(s[i]) && !ent_dict__is_digit(s[i]))
            return 0;
    return 1;
}

/* 1 when the n bytes at s are an event code: 2 to 4 digits ("04", "057", "0311"), or 3 digits
 * and a capital letter ("174K", TABARI's way of refining a CAMEO code, whose base event is then
 * its first three characters). */
static inline int ent_dict__is_event_code(const char *s, size_t n)
{
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!ent_dict__is_digit(s[i]) && !(i == 3 && ent_dict__is_upper(s[i])))
            return 0;
    return 1;
}

/* The length of the CAMEO code an event code refines: 3 for "174K", n for a code of digits. A
 * refinement no @cameo section declares takes its base code's weight and label. */
static inline size_t ent_dict__unrefined_len(const char *s, size_t n)
{
    return n == 4 && ent_dict__is_upper(s[3]) ? 3 : n;
}

/* Most actors one phrase may name ("THE_SHIRE [FRO/BIL/SAM]"), and the longest text of
 * their codes: the translators keep a code in a buffer of ENT_DICT_ACTOR_CODES_MAX + 1. */
enum { ENT_DICT_MAX_ACTORS_PER_PHRASE = 8, ENT_DICT_ACTOR_CODES_MAX = 63 };

/* 1 when the n bytes at s are an actor code, or several joined by '/' for a phrase that names
 * several actors at once ("DZA/EGY" for "Algerian-Egyptian"), at most ENT_DICT_ACTOR_CODES_MAX
 * bytes in all. */
static inline int ent_dict__is_actor_codes(const char *s, size_t n)
{
    if (n > ENT_DICT_ACTOR_CODES_MAX)
        return 0;
    size_t parts = 0;
    for (size_t i = 0; i <= n; parts++) {
        size_t j = i;
        while (j < n && s[j] != '/')
            j++;
        if (parts == ENT_DICT_MAX_ACTORS_PER_PHRASE || !ent_dict__is_code(s + i, j - i, 3, 15))
            return 0;
        i = j + 1;
    }
    return 1;
}

/* 1 when the n bytes at s are all ASCII letters. */
static inline int ent_dict__is_letters(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!ent_dict__is_upper(s[i]) && !ent_dict__is_lower(s[i]))
            return 0;
    return 1;
}

/*
 * Foreign dictionaries (TABARI, PETRARCH) are read by translating them into entente's own
 * .ent text (docs/dictionary-format.md), which the ordinary loader then parses: one
 * translator per family, each a pure function from a file's bytes to .ent text appended to
 * out. Before the first entry from a new source line the translator writes "@line N" (N the
 * 1-based line in the original file), so the loader's diagnostics name the original file
 * and line. A line the translator cannot read is reported through diag (the original file
 * and line) and counted in *skipped; *entries counts the .ent entries written.
 * Returns ENT_OK or ENT_ENOMEM.
 */
struct ent_buf;
typedef struct ent_dict__foreign_stats {
    size_t entries, skipped;
} ent_dict__foreign_stats;

/*
 * Event codes a foreign dictionary uses that entente's CAMEO codebook lacks (WEIS codes,
 * a project's own extensions: 222, 901). The translators keep the patterns that use them
 * and declare each code once, at the end of their output, in an @cameo section with
 * Goldstein 0, so the patterns load and the events carry the codes as the dictionary wrote
 * them. Zero-initialise; free with ent_dict__extra_codes_free().
 */
typedef struct ent_dict__extra_codes {
    struct ent_dict__extra_code {
        char code[5];
        long line; /* of the first use, for @line */
    } * codes;
    size_t n, cap;
    ent_u64map seen;
} ent_dict__extra_codes;

/* Records the n digits at code (2 to 4) used on line. Returns 0, or -1 when out of memory. */
int ent_dict__extra_code_add(ent_dict__extra_codes *x, const char *code, size_t n, long line);

/* Appends the @cameo section declaring the codes, if any, to out. */
void ent_dict__extra_codes_write(struct ent_buf *out, const ent_dict__extra_codes *x,
                                 const char *file);
void ent_dict__extra_codes_free(ent_dict__extra_codes *x);

int ent_dict__tabari_translate(struct ent_buf *out, const char *name, const char *data,
                               size_t len, ent_diag_fn diag, void *diag_ctx,
                               ent_dict__foreign_stats *st);
/* The lemma hash of the one word w into *lemma when text's lexicon knows it as a verb (a base
 * or an inflected form); 0 when it does not. The translators read verb heads with it. */
int ent_dict__verb_lemma(struct ent_text *text, const char *w, size_t n, uint64_t *lemma);

/* The base form of w whose lemma hash is lemma, when it is w less a regular ending with "",
 * "e" or "y" after it ("risen": rise, "paid": pay), into base; its length, or 0. */
enum { ENT_DICT_BASE_MAX = 64 };
size_t ent_dict__regular_base(char base[ENT_DICT_BASE_MAX], const char *w, size_t n,
                              uint64_t lemma);

/* text, when not NULL, is an analyser whose lexicon turns a verb written in a regular
 * inflection ("RISEN", "KILLED") into its lemma, as .ent heads are; without it heads are
 * written as they are. */
int ent_dict__petrarch_translate(struct ent_buf *out, const char *name, const char *data,
                                 size_t len, ent_diag_fn diag, void *diag_ctx,
                                 ent_dict__foreign_stats *st, struct ent_text *text);

#endif
