/*
 * report — what the files of the report module (include/entente/report.h) share.
 *
 *   build.c        options, the window, the data every section reads (series, dyad events,
 *                  change points, country ties, partners and shocks by day), the model's
 *                  helpers (sections, findings, tables, citations), ent_report_build
 *   history.c      sections 1 (history arc) and 2 (catalysts), and the change points
 *   treaty.c       sections 3 (agreements), 4 (pillars) and 5 (red lines)
 *   world.c        sections 6 (third party) and 7 (global)
 *   reliability.c  the reliability figure
 *   write.c        ent_report_write, the JSON and Markdown writers
 *   html.c         the HTML writer and its hand-written SVG charts
 *
 * The model is a jansson tree (docs/report.md describes it): sections of findings (a sentence
 * and the numbers of the events it cites), tables (cells as display strings, each table
 * naming its window), charts (the numbers a chart is drawn from) and data (the figures as
 * numbers, for programs and tests), and one list of evidence items, numbered in the order
 * they are first cited. The writers only read the model.
 */
#ifndef ENTENTE_REPORT_INTERNAL_H
#define ENTENTE_REPORT_INTERNAL_H

#include "entente/changepoint.h"
#include "entente/report.h"
#include "entente/series.h"
#include "util/arena.h"
#include "util/u64map.h"

#include <jansson.h>

struct ent_report {
    json_t *model; /* owned */
};

/* An event kept for figures and evidence. Strings live in the build's arena; the optional
   ones may be NULL. */
typedef struct rep_ev {
    int64_t id, document_id;
    ent_date date;
    const char *src, *tgt, *src_name, *tgt_name, *code, *issues;
    const char *sentence, *url, *doc_key, *origin, *origin_id;
    double goldstein;
    int quad, sources;
} rep_ev;

typedef struct rep_evs {
    rep_ev *v;
    size_t n, cap;
} rep_evs;

/* Third countries' events with A (side 0) and B (side 1), by country index. */
typedef struct rep_tally {
    int64_t *events[2];
    double *gsum[2];
    int64_t *sanctions[2]; /* CAMEO 163 by the country against the side */
    size_t cap;
} rep_tally;

/* A change point of the dyad's monthly series. */
typedef struct rep_cp {
    int measure;  /* 0: events a month (Poisson), 1: Goldstein mean a month (normal) */
    size_t month; /* index of its month in the month series */
    double before, after;
    ent_date from, to;  /* the evidence window: the month before and the month itself */
    rep_tally partners; /* third parties active with A or B in that window */
} rep_cp;

/* An undirected tie between two countries over the window. */
typedef struct rep_tie {
    uint32_t a, b; /* country indexes, a < b */
    int64_t events;
    double gsum;
} rep_tie;

/* The state of one build. */
typedef struct rep_ctx {
    ent_store *s;
    const ent_dict *dict;
    const ent_registry *reg;
    char a[16], b[16], c[16]; /* c is "" without a third party */
    char a3[4], b3[4], c3[4]; /* their countries: the first three letters */
    int third_given, window_given;
    ent_date from, to;
    size_t top_n;
    double penalty;
    int follow;

    ent_arena arena; /* strings of kept events */
    rep_evs dyad;    /* A–B events of the window, both ways, in date order */
    ent_dyad_series month, year;
    ent_dyad_series ac, bc; /* A–C and B–C by year (empty without C) */
    rep_evs ac_evs, bc_evs; /* their events */
    rep_cp *cps;
    size_t ncps;
    double cp_penalty[2]; /* the penalties the two searches used */

    /* Countries: three-letter codes numbered as they are met. */
    ent_u64map country_index;
    char (*country)[4];
    size_t ncountries, country_cap;
    rep_tie *ties;
    size_t nties, tie_cap;
    ent_u64map tie_index;
    rep_tally sanctions; /* CAMEO 163 against A and B over the window, by source */
    int64_t *shocks[2];  /* per day of the window: third countries' material conflict
                            events against A (0) and B (1) */
    size_t ndays;

    json_t *root, *sections, *evidence;
    json_t *cited; /* "event id" -> citation number */
    int failed;    /* set when the model could not grow: the build returns ENT_ENOMEM */
} rep_ctx;

/* ---- build.c: data ---- */

/* Appends the events that pass f to out, strings copied into x's arena. ENT_OK/ENT_EDB/
 * ENT_ENOMEM. */
int ent_report__query(rep_evs *out, rep_ctx *x, const ent_store_filter *f);
void ent_report__evs_free(rep_evs *e);

/* The index of country code3 (three letters), adding it; UINT32_MAX when out of memory. */
uint32_t ent_report__country(rep_ctx *x, const char *code3);
/* The index of code3, or -1. */
int ent_report__country_find(const rep_ctx *x, const char *code3);
/* The tie between two country indexes, or NULL. */
const rep_tie *ent_report__tie(const rep_ctx *x, uint32_t a, uint32_t b);

/* Adds to a tally; returns 0 or -1 (out of memory). */
int ent_report__tally_add(rep_tally *t, size_t country, int side, int64_t events, double gsum,
                          int64_t sanctions);
void ent_report__tally_free(rep_tally *t);

/* Display name of a code (the dictionary's, else the code), and a CAMEO label (or ""). */
const char *ent_report__name(const rep_ctx *x, const char *code);
const char *ent_report__label(const rep_ctx *x, const char *code);

/* Ranks events: < 0 when p comes before q. */
typedef int (*rep_rank_fn)(const rep_ev *p, const rep_ev *q);
int ent_report__by_coverage(const rep_ev *p, const rep_ev *q);    /* sources, then |goldstein| */
int ent_report__by_conflict(const rep_ev *p, const rep_ev *q);    /* most negative first */
int ent_report__by_cooperation(const rep_ev *p, const rep_ev *q); /* most positive first */
int ent_report__by_date(const rep_ev *p, const rep_ev *q);

/* Writes to out the best (by rank) at most max events of evs that keep() accepts (keep NULL:
 * all; ctx is passed to it), best first. Returns how many. */
size_t ent_report__top(const rep_ev **out, size_t max, const rep_evs *evs,
                       int (*keep)(const rep_ev *e, const void *ctx), const void *ctx,
                       rep_rank_fn rank);

/* ---- build.c: the model ---- */

void ent_report__put(rep_ctx *x, json_t *obj, const char *key, json_t *value);
void ent_report__push(rep_ctx *x, json_t *array, json_t *value);
/* A JSON string of s with invalid UTF-8 replaced by U+FFFD; json_null() for NULL; NULL when
 * out of memory. */
json_t *ent_report__text(const char *s);
/* A real rounded to 4 decimals (JSON without float noise); an integer stays an integer. */
json_t *ent_report__real(double v);
/* {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"} */
json_t *ent_report__window(ent_date from, ent_date to);

/* A new section, appended to the model, with the report's window. */
json_t *ent_report__section(rep_ctx *x, int number, const char *id, const char *title,
                            const char *question);
/* The number of the evidence item for e (adding it when it is new), or 0 (out of memory). */
int ent_report__cite(rep_ctx *x, const rep_ev *e);
/* Adds a finding: printf-formatted text citing the ncite events of cite (NULLs skipped). */
void ent_report__finding(rep_ctx *x, json_t *sec, const rep_ev *const *cite, size_t ncite,
                         const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* A new table in sec with its window and tab-separated column names. */
json_t *ent_report__table(rep_ctx *x, json_t *sec, const char *caption, ent_date from, ent_date to,
                          const char *columns);
/* Adds a row: printf-formatted cells separated by tabs. */
void ent_report__row(rep_ctx *x, json_t *table, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* sec["data"], created on first use. */
json_t *ent_report__data(rep_ctx *x, json_t *sec);
/* A new chart of that kind in sec. */
json_t *ent_report__chart(rep_ctx *x, json_t *sec, const char *kind, const char *title);

/* "rose", "fell" or "held" for a change from p to q (relative tolerance 5%). */
const char *ent_report__trend_word(double p, double q);

/* ---- the sections (each returns ENT_OK or an error) ---- */
int ent_report__changepoints(rep_ctx *x); /* history.c: fills x->cps before the sections */
int ent_report__history(rep_ctx *x);
int ent_report__catalysts(rep_ctx *x);
int ent_report__agreements(rep_ctx *x);
int ent_report__pillars(rep_ctx *x);
int ent_report__red_lines(rep_ctx *x);
int ent_report__choose_third(rep_ctx *x); /* world.c: picks C when none was given */
int ent_report__third_party(rep_ctx *x);
int ent_report__global(rep_ctx *x);
int ent_report__reliability(rep_ctx *x);

/* ---- writers ---- */
int ent_report__markdown(const json_t *model, FILE *fp);
int ent_report__html(const json_t *model, FILE *fp);

/* Model accessors for the writers: "" / 0 when missing. */
const char *ent_report__str(const json_t *obj, const char *key);
double ent_report__num(const json_t *obj, const char *key);

#endif
