/* dict — read-only lookups into a compiled dictionary, used by the coder and the CLI. */
#include "dict_internal.h"

#include <string.h>

uint32_t ent_dict__code_id(const ent_dict *d, const char *code, size_t len)
{
    const uint32_t *id = ent_u64map_get(&d->code_ids, ent_text_hash(code, len));
    return id ? *id : UINT32_MAX;
}

const ent_phrase *ent_dict__phrases_at(const ent_dict *d, uint64_t first, size_t *count)
{
    const uint32_t *b = ent_u64map_get(&d->phrase_index, first);
    if (!b) {
        *count = 0;
        return NULL;
    }
    *count = d->phrase_buckets[*b].count;
    return d->phrases + d->phrase_buckets[*b].off;
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

const ent_cameo_entry *ent_dict__cameo(const ent_dict *d, const char *code)
{
    const uint32_t *i = ent_u64map_get(&d->cameo_index, ent_text_hash(code, strlen(code)));
    return i ? &d->cameo[*i] : NULL;
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
