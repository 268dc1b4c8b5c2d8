/*
 * text — stage 2: the lexicon. One open-addressing hash table keyed by the 64-bit word hash,
 * filled from the built-in closed-class table (closed_class.c) and WordNet's index.verb
 * (verb lemmas), verb.exc and noun.exc (irregular forms). Read-only after loading, so one
 * lexicon serves every thread.
 *
 * Lemmas of regular forms come from suffix rules checked against the verb lemmas:
 * -ied/-ies → -y, -ed/-ing with a doubled consonant undone (stopped → stop) or an -e put back
 * (making → make), -s/-es; a candidate counts only if it is a known verb. An -s word that is
 * not a verb form is reduced as a plural noun unless it ends in -ss, -us, -is or -ous or the
 * stem would be shorter than three letters ("news", "gas", "crisis" stay).
 */
#include "text_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ent_lexicon {
    uint64_t *keys; /* 0: empty slot (a hash of 0 is stored as 1) */
    ent_text__lexent *vals;
    uint32_t mask;
    size_t count;
    /* One bit per key hash: most words looked up are not in the table, and this small
     * bitmap (it stays in cache) turns them away without touching the table. */
    uint64_t *filter;
};

#define FILTER_BITS 18

static const char *const msg_no_wordnet =
    "WordNet files (index.verb, verb.exc, noun.exc) not found: verbs are known only from "
    "suffix rules; set ENTENTE_WORDNET or install wordnet-base";
static const char *const msg_partial_wordnet =
    "some WordNet files (verb.exc, noun.exc) are missing: irregular forms are not known";

static inline uint64_t slot_key(uint64_t h)
{
    return h ? h : 1;
}

static inline uint32_t slot_of(uint64_t key, uint32_t mask)
{
    return (uint32_t)(key ^ (key >> 31) ^ (key >> 47)) & mask;
}

static inline uint32_t filter_bit(uint64_t key)
{
    return (uint32_t)(key >> 23) & ((1u << FILTER_BITS) - 1);
}

const ent_text__lexent *ent_text__lex_find(const ent_lexicon *lex, uint64_t form)
{
    uint64_t key = slot_key(form);
    uint32_t b = filter_bit(key);
    if (!((lex->filter[b >> 6] >> (b & 63)) & 1))
        return NULL;
    uint32_t i = slot_of(key, lex->mask);
    for (;;) {
        uint64_t k = lex->keys[i];
        if (k == key)
            return &lex->vals[i];
        if (k == 0)
            return NULL;
        i = (i + 1) & lex->mask;
    }
}

/* The entry for h, created empty when missing. *created tells which. The table never fills:
 * its size is fixed from an upper bound of the number of words before loading. */
static ent_text__lexent *slot(ent_lexicon *lex, uint64_t h, int *created)
{
    uint64_t key = slot_key(h);
    uint32_t i = slot_of(key, lex->mask);
    while (lex->keys[i] != 0) {
        if (lex->keys[i] == key) {
            *created = 0;
            return &lex->vals[i];
        }
        i = (i + 1) & lex->mask;
    }
    lex->keys[i] = key;
    lex->count++;
    *created = 1;
    return &lex->vals[i];
}

/* Reads a whole file into a malloc'd buffer; NULL when missing or unreadable. */
static char *read_file(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path)
        return NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, used = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + used, 1, cap - used, f);
        used += got;
        if (used < cap) {
            if (ferror(f)) {
                free(buf);
                buf = NULL;
            }
            break;
        }
        char *p = realloc(buf, cap * 2);
        if (!p) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = p;
        cap *= 2;
    }
    fclose(f);
    *len = used;
    return buf;
}

static size_t count_lines(const char *s, size_t len)
{
    size_t n = 0;
    const char *p = s, *end = s + len;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    return n + 1;
}

/* Calls fn on the first two space-separated fields of each line not starting with a space
 * (WordNet's licence header lines do). Lines whose first field holds '_' (multiword) are
 * skipped. */
typedef void (*line_fn)(ent_lexicon *lex, const char *a, size_t alen, const char *b, size_t blen);

static void each_line(ent_lexicon *lex, const char *s, size_t len, line_fn fn)
{
    const char *p = s, *end = s + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        if (p < eol && *p != ' ') {
            const char *a = p, *q = p;
            int multi = 0;
            while (q < eol && *q != ' ') {
                multi |= *q == '_';
                q++;
            }
            size_t alen = (size_t)(q - a);
            while (q < eol && *q == ' ')
                q++;
            const char *b = q;
            while (q < eol && *q != ' ' && *q != '\r')
                q++;
            if (!multi && alen > 0)
                fn(lex, a, alen, b, (size_t)(q - b));
        }
        p = eol + 1;
    }
}

static void add_verb_lemma(ent_lexicon *lex, const char *a, size_t alen, const char *b, size_t blen)
{
    (void)b;
    (void)blen;
    int created;
    ent_text__lexent *e = slot(lex, ent_text_hash(a, alen), &created);
    e->flags |= ENT_LX_VERB;
}

static void add_verb_exc(ent_lexicon *lex, const char *a, size_t alen, const char *b, size_t blen)
{
    if (blen == 0 || memchr(b, '_', blen))
        return;
    int created;
    ent_text__lexent *e = slot(lex, ent_text_hash(a, alen), &created);
    if (e->flags & (ENT_LX_CLOSED | ENT_LX_VERB_EXC))
        return; /* the table knows better (is, has, was); first lemma wins */
    e->flags |= ENT_LX_VERB_EXC;
    e->vlemma = ent_text_hash(b, blen);
    if (alen > 3 && memcmp(a + alen - 3, "ing", 3) == 0 &&
        !(blen > 3 && memcmp(b + blen - 3, "ing", 3) == 0))
        e->vform = ENT_VF_ING;
    else if (a[alen - 1] == 's')
        e->vform = ENT_VF_S;
    else
        e->vform = ENT_VF_PAST;
}

static void add_noun_exc(ent_lexicon *lex, const char *a, size_t alen, const char *b, size_t blen)
{
    if (blen == 0 || memchr(b, '_', blen))
        return;
    int created;
    ent_text__lexent *e = slot(lex, ent_text_hash(a, alen), &created);
    if (e->flags & (ENT_LX_CLOSED | ENT_LX_NOUN_EXC))
        return;
    e->flags |= ENT_LX_NOUN_EXC | ENT_LX_NOUN;
    e->nlemma = ent_text_hash(b, blen);
}

/* Rebuilds the table at a load factor under one half (it was sized from an upper bound)
 * and fills the filter. */
static int compact(ent_lexicon *lex)
{
    size_t size = 1024;
    while (size < lex->count * 2 + 2)
        size *= 2;
    uint64_t *keys = calloc(size, sizeof *keys);
    ent_text__lexent *vals = calloc(size, sizeof *vals);
    uint64_t *filter = calloc((size_t)1 << (FILTER_BITS - 6), sizeof *filter);
    if (!keys || !vals || !filter) {
        free(keys);
        free(vals);
        free(filter);
        return ENT_ENOMEM;
    }
    uint32_t mask = (uint32_t)(size - 1);
    for (size_t j = 0; j <= lex->mask; j++) {
        uint64_t key = lex->keys[j];
        if (!key)
            continue;
        uint32_t i = slot_of(key, mask);
        while (keys[i])
            i = (i + 1) & mask;
        keys[i] = key;
        vals[i] = lex->vals[j];
        uint32_t b = filter_bit(key);
        filter[b >> 6] |= UINT64_C(1) << (b & 63);
    }
    free(lex->keys);
    free(lex->vals);
    lex->keys = keys;
    lex->vals = vals;
    lex->mask = mask;
    lex->filter = filter;
    return ENT_OK;
}

int ent_lexicon_load(ent_lexicon **out, const char *wordnet_dir, const char **warning)
{
    if (warning)
        *warning = NULL;
    if (!out)
        return ENT_EINVAL;
    *out = NULL;
    if (!wordnet_dir)
        wordnet_dir = getenv("ENTENTE_WORDNET");
    if (!wordnet_dir || !*wordnet_dir)
        wordnet_dir = "/usr/share/wordnet";

    size_t vlen = 0, xlen = 0, nlen = 0;
    char *verbs = read_file(wordnet_dir, "index.verb", &vlen);
    char *vexc = read_file(wordnet_dir, "verb.exc", &xlen);
    char *nexc = read_file(wordnet_dir, "noun.exc", &nlen);

    size_t bound = ent_text__closed_class_count + 16;
    if (verbs)
        bound += count_lines(verbs, vlen);
    if (vexc)
        bound += count_lines(vexc, xlen);
    if (nexc)
        bound += count_lines(nexc, nlen);
    size_t size = 1024;
    while (size < bound * 2)
        size *= 2;

    int rc = ENT_ENOMEM;
    ent_lexicon *lex = calloc(1, sizeof *lex);
    if (!lex || size > UINT32_MAX)
        goto done;
    lex->keys = calloc(size, sizeof *lex->keys);
    lex->vals = calloc(size, sizeof *lex->vals);
    if (!lex->keys || !lex->vals)
        goto done;
    lex->mask = (uint32_t)(size - 1);

    for (size_t i = 0; i < ent_text__closed_class_count; i++) {
        const ent_text__closed *c = &ent_text__closed_class[i];
        int created;
        ent_text__lexent *e = slot(lex, ent_text_hash(c->word, strlen(c->word)), &created);
        if (!created)
            continue;
        e->flags = c->flags;
        e->pos = c->pos;
        e->vform = c->vform;
        e->vlemma = c->lemma ? ent_text_hash(c->lemma, strlen(c->lemma)) : 0;
    }
    if (verbs)
        each_line(lex, verbs, vlen, add_verb_lemma);
    if (vexc)
        each_line(lex, vexc, xlen, add_verb_exc);
    if (nexc)
        each_line(lex, nexc, nlen, add_noun_exc);

    if (compact(lex) != ENT_OK)
        goto done;
    if (warning && !verbs)
        *warning = msg_no_wordnet;
    else if (warning && (!vexc || !nexc))
        *warning = msg_partial_wordnet;
    *out = lex;
    lex = NULL;
    rc = ENT_OK;
done:
    ent_lexicon_destroy(lex);
    free(verbs);
    free(vexc);
    free(nexc);
    return rc;
}

void ent_lexicon_destroy(ent_lexicon *lex)
{
    if (!lex)
        return;
    free(lex->keys);
    free(lex->vals);
    free(lex->filter);
    free(lex);
}

/* ---- lemmas ---- */

/* Longest word the suffix rules look at; longer ones keep their form as lemma. */
#define RULE_MAX 48

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static int is_cons(char c)
{
    return c >= 'a' && c <= 'z' && !is_vowel(c);
}

/* consonant-vowel-consonant ending, as in "hop", "plan", "open" (not w, x, y last) */
static int cvc(const char *w, size_t n)
{
    return n >= 3 && is_cons(w[n - 1]) && w[n - 1] != 'w' && w[n - 1] != 'x' && w[n - 1] != 'y' &&
           is_vowel(w[n - 2]) && is_cons(w[n - 3]);
}

/* Hash of w[0..n) plus an optional extra letter, if that is a verb lemma. w has room for
 * the extra letter. */
static int verb_lemma(const ent_lexicon *lex, char *w, size_t n, char extra, uint64_t *out)
{
    if (n < 2)
        return 0;
    uint64_t h;
    if (extra) {
        char saved = w[n];
        w[n] = extra;
        h = ent_text__hash_folded(w, n + 1);
        w[n] = saved;
    } else {
        h = ent_text__hash_folded(w, n);
    }
    const ent_text__lexent *e = ent_text__lex_find(lex, h);
    if (!e || !(e->flags & ENT_LX_VERB))
        return 0;
    *out = h;
    return 1;
}

/* Lemma of the stem w[0..n) left by -ed or -ing: undouble, put an -e back, or as is. */
static int verb_stem(const ent_lexicon *lex, char *w, size_t n, uint64_t *out)
{
    if (n >= 3 && w[n - 1] == w[n - 2] && is_cons(w[n - 1]))
        return verb_lemma(lex, w, n - 1, 0, out) || verb_lemma(lex, w, n, 0, out);
    if (cvc(w, n))
        return verb_lemma(lex, w, n, 'e', out) || verb_lemma(lex, w, n, 0, out);
    return verb_lemma(lex, w, n, 0, out) || verb_lemma(lex, w, n, 'e', out);
}

static int ends(const char *w, size_t n, const char *suf, size_t sn)
{
    return n >= sn && memcmp(w + n - sn, suf, sn) == 0;
}

/* Suffix rules on the lower-case ASCII word w[0..n). */
static void suffix_rules(ent_text__word *out, const ent_lexicon *lex, char *w, size_t n, int plural)
{
    uint64_t h;
    char last = w[n - 1];
    if (last == 'd' && n >= 4 && w[n - 2] == 'e') {
        int ok = 0;
        if (n >= 5 && w[n - 3] == 'i')
            ok = verb_lemma(lex, w, n - 3, 'y', &h) || verb_lemma(lex, w, n - 1, 0, &h);
        else
            ok = verb_stem(lex, w, n - 2, &h);
        if (ok) {
            out->lemma = h;
            out->vform = ENT_VF_PAST;
            out->tflags = ENT_TOK_CAN_VERB;
        }
        return;
    }
    if (last == 'g' && n >= 5 && w[n - 2] == 'n' && w[n - 3] == 'i') {
        if (verb_stem(lex, w, n - 3, &h)) {
            out->lemma = h;
            out->vform = ENT_VF_ING;
            out->tflags = ENT_TOK_CAN_VERB | ENT_TOK_CAN_NOUN;
        } else {
            out->tflags = ENT_TOK_CAN_NOUN;
        }
        return;
    }
    out->tflags = ENT_TOK_CAN_NOUN;
    if (last != 's' || n < 3 || w[n - 2] == 's' || w[n - 2] == '\'')
        return;
    int ok;
    if (ends(w, n, "ies", 3))
        ok = verb_lemma(lex, w, n - 3, 'y', &h) || verb_lemma(lex, w, n - 1, 0, &h);
    else if (w[n - 2] == 'e')
        ok = verb_lemma(lex, w, n - 1, 0, &h) || verb_lemma(lex, w, n - 2, 0, &h);
    else
        ok = verb_lemma(lex, w, n - 1, 0, &h);
    if (ok) {
        out->lemma = h;
        out->vform = ENT_VF_S;
        out->tflags = ENT_TOK_CAN_VERB | ENT_TOK_CAN_NOUN;
        return;
    }
    if (!plural || n < 4 || ends(w, n, "us", 2) || ends(w, n, "is", 2))
        return;
    if (ends(w, n, "ies", 3) && n >= 5) {
        w[n - 3] = 'y';
        out->lemma = ent_text__hash_folded(w, n - 2);
    } else if (ends(w, n, "ches", 4) || ends(w, n, "shes", 4) || ends(w, n, "sses", 4) ||
               ends(w, n, "xes", 3) || ends(w, n, "zes", 3)) {
        out->lemma = ent_text__hash_folded(w, n - 2);
    } else {
        out->lemma = ent_text__hash_folded(w, n - 1);
    }
}

/* ENT_SFX_* of the len bytes at s (ASCII letters compared case-insensitively). */
static uint8_t suffixes(const char *s, size_t len)
{
    char w[8];
    size_t n = len < 5 ? len : 5;
    for (size_t i = 0; i < n; i++)
        w[i] = (char)ent_text__lower[(unsigned char)s[len - n + i]];
    uint8_t f = 0;
#define END(suf) ends(w, n, suf, sizeof suf - 1)
    if (len > 4) {
        if (END("ly"))
            f |= ENT_SFX_LY;
        if (END("ous") || END("ive") || END("al") || END("ic") || END("ful") || END("less") ||
            END("able") || END("ible"))
            f |= ENT_SFX_ADJ;
        if (END("ian"))
            f |= ENT_SFX_IAN;
        if (END("ed"))
            f |= ENT_SFX_ED;
    }
    if (END("ian") || END("ean") || END("ese") || END("ish"))
        f |= ENT_SFX_DEMONYM;
    if (END("s") && !END("ss") && !END("us") && !END("is"))
        f |= ENT_SFX_S;
#undef END
    return f;
}

void ent_text__lookup(ent_text__word *out, const ent_lexicon *lex, const char *s, size_t len,
                      uint64_t form, int cap, int plural)
{
    out->lemma = form;
    out->lx = 0;
    out->tflags = 0;
    out->cpos = ENT_POS_X;
    out->vform = ENT_VF_NONE;
    out->sfx = suffixes(s, len);
    out->key = 0;

    const ent_text__lexent *e = ent_text__lex_find(lex, form);
    if (e) {
        uint32_t f = e->flags;
        if ((f & ENT_LX_CLOSED) && (cap || !(f & ENT_LX_CAP_ONLY))) {
            out->lx = f;
            out->cpos = e->pos;
            out->vform = e->vform;
            if (e->vlemma)
                out->lemma = e->vlemma;
            if (f & (ENT_LX_BE | ENT_LX_HAVE | ENT_LX_DO))
                out->tflags = ENT_TOK_CAN_VERB;
            else if (e->pos == ENT_POS_NOUN || e->pos == ENT_POS_PROPN)
                out->tflags = ENT_TOK_CAN_NOUN;
            return;
        }
        f &= ~(uint32_t)(ENT_LX_CLOSED | ENT_LX_ABBR | ENT_LX_ABBR_TITLE | ENT_LX_STARTER);
        out->lx = f;
        if (f & ENT_LX_VERB_EXC) {
            out->lemma = e->vlemma;
            out->vform = e->vform;
            out->tflags = ENT_TOK_CAN_VERB;
            if (e->vform != ENT_VF_PAST)
                out->tflags |= ENT_TOK_CAN_NOUN;
            return;
        }
        if (f & ENT_LX_VERB) {
            out->vform = ENT_VF_BASE;
            out->tflags = ENT_TOK_CAN_VERB | ENT_TOK_CAN_NOUN;
            return;
        }
        if (f & ENT_LX_NOUN_EXC) {
            out->lemma = e->nlemma;
            out->tflags = ENT_TOK_CAN_NOUN;
            return;
        }
        if (f & (ENT_LX_NOUN | ENT_LX_ADJ | ENT_LX_DEMONYM)) {
            out->tflags = ENT_TOK_CAN_NOUN;
            return;
        }
    }

    /* Suffix rules: ASCII letters only (and an inner apostrophe or period is left alone). */
    if (len < 3 || len > RULE_MAX) {
        out->tflags = ENT_TOK_CAN_NOUN;
        return;
    }
    char w[RULE_MAX + 2];
    for (size_t i = 0; i < len; i++) {
        unsigned char c = ent_text__lower[(unsigned char)s[i]];
        if (c < 'a' || c > 'z') {
            out->tflags = ENT_TOK_CAN_NOUN;
            return;
        }
        w[i] = (char)c;
    }
    suffix_rules(out, lex, w, len, plural);
}

uint64_t ent_lexicon_lemma(const ent_lexicon *lex, const char *word, size_t len)
{
    uint64_t form = ent_text_hash(word, len);
    if (!lex || !word || len == 0)
        return form;
    /* Case does not matter: the lemma of the word as a lower-case token, the way a
     * dictionary means it. (A capitalised token inside a sentence is taken for a name and
     * keeps its -s.) */
    ent_text__word w;
    ent_text__lookup(&w, lex, word, len, form, 0, 1);
    return w.lemma;
}
