/*
 * entente series — stage 6 (analysis): how a relationship moved. The events between two
 * actors, in both directions, summed by day, week, month or year: counts, Goldstein sum and
 * mean, and the four quad classes (verbal/material × cooperation/conflict).
 *
 * Raw counts grow with the news itself (more outlets, more coverage), so each period also
 * carries the source's total events in that period, to any target: the dyad's share of the
 * source's attention, which does not rise just because the news grew.
 *
 * An actor is a code prefix: "IRN" includes IRNGOV, IRNMIL and Iran's leaders.
 */
#ifndef ENTENTE_SERIES_H
#define ENTENTE_SERIES_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ent_period {
    ENT_PERIOD_DAY = 0,
    ENT_PERIOD_WEEK, /* ISO weeks, Monday to Sunday */
    ENT_PERIOD_MONTH,
    ENT_PERIOD_YEAR
} ent_period;

/* "day", "week", "month" or "year". Returns ENT_OK or ENT_EINVAL. */
ENT_API int ent_period_parse(ent_period *out, const char *name);
ENT_API const char *ent_period_name(ent_period p);

/* The first day of the period that holds date. */
ENT_API ent_date ent_period_start(ent_date date, ent_period p);

/* The first day of the period after the one starting on start. */
ENT_API ent_date ent_period_next(ent_date start, ent_period p);

/* The period's label: "2022-02-24", "2022-W08" (ISO week), "2022-02", "2022". */
ENT_API void ent_period_format(char buf[16], ent_date start, ent_period p);

/* One period of one direction. */
typedef struct ent_dyad_point {
    ent_date period;      /* its first day */
    int64_t events;
    double goldstein_sum;
    int64_t quad[4];      /* verbal cooperation, material cooperation, verbal conflict,
                             material conflict */
    int64_t source_total; /* the source's events to any target in the period (0 when the
                             series was built without totals) */
} ent_dyad_point;

typedef struct ent_dyad_series {
    char a[32], b[32]; /* the actor codes as given */
    ent_period by;
    size_t n;          /* periods, consecutive, empty ones included */
    ent_dyad_point *ab; /* n points: A → B */
    ent_dyad_point *ba; /* n points: B → A */
} ent_dyad_series;

typedef struct ent_dyad_options {
    ent_period by;
    ent_date from, to; /* inclusive; ENT_DATE_NONE: from the first or to the last event of
                          the dyad */
    int totals;        /* also count each source's events to anyone (source_total) */
} ent_dyad_options;

#define ENT_DYAD_OPTIONS_INIT {ENT_PERIOD_MONTH, ENT_DATE_NONE, ENT_DATE_NONE, 1}

/*
 * Builds the series of the dyad a–b from the store (opt NULL: ENT_DYAD_OPTIONS_INIT). With
 * no events and no from/to, n is 0. Returns ENT_OK, ENT_EINVAL (empty or over-long codes,
 * from after to), ENT_ENOMEM or ENT_EDB (ent_store_errmsg says why). Caller frees with
 * ent_dyad_series_free(); on error *out is empty.
 */
ENT_API int ent_dyad_series_build(ent_dyad_series *out, ent_store *s, const char *a,
                                  const char *b, const ent_dyad_options *opt);

/* Frees the points; out becomes empty. NULL does nothing. */
ENT_API void ent_dyad_series_free(ent_dyad_series *ds);

/* The Goldstein mean of a point: goldstein_sum / events, or 0 without events. */
ENT_API double ent_dyad_point_mean(const ent_dyad_point *p);

/* The point's share of its source's events (events / source_total), or 0. */
ENT_API double ent_dyad_point_share(const ent_dyad_point *p);

#ifdef __cplusplus
}
#endif
#endif
