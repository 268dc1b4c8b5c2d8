/*
 * cli — `entente code`: the filter at the heart of the pipeline. Records in (files or stdin,
 * through the ingest reader), events out (through the formatter), diagnostics and a summary
 * on stderr. Also `entente code --explain TEXT`, which codes one sentence with the coder's
 * trace turned on.
 */
#include "cli.h"

#include "entente/coder.h"
#include "entente/format.h"
#include "entente/ingest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- options ---- */

/* Applies --field KEY=NAME to the reader options. Returns -1 or CLI_EXIT_USAGE. */
static int apply_field(ent_reader_options *ro, const char *spec)
{
    static const char *const keys[] = {"id", "date", "url", "title", "text"};
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec || eq[1] == '\0')
        return cli_usage_error("--field wants KEY=NAME, got '%s'", spec);
    size_t klen = (size_t)(eq - spec);
    const char **slot[] = {&ro->id_field, &ro->date_field, &ro->url_field, &ro->title_field,
                           &ro->text_field};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strlen(keys[i]) == klen && strncmp(spec, keys[i], klen) == 0) {
            *slot[i] = eq + 1;
            if (i == 4)
                ro->text_fallback = NULL; /* an explicit text field has no fallback */
            return -1;
        }
    return cli_usage_error("--field: unknown key '%.*s' (id, date, url, title or text)", (int)klen,
                           spec);
}

/* Parses --date. Returns -1 or CLI_EXIT_USAGE. */
static int parse_date(ent_date *out, const char *s)
{
    *out = ENT_DATE_NONE;
    if (!s)
        return -1;
    if (ent_date_parse(out, s, strlen(s)) != ENT_OK)
        return cli_usage_error("--date wants a date YYYY-MM-DD, got '%s'", s);
    return -1;
}

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
    ent_date date;
    int rc = parse_date(&date, a->date);
    if (rc >= 0)
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

typedef struct totals {
    size_t documents, sentences, events, discarded, failed, undated;
} totals;

/* Codes every record of the open input. Returns CLI_EXIT_OK or a fatal exit code. */
static int code_input(totals *t, ent_reader *reader, ent_coder *coder, ent_formatter *fmt,
                      FILE *out, const char *out_name)
{
    for (;;) {
        const ent_doc *doc;
        int rc = ent_reader_next(&doc, reader);
        if (rc != ENT_OK) {
            cli_error("%s", ent_strerror(rc));
            return CLI_EXIT_INTERNAL;
        }
        if (!doc)
            return CLI_EXIT_OK;
        const ent_event *ev;
        size_t n;
        ent_doc_report report;
        memset(&report, 0, sizeof report);
        rc = ent_coder_code(&ev, &n, coder, doc, &report);
        if (rc != ENT_OK) {
            const char *name;
            long line;
            ent_reader_position(&name, &line, reader);
            cli_diag(NULL, name, line,
                     rc == ENT_EINVAL ? "document too large to code; skipped" : ent_strerror(rc));
            if (rc == ENT_ENOMEM || rc == ENT_EINTERNAL)
                return CLI_EXIT_INTERNAL;
            t->failed++;
            continue;
        }
        if (report.date_source == 0) {
            /* Coded all the same, but its events carry no date: say so, once per record. */
            const char *name;
            long line;
            ent_reader_position(&name, &line, reader);
            cli_diag(NULL, name, line,
                     "no date in the record, the text or --date; its events have no date");
            t->undated++;
        }
        size_t tlen;
        const char *text = ent_coder_text(coder, &tlen);
        for (size_t i = 0; i < n; i++)
            if (ent_formatter_event(fmt, &ev[i], i, text, tlen, doc->url) != ENT_OK) {
                cli_error("out of memory");
                return CLI_EXIT_INTERNAL;
            }
        if (ent_formatter_write(fmt, out) != ENT_OK) {
            if (errno != EPIPE)
                cli_error("cannot write %s: %s", out_name, strerror(errno));
            return CLI_EXIT_IO;
        }
        t->documents++;
        t->sentences += report.sentences;
        t->discarded += report.discarded;
        t->events += n;
        ent_reader_stats st;
        ent_reader_stats_get(&st, reader);
        cli_progress_update(t->documents, st.bytes);
    }
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
    ent_reader_options ro = ENT_READER_OPTIONS_INIT;
    int rc = parse_date(&ro.default_date, a->date);
    if (rc >= 0)
        return rc;
    if (a->input_format) {
        if (strcmp(a->input_format, "auto") == 0)
            ro.format = ENT_INPUT_AUTO;
        else if (strcmp(a->input_format, "jsonl") == 0)
            ro.format = ENT_INPUT_JSONL;
        else if (strcmp(a->input_format, "text") == 0)
            ro.format = ENT_INPUT_TEXT;
        else
            return cli_usage_error("unknown input format '%s' (auto, jsonl or text)",
                                   a->input_format);
    }
    for (size_t i = 0; i < a->nfields; i++)
        if ((rc = apply_field(&ro, a->fields[i])) >= 0)
            return rc;
    ro.diag = cli_diag;

    double start = cli_now();
    ent_dict *dict = NULL;
    ent_coder *coder = NULL;
    ent_reader *reader = NULL;
    ent_formatter *fmt = NULL;
    FILE *out = stdout;
    const char *out_name = "standard output";
    totals t = {0};
    int io_failed = 0;

    if ((rc = cli_load_dict(&dict, a)) != CLI_EXIT_OK)
        return rc;
    rc = CLI_EXIT_INTERNAL;
    if (ent_coder_create(&coder, dict) != ENT_OK || ent_reader_create(&reader, &ro) != ENT_OK ||
        ent_formatter_create(&fmt, format, a->header ? ENT_FORMAT_HEADER : 0) != ENT_OK) {
        cli_error("out of memory");
        goto done;
    }
    if (a->output && strcmp(a->output, "-") != 0) {
        out = fopen(a->output, "w");
        out_name = a->output;
        if (!out) {
            cli_error("cannot write %s: %s", a->output, strerror(errno));
            out = stdout;
            rc = CLI_EXIT_IO;
            goto done;
        }
    }
    if (ent_formatter_write(fmt, out) != ENT_OK) { /* the header */
        cli_error("cannot write %s: %s", out_name, strerror(errno));
        rc = CLI_EXIT_IO;
        goto done;
    }

    cli_progress_start();
    static const char *const stdin_only[] = {"-"};
    const char *const *files = a->nfiles ? a->files : stdin_only;
    size_t nfiles = a->nfiles ? a->nfiles : 1;
    for (size_t i = 0; i < nfiles; i++) {
        int r = ent_reader_open(reader, files[i]);
        if (r != ENT_OK) {
            cli_error("%s", r == ENT_ENOMEM ? "out of memory" : ent_reader_errmsg(reader));
            if (r == ENT_ENOMEM)
                goto done;
            io_failed = 1;
            continue;
        }
        if ((r = code_input(&t, reader, coder, fmt, out, out_name)) != CLI_EXIT_OK) {
            rc = r;
            goto done;
        }
    }
    if (fflush(out) != 0 || ferror(out)) {
        if (errno != EPIPE)
            cli_error("cannot write %s: %s", out_name, strerror(errno));
        rc = CLI_EXIT_IO;
        goto done;
    }

    ent_reader_stats st;
    ent_reader_stats_get(&st, reader);
    cli_progress_clear();
    if (!a->quiet)
        cli_error("%zu document%s, %zu sentences, %zu events, %zu discarded, %zu skipped, "
                  "%zu undated, %.2f s",
                  t.documents, t.documents == 1 ? "" : "s", t.sentences, t.events, t.discarded,
                  st.skipped + t.failed, t.undated, cli_now() - start);
    rc = io_failed                                     ? CLI_EXIT_IO
         : st.skipped || t.failed || st.inputs_skipped ? CLI_EXIT_SKIPPED
                                                       : CLI_EXIT_OK;
done:
    cli_progress_clear();
    if (out != stdout && fclose(out) != 0 && rc == CLI_EXIT_OK) {
        cli_error("cannot write %s: %s", out_name, strerror(errno));
        rc = CLI_EXIT_IO;
    }
    ent_formatter_destroy(fmt);
    ent_reader_destroy(reader);
    ent_coder_destroy(coder);
    ent_dict_destroy(dict);
    return rc;
}
