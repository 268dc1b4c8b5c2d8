/*
 * util — growable arrays without macros: the caller keeps (data, count, capacity) and
 * ent_vec_grow() makes room for one more element.
 */
#ifndef ENTENTE_UTIL_VEC_H
#define ENTENTE_UTIL_VEC_H

#include <stdlib.h>

/* Makes room for need elements of elem_size bytes. Returns 0, or -1 when out of memory
 * (then *data is unchanged). */
static inline int ent_vec_reserve(void **data, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    void *p = realloc(*data, n * elem_size);
    if (!p)
        return -1;
    *data = p;
    *cap = n;
    return 0;
}

#endif
