/*
 * store — the SQLite back end (store_internal.h): one database file, in WAL mode with
 * synchronous=NORMAL (a commit survives a crash of the process; a power loss may lose the
 * last transactions but never corrupts the file), foreign keys on, a busy timeout so a
 * reader or a second writer waits instead of failing, and every statement prepared once.
 * The schema version is PRAGMA user_version.
 */
#include "store_internal.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUSY_TIMEOUT_MS 10000
/* Page cache: the indexes of a bulk import of millions of events must stay in memory. */
#define CACHE_KIB 262144

/* A cached INSERT written "… RETURNING id" is prepared without that clause: SQLite
   materialises RETURNING rows in a temporary table, which costs a third of the time of an
   insert; sqlite3_changes() and sqlite3_last_insert_rowid() give the same answer. */
#define RETURNING_ID " RETURNING id"

typedef struct lite {
    sqlite3 *db;
    sqlite3_stmt *stmts[STMT_COUNT];
    unsigned char returns_id[STMT_COUNT];
} lite;

static int lite_error(ent_store *s, const char *what)
{
    lite *l = s->impl;
    return ent_store__error(s, "%s: %s: %s", s->location, what,
                            l && l->db ? sqlite3_errmsg(l->db) : "out of memory");
}

static int lite_exec(ent_store *s, const char *sql)
{
    lite *l = s->impl;
    if (sqlite3_exec(l->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return lite_error(s, strncmp(sql, "CREATE", 6) == 0 ? "migration" : sql);
    return ENT_OK;
}

/* SQLite counts every allocation under a global mutex unless told otherwise before its first
 * use, and entente never reads the counts (sqlite3_status): an eighth of the store's
 * instructions in an ingest. When the program around the library has started SQLite
 * already, sqlite3_config refuses and nothing changes. */
static void configure_sqlite(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int lite_open(ent_store *s, const char *path)
{
    static pthread_once_t configured = PTHREAD_ONCE_INIT;
    pthread_once(&configured, configure_sqlite);
    lite *l = calloc(1, sizeof *l);
    if (!l)
        return ent_store__error(s, "%s: out of memory", s->location);
    s->impl = l;
    int rc = sqlite3_open_v2(
        path, &l->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        return lite_error(s, "cannot open the database");
    sqlite3_busy_timeout(l->db, BUSY_TIMEOUT_MS);
    /* Larger pages: fewer splits when millions of events go into the indexes (only takes
       effect on a new file). journal_mode is the first statement that reads the file: "not a
       database" shows here. */
    char pragmas[256];
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
             "PRAGMA foreign_keys = ON;"
             " PRAGMA cache_size = -%d; PRAGMA temp_store = MEMORY;",
             CACHE_KIB);
    if (sqlite3_exec(l->db, pragmas, NULL, NULL, NULL) != SQLITE_OK)
        return lite_error(s, "cannot open the database");
    return ENT_OK;
}

static void lite_close(ent_store *s)
{
    lite *l = s->impl;
    for (int i = 0; i < STMT_COUNT; i++)
        sqlite3_finalize(l->stmts[i]);
    /* sqlite3_close_v2 also rolls back an open transaction. */
    sqlite3_close_v2(l->db);
    free(l);
    s->impl = NULL;
}

static int lite_query(ent_store *s, const char *sql, const ent_store__val *params, int nparams,
                      ent_store__row_fn fn, void *ctx);

static int lite_get_version(ent_store *s, int *out)
{
    *out = 0;
    return lite_query(s, "PRAGMA user_version", NULL, 0, ent_store__int_row, out);
}

static int lite_set_version(ent_store *s, int version)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version);
    return lite_exec(s, sql);
}

/* Prepares sql, with "$n" parameters turned into SQLite's "?n". */
static int prepare(ent_store *s, sqlite3_stmt **out, const char *sql, size_t n, unsigned flags)
{
    lite *l = s->impl;
    char *copy = malloc(n + 1);
    if (!copy)
        return ent_store__error(s, "%s: out of memory", s->location);
    copy[n] = '\0';
    for (size_t i = 0; i < n; i++)
        copy[i] = sql[i] == '$' && sql[i + 1] >= '0' && sql[i + 1] <= '9' ? '?' : sql[i];
    int rc = sqlite3_prepare_v3(l->db, copy, (int)n, flags, out, NULL);
    free(copy);
    return rc == SQLITE_OK ? ENT_OK : lite_error(s, "prepare");
}

/* Binds, steps through every row, and resets the statement for its next use. */
static int step_all(ent_store *s, sqlite3_stmt *st, const ent_store__val *params, int nparams,
                    ent_store__row_fn fn, void *ctx)
{
    for (int i = 0; i < nparams; i++) {
        const ent_store__val *v = &params[i];
        switch (v->type) {
        case ENT_STORE_INT:
            sqlite3_bind_int64(st, i + 1, v->i);
            break;
        case ENT_STORE_REAL:
            sqlite3_bind_double(st, i + 1, v->d);
            break;
        case ENT_STORE_TEXT:
            sqlite3_bind_text(st, i + 1, v->s, (int)v->len, SQLITE_STATIC);
            break;
        default:
            sqlite3_bind_null(st, i + 1);
            break;
        }
    }
    int rc, stopped = 0;
    ent_store__val cols[32];
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!fn)
            continue;
        int n = sqlite3_column_count(st);
        if (n > 32)
            n = 32;
        for (int i = 0; i < n; i++) {
            ent_store__val *c = &cols[i];
            memset(c, 0, sizeof *c);
            switch (sqlite3_column_type(st, i)) {
            case SQLITE_INTEGER:
                c->type = ENT_STORE_INT;
                c->i = sqlite3_column_int64(st, i);
                break;
            case SQLITE_FLOAT:
                c->type = ENT_STORE_REAL;
                c->d = sqlite3_column_double(st, i);
                break;
            case SQLITE_NULL:
                break;
            default:
                c->type = ENT_STORE_TEXT;
                c->s = (const char *)sqlite3_column_text(st, i);
                c->len = (size_t)sqlite3_column_bytes(st, i);
                break;
            }
        }
        if ((stopped = fn(ctx, cols, n)) != 0)
            break;
    }
    int result = ENT_OK;
    if (stopped)
        result = stopped;
    else if (rc != SQLITE_DONE)
        result = lite_error(s, "statement failed");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return result;
}

static int lite_run(ent_store *s, int stmt, const ent_store__val *params, int nparams,
                    ent_store__row_fn fn, void *ctx)
{
    lite *l = s->impl;
    if (!l->stmts[stmt]) {
        const char *sql = ent_store__sql[stmt];
        size_t n = strlen(sql), r = strlen(RETURNING_ID);
        l->returns_id[stmt] = n > r && strcmp(sql + n - r, RETURNING_ID) == 0;
        int rc = prepare(s, &l->stmts[stmt], sql, l->returns_id[stmt] ? n - r : n,
                         SQLITE_PREPARE_PERSISTENT);
        if (rc != ENT_OK)
            return rc;
    }
    int rc = step_all(s, l->stmts[stmt], params, nparams, fn, ctx);
    if (rc == ENT_OK && l->returns_id[stmt] && fn && sqlite3_changes(l->db) > 0) {
        ent_store__val id = {ENT_STORE_INT, sqlite3_last_insert_rowid(l->db), 0, NULL, 0};
        rc = fn(ctx, &id, 1);
    }
    return rc;
}

static int lite_query(ent_store *s, const char *sql, const ent_store__val *params, int nparams,
                      ent_store__row_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    int rc = prepare(s, &st, sql, strlen(sql), 0);
    if (rc != ENT_OK)
        return rc;
    rc = step_all(s, st, params, nparams, fn, ctx);
    sqlite3_finalize(st);
    return rc;
}

const ent_store__backend ent_store__sqlite = {
    .name = "sqlite",
    .dialect = {"INTEGER PRIMARY KEY", "TEXT", "", "+e.day", " WITHOUT ROWID"},
    .open = lite_open,
    .close = lite_close,
    .exec = lite_exec,
    /* IMMEDIATE takes the write lock at once: a deferred transaction that later wants to
       write can fail with SQLITE_BUSY without waiting (the busy timeout does not apply). */
    .begin = "BEGIN IMMEDIATE",
    .migrate_begin = "BEGIN IMMEDIATE",
    .get_version = lite_get_version,
    .set_version = lite_set_version,
    .run = lite_run,
    .query = lite_query,
};
