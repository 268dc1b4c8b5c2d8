/* util — open-addressing hash map with linear probing; see u64map.h. */
#include "u64map.h"

#include <stdlib.h>

static size_t slot_of(uint64_t key, size_t mask)
{
    /* Keys are hashes already, but mix the high bits in so weak hashes still spread. */
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return (size_t)key & mask;
}

static int grow(ent_u64map *m)
{
    size_t cap = m->mask ? (m->mask + 1) * 2 : 64;
    uint64_t *keys = calloc(cap, sizeof *keys);
    uint32_t *values = malloc(cap * sizeof *values);
    if (!keys || !values) {
        free(keys);
        free(values);
        return -1;
    }
    if (m->mask) {
        for (size_t i = 0; i <= m->mask; i++) {
            if (!m->keys[i])
                continue;
            size_t s = slot_of(m->keys[i], cap - 1);
            while (keys[s])
                s = (s + 1) & (cap - 1);
            keys[s] = m->keys[i];
            values[s] = m->values[i];
        }
    }
    free(m->keys);
    free(m->values);
    m->keys = keys;
    m->values = values;
    m->mask = cap - 1;
    return 0;
}

int ent_u64map_put(ent_u64map *m, uint64_t key, uint32_t value)
{
    if (!key)
        key = 1;
    /* Keep the load factor under 1/2 so probes stay short. */
    if ((m->count + 1) * 2 > m->mask + 1 && grow(m) < 0)
        return -1;
    size_t s = slot_of(key, m->mask);
    while (m->keys[s] && m->keys[s] != key)
        s = (s + 1) & m->mask;
    if (!m->keys[s]) {
        m->keys[s] = key;
        m->count++;
    }
    m->values[s] = value;
    return 0;
}

uint32_t *ent_u64map_get(const ent_u64map *m, uint64_t key)
{
    if (!m->mask)
        return NULL;
    if (!key)
        key = 1;
    size_t s = slot_of(key, m->mask);
    while (m->keys[s]) {
        if (m->keys[s] == key)
            return &m->values[s];
        s = (s + 1) & m->mask;
    }
    return NULL;
}

void ent_u64map_free(ent_u64map *m)
{
    free(m->keys);
    free(m->values);
    m->keys = NULL;
    m->values = NULL;
    m->mask = m->count = 0;
}
