/*
 * text — stage 2: the part-of-speech tagger. Deterministic rules, one left-to-right pass per
 * sentence with a little lookahead, made for what the coder needs: finding the subject, the
 * verb (with its auxiliaries, negation and passive) and the object in news sentences.
 *
 * Closed-class words take their table tag, refined by context for a few ambiguous ones ('s,
 * to, that, her, have/do, after/before/since, May, US). Open words:
 *   - capitalised and not first in a clause → PROPN; first in a clause → PROPN when the next
 *     word is capitalised or when the lexicon does not know the word (Israel, Tehran);
 *     otherwise the word is tagged like a lower-case one ("Talks", "Signed in 1990");
 *   - words that cannot be verbs: ADJ by suffix or the table (before a noun or after "be"),
 *     ADV for unknown -ly words, NOUN otherwise;
 *   - verb-capable words: VERB after to, a modal, an auxiliary (also with adverbs or "not"
 *     between), a subject pronoun or a wh-word; NOUN after a determiner, adjective,
 *     possessive, number or preposition (but -ing after a preposition is a VERB, and a
 *     participle between a determiner and a noun an ADJ), or before "of"; after a noun
 *     phrase, -ed and -ing forms are verbs ("Russia signed", "the treaty signed in Moscow"),
 *     -s forms are verbs unless the clause already has one or the word is the head of a
 *     compound subject ("peace talks ended"), base forms are verbs only after a plural
 *     subject ("ministers meet", "Iran and Russia sign").
 */
#include "text_internal.h"

typedef struct tagger {
    ent_text *t;
    ent_token *tk;
    ent_text__tokx *x;
    size_t n;
    int clause_verb; /* the current clause already has a finite verb */
    int sent_verb;   /* the sentence has had a verb */
    int coord;       /* a conjunction came after the clause's verb */
} tagger;

/* ---- small predicates ---- */

static int is_open(const tagger *g, size_t j)
{
    return g->x[j].cpos == ENT_POS_X && !(g->tk[j].flags & ENT_TOK_PUNCT);
}

static int first_char(const tagger *g, size_t j)
{
    return (unsigned char)g->t->buf[g->tk[j].start];
}

static int sfx(const tagger *g, size_t j, unsigned f)
{
    return (g->x[j].sfx & f) != 0;
}

/* Previous token, skipping adverbs (and negations when neg is set); -1 at the start. */
static long prev_skip(const tagger *g, size_t i, int neg)
{
    long j = (long)i - 1;
    while (j >= 0 && (g->tk[j].pos == ENT_POS_ADV || (neg && g->tk[j].pos == ENT_POS_NEG)))
        j--;
    return j;
}

/* An adverb not tagged yet: a closed-class one or an unknown lower-case -ly word. */
static int adverb_ahead(const tagger *g, size_t j)
{
    const ent_token *tk = &g->tk[j];
    if (g->x[j].cpos == ENT_POS_ADV)
        return 1;
    return g->x[j].cpos == ENT_POS_X && tk->len > 4 &&
           !(tk->flags & (ENT_TOK_CAN_VERB | ENT_TOK_CAP | ENT_TOK_PUNCT)) &&
           !(g->x[j].lx & (ENT_LX_ADJ | ENT_LX_NOUN)) && sfx(g, j, ENT_SFX_LY);
}

/* Next token, skipping adverbs (and negations when neg is set); n at the end. */
static size_t next_skip(const tagger *g, size_t i, int neg)
{
    size_t j = i + 1;
    while (j < g->n && (adverb_ahead(g, j) || (neg && g->x[j].cpos == ENT_POS_NEG)))
        j++;
    return j;
}

/* First in its clause: sentence start, or after an opening quote, bracket, colon or dash. */
static int clause_initial(const tagger *g, size_t i)
{
    if (i == 0)
        return 1;
    const ent_token *p = &g->tk[i - 1];
    if (!(p->flags & ENT_TOK_PUNCT))
        return 0;
    if (p->flags & (ENT_TOK_QUOTE | ENT_TOK_CLAUSE_END))
        return 1;
    return (g->x[i - 1].mark & ENT_MARK_OPEN) != 0;
}

static int is_demonym(const tagger *g, size_t j)
{
    if (g->x[j].lx & ENT_LX_DEMONYM)
        return 1;
    return (g->tk[j].flags & ENT_TOK_CAP) && sfx(g, j, ENT_SFX_DEMONYM);
}

/* An open word that can be a noun follows i ("the signed treaty", "official talks"). */
static int noun_follows(const tagger *g, size_t i)
{
    size_t j = i + 1;
    if (j >= g->n)
        return 0;
    if (g->x[j].cpos == ENT_POS_NOUN)
        return 1;
    return is_open(g, j) && (g->tk[j].flags & ENT_TOK_CAN_NOUN);
}

/* Token j is a hyphen attached on both sides ("Iran-Russia", "al-Assad"). */
static int inner_hyphen(const tagger *g, size_t j)
{
    return j + 1 < g->n && (g->tk[j].flags & ENT_TOK_PUNCT) &&
           (g->tk[j].flags & ENT_TOK_NO_SPACE) && (g->tk[j + 1].flags & ENT_TOK_NO_SPACE) &&
           !(g->tk[j].flags & ENT_TOK_CLAUSE_END) && first_char(g, j) == '-';
}

/* "to" at i starts an infinitive: a base verb follows (perhaps after adverbs). */
static int to_infinitive(const tagger *g, size_t i)
{
    size_t j = next_skip(g, i, 0);
    if (j >= g->n)
        return 0;
    const ent_token *tk = &g->tk[j];
    if (g->x[j].lx & (ENT_LX_BE | ENT_LX_HAVE | ENT_LX_DO))
        return tk->vform == ENT_VF_BASE;
    if (g->x[j].cpos != ENT_POS_X)
        return 0;
    if ((tk->flags & ENT_TOK_CAP) && !clause_initial(g, j))
        return 0;
    return (tk->flags & ENT_TOK_CAN_VERB) && tk->vform == ENT_VF_BASE;
}

/* ---- closed-class words in context ---- */

/* have/do at i are auxiliaries when a participle / base verb follows. */
static int aux_follows(const tagger *g, size_t i)
{
    size_t j = next_skip(g, i, 1);
    if (j >= g->n)
        return 0;
    if ((g->x[i].lx & ENT_LX_DO) && j > i + 1 && g->x[j - 1].cpos == ENT_POS_NEG)
        return 1; /* did not …, does n't … */
    if ((g->x[i].lx & ENT_LX_HAVE) && (g->x[j].lx & ENT_LX_ADP_SCONJ))
        j++; /* has since signed */
    if (j >= g->n)
        return 0;
    const ent_token *tk = &g->tk[j];
    if (!(tk->flags & ENT_TOK_CAN_VERB))
        return 0;
    if (g->x[i].lx & ENT_LX_HAVE) /* has signed; has cut, whose participle is its base */
        return tk->vform == ENT_VF_PAST ||
               (tk->vform == ENT_VF_BASE && (g->x[j].lx & ENT_LX_PART_BASE));
    return tk->vform == ENT_VF_BASE;
}

/* "since" (any of after, before, since, until, as) between an auxiliary "have" and a
 * participle is an adverb ("has since signed"). */
static int between_have_and_participle(const tagger *g, size_t i)
{
    return i > 0 && g->tk[i - 1].pos == ENT_POS_AUX && (g->x[i - 1].lx & ENT_LX_HAVE) &&
           i + 1 < g->n && (g->tk[i + 1].flags & ENT_TOK_CAN_VERB) &&
           g->tk[i + 1].vform == ENT_VF_PAST;
}

static uint8_t tag_poss(tagger *g, size_t i)
{
    ent_token *tk = &g->tk[i];
    if (tk->len == 1)
        return ENT_POS_POSS; /* ministers' */
    int aux = 0;
    if (i > 0 && (g->tk[i - 1].pos == ENT_POS_PRON || g->tk[i - 1].pos == ENT_POS_WH))
        aux = 1;
    size_t j = next_skip(g, i, 0);
    int past = 0;
    if (j < g->n) {
        const ent_token *nx = &g->tk[j];
        past = (nx->flags & ENT_TOK_CAN_VERB) && nx->vform == ENT_VF_PAST;
        if ((past && !(nx->flags & ENT_TOK_CAN_NOUN) && g->x[j].cpos == ENT_POS_X) ||
            (g->x[j].lx & ENT_LX_BE) || g->x[j].cpos == ENT_POS_NEG)
            aux = 1;
    }
    if (!aux)
        return ENT_POS_POSS;
    tk->lemma = past ? ent_text__hash_folded("have", 4) : ent_text__hash_folded("be", 2);
    tk->vform = ENT_VF_S;
    tk->flags |= ENT_TOK_CAN_VERB;
    return ENT_POS_AUX;
}

static uint8_t tag_that(const tagger *g, size_t i)
{
    size_t j = i + 1;
    if (j >= g->n || (g->tk[j].flags & ENT_TOK_PUNCT))
        return ENT_POS_PRON;
    const ent_token *nx = &g->tk[j];
    uint8_t ncpos = g->x[j].cpos;
    uint8_t ppos = i > 0 ? g->tk[i - 1].pos : ENT_POS_X;
    int nx_verb = ncpos == ENT_POS_AUX || ncpos == ENT_POS_MODAL ||
                  (ncpos == ENT_POS_X && (nx->flags & ENT_TOK_CAN_VERB) &&
                   (nx->vform == ENT_VF_PAST || nx->vform == ENT_VF_S));
    if ((ppos == ENT_POS_NOUN || ppos == ENT_POS_PROPN || ppos == ENT_POS_NUM) && nx_verb)
        return ENT_POS_WH; /* the treaty that was signed */
    if (ncpos == ENT_POS_DET || ncpos == ENT_POS_PRON || ncpos == ENT_POS_NUM ||
        (nx->flags & ENT_TOK_CAP) || ppos == ENT_POS_VERB)
        return ENT_POS_SCONJ; /* said that the …, that Iran … */
    if (is_open(g, j) || ncpos == ENT_POS_ADJ)
        return ENT_POS_DET; /* that agreement */
    if (ncpos == ENT_POS_AUX || ncpos == ENT_POS_MODAL)
        return ENT_POS_PRON; /* that was a mistake */
    return ENT_POS_SCONJ;
}

/* Closed-class words whose tag depends on context. */
#define AMBIGUOUS                                                                                  \
    (ENT_LX_TO | ENT_LX_THAT | ENT_LX_POSSDET | ENT_LX_ADP_SCONJ | ENT_LX_MAY |                    \
     ENT_LX_CAPS_PROPN | ENT_LX_HAVE | ENT_LX_DO)

static uint8_t tag_closed(tagger *g, size_t i)
{
    ent_token *tk = &g->tk[i];
    uint32_t lx = g->x[i].lx;
    uint8_t cpos = g->x[i].cpos;
    if (lx & ENT_LX_TO)
        return to_infinitive(g, i) ? ENT_POS_TO : ENT_POS_ADP;
    if (cpos == ENT_POS_POSS)
        return tag_poss(g, i);
    if (lx & ENT_LX_THAT)
        return tag_that(g, i);
    if (lx & ENT_LX_POSSDET) {
        size_t j = i + 1;
        if (j < g->n && (is_open(g, j) || g->x[j].cpos == ENT_POS_ADJ ||
                         g->x[j].cpos == ENT_POS_NUM || g->x[j].cpos == ENT_POS_ADV))
            return ENT_POS_DET;
        return ENT_POS_PRON;
    }
    if (lx & ENT_LX_ADP_SCONJ) {
        if (between_have_and_participle(g, i))
            return ENT_POS_ADV;
        size_t j = i + 1;
        if (j < g->n && (g->x[j].lx & ENT_LX_SUBJ))
            return ENT_POS_SCONJ;
        return cpos;
    }
    if (lx & ENT_LX_MAY) {
        if (!(tk->flags & ENT_TOK_CAP))
            return ENT_POS_MODAL;
        if (!clause_initial(g, i))
            return ENT_POS_PROPN;
        size_t j = i + 1;
        if (j >= g->n || (g->tk[j].flags & (ENT_TOK_DIGIT | ENT_TOK_PUNCT)))
            return ENT_POS_PROPN;
        return ENT_POS_MODAL;
    }
    if ((lx & ENT_LX_CAPS_PROPN) && (tk->flags & ENT_TOK_ALLCAPS))
        return ENT_POS_PROPN; /* US */
    if (cpos == ENT_POS_NOUN && (tk->flags & ENT_TOK_CAP) && !clause_initial(g, i))
        return ENT_POS_PROPN; /* President Trump, People's Party */
    if (lx & (ENT_LX_HAVE | ENT_LX_DO))
        return aux_follows(g, i) ? ENT_POS_AUX : ENT_POS_VERB;
    return cpos;
}

/* ---- open words ---- */

/* A finite verb or auxiliary probably follows i ("the military carried out"). */
static int verb_follows(const tagger *g, size_t i)
{
    size_t j = next_skip(g, i, 1);
    if (j >= g->n)
        return 0;
    uint8_t c = g->x[j].cpos;
    if (c == ENT_POS_AUX || c == ENT_POS_MODAL)
        return 1;
    const ent_token *tk = &g->tk[j];
    return c == ENT_POS_X && (tk->flags & ENT_TOK_CAN_VERB) && !(tk->flags & ENT_TOK_CAP) &&
           (tk->vform == ENT_VF_PAST || tk->vform == ENT_VF_S);
}

/* A comma and a known adjective follow i: i is the first of two adjectives ("a new,
 * comprehensive agreement"). */
static int adjective_list_follows(const tagger *g, size_t i)
{
    return i + 2 < g->n && (g->x[i + 1].mark & ENT_MARK_COMMA) &&
           ((g->x[i + 2].lx & ENT_LX_ADJ) || sfx(g, i + 2, ENT_SFX_ADJ));
}

static uint8_t adj_or_noun(const tagger *g, size_t i)
{
    if (noun_follows(g, i) || adjective_list_follows(g, i))
        return ENT_POS_ADJ; /* official talks; a new, comprehensive deal */
    if (verb_follows(g, i) && !(g->tk[i].flags & ENT_TOK_CAN_VERB))
        return ENT_POS_NOUN; /* the military carried out */
    long p = prev_skip(g, i, 0);
    if (p >= 0) {
        uint8_t pp = g->tk[p].pos;
        if (pp == ENT_POS_AUX)
            return ENT_POS_ADJ; /* was important */
        if (pp == ENT_POS_DET || pp == ENT_POS_ADJ || pp == ENT_POS_POSS || pp == ENT_POS_NUM ||
            pp == ENT_POS_NOUN || pp == ENT_POS_PROPN)
            return ENT_POS_NOUN; /* the official said; the gold medal */
    }
    return ENT_POS_ADJ;
}

static uint8_t tag_nonverb(const tagger *g, size_t i)
{
    const ent_token *tk = &g->tk[i];
    if (g->x[i].lx & ENT_LX_ADJ)
        return adj_or_noun(g, i);
    if (g->x[i].lx & ENT_LX_DEMONYM)
        return ENT_POS_ADJ; /* eastern */
    int lower = !(tk->flags & ENT_TOK_CAP);
    if (lower && sfx(g, i, ENT_SFX_LY))
        return ENT_POS_ADV;
    if (sfx(g, i, ENT_SFX_ADJ) || (lower && sfx(g, i, ENT_SFX_IAN)))
        return adj_or_noun(g, i);
    if (sfx(g, i, ENT_SFX_ED))
        return ENT_POS_ADJ; /* unprecedented */
    return ENT_POS_NOUN;
}

/* Is the noun at p plural, or a coordinated subject ("Iran and Russia")? */
static int plural_subject(const tagger *g, long p)
{
    const ent_token *tk = &g->tk[p];
    if (tk->pos == ENT_POS_PRON || (g->x[p].lx & ENT_LX_PLURAL))
        return 1;
    if (is_demonym(g, (size_t)p))
        return 0; /* a Ukrainian man */
    if ((tk->pos == ENT_POS_NOUN || tk->pos == ENT_POS_PROPN) && sfx(g, (size_t)p, ENT_SFX_S))
        return 1; /* ministers, the Houthis */
    for (long q = p - 1; q >= 0; q--) {
        uint8_t qp = g->tk[q].pos;
        if (qp == ENT_POS_CCONJ)
            return 1;
        if (qp == ENT_POS_DET) /* "the Philippines and the Central African Republic" */
            return (g->x[q].lx & ENT_LX_THE) && q > 1 && (g->x[q - 1].lx & ENT_LX_AND);
        if (qp != ENT_POS_NOUN && qp != ENT_POS_PROPN && qp != ENT_POS_ADJ)
            break;
    }
    return 0;
}

/* Is the noun at p the head of a compound ("the peace", "Russian forces")? */
static int in_compound(const tagger *g, long p)
{
    if (p > 0) {
        uint8_t qp = g->tk[p - 1].pos;
        /* a name after "the" is a whole noun phrase ("the IRGC says"), a noun a compound */
        if ((qp == ENT_POS_DET || qp == ENT_POS_ADJ || qp == ENT_POS_POSS || qp == ENT_POS_NUM ||
             qp == ENT_POS_NOUN) &&
            g->tk[p].pos == ENT_POS_NOUN)
            return 1;
        if (qp == ENT_POS_PROPN && is_demonym(g, (size_t)p - 1))
            return 1;
        if (inner_hyphen(g, (size_t)p - 1))
            return 1; /* Iran-Russia ties */
    }
    return is_demonym(g, (size_t)p);
}

/* After a noun phrase ending at p. */
static uint8_t after_noun(const tagger *g, size_t i, long p)
{
    const ent_token *tk = &g->tk[i];
    switch (tk->vform) {
    case ENT_VF_ING:
        if (in_compound(g, p) && noun_follows(g, i) && !sfx(g, (size_t)p, ENT_SFX_S) &&
            !(g->tk[i + 1].flags & ENT_TOK_CAP))
            return ENT_POS_NOUN; /* a British army training camp */
        return ENT_POS_VERB;
    case ENT_VF_PAST:
        return ENT_POS_VERB; /* Russia signed; the treaty signed in Moscow */
    case ENT_VF_S: {
        size_t j = i + 1;
        int object = 0, verb_next = 0;
        if (j < g->n) {
            uint8_t nc = g->x[j].cpos;
            const ent_token *nx = &g->tk[j];
            object = nc == ENT_POS_DET || nc == ENT_POS_NUM ||
                     (nc == ENT_POS_PRON &&
                      (!(g->x[j].lx & ENT_LX_SUBJ) || (g->x[i].lx & ENT_LX_SAY))) ||
                     ((g->x[j].lx & ENT_LX_TO) && to_infinitive(g, j)) ||
                     (g->x[j].lx & ENT_LX_THAT) || (is_open(g, j) && (nx->flags & ENT_TOK_CAP));
            verb_next =
                nc == ENT_POS_AUX || nc == ENT_POS_MODAL ||
                (is_open(g, j) && (nx->flags & ENT_TOK_CAN_VERB) && !(nx->flags & ENT_TOK_CAP) &&
                 (nx->vform == ENT_VF_PAST ||
                  (nx->vform == ENT_VF_BASE && j + 1 < g->n &&
                   (g->x[j + 1].cpos == ENT_POS_DET || g->x[j + 1].cpos == ENT_POS_NUM))));
        }
        if (g->clause_verb)
            return g->coord && object ? ENT_POS_VERB : ENT_POS_NOUN; /* … and The Pitt wins */
        if (g->sent_verb && (j >= g->n || (j + 1 == g->n && (g->tk[j].flags & ENT_TOK_PUNCT))))
            return ENT_POS_NOUN; /* … in the Adamawa and Borno states. */
        if (is_demonym(g, (size_t)p) || verb_next)
            return ENT_POS_NOUN; /* Russian forces; peace talks ended; M23 rebels hold a */
        if (object)
            return ENT_POS_VERB; /* Russia plans to sign; Iran supplies Russia */
        if (in_compound(g, p) && !(j < g->n && is_open(g, j) && !(g->tk[j].flags & ENT_TOK_CAP)))
            return ENT_POS_NOUN; /* the peace talks with … */
        return ENT_POS_VERB;     /* a cloudburst causes landslides */
    }
    case ENT_VF_BASE: {
        /* "demanded that Russia withdraw …": a subject right after "that" */
        size_t a = next_skip(g, i, 0);
        int subjunctive = p > 0 && (g->x[p - 1].lx & ENT_LX_THAT) &&
                          g->tk[p - 1].pos == ENT_POS_SCONJ && !is_demonym(g, (size_t)p) &&
                          a < g->n &&
                          (g->x[a].cpos == ENT_POS_DET || g->x[a].cpos == ENT_POS_PRON ||
                           g->x[a].cpos == ENT_POS_NUM || (g->tk[a].flags & ENT_TOK_CAP));
        /* "Saudi Arabia cut ties": a past tense spelled as the base, after a name and before
           its object */
        size_t o = i + 1;
        int past = (g->x[i].lx & ENT_LX_PAST_BASE) && g->tk[p].pos == ENT_POS_PROPN &&
                   !is_demonym(g, (size_t)p) && o < g->n &&
                   (g->x[o].cpos == ENT_POS_DET || g->x[o].cpos == ENT_POS_NUM ||
                    g->x[o].cpos == ENT_POS_ADJ || is_open(g, o));
        if ((g->clause_verb && !g->coord) || !(plural_subject(g, p) || subjunctive || past))
            return ENT_POS_NOUN; /* oil price */
        size_t j = i + 1;
        if (j >= g->n)
            return ENT_POS_VERB;
        uint8_t nc = g->x[j].cpos;
        if (nc == ENT_POS_X ? (g->tk[j].flags & ENT_TOK_CAN_VERB) && g->tk[j].vform == ENT_VF_PAST
                            : nc == ENT_POS_AUX || nc == ENT_POS_MODAL)
            return ENT_POS_NOUN;
        return ENT_POS_VERB; /* ministers meet; Iran and Russia sign */
    }
    default:
        return ENT_POS_NOUN;
    }
}

/* An -s word at i that clearly has a clause or object after it ("says that", "says it",
 * "warns the"). */
static int says_something(const tagger *g, size_t i)
{
    size_t j = i + 1;
    if (j >= g->n)
        return 0;
    uint8_t nc = g->x[j].cpos;
    if ((g->x[j].lx & ENT_LX_THAT) || nc == ENT_POS_DET)
        return 1;
    return nc == ENT_POS_PRON && (!(g->x[j].lx & ENT_LX_SUBJ) || (g->x[i].lx & ENT_LX_SAY));
}

/* A base-form word at i after "have" or "be" (past adverbs and negation): the participle of a
 * verb spelled so ("has cut", "were not hit"), for verb_or_noun and tag_sentence alike. */
static int participle_after_aux(const tagger *g, size_t i)
{
    long pp = prev_skip(g, i, 1);
    return pp >= 0 && g->tk[pp].pos == ENT_POS_AUX && (g->x[pp].lx & (ENT_LX_HAVE | ENT_LX_BE));
}

static uint8_t verb_or_noun(const tagger *g, size_t i)
{
    const ent_token *tk = &g->tk[i];
    uint8_t vf = tk->vform;
    long pp = prev_skip(g, i, 1), p = prev_skip(g, i, 0);
    uint8_t ppos = pp >= 0 ? g->tk[pp].pos : ENT_POS_X;
    if (vf == ENT_VF_PAST && i >= 2 && inner_hyphen(g, i - 1)) {
        size_t j = i + 1; /* "test-fired a missile": a verb with its object */
        if (j < g->n && (g->x[j].cpos == ENT_POS_DET || g->x[j].cpos == ENT_POS_NUM))
            return ENT_POS_VERB;
        return ENT_POS_ADJ; /* Iran-backed, Russian-made, state-run */
    }
    if (ppos == ENT_POS_TO || ppos == ENT_POS_MODAL)
        return ENT_POS_VERB;
    if (ppos == ENT_POS_AUX) {
        if (vf == ENT_VF_PAST || vf == ENT_VF_ING)
            return ENT_POS_VERB; /* was ratified, has supplied, is holding */
        if (vf == ENT_VF_BASE && (g->x[pp].lx & ENT_LX_DO))
            return ENT_POS_VERB; /* did not sign */
        if (vf == ENT_VF_BASE && (g->x[i].lx & ENT_LX_PART_BASE) && participle_after_aux(g, i))
            return ENT_POS_VERB; /* has cut, were hit: the participle (tag_sentence) */
        if (vf == ENT_VF_BASE && i + 1 < g->n && (g->x[i + 1].lx & ENT_LX_BY))
            return ENT_POS_VERB; /* is hit by */
        return ENT_POS_NOUN;
    }
    if (ppos == ENT_POS_PRON) {
        if ((g->x[pp].lx & ENT_LX_SUBJ) || vf == ENT_VF_PAST || vf == ENT_VF_ING)
            return ENT_POS_VERB; /* they signed */
        return ENT_POS_NOUN;     /* gave them weapons */
    }
    if (ppos == ENT_POS_WH)
        return ENT_POS_VERB; /* who signed */
    if (adjective_list_follows(g, i))
        return ENT_POS_ADJ; /* restored complete, full relations */
    uint8_t prev = p >= 0 ? g->tk[p].pos : ENT_POS_X;
    if (prev == ENT_POS_ADJ && vf == ENT_VF_S && says_something(g, i)) {
        g->tk[p].pos = ENT_POS_NOUN; /* the Qatari military says that … */
        return ENT_POS_VERB;
    }
    switch (prev) {
    case ENT_POS_DET:
    case ENT_POS_ADJ:
    case ENT_POS_POSS:
    case ENT_POS_NUM:
        if ((vf == ENT_VF_PAST || vf == ENT_VF_ING) && noun_follows(g, i))
            return ENT_POS_ADJ; /* the signed treaty */
        return ENT_POS_NOUN;
    case ENT_POS_ADP:
        if (vf == ENT_VF_ING)
            return ENT_POS_VERB; /* after signing */
        if (vf == ENT_VF_PAST && noun_follows(g, i))
            return ENT_POS_ADJ;
        return ENT_POS_NOUN;
    default:
        break;
    }
    if (vf != ENT_VF_PAST && i + 1 < g->n && (g->x[i + 1].lx & ENT_LX_OF))
        return ENT_POS_NOUN; /* the signing of; but "warned of", "accused of" are verbs */
    switch (prev) {
    case ENT_POS_VERB:
        if (vf == ENT_VF_ING || vf == ENT_VF_PAST)
            return ENT_POS_VERB; /* kept fighting */
        return ENT_POS_NOUN;     /* held talks */
    case ENT_POS_NOUN:
    case ENT_POS_PROPN:
        return after_noun(g, i, p);
    case ENT_POS_CCONJ:
        if (p > 0) {
            long q = prev_skip(g, (size_t)p, 0);
            if (q >= 0 && g->tk[q].pos == ENT_POS_VERB && g->tk[q].vform == vf)
                return ENT_POS_VERB; /* signed and ratified */
            size_t j = i + 1;
            int object =
                j < g->n && (g->x[j].cpos == ENT_POS_DET || g->x[j].cpos == ENT_POS_NUM ||
                             (g->x[j].cpos == ENT_POS_PRON && !(g->x[j].lx & ENT_LX_SUBJ)));
            if (vf == ENT_VF_ING || vf == ENT_VF_PAST || object)
                for (long r = q; r >= 0; r--)
                    if (g->tk[r].pos == ENT_POS_VERB && g->tk[r].vform == vf)
                        return ENT_POS_VERB; /* killing the driver and injuring two */
        }
        if ((vf == ENT_VF_ING || vf == ENT_VF_PAST) && noun_follows(g, i))
            return ENT_POS_ADJ; /* residential areas and surrounding districts */
        return vf == ENT_VF_PAST ? ENT_POS_VERB : ENT_POS_NOUN;
    default:
        break;
    }
    /* start of a sentence or clause, or after other punctuation */
    size_t j = i + 1;
    switch (vf) {
    case ENT_VF_PAST:
        return ENT_POS_VERB; /* Signed in 1990, …; …, killed */
    case ENT_VF_ING:
        if (p >= 0 && (g->x[p].mark & ENT_MARK_COMMA))
            return ENT_POS_VERB; /* …, citing increased production */
        if (j < g->n && (g->x[j].cpos == ENT_POS_AUX || g->x[j].cpos == ENT_POS_MODAL ||
                         (is_open(g, j) && (g->tk[j].flags & ENT_TOK_CAN_VERB) &&
                          (g->tk[j].vform == ENT_VF_PAST || g->tk[j].vform == ENT_VF_S))))
            return ENT_POS_NOUN; /* Fighting continued */
        return ENT_POS_VERB;     /* Speaking to reporters, … */
    case ENT_VF_BASE:
        if (j < g->n && (g->x[j].cpos == ENT_POS_DET || g->x[j].cpos == ENT_POS_PRON))
            return ENT_POS_VERB;
        return ENT_POS_NOUN;
    default:
        return ENT_POS_NOUN; /* Talks resumed */
    }
}

static uint8_t tag_open(const tagger *g, size_t i)
{
    const ent_token *tk = &g->tk[i];
    uint32_t lx = g->x[i].lx;
    if (tk->flags & ENT_TOK_CAP) {
        if (!clause_initial(g, i) || (tk->flags & ENT_TOK_ALLCAPS))
            return ENT_POS_PROPN;
        size_t j = i + 1;
        if (j < g->n && is_open(g, j) && (g->tk[j].flags & ENT_TOK_CAP))
            return ENT_POS_PROPN; /* Mark Rutte */
        if (lx & (ENT_LX_DEMONYM | ENT_LX_ABBR))
            return ENT_POS_PROPN;
        if (!(tk->flags & ENT_TOK_CAN_VERB) && !(lx & (ENT_LX_NOUN | ENT_LX_NOUN_EXC | ENT_LX_ADJ)))
            return ENT_POS_PROPN; /* Israel struck … */
    }
    if (tk->len <= 3 && i + 2 < g->n && inner_hyphen(g, i + 1) &&
        (g->tk[i + 2].flags & ENT_TOK_CAP))
        return ENT_POS_PROPN; /* al-Assad, bin-Laden */
    if (!(tk->flags & ENT_TOK_CAN_VERB))
        return tag_nonverb(g, i);
    if (lx & ENT_LX_ADJ) {
        /* "top", "last", "second" are verbs too, but rarely in the news */
        long pp = prev_skip(g, i, 1);
        uint8_t ppos = pp >= 0 ? g->tk[pp].pos : ENT_POS_X;
        if (ppos != ENT_POS_TO && ppos != ENT_POS_MODAL && ppos != ENT_POS_AUX &&
            !(ppos == ENT_POS_PRON && (g->x[pp].lx & ENT_LX_SUBJ)))
            return adj_or_noun(g, i);
    }
    return verb_or_noun(g, i);
}

/* ---- driver ---- */

/* A sentence written in capitals ("IRAN SAYS IT WILL RETALIATE", wire headlines): three words
 * or more, none with a lower-case letter. Its capitals say nothing of names. */
#define ENT_TAG_CAPS_MAX 256 /* longer sentences in capitals keep their flags past this */

static int in_capitals(const ent_token *tk, size_t n)
{
    size_t words = 0;
    for (size_t i = 0; i < n; i++) {
        if (tk[i].flags & (ENT_TOK_PUNCT | ENT_TOK_DIGIT))
            continue;
        if (!(tk[i].flags & ENT_TOK_CAP) || (!(tk[i].flags & ENT_TOK_ALLCAPS) && tk[i].len > 1))
            return 0;
        words++;
    }
    return words >= 3;
}

static void tag_sentence(tagger *g);

void ent_text__tag(ent_text *t, const ent_sentence *s)
{
    tagger g;
    g.t = t;
    g.tk = t->tok + s->first_token;
    g.x = t->tokx + s->first_token;
    g.n = s->ntokens;
    if (!in_capitals(g.tk, g.n)) {
        tag_sentence(&g);
        return;
    }
    /* Tagged as if in lower case; the flags come back for the actor phrases, which say
       which of their words must be capitals ("US", not "us"). */
    uint16_t caps[ENT_TAG_CAPS_MAX];
    size_t n = g.n < ENT_TAG_CAPS_MAX ? g.n : ENT_TAG_CAPS_MAX;
    for (size_t i = 0; i < n; i++) {
        caps[i] = g.tk[i].flags & (ENT_TOK_CAP | ENT_TOK_ALLCAPS);
        g.tk[i].flags &= (uint16_t) ~(ENT_TOK_CAP | ENT_TOK_ALLCAPS);
    }
    tag_sentence(&g);
    for (size_t i = 0; i < n; i++)
        g.tk[i].flags |= caps[i];
}

static void tag_sentence(tagger *gp)
{
    tagger g = *gp;
    g.clause_verb = 0;
    g.sent_verb = 0;
    g.coord = 0;
    for (size_t i = 0; i < g.n; i++) {
        ent_token *tk = &g.tk[i];
        uint8_t cpos = g.x[i].cpos, pos;
        if (tk->flags & ENT_TOK_PUNCT) {
            tk->pos = ENT_POS_PUNCT;
            if ((tk->flags & (ENT_TOK_CLAUSE_END | ENT_TOK_QUOTE)) ||
                (g.x[i].mark & ENT_MARK_COMMA))
                g.clause_verb = g.coord = 0;
            continue;
        }
        if (cpos == ENT_POS_X) {
            pos = tag_open(&g, i);
        } else if (!(g.x[i].lx & AMBIGUOUS) && cpos != ENT_POS_POSS && cpos != ENT_POS_NOUN) {
            pos = cpos; /* most closed-class words: the table's tag */
        } else {
            pos = tag_closed(&g, i);
            if ((g.x[i].lx & ENT_LX_ADP_SCONJ) && pos != ENT_POS_ADV)
                g.clause_verb = g.coord = 0; /* after a bus collides with … */
        }
        tk->pos = pos;
        if (pos == ENT_POS_VERB && tk->vform == ENT_VF_BASE && (g.x[i].lx & ENT_LX_PART_BASE) &&
            participle_after_aux(&g, i))
            tk->vform = ENT_VF_PAST; /* "has cut", "were hit" */
        /* the clause state; conditional branches rather than a switch (a jump table is
         * mispredicted on nearly every token) */
        if (pos == ENT_POS_VERB) {
            g.sent_verb = 1;
            g.coord = 0;
            /* participles, infinitives and reduced relatives ("the treaty signed in Moscow
             * was …") do not fill the clause's verb slot */
            if (tk->vform == ENT_VF_ING || (i > 0 && g.tk[i - 1].pos == ENT_POS_TO))
                continue;
            if (tk->vform == ENT_VF_PAST && i > 0 &&
                (g.tk[i - 1].pos == ENT_POS_NOUN || g.tk[i - 1].pos == ENT_POS_PROPN) &&
                i + 1 < g.n && (g.x[i + 1].cpos == ENT_POS_ADP || g.x[i + 1].lx & ENT_LX_TO))
                continue;
            /* nor does a verb whose clause follows without "that" ("said Moscow opposes new
               sanctions") */
            if (g.x[i].lx & ENT_LX_CLAUSE)
                continue;
            g.clause_verb = 1;
        } else if (pos == ENT_POS_AUX || pos == ENT_POS_MODAL) {
            g.sent_verb = 1;
            g.clause_verb = 1;
            g.coord = 0;
        } else if (pos == ENT_POS_CCONJ) {
            if (g.clause_verb)
                g.coord = 1;
        } else if (pos == ENT_POS_SCONJ || pos == ENT_POS_WH) {
            g.clause_verb = g.coord = 0;
        }
    }
}

static const char *const pos_names[ENT_POS_COUNT] = {
    [ENT_POS_X] = "X",         [ENT_POS_NOUN] = "NOUN", [ENT_POS_PROPN] = "PROPN",
    [ENT_POS_VERB] = "VERB",   [ENT_POS_AUX] = "AUX",   [ENT_POS_MODAL] = "MODAL",
    [ENT_POS_ADJ] = "ADJ",     [ENT_POS_ADV] = "ADV",   [ENT_POS_DET] = "DET",
    [ENT_POS_PRON] = "PRON",   [ENT_POS_ADP] = "ADP",   [ENT_POS_CCONJ] = "CCONJ",
    [ENT_POS_SCONJ] = "SCONJ", [ENT_POS_WH] = "WH",     [ENT_POS_NEG] = "NEG",
    [ENT_POS_TO] = "TO",       [ENT_POS_NUM] = "NUM",   [ENT_POS_POSS] = "POSS",
    [ENT_POS_PUNCT] = "PUNCT",
};

const char *ent_pos_name(ent_pos pos)
{
    if ((unsigned)pos >= ENT_POS_COUNT)
        return "X";
    return pos_names[pos];
}
