/*
 * store — what the common part (store.c) and the back ends (sqlite.c, pg.c) share: the
 * back-end interface, parameter and column values, and the SQL every back end runs.
 *
 * Like Redis's ae_*.c, each back end is one file that fills an ent_store__backend table.
 * The logic (idempotent writes, counts, filters, migrations, transactions) lives once in
 * store.c; a back end only connects, prepares and caches statements, binds values and
 * hands result rows back. Statements are written once, in PostgreSQL's "$1" parameter
 * style, which the SQLite back end rewrites to "?1" when it prepares them.
 */
#ifndef ENTENTE_STORE_INTERNAL_H
#define ENTENTE_STORE_INTERNAL_H

#include "entente/store.h"

#include <stdarg.h>

/* A parameter or column value. Text is borrowed (parameters: for the call; columns: until
   the row callback returns) and need not be NUL-terminated when len is given. */
typedef enum ent_store__type {
    ENT_STORE_NULL = 0,
    ENT_STORE_INT,
    ENT_STORE_REAL,
    ENT_STORE_TEXT
} ent_store__type;

typedef struct ent_store__val {
    ent_store__type type;
    int64_t i;
    double d;
    const char *s; /* NUL-terminated for columns; for parameters len bytes */
    size_t len;
} ent_store__val;

/* Receives one result row; returns 0 to go on, anything else to stop (and is returned). */
typedef int (*ent_store__row_fn)(void *ctx, const ent_store__val *cols, int ncols);

/* Row callback storing the first column of a row into the int at ctx. */
int ent_store__int_row(void *ctx, const ent_store__val *cols, int ncols);

/* The prepared statements every back end caches, by index into ent_store__sql. */
enum ent_store__stmt {
    STMT_ARTICLE_BY_KEY,
    STMT_DOC_INSERT,
    STMT_DOC_BY_HASH,
    STMT_DOC_EXISTS,
    STMT_SOURCE_INSERT,
    STMT_SOURCE_BY_NAME,
    STMT_ARTICLE_HAS_SOURCE,
    STMT_ARTICLE_INSERT,
    STMT_DOC_COUNT_ARTICLE,
    STMT_EVENT_INSERT,
    STMT_MENTION_INSERT,
    STMT_MENTION_IMPORT,
    STMT_STATS,
    STMT_SIMHASHES,
    STMT_SUM_DYAD,
    STMT_SUM_ACTOR,
    STMT_SUM_CODE,
    STMT_COUNT
};

/* The SQL of each statement, in "$1" style. */
extern const char *const ent_store__sql[STMT_COUNT];

/* Dialect words the schema differs in: the auto-increment key and the byte-order text type
   of codes (prefix filters are range scans, which must compare bytes). */
typedef struct ent_store__dialect {
    const char *id_column;   /* "INTEGER PRIMARY KEY" / "BIGINT GENERATED … PRIMARY KEY" */
    const char *code_column; /* "TEXT" / "TEXT COLLATE \"C\"" */
    /* "" / " NULLS FIRST": undated events sort first in both (SQLite's default), in the
       date index and in ORDER BY alike, so the index serves the order. */
    const char *nulls_first;
    /* The day column where an actor filter should drive the query: SQLite's planner (without
       ANALYZE statistics) prefers the date index for a year's range and then reads a year of
       events to find a dyad's few; "+e.day" takes that index out of its choices. PostgreSQL
       keeps statistics and can use day inside the dyad index: "e.day". */
    const char *day_by_actor;
    /* " WITHOUT ROWID" / "": tables that are all key are stored as their key. */
    const char *without_rowid;
} ent_store__dialect;

/* The number of schema migrations this entente knows. */
#define ENT_STORE__MIGRATIONS 2

/*
 * The SQL of migration i (0-based; it brings the schema from version i to i + 1), with the
 * dialect's words in place. Caller frees. NULL when out of memory.
 */
char *ent_store__migration_sql(int i, const ent_store__dialect *d);

/* One back end. Every function returns ENT_OK or ENT_EDB (message set with
   ent_store__error), except where noted. */
typedef struct ent_store__backend {
    const char *name;
    ent_store__dialect dialect;
    /* Connects to location (the prefix "sqlite:" already removed) and sets s->impl. */
    int (*open)(ent_store *s, const char *location);
    /* Disconnects and frees s->impl. An open transaction is rolled back. */
    void (*close)(ent_store *s);
    /* Runs SQL without parameters and results (may hold several statements). */
    int (*exec)(ent_store *s, const char *sql);
    /* The statement that starts a write transaction. */
    const char *begin;
    /* The statement that starts the migration transaction (it must lock out other
       migrating processes before the version is read). */
    const char *migrate_begin;
    /* The schema version (0 for an empty database); set it within the transaction. */
    int (*get_version)(ent_store *s, int *out);
    int (*set_version)(ent_store *s, int version);
    /* Runs cached statement stmt with params; fn (may be NULL) receives each row. Returns
       ENT_OK, ENT_EDB or fn's value. */
    int (*run)(ent_store *s, int stmt, const ent_store__val *params, int nparams,
               ent_store__row_fn fn, void *ctx);
    /* The same for a one-off statement. */
    int (*query)(ent_store *s, const char *sql, const ent_store__val *params, int nparams,
                 ent_store__row_fn fn, void *ctx);
} ent_store__backend;

extern const ent_store__backend ent_store__sqlite;
extern const ent_store__backend ent_store__pg;

struct ent_store {
    const ent_store__backend *be;
    void *impl;     /* the back end's connection */
    char *location; /* as given, for messages */
    int version;    /* schema version */
    int in_tx;      /* inside ent_store_begin … commit/rollback */
    int tx_failed;  /* a write failed inside the transaction: only rollback is left */
    struct ent_store__sums *sums; /* the open transaction's daily sums (sums.c); may be NULL */
    char errmsg[1024];
};

/* Sets the error message (printf style); returns ENT_EDB. */
int ent_store__error(ent_store *s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The daily sums (sums.c). add counts an event just added in the open transaction; flush
   writes the transaction's counts (before COMMIT); clear forgets them (after ROLLBACK); free
   releases the memory. add and flush return ENT_OK or ENT_EDB. */
int ent_store__sums_add(ent_store *s, const char *source, const char *target, ent_date day,
                        int quad, double goldstein);
int ent_store__sums_flush(ent_store *s);
void ent_store__sums_clear(ent_store *s);
void ent_store__sums_free(ent_store *s);

#endif
