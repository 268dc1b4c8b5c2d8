/*
 * entente changepoint — finds when a relationship changed: the months at which a dyad series
 * (events a month, mean Goldstein score a month) jumps from one level to another and stays
 * there. `entente report A B` uses it for "when did it change?"; this module is a pure
 * function of a series of doubles and knows nothing of dates or events.
 *
 * Method. A segmentation of x[0..n) into segments [a, b) is scored as
 *     sum over segments of C(a, b)  +  penalty * (number of change points)
 * where C is a segment cost, twice the negative log-likelihood of the segment under its own
 * best-fitting parameter (up to terms that do not depend on the segmentation). The segmentation
 * with the smallest score is found exactly by optimal partitioning (dynamic programming over
 * the position of the last change), made fast by the pruning rule of PELT, "Pruned Exact
 * Linear Time": Killick, Fearnhead & Eckley, "Optimal detection of changepoints with a linear
 * computational cost", Journal of the American Statistical Association 107 (2012). A
 * candidate position for the last change that is already worse than the optimum at time t,
 * even before paying the penalty, can never become optimal later, and is dropped. Pruning
 * changes the work, never the answer: the result is the same optimum as plain optimal
 * partitioning (the tests compare the two, and with exhaustive search).
 * Work: about n times the typical segment length, so linear when changes are spread through
 * the series, and up to quadratic for a long series without any change. Memory is linear.
 *
 * Costs (O(1) per segment from cumulative sums):
 *   ENT_CP_NORMAL_MEAN  Gaussian change in mean, known variance:
 *                       C = sum (x_i - segment mean)^2 / sigma^2.
 *                       sigma is estimated from the whole series robustly, so that the level
 *                       changes themselves don't inflate it: the median absolute deviation
 *                       (times 1.4826) of the first differences x[i+1] - x[i], divided by
 *                       sqrt(2) (R: mad(diff(x)) / sqrt(2)). When more than half of the
 *                       differences are equal, the MAD is 0 and the mean absolute deviation of
 *                       the differences is used instead (times sqrt(pi/2)); when all are equal
 *                       (a constant or a straight line), the standard deviation of the series,
 *                       or 1 for a constant. Scaling or shifting the series doesn't change the
 *                       change points.
 *   ENT_CP_POISSON      change in the rate of counts (values must be >= 0, need not be
 *                       integers): C = -2 S log(S / m) for a segment of m values summing to
 *                       S, and 0 when S = 0 (a run of zero months is a perfect fit of rate 0).
 *
 * Penalty. Both costs are on the scale of twice the negative log-likelihood, so the penalty
 * means what it means in R's changepoint package (cpt.mean on x / sigma, cpt.meanvar with
 * test.stat = "Poisson", penalty = "Manual", pen.value = penalty). The default, used when
 * the option is <= 0, is the BIC/SIC penalty 2 log(n): one new mean or rate plus the change's
 * position per change (R's penalty = "SIC"/"BIC" for these models). Larger penalties find
 * fewer changes; each change must buy at least this much likelihood.
 */
#ifndef ENTENTE_CHANGEPOINT_H
#define ENTENTE_CHANGEPOINT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ent_cp_cost {
    ENT_CP_NORMAL_MEAN, /* change in mean of a real-valued series (Goldstein means) */
    ENT_CP_POISSON      /* change in rate of a count series (events a month) */
} ent_cp_cost;

typedef struct ent_cp_options {
    ent_cp_cost cost;
    double penalty;     /* per change point; <= 0: 2 log(n) (see above) */
    size_t min_segment; /* every segment has at least this many points; 0 acts as 1. The
                           default 2 keeps one odd month an outlier rather than two changes. */
    double sigma;       /* ENT_CP_NORMAL_MEAN: the noise standard deviation when it is known;
                           <= 0: estimated from the series (see above). Ignored for Poisson. */
    int exhaustive;     /* 1: plain optimal partitioning without pruning, O(n^2) time. Same
                           result as PELT; for checks and benchmarks. */
} ent_cp_options;

#define ENT_CP_OPTIONS_INIT {ENT_CP_NORMAL_MEAN, 0.0, 2, 0.0, 0}

/* A change point: the series' level moves from mean_before to mean_after at index. */
typedef struct ent_changepoint {
    size_t index;       /* first index of the new segment (0 < index < n) */
    double mean_before; /* mean of the segment that ends at index - 1 */
    double mean_after;  /* mean of the segment that starts at index */
} ent_changepoint;

/* A segment x[start, end) of constant level. */
typedef struct ent_cp_segment {
    size_t start, end;
    double mean;
} ent_cp_segment;

typedef struct ent_cp_result {
    ent_changepoint *points; /* count change points, by increasing index */
    size_t count;
    ent_cp_segment *segments; /* count + 1 segments covering the series in order (none when
                                 n == 0) */
    size_t segment_count;
    double penalty; /* the penalty used (the default's value when the option was <= 0) */
    double sigma;   /* ENT_CP_NORMAL_MEAN: the sigma the costs were divided by; Poisson: 0 */
    double cost;    /* the minimised score: segment costs + penalty * count */
} ent_cp_result;

/*
 * Finds the change points of the n values of series under opt (NULL: ENT_CP_OPTIONS_INIT).
 * n == 0 gives no segment, n == 1 one segment, a series too short to split under
 * min_segment (n < 2 * min_segment) one segment.
 * Returns ENT_OK; ENT_EINVAL for a NULL out, a NULL series with n > 0, a NaN or infinite value,
 * a negative value under ENT_CP_POISSON, an unknown cost, or a NaN or infinite penalty or
 * sigma; ENT_ENOMEM. On error *out is empty (all zero), so ent_changepoints_free() is safe
 * either way. Caller frees out's arrays with ent_changepoints_free().
 */
ENT_API int ent_changepoints_find(ent_cp_result *out, const double *series, size_t n,
                                  const ent_cp_options *opt);

/* Frees r's arrays and empties it. r == NULL does nothing. */
ENT_API void ent_changepoints_free(ent_cp_result *r);

#ifdef __cplusplus
}
#endif
#endif
