/*
 * coder — verbs to events. For each verb of a sentence that heads a dictionary pattern:
 *   1. the verb group to its left (auxiliaries, modals, negation, "to"): voice, negation,
 *      modality, and the verb that governs an infinitive ("plans to sign");
 *   2. the subject: the nearest actor to the left in the same clause, skipping appositions,
 *      relative clauses and prepositional phrases, shared across "and" between verbs;
 *   3. the pattern: literal words, gaps and the target slot to the right of the verb;
 *   4. the target: the slot, or the first actor after the pattern that is not a place;
 *   5. events for every source × target of compound groups, or both directions when a
 *      compound subject acts with no target ("Iran and Russia signed a treaty").
 * Passive voice swaps the roles: the subject is the target, the "by" phrase the source.
 */
#include "coder_internal.h"

#include "util/vec.h"

#include <string.h>

static int in_list(uint64_t lemma, const uint64_t *list, size_t n);
static uint32_t skip_time_back(const ent_coder *c, uint32_t first, uint32_t i);

typedef struct verb_group {
    uint32_t start, verb;   /* first token of the group; the main verb */
    int negated, passive, infinitive;
    int modal; /* a modal stands in the group ("will", "cannot") */
    enum modality modality;
} verb_group;

static int is_pos(const ent_token *t, ent_pos pos)
{
    return t->pos == pos;
}

/* "after", "before", "since", "as": a preposition of time that may open a clause ("after
 * Israel threatened Beirut"). */
static int opens_time_clause(const ent_coder *c, const ent_token *t)
{
    return t->form == c->w.after || t->form == c->w.before || t->form == c->w.since ||
           t->form == c->w.as;
}

static int is_finite_boundary(const ent_token *t)
{
    return (t->flags & ENT_TOK_CLAUSE_END) || t->pos == ENT_POS_SCONJ;
}

/* A reported future action: an intention, or the action itself (ent_coder_set_future). */
static enum modality future_kind(const ent_coder *c)
{
    return c->future == ENT_FUTURE_EVENT ? MOD_NONE : MOD_INTENT;
}

/* Modal auxiliaries: future ones make a future action, the others speculation. */
static enum modality modal_kind(const ent_coder *c, const ent_token *t)
{
    return in_list(t->form, c->future_modals, c->nfuture) ? future_kind(c) : MOD_SPECULATIVE;
}

static int is_negation(const ent_coder *c, const ent_token *t)
{
    return is_pos(t, ENT_POS_NEG) || t->form == c->w.never;
}

static void analyse_group(const ent_coder *c, verb_group *g, uint32_t first, uint32_t v)
{
    memset(g, 0, sizeof *g);
    g->verb = v;
    int be = 0;
    uint32_t j = v;
    while (j > first) {
        const ent_token *t = &c->tok[j - 1];
        if (is_negation(c, t))
            g->negated = 1;
        else if (is_pos(t, ENT_POS_AUX))
            be |= t->lemma == c->w.be || t->lemma == c->w.get;
        else if (is_pos(t, ENT_POS_MODAL)) {
            g->modal = 1;
            if (!g->modality)
                g->modality = modal_kind(c, t);
        } else if (is_pos(t, ENT_POS_TO)) {
            g->infinitive = 1;
            j--;
            break;
        } else if (!is_pos(t, ENT_POS_ADV))
            break;
        j--;
    }
    g->start = j;
    g->passive = be && c->tok[v].vform == ENT_VF_PAST;
}

/* The mention that ends exactly at token end (exclusive), or NULL. */
static const mention *mention_ending(const ent_coder *c, uint32_t end)
{
    for (size_t k = c->nmentions; k-- > 0;)
        if (c->mentions[k].end == end)
            return &c->mentions[k];
    return NULL;
}

static const mention *mention_starting(const ent_coder *c, uint32_t i)
{
    int32_t k = c->mention_at[i];
    return k >= 0 ? &c->mentions[k] : NULL;
}

/* A comma-delimited insert that sits between a subject and its verb: a relative clause
 * ("which has supplied drones"), an apposition ("Russia 's foreign minister"), a participle
 * ("speaking in Moscow"), or an aside ("analysts say"). */
static int is_insert(const ent_coder *c, uint32_t from, uint32_t to)
{
    if (from >= to)
        return 0;
    const ent_token *t = &c->tok[from];
    if (is_pos(t, ENT_POS_WH) || t->vform == ENT_VF_ING || t->vform == ENT_VF_PAST)
        return 1;
    for (uint32_t i = from; i < to; i++)
        if (is_pos(&c->tok[i], ENT_POS_VERB) || is_pos(&c->tok[i], ENT_POS_AUX))
            return to - from <= 4; /* a short aside such as "officials said" */
    return 1;
}

static int find_subject(const ent_coder *c, uint32_t first, uint32_t group_start,
                        const mention **out, int depth);

/* "…, and recalled its ambassador": the subject of the previous verb. */
static int coordinated_subject(const ent_coder *c, uint32_t first, uint32_t cconj,
                               const mention **out, int depth)
{
    for (uint32_t i = cconj; i-- > first;) {
        const ent_token *t = &c->tok[i];
        if (is_finite_boundary(t))
            return 0;
        if (is_pos(t, ENT_POS_VERB)) {
            verb_group g;
            analyse_group(c, &g, first, i);
            return find_subject(c, first, g.start, out, depth + 1);
        }
    }
    return 0;
}

/*
 * The subject of the verb group starting at group_start. An actor right after a preposition
 * ("a delegation from Russia") is only a fallback when nothing better lies to its left.
 */
static int find_subject(const ent_coder *c, uint32_t first, uint32_t group_start,
                        const mention **out, int depth)
{
    *out = NULL;
    if (depth > 3 || group_start <= first)
        return 0;
    const ent_token *before = &c->tok[group_start - 1];
    if (is_pos(before, ENT_POS_CCONJ))
        return coordinated_subject(c, first, group_start - 1, out, depth);
    const mention *fallback = NULL;
    uint32_t i = group_start;
    while (i > first) {
        const ent_token *t = &c->tok[i - 1];
        const mention *m = mention_ending(c, i);
        if (m) {
            const ent_token *prev = m->start > first ? &c->tok[m->start - 1] : NULL;
            /* "after Israel threatened Beirut": a preposition of time opens a clause, whose
             * subject stands right before its verb. */
            int opens_clause = prev && m->end == group_start && opens_time_clause(c, prev);
            if (prev && is_pos(prev, ENT_POS_ADP) && !opens_clause) {
                if (!fallback)
                    fallback = m;
                i = m->start;
                continue;
            }
            *out = m;
            return 1;
        }
        if (t->form == c->w.comma) {
            /* Skip "…, which …," / "…, Russia 's foreign minister," back to the comma
             * that opens the insert. */
            uint32_t open = i - 1;
            while (open > first && c->tok[open - 1].form != c->w.comma &&
                   !is_finite_boundary(&c->tok[open - 1]))
                open--;
            if (open > first && c->tok[open - 1].form == c->w.comma &&
                is_insert(c, open, i - 1)) {
                i = open - 1;
                continue;
            }
            break;
        }
        if (is_finite_boundary(t))
            break;
        if (is_pos(t, ENT_POS_WH) && i == group_start) {
            /* "Iran, which supplied…": the relative pronoun's antecedent. */
            i--;
            if (i > first && c->tok[i - 1].form == c->w.comma)
                i--;
            continue;
        }
        if (is_pos(t, ENT_POS_WH))
            break;
        if (is_pos(t, ENT_POS_VERB) || is_pos(t, ENT_POS_AUX) || is_pos(t, ENT_POS_MODAL)) {
            /* A participle modifying the subject ("troops stationed in Syria") is crossed;
             * any other verb ends the search. A pronoun takes no participle: "They said the
             * planes attacked…" is the planes' act. */
            const mention *left = i - 1 > first ? mention_ending(c, i - 1) : NULL;
            if (!(is_pos(t, ENT_POS_VERB) && (t->vform == ENT_VF_PAST || t->vform == ENT_VF_ING) &&
                  i - 1 > first &&
                  (is_pos(&c->tok[i - 2], ENT_POS_NOUN) || is_pos(&c->tok[i - 2], ENT_POS_PROPN) ||
                   (left && left->kind == M_ACTOR))))
                break;
        }
        i--;
    }
    *out = fallback;
    return fallback != NULL;
}

/* Prepositions that make the actor after them a place or a circumstance, not a target. */
static int place_preposition(const ent_coder *c, const ent_token *t)
{
    const coder_words *w = &c->w;
    uint64_t f = t->form;
    return f == w->in || f == w->at || f == w->near || f == w->inside || f == w->outside ||
           f == w->across || f == w->during || f == w->since || f == w->after ||
           f == w->before || f == w->via || f == w->through || f == w->throughout ||
           f == w->within || f == w->among || f == w->by || f == w->from || f == w->over;
}

/* The prepositions whose actor may be a last-resort target: place proper ("in", "at") and
 * origin ("a better deal from Brussels"), not time ("after") or way ("via"). */
static int locative(const ent_coder *c, const ent_token *t)
{
    const coder_words *w = &c->w;
    uint64_t f = t->form;
    return f == w->in || f == w->at || f == w->inside || f == w->within || f == w->across ||
           f == w->throughout || f == w->from;
}

/* The word before token i that governs it, past determiners and modifiers ("in the
 * Kremlin", "against the Iranian town"), not looking before from. */
static const ent_token *word_before(const ent_coder *c, uint32_t from, uint32_t i)
{
    while (i > from && i > 0) {
        const ent_token *t = &c->tok[i - 1];
        if (t->pos != ENT_POS_DET && t->pos != ENT_POS_ADJ && t->pos != ENT_POS_NUM)
            return t;
        i--;
    }
    return i > 0 ? &c->tok[i - 1] : NULL;
}

/* True when the actor follows a place preposition ("agreed in Ankara"). */
static int after_place(const ent_coder *c, uint32_t first, const mention *m)
{
    const ent_token *prev = word_before(c, first, m->start);
    return prev && place_preposition(c, prev);
}

/* Statements, intentions, meetings and agreements (01x, 03x-05x) happen somewhere: the
 * place is where ("will meet in Bahrain", "reached an agreement in Vienna"), not whom
 * with. */
static int meets_somewhere(const char *code)
{
    if (strncmp(code, "042", 3) == 0)
        return 0; /* a visit's place is its host: "attended a summit in Switzerland" */
    return code[0] == '0' && (code[1] == '1' || (code[1] >= '3' && code[1] <= '5'));
}

/* Statements and meetings (01x, 04x, the intent to meet 036): "will meet to discuss the
 * tension between Greece and Turkey" is not with them. Narrower than meets_somewhere():
 * an agreement's purpose names its partner ("signed an agreement to sell cars to
 * Hungary"), where its venue does not. */
static int meeting(const char *code)
{
    return (code[0] == '0' && (code[1] == '1' || code[1] == '4')) || strncmp(code, "036", 3) == 0;
}

/* What parties do together: consult, meet, negotiate (040, 041, 044, 046; not a visit, its
 * hosting or a mediation), intend to meet (036), sign an agreement (057), cooperate (06x:
 * "held joint naval exercises"). */
static int done_together(const char *code)
{
    static const char *const together[] = {"040", "041", "044", "046", "036", "057", "06"};
    for (size_t i = 0; i < sizeof together / sizeof *together; i++)
        if (!strncmp(code, together[i], strlen(together[i])))
            return 1;
    return 0;
}

/* Conflict codes (18-20) take their target from a place: "struck targets in Syria". */
static int code_takes_place(const char *code)
{
    return code[0] == '2' || (code[0] == '1' && code[1] >= '8');
}

typedef struct match {
    const ent_pattern *pattern;
    uint32_t end;            /* first token after the matched words */
    const mention *target;   /* from a '+' slot */
    const mention *source;   /* from a '$' slot ("receive * weapon from $") */
    const mention *in_gap;   /* first actor a '*' gap passed over ("a US offer") */
    const mention *in_word;  /* actor that contains a pattern word ("Hamas leader") */
    uint32_t verb;           /* the head, or for a noun head the verb among the words before */
    const mention *speaker;  /* with a '+' among the words before the verb, the subject of
                                the clause they begin (speaker_of) */
} match;

/* A comma at i that ends a phrase: not one between two adjectives of one noun phrase
 * ("complete, full diplomatic ties with Gondor", "a long, bloody war"). */
static int phrase_comma(const ent_coder *c, uint32_t i, uint32_t end)
{
    return c->tok[i].form == c->w.comma &&
           !(i > 0 && i + 1 < end && c->tok[i - 1].pos == ENT_POS_ADJ &&
             c->tok[i + 1].pos == ENT_POS_ADJ);
}

/* The longest stretch a '*' gap spans: a noun phrase such as "the first S-300 air defence
 * missile systems". It never crosses a clause boundary, a verb or a comma. */
#define MAX_GAP 10

static int skippable_before_word(const ent_token *t)
{
    return t->pos == ENT_POS_DET || t->pos == ENT_POS_ADV || t->pos == ENT_POS_POSS ||
           t->pos == ENT_POS_ADJ || t->pos == ENT_POS_NUM;
}

/* The last token (exclusive) of the compound group a mention belongs to. */
static uint32_t group_end(const ent_coder *c, const mention *m)
{
    uint32_t end = m->end;
    if (m->group >= 0)
        for (size_t k = 0; k < c->nmentions; k++)
            if (c->mentions[k].group == m->group && c->mentions[k].end > end)
                end = c->mentions[k].end;
    return end;
}

/* Moves i forward over a time phrase that starts there ("on Wednesday", "on March 3",
 * "yesterday"), so patterns read "urged Iran on Wednesday to …" as "urged Iran to …". */
static uint32_t skip_time_forward(const ent_coder *c, uint32_t i, uint32_t end)
{
    const coder_words *w = &c->w;
    for (;;) {
        if (i < end && (c->tok[i].form == w->yesterday || c->tok[i].form == w->today)) {
            i++;
            continue;
        }
        if (i + 1 < end && c->tok[i].form == w->on) {
            const ent_token *t = &c->tok[i + 1];
            if (ent_coder__weekday(c, t) >= 0 || ent_coder__month(c, t)) {
                i += 2;
                if (i < end && (c->tok[i].flags & ENT_TOK_DIGIT))
                    i++;
                continue;
            }
        }
        return i;
    }
}

/* A target slot at i: an actor (with the rest of its compound group), after at most a
 * determiner and two modifiers. */
static const mention *slot_at(const ent_coder *c, uint32_t i, uint32_t end, uint32_t *next)
{
    for (uint32_t skip = 0; skip <= 3 && i + skip < end; skip++) {
        const mention *m = mention_starting(c, i + skip);
        if (m) {
            *next = group_end(c, m);
            return m;
        }
        const ent_token *t = &c->tok[i + skip];
        if (!(t->pos == ENT_POS_DET || t->pos == ENT_POS_ADJ || t->pos == ENT_POS_NOUN ||
              t->pos == ENT_POS_NUM || t->pos == ENT_POS_PROPN))
            return NULL;
    }
    return NULL;
}

static int stops_gap(const ent_token *t)
{
    return (t->flags & (ENT_TOK_CLAUSE_END | ENT_TOK_QUOTE)) || t->pos == ENT_POS_SCONJ ||
           t->pos == ENT_POS_WH || t->pos == ENT_POS_VERB || t->pos == ENT_POS_AUX ||
           t->pos == ENT_POS_MODAL;
}

/* A gap stops at a verb, except a gerund after a preposition, which is part of the noun
 * phrase ("accused Iran of committing aggression"). */
static int stops_gap_at(const ent_coder *c, uint32_t i)
{
    const ent_token *t = &c->tok[i];
    if (t->pos == ENT_POS_VERB && t->vform == ENT_VF_ING && i > 0 &&
        c->tok[i - 1].pos == ENT_POS_ADP)
        return 0;
    return stops_gap(t);
}

/* The token after the ")" that closes the "(" at i, or i + 1 when there is none. */
static uint32_t closing_paren(const ent_coder *c, uint32_t i, uint32_t end)
{
    for (uint32_t j = i + 1; j < end && j < i + 24; j++)
        if (c->tok[j].form == c->w.rparen)
            return j + 1;
    return i + 1;
}

/* Token t is the pattern word el: by lemma, or as written. */
static int is_pattern_word(const ent_token *t, const ent_pattern_elem *el)
{
    return t->lemma == el->lemma || t->lemma == el->form || t->form == el->form;
}

/*
 * The lemmas and forms of a clause's tokens after its verb, for exact tests of the words a
 * pattern needs: the word sets pass many patterns whose words are not all there (with
 * CAMEO.2.0's thousands of patterns for a common verb, 19 in 20 of those they pass), and
 * trying each in place cost a quarter of coding with the Phoenix dictionaries. Open addressing,
 * at most half full; a clause too long for it (mask 0) is scanned instead.
 */
enum { CLAUSE_SLOTS = 512 };
typedef struct clause_words {
    uint64_t lemma[CLAUSE_SLOTS], form[CLAUSE_SLOTS];
    size_t mask; /* slots - 1, or 0: not built */
    uint32_t from, end;
} clause_words;

static void slot_put(uint64_t *slots, size_t mask, uint64_t key)
{
    key += !key; /* 0 marks an empty slot */
    size_t i = (size_t)key & mask;
    while (slots[i] && slots[i] != key)
        i = (i + 1) & mask;
    slots[i] = key;
}

static int slot_has(const uint64_t *slots, size_t mask, uint64_t key)
{
    key += !key;
    for (size_t i = (size_t)key & mask; slots[i]; i = (i + 1) & mask)
        if (slots[i] == key)
            return 1;
    return 0;
}

static void clause_words_build(clause_words *cw, const ent_coder *c, uint32_t from, uint32_t end)
{
    cw->from = from;
    cw->end = end;
    size_t size = 16;
    while (size < 2 * (size_t)(end - from) && size < CLAUSE_SLOTS)
        size *= 2;
    cw->mask = 2 * (size_t)(end - from) <= size ? size - 1 : 0;
    if (!cw->mask)
        return;
    memset(cw->lemma, 0, size * sizeof *cw->lemma);
    memset(cw->form, 0, size * sizeof *cw->form);
    for (uint32_t t = from; t < end; t++) {
        slot_put(cw->lemma, cw->mask, c->tok[t].lemma);
        slot_put(cw->form, cw->mask, c->tok[t].form);
    }
}

/* 1 when a token of the clause is the pattern word el (is_pattern_word). */
static int clause_has(const clause_words *cw, const ent_coder *c, const ent_pattern_elem *el)
{
    if (cw->mask)
        return slot_has(cw->lemma, cw->mask, el->lemma) ||
               slot_has(cw->lemma, cw->mask, el->form) || slot_has(cw->form, cw->mask, el->form);
    for (uint32_t t = cw->from; t < cw->end; t++)
        if (is_pattern_word(&c->tok[t], el))
            return 1;
    return 0;
}

/* 1 when every word of pattern p occurs in the clause, which match_elems needs. */
static int words_occur(const ent_coder *c, const ent_pattern *p, const clause_words *cw)
{
    const ent_pattern_elem *el = c->dict->pattern_elems + p->elem_off;
    for (uint16_t e = 0; e < p->nelem; e++)
        if (el[e].type == PAT_WORD && !clause_has(cw, c, &el[e]))
            return 0;
    return 1;
}

/* Matches elements [e, n) of pattern p at token i; fills m on success. */
static int match_elems(const ent_coder *c, const ent_pattern *p, uint16_t e, uint32_t i,
                       uint32_t end, match *m)
{
    const ent_pattern_elem *el = c->dict->pattern_elems + p->elem_off;
    if (e == p->nelem) {
        m->end = i;
        return 1;
    }
    switch (el[e].type) {
    case PAT_WORD:
        i = skip_time_forward(c, i, end);
        for (uint32_t skip = 0; skip <= 2 && i + skip < end; skip++) {
            const ent_token *t = &c->tok[i + skip];
            if (is_pattern_word(t, &el[e])) {
                /* A pattern noun may be the first part of a compound: "missile" in
                 * "missile systems to Iran", "drone" in "drone parts". */
                uint32_t j = i + skip + 1;
                for (int extra = 0; extra <= 2 && j <= end; extra++, j++) {
                    if (match_elems(c, p, e + 1, j, end, m)) {
                        if (!m->in_word)
                            m->in_word = ent_coder__mention_covering(c, i + skip);
                        return 1;
                    }
                    if (e + 1 == p->nelem || j >= end || c->tok[j].pos != ENT_POS_NOUN)
                        break;
                }
                return 0;
            }
            if (!skippable_before_word(t) || mention_starting(c, i + skip))
                return 0;
        }
        return 0;
    case PAT_TARGET:
    case PAT_SOURCE: {
        uint32_t next;
        const mention *t = slot_at(c, i, end, &next);
        if (!t)
            return 0;
        const mention **slot = el[e].type == PAT_TARGET ? &m->target : &m->source;
        const mention *saved = *slot;
        *slot = t;
        if (match_elems(c, p, e + 1, next, end, m))
            return 1;
        *slot = saved;
        return 0;
    }
    case PAT_GAP:
        /* "gap" counts tokens; a parenthetical aside ("(US$589 million)") counts as none. */
        for (uint32_t j = i, gap = 0; gap <= MAX_GAP && j <= end; gap++) {
            if (match_elems(c, p, e + 1, j, end, m)) {
                for (uint32_t k = i; k < j && !m->in_gap; k++)
                    m->in_gap = mention_starting(c, k);
                return 1;
            }
            if (j == end || stops_gap_at(c, j) || phrase_comma(c, j, end))
                return 0;
            j = c->tok[j].form == c->w.lparen ? closing_paren(c, j, end) : j + 1;
        }
        return 0;
    }
    return 0;
}

/* How far before its verb a pattern's words may stand: a few words and a gap or two. */
#define PRE_REACH (3 * MAX_GAP)

/* What the words a pattern wants before its verb matched (match_before). */
typedef struct before_match {
    int negation;          /* a word is the negation of the verb group ("not", "never") */
    uint32_t leftmost;     /* the first token a word matched */
    uint32_t verb;         /* the first token a word matched that is a verb, or the head */
    const mention *target; /* the actor a '+' among them matched ("suggested + > require") */
} before_match;

/*
 * Matches the words a pattern wants before its verb ("said * > boycott", "not > urge"),
 * elements [0, e) ending just before token i, right to left, not before token from. A word
 * is the token right there; a gap passes over up to MAX_GAP tokens; a '+' is an actor
 * ending there, with its determiner ("suggested the Gondor government should"). A word that
 * is the negation of the verb group makes the pattern say what the negated verb means.
 */
static int match_before(const ent_coder *c, const ent_pattern *p, uint16_t e, uint32_t i,
                        uint32_t from, before_match *b)
{
    if (e == 0)
        return 1;
    const ent_pattern_elem *el = &c->dict->pattern_elems[p->pre_off + e - 1];
    if (el->type == PAT_GAP) {
        for (uint32_t j = i, gap = 0; gap <= MAX_GAP; gap++, j--) {
            if (match_before(c, p, e - 1, j, from, b))
                return 1;
            if (j == from)
                return 0;
        }
        return 0;
    }
    if (i == from)
        return 0;
    if (el->type == PAT_TARGET) {
        const mention *m = mention_ending(c, i);
        if (!m || m->start < from)
            return 0;
        uint32_t j = m->start;
        if (j > from && is_pos(&c->tok[j - 1], ENT_POS_DET))
            j--;
        if (!match_before(c, p, e - 1, j, from, b))
            return 0;
        b->target = m;
        return 1;
    }
    const ent_token *t = &c->tok[i - 1];
    if (!is_pattern_word(t, el))
        return 0;
    if (!match_before(c, p, e - 1, i - 1, from, b))
        return 0;
    b->negation |= is_negation(c, t);
    if (b->leftmost > i - 1)
        b->leftmost = i - 1;
    if (is_pos(t, ENT_POS_VERB) && b->verb > i - 1)
        b->verb = i - 1;
    return 1;
}

/*
 * A target among the words before the verb is the verb's subject, and the words before it
 * name the clause that governs it ("suggested + > require": "Arnor suggested Gondor should
 * require the conventions"; TABARI's "SAID + * [111]" under ATTACK: "Iraq said Iran
 * attacked"): the source is the subject of that clause, a state other than the target's. NULL
 * when there is none, or when the target is one state's ("Iran says its forces attacked" is
 * a claim of Iran's own act).
 */
static const mention *speaker_of(const ent_coder *c, uint32_t first, uint32_t v,
                                 const before_match *b)
{
    /* A pronoun there is most often the speaker ("Iraq said it attacked"); an actor joined to
       others by "and" is a compound subject, which acts on its members (MATCH_COMPOUND). */
    if (b->leftmost >= b->target->start || b->target->kind != M_ACTOR || b->target->group >= 0)
        return NULL;
    verb_group own;
    const mention *subject;
    analyse_group(c, &own, first, v);
    if (!find_subject(c, first, own.start, &subject, 0) || subject != b->target)
        return NULL; /* "said … Gaza, who was planning attacks": not the verb's subject */
    uint32_t at = b->leftmost;
    if (b->verb < b->target->start) {
        verb_group governing_group;
        analyse_group(c, &governing_group, first, b->verb);
        at = governing_group.start;
    }
    const mention *speaker;
    if (!find_subject(c, first, at, &speaker, 0) || !strncmp(speaker->code, b->target->code, 3))
        return NULL;
    return speaker;
}

enum {
    MATCH_NEGATED = 1,  /* the verb is negated */
    MATCH_COMPOUND = 2, /* its subject is two or more actors together */
    MATCH_NOMINAL = 4,  /* the head is a noun: see code_light_verb */
};

/* Marks in cand the patterns of a key table (ent_dict__pattern_keys) that words may let
 * match: those filed under one of its bits, and those that need no word. */
static void mark_candidates(uint64_t *cand, const uint32_t *keys, size_t n,
                            const ent_word_set *words)
{
    memset(cand, 0, (n + 63) / 64 * sizeof *cand);
    for (unsigned w = 0; w <= 4; w++) {
        uint64_t bits = w < 4 ? words->bits[w] : 1; /* then the empty need's group */
        for (; bits; bits &= bits - 1) {
            unsigned b = w * 64 + (unsigned)__builtin_ctzll(bits);
            for (uint32_t k = keys[b]; k < keys[b + 1]; k++)
                cand[keys[k] / 64] |= (uint64_t)1 << (keys[k] % 64);
        }
    }
}

/* The first index from from on marked in cand, or n. */
static size_t next_candidate(const uint64_t *cand, size_t n, size_t from)
{
    if (from >= n)
        return n;
    size_t w = from / 64;
    uint64_t bits = cand[w] & (~(uint64_t)0 << (from % 64));
    while (!bits) {
        if (++w >= (n + 63) / 64)
            return n;
        bits = cand[w];
    }
    size_t i = w * 64 + (size_t)__builtin_ctzll(bits);
    return i < n ? i : n;
}

/* The best pattern of the verb at v that matches: its words before the verb (not before
 * token first) and to its right. When the verb is negated, only a pattern whose words name
 * the negation ("not > urge") can match: any other would code what did not happen. A
 * pattern for a compound subject ("% > renew * diplomatic") needs MATCH_COMPOUND. When
 * reach is below v, only a pattern whose words before the verb start before token reach
 * can match: one that names the verb governing an infinitive ("has refused to > urge").
 * With MATCH_NOMINAL, only a pattern with a verb among its words before the head can. */
static int match_pattern(const ent_coder *c, uint32_t first, uint32_t v, uint32_t end,
                         unsigned flags, uint32_t reach, match *out)
{
    int negated = (flags & MATCH_NEGATED) != 0;
    size_t n;
    const ent_pattern *p = ent_dict__patterns_for(c->dict, c->tok[v].lemma, &n);
    const ent_word_set *need = ent_dict__needs_of(c->dict, p);
    ent_word_set words = {{0, 0, 0, 0}}; /* the clause's words after the verb */
    for (uint32_t t = v + 1; t < end; t++) {
        ent_word_set_add(&words, c->tok[t].lemma);
        ent_word_set_add(&words, c->tok[t].form);
    }
    /* and those before it that a pattern may want ("said * > boycott"), collected when
       the first such pattern comes up: most verbs have none */
    uint32_t from = v >= first + PRE_REACH ? v - PRE_REACH : first;
    ent_word_set before = {{0, 0, 0, 0}};
    int have_before = 0;
    int words_before = reach < v || (flags & MATCH_NOMINAL); /* only patterns with such words */
    /* A verb with many patterns tries only those its key table lets through. */
    const uint32_t *keys = ent_dict__pattern_keys(c->dict, c->tok[v].lemma);
    uint64_t cand[ENT_PATTERN_KEYED_MAX / 64];
    clause_words clause;
    clause.end = 0;
    if (keys)
        mark_candidates(cand, keys, n, &words);
    for (size_t i = keys ? next_candidate(cand, n, 0) : 0; i < n;
         i = keys ? next_candidate(cand, n, i + 1) : i + 1) {
        if (!ent_word_set_covers(&words, &need[i]) || p[i].passive ||
            (p[i].compound && !(flags & MATCH_COMPOUND)) || (words_before && !p[i].npre))
            continue;
        before_match b = {0, v, v, NULL};
        if (p[i].npre || negated) {
            if (!have_before) {
                for (uint32_t t = from; t < v; t++) {
                    ent_word_set_add(&before, c->tok[t].lemma);
                    ent_word_set_add(&before, c->tok[t].form);
                }
                have_before = 1;
            }
            if (!ent_word_set_covers(&before, &p[i].need_before) ||
                !match_before(c, &p[i], p[i].npre, v, from, &b) || b.negation != negated ||
                (reach < v && b.leftmost >= reach) || ((flags & MATCH_NOMINAL) && b.verb == v))
                continue;
        }
        const mention *speaker = NULL;
        if (b.target && !(speaker = speaker_of(c, first, v, &b)))
            continue;
        match m = {&p[i], 0, b.target, NULL, NULL, NULL, b.verb, speaker};
        if (!clause.end)
            clause_words_build(&clause, c, v + 1, end); /* when first needed */
        if (words_occur(c, &p[i], &clause) && match_elems(c, &p[i], 0, v + 1, end, &m)) {
            *out = m;
            return 1;
        }
    }
    return 0;
}

/*
 * In the passive the pattern's words may stand before the verb ("sanctions were imposed on
 * Iran"): a pattern matches when its literal words all occur in the clause, in any order.
 */
static int match_passive(const ent_coder *c, uint32_t clause_start, uint32_t v, uint32_t end,
                         match *out)
{
    size_t n;
    const ent_pattern *p = ent_dict__patterns_for(c->dict, c->tok[v].lemma, &n);
    const ent_word_set *need = ent_dict__needs_of(c->dict, p);
    ent_word_set words = {{0, 0, 0, 0}}; /* the clause's words */
    for (uint32_t t = clause_start; t < end; t++) {
        ent_word_set_add(&words, c->tok[t].lemma);
        ent_word_set_add(&words, c->tok[t].form);
    }
    /* Patterns written for the passive ("+ > shoot * dead") first, then the others. */
    for (size_t k = 0; k < 2 * n; k++) {
        size_t i = k % n;
        if (!ent_word_set_covers(&words, &need[i]) || (k < n) != (p[i].passive != 0))
            continue;
        /* Words before the verb name an active clause's order ("said * > boycott"), and a
           compound subject is an active one. */
        if (p[i].npre || p[i].compound)
            continue;
        const ent_pattern_elem *el = c->dict->pattern_elems + p[i].elem_off;
        int ok = 1;
        const mention *source = NULL;
        uint32_t word_at = v; /* where the last word was found */
        for (uint16_t e = 0; e < p[i].nelem && ok; e++) {
            if (el[e].type == PAT_SOURCE) {
                /* "+ > free * from $": the actor right after the word before the '$', which
                   must follow the verb ("Hostages from Arnor were freed on Monday" is not) */
                uint32_t next;
                ok = word_at > v && (source = slot_at(c, word_at + 1, end, &next)) != NULL;
                continue;
            }
            if (el[e].type != PAT_WORD)
                continue;
            ok = 0;
            /* after the verb first, then anywhere in the clause */
            for (uint32_t j = 0; j < end - clause_start && !ok; j++) {
                uint32_t t = v + 1 + j < end ? v + 1 + j : clause_start + (j - (end - v - 1));
                if (t != v && (c->tok[t].lemma == el[e].lemma || c->tok[t].lemma == el[e].form)) {
                    ok = 1;
                    word_at = t;
                }
            }
        }
        if (ok) {
            out->pattern = &p[i];
            out->end = v + 1;
            out->target = NULL;
            out->source = source;
            return 1;
        }
    }
    return 0;
}

/* A role of a state acting on that bare state ("Trump threatens that the United States
 * will…": USAGOV and USA) is one actor speaking of itself, not an event. The other way
 * round ("Armenians protested against the prime minister": ARM and ARMGOV) and two roles
 * of one state (IRNLEG and IRNGOV) are domestic events and stay. */
static int self_reference(const char *source, const char *target)
{
    return strlen(target) == 3 && strlen(source) > 3 && !strncmp(source, target, 3);
}

/* Two actor codes of one state ("IRNGOVMED" and "IRNMIL"). */
static int same_state(const char *x, const char *y)
{
    /* Phoenix writes bodies as IGO…, NGO…, MNC…: those three letters name no state */
    static const char *const not_states[] = {"IGO", "NGO", "MNC", "---"};
    if (strncmp(x, y, 3))
        return 0;
    for (size_t k = 0; k < sizeof not_states / sizeof *not_states; k++)
        if (!strncmp(x, not_states[k], 3))
            return 0;
    return 1;
}

/* Two compound groups that share a state ("Israel and Lebanon … the war between Israel and
 * Hezbollah", "Syria and Ukraine … Presidents al-Sharaa and Zelenskyy"). */
static int groups_share_a_state(const ent_coder *c, int a, int b)
{
    for (size_t i = 0; i < c->nmentions; i++)
        for (size_t j = 0; j < c->nmentions && c->mentions[i].group == a; j++)
            if (c->mentions[j].group == b && same_state(c->mentions[i].code, c->mentions[j].code))
                return 1;
    return 0;
}

/* How find_target() may use an actor in a place phrase. */
enum place_use {
    PLACE_NEVER,
    PLACE_LAST_RESORT, /* when nothing else is the target, and the code is no meeting's */
    PLACE_DESTINATION, /* a verb of motion: "arrived in Gondor" is where the subject went */
};

/* The target after the pattern, in the same clause: the first actor that is not a place;
 * else, for one actor acting, the first actor after a place preposition of locative() (not
 * for statements, intentions, meetings and agreements, unless the verb is one of motion or
 * the place is where violence they speak of struck); the search goes on past a purpose
 * ("to supply …") except for statements and meetings. */
static const mention *find_target(const ent_coder *c, uint32_t from, uint32_t end, const char *code,
                                  const mention *source, enum place_use use_place)
{
    from = skip_time_forward(c, from, end);
    /* With no other target, an actor in a place phrase is the target ("criticized the
     * closure of guest houses in Bree") when one actor acts. Two or more ("Iran and Russia
     * signed a treaty in Moscow", "the two ministers discussed…") act on each other, and
     * the place is where they did; but a protest or coercion (14x, 17x) is never one
     * another's ("US and British activists staged a protest in Beijing"). */
    int acts_on_others =
        use_place != PLACE_NEVER && source &&
        (((source->kind == M_ACTOR || source->kind == M_REF_ONE) && source->group < 0) ||
         (source->group >= 0 && code[0] == '1' && (code[1] == '4' || code[1] == '7')));
    /* Statements, meetings and agreements happen at a place, unless it is where violence a
       statement or meeting speaks of struck ("expressed sorrow for the shootings in South
       Carolina"); an agreement on it is not with that place ("a ceasefire in the war in
       Sudan"). */
    int at_venue = meets_somewhere(code) && use_place != PLACE_DESTINATION;
    int about_violence = at_venue && meeting(code);
    const mention *place_actor = NULL;
    for (uint32_t i = from; i < end; i++) {
        const ent_token *t = &c->tok[i];
        if (about_violence && t->pos == ENT_POS_NOUN &&
            in_list(t->form, c->violence_nouns, c->nviolence))
            at_venue = 0;
        const mention *m = mention_starting(c, i);
        if (m) {
            const ent_token *prev = word_before(c, from, i);
            /* "rejected an offer by Russia", "condemned an attack by Osgiliath soldiers":
             * "by" after the pattern's words or after a noun names whose it is, not a
             * place. */
            int owner =
                prev && prev->form == c->w.by &&
                (prev == &c->tok[from] || (prev > &c->tok[from] && is_pos(prev - 1, ENT_POS_NOUN)));
            /* A preposition the pattern ends with is the dictionary's: its object is the
               target ("condemn * attack * by" + "Osgiliath soldiers"), unless it is one of
               place ("talks in" + "Bonn" is still where). */
            int named = prev && prev < &c->tok[from] && !locative(c, prev);
            int place =
                prev && !owner && !named && place_preposition(c, prev) &&
                !(code_takes_place(code) && prev->form != c->w.by && prev->form != c->w.from);
            /* Nor the source itself, or its own state ("Syrian rebels engaged … in Syria") */
            int self = source && m->kind == M_ACTOR &&
                       (!strcmp(m->code, source->code) || self_reference(source->code, m->code));
            /* A compound acting together is not acting on a group of the same states: that
               is the same parties, or what they act amid. */
            if (source && source->group >= 0 && m->group >= 0 &&
                groups_share_a_state(c, source->group, m->group)) {
                i = group_end(c, m) - 1;
                continue;
            }
            if (!place && !self)
                return m;
            /* Not at home ("Putin spoke in Moscow"); a role of the same state is no place
               ("demonstrators received weapons from the Georgian government"). */
            if (place && !self && !place_actor && acts_on_others && !at_venue &&
                locative(c, prev) && !(use_place == PLACE_DESTINATION && prev->form == c->w.from) &&
                (strncmp(m->code, source->code, 3) != 0 || strlen(m->code) > 3))
                place_actor = m;
            i = m->end - 1;
            continue;
        }
        if (i == from && t->pos == ENT_POS_SCONJ && t->form == c->w.that && i + 1 < end &&
            (!strncmp(code, "02", 2) || !strncmp(code, "10", 2) || !strncmp(code, "11", 2) ||
             !strncmp(code, "13", 2))) {
            /* "demanded that Iran free…", "charged that the Soviet test violated…": the
               subject of the clause is the target of an appeal, a demand, a threat or an
               accusation. */
            uint32_t next;
            return slot_at(c, i + 1, end, &next);
        }
        /* "signed an accord to supply Gondor with wheat": the purpose's object is the
           target when the pattern's noun phrase names none (and one actor acts). */
        if (t->pos == ENT_POS_TO && i + 1 < end && c->tok[i + 1].pos == ENT_POS_VERB &&
            !place_actor && source && source->group < 0 && !meeting(code)) {
            i++;
            /* and its participle: "reluctance to become involved in Ithilen's affairs";
               not a passive's, whose "by" names who acts ("to get overwhelmed by China") */
            if (i + 2 < end && c->tok[i + 1].pos == ENT_POS_VERB &&
                c->tok[i + 1].vform == ENT_VF_PAST && c->tok[i + 2].form != c->w.by)
                i++;
            continue;
        }
        if (phrase_comma(c, i, end) || stops_gap(t))
            return place_actor;
    }
    return place_actor;
}

/* The "by" agent of a passive verb: "was struck by Israeli aircraft". */
static const mention *find_agent(const ent_coder *c, uint32_t from, uint32_t end)
{
    for (uint32_t i = from; i + 1 < end && i < from + 8; i++) {
        const ent_token *t = &c->tok[i];
        if (t->form == c->w.by) {
            uint32_t next;
            return slot_at(c, i + 1, end, &next);
        }
        if ((t->flags & ENT_TOK_CLAUSE_END) || t->pos == ENT_POS_SCONJ || t->pos == ENT_POS_WH)
            return NULL;
    }
    return NULL;
}

/* ---- modality: intentions and threats ---- */

/*
 * CAMEO files intentions (03x), appeals (02x) and demands (10x) by the action intended,
 * asked for or demanded, with one family of sub-codes for each kind of action: an appeal
 * to release prisoners is 0253, a demand for it 1053, an intention to do it 0353. The
 * table maps an action code (by prefix, longest first) to the three. Extend here.
 */
enum { FAMILY_INTENT = 0, FAMILY_APPEAL = 1, FAMILY_DEMAND = 2 };

static const struct family {
    const char *action;
    const char *code[3]; /* intent, appeal, demand */
} families[] = {
    {"061", {"0311", "0211", "1011"}}, {"062", {"0312", "0212", "1012"}},
    {"063", {"0313", "0213", "1013"}}, {"064", {"0314", "0214", "1014"}},
    {"071", {"0331", "0231", "1031"}}, {"072", {"0332", "0232", "1032"}},
    {"073", {"0333", "0233", "1033"}}, {"074", {"0334", "0234", "1034"}},
    {"081", {"0351", "0251", "1051"}}, {"082", {"0352", "0252", "1052"}},
    {"083", {"034", "024", "104"}},    {"084", {"0353", "0253", "1053"}},
    {"085", {"0354", "0254", "1054"}}, {"086", {"0355", "0255", "1055"}},
    {"087", {"0356", "0256", "1056"}}, {"045", {"039", "028", "108"}},
    {"04", {"036", "026", "106"}},     {"05", {"032", "022", "102"}},
    {"06", {"031", "021", "101"}},     {"07", {"033", "023", "103"}},
    {"08", {"035", "025", "105"}},
};

/* The family code of an action, or NULL when the action has no such family. An intention
 * (03x) stays itself. */
static const char *family_code(const char *action, int kind)
{
    if (kind == FAMILY_INTENT && strncmp(action, "03", 2) == 0)
        return action;
    for (size_t i = 0; i < sizeof families / sizeof *families; i++)
        if (strncmp(action, families[i].action, strlen(families[i].action)) == 0)
            return families[i].code[kind];
    return NULL;
}

static const char *intent_code(const char *code)
{
    return family_code(code, FAMILY_INTENT);
}

/* A CAMEO code's counterpart in another family, by its longest listed prefix. */
typedef struct code_map {
    const char *prefix, *code;
} code_map;

static const code_map *by_prefix(const code_map *map, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strncmp(code, map[i].prefix, strlen(map[i].prefix)) == 0)
            return &map[i];
    return NULL;
}

/*
 * The code of a refused act of cooperation, where CAMEO has one: its Reject family (12)
 * refuses each kind of cooperation. "will not cooperate" (06x) rejects material
 * cooperation, 121; "will not send aid" (07x) rejects aid, 122; "will not lift the
 * sanctions" is a refusal to yield (08x), 124; "would not discuss" (04x) rejects a meeting,
 * 125. NULL for the rest: not attacking or not criticising is no event. The coder asks for
 * a modal ("will not", "cannot") or "refuse"/"decline to": "had not sold wheat for years"
 * or "never met him" is a fact, not a refusal.
 */
static const char *refusal_code(const char *code)
{
    static const code_map map[] = {
        {"061", "1211"}, {"062", "1212"}, {"06", "121"},   {"071", "1221"}, {"072", "1222"},
        {"073", "1223"}, {"074", "1224"}, {"07", "122"},   {"081", "1241"}, {"082", "1242"},
        {"084", "1243"}, {"085", "1244"}, {"086", "1245"}, {"087", "1246"}, {"08", "124"},
        {"045", "126"},  {"04", "125"},
    };
    const code_map *m = by_prefix(map, sizeof map / sizeof *map, code);
    return m ? m->code : NULL;
}

/* CAMEO threat code for an action ("threatened to strike" → threaten military force). */
static const char *threat_code(const char *code)
{
    static const code_map map[] = {
        {"161", "1313"}, {"162", "1311"}, {"163", "1312"}, {"16", "131"},   {"17", "137"},
        {"18", "1383"},  {"191", "1381"}, {"192", "1382"}, {"193", "1384"}, {"194", "1384"},
        {"195", "1384"}, {"19", "138"},   {"20", "1385"},  {"14", "133"},   {"13", NULL},
    };
    const code_map *m = by_prefix(map, sizeof map / sizeof *map, code);
    return !m ? "130" : m->code ? m->code : code;
}

/*
 * CAMEO tells uses of force apart by weapon: 194 artillery, missiles and rockets, 195
 * aircraft and drones, 2041/2042 chemical and nuclear weapons. A generic "attacked" or
 * "struck" (190, 194, 195) takes the weapon named in its sentence; the first row that
 * matches wins, so aircraft firing missiles are 195. Extend the table here.
 */
static const struct weapon {
    const char *words; /* one or two lemmas */
    const char *code;
} weapons[] = {
    {"sarin", "2041"},       {"chlorine", "2041"},     {"mustard gas", "2041"},
    {"nerve agent", "2041"}, {"chemical weapon", "2041"}, {"atomic bomb", "2042"},
    {"nuclear bomb", "2042"}, {"warplane", "195"},     {"aircraft", "195"},
    {"jet", "195"},          {"bomber", "195"},        {"drone", "195"},
    {"airstrike", "195"},    {"air strike", "195"},    {"helicopter", "195"},
    {"missile", "194"},      {"rocket", "194"},        {"artillery", "194"},
    {"shell", "194"},        {"tank", "194"},
};

/* "anti-aircraft batteries", "anti-tank missiles": the weapon at i is what they are against. */
static int against_weapon(const ent_coder *c, uint32_t first, uint32_t i)
{
    return i >= first + 2 && c->tok[i - 1].form == c->w.hyphen && c->tok[i - 2].form == c->w.anti;
}

static const char *refine_by_weapon(const ent_coder *c, uint32_t first, uint32_t end,
                                    const char *code)
{
    if (strcmp(code, "190") && strcmp(code, "194") && strcmp(code, "195"))
        return code;
    for (size_t w = 0; w < sizeof weapons / sizeof *weapons; w++) {
        const uint64_t *lemma = c->weapon_lemmas[w];
        for (uint32_t i = first; i < end; i++)
            if (c->tok[i].lemma == lemma[0] &&
                (!lemma[1] || (i + 1 < end && c->tok[i + 1].lemma == lemma[1])) &&
                !against_weapon(c, first, i))
                return weapons[w].code;
    }
    return code;
}

/* Token i ends a weapon of the table ("missiles", "air strikes"). */
static int is_weapon(const ent_coder *c, uint32_t first, uint32_t i)
{
    for (size_t w = 0; w < sizeof weapons / sizeof *weapons; w++) {
        const uint64_t *lemma = c->weapon_lemmas[w];
        if (lemma[1] ? i > first && c->tok[i].lemma == lemma[1] && c->tok[i - 1].lemma == lemma[0]
                     : c->tok[i].lemma == lemma[0])
            return 1;
    }
    return 0;
}

/* Lemma hashes of the weapon table, for ent_coder_create(). */
int ent_coder__weapon_lemmas(uint64_t (*out)[2], size_t max, const ent_lexicon *lex)
{
    size_t n = sizeof weapons / sizeof *weapons;
    if (n > max)
        return -1;
    for (size_t w = 0; w < n; w++) {
        const char *words = weapons[w].words, *space = strchr(words, ' ');
        size_t len = space ? (size_t)(space - words) : strlen(words);
        out[w][0] = ent_lexicon_lemma(lex, words, len);
        out[w][1] = space ? ent_lexicon_lemma(lex, space + 1, strlen(space + 1)) : 0;
    }
    return (int)n;
}

static int match_pattern(const ent_coder *c, uint32_t first, uint32_t v, uint32_t end,
                         unsigned flags, uint32_t reach, match *out);

/* Appeals (02x) and demands (10x) name an action: "urged Iran to free…", "demanded that
 * Israel halt…". Returns that action's code, or NULL. from is where the pattern ended. */
static const char *complement_action(const ent_coder *c, uint32_t from, uint32_t end)
{
    uint32_t i = skip_time_forward(c, from, end);
    const mention *m = i < end ? mention_starting(c, i) : NULL;
    if (m)
        i = skip_time_forward(c, group_end(c, m), end);
    if (i >= end)
        return NULL;
    if (c->tok[i].pos == ENT_POS_TO) {
        i++;
    } else if (c->tok[i].form == c->w.that) {
        /* The clause's subject, then adverbs and modals ("should immediately"). */
        uint32_t limit = i + 8 < end ? i + 8 : end;
        for (i++; i < limit && c->tok[i].pos != ENT_POS_VERB; i++)
            if (c->tok[i].pos == ENT_POS_NEG || (c->tok[i].flags & ENT_TOK_CLAUSE_END))
                return NULL;
    } else {
        return NULL;
    }
    while (i < end && c->tok[i].pos == ENT_POS_ADV)
        i++;
    if (i >= end || c->tok[i].pos != ENT_POS_VERB)
        return NULL;
    match cm;
    return match_pattern(c, from, i, end, 0, i, &cm) ? cm.pattern->code : NULL;
}

static int in_list(uint64_t lemma, const uint64_t *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == lemma)
            return 1;
    return 0;
}

/* be + expected / set / due / poised / ready / likely / going + to: an intention. */
static int be_adjective_intent(const ent_coder *c, uint32_t i, uint32_t first)
{
    return i > first && is_pos(&c->tok[i - 1], ENT_POS_AUX) &&
           in_list(c->tok[i].form, c->be_intent_words, c->nbe_intent);
}

enum governed { GOV_NONE, GOV_SKIP, GOV_MODAL, GOV_REFUSE };

/* Moves i back over a time phrase that ends there: "on Friday", "on January 17",
 * "yesterday", "this week". */
static uint32_t skip_time_back(const ent_coder *c, uint32_t first, uint32_t i)
{
    const coder_words *w = &c->w;
    for (;;) {
        if (i > first && (c->tok[i - 1].form == w->yesterday || c->tok[i - 1].form == w->today ||
                          c->tok[i - 1].form == w->tomorrow)) {
            i--;
            continue;
        }
        if (i >= first + 2 && c->tok[i - 2].form == w->on &&
            ent_coder__weekday(c, &c->tok[i - 1]) >= 0) {
            i -= 2;
            continue;
        }
        if (i >= first + 3 && c->tok[i - 3].form == w->on &&
            (c->tok[i - 1].flags & ENT_TOK_DIGIT) && ent_coder__month(c, &c->tok[i - 2])) {
            i -= 3;
            continue;
        }
        return i;
    }
}

/* The first token of the compound group a mention belongs to ("the United States and
 * Iran" for Iran). */
static uint32_t group_start(const ent_coder *c, const mention *m)
{
    uint32_t start = m->start;
    if (m->group >= 0)
        for (size_t k = 0; k < c->nmentions; k++)
            if (c->mentions[k].group == m->group && c->mentions[k].start < start)
                start = c->mentions[k].start;
    return start;
}

/* Where the verb governing the infinitive whose "to" is at token to ends: the token after
 * it, or first when there is none. */
static uint32_t governor_end(const ent_coder *c, uint32_t first, uint32_t to)
{
    uint32_t i = skip_time_back(c, first, to);
    while (i > first && (is_pos(&c->tok[i - 1], ENT_POS_ADV) || is_pos(&c->tok[i - 1], ENT_POS_NEG)))
        i--;
    /* Between the governing verb and "to": its object ("urged Iran and Iraq to"), a place
     * ("agreed in Moscow to", "visits Pyongyang, North Korea, to") and time phrases. */
    for (int k = 0; k < 3; k++) {
        if (i > first + 1 && c->tok[i - 1].form == c->w.comma && mention_ending(c, i - 1))
            i--;
        const mention *obj = mention_ending(c, i);
        if (!obj)
            break;
        i = group_start(c, obj);
        if (i > first && c->tok[i - 1].pos == ENT_POS_DET)
            i--;
        if (i > first && c->tok[i - 1].pos == ENT_POS_ADP) /* "called on", "in Moscow" */
            i--;
        i = skip_time_back(c, first, i);
    }
    if (i == first)
        return first;
    /* A purpose clause after an object ("held a general strike to protest…"): the verb
     * before the noun phrase governs. */
    if (!is_pos(&c->tok[i - 1], ENT_POS_VERB) && !be_adjective_intent(c, i - 1, first)) {
        uint32_t j = i;
        while (j > first && j + 6 > i &&
               (is_pos(&c->tok[j - 1], ENT_POS_DET) || is_pos(&c->tok[j - 1], ENT_POS_ADJ) ||
                is_pos(&c->tok[j - 1], ENT_POS_NOUN) || is_pos(&c->tok[j - 1], ENT_POS_NUM) ||
                is_pos(&c->tok[j - 1], ENT_POS_POSS)))
            j--;
        if (j < i && j > first && is_pos(&c->tok[j - 1], ENT_POS_VERB))
            i = j;
    }
    return i;
}

/*
 * For an infinitive ("… to sign"), looks at the verb that governs it. GOV_SKIP: that verb
 * codes the event itself ("urged Iran to halt" is an appeal) or negates it ("failed to
 * sign"); GOV_REFUSE: it refuses it ("refused to sign"); GOV_MODAL: it makes an intention
 * or threat (*mod); GOV_NONE: code the infinitive with the governing verb's subject
 * (*subject_start).
 */
static enum governed governing(const ent_coder *c, uint32_t first, uint32_t to, enum modality *mod,
                               uint32_t *subject_start, int *negated)
{
    uint32_t i = governor_end(c, first, to);
    if (i == first)
        return GOV_NONE;
    uint32_t g = i - 1;
    const ent_token *t = &c->tok[g];
    verb_group gg;
    analyse_group(c, &gg, first, g);
    *subject_start = gg.start;
    *negated = gg.negated;
    if (be_adjective_intent(c, g, first)) {
        *mod = future_kind(c);
        return GOV_MODAL;
    }
    if (!is_pos(t, ENT_POS_VERB))
        return GOV_NONE;
    /* Intention and threat verbs come first: "promised to deliver" is an intent to give
     * military aid even though "promise" has patterns of its own. */
    if (in_list(t->lemma, c->threat_verbs, c->nthreat)) {
        *mod = MOD_THREAT;
        return GOV_MODAL;
    }
    if (in_list(t->lemma, c->intent_verbs, c->nintent)) {
        *mod = MOD_INTENT;
        return GOV_MODAL;
    }
    if (t->lemma == c->w.refuse || t->lemma == c->w.decline) {
        *negated = 1;
        return GOV_REFUSE;
    }
    if (t->lemma == c->w.fail) {
        *negated = 1;
        return GOV_SKIP;
    }
    /* "would continue to supply", "began to withdraw": the act itself, in the mood of the
       verb of aspect, whatever patterns that verb has */
    if (in_list(t->lemma, c->aspect_verbs, c->naspect)) {
        *mod = gg.modality;
        return GOV_MODAL;
    }
    size_t n;
    if (ent_dict__patterns_for(c->dict, t->lemma, &n) && n)
        return GOV_SKIP;
    return GOV_NONE;
}

/* ---- events ---- */

/* The text of tokens [from, to); empty for no tokens (a default actor names none). */
static ent_span token_span(const ent_coder *c, uint32_t from, uint32_t to)
{
    if (from >= to) {
        ent_span none = {0, 0};
        return none;
    }
    ent_span s = {c->tok[from].start, c->tok[to - 1].start + c->tok[to - 1].len};
    return s;
}

/* Appends the event src -> tgt of code, found by rule (and the transformation also, or NULL)
 * for the verb group g, unless it is self-directed or this sentence has it already. */
static int push_event(ent_coder *c, uint32_t sentence_index, const mention *src_span,
                      const mention *src, const mention *tgt_span, const mention *tgt,
                      const char *code, const verb_group *g, const char *rule, const char *also)
{
    if (!strcmp(src->code, tgt->code) || self_reference(src->code, tgt->code)) {
        ent_coder__trace(c, "    %s acting on %s: not an event", src->code, tgt->code);
        return ENT_OK;
    }
    /* Only this sentence's events can repeat it; they are the last ones. */
    for (size_t e = c->nevents; e-- > 0 && c->events[e].sentence_index == sentence_index;) {
        const ent_event *o = &c->events[e];
        if (!strcmp(o->source_code, src->code) && !strcmp(o->target_code, tgt->code) &&
            !strcmp(o->event_code, code))
            return ENT_OK;
    }
    const ent_cameo_entry *ce = ent_dict__cameo(c->dict, code);
    if (!ce) {
        ent_coder__trace(c, "    code %s is not in the CAMEO table: no event", code);
        return ENT_OK;
    }
    if (ent_vec_reserve((void **)&c->events, &c->events_cap, c->nevents + 1, sizeof *c->events))
        return ENT_ENOMEM;
    ent_event *ev = &c->events[c->nevents++];
    memset(ev, 0, sizeof *ev);
    ev->sentence_index = sentence_index;
    ev->source_code = src->code;
    ev->source_name = src->name;
    ev->target_code = tgt->code;
    ev->target_name = tgt->name;
    size_t len = strlen(code);
    memcpy(ev->event_code, code, len + 1);
    memcpy(ev->event_base, code, 3);
    ev->event_base[len < 3 ? len : 3] = '\0';
    memcpy(ev->event_root, code, 2);
    ev->event_root[2] = '\0';
    ev->goldstein = ce->goldstein;
    ev->quad_class = ent_cameo_quad_class(ev->event_root);
    ev->source = token_span(c, src_span->start, src_span->end);
    ev->target = token_span(c, tgt_span->start, tgt_span->end);
    ev->verb = token_span(c, g->start, g->verb + 1);
    const char *rules[] = {src->rules[0], src->rules[1], rule, also, tgt->rules[0], tgt->rules[1]};
    for (size_t i = 0; i < sizeof rules / sizeof *rules && ev->nrules < ENT_MAX_RULES; i++)
        if (rules[i])
            ev->rules[ev->nrules++] = rules[i];
    ent_coder__trace(c, "    event %s -> %s %s (%+.1f)", src->code, tgt->code, code,
                     ce->goldstein);
    return ENT_OK;
}

/* The actors a mention stands for: itself, its compound group, or what a reference means. */
static size_t expand(ent_coder *c, const mention *m, const mention **out, size_t max)
{
    if (!m)
        return 0;
    if (m->kind != M_ACTOR)
        return ent_coder__resolve(c, m, out, max);
    if (m->group < 0) {
        out[0] = m;
        return 1;
    }
    size_t n = 0;
    for (size_t k = 0; k < c->nmentions && n < max; k++)
        if (c->mentions[k].group == m->group)
            out[n++] = &c->mentions[k];
    return n;
}

static int emit(ent_coder *c, uint32_t sentence_index, const mention *subj, const mention *obj,
                const char *code, const verb_group *g, const ent_pattern *p)
{
    const mention *src[8], *tgt[8];
    size_t ns = expand(c, subj, src, 8), nt = expand(c, obj, tgt, 8);
    int rc = ENT_OK;
    if (ns && nt) {
        /* A pattern with a reverse code ("042/043": a visit is also a hosting) gives the
           event from target to source too, unless its code was changed (an intention). */
        const char *reverse = p->reverse[0] && !strcmp(code, p->code) ? p->reverse : NULL;
        for (size_t i = 0; i < ns && rc == ENT_OK; i++)
            for (size_t j = 0; j < nt && rc == ENT_OK; j++) {
                const mention *s_span = subj->kind == M_ACTOR ? src[i] : subj;
                const mention *t_span = obj->kind == M_ACTOR ? tgt[j] : obj;
                rc = push_event(c, sentence_index, s_span, src[i], t_span, tgt[j], code, g, p->rule,
                                NULL);
                if (rc == ENT_OK && reverse)
                    rc = push_event(c, sentence_index, t_span, tgt[j], s_span, src[i], reverse, g,
                                    p->rule, NULL);
            }
    } else if (ns >= 2 && !obj &&
               ((strncmp(code, "09", 2) < 0 && (ns == 2 || done_together(code))) || p->compound)) {
        /* A joint act of cooperation with no other party ("Iran and Russia signed a
         * treaty"): each member towards the others. Three or more do that only in what
         * they do together ("Iranian, Russian and Chinese warships held joint exercises"),
         * not in a joint statement ("the G-7 welcomed the proposals"). Conflict is never
         * self-directed ("Israeli and US jets struck the site" has no target), unless the
         * pattern says the compound acts on itself ("% > clash"). */
        for (size_t i = 0; i < ns && rc == ENT_OK; i++)
            for (size_t j = 0; j < ns && rc == ENT_OK; j++)
                if (i != j)
                    rc = push_event(c, sentence_index, subj->kind == M_ACTOR ? src[i] : subj,
                                    src[i], subj->kind == M_ACTOR ? src[j] : subj, src[j], code, g,
                                    p->rule, NULL);
    } else {
        ent_coder__trace(c, "    no %s: no event", ns ? "target" : "source");
    }
    return rc;
}

/* ---- transformations: a reported event as the speaker's act (@transformations) ---- */

/* The verb whose clause reports another verb's, and its speaker. */
typedef struct reporter {
    verb_group group;       /* the reporting verb's group */
    const mention *speaker; /* its subject */
    const char *code;       /* its own code (its verb-only pattern), or NULL */
    int transformed;        /* set when a transformation coded the reported event */
} reporter;

static int verb_test_passes(const ent_verb_test *t, uint64_t lemma, const char *code)
{
    if (t->lemma)
        return t->lemma == lemma;
    return code && !strncmp(code, t->family, strlen(t->family));
}

/*
 * The verb that the clause of the verb group g is reported by, when a transformation names
 * it: "said (that) Iran attacked", "claimed that they had attacked", "wants Putin to attack".
 * The clause must begin right after that verb (with "that" and time phrases between), with
 * its subject, or a noun phrase, right before g.
 */
static int find_reporter(const ent_coder *c, uint32_t first, const verb_group *g, reporter *r)
{
    uint32_t i = g->start;
    if (i > first && is_pos(&c->tok[i - 1], ENT_POS_CCONJ)) {
        /* "claimed that ISIL had attacked Iraq and taken Mosul": the first verb's reporter */
        while (--i > first && !is_finite_boundary(&c->tok[i - 1]))
            if (is_pos(&c->tok[i - 1], ENT_POS_VERB)) {
                verb_group before;
                analyse_group(c, &before, first, i - 1);
                return find_reporter(c, first, &before, r); /* moves left: it ends */
            }
        return 0;
    }
    if (g->infinitive) {
        i = governor_end(c, first, g->start);
    } else {
        const mention *subj;
        if (find_subject(c, first, g->start, &subj, 0) && subj->end == g->start)
            i = group_start(c, subj);
        else
            while (i > first &&
                   (is_pos(&c->tok[i - 1], ENT_POS_DET) || is_pos(&c->tok[i - 1], ENT_POS_ADJ) ||
                    is_pos(&c->tok[i - 1], ENT_POS_NOUN) || is_pos(&c->tok[i - 1], ENT_POS_NUM)))
                i--;
        i = skip_time_back(c, first, i);
        if (i > first && c->tok[i - 1].form == c->w.that)
            i = skip_time_back(c, first, i - 1);
    }
    if (i == first || !is_pos(&c->tok[i - 1], ENT_POS_VERB))
        return 0;
    uint64_t lemma = c->tok[i - 1].lemma;
    r->code = ent_dict__own_code(c->dict, lemma);
    size_t k = 0;
    while (k < c->dict->ntransforms &&
           !verb_test_passes(&c->dict->transforms[k].governing, lemma, r->code))
        k++;
    if (k == c->dict->ntransforms)
        return 0;
    analyse_group(c, &r->group, first, i - 1);
    r->transformed = 0;
    return find_subject(c, first, r->group.start, &r->speaker, 0);
}

/* The actors standing in one slot of a transformation: a mention's expand(). */
typedef struct actor_set {
    const mention *span; /* the mention itself (its text), or NULL for none */
    const mention *m[8];
    size_t n;
} actor_set;

/* Actors of one state are one speaker: "Iran's news agency said Iranian forces smashed…" is
 * Iran speaking of its own act. A body's roles are apart (IGOUNO and IGONAT). */
static int same_actor(const char *a, const char *b)
{
    return !strcmp(a, b) || same_state(a, b);
}

/* The same actors: "Obama and Putin said they will…" */
static int same_actors(const actor_set *x, const actor_set *y)
{
    if (x->n != y->n || !x->n)
        return 0;
    for (size_t i = 0; i < x->n; i++) {
        size_t j = 0;
        while (j < y->n && !same_actor(x->m[i]->code, y->m[j]->code))
            j++;
        if (j == y->n)
            return 0;
    }
    return 1;
}

/* Whether the actors of set fill the slot, binding a variable (vars: 'a'..'z'): 0 when not;
 * otherwise how specific the slot is (an actor named twice 3, a new one 2, any actor 1). A
 * variable stands for one actor: a new one must differ from those already bound. */
static int fill_slot(char slot, const actor_set *set, const actor_set **vars)
{
    if (slot == TRANSFORM_ANY)
        return 1;
    if (slot == TRANSFORM_NONE)
        return set->n ? 0 : 3;
    if (!set->n)
        return 0;
    const actor_set **var = &vars[slot - 'a'];
    if (*var)
        return same_actors(*var, set) ? 3 : 0;
    for (size_t k = 0; k < 26; k++)
        if (vars[k] && same_actors(vars[k], set))
            return 0;
    *var = set;
    return 2;
}

/* Removes this sentence's events of the reporting verb's group g: a transformation's events
 * stand for them. */
static void drop_events_of(ent_coder *c, uint32_t sentence_index, const verb_group *g)
{
    ent_span verb = token_span(c, g->start, g->verb + 1);
    size_t kept = c->nevents;
    while (kept > 0 && c->events[kept - 1].sentence_index == sentence_index)
        kept--;
    for (size_t e = kept; e < c->nevents; e++) {
        const ent_event *ev = &c->events[e];
        if (ev->verb.start == verb.start && ev->verb.end == verb.end)
            ent_coder__trace(c, "    drops %s -> %s %s of the reporting verb", ev->source_code,
                             ev->target_code, ev->event_code);
        else
            c->events[kept++] = *ev;
    }
    c->nevents = kept;
}

/*
 * The reported event subj -> obj of code (pattern p, verb group g), through the dictionary's
 * best transformation for it: the most specific, a named code before "Q", then by its slots;
 * the first listed among equals. Sets r->transformed when one applies: its events, of g,
 * replace the reporting verb's.
 */
static int transform(ent_coder *c, uint32_t sentence_index, reporter *r, const verb_group *g,
                     const mention *subj, const mention *obj, const char *code,
                     const ent_pattern *p)
{
    uint64_t reported_lemma = c->tok[g->verb].lemma;
    actor_set sets[3] = {{r->speaker, {0}, 0}, {subj, {0}, 0}, {obj, {0}, 0}};
    for (size_t k = 0; k < 3; k++)
        sets[k].n = expand(c, sets[k].span, sets[k].m, 8);
    const ent_transform *best = NULL;
    const actor_set *best_vars[26] = {0};
    int best_score = 0;
    uint64_t lemma = c->tok[r->group.verb].lemma;
    for (size_t k = 0; k < c->dict->ntransforms; k++) {
        const ent_transform *t = &c->dict->transforms[k];
        if (!verb_test_passes(&t->governing, lemma, r->code) ||
            !verb_test_passes(&t->reported, reported_lemma, code))
            continue;
        const actor_set *vars[26] = {0};
        int source =
            fill_slot(t->speaker, &sets[0], vars) ? fill_slot(t->source, &sets[1], vars) : 0;
        int target = source ? fill_slot(t->target, &sets[2], vars) : 0;
        int named = t->reported.lemma || t->reported.family[0];
        int score = target ? (named ? 100 : 0) + source + target : 0;
        if (score > best_score) {
            best = t, best_score = score;
            memcpy(best_vars, vars, sizeof vars);
        }
    }
    if (!best) {
        ent_coder__trace(c, "    no transformation for %s: coded as its own clause", code);
        return ENT_OK;
    }
    ent_coder__trace(c, "    transformation %s", best->rule);
    r->transformed = 1;
    drop_events_of(c, sentence_index, &r->group);
    const actor_set *from = best_vars[best->new_source - 'a'],
                    *to = best_vars[best->new_target - 'a'];
    const char *new_code = best->code[0] ? best->code : code;
    int rc = ENT_OK;
    for (size_t i = 0; i < from->n && rc == ENT_OK; i++)
        for (size_t j = 0; j < to->n && rc == ENT_OK; j++)
            rc =
                push_event(c, sentence_index, from->span->kind == M_ACTOR ? from->m[i] : from->span,
                           from->m[i], to->span->kind == M_ACTOR ? to->m[j] : to->span, to->m[j],
                           new_code, g, p->rule, best->rule);
    return rc;
}

/*
 * "Iraq receives 47 French nationals (previously) detained in Syria": a bare past participle
 * right after a noun that a verb before it in the clause governs modifies that noun; it is a
 * passive without its agent, so no event ("detained by Iran" is read as the passive it is).
 * Not after a reporting verb or a verb of claim ("officials said troops attacked…", "Israel
 * claimed Hamas fighters fired…") or "after", "before", "since", "as", which may begin a
 * clause, nor when the verb before is itself a participle after a noun ("Protesters angered
 * by it attacked…", "forces defending the port sank…").
 */
static int reduced_relative(const ent_coder *c, uint32_t first, uint32_t end, const verb_group *g)
{
    if (g->start != g->verb || c->tok[g->verb].vform != ENT_VF_PAST ||
        (g->verb + 1 < end && c->tok[g->verb + 1].form == c->w.by))
        return 0;
    uint32_t noun = g->start;
    while (noun > first && c->tok[noun - 1].pos == ENT_POS_ADV)
        noun--;
    /* A weapon's owner used it: "Iranian missiles fired at Israel" is Iran's attack. */
    if (noun == first || c->tok[noun - 1].pos != ENT_POS_NOUN || is_weapon(c, first, noun - 1))
        return 0;
    for (uint32_t i = noun - 1; i-- > first;) {
        const ent_token *t = &c->tok[i];
        if ((t->flags & ENT_TOK_CLAUSE_END) || t->pos == ENT_POS_SCONJ || t->pos == ENT_POS_WH ||
            t->pos == ENT_POS_CCONJ || t->form == c->w.comma || opens_time_clause(c, t))
            return 0;
        if (t->pos == ENT_POS_AUX || t->pos == ENT_POS_MODAL)
            return 0; /* "There is evidence Syrian troops attacked…" */
        if (t->pos == ENT_POS_VERB)
            return !in_list(t->lemma, c->reporting_verbs, c->nreporting) &&
                   !in_list(t->lemma, c->opinion_verbs, c->nopinion) &&
                   !((t->vform == ENT_VF_PAST || t->vform == ENT_VF_ING) && i > first &&
                     c->tok[i - 1].pos == ENT_POS_NOUN);
    }
    return 0;
}

/*
 * Only main-clause events are coded (docs/coder.md): a verb in a relative clause ("which
 * supplied…"), a subordinate clause ("that Russia would…", "if Israel strikes…"), a gerund
 * after a preposition ("accused Israel of attacking…") or a participle phrase (", accusing
 * Israel…"; "the drones supplied by Iran" when the sentence has a main verb after it) is
 * embedded. Returns what it is inside, or NULL. A clause that rep reports is its own.
 */
static const char *embedded_clause(const ent_coder *c, uint32_t first, uint32_t end,
                                   const verb_group *g, const reporter *rep)
{
    const ent_token *v = &c->tok[g->verb];
    const ent_token *before = g->start > first ? &c->tok[g->start - 1] : NULL;
    int bare = g->start == g->verb; /* no auxiliary, modal or "to" */
    if (before && before->pos == ENT_POS_WH)
        return "a relative clause";
    /* A finite verb in -ing needs an auxiliary ("is sending"); bare, it is a gerund or a
     * participle ("backing the claim", "after meeting Putin"). */
    if (bare && v->vform == ENT_VF_ING && !(before && in_list(before->lemma, c->aspect_verbs,
                                                             c->naspect)))
        return before && before->pos == ENT_POS_ADP ? "a gerund" : "a participle phrase";
    if (bare && v->vform == ENT_VF_PAST && g->verb + 1 < end &&
        c->tok[g->verb + 1].form == c->w.by && before &&
        (before->pos == ENT_POS_NOUN || before->form == c->w.comma))
        for (uint32_t i = g->verb + 1; i < end; i++)
            if (c->tok[i].pos == ENT_POS_VERB || c->tok[i].pos == ENT_POS_AUX ||
                c->tok[i].pos == ENT_POS_MODAL)
                return "a participle phrase";
    if (reduced_relative(c, first, end, g))
        return "a participle phrase";
    /* Walk back to the start of the clause: a subordinating word there embeds it, except
     * "that" after a reporting verb, which only attributes the clause ("Politico reports
     * that the US rejected…"). Accusations, denials and demands do embed it. An infinitive
     * is in the clause of the verb that governs it: the walk passes that verb's group ("if
     * it would agree to attend", "which plans to attack"). */
    int governor = g->infinitive ? 1 : 0; /* 1: before the governing group, 2: in it */
    for (uint32_t i = g->start; i-- > first;) {
        const ent_token *t = &c->tok[i];
        int verbal = t->pos == ENT_POS_VERB || t->pos == ENT_POS_AUX || t->pos == ENT_POS_MODAL;
        if (governor && verbal) {
            governor = 2;
            continue;
        }
        if (governor == 2 && (t->pos == ENT_POS_NEG || t->pos == ENT_POS_ADV))
            continue; /* "would not", "would probably" */
        if (governor == 2 && t->pos == ENT_POS_WH)
            return "a relative clause";
        if (!(t->flags & ENT_TOK_CLAUSE_END) && governor == 1)
            continue; /* not yet at the governing verb */
        governor = 0;
        if (t->pos == ENT_POS_SCONJ) {
            uint32_t r = skip_time_back(c, first, i);
            if (t->form == c->w.that && r > first &&
                (in_list(c->tok[r - 1].lemma, c->reporting_verbs, c->nreporting) ||
                 (rep && r - 1 == rep->group.verb)))
                break;
            return "a subordinate clause";
        }
        if ((t->flags & ENT_TOK_CLAUSE_END) || t->pos == ENT_POS_VERB || t->pos == ENT_POS_AUX ||
            t->pos == ENT_POS_MODAL)
            break;
    }
    return NULL;
}

/* Codes the pattern head at v. The verb group is that of token gv: v itself, or for a noun
 * head (code_light_verb) the verb among the pattern's words before it. With rep, codes v's
 * clause as reported by rep's verb: as a clause of its own (an infinitive with its own
 * subject or none), its event only through a transformation (rep->transformed). */
static int code_verb(ent_coder *c, uint32_t sentence_index, uint32_t first, uint32_t end,
                     uint32_t v, uint32_t gv, reporter *rep)
{
    verb_group g;
    const ent_token *vt = &c->tok[v], *gt = &c->tok[gv];
    analyse_group(c, &g, first, gv);
    if (gt->pos == ENT_POS_MODAL && gv + 1 < end && is_pos(&c->tok[gv + 1], ENT_POS_NEG))
        g.negated = 1; /* a modal head's negation follows it: "should not take" */
    uint32_t subject_start = g.start;
    enum modality mod = g.modality;
    if (g.start == gv && gt->vform == ENT_VF_ING && gv > first &&
        in_list(c->tok[gv - 1].lemma, c->aspect_verbs, c->naspect)) {
        /* "Russia has begun sharing…": the subject and tense of "has begun". */
        verb_group aspect;
        analyse_group(c, &aspect, first, gv - 1);
        subject_start = aspect.start;
        g.negated |= aspect.negated;
    }
    if (TRACING(c) && rep) {
        const ent_token *rt = &c->tok[rep->group.verb];
        ent_span sp = token_span(c, rep->speaker->start, rep->speaker->end);
        ent_coder__trace(c, "  reported by '%.*s' (speaker '%.*s'):", (int)rt->len,
                         c->tbuf + rt->start, (int)(sp.end - sp.start), c->tbuf + sp.start);
    }
    if (TRACING(c) && gv != v)
        ent_coder__trace(c, "  noun '%.*s', object of '%.*s'", (int)vt->len, c->tbuf + vt->start,
                         (int)gt->len, c->tbuf + gt->start);
    if (TRACING(c))
        ent_coder__trace(c, "  verb '%.*s'%s%s%s%s", (int)gt->len, c->tbuf + gt->start,
                         g.passive ? " passive" : "", g.negated ? " negated" : "",
                         g.infinitive ? " infinitive" : "",
                         mod == MOD_INTENT        ? " future"
                         : mod == MOD_SPECULATIVE ? " modal"
                                                  : "");
    /* Patterns must start before this token: an infinitive whose governing verb codes or
       negates the event has one only by a pattern that names that verb. */
    uint32_t reach = v;
    int refused = 0; /* "refused to": a refusal of what the infinitive does (refusal_code) */
    if (g.infinitive && !rep) {
        int neg = 0;
        enum modality gm = MOD_NONE;
        enum governed gov = governing(c, first, g.start, &gm, &subject_start, &neg);
        if ((gov == GOV_SKIP || gov == GOV_REFUSE) && g.passive) {
            ent_coder__trace(c, "    governed by the verb before 'to': no event of its own");
            return ENT_OK;
        }
        if (gov == GOV_SKIP || gov == GOV_REFUSE)
            reach = g.start;
        else
            g.negated |= neg;
        if (gov == GOV_MODAL)
            mod = gm;
        refused = gov == GOV_REFUSE;
    }
    match m = {0};
    /* A negated verb is coded only by a pattern that names its negation ("not > restore"),
       found with the others below; such a pattern covers a modal too ("can't > clash"). */
    if (mod == MOD_SPECULATIVE && !g.negated) {
        ent_coder__trace(c, "    speculative modal: no event");
        return ENT_OK;
    }
    /* A participle followed by "by" is a passive too: "positions struck by Israeli jets". */
    if (!g.passive && gt->vform == ENT_VF_PAST && g.start == gv && find_agent(c, gv + 1, end) &&
        gv + 1 < end && c->tok[gv + 1].form == c->w.by)
        g.passive = 1;
    if (g.passive && gv != v) {
        ent_coder__trace(c, "    a noun's pattern in the passive: no event");
        return ENT_OK;
    }

    const char *embedded = embedded_clause(c, first, end, &g, rep);
    if (embedded) {
        ent_coder__trace(c, "    inside %s: not a main-clause event", embedded);
        return ENT_OK;
    }

    const mention *subj = NULL, *obj = NULL;
    /* what a negated or refused event codes instead, and why (its trace) */
    const char *negation = NULL, *negation_is = NULL;
    find_subject(c, first, subject_start, &subj, 0);
    if (g.passive) {
        if (g.negated) {
            ent_coder__trace(c, "    negated: no event");
            return ENT_OK;
        }
        if (!match_passive(c, subject_start > first + 8 ? subject_start - 8 : first, v, end, &m))
            return ENT_OK;
        const mention *by = find_agent(c, v + 1, end);
        const mention *agent = m.source ? m.source : by;
        if (m.source && by && !m.pattern->passive)
            obj = by; /* the active subject: "weapons were received from Arnor by Gondor" */
        else if (subj)
            obj = subj;
        else
            obj = find_target(c, v + 1, end, m.pattern->code, agent, PLACE_LAST_RESORT);
        subj = agent;
        if (obj == subj)
            obj = NULL;
        if (!obj && subj)
            obj = ent_coder__default_actor(c, 1);
        if (!obj && !done_together(m.pattern->code)) {
            /* "such policies had been welcomed by the World Bank and the IMF": a compound
               agent acts on itself only in what takes two ("signed by Russia and Iran") */
            ent_coder__trace(c, "    pattern %s", m.pattern->rule);
            ent_coder__trace(c, "    no target: no event");
            return ENT_OK;
        }
    } else {
        unsigned flags = (g.negated ? MATCH_NEGATED : 0) |
                         (subj && subj->group >= 0 ? MATCH_COMPOUND : 0) |
                         (gv != v ? MATCH_NOMINAL : 0);
        int found = match_pattern(c, first, v, end, flags, reach, &m);
        if (!found && (refused || (g.negated && reach == v)) &&
            match_pattern(c, first, v, end, flags & ~MATCH_NEGATED, v, &m)) {
            /* The dictionary's negation of the code ("did not clash", 110, is 050 in
               PETRARCH-2's coding ontology); else, for a refusal or a negated modal ("will
               not cooperate"), CAMEO's rejection of it. */
            if (g.negated && !refused &&
                (negation = ent_dict__negation(c->dict, m.pattern->code)) != NULL)
                negation_is = "the dictionary's negation";
            else if ((refused || g.modal) && (negation = refusal_code(m.pattern->code)) != NULL)
                negation_is = "a refusal";
            found = negation != NULL;
        }
        if (!found) {
            size_t n;
            ent_dict__patterns_for(c->dict, vt->lemma, &n);
            if (reach < v)
                ent_coder__trace(c, "    governed by the verb before 'to': no event of its own");
            else if (g.negated)
                ent_coder__trace(c, "    negated: no event");
            else
                ent_coder__trace(c, "    none of its %zu patterns matches", n);
            return ENT_OK;
        }
        if (g.negated || negation)
            mod = MOD_NONE; /* the pattern or the negation says what the negated group means */
        if (m.speaker) {
            ent_coder__trace(c, "    source: %s, subject of the clause the pattern begins in",
                             m.speaker->code);
            subj = m.speaker;
        }
        /* The target: the '+' slot; an actor the pattern's words name ("assassinated Hamas
         * political leader" for 'assassinate * leader'); the first actor after the
         * pattern; an actor inside a gap ("engaged Filipino peacekeepers in a firefight");
         * last, an actor in a place phrase after the pattern. */
        if (m.source) {
            /* "received weapons from $": the '$' acts, on the subject unless a '+' names
               the target */
            obj = m.target ? m.target : subj;
            subj = m.source;
        } else {
            obj = m.target    ? m.target
                  : m.in_word ? m.in_word
                              : find_target(c, m.end, end, m.pattern->code, subj, PLACE_NEVER);
            if (!obj && m.in_gap && !(subj && !strcmp(m.in_gap->code, subj->code)) &&
                !(subj && subj->group >= 0) && !after_place(c, first, m.in_gap))
                obj = m.in_gap;
            if (!obj)
                obj = find_target(c, m.end, end, m.pattern->code, subj,
                                  in_list(vt->lemma, c->motion_verbs, c->nmotion)
                                      ? PLACE_DESTINATION
                                      : PLACE_LAST_RESORT);
        }
    }
    ent_coder__trace(c, "    pattern %s", m.pattern->rule);
    if (negation)
        ent_coder__trace(c, "    negated: %s, %s", negation_is, negation);
    if (vt->pos == ENT_POS_MODAL && !m.pattern->nwords) {
        ent_coder__trace(c, "    a modal's own code, with no words after it: no event");
        return ENT_OK;
    }
    const char *code = negation ? negation : refine_by_weapon(c, first, end, m.pattern->code);
    int appeal = strncmp(code, "02", 2) == 0, demand = strncmp(code, "10", 2) == 0;
    if (!g.passive && (appeal || demand)) {
        const char *action = complement_action(c, m.end, end);
        const char *family = action ? family_code(action, appeal ? FAMILY_APPEAL : FAMILY_DEMAND) : NULL;
        if (family) {
            ent_coder__trace(c, "    asks for %s: %s", action, family);
            code = family;
        }
    }
    if (m.source && mod != MOD_NONE) {
        /* "Gondor will receive weapons from Arnor": the intention is the subject's, not the
           '$' source's, and the event has not happened */
        ent_coder__trace(c, "    a '$' pattern in the future or a modal: no event");
        return ENT_OK;
    }
    if (mod == MOD_INTENT)
        /* An intention to use force is a threat: "vowed to retaliate" is 138. */
        code = code[0] >= '1' && code[0] <= '2' && strncmp(code, "13", 2) > 0
                   ? threat_code(code)
                   : intent_code(code);
    else if (mod == MOD_THREAT)
        code = threat_code(code);
    if (!code) {
        ent_coder__trace(c, "    no intent form of %s: no event", m.pattern->code);
        return ENT_OK;
    }
    /* The default actors stand in for one side the text does not name, never for both: a
       verb with no actor around it ("…, an official said") is no one's event. */
    if (!subj && obj && (subj = ent_coder__default_actor(c, 0)) != NULL)
        ent_coder__trace(c, "    source: the default, %s", subj->code);
    if (!obj && subj && (obj = ent_coder__default_actor(c, 1)) != NULL)
        ent_coder__trace(c, "    target: the default, %s", obj->code);
    if (rep)
        return transform(c, sentence_index, rep, &g, subj, obj, code, m.pattern);
    if (!subj) {
        ent_coder__trace(c, "    no source actor: no event");
        return ENT_OK;
    }
    return emit(c, sentence_index, subj, obj, code, &g, m.pattern);
}

/* A modal heads a pattern when a dictionary gives it one that names words after it, as
 * TABARI's do ("SHOULD": "suggested it should apply the conventions"); a modal's bare code
 * ("WILL [030]") would make every future a statement of intent. */
static int modal_head(const ent_coder *c, uint32_t v)
{
    if (c->tok[v].pos != ENT_POS_MODAL)
        return 0;
    size_t n;
    const ent_pattern *p = ent_dict__patterns_for(c->dict, c->tok[v].lemma, &n);
    for (size_t k = 0; p && k < n; k++)
        if (p[k].nwords)
            return 1;
    return 0;
}

/* A token inside a noun phrase before its head noun: "its", "no", "strong", "two". */
static int modifies_noun(const ent_coder *c, uint32_t i)
{
    const ent_token *t = &c->tok[i];
    return !mention_starting(c, i) &&
           (is_pos(t, ENT_POS_DET) || is_pos(t, ENT_POS_ADJ) || is_pos(t, ENT_POS_ADV) ||
            is_pos(t, ENT_POS_NUM) || is_pos(t, ENT_POS_NOUN) || is_pos(t, ENT_POS_NEG));
}

/*
 * A noun heads a pattern whose words before it name the verb whose object the noun heads:
 * TABARI dictionaries code light-verb phrases under their noun ("LAY_DOWN *" under ARM for
 * "laid down their arms", "INITIATED *" under AIR_STRIKE). Codes the nouns of the noun
 * phrase right after the verb at v, or after its particle ("laid down"), that head such a
 * pattern naming v. Not after a reporting verb ("said * > attack" is not "said they were a
 * pretext for attacks"), nor by a verb that only lies in a pattern's gap: a PETRARCH
 * pattern's words before its verb are nouns ("&AIRCRAFT * ATTACKS").
 */
static int code_light_verb(ent_coder *c, uint32_t sentence_index, uint32_t first, uint32_t end,
                           uint32_t v)
{
    const ent_token *vt = &c->tok[v];
    if (!(ent_dict__word_before_verb(c->dict, vt->lemma) ||
          ent_dict__word_before_verb(c->dict, vt->form)) ||
        in_list(vt->lemma, c->reporting_verbs, c->nreporting))
        return ENT_OK;
    uint32_t i = v + 1;
    if (i < end && is_pos(&c->tok[i], ENT_POS_ADP))
        i++;
    for (; i < end && modifies_noun(c, i); i++) {
        match m;
        size_t n;
        /* A compound subject's pattern ("% have postponed * > meet") may qualify too:
           code_verb matches again with the subject it finds. */
        if (is_pos(&c->tok[i], ENT_POS_NOUN) &&
            ent_dict__patterns_for(c->dict, c->tok[i].lemma, &n) &&
            match_pattern(c, first, i, end, MATCH_NOMINAL | MATCH_COMPOUND, i, &m) && m.verb == v) {
            int rc = code_verb(c, sentence_index, first, end, i, v, NULL);
            if (rc != ENT_OK)
                return rc;
        }
    }
    return ENT_OK;
}

int ent_coder__code_clauses(ent_coder *c, uint32_t sentence_index, uint32_t first, uint32_t end)
{
    for (uint32_t v = first; v < end; v++) {
        if (c->tok[v].pos != ENT_POS_VERB && !modal_head(c, v))
            continue;
        size_t n;
        int rc = ENT_OK;
        if (ent_dict__patterns_for(c->dict, c->tok[v].lemma, &n) && n) {
            /* A clause a transformation's verb reports is coded through it first. */
            reporter rep;
            int reported = 0;
            if (c->dict->ntransforms) {
                verb_group g;
                analyse_group(c, &g, first, v);
                reported = find_reporter(c, first, &g, &rep);
            }
            if (reported)
                rc = code_verb(c, sentence_index, first, end, v, v, &rep);
            if (rc == ENT_OK && !(reported && rep.transformed))
                rc = code_verb(c, sentence_index, first, end, v, v, NULL);
        }
        if (rc == ENT_OK && c->tok[v].pos == ENT_POS_VERB)
            rc = code_light_verb(c, sentence_index, first, end, v);
        if (rc != ENT_OK)
            return rc;
    }
    return ENT_OK;
}
