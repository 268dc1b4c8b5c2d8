/* Helpers of the reader tests (test_ingest.c, test_html.c, test_readers.c): collected diagnostics, a temp
 * folder, and reading one input through an ent_reader. */
#ifndef ENTENTE_TESTS_READERS_TESTUTIL_H
#define ENTENTE_TESTS_READERS_TESTUTIL_H

#include "entente/ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIAGS 64

typedef struct diags {
    size_t n;
    long line[MAX_DIAGS];
    char msg[MAX_DIAGS][256];
    char file[MAX_DIAGS][512];
} diags;

static inline void collect(void *ctx, const char *file, long line, const char *msg)
{
    diags *d = ctx;
    if (d->n < MAX_DIAGS) {
        d->line[d->n] = line;
        snprintf(d->msg[d->n], sizeof d->msg[0], "%s", msg);
        snprintf(d->file[d->n], sizeof d->file[0], "%s", file);
    }
    d->n++;
}

/* The index of the first diagnostic containing text, or -1. */
static inline long find_diag(const diags *d, const char *text)
{
    for (size_t i = 0; i < d->n && i < MAX_DIAGS; i++)
        if (strstr(d->msg[i], text))
            return (long)i;
    return -1;
}

static char tmpdir[256];

static inline int setup_dir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/ent_readers_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static inline int teardown_dir(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", tmpdir, tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Writes len bytes to tmpdir/name (folders must exist); returns the path (static, 4 slots). */
static inline const char *write_file(const char *name, const void *data, size_t len)
{
    static char path[4][512];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, 512, "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return p;
}

static inline ent_reader *reader_with(diags *d, const ent_reader_options *base)
{
    ent_reader_options opt = ENT_READER_OPTIONS_INIT;
    if (base)
        opt = *base;
    opt.diag = collect;
    opt.diag_ctx = d;
    ent_reader *r;
    assert_int_equal(ent_reader_create(&r, &opt), ENT_OK);
    return r;
}

static inline ent_date ymd(int y, int m, int d)
{
    return ent_date_from_ymd(y, m, d);
}

/* Asserts that the document's text is exactly want. */
static inline void assert_text(const ent_doc *doc, const char *want)
{
    assert_non_null(doc);
    assert_int_equal(doc->len, strlen(want));
    assert_memory_equal(doc->text, want, doc->len);
}

/* Does the document's text contain s? */
static inline int has(const ent_doc *doc, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; doc && i + n <= doc->len; i++)
        if (memcmp(doc->text + i, s, n) == 0)
            return 1;
    return 0;
}

#endif
