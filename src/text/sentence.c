/*
 * text — stage 2: the sentence splitter. Works on the token array, where the tokenizer has
 * already decided which periods belong to words (abbreviations, initials, numbers), and on
 * the whitespace recorded before each token.
 *
 * A boundary falls before token k when:
 *   - a blank line (two line breaks) precedes k, always;
 *   - the line before k is a headline: it starts the sentence, has at most 15 tokens and
 *     100 bytes, does not end in punctuation (a closing quote or bracket is fine), and either
 *     has no lower-case word or is followed by a line that starts with an all-capitals word
 *     ("MOSCOW (Reuters) -"), a number, a quote or a typical sentence starter ("The", "He");
 *     hard-wrapped text ("...BP North America\nInc said") keeps its sentences whole;
 *   - the token before k (looking back over attached closing quotes and brackets) is . ! ? or
 *     an ellipsis, whitespace precedes k, and k starts with a capital letter, a digit, a quote
 *     or an opening bracket;
 *   - the token before k is an abbreviation that can end a sentence (U.S., Inc., etc., an
 *     unknown acronym) and k is a capitalised typical sentence starter ("...in the U.S. The
 *     talks..."). Titles, months and initials (Mr., Gen., Jan., J.) never end a sentence;
 *   - the sentence already has ENT_TEXT__MAX_SENTENCE_TOKENS tokens (runaway text such as
 *     tables or a megabyte without punctuation; later stages assume bounded sentences).
 */
#include "text_internal.h"

#include <stdlib.h>

/* ent_text__tokx.lx bits that make an abbreviation unable to end a sentence. */
#define NEVER_ENDS ENT_LX_ABBR_TITLE

/* . ! ? ... or U+2026 */
static int is_terminal(const ent_text *t, size_t k)
{
    return (t->tokx[k].mark & ENT_MARK_TERM) != 0;
}

/* A closing quote or bracket attached to the token before it. */
static int is_closer(const ent_text *t, size_t k)
{
    return (t->tokx[k].mark & ENT_MARK_CLOSE) && (t->tok[k].flags & ENT_TOK_NO_SPACE);
}

/* Can token k start a sentence after a period? */
static int starts_like_sentence(const ent_text *t, size_t k)
{
    if (t->tok[k].flags & (ENT_TOK_CAP | ENT_TOK_DIGIT | ENT_TOK_QUOTE))
        return 1;
    return (t->tokx[k].mark & ENT_MARK_OPEN) != 0;
}

/* A capitalised typical sentence starter ("The", "He", "But"), not the first part of a
 * hyphenated word ("Chung\nIn-yong will visit", "So-called"). */
static int is_starter(const ent_text *t, size_t k)
{
    if (!(t->tok[k].flags & ENT_TOK_CAP) || !(t->tokx[k].lx & ENT_LX_STARTER))
        return 0;
    const ent_token *next = k + 1 < t->ntok ? &t->tok[k + 1] : NULL;
    return !(next && (next->flags & ENT_TOK_NO_SPACE) && next->len == 1 &&
             t->buf[next->start] == '-');
}

/* Does the text before k end a sentence (k > first)? */
static int ends_before(const ent_text *t, size_t first, size_t k)
{
    size_t p = k - 1;
    if (!(t->tokx[p].mark & (ENT_MARK_TERM | ENT_MARK_CLOSE | ENT_MARK_ABBR)))
        return 0;
    while (p > first && is_closer(t, p))
        p--;
    if (is_terminal(t, p))
        return starts_like_sentence(t, k);
    if ((t->tokx[p].mark & ENT_MARK_ABBR) && !(t->tokx[p].lx & NEVER_ENDS))
        return is_starter(t, k);
    return 0;
}

/* Is token k a word with lower-case letters (not all capitals, not a single capital)? */
static int has_lower(const ent_text *t, size_t k)
{
    const ent_token *tk = &t->tok[k];
    if (tk->flags & (ENT_TOK_PUNCT | ENT_TOK_DIGIT | ENT_TOK_ALLCAPS))
        return 0;
    return !(tk->len == 1 && (tk->flags & ENT_TOK_CAP));
}

/* Is the line [line, k) a headline that ends the sentence starting at first? */
static int is_headline(const ent_text *t, size_t first, size_t line, size_t k)
{
    if (line != first || k - line > 15)
        return 0;
    const ent_token *last = &t->tok[k - 1];
    if (last->start + last->len - t->tok[line].start > 100)
        return 0;
    if ((last->flags & ENT_TOK_PUNCT) && !is_closer(t, k - 1))
        return 0;
    const ent_token *next = &t->tok[k];
    if (next->flags & (ENT_TOK_ALLCAPS | ENT_TOK_DIGIT | ENT_TOK_QUOTE) || is_starter(t, k))
        return 1;
    for (size_t i = line; i < k; i++)
        if (has_lower(t, i))
            return 0;
    return 1; /* an all-capitals line: "BAHIA COCOA REVIEW" */
}

static int push_sentence(ent_text *t, size_t first, size_t end)
{
    if (t->nsent == t->sent_cap) {
        size_t cap = t->sent_cap ? t->sent_cap * 2 : 64;
        ent_sentence *s = realloc(t->sent, cap * sizeof *s);
        if (!s)
            return ENT_ENOMEM;
        t->sent = s;
        t->sent_cap = cap;
    }
    ent_sentence *s = &t->sent[t->nsent++];
    ent_token *a = &t->tok[first], *z = &t->tok[end - 1];
    s->start = a->start;
    s->end = z->start + z->len;
    s->first_token = (uint32_t)first;
    s->ntokens = (uint32_t)(end - first);
    a->flags |= ENT_TOK_SENT_START;

    /* At the start of a sentence a capitalised -s word may be a plural ("Talks resumed"):
     * look it up again allowing the plural rule, which the tokenizer withheld from names. */
    ent_text__tokx *x = &t->tokx[first];
    if ((a->flags & (ENT_TOK_CAP | ENT_TOK_ALLCAPS)) == ENT_TOK_CAP && x->cpos == ENT_POS_X &&
        a->len > 3 && t->buf[a->start + a->len - 1] == 's' && !(x->lx & ENT_LX_ABBR)) {
        ent_text__word w;
        ent_text__lookup(&w, t->lex, t->buf + a->start, a->len, a->form, 1, 1);
        a->lemma = w.lemma;
        a->vform = w.vform;
        a->flags = (uint16_t)((a->flags & ~(ENT_TOK_CAN_VERB | ENT_TOK_CAN_NOUN)) | w.tflags);
    }
    return ENT_OK;
}

int ent_text__split(ent_text *t, int whole)
{
    size_t n = t->ntok;
    t->nsent = 0;
    if (n == 0)
        return ENT_OK;
    if (whole)
        return push_sentence(t, 0, n);
    size_t first = 0, line = 0;
    for (size_t k = 1; k < n; k++) {
        uint8_t gap = t->tokx[k].gap;
        int cut = 0;
        if (gap == ENT_GAP_BLANK)
            cut = 1;
        else if (gap == ENT_GAP_NEWLINE && is_headline(t, first, line, k))
            cut = 1;
        else if (gap != ENT_GAP_NONE && ends_before(t, first, k))
            cut = 1;
        else if (k - first >= ENT_TEXT__MAX_SENTENCE_TOKENS)
            cut = 1;
        if (gap >= ENT_GAP_NEWLINE)
            line = k;
        if (cut) {
            if (push_sentence(t, first, k) != ENT_OK)
                return ENT_ENOMEM;
            first = k;
        }
    }
    return push_sentence(t, first, n);
}
