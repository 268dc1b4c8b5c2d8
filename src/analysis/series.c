/*
 * analysis — dyad series (include/entente/series.h): the store sums a dyad's events by day
 * and quad class (ent_store_daily_totals, one indexed query per direction); this file puts
 * those days into consecutive periods, empty periods included, so a series can be charted
 * and searched for change points as it is.
 */
#include "entente/series.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- periods ---- */

static const char *const period_names[] = {"day", "week", "month", "year"};

int ent_period_parse(ent_period *out, const char *name)
{
    for (int i = 0; i < 4; i++)
        if (name && strcmp(name, period_names[i]) == 0) {
            *out = (ent_period)i;
            return ENT_OK;
        }
    return ENT_EINVAL;
}

const char *ent_period_name(ent_period p)
{
    return p >= ENT_PERIOD_DAY && p <= ENT_PERIOD_YEAR ? period_names[p] : "?";
}

ent_date ent_period_start(ent_date date, ent_period p)
{
    int y, m;
    switch (p) {
    case ENT_PERIOD_WEEK:
        return date - ent_date_weekday(date);
    case ENT_PERIOD_MONTH:
        ent_date_to_ymd(&y, &m, NULL, date);
        return ent_date_from_ymd(y, m, 1);
    case ENT_PERIOD_YEAR:
        ent_date_to_ymd(&y, NULL, NULL, date);
        return ent_date_from_ymd(y, 1, 1);
    default:
        return date;
    }
}

ent_date ent_period_next(ent_date start, ent_period p)
{
    int y, m;
    switch (p) {
    case ENT_PERIOD_WEEK:
        return start + 7;
    case ENT_PERIOD_MONTH:
        ent_date_to_ymd(&y, &m, NULL, start);
        return m == 12 ? ent_date_from_ymd(y + 1, 1, 1) : ent_date_from_ymd(y, m + 1, 1);
    case ENT_PERIOD_YEAR:
        ent_date_to_ymd(&y, NULL, NULL, start);
        return ent_date_from_ymd(y + 1, 1, 1);
    default:
        return start + 1;
    }
}

void ent_period_format(char buf[16], ent_date start, ent_period p)
{
    /* Years of the ent_date range need at most 7 characters: 16 always hold a label, but
       the compiler cannot know that, so the label is made in a roomier buffer. */
    char label[48];
    int y, m;
    ent_date_to_ymd(&y, &m, NULL, start);
    switch (p) {
    case ENT_PERIOD_WEEK: {
        /* ISO 8601: a week belongs to the year of its Thursday, and week 1 holds the year's
           first Thursday. */
        ent_date thursday = start - ent_date_weekday(start) + 3;
        int ty;
        ent_date_to_ymd(&ty, NULL, NULL, thursday);
        int week = (thursday - ent_date_from_ymd(ty, 1, 1)) / 7 + 1;
        snprintf(label, sizeof label, "%04d-W%02d", ty, week);
        break;
    }
    case ENT_PERIOD_MONTH:
        snprintf(label, sizeof label, "%04d-%02d", y, m);
        break;
    case ENT_PERIOD_YEAR:
        snprintf(label, sizeof label, "%04d", y);
        break;
    default:
        ent_date_format(label, start);
        break;
    }
    size_t n = strlen(label);
    n = n < 15 ? n : 15;
    memcpy(buf, label, n);
    buf[n] = '\0';
}

/* The index of the period holding date in a series whose first period starts on first. */
static size_t period_index(ent_date date, ent_date first, ent_period p)
{
    int y0, m0, y, m;
    switch (p) {
    case ENT_PERIOD_WEEK:
        return (size_t)((ent_period_start(date, p) - first) / 7);
    case ENT_PERIOD_MONTH:
    case ENT_PERIOD_YEAR:
        ent_date_to_ymd(&y0, &m0, NULL, first);
        ent_date_to_ymd(&y, &m, NULL, date);
        return p == ENT_PERIOD_YEAR ? (size_t)(y - y0) : (size_t)((y - y0) * 12 + (m - m0));
    default:
        return (size_t)(date - first);
    }
}

/* ---------------------------------------------------------------- series ---- */

/* Daily totals as the store gave them, before the periods are known. */
typedef struct day_list {
    ent_store_daily *days;
    size_t n, cap;
    int failed;
} day_list;

static int keep_day(void *ctx, const ent_store_daily *d)
{
    day_list *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        ent_store_daily *grown = realloc(l->days, cap * sizeof *grown);
        if (!grown) {
            l->failed = 1;
            return 1;
        }
        l->days = grown;
        l->cap = cap;
    }
    l->days[l->n++] = *d;
    return 0;
}

static int read_days(day_list *out, ent_store *s, const char *source, const char *target,
                     ent_date from, ent_date to)
{
    ent_store_filter f = ENT_STORE_FILTER_INIT;
    f.source = source;
    f.target = target;
    f.from = from;
    f.to = to;
    int rc = ent_store_daily_totals(s, &f, keep_day, out);
    return out->failed ? ENT_ENOMEM : rc;
}

/* Adds the days to the points of a series of n periods from first. */
static void add_days(ent_dyad_point *points, size_t n, ent_date first, ent_period by,
                     const day_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        const ent_store_daily *d = &l->days[i];
        if (d->date < first)
            continue;
        size_t k = period_index(d->date, first, by);
        if (k >= n)
            continue;
        points[k].events += d->events;
        points[k].goldstein_sum += d->goldstein_sum;
        if (d->quad_class >= 1 && d->quad_class <= 4)
            points[k].quad[d->quad_class - 1] += d->events;
    }
}

/* Adds the source's events to anyone to source_total. */
static int add_totals(ent_dyad_point *points, size_t n, ent_date first, ent_date last,
                      ent_period by, ent_store *s, const char *source)
{
    day_list l = {0};
    int rc = read_days(&l, s, source, NULL, first, last);
    for (size_t i = 0; rc == ENT_OK && i < l.n; i++) {
        size_t k = period_index(l.days[i].date, first, by);
        if (k < n)
            points[k].source_total += l.days[i].events;
    }
    free(l.days);
    return rc;
}

int ent_dyad_series_build(ent_dyad_series *out, ent_store *s, const char *a, const char *b,
                          const ent_dyad_options *opt)
{
    static const ent_dyad_options defaults = ENT_DYAD_OPTIONS_INIT;
    if (!opt)
        opt = &defaults;
    memset(out, 0, sizeof *out);
    if (!a || !b || !*a || !*b || strlen(a) >= sizeof out->a || strlen(b) >= sizeof out->b ||
        opt->by < ENT_PERIOD_DAY || opt->by > ENT_PERIOD_YEAR ||
        (opt->from != ENT_DATE_NONE && opt->to != ENT_DATE_NONE && opt->from > opt->to))
        return ENT_EINVAL;

    day_list ab = {0}, ba = {0};
    int rc = read_days(&ab, s, a, b, opt->from, opt->to);
    if (rc == ENT_OK)
        rc = read_days(&ba, s, b, a, opt->from, opt->to);
    ent_date first = opt->from, last = opt->to;
    /* The days come sorted: the first and last of either direction bound the series. */
    for (int dir = 0; rc == ENT_OK && dir < 2; dir++) {
        const day_list *l = dir ? &ba : &ab;
        if (l->n == 0)
            continue;
        if (opt->from == ENT_DATE_NONE && (first == ENT_DATE_NONE || l->days[0].date < first))
            first = l->days[0].date;
        if (opt->to == ENT_DATE_NONE && (last == ENT_DATE_NONE || l->days[l->n - 1].date > last))
            last = l->days[l->n - 1].date;
    }
    size_t n = 0;
    if (rc == ENT_OK && first != ENT_DATE_NONE && last != ENT_DATE_NONE) {
        first = ent_period_start(first, opt->by);
        n = period_index(last, first, opt->by) + 1;
        out->ab = calloc(n, sizeof *out->ab);
        out->ba = calloc(n, sizeof *out->ba);
        if (!out->ab || !out->ba)
            rc = ENT_ENOMEM;
    }
    if (rc == ENT_OK && n > 0) {
        ent_date start = first;
        for (size_t k = 0; k < n; k++, start = ent_period_next(start, opt->by))
            out->ab[k].period = out->ba[k].period = start;
        add_days(out->ab, n, first, opt->by, &ab);
        add_days(out->ba, n, first, opt->by, &ba);
        ent_date end = ent_period_next(out->ab[n - 1].period, opt->by) - 1;
        if (opt->totals) {
            rc = add_totals(out->ab, n, first, end, opt->by, s, a);
            if (rc == ENT_OK)
                rc = add_totals(out->ba, n, first, end, opt->by, s, b);
        }
    }
    free(ab.days);
    free(ba.days);
    if (rc != ENT_OK) {
        ent_dyad_series_free(out);
        return rc;
    }
    strcpy(out->a, a);
    strcpy(out->b, b);
    out->by = opt->by;
    out->n = n;
    return ENT_OK;
}

void ent_dyad_series_free(ent_dyad_series *ds)
{
    if (!ds)
        return;
    free(ds->ab);
    free(ds->ba);
    memset(ds, 0, sizeof *ds);
}

double ent_dyad_point_mean(const ent_dyad_point *p)
{
    return p->events ? p->goldstein_sum / (double)p->events : 0.0;
}

double ent_dyad_point_share(const ent_dyad_point *p)
{
    return p->source_total ? (double)p->events / (double)p->source_total : 0.0;
}
