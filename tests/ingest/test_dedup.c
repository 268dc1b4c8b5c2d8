/*
 * tests/ingest — fingerprints and the duplicate index (include/entente/dedup.h): the same
 * story with other layout is an exact duplicate; with another headline, byline and closing
 * line a near duplicate; a different story on the same subject is neither.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "entente/dedup.h"

#include <stdio.h>
#include <string.h>

/* A wire story of about 120 words, written for this test. */
static const char story[] =
    "The foreign ministers of the two countries met in the capital on Tuesday to discuss a "
    "long-delayed pipeline project, officials said. The talks lasted more than four hours and "
    "ended with a joint statement that promised a decision on financing before the end of the "
    "year. Both sides described the meeting as constructive, but diplomats said disagreements "
    "over the price of gas and the route through the mountains had not been settled. The "
    "project, first proposed a decade ago, would carry up to twenty billion cubic metres a "
    "year. Analysts said the statement was carefully worded to avoid any firm commitment. A "
    "second round of talks is planned for next month in the port city, where engineers will "
    "present a revised plan for the southern section.";

/* The same story as another outlet prints it: its own headline, dateline and sign-off, and
 * one sentence trimmed. */
static const char reprint[] =
    "PIPELINE TALKS END WITHOUT DEAL. CAPITAL (Agency) - "
    "The foreign ministers of the two countries met in the capital on Tuesday to discuss a "
    "long-delayed pipeline project, officials said. The talks lasted more than four hours and "
    "ended with a joint statement that promised a decision on financing before the end of the "
    "year. Both sides described the meeting as constructive, but diplomats said disagreements "
    "over the price of gas and the route through the mountains had not been settled. The "
    "project, first proposed a decade ago, would carry up to twenty billion cubic metres a "
    "year. Analysts said the statement was carefully worded to avoid any firm commitment. A "
    "second round of talks is planned for next month in the port city. (Reporting by staff)";

/* A different story about the same pipeline. */
static const char other[] =
    "Engineers working on the southern section of the pipeline said on Friday that landslides "
    "in the mountains had delayed construction by at least three months. The contractor asked "
    "the government for more money to reinforce the slopes, and a spokesman for the energy "
    "ministry said the request would be reviewed next week. Local residents have protested "
    "against the route for years, saying it threatens their water supply. The company said it "
    "had hired independent experts to study the risk and would publish their report. Gas "
    "prices in the region rose slightly after the news, traders said.";

static void layout_case_and_punctuation_do_not_change_the_content_hash(void **state)
{
    (void)state;
    ent_fingerprint a, b, c;
    ent_fingerprint_text(&a, "Iran and Russia signed a deal.", 30);
    const char *shouty = "IRAN and  RUSSIA\n signed -- a DEAL!";
    ent_fingerprint_text(&b, shouty, strlen(shouty));
    ent_fingerprint_text(&c, "Iran and Russia signed a pact.", 30);
    assert_int_equal(a.content_hash, b.content_hash);
    assert_int_equal(a.signature, b.signature);
    assert_int_not_equal(a.content_hash, c.content_hash);
    assert_int_equal(a.words, 6);
}

/* Stores keep fingerprints: a text must give the same values in every version, or a second
 * ingest of the same input would store its stories again. Letters of both cases, digits,
 * multi-byte characters and every ASCII separator. */
static void fingerprints_do_not_change_between_versions(void **state)
{
    (void)state;
    static const char text[] = "Tehran's envoy met Moscow's at 10:30 on 2024-03-05; "
                               "\"Zürich\" [talks] {deal} ~ Çelik_AZ @ São Paulo (§7) "
                               "/ `quoted` | nine^9 mixed CaSe WORDS 0123456789";
    ent_fingerprint fp;
    ent_fingerprint_text(&fp, text, sizeof text - 1);
    assert_int_equal(fp.words, 28);
    assert_int_equal(fp.content_hash, 0x80561d7dbeadd5a2ULL);
    assert_int_equal(fp.signature, 0xe0d2be3a1532820fULL);
    /* Fewer than three words make one shingle of their own. */
    static const char two_words[] = "--Kyiv, ÉLYSÉE!";
    ent_fingerprint_text(&fp, two_words, sizeof two_words - 1);
    assert_int_equal(fp.words, 2);
    assert_int_equal(fp.content_hash, 0x73e2f406c4ab0d6fULL);
    assert_int_equal(fp.signature, 0x82fd1118aac495b5ULL);
}

static void a_reprint_is_near_and_another_story_is_far(void **state)
{
    (void)state;
    ent_fingerprint s, r, o;
    ent_fingerprint_text(&s, story, strlen(story));
    ent_fingerprint_text(&r, reprint, strlen(reprint));
    ent_fingerprint_text(&o, other, strlen(other));
    assert_int_not_equal(s.content_hash, r.content_hash);
    int near = ent_signature_shared(s.signature, r.signature);
    int far = ent_signature_shared(s.signature, o.signature);
    printf("slots shared of 16: reprint %d, other story %d\n", near, far);
    assert_true(near >= 12);
    assert_true(far <= 4);
}

static void the_index_finds_the_earliest_story_within_the_limits(void **state)
{
    (void)state;
    ent_dedup *d;
    assert_int_equal(ent_dedup_create(&d, NULL), ENT_OK);
    ent_fingerprint s, r, o;
    ent_fingerprint_text(&s, story, strlen(story));
    ent_fingerprint_text(&r, reprint, strlen(reprint));
    ent_fingerprint_text(&o, other, strlen(other));
    ent_date day = ent_date_from_ymd(2025, 1, 14);

    assert_int_equal(ent_dedup_find(d, &s, day), 0);
    assert_int_equal(ent_dedup_add(d, &s, day, 7), ENT_OK);
    assert_int_equal(ent_dedup_find(d, &s, day), 7);            /* exact */
    assert_int_equal(ent_dedup_find(d, &r, day + 1), 7);        /* near, next day */
    assert_int_equal(ent_dedup_find(d, &r, ENT_DATE_NONE), 7);  /* near, undated */
    assert_int_equal(ent_dedup_find(d, &r, day + 30), 0);       /* near, but a month later */
    assert_int_equal(ent_dedup_find(d, &s, day + 3000), 7);     /* exact matches at any date */
    assert_int_equal(ent_dedup_find(d, &o, day), 0);            /* another story */

    /* A later copy of the same story does not displace the first. */
    assert_int_equal(ent_dedup_add(d, &r, day, 9), ENT_OK);
    assert_int_equal(ent_dedup_find(d, &r, day), 7);
    assert_int_equal(ent_dedup_count(d), 2);
    ent_fingerprint fp;
    ent_date date;
    int64_t id;
    ent_dedup_story(&fp, &date, &id, d, 1);
    assert_int_equal(id, 9);
    assert_int_equal(date, day);
    assert_int_equal(fp.signature, r.signature);
    ent_dedup_destroy(d);
}

static void short_texts_match_only_exactly(void **state)
{
    (void)state;
    ent_dedup *d;
    assert_int_equal(ent_dedup_create(&d, NULL), ENT_OK);
    const char *a = "Russian forces shelled the city of Kharkiv on Monday.";
    const char *b = "Russian forces shelled the city of Kherson on Monday.";
    ent_fingerprint fa, fb;
    ent_fingerprint_text(&fa, a, strlen(a));
    ent_fingerprint_text(&fb, b, strlen(b));
    assert_int_equal(ent_dedup_add(d, &fa, 100, 1), ENT_OK);
    assert_int_equal(ent_dedup_find(d, &fb, 100), 0);
    assert_int_equal(ent_dedup_find(d, &fa, 100), 1);
    ent_dedup_destroy(d);
}

static void many_stories_stay_apart(void **state)
{
    (void)state;
    /* 20,000 generated texts of 60 distinct words each: no false near-duplicates. */
    ent_dedup *d;
    assert_int_equal(ent_dedup_create(&d, NULL), ENT_OK);
    char text[2048];
    size_t false_hits = 0;
    for (int i = 0; i < 20000; i++) {
        size_t n = 0;
        for (int w = 0; w < 60; w++)
            n += (size_t)snprintf(text + n, sizeof text - n, "w%dx%d ", (i * 7919 + w * 104729) % 1000003, w % 7);
        ent_fingerprint fp;
        ent_fingerprint_text(&fp, text, n);
        if (ent_dedup_find(d, &fp, ENT_DATE_NONE))
            false_hits++;
        assert_int_equal(ent_dedup_add(d, &fp, ENT_DATE_NONE, i + 1), ENT_OK);
    }
    assert_int_equal(false_hits, 0);
    ent_dedup_destroy(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(layout_case_and_punctuation_do_not_change_the_content_hash),
        cmocka_unit_test(fingerprints_do_not_change_between_versions),
        cmocka_unit_test(a_reprint_is_near_and_another_story_is_far),
        cmocka_unit_test(the_index_finds_the_earliest_story_within_the_limits),
        cmocka_unit_test(short_texts_match_only_exactly),
        cmocka_unit_test(many_stories_stay_apart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
