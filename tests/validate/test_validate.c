/*
 * tests/validate — the coder test-suite harness (include/entente/validate.h): reading
 * PETRARCH XML and TABARI records written here (Config and Include, OPTION and SET: YYYY,
 * FINAL-01, {---}, {###}, {+++}, "-{", noevents, error= records, malformed records), the
 * comparison rules (sets for PETRARCH, order and count for TABARI, white space in codes
 * and nothing else), scoring with the built-in dictionaries on sentences whose coding is
 * known, and the real suites of ../shared/interop with the counts of their README.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

#include "entente/validate.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* ---------------------------------------------------------------- helpers ---- */

static ent_dict *builtin;

static int setup(void **state)
{
    (void)state;
    return ent_dict_load(&builtin, NULL) == ENT_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ent_dict_destroy(builtin);
    return 0;
}

/* Counts diagnostics and keeps the last one. */
typedef struct diags {
    int n;
    long line;
    char msg[256];
} diags;

static void diag(void *ctx, const char *file, long line, const char *msg)
{
    (void)file;
    diags *d = ctx;
    d->n++;
    d->line = line;
    snprintf(d->msg, sizeof d->msg, "%s", msg);
}

static const ent_suite_record *find(const ent_suite *s, const char *id)
{
    ent_suite_info info;
    ent_suite_info_get(&info, s);
    for (size_t i = 0; i < info.nrecords; i++)
        if (strcmp(info.records[i].id, id) == 0)
            return &info.records[i];
    fail_msg("no record %s", id);
    return NULL;
}

static const ent_record_result *result(const ent_validation *v, const char *id)
{
    size_t n;
    const ent_record_result *r = ent_validation_results(v, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(r[i].record->id, id) == 0)
            return &r[i];
    fail_msg("no result for %s", id);
    return NULL;
}

/* ---------------------------------------------------------------- PETRARCH ---- */

/* The sentences are ours; the built-in dictionaries code them as the comments say. */
static const char petrarch_suite[] =
    "<Validation>\n"
    "<!-- a suite written for entente's tests -->\n"
    "<Environment>\n"
    "    <Verbfile>test.verbs.txt</Verbfile>\n"
    "    <Actorfile>first.actors.txt, second.actors.txt</Actorfile>\n"
    "    <Agentfile>test.agents.txt</Agentfile>\n"
    "    <Include>DEMO ERROR</Include>\n"
    "</Environment>\n"
    "<Sentences>\n"
    /* RUS>IRN 057 and IRN>RUS 057, expected in the other order: sets */
    "<Sentence date=\"20200306\" id=\"S-01\" category=\"DEMO\">\n"
    "<EventCoding sourcecode=\"IRN\" targetcode=\"RUS\" eventcode=\"057\"/>\n"
    "<EventCoding sourcecode=\"RUS\" targetcode=\"IRN\" eventcode=\"057\"/>\n"
    "<Text>\n  Russia and Iran signed\n  an agreement on Friday.\n</Text>\n"
    "<Parse>(ROOT (S (NP (NNP Russia))))</Parse>\n"
    "</Sentence>\n"
    "<Config option=\"require_dyad\" value=\"false\"></Config>\n"
    "<Sentence date=\"20200306\" id=\"S-02\" category=\"DEMO\">\n"
    "<EventCoding sourcecode=\"ISR\" targetcode=\"IRN\" eventcode=\"111\"/>\n"
    "<Text>Israel condemned Iran on Tuesday.</Text>\n"
    "</Sentence>\n"
    /* negation: nothing is coded */
    "<Sentence date=\"20200306\" id=\"S-03\" category=\"DEMO\">\n"
    "<EventCoding noevents = \"True\"></EventCoding>\n"
    "<Text>Russia did not sign the agreement with Iran.</Text>\n"
    "</Sentence>\n"
    "<Sentence date=\"20200306\" id=\"S-04\" category=\"DEMO\">\n"
    "<EventCoding noevents=\"True\"/>\n"
    "<Text>Israel condemned Iran on Tuesday.</Text>\n"
    "</Sentence>\n"
    /* a score: the sentence is discarded */
    "<Sentence date=\"20200306\" id=\"S-05\" category=\"ERROR\">\n"
    "<EventCoding error=\"sentencediscard\"/>\n"
    "<Text>Iran beat Russia 2-1 in the Olympics football final on Sunday.</Text>\n"
    "</Sentence>\n"
    "<Sentence date=\"20200306\" id=\"S-06\" category=\"ERROR\">\n"
    "<EventCoding error=\"bad_input_parse\"/>\n"
    "<Text>Israel condemned Iran on Tuesday.</Text>\n"
    "</Sentence>\n"
    "<Sentence date=\"20200306\" id=\"S-07\" category=\"ERROR\">\n"
    "<EventCoding error=\"dateline\"/>\n"
    "<Text>The weather in Paris was mild on Monday.</Text>\n"
    "</Sentence>\n"
    "<Sentence date=\"20200306\" id=\"S-08\" category=\"OTHER\">\n"
    "<EventCoding sourcecode=\"ISR\" targetcode=\"IRN\" eventcode=\"111\"/>\n"
    "<Text>Israel condemned Iran on Tuesday.</Text>\n"
    "</Sentence>\n"
    "<Sentence date=\"20200306\" id=\"S-09\" category=\"DEMO\" evaluate=\"false\">\n"
    "<EventCoding sourcecode=\"ISR\" targetcode=\"IRN\" eventcode=\"111\"/>\n"
    "<Text>Israel condemned Iran on Tuesday.</Text>\n"
    "</Sentence>\n"
    /* coded CHN>JPN 112, not 111 */
    "<Sentence date=\"20200306\" id=\"S-10\" category=\"DEMO\">\n"
    "<EventCoding sourcecode=\"CHN\" targetcode=\"JPN\" eventcode=\"111\"/>\n"
    "<Text>China accused Japan of provoking a crisis.</Text>\n"
    "</Sentence>\n"
    /* coded IRNGOV>RUSGOV 040: written with TABARI's spacing */
    "<Sentence date=\"20200306\" id=\"S-11\" category=\"DEMO\">\n"
    "<EventCoding sourcecode=\"IRN GOV\" targetcode=\" RUS GOV \" eventcode=\"040\"/>\n"
    "<Text>The Iranian foreign minister met the Russian foreign minister in Moscow.</Text>\n"
    "</Sentence>\n"
    /* the same, expected as bare countries: no prefix matching */
    "<Sentence date=\"20200306\" id=\"S-12\" category=\"DEMO\">\n"
    "<EventCoding sourcecode=\"IRN\" targetcode=\"RUS\" eventcode=\"040\"/>\n"
    "<Text>The Iranian foreign minister met the Russian foreign minister in Moscow.</Text>\n"
    "</Sentence>\n"
    "<Sentence date=\"2020-13-45\" id=\"S-13\" category=\"DEMO\">\n"
    "<EventCoding sourcecode=\"ISR\" targetcode=\"IRN\" eventcode=\"111\"/>\n"
    "<Text>Israel condemned Iran on Tuesday.</Text>\n"
    "</Sentence>\n"
    "<Sentence date=\"20200306\" id=\"S-14\" category=\"DEMO\">\n"
    "<Text>Israel condemned Iran on Tuesday.</Text>\n"
    "</Sentence>\n"
    /* TUR>GRC 036 and GRC>TUR 036; a repeated expectation changes nothing in a set */
    "<Sentence date=\"200306\" id=\"S-15\" category=\"DEMO\">\n"
    "<EventCoding sourcecode=\"TUR\" targetcode=\"GRC\" eventcode=\"036\"/>\n"
    "<EventCoding sourcecode=\"TUR\" targetcode=\"GRC\" eventcode=\"036\"/>\n"
    "<EventCoding sourcecode=\"GRC\" targetcode=\"TUR\" eventcode=\"036\"/>\n"
    "<Text>Turkey and Greece agreed to hold talks.</Text>\n"
    "</Sentence>\n"
    /* only one of the two events expected: an extra event fails a set */
    "<Sentence date=\"20200306\" id=\"S-16\" category=\"DEMO\">\n"
    "<EventCoding sourcecode=\"TUR\" targetcode=\"GRC\" eventcode=\"036\"/>\n"
    "<Text>Turkey and Greece agreed to hold talks.</Text>\n"
    "</Sentence>\n"
    "</Sentences>\n"
    "</Validation>\n";

static void petrarch_records_are_read(void **state)
{
    (void)state;
    diags d = {0};
    ent_suite *s;
    assert_int_equal(ent_suite_parse(&s, ENT_SUITE_PETRARCH, "mem.xml", petrarch_suite,
                                     strlen(petrarch_suite), diag, &d),
                     ENT_OK);
    ent_suite_info info;
    ent_suite_info_get(&info, s);
    assert_int_equal(info.format, ENT_SUITE_PETRARCH);
    assert_int_equal(info.nrecords, 16);
    assert_int_equal(info.distinct_ids, 16);
    assert_string_equal(info.include, "DEMO ERROR");
    /* the dictionaries, the actors file list split at its comma */
    assert_int_equal(info.ndicts, 4);
    assert_string_equal(info.dicts[0].role, "verbs");
    assert_string_equal(info.dicts[1].role, "actors");
    assert_string_equal(info.dicts[1].name, "first.actors.txt");
    assert_string_equal(info.dicts[2].name, "second.actors.txt");
    assert_string_equal(info.dicts[3].role, "agents");
    /* the Config between S-01 and S-02 applies from record 1 on */
    assert_int_equal(info.noptions, 1);
    assert_string_equal(info.options[0].text, "require_dyad=false");
    assert_int_equal(info.options[0].before, 1);

    const ent_suite_record *r = find(s, "S-01");
    assert_string_equal(r->text, "Russia and Iran signed an agreement on Friday.");
    assert_int_equal(r->expect, ENT_EXPECT_EVENTS);
    assert_int_equal(r->nevents, 2);
    assert_string_equal(r->events[0].source, "IRN");
    assert_int_equal(r->ordered, 0);
    assert_int_equal(r->date, ent_date_from_ymd(2020, 3, 6));
    assert_string_equal(r->category, "DEMO");
    assert_int_equal(r->line, 10);
    assert_int_equal(find(s, "S-03")->expect, ENT_EXPECT_NONE);
    assert_int_equal(find(s, "S-05")->expect, ENT_EXPECT_DISCARD);
    assert_int_equal(find(s, "S-06")->expect, ENT_EXPECT_NA);
    assert_string_equal(find(s, "S-06")->note, "error=bad_input_parse");
    assert_int_equal(find(s, "S-07")->expect, ENT_EXPECT_REJECT);
    assert_int_equal(find(s, "S-08")->evaluate, 0); /* OTHER is not in <Include> */
    assert_int_equal(find(s, "S-09")->evaluate, 0); /* evaluate="false" */
    assert_int_equal(find(s, "S-02")->evaluate, 1);
    assert_non_null(find(s, "S-13")->error); /* month 13 */
    assert_null(find(s, "S-12")->error);
    assert_int_equal(find(s, "S-14")->expect, ENT_EXPECT_NA);
    assert_int_equal(find(s, "S-15")->date, ent_date_from_ymd(2020, 3, 6)); /* YYMMDD */
    assert_int_equal(d.n, 1);                                               /* the bad date */
    ent_suite_destroy(s);
}

static void petrarch_records_are_scored(void **state)
{
    (void)state;
    ent_suite *s;
    assert_int_equal(ent_suite_parse(&s, ENT_SUITE_PETRARCH, "mem.xml", petrarch_suite,
                                     strlen(petrarch_suite), NULL, NULL),
                     ENT_OK);
    ent_validation *v;
    assert_int_equal(ent_validate_run(&v, s, builtin, NULL), ENT_OK);
    static const struct {
        const char *id;
        int outcome;
    } want[] = {
        {"S-01", ENT_OUTCOME_PASS},     {"S-02", ENT_OUTCOME_PASS},
        {"S-03", ENT_OUTCOME_PASS},     {"S-04", ENT_OUTCOME_FAIL},
        {"S-05", ENT_OUTCOME_PASS},     {"S-06", ENT_OUTCOME_NA},
        {"S-07", ENT_OUTCOME_PASS},     {"S-08", ENT_OUTCOME_EXCLUDED},
        {"S-09", ENT_OUTCOME_EXCLUDED}, {"S-10", ENT_OUTCOME_FAIL},
        {"S-11", ENT_OUTCOME_PASS},     {"S-12", ENT_OUTCOME_FAIL},
        {"S-13", ENT_OUTCOME_SKIPPED},  {"S-14", ENT_OUTCOME_NA},
        {"S-15", ENT_OUTCOME_PASS},     {"S-16", ENT_OUTCOME_FAIL},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const ent_record_result *r = result(v, want[i].id);
        if (r->outcome != want[i].outcome)
            fail_msg("%s: outcome %d, want %d (%s)", want[i].id, r->outcome, want[i].outcome,
                     r->why);
    }
    const ent_record_result *r = result(v, "S-01");
    assert_int_equal(r->ngot, 2);
    assert_string_equal(r->got[0].source, "RUS"); /* coder order is kept */
    assert_int_equal(r->matched, 2);
    assert_null(r->trace); /* not asked for */
    assert_int_equal(result(v, "S-05")->discarded, 1);
    assert_string_equal(result(v, "S-10")->got[0].event, "112");
    assert_string_equal(result(v, "S-04")->why, "events coded where none is expected");
    assert_string_equal(result(v, "S-16")->why, "events coded that are not expected");

    ent_validation_summary sum;
    ent_validation_summary_get(&sum, v);
    assert_int_equal(sum.all.records, 16);
    assert_int_equal(sum.all.passed, 7);
    assert_int_equal(sum.all.failed, 4);
    assert_int_equal(sum.all.not_applicable, 2);
    assert_int_equal(sum.all.excluded, 2);
    assert_int_equal(sum.all.skipped, 1);
    /* events of the scored records: S-01 2, S-02 1, S-10 1, S-11 1, S-12 1, S-15 3, S-16 1 */
    assert_int_equal(sum.all.expected_events, 10);
    /* all but S-10's and S-12's, and S-15's repeated one counts once: TUR>GRC was coded once */
    assert_int_equal(sum.all.matched_events, 7);
    assert_int_equal(sum.sentences, 11); /* one each in the records passed or failed */
    assert_true(sum.coding_seconds > 0);

    size_t ncats;
    const ent_category_result *c = ent_validation_categories(v, &ncats);
    assert_int_equal(ncats, 3);
    assert_string_equal(c[0].category, "DEMO");
    assert_int_equal(c[0].passed, 5);
    assert_int_equal(c[0].failed, 4);
    assert_string_equal(c[1].category, "ERROR");
    assert_int_equal(c[1].passed, 2);
    assert_int_equal(c[1].not_applicable, 1);
    assert_string_equal(c[2].category, "OTHER");
    assert_int_equal(c[2].excluded, 1);
    ent_validation_destroy(v);
    ent_suite_destroy(s);
}

static void explain_keeps_the_trace_of_failures(void **state)
{
    (void)state;
    ent_suite *s;
    assert_int_equal(ent_suite_parse(&s, ENT_SUITE_PETRARCH, "mem.xml", petrarch_suite,
                                     strlen(petrarch_suite), NULL, NULL),
                     ENT_OK);
    ent_validate_options opt = ENT_VALIDATE_OPTIONS_INIT;
    opt.explain = 1;
    ent_validation *v;
    assert_int_equal(ent_validate_run(&v, s, builtin, &opt), ENT_OK);
    const ent_record_result *r = result(v, "S-10");
    assert_non_null(r->trace);
    assert_non_null(strstr(r->trace, "China accused Japan"));
    assert_non_null(strstr(r->trace, "CHN -> JPN 112"));
    assert_null(result(v, "S-01")->trace); /* passed */
    ent_validation_destroy(v);
    ent_suite_destroy(s);
}

static void malformed_xml_is_a_parse_error(void **state)
{
    (void)state;
    static const char bad[] = "<Validation>\n<Sentences>\n<Sentence id=\"A\"/>\n"
                              "</Sentence>\n</Sentences>\n</Validation>\n";
    diags d = {0};
    ent_suite *s;
    assert_int_equal(ent_suite_parse(&s, ENT_SUITE_PETRARCH, "bad.xml", bad, strlen(bad), diag, &d),
                     ENT_EPARSE);
    assert_null(s);
    assert_int_equal(d.n, 1);
    assert_true(d.line >= 4); /* where libxml2 gave up, after the stray </Sentence> */
    assert_non_null(strstr(d.msg, "not well-formed XML: "));

    /* An EventCoding that says nothing is a malformed record, skipped; the rest is read. */
    static const char empty_coding[] =
        "<Validation><Sentence id=\"A\" date=\"20200306\" category=\"X\"><EventCoding/>"
        "<Text>Israel condemned Iran.</Text></Sentence>"
        "<Sentence id=\"B\" category=\"X\"><EventCoding noevents=\"true\"/>"
        "<Text>Nothing here happened.</Text></Sentence></Validation>";
    memset(&d, 0, sizeof d);
    assert_int_equal(ent_suite_parse(&s, ENT_SUITE_PETRARCH, "e.xml", empty_coding,
                                     strlen(empty_coding), diag, &d),
                     ENT_OK);
    assert_non_null(find(s, "A")->error);
    assert_null(find(s, "B")->error);
    assert_int_equal(find(s, "B")->date, ENT_DATE_NONE);
    assert_int_equal(d.n, 1);
    ent_suite_destroy(s);
}

/* ---------------------------------------------------------------- TABARI ---- */

static const char tabari_suite[] =
    "\n"
    "#####################################\n"
    "# a suite written for entente's tests\n"
    "#####################################\n"
    "\n"
    "200306  T-01\n"
    "Russia and Iran signed an agreement \n"
    "on Friday.\n"
    "/*\\n---------------------------------\n"
    "\\n[both signed: two events, RUS first]\n"
    "\\n{ RUS / IRN / 057 }\n"
    "\\n{ IRN / RUS / 057 } */\n"
    "\n"
    "200306  T-02\n"
    "Russia and Iran signed an agreement on Friday.\n"
    "/*\\n[the same events in the other order]\n"
    "\\n{ IRN / RUS / 057 }\n"
    "\\n{ RUS / IRN / 057 } */\n"
    "\n"
    "200306  T-03\n"
    "Russia and Iran signed an agreement on Friday.\n"
    "/*\\n{ RUS / IRN / 057 } */\n"
    "\n"
    "200306  T-04\n"
    "Russia and Iran signed an agreement on Friday.\n"
    "/*\\n{ RUS / IRN / 057 }\n"
    "\\n-{ --- / --- / 000 } */\n"
    "\n"
    "200306  T-05\n"
    "Russia did not sign the agreement with Iran.\n"
    "/*\\n{---} */\n"
    "\n"
    "200306  T-06\n"
    "Iran beat Russia 2-1 in the Olympics football final on Sunday.\n"
    "/*\\n{###} */\n"
    "\n"
    "Any block that does not start with a digit is a comment.\n"
    "{ RUS / IRN / 057 }\n"
    "\n"
    "200306  T-07\n"
    "Israel condemned Iran on Tuesday.\n"
    "/*\\n{+++} */\n"
    "\n"
    "200306  T-08\n"
    "Israel condemned Iran on Tuesday.\n"
    "/*\\n[complex for TABARI; entente has no such filter]\n"
    "\\n{+++}\n"
    "\\n{ ISR / IRN / 111 } */\n"
    "\n"
    "200306  OPT-01\n"
    "Eight-digit dates from here on, in the records after this one.\n"
    "/*\\n{ OPTION: SET: YYYY = TRUE } */\n"
    "\n"
    "20200306  YYYY-01\n"
    "Israel condemned Iran on Tuesday.\n"
    "/*\\n{ ISR / IRN / 111 } */\n"
    "\n"
    "19950101  OPT-02\n"
    "Back to six digits, with the closing brace left out as in the real suite.\n"
    "/*\\n{ OPTION: SET: YYYY = FALSE  */\n"
    "\n"
    "950101  T-09\n"
    "Israel condemned Iran on Tuesday.\n"
    "/*\\n{ ISR / IRN } */\n"
    "\n"
    "200306  T-10\n"
    "China accused Japan of provoking a crisis.\n"
    "/*\\n[the comment is not closed: it ends with the record]\n"
    "\\n{ CHN / JPN / 112 }\n"
    "\n"
    "200306  T-01\n"
    "Israel condemned Iran on Tuesday.\n"
    "/*\\n{ ISR / IRN / 111 } */\n"
    "\n"
    "200306  FINAL-01\n"
    "The end of the records to validate.\n"
    "\n"
    "200306  AFTER-01\n"
    "Israel condemned Iran on Tuesday.\n"
    "/*\\n{ ISR / IRN / 111 } */\n";

static void tabari_records_are_read(void **state)
{
    (void)state;
    diags d = {0};
    ent_suite *s;
    assert_int_equal(ent_suite_parse(&s, ENT_SUITE_TABARI, "mem.text", tabari_suite,
                                     strlen(tabari_suite), diag, &d),
                     ENT_OK);
    ent_suite_info info;
    ent_suite_info_get(&info, s);
    assert_int_equal(info.format, ENT_SUITE_TABARI);
    assert_int_equal(info.nrecords, 15);     /* to FINAL-01, which is read */
    assert_int_equal(info.distinct_ids, 14); /* T-01 twice */
    assert_string_equal(info.stop_id, "FINAL-01");
    assert_int_equal(info.after_stop, 1);
    assert_null(info.include);

    const ent_suite_record *r = find(s, "T-01");
    assert_string_equal(r->text, "Russia and Iran signed an agreement on Friday.");
    assert_int_equal(r->line, 6);
    assert_int_equal(r->date, ent_date_from_ymd(2020, 3, 6));
    assert_int_equal(r->expect, ENT_EXPECT_EVENTS);
    assert_int_equal(r->ordered, 1);
    assert_int_equal(r->nevents, 2);
    assert_string_equal(r->events[1].source, "IRN");
    assert_string_equal(r->category, "T");
    assert_int_equal(find(s, "T-04")->partial, 1);
    assert_int_equal(find(s, "T-04")->nevents, 1);
    assert_int_equal(find(s, "T-05")->expect, ENT_EXPECT_NONE);
    assert_int_equal(find(s, "T-06")->expect, ENT_EXPECT_DISCARD);
    assert_int_equal(find(s, "T-07")->expect, ENT_EXPECT_NA);
    assert_string_equal(find(s, "T-07")->note, "{+++}");
    assert_int_equal(find(s, "T-08")->expect, ENT_EXPECT_EVENTS);
    assert_int_equal(find(s, "OPT-01")->expect, ENT_EXPECT_NA);
    assert_string_equal(find(s, "OPT-01")->note, "OPTION");
    /* SET: YYYY applies to the records after the option's own */
    assert_int_equal(find(s, "YYYY-01")->date, ent_date_from_ymd(2020, 3, 6));
    assert_null(find(s, "OPT-02")->error);
    assert_int_equal(find(s, "OPT-02")->date, ent_date_from_ymd(1995, 1, 1));
    assert_int_equal(find(s, "T-09")->date, ent_date_from_ymd(1995, 1, 1));
    assert_non_null(find(s, "T-09")->error); /* { ISR / IRN } */
    assert_int_equal(find(s, "T-10")->nevents, 1);
    assert_string_equal(find(s, "FINAL-01")->note, "no expectation");
    assert_int_equal(info.noptions, 2);
    assert_string_equal(info.options[0].text, "SET: YYYY = TRUE");
    assert_string_equal(info.options[1].text, "SET: YYYY = FALSE");
    assert_int_equal(info.options[0].before, 9); /* OPT-01 is record 8 */
    assert_int_equal(d.n, 1);                    /* the malformed event of T-09 */
    assert_int_equal(d.line, 64);                /* the line of the block */
    ent_suite_destroy(s);
}

static void tabari_records_are_scored_in_order(void **state)
{
    (void)state;
    ent_suite *s;
    assert_int_equal(ent_suite_parse(&s, ENT_SUITE_TABARI, "mem.text", tabari_suite,
                                     strlen(tabari_suite), NULL, NULL),
                     ENT_OK);
    ent_validation *v;
    assert_int_equal(ent_validate_run(&v, s, builtin, NULL), ENT_OK);
    size_t n;
    const ent_record_result *res = ent_validation_results(v, &n);
    assert_int_equal(n, 15);
    static const int want[] = {
        ENT_OUTCOME_PASS,    /* T-01 */
        ENT_OUTCOME_FAIL,    /* T-02: order */
        ENT_OUTCOME_FAIL,    /* T-03: count */
        ENT_OUTCOME_PASS,    /* T-04: -{ */
        ENT_OUTCOME_PASS,    /* T-05: {---} */
        ENT_OUTCOME_PASS,    /* T-06: {###} */
        ENT_OUTCOME_NA,      /* T-07: {+++} */
        ENT_OUTCOME_PASS,    /* T-08: {+++} and an event */
        ENT_OUTCOME_NA,      /* OPT-01 */
        ENT_OUTCOME_PASS,    /* YYYY-01 */
        ENT_OUTCOME_NA,      /* OPT-02 */
        ENT_OUTCOME_SKIPPED, /* T-09 */
        ENT_OUTCOME_PASS,    /* T-10 */
        ENT_OUTCOME_PASS,    /* T-01 again, another record */
        ENT_OUTCOME_NA,      /* FINAL-01 */
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (res[i].outcome != want[i])
            fail_msg("record %zu (%s): outcome %d, want %d (%s)", i, res[i].record->id,
                     res[i].outcome, want[i], res[i].why);
    assert_string_equal(res[1].why, "the same events in another order");
    assert_string_equal(res[2].why, "a different number of events was coded");
    ent_validation_summary sum;
    ent_validation_summary_get(&sum, v);
    assert_int_equal(sum.all.passed, 8);
    assert_int_equal(sum.all.failed, 2);
    assert_int_equal(sum.all.not_applicable, 4);
    assert_int_equal(sum.all.skipped, 1);
    assert_int_equal(sum.all.passed + sum.all.failed + sum.all.not_applicable + sum.all.excluded +
                         sum.all.skipped,
                     sum.all.records);
    ent_validation_destroy(v);
    ent_suite_destroy(s);
}

/* FORWARD: the records of one story are coded together, each scored on its own events. */
static const char forward_suite[] = "200306  FWD-On\n"
                                    "Stories from the next record on.\n"
                                    "/*\\n{ OPTION: FORWARD: ^^*****NNN*SSS } */\n"
                                    "\n"
                                    "200306  STORY-001-001\n"
                                    "Russia signed an agreement with Iran on Friday.\n"
                                    "/*\\n{ RUS / IRN / 057 } */\n"
                                    "\n"
                                    "200306  STORY-001-002\n"
                                    "It also condemned Israel.\n"
                                    "/*\\n{ RUS / ISR / 111 } */\n"
                                    "\n"
                                    "200306  STORY-002-001\n"
                                    "It condemned Israel.\n"
                                    "/*\\n[a new story: 'it' names no one]\n"
                                    "\\n{ RUS / ISR / 111 } */\n"
                                    "\n"
                                    "200306  STORY-1\n"
                                    "Russia signed an agreement with Iran on Friday.\n"
                                    "/*\\n[an id the mask does not fit: no story]\n"
                                    "\\n{ RUS / IRN / 057 } */\n"
                                    "\n"
                                    "200306  FWD-Off\n"
                                    "No stories from the next record on.\n"
                                    "/*\\n{ OPTION: FORWARD: ^^*****NNN*SSS OFF } */\n"
                                    "\n"
                                    "200306  STORY-003-001\n"
                                    "Russia signed an agreement with Iran on Friday.\n"
                                    "/*\\n{ RUS / IRN / 057 } */\n"
                                    "\n"
                                    "200306  STORY-003-002\n"
                                    "It also condemned Israel.\n"
                                    "/*\\n{ RUS / ISR / 111 } */\n";

static void tabari_forward_codes_a_story_together(void **state)
{
    (void)state;
    ent_suite *s;
    assert_int_equal(ent_suite_parse(&s, ENT_SUITE_TABARI, "mem.text", forward_suite,
                                     strlen(forward_suite), NULL, NULL),
                     ENT_OK);
    ent_suite_info info;
    ent_suite_info_get(&info, s);
    assert_int_equal(info.noptions, 2);
    assert_int_equal(info.options[0].applied, 1);
    assert_int_equal(info.options[1].applied, 1);
    assert_null(find(s, "FWD-On")->story);
    assert_string_equal(find(s, "STORY-001-002")->story, "001");
    assert_string_equal(find(s, "STORY-002-001")->story, "002");
    assert_null(find(s, "STORY-1")->story);
    assert_null(find(s, "STORY-003-002")->story);

    ent_validation *v;
    assert_int_equal(ent_validate_run(&v, s, builtin, NULL), ENT_OK);
    size_t n;
    const ent_record_result *res = ent_validation_results(v, &n);
    assert_int_equal(n, 8);
    static const int want[] = {
        ENT_OUTCOME_NA,   /* FWD-On */
        ENT_OUTCOME_PASS, /* STORY-001-001 */
        ENT_OUTCOME_PASS, /* STORY-001-002: "it" is Russia, and 057 belongs to 001-001 */
        ENT_OUTCOME_FAIL, /* STORY-002-001 */
        ENT_OUTCOME_PASS, /* STORY-1 */
        ENT_OUTCOME_NA,   /* FWD-Off */
        ENT_OUTCOME_PASS, /* STORY-003-001 */
        ENT_OUTCOME_FAIL, /* STORY-003-002: coded alone */
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (res[i].outcome != want[i])
            fail_msg("record %zu (%s): outcome %d, want %d (%s)", i, res[i].record->id,
                     res[i].outcome, want[i], res[i].why);
    assert_int_equal(res[2].ngot, 1);
    assert_int_equal(res[2].sentences, 1);
    ent_validation_destroy(v);
    ent_suite_destroy(s);
}

/* TABARI's DEFAULT option: the default actors stand in for a side the text does not name,
 * from the record after the option on, until DEFAULT: OFF; a form entente cannot follow
 * (a source without PRIOR) is listed, not applied. */
static const char default_suite[] =
    "200306  DEF-On\n"
    "Defaults from the next record on.\n"
    "/*\\n{ OPTION: DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER } */\n"
    "\n"
    "200306  DEF-1\n"
    "The ministry condemned Israel.\n"
    "/*\\n{ DEFSRC / ISR / 111 } */\n"
    "\n"
    "200306  DEF-2\n"
    "Russia and Iran condemned the decision.\n"
    "/*\\n{ RUS / DEFTAR / 111 }\n\\n{ IRN / DEFTAR / 111 } */\n"
    "\n"
    "200306  DEF-3\n"
    "An official condemned the decision.\n"
    "/*\\n{ --- } */\n"
    "\n"
    "200306  DEF-Off\n"
    "No defaults from the next record on.\n"
    "/*\\n{ OPTION: DEFAULT: OFF }\n"
    "\\n{ OPTION: DEFAULT: SOURCE [DEFSRC] TARGET [DEFTAR] AFTER } */\n"
    "\n"
    "200306  DEF-4\n"
    "The ministry condemned Israel.\n"
    "/*\\n{ --- } */\n";

static void tabari_default_actors(void **state)
{
    (void)state;
    ent_suite *s;
    assert_int_equal(ent_suite_parse(&s, ENT_SUITE_TABARI, "mem.text", default_suite,
                                     strlen(default_suite), NULL, NULL),
                     ENT_OK);
    ent_suite_info info;
    ent_suite_info_get(&info, s);
    assert_int_equal(info.noptions, 3);
    assert_int_equal(info.options[0].applied, 1);
    assert_int_equal(info.options[1].applied, 1);
    assert_int_equal(info.options[2].applied, 0);
    assert_null(find(s, "DEF-On")->default_source);
    assert_string_equal(find(s, "DEF-1")->default_source, "DEFSRC");
    assert_string_equal(find(s, "DEF-1")->default_target, "DEFTAR");
    assert_null(find(s, "DEF-4")->default_source);
    assert_null(find(s, "DEF-4")->default_target);

    ent_validation *v;
    assert_int_equal(ent_validate_run(&v, s, builtin, NULL), ENT_OK);
    size_t n;
    const ent_record_result *res = ent_validation_results(v, &n);
    assert_int_equal(n, 6);
    for (size_t i = 0; i < n; i++)
        if (res[i].outcome != ENT_OUTCOME_PASS && res[i].outcome != ENT_OUTCOME_NA)
            fail_msg("record %s: %s", res[i].record->id, res[i].why);
    ent_validation_destroy(v);
    ent_suite_destroy(s);
}

/* ---------------------------------------------------------------- comparison ---- */

static void codes_are_compared_as_written(void **state)
{
    (void)state;
    assert_true(ent_validate_code_equal("IRNGOV", "IRN GOV"));
    assert_true(ent_validate_code_equal(" IRN\tGOV ", "IRNGOV"));
    assert_true(ent_validate_code_equal("", "---"));
    assert_true(ent_validate_code_equal(NULL, "---"));
    assert_true(ent_validate_code_equal("  ", NULL));
    assert_false(ent_validate_code_equal("IRNGOV", "IRN"));
    assert_false(ent_validate_code_equal("IRN", "IRNGOV"));
    assert_false(ent_validate_code_equal("057", "0571"));
    assert_false(ent_validate_code_equal("irn", "IRN"));
    assert_false(ent_validate_code_equal("---GOV", "GOV"));
}

static void compare_follows_the_suite_rules(void **state)
{
    (void)state;
    const ent_triple ab[] = {{"A", "B", "010"}, {"B", "A", "020"}};
    const ent_triple ba[] = {{"B", "A", "020"}, {"A", "B", "010"}};
    const ent_triple abab[] = {{"A", "B", "010"}, {"A", "B", "010"}, {"B", "A", "020"}};
    ent_suite_record r;
    memset(&r, 0, sizeof r);
    r.expect = ENT_EXPECT_EVENTS;
    r.events = ab;
    r.nevents = 2;
    const char *why;
    /* sets: order and repeats do not matter, a missing or an extra event does */
    assert_int_equal(ent_validate_compare(&why, &r, ba, 2, 0), ENT_OUTCOME_PASS);
    assert_int_equal(ent_validate_compare(&why, &r, abab, 3, 0), ENT_OUTCOME_PASS);
    assert_int_equal(ent_validate_compare(&why, &r, ab, 1, 0), ENT_OUTCOME_FAIL);
    assert_string_equal(why, "expected events not coded");
    r.nevents = 1;
    assert_int_equal(ent_validate_compare(&why, &r, ab, 2, 0), ENT_OUTCOME_FAIL);
    assert_string_equal(why, "events coded that are not expected");
    /* in order, with the count */
    r.nevents = 2;
    r.ordered = 1;
    assert_int_equal(ent_validate_compare(&why, &r, ab, 2, 0), ENT_OUTCOME_PASS);
    assert_int_equal(ent_validate_compare(&why, &r, ba, 2, 0), ENT_OUTCOME_FAIL);
    assert_int_equal(ent_validate_compare(&why, &r, abab, 3, 0), ENT_OUTCOME_FAIL);
    /* "-{": the listed events first, in order; more are allowed, fewer are not */
    r.nevents = 1;
    r.partial = 1;
    assert_int_equal(ent_validate_compare(&why, &r, ab, 2, 0), ENT_OUTCOME_PASS);
    assert_int_equal(ent_validate_compare(&why, &r, ba, 2, 0), ENT_OUTCOME_FAIL);
    assert_int_equal(ent_validate_compare(&why, &r, ab, 0, 0), ENT_OUTCOME_FAIL);
    /* no event, rejection, discard */
    r.expect = ENT_EXPECT_NONE;
    assert_int_equal(ent_validate_compare(&why, &r, ab, 0, 1), ENT_OUTCOME_PASS);
    assert_int_equal(ent_validate_compare(&why, &r, ab, 1, 0), ENT_OUTCOME_FAIL);
    r.expect = ENT_EXPECT_REJECT;
    assert_int_equal(ent_validate_compare(&why, &r, ab, 0, 0), ENT_OUTCOME_PASS);
    r.expect = ENT_EXPECT_DISCARD;
    assert_int_equal(ent_validate_compare(&why, &r, ab, 0, 1), ENT_OUTCOME_PASS);
    assert_int_equal(ent_validate_compare(&why, &r, ab, 0, 0), ENT_OUTCOME_FAIL);
    assert_string_equal(why, "no discard phrase fired");
    assert_int_equal(ent_validate_compare(&why, &r, ab, 1, 1), ENT_OUTCOME_FAIL);
    r.expect = ENT_EXPECT_NA;
    assert_int_equal(ent_validate_compare(&why, &r, ab, 2, 0), ENT_OUTCOME_NA);
}

/* ---------------------------------------------------------------- files ---- */

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void a_project_names_its_text_and_dictionaries(void **state)
{
    (void)state;
    char dir[] = "/tmp/entente-validate-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[64], other[64];
    snprintf(sub, sizeof sub, "%s/dictionaries", dir);
    snprintf(other, sizeof other, "%s/other", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_int_equal(mkdir(other, 0700), 0);
    write_file(dir, "t.project",
               "Test project\n<actorsfile>\tmy.actors\n<verbsfile> my.verbs\n"
               "<optionsfile> t.options\n<agentsfile> my.agents\n<textfile> one.text\n"
               "<textfile> two.text\n<session 1> <coder x> <date Fri 31 Mar 2000>\n");
    write_file(dir, "one.text",
               "200306 ONE-01\nIsrael condemned Iran on Tuesday.\n"
               "/*\\n{ ISR / IRN / 111 } */\n");
    write_file(dir, "two.text",
               "200306 TWO-01\nChina accused Japan of provoking a crisis.\n"
               "/*\\n{ CHN / JPN / 112 } */\n");
    write_file(dir, "my.actors", "# beside the project\n");
    write_file(sub, "my.verbs", "# in dictionaries/\n");
    write_file(other, "my.verbs", "# in another folder\n");

    char path[300];
    snprintf(path, sizeof path, "%s/t.project", dir);
    ent_suite *s;
    assert_int_equal(ent_suite_load(&s, path, NULL, NULL), ENT_OK);
    ent_suite_info info;
    ent_suite_info_get(&info, s);
    assert_int_equal(info.format, ENT_SUITE_TABARI);
    assert_int_equal(info.nrecords, 2);
    assert_string_equal(info.records[1].id, "TWO-01");
    assert_non_null(strstr(info.records[1].file, "two.text"));
    assert_int_equal(info.ndicts, 4);
    assert_string_equal(info.dicts[0].role, "actors");
    assert_string_equal(info.dicts[0].name, "my.actors");
    assert_string_equal(info.dicts[2].role, "options");

    char *found;
    assert_int_equal(ent_suite_find_dict(&found, s, "my.actors", NULL, 0), ENT_OK);
    assert_non_null(strstr(found, "/my.actors"));
    free(found);
    assert_int_equal(ent_suite_find_dict(&found, s, "my.verbs", NULL, 0), ENT_OK);
    assert_non_null(strstr(found, "dictionaries/my.verbs"));
    free(found);
    const char *dirs[] = {other};
    assert_int_equal(ent_suite_find_dict(&found, s, "my.verbs", dirs, 1), ENT_OK);
    assert_non_null(strstr(found, "other/my.verbs")); /* the given folder comes first */
    free(found);
    assert_int_equal(ent_suite_find_dict(&found, s, "my.agents", dirs, 1), ENT_ENOTFOUND);
    assert_null(found);

    ent_validation *v;
    assert_int_equal(ent_validate_run(&v, s, builtin, NULL), ENT_OK);
    ent_validation_summary sum;
    ent_validation_summary_get(&sum, v);
    assert_int_equal(sum.all.passed, 2);
    ent_validation_destroy(v);
    ent_suite_destroy(s);

    /* a project whose text file is missing */
    write_file(dir, "u.project", "<textfile> missing.text\n");
    snprintf(path, sizeof path, "%s/u.project", dir);
    assert_int_equal(ent_suite_load(&s, path, NULL, NULL), ENT_ENOTFOUND);
    snprintf(path, sizeof path, "%s/no-such-suite.xml", dir);
    assert_int_equal(ent_suite_load(&s, path, NULL, NULL), ENT_ENOTFOUND);

    const char *names[] = {"t.project", "u.project", "one.text", "two.text", "my.actors"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/my.verbs", sub);
    unlink(path);
    snprintf(path, sizeof path, "%s/my.verbs", other);
    unlink(path);
    rmdir(sub);
    rmdir(other);
    rmdir(dir);
}

/* ---------------------------------------------------------------- real suites ---- */

/* Counts a suite's records by what they expect. */
typedef struct kinds {
    size_t events, triples, none, discard, reject, na, excluded, errors, partial;
} kinds;

static kinds count_kinds(const ent_suite_info *info)
{
    kinds k;
    memset(&k, 0, sizeof k);
    for (size_t i = 0; i < info->nrecords; i++) {
        const ent_suite_record *r = &info->records[i];
        k.triples += r->nevents;
        k.events += r->expect == ENT_EXPECT_EVENTS;
        k.none += r->expect == ENT_EXPECT_NONE;
        k.discard += r->expect == ENT_EXPECT_DISCARD;
        k.reject += r->expect == ENT_EXPECT_REJECT;
        k.na += r->expect == ENT_EXPECT_NA;
        k.excluded += !r->evaluate;
        k.errors += r->error != NULL;
        k.partial += r->partial;
    }
    return k;
}

static ent_suite *load_shared(const char *file)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ENT_SHARED_DIR, file);
    ent_suite *s;
    int rc = ent_suite_load(&s, path, NULL, NULL);
    if (rc != ENT_OK)
        fail_msg("%s: %s", path, ent_strerror(rc));
    return s;
}

/* Scores a real suite with the built-in dictionaries: every record is accounted for. */
static void score_completes(const ent_suite *s, size_t want_evaluated)
{
    ent_validation *v;
    assert_int_equal(ent_validate_run(&v, s, builtin, NULL), ENT_OK);
    ent_validation_summary sum;
    ent_validation_summary_get(&sum, v);
    assert_int_equal(sum.all.passed + sum.all.failed, want_evaluated);
    assert_int_equal(sum.all.skipped, 0);
    assert_true(sum.sentences >= want_evaluated);
    size_t ncats, total = 0;
    const ent_category_result *c = ent_validation_categories(v, &ncats);
    for (size_t i = 0; i < ncats; i++)
        total += c[i].records;
    assert_int_equal(total, sum.all.records);
    ent_validation_destroy(v);
}

static void the_tabari_validation_suite(void **state)
{
    (void)state;
    if (!require_shared("interop/tabari/Validate.project"))
        return;
    ent_suite *s = load_shared("interop/tabari/Validate.project");
    ent_suite_info info;
    ent_suite_info_get(&info, s);
    /*
     * README §3 says 461 records to FINAL-01 (465 in the file). Those are counts of distinct
     * ids: the file holds 481 records, 473 of them up to and including FINAL-01, and twelve
     * ids are used more than once (VERBFORM-05 three times). Distinct ids: 465 in the whole
     * file, as the README says, and 460 up to FINAL-01 (the README's 461 is one more than
     * any reading of the file gives).
     */
    assert_int_equal(info.nrecords, 473);
    assert_int_equal(info.distinct_ids, 460);
    assert_int_equal(info.nrecords + info.after_stop, 481);
    assert_string_equal(info.stop_id, "FINAL-01");
    assert_string_equal(info.records[info.nrecords - 1].id, "FINAL-01");
    kinds k = count_kinds(&info);
    /* README: 16 {---}, 7 {###}; 6 records use "-{", and 5 of them have no event before it
     * (nothing is checked: not applicable). The README's 397 records with events and 517
     * triples count distinct ids and every block; over the 473 records, with the blocks
     * after a "-{" left out, it is 401 records and 521 triples. */
    assert_int_equal(k.none, 16);
    assert_int_equal(k.discard, 7);
    assert_int_equal(k.partial, 1);
    assert_int_equal(k.events, 401);
    assert_int_equal(k.triples, 521);
    assert_int_equal(k.errors, 0);
    assert_int_equal(info.noptions, 31);
    /* the project's dictionaries */
    assert_int_equal(info.ndicts, 4);
    assert_string_equal(info.dicts[0].name, "TABARI.Demo.actors");
    assert_string_equal(info.dicts[1].name, "TABARI.Demo.verbs");
    char *found;
    assert_int_equal(ent_suite_find_dict(&found, s, "TABARI.Demo.verbs", NULL, 0), ENT_OK);
    free(found);
    score_completes(s, info.nrecords - k.na);
    ent_suite_destroy(s);
}

static void the_petrarch_unit_tests(void **state)
{
    (void)state;
    if (!require_shared("interop/petrarch2/PETR.UnitTest.records.xml"))
        return;
    ent_suite *s = load_shared("interop/petrarch2/PETR.UnitTest.records.xml");
    ent_suite_info info;
    ent_suite_info_get(&info, s);
    /* README §3: 284 records, 281 in the <Include>d categories, 359 triples, 19 no-event
     * records, 7 expected errors, PATTERN-06 without any EventCoding */
    assert_int_equal(info.nrecords, 284);
    kinds k = count_kinds(&info);
    assert_int_equal(info.nrecords - k.excluded, 281);
    assert_int_equal(k.triples, 359);
    assert_int_equal(k.events, 257);
    assert_int_equal(k.none, 19);
    assert_int_equal(k.discard + k.reject + 2, 7); /* two are bad_input_parse: n/a */
    assert_int_equal(k.na, 3);
    assert_string_equal(find(s, "PATTERN-06")->note, "no expectation");
    /* README counts 30 <Config> switches; one of those lines is inside a comment */
    assert_int_equal(info.noptions, 29);
    assert_string_equal(info.dicts[0].name, "PETR.Validate.verbs.txt");
    char *found;
    assert_int_equal(ent_suite_find_dict(&found, s, "PETR.Validate.actors.txt", NULL, 0), ENT_OK);
    free(found);
    score_completes(s, 281 - 3);
    ent_suite_destroy(s);
}

static void the_petrarch2_gold_standard(void **state)
{
    (void)state;
    if (!require_shared("interop/petrarch2/gsr/PETR2_GSR_validation.fixed.xml"))
        return;
    ent_suite *s = load_shared("interop/petrarch2/gsr/PETR2_GSR_validation.fixed.xml");
    ent_suite_info info;
    ent_suite_info_get(&info, s);
    /* README §3: 78 records (AFP 18, GOLD 10, TEST 11, OTHER 23, VERB 8, PASSIVE 8), 66 with
     * events, 80 triples, 12 no-event records */
    assert_int_equal(info.nrecords, 78);
    kinds k = count_kinds(&info);
    assert_int_equal(k.events, 66);
    assert_int_equal(k.triples, 80);
    assert_int_equal(k.none, 12);
    assert_int_equal(k.excluded, 0);
    static const struct {
        const char *name;
        size_t n;
    } cats[] = {{"AFP", 18},   {"GOLD", 10}, {"TEST", 11},
                {"OTHER", 23}, {"VERB", 8},  {"PASSIVE", 8}};
    for (size_t c = 0; c < sizeof cats / sizeof *cats; c++) {
        size_t n = 0;
        for (size_t i = 0; i < info.nrecords; i++)
            n += strcmp(info.records[i].category, cats[c].name) == 0;
        if (n != cats[c].n)
            fail_msg("%s: %zu records, want %zu", cats[c].name, n, cats[c].n);
    }
    /* abc12_3's <Text> is empty: the sentence comes from its CoNLL-U parse */
    assert_string_equal(find(s, "abc12_3")->text,
                        "Boko Haram has launched many similar attacks during its six-year "
                        "campaign for a strict Islamic state in northeastern Nigeria .");
    assert_int_equal(info.ndicts, 7); /* CAMEO.2.0, three actor files, agents, discards, PICO */
    assert_string_equal(info.dicts[2].name, "Phoenix.International.actors.txt");
    score_completes(s, 78);
    ent_suite_destroy(s);

    /* The upstream file is not well-formed (README §4). */
    char path[512];
    snprintf(path, sizeof path, "%s/interop/petrarch2/gsr/PETR2_GSR_validation.xml",
             ENT_SHARED_DIR);
    assert_int_equal(ent_suite_load(&s, path, NULL, NULL), ENT_EPARSE);
}

static void the_universal_petrarch_suites(void **state)
{
    (void)state;
    if (!require_shared("interop/universalpetrarch/validate-2_02/"
                        "PETR_Validate_records_2_02.fixed.xml"))
        return;
    ent_suite *s = load_shared("interop/universalpetrarch/validate-2_02/"
                               "PETR_Validate_records_2_02.fixed.xml");
    ent_suite_info info;
    ent_suite_info_get(&info, s);
    /* README §3: 274 records, 264 evaluate="true", 322 triples, 20 no-event records, 7
     * expected errors */
    assert_int_equal(info.nrecords, 274);
    kinds k = count_kinds(&info);
    assert_int_equal(k.triples, 322);
    assert_int_equal(k.none, 20);
    assert_int_equal(k.discard + k.reject + 2, 7);
    size_t evaluate_false = 0;
    for (size_t i = 0; i < info.nrecords; i++)
        evaluate_false += !info.records[i].evaluate;
    assert_true(evaluate_false >= 10);
    ent_suite_destroy(s);

    if (!require_shared("interop/universalpetrarch/"
                        "PETR.UnitTest.records.parsing_parsed_udpipe_2.0.2018.xml"))
        return;
    s = load_shared("interop/universalpetrarch/"
                    "PETR.UnitTest.records.parsing_parsed_udpipe_2.0.2018.xml");
    ent_suite_info_get(&info, s);
    assert_int_equal(info.nrecords, 284);
    k = count_kinds(&info);
    assert_int_equal(k.triples, 349);                          /* the CAMEO 2.0 recode */
    assert_string_equal(find(s, "DEMO_00")->category, "DEMO"); /* from source= */
    ent_suite_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(petrarch_records_are_read),
        cmocka_unit_test(petrarch_records_are_scored),
        cmocka_unit_test(explain_keeps_the_trace_of_failures),
        cmocka_unit_test(malformed_xml_is_a_parse_error),
        cmocka_unit_test(tabari_records_are_read),
        cmocka_unit_test(tabari_records_are_scored_in_order),
        cmocka_unit_test(tabari_forward_codes_a_story_together),
        cmocka_unit_test(tabari_default_actors),
        cmocka_unit_test(codes_are_compared_as_written),
        cmocka_unit_test(compare_follows_the_suite_rules),
        cmocka_unit_test(a_project_names_its_text_and_dictionaries),
        cmocka_unit_test(the_tabari_validation_suite),
        cmocka_unit_test(the_petrarch_unit_tests),
        cmocka_unit_test(the_petrarch2_gold_standard),
        cmocka_unit_test(the_universal_petrarch_suites),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
