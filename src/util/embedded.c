/* util — lookup in the embedded data table. */
#include "embedded.h"

#include <string.h>

const struct ent_embedded_file *ent__embedded_find(const char *name)
{
    for (const struct ent_embedded_file *f = ent__embedded_files; f->name; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}
