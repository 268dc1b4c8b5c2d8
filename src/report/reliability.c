/*
 * report — the reliability figure: when A was hit by third countries (material conflict
 * against it, CAMEO 15-20 with sanctions 163 among them), did B come closer or keep away?
 * B's cooperation and conflict toward A in the days after such shocks are compared with B's
 * rate on the other days of the window; then the same for B and A.
 *
 * Shocks. Every day of the window has a count of material-conflict events (quad class 4)
 * against the side from third countries (build.c sums them from the side's events by day).
 * A shock day is a day in the top tenth of the days with any such event (at least one event;
 * at most the 50 biggest), so that a side at war every day still has a few distinct shocks.
 */
#include "report_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SHOCKS 50

/* Y's events toward X by day. */
typedef struct response {
    int64_t *coop, *conflict;
    ent_date from;
    size_t ndays;
} response;

static int response_day(void *ctx, const ent_store_daily *d)
{
    response *r = ctx;
    if (d->date < r->from || (size_t)(d->date - r->from) >= r->ndays)
        return 0;
    size_t i = (size_t)(d->date - r->from);
    if (d->quad_class == 1 || d->quad_class == 2)
        r->coop[i] += d->events;
    else if (d->quad_class == 3 || d->quad_class == 4)
        r->conflict[i] += d->events;
    return 0;
}

static int cmp_count(const void *p, const void *q)
{
    int64_t a = *(const int64_t *)p, b = *(const int64_t *)q;
    return a < b ? -1 : a > b;
}

/* The shock days of a side (day indexes, biggest first); returns their number and writes the
   threshold, or SIZE_MAX when out of memory. */
static size_t shock_days(size_t *out, int64_t *threshold, const int64_t *shocks, size_t ndays)
{
    size_t nz = 0;
    for (size_t i = 0; i < ndays; i++)
        nz += shocks[i] > 0;
    *threshold = 0;
    if (!nz)
        return 0;
    int64_t *v = malloc(nz * sizeof *v);
    if (!v)
        return SIZE_MAX;
    size_t k = 0;
    for (size_t i = 0; i < ndays; i++)
        if (shocks[i] > 0)
            v[k++] = shocks[i];
    qsort(v, nz, sizeof *v, cmp_count);
    /* Nearest-rank 90th percentile. */
    size_t rank = (size_t)ceil(0.9 * (double)nz);
    *threshold = v[rank ? rank - 1 : 0];
    free(v);
    size_t n = 0;
    for (size_t i = 0; i < ndays; i++) {
        if (shocks[i] < *threshold)
            continue;
        /* Keep the biggest MAX_SHOCKS, biggest first, earlier first among equals. */
        size_t at = n;
        while (at > 0 && shocks[i] > shocks[out[at - 1]])
            at--;
        if (at >= MAX_SHOCKS)
            continue;
        for (size_t j = (n < MAX_SHOCKS ? n : MAX_SHOCKS - 1); j > at; j--)
            out[j] = out[j - 1];
        out[at] = i;
        if (n < MAX_SHOCKS)
            n++;
    }
    return n;
}

typedef struct shock_pick {
    const char *attacked3, *partner3;
} shock_pick;

static int is_shock_event(const rep_ev *e, const void *ctx)
{
    const shock_pick *p = ctx;
    return e->quad == 4 && strncmp(e->tgt, p->attacked3, 3) == 0 && strlen(e->src) >= 3 &&
           strncmp(e->src, p->attacked3, 3) != 0 && strncmp(e->src, p->partner3, 3) != 0;
}

/* The most reported third-country event against the attacked side on day d, into out. */
static int shock_evidence(rep_ev *out, rep_ctx *x, const char *attacked3, const char *partner3,
                          ent_date d)
{
    ent_store_filter f = ENT_STORE_FILTER_INIT;
    f.from = d;
    f.to = d;
    f.target = attacked3;
    rep_evs found = {NULL, 0, 0};
    shock_pick p = {attacked3, partner3};
    const rep_ev *best = NULL;
    if (ent_report__query(&found, x, &f) == ENT_OK)
        ent_report__top(&best, 1, &found, is_shock_event, &p, ent_report__by_coverage);
    if (best)
        *out = *best;
    ent_report__evs_free(&found);
    return best != NULL;
}

/* The partner's most cooperative event toward the attacked side in [from, to], into out. */
static int response_evidence(rep_ev *out, rep_ctx *x, const char *partner, const char *attacked,
                             ent_date from, ent_date to)
{
    ent_store_filter f = ENT_STORE_FILTER_INIT;
    f.from = from;
    f.to = to;
    f.source = partner;
    f.target = attacked;
    rep_evs found = {NULL, 0, 0};
    const rep_ev *best = NULL;
    if (ent_report__query(&found, x, &f) == ENT_OK)
        ent_report__top(&best, 1, &found, NULL, NULL, ent_report__by_cooperation);
    if (best)
        *out = *best;
    ent_report__evs_free(&found);
    return best != NULL;
}

/* after / base, or -1 when the baseline has no events (no ratio to speak of). */
static double rate_ratio(double after, double base)
{
    return base > 0 ? after / base : -1;
}

/*
 * Supportive: the partner cooperated at least a fifth more than usual, without its conflict
 * taking a larger share of its events. Distancing: its cooperation fell by a fifth or more,
 * or conflict took at least five points more of its events. Neutral otherwise.
 */
static const char *verdict(int64_t after_events, double coop_ratio, double conflict_share_after,
                           double conflict_share_base)
{
    if (after_events < 3)
        return "too few events to tell";
    /* A ratio of -1 means no baseline: cooperation after a shock is a rise. */
    double c = coop_ratio < 0 ? 1e9 : coop_ratio;
    double more_conflict = conflict_share_after - conflict_share_base;
    if (c <= 0.8 || more_conflict >= 0.05)
        return "distancing";
    if (c >= 1.2)
        return "supportive";
    return "neutral";
}

static void ratio_text(char buf[16], double r)
{
    if (r < 0)
        snprintf(buf, 16, "n/a");
    else
        snprintf(buf, 16, "x%.2f", r);
}

typedef struct side_result {
    size_t shocks;
    int64_t threshold;
    size_t after_days, base_days;
    int64_t coop_after, conflict_after, coop_base, conflict_base;
    double coop_ratio, conflict_ratio;
    const char *verdict;
} side_result;

static void shock_table(rep_ctx *x, json_t *sec, int side, const size_t *days, size_t n,
                        const response *r)
{
    const char *me = side ? x->b : x->a, *other = side ? x->a : x->b;
    char caption[128], cols[200];
    snprintf(caption, sizeof caption, "The biggest shocks to %s and what %s did next", me, other);
    snprintf(cols, sizeof cols,
             "Day\tEvents against %s\tMost reported\t%s→%s cooperation, next %d days\t%s→%s "
             "conflict, next %d days",
             me, other, me, x->follow, other, me, x->follow);
    json_t *t = ent_report__table(x, sec, caption, x->from, x->to, cols);
    const char *me3 = side ? x->b3 : x->a3, *other3 = side ? x->a3 : x->b3;
    for (size_t i = 0; i < n && i < 5; i++) {
        ent_date d = x->from + (ent_date)days[i];
        int64_t coop = 0, conflict = 0;
        for (size_t k = days[i] + 1; k <= days[i] + (size_t)x->follow && k < r->ndays; k++) {
            coop += r->coop[k];
            conflict += r->conflict[k];
        }
        rep_ev ev;
        int cited = shock_evidence(&ev, x, me3, other3, d) ? ent_report__cite(x, &ev) : 0;
        char date[11], ref[16] = "–";
        ent_date_format(date, d);
        if (cited)
            snprintf(ref, sizeof ref, "[%d]", cited);
        ent_report__row(x, t, "%s\t%lld\t%s\t%lld\t%lld", date, (long long)x->shocks[side][days[i]],
                        ref, (long long)coop, (long long)conflict);
    }
}

static int one_side(rep_ctx *x, json_t *sec, json_t *list, int side)
{
    const char *me = side ? x->b : x->a, *other = side ? x->a : x->b;
    const char *me3 = side ? x->b3 : x->a3, *other3 = side ? x->a3 : x->b3;
    size_t days[MAX_SHOCKS];
    side_result s;
    memset(&s, 0, sizeof s);
    s.shocks = shock_days(days, &s.threshold, x->shocks[side], x->ndays);
    if (s.shocks == SIZE_MAX)
        return ENT_ENOMEM;
    response r = {calloc(x->ndays, sizeof(int64_t)), calloc(x->ndays, sizeof(int64_t)), x->from,
                  x->ndays};
    unsigned char *after = calloc(x->ndays, 1);
    int rc = r.coop && r.conflict && after ? ENT_OK : ENT_ENOMEM;
    if (rc == ENT_OK) {
        ent_store_filter f = ENT_STORE_FILTER_INIT;
        f.from = x->from;
        f.to = x->to;
        f.source = other;
        f.target = me;
        rc = ent_store_daily_totals(x->s, &f, response_day, &r);
    }
    if (rc != ENT_OK) {
        free(r.coop);
        free(r.conflict);
        free(after);
        return rc;
    }
    for (size_t i = 0; i < s.shocks; i++)
        for (size_t k = days[i] + 1; k <= days[i] + (size_t)x->follow && k < x->ndays; k++)
            after[k] = 1;
    for (size_t k = 0; k < x->ndays; k++) {
        s.after_days += after[k];
        if (after[k]) {
            s.coop_after += r.coop[k];
            s.conflict_after += r.conflict[k];
        } else {
            s.coop_base += r.coop[k];
            s.conflict_base += r.conflict[k];
        }
    }
    s.base_days = x->ndays - s.after_days;
    double ca = 30.0 * (double)s.coop_after / (double)(s.after_days ? s.after_days : 1);
    double ka = 30.0 * (double)s.conflict_after / (double)(s.after_days ? s.after_days : 1);
    double cb = 30.0 * (double)s.coop_base / (double)(s.base_days ? s.base_days : 1);
    double kb = 30.0 * (double)s.conflict_base / (double)(s.base_days ? s.base_days : 1);
    s.coop_ratio = s.shocks ? rate_ratio(ca, cb) : -1;
    s.conflict_ratio = s.shocks ? rate_ratio(ka, kb) : -1;
    double share_after =
        (double)s.conflict_after /
        (double)(s.coop_after + s.conflict_after ? s.coop_after + s.conflict_after : 1);
    double share_base = (double)s.conflict_base /
                        (double)(s.coop_base + s.conflict_base ? s.coop_base + s.conflict_base : 1);
    s.verdict =
        s.shocks ? verdict(s.coop_after + s.conflict_after, s.coop_ratio, share_after, share_base)
                 : "no shocks";
    char cr[16], kr[16];
    ratio_text(cr, s.coop_ratio);
    ratio_text(kr, s.conflict_ratio);
    if (s.shocks) {
        rep_ev ev[2];
        const rep_ev *cite[2] = {NULL, NULL};
        ent_date d = x->from + (ent_date)days[0];
        if (shock_evidence(&ev[0], x, me3, other3, d))
            cite[0] = &ev[0];
        if (response_evidence(&ev[1], x, other, me, d + 1, d + x->follow))
            cite[1] = &ev[1];
        ent_report__finding(
            x, sec, cite, 2,
            "After %zu shock days for %s (days with at least %lld material-conflict events "
            "against it from third countries, sanctions included), %s's cooperation toward %s "
            "over the next %d days ran at %.2f events per 30 days against %.2f on the other "
            "days (%s), its conflict at %.2f against %.2f (%s): %s. The biggest shock and %s's "
            "most cooperative answer are cited.",
            s.shocks, me, (long long)s.threshold, other, me, x->follow, ca, cb, cr, ka, kb, kr,
            s.verdict, other);
        shock_table(x, sec, side, days, s.shocks, &r);
    } else {
        ent_report__finding(x, sec, NULL, 0,
                            "%s took no material conflict (quad class 4) from third countries in "
                            "the window: no shock to test %s's response against.",
                            me, other);
    }
    ent_report__push(
        x, list,
        json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:s}", "attacked",
                  me, "partner", other, "shock_days", (json_int_t)s.shocks, "threshold",
                  (json_int_t)s.threshold, "days_after", (json_int_t)s.after_days, "baseline_days",
                  (json_int_t)s.base_days, "coop_after", ent_report__real(ca), "coop_baseline",
                  ent_report__real(cb), "coop_ratio",
                  s.coop_ratio < 0 ? json_null() : ent_report__real(s.coop_ratio), "conflict_after",
                  ent_report__real(ka), "conflict_baseline", ent_report__real(kb), "conflict_ratio",
                  s.conflict_ratio < 0 ? json_null() : ent_report__real(s.conflict_ratio),
                  "verdict", s.verdict));
    free(r.coop);
    free(r.conflict);
    free(after);
    return ENT_OK;
}

int ent_report__reliability(rep_ctx *x)
{
    json_t *sec = ent_report__section(x, 8, "reliability", "Reliability",
                                      "When one side was hit, did the other come closer?");
    json_t *data = ent_report__data(x, sec);
    json_t *list = json_array();
    ent_report__put(x, data, "directions", list);
    int rc = one_side(x, sec, list, 0);
    if (rc == ENT_OK)
        rc = one_side(x, sec, list, 1);
    if (rc != ENT_OK)
        return rc;
    char cols[256];
    snprintf(cols, sizeof cols,
             "Attacked\tPartner\tShock days\tDays after\tCooperation /30 d after\tbaseline\t"
             "ratio\tConflict /30 d after\tbaseline\tratio\tReading");
    json_t *t = ent_report__table(x, sec, "Reliability: the partner's response to shocks", x->from,
                                  x->to, cols);
    for (size_t i = 0; i < json_array_size(list); i++) {
        const json_t *d = json_array_get(list, i);
        char cr[16], kr[16];
        json_t *c = json_object_get(d, "coop_ratio"), *k = json_object_get(d, "conflict_ratio");
        ratio_text(cr, json_is_number(c) ? json_number_value(c) : -1);
        ratio_text(kr, json_is_number(k) ? json_number_value(k) : -1);
        ent_report__row(x, t, "%s\t%s\t%lld\t%lld\t%.2f\t%.2f\t%s\t%.2f\t%.2f\t%s\t%s",
                        ent_report__str(d, "attacked"), ent_report__str(d, "partner"),
                        (long long)ent_report__num(d, "shock_days"),
                        (long long)ent_report__num(d, "days_after"),
                        ent_report__num(d, "coop_after"), ent_report__num(d, "coop_baseline"), cr,
                        ent_report__num(d, "conflict_after"),
                        ent_report__num(d, "conflict_baseline"), kr, ent_report__str(d, "verdict"));
    }
    return ENT_OK;
}
