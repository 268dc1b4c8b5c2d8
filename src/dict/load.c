/*
 * dict — stage 3: reads .ent dictionaries (docs/dictionary-format.md), built-in and from
 * files, and compiles them into the immutable ent_dict the coder shares across threads.
 * TABARI and PETRARCH dictionaries are translated into .ent text first (tabari.c,
 * petrarch.c; docs/dictionary-interop.md).
 *
 * Loading is two passes: parsing appends phrases and patterns in file order to growable
 * arrays; compiling sorts them (by first token, longest first) and builds hash indexes.
 */
#include "dict_internal.h"

#include "util/buf.h"
#include "util/diag.h"
#include "util/embedded.h"
#include "util/file.h"
#include "util/vec.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Built-in dictionaries, in load order. Later files may add phrases to earlier codes. */
static const char *const builtin_files[] = {
    "dict/cameo.ent",   "dict/countries.ent", "dict/igos.ent",   "dict/leaders.ent",
    "dict/agents.ent",  "dict/places.ent",    "dict/verbs.ent",  "dict/discards.ent",
    "dict/issues.ent",
};

enum section {
    SEC_NONE,
    SEC_ACTORS,
    SEC_AGENTS,
    SEC_VERBS,
    SEC_DISCARDS,
    SEC_ISSUES,
    SEC_CAMEO,
    SEC_PLACES,
    SEC_NEGATIONS,
    SEC_TRANSFORMS
};

typedef struct builder {
    ent_dict *dict;
    ent_text *text; /* tokenizes phrases exactly as documents are tokenized */
    const ent_dict_options *opt;
    const char *file;
    long line;
    size_t phrase_tokens_cap, phrases_cap, elems_cap, patterns_cap, cameo_cap, codes_cap, names_cap,
        transforms_cap;
    size_t ntokens, nelems;
    uint32_t order;
    uint16_t layer; /* of the file being read: 0 built-in, i + 1 for opt->files[i] */
    ent_u64map lemma_ids; /* a pattern word's form -> its lemma in lemmas (word_elem) */
    uint64_t *lemmas;
    size_t nlemmas, lemmas_cap;
} builder;

static void diag(builder *b, const char *fmt, ...)
{
    b->dict->stats.lines_skipped++;
    va_list ap;
    va_start(ap, fmt);
    ent__vdiagf(b->opt->diag, b->opt->diag_ctx, b->file, b->line, fmt, ap);
    va_end(ap);
}

static int is_space(char c)
{
    /* one comparison for the letters that make most of a dictionary */
    return (unsigned char)c <= ' ' && (c == ' ' || c == '\t' || c == '\r');
}

/* Trims spaces at both ends of [*s, *s + *len). */
static void trim(const char **s, size_t *len)
{
    while (*len && is_space(**s))
        (*s)++, (*len)--;
    while (*len && is_space((*s)[*len - 1]))
        (*len)--;
}

/* Interns a code string, returning its id (or UINT32_MAX when out of memory). */
static uint32_t intern_code(builder *b, const char *s, size_t len)
{
    ent_dict *d = b->dict;
    uint64_t h = ent_text_hash(s, len);
    uint32_t *id = ent_u64map_get(&d->code_ids, h);
    if (id)
        return *id;
    if (ent_vec_reserve((void **)&d->codes, &b->codes_cap, d->ncodes + 1, sizeof *d->codes) ||
        ent_vec_reserve((void **)&d->code_names, &b->names_cap, d->ncodes + 1,
                        sizeof *d->code_names))
        return UINT32_MAX;
    char *copy = ent_arena_strndup(&d->pool, s, len);
    if (!copy || ent_u64map_put(&d->code_ids, h, (uint32_t)d->ncodes) < 0)
        return UINT32_MAX;
    d->codes[d->ncodes] = copy;
    d->code_names[d->ncodes] = NULL;
    return (uint32_t)d->ncodes++;
}

/* Appends the n bytes at s to buf[*len, cap), as many as fit. */
static void put_part(char *buf, size_t *len, size_t cap, const char *s, size_t n)
{
    if (n > cap - *len)
        n = cap - *len;
    memcpy(buf + *len, s, n);
    *len += n;
}

/* The rule text of an entry, "FILE:LINE KIND HEAD 'TEXT'", at most 255 bytes. Written piece by
 * piece: snprintf cost a fifth of loading the 200,000 Phoenix and CAMEO.2.0 patterns. */
static const char *make_rule(builder *b, const char *kind, const char *head, size_t head_len,
                             const char *text, size_t text_len)
{
    char buf[255], digits[24];
    size_t len = 0, nd = 0;
    unsigned long line = b->line > 0 ? (unsigned long)b->line : 0;
    do
        digits[sizeof digits - ++nd] = (char)('0' + line % 10);
    while ((line /= 10) != 0);
    put_part(buf, &len, sizeof buf, b->file, strlen(b->file));
    put_part(buf, &len, sizeof buf, ":", 1);
    put_part(buf, &len, sizeof buf, digits + sizeof digits - nd, nd);
    put_part(buf, &len, sizeof buf, " ", 1);
    put_part(buf, &len, sizeof buf, kind, strlen(kind));
    put_part(buf, &len, sizeof buf, " ", 1);
    put_part(buf, &len, sizeof buf, head, head_len);
    put_part(buf, &len, sizeof buf, " '", 2);
    put_part(buf, &len, sizeof buf, text, text_len);
    put_part(buf, &len, sizeof buf, "'", 1);
    return ent_arena_strndup(&b->dict->pool, buf, len); /* NULL when out of memory */
}

/* Tokenizes a phrase into hashes appended to phrase_tokens. Returns the token count, 0 for
 * an empty phrase, -1 when out of memory. */
static int phrase_hashes(builder *b, const char *s, size_t len, int by_lemma, size_t *off,
                         size_t *last_len)
{
    ent_dict *d = b->dict;
    if (ent_text_analyse(b->text, s, len, ENT_TEXT_NO_SENTENCES | ENT_TEXT_NO_TAGS) != ENT_OK)
        return -1;
    size_t n;
    const ent_token *tok = ent_text_tokens(b->text, &n);
    size_t blen;
    const char *buf = ent_text_buffer(b->text, &blen);
    if (n == 0 || n > UINT16_MAX)
        return 0;
    if (ent_vec_reserve((void **)&d->phrase_tokens, &b->phrase_tokens_cap, b->ntokens + n,
                        sizeof *d->phrase_tokens))
        return -1;
    *off = b->ntokens;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = tok[i].form;
        if (by_lemma)
            h = ent_lexicon_lemma(d->lexicon, buf + tok[i].start, tok[i].len);
        d->phrase_tokens[b->ntokens++] = h;
    }
    *last_len = tok[n - 1].len;
    return (int)n;
}

/* Special phrase word for sports scores; see @discards in the format doc. */
#define SCORE_WORD "%score"
uint64_t ent_dict__score_hash(void)
{
    return ent_text_hash(SCORE_WORD, sizeof SCORE_WORD - 1);
}

/* How an actor phrase is capitalised: "NATO" needs an all-caps token (two or more capitals
 * and no lower case in the first word), "Russia" a capitalised one, "al-Qaeda" either. */
static int phrase_caps(const char *s, size_t len)
{
    size_t upper = 0, lower = 0;
    for (size_t i = 0; i < len && s[i] != ' '; i++) {
        upper += s[i] >= 'A' && s[i] <= 'Z';
        lower += s[i] >= 'a' && s[i] <= 'z';
    }
    if (upper >= 2 && lower == 0)
        return CAPS_ALL;
    return s[0] >= 'A' && s[0] <= 'Z' ? CAPS_FIRST : CAPS_ANY;
}

static int add_phrase(builder *b, int kind, uint32_t value, ent_date from, ent_date to,
                      const char *head, size_t head_len, const char *s, size_t len,
                      const char *name)
{
    ent_dict *d = b->dict;
    static const char *const kind_names[] = {[PH_ACTOR] = "actor", [PH_AGENT] = "agent",
                                             [PH_DISCARD] = "discard", [PH_ISSUE] = "issue",
                                             [PH_PLACE] = "place"};
    size_t off = 0, stem_len = 0;
    int by_lemma = kind == PH_ISSUE;
    int n;
    /* "Arnor*": the last word is a stem. Only ASCII stems of 3 to 63 letters, so that a
     * text word's first stem_len bytes fold the same way, and "US*" cannot match "use". */
    int stem = len > 1 && s[len - 1] == '*';
    if (stem && kind == PH_ISSUE) { /* issues match by lemma, not by the written word */
        diag(b, "'%.*s': an issue phrase has no stem ('*')", (int)len, s);
        return 0;
    }
    if (stem)
        len--;
    if (len == 6 && memcmp(s, SCORE_WORD, 6) == 0) {
        if (ent_vec_reserve((void **)&d->phrase_tokens, &b->phrase_tokens_cap, b->ntokens + 1,
                            sizeof *d->phrase_tokens))
            return -1;
        off = b->ntokens;
        d->phrase_tokens[b->ntokens++] = ent_dict__score_hash();
        n = 1;
        /* %score needs no tokenizing; everything else goes through the text stage. */
    } else {
        n = phrase_hashes(b, s, len, by_lemma, &off, &stem_len);
    }
    if (n < 0)
        return -1;
    if (n == 0) {
        diag(b, "empty phrase");
        return 0;
    }
    if (stem &&
        (stem_len < 3 || stem_len > 63 || !ent_dict__is_letters(s + len - stem_len, stem_len))) {
        diag(b, "'%.*s*': a stem is 3 to 63 ASCII letters", (int)len, s);
        b->ntokens = off;
        return 0;
    }
    if (!stem)
        stem_len = 0;
    else if (n == 1) {
        int start = ent_dict__stem_start(s + len - stem_len);
        d->stem_lengths |= (uint64_t)1 << stem_len;
        d->stem_starts[start / 64] |= (uint64_t)1 << (start % 64);
    }
    if (ent_vec_reserve((void **)&d->phrases, &b->phrases_cap, d->nphrases + 1, sizeof *d->phrases))
        return -1;
    ent_phrase *p = &d->phrases[d->nphrases++];
    p->tok_off = (uint32_t)off;
    p->first = d->phrase_tokens[off];
    p->second = n > 2 || (n == 2 && !stem_len) ? d->phrase_tokens[off + 1] : 0;
    p->ntok = (uint16_t)n;
    p->kind = (uint8_t)kind;
    p->by_lemma = (uint8_t)by_lemma;
    p->caps = kind == PH_ACTOR || kind == PH_PLACE ? phrase_caps(s, len) : CAPS_ANY;
    p->value = value;
    p->from = from;
    p->to = to;
    p->order = b->order++;
    p->layer = b->layer;
    p->stem_len = (uint8_t)stem_len;
    p->rule = make_rule(b, kind_names[kind], head, head_len, s, len + (stem_len > 0));
    p->name = name;
    return p->rule ? 0 : -1;
}

static int valid_code(const char *s, size_t len, size_t min, size_t max)
{
    if (len < min || len > max)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return 0;
    return 1;
}

/* Parses "FROM..TO" (either side may be empty). */
static int parse_range(ent_date *from, ent_date *to, const char *s, size_t len)
{
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < len; i++)
        if (s[i] == '.' && s[i + 1] == '.') {
            dots = s + i;
            break;
        }
    if (!dots)
        return -1;
    size_t left = (size_t)(dots - s), right = len - left - 2;
    *from = ENT_DATE_NONE;
    *to = ENT_DATE_NONE;
    if (left && (left != 10 || ent_date_parse(from, s, left) != ENT_OK))
        return -1;
    if (right && (right != 10 || ent_date_parse(to, dots + 2, right) != ENT_OK))
        return -1;
    if (!left && !right)
        return -1;
    if (left && right && *to < *from)
        return -1;
    return 0;
}

/* Splits "a | b | c" and calls add for each non-empty item. */
typedef int (*item_fn)(builder *b, void *ctx, const char *s, size_t len);

static int for_each_item(builder *b, const char *s, size_t len, item_fn fn, void *ctx)
{
    for (size_t start = 0; start <= len;) {
        const char *bar = memchr(s + start, '|', len - start);
        size_t end = bar ? (size_t)(bar - s) : len;
        const char *item = s + start;
        size_t item_len = end - start;
        trim(&item, &item_len);
        if (item_len) {
            int rc = fn(b, ctx, item, item_len);
            if (rc < 0)
                return rc;
        } else {
            diag(b, "empty item between '|'");
        }
        start = end + 1;
    }
    return 0;
}

typedef struct phrase_ctx {
    int kind;
    uint32_t value;
    ent_date from, to;
    const char *head;
    size_t head_len;
    const char *line_name; /* first phrase of the line, set by its first item */
} phrase_ctx;

static int phrase_item(builder *b, void *vctx, const char *s, size_t len)
{
    phrase_ctx *c = vctx;
    if (!c->line_name) {
        size_t name_len = len > 1 && s[len - 1] == '*' ? len - 1 : len; /* a stem: "Arnor*" */
        c->line_name = ent_arena_strndup(&b->dict->pool, s, name_len);
        if (!c->line_name)
            return -1;
    }
    /* The first phrase of a code is its display name (for codes with a role, see
     * name_composed_codes()). */
    if ((c->kind == PH_ACTOR || c->kind == PH_AGENT) && !b->dict->code_names[c->value])
        b->dict->code_names[c->value] = c->line_name;
    return add_phrase(b, c->kind, c->value, c->from, c->to, c->head, c->head_len, s, len,
                      c->line_name);
}

typedef struct pattern_ctx {
    const char *code, *reverse;
    size_t code_len, reverse_len;
} pattern_ctx;

/* The length of a "n't" ending of the n bytes at s (ASCII or typographic apostrophe), or 0. */
static size_t negation_suffix(const char *s, size_t n)
{
    if (n > 3 && !memcmp(s + n - 3, "n't", 3))
        return 3;
    if (n > 5 && !memcmp(s + n - 5, "n\xE2\x80\x99t", 5))
        return 5;
    return 0;
}

/* The next space-separated word of s[*i, len) into *w, *n; 0 at the end. A contraction is
 * two words, as the tokenizer reads it in texts: "didn't" is "did" then "n't". */
static int next_word(const char *s, size_t len, size_t *i, size_t *w, size_t *n)
{
    size_t k = *i;
    while (k < len && is_space(s[k]))
        k++;
    *w = k;
    while (k < len && !is_space(s[k]))
        k++;
    *i = k;
    *n = k - *w;
    size_t neg = negation_suffix(s + *w, *n);
    if (neg) {
        *n -= neg;
        *i = *w + *n;
    }
    return *n > 0;
}

static int add_elem(builder *b, const ent_pattern_elem *e)
{
    ent_dict *d = b->dict;
    if (ent_vec_reserve((void **)&d->pattern_elems, &b->elems_cap, b->nelems + 1,
                        sizeof *d->pattern_elems))
        return -1;
    d->pattern_elems[b->nelems++] = *e;
    return 0;
}

/* A pattern word. Its lemma is remembered by form: the 200,000 patterns of CAMEO.2.0 repeat a
 * few thousand words, and looking each up again cost a tenth of loading them. A word that
 * cannot be remembered (out of memory) is only looked up again. */
static ent_pattern_elem word_elem(builder *b, const char *s, size_t n)
{
    uint64_t form = ent_text_hash(s, n);
    const uint32_t *id = ent_u64map_get(&b->lemma_ids, form);
    ent_pattern_elem e = {id ? b->lemmas[*id] : ent_lexicon_lemma(b->dict->lexicon, s, n), form,
                          PAT_WORD};
    if (!id &&
        !ent_vec_reserve((void **)&b->lemmas, &b->lemmas_cap, b->nlemmas + 1, sizeof *b->lemmas) &&
        ent_u64map_put(&b->lemma_ids, form, (uint32_t)b->nlemmas) == 0)
        b->lemmas[b->nlemmas++] = e.lemma;
    return e;
}

/*
 * The words before the verb of "said * > boycott": elements up to the '>' into the pattern's
 * pre block; a '%' among them asks for a compound subject ("% > renew * diplomatic"). A '+'
 * alone is a passive clause's subject, the target ("+ > shoot * dead"); after a word it is the
 * target standing there ("suggested + > require * conventions": "Arnor suggested Gondor should
 * require the conventions"). Returns the offset in s after the '>', 0 when s has none, or -1
 * after a diagnostic (the caller drops the pattern) or when out of memory (*oom).
 */
static long pattern_pre(builder *b, ent_pattern *pat, const char *s, size_t len, int *oom)
{
    size_t i = 0, w, n;
    int arrow = 0;
    while (next_word(s, len, &i, &w, &n))
        if (n == 1 && s[w] == '>')
            arrow = 1;
    if (!arrow)
        return 0;
    pat->pre_off = (uint32_t)b->nelems;
    i = 0;
    int words = 0, targets = 0;
    while (next_word(s, len, &i, &w, &n) && !(n == 1 && s[w] == '>')) {
        ent_pattern_elem e = {0, 0, PAT_GAP};
        if (n == 1 && s[w] == '%') {
            pat->compound = 1;
            continue;
        }
        if (n == 1 && s[w] == '+') {
            targets++;
            if (!words) {
                pat->passive = 1;
                continue;
            }
            e.type = PAT_TARGET;
        } else if (!(n == 1 && s[w] == '*')) {
            e = word_elem(b, s + w, n);
            words++;
            pat->nwords++;
            if (e.lemma == e.form)
                ent_word_set_add(&pat->need_before, e.form);
        }
        if (add_elem(b, &e) < 0) {
            *oom = 1;
            return -1;
        }
        pat->npre++;
    }
    if (!words && !pat->compound && !pat->passive) {
        diag(b, "pattern '%.*s': '>' must follow the words before the verb", (int)len, s);
        return -1;
    }
    if (pat->passive && (words || pat->compound || targets > 1)) {
        diag(b,
             "pattern '%.*s': '+ >' (a passive clause's subject) takes no other words or '%%' "
             "before the verb; a target among words follows one of them",
             (int)len, s);
        return -1;
    }
    if (targets > 1) {
        diag(b, "pattern '%.*s' has more than one '+'", (int)len, s);
        return -1;
    }
    return (long)i;
}

/* Words of a pattern: splits on spaces; '+' and '*' are slots, the rest lemmas; words before
 * a '>' must come before the verb. */
static int pattern_item(builder *b, void *vctx, const char *s, size_t len)
{
    pattern_ctx *c = vctx;
    ent_dict *d = b->dict;
    ent_pattern pat = {0};
    memcpy(pat.code, c->code, c->code_len);
    memcpy(pat.reverse, c->reverse, c->reverse_len);
    size_t start = b->nelems;
    int oom = 0;
    long after = pattern_pre(b, &pat, s, len, &oom);
    if (after < 0) {
        b->nelems = start;
        return oom ? -1 : 0;
    }
    pat.elem_off = (uint32_t)b->nelems;
    int have_head = 0, have_target = 0, have_source = 0;
    for (uint16_t e = 0; e < pat.npre; e++)
        have_target += b->dict->pattern_elems[pat.pre_off + e].type == PAT_TARGET;
    size_t i = (size_t)after;
    while (i < len) {
        size_t w, n;
        if (!next_word(s, len, &i, &w, &n))
            break;
        ent_pattern_elem e = {0, 0, PAT_WORD};
        if (n == 1 && (s[w] == '+' || s[w] == '$')) { /* the target or the source slot */
            int target = s[w] == '+';
            e.type = target ? PAT_TARGET : PAT_SOURCE;
            if (target ? have_target++ : have_source++) {
                diag(b, "pattern '%.*s' has more than one '%c'", (int)len, s, s[w]);
                b->nelems = start;
                return 0;
            }
        } else if (n == 1 && s[w] == '*') {
            e.type = PAT_GAP;
        } else if (n == 1 && s[w] == '>') {
            diag(b, "pattern '%.*s' has more than one '>'", (int)len, s);
            b->nelems = start;
            return 0;
        } else {
            e = word_elem(b, s + w, n);
        }
        if (!have_head) {
            if (e.type != PAT_WORD) {
                diag(b, "pattern '%.*s' must start with a verb", (int)len, s);
                b->nelems = start;
                return 0;
            }
            /* The head is written as a lemma; index it as written. */
            pat.head = e.form;
            have_head = 1;
            continue;
        }
        if (add_elem(b, &e) < 0)
            return -1;
        pat.nelem++;
        pat.nwords += e.type == PAT_WORD;
        if (e.type == PAT_WORD && e.lemma == e.form)
            ent_word_set_add(&pat.need, e.form);
    }
    if (!have_head) {
        diag(b, "pattern '%.*s' has no verb", (int)len, s);
        b->nelems = start;
        return 0;
    }
    if (ent_vec_reserve((void **)&d->patterns, &b->patterns_cap, d->npatterns + 1,
                        sizeof *d->patterns))
        return -1;
    pat.layer = b->layer;
    /* "verb 042/043 'visit +'": the head is written CODE/REVERSE, contiguous */
    size_t head_len = c->code_len + (c->reverse_len ? c->reverse_len + 1 : 0);
    pat.rule = make_rule(b, "verb", c->code, head_len, s, len);
    if (!pat.rule)
        return -1;
    d->patterns[d->npatterns++] = pat;
    return 0;
}

static int parse_cameo_line(builder *b, const char *head, size_t head_len, const char *rest,
                            size_t rest_len)
{
    ent_dict *d = b->dict;
    /* head is "CODE GOLDSTEIN" */
    size_t i = 0;
    while (i < head_len && !is_space(head[i]))
        i++;
    const char *num = head + i;
    size_t num_len = head_len - i;
    trim(&num, &num_len);
    if (!ent_dict__is_event_code(head, i) || !num_len) {
        diag(b, "expected 'CODE GOLDSTEIN : label'");
        return 0;
    }
    char tmp[32];
    if (num_len >= sizeof tmp) {
        diag(b, "bad Goldstein weight");
        return 0;
    }
    memcpy(tmp, num, num_len);
    tmp[num_len] = '\0';
    char *end;
    double g = strtod(tmp, &end);
    if (*end || g < -10.0 || g > 10.0) {
        diag(b, "Goldstein weight '%s' is not a number in -10..10", tmp);
        return 0;
    }
    if (ent_vec_reserve((void **)&d->cameo, &b->cameo_cap, d->ncameo + 1, sizeof *d->cameo))
        return -1;
    ent_cameo_entry *e = &d->cameo[d->ncameo];
    memset(e, 0, sizeof *e);
    memcpy(e->code, head, i);
    e->goldstein = g;
    e->label = ent_arena_strndup(&d->pool, rest, rest_len);
    if (!e->label)
        return -1;
    uint32_t *existing = ent_u64map_get(&d->cameo_index, ent_text_hash(e->code, i));
    if (existing) {
        d->cameo[*existing] = *e; /* a later file overrides an earlier definition */
        return 0;
    }
    if (ent_u64map_put(&d->cameo_index, ent_text_hash(e->code, i), (uint32_t)d->ncameo) < 0)
        return -1;
    d->ncameo++;
    return 0;
}

/* One code of a @negations line: its negation is the line's head, interned as *ctx. */
static int negation_item(builder *b, void *ctx, const char *s, size_t len)
{
    if (!ent_dict__is_event_code(s, len)) {
        diag(b, "'%.*s' is not a CAMEO code", (int)len, s);
        return 0;
    }
    return ent_u64map_put(&b->dict->negations, ent_text_hash(s, len), *(uint32_t *)ctx) < 0 ? -1
                                                                                            : 0;
}

/* "121 : 060 | 061": a negated verb whose pattern gives 060 or 061 codes 121. A later line
 * for the same code overrides. */
static int parse_negation_line(builder *b, const char *head, size_t head_len, const char *rest,
                               size_t rest_len)
{
    if (!ent_dict__is_event_code(head, head_len)) {
        diag(b, "'%.*s' is not a CAMEO code", (int)head_len, head);
        return 0;
    }
    uint32_t negation = intern_code(b, head, head_len);
    if (negation == UINT32_MAX)
        return -1;
    return for_each_item(b, rest, rest_len, negation_item, &negation);
}

/* The next element of a transformation into *w, *n: a word, or one of '(', ')', '='. */
static int next_transform_elem(const char *s, size_t len, size_t *i, const char **w, size_t *n)
{
    while (*i < len && is_space(s[*i]))
        (*i)++;
    if (*i == len)
        return 0;
    *w = s + *i;
    if (strchr("()=", s[*i])) {
        *n = 1;
        (*i)++;
        return 1;
    }
    size_t k = *i;
    while (k < len && !is_space(s[k]) && !strchr("()=", s[k]))
        k++;
    *n = k - *i;
    *i = k;
    return 1;
}

/* A verb test: a lemma (lower-case letters), a code prefix (two to four digits), or, where
 * any_ok, "Q" for any code. */
static int parse_verb_test(ent_verb_test *t, const char *w, size_t n, int any_ok)
{
    memset(t, 0, sizeof *t);
    if (any_ok && n == 1 && w[0] == 'Q')
        return 1;
    size_t digits = 0;
    while (digits < n && ent_dict__is_digit(w[digits]))
        digits++;
    if (n >= 2 && n <= 4 && digits == n) {
        memcpy(t->family, w, n);
        return 1;
    }
    for (size_t k = 0; k < n; k++)
        if (w[k] < 'a' || w[k] > 'z')
            return 0;
    t->lemma = n > 1 ? ent_text_hash(w, n) : 0; /* as a pattern's head verb is indexed */
    return t->lemma != 0;
}

static int is_variable(char c)
{
    return c >= 'a' && c <= 'z';
}

/*
 * "112 : a ( b . 19 ) 01 = a b": when a verb of code 01… (say) has the subject a and governs a
 * clause whose event of code 19… (attack) has the source b and any target, the event is
 * a's, on b, code 112. "Q" as the reported code matches any event, and as the line's code
 * keeps the reported one.
 */
static int parse_transform_line(builder *b, const char *head, size_t head_len, const char *rest,
                                size_t rest_len)
{
    ent_transform t = {0};
    const char *w[10];
    size_t n[10], count = 0, i = 0;
    while (count < 10 && next_transform_elem(rest, rest_len, &i, &w[count], &n[count]))
        count++;
    int ok = (head_len == 1 && head[0] == 'Q') || ent_dict__is_event_code(head, head_len);
    ok = ok && count == 10 && i == rest_len && n[0] == 1 && n[1] == 1 && w[1][0] == '(' &&
         n[2] == 1 && n[3] == 1 && n[5] == 1 && w[5][0] == ')' && n[7] == 1 && w[7][0] == '=' &&
         n[8] == 1 && n[9] == 1 && parse_verb_test(&t.reported, w[4], n[4], 1) &&
         parse_verb_test(&t.governing, w[6], n[6], 0);
    if (!ok) {
        diag(b, "expected 'CODE : a ( b . 19 ) 01 = a b' (speaker, the reported event's source, "
                "target and code, the governing verb, the new source and target)");
        return 0;
    }
    t.speaker = w[0][0], t.source = w[2][0], t.target = w[3][0];
    t.new_source = w[8][0], t.new_target = w[9][0];
    int slots_ok = is_variable(t.speaker);
    const char slot[] = {t.source, t.target};
    for (size_t k = 0; k < 2; k++)
        slots_ok &= is_variable(slot[k]) || slot[k] == TRANSFORM_ANY || slot[k] == TRANSFORM_NONE;
    const char bound[] = {t.speaker, t.source, t.target};
    for (size_t k = 0; k < 2; k++) {
        char v = k ? t.new_target : t.new_source;
        slots_ok &= is_variable(v) && memchr(bound, v, sizeof bound) != NULL;
    }
    if (!slots_ok) {
        diag(b,
             "transformation '%.*s': the speaker is a variable (a-z), the reported source and "
             "target a variable, '.' (any) or '_' (none), and the new source and target "
             "variables named before",
             (int)rest_len, rest);
        return 0;
    }
    if (head[0] != 'Q')
        memcpy(t.code, head, head_len);
    t.rule = make_rule(b, "transformation", head, head_len, rest, rest_len);
    ent_dict *d = b->dict;
    if (!t.rule || ent_vec_reserve((void **)&d->transforms, &b->transforms_cap, d->ntransforms + 1,
                                   sizeof *d->transforms))
        return -1;
    d->transforms[d->ntransforms++] = t;
    return 0;
}

/* One entry line: "HEAD : items". */
static int parse_entry(builder *b, enum section sec, const char *s, size_t len)
{
    const char *colon = memchr(s, ':', len);
    if (!colon) {
        diag(b, "expected 'HEAD : phrase | phrase'");
        return 0;
    }
    const char *head = s, *rest = colon + 1;
    size_t head_len = (size_t)(colon - s), rest_len = len - head_len - 1;
    trim(&head, &head_len);
    trim(&rest, &rest_len);
    if (!head_len || !rest_len) {
        diag(b, "empty %s", head_len ? "phrase list" : "code");
        return 0;
    }
    if (sec == SEC_CAMEO)
        return parse_cameo_line(b, head, head_len, rest, rest_len);
    if (sec == SEC_NEGATIONS)
        return parse_negation_line(b, head, head_len, rest, rest_len);
    if (sec == SEC_TRANSFORMS)
        return parse_transform_line(b, head, head_len, rest, rest_len);

    /* The code is the first word of head; actors may add a date range. */
    size_t code_len = 0;
    while (code_len < head_len && !is_space(head[code_len]))
        code_len++;
    const char *extra = head + code_len;
    size_t extra_len = head_len - code_len;
    trim(&extra, &extra_len);

    if (sec == SEC_VERBS) {
        /* "042/043": the event, and the reverse event from target to source */
        const char *pair = memchr(head, '/', code_len);
        size_t a = pair ? (size_t)(pair - head) : code_len;
        const char *rev = pair ? pair + 1 : head + code_len;
        size_t rev_len = code_len - a - (pair != NULL);
        if (!ent_dict__is_event_code(head, a) || (pair && !ent_dict__is_event_code(rev, rev_len)) ||
            extra_len) {
            diag(b, "'%.*s' is not a CAMEO code (or CODE/REVERSE)", (int)head_len, head);
            return 0;
        }
        pattern_ctx pc = {head, rev, a, rev_len};
        return for_each_item(b, rest, rest_len, pattern_item, &pc);
    }

    phrase_ctx pc = {0, 0, ENT_DATE_NONE, ENT_DATE_NONE, head, head_len, NULL};
    switch (sec) {
    case SEC_ACTORS:
        pc.kind = PH_ACTOR;
        if (!ent_dict__is_actor_codes(head, code_len)) {
            diag(b,
                 "'%.*s' is not an actor code (3-15 of A-Z, 0-9; or up to 8 joined by '/', 63 in "
                 "all)",
                 (int)code_len, head);
            return 0;
        }
        if (extra_len && parse_range(&pc.from, &pc.to, extra, extra_len) < 0) {
            diag(b, "'%.*s' is not a date range (YYYY-MM-DD..YYYY-MM-DD)", (int)extra_len,
                 extra);
            return 0;
        }
        break;
    case SEC_AGENTS:
        pc.kind = PH_AGENT;
        if (!valid_code(head, code_len, 3, 15) || code_len % 3 || extra_len) {
            diag(b, "'%.*s' is not a role code (one to five roles of three A-Z, 0-9)",
                 (int)head_len, head);
            return 0;
        }
        break;
    case SEC_DISCARDS:
    case SEC_ISSUES:
    case SEC_PLACES:
        pc.kind = sec == SEC_DISCARDS ? PH_DISCARD : sec == SEC_ISSUES ? PH_ISSUE : PH_PLACE;
        if (!valid_code(head, code_len, 1, 31) || extra_len) {
            diag(b, "'%.*s' is not a label (A-Z, 0-9, _)", (int)head_len, head);
            return 0;
        }
        break;
    default:
        return 0;
    }
    pc.value = intern_code(b, head, code_len);
    if (pc.value == UINT32_MAX)
        return -1;
    return for_each_item(b, rest, rest_len, phrase_item, &pc);
}

static enum section section_named(const char *s, size_t len)
{
    static const struct {
        const char *name;
        enum section sec;
    } sections[] = {{"actors", SEC_ACTORS},
                    {"agents", SEC_AGENTS},
                    {"verbs", SEC_VERBS},
                    {"discards", SEC_DISCARDS},
                    {"issues", SEC_ISSUES},
                    {"cameo", SEC_CAMEO},
                    {"places", SEC_PLACES},
                    {"negations", SEC_NEGATIONS},
                    {"transformations", SEC_TRANSFORMS}};
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (strlen(sections[i].name) == len && memcmp(sections[i].name, s, len) == 0)
            return sections[i].sec;
    return SEC_NONE;
}

static int parse_buffer(builder *b, const char *data, size_t len)
{
    enum section sec = SEC_NONE;
    b->line = 0;
    size_t pos = 0;
    while (pos < len) {
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t line_len = nl ? (size_t)(nl - line) : len - pos;
        pos += line_len + 1;
        b->line++;
        /* Strip a comment: '#' at the start or after whitespace. */
        for (const char *hash = memchr(line, '#', line_len); hash;
             hash = memchr(hash + 1, '#', line_len - (size_t)(hash + 1 - line)))
            if (hash == line || is_space(hash[-1])) {
                line_len = (size_t)(hash - line);
                break;
            }
        trim(&line, &line_len);
        if (!line_len)
            continue;
        if (line_len > 6 && memcmp(line, "@line ", 6) == 0) {
            /* From a translated foreign dictionary: the next line is line N of the original
               file, so diagnostics name it there. */
            long n = strtol(line + 6, NULL, 10);
            if (n > 0)
                b->line = n - 1;
            continue;
        }
        if (line[0] == '@') {
            sec = section_named(line + 1, line_len - 1);
            if (sec == SEC_NONE)
                diag(b, "unknown section '%.*s'", (int)line_len, line);
            continue;
        }
        if (sec == SEC_NONE) {
            diag(b, "entry before any @section line");
            continue;
        }
        if (memchr(line, '\0', line_len)) {
            diag(b, "NUL byte in line");
            continue;
        }
        if (parse_entry(b, sec, line, line_len) < 0)
            return ENT_ENOMEM;
    }
    return ENT_OK;
}

/* ---- compiling: sort and index ---- */

static int phrase_cmp(const void *va, const void *vb)
{
    const ent_phrase *a = va, *b = vb;
    if (a->first != b->first)
        return a->first < b->first ? -1 : 1;
    if (a->ntok != b->ntok)
        return a->ntok > b->ntok ? -1 : 1;
    /* The same words in a later file override ("KUWAIT [KUW]" in a suite's actors). */
    if (a->layer != b->layer)
        return a->layer > b->layer ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* Groups a sorted array into buckets by key; key_of returns the grouping key of element i. */
static int build_index(ent_u64map *index, ent_bucket **buckets, size_t n,
                       uint64_t (*key_of)(const ent_dict *, size_t), const ent_dict *d)
{
    size_t nb = 0, cap = 0;
    for (size_t i = 0; i < n;) {
        uint64_t key = key_of(d, i);
        size_t j = i + 1;
        while (j < n && key_of(d, j) == key)
            j++;
        if (ent_vec_reserve((void **)buckets, &cap, nb + 1, sizeof **buckets) ||
            ent_u64map_put(index, key, (uint32_t)nb) < 0)
            return ENT_ENOMEM;
        (*buckets)[nb].off = (uint32_t)i;
        (*buckets)[nb].count = (uint32_t)(j - i);
        (*buckets)[nb].kinds = 0;
        (*buckets)[nb].keys = UINT32_MAX;
        nb++;
        i = j;
    }
    return ENT_OK;
}

static uint64_t phrase_key(const ent_dict *d, size_t i)
{
    return d->phrases[i].first;
}

static uint64_t pattern_key(const ent_dict *d, size_t i)
{
    return d->patterns[i].head;
}

/*
 * A code made of a country and a role ("RUSGOV") is named after them ("Russia government"),
 * not after whichever person's line happened to come first.
 */
static int name_composed_codes(ent_dict *d)
{
    for (size_t i = 0; i < d->ncodes; i++) {
        const char *code = d->codes[i];
        size_t len = strlen(code);
        if (len != 6)
            continue;
        uint32_t country = ent_dict__code_id(d, code, 3), role = ent_dict__code_id(d, code + 3, 3);
        if (country == UINT32_MAX || role == UINT32_MAX || !d->code_names[country] ||
            !d->code_names[role])
            continue;
        size_t a = strlen(d->code_names[country]), r = strlen(d->code_names[role]);
        char *name = ent_arena_alloc(&d->pool, a + r + 2);
        if (!name)
            return ENT_ENOMEM;
        memcpy(name, d->code_names[country], a);
        name[a] = ' ';
        memcpy(name + a + 1, d->code_names[role], r + 1);
        d->code_names[i] = name;
    }
    return ENT_OK;
}

/* The bit of a pattern's need it is filed under in its bucket's key table: the one that the
 * fewest patterns of the dictionary need (a rare word, so rarely in a clause), or
 * ENT_WORD_SET_BITS when it needs none. */
static unsigned key_bit(const ent_word_set *need, const uint32_t *bit_uses)
{
    unsigned best = ENT_WORD_SET_BITS;
    for (unsigned w = 0; w < 4; w++)
        for (uint64_t bits = need->bits[w]; bits; bits &= bits - 1) {
            unsigned b = w * 64 + (unsigned)__builtin_ctzll(bits);
            if (best == ENT_WORD_SET_BITS || bit_uses[b] < bit_uses[best])
                best = b;
        }
    return best;
}

/* Builds the key tables of the pattern buckets of ENT_PATTERN_KEYED_MIN patterns or more (see
 * ent_dict__pattern_keys). */
static int build_pattern_keys(ent_dict *d)
{
    uint32_t bit_uses[ENT_WORD_SET_BITS] = {0};
    size_t total = 0;
    for (size_t i = 0; i < d->npatterns; i++)
        for (unsigned w = 0; w < 4; w++)
            for (uint64_t bits = d->pattern_needs[i].bits[w]; bits; bits &= bits - 1)
                bit_uses[w * 64 + (unsigned)__builtin_ctzll(bits)]++;
    enum { NOFF = ENT_WORD_SET_BITS + 2 };
    for (size_t k = 0; k < d->pattern_index.count; k++) {
        uint32_t n = d->pattern_buckets[k].count;
        if (n >= ENT_PATTERN_KEYED_MIN && n <= ENT_PATTERN_KEYED_MAX)
            total += NOFF + n;
    }
    if (!total)
        return ENT_OK;
    if (!(d->pattern_keys = malloc(total * sizeof *d->pattern_keys)))
        return ENT_ENOMEM;
    size_t at = 0;
    for (size_t k = 0; k < d->pattern_index.count; k++) {
        ent_bucket *bucket = &d->pattern_buckets[k];
        uint32_t n = bucket->count;
        if (n < ENT_PATTERN_KEYED_MIN || n > ENT_PATTERN_KEYED_MAX)
            continue;
        uint32_t *table = d->pattern_keys + at;
        const ent_word_set *need = d->pattern_needs + bucket->off;
        /* count under each bit, then offsets, then file the patterns in order */
        memset(table, 0, NOFF * sizeof *table);
        for (uint32_t i = 0; i < n; i++)
            table[key_bit(&need[i], bit_uses) + 1]++;
        table[0] = NOFF;
        for (unsigned b = 1; b < NOFF; b++)
            table[b] += table[b - 1];
        uint32_t fill[NOFF];
        memcpy(fill, table, sizeof fill);
        for (uint32_t i = 0; i < n; i++)
            table[fill[key_bit(&need[i], bit_uses)]++] = i;
        bucket->keys = (uint32_t)at;
        at += NOFF + n;
    }
    return ENT_OK;
}

typedef struct ranked {
    uint64_t rank;
    uint32_t index;
} ranked;

/* Then by index: until compile, patterns are in the order written. */
static int ranked_cmp(const void *va, const void *vb)
{
    const ranked *a = va, *b = vb;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* The order of a head's patterns, the best first, as one number (ties: the order written):
 * a file given later first, so that a user's (or a test suite's) patterns for a verb are tried
 * before the built-in ones, whatever their length, and --dict can correct a built-in reading
 * ("restore * tie" 050) with its own ("restore diplomatic" 064); then more words, more
 * elements, and a compound subject, one condition more ("% > agree" before "agree"). */
static uint64_t pattern_rank(const ent_pattern *p)
{
    return (uint64_t)(UINT16_MAX - p->layer) << 48 | (uint64_t)(UINT16_MAX - p->nwords) << 32 |
           (uint64_t)(UINT16_MAX - p->nelem) << 16 | (uint64_t)!p->compound;
}

/*
 * Orders the patterns for the index: grouped by head (the heads in no particular order), the
 * best first within a head (pattern_rank). Sorting all of them by head cost
 * more than the rest of the compile for the 200,000 patterns of the Phoenix dictionaries, so
 * they are grouped by a counting sort and only each head's patterns are sorted, by a number
 * (pattern_rank) and their place.
 */
static int order_patterns(ent_dict *d)
{
    size_t n = d->npatterns;
    ent_u64map group_of = {0}; /* head -> group */
    uint32_t *group = malloc(n * sizeof *group);
    uint32_t *start = calloc(n + 1, sizeof *start);
    ranked *r = malloc(n * sizeof *r);
    ent_pattern *sorted = malloc(n * sizeof *sorted);
    int rc = group && start && r && sorted ? ENT_OK : ENT_ENOMEM;
    size_t ngroups = 0;
    for (size_t i = 0; rc == ENT_OK && i < n; i++) {
        uint32_t *g = ent_u64map_get(&group_of, d->patterns[i].head);
        if (!g && ent_u64map_put(&group_of, d->patterns[i].head, (uint32_t)ngroups++) < 0)
            rc = ENT_ENOMEM;
        group[i] = g ? *g : (uint32_t)ngroups - 1;
        start[group[i] + 1]++;
    }
    if (rc == ENT_OK) {
        for (size_t g = 1; g <= ngroups; g++)
            start[g] += start[g - 1];
        for (size_t i = 0; i < n; i++) { /* start[g] ends as the end of group g */
            ranked *slot = &r[start[group[i]]++];
            slot->rank = pattern_rank(&d->patterns[i]);
            slot->index = (uint32_t)i;
        }
        for (size_t g = 0, from = 0; g < ngroups; from = start[g++])
            if (start[g] - from > 1)
                qsort(r + from, start[g] - from, sizeof *r, ranked_cmp);
        for (size_t k = 0; k < n; k++)
            sorted[k] = d->patterns[r[k].index];
        free(d->patterns);
        d->patterns = sorted;
        sorted = NULL;
    }
    ent_u64map_free(&group_of);
    free(group);
    free(start);
    free(r);
    free(sorted);
    return rc;
}

/* Fills d->verb_only (see dict_internal.h). */
static int find_verb_only_patterns(ent_dict *d)
{
    size_t nb = d->pattern_index.count;
    if (!(d->verb_only = calloc(nb ? nb : 1, sizeof *d->verb_only)))
        return ENT_ENOMEM;
    for (size_t b = 0; b < nb; b++) {
        const ent_bucket *bucket = &d->pattern_buckets[b];
        const ent_pattern *best = NULL;
        for (uint32_t i = bucket->off; i < bucket->off + bucket->count; i++) {
            const ent_pattern *p = &d->patterns[i];
            if (!p->nelem && !p->npre && (!best || p->layer > best->layer)) {
                best = p;
                d->verb_only[b] = i + 1;
            }
        }
    }
    return ENT_OK;
}

static int compile(ent_dict *d)
{
    if (name_composed_codes(d) != ENT_OK)
        return ENT_ENOMEM;
    /* qsort wants a real array even for no elements: a load may have no phrases or no
       patterns (and then no array at all). */
    if (d->nphrases)
        qsort(d->phrases, d->nphrases, sizeof *d->phrases, phrase_cmp);
    int rc = d->npatterns ? order_patterns(d) : ENT_OK;
    if (rc == ENT_OK)
        rc = build_index(&d->phrase_index, &d->phrase_buckets, d->nphrases, phrase_key, d);
    if (rc == ENT_OK && d->nphrases &&
        !(d->phrase_seconds = malloc(d->nphrases * sizeof *d->phrase_seconds)))
        rc = ENT_ENOMEM;
    for (size_t i = 0; rc == ENT_OK && i < d->nphrases; i++)
        d->phrase_seconds[i] = d->phrases[i].second;
    for (size_t b = 0; rc == ENT_OK && b < d->phrase_index.count; b++) {
        ent_bucket *bucket = &d->phrase_buckets[b];
        for (uint32_t i = bucket->off; i < bucket->off + bucket->count; i++)
            bucket->kinds |= d->phrases[i].kind;
    }
    if (rc == ENT_OK)
        rc = build_index(&d->pattern_index, &d->pattern_buckets, d->npatterns, pattern_key, d);
    if (rc == ENT_OK && d->npatterns &&
        !(d->pattern_needs = malloc(d->npatterns * sizeof *d->pattern_needs)))
        rc = ENT_ENOMEM;
    for (size_t i = 0; rc == ENT_OK && i < d->npatterns; i++) {
        const ent_pattern *p = &d->patterns[i];
        d->pattern_needs[i] = p->need;
        for (uint16_t e = 0; rc == ENT_OK && e < p->npre; e++) {
            const ent_pattern_elem *el = &d->pattern_elems[p->pre_off + e];
            if (el->type == PAT_WORD && (ent_u64map_put(&d->words_before_verbs, el->lemma, 0) < 0 ||
                                         ent_u64map_put(&d->words_before_verbs, el->form, 0) < 0))
                rc = ENT_ENOMEM;
        }
    }
    if (rc == ENT_OK)
        rc = build_pattern_keys(d);
    if (rc == ENT_OK && d->ntransforms)
        rc = find_verb_only_patterns(d);
    return rc;
}

static void count_stats(ent_dict *d)
{
    ent_dict_stats *st = &d->stats;
    for (size_t i = 0; i < d->nphrases; i++) {
        switch (d->phrases[i].kind) {
        case PH_ACTOR:
            st->actor_phrases++;
            break;
        case PH_AGENT:
            st->agent_phrases++;
            break;
        case PH_DISCARD:
            st->discard_phrases++;
            break;
        case PH_ISSUE:
            st->issue_phrases++;
            break;
        }
    }
    /* Distinct actor codes: codes named by at least one actor phrase. */
    unsigned char *seen = calloc(d->ncodes ? d->ncodes : 1, 1);
    if (seen) {
        for (size_t i = 0; i < d->nphrases; i++)
            if (d->phrases[i].kind == PH_ACTOR && !seen[d->phrases[i].value]) {
                seen[d->phrases[i].value] = 1;
                st->actor_codes++;
            }
        free(seen);
    }
    st->verb_patterns = d->npatterns;
    st->cameo_codes = d->ncameo;
    st->negations = d->negations.count;
    st->transformations = d->ntransforms;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The dictionary families: entente's own .ent (any file whose first entry line is an
   @section, whatever its name), TABARI's .actors, .agents, .verbs and .options files, and
   PETRARCH's .txt dictionaries; anything else is read as .ent. */
enum family { FAMILY_ENTENTE, FAMILY_TABARI, FAMILY_PETRARCH };

static int starts_with_section(const char *data, size_t len)
{
    size_t i = 0;
    while (i < len) {
        while (i < len && (is_space(data[i]) || data[i] == '\n'))
            i++;
        if (i < len && data[i] != '#')
            return data[i] == '@';
        while (i < len && data[i] != '\n')
            i++; /* a comment line */
    }
    return 0;
}

static enum family family_of(const char *name, const char *data, size_t len)
{
    static const char *const tabari[] = {".actors", ".agents", ".verbs", ".options"};
    const char *dot = strrchr(name, '.');
    const char *slash = strrchr(name, '/');
    if (!dot || (slash && dot < slash) || starts_with_section(data, len))
        return FAMILY_ENTENTE;
    for (size_t i = 0; i < sizeof tabari / sizeof tabari[0]; i++)
        if (strcasecmp(dot, tabari[i]) == 0)
            return FAMILY_TABARI;
    return strcasecmp(dot, ".txt") == 0 ? FAMILY_PETRARCH : FAMILY_ENTENTE;
}

/* The translators' messages (skipped lines, warnings, notes) go where the loader's go. */
static void foreign_diag(void *ctx, const char *file, long line, const char *msg)
{
    builder *b = ctx;
    if (b->opt->diag)
        b->opt->diag(b->opt->diag_ctx, file, line, msg);
}

/* Parses data as family: translated into .ent text first when it is a foreign one. */
static int parse_family(builder *b, enum family family, const char *data, size_t len)
{
    if (family == FAMILY_ENTENTE)
        return parse_buffer(b, data, len);
    ent_buf text = ENT_BUF_INIT;
    ent_dict__foreign_stats st = {0, 0};
    int rc = family == FAMILY_TABARI
                 ? ent_dict__tabari_translate(&text, b->file, data, len, foreign_diag, b, &st)
                 : ent_dict__petrarch_translate(&text, b->file, data, len, foreign_diag, b, &st,
                                                b->text);
    if (rc == ENT_OK && text.failed)
        rc = ENT_ENOMEM;
    b->dict->stats.lines_skipped += st.skipped;
    if (rc == ENT_OK)
        rc = parse_buffer(b, text.data ? text.data : "", text.len);
    ent_buf_free(&text);
    return rc;
}

static int load_one(builder *b, const char *name, int builtin)
{
    b->file = name;
    b->line = 0;
    if (builtin) {
        const struct ent_embedded_file *f = ent__embedded_find(name);
        if (!f) {
            diag(b, "built-in dictionary is missing from this build");
            return ENT_OK;
        }
        return parse_buffer(b, f->data, f->len);
    }
    char *data;
    size_t len;
    int rc = ent__read_file(&data, &len, name);
    if (rc != ENT_OK)
        return rc;
    rc = parse_family(b, family_of(name, data, len), data, len);
    free(data);
    return rc;
}

/* 1 when code has an @cameo entry. known remembers the codes looked up (a few hundred codes
 * for 200,000 patterns): code[5] packed, so a code is one map lookup, not a hash of it. */
static int defined_code(const ent_dict *d, ent_u64map *known, const char code[5])
{
    uint64_t key = 1ull << 40;
    for (int i = 0; i < 4 && code[i]; i++)
        key |= (uint64_t)(unsigned char)code[i] << (8 * i);
    const uint32_t *v = ent_u64map_get(known, key);
    if (v)
        return (int)*v;
    int defined = ent_dict__cameo(d, code) != NULL;
    (void)ent_u64map_put(known, key, (uint32_t)defined); /* out of memory: looked up again */
    return defined;
}

/* Reports verb patterns and transformations whose code has no @cameo entry: they would code
 * without a weight. */
static void check_codes(builder *b)
{
    ent_dict *d = b->dict;
    ent_u64map known = {0};
    for (size_t i = 0; i < d->npatterns; i++) {
        const ent_pattern *p = &d->patterns[i];
        const char *missing = !defined_code(d, &known, p->code)                       ? p->code
                              : p->reverse[0] && !defined_code(d, &known, p->reverse) ? p->reverse
                                                                                      : NULL;
        if (!missing)
            continue;
        b->file = "dictionary";
        b->line = 0;
        diag(b, "pattern %s uses CAMEO code %s, which no @cameo section defines", p->rule, missing);
    }
    for (size_t i = 0; i < d->ntransforms; i++) {
        const ent_transform *t = &d->transforms[i];
        if (!t->code[0] || defined_code(d, &known, t->code))
            continue;
        b->file = "dictionary";
        b->line = 0;
        diag(b, "%s uses CAMEO code %s, which no @cameo section defines", t->rule, t->code);
    }
    ent_u64map_free(&known);
}

int ent_dict_load(ent_dict **out, const ent_dict_options *opt)
{
    static const ent_dict_options defaults = ENT_DICT_OPTIONS_INIT;
    if (!opt)
        opt = &defaults;
    double t0 = now_ms();
    *out = NULL;
    ent_dict *d = calloc(1, sizeof *d);
    if (!d)
        return ENT_ENOMEM;
    builder b = {0};
    b.dict = d;
    b.opt = opt;
    const char *warning = NULL;
    int rc = ent_lexicon_load(&d->lexicon, opt->wordnet_dir, &warning);
    if (rc == ENT_OK && warning) {
        b.file = "wordnet";
        diag(&b, "%s", warning);
        d->stats.lines_skipped--; /* a warning, not a skipped line */
    }
    if (rc == ENT_OK)
        rc = ent_text_create(&b.text, d->lexicon);
    if (rc == ENT_OK && opt->builtin)
        for (size_t i = 0; rc == ENT_OK && i < sizeof builtin_files / sizeof *builtin_files; i++)
            rc = load_one(&b, builtin_files[i], 1);
    for (size_t i = 0; rc == ENT_OK && i < opt->nfiles; i++) {
        b.layer = (uint16_t)(i + 1 < UINT16_MAX ? i + 1 : UINT16_MAX);
        rc = load_one(&b, opt->files[i], 0);
        if (rc == ENT_ENOTFOUND || rc == ENT_EIO) {
            b.line = 0;
            diag(&b, "cannot read: %s", strerror(errno));
        }
    }
    ent_text_destroy(b.text);
    ent_u64map_free(&b.lemma_ids);
    free(b.lemmas);
    if (rc == ENT_OK)
        rc = compile(d);
    if (rc != ENT_OK) {
        ent_dict_destroy(d);
        return rc;
    }
    check_codes(&b);
    count_stats(d);
    d->stats.load_ms = now_ms() - t0;
    *out = d;
    return ENT_OK;
}

void ent_dict_destroy(ent_dict *d)
{
    if (!d)
        return;
    ent_lexicon_destroy(d->lexicon);
    ent_arena_free(&d->pool);
    free(d->codes);
    free(d->code_names);
    ent_u64map_free(&d->code_ids);
    free(d->phrase_tokens);
    free(d->phrases);
    ent_u64map_free(&d->phrase_index);
    free(d->phrase_buckets);
    free(d->phrase_seconds);
    free(d->pattern_elems);
    free(d->patterns);
    ent_u64map_free(&d->pattern_index);
    free(d->pattern_buckets);
    ent_u64map_free(&d->words_before_verbs);
    free(d->pattern_needs);
    free(d->pattern_keys);
    free(d->cameo);
    ent_u64map_free(&d->cameo_index);
    ent_u64map_free(&d->negations);
    free(d->transforms);
    free(d->verb_only);
    free(d);
}
