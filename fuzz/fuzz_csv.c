/* libFuzzer harness: arbitrary bytes as CSV news records through the reader, checking that
 * every document it yields is well formed. */
#include "entente/ingest.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ent_reader_options opt = ENT_READER_OPTIONS_INIT;
    opt.format = ENT_INPUT_CSV;
    ent_reader *r;
    if (ent_reader_create(&r, &opt) != ENT_OK || ent_reader_open_memory(r, "fuzz.csv", data,
                                                                         size) != ENT_OK)
        abort();
    const ent_doc *doc;
    size_t n = 0;
    for (;;) {
        if (ent_reader_next(&doc, r) != ENT_OK)
            abort();
        if (!doc)
            break;
        long line;
        ent_reader_position(NULL, &line, r);
        if (!doc->id || !doc->text || strlen(doc->text) != doc->len || line < 2 || ++n > size)
            abort();
    }
    ent_reader_destroy(r);
    return 0;
}
