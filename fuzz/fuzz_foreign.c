/* libFuzzer harness: arbitrary bytes as a TABARI or a PETRARCH dictionary file (the first
   byte picks the name, and so the translator: .actors, .agents, .verbs, .options or .txt). */
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
    static const char *const kinds[] = {"actors", "agents", "verbs", "options", "txt"};
    if (size == 0)
        return 0;
    char path[96];
    snprintf(path, sizeof path, "/tmp/entente-fuzz-foreign-%d.%s", (int)getpid(),
             kinds[data[0] % 5]);
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data + 1, 1, size - 1, f);
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
    remove(path);
    return 0;
}
