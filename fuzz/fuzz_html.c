/* libFuzzer harness: arbitrary bytes as an HTML page through the reader (gumbo, boilerplate
 * removal, metadata), checking the document it yields. */
#include "entente/ingest.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ent_reader_options opt = ENT_READER_OPTIONS_INIT;
    opt.format = ENT_INPUT_HTML;
    ent_reader *r;
    if (ent_reader_create(&r, &opt) != ENT_OK || ent_reader_open_memory(r, "fuzz.html", data,
                                                                         size) != ENT_OK)
        abort();
    const ent_doc *doc;
    if (ent_reader_next(&doc, r) != ENT_OK)
        abort();
    if (doc && (strlen(doc->text) != doc->len || doc->len == 0))
        abort(); /* the text is NUL-terminated and never empty */
    ent_reader_destroy(r);
    return 0;
}
