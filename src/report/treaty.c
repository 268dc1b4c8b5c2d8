/*
 * report — sections 3, 4 and 5, read from the dyad's own events and the treaty registry:
 * which agreements were signed and what they oblige (CAMEO 057, declared intentions 03,
 * material cooperation 06; registry rows with their ATOP-style flags), what the relationship
 * is made of (pillars by year, who gives to whom), and where it stops (conflict, refusals and
 * threats, obligations no treaty makes, third countries the two sides treat oppositely).
 */
#include "report_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double ratio(double n, double d)
{
    return d > 0 ? n / d : 0.0;
}

static int year_of(ent_date d)
{
    int y;
    ent_date_to_ymd(&y, NULL, NULL, d);
    return y;
}

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int from_a(const rep_ctx *x, const rep_ev *e)
{
    return starts(e->src, x->a);
}

/* ---------------------------------------------------------------- section 3 ---- */

/* The kinds of commitment events, by CAMEO code. */
enum { KIND_SIGNED, KIND_INTENT, KIND_COOPERATION, NKINDS };

static int kind_of(const char *code)
{
    if (starts(code, "057"))
        return KIND_SIGNED;
    /* 030 intent to cooperate, 031x material cooperation, 032 diplomatic, 033x aid; 036 (to
       meet) and the rest of 03 are not commitments. */
    if (starts(code, "030") || starts(code, "031") || starts(code, "032") || starts(code, "033"))
        return KIND_INTENT;
    if (starts(code, "06"))
        return KIND_COOPERATION;
    return -1;
}

static int is_kind(const rep_ev *e, const void *ctx)
{
    return kind_of(e->code) == *(const int *)ctx;
}

typedef struct near_date {
    ent_date from, to;
} near_date;

static int signed_near(const rep_ev *e, const void *ctx)
{
    const near_date *n = ctx;
    return kind_of(e->code) == KIND_SIGNED && e->date >= n->from && e->date <= n->to;
}

static const char *flag_word(int flag)
{
    return flag == ENT_OBLIG_YES ? "yes" : flag == ENT_OBLIG_NO ? "no" : "not recorded";
}

static json_t *flag_json(int flag)
{
    return flag == ENT_OBLIG_UNKNOWN ? json_null() : json_integer(flag);
}

static void agreement_list(rep_ctx *x, json_t *sec)
{
    /* The most reported 25, shown in date order. */
    const rep_ev *top[25];
    int kind = KIND_SIGNED;
    size_t n = ent_report__top(top, 25, &x->dyad, is_kind, &kind, ent_report__by_coverage);
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && ent_report__by_date(top[k], top[k - 1]) < 0; k--) {
            const rep_ev *t = top[k];
            top[k] = top[k - 1];
            top[k - 1] = t;
        }
    if (!n)
        return;
    json_t *t = ent_report__table(x, sec, "Agreements signed (CAMEO 057), the most reported 25",
                                  x->from, x->to, "Date\tDirection\tEvent\tEvidence");
    for (size_t i = 0; i < n; i++) {
        char date[11];
        ent_date_format(date, top[i]->date);
        ent_report__row(x, t, "%s\t%s→%s\t%s %s\t[%d]", date, top[i]->src, top[i]->tgt,
                        top[i]->code, ent_report__label(x, top[i]->code),
                        ent_report__cite(x, top[i]));
    }
}

static void commitment_findings(rep_ctx *x, json_t *sec, json_t *data)
{
    int64_t count[NKINDS] = {0, 0, 0};
    const rep_ev *latest = NULL;
    for (size_t i = 0; i < x->dyad.n; i++) {
        int k = kind_of(x->dyad.v[i].code);
        if (k >= 0)
            count[k]++;
        if (k == KIND_SIGNED)
            latest = &x->dyad.v[i];
    }
    ent_report__put(x, data, "commitment_events",
                    json_pack("{s:I, s:I, s:I}", "signed", (json_int_t)count[KIND_SIGNED], "intent",
                              (json_int_t)count[KIND_INTENT], "cooperation",
                              (json_int_t)count[KIND_COOPERATION]));
    const rep_ev *top[3] = {NULL, NULL, NULL};
    int kind = KIND_SIGNED;
    ent_report__top(top, 1, &x->dyad, is_kind, &kind, ent_report__by_coverage);
    if (count[KIND_SIGNED]) {
        char date[11];
        ent_date_format(date, latest->date);
        const rep_ev *cite[2] = {latest, top[0]};
        char times[32];
        if (count[KIND_SIGNED] == 1)
            snprintf(times, sizeof times, "once");
        else
            snprintf(times, sizeof times, "%lld times", (long long)count[KIND_SIGNED]);
        ent_report__finding(x, sec, cite, 2,
                            "%s and %s signed agreements %s in the window (CAMEO 057, either side "
                            "as source), the latest on %s.",
                            ent_report__name(x, x->a), ent_report__name(x, x->b), times, date);
    } else {
        ent_report__finding(x, sec, NULL, 0,
                            "No agreement signing (CAMEO 057) between %s and %s is in the store "
                            "for the window.",
                            x->a, x->b);
    }
    kind = KIND_INTENT;
    ent_report__top(&top[1], 1, &x->dyad, is_kind, &kind, ent_report__by_coverage);
    kind = KIND_COOPERATION;
    ent_report__top(&top[2], 1, &x->dyad, is_kind, &kind, ent_report__by_coverage);
    ent_report__finding(x, sec, &top[1], 2,
                        "Declared intentions to cooperate (CAMEO 030-033) number %lld and "
                        "material cooperation carried out (CAMEO 06: economic, military, "
                        "judicial, intelligence) %lld: %s.",
                        (long long)count[KIND_INTENT], (long long)count[KIND_COOPERATION],
                        count[KIND_INTENT] > count[KIND_COOPERATION] ? "words run ahead of deeds"
                        : count[KIND_INTENT] < count[KIND_COOPERATION]
                            ? "deeds outnumber declared intentions"
                            : "words and deeds are even");
}

static void treaty_finding(rep_ctx *x, json_t *sec, json_t *list, const ent_treaty *t)
{
    char oblig[512], signed_on[11], in_force[11];
    ent_registry_obligations(oblig, sizeof oblig, t);
    ent_date_format(signed_on, t->signed_on);
    ent_date_format(in_force, t->in_force);
    /* Evidence of the signing: agreement events within ten days of it. */
    near_date near = {t->signed_on - 10, t->signed_on + 10};
    const rep_ev *cite[2] = {NULL, NULL};
    size_t n = ent_report__top(cite, 2, &x->dyad, signed_near, &near, ent_report__by_coverage);
    ent_report__finding(
        x, sec, cite, n, "%s (%s), signed %s%s%s: %s%s%s (registry %s line %ld)%s", t->name, t->id,
        signed_on, t->in_force != ENT_DATE_NONE ? ", in force " : "",
        t->in_force != ENT_DATE_NONE ? in_force : "", oblig, *t->conditions ? " " : "",
        t->conditions, t->file, t->line, n ? "; its signing is in the events" : "");
    json_t *events = json_array();
    for (size_t i = 0; i < n; i++)
        ent_report__push(x, events, json_integer(ent_report__cite(x, cite[i])));
    json_t *o = json_pack(
        "{s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:s, "
        "s:s, s:I, s:o}",
        "id", t->id, "name", t->name, "signed", signed_on, "in_force",
        t->in_force != ENT_DATE_NONE ? json_string(in_force) : json_null(), "duration", t->duration,
        "defence", flag_json(t->defence), "offence", flag_json(t->offence), "neutrality",
        flag_json(t->neutrality), "nonaggression", flag_json(t->nonaggression), "consultation",
        flag_json(t->consultation), "obligations", oblig, "conditions", t->conditions, "source",
        t->source, "file", t->file, "line", (json_int_t)t->line, "events", events);
    ent_report__push(x, list, o);
}

/* The registry's treaties binding both A and B; caller frees. */
static size_t treaties_between(size_t **idx, const rep_ctx *x)
{
    size_t n = ent_registry_between(NULL, 0, x->reg, x->a, x->b);
    *idx = malloc((n ? n : 1) * sizeof **idx);
    if (!*idx)
        return 0;
    return ent_registry_between(*idx, n, x->reg, x->a, x->b);
}

int ent_report__agreements(rep_ctx *x)
{
    json_t *sec = ent_report__section(x, 3, "agreements", "Formal agreements and what they oblige",
                                      "Which agreements bind the two sides, and to what?");
    json_t *data = ent_report__data(x, sec);
    commitment_findings(x, sec, data);
    size_t *idx;
    size_t n = treaties_between(&idx, x);
    if (!idx)
        return ENT_ENOMEM;
    json_t *list = json_array();
    ent_report__put(x, data, "treaties", list);
    for (size_t i = 0; i < n; i++)
        treaty_finding(x, sec, list, ent_registry_get(x->reg, idx[i]));
    if (!n)
        ent_report__finding(x, sec, NULL, 0,
                            "The treaty registry (%zu agreements) holds none to which both %s and "
                            "%s are parties.",
                            ent_registry_count(x->reg), x->a, x->b);
    if (n) {
        json_t *t = ent_report__table(
            x, sec,
            "Agreements in the treaty registry that bind both (signing dates, not the window)",
            x->from, x->to,
            "Signed\tAgreement\tIn force\tDuration\tDefence\tOffence\tNeutrality\tNon-aggression"
            "\tConsultation");
        for (size_t i = 0; i < n; i++) {
            const ent_treaty *tr = ent_registry_get(x->reg, idx[i]);
            char s[11], f[11];
            ent_date_format(s, tr->signed_on);
            ent_date_format(f, tr->in_force);
            ent_report__row(x, t, "%s\t%s (%s)\t%s\t%s\t%s\t%s\t%s\t%s\t%s", s, tr->name, tr->id,
                            tr->in_force != ENT_DATE_NONE ? f : "–",
                            *tr->duration ? tr->duration : "–", flag_word(tr->defence),
                            flag_word(tr->offence), flag_word(tr->neutrality),
                            flag_word(tr->nonaggression), flag_word(tr->consultation));
        }
    }
    free(idx);
    agreement_list(x, sec);
    /* Commitments by year. */
    json_t *t = ent_report__table(x, sec, "Commitment events by year, both ways", x->from, x->to,
                                  "Year\tSigned (057)\tIntent (030-033)\tCarried out (06)");
    int y0 = year_of(x->from), y1 = year_of(x->to);
    for (int y = y0; y <= y1; y++) {
        int64_t c[NKINDS] = {0, 0, 0};
        for (size_t i = 0; i < x->dyad.n; i++) {
            int k = kind_of(x->dyad.v[i].code);
            if (k >= 0 && year_of(x->dyad.v[i].date) == y)
                c[k]++;
        }
        if (c[0] || c[1] || c[2])
            ent_report__row(x, t, "%d\t%lld\t%lld\t%lld", y, (long long)c[0], (long long)c[1],
                            (long long)c[2]);
    }
    return ENT_OK;
}

/* ---------------------------------------------------------------- section 4 ---- */

typedef struct pillar_counts {
    int64_t events, coop, conflict, dir[2], half[2];
    int64_t gives[2]; /* 07x aid given by A (0) or by B (1) */
    int64_t mutual;   /* 06x */
} pillar_counts;

static int in_pillar(const rep_ev *e, const void *ctx)
{
    const int *want = ctx; /* pillar, then 1 to keep only cooperation (quad 1-2) */
    return (int)ent_pillar_of(e->code, e->issues) == want[0] && (!want[1] || e->quad <= 2);
}

typedef struct pillar_half {
    int pillar;
    ent_date from;
} pillar_half;

static int in_pillar_after(const rep_ev *e, const void *ctx)
{
    const pillar_half *h = ctx;
    return (int)ent_pillar_of(e->code, e->issues) == h->pillar && e->date >= h->from;
}

static void count_pillars(const rep_ctx *x, pillar_counts *pc, int64_t *by_year, int y0, int ny,
                          ent_date mid)
{
    for (size_t i = 0; i < x->dyad.n; i++) {
        const rep_ev *e = &x->dyad.v[i];
        ent_pillar p = ent_pillar_of(e->code, e->issues);
        pillar_counts *c = &pc[p];
        int side = from_a(x, e) ? 0 : 1;
        c->events++;
        c->coop += e->quad == 1 || e->quad == 2;
        c->conflict += e->quad == 3 || e->quad == 4;
        c->dir[side]++;
        c->half[e->date >= mid]++;
        ent_flow f = ent_pillar_flow(e->code);
        if (f == ENT_FLOW_SOURCE_GIVES)
            c->gives[side]++;
        else if (f == ENT_FLOW_MUTUAL)
            c->mutual++;
        int y = year_of(e->date) - y0;
        if (y >= 0 && y < ny)
            by_year[(size_t)y * ENT_PILLAR_COUNT + p]++;
    }
}

static void pillar_tables(rep_ctx *x, json_t *sec, json_t *data, const pillar_counts *pc,
                          const int64_t *by_year, int y0, int ny, ent_date mid)
{
    char cols[256], m0[11], m1[11];
    ent_date_format(m0, mid - 1);
    ent_date_format(m1, mid);
    snprintf(cols, sizeof cols,
             "Pillar\tEvents\tShare\tCooperation\tConflict\t%s→%s\t%s→%s\tTo %s\tFrom %s", x->a,
             x->b, x->b, x->a, m0, m1);
    json_t *t = ent_report__table(x, sec, "Dyad events by pillar", x->from, x->to, cols);
    json_t *pj = json_object();
    ent_report__put(x, data, "pillars", pj);
    for (int p = 0; p < ENT_PILLAR_COUNT; p++) {
        const pillar_counts *c = &pc[p];
        ent_report__row(x, t, "%s\t%lld\t%.0f%%\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld",
                        ent_pillar_name((ent_pillar)p), (long long)c->events,
                        100 * ratio((double)c->events, (double)x->dyad.n), (long long)c->coop,
                        (long long)c->conflict, (long long)c->dir[0], (long long)c->dir[1],
                        (long long)c->half[0], (long long)c->half[1]);
        ent_report__put(x, pj, ent_pillar_name((ent_pillar)p),
                        json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "events",
                                  (json_int_t)c->events, "coop", (json_int_t)c->coop, "conflict",
                                  (json_int_t)c->conflict, "ab", (json_int_t)c->dir[0], "ba",
                                  (json_int_t)c->dir[1], "first_half", (json_int_t)c->half[0],
                                  "second_half", (json_int_t)c->half[1], "a_gives",
                                  (json_int_t)c->gives[0], "b_gives", (json_int_t)c->gives[1],
                                  "mutual", (json_int_t)c->mutual));
    }
    ent_report__put(x, data, "split", json_string(m1));
    /* Pillars by year: a table and the stacked bars. */
    json_t *ty = ent_report__table(x, sec, "Dyad events by pillar and year", x->from, x->to,
                                   "Year\tMilitary\tEconomic\tNuclear\tDiplomatic\tSecurity\t"
                                   "Humanitarian\tOther");
    json_t *chart = ent_report__chart(x, sec, "pillars", "Dyad events by pillar and year");
    json_t *years = json_array(), *series = json_array();
    for (int y = 0; y < ny; y++) {
        const int64_t *r = &by_year[(size_t)y * ENT_PILLAR_COUNT];
        int64_t sum = 0;
        json_t *row = json_array();
        for (int p = 0; p < ENT_PILLAR_COUNT; p++) {
            sum += r[p];
            ent_report__push(x, row, json_integer(r[p]));
        }
        ent_report__push(x, years, json_integer(y0 + y));
        ent_report__push(x, series, row);
        if (sum)
            ent_report__row(x, ty, "%d\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld\t%lld", y0 + y,
                            (long long)r[0], (long long)r[1], (long long)r[2], (long long)r[3],
                            (long long)r[4], (long long)r[5], (long long)r[6]);
    }
    json_t *names = json_array();
    for (int p = 0; p < ENT_PILLAR_COUNT; p++)
        ent_report__push(x, names, json_string(ent_pillar_name((ent_pillar)p)));
    ent_report__put(x, chart, "window", ent_report__window(x->from, x->to));
    ent_report__put(x, chart, "pillars", names);
    ent_report__put(x, chart, "years", years);
    ent_report__put(x, chart, "counts", series);
}

/* The two pillars with most cooperation events. */
static void main_pillars(rep_ctx *x, json_t *sec, const pillar_counts *pc)
{
    int first = -1, second = -1;
    int64_t coop = 0;
    for (int p = 0; p < ENT_PILLAR_COUNT; p++) {
        coop += pc[p].coop;
        if (first < 0 || pc[p].coop > pc[first].coop) {
            second = first;
            first = p;
        } else if (second < 0 || pc[p].coop > pc[second].coop) {
            second = p;
        }
    }
    if (!coop) {
        ent_report__finding(x, sec, NULL, 0,
                            "No cooperation event (quad classes 1 and 2) in the window: there is "
                            "no pillar to speak of.");
        return;
    }
    int want[2][2] = {{first, 1}, {second, 1}};
    const rep_ev *cite[2] = {NULL, NULL};
    ent_report__top(&cite[0], 1, &x->dyad, in_pillar, want[0], ent_report__by_coverage);
    ent_report__top(&cite[1], 1, &x->dyad, in_pillar, want[1], ent_report__by_coverage);
    ent_report__finding(x, sec, cite, pc[second].coop ? 2 : 1,
                        "Of %lld cooperation events, %.0f%% are %s and %.0f%% %s (pillars from "
                        "the CAMEO code and the issues named in the sentence).",
                        (long long)coop, 100 * ratio((double)pc[first].coop, (double)coop),
                        ent_pillar_name((ent_pillar)first),
                        100 * ratio((double)pc[second].coop, (double)coop),
                        ent_pillar_name((ent_pillar)second));
}

/* The pillar that grew most, and the one that shrank most, between the two halves. */
static void pillar_trends(rep_ctx *x, json_t *sec, const pillar_counts *pc, ent_date mid)
{
    int up = -1, down = -1;
    for (int p = 0; p < ENT_PILLAR_COUNT; p++) {
        if (pc[p].events < 3)
            continue;
        int64_t d = pc[p].half[1] - pc[p].half[0];
        if (d > 0 && (up < 0 || d > pc[up].half[1] - pc[up].half[0]))
            up = p;
        if (d < 0 && (down < 0 || d < pc[down].half[1] - pc[down].half[0]))
            down = p;
    }
    char m[11], m1[11];
    ent_date_format(m, mid - 1);
    ent_date_format(m1, mid);
    int which[2] = {up, down};
    for (int i = 0; i < 2; i++) {
        int p = which[i];
        if (p < 0)
            continue;
        pillar_half h = {p, i ? x->from : mid};
        const rep_ev *cite = NULL;
        ent_report__top(&cite, 1, &x->dyad, in_pillar_after, &h, ent_report__by_coverage);
        char name[32];
        snprintf(name, sizeof name, "%s", ent_pillar_name((ent_pillar)p));
        name[0] = (char)(name[0] - 'a' + 'A');
        ent_report__finding(x, sec, &cite, 1, "%s events %s from %lld up to %s to %lld from %s on.",
                            name, i ? "fell" : "rose", (long long)pc[p].half[0], m,
                            (long long)pc[p].half[1], m1);
    }
}

static int is_aid_from(const rep_ev *e, const void *ctx)
{
    const char *src = ctx;
    return ent_pillar_flow(e->code) == ENT_FLOW_SOURCE_GIVES && starts(e->src, src);
}

static int is_mutual(const rep_ev *e, const void *ctx)
{
    (void)ctx;
    return ent_pillar_flow(e->code) == ENT_FLOW_MUTUAL;
}

static void flow_finding(rep_ctx *x, json_t *sec, json_t *data, const pillar_counts *pc)
{
    int64_t gives[2] = {0, 0}, mutual = 0;
    for (int p = 0; p < ENT_PILLAR_COUNT; p++) {
        gives[0] += pc[p].gives[0];
        gives[1] += pc[p].gives[1];
        mutual += pc[p].mutual;
    }
    ent_report__put(x, data, "flow",
                    json_pack("{s:I, s:I, s:I}", "a_gives", (json_int_t)gives[0], "b_gives",
                              (json_int_t)gives[1], "mutual", (json_int_t)mutual));
    const rep_ev *cite[3] = {NULL, NULL, NULL};
    ent_report__top(&cite[0], 1, &x->dyad, is_aid_from, x->a, ent_report__by_coverage);
    ent_report__top(&cite[1], 1, &x->dyad, is_aid_from, x->b, ent_report__by_coverage);
    ent_report__top(&cite[2], 1, &x->dyad, is_mutual, NULL, ent_report__by_coverage);
    int64_t aid = gives[0] + gives[1];
    if (aid) {
        int main = gives[1] > gives[0];
        ent_report__finding(x, sec, cite, 3,
                            "Aid (CAMEO 07, one side gives) runs from %s to %s in %lld of %lld "
                            "transfers; material cooperation (CAMEO 06, both give) counts %lld "
                            "events.",
                            main ? x->b : x->a, main ? x->a : x->b, (long long)gives[main],
                            (long long)aid, (long long)mutual);
    } else {
        ent_report__finding(x, sec, &cite[2], 1,
                            "No aid event (CAMEO 07) in the window, so no one-way transfer to "
                            "weigh; material cooperation (CAMEO 06, both give) counts %lld "
                            "events.",
                            (long long)mutual);
    }
}

int ent_report__pillars(rep_ctx *x)
{
    json_t *sec = ent_report__section(x, 4, "pillars", "Pillars of cooperation",
                                      "What is the relationship made of: military, economic, "
                                      "nuclear, diplomatic…?");
    json_t *data = ent_report__data(x, sec);
    int y0 = year_of(x->from), ny = year_of(x->to) - y0 + 1;
    ent_date mid = x->from + (x->to - x->from + 1) / 2;
    pillar_counts pc[ENT_PILLAR_COUNT];
    memset(pc, 0, sizeof pc);
    int64_t *by_year = calloc((size_t)ny * ENT_PILLAR_COUNT, sizeof *by_year);
    if (!by_year)
        return ENT_ENOMEM;
    count_pillars(x, pc, by_year, y0, ny, mid);
    main_pillars(x, sec, pc);
    pillar_trends(x, sec, pc, mid);
    flow_finding(x, sec, data, pc);
    pillar_tables(x, sec, data, pc, by_year, y0, ny, mid);
    free(by_year);
    return ENT_OK;
}

/* ---------------------------------------------------------------- section 5 ---- */

static int is_conflict(const rep_ev *e, const void *ctx)
{
    (void)ctx;
    return e->quad == 3 || e->quad == 4;
}

static int has_root(const rep_ev *e, const void *ctx)
{
    return starts(e->code, ctx);
}

static void conflict_findings(rep_ctx *x, json_t *sec, json_t *data)
{
    int64_t n[2] = {0, 0}, rej[2] = {0, 0}, thr[2] = {0, 0};
    for (size_t i = 0; i < x->dyad.n; i++) {
        const rep_ev *e = &x->dyad.v[i];
        int side = from_a(x, e) ? 0 : 1;
        n[side] += is_conflict(e, NULL);
        rej[side] += starts(e->code, "12");
        thr[side] += starts(e->code, "13");
    }
    ent_report__put(x, data, "conflict",
                    json_pack("{s:I, s:I, s:o}", "ab", (json_int_t)n[0], "ba", (json_int_t)n[1],
                              "share",
                              ent_report__real(ratio((double)(n[0] + n[1]), (double)x->dyad.n))));
    ent_report__put(x, data, "rejections",
                    json_pack("{s:I, s:I}", "ab", (json_int_t)rej[0], "ba", (json_int_t)rej[1]));
    ent_report__put(x, data, "threats",
                    json_pack("{s:I, s:I}", "ab", (json_int_t)thr[0], "ba", (json_int_t)thr[1]));
    const rep_ev *worst[3];
    size_t nw = ent_report__top(worst, 3, &x->dyad, is_conflict, NULL, ent_report__by_conflict);
    if (nw)
        ent_report__finding(x, sec, worst, nw,
                            "%lld of the %zu events (%.0f%%) are conflictual (quad classes 3 and "
                            "4): %lld from %s, %lld from %s. The sharpest are cited.",
                            (long long)(n[0] + n[1]), x->dyad.n,
                            100 * ratio((double)(n[0] + n[1]), (double)x->dyad.n), (long long)n[0],
                            x->a, (long long)n[1], x->b);
    else
        ent_report__finding(x, sec, NULL, 0,
                            "None of the %zu events is conflictual (quad classes 3 and 4): the "
                            "limits, if any, do not show as open friction.",
                            x->dyad.n);
    const rep_ev *cite[4] = {NULL, NULL, NULL, NULL};
    ent_report__top(cite, 2, &x->dyad, has_root, "12", ent_report__by_coverage);
    ent_report__top(cite + 2, 2, &x->dyad, has_root, "13", ent_report__by_coverage);
    ent_report__finding(x, sec, cite, 4,
                        "Refusals (CAMEO 12, reject): %lld by %s, %lld by %s. Threats (CAMEO 13): "
                        "%lld by %s, %lld by %s.",
                        (long long)rej[0], x->a, (long long)rej[1], x->b, (long long)thr[0], x->a,
                        (long long)thr[1], x->b);
}

/* Appends s to a comma-separated list in buf. */
static void list_add(char *buf, size_t size, const char *s)
{
    size_t len = strlen(buf);
    if (len < size)
        snprintf(buf + len, size - len, "%s%s", len ? ", " : "", s);
}

/* What the treaties between A and B oblige, and what none of them does. */
static void obligation_findings(rep_ctx *x, json_t *sec, json_t *data)
{
    static const char *const names[5] = {"defence", "offence", "neutrality", "nonaggression",
                                         "consultation"};
    size_t *idx;
    size_t n = treaties_between(&idx, x);
    if (!idx) {
        x->failed = 1;
        return;
    }
    json_t *ob = json_object();
    ent_report__put(x, data, "obligations", ob);
    char yes[5][256], no[5][256];
    char present[512] = "", absent[512] = "", unknown[256] = "";
    for (int f = 0; f < 5; f++) {
        yes[f][0] = no[f][0] = '\0';
        for (size_t i = 0; i < n; i++) {
            const ent_treaty *t = ent_registry_get(x->reg, idx[i]);
            int v[5] = {t->defence, t->offence, t->neutrality, t->nonaggression, t->consultation};
            if (v[f] == ENT_OBLIG_YES)
                list_add(yes[f], sizeof yes[f], t->id);
            else if (v[f] == ENT_OBLIG_NO)
                list_add(no[f], sizeof no[f], t->id);
        }
        const char *status = *yes[f] ? "present" : *no[f] ? "absent" : "not recorded";
        ent_report__put(
            x, ob, names[f],
            json_pack("{s:s, s:s, s:s}", "status", status, "in", yes[f], "not_in", no[f]));
        char item[300];
        snprintf(item, sizeof item, "%s (%s)", names[f], *yes[f] ? yes[f] : no[f]);
        list_add(*yes[f]  ? present
                 : *no[f] ? absent
                          : unknown,
                 *yes[f]  ? sizeof present
                 : *no[f] ? sizeof absent
                          : sizeof unknown,
                 *yes[f] || *no[f] ? item : names[f]);
    }
    free(idx);
    if (!n) {
        ent_report__finding(x, sec, NULL, 0,
                            "With no agreement between %s and %s in the treaty registry, no "
                            "obligation binds them: not to defend each other, not to consult, "
                            "not even to stay neutral.",
                            x->a, x->b);
        return;
    }
    if (*yes[0])
        ent_report__finding(x, sec, NULL, 0,
                            "The registry records a mutual defence obligation between %s and %s "
                            "in %s.",
                            x->a, x->b, yes[0]);
    else if (*no[0])
        ent_report__finding(x, sec, NULL, 0,
                            "No agreement in the registry obliges %s and %s to defend each other: "
                            "the defence clause is absent from %s. Either may stay out if the "
                            "other is attacked.",
                            x->a, x->b, no[0]);
    ent_report__finding(x, sec, NULL, 0,
                        "Across the %zu agreements that bind both, obligations recorded: %s. "
                        "Recorded as absent: %s. Not recorded: %s.",
                        n, *present ? present : "none", *absent ? absent : "none",
                        *unknown ? unknown : "none");
}

/* A third country treated oppositely by A and B. */
typedef struct divergence {
    uint32_t country;
    int64_t na, nb;
    double ma, mb;
} divergence;

static int by_gap(const void *p, const void *q)
{
    const divergence *a = p, *b = q;
    double ga = fabs(a->ma - a->mb), gb = fabs(b->ma - b->mb);
    if (ga != gb)
        return ga > gb ? -1 : 1;
    return a->country < b->country ? -1 : a->country > b->country;
}

/* The best event between side3 and third3 in the direction of sign, copied into out. */
static int side_evidence(rep_ev *out, rep_ctx *x, const char *side3, const char *third3,
                         double sign)
{
    ent_store_filter f = ENT_STORE_FILTER_INIT;
    f.from = x->from;
    f.to = x->to;
    f.source = side3;
    f.target = third3;
    f.either_direction = 1;
    rep_evs found = {NULL, 0, 0};
    const rep_ev *best = NULL;
    if (ent_report__query(&found, x, &f) == ENT_OK)
        ent_report__top(&best, 1, &found, NULL, NULL,
                        sign < 0 ? ent_report__by_conflict : ent_report__by_cooperation);
    if (best)
        *out = *best;
    ent_report__evs_free(&found);
    return best != NULL;
}

static void divergence_findings(rep_ctx *x, json_t *sec, json_t *data)
{
    int ia = ent_report__country_find(x, x->a3), ib = ent_report__country_find(x, x->b3);
    divergence *d = malloc((x->ncountries ? x->ncountries : 1) * sizeof *d);
    if (!d || ia < 0 || ib < 0) {
        free(d);
        x->failed |= !d;
        return;
    }
    size_t n = 0, both = 0;
    for (size_t c = 0; c < x->ncountries; c++) {
        const rep_tie *ta = ent_report__tie(x, (uint32_t)ia, (uint32_t)c);
        const rep_tie *tb = ent_report__tie(x, (uint32_t)ib, (uint32_t)c);
        if ((int)c == ia || (int)c == ib || !ta || !tb || ta->events < 3 || tb->events < 3)
            continue;
        both++;
        double ma = ta->gsum / (double)ta->events, mb = tb->gsum / (double)tb->events;
        if (ma * mb < 0) {
            divergence v = {(uint32_t)c, ta->events, tb->events, ma, mb};
            d[n++] = v;
        }
    }
    qsort(d, n, sizeof *d, by_gap);
    json_t *list = json_array();
    ent_report__put(x, data, "divergence", list);
    char cols[160];
    snprintf(cols, sizeof cols, "Country\t%s events\t%s mean\t%s events\t%s mean", x->a3, x->a3,
             x->b3, x->b3);
    json_t *t = n ? ent_report__table(x, sec,
                                      "Third countries the two sides treat oppositely (at least "
                                      "3 events with each)",
                                      x->from, x->to, cols)
                  : NULL;
    for (size_t i = 0; i < n && i < 8; i++) {
        const char *c = x->country[d[i].country];
        ent_report__row(x, t, "%s (%s)\t%lld\t%+.2f\t%lld\t%+.2f", c, ent_report__name(x, c),
                        (long long)d[i].na, d[i].ma, (long long)d[i].nb, d[i].mb);
        ent_report__push(x, list,
                         json_pack("{s:s, s:I, s:o, s:I, s:o}", "country", c, "a_events",
                                   (json_int_t)d[i].na, "a_mean", ent_report__real(d[i].ma),
                                   "b_events", (json_int_t)d[i].nb, "b_mean",
                                   ent_report__real(d[i].mb)));
    }
    for (size_t i = 0; i < n && i < 2; i++) {
        const char *c = x->country[d[i].country];
        rep_ev ev[2];
        const rep_ev *cite[2] = {NULL, NULL};
        if (side_evidence(&ev[0], x, x->a3, c, d[i].ma))
            cite[0] = &ev[0];
        if (side_evidence(&ev[1], x, x->b3, c, d[i].mb))
            cite[1] = &ev[1];
        ent_report__finding(x, sec, cite, 2,
                            "%s and %s part ways over %s (%s): %s's events with it average %+.2f "
                            "(%lld events), %s's %+.2f (%lld).",
                            x->a3, x->b3, ent_report__name(x, c), c, x->a3, d[i].ma,
                            (long long)d[i].na, x->b3, d[i].mb, (long long)d[i].nb);
    }
    ent_report__finding(x, sec, NULL, 0,
                        "Of %zu third countries with at least 3 events with each side, %zu are "
                        "treated with opposite signs (one side cooperates on average, the other "
                        "conflicts) and %zu alike.",
                        both, n, both - n);
    free(d);
}

int ent_report__red_lines(rep_ctx *x)
{
    json_t *sec = ent_report__section(x, 5, "red_lines", "Red lines and limits",
                                      "Where does the relationship stop?");
    json_t *data = ent_report__data(x, sec);
    conflict_findings(x, sec, data);
    obligation_findings(x, sec, data);
    divergence_findings(x, sec, data);
    return ENT_OK;
}
