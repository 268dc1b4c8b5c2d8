/*
 * report — stage 7, ent_report_build: checks the options, fixes the window, reads from the
 * store what several sections share (the dyad's series and events, the change points, the
 * countries' ties over the window, the partners and shocks of A and B day by day, sanctions),
 * then has each section add itself to the model. Also the model's helpers every section uses.
 */
#include "report_internal.h"

#include "util/buf.h"
#include "util/vec.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- events ---- */

typedef struct query_ctx {
    rep_ctx *x;
    rep_evs *out;
    int failed;
} query_ctx;

static const char *keep_str(ent_arena *a, const char *s, int *failed)
{
    if (!s)
        return NULL;
    char *p = ent_arena_strndup(a, s, strlen(s));
    if (!p)
        *failed = 1;
    return p;
}

static int keep_row(void *ctx, const ent_store_row *row)
{
    query_ctx *q = ctx;
    rep_evs *out = q->out;
    if (ent_vec_reserve((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v) < 0)
        return ENT_ENOMEM;
    ent_arena *a = &q->x->arena;
    rep_ev *e = &out->v[out->n++];
    memset(e, 0, sizeof *e);
    e->id = row->id;
    e->document_id = row->document_id;
    e->date = row->date;
    e->goldstein = row->goldstein;
    e->quad = row->quad_class;
    e->sources = row->num_sources;
    e->src = keep_str(a, row->source_code ? row->source_code : "", &q->failed);
    e->tgt = keep_str(a, row->target_code ? row->target_code : "", &q->failed);
    e->src_name = keep_str(a, row->source_name, &q->failed);
    e->tgt_name = keep_str(a, row->target_name, &q->failed);
    e->code = keep_str(a, row->event_code ? row->event_code : "", &q->failed);
    e->issues = keep_str(a, row->issues, &q->failed);
    e->sentence = keep_str(a, row->sentence, &q->failed);
    e->url = keep_str(a, row->url, &q->failed);
    e->doc_key = keep_str(a, row->doc_key, &q->failed);
    e->origin = keep_str(a, row->origin, &q->failed);
    e->origin_id = keep_str(a, row->origin_id, &q->failed);
    return q->failed ? ENT_ENOMEM : 0;
}

int ent_report__query(rep_evs *out, rep_ctx *x, const ent_store_filter *f)
{
    query_ctx q = {x, out, 0};
    return ent_store_query(x->s, f, keep_row, &q);
}

void ent_report__evs_free(rep_evs *e)
{
    free(e->v);
    memset(e, 0, sizeof *e);
}

/* ---------------------------------------------------------------- ranking ---- */

static int cmp_num(double p, double q)
{
    return p > q ? -1 : p < q ? 1 : 0;
}

int ent_report__by_date(const rep_ev *p, const rep_ev *q)
{
    if (p->date != q->date)
        return p->date < q->date ? -1 : 1;
    return p->id < q->id ? -1 : p->id > q->id;
}

int ent_report__by_coverage(const rep_ev *p, const rep_ev *q)
{
    int c = cmp_num(p->sources, q->sources);
    if (!c)
        c = cmp_num(fabs(p->goldstein), fabs(q->goldstein));
    return c ? c : ent_report__by_date(p, q);
}

int ent_report__by_conflict(const rep_ev *p, const rep_ev *q)
{
    int c = cmp_num(-p->goldstein, -q->goldstein);
    if (!c)
        c = cmp_num(p->sources, q->sources);
    return c ? c : ent_report__by_date(p, q);
}

int ent_report__by_cooperation(const rep_ev *p, const rep_ev *q)
{
    int c = cmp_num(p->goldstein, q->goldstein);
    if (!c)
        c = cmp_num(p->sources, q->sources);
    return c ? c : ent_report__by_date(p, q);
}

/* Two events resting on the same evidence: the same sentence of the same document (a
   sentence often gives an event each way). */
static int same_evidence(const rep_ev *p, const rep_ev *q)
{
    return p->document_id && p->document_id == q->document_id && p->sentence && q->sentence &&
           strcmp(p->sentence, q->sentence) == 0;
}

size_t ent_report__top(const rep_ev **out, size_t max, const rep_evs *evs,
                       int (*keep)(const rep_ev *e, const void *ctx), const void *ctx,
                       rep_rank_fn rank)
{
    /* Insertion into a short sorted list: max is a handful, evs may be long. An event whose
       sentence is already cited takes the place of its twin only when it ranks higher. */
    size_t n = 0;
    for (size_t i = 0; i < evs->n && max > 0; i++) {
        const rep_ev *e = &evs->v[i];
        if (keep && !keep(e, ctx))
            continue;
        size_t twin = n;
        for (size_t k = 0; k < n && twin == n; k++)
            if (same_evidence(e, out[k]))
                twin = k;
        if (twin < n) {
            if (rank(e, out[twin]) >= 0)
                continue;
            for (size_t k = twin; k + 1 < n; k++) /* take the twin out */
                out[k] = out[k + 1];
            n--;
        }
        size_t at = n;
        while (at > 0 && rank(e, out[at - 1]) < 0)
            at--;
        if (at >= max)
            continue;
        size_t last = n < max ? n : max - 1;
        for (size_t k = last; k > at; k--)
            out[k] = out[k - 1];
        out[at] = e;
        if (n < max)
            n++;
    }
    return n;
}

/* ---------------------------------------------------------------- countries ---- */

static uint64_t country_key(const char *code3)
{
    uint64_t k = 0;
    for (int i = 0; i < 3 && code3[i]; i++)
        k = k << 8 | (unsigned char)code3[i];
    return k + 1;
}

int ent_report__country_find(const rep_ctx *x, const char *code3)
{
    uint32_t *v = ent_u64map_get(&x->country_index, country_key(code3));
    return v ? (int)*v : -1;
}

uint32_t ent_report__country(rep_ctx *x, const char *code3)
{
    int at = ent_report__country_find(x, code3);
    if (at >= 0)
        return (uint32_t)at;
    if (ent_vec_reserve((void **)&x->country, &x->country_cap, x->ncountries + 1,
                        sizeof *x->country) < 0)
        return UINT32_MAX;
    uint32_t id = (uint32_t)x->ncountries;
    if (ent_u64map_put(&x->country_index, country_key(code3), id) < 0)
        return UINT32_MAX;
    snprintf(x->country[id], sizeof x->country[id], "%.3s", code3);
    x->ncountries++;
    return id;
}

static uint64_t tie_key(uint32_t a, uint32_t b)
{
    return ((uint64_t)a << 32 | b) + 1;
}

const rep_tie *ent_report__tie(const rep_ctx *x, uint32_t a, uint32_t b)
{
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    uint32_t *v = ent_u64map_get(&x->tie_index, tie_key(a, b));
    return v ? &x->ties[*v] : NULL;
}

static int add_tie(rep_ctx *x, uint32_t a, uint32_t b, int64_t events, double gsum)
{
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    uint32_t *v = ent_u64map_get(&x->tie_index, tie_key(a, b));
    if (!v) {
        if (ent_vec_reserve((void **)&x->ties, &x->tie_cap, x->nties + 1, sizeof *x->ties) < 0 ||
            ent_u64map_put(&x->tie_index, tie_key(a, b), (uint32_t)x->nties) < 0)
            return ENT_ENOMEM;
        rep_tie t = {a, b, 0, 0.0};
        x->ties[x->nties] = t;
        v = ent_u64map_get(&x->tie_index, tie_key(a, b));
        x->nties++;
    }
    x->ties[*v].events += events;
    x->ties[*v].gsum += gsum;
    return ENT_OK;
}

/* A country code as the network counts it: three letters, digits or capitals. */
static int is_country(const char *code3)
{
    if (strlen(code3) != 3)
        return 0;
    for (int i = 0; i < 3; i++)
        if (!((code3[i] >= 'A' && code3[i] <= 'Z') || (code3[i] >= '0' && code3[i] <= '9')))
            return 0;
    return 1;
}

static int tie_row(void *ctx, const ent_store_pair_total *t)
{
    rep_ctx *x = ctx;
    if (!is_country(t->source) || !is_country(t->target) || strcmp(t->source, t->target) == 0)
        return 0;
    uint32_t a = ent_report__country(x, t->source);
    uint32_t b = ent_report__country(x, t->target);
    if (a == UINT32_MAX || b == UINT32_MAX)
        return ENT_ENOMEM;
    return add_tie(x, a, b, t->events, t->goldstein_sum);
}

/* Every pair of countries over the window, one grouped scan. */
static int load_ties(rep_ctx *x)
{
    ent_store_filter f = ENT_STORE_FILTER_INIT;
    f.from = x->from;
    f.to = x->to;
    /* A, B and C are nodes even when they have no tie. */
    if (ent_report__country(x, x->a3) == UINT32_MAX || ent_report__country(x, x->b3) == UINT32_MAX)
        return ENT_ENOMEM;
    return ent_store_pair_totals(x->s, &f, 0, tie_row, x);
}

/* ---------------------------------------------------------------- tallies ---- */

int ent_report__tally_add(rep_tally *t, size_t country, int side, int64_t events, double gsum,
                          int64_t sanctions)
{
    if (country >= t->cap) {
        size_t cap = t->cap ? t->cap : 64;
        while (cap <= country)
            cap *= 2;
        for (int s = 0; s < 2; s++) {
            int64_t *e = realloc(t->events[s], cap * sizeof *e);
            if (e)
                t->events[s] = e;
            double *g = realloc(t->gsum[s], cap * sizeof *g);
            if (g)
                t->gsum[s] = g;
            int64_t *n = realloc(t->sanctions[s], cap * sizeof *n);
            if (n)
                t->sanctions[s] = n;
            if (!e || !g || !n)
                return -1; /* the arrays that grew stay valid; cap is unchanged */
            memset(e + t->cap, 0, (cap - t->cap) * sizeof *e);
            memset(g + t->cap, 0, (cap - t->cap) * sizeof *g);
            memset(n + t->cap, 0, (cap - t->cap) * sizeof *n);
        }
        t->cap = cap;
    }
    t->events[side][country] += events;
    t->gsum[side][country] += gsum;
    t->sanctions[side][country] += sanctions;
    return 0;
}

void ent_report__tally_free(rep_tally *t)
{
    for (int s = 0; s < 2; s++) {
        free(t->events[s]);
        free(t->gsum[s]);
        free(t->sanctions[s]);
    }
    memset(t, 0, sizeof *t);
}

/* ---------------------------------------------------------------- by day ---- */

typedef struct day_ctx {
    rep_ctx *x;
    int side;                 /* 0: the rows involve A; 1: B; 2: sanctions rows */
    const char *me, *partner; /* the side's country and the other's (sides 0 and 1) */
} day_ctx;

/* The change points whose evidence window holds date get the row's third country. */
static int tally_windows(rep_ctx *x, ent_date date, uint32_t third, int side, int64_t events,
                         double gsum, int64_t sanctions)
{
    for (size_t k = 0; k < x->ncps; k++) {
        rep_cp *cp = &x->cps[k];
        if (date >= cp->from && date <= cp->to &&
            ent_report__tally_add(&cp->partners, third, side, events, gsum, sanctions) < 0)
            return ENT_ENOMEM;
    }
    return ENT_OK;
}

static int partner_row(void *ctx, const ent_store_pair_total *t)
{
    day_ctx *d = ctx;
    rep_ctx *x = d->x;
    /* Rows of one side's events: the other end is the partner. Events inside the side's own
       country, with the other side, or with no country are not a third party's. */
    int mine_src = strcmp(t->source, d->me) == 0;
    const char *other = mine_src ? t->target : t->source;
    if (!is_country(other) || strcmp(other, d->me) == 0 || strcmp(other, d->partner) == 0)
        return 0;
    uint32_t third = ent_report__country(x, other);
    if (third == UINT32_MAX)
        return ENT_ENOMEM;
    /* A shock: a third country's material conflict against the side. */
    if (!mine_src && strcmp(t->target, d->me) == 0 && t->quad_class == 4 && t->date >= x->from &&
        t->date <= x->to)
        x->shocks[d->side][t->date - x->from] += t->events;
    return tally_windows(x, t->date, third, d->side, t->events, t->goldstein_sum, 0);
}

static int sanction_row(void *ctx, const ent_store_pair_total *t)
{
    day_ctx *d = ctx;
    rep_ctx *x = d->x;
    if (!is_country(t->source))
        return 0;
    for (int side = 0; side < 2; side++) {
        const char *target = side ? x->b3 : x->a3;
        const char *other = side ? x->a3 : x->b3;
        if (strcmp(t->target, target) != 0 || strcmp(t->source, target) == 0)
            continue;
        uint32_t by = ent_report__country(x, t->source);
        if (by == UINT32_MAX ||
            ent_report__tally_add(&x->sanctions, by, side, 0, 0.0, t->events) < 0)
            return ENT_ENOMEM;
        if (strcmp(t->source, other) != 0 &&
            tally_windows(x, t->date, by, side, 0, 0.0, t->events) != ENT_OK)
            return ENT_ENOMEM;
    }
    return 0;
}

/*
 * Three grouped scans by day: the events of A with anyone, of B with anyone, and every
 * sanction (163). From them: each change point's third parties, the shocks each side took,
 * and who sanctioned A and B.
 */
static int load_days(rep_ctx *x)
{
    x->ndays = (size_t)(x->to - x->from) + 1;
    for (int side = 0; side < 2; side++) {
        x->shocks[side] = calloc(x->ndays, sizeof *x->shocks[side]);
        if (!x->shocks[side])
            return ENT_ENOMEM;
    }
    for (int side = 0; side < 2; side++) {
        ent_store_filter f = ENT_STORE_FILTER_INIT;
        f.from = x->from;
        f.to = x->to;
        f.source = side ? x->b3 : x->a3;
        f.either_direction = 1;
        day_ctx d = {x, side, side ? x->b3 : x->a3, side ? x->a3 : x->b3};
        int rc = ent_store_pair_totals(x->s, &f, 1, partner_row, &d);
        if (rc != ENT_OK)
            return rc;
    }
    ent_store_filter f = ENT_STORE_FILTER_INIT;
    f.from = x->from;
    f.to = x->to;
    f.event_code = "163";
    day_ctx d = {x, 2, NULL, NULL};
    return ent_store_pair_totals(x->s, &f, 1, sanction_row, &d);
}

/* ---------------------------------------------------------------- names ---- */

const char *ent_report__name(const rep_ctx *x, const char *code)
{
    const char *n = x->dict && code && *code ? ent_dict_actor_name(x->dict, code) : NULL;
    return n ? n : code ? code : "";
}

const char *ent_report__label(const rep_ctx *x, const char *code)
{
    const char *label = NULL;
    if (x->dict && code && *code && ent_dict_cameo(NULL, &label, x->dict, code) == ENT_OK && label)
        return label;
    return "";
}

const char *ent_report__trend_word(double p, double q)
{
    double tol = 0.05 * fmax(fabs(p), fabs(q));
    if (q > p + tol)
        return "rose";
    if (q < p - tol)
        return "fell";
    return "held";
}

/* ---------------------------------------------------------------- model ---- */

void ent_report__put(rep_ctx *x, json_t *obj, const char *key, json_t *value)
{
    if (!obj || !value || json_object_set_new(obj, key, value) < 0)
        x->failed = 1;
}

void ent_report__push(rep_ctx *x, json_t *array, json_t *value)
{
    if (!array || !value || json_array_append_new(array, value) < 0)
        x->failed = 1;
}

json_t *ent_report__real(double v)
{
    if (!isfinite(v))
        return json_null();
    double r = round(v * 10000.0) / 10000.0;
    if (r == floor(r) && fabs(r) < 1e15)
        return json_integer((json_int_t)r);
    return json_real(r);
}

json_t *ent_report__window(ent_date from, ent_date to)
{
    char f[11], t[11];
    ent_date_format(f, from);
    ent_date_format(t, to);
    return json_pack("{s:s, s:s}", "from", f, "to", t);
}

json_t *ent_report__section(rep_ctx *x, int number, const char *id, const char *title,
                            const char *question)
{
    json_t *sec = json_object();
    ent_report__push(x, x->sections, sec);
    if (!sec)
        return NULL;
    ent_report__put(x, sec, "number", json_integer(number));
    ent_report__put(x, sec, "id", json_string(id));
    ent_report__put(x, sec, "title", json_string(title));
    ent_report__put(x, sec, "question", json_string(question));
    ent_report__put(x, sec, "window", ent_report__window(x->from, x->to));
    ent_report__put(x, sec, "findings", json_array());
    ent_report__put(x, sec, "tables", json_array());
    ent_report__put(x, sec, "charts", json_array());
    return sec;
}

json_t *ent_report__data(rep_ctx *x, json_t *sec)
{
    json_t *d = json_object_get(sec, "data");
    if (!d) {
        d = json_object();
        ent_report__put(x, sec, "data", d);
    }
    return d;
}

json_t *ent_report__chart(rep_ctx *x, json_t *sec, const char *kind, const char *title)
{
    json_t *c = json_pack("{s:s, s:s}", "kind", kind, "title", title);
    ent_report__push(x, json_object_get(sec, "charts"), c);
    return c;
}

/* The outlet of a url: its host without "www.". NULL when url is not http(s). */
static json_t *outlet_of(const char *url)
{
    if (!url)
        return json_null();
    const char *p = strstr(url, "://");
    if (!p || (strncmp(url, "http", 4) != 0))
        return json_null();
    p += 3;
    if (strncmp(p, "www.", 4) == 0)
        p += 4;
    size_t n = strcspn(p, "/?#:");
    char host[256];
    snprintf(host, sizeof host, "%.*s", (int)(n < 255 ? n : 255), p);
    return n ? ent_report__text(host) : json_null();
}

json_t *ent_report__text(const char *s)
{
    if (!s)
        return json_null();
    size_t n = strlen(s);
    if (ent_utf8_invalid(s, n, NULL) == 0)
        return json_stringn(s, n);
    /* jansson takes only valid UTF-8; an imported name or url may not be. */
    ent_buf b = ENT_BUF_INIT;
    ent_buf_append_utf8(&b, s, n, NULL);
    json_t *j = b.failed ? NULL : json_stringn(b.data ? b.data : "", b.len);
    ent_buf_free(&b);
    return j;
}

static json_t *str_or_null(const char *s)
{
    return s && *s ? ent_report__text(s) : json_null();
}

static json_t *evidence_item(const rep_ctx *x, const rep_ev *e, int n)
{
    char date[11];
    ent_date_format(date, e->date);
    json_t *o = json_object();
    if (!o)
        return NULL;
    int bad = 0;
    bad |= json_object_set_new(o, "n", json_integer(n));
    bad |= json_object_set_new(o, "event_id", json_integer(e->id));
    bad |= json_object_set_new(o, "date", json_string(date));
    bad |= json_object_set_new(o, "source", ent_report__text(e->src));
    bad |= json_object_set_new(o, "source_name", str_or_null(e->src_name));
    bad |= json_object_set_new(o, "target", ent_report__text(e->tgt));
    bad |= json_object_set_new(o, "target_name", str_or_null(e->tgt_name));
    bad |= json_object_set_new(o, "code", ent_report__text(e->code));
    bad |= json_object_set_new(o, "label", ent_report__text(ent_report__label(x, e->code)));
    bad |= json_object_set_new(o, "goldstein", ent_report__real(e->goldstein));
    bad |= json_object_set_new(o, "quad", json_integer(e->quad));
    bad |= json_object_set_new(o, "sentence", str_or_null(e->sentence));
    bad |= json_object_set_new(o, "url", str_or_null(e->url));
    bad |= json_object_set_new(o, "outlet", outlet_of(e->url));
    bad |= json_object_set_new(o, "doc_key", str_or_null(e->doc_key));
    bad |= json_object_set_new(o, "origin", str_or_null(e->origin));
    bad |= json_object_set_new(o, "origin_id", str_or_null(e->origin_id));
    bad |= json_object_set_new(o, "sources", json_integer(e->sources));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int ent_report__cite(rep_ctx *x, const rep_ev *e)
{
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)e->id);
    json_t *have = json_object_get(x->cited, key);
    if (have)
        return (int)json_integer_value(have);
    int n = (int)json_array_size(x->evidence) + 1;
    json_t *item = evidence_item(x, e, n);
    if (!item || json_array_append_new(x->evidence, item) < 0 ||
        json_object_set_new(x->cited, key, json_integer(n)) < 0) {
        x->failed = 1;
        return 0;
    }
    return n;
}

void ent_report__finding(rep_ctx *x, json_t *sec, const rep_ev *const *cite, size_t ncite,
                         const char *fmt, ...)
{
    ent_buf text = ENT_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    ent_buf_vappendf(&text, fmt, ap);
    va_end(ap);
    json_t *refs = json_array();
    for (size_t i = 0; i < ncite; i++) {
        if (!cite[i])
            continue;
        int n = ent_report__cite(x, cite[i]);
        int dup = 0;
        for (size_t k = 0; k < json_array_size(refs); k++)
            dup |= json_integer_value(json_array_get(refs, k)) == n;
        if (n && !dup)
            ent_report__push(x, refs, json_integer(n));
    }
    if (text.failed) {
        x->failed = 1;
        json_decref(refs);
    } else {
        ent_report__push(x, json_object_get(sec, "findings"),
                         json_pack("{s:s, s:o}", "text", text.data ? text.data : "", "cite",
                                   refs ? refs : json_array()));
    }
    ent_buf_free(&text);
}

/* Splits tab-separated text into an array of strings. */
static json_t *split_tabs(const char *s)
{
    json_t *a = json_array();
    while (a) {
        size_t n = strcspn(s, "\t");
        if (json_array_append_new(a, json_stringn(s, n)) < 0) {
            json_decref(a);
            return NULL;
        }
        if (!s[n])
            break;
        s += n + 1;
    }
    return a;
}

json_t *ent_report__table(rep_ctx *x, json_t *sec, const char *caption, ent_date from, ent_date to,
                          const char *columns)
{
    json_t *t = json_pack("{s:s, s:o, s:o, s:[]}", "caption", caption, "window",
                          ent_report__window(from, to), "columns", split_tabs(columns), "rows");
    ent_report__push(x, json_object_get(sec, "tables"), t);
    return t;
}

void ent_report__row(rep_ctx *x, json_t *table, const char *fmt, ...)
{
    ent_buf text = ENT_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    ent_buf_vappendf(&text, fmt, ap);
    va_end(ap);
    if (text.failed)
        x->failed = 1;
    else
        ent_report__push(x, json_object_get(table, "rows"), split_tabs(text.data ? text.data : ""));
    ent_buf_free(&text);
}

const char *ent_report__str(const json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s ? s : "";
}

double ent_report__num(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_number(v) ? json_number_value(v) : 0.0;
}

/* ---------------------------------------------------------------- options ---- */

/* A code of 3 to 15 characters A-Z, 0-9, copied into out. */
static int copy_code(char out[16], const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n < 3 || n > 15)
        return ENT_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (!((code[i] >= 'A' && code[i] <= 'Z') || (code[i] >= '0' && code[i] <= '9')))
            return ENT_EINVAL;
    memcpy(out, code, n + 1);
    return ENT_OK;
}

static int check_options(rep_ctx *x, const ent_report_options *opt)
{
    if (copy_code(x->a, opt->a) != ENT_OK || copy_code(x->b, opt->b) != ENT_OK)
        return ENT_EINVAL;
    snprintf(x->a3, sizeof x->a3, "%.3s", x->a);
    snprintf(x->b3, sizeof x->b3, "%.3s", x->b);
    if (strcmp(x->a3, x->b3) == 0)
        return ENT_EINVAL;
    if (opt->third && *opt->third) {
        if (copy_code(x->c, opt->third) != ENT_OK)
            return ENT_EINVAL;
        snprintf(x->c3, sizeof x->c3, "%.3s", x->c);
        if (strcmp(x->c3, x->a3) == 0 || strcmp(x->c3, x->b3) == 0)
            return ENT_EINVAL;
        x->third_given = 1;
    }
    if (opt->from != ENT_DATE_NONE && opt->to != ENT_DATE_NONE && opt->from > opt->to)
        return ENT_EINVAL;
    x->top_n = opt->top_n ? opt->top_n : 30;
    x->penalty = opt->penalty;
    x->follow = opt->follow_days > 0 ? opt->follow_days : 30;
    x->dict = opt->dict;
    return ENT_OK;
}

/* The dyad's series fix the window when none was given. */
static int load_series(rep_ctx *x, const ent_report_options *opt)
{
    ent_dyad_options so = ENT_DYAD_OPTIONS_INIT;
    so.by = ENT_PERIOD_MONTH;
    so.from = opt->from;
    so.to = opt->to;
    so.totals = 0;
    int rc = ent_dyad_series_build(&x->month, x->s, x->a, x->b, &so);
    if (rc != ENT_OK)
        return rc;
    int64_t events = 0;
    for (size_t k = 0; k < x->month.n; k++)
        events += x->month.ab[k].events + x->month.ba[k].events;
    if (events == 0)
        return ENT_ENOTFOUND;
    x->window_given = opt->from != ENT_DATE_NONE || opt->to != ENT_DATE_NONE;
    x->from = opt->from != ENT_DATE_NONE ? opt->from : x->month.ab[0].period;
    x->to = opt->to != ENT_DATE_NONE
                ? opt->to
                : ent_period_next(x->month.ab[x->month.n - 1].period, ENT_PERIOD_MONTH) - 1;
    so.by = ENT_PERIOD_YEAR;
    so.from = x->from;
    so.to = x->to;
    so.totals = 1; /* the dyad's share of each side's events */
    return ent_dyad_series_build(&x->year, x->s, x->a, x->b, &so);
}

static int load_dyad(rep_ctx *x)
{
    ent_store_filter f = ENT_STORE_FILTER_INIT;
    f.from = x->from;
    f.to = x->to;
    f.source = x->a;
    f.target = x->b;
    f.either_direction = 1;
    return ent_report__query(&x->dyad, x, &f);
}

/* A–C and B–C by year, and their events, once C is known. */
static int load_third(rep_ctx *x)
{
    if (!x->c[0])
        return ENT_OK;
    ent_dyad_options so = ENT_DYAD_OPTIONS_INIT;
    so.by = ENT_PERIOD_YEAR;
    so.from = x->from;
    so.to = x->to;
    so.totals = 0;
    int rc = ent_dyad_series_build(&x->ac, x->s, x->a, x->c, &so);
    if (rc == ENT_OK)
        rc = ent_dyad_series_build(&x->bc, x->s, x->b, x->c, &so);
    for (int side = 0; side < 2 && rc == ENT_OK; side++) {
        ent_store_filter f = ENT_STORE_FILTER_INIT;
        f.from = x->from;
        f.to = x->to;
        f.source = side ? x->b : x->a;
        f.target = x->c;
        f.either_direction = 1;
        rc = ent_report__query(side ? &x->bc_evs : &x->ac_evs, x, &f);
    }
    return rc;
}

static json_t *party(const rep_ctx *x, const char *code)
{
    return json_pack("{s:s, s:s}", "code", code, "name", ent_report__name(x, code));
}

/* The model's frame; the sections and the evidence fill its arrays. */
static int start_model(rep_ctx *x)
{
    x->root = json_object();
    x->sections = json_array();
    x->evidence = json_array();
    x->cited = json_object();
    if (!x->root || !x->sections || !x->evidence || !x->cited)
        return ENT_ENOMEM;
    ent_report__put(x, x->root, "report", json_string("entente report"));
    ent_report__put(x, x->root, "format_version", json_integer(1));
    ent_report__put(x, x->root, "a", party(x, x->a));
    ent_report__put(x, x->root, "b", party(x, x->b));
    json_t *third = x->c[0] ? party(x, x->c) : json_null();
    if (x->c[0])
        ent_report__put(x, third, "chosen",
                        json_string(x->third_given ? "given" : "most events with both A and B"));
    ent_report__put(x, x->root, "third", third);
    json_t *win = ent_report__window(x->from, x->to);
    ent_report__put(x, win, "how",
                    json_string(x->window_given ? "given" : "the dyad's first and last months"));
    ent_report__put(x, x->root, "window", win);
    ent_report__put(x, x->root, "store",
                    json_pack("{s:s, s:I}", "backend", ent_store_backend(x->s), "dyad_events",
                              (json_int_t)x->dyad.n));
    json_incref(x->sections);
    json_incref(x->evidence);
    ent_report__put(x, x->root, "sections", x->sections);
    ent_report__put(x, x->root, "evidence", x->evidence);
    return x->failed ? ENT_ENOMEM : ENT_OK;
}

static void free_ctx(rep_ctx *x, ent_registry *own_reg)
{
    ent_report__evs_free(&x->dyad);
    ent_report__evs_free(&x->ac_evs);
    ent_report__evs_free(&x->bc_evs);
    ent_dyad_series_free(&x->month);
    ent_dyad_series_free(&x->year);
    ent_dyad_series_free(&x->ac);
    ent_dyad_series_free(&x->bc);
    for (size_t k = 0; k < x->ncps; k++)
        ent_report__tally_free(&x->cps[k].partners);
    free(x->cps);
    ent_u64map_free(&x->country_index);
    free(x->country);
    ent_u64map_free(&x->tie_index);
    free(x->ties);
    ent_report__tally_free(&x->sanctions);
    free(x->shocks[0]);
    free(x->shocks[1]);
    json_decref(x->sections);
    json_decref(x->evidence);
    json_decref(x->cited);
    json_decref(x->root);
    ent_arena_free(&x->arena);
    ent_registry_destroy(own_reg);
}

static int build(rep_ctx *x, const ent_report_options *opt)
{
    int rc = load_series(x, opt);
    if (rc == ENT_OK)
        rc = load_dyad(x);
    if (rc == ENT_OK)
        rc = load_ties(x);
    if (rc == ENT_OK)
        rc = ent_report__choose_third(x);
    if (rc == ENT_OK)
        rc = load_third(x);
    if (rc == ENT_OK)
        rc = ent_report__changepoints(x);
    if (rc == ENT_OK)
        rc = load_days(x);
    if (rc == ENT_OK)
        rc = start_model(x);
    if (rc != ENT_OK)
        return rc;
    int (*const sections[])(rep_ctx *) = {
        ent_report__history, ent_report__catalysts,   ent_report__agreements,
        ent_report__pillars, ent_report__red_lines,   ent_report__third_party,
        ent_report__global,  ent_report__reliability,
    };
    for (size_t i = 0; i < sizeof sections / sizeof sections[0] && rc == ENT_OK; i++)
        rc = sections[i](x);
    if (rc == ENT_OK && x->failed)
        rc = ENT_ENOMEM;
    return rc;
}

int ent_report_build(ent_report **out, ent_store *s, const ent_report_options *opt)
{
    *out = NULL;
    if (!s || !opt)
        return ENT_EINVAL;
    rep_ctx x;
    memset(&x, 0, sizeof x);
    x.s = s;
    int rc = check_options(&x, opt);
    if (rc != ENT_OK)
        return rc;
    ent_registry *own_reg = NULL;
    x.reg = opt->registry;
    if (!x.reg) {
        rc = ent_registry_load(&own_reg, NULL, NULL, NULL);
        if (rc != ENT_OK)
            return rc;
        x.reg = own_reg;
    }
    rc = build(&x, opt);
    ent_report *r = rc == ENT_OK ? malloc(sizeof *r) : NULL;
    if (rc == ENT_OK && !r)
        rc = ENT_ENOMEM;
    if (r) {
        r->model = x.root; /* the report takes the model over */
        x.root = NULL;
        *out = r;
    }
    free_ctx(&x, own_reg);
    return rc;
}

void ent_report_destroy(ent_report *r)
{
    if (!r)
        return;
    json_decref(r->model);
    free(r);
}

void ent_report_summary_get(ent_report_summary *out, const ent_report *r)
{
    memset(out, 0, sizeof *out);
    const json_t *m = r->model;
    snprintf(out->a, sizeof out->a, "%s", ent_report__str(json_object_get(m, "a"), "code"));
    snprintf(out->b, sizeof out->b, "%s", ent_report__str(json_object_get(m, "b"), "code"));
    snprintf(out->third, sizeof out->third, "%s",
             ent_report__str(json_object_get(m, "third"), "code"));
    const json_t *w = json_object_get(m, "window");
    const char *from = ent_report__str(w, "from"), *to = ent_report__str(w, "to");
    if (ent_date_parse(&out->from, from, strlen(from)) != ENT_OK)
        out->from = ENT_DATE_NONE;
    if (ent_date_parse(&out->to, to, strlen(to)) != ENT_OK)
        out->to = ENT_DATE_NONE;
    out->dyad_events = (int64_t)ent_report__num(json_object_get(m, "store"), "dyad_events");
    out->evidence = json_array_size(json_object_get(m, "evidence"));
    const json_t *sections = json_object_get(m, "sections");
    for (size_t i = 0; i < json_array_size(sections); i++) {
        const json_t *d = json_object_get(json_array_get(sections, i), "data");
        out->change_points += json_array_size(json_object_get(d, "change_points"));
        out->treaties += json_array_size(json_object_get(d, "treaties"));
    }
}
