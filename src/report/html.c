/*
 * report — the HTML writer: one self-contained page (styles inline, no script, nothing
 * fetched) with the sections of the model, citations linked to the evidence list at the end,
 * and the charts drawn as inline SVG from the numbers in the model:
 *   series   the monthly events of both directions, change points as dashed lines
 *   pillars  stacked bars of the dyad's events by pillar and year
 *   triad    A, B and C with the sign and mean of each tie
 *   network  the most active countries on a circle, grouped by bloc, ties coloured by sign
 */
#include "report_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Text for HTML content and attribute values. */
static void esc(FILE *fp, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", fp);
            break;
        case '<':
            fputs("&lt;", fp);
            break;
        case '>':
            fputs("&gt;", fp);
            break;
        case '"':
            fputs("&quot;", fp);
            break;
        default:
            fputc(*s, fp);
        }
    }
}

static const char *const palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                      "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
#define NPALETTE (sizeof palette / sizeof palette[0])

static double num_at(const json_t *a, size_t i)
{
    const json_t *v = json_array_get(a, i);
    return json_is_number(v) ? json_number_value(v) : 0.0;
}

/* ---------------------------------------------------------------- charts ---- */

enum { W = 800, H = 300, ML = 50, MR = 20, MT = 24, MB = 44 };

static double px(size_t i, size_t n)
{
    return ML + (n > 1 ? (double)i * (W - ML - MR) / (double)(n - 1) : (W - ML - MR) / 2.0);
}

static double py(double v, double max)
{
    return MT + (H - MT - MB) * (1.0 - (max > 0 ? v / max : 0));
}

static void svg_open(FILE *fp, const char *title, int height)
{
    fprintf(fp,
            "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
            "width=\"%d\" height=\"%d\" role=\"img\"><title>",
            W, height, W, height);
    esc(fp, title);
    fputs("</title>\n", fp);
}

static void svg_close(FILE *fp, const json_t *chart)
{
    const json_t *w = json_object_get(chart, "window");
    fputs("</svg><figcaption>", fp);
    esc(fp, ent_report__str(chart, "title"));
    fprintf(fp, " (window %s to %s)</figcaption></figure>\n", ent_report__str(w, "from"),
            ent_report__str(w, "to"));
}

static void y_axis(FILE *fp, double max)
{
    for (int k = 0; k <= 2; k++) {
        double v = max * k / 2.0, y = py(v, max);
        fprintf(fp,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>"
                "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%.0f</text>\n",
                ML, y, W - MR, y, ML - 6, y + 4, v);
    }
}

static void series_chart(FILE *fp, const json_t *c)
{
    const json_t *months = json_object_get(c, "months"), *ab = json_object_get(c, "ab");
    const json_t *ba = json_object_get(c, "ba"), *labels = json_object_get(c, "labels");
    size_t n = json_array_size(months);
    double max = 1;
    for (size_t i = 0; i < n; i++)
        max = fmax(max, fmax(num_at(ab, i), num_at(ba, i)));
    svg_open(fp, ent_report__str(c, "title"), H);
    y_axis(fp, max);
    /* A year label every step years, so at most about 12 labels. */
    size_t years = n / 12 + 1, step = (years + 11) / 12;
    for (size_t i = 0; i < n; i++) {
        const char *m = json_string_value(json_array_get(months, i));
        if (!m || strlen(m) < 7 || strcmp(m + 5, "01") != 0 || (size_t)atoi(m) % step)
            continue;
        fprintf(fp, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%.4s</text>\n",
                px(i, n), H - MB + 16, m);
    }
    const json_t *dirs[2] = {ab, ba};
    for (int d = 0; d < 2; d++) {
        fprintf(fp, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"",
                palette[d]);
        for (size_t i = 0; i < n; i++)
            fprintf(fp, "%.1f,%.1f ", px(i, n), py(num_at(dirs[d], i), max));
        fputs("\"/>\n", fp);
        const char *a = json_string_value(json_array_get(labels, d));
        const char *b = json_string_value(json_array_get(labels, 1 - d));
        fprintf(fp, "<text x=\"%d\" y=\"%d\" fill=\"%s\" class=\"legend\">", ML + 10 + d * 140,
                MT - 8, palette[d]);
        esc(fp, a);
        fputs(" → ", fp);
        esc(fp, b);
        fputs("</text>\n", fp);
    }
    size_t i;
    const json_t *cp;
    json_array_foreach(json_object_get(c, "change_points"), i, cp)
    {
        double x = px((size_t)ent_report__num(cp, "index"), n);
        int tone = strcmp(ent_report__str(cp, "measure"), "goldstein") == 0;
        fprintf(fp,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                "stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" class=\"tick\">",
                x, MT, x, H - MB, tone ? "#9467bd" : "#444", x + 3, MT + 12 + (int)(i % 3) * 12);
        esc(fp, ent_report__str(cp, "month"));
        fputs(tone ? " tone" : " rate", fp);
        fputs("</text>\n", fp);
    }
    svg_close(fp, c);
}

static void pillars_chart(FILE *fp, const json_t *c)
{
    const json_t *years = json_object_get(c, "years"), *counts = json_object_get(c, "counts");
    const json_t *names = json_object_get(c, "pillars");
    size_t n = json_array_size(years), np = json_array_size(names);
    double max = 1;
    for (size_t i = 0; i < n; i++) {
        double sum = 0;
        for (size_t p = 0; p < np; p++)
            sum += num_at(json_array_get(counts, i), p);
        max = fmax(max, sum);
    }
    svg_open(fp, ent_report__str(c, "title"), H + 20);
    y_axis(fp, max);
    double slot = (double)(W - ML - MR) / (double)(n ? n : 1);
    size_t step = n / 16 + 1;
    for (size_t i = 0; i < n; i++) {
        double base = 0, x = ML + slot * (double)i + slot * 0.1;
        for (size_t p = 0; p < np; p++) {
            double v = num_at(json_array_get(counts, i), p);
            if (v <= 0)
                continue;
            double y0 = py(base, max), y1 = py(base + v, max);
            fprintf(fp,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                    "<title>%lld ",
                    x, y1, slot * 0.8, y0 - y1, palette[p % NPALETTE],
                    (long long)json_integer_value(json_array_get(years, i)));
            esc(fp, json_string_value(json_array_get(names, p)));
            fprintf(fp, ": %.0f</title></rect>\n", v);
            base += v;
        }
        if (i % step == 0)
            fprintf(fp,
                    "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%lld"
                    "</text>\n",
                    x + slot * 0.4, H - MB + 16,
                    (long long)json_integer_value(json_array_get(years, i)));
    }
    for (size_t p = 0; p < np; p++) {
        fprintf(fp,
                "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                "<text x=\"%d\" y=\"%d\" class=\"legend\">",
                ML + (int)p * 105, H + 2, palette[p % NPALETTE], ML + (int)p * 105 + 14, H + 11);
        esc(fp, json_string_value(json_array_get(names, p)));
        fputs("</text>\n", fp);
    }
    svg_close(fp, c);
}

static const char *sign_colour(int s)
{
    return s > 0 ? "#2ca02c" : s < 0 ? "#d62728" : "#999";
}

static void triad_chart(FILE *fp, const json_t *c)
{
    static const double pos[3][2] = {{200, 240}, {600, 240}, {400, 50}};
    const json_t *nodes = json_object_get(c, "nodes");
    svg_open(fp, ent_report__str(c, "title"), 290);
    size_t i;
    const json_t *e;
    json_array_foreach(json_object_get(c, "edges"), i, e)
    {
        int a = (int)ent_report__num(e, "from") % 3, b = (int)ent_report__num(e, "to") % 3;
        int s = (int)ent_report__num(e, "sign");
        fprintf(fp,
                "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\" "
                "stroke-width=\"4\"%s/>\n",
                pos[a][0], pos[a][1], pos[b][0], pos[b][1], sign_colour(s),
                s ? "" : " stroke-dasharray=\"6 4\"");
        /* The label sits outside the triangle, beside its edge's middle. */
        double mx = (pos[a][0] + pos[b][0]) / 2, my = (pos[a][1] + pos[b][1]) / 2;
        double dx = mx - 400, dy = my - 177, len = sqrt(dx * dx + dy * dy);
        fprintf(fp,
                "<text x=\"%.0f\" y=\"%.0f\" class=\"edge\" text-anchor=\"%s\">%c "
                "mean %+.2f, %lld events</text>\n",
                mx + 24 * dx / len, my + 24 * dy / len + 5,
                dx < -1  ? "end"
                : dx > 1 ? "start"
                         : "middle",
                s > 0   ? '+'
                : s < 0 ? '-'
                        : '0',
                ent_report__num(e, "mean"), (long long)ent_report__num(e, "events"));
    }
    for (int k = 0; k < 3; k++) {
        fprintf(fp,
                "<circle cx=\"%.0f\" cy=\"%.0f\" r=\"26\" fill=\"#fff\" stroke=\"#333\" "
                "stroke-width=\"2\"/><text x=\"%.0f\" y=\"%.0f\" class=\"node\" "
                "text-anchor=\"middle\">",
                pos[k][0], pos[k][1], pos[k][0], pos[k][1] + 5);
        esc(fp, json_string_value(json_array_get(nodes, (size_t)k)));
        fputs("</text>\n", fp);
    }
    fprintf(fp, "<text x=\"16\" y=\"24\" class=\"legend\">%s</text>\n",
            ent_report__num(c, "balance") > 0   ? "balanced"
            : ent_report__num(c, "balance") < 0 ? "unbalanced"
                                                : "open");
    svg_close(fp, c);
}

/* Edges drawn: the strongest, so that hundreds of ties stay legible. */
#define MAX_EDGES 150

static const double PI = 3.14159265358979323846;

static int by_weight(const void *p, const void *q)
{
    double a = fabs(ent_report__num(*(json_t *const *)p, "w"));
    double b = fabs(ent_report__num(*(json_t *const *)q, "w"));
    return a > b ? -1 : a < b;
}

static void network_chart(FILE *fp, const json_t *c)
{
    const json_t *nodes = json_object_get(c, "nodes"), *edges = json_object_get(c, "edges");
    size_t n = json_array_size(nodes), ne = json_array_size(edges);
    double *ang = malloc((n ? n : 1) * sizeof *ang);
    json_t **strong = malloc((ne ? ne : 1) * sizeof *strong);
    if (!ang || !strong) {
        free(ang);
        free(strong);
        return;
    }
    /* Nodes around the circle bloc by bloc, so blocs show as arcs. */
    size_t k = 0;
    for (long b = 1; k < n && b <= (long)n; b++)
        for (size_t i = 0; i < n; i++)
            if ((long)ent_report__num(json_array_get(nodes, i), "bloc") == b)
                ang[i] = 2 * PI * (double)k++ / (double)n - PI / 2;
    for (size_t i = 0; i < ne; i++)
        strong[i] = json_array_get(edges, i);
    qsort(strong, ne, sizeof *strong, by_weight);
    double wmax = ne ? fabs(ent_report__num(strong[0], "w")) : 1;
    const double cx = 400, cy = 250, r = 200;
    svg_open(fp, ent_report__str(c, "title"), 500);
    for (size_t i = 0; i < ne && i < MAX_EDGES; i++) {
        size_t a = (size_t)ent_report__num(strong[i], "a"),
               b = (size_t)ent_report__num(strong[i], "b");
        double w = ent_report__num(strong[i], "w");
        if (a >= n || b >= n)
            continue;
        fprintf(fp,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                "stroke-opacity=\"0.45\" stroke-width=\"%.2f\"/>\n",
                cx + r * cos(ang[a]), cy + r * sin(ang[a]), cx + r * cos(ang[b]),
                cy + r * sin(ang[b]), sign_colour(w > 0 ? 1 : -1), 0.4 + 3.6 * fabs(w) / wmax);
    }
    for (size_t i = 0; i < n; i++) {
        const json_t *node = json_array_get(nodes, i);
        long b = (long)ent_report__num(node, "bloc");
        double x = cx + r * cos(ang[i]), y = cy + r * sin(ang[i]);
        fprintf(fp,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"%s\"><title>bloc %ld"
                "</title></circle><text x=\"%.1f\" y=\"%.1f\" class=\"tick\" "
                "text-anchor=\"middle\">",
                x, y, palette[(size_t)(b > 0 ? b - 1 : 0) % NPALETTE], b,
                cx + (r + 20) * cos(ang[i]), cy + (r + 20) * sin(ang[i]) + 4);
        esc(fp, ent_report__str(node, "code"));
        fputs("</text>\n", fp);
    }
    svg_close(fp, c);
    free(ang);
    free(strong);
}

static void chart(FILE *fp, const json_t *c)
{
    const char *kind = ent_report__str(c, "kind");
    if (strcmp(kind, "series") == 0)
        series_chart(fp, c);
    else if (strcmp(kind, "pillars") == 0)
        pillars_chart(fp, c);
    else if (strcmp(kind, "triad") == 0)
        triad_chart(fp, c);
    else if (strcmp(kind, "network") == 0)
        network_chart(fp, c);
}

/* ---------------------------------------------------------------- page ---- */

static void cite_links(FILE *fp, const json_t *cite)
{
    size_t i;
    json_t *v;
    json_array_foreach(cite, i, v)
    {
        long long n = (long long)json_integer_value(v);
        fprintf(fp, " <a href=\"#e%lld\">[%lld]</a>", n, n);
    }
}

/* A table cell; a lone "[n]" becomes a link to the evidence. */
static void cell(FILE *fp, const char *s)
{
    fputs("<td>", fp);
    if (s && s[0] == '[' && strlen(s) > 2 && strspn(s + 1, "0123456789") + 2 == strlen(s))
        fprintf(fp, "<a href=\"#e%.*s\">%s</a>", (int)strlen(s) - 2, s + 1, s);
    else
        esc(fp, s);
    fputs("</td>", fp);
}

static void table(FILE *fp, const json_t *t)
{
    const json_t *w = json_object_get(t, "window");
    fputs("<table><caption>", fp);
    esc(fp, ent_report__str(t, "caption"));
    fprintf(fp, " <span class=\"window\">(window %s to %s)</span></caption>\n<tr>",
            ent_report__str(w, "from"), ent_report__str(w, "to"));
    size_t i, k;
    json_t *c, *row;
    json_array_foreach(json_object_get(t, "columns"), i, c)
    {
        fputs("<th>", fp);
        esc(fp, json_string_value(c));
        fputs("</th>", fp);
    }
    fputs("</tr>\n", fp);
    json_array_foreach(json_object_get(t, "rows"), k, row)
    {
        fputs("<tr>", fp);
        json_array_foreach(row, i, c)
        {
            cell(fp, json_string_value(c));
        }
        fputs("</tr>\n", fp);
    }
    fputs("</table>\n", fp);
}

static void section(FILE *fp, const json_t *sec)
{
    const json_t *w = json_object_get(sec, "window");
    fprintf(fp, "<section id=\"%s\"><h2>%lld. ", ent_report__str(sec, "id"),
            (long long)ent_report__num(sec, "number"));
    esc(fp, ent_report__str(sec, "title"));
    fputs("</h2>\n<p class=\"question\">", fp);
    esc(fp, ent_report__str(sec, "question"));
    fprintf(fp, " <span class=\"window\">Window: %s to %s.</span></p>\n<ul>\n",
            ent_report__str(w, "from"), ent_report__str(w, "to"));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(sec, "findings"), i, v)
    {
        fputs("<li>", fp);
        esc(fp, ent_report__str(v, "text"));
        cite_links(fp, json_object_get(v, "cite"));
        fputs("</li>\n", fp);
    }
    fputs("</ul>\n", fp);
    json_array_foreach(json_object_get(sec, "charts"), i, v)
    {
        chart(fp, v);
    }
    json_array_foreach(json_object_get(sec, "tables"), i, v)
    {
        table(fp, v);
    }
    fputs("</section>\n", fp);
}

static void evidence_item(FILE *fp, const json_t *e)
{
    fprintf(fp, "<li id=\"e%lld\" value=\"%lld\"><span class=\"date\">%s</span> ",
            (long long)ent_report__num(e, "n"), (long long)ent_report__num(e, "n"),
            ent_report__str(e, "date"));
    esc(fp, ent_report__str(e, "source"));
    if (*ent_report__str(e, "source_name")) {
        fputs(" (", fp);
        esc(fp, ent_report__str(e, "source_name"));
        fputs(")", fp);
    }
    fputs(" → ", fp);
    esc(fp, ent_report__str(e, "target"));
    if (*ent_report__str(e, "target_name")) {
        fputs(" (", fp);
        esc(fp, ent_report__str(e, "target_name"));
        fputs(")", fp);
    }
    fprintf(fp, ", CAMEO %s ", ent_report__str(e, "code"));
    esc(fp, ent_report__str(e, "label"));
    fprintf(fp, ", Goldstein %+.1f", ent_report__num(e, "goldstein"));
    if (*ent_report__str(e, "sentence")) {
        fputs(": <q>", fp);
        esc(fp, ent_report__str(e, "sentence"));
        fputs("</q>", fp);
    }
    fputs(" — ", fp);
    const char *url = ent_report__str(e, "url");
    if (*url && (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0)) {
        fputs("<a href=\"", fp);
        esc(fp, url);
        fputs("\">", fp);
        esc(fp, *ent_report__str(e, "outlet") ? ent_report__str(e, "outlet") : url);
        fputs("</a>", fp);
    } else if (*url) {
        esc(fp, url);
    }
    if (*ent_report__str(e, "doc_key")) {
        fputs(" document <code>", fp);
        esc(fp, ent_report__str(e, "doc_key"));
        fputs("</code>", fp);
    } else {
        fputc(' ', fp);
        esc(fp, ent_report__str(e, "origin"));
        fputs(" event <code>", fp);
        esc(fp, ent_report__str(e, "origin_id"));
        fputs("</code>", fp);
    }
    long long sources = (long long)ent_report__num(e, "sources");
    fprintf(fp, " (%lld source%s)</li>\n", sources, sources == 1 ? "" : "s");
}

/* The reliability figure, one line per direction, under the title. */
static void headline(FILE *fp, const json_t *m)
{
    size_t i, k;
    json_t *sec, *d;
    json_array_foreach(json_object_get(m, "sections"), i, sec)
    {
        if (strcmp(ent_report__str(sec, "id"), "reliability") != 0)
            continue;
        fputs("<ul class=\"headline\">\n", fp);
        json_array_foreach(json_object_get(json_object_get(sec, "data"), "directions"), k, d)
        {
            json_t *r = json_object_get(d, "coop_ratio");
            fputs("<li><b>Reliability of ", fp);
            esc(fp, ent_report__str(d, "partner"));
            fputs(" for ", fp);
            esc(fp, ent_report__str(d, "attacked"));
            fputs(":</b> ", fp);
            esc(fp, ent_report__str(d, "verdict"));
            if (json_is_number(r))
                fprintf(fp, " (cooperation after %lld shock days at x%.2f its usual rate)",
                        (long long)ent_report__num(d, "shock_days"), json_number_value(r));
            fputs(".</li>\n", fp);
        }
        fputs("</ul>\n", fp);
    }
}

static const char style[] =
    "body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;"
    "color:#222}h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;"
    "margin-top:2em}.question{font-style:italic}.window,.meta{color:#666;font-size:.9em}"
    "table{border-collapse:collapse;margin:1em 0;font-size:.88em}caption{text-align:left;"
    "font-weight:600;padding:.3em 0}td,th{border:1px solid #ddd;padding:.2em .5em;"
    "text-align:left;vertical-align:top}th{background:#f4f4f4}figure{margin:1em 0}"
    "svg{max-width:100%;height:auto;background:#fcfcfc;border:1px solid #eee}"
    "figcaption{color:#555;font-size:.88em}.grid{stroke:#e4e4e4}.tick{font-size:11px;"
    "fill:#555}.legend{font-size:12px}.edge{font-size:13px;fill:#333}.node{font-size:14px;"
    "font-weight:700}ol.evidence li{margin:.3em 0}q{font-style:italic}.date{font-weight:600}";

int ent_report__html(const json_t *m, FILE *fp)
{
    const json_t *a = json_object_get(m, "a"), *b = json_object_get(m, "b");
    const json_t *c = json_object_get(m, "third"), *w = json_object_get(m, "window");
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
          fp);
    esc(fp, ent_report__str(a, "name"));
    fputs(" and ", fp);
    esc(fp, ent_report__str(b, "name"));
    fprintf(fp, ": entente report</title><style>%s</style></head><body>\n<h1>", style);
    esc(fp, ent_report__str(a, "name"));
    fputs(" and ", fp);
    esc(fp, ent_report__str(b, "name"));
    fputs(": the relationship in the event record</h1>\n<p class=\"meta\">entente report ", fp);
    esc(fp, ent_report__str(a, "code"));
    fputc(' ', fp);
    esc(fp, ent_report__str(b, "code"));
    if (json_is_object(c)) {
        fputs(", third party ", fp);
        esc(fp, ent_report__str(c, "code"));
        fputs(" (", fp);
        esc(fp, ent_report__str(c, "chosen"));
        fputs(")", fp);
    }
    fprintf(fp, ". Window %s to %s (", ent_report__str(w, "from"), ent_report__str(w, "to"));
    esc(fp, ent_report__str(w, "how"));
    fprintf(fp,
            "); %lld events between the two in the %s store. Every figure names its window; "
            "every finding links the events it rests on.</p>\n",
            (long long)ent_report__num(json_object_get(m, "store"), "dyad_events"),
            ent_report__str(json_object_get(m, "store"), "backend"));
    headline(fp, m);
    fputs("<nav><ol>\n", fp);
    size_t i;
    json_t *sec;
    json_array_foreach(json_object_get(m, "sections"), i, sec)
    {
        fprintf(fp, "<li><a href=\"#%s\">", ent_report__str(sec, "id"));
        esc(fp, ent_report__str(sec, "title"));
        fputs("</a></li>\n", fp);
    }
    fputs("<li><a href=\"#evidence\">Evidence</a></li></ol></nav>\n", fp);
    json_array_foreach(json_object_get(m, "sections"), i, sec)
    {
        section(fp, sec);
    }
    fputs("<section id=\"evidence\"><h2>Evidence</h2>\n<ol class=\"evidence\">\n", fp);
    json_t *e;
    json_array_foreach(json_object_get(m, "evidence"), i, e)
    {
        evidence_item(fp, e);
    }
    fputs("</ol></section>\n</body></html>\n", fp);
    return ferror(fp) ? ENT_EIO : ENT_OK;
}
