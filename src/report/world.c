/*
 * report — sections 6 and 7, the relationship among others: a third state C (A–C and B–C by
 * year, the triad's signs and balance, events that bring C together with both), and the signed
 * network of the most active states over the window (blocs by signed modularity, balance,
 * the alignment of A and B with each other and with the major powers, sanctions against
 * each). Countries are the first three letters of actor codes.
 */
#include "report_internal.h"

#include "entente/network.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double ratio(double n, double d)
{
    return d > 0 ? n / d : 0.0;
}

static int sign_of(double v)
{
    return v > 0 ? 1 : v < 0 ? -1 : 0;
}

static char sign_char(int s)
{
    return s > 0 ? '+' : s < 0 ? '-' : '0';
}

/* ---------------------------------------------------------------- third party ---- */

int ent_report__choose_third(rep_ctx *x)
{
    if (x->c[0])
        return ENT_OK;
    int ia = ent_report__country_find(x, x->a3), ib = ent_report__country_find(x, x->b3);
    int best = -1;
    int64_t best_min = 0, best_sum = 0;
    for (size_t c = 0; c < x->ncountries && ia >= 0 && ib >= 0; c++) {
        const rep_tie *ta = ent_report__tie(x, (uint32_t)ia, (uint32_t)c);
        const rep_tie *tb = ent_report__tie(x, (uint32_t)ib, (uint32_t)c);
        if ((int)c == ia || (int)c == ib || !ta || !tb)
            continue;
        int64_t m = ta->events < tb->events ? ta->events : tb->events;
        int64_t sum = ta->events + tb->events;
        if (m > best_min || (m == best_min && m > 0 && sum > best_sum)) {
            best = (int)c;
            best_min = m;
            best_sum = sum;
        }
    }
    if (best >= 0) {
        snprintf(x->c, sizeof x->c, "%s", x->country[best]);
        snprintf(x->c3, sizeof x->c3, "%s", x->country[best]);
    }
    return ENT_OK;
}

static const char *kind_name(ent_triad_kind k)
{
    switch (k) {
    case ENT_TRIAD_FRIENDS:
        return "friends";
    case ENT_TRIAD_COMMON_ENEMY:
        return "common_enemy";
    case ENT_TRIAD_FRIEND_ENEMY:
        return "friend_enemy";
    case ENT_TRIAD_ENEMIES:
        return "enemies";
    case ENT_TRIAD_OPEN:
        break;
    }
    return "open";
}

/* The triad's reading in words, turning on its pivot. */
static void triad_reading(char *buf, size_t size, const rep_ctx *x, const ent_triad *t)
{
    const char *node[3] = {x->a, x->b, x->c};
    int p = t->pivot;
    const char *q = p >= 0 ? node[(p + 1) % 3] : "", *r = p >= 0 ? node[(p + 2) % 3] : "";
    switch (t->kind) {
    case ENT_TRIAD_FRIENDS:
        snprintf(buf, size, "all three ties are cooperative; the triad is balanced");
        break;
    case ENT_TRIAD_COMMON_ENEMY:
        snprintf(buf, size,
                 "%s and %s cooperate and are both at odds with %s; the triad is balanced and "
                 "the shared adversary holds the pair together",
                 q, r, node[p]);
        break;
    case ENT_TRIAD_FRIEND_ENEMY:
        snprintf(buf, size,
                 "%s cooperates with both %s and %s, which are at odds with each other; the "
                 "triad is unbalanced and %s has to balance between its two partners",
                 node[p], q, r, node[p]);
        break;
    case ENT_TRIAD_ENEMIES:
        snprintf(buf, size,
                 "all three ties are conflictual; the triad is unbalanced (weakly balanced after "
                 "Davis)");
        break;
    case ENT_TRIAD_OPEN:
        snprintf(buf, size, "a tie has no events in the window, so the triad is open");
        break;
    }
}

/* Both directions of year k of a series. */
static void year_sums(const ent_dyad_series *ds, size_t k, int64_t *n, double *g)
{
    *n = ds->ab[k].events + ds->ba[k].events;
    *g = ds->ab[k].goldstein_sum + ds->ba[k].goldstein_sum;
}

static void series_sums(const ent_dyad_series *ds, int64_t *n, double *g)
{
    *n = 0;
    *g = 0;
    for (size_t k = 0; k < ds->n; k++) {
        int64_t yn;
        double yg;
        year_sums(ds, k, &yn, &yg);
        *n += yn;
        *g += yg;
    }
}

static void triad_years(rep_ctx *x, json_t *sec, json_t *data)
{
    char cols[320], caption[128];
    snprintf(cols, sizeof cols,
             "Year\t%s–%s events\t%s–%s mean\t%s–%s events\t%s–%s mean\t%s–%s mean\tTriad", x->a,
             x->c, x->a, x->c, x->b, x->c, x->b, x->c, x->a, x->b);
    snprintf(caption, sizeof caption, "Relations with %s by year, both ways", x->c);
    json_t *t = ent_report__table(x, sec, caption, x->from, x->to, cols);
    json_t *years = json_array();
    ent_report__put(x, data, "years", years);
    size_t counts[5] = {0, 0, 0, 0, 0};
    char lists[2][160] = {"", ""};
    for (size_t k = 0; k < x->ac.n && k < x->bc.n && k < x->year.n; k++) {
        int64_t nac, nbc, nab;
        double gac, gbc, gab;
        year_sums(&x->ac, k, &nac, &gac);
        year_sums(&x->bc, k, &nbc, &gbc);
        year_sums(&x->year, k, &nab, &gab);
        int y;
        ent_date_to_ymd(&y, NULL, NULL, x->ac.ab[k].period);
        ent_triad tr;
        ent_triad_classify(&tr, sign_of(gab), sign_of(gbc), sign_of(gac));
        counts[tr.kind]++;
        if (tr.balance) {
            char *l = lists[tr.balance < 0];
            size_t len = strlen(l);
            if (len + 8 < sizeof lists[0])
                snprintf(l + len, sizeof lists[0] - len, "%s%d", len ? ", " : "", y);
        }
        char mac[16] = "–", mbc[16] = "–", mab[16] = "–";
        if (nac)
            snprintf(mac, sizeof mac, "%+.2f", gac / (double)nac);
        if (nbc)
            snprintf(mbc, sizeof mbc, "%+.2f", gbc / (double)nbc);
        if (nab)
            snprintf(mab, sizeof mab, "%+.2f", gab / (double)nab);
        if (nac || nbc)
            ent_report__row(x, t, "%d\t%lld\t%s\t%lld\t%s\t%s\t%s", y, (long long)nac, mac,
                            (long long)nbc, mbc, mab, tr.kind ? ent_triad_phrase(tr.kind) : "open");
        ent_report__push(x, years,
                         json_pack("{s:i, s:I, s:o, s:I, s:o, s:s, s:i}", "year", y, "ac_events",
                                   (json_int_t)nac, "ac_mean",
                                   ent_report__real(ratio(gac, (double)nac)), "bc_events",
                                   (json_int_t)nbc, "bc_mean",
                                   ent_report__real(ratio(gbc, (double)nbc)), "kind",
                                   kind_name(tr.kind), "balance", tr.balance));
    }
    size_t balanced = counts[ENT_TRIAD_FRIENDS] + counts[ENT_TRIAD_COMMON_ENEMY];
    size_t unbalanced = counts[ENT_TRIAD_FRIEND_ENEMY] + counts[ENT_TRIAD_ENEMIES];
    ent_report__finding(x, sec, NULL, 0,
                        "Year by year the triad %s–%s–%s was balanced in %zu years%s%s%s, "
                        "unbalanced in %zu%s%s%s, and open (a tie without events) in %zu.",
                        x->a, x->b, x->c, balanced, balanced ? " (" : "", lists[0],
                        balanced ? ")" : "", unbalanced, unbalanced ? " (" : "", lists[1],
                        unbalanced ? ")" : "", counts[ENT_TRIAD_OPEN]);
}

/* Events of A–C and B–C that appear together: the same document, or (imported events, which
   have none) the same day. Both lists are in date order. */
static void linked_events(rep_ctx *x, json_t *sec, json_t *data)
{
    const rep_evs *p = &x->ac_evs, *q = &x->bc_evs;
    size_t i = 0, j = 0, days = 0;
    const rep_ev *best[2] = {NULL, NULL};
    int best_sources = -1;
    while (i < p->n && j < q->n) {
        ent_date d = p->v[i].date;
        if (q->v[j].date < d) {
            j++;
            continue;
        }
        if (q->v[j].date > d) {
            i++;
            continue;
        }
        size_t i1 = i, j1 = j;
        while (i1 < p->n && p->v[i1].date == d)
            i1++;
        while (j1 < q->n && q->v[j1].date == d)
            j1++;
        int linked = 0;
        for (size_t a = i; a < i1; a++)
            for (size_t b = j; b < j1; b++) {
                const rep_ev *e = &p->v[a], *f = &q->v[b];
                if (e->document_id != f->document_id)
                    continue;
                linked = 1;
                if (e->sources + f->sources > best_sources) {
                    best_sources = e->sources + f->sources;
                    best[0] = e;
                    best[1] = f;
                }
            }
        days += linked;
        i = i1;
        j = j1;
    }
    ent_report__put(x, data, "linked_days", json_integer((json_int_t)days));
    if (days)
        ent_report__finding(x, sec, best, 2,
                            "On %zu days %s is in events with both %s and %s reported together "
                            "(the same document, or the same day for imported events, which have "
                            "no document); the most reported pair is cited.",
                            days, x->c, x->a, x->b);
    else
        ent_report__finding(x, sec, NULL, 0,
                            "No document (or day, for imported events) has %s in events with "
                            "both %s and %s.",
                            x->c, x->a, x->b);
}

static void triad_chart(rep_ctx *x, json_t *sec, const int sign[3], const double mean[3],
                        const int64_t n[3], const ent_triad *t)
{
    char title[96];
    snprintf(title, sizeof title, "The triad %s–%s–%s over the window", x->a, x->b, x->c);
    json_t *c = ent_report__chart(x, sec, "triad", title);
    ent_report__put(x, c, "window", ent_report__window(x->from, x->to));
    ent_report__put(x, c, "nodes", json_pack("[s, s, s]", x->a, x->b, x->c));
    static const int ends[3][2] = {{0, 1}, {1, 2}, {2, 0}};
    json_t *edges = json_array();
    for (int k = 0; k < 3; k++)
        ent_report__push(x, edges,
                         json_pack("{s:i, s:i, s:i, s:o, s:I}", "from", ends[k][0], "to",
                                   ends[k][1], "sign", sign[k], "mean", ent_report__real(mean[k]),
                                   "events", (json_int_t)n[k]));
    ent_report__put(x, c, "edges", edges);
    ent_report__put(x, c, "triad", json_string(kind_name(t->kind)));
    ent_report__put(x, c, "balance", json_integer(t->balance));
}

static int with_sign(const rep_ev *e, const void *ctx)
{
    int s = *(const int *)ctx;
    return s > 0 ? e->goldstein > 0 : s < 0 ? e->goldstein < 0 : 1;
}

int ent_report__third_party(rep_ctx *x)
{
    char title[96];
    snprintf(title, sizeof title, "The third-party factor: %s",
             x->c[0] ? ent_report__name(x, x->c) : "none found");
    json_t *sec = ent_report__section(x, 6, "third_party", title,
                                      "How does a third state shape the relationship?");
    json_t *data = ent_report__data(x, sec);
    if (!x->c[0]) {
        ent_report__finding(x, sec, NULL, 0,
                            "No third country has events with both %s and %s in the window.", x->a,
                            x->b);
        return ENT_OK;
    }
    ent_report__put(x, data, "third", json_string(x->c));
    int64_t n[3];
    double g[3];
    series_sums(&x->year, &n[0], &g[0]); /* A–B */
    series_sums(&x->bc, &n[1], &g[1]);   /* B–C */
    series_sums(&x->ac, &n[2], &g[2]);   /* C–A */
    int sign[3];
    double mean[3];
    for (int k = 0; k < 3; k++) {
        sign[k] = sign_of(g[k]);
        mean[k] = ratio(g[k], (double)n[k]);
    }
    ent_triad t;
    ent_triad_classify(&t, sign[0], sign[1], sign[2]);
    char reading[400];
    triad_reading(reading, sizeof reading, x, &t);
    const rep_ev *cite[2] = {NULL, NULL};
    ent_report__top(&cite[0], 1, &x->ac_evs, with_sign, &sign[2],
                    sign[2] < 0 ? ent_report__by_conflict : ent_report__by_cooperation);
    ent_report__top(&cite[1], 1, &x->bc_evs, with_sign, &sign[1],
                    sign[1] < 0 ? ent_report__by_conflict : ent_report__by_cooperation);
    ent_report__finding(x, sec, cite, 2,
                        "Over the window %s–%s relations average %+.2f (%lld events, Goldstein "
                        "sum %+.1f), %s–%s %+.2f (%lld, %+.1f), and %s–%s %+.2f (%lld, %+.1f). "
                        "With signs %c%c%c the triad reads \"%s\": %s.",
                        x->a, x->c, mean[2], (long long)n[2], g[2], x->b, x->c, mean[1],
                        (long long)n[1], g[1], x->a, x->b, mean[0], (long long)n[0], g[0],
                        sign_char(sign[0]), sign_char(sign[1]), sign_char(sign[2]),
                        t.kind ? ent_triad_phrase(t.kind) : "open", reading);
    const char *node[3] = {x->a, x->b, x->c};
    ent_report__put(x, data, "signs",
                    json_pack("{s:i, s:i, s:i}", "ab", sign[0], "bc", sign[1], "ca", sign[2]));
    ent_report__put(x, data, "kind", json_string(kind_name(t.kind)));
    ent_report__put(x, data, "balance", json_integer(t.balance));
    ent_report__put(x, data, "pivot", t.pivot >= 0 ? json_string(node[t.pivot]) : json_null());
    ent_report__put(x, data, "phrase", json_string(ent_triad_phrase(t.kind)));
    ent_report__put(x, data, "reading", json_string(reading));
    triad_years(x, sec, data);
    linked_events(x, sec, data);
    triad_chart(x, sec, sign, mean, n, &t);
    return ENT_OK;
}

/* ---------------------------------------------------------------- global ---- */

/* The major powers whose alignment with A and B is reported when they are in the network. */
static const char *const majors[] = {"USA", "CHN", "RUS", "EUR", "GBR",
                                     "FRA", "DEU", "IND", "JPN", "TUR"};

typedef struct net {
    uint32_t *node;    /* graph node -> country index */
    int *of;           /* country index -> graph node, or -1 */
    int64_t *activity; /* country index -> events with other countries */
    size_t n;
    ent_signed_graph *g;
    uint32_t *bloc;
    size_t nblocs;
    double q;
} net;

/* A country and its events, for sorting. */
typedef struct active {
    uint32_t country;
    int64_t events;
} active;

static int by_activity(const void *p, const void *q)
{
    const active *a = p, *b = q;
    if (a->events != b->events)
        return a->events > b->events ? -1 : 1;
    return a->country < b->country ? -1 : a->country > b->country;
}

static void net_free(net *w)
{
    free(w->node);
    free(w->of);
    free(w->activity);
    free(w->bloc);
    ent_signed_graph_destroy(w->g);
}

/* The top-N countries by events, with A, B and C always in, and their signed graph. */
static int net_build(net *w, rep_ctx *x)
{
    size_t nc = x->ncountries;
    w->node = malloc((nc + 1) * sizeof *w->node);
    w->of = malloc((nc + 1) * sizeof *w->of);
    w->activity = calloc(nc + 1, sizeof *w->activity);
    active *order = malloc((nc + 1) * sizeof *order);
    if (!w->node || !w->of || !w->activity || !order) {
        free(order);
        return ENT_ENOMEM;
    }
    for (size_t k = 0; k < x->nties; k++) {
        w->activity[x->ties[k].a] += x->ties[k].events;
        w->activity[x->ties[k].b] += x->ties[k].events;
    }
    for (size_t c = 0; c < nc; c++) {
        active a = {(uint32_t)c, w->activity[c]};
        order[c] = a;
        w->of[c] = -1;
    }
    qsort(order, nc, sizeof *order, by_activity);
    const char *must[3] = {x->a3, x->b3, x->c3};
    for (int k = 0; k < 3; k++) {
        int c = *must[k] ? ent_report__country_find(x, must[k]) : -1;
        if (c >= 0 && w->of[c] < 0) {
            w->of[c] = (int)w->n;
            w->node[w->n++] = (uint32_t)c;
        }
    }
    for (size_t i = 0; i < nc && w->n < x->top_n; i++) {
        uint32_t c = order[i].country;
        if (w->of[c] < 0 && order[i].events > 0) {
            w->of[c] = (int)w->n;
            w->node[w->n++] = c;
        }
    }
    free(order);
    int rc = ent_signed_graph_create(&w->g, w->n);
    for (size_t k = 0; k < x->nties && rc == ENT_OK; k++) {
        int a = w->of[x->ties[k].a], b = w->of[x->ties[k].b];
        if (a >= 0 && b >= 0)
            rc = ent_signed_graph_add(w->g, (uint32_t)a, (uint32_t)b, x->ties[k].gsum);
    }
    w->bloc = malloc((w->n ? w->n : 1) * sizeof *w->bloc);
    if (rc == ENT_OK && !w->bloc)
        rc = ENT_ENOMEM;
    if (rc == ENT_OK)
        rc = ent_signed_graph_blocs(w->bloc, &w->nblocs, &w->q, w->g);
    return rc;
}

/* "USA, GBR, FRA" — the members of bloc b, most active first (nodes are in that order after
   A, B and C). */
static void bloc_members(char *buf, size_t size, const rep_ctx *x, const net *w, uint32_t b)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < w->n && len < size; i++)
        if (w->bloc[i] == b)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
                                    x->country[w->node[i]]);
}

static const char *alignment_word(double v)
{
    if (v >= 0.5)
        return "they largely cooperate with and oppose the same states";
    if (v >= 0.1)
        return "they are partly aligned";
    if (v > -0.1)
        return "their partners and adversaries barely overlap";
    return "each tends to befriend the other's adversaries";
}

static void bloc_findings(rep_ctx *x, json_t *sec, json_t *data, const net *w)
{
    int na = 0, nb = 1; /* A and B are the first two nodes */
    char ma[400], mb[400];
    bloc_members(ma, sizeof ma, x, w, w->bloc[na]);
    bloc_members(mb, sizeof mb, x, w, w->bloc[nb]);
    const rep_ev *top = NULL;
    ent_report__top(&top, 1, &x->dyad, NULL, NULL, ent_report__by_coverage);
    int same = w->bloc[na] == w->bloc[nb];
    if (same)
        ent_report__finding(x, sec, &top, 1,
                            "Among the %zu most active actors (countries and organisations, by the "
                            "first three letters of their codes; %zu ties weighted by summed "
                            "Goldstein scores), signed modularity finds %zu blocs (Q = %.2f). %s "
                            "and %s are in the same bloc: %s.",
                            w->n, ent_signed_graph_ties(w->g), w->nblocs, w->q, x->a3, x->b3, ma);
    else
        ent_report__finding(x, sec, &top, 1,
                            "Among the %zu most active actors (countries and organisations, by the "
                            "first three letters of their codes; %zu ties weighted by summed "
                            "Goldstein scores), signed modularity finds %zu blocs (Q = %.2f). %s "
                            "and %s are in different blocs: %s's is %s; %s's is %s.",
                            w->n, ent_signed_graph_ties(w->g), w->nblocs, w->q, x->a3, x->b3, x->a3,
                            ma, x->b3, mb);
    ent_report__put(x, data, "modularity", ent_report__real(w->q));
    ent_report__put(x, data, "same_bloc", json_boolean(same));
    json_t *t = ent_report__table(x, sec, "Blocs of the signed network (signed modularity)",
                                  x->from, x->to, "Bloc\tMembers, most active first");
    json_t *blocs = json_array();
    ent_report__put(x, data, "blocs", blocs);
    for (uint32_t b = 0; b < w->nblocs; b++) {
        char m[1024];
        bloc_members(m, sizeof m, x, w, b);
        ent_report__row(x, t, "%u\t%s", b + 1, m);
        json_t *members = json_array();
        for (size_t i = 0; i < w->n; i++)
            if (w->bloc[i] == b)
                ent_report__push(x, members, json_string(x->country[w->node[i]]));
        ent_report__push(x, blocs, members);
    }
    json_t *nodes = json_array();
    ent_report__put(x, data, "nodes", nodes);
    for (size_t i = 0; i < w->n; i++)
        ent_report__push(x, nodes,
                         json_pack("{s:s, s:I, s:I}", "country", x->country[w->node[i]], "bloc",
                                   (json_int_t)w->bloc[i] + 1, "events",
                                   (json_int_t)w->activity[w->node[i]]));
}

static void alignment_findings(rep_ctx *x, json_t *sec, json_t *data, const net *w)
{
    double ab = 0;
    ent_signed_graph_alignment(&ab, w->g, 0, 1);
    json_t *al = json_object();
    ent_report__put(x, data, "alignment", al);
    ent_report__put(x, al, "ab", ent_report__real(ab));
    char cols[64];
    snprintf(cols, sizeof cols, "Country\tWith %s\tWith %s", x->a3, x->b3);
    json_t *t = ent_report__table(x, sec, "Alignment with the major powers (cosine of signed ties)",
                                  x->from, x->to, cols);
    char list[2][512] = {"", ""};
    json_t *with = json_object();
    ent_report__put(x, al, "majors", with);
    for (size_t k = 0; k < sizeof majors / sizeof majors[0]; k++) {
        int c = ent_report__country_find(x, majors[k]);
        if (c < 0 || w->of[c] < 0 || strcmp(majors[k], x->a3) == 0 || strcmp(majors[k], x->b3) == 0)
            continue;
        double v[2] = {0, 0};
        for (int side = 0; side < 2; side++) {
            ent_signed_graph_alignment(&v[side], w->g, (uint32_t)side, (uint32_t)w->of[c]);
            size_t len = strlen(list[side]);
            snprintf(list[side] + len, sizeof list[side] - len, "%s%s %+.2f", len ? ", " : "",
                     majors[k], v[side]);
        }
        ent_report__row(x, t, "%s (%s)\t%+.2f\t%+.2f", majors[k], ent_report__name(x, majors[k]),
                        v[0], v[1]);
        ent_report__put(
            x, with, majors[k],
            json_pack("{s:o, s:o}", "a", ent_report__real(v[0]), "b", ent_report__real(v[1])));
    }
    ent_report__finding(x, sec, NULL, 0,
                        "The alignment of %s and %s (the cosine of their signed ties to the other "
                        "%zu members of the network) is %+.2f: %s.%s%s%s%s%s%s%s%s%s",
                        x->a3, x->b3, w->n > 2 ? w->n - 2 : 0, ab, alignment_word(ab),
                        *list[0] ? " " : "", *list[0] ? x->a3 : "",
                        *list[0] ? " with the major powers: " : "", list[0], *list[1] ? "; " : "",
                        *list[1] ? x->b3 : "", *list[1] ? ": " : "", list[1],
                        *list[0] || *list[1] ? "." : "");
    ent_balance bal;
    if (ent_signed_graph_balance(&bal, w->g) == ENT_OK && bal.triangles) {
        ent_report__put(x, data, "balance",
                        json_pack("{s:I, s:I, s:I}", "triangles", (json_int_t)bal.triangles,
                                  "balanced", (json_int_t)bal.balanced, "unbalanced",
                                  (json_int_t)bal.unbalanced));
        ent_report__finding(x, sec, NULL, 0,
                            "%.0f%% of the network's %llu triangles are balanced in Heider's "
                            "sense (the friend of a friend a friend, the enemy of an enemy a "
                            "friend).",
                            100 * ratio((double)bal.balanced, (double)bal.triangles),
                            (unsigned long long)bal.triangles);
    }
}

static void network_chart(rep_ctx *x, json_t *sec, const net *w)
{
    char title[96];
    snprintf(title, sizeof title,
             "Signed network of the %zu most active countries and organisations", w->n);
    json_t *c = ent_report__chart(x, sec, "network", title);
    ent_report__put(x, c, "window", ent_report__window(x->from, x->to));
    json_t *nodes = json_array(), *edges = json_array();
    for (size_t i = 0; i < w->n; i++)
        ent_report__push(x, nodes,
                         json_pack("{s:s, s:I}", "code", x->country[w->node[i]], "bloc",
                                   (json_int_t)w->bloc[i] + 1));
    for (size_t i = 0; i < w->n; i++)
        for (size_t j = i + 1; j < w->n; j++) {
            double v = ent_signed_graph_weight(w->g, (uint32_t)i, (uint32_t)j);
            if (v != 0)
                ent_report__push(x, edges,
                                 json_pack("{s:I, s:I, s:o}", "a", (json_int_t)i, "b",
                                           (json_int_t)j, "w", ent_report__real(v)));
        }
    ent_report__put(x, c, "nodes", nodes);
    ent_report__put(x, c, "edges", edges);
}

static void sanction_findings(rep_ctx *x, json_t *sec, json_t *data)
{
    json_t *t = ent_report__table(x, sec, "Sanctions (CAMEO 163) against each side, by source",
                                  x->from, x->to, "Against\tBy\tEvents");
    json_t *sj = json_object();
    ent_report__put(x, data, "sanctions", sj);
    for (int side = 0; side < 2; side++) {
        const char *me = side ? x->b3 : x->a3;
        json_t *by = json_object();
        ent_report__put(x, sj, me, by);
        int64_t total = 0;
        char top[256] = "";
        size_t len = 0;
        for (int round = 0; round < 5; round++) { /* the five biggest, biggest first */
            int64_t best = 0;
            size_t at = 0;
            for (size_t c = 0; c < x->sanctions.cap; c++) {
                int64_t v = x->sanctions.sanctions[side][c];
                if (v > best && !json_object_get(by, x->country[c])) {
                    best = v;
                    at = c;
                }
            }
            if (!best)
                break;
            ent_report__put(x, by, x->country[at], json_integer(best));
            ent_report__row(x, t, "%s\t%s (%s)\t%lld", me, x->country[at],
                            ent_report__name(x, x->country[at]), (long long)best);
            if (len < sizeof top)
                len += (size_t)snprintf(top + len, sizeof top - len, "%s%s %lld", len ? ", " : "",
                                        x->country[at], (long long)best);
        }
        for (size_t c = 0; c < x->sanctions.cap; c++)
            total += x->sanctions.sanctions[side][c];
        ent_store_filter f = ENT_STORE_FILTER_INIT;
        f.from = x->from;
        f.to = x->to;
        f.target = me;
        f.event_code = "163";
        rep_evs found = {NULL, 0, 0};
        const rep_ev *cite[2] = {NULL, NULL};
        int rc = total ? ent_report__query(&found, x, &f) : ENT_OK;
        if (rc == ENT_OK)
            ent_report__top(cite, 2, &found, NULL, NULL, ent_report__by_coverage);
        if (total)
            ent_report__finding(x, sec, cite, 2,
                                "%s was the target of %lld sanctions events (CAMEO 163) from "
                                "other countries in the window; the main sources: %s.",
                                me, (long long)total, top);
        else
            ent_report__finding(x, sec, NULL, 0,
                                "No sanctions event (CAMEO 163) from another country against %s "
                                "in the window.",
                                me);
        ent_report__evs_free(&found);
    }
}

int ent_report__global(rep_ctx *x)
{
    json_t *sec = ent_report__section(x, 7, "global", "Global implications",
                                      "Where do the two sides stand among the other states: "
                                      "blocs, alignment, sanctions?");
    json_t *data = ent_report__data(x, sec);
    net w;
    memset(&w, 0, sizeof w);
    int rc = net_build(&w, x);
    if (rc == ENT_OK && w.n >= 2) {
        bloc_findings(x, sec, data, &w);
        alignment_findings(x, sec, data, &w);
        network_chart(x, sec, &w);
    }
    net_free(&w);
    if (rc == ENT_OK)
        sanction_findings(x, sec, data);
    return rc;
}
