/*
 * report — sections 1 and 2: how the relationship moved (the dyad's series by year, its trend
 * in words, the monthly chart) and when it changed (change points of the monthly event counts,
 * Poisson, and of the monthly Goldstein means, normal; the events and the third parties in the
 * two months around each change).
 */
#include "report_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- helpers ---- */

static int year_of(ent_date d)
{
    int y;
    ent_date_to_ymd(&y, NULL, NULL, d);
    return y;
}

static void month_label(char buf[16], ent_date d)
{
    ent_period_format(buf, d, ENT_PERIOD_MONTH);
}

/* Both directions of period k. */
typedef struct both {
    int64_t events, coop, conflict;
    double gsum;
} both;

static both both_at(const ent_dyad_series *ds, size_t k)
{
    const ent_dyad_point *p = &ds->ab[k], *q = &ds->ba[k];
    both b;
    b.events = p->events + q->events;
    b.coop = p->quad[0] + p->quad[1] + q->quad[0] + q->quad[1];
    b.conflict = p->quad[2] + p->quad[3] + q->quad[2] + q->quad[3];
    b.gsum = p->goldstein_sum + q->goldstein_sum;
    return b;
}

static double ratio(double n, double d)
{
    return d > 0 ? n / d : 0.0;
}

typedef struct date_range {
    ent_date from, to;
} date_range;

static int in_range(const rep_ev *e, const void *ctx)
{
    const date_range *r = ctx;
    return e->date >= r->from && e->date <= r->to;
}

static int from_source(const rep_ev *e, const void *ctx)
{
    const char *prefix = ctx;
    return strncmp(e->src, prefix, strlen(prefix)) == 0;
}

/* The best event of the dyad within [from, to] by rank, or NULL. */
static const rep_ev *best_in(const rep_ctx *x, ent_date from, ent_date to, rep_rank_fn rank)
{
    date_range r = {from, to};
    const rep_ev *e = NULL;
    ent_report__top(&e, 1, &x->dyad, in_range, &r, rank);
    return e;
}

/* ---------------------------------------------------------------- change points ---- */

static int add_cp(rep_ctx *x, int measure, size_t month, double before, double after)
{
    rep_cp *p = realloc(x->cps, (x->ncps + 1) * sizeof *p);
    if (!p)
        return ENT_ENOMEM;
    x->cps = p;
    rep_cp *cp = &x->cps[x->ncps++];
    memset(cp, 0, sizeof *cp);
    cp->measure = measure;
    cp->month = month;
    cp->before = before;
    cp->after = after;
    /* The month before the change and the month of it: where its causes show. */
    cp->from = x->month.ab[month > 0 ? month - 1 : 0].period;
    cp->to = ent_period_next(x->month.ab[month].period, ENT_PERIOD_MONTH) - 1;
    if (cp->from < x->from)
        cp->from = x->from;
    if (cp->to > x->to)
        cp->to = x->to;
    return ENT_OK;
}

/* Events a month, both ways: a change of rate. */
/* Change points of series kind (0 counts, 1 tone) in vals[0..n) with cost; month_of maps
   an index of vals to its month (NULL: the same index). */
static int find_changes(rep_ctx *x, int kind, ent_cp_cost cost, const double *vals, size_t n,
                        const size_t *month_of)
{
    ent_cp_options o = ENT_CP_OPTIONS_INIT;
    o.cost = cost;
    o.penalty = x->penalty;
    ent_cp_result r;
    int rc = ent_changepoints_find(&r, vals, n, &o);
    x->cp_penalty[kind] = r.penalty;
    for (size_t i = 0; i < r.count && rc == ENT_OK; i++) {
        size_t at = r.points[i].index;
        rc = add_cp(x, kind, month_of ? month_of[at] : at, r.points[i].mean_before,
                    r.points[i].mean_after);
    }
    ent_changepoints_free(&r);
    return rc;
}

static int count_changes(rep_ctx *x, double *vals)
{
    size_t n = x->month.n;
    for (size_t k = 0; k < n; k++)
        vals[k] = (double)both_at(&x->month, k).events;
    return find_changes(x, 0, ENT_CP_POISSON, vals, n, NULL);
}

/* The Goldstein mean of the months that have events: a change of tone. Empty months carry no
   tone, so they are left out rather than counted as neutral. */
static int tone_changes(rep_ctx *x, double *vals, size_t *month_of)
{
    size_t m = 0;
    for (size_t k = 0; k < x->month.n; k++) {
        both b = both_at(&x->month, k);
        if (b.events > 0) {
            vals[m] = b.gsum / (double)b.events;
            month_of[m++] = k;
        }
    }
    if (m < 4)
        return ENT_OK;
    return find_changes(x, 1, ENT_CP_NORMAL_MEAN, vals, m, month_of);
}

int ent_report__changepoints(rep_ctx *x)
{
    size_t n = x->month.n;
    double *vals = malloc((n ? n : 1) * sizeof *vals);
    size_t *month_of = malloc((n ? n : 1) * sizeof *month_of);
    int rc = vals && month_of ? count_changes(x, vals) : ENT_ENOMEM;
    if (rc == ENT_OK)
        rc = tone_changes(x, vals, month_of);
    free(vals);
    free(month_of);
    return rc;
}

static const char *measure_name(int measure)
{
    return measure ? "mean Goldstein score a month" : "events a month";
}

/* ---------------------------------------------------------------- section 1 ---- */

static void year_table(rep_ctx *x, json_t *sec, json_t *years)
{
    char cols[256], caption[160];
    snprintf(cols, sizeof cols,
             "Year\t%s→%s\t%s→%s\tEvents\tGoldstein mean\tCooperation\tConflict\t"
             "Share of %s's events\tShare of %s's events",
             x->a, x->b, x->b, x->a, x->a, x->b);
    snprintf(caption, sizeof caption, "Events between %s and %s by year, both ways", x->a, x->b);
    json_t *t = ent_report__table(x, sec, caption, x->from, x->to, cols);
    for (size_t k = 0; k < x->year.n; k++) {
        const ent_dyad_point *p = &x->year.ab[k], *q = &x->year.ba[k];
        both b = both_at(&x->year, k);
        int y = year_of(p->period);
        double mean = ratio(b.gsum, (double)b.events);
        double coop = ratio((double)b.coop, (double)b.events);
        double confl = ratio((double)b.conflict, (double)b.events);
        if (b.events)
            ent_report__row(x, t, "%d\t%lld\t%lld\t%lld\t%+.2f\t%.0f%%\t%.0f%%\t%.1f%%\t%.1f%%", y,
                            (long long)p->events, (long long)q->events, (long long)b.events, mean,
                            100 * coop, 100 * confl, 100 * ent_dyad_point_share(p),
                            100 * ent_dyad_point_share(q));
        else
            ent_report__row(x, t, "%d\t0\t0\t0\t–\t–\t–\t0.0%%\t0.0%%", y);
        ent_report__push(x, years,
                         json_pack("{s:i, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o}", "year", y, "ab",
                                   (json_int_t)p->events, "ba", (json_int_t)q->events, "events",
                                   (json_int_t)b.events, "goldstein_mean", ent_report__real(mean),
                                   "coop_share", ent_report__real(coop), "conflict_share",
                                   ent_report__real(confl), "share_a",
                                   ent_report__real(ent_dyad_point_share(p)), "share_b",
                                   ent_report__real(ent_dyad_point_share(q))));
    }
}

/* The series the trend is read from: years, or months when the window spans fewer than
   three calendar years (one year's total says nothing about a trend). */
typedef struct trend_series {
    const ent_dyad_series *ds;
    ent_period by;
    const char *name; /* "year" or "month" */
} trend_series;

static trend_series trend_of(const rep_ctx *x)
{
    trend_series t = {&x->year, ENT_PERIOD_YEAR, "year"};
    if (x->year.n < 3) {
        t.ds = &x->month;
        t.by = ENT_PERIOD_MONTH;
        t.name = "month";
    }
    return t;
}

/* The months of a short window, for readers without the chart. */
static void month_table(rep_ctx *x, json_t *sec)
{
    char cols[160], caption[160];
    snprintf(cols, sizeof cols,
             "Month\t%s→%s\t%s→%s\tEvents\tGoldstein mean\tCooperation\t"
             "Conflict",
             x->a, x->b, x->b, x->a);
    snprintf(caption, sizeof caption, "Events between %s and %s by month, both ways", x->a, x->b);
    json_t *t = ent_report__table(x, sec, caption, x->from, x->to, cols);
    for (size_t k = 0; k < x->month.n; k++) {
        char label[16];
        month_label(label, x->month.ab[k].period);
        both b = both_at(&x->month, k);
        if (!b.events) {
            ent_report__row(x, t, "%s\t0\t0\t0\t–\t–\t–", label);
            continue;
        }
        ent_report__row(x, t, "%s\t%lld\t%lld\t%lld\t%+.2f\t%.0f%%\t%.0f%%", label,
                        (long long)x->month.ab[k].events, (long long)x->month.ba[k].events,
                        (long long)b.events, b.gsum / (double)b.events,
                        100 * ratio((double)b.coop, (double)b.events),
                        100 * ratio((double)b.conflict, (double)b.events));
    }
}

/* Periods with at least min events, in order: their indexes in the series. */
static size_t busy_periods(size_t *idx, const ent_dyad_series *ds, int64_t min)
{
    size_t n = 0;
    for (size_t k = 0; k < ds->n; k++)
        if (both_at(ds, k).events >= min)
            idx[n++] = k;
    return n;
}

static ent_date period_end(const trend_series *t, size_t k)
{
    return ent_period_next(t->ds->ab[k].period, t->by) - 1;
}

static const rep_ev *best_of_period(const rep_ctx *x, const trend_series *t, size_t k,
                                    rep_rank_fn rank)
{
    return best_in(x, t->ds->ab[k].period, period_end(t, k), rank);
}

static void volume_findings(rep_ctx *x, json_t *sec, int64_t ab, int64_t ba)
{
    char f[11], to[11], label[16];
    ent_date_format(f, x->from);
    ent_date_format(to, x->to);
    trend_series t = trend_of(x);
    size_t peak = 0;
    for (size_t k = 1; k < t.ds->n; k++)
        if (both_at(t.ds, k).events > both_at(t.ds, peak).events)
            peak = k;
    ent_period_format(label, t.ds->ab[peak].period, t.by);
    const rep_ev *cite[2] = {x->dyad.n ? &x->dyad.v[0] : NULL,
                             best_of_period(x, &t, peak, ent_report__by_coverage)};
    ent_report__finding(x, sec, cite, 2,
                        "From %s to %s the store holds %lld events between %s and %s: %lld from "
                        "%s to %s and %lld from %s to %s. The busiest %s was %s, with %lld "
                        "events. The first event of the window is cited first.",
                        f, to, (long long)(ab + ba), ent_report__name(x, x->a),
                        ent_report__name(x, x->b), (long long)ab, x->a, x->b, (long long)ba, x->b,
                        x->a, t.name, label, (long long)both_at(t.ds, peak).events);
}

static void trend_finding(rep_ctx *x, json_t *sec, json_t *data, const trend_series *t,
                          const size_t *idx, size_t n)
{
    size_t k0 = idx[0], k1 = idx[n - 1];
    both b0 = both_at(t->ds, k0), b1 = both_at(t->ds, k1);
    double c0 = ratio((double)b0.coop, (double)b0.events);
    double c1 = ratio((double)b1.coop, (double)b1.events);
    double m0 = ratio(b0.gsum, (double)b0.events), m1 = ratio(b1.gsum, (double)b1.events);
    char l0[16], l1[16];
    ent_period_format(l0, t->ds->ab[k0].period, t->by);
    ent_period_format(l1, t->ds->ab[k1].period, t->by);
    const rep_ev *cite[2] = {best_of_period(x, t, k0, ent_report__by_coverage),
                             best_of_period(x, t, k1, ent_report__by_coverage)};
    ent_report__finding(x, sec, cite, 2,
                        "From %s to %s the share of cooperative events (quad classes 1 and 2) "
                        "went from %.0f%% to %.0f%% (%s) and the mean Goldstein score from %+.2f "
                        "to %+.2f (%s); compared: the first and last %ss with %s.",
                        l0, l1, 100 * c0, 100 * c1, ent_report__trend_word(c0, c1), m0, m1,
                        ent_report__trend_word(m0, m1), t->name,
                        b0.events >= 3 && b1.events >= 3 ? "at least three events" : "events");
    ent_report__put(x, data, "trend",
                    json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "by", t->name, "from", l0,
                              "to", l1, "coop_from", ent_report__real(c0), "coop_to",
                              ent_report__real(c1), "mean_from", ent_report__real(m0), "mean_to",
                              ent_report__real(m1)));
}

static void trend_findings(rep_ctx *x, json_t *sec, json_t *data)
{
    trend_series t = trend_of(x);
    size_t *idx = malloc((t.ds->n ? t.ds->n : 1) * sizeof *idx);
    if (!idx) {
        x->failed = 1;
        return;
    }
    /* Periods thin in events swing on one event: compare periods with at least three. */
    size_t n = busy_periods(idx, t.ds, 3);
    if (n < 2)
        n = busy_periods(idx, t.ds, 1);
    if (n >= 2)
        trend_finding(x, sec, data, &t, idx, n);
    /* The low point: the period of the lowest mean among those compared. */
    size_t low = n ? idx[0] : 0;
    for (size_t i = 1; i < n; i++) {
        both b = both_at(t.ds, idx[i]), l = both_at(t.ds, low);
        if (ratio(b.gsum, (double)b.events) < ratio(l.gsum, (double)l.events))
            low = idx[i];
    }
    both l = both_at(t.ds, low);
    char label[16];
    ent_period_format(label, t.ds->ab[n ? low : 0].period, t.by);
    if (n && l.conflict > 0) {
        const rep_ev *worst = best_of_period(x, &t, low, ent_report__by_conflict);
        ent_report__finding(x, sec, &worst, 1,
                            "The low point was %s: a mean Goldstein score of %+.2f, with %lld "
                            "conflict events (quad classes 3 and 4) out of %lld.",
                            label, ratio(l.gsum, (double)l.events), (long long)l.conflict,
                            (long long)l.events);
    } else if (n) {
        const rep_ev *best = best_in(x, x->from, x->to, ent_report__by_cooperation);
        ent_report__finding(x, sec, &best, 1,
                            "No %s in the window has a conflict event (quad classes 3 and 4) "
                            "between %s and %s; the most cooperative event is cited.",
                            t.name, x->a, x->b);
    }
    free(idx);
}

static void initiative_finding(rep_ctx *x, json_t *sec, int64_t ab, int64_t ba)
{
    int64_t tot_a = 0, tot_b = 0;
    for (size_t k = 0; k < x->year.n; k++) {
        tot_a += x->year.ab[k].source_total;
        tot_b += x->year.ba[k].source_total;
    }
    const rep_ev *cite[2] = {NULL, NULL};
    ent_report__top(&cite[0], 1, &x->dyad, from_source, x->a, ent_report__by_coverage);
    ent_report__top(&cite[1], 1, &x->dyad, from_source, x->b, ent_report__by_coverage);
    ent_report__finding(x, sec, cite, 2,
                        "%s is the source of %.0f%% of the dyad's events (%lld of %lld). The dyad "
                        "takes %.1f%% of %s's events with anyone (%lld) and %.1f%% of %s's "
                        "(%lld).",
                        x->a, 100 * ratio((double)ab, (double)(ab + ba)), (long long)ab,
                        (long long)(ab + ba), 100 * ratio((double)ab, (double)tot_a), x->a,
                        (long long)tot_a, 100 * ratio((double)ba, (double)tot_b), x->b,
                        (long long)tot_b);
}

/* The monthly series both ways, with the change points marked: the line chart. */
static void series_chart(rep_ctx *x, json_t *sec)
{
    char title[128];
    snprintf(title, sizeof title, "Events a month, %s→%s and %s→%s, with change points", x->a, x->b,
             x->b, x->a);
    json_t *c = ent_report__chart(x, sec, "series", title);
    json_t *months = json_array(), *ab = json_array(), *ba = json_array(), *mean = json_array();
    for (size_t k = 0; k < x->month.n; k++) {
        char label[16];
        month_label(label, x->month.ab[k].period);
        both b = both_at(&x->month, k);
        ent_report__push(x, months, json_string(label));
        ent_report__push(x, ab, json_integer(x->month.ab[k].events));
        ent_report__push(x, ba, json_integer(x->month.ba[k].events));
        ent_report__push(x, mean,
                         b.events ? ent_report__real(b.gsum / (double)b.events) : json_null());
    }
    json_t *cps = json_array();
    for (size_t i = 0; i < x->ncps; i++) {
        char label[16];
        month_label(label, x->month.ab[x->cps[i].month].period);
        ent_report__push(x, cps,
                         json_pack("{s:I, s:s, s:s}", "index", (json_int_t)x->cps[i].month, "month",
                                   label, "measure", x->cps[i].measure ? "goldstein" : "events"));
    }
    ent_report__put(x, c, "window", ent_report__window(x->from, x->to));
    ent_report__put(x, c, "labels", json_pack("[s, s]", x->a, x->b));
    ent_report__put(x, c, "months", months);
    ent_report__put(x, c, "ab", ab);
    ent_report__put(x, c, "ba", ba);
    ent_report__put(x, c, "mean", mean);
    ent_report__put(x, c, "change_points", cps);
}

int ent_report__history(rep_ctx *x)
{
    json_t *sec = ent_report__section(x, 1, "history", "History arc",
                                      "How did the relationship move over the years?");
    json_t *data = ent_report__data(x, sec);
    json_t *years = json_array();
    ent_report__put(x, data, "years", years);
    int64_t ab = 0, ba = 0;
    for (size_t k = 0; k < x->year.n; k++) {
        ab += x->year.ab[k].events;
        ba += x->year.ba[k].events;
    }
    ent_report__put(x, data, "events",
                    json_pack("{s:I, s:I, s:I}", "total", (json_int_t)(ab + ba), "ab",
                              (json_int_t)ab, "ba", (json_int_t)ba));
    volume_findings(x, sec, ab, ba);
    trend_findings(x, sec, data);
    initiative_finding(x, sec, ab, ba);
    year_table(x, sec, years);
    if (x->year.n < 3)
        month_table(x, sec);
    series_chart(x, sec);
    return ENT_OK;
}

/* ---------------------------------------------------------------- section 2 ---- */

/* A third party's activity around a change point. */
typedef struct partner {
    uint32_t country;
    int side;
    int64_t events, sanctions;
    double gsum;
} partner;

static int by_events(const void *p, const void *q)
{
    const partner *a = p, *b = q;
    if (a->events != b->events)
        return a->events > b->events ? -1 : 1;
    if (a->sanctions != b->sanctions)
        return a->sanctions > b->sanctions ? -1 : 1;
    return a->country != b->country ? (a->country < b->country ? -1 : 1) : a->side - b->side;
}

/* The partners of a tally, most active first; caller frees. *n receives their number. */
static partner *rank_partners(size_t *n, const rep_tally *t)
{
    *n = 0;
    partner *p = malloc((2 * t->cap + 1) * sizeof *p);
    if (!p)
        return NULL;
    for (size_t c = 0; c < t->cap; c++)
        for (int side = 0; side < 2; side++)
            if (t->events[side][c] || t->sanctions[side][c]) {
                partner q = {(uint32_t)c, side, t->events[side][c], t->sanctions[side][c],
                             t->gsum[side][c]};
                p[(*n)++] = q;
            }
    qsort(p, *n, sizeof *p, by_events);
    return p;
}

/* The most reported event between a side and a third country in [from, to], copied into out
   (its strings live in the build's arena). Returns 1 when there is one. */
static int pair_evidence(rep_ev *out, rep_ctx *x, const char *side3, const char *third3,
                         ent_date from, ent_date to)
{
    ent_store_filter f = ENT_STORE_FILTER_INIT;
    f.from = from;
    f.to = to;
    f.source = side3;
    f.target = third3;
    f.either_direction = 1;
    rep_evs found = {NULL, 0, 0};
    const rep_ev *best = NULL;
    if (ent_report__query(&found, x, &f) == ENT_OK)
        ent_report__top(&best, 1, &found, NULL, NULL, ent_report__by_coverage);
    if (best)
        *out = *best;
    ent_report__evs_free(&found);
    return best != NULL;
}

/* Writes "UKR with RUS (120 events, mean -5.10)…" for the top partners into text. */
static void describe_partners(rep_ctx *x, char *text, size_t size, const partner *p, size_t n)
{
    size_t len = 0;
    text[0] = '\0';
    for (size_t i = 0; i < n && len < size; i++) {
        const char *c = x->country[p[i].country];
        len += (size_t)snprintf(text + len, size - len, "%s%s with %s (%lld events, mean %+.2f)",
                                i ? "; " : "", c, p[i].side ? x->b3 : x->a3, (long long)p[i].events,
                                ratio(p[i].gsum, (double)p[i].events));
    }
}

/* Sanctions against each side in the window: "163 against RUS: 12 (USA 5, GBR 3)". */
static void describe_sanctions(rep_ctx *x, char *text, size_t size, const rep_tally *t)
{
    size_t len = 0;
    text[0] = '\0';
    for (int side = 0; side < 2; side++) {
        int64_t total = 0;
        uint32_t top[3] = {0, 0, 0};
        int64_t topn[3] = {0, 0, 0};
        for (size_t c = 0; c < t->cap; c++) {
            int64_t v = t->sanctions[side][c];
            total += v;
            for (int k = 0; k < 3; k++)
                if (v > topn[k]) {
                    for (int j = 2; j > k; j--) {
                        topn[j] = topn[j - 1];
                        top[j] = top[j - 1];
                    }
                    topn[k] = v;
                    top[k] = (uint32_t)c;
                    break;
                }
        }
        if (!total || len >= size)
            continue;
        len +=
            (size_t)snprintf(text + len, size - len, "%ssanctions (CAMEO 163) against %s: %lld (",
                             len ? "; " : "", side ? x->b3 : x->a3, (long long)total);
        for (int k = 0; k < 3 && topn[k] && len < size; k++)
            len += (size_t)snprintf(text + len, size - len, "%s%s %lld", k ? ", " : "",
                                    x->country[top[k]], (long long)topn[k]);
        if (len < size)
            len += (size_t)snprintf(text + len, size - len, ")");
    }
}

static void cp_section(rep_ctx *x, json_t *sec, json_t *list, const rep_cp *cp)
{
    char label[16], f[11], t[11];
    month_label(label, x->month.ab[cp->month].period);
    ent_date_format(f, cp->from);
    ent_date_format(t, cp->to);
    date_range r = {cp->from, cp->to};
    const rep_ev *top[3];
    size_t ntop = ent_report__top(top, 3, &x->dyad, in_range, &r, ent_report__by_coverage);
    size_t np = 0;
    partner *p = rank_partners(&np, &cp->partners);
    if (!p) {
        x->failed = 1;
        return;
    }
    size_t shown = np < 5 ? np : 5;
    const rep_ev *cite[5] = {NULL, NULL, NULL, NULL, NULL};
    rep_ev pair[2];
    for (size_t i = 0; i < ntop; i++)
        cite[i] = top[i];
    for (size_t i = 0; i < shown && i < 2; i++)
        if (pair_evidence(&pair[i], x, p[i].side ? x->b3 : x->a3, x->country[p[i].country],
                          cp->from, cp->to))
            cite[3 + i] = &pair[i];
    char who[640], sanc[320];
    describe_partners(x, who, sizeof who, p, shown);
    describe_sanctions(x, sanc, sizeof sanc, &cp->partners);
    ent_report__finding(x, sec, cite, 5,
                        "In %s the %s %s from %.2f to %.2f (%s change point). From %s to %s, %s"
                        "%s%s%s. Cited: the dyad's most reported events of those two months%s.",
                        label, measure_name(cp->measure), cp->after > cp->before ? "rose" : "fell",
                        cp->before, cp->after, cp->measure ? "normal mean" : "Poisson", f, t,
                        shown ? "the third parties most active with either side were "
                              : "no third country was active with either side",
                        who, *sanc ? "; " : "", sanc,
                        shown ? " and the most reported events of the top partners" : "");
    json_t *partners = json_array();
    for (size_t i = 0; i < shown; i++)
        ent_report__push(x, partners,
                         json_pack("{s:s, s:s, s:I, s:o, s:I}", "country", x->country[p[i].country],
                                   "with", p[i].side ? x->b3 : x->a3, "events",
                                   (json_int_t)p[i].events, "goldstein_mean",
                                   ent_report__real(ratio(p[i].gsum, (double)p[i].events)),
                                   "sanctions", (json_int_t)p[i].sanctions));
    ent_report__push(x, list,
                     json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "month", label, "measure",
                               cp->measure ? "goldstein" : "events", "before",
                               ent_report__real(cp->before), "after", ent_report__real(cp->after),
                               "window", ent_report__window(cp->from, cp->to), "partners",
                               partners));
    if (shown) {
        char caption[96];
        snprintf(caption, sizeof caption, "Third parties most active with %s or %s around %s",
                 x->a3, x->b3, label);
        json_t *tab = ent_report__table(x, sec, caption, cp->from, cp->to,
                                        "Country\tWith\tEvents\tGoldstein mean\tSanctions (163) "
                                        "against the side");
        for (size_t i = 0; i < shown; i++)
            ent_report__row(x, tab, "%s (%s)\t%s\t%lld\t%+.2f\t%lld", x->country[p[i].country],
                            ent_report__name(x, x->country[p[i].country]),
                            p[i].side ? x->b3 : x->a3, (long long)p[i].events,
                            ratio(p[i].gsum, (double)p[i].events), (long long)p[i].sanctions);
    }
    free(p);
}

/* The busiest months, with their most reported event. */
static void peaks(rep_ctx *x, json_t *sec, json_t *data)
{
    size_t best[3];
    size_t n = 0;
    for (size_t k = 0; k < x->month.n; k++) {
        int64_t v = both_at(&x->month, k).events;
        if (!v)
            continue;
        size_t at = n;
        while (at > 0 && v > both_at(&x->month, best[at - 1]).events)
            at--;
        if (at >= 3)
            continue;
        for (size_t j = (n < 3 ? n : 2); j > at; j--)
            best[j] = best[j - 1];
        best[at] = k;
        if (n < 3)
            n++;
    }
    json_t *t = ent_report__table(x, sec, "The busiest months", x->from, x->to,
                                  "Month\tEvents\tGoldstein mean\tMost reported event");
    json_t *list = json_array();
    const rep_ev *cite[3] = {NULL, NULL, NULL};
    char text[160] = "";
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        char label[16];
        month_label(label, x->month.ab[best[i]].period);
        both b = both_at(&x->month, best[i]);
        ent_date end = ent_period_next(x->month.ab[best[i]].period, ENT_PERIOD_MONTH) - 1;
        cite[i] = best_in(x, x->month.ab[best[i]].period, end, ent_report__by_coverage);
        int num = cite[i] ? ent_report__cite(x, cite[i]) : 0;
        ent_report__row(x, t, "%s\t%lld\t%+.2f\t[%d]", label, (long long)b.events,
                        b.gsum / (double)b.events, num);
        ent_report__push(x, list,
                         json_pack("{s:s, s:I}", "month", label, "events", (json_int_t)b.events));
        len += (size_t)snprintf(text + len, sizeof text - len, "%s%s (%lld)",
                                i ? (i + 1 == n ? " and " : ", ") : "", label, (long long)b.events);
    }
    ent_report__put(x, data, "peaks", list);
    if (n)
        ent_report__finding(x, sec, cite, n, "The busiest months were %s.", text);
}

int ent_report__catalysts(rep_ctx *x)
{
    json_t *sec = ent_report__section(x, 2, "catalysts", "Catalysts",
                                      "When did the relationship change, and what happened "
                                      "around each change?");
    json_t *data = ent_report__data(x, sec);
    json_t *list = json_array();
    ent_report__put(x, data, "change_points", list);
    ent_report__put(x, data, "penalty",
                    json_pack("{s:o, s:o}", "events", ent_report__real(x->cp_penalty[0]),
                              "goldstein", ent_report__real(x->cp_penalty[1])));
    json_t *t = ent_report__table(x, sec, "Change points of the monthly series", x->from, x->to,
                                  "Month\tSeries\tBefore\tAfter\tEvidence window");
    for (size_t i = 0; i < x->ncps; i++) {
        char label[16], f[11], to[11];
        month_label(label, x->month.ab[x->cps[i].month].period);
        ent_date_format(f, x->cps[i].from);
        ent_date_format(to, x->cps[i].to);
        ent_report__row(x, t, "%s\t%s\t%.2f\t%.2f\t%s to %s", label,
                        measure_name(x->cps[i].measure), x->cps[i].before, x->cps[i].after, f, to);
    }
    for (size_t i = 0; i < x->ncps && !x->failed; i++)
        cp_section(x, sec, list, &x->cps[i]);
    if (!x->ncps) {
        const rep_ev *top[3];
        size_t n = ent_report__top(top, 3, &x->dyad, NULL, NULL, ent_report__by_coverage);
        ent_report__finding(x, sec, top, n,
                            "Neither monthly series (events a month, penalty %.1f; mean Goldstein "
                            "score, penalty %.1f) has a change point: at these penalties the "
                            "relationship kept one level over the %zu months of the window.",
                            x->cp_penalty[0], x->cp_penalty[1], x->month.n);
    }
    peaks(x, sec, data);
    return ENT_OK;
}
