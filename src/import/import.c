/*
 * import — the GDELT and ICEWS row parsers and the importer of include/entente/import.h.
 *
 * Each file is read line by line (lines.c); a row is split at its tabs in place, checked
 * (column count, UTF-8, dates, codes, numbers) and turned into an ent_store_event, which goes
 * to the caller's sink: the store (ent_import_file_to_store), or a test or benchmark.
 * docs/import.md has the column mappings.
 */
#include "import_internal.h"

#include "util/diag.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/u64map.h"
#include "util/vec.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLUMNS 64
#define DEFAULT_BATCH 50000

/* GDELT layouts: columns 0-34 are the same in every event format; the geography blocks
 * after them have 7 columns in 1.0 and 8 (with ADM2Code) in 2.0. */
enum {
    G_ID = 0, G_SQLDATE = 1,
    G_A1CODE = 5, G_A1NAME = 6, G_A2CODE = 15, G_A2NAME = 16,
    G_EVENTCODE = 26, G_QUAD = 29, G_GOLDSTEIN = 30,
    G_MENTIONS = 31, G_SOURCES = 32, G_ARTICLES = 33,
    G1_COLUMNS = 57, G1_URL_COLUMNS = 58, G2_COLUMNS = 61,
    G1_URL = 57, G2_URL = 60,
    /* GDELT 2.0 mentions */
    M_COLUMNS = 16, M_ID = 0, M_TIME = 2, M_SOURCE = 4, M_URL = 5
};

/* ICEWS columns the importer reads, found by header name. */
enum icews_col {
    I_ID, I_DATE, I_SRC, I_SRC_SECTORS, I_SRC_COUNTRY, I_TEXT, I_CAMEO, I_GOLDSTEIN, I_TGT,
    I_TGT_SECTORS, I_TGT_COUNTRY, I_PUBLISHER, I_SPLIT, I_NCOLS
};

enum { DV = 1, KG = 2 }; /* the Dataverse and knowledge-graph forms, as bits */

/*
 * Header names of the two ICEWS forms, for the columns the importer reads; other columns
 * are ignored. A header is of a form when it has all of the form's required columns. To
 * accept another spelling of a header, add a row.
 */
static const struct {
    const char *name;
    enum icews_col col;
    int form, required;
} icews_headers[] = {
    {"Event ID", I_ID, DV, 1},          {"Event Date", I_DATE, DV, 1},
    {"Source Name", I_SRC, DV, 1},      {"Source Sectors", I_SRC_SECTORS, DV, 0},
    {"Source Country", I_SRC_COUNTRY, DV, 0}, {"Event Text", I_TEXT, DV, 0},
    {"CAMEO Code", I_CAMEO, DV, 1},     {"Intensity", I_GOLDSTEIN, DV, 1},
    {"Target Name", I_TGT, DV, 1},      {"Target Sectors", I_TGT_SECTORS, DV, 0},
    {"Target Country", I_TGT_COUNTRY, DV, 0}, {"Publisher", I_PUBLISHER, DV, 0},
    {"date", I_DATE, KG, 1},            {"source", I_SRC, KG, 1},
    {"event_text", I_TEXT, KG, 0},      {"cameo_code", I_CAMEO, KG, 1},
    {"goldstein", I_GOLDSTEIN, KG, 1},  {"target", I_TGT, KG, 1},
    {"split", I_SPLIT, KG, 0},
};

enum icews_form { F_NONE, F_DATAVERSE, F_KG };

typedef struct unresolved_name {
    const char *name; /* in names */
    size_t count;
} unresolved_name;

struct ent_importer {
    ent_import_options opt;
    ent_import_stats stats;
    ent_actor_resolver *actors;

    /* the file being read */
    const char *path;
    ent_lines *lines;
    char *cols[MAX_COLUMNS];
    size_t ncols;
    enum icews_form form;
    int icews_at[I_NCOLS]; /* column index of each, or -1 */
    size_t icews_ncols;
    ent_u64map seen; /* knowledge-graph form: row hash -> occurrences so far */
    char id[64];

    /* unresolved ICEWS names */
    ent_arena names;
    ent_u64map unresolved_index;
    unresolved_name *unresolved;
    size_t nunresolved, unresolved_cap;
};

/* ---------------------------------------------------------------- lifecycle ---- */

int ent_import_kind_parse(ent_import_kind *out, const char *name)
{
    if (strcmp(name, "gdelt") == 0)
        *out = ENT_IMPORT_GDELT;
    else if (strcmp(name, "icews") == 0)
        *out = ENT_IMPORT_ICEWS;
    else
        return ENT_EINVAL;
    return ENT_OK;
}

int ent_importer_create(ent_importer **out, const ent_import_options *opt)
{
    static const ent_import_options defaults = ENT_IMPORT_OPTIONS_INIT;
    *out = NULL;
    if (!opt)
        opt = &defaults;
    if (opt->kind != ENT_IMPORT_GDELT && opt->kind != ENT_IMPORT_ICEWS)
        return ENT_EINVAL;
    ent_importer *imp = calloc(1, sizeof *imp);
    if (!imp)
        return ENT_ENOMEM;
    imp->opt = *opt;
    if (ent_actor__create(&imp->actors, opt->dict) != ENT_OK) {
        free(imp);
        return ENT_ENOMEM;
    }
    *out = imp;
    return ENT_OK;
}

void ent_importer_destroy(ent_importer *imp)
{
    if (!imp)
        return;
    ent_actor__destroy(imp->actors);
    ent_u64map_free(&imp->seen);
    ent_arena_free(&imp->names);
    ent_u64map_free(&imp->unresolved_index);
    free(imp->unresolved);
    free(imp);
}

void ent_import_stats_get(ent_import_stats *out, const ent_importer *imp)
{
    *out = imp->stats;
}

/* ---------------------------------------------------------------- diagnostics ---- */

static void report(ent_importer *imp, long line, const char *fmt, ...) ENT_PRINTF(3, 4);

static void report(ent_importer *imp, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent__vdiagf(imp->opt.diag, imp->opt.diag_ctx, imp->path, line, fmt, ap);
    va_end(ap);
}

/* Reports a malformed row of the current line and counts it skipped. Returns 0. */
static int skip_row(ent_importer *imp, const char *fmt, ...) ENT_PRINTF(2, 3);

static int skip_row(ent_importer *imp, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    imp->stats.skipped++;
    report(imp, ent_lines__lineno(imp->lines), "%s; row skipped", msg);
    return 0;
}

/* ---------------------------------------------------------------- fields ---- */

/* Splits the line at its tabs, in place. Counts every column, keeps the first MAX_COLUMNS. */
static size_t split(ent_importer *imp, char *line, size_t len)
{
    size_t n = 0;
    char *p = line, *end = line + len;
    for (;;) {
        char *tab = memchr(p, '\t', (size_t)(end - p));
        if (n < MAX_COLUMNS)
            imp->cols[n] = p;
        n++;
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    imp->ncols = n;
    return n;
}

static int all_digits(const char *s, size_t min, size_t max)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (s[n] < '0' || s[n] > '9')
            return 0;
    return n >= min && n <= max;
}

/* A number filling the whole field. */
static int parse_double(double *out, const char *s)
{
    if (!*s)
        return -1;
    char *end;
    *out = strtod(s, &end);
    return *end || !isfinite(*out) ? -1 : 0;
}

static int parse_count(int *out, const char *s)
{
    if (!*s) {
        *out = 0;
        return 0;
    }
    if (!all_digits(s, 1, 9))
        return -1;
    *out = atoi(s);
    return 0;
}

/* The date of the leading YYYYMMDD of a GDELT field (SQLDATE, or a 14-digit time). */
static int gdelt_date(ent_date *out, const char *s, size_t digits)
{
    return all_digits(s, digits, digits) ? ent_date_parse(out, s, 8) : ENT_EPARSE;
}

static int valid_cameo(const char *s)
{
    return all_digits(s, 2, 4);
}

/* Rows with invalid UTF-8 or a NUL byte are skipped: the store keeps text as UTF-8. */
static int check_text(ent_importer *imp, const char *line, size_t len)
{
    size_t i = 0;
    /* ASCII fast path, 8 bytes at a time: almost every row is ASCII. */
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, line + i, 8);
        if (w & 0x8080808080808080u)
            break;
    }
    size_t first;
    if (i < len && ent_utf8_invalid(line + i, len - i, &first))
        return skip_row(imp, "invalid UTF-8 at byte %zu", i + first + 1), -1;
    if (strlen(line) != len)
        return skip_row(imp, "NUL byte at byte %zu", strlen(line) + 1), -1;
    return 0;
}

/* Counts what the sink did with a row. Returns ENT_OK or the sink's error. */
static int tally(ent_importer *imp, int rc, int added)
{
    if (rc < 0)
        return rc;
    if (added)
        imp->stats.added++;
    else
        imp->stats.present++;
    return ENT_OK;
}

static int deliver(ent_importer *imp, const ent_import_sink *sink, const ent_store_event *ev)
{
    int added = 0;
    imp->stats.events++;
    if (!sink || !sink->event)
        return ENT_OK;
    int rc = sink->event(sink->ctx, ev, &added); /* before reading added */
    return tally(imp, rc, added);
}

/* ---------------------------------------------------------------- GDELT ---- */

static int gdelt_event(ent_importer *imp, const ent_import_sink *sink)
{
    char **c = imp->cols;
    ent_store_event ev;
    memset(&ev, 0, sizeof ev);
    if (!all_digits(c[G_ID], 1, 19))
        return skip_row(imp, "GLOBALEVENTID '%.40s' is not a number", c[G_ID]);
    if (gdelt_date(&ev.date, c[G_SQLDATE], 8) != ENT_OK)
        return skip_row(imp, "SQLDATE '%.40s' is not a date (YYYYMMDD)", c[G_SQLDATE]);
    if (!valid_cameo(c[G_EVENTCODE]))
        return skip_row(imp, "EventCode '%.40s' is not a CAMEO code", c[G_EVENTCODE]);
    if (parse_double(&ev.goldstein, c[G_GOLDSTEIN]) < 0 || fabs(ev.goldstein) > 10)
        return skip_row(imp, "GoldsteinScale '%.40s' is not a number in -10..10",
                        c[G_GOLDSTEIN]);
    const char *q = c[G_QUAD];
    if (q[0] >= '1' && q[0] <= '4' && !q[1]) {
        ev.quad_class = q[0] - '0';
    } else if (!q[0]) {
        char root[3] = {c[G_EVENTCODE][0], c[G_EVENTCODE][1], 0};
        ev.quad_class = ent_cameo_quad_class(root);
    } else {
        return skip_row(imp, "QuadClass '%.40s' is not 1-4", q);
    }
    if (parse_count(&ev.num_mentions, c[G_MENTIONS]) < 0 ||
        parse_count(&ev.num_sources, c[G_SOURCES]) < 0 ||
        parse_count(&ev.num_articles, c[G_ARTICLES]) < 0)
        return skip_row(imp, "NumMentions, NumSources or NumArticles is not a count");
    ev.origin = "gdelt";
    ev.origin_id = c[G_ID];
    ev.source_code = c[G_A1CODE];
    ev.source_name = c[G_A1NAME];
    ev.target_code = c[G_A2CODE];
    ev.target_name = c[G_A2NAME];
    ev.event_code = c[G_EVENTCODE];
    if (imp->ncols == G1_URL_COLUMNS && c[G1_URL][0])
        ev.source_url = c[G1_URL];
    else if (imp->ncols == G2_COLUMNS && c[G2_URL][0])
        ev.source_url = c[G2_URL];
    return deliver(imp, sink, &ev);
}

static int gdelt_mention(ent_importer *imp, const ent_import_sink *sink)
{
    char **c = imp->cols;
    ent_import_mention m = {"gdelt", c[M_ID], c[M_SOURCE], c[M_URL], ENT_DATE_NONE};
    if (!all_digits(c[M_ID], 1, 19))
        return skip_row(imp, "GLOBALEVENTID '%.40s' is not a number", c[M_ID]);
    if (gdelt_date(&m.date, c[M_TIME], 14) != ENT_OK)
        return skip_row(imp, "MentionTimeDate '%.40s' is not a time (YYYYMMDDHHMMSS)", c[M_TIME]);
    if (!c[M_URL][0])
        return skip_row(imp, "mention without MentionIdentifier");
    imp->stats.mentions++;
    if (!sink || !sink->mention)
        return ENT_OK;
    int added = 0;
    int rc = sink->mention(sink->ctx, &m, &added); /* before reading added */
    return tally(imp, rc, added);
}

static int gdelt_row(ent_importer *imp, const ent_import_sink *sink)
{
    switch (imp->ncols) {
    case G1_COLUMNS:
    case G1_URL_COLUMNS:
    case G2_COLUMNS:
        return gdelt_event(imp, sink);
    case M_COLUMNS:
        return gdelt_mention(imp, sink);
    }
    return skip_row(imp,
                    "%zu columns; GDELT rows have 57 or 58 (1.0 events), 61 (2.0 events) or 16 "
                    "(2.0 mentions)",
                    imp->ncols);
}

/* ---------------------------------------------------------------- ICEWS ---- */

/* Reads the header of an ICEWS file. Returns 0, or -1 when the line is not one. */
static int icews_header(ent_importer *imp)
{
    enum { NHEADERS = sizeof icews_headers / sizeof icews_headers[0] };
    for (int form = DV; form <= KG; form++) {
        int need = 0, have = 0;
        for (int k = 0; k < I_NCOLS; k++)
            imp->icews_at[k] = -1;
        for (size_t k = 0; k < NHEADERS; k++) {
            if (icews_headers[k].form != form)
                continue;
            need += icews_headers[k].required;
            for (size_t i = 0; i < imp->ncols && i < MAX_COLUMNS; i++)
                if (strcmp(imp->cols[i], icews_headers[k].name) == 0) {
                    imp->icews_at[icews_headers[k].col] = (int)i;
                    have += icews_headers[k].required;
                    break;
                }
        }
        if (have == need) {
            imp->form = form == DV ? F_DATAVERSE : F_KG;
            imp->icews_ncols = imp->ncols;
            return 0;
        }
    }
    return -1;
}

static const char *col(const ent_importer *imp, enum icews_col k)
{
    int i = imp->icews_at[k];
    return i >= 0 ? imp->cols[i] : NULL;
}

static int is_missing(const char *s)
{
    return !s || !s[0] || strcmp(s, "NA") == 0;
}

/* Counts an unresolved name for ent_import_unresolved(). Returns -1 when out of memory. */
static int count_unresolved(ent_importer *imp, const char *name)
{
    imp->stats.unresolved++;
    uint64_t h = ent_import__hash(name, strlen(name), 7);
    uint32_t *at = ent_u64map_get(&imp->unresolved_index, h);
    if (at) {
        imp->unresolved[*at].count++;
        return 0;
    }
    if (ent_vec_reserve((void **)&imp->unresolved, &imp->unresolved_cap, imp->nunresolved + 1,
                        sizeof *imp->unresolved))
        return -1;
    const char *copy = ent_arena_strndup(&imp->names, name, strlen(name));
    if (!copy || ent_u64map_put(&imp->unresolved_index, h, (uint32_t)imp->nunresolved) < 0)
        return -1;
    imp->unresolved[imp->nunresolved].name = copy;
    imp->unresolved[imp->nunresolved].count = 1;
    imp->nunresolved++;
    return 0;
}

static int actor(const char **code, ent_importer *imp, const char *name, const char *sectors,
                 const char *country, ent_date date)
{
    imp->stats.actors++;
    if (ent_actor__resolve(code, imp->actors, name, sectors, country, date) != ENT_OK)
        return ENT_ENOMEM;
    if (!**code && count_unresolved(imp, name) < 0)
        return ENT_ENOMEM;
    return ENT_OK;
}

/* The knowledge-graph form's id: a hash of the row's fields (not the split column, which is
 * how a benchmark divided the data, not part of the event) and its occurrence number among
 * identical rows of the file. */
static int kg_id(ent_importer *imp)
{
    uint64_t h = 0;
    static const enum icews_col fields[] = {I_DATE, I_SRC, I_TEXT, I_CAMEO, I_GOLDSTEIN, I_TGT};
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
        const char *s = col(imp, fields[k]);
        if (s)
            h = ent_import__hash(s, strlen(s) + 1, h); /* with the NUL: "a|bc" differs from "ab|c" */
    }
    uint32_t *n = ent_u64map_get(&imp->seen, h);
    uint32_t occurrence = n ? *n + 1 : 1;
    if (n)
        *n = occurrence;
    else if (ent_u64map_put(&imp->seen, h, 1) < 0)
        return ENT_ENOMEM;
    /* The date first: files are in date order, so ids arrive almost sorted and the store's
     * unique index grows at its end instead of at random pages (3x faster into SQLite). */
    const char *d = col(imp, I_DATE);
    snprintf(imp->id, sizeof imp->id, "%.4s%.2s%.2s-%016" PRIx64 ".%" PRIu32, d, d + 5, d + 8, h,
             occurrence);
    return ENT_OK;
}

static int icews_row(ent_importer *imp, const ent_import_sink *sink)
{
    if (imp->form == F_NONE) {
        if (icews_header(imp) == 0)
            return 0;
        return skip_row(imp, "not an ICEWS header: expected the Dataverse columns (Event ID, "
                             "Event Date, Source Name, ...) or 'date source event_text "
                             "cameo_code goldstein target'");
    }
    if (imp->ncols != imp->icews_ncols)
        return skip_row(imp, "%zu columns, the header has %zu", imp->ncols, imp->icews_ncols);
    ent_store_event ev;
    memset(&ev, 0, sizeof ev);
    const char *date = col(imp, I_DATE), *cameo = col(imp, I_CAMEO);
    if (strlen(date) != 10 || ent_date_parse(&ev.date, date, 10) != ENT_OK)
        return skip_row(imp, "date '%.40s' is not a date (YYYY-MM-DD)", date);
    if (!valid_cameo(cameo))
        return skip_row(imp, "CAMEO code '%.40s' is not 2-4 digits", cameo);
    if (parse_double(&ev.goldstein, col(imp, I_GOLDSTEIN)) < 0 || fabs(ev.goldstein) > 10)
        return skip_row(imp, "%s '%.40s' is not a number in -10..10",
                        imp->form == F_KG ? "goldstein" : "Intensity", col(imp, I_GOLDSTEIN));
    ev.source_name = col(imp, I_SRC);
    ev.target_name = col(imp, I_TGT);
    if (is_missing(ev.source_name) || is_missing(ev.target_name))
        return skip_row(imp, "event without a source or target name");
    if (imp->form == F_DATAVERSE) {
        const char *id = col(imp, I_ID);
        if (!all_digits(id, 1, 19))
            return skip_row(imp, "Event ID '%.40s' is not a number", id);
        /* An Event ID repeats across dates in full ICEWS; with the date it is unique. */
        snprintf(imp->id, sizeof imp->id, "%s:%.4s%.2s%.2s", id, date, date + 5, date + 8);
        const char *pub = col(imp, I_PUBLISHER);
        ev.source_url = is_missing(pub) ? NULL : pub;
    } else if (kg_id(imp) != ENT_OK) {
        return ENT_ENOMEM;
    }
    if (actor(&ev.source_code, imp, ev.source_name, col(imp, I_SRC_SECTORS),
              col(imp, I_SRC_COUNTRY), ev.date) != ENT_OK ||
        actor(&ev.target_code, imp, ev.target_name, col(imp, I_TGT_SECTORS),
              col(imp, I_TGT_COUNTRY), ev.date) != ENT_OK)
        return ENT_ENOMEM;
    char root[3] = {cameo[0], cameo[1], 0};
    ev.quad_class = ent_cameo_quad_class(root);
    ev.origin = "icews";
    ev.origin_id = imp->id;
    ev.event_code = cameo;
    return deliver(imp, sink, &ev);
}

/* ---------------------------------------------------------------- files ---- */

int ent_import_file(ent_importer *imp, const char *path, const ent_import_sink *sink)
{
    char err[256];
    imp->path = strcmp(path, "-") == 0 ? "stdin" : path;
    imp->stats.files++;
    int rc = ent_lines__open(&imp->lines, path, err, sizeof err);
    if (rc != ENT_OK) {
        imp->stats.files_failed++;
        if (rc != ENT_ENOMEM)
            report(imp, 0, "%s", err);
        return rc;
    }
    imp->form = F_NONE;
    ent_u64map_free(&imp->seen);
    size_t data_rows = 0, bad_rows = 0, skipped0 = imp->stats.skipped;
    char *line;
    size_t len;
    int r;
    rc = ENT_OK;
    while (rc == ENT_OK && (r = ent_lines__next(&line, &len, imp->lines)) == 1) {
        if (!line) {
            imp->stats.rows++;
            skip_row(imp, "line longer than %zu bytes", len);
            continue;
        }
        if (len == 0)
            continue;
        if (check_text(imp, line, len) < 0) {
            imp->stats.rows++;
            continue;
        }
        split(imp, line, len);
        if (imp->opt.kind == ENT_IMPORT_GDELT && ent_lines__lineno(imp->lines) == 1 &&
            strcmp(imp->cols[0], "GLOBALEVENTID") == 0)
            continue; /* a header line, as `entente export -f gdelt --header` writes */
        int header = imp->opt.kind == ENT_IMPORT_ICEWS && imp->form == F_NONE;
        size_t before = imp->stats.skipped;
        rc = imp->opt.kind == ENT_IMPORT_GDELT ? gdelt_row(imp, sink) : icews_row(imp, sink);
        if (!header || imp->form == F_NONE) {
            imp->stats.rows++;
            data_rows++;
        }
        bad_rows += imp->stats.skipped > before;
        if (header && imp->form == F_NONE) {
            /* Without a header the file is not ICEWS: say so once, not once per row. */
            imp->stats.files_failed++;
            rc = ENT_EIO;
        }
    }
    if (rc == ENT_OK && r < 0)
        rc = ENT_ENOMEM;
    const char *why = ent_lines__error(imp->lines);
    if (rc == ENT_OK && why) {
        imp->stats.skipped++;
        report(imp, ent_lines__lineno(imp->lines) + 1, "%s; the rest of the file is lost", why);
    }
    if (rc == ENT_OK && data_rows > 20 && bad_rows == data_rows &&
        imp->stats.skipped - skipped0 >= data_rows)
        report(imp, 0, "no row could be read: is this a %s file?",
               imp->opt.kind == ENT_IMPORT_GDELT ? "GDELT" : "ICEWS");
    imp->stats.bytes += ent_lines__bytes(imp->lines);
    ent_lines__close(imp->lines);
    imp->lines = NULL;
    ent_u64map_free(&imp->seen);
    return rc;
}

/* ---------------------------------------------------------------- store sink ---- */

typedef struct store_sink {
    ent_store *store;
    size_t batch, in_batch;
} store_sink;

/* Commits every batch rows, so a transaction never grows without bound. */
static int batch_step(store_sink *s)
{
    if (++s->in_batch < s->batch)
        return ENT_OK;
    s->in_batch = 0;
    if (ent_store_commit(s->store) != ENT_OK || ent_store_begin(s->store) != ENT_OK)
        return ENT_EDB;
    return ENT_OK;
}

static int store_event(void *ctx, const ent_store_event *ev, int *added)
{
    store_sink *s = ctx;
    if (ent_store_add_event(s->store, ev, added) != ENT_OK)
        return ENT_EDB;
    return batch_step(s);
}

static int store_mention(void *ctx, const ent_import_mention *m, int *added)
{
    store_sink *s = ctx;
    if (ent_store_add_mention(s->store, m->origin, m->origin_id, m->source, m->url, m->date,
                              added) != ENT_OK)
        return ENT_EDB;
    return batch_step(s);
}

int ent_import_file_to_store(ent_importer *imp, const char *path, ent_store *store,
                             size_t batch)
{
    store_sink s = {store, batch ? batch : DEFAULT_BATCH, 0};
    ent_import_sink sink = {store_event, store_mention, &s};
    if (ent_store_begin(store) != ENT_OK)
        return ENT_EDB;
    int rc = ent_import_file(imp, path, &sink);
    if (rc == ENT_EDB || rc == ENT_ENOMEM) {
        ent_store_rollback(store);
        return rc;
    }
    /* The rows read before a file turned out unreadable are kept. */
    if (ent_store_commit(store) != ENT_OK)
        return ENT_EDB;
    return rc;
}

/* ---------------------------------------------------------------- queries ---- */

static int by_count(const void *va, const void *vb)
{
    const unresolved_name *a = va, *b = vb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->name, b->name);
}

size_t ent_import_unresolved(const char **names, size_t *counts, size_t max,
                             const ent_importer *imp)
{
    /* Sorting a copy keeps the index valid and the importer const. */
    unresolved_name *copy = malloc((imp->nunresolved ? imp->nunresolved : 1) * sizeof *copy);
    if (!copy)
        return 0;
    if (imp->nunresolved)
        memcpy(copy, imp->unresolved, imp->nunresolved * sizeof *copy);
    qsort(copy, imp->nunresolved, sizeof *copy, by_count);
    size_t n = imp->nunresolved < max ? imp->nunresolved : max;
    for (size_t i = 0; i < n; i++) {
        names[i] = copy[i].name;
        counts[i] = copy[i].count;
    }
    free(copy);
    return n;
}

int ent_import_actor_code(const char **code, ent_importer *imp, const char *name,
                          const char *sectors, const char *country, ent_date date)
{
    return ent_actor__resolve(code, imp->actors, name, sectors, country, date);
}
