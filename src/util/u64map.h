/*
 * util — an open-addressing hash map from 64-bit keys (already hashes) to 32-bit values.
 * Built once and then only read, which is all the dictionaries need. Key 0 is reserved.
 */
#ifndef ENTENTE_UTIL_U64MAP_H
#define ENTENTE_UTIL_U64MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct ent_u64map {
    uint64_t *keys;
    uint32_t *values;
    size_t mask;  /* capacity - 1; capacity is a power of two */
    size_t count;
} ent_u64map;

#define ENT_U64MAP_INIT {NULL, NULL, 0, 0}

/* Inserts or overwrites. Returns 0, or -1 when out of memory. key 0 is mapped to 1. */
int ent_u64map_put(ent_u64map *m, uint64_t key, uint32_t value);
/* Pointer to the value for key, or NULL. The pointer is valid until the next put. */
uint32_t *ent_u64map_get(const ent_u64map *m, uint64_t key);
void ent_u64map_free(ent_u64map *m);

#endif
