/*
 * tests — stage 1 input and stage 4 output: the record reader (src/ingest/reader.c) on JSON
 * Lines, plain text, gzip, damaged and binary inputs, and the event formatter
 * (src/coder/format.c) with its string buffer (src/util/buf.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "entente/format.h"
#include "entente/ingest.h"
#include "util/buf.h"

#include "readers_testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* ---------------------------------------------------------------- helpers ---- */

static const char *write_gz(const char *name, const void *data, size_t len)
{
    static char p[512];
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    gzFile g = gzopen(p, "wb");
    assert_non_null(g);
    assert_int_equal(gzwrite(g, data, (unsigned)len), (int)len);
    assert_int_equal(gzclose(g), Z_OK);
    return p;
}

/* ---------------------------------------------------------------- reader ---- */

static void test_jsonl_fields(void **state)
{
    (void)state;
    const char *data =
        "{\"id\":\"a1\",\"date\":\"2025-01-17\",\"url\":\"https://example.org/a1\","
        "\"title\":\"Trade deal\",\"text\":\"Russia and Iran signed a trade agreement.\"}\n"
        "\n"
        "{\"id\":42,\"date\":\"2025-01-18T10:00:00Z\",\"body\":\"Iran criticised Israel.\"}\n"
        "{\"date\":20250119,\"text\":\"Tehran hosted talks.\",\"title\":\"  \"}\r\n";
    const char *path = write_file("fields.jsonl", data, strlen(data));
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    const ent_doc *doc;

    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_non_null(doc);
    assert_string_equal(doc->id, "a1");
    assert_int_equal(doc->date, ymd(2025, 1, 17));
    assert_string_equal(doc->url, "https://example.org/a1");
    assert_string_equal(doc->title, "Trade deal");
    assert_int_equal(doc->len, strlen("Russia and Iran signed a trade agreement."));
    assert_memory_equal(doc->text, "Russia and Iran signed a trade agreement.", doc->len);
    const char *name;
    long line;
    ent_reader_position(&name, &line, r);
    assert_string_equal(name, path);
    assert_int_equal(line, 1);

    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_non_null(doc);
    assert_string_equal(doc->id, "42");
    assert_int_equal(doc->date, ymd(2025, 1, 18));
    assert_null(doc->url);
    assert_null(doc->title);
    assert_memory_equal(doc->text, "Iran criticised Israel.", doc->len);
    ent_reader_position(NULL, &line, r);
    assert_int_equal(line, 3);

    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_non_null(doc);
    char want[600];
    snprintf(want, sizeof want, "%s:4", path); /* no id: FILE:LINE */
    assert_string_equal(doc->id, want);
    assert_int_equal(doc->date, ymd(2025, 1, 19));
    assert_null(doc->title);

    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_null(doc);
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK); /* stays at the end */
    assert_null(doc);
    assert_int_equal(d.n, 0);
    ent_reader_stats st;
    ent_reader_stats_get(&st, r);
    assert_int_equal(st.records, 3);
    assert_int_equal(st.skipped, 0);
    assert_int_equal(st.bytes, strlen(data));
    ent_reader_destroy(r);
}

static void test_field_options(void **state)
{
    (void)state;
    const char *data = "{\"guid\":\"g-7\",\"published\":\"20240301\",\"link\":\"u\","
                       "\"headline\":\"H\",\"content\":\"Moscow welcomed the visit.\","
                       "\"text\":\"not this\"}\n";
    const char *path = write_file("options.jsonl", data, strlen(data));
    ent_reader_options opt = ENT_READER_OPTIONS_INIT;
    opt.id_field = "guid";
    opt.date_field = "published";
    opt.url_field = "link";
    opt.title_field = "headline";
    opt.text_field = "content";
    diags d = {0};
    ent_reader *r = reader_with(&d, &opt);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_non_null(doc);
    assert_string_equal(doc->id, "g-7");
    assert_int_equal(doc->date, ymd(2024, 3, 1));
    assert_string_equal(doc->url, "u");
    assert_string_equal(doc->title, "H");
    assert_memory_equal(doc->text, "Moscow welcomed the visit.", doc->len);
    ent_reader_destroy(r);
}

static void test_bad_records_skipped(void **state)
{
    (void)state;
    const char *data = "{\"id\":\"1\",\"text\":\"Iran and Russia held talks.\"}\n"
                       "{\"id\":\"2\",\"text\":\"broken\n"                       /* 2 */
                       "{\"id\":\"3\"}\n"                                        /* 3 */
                       "{\"id\":\"4\",\"text\":\"   \"}\n"                       /* 4 */
                       "{\"id\":\"5\",\"text\":\"x\",\"date\":\"2025-02-30\"}\n" /* 5 */
                       "{\"id\":\"6\",\"text\":\"x\",\"date\":\"yesterday\"}\n"  /* 6 */
                       "[1,2,3]\n"                                               /* 7 */
                       "{\"id\":\"8\",\"text\":17}\n"                            /* 8 */
                       "{\"id\":\"9\",\"text\":\"a\\u0000b\"}\n"                 /* 9 */
                       "{\"id\":\"10\",\"text\":\"Russia thanked Iran.\"}\n";
    const char *path = write_file("bad.jsonl", data, strlen(data));
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_string_equal(doc->id, "1");
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_non_null(doc);
    assert_string_equal(doc->id, "10");
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_null(doc);

    assert_int_equal(d.n, 8);
    static const long lines[] = {2, 3, 4, 5, 6, 7, 8, 9};
    for (size_t i = 0; i < 8; i++) {
        assert_int_equal(d.line[i], lines[i]);
        assert_string_equal(d.file[i], path);
        assert_non_null(strstr(d.msg[i], "skipped"));
    }
    assert_non_null(strstr(d.msg[0], "malformed JSON"));
    assert_non_null(strstr(d.msg[1], "no 'text'"));
    assert_non_null(strstr(d.msg[2], "empty 'text'"));
    assert_non_null(strstr(d.msg[3], "bad date"));
    assert_non_null(strstr(d.msg[5], "not a JSON object"));
    ent_reader_stats st;
    ent_reader_stats_get(&st, r);
    assert_int_equal(st.records, 2);
    assert_int_equal(st.skipped, 8);
    ent_reader_destroy(r);
}

static void test_nul_and_invalid_utf8(void **state)
{
    (void)state;
    const char data[] = "{\"id\":\"n\",\"text\":\"a\0b\"}\n"
                        "{\"id\":\"u\",\"text\":\"Iran \xff\xfe said.\"}\n";
    const char *path = write_file("nul.jsonl", data, sizeof data - 1);
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_non_null(doc);
    assert_string_equal(doc->id, "u");
    /* kept, with each invalid byte replaced by U+FFFD */
    assert_string_equal(doc->text, "Iran \xEF\xBF\xBD\xEF\xBF\xBD said.");
    assert_int_equal(d.n, 2);
    assert_int_equal(d.line[0], 1);
    assert_non_null(strstr(d.msg[0], "NUL"));
    assert_int_equal(d.line[1], 2);
    assert_non_null(strstr(d.msg[1], "invalid UTF-8"));
    ent_reader_stats st;
    ent_reader_stats_get(&st, r);
    assert_int_equal(st.records, 1);
    assert_int_equal(st.skipped, 1);
    assert_int_equal(st.invalid_utf8, 1);
    ent_reader_destroy(r);
}

static void test_dates(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        ent_date want; /* ENT_DATE_NONE + 1: skipped */
    } cases[] = {
        {"\"2025-01-17\"", 0},
        {"\"2025-01-17T10:00:00\"", 0},
        {"\"2025-01-17 10:00\"", 0},
        {"\"20250117\"", 0},
        {"20250117", 0},
        {"\"\"", ENT_DATE_NONE},
        {"null", ENT_DATE_NONE},
        {"\"2025-13-01\"", ENT_DATE_NONE + 1},
        {"\"17/01/2025\"", ENT_DATE_NONE + 1},
        {"2025", ENT_DATE_NONE + 1},
        {"true", ENT_DATE_NONE + 1},
    };
    ent_date jan17 = ymd(2025, 1, 17);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char data[200];
        int n =
            snprintf(data, sizeof data, "{\"date\":%s,\"text\":\"Iran spoke.\"}\n", cases[i].json);
        const char *path = write_file("date.jsonl", data, (size_t)n);
        diags d = {0};
        ent_reader *r = reader_with(&d, NULL);
        assert_int_equal(ent_reader_open(r, path), ENT_OK);
        const ent_doc *doc;
        assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
        if (cases[i].want == ENT_DATE_NONE + 1) {
            assert_null(doc);
            assert_int_equal(d.n, 1);
            assert_non_null(strstr(d.msg[0], "date"));
        } else {
            assert_non_null(doc);
            assert_int_equal(doc->date, cases[i].want == 0 ? jan17 : ENT_DATE_NONE);
            assert_int_equal(d.n, 0);
        }
        ent_reader_destroy(r);
    }
}

static void test_default_date(void **state)
{
    (void)state;
    const char *data = "{\"text\":\"Iran spoke.\"}\n";
    const char *path = write_file("nodate.jsonl", data, strlen(data));
    ent_reader_options opt = ENT_READER_OPTIONS_INIT;
    opt.default_date = ymd(2020, 5, 6);
    diags d = {0};
    ent_reader *r = reader_with(&d, &opt);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_int_equal(doc->date, ymd(2020, 5, 6));
    ent_reader_destroy(r);
}

static void test_plain_text(void **state)
{
    (void)state;
    const char *data = "\xEF\xBB\xBF"
                       "Russia and Iran signed a trade agreement in Moscow on Friday.\n\n"
                       "Iran's foreign minister praised the deal.\n";
    const char *path = write_file("article.txt", data, strlen(data));
    ent_reader_options opt = ENT_READER_OPTIONS_INIT;
    opt.default_date = ymd(2025, 1, 17);
    diags d = {0};
    ent_reader *r = reader_with(&d, &opt);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_non_null(doc);
    assert_string_equal(doc->id, path);
    assert_int_equal(doc->date, ymd(2025, 1, 17));
    assert_int_equal(doc->len, strlen(data) - 3); /* without the byte-order mark */
    assert_memory_equal(doc->text, data + 3, doc->len);
    assert_null(doc->url);
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_null(doc);
    assert_int_equal(d.n, 0);

    /* forced JSON Lines on text: every line is malformed */
    ent_reader_destroy(r);
    opt.format = ENT_INPUT_JSONL;
    r = reader_with(&d, &opt);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_null(doc);
    assert_int_equal(d.n, 2);
    ent_reader_destroy(r);
}

static void test_empty_inputs(void **state)
{
    (void)state;
    static const char *const inputs[] = {"", "\n\n  \n", "\xEF\xBB\xBF"};
    for (size_t i = 0; i < 3; i++) {
        const char *path = write_file("empty", inputs[i], strlen(inputs[i]));
        diags d = {0};
        ent_reader *r = reader_with(&d, NULL);
        assert_int_equal(ent_reader_open(r, path), ENT_OK);
        const ent_doc *doc;
        assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
        assert_null(doc);
        assert_int_equal(d.n, 0);
        ent_reader_destroy(r);
    }
}

static void test_missing_file(void **state)
{
    (void)state;
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(r, "/nonexistent/entente.jsonl"), ENT_ENOTFOUND);
    assert_non_null(strstr(ent_reader_errmsg(r), "/nonexistent/entente.jsonl"));
    assert_int_equal(ent_reader_open(r, tmpdir), ENT_EIO); /* a directory */
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_null(doc);
    ent_reader_destroy(r);
    ent_reader_destroy(NULL);
}

static void test_long_line(void **state)
{
    (void)state;
    const size_t n = 50u * 1024 * 1024;
    char *data = malloc(n + 100);
    assert_non_null(data);
    size_t k = (size_t)sprintf(data, "{\"id\":\"big\",\"text\":\"");
    for (size_t i = 0; i < n; i++)
        data[k + i] = "Iran and Russia. "[i % 17];
    k += n;
    k += (size_t)sprintf(data + k, "\"}\n{\"id\":\"after\",\"text\":\"x\"}\n");
    const char *path = write_file("long.jsonl", data, k);
    free(data);
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_non_null(doc);
    assert_string_equal(doc->id, "big");
    assert_int_equal(doc->len, n);
    for (size_t i = n - 5; i < n; i++)
        assert_int_equal(doc->text[i], "Iran and Russia. "[i % 17]);
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_non_null(doc);
    assert_string_equal(doc->id, "after");
    ent_reader_position(NULL, NULL, r);
    assert_int_equal(d.n, 0);
    ent_reader_destroy(r);
    unlink(path);
}

/* Many records, so the compressed stream spans more than one read. */
static char *make_records(size_t count, size_t *len)
{
    char *data = malloc(count * 100);
    assert_non_null(data);
    size_t k = 0;
    for (size_t i = 0; i < count; i++)
        k += (size_t)sprintf(data + k,
                             "{\"id\":\"r%zu\",\"date\":\"2024-06-%02zu\",\"text\":\"Russia "
                             "met Iran %zu times.\"}\n",
                             i, i % 28 + 1, i * 7919 % 100003);
    *len = k;
    return data;
}

static void test_gzip(void **state)
{
    (void)state;
    size_t len;
    char *data = make_records(20000, &len);
    const char *path = write_gz("records.jsonl.gz", data, len);
    free(data);
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    const ent_doc *doc;
    size_t count = 0;
    for (;;) {
        assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
        if (!doc)
            break;
        char want[32];
        snprintf(want, sizeof want, "r%zu", count);
        assert_string_equal(doc->id, want);
        count++;
    }
    assert_int_equal(count, 20000);
    assert_int_equal(d.n, 0);
    ent_reader_stats st;
    ent_reader_stats_get(&st, r);
    assert_int_equal(st.bytes, len);

    /* gzip plain text too */
    const char *text = "Iran condemned the strike.";
    path = write_gz("article.txt.gz", text, strlen(text));
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_non_null(doc);
    assert_string_equal(doc->text, text);
    ent_reader_destroy(r);
}

static void test_truncated_gzip(void **state)
{
    (void)state;
    size_t len;
    char *data = make_records(20000, &len);
    const char *gz = write_gz("cut.jsonl.gz", data, len);
    free(data);
    FILE *f = fopen(gz, "rb");
    assert_non_null(f);
    static char comp[4 << 20];
    size_t clen = fread(comp, 1, sizeof comp, f);
    fclose(f);
    assert_true(clen > 1000 && clen < sizeof comp);
    const char *path = write_file("cut.jsonl.gz", comp, clen / 2);

    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    const ent_doc *doc;
    size_t count = 0;
    for (;;) {
        assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
        if (!doc)
            break;
        count++;
    }
    assert_true(count > 0 && count < 20000);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.msg[0], "truncated gzip"));
    assert_int_equal(d.line[0], (long)count + 1);
    ent_reader_stats st;
    ent_reader_stats_get(&st, r);
    assert_int_equal(st.skipped, 1);

    /* a truncated plain-text document is skipped whole */
    char *text = malloc(200000);
    assert_non_null(text);
    for (size_t i = 0; i < 200000; i++)
        text[i] = "Iran and Russia signed a pact. "[i % 31];
    gz = write_gz("cut.txt.gz", text, 200000);
    free(text);
    f = fopen(gz, "rb");
    clen = fread(comp, 1, sizeof comp, f);
    fclose(f);
    path = write_file("cut.txt.gz", comp, clen - 10);
    d.n = 0;
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_null(doc);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.msg[0], "truncated gzip"));
    ent_reader_destroy(r);
}

static void test_corrupt_gzip(void **state)
{
    (void)state;
    size_t len;
    char *data = make_records(2000, &len);
    const char *gz = write_gz("bad.jsonl.gz", data, len);
    free(data);
    FILE *f = fopen(gz, "rb");
    static char comp[1 << 20];
    size_t clen = fread(comp, 1, sizeof comp, f);
    fclose(f);
    for (size_t i = clen / 2; i < clen / 2 + 64; i++)
        comp[i] ^= 0x5A;
    const char *path = write_file("bad.jsonl.gz", comp, clen);
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    const ent_doc *doc;
    size_t count = 0;
    do {
        assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
        count += doc != NULL;
    } while (doc);
    assert_true(count < 2000);
    assert_true(d.n >= 1);
    assert_non_null(strstr(d.msg[d.n - 1], "gzip"));
    ent_reader_destroy(r);
}

static void test_binary(void **state)
{
    (void)state;
    unsigned char bin[8192];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof bin; i++) {
        x = x * 1103515245u + 12345u;
        bin[i] = (unsigned char)(x >> 24);
    }
    bin[0] = 0x89, bin[1] = 'P', bin[2] = 'N', bin[3] = 'G';
    const char *path = write_file("image.png", bin, sizeof bin);
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_null(doc);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.line[0], 0);
    assert_non_null(strstr(d.msg[0], "binary"));
    ent_reader_stats st;
    ent_reader_stats_get(&st, r);
    assert_int_equal(st.inputs_skipped, 1);

    /* UTF-16 text is binary for entente too */
    const char utf16[] = "\xff\xfeI\0r\0a\0n\0 \0s\0a\0i\0d\0.\0";
    path = write_file("utf16.txt", utf16, sizeof utf16 - 1);
    d.n = 0;
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_null(doc);
    assert_int_equal(d.n, 1);

    /* one stray NUL in a long text: not binary, but that document is skipped */
    char text[6000];
    memset(text, 'a', sizeof text);
    text[5000] = '\0';
    path = write_file("nul.txt", text, sizeof text);
    d.n = 0;
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_null(doc);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.msg[0], "NUL"));
    ent_reader_destroy(r);
}

static void test_memory(void **state)
{
    (void)state;
    const char *data = "{\"id\":\"m1\",\"text\":\"Iran welcomed Russia.\"}\n{bad\n";
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open_memory(r, "demo.jsonl", data, strlen(data)), ENT_OK);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_string_equal(doc->id, "m1");
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_null(doc);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.file[0], "demo.jsonl");
    assert_int_equal(d.line[0], 2);
    ent_reader_destroy(r);
}

/* ---------------------------------------------------------------- buf ---- */

static void test_buf(void **state)
{
    (void)state;
    ent_buf b = ENT_BUF_INIT;
    assert_int_equal(ent_buf_puts(&b, "abc"), 0);
    assert_int_equal(ent_buf_appendf(&b, "-%d-%s", 42, "x"), 0);
    assert_string_equal(b.data, "abc-42-x");
    char big[5000];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(ent_buf_appendf(&b, "%s!", big), 0);
    assert_int_equal(b.len, 8 + 4999 + 1);
    assert_int_equal(b.data[b.len - 1], '!');
    ent_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    ent_buf_free(&b);
    ent_buf_free(&b);
}

static void test_json_escape(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        size_t len;
        const char *out;
    } cases[] = {
        {"plain", 5, "\"plain\""},
        {"say \"hi\"", 8, "\"say \\\"hi\\\"\""},
        {"back\\slash", 10, "\"back\\\\slash\""},
        {"a\nb\tc\rd\be\ff", 11, "\"a\\nb\\tc\\rd\\be\\ff\""},
        {"\x01\x1f\x7f", 3, "\"\\u0001\\u001f\x7f\""},
        {"caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80", 14,
         "\"caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80\""},
        {"\xE2\x80\xA8x\xE2\x80\xA9", 7, "\"\\u2028x\\u2029\""},
        {"bad \xff end", 9, "\"bad \xEF\xBF\xBD end\""},
        {"cut \xE2\x80", 6, "\"cut \xEF\xBF\xBD\""},
        {"\xED\xA0\x80", 3, "\"\xEF\xBF\xBD\""}, /* an encoded surrogate: one U+FFFD */
        {"nul\0x", 5, "\"nul\\u0000x\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ent_buf b = ENT_BUF_INIT;
        assert_int_equal(ent_buf_append_json(&b, cases[i].in, cases[i].len), 0);
        assert_string_equal(b.data, cases[i].out);
        json_error_t err;
        json_t *v = json_loadb(b.data, b.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
        assert_non_null(v); /* always valid JSON */
        json_decref(v);
        ent_buf_free(&b);
    }
    ent_buf b = ENT_BUF_INIT;
    ent_buf_append_json(&b, NULL, 0);
    assert_string_equal(b.data, "null");
    ent_buf_free(&b);
}

static void test_utf8(void **state)
{
    (void)state;
    size_t first;
    assert_int_equal(ent_utf8_invalid("ok \xC3\xA9", 5, &first), 0);
    assert_int_equal(first, 5);
    assert_int_equal(ent_utf8_invalid("a\x80 b\xC0\xAF c\xF5", 9, &first), 3);
    assert_int_equal(first, 1);
    assert_int_equal(ent_utf8_seqlen("\xF4\x90\x80\x80", 4), 0); /* > U+10FFFF */
    assert_int_equal(ent_utf8_seqlen("\xF4\x8F\xBF\xBF", 4), 4);
    assert_int_equal(ent_utf8_seqlen("\xE0\x80\x80", 3), 0); /* overlong */
    ent_buf b = ENT_BUF_INIT;
    size_t replaced = 0;
    ent_buf_append_utf8(&b, "x\xffy", 3, &replaced);
    assert_string_equal(b.data, "x\xEF\xBF\xBDy");
    assert_int_equal(replaced, 1);
    ent_buf_free(&b);
    /* ASCII is skipped 8 bytes at a time: a bad byte or a character at any offset of a
       longer run is still found, and the run's end is read byte by byte */
    for (size_t at = 0; at < 21; at++) {
        char text[21];
        memset(text, 'a', sizeof text);
        text[at] = '\xff';
        assert_int_equal(ent_utf8_invalid(text, sizeof text, &first), 1);
        assert_int_equal(first, at);
        replaced = 0;
        ent_buf_reset(&b);
        assert_int_equal(ent_buf_append_utf8(&b, text, sizeof text, &replaced), 0);
        assert_int_equal(replaced, 1);
        assert_int_equal(b.len, sizeof text + 2);
        assert_memory_equal(b.data + at, "\xEF\xBF\xBD", 3);
        text[at] = '\xC3';
        if (at + 1 < sizeof text) {
            text[at + 1] = '\xA9'; /* é */
            assert_int_equal(ent_utf8_invalid(text, sizeof text, &first), 0);
        }
    }
    ent_buf_free(&b);
}

/* ---------------------------------------------------------------- format ---- */

/*
 * A sentence and an event as the coder would return them:
 *   Russia and Iran signed a "strategic" trade agreement, in Moscow.
 */
static const char sample_text[] =
    "Title line\n\nRussia and Iran signed a \"strategic\" trade agreement, in Moscow.";

static ent_event sample_event(void)
{
    ent_event e;
    memset(&e, 0, sizeof e);
    e.doc_id = "doc-1";
    e.sentence_index = 1;
    e.date = ent_date_from_ymd(2025, 1, 17);
    e.source_code = "RUSGOV";
    e.source_name = "Russia government";
    e.target_code = "IRN";
    e.target_name = "Iran";
    strcpy(e.event_code, "0571");
    strcpy(e.event_base, "057");
    strcpy(e.event_root, "05");
    e.goldstein = 8.0;
    e.quad_class = ENT_QUAD_VERBAL_COOP;
    e.sentence = (ent_span){12, (uint32_t)strlen(sample_text)};
    e.source = (ent_span){12, 18};
    e.target = (ent_span){23, 27};
    e.verb = (ent_span){28, 34};
    e.rules[0] = "verbs.ent:12 verb sign * agreement";
    e.rules[1] = "countries.ent:3 actor Russia";
    e.nrules = 2;
    e.issues = "TRADE, ECONOMY";
    return e;
}

static const char *format_one(ent_formatter *f, const ent_event *e, const char *url)
{
    size_t len;
    assert_int_equal(ent_formatter_event(f, e, 3, sample_text, strlen(sample_text), url), ENT_OK);
    return ent_formatter_data(f, &len);
}

static void test_format_names(void **state)
{
    (void)state;
    ent_format f;
    assert_int_equal(ent_format_parse(&f, "jsonl"), ENT_OK);
    assert_int_equal(f, ENT_FORMAT_JSONL);
    assert_int_equal(ent_format_parse(&f, "gdelt"), ENT_OK);
    assert_int_equal(f, ENT_FORMAT_GDELT);
    assert_int_equal(ent_format_parse(&f, "tsv"), ENT_OK);
    assert_int_equal(f, ENT_FORMAT_GDELT);
    assert_int_equal(ent_format_parse(&f, "csv"), ENT_OK);
    assert_int_equal(f, ENT_FORMAT_CSV);
    assert_int_equal(ent_format_parse(&f, "xml"), ENT_EINVAL);
    assert_string_equal(ent_format_name(ENT_FORMAT_GDELT), "gdelt");
    ent_formatter *fm;
    assert_int_equal(ent_formatter_create(&fm, (ent_format)9, 0), ENT_EINVAL);
    assert_null(fm);
    ent_formatter_destroy(NULL);
}

static void test_format_jsonl(void **state)
{
    (void)state;
    ent_formatter *f;
    assert_int_equal(ent_formatter_create(&f, ENT_FORMAT_JSONL, ENT_FORMAT_HEADER), ENT_OK);
    size_t len;
    ent_formatter_data(f, &len);
    assert_int_equal(len, 0); /* JSON Lines has no header */
    ent_event e = sample_event();
    const char *line = format_one(f, &e, "https://example.org/a?b=\"c\"");
    const char *want =
        "{\"doc_id\":\"doc-1\",\"sentence_index\":1,\"date\":\"2025-01-17\","
        "\"source_code\":\"RUSGOV\",\"source_name\":\"Russia government\","
        "\"target_code\":\"IRN\",\"target_name\":\"Iran\",\"event_code\":\"0571\","
        "\"event_base\":\"057\",\"event_root\":\"05\",\"goldstein\":8.0,\"quad_class\":1,"
        "\"text\":\"Russia and Iran signed a \\\"strategic\\\" trade agreement, in Moscow.\","
        "\"offsets\":{\"sentence\":[12,76],\"source\":[12,18],\"target\":[23,27],"
        "\"verb\":[28,34]},\"rules\":[\"verbs.ent:12 verb sign * agreement\","
        "\"countries.ent:3 actor Russia\"],\"issues\":[\"TRADE\",\"ECONOMY\"],"
        "\"url\":\"https://example.org/a?b=\\\"c\\\"\"}\n";
    assert_string_equal(line, want);
    json_error_t err;
    json_t *v = json_loads(line, 0, &err);
    assert_non_null(v);
    /* key order is the contract */
    static const char *const keys[] = {
        "doc_id",      "sentence_index", "date",       "source_code", "source_name", "target_code",
        "target_name", "event_code",     "event_base", "event_root",  "goldstein",   "quad_class",
        "text",        "offsets",        "rules",      "issues",      "url"};
    size_t k = 0;
    for (void *it = json_object_iter(v); it; it = json_object_iter_next(v, it), k++)
        assert_string_equal(json_object_iter_key(it), keys[k]);
    assert_int_equal(k, 17);
    json_decref(v);

    /* no url, no date, no issues, NULL names, a negative weight */
    ent_formatter_clear(f);
    e.date = ENT_DATE_NONE;
    e.issues = "";
    e.source_name = NULL;
    e.goldstein = -9.5;
    e.nrules = 0;
    line = format_one(f, &e, NULL);
    assert_non_null(strstr(line, "\"date\":null,"));
    assert_non_null(strstr(line, "\"source_name\":null,"));
    assert_non_null(strstr(line, "\"goldstein\":-9.5,"));
    assert_non_null(strstr(line, "\"rules\":[],\"issues\":[]}\n"));
    assert_null(strstr(line, "url"));
    ent_formatter_destroy(f);
}

/* Splits a line (without '\n') at tabs into fields; returns their number. */
static size_t split_tabs(char *line, char **fields, size_t max)
{
    size_t n = 0;
    for (char *p = line;; p++) {
        if (n < max)
            fields[n] = p;
        n++;
        p = strchr(p, '\t');
        if (!p)
            break;
        *p = '\0';
    }
    return n;
}

static void test_format_gdelt(void **state)
{
    (void)state;
    ent_formatter *f;
    assert_int_equal(ent_formatter_create(&f, ENT_FORMAT_GDELT, ENT_FORMAT_HEADER), ENT_OK);
    ent_event e = sample_event();
    e.target_code = "UNOPKO";
    e.target_name = "UN peacekeepers";
    const char *data = format_one(f, &e, NULL);
    char *copy = strdup(data);
    assert_non_null(copy);
    char *nl = strchr(copy, '\n');
    assert_non_null(nl);
    *nl = '\0';
    char *header[64];
    assert_int_equal(split_tabs(copy, header, 64), 58);
    assert_string_equal(header[0], "GLOBALEVENTID");
    assert_string_equal(header[57], "SOURCEURL");
    char *row = nl + 1;
    char *end = strchr(row, '\n');
    assert_non_null(end);
    assert_string_equal(end, "\n");
    *end = '\0';
    char *c[64];
    assert_int_equal(split_tabs(row, c, 64), 58);
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)ent_format_event_id("doc-1", 1, 3));
    assert_string_equal(c[0], id);
    assert_string_equal(c[1], "20250117");
    assert_string_equal(c[2], "202501");
    assert_string_equal(c[3], "2025");
    assert_string_equal(c[4], "2025.0466"); /* 2025 + 17/365 */
    assert_string_equal(c[5], "RUSGOV");
    assert_string_equal(c[6], "Russia government");
    assert_string_equal(c[7], "RUS");
    assert_string_equal(c[8], "");
    assert_string_equal(c[12], "GOV");
    assert_string_equal(c[13], "");
    assert_string_equal(c[15], "UNOPKO");
    assert_string_equal(c[17], ""); /* UNO is not a country */
    assert_string_equal(c[18], "UNO");
    assert_string_equal(c[22], "PKO");
    assert_string_equal(c[25], "1");
    assert_string_equal(c[26], "0571");
    assert_string_equal(c[27], "057");
    assert_string_equal(c[28], "05");
    assert_string_equal(c[29], "1");
    assert_string_equal(c[30], "8.0");
    assert_string_equal(c[31], "1");
    assert_string_equal(c[32], "1");
    assert_string_equal(c[33], "1");
    assert_string_equal(c[34], "0");
    for (int i = 35; i <= 55; i++)
        assert_string_equal(c[i], "");
    assert_string_equal(c[56], "20250117");
    assert_string_equal(c[57], "doc-1"); /* no url: the document id */
    free(copy);

    /* url, and a tab inside a name does not add a column */
    ent_formatter_clear(f);
    e.source_name = "Russia\tgovernment";
    data = format_one(f, &e, "https://example.org/x");
    copy = strdup(data);
    copy[strlen(copy) - 1] = '\0';
    assert_int_equal(split_tabs(copy, c, 64), 58);
    assert_string_equal(c[6], "Russia government");
    assert_string_equal(c[57], "https://example.org/x");
    free(copy);
    ent_formatter_destroy(f);

    /* no header without the flag */
    assert_int_equal(ent_formatter_create(&f, ENT_FORMAT_GDELT, 0), ENT_OK);
    size_t len;
    ent_formatter_data(f, &len);
    assert_int_equal(len, 0);
    ent_formatter_destroy(f);
}

static void test_event_id(void **state)
{
    (void)state;
    int64_t a = ent_format_event_id("doc-1", 0, 0);
    assert_true(a > 0);
    assert_true(a == ent_format_event_id("doc-1", 0, 0));
    assert_true(a != ent_format_event_id("doc-1", 0, 1));
    assert_true(a != ent_format_event_id("doc-1", 1, 0));
    assert_true(a != ent_format_event_id("doc-2", 0, 0));
    assert_true(ent_format_event_id(NULL, 0, 0) > 0);
}

static void test_format_csv(void **state)
{
    (void)state;
    ent_formatter *f;
    assert_int_equal(ent_formatter_create(&f, ENT_FORMAT_CSV, 0), ENT_OK);
    ent_event e = sample_event();
    e.doc_id = "id,with \"quotes\"";
    const char *data = format_one(f, &e, NULL);
    const char *header =
        "doc_id,sentence_index,date,source_code,source_name,target_code,target_name,"
        "event_code,event_base,event_root,goldstein,quad_class,text,sentence_start,"
        "sentence_end,source_start,source_end,target_start,target_end,verb_start,verb_end,"
        "rules,issues,url\n";
    assert_memory_equal(data, header, strlen(header));
    const char *row = data + strlen(header);
    const char *want =
        "\"id,with \"\"quotes\"\"\",1,2025-01-17,RUSGOV,Russia government,IRN,Iran,0571,057,"
        "05,8.0,1,\"Russia and Iran signed a \"\"strategic\"\" trade agreement, in Moscow.\","
        "12,76,12,18,23,27,28,34,"
        "verbs.ent:12 verb sign * agreement; countries.ent:3 actor Russia,"
        "\"TRADE, ECONOMY\",\n";
    assert_string_equal(row, want);

    /* a line break inside a field is quoted, not a new record */
    ent_formatter_clear(f);
    e.doc_id = "two\nlines";
    e.issues = "";
    data = format_one(f, &e, "https://example.org/1");
    assert_memory_equal(data, "\"two\nlines\",", 12);
    assert_non_null(strstr(data, ",,https://example.org/1\n"));

    /* ent_formatter_write empties the buffer */
    FILE *null = fopen("/dev/null", "w");
    assert_non_null(null);
    assert_int_equal(ent_formatter_write(f, null), ENT_OK);
    fclose(null);
    size_t len;
    ent_formatter_data(f, &len);
    assert_int_equal(len, 0);
    ent_formatter_destroy(f);
}

static void test_format_bad_spans(void **state)
{
    (void)state;
    ent_formatter *f;
    assert_int_equal(ent_formatter_create(&f, ENT_FORMAT_JSONL, 0), ENT_OK);
    ent_event e = sample_event();
    e.verb = (ent_span){500, 600}; /* beyond the text */
    e.sentence = (ent_span){9, 3};
    size_t len;
    assert_int_equal(ent_formatter_event(f, &e, 0, sample_text, strlen(sample_text), NULL), ENT_OK);
    const char *line = ent_formatter_data(f, &len);
    assert_non_null(strstr(line, "\"text\":\"\""));
    assert_non_null(strstr(line, "\"verb\":null"));
    assert_non_null(strstr(line, "\"sentence\":null"));
    ent_formatter_clear(f);
    assert_int_equal(ent_formatter_event(f, &e, 0, NULL, 0, NULL), ENT_OK);
    line = ent_formatter_data(f, &len);
    assert_non_null(strstr(line, "\"text\":\"\""));
    ent_formatter_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonl_fields),
        cmocka_unit_test(test_field_options),
        cmocka_unit_test(test_bad_records_skipped),
        cmocka_unit_test(test_nul_and_invalid_utf8),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_default_date),
        cmocka_unit_test(test_plain_text),
        cmocka_unit_test(test_empty_inputs),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_gzip),
        cmocka_unit_test(test_truncated_gzip),
        cmocka_unit_test(test_corrupt_gzip),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_memory),
        cmocka_unit_test(test_buf),
        cmocka_unit_test(test_json_escape),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_format_jsonl),
        cmocka_unit_test(test_format_gdelt),
        cmocka_unit_test(test_event_id),
        cmocka_unit_test(test_format_csv),
        cmocka_unit_test(test_format_bad_spans),
    };
    return cmocka_run_group_tests_name("ingest", tests, setup_dir, teardown_dir);
}
