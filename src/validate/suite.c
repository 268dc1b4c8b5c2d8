/*
 * validate — a coder test suite in memory: loading (deciding the format, reading a TABARI
 * project's text files), the arena helpers the readers use, and finding the dictionaries a
 * suite names. The records themselves are read by petrarch.c and tabari.c.
 */
#include "validate_internal.h"

#include "util/diag.h"
#include "util/file.h"
#include "util/vec.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---------------------------------------------------------------- helpers ---- */

const char *ent_validate__strndup(ent_suite *s, const char *str, size_t len)
{
    return ent_arena_strndup(&s->arena, str, len);
}

const char *ent_validate__collapse(ent_suite *s, const char *str, size_t len, size_t *out_len)
{
    char *out = ent_arena_alloc(&s->arena, len + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    int space = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)str[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = 0;
        out[n++] = (char)c;
    }
    out[n] = '\0';
    if (out_len)
        *out_len = n;
    return out;
}

int ent_validate__add_record(ent_suite *s, const ent_suite_record *r, const ent_triple *events,
                             size_t n)
{
    if (ent_vec_reserve((void **)&s->records, &s->records_cap, s->nrecords + 1, sizeof *s->records))
        return ENT_ENOMEM;
    ent_suite_record *dst = &s->records[s->nrecords];
    *dst = *r;
    dst->events = NULL;
    dst->nevents = 0;
    if (n) {
        ent_triple *t = ent_arena_alloc(&s->arena, n * sizeof *t);
        if (!t)
            return ENT_ENOMEM;
        memcpy(t, events, n * sizeof *t);
        dst->events = t;
        dst->nevents = n;
    }
    s->nrecords++;
    return ENT_OK;
}

int ent_validate__add_dict(ent_suite *s, const char *role, const char *name, size_t len)
{
    if (ent_vec_reserve((void **)&s->dicts, &s->dicts_cap, s->ndicts + 1, sizeof *s->dicts))
        return ENT_ENOMEM;
    const char *copy = ent_validate__strndup(s, name, len);
    if (!copy)
        return ENT_ENOMEM;
    s->dicts[s->ndicts].role = role;
    s->dicts[s->ndicts].name = copy;
    s->ndicts++;
    return ENT_OK;
}

int ent_validate__add_option(ent_suite *s, long line, size_t before, const char *text, size_t len,
                             int applied)
{
    if (ent_vec_reserve((void **)&s->options, &s->options_cap, s->noptions + 1, sizeof *s->options))
        return ENT_ENOMEM;
    size_t n;
    const char *copy = ent_validate__collapse(s, text, len, &n);
    if (!copy)
        return ENT_ENOMEM;
    s->options[s->noptions].line = line;
    s->options[s->noptions].before = before;
    s->options[s->noptions].text = copy;
    s->options[s->noptions].applied = applied;
    s->noptions++;
    return ENT_OK;
}

void ent_validate__diag(ent_suite *s, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent__vdiagf(s->diag, s->diag_ctx, file, line, fmt, ap);
    va_end(ap);
}

/* ---------------------------------------------------------------- suite ---- */

static int suite_new(ent_suite **out, int format, const char *path, ent_diag_fn diag,
                     void *diag_ctx)
{
    ent_suite *s = calloc(1, sizeof *s);
    if (!s)
        return ENT_ENOMEM;
    s->format = format;
    s->diag = diag;
    s->diag_ctx = diag_ctx;
    const char *slash = strrchr(path, '/');
    s->path = ent_validate__strndup(s, path, strlen(path));
    s->dir = slash ? ent_validate__strndup(s, path, slash == path ? 1 : (size_t)(slash - path))
                   : ent_validate__strndup(s, ".", 1);
    if (!s->path || !s->dir) {
        ent_suite_destroy(s);
        return ENT_ENOMEM;
    }
    *out = s;
    return ENT_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Counts the distinct record ids: the TABARI suite reuses twelve of its ids. */
static int finish(ent_suite *s)
{
    s->distinct_ids = 0;
    if (!s->nrecords)
        return ENT_OK;
    const char **ids = malloc(s->nrecords * sizeof *ids);
    if (!ids)
        return ENT_ENOMEM;
    for (size_t i = 0; i < s->nrecords; i++)
        ids[i] = s->records[i].id;
    qsort(ids, s->nrecords, sizeof *ids, cmp_str);
    for (size_t i = 0; i < s->nrecords; i++)
        if (i == 0 || strcmp(ids[i], ids[i - 1]) != 0)
            s->distinct_ids++;
    free(ids);
    return ENT_OK;
}

void ent_suite_destroy(ent_suite *suite)
{
    if (!suite)
        return;
    free(suite->records);
    free(suite->dicts);
    free(suite->options);
    ent_arena_free(&suite->arena);
    free(suite);
}

int ent_suite_parse(ent_suite **out, ent_suite_format format, const char *name, const char *data,
                    size_t len, ent_diag_fn diag, void *diag_ctx)
{
    *out = NULL;
    if (!name || (!data && len) || (format != ENT_SUITE_PETRARCH && format != ENT_SUITE_TABARI))
        return ENT_EINVAL;
    if (!data)
        data = "";
    ent_suite *s;
    int rc = suite_new(&s, format, name, diag, diag_ctx);
    if (rc != ENT_OK)
        return rc;
    rc = format == ENT_SUITE_PETRARCH ? ent_validate__petrarch_parse(s, s->path, data, len)
                                      : ent_validate__tabari_parse(s, s->path, data, len);
    if (rc == ENT_OK)
        rc = finish(s);
    if (rc != ENT_OK) {
        ent_suite_destroy(s);
        return rc;
    }
    *out = s;
    return ENT_OK;
}

/* ---------------------------------------------------------------- formats ---- */

/* The start of the next line after p, or end. */
static const char *next_line(const char *p, const char *end)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    return nl ? nl + 1 : end;
}

/* 1 when the line at p (to end) is a TABARI project tag "<xx…>": only the first two letters
 * of a tag count, so "<textfile>" and "<te>" are the same tag. Sets *tag to its first two
 * letters, lower-cased, and *value to the text after '>'. */
static int project_tag(char tag[3], const char **value, const char *p, const char *end)
{
    if (p >= end || *p != '<' || end - p < 4 || !isalpha((unsigned char)p[1]) ||
        !isalpha((unsigned char)p[2]))
        return 0;
    const char *gt = memchr(p, '>', (size_t)(end - p));
    if (!gt)
        return 0;
    tag[0] = (char)tolower((unsigned char)p[1]);
    tag[1] = (char)tolower((unsigned char)p[2]);
    tag[2] = '\0';
    *value = gt + 1;
    return 1;
}

/* A project has a <textfile> line with a value, and (unlike XML, where <Text> is a tag too)
 * no closing tags. */
static int is_project(const char *data, size_t len)
{
    const char *end = data + len;
    int textfile = 0;
    for (const char *p = data; p < end; p = next_line(p, end)) {
        char tag[3];
        const char *value;
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        for (const char *q = p; q + 1 < (eol ? eol : end); q++)
            if (q[0] == '<' && q[1] == '/')
                return 0;
        if (project_tag(tag, &value, p, end) && strcmp(tag, "te") == 0) {
            while (value < end && (*value == ' ' || *value == '\t'))
                value++;
            textfile |= value < end && !isspace((unsigned char)*value);
        }
    }
    return textfile;
}

static int is_xml(const char *data, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && isspace((unsigned char)data[i]))
        i++;
    return i < len && data[i] == '<';
}

/* Joins dir and name (name as is when absolute, or when dir is NULL). malloc'd. */
static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(name);
    if (!dir || name[0] == '/') {
        char *p = malloc(n + 1);
        if (p)
            memcpy(p, name, n + 1);
        return p;
    }
    size_t d = strlen(dir);
    char *p = malloc(d + 1 + n + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, d);
    p[d] = '/';
    memcpy(p + d + 1, name, n + 1);
    return p;
}

/*
 * A TABARI .project file: tags one per line, of which <actorsfile>, <verbsfile>,
 * <agentsfile> and <textfile> may repeat. The text files are read in order, as one suite.
 * The <session …> lines TABARI appends after each run are ignored.
 */
static int read_project(ent_suite *s, const char *data, size_t len)
{
    static const struct {
        const char *tag, *role;
    } roles[] = {
        {"ac", "actors"},
        {"ve", "verbs"},
        {"ag", "agents"},
        {"op", "options"},
    };
    const char *end = data + len;
    long line = 1;
    int rc = ENT_OK;
    for (const char *p = data; rc == ENT_OK && p < end; p = next_line(p, end), line++) {
        char tag[3];
        const char *value;
        if (!project_tag(tag, &value, p, end))
            continue;
        const char *eol = memchr(value, '\n', (size_t)(end - value));
        if (!eol)
            eol = end;
        while (value < eol && isspace((unsigned char)*value))
            value++;
        const char *vend = eol;
        while (vend > value && isspace((unsigned char)vend[-1]))
            vend--;
        if (value == vend)
            continue;
        for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
            if (strcmp(tag, roles[i].tag) == 0)
                rc = ent_validate__add_dict(s, roles[i].role, value, (size_t)(vend - value));
        if (rc != ENT_OK || strcmp(tag, "te") != 0)
            continue;
        const char *name = ent_validate__strndup(s, value, (size_t)(vend - value));
        if (!name)
            return ENT_ENOMEM;
        char *path = join_path(s->dir, name);
        if (!path)
            return ENT_ENOMEM;
        char *text;
        size_t tlen;
        rc = ent__read_file(&text, &tlen, path);
        if (rc != ENT_OK) {
            ent_validate__diag(s, s->path, line, "cannot read the text file %s: %s", path,
                               ent_strerror(rc));
            free(path);
            return rc;
        }
        const char *file = ent_validate__strndup(s, path, strlen(path));
        free(path);
        rc = file ? ent_validate__tabari_parse(s, file, text, tlen) : ENT_ENOMEM;
        free(text);
    }
    return rc;
}

int ent_suite_load(ent_suite **out, const char *path, ent_diag_fn diag, void *diag_ctx)
{
    *out = NULL;
    if (!path)
        return ENT_EINVAL;
    char *data;
    size_t len;
    int rc = ent__read_file(&data, &len, path);
    if (rc != ENT_OK)
        return rc;
    int project = is_project(data, len);
    int format = project             ? ENT_SUITE_TABARI
                 : is_xml(data, len) ? ENT_SUITE_PETRARCH
                                     : ENT_SUITE_TABARI;
    ent_suite *s;
    rc = suite_new(&s, format, path, diag, diag_ctx);
    if (rc == ENT_OK) {
        if (project)
            rc = read_project(s, data, len);
        else if (format == ENT_SUITE_PETRARCH)
            rc = ent_validate__petrarch_parse(s, s->path, data, len);
        else
            rc = ent_validate__tabari_parse(s, s->path, data, len);
        if (rc == ENT_OK)
            rc = finish(s);
        if (rc != ENT_OK) {
            ent_suite_destroy(s);
            s = NULL;
        }
    }
    free(data);
    *out = s;
    return rc;
}

void ent_suite_info_get(ent_suite_info *out, const ent_suite *s)
{
    memset(out, 0, sizeof *out);
    out->format = s->format;
    out->path = s->path;
    out->records = s->records;
    out->nrecords = s->nrecords;
    out->distinct_ids = s->distinct_ids;
    out->dicts = s->dicts;
    out->ndicts = s->ndicts;
    out->options = s->options;
    out->noptions = s->noptions;
    out->include = s->include;
    out->stop_id = s->stop_id;
    out->after_stop = s->after_stop;
}

int ent_suite_find_dict(char **out, const ent_suite *suite, const char *name,
                        const char *const *dirs, size_t ndirs)
{
    *out = NULL;
    if (!name || !name[0])
        return ENT_ENOTFOUND;
    if (name[0] == '/') {
        if (access(name, R_OK) != 0)
            return ENT_ENOTFOUND;
        return (*out = join_path(NULL, name)) ? ENT_OK : ENT_ENOMEM;
    }
    /* The layouts suites come in: the dictionaries beside the records, in a "dictionaries"
     * folder beside them, or in one beside their folder (data/text and data/dictionaries in
     * the PETRARCH repositories). */
    char *sub = join_path(suite->dir, "dictionaries");
    char *up = join_path(suite->dir, "../dictionaries");
    int rc = sub && up ? ENT_ENOTFOUND : ENT_ENOMEM;
    for (size_t i = 0; rc == ENT_ENOTFOUND && i < ndirs + 3; i++) {
        const char *dir = i < ndirs ? dirs[i] : i == ndirs ? suite->dir : i == ndirs + 1 ? sub : up;
        char *path = join_path(dir, name);
        if (!path) {
            rc = ENT_ENOMEM;
            break;
        }
        if (access(path, R_OK) == 0) {
            *out = path;
            rc = ENT_OK;
        } else {
            free(path);
        }
    }
    free(up);
    free(sub);
    return rc;
}
