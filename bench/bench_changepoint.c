/*
 * Benchmark of change-point detection (not a test). For series of 10^3, 10^4 and 10^5 points
 * it times PELT and, as the baseline in the same run, plain optimal partitioning (the same
 * recursion without pruning, O(n^2)), and prints points/s for each, the speed-up, and whether
 * both found the same change points. Two kinds of series, each under both costs:
 *   few      five changes, so segments grow with n: PELT's pruning works only at the
 *            changes, and its time grows with n times the segment length;
 *   regular  a change every 100 points, PELT's linear-time case.
 * Optimal partitioning of 10^5 points takes a while, so it runs only with --full.
 * Usage: bench_changepoint [--full]
 */
#include "entente/changepoint.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t rng = 0x2022022400000001ULL;
static double uniform(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return ((double)(rng >> 11) + 0.5) / 9007199254740992.0;
}

static double gaussian(void)
{
    double u = uniform(), v = uniform();
    return sqrt(-2.0 * log(u)) * cos(2.0 * acos(-1.0) * v);
}

static double poisson(double rate)
{
    double limit = exp(-rate), p = 1.0;
    int k = -1;
    do {
        k++;
        p *= uniform();
    } while (p > limit);
    return k;
}

/* n points in segs equal segments, levels alternating between two values. */
static void make_series(double *x, size_t n, size_t segs, ent_cp_cost cost)
{
    for (size_t i = 0; i < n; i++) {
        int high = i * segs / n % 2;
        if (cost == ENT_CP_POISSON)
            x[i] = poisson(high ? 9.0 : 3.0);
        else
            x[i] = (high ? 2.0 : -1.0) + gaussian();
    }
}

/* Runs the search at least once and for at least min_seconds; returns seconds per run. */
static double time_find(ent_cp_result *out, const double *x, size_t n, const ent_cp_options *o,
                        double min_seconds)
{
    int runs = 0;
    double t0 = now(), t;
    do {
        ent_changepoints_free(out);
        if (ent_changepoints_find(out, x, n, o) != ENT_OK) {
            fprintf(stderr, "bench_changepoint: ent_changepoints_find failed\n");
            exit(1);
        }
        runs++;
        t = now() - t0;
    } while (t < min_seconds);
    return t / runs;
}

static int same_points(const ent_cp_result *a, const ent_cp_result *b)
{
    if (a->count != b->count)
        return 0;
    for (size_t i = 0; i < a->count; i++)
        if (a->points[i].index != b->points[i].index)
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    int full = argc > 1 && strcmp(argv[1], "--full") == 0;
    const size_t sizes[] = {1000, 10000, 100000};
    printf("%-8s %-7s %7s %7s %14s %14s %9s %s\n", "series", "cost", "n", "found", "PELT pts/s",
           "OP pts/s", "speed-up", "same");
    for (int kind = 0; kind < 2; kind++) {
        for (int c = 0; c < 2; c++) {
            ent_cp_cost cost = c ? ENT_CP_POISSON : ENT_CP_NORMAL_MEAN;
            for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
                size_t n = sizes[si];
                size_t segs = kind == 0 ? 6 : n / 100;
                double *x = malloc(n * sizeof *x);
                if (!x)
                    return 1;
                make_series(x, n, segs, cost);
                ent_cp_options o = ENT_CP_OPTIONS_INIT;
                o.cost = cost;
                ent_cp_result pelt = {0}, op = {0};
                double tp = time_find(&pelt, x, n, &o, 0.3);
                printf("%-8s %-7s %7zu %7zu %14.0f ", kind == 0 ? "few" : "regular",
                       c ? "poisson" : "normal", n, pelt.count, n / tp);
                if (n <= 10000 || full) {
                    o.exhaustive = 1;
                    double to = time_find(&op, x, n, &o, 0.3);
                    printf("%14.0f %8.1fx %s\n", n / to, to / tp,
                           same_points(&pelt, &op) ? "yes" : "NO");
                } else {
                    printf("%14s %9s %s\n", "-", "-", "(--full)");
                }
                fflush(stdout);
                ent_changepoints_free(&pelt);
                ent_changepoints_free(&op);
                free(x);
            }
        }
    }
    return 0;
}
