/*
 * tests — stage 5, the event store (src/store/): one suite, run against every back end.
 * SQLite always runs (files in a temp dir). PostgreSQL runs when ENT_TEST_PG holds a libpq
 * conninfo: each test gets a fresh schema (search_path in the connection options), dropped
 * at the end; without ENT_TEST_PG it is skipped with a message, except under CI=true, where
 * that is a failure.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "entente/store.h"
#include "store/store_internal.h"
#include "testutil.h"

#include <libpq-fe.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---------------------------------------------------------------- back ends ---- */

typedef struct backend {
    const char *name; /* as ent_store_backend() says */
    int is_pg;
} backend;

static const backend *be; /* the back end of the running group */
static char tmpdir[64];   /* SQLite files */
static PGconn *admin;     /* PostgreSQL: creates and drops the schemas */
static int nlocations;    /* locations handed out */
static char pg_schemas[64][48];
static int npg_schemas;

/* A fresh, empty store location for the running back end. */
static const char *fresh_location(char loc[1024])
{
    nlocations++;
    if (!be->is_pg) {
        snprintf(loc, 1024, "%s/store-%d.db", tmpdir, nlocations);
        return loc;
    }
    assert_true(npg_schemas < 64);
    char *schema = pg_schemas[npg_schemas++];
    snprintf(schema, 48, "ent_test_%ld_%d", (long)getpid(), nlocations);
    char sql[128];
    snprintf(sql, sizeof sql, "CREATE SCHEMA %s", schema);
    PGresult *res = PQexec(admin, sql);
    assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
    PQclear(res);
    const char *conninfo = getenv("ENT_TEST_PG");
    if (strncmp(conninfo, "postgres", 8) == 0) /* a URI */
        snprintf(loc, 1024, "%s%coptions=-csearch_path%%3D%s", conninfo,
                 strchr(conninfo, '?') ? '&' : '?', schema);
    else
        snprintf(loc, 1024, "%s options='-csearch_path=%s'", conninfo, schema);
    return loc;
}

/* Runs SQL on the store at loc behind entente's back (to damage or inspect it). */
static void raw_exec(const char *loc, const char *sql)
{
    if (!be->is_pg) {
        sqlite3 *db;
        assert_int_equal(sqlite3_open(loc, &db), SQLITE_OK);
        char *err = NULL;
        int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
        if (rc != SQLITE_OK)
            fail_msg("%s: %s", sql, err);
        sqlite3_close(db);
        return;
    }
    PGconn *c = PQconnectdb(loc);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PGresult *res = PQexec(c, sql);
    if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK)
        fail_msg("%s: %s", sql, PQresultErrorMessage(res));
    PQclear(res);
    PQfinish(c);
}

static ent_store *open_ok(const char *loc)
{
    ent_store *s = NULL;
    char err[512];
    int rc = ent_store_open(&s, loc, err, sizeof err);
    if (rc != ENT_OK)
        fail_msg("open %s: %s", loc, err);
    assert_string_equal(ent_store_backend(s), be->name);
    return s;
}

static ent_store *open_fresh(char loc[1024])
{
    return open_ok(fresh_location(loc));
}

static int setup_sqlite(void **state)
{
    (void)state;
    static const backend lite = {"sqlite", 0};
    be = &lite;
    strcpy(tmpdir, "/tmp/entente-store-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_sqlite(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static int setup_pg(void **state)
{
    (void)state;
    static const backend pg = {"postgresql", 1};
    be = &pg;
    admin = PQconnectdb(getenv("ENT_TEST_PG"));
    if (PQstatus(admin) != CONNECTION_OK) {
        fprintf(stderr, "ENT_TEST_PG: %s", PQerrorMessage(admin));
        return -1;
    }
    PQclear(PQexec(admin, "SET client_min_messages = warning"));
    /* A failed test leaves its store open inside a transaction: dropping its schema must
       then give up instead of waiting for it forever. */
    PQclear(PQexec(admin, "SET lock_timeout = '5s'"));
    return 0;
}

static int teardown_pg(void **state)
{
    (void)state;
    for (int i = 0; i < npg_schemas; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %.47s CASCADE", pg_schemas[i]);
        PQclear(PQexec(admin, sql));
    }
    PQfinish(admin);
    return 0;
}

/* ---------------------------------------------------------------- helpers ---- */

static ent_store_doc make_doc(const char *key, const char *source, const char *text, uint64_t hash)
{
    ent_store_doc d = {key,  source,       "https://example.org/a",       "A title", "A. Writer",
                       text, strlen(text), ent_date_from_ymd(2024, 3, 5), hash,      hash * 31};
    return d;
}

static ent_store_event make_event(const char *origin, const char *origin_id, ent_date date,
                                  const char *src, const char *tgt, const char *code)
{
    ent_store_event e;
    memset(&e, 0, sizeof e);
    e.origin = origin;
    e.origin_id = origin_id;
    e.date = date;
    e.source_code = src;
    e.source_name = src;
    e.target_code = tgt;
    e.target_name = tgt;
    e.event_code = code;
    e.goldstein = 1.5;
    e.quad_class = 1;
    return e;
}

static void add_event_ok(ent_store *s, const ent_store_event *e, int expect_added)
{
    int added = -1;
    int rc = ent_store_add_event(s, e, &added);
    if (rc != ENT_OK)
        fail_msg("add_event: %s", ent_store_errmsg(s));
    assert_int_equal(added, expect_added);
}

static int64_t add_doc_ok(ent_store *s, const ent_store_doc *d, int64_t same,
                          ent_store_doc_status expect)
{
    int64_t id = -1;
    ent_store_doc_status st;
    int rc = ent_store_add_document(s, d, same, &id, &st);
    if (rc != ENT_OK)
        fail_msg("add_document: %s", ent_store_errmsg(s));
    assert_int_equal(st, expect);
    assert_true(id > 0);
    return id;
}

/* Rows collected from a query (strings copied). */
#define MAX_ROWS 64
typedef struct rows {
    int n;
    ent_store_row r[MAX_ROWS];
    char origin_id[MAX_ROWS][32];
    char sentence[MAX_ROWS][128], url[MAX_ROWS][128], key[MAX_ROWS][32];
    char code[MAX_ROWS][8], src[MAX_ROWS][16], tgt[MAX_ROWS][16];
    char origin[MAX_ROWS][16], issues[MAX_ROWS][32];
} rows; /* r[i]'s strings are borrowed and dangle: read the copies */

static void copy(char *dst, size_t n, const char *s)
{
    snprintf(dst, n, "%s", s ? s : "(null)");
}

static int collect(void *ctx, const ent_store_row *row)
{
    rows *q = ctx;
    assert_true(q->n < MAX_ROWS);
    int i = q->n++;
    q->r[i] = *row;
    copy(q->origin_id[i], sizeof q->origin_id[i], row->origin_id);
    copy(q->sentence[i], sizeof q->sentence[i], row->sentence);
    copy(q->url[i], sizeof q->url[i], row->url);
    copy(q->key[i], sizeof q->key[i], row->doc_key);
    copy(q->code[i], sizeof q->code[i], row->event_code);
    copy(q->src[i], sizeof q->src[i], row->source_code);
    copy(q->tgt[i], sizeof q->tgt[i], row->target_code);
    copy(q->origin[i], sizeof q->origin[i], row->origin);
    copy(q->issues[i], sizeof q->issues[i], row->issues);
    return 0;
}

static rows *query(ent_store *s, const ent_store_filter *f)
{
    static rows q;
    memset(&q, 0, sizeof q);
    int rc = ent_store_query(s, f, collect, &q);
    if (rc != ENT_OK)
        fail_msg("query: %s", ent_store_errmsg(s));
    return &q;
}

/* The origin ids of the rows, joined by spaces. */
static const char *ids(const rows *q)
{
    static char buf[1024];
    buf[0] = '\0';
    for (int i = 0; i < q->n; i++) {
        if (i)
            strcat(buf, " ");
        strcat(buf, q->origin_id[i]);
    }
    return buf;
}

static ent_store_stats stats(ent_store *s)
{
    ent_store_stats st;
    assert_int_equal(ent_store_stats_get(s, &st), ENT_OK);
    return st;
}

/* ---------------------------------------------------------------- tests ---- */

static void test_open_reopen(void **state)
{
    (void)state;
    char loc[1024];
    ent_store *s = open_fresh(loc);
    assert_int_equal(ent_store_schema_version(s), ENT_STORE__MIGRATIONS);
    ent_store_stats st = stats(s);
    assert_int_equal(st.documents + st.events + st.sources + st.articles + st.mentions, 0);
    ent_store_doc d = make_doc("k1", "reuters.com", "Iran and Russia signed a deal.", 11);
    add_doc_ok(s, &d, 0, ENT_STORE_DOC_NEW);
    ent_store_close(s);
    ent_store_close(NULL);

    s = open_ok(loc); /* reopening migrates nothing and shows what was committed */
    assert_int_equal(ent_store_schema_version(s), ENT_STORE__MIGRATIONS);
    st = stats(s);
    assert_int_equal(st.documents, 1);
    assert_int_equal(st.articles, 1);
    assert_int_equal(st.sources, 1);
    ent_store_close(s);

    /* A store written by a newer entente is refused, with a message saying so. */
    raw_exec(loc,
             be->is_pg ? "UPDATE entente_schema SET version = 99" : "PRAGMA user_version = 99");
    char err[512];
    assert_int_equal(ent_store_open(&s, loc, err, sizeof err), ENT_EDB);
    assert_null(s);
    assert_non_null(strstr(err, "newer"));
    assert_non_null(strstr(err, "99"));
}

static void test_bad_locations(void **state)
{
    (void)state;
    ent_store *s = (ent_store *)1;
    char err[512], loc[1024];
    if (be->is_pg) {
        /* Nothing listens on port 1; the password must not appear in the message. */
        snprintf(loc, sizeof loc,
                 "host=127.0.0.1 port=1 dbname=nowhere password=sekrit "
                 "connect_timeout=5");
        assert_int_equal(ent_store_open(&s, loc, err, sizeof err), ENT_EDB);
        assert_null(s);
        assert_non_null(strstr(err, "postgresql:nowhere@127.0.0.1:1"));
        assert_null(strstr(err, "sekrit"));
        return;
    }
    /* A file that is not a database. */
    snprintf(loc, sizeof loc, "%s/not-a-db.db", tmpdir);
    FILE *f = fopen(loc, "w");
    assert_non_null(f);
    for (int i = 0; i < 200; i++)
        fputs("this is plain text, not an SQLite database file\n", f);
    fclose(f);
    assert_int_equal(ent_store_open(&s, loc, err, sizeof err), ENT_EDB);
    assert_null(s);
    assert_non_null(strstr(err, loc));
    assert_non_null(strstr(err, "not a database"));
    /* A path in a directory that does not exist. */
    snprintf(loc, sizeof loc, "sqlite:%s/no/such/dir/store.db", tmpdir);
    assert_int_equal(ent_store_open(&s, loc, err, sizeof err), ENT_EDB);
    assert_non_null(strstr(err, loc));
    assert_int_equal(ent_store_open(&s, "", err, sizeof err), ENT_EDB);
}

static void test_documents(void **state)
{
    (void)state;
    char loc[1024];
    ent_store *s = open_fresh(loc);
    const char *text = "Iran and Russia signed an energy deal on Monday.";
    ent_store_doc a = make_doc("rec-1", "reuters.com", text, 1001);
    int64_t id = add_doc_ok(s, &a, 0, ENT_STORE_DOC_NEW);
    /* An event of the story reports the story's articles and sources. */
    ent_store_event e = make_event(NULL, NULL, a.date, "IRN", "RUS", "057");
    e.document_id = id;
    e.sentence = text;
    e.sentence_end = (uint32_t)strlen(text);
    add_event_ok(s, &e, 1);
    rows *q = query(s, NULL);
    assert_int_equal(q->n, 1);
    assert_int_equal(q->r[0].num_articles, 1);
    assert_int_equal(q->r[0].num_sources, 1);

    /* The same article again: nothing is added. */
    assert_int_equal(add_doc_ok(s, &a, 0, ENT_STORE_DOC_KNOWN), id);
    /* The same text from another outlet: another article of the story, one more source. */
    ent_store_doc b = make_doc("rec-2", "apnews.com", text, 1001);
    assert_int_equal(add_doc_ok(s, &b, 0, ENT_STORE_DOC_NEW_ARTICLE), id);
    q = query(s, NULL);
    assert_int_equal(q->r[0].num_articles, 2);
    assert_int_equal(q->r[0].num_sources, 2);
    assert_int_equal(q->r[0].num_mentions, 2);
    /* The same outlet under another key: one more article, no new source. */
    ent_store_doc c = make_doc("rec-3", "reuters.com", text, 1001);
    assert_int_equal(add_doc_ok(s, &c, 0, ENT_STORE_DOC_NEW_ARTICLE), id);
    q = query(s, NULL);
    assert_int_equal(q->r[0].num_articles, 3);
    assert_int_equal(q->r[0].num_sources, 2);
    /* A near duplicate (other hash) the caller matched: recorded under that story. */
    ent_store_doc n = make_doc("rec-4", "bbc.co.uk", "Iran, Russia sign energy deal Monday.", 77);
    assert_int_equal(add_doc_ok(s, &n, id, ENT_STORE_DOC_NEW_ARTICLE), id);
    assert_int_equal(add_doc_ok(s, &n, id, ENT_STORE_DOC_KNOWN), id);
    q = query(s, NULL);
    assert_int_equal(q->r[0].num_articles, 4);
    assert_int_equal(q->r[0].num_sources, 3);
    /* The first article's key and url are the row's. */
    assert_string_equal(q->key[0], "rec-1");
    assert_string_equal(q->url[0], "https://example.org/a");
    assert_string_equal(q->sentence[0], text);
    /* A story that does not exist cannot be matched. */
    ent_store_doc x = make_doc("rec-5", "bbc.co.uk", "Other.", 78);
    int64_t xid = 5;
    ent_store_doc_status st;
    assert_int_equal(ent_store_add_document(s, &x, 999999, &xid, &st), ENT_EDB);
    assert_int_equal(xid, 0);
    assert_non_null(strstr(ent_store_errmsg(s), "999999"));
    /* A second story, without outlet or key (then keyed by its hash). */
    ent_store_doc y = make_doc(NULL, NULL, "Another story.", 2002);
    int64_t yid = add_doc_ok(s, &y, 0, ENT_STORE_DOC_NEW);
    assert_true(yid > id);
    add_doc_ok(s, &y, 0, ENT_STORE_DOC_KNOWN);

    ent_store_stats sts = stats(s);
    assert_int_equal(sts.documents, 2);
    assert_int_equal(sts.articles, 5);
    assert_int_equal(sts.sources, 3);
    assert_int_equal(sts.events, 1);
    assert_int_equal(sts.mentions, 1);
    ent_store_close(s);
}

typedef struct hashes {
    int n;
    int64_t id[4];
    uint64_t hash[4], sim[4];
    ent_date date[4];
} hashes;

static int take_hash(void *ctx, int64_t id, uint64_t hash, uint64_t sim, ent_date date)
{
    hashes *h = ctx;
    assert_true(h->n < 4);
    h->id[h->n] = id;
    h->hash[h->n] = hash;
    h->sim[h->n] = sim;
    h->date[h->n++] = date;
    return 0;
}

static void test_simhashes(void **state)
{
    (void)state;
    char loc[1024];
    ent_store *s = open_fresh(loc);
    /* Hashes above INT64_MAX survive the signed columns. */
    ent_store_doc a = make_doc("a", "x", "one", 0xF000000000000001ULL);
    ent_store_doc b = make_doc("b", "x", "two", 5);
    b.date = ENT_DATE_NONE;
    int64_t ia = add_doc_ok(s, &a, 0, ENT_STORE_DOC_NEW);
    int64_t ib = add_doc_ok(s, &b, 0, ENT_STORE_DOC_NEW);
    hashes h = {0};
    assert_int_equal(ent_store_simhashes(s, take_hash, &h), ENT_OK);
    assert_int_equal(h.n, 2);
    assert_int_equal(h.id[0], ia);
    assert_int_equal(h.id[1], ib);
    assert_true(h.hash[0] == 0xF000000000000001ULL);
    assert_true(h.sim[0] == 0xF000000000000001ULL * 31);
    assert_int_equal(h.date[0], ent_date_from_ymd(2024, 3, 5));
    assert_int_equal(h.date[1], ENT_DATE_NONE);
    ent_store_close(s);
}

static void test_events(void **state)
{
    (void)state;
    char loc[1024];
    ent_store *s = open_fresh(loc);
    ent_store_doc d = make_doc("k", "reuters.com", "Text.", 9);
    int64_t id = add_doc_ok(s, &d, 0, ENT_STORE_DOC_NEW);
    ent_store_event e = make_event(NULL, NULL, d.date, "IRNGOV", "RUS", "0311");
    e.document_id = id;
    e.sentence_index = 2;
    e.position = 1;
    e.sentence = "Text.";
    e.issues = "NUCLEAR,ENERGY";
    add_event_ok(s, &e, 1);
    add_event_ok(s, &e, 0); /* coding the story again stores nothing new */
    ent_store_event g = make_event("gdelt", "1000001", d.date, "USA", "CHN", "190");
    g.num_mentions = 7;
    g.num_sources = 3;
    g.num_articles = 5;
    g.goldstein = -10;
    g.quad_class = 4;
    g.source_url = "https://news.example/x";
    add_event_ok(s, &g, 1);
    add_event_ok(s, &g, 0);
    /* The same id in another origin is another event. */
    ent_store_event i = make_event("icews", "1000001", d.date, "USA", "CHN", "190");
    add_event_ok(s, &i, 1);
    ent_store_stats st = stats(s);
    assert_int_equal(st.events, 3);
    assert_int_equal(st.mentions, 1);

    rows *q = query(s, NULL);
    assert_int_equal(q->n, 3);
    char expect[64];
    snprintf(expect, sizeof expect, "%lld:2:1 1000001 1000001", (long long)id);
    assert_string_equal(ids(q), expect);
    const ent_store_row *r = &q->r[0];
    assert_string_equal(q->origin[0], "entente");
    assert_int_equal(r->document_id, id);
    assert_string_equal(q->issues[0], "NUCLEAR,ENERGY");
    assert_string_equal(q->code[0], "0311");
    assert_string_equal(q->key[0], "k");
    r = &q->r[1];
    assert_string_equal(q->origin[1], "gdelt");
    assert_int_equal(r->document_id, 0);
    assert_int_equal(r->num_mentions, 7);
    assert_int_equal(r->num_sources, 3);
    assert_int_equal(r->num_articles, 5);
    assert_true(r->goldstein == -10.0);
    assert_int_equal(r->quad_class, 4);
    assert_string_equal(q->issues[1], "(null)");
    assert_string_equal(q->url[1], "https://news.example/x");
    assert_string_equal(q->sentence[1], "(null)");
    assert_string_equal(q->key[1], "(null)");
    assert_int_equal(q->r[2].num_mentions, 1); /* 0 means 1 */

    /* Mentions of imported events: once per url, and only of stored events. */
    int added = -1;
    assert_int_equal(ent_store_add_mention(s, "gdelt", "1000001", "bbc.co.uk",
                                           "https://bbc.example/1", d.date, &added),
                     ENT_OK);
    assert_int_equal(added, 1);
    assert_int_equal(ent_store_add_mention(s, "gdelt", "1000001", "bbc.co.uk",
                                           "https://bbc.example/1", d.date, &added),
                     ENT_OK);
    assert_int_equal(added, 0);
    assert_int_equal(ent_store_add_mention(s, "gdelt", "42", "bbc.co.uk", "https://bbc.example/2",
                                           d.date, &added),
                     ENT_OK);
    assert_int_equal(added, 0);
    assert_int_equal(stats(s).mentions, 2);
    ent_store_close(s);
}

static void test_row_to_event(void **state)
{
    (void)state;
    ent_store_row row;
    memset(&row, 0, sizeof row);
    row.origin = "gdelt";
    row.origin_id = "77";
    row.date = 19000;
    row.source_code = "IRN";
    row.target_code = "RUS";
    row.event_code = "0311";
    row.goldstein = 3.5;
    row.quad_class = 1;
    row.issues = "ENERGY";
    ent_event ev;
    ent_store_row_to_event(&ev, &row);
    assert_string_equal(ev.event_code, "0311");
    assert_string_equal(ev.event_base, "031");
    assert_string_equal(ev.event_root, "03");
    assert_string_equal(ev.doc_id, "77");
    assert_string_equal(ev.source_code, "IRN");
    assert_string_equal(ev.source_name, "");
    assert_string_equal(ev.target_code, "RUS");
    assert_string_equal(ev.issues, "ENERGY");
    assert_true(ev.goldstein == 3.5);
    assert_int_equal(ev.quad_class, 1);
    assert_int_equal(ev.date, 19000);
    assert_int_equal(ev.sentence.start + ev.sentence.end + ev.verb.end, 0);
    row.event_code = "20";
    row.issues = NULL;
    row.doc_key = "file.jsonl:3";
    ent_store_row_to_event(&ev, &row);
    assert_string_equal(ev.event_code, "20");
    assert_string_equal(ev.event_base, "20");
    assert_string_equal(ev.event_root, "20");
    assert_string_equal(ev.doc_id, "file.jsonl:3");
    assert_string_equal(ev.issues, "");
}

/* Events for the filter tests, added out of date order. */
static void add_filter_events(ent_store *s, ent_date base)
{
    static const struct {
        const char *id;
        int day;
        const char *src, *tgt, *code, *origin;
    } evs[] = {
        {"e1", 3, "IRNGOV", "USA", "057", "gdelt"}, {"e2", 1, "IRN", "RUSGOV", "0311", "gdelt"},
        {"e3", 2, "RUS", "IRN", "190", "icews"},    {"e4", 1, "USA", "IRNMIL", "111", "gdelt"},
        {"e5", 5, "IRQ", "USA", "05", "icews"},     {"e6", 4, "IR", "USA", "042", "gdelt"},
        {"e7", -1, "IRN", "USA", "057", "gdelt"}, /* undated */
        {"e8", 2, "", "IRN", "010", "gdelt"},
    };
    ent_store_begin(s);
    for (size_t i = 0; i < sizeof evs / sizeof evs[0]; i++) {
        ent_date d = evs[i].day < 0 ? ENT_DATE_NONE : base + evs[i].day;
        ent_store_event e =
            make_event(evs[i].origin, evs[i].id, d, evs[i].src, evs[i].tgt, evs[i].code);
        add_event_ok(s, &e, 1);
    }
    assert_int_equal(ent_store_commit(s), ENT_OK);
}

static void test_filters(void **state)
{
    (void)state;
    char loc[1024];
    ent_store *s = open_fresh(loc);
    ent_date base = ent_date_from_ymd(2025, 1, 1);
    add_filter_events(s, base);

    /* No filter: everything, undated first, then by date, then by id (insertion). */
    assert_string_equal(ids(query(s, NULL)), "e7 e2 e4 e3 e8 e1 e6 e5");
    ent_store_filter f = ENT_STORE_FILTER_INIT;
    assert_string_equal(ids(query(s, &f)), "e7 e2 e4 e3 e8 e1 e6 e5");
    /* Dates are inclusive at both ends. */
    f.from = base + 2;
    f.to = base + 4;
    assert_string_equal(ids(query(s, &f)), "e3 e8 e1 e6");
    f.to = ENT_DATE_NONE;
    assert_string_equal(ids(query(s, &f)), "e3 e8 e1 e6 e5");
    f.from = ENT_DATE_NONE;
    f.to = base + 1;
    assert_string_equal(ids(query(s, &f)), "e2 e4");
    /* Actor prefixes: "IRN" matches IRN and IRNGOV, not IR or IRQ. */
    f = (ent_store_filter)ENT_STORE_FILTER_INIT;
    f.source = "IRN";
    assert_string_equal(ids(query(s, &f)), "e7 e2 e1");
    f.source = "IR";
    assert_string_equal(ids(query(s, &f)), "e7 e2 e1 e6 e5");
    f.source = NULL;
    f.target = "IRN";
    assert_string_equal(ids(query(s, &f)), "e4 e3 e8");
    f.source = "";
    assert_string_equal(ids(query(s, &f)), "e4 e3 e8");
    /* A dyad, one way and both ways. */
    f.source = "IRN";
    f.target = "USA";
    assert_string_equal(ids(query(s, &f)), "e7 e1");
    f.either_direction = 1;
    assert_string_equal(ids(query(s, &f)), "e7 e4 e1");
    f.from = base + 1;
    f.to = base + 2;
    assert_string_equal(ids(query(s, &f)), "e4");
    /* One actor in either role. */
    f = (ent_store_filter)ENT_STORE_FILTER_INIT;
    f.source = "RUS";
    f.either_direction = 1;
    assert_string_equal(ids(query(s, &f)), "e2 e3");
    /* Event code prefixes. */
    f = (ent_store_filter)ENT_STORE_FILTER_INIT;
    f.event_code = "05";
    assert_string_equal(ids(query(s, &f)), "e7 e1 e5");
    f.event_code = "057";
    assert_string_equal(ids(query(s, &f)), "e7 e1");
    f.event_code = "03";
    assert_string_equal(ids(query(s, &f)), "e2");
    /* Origin, and everything at once. */
    f = (ent_store_filter)ENT_STORE_FILTER_INIT;
    f.origin = "icews";
    assert_string_equal(ids(query(s, &f)), "e3 e5");
    f.origin = "gdelt";
    f.source = "IR";
    f.target = "USA";
    f.event_code = "0";
    f.from = base + 1;
    assert_string_equal(ids(query(s, &f)), "e1 e6");
    /* Limit. */
    f = (ent_store_filter)ENT_STORE_FILTER_INIT;
    f.limit = 3;
    assert_string_equal(ids(query(s, &f)), "e7 e2 e4");
    f.source = "NOSUCH";
    assert_string_equal(ids(query(s, &f)), "");
    ent_store_close(s);
}

static int stop_at_two(void *ctx, const ent_store_row *row)
{
    (void)row;
    return ++*(int *)ctx == 2 ? 42 : 0;
}

static void test_query_stops(void **state)
{
    (void)state;
    char loc[1024];
    ent_store *s = open_fresh(loc);
    add_filter_events(s, 20000);
    int n = 0;
    assert_int_equal(ent_store_query(s, NULL, stop_at_two, &n), 42);
    assert_int_equal(n, 2);
    ent_store_close(s);
}

/* Pair totals written as "DAY SRC>TGT qQ N SUM;" (DAY only by day), for comparing. */
typedef struct pairs_text {
    char text[1024];
    int stop_after; /* 0: never stop */
    int seen;
} pairs_text;

static int pair_text(void *ctx, const ent_store_pair_total *t)
{
    pairs_text *p = ctx;
    size_t n = strlen(p->text);
    char day[11] = "";
    if (t->date != ENT_DATE_NONE)
        ent_date_format(day, t->date);
    snprintf(p->text + n, sizeof p->text - n, "%s%s%s>%s q%d %lld %.1f;", day, *day ? " " : "",
             t->source, t->target, t->quad_class, (long long)t->events, t->goldstein_sum);
    return ++p->seen == p->stop_after ? 7 : 0;
}

static const char *pairs(ent_store *s, const ent_store_filter *f, int by_day)
{
    static pairs_text p;
    memset(&p, 0, sizeof p);
    int rc = ent_store_pair_totals(s, f, by_day, pair_text, &p);
    if (rc != ENT_OK)
        fail_msg("pair totals: %s", ent_store_errmsg(s));
    return p.text;
}

static void test_pair_totals(void **state)
{
    (void)state;
    char loc[1024];
    ent_store *s = open_fresh(loc);
    static const struct {
        const char *id;
        int day;
        const char *src, *tgt;
        int quad;
        double goldstein;
    } evs[] = {
        {"p1", 1, "IRNGOV", "RUSMIL", 1, 4.0}, {"p2", 1, "IRN", "RUS", 1, 3.0},
        {"p3", 1, "IRN", "RUS", 4, -10.0},     {"p4", 2, "IRN", "RUS", 1, 1.0},
        {"p5", 2, "RUS", "IRN", 3, -2.0},      {"p6", 2, "", "IRN", 1, 1.5},
        {"p7", 2, "IR", "USA", 1, 1.0},        {"p8", -1, "IRN", "RUS", 1, 7.0}, /* undated */
    };
    ent_date base = ent_date_from_ymd(2025, 1, 1);
    ent_store_begin(s);
    for (size_t i = 0; i < sizeof evs / sizeof evs[0]; i++) {
        ent_date d = evs[i].day < 0 ? ENT_DATE_NONE : base + evs[i].day;
        ent_store_event e = make_event("gdelt", evs[i].id, d, evs[i].src, evs[i].tgt, "010");
        e.quad_class = evs[i].quad;
        e.goldstein = evs[i].goldstein;
        add_event_ok(s, &e, 1);
    }
    assert_int_equal(ent_store_commit(s), ENT_OK);

    /* Countries are the first three letters: IRNGOV>RUSMIL joins IRN>RUS; an empty code
       stays "", a shorter one stays itself; the undated event is left out. */
    assert_string_equal(pairs(s, NULL, 0), ">IRN q1 1 1.5;IR>USA q1 1 1.0;IRN>RUS q1 3 8.0;"
                                           "IRN>RUS q4 1 -10.0;RUS>IRN q3 1 -2.0;");
    ent_store_filter f = ENT_STORE_FILTER_INIT;
    f.from = base + 2;
    assert_string_equal(pairs(s, &f, 1), "2025-01-03 >IRN q1 1 1.5;2025-01-03 IR>USA q1 1 1.0;"
                                         "2025-01-03 IRN>RUS q1 1 1.0;"
                                         "2025-01-03 RUS>IRN q3 1 -2.0;");
    /* The filters of ent_store_query: one actor in either role, by day. */
    f = (ent_store_filter)ENT_STORE_FILTER_INIT;
    f.source = "RUS";
    f.either_direction = 1;
    assert_string_equal(pairs(s, &f, 1), "2025-01-02 IRN>RUS q1 2 7.0;2025-01-02 IRN>RUS q4 1 -10.0;"
                                         "2025-01-03 IRN>RUS q1 1 1.0;"
                                         "2025-01-03 RUS>IRN q3 1 -2.0;");
    f.to = base + 1;
    f.event_code = "01";
    assert_string_equal(pairs(s, &f, 0), "IRN>RUS q1 2 7.0;IRN>RUS q4 1 -10.0;");
    f.event_code = "02";
    assert_string_equal(pairs(s, &f, 0), "");
    /* fn's value stops the walk and is returned. */
    pairs_text p;
    memset(&p, 0, sizeof p);
    p.stop_after = 2;
    assert_int_equal(ent_store_pair_totals(s, NULL, 0, pair_text, &p), 7);
    assert_int_equal(p.seen, 2);
    ent_store_close(s);
}

static void test_transactions(void **state)
{
    (void)state;
    char loc[1024];
    ent_store *s = open_fresh(loc);
    ent_store_doc d = make_doc("t1", "reuters.com", "Rolled back.", 1);
    ent_store_event e = make_event("gdelt", "1", 19000, "IRN", "USA", "057");
    /* A rolled back transaction leaves nothing. */
    assert_int_equal(ent_store_begin(s), ENT_OK);
    assert_int_equal(ent_store_begin(s), ENT_EDB); /* no nesting */
    add_doc_ok(s, &d, 0, ENT_STORE_DOC_NEW);
    add_event_ok(s, &e, 1);
    assert_int_equal(ent_store_rollback(s), ENT_OK);
    ent_store_stats st = stats(s);
    assert_int_equal(st.documents + st.articles + st.sources + st.events, 0);
    assert_int_equal(ent_store_commit(s), ENT_EDB);
    assert_int_equal(ent_store_rollback(s), ENT_EDB);

    /* A failed write inside a transaction: only rollback is left, and commit says why. */
    assert_int_equal(ent_store_begin(s), ENT_OK);
    add_event_ok(s, &e, 1);
    int64_t id;
    ent_store_doc_status dst;
    assert_int_equal(ent_store_add_document(s, &d, 123456, &id, &dst), ENT_EDB);
    assert_int_equal(ent_store_add_event(s, &e, NULL), ENT_EDB);
    assert_int_equal(ent_store_commit(s), ENT_EDB);
    assert_non_null(strstr(ent_store_errmsg(s), "rolled back"));
    assert_non_null(strstr(ent_store_errmsg(s), "123456"));
    assert_int_equal(stats(s).events, 0);

    /* Closing with an open transaction rolls it back; committed data stays. */
    assert_int_equal(ent_store_begin(s), ENT_OK);
    add_event_ok(s, &e, 1);
    assert_int_equal(ent_store_commit(s), ENT_OK);
    assert_int_equal(ent_store_begin(s), ENT_OK);
    add_doc_ok(s, &d, 0, ENT_STORE_DOC_NEW);
    ent_store_event e2 = make_event("gdelt", "2", 19000, "IRN", "USA", "057");
    add_event_ok(s, &e2, 1);
    ent_store_close(s);
    s = open_ok(loc);
    st = stats(s);
    assert_int_equal(st.events, 1);
    assert_int_equal(st.documents, 0);
    ent_store_close(s);
}

/* ---------------------------------------------------------------- crash safety ---- */

#define BATCHES 60
#define DOCS_PER_BATCH 40
#define EVENTS_PER_DOC 3

/* Writes batches [0, n) in one transaction each; after each commit, writes the batch number
   to fd (when >= 0). Returns 0 or -1. */
static int write_batches(const char *loc, int n, int fd)
{
    ent_store *s;
    char err[512];
    if (ent_store_open(&s, loc, err, sizeof err) != ENT_OK)
        return -1;
    for (int b = 0; b < n; b++) {
        if (ent_store_begin(s) != ENT_OK)
            return -1;
        for (int i = 0; i < DOCS_PER_BATCH; i++) {
            char key[32], text[64], oid[32];
            snprintf(key, sizeof key, "k-%d-%d", b, i);
            snprintf(text, sizeof text, "Story %d of batch %d.", i, b);
            ent_store_doc d = make_doc(key, i % 2 ? "a.example" : "b.example", text,
                                       (uint64_t)(b * 1000 + i + 1));
            int64_t id;
            ent_store_doc_status st;
            if (ent_store_add_document(s, &d, 0, &id, &st) != ENT_OK)
                return -1;
            for (int k = 0; k < EVENTS_PER_DOC; k++) {
                ent_store_event e = make_event(NULL, NULL, d.date, "IRN", "USA", "057");
                e.document_id = id;
                e.position = (uint32_t)k;
                e.sentence = text;
                if (ent_store_add_event(s, &e, NULL) != ENT_OK)
                    return -1;
            }
            snprintf(oid, sizeof oid, "%d-%d", b, i);
            ent_store_event g = make_event("gdelt", oid, d.date, "RUS", "CHN", "190");
            if (ent_store_add_event(s, &g, NULL) != ENT_OK)
                return -1;
        }
        if (ent_store_commit(s) != ENT_OK)
            return -1;
        if (fd >= 0 && write(fd, &b, sizeof b) != (ssize_t)sizeof b)
            return -1;
    }
    ent_store_close(s);
    return 0;
}

static int mark_seen(void *ctx, const ent_store_row *row)
{
    char(*seen)[DOCS_PER_BATCH] = ctx;
    int b, i;
    assert_int_equal(sscanf(row->origin_id, "%d-%d", &b, &i), 2);
    assert_true(b >= 0 && b < BATCHES && i >= 0 && i < DOCS_PER_BATCH);
    assert_int_equal(seen[b][i], 0);
    seen[b][i] = 1;
    return 0;
}

static void check_batches(const char *loc, int expect_min, int expect_max, int *committed)
{
    ent_store *s = open_ok(loc);
    ent_store_stats st = stats(s);
    /* Whole batches only: every count is a multiple of its per-batch count, the same one. */
    assert_int_equal(st.documents % DOCS_PER_BATCH, 0);
    int n = (int)(st.documents / DOCS_PER_BATCH);
    assert_true(n >= expect_min && n <= expect_max);
    assert_int_equal(st.articles, (int64_t)n * DOCS_PER_BATCH);
    assert_int_equal(st.events, (int64_t)n * DOCS_PER_BATCH * (EVENTS_PER_DOC + 1));
    assert_int_equal(st.mentions, (int64_t)n * DOCS_PER_BATCH * EVENTS_PER_DOC);
    assert_int_equal(st.sources, n ? 2 : 0);
    /* And they are the first n batches, each complete: the imported events say which. */
    ent_store_filter f = ENT_STORE_FILTER_INIT;
    f.origin = "gdelt";
    static char seen[BATCHES][DOCS_PER_BATCH];
    memset(seen, 0, sizeof seen);
    assert_int_equal(ent_store_query(s, &f, mark_seen, seen), ENT_OK);
    for (int b = 0; b < BATCHES; b++)
        for (int i = 0; i < DOCS_PER_BATCH; i++)
            assert_int_equal(seen[b][i], b < n);
    ent_store_close(s);
    *committed = n;
}

static void test_crash_safety(void **state)
{
    (void)state;
    char loc[1024];
    fresh_location(loc);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        _exit(write_batches(loc, BATCHES, fds[1]) == 0 ? 0 : 3);
    }
    close(fds[1]);
    /* Kill the writer in the middle of its work, after three commits. */
    int b = -1, done = 0;
    while (done < 3 && read(fds[0], &b, sizeof b) == (ssize_t)sizeof b)
        done++;
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    int more;
    while (read(fds[0], &more, sizeof more) == (ssize_t)sizeof more)
        done++; /* commits reported before the kill landed */
    close(fds[0]);
    assert_true(done >= 3);
    if (!WIFSIGNALED(status))
        fprintf(stderr, "note: the writer finished before it was killed\n");

    int committed;
    /* A commit reported is durable; one more may have committed before its report. */
    check_batches(loc, done, done + 1, &committed);
    /* Writing everything again stores exactly one copy of everything, twice over. */
    assert_int_equal(write_batches(loc, BATCHES, -1), 0);
    check_batches(loc, BATCHES, BATCHES, &committed);
    assert_int_equal(write_batches(loc, BATCHES, -1), 0);
    check_batches(loc, BATCHES, BATCHES, &committed);
}

/* Daily totals written as "DAY qQ N SUM;", for comparing. */
static int daily_text(void *ctx, const ent_store_daily *d)
{
    char *text = ctx;
    size_t n = strlen(text);
    char day[11];
    ent_date_format(day, d->date);
    snprintf(text + n, 2048 - n, "%s q%d %lld %.1f;", day, d->quad_class, (long long)d->events,
             d->goldstein_sum);
    return 0;
}

static const char *daily(ent_store *s, const ent_store_filter *f)
{
    static char text[2048];
    text[0] = '\0';
    if (ent_store_daily_totals(s, f, daily_text, text) != ENT_OK)
        fail_msg("daily totals: %s", ent_store_errmsg(s));
    return text;
}

/* The daily sums by country answer as the events do, stay right when events are added again
   or later, and are rebuilt for a store made before they existed. */
static void test_daily_sums(void **state)
{
    (void)state;
    char loc[1024];
    ent_store *s = open_fresh(loc);
    ent_date base = ent_date_from_ymd(2022, 2, 20);
    char id[16];
    for (int i = 0; i < 60; i++) {
        snprintf(id, sizeof id, "d%d", i);
        const char *src = i % 3 == 0 ? "IRNGOV" : i % 3 == 1 ? "RUS" : "IRN";
        const char *tgt = i % 3 == 1 ? "IRNMIL" : i % 5 == 0 ? "USA" : "RUSGOV";
        ent_store_event e = make_event("test", id, base + i % 7, src, tgt, "036");
        e.quad_class = 1 + i % 4;
        e.goldstein = (double)(i % 9) - 4;
        add_event_ok(s, &e, 1);
    }
    /* Whole countries and a whole source code alone are read from the sums, anything else
       from the events: the same filter with an origin (which only the events have) must
       agree. */
    static const char *const dyads[][2] = {{"IRN", "RUS"},   {"RUS", "IRN"}, {"IRN", NULL},
                                           {"RUS", NULL},    {NULL, "USA"},  {"IRNGOV", NULL},
                                           {"IRNGOV", "RUS"}};
    char with_sums[2048];
    for (size_t k = 0; k < sizeof dyads / sizeof dyads[0]; k++)
        for (int either = 0; either < 2; either++) {
            ent_store_filter f = ENT_STORE_FILTER_INIT;
            f.source = dyads[k][0];
            f.target = dyads[k][1];
            f.either_direction = either;
            f.from = base + 1;
            strcpy(with_sums, daily(s, &f));
            f.origin = "test";
            assert_string_equal(with_sums, daily(s, &f));
            assert_true(strlen(with_sums) > 0);
        }
    ent_store_filter irn_rus = ENT_STORE_FILTER_INIT;
    irn_rus.source = "IRN";
    irn_rus.target = "RUS";
    strcpy(with_sums, daily(s, &irn_rus));

    /* Adding the same events again changes nothing; a new one is counted. */
    for (int i = 0; i < 60; i++) {
        snprintf(id, sizeof id, "d%d", i);
        ent_store_event e = make_event("test", id, base, "IRN", "RUS", "036");
        add_event_ok(s, &e, 0);
    }
    assert_string_equal(daily(s, &irn_rus), with_sums);
    ent_store_event late = make_event("test", "late", base + 30, "IRNGOV", "RUSMIL", "057");
    late.quad_class = 1;
    late.goldstein = 8;
    add_event_ok(s, &late, 1);
    char want[2100];
    snprintf(want, sizeof want, "%s2022-03-22 q1 1 8.0;", with_sums);
    assert_string_equal(daily(s, &irn_rus), want);

    /* Events of a transaction rolled back are not counted. */
    assert_int_equal(ent_store_begin(s), ENT_OK);
    ent_store_event gone = make_event("test", "gone", base + 31, "IRN", "RUS", "057");
    add_event_ok(s, &gone, 1);
    assert_int_equal(ent_store_rollback(s), ENT_OK);
    assert_string_equal(daily(s, &irn_rus), want);

    /* Codes beyond A-Z and 0-9 take another way into the sums, with the same result. */
    ent_store_event odd = make_event("test", "odd", base + 2, "IR\xc3\x89X", "RUS", "010");
    add_event_ok(s, &odd, 1);
    ent_store_filter f = ENT_STORE_FILTER_INIT;
    f.target = "RUS";
    strcpy(with_sums, daily(s, &f));
    f.origin = "test";
    assert_string_equal(with_sums, daily(s, &f));
    assert_non_null(strstr(pairs(s, NULL, 0), "IR\xc3\x89>RUS q1 1 1.5;"));
    ent_store_close(s);

    /* A store from before the sums (version 1): its events are summed on open. */
    if (be->is_pg)
        return;
    raw_exec(loc, "DROP TABLE dyad_days; DROP TABLE actor_days; DROP TABLE code_days;"
                  " DROP INDEX events_dyad;"
                  " CREATE INDEX events_dyad ON events(source_code, target_code, day);"
                  " PRAGMA user_version = 1");
    s = open_ok(loc);
    assert_string_equal(daily(s, &irn_rus), want);
    ent_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_reopen),  cmocka_unit_test(test_bad_locations),
        cmocka_unit_test(test_documents),    cmocka_unit_test(test_simhashes),
        cmocka_unit_test(test_events),       cmocka_unit_test(test_row_to_event),
        cmocka_unit_test(test_filters),      cmocka_unit_test(test_query_stops),
        cmocka_unit_test(test_pair_totals),  cmocka_unit_test(test_daily_sums),  cmocka_unit_test(test_transactions),
        cmocka_unit_test(test_crash_safety),
    };
    int failed = cmocka_run_group_tests_name("store/sqlite", tests, setup_sqlite, teardown_sqlite);
    if (getenv("ENT_TEST_PG") && *getenv("ENT_TEST_PG")) {
        failed += cmocka_run_group_tests_name("store/postgresql", tests, setup_pg, teardown_pg);
    } else if (running_in_ci()) {
        fprintf(stderr, "FAIL: ENT_TEST_PG is not set and CI=true: the PostgreSQL store tests "
                        "must run in CI\n");
        failed++;
    } else {
        fprintf(stdout, "SKIP: store/postgresql: ENT_TEST_PG is not set (a libpq conninfo, "
                        "e.g. \"host=127.0.0.1 dbname=test\")\n");
    }
    return failed ? 1 : 0;
}
