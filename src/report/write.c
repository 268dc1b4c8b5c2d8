/*
 * report — writing a built report: ent_report_write picks the writer; the JSON writer dumps
 * the model; the Markdown writer turns each section into its question, findings with their
 * citations, tables with their windows, and the evidence the section cites.
 */
#include "report_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>

/* ---------------------------------------------------------------- formats ---- */

int ent_report_format_parse(ent_report_format *out, const char *name)
{
    if (!name)
        return ENT_EINVAL;
    if (strcmp(name, "md") == 0 || strcmp(name, "markdown") == 0)
        *out = ENT_REPORT_MARKDOWN;
    else if (strcmp(name, "html") == 0)
        *out = ENT_REPORT_HTML;
    else if (strcmp(name, "json") == 0)
        *out = ENT_REPORT_JSON;
    else
        return ENT_EINVAL;
    return ENT_OK;
}

int ent_report_format_from_path(ent_report_format *out, const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot || strchr(dot, '/'))
        return ENT_EINVAL;
    dot++;
    if (strcasecmp(dot, "md") == 0 || strcasecmp(dot, "markdown") == 0)
        *out = ENT_REPORT_MARKDOWN;
    else if (strcasecmp(dot, "html") == 0 || strcasecmp(dot, "htm") == 0)
        *out = ENT_REPORT_HTML;
    else if (strcasecmp(dot, "json") == 0)
        *out = ENT_REPORT_JSON;
    else
        return ENT_EINVAL;
    return ENT_OK;
}

const char *ent_report_format_name(ent_report_format format)
{
    switch (format) {
    case ENT_REPORT_MARKDOWN:
        return "markdown";
    case ENT_REPORT_HTML:
        return "html";
    case ENT_REPORT_JSON:
        return "json";
    }
    return "?";
}

int ent_report_write(const ent_report *r, ent_report_format format, FILE *fp)
{
    if (!r || !fp)
        return ENT_EINVAL;
    int rc;
    switch (format) {
    case ENT_REPORT_JSON:
        rc = json_dumpf(r->model, fp, JSON_INDENT(1) | JSON_REAL_PRECISION(10)) == 0 ? ENT_OK
                                                                                     : ENT_EIO;
        if (rc == ENT_OK && fputc('\n', fp) == EOF)
            rc = ENT_EIO;
        break;
    case ENT_REPORT_MARKDOWN:
        rc = ent_report__markdown(r->model, fp);
        break;
    case ENT_REPORT_HTML:
        rc = ent_report__html(r->model, fp);
        break;
    default:
        return ENT_EINVAL;
    }
    if (rc == ENT_OK && ferror(fp))
        rc = ENT_EIO;
    return rc;
}

/* ---------------------------------------------------------------- markdown ---- */

/* Text with the characters Markdown would read as markup escaped. */
static void md(FILE *fp, const char *s)
{
    for (; s && *s; s++) {
        if (strchr("\\`*_[]<>|#", *s))
            fputc('\\', fp);
        fputc(*s == '\n' || *s == '\r' ? ' ' : *s, fp);
    }
}

static void md_refs(FILE *fp, const json_t *cite)
{
    size_t i;
    json_t *v;
    json_array_foreach(cite, i, v)
    {
        fprintf(fp, " [%lld]", (long long)json_integer_value(v));
    }
}

/* One evidence item: where the claim comes from. */
static void md_evidence(FILE *fp, const json_t *e)
{
    double g = ent_report__num(e, "goldstein");
    fprintf(fp, "- [%lld] %s, ", (long long)ent_report__num(e, "n"), ent_report__str(e, "date"));
    md(fp, ent_report__str(e, "source"));
    if (*ent_report__str(e, "source_name")) {
        fputs(" (", fp);
        md(fp, ent_report__str(e, "source_name"));
        fputc(')', fp);
    }
    fputs(" → ", fp);
    md(fp, ent_report__str(e, "target"));
    if (*ent_report__str(e, "target_name")) {
        fputs(" (", fp);
        md(fp, ent_report__str(e, "target_name"));
        fputc(')', fp);
    }
    fprintf(fp, ", CAMEO %s", ent_report__str(e, "code"));
    if (*ent_report__str(e, "label")) {
        fputc(' ', fp);
        md(fp, ent_report__str(e, "label"));
    }
    fprintf(fp, ", Goldstein %+.1f", g);
    if (*ent_report__str(e, "sentence")) {
        fputs(": \"", fp);
        md(fp, ent_report__str(e, "sentence"));
        fputc('"', fp);
    }
    fputs(" —", fp);
    if (*ent_report__str(e, "outlet")) {
        fputc(' ', fp);
        md(fp, ent_report__str(e, "outlet"));
        fputc(',', fp);
    }
    const char *url = ent_report__str(e, "url");
    if (*url && !url[strcspn(url, " \t<>")]) {
        fprintf(fp, " <%s>", url); /* an autolink */
    } else if (*url) {
        fputc(' ', fp);
        md(fp, url);
    }
    if (*ent_report__str(e, "doc_key")) {
        fputs(" document `", fp);
        fputs(ent_report__str(e, "doc_key"), fp);
        fputc('`', fp);
    } else {
        fputs(" ", fp);
        md(fp, ent_report__str(e, "origin"));
        fputs(" event ", fp);
        md(fp, ent_report__str(e, "origin_id"));
    }
    long long sources = (long long)ent_report__num(e, "sources");
    fprintf(fp, " (%lld source%s)\n", sources, sources == 1 ? "" : "s");
}

/* Marks in seen[] the evidence numbers a text cites as "[n]". */
static void mark_refs(unsigned char *seen, size_t n, const char *s)
{
    while ((s = strchr(s, '['))) {
        char *end;
        long v = strtol(s + 1, &end, 10);
        if (end != s + 1 && *end == ']' && v > 0 && (size_t)v <= n)
            seen[v - 1] = 1;
        s++;
    }
}

static void md_table(FILE *fp, const json_t *t, unsigned char *seen, size_t nev)
{
    const json_t *w = json_object_get(t, "window");
    fputs("\n**", fp);
    md(fp, ent_report__str(t, "caption"));
    fprintf(fp, "** (window %s to %s)\n\n|", ent_report__str(w, "from"), ent_report__str(w, "to"));
    size_t i, k;
    json_t *c, *row;
    json_t *cols = json_object_get(t, "columns");
    json_array_foreach(cols, i, c)
    {
        fputc(' ', fp);
        md(fp, json_string_value(c));
        fputs(" |", fp);
    }
    fputs("\n|", fp);
    for (i = 0; i < json_array_size(cols); i++)
        fputs("---|", fp);
    fputc('\n', fp);
    json_array_foreach(json_object_get(t, "rows"), k, row)
    {
        fputc('|', fp);
        json_array_foreach(row, i, c)
        {
            const char *s = json_string_value(c);
            fputc(' ', fp);
            /* Citations in cells stay links to the evidence, not escaped brackets. */
            if (s && s[0] == '[' && strspn(s + 1, "0123456789") + 2 == strlen(s))
                fputs(s, fp);
            else
                md(fp, s);
            mark_refs(seen, nev, s ? s : "");
            fputs(" |", fp);
        }
        fputc('\n', fp);
    }
}

static int md_section(FILE *fp, const json_t *sec, const json_t *evidence)
{
    size_t nev = json_array_size(evidence);
    unsigned char *seen = calloc(nev ? nev : 1, 1);
    if (!seen)
        return ENT_ENOMEM;
    const json_t *w = json_object_get(sec, "window");
    fprintf(fp, "\n## %lld. ", (long long)ent_report__num(sec, "number"));
    md(fp, ent_report__str(sec, "title"));
    fputs("\n\n*", fp);
    md(fp, ent_report__str(sec, "question"));
    fprintf(fp, "* Window: %s to %s.\n\n", ent_report__str(w, "from"), ent_report__str(w, "to"));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(sec, "findings"), i, v)
    {
        fputs("- ", fp);
        md(fp, ent_report__str(v, "text"));
        md_refs(fp, json_object_get(v, "cite"));
        fputc('\n', fp);
        size_t k;
        json_t *n;
        json_array_foreach(json_object_get(v, "cite"), k, n)
        {
            json_int_t num = json_integer_value(n);
            if (num > 0 && (size_t)num <= nev)
                seen[num - 1] = 1;
        }
    }
    json_array_foreach(json_object_get(sec, "tables"), i, v)
    {
        md_table(fp, v, seen, nev);
    }
    json_array_foreach(json_object_get(sec, "charts"), i, v)
    {
        fputs("\n*Chart in the HTML report: ", fp);
        md(fp, ent_report__str(v, "title"));
        fputs(".*\n", fp);
    }
    int any = 0;
    for (size_t k = 0; k < nev; k++)
        if (seen[k]) {
            if (!any++)
                fputs("\n**Evidence**\n\n", fp);
            md_evidence(fp, json_array_get(evidence, k));
        }
    free(seen);
    return ENT_OK;
}

/* The reliability figure in one line per direction, for the top of the report. */
static void md_reliability(FILE *fp, const json_t *m)
{
    size_t i;
    json_t *sec;
    json_array_foreach(json_object_get(m, "sections"), i, sec)
    {
        if (strcmp(ent_report__str(sec, "id"), "reliability") != 0)
            continue;
        size_t k;
        json_t *d;
        json_array_foreach(json_object_get(json_object_get(sec, "data"), "directions"), k, d)
        {
            json_t *r = json_object_get(d, "coop_ratio");
            fprintf(fp, "- **Reliability of %s for %s:** %s", ent_report__str(d, "partner"),
                    ent_report__str(d, "attacked"), ent_report__str(d, "verdict"));
            if (json_is_number(r))
                fprintf(fp, " (cooperation after %lld shock days at x%.2f its usual rate)",
                        (long long)ent_report__num(d, "shock_days"), json_number_value(r));
            fputs(".\n", fp);
        }
    }
}

int ent_report__markdown(const json_t *m, FILE *fp)
{
    const json_t *a = json_object_get(m, "a"), *b = json_object_get(m, "b");
    const json_t *c = json_object_get(m, "third"), *w = json_object_get(m, "window");
    fputs("# ", fp);
    md(fp, ent_report__str(a, "name"));
    fputs(" and ", fp);
    md(fp, ent_report__str(b, "name"));
    fputs(": the relationship in the event record\n\n", fp);
    fprintf(fp, "*entente report %s %s", ent_report__str(a, "code"), ent_report__str(b, "code"));
    if (json_is_object(c))
        fprintf(fp, ", third party %s (%s)", ent_report__str(c, "code"),
                ent_report__str(c, "chosen"));
    fprintf(fp,
            ". Window %s to %s (%s); %lld events between the two in the %s store. Every "
            "figure names its window; every finding cites its events, listed under each "
            "section.*\n\n",
            ent_report__str(w, "from"), ent_report__str(w, "to"), ent_report__str(w, "how"),
            (long long)ent_report__num(json_object_get(m, "store"), "dyad_events"),
            ent_report__str(json_object_get(m, "store"), "backend"));
    md_reliability(fp, m);
    fputs("\n## Contents\n\n", fp);
    size_t i;
    json_t *sec;
    json_array_foreach(json_object_get(m, "sections"), i, sec)
    {
        fprintf(fp, "%lld. ", (long long)ent_report__num(sec, "number"));
        md(fp, ent_report__str(sec, "title"));
        fputc('\n', fp);
    }
    json_array_foreach(json_object_get(m, "sections"), i, sec)
    {
        if (md_section(fp, sec, json_object_get(m, "evidence")) != ENT_OK)
            return ENT_ENOMEM;
    }
    return ferror(fp) ? ENT_EIO : ENT_OK;
}
