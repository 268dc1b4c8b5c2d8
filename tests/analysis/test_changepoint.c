/*
 * tests/analysis — change points by PELT (include/entente/changepoint.h): steps at known
 * places are found where they are and nowhere else; counts that jump from 2 to 10 a month are
 * found; a higher penalty never finds more; segments respect the minimum length; and the
 * pruned search finds the same optimum as exhaustive search over every segmentation of many
 * small random series, and as unpruned optimal partitioning on longer ones.
 * All noise comes from a fixed-seed generator written here, so every run sees the same data.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "entente/changepoint.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ helpers ---- */

/* splitmix64: a small generator with a fixed seed per test. */
typedef struct rng {
    uint64_t s;
} rng;

static uint64_t next_u64(rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform in (0, 1). */
static double uniform(rng *r)
{
    return ((double)(next_u64(r) >> 11) + 0.5) / 9007199254740992.0;
}

/* Standard normal by Box-Muller. */
static double gaussian(rng *r)
{
    double u = uniform(r), v = uniform(r);
    return sqrt(-2.0 * log(u)) * cos(2.0 * acos(-1.0) * v);
}

/* Poisson by multiplying uniforms (fine for the small rates used here). */
static double poisson(rng *r, double rate)
{
    double limit = exp(-rate), p = 1.0;
    int k = -1;
    do {
        k++;
        p *= uniform(r);
    } while (p > limit);
    return k;
}

#define assert_close(a, b, tol)                                                                    \
    do {                                                                                           \
        double a_ = (a), b_ = (b);                                                                 \
        if (!(fabs(a_ - b_) <= (tol)))                                                             \
            fail_msg("%s = %.12g, expected %.12g (within %g)", #a, a_, b_, (double)(tol));         \
    } while (0)

static ent_cp_result find(const double *x, size_t n, const ent_cp_options *o)
{
    ent_cp_result r;
    int rc = ent_changepoints_find(&r, x, n, o);
    if (rc != ENT_OK)
        fail_msg("ent_changepoints_find: %s", ent_strerror(rc));
    return r;
}

/* The segments tile [0, n) in order, the points are their boundaries, and the means agree. */
static void check_shape(const ent_cp_result *r, const double *x, size_t n, size_t min_segment)
{
    assert_int_equal(r->segment_count, r->count + 1);
    assert_int_equal(r->segments[0].start, 0);
    assert_int_equal(r->segments[r->segment_count - 1].end, n);
    for (size_t i = 0; i < r->segment_count; i++) {
        const ent_cp_segment *s = &r->segments[i];
        assert_true(s->end - s->start >= min_segment || r->segment_count == 1);
        double sum = 0;
        for (size_t j = s->start; j < s->end; j++)
            sum += x[j];
        assert_close(s->mean, sum / (double)(s->end - s->start), 1e-9 * (1 + fabs(s->mean)));
        if (i + 1 < r->segment_count) {
            assert_int_equal(s->end, r->segments[i + 1].start);
            assert_int_equal(r->points[i].index, s->end);
            assert_true(r->points[i].mean_before == s->mean);
            assert_true(r->points[i].mean_after == r->segments[i + 1].mean);
        }
    }
}

/* ------------------------------------------------------ an independent oracle ---- */

/* The costs written out directly from their definitions (no cumulative sums). */
static double direct_cost(ent_cp_cost cost, const double *x, size_t a, size_t b, double sigma)
{
    double len = (double)(b - a), sum = 0;
    for (size_t i = a; i < b; i++)
        sum += x[i];
    if (cost == ENT_CP_POISSON)
        return sum > 0 ? -2.0 * sum * log(sum / len) : 0.0;
    double mean = sum / len, ss = 0;
    for (size_t i = a; i < b; i++)
        ss += (x[i] - mean) * (x[i] - mean);
    return ss / (sigma * sigma);
}

/* The penalised score of the segmentation with changes cps[0..k). */
static double score(ent_cp_cost cost, const double *x, size_t n, const size_t *cps, size_t k,
                    double sigma, double penalty)
{
    double total = penalty * (double)k;
    size_t a = 0;
    for (size_t i = 0; i <= k; i++) {
        size_t b = i < k ? cps[i] : n;
        total += direct_cost(cost, x, a, b, sigma);
        a = b;
    }
    return total;
}

typedef struct best {
    double score, runner_up; /* the best score, and the best of any other segmentation */
    size_t cps[32], k;
} best;

/* Tries every way of cutting x (n <= 20) into segments of at least m points. */
static best exhaustive(ent_cp_cost cost, const double *x, size_t n, size_t m, double sigma,
                       double penalty)
{
    best b = {INFINITY, INFINITY, {0}, 0};
    for (uint32_t mask = 0; mask < (1u << (n - 1)); mask++) {
        size_t cps[32], k = 0, prev = 0;
        int ok = 1;
        for (size_t i = 1; i < n && ok; i++)
            if (mask & (1u << (i - 1))) {
                ok = i - prev >= m;
                cps[k++] = prev = i;
            }
        if (!ok || n - prev < m)
            continue;
        double s = score(cost, x, n, cps, k, sigma, penalty);
        if (s < b.score) {
            b.runner_up = b.score;
            b.score = s;
            b.k = k;
            memcpy(b.cps, cps, k * sizeof *cps);
        } else if (s < b.runner_up) {
            b.runner_up = s;
        }
    }
    return b;
}

static void indexes(size_t *cps, const ent_cp_result *r)
{
    for (size_t i = 0; i < r->count; i++)
        cps[i] = r->points[i].index;
}

/* -------------------------------------------------------------------- tests ---- */

static void a_step_series_has_its_two_jumps_found(void **state)
{
    (void)state;
    /* A monthly Goldstein mean: 1.5 for 100 months, -2.0 for 100, 0.5 for 100, noise sd 0.8. */
    enum { N = 300 };
    double x[N];
    rng r = {20220224};
    for (size_t i = 0; i < N; i++)
        x[i] = (i < 100 ? 1.5 : i < 200 ? -2.0 : 0.5) + 0.8 * gaussian(&r);
    ent_cp_result res = find(x, N, NULL);
    check_shape(&res, x, N, 2);
    assert_int_equal(res.count, 2);
    assert_in_range(res.points[0].index, 99, 101);
    assert_in_range(res.points[1].index, 199, 201);
    assert_close(res.points[0].mean_before, 1.5, 0.3);
    assert_close(res.points[0].mean_after, -2.0, 0.3);
    assert_close(res.points[1].mean_after, 0.5, 0.3);
    assert_close(res.sigma, 0.8, 0.15);
    assert_close(res.penalty, 2 * log(300.0), 1e-12);

    /* Scale-free: the same series in other units and offset finds the same changes. */
    double y[N];
    for (size_t i = 0; i < N; i++)
        y[i] = 1000 * x[i] - 5e6;
    ent_cp_result scaled = find(y, N, NULL);
    assert_int_equal(scaled.count, 2);
    assert_int_equal(scaled.points[0].index, res.points[0].index);
    assert_int_equal(scaled.points[1].index, res.points[1].index);
    assert_close(scaled.sigma, 1000 * res.sigma, 1e-6 * scaled.sigma);
    ent_changepoints_free(&scaled);
    ent_changepoints_free(&res);
}

static void noise_around_a_constant_has_no_change(void **state)
{
    (void)state;
    enum { N = 500 };
    double x[N];
    for (uint64_t seed = 1; seed <= 10; seed++) {
        rng r = {seed};
        for (size_t i = 0; i < N; i++)
            x[i] = 3.0 + gaussian(&r);
        ent_cp_result res = find(x, N, NULL);
        assert_int_equal(res.count, 0);
        assert_int_equal(res.segment_count, 1);
        assert_close(res.segments[0].mean, 3.0, 0.15);
        ent_changepoints_free(&res);

        ent_cp_options o = ENT_CP_OPTIONS_INIT;
        o.cost = ENT_CP_POISSON;
        for (size_t i = 0; i < N; i++)
            x[i] = poisson(&r, 4.0);
        res = find(x, N, &o);
        assert_int_equal(res.count, 0);
        assert_true(res.sigma == 0);
        ent_changepoints_free(&res);
    }
}

static void counts_that_jump_from_2_to_10_a_month_are_found(void **state)
{
    (void)state;
    ent_cp_options o = ENT_CP_OPTIONS_INIT;
    o.cost = ENT_CP_POISSON;
    enum { N = 100 };
    double x[N];
    rng r = {7};
    for (size_t i = 0; i < N; i++)
        x[i] = poisson(&r, i < 60 ? 2.0 : 10.0);
    ent_cp_result res = find(x, N, &o);
    check_shape(&res, x, N, 2);
    assert_int_equal(res.count, 1);
    assert_in_range(res.points[0].index, 59, 61);
    assert_close(res.points[0].mean_before, 2.0, 0.5);
    assert_close(res.points[0].mean_after, 10.0, 1.5);
    ent_changepoints_free(&res);
}

static void monthly_events_jump_in_february_2022(void **state)
{
    (void)state;
    /* Iran-Russia events a month, January 2015 to December 2023, with a few quiet months
     * at zero: 12 a month until February 2022, 35 a month after. */
    enum { N = 9 * 12 };
    const size_t feb_2022 = 7 * 12 + 1;
    double x[N];
    rng r = {2022};
    for (size_t i = 0; i < N; i++)
        x[i] = i % 17 == 3 ? 0 : poisson(&r, i < feb_2022 ? 12.0 : 35.0);
    ent_cp_options o = ENT_CP_OPTIONS_INIT;
    o.cost = ENT_CP_POISSON;
    ent_cp_result res = find(x, N, &o);
    assert_true(res.count >= 1);
    int found = 0;
    for (size_t i = 0; i < res.count; i++)
        found |= res.points[i].index == feb_2022;
    assert_true(found);
    ent_changepoints_free(&res);
}

static void zero_count_segments_cost_nothing(void **state)
{
    (void)state;
    /* 30 months without an event, then about 3 a month: the zero run is a segment of rate 0
     * (log 0 must not reach the arithmetic). */
    enum { N = 60 };
    double x[N];
    rng r = {3};
    for (size_t i = 0; i < N; i++)
        x[i] = i < 30 ? 0 : poisson(&r, 3.0);
    ent_cp_options o = ENT_CP_OPTIONS_INIT;
    o.cost = ENT_CP_POISSON;
    ent_cp_result res = find(x, N, &o);
    assert_int_equal(res.count, 1);
    assert_in_range(res.points[0].index, 30, 31);
    assert_true(res.points[0].mean_before == 0);
    assert_true(isfinite(res.cost));
    ent_changepoints_free(&res);

    /* All zeros: nothing to find, and a finite score of 0. */
    memset(x, 0, sizeof x);
    res = find(x, N, &o);
    assert_int_equal(res.count, 0);
    assert_true(res.cost == 0);
    ent_changepoints_free(&res);
}

static void a_higher_penalty_never_finds_more(void **state)
{
    (void)state;
    /* Steps of many sizes, so each penalty keeps a different number of them. */
    enum { N = 400 };
    double x[N];
    rng r = {99};
    double level = 0;
    for (size_t i = 0; i < N; i++) {
        if (i % 40 == 0)
            level = 4.0 * (uniform(&r) - 0.5) * (double)(i / 40 % 4);
        x[i] = level + gaussian(&r);
    }
    for (int cost = 0; cost < 2; cost++) {
        double y[N];
        for (size_t i = 0; i < N; i++)
            y[i] = cost ? poisson(&r, exp(x[i] / 2)) : x[i];
        ent_cp_options o = ENT_CP_OPTIONS_INIT;
        o.cost = cost ? ENT_CP_POISSON : ENT_CP_NORMAL_MEAN;
        o.min_segment = 1;
        size_t prev = SIZE_MAX, first = 0, last = 0;
        for (double pen = 0.25; pen < 5000; pen *= 1.5) {
            o.penalty = pen;
            ent_cp_result res = find(y, N, &o);
            check_shape(&res, y, N, 1);
            assert_true(res.count <= prev);
            if (prev == SIZE_MAX)
                first = res.count;
            prev = last = res.count;
            ent_changepoints_free(&res);
        }
        assert_true(first > 9); /* more than the true changes: it fits noise */
        assert_int_equal(last, 0);
    }
}

static void segments_are_never_shorter_than_the_minimum(void **state)
{
    (void)state;
    /* A three-month spike in a flat series is a segment unless segments must be longer. */
    enum { N = 80 };
    double x[N];
    rng r = {5};
    for (size_t i = 0; i < N; i++)
        x[i] = (i >= 40 && i < 43 ? 8.0 : 0.0) + 0.5 * gaussian(&r);
    ent_cp_options o = ENT_CP_OPTIONS_INIT;
    o.min_segment = 3;
    ent_cp_result res = find(x, N, &o);
    assert_int_equal(res.count, 2);
    assert_int_equal(res.points[0].index, 40);
    assert_int_equal(res.points[1].index, 43);
    ent_changepoints_free(&res);

    for (size_t m = 4; m <= 45; m++) {
        o.min_segment = m;
        res = find(x, N, &o);
        check_shape(&res, x, N, m);
        for (size_t i = 0; i < res.segment_count; i++)
            assert_true(res.segments[i].end - res.segments[i].start >= m);
        if (m > N / 2)
            assert_int_equal(res.count, 0);
        ent_changepoints_free(&res);
    }
}

/* Random small series: piecewise levels (or rates) with noise, some with ties and zeros. */
static void small_series(double *x, size_t n, ent_cp_cost cost, rng *r)
{
    double level = 0;
    int integers = next_u64(r) % 4 == 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || uniform(r) < 0.2)
            level = cost == ENT_CP_POISSON ? 6.0 * uniform(r) * uniform(r) : 6 * uniform(r);
        if (cost == ENT_CP_POISSON)
            x[i] = poisson(r, level);
        else
            x[i] = integers ? floor(level + gaussian(r)) : level + gaussian(r);
    }
}

static void pruning_finds_the_same_optimum_as_exhaustive_search(void **state)
{
    (void)state;
    rng r = {12345};
    const double penalties[] = {0.5, 2.0, 6.0, 0.0 /* the default */};
    size_t cases = 0, unique = 0;
    for (int trial = 0; trial < 400; trial++) {
        ent_cp_cost cost = trial % 2 ? ENT_CP_POISSON : ENT_CP_NORMAL_MEAN;
        size_t n = 2 + next_u64(&r) % 13; /* 2..14 */
        double x[16];
        small_series(x, n, cost, &r);
        ent_cp_options o = ENT_CP_OPTIONS_INIT;
        o.cost = cost;
        o.min_segment = 1 + (size_t)(trial / 2 % 3);
        o.penalty = penalties[trial / 6 % 4];
        if (trial % 8 >= 4)
            o.sigma = 1.0 + uniform(&r); /* otherwise estimated */

        ent_cp_result pelt = find(x, n, &o);
        o.exhaustive = 1;
        ent_cp_result op = find(x, n, &o);
        check_shape(&pelt, x, n, o.min_segment);

        double sigma = cost == ENT_CP_POISSON ? 1.0 : pelt.sigma;
        best b = exhaustive(cost, x, n, o.min_segment, sigma, pelt.penalty);
        size_t cps[16], cps_op[16];
        indexes(cps, &pelt);
        indexes(cps_op, &op);
        double got = score(cost, x, n, cps, pelt.count, sigma, pelt.penalty);
        double tol = 1e-9 * (1 + fabs(b.score));
        if (!(fabs(got - b.score) <= tol))
            fail_msg("trial %d (n %zu, m %zu, cost %d): PELT scores %.12g, the optimum is %.12g",
                     trial, n, o.min_segment, (int)cost, got, b.score);
        assert_close(pelt.cost, b.score, tol);
        /* Pruning drops candidates only: the same segmentation as without it. */
        assert_int_equal(pelt.count, op.count);
        assert_memory_equal(cps, cps_op, pelt.count * sizeof *cps);
        /* And when the optimum is unique, it is the exhaustive search's. */
        if (b.runner_up - b.score > 1e-6) {
            assert_int_equal(pelt.count, b.k);
            assert_memory_equal(cps, b.cps, b.k * sizeof *cps);
            unique++;
        }
        cases++;
        ent_changepoints_free(&pelt);
        ent_changepoints_free(&op);
    }
    printf("%zu series, %zu with a unique optimum\n", cases, unique);
    assert_true(unique > cases / 2);
}

static void pruning_matches_optimal_partitioning_on_longer_series(void **state)
{
    (void)state;
    rng r = {777};
    const size_t lengths[] = {200, 500, 1000};
    for (int trial = 0; trial < 12; trial++) {
        size_t n = lengths[trial % 3];
        double *x = malloc(n * sizeof *x);
        assert_non_null(x);
        ent_cp_cost cost = trial % 2 ? ENT_CP_POISSON : ENT_CP_NORMAL_MEAN;
        double level = 0;
        for (size_t i = 0; i < n; i++) {
            if (i % (n / 8) == 0) /* eight segments, levels 0..8 apart by 1 at least */
                level = fmod(level + 1 + 6 * uniform(&r), 9);
            x[i] = cost == ENT_CP_POISSON ? poisson(&r, level) : level + gaussian(&r);
        }
        ent_cp_options o = ENT_CP_OPTIONS_INIT;
        o.cost = cost;
        o.min_segment = 1 + (size_t)trial % 5;
        ent_cp_result pelt = find(x, n, &o);
        o.exhaustive = 1;
        ent_cp_result op = find(x, n, &o);
        assert_true(pelt.count > 2);
        assert_int_equal(pelt.count, op.count);
        for (size_t i = 0; i < pelt.count; i++)
            assert_int_equal(pelt.points[i].index, op.points[i].index);
        assert_close(pelt.cost, op.cost, 1e-9 * (1 + fabs(op.cost)));
        ent_changepoints_free(&pelt);
        ent_changepoints_free(&op);
        free(x);
    }
}

static void sigma_is_estimated_from_the_differences(void **state)
{
    (void)state;
    /* Differences 1, 2, 4, 8: median 3, absolute deviations 2, 1, 1, 5, their median 1.5. */
    const double a[] = {0, 1, 3, 7, 15};
    ent_cp_result res = find(a, 5, NULL);
    assert_close(res.sigma, 1.4826 * 1.5 / sqrt(2.0), 1e-12);
    ent_changepoints_free(&res);

    /* Differences 1..5: median 3, deviations 2, 1, 0, 1, 2, median 1. */
    const double b[] = {0, 1, 3, 6, 10, 15};
    res = find(b, 6, NULL);
    assert_close(res.sigma, 1.4826 / sqrt(2.0), 1e-12);
    ent_changepoints_free(&res);

    /* Mostly equal differences (a step in integers): the MAD is 0, the mean absolute
     * deviation of the differences (1/7) is used. */
    const double c[] = {0, 0, 0, 0, 1, 1, 1, 1};
    res = find(c, 8, NULL);
    assert_close(res.sigma, (1.0 / 7) * sqrt(acos(-1.0) / 2) / sqrt(2.0), 1e-12);
    ent_changepoints_free(&res);

    /* A straight line: the standard deviation of the series. */
    double d[10];
    for (int i = 0; i < 10; i++)
        d[i] = 2.0 * i;
    res = find(d, 10, NULL);
    assert_close(res.sigma, 2.0 * sqrt(55.0 / 6.0), 1e-9);
    ent_changepoints_free(&res);

    /* A sigma given is used as it is. */
    ent_cp_options o = ENT_CP_OPTIONS_INIT;
    o.sigma = 2.5;
    res = find(a, 5, &o);
    assert_true(res.sigma == 2.5);
    ent_changepoints_free(&res);
}

static void edge_cases(void **state)
{
    (void)state;
    ent_cp_result res;
    const double one = 4.25;
    assert_int_equal(ent_changepoints_find(&res, NULL, 0, NULL), ENT_OK);
    assert_int_equal(res.count, 0);
    assert_int_equal(res.segment_count, 0);
    assert_null(res.points);
    assert_null(res.segments);
    ent_changepoints_free(&res);

    assert_int_equal(ent_changepoints_find(&res, &one, 1, NULL), ENT_OK);
    assert_int_equal(res.count, 0);
    assert_int_equal(res.segment_count, 1);
    assert_int_equal(res.segments[0].start, 0);
    assert_int_equal(res.segments[0].end, 1);
    assert_true(res.segments[0].mean == 4.25);
    ent_changepoints_free(&res);

    /* All equal, under both costs and any penalty: one segment. */
    double flat[50];
    for (int i = 0; i < 50; i++)
        flat[i] = 7;
    ent_cp_options o = ENT_CP_OPTIONS_INIT;
    o.min_segment = 1;
    o.penalty = 1e-6;
    for (int cost = 0; cost < 2; cost++) {
        o.cost = cost ? ENT_CP_POISSON : ENT_CP_NORMAL_MEAN;
        res = find(flat, 50, &o);
        assert_int_equal(res.count, 0);
        assert_true(res.segments[0].mean == 7);
        ent_changepoints_free(&res);
    }

    /* Two points, minimum segment 1: a big jump splits them, penalty permitting. */
    const double two[] = {0, 100};
    o.cost = ENT_CP_NORMAL_MEAN;
    o.sigma = 1;
    o.penalty = 0;
    res = find(two, 2, &o);
    assert_int_equal(res.count, 1);
    assert_int_equal(res.points[0].index, 1);
    ent_changepoints_free(&res);

    /* Bad input: nothing is returned, and free is safe. */
    double bad[4] = {1, 2, NAN, 4};
    assert_int_equal(ent_changepoints_find(&res, bad, 4, NULL), ENT_EINVAL);
    assert_null(res.segments);
    assert_int_equal(res.count, 0);
    ent_changepoints_free(&res);
    bad[2] = INFINITY;
    assert_int_equal(ent_changepoints_find(&res, bad, 4, NULL), ENT_EINVAL);
    bad[2] = -1;
    assert_int_equal(ent_changepoints_find(&res, bad, 4, NULL), ENT_OK);
    ent_changepoints_free(&res);
    o = (ent_cp_options)ENT_CP_OPTIONS_INIT;
    o.cost = ENT_CP_POISSON;
    assert_int_equal(ent_changepoints_find(&res, bad, 4, &o), ENT_EINVAL);
    assert_int_equal(ent_changepoints_find(NULL, bad, 4, NULL), ENT_EINVAL);
    assert_int_equal(ent_changepoints_find(&res, NULL, 4, NULL), ENT_EINVAL);
    o = (ent_cp_options)ENT_CP_OPTIONS_INIT;
    o.cost = (ent_cp_cost)7;
    assert_int_equal(ent_changepoints_find(&res, flat, 4, &o), ENT_EINVAL);
    o = (ent_cp_options)ENT_CP_OPTIONS_INIT;
    o.penalty = NAN;
    assert_int_equal(ent_changepoints_find(&res, flat, 4, &o), ENT_EINVAL);
    o.penalty = INFINITY;
    assert_int_equal(ent_changepoints_find(&res, flat, 4, &o), ENT_EINVAL);
    o.penalty = 0;
    o.sigma = NAN;
    assert_int_equal(ent_changepoints_find(&res, flat, 4, &o), ENT_EINVAL);

    /* A length whose work arrays cannot be sized is refused before anything is read. */
    assert_int_equal(ent_changepoints_find(&res, flat, SIZE_MAX / 4, NULL), ENT_ENOMEM);
    assert_null(res.segments);
    ent_changepoints_free(NULL);
}

static void a_million_points_in_linear_memory(void **state)
{
    (void)state;
    /* A change every 100 points over 10^6 points: a quadratic table would need terabytes. */
    const size_t n = 1000000, every = 100;
    double *x = malloc(n * sizeof *x);
    assert_non_null(x);
    rng r = {1000000};
    for (size_t i = 0; i < n; i++)
        x[i] = (i / every % 2 ? 4.0 : 0.0) + 0.5 * gaussian(&r);
    ent_cp_result res = find(x, n, NULL);
    assert_int_equal(res.count, n / every - 1);
    /* An 8-sigma step: a point next to it that looks like the other side takes 4 sigma of
     * noise, which 10^6 points have a few times. */
    size_t exact = 0;
    for (size_t i = 0; i < res.count; i++) {
        assert_in_range(res.points[i].index, (i + 1) * every - 1, (i + 1) * every + 1);
        exact += res.points[i].index == (i + 1) * every;
    }
    printf("%zu of %zu changes at the exact index\n", exact, res.count);
    assert_true(exact >= res.count * 99 / 100);
    ent_changepoints_free(&res);
    free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_step_series_has_its_two_jumps_found),
        cmocka_unit_test(noise_around_a_constant_has_no_change),
        cmocka_unit_test(counts_that_jump_from_2_to_10_a_month_are_found),
        cmocka_unit_test(monthly_events_jump_in_february_2022),
        cmocka_unit_test(zero_count_segments_cost_nothing),
        cmocka_unit_test(a_higher_penalty_never_finds_more),
        cmocka_unit_test(segments_are_never_shorter_than_the_minimum),
        cmocka_unit_test(pruning_finds_the_same_optimum_as_exhaustive_search),
        cmocka_unit_test(pruning_matches_optimal_partitioning_on_longer_series),
        cmocka_unit_test(sigma_is_estimated_from_the_differences),
        cmocka_unit_test(edge_cases),
        cmocka_unit_test(a_million_points_in_linear_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
