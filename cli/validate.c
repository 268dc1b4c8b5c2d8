/*
 * cli — `entente validate FILE`: reads a TABARI or PETRARCH coder test suite
 * (include/entente/validate.h), loads the dictionaries (built-in, the suite's with
 * --suite-dicts, --dict files), scores entente's coder on it and prints the failures, the
 * results per category, the coding speed and the closing line "N passed, M failed" — or all
 * of it as one JSON object with --json. Scores are information: a completed run exits 0.
 */
#include "cli.h"

#include "entente/validate.h"
#include "util/buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Dictionary diagnostics shown before the rest are only counted: the suites' TABARI and
 * PETRARCH dictionaries give one per line until ent_dict_load() reads their formats. */
#define SHOWN_DICT_DIAGS 20

/* The named dictionary roles that are dictionaries: the coding ontology ("pico") too, for
 * its negations; options files are named by suites but are not. */
static int is_dictionary_role(const char *role)
{
    static const char *const roles[] = {"actors", "verbs", "agents", "discards", "issues", "pico"};
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (strcmp(role, roles[i]) == 0)
            return 1;
    return 0;
}

static void dict_diag(void *ctx, const char *file, long line, const char *msg)
{
    size_t *n = ctx;
    if ((*n)++ < SHOWN_DICT_DIAGS)
        cli_diag(NULL, file, line, msg);
}

static const char *format_name(int format)
{
    return format == ENT_SUITE_PETRARCH ? "PETRARCH XML" : "TABARI records";
}

/* ---------------------------------------------------------------- text ---- */

/* "ARN/GON/064, GON/ARN/064" into b. */
static void append_triples(ent_buf *b, const ent_triple *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ent_buf_appendf(b, "%s%s/%s/%s", i ? ", " : "", t[i].source[0] ? t[i].source : "---",
                        t[i].target[0] ? t[i].target : "---", t[i].event);
}

static void append_expected(ent_buf *b, const ent_suite_record *rec)
{
    switch (rec->expect) {
    case ENT_EXPECT_EVENTS:
        append_triples(b, rec->events, rec->nevents);
        if (rec->partial)
            ent_buf_puts(b, " ...");
        break;
    case ENT_EXPECT_NONE:
        ent_buf_puts(b, "no event");
        break;
    case ENT_EXPECT_DISCARD:
        ent_buf_puts(b, "discard");
        break;
    case ENT_EXPECT_REJECT:
        ent_buf_appendf(b, "no event (%s)", rec->note ? rec->note : "rejected");
        break;
    default:
        ent_buf_puts(b, rec->note ? rec->note : "");
        break;
    }
}

static void append_coded(ent_buf *b, const ent_record_result *r)
{
    if (r->ngot)
        append_triples(b, r->got, r->ngot);
    else
        ent_buf_puts(b, "no event");
    if (r->discarded)
        ent_buf_appendf(b, " (%zu sentence%s discarded)", r->discarded,
                        r->discarded == 1 ? "" : "s");
}

static double rate(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

/* One row of the failure table: the cells are built first so the columns can be sized. */
typedef struct row {
    char *cells[4]; /* id, category, expected, coded */
    const ent_record_result *r;
} row;

static int print_failures(FILE *out, const ent_record_result *res, size_t n)
{
    size_t nrows = 0;
    for (size_t i = 0; i < n; i++)
        nrows += res[i].outcome == ENT_OUTCOME_FAIL;
    if (!nrows)
        return 0;
    row *rows = calloc(nrows, sizeof *rows);
    if (!rows)
        return -1;
    int width[4] = {2, 8, 8, 5}, failed = 0;
    size_t k = 0;
    for (size_t i = 0; i < n && !failed; i++) {
        if (res[i].outcome != ENT_OUTCOME_FAIL)
            continue;
        row *w = &rows[k++];
        w->r = &res[i];
        ent_buf b[4] = {ENT_BUF_INIT, ENT_BUF_INIT, ENT_BUF_INIT, ENT_BUF_INIT};
        ent_buf_puts(&b[0], res[i].record->id);
        ent_buf_puts(&b[1], res[i].record->category);
        append_expected(&b[2], res[i].record);
        append_coded(&b[3], &res[i]);
        for (int c = 0; c < 4; c++) {
            w->cells[c] = b[c].data;
            failed |= b[c].failed || !b[c].data;
            if (b[c].data && (int)b[c].len > width[c])
                width[c] = (int)b[c].len;
        }
    }
    if (!failed) {
        fprintf(out, "Failed records (%zu):\n", nrows);
        fprintf(out, "%-*s  %-*s  %-*s  %-*s  %s\n", width[0], "id", width[1], "category", width[2],
                "expected", width[3], "coded", "why");
        for (size_t i = 0; i < nrows; i++) {
            const row *w = &rows[i];
            fprintf(out, "%-*s  %-*s  %-*s  %-*s  %s\n", width[0], w->cells[0], width[1],
                    w->cells[1], width[2], w->cells[2], width[3], w->cells[3], w->r->why);
            if (w->r->trace) {
                /* The trace, indented under its row, then a blank line. */
                const char *p = w->r->trace;
                while (*p) {
                    const char *nl = strchr(p, '\n');
                    size_t len = nl ? (size_t)(nl - p) : strlen(p);
                    fprintf(out, "    %.*s\n", (int)len, p);
                    p += len + (nl != NULL);
                }
                fputc('\n', out);
            }
        }
        fputc('\n', out);
    }
    for (size_t i = 0; i < nrows; i++)
        for (int c = 0; c < 4; c++)
            free(rows[i].cells[c]);
    free(rows);
    return failed ? -1 : 0;
}

static void print_category_row(FILE *out, int width, const char *name, const ent_category_result *c)
{
    char events[48];
    snprintf(events, sizeof events, "%zu/%zu", c->matched_events, c->expected_events);
    fprintf(out, "%-*s  %7zu  %6zu  %6zu  %6.1f%%  %4zu  %8zu  %7zu  %9s  %5zu\n", width, name,
            c->records, c->passed, c->failed, rate(c->passed, c->passed + c->failed),
            c->not_applicable, c->excluded, c->skipped, events, c->coded_events);
}

static void print_categories(FILE *out, const ent_category_result *cats, size_t n,
                             const ent_category_result *all)
{
    int width = 8;
    for (size_t i = 0; i < n; i++)
        if ((int)strlen(cats[i].category) > width)
            width = (int)strlen(cats[i].category);
    fprintf(out, "Results by category (events: expected ones coded / expected; coded: all "
                 "events coded):\n");
    fprintf(out, "%-*s  %7s  %6s  %6s  %7s  %4s  %8s  %7s  %9s  %5s\n", width, "category",
            "records", "passed", "failed", "rate", "n/a", "excluded", "skipped", "events", "coded");
    for (size_t i = 0; i < n; i++)
        print_category_row(out, width, cats[i].category, &cats[i]);
    print_category_row(out, width, "all", all);
    fputc('\n', out);
}

/* "OPTION 23, {+++} 19": how many records of each kind were not applicable. */
static void print_not_applicable(FILE *out, const ent_record_result *res, size_t n)
{
    const char *seen[16];
    size_t counts[16], nseen = 0, other = 0;
    for (size_t i = 0; i < n; i++) {
        if (res[i].outcome != ENT_OUTCOME_NA)
            continue;
        const char *note = res[i].record->note ? res[i].record->note : "?";
        size_t k = 0;
        while (k < nseen && strcmp(seen[k], note) != 0)
            k++;
        if (k == nseen && nseen == 16) {
            other++;
            continue;
        }
        if (k == nseen) {
            seen[nseen] = note;
            counts[nseen++] = 0;
        }
        counts[k]++;
    }
    if (!nseen)
        return;
    fprintf(out, "Not applicable:");
    for (size_t k = 0; k < nseen; k++)
        fprintf(out, "%s %zu %s", k ? "," : "", counts[k], seen[k]);
    if (other)
        fprintf(out, ", %zu other", other);
    fprintf(out, "\n");
}

/* The length of an option's name: its text up to '=' ("require_dyad", "SET: TIME SHIFT"),
 * without trailing blanks, and at most 24 bytes (TABARI's DEFAULT: lines are long). */
static size_t option_key(const char *t)
{
    size_t n = strcspn(t, "=");
    if (n > 24)
        n = 24;
    while (n && t[n - 1] == ' ')
        n--;
    return n;
}

/* "require_dyad 8, new_actor_length 5": the suite options that were (applied = 1) or were not
 * applied, by name. */
static void print_options(FILE *out, const ent_suite_info *info, int applied)
{
    size_t total = 0;
    for (size_t i = 0; i < info->noptions; i++)
        total += info->options[i].applied == applied;
    if (!total)
        return;
    if (applied)
        fprintf(out, "options      %zu applied (they say how the suite is written):", total);
    else
        fprintf(out, "options      %zu not applied (entente's coder has no such switches):", total);
    size_t shown = 0;
    for (size_t i = 0; i < info->noptions; i++) {
        const char *t = info->options[i].text;
        if (info->options[i].applied != applied)
            continue;
        size_t len = option_key(t), same = 0;
        int seen = 0;
        for (size_t j = 0; j < info->noptions; j++) {
            int eq = info->options[j].applied == applied &&
                     option_key(info->options[j].text) == len &&
                     strncmp(info->options[j].text, t, len) == 0;
            seen |= eq && j < i;
            same += eq;
        }
        if (seen)
            continue;
        if (shown++ == 8) {
            fprintf(out, ", ...");
            break;
        }
        fprintf(out, "%s %.*s %zu", shown > 1 ? "," : "", (int)len, t, same);
    }
    fprintf(out, "\n");
}

/* What the suite was coded with: the dictionaries in load order and the coder's settings. */
typedef struct run_setup {
    const char *const *dicts;
    size_t ndicts;
    int builtin;
    ent_future future;
} run_setup;

static const char *future_name(ent_future f)
{
    return f == ENT_FUTURE_EVENT ? "event" : "intent";
}

static void print_header(FILE *out, const ent_suite_info *info, const run_setup *setup)
{
    const char *const *dicts = setup->dicts;
    size_t ndicts = setup->ndicts;
    int builtin = setup->builtin;
    fprintf(out, "suite        %s: %s, %zu record%s", info->path, format_name(info->format),
            info->nrecords, info->nrecords == 1 ? "" : "s");
    if (info->distinct_ids != info->nrecords)
        fprintf(out, " (%zu distinct ids)", info->distinct_ids);
    if (info->stop_id)
        fprintf(out, ", to %s", info->stop_id);
    fprintf(out, "\n");
    if (info->include)
        fprintf(out, "include      %s\n", info->include);
    fprintf(out, "dictionaries %s", builtin ? "built-in" : "");
    for (size_t i = 0; i < ndicts; i++)
        fprintf(out, "%s%s", i || builtin ? ", " : "", dicts[i]);
    if (!builtin && !ndicts)
        fprintf(out, "none");
    fprintf(out, "\n");
    fprintf(out, "future       %s%s\n", future_name(setup->future),
            setup->future == ENT_FUTURE_EVENT
                ? ": a reported future action is coded as the action, as the suites expect"
                : ": a reported future action is coded as an intention (entente's default)");
    print_options(out, info, 1);
    print_options(out, info, 0);
    fprintf(out, "\n");
}

static void print_text(FILE *out, const ent_suite_info *info, const ent_validation *v,
                       const run_setup *setup, int *oom)
{
    size_t n, ncats;
    const ent_record_result *res = ent_validation_results(v, &n);
    const ent_category_result *cats = ent_validation_categories(v, &ncats);
    ent_validation_summary sum;
    ent_validation_summary_get(&sum, v);
    print_header(out, info, setup);
    if (print_failures(out, res, n) < 0)
        *oom = 1;
    size_t skipped = 0;
    for (size_t i = 0; i < n; i++) {
        if (res[i].outcome != ENT_OUTCOME_SKIPPED)
            continue;
        if (!skipped++)
            fprintf(out, "Skipped records:\n");
        fprintf(out, "%s:%ld: %s: %s\n", res[i].record->file, res[i].record->line,
                res[i].record->id, res[i].why);
    }
    if (skipped)
        fputc('\n', out);
    print_categories(out, cats, ncats, &sum.all);
    print_not_applicable(out, res, n);
    const ent_category_result *a = &sum.all;
    fprintf(out, "Events: %zu expected, %zu of them coded (%.1f%%), %zu coded in all\n",
            a->expected_events, a->matched_events, rate(a->matched_events, a->expected_events),
            a->coded_events);
    fprintf(out, "Coding: %zu records, %zu sentences in %.1f ms: %.0f sentences/s\n",
            a->passed + a->failed, sum.sentences, sum.coding_seconds * 1e3,
            sum.coding_seconds > 0 ? (double)sum.sentences / sum.coding_seconds : 0.0);
    fprintf(out, "%zu passed, %zu failed\n", a->passed, a->failed);
}

/* ---------------------------------------------------------------- JSON ---- */

static void json_str(ent_buf *b, const char *s)
{
    ent_buf_append_json(b, s, s ? strlen(s) : 0);
}

static void json_triples(ent_buf *b, const ent_triple *t, size_t n)
{
    ent_buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
        ent_buf_puts(b, i ? ",{\"source\":" : "{\"source\":");
        json_str(b, t[i].source);
        ent_buf_puts(b, ",\"target\":");
        json_str(b, t[i].target);
        ent_buf_puts(b, ",\"event\":");
        json_str(b, t[i].event);
        ent_buf_putc(b, '}');
    }
    ent_buf_putc(b, ']');
}

static void json_counts(ent_buf *b, const ent_category_result *c)
{
    ent_buf_appendf(b,
                    "\"records\":%zu,\"passed\":%zu,\"failed\":%zu,\"not_applicable\":%zu,"
                    "\"excluded\":%zu,\"skipped\":%zu,\"pass_rate\":%.4f,"
                    "\"expected_events\":%zu,\"matched_events\":%zu,\"coded_events\":%zu",
                    c->records, c->passed, c->failed, c->not_applicable, c->excluded, c->skipped,
                    rate(c->passed, c->passed + c->failed) / 100.0, c->expected_events,
                    c->matched_events, c->coded_events);
}

static const char *expect_name(int expect)
{
    switch (expect) {
    case ENT_EXPECT_EVENTS:
        return "events";
    case ENT_EXPECT_NONE:
        return "no_event";
    case ENT_EXPECT_DISCARD:
        return "discard";
    case ENT_EXPECT_REJECT:
        return "reject";
    default:
        return "not_applicable";
    }
}

static void json_record(ent_buf *b, const ent_record_result *r)
{
    const ent_suite_record *rec = r->record;
    ent_buf_puts(b, "{\"id\":");
    json_str(b, rec->id);
    ent_buf_puts(b, ",\"category\":");
    json_str(b, rec->category);
    ent_buf_puts(b, ",\"file\":");
    json_str(b, rec->file);
    ent_buf_appendf(b, ",\"line\":%ld,\"expect\":\"%s\"", rec->line, expect_name(rec->expect));
    if (rec->note) {
        ent_buf_puts(b, ",\"note\":");
        json_str(b, rec->note);
    }
    ent_buf_puts(b, ",\"expected\":");
    json_triples(b, rec->events, rec->nevents);
    ent_buf_appendf(b, ",\"ordered\":%s,\"partial\":%s,\"coded\":", rec->ordered ? "true" : "false",
                    rec->partial ? "true" : "false");
    json_triples(b, r->got, r->ngot);
    ent_buf_appendf(b, ",\"discarded\":%zu,\"why\":", r->discarded);
    json_str(b, r->why);
    ent_buf_puts(b, ",\"text\":");
    json_str(b, rec->text);
    if (r->trace) {
        ent_buf_puts(b, ",\"trace\":[");
        const char *p = r->trace;
        for (int first = 1; *p; first = 0) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            if (!first)
                ent_buf_putc(b, ',');
            ent_buf_append_json(b, p, len);
            p += len + (nl != NULL);
        }
        ent_buf_putc(b, ']');
    }
    ent_buf_putc(b, '}');
}

static void json_build(ent_buf *b, const ent_suite_info *info, const ent_validation *v,
                       const run_setup *setup)
{
    size_t n, ncats;
    const ent_record_result *res = ent_validation_results(v, &n);
    const ent_category_result *cats = ent_validation_categories(v, &ncats);
    ent_validation_summary sum;
    ent_validation_summary_get(&sum, v);

    ent_buf_puts(b, "{\"suite\":");
    json_str(b, info->path);
    ent_buf_appendf(b, ",\"format\":\"%s\",\"records\":%zu,\"distinct_ids\":%zu,\"stop_id\":",
                    info->format == ENT_SUITE_PETRARCH ? "petrarch" : "tabari", info->nrecords,
                    info->distinct_ids);
    if (info->stop_id)
        json_str(b, info->stop_id);
    else
        ent_buf_puts(b, "null");
    ent_buf_puts(b, ",\"include\":");
    if (info->include)
        json_str(b, info->include);
    else
        ent_buf_puts(b, "null");
    ent_buf_appendf(b, ",\"future\":\"%s\",\"builtin_dictionaries\":%s,\"dictionaries\":[",
                    future_name(setup->future), setup->builtin ? "true" : "false");
    for (size_t i = 0; i < setup->ndicts; i++) {
        if (i)
            ent_buf_putc(b, ',');
        json_str(b, setup->dicts[i]);
    }
    ent_buf_puts(b, "],\"suite_dictionaries\":[");
    for (size_t i = 0; i < info->ndicts; i++) {
        ent_buf_puts(b, i ? ",{\"role\":" : "{\"role\":");
        json_str(b, info->dicts[i].role);
        ent_buf_puts(b, ",\"name\":");
        json_str(b, info->dicts[i].name);
        ent_buf_putc(b, '}');
    }
    for (int applied = 1; applied >= 0; applied--) {
        ent_buf_puts(b, applied ? "],\"options_applied\":[" : "],\"options_not_applied\":[");
        size_t listed = 0;
        for (size_t i = 0; i < info->noptions; i++) {
            if (info->options[i].applied != applied)
                continue;
            ent_buf_appendf(b, "%s{\"line\":%ld,\"before_record\":%zu,\"option\":",
                            listed++ ? "," : "", info->options[i].line, info->options[i].before);
            json_str(b, info->options[i].text);
            ent_buf_putc(b, '}');
        }
    }
    ent_buf_puts(b, "],");
    json_counts(b, &sum.all);
    ent_buf_appendf(b,
                    ",\"evaluated\":%zu,\"coding\":{\"records\":%zu,\"sentences\":%zu,"
                    "\"seconds\":%.6f,\"sentences_per_second\":%.1f}",
                    sum.all.passed + sum.all.failed, sum.all.passed + sum.all.failed, sum.sentences,
                    sum.coding_seconds,
                    sum.coding_seconds > 0 ? (double)sum.sentences / sum.coding_seconds : 0.0);
    ent_buf_puts(b, ",\"categories\":[");
    for (size_t i = 0; i < ncats; i++) {
        ent_buf_puts(b, i ? ",{\"category\":" : "{\"category\":");
        json_str(b, cats[i].category);
        ent_buf_putc(b, ',');
        json_counts(b, &cats[i]);
        ent_buf_putc(b, '}');
    }
    ent_buf_puts(b, "],\"failures\":[");
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (res[i].outcome == ENT_OUTCOME_FAIL) {
            if (k++)
                ent_buf_putc(b, ',');
            json_record(b, &res[i]);
        }
    ent_buf_puts(b, "],\"skipped_records\":[");
    k = 0;
    for (size_t i = 0; i < n; i++)
        if (res[i].outcome == ENT_OUTCOME_SKIPPED) {
            if (k++)
                ent_buf_putc(b, ',');
            json_record(b, &res[i]);
        }
    ent_buf_puts(b, "]}\n");
}

/* ---------------------------------------------------------------- command ---- */

/* Exit status of a failed ent_dict_load() or ent_suite_load(). */
static int exit_for(int rc, int load_failure)
{
    if (rc == ENT_ENOMEM)
        return CLI_EXIT_INTERNAL;
    if (rc == ENT_ENOTFOUND || rc == ENT_EIO)
        return CLI_EXIT_IO;
    return load_failure;
}

int cli_validate(const cli_args *a)
{
    if (a->nfiles == 0)
        return cli_usage_error("'validate' needs a suite FILE");
    if (a->nfiles > 1)
        return cli_usage_error("'validate' takes one suite FILE (got %zu)", a->nfiles);
    const char *path = a->files[0];
    if (strcmp(path, "-") == 0)
        return cli_usage_error("'validate' reads a suite file, not standard input (the suite "
                               "names files beside it)");
    ent_future future = ENT_FUTURE_EVENT; /* the suites' coders code futures as events */
    int parsed = cli_parse_future(&future, a);
    if (parsed >= 0)
        return parsed;

    ent_suite *suite = NULL;
    ent_dict *dict = NULL;
    ent_validation *v = NULL;
    char **found = NULL; /* the suite's dictionaries, found */
    const char **files = NULL;
    size_t nfound = 0, nfiles = 0, suite_diags = 0, dict_diags = 0;
    FILE *out = stdout;
    const char *out_name = "standard output";
    int rc = ent_suite_load(&suite, path, cli_diag, &suite_diags);
    if (rc != ENT_OK) {
        if (rc == ENT_ENOTFOUND)
            cli_error("%s: No such file or directory", path);
        else if (rc == ENT_EPARSE)
            cli_error("%s: cannot read the suite (not well-formed)", path);
        else
            cli_error("%s: cannot read the suite: %s", path, ent_strerror(rc));
        return exit_for(rc, CLI_EXIT_IO);
    }
    ent_suite_info info;
    ent_suite_info_get(&info, suite);

    int status = CLI_EXIT_INTERNAL;
    files = calloc(info.ndicts + a->ndicts + 1, sizeof *files);
    found = calloc(info.ndicts + 1, sizeof *found);
    if (!files || !found)
        goto nomem;
    if (a->suite_dicts || a->dict_dir) {
        const char *dirs[1] = {a->dict_dir};
        for (size_t i = 0; i < info.ndicts; i++) {
            if (!is_dictionary_role(info.dicts[i].role))
                continue;
            rc = ent_suite_find_dict(&found[nfound], suite, info.dicts[i].name, dirs,
                                     a->dict_dir ? 1 : 0);
            if (rc == ENT_ENOMEM)
                goto nomem;
            /* Without its coding ontology a suite still runs: only negations are missed. */
            int optional = strcmp(info.dicts[i].role, "pico") == 0;
            if (rc != ENT_OK) {
                cli_error("%s%s: the suite's %s dictionary %s was not found%s%s, beside the "
                          "suite, in its dictionaries folder or in ../dictionaries%s",
                          optional ? "warning: " : "", path, info.dicts[i].role, info.dicts[i].name,
                          a->dict_dir ? " in " : "", a->dict_dir ? a->dict_dir : "",
                          optional ? "; negated verbs are coded without its negations" : "");
                if (optional)
                    continue;
                status = CLI_EXIT_IO;
                goto done;
            }
            files[nfiles++] = found[nfound++];
        }
    }
    for (size_t i = 0; i < a->ndicts; i++)
        files[nfiles++] = a->dicts[i];

    ent_dict_options dopt = ENT_DICT_OPTIONS_INIT;
    dopt.builtin = !a->no_builtin;
    dopt.files = files;
    dopt.nfiles = nfiles;
    dopt.diag = dict_diag;
    dopt.diag_ctx = &dict_diags;
    if (!dopt.builtin && !nfiles)
        cli_error("warning: --no-builtin without --dict or --suite-dicts: no dictionaries, "
                  "nothing will be coded");
    rc = ent_dict_load(&dict, &dopt);
    if (dict_diags > SHOWN_DICT_DIAGS)
        cli_error("%zu more dictionary diagnostics not shown ('entente dict --dict FILE' lists "
                  "them)",
                  dict_diags - SHOWN_DICT_DIAGS);
    if (rc != ENT_OK) {
        cli_error("cannot load the dictionaries: %s", ent_strerror(rc));
        status = exit_for(rc, CLI_EXIT_DB);
        goto done;
    }
    if (dict_diags)
        cli_error("warning: %zu dictionary line%s could not be read and were skipped", dict_diags,
                  dict_diags == 1 ? "" : "s");

    ent_validate_options vopt = ENT_VALIDATE_OPTIONS_INIT;
    vopt.explain = a->explain_failures;
    vopt.future = future;
    run_setup setup = {files, nfiles, dopt.builtin, vopt.future};
    if ((rc = ent_validate_run(&v, suite, dict, &vopt)) != ENT_OK) {
        cli_error("cannot run the suite: %s", ent_strerror(rc));
        status = exit_for(rc, CLI_EXIT_INTERNAL);
        goto done;
    }

    if (a->output && strcmp(a->output, "-") != 0) {
        out = fopen(a->output, "w");
        out_name = a->output;
        if (!out) {
            cli_error("cannot write %s: %s", a->output, strerror(errno));
            out = stdout;
            status = CLI_EXIT_IO;
            goto done;
        }
    }
    int oom = 0;
    ent_validation_summary sum;
    ent_validation_summary_get(&sum, v);
    if (a->json) {
        ent_buf b = ENT_BUF_INIT;
        json_build(&b, &info, v, &setup);
        if (b.failed)
            oom = 1;
        else
            fwrite(b.data, 1, b.len, out);
        free(b.data);
        if (!a->quiet && !oom)
            cli_error("%s: %zu passed, %zu failed, %.0f sentences/s", path, sum.all.passed,
                      sum.all.failed,
                      sum.coding_seconds > 0 ? (double)sum.sentences / sum.coding_seconds : 0.0);
    } else {
        print_text(out, &info, v, &setup, &oom);
    }
    if (oom)
        goto nomem;
    if (fflush(out) != 0 || ferror(out)) {
        if (errno != EPIPE)
            cli_error("cannot write %s: %s", out_name, strerror(errno));
        status = CLI_EXIT_IO;
        goto done;
    }
    status = sum.all.skipped ? CLI_EXIT_SKIPPED : CLI_EXIT_OK;
    goto done;
nomem:
    cli_error("out of memory");
    status = CLI_EXIT_INTERNAL;
done:
    if (out != stdout && fclose(out) != 0 && status == CLI_EXIT_OK) {
        cli_error("cannot write %s: %s", out_name, strerror(errno));
        status = CLI_EXIT_IO;
    }
    for (size_t i = 0; found && i < nfound; i++)
        free(found[i]);
    free(found);
    free(files);
    ent_validation_destroy(v);
    ent_dict_destroy(dict);
    ent_suite_destroy(suite);
    return status;
}
