/* dict — event codes of foreign dictionaries outside entente's CAMEO codebook (see
 * dict_internal.h). */
#include "dict_internal.h"

#include "entente/text.h"
#include "util/buf.h"
#include "util/vec.h"

#include <stdlib.h>
#include <string.h>

int ent_dict__extra_code_add(ent_dict__extra_codes *x, const char *code, size_t n, long line)
{
    if (n < 2 || n > 4)
        return 0;
    uint64_t key = ent_text_hash(code, n);
    if (ent_u64map_get(&x->seen, key))
        return 0;
    if (ent_vec_reserve((void **)&x->codes, &x->cap, x->n + 1, sizeof *x->codes) ||
        ent_u64map_put(&x->seen, key, 1) < 0)
        return -1;
    memcpy(x->codes[x->n].code, code, n);
    x->codes[x->n].code[n] = '\0';
    x->codes[x->n++].line = line;
    return 0;
}

void ent_dict__extra_codes_write(struct ent_buf *out, const ent_dict__extra_codes *x,
                                 const char *file)
{
    if (!x->n)
        return;
    ent_buf_puts(out, "@cameo\n");
    for (size_t i = 0; i < x->n; i++)
        ent_buf_appendf(out, "@line %ld\n%s 0 : not a CAMEO code; used by %s\n", x->codes[i].line,
                        x->codes[i].code, file);
}

void ent_dict__extra_codes_free(ent_dict__extra_codes *x)
{
    free(x->codes);
    ent_u64map_free(&x->seen);
    memset(x, 0, sizeof *x);
}
