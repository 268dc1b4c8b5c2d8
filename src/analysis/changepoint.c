/*
 * analysis — change points of a series by PELT (include/entente/changepoint.h): when a dyad's
 * monthly counts or Goldstein means moved to a new level.
 *
 * Layout of the work: validate the series; for the normal cost, put it on a bounded scale
 * (see below) and estimate sigma; build cumulative sums so a segment's cost is O(1); run the
 * optimal-partitioning recursion, pruning candidates as PELT does; walk back the optimal
 * last-change pointers; summarise the segments from the original values.
 */
#include "entente/changepoint.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NEVER SIZE_MAX

/* The normal cost is sum (x - mean)^2 / sigma^2. Computing it from prefix sums of x and x^2
 * overflows for large values and loses precision far from 0, so the prefix sums are of
 * z = (x/2 - mid) / half_range, in [-1/2, 1/2] (halves, so that max - min cannot overflow), and a
 * segment's cost is scale * (its sum of squared deviations of z), scale = (half_range /
 * half_sigma)^2. scale is capped so that costs stay finite; the cap only matters for a sigma
 * below 1e-100 of the series' range. */
#define MAX_SCALE 1e200

/* Poisson series whose total exceeds this could overflow S log S; no count is this large. */
#define MAX_POISSON_TOTAL 1e300

/* ------------------------------------------------------------------- medians ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void swap(double *a, size_t i, size_t j)
{
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
}

/* The k-th smallest of a[0..n) (k < n), reordering a so that a[0..k) <= a[k] <= a[k+1..n).
 * Quickselect with a median-of-three pivot; should the partitions keep coming out lopsided,
 * the rest is sorted, so no input makes it quadratic. */
static double select_kth(double *a, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    int budget = 2;
    for (size_t m = n; m > 1; m >>= 1)
        budget += 2;
    while (hi > lo) {
        if (budget-- == 0) {
            qsort(a + lo, hi - lo + 1, sizeof *a, cmp_double);
            return a[k];
        }
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] < a[lo])
            swap(a, mid, lo);
        if (a[hi] < a[lo])
            swap(a, hi, lo);
        if (a[hi] < a[mid])
            swap(a, hi, mid);
        if (hi - lo < 3)
            return a[k]; /* three or fewer: now sorted */
        double pivot = a[mid];
        /* Hoare partition over [lo+1, hi-1]: a[lo] <= pivot <= a[hi] act as sentinels, and
         * keys equal to the pivot are spread over both sides, so runs of equal values (common
         * in count data) split evenly. */
        size_t i = lo, j = hi;
        for (;;) {
            do
                i++;
            while (a[i] < pivot);
            do
                j--;
            while (a[j] > pivot);
            if (i >= j)
                break;
            swap(a, i, j);
        }
        /* a[lo..j] <= pivot <= a[j+1..hi] */
        if (k <= j)
            hi = j;
        else
            lo = j + 1;
    }
    return a[k];
}

/* The median of a[0..n) (n > 0), as R's median(): the mean of the two middle values when n is
 * even. Reorders a. */
static double median(double *a, size_t n)
{
    size_t k = n / 2;
    double upper = select_kth(a, n, k);
    if (n % 2)
        return upper;
    double lower = a[0];
    for (size_t i = 1; i < k; i++)
        if (a[i] > lower)
            lower = a[i];
    return lower / 2 + upper / 2;
}

/* ---------------------------------------------------------------------- sigma ---- */

/* The noise standard deviation of x, in half units (see MAX_SCALE), from its first
 * differences: steps between segments are few, so they barely move the median of the
 * differences while they would inflate the plain standard deviation. Returns 0 when every
 * difference is equal (a constant or a straight line); the caller falls back. */
static int half_sigma_of(double *out, const double *x, size_t n)
{
    *out = 0;
    if (n < 2)
        return ENT_OK;
    size_t nd = n - 1;
    double *d = malloc(nd * sizeof *d);
    if (!d)
        return ENT_ENOMEM;
    for (size_t i = 0; i < nd; i++)
        d[i] = x[i + 1] / 2 - x[i] / 2;
    double med = median(d, nd);
    for (size_t i = 0; i < nd; i++)
        d[i] = fabs(d[i] - med);
    /* 1.4826 makes the MAD of a normal sample estimate its sd; a difference of two
     * independent noise terms has sd sigma * sqrt(2). */
    double s = 1.4826 * median(d, nd) / sqrt(2.0);
    if (s == 0) {
        /* Most differences are equal (integer series often are): the mean absolute deviation,
         * which for a normal sample is sd * sqrt(2/pi). d still holds the deviations. */
        double sum = 0;
        for (size_t i = 0; i < nd; i++)
            sum += d[i] / (double)nd;
        s = sum * sqrt(acos(-1.0) / 2) / sqrt(2.0);
    }
    free(d);
    *out = s;
    return ENT_OK;
}

/* -------------------------------------------------------------- segment costs ---- */

typedef struct costs {
    ent_cp_cost kind;
    const double *s1; /* prefix sums: of z (normal) or of the counts (Poisson) */
    const double *s2; /* normal: prefix sums of z^2 */
    double scale;     /* normal: (half_range / half_sigma)^2 */
} costs;

/* Twice the negative log-likelihood of x[a, b) under its own mean or rate, less terms that
 * add up to the same total for every segmentation. */
static inline double segment_cost(const costs *c, size_t a, size_t b)
{
    double len = (double)(b - a);
    double s = c->s1[b] - c->s1[a];
    if (c->kind == ENT_CP_POISSON)
        return s > 0 ? -2.0 * s * log(s / len) : 0.0;
    return c->scale * ((c->s2[b] - c->s2[a]) - s * s / len);
}

/* Prefix sums with Kahan compensation, so that a late segment's sum is not blurred by the
 * rounding of everything before it. p has n + 1 entries, p[0] = 0. */
static void prefix_sums(double *p, const double *v, size_t n, int squares)
{
    double sum = 0, comp = 0;
    p[0] = 0;
    for (size_t i = 0; i < n; i++) {
        double y = (squares ? v[i] * v[i] : v[i]) - comp;
        double t = sum + y;
        comp = (t - sum) - y;
        sum = t;
        p[i + 1] = sum;
    }
}

/* ------------------------------------------------------------------ recursion ---- */

/*
 * F[t] is the best score of x[0, t) (segments of at least m points), F[0] = -penalty so that
 * every segment pays the penalty once and the first one gets it back:
 *     F[t] = min over candidates s of F[s] + C(s, t) + penalty,   last[t] = the best s.
 * Candidates are 0 and every s with m <= s <= t - m. PELT drops s once
 * F[s] + C(s, t) > F[t]: for any later end T, C(s, T) >= C(s, t) + C(t, T) (fitting one more
 * parameter never costs likelihood), so splitting at t instead is at least as good. That
 * needs t itself to be a candidate for T, which with a minimum segment length holds only for
 * T >= t + m: s stays a candidate until then ("kill" holds the first T where it is not).
 * Candidates stay in increasing order, and ties go to the earliest, with or without pruning.
 */
static void recurse(double *F, size_t *last, size_t *cand, size_t *kill, double *val,
                    const costs *c, size_t n, size_t m, double penalty, int prune)
{
    size_t nc = 0;
    F[0] = -penalty;
    for (size_t t = m; t <= n; t++) {
        size_t s = t - m;
        if (s == 0 || s >= m) {
            cand[nc] = s;
            kill[nc] = NEVER;
            nc++;
        }
        double best = INFINITY;
        size_t best_i = 0;
        for (size_t i = 0; i < nc; i++) {
            double v = F[cand[i]] + segment_cost(c, cand[i], t);
            val[i] = v;
            if (v < best) {
                best = v;
                best_i = i;
            }
        }
        F[t] = best + penalty;
        last[t] = cand[best_i];
        if (!prune)
            continue;
        size_t kept = 0;
        for (size_t i = 0; i < nc; i++) {
            size_t k = kill[i];
            if (k == NEVER && val[i] > F[t])
                k = t + m;
            if (k <= t + 1)
                continue;
            cand[kept] = cand[i];
            kill[kept] = k;
            kept++;
        }
        nc = kept;
    }
}

/* ------------------------------------------------------------------- results ---- */

/* The mean of x[a, b): a plain sum, exact for counts; for sums that overflow, a running
 * mean. */
static double mean_of(const double *x, size_t a, size_t b)
{
    double sum = 0;
    for (size_t i = a; i < b; i++)
        sum += x[i];
    double len = (double)(b - a);
    if (isfinite(sum))
        return sum / len;
    double mean = 0;
    for (size_t i = a; i < b; i++) {
        double k = (double)(i - a + 1);
        mean += x[i] / k - mean / k;
    }
    return mean;
}

/* Fills r's segments and points from the change indexes cps[0..k), increasing. */
static int build_result(ent_cp_result *r, const double *x, size_t n, const size_t *cps, size_t k)
{
    r->segments = malloc((k + 1) * sizeof *r->segments);
    if (!r->segments)
        return ENT_ENOMEM;
    if (k) {
        r->points = malloc(k * sizeof *r->points);
        if (!r->points)
            return ENT_ENOMEM;
    }
    for (size_t i = 0; i <= k; i++) {
        size_t a = i ? cps[i - 1] : 0, b = i < k ? cps[i] : n;
        r->segments[i] = (ent_cp_segment){a, b, mean_of(x, a, b)};
    }
    for (size_t i = 0; i < k; i++)
        r->points[i] = (ent_changepoint){cps[i], r->segments[i].mean, r->segments[i + 1].mean};
    r->segment_count = k + 1;
    r->count = k;
    return ENT_OK;
}

/* -------------------------------------------------------------------- driver ---- */

typedef struct work {
    double *s1, *s2, *z, *F, *val;
    size_t *last, *cand, *kill;
} work;

static void work_free(work *w)
{
    free(w->s1);
    free(w->s2);
    free(w->z);
    free(w->F);
    free(w->val);
    free(w->last);
    free(w->cand);
    free(w->kill);
}

static int check_input(const double *x, size_t n, const ent_cp_options *o)
{
    if (o->cost != ENT_CP_NORMAL_MEAN && o->cost != ENT_CP_POISSON)
        return ENT_EINVAL;
    if (!isfinite(o->penalty) || !isfinite(o->sigma))
        return ENT_EINVAL;
    if (n > 0 && !x)
        return ENT_EINVAL;
    /* Every work array has n + 1 entries of 8 bytes or less. */
    if (n >= SIZE_MAX / sizeof(double) - 1)
        return ENT_ENOMEM;
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]))
            return ENT_EINVAL;
        if (o->cost == ENT_CP_POISSON) {
            if (x[i] < 0)
                return ENT_EINVAL;
            total += x[i];
        }
    }
    if (!(total <= MAX_POISSON_TOTAL))
        return ENT_EINVAL;
    return ENT_OK;
}

/* Sets up the normal cost: z, its prefix sums, sigma and the scale. */
static int setup_normal(costs *c, work *w, double *sigma, const double *x, size_t n,
                        double given_sigma)
{
    double lo = x[0], hi = x[0];
    for (size_t i = 1; i < n; i++) {
        if (x[i] < lo)
            lo = x[i];
        if (x[i] > hi)
            hi = x[i];
    }
    double mid = lo / 4 + hi / 4, half_range = hi / 2 - lo / 2; /* of x / 2 */
    w->z = malloc(n * sizeof *w->z);
    w->s1 = malloc((n + 1) * sizeof *w->s1);
    w->s2 = malloc((n + 1) * sizeof *w->s2);
    if (!w->z || !w->s1 || !w->s2)
        return ENT_ENOMEM;
    for (size_t i = 0; i < n; i++)
        w->z[i] = half_range > 0 ? (x[i] / 2 - mid) / half_range : 0.0;

    double half_sigma = given_sigma / 2;
    if (given_sigma <= 0) {
        int rc = half_sigma_of(&half_sigma, x, n);
        if (rc != ENT_OK)
            return rc;
        if (half_sigma == 0 && half_range > 0) {
            /* All differences equal: a straight line. Its spread is all there is. */
            double mz = 0, ss = 0;
            for (size_t i = 0; i < n; i++)
                mz += w->z[i] / (double)n;
            for (size_t i = 0; i < n; i++)
                ss += (w->z[i] - mz) * (w->z[i] - mz);
            half_sigma = sqrt(ss / (double)(n - 1)) * half_range;
        }
        if (half_sigma == 0)
            half_sigma = 0.5; /* a constant: every cost is 0 whatever sigma is */
    }
    *sigma = given_sigma > 0 ? given_sigma : 2 * half_sigma;

    double scale = 1.0;
    if (half_range > 0) {
        double r = half_range / half_sigma;
        scale = r * r;
        if (!(scale <= MAX_SCALE))
            scale = MAX_SCALE;
    }
    prefix_sums(w->s1, w->z, n, 0);
    prefix_sums(w->s2, w->z, n, 1);
    c->kind = ENT_CP_NORMAL_MEAN;
    c->s1 = w->s1;
    c->s2 = w->s2;
    c->scale = scale;
    return ENT_OK;
}

static int find(ent_cp_result *out, work *w, const double *x, size_t n, const ent_cp_options *o)
{
    size_t m = o->min_segment ? o->min_segment : 1;
    costs c = {o->cost, NULL, NULL, 1.0};
    int rc;
    if (o->cost == ENT_CP_NORMAL_MEAN) {
        rc = setup_normal(&c, w, &out->sigma, x, n, o->sigma);
        if (rc != ENT_OK)
            return rc;
    } else {
        w->s1 = malloc((n + 1) * sizeof *w->s1);
        if (!w->s1)
            return ENT_ENOMEM;
        prefix_sums(w->s1, x, n, 0);
        c.s1 = w->s1;
    }

    if (m > n / 2) {
        /* Too short for two segments of m. */
        out->cost = segment_cost(&c, 0, n);
        return build_result(out, x, n, NULL, 0);
    }

    w->F = malloc((n + 1) * sizeof *w->F);
    w->val = malloc((n + 1) * sizeof *w->val);
    w->last = malloc((n + 1) * sizeof *w->last);
    w->cand = malloc((n + 1) * sizeof *w->cand);
    w->kill = malloc((n + 1) * sizeof *w->kill);
    if (!w->F || !w->val || !w->last || !w->cand || !w->kill)
        return ENT_ENOMEM;
    recurse(w->F, w->last, w->cand, w->kill, w->val, &c, n, m, out->penalty, !o->exhaustive);
    out->cost = w->F[n];

    /* Walk back the last-change pointers; the candidate array is free to hold them. */
    size_t k = 0;
    for (size_t t = w->last[n]; t > 0; t = w->last[t])
        w->cand[k++] = t;
    for (size_t i = 0; i < k / 2; i++) {
        size_t tmp = w->cand[i];
        w->cand[i] = w->cand[k - 1 - i];
        w->cand[k - 1 - i] = tmp;
    }
    return build_result(out, x, n, w->cand, k);
}

int ent_changepoints_find(ent_cp_result *out, const double *series, size_t n,
                          const ent_cp_options *opt)
{
    if (!out)
        return ENT_EINVAL;
    memset(out, 0, sizeof *out);
    static const ent_cp_options defaults = ENT_CP_OPTIONS_INIT;
    const ent_cp_options *o = opt ? opt : &defaults;
    int rc = check_input(series, n, o);
    if (rc != ENT_OK)
        return rc;
    out->penalty = o->penalty > 0 ? o->penalty : n > 0 ? 2.0 * log((double)n) : 0.0;
    if (n == 0)
        return ENT_OK;

    work w;
    memset(&w, 0, sizeof w);
    rc = find(out, &w, series, n, o);
    work_free(&w);
    if (rc != ENT_OK)
        ent_changepoints_free(out);
    return rc;
}

void ent_changepoints_free(ent_cp_result *r)
{
    if (!r)
        return;
    free(r->points);
    free(r->segments);
    memset(r, 0, sizeof *r);
}
