/*
 * ingest — stage 1: the record reader behind ent_reader (include/entente/ingest.h).
 *
 * Decoded bytes come from the byte source (source.c: plain, gzip or zstd, from a file
 * descriptor or memory) into one growable buffer; lines and CSV records are cut out of that
 * buffer in place, so a line may be as long as memory allows. JSON Lines records are parsed
 * with jansson, and the parsed object is kept until the next call because the returned
 * ent_doc points into its strings; CSV fields are unquoted into a scratch buffer (csv.c).
 * Plain text and HTML are read whole: an HTML page goes through html.c, plain text loses a
 * trailing link list (textclean.c). Every record type ends in finish_record(), which applies
 * the same rules for ids, dates and sources to all of them.
 */
#include "entente/ingest.h"

#include "ingest_internal.h"
#include "util/diag.h"
#include "util/buf.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_CHUNK (256 * 1024) /* smallest buffer, and the largest single read */
#define SNIFF_BYTES 4096        /* bytes looked at to detect the format and binary files */

#define CSV_MAX_FIELDS 4096       /* fields of a CSV row; more is malformed */
#define CSV_MAX_RECORD (64u << 20) /* bytes of a CSV row; longer: an unterminated quote */

/* State of the byte source. */
enum input_state { IN_OK, IN_EOF, IN_TRUNCATED, IN_ERROR };

/* Columns of a CSV header that a record uses. */
enum { COL_ID, COL_DATE, COL_URL, COL_TITLE, COL_TEXT, COL_BODY, COL_SOURCE, COL_BYLINE,
       COL_AUTHOR, NCOLS };

struct ent_reader {
    ent_reader_options opt;
    ent_reader_stats stats;

    /* current input */
    ent_source *src;
    char *name; /* display name (path, "-" → "stdin") */
    enum input_state state;
    char state_msg[160];     /* why IN_TRUNCATED / IN_ERROR */
    ent_input_format format; /* detected */
    int started;             /* format detected */
    int done;                /* no more records from this input */

    /* buffered bytes: [pos, end) unread, cap allocated */
    char *buf;
    size_t pos, end, cap;
    long line;     /* lines consumed so far */
    long rec_line; /* first line of the record last returned */

    /* the record last returned */
    json_t *root;
    ent_buf fixed;   /* a JSON line with invalid UTF-8 repaired */
    ent_buf strings; /* the record's strings, decoded by ent_ingest__jsonl_fields() */
    ent_buf id;    /* generated or converted id */
    ent_doc doc;
    char host[256]; /* the doc's source when it is its URL's host */

    /* CSV: the header's columns for each field (-1: none), and the last row's values */
    int csv_header;  /* the header row was read */
    size_t csv_ncols;
    long csv_col[NCOLS];
    ent_buf csv_vals;
    size_t *csv_offs;

    ent_html_page page; /* the last HTML page */

    char errmsg[512];
};

/* ---------------------------------------------------------------- diagnostics ---- */

static void report(ent_reader *r, long line, const char *fmt, ...) ENT_PRINTF(3, 4);

static void report(ent_reader *r, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent__vdiagf(r->opt.diag, r->opt.diag_ctx, r->name ? r->name : "", line, fmt, ap);
    va_end(ap);
}

/* ---------------------------------------------------------------- lifecycle ---- */

int ent_reader_create(ent_reader **out, const ent_reader_options *opt)
{
    static const ent_reader_options defaults = ENT_READER_OPTIONS_INIT;
    *out = NULL;
    ent_reader *r = calloc(1, sizeof *r);
    if (!r)
        return ENT_ENOMEM;
    r->opt = opt ? *opt : defaults;
    const char **fields[] = {&r->opt.id_field,    &r->opt.date_field,   &r->opt.url_field,
                             &r->opt.title_field, &r->opt.text_field,   &r->opt.source_field,
                             &r->opt.byline_field};
    const char *const fallback[] = {defaults.id_field,    defaults.date_field,
                                    defaults.url_field,   defaults.title_field,
                                    defaults.text_field,  defaults.source_field,
                                    defaults.byline_field};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (!*fields[i])
            *fields[i] = fallback[i];
    r->page.date = ENT_DATE_NONE;
    *out = r;
    return ENT_OK;
}

static void close_input(ent_reader *r)
{
    ent_ingest__source_close(r->src);
    r->src = NULL;
    free(r->name);
    r->name = NULL;
    if (r->root)
        json_decref(r->root);
    r->root = NULL;
    r->pos = r->end = 0;
    r->line = r->rec_line = 0;
    r->state = IN_OK;
    r->state_msg[0] = '\0';
    r->started = 0;
    r->done = 1;
    r->format = r->opt.format;
    r->csv_header = 0;
    ent_ingest__html_free(&r->page);
    memset(&r->doc, 0, sizeof r->doc);
}

void ent_reader_destroy(ent_reader *r)
{
    if (!r)
        return;
    close_input(r);
    free(r->buf);
    ent_buf_free(&r->fixed);
    ent_buf_free(&r->strings);
    ent_buf_free(&r->id);
    ent_buf_free(&r->csv_vals);
    free(r->csv_offs);
    free(r);
}

static int start_input(ent_reader *r, const char *name)
{
    r->name = strdup(name);
    if (!r->name)
        return ENT_ENOMEM;
    r->done = 0;
    r->stats.inputs++;
    return ENT_OK;
}

int ent_reader_open(ent_reader *r, const char *path)
{
    close_input(r);
    r->errmsg[0] = '\0';
    int is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY);
    if (fd < 0) {
        int e = errno;
        snprintf(r->errmsg, sizeof r->errmsg, "%s: %s", is_stdin ? "stdin" : path, strerror(e));
        return e == ENOENT || e == ENOTDIR ? ENT_ENOTFOUND : ENT_EIO;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        snprintf(r->errmsg, sizeof r->errmsg, "%s: Is a directory", path);
        return ENT_EIO;
    }
    if (ent_ingest__source_fd(&r->src, fd) != ENT_OK) {
        snprintf(r->errmsg, sizeof r->errmsg, "%s: cannot open (out of memory)", path);
        return ENT_ENOMEM;
    }
    return start_input(r, is_stdin ? "stdin" : path);
}

int ent_reader_open_memory(ent_reader *r, const char *name, const void *data, size_t len)
{
    close_input(r);
    r->errmsg[0] = '\0';
    if (ent_ingest__source_mem(&r->src, data, len) != ENT_OK)
        return ENT_ENOMEM;
    return start_input(r, name ? name : "memory");
}

void ent_reader_position(const char **name, long *line, const ent_reader *r)
{
    if (name)
        *name = r->name ? r->name : "";
    if (line)
        *line = r->rec_line;
}

void ent_reader_stats_get(ent_reader_stats *out, const ent_reader *r)
{
    *out = r->stats;
}

const char *ent_reader_errmsg(const ent_reader *r)
{
    return r->errmsg[0] ? r->errmsg : "no error";
}

ent_input_format ent_reader_format(const ent_reader *r)
{
    return r->format;
}

/* ---------------------------------------------------------------- bytes ---- */

/* Reads up to n bytes into dst. Returns the count, or 0 at the end or on an error (then
 * r->state says which). */
static size_t source_read(ent_reader *r, char *dst, size_t n)
{
    if (!r->src) {
        r->state = IN_EOF;
        return 0;
    }
    if (n > READ_CHUNK * 16)
        n = READ_CHUNK * 16; /* keep single reads moderate */
    enum ent_source_state st;
    size_t got = ent_ingest__source_read(r->src, dst, n, &st, r->state_msg, sizeof r->state_msg);
    if (got == 0)
        r->state = st == ENT_SRC_TRUNCATED ? IN_TRUNCATED
                   : st == ENT_SRC_ERROR   ? IN_ERROR
                                           : IN_EOF;
    return got;
}

/*
 * Reads more bytes after r->end, moving unread bytes to the front and growing the buffer as
 * needed. Returns 1 when bytes were added, 0 at the end of the input or on an error, -1 when
 * out of memory.
 */
static int fill(ent_reader *r)
{
    if (r->state != IN_OK)
        return 0;
    if (r->pos > 0) {
        memmove(r->buf, r->buf + r->pos, r->end - r->pos);
        r->end -= r->pos;
        r->pos = 0;
    }
    if (r->cap - r->end < READ_CHUNK / 4) {
        size_t cap = r->cap ? r->cap * 2 : READ_CHUNK;
        char *p = realloc(r->buf, cap + 1);
        if (!p)
            return -1;
        r->buf = p;
        r->cap = cap;
    }
    size_t n = source_read(r, r->buf + r->end, r->cap - r->end);
    r->end += n;
    r->stats.bytes += n;
    return n > 0;
}

/*
 * Cuts the next line (without its '\n') out of the buffer. Returns 1 with the line set,
 * 0 at the end of the input, -1 when out of memory. The line stays valid until the next
 * fill(). A last line without '\n' is returned too, unless the input broke off there.
 */
static int next_line(ent_reader *r, char **line, size_t *len)
{
    size_t scan = r->pos;
    for (;;) {
        char *nl = memchr(r->buf + scan, '\n', r->end - scan);
        if (nl) {
            *line = r->buf + r->pos;
            *len = (size_t)(nl - *line);
            r->pos = (size_t)(nl - r->buf) + 1;
            r->line++;
            return 1;
        }
        size_t offset = r->end - r->pos; /* scanned bytes, relative to pos */
        int f = fill(r);
        if (f < 0)
            return -1;
        if (f == 0)
            break;
        scan = r->pos + offset;
    }
    if (r->pos == r->end)
        return 0;
    *line = r->buf + r->pos;
    *len = r->end - r->pos;
    r->pos = r->end;
    r->line++;
    if (r->state == IN_TRUNCATED || r->state == IN_ERROR) {
        /* The partial last line is the damaged part: not a record. */
        r->stats.skipped++;
        report(r, r->line, "%s; record skipped", r->state_msg);
        r->state_msg[0] = '\0';
        return 0;
    }
    return 1;
}

/* Reports an input that broke off at a line boundary (nothing left to skip). */
static void report_broken_input(ent_reader *r)
{
    if ((r->state == IN_TRUNCATED || r->state == IN_ERROR) && r->state_msg[0]) {
        r->stats.skipped++; /* whatever followed is lost: count it, so the run says so */
        report(r, r->line + 1, "%s", r->state_msg);
        r->state_msg[0] = '\0';
    }
}

/* ---------------------------------------------------------------- format ---- */

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Binary when more than 1 in 20 of the first bytes are NUL or control characters other than
 * whitespace. Text with a stray control byte passes; UTF-16, images and archives do not. */
static int looks_binary(const char *s, size_t n)
{
    size_t bad = 0;
    if (n > SNIFF_BYTES)
        n = SNIFF_BYTES;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && !is_blank((char)c)) || c == 0x7F)
            bad++;
    }
    return bad * 20 > n;
}

/* The name without a compression suffix, lower-cased, in out (size n). */
static void plain_name(char *out, size_t n, const char *name)
{
    static const char *const suffixes[] = {".gz", ".gzip", ".zst", ".zstd", ".zip"};
    size_t len = strlen(name);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t k = strlen(suffixes[i]);
        if (len > k && strcasecmp(name + len - k, suffixes[i]) == 0) {
            len -= k;
            break;
        }
    }
    if (len >= n)
        len = n - 1;
    for (size_t i = 0; i < len; i++)
        out[i] = (char)tolower((unsigned char)name[i]);
    out[len] = '\0';
}

/* Formats by file name extension. To extend, add an extension. */
static const struct {
    const char *ext;
    ent_input_format format;
} extensions[] = {
    {".html", ENT_INPUT_HTML},   {".htm", ENT_INPUT_HTML},    {".xhtml", ENT_INPUT_HTML},
    {".csv", ENT_INPUT_CSV},     {".jsonl", ENT_INPUT_JSONL}, {".ndjson", ENT_INPUT_JSONL},
    {".json", ENT_INPUT_JSONL},  {".txt", ENT_INPUT_TEXT},
};

ent_input_format ent_ingest_detect(const char *name, const void *head, size_t len)
{
    const char *s = head;
    size_t i = 0;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && is_blank(s[i]))
        i++;
    if (i < len && s[i] == '{')
        return ENT_INPUT_JSONL;
    if (i < len && s[i] == '<')
        return ENT_INPUT_HTML;
    if (name) {
        char low[512];
        plain_name(low, sizeof low, name);
        size_t n = strlen(low);
        for (size_t k = 0; k < sizeof extensions / sizeof extensions[0]; k++) {
            size_t e = strlen(extensions[k].ext);
            if (n > e && strcmp(low + n - e, extensions[k].ext) == 0)
                return extensions[k].format;
        }
    }
    return ENT_INPUT_TEXT;
}

/* Buffers the first bytes of a new input and decides its format. Returns 0 or -1 (no
 * memory). Sets r->done for an empty or binary input. */
static int start(ent_reader *r)
{
    r->started = 1;
    while (r->end - r->pos < SNIFF_BYTES) {
        int f = fill(r);
        if (f < 0)
            return -1;
        if (f == 0)
            break;
    }
    if (r->end - r->pos >= 3 && memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0)
        r->pos += 3;
    size_t i = r->pos;
    while (i < r->end && is_blank(r->buf[i]))
        i++;
    if (i == r->end && r->state != IN_OK && r->state != IN_EOF) {
        r->stats.inputs_skipped++;
        report(r, 0, "%s; input skipped", r->state_msg);
        r->done = 1;
        return 0;
    }
    if (i == r->end) {
        r->done = 1; /* empty input: nothing to read, nothing wrong */
        return 0;
    }
    if (r->format == ENT_INPUT_AUTO)
        r->format = ent_ingest_detect(r->name, r->buf + r->pos, r->end - r->pos);
    /* JSON Lines judges each line by itself; other formats are binary or not as a whole */
    if (r->format != ENT_INPUT_JSONL && looks_binary(r->buf + r->pos, r->end - r->pos)) {
        r->stats.inputs_skipped++;
        r->stats.skipped++;
        report(r, 0, "binary file (control or NUL bytes); skipped");
        r->done = 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- records ---- */

static int all_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_blank(s[i]))
            return 0;
    return 1;
}

/* NULL for a missing or blank string. */
static const char *nonblank(const char *s)
{
    return s && !all_blank(s, strlen(s)) ? s : NULL;
}

/* The fields of one record, whatever its format. Strings are borrowed; NULL when missing. */
typedef struct record {
    long line;         /* first line */
    const char *text;  /* NULL: no text field; then text_name names the field wanted */
    size_t text_len;
    const char *text_name;
    const char *date; /* as written; NULL or "": none */
    size_t date_len;
    const char *id; /* NULL or "": FILE:LINE */
    const char *url, *title, *source, *byline;
} record;

/* Parses a record's date: YYYY-MM-DD (YYYYMMDD, a time after it) or a date in words
 * ("January 17, 2025"). Returns ENT_OK or ENT_EPARSE. */
static int parse_record_date(ent_date *out, const char *s, size_t len)
{
    if (ent_date_parse(out, s, len) == ENT_OK)
        return ENT_OK;
    if (len <= 40 && (*out = ent_ingest__parse_date_text(s, len)) != ENT_DATE_NONE)
        return ENT_OK;
    return ENT_EPARSE;
}

/* Date of a document without one in its record: a dateline, else the default. */
static ent_date text_date(const ent_reader *r, const char *text, size_t len)
{
    ent_date d = ent_ingest__find_date_line(text, len);
    return d != ENT_DATE_NONE ? d : r->opt.default_date;
}

/* The doc's source: the given outlet, else the host of its URL, else NULL. */
static const char *source_of(ent_reader *r, const char *source, const char *url)
{
    if (nonblank(source))
        return source;
    return ent_ingest__url_host(r->host, sizeof r->host, url) ? r->host : NULL;
}

/*
 * Checks a record's fields and turns them into r->doc. Returns 1 for a record, 0 when it
 * was skipped (and reported), -1 when out of memory.
 */
static int finish_record(ent_reader *r, const record *f)
{
    long ln = f->line;
    if (!f->text || all_blank(f->text, f->text_len)) {
        r->stats.skipped++;
        report(r, ln, "%s '%s' field; record skipped", f->text ? "empty" : "no", f->text_name);
        return 0;
    }
    ent_date date;
    if (f->date && f->date_len > 0) {
        if (parse_record_date(&date, f->date, f->date_len) != ENT_OK) {
            r->stats.skipped++;
            report(r, ln, "bad date '%.40s' (want YYYY-MM-DD); record skipped", f->date);
            return 0;
        }
    } else {
        date = text_date(r, f->text, f->text_len);
    }
    const char *id = f->id;
    if (!id || !*id) {
        ent_buf_reset(&r->id);
        ent_buf_appendf(&r->id, "%s:%ld", r->name, ln);
        if (r->id.failed)
            return -1;
        id = r->id.data;
    }
    memset(&r->doc, 0, sizeof r->doc);
    r->doc.id = id;
    r->doc.text = f->text;
    r->doc.len = f->text_len;
    r->doc.date = date;
    r->doc.url = f->url && *f->url ? f->url : NULL;
    r->doc.title = nonblank(f->title);
    r->doc.source = source_of(r, f->source, r->doc.url);
    r->doc.byline = nonblank(f->byline);
    r->rec_line = ln;
    return 1;
}

/* ---------------------------------------------------------------- JSON Lines ---- */

/* The members of a JSON Lines record that make a document. */
enum { F_TEXT, F_TEXT2, F_DATE, F_ID, F_URL, F_TITLE, F_SOURCE, F_BYLINE, F_BYLINE2, NFIELDS };

/* The members read from a tree jansson built (for the records ent_ingest__jsonl_fields()
 * leaves to it), the same way. */
static void fields_from_tree(ent_ingest__jsonl_field *f, size_t n, json_t *obj)
{
    for (size_t i = 0; i < n; i++) {
        json_t *v = f[i].name ? json_object_get(obj, f[i].name) : NULL;
        f[i].type = !v                   ? ENT_INGEST__JSONL_MISSING
                    : json_is_null(v)    ? ENT_INGEST__JSONL_NULL
                    : json_is_string(v)  ? ENT_INGEST__JSONL_STRING
                    : json_is_integer(v) ? ENT_INGEST__JSONL_INTEGER
                                         : ENT_INGEST__JSONL_OTHER;
        if (f[i].type == ENT_INGEST__JSONL_STRING) {
            f[i].str = json_string_value(v);
            f[i].len = json_string_length(v);
        } else if (f[i].type == ENT_INGEST__JSONL_INTEGER) {
            f[i].integer = json_integer_value(v);
        }
    }
}

/* A string member, or NULL when it is missing or null. *bad is set when it has another type. */
static const char *str_field(size_t *len, int *bad, const ent_ingest__jsonl_field *f)
{
    *len = 0;
    *bad = f->type != ENT_INGEST__JSONL_MISSING && f->type != ENT_INGEST__JSONL_NULL &&
           f->type != ENT_INGEST__JSONL_STRING;
    if (f->type != ENT_INGEST__JSONL_STRING)
        return NULL;
    *len = f->len;
    return f->str;
}

/*
 * Turns one JSON line into r->doc. Returns 1 for a record, 0 when the line was skipped
 * (and reported), -1 when out of memory.
 */
static int parse_record(ent_reader *r, char *line, size_t len)
{
    long ln = r->line;
    if (r->root) { /* the object of a record skipped after parsing */
        json_decref(r->root);
        r->root = NULL;
    }
    if (len && line[len - 1] == '\r')
        len--;
    if (all_blank(line, len))
        return 0;
    if (memchr(line, '\0', len)) {
        r->stats.skipped++;
        report(r, ln, "NUL byte in record at column %zu; record skipped",
               (size_t)((char *)memchr(line, '\0', len) - line) + 1);
        return 0;
    }
    size_t first;
    size_t invalid = ent_utf8_invalid(line, len, &first);
    if (invalid) {
        ent_buf_reset(&r->fixed);
        if (ent_buf_append_utf8(&r->fixed, line, len, NULL) < 0)
            return -1;
        line = r->fixed.data;
        len = r->fixed.len;
        r->stats.invalid_utf8++;
        report(r, ln, "invalid UTF-8 at column %zu (%zu sequence%s replaced by U+FFFD)", first + 1,
               invalid, invalid == 1 ? "" : "s");
    }
    const ent_reader_options *o = &r->opt;
    ent_ingest__jsonl_field fl[NFIELDS] = {
        [F_TEXT] = {.name = o->text_field},        [F_TEXT2] = {.name = o->text_fallback},
        [F_DATE] = {.name = o->date_field},        [F_ID] = {.name = o->id_field},
        [F_URL] = {.name = o->url_field},          [F_TITLE] = {.name = o->title_field},
        [F_SOURCE] = {.name = o->source_field},    [F_BYLINE] = {.name = o->byline_field},
        [F_BYLINE2] = {.name = o->byline_fallback}};
    int fast = ent_ingest__jsonl_fields(&r->strings, line, len, fl, NFIELDS);
    if (fast < 0)
        return -1;
    if (!fast) {
        json_error_t err;
        json_t *root = json_loadb(line, len, 0, &err);
        if (!root) {
            r->stats.skipped++;
            report(r, ln, "malformed JSON at column %d: %s; record skipped", err.column, err.text);
            return 0;
        }
        if (!json_is_object(root)) {
            json_decref(root);
            r->stats.skipped++;
            report(r, ln, "record is not a JSON object; record skipped");
            return 0;
        }
        r->root = root;
        fields_from_tree(fl, NFIELDS, root);
    }

    record f = {.line = ln, .text_name = o->text_field};
    int bad;
    f.text = str_field(&f.text_len, &bad, &fl[F_TEXT]);
    if (!f.text && !bad && o->text_fallback && fl[F_TEXT2].type != ENT_INGEST__JSONL_MISSING) {
        f.text_name = o->text_fallback;
        f.text = str_field(&f.text_len, &bad, &fl[F_TEXT2]);
    }
    if (bad) {
        r->stats.skipped++;
        report(r, ln, "non-string '%s' field; record skipped", f.text_name);
        return 0;
    }

    char tmp[32];
    const ent_ingest__jsonl_field *d = &fl[F_DATE];
    if (d->type == ENT_INGEST__JSONL_STRING) {
        f.date = d->str;
        f.date_len = d->len;
    } else if (d->type == ENT_INGEST__JSONL_INTEGER) {
        snprintf(tmp, sizeof tmp, "%lld", d->integer);
        ent_date ignored;
        if (strlen(tmp) != 8 || ent_date_parse(&ignored, tmp, 8) != ENT_OK) {
            r->stats.skipped++;
            report(r, ln, "bad date %s (want YYYYMMDD); record skipped", tmp);
            return 0;
        }
        f.date = tmp;
        f.date_len = 8;
    } else if (d->type == ENT_INGEST__JSONL_OTHER) {
        r->stats.skipped++;
        report(r, ln, "bad date (not a string); record skipped");
        return 0;
    }

    const ent_ingest__jsonl_field *idv = &fl[F_ID];
    ent_buf_reset(&r->id);
    if (idv->type == ENT_INGEST__JSONL_STRING) {
        f.id = idv->str;
    } else if (idv->type == ENT_INGEST__JSONL_INTEGER) {
        ent_buf_appendf(&r->id, "%lld", idv->integer);
        if (r->id.failed)
            return -1;
        f.id = r->id.data;
    }
    size_t n;
    f.url = str_field(&n, &bad, &fl[F_URL]);
    f.title = str_field(&n, &bad, &fl[F_TITLE]);
    f.source = str_field(&n, &bad, &fl[F_SOURCE]);
    f.byline = str_field(&n, &bad, &fl[F_BYLINE]);
    if (!f.byline && o->byline_fallback)
        f.byline = str_field(&n, &bad, &fl[F_BYLINE2]);
    return finish_record(r, &f);
}

/*
 * The record loop of JSON Lines and CSV: cut cuts the next record out of the buffer (1, 0 at
 * the end, -1 no memory), parse turns it into r->doc (1, 0 skipped, -1 no memory).
 */
static int next_record(const ent_doc **out, ent_reader *r,
                       int (*cut)(ent_reader *, char **, size_t *),
                       int (*parse)(ent_reader *, char *, size_t))
{
    for (;;) {
        char *rec;
        size_t len;
        int got = cut(r, &rec, &len);
        if (got < 0)
            return ENT_ENOMEM;
        if (got == 0) {
            report_broken_input(r);
            r->done = 1;
            return ENT_OK;
        }
        int ok = parse(r, rec, len);
        if (ok < 0)
            return ENT_ENOMEM;
        if (ok > 0) {
            r->stats.records++;
            *out = &r->doc;
            return ENT_OK;
        }
    }
}

/* ---------------------------------------------------------------- CSV ---- */

/*
 * Cuts the next CSV record out of the buffer: *rec and *len (line break included), its
 * first line in r->rec_line. A row with an unterminated quote is reported and skipped, and
 * reading resumes on the line after its first. Returns 1, 0 at the end, -1 (no memory).
 */
static int next_csv_record(ent_reader *r, char **rec, size_t *len)
{
    ent_csv_scan sc = {0, 0, 0};
    int at_eof = 0;
    for (;;) {
        int unterminated;
        size_t avail = r->end - r->pos;
        size_t n = ent_ingest__csv_record_end(&sc, r->buf + r->pos, avail, at_eof, &unterminated);
        if (n) {
            *rec = r->buf + r->pos;
            *len = n;
            r->pos += n;
            r->rec_line = r->line + 1;
            r->line += sc.newlines + (r->buf[r->pos - 1] == '\n');
            return 1;
        }
        if (at_eof && (r->state == IN_TRUNCATED || r->state == IN_ERROR)) {
            if (avail) {
                /* the partial last row is the damaged part */
                r->stats.skipped++;
                report(r, r->line + 1, "%s; record skipped", r->state_msg);
                r->state_msg[0] = '\0';
                r->pos = r->end;
            }
            return 0;
        }
        if (at_eof && avail == 0)
            return 0;
        if (unterminated || avail > CSV_MAX_RECORD) {
            r->stats.skipped++;
            report(r, r->line + 1, "%s; row skipped",
                   unterminated ? "unterminated quoted field"
                                : "row longer than 64 MiB (unterminated quoted field?)");
            const char *nl = memchr(r->buf + r->pos, '\n', avail);
            r->pos = nl ? (size_t)(nl - r->buf) + 1 : r->end;
            r->line++;
            memset(&sc, 0, sizeof sc);
            continue;
        }
        int f = fill(r);
        if (f < 0)
            return -1;
        at_eof = f == 0;
    }
}

/* Splits a row into r->csv_vals; returns the field count, or -1 (no memory). */
static long split_row(ent_reader *r, const char *rec, size_t len, size_t *count)
{
    if (!r->csv_offs && !(r->csv_offs = malloc(CSV_MAX_FIELDS * sizeof *r->csv_offs)))
        return -1;
    ent_buf_reset(&r->csv_vals);
    if (ent_ingest__csv_split(&r->csv_vals, r->csv_offs, CSV_MAX_FIELDS, count, rec, len) < 0)
        return -1;
    return 0;
}

/* Reads the header row and finds the columns. Returns 1, 0 (no usable header: reported,
 * input done), -1 (no memory). */
static int csv_header(ent_reader *r)
{
    char *rec;
    size_t len, count;
    int got;
    do {
        got = next_csv_record(r, &rec, &len);
    } while (got > 0 && all_blank(rec, len));
    if (got <= 0)
        return got;
    if (split_row(r, rec, len, &count) < 0)
        return -1;
    const char *names[NCOLS] = {r->opt.id_field,     r->opt.date_field,   r->opt.url_field,
                                r->opt.title_field,  r->opt.text_field,   r->opt.text_fallback,
                                r->opt.source_field, r->opt.byline_field, r->opt.byline_fallback};
    for (int c = 0; c < NCOLS; c++) {
        r->csv_col[c] = -1;
        for (size_t i = 0; names[c] && i < count && i < CSV_MAX_FIELDS; i++) {
            const char *h = r->csv_vals.data + r->csv_offs[i];
            while (is_blank(*h))
                h++;
            size_t hl = strlen(h);
            while (hl && is_blank(h[hl - 1]))
                hl--;
            if (hl == strlen(names[c]) && strncasecmp(h, names[c], hl) == 0) {
                r->csv_col[c] = (long)i;
                break;
            }
        }
    }
    r->csv_ncols = count;
    r->csv_header = 1;
    if (r->csv_col[COL_TEXT] < 0 && r->csv_col[COL_BODY] < 0) {
        r->stats.inputs_skipped++;
        report(r, r->rec_line, "CSV header has no '%s' column; input skipped", r->opt.text_field);
        return 0;
    }
    return 1;
}

static const char *csv_value(const ent_reader *r, int col)
{
    long i = r->csv_col[col];
    return i < 0 ? NULL : r->csv_vals.data + r->csv_offs[i];
}

/* Turns one CSV row into r->doc. Returns 1, 0 when it was skipped (and reported), -1 when
 * out of memory. */
static int parse_row(ent_reader *r, char *rec, size_t len)
{
    size_t count;
    if (all_blank(rec, len))
        return 0;
    if (memchr(rec, '\0', len)) {
        r->stats.skipped++;
        report(r, r->rec_line, "NUL byte in row; row skipped");
        return 0;
    }
    if (split_row(r, rec, len, &count) < 0)
        return -1;
    if (count != r->csv_ncols) {
        r->stats.skipped++;
        const char *nl = memchr(rec, '\n', len);
        int spans = nl && nl + 1 < rec + len;
        report(r, r->rec_line, "row has %zu field%s, the header %zu%s; row skipped", count,
               count == 1 ? "" : "s", r->csv_ncols,
               spans ? " (a stray quote?)" : "");
        if (spans) {
            /* A stray quote swallowed the lines after it: read them again as rows. The
             * record is still in the buffer (nothing was read since it was cut). */
            r->pos = (size_t)(nl + 1 - r->buf);
            r->line = r->rec_line;
        }
        return 0;
    }
    size_t first;
    size_t invalid = ent_utf8_invalid(r->csv_vals.data, r->csv_vals.len, &first);
    if (invalid) {
        r->stats.invalid_utf8++;
        report(r, r->rec_line, "invalid UTF-8 (%zu sequence%s, replaced by U+FFFD)",
               invalid, invalid == 1 ? "" : "s");
    }
    record f = {.line = r->rec_line, .text_name = r->opt.text_field};
    f.text = csv_value(r, COL_TEXT);
    if (!f.text && r->opt.text_fallback) {
        f.text_name = r->opt.text_fallback;
        f.text = csv_value(r, COL_BODY);
    }
    f.text_len = f.text ? strlen(f.text) : 0;
    f.date = csv_value(r, COL_DATE);
    f.date_len = f.date ? strlen(f.date) : 0;
    f.id = csv_value(r, COL_ID);
    f.url = csv_value(r, COL_URL);
    f.title = csv_value(r, COL_TITLE);
    f.source = csv_value(r, COL_SOURCE);
    f.byline = nonblank(csv_value(r, COL_BYLINE));
    if (!f.byline)
        f.byline = csv_value(r, COL_AUTHOR);
    return finish_record(r, &f);
}

static int next_csv(const ent_doc **out, ent_reader *r)
{
    if (!r->csv_header) {
        int h = csv_header(r);
        if (h <= 0) {
            r->done = 1;
            return h < 0 ? ENT_ENOMEM : ENT_OK;
        }
    }
    return next_record(out, r, next_csv_record, parse_row);
}

/* ---------------------------------------------------------------- whole inputs ---- */

/* Line number (1-based) of byte offset off in s. */
static long line_of(const char *s, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        line += s[i] == '\n';
    return line;
}

/* Reads the rest of the input into the buffer (NUL-terminated): *text and *len. Returns 1,
 * 0 when the input broke off (reported, skipped), -1 when out of memory. */
static int read_whole(ent_reader *r, const char **text, size_t *len)
{
    r->done = 1;
    for (;;) {
        int f = fill(r);
        if (f < 0)
            return -1;
        if (f == 0)
            break;
    }
    *text = r->buf + r->pos;
    *len = r->end - r->pos;
    if (r->state == IN_TRUNCATED || r->state == IN_ERROR) {
        r->stats.inputs_skipped++;
        r->stats.skipped++;
        report(r, line_of(*text, *len), "%s; document skipped", r->state_msg);
        return 0;
    }
    r->buf[r->end] = '\0'; /* cap + 1 bytes are allocated */
    return 1;
}

static void report_invalid_utf8(ent_reader *r, const char *text, size_t len)
{
    size_t first;
    size_t invalid = ent_utf8_invalid(text, len, &first);
    if (invalid) {
        r->stats.invalid_utf8++;
        report(r, line_of(text, first), "invalid UTF-8 (%zu sequence%s, replaced by U+FFFD)",
               invalid, invalid == 1 ? "" : "s");
    }
}

static int next_text(const ent_doc **out, ent_reader *r)
{
    const char *text;
    size_t len;
    int got = read_whole(r, &text, &len);
    if (got <= 0)
        return got < 0 ? ENT_ENOMEM : ENT_OK;
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        r->stats.skipped++;
        report(r, line_of(text, (size_t)(nul - text)), "NUL byte in text; document skipped");
        return ENT_OK;
    }
    if (all_blank(text, len))
        return ENT_OK;
    report_invalid_utf8(r, text, len);
    len = ent_ingest__trim_link_tail(text, len);
    memset(&r->doc, 0, sizeof r->doc);
    r->doc.id = r->name;
    r->doc.text = text;
    r->doc.len = len;
    r->doc.date = text_date(r, text, len);
    r->rec_line = 0;
    r->stats.records++;
    *out = &r->doc;
    return ENT_OK;
}

static int next_html(const ent_doc **out, ent_reader *r)
{
    const char *html;
    size_t len;
    int got = read_whole(r, &html, &len);
    if (got <= 0)
        return got < 0 ? ENT_ENOMEM : ENT_OK;
    ent_html_page *p = &r->page;
    ent_ingest__html_free(p);
    if (ent_ingest__html_extract(p, html, len) != ENT_OK)
        return ENT_ENOMEM;
    if (p->cut_line > 0)
        report(r, p->cut_line,
               "HTML page nested too deep or too large; the rest of the page is ignored");
    if (p->text.len == 0) {
        r->stats.skipped++;
        report(r, 0, "no article text in the HTML page (%zu block%s, all boilerplate); document "
                     "skipped",
               p->blocks, p->blocks == 1 ? "" : "s");
        return ENT_OK;
    }
    memset(&r->doc, 0, sizeof r->doc);
    r->doc.id = r->name;
    r->doc.text = p->text.data;
    r->doc.len = p->text.len;
    r->doc.date = p->date != ENT_DATE_NONE ? p->date : text_date(r, p->text.data, p->text.len);
    r->doc.url = p->url;
    r->doc.title = p->title;
    r->doc.source = source_of(r, p->site, p->url);
    r->doc.byline = p->byline;
    r->rec_line = 0;
    r->stats.records++;
    *out = &r->doc;
    return ENT_OK;
}

/* ---------------------------------------------------------------- chunks ---- */

int ent_reader_open_chunk(ent_reader *r, const char *name, const void *data, size_t len,
                          long first_line)
{
    int rc = ent_reader_open_memory(r, name, data, len);
    if (rc != ENT_OK)
        return rc;
    r->stats.inputs--; /* a part of an input, not an input */
    r->format = ENT_INPUT_JSONL;
    r->line = first_line > 0 ? first_line - 1 : 0;
    return ENT_OK;
}

/* The last '\n' in [s, s + n), or NULL. */
static const char *last_newline(const char *s, size_t n)
{
    while (n > 0)
        if (s[--n] == '\n')
            return s + n;
    return NULL;
}

static long count_lines(const char *s, size_t n)
{
    long lines = 0;
    for (const char *end = s + n; (s = memchr(s, '\n', (size_t)(end - s))) != NULL; s++)
        lines++;
    return lines;
}

int ent_reader_next_chunk(const char **data, size_t *len, long *first_line, ent_reader *r,
                          size_t want)
{
    *data = NULL;
    *len = 0;
    *first_line = 0;
    if (!r->started && start(r) < 0)
        return ENT_ENOMEM;
    if (r->done)
        return ENT_OK;
    if (r->format != ENT_INPUT_JSONL)
        return ENT_EINVAL;
    size_t cut = 0;
    for (;;) {
        size_t avail = r->end - r->pos;
        if (avail >= want || r->state != IN_OK) {
            const char *nl = last_newline(r->buf + r->pos, avail);
            if (nl) {
                cut = (size_t)(nl - (r->buf + r->pos)) + 1;
                break;
            }
            if (r->state != IN_OK) {
                /* The end: a last line without '\n', unless the input broke off in it. */
                if (avail > 0 && (r->state == IN_TRUNCATED || r->state == IN_ERROR)) {
                    r->stats.skipped++;
                    report(r, r->line + 1, "%s; record skipped", r->state_msg);
                    r->state_msg[0] = '\0';
                    r->pos = r->end;
                    cut = 0;
                } else {
                    if (avail == 0)
                        report_broken_input(r);
                    cut = avail;
                }
                break;
            }
        }
        if (fill(r) < 0)
            return ENT_ENOMEM;
    }
    if (cut == 0) {
        r->done = 1;
        return ENT_OK;
    }
    *data = r->buf + r->pos;
    *len = cut;
    *first_line = r->line + 1;
    long lines = count_lines(*data, cut);
    r->line += lines + ((*data)[cut - 1] != '\n');
    r->pos += cut; /* the chunk stays in the buffer until the next fill */
    return ENT_OK;
}

int ent_reader_next(const ent_doc **out, ent_reader *r)
{
    *out = NULL;
    if (r->root) {
        json_decref(r->root);
        r->root = NULL;
    }
    if (r->done)
        return ENT_OK;
    if (!r->started && start(r) < 0)
        return ENT_ENOMEM;
    if (r->done)
        return ENT_OK;
    switch (r->format) {
    case ENT_INPUT_JSONL:
        return next_record(out, r, next_line, parse_record);
    case ENT_INPUT_CSV:
        return next_csv(out, r);
    case ENT_INPUT_HTML:
        return next_html(out, r);
    default:
        return next_text(out, r);
    }
}
