/*
 * cli — `entente ingest`: news files and folders into the event store.
 *
 * The pipeline of work.h with three additions:
 *   - the reader thread fingerprints every record (dedup.h) and marks stories it has seen
 *     before (in the store, or earlier in this run), so workers code each story once;
 *   - the consumer (this thread) is the store's only writer: in input order it decides
 *     again, authoritatively, whether each record is a new story or another article of a
 *     known one, and writes documents, articles and events in batched transactions;
 *   - under --mpi, ranks other than 0 run the same reader and workers on their share of the
 *     inputs and send their batches to rank 0, which writes them in input order (mpi.c).
 * The decision is taken twice because the reader's view can be partial (under MPI it sees
 * only its rank's inputs); the writer's is the one that counts, and a record the reader
 * wrongly left uncoded is coded by the writer itself.
 *
 * A transaction never holds part of a document: a document, its articles and its events
 * commit together, so an ingest killed at any point leaves only whole documents, and
 * running it again skips them (every stored story is in the dedup index from the start).
 */
#include "ingest.h"

#include "entente/store.h"
#include "util/pool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Commit after this many documents or seconds, whichever comes first: few enough commits
 * to be fast, often enough that a crash loses little work. */
#define COMMIT_DOCUMENTS 2000
#define COMMIT_SECONDS 1.0

/* ---------------------------------------------------------------- dedup ---- */

static int seed_index(void *ctx, int64_t doc_id, uint64_t content_hash, uint64_t signature,
                      ent_date date)
{
    ent_dedup *const *index = ctx; /* {reader's, writer's} */
    ent_fingerprint fp = {content_hash, signature, UINT32_MAX};
    for (int i = 0; i < 2; i++)
        if (index[i] && ent_dedup_add(index[i], &fp, date, doc_id) != ENT_OK)
            return ENT_ENOMEM;
    return 0;
}

/* Per record, before coding (reader thread or worker): its fingerprint, and the story it
 * repeats if the reader's index knows one (then the workers do not code it). Workers parse
 * chunks in any order, so a reprint may be seen before its original and be coded anyway, or
 * be marked as a copy of a later record: either way the writer decides again, in order. */
static void fingerprint(void *ctx, cli_item *it)
{
    cli_ingester *g = ctx;
    ent_fingerprint_text(&it->fp, it->doc.text, it->doc.len);
    pthread_mutex_lock(&g->reader_lock);
    int64_t found = ent_dedup_find(g->reader_index, &it->fp, it->doc.date);
    /* Run-local ids are -(seq)-1. A copy of a story later in the input (its chunk was parsed
       first) is no reason to skip this record: the writer meets this one first and would
       have to code it itself, on the one thread that writes. */
    if (found < 0 && (uint64_t)(-(found + 1)) > it->seq)
        found = 0;
    it->same_story = found;
    /* A new story stands for itself in the reader's index under an id no stored story has
     * (run-local ids are negative). Out of memory here only means a later copy is coded
     * needlessly: the writer decides again. */
    if (!it->same_story)
        (void)ent_dedup_add(g->reader_index, &it->fp, it->doc.date, -(int64_t)it->seq - 1);
    pthread_mutex_unlock(&g->reader_lock);
}

/* Worker: codes the records the reader did not recognise. */
static void code_new_stories(void *state, cli_batch *b)
{
    ent_coder *coder = state;
    for (size_t i = 0; i < b->n; i++)
        if (!b->items[i].same_story)
            cli_code_item(b, &b->items[i], coder, 1);
}

/* ---------------------------------------------------------------- writing ---- */

/* The host of a URL ("www.reuters.com"), into buf; "" when there is none. */
static const char *url_host(char *buf, size_t size, const char *url)
{
    buf[0] = '\0';
    if (!url)
        return buf;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    size_t n = strcspn(p, "/:?#");
    if (n == 0 || n >= size)
        return buf;
    memcpy(buf, p, n);
    buf[n] = '\0';
    return buf;
}

static int store_failed(cli_ingester *g, const char *what)
{
    cli_error("%s: cannot %s: %s", g->location, what, ent_store_errmsg(g->store));
    return CLI_EXIT_DB;
}

static int commit(cli_ingester *g)
{
    if (!g->in_transaction)
        return CLI_EXIT_OK;
    g->in_transaction = 0;
    if (ent_store_commit(g->store) != ENT_OK)
        return store_failed(g, "commit");
    g->uncommitted = 0;
    g->last_commit = cli_now();
    return CLI_EXIT_OK;
}

/* Stores the events of a new story. */
static int write_events(cli_ingester *g, const cli_item *it, int64_t doc_id)
{
    for (size_t k = 0; k < it->nevents; k++) {
        const ent_event *e = &it->events[k];
        ent_store_event se;
        memset(&se, 0, sizeof se);
        se.origin = "entente";
        se.document_id = doc_id;
        se.sentence_index = e->sentence_index;
        se.position = (uint32_t)k;
        se.date = e->date;
        se.source_code = e->source_code ? e->source_code : "";
        se.source_name = e->source_name;
        se.target_code = e->target_code ? e->target_code : "";
        se.target_name = e->target_name;
        se.event_code = e->event_code;
        se.goldstein = e->goldstein;
        se.quad_class = e->quad_class;
        se.issues = e->issues;
        se.sentence_start = e->sentence.start;
        se.sentence_end = e->sentence.end;
        ent_buf_reset(&g->sentence);
        if (e->sentence.start <= e->sentence.end && e->sentence.end <= it->text_len)
            ent_buf_append(&g->sentence, it->text + e->sentence.start,
                           e->sentence.end - e->sentence.start);
        if (g->sentence.failed) {
            cli_error("out of memory");
            return CLI_EXIT_INTERNAL;
        }
        se.sentence = g->sentence.data ? g->sentence.data : "";
        int added;
        if (ent_store_add_event(g->store, &se, &added) != ENT_OK)
            return store_failed(g, "add an event");
        g->events += (size_t)added;
    }
    return CLI_EXIT_OK;
}

/* Writes one record: a new story with its events, another article of a known story, or
 * nothing when the article is already stored. */
static int write_item(cli_ingester *g, cli_batch *b, cli_item *it)
{
    int64_t same = ent_dedup_find(g->writer_index, &it->fp, it->doc.date);
    if (!same && !it->coded) /* the reader took it for a known story; the writer does not */
        cli_code_item(b, it, g->coder, 1);
    if (!same) {
        int rc = cli_check_item(&g->t, it);
        if (rc != CLI_EXIT_OK || it->rc != ENT_OK)
            return rc;
    }
    char host[256];
    ent_store_doc d;
    memset(&d, 0, sizeof d);
    d.key = it->doc.id;
    d.source = it->doc.source ? it->doc.source : url_host(host, sizeof host, it->doc.url);
    d.url = it->doc.url;
    d.title = it->doc.title;
    d.byline = it->doc.byline;
    d.text = it->text ? it->text : it->doc.text;
    d.len = it->text ? it->text_len : it->doc.len;
    d.date = it->doc.date;
    d.content_hash = it->fp.content_hash;
    d.simhash = it->fp.signature; /* the store keeps the signature under this name */
    if (!g->in_transaction) {
        if (ent_store_begin(g->store) != ENT_OK)
            return store_failed(g, "begin a transaction");
        g->in_transaction = 1;
    }
    int64_t doc_id;
    ent_store_doc_status status;
    if (ent_store_add_document(g->store, &d, same, &doc_id, &status) != ENT_OK)
        return store_failed(g, "add a document");
    g->uncommitted++;
    switch (status) {
    case ENT_STORE_DOC_NEW: {
        g->stories++;
        g->t.documents++;
        g->t.sentences += it->report.sentences;
        g->t.discarded += it->report.discarded;
        int rc = write_events(g, it, doc_id);
        if (rc != CLI_EXIT_OK)
            return rc;
        if (ent_dedup_add(g->writer_index, &it->fp, it->doc.date, doc_id) != ENT_OK) {
            cli_error("out of memory");
            return CLI_EXIT_INTERNAL;
        }
        break;
    }
    case ENT_STORE_DOC_NEW_ARTICLE:
        g->duplicates++;
        break;
    case ENT_STORE_DOC_KNOWN:
        g->known++;
        break;
    }
    return CLI_EXIT_OK;
}

int cli_ingest_write(cli_ingester *g, cli_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        int rc = write_item(g, b, &b->items[i]);
        if (rc != CLI_EXIT_OK)
            return rc;
        g->records++;
    }
    if (g->uncommitted >= COMMIT_DOCUMENTS || cli_now() - g->last_commit >= COMMIT_SECONDS) {
        int rc = commit(g);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    uint64_t done = b->input_index < g->ninputs ? g->offsets[b->input_index] : g->total_bytes;
    cli_progress_update(g->records, b->bytes_read, done, g->total_bytes);
    return CLI_EXIT_OK;
}

static int consume(void *ctx, cli_batch *b)
{
    return cli_ingest_write(ctx, b);
}

/* ---------------------------------------------------------------- setup ---- */

/* Sizes of the inputs for the progress bar: offsets[i] is the size of inputs before i. */
static int measure_inputs(cli_ingester *g)
{
    g->offsets = calloc(g->ninputs + 1, sizeof *g->offsets);
    if (!g->offsets)
        return -1;
    for (size_t i = 0; i < g->ninputs; i++) {
        struct stat st;
        uint64_t size = stat(g->inputs[i], &st) == 0 ? (uint64_t)st.st_size : 0;
        g->offsets[i + 1] = g->offsets[i] + size;
    }
    g->total_bytes = g->offsets[g->ninputs];
    /* A batch reports the input being read; count that input as done once the next one
     * starts, so the bar moves by whole inputs and never runs ahead. */
    return 0;
}

int cli_ingest_open(cli_ingester *g, const cli_args *a, int writer)
{
    if (pthread_mutex_init(&g->reader_lock, NULL) != 0) {
        cli_error("cannot create a lock");
        return CLI_EXIT_INTERNAL;
    }
    g->reader_lock_ready = 1;
    int rc = cli_reader_options(&g->reader_options, a);
    if (rc >= 0)
        return rc;
    if ((rc = cli_parse_jobs(&g->jobs, a)) >= 0)
        return rc;
    if ((rc = cli_parse_coding(&g->coding, a)) >= 0)
        return rc;
    g->location = cli_db_location(a);
    g->last_commit = cli_now();
    ent_dedup_options dopt = ENT_DEDUP_OPTIONS_INIT;
    if (a->no_dedup)
        dopt.min_words = UINT32_MAX; /* exact duplicates only */
    if (ent_dedup_create(&g->reader_index, &dopt) != ENT_OK ||
        ent_dedup_create(&g->writer_index, &dopt) != ENT_OK) {
        cli_error("out of memory");
        return CLI_EXIT_INTERNAL;
    }
    if ((rc = cli_load_dict(&g->dict, a)) != CLI_EXIT_OK)
        return rc;
    if (ent_coder_create(&g->coder, g->dict) != ENT_OK) {
        cli_error("out of memory");
        return CLI_EXIT_INTERNAL;
    }
    cli_coding_apply(g->coder, &g->coding);
    if (!writer)
        return CLI_EXIT_OK;
    if (measure_inputs(g) < 0) {
        cli_error("out of memory");
        return CLI_EXIT_INTERNAL;
    }
    char err[512];
    if (ent_store_open(&g->store, g->location, err, sizeof err) != ENT_OK) {
        cli_error("%s", err);
        return CLI_EXIT_DB;
    }
    ent_dedup *both[2] = {g->reader_index, g->writer_index};
    int r = ent_store_simhashes(g->store, seed_index, both);
    if (r == ENT_ENOMEM) {
        cli_error("out of memory");
        return CLI_EXIT_INTERNAL;
    }
    if (r != ENT_OK)
        return store_failed(g, "read the stored stories");
    return CLI_EXIT_OK;
}

int cli_ingest_finish(cli_ingester *g, int rc)
{
    if (g->store) {
        if (rc == CLI_EXIT_OK || rc == CLI_EXIT_SKIPPED || rc == CLI_EXIT_IO) {
            int c = commit(g);
            if (c != CLI_EXIT_OK)
                rc = c;
        } else if (g->in_transaction) {
            /* Keep every whole batch already written; only a failing one is lost. */
            ent_store_rollback(g->store);
        }
    }
    return rc;
}

void cli_ingest_close(cli_ingester *g)
{
    ent_store_close(g->store);
    ent_coder_destroy(g->coder);
    ent_dict_destroy(g->dict);
    ent_dedup_destroy(g->reader_index);
    ent_dedup_destroy(g->writer_index);
    if (g->reader_lock_ready)
        pthread_mutex_destroy(&g->reader_lock);
    ent_buf_free(&g->sentence);
    free(g->offsets);
    cli_ingest_free_inputs(g);
}

void cli_ingest_summary(const cli_ingester *g, const cli_args *a, double seconds)
{
    cli_progress_clear();
    if (a->quiet)
        return;
    ent_store_stats st;
    memset(&st, 0, sizeof st);
    ent_store_stats_get(g->store, &st);
    cli_error("%zu records: %zu new stories, %zu duplicates of stored stories, %zu already "
              "stored, %zu skipped; %zu sentences, %zu events; %.2f s",
              g->records, g->stories, g->duplicates, g->known,
              g->skipped + g->t.failed, g->t.sentences, g->events, seconds);
    cli_error("%s now holds %lld documents, %lld articles, %lld events", g->location,
              (long long)st.documents, (long long)st.articles, (long long)st.events);
}

int cli_ingest_run(cli_run *run, cli_ingester *g, const char *const *inputs, size_t ninputs,
                   int (*consume_fn)(void *ctx, cli_batch *b), void *ctx)
{
    ent_coder **coders = calloc(g->jobs, sizeof *coders);
    size_t ready = 0;
    while (coders && ready < g->jobs && ent_coder_create(&coders[ready], g->dict) == ENT_OK)
        cli_coding_apply(coders[ready++], &g->coding);
    int rc = CLI_EXIT_INTERNAL;
    if (coders && ready == g->jobs) {
        memset(run, 0, sizeof *run);
        run->inputs = inputs;
        run->ninputs = ninputs;
        run->reader_options = g->reader_options;
        run->jobs = g->jobs;
        run->states = (void *const *)coders;
        run->work = code_new_stories;
        run->on_read = fingerprint;
        run->on_read_ctx = g;
        run->consume = consume_fn;
        run->ctx = ctx;
        rc = cli_run_pipeline(run);
    } else {
        cli_error("out of memory");
    }
    for (size_t i = 0; i < ready; i++)
        ent_coder_destroy(coders[i]);
    free(coders);
    return rc;
}

int cli_ingest(const cli_args *a)
{
    if (a->mpi)
        return cli_ingest_mpi(a);
    double start = cli_now();
    cli_ingester g;
    memset(&g, 0, sizeof g);
    int rc = cli_ingest_inputs(&g, a);
    if (rc == CLI_EXIT_OK)
        rc = cli_ingest_open(&g, a, 1);
    if (rc != CLI_EXIT_OK)
        goto out;
    cli_run run;
    cli_progress_start();
    rc = cli_ingest_run(&run, &g, g.inputs, g.ninputs, consume, &g);
    g.skipped = run.stats.skipped;
    if (rc == CLI_EXIT_OK)
        rc = run.io_failed || g.walk_failed                                  ? CLI_EXIT_IO
             : run.stats.skipped || run.stats.inputs_skipped || g.t.failed ? CLI_EXIT_SKIPPED
                                                                           : CLI_EXIT_OK;
    rc = cli_ingest_finish(&g, rc);
    cli_ingest_summary(&g, a, cli_now() - start);
out:
    cli_ingest_close(&g);
    return rc;
}
