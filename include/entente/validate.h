/*
 * entente validate — the community's coder test suites, read natively and scored with
 * entente's coder: PETRARCH validation XML (<Sentence> records with <EventCoding>
 * expectations) and TABARI text records ("YYMMDD ID", text, expected events in the
 * comment block after the text), alone or through a TABARI .project file.
 *
 * Two steps. ent_suite_load() reads a suite into records with their expectations and the
 * dictionaries the suite names (it codes nothing). ent_validate_run() codes every record with
 * an ent_coder over a dictionary of the caller's choice and compares the events with the
 * expectations. Neither prints anything; problems go to the ent_diag_fn.
 *
 * How a record is compared (docs/accuracy.md has the details and the reasons):
 *   - codes are compared as the suite writes them, after removing white space inside a code
 *     ("IRN GOV" = "IRNGOV"); an empty or missing code is "---". Nothing else is normalised:
 *     "IRNGOV" is not "IRN", "0571" is not "057";
 *   - PETRARCH: the coded and expected (source, target, event) triples of the sentence are
 *     compared as sets (order and repeats do not matter);
 *   - TABARI: in order, and the number of events must match; after a "-{" block only the
 *     events listed before it are checked (in order), and more coded events are allowed;
 *   - "no event" ({---}, noevents="True"): passes when nothing is coded; a discard
 *     ({###}, error="storydiscard"/"sentencediscard"): when a discard phrase fired and nothing
 *     was coded; another rejection (error="dateline"): when nothing is coded;
 *   - records that say nothing entente can be scored on are "not applicable" and are not
 *     counted: {+++} without events (TABARI's complexity flag), error="bad_input_parse" (a
 *     broken Treebank parse, which entente does not read), OPTION records, records without
 *     any expectation;
 *   - records of categories outside the suite's <Include>, and evaluate="false", are
 *     excluded.
 * Suite options (<Config>, {OPTION: …}) are listed; most are not applied: entente's coder has
 * no such switches. Two TABARI options are applied because they say how the suite is written
 * rather than how to code: "SET: YYYY" (how dates are written) and "FORWARD: MASK" (which
 * records are consecutive sentences of one story: see ent_suite_record.story); and one
 * because the coder has it: "DEFAULT: SOURCE [CODE] PRIOR TARGET [CODE] AFTER" (default
 * actors: see ent_suite_record.default_source).
 */
#ifndef ENTENTE_VALIDATE_H
#define ENTENTE_VALIDATE_H

#include "coder.h"
#include "common.h"
#include "dict.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ent_suite ent_suite;

typedef enum ent_suite_format {
    ENT_SUITE_AUTO = 0,     /* ent_suite_load(): decide from the content */
    ENT_SUITE_PETRARCH = 1, /* validation XML */
    ENT_SUITE_TABARI = 2    /* text records (a .text file, or a .project naming them) */
} ent_suite_format;

/* What a record expects. */
typedef enum ent_expect {
    ENT_EXPECT_EVENTS = 1,  /* the events listed */
    ENT_EXPECT_NONE = 2,    /* no event */
    ENT_EXPECT_DISCARD = 3, /* a discard phrase fires, no event */
    ENT_EXPECT_REJECT = 4,  /* the record is rejected: no event */
    ENT_EXPECT_NA = 5       /* nothing entente can be scored on (see above) */
} ent_expect;

/* One (source, target, event) coding. Strings are NUL-terminated. */
typedef struct ent_triple {
    const char *source, *target, *event;
} ent_triple;

/* One record of a suite. Every pointer is borrowed from the suite. */
typedef struct ent_suite_record {
    const char *id;       /* as written ("DEMO-04") */
    const char *category; /* PETRARCH category= (or source=); TABARI the id up to its '-' */
    const char *file;     /* the file the record is in */
    long line;            /* 1-based line where the record starts */
    ent_date date;        /* ENT_DATE_NONE when the record has none */
    const char *text;     /* the text, white space runs made one space; NUL-terminated */
    size_t len;
    int expect;               /* ent_expect */
    const char *note;         /* what the expectation was written as when it is not a list of
                                 events ("{---}", "noevents", "error=dateline", "{+++}",
                                 "OPTION", "no expectation"), else NULL */
    const ent_triple *events; /* ENT_EXPECT_EVENTS: the expected events, in suite order */
    size_t nevents;
    int ordered;       /* compare in order with the count (TABARI) rather than as sets */
    int partial;       /* TABARI "-{": only the events before it are checked */
    int evaluate;      /* 0: excluded (category not in <Include>, evaluate="false") */
    const char *story; /* TABARI FORWARD: the story number the mask reads from the id; the
                          consecutive records of one story are coded as one document (each
                          scored on its own events), so that "it" and "he" find their actors
                          in earlier records. NULL without FORWARD. */
    const char *default_source, *default_target; /* TABARI DEFAULT: the actors the coder
                          puts in for a side the text does not name (ent_coder_set_defaults);
                          NULL for none */
    const char *error; /* non-NULL: the record could not be read (a bad date, no text, a
                          malformed expected event) and is skipped; the reason */
} ent_suite_record;

/* A dictionary the suite names. */
typedef struct ent_suite_dict {
    const char *role; /* "actors", "verbs", "agents", "discards", "issues" (dictionaries);
                         "options", "pico" (named by the suite, but not dictionaries) */
    const char *name; /* as written in the suite */
} ent_suite_dict;

/* A suite option (<Config option= value=>, {OPTION: …}). */
typedef struct ent_suite_option {
    long line;        /* in the suite file */
    size_t before;    /* index of the first record it would apply to */
    const char *text; /* "require_dyad=false", "SET: TIME SHIFT = FALSE" */
    int applied;      /* 1 for TABARI's SET: YYYY, FORWARD and DEFAULT; the others are only
                         listed */
} ent_suite_option;

/* What a suite holds. Every pointer is borrowed from the suite. */
typedef struct ent_suite_info {
    int format;                      /* ent_suite_format */
    const char *path;                /* the file given to ent_suite_load() (or the name) */
    const ent_suite_record *records; /* in file order */
    size_t nrecords;
    size_t distinct_ids; /* records with different ids (TABARI reuses a few) */
    const ent_suite_dict *dicts;
    size_t ndicts;
    const ent_suite_option *options;
    size_t noptions;
    const char *include; /* the <Include> categories, space-separated, or NULL */
    const char *stop_id; /* TABARI: the record that ended the suite ("FINAL-01"),
                            or NULL when the file was read to its end */
    size_t after_stop;   /* records in the file after stop_id, not read */
} ent_suite_info;

/*
 * Reads the suite at path. The format is decided from the content: an XML document is
 * PETRARCH; a file with a <textfile> line is a TABARI project, whose text files (relative
 * to the project's folder) are read in order and whose <actorsfile>, <verbsfile>,
 * <agentsfile> and <optionsfile> become the suite's dictionaries; other text is TABARI
 * records. TABARI records are read up to and including FINAL-01.
 * A record that cannot be read is reported through diag (file and line), kept with its
 * error set, and the rest read. Returns ENT_OK, ENT_ENOTFOUND (path or a text file of the
 * project does not exist), ENT_EIO, ENT_EPARSE (XML that is not well-formed: diag says
 * where) or ENT_ENOMEM. diag may be NULL. Caller frees with ent_suite_destroy().
 */
ENT_API int ent_suite_load(ent_suite **out, const char *path, ent_diag_fn diag, void *diag_ctx);

/* The same from memory: format ENT_SUITE_PETRARCH or ENT_SUITE_TABARI (text records; a
 * project cannot be read from memory), name used in diagnostics. data need not be
 * NUL-terminated. */
ENT_API int ent_suite_parse(ent_suite **out, ent_suite_format format, const char *name,
                            const char *data, size_t len, ent_diag_fn diag, void *diag_ctx);

ENT_API void ent_suite_destroy(ent_suite *suite);

ENT_API void ent_suite_info_get(ent_suite_info *out, const ent_suite *suite);

/*
 * Finds a dictionary the suite names: name as an absolute path, else in each of dirs in
 * order, then in the suite's folder, in its "dictionaries" subfolder and in a "dictionaries"
 * folder beside it (../dictionaries). On ENT_OK *out is a readable path; caller frees it
 * with free(). Returns ENT_OK, ENT_ENOTFOUND or ENT_ENOMEM.
 */
ENT_API int ent_suite_find_dict(char **out, const ent_suite *suite, const char *name,
                                const char *const *dirs, size_t ndirs);

/* ---------------------------------------------------------------- scoring ---- */

typedef enum ent_outcome {
    ENT_OUTCOME_PASS = 1,
    ENT_OUTCOME_FAIL = 2,
    ENT_OUTCOME_NA = 3,       /* not applicable (ENT_EXPECT_NA) */
    ENT_OUTCOME_EXCLUDED = 4, /* evaluate == 0 */
    ENT_OUTCOME_SKIPPED = 5   /* the record has an error, or the coder failed on it */
} ent_outcome;

/* 1 when two actor or event codes are the same once white space is removed; NULL and ""
 * mean "---". */
ENT_API int ent_validate_code_equal(const char *a, const char *b);

/*
 * Compares what was coded for a record with what it expects: got are the coded events in
 * coder order, discarded the number of sentences a discard phrase removed. Returns
 * ENT_OUTCOME_PASS, ENT_OUTCOME_FAIL or, for ENT_EXPECT_NA, ENT_OUTCOME_NA (evaluate and
 * error are not looked at). *why (may be NULL) receives a static reason for a failure, or
 * "".
 */
ENT_API int ent_validate_compare(const char **why, const ent_suite_record *rec,
                                 const ent_triple *got, size_t ngot, size_t discarded);

/* Start from ENT_VALIDATE_OPTIONS_INIT (NULL options mean the same): a zeroed struct would
 * code futures as intentions, not as the suites expect. */
typedef struct ent_validate_options {
    int explain;       /* keep the coder's trace of every failed record */
    ent_future future; /* how futures are coded: by default as events, as the suites expect */
} ent_validate_options;

#define ENT_VALIDATE_OPTIONS_INIT                                                                  \
    {                                                                                              \
        0, ENT_FUTURE_EVENT                                                                        \
    }

/* The result of one record. Pointers are borrowed from the ent_validation. */
typedef struct ent_record_result {
    const ent_suite_record *record;
    int outcome;           /* ent_outcome */
    const char *why;       /* FAIL: why; SKIPPED: the error; else "" */
    const ent_triple *got; /* the coded events, in coder order */
    size_t ngot;
    size_t sentences;  /* sentences the coder read */
    size_t discarded;  /* of which removed by a discard phrase */
    size_t matched;    /* expected events that were coded (as a multiset) */
    const char *trace; /* with opt->explain, for FAIL: the coder's trace, one decision
                          a line; else NULL */
} ent_record_result;

/* The results of one category (or of the whole suite). */
typedef struct ent_category_result {
    const char *category; /* "" for the whole suite */
    size_t records, passed, failed, not_applicable, excluded, skipped;
    size_t expected_events; /* in the records passed or failed */
    size_t matched_events;  /* of those, coded */
    size_t coded_events;    /* coded in the records passed or failed */
} ent_category_result;

typedef struct ent_validation ent_validation;

/* What a run measured. */
typedef struct ent_validation_summary {
    ent_category_result all; /* the whole suite: passed + failed = records evaluated */
    size_t sentences;        /* coded, in the records passed or failed */
    double coding_seconds;   /* wall time in ent_coder_code() (tracing excluded) */
} ent_validation_summary;

/*
 * Codes every record that can be scored (not excluded, no error, not ENT_EXPECT_NA) with one
 * ent_coder over dict, each record a document of its own with the record's date, and
 * compares. suite and dict are borrowed and must outlive the result. opt may be NULL.
 * Returns ENT_OK, ENT_EINVAL or ENT_ENOMEM; a record the coder fails on is SKIPPED, not an
 * error of the run. Caller frees with ent_validation_destroy().
 */
ENT_API int ent_validate_run(ent_validation **out, const ent_suite *suite, const ent_dict *dict,
                             const ent_validate_options *opt);
ENT_API void ent_validation_destroy(ent_validation *v);

ENT_API void ent_validation_summary_get(ent_validation_summary *out, const ent_validation *v);

/* One result per suite record, in suite order. Borrowed. */
ENT_API const ent_record_result *ent_validation_results(const ent_validation *v, size_t *count);

/* One entry per category, in order of first appearance. Borrowed. */
ENT_API const ent_category_result *ent_validation_categories(const ent_validation *v,
                                                             size_t *count);

#ifdef __cplusplus
}
#endif
#endif
