/*
 * cli — `entente code`: the filter at the heart of the pipeline. Records in (files or stdin,
 * through the ingest reader), events out (through the formatter, as CAMEO or, with --ontology
 * plover, PLOVER records), diagnostics and a summary on stderr. Also `entente code --explain
 * TEXT`, which codes one sentence with the coder's trace turned on.
 */
#include "work.h"

#include "entente/coder.h"
#include "entente/format.h"
#include "entente/ingest.h"
#include "entente/plover.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- --explain ---- */

static void print_trace(void *ctx, const char *line)
{
    (void)ctx;
    printf("%s\n", line);
}

static const char *quad_name(int q)
{
    static const char *const names[] = {"", "verbal cooperation", "material cooperation",
                                        "verbal conflict", "material conflict"};
    return q >= 1 && q <= 4 ? names[q] : "unknown";
}

static void print_span(const char *what, const char *text, size_t len, ent_span s)
{
    if (s.start <= s.end && s.end <= len)
        printf("  %-9s \"%.*s\" [%u,%u)\n", what, (int)(s.end - s.start), text + s.start,
               (unsigned)s.start, (unsigned)s.end);
}

static int explain(const cli_args *a)
{
    ent_reader_options ro;
    int rc = cli_reader_options(&ro, a);
    if (rc >= 0)
        return rc;
    ent_date date = ro.default_date;
    int plover;
    if ((rc = cli_parse_ontology(&plover, a, 1)) >= 0)
        return rc;
    cli_coding coding;
    if ((rc = cli_parse_coding(&coding, a)) >= 0)
        return rc;
    if (a->nfiles)
        return cli_usage_error("--explain codes its TEXT and reads no FILE (got '%s')",
                               a->files[0]);
    ent_dict *dict;
    if ((rc = cli_load_dict(&dict, a)) != CLI_EXIT_OK)
        return rc;
    ent_coder *coder;
    if (ent_coder_create(&coder, dict) != ENT_OK) {
        ent_dict_destroy(dict);
        cli_error("out of memory");
        return CLI_EXIT_INTERNAL;
    }
    ent_coder_set_trace(coder, print_trace, NULL);
    cli_coding_apply(coder, &coding);
    ent_doc doc = {"explain", a->explain, strlen(a->explain), date, NULL, NULL, NULL, NULL};
    const ent_event *ev;
    size_t n;
    ent_doc_report report;
    memset(&report, 0, sizeof report);
    printf("Trace:\n");
    int r = ent_coder_code(&ev, &n, coder, &doc, &report);
    if (r != ENT_OK) {
        cli_error("cannot code the text: %s", ent_strerror(r));
        ent_coder_destroy(coder);
        ent_dict_destroy(dict);
        return r == ENT_ENOMEM ? CLI_EXIT_INTERNAL : CLI_EXIT_SKIPPED;
    }
    size_t tlen;
    const char *text = ent_coder_text(coder, &tlen);
    printf("\nEvents: %zu", n);
    if (report.discarded)
        printf(" (%zu sentence%s discarded)", report.discarded, report.discarded == 1 ? "" : "s");
    printf("\n");
    for (size_t i = 0; i < n; i++) {
        const ent_event *e = &ev[i];
        const char *label = NULL;
        char d[11];
        ent_dict_cameo(NULL, &label, dict, e->event_code);
        ent_date_format(d, e->date);
        printf("\n%zu. %s (%s) -> %s (%s): %s %s\n", i + 1, e->source_code ? e->source_code : "",
               e->source_name ? e->source_name : "", e->target_code ? e->target_code : "",
               e->target_name ? e->target_name : "", e->event_code, label ? label : "");
        printf("  date      %s\n", d[0] ? d : "unknown");
        printf("  goldstein %.1f, quad class %d (%s)\n", e->goldstein, e->quad_class,
               quad_name(e->quad_class));
        print_span("sentence", text, tlen, e->sentence);
        print_span("source", text, tlen, e->source);
        print_span("target", text, tlen, e->target);
        print_span("verb", text, tlen, e->verb);
        if (plover) {
            ent_plover p;
            if (ent_plover_map(&p, e->event_code) == ENT_OK)
                printf("  plover    %s, mode %s, context %s (CAMEO %s)\n", p.event,
                       p.mode ? p.mode : "none", p.context ? p.context : "none", p.cameo);
            else
                printf("  plover    none (PLOVER has no type for CAMEO %s)\n", e->event_code);
        }
        if (e->issues && e->issues[0])
            printf("  issues    %s\n", e->issues);
        for (int k = 0; k < e->nrules && k < ENT_MAX_RULES; k++)
            printf("  %-9s %s\n", k ? "" : "rules", e->rules[k]);
    }
    ent_coder_destroy(coder);
    ent_dict_destroy(dict);
    return CLI_EXIT_OK;
}

/* ---------------------------------------------------------------- code ---- */

typedef struct coder_state {
    ent_coder *coder;
    ent_formatter *fmt;
} coder_state;

/* Worker: codes every record of the batch and formats its events into the batch's buffer. */
static void code_batch(void *state, cli_batch *b)
{
    coder_state *w = state;
    for (size_t i = 0; i < b->n; i++) {
        cli_item *it = &b->items[i];
        const ent_event *ev;
        size_t n, len, dlen;
        it->rc = ent_coder_code(&ev, &n, w->coder, &it->doc, &it->report);
        it->coded = 1;
        if (it->rc != ENT_OK)
            continue;
        const char *text = ent_coder_text(w->coder, &len);
        it->nevents = n;
        for (size_t k = 0; k < n; k++)
            if (ent_formatter_event(w->fmt, &ev[k], k, text, len, it->doc.url) != ENT_OK) {
                it->rc = ENT_ENOMEM;
                break;
            }
        const char *data = ent_formatter_data(w->fmt, &dlen);
        if (ent_buf_append(&b->out, data, dlen) < 0)
            it->rc = ENT_ENOMEM;
        ent_formatter_clear(w->fmt);
    }
}

typedef struct code_run {
    cli_totals t;
    FILE *out;
    const char *out_name;
    size_t ninputs; /* for the progress bar: inputs done of ninputs */
} code_run;

/* Consumer: diagnostics and totals in input order, then the batch's events. */
static int write_batch(void *ctx, cli_batch *b)
{
    code_run *c = ctx;
    for (size_t i = 0; i < b->n; i++) {
        const cli_item *it = &b->items[i];
        int rc = cli_check_item(&c->t, it);
        if (rc != CLI_EXIT_OK)
            return rc;
        if (it->rc != ENT_OK)
            continue;
        c->t.documents++;
        c->t.sentences += it->report.sentences;
        c->t.discarded += it->report.discarded;
        c->t.events += it->nevents;
    }
    if (b->out.len && fwrite(b->out.data, 1, b->out.len, c->out) != b->out.len) {
        if (errno != EPIPE)
            cli_error("cannot write %s: %s", c->out_name, strerror(errno));
        return CLI_EXIT_IO;
    }
    cli_progress_update(c->t.documents, b->bytes_read, b->input_index, c->ninputs);
    return CLI_EXIT_OK;
}

int cli_code(const cli_args *a)
{
    if (a->explain)
        return explain(a);

    ent_format format = ENT_FORMAT_JSONL;
    if (a->format && ent_format_parse(&format, a->format) != ENT_OK)
        return cli_usage_error("unknown format '%s' (jsonl, gdelt or csv)", a->format);
    if (a->header && format != ENT_FORMAT_GDELT)
        return cli_usage_error("--header applies to --format gdelt only");
    int plover;
    int rc = cli_parse_ontology(&plover, a, format == ENT_FORMAT_JSONL);
    if (rc >= 0)
        return rc;
    unsigned flags = plover ? ENT_FORMAT_PLOVER : 0;
    cli_run run;
    memset(&run, 0, sizeof run);
    rc = cli_reader_options(&run.reader_options, a);
    if (rc >= 0)
        return rc;
    if ((rc = cli_parse_jobs(&run.jobs, a)) >= 0)
        return rc;
    cli_coding coding;
    if ((rc = cli_parse_coding(&coding, a)) >= 0)
        return rc;

    double start = cli_now();
    ent_dict *dict = NULL;
    coder_state *workers = NULL;
    void **states = NULL;
    ent_formatter *header = NULL;
    code_run c = {.out = stdout, .out_name = "standard output"};

    if ((rc = cli_load_dict(&dict, a)) != CLI_EXIT_OK)
        return rc;
    rc = CLI_EXIT_INTERNAL;
    workers = calloc(run.jobs, sizeof *workers);
    states = calloc(run.jobs, sizeof *states);
    if (!workers || !states ||
        ent_formatter_create(&header, format, flags | (a->header ? ENT_FORMAT_HEADER : 0)) !=
            ENT_OK)
        goto nomem;
    for (size_t i = 0; i < run.jobs; i++) {
        if (ent_coder_create(&workers[i].coder, dict) != ENT_OK ||
            ent_formatter_create(&workers[i].fmt, format, flags) != ENT_OK)
            goto nomem;
        cli_coding_apply(workers[i].coder, &coding);
        ent_formatter_clear(workers[i].fmt); /* the header comes once, from `header` */
        states[i] = &workers[i];
    }
    if (a->output && strcmp(a->output, "-") != 0) {
        c.out = fopen(a->output, "w");
        c.out_name = a->output;
        if (!c.out) {
            cli_error("cannot write %s: %s", a->output, strerror(errno));
            c.out = stdout;
            rc = CLI_EXIT_IO;
            goto done;
        }
    }
    if (ent_formatter_write(header, c.out) != ENT_OK) {
        cli_error("cannot write %s: %s", c.out_name, strerror(errno));
        rc = CLI_EXIT_IO;
        goto done;
    }

    static const char *const stdin_only[] = {"-"};
    run.inputs = a->nfiles ? a->files : stdin_only;
    run.ninputs = a->nfiles ? a->nfiles : 1;
    c.ninputs = run.ninputs > 1 ? run.ninputs : 0;
    run.states = states;
    run.work = code_batch;
    run.consume = write_batch;
    run.ctx = &c;
    cli_progress_start();
    if ((rc = cli_run_pipeline(&run)) != CLI_EXIT_OK)
        goto done;
    if (fflush(c.out) != 0 || ferror(c.out)) {
        if (errno != EPIPE)
            cli_error("cannot write %s: %s", c.out_name, strerror(errno));
        rc = CLI_EXIT_IO;
        goto done;
    }
    cli_progress_clear();
    const cli_totals *t = &c.t;
    if (!a->quiet)
        cli_error("%zu document%s, %zu sentences, %zu events, %zu discarded, %zu skipped, "
                  "%zu undated, %.2f s",
                  t->documents, t->documents == 1 ? "" : "s", t->sentences, t->events,
                  t->discarded, run.stats.skipped + t->failed, t->undated, cli_now() - start);
    rc = run.io_failed                                                 ? CLI_EXIT_IO
         : run.stats.skipped || t->failed || run.stats.inputs_skipped ? CLI_EXIT_SKIPPED
                                                                       : CLI_EXIT_OK;
    goto done;
nomem:
    cli_error("out of memory");
done:
    cli_progress_clear();
    if (c.out != stdout && fclose(c.out) != 0 && rc == CLI_EXIT_OK) {
        cli_error("cannot write %s: %s", c.out_name, strerror(errno));
        rc = CLI_EXIT_IO;
    }
    for (size_t i = 0; workers && i < run.jobs; i++) {
        ent_formatter_destroy(workers[i].fmt);
        ent_coder_destroy(workers[i].coder);
    }
    free(workers);
    free(states);
    ent_formatter_destroy(header);
    ent_dict_destroy(dict);
    return rc;
}
