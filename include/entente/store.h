/*
 * entente store — stage 5: where documents and events are kept. One interface, two back
 * ends: SQLite (embedded, the default) and PostgreSQL (shared, large) through libpq.
 *
 * The schema (docs/store.md; versioned migrations, applied on open):
 *   sources    one row per outlet ("reuters.com", "Vietnam News Agency Bulletin")
 *   documents  one row per story: the same text from many outlets is stored once
 *              (exact duplicates by content hash, near duplicates found by the caller)
 *   articles   one row per copy of a story as it was read: record key, outlet, url, date
 *   events     one row per event: coded by entente from a document, or imported (GDELT,
 *              ICEWS) with the dataset's own id; counts of mentions, sources and articles
 *   mentions   event ↔ document, sentence index, byte offsets and the sentence text
 *
 * Writes are idempotent: a document is identified by its content hash, an article by its
 * record key, an event by (origin, origin_id). Adding what is already there adds nothing,
 * so an ingest killed at any point and run again stores everything exactly once. Writes
 * are grouped in transactions by the caller (ent_store_begin/commit); nothing written
 * outside a committed transaction is visible after a crash.
 *
 * A store is used by one thread at a time.
 */
#ifndef ENTENTE_STORE_H
#define ENTENTE_STORE_H

#include "common.h"
#include "coder.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ent_store ent_store;

/*
 * Opens (creating and migrating when needed) the store at location:
 *   "postgresql://…" or "postgres://…" or "host=… dbname=…"   PostgreSQL (libpq conninfo)
 *   "sqlite:PATH" or any other string                         the SQLite file PATH
 * On failure *out is NULL and a message naming the location is written to err (when not
 * NULL). Returns ENT_OK, ENT_EDB (cannot open, or a schema newer than this entente), ENT_EIO
 * or ENT_ENOMEM.
 */
ENT_API int ent_store_open(ent_store **out, const char *location, char *err, size_t errlen);

/* Closes the store; an open transaction is rolled back. NULL does nothing. */
ENT_API void ent_store_close(ent_store *s);

/* "sqlite" or "postgresql". */
ENT_API const char *ent_store_backend(const ent_store *s);

/* The schema version of the open store (the number of migrations applied). */
ENT_API int ent_store_schema_version(const ent_store *s);

/* The message of the last error. Borrowed until the next call; never NULL. */
ENT_API const char *ent_store_errmsg(const ent_store *s);

/* Transactions. Each returns ENT_OK or ENT_EDB. */
ENT_API int ent_store_begin(ent_store *s);
ENT_API int ent_store_commit(ent_store *s);
ENT_API int ent_store_rollback(ent_store *s);

/* A document (story) as read. Strings are borrowed for the call; any may be NULL. */
typedef struct ent_store_doc {
    const char *key;       /* record key, unique per article: the record's id, or FILE:LINE */
    const char *source;    /* outlet: the record's source field, or the host of url */
    const char *url;
    const char *title;
    const char *byline;
    const char *text;      /* the analysed text that event offsets index */
    size_t len;
    ent_date date;
    uint64_t content_hash; /* of the normalised text: equal hashes are the same story */
    uint64_t simhash;      /* for near-duplicate search (see ent_store_simhashes) */
} ent_store_doc;

/* What ent_store_add_document did. */
typedef enum ent_store_doc_status {
    ENT_STORE_DOC_NEW = 0,     /* a new story: code it and add its events */
    ENT_STORE_DOC_NEW_ARTICLE, /* a known story from another article (another outlet, or the
                                  same outlet under another key): an article was added and the
                                  story's events count one more article (and source) */
    ENT_STORE_DOC_KNOWN        /* this article is already stored: nothing was added */
} ent_store_doc_status;

/*
 * Adds a document. When same_story is not 0, the caller found it a near duplicate of that
 * stored document and it is recorded as another article of it. Otherwise the story is found
 * by content hash, or created. *doc_id receives the story's id. Returns ENT_OK or ENT_EDB.
 */
ENT_API int ent_store_add_document(ent_store *s, const ent_store_doc *doc, int64_t same_story,
                                   int64_t *doc_id, ent_store_doc_status *status);

/*
 * Calls fn(ctx, doc_id, content_hash, simhash, date) for every stored story (in id order),
 * so the caller can rebuild its duplicate index. fn returns 0 to go on. Returns ENT_OK or
 * ENT_EDB.
 */
ENT_API int ent_store_simhashes(ent_store *s,
                                int (*fn)(void *ctx, int64_t doc_id, uint64_t content_hash,
                                          uint64_t simhash, ent_date date),
                                void *ctx);

/* An event to store. Strings are borrowed for the call. */
typedef struct ent_store_event {
    const char *origin;    /* "entente", "gdelt", "icews" */
    const char *origin_id; /* unique within origin; NULL for coded events: the store derives
                              it from document, sentence and position */
    int64_t document_id;   /* the story it was coded from; 0 for imported events */
    uint32_t sentence_index;
    uint32_t position;     /* index of the event among its document's events */
    ent_date date;
    const char *source_code, *source_name; /* codes may be "" when unknown */
    const char *target_code, *target_name;
    const char *event_code; /* "057", "0311" */
    double goldstein;
    int quad_class;
    const char *issues;    /* "NUCLEAR,ENERGY" or "" / NULL */
    /* Counts as given by an imported dataset; 0 means 1 (coded events count their story's
       articles and sources themselves). */
    int num_mentions, num_sources, num_articles;
    /* Evidence: the sentence and its byte offsets in the document text. */
    const char *sentence; /* NULL when there is none (imported events) */
    uint32_t sentence_start, sentence_end;
    const char *source_url; /* imported events: the dataset's url or publisher; else NULL */
} ent_store_event;

/*
 * Adds an event and its mention. *added is 1 when it is new, 0 when (origin, origin_id) was
 * already stored (nothing changes). added may be NULL. Returns ENT_OK or ENT_EDB.
 */
ENT_API int ent_store_add_event(ent_store *s, const ent_store_event *ev, int *added);

/*
 * Adds a mention of an already stored imported event (GDELT 2.0 mentions files): the event
 * (origin, origin_id) was reported by the article at url from outlet source on date. A
 * mention of an event not in the store, or already recorded (same event and url), adds
 * nothing; *added says which (may be NULL). Returns ENT_OK or ENT_EDB.
 */
ENT_API int ent_store_add_mention(ent_store *s, const char *origin, const char *origin_id,
                                  const char *source, const char *url, ent_date date,
                                  int *added);

/* Counts of every table. */
typedef struct ent_store_stats {
    int64_t sources, documents, articles, events, mentions;
} ent_store_stats;

ENT_API int ent_store_stats_get(ent_store *s, ent_store_stats *out);

/* Which events a query returns. Zero / NULL fields do not filter. */
typedef struct ent_store_filter {
    ent_date from, to;       /* inclusive; ENT_DATE_NONE: open */
    const char *source;      /* actor code prefix: "IRN" matches IRN, IRNGOV, IRNMIL… */
    const char *target;      /* actor code prefix */
    int either_direction;    /* with source and target: also target → source */
    const char *event_code;  /* CAMEO code prefix: "05", "057" */
    const char *origin;      /* "entente", "gdelt", "icews" */
    int64_t limit;           /* 0: no limit */
} ent_store_filter;

/* ENT_STORE_FILTER_INIT: no filter. */
#define ENT_STORE_FILTER_INIT {ENT_DATE_NONE, ENT_DATE_NONE, NULL, NULL, 0, NULL, NULL, 0}

/* One event as read back. Strings are borrowed until fn returns. */
typedef struct ent_store_row {
    int64_t id;
    const char *origin, *origin_id;
    int64_t document_id; /* 0 for imported events */
    ent_date date;
    const char *source_code, *source_name, *target_code, *target_name;
    const char *event_code;
    double goldstein;
    int quad_class;
    const char *issues;
    int num_mentions, num_sources, num_articles;
    const char *sentence; /* the first mention's sentence, or NULL */
    const char *url;      /* the first article's url (or the imported source_url), or NULL */
    const char *doc_key;  /* the first article's record key, or NULL */
} ent_store_row;

/*
 * Calls fn(ctx, row) for every event that passes filter (NULL: all), in order of date, then
 * id. fn returns 0 to go on, anything else to stop (which is returned). Returns ENT_OK,
 * ENT_EDB, or fn's value.
 */
ENT_API int ent_store_query(ent_store *s, const ent_store_filter *filter,
                            int (*fn)(void *ctx, const ent_store_row *row), void *ctx);

/*
 * Daily sums by country. The first three letters of an actor code are its country (IRN for
 * IRNGOV), and the store keeps the dated events of each day summed by source and target
 * country and quad class, and by source country alone, updated with every committed
 * transaction. ent_store_daily_totals and ent_store_pair_totals read those sums instead of
 * the events when the filter names whole countries (prefixes of exactly three letters, or
 * none) and no event code or origin, so a series over decades of a store of millions of
 * events reads a few thousand rows.
 */

/* The events of one day and quad class (1 verbal cooperation … 4 material conflict). */
typedef struct ent_store_daily {
    ent_date date;
    int quad_class;
    int64_t events;
    double goldstein_sum;
} ent_store_daily;

/*
 * Calls fn(ctx, totals) for every day and quad class with events that pass filter (NULL: all;
 * its limit is ignored; undated events are left out), in order of date, then quad class. For
 * whole countries the daily sums above answer; otherwise the database sums the events of the
 * dyad index. (Inside a transaction, its own events reach the sums only when it commits.)
 * fn returns 0 to go on. Returns ENT_OK, ENT_EDB, or fn's value.
 */
ENT_API int ent_store_daily_totals(ent_store *s, const ent_store_filter *filter,
                                   int (*fn)(void *ctx, const ent_store_daily *d), void *ctx);

/* The events of one pair of countries and one quad class (and day), from
 * ent_store_pair_totals. */
typedef struct ent_store_pair_total {
    ent_date date;      /* the day, or ENT_DATE_NONE when the totals are not by day */
    const char *source; /* the first three characters of the source code; "" when it has none */
    const char *target; /* the same for the target */
    int quad_class;
    int64_t events;
    double goldstein_sum;
} ent_store_pair_total;

/*
 * Sums the events that pass filter (NULL: all; its limit is ignored; undated events are left
 * out) by country pair, that is by the first three characters of the source and target codes
 * (IRNGOV and IRNMIL count for IRN), and by quad class; with by_day not 0, also by day. The
 * signed network of many states, or the partners of one state day by day, are made from these
 * sums, which the database computes, so no event row leaves it. fn(ctx, total) receives every
 * group in order of day (by_day), source, target and quad class; its strings are borrowed until
 * fn returns. fn returns 0 to go on. Returns ENT_OK, ENT_ENOMEM, ENT_EDB, or fn's value.
 */
ENT_API int ent_store_pair_totals(ent_store *s, const ent_store_filter *filter, int by_day,
                                  int (*fn)(void *ctx, const ent_store_pair_total *t),
                                  void *ctx);

/*
 * Fills an ent_event from a row, for the formatters of format.h. Pointers in ev borrow from
 * row; spans are zero.
 */
ENT_API void ent_store_row_to_event(ent_event *ev, const ent_store_row *row);

#ifdef __cplusplus
}
#endif
#endif
