/* Tests of the dictionary loader: the built-in dictionaries, the .ent format, bad lines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "entente/dict.h"
#include "testutil.h"

typedef struct diags {
    int count;
    char last[512];
} diags;

static void collect(void *ctx, const char *file, long line, const char *msg)
{
    diags *d = ctx;
    d->count++;
    snprintf(d->last, sizeof d->last, "%s:%ld: %s", file, line, msg);
}

static void builtin_dictionaries_load(void **state)
{
    (void)state;
    diags d = {0};
    ent_dict_options opt = ENT_DICT_OPTIONS_INIT;
    opt.diag = collect;
    opt.diag_ctx = &d;
    ent_dict *dict;
    assert_int_equal(ent_dict_load(&dict, &opt), ENT_OK);
    ent_dict_stats st;
    ent_dict_stats_get(&st, dict);
    if (d.count)
        fprintf(stderr, "first diagnostic: %s\n", d.last);
    assert_int_equal(st.lines_skipped, 0);
    /* The issue asks for every country, 40 states' office holders, ~100 agents, all 20
     * roots: these floors catch a dictionary that failed to embed or parse. */
    assert_true(st.actor_codes > 250);
    assert_true(st.actor_phrases > 2000);
    assert_true(st.agent_phrases >= 100);
    assert_true(st.verb_patterns > 300);
    assert_true(st.cameo_codes > 280);
    double g;
    const char *label;
    assert_int_equal(ent_dict_cameo(&g, &label, dict, "057"), ENT_OK);
    assert_true(g == 8.0);
    assert_int_equal(ent_dict_cameo(&g, NULL, dict, "190"), ENT_OK);
    assert_true(g == -10.0);
    assert_int_equal(ent_dict_cameo(&g, NULL, dict, "999"), ENT_ENOTFOUND);
    assert_string_equal(ent_dict_actor_name(dict, "RUS"), "Russia");
    assert_string_equal(ent_dict_actor_name(dict, "IRN"), "Iran");
    ent_dict_destroy(dict);
}

/* Loads the .ent text alone (written to path, a temp file), diagnostics into d. */
static ent_dict *load_alone(char path[64], const char *text, diags *d)
{
    write_temp(path, text);
    const char *files[] = {path};
    ent_dict_options opt = ENT_DICT_OPTIONS_INIT;
    opt.builtin = 0;
    opt.files = files;
    opt.nfiles = 1;
    opt.diag = collect;
    opt.diag_ctx = d;
    ent_dict *dict;
    assert_int_equal(ent_dict_load(&dict, &opt), ENT_OK);
    return dict;
}

static void malformed_lines_are_reported_and_skipped(void **state)
{
    (void)state;
    char path[64];
    diags d = {0};
    ent_dict *dict = load_alone(path,
                                "# test dictionary\n"
                                "@cameo\n"
                                "057 8.0 : Sign formal agreement\n"
                                "05x 3.0 : not a code\n"
                                "174K -5.0 : a refined code\n"
                                "K174 -5.0 : letters first\n"
                                "1A4 -5.0 : a letter among the digits\n"
                                "@actors\n"
                                "ABC : Abcland | Abcish\n"
                                "lower : Bad Code\n"
                                "ABC/DEF : Twinland\n" /* a phrase naming two actors */
                                "ABC/ : Half\n"
                                "AB/DEF : Short\n"
                                "ABCGOV 2000-01-01..1999-01-01 : Backwards\n"
                                "no colon here\n"
                                "@verbs\n"
                                "057 : sign * agreement | + sign\n"
                                "057/05x : sign * deal\n"
                                "174K : expel\n"
                                "@negations\n"
                                "121 : 060 | 06x | 061\n"
                                "12 : 08\n"
                                "NOT : 060\n"
                                "@nonsense\n",
                                &d);
    ent_dict_stats st;
    ent_dict_stats_get(&st, dict);
    /* 05x, K174, 1A4, lower, ABC/, AB/DEF, backwards range, no colon, "+ sign", 057/05x,
       06x (its line's other negations load), NOT, @nonsense. */
    assert_int_equal(st.lines_skipped, 13);
    assert_int_equal(d.count, 13);
    assert_non_null(strstr(d.last, path));
    assert_non_null(strstr(d.last, ":24: unknown section"));
    assert_int_equal(st.negations, 3);
    assert_int_equal(st.actor_phrases, 3);
    assert_int_equal(st.verb_patterns, 2);
    assert_int_equal(st.cameo_codes, 2);
    assert_string_equal(ent_dict_actor_name(dict, "ABC"), "Abcland");
    ent_dict_destroy(dict);
    unlink(path);
}

static void words_before_the_verb_are_checked(void **state)
{
    (void)state;
    char path[64];
    diags d = {0};
    ent_dict *dict = load_alone(
        path,
        "@cameo\n057 8.0 : Sign formal agreement\n"
        "@verbs\n057 : said * > sign | > sign | + said > sign | not > | not > sign > deal\n"
        /* a target among the words follows one of them, and is the pattern's only one */
        "057 : said * + > sign | said * + * + > sign | said * + > sign * +\n",
        &d);
    ent_dict_stats st;
    ent_dict_stats_get(&st, dict);
    assert_int_equal(st.verb_patterns, 2); /* said * > sign, said * + > sign */
    assert_int_equal(d.count, 6);
    assert_non_null(strstr(d.last, "pattern 'said * + > sign * +' has more than one '+'"));
    ent_dict_destroy(dict);
    unlink(path);
}

/* A transformation names the speaker, the reported event (source, target, code) and the
 * reporting verb, then the new source and target; its slots and codes are checked. */
static void transformations_are_checked(void **state)
{
    (void)state;
    char path[64];
    diags d = {0};
    ent_dict *dict = load_alone(path,
                                "@cameo\n112 -2.0 : Accuse\n"
                                "@transformations\n"
                                "112 : a ( b . 19 ) 01 = a b\n"
                                "Q : a ( _ b attempt ) want = a b\n"
                                "112 : a ( b . 19 ) 01 = a c\n"  /* c is not bound */
                                "112 : . ( b . 19 ) 01 = a b\n"  /* the speaker is a variable */
                                "112 : a ( b . Q ) Q = a b\n"    /* the reporting verb is named */
                                "112 : a ( b . 19 ) 01 = a\n"    /* no new target */
                                "113 : a ( b . 19 ) 01 = a b\n", /* no @cameo entry */
                                &d);
    ent_dict_stats st;
    ent_dict_stats_get(&st, dict);
    assert_int_equal(st.transformations, 3);
    assert_int_equal(d.count, 5);
    assert_non_null(strstr(d.last, "uses CAMEO code 113, which no @cameo section defines"));
    ent_dict_destroy(dict);
    unlink(path);
}

/* "042/043": the reverse code is checked against the @cameo sections like the first. */
static void paired_codes_are_checked(void **state)
{
    (void)state;
    char path[64];
    diags d = {0};
    ent_dict *dict = load_alone(path,
                                "@cameo\n042 1.9 : Make a visit\n"
                                "@verbs\n042/043 : visit\n",
                                &d);
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.last, "uses CAMEO code 043, which no @cameo section defines"));
    ent_dict_destroy(dict);
    unlink(path);
}

/* A stem ("Arnor*") is 3 to 63 ASCII letters; others are reported and skipped. */
static void stems_are_checked(void **state)
{
    (void)state;
    char path[64];
    diags d = {0};
    ent_dict *dict =
        load_alone(path, "@actors\nARN : Arnor* | Us* | Ar3or*\n@issues\nTRADE : tariff*\n", &d);
    ent_dict_stats st;
    ent_dict_stats_get(&st, dict);
    assert_int_equal(st.actor_phrases, 1);
    assert_int_equal(st.issue_phrases, 0);
    assert_int_equal(d.count, 3);
    assert_non_null(strstr(d.last, "'tariff*': an issue phrase has no stem ('*')"));
    assert_string_equal(ent_dict_actor_name(dict, "ARN"), "Arnor");
    ent_dict_destroy(dict);
    unlink(path);
}

/* A pattern has at most one '$' (the source after the verb), as at most one '+'. */
static void one_source_slot(void **state)
{
    (void)state;
    char path[64];
    diags d = {0};
    ent_dict *dict = load_alone(path,
                                "@cameo\n072 8.3 : Provide military aid\n"
                                "@verbs\n072 : receive * from $ | receive * from $ and $\n",
                                &d);
    ent_dict_stats st;
    ent_dict_stats_get(&st, dict);
    assert_int_equal(st.verb_patterns, 1);
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.last, "has more than one '$'"));
    ent_dict_destroy(dict);
    unlink(path);
}

static void missing_file_is_an_error(void **state)
{
    (void)state;
    const char *files[] = {"/nonexistent/entente.ent"};
    ent_dict_options opt = ENT_DICT_OPTIONS_INIT;
    opt.builtin = 0;
    opt.files = files;
    opt.nfiles = 1;
    diags d = {0};
    opt.diag = collect;
    opt.diag_ctx = &d;
    ent_dict *dict = (ent_dict *)1;
    assert_int_equal(ent_dict_load(&dict, &opt), ENT_ENOTFOUND);
    assert_null(dict);
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.last, "/nonexistent/entente.ent"));
}

static void dates_parse_and_format(void **state)
{
    (void)state;
    ent_date d;
    char buf[11];
    assert_int_equal(ent_date_parse(&d, "2025-01-17", 10), ENT_OK);
    ent_date_format(buf, d);
    assert_string_equal(buf, "2025-01-17");
    assert_int_equal(ent_date_weekday(d), 4); /* a Friday */
    assert_int_equal(ent_date_parse(&d, "19991231", 8), ENT_OK);
    ent_date_format(buf, d);
    assert_string_equal(buf, "1999-12-31");
    assert_int_equal(ent_date_parse(&d, "2024-02-29T10:00:00", 19), ENT_OK);
    assert_int_equal(ent_date_parse(&d, "2023-02-29", 10), ENT_EPARSE);
    assert_int_equal(ent_date_parse(&d, "2023-13-01", 10), ENT_EPARSE);
    assert_int_equal(ent_date_parse(&d, "yesterday", 9), ENT_EPARSE);
    assert_int_equal(ent_date_parse(&d, "2023-1-01", 9), ENT_EPARSE);
    assert_int_equal(ent_date_from_ymd(1970, 1, 1), 0);
    assert_string_equal(ent_strerror(ENT_EPARSE), "malformed input");
    assert_string_equal(ent_strerror(42), "unknown error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_dictionaries_load),
        cmocka_unit_test(malformed_lines_are_reported_and_skipped),
        cmocka_unit_test(paired_codes_are_checked),
        cmocka_unit_test(stems_are_checked),
        cmocka_unit_test(one_source_slot),
        cmocka_unit_test(words_before_the_verb_are_checked),
        cmocka_unit_test(transformations_are_checked),
        cmocka_unit_test(missing_file_is_an_error),
        cmocka_unit_test(dates_parse_and_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
