/*
 * text — stage 2: the analyser object. ent_text_analyse() runs normalisation, tokenizing
 * (with lexicon lookups), sentence splitting and tagging over reusable buffers; results are
 * borrowed until the next call.
 */
#include "text_internal.h"

#include <stdlib.h>

int ent_text_create(ent_text **out, const ent_lexicon *lex)
{
    if (!out)
        return ENT_EINVAL;
    *out = NULL;
    if (!lex)
        return ENT_EINVAL;
    ent_text *t = calloc(1, sizeof *t);
    if (!t)
        return ENT_ENOMEM;
    t->cache = calloc((size_t)1 << ENT_TEXT__CACHE_BITS, sizeof *t->cache);
    if (!t->cache) {
        free(t);
        return ENT_ENOMEM;
    }
    for (int c = 0; c < 128; c++) {
        char ch = (char)c;
        t->ascii_hash[c] = ent_text__hash_nfc(&ch, 1);
    }
    t->lex = lex;
    t->buf = "";
    *out = t;
    return ENT_OK;
}

void ent_text_destroy(ent_text *t)
{
    if (!t)
        return;
    free(t->norm);
    free(t->cps);
    free(t->tok);
    free(t->tokx);
    free(t->sent);
    free(t->cache);
    free(t);
}

int ent_text_analyse(ent_text *t, const char *text, size_t len, unsigned flags)
{
    if (!t)
        return ENT_EINVAL;
    t->ntok = 0;
    t->nsent = 0;
    t->buf = "";
    t->len = 0;
    t->normalised = 0;
    t->invalid = 0;
    t->first_invalid = 0;
    if (!text && len)
        return ENT_EINVAL;
    if (len > UINT32_MAX)
        return ENT_EINVAL;
    if (!text)
        text = "";

    int rc = ent_text__normalise(t, text, len);
    if (rc == ENT_OK)
        rc = ent_text__tokenize(t);
    if (rc == ENT_OK)
        rc = ent_text__split(t, (flags & ENT_TEXT_NO_SENTENCES) != 0);
    if (rc != ENT_OK) {
        t->ntok = 0;
        t->nsent = 0;
        return rc;
    }
    if (!(flags & ENT_TEXT_NO_TAGS))
        for (size_t i = 0; i < t->nsent; i++)
            ent_text__tag(t, &t->sent[i]);
    return ENT_OK;
}

const char *ent_text_buffer(const ent_text *t, size_t *len)
{
    if (len)
        *len = t ? t->len : 0;
    return t ? t->buf : "";
}

const ent_token *ent_text_tokens(const ent_text *t, size_t *count)
{
    if (count)
        *count = t ? t->ntok : 0;
    return t ? t->tok : NULL;
}

const ent_sentence *ent_text_sentences(const ent_text *t, size_t *count)
{
    if (count)
        *count = t ? t->nsent : 0;
    return t ? t->sent : NULL;
}

size_t ent_text_invalid_count(const ent_text *t, size_t *first_offset)
{
    if (first_offset)
        *first_offset = t ? t->first_invalid : 0;
    return t ? t->invalid : 0;
}

int ent_text_was_normalised(const ent_text *t)
{
    return t ? t->normalised : 0;
}
