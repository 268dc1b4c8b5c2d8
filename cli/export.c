/*
 * cli — entente export: the events of the store (--db) that pass the filters, in date order,
 * written with the event formatters of include/entente/format.h (JSON Lines, GDELT columns,
 * CSV; JSON Lines as CAMEO or, with --ontology plover, PLOVER records).
 *
 * Stored events are not fresh from the coder, so two things are added to what the formatter
 * writes: the evidence sentence becomes the event's text (its offsets then count from the
 * sentence; the actor and verb offsets are unknown, written null), and in GDELT columns an
 * imported GDELT event keeps its GLOBALEVENTID and every event its NumMentions, NumSources
 * and NumArticles, which ent_event has no fields for. A PLOVER record's id is made from the
 * document and the store's event id, since a stored event's sentence and index in it are not
 * kept: unique and stable within one store.
 */
#include "cli.h"

#include "entente/format.h"
#include "entente/store.h"
#include "util/buf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* GDELT 1.0 columns rewritten for stored events. */
enum { COL_ID = 0, COL_MENTIONS = 31, COL_SOURCES = 32, COL_ARTICLES = 33 };

typedef struct export_run {
    ent_formatter *fmt;
    ent_format format;
    int plover; /* --ontology plover */
    FILE *out;
    ent_buf line; /* GDELT: the formatter's line with the stored columns put back */
    size_t events;
    int failed; /* ENT_ENOMEM or ENT_EIO */
} export_run;

/* ---------------------------------------------------------------- options ---- */

/* Fills the filter from the options. Returns -1, or an exit code after a usage error. */
static int make_filter(ent_store_filter *f, char dyad[2][16], const cli_args *a)
{
    if (a->from && cli_parse_date_bound(&f->from, a->from, 0) < 0)
        return cli_usage_error("--from '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                               a->from);
    if (a->to && cli_parse_date_bound(&f->to, a->to, 1) < 0)
        return cli_usage_error("--to '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", a->to);
    if (a->from && a->to && f->from > f->to)
        return cli_usage_error("--from %s is after --to %s", a->from, a->to);
    if (a->dyad) {
        if (a->source || a->target)
            return cli_usage_error("--dyad cannot be combined with --source or --target");
        const char *comma = strchr(a->dyad, ',');
        size_t n1 = comma ? (size_t)(comma - a->dyad) : 0;
        size_t n2 = comma ? strlen(comma + 1) : 0;
        if (!comma || !cli_valid_actor(a->dyad, n1) || !cli_valid_actor(comma + 1, n2))
            return cli_usage_error("--dyad '%s' is not two actor codes A,B (--dyad IRN,RUS)",
                                   a->dyad);
        memcpy(dyad[0], a->dyad, n1);
        dyad[0][n1] = '\0';
        memcpy(dyad[1], comma + 1, n2 + 1);
        f->source = dyad[0];
        f->target = dyad[1];
        f->either_direction = 1;
    }
    if (a->source) {
        if (!cli_valid_actor(a->source, strlen(a->source)))
            return cli_usage_error("--source '%s' is not an actor code (A-Z, 0-9)", a->source);
        f->source = a->source;
    }
    if (a->target) {
        if (!cli_valid_actor(a->target, strlen(a->target)))
            return cli_usage_error("--target '%s' is not an actor code (A-Z, 0-9)", a->target);
        f->target = a->target;
    }
    if (a->cameo) {
        size_t n = strlen(a->cameo);
        if (n == 0 || n > 4 || strspn(a->cameo, "0123456789") != n)
            return cli_usage_error("--cameo '%s' is not a CAMEO code prefix (1-4 digits)",
                                   a->cameo);
        f->event_code = a->cameo;
    }
    if (a->origin) {
        if (strcmp(a->origin, "entente") && strcmp(a->origin, "gdelt") &&
            strcmp(a->origin, "icews"))
            return cli_usage_error("--origin '%s' is not entente, gdelt or icews", a->origin);
        f->origin = a->origin;
    }
    if (a->limit) {
        char *end;
        errno = 0;
        long long n = strtoll(a->limit, &end, 10);
        if (errno || end == a->limit || *end || n < 1)
            return cli_usage_error("--limit '%s' is not a positive number", a->limit);
        f->limit = n;
    }
    return -1;
}

/* ---------------------------------------------------------------- rows ---- */

/* The n-th tab-separated field of line [s, s + len): its start and length. */
static const char *tsv_column(size_t *flen, const char *s, size_t len, int n)
{
    const char *end = s + len;
    for (int i = 0; i < n; i++) {
        const char *tab = memchr(s, '\t', (size_t)(end - s));
        if (!tab)
            return NULL;
        s = tab + 1;
    }
    const char *tab = memchr(s, '\t', (size_t)(end - s));
    *flen = (size_t)((tab ? tab : end) - s);
    return s;
}

static int all_digits(const char *s)
{
    if (!s || !*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* Copies the formatter's GDELT line into run->line with the stored id and counts. */
static void gdelt_line(export_run *run, const ent_store_row *row, const char *s, size_t len)
{
    const int counts[3] = {row->num_mentions > 0 ? row->num_mentions : 1,
                           row->num_sources > 0 ? row->num_sources : 1,
                           row->num_articles > 0 ? row->num_articles : 1};
    int keep_id = row->origin && strcmp(row->origin, "gdelt") == 0 && all_digits(row->origin_id);
    size_t at = 0;
    for (int c = 0; c <= COL_ARTICLES; c++) {
        size_t flen;
        const char *f = tsv_column(&flen, s, len, c);
        if (!f)
            break;
        if (c == COL_ID && keep_id)
            ent_buf_puts(&run->line, row->origin_id);
        else if (c >= COL_MENTIONS)
            ent_buf_append_int(&run->line, counts[c - COL_MENTIONS]);
        else
            ent_buf_append(&run->line, f, flen);
        ent_buf_putc(&run->line, '\t');
        at = (size_t)(f - s) + flen + 1;
    }
    if (at <= len)
        ent_buf_append(&run->line, s + at, len - at);
}

static int export_row(void *ctx, const ent_store_row *row)
{
    export_run *run = ctx;
    ent_event ev;
    ent_store_row_to_event(&ev, row);
    const char *text = row->sentence;
    size_t len = text ? strlen(text) : 0;
    /* start > end: not known, so the formatters write null, not a made-up offset. */
    ev.sentence.start = text ? 0 : 1;
    ev.sentence.end = (uint32_t)len;
    ev.source.start = ev.target.start = ev.verb.start = 1;
    ev.source.end = ev.target.end = ev.verb.end = 0;
    /* Event ids (GDELT's GLOBALEVENTID, PLOVER's id) hash the document and the event's
     * index; a stored event has the store's id in place of the index, counted down from
     * SIZE_MAX so that it is never a small index `entente code` hashes for a document, and
     * the events of one document get ids of their own. */
    size_t index = SIZE_MAX - (size_t)row->id;
    if (ent_formatter_event(run->fmt, &ev, index, text, len, row->url) != ENT_OK) {
        run->failed = ENT_ENOMEM;
        return 1;
    }
    if (run->format == ENT_FORMAT_GDELT) {
        size_t n;
        const char *data = ent_formatter_data(run->fmt, &n);
        gdelt_line(run, row, data, n);
        ent_formatter_clear(run->fmt);
        if (run->line.failed) {
            run->failed = ENT_ENOMEM;
            return 1;
        }
    }
    run->events++;
    /* Write in blocks of about 1 MB: one fwrite per event would dominate. */
    size_t pending;
    ent_formatter_data(run->fmt, &pending);
    if (pending + run->line.len < (1u << 20))
        return 0;
    if (fwrite(run->line.data ? run->line.data : "", 1, run->line.len, run->out) !=
            run->line.len ||
        ent_formatter_write(run->fmt, run->out) != ENT_OK) {
        run->failed = ENT_EIO;
        return 1;
    }
    ent_buf_reset(&run->line);
    return 0;
}

static int flush(export_run *run)
{
    if (run->line.len && fwrite(run->line.data, 1, run->line.len, run->out) != run->line.len)
        return ENT_EIO;
    ent_buf_reset(&run->line);
    if (ent_formatter_write(run->fmt, run->out) != ENT_OK || fflush(run->out) != 0 ||
        ferror(run->out))
        return ENT_EIO;
    return ENT_OK;
}

/* ---------------------------------------------------------------- command ---- */

int cli_export(const cli_args *a)
{
    if (a->nfiles)
        return cli_usage_error("'export' takes no operands (got '%s'); write to a file with -o",
                               a->files[0]);
    ent_store_filter filter = ENT_STORE_FILTER_INIT;
    char dyad[2][16];
    int rc = make_filter(&filter, dyad, a);
    if (rc >= 0)
        return rc;
    export_run run;
    memset(&run, 0, sizeof run);
    if (ent_format_parse(&run.format, a->format ? a->format : "jsonl") != ENT_OK)
        return cli_usage_error("unknown format '%s' (jsonl, gdelt or csv)", a->format);
    if ((rc = cli_parse_ontology(&run.plover, a, run.format == ENT_FORMAT_JSONL)) >= 0)
        return rc;
    unsigned flags = (a->header ? ENT_FORMAT_HEADER : 0) | (run.plover ? ENT_FORMAT_PLOVER : 0);

    const char *where = cli_db_location(a);
    ent_store *store = NULL;
    if ((rc = cli_open_store(&store, a)) != CLI_EXIT_OK)
        return rc;
    int to_stdout = !a->output || strcmp(a->output, "-") == 0;
    run.out = to_stdout ? stdout : fopen(a->output, "w");
    if (!run.out) {
        cli_error("cannot write %s: %s", a->output, strerror(errno));
        ent_store_close(store);
        return CLI_EXIT_IO;
    }
    if (ent_formatter_create(&run.fmt, run.format, flags) != ENT_OK) {
        cli_error("out of memory");
        rc = CLI_EXIT_INTERNAL;
        goto done;
    }
    if (run.format == ENT_FORMAT_GDELT) {
        /* The header line, if any, goes out first, as it is. */
        size_t n;
        const char *data = ent_formatter_data(run.fmt, &n);
        ent_buf_append(&run.line, data, n);
        ent_formatter_clear(run.fmt);
    }
    double start = cli_now();
    int q = ent_store_query(store, &filter, export_row, &run);
    if (q == ENT_EDB) {
        cli_error("%s: %s", where, ent_store_errmsg(store));
        rc = CLI_EXIT_DB;
    } else if (q == ENT_ENOMEM || run.failed == ENT_ENOMEM) {
        cli_error("out of memory");
        rc = CLI_EXIT_INTERNAL;
    }
    if (run.failed == ENT_EIO || flush(&run) != ENT_OK) {
        if (errno != EPIPE)
            cli_error("cannot write %s: %s", to_stdout ? "standard output" : a->output,
                      strerror(errno));
        if (rc == CLI_EXIT_OK)
            rc = CLI_EXIT_IO;
    }
    if (!a->quiet && rc == CLI_EXIT_OK)
        cli_error("%zu event%s exported, %.2f s", run.events, run.events == 1 ? "" : "s",
                  cli_now() - start);
done:
    ent_formatter_destroy(run.fmt);
    ent_buf_free(&run.line);
    if (!to_stdout && fclose(run.out) != 0 && rc == CLI_EXIT_OK) {
        cli_error("cannot write %s: %s", a->output, strerror(errno));
        rc = CLI_EXIT_IO;
    }
    ent_store_close(store);
    return rc;
}
