/*
 * cli — `entente ingest --mpi` under mpirun (Open MPI).
 *
 * Every rank expands the same command line into the same sorted list of inputs; input i
 * belongs to rank i % size. Each rank reads, fingerprints and codes its own inputs with the
 * pipeline of work.h (all its cores). Rank 0 is the only writer: it writes batches in the
 * order of the global input list — its own as they come out of its pipeline, the others'
 * received from their ranks — through the same writer as one process (ingest.c), so the
 * store ends up exactly as a single `entente ingest` would leave it.
 *
 * Messages from rank r to rank 0, in order (MPI keeps the order between two ranks):
 *   TAG_BATCH     a serialised batch of one input
 *   TAG_END       "input i is complete" (sent for every input of the rank, even empty ones)
 *   TAG_TOTALS    the rank's reader counters, last
 * Rank 0 first broadcasts the fingerprints of the stories already stored, so every rank's
 * reader skips coding them.
 */
#include "ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef ENT_HAVE_MPI

int cli_ingest_mpi(const cli_args *a)
{
    (void)a;
    cli_error("--mpi: this entente was built without Open MPI (install libopenmpi-dev and "
              "rebuild)");
    return CLI_EXIT_USAGE;
}

#else

#include <mpi.h>

enum { TAG_BATCH = 1, TAG_END, TAG_TOTALS };

typedef struct mpi_run {
    cli_ingester *g;
    int rank, size;
    size_t next_input; /* rank 0: the first input (global index) not yet written */
    size_t ended;      /* rank r: inputs (local index) whose TAG_END was sent */
    ent_buf msg;
} mpi_run;

/* ---------------------------------------------------------------- serialising ---- */

static void put_u64(ent_buf *b, uint64_t v)
{
    ent_buf_append(b, (const char *)&v, sizeof v); /* same machine type on every rank */
}

static void put_str(ent_buf *b, const char *s)
{
    if (!s) {
        put_u64(b, UINT64_MAX);
        return;
    }
    size_t n = strlen(s);
    put_u64(b, n);
    ent_buf_append(b, s, n);
}

static void put_bytes(ent_buf *b, const char *s, size_t n)
{
    put_u64(b, n);
    ent_buf_append(b, s, n);
}

static void serialise(ent_buf *out, const cli_batch *b)
{
    put_u64(out, b->n);
    for (size_t i = 0; i < b->n; i++) {
        const cli_item *it = &b->items[i];
        put_str(out, it->doc.id);
        put_str(out, it->doc.url);
        put_str(out, it->doc.title);
        put_str(out, it->doc.source);
        put_str(out, it->doc.byline);
        put_str(out, it->input);
        put_u64(out, (uint64_t)it->line);
        put_u64(out, (uint64_t)(int64_t)it->doc.date);
        put_u64(out, it->fp.content_hash);
        put_u64(out, it->fp.signature);
        put_u64(out, it->fp.words);
        put_u64(out, (uint64_t)it->coded);
        put_u64(out, (uint64_t)(int64_t)it->rc);
        put_u64(out, it->report.sentences);
        put_u64(out, it->report.discarded);
        put_u64(out, (uint64_t)it->report.date_source);
        /* The analysed text when coded, else the record's text (the writer may code it). */
        if (it->coded)
            put_bytes(out, it->text, it->text_len);
        else
            put_bytes(out, it->doc.text, it->doc.len);
        put_u64(out, it->nevents);
        for (size_t k = 0; k < it->nevents; k++) {
            const ent_event *e = &it->events[k];
            put_u64(out, e->sentence_index);
            put_u64(out, (uint64_t)(int64_t)e->date);
            put_str(out, e->source_code);
            put_str(out, e->source_name);
            put_str(out, e->target_code);
            put_str(out, e->target_name);
            put_str(out, e->event_code);
            put_str(out, e->issues);
            uint64_t g;
            memcpy(&g, &e->goldstein, sizeof g);
            put_u64(out, g);
            put_u64(out, (uint64_t)e->quad_class);
            put_u64(out, e->sentence.start);
            put_u64(out, e->sentence.end);
        }
    }
}

typedef struct reader {
    const char *p, *end;
    int bad;
} reader;

static uint64_t get_u64(reader *r)
{
    uint64_t v = 0;
    if ((size_t)(r->end - r->p) < sizeof v) {
        r->bad = 1;
        return 0;
    }
    memcpy(&v, r->p, sizeof v);
    r->p += sizeof v;
    return v;
}

/* A NUL-terminated copy in the arena; *len gets its length. NULL for a NULL string. */
static const char *get_str(reader *r, ent_arena *a, size_t *len)
{
    uint64_t n = get_u64(r);
    if (n == UINT64_MAX)
        return NULL;
    if (r->bad || n > (uint64_t)(r->end - r->p)) {
        r->bad = 1;
        return NULL;
    }
    char *s = ent_arena_strndup(a, r->p, (size_t)n);
    if (!s)
        r->bad = 1;
    r->p += n;
    if (len)
        *len = (size_t)n;
    return s;
}

/* Rebuilds a batch sent by serialise(). Returns NULL on a malformed message or no memory. */
static cli_batch *deserialise(const char *data, size_t len)
{
    reader r = {data, data + len, 0};
    cli_batch *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    ent_arena *a = &b->arena;
    uint64_t n = get_u64(&r);
    if (n > len || !(b->items = calloc(n ? n : 1, sizeof *b->items)))
        goto bad;
    b->n = b->cap = (size_t)n;
    for (size_t i = 0; i < b->n && !r.bad; i++) {
        cli_item *it = &b->items[i];
        it->doc.id = get_str(&r, a, NULL);
        it->doc.url = get_str(&r, a, NULL);
        it->doc.title = get_str(&r, a, NULL);
        it->doc.source = get_str(&r, a, NULL);
        it->doc.byline = get_str(&r, a, NULL);
        it->input = get_str(&r, a, NULL);
        it->line = (long)get_u64(&r);
        it->doc.date = (ent_date)(int64_t)get_u64(&r);
        it->fp.content_hash = get_u64(&r);
        it->fp.signature = get_u64(&r);
        it->fp.words = (uint32_t)get_u64(&r);
        it->coded = (int)get_u64(&r);
        it->rc = (int)(int64_t)get_u64(&r);
        it->report.sentences = (size_t)get_u64(&r);
        it->report.discarded = (size_t)get_u64(&r);
        it->report.date_source = (int)get_u64(&r);
        size_t tlen = 0;
        const char *text = get_str(&r, a, &tlen);
        if (it->coded) {
            it->text = text;
            it->text_len = tlen;
        }
        it->doc.text = text;
        it->doc.len = tlen;
        it->nevents = (size_t)get_u64(&r);
        if (r.bad || it->nevents > len)
            goto bad;
        if (it->nevents && !(it->events = ent_arena_alloc(a, it->nevents * sizeof *it->events)))
            goto bad;
        for (size_t k = 0; k < it->nevents && !r.bad; k++) {
            ent_event *e = &it->events[k];
            memset(e, 0, sizeof *e);
            e->doc_id = it->doc.id;
            e->sentence_index = (uint32_t)get_u64(&r);
            e->date = (ent_date)(int64_t)get_u64(&r);
            e->source_code = get_str(&r, a, NULL);
            e->source_name = get_str(&r, a, NULL);
            e->target_code = get_str(&r, a, NULL);
            e->target_name = get_str(&r, a, NULL);
            const char *code = get_str(&r, a, NULL);
            snprintf(e->event_code, sizeof e->event_code, "%s", code ? code : "");
            e->issues = get_str(&r, a, NULL);
            uint64_t g = get_u64(&r);
            memcpy(&e->goldstein, &g, sizeof g);
            e->quad_class = (int)get_u64(&r);
            e->sentence.start = (uint32_t)get_u64(&r);
            e->sentence.end = (uint32_t)get_u64(&r);
        }
    }
    if (!r.bad && r.p == r.end)
        return b;
bad:
    cli_batch_free(b);
    return NULL;
}

/* ---------------------------------------------------------------- rank 0 ---- */

/* Receives the batches of global input i from its rank and writes them. */
static int receive_input(mpi_run *m, size_t i)
{
    int from = (int)(i % (size_t)m->size);
    for (;;) {
        MPI_Status st;
        MPI_Probe(from, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
        int count;
        MPI_Get_count(&st, MPI_BYTE, &count);
        char *data = malloc(count ? (size_t)count : 1);
        if (!data) {
            cli_error("out of memory");
            return CLI_EXIT_INTERNAL;
        }
        MPI_Recv(data, count, MPI_BYTE, from, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (st.MPI_TAG == TAG_END) {
            free(data);
            return CLI_EXIT_OK;
        }
        cli_batch *b = deserialise(data, (size_t)count);
        free(data);
        if (!b) {
            cli_error("--mpi: a malformed message from rank %d", from);
            return CLI_EXIT_INTERNAL;
        }
        b->input_index = i;
        int rc = cli_ingest_write(m->g, b);
        cli_batch_free(b);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
}

/* Writes every input of other ranks before global input `upto`. */
static int catch_up(mpi_run *m, size_t upto)
{
    for (; m->next_input < upto; m->next_input++) {
        if (m->next_input % (size_t)m->size == 0)
            continue; /* rank 0's own: written as its pipeline delivers them */
        int rc = receive_input(m, m->next_input);
        if (rc != CLI_EXIT_OK)
            return rc;
    }
    return CLI_EXIT_OK;
}

static int rank0_consume(void *ctx, cli_batch *b)
{
    mpi_run *m = ctx;
    size_t global = b->input_index * (size_t)m->size;
    int rc = catch_up(m, global);
    if (rc != CLI_EXIT_OK)
        return rc;
    m->next_input = global; /* own input: later batches of it may follow */
    b->input_index = global;
    return cli_ingest_write(m->g, b);
}

/* ---------------------------------------------------------------- other ranks ---- */

static void send_ends(mpi_run *m, size_t upto)
{
    for (; m->ended < upto; m->ended++)
        MPI_Send(NULL, 0, MPI_BYTE, 0, TAG_END, MPI_COMM_WORLD);
}

static int worker_consume(void *ctx, cli_batch *b)
{
    mpi_run *m = ctx;
    send_ends(m, b->input_index);
    ent_buf_reset(&m->msg);
    serialise(&m->msg, b);
    if (m->msg.failed || m->msg.len > INT32_MAX) {
        cli_error("out of memory");
        return CLI_EXIT_INTERNAL;
    }
    MPI_Send(m->msg.data, (int)m->msg.len, MPI_BYTE, 0, TAG_BATCH, MPI_COMM_WORLD);
    return CLI_EXIT_OK;
}

/* ---------------------------------------------------------------- setup ---- */

typedef struct seed {
    uint64_t content_hash, signature;
    int64_t id, date, words;
} seed;

/* Rank 0 sends the fingerprints of the stories already stored (its reader index holds
 * them, nothing else yet); the other ranks add them to their own reader index. Returns 0,
 * or -1 when out of memory. */
static int share_seeds(mpi_run *m, ent_dedup *reader_index)
{
    uint64_t n = m->rank == 0 ? ent_dedup_count(reader_index) : 0;
    MPI_Bcast(&n, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    if (n == 0)
        return 0;
    if (n > INT32_MAX / sizeof(seed))
        return -1;
    seed *s = malloc(n * sizeof *s);
    if (!s)
        return -1;
    for (uint64_t i = 0; m->rank == 0 && i < n; i++) {
        ent_fingerprint fp;
        ent_date date;
        ent_dedup_story(&fp, &date, &s[i].id, reader_index, (size_t)i);
        s[i].content_hash = fp.content_hash;
        s[i].signature = fp.signature;
        s[i].words = fp.words;
        s[i].date = date;
    }
    MPI_Bcast(s, (int)(n * sizeof *s), MPI_BYTE, 0, MPI_COMM_WORLD);
    int rc = 0;
    for (uint64_t i = 0; m->rank != 0 && i < n && rc == 0; i++) {
        ent_fingerprint fp = {s[i].content_hash, s[i].signature, (uint32_t)s[i].words};
        if (ent_dedup_add(reader_index, &fp, (ent_date)s[i].date, s[i].id) != ENT_OK)
            rc = -1;
    }
    free(s);
    return rc;
}

int cli_ingest_mpi(const cli_args *a)
{
    MPI_Init(NULL, NULL);
    double start = cli_now();
    mpi_run m;
    memset(&m, 0, sizeof m);
    MPI_Comm_rank(MPI_COMM_WORLD, &m.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &m.size);
    cli_ingester g;
    memset(&g, 0, sizeof g);
    m.g = &g;
    int rc = cli_ingest_inputs(&g, a);
    if (rc == CLI_EXIT_OK)
        rc = cli_ingest_open(&g, a, m.rank == 0);
    /* Every rank must know whether the others could start before any message flows. */
    int worst = rc;
    MPI_Allreduce(&rc, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (worst != CLI_EXIT_OK) {
        rc = rc != CLI_EXIT_OK ? rc : worst;
        goto out;
    }
    if (share_seeds(&m, g.reader_index) < 0) {
        cli_error("out of memory");
        MPI_Abort(MPI_COMM_WORLD, CLI_EXIT_INTERNAL);
    }

    /* This rank's inputs: i ≡ rank (mod size). */
    size_t nmine = 0;
    const char **mine = malloc((g.ninputs / (size_t)m.size + 1) * sizeof *mine);
    for (size_t i = (size_t)m.rank; mine && i < g.ninputs; i += (size_t)m.size)
        mine[nmine++] = g.inputs[i];
    if (!mine) {
        cli_error("out of memory");
        MPI_Abort(MPI_COMM_WORLD, CLI_EXIT_INTERNAL);
    }
    if (m.rank == 0)
        cli_progress_start();
    cli_run run;
    rc = cli_ingest_run(&run, &g, mine, nmine, m.rank == 0 ? rank0_consume : worker_consume,
                        &m);
    if (rc != CLI_EXIT_OK) {
        cli_error("--mpi: rank %d failed; stopping every rank", m.rank);
        MPI_Abort(MPI_COMM_WORLD, rc);
    }
    /* {records skipped, inputs skipped or records not coded, an input unreadable} */
    uint64_t totals[3] = {run.stats.skipped, run.stats.inputs_skipped + g.t.failed,
                          (uint64_t)run.io_failed};
    if (m.rank == 0) {
        rc = catch_up(&m, g.ninputs);
        for (int r = 1; r < m.size && rc == CLI_EXIT_OK; r++) {
            uint64_t theirs[3];
            MPI_Recv(theirs, 3, MPI_UINT64_T, r, TAG_TOTALS, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            for (int k = 0; k < 3; k++)
                totals[k] += theirs[k];
        }
        g.skipped = (size_t)totals[0];
        if (rc == CLI_EXIT_OK)
            rc = totals[2] || g.walk_failed          ? CLI_EXIT_IO
                 : totals[0] || totals[1] || g.t.failed ? CLI_EXIT_SKIPPED
                                                        : CLI_EXIT_OK;
        rc = cli_ingest_finish(&g, rc);
        cli_ingest_summary(&g, a, cli_now() - start);
    } else {
        send_ends(&m, nmine);
        MPI_Send(totals, 3, MPI_UINT64_T, 0, TAG_TOTALS, MPI_COMM_WORLD);
    }
    free(mine);
out:
    /* Rank 0's exit status is the run's: give it to every rank. */
    MPI_Bcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
    ent_buf_free(&m.msg);
    cli_ingest_close(&g);
    MPI_Finalize();
    return rc;
}

#endif
