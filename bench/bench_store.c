/*
 * Benchmark of the event store (not a test). On a SQLite file in a temp dir it prints:
 *   - the baseline: a raw sqlite3 prepared INSERT into a one-column table, in one
 *     transaction, in the same run;
 *   - ent_store_add_event for imported events (no sentence, no document), in one
 *     transaction: events/s and the ratio to the baseline;
 *   - ent_store_add_document: documents/s (1 KB stories, one in four a copy from another
 *     outlet);
 *   - dyad queries (actor-prefix pair, either direction, one year) on the generated store:
 *     ms per query and rows;
 * and the same for PostgreSQL (fewer rows) when ENT_BENCH_PG holds a libpq conninfo
 * (the tables are created in a fresh schema, dropped at the end).
 * Usage: bench_store [EVENTS]   (default 3,000,000)
 */
#include "entente/store.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "bench_store: %s: %s\n", what, msg);
    exit(1);
}

/* Actor codes as GDELT has them: a country, often with a role. */
static const char *const countries[] = {"USA", "IRN", "RUS", "CHN", "ISR", "GBR", "FRA", "DEU",
                                        "IND", "PAK", "TUR", "SAU", "SYR", "IRQ", "UKR", "JPN",
                                        "PRK", "KOR", "EGY", "AFG", "BRA", "MEX", "NGA", "ZAF"};
static const char *const roles[] = {"", "", "GOV", "MIL", "BUS", "OPP", "MED", "CVL"};
static const char *const codes[] = {"010", "011", "020", "036", "040",  "042",  "043", "051",
                                    "057", "061", "071", "111", "112",  "120",  "130", "141",
                                    "172", "173", "190", "193", "0311", "0841", "1123"};

static uint64_t rng = 88172645463325252ULL;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

#define NC (sizeof countries / sizeof countries[0])
#define NR (sizeof roles / sizeof roles[0])
#define NK (sizeof codes / sizeof codes[0])

/* Adds n imported events; returns events/s. */
static double add_events(ent_store *s, long n)
{
    char actors[NC * NR][8];
    for (size_t c = 0; c < NC; c++)
        for (size_t r = 0; r < NR; r++)
            snprintf(actors[c * NR + r], 8, "%s%s", countries[c], roles[r]);
    ent_date base = ent_date_from_ymd(2015, 1, 1);
    double t0 = now();
    if (ent_store_begin(s) != ENT_OK)
        die("begin", ent_store_errmsg(s));
    for (long i = 0; i < n; i++) {
        uint64_t r = next_rand();
        char id[24];
        snprintf(id, sizeof id, "%ld", 400000000L + i);
        ent_store_event e;
        memset(&e, 0, sizeof e);
        e.origin = "gdelt";
        e.origin_id = id;
        /* As in a dataset's files: in id order, dated about the file's day (3,000 events a
           day here), one in ten about something up to a year earlier. */
        e.date = base + (ent_date)(i / 3000) - (ent_date)((r >> 58) < 2 ? r % 365 : r % 3);
        e.source_code = actors[(r >> 12) % (NC * NR)];
        e.source_name = e.source_code;
        e.target_code = actors[(r >> 24) % (NC * NR)];
        e.target_name = e.target_code;
        e.event_code = codes[(r >> 36) % NK];
        e.goldstein = (double)((r >> 44) % 200) / 10 - 10;
        e.quad_class = 1 + (int)((r >> 52) % 4);
        e.num_mentions = 3;
        e.source_url = "https://news.example/story";
        if (ent_store_add_event(s, &e, NULL) != ENT_OK)
            die("add_event", ent_store_errmsg(s));
    }
    if (ent_store_commit(s) != ENT_OK)
        die("commit", ent_store_errmsg(s));
    return n / (now() - t0);
}

/* Adds n documents of about 1 KB; returns documents/s. */
static double add_documents(ent_store *s, long n)
{
    char text[1200];
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    double t0 = now();
    if (ent_store_begin(s) != ENT_OK)
        die("begin", ent_store_errmsg(s));
    for (long i = 0; i < n; i++) {
        char key[32], head[32];
        snprintf(key, sizeof key, "rec-%ld", i);
        long story = i % 4 == 3 ? i - 1 : i; /* every fourth is a copy of the one before */
        int k = snprintf(head, sizeof head, "Story %ld. ", story);
        memcpy(text, head, (size_t)k);
        ent_store_doc d = {key,
                           i % 2 ? "reuters.com" : "apnews.com",
                           "https://x.example/a",
                           "Title",
                           NULL,
                           text,
                           1024,
                           19000 + (ent_date)(i % 365),
                           (uint64_t)story * 2654435761u + 1,
                           (uint64_t)story};
        int64_t id;
        ent_store_doc_status st;
        if (ent_store_add_document(s, &d, 0, &id, &st) != ENT_OK)
            die("add_document", ent_store_errmsg(s));
    }
    if (ent_store_commit(s) != ENT_OK)
        die("commit", ent_store_errmsg(s));
    return n / (now() - t0);
}

static int count_row(void *ctx, const ent_store_row *row)
{
    (void)row;
    ++*(long *)ctx;
    return 0;
}

/* Runs dyad queries over pairs of countries, over a year of the n events (or half their
   span when shorter); prints ms per query and rows per query. */
static void dyad_queries(ent_store *s, const char *label, long n)
{
    ent_date first = ent_date_from_ymd(2015, 1, 1), span = (ent_date)(n / 3000);
    int nq = 0;
    long rows = 0;
    double t0 = now();
    for (size_t a = 0; a < 6; a++) {
        for (size_t b = a + 1; b < 6; b++) {
            ent_store_filter f = ENT_STORE_FILTER_INIT;
            f.source = countries[a];
            f.target = countries[b];
            f.either_direction = 1;
            f.from = first + span / 4;
            f.to = f.from + (span / 2 < 365 ? span / 2 : 365);
            if (ent_store_query(s, &f, count_row, &rows) != ENT_OK)
                die("query", ent_store_errmsg(s));
            nq++;
        }
    }
    double dt = now() - t0;
    printf("%-10s dyad query (prefix pair, both ways, one year): %.1f ms/query, %ld rows/query\n",
           label, dt * 1000 / nq, rows / nq);
}

/* The baseline: raw SQLite, one prepared INSERT of one integer per row, one transaction. */
static double sqlite_baseline(const char *path, long n)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        die(path, sqlite3_errmsg(db));
    sqlite3_exec(db,
                 "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                 " CREATE TABLE t (x INTEGER)",
                 NULL, NULL, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO t (x) VALUES (?1)", -1, &st, NULL);
    double t0 = now();
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    for (long i = 0; i < n; i++) {
        sqlite3_bind_int64(st, 1, i);
        if (sqlite3_step(st) != SQLITE_DONE)
            die("baseline", sqlite3_errmsg(db));
        sqlite3_reset(st);
    }
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    double rate = n / (now() - t0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rate;
}

static ent_store *open_store(const char *loc)
{
    ent_store *s;
    char err[512];
    if (ent_store_open(&s, loc, err, sizeof err) != ENT_OK)
        die("open", err);
    return s;
}

static void bench_pg(const char *conninfo)
{
    char schema[64], sql[128], loc[2048];
    snprintf(schema, sizeof schema, "ent_bench_%ld", (long)getpid());
    PGconn *admin = PQconnectdb(conninfo);
    if (PQstatus(admin) != CONNECTION_OK)
        die("ENT_BENCH_PG", PQerrorMessage(admin));
    PQclear(PQexec(admin, "SET client_min_messages = warning"));
    snprintf(sql, sizeof sql, "CREATE SCHEMA %s", schema);
    PQclear(PQexec(admin, sql));
    snprintf(loc, sizeof loc, "%s options='-csearch_path=%s'", conninfo, schema);
    ent_store *s = open_store(loc);
    long n = 100000;
    double ev = add_events(s, n);
    printf("postgresql add_event (imported): %.0f events/s (%ld events)\n", ev, n);
    double docs = add_documents(s, 20000);
    printf("postgresql add_document: %.0f documents/s\n", docs);
    dyad_queries(s, "postgresql", n);
    ent_store_close(s);
    snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", schema);
    PQclear(PQexec(admin, sql));
    PQfinish(admin);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 3000000;
    char dir[] = "/tmp/entente-bench-store-XXXXXX";
    if (!mkdtemp(dir))
        die("mkdtemp", "failed");
    char base_path[128], store_path[128];
    snprintf(base_path, sizeof base_path, "%s/baseline.db", dir);
    snprintf(store_path, sizeof store_path, "%s/store.db", dir);

    double base = sqlite_baseline(base_path, n);
    printf("sqlite     baseline: raw prepared INSERT, one column: %.0f rows/s (%ld rows)\n", base,
           n);
    ent_store *s = open_store(store_path);
    double ev = add_events(s, n);
    printf("sqlite     add_event (imported, one transaction): %.0f events/s (%ld events), "
           "%.2f of the baseline\n",
           ev, n, ev / base);
    double docs = add_documents(s, 100000);
    printf("sqlite     add_document (1 KB, 1 in 4 a copy): %.0f documents/s\n", docs);
    dyad_queries(s, "sqlite", n);
    ent_store_close(s);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_store: could not remove %s\n", dir);

    const char *pg = getenv("ENT_BENCH_PG");
    if (pg && *pg)
        bench_pg(pg);
    return 0;
}
