/* libFuzzer harness: arbitrary bytes as a document through text analysis and the coder. */
#include "entente/coder.h"

#include <stdlib.h>

static ent_dict *dict;
static ent_coder *coder;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dict) {
        if (ent_dict_load(&dict, NULL) != ENT_OK || ent_coder_create(&coder, dict) != ENT_OK)
            abort();
    }
    /* The first byte picks whether the document has a date, so both paths are explored. */
    ent_doc doc = {"fuzz", (const char *)data, size, ENT_DATE_NONE, NULL, NULL, NULL, NULL};
    if (size && data[0] & 1)
        doc.date = ent_date_from_ymd(2025, 1, 17);
    const ent_event *ev;
    size_t n;
    if (ent_coder_code(&ev, &n, coder, &doc, NULL) != ENT_OK)
        abort();
    size_t len;
    ent_coder_text(coder, &len);
    for (size_t i = 0; i < n; i++)
        if (ev[i].sentence.end > len || ev[i].source.end > len || ev[i].target.end > len)
            abort();
    return 0;
}
