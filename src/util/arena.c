/* util — bump allocator; see arena.h. */
#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

struct ent_arena_block {
    ent_arena_block *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
};

#define ARENA_MIN_BLOCK (64 * 1024)

static void free_chain(ent_arena_block *b)
{
    while (b) {
        ent_arena_block *next = b->next;
        free(b);
        b = next;
    }
}

#ifdef ENT_ARENA_DEBUG
void *ent_arena_alloc(ent_arena *a, size_t size)
{
    ent_arena_block *b = malloc(sizeof *b + (size ? size : 1));
    if (!b)
        return NULL;
    b->size = b->used = size;
    b->next = a->head;
    a->head = b;
    return b->data;
}

void ent_arena_reset(ent_arena *a)
{
    ent_arena_free(a);
}
#else
void *ent_arena_alloc(ent_arena *a, size_t size)
{
    size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0)
        size = align;
    ent_arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t want = a->block_size ? a->block_size : ARENA_MIN_BLOCK;
        while (want < size)
            want *= 2;
        b = malloc(sizeof *b + want);
        if (!b)
            return NULL;
        b->size = want;
        b->used = 0;
        b->next = a->head;
        a->head = b;
        a->block_size = want * 2 > (1u << 24) ? want : want * 2;
    }
    void *p = b->data + b->used;
    b->used += size;
    return p;
}

void ent_arena_reset(ent_arena *a)
{
    /* Keep the newest (largest) block, free the rest: steady state is one block. */
    ent_arena_block *keep = a->head;
    if (!keep)
        return;
    free_chain(keep->next);
    keep->next = NULL;
    keep->used = 0;
}
#endif

char *ent_arena_strndup(ent_arena *a, const char *s, size_t len)
{
    char *p = ent_arena_alloc(a, len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

void ent_arena_free(ent_arena *a)
{
    free_chain(a->head);
    a->head = NULL;
    a->block_size = 0;
}
