/*
 * import — declarations shared by the files of the import module:
 *   lines.c   a line source over plain, gzip, zstd and single-member zip files
 *   actors.c  ICEWS actor names to codes, with the dictionaries and a cache
 *   import.c  the GDELT and ICEWS row parsers and the importer (include/entente/import.h)
 */
#ifndef ENTENTE_IMPORT_INTERNAL_H
#define ENTENTE_IMPORT_INTERNAL_H

#include "entente/import.h"

#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------- lines.c ---- */

typedef struct ent_lines ent_lines;

/*
 * Opens path ("-": standard input) and detects its compression from the first bytes: gzip
 * (1F 8B), zstd (28 B5 2F FD), zip (PK 03 04: the first member is read), else plain.
 * Returns ENT_OK, ENT_ENOTFOUND, ENT_EIO (message in err) or ENT_ENOMEM.
 * Caller frees with ent_lines__close().
 */
int ent_lines__open(ent_lines **out, const char *path, char *err, size_t errlen);

/* Opens len bytes of memory (uncompressed or compressed, detected the same way). data is
 * borrowed until close. */
int ent_lines__open_memory(ent_lines **out, const void *data, size_t len);

void ent_lines__close(ent_lines *l);

/*
 * The next line, without its '\n' (nor a '\r' before it), NUL-terminated in place and
 * writable; valid until the next call. Returns 1 with *line set, 0 at the end, -1 when out
 * of memory. When the input breaks off (truncated or corrupt compressed stream, read
 * error), the partial last line is not returned and ent_lines__error() says why.
 */
int ent_lines__next(char **line, size_t *len, ent_lines *l);

/* Number of the line last returned (1-based). */
long ent_lines__lineno(const ent_lines *l);

/* Uncompressed bytes read so far. */
uint64_t ent_lines__bytes(const ent_lines *l);

/* Why the input broke off ("truncated gzip stream"), or NULL when it ended normally. */
const char *ent_lines__error(const ent_lines *l);

/* ---------------------------------------------------------------- actors.c ---- */

typedef struct ent_actor_resolver ent_actor_resolver;

/* dict may be NULL (nothing resolves). Caller frees with ent_actor__destroy(). */
int ent_actor__create(ent_actor_resolver **out, const ent_dict *dict);
void ent_actor__destroy(ent_actor_resolver *r);

/*
 * The code of an ICEWS actor name on date (see ent_import_actor_code()). *code is "" when
 * unresolved; borrowed until destroy. sectors and country may be NULL or "".
 * Returns ENT_OK or ENT_ENOMEM.
 */
int ent_actor__resolve(const char **code, ent_actor_resolver *r, const char *name,
                       const char *sectors, const char *country, ent_date date);

/* A 64-bit hash of len bytes (FNV-1a, finished with a mixer). */
uint64_t ent_import__hash(const void *data, size_t len, uint64_t seed);

#endif
