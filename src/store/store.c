/*
 * store — stage 5, the common part of ent_store (include/entente/store.h): picks the back
 * end from the location, runs the migrations, keeps the transaction state, and implements
 * every operation once on top of the back end's prepared statements (store_internal.h).
 *
 * Counts: a coded event's num_articles and num_sources are its story's (documents.n_articles
 * and n_sources, kept up to date by ent_store_add_document), computed in the query, so an
 * article added later raises the counts of every event of its story without touching them.
 * Imported events keep the counts their dataset gave.
 */
#include "store_internal.h"

#include "util/buf.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- schema ---- */

/*
 * Migrations, in order: migration i brings a store from version i to i + 1. Never edit one
 * that was released; append a new one (and raise ENT_STORE__MIGRATIONS). "@ID@", "@CODE@",
 * "@NULLS_FIRST@" and "@WITHOUT_ROWID@" are replaced by the dialect's words.
 */
static const char *const migrations[ENT_STORE__MIGRATIONS] = {
    /* 1: the first schema */
    "CREATE TABLE sources ("
    " id @ID@,"
    " name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE documents ("
    " id @ID@,"
    " content_hash BIGINT NOT NULL UNIQUE,"
    " simhash BIGINT NOT NULL,"
    " day INTEGER,"
    " title TEXT,"
    " byline TEXT,"
    " text TEXT,"
    " n_articles INTEGER NOT NULL DEFAULT 1,"
    " n_sources INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE articles ("
    " id @ID@,"
    " key TEXT NOT NULL UNIQUE,"
    " document_id BIGINT NOT NULL REFERENCES documents(id),"
    " source_id BIGINT REFERENCES sources(id),"
    " url TEXT,"
    " day INTEGER);"
    "CREATE INDEX articles_document ON articles(document_id, source_id);"
    "CREATE TABLE events ("
    " id @ID@,"
    " origin @CODE@ NOT NULL,"
    " origin_id TEXT NOT NULL,"
    " document_id BIGINT REFERENCES documents(id),"
    " day INTEGER,"
    " source_code @CODE@ NOT NULL,"
    " source_name TEXT,"
    " target_code @CODE@ NOT NULL,"
    " target_name TEXT,"
    " event_code @CODE@ NOT NULL,"
    " goldstein DOUBLE PRECISION,"
    " quad_class INTEGER,"
    " issues TEXT,"
    " num_mentions INTEGER NOT NULL DEFAULT 1,"
    " num_sources INTEGER NOT NULL DEFAULT 1,"
    " num_articles INTEGER NOT NULL DEFAULT 1,"
    " url TEXT,"
    " UNIQUE (origin, origin_id));"
    "CREATE INDEX events_dyad ON events(source_code, target_code, day);"
    "CREATE INDEX events_day ON events(day@NULLS_FIRST@, id);"
    "CREATE TABLE mentions ("
    " id @ID@,"
    " event_id BIGINT NOT NULL REFERENCES events(id),"
    " document_id BIGINT REFERENCES documents(id),"
    " source_id BIGINT REFERENCES sources(id),"
    " day INTEGER,"
    " sentence_index INTEGER,"
    " sentence_start INTEGER,"
    " sentence_end INTEGER,"
    " sentence TEXT,"
    " url TEXT);"
    "CREATE UNIQUE INDEX mentions_event ON mentions(event_id, url);",
    /* 2: daily sums by country (the first three letters of actor codes) and quad class, for
       series and networks that would otherwise read millions of events: dyad_days by source
       and target, actor_days by source. Kept in step with the events by sums.c; filled here
       from the events of an older store. And the dyad index covers the columns a series
       sums, so a dyad finer than two countries (USAGOV, CHNGOV) is summed from the index
       alone, without reading the events it lists. */
    "DROP INDEX events_dyad;"
    "CREATE INDEX events_dyad ON events(source_code, target_code, day, quad_class, goldstein);"
    "CREATE TABLE dyad_days ("
    " source @CODE@ NOT NULL,"
    " target @CODE@ NOT NULL,"
    " day INTEGER NOT NULL,"
    " quad_class INTEGER NOT NULL,"
    " events BIGINT NOT NULL,"
    " goldstein_sum DOUBLE PRECISION NOT NULL,"
    " PRIMARY KEY (source, target, day, quad_class))@WITHOUT_ROWID@;"
    "CREATE TABLE code_days ("
    " actor @CODE@ NOT NULL,"
    " day INTEGER NOT NULL,"
    " quad_class INTEGER NOT NULL,"
    " events BIGINT NOT NULL,"
    " goldstein_sum DOUBLE PRECISION NOT NULL,"
    " PRIMARY KEY (actor, day, quad_class))@WITHOUT_ROWID@;"
    "CREATE TABLE actor_days ("
    " actor @CODE@ NOT NULL,"
    " day INTEGER NOT NULL,"
    " quad_class INTEGER NOT NULL,"
    " events BIGINT NOT NULL,"
    " goldstein_sum DOUBLE PRECISION NOT NULL,"
    " PRIMARY KEY (actor, day, quad_class))@WITHOUT_ROWID@;"
    "INSERT INTO dyad_days (source, target, day, quad_class, events, goldstein_sum)"
    " SELECT substr(source_code, 1, 3), substr(target_code, 1, 3), day,"
    " COALESCE(quad_class, 0), count(*), COALESCE(sum(goldstein), 0) FROM events"
    " WHERE day IS NOT NULL GROUP BY 1, 2, 3, 4;"
    "INSERT INTO actor_days (actor, day, quad_class, events, goldstein_sum)"
    " SELECT source, day, quad_class, sum(events), sum(goldstein_sum) FROM dyad_days"
    " GROUP BY 1, 2, 3;"
    "INSERT INTO code_days (actor, day, quad_class, events, goldstein_sum)"
    " SELECT source_code, day, COALESCE(quad_class, 0), count(*), COALESCE(sum(goldstein), 0)"
    " FROM events WHERE day IS NOT NULL GROUP BY 1, 2, 3;",
};

char *ent_store__migration_sql(int i, const ent_store__dialect *d)
{
    static const char *const words[4] = {"@ID@", "@CODE@", "@NULLS_FIRST@", "@WITHOUT_ROWID@"};
    const char *with[4] = {d->id_column, d->code_column, d->nulls_first, d->without_rowid};
    ent_buf b = ENT_BUF_INIT;
    const char *p = migrations[i];
    while (*p) {
        size_t w = 0;
        while (w < 4 && strncmp(p, words[w], strlen(words[w])) != 0)
            w++;
        if (w < 4) {
            ent_buf_puts(&b, with[w]);
            p += strlen(words[w]);
        } else {
            ent_buf_putc(&b, *p++);
        }
    }
    if (b.failed) {
        ent_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* The statements of enum ent_store__stmt. */
const char *const ent_store__sql[STMT_COUNT] = {
    [STMT_ARTICLE_BY_KEY] = "SELECT document_id FROM articles WHERE key = $1",
    [STMT_DOC_INSERT] = "INSERT INTO documents (content_hash, simhash, day, title, byline, text,"
                        " n_articles, n_sources) VALUES ($1, $2, $3, $4, $5, $6, 1, $7)"
                        " ON CONFLICT (content_hash) DO NOTHING RETURNING id",
    [STMT_DOC_BY_HASH] = "SELECT id FROM documents WHERE content_hash = $1",
    [STMT_DOC_EXISTS] = "SELECT id FROM documents WHERE id = $1",
    [STMT_SOURCE_INSERT] = "INSERT INTO sources (name) VALUES ($1)"
                           " ON CONFLICT (name) DO NOTHING RETURNING id",
    [STMT_SOURCE_BY_NAME] = "SELECT id FROM sources WHERE name = $1",
    [STMT_ARTICLE_HAS_SOURCE] =
        "SELECT 1 FROM articles WHERE document_id = $1 AND source_id = $2 LIMIT 1",
    [STMT_ARTICLE_INSERT] =
        "INSERT INTO articles (key, document_id, source_id, url, day)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING RETURNING id",
    [STMT_DOC_COUNT_ARTICLE] = "UPDATE documents SET n_articles = n_articles + 1,"
                               " n_sources = n_sources + $2 WHERE id = $1",
    [STMT_EVENT_INSERT] =
        "INSERT INTO events (origin, origin_id, document_id, day, source_code, source_name,"
        " target_code, target_name, event_code, goldstein, quad_class, issues, num_mentions,"
        " num_sources, num_articles, url) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
        " $12, $13, $14, $15, $16) ON CONFLICT (origin, origin_id) DO NOTHING RETURNING id",
    [STMT_MENTION_INSERT] = "INSERT INTO mentions (event_id, document_id, sentence_index,"
                            " sentence_start, sentence_end, sentence, url)"
                            " VALUES ($1, $2, $3, $4, $5, $6, $7)",
    [STMT_MENTION_IMPORT] =
        "INSERT INTO mentions (event_id, source_id, day, url) SELECT id, $3, $4, $5 FROM events"
        " WHERE origin = $1 AND origin_id = $2 ON CONFLICT (event_id, url) DO NOTHING RETURNING id",
    [STMT_STATS] = "SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM documents),"
                   " (SELECT count(*) FROM articles), (SELECT count(*) FROM events),"
                   " (SELECT count(*) FROM mentions)",
    [STMT_SIMHASHES] = "SELECT id, content_hash, simhash, day FROM documents ORDER BY id",
    [STMT_SUM_DYAD] =
        "INSERT INTO dyad_days (source, target, day, quad_class, events, goldstein_sum)"
        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (source, target, day, quad_class)"
        " DO UPDATE SET events = dyad_days.events + excluded.events,"
        " goldstein_sum = dyad_days.goldstein_sum + excluded.goldstein_sum",
    [STMT_SUM_CODE] =
        "INSERT INTO code_days (actor, day, quad_class, events, goldstein_sum)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (actor, day, quad_class)"
        " DO UPDATE SET events = code_days.events + excluded.events,"
        " goldstein_sum = code_days.goldstein_sum + excluded.goldstein_sum",
    [STMT_SUM_ACTOR] =
        "INSERT INTO actor_days (actor, day, quad_class, events, goldstein_sum)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (actor, day, quad_class)"
        " DO UPDATE SET events = actor_days.events + excluded.events,"
        " goldstein_sum = actor_days.goldstein_sum + excluded.goldstein_sum",
};

/* ---------------------------------------------------------------- values ---- */

static ent_store__val v_int(int64_t i)
{
    ent_store__val v = {ENT_STORE_INT, i, 0, NULL, 0};
    return v;
}

static ent_store__val v_real(double d)
{
    ent_store__val v = {ENT_STORE_REAL, 0, d, NULL, 0};
    return v;
}

/* Text, or NULL for a NULL string. */
static ent_store__val v_text(const char *s)
{
    ent_store__val v = {s ? ENT_STORE_TEXT : ENT_STORE_NULL, 0, 0, s, s ? strlen(s) : 0};
    return v;
}

/* Text that is never NULL: codes are "" when unknown. */
static ent_store__val v_code(const char *s)
{
    return v_text(s ? s : "");
}

static ent_store__val v_date(ent_date d)
{
    ent_store__val v = {ENT_STORE_NULL, 0, 0, NULL, 0};
    return d == ENT_DATE_NONE ? v : v_int(d);
}

/* 0 means "none" for ids. */
static ent_store__val v_id(int64_t id)
{
    ent_store__val v = {ENT_STORE_NULL, 0, 0, NULL, 0};
    return id ? v_int(id) : v;
}

static int64_t col_int(const ent_store__val *c)
{
    return c->type == ENT_STORE_INT ? c->i : c->type == ENT_STORE_REAL ? (int64_t)c->d : 0;
}

static const char *col_text(const ent_store__val *c)
{
    return c->type == ENT_STORE_TEXT ? c->s : NULL;
}

/* Row callback keeping the first column of the first row as an integer. */
typedef struct first_int {
    int found;
    int64_t value;
} first_int;

static int take_first_int(void *ctx, const ent_store__val *cols, int ncols)
{
    first_int *f = ctx;
    if (!f->found && ncols > 0) {
        f->found = 1;
        f->value = col_int(&cols[0]);
    }
    return 0;
}

int ent_store__int_row(void *ctx, const ent_store__val *cols, int ncols)
{
    if (ncols > 0)
        *(int *)ctx = (int)col_int(&cols[0]);
    return 0;
}

/* Runs a cached statement that returns at most one integer. */
static int run_int(ent_store *s, int stmt, const ent_store__val *params, int n, first_int *out)
{
    out->found = 0;
    out->value = 0;
    return s->be->run(s, stmt, params, n, take_first_int, out);
}

/* ---------------------------------------------------------------- errors ---- */

int ent_store__error(ent_store *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
    va_end(ap);
    return ENT_EDB;
}

const char *ent_store_errmsg(const ent_store *s)
{
    return s ? s->errmsg : "no store";
}

/* Rolls back without losing the message of the error that made it necessary. */
static void rollback_keep_error(ent_store *s)
{
    char keep[sizeof s->errmsg];
    memcpy(keep, s->errmsg, sizeof keep);
    s->be->exec(s, "ROLLBACK");
    ent_store__sums_clear(s);
    memcpy(s->errmsg, keep, sizeof keep);
}

/* ---------------------------------------------------------------- open / close ---- */

/* 1 when location is a libpq connection string or URI. A conninfo starts with one of
   libpq's keywords and '=' ("host=… dbname=…"); anything else is a SQLite path. */
static int is_postgres(const char *loc)
{
    if (strncmp(loc, "postgresql://", 13) == 0 || strncmp(loc, "postgres://", 11) == 0)
        return 1;
    static const char *const keywords[] = {
        "host",
        "hostaddr",
        "port",
        "dbname",
        "user",
        "password",
        "service",
        "options",
        "sslmode",
        "passfile",
        "connect_timeout",
        "application_name",
    };
    while (isspace((unsigned char)*loc))
        loc++;
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        size_t n = strlen(keywords[i]);
        if (strncmp(loc, keywords[i], n) == 0) {
            const char *p = loc + n;
            while (*p == ' ')
                p++;
            if (*p == '=')
                return 1;
        }
    }
    return 0;
}

/* Brings the schema up to ENT_STORE__MIGRATIONS in one transaction. */
static int migrate(ent_store *s)
{
    int rc = s->be->exec(s, s->be->migrate_begin);
    if (rc != ENT_OK)
        return rc;
    int version = 0;
    rc = s->be->get_version(s, &version);
    if (rc == ENT_OK && version > ENT_STORE__MIGRATIONS)
        rc = ent_store__error(s,
                              "the store has schema version %d, newer than this entente knows "
                              "(%d): use a newer entente",
                              version, ENT_STORE__MIGRATIONS);
    for (int i = version; rc == ENT_OK && i < ENT_STORE__MIGRATIONS; i++) {
        char *sql = ent_store__migration_sql(i, &s->be->dialect);
        if (!sql) {
            rc = ENT_ENOMEM;
            ent_store__error(s, "out of memory");
            break;
        }
        rc = s->be->exec(s, sql);
        free(sql);
        if (rc == ENT_OK)
            rc = s->be->set_version(s, i + 1);
    }
    if (rc == ENT_OK)
        rc = s->be->exec(s, "COMMIT");
    if (rc != ENT_OK) {
        rollback_keep_error(s);
        return rc;
    }
    s->version = version > ENT_STORE__MIGRATIONS ? version : ENT_STORE__MIGRATIONS;
    return ENT_OK;
}

int ent_store_open(ent_store **out, const char *location, char *err, size_t errlen)
{
    *out = NULL;
    if (err && errlen)
        err[0] = '\0';
    if (!location || !*location) {
        if (err && errlen)
            snprintf(err, errlen, "no store location given");
        return ENT_EDB;
    }
    ent_store *s = calloc(1, sizeof *s);
    if (!s || !(s->location = strdup(location))) {
        free(s);
        if (err && errlen)
            snprintf(err, errlen, "%s: out of memory", location);
        return ENT_ENOMEM;
    }
    const char *target = location;
    if (strncmp(location, "sqlite:", 7) == 0) {
        s->be = &ent_store__sqlite;
        target = location + 7;
    } else {
        s->be = is_postgres(location) ? &ent_store__pg : &ent_store__sqlite;
    }
    int rc = s->be->open(s, target);
    if (rc == ENT_OK)
        rc = migrate(s);
    if (rc != ENT_OK) {
        /* The back ends name the database without secrets (a conninfo may hold a password);
           SQLite names the path itself. */
        if (err && errlen)
            snprintf(err, errlen, "%s", s->errmsg);
        ent_store_close(s);
        return rc;
    }
    *out = s;
    return ENT_OK;
}

void ent_store_close(ent_store *s)
{
    if (!s)
        return;
    if (s->impl) {
        if (s->in_tx)
            s->be->exec(s, "ROLLBACK");
        s->be->close(s);
    }
    ent_store__sums_free(s);
    free(s->location);
    free(s);
}

const char *ent_store_backend(const ent_store *s)
{
    return s->be->name;
}

int ent_store_schema_version(const ent_store *s)
{
    return s->version;
}

/* ---------------------------------------------------------------- transactions ---- */

int ent_store_begin(ent_store *s)
{
    if (s->in_tx)
        return ent_store__error(s, "a transaction is already open");
    int rc = s->be->exec(s, s->be->begin);
    if (rc == ENT_OK) {
        s->in_tx = 1;
        s->tx_failed = 0;
    }
    return rc;
}

int ent_store_commit(ent_store *s)
{
    if (!s->in_tx)
        return ent_store__error(s, "commit without a transaction");
    if (s->tx_failed) {
        /* Keep the message of the statement that failed: it is the one that matters. */
        char keep[sizeof s->errmsg];
        memcpy(keep, s->errmsg, sizeof keep);
        s->be->exec(s, "ROLLBACK");
        ent_store__sums_clear(s);
        s->in_tx = s->tx_failed = 0;
        snprintf(s->errmsg, sizeof s->errmsg, "transaction rolled back: %.990s", keep);
        return ENT_EDB;
    }
    int rc = ent_store__sums_flush(s);
    if (rc == ENT_OK)
        rc = s->be->exec(s, "COMMIT");
    if (rc != ENT_OK)
        rollback_keep_error(s);
    s->in_tx = s->tx_failed = 0;
    return rc;
}

int ent_store_rollback(ent_store *s)
{
    if (!s->in_tx)
        return ent_store__error(s, "rollback without a transaction");
    s->in_tx = s->tx_failed = 0;
    ent_store__sums_clear(s);
    return s->be->exec(s, "ROLLBACK");
}

/*
 * Every write runs inside a transaction: the caller's, or one of its own, so a document's
 * several rows are stored all or nothing. After a failed write the caller's transaction only
 * accepts a rollback (PostgreSQL refuses further statements anyway; SQLite is made to agree
 * so both back ends behave the same).
 */
static int write_start(ent_store *s, int *own)
{
    *own = 0;
    if (s->tx_failed)
        return ENT_EDB; /* errmsg still holds the first failure */
    if (s->in_tx)
        return ENT_OK;
    int rc = ent_store_begin(s);
    *own = rc == ENT_OK;
    return rc;
}

static int write_end(ent_store *s, int own, int rc)
{
    if (rc == ENT_OK)
        return own ? ent_store_commit(s) : ENT_OK;
    if (!own) {
        s->tx_failed = 1;
        return rc;
    }
    s->in_tx = 0;
    rollback_keep_error(s);
    return rc;
}

/* ---------------------------------------------------------------- documents ---- */

/* The id of the outlet named name, created when new; 0 for no name. */
static int source_id(ent_store *s, const char *name, int64_t *out)
{
    *out = 0;
    if (!name || !*name)
        return ENT_OK;
    ent_store__val p = v_text(name);
    first_int f;
    int rc = run_int(s, STMT_SOURCE_BY_NAME, &p, 1, &f);
    if (rc == ENT_OK && !f.found)
        rc = run_int(s, STMT_SOURCE_INSERT, &p, 1, &f);
    if (rc == ENT_OK && !f.found) /* inserted by another writer meanwhile */
        rc = run_int(s, STMT_SOURCE_BY_NAME, &p, 1, &f);
    *out = f.value;
    return rc;
}

static int add_document(ent_store *s, const ent_store_doc *doc, int64_t same_story, int64_t *doc_id,
                        ent_store_doc_status *status)
{
    char keybuf[64];
    const char *key = doc->key;
    if (!key || !*key) {
        /* Without a record key the article is the story as this outlet gave it. */
        snprintf(keybuf, sizeof keybuf, "%016" PRIx64, doc->content_hash);
        key = keybuf;
    }
    ent_store__val p[8];
    first_int f;
    p[0] = v_text(key);
    int rc = run_int(s, STMT_ARTICLE_BY_KEY, p, 1, &f);
    if (rc != ENT_OK)
        return rc;
    if (f.found) {
        *doc_id = f.value;
        *status = ENT_STORE_DOC_KNOWN;
        return ENT_OK;
    }
    int64_t src;
    if ((rc = source_id(s, doc->source, &src)) != ENT_OK)
        return rc;

    int64_t id = 0;
    int is_new = 0;
    if (same_story) {
        p[0] = v_int(same_story);
        if ((rc = run_int(s, STMT_DOC_EXISTS, p, 1, &f)) != ENT_OK)
            return rc;
        if (!f.found)
            return ent_store__error(s, "add document %s: no stored story %" PRId64, key,
                                    same_story);
        id = same_story;
    } else {
        p[0] = v_int((int64_t)doc->content_hash);
        p[1] = v_int((int64_t)doc->simhash);
        p[2] = v_date(doc->date);
        p[3] = v_text(doc->title);
        p[4] = v_text(doc->byline);
        p[5] = v_text(doc->text);
        if (doc->text)
            p[5].len = doc->len;
        p[6] = v_int(src != 0);
        if ((rc = run_int(s, STMT_DOC_INSERT, p, 7, &f)) != ENT_OK)
            return rc;
        is_new = f.found;
        if (!f.found && (rc = run_int(s, STMT_DOC_BY_HASH, p, 1, &f)) != ENT_OK)
            return rc;
        id = f.value;
    }

    int new_source = 0;
    if (!is_new && src) {
        p[0] = v_int(id);
        p[1] = v_int(src);
        if ((rc = run_int(s, STMT_ARTICLE_HAS_SOURCE, p, 2, &f)) != ENT_OK)
            return rc;
        new_source = !f.found;
    }
    p[0] = v_text(key);
    p[1] = v_int(id);
    p[2] = v_id(src);
    p[3] = v_text(doc->url);
    p[4] = v_date(doc->date);
    if ((rc = run_int(s, STMT_ARTICLE_INSERT, p, 5, &f)) != ENT_OK)
        return rc;
    if (!is_new && f.found) {
        p[0] = v_int(id);
        p[1] = v_int(new_source);
        if ((rc = s->be->run(s, STMT_DOC_COUNT_ARTICLE, p, 2, NULL, NULL)) != ENT_OK)
            return rc;
    }
    *doc_id = id;
    *status = is_new    ? ENT_STORE_DOC_NEW
              : f.found ? ENT_STORE_DOC_NEW_ARTICLE
                        : ENT_STORE_DOC_KNOWN;
    return ENT_OK;
}

int ent_store_add_document(ent_store *s, const ent_store_doc *doc, int64_t same_story,
                           int64_t *doc_id, ent_store_doc_status *status)
{
    int64_t id = 0;
    ent_store_doc_status st = ENT_STORE_DOC_KNOWN;
    int own;
    int rc = write_start(s, &own);
    if (rc == ENT_OK)
        rc = write_end(s, own, add_document(s, doc, same_story, &id, &st));
    if (doc_id)
        *doc_id = rc == ENT_OK ? id : 0;
    if (status)
        *status = st;
    return rc;
}

typedef struct simhash_ctx {
    int (*fn)(void *ctx, int64_t doc_id, uint64_t content_hash, uint64_t simhash, ent_date date);
    void *ctx;
} simhash_ctx;

static int simhash_row(void *ctx, const ent_store__val *cols, int ncols)
{
    simhash_ctx *c = ctx;
    (void)ncols;
    ent_date date = cols[3].type == ENT_STORE_NULL ? ENT_DATE_NONE : (ent_date)col_int(&cols[3]);
    return c->fn(c->ctx, col_int(&cols[0]), (uint64_t)col_int(&cols[1]),
                 (uint64_t)col_int(&cols[2]), date);
}

int ent_store_simhashes(ent_store *s,
                        int (*fn)(void *ctx, int64_t doc_id, uint64_t content_hash,
                                  uint64_t simhash, ent_date date),
                        void *ctx)
{
    simhash_ctx c = {fn, ctx};
    return s->be->run(s, STMT_SIMHASHES, NULL, 0, simhash_row, &c);
}

/* ---------------------------------------------------------------- events ---- */

static int add_event(ent_store *s, const ent_store_event *ev, int *added)
{
    /* Coded events are named by where they were found, so coding the same story again
       gives the same ids and stores nothing twice. */
    char idbuf[64];
    const char *origin_id = ev->origin_id;
    if (!origin_id) {
        snprintf(idbuf, sizeof idbuf, "%" PRId64 ":%" PRIu32 ":%" PRIu32, ev->document_id,
                 ev->sentence_index, ev->position);
        origin_id = idbuf;
    }
    ent_store__val p[16] = {
        v_code(ev->origin ? ev->origin : "entente"),
        v_text(origin_id),
        v_id(ev->document_id),
        v_date(ev->date),
        v_code(ev->source_code),
        v_text(ev->source_name),
        v_code(ev->target_code),
        v_text(ev->target_name),
        v_code(ev->event_code),
        v_real(ev->goldstein),
        v_int(ev->quad_class),
        v_text(ev->issues && *ev->issues ? ev->issues : NULL),
        v_int(ev->num_mentions > 0 ? ev->num_mentions : 1),
        v_int(ev->num_sources > 0 ? ev->num_sources : 1),
        v_int(ev->num_articles > 0 ? ev->num_articles : 1),
        v_text(ev->document_id ? NULL : ev->source_url),
    };
    first_int f;
    int rc = run_int(s, STMT_EVENT_INSERT, p, 16, &f);
    if (rc == ENT_OK && f.found)
        rc = ent_store__sums_add(s, ev->source_code, ev->target_code, ev->date, ev->quad_class,
                                 ev->goldstein);
    if (rc != ENT_OK)
        return rc;
    *added = f.found;
    if (!f.found || (!ev->sentence && !ev->document_id))
        return ENT_OK;
    ent_store__val m[7] = {
        v_int(f.value),
        v_id(ev->document_id),
        v_int(ev->sentence_index),
        v_int(ev->sentence_start),
        v_int(ev->sentence_end),
        v_text(ev->sentence),
        v_text(ev->source_url),
    };
    return s->be->run(s, STMT_MENTION_INSERT, m, 7, NULL, NULL);
}

int ent_store_add_event(ent_store *s, const ent_store_event *ev, int *added)
{
    int is_new = 0;
    int own;
    int rc = write_start(s, &own);
    if (rc == ENT_OK)
        rc = write_end(s, own, add_event(s, ev, &is_new));
    if (added)
        *added = rc == ENT_OK && is_new;
    return rc;
}

static int add_mention(ent_store *s, const char *origin, const char *origin_id, const char *source,
                       const char *url, ent_date date, int *added)
{
    int64_t src;
    int rc = source_id(s, source, &src);
    if (rc != ENT_OK)
        return rc;
    ent_store__val p[5] = {v_code(origin), v_code(origin_id), v_id(src), v_date(date), v_text(url)};
    first_int f;
    rc = run_int(s, STMT_MENTION_IMPORT, p, 5, &f);
    *added = f.found;
    return rc;
}

int ent_store_add_mention(ent_store *s, const char *origin, const char *origin_id,
                          const char *source, const char *url, ent_date date, int *added)
{
    int is_new = 0;
    int own;
    int rc = write_start(s, &own);
    if (rc == ENT_OK)
        rc = write_end(s, own, add_mention(s, origin, origin_id, source, url, date, &is_new));
    if (added)
        *added = rc == ENT_OK && is_new;
    return rc;
}

static int stats_row(void *ctx, const ent_store__val *cols, int ncols)
{
    ent_store_stats *st = ctx;
    int64_t *f[5] = {&st->sources, &st->documents, &st->articles, &st->events, &st->mentions};
    for (int i = 0; i < ncols && i < 5; i++)
        *f[i] = col_int(&cols[i]);
    return 0;
}

int ent_store_stats_get(ent_store *s, ent_store_stats *out)
{
    memset(out, 0, sizeof *out);
    return s->be->run(s, STMT_STATS, NULL, 0, stats_row, out);
}

/* ---------------------------------------------------------------- queries ---- */

/* The columns every query returns, in the order query_row reads them. */
#define QUERY_COLUMNS                                                                              \
    "SELECT e.id, e.origin, e.origin_id, e.document_id, e.day, e.source_code, e.source_name,"      \
    " e.target_code, e.target_name, e.event_code, e.goldstein, e.quad_class, e.issues,"            \
    " CASE WHEN d.id IS NULL THEN e.num_mentions ELSE d.n_articles END,"                           \
    " CASE WHEN d.id IS NULL THEN e.num_sources ELSE d.n_sources END,"                             \
    " CASE WHEN d.id IS NULL THEN e.num_articles ELSE d.n_articles END,"                           \
    " (SELECT m.sentence FROM mentions m WHERE m.event_id = e.id ORDER BY m.id LIMIT 1),"          \
    " COALESCE(e.url, a.url), a.key"                                                               \
    " FROM events e LEFT JOIN documents d ON d.id = e.document_id"                                 \
    " LEFT JOIN articles a ON a.id = (SELECT min(a2.id) FROM articles a2"                          \
    " WHERE a2.document_id = e.document_id)"

typedef struct query_build {
    ent_buf sql;
    ent_store__val params[16];
    char bounds[6][64]; /* prefix upper bounds */
    int n, nbounds;
    int where; /* a WHERE was written */
} query_build;

static void add_cond(query_build *q, const char *cond)
{
    ent_buf_puts(&q->sql, q->where ? " AND " : " WHERE ");
    ent_buf_puts(&q->sql, cond);
    q->where = 1;
}

/* Adds a parameter and returns its "$n" number. */
static int add_param(query_build *q, ent_store__val v)
{
    q->params[q->n] = v;
    return ++q->n;
}

/*
 * Writes "(col >= $a AND col < $b)": a prefix as a range, which every index can scan (LIKE
 * cannot use an index in PostgreSQL without a special operator class). The upper bound is the
 * prefix with its last byte raised; when the prefix is all 0xFF bytes there is none.
 */
static void prefix_range(query_build *q, const char *col, const char *prefix)
{
    char *hi = q->bounds[q->nbounds++];
    size_t n = strlen(prefix);
    if (n >= 63)
        n = 63;
    memcpy(hi, prefix, n);
    hi[n] = '\0';
    while (n > 0 && (unsigned char)hi[n - 1] == 0xFF)
        hi[--n] = '\0';
    if (n > 0)
        hi[n - 1] = (char)((unsigned char)hi[n - 1] + 1);
    int a = add_param(q, v_text(prefix));
    if (n > 0) {
        int b = add_param(q, v_text(hi));
        ent_buf_appendf(&q->sql, "(%s >= $%d AND %s < $%d)", col, a, col, b);
    } else {
        ent_buf_appendf(&q->sql, "%s >= $%d", col, a);
    }
}

static int has(const char *s)
{
    return s && *s;
}

/* The WHERE clause of the actor filters. */
static void actor_filter(query_build *q, const ent_store_filter *f)
{
    int src = has(f->source), tgt = has(f->target);
    if (!src && !tgt)
        return;
    ent_buf_puts(&q->sql, q->where ? " AND (" : " WHERE (");
    q->where = 1;
    if (src && tgt) {
        ent_buf_puts(&q->sql, "(");
        prefix_range(q, "e.source_code", f->source);
        ent_buf_puts(&q->sql, " AND ");
        prefix_range(q, "e.target_code", f->target);
        ent_buf_puts(&q->sql, ")");
        if (f->either_direction) {
            ent_buf_puts(&q->sql, " OR (");
            prefix_range(q, "e.source_code", f->target);
            ent_buf_puts(&q->sql, " AND ");
            prefix_range(q, "e.target_code", f->source);
            ent_buf_puts(&q->sql, ")");
        }
    } else {
        /* One actor: either_direction means in either role. */
        const char *code = src ? f->source : f->target;
        prefix_range(q, src ? "e.source_code" : "e.target_code", code);
        if (f->either_direction) {
            ent_buf_puts(&q->sql, " OR ");
            prefix_range(q, src ? "e.target_code" : "e.source_code", code);
        }
    }
    ent_buf_puts(&q->sql, ")");
}

/* Writes the WHERE clause of filter f. */
static void build_where(query_build *q, const ent_store_filter *f, const ent_store__dialect *d)
{
    char cond[64];
    /* The dyad index serves a source prefix (alone, or with a target, either way round). */
    const char *day = has(f->source) ? d->day_by_actor : "e.day";
    if (f->from != ENT_DATE_NONE) {
        snprintf(cond, sizeof cond, "%s >= $%d", day, add_param(q, v_int(f->from)));
        add_cond(q, cond);
    }
    if (f->to != ENT_DATE_NONE) {
        snprintf(cond, sizeof cond, "%s <= $%d", day, add_param(q, v_int(f->to)));
        add_cond(q, cond);
    }
    actor_filter(q, f);
    if (has(f->event_code)) {
        add_cond(q, "");
        prefix_range(q, "e.event_code", f->event_code);
    }
    if (has(f->origin)) {
        snprintf(cond, sizeof cond, "e.origin = $%d", add_param(q, v_text(f->origin)));
        add_cond(q, cond);
    }
}

static void build_query(query_build *q, const ent_store_filter *f, const ent_store__dialect *d)
{
    ent_buf_puts(&q->sql, QUERY_COLUMNS);
    build_where(q, f, d);
    ent_buf_appendf(&q->sql, " ORDER BY e.day%s, e.id", d->nulls_first);
    if (f->limit > 0)
        ent_buf_appendf(&q->sql, " LIMIT $%d", add_param(q, v_int(f->limit)));
}

typedef struct query_ctx {
    int (*fn)(void *ctx, const ent_store_row *row);
    void *ctx;
} query_ctx;

static int count_col(const ent_store__val *c)
{
    int64_t v = col_int(c);
    return v > 0 ? (int)v : 1;
}

static int query_row(void *ctx, const ent_store__val *c, int ncols)
{
    query_ctx *q = ctx;
    (void)ncols;
    ent_store_row r;
    r.id = col_int(&c[0]);
    r.origin = col_text(&c[1]);
    r.origin_id = col_text(&c[2]);
    r.document_id = col_int(&c[3]);
    r.date = c[4].type == ENT_STORE_NULL ? ENT_DATE_NONE : (ent_date)col_int(&c[4]);
    r.source_code = col_text(&c[5]);
    r.source_name = col_text(&c[6]);
    r.target_code = col_text(&c[7]);
    r.target_name = col_text(&c[8]);
    r.event_code = col_text(&c[9]);
    r.goldstein = c[10].type == ENT_STORE_REAL ? c[10].d : (double)col_int(&c[10]);
    r.quad_class = (int)col_int(&c[11]);
    r.issues = col_text(&c[12]);
    r.num_mentions = count_col(&c[13]);
    r.num_sources = count_col(&c[14]);
    r.num_articles = count_col(&c[15]);
    r.sentence = col_text(&c[16]);
    r.url = col_text(&c[17]);
    r.doc_key = col_text(&c[18]);
    return q->fn(q->ctx, &r);
}

int ent_store_query(ent_store *s, const ent_store_filter *filter,
                    int (*fn)(void *ctx, const ent_store_row *row), void *ctx)
{
    static const ent_store_filter none = ENT_STORE_FILTER_INIT;
    query_build q;
    memset(&q, 0, sizeof q);
    build_query(&q, filter ? filter : &none, &s->be->dialect);
    if (q.sql.failed) {
        ent_buf_free(&q.sql);
        return ENT_ENOMEM;
    }
    query_ctx c = {fn, ctx};
    int rc = s->be->query(s, q.sql.data, q.params, q.n, query_row, &c);
    ent_buf_free(&q.sql);
    return rc;
}

typedef struct daily_ctx {
    int (*fn)(void *ctx, const ent_store_daily *d);
    void *ctx;
} daily_ctx;

static int daily_row(void *ctx, const ent_store__val *c, int ncols)
{
    daily_ctx *q = ctx;
    (void)ncols;
    ent_store_daily d;
    d.date = (ent_date)col_int(&c[0]);
    d.quad_class = (int)col_int(&c[1]);
    d.events = col_int(&c[2]);
    d.goldstein_sum = c[3].type == ENT_STORE_REAL ? c[3].d : (double)col_int(&c[3]);
    return q->fn(q->ctx, &d);
}

/* ---------------------------------------------------------------- daily sums ---- */

/* 1 when the daily sums can answer filter f: whole countries (three-letter prefixes), no
   event code or origin. */
static int by_country(const ent_store_filter *f)
{
    return !has(f->event_code) && !has(f->origin) && (!has(f->source) || strlen(f->source) == 3) &&
           (!has(f->target) || strlen(f->target) == 3);
}

/* 1 when the sums by whole source code can answer filter f: a source alone, to anyone. */
static int by_code(const ent_store_filter *f)
{
    return has(f->source) && !has(f->target) && !f->either_direction && !has(f->event_code) &&
           !has(f->origin);
}

/* Writes the daily-sums query for filter f (by_country), with the sums of events and
   goldstein_sum as its last two columns after cols, grouped and ordered by cols. Uses actor_days for a
   source alone (unless pairs: the query selects target), dyad_days otherwise. */
static void build_sums(query_build *q, const ent_store_filter *f, const char *cols, int pairs)
{
    char cond[96];
    int actor = !pairs && has(f->source) && !has(f->target) && !f->either_direction;
    /* PostgreSQL sums a BIGINT into a NUMERIC: cast it back. */
    ent_buf_appendf(&q->sql, "SELECT %s, CAST(sum(events) AS BIGINT), sum(goldstein_sum) FROM %s",
                    cols, actor ? "actor_days" : "dyad_days");
    if (actor) {
        snprintf(cond, sizeof cond, "actor = $%d", add_param(q, v_text(f->source)));
        add_cond(q, cond);
    } else if (has(f->source) || has(f->target)) {
        const char *one = has(f->source) ? f->source : f->target;
        int a = add_param(q, v_text(one));
        if (has(f->source) && has(f->target)) {
            int b = add_param(q, v_text(f->target));
            snprintf(cond, sizeof cond, f->either_direction
                                            ? "((source = $%d AND target = $%d) OR "
                                              "(source = $%d AND target = $%d))"
                                            : "(source = $%d AND target = $%d)",
                     a, b, b, a);
        } else {
            const char *col = has(f->source) ? "source" : "target";
            const char *other = has(f->source) ? "target" : "source";
            snprintf(cond, sizeof cond,
                     f->either_direction ? "(%s = $%d OR %s = $%d)" : "%s = $%d", col, a, other,
                     a);
        }
        add_cond(q, cond);
    }
    if (f->from != ENT_DATE_NONE) {
        snprintf(cond, sizeof cond, "day >= $%d", add_param(q, v_int(f->from)));
        add_cond(q, cond);
    }
    if (f->to != ENT_DATE_NONE) {
        snprintf(cond, sizeof cond, "day <= $%d", add_param(q, v_int(f->to)));
        add_cond(q, cond);
    }
    ent_buf_appendf(&q->sql, " GROUP BY %s ORDER BY %s", cols, cols);
}

/* Runs a query built into q, then frees it. */
static int run_built(ent_store *s, query_build *q, ent_store__row_fn fn, void *ctx)
{
    int rc = ENT_ENOMEM;
    if (!q->sql.failed)
        rc = s->be->query(s, q->sql.data, q->params, q->n, fn, ctx);
    ent_buf_free(&q->sql);
    return rc;
}

int ent_store_daily_totals(ent_store *s, const ent_store_filter *filter,
                           int (*fn)(void *ctx, const ent_store_daily *d), void *ctx)
{
    static const ent_store_filter none = ENT_STORE_FILTER_INIT;
    const ent_store_filter *f = filter ? filter : &none;
    query_build q;
    memset(&q, 0, sizeof q);
    if (by_country(f) && (has(f->source) || has(f->target))) {
        build_sums(&q, f, "day, quad_class", 0);
    } else if (by_code(f)) {
        /* One source finer than a country (USAGOV), to anyone: code_days by prefix. */
        char cond[64];
        ent_buf_puts(&q.sql, "SELECT day, quad_class, CAST(sum(events) AS BIGINT),"
                             " sum(goldstein_sum) FROM code_days");
        add_cond(&q, "");
        prefix_range(&q, "actor", f->source);
        if (f->from != ENT_DATE_NONE) {
            snprintf(cond, sizeof cond, "day >= $%d", add_param(&q, v_int(f->from)));
            add_cond(&q, cond);
        }
        if (f->to != ENT_DATE_NONE) {
            snprintf(cond, sizeof cond, "day <= $%d", add_param(&q, v_int(f->to)));
            add_cond(&q, cond);
        }
        ent_buf_puts(&q.sql, " GROUP BY day, quad_class ORDER BY day, quad_class");
    } else {
        /* Only the columns of the dyad index and the two the sums need: no join, no
           evidence. */
        ent_buf_puts(&q.sql, "SELECT e.day, e.quad_class, count(*), sum(e.goldstein) FROM events e");
        build_where(&q, f, &s->be->dialect);
        add_cond(&q, "e.day IS NOT NULL");
        ent_buf_puts(&q.sql, " GROUP BY e.day, e.quad_class ORDER BY e.day, e.quad_class");
    }
    daily_ctx c = {fn, ctx};
    return run_built(s, &q, daily_row, &c);
}

typedef struct pair_ctx {
    int (*fn)(void *ctx, const ent_store_pair_total *t);
    void *ctx;
    int by_day;
} pair_ctx;

static int pair_row(void *ctx, const ent_store__val *c, int ncols)
{
    pair_ctx *q = ctx;
    (void)ncols;
    int k = q->by_day;
    ent_store_pair_total t;
    t.date = k ? (ent_date)col_int(&c[0]) : ENT_DATE_NONE;
    t.source = col_text(&c[k]) ? col_text(&c[k]) : "";
    t.target = col_text(&c[k + 1]) ? col_text(&c[k + 1]) : "";
    t.quad_class = (int)col_int(&c[k + 2]);
    t.events = col_int(&c[k + 3]);
    t.goldstein_sum = c[k + 4].type == ENT_STORE_REAL ? c[k + 4].d : (double)col_int(&c[k + 4]);
    return q->fn(q->ctx, &t);
}

int ent_store_pair_totals(ent_store *s, const ent_store_filter *filter, int by_day,
                          int (*fn)(void *ctx, const ent_store_pair_total *t), void *ctx)
{
    static const ent_store_filter none = ENT_STORE_FILTER_INIT;
    const ent_store_filter *f = filter ? filter : &none;
    query_build q;
    memset(&q, 0, sizeof q);
    if (by_country(f)) {
        build_sums(&q, f, by_day ? "day, source, target, quad_class" : "source, target, quad_class",
                   1);
    } else {
        /* substr() and COALESCE() mean the same in SQLite and PostgreSQL; grouping by the
           expressions' positions keeps one statement for both. */
        ent_buf_puts(&q.sql, by_day ? "SELECT e.day," : "SELECT");
        ent_buf_puts(&q.sql, " COALESCE(substr(e.source_code, 1, 3), ''),"
                             " COALESCE(substr(e.target_code, 1, 3), ''),"
                             " COALESCE(e.quad_class, 0), count(*), sum(e.goldstein) FROM events e");
        build_where(&q, f, &s->be->dialect);
        add_cond(&q, "e.day IS NOT NULL");
        ent_buf_puts(&q.sql, by_day ? " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
                                    : " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    }
    pair_ctx c = {fn, ctx, by_day != 0};
    return run_built(s, &q, pair_row, &c);
}

/* Copies at most n - 1 bytes of src and a NUL. */
static void copy_code(char *dst, size_t n, const char *src)
{
    size_t len = src ? strlen(src) : 0;
    if (len > n - 1)
        len = n - 1;
    memcpy(dst, src ? src : "", len);
    dst[len] = '\0';
}

void ent_store_row_to_event(ent_event *ev, const ent_store_row *row)
{
    memset(ev, 0, sizeof *ev);
    ev->doc_id = row->doc_key ? row->doc_key : row->origin_id;
    ev->date = row->date;
    ev->source_code = row->source_code ? row->source_code : "";
    ev->source_name = row->source_name ? row->source_name : "";
    ev->target_code = row->target_code ? row->target_code : "";
    ev->target_name = row->target_name ? row->target_name : "";
    copy_code(ev->event_code, sizeof ev->event_code, row->event_code);
    copy_code(ev->event_base, sizeof ev->event_base, row->event_code);
    copy_code(ev->event_root, sizeof ev->event_root, row->event_code);
    ev->goldstein = row->goldstein;
    ev->quad_class = row->quad_class;
    ev->issues = row->issues ? row->issues : "";
}
