/* util — access to the data files compiled into the library by tools/embed.c. */
#ifndef ENTENTE_UTIL_EMBEDDED_H
#define ENTENTE_UTIL_EMBEDDED_H

#include <stddef.h>

struct ent_embedded_file {
    const char *name; /* path relative to data/, e.g. "dict/countries.ent" */
    const char *data; /* NUL-terminated contents */
    size_t len;
};

/* The table, ending with an entry whose name is NULL. */
extern const struct ent_embedded_file ent__embedded_files[];

/* The embedded file with that name, or NULL. */
const struct ent_embedded_file *ent__embedded_find(const char *name);

#endif
