/* libFuzzer harness: arbitrary bytes as a validation suite, PETRARCH XML or TABARI text
   records (the first byte picks which). */
#include "entente/validate.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ignore(void *ctx, const char *file, long line, const char *msg)
{
    (void)ctx, (void)file, (void)line, (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    ent_suite_format format = data[0] & 1 ? ENT_SUITE_PETRARCH : ENT_SUITE_TABARI;
    ent_suite *suite = NULL;
    if (ent_suite_parse(&suite, format, "fuzz", (const char *)data + 1, size - 1, ignore,
                        NULL) == ENT_OK)
        ent_suite_destroy(suite);
    return 0;
}
