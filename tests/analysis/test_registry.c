/*
 * tests/analysis — the treaty registry and the pillar classifier
 * (include/entente/registry.h): the built-in table loads clean; Iran–Russia gives its
 * agreements in signing order with the obligations the texts state; actor codes with roles
 * match their country; a user file's bad lines are reported as FILE:LINE and skipped;
 * events fall in the pillar their code and issue tags call for.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "testutil.h"

#include "entente/registry.h"

#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- helpers ---- */

#define MAX_DIAGS 16

typedef struct diags {
    int n;
    char msg[MAX_DIAGS][600]; /* "file:line: message" */
    long line[MAX_DIAGS];
} diags;

static void collect(void *ctx, const char *file, long line, const char *msg)
{
    diags *d = ctx;
    if (d->n < MAX_DIAGS) {
        snprintf(d->msg[d->n], sizeof d->msg[d->n], "%s:%ld: %s", file, line, msg);
        d->line[d->n] = line;
    }
    d->n++;
}

static ent_registry *builtin(void)
{
    ent_registry *reg = NULL;
    diags d = {0};
    assert_int_equal(ent_registry_load(&reg, NULL, collect, &d), ENT_OK);
    for (int i = 0; i < d.n && i < MAX_DIAGS; i++)
        print_message("unexpected diagnostic: %s\n", d.msg[i]);
    assert_int_equal(d.n, 0);
    return reg;
}

static ent_date ymd(int y, int m, int d)
{
    return ent_date_from_ymd(y, m, d);
}

#define HEADER                                                                                     \
    "id\tname\tsigned\tin_force\tduration\tparties\tdefence\toffence\tneutrality\t"                \
    "nonaggression\tconsultation\tconditions\tsource\n"

/* ---------------------------------------------------------- the built-in table ---- */

static void builtin_registry_loads_clean_in_signing_order(void **state)
{
    (void)state;
    ent_registry *reg = builtin();
    assert_int_equal(ent_registry_count(reg), 20);
    assert_int_equal(ent_registry_skipped(reg), 0);
    for (size_t i = 0; i < ent_registry_count(reg); i++) {
        const ent_treaty *t = ent_registry_get(reg, i);
        assert_non_null(t);
        /* Every row names its source and at least two parties, and is dated. */
        assert_true(strlen(t->source) > 10);
        assert_true(t->nparties >= 2);
        assert_string_equal(t->file, "registry/treaties.tsv");
        assert_true(t->line > 1);
        if (i)
            assert_true(ent_registry_get(reg, i - 1)->signed_on <= t->signed_on);
    }
    assert_null(ent_registry_get(reg, 20));

    const ent_treaty *nato = ent_registry_find(reg, "nato-1949");
    assert_non_null(nato);
    assert_int_equal(nato->signed_on, ymd(1949, 4, 4));
    assert_int_equal(nato->in_force, ymd(1949, 8, 24));
    assert_int_equal(nato->nparties, 12); /* the signatories of 1949, not today's members */
    assert_int_equal(nato->defence, ENT_OBLIG_YES);
    assert_int_equal(nato->consultation, ENT_OBLIG_YES);
    assert_string_equal(nato->parties[0], "BEL");
    assert_true(ent_registry_has_party(nato, "USA"));
    assert_false(ent_registry_has_party(nato, "DEU"));

    const ent_treaty *kp = ent_registry_find(reg, "ru-kp-2024");
    assert_non_null(kp);
    assert_int_equal(kp->defence, ENT_OBLIG_YES);
    assert_int_equal(kp->in_force, ymd(2024, 12, 4));
    assert_null(ent_registry_find(reg, "no-such-treaty"));
    ent_registry_destroy(reg);
}

static void iran_russia_agreements_come_in_signing_order(void **state)
{
    (void)state;
    ent_registry *reg = builtin();
    static const char *const expect[] = {"ir-ru-2001",   "jcpoa-2015",  "eaeu-ir-2018",
                                         "caspian-2018", "sco-ir-2022", "eaeu-ir-2023",
                                         "ir-ru-2025"};
    size_t n_expect = sizeof expect / sizeof *expect;
    size_t idx[16];
    size_t n = ent_registry_between(idx, 16, reg, "IRN", "RUS");
    assert_int_equal(n, n_expect);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(ent_registry_get(reg, idx[i])->id, expect[i]);

    const ent_treaty *t2001 = ent_registry_get(reg, idx[0]);
    assert_int_equal(t2001->signed_on, ymd(2001, 3, 12));
    assert_int_equal(t2001->defence, ENT_OBLIG_NO);
    assert_int_equal(t2001->neutrality, ENT_OBLIG_YES);
    assert_string_equal(t2001->duration, "10y+5y auto");

    const ent_treaty *t2025 = ent_registry_get(reg, idx[n - 1]);
    assert_int_equal(t2025->signed_on, ymd(2025, 1, 17));
    assert_int_equal(t2025->in_force, ymd(2025, 10, 2));
    assert_int_equal(t2025->defence, ENT_OBLIG_NO);
    assert_int_equal(t2025->offence, ENT_OBLIG_NO);
    assert_int_equal(t2025->neutrality, ENT_OBLIG_YES);
    assert_int_equal(t2025->nonaggression, ENT_OBLIG_UNKNOWN);
    assert_int_equal(t2025->consultation, ENT_OBLIG_YES);
    assert_string_equal(t2025->duration, "20y+5y auto");

    /* The order of a and b does not matter; a first call can size the array. */
    assert_int_equal(ent_registry_between(NULL, 0, reg, "RUS", "IRN"), n_expect);
    size_t two[2];
    assert_int_equal(ent_registry_between(two, 2, reg, "RUS", "IRN"), n_expect);
    assert_int_equal(two[0], idx[0]);
    assert_int_equal(two[1], idx[1]);
    /* China and Iran: the 2021 agreement, the JCPOA and the SCO accession. */
    assert_int_equal(ent_registry_between(idx, 16, reg, "CHN", "IRN"), 3);
    assert_string_equal(ent_registry_get(reg, idx[0])->id, "jcpoa-2015");
    assert_string_equal(ent_registry_get(reg, idx[1])->id, "ir-cn-2021");
    assert_int_equal(ent_registry_between(idx, 16, reg, "IRN", "ISR"), 0);
    ent_registry_destroy(reg);
}

static void actor_codes_with_roles_match_their_country(void **state)
{
    (void)state;
    ent_registry *reg = builtin();
    size_t plain[16], roles[16];
    size_t n = ent_registry_between(plain, 16, reg, "IRN", "RUS");
    assert_int_equal(ent_registry_between(roles, 16, reg, "IRNGOV", "RUSMIL"), n);
    assert_memory_equal(plain, roles, n * sizeof *plain);
    assert_int_equal(ent_registry_between(roles, 16, reg, "irngov", "RUSGOVMIL"), n);

    const ent_treaty *t = ent_registry_find(reg, "ir-ru-2025");
    assert_true(ent_registry_has_party(t, "IRN"));
    assert_true(ent_registry_has_party(t, "IRNGOV"));
    assert_true(ent_registry_has_party(t, "RUSMIL"));
    assert_false(ent_registry_has_party(t, "IRQ"));  /* another country */
    assert_false(ent_registry_has_party(t, "IRNG")); /* not a role code */
    assert_false(ent_registry_has_party(t, "IR"));
    assert_false(ent_registry_has_party(t, ""));
    assert_false(ent_registry_has_party(t, NULL));
    assert_int_equal(ent_registry_between(roles, 16, reg, "IRQGOV", "RUS"), 0);
    ent_registry_destroy(reg);
}

/* ---------------------------------------------------------------- user files ---- */

static void bad_lines_are_reported_with_file_and_line_and_skipped(void **state)
{
    (void)state;
    char path[64];
    const char *text =
        "# my treaties\n"                                                                /* 1 */
        HEADER                                                                           /* 2 */
        "\n"                                                                             /* 3 */
        "b-1999\tLater pact\t1999-05-01\t\t10y\tAAA,BBB\t1\t0\t0\t0\t1\tdefence\tmine\n" /* 4 */
        "bad-date\tPact\t1999-02-30\t\t\tAAA,BBB\t0\t0\t0\t0\t0\t\t\n"                   /* 5 */
        "bad-count\tPact\t1999-01-01\t\tAAA,BBB\t0\t0\t0\t0\t0\t\t\n"                    /* 6 */
        "  # an indented comment\n"                                                      /* 7 */
        "bad-flag\tPact\t1999-01-01\t\t\tAAA,BBB\t0\tyes\t0\t0\t0\t\t\n"                 /* 8 */
        "a-1990\tEarlier pact\t1990-01-02\t1990-03-01\t\tAAA , CCC\t0\t0\t1\t\t\tno "
        "defence\tmine\r\n"; /* 9 */
    assert_non_null(write_temp(path, text));
    ent_registry *reg = NULL;
    diags d = {0};
    assert_int_equal(ent_registry_load(&reg, path, collect, &d), ENT_OK);
    for (int i = 0; i < d.n; i++)
        print_message("%s\n", d.msg[i]);
    assert_int_equal(d.n, 3);
    assert_int_equal(ent_registry_skipped(reg), 3);
    char expect[128];
    snprintf(expect, sizeof expect, "%s:5: ", path);
    assert_memory_equal(d.msg[0], expect, strlen(expect));
    assert_non_null(strstr(d.msg[0], "1999-02-30"));
    snprintf(expect, sizeof expect, "%s:6: ", path);
    assert_memory_equal(d.msg[1], expect, strlen(expect));
    assert_non_null(strstr(d.msg[1], "columns"));
    snprintf(expect, sizeof expect, "%s:8: ", path);
    assert_memory_equal(d.msg[2], expect, strlen(expect));
    assert_non_null(strstr(d.msg[2], "offence"));

    /* The good lines loaded, sorted by signing date, spaces and CR trimmed. */
    assert_int_equal(ent_registry_count(reg), 2);
    const ent_treaty *a = ent_registry_get(reg, 0), *b = ent_registry_get(reg, 1);
    assert_string_equal(a->id, "a-1990");
    assert_string_equal(b->id, "b-1999");
    assert_int_equal(a->line, 9);
    assert_string_equal(a->file, path);
    assert_int_equal(a->nparties, 2);
    assert_string_equal(a->parties[1], "CCC");
    assert_int_equal(a->in_force, ymd(1990, 3, 1));
    assert_int_equal(a->neutrality, ENT_OBLIG_YES);
    assert_int_equal(a->nonaggression, ENT_OBLIG_UNKNOWN);
    assert_string_equal(a->source, "mine");
    assert_string_equal(a->duration, "");
    assert_int_equal(b->in_force, ENT_DATE_NONE);
    assert_int_equal(b->defence, ENT_OBLIG_YES);
    size_t idx[4];
    assert_int_equal(ent_registry_between(idx, 4, reg, "AAA", "BBBGOV"), 1);
    assert_int_equal(idx[0], 1);
    ent_registry_destroy(reg);
    unlink(path);
}

static void other_bad_rows_are_reported_too(void **state)
{
    (void)state;
    char path[64];
    const char *text =
        HEADER "x\tPact\t2000-01-01\t\t\tAAA,BBB\t0\t0\t0\t0\t0\t\t\n"           /* 2: good */
               "x\tSame id\t2000-01-01\t\t\tAAA,BBB\t0\t0\t0\t0\t0\t\t\n"        /* 3 */
               "y\tPact\t2000-01-01\t1999-01-01\t\tAAA,BBB\t0\t0\t0\t0\t0\t\t\n" /* 4 */
               "z\tPact\t2000-01-01\t\t\tAAA\t0\t0\t0\t0\t0\t\t\n"               /* 5 */
               "w\tPact\t2000-01-01\t\t\tAAA,Iran\t0\t0\t0\t0\t0\t\t\n"          /* 6 */
               "v\t\t2000-01-01\t\t\tAAA,BBB\t0\t0\t0\t0\t0\t\t\n"               /* 7 */
               "u\tPact\t20000101\t\t\tAAA,BBB\t0\t0\t0\t0\t0\t\t\n"             /* 8 */
               "t\tPact\t2000-01-01\t\t\tAAA,BBB\t0\t0\t0\t0\t2\t\t\n";          /* 9 */
    assert_non_null(write_temp(path, text));
    ent_registry *reg = NULL;
    diags d = {0};
    assert_int_equal(ent_registry_load(&reg, path, collect, &d), ENT_OK);
    assert_int_equal(d.n, 7);
    for (int i = 0; i < 7; i++)
        assert_int_equal(d.line[i], 3 + i);
    assert_non_null(strstr(d.msg[0], "already used (line 2)"));
    assert_non_null(strstr(d.msg[1], "before signed"));
    assert_non_null(strstr(d.msg[2], "two parties"));
    assert_non_null(strstr(d.msg[3], "'Iran'"));
    assert_int_equal(ent_registry_count(reg), 1);
    ent_registry_destroy(reg);
    unlink(path);
}

static void missing_file_and_wrong_header_fail(void **state)
{
    (void)state;
    ent_registry *reg = (ent_registry *)1;
    diags d = {0};
    assert_int_equal(ent_registry_load(&reg, "/nonexistent/treaties.tsv", collect, &d),
                     ENT_ENOTFOUND);
    assert_null(reg);
    assert_int_equal(d.n, 1);

    char path[64];
    assert_non_null(write_temp(path, "id\tname\tsigned\n"
                                     "x\tPact\t2000-01-01\n"));
    memset(&d, 0, sizeof d);
    assert_int_equal(ent_registry_load(&reg, path, collect, &d), ENT_EPARSE);
    assert_null(reg);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.line[0], 1);
    unlink(path);

    assert_non_null(write_temp(path, "# only a comment\n"));
    assert_int_equal(ent_registry_load(&reg, path, NULL, NULL), ENT_EPARSE);
    unlink(path);
    ent_registry_destroy(NULL);
}

/* -------------------------------------------------------------- obligations ---- */

static void obligations_sentence_states_what_binds_the_parties(void **state)
{
    (void)state;
    ent_registry *reg = builtin();
    char buf[512];

    size_t n = ent_registry_obligations(buf, sizeof buf, ent_registry_find(reg, "ir-ru-2025"));
    print_message("ir-ru-2025: %s\n", buf);
    assert_int_equal(n, strlen(buf));
    assert_non_null(strstr(buf, "Commits neither side to mutual defence;"));
    assert_non_null(strstr(buf, "not to help an aggressor against the other"));
    assert_non_null(strstr(buf, "consult"));
    assert_non_null(strstr(buf, "Not recorded: non-aggression."));

    ent_registry_obligations(buf, sizeof buf, ent_registry_find(reg, "nato-1949"));
    print_message("nato-1949: %s\n", buf);
    assert_non_null(strstr(buf, "Obliges the parties to help defend any party that is attacked "
                                "(mutual defence)"));
    assert_null(strstr(buf, "no party"));
    assert_null(strstr(buf, "Not recorded"));

    ent_registry_obligations(buf, sizeof buf, ent_registry_find(reg, "ru-kp-2024"));
    assert_non_null(strstr(buf, "Obliges each side to help defend the other"));

    ent_registry_obligations(buf, sizeof buf, ent_registry_find(reg, "jcpoa-2015"));
    assert_string_equal(buf, "Commits no party to mutual defence or to any other military "
                             "obligation.");

    ent_registry_obligations(buf, sizeof buf, ent_registry_find(reg, "ru-by-1999"));
    assert_string_equal(buf, "No obligation is recorded as present. Not recorded: mutual "
                             "defence, neutrality, non-aggression and consultation.");

    /* Truncation works like snprintf. */
    char small[16];
    size_t full = ent_registry_obligations(NULL, 0, ent_registry_find(reg, "ir-ru-2025"));
    assert_int_equal(
        ent_registry_obligations(small, sizeof small, ent_registry_find(reg, "ir-ru-2025")), full);
    assert_string_equal(small, "Commits neither");
    assert_true(full > sizeof small);
    ent_registry_destroy(reg);
}

/* ------------------------------------------------------------------ pillars ---- */

typedef struct pillar_case {
    const char *code, *issues;
    ent_pillar expect;
} pillar_case;

static void pillars_follow_codes_and_issue_tags(void **state)
{
    (void)state;
    static const pillar_case cases[] = {
        /* the code alone */
        {"0311", "", ENT_PILLAR_ECONOMIC},
        {"0331", NULL, ENT_PILLAR_ECONOMIC},
        {"061", "", ENT_PILLAR_ECONOMIC},
        {"071", "", ENT_PILLAR_ECONOMIC},
        {"163", "", ENT_PILLAR_ECONOMIC},
        {"1312", "", ENT_PILLAR_ECONOMIC},
        {"0312", "", ENT_PILLAR_MILITARY},
        {"0332", "", ENT_PILLAR_MILITARY},
        {"062", "", ENT_PILLAR_MILITARY},
        {"072", "", ENT_PILLAR_MILITARY},
        {"074", "", ENT_PILLAR_MILITARY},
        {"1056", "", ENT_PILLAR_MILITARY},
        {"0871", "", ENT_PILLAR_MILITARY}, /* from its base code 087 */
        {"1384", "", ENT_PILLAR_MILITARY}, /* from 138 */
        {"154", "", ENT_PILLAR_MILITARY},
        {"195", "", ENT_PILLAR_MILITARY},
        {"0313", "", ENT_PILLAR_SECURITY},
        {"0314", "", ENT_PILLAR_SECURITY},
        {"063", "", ENT_PILLAR_SECURITY},
        {"064", "", ENT_PILLAR_SECURITY},
        {"1125", "", ENT_PILLAR_SECURITY},
        {"151", "", ENT_PILLAR_SECURITY},
        {"173", "", ENT_PILLAR_SECURITY},
        {"183", "", ENT_PILLAR_SECURITY},
        {"0333", "", ENT_PILLAR_HUMANITARIAN},
        {"073", "", ENT_PILLAR_HUMANITARIAN},
        {"075", "", ENT_PILLAR_HUMANITARIAN},
        {"0863", "", ENT_PILLAR_HUMANITARIAN},
        {"010", "", ENT_PILLAR_DIPLOMATIC},
        {"036", "", ENT_PILLAR_DIPLOMATIC},
        {"042", "", ENT_PILLAR_DIPLOMATIC},
        {"057", "", ENT_PILLAR_DIPLOMATIC},
        {"111", "", ENT_PILLAR_DIPLOMATIC},
        {"060", "", ENT_PILLAR_OTHER},
        {"145", "", ENT_PILLAR_OTHER},
        {NULL, NULL, ENT_PILLAR_OTHER},
        {"", "", ENT_PILLAR_OTHER},
        {"99", "", ENT_PILLAR_OTHER},
        {"05a", "", ENT_PILLAR_OTHER},
        {"0", "", ENT_PILLAR_OTHER},
        /* NUCLEAR decides, except for armed force */
        {"057", "NUCLEAR,ENERGY", ENT_PILLAR_NUCLEAR},
        {"0311", "NUCLEAR", ENT_PILLAR_NUCLEAR},
        {"0862", "NUCLEAR", ENT_PILLAR_NUCLEAR},
        {"1385", "NUCLEAR", ENT_PILLAR_NUCLEAR},
        {"195", "NUCLEAR", ENT_PILLAR_MILITARY},
        {"195", "ENERGY", ENT_PILLAR_MILITARY},
        {"173", "CYBER", ENT_PILLAR_SECURITY},
        {"195K", "", ENT_PILLAR_MILITARY}, /* a dictionary's refinement counts as its base */
        /* ENERGY, TRADE, FINANCE move a named code unless another tag agrees with it */
        {"0312", "ENERGY", ENT_PILLAR_ECONOMIC},
        {"073", "FINANCE", ENT_PILLAR_ECONOMIC},
        {"0312", "MILITARY,TRADE", ENT_PILLAR_MILITARY},
        {"0311", "MILITARY,TRADE", ENT_PILLAR_ECONOMIC},
        /* other tags do not move a named code */
        {"073", "MILITARY", ENT_PILLAR_HUMANITARIAN},
        {"0311", "MILITARY", ENT_PILLAR_ECONOMIC},
        {"163", "MILITARY", ENT_PILLAR_ECONOMIC},
        {"064", "TERRORISM", ENT_PILLAR_SECURITY},
        /* a general code takes its first tag in priority order */
        {"057", "TRADE", ENT_PILLAR_ECONOMIC},
        {"057", "ENERGY", ENT_PILLAR_ECONOMIC},
        {"057", "TRADE,MILITARY", ENT_PILLAR_MILITARY},
        {"036", "INTELLIGENCE", ENT_PILLAR_SECURITY},
        {"040", "HUMANITARIAN", ENT_PILLAR_HUMANITARIAN},
        {"060", "TRANSPORT", ENT_PILLAR_ECONOMIC},
        {"111", "SANCTIONS", ENT_PILLAR_ECONOMIC},
        {"070", "HUMANITARIAN,TRANSPORT", ENT_PILLAR_HUMANITARIAN},
        /* tags without a pillar, unknown tags, spacing and case */
        {"111", "SPACE,ELECTIONS,HUMAN_RIGHTS", ENT_PILLAR_DIPLOMATIC},
        {"111", "NUCLEARISH,TRAD", ENT_PILLAR_DIPLOMATIC},
        {"057", " trade , finance ", ENT_PILLAR_ECONOMIC},
        {"057", ",,Military,", ENT_PILLAR_MILITARY},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ent_pillar got = ent_pillar_of(cases[i].code, cases[i].issues);
        if (got != cases[i].expect)
            fail_msg("ent_pillar_of(\"%s\", \"%s\") = %s, expected %s",
                     cases[i].code ? cases[i].code : "(null)",
                     cases[i].issues ? cases[i].issues : "(null)", ent_pillar_name(got),
                     ent_pillar_name(cases[i].expect));
    }
}

static void pillar_names_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < ENT_PILLAR_COUNT; i++) {
        ent_pillar p;
        assert_int_equal(ent_pillar_parse(&p, ent_pillar_name((ent_pillar)i)), ENT_OK);
        assert_int_equal(p, i);
    }
    ent_pillar p;
    assert_int_equal(ent_pillar_parse(&p, "Military"), ENT_OK);
    assert_int_equal(p, ENT_PILLAR_MILITARY);
    assert_int_equal(ent_pillar_parse(&p, "militar"), ENT_EINVAL);
    assert_int_equal(ent_pillar_parse(&p, NULL), ENT_EINVAL);
    assert_string_equal(ent_pillar_name(ENT_PILLAR_COUNT), "invalid");
    assert_string_equal(ent_pillar_name(ENT_PILLAR_SECURITY), "security");
}

static void aid_flows_from_source_and_cooperation_both_ways(void **state)
{
    (void)state;
    assert_int_equal(ent_pillar_flow("071"), ENT_FLOW_SOURCE_GIVES);
    assert_int_equal(ent_pillar_flow("072"), ENT_FLOW_SOURCE_GIVES);
    assert_int_equal(ent_pillar_flow("07"), ENT_FLOW_SOURCE_GIVES);
    assert_int_equal(ent_pillar_flow("062"), ENT_FLOW_MUTUAL);
    assert_int_equal(ent_pillar_flow("060"), ENT_FLOW_MUTUAL);
    assert_int_equal(ent_pillar_flow("0332"), ENT_FLOW_NONE); /* an intention, not a transfer */
    assert_int_equal(ent_pillar_flow("057"), ENT_FLOW_NONE);
    assert_int_equal(ent_pillar_flow("163"), ENT_FLOW_NONE);
    assert_int_equal(ent_pillar_flow("172"), ENT_FLOW_NONE);
    assert_int_equal(ent_pillar_flow("07x"), ENT_FLOW_NONE);
    assert_int_equal(ent_pillar_flow(NULL), ENT_FLOW_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_registry_loads_clean_in_signing_order),
        cmocka_unit_test(iran_russia_agreements_come_in_signing_order),
        cmocka_unit_test(actor_codes_with_roles_match_their_country),
        cmocka_unit_test(bad_lines_are_reported_with_file_and_line_and_skipped),
        cmocka_unit_test(other_bad_rows_are_reported_too),
        cmocka_unit_test(missing_file_and_wrong_header_fail),
        cmocka_unit_test(obligations_sentence_states_what_binds_the_parties),
        cmocka_unit_test(pillars_follow_codes_and_issue_tags),
        cmocka_unit_test(pillar_names_round_trip),
        cmocka_unit_test(aid_flows_from_source_and_cooperation_both_ways),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
