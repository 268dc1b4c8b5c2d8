/*
 * Benchmark of HTML extraction (not a test): generates realistic news pages (head metadata,
 * navigation, cookie banner, article paragraphs with inline links, share widgets, related
 * and most-popular lists, comments, footer) and prints, for one core:
 *   - gumbo's parse alone (parse and free), the baseline measured in the same run;
 *   - entente's extraction through the reader: parse, walk, boilerplate scoring, metadata;
 *   - the ratio, which is the cost of everything entente adds to the parse.
 * Usage: bench_html [ROUNDS] [PAGES]   (best of ROUNDS, default 5; PAGES default 400)
 */
#include "entente/ingest.h"

#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint32_t rng = 2463534242u;

static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static const char *const words[] = {
    "Iran",  "Russia", "Moscow",  "Tehran", "the",      "ministers", "said",   "on",
    "a",     "of",     "and",     "to",     "agreement", "sanctions", "energy", "talks",
    "with",  "in",     "that",    "would",  "officials", "meeting",  "trade",  "for",
    "was",   "by",     "their",   "new",    "pipeline", "military",  "after",  "week",
};

/* Appends a sentence of 12 to 30 words, some of them links. */
static size_t sentence(char *out, int links)
{
    size_t k = 0, n = 12 + next_rand() % 19;
    for (size_t i = 0; i < n; i++) {
        const char *w = words[next_rand() % (sizeof words / sizeof words[0])];
        int link = links && next_rand() % 15 == 0;
        k += (size_t)sprintf(out + k, "%s%s%s%s", i ? " " : "", link ? "<a href=\"/t\">" : "", w,
                             link ? "</a>" : "");
    }
    k += (size_t)sprintf(out + k, ". ");
    return k;
}

/* Writes one page into out (at least 64 KB); returns its length. */
static size_t page(char *out, int id)
{
    size_t k = (size_t)sprintf(
        out,
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Story %d | Wire</title>"
        "<meta property=\"og:title\" content=\"Story %d\"><meta property=\"og:site_name\" "
        "content=\"Wire\"><meta property=\"article:published_time\" content=\"2025-01-17\">"
        "<link rel=\"canonical\" href=\"https://wire.example/%d\"><style>body{margin:0}</style>"
        "<script>window.ads=[1,2,3];</script></head><body>"
        "<div class=\"cookie-banner\">We use cookies. <a href=\"/p\">Privacy</a></div>"
        "<header><nav><ul>",
        id, id, id);
    for (int i = 0; i < 12; i++)
        k += (size_t)sprintf(out + k, "<li><a href=\"/s%d\">Section %d</a></li>", i, i);
    k += (size_t)sprintf(out + k, "</ul></nav></header><main><article><h1>Story %d</h1>"
                                  "<div class=\"byline\">By Staff</div>", id);
    int paras = 6 + (int)(next_rand() % 10);
    for (int p = 0; p < paras; p++) {
        k += (size_t)sprintf(out + k, "<p>");
        int sentences = 1 + (int)(next_rand() % 4);
        for (int s = 0; s < sentences; s++)
            k += sentence(out + k, 1);
        k += (size_t)sprintf(out + k, "</p>");
        if (p == 2)
            k += (size_t)sprintf(out + k, "<div class=\"share\"><a href=\"#\">Share</a> "
                                          "<a href=\"#\">Tweet</a></div>");
    }
    k += (size_t)sprintf(out + k, "</article><aside class=\"related\"><h3>Related</h3><ul>");
    for (int i = 0; i < 8; i++)
        k += (size_t)sprintf(out + k, "<li><a href=\"/r%d\">Related story number %d</a></li>", i, i);
    k += (size_t)sprintf(out + k, "</ul></aside><section id=\"comments\">");
    for (int i = 0; i < 5; i++) {
        k += (size_t)sprintf(out + k, "<div class=\"comment\"><p>");
        k += sentence(out + k, 0);
        k += (size_t)sprintf(out + k, "</p></div>");
    }
    k += (size_t)sprintf(out + k, "</section></main><footer><p>Copyright Wire.</p>"
                                  "<a href=\"/about\">About</a></footer></body></html>");
    return k;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    int npages = argc > 2 ? atoi(argv[2]) : 400;
    if (rounds < 1 || npages < 1) {
        fprintf(stderr, "usage: bench_html [ROUNDS] [PAGES]\n");
        return 2;
    }
    char **pages = malloc((size_t)npages * sizeof *pages);
    size_t *lens = malloc((size_t)npages * sizeof *lens);
    size_t bytes = 0;
    if (!pages || !lens)
        return 1;
    for (int i = 0; i < npages; i++) {
        pages[i] = malloc(64 * 1024);
        if (!pages[i])
            return 1;
        lens[i] = page(pages[i], i);
        bytes += lens[i];
    }
    struct utsname u;
    uname(&u);
    printf("machine: %s %s %s\n", u.sysname, u.release, u.machine);
    double mb = (double)bytes / 1e6;
    printf("corpus: %d generated pages, %.1f MB\n", npages, mb);

    ent_reader *r;
    ent_reader_options opt = ENT_READER_OPTIONS_INIT;
    opt.format = ENT_INPUT_HTML;
    if (ent_reader_create(&r, &opt) != ENT_OK)
        return 1;
    GumboOptions gopt = kGumboDefaultOptions;
    gopt.max_errors = 0; /* as the reader parses */
    double parse_best = 1e9, extract_best = 1e9;
    size_t kept = 0;
    for (int round = 0; round < rounds; round++) {
        double t0 = now();
        for (int i = 0; i < npages; i++) {
            GumboOutput *out = gumbo_parse_with_options(&gopt, pages[i], lens[i]);
            gumbo_destroy_output(&gopt, out);
        }
        double t1 = now();
        kept = 0;
        for (int i = 0; i < npages; i++) {
            const ent_doc *doc;
            if (ent_reader_open_memory(r, "bench.html", pages[i], lens[i]) != ENT_OK ||
                ent_reader_next(&doc, r) != ENT_OK || !doc)
                return 1;
            kept += doc->len;
        }
        double t2 = now();
        if (t1 - t0 < parse_best)
            parse_best = t1 - t0;
        if (t2 - t1 < extract_best)
            extract_best = t2 - t1;
    }
    printf("gumbo parse alone (baseline): %.1f MB/s, %.0f pages/s\n", mb / parse_best,
           npages / parse_best);
    printf("entente HTML extraction:      %.1f MB/s, %.0f pages/s, %.1f%% of the bytes kept\n",
           mb / extract_best, npages / extract_best, 100.0 * (double)kept / (double)bytes);
    printf("ratio extraction / parse: %.2fx the baseline's time\n", extract_best / parse_best);
    ent_reader_destroy(r);
    for (int i = 0; i < npages; i++)
        free(pages[i]);
    free(pages);
    free(lens);
    return 0;
}
