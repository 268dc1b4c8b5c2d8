/*
 * bench — entente import throughput: ICEWS18 (468,558 rows, gzip'd knowledge-graph form)
 * and the GDELT samples of ../shared/data into a fresh SQLite store in a temp dir.
 *
 * Three passes over the same files, measured in the same run:
 *   baseline  decompress and split the lines at their tabs (the least any import must do)
 *   parse     the importer with a sink that stores nothing (parsing, checks, ICEWS names)
 *   store     ent_import_file_to_store into SQLite, batches of 50,000 rows
 * It prints rows/s for each, the ratios, and how the store pass's time splits between
 * parsing and the store's add_event/add_mention, so a slow import says where it is slow.
 *
 * Usage: bench_import [SHARED_DATA_DIR]   (default: ENT_SHARED_DIR/data)
 */
#include "entente/import.h"
#include "entente/store.h"
#include "import/import_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef ENT_SHARED_DIR
#define ENT_SHARED_DIR "../shared"
#endif

static const struct {
    ent_import_kind kind;
    const char *file;
} inputs[] = {
    {ENT_IMPORT_ICEWS, "icews/icews18_full.tsv.gz"},
    {ENT_IMPORT_GDELT, "gdelt/gdelt1_sample_events.tsv"},
    {ENT_IMPORT_GDELT, "gdelt/20170101073000.export.CSV"},
    {ENT_IMPORT_GDELT, "gdelt/20191024143000.export.CSV"},
    {ENT_IMPORT_GDELT, "gdelt/20170101073000.mentions.CSV"},
};
enum { NINPUTS = sizeof inputs / sizeof inputs[0] };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The baseline: lines and tab-separated columns, nothing else. Returns the rows. */
static size_t baseline(const char *path, size_t *columns)
{
    ent_lines *l;
    char err[256];
    if (ent_lines__open(&l, path, err, sizeof err) != ENT_OK) {
        fprintf(stderr, "%s: %s\n", path, err);
        exit(1);
    }
    char *line;
    size_t len, rows = 0;
    while (ent_lines__next(&line, &len, l) == 1) {
        if (!line || !len)
            continue;
        rows++;
        for (char *p = line; (p = memchr(p, '\t', len - (size_t)(p - line))) != NULL; p++)
            ++*columns;
    }
    ent_lines__close(l);
    return rows;
}

static int null_event(void *ctx, const ent_store_event *ev, int *added)
{
    ++*(size_t *)ctx;
    *added = ev->origin_id[0] != '\0';
    return ENT_OK;
}

static int null_mention(void *ctx, const ent_import_mention *m, int *added)
{
    ++*(size_t *)ctx;
    *added = m->url[0] != '\0';
    return ENT_OK;
}

int main(int argc, char **argv)
{
    char dir_default[512];
    snprintf(dir_default, sizeof dir_default, "%s/data", ENT_SHARED_DIR);
    const char *data = argc > 1 ? argv[1] : dir_default;
    char paths[NINPUTS][640];
    for (int i = 0; i < NINPUTS; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%s", data, inputs[i].file);
        if (access(paths[i], R_OK) != 0) {
            fprintf(stderr, "bench_import: %s is missing\n", paths[i]);
            return 1;
        }
    }
    ent_dict *dict;
    if (ent_dict_load(&dict, NULL) != ENT_OK) {
        fprintf(stderr, "bench_import: cannot load the dictionaries\n");
        return 1;
    }

    /* 1. baseline */
    size_t base_rows = 0, columns = 0;
    double t0 = now();
    for (int i = 0; i < NINPUTS; i++)
        base_rows += baseline(paths[i], &columns);
    double t_base = now() - t0;

    /* 2. parse only */
    ent_import_options opt = ENT_IMPORT_OPTIONS_INIT;
    opt.dict = dict;
    size_t delivered = 0;
    ent_import_sink null_sink = {null_event, null_mention, &delivered};
    ent_import_stats parse_st = {0};
    t0 = now();
    for (int k = ENT_IMPORT_GDELT; k <= ENT_IMPORT_ICEWS; k++) {
        opt.kind = (ent_import_kind)k;
        ent_importer *imp;
        if (ent_importer_create(&imp, &opt) != ENT_OK)
            return 1;
        for (int i = 0; i < NINPUTS; i++)
            if ((int)inputs[i].kind == k && ent_import_file(imp, paths[i], &null_sink) != ENT_OK)
                return 1;
        ent_import_stats st;
        ent_import_stats_get(&st, imp);
        parse_st.rows += st.rows;
        parse_st.skipped += st.skipped;
        ent_importer_destroy(imp);
    }
    double t_parse = now() - t0;

    /* 3. into a fresh SQLite store */
    char tmp[] = "/tmp/entente-bench-import-XXXXXX";
    if (!mkdtemp(tmp))
        return 1;
    char db[600], err[512];
    snprintf(db, sizeof db, "%s/events.sqlite", tmp);
    ent_store *store;
    if (ent_store_open(&store, db, err, sizeof err) != ENT_OK) {
        fprintf(stderr, "bench_import: %s\n", err);
        return 1;
    }
    ent_import_stats store_st = {0};
    size_t per_kind_rows[3] = {0};
    double per_kind_t[3] = {0};
    t0 = now();
    for (int k = ENT_IMPORT_GDELT; k <= ENT_IMPORT_ICEWS; k++) {
        opt.kind = (ent_import_kind)k;
        ent_importer *imp;
        if (ent_importer_create(&imp, &opt) != ENT_OK)
            return 1;
        double tk = now();
        for (int i = 0; i < NINPUTS; i++)
            if ((int)inputs[i].kind == k &&
                ent_import_file_to_store(imp, paths[i], store, 50000) != ENT_OK) {
                fprintf(stderr, "bench_import: %s: %s\n", paths[i], ent_store_errmsg(store));
                return 1;
            }
        per_kind_t[k] = now() - tk;
        ent_import_stats st;
        ent_import_stats_get(&st, imp);
        per_kind_rows[k] = st.rows;
        store_st.rows += st.rows;
        store_st.added += st.added;
        store_st.skipped += st.skipped;
        ent_importer_destroy(imp);
    }
    double t_store = now() - t0;
    ent_store_stats ss;
    ent_store_stats_get(store, &ss);
    ent_store_close(store);
    char path[700];
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s%s", db, suffix[i]);
        remove(path);
    }
    rmdir(tmp);
    ent_dict_destroy(dict);

    double r_base = (double)base_rows / t_base, r_parse = (double)parse_st.rows / t_parse;
    double r_store = (double)store_st.rows / t_store;
    printf("bench_import: %zu rows (%zu files: ICEWS18 + 4 GDELT), %zu skipped\n",
           store_st.rows, (size_t)NINPUTS, store_st.skipped);
    printf("  baseline  decompress + split   %8.3f s  %10.0f rows/s\n", t_base, r_base);
    printf("  parse     importer, no store   %8.3f s  %10.0f rows/s  (%.2f x baseline time)\n",
           t_parse, r_parse, t_parse / t_base);
    printf("  store     into SQLite          %8.3f s  %10.0f rows/s  (%.2f x baseline time)\n",
           t_store, r_store, t_store / t_base);
    printf("    icews %zu rows %.0f rows/s, gdelt %zu rows %.0f rows/s\n",
           per_kind_rows[ENT_IMPORT_ICEWS],
           (double)per_kind_rows[ENT_IMPORT_ICEWS] / per_kind_t[ENT_IMPORT_ICEWS],
           per_kind_rows[ENT_IMPORT_GDELT],
           (double)per_kind_rows[ENT_IMPORT_GDELT] / per_kind_t[ENT_IMPORT_GDELT]);
    printf("  of the store pass: parsing %.0f %%, the store (add_event, add_mention, commits) "
           "%.0f %%: %.2f us per row in the store\n",
           100 * t_parse / t_store, 100 * (t_store - t_parse) / t_store,
           1e6 * (t_store - t_parse) / (double)store_st.rows);
    printf("  stored: %lld events, %lld mentions; target 500000 rows/s end to end: %s\n",
           (long long)ss.events, (long long)ss.mentions, r_store >= 500000 ? "met" : "NOT met");
    return 0;
}
