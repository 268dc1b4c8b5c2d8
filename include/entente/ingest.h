/*
 * entente ingest — stage 1: reads news records from files or stdin and yields them as
 * ent_doc documents for the coder. docs/ingest.md describes the formats in full.
 *
 * Compression is transparent and detected by magic bytes: gzip (concatenated members too),
 * zstd (any number of frames), or none. The format is then detected per input (see
 * ent_ingest_detect): by content first — '{' is JSON Lines, '<' is HTML — then by name
 * (.html/.htm, .csv, .jsonl/.json, .txt, under a .gz/.zst suffix), plain text otherwise:
 *   JSON Lines  one JSON object per line with the fields id, date, url, title, text, source
 *               and byline (names configurable; "body" is used when there is no text field,
 *               "author" when there is no byline field);
 *   CSV         RFC 4180 records (quoted fields, doubled quotes, embedded newlines, CRLF)
 *               whose header row names the same fields;
 *   HTML        one document per input: title, date, byline, site name and URL from the
 *               page's metadata, and the body text with navigation, comments, related-article
 *               lists, share widgets and link lists removed; paragraphs joined by "\n\n";
 *   plain text  the whole input is one document; a trailing run of short link-like lines
 *               (the "related stories" list of a copied web page) is dropped.
 * An HTML or plain-text document's id is the path as given ("stdin" for "-"). A document's
 * date is the record's date field, else the page's metadata, else a date line near the top
 * of the text ("January 17, 2025", "17 January 2025", "2025-01-17"), else the default date
 * of the options. Its source is the record's source field or the page's site name, else
 * the host of its URL.
 * Reading streams: only the current record (or plain-text or HTML document) is held in
 * memory, and lines of any length are accepted.
 *
 * Bad input never stops the reader. A malformed JSON line or CSV row, a record without text,
 * a bad date, a NUL byte, a truncated or corrupt gzip or zstd stream and a binary file are
 * each reported through the diagnostic callback as (file, line, message) — line is the
 * record's first line in JSON Lines and CSV, 0 when the problem concerns the whole input —
 * counted, and skipped; reading goes on with the next record. Invalid UTF-8 is reported and
 * counted but the record is kept (invalid sequences become U+FFFD in JSON Lines; the coder
 * replaces them in plain text).
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
    ENT_INPUT_TEXT,     /* plain text, one document per input */
    ENT_INPUT_HTML,     /* an HTML page, one document per input */
    ENT_INPUT_CSV       /* CSV news records with a header row */
} ent_input_format;

typedef struct ent_reader_options {
    /* Field names of JSON Lines and CSV records. Borrowed: must outlive the reader. */
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
    const char *source_field;    /* "source": the outlet; missing → host of the url */
    const char *byline_field;    /* "byline" */
    const char *byline_fallback; /* "author": used when byline_field is missing; NULL: none */
} ent_reader_options;

/* Fields left NULL by an older initialiser take the defaults below (except the fallbacks). */
/* clang-format off */
#define ENT_READER_OPTIONS_INIT                                                                \
    {"id", "date", "url", "title", "text", "body", ENT_DATE_NONE, ENT_INPUT_AUTO, NULL, NULL,    \
     "source", "byline", "author"}
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

/*
 * Parsing JSON Lines on many threads: one reader cuts an input into chunks of whole lines
 * without parsing them, and other readers (one per thread) parse the chunks.
 *
 * ent_reader_next_chunk returns the next lines of the current input, at least want bytes
 * unless the input ends, decompressed and unparsed: *data and *len (borrowed until the next
 * call, open or destroy) and *first_line, the 1-based number of the first line. At the end
 * of the input *len is 0. A damaged end (truncated gzip) is reported and counted as
 * ent_reader_next would. Returns ENT_OK, ENT_ENOMEM, or ENT_EINVAL when the input is not JSON
 * Lines (forced or detected; nothing was consumed: read it with ent_reader_next).
 *
 * ent_reader_open_chunk opens such a chunk (borrowed until the next open or destroy) as JSON
 * Lines whose first line is first_line, so records are named NAME:LINE as in the whole input.
 * Returns ENT_OK or ENT_ENOMEM.
 */
ENT_API int ent_reader_next_chunk(const char **data, size_t *len, long *first_line,
                                  ent_reader *r, size_t want);
ENT_API int ent_reader_open_chunk(ent_reader *r, const char *name, const void *data, size_t len,
                                  long first_line);

/* Name and first line (1-based; 0 for plain text) of the record last returned. Either out
 * parameter may be NULL; *name is borrowed until the next open. */
ENT_API void ent_reader_position(const char **name, long *line, const ent_reader *r);

ENT_API void ent_reader_stats_get(ent_reader_stats *out, const ent_reader *r);

/* A description of the last error returned by ent_reader_open ("cannot open x: reason").
 * Borrowed; never NULL. */
ENT_API const char *ent_reader_errmsg(const ent_reader *r);

/* The format of the current input: the forced one, or the one detected by the first
 * ent_reader_next (ENT_INPUT_AUTO before that and for an empty input). */
ENT_API ent_input_format ent_reader_format(const ent_reader *r);

/*
 * Detects the format of an input from its first len uncompressed bytes (head; a UTF-8
 * byte-order mark and leading white space are skipped) and its name (may be NULL): '{' is
 * JSON Lines and '<' HTML; otherwise the name decides (.html, .htm, .xhtml → HTML; .csv → CSV;
 * .jsonl, .ndjson, .json → JSON Lines; a .gz, .gzip, .zst or .zstd suffix is looked through);
 * otherwise plain text. Never returns ENT_INPUT_AUTO.
 */
ENT_API ent_input_format ent_ingest_detect(const char *name, const void *head, size_t len);

/* ---------------------------------------------------------------- directory walk ---- */

/* A list of file paths. paths[i] are NUL-terminated; the list owns them. */
typedef struct ent_file_list {
    size_t count;
    char **paths;
} ent_file_list;

/*
 * Expands n paths into the files to read, into *out (which is overwritten). A path that is
 * not a directory ("-", a file, a pipe, even a missing path, which ent_reader_open will
 * report) is kept as given. A directory is replaced by the regular files below it, at any
 * depth, sorted by path (bytewise), skipping hidden entries (names starting with '.'),
 * entries that are neither regular files nor directories, and symbolic links back to a
 * directory being walked (a loop, reported). Paths are the directory as given joined with
 * "/" and the names below it. An unreadable directory or entry is reported through diag
 * (file = its path, line 0) and skipped. Inputs keep their order.
 * Returns ENT_OK or ENT_ENOMEM (then *out is empty). Caller frees with ent_file_list_free.
 */
ENT_API int ent_ingest_walk(ent_file_list *out, const char *const *paths, size_t n,
                            ent_diag_fn diag, void *diag_ctx);

/* Frees the paths of list and empties it. NULL does nothing. */
ENT_API void ent_file_list_free(ent_file_list *list);

#ifdef __cplusplus
}
#endif
#endif
