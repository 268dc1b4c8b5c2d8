/* util — reading a whole file into memory (file.h). */
#include "util/file.h"

#include "entente/common.h"
#include "util/vec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int ent__read_file(char **out, size_t *len, const char *path)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? ENT_ENOTFOUND : ENT_EIO;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (ent_vec_reserve((void **)&buf, &cap, n + 65536 + 1, 1)) {
            free(buf);
            fclose(f);
            return ENT_ENOMEM;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        return ENT_EIO;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return ENT_OK;
}
