/*
 * bench — `entente report IRN RUS` on the built-in demo corpus (data/demo, ingested into a
 * fresh SQLite store with `entente ingest`), and optionally on the ICEWS18 events of
 * ../shared (imported with `entente import icews`). For each store, best of R rounds (default
 * 5) on one core:
 *   - the baseline, measured in the same run: ent_dyad_series_build of the pair by month
 *     (what `entente dyad IRN RUS` computes), the report's cheapest ingredient;
 *   - ent_report_build, and the build plus writing Markdown, HTML and JSON to /dev/null;
 *   - milliseconds, the ratio of the report to the baseline, and the target: under 2 s on
 *     the demo store.
 * Usage: bench_report [ROUNDS] [--icews]
 */
#include "entente/dict.h"
#include "entente/registry.h"
#include "entente/report.h"
#include "entente/series.h"
#include "util/embedded.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct bench_ctx {
    ent_store *store;
    const ent_dict *dict;
    const ent_registry *reg;
    const char *third;
    FILE *null;
} bench_ctx;

static int baseline(const bench_ctx *b)
{
    ent_dyad_series ds;
    int rc = ent_dyad_series_build(&ds, b->store, "IRN", "RUS", NULL);
    ent_dyad_series_free(&ds);
    return rc;
}

static int report(const bench_ctx *b, int write)
{
    ent_report_options o = ENT_REPORT_OPTIONS_INIT;
    o.a = "IRN";
    o.b = "RUS";
    o.third = b->third;
    o.dict = b->dict;
    o.registry = b->reg;
    ent_report *r;
    int rc = ent_report_build(&r, b->store, &o);
    for (int f = 0; write && rc == ENT_OK && f < 3; f++)
        rc = ent_report_write(r, (ent_report_format)f, b->null);
    ent_report_destroy(r);
    return rc;
}

/* Best of rounds, in seconds; -1 on failure. */
static double best(const bench_ctx *b, int rounds, int what)
{
    double best = -1;
    for (int i = 0; i < rounds; i++) {
        double t0 = now();
        int rc = what == 0 ? baseline(b) : report(b, what == 2);
        double t = now() - t0;
        if (rc != ENT_OK) {
            fprintf(stderr, "bench_report: %s\n", ent_strerror(rc));
            return -1;
        }
        if (best < 0 || t < best)
            best = t;
    }
    return best;
}

static int run(const char *name, const char *db, bench_ctx *b, int rounds, double target)
{
    char err[512];
    if (ent_store_open(&b->store, db, err, sizeof err) != ENT_OK) {
        fprintf(stderr, "bench_report: %s\n", err);
        return 1;
    }
    ent_store_stats st;
    ent_store_stats_get(b->store, &st);
    double base = best(b, rounds, 0), build = best(b, rounds, 1), all = best(b, rounds, 2);
    ent_store_close(b->store);
    if (base < 0 || build < 0 || all < 0)
        return 1;
    printf("%s: %lld events in the store\n", name, (long long)st.events);
    printf("  baseline dyad series      %9.2f ms\n", base * 1e3);
    printf("  report build              %9.2f ms  (x%.1f the baseline)\n", build * 1e3,
           build / base);
    printf("  build + md, html, json    %9.2f ms  (x%.1f the baseline)\n", all * 1e3, all / base);
    if (target > 0)
        printf("  target < %.0f s: %s\n", target, all < target ? "met" : "MISSED");
    return 0;
}

/* Writes the embedded demo corpus to dir and ingests it into dir/demo.sqlite. */
static int make_demo(const char *dir, char *db, size_t size)
{
    const struct ent_embedded_file *f = ent__embedded_find("demo/iran-russia.jsonl");
    char path[256], cmd[768];
    snprintf(path, sizeof path, "%s/demo.jsonl", dir);
    FILE *fp = f ? fopen(path, "w") : NULL;
    if (!fp || fwrite(f->data, 1, f->len, fp) != f->len) {
        if (fp)
            fclose(fp);
        return 1;
    }
    fclose(fp);
    snprintf(db, size, "%s/demo.sqlite", dir);
    snprintf(cmd, sizeof cmd, "'%s' ingest -q '%s' --db '%s'", ENT_CLI_PATH, path, db);
    return system(cmd) != 0;
}

int main(int argc, char **argv)
{
    int rounds = 5, icews = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--icews") == 0)
            icews = 1;
        else if ((rounds = atoi(argv[i])) < 1) {
            fprintf(stderr, "usage: bench_report [ROUNDS] [--icews]\n");
            return 2;
        }
    }
    struct utsname u;
    uname(&u);
    printf("machine: %s %s %s\n", u.sysname, u.release, u.machine);
    char dir[] = "/tmp/entente-bench-report-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("bench_report: mkdtemp");
        return 1;
    }
    bench_ctx b = {NULL, NULL, NULL, "ISR", fopen("/dev/null", "w")};
    ent_dict *dict = NULL;
    ent_registry *reg = NULL;
    char db[300], cmd[600];
    int rc = !b.null || ent_dict_load(&dict, NULL) != ENT_OK ||
             ent_registry_load(&reg, NULL, NULL, NULL) != ENT_OK;
    b.dict = dict;
    b.reg = reg;
    if (!rc && make_demo(dir, db, sizeof db))
        rc = 1;
    if (!rc)
        rc = run("demo corpus, IRN RUS --third ISR", db, &b, rounds, 2.0);
    const char *tsv = ENT_SHARED_DIR "/data/icews/icews18_full.tsv.gz";
    if (!rc && icews) {
        snprintf(db, sizeof db, "%s/icews.sqlite", dir);
        snprintf(cmd, sizeof cmd, "'%s' import icews -q '%s' --db '%s'", ENT_CLI_PATH, tsv, db);
        if (system(cmd) != 0)
            fprintf(stderr, "bench_report: cannot import %s; ICEWS part skipped\n", tsv);
        else
            rc = run("ICEWS18, IRN RUS --third ISR", db, &b, rounds > 3 ? 3 : rounds, 0);
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_report: could not remove %s\n", dir);
    ent_registry_destroy(reg);
    ent_dict_destroy(dict);
    if (b.null)
        fclose(b.null);
    if (rc)
        fprintf(stderr, "bench_report: failed\n");
    return rc;
}
