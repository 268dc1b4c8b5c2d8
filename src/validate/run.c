/*
 * validate — scoring a suite: every record that can be scored is coded as a document of
 * its own by one ent_coder (under TABARI's FORWARD, after the records of its story before it),
 * and what came out is compared with what the record expects.
 * The comparison rules are in include/entente/validate.h; per-category and whole-suite
 * counts are kept as the records go by.
 */
#include "validate_internal.h"

#include "entente/coder.h"
#include "util/buf.h"
#include "util/vec.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct ent_validation {
    ent_arena arena; /* coded triples, traces */
    ent_record_result *results;
    size_t nresults;
    ent_category_result *cats;
    size_t ncats, cats_cap;
    ent_validation_summary sum;
};

/* ---------------------------------------------------------------- comparison ---- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The code with its white space skipped; empty codes read as "---". */
static const char *code_start(const char *c)
{
    const char *p = c;
    while (p && *p && is_space(*p))
        p++;
    return p && *p ? p : "---";
}

int ent_validate_code_equal(const char *a, const char *b)
{
    const char *p = code_start(a), *q = code_start(b);
    for (;;) {
        while (is_space(*p))
            p++;
        while (is_space(*q))
            q++;
        if (*p != *q)
            return 0;
        if (!*p)
            return 1;
        p++;
        q++;
    }
}

static int triple_equal(const ent_triple *a, const ent_triple *b)
{
    return ent_validate_code_equal(a->source, b->source) &&
           ent_validate_code_equal(a->target, b->target) &&
           ent_validate_code_equal(a->event, b->event);
}

static size_t count_of(const ent_triple *t, const ent_triple *list, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += triple_equal(t, &list[i]);
    return k;
}

/* How many of the expected events were coded, counting repeats (multiset intersection). */
static size_t matches(const ent_triple *exp, size_t ne, const ent_triple *got, size_t ng)
{
    size_t m = 0;
    for (size_t i = 0; i < ne; i++) {
        if (count_of(&exp[i], exp, i) > 0)
            continue; /* counted with its first occurrence */
        size_t in_exp = count_of(&exp[i], exp, ne), in_got = count_of(&exp[i], got, ng);
        m += in_exp < in_got ? in_exp : in_got;
    }
    return m;
}

static int fail(const char **why, const char *reason)
{
    if (why)
        *why = reason;
    return ENT_OUTCOME_FAIL;
}

int ent_validate_compare(const char **why, const ent_suite_record *rec, const ent_triple *got,
                         size_t ngot, size_t discarded)
{
    if (why)
        *why = "";
    switch (rec->expect) {
    case ENT_EXPECT_NONE:
        return ngot ? fail(why, "events coded where none is expected") : ENT_OUTCOME_PASS;
    case ENT_EXPECT_REJECT:
        return ngot ? fail(why, "events coded where the record should be rejected")
                    : ENT_OUTCOME_PASS;
    case ENT_EXPECT_DISCARD:
        if (ngot)
            return fail(why, "events coded where a discard is expected");
        return discarded ? ENT_OUTCOME_PASS : fail(why, "no discard phrase fired");
    case ENT_EXPECT_EVENTS:
        break;
    default:
        return ENT_OUTCOME_NA;
    }
    const ent_triple *exp = rec->events;
    size_t ne = rec->nevents;
    if (!rec->ordered) {
        /* PETRARCH: as sets, so order and repeats do not matter. */
        for (size_t i = 0; i < ne; i++)
            if (!count_of(&exp[i], got, ngot))
                return fail(why, "expected events not coded");
        for (size_t i = 0; i < ngot; i++)
            if (!count_of(&got[i], exp, ne))
                return fail(why, "events coded that are not expected");
        return ENT_OUTCOME_PASS;
    }
    /* TABARI: in order; the count must match unless "-{" ended the list. */
    if (rec->partial ? ngot < ne : ngot != ne)
        return fail(why, rec->partial ? "fewer events coded than listed"
                                      : "a different number of events was coded");
    for (size_t i = 0; i < ne; i++)
        if (!triple_equal(&exp[i], &got[i]))
            return fail(why, !rec->partial && matches(exp, ne, got, ngot) == ne
                                 ? "the same events in another order"
                                 : "events differ");
    return ENT_OUTCOME_PASS;
}

/* ---------------------------------------------------------------- running ---- */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static ent_category_result *category(ent_validation *v, const char *name)
{
    for (size_t i = 0; i < v->ncats; i++)
        if (strcmp(v->cats[i].category, name) == 0)
            return &v->cats[i];
    if (ent_vec_reserve((void **)&v->cats, &v->cats_cap, v->ncats + 1, sizeof *v->cats))
        return NULL;
    ent_category_result *c = &v->cats[v->ncats++];
    memset(c, 0, sizeof *c);
    c->category = name;
    return c;
}

static void count(ent_category_result *c, const ent_record_result *r)
{
    c->records++;
    switch (r->outcome) {
    case ENT_OUTCOME_PASS:
        c->passed++;
        break;
    case ENT_OUTCOME_FAIL:
        c->failed++;
        break;
    case ENT_OUTCOME_NA:
        c->not_applicable++;
        break;
    case ENT_OUTCOME_EXCLUDED:
        c->excluded++;
        break;
    default:
        c->skipped++;
        break;
    }
    if (r->outcome == ENT_OUTCOME_PASS || r->outcome == ENT_OUTCOME_FAIL) {
        c->expected_events += r->record->expect == ENT_EXPECT_EVENTS ? r->record->nevents : 0;
        c->matched_events += r->matched;
        c->coded_events += r->ngot;
    }
}

static void collect_trace(void *ctx, const char *line)
{
    ent_buf *b = ctx;
    ent_buf_puts(b, line);
    ent_buf_putc(b, '\n');
}

/* Codes rec after story, the texts of the records of its story before it (FORWARD; empty
 * otherwise), so that a pronoun finds its actor there. Sets *first to the index of rec's first
 * sentence: its events are those from there on. The trace, if any, covers the last call. */
static int code_in_story(const ent_event **ev, size_t *n, size_t *first, ent_doc_report *report,
                         ent_coder *coder, const ent_suite_record *rec, ent_buf *story,
                         void (*trace)(void *, const char *), void *trace_ctx)
{
    ent_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = rec->id;
    doc.date = rec->date;
    doc.text = rec->text;
    doc.len = rec->len;
    *first = 0;
    size_t before = story->len;
    if (before) {
        /* The sentences before rec, counted the way the coder splits them. */
        ent_doc_report earlier;
        memset(&earlier, 0, sizeof earlier);
        doc.text = story->data;
        doc.len = before;
        int rc = ent_coder_code(ev, n, coder, &doc, &earlier);
        if (rc != ENT_OK)
            return rc;
        *first = earlier.sentences;
        ent_buf_putc(story, ' ');
        ent_buf_append(story, rec->text, rec->len);
        if (story->failed)
            return ENT_ENOMEM;
        doc.text = story->data;
        doc.len = story->len;
    }
    /* The suite's own default actors are actor codes ("DEFSRC"); one that is not leaves none. */
    if (ent_coder_set_defaults(coder, rec->default_source, rec->default_target) != ENT_OK)
        (void)ent_coder_set_defaults(coder, NULL, NULL);
    ent_coder_set_trace(coder, trace, trace_ctx);
    int rc = ent_coder_code(ev, n, coder, &doc, report);
    ent_coder_set_trace(coder, NULL, NULL);
    story->len = before;
    return rc;
}

/* Codes rec into r (coded triples copied into v's arena). Returns ENT_OK or ENT_ENOMEM; a
 * record the coder refuses is marked SKIPPED. */
static int code_record(ent_validation *v, ent_record_result *r, ent_coder *coder,
                       const ent_suite_record *rec, ent_buf *story)
{
    ent_doc_report report;
    memset(&report, 0, sizeof report);
    const ent_event *ev;
    size_t n, first;
    double t0 = now_seconds();
    int rc = code_in_story(&ev, &n, &first, &report, coder, rec, story, NULL, NULL);
    v->sum.coding_seconds += now_seconds() - t0;
    if (rc == ENT_ENOMEM)
        return rc;
    if (rc != ENT_OK) {
        r->outcome = ENT_OUTCOME_SKIPPED;
        r->why = ent_strerror(rc);
        return ENT_OK;
    }
    while (n && ev->sentence_index < first) { /* events are in sentence order */
        ev++;
        n--;
    }
    ent_triple *got = n ? ent_arena_alloc(&v->arena, n * sizeof *got) : NULL;
    if (n && !got)
        return ENT_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        got[i].source = ent_arena_strndup(&v->arena, ev[i].source_code ? ev[i].source_code : "",
                                          ev[i].source_code ? strlen(ev[i].source_code) : 0);
        got[i].target = ent_arena_strndup(&v->arena, ev[i].target_code ? ev[i].target_code : "",
                                          ev[i].target_code ? strlen(ev[i].target_code) : 0);
        got[i].event = ent_arena_strndup(&v->arena, ev[i].event_code, strlen(ev[i].event_code));
        if (!got[i].source || !got[i].target || !got[i].event)
            return ENT_ENOMEM;
    }
    r->got = got;
    r->ngot = n;
    r->sentences = report.sentences - first;
    r->discarded = report.discarded;
    r->outcome = ent_validate_compare(&r->why, rec, got, n, report.discarded);
    if (rec->expect == ENT_EXPECT_EVENTS)
        r->matched = matches(rec->events, rec->nevents, got, n);
    return ENT_OK;
}

/* Codes rec again with the coder's trace on, into r->trace. */
static int explain(ent_validation *v, ent_record_result *r, ent_coder *coder,
                   const ent_suite_record *rec, ent_buf *story)
{
    ent_buf b = ENT_BUF_INIT;
    const ent_event *ev;
    size_t n, first;
    int rc = code_in_story(&ev, &n, &first, NULL, coder, rec, story, collect_trace, &b);
    if (rc != ENT_ENOMEM) { /* a record the coder refuses still has a trace */
        r->trace = ent_arena_strndup(&v->arena, b.data ? b.data : "", b.len);
        rc = b.failed || !r->trace ? ENT_ENOMEM : ENT_OK;
    }
    free(b.data);
    return rc;
}

/* Keeps story as the texts of the records of rec's story up to rec (FORWARD), or empty. */
static int follow_story(ent_buf *story, const ent_suite_record *rec, const ent_suite_record *prev)
{
    if (!rec->story || !prev || !prev->story || strcmp(rec->story, prev->story) != 0)
        story->len = 0;
    if (!rec->story || !rec->len)
        return ENT_OK;
    if (story->len)
        ent_buf_putc(story, ' ');
    ent_buf_append(story, rec->text, rec->len);
    return story->failed ? ENT_ENOMEM : ENT_OK;
}

int ent_validate_run(ent_validation **out, const ent_suite *suite, const ent_dict *dict,
                     const ent_validate_options *opt)
{
    *out = NULL;
    if (!suite || !dict)
        return ENT_EINVAL;
    ent_validation *v = calloc(1, sizeof *v);
    if (!v)
        return ENT_ENOMEM;
    ent_coder *coder = NULL;
    ent_buf story = ENT_BUF_INIT; /* FORWARD: the texts of the story so far */
    int rc = ent_coder_create(&coder, dict);
    if (rc == ENT_OK)
        ent_coder_set_future(coder, opt ? opt->future : ENT_FUTURE_EVENT);
    if (rc == ENT_OK && suite->nrecords) {
        v->results = calloc(suite->nrecords, sizeof *v->results);
        if (!v->results)
            rc = ENT_ENOMEM;
    }
    for (size_t i = 0; rc == ENT_OK && i < suite->nrecords; i++) {
        const ent_suite_record *rec = &suite->records[i];
        ent_record_result *r = &v->results[i];
        r->record = rec;
        r->why = "";
        if (!rec->evaluate) {
            r->outcome = ENT_OUTCOME_EXCLUDED;
        } else if (rec->error) {
            r->outcome = ENT_OUTCOME_SKIPPED;
            r->why = rec->error;
        } else if (rec->expect == ENT_EXPECT_NA) {
            r->outcome = ENT_OUTCOME_NA;
        } else {
            rc = code_record(v, r, coder, rec, &story);
            if (rc == ENT_OK && r->outcome == ENT_OUTCOME_FAIL && opt && opt->explain)
                rc = explain(v, r, coder, rec, &story);
            if (rc == ENT_OK && (r->outcome == ENT_OUTCOME_PASS || r->outcome == ENT_OUTCOME_FAIL))
                v->sum.sentences += r->sentences;
        }
        if (rc == ENT_OK)
            rc = follow_story(&story, rec, i ? rec - 1 : NULL);
        v->nresults = i + 1;
        ent_category_result *c = rc == ENT_OK ? category(v, rec->category) : NULL;
        if (rc == ENT_OK && !c)
            rc = ENT_ENOMEM;
        if (rc == ENT_OK) {
            count(c, r);
            count(&v->sum.all, r);
        }
    }
    v->sum.all.category = "";
    ent_buf_free(&story);
    ent_coder_destroy(coder);
    if (rc != ENT_OK) {
        ent_validation_destroy(v);
        return rc;
    }
    *out = v;
    return ENT_OK;
}

void ent_validation_destroy(ent_validation *v)
{
    if (!v)
        return;
    free(v->results);
    free(v->cats);
    ent_arena_free(&v->arena);
    free(v);
}

void ent_validation_summary_get(ent_validation_summary *out, const ent_validation *v)
{
    *out = v->sum;
}

const ent_record_result *ent_validation_results(const ent_validation *v, size_t *count_out)
{
    *count_out = v->nresults;
    return v->results;
}

const ent_category_result *ent_validation_categories(const ent_validation *v, size_t *count_out)
{
    *count_out = v->ncats;
    return v->cats;
}
