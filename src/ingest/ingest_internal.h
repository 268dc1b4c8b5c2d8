/*
 * ingest — declarations shared by the files of the ingest stage: the byte source with its
 * decompressors (source.c), HTML extraction (html.c), CSV records (csv.c), text heuristics
 * for dates and link-list tails (textclean.c). Not part of the public API.
 */
#ifndef ENTENTE_INGEST_INTERNAL_H
#define ENTENTE_INGEST_INTERNAL_H

#include "entente/ingest.h"
#include "util/buf.h"

#include <stddef.h>

/* ---------------------------------------------------------------- source.c ---- */

/* Where decoded bytes come from: a file descriptor or memory, each either plain or gzip or
 * zstd compressed (detected from the first bytes). */
typedef struct ent_source ent_source;

enum ent_source_state { ENT_SRC_OK, ENT_SRC_EOF, ENT_SRC_TRUNCATED, ENT_SRC_ERROR };

/* Takes ownership of fd (closed by ent_source_close). Returns ENT_OK or ENT_ENOMEM (fd is
 * closed then too). */
int ent_ingest__source_fd(ent_source **out, int fd);
/* Borrows the len bytes at data until ent_source_close. Returns ENT_OK or ENT_ENOMEM. */
int ent_ingest__source_mem(ent_source **out, const void *data, size_t len);
void ent_ingest__source_close(ent_source *s);

/*
 * Reads up to n decoded bytes into dst. Returns the count; 0 at the end or on an error, and
 * then *state says which and msg (size msg_size) why ("truncated zstd stream (…)").
 */
size_t ent_ingest__source_read(ent_source *s, char *dst, size_t n, enum ent_source_state *state,
                               char *msg, size_t msg_size);

/* ---------------------------------------------------------------- html.c ---- */

/* What one HTML page yields. Strings are NUL-terminated, owned by the page (NULL when the
 * page has no such item); free with ent_ingest__html_free. */
typedef struct ent_html_page {
    ent_buf text;    /* kept paragraphs, joined by "\n\n" */
    char *title;     /* og:title, else <title> without a " | Site" suffix, else the first h1 */
    char *byline;    /* meta author, JSON-LD author, rel=author, a "byline" element */
    char *site;      /* og:site_name, JSON-LD publisher */
    char *url;       /* canonical link, else og:url */
    ent_date date;   /* published date from the metadata, or ENT_DATE_NONE */
    size_t blocks;   /* text blocks seen */
    size_t dropped;  /* of which removed as boilerplate */
    long cut_line;   /* > 0: the page was cut at this line (nesting too deep) */
} ent_html_page;

/* Parses len bytes of HTML into *page. Returns ENT_OK or ENT_ENOMEM. */
int ent_ingest__html_extract(ent_html_page *page, const char *html, size_t len);
void ent_ingest__html_free(ent_html_page *page);

/* ---------------------------------------------------------------- csv.c ---- */

/* Scanner state of one CSV record, so a record split across buffer fills is resumed. */
typedef struct ent_csv_scan {
    size_t off;   /* bytes of the record scanned */
    int state;    /* state of the scanner */
    long newlines; /* line breaks inside the record so far */
} ent_csv_scan;

/*
 * Looks for the end of the record starting at s (n bytes available; more may follow unless
 * at_eof). Returns the record's length including its line break, 0 when more bytes are
 * needed (or, at_eof, when a quoted field is not closed: *unterminated is set), scanning
 * from where sc stopped.
 */
size_t ent_ingest__csv_record_end(ent_csv_scan *sc, const char *s, size_t n, int at_eof,
                                  int *unterminated);

/*
 * Splits one complete record (len bytes, line break included or not) into fields: their
 * unquoted values are appended to out, each followed by a NUL, and their offsets into
 * out->data stored in offs (up to max; *count receives the true number of fields). Returns 0
 * or -1 (out of memory).
 */
int ent_ingest__csv_split(ent_buf *out, size_t *offs, size_t max, size_t *count, const char *s,
                          size_t len);

/* ---------------------------------------------------------------- jsonl.c ---- */

enum {
    ENT_INGEST__JSONL_MISSING, /* no such member */
    ENT_INGEST__JSONL_NULL,
    ENT_INGEST__JSONL_STRING,  /* in str and len */
    ENT_INGEST__JSONL_INTEGER, /* in integer */
    ENT_INGEST__JSONL_OTHER    /* a real, a boolean, an object or an array */
};

/* A member of a record's top-level object: name is asked for, the rest is found. */
typedef struct ent_ingest__jsonl_field {
    const char *name; /* NULL: not asked for */
    int type;         /* ENT_INGEST__JSONL_* */
    const char *str;  /* a string: its decoded bytes, len of them, NUL after */
    size_t off, len;  /* (off: where in strings, while reading) */
    long long integer;
} ent_ingest__jsonl_field;

/*
 * Reads the n bytes at s (one JSON Lines record, valid UTF-8) as an object and fills the
 * asked-for fields, decoding their strings into strings (reset first). Returns 1; 0 when
 * the record is not an object this reader accepts, and jansson must parse it (and report
 * why it is malformed); -1 when out of memory.
 */
int ent_ingest__jsonl_fields(ent_buf *strings, const char *s, size_t n,
                             ent_ingest__jsonl_field *fields, size_t nfields);

/* ---------------------------------------------------------------- textclean.c ---- */

/* Length of text without a trailing run of short link-like lines (a "read more" list);
 * len itself when there is none, or when dropping it could lose prose. */
size_t ent_ingest__trim_link_tail(const char *text, size_t len);

/* A date written in the len bytes at s as its main content: "2025-01-17", "January 17,
 * 2025", "Jan. 17, 2025", "17 January 2025", "Friday, January 17, 2025 10:00 AM". */
ent_date ent_ingest__parse_date_text(const char *s, size_t len);

/* A line among the first lines of text that is a date (with little else: "By X | January
 * 17, 2025", "Published 17 January 2025"); ENT_DATE_NONE when there is none. */
ent_date ent_ingest__find_date_line(const char *text, size_t len);

/* The host of an http(s) URL ("www.example.com"), written to out (size n) in lower case.
 * Returns 1, or 0 when url has no host. */
int ent_ingest__url_host(char *out, size_t n, const char *url);

#endif
