/*
 * Benchmark of reading JSON Lines news records (not a test): every line of the Reuters-21578
 * and Wikipedia current-events files in ../shared/data, read for the seven fields a document
 * needs, by entente's member reader (src/ingest/jsonl.c) and, as the baseline measured in the
 * same run, by jansson building each record's tree. Prints MB/s, records/s and the ratio.
 * Usage: bench_jsonl [ROUNDS]   (best of ROUNDS, default 3)
 */
#include "ingest/ingest_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct lines {
    char *data; /* the lines, each ended by '\n' */
    size_t len, cap, count;
} lines;

static int load(lines *l, const char *path)
{
    gzFile g = gzopen(path, "rb");
    if (!g)
        return -1;
    char buf[1 << 16];
    int n;
    while ((n = gzread(g, buf, sizeof buf)) > 0) {
        if (l->len + (size_t)n > l->cap) {
            l->cap = (l->len + (size_t)n) * 2;
            l->data = realloc(l->data, l->cap);
            if (!l->data)
                return -1;
        }
        memcpy(l->data + l->len, buf, (size_t)n);
        l->len += (size_t)n;
        for (int i = 0; i < n; i++)
            l->count += buf[i] == '\n';
    }
    gzclose(g);
    return 0;
}

static const char *const names[] = {"id", "date", "url", "title", "text", "source", "byline"};
enum { N = sizeof names / sizeof names[0] };

/* One pass over the lines with the member reader; returns the text bytes read. */
static size_t pass_fast(const lines *l, ent_buf *strings)
{
    size_t bytes = 0;
    ent_ingest__jsonl_field f[N];
    for (size_t i = 0; i < N; i++)
        f[i].name = names[i];
    for (const char *s = l->data, *end = l->data + l->len; s < end;) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        if (n && ent_ingest__jsonl_fields(strings, s, n, f, N) == 1 &&
            f[4].type == ENT_INGEST__JSONL_STRING)
            bytes += f[4].len;
        s += n + 1;
    }
    return bytes;
}

/* The same with jansson: parse the tree, then get the members. */
static size_t pass_jansson(const lines *l)
{
    size_t bytes = 0;
    for (const char *s = l->data, *end = l->data + l->len; s < end;) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        json_error_t err;
        json_t *root = n ? json_loadb(s, n, 0, &err) : NULL;
        if (root) {
            for (size_t i = 0; i < N; i++) {
                json_t *v = json_object_get(root, names[i]);
                if (i == 4 && json_is_string(v))
                    bytes += json_string_length(v);
            }
            json_decref(root);
        }
        s += n + 1;
    }
    return bytes;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 3;
    if (rounds < 1)
        rounds = 1;
    static const char *const files[] = {
        "data/reuters21578/reuters21578.jsonl.gz",
        "data/wikipedia-current-events/wp_current_events_2025-09_2026-08.jsonl.gz"};
    lines l = {0};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", ENT_SHARED_DIR, files[i]);
        if (load(&l, path) < 0) {
            printf("bench_jsonl: %s not readable; not run\n", path);
            return 0;
        }
    }
    ent_buf strings = ENT_BUF_INIT;
    double best_fast = 1e9, best_jansson = 1e9;
    size_t text_fast = 0, text_jansson = 0;
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        text_fast = pass_fast(&l, &strings);
        double t1 = now();
        text_jansson = pass_jansson(&l);
        double t2 = now();
        best_fast = t1 - t0 < best_fast ? t1 - t0 : best_fast;
        best_jansson = t2 - t1 < best_jansson ? t2 - t1 : best_jansson;
    }
    double mb = l.len / 1e6;
    printf("input: %.1f MB, %zu JSON Lines records (Reuters-21578 + Wikipedia current events)\n",
           mb, l.count);
    printf("jansson tree (baseline):   %6.0f MB/s, %8.0f records/s\n", mb / best_jansson,
           l.count / best_jansson);
    printf("member reader:             %6.0f MB/s, %8.0f records/s, %.1fx the baseline\n",
           mb / best_fast, l.count / best_fast, best_jansson / best_fast);
    if (text_fast != text_jansson)
        printf("MISMATCH: text bytes %zu (member reader) vs %zu (jansson)\n", text_fast,
               text_jansson);
    ent_buf_free(&strings);
    free(l.data);
    return text_fast == text_jansson ? 0 : 1;
}
