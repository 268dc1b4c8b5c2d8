/*
 * cli — `entente ingest`, shared by ingest.c (one process) and mpi.c (--mpi): the writer's
 * state, and the steps both run.
 */
#ifndef ENTENTE_CLI_INGEST_H
#define ENTENTE_CLI_INGEST_H

#include "work.h"

#include <pthread.h>

#include "entente/dedup.h"
#include "entente/store.h"

typedef struct cli_ingester {
    /* Inputs: the files of the command line, folders expanded (owned). */
    const char **inputs;
    size_t ninputs;
    ent_file_list owned_inputs; /* what inputs points into */
    int walk_failed;      /* a file or folder of the command line could not be read */
    uint64_t *offsets;    /* offsets[i]: bytes of the inputs before i (progress) */
    uint64_t total_bytes;

    ent_reader_options reader_options;
    size_t jobs;
    cli_coding coding; /* --future, --default-source, --default-target */
    ent_dict *dict;
    ent_coder *coder;      /* the writer's own, for records the reader left uncoded */
    ent_dedup *reader_index, *writer_index;
    /* Workers fingerprint the records of JSON Lines chunks concurrently: the reader's index
     * is shared under this lock. */
    pthread_mutex_t reader_lock;
    int reader_lock_ready;

    const char *location;
    ent_store *store;
    int in_transaction;
    size_t uncommitted;
    double last_commit;
    ent_buf sentence;      /* scratch: the NUL-terminated evidence sentence */

    cli_totals t;
    size_t records, stories, duplicates, known, events, skipped;
} cli_ingester;

/* Expands the command line's files and folders into g->inputs (sorted within each folder).
 * Returns CLI_EXIT_OK or an exit code (message printed). */
int cli_ingest_inputs(cli_ingester *g, const cli_args *a);
void cli_ingest_free_inputs(cli_ingester *g);

/* Options, dictionaries, coder and dedup indexes; for the writer also the store, with the
 * indexes seeded from it. */
int cli_ingest_open(cli_ingester *g, const cli_args *a, int writer);

/* Writer: stores a batch, in order. Returns CLI_EXIT_OK or an exit code. */
int cli_ingest_write(cli_ingester *g, cli_batch *b);

/* Runs the pipeline over inputs with this ingester's options, one coder per worker, and
 * consume_fn(ctx, batch) in input order; run receives the reader's counters. Returns
 * CLI_EXIT_OK or an exit code. */
int cli_ingest_run(cli_run *run, cli_ingester *g, const char *const *inputs, size_t ninputs,
                   int (*consume_fn)(void *ctx, cli_batch *b), void *ctx);

/* Commits what is pending (or rolls back after a fatal error); returns the exit code. */
int cli_ingest_finish(cli_ingester *g, int rc);

void cli_ingest_summary(const cli_ingester *g, const cli_args *a, double seconds);
void cli_ingest_close(cli_ingester *g);

/* mpi.c: entente ingest --mpi. */
int cli_ingest_mpi(const cli_args *a);

#endif
