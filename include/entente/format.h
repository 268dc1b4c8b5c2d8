/*
 * entente format — writes coded events (stage 4's output) as text: JSON Lines, GDELT 1.0
 * style tab-separated values, or CSV. docs/events.md documents every field; the JSON keys and
 * their order are a stable contract.
 *
 * An ent_formatter appends formatted lines to an internal buffer; take them with
 * ent_formatter_data() or write them with ent_formatter_write(), which empties the buffer.
 *
 * JSON Lines come in two ontologies: entente's CAMEO records (the default) or, with the flag
 * ENT_FORMAT_PLOVER, PLOVER records: the event mapped by include/entente/plover.h, with
 * PLOVER's field names and entente's provenance (docs/plover.md).
 */
#ifndef ENTENTE_FORMAT_H
#define ENTENTE_FORMAT_H

#include <stdio.h>

#include "common.h"
#include "coder.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ent_format {
    ENT_FORMAT_JSONL = 0, /* one JSON object per line */
    ENT_FORMAT_GDELT,     /* the 58 tab-separated columns of GDELT 1.0 event files */
    ENT_FORMAT_CSV        /* RFC 4180 CSV with a header row */
} ent_format;

/* Flags of ent_formatter_create(). */
enum {
    ENT_FORMAT_HEADER = 1 << 0, /* GDELT: begin with a header line of column names (CSV always
                                   has one, JSON Lines never) */
    ENT_FORMAT_PLOVER = 1 << 1  /* JSON Lines: write PLOVER records (docs/plover.md) instead of
                                   CAMEO records; ENT_FORMAT_JSONL only */
};

/* Parses a format name: "jsonl" (or "json"), "gdelt" (or "tsv"), "csv". Returns ENT_OK or
 * ENT_EINVAL. */
ENT_API int ent_format_parse(ent_format *out, const char *name);

/* The canonical name of a format ("jsonl", "gdelt", "csv"). Static. */
ENT_API const char *ent_format_name(ent_format format);

typedef struct ent_formatter ent_formatter;

/* Returns ENT_OK, ENT_EINVAL (unknown format, or ENT_FORMAT_PLOVER with a format other than
 * JSON Lines), ENT_ENOMEM, or with ENT_FORMAT_PLOVER the error of reading the PLOVER table
 * (ent_plover_count). Caller frees with ent_formatter_destroy(). The header line, if the
 * format has one, is appended now. */
ENT_API int ent_formatter_create(ent_formatter **out, ent_format format, unsigned flags);
ENT_API void ent_formatter_destroy(ent_formatter *f);

/*
 * Appends one event as one line ending in '\n'.
 *   event        from ent_coder_code()
 *   event_index  its index in that call's array (part of the GDELT GLOBALEVENTID, which is
 *                also the PLOVER record's "id")
 *   text, len    the coder's analysed text (ent_coder_text()), which the event's spans index;
 *                text may be NULL, then the "text" field is empty
 *   url          the document's URL, or NULL
 * Returns ENT_OK or ENT_ENOMEM.
 */
ENT_API int ent_formatter_event(ent_formatter *f, const ent_event *event, size_t event_index,
                                const char *text, size_t len, const char *url);

/* The bytes appended since the last write or clear. Borrowed until the next call. */
ENT_API const char *ent_formatter_data(const ent_formatter *f, size_t *len);

/* Forgets the buffered bytes. */
ENT_API void ent_formatter_clear(ent_formatter *f);

/* Writes the buffered bytes to fp and clears them. Returns ENT_OK or ENT_EIO. */
ENT_API int ent_formatter_write(ent_formatter *f, FILE *fp);

/*
 * The GDELT GLOBALEVENTID of an event: a 63-bit hash of the document id, sentence index and
 * event index, so coding the same document again gives the same ids.
 */
ENT_API int64_t ent_format_event_id(const char *doc_id, uint32_t sentence_index,
                                    size_t event_index);

#ifdef __cplusplus
}
#endif
#endif
