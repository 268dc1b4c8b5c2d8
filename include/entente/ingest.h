/*
 * entente ingest — stage 1: reads news records from files or stdin and yields them as
 * ent_doc documents for the coder.
 *
 * Inputs are read through zlib, so gzip-compressed and plain files are both accepted. The
 * format is detected per input from its first non-blank byte (after a UTF-8 byte-order mark):
 *   '{'        JSON Lines: one JSON object per line with the fields id, date, url, title and
 *              text (names configurable; "body" is used when there is no text field);
 *   otherwise  plain text: the whole input is one document, its id is the path as given
 *              ("stdin" for "-"), its date the default date of the options.
 * Reading streams: only the current record (or plain-text document) is held in memory, and
 * lines of any length are accepted.
 *
 * Bad input never stops the reader. A malformed JSON line, a record without text, a bad
 * date, a NUL byte, a truncated or corrupt gzip stream and a binary file are each reported
 * through the diagnostic callback as (file, line, message) — line is the record's first line
 * in JSON Lines, 0 when the problem concerns the whole input — counted, and skipped; reading
 * goes on with the next record. Invalid UTF-8 is reported and counted but the record is kept
 * (invalid sequences become U+FFFD in JSON Lines; the coder replaces them in plain text).
 */
#ifndef ENTENTE_INGEST_H
#define ENTENTE_INGEST_H

#include "common.h"
#include "coder.h"
#include "dict.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ent_reader ent_reader;

/* Input formats. */
typedef enum ent_input_format {
    ENT_INPUT_AUTO = 0, /* detect per input (see above) */
    ENT_INPUT_JSONL,    /* JSON Lines news records */
    ENT_INPUT_TEXT      /* plain text, one document per input */
} ent_input_format;

typedef struct ent_reader_options {
    /* Field names of JSON Lines records. Borrowed: must outlive the reader. */
    const char *id_field;      /* "id": a string or an integer; missing → "FILE:LINE" */
    const char *date_field;    /* "date": "2025-01-17", "2025-01-17T10:00:00Z", "20250117" */
    const char *url_field;     /* "url" */
    const char *title_field;   /* "title" */
    const char *text_field;    /* "text" */
    const char *text_fallback; /* "body": used when text_field is missing; NULL for none */
    ent_date default_date;     /* date of records without one; ENT_DATE_NONE: the coder looks
                                  for a date in the text */
    ent_input_format format;   /* ENT_INPUT_AUTO */
    ent_diag_fn diag;          /* receives every diagnostic; NULL: only counted */
    void *diag_ctx;
} ent_reader_options;

/* clang-format off */
#define ENT_READER_OPTIONS_INIT                                                                \
    {"id", "date", "url", "title", "text", "body", ENT_DATE_NONE, ENT_INPUT_AUTO, NULL, NULL}
/* clang-format on */

/* Counters over every input opened by one reader. */
typedef struct ent_reader_stats {
    size_t inputs;         /* inputs opened */
    size_t inputs_skipped; /* inputs skipped whole: binary, unreadable, truncated plain text */
    size_t records;        /* documents returned by ent_reader_next */
    size_t skipped;        /* records skipped (each reported through diag) */
    size_t invalid_utf8;   /* records with invalid UTF-8 (kept, reported) */
    uint64_t bytes;        /* uncompressed bytes read */
} ent_reader_stats;

/*
 * Creates a reader with no input open. opt may be NULL for ENT_READER_OPTIONS_INIT; it is
 * copied, but the strings it points to are borrowed. Returns ENT_OK or ENT_ENOMEM.
 * Caller frees with ent_reader_destroy().
 */
ENT_API int ent_reader_create(ent_reader **out, const ent_reader_options *opt);

/* Closes the current input and frees the reader. NULL does nothing. */
ENT_API void ent_reader_destroy(ent_reader *r);

/*
 * Opens path ("-" for standard input), closing the previous input. Returns ENT_OK,
 * ENT_ENOTFOUND (no such file), ENT_EIO (cannot be opened or read; see ent_reader_errmsg)
 * or ENT_ENOMEM. A binary input opens successfully, is reported through diag and yields no
 * records.
 */
ENT_API int ent_reader_open(ent_reader *r, const char *path);

/*
 * Opens len bytes of uncompressed memory as an input named name (used in diagnostics and as
 * the id of a plain-text document). data and name are borrowed until the next open or
 * destroy. Returns ENT_OK or ENT_ENOMEM.
 */
ENT_API int ent_reader_open_memory(ent_reader *r, const char *name, const void *data, size_t len);

/*
 * Reads the next record of the current input. On ENT_OK, *out is the next document, or NULL
 * at the end of the input. The document and every string it points to are owned by the
 * reader and valid until the next call, open or destroy. Problems with single records are
 * reported through diag and skipped, never returned; the result is ENT_OK, or ENT_ENOMEM.
 */
ENT_API int ent_reader_next(const ent_doc **out, ent_reader *r);

/* Name and first line (1-based; 0 for plain text) of the record last returned. Either out
 * parameter may be NULL; *name is borrowed until the next open. */
ENT_API void ent_reader_position(const char **name, long *line, const ent_reader *r);

ENT_API void ent_reader_stats_get(ent_reader_stats *out, const ent_reader *r);

/* A description of the last error returned by ent_reader_open ("cannot open x: reason").
 * Borrowed; never NULL. */
ENT_API const char *ent_reader_errmsg(const ent_reader *r);

#ifdef __cplusplus
}
#endif
#endif
