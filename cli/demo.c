/*
 * cli — `entente demo`: codes the demo corpus compiled into the library
 * (data/demo/iran-russia.jsonl) and prints a short readable summary, so a new user sees
 * what entente does without any input of their own.
 */
#include "cli.h"

#include "entente/coder.h"
#include "entente/ingest.h"
#include "util/embedded.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_FILE "demo/iran-russia.jsonl"
#define MAX_EXAMPLES 6
#define TOP_DYADS 8

typedef struct dyad {
    char source[24], target[24];
    size_t count;
    double goldstein; /* sum */
} dyad;

typedef struct example {
    char source[24], target[24], code[5], date[11];
    double goldstein;
    char *sentence;
} example;

typedef struct demo {
    size_t documents, sentences, events, discarded;
    size_t per_root[21]; /* CAMEO roots 01..20 */
    dyad *dyads;
    size_t ndyads, dyads_cap;
    example examples[MAX_EXAMPLES];
    size_t nexamples;
    int root_seen[21];
    ent_date first, last;
} demo;

static void copy_code(char dst[24], const char *src)
{
    snprintf(dst, 24, "%s", src ? src : "");
}

static int add_dyad(demo *d, const ent_event *e)
{
    char s[24], t[24];
    copy_code(s, e->source_code);
    copy_code(t, e->target_code);
    for (size_t i = 0; i < d->ndyads; i++)
        if (strcmp(d->dyads[i].source, s) == 0 && strcmp(d->dyads[i].target, t) == 0) {
            d->dyads[i].count++;
            d->dyads[i].goldstein += e->goldstein;
            return 0;
        }
    if (d->ndyads == d->dyads_cap) {
        size_t cap = d->dyads_cap ? d->dyads_cap * 2 : 64;
        dyad *p = realloc(d->dyads, cap * sizeof *p);
        if (!p)
            return -1;
        d->dyads = p;
        d->dyads_cap = cap;
    }
    dyad *y = &d->dyads[d->ndyads++];
    memcpy(y->source, s, sizeof s);
    memcpy(y->target, t, sizeof t);
    y->count = 1;
    y->goldstein = e->goldstein;
    return 0;
}

/* Keeps the first event of each CAMEO root as an example, up to MAX_EXAMPLES. */
static int add_example(demo *d, const ent_event *e, int root, const char *text, size_t len)
{
    if (d->nexamples == MAX_EXAMPLES || d->root_seen[root])
        return 0;
    if (e->sentence.start > e->sentence.end || e->sentence.end > len)
        return 0;
    example *x = &d->examples[d->nexamples];
    size_t n = e->sentence.end - e->sentence.start;
    x->sentence = malloc(n + 1);
    if (!x->sentence)
        return -1;
    memcpy(x->sentence, text + e->sentence.start, n);
    x->sentence[n] = '\0';
    for (char *p = x->sentence; *p; p++)
        if (*p == '\n' || *p == '\t' || *p == '\r')
            *p = ' ';
    copy_code(x->source, e->source_code);
    copy_code(x->target, e->target_code);
    snprintf(x->code, sizeof x->code, "%s", e->event_code);
    ent_date_format(x->date, e->date);
    x->goldstein = e->goldstein;
    d->root_seen[root] = 1;
    d->nexamples++;
    return 0;
}

static int by_count(const void *a, const void *b)
{
    const dyad *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    int c = strcmp(x->source, y->source);
    return c ? c : strcmp(x->target, y->target);
}

static void print_summary(const demo *d, const ent_dict *dict)
{
    char a[11], b[11];
    printf("entente demo: the built-in corpus %s\n\n", DEMO_FILE);
    printf("  documents  %zu\n", d->documents);
    printf("  sentences  %zu (%zu discarded)\n", d->sentences, d->discarded);
    printf("  events     %zu\n", d->events);
    if (d->first != ENT_DATE_NONE) {
        ent_date_format(a, d->first);
        ent_date_format(b, d->last);
        printf("  dates      %s .. %s\n", a, b);
    }

    printf("\nEvents per CAMEO root\n");
    size_t max = 1;
    for (int r = 1; r <= 20; r++)
        if (d->per_root[r] > max)
            max = d->per_root[r];
    for (int r = 1; r <= 20; r++) {
        if (!d->per_root[r])
            continue;
        char code[3] = {(char)('0' + r / 10), (char)('0' + r % 10), '\0'};
        const char *label = NULL;
        ent_dict_cameo(NULL, &label, dict, code);
        int bar = (int)((d->per_root[r] * 30 + max - 1) / max);
        printf("  %s  %-40.40s %5zu  %.*s\n", code, label ? label : "", d->per_root[r], bar,
               "##############################");
    }

    printf("\nTop dyads (source -> target)\n");
    for (size_t i = 0; i < d->ndyads && i < TOP_DYADS; i++) {
        const dyad *y = &d->dyads[i];
        printf("  %-10s -> %-10s %5zu event%s, mean Goldstein %+.1f\n", y->source, y->target,
               y->count, y->count == 1 ? " " : "s", y->goldstein / (double)y->count);
    }

    printf("\nExamples\n");
    for (size_t i = 0; i < d->nexamples; i++) {
        const example *x = &d->examples[i];
        const char *label = NULL;
        ent_dict_cameo(NULL, &label, dict, x->code);
        printf("  %s  %s -> %s  %s %s (Goldstein %+.1f)\n", x->date[0] ? x->date : "----------",
               x->source, x->target, x->code, label ? label : "", x->goldstein);
        size_t n = strlen(x->sentence), cut = n;
        if (n > 160) { /* shorten at a character boundary */
            cut = 157;
            while (cut > 0 && ((unsigned char)x->sentence[cut] & 0xC0) == 0x80)
                cut--;
        }
        printf("    \"%.*s%s\"\n", (int)cut, x->sentence, cut < n ? "..." : "");
    }
}

int cli_demo(const cli_args *a)
{
    const struct ent_embedded_file *f = ent__embedded_find(DEMO_FILE);
    if (!f) {
        cli_error("the demo corpus %s is not built into this entente", DEMO_FILE);
        return CLI_EXIT_INTERNAL;
    }
    ent_dict *dict = NULL;
    int rc = cli_load_dict(&dict, a);
    if (rc != CLI_EXIT_OK)
        return rc;
    ent_coder *coder = NULL;
    ent_reader *reader = NULL;
    ent_reader_options ro = ENT_READER_OPTIONS_INIT;
    ro.diag = cli_diag;
    demo d;
    memset(&d, 0, sizeof d);
    d.first = d.last = ENT_DATE_NONE;
    rc = CLI_EXIT_INTERNAL;
    if (ent_coder_create(&coder, dict) != ENT_OK || ent_reader_create(&reader, &ro) != ENT_OK ||
        ent_reader_open_memory(reader, DEMO_FILE, f->data, f->len) != ENT_OK) {
        cli_error("out of memory");
        goto done;
    }
    for (;;) {
        const ent_doc *doc;
        if (ent_reader_next(&doc, reader) != ENT_OK) {
            cli_error("out of memory");
            goto done;
        }
        if (!doc)
            break;
        const ent_event *ev;
        size_t n;
        ent_doc_report report;
        memset(&report, 0, sizeof report);
        int r = ent_coder_code(&ev, &n, coder, doc, &report);
        if (r != ENT_OK) {
            cli_error("%s: %s", doc->id, ent_strerror(r));
            goto done;
        }
        size_t tlen;
        const char *text = ent_coder_text(coder, &tlen);
        d.documents++;
        d.sentences += report.sentences;
        d.discarded += report.discarded;
        d.events += n;
        for (size_t i = 0; i < n; i++) {
            const ent_event *e = &ev[i];
            int root = atoi(e->event_root);
            if (root < 1 || root > 20)
                continue;
            d.per_root[root]++;
            if (e->date != ENT_DATE_NONE) {
                if (d.first == ENT_DATE_NONE || e->date < d.first)
                    d.first = e->date;
                if (d.last == ENT_DATE_NONE || e->date > d.last)
                    d.last = e->date;
            }
            if (add_dyad(&d, e) < 0 || add_example(&d, e, root, text, tlen) < 0) {
                cli_error("out of memory");
                goto done;
            }
        }
    }
    if (d.ndyads)
        qsort(d.dyads, d.ndyads, sizeof *d.dyads, by_count);
    print_summary(&d, dict);
    ent_reader_stats st;
    ent_reader_stats_get(&st, reader);
    rc = st.skipped ? CLI_EXIT_SKIPPED : CLI_EXIT_OK;
done:
    for (size_t i = 0; i < d.nexamples; i++)
        free(d.examples[i].sentence);
    free(d.dyads);
    ent_reader_destroy(reader);
    ent_coder_destroy(coder);
    ent_dict_destroy(dict);
    return rc;
}
