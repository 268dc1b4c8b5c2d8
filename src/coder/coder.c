/*
 * coder — stage 4: documents in, events out. This file owns the document loop: it builds the
 * text to analyse (title, then body), runs the text stage, finds the document date, and for
 * each sentence checks discards, finds actor mentions (mentions.c), codes the verbs
 * (clauses.c), moves the event date by "on Friday", and tags issues.
 */
#include "coder_internal.h"

#include "util/vec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t h(const char *s)
{
    return ent_text_hash(s, strlen(s));
}

static void init_words(ent_coder *c)
{
    coder_words *w = &c->w;
    w->and_ = h("and"), w->as = h("as"), w->well = h("well");
    w->by = h("by"), w->of = h("of");
    w->on = h("on"), w->in = h("in"), w->at = h("at");
    w->near = h("near"), w->from = h("from");
    w->over = h("over");
    w->inside = h("inside"), w->outside = h("outside"), w->across = h("across");
    w->during = h("during"), w->since = h("since"), w->after = h("after");
    w->before = h("before"), w->via = h("via"), w->through = h("through");
    w->among = h("among"), w->throughout = h("throughout");
    w->within = h("within"), w->comma = h(","), w->be = h("be"), w->get = h("get");
    w->anti = h("anti"), w->hyphen = h("-");
    w->the = h("the"), w->two = h("two"), w->both = h("both");
    w->countries = h("countries");
    w->nations = h("nations");
    w->states = h("states"), w->he = h("he"), w->she = h("she"), w->it = h("it");
    w->they = h("they"), w->him = h("him"), w->her = h("her"), w->them = h("them");
    w->yesterday = h("yesterday"), w->today = h("today"), w->tomorrow = h("tomorrow");
    w->next = h("next"), w->never = h("never");
    w->refuse = h("refuse");
    w->decline = h("decline"), w->fail = h("fail");
    w->that = h("that");
    w->vote = h("vote"), w->ruling = h("ruling"), w->majority = h("majority");
    w->decision = h("decision"), w->lparen = h("("), w->rparen = h(")");
    static const char *const days[7] = {"monday", "tuesday", "wednesday", "thursday",
                                         "friday", "saturday", "sunday"};
    static const char *const months[12] = {"january", "february", "march",     "april",
                                           "may",     "june",     "july",      "august",
                                           "september", "october", "november", "december"};
    static const char *const abbr[12] = {"jan.", "feb.", "mar.", "apr.", "may", "jun.",
                                         "jul.", "aug.", "sept.", "oct.", "nov.", "dec."};
    for (int i = 0; i < 7; i++)
        w->weekday[i] = h(days[i]);
    static const char *const one_state[7] = {"country", "bloc", "alliance", "kingdom",
                                             "republic", "organisation", "organization"};
    for (int i = 0; i < 7; i++)
        w->one_state[i] = h(one_state[i]);
    static const char *const parties[10] = {"countries", "nations", "states", "sides", "allies",
                                            "partners", "neighbours", "neighbors", "parties",
                                            "powers"};
    for (int i = 0; i < 10; i++)
        w->parties[i] = h(parties[i]);
    for (int i = 0; i < 12; i++) {
        w->month[i] = h(months[i]);
        w->month_abbr[i] = h(abbr[i]);
    }
}

/*
 * Verbs that govern an infinitive and turn it into an intention ("Russia plans to sign…" is
 * an intent to sign, CAMEO 03x) or a threat ("Iran threatened to close…", CAMEO 13x).
 * Lemmas; extend here.
 */
static const char *const intent_verbs[] = {
    "plan",   "intend",  "pledge", "promise",  "vow",   "expect",  "hope",  "seek",
    "want",   "prepare", "aim",    "wish",     "offer", "propose", "agree", "decide",
    "commit", "resolve", "mean",   "consider", "look",  "move",    "work",  "strive",
};
static const char *const threat_verbs[] = {"threaten", "warn"};

/* Verbs that report a statement without judging it: their "that" clause is coded. */
static const char *const reporting_verbs[] = {"say", "report", "announce", "confirm", "state",
                                              "tell", "add", "note", "disclose", "reveal",
                                              "acknowledge", "indicate", "show", "learn"};

/* Verbs of claim and opinion, whose clause may follow without "that" ("Israel claimed Hamas
 * fighters fired…"): what follows them is a clause, not their object. */
static const char *const opinion_verbs[] = {"claim",   "allege",   "believe", "think", "fear",
                                            "suspect", "insist",   "argue",   "admit", "hope",
                                            "expect",  "estimate", "warn"};

/* Verbs of aspect whose -ing complement is the real action: "began shipping grain",
 * "has continued supplying drones". */
static const char *const aspect_verbs[] = {"begin", "start", "continue", "keep", "resume"};

/* Verbs of motion: a place after them is where the subject went ("arrived in Tehran"), the
 * target whatever the code. */
static const char *const motion_verbs[] = {"arrive", "travel", "fly",  "go",     "come",
                                           "head",   "return", "land", "journey"};

/* Nouns of violence and unrest: a place after one is where it struck, so a statement or
 * meeting about it is about that place ("condemned the attack in Nairobi", "a summit on the
 * unrest in Iran"). Lemmas and plural forms, as the tagger may give either. */
static const char *const violence_nouns[] = {
    "attack",   "attacks",   "bombing",    "bombings",   "shooting",  "shootings", "killing",
    "killings", "massacre",  "massacres",  "violence",   "unrest",    "fighting",  "clash",
    "clashes",  "airstrike", "airstrikes", "shelling",   "crackdown", "war",       "conflict",
    "invasion", "offensive", "assault",    "raid",       "raids",     "blast",     "explosion",
    "riot",     "riots",     "genocide",   "atrocities", "siege",     "blockade",  "uprising"};

/* Modal auxiliaries of the future: they make an intention; other modals speculation. */
static const char *const future_modals[] = {"will", "would", "shall", "'ll", "wo"};

/* be + expected / set / due … + to: an intention ("Putin is expected to visit"). */
static const char *const be_intent_words[] = {
    "expected", "set",   "due",       "poised", "ready", "likely",  "going",
    "scheduled", "about", "keen",     "eager",  "willing", "prepared"};

/* Hashes words into out[] (*n of them): lemmas when lex is given, else the forms. */
static void fill_hashes(uint64_t *out, size_t *n, const char *const *words, size_t count,
                        const ent_lexicon *lex)
{
    for (size_t i = 0; i < count; i++)
        out[(*n)++] = lex ? ent_lexicon_lemma(lex, words[i], strlen(words[i])) : h(words[i]);
}

int ent_coder_create(ent_coder **out, const ent_dict *dict)
{
    *out = NULL;
    ent_coder *c = calloc(1, sizeof *c);
    if (!c)
        return ENT_ENOMEM;
    c->dict = dict;
    int rc = ent_text_create(&c->text, ent_dict_lexicon(dict));
    if (rc != ENT_OK) {
        free(c);
        return rc;
    }
    init_words(c);
    const ent_lexicon *lex = ent_dict_lexicon(dict);
#define FILL(out, n, words, lex)                                                                   \
    do {                                                                                           \
        _Static_assert(sizeof words / sizeof *words <= sizeof out / sizeof *out,                   \
                       #words " has more words than the coder keeps");                             \
        fill_hashes(out, n, words, sizeof words / sizeof *words, lex);                             \
    } while (0)
    FILL(c->intent_verbs, &c->nintent, intent_verbs, lex);
    FILL(c->reporting_verbs, &c->nreporting, reporting_verbs, lex);
    FILL(c->opinion_verbs, &c->nopinion, opinion_verbs, lex);
    FILL(c->aspect_verbs, &c->naspect, aspect_verbs, lex);
    FILL(c->threat_verbs, &c->nthreat, threat_verbs, lex);
    FILL(c->violence_nouns, &c->nviolence, violence_nouns, NULL);
    FILL(c->motion_verbs, &c->nmotion, motion_verbs, lex);
    FILL(c->future_modals, &c->nfuture, future_modals, NULL);
    FILL(c->be_intent_words, &c->nbe_intent, be_intent_words, NULL);
#undef FILL
    if (ent_coder__weapon_lemmas(c->weapon_lemmas, 32, lex) < 0) {
        ent_coder_destroy(c);
        return ENT_EINTERNAL;
    }
    *out = c;
    return ENT_OK;
}

void ent_coder_destroy(ent_coder *c)
{
    if (!c)
        return;
    ent_text_destroy(c->text);
    ent_arena_free(&c->arena);
    free(c->buf);
    free(c->mentions);
    free(c->mention_at);
    free(c->events);
    free(c);
}

void ent_coder_set_trace(ent_coder *c, void (*fn)(void *ctx, const char *line), void *ctx)
{
    c->trace = fn;
    c->trace_ctx = ctx;
}

void ent_coder_set_future(ent_coder *c, ent_future mode)
{
    c->future = mode;
}

int ent_coder_set_defaults(ent_coder *c, const char *source, const char *target)
{
    const char *codes[2] = {source ? source : "", target ? target : ""};
    for (int i = 0; i < 2; i++)
        if (codes[i][0] &&
            (strchr(codes[i], '/') || !ent_dict__is_actor_codes(codes[i], strlen(codes[i]))))
            return ENT_EINVAL; /* one actor: a compound would have to be expanded */
    for (int i = 0; i < 2; i++) {
        strcpy(c->default_code[i], codes[i]); /* fits: ent_dict__is_actor_codes caps it */
        mention *m = &c->default_actor[i];
        memset(m, 0, sizeof *m);
        m->kind = M_ACTOR;
        m->group = -1;
        m->is_country = strlen(codes[i]) == 3;
        m->code = c->default_code[i];
        m->name = ent_dict_actor_name(c->dict, codes[i]);
    }
    return ENT_OK;
}

const mention *ent_coder__default_actor(const ent_coder *c, int target)
{
    return c->default_code[target][0] ? &c->default_actor[target] : NULL;
}

void ent_coder__trace(ent_coder *c, const char *fmt, ...)
{
    if (!c->trace)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    c->trace(c->trace_ctx, line);
}

const char *ent_coder_text(const ent_coder *c, size_t *len)
{
    if (len)
        *len = c->tbuf ? c->tbuf_len : 0;
    return c->tbuf ? c->tbuf : "";
}

int ent_cameo_is_code(const char *code)
{
    return ent_dict__is_event_code(code, strlen(code)); /* the rule the dictionaries load by */
}

int ent_cameo_quad_class(const char *root)
{
    if (!root || root[0] < '0' || root[0] > '2' || root[1] < '0' || root[1] > '9')
        return 0;
    int r = (root[0] - '0') * 10 + (root[1] - '0');
    if (r < 1 || r > 20)
        return 0;
    /* GDELT's grouping, as its event files carry it: 01-05 verbal cooperation (diplomatic
     * cooperation and agreements are words), 06-09 material cooperation (investigations
     * count as cooperation), 10-14 verbal conflict (protests included), 15-20 material
     * conflict. */
    return r <= 5    ? ENT_QUAD_VERBAL_COOP
           : r <= 9  ? ENT_QUAD_MATERIAL_COOP
           : r <= 14 ? ENT_QUAD_VERBAL_CONFLICT
                     : ENT_QUAD_MATERIAL_CONFLICT;
}

/* ---- dates ---- */

static int small_number(const ent_coder *c, const ent_token *t, int max)
{
    if (!(t->flags & ENT_TOK_DIGIT) || t->len > 4)
        return -1;
    int v = 0;
    for (uint32_t i = 0; i < t->len; i++) {
        char ch = c->tbuf[t->start + i];
        if (ch < '0' || ch > '9')
            return -1;
        v = v * 10 + (ch - '0');
    }
    return v >= 1 && v <= max ? v : -1;
}

int ent_coder__month(const ent_coder *c, const ent_token *t)
{
    for (int m = 0; m < 12; m++)
        if (t->form == c->w.month[m] || t->form == c->w.month_abbr[m])
            return m + 1;
    return 0;
}

int ent_coder__weekday(const ent_coder *c, const ent_token *t)
{
    for (int d = 0; d < 7; d++)
        if (t->form == c->w.weekday[d])
            return d;
    return -1;
}

/* "2025-01-17", "January 17, 2025", "17 January 2025" among the first tokens of the text. */
static ent_date date_in_header(const ent_coder *c)
{
    size_t n = c->ntok < 60 ? c->ntok : 60;
    for (size_t i = 0; i < n; i++) {
        const ent_token *t = &c->tok[i];
        ent_date d;
        if ((t->flags & ENT_TOK_DIGIT) && t->len == 10 &&
            ent_date_parse(&d, c->tbuf + t->start, t->len) == ENT_OK)
            return d;
        int m = ent_coder__month(c, t);
        if (m && i + 2 < c->ntok) {
            int day = small_number(c, &c->tok[i + 1], 31);
            size_t yi = i + 2 + (c->tok[i + 2].form == c->w.comma);
            int year = yi < c->ntok ? small_number(c, &c->tok[yi], 9999) : -1;
            if (day > 0 && year >= 1900 && (d = ent_date_from_ymd(year, m, day)) != ENT_DATE_NONE)
                return d;
        }
        if (m && i >= 1 && i + 1 < c->ntok) {
            int day = small_number(c, &c->tok[i - 1], 31);
            int year = small_number(c, &c->tok[i + 1], 9999);
            if (day > 0 && year >= 1900 && (d = ent_date_from_ymd(year, m, day)) != ENT_DATE_NONE)
                return d;
        }
    }
    return ENT_DATE_NONE;
}

/*
 * The date of the events in a sentence: the document date, moved by a day name ("on
 * Friday": the latest Friday on or before the document date; "next Friday" or future tense:
 * the first one after), "yesterday"/"tomorrow", or "on January 17" (in the document's year,
 * or the year before when that would put it more than a week after the document).
 */
static ent_date sentence_date(const ent_coder *c, uint32_t first, uint32_t end, int future)
{
    ent_date base = c->doc_date;
    if (base == ENT_DATE_NONE)
        return base;
    for (uint32_t i = first; i < end; i++) {
        const ent_token *t = &c->tok[i];
        if (t->form == c->w.yesterday)
            return base - 1;
        if (t->form == c->w.tomorrow)
            return base + 1;
        int named = ent_coder__weekday(c, t);
        if (named >= 0) {
            int ahead = future || (i > first && c->tok[i - 1].form == c->w.next);
            int wd = ent_date_weekday(base);
            if (ahead)
                return base + ((named - wd + 7) % 7 ? (named - wd + 7) % 7 : 7);
            return base - (wd - named + 7) % 7;
        }
        int m = ent_coder__month(c, t);
        if (m && i + 1 < end && i > first && c->tok[i - 1].form == c->w.on) {
            int day = small_number(c, &c->tok[i + 1], 31);
            int y;
            ent_date_to_ymd(&y, NULL, NULL, base);
            ent_date d = day > 0 ? ent_date_from_ymd(y, m, day) : ENT_DATE_NONE;
            if (d != ENT_DATE_NONE && d > base + 7 && !future)
                d = ent_date_from_ymd(y - 1, m, day);
            if (d != ENT_DATE_NONE)
                return d;
        }
    }
    return base;
}

/* ---- discards and issues ---- */

static int looks_like_score(const ent_coder *c, const ent_token *t)
{
    /* "2-1", "3–0": one or two digits each side. Dates and ranges are longer. */
    if (!(t->flags & ENT_TOK_SCORE) || t->len > 7)
        return 0;
    const char *s = c->tbuf + t->start;
    uint32_t i = 0, d1 = 0, d2 = 0;
    while (i < t->len && s[i] >= '0' && s[i] <= '9')
        i++, d1++;
    if (i < t->len && s[i] == '-')
        i++;
    else if (i + 3 <= t->len && memcmp(s + i, "\xe2\x80\x93", 3) == 0)
        i += 3;
    else
        return 0;
    while (i < t->len && s[i] >= '0' && s[i] <= '9')
        i++, d2++;
    return i == t->len && d1 >= 1 && d1 <= 2 && d2 >= 1 && d2 <= 2;
}

/* "voted 86-12", "a 6-3 ruling": a tally, not a sports result. */
static int is_tally(const ent_coder *c, uint32_t i, uint32_t first, uint32_t end)
{
    for (uint32_t j = i > first + 3 ? i - 3 : first; j < end && j <= i + 1; j++)
        if (j != i && (c->tok[j].lemma == c->w.vote || c->tok[j].lemma == c->w.ruling ||
                       c->tok[j].lemma == c->w.majority || c->tok[j].lemma == c->w.decision))
            return 1;
    return 0;
}

static const ent_phrase *find_discard(const ent_coder *c, uint32_t first, uint32_t end)
{
    size_t n;
    const ent_phrase *score = ent_dict__phrases_at(c->dict, ent_dict__score_hash(), PH_DISCARD, &n);
    for (uint32_t i = first; i < end; i++) {
        if (n && looks_like_score(c, &c->tok[i]) && !is_tally(c, i, first, end))
            return score;
        size_t k;
        const ent_phrase *p = ent_dict__phrases_at(c->dict, c->tok[i].form, PH_DISCARD, &k);
        uint64_t lengths = ent_coder__stem_lengths(c, &c->tok[i]);
        int stems_only = 0;
        do {
            for (size_t j = 0; j < k; j++)
                if (p[j].kind == PH_DISCARD && (!stems_only || ent_dict__one_word_stem(&p[j])) &&
                    ent_coder__phrase_matches(c, &p[j], i, end))
                    return &p[j];
            stems_only = 1;
        } while (lengths &&
                 (p = ent_coder__next_stem_bucket(c, &c->tok[i], PH_DISCARD, &lengths, &k)));
    }
    return NULL;
}

/* Comma-separated issue labels found in the sentence, in first-seen order, or "". */
static const char *sentence_issues(ent_coder *c, uint32_t first, uint32_t end)
{
    uint32_t found[8];
    size_t nfound = 0, len = 0;
    for (uint32_t i = first; i < end && nfound < 8; i++) {
        size_t k;
        const ent_phrase *p = ent_dict__phrases_at(c->dict, c->tok[i].lemma, PH_ISSUE, &k);
        for (size_t j = 0; j < k && nfound < 8; j++) {
            if (p[j].kind != PH_ISSUE || !ent_coder__phrase_matches(c, &p[j], i, end))
                continue;
            size_t f = 0;
            while (f < nfound && found[f] != p[j].value)
                f++;
            if (f == nfound) {
                found[nfound++] = p[j].value;
                len += strlen(c->dict->codes[p[j].value]) + 1;
            }
        }
    }
    if (!nfound)
        return "";
    char *s = ent_arena_alloc(&c->arena, len);
    if (!s)
        return "";
    s[0] = '\0';
    for (size_t f = 0; f < nfound; f++) {
        if (f)
            strcat(s, ",");
        strcat(s, c->dict->codes[found[f]]);
    }
    return s;
}

/* ---- the document loop ---- */

static void trace_tokens(ent_coder *c, uint32_t first, uint32_t end)
{
    char line[1024];
    size_t n = 0;
    for (uint32_t i = first; i < end && n + 64 < sizeof line; i++) {
        const ent_token *t = &c->tok[i];
        n += (size_t)snprintf(line + n, sizeof line - n, "%s%.*s/%s", i > first ? " " : "",
                              (int)(t->len < 40 ? t->len : 40), c->tbuf + t->start,
                              ent_pos_name((ent_pos)t->pos));
    }
    ent_coder__trace(c, "  tokens: %s", line);
}

/* Copies title + "\n\n" + text into c->buf so one analysis covers both. */
static int build_input(const char **text, size_t *len, ent_coder *c, const ent_doc *doc)
{
    if (!doc->title || !doc->title[0]) {
        *text = doc->text ? doc->text : "";
        *len = doc->text ? doc->len : 0;
        return ENT_OK;
    }
    size_t tlen = strlen(doc->title);
    size_t need = tlen + 2 + doc->len;
    if (ent_vec_reserve((void **)&c->buf, &c->buf_cap, need + 1, 1))
        return ENT_ENOMEM;
    memcpy(c->buf, doc->title, tlen);
    memcpy(c->buf + tlen, "\n\n", 2);
    if (doc->len)
        memcpy(c->buf + tlen + 2, doc->text, doc->len);
    c->buf[need] = '\0';
    *text = c->buf;
    *len = need;
    return ENT_OK;
}

int ent_coder_code(const ent_event **events, size_t *count, ent_coder *c, const ent_doc *doc,
                   ent_doc_report *report)
{
    *events = NULL;
    *count = 0;
    ent_arena_reset(&c->arena);
    c->nevents = 0;
    c->nhistory = 0;
    c->serial = 0;
    memset(&c->report, 0, sizeof c->report);
    c->doc = doc;

    const char *input;
    size_t input_len;
    int rc = build_input(&input, &input_len, c, doc);
    if (rc == ENT_OK)
        rc = ent_text_analyse(c->text, input, input_len, 0);
    if (rc != ENT_OK)
        return rc;
    size_t nsent, blen;
    const ent_sentence *sent = ent_text_sentences(c->text, &nsent);
    c->tbuf = ent_text_buffer(c->text, &blen);
    c->tbuf_len = blen;
    c->tok = ent_text_tokens(c->text, &c->ntok);
    c->report.invalid_utf8 = ent_text_invalid_count(c->text, &c->report.first_invalid);
    c->report.sentences = nsent;

    c->doc_date = doc->date;
    c->report.date_source = doc->date != ENT_DATE_NONE;
    if (c->doc_date == ENT_DATE_NONE) {
        c->doc_date = date_in_header(c);
        if (c->doc_date != ENT_DATE_NONE)
            c->report.date_source = 2;
    }

    for (size_t s = 0; s < nsent; s++) {
        uint32_t first = sent[s].first_token, end = first + sent[s].ntokens;
        if (TRACING(c)) {
            ent_coder__trace(c, "sentence %zu: %.*s", s, (int)(sent[s].end - sent[s].start),
                             c->tbuf + sent[s].start);
            trace_tokens(c, first, end);
        }
        const ent_phrase *discard = find_discard(c, first, end);
        if (discard) {
            c->report.discarded++;
            ent_coder__trace(c, "  discarded by %s", discard->rule);
            continue;
        }
        rc = ent_coder__find_mentions(c, first, end, c->doc_date);
        if (rc != ENT_OK)
            return rc;
        size_t before = c->nevents;
        rc = ent_coder__code_clauses(c, (uint32_t)s, first, end);
        if (rc != ENT_OK)
            return rc;
        ent_coder__remember(c);
        if (c->nevents == before)
            continue;
        const char *issues = sentence_issues(c, first, end);
        for (size_t e = before; e < c->nevents; e++) {
            ent_event *ev = &c->events[e];
            ev->sentence.start = sent[s].start;
            ev->sentence.end = sent[s].end;
            ev->issues = issues;
            ev->doc_id = doc->id ? doc->id : "";
            /* A day name dates the report of the event ("said on Friday"), so it counts
             * backwards from the document date unless the text says "next". */
            ev->date = sentence_date(c, first, end, 0);
        }
    }
    *events = c->events;
    *count = c->nevents;
    if (report)
        *report = c->report;
    return ENT_OK;
}
