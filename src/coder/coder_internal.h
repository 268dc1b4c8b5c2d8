/*
 * coder — internal structures shared by the coder's files:
 *   coder.c     documents: text analysis, sentence loop, dates, references, trace
 *   mentions.c  actor recognition: dictionary phrases, agents, compounds, references
 *   clauses.c   verbs: verb groups, voice, negation, modality, subjects, patterns, events
 */
#ifndef ENTENTE_CODER_INTERNAL_H
#define ENTENTE_CODER_INTERNAL_H

#include "entente/coder.h"
#include "dict/dict_internal.h"
#include "util/arena.h"

/* What kind of thing a mention is. */
enum mention_kind {
    M_ACTOR = 0, /* resolved to an actor code */
    M_REF_ONE,   /* he, she, it, the country: one earlier actor */
    M_REF_TWO,   /* the two countries, both sides: the last two distinct actors */
    M_REF_MANY   /* they: the last group */
};

typedef struct mention {
    uint32_t start, end;  /* tokens [start, end) */
    uint8_t kind;         /* enum mention_kind */
    uint8_t is_country;   /* a bare state, IGO or group code (three letters) */
    uint8_t is_person;    /* a named individual (an actor phrase whose code has a role) */
    uint8_t salient;      /* in the history: the first actor of its sentence */
    int group;            /* compound group: mentions joined by "and" share it */
    const char *code;     /* borrowed from the dict or the document arena */
    const char *name;
    const char *rules[2]; /* the actor and agent entries that fired */
} mention;

/* Word hashes the coder tests against, computed once per coder. */
typedef struct coder_words {
    uint64_t and_, as, well, by, of, on, in, at, near, from, over, inside, outside, across, during,
        since, after, before, via, through, among, throughout, within, comma, be, get, the, two,
        both, countries, nations, states, he, she, it, they, him, her, them, yesterday, today,
        tomorrow, next, never, refuse, decline, fail, that, vote, ruling, majority, decision,
        lparen, rparen, anti, hyphen;
    uint64_t weekday[7]; /* monday … sunday */
    uint64_t one_state[7]; /* the country, the bloc … (references to one state or body) */
    uint64_t parties[10];  /* the two countries, both sides … (references to two) */
    uint64_t month[12];
    uint64_t month_abbr[12];
} coder_words;

/* Verbs that turn the verb they govern ("plans to sign") into an intention or a threat. */
enum modality { MOD_NONE = 0, MOD_INTENT, MOD_THREAT, MOD_SPECULATIVE };

struct ent_coder {
    const ent_dict *dict;
    ent_text *text;
    ent_arena arena;       /* per document: composed codes, rule lists, events */
    coder_words w;
    uint64_t intent_verbs[24], threat_verbs[4], aspect_verbs[8], reporting_verbs[16];
    uint64_t future_modals[8], be_intent_words[16], opinion_verbs[16], violence_nouns[40];
    uint64_t motion_verbs[16];
    size_t naspect, nreporting, nfuture, nbe_intent, nopinion, nviolence, nmotion;
    uint64_t weapon_lemmas[32][2]; /* see the weapon table in clauses.c */
    size_t nintent, nthreat;
    ent_future future; /* ent_coder_set_future() */
    /* ent_coder_set_defaults(): the source and target of events whose sentence names none
       (code "" when unset), as mentions with an empty span */
    char default_code[2][ENT_DICT_ACTOR_CODES_MAX + 1];
    mention default_actor[2];

    /* The document being coded. */
    char *buf;             /* title + blank line + text, when there is a title */
    size_t buf_cap;
    const ent_doc *doc;
    ent_date doc_date;
    const char *tbuf;      /* analysed text (ent_text_buffer); not NUL-terminated */
    size_t tbuf_len;
    const ent_token *tok;
    size_t ntok;

    /* Per-sentence scratch, grown to the longest sentence. */
    mention *mentions;
    size_t nmentions, mentions_cap;
    int32_t *mention_at;   /* token -> mention starting there, or -1 */
    size_t mention_at_cap;

    /* References: actors seen so far in the document, newest last. */
    mention history[16];
    size_t nhistory;
    uint32_t serial;       /* sentences remembered, to keep group ids apart */
    mention ref_states[2]; /* "the two countries" resolved to state level */

    ent_event *events;
    size_t nevents, events_cap;
    ent_doc_report report;

    void (*trace)(void *ctx, const char *line);
    void *trace_ctx;
};

/* Emits a trace line when tracing is on. */
/* The default source (target 0) or target (1) of ent_coder_set_defaults(), or NULL. */
const mention *ent_coder__default_actor(const ent_coder *c, int target);

void ent_coder__trace(ent_coder *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
#define TRACING(c) ((c)->trace != NULL)

/* Finds the actor mentions of sentence s (tokens [first, end)) into c->mentions. */
int ent_coder__find_mentions(ent_coder *c, uint32_t first, uint32_t end, ent_date date);

/* True when phrase p matches the tokens at i (all before end), by form or lemma. */
int ent_coder__phrase_matches(const ent_coder *c, const ent_phrase *p, uint32_t i, uint32_t end);

/* The lengths of the stems ("Arnor*") that may begin token t, as bits (bit L: a stem of L
 * bytes), shorter than the token: a stem as long as the word is found by the word itself.
 * Inline: it runs for every token, and most dictionaries have no stems. */
static inline uint64_t ent_coder__stem_lengths(const ent_coder *c, const ent_token *t)
{
    uint64_t lengths = c->dict->stem_lengths;
    if (!lengths || t->len < 4 || !ent_dict__stem_may_begin(c->dict, c->tbuf + t->start))
        return 0;
    return t->len < 64 ? lengths & (((uint64_t)1 << t->len) - 1) : lengths;
}

/* The next index bucket of phrases whose first word is a stem of t's first bytes, longest
 * first, taking its length out of *lengths (from ent_coder__stem_lengths()); NULL after the
 * last; one with no phrase of kinds is passed over. Its phrases must still be checked: only
 * the one-word stems in it begin t. */
const ent_phrase *ent_coder__next_stem_bucket(const ent_coder *c, const ent_token *t,
                                              unsigned kinds, uint64_t *lengths, size_t *n);

/* The sentence's mention that token i is inside of, or NULL. */
const mention *ent_coder__mention_covering(const ent_coder *c, uint32_t i);

/* Resolves a reference mention to the actors it stands for (up to max). Returns the count. */
size_t ent_coder__resolve(ent_coder *c, const mention *m, const mention **out, size_t max);

/* Adds the sentence's actor mentions to the reference history. */
void ent_coder__remember(ent_coder *c);

/* Codes the verbs of one sentence, appending events. */
int ent_coder__code_clauses(ent_coder *c, uint32_t sentence_index, uint32_t first, uint32_t end);

/* The month (1-12) a token names, or 0; the weekday (0 Monday … 6 Sunday), or -1. */
int ent_coder__month(const ent_coder *c, const ent_token *t);
int ent_coder__weekday(const ent_coder *c, const ent_token *t);

/* Fills the lemma hashes of the weapon table; returns its size or -1 when max is short. */
int ent_coder__weapon_lemmas(uint64_t (*out)[2], size_t max, const ent_lexicon *lex);

/* True when the token's folded form is word. */
static inline int is_word(const ent_token *t, uint64_t word)
{
    return t->form == word;
}

#endif
