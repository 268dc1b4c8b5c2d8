/*
 * cli — entente dyad A B: the series of the events between two actors (include/entente/
 * series.h), as a table for people, CSV for spreadsheets and R, or JSON for programs.
 */
#include "cli.h"

#include "entente/series.h"
#include "entente/store.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* The four quad-class counts, in the order of the CSV header. */
static void print_quads(FILE *out, const char *sep, const ent_dyad_point *p)
{
    for (int q = 0; q < 4; q++)
        fprintf(out, "%s%lld", sep, (long long)p->quad[q]);
}

static void print_csv(FILE *out, const ent_dyad_series *ds)
{
    fputs("period,source,target,events,goldstein_sum,goldstein_mean,verbal_coop,"
          "material_coop,verbal_conflict,material_conflict\n",
          out);
    for (size_t k = 0; k < ds->n; k++)
        for (int dir = 0; dir < 2; dir++) {
            const ent_dyad_point *p = dir ? &ds->ba[k] : &ds->ab[k];
            char label[16];
            ent_period_format(label, p->period, ds->by);
            fprintf(out, "%s,%s,%s,%lld,%.1f,%.3f", label, dir ? ds->b : ds->a,
                    dir ? ds->a : ds->b, (long long)p->events, p->goldstein_sum,
                    ent_dyad_point_mean(p));
            print_quads(out, ",", p);
            fputc('\n', out);
        }
}

static void print_json_point(FILE *out, const ent_dyad_point *p)
{
    fprintf(out,
            "{\"events\":%lld,\"goldstein_sum\":%.1f,\"goldstein_mean\":%.3f,"
            "\"verbal_coop\":%lld,\"material_coop\":%lld,\"verbal_conflict\":%lld,"
            "\"material_conflict\":%lld,\"source_total\":%lld,\"share\":%.4f}",
            (long long)p->events, p->goldstein_sum, ent_dyad_point_mean(p),
            (long long)p->quad[0], (long long)p->quad[1], (long long)p->quad[2],
            (long long)p->quad[3], (long long)p->source_total, ent_dyad_point_share(p));
}

/* Codes are A-Z and 0-9 (checked), so no string here needs escaping. */
static void print_json(FILE *out, const ent_dyad_series *ds, ent_date from, ent_date to)
{
    char f[11], t[11];
    ent_date_format(f, from);
    ent_date_format(t, to);
    fprintf(out, "{\"a\":\"%s\",\"b\":\"%s\",\"by\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"periods\":[",
            ds->a, ds->b, ent_period_name(ds->by), f, t);
    for (size_t k = 0; k < ds->n; k++) {
        char label[16];
        ent_period_format(label, ds->ab[k].period, ds->by);
        fprintf(out, "%s\n{\"period\":\"%s\",\"ab\":", k ? "," : "", label);
        print_json_point(out, &ds->ab[k]);
        fputs(",\"ba\":", out);
        print_json_point(out, &ds->ba[k]);
        fputc('}', out);
    }
    fputs("]}\n", out);
}

static void print_table(FILE *out, const ent_dyad_series *ds)
{
    char ab[72], ba[72]; /* two codes of up to 31 bytes */
    snprintf(ab, sizeof ab, "%s>%s", ds->a, ds->b);
    snprintf(ba, sizeof ba, "%s>%s", ds->b, ds->a);
    int w = (int)(strlen(ab) > 9 ? strlen(ab) : 9);
    fprintf(out, "%-10s  %-*s  %7s  %9s  %6s  %7s  %7s  %7s  %7s  %6s\n", "period", w,
            "direction", "events", "goldstein", "mean", "v-coop", "m-coop", "v-confl", "m-confl",
            "share");
    for (size_t k = 0; k < ds->n; k++)
        for (int dir = 0; dir < 2; dir++) {
            const ent_dyad_point *p = dir ? &ds->ba[k] : &ds->ab[k];
            char label[16];
            ent_period_format(label, p->period, ds->by);
            fprintf(out, "%-10s  %-*s  %7lld  %9.1f  %6.2f", dir ? "" : label, w, dir ? ba : ab,
                    (long long)p->events, p->goldstein_sum, ent_dyad_point_mean(p));
            for (int q = 0; q < 4; q++)
                fprintf(out, "  %7lld", (long long)p->quad[q]);
            fprintf(out, "  %5.1f%%\n", 100 * ent_dyad_point_share(p));
        }
}

int cli_dyad(const cli_args *a)
{
    if (a->nfiles != 2)
        return cli_usage_error("'dyad' needs two actor codes: entente dyad IRN RUS");
    for (int i = 0; i < 2; i++)
        if (!cli_valid_actor(a->files[i], strlen(a->files[i])))
            return cli_usage_error("'%s' is not an actor code (A-Z, 0-9: IRN, RUSGOV)",
                                   a->files[i]);
    if (a->csv && a->json)
        return cli_usage_error("--csv and --json cannot be combined");
    ent_dyad_options opt = ENT_DYAD_OPTIONS_INIT;
    if (a->by && ent_period_parse(&opt.by, a->by) != ENT_OK)
        return cli_usage_error("--by '%s' is not day, week, month or year", a->by);
    if (a->from && cli_parse_date_bound(&opt.from, a->from, 0) < 0)
        return cli_usage_error("--from '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                               a->from);
    if (a->to && cli_parse_date_bound(&opt.to, a->to, 1) < 0)
        return cli_usage_error("--to '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", a->to);
    if (a->from && a->to && opt.from > opt.to)
        return cli_usage_error("--from %s is after --to %s", a->from, a->to);
    /* CSV has no column for the totals: don't make the store count them. */
    opt.totals = !a->csv;

    const char *where = cli_db_location(a);
    ent_store *store = NULL;
    int rc = cli_open_store(&store, a);
    if (rc != CLI_EXIT_OK)
        return rc;
    double start = cli_now();
    ent_dyad_series ds;
    rc = ent_dyad_series_build(&ds, store, a->files[0], a->files[1], &opt);
    if (rc != ENT_OK) {
        cli_error("%s: %s", where,
                  rc == ENT_EDB ? ent_store_errmsg(store) : ent_strerror(rc));
        ent_store_close(store);
        return rc == ENT_EDB ? CLI_EXIT_DB : CLI_EXIT_INTERNAL;
    }
    double seconds = cli_now() - start;
    ent_store_close(store);

    int to_stdout = !a->output || strcmp(a->output, "-") == 0;
    FILE *out = to_stdout ? stdout : fopen(a->output, "w");
    if (!out) {
        cli_error("cannot write %s: %s", a->output, strerror(errno));
        ent_dyad_series_free(&ds);
        return CLI_EXIT_IO;
    }
    ent_date first = ds.n ? ds.ab[0].period : opt.from;
    ent_date last = ds.n ? ent_period_next(ds.ab[ds.n - 1].period, ds.by) - 1 : opt.to;
    if (a->csv)
        print_csv(out, &ds);
    else if (a->json)
        print_json(out, &ds, first, last);
    else
        print_table(out, &ds);
    rc = CLI_EXIT_OK;
    if (fflush(out) != 0 || ferror(out) || (!to_stdout && fclose(out) != 0)) {
        if (errno != EPIPE)
            cli_error("cannot write %s: %s", to_stdout ? "standard output" : a->output,
                      strerror(errno));
        rc = CLI_EXIT_IO;
    }
    if (!a->quiet && rc == CLI_EXIT_OK) {
        int64_t events = 0;
        for (size_t k = 0; k < ds.n; k++)
            events += ds.ab[k].events + ds.ba[k].events;
        cli_error("%s-%s: %lld events in %zu %s%s, %.3f s", ds.a, ds.b, (long long)events,
                  ds.n, ent_period_name(ds.by), ds.n == 1 ? "" : "s", seconds);
    }
    ent_dyad_series_free(&ds);
    return rc;
}
