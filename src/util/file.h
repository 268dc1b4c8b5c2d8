/* util — reading a whole file into memory (dictionaries, the treaty registry). */
#ifndef ENTENTE_UTIL_FILE_H
#define ENTENTE_UTIL_FILE_H

#include <stddef.h>

/*
 * Reads the file at path into a fresh buffer with a NUL after its *len bytes. Returns ENT_OK,
 * ENT_ENOTFOUND (no such file), ENT_EIO or ENT_ENOMEM. Caller frees *out with free().
 */
int ent__read_file(char **out, size_t *len, const char *path);

#endif
