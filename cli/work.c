/*
 * cli — the parallel pipeline of work.h: the reader thread, batches, and the in-order
 * consumer loop.
 */
#include "work.h"

#include "util/pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A batch is submitted when it holds this much text or this many records. Big enough that
 * locking is rare, small enough that every thread gets work on small inputs. */
#define BATCH_TEXT (64 * 1024)
#define BATCH_RECORDS 256
/* Batches in flight per worker: enough to keep workers busy while the consumer writes. */
#define BATCHES_PER_WORKER 4

/* ---------------------------------------------------------------- options ---- */

int cli_parse_jobs(size_t *out, const cli_args *a)
{
    *out = ent_pool_cpu_count();
    if (!a->jobs)
        return -1;
    char *end;
    long n = strtol(a->jobs, &end, 10);
    if (*end || end == a->jobs || n < 0 || n > 1024)
        return cli_usage_error("--jobs wants a number of threads from 0 to 1024, got '%s'",
                               a->jobs);
    if (n > 0)
        *out = (size_t)n;
    return -1;
}

/* Applies --field KEY=NAME. Returns -1 or CLI_EXIT_USAGE. */
static int apply_field(ent_reader_options *ro, const char *spec)
{
    static const char *const keys[] = {"id", "date", "url", "title", "text", "source", "byline"};
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec || eq[1] == '\0')
        return cli_usage_error("--field wants KEY=NAME, got '%s'", spec);
    size_t klen = (size_t)(eq - spec);
    const char **slot[] = {&ro->id_field,   &ro->date_field,   &ro->url_field,   &ro->title_field,
                           &ro->text_field, &ro->source_field, &ro->byline_field};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strlen(keys[i]) == klen && strncmp(spec, keys[i], klen) == 0) {
            *slot[i] = eq + 1;
            if (i == 4)
                ro->text_fallback = NULL; /* an explicit field has no fallback */
            if (i == 6)
                ro->byline_fallback = NULL;
            return -1;
        }
    return cli_usage_error(
        "--field: unknown key '%.*s' (id, date, url, title, text, source or byline)", (int)klen,
        spec);
}

int cli_reader_options(ent_reader_options *ro, const cli_args *a)
{
    static const struct {
        const char *name;
        ent_input_format format;
    } formats[] = {
        {"auto", ENT_INPUT_AUTO}, {"jsonl", ENT_INPUT_JSONL}, {"text", ENT_INPUT_TEXT},
        {"html", ENT_INPUT_HTML}, {"csv", ENT_INPUT_CSV},
    };
    static const ent_reader_options defaults = ENT_READER_OPTIONS_INIT;
    *ro = defaults;
    if (a->date && ent_date_parse(&ro->default_date, a->date, strlen(a->date)) != ENT_OK)
        return cli_usage_error("--date wants a date YYYY-MM-DD, got '%s'", a->date);
    if (a->input_format) {
        size_t i = 0, n = sizeof formats / sizeof formats[0];
        while (i < n && strcmp(a->input_format, formats[i].name) != 0)
            i++;
        if (i == n)
            return cli_usage_error("unknown input format '%s' (auto, jsonl, csv, html or text)",
                                   a->input_format);
        ro->format = formats[i].format;
    }
    for (size_t i = 0; i < a->nfields; i++) {
        int rc = apply_field(ro, a->fields[i]);
        if (rc >= 0)
            return rc;
    }
    ro->diag = cli_diag;
    return -1;
}

/* ---------------------------------------------------------------- items ---- */

static const char *copy(ent_arena *arena, const char *s)
{
    return s ? ent_arena_strndup(arena, s, strlen(s)) : NULL;
}

void cli_code_item(cli_batch *b, cli_item *item, ent_coder *coder, int keep)
{
    const ent_event *ev;
    size_t n;
    memset(&item->report, 0, sizeof item->report);
    item->rc = ent_coder_code(&ev, &n, coder, &item->doc, &item->report);
    item->coded = 1;
    item->events = NULL;
    item->nevents = 0;
    if (item->rc != ENT_OK || !keep)
        return;
    size_t len;
    const char *text = ent_coder_text(coder, &len);
    /* The analysed text is usually the record's own (already NFC, valid UTF-8): then the
       batch's copy of the record serves, and megabytes need not be copied again. */
    const char *t = len == item->doc.len && memcmp(text, item->doc.text, len) == 0
                        ? item->doc.text
                        : ent_arena_strndup(&b->arena, text, len);
    ent_event *events = n ? ent_arena_alloc(&b->arena, n * sizeof *events) : NULL;
    if (!t || (n && !events)) {
        item->rc = ENT_ENOMEM;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        ent_event *e = &events[i];
        *e = ev[i];
        e->doc_id = item->doc.id;
        e->source_code = copy(&b->arena, ev[i].source_code);
        e->source_name = copy(&b->arena, ev[i].source_name);
        e->target_code = copy(&b->arena, ev[i].target_code);
        e->target_name = copy(&b->arena, ev[i].target_name);
        e->issues = copy(&b->arena, ev[i].issues);
        e->nrules = 0; /* rule provenance stays with --explain */
    }
    item->text = t;
    item->text_len = len;
    item->events = events;
    item->nevents = n;
}

int cli_check_item(cli_totals *t, const cli_item *item)
{
    if (item->rc != ENT_OK) {
        cli_diag(NULL, item->input, item->line,
                 item->rc == ENT_EINVAL ? "document too large to code; skipped"
                                        : ent_strerror(item->rc));
        if (item->rc == ENT_ENOMEM || item->rc == ENT_EINTERNAL)
            return CLI_EXIT_INTERNAL;
        t->failed++;
        return CLI_EXIT_OK;
    }
    if (item->coded && item->report.date_source == 0) {
        /* Coded all the same, but its events carry no date: say so, once per record. */
        cli_diag(NULL, item->input, item->line,
                 "no date in the record, the text or --date; its events have no date");
        t->undated++;
    }
    return CLI_EXIT_OK;
}

/* ---------------------------------------------------------------- batches ---- */

void cli_batch_free(cli_batch *b)
{
    if (!b)
        return;
    ent_arena_free(&b->arena);
    ent_buf_free(&b->out);
    ent_buf_free(&b->diags);
    free(b->items);
    free(b);
}

/* Copies the reader's current document into b. Returns the item, or NULL (out of memory). */
static cli_item *batch_add(cli_batch *b, const ent_doc *doc, const ent_reader *reader,
                           uint64_t seq)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 32;
        cli_item *p = realloc(b->items, cap * sizeof *p);
        if (!p)
            return NULL;
        b->items = p;
        b->cap = cap;
    }
    cli_item *it = &b->items[b->n];
    memset(it, 0, sizeof *it);
    const char *name;
    ent_reader_position(&name, &it->line, reader);
    ent_arena *a = &b->arena;
    char *text = ent_arena_strndup(a, doc->text ? doc->text : "", doc->len);
    it->input = copy(a, name);
    it->doc = *doc;
    it->doc.id = copy(a, doc->id ? doc->id : "");
    it->doc.url = copy(a, doc->url);
    it->doc.title = copy(a, doc->title);
    it->doc.source = copy(a, doc->source);
    it->doc.byline = copy(a, doc->byline);
    it->doc.text = text;
    it->seq = seq;
    if (!text || !it->input || !it->doc.id)
        return NULL;
    b->n++;
    b->text_bytes += doc->len;
    return it;
}

/* ---------------------------------------------------------------- threads ---- */

/* Items of batch serial get seqs serial << SEQ_SHIFT, +1, …: unique and in input order
 * whoever parses them (a 64 KB chunk holds fewer than 2^24 records). */
#define SEQ_SHIFT 24

typedef struct feeder {
    cli_run *run;
    ent_pool *pool;
    ent_reader *reader;
    atomic_int stop; /* set by the consumer to end reading early */
    int rc;          /* CLI_EXIT_OK, or CLI_EXIT_INTERNAL */
    uint64_t batches;
} feeder;

/* One worker thread: the command's state and a reader for JSON Lines chunks. */
typedef struct worker {
    cli_run *run;
    void *state;
    ent_reader *reader;
    cli_batch *parsing; /* the batch whose chunk the reader is parsing */
} worker;

/* The workers' readers' diagnostic callback: into the batch, for the consumer to print. */
static void keep_diag(void *ctx, const char *file, long line, const char *msg)
{
    worker *w = ctx;
    (void)file; /* the batch's input */
    ent_buf_appendf(&w->parsing->diags, "%ld\t%s\n", line, msg);
}

/* Prints a batch's kept diagnostics, counting them in the reader options' counter. */
static void print_diags(const cli_run *run, cli_batch *b)
{
    const char *p = b->diags.data, *end = p + b->diags.len;
    while (p && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        if (!nl || !tab || tab > nl)
            break;
        long line = strtol(p, NULL, 10);
        char msg[1024];
        snprintf(msg, sizeof msg, "%.*s", (int)(nl - tab - 1), tab + 1);
        if (run->reader_options.diag)
            run->reader_options.diag(run->reader_options.diag_ctx, b->input, line, msg);
        p = nl + 1;
    }
}

static cli_batch *new_batch(feeder *f)
{
    cli_batch *b = calloc(1, sizeof *b);
    if (b)
        b->serial = f->batches++;
    return b;
}

static void submit(feeder *f, cli_batch **b, size_t input_index)
{
    if (!*b)
        return;
    ent_reader_stats st;
    ent_reader_stats_get(&st, f->reader);
    (*b)->bytes_read = st.bytes;
    (*b)->input_index = input_index;
    ent_pool_submit(f->pool, *b);
    *b = NULL;
}

/* Submits the current input as chunks of JSON Lines for the workers to parse. Returns 1
 * when done, 0 when the input is not JSON Lines (nothing consumed), -1 when out of memory. */
static int read_chunks(feeder *f, size_t input_index)
{
    for (;;) {
        const char *data;
        size_t len;
        long line;
        if (atomic_load(&f->stop))
            return 1;
        int rc = ent_reader_next_chunk(&data, &len, &line, f->reader, BATCH_TEXT);
        if (rc == ENT_EINVAL)
            return 0;
        if (rc != ENT_OK)
            return -1;
        if (len == 0)
            return 1;
        cli_batch *b = new_batch(f);
        const char *name;
        ent_reader_position(&name, NULL, f->reader);
        if (!b || !(b->chunk = ent_arena_strndup(&b->arena, data, len)) ||
            !(b->input = ent_arena_strndup(&b->arena, name, strlen(name)))) {
            cli_batch_free(b);
            return -1;
        }
        b->chunk_len = len;
        b->chunk_line = line;
        submit(f, &b, input_index);
    }
}

/* Parses and submits the records of the current input, in batches. Returns 0 or -1 (out of
 * memory). */
static int read_records(feeder *f, size_t input_index)
{
    cli_run *run = f->run;
    cli_batch *b = NULL;
    for (;;) {
        const ent_doc *doc;
        if (atomic_load(&f->stop))
            break;
        if (ent_reader_next(&doc, f->reader) != ENT_OK)
            goto nomem;
        if (!doc)
            break;
        if (!b && !(b = new_batch(f)))
            goto nomem;
        cli_item *it = batch_add(b, doc, f->reader, (b->serial << SEQ_SHIFT) + b->n);
        if (!it)
            goto nomem;
        if (run->on_read)
            run->on_read(run->on_read_ctx, it);
        if (b->text_bytes >= BATCH_TEXT || b->n >= BATCH_RECORDS)
            submit(f, &b, input_index);
    }
    submit(f, &b, input_index); /* a batch never spans two inputs: progress counts whole inputs */
    return 0;
nomem:
    cli_batch_free(b);
    return -1;
}

static void *reader_main(void *arg)
{
    feeder *f = arg;
    cli_run *run = f->run;
    for (size_t i = 0; i < run->ninputs && !atomic_load(&f->stop); i++) {
        int r = ent_reader_open(f->reader, run->inputs[i]);
        if (r != ENT_OK) {
            cli_error("%s", r == ENT_ENOMEM ? "out of memory" : ent_reader_errmsg(f->reader));
            if (r == ENT_ENOMEM) {
                f->rc = CLI_EXIT_INTERNAL;
                break;
            }
            run->io_failed = 1;
            continue;
        }
        int chunked = read_chunks(f, i);
        if (chunked < 0 || (chunked == 0 && read_records(f, i) < 0)) {
            cli_error("out of memory");
            f->rc = CLI_EXIT_INTERNAL;
            break;
        }
    }
    ent_reader_stats_get(&run->stats, f->reader);
    ent_pool_close(f->pool);
    return NULL;
}

/* Worker: parses a chunk into the batch's items. Sets b->rc. */
static void parse_chunk(worker *w, cli_batch *b)
{
    cli_run *run = w->run;
    w->parsing = b;
    b->rc = ent_reader_open_chunk(w->reader, b->input, b->chunk, b->chunk_len, b->chunk_line);
    while (b->rc == ENT_OK) {
        const ent_doc *doc;
        if ((b->rc = ent_reader_next(&doc, w->reader)) != ENT_OK || !doc)
            break;
        cli_item *it = batch_add(b, doc, w->reader, (b->serial << SEQ_SHIFT) + b->n);
        if (!it) {
            b->rc = ENT_ENOMEM;
            break;
        }
        if (run->on_read)
            run->on_read(run->on_read_ctx, it);
    }
}

static void work_main(void *state, void *job)
{
    worker *w = state;
    cli_batch *b = job;
    if (b->chunk) {
        parse_chunk(w, b);
        if (b->rc != ENT_OK)
            return;
    }
    w->run->work(w->state, b);
}

/* Adds what the workers' readers counted (the records of JSON Lines chunks) to the run's. */
static void add_worker_stats(cli_run *run, worker *workers, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ent_reader_stats st;
        ent_reader_stats_get(&st, workers[i].reader);
        run->stats.records += st.records;
        run->stats.skipped += st.skipped;
        run->stats.invalid_utf8 += st.invalid_utf8;
        run->stats.inputs_skipped += st.inputs_skipped;
    }
}

int cli_run_pipeline(cli_run *run)
{
    feeder f = {.run = run, .rc = CLI_EXIT_OK};
    atomic_init(&f.stop, 0);
    size_t jobs = run->jobs ? run->jobs : 1;
    worker *workers = calloc(jobs, sizeof *workers);
    void **states = calloc(jobs, sizeof *states);
    int rc = CLI_EXIT_INTERNAL;
    if (!workers || !states || ent_reader_create(&f.reader, &run->reader_options) != ENT_OK) {
        cli_error("out of memory");
        goto out;
    }
    ent_reader_options chunk_options = run->reader_options;
    chunk_options.diag = keep_diag;
    for (size_t i = 0; i < jobs; i++) {
        workers[i].run = run;
        workers[i].state = run->states[i];
        states[i] = &workers[i];
        chunk_options.diag_ctx = &workers[i];
        if (ent_reader_create(&workers[i].reader, &chunk_options) != ENT_OK) {
            cli_error("out of memory");
            goto out;
        }
    }
    if (ent_pool_create(&f.pool, jobs, jobs * BATCHES_PER_WORKER, work_main, states) != 0) {
        cli_error("cannot start %zu threads", jobs);
        goto out;
    }
    pthread_t reader;
    if (pthread_create(&reader, NULL, reader_main, &f) != 0) {
        cli_error("cannot start the reader thread");
        goto out;
    }
    rc = CLI_EXIT_OK;
    cli_batch *b;
    while ((b = ent_pool_next(f.pool)) != NULL) {
        print_diags(run, b);
        if (rc == CLI_EXIT_OK && (b->rc != ENT_OK || b->diags.failed)) {
            cli_error("out of memory");
            rc = CLI_EXIT_INTERNAL;
            atomic_store(&f.stop, 1);
        }
        if (rc == CLI_EXIT_OK) {
            rc = run->consume(run->ctx, b);
            if (rc != CLI_EXIT_OK)
                atomic_store(&f.stop, 1); /* drain what is in flight, read no more */
        }
        cli_batch_free(b);
    }
    pthread_join(reader, NULL);
    add_worker_stats(run, workers, jobs);
    if (rc == CLI_EXIT_OK)
        rc = f.rc;
out:
    ent_pool_destroy(f.pool);
    ent_reader_destroy(f.reader);
    for (size_t i = 0; workers && i < jobs; i++)
        ent_reader_destroy(workers[i].reader);
    free(workers);
    free(states);
    return rc;
}
