/*
 * cli — entente report A B: the analysis of a relationship (include/entente/report.h) from
 * the store, as Markdown, HTML or JSON. Checks the arguments, opens the store, the
 * dictionaries (for names and CAMEO labels) and the registry, builds the report and writes it.
 */
#include "cli.h"

#include "entente/registry.h"
#include "entente/report.h"
#include "entente/store.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An actor the report accepts: a code of 3 to 15 capitals and digits. */
static int valid_code(const char *s)
{
    size_t n = strlen(s);
    return n >= 3 && cli_valid_actor(s, n);
}

static int same_country(const char *a, const char *b)
{
    return strncmp(a, b, 3) == 0;
}

/* Fills the options and the format from the command line. Returns -1, or an exit code after
 * a usage error. */
static int make_options(ent_report_options *o, ent_report_format *fmt, const cli_args *a)
{
    if (a->nfiles != 2)
        return cli_usage_error("'report' needs two actor codes: entente report IRN RUS");
    for (size_t i = 0; i < 2; i++)
        if (!valid_code(a->files[i]))
            return cli_usage_error("'%s' is not an actor code of 3 to 15 capitals and digits "
                                   "(IRN, RUSGOV)",
                                   a->files[i]);
    if (same_country(a->files[0], a->files[1]))
        return cli_usage_error("'%s' and '%s' are the same country: a report needs two",
                               a->files[0], a->files[1]);
    o->a = a->files[0];
    o->b = a->files[1];
    if (a->third) {
        if (!valid_code(a->third))
            return cli_usage_error("--third '%s' is not an actor code (ISR, CHN)", a->third);
        if (same_country(a->third, o->a) || same_country(a->third, o->b))
            return cli_usage_error("--third %s is the country of %s or %s", a->third, o->a, o->b);
        o->third = a->third;
    }
    if (a->from && cli_parse_date_bound(&o->from, a->from, 0) < 0)
        return cli_usage_error("--from '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", a->from);
    if (a->to && cli_parse_date_bound(&o->to, a->to, 1) < 0)
        return cli_usage_error("--to '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", a->to);
    if (a->from && a->to && o->from > o->to)
        return cli_usage_error("--from %s is after --to %s", a->from, a->to);
    if (a->top) {
        char *end;
        errno = 0;
        long n = strtol(a->top, &end, 10);
        if (errno || end == a->top || *end || n < 2 || n > 1000)
            return cli_usage_error("--top '%s' is not a number from 2 to 1000", a->top);
        o->top_n = (size_t)n;
    }
    if (a->penalty) {
        char *end;
        errno = 0;
        double p = strtod(a->penalty, &end);
        if (errno || end == a->penalty || *end || !isfinite(p) || p <= 0)
            return cli_usage_error("--penalty '%s' is not a positive number", a->penalty);
        o->penalty = p;
    }
    *fmt = ENT_REPORT_MARKDOWN;
    if (a->format) {
        if (ent_report_format_parse(fmt, a->format) != ENT_OK)
            return cli_usage_error("unknown report format '%s' (md, html or json)", a->format);
    } else if (a->output && strcmp(a->output, "-") != 0) {
        /* Another extension (report.txt) keeps the default. */
        ent_report_format_from_path(fmt, a->output);
    }
    return -1;
}

/* Loads --registry with its diagnostics counted in *skipped. Returns -1 or an exit code. */
static int load_registry(ent_registry **out, const cli_args *a, size_t *skipped)
{
    *out = NULL;
    if (!a->registry)
        return -1;
    int rc = ent_registry_load(out, a->registry, cli_diag, skipped);
    if (rc == ENT_OK)
        return -1;
    if (rc != ENT_ENOTFOUND && rc != ENT_EIO && rc != ENT_EPARSE)
        cli_error("cannot load the registry %s: %s", a->registry, ent_strerror(rc));
    return rc == ENT_ENOMEM ? CLI_EXIT_INTERNAL : rc == ENT_EPARSE ? CLI_EXIT_DB : CLI_EXIT_IO;
}

static int build_error(int rc, const ent_report_options *o, ent_store *store, const char *where)
{
    if (rc == ENT_ENOTFOUND) {
        cli_error("no events between %s and %s in %s%s: nothing to report", o->a, o->b, where,
                  o->from != ENT_DATE_NONE || o->to != ENT_DATE_NONE ? " in that window" : "");
        return CLI_EXIT_SKIPPED;
    }
    if (rc == ENT_EDB) {
        cli_error("%s: %s", where, ent_store_errmsg(store));
        return CLI_EXIT_DB;
    }
    cli_error("cannot build the report: %s", ent_strerror(rc));
    return CLI_EXIT_INTERNAL;
}

static int write_report(const ent_report *r, ent_report_format fmt, const cli_args *a)
{
    int to_stdout = !a->output || strcmp(a->output, "-") == 0;
    FILE *out = to_stdout ? stdout : fopen(a->output, "w");
    if (!out) {
        cli_error("cannot write %s: %s", a->output, strerror(errno));
        return CLI_EXIT_IO;
    }
    int rc = ent_report_write(r, fmt, out);
    if (rc == ENT_ENOMEM) {
        cli_error("out of memory");
        if (!to_stdout)
            fclose(out);
        return CLI_EXIT_INTERNAL;
    }
    if (rc != ENT_OK || fflush(out) != 0 || ferror(out) || (!to_stdout && fclose(out) != 0)) {
        if (errno != EPIPE)
            cli_error("cannot write %s: %s", to_stdout ? "standard output" : a->output,
                      strerror(errno));
        return CLI_EXIT_IO;
    }
    return CLI_EXIT_OK;
}

static void summary(const ent_report *r, ent_report_format fmt, double seconds)
{
    ent_report_summary s;
    ent_report_summary_get(&s, r);
    char from[11], to[11];
    ent_date_format(from, s.from);
    ent_date_format(to, s.to);
    cli_error("report %s-%s%s%s: %lld events from %s to %s, %zu change points, %zu treaties, "
              "%zu events cited; %s, %.3f s",
              s.a, s.b, *s.third ? ", third party " : "", s.third, (long long)s.dyad_events, from,
              to, s.change_points, s.treaties, s.evidence, ent_report_format_name(fmt), seconds);
}

int cli_report(const cli_args *a)
{
    ent_report_options o = ENT_REPORT_OPTIONS_INIT;
    ent_report_format fmt;
    int rc = make_options(&o, &fmt, a);
    if (rc >= 0)
        return rc;
    double start = cli_now();
    const char *where = cli_db_location(a);
    ent_store *store = NULL;
    if ((rc = cli_open_store(&store, a)) != CLI_EXIT_OK)
        return rc;
    ent_dict *dict = NULL;
    ent_registry *reg = NULL;
    size_t skipped = 0;
    rc = cli_load_dict(&dict, a);
    if (rc == CLI_EXIT_OK)
        rc = load_registry(&reg, a, &skipped);
    if (rc >= 0 && rc != CLI_EXIT_OK) {
        ent_dict_destroy(dict);
        ent_store_close(store);
        return rc;
    }
    o.dict = dict;
    o.registry = reg;
    ent_report *r = NULL;
    int brc = ent_report_build(&r, store, &o);
    rc = brc == ENT_OK ? CLI_EXIT_OK : build_error(brc, &o, store, where);
    ent_store_close(store);
    if (rc == CLI_EXIT_OK)
        rc = write_report(r, fmt, a);
    if (rc == CLI_EXIT_OK && !a->quiet)
        summary(r, fmt, cli_now() - start);
    if (rc == CLI_EXIT_OK && skipped)
        rc = CLI_EXIT_SKIPPED;
    ent_report_destroy(r);
    ent_registry_destroy(reg);
    ent_dict_destroy(dict);
    return rc;
}
