/*
 * Tests of the text module (stage 2): hashing, normalisation, tokens, sentences, lemmas and
 * tags. The lexicon comes from /usr/share/wordnet (Debian's wordnet-base); tests that need
 * WordNet's verbs skip when it is missing, except under CI=true.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS for the guard-page test */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "entente/text.h"
#include "testutil.h"

/* ---- fixtures and helpers ---- */

typedef struct fixture {
    ent_lexicon *lex;
    ent_text *t;
    int wordnet; /* the WordNet files were found */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    const char *warning = NULL;
    if (ent_lexicon_load(&f->lex, NULL, &warning) != ENT_OK)
        return -1;
    f->wordnet = warning == NULL;
    if (!f->wordnet)
        fprintf(stderr, "note: %s\n", warning);
    if (ent_text_create(&f->t, f->lex) != ENT_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    ent_text_destroy(f->t);
    ent_lexicon_destroy(f->lex);
    free(f);
    return 0;
}

/* Tests that need WordNet: skip without it, fail without it under CI. */
static int need_wordnet(const fixture *f)
{
    if (f->wordnet)
        return 1;
    const char *ci = getenv("CI");
    if (ci && strcmp(ci, "true") == 0)
        fail_msg("WordNet files are missing (install wordnet-base)");
    fprintf(stderr, "SKIP: WordNet files are missing\n");
    return 0;
}

static uint64_t H(const char *s)
{
    return ent_text_hash(s, strlen(s));
}

static const ent_token *analyse(fixture *f, const char *s, size_t *n)
{
    assert_int_equal(ent_text_analyse(f->t, s, strlen(s), 0), ENT_OK);
    return ent_text_tokens(f->t, n);
}

/* Token texts joined by '|', e.g. "Iran|'s|minister". */
static const char *joined(fixture *f, char *out, size_t cap)
{
    size_t n, blen, o = 0;
    const ent_token *tk = ent_text_tokens(f->t, &n);
    const char *b = ent_text_buffer(f->t, &blen);
    out[0] = '\0';
    for (size_t i = 0; i < n && o + tk[i].len + 2 < cap; i++) {
        if (i)
            out[o++] = '|';
        memcpy(out + o, b + tk[i].start, tk[i].len);
        o += tk[i].len;
        out[o] = '\0';
    }
    return out;
}

static void assert_tokens(fixture *f, const char *text, const char *expected)
{
    char buf[1024];
    size_t n;
    analyse(f, text, &n);
    assert_string_equal(joined(f, buf, sizeof buf), expected);
}

/* Index of the first token whose text is word, or fails. */
static size_t find(fixture *f, const char *word)
{
    size_t n, blen, wl = strlen(word);
    const ent_token *tk = ent_text_tokens(f->t, &n);
    const char *b = ent_text_buffer(f->t, &blen);
    for (size_t i = 0; i < n; i++)
        if (tk[i].len == wl && memcmp(b + tk[i].start, word, wl) == 0)
            return i;
    fail_msg("no token '%s'", word);
    return 0;
}

static ent_pos tag_of(fixture *f, const char *word)
{
    size_t n;
    const ent_token *tk = ent_text_tokens(f->t, &n);
    return (ent_pos)tk[find(f, word)].pos;
}

static void assert_tag(fixture *f, const char *word, ent_pos want)
{
    ent_pos got = tag_of(f, word);
    if (got != want)
        fail_msg("'%s' tagged %s, want %s", word, ent_pos_name(got), ent_pos_name(want));
}

/* Sentences as text, joined by " || ". */
static const char *sentences(fixture *f, const char *text, char *out, size_t cap)
{
    assert_int_equal(ent_text_analyse(f->t, text, strlen(text), 0), ENT_OK);
    size_t ns, blen, o = 0;
    const ent_sentence *s = ent_text_sentences(f->t, &ns);
    const char *b = ent_text_buffer(f->t, &blen);
    out[0] = '\0';
    for (size_t i = 0; i < ns; i++) {
        size_t len = s[i].end - s[i].start;
        if (o + len + 5 >= cap)
            break;
        if (i) {
            memcpy(out + o, " || ", 4);
            o += 4;
        }
        memcpy(out + o, b + s[i].start, len);
        o += len;
        out[o] = '\0';
    }
    return out;
}

static void assert_sentences(fixture *f, const char *text, const char *expected)
{
    char buf[2048];
    assert_string_equal(sentences(f, text, buf, sizeof buf), expected);
}

/* ---- hashing ---- */

static void hash_folds_case_and_apostrophes(void **state)
{
    (void)state;
    assert_true(H("Iran") == H("iran"));
    assert_true(H("IRAN") == H("iran"));
    assert_true(H("Iran") != H("Iraq"));
    assert_true(H("Iran's") == H("iran\xe2\x80\x99s")); /* ’ */
    assert_true(H("'s") == H("\xe2\x80\x98s"));         /* ‘ */
    assert_true(H("\xc3\x89"
                  "cole") == H("\xc3\xa9"
                               "cole")); /* École / école */
    assert_true(H("STRASSE") == H("strasse"));
    /* a dictionary word written decomposed (e + U+0301) equals the composed token */
    assert_true(H("e\xcc\x81"
                  "cole") == H("\xc3\xa9"
                               "cole"));
    /* lengths matter: every prefix differs */
    assert_true(H("") != H("a"));
    assert_true(H("abcdefgh") != H("abcdefghi"));
    assert_true(H("abcdefgh") != H("abcdefg"));
    assert_true(ent_text_hash("signed", 4) == H("sign"));
    /* only A-Z fold: '@' and '[' sit just outside them, '`' and '{' are their lower-case
       neighbours (the 8-byte fold works on whole chunks and on the tail) */
    assert_true(H("@AZ[@AZ[x") == H("@az[@az[x"));
    assert_true(H("@") != H("`"));
    assert_true(H("[") != H("{"));
    assert_true(H("@@@@@@@@") != H("````````"));
    assert_true(H("[[[[[[[[") != H("{{{{{{{{"));
}

static void token_forms_equal_dictionary_hashes(void **state)
{
    fixture *f = *state;
    size_t n;
    /* words of every length around the 8-byte chunking, capitals, non-ASCII, apostrophes */
    const char *text = "A Ab ABC Abcdefg Abcdefgh Abcdefghi ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg "
                       "Zürich Iran’s O'Brien x1y2z3 naïve";
    const ent_token *tk = analyse(f, text, &n);
    size_t blen;
    const char *b = ent_text_buffer(f->t, &blen);
    assert_true(n >= 12);
    for (size_t i = 0; i < n; i++)
        assert_true(tk[i].form == ent_text_hash(b + tk[i].start, tk[i].len));
    assert_true(tk[find(f, "Zürich")].form == H("ZÜRICH"));
    assert_true(tk[find(f, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg")].form ==
                H("abcdefghijklmnopqrstuvwxyzABCDEFG"));
}

/* ---- normalisation ---- */

static void ascii_is_analysed_in_place(void **state)
{
    fixture *f = *state;
    const char *text = "Russia and Iran signed a treaty.";
    size_t len;
    assert_int_equal(ent_text_analyse(f->t, text, strlen(text), 0), ENT_OK);
    assert_ptr_equal(ent_text_buffer(f->t, &len), text);
    assert_int_equal(len, strlen(text));
    assert_false(ent_text_was_normalised(f->t));
    assert_int_equal(ent_text_invalid_count(f->t, NULL), 0);

    /* valid UTF-8 already in NFC needs no copy either */
    const char *nfc = "Z\xc3\xbcrich and K\xc3\xb6ln signed.";
    assert_int_equal(ent_text_analyse(f->t, nfc, strlen(nfc), 0), ENT_OK);
    assert_ptr_equal(ent_text_buffer(f->t, &len), nfc);
    assert_false(ent_text_was_normalised(f->t));
}

static void decomposed_input_is_put_in_nfc(void **state)
{
    fixture *f = *state;
    const char *nfd = "Caf"
                      "e\xcc\x81"
                      " in Ko"
                      "\xcc\x88"
                      "ln.";
    size_t len;
    assert_int_equal(ent_text_analyse(f->t, nfd, strlen(nfd), 0), ENT_OK);
    const char *b = ent_text_buffer(f->t, &len);
    assert_ptr_not_equal(b, nfd);
    assert_true(ent_text_was_normalised(f->t));
    assert_int_equal(len, strlen("Caf\xc3\xa9 in K\xc3\xb6ln."));
    assert_memory_equal(b, "Caf\xc3\xa9 in K\xc3\xb6ln.", len);
    size_t n;
    const ent_token *tk = ent_text_tokens(f->t, &n);
    assert_int_equal(n, 4);
    assert_true(tk[0].form == H("caf\xc3\xa9"));
}

static void invalid_utf8_becomes_replacement_characters(void **state)
{
    fixture *f = *state;
    /* a stray byte, an overlong '/', a surrogate, a truncated sequence at the end */
    const char text[] = "\xff"
                        "abc \xc0\xaf def \xed\xa0\x80 ghi \xe2\x82";
    size_t len, first = 99;
    assert_int_equal(ent_text_analyse(f->t, text, sizeof text - 1, 0), ENT_OK);
    /* Unicode's maximal subparts: FF | C0 | AF | ED | A0 | 80 | E2 82 */
    assert_int_equal(ent_text_invalid_count(f->t, &first), 7);
    assert_int_equal(first, 0);
    assert_true(ent_text_was_normalised(f->t));
    const char *b = ent_text_buffer(f->t, &len);
    assert_memory_equal(b,
                        "\xef\xbf\xbd"
                        "abc ",
                        7);
    assert_int_equal(len, sizeof text - 1 + 7 * 2 - 1); /* 8 bad bytes became 7 × 3 bytes */
    size_t n;
    const ent_token *tk = ent_text_tokens(f->t, &n);
    assert_true(n >= 4);
    for (size_t i = 0; i < n; i++)
        assert_true(tk[i].start + tk[i].len <= len);

    const char late[] = "fine text \xc3";
    assert_int_equal(ent_text_analyse(f->t, late, sizeof late - 1, 0), ENT_OK);
    assert_int_equal(ent_text_invalid_count(f->t, &first), 1);
    assert_int_equal(first, 10);
}

static void nul_bytes_become_spaces(void **state)
{
    fixture *f = *state;
    const char text[] = "Iran\0signed\0\0it.";
    size_t len;
    assert_int_equal(ent_text_analyse(f->t, text, sizeof text - 1, 0), ENT_OK);
    const char *b = ent_text_buffer(f->t, &len);
    assert_int_equal(len, sizeof text - 1);
    assert_memory_equal(b, "Iran signed  it.", len);
    assert_true(ent_text_was_normalised(f->t));
    char buf[256];
    assert_string_equal(joined(f, buf, sizeof buf), "Iran|signed|it|.");
}

static void empty_input(void **state)
{
    fixture *f = *state;
    size_t n = 99, ns = 99, len = 99;
    assert_int_equal(ent_text_analyse(f->t, "", 0, 0), ENT_OK);
    ent_text_tokens(f->t, &n);
    ent_text_sentences(f->t, &ns);
    ent_text_buffer(f->t, &len);
    assert_int_equal(n, 0);
    assert_int_equal(ns, 0);
    assert_int_equal(len, 0);
    assert_int_equal(ent_text_analyse(f->t, NULL, 0, 0), ENT_OK);
    assert_int_equal(ent_text_analyse(f->t, NULL, 5, 0), ENT_EINVAL);
    assert_int_equal(ent_text_analyse(f->t, "  \n\n \t ", 7, 0), ENT_OK);
    ent_text_tokens(f->t, &n);
    ent_text_sentences(f->t, &ns);
    assert_int_equal(n, 0);
    assert_int_equal(ns, 0);
    assert_int_equal(ent_text_analyse(NULL, "x", 1, 0), ENT_EINVAL);
    assert_int_equal(ent_text_create(NULL, f->lex), ENT_EINVAL);
    ent_text_destroy(NULL);
    ent_lexicon_destroy(NULL);
}

static void fifty_megabyte_single_line(void **state)
{
    fixture *f = *state;
    static const char unit[] = "Iran and Russia signed a treaty in Moscow ";
    const size_t ulen = sizeof unit - 1, reps = (50u << 20) / ulen;
    char *text = malloc(reps * ulen);
    assert_non_null(text);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * ulen, unit, ulen);
    assert_int_equal(ent_text_analyse(f->t, text, reps * ulen, 0), ENT_OK);
    size_t n, ns;
    const ent_token *tk = ent_text_tokens(f->t, &n);
    const ent_sentence *s = ent_text_sentences(f->t, &ns);
    assert_int_equal(n, reps * 8);
    assert_true(tk[n - 1].start + tk[n - 1].len == reps * ulen - 1);
    /* no punctuation at all: sentences are cut at the length limit, covering every token */
    assert_true(ns >= n / 1000);
    size_t covered = 0;
    for (size_t i = 0; i < ns; i++) {
        assert_true(s[i].ntokens <= 1000);
        assert_int_equal(s[i].first_token, covered);
        covered += s[i].ntokens;
    }
    assert_int_equal(covered, n);

    /* one 50 MB word */
    memset(text, 'x', reps * ulen);
    assert_int_equal(ent_text_analyse(f->t, text, reps * ulen, 0), ENT_OK);
    tk = ent_text_tokens(f->t, &n);
    assert_int_equal(n, 1);
    assert_int_equal(tk[0].len, reps * ulen);
    free(text);
}

/* Input that ends right before an unreadable page: the 8-byte scans must not read past it. */
static void no_read_past_the_end(void **state)
{
    fixture *f = *state;
    long page = sysconf(_SC_PAGESIZE);
    unsigned char *map =
        mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(map != MAP_FAILED);
    assert_int_equal(mprotect(map + page, (size_t)page, PROT_NONE), 0);
    static const char *const tails[] = {"word",
                                        "Iran's",
                                        "U.S.",
                                        "3.5",
                                        "x",
                                        "didn't",
                                        "Iran-Russia",
                                        "Mr.",
                                        "caf\xc3\xa9",
                                        "\xe2\x80\x94",
                                        "ABCDEFGHIJKLMNOPQRSTUVW",
                                        "a b c d e f g h i j"};
    for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++) {
        size_t len = strlen(tails[k]);
        unsigned char *p = map + page - len;
        memcpy(p, tails[k], len);
        assert_int_equal(ent_text_analyse(f->t, (const char *)p, len, 0), ENT_OK);
        size_t n;
        ent_text_tokens(f->t, &n);
        assert_true(n >= 1);
    }
    munmap(map, (size_t)page * 2);
}

/* ---- tokens ---- */

static void token_splitting(void **state)
{
    fixture *f = *state;
    assert_tokens(f, "Iran's minister", "Iran|'s|minister");
    assert_tokens(f, "Iran\xe2\x80\x99s minister", "Iran|\xe2\x80\x99s|minister");
    assert_tokens(f, "the ministers' meeting", "the|ministers|'|meeting");
    assert_tokens(f, "They didn't go", "They|did|n't|go");
    assert_tokens(f, "We can't and won't", "We|ca|n't|and|wo|n't");
    assert_tokens(f, "Iran cannot", "Iran|can|not");
    assert_tokens(f, "they're here, I'm told, we'll see", "they|'re|here|,|I|'m|told|,|we|'ll|see");
    assert_tokens(f, "O'Brien said", "O'Brien|said");
    assert_tokens(f, "Iran-Russia ties", "Iran|-|Russia|ties");
    assert_tokens(f, "Bashar al-Assad", "Bashar|al|-|Assad");
    /* an underscore joins a name's words in Treebank-style text; elsewhere it is a mark */
    assert_tokens(f, "the Prince of Dol_Amroth", "the|Prince|of|Dol|Amroth");
    assert_tokens(f, "a _ b_ c__d x_1", "a|_|b|_|c|_|_|d|x|_|1");
    assert_tokens(f,
                  "won 2-1 and 3\xe2\x80\x93"
                  "0",
                  "won|2-1|and|3\xe2\x80\x93"
                  "0");
    assert_tokens(f, "the U.S. and U.N. forces", "the|U.S.|and|U.N.|forces");
    assert_tokens(f, "rose 3.5 pct to 1,000 dlrs or 10%.", "rose|3.5|pct|to|1,000|dlrs|or|10%|.");
    assert_tokens(f, "on 2024-03-01 at 10:30, in the 1990s",
                  "on|2024-03-01|at|10:30|,|in|the|1990s");
    assert_tokens(f, "Mr. Smith met Gen. Jones, e.g. today.",
                  "Mr.|Smith|met|Gen.|Jones|,|e.g.|today|.");
    assert_tokens(f, "J. R. R. Tolkien", "J.|R.|R.|Tolkien");
    assert_tokens(f, "No. 10 and no. more", "No.|10|and|no|.|more");
    assert_tokens(f, "\"Yes,\" he said: \xe2\x80\x9cno\xe2\x80\x9d \xe2\x80\x94 then...",
                  "\"|Yes|,|\"|he|said|:|\xe2\x80\x9c|no|\xe2\x80\x9d|\xe2\x80\x94|then|...");
    assert_tokens(f, "AT&T rose", "AT&T|rose");
    assert_tokens(f, "the 2022's record", "the|2022|'s|record");
}

static void token_flags(void **state)
{
    fixture *f = *state;
    size_t n;
    const ent_token *tk = analyse(f,
                                  "NATO and Iran-Russia ties: a 2-1 win - or \"not\"; "
                                  "10 -- fine\xe2\x80\x94ok",
                                  &n);
    assert_true(tk[find(f, "NATO")].flags & ENT_TOK_ALLCAPS);
    assert_true(tk[find(f, "NATO")].flags & ENT_TOK_CAP);
    assert_true(tk[find(f, "NATO")].flags & ENT_TOK_SENT_START);
    assert_false(tk[find(f, "and")].flags & (ENT_TOK_CAP | ENT_TOK_SENT_START));
    size_t ir = find(f, "Iran");
    assert_true(tk[ir].flags & ENT_TOK_CAP);
    assert_false(tk[ir].flags & ENT_TOK_ALLCAPS);
    assert_false(tk[ir].flags & ENT_TOK_NO_SPACE);
    assert_true(tk[ir + 1].flags & ENT_TOK_NO_SPACE);
    assert_true(tk[ir + 1].flags & ENT_TOK_PUNCT);
    assert_false(tk[ir + 1].flags & ENT_TOK_CLAUSE_END);
    assert_true(tk[ir + 2].flags & ENT_TOK_NO_SPACE);
    assert_true(tk[find(f, ":")].flags & ENT_TOK_CLAUSE_END);
    assert_true(tk[find(f, ";")].flags & ENT_TOK_CLAUSE_END);
    assert_true(tk[find(f, "--")].flags & ENT_TOK_CLAUSE_END);
    assert_true(tk[find(f, "\xe2\x80\x94")].flags & ENT_TOK_CLAUSE_END);
    size_t score = find(f, "2-1");
    assert_true(tk[score].flags & ENT_TOK_SCORE);
    assert_true(tk[score].flags & ENT_TOK_DIGIT);
    assert_int_equal(tk[score].pos, ENT_POS_NUM);
    assert_true(tk[score + 2].flags & ENT_TOK_CLAUSE_END); /* " - " */
    assert_true(tk[find(f, "\"")].flags & ENT_TOK_QUOTE);
    assert_true(tk[find(f, "10")].flags & ENT_TOK_DIGIT);
    assert_false(tk[find(f, "10")].flags & ENT_TOK_SCORE);
    assert_int_equal(tk[find(f, ";")].pos, ENT_POS_PUNCT);
}

/* ---- sentences ---- */

static void sentence_splitting(void **state)
{
    fixture *f = *state;
    assert_sentences(
        f, "Mr. Smith met Gen. Jones in Washington. They talked on Jan. 5 about Iran.",
        "Mr. Smith met Gen. Jones in Washington. || They talked on Jan. 5 about Iran.");
    assert_sentences(f, "J. R. R. Tolkien wrote books. He died in 1973.",
                     "J. R. R. Tolkien wrote books. || He died in 1973.");
    assert_sentences(f, "Growth was 3.5 pct in 1986. It was 1,000 dlrs. 2024 was worse.",
                     "Growth was 3.5 pct in 1986. || It was 1,000 dlrs. || 2024 was worse.");
    assert_sentences(f, "\"We will win.\" He smiled. \"Is it over?\" he asked.",
                     "\"We will win.\" || He smiled. || \"Is it over?\" he asked.");
    assert_sentences(f, "He said so (in private.) Then he left!",
                     "He said so (in private.) || Then he left!");
    assert_sentences(f, "He lives in the U.S. The talks ended. The U.S. Army said so.",
                     "He lives in the U.S. || The talks ended. || The U.S. Army said so.");
    assert_sentences(f, "See No. 10 Downing Street. Wait... Who knows?",
                     "See No. 10 Downing Street. || Wait... || Who knows?");
    assert_sentences(f, "He agreed. and then left.", "He agreed. and then left.");
    assert_sentences(f, "Talks resumed on Monday\n\nThe ministers met",
                     "Talks resumed on Monday || The ministers met");
    /* a headline line followed by a dateline */
    assert_sentences(
        f, "Iran and Russia sign treaty\nMOSCOW (Reuters) - Iran and Russia signed it.",
        "Iran and Russia sign treaty || MOSCOW (Reuters) - Iran and Russia signed it.");
    assert_sentences(f, "BAHIA COCOA REVIEW\nShowers continued throughout the week.",
                     "BAHIA COCOA REVIEW || Showers continued throughout the week.");
    /* hard-wrapped text is not cut at its line ends */
    assert_sentences(f,
                     "Standard Oil Co and BP North America\nInc said they plan to form a "
                     "venture to manage\nthe money market.",
                     "Standard Oil Co and BP North America\nInc said they plan to form a venture "
                     "to manage\nthe money market.");
    /* nor before a name that begins like a sentence ("In-yong") */
    assert_sentences(f, "Finance Minister Chung\nIn-yong will visit Washington.",
                     "Finance Minister Chung\nIn-yong will visit Washington.");
    assert_sentences(f, "Talks on trade\nIn Tokyo, the talks ended.",
                     "Talks on trade || In Tokyo, the talks ended.");

    /* token ranges agree with byte ranges */
    size_t ns, n;
    assert_int_equal(ent_text_analyse(f->t, "One. Two three. Four", 20, 0), ENT_OK);
    const ent_sentence *s = ent_text_sentences(f->t, &ns);
    const ent_token *tk = ent_text_tokens(f->t, &n);
    assert_int_equal(ns, 3);
    for (size_t i = 0; i < ns; i++) {
        assert_int_equal(s[i].start, tk[s[i].first_token].start);
        const ent_token *last = &tk[s[i].first_token + s[i].ntokens - 1];
        assert_int_equal(s[i].end, last->start + last->len);
        assert_true(tk[s[i].first_token].flags & ENT_TOK_SENT_START);
    }
}

static void analyse_flags(void **state)
{
    fixture *f = *state;
    const char *text = "Iran signed. Russia agreed.";
    size_t ns, n;
    assert_int_equal(ent_text_analyse(f->t, text, strlen(text), ENT_TEXT_NO_SENTENCES), ENT_OK);
    ent_text_sentences(f->t, &ns);
    assert_int_equal(ns, 1);
    assert_int_equal(ent_text_analyse(f->t, text, strlen(text), ENT_TEXT_NO_TAGS), ENT_OK);
    ent_text_sentences(f->t, &ns);
    const ent_token *tk = ent_text_tokens(f->t, &n);
    assert_int_equal(ns, 2);
    assert_int_equal(tk[0].pos, ENT_POS_X); /* open words are left untagged */
    assert_int_equal(tk[2].pos, ENT_POS_PUNCT);
    /* results are replaced by the next call, buffers reused */
    assert_int_equal(ent_text_analyse(f->t, "a b", 3, 0), ENT_OK);
    ent_text_tokens(f->t, &n);
    assert_int_equal(n, 2);
}

/* ---- lemmas ---- */

static void lemmas(void **state)
{
    fixture *f = *state;
    if (!need_wordnet(f))
        return;
    static const char *const pairs[][2] = {
        {"signed", "sign"},    {"talks", "talk"},         {"took", "take"},
        {"struck", "strike"},  {"supplied", "supply"},    {"agreed", "agree"},
        {"stopped", "stop"},   {"making", "make"},        {"met", "meet"},
        {"held", "hold"},      {"sanctions", "sanction"}, {"troops", "troop"},
        {"forces", "force"},   {"weapons", "weapon"},     {"drones", "drone"},
        {"ties", "tie"},       {"visited", "visit"},      {"used", "use"},
        {"hitting", "hit"},    {"countries", "country"},  {"crises", "crisis"},
        {"was", "be"},         {"has", "have"},           {"did", "do"},
        {"n't", "not"},        {"Signed", "sign"},        {"SIGNED", "sign"},
        {"Weapons", "weapon"}, {"hoped", "hope"},         {"opened", "open"},
        {"planned", "plan"},   {"dying", "die"},          {"taxes", "tax"},
        {"goes", "go"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        uint64_t got = ent_lexicon_lemma(f->lex, pairs[i][0], strlen(pairs[i][0]));
        if (got != H(pairs[i][1]))
            fail_msg("lemma of '%s' is not '%s'", pairs[i][0], pairs[i][1]);
    }
    static const char *const same[] = {"news", "crisis", "Paris", "status", "gas",
                                       "us",   "series", "bus",   "the",    "analysis"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        if (ent_lexicon_lemma(f->lex, same[i], strlen(same[i])) != H(same[i]))
            fail_msg("'%s' should be its own lemma", same[i]);
}

static void token_lemmas_and_verb_forms(void **state)
{
    fixture *f = *state;
    if (!need_wordnet(f))
        return;
    size_t n;
    const ent_token *tk =
        analyse(f,
                "Officials signed deals, making talks easier as drones struck and troops "
                "sign the news.",
                &n);
    static const char *const words[] = {"signed", "deals",  "making", "talks",
                                        "drones", "struck", "troops", "sign"};
    static const ent_vform forms[] = {ENT_VF_PAST, ENT_VF_S,    ENT_VF_ING, ENT_VF_S,
                                      ENT_VF_S,    ENT_VF_PAST, ENT_VF_S,   ENT_VF_BASE};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        const ent_token *t = &tk[find(f, words[i])];
        assert_true(t->lemma == ent_lexicon_lemma(f->lex, words[i], strlen(words[i])));
        assert_int_equal(t->vform, forms[i]);
        assert_true(t->flags & ENT_TOK_CAN_VERB);
    }
    const ent_token *news = &tk[find(f, "news")];
    assert_true(news->lemma == news->form);
    assert_false(news->flags & ENT_TOK_CAN_VERB);
    assert_true(news->flags & ENT_TOK_CAN_NOUN);
    assert_true(tk[find(f, "talks")].flags & ENT_TOK_CAN_NOUN);
    assert_int_equal(tk[find(f, "easier")].vform, ENT_VF_NONE);
    /* sentence start: a capitalised plural still gets its singular */
    tk = analyse(f, "Weapons arrived.", &n);
    assert_true(tk[0].lemma == H("weapon"));
}

static void lexicon_without_wordnet(void **state)
{
    (void)state;
    ent_lexicon *lex;
    const char *warning = NULL;
    assert_int_equal(ent_lexicon_load(&lex, "/nonexistent/wordnet", &warning), ENT_OK);
    assert_non_null(warning);
    assert_true(strlen(warning) > 10);
    /* closed-class words and their lemmas still work; unknown verbs keep their form */
    assert_true(ent_lexicon_lemma(lex, "was", 3) == H("be"));
    assert_true(ent_lexicon_lemma(lex, "signed", 6) == H("signed"));
    assert_true(ent_lexicon_lemma(lex, "weapons", 7) == H("weapon"));
    ent_text *t;
    assert_int_equal(ent_text_create(&t, lex), ENT_OK);
    assert_int_equal(ent_text_analyse(t, "The talks ended.", 16, 0), ENT_OK);
    size_t n;
    const ent_token *tk = ent_text_tokens(t, &n);
    assert_int_equal(n, 4);
    assert_int_equal(tk[0].pos, ENT_POS_DET);
    ent_text_destroy(t);
    ent_lexicon_destroy(lex);
    assert_int_equal(ent_lexicon_load(NULL, NULL, NULL), ENT_EINVAL);
    assert_int_equal(ent_text_create(&t, NULL), ENT_EINVAL);
}

/* ---- tags ---- */

static void tags_on_news_sentences(void **state)
{
    fixture *f = *state;
    if (!need_wordnet(f))
        return;
    size_t n;
    analyse(f, "Russia and Iran signed a treaty in Moscow on Friday.", &n);
    assert_tag(f, "Russia", ENT_POS_PROPN);
    assert_tag(f, "and", ENT_POS_CCONJ);
    assert_tag(f, "signed", ENT_POS_VERB);
    assert_tag(f, "a", ENT_POS_DET);
    assert_tag(f, "treaty", ENT_POS_NOUN);
    assert_tag(f, "in", ENT_POS_ADP);
    assert_tag(f, "Moscow", ENT_POS_PROPN);
    assert_tag(f, "Friday", ENT_POS_PROPN);
    assert_tag(f, ".", ENT_POS_PUNCT);

    analyse(f, "The treaty signed in Moscow was ratified by parliament.", &n);
    assert_tag(f, "signed", ENT_POS_VERB);
    assert_tag(f, "was", ENT_POS_AUX);
    assert_tag(f, "ratified", ENT_POS_VERB);
    assert_tag(f, "parliament", ENT_POS_NOUN);

    analyse(f, "The attack on Iran drew criticism.", &n);
    assert_tag(f, "attack", ENT_POS_NOUN);
    assert_tag(f, "drew", ENT_POS_VERB);
    assert_tag(f, "criticism", ENT_POS_NOUN);

    const ent_token *tk =
        analyse(f, "Iran's foreign minister held talks with his Russian counterpart.", &n);
    assert_tag(f, "Iran", ENT_POS_PROPN);
    assert_tag(f, "'s", ENT_POS_POSS);
    assert_tag(f, "foreign", ENT_POS_ADJ);
    assert_tag(f, "minister", ENT_POS_NOUN);
    assert_tag(f, "held", ENT_POS_VERB);
    assert_tag(f, "talks", ENT_POS_NOUN);
    assert_tag(f, "his", ENT_POS_DET);
    assert_tag(f, "Russian", ENT_POS_PROPN);
    assert_true(tk[find(f, "held")].lemma == H("hold"));

    analyse(f, "Israel struck targets in Iran.", &n);
    assert_tag(f, "Israel", ENT_POS_PROPN);
    assert_tag(f, "struck", ENT_POS_VERB);
    assert_tag(f, "targets", ENT_POS_NOUN);

    analyse(f, "Tehran has supplied drones to Moscow.", &n);
    assert_tag(f, "has", ENT_POS_AUX);
    assert_tag(f, "supplied", ENT_POS_VERB);
    assert_tag(f, "drones", ENT_POS_NOUN);
    assert_tag(f, "to", ENT_POS_ADP);

    /* "since" between "has" and a participle is an adverb; before a date, a preposition */
    analyse(f, "Tehran has since supplied drones to Moscow.", &n);
    assert_tag(f, "has", ENT_POS_AUX);
    assert_tag(f, "since", ENT_POS_ADV);
    assert_tag(f, "supplied", ENT_POS_VERB);
    analyse(f, "Tehran has supplied drones since March.", &n);
    assert_tag(f, "since", ENT_POS_ADP);

    /* two adjectives joined by a comma */
    analyse(f, "Russia signed a new, comprehensive agreement.", &n);
    assert_tag(f, "new", ENT_POS_ADJ);
    assert_tag(f, "comprehensive", ENT_POS_ADJ);

    /* a participle hyphenated to the word before it is an adjective */
    analyse(f, "Israel struck Iran-backed militias.", &n);
    assert_tag(f, "backed", ENT_POS_ADJ);
    assert_tag(f, "militias", ENT_POS_NOUN);

    analyse(f, "They did not sign the deal.", &n);
    assert_tag(f, "They", ENT_POS_PRON);
    assert_tag(f, "did", ENT_POS_AUX);
    assert_tag(f, "not", ENT_POS_NEG);
    assert_tag(f, "sign", ENT_POS_VERB);
    assert_tag(f, "deal", ENT_POS_NOUN);

    analyse(f, "Russia plans to sign an agreement.", &n);
    assert_tag(f, "plans", ENT_POS_VERB);
    assert_tag(f, "to", ENT_POS_TO);
    assert_tag(f, "sign", ENT_POS_VERB);
    assert_tag(f, "agreement", ENT_POS_NOUN);
}

static void tags_in_context(void **state)
{
    fixture *f = *state;
    if (!need_wordnet(f))
        return;
    size_t n;
    const ent_token *tk = analyse(f,
                                  "He's signed it and it's over, but Iran's envoy will not "
                                  "attend the meeting of ministers.",
                                  &n);
    assert_int_equal(tk[1].pos, ENT_POS_AUX); /* He 's */
    assert_true(tk[1].lemma == H("have"));
    assert_tag(f, "Iran", ENT_POS_PROPN);
    assert_int_equal(tk[find(f, "Iran") + 1].pos, ENT_POS_POSS);
    assert_tag(f, "will", ENT_POS_MODAL);
    assert_tag(f, "attend", ENT_POS_VERB);
    assert_tag(f, "meeting", ENT_POS_NOUN);
    assert_tag(f, "of", ENT_POS_ADP);

    /* "the signing of" is a noun, "warned of" a verb */
    analyse(f, "Israel's minister warned of the signing of the deal.", &n);
    assert_tag(f, "warned", ENT_POS_VERB);
    assert_tag(f, "signing", ENT_POS_NOUN);

    analyse(f, "The US and the United Nations met in May, and they may meet again.", &n);
    assert_tag(f, "US", ENT_POS_PROPN);
    assert_tag(f, "May", ENT_POS_PROPN);
    assert_tag(f, "may", ENT_POS_MODAL);
    assert_tag(f, "met", ENT_POS_VERB);

    analyse(f, "Officials said reportedly that the peace talks ended quickly.", &n);
    assert_tag(f, "Officials", ENT_POS_NOUN);
    assert_tag(f, "said", ENT_POS_VERB);
    assert_tag(f, "reportedly", ENT_POS_ADV);
    assert_tag(f, "that", ENT_POS_SCONJ);
    assert_tag(f, "talks", ENT_POS_NOUN);
    assert_tag(f, "ended", ENT_POS_VERB);
    assert_tag(f, "quickly", ENT_POS_ADV);

    /* A base form after "X and the Y" has a plural subject; not after "a", nor after a
       sentence's "But the" */
    analyse(f, "Australia and the European Union sign a trade agreement.", &n);
    assert_tag(f, "sign", ENT_POS_VERB);
    analyse(f, "Italians hold rallies and a general strike to protest.", &n);
    assert_tag(f, "strike", ENT_POS_NOUN);
    analyse(f, "But the Embassy report says the talks failed.", &n);
    assert_tag(f, "report", ENT_POS_NOUN);
    assert_tag(f, "says", ENT_POS_VERB);

    /* A verb whose participle is its base form is the participle after "have" or "be"; a
       noun after "have" stays one */
    tk = analyse(f, "Russia has cut supplies, Israel was hit and Iran has control.", &n);
    assert_tag(f, "has", ENT_POS_AUX);
    assert_tag(f, "cut", ENT_POS_VERB);
    assert_int_equal(tk[find(f, "cut")].vform, ENT_VF_PAST);
    assert_tag(f, "hit", ENT_POS_VERB);
    assert_int_equal(tk[find(f, "hit")].vform, ENT_VF_PAST);
    assert_tag(f, "control", ENT_POS_NOUN);
    /* most of them are their past tense too: after a name and before an object */
    tk = analyse(f, "Saudi Arabia cut diplomatic ties as the price cut hurt.", &n);
    assert_int_equal(tk[find(f, "cut")].pos, ENT_POS_VERB);
    assert_int_equal(tk[find(f, "price") + 1].pos, ENT_POS_NOUN);
    /* a hyphenated participle with an object is a verb, without one an adjective */
    analyse(f, "North Korea test-fired a missile at Iran-backed militias.", &n);
    assert_tag(f, "fired", ENT_POS_VERB);
    assert_tag(f, "backed", ENT_POS_ADJ);

    /* "said" leaves the clause open for a reported one without "that"; "declares" with its
       object does not */
    analyse(f, "Officials said Moscow opposes new sanctions.", &n);
    assert_tag(f, "opposes", ENT_POS_VERB);
    analyse(f, "Lithuania declares an emergency over security risks from Belarus.", &n);
    assert_tag(f, "risks", ENT_POS_NOUN);

    /* A sentence in capitals (a wire headline) is tagged as if in lower case; its words
       keep their capital flags */
    tk = analyse(f, "IRAN SAYS IT WILL RETALIATE AGAINST ISRAELI ATTACKS", &n);
    assert_tag(f, "SAYS", ENT_POS_VERB);
    assert_tag(f, "RETALIATE", ENT_POS_VERB);
    assert_tag(f, "ATTACKS", ENT_POS_NOUN);
    assert_true(tk[0].flags & ENT_TOK_ALLCAPS);

    analyse(f, "Russian forces attack the city, which was shelled after signing.", &n);
    assert_tag(f, "forces", ENT_POS_NOUN);
    assert_tag(f, "attack", ENT_POS_VERB);
    assert_tag(f, "which", ENT_POS_WH);
    assert_tag(f, "shelled", ENT_POS_VERB);
    assert_tag(f, "signing", ENT_POS_VERB);
    assert_string_equal(ent_pos_name(ENT_POS_VERB), "VERB");
    assert_string_equal(ent_pos_name(ENT_POS_POSS), "POSS");
    assert_string_equal(ent_pos_name((ent_pos)200), "X");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hash_folds_case_and_apostrophes),
        cmocka_unit_test_setup_teardown(token_forms_equal_dictionary_hashes, setup, teardown),
        cmocka_unit_test_setup_teardown(ascii_is_analysed_in_place, setup, teardown),
        cmocka_unit_test_setup_teardown(decomposed_input_is_put_in_nfc, setup, teardown),
        cmocka_unit_test_setup_teardown(invalid_utf8_becomes_replacement_characters, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(nul_bytes_become_spaces, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_input, setup, teardown),
        cmocka_unit_test_setup_teardown(fifty_megabyte_single_line, setup, teardown),
        cmocka_unit_test_setup_teardown(no_read_past_the_end, setup, teardown),
        cmocka_unit_test_setup_teardown(token_splitting, setup, teardown),
        cmocka_unit_test_setup_teardown(token_flags, setup, teardown),
        cmocka_unit_test_setup_teardown(sentence_splitting, setup, teardown),
        cmocka_unit_test_setup_teardown(analyse_flags, setup, teardown),
        cmocka_unit_test_setup_teardown(lemmas, setup, teardown),
        cmocka_unit_test_setup_teardown(token_lemmas_and_verb_forms, setup, teardown),
        cmocka_unit_test(lexicon_without_wordnet),
        cmocka_unit_test_setup_teardown(tags_on_news_sentences, setup, teardown),
        cmocka_unit_test_setup_teardown(tags_in_context, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
