/*
 * entente import — after stage 5 (store): reads existing event datasets, GDELT and ICEWS,
 * and turns each row into an ent_store_event beside entente's own coded events
 * (docs/import.md has the column mappings).
 *
 *   GDELT  1.0 event rows (57 columns, or 58 with SOURCEURL), 2.0 event exports (61
 *          columns) and 2.0 mentions (16 columns), recognised per row by column count.
 *          origin "gdelt", origin_id the GLOBALEVENTID.
 *   ICEWS  the Dataverse event files (a header naming Event ID, Event Date, Source Name…)
 *          and the knowledge-graph form (a header "date source event_text cameo_code
 *          goldstein target [split]"). origin "icews"; origin_id "EVENTID:YYYYMMDD" in the
 *          Dataverse form (an Event ID alone repeats across dates), and in the knowledge-
 *          graph form, which has no id, a hash of the row's fields plus the row's occurrence
 *          number among identical rows of the file, so importing a file again adds nothing
 *          and genuinely repeated rows are kept. Actor names are given codes with the
 *          dictionaries and the event date ("Vladimir Putin" in 2018 → RUSGOV, "Police
 *          (Australia)" → AUSCOP).
 *
 * Files are read as a stream (one row in memory at a time) and may be plain, gzip, zstd or
 * a zip archive of one member (GDELT's *.export.CSV.zip). A malformed row (wrong number of
 * columns, bad date or number, invalid UTF-8) and a damaged compressed stream are reported
 * through the diagnostic callback as (file, line, message), counted and skipped; reading goes
 * on.
 *
 * An importer is used by one thread at a time.
 */
#ifndef ENTENTE_IMPORT_H
#define ENTENTE_IMPORT_H

#include "common.h"
#include "dict.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Which dataset a file belongs to. */
typedef enum ent_import_kind {
    ENT_IMPORT_GDELT = 1,
    ENT_IMPORT_ICEWS = 2
} ent_import_kind;

/* Parses "gdelt" or "icews". Returns ENT_OK or ENT_EINVAL. */
ENT_API int ent_import_kind_parse(ent_import_kind *out, const char *name);

typedef struct ent_import_options {
    ent_import_kind kind;
    const ent_dict *dict; /* gives ICEWS actor names their codes; borrowed, must outlive the
                             importer. NULL: names are kept, codes left empty */
    ent_diag_fn diag;     /* receives every diagnostic; NULL: only counted */
    void *diag_ctx;
} ent_import_options;

/* clang-format off */
#define ENT_IMPORT_OPTIONS_INIT {ENT_IMPORT_GDELT, NULL, NULL, NULL}
/* clang-format on */

/* Counters over every file read by one importer. */
typedef struct ent_import_stats {
    size_t files;           /* files opened */
    size_t files_failed;    /* files that could not be opened or were not of the kind */
    size_t rows;            /* data rows read (not headers or blank lines) */
    size_t events;          /* event rows passed on */
    size_t mentions;        /* mention rows passed on (GDELT 2.0 mentions files) */
    size_t added;           /* events and mentions the sink reported as new */
    size_t present;         /* … as already present (or, for a mention, its event missing) */
    size_t skipped;         /* malformed rows and damaged stream ends, each reported */
    size_t actors;          /* ICEWS actor names looked up (two per event) */
    size_t unresolved;      /* … left without a code */
    uint64_t bytes;         /* uncompressed bytes read */
} ent_import_stats;

/* A GDELT 2.0 mention: the event (origin, origin_id) was reported by url on date. */
typedef struct ent_import_mention {
    const char *origin, *origin_id;
    const char *source; /* MentionSourceName, an outlet's domain */
    const char *url;    /* MentionIdentifier */
    ent_date date;      /* MentionTimeDate */
} ent_import_mention;

/*
 * Where rows go. Each function returns ENT_OK with *added set to 1 (new) or 0 (already
 * there), or a negative ENT_E* code, which stops the file and is returned by
 * ent_import_file(). Strings are borrowed for the call. mention may be NULL: mention rows
 * are then parsed and counted only.
 */
typedef struct ent_import_sink {
    int (*event)(void *ctx, const ent_store_event *ev, int *added);
    int (*mention)(void *ctx, const ent_import_mention *m, int *added);
    void *ctx;
} ent_import_sink;

typedef struct ent_importer ent_importer;

/* opt is copied (its dict and diag_ctx are borrowed). Returns ENT_OK, ENT_EINVAL (unknown
 * kind) or ENT_ENOMEM. Caller frees with ent_importer_destroy(). */
ENT_API int ent_importer_create(ent_importer **out, const ent_import_options *opt);
ENT_API void ent_importer_destroy(ent_importer *imp);

/*
 * Reads every row of the file at path ("-": standard input) and passes it to sink.
 * Returns ENT_OK (also when rows were skipped: see the stats), ENT_ENOTFOUND or ENT_EIO
 * when the file cannot be opened or is not of the importer's kind (reported through diag
 * and counted in files_failed), ENT_ENOMEM, or the sink's error.
 */
ENT_API int ent_import_file(ent_importer *imp, const char *path, const ent_import_sink *sink);

/*
 * ent_import_file() into a store: rows are written in transactions of batch rows (0: 50,000)
 * so an interrupted import keeps every committed batch, and importing again completes it.
 * On a store error the open transaction is rolled back and ENT_EDB returned (the message is
 * ent_store_errmsg()).
 */
ENT_API int ent_import_file_to_store(ent_importer *imp, const char *path, ent_store *store,
                                     size_t batch);

ENT_API void ent_import_stats_get(ent_import_stats *out, const ent_importer *imp);

/*
 * The most frequent ICEWS actor names left without a code, most frequent first (ties by
 * name): up to max names and their counts of events. Returns how many were written. The
 * names are borrowed from the importer until it is destroyed.
 */
ENT_API size_t ent_import_unresolved(const char **names, size_t *counts, size_t max,
                                     const ent_importer *imp);

/*
 * The code the importer gives the ICEWS actor name on date: "Vladimir Putin" → "RUSGOV" in
 * 2018, "Foreign Affairs (Iran)" → "IRNGOV", "United Nations Security Council" → "UNO".
 * sectors and country are the Dataverse columns Source/Target Sectors and Country
 * ("Executive,Government", "Iran"), or NULL; they code names the dictionaries do not know.
 * *code is "" when the name stays unresolved; it is borrowed until the importer is
 * destroyed. Returns ENT_OK or ENT_ENOMEM.
 */
ENT_API int ent_import_actor_code(const char **code, ent_importer *imp, const char *name,
                                  const char *sectors, const char *country, ent_date date);

#ifdef __cplusplus
}
#endif
#endif
