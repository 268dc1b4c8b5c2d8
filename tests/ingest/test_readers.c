/*
 * tests — stage 1 readers beyond JSON Lines: CSV news records (RFC 4180 quoting, malformed
 * rows), zstd and concatenated gzip, the source and byline fields, format detection, the
 * directory walk, and plain text with a link-list tail (the seed article of ../shared).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "readers_testutil.h"
#include "testutil.h"

#include "entente/coder.h"

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

/* ---------------------------------------------------------------- CSV ---- */

static void test_csv(void **state)
{
    (void)state;
    const char *data =
        "\xEF\xBB\xBFid,Date,url,title,text,source,author\r\n"
        "c1,2025-01-17,https://www.wire.example/a,\"Pact, signed\",\"Iran and Russia signed "
        "a pact.\r\nThe \"\"new\"\" era began.\",,Ana Ruiz\r\n"
        "c2,\"January 18, 2025\",,,Moscow hosted talks.,Tass,\r\n"
        "\r\n"
        "c3,2025-01-19,,,\"stray quote,x,y\r\n"  /* line 6: the quote closes 4 lines on */
        "c4,2025-01-20,,,Tehran replied.,IRNA,\r\n" /* line 7 */
        "c5,2025-01-21,,,too,many,fields,here\r\n"  /* line 8 */
        "c6,2025-13-40,,,Bad date.,,\r\n"          /* line 9 */
        "c7,,https://x.example/7,,\"Last one, quoted\",,\n"
        "c8,,,,\"never closed,,";                    /* line 11 */
    const char *path = write_file("news.csv", data, strlen(data));
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    const ent_doc *doc;
    long line;

    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_non_null(doc);
    assert_int_equal(ent_reader_format(r), ENT_INPUT_CSV);
    assert_string_equal(doc->id, "c1");
    assert_int_equal(doc->date, ymd(2025, 1, 17));
    assert_string_equal(doc->title, "Pact, signed");
    assert_string_equal(doc->text, "Iran and Russia signed a pact.\r\nThe \"new\" era began.");
    assert_int_equal(doc->len, strlen(doc->text));
    assert_string_equal(doc->url, "https://www.wire.example/a");
    assert_string_equal(doc->source, "www.wire.example"); /* no source: the URL's host */
    assert_string_equal(doc->byline, "Ana Ruiz");
    ent_reader_position(NULL, &line, r);
    assert_int_equal(line, 2);

    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_string_equal(doc->id, "c2");
    assert_int_equal(doc->date, ymd(2025, 1, 18));
    assert_null(doc->url);
    assert_null(doc->title);
    assert_null(doc->byline);
    assert_string_equal(doc->source, "Tass");
    ent_reader_position(NULL, &line, r);
    assert_int_equal(line, 4);

    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_string_equal(doc->id, "c4");
    ent_reader_position(NULL, &line, r);
    assert_int_equal(line, 7);

    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_string_equal(doc->id, "c7");
    assert_string_equal(doc->text, "Last one, quoted");
    assert_string_equal(doc->source, "x.example");
    assert_int_equal(doc->date, ENT_DATE_NONE);
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_null(doc);

    assert_int_equal(d.n, 4);
    assert_int_equal(d.line[0], 6);
    assert_non_null(strstr(d.msg[0], "stray quote"));
    assert_string_equal(d.file[0], path);
    assert_int_equal(d.line[1], 8);
    assert_non_null(strstr(d.msg[1], "8 fields, the header 7"));
    assert_int_equal(d.line[2], 9);
    assert_non_null(strstr(d.msg[2], "bad date"));
    assert_int_equal(d.line[3], 11);
    assert_non_null(strstr(d.msg[3], "unterminated quoted field"));
    ent_reader_stats st;
    ent_reader_stats_get(&st, r);
    assert_int_equal(st.records, 4);
    assert_int_equal(st.skipped, 4);
    ent_reader_destroy(r);
}

static void test_csv_header_and_options(void **state)
{
    (void)state;
    diags d = {0};
    /* no text column: the input is skipped with one diagnostic */
    const char *bad = "id,headline\n1,Hello\n";
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(r, write_file("nohead.csv", bad, strlen(bad))), ENT_OK);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_null(doc);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.line[0], 1);
    assert_non_null(strstr(d.msg[0], "no 'text' column"));
    ent_reader_destroy(r);

    /* configured names, the body fallback, byline before author, a forced format */
    ent_reader_options opt = ENT_READER_OPTIONS_INIT;
    opt.id_field = "guid";
    opt.source_field = "outlet";
    opt.format = ENT_INPUT_CSV;
    const char *data = "guid,body,outlet,byline,author\ng1,\"Iran spoke.\",Press TV,Kim Lee,"
                       "Other\n";
    d.n = 0;
    r = reader_with(&d, &opt);
    assert_int_equal(ent_reader_open(r, write_file("forced.txt", data, strlen(data))), ENT_OK);
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_non_null(doc);
    assert_string_equal(doc->id, "g1");
    assert_string_equal(doc->text, "Iran spoke.");
    assert_string_equal(doc->source, "Press TV");
    assert_string_equal(doc->byline, "Kim Lee");
    assert_int_equal(d.n, 0);
    ent_reader_destroy(r);
}

/* ---------------------------------------------------------------- compression ---- */

static char *records(size_t count, size_t *len)
{
    char *data = malloc(count * 80);
    assert_non_null(data);
    size_t k = 0;
    for (size_t i = 0; i < count; i++)
        k += (size_t)sprintf(data + k, "{\"id\":\"z%zu\",\"text\":\"Russia met Iran %zu times.\"}\n",
                             i, i * 7919 % 100003);
    *len = k;
    return data;
}

/* Counts the documents left; with check_ids, they must be z0, z1, … in order. */
static size_t count_docs(ent_reader *r, int check_ids)
{
    const ent_doc *doc;
    size_t n = 0;
    for (;;) {
        assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
        if (!doc)
            return n;
        char want[32];
        snprintf(want, sizeof want, "z%zu", n);
        if (check_ids)
            assert_string_equal(doc->id, want);
        n++;
    }
}

static void test_zstd(void **state)
{
    (void)state;
    size_t len;
    char *data = records(30000, &len);
    size_t cap = ZSTD_compressBound(len) * 2;
    char *comp = malloc(cap);
    assert_non_null(comp);
    /* two frames back to back: both are read */
    size_t half = len / 2;
    while (data[half - 1] != '\n')
        half++;
    size_t c1 = ZSTD_compress(comp, cap, data, half, 3);
    assert_false(ZSTD_isError(c1));
    size_t c2 = ZSTD_compress(comp + c1, cap - c1, data + half, len - half, 3);
    assert_false(ZSTD_isError(c2));
    const char *path = write_file("records.jsonl.zst", comp, c1 + c2);
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    assert_int_equal(count_docs(r, 1), 30000);
    assert_int_equal(d.n, 0);
    ent_reader_stats st;
    ent_reader_stats_get(&st, r);
    assert_int_equal(st.bytes, len);

    /* truncated: the records before the cut, then one diagnostic naming the file */
    path = write_file("cut.jsonl.zst", comp, c1 + c2 / 2);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    size_t n = count_docs(r, 1);
    assert_true(n >= 15000 && n < 30000);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(d.msg[0], "truncated zstd"));
    assert_string_equal(d.file[0], path);
    assert_int_equal(d.line[0], (long)n + 1);

    /* corrupt, in a frame with a checksum (as zstd(1) writes): reported, and no crash */
    ZSTD_CCtx *cc = ZSTD_createCCtx();
    assert_non_null(cc);
    assert_false(ZSTD_isError(ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1)));
    size_t cs = ZSTD_compress2(cc, comp, cap, data, len);
    assert_false(ZSTD_isError(cs));
    ZSTD_freeCCtx(cc);
    for (size_t i = cs / 2; i < cs / 2 + 60; i++)
        comp[i] ^= 0x3C;
    path = write_file("bad.jsonl.zst", comp, cs);
    d.n = 0;
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    n = count_docs(r, 0);
    assert_true(n < 30000);
    assert_true(d.n >= 1);
    assert_non_null(strstr(d.msg[d.n - 1], "zstd"));

    /* zstd plain text, from memory */
    const char *text = "Iran condemned the strike.";
    size_t c = ZSTD_compress(comp, cap, text, strlen(text), 1);
    d.n = 0;
    assert_int_equal(ent_reader_open_memory(r, "mem.txt.zst", comp, c), ENT_OK);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_non_null(doc);
    assert_int_equal(doc->len, strlen(text));
    assert_memory_equal(doc->text, text, doc->len);
    ent_reader_destroy(r);
    free(comp);
    free(data);
}

/* Appends a gzip member of len bytes to the file at path. */
static void append_gz(const char *path, const char *data, size_t len)
{
    gzFile g = gzopen(path, "ab");
    assert_non_null(g);
    assert_int_equal(gzwrite(g, data, (unsigned)len), (int)len);
    assert_int_equal(gzclose(g), Z_OK);
}

static void test_gzip_members(void **state)
{
    (void)state;
    size_t len;
    char *data = records(3000, &len);
    char path[512];
    snprintf(path, sizeof path, "%s/members.jsonl.gz", tmpdir);
    unlink(path);
    append_gz(path, data, len / 3); /* the members split a record */
    append_gz(path, data + len / 3, len - len / 3);
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    assert_int_equal(count_docs(r, 1), 3000);
    assert_int_equal(d.n, 0);
    ent_reader_destroy(r);
    free(data);
}

/* ---------------------------------------------------------------- chunks ---- */

/* Cuts path into chunks of want bytes and parses each with a second reader, as the worker
 * pool does: returns the records, checking ids z0, z1, … in order; chunks must be whole lines
 * that put the input back together. */
static size_t read_in_chunks(const char *path, const char *whole, size_t whole_len, size_t want,
                             diags *d)
{
    ent_reader *cutter = reader_with(d, NULL), *parser = reader_with(d, NULL);
    assert_int_equal(ent_reader_open(cutter, path), ENT_OK);
    size_t at = 0, n = 0;
    long next_line = 1;
    for (;;) {
        const char *data;
        size_t len;
        long line;
        assert_int_equal(ent_reader_next_chunk(&data, &len, &line, cutter, want), ENT_OK);
        if (len == 0)
            break;
        assert_int_equal(line, next_line);
        assert_true(at + len <= whole_len);
        assert_memory_equal(data, whole + at, len);
        at += len;
        for (size_t i = 0; i < len; i++)
            next_line += data[i] == '\n';
        assert_int_equal(data[len - 1], '\n'); /* whole lines only */
        assert_int_equal(ent_reader_open_chunk(parser, path, data, len, line), ENT_OK);
        const ent_doc *doc;
        for (;;) {
            assert_int_equal(ent_reader_next(&doc, parser), ENT_OK);
            if (!doc)
                break;
            char want_id[32];
            snprintf(want_id, sizeof want_id, "z%zu", n++);
            assert_string_equal(doc->id, want_id);
        }
    }
    ent_reader_stats st;
    ent_reader_stats_get(&st, parser);
    assert_int_equal(st.records, n);
    assert_int_equal(st.inputs, 0); /* chunks are parts of an input, not inputs */
    ent_reader_destroy(cutter);
    ent_reader_destroy(parser);
    return n;
}

static void test_chunks(void **state)
{
    (void)state;
    size_t len;
    char *data = records(3000, &len);
    diags d = {0};
    const char *path = write_file("chunks.jsonl", data, len);
    /* Chunks of every size, from smaller than a line to the whole input. */
    size_t wants[] = {1, 100, 4096, 65536, 1 << 20};
    for (size_t i = 0; i < sizeof wants / sizeof wants[0]; i++)
        assert_int_equal(read_in_chunks(path, data, len, wants[i], &d), 3000);
    assert_int_equal(d.n, 0);

    /* A malformed line in a chunk is named by its line in the whole input. */
    char *bad = malloc(len + 64);
    assert_non_null(bad);
    size_t cut = 0;
    for (int lines = 0; lines < 1500; cut++)
        lines += data[cut] == '\n';
    memcpy(bad, data, cut);
    size_t k = cut + (size_t)sprintf(bad + cut, "{\"id\": broken\n");
    memcpy(bad + k, data + cut, len - cut);
    path = write_file("chunks-bad.jsonl", bad, k + len - cut);
    ent_reader *cutter = reader_with(&d, NULL), *parser = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(cutter, path), ENT_OK);
    const char *chunk;
    size_t clen;
    long line;
    size_t docs = 0;
    while (ent_reader_next_chunk(&chunk, &clen, &line, cutter, 4096) == ENT_OK && clen) {
        assert_int_equal(ent_reader_open_chunk(parser, path, chunk, clen, line), ENT_OK);
        docs += count_docs(parser, 0);
    }
    assert_int_equal(docs, 3000);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.line[0], 1501);
    ent_reader_destroy(cutter);
    ent_reader_destroy(parser);

    /* A truncated gzip stream: the whole lines before the break come out, the broken one is
       reported, as when reading records. */
    d.n = 0;
    char gz[512];
    snprintf(gz, sizeof gz, "%s/chunks-cut.jsonl.gz", tmpdir);
    unlink(gz);
    append_gz(gz, data, len);
    FILE *f = fopen(gz, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    assert_int_equal(ftruncate(fileno(f), size / 2), 0);
    fclose(f);
    cutter = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(cutter, gz), ENT_OK);
    size_t total = 0;
    while (ent_reader_next_chunk(&chunk, &clen, &line, cutter, 4096) == ENT_OK && clen) {
        assert_int_equal(chunk[clen - 1], '\n');
        total += clen;
    }
    assert_true(total > 0 && total < len);
    assert_true(find_diag(&d, "truncated") >= 0);
    ent_reader_destroy(cutter);

    /* Not JSON Lines: nothing is consumed, the records are read as usual. */
    path = write_file("chunks.csv", "id,text\n1,Russia met Iran.\n", 27);
    cutter = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(cutter, path), ENT_OK);
    assert_int_equal(ent_reader_next_chunk(&chunk, &clen, &line, cutter, 4096), ENT_EINVAL);
    assert_int_equal(count_docs(cutter, 0), 1);
    ent_reader_destroy(cutter);
    free(bad);
    free(data);
}

/* ---------------------------------------------------------------- JSON Lines fields ---- */

static void test_jsonl_source_byline(void **state)
{
    (void)state;
    const char *data =
        "{\"id\":\"j1\",\"text\":\"Iran spoke.\",\"source\":\"Mehr\",\"byline\":\"A. B.\"}\n"
        "{\"id\":\"j2\",\"text\":\"Iran spoke.\",\"url\":\"http://user@Mehr.Example:80/x\","
        "\"author\":\"C. D.\"}\n"
        "{\"id\":\"j3\",\"text\":\"By Staff\\nJanuary 5, 2025\\n\\nIran spoke.\"}\n";
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open_memory(r, "s.jsonl", data, strlen(data)), ENT_OK);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_string_equal(doc->source, "Mehr");
    assert_string_equal(doc->byline, "A. B.");
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_string_equal(doc->source, "mehr.example");
    assert_string_equal(doc->byline, "C. D.");
    assert_int_equal(doc->date, ENT_DATE_NONE);
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_null(doc->source);
    assert_int_equal(doc->date, ymd(2025, 1, 5)); /* the dateline near the top */
    assert_int_equal(d.n, 0);
    ent_reader_destroy(r);
}

/* ---------------------------------------------------------------- detection ---- */

static void test_detect(void **state)
{
    (void)state;
    static const struct {
        const char *name, *head;
        ent_input_format want;
    } cases[] = {
        {"a.txt", "{\"id\":1}", ENT_INPUT_JSONL},
        {"a.csv", "  \n<!DOCTYPE html><html>", ENT_INPUT_HTML},
        {NULL, "\xEF\xBB\xBF<html>", ENT_INPUT_HTML},
        {"page.HTM", "Plain words first", ENT_INPUT_HTML},
        {"news.csv", "id,text\n", ENT_INPUT_CSV},
        {"news.CSV.gz", "id,text\n", ENT_INPUT_CSV},
        {"news.csv.zst", "id,text\n", ENT_INPUT_CSV},
        {"dump.jsonl.zstd", "[", ENT_INPUT_JSONL},
        {"x.json", "", ENT_INPUT_JSONL},
        {"notes.txt", "id,text\n", ENT_INPUT_TEXT},
        {"README", "Iran and Russia", ENT_INPUT_TEXT},
        {NULL, "", ENT_INPUT_TEXT},
        {".csv", "a,b", ENT_INPUT_TEXT}, /* a name that is only an extension */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(ent_ingest_detect(cases[i].name, cases[i].head, strlen(cases[i].head)),
                         cases[i].want);

    /* the reader detects after decompression: gzip-compressed HTML under a .gz name */
    const char *html = "<html><body><article><p>Iran and Russia agreed on Monday to deepen "
                       "their cooperation in the energy sector, officials said.</p></article>"
                       "</body></html>";
    char path[512];
    snprintf(path, sizeof path, "%s/page.gz", tmpdir);
    unlink(path);
    append_gz(path, html, strlen(html));
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    assert_int_equal(ent_reader_format(r), ENT_INPUT_AUTO);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_int_equal(ent_reader_format(r), ENT_INPUT_HTML);
    assert_true(has(doc, "officials said."));
    assert_false(has(doc, "<p>"));
    ent_reader_destroy(r);
}

/* ---------------------------------------------------------------- walk ---- */

static void mkdir_in(const char *rel)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tmpdir, rel);
    assert_int_equal(mkdir(p, 0755), 0);
}

static void test_walk(void **state)
{
    (void)state;
    mkdir_in("tree");
    mkdir_in("tree/b");
    mkdir_in("tree/b/c");
    mkdir_in("tree/.hidden");
    mkdir_in("tree/locked");
    write_file("tree/z.txt", "z", 1);
    write_file("tree/b.txt", "b", 1);
    write_file("tree/b/c/deep.html", "<p>", 3);
    write_file("tree/b/a.csv", "id", 2);
    write_file("tree/.hidden/secret.txt", "s", 1);
    write_file("tree/.dotfile", "d", 1);
    write_file("tree/locked/x.txt", "x", 1);
    char p[512], q[512];
    snprintf(p, sizeof p, "%s/tree/b/c/loop", tmpdir);
    snprintf(q, sizeof q, "%s/tree", tmpdir);
    assert_int_equal(symlink(q, p), 0); /* tree/b/c/loop → tree */
    snprintf(p, sizeof p, "%s/tree/fifo", tmpdir);
    assert_int_equal(mkfifo(p, 0644), 0);
    snprintf(p, sizeof p, "%s/tree/locked", tmpdir);
    assert_int_equal(chmod(p, 0), 0);
    int root = geteuid() == 0; /* root reads any folder */

    char top[512], single[512];
    snprintf(top, sizeof top, "%s/tree", tmpdir);
    snprintf(single, sizeof single, "%s/tree/.dotfile", tmpdir);
    const char *args[] = {top, "-", single, "/nonexistent/entente"};
    diags d = {0};
    ent_file_list list;
    assert_int_equal(ent_ingest_walk(&list, args, 4, collect, &d), ENT_OK);
    static const char *const want_files[] = {"/tree/b.txt", "/tree/b/a.csv", "/tree/b/c/deep.html",
                                             "/tree/locked/x.txt", "/tree/z.txt"};
    size_t k = 0;
    for (size_t i = 0; i < 5; i++) {
        if (!root && i == 3)
            continue;
        char want[512];
        snprintf(want, sizeof want, "%s%s", tmpdir, want_files[i]);
        assert_true(k < list.count);
        assert_string_equal(list.paths[k], want);
        k++;
    }
    assert_int_equal(list.count, k + 3);
    assert_string_equal(list.paths[k], "-");
    assert_string_equal(list.paths[k + 1], single); /* named explicitly: kept */
    assert_string_equal(list.paths[k + 2], "/nonexistent/entente");
    /* the loop, and the locked folder when not root */
    assert_int_equal(d.n, root ? 1u : 2u);
    long loop = find_diag(&d, "loop");
    assert_true(loop >= 0);
    snprintf(p, sizeof p, "%s/tree/b/c/loop", tmpdir);
    assert_string_equal(d.file[loop], p);
    if (!root) {
        long locked = find_diag(&d, "cannot read directory");
        assert_true(locked >= 0);
        assert_non_null(strstr(d.file[locked], "/tree/locked"));
    }
    ent_file_list_free(&list);
    assert_int_equal(list.count, 0);
    ent_file_list_free(NULL);
    snprintf(p, sizeof p, "%s/tree/locked", tmpdir);
    chmod(p, 0755);
}

/* ---------------------------------------------------------------- plain text ---- */

static void test_text_tail(void **state)
{
    (void)state;
    const char *prose =
        "Iran and Russia signed a treaty on Friday. The treaty covers trade, energy and "
        "transport, and it runs for twenty years. Both sides called it historic.\n\n";
    const char *list = "- Ten Best Beaches In The World This Summer\n"
                       "- Celebrity Couple Reveals Wedding Plans\n\n"
                       "Stock Markets Rally As Investors Cheer | Money Daily\n";
    char text[2048];
    snprintf(text, sizeof text, "%s%s", prose, list);
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open_memory(r, "page.txt", text, strlen(text)), ENT_OK);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_int_equal(doc->len, strlen(prose) - 2);
    assert_memory_equal(doc->text, prose, doc->len);

    /* sentence-case bullet points are content, and stay */
    const char *facts = "- Iran supplies drones to Russia\n- Russia supplies jets to Iran\n"
                        "- both sides trade in roubles and rials\n";
    snprintf(text, sizeof text, "%s%s", prose, facts);
    assert_int_equal(ent_reader_open_memory(r, "facts.txt", text, strlen(text)), ENT_OK);
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_int_equal(doc->len, strlen(text));

    /* a list alone is not trimmed: no prose would be left */
    assert_int_equal(ent_reader_open_memory(r, "list.txt", list, strlen(list)), ENT_OK);
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_int_equal(doc->len, strlen(list));
    ent_reader_destroy(r);
}

static void test_seed_article(void **state)
{
    (void)state;
    const char *file = "corpus/seed-article.txt";
    require_shared(file);
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ENT_SHARED_DIR, file);
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open(r, path), ENT_OK);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_non_null(doc);
    assert_int_equal(ent_reader_format(r), ENT_INPUT_TEXT);

    /* through the coder: the analysed text is what sentences and events come from */
    ent_dict *dict;
    ent_coder *coder;
    assert_int_equal(ent_dict_load(&dict, NULL), ENT_OK);
    assert_int_equal(ent_coder_create(&coder, dict), ENT_OK);
    const ent_event *ev;
    size_t n, len;
    assert_int_equal(ent_coder_code(&ev, &n, coder, doc, NULL), ENT_OK);
    const char *text = ent_coder_text(coder, &len);
    ent_doc analysed = {"seed", text, len, ENT_DATE_NONE, NULL, NULL, NULL, NULL};
    static const char *const sections[] = {
        "The Iran-Russia Alliance: Unpacking A Complex Geopolitical Partnership",
        "A Historical Arc: From Adversaries to Allies of Convenience",
        "The Ukraine War: A Catalyst for Deeper Ties",
        "Formalizing the Partnership: The Comprehensive Agreements",
        "Pillars of Cooperation: Military and Economic Dimensions",
        "Navigating Red Lines: The Limits of the Alliance",
        "The Israel Factor: A Delicate Balancing Act",
        "Implications for Global Geopolitics",
        "Conclusion",
        "explore other articles on our site for more in-depth analysis of current geopolitical "
        "trends.",
    };
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        assert_true(has(&analysed, sections[i]));
    static const char *const spam[] = {"Steamunblocked", "Anjali", "Netflix", "Paeveys",
                                       "Seo Jihye", "Daily Caller", "Defense Ministry headquarters",
                                       "Students To Land In Delhi"};
    for (size_t i = 0; i < sizeof spam / sizeof spam[0]; i++)
        assert_false(has(&analysed, spam[i]));
    assert_int_equal(d.n, 0);
    ent_coder_destroy(coder);
    ent_dict_destroy(dict);
    ent_reader_destroy(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv),          cmocka_unit_test(test_csv_header_and_options),
        cmocka_unit_test(test_zstd),         cmocka_unit_test(test_gzip_members),
        cmocka_unit_test(test_jsonl_source_byline), cmocka_unit_test(test_detect),
        cmocka_unit_test(test_walk),         cmocka_unit_test(test_text_tail),
        cmocka_unit_test(test_seed_article), cmocka_unit_test(test_chunks),
    };
    return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
