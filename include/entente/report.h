/*
 * entente report — stage 7: `entente report A B`, an analysis of the relationship between two
 * actors made from the events in the store, in the seven questions analysts ask of an alliance
 * (DESIGN.md, docs/report.md):
 *   1 history arc         the dyad's series by month and year, its trend in words
 *   2 catalysts           change points of the monthly series, the events and third parties
 *                         around each one
 *   3 agreements          agreement events (CAMEO 057, intentions 03, material cooperation
 *                         06) and the registry's treaties with what they oblige
 *   4 pillars             what the events are about (military, economic…), year by year,
 *                         and who gives to whom
 *   5 red lines           conflict, refusals and threats inside the dyad, obligations no
 *                         treaty makes, third countries the two sides treat oppositely
 *   6 third party         relations of A and B with a third state C, the triad's balance
 *   7 global              the signed network of the most active states, its blocs, the
 *                         alignment of A and B, sanctions against each
 * and a reliability figure: what B did toward A in the days after A was hit by third
 * countries' material conflict (sanctions included), against B's usual rate; and the mirror.
 *
 * Every figure names its query window, and every claim cites the events behind it (date,
 * actors, CAMEO code, the evidence sentence, its url or dataset id, the document key).
 *
 * The analysis is built once into a model (ent_report_build) and then written as Markdown,
 * self-contained HTML with inline SVG charts, or JSON (the model itself).
 */
#ifndef ENTENTE_REPORT_H
#define ENTENTE_REPORT_H

#include <stdio.h>

#include "common.h"
#include "dict.h"
#include "registry.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ent_report ent_report;

typedef enum ent_report_format {
    ENT_REPORT_MARKDOWN = 0,
    ENT_REPORT_HTML, /* one file: styles and SVG charts inline, nothing fetched */
    ENT_REPORT_JSON  /* the model: every figure, finding and evidence item */
} ent_report_format;

/* "md" or "markdown", "html", "json". Returns ENT_OK or ENT_EINVAL. */
ENT_API int ent_report_format_parse(ent_report_format *out, const char *name);

/* The format a file name asks for by its extension (.md, .markdown, .html, .htm, .json, in
 * any case). Returns ENT_OK, or ENT_EINVAL for another or no extension. */
ENT_API int ent_report_format_from_path(ent_report_format *out, const char *path);

/* "markdown", "html" or "json". */
ENT_API const char *ent_report_format_name(ent_report_format format);

typedef struct ent_report_options {
    const char *a, *b; /* the two actors: code prefixes of 3 to 15 characters A-Z, 0-9 ("IRN",
                          "RUSGOV") of different countries (their first three letters differ) */
    const char *third; /* C for section 6, the same kind of code; NULL or "": the country with
                          the most events with both A and B over the window (the largest
                          min(events A–C, events B–C)) */
    ent_date from, to; /* the window, inclusive; ENT_DATE_NONE: from the first day of the month
                          of the dyad's first event, to the last day of the month of its last */
    size_t top_n;      /* countries in the signed network of section 7; 0: 30 */
    double penalty;    /* change-point penalty (changepoint.h); <= 0: 2 log(n) */
    int follow_days;   /* reliability: days after a shock that count as the response; 0: 30 */
    const ent_registry *registry; /* borrowed; NULL: the built-in registry (loaded and freed by
                                     ent_report_build) */
    const ent_dict *dict;         /* borrowed, for actor names and CAMEO labels; NULL: codes
                                     only */
} ent_report_options;

/* clang-format off */
#define ENT_REPORT_OPTIONS_INIT \
    {NULL, NULL, NULL, ENT_DATE_NONE, ENT_DATE_NONE, 30, 0.0, 30, NULL, NULL}
/* clang-format on */

/*
 * Builds the analysis of A and B from the store. Reads the store only (a few indexed queries
 * for the dyad and the third party, and four grouped scans of the window for the network,
 * the partners of A and of B, and sanctions). Returns ENT_OK; ENT_EINVAL for bad options
 * (missing or malformed codes, A and B of the same country, C equal to either, from after
 * to); ENT_ENOTFOUND when A and B have no event in the window (nothing to report); ENT_EDB
 * (ent_store_errmsg() says why); ENT_ENOMEM; or the registry's load error. On error *out is
 * NULL. Caller frees with ent_report_destroy().
 */
ENT_API int ent_report_build(ent_report **out, ent_store *s, const ent_report_options *opt);

/* What a report holds, for a summary line. */
typedef struct ent_report_summary {
    char a[16], b[16], third[16]; /* third is "" when no third party was found */
    ent_date from, to;            /* the window */
    int64_t dyad_events;          /* events between A and B in the window, both ways */
    size_t change_points;         /* of both series, event counts and Goldstein means */
    size_t treaties;              /* registry agreements binding both A and B */
    size_t evidence;              /* distinct events cited */
} ent_report_summary;

ENT_API void ent_report_summary_get(ent_report_summary *out, const ent_report *r);

/*
 * Writes the report to fp. Returns ENT_OK, ENT_EINVAL (unknown format), ENT_ENOMEM, or
 * ENT_EIO when writing failed (errno tells why).
 */
ENT_API int ent_report_write(const ent_report *r, ent_report_format format, FILE *fp);

/* NULL does nothing. */
ENT_API void ent_report_destroy(ent_report *r);

#ifdef __cplusplus
}
#endif
#endif
