/*
 * tests — stage 1, HTML pages (src/ingest/html.c through the reader): which text survives
 * boilerplate removal on pages with navigation, cookie banners, share widgets, related and
 * most-popular lists, comment sections and footers; metadata (each date source, byline,
 * site name, URL, title); and damaged pages (unclosed tags, binary junk, nesting bombs, a
 * 20 MB page), which must yield what they can.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "readers_testutil.h"

#include <time.h>

/* Reads the single document of an in-memory page; NULL when there is none. */
static const ent_doc *read_page(ent_reader *r, const char *name, const char *html)
{
    assert_int_equal(ent_reader_open_memory(r, name, html, strlen(html)), ENT_OK);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    return doc;
}

static const char article_page[] =
    "<!DOCTYPE html>\n<html lang=\"en\"><head>\n<meta charset=\"utf-8\">\n"
    "<title>Iran and Russia sign energy pact | Caspian Wire</title>\n"
    "<meta property=\"og:title\" content=\"Iran and Russia sign energy pact\">\n"
    "<meta property=\"og:site_name\" content=\"Caspian Wire\">\n"
    "<meta property=\"article:published_time\" content=\"2025-01-17T09:30:00Z\">\n"
    "<meta name=\"author\" content=\"Leyla Haddad\">\n"
    "<link rel=\"canonical\" href=\"https://www.caspianwire.example/world/energy-pact\">\n"
    "<script>var x = \"<p>not text</p>\";</script><style>p { color: red }</style>\n"
    "</head>\n<body class=\"single-post has-sidebar\">\n"
    "<div class=\"cookie-banner\">We use cookies to improve your experience. By continuing to "
    "browse the site you agree to our use of cookies. <a href=\"/privacy\">Learn more</a></div>\n"
    "<header class=\"site-header\"><a href=\"/\">Caspian Wire</a>\n"
    "<nav><ul><li><a href=\"/world\">World</a></li><li><a href=\"/business\">Business</a></li>"
    "<li><a href=\"/sport\">Sport</a></li></ul></nav></header>\n<main>\n<article>\n"
    "<h1>Iran and Russia sign energy pact</h1>\n"
    "<div class=\"byline\">By <a rel=\"author\" href=\"/staff/lh\">Leyla Haddad</a></div>\n"
    "<p>Iran and Russia signed a twenty-year energy agreement in Moscow on Friday, the two "
    "governments said, pledging to expand gas swaps and to build a new pipeline.</p>\n"
    "<div class=\"share-tools\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on X</a>"
    "</div>\n"
    "<p>The deal was signed by the energy ministers of both countries after a meeting that "
    "lasted &ldquo;most of the day&rdquo;.</p>\n"
    "<p>Officials in Tehran described it as a turning point.</p>\n"
    "<div class=\"ad-slot\">Advertisement</div>\n"
    "<h2>Sanctions</h2>\n"
    "<p>Western governments have warned that the agreement could help both countries evade "
    "sanctions, and <a href=\"/us\">the United States</a> said it was studying the text.</p>\n"
    "</article>\n"
    "<aside class=\"related\"><h3>Related articles</h3><ul><li><a href=\"/a\">Oil prices climb "
    "after OPEC meeting</a></li><li><a href=\"/b\">Ten things to know about the Caspian Sea</a>"
    "</li></ul></aside>\n"
    "<section id=\"comments\"><h3>Comments</h3><div class=\"comment\"><p>This is a terrible idea "
    "and everyone who supports it should be ashamed of what they have done to the region."
    "</p></div></section>\n</main>\n"
    "<div class=\"most-popular\"><h3>Most popular</h3><ol><li><a href=\"/1\">Celebrity chef opens "
    "new restaurant</a></li><li><a href=\"/2\">Ten best beaches</a></li></ol></div>\n"
    "<footer><p>Copyright 2025 Caspian Wire. All rights reserved. Contact us at the address "
    "below for any questions about the site.</p><a href=\"/about\">About</a></footer>\n"
    "</body></html>\n";

static void test_article_page(void **state)
{
    (void)state;
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    const ent_doc *doc = read_page(r, "energy.html", article_page);
    assert_int_equal(ent_reader_format(r), ENT_INPUT_HTML);
    const char *want =
        "Iran and Russia signed a twenty-year energy agreement in Moscow on Friday, the two "
        "governments said, pledging to expand gas swaps and to build a new pipeline.\n\n"
        "The deal was signed by the energy ministers of both countries after a meeting that "
        "lasted \xE2\x80\x9Cmost of the day\xE2\x80\x9D.\n\n"
        "Officials in Tehran described it as a turning point.\n\n"
        "Sanctions\n\n"
        "Western governments have warned that the agreement could help both countries evade "
        "sanctions, and the United States said it was studying the text.";
    assert_text(doc, want);
    assert_string_equal(doc->id, "energy.html");
    assert_string_equal(doc->title, "Iran and Russia sign energy pact");
    assert_string_equal(doc->url, "https://www.caspianwire.example/world/energy-pact");
    assert_string_equal(doc->source, "Caspian Wire");
    assert_string_equal(doc->byline, "Leyla Haddad");
    assert_int_equal(doc->date, ymd(2025, 1, 17));
    assert_int_equal(d.n, 0);
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_null(doc);
    ent_reader_destroy(r);
}

/* An old-style page without article markers: only the text statistics decide. */
static void test_unmarked_page(void **state)
{
    (void)state;
    const char *page =
        "<html><head><title>Talks in Tehran - Gulf Daily</title></head><body>\n"
        "<table><tr><td class=\"left\"><a href=\"/\">Home</a><br><a href=\"/n\">News</a><br>"
        "<a href=\"/o\">Opinion</a><br><a href=\"/s\">Sport</a></td>\n<td>\n"
        "<p>Tehran, 3 March 2024</p>\n"
        "<p>Russian and Iranian diplomats met in Tehran on Sunday for a second round of talks on "
        "a transport corridor that would link the two countries by rail through Azerbaijan.</p>\n"
        "<p>The talks were described as constructive by both sides, and a further meeting is "
        "planned in Moscow before the end of the year, according to the foreign ministry.</p>\n"
        "<p>Subscribe to our newsletter<br>Follow us on social media<br>Download our app</p>\n"
        "<p><a href=\"/x1\">Ten Celebrities Who Changed Their Names</a><br>"
        "<a href=\"/x2\">Best Hotels In Dubai This Year</a><br>"
        "<a href=\"/x3\">How To Watch Football Online Free</a><br>"
        "<a href=\"/x4\">Top Ten Cars Of The Decade</a></p>\n"
        "</td></tr></table>\n<div>Home | About | Contact | Privacy</div></body></html>\n";
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    const ent_doc *doc = read_page(r, "talks.htm", page);
    assert_non_null(doc);
    const char *want =
        "Russian and Iranian diplomats met in Tehran on Sunday for a second round of talks on a "
        "transport corridor that would link the two countries by rail through Azerbaijan.\n\n"
        "The talks were described as constructive by both sides, and a further meeting is "
        "planned in Moscow before the end of the year, according to the foreign ministry.";
    assert_text(doc, want);
    /* no date metadata: the dateline above the article is used though it is not kept */
    assert_int_equal(doc->date, ymd(2024, 3, 3));
    assert_string_equal(doc->title, "Talks in Tehran - Gulf Daily");
    assert_null(doc->source);
    assert_null(doc->url);
    ent_reader_destroy(r);
}

/* A page wrapped whole in a <form> (ASP.NET) or a "sidebar" class keeps its article. */
static void test_wrappers(void **state)
{
    (void)state;
    const char *page =
        "<html><body><form id=\"aspnetForm\" action=\"/page.aspx\"><div id=\"wrapper\" "
        "class=\"with-sidebar\">\n"
        "<ul class=\"menu\"><li><a href=\"/a\">Politics</a></li><li><a href=\"/b\">World</a>"
        "</li></ul>\n"
        "<div class=\"text\"><p>The Kremlin said on Tuesday that the Russian president would "
        "travel to Tehran next month for a summit with the leaders of Iran and Turkey.</p>\n"
        "<p>The summit is expected to focus on the conflict in Syria, where all three countries "
        "have forces on the ground, and on trade between them.</p></div>\n"
        "</div></form></body></html>";
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    const ent_doc *doc = read_page(r, "summit.html", page);
    assert_non_null(doc);
    assert_true(has(doc, "The Kremlin said on Tuesday"));
    assert_true(has(doc, "and on trade between them."));
    assert_false(has(doc, "Politics"));
    ent_reader_destroy(r);
}

static const char paragraph[] =
    "<p>Iran and Russia agreed on Monday to deepen their cooperation in the energy sector, "
    "officials from both countries said after a meeting in the capital.</p>";

/* Each date source, in order of preference. */
static void test_dates(void **state)
{
    (void)state;
    static const struct {
        const char *head, *body;
        int y, m, d;
    } cases[] = {
        {"<meta property=\"article:published_time\" content=\"2024-02-03T10:00:00+01:00\">"
         "<meta name=\"date\" content=\"2020-01-01\">",
         "", 2024, 2, 3},
        {"<meta itemprop=\"datePublished\" content=\"2024-02-04\">", "", 2024, 2, 4},
        {"<meta name=\"date\" content=\"January 17, 2025\">", "", 2025, 1, 17},
        {"<meta name=\"pubdate\" content=\"20250118\">", "", 2025, 1, 18},
        {"<meta name=\"DC.date.issued\" content=\"2023-12-31\">", "", 2023, 12, 31},
        {"<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":"
         "[{\"@type\":\"NewsArticle\",\"datePublished\":\"2022-06-05T08:00:00Z\",\"author\":"
         "{\"@type\":\"Person\",\"name\":\"Omid Karimi\"},\"publisher\":{\"name\":\"Pars "
         "Today\"}}]}</script>",
         "", 2022, 6, 5},
        {"", "<time datetime=\"2021-07-08T12:00\">8 July</time>", 2021, 7, 8},
        {"", "<p>Published 17 Jan 2025</p>", 2025, 1, 17},
        {"", "<p>Saturday, March 1, 2025 10:00 AM</p>", 2025, 3, 1},
        {"<meta name=\"date\" content=\"not a date\">", "", 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char page[2048];
        snprintf(page, sizeof page, "<html><head>%s</head><body><article>%s%s</article></body>"
                 "</html>", cases[i].head, cases[i].body, paragraph);
        diags d = {0};
        ent_reader *r = reader_with(&d, NULL);
        const ent_doc *doc = read_page(r, "dated.html", page);
        assert_non_null(doc);
        if (cases[i].y)
            assert_int_equal(doc->date, ymd(cases[i].y, cases[i].m, cases[i].d));
        else
            assert_int_equal(doc->date, ENT_DATE_NONE);
        if (i == 5) {
            assert_string_equal(doc->byline, "Omid Karimi");
            assert_string_equal(doc->source, "Pars Today");
        }
        ent_reader_destroy(r);
    }
}

static void test_byline_and_site(void **state)
{
    (void)state;
    static const struct {
        const char *markup;
        const char *byline, *source, *url;
    } cases[] = {
        {"<meta name=\"author\" content=\"Anna Petrova\"><link rel=\"author\" href=\"/x\">",
         "Anna Petrova", NULL, NULL},
        {"<p class=\"article-byline\">By Sam Reed</p>", "Sam Reed", NULL, NULL},
        {"<span>By <a rel=\"author\" href=\"/s/jd\">Jamal Darwish</a></span>", "Jamal Darwish",
         NULL, NULL},
        {"<meta name=\"author\" content=\"https://facebook.example/someone\">"
         "<meta property=\"og:url\" content=\"https://News.Example.ORG:8080/a/b?c=1\">",
         NULL, "news.example.org", "https://News.Example.ORG:8080/a/b?c=1"},
        {"<meta property=\"og:url\" content=\"https://a.example/x\">"
         "<link rel=\"canonical\" href=\"https://b.example/y\">"
         "<meta property=\"og:site_name\" content=\"Daily B\">",
         NULL, "Daily B", "https://b.example/y"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char page[2048];
        snprintf(page, sizeof page, "<html><body>%s%s</body></html>", cases[i].markup,
                 paragraph);
        diags d = {0};
        ent_reader *r = reader_with(&d, NULL);
        const ent_doc *doc = read_page(r, "by.html", page);
        assert_non_null(doc);
        if (cases[i].byline)
            assert_string_equal(doc->byline, cases[i].byline);
        else
            assert_null(doc->byline);
        if (cases[i].source)
            assert_string_equal(doc->source, cases[i].source);
        else
            assert_null(doc->source);
        if (cases[i].url)
            assert_string_equal(doc->url, cases[i].url);
        else
            assert_null(doc->url);
        assert_false(has(doc, "By "));
        ent_reader_destroy(r);
    }
}

/* A page whose every block is boilerplate is reported and yields nothing. */
static void test_all_boilerplate(void **state)
{
    (void)state;
    const char *page = "<html><body><nav><a href=\"/\">Home</a></nav><ul><li><a href=\"/a\">One"
                       "</a></li><li><a href=\"/b\">Two</a></li></ul></body></html>";
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_null(read_page(r, "menu.html", page));
    assert_int_equal(d.n, 1);
    assert_string_equal(d.file[0], "menu.html");
    assert_non_null(strstr(d.msg[0], "no article text"));
    ent_reader_destroy(r);
}

static void test_malformed(void **state)
{
    (void)state;
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    /* unclosed tags everywhere */
    const char *unclosed =
        "<html><body><div><p>Iran and Russia held talks in Moscow on Monday about the war in "
        "the region and about the price of oil, which has risen this year.<p>The two sides said "
        "that they would meet again in the spring, and that the talks had been useful for "
        "both.<div><b><i>";
    const ent_doc *doc = read_page(r, "unclosed.html", unclosed);
    assert_non_null(doc);
    assert_true(has(doc, "price of oil, which has risen this year.\n\nThe two sides"));

    /* binary junk inside a page: after the first 4 KB, so the page is not "binary" */
    size_t n = 20000;
    char *junk = malloc(n + 1);
    assert_non_null(junk);
    size_t k = (size_t)snprintf(junk, n, "<html><body>%s", paragraph);
    memset(junk + k, ' ', 5000);
    k += 5000;
    uint32_t x = 7;
    for (; k < n - 200; k++) {
        x = x * 1103515245u + 12345u;
        junk[k] = (char)(x >> 24);
    }
    junk[k] = '\0';
    d.n = 0;
    doc = read_page(r, "junk.html", junk);
    assert_non_null(doc);
    assert_true(has(doc, "Iran and Russia agreed on Monday"));
    free(junk);

    /* 200,000 nested divs: cut at the nesting limit, reported, and quick */
    n = 200000;
    char *bomb = malloc(n * 5 + 400);
    assert_non_null(bomb);
    k = (size_t)sprintf(bomb, "<html><body>%s\n", paragraph);
    for (size_t i = 0; i < n; i++)
        memcpy(bomb + k + i * 5, "<div>", 5);
    bomb[k + n * 5] = '\0';
    d.n = 0;
    clock_t t0 = clock();
    doc = read_page(r, "bomb.html", bomb);
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
    assert_non_null(doc);
    assert_true(has(doc, "Iran and Russia agreed on Monday"));
    assert_int_equal(d.n, 1);
    assert_int_equal(d.line[0], 2);
    assert_non_null(strstr(d.msg[0], "nested too deep"));
    free(bomb);

    /* empty and text-only "pages" */
    d.n = 0;
    assert_null(read_page(r, "empty.html", "<html></html>"));
    ent_reader_destroy(r);
}

/* A 20 MB page: extracted whole, in one document. */
static void test_huge_page(void **state)
{
    (void)state;
    const size_t target = 20u << 20;
    const char *p = "<p>Iran and Russia discussed the supply of grain and fuel on the day of the "
                    "meeting, and officials said that the talks had gone well.</p>\n";
    size_t plen = strlen(p);
    char *page = malloc(target + 200);
    assert_non_null(page);
    size_t k = (size_t)sprintf(page, "<html><body><article>");
    size_t count = 0;
    while (k + plen < target) {
        memcpy(page + k, p, plen);
        k += plen;
        count++;
    }
    k += (size_t)sprintf(page + k, "</article></body></html>");
    diags d = {0};
    ent_reader *r = reader_with(&d, NULL);
    assert_int_equal(ent_reader_open_memory(r, "huge.html", page, k), ENT_OK);
    const ent_doc *doc;
    assert_int_equal(ent_reader_next(&doc, r), ENT_OK);
    assert_non_null(doc);
    assert_int_equal(doc->len, count * (plen - 8) + (count - 1) * 2);
    assert_int_equal(d.n, 0);
    ent_reader_destroy(r);
    free(page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_page),  cmocka_unit_test(test_unmarked_page),
        cmocka_unit_test(test_wrappers),      cmocka_unit_test(test_dates),
        cmocka_unit_test(test_byline_and_site), cmocka_unit_test(test_all_boilerplate),
        cmocka_unit_test(test_malformed),     cmocka_unit_test(test_huge_page),
    };
    return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
