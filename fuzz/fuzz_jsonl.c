/* libFuzzer harness: arbitrary bytes as one JSON Lines record, read by entente's member
 * reader and by jansson. Whenever the member reader accepts a record, jansson must read it
 * as an object with the same members (a differential check), and the record must have been
 * valid UTF-8 as the reader requires of its callers. */
#include "ingest/ingest_internal.h"
#include "util/buf.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t first;
    if (memchr(s, '\0', size) || ent_utf8_invalid(s, size, &first))
        return 0; /* the reader repairs or refuses these before */
    static const char *const names[] = {"id", "date", "text", "a", "", "text"};
    enum { N = sizeof names / sizeof names[0] };
    ent_ingest__jsonl_field f[N];
    for (size_t i = 0; i < N; i++)
        f[i].name = names[i];
    ent_buf strings = ENT_BUF_INIT;
    int fast = ent_ingest__jsonl_fields(&strings, s, size, f, N);
    if (fast < 0)
        abort();
    if (fast == 1) {
        json_error_t err;
        json_t *root = json_loadb(s, size, 0, &err);
        if (!root || !json_is_object(root))
            abort();
        for (size_t i = 0; i < N; i++) {
            json_t *v = json_object_get(root, names[i]);
            int ok = f[i].type == ENT_INGEST__JSONL_MISSING ? !v
                     : f[i].type == ENT_INGEST__JSONL_NULL  ? json_is_null(v)
                     : f[i].type == ENT_INGEST__JSONL_INTEGER
                         ? json_is_integer(v) && json_integer_value(v) == f[i].integer
                     : f[i].type == ENT_INGEST__JSONL_STRING
                         ? json_is_string(v) && json_string_length(v) == f[i].len &&
                               !memcmp(json_string_value(v), f[i].str, f[i].len)
                         : v && !json_is_null(v) && !json_is_string(v) && !json_is_integer(v);
            if (!ok)
                abort();
        }
        json_decref(root);
    }
    ent_buf_free(&strings);
    return 0;
}
