/* Tests of `entente report` (include/entente/report.h) on a SQLite store built here, whose
   answers are known by construction:
     - Iran and Russia: one event a month in 2020, eight a month in 2021, so the monthly
       counts change level at 2021-01 (1.0 -> 8.0 events a month);
     - an agreement (057) signed 2021-06-03, with its sentence, url and document key;
     - pillars: 60 diplomatic, 36 military (062 and 072), 12 economic (061); Russia gives
       aid (072) twelve times, Iran never; one Russian threat (130);
     - sanctions (163) on Russia: three by the United States on 2021-03-10, one by the EU on
       2021-03-11; Israel strikes Iran (190) twice on 2021-05-10;
     - Israel at odds with Iran, friendly with Russia: the triad is "the friend of my friend
       is my enemy" turning on Russia;
     - two blocs: Iran, Russia, China, Syria; the United States, Britain, Israel, the EU.
   The JSON model is parsed with jansson and checked; Markdown and HTML are checked for their
   sections, citations and charts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

#include "entente/report.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char db[128];
static int next_id = 1;

static ent_date ymd(int y, int m, int d)
{
    return ent_date_from_ymd(y, m, d);
}

static void add(ent_store *s, ent_date date, const char *src, const char *tgt, const char *code,
                double goldstein, int quad)
{
    char origin_id[16];
    snprintf(origin_id, sizeof origin_id, "t%d", next_id++);
    ent_store_event e;
    memset(&e, 0, sizeof e);
    e.origin = "test";
    e.origin_id = origin_id;
    e.date = date;
    e.source_code = src;
    e.source_name = src;
    e.target_code = tgt;
    e.target_name = tgt;
    e.event_code = code;
    e.goldstein = goldstein;
    e.quad_class = quad;
    int added = 0;
    assert_int_equal(ent_store_add_event(s, &e, &added), ENT_OK);
    assert_int_equal(added, 1);
}

static void add_n(ent_store *s, int n, ent_date date, const char *src, const char *tgt,
                  const char *code, double goldstein, int quad)
{
    for (int i = 0; i < n; i++)
        add(s, date + i, src, tgt, code, goldstein, quad);
}

/* The agreement: a coded event of a stored document, so it has a sentence, url and key. */
static void add_agreement(ent_store *s)
{
    static const char text[] = "Iran and Russia signed a cooperation treaty in Moscow on "
                               "Thursday, officials of both governments said.";
    ent_store_doc d;
    memset(&d, 0, sizeof d);
    d.key = "doc-treaty-2021";
    d.source = "news.example";
    d.url = "https://news.example/2021/06/03/treaty";
    d.title = "Treaty signed";
    d.text = text;
    d.len = strlen(text);
    d.date = ymd(2021, 6, 3);
    d.content_hash = 77;
    d.simhash = 77;
    int64_t doc_id = 0;
    ent_store_doc_status st;
    assert_int_equal(ent_store_add_document(s, &d, 0, &doc_id, &st), ENT_OK);
    ent_store_event e;
    memset(&e, 0, sizeof e);
    e.origin = "entente";
    e.document_id = doc_id;
    e.date = d.date;
    e.source_code = "IRNGOV";
    e.source_name = "Iran government";
    e.target_code = "RUSGOV";
    e.target_name = "Russia government";
    e.event_code = "057";
    e.goldstein = 8.0;
    e.quad_class = 1;
    e.sentence = text;
    e.sentence_end = (uint32_t)strlen(text);
    int added = 0;
    assert_int_equal(ent_store_add_event(s, &e, &added), ENT_OK);
}

/* The dyad: 2020 one event a month, 2021 eight. */
static void add_dyad(ent_store *s)
{
    for (int m = 1; m <= 12; m++)
        add(s, ymd(2020, m, 5), "IRN", "RUS", "040", 4.0, 1);
    for (int m = 1; m <= 12; m++) {
        add(s, ymd(2021, m, 1), "IRN", "RUS", "040", 4.0, 1);
        add(s, ymd(2021, m, 2), "RUS", "IRN", "040", 4.0, 1);
        if (m == 6)
            add_agreement(s);
        else
            add(s, ymd(2021, m, 3), "IRN", "RUS", "040", 4.0, 1);
        if (m == 9)
            add(s, ymd(2021, m, 4), "RUS", "IRN", "130", -4.4, 3);
        else
            add(s, ymd(2021, m, 4), "RUS", "IRN", "040", 4.0, 1);
        add(s, ymd(2021, m, 5), "RUSMIL", "IRNMIL", "062", 4.0, 2);
        add(s, ymd(2021, m, 6), "RUS", "IRN", "062", 4.0, 2);
        add(s, ymd(2021, m, 7), "IRN", "RUS", "061", 4.0, 2);
        add(s, ymd(2021, m, 8), "RUS", "IRN", "072", 4.0, 2);
    }
}

/* Everyone else: the blocs, the sanctions, Israel. */
static void add_world(ent_store *s)
{
    ent_date feb = ymd(2021, 2, 10);
    add_n(s, 3, feb, "IRN", "CHN", "040", 4.0, 1);
    add_n(s, 2, feb, "CHN", "IRN", "061", 6.4, 2);
    add_n(s, 3, feb, "RUS", "CHN", "040", 4.0, 1);
    add_n(s, 2, feb, "CHN", "RUS", "062", 6.4, 2);
    add_n(s, 2, feb, "SYR", "IRN", "040", 4.0, 1);
    add_n(s, 2, feb, "SYR", "RUS", "040", 4.0, 1);
    add_n(s, 3, feb, "USA", "IRN", "112", -2.0, 3);
    add_n(s, 2, feb, "GBR", "RUS", "111", -2.0, 3);
    add_n(s, 4, feb, "USA", "GBR", "040", 4.0, 1);
    add_n(s, 2, feb, "GBR", "USA", "057", 8.0, 1);
    add_n(s, 3, feb, "USA", "ISR", "062", 6.4, 2);
    add_n(s, 2, feb, "ISR", "USA", "040", 4.0, 1);
    add_n(s, 2, feb, "EUR", "USA", "040", 4.0, 1);
    add_n(s, 2, feb, "EUR", "GBR", "040", 4.0, 1);
    /* Sanctions on Russia; strikes on Iran. */
    for (int i = 0; i < 3; i++)
        add(s, ymd(2021, 3, 10), "USAGOV", "RUS", "163", -8.0, 4);
    add(s, ymd(2021, 3, 11), "EUR", "RUSGOV", "163", -8.0, 4);
    add(s, ymd(2021, 5, 10), "ISRMIL", "IRN", "190", -10.0, 4);
    add(s, ymd(2021, 5, 10), "ISR", "IRNMIL", "190", -10.0, 4);
    add(s, ymd(2021, 5, 12), "IRN", "ISR", "111", -2.0, 3);
    add_n(s, 2, ymd(2021, 7, 10), "RUS", "ISR", "040", 4.0, 1);
    add(s, ymd(2021, 7, 20), "ISR", "RUS", "042", 1.9, 1);
}

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/entente-report-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof db, "%s/r.sqlite", dir);
    ent_store *s;
    char err[256];
    if (ent_store_open(&s, db, err, sizeof err) != ENT_OK)
        return -1;
    ent_store_begin(s);
    add_dyad(s);
    add_world(s);
    int rc = ent_store_commit(s);
    ent_store_close(s);
    return rc == ENT_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---------------------------------------------------------------- helpers ---- */

/* Builds the report of IRN and RUS with third party third (NULL: chosen) and registry reg
   (NULL: built-in); returns it written in fmt, in a malloc'd string. */
static char *report_text(const char *third, const ent_registry *reg, ent_report_format fmt)
{
    ent_store *s;
    char err[256];
    assert_int_equal(ent_store_open(&s, db, err, sizeof err), ENT_OK);
    ent_report_options o = ENT_REPORT_OPTIONS_INIT;
    o.a = "IRN";
    o.b = "RUS";
    o.third = third;
    o.registry = reg;
    ent_report *r = NULL;
    int rc = ent_report_build(&r, s, &o);
    if (rc != ENT_OK)
        fail_msg("build: %s (%s)", ent_strerror(rc), ent_store_errmsg(s));
    ent_store_close(s);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(ent_report_write(r, fmt, fp), ENT_OK);
    fclose(fp);
    ent_report_destroy(r);
    return buf;
}

static json_t *report_json(const char *third, const ent_registry *reg)
{
    char *text = report_text(third, reg, ENT_REPORT_JSON);
    json_error_t e;
    json_t *m = json_loads(text, 0, &e);
    if (!m)
        fail_msg("JSON: %s at line %d", e.text, e.line);
    free(text);
    return m;
}

static json_t *section(json_t *m, const char *id)
{
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(m, "sections"), i, s)
    {
        if (strcmp(json_string_value(json_object_get(s, "id")), id) == 0)
            return s;
    }
    fail_msg("no section %s", id);
    return NULL;
}

static json_t *data(json_t *m, const char *id)
{
    json_t *d = json_object_get(section(m, id), "data");
    assert_non_null(d);
    return d;
}

static json_int_t int_at(json_t *obj, const char *path)
{
    /* "a.b.c" */
    char buf[128];
    snprintf(buf, sizeof buf, "%s", path);
    json_t *v = obj;
    for (char *p = strtok(buf, "."); p; p = strtok(NULL, "."))
        v = json_object_get(v, p);
    if (!json_is_number(v))
        fail_msg("%s is not a number", path);
    return (json_int_t)json_number_value(v);
}

static const char *str_at(json_t *obj, const char *path)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s", path);
    json_t *v = obj;
    for (char *p = strtok(buf, "."); p; p = strtok(NULL, "."))
        v = json_object_get(v, p);
    if (!json_is_string(v))
        fail_msg("%s is not a string", path);
    return json_string_value(v);
}

/* 1 when some finding of the section contains text. */
static int finding_has(json_t *m, const char *id, const char *text)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(section(m, id), "findings"), i, f)
    {
        if (strstr(json_string_value(json_object_get(f, "text")), text))
            return 1;
    }
    return 0;
}

/* The bloc number of a country in the global section. */
static json_int_t bloc_of(json_t *m, const char *code)
{
    size_t i;
    json_t *n;
    json_array_foreach(json_object_get(data(m, "global"), "nodes"), i, n)
    {
        if (strcmp(json_string_value(json_object_get(n, "country")), code) == 0)
            return json_integer_value(json_object_get(n, "bloc"));
    }
    fail_msg("%s is not in the network", code);
    return -1;
}

/* ---------------------------------------------------------------- tests ---- */

static void test_history_and_change_point(void **state)
{
    (void)state;
    json_t *m = report_json("ISR", NULL);
    assert_string_equal(str_at(m, "window.from"), "2020-01-01");
    assert_string_equal(str_at(m, "window.to"), "2021-12-31");
    json_t *h = data(m, "history");
    assert_int_equal(int_at(h, "events.total"), 108);
    assert_int_equal(int_at(h, "events.ab"), 48);
    assert_int_equal(int_at(h, "events.ba"), 60);
    json_t *years = json_object_get(h, "years");
    assert_int_equal(json_array_size(years), 2);
    assert_int_equal(int_at(json_array_get(years, 1), "events"), 96);
    /* The level change of the monthly counts, and no other change of rate. */
    size_t i, found = 0;
    json_t *cp;
    json_array_foreach(json_object_get(data(m, "catalysts"), "change_points"), i, cp)
    {
        if (strcmp(str_at(cp, "measure"), "events") != 0)
            continue;
        found++;
        assert_string_equal(str_at(cp, "month"), "2021-01");
        assert_true(fabs(json_number_value(json_object_get(cp, "before")) - 1.0) < 1e-9);
        assert_true(fabs(json_number_value(json_object_get(cp, "after")) - 8.0) < 1e-9);
        assert_string_equal(str_at(cp, "window.from"), "2020-12-01");
        assert_string_equal(str_at(cp, "window.to"), "2021-01-31");
    }
    assert_int_equal(found, 1);
    assert_true(
        finding_has(m, "catalysts", "In 2021-01 the events a month rose from 1.00 to 8.00"));
    /* The trend in words, by month in a window of two years: the first and last months with
       three events or more; the low point is September's threat. */
    assert_true(finding_has(m, "history",
                            "From 2021-01 to 2021-12 the share of cooperative "
                            "events (quad classes 1 and 2) went from 100% to 100% "
                            "(held)"));
    assert_true(finding_has(m, "history", "The low point was 2021-09"));
    json_decref(m);
}

static void test_agreements(void **state)
{
    (void)state;
    json_t *m = report_json("ISR", NULL);
    json_t *d = data(m, "agreements");
    assert_int_equal(int_at(d, "commitment_events.signed"), 1);
    assert_int_equal(int_at(d, "commitment_events.cooperation"), 36); /* 061 and 062 */
    /* The registry's treaties binding both, with the 2025 treaty's obligations. */
    size_t i;
    json_t *t, *t2025 = NULL;
    json_array_foreach(json_object_get(d, "treaties"), i, t)
    {
        if (strcmp(str_at(t, "id"), "ir-ru-2025") == 0)
            t2025 = t;
    }
    assert_non_null(t2025);
    assert_int_equal(int_at(t2025, "defence"), 0);
    assert_int_equal(int_at(t2025, "neutrality"), 1);
    assert_non_null(strstr(str_at(t2025, "obligations"), "Commits neither side to mutual defence"));
    assert_true(finding_has(m, "agreements", "Commits neither side to mutual defence"));
    assert_true(finding_has(m, "agreements", "signed agreements once in the window"));
    /* The agreement event is cited with its sentence, url and document. */
    json_t *e, *found = NULL;
    json_array_foreach(json_object_get(m, "evidence"), i, e)
    {
        if (json_is_string(json_object_get(e, "doc_key")) &&
            strcmp(str_at(e, "doc_key"), "doc-treaty-2021") == 0)
            found = e;
    }
    assert_non_null(found);
    assert_string_equal(str_at(found, "date"), "2021-06-03");
    assert_string_equal(str_at(found, "code"), "057");
    assert_string_equal(str_at(found, "url"), "https://news.example/2021/06/03/treaty");
    assert_string_equal(str_at(found, "outlet"), "news.example");
    assert_non_null(strstr(str_at(found, "sentence"), "signed a cooperation treaty in Moscow"));
    json_decref(m);
}

static void test_pillars(void **state)
{
    (void)state;
    json_t *m = report_json("ISR", NULL);
    json_t *d = data(m, "pillars");
    assert_int_equal(int_at(d, "pillars.diplomatic.events"), 60);
    assert_int_equal(int_at(d, "pillars.diplomatic.conflict"), 1);
    assert_int_equal(int_at(d, "pillars.military.events"), 36);
    assert_int_equal(int_at(d, "pillars.economic.events"), 12);
    assert_int_equal(int_at(d, "pillars.nuclear.events"), 0);
    assert_int_equal(int_at(d, "pillars.military.ba"), 36);
    /* 2020 had only diplomatic events: all military ones are in the second half. */
    assert_int_equal(int_at(d, "pillars.military.first_half"), 0);
    assert_int_equal(int_at(d, "flow.b_gives"), 12);
    assert_int_equal(int_at(d, "flow.a_gives"), 0);
    assert_int_equal(int_at(d, "flow.mutual"), 36);
    assert_true(finding_has(m, "pillars", "runs from RUS to IRN in 12 of 12 transfers"));
    json_decref(m);
}

static void test_red_lines(void **state)
{
    (void)state;
    json_t *m = report_json("ISR", NULL);
    json_t *d = data(m, "red_lines");
    assert_int_equal(int_at(d, "threats.ba"), 1);
    assert_int_equal(int_at(d, "threats.ab"), 0);
    assert_int_equal(int_at(d, "conflict.ba"), 1);
    assert_string_equal(str_at(d, "obligations.defence.status"), "absent");
    assert_string_equal(str_at(d, "obligations.neutrality.status"), "present");
    assert_true(finding_has(m, "red_lines",
                            "No agreement in the registry obliges IRN and RUS to "
                            "defend each other"));
    json_decref(m);
}

static void test_third_party(void **state)
{
    (void)state;
    json_t *m = report_json("ISR", NULL);
    assert_string_equal(str_at(m, "third.code"), "ISR");
    assert_string_equal(str_at(m, "third.chosen"), "given");
    json_t *d = data(m, "third_party");
    assert_int_equal(int_at(d, "signs.ab"), 1);
    assert_int_equal(int_at(d, "signs.bc"), 1);
    assert_int_equal(int_at(d, "signs.ca"), -1);
    assert_string_equal(str_at(d, "kind"), "friend_enemy");
    assert_int_equal(int_at(d, "balance"), -1);
    assert_string_equal(str_at(d, "pivot"), "RUS");
    assert_string_equal(str_at(d, "phrase"), "the friend of my friend is my enemy");
    json_decref(m);
    /* Without --third: China has five events with each side, more than anyone else. */
    m = report_json(NULL, NULL);
    assert_string_equal(str_at(m, "third.code"), "CHN");
    assert_string_equal(str_at(m, "third.chosen"), "most events with both A and B");
    assert_string_equal(str_at(data(m, "third_party"), "kind"), "friends");
    json_decref(m);
}

static void test_global(void **state)
{
    (void)state;
    json_t *m = report_json("ISR", NULL);
    json_int_t east = bloc_of(m, "IRN");
    assert_int_equal(bloc_of(m, "RUS"), east);
    assert_int_equal(bloc_of(m, "CHN"), east);
    assert_int_equal(bloc_of(m, "SYR"), east);
    json_int_t west = bloc_of(m, "USA");
    assert_true(west != east);
    assert_int_equal(bloc_of(m, "GBR"), west);
    assert_int_equal(bloc_of(m, "EUR"), west);
    json_t *d = data(m, "global");
    assert_true(json_is_true(json_object_get(d, "same_bloc")));
    assert_int_equal(int_at(d, "sanctions.RUS.USA"), 3);
    assert_int_equal(int_at(d, "sanctions.RUS.EUR"), 1);
    assert_int_equal(json_object_size(json_object_get(json_object_get(d, "sanctions"), "IRN")), 0);
    assert_true(finding_has(m, "global", "RUS was the target of 4 sanctions events"));
    /* The alignment by hand: over CHN, SYR, USA, GBR, EUR, ISR, Iran's summed ties are
       (24.8, 8, -6, 0, 0, -22) and Russia's (24.8, 8, -24, -4, -8, 9.9); cosine 0.4617. Israel
       is what keeps it from being higher. */
    double ab = json_number_value(json_object_get(json_object_get(d, "alignment"), "ab"));
    assert_true(fabs(ab - 0.4617) < 0.0005);
    json_decref(m);
}

static void test_reliability(void **state)
{
    (void)state;
    json_t *m = report_json("ISR", NULL);
    json_t *dirs = json_object_get(data(m, "reliability"), "directions");
    assert_int_equal(json_array_size(dirs), 2);
    /* Israel's two strikes on 2021-05-10: Russia's five June events follow (5 a month against
       54 over the other 701 days). */
    json_t *a = json_array_get(dirs, 0);
    assert_string_equal(str_at(a, "attacked"), "IRN");
    assert_int_equal(int_at(a, "shock_days"), 1);
    assert_int_equal(int_at(a, "threshold"), 2);
    assert_int_equal(int_at(a, "days_after"), 30);
    assert_true(fabs(json_number_value(json_object_get(a, "coop_after")) - 5.0) < 1e-9);
    assert_string_equal(str_at(a, "verdict"), "supportive");
    /* The US sanctions of 2021-03-10 (3 events) are the shock; the EU's single one the next
       day is below the threshold. Iran's three April events follow. */
    json_t *b = json_array_get(dirs, 1);
    assert_string_equal(str_at(b, "attacked"), "RUS");
    assert_int_equal(int_at(b, "shock_days"), 1);
    assert_int_equal(int_at(b, "threshold"), 3);
    assert_true(fabs(json_number_value(json_object_get(b, "coop_after")) - 3.0) < 1e-9);
    assert_string_equal(str_at(b, "verdict"), "supportive");
    json_decref(m);
}

static void test_markdown_and_html(void **state)
{
    (void)state;
    static const char *const headings[] = {"## 1. History arc",
                                           "## 2. Catalysts",
                                           "## 3. Formal agreements and what they oblige",
                                           "## 4. Pillars of cooperation",
                                           "## 5. Red lines and limits",
                                           "## 6. The third-party factor: ISR",
                                           "## 7. Global implications",
                                           "## 8. Reliability"};
    char *md = report_text("ISR", NULL, ENT_REPORT_MARKDOWN);
    for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++)
        if (!strstr(md, headings[i]))
            fail_msg("Markdown has no '%s'", headings[i]);
    /* Evidence lines: number, date, actors, code, sentence, url, document. */
    assert_non_null(strstr(md, "2021-06-03, IRNGOV (Iran government) → RUSGOV (Russia "
                               "government), CAMEO 057"));
    assert_non_null(strstr(md, "<https://news.example/2021/06/03/treaty> document "
                               "`doc-treaty-2021`"));
    assert_non_null(strstr(md, "(window 2020-01-01 to 2021-12-31)"));
    free(md);
    char *html = report_text("ISR", NULL, ENT_REPORT_HTML);
    assert_non_null(strstr(html, "<!DOCTYPE html>"));
    /* Four charts: the series, the pillars, the triad, the network. */
    size_t svgs = 0;
    for (const char *p = html; (p = strstr(p, "<svg ")); p++)
        svgs++;
    assert_int_equal(svgs, 4);
    assert_non_null(strstr(html, "stroke-dasharray=\"4 3\"")); /* a change point */
    assert_non_null(strstr(html, "<a href=\"#e1\">[1]</a>"));
    assert_non_null(strstr(html, "<li id=\"e1\""));
    assert_null(strstr(html, "<script"));
    free(html);
}

static void test_errors(void **state)
{
    (void)state;
    ent_store *s;
    char err[256];
    assert_int_equal(ent_store_open(&s, db, err, sizeof err), ENT_OK);
    ent_report *r = (ent_report *)1;
    ent_report_options o = ENT_REPORT_OPTIONS_INIT;
    assert_int_equal(ent_report_build(&r, s, &o), ENT_EINVAL); /* no actors */
    assert_null(r);
    const char *bad[][3] = {
        {"IRN", "IRNGOV", NULL},  /* one country */
        {"IR", "RUS", NULL},      /* too short */
        {"IRN", "rus", NULL},     /* not a code */
        {"IRN", "RUS", "RUSMIL"}, /* the third is B's country */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        o.a = bad[i][0];
        o.b = bad[i][1];
        o.third = bad[i][2];
        assert_int_equal(ent_report_build(&r, s, &o), ENT_EINVAL);
    }
    o.a = "IRN";
    o.b = "RUS";
    o.third = NULL;
    o.from = ymd(2021, 2, 1);
    o.to = ymd(2021, 1, 1);
    assert_int_equal(ent_report_build(&r, s, &o), ENT_EINVAL);
    /* Nothing to report: a pair without events, a window without the pair's events. */
    o.from = o.to = ENT_DATE_NONE;
    o.b = "JPN";
    assert_int_equal(ent_report_build(&r, s, &o), ENT_ENOTFOUND);
    assert_null(r);
    o.b = "RUS";
    o.from = ymd(2019, 1, 1);
    o.to = ymd(2019, 12, 31);
    assert_int_equal(ent_report_build(&r, s, &o), ENT_ENOTFOUND);
    /* A window inside the data: one year, no change of rate. */
    o.from = ymd(2021, 1, 1);
    o.to = ymd(2021, 12, 31);
    assert_int_equal(ent_report_build(&r, s, &o), ENT_OK);
    ent_report_summary sum;
    ent_report_summary_get(&sum, r);
    assert_int_equal(sum.dyad_events, 96);
    assert_string_equal(sum.a, "IRN");
    assert_string_equal(sum.third, "CHN");
    assert_int_equal(sum.from, ymd(2021, 1, 1));
    assert_true(sum.evidence > 0);
    assert_int_equal(ent_report_write(r, (ent_report_format)9, stdout), ENT_EINVAL);
    ent_report_destroy(r);
    ent_report_destroy(NULL);
    ent_store_close(s);
}

static void test_custom_registry(void **state)
{
    (void)state;
    char path[64];
    const char *file =
        "id\tname\tsigned\tin_force\tduration\tparties\tdefence\toffence\tneutrality\t"
        "nonaggression\tconsultation\tconditions\tsource\n"
        "test-pact\tA test pact\t2021-06-03\t\t\tIRN,RUS\t1\t0\t\t\t1\tEach defends the "
        "other.\tWritten for the test.\n";
    assert_non_null(write_temp(path, file));
    ent_registry *reg = NULL;
    assert_int_equal(ent_registry_load(&reg, path, NULL, NULL), ENT_OK);
    json_t *m = report_json("ISR", reg);
    json_t *d = data(m, "red_lines");
    assert_string_equal(str_at(d, "obligations.defence.status"), "present");
    assert_string_equal(str_at(d, "obligations.defence.in"), "test-pact");
    assert_true(finding_has(m, "red_lines",
                            "mutual defence obligation between IRN and RUS in "
                            "test-pact"));
    /* The signing is found among the events (the 057 of 2021-06-03). */
    json_t *t = json_array_get(json_object_get(data(m, "agreements"), "treaties"), 0);
    assert_string_equal(str_at(t, "id"), "test-pact");
    assert_int_equal(json_array_size(json_object_get(t, "events")), 1);
    json_decref(m);
    ent_registry_destroy(reg);
    unlink(path);
}

/* Imported names and urls may carry invalid UTF-8: the report still builds, and the JSON
   holds U+FFFD in their place. */
static void test_invalid_utf8(void **state)
{
    (void)state;
    char path[160];
    snprintf(path, sizeof path, "%s/utf8.sqlite", dir);
    ent_store *s;
    char err[256];
    assert_int_equal(ent_store_open(&s, path, err, sizeof err), ENT_OK);
    ent_store_event e;
    memset(&e, 0, sizeof e);
    e.origin = "icews";
    e.origin_id = "bad-1";
    e.date = ymd(2022, 3, 1);
    e.source_code = "IRN";
    e.source_name = "Iran \xff\xfe";
    e.target_code = "RUS";
    e.target_name = "Russia";
    e.event_code = "057";
    e.goldstein = 8.0;
    e.quad_class = 1;
    e.source_url = "https://bad.example/\xc3(";
    assert_int_equal(ent_store_add_event(s, &e, NULL), ENT_OK);
    ent_report_options o = ENT_REPORT_OPTIONS_INIT;
    o.a = "IRN";
    o.b = "RUS";
    ent_report *r = NULL;
    assert_int_equal(ent_report_build(&r, s, &o), ENT_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(ent_report_write(r, ENT_REPORT_JSON, fp), ENT_OK);
    fclose(fp);
    json_t *m = json_loads(buf, 0, NULL);
    assert_non_null(m);
    json_t *ev = json_array_get(json_object_get(m, "evidence"), 0);
    assert_string_equal(str_at(ev, "source_name"), "Iran \xef\xbf\xbd\xef\xbf\xbd");
    assert_string_equal(str_at(ev, "url"), "https://bad.example/\xef\xbf\xbd(");
    assert_string_equal(str_at(ev, "outlet"), "bad.example");
    json_decref(m);
    free(buf);
    ent_report_destroy(r);
    ent_store_close(s);
}

static void test_formats(void **state)
{
    (void)state;
    ent_report_format f;
    assert_int_equal(ent_report_format_parse(&f, "md"), ENT_OK);
    assert_int_equal(f, ENT_REPORT_MARKDOWN);
    assert_int_equal(ent_report_format_parse(&f, "json"), ENT_OK);
    assert_int_equal(f, ENT_REPORT_JSON);
    assert_int_equal(ent_report_format_parse(&f, "pdf"), ENT_EINVAL);
    assert_int_equal(ent_report_format_from_path(&f, "out/Report.HTML"), ENT_OK);
    assert_int_equal(f, ENT_REPORT_HTML);
    assert_int_equal(ent_report_format_from_path(&f, "r.markdown"), ENT_OK);
    assert_int_equal(f, ENT_REPORT_MARKDOWN);
    assert_int_equal(ent_report_format_from_path(&f, "r.txt"), ENT_EINVAL);
    assert_int_equal(ent_report_format_from_path(&f, "dir.json/report"), ENT_EINVAL);
    assert_string_equal(ent_report_format_name(ENT_REPORT_HTML), "html");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_history_and_change_point),
        cmocka_unit_test(test_agreements),
        cmocka_unit_test(test_pillars),
        cmocka_unit_test(test_red_lines),
        cmocka_unit_test(test_third_party),
        cmocka_unit_test(test_global),
        cmocka_unit_test(test_reliability),
        cmocka_unit_test(test_markdown_and_html),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_custom_registry),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_formats),
    };
    return cmocka_run_group_tests_name("report", tests, setup, teardown);
}
