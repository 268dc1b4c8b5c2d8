/* dict — read-only lookups into a compiled dictionary, used by the coder and the CLI. */
#include "dict_internal.h"

#include <string.h>

uint32_t ent_dict__code_id(const ent_dict *d, const char *code, size_t len)
{
    const uint32_t *id = ent_u64map_get(&d->code_ids, ent_text_hash(code, len));
    return id ? *id : UINT32_MAX;
}

const ent_phrase *ent_dict__phrases_at(const ent_dict *d, uint64_t first, unsigned kinds,
                                       size_t *count)
{
    const uint32_t *b = ent_u64map_get(&d->phrase_index, first);
    if (!b || !(d->phrase_buckets[*b].kinds & kinds)) {
        *count = 0;
        return NULL;
    }
    *count = d->phrase_buckets[*b].count;
    return d->phrases + d->phrase_buckets[*b].off;
}

const uint32_t *ent_dict__pattern_keys(const ent_dict *d, uint64_t head)
{
    const uint32_t *b = ent_u64map_get(&d->pattern_index, head);
    if (!b || d->pattern_buckets[*b].keys == UINT32_MAX)
        return NULL;
    return d->pattern_keys + d->pattern_buckets[*b].keys;
}

const ent_pattern *ent_dict__patterns_for(const ent_dict *d, uint64_t head, size_t *count)
{
    const uint32_t *b = ent_u64map_get(&d->pattern_index, head);
    if (!b) {
        *count = 0;
        return NULL;
    }
    *count = d->pattern_buckets[*b].count;
    return d->patterns + d->pattern_buckets[*b].off;
}

const char *ent_dict__own_code(const ent_dict *d, uint64_t head)
{
    const uint32_t *b = d->verb_only ? ent_u64map_get(&d->pattern_index, head) : NULL;
    return b && d->verb_only[*b] ? d->patterns[d->verb_only[*b] - 1].code : NULL;
}

int ent_dict__word_before_verb(const ent_dict *d, uint64_t hash)
{
    return ent_u64map_get(&d->words_before_verbs, hash) != NULL;
}

const ent_cameo_entry *ent_dict__cameo(const ent_dict *d, const char *code)
{
    size_t n = strlen(code);
    const uint32_t *i = ent_u64map_get(&d->cameo_index, ent_text_hash(code, n));
    size_t base = ent_dict__unrefined_len(code, n);
    if (!i && base < n)
        i = ent_u64map_get(&d->cameo_index, ent_text_hash(code, base));
    return i ? &d->cameo[*i] : NULL;
}

const char *ent_dict__negation(const ent_dict *d, const char *code)
{
    const uint32_t *id = ent_u64map_get(&d->negations, ent_text_hash(code, strlen(code)));
    return id ? d->codes[*id] : NULL;
}

int ent_dict_cameo(double *goldstein, const char **label, const ent_dict *d, const char *code)
{
    const ent_cameo_entry *e = ent_dict__cameo(d, code);
    if (!e)
        return ENT_ENOTFOUND;
    if (goldstein)
        *goldstein = e->goldstein;
    if (label)
        *label = e->label;
    return ENT_OK;
}

const char *ent_dict_actor_name(const ent_dict *d, const char *code)
{
    uint32_t id = ent_dict__code_id(d, code, strlen(code));
    return id == UINT32_MAX ? NULL : d->code_names[id];
}

void ent_dict_stats_get(ent_dict_stats *out, const ent_dict *d)
{
    *out = d->stats;
}

const ent_lexicon *ent_dict_lexicon(const ent_dict *d)
{
    return d->lexicon;
}

/* ---- whole-name lookup (ent_dict_lookup_phrase) ---- */

static int phrase_is(const ent_dict *d, const ent_phrase *p, const ent_token *tok, size_t ntok)
{
    if (p->ntok != ntok)
        return 0;
    const uint64_t *want = d->phrase_tokens + p->tok_off;
    for (size_t k = 0; k < ntok; k++)
        if (tok[k].form != want[k])
            return 0;
    return 1;
}

static int is_dated(const ent_phrase *p)
{
    return p->kind == PH_ACTOR && (p->from != ENT_DATE_NONE || p->to != ENT_DATE_NONE);
}

static int dated_covers(const ent_phrase *p, ent_date date)
{
    return date != ENT_DATE_NONE && (p->from == ENT_DATE_NONE || date >= p->from) &&
           (p->to == ENT_DATE_NONE || date <= p->to);
}

/* Narrows [valid[0], valid[1]] (which holds date) so that it avoids p's range, which does
 * not hold date: the answer changes where p's range begins or ends. */
static void exclude_range(ent_date valid[2], const ent_phrase *p, ent_date date)
{
    if (date == ENT_DATE_NONE) {
        valid[0] = ENT_DATE_NONE; /* only undated answers: no date makes a difference */
        valid[1] = INT32_MAX;
        return;
    }
    if (p->to != ENT_DATE_NONE && p->to < date && p->to + 1 > valid[0])
        valid[0] = p->to + 1;
    if (p->from != ENT_DATE_NONE && p->from > date && p->from - 1 < valid[1])
        valid[1] = p->from - 1;
}

int ent_dict_lookup_phrase(const char **code, ent_date valid[2], const ent_dict *d,
                           const ent_token *tok, size_t ntok, int agent, ent_date date)
{
    ent_date range[2] = {ENT_DATE_NONE, INT32_MAX};
    *code = NULL;
    size_t n = 0;
    const ent_phrase *p =
        ntok ? ent_dict__phrases_at(d, tok[0].form, agent ? PH_AGENT : PH_ACTOR, &n) : NULL;
    int kind = agent ? PH_AGENT : PH_ACTOR;
    const ent_phrase *hit = NULL, *fallback = NULL;
    /* Phrases of one first token are sorted longest first, then in load order: the same
     * order the coder prefers them in. */
    for (size_t j = 0; j < n && !hit; j++) {
        const ent_phrase *q = &p[j];
        if (q->kind != kind || !phrase_is(d, q, tok, ntok))
            continue;
        if (!is_dated(q)) {
            if (!fallback)
                fallback = q;
        } else if (dated_covers(q, date)) {
            hit = q;
            if (q->from != ENT_DATE_NONE)
                range[0] = q->from;
            if (q->to != ENT_DATE_NONE)
                range[1] = q->to;
        }
    }
    /* Every dated line of the phrase that does not hold date bounds the answer: an earlier
     * one (in load order) would win on its own dates, and for a fallback any one would. */
    for (size_t j = 0; j < n; j++) {
        const ent_phrase *q = &p[j];
        if (q == hit || q->kind != kind || !is_dated(q) || !phrase_is(d, q, tok, ntok))
            continue;
        if (hit && q->order > hit->order)
            continue;
        if (!dated_covers(q, date))
            exclude_range(range, q, date);
    }
    if (!hit)
        hit = fallback;
    if (valid) {
        valid[0] = range[0];
        valid[1] = range[1];
    }
    /* A phrase that names several actors ("DZA/EGY") is no one actor's name. */
    if (!hit || strchr(d->codes[hit->value], '/'))
        return ENT_ENOTFOUND;
    *code = d->codes[hit->value];
    return ENT_OK;
}
