/*
 * util — a bump allocator. A document's tokens, matches and candidate events live in one
 * arena; ent_arena_reset() frees them all at once, so the stages never call free().
 * Build with -DENT_ARENA_DEBUG to make every allocation its own malloc, so ASan sees
 * overruns between allocations.
 */
#ifndef ENTENTE_UTIL_ARENA_H
#define ENTENTE_UTIL_ARENA_H

#include <stddef.h>

typedef struct ent_arena_block ent_arena_block;

typedef struct ent_arena {
    ent_arena_block *head; /* block being filled; older blocks follow */
    size_t block_size;     /* size of the next fresh block */
} ent_arena;

/* Zero-initialised ent_arena is ready to use. */
#define ENT_ARENA_INIT {0}

/* size bytes aligned for any type, or NULL when out of memory. Never returns NULL for 0. */
void *ent_arena_alloc(ent_arena *a, size_t size);
/* A copy of len bytes plus a NUL. */
char *ent_arena_strndup(ent_arena *a, const char *s, size_t len);
/* Frees everything allocated since the last reset, keeping the first block for reuse. */
void ent_arena_reset(ent_arena *a);
/* Frees all memory; the arena can be used again afterwards. */
void ent_arena_free(ent_arena *a);

#endif
