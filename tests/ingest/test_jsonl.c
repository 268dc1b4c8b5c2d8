/* Tests of the JSON Lines member reader (src/ingest/jsonl.c) against jansson, which it must
 * agree with on every record it accepts: on written cases and on every line of the real news
 * files in ../shared/data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ingest/ingest_internal.h"
#include "testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static const char *const names[] = {"id", "date", "title", "text", "url", "n", "x"};
enum { NNAMES = sizeof names / sizeof names[0] };

/* Reads line with both readers; when the fast one accepts it, every member must agree.
 * Returns what the fast reader returned. */
static int agree(const char *line, size_t len)
{
    ent_buf strings = ENT_BUF_INIT;
    ent_ingest__jsonl_field f[NNAMES];
    for (size_t i = 0; i < NNAMES; i++)
        f[i].name = names[i];
    int fast = ent_ingest__jsonl_fields(&strings, line, len, f, NNAMES);
    json_error_t err;
    json_t *root = json_loadb(line, len, 0, &err);
    if (fast == 1) {
        assert_non_null(root);
        assert_true(json_is_object(root));
        for (size_t i = 0; i < NNAMES; i++) {
            json_t *v = json_object_get(root, names[i]);
            switch (f[i].type) {
            case ENT_INGEST__JSONL_MISSING:
                assert_null(v);
                break;
            case ENT_INGEST__JSONL_NULL:
                assert_true(json_is_null(v));
                break;
            case ENT_INGEST__JSONL_STRING:
                assert_true(json_is_string(v));
                assert_int_equal(f[i].len, json_string_length(v));
                assert_memory_equal(f[i].str, json_string_value(v), f[i].len);
                break;
            case ENT_INGEST__JSONL_INTEGER:
                assert_true(json_is_integer(v));
                assert_true(f[i].integer == json_integer_value(v));
                break;
            default:
                assert_true(v && !json_is_null(v) && !json_is_string(v) && !json_is_integer(v));
            }
        }
    }
    json_decref(root);
    ent_buf_free(&strings);
    return fast;
}

static int agree_str(const char *line)
{
    return agree(line, strlen(line));
}

/* Plain bytes are skipped 8 at a time: an escape, a quote or a control byte at any offset of a
 * long string is still seen where it is. */
static void specials_at_every_offset(void **state)
{
    (void)state;
    static const char *const specials[] = {"\\n", "\\\"", "\\\\", "\\u00e9", "\xc3\xa9", "\x01"};
    for (size_t k = 0; k < sizeof specials / sizeof *specials; k++)
        for (size_t at = 0; at < 20; at++) {
            char line[96];
            int n = snprintf(line, sizeof line, "{\"text\":\"%.*s%s%.*s\",\"n\":1}", (int)at,
                             "aaaaaaaaaaaaaaaaaaaa", specials[k], (int)(19 - at),
                             "aaaaaaaaaaaaaaaaaaaa");
            int fast = agree(line, (size_t)n);
            if (specials[k][0] == '\x01')
                assert_int_not_equal(fast, 1); /* a control byte inside a string */
            else
                assert_int_equal(fast, 1);
        }
}

static void written_records(void **state)
{
    (void)state;
    /* accepted, and equal to jansson's reading */
    assert_int_equal(agree_str("{\"id\":\"a1\",\"text\":\"Iran and Russia\",\"n\":42}"), 1);
    assert_int_equal(agree_str(" { \"text\" : \"tab\\there \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\" } "),
                     1);
    assert_int_equal(agree_str("{\"text\":\"caf\\u00e9 \\u20ac \\ud83d\\ude00\"}"), 1);
    assert_int_equal(agree_str("{\"text\":\"caf\xc3\xa9\",\"x\":[1,{\"a\":[true,false,null]}]}"),
                     1);
    assert_int_equal(agree_str("{\"date\":20250117,\"n\":-3,\"x\":1.5e3,\"title\":null}"), 1);
    assert_int_equal(agree_str("{\"text\":\"first\",\"text\":\"last\"}"), 1); /* the last wins */
    assert_int_equal(agree_str("{}"), 1);
    assert_int_equal(agree_str("{\"x\":{},\"n\":[],\"id\":0}"), 1);
    /* two asked-for fields with one name both get the member */
    ent_buf strings = ENT_BUF_INIT;
    ent_ingest__jsonl_field two[2] = {{.name = "url"}, {.name = "url"}};
    assert_int_equal(ent_ingest__jsonl_fields(&strings, "{\"url\":\"u\"}", 11, two, 2), 1);
    assert_int_equal(two[1].type, ENT_INGEST__JSONL_STRING);
    assert_string_equal(two[1].str, "u");
    ent_buf_free(&strings);
    /* left to jansson: malformed, not an object, or a form this reader does not take */
    assert_int_equal(agree_str("[1,2]"), 0);
    assert_int_equal(agree_str("{\"text\":\"a\" \"b\"}"), 0);
    assert_int_equal(agree_str("{\"text\":\"open"), 0);
    assert_int_equal(agree_str("{\"text\":\"a\"} trailing"), 0);
    assert_int_equal(agree_str("{\"text\":\"\\u0000\"}"), 0);        /* NUL */
    assert_int_equal(agree_str("{\"text\":\"\\ud83d\"}"), 0);        /* a lone surrogate */
    assert_int_equal(agree_str("{\"text\":\"\\x41\"}"), 0);          /* no such escape */
    assert_int_equal(agree_str("{\"text\":\"a\tb\"}"), 0);           /* a raw control byte */
    assert_int_equal(agree_str("{\"te\\u0078t\":\"a\"}"), 0);        /* an escaped key */
    assert_int_equal(agree_str("{\"n\":123456789012345678901}"), 0); /* out of range */
    assert_int_equal(agree_str("{\"n\":01}"), 0);
    assert_int_equal(agree_str("{\"n\":1.}"), 0);
    assert_int_equal(agree_str("{\"x\":tru}"), 0);
    assert_int_equal(agree_str("{\"text\":\"a\",}"), 0);
}

/* Every line of a (gzipped) JSON Lines file; returns how many the fast reader accepted. */
static size_t agree_file(const char *path, size_t *lines)
{
    gzFile g = gzopen(path, "rb");
    assert_non_null(g);
    size_t cap = 1 << 22, accepted = 0;
    char *line = malloc(cap);
    assert_non_null(line);
    *lines = 0;
    while (gzgets(g, line, (int)cap)) {
        size_t len = strlen(line);
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (!len)
            continue;
        ++*lines;
        accepted += agree(line, len) == 1;
    }
    gzclose(g);
    free(line);
    return accepted;
}

static void real_news_files(void **state)
{
    (void)state;
    static const char *const files[] = {
        "data/reuters21578/reuters21578.jsonl.gz",
        "data/wikipedia-current-events/wp_current_events_2025-09_2026-08.jsonl.gz",
        "data/wikipedia-current-events/wp_current_events_iran_russia.jsonl"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        if (!require_shared(files[i]))
            return;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", ENT_SHARED_DIR, files[i]);
        size_t lines, accepted = agree_file(path, &lines);
        /* Real records are plain objects: the fast reader takes every one of them. */
        assert_true(lines > 0);
        assert_int_equal(accepted, lines);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(written_records),
        cmocka_unit_test(specials_at_every_offset),
        cmocka_unit_test(real_news_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
