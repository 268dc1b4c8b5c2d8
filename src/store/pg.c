/*
 * store — the PostgreSQL back end (store_internal.h), through libpq. Statements are
 * prepared on the server once per connection (named "ent_N"); parameters go as text, except
 * text itself, which goes in binary form (its bytes, with a length) so it needs no NUL and
 * no escaping. Results come back as text and are typed by their column's type.
 * The schema version is the one row of the table entente_schema. Migrations hold a
 * transaction-level advisory lock, so two processes opening a fresh database at once do not
 * both create the tables.
 */
#include "store_internal.h"

#include "util/buf.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Type OIDs of the results we read (from the server's pg_type.h, stable). */
#define INT8OID 20
#define INT2OID 21
#define INT4OID 23
#define FLOAT4OID 700
#define FLOAT8OID 701

#define MAX_PARAMS 32

typedef struct pg {
    PGconn *conn;
    unsigned char prepared[STMT_COUNT];
    ent_buf repaired[MAX_PARAMS]; /* text parameters with invalid UTF-8 made valid */
} pg;

/* Sets the error from a failed result (or the connection), naming what failed. */
static int pg_error(ent_store *s, const PGresult *res, const char *what)
{
    pg *p = s->impl;
    const char *msg = res ? PQresultErrorMessage(res) : "";
    if (!*msg)
        msg = PQerrorMessage(p->conn);
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    return ent_store__error(s, "%s: %s: %.*s", s->location, what, (int)n, msg);
}

static void quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* NOTICEs ("relation exists, skipping") are not for our users */
}

/* "postgresql:DB@HOST:PORT", for messages: the conninfo itself may hold a password. */
static void name_location(ent_store *s, const char *conninfo)
{
    PQconninfoOption *opts = PQconninfoParse(conninfo, NULL);
    const char *db = "", *host = "", *port = "";
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        if (!o->val)
            continue;
        if (strcmp(o->keyword, "dbname") == 0)
            db = o->val;
        else if (strcmp(o->keyword, "host") == 0)
            host = o->val;
        else if (strcmp(o->keyword, "port") == 0)
            port = o->val;
    }
    size_t n = strlen(db) + strlen(host) + strlen(port) + 16;
    char *name = malloc(n);
    if (name) {
        snprintf(name, n, "postgresql:%s@%s%s%s", db, host, *port ? ":" : "", port);
        free(s->location);
        s->location = name;
    }
    PQconninfoFree(opts);
}

static int pg_open(ent_store *s, const char *conninfo)
{
    pg *p = calloc(1, sizeof *p);
    if (!p)
        return ent_store__error(s, "out of memory");
    s->impl = p;
    name_location(s, conninfo);
    p->conn = PQconnectdb(conninfo);
    if (!p->conn)
        return ent_store__error(s, "%s: out of memory", s->location);
    if (PQstatus(p->conn) != CONNECTION_OK)
        return pg_error(s, NULL, "cannot connect");
    PQsetNoticeProcessor(p->conn, quiet, NULL);
    if (PQsetClientEncoding(p->conn, "UTF8") != 0)
        return pg_error(s, NULL, "cannot set the client encoding");
    return ENT_OK;
}

static void pg_close(ent_store *s)
{
    pg *p = s->impl;
    /* Closing the connection rolls back an open transaction on the server. */
    PQfinish(p->conn);
    for (int i = 0; i < MAX_PARAMS; i++)
        ent_buf_free(&p->repaired[i]);
    free(p);
    s->impl = NULL;
}

static int pg_exec(ent_store *s, const char *sql)
{
    pg *p = s->impl;
    PGresult *res = PQexec(p->conn, sql);
    ExecStatusType st = PQresultStatus(res);
    int rc = ENT_OK;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        rc = pg_error(s, res, strncmp(sql, "CREATE", 6) == 0 ? "migration" : sql);
    PQclear(res);
    return rc;
}

/* Hands every row of res to fn. */
static int each_row(PGresult *res, ent_store__row_fn fn, void *ctx)
{
    int nrows = PQntuples(res), ncols = PQnfields(res);
    ent_store__val cols[32];
    if (ncols > 32)
        ncols = 32;
    for (int r = 0; r < nrows; r++) {
        for (int i = 0; i < ncols; i++) {
            ent_store__val *c = &cols[i];
            memset(c, 0, sizeof *c);
            if (PQgetisnull(res, r, i))
                continue;
            const char *v = PQgetvalue(res, r, i);
            switch (PQftype(res, i)) {
            case INT8OID:
            case INT4OID:
            case INT2OID:
                c->type = ENT_STORE_INT;
                c->i = strtoll(v, NULL, 10);
                break;
            case FLOAT4OID:
            case FLOAT8OID:
                c->type = ENT_STORE_REAL;
                c->d = strtod(v, NULL);
                break;
            default:
                c->type = ENT_STORE_TEXT;
                c->s = v;
                c->len = (size_t)PQgetlength(res, r, i);
                break;
            }
        }
        int stop = fn(ctx, cols, ncols);
        if (stop)
            return stop;
    }
    return ENT_OK;
}

/*
 * Runs a prepared statement (name) or a one-off one (sql) with params. Integers and reals
 * are sent as text; text as binary, which for PostgreSQL's text type is the bytes as they
 * are. The server rejects invalid UTF-8, so such text is sent repaired (U+FFFD).
 */
static int execute(ent_store *s, const char *name, const char *sql, const ent_store__val *params,
                   int nparams, ent_store__row_fn fn, void *ctx)
{
    pg *p = s->impl;
    if (nparams > MAX_PARAMS)
        return ent_store__error(s, "too many parameters");
    char numbers[MAX_PARAMS][32];
    const char *values[MAX_PARAMS];
    int lengths[MAX_PARAMS], formats[MAX_PARAMS];
    for (int i = 0; i < nparams; i++) {
        const ent_store__val *v = &params[i];
        lengths[i] = 0;
        formats[i] = 0;
        values[i] = numbers[i];
        switch (v->type) {
        case ENT_STORE_INT:
            snprintf(numbers[i], sizeof numbers[i], "%lld", (long long)v->i);
            break;
        case ENT_STORE_REAL:
            snprintf(numbers[i], sizeof numbers[i], "%.17g", v->d);
            break;
        case ENT_STORE_TEXT:
            formats[i] = 1;
            values[i] = v->s;
            lengths[i] = (int)v->len;
            if (ent_utf8_invalid(v->s, v->len, NULL) || memchr(v->s, '\0', v->len)) {
                ent_buf *b = &p->repaired[i];
                ent_buf_reset(b);
                ent_buf_append_utf8(b, v->s, v->len, NULL);
                /* NUL cannot be stored in text: it becomes a space. */
                for (size_t k = 0; b->data && k < b->len; k++)
                    if (b->data[k] == '\0')
                        b->data[k] = ' ';
                if (b->failed)
                    return ent_store__error(s, "out of memory");
                values[i] = b->data;
                lengths[i] = (int)b->len;
            }
            break;
        default:
            values[i] = NULL;
            break;
        }
    }
    PGresult *res = name ? PQexecPrepared(p->conn, name, nparams, values, lengths, formats, 0)
                         : PQexecParams(p->conn, sql, nparams, NULL, values, lengths, formats, 0);
    ExecStatusType st = PQresultStatus(res);
    int rc;
    if (st == PGRES_TUPLES_OK)
        rc = fn ? each_row(res, fn, ctx) : ENT_OK;
    else if (st == PGRES_COMMAND_OK)
        rc = ENT_OK;
    else
        rc = pg_error(s, res, "statement failed");
    PQclear(res);
    return rc;
}

static int pg_run(ent_store *s, int stmt, const ent_store__val *params, int nparams,
                  ent_store__row_fn fn, void *ctx)
{
    pg *p = s->impl;
    char name[16];
    snprintf(name, sizeof name, "ent_%d", stmt);
    if (!p->prepared[stmt]) {
        PGresult *res = PQprepare(p->conn, name, ent_store__sql[stmt], 0, NULL);
        int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
        int rc = ok ? ENT_OK : pg_error(s, res, "prepare");
        PQclear(res);
        if (!ok)
            return rc;
        p->prepared[stmt] = 1;
    }
    return execute(s, name, NULL, params, nparams, fn, ctx);
}

static int pg_query(ent_store *s, const char *sql, const ent_store__val *params, int nparams,
                    ent_store__row_fn fn, void *ctx)
{
    return execute(s, NULL, sql, params, nparams, fn, ctx);
}

static int pg_get_version(ent_store *s, int *out)
{
    *out = 0;
    int rc = pg_exec(s, "CREATE TABLE IF NOT EXISTS entente_schema (version INTEGER NOT NULL)");
    if (rc == ENT_OK)
        rc = pg_query(s, "SELECT version FROM entente_schema", NULL, 0, ent_store__int_row, out);
    return rc;
}

static int pg_set_version(ent_store *s, int version)
{
    char sql[96];
    snprintf(sql, sizeof sql, "DELETE FROM entente_schema; INSERT INTO entente_schema VALUES (%d)",
             version);
    return pg_exec(s, sql);
}

const ent_store__backend ent_store__pg = {
    .name = "postgresql",
    .dialect = {"BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "TEXT COLLATE \"C\"",
                " NULLS FIRST", "e.day", ""},
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .begin = "BEGIN",
    /* 0x656e7465 is "ente": any constant works, as long as it is always the same one. */
    .migrate_begin = "BEGIN; SELECT pg_advisory_xact_lock(1701737573)",
    .get_version = pg_get_version,
    .set_version = pg_set_version,
    .run = pg_run,
    .query = pg_query,
};
