/* Tests of the dyad series (include/entente/series.h) on a constructed SQLite store whose
   sums are known by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "entente/series.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char db[128];

static ent_date ymd(int y, int m, int d)
{
    return ent_date_from_ymd(y, m, d);
}

static void add(ent_store *s, int id, ent_date date, const char *src, const char *tgt,
                const char *code, double goldstein, int quad)
{
    char origin_id[16];
    snprintf(origin_id, sizeof origin_id, "%d", id);
    ent_store_event e;
    memset(&e, 0, sizeof e);
    e.origin = "test";
    e.origin_id = origin_id;
    e.date = date;
    e.source_code = src;
    e.target_code = tgt;
    e.event_code = code;
    e.goldstein = goldstein;
    e.quad_class = quad;
    int added = 0;
    assert_int_equal(ent_store_add_event(s, &e, &added), ENT_OK);
    assert_int_equal(added, 1);
}

/*
 * The table: Iran and Russia (their government, military and leaders included) in January,
 * nothing in February, March again; events of other dyads that must not count, but count in
 * the sources' totals.
 */
static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/entente-series-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof db, "%s/s.sqlite", dir);
    ent_store *s;
    char err[256];
    if (ent_store_open(&s, db, err, sizeof err) != ENT_OK)
        return -1;
    int id = 1;
    add(s, id++, ymd(2022, 1, 3), "IRNGOV", "RUSGOV", "036", 4.0, 1);  /* meet: verbal coop */
    add(s, id++, ymd(2022, 1, 3), "IRN", "RUS", "057", 8.0, 1);        /* agreement */
    add(s, id++, ymd(2022, 1, 20), "IRNMIL", "RUSMIL", "0312", 6.0, 2); /* military coop */
    add(s, id++, ymd(2022, 1, 21), "RUS", "IRN", "112", -2.0, 3);       /* criticism */
    add(s, id++, ymd(2022, 3, 31), "RUSGOV", "IRNGOV", "163", -8.0, 4); /* sanctions */
    add(s, id++, ymd(2022, 3, 1), "RUS", "IRNGOV", "0311", 5.2, 2);
    /* Not the dyad: Iraq shares two letters, Iran–USA and Russia–China are other pairs. */
    add(s, id++, ymd(2022, 1, 5), "IRQ", "RUS", "036", 4.0, 1);
    add(s, id++, ymd(2022, 1, 5), "IRN", "USA", "111", -2.0, 3);
    add(s, id++, ymd(2022, 1, 6), "IRNGOV", "USAGOV", "111", -2.0, 3);
    add(s, id++, ymd(2022, 2, 6), "IRN", "USA", "111", -2.0, 3);
    add(s, id++, ymd(2022, 3, 6), "RUS", "CHN", "036", 4.0, 1);
    add(s, id++, ymd(2021, 6, 6), "USA", "IRN", "172", -5.0, 4);
    ent_store_close(s);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static ent_store *open_store(void)
{
    ent_store *s;
    char err[256];
    assert_int_equal(ent_store_open(&s, db, err, sizeof err), ENT_OK);
    return s;
}

static void test_months(void **state)
{
    (void)state;
    ent_store *s = open_store();
    ent_dyad_series ds;
    assert_int_equal(ent_dyad_series_build(&ds, s, "IRN", "RUS", NULL), ENT_OK);
    /* January to March, February empty but present. */
    assert_int_equal(ds.n, 3);
    char label[16];
    ent_period_format(label, ds.ab[1].period, ds.by);
    assert_string_equal(label, "2022-02");

    const ent_dyad_point *jan = &ds.ab[0];
    assert_int_equal(jan->period, ymd(2022, 1, 1));
    assert_int_equal(jan->events, 3);
    assert_true(jan->goldstein_sum == 18.0);
    assert_true(ent_dyad_point_mean(jan) == 6.0);
    assert_int_equal(jan->quad[0], 2);
    assert_int_equal(jan->quad[1], 1);
    assert_int_equal(jan->quad[2] + jan->quad[3], 0);
    /* Iran's events to anyone in January: three to Russia, two to the USA. */
    assert_int_equal(jan->source_total, 5);
    assert_true(ent_dyad_point_share(jan) == 0.6);

    assert_int_equal(ds.ab[1].events, 0);
    assert_int_equal(ds.ab[1].source_total, 1);
    assert_int_equal(ds.ab[2].events, 0);

    const ent_dyad_point *ru_jan = &ds.ba[0], *ru_mar = &ds.ba[2];
    assert_int_equal(ru_jan->events, 1);
    assert_int_equal(ru_jan->quad[2], 1);
    assert_int_equal(ru_mar->events, 2);
    assert_true(ru_mar->goldstein_sum == -8.0 + 5.2);
    assert_int_equal(ru_mar->quad[1], 1);
    assert_int_equal(ru_mar->quad[3], 1);
    assert_int_equal(ru_mar->source_total, 3); /* with Russia–China */
    ent_dyad_series_free(&ds);
    ent_dyad_series_free(NULL);
    ent_store_close(s);
}

static void test_range_and_periods(void **state)
{
    (void)state;
    ent_store *s = open_store();
    ent_dyad_options opt = ENT_DYAD_OPTIONS_INIT;
    opt.by = ENT_PERIOD_YEAR;
    opt.from = ymd(2020, 5, 1);
    opt.to = ymd(2023, 2, 1);
    opt.totals = 0;
    ent_dyad_series ds;
    assert_int_equal(ent_dyad_series_build(&ds, s, "IRN", "RUS", &opt), ENT_OK);
    assert_int_equal(ds.n, 4); /* 2020 … 2023, the empty years included */
    assert_int_equal(ds.ab[2].events, 3);
    assert_int_equal(ds.ba[2].events, 3);
    assert_int_equal(ds.ab[2].source_total, 0);
    assert_int_equal(ds.ab[0].events + ds.ab[1].events + ds.ab[3].events, 0);
    ent_dyad_series_free(&ds);

    /* Weeks: 3 Jan 2022 is the Monday of ISO week 1 of 2022. */
    opt.by = ENT_PERIOD_WEEK;
    opt.from = ymd(2022, 1, 1);
    opt.to = ymd(2022, 1, 31);
    assert_int_equal(ent_dyad_series_build(&ds, s, "IRN", "RUS", &opt), ENT_OK);
    char label[16];
    ent_period_format(label, ds.ab[0].period, ds.by);
    assert_string_equal(label, "2021-W52"); /* 1 Jan 2022 was a Saturday */
    ent_period_format(label, ds.ab[1].period, ds.by);
    assert_string_equal(label, "2022-W01");
    assert_int_equal(ds.ab[1].events, 2);
    assert_int_equal(ds.n, 6); /* weeks of 27 Dec … 31 Jan */
    ent_dyad_series_free(&ds);

    /* A day series: the events of one day. */
    opt.by = ENT_PERIOD_DAY;
    opt.from = ymd(2022, 1, 3);
    opt.to = ymd(2022, 1, 3);
    assert_int_equal(ent_dyad_series_build(&ds, s, "IRN", "RUS", &opt), ENT_OK);
    assert_int_equal(ds.n, 1);
    assert_int_equal(ds.ab[0].events, 2);
    ent_dyad_series_free(&ds);

    /* A dyad without events and without a range: an empty series. */
    assert_int_equal(ent_dyad_series_build(&ds, s, "CHN", "IRN", NULL), ENT_OK);
    assert_int_equal(ds.n, 0);
    assert_null(ds.ab);
    ent_dyad_series_free(&ds);
    ent_store_close(s);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    ent_store *s = open_store();
    ent_dyad_series ds;
    ent_dyad_options opt = ENT_DYAD_OPTIONS_INIT;
    assert_int_equal(ent_dyad_series_build(&ds, s, "", "RUS", NULL), ENT_EINVAL);
    assert_int_equal(ent_dyad_series_build(&ds, s, "IRN", NULL, NULL), ENT_EINVAL);
    opt.from = ymd(2023, 1, 1);
    opt.to = ymd(2022, 1, 1);
    assert_int_equal(ent_dyad_series_build(&ds, s, "IRN", "RUS", &opt), ENT_EINVAL);
    assert_int_equal(ds.n, 0);
    ent_store_close(s);

    ent_period p;
    assert_int_equal(ent_period_parse(&p, "month"), ENT_OK);
    assert_int_equal(p, ENT_PERIOD_MONTH);
    assert_int_equal(ent_period_parse(&p, "decade"), ENT_EINVAL);
    assert_string_equal(ent_period_name(ENT_PERIOD_WEEK), "week");
}

static void test_period_arithmetic(void **state)
{
    (void)state;
    char label[16];
    /* ISO weeks at year ends: 31 Dec 2024 is in 2025-W01, 1 Jan 2021 in 2020-W53. */
    ent_period_format(label, ent_period_start(ymd(2024, 12, 31), ENT_PERIOD_WEEK),
                      ENT_PERIOD_WEEK);
    assert_string_equal(label, "2025-W01");
    ent_period_format(label, ent_period_start(ymd(2021, 1, 1), ENT_PERIOD_WEEK),
                      ENT_PERIOD_WEEK);
    assert_string_equal(label, "2020-W53");
    assert_int_equal(ent_period_next(ymd(2022, 12, 1), ENT_PERIOD_MONTH), ymd(2023, 1, 1));
    assert_int_equal(ent_period_start(ymd(2024, 2, 29), ENT_PERIOD_YEAR), ymd(2024, 1, 1));
    ent_period_format(label, ymd(2024, 2, 29), ENT_PERIOD_DAY);
    assert_string_equal(label, "2024-02-29");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_range_and_periods),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_period_arithmetic),
    };
    return cmocka_run_group_tests_name("analysis/series", tests, setup, teardown);
}
