/*
 * Tests of the TABARI translator (src/dict/tabari.c): hand-written snippets with their exact
 * .ent translation, date restrictions checked against the loaded dictionary, synonym sets,
 * odd bytes, reported lines; then the real TABARI dictionaries of ../shared/interop/tabari,
 * which must translate with known counts, load without one diagnostic, and code a sentence.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include "dict/dict_internal.h"
#include "entente/coder.h"
#include "util/buf.h"
#include "util/embedded.h"
#include "util/file.h"

#include <time.h>

/* ------------------------------------------------------------------------ helpers ---- */

/* Every diagnostic, one per line: "LINE: message". */
typedef struct diags {
    ent_buf all;
    int count;
} diags;

static void collect(void *ctx, const char *file, long line, const char *msg)
{
    diags *d = ctx;
    (void)file;
    d->count++;
    ent_buf_appendf(&d->all, "%ld: %s\n", line, msg);
}

/* For loads: the loader's warning that WordNet is missing is about the machine, not about
 * the dictionary, so it is left out. */
static void collect_load(void *ctx, const char *file, long line, const char *msg)
{
    if (strcmp(file, "wordnet") != 0)
        collect(ctx, file, line, msg);
}

/* Number of diagnostics containing needle. */
static int count_of(const diags *d, const char *needle)
{
    int n = 0;
    for (const char *p = d->all.data; p && (p = strstr(p, needle)); p++)
        n++;
    return n;
}

/* Whether a diagnostic of that line contains needle. */
static int said_at(const diags *d, long line, const char *needle)
{
    char prefix[32];
    int pn = snprintf(prefix, sizeof prefix, "%ld: ", line);
    for (const char *p = d->all.data; p && *p;) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n > (size_t)pn && !strncmp(p, prefix, (size_t)pn)) {
            char msg[800];
            snprintf(msg, sizeof msg, "%.*s", (int)n, p);
            if (strstr(msg, needle))
                return 1;
        }
        p += n + (end != NULL);
    }
    return 0;
}

static void diags_free(diags *d)
{
    ent_buf_free(&d->all);
    d->count = 0;
}

/* Translates text; returns the .ent text after the translator's comment line. */
static const char *translate(ent_buf *out, diags *d, ent_dict__foreign_stats *st, const char *name,
                             const char *text, size_t len)
{
    ent_buf_reset(out);
    assert_int_equal(ent_dict__tabari_translate(out, name, text, len, collect, d, st), ENT_OK);
    assert_non_null(out->data);
    assert_true(out->data[0] == '#');
    const char *body = strchr(out->data, '\n');
    assert_non_null(body);
    return body + 1;
}

static const char *translate_str(ent_buf *out, diags *d, ent_dict__foreign_stats *st,
                                 const char *name, const char *text)
{
    return translate(out, d, st, name, text, strlen(text));
}

/* Translates a file of ../shared/interop/tabari; returns the .ent text as translate(). */
static const char *translate_shared(ent_buf *out, diags *d, ent_dict__foreign_stats *st,
                                    const char *file)
{
    char path[512];
    snprintf(path, sizeof path, "%s/interop/tabari/%s", ENT_SHARED_DIR, file);
    char *data;
    size_t len;
    assert_int_equal(ent__read_file(&data, &len, path), ENT_OK);
    const char *body = translate(out, d, st, file, data, len);
    free(data);
    return body;
}

/*
 * Loads .ent texts. With builtin 0 only the built-in CAMEO codebook comes along (every @verbs
 * code needs one); with 1 all the built-in dictionaries. Loader diagnostics go to d.
 */
static ent_dict *load(const char *const *texts, size_t n, int builtin, diags *d)
{
    char paths[8][64];
    const char *files[8];
    size_t nf = 0;
    assert_true(n < 8);
    if (!builtin) {
        const struct ent_embedded_file *cameo = ent__embedded_find("dict/cameo.ent");
        assert_non_null(cameo);
        assert_non_null(write_temp(paths[nf], cameo->data));
        files[nf] = paths[nf];
        nf++;
    }
    for (size_t i = 0; i < n; i++, nf++) {
        assert_non_null(write_temp(paths[nf], texts[i]));
        files[nf] = paths[nf];
    }
    ent_dict_options opt = ENT_DICT_OPTIONS_INIT;
    opt.builtin = builtin;
    opt.files = files;
    opt.nfiles = nf;
    opt.diag = collect_load;
    opt.diag_ctx = d;
    ent_dict *dict = NULL;
    assert_int_equal(ent_dict_load(&dict, &opt), ENT_OK);
    ent_dict_stats s;
    ent_dict_stats_get(&s, dict);
    assert_int_equal(s.lines_skipped, (size_t)d->count);
    for (size_t i = 0; i < nf; i++)
        unlink(paths[i]);
    return dict;
}

/* The actor code of a whole name on a date ("" when none). */
/* Codes text as a document of 1 March 1995; the events stay the coder's. */
static const ent_event *code_text(ent_coder *coder, const char *text, size_t *n)
{
    ent_doc doc = {0};
    doc.id = "tabari";
    doc.text = text;
    doc.len = strlen(text);
    doc.date = ent_date_from_ymd(1995, 3, 1);
    const ent_event *ev;
    assert_int_equal(ent_coder_code(&ev, n, coder, &doc, NULL), ENT_OK);
    return ev;
}

static const char *actor_on(const ent_dict *dict, const char *name, int y, int m, int day)
{
    static char code[32];
    ent_text *text;
    assert_int_equal(ent_text_create(&text, ent_dict_lexicon(dict)), ENT_OK);
    assert_int_equal(
        ent_text_analyse(text, name, strlen(name), ENT_TEXT_NO_SENTENCES | ENT_TEXT_NO_TAGS),
        ENT_OK);
    size_t ntok;
    const ent_token *tok = ent_text_tokens(text, &ntok);
    const char *c = NULL;
    int rc = ent_dict_lookup_phrase(&c, NULL, dict, tok, ntok, 0, ent_date_from_ymd(y, m, day));
    snprintf(code, sizeof code, "%s", rc == ENT_OK ? c : "");
    ent_text_destroy(text);
    return code;
}

/* Whether WordNet is there (the lexicon then knows verbs); fails under CI=true without it. */
static int need_wordnet(void)
{
    ent_lexicon *lex;
    const char *warning = NULL;
    assert_int_equal(ent_lexicon_load(&lex, NULL, &warning), ENT_OK);
    ent_lexicon_destroy(lex);
    if (!warning)
        return 1;
    if (running_in_ci())
        fail_msg("WordNet files are missing (install wordnet-base)");
    fprintf(stderr, "SKIP: WordNet files are missing\n");
    skip();
    return 0;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ------------------------------------------------------------------------ snippets ---- */

static void actors_translate_line_by_line(void **state)
{
    (void)state;
    const char *src = "; test actors, written for this test\n"        /* 1 */
                      "NORTHLAND  [NRL] ;capital and country\n"       /* 2 */
                      "NORTHLANDER_  [NRL]\n"                         /* 3 */
                      "KING_OLAF_  [NRLGOV 950101-981231] [NRLELI]\n" /* 4 */
                      "GENERAL_ASTRID  [NRLMIL <991231] [---]\n"      /* 5 */
                      "SOUTH_ISLES [SIS >010203]\n"                   /* 6 */
                      "VELMARA\n"                                     /* 7 */
                      "+VELMARAN_CAPITAL_\n"                          /* 8 */
                      "\t[VLM]\n"                                     /* 9 */
                      "\n"                                            /* 10 */
                      "UN_  [UNO]\n"                                  /* 11 */
                      "GROUP_OF_NINE_  [GNN]\n";                      /* 12 */
    ent_buf out = ENT_BUF_INIT;
    diags d = {0};
    ent_dict__foreign_stats st;
    const char *ent = translate_str(&out, &d, &st, "test.actors", src);
    assert_string_equal(ent, "@actors\n"
                             "@line 2\n"
                             "NRL : Northland*\n"
                             "NRL : Northlander\n"
                             "NRLELI : King Olaf\n"
                             "@line 4\n"
                             "NRLGOV 1995-01-01..1998-12-31 : King Olaf\n"
                             "NRLMIL ..1999-12-31 : General Astrid*\n"
                             "SIS 2001-02-03.. : South Isles*\n"
                             "VLM : Velmara*\n"
                             "VLM : Velmaran Capital\n"
                             "@line 11\n"
                             "UNO : UN\n"
                             "GNN : Group of Nine\n");
    assert_int_equal(st.entries, 10);
    assert_int_equal(st.skipped, 0);
    /* An actor's stem stays one ("Northland*"); an acronym's is a whole word. */
    assert_false(said_at(&d, 0, "note (stem)"));

    diags ld = {0};
    ent_dict *dict = load(&ent, 1, 0, &ld);
    assert_int_equal(ld.count, 0);
    assert_string_equal(actor_on(dict, "King Olaf", 1996, 5, 1), "NRLGOV");
    assert_string_equal(actor_on(dict, "King Olaf", 2005, 5, 1), "NRLELI");
    assert_string_equal(actor_on(dict, "General Astrid", 1999, 12, 31), "NRLMIL");
    assert_string_equal(actor_on(dict, "General Astrid", 2000, 1, 1), "");
    assert_string_equal(actor_on(dict, "Velmaran Capital", 2010, 1, 1), "VLM");
    assert_string_equal(ent_dict_actor_name(dict, "NRL"), "Northland");
    ent_dict_destroy(dict);
    diags_free(&ld);
    diags_free(&d);
    ent = translate_str(&out, &d, &st, "test.actors", "UN  [UNO]\nELVEN_GUARD  [GRD]\n");
    assert_string_equal(ent, "@actors\n@line 1\nUNO : UN\nGRD : Elven Guard*\n");
    assert_true(said_at(&d, 0, "note (stem): 1 phrase"));
    diags_free(&d);
    ent_buf_free(&out);
}

static void date_restrictions_keep_first_match_semantics(void **state)
{
    (void)state;
    /* Overlapping restrictions, a null period before a default, a dated discard, years
     * around the 2000/1900 pivot, a range that is empty under that rule. */
    const char *src = "PRINCE_ARVID_  [ARVELI 800101-891231] [ARVGOV 890601-950630] [ARVELI]\n"
                      "DUKE_BERN_  [--- <900101] [BRN]\n"
                      "OLD_PORT_  [OPT <850101] [###]\n"
                      "NEW_HARBOUR_  [NHB 291231-300101]\n"
                      "GRAND_VIZIER_KOR_  [KORGOV 270101-730717] [KORELI]\n";
    ent_buf out = ENT_BUF_INIT;
    diags d = {0};
    ent_dict__foreign_stats st;
    const char *ent = translate_str(&out, &d, &st, "dates.actors", src);
    assert_string_equal(ent, "@actors\n"
                             "@line 1\n"
                             "ARVELI : Prince Arvid\n"
                             "@line 1\n"
                             "ARVGOV 1990-01-01..1995-06-30 : Prince Arvid\n"
                             "BRN 1990-01-02.. : Duke Bern\n"
                             "OPT ..1985-01-01 : Old Port\n"
                             "NHB 2029-12-31..2030-01-01 : New Harbour\n"
                             "KORELI : Grand Vizier Kor\n");
    /* The discard after 1985 has no .ent form; 270101 is 2027, so the range is empty. */
    assert_int_equal(st.skipped, 1);
    assert_true(said_at(&d, 3, "skipped (discard)"));
    assert_true(said_at(&d, 5, "warning (empty range): [KORGOV 270101-730717]"));

    diags ld = {0};
    ent_dict *dict = load(&ent, 1, 0, &ld);
    assert_int_equal(ld.count, 0);
    /* TABARI: the first restriction covering the date wins. */
    assert_string_equal(actor_on(dict, "Prince Arvid", 1985, 1, 1), "ARVELI");
    assert_string_equal(actor_on(dict, "Prince Arvid", 1989, 7, 1), "ARVELI");
    assert_string_equal(actor_on(dict, "Prince Arvid", 1990, 1, 1), "ARVGOV");
    assert_string_equal(actor_on(dict, "Prince Arvid", 1995, 7, 1), "ARVELI");
    assert_string_equal(actor_on(dict, "Duke Bern", 1990, 1, 1), "");
    assert_string_equal(actor_on(dict, "Duke Bern", 1990, 1, 2), "BRN");
    assert_string_equal(actor_on(dict, "Old Port", 1985, 1, 2), "");
    assert_string_equal(actor_on(dict, "New Harbour", 2030, 1, 1), "NHB");
    assert_string_equal(actor_on(dict, "Grand Vizier Kor", 1950, 1, 1), "KORELI");
    ent_dict_destroy(dict);
    diags_free(&ld);
    diags_free(&d);
    ent_buf_free(&out);
}

static void special_actor_codes(void **state)
{
    (void)state;
    const char *src = "HIGH_PASS_  [---]\n"       /* no actor: a place */
                      "GRAND_DERBY_  [###]\n"     /* discards the sentence */
                      "TWIN_CITIES_  [TCA/TCB]\n" /* compound */
                      "THE_RIDDLE_  [+++]\n"      /* complex */
                      "LOWLANDERS_  [low]\n"      /* not an entente code */
                      "EASTMARK_  [EMK]\n";
    ent_buf out = ENT_BUF_INIT;
    diags d = {0};
    ent_dict__foreign_stats st;
    const char *ent = translate_str(&out, &d, &st, "special.actors", src);
    assert_string_equal(ent, "@places\n"
                             "@line 1\n"
                             "TABARI : High Pass\n"
                             "@discards\n"
                             "@line 2\n"
                             "TABARI : Grand Derby\n"
                             "@actors\n"
                             "@line 3\n"
                             "TCA/TCB : Twin Cities\n"
                             "@line 6\n"
                             "EMK : Eastmark\n");
    assert_int_equal(st.entries, 4);
    assert_int_equal(st.skipped, 2);
    assert_true(said_at(&d, 4, "skipped (complex)"));
    assert_true(said_at(&d, 5, "skipped (bad code)"));
    diags ld = {0};
    ent_dict *dict = load(&ent, 1, 0, &ld);
    assert_int_equal(ld.count, 0);
    ent_dict_destroy(dict);
    diags_free(&ld);
    diags_free(&d);
    ent_buf_free(&out);
}

static void agents_translate_to_roles(void **state)
{
    (void)state;
    const char *src = "FOREIGN_MINISTER_  [~GOVFRM] ;a sub-role\n"
                      "BORDER_GUARD_ [ ~MIL]\n"
                      "RIGHTS_WATCHDOG_  [NGO~]\n"
                      "TRUCK DRIVER_  [~LAB]\n"
                      "MILITIAMAN=  [~UAF]\n"
                      "ODD_ONE_  [~G1]\n";
    ent_buf out = ENT_BUF_INIT;
    diags d = {0};
    ent_dict__foreign_stats st;
    const char *ent = translate_str(&out, &d, &st, "test.agents", src);
    assert_string_equal(ent, "@agents\n"
                             "@line 1\n"
                             "GOVFRM : foreign minister | foreign ministers\n"
                             "MIL : border guard | border guards\n"
                             "NGO : rights watchdog | rights watchdogs\n"
                             "LAB : truck driver | truck drivers\n"
                             "UAF : militiaman\n");
    assert_int_equal(st.entries, 5);
    assert_int_equal(st.skipped, 1);
    assert_true(said_at(&d, 6, "skipped (bad role)"));
    assert_false(said_at(&d, 0, "note (sub-role)")); /* roles keep their sub-roles */
    assert_true(said_at(&d, 0, "note (prefix role): 1 "));
    assert_true(said_at(&d, 0, "note (blank): 1 "));
    diags ld = {0};
    ent_dict *dict = load(&ent, 1, 0, &ld);
    assert_int_equal(ld.count, 0);
    ent_dict_stats s;
    ent_dict_stats_get(&s, dict);
    assert_int_equal(s.agent_phrases, 9);
    ent_dict_destroy(dict);
    diags_free(&ld);
    diags_free(&d);
    ent_buf_free(&out);
}

/* Base verbs only, so the output is the same with or without WordNet. */
static const char verbs_src[] = "<SYNSETS>\n"                              /* 1 */
                                "&FUNDS\n"                                 /* 2 */
                                "+LOANS\n"                                 /* 3 */
                                "+GRANT_MONEY\n"                           /* 4 */
                                "</SYNSETS>\n"                             /* 5 */
                                "PROTEST  [141] ;root with its own code\n" /* 6 */
                                "- * AGAINST +  [141]\n"                   /* 7 */
                                "- SAID *  [010]\n"                        /* 8 */
                                "- $ * OUTSIDE EMBASSY  [1411]\n"          /* 9 */
                                "- + * BY $  [141]\n"                      /* 10 */
                                "- * TO $  [141]\n"                        /* 11 */
                                "OFFER  [---]\n"                           /* 12 */
                                "- * &FUNDS TO +  [0331]\n"                /* 13 */
                                "- * { PEACE_TALKS | MEDIATION }  [036]\n" /* 14 */
                                "SEND_OFF  [032:033]\n"                    /* 15 */
                                "WARN  [130!]\n"                           /* 16 */
                                "- * OF_ REPRISALS  [138]\n"               /* 17 */
                                "- * ABOUT  [972]\n"                       /* 18 */
                                "<TIME>\n"                                 /* 19 */
                                "IN_A_FORTNIGHT [+14]\n"                   /* 20 */
                                "</TIME>\n"                                /* 21 */
                                "- * { MEETING_ | MEETING_ }  [036]\n"     /* 22 */
                                "- % * TOGETHER  [036]\n"                  /* 23 */
                                "- SAID + WOULD *  [130]\n"                /* 24 */
                                "- + TOLD *  [130]\n";                     /* 25 */

static void verbs_translate_to_patterns(void **state)
{
    (void)state;
    ent_buf out = ENT_BUF_INIT;
    diags d = {0};
    ent_dict__foreign_stats st;
    const char *ent = translate_str(&out, &d, &st, "test.verbs", verbs_src);
    assert_string_equal(ent, "@verbs\n"
                             "@line 7\n" /* a root's own entry follows its patterns */
                             "141 : protest * against * +\n"
                             "010 : said * > protest\n"
                             "1411 : protest * outside * embassy\n"
                             "141 : + > protest\n"
                             "141 : protest * to * $\n"
                             "@line 6\n"
                             "141 : protest\n"
                             "@line 13\n"
                             "0331 : offer * loans * to * + | offer * grant money * to * +\n"
                             "036 : offer * peace talks | offer * mediation\n"
                             "032/033 : send off\n"
                             "@line 17\n"
                             "138 : warn * of * reprisals\n"
                             "972 : warn * about\n"
                             "@line 16\n"
                             "130 : warn\n"
                             "@line 22\n"
                             "036 : warn * meeting\n"
                             "036 : % > warn * together\n"
                             "130 : said * + * would * > warn\n" /* the target among words */
                             "@cameo\n"
                             "@line 18\n"
                             "972 0 : not a CAMEO code; used by test.verbs\n");
    assert_int_equal(st.entries, 16); /* 972's pattern and its @cameo entry */
    assert_int_equal(st.skipped, 3);
    assert_true(said_at(&d, 25, "skipped (target before verb)")); /* no word before it */
    assert_true(said_at(&d, 12, "skipped (null code)"));
    assert_true(said_at(&d, 0, "note (outside CAMEO): 1 "));
    assert_true(said_at(&d, 20, "skipped (time shift)"));
    assert_false(said_at(&d, 0, "note (paired)")); /* [032:033] keeps its reverse event */
    assert_true(said_at(&d, 0, "note (priority): 1 "));
    assert_true(said_at(&d, 0, "note (source): 1 "));

    diags ld = {0};
    ent_dict *dict = load(&ent, 1, 0, &ld);
    assert_int_equal(ld.count, 0);
    ent_dict_stats s;
    ent_dict_stats_get(&s, dict);
    assert_int_equal(s.verb_patterns, 17);
    ent_dict_destroy(dict);
    diags_free(&ld);
    diags_free(&d);
    ent_buf_free(&out);
}

static void synonym_sets_nest_and_are_capped(void **state)
{
    (void)state;
    /* &WIDE refers to &NARROW; &BIG has 9 members, so three of it make 729 patterns. */
    const char *src = "&NARROW\n"
                      "+SMALL_AID\n"
                      "+LITTLE_HELP\n"
                      "&WIDE\n"
                      "+&NARROW\n"
                      "+GREAT &NARROW\n"
                      "&BIG\n"
                      "+A1\n+A2\n+A3\n+A4\n+A5\n+A6\n+A7\n+A8\n+A9\n"
                      "GIVE  [070]\n"
                      "- * &WIDE  [073]\n"
                      "- * &BIG_&BIG_&BIG  [073]\n"
                      "- * &NOSUCH  [073]\n";
    ent_buf out = ENT_BUF_INIT;
    diags d = {0};
    ent_dict__foreign_stats st;
    const char *ent = translate_str(&out, &d, &st, "sets.verbs", src);
    const char *wide = "073 : give * small aid | give * little help | give * great * small aid | "
                       "give * great * little help\n";
    assert_non_null(strstr(ent, wide));
    const char *big = strstr(ent, "073 : give * a1 a1 a1 | give * a1 a1 a2 |");
    assert_non_null(big);
    size_t bars = 0;
    for (const char *p = big; *p && *p != '\n'; p++)
        bars += *p == '|';
    assert_int_equal(bars, 63);
    assert_true(said_at(&d, 19, "warning (expansion capped)"));
    assert_true(said_at(&d, 20, "skipped (unknown synset)"));
    assert_int_equal(st.skipped, 1);
    diags ld = {0};
    ent_dict *dict = load(&ent, 1, 0, &ld);
    assert_int_equal(ld.count, 0);
    ent_dict_destroy(dict);
    diags_free(&ld);
    diags_free(&d);
    ent_buf_free(&out);
}

static void odd_bytes_are_read_robustly(void **state)
{
    (void)state;
    /* CRLF, a Ctrl-Z inside a word and on a line of its own, a NUL, a lone CR, Latin-1. */
    static const char src[] = "ALPHA_LAND_  [ALP]\r\n"
                              "BE\x1ATA_LAND_  [BET]\r\n"
                              "\x1A\r\n"
                              "GAMMA\0_LAND_  [GAM]\r"
                              "C\xD4TE_D'ARGENT_  [CDA]\r\n"
                              "DELTA_LAND_  [DLT]\n";
    ent_buf out = ENT_BUF_INIT;
    diags d = {0};
    ent_dict__foreign_stats st;
    const char *ent = translate(&out, &d, &st, "bytes.actors", src, sizeof src - 1);
    assert_string_equal(ent, "@actors\n"
                             "@line 1\n"
                             "ALP : Alpha Land\n"
                             "BET : Beta Land\n"
                             "@line 4\n"
                             "GAM : Gamma Land\n"
                             "CDA : C\xC3\xB4te D'Argent\n"
                             "DLT : Delta Land\n");
    assert_int_equal(st.entries, 5);
    assert_int_equal(st.skipped, 0);
    assert_true(said_at(&d, 5, "warning (not UTF-8)"));
    assert_int_equal(count_of(&d, "warning (not UTF-8)"), 1);
    assert_true(said_at(&d, 0, "note (control bytes): 3 lines"));
    diags ld = {0};
    ent_dict *dict = load(&ent, 1, 0, &ld);
    assert_int_equal(ld.count, 0);
    assert_string_equal(actor_on(dict, "C\xC3\xB4te d'Argent", 2000, 1, 1), "CDA");
    ent_dict_destroy(dict);
    diags_free(&ld);
    diags_free(&d);
    ent_buf_free(&out);
}

static void malformed_lines_are_reported_at_their_line(void **state)
{
    (void)state;
    const char *verbs = "MEET  [036]\n"
                        "- * HALFWAY\n"                      /* 2: no code */
                        "- { SHALL | MAY ] * VISIT  [036]\n" /* 3: ] closes { */
                        "- * AGAIN * SOON  [036]\n"          /* 4: two verbs */
                        "* TO_ DISCUSS  [036]\n"             /* 5: no leading - */
                        "- * IN_ PRIVATE  [036]\n";
    ent_buf out = ENT_BUF_INIT;
    diags d = {0};
    ent_dict__foreign_stats st;
    const char *ent = translate_str(&out, &d, &st, "bad.verbs", verbs);
    assert_string_equal(ent, "@verbs\n"
                             "@line 1\n"
                             "036 : meet\n"
                             "@line 6\n"
                             "036 : meet * in * private\n");
    assert_int_equal(st.skipped, 4);
    for (long line = 2; line <= 5; line++)
        assert_true(said_at(&d, line, "skipped (malformed)"));
    assert_true(said_at(&d, 3, "'- { SHALL | MAY ] * VISIT  [036]'"));

    const char *actors = "FIRST_  [FST]\n"
                         "SECOND_  [SND 030430 040101-040101]\n"
                         "\t[THD]\n"
                         "FOURTH_\n"
                         "FIFTH_  [FTH\n";
    diags_free(&d);
    translate_str(&out, &d, &st, "bad.actors", actors);
    assert_true(said_at(&d, 2, "skipped (malformed)"));
    assert_true(said_at(&d, 4, "skipped (no code)"));
    assert_true(said_at(&d, 5, "skipped (malformed)"));
    /* The third line's indented code belongs to SECOND_. */
    assert_non_null(strstr(out.data, "THD : Second\n"));
    diags_free(&d);
    ent_buf_free(&out);
}

static void roots_become_lemmas(void **state)
{
    (void)state;
    if (!need_wordnet())
        return;
    const char *src = "ACCUS  [111]\n"    /* a stem: accuse */
                      "ATTACKED  [190]\n" /* inflected: attack */
                      "FOUGHT  [190]\n"   /* irregular: fight */
                      "RATIF  [057]\n"    /* ratify */
                      "- * TREATY_ DESPITE VIOLAT  [057]\n";
    ent_buf out = ENT_BUF_INIT;
    diags d = {0};
    ent_dict__foreign_stats st;
    const char *ent = translate_str(&out, &d, &st, "lemmas.verbs", src);
    assert_string_equal(ent, "@verbs\n"
                             "@line 1\n"
                             "111 : accuse\n"
                             "190 : attack\n"
                             "190 : fight\n"
                             "@line 5\n"
                             "057 : ratify * treaty * despite * violate | "
                             "ratify * treaty * despite * violat\n"
                             "@line 4\n"
                             "057 : ratify\n");
    assert_true(said_at(&d, 0, "note (lemma): 4 "));
    assert_true(said_at(&d, 0, "note (word stem): 1 "));
    diags_free(&d);
    ent_buf_free(&out);
}

/* TABARI codes with a root's own code only when none of its patterns matches: a pattern
 * that translates to the root's words alone ("- $ *", a source before the verb, which is
 * how entente always reads a subject) must still win over it. */
static void root_code_is_the_fallback_of_its_patterns(void **state)
{
    (void)state;
    const char *src = "CALLED_ON  [094]\n"
                      "- $ *  [092]\n"
                      "- * FOR +  [093]\n"
                      "APPEAL  [090]\n";
    ent_buf out = ENT_BUF_INIT;
    diags d = {0};
    ent_dict__foreign_stats st;
    const char *ent = translate_str(&out, &d, &st, "fallback.verbs", src);
    assert_string_equal(ent, "@verbs\n"
                             "@line 2\n"
                             "092 : call on\n"
                             "093 : call on * for * +\n"
                             "@line 1\n"
                             "094 : call on\n"
                             "@line 4\n"
                             "090 : appeal\n");
    const char *texts[] = {"@actors\nARN : Arnor\nGON : Gondor\n", ent};
    diags ld = {0};
    ent_dict *dict = load(texts, 2, 0, &ld);
    assert_int_equal(ld.count, 0);
    ent_coder *coder;
    assert_int_equal(ent_coder_create(&coder, dict), ENT_OK);
    size_t n;
    const ent_event *ev = code_text(coder, "Arnor called on Gondor to open its borders.", &n);
    assert_int_equal(n, 1);
    assert_string_equal(ev[0].event_code, "092");
    ent_coder_destroy(coder);
    ent_dict_destroy(dict);
    diags_free(&ld);
    diags_free(&d);
    ent_buf_free(&out);
}

static void file_kind_by_name_and_content(void **state)
{
    (void)state;
    ent_buf out = ENT_BUF_INIT;
    diags d = {0};
    ent_dict__foreign_stats st;
    /* No telling name: the content says verbs, agents, options, actors. */
    const char *ent = translate_str(&out, &d, &st, "dict.txt", "MEET  [036]\n- * AGAIN  [036]\n");
    assert_string_equal(ent, "@verbs\n@line 2\n036 : meet * again\n@line 1\n036 : meet\n");
    ent = translate_str(&out, &d, &st, "roles", "SOLDIER_  [~MIL]\n");
    assert_string_equal(ent, "@agents\n@line 1\nMIL : soldier | soldiers\n");
    translate_str(&out, &d, &st, "settings", "COMPLEX: VERBS[5]\nLABEL: 036=MEET\n");
    assert_int_equal(st.skipped, 2);
    assert_int_equal(count_of(&d, "skipped (option)"), 2);
    ent = translate_str(&out, &d, &st, "places", "ZEDLAND  [ZED]\n");
    assert_string_equal(ent, "@actors\n@line 1\nZED : Zedland*\n");
    /* The name wins over the content. */
    ent = translate_str(&out, &d, &st, "x.ACTORS.txt", "SOLDIER_  [MIL]\n");
    assert_string_equal(ent, "@actors\n@line 1\nMIL : Soldier\n");
    diags_free(&d);
    ent_buf_free(&out);
}

/* ------------------------------------------------------------------ real dictionaries ---- */

static void demo_dictionaries_translate_and_load(void **state)
{
    (void)state;
    if (!require_shared("interop/tabari/TABARI.Demo.verbs"))
        return;
    ent_buf actors = ENT_BUF_INIT, verbs = ENT_BUF_INIT, agents = ENT_BUF_INIT;
    diags da = {0}, dv = {0}, dg = {0};
    ent_dict__foreign_stats sa, sv, sg;
    translate_shared(&actors, &da, &sa, "TABARI.Demo.actors");
    translate_shared(&verbs, &dv, &sv, "TABARI.Demo.verbs");
    translate_shared(&agents, &dg, &sg, "Validate.agents");

    assert_true(sa.entries >= 125);
    assert_int_equal(sa.skipped, 5);
    assert_int_equal(count_of(&da, "skipped (discard)"), 3);
    assert_int_equal(count_of(&da, "skipped (complex)"), 2);
    assert_non_null(strstr(actors.data, "FRO/BIL/SAM : The Shire*\n"));
    assert_non_null(strstr(actors.data, "AR1 ..1991-12-26 : Axnor*\n"));
    assert_non_null(strstr(actors.data, "HOBGOV 1995-06-02..1999-08-15 : Smeagol*\n"));

    assert_true(sv.entries >= 340);
    /* The WEIS codes (222, 901...) are kept: 118 uses; refined ones (174K) are kept as known.
       Words before the verb are kept too ("said * > boycott"); patterns read that far may be
       skipped for what else they hold. */
    assert_int_equal(sv.skipped, 82);
    assert_true(said_at(&dv, 0, "note (outside CAMEO): 118 "));
    assert_int_equal(count_of(&dv, "skipped (words before verb)"), 0);
    assert_int_equal(count_of(&dv, "skipped (not CAMEO)"), 4);
    assert_int_equal(count_of(&dv, "skipped (null code)"), 56);
    assert_int_equal(count_of(&dv, "skipped (time shift)"), 12);
    assert_int_equal(count_of(&dv, "skipped (compound slot)"), 2);
    assert_int_equal(count_of(&dv, "skipped (target before verb)"), 1); /* "+ WAS *" is passive */
    assert_int_equal(count_of(&dv, "skipped (skip slot)"), 3);
    assert_int_equal(count_of(&dv, "skipped (complex)"), 3);
    assert_int_equal(count_of(&dv, "skipped (two sources)"), 0);
    assert_int_equal(count_of(&dv, "skipped (discard)"), 1);
    assert_non_null(strstr(verbs.data, "172 : ask * for * economic sanctions | "
                                       "ask * for * total boycott | ask * for * embargo\n"));

    assert_int_equal(sg.entries, 86);
    assert_int_equal(sg.skipped, 0);
    assert_non_null(strstr(agents.data, "GOVFRM : foreign minister | foreign ministers\n"));

    const char *texts[] = {actors.data, verbs.data, agents.data};
    diags ld = {0};
    ent_dict *dict = load(texts, 3, 0, &ld);
    if (ld.count)
        fprintf(stderr, "load diagnostics:\n%s", ld.all.data);
    assert_int_equal(ld.count, 0);
    ent_dict_stats s;
    ent_dict_stats_get(&s, dict);
    assert_true(s.verb_patterns >= 350);
    assert_true(s.agent_phrases >= 150);
    ent_dict_destroy(dict);
    diags_free(&ld);
    diags_free(&da);
    diags_free(&dv);
    diags_free(&dg);
    ent_buf_free(&actors);
    ent_buf_free(&verbs);
    ent_buf_free(&agents);
}

static void demo_dictionaries_code_a_sentence(void **state)
{
    (void)state;
    /* The coder finds "asked" to be a form of "ask" through WordNet. */
    if (!require_shared("interop/tabari/TABARI.Demo.verbs") || !need_wordnet())
        return;
    ent_buf actors = ENT_BUF_INIT, verbs = ENT_BUF_INIT;
    diags d = {0};
    ent_dict__foreign_stats st;
    translate_shared(&actors, &d, &st, "TABARI.Demo.actors");
    translate_shared(&verbs, &d, &st, "TABARI.Demo.verbs");
    const char *texts[] = {actors.data, verbs.data};
    diags ld = {0};
    ent_dict *dict = load(texts, 2, 0, &ld);
    assert_int_equal(ld.count, 0);
    ent_coder *coder;
    assert_int_equal(ent_coder_create(&coder, dict), ENT_OK);
    /* ARNOR [ARN], the GONDOR entry [GON] and the pattern of ASK on line 102:
     * "- * FOR { … | TOTAL_BOYCOTT | … } [172]". */
    size_t n;
    const ent_event *ev = code_text(
        coder, "In a letter to the council, Arnor asked for a total boycott of Gondor.", &n);
    assert_int_equal(n, 1);
    assert_string_equal(ev[0].source_code, "ARN");
    assert_string_equal(ev[0].target_code, "GON");
    assert_string_equal(ev[0].event_code, "172");
    /* The rules name the lines of the TABARI files (the translation is a temp file). */
    int verb_rule = 0, actor_rule = 0;
    for (int i = 0; i < ev[0].nrules; i++) {
        verb_rule |= strstr(ev[0].rules[i], ":102 verb 172 'ask * for * total boycott'") != NULL;
        actor_rule |= strstr(ev[0].rules[i], ":30 actor ARN 'Arnor*'") != NULL;
    }
    assert_true(verb_rule);
    assert_true(actor_rule);
    ent_coder_destroy(coder);
    ent_dict_destroy(dict);
    diags_free(&ld);
    diags_free(&d);
    ent_buf_free(&actors);
    ent_buf_free(&verbs);
}

static void master_verbs_translate_and_load(void **state)
{
    (void)state;
    if (!require_shared("interop/tabari/CAMEO.091003.master.verbs"))
        return;
    ent_buf out = ENT_BUF_INIT;
    diags d = {0};
    ent_dict__foreign_stats st;
    translate_shared(&out, &d, &st, "CAMEO.091003.master.verbs");
    assert_true(st.entries >= 10000);
    assert_int_equal(st.skipped, 1994);
    assert_int_equal(count_of(&d, "skipped (words before verb)"), 0);
    assert_int_equal(count_of(&d, "skipped (null code)"), 1489);
    /* neither passive nor after a word: "+ WHO WAS *", "+ HOSTAGE * IN_ $ FREED" */
    assert_int_equal(count_of(&d, "skipped (target before verb)"), 220);
    assert_int_equal(count_of(&d, "skipped (skip slot)"), 119);          /* '^' before the verb */
    assert_int_equal(count_of(&d, "skipped (compound slot)"), 65);
    assert_int_equal(count_of(&d, "skipped (two sources)"), 1);
    assert_int_equal(count_of(&d, "skipped (discard)"), 60);
    assert_int_equal(count_of(&d, "skipped (malformed)"), 13);
    assert_int_equal(count_of(&d, "skipped (not CAMEO)"), 6); /* not digits: 7 uses are kept */
    assert_true(said_at(&d, 0, "note (outside CAMEO): 7 "));
    assert_int_equal(count_of(&d, "skipped (two targets)"), 21);
    /* Line 7995 has a stray 0xC2: read as Latin-1 and reported, the file goes on. */
    assert_true(said_at(&d, 7995, "warning (not UTF-8)"));
    assert_false(said_at(&d, 0, "note (paired)")); /* every [A:B] has a code B */
    assert_non_null(strstr(out.data, "042/043 : "));
    const char *texts[] = {out.data};
    diags ld = {0};
    ent_dict *dict = load(texts, 1, 0, &ld);
    if (ld.count)
        fprintf(stderr, "load diagnostics:\n%.2000s", ld.all.data);
    assert_int_equal(ld.count, 0);
    ent_dict_stats s;
    ent_dict_stats_get(&s, dict);
    assert_true(s.verb_patterns >= 10300);
    ent_dict_destroy(dict);
    diags_free(&ld);
    diags_free(&d);
    ent_buf_free(&out);
}

static void countryinfo_translates_and_loads(void **state)
{
    (void)state;
    if (!require_shared("interop/tabari/full-dictionaries/CountryInfo.120116.actors"))
        return;
    ent_buf out = ENT_BUF_INIT;
    diags d = {0};
    ent_dict__foreign_stats st;
    translate_shared(&out, &d, &st, "full-dictionaries/CountryInfo.120116.actors");
    assert_true(st.entries >= 32000);
    assert_int_equal(st.skipped, 2);
    assert_int_equal(count_of(&d, "skipped (reserved character)"), 2);
    assert_int_equal(count_of(&d, "warning (empty range)"), 237);
    /* Two Ctrl-Z and a NUL are dropped, not taken for the end of the file. */
    assert_true(said_at(&d, 0, "note (control bytes): 3 lines"));
    assert_non_null(strstr(out.data, "AFGGOV 1978-04-28..1978-04-30 : Abdul Qadir\n"));
    assert_non_null(strstr(out.data, "IND : Tiruchirappalli\n"));
    assert_non_null(strstr(out.data, "KNA : Saint Kitts & Nevis\n"));
    const char *texts[] = {out.data};
    diags ld = {0};
    ent_dict *dict = load(texts, 1, 0, &ld);
    if (ld.count)
        fprintf(stderr, "load diagnostics:\n%.2000s", ld.all.data);
    assert_int_equal(ld.count, 0);
    assert_string_equal(actor_on(dict, "Abdul Qadir", 1978, 4, 29), "AFGGOV");
    assert_string_equal(actor_on(dict, "Abdul Qadir", 1979, 1, 1), "AFGELI");
    ent_dict_destroy(dict);
    diags_free(&ld);
    diags_free(&d);
    ent_buf_free(&out);
}

static void full_dictionaries_load_with_builtin(void **state)
{
    (void)state;
    if (!require_shared("interop/tabari/full-dictionaries/CountryInfo.120116.actors") ||
        !require_shared("interop/tabari/CAMEO.091003.master.verbs"))
        return;
    /* Timed from the bytes in memory to a compiled dictionary; printed, not asserted. */
    char path[512];
    char *actors_raw, *verbs_raw;
    size_t actors_len, verbs_len;
    snprintf(path, sizeof path, "%s/interop/tabari/full-dictionaries/CountryInfo.120116.actors",
             ENT_SHARED_DIR);
    assert_int_equal(ent__read_file(&actors_raw, &actors_len, path), ENT_OK);
    snprintf(path, sizeof path, "%s/interop/tabari/CAMEO.091003.master.verbs", ENT_SHARED_DIR);
    assert_int_equal(ent__read_file(&verbs_raw, &verbs_len, path), ENT_OK);
    ent_buf actors = ENT_BUF_INIT, verbs = ENT_BUF_INIT;
    ent_dict__foreign_stats st;
    double t0 = now_ms();
    assert_int_equal(ent_dict__tabari_translate(&actors, "CountryInfo.120116.actors", actors_raw,
                                                actors_len, NULL, NULL, &st),
                     ENT_OK);
    assert_int_equal(ent_dict__tabari_translate(&verbs, "CAMEO.091003.master.verbs", verbs_raw,
                                                verbs_len, NULL, NULL, &st),
                     ENT_OK);
    double t1 = now_ms();
    const char *texts[] = {actors.data, verbs.data};
    diags ld = {0};
    ent_dict *dict = load(texts, 2, 1, &ld);
    double t2 = now_ms();
    assert_int_equal(ld.count, 0);
    ent_dict_stats s;
    ent_dict_stats_get(&s, dict);
    printf("CountryInfo.120116.actors + CAMEO.091003.master.verbs: translate %.1f ms, load with "
           "the built-in dictionaries %.1f ms (ent_dict_load %.1f ms; %zu actor phrases, %zu "
           "verb patterns)\n",
           t1 - t0, t2 - t1, s.load_ms, s.actor_phrases, s.verb_patterns);
    ent_dict_destroy(dict);
    diags_free(&ld);
    ent_buf_free(&actors);
    ent_buf_free(&verbs);
    free(actors_raw);
    free(verbs_raw);
}

static void options_are_reported_line_by_line(void **state)
{
    (void)state;
    if (!require_shared("interop/tabari/Validate.options"))
        return;
    ent_buf out = ENT_BUF_INIT;
    diags d = {0};
    ent_dict__foreign_stats st;
    const char *ent = translate_shared(&out, &d, &st, "Validate.options");
    assert_string_equal(ent, "");
    assert_int_equal(st.entries, 0);
    assert_int_equal(st.skipped, 96);
    assert_int_equal(count_of(&d, "skipped (option)"), 96);
    diags_free(&d);
    ent_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(actors_translate_line_by_line),
        cmocka_unit_test(date_restrictions_keep_first_match_semantics),
        cmocka_unit_test(special_actor_codes),
        cmocka_unit_test(agents_translate_to_roles),
        cmocka_unit_test(verbs_translate_to_patterns),
        cmocka_unit_test(synonym_sets_nest_and_are_capped),
        cmocka_unit_test(odd_bytes_are_read_robustly),
        cmocka_unit_test(malformed_lines_are_reported_at_their_line),
        cmocka_unit_test(roots_become_lemmas),
        cmocka_unit_test(root_code_is_the_fallback_of_its_patterns),
        cmocka_unit_test(file_kind_by_name_and_content),
        cmocka_unit_test(demo_dictionaries_translate_and_load),
        cmocka_unit_test(demo_dictionaries_code_a_sentence),
        cmocka_unit_test(master_verbs_translate_and_load),
        cmocka_unit_test(countryinfo_translates_and_loads),
        cmocka_unit_test(full_dictionaries_load_with_builtin),
        cmocka_unit_test(options_are_reported_line_by_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
