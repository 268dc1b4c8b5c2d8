/* libFuzzer harness: arbitrary bytes as a .ent dictionary file. */
#include "entente/dict.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ignore(void *ctx, const char *file, long line, const char *msg)
{
    (void)ctx, (void)file, (void)line, (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/entente-fuzz-dict-%d.ent", (int)getpid());
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    const char *files[] = {path};
    ent_dict_options opt = ENT_DICT_OPTIONS_INIT;
    opt.builtin = 0;
    opt.files = files;
    opt.nfiles = 1;
    opt.diag = ignore;
    ent_dict *dict;
    if (ent_dict_load(&dict, &opt) == ENT_OK)
        ent_dict_destroy(dict);
    return 0;
}
