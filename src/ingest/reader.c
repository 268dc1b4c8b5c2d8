/*
 * ingest — stage 1: the record reader behind ent_reader (include/entente/ingest.h).
 *
 * Bytes come from zlib (gzip or plain files, transparently) or from memory into one growable
 * buffer; lines are cut out of that buffer in place, so a line may be as long as memory
 * allows. JSON Lines records are parsed with jansson; the parsed object is kept until the
 * next call because the returned ent_doc points into its strings.
 */
#include "entente/ingest.h"

#include "util/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define READ_CHUNK (256 * 1024) /* smallest buffer, and the largest single read */
#define SNIFF_BYTES 4096        /* bytes looked at to detect the format and binary files */

enum source { SRC_NONE, SRC_GZ, SRC_MEM };
/* State of the byte source. */
enum input_state { IN_OK, IN_EOF, IN_TRUNCATED, IN_ERROR };

struct ent_reader {
    ent_reader_options opt;
    ent_reader_stats stats;

    /* current input */
    enum source src;
    gzFile gz;
    const char *mem;
    size_t mem_len, mem_pos;
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
    ent_buf fixed; /* a JSON line with invalid UTF-8 repaired */
    ent_buf id;    /* generated or converted id */
    ent_doc doc;

    char errmsg[512];
};

/* ---------------------------------------------------------------- diagnostics ---- */

static void report(ent_reader *r, long line, const char *fmt, ...) ENT_PRINTF(3, 4);

static void report(ent_reader *r, long line, const char *fmt, ...)
{
    if (!r->opt.diag)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->opt.diag(r->opt.diag_ctx, r->name ? r->name : "", line, msg);
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
    if (!r->opt.id_field)
        r->opt.id_field = defaults.id_field;
    if (!r->opt.date_field)
        r->opt.date_field = defaults.date_field;
    if (!r->opt.url_field)
        r->opt.url_field = defaults.url_field;
    if (!r->opt.title_field)
        r->opt.title_field = defaults.title_field;
    if (!r->opt.text_field)
        r->opt.text_field = defaults.text_field;
    *out = r;
    return ENT_OK;
}

static void close_input(ent_reader *r)
{
    if (r->gz)
        gzclose(r->gz);
    r->gz = NULL;
    r->src = SRC_NONE;
    r->mem = NULL;
    r->mem_len = r->mem_pos = 0;
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
    memset(&r->doc, 0, sizeof r->doc);
}

void ent_reader_destroy(ent_reader *r)
{
    if (!r)
        return;
    close_input(r);
    free(r->buf);
    ent_buf_free(&r->fixed);
    ent_buf_free(&r->id);
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
    r->gz = gzdopen(fd, "rb");
    if (!r->gz) {
        close(fd);
        snprintf(r->errmsg, sizeof r->errmsg, "%s: cannot open (out of memory)", path);
        return ENT_ENOMEM;
    }
    gzbuffer(r->gz, READ_CHUNK);
    r->src = SRC_GZ;
    return start_input(r, is_stdin ? "stdin" : path);
}

int ent_reader_open_memory(ent_reader *r, const char *name, const void *data, size_t len)
{
    close_input(r);
    r->errmsg[0] = '\0';
    r->src = SRC_MEM;
    r->mem = data;
    r->mem_len = len;
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

/* ---------------------------------------------------------------- bytes ---- */

/* Reads up to n bytes into dst. Returns the count, or 0 at the end or on an error (then
 * r->state says which). */
static size_t source_read(ent_reader *r, char *dst, size_t n)
{
    if (n > READ_CHUNK * 16)
        n = READ_CHUNK * 16; /* gzread takes an unsigned; keep reads moderate */
    if (r->src == SRC_MEM) {
        size_t k = r->mem_len - r->mem_pos < n ? r->mem_len - r->mem_pos : n;
        memcpy(dst, r->mem + r->mem_pos, k);
        r->mem_pos += k;
        if (k == 0)
            r->state = IN_EOF;
        return k;
    }
    if (r->src != SRC_GZ) {
        r->state = IN_EOF;
        return 0;
    }
    int got = gzread(r->gz, dst, (unsigned)n);
    int err = Z_OK;
    const char *msg = NULL;
    if (got > 0)
        return (size_t)got;
    msg = gzerror(r->gz, &err);
    if (got == 0 && err == Z_OK) {
        r->state = IN_EOF;
    } else if (err == Z_BUF_ERROR) {
        r->state = IN_TRUNCATED;
        snprintf(r->state_msg, sizeof r->state_msg, "truncated gzip stream (%s)",
                 msg && *msg ? msg : "unexpected end of file");
    } else if (err == Z_ERRNO) {
        r->state = IN_ERROR;
        snprintf(r->state_msg, sizeof r->state_msg, "read error (%s)", strerror(errno));
    } else {
        r->state = IN_ERROR;
        snprintf(r->state_msg, sizeof r->state_msg, "corrupt gzip stream (%s)",
                 msg && *msg ? msg : "data error");
    }
    return 0;
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
        r->format = r->buf[i] == '{' ? ENT_INPUT_JSONL : ENT_INPUT_TEXT;
    if (r->format == ENT_INPUT_TEXT && looks_binary(r->buf + r->pos, r->end - r->pos)) {
        r->stats.inputs_skipped++;
        r->stats.skipped++;
        report(r, 0, "binary file (control or NUL bytes); skipped");
        r->done = 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- records ---- */

/* A string field of obj, or NULL when it is missing or null. *bad is set when the field has
 * another type. */
static const char *str_field(size_t *len, int *bad, json_t *obj, const char *key)
{
    json_t *v = key ? json_object_get(obj, key) : NULL;
    *len = 0;
    *bad = 0;
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        *bad = 1;
        return NULL;
    }
    *len = json_string_length(v);
    return json_string_value(v);
}

static int all_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_blank(s[i]))
            return 0;
    return 1;
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

    size_t tlen;
    int bad;
    const char *field = r->opt.text_field;
    const char *text = str_field(&tlen, &bad, root, field);
    if (!text && !bad && r->opt.text_fallback && json_object_get(root, r->opt.text_fallback)) {
        field = r->opt.text_fallback;
        text = str_field(&tlen, &bad, root, field);
    }
    if (bad || !text || all_blank(text, tlen)) {
        r->stats.skipped++;
        report(r, ln, "%s '%s' field; record skipped",
               bad    ? "non-string"
               : text ? "empty"
                      : "no",
               field);
        return 0;
    }

    ent_date date = r->opt.default_date;
    json_t *d = json_object_get(root, r->opt.date_field);
    if (d && json_is_string(d) && json_string_length(d) > 0) {
        if (ent_date_parse(&date, json_string_value(d), json_string_length(d)) != ENT_OK) {
            r->stats.skipped++;
            report(r, ln, "bad date '%.40s' (want YYYY-MM-DD); record skipped",
                   json_string_value(d));
            return 0;
        }
    } else if (d && json_is_integer(d)) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%" JSON_INTEGER_FORMAT, json_integer_value(d));
        if (ent_date_parse(&date, tmp, strlen(tmp)) != ENT_OK || strlen(tmp) != 8) {
            r->stats.skipped++;
            report(r, ln, "bad date %s (want YYYYMMDD); record skipped", tmp);
            return 0;
        }
    } else if (d && !json_is_null(d) && !json_is_string(d)) {
        r->stats.skipped++;
        report(r, ln, "bad date (not a string); record skipped");
        return 0;
    }

    const char *id = NULL;
    json_t *idv = json_object_get(root, r->opt.id_field);
    ent_buf_reset(&r->id);
    if (idv && json_is_string(idv) && json_string_length(idv) > 0) {
        id = json_string_value(idv);
    } else if (idv && json_is_integer(idv)) {
        ent_buf_appendf(&r->id, "%" JSON_INTEGER_FORMAT, json_integer_value(idv));
        id = r->id.data;
    } else {
        ent_buf_appendf(&r->id, "%s:%ld", r->name, ln);
        id = r->id.data;
    }
    if (r->id.failed)
        return -1;

    size_t n;
    r->doc.id = id;
    r->doc.text = text;
    r->doc.len = tlen;
    r->doc.date = date;
    r->doc.url = str_field(&n, &bad, root, r->opt.url_field);
    if (r->doc.url && n == 0)
        r->doc.url = NULL;
    r->doc.title = str_field(&n, &bad, root, r->opt.title_field);
    if (r->doc.title && all_blank(r->doc.title, n))
        r->doc.title = NULL;
    r->rec_line = ln;
    return 1;
}

static int next_jsonl(const ent_doc **out, ent_reader *r)
{
    for (;;) {
        char *line;
        size_t len;
        int got = next_line(r, &line, &len);
        if (got < 0)
            return ENT_ENOMEM;
        if (got == 0) {
            report_broken_input(r);
            r->done = 1;
            return ENT_OK;
        }
        int rec = parse_record(r, line, len);
        if (rec < 0)
            return ENT_ENOMEM;
        if (rec > 0) {
            r->stats.records++;
            *out = &r->doc;
            return ENT_OK;
        }
    }
}

/* Line number (1-based) of byte offset off in s. */
static long line_of(const char *s, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        line += s[i] == '\n';
    return line;
}

static int next_text(const ent_doc **out, ent_reader *r)
{
    r->done = 1;
    for (;;) {
        int f = fill(r);
        if (f < 0)
            return ENT_ENOMEM;
        if (f == 0)
            break;
    }
    const char *text = r->buf + r->pos;
    size_t len = r->end - r->pos;
    if (r->state == IN_TRUNCATED || r->state == IN_ERROR) {
        r->stats.inputs_skipped++;
        r->stats.skipped++;
        report(r, line_of(text, len), "%s; document skipped", r->state_msg);
        return ENT_OK;
    }
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        r->stats.skipped++;
        report(r, line_of(text, (size_t)(nul - text)), "NUL byte in text; document skipped");
        return ENT_OK;
    }
    if (all_blank(text, len))
        return ENT_OK;
    size_t first;
    size_t invalid = ent_utf8_invalid(text, len, &first);
    if (invalid) {
        r->stats.invalid_utf8++;
        report(r, line_of(text, first), "invalid UTF-8 (%zu sequence%s, replaced by U+FFFD)",
               invalid, invalid == 1 ? "" : "s");
    }
    r->buf[r->end] = '\0'; /* cap + 1 bytes are allocated */
    memset(&r->doc, 0, sizeof r->doc);
    r->doc.id = r->name;
    r->doc.text = text;
    r->doc.len = len;
    r->doc.date = r->opt.default_date;
    r->rec_line = 0;
    r->stats.records++;
    *out = &r->doc;
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
    return r->format == ENT_INPUT_JSONL ? next_jsonl(out, r) : next_text(out, r);
}
