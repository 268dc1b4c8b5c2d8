/*
 * cli — the parallel pipeline shared by `entente code` and `entente ingest`:
 *
 *   reader thread ──batches──▶ worker pool (one coder per thread) ──in order──▶ main thread
 *
 * The reader thread reads every input in order. A JSON Lines input is cut into chunks of
 * whole lines (about 64 KB) that the workers parse themselves, each with its own reader, so
 * parsing JSON runs on every core too; records of other formats are parsed by the reader
 * thread and copied into batches of about 64 KB of text. Either way threads synchronise per
 * batch, not per record. N workers code batches in any order; the calling thread takes them
 * back in input order and writes them (to stdout, or to the store), so the output is the
 * same whatever N is.
 */
#ifndef ENTENTE_CLI_WORK_H
#define ENTENTE_CLI_WORK_H

#include "cli.h"

#include "entente/coder.h"
#include "entente/dedup.h"
#include "entente/ingest.h"
#include "util/arena.h"
#include "util/buf.h"

/* One record of a batch. Strings live in the batch's arena. */
typedef struct cli_item {
    ent_doc doc;
    const char *input; /* the input's name, for diagnostics */
    long line;         /* the record's first line (0: a whole-file document) */
    uint64_t seq;      /* unique in the run, growing in input order */
    /* Set by the reader's on_read hook (ingest): a story seen before, not to be coded. */
    ent_fingerprint fp;
    int64_t same_story;
    /* Set by the worker. */
    int rc;                       /* ENT_OK, or why coding failed */
    int coded;                    /* the worker coded it */
    ent_doc_report report;
    ent_event *events;            /* copies, strings in the arena */
    size_t nevents;
    const char *text;             /* the analysed text the event spans index */
    size_t text_len;
} cli_item;

typedef struct cli_batch {
    /* A chunk of JSON Lines still to be parsed by the worker (NULL: items are filled). */
    const char *chunk;
    size_t chunk_len;
    long chunk_line;   /* its first line */
    const char *input; /* the input's name */
    uint64_t serial;   /* the batch's number in the run: item seqs derive from it */
    int rc;            /* ENT_OK, or ENT_ENOMEM when the worker could not parse the chunk */
    ent_buf diags;     /* the chunk's diagnostics, "LINE\tmessage\n" each: printed in input
                          order by the consuming thread, as if one thread had read it all */
    cli_item *items;
    size_t n, cap;
    size_t text_bytes;
    uint64_t bytes_read; /* the reader's uncompressed bytes when the batch was closed */
    size_t input_index;  /* the input being read when the batch was closed */
    ent_arena arena;
    ent_buf out;         /* `entente code`: the batch's events, formatted */
} cli_batch;

/* Totals of a run, for the summary line. */
typedef struct cli_totals {
    size_t documents, sentences, events, discarded, failed, undated;
} cli_totals;

typedef struct cli_run {
    /* In: */
    const char *const *inputs; /* files, in order ("-": standard input) */
    size_t ninputs;
    ent_reader_options reader_options;
    size_t jobs;               /* worker threads */
    void *const *states;       /* jobs worker states */
    void (*work)(void *state, cli_batch *b);
    /* Per record, before it is coded (NULL: none): on the reader thread, or on a worker for
     * records of a JSON Lines chunk, so it must be thread-safe. */
    void (*on_read)(void *ctx, cli_item *item);
    void *on_read_ctx;
    /* Calling thread, per batch in input order; returns CLI_EXIT_OK or an exit code that
     * stops the run. */
    int (*consume)(void *ctx, cli_batch *b);
    void *ctx;
    /* Out: */
    ent_reader_stats stats;
    int io_failed; /* an input could not be opened */
} cli_run;

/*
 * Runs the pipeline to the end of the inputs, or until consume returns an error (which is
 * returned). Returns CLI_EXIT_OK or an exit code.
 */
int cli_run_pipeline(cli_run *run);

/* Frees a batch and everything in it. NULL does nothing. */
void cli_batch_free(cli_batch *b);

/* Codes item with coder; copies its events and analysed text into the batch's arena when
 * keep is set. Sets item->rc. */
void cli_code_item(cli_batch *b, cli_item *item, ent_coder *coder, int keep);

/* Reports an item that could not be coded or had no date, and counts it in t. Returns
 * CLI_EXIT_OK, or CLI_EXIT_INTERNAL when coding ran out of memory. */
int cli_check_item(cli_totals *t, const cli_item *item);

/* The number of worker threads of --jobs (0 or absent: one per core). Returns -1 or
 * CLI_EXIT_USAGE. */
int cli_parse_jobs(size_t *out, const cli_args *a);

/* Applies --date, --input-format and --field to reader options. Returns -1 or
 * CLI_EXIT_USAGE. */
int cli_reader_options(ent_reader_options *ro, const cli_args *a);

#endif
