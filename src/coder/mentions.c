/*
 * coder — actor recognition. For one sentence: the longest dictionary match at each token
 * (actor or agent phrases, date ranges respected), then composition ("Iranian" + "military"
 * → IRNMIL; "foreign minister of Iran" → IRNGOV; "Russian President Vladimir Putin" → the
 * person), compound groups ("Iran and Russia"), and references ("it", "the two countries")
 * that are resolved against earlier actors in the document.
 */
#include "coder_internal.h"

#include "util/vec.h"

#include <string.h>

int ent_coder__phrase_matches(const ent_coder *c, const ent_phrase *p, uint32_t i, uint32_t end)
{
    if (i + p->ntok > end)
        return 0;
    if (p->second && (p->by_lemma ? c->tok[i + 1].lemma : c->tok[i + 1].form) != p->second)
        return 0;
    const uint64_t *want = c->dict->phrase_tokens + p->tok_off;
    uint32_t last = p->ntok - 1;
    for (uint32_t k = 0; k < last; k++) {
        const ent_token *t = &c->tok[i + k];
        if ((p->by_lemma ? t->lemma : t->form) != want[k])
            return 0;
    }
    const ent_token *t = &c->tok[i + last];
    if (p->stem_len && t->len > p->stem_len)
        return ent_text_hash(c->tbuf + t->start, p->stem_len) == want[last];
    return (p->by_lemma ? t->lemma : t->form) == want[last];
}

static int caps_ok(const ent_token *t, int caps)
{
    if (caps == CAPS_ALL)
        /* "NATO" also matches "Nato", but "US" must not match "Us". */
        return (t->flags & ENT_TOK_ALLCAPS) || (t->len >= 4 && (t->flags & ENT_TOK_CAP));
    if (caps == CAPS_FIRST)
        return (t->flags & ENT_TOK_CAP) != 0;
    return 1;
}

static int in_range(const ent_phrase *p, ent_date date)
{
    if (date == ENT_DATE_NONE)
        return 0;
    return (p->from == ENT_DATE_NONE || date >= p->from) &&
           (p->to == ENT_DATE_NONE || date <= p->to);
}

const ent_phrase *ent_coder__next_stem_bucket(const ent_coder *c, const ent_token *t,
                                              unsigned kinds, uint64_t *lengths, size_t *n)
{
    *n = 0;
    for (int len = 63; *lengths; len--) {
        uint64_t bit = (uint64_t)1 << len;
        if (!(*lengths & bit))
            continue;
        *lengths &= ~bit;
        const ent_phrase *p =
            ent_dict__phrases_at(c->dict, ent_text_hash(c->tbuf + t->start, (size_t)len), kinds, n);
        if (*n)
            return p;
    }
    return NULL;
}

/* The best of the n phrases at p (one bucket of the index) starting at token i: see
 * match_at(). stems_only keeps one-word stems, for a bucket found by a word's first bytes. */
static const ent_phrase *match_in(const ent_coder *c, const ent_phrase *p, size_t n, uint32_t i,
                                  uint32_t end, ent_date date, int stems_only)
{
    const ent_phrase *fallback = NULL;
    /* The second word first, from the packed copy: most of a common word's phrases fail on it
       (by lemma or by form: ent_coder__phrase_matches tells which). */
    const uint64_t *second = ent_dict__seconds_of(c->dict, p);
    uint64_t lemma2 = i + 1 < end ? c->tok[i + 1].lemma : 0;
    uint64_t form2 = i + 1 < end ? c->tok[i + 1].form : 0;
    for (size_t j = 0; j < n; j++) {
        if (second[j] && second[j] != lemma2 && second[j] != form2)
            continue;
        const ent_phrase *q = &p[j];
        if (fallback && q->ntok < fallback->ntok)
            break;
        if (stems_only && !ent_dict__one_word_stem(q))
            continue;
        if (!(q->kind & (PH_ACTOR | PH_AGENT | PH_PLACE)) || !ent_coder__phrase_matches(c, q, i, end))
            continue;
        if ((q->kind & (PH_ACTOR | PH_PLACE)) && !caps_ok(&c->tok[i], q->caps))
            continue;
        if (q->kind == PH_ACTOR && (q->from != ENT_DATE_NONE || q->to != ENT_DATE_NONE)) {
            if (in_range(q, date))
                return q;
            continue;
        }
        if (!fallback)
            fallback = q;
    }
    return fallback;
}

/*
 * The best actor or agent phrase starting at token i: the longest that matches; among
 * equally long ones, a date-restricted actor line valid on date beats an unrestricted line.
 * A phrase of the whole word beats a stem that begins it, and a longer stem a shorter one.
 */
static const ent_phrase *match_at(const ent_coder *c, uint32_t i, uint32_t end, ent_date date)
{
    size_t n;
    const ent_token *t = &c->tok[i];
    const unsigned kinds = PH_ACTOR | PH_AGENT | PH_PLACE;
    const ent_phrase *p = ent_dict__phrases_at(c->dict, t->form, kinds, &n);
    const ent_phrase *hit = match_in(c, p, n, i, end, date, 0);
    uint64_t lengths = ent_coder__stem_lengths(c, t);
    while (!hit && lengths && (p = ent_coder__next_stem_bucket(c, t, kinds, &lengths, &n)))
        hit = match_in(c, p, n, i, end, date, 1);
    return hit;
}

typedef struct raw_match {
    uint32_t start, end;
    const ent_phrase *phrase;
} raw_match;

static int is_country_code(const char *code)
{
    return strlen(code) == 3;
}

static const char *code_of(const ent_coder *c, const ent_phrase *p)
{
    return c->dict->codes[p->value];
}

/* Token i is a hyphen inside a word, with no space on either side ("state-run"); a token
 * follows it. */
static int inner_hyphen(const ent_coder *c, uint32_t i)
{
    const ent_token *dash = &c->tok[i];
    return dash->form == c->w.hyphen && (dash->flags & ENT_TOK_NO_SPACE) &&
           (c->tok[i + 1].flags & ENT_TOK_NO_SPACE);
}

/* "Iranian", "Russia 's" directly before an agent, with at most two modifiers between
 * ("Iran 's top diplomat", "Russian deputy foreign minister"); a hyphenated modifier is one
 * ("Iran state-run television"). */
static int composes(const ent_coder *c, uint32_t actor_end, uint32_t agent_start)
{
    if (agent_start < actor_end)
        return 0;
    int modifiers = 0;
    for (uint32_t i = actor_end; i < agent_start; i++) {
        const ent_token *t = &c->tok[i];
        if (i > actor_end && i + 1 < agent_start && inner_hyphen(c, i)) {
            i++; /* "state-run": the word after the hyphen belongs to the modifier */
            continue;
        }
        if ((t->pos != ENT_POS_POSS && t->pos != ENT_POS_ADJ && t->pos != ENT_POS_NOUN &&
             t->pos != ENT_POS_PROPN) ||
            ++modifiers > 2)
            return 0;
    }
    return 1;
}

/* A verb comes before token i in its clause: a noun phrase at i is an object. */
static int verb_before(const ent_coder *c, uint32_t i)
{
    while (i-- > 0 && !(c->tok[i].flags & ENT_TOK_CLAUSE_END) && c->tok[i].form != c->w.comma)
        if (c->tok[i].pos == ENT_POS_VERB || c->tok[i].pos == ENT_POS_AUX)
            return 1;
    return 0;
}

/* "foreign minister of Iran", "the army of Russia", "officials from Iran", "lawmakers in
 * Iran", "soldiers from Gondor have…". Not troops "from" or "in" a country after a verb:
 * they are withdrawn from it ("pulled troops from Afghanistan") or stationed there, and
 * they are the subject's. */
static int agent_of_actor(const ent_coder *c, const ent_phrase *agent, uint32_t agent_start,
                          uint32_t agent_end, uint32_t actor_start)
{
    uint64_t f = c->tok[agent_end].form;
    if (f != c->w.of && f != c->w.from && f != c->w.in)
        return 0;
    if (f != c->w.of && !strcmp(code_of(c, agent), "MIL") && verb_before(c, agent_start))
        return 0;
    if (actor_start == agent_end + 1)
        return 1;
    return actor_start == agent_end + 2 && c->tok[agent_end + 1].form == c->w.the;
}

static const char *compose_code(ent_coder *c, const char *country, const char *role)
{
    size_t a = strlen(country), b = strlen(role);
    char *s = ent_arena_alloc(&c->arena, a + b + 1);
    if (!s)
        return NULL;
    memcpy(s, country, a);
    memcpy(s + a, role, b + 1);
    return s;
}

static const char *compose_name(ent_coder *c, const char *country, const char *agent)
{
    size_t a = strlen(country), b = strlen(agent);
    char *s = ent_arena_alloc(&c->arena, a + b + 2);
    if (!s)
        return NULL;
    memcpy(s, country, a);
    s[a] = ' ';
    memcpy(s + a + 1, agent, b + 1);
    return s;
}

/* "government" for GOV: the first phrase of the role's first line, whichever line of the
 * role matched ("spokesman" is GOV too). */
static const char *role_name(const ent_coder *c, const ent_phrase *agent)
{
    const char *name = c->dict->code_names[agent->value];
    return name ? name : agent->name;
}

static int push_mention(ent_coder *c, const mention *m)
{
    if (ent_vec_reserve((void **)&c->mentions, &c->mentions_cap, c->nmentions + 1,
                        sizeof *c->mentions))
        return ENT_ENOMEM;
    c->mentions[c->nmentions++] = *m;
    return ENT_OK;
}

/* A compound group id no mention of the sentence has yet. */
static int new_group(const ent_coder *c)
{
    int next = 0;
    for (size_t k = 0; k < c->nmentions; k++)
        if (c->mentions[k].group >= next)
            next = c->mentions[k].group + 1;
    return next;
}

/* A phrase that names several actors ("the Shire": FRO/BIL/SAM) is a compound of its own:
 * one mention per actor over the same words, all in one group. */
static int push_phrase_members(ent_coder *c, mention *m, const char *codes)
{
    m->group = new_group(c);
    for (const char *s = codes; *s;) {
        size_t n = strcspn(s, "/");
        if (!(m->code = ent_arena_strndup(&c->arena, s, n)))
            return ENT_ENOMEM;
        m->is_country = is_country_code(m->code);
        m->is_person = !m->is_country;
        int rc = push_mention(c, m);
        if (rc != ENT_OK)
            return rc;
        s += n + (s[n] == '/');
    }
    return ENT_OK;
}

static int is_person_phrase(const ent_coder *c, const ent_phrase *p)
{
    return p->kind == PH_ACTOR && !is_country_code(code_of(c, p));
}

/* A person's name that a dictionary codes with a bare country code (PETRARCH's and TABARI's
 * actor files often do): a line of its own, not the country's first line ("Iran",
 * "Iranian", "Tehran"), which names the code. */
static int named_by_country(const ent_coder *c, const ent_phrase *p)
{
    const char *own = c->dict->code_names[p->value];
    return p->kind == PH_ACTOR && is_country_code(code_of(c, p)) && own &&
           strcmp(own, p->name) != 0;
}

/* A title names the one person after it when it is singular: "Prime Minister Romendacil",
 * but not "told reporters Bonn saw…". end: the token after the title. */
static int singular_title(const ent_coder *c, uint32_t end)
{
    const ent_token *t = &c->tok[end - 1];
    return t->lemma == t->form;
}

/* An adjectival compound such as "Iran-backed" or "Russian-made": not an actor. */
static int modifier_compound(const ent_coder *c, uint32_t end, uint32_t sentence_end)
{
    return end + 1 < sentence_end && inner_hyphen(c, end) && !(c->tok[end + 1].flags & ENT_TOK_CAP);
}

/* Tokens [a, b) join two list members: "and", ",", ", and". */
static int joined(const ent_coder *c, uint32_t a, uint32_t b)
{
    if (b == a + 1)
        return c->tok[a].form == c->w.and_ || c->tok[a].form == c->w.comma;
    return b == a + 2 && c->tok[a].form == c->w.comma && c->tok[a + 1].form == c->w.and_;
}

static int is_country_match(const ent_coder *c, const raw_match *r)
{
    return r->phrase->kind == PH_ACTOR && is_country_code(code_of(c, r->phrase));
}

/*
 * "Iranian, Russian and Chinese warships": countries joined by "and" or commas whose last
 * member composes with an agent all take that agent. Returns the agent, or NULL.
 */
static const ent_phrase *shared_agent(const ent_coder *c, const raw_match *r, size_t n, size_t k)
{
    size_t j = k;
    while (j + 1 < n && is_country_match(c, &r[j + 1]) && joined(c, r[j].end, r[j + 1].start))
        j++;
    /* Only a real list ends in "and": "Ukraine, US officials" is no list. */
    if (j > k && c->tok[r[j].start - 1].form != c->w.and_)
        return NULL;
    if (j == k || j + 1 >= n || r[j + 1].phrase->kind != PH_AGENT ||
        !composes(c, r[j].end, r[j + 1].start))
        return NULL;
    return r[j + 1].phrase;
}

/* Turns raw dictionary matches into mentions, composing countries with agents. */
static int compose(ent_coder *c, const raw_match *r, size_t n, uint32_t sentence_end)
{
    for (size_t k = 0; k < n; k++) {
        const ent_phrase *p = r[k].phrase;
        if (p->kind == PH_PLACE) /* "Gulf of Oman" is a place, not Oman */
            continue;
        mention m = {0};
        m.start = r[k].start;
        m.end = r[k].end;
        m.group = -1;
        m.rules[0] = p->rule;
        if (p->kind == PH_AGENT) {
            /* An agent alone is no actor: it needs a country before or after it, or names
             * the office of the person that follows ("President Vladimir Putin"). */
            if (k + 1 < n && r[k + 1].phrase->kind == PH_ACTOR) {
                const ent_phrase *q = r[k + 1].phrase;
                int next = r[k + 1].start == r[k].end;
                /* "President Romendacil", a name a dictionary codes with its country alone:
                 * the title gives the role. */
                int titled = next && named_by_country(c, q) && singular_title(c, r[k].end);
                if (titled || (next && is_person_phrase(c, q))) {
                    m.code = titled ? compose_code(c, code_of(c, q), code_of(c, p)) : code_of(c, q);
                    if (!m.code)
                        return ENT_ENOMEM;
                    m.name = q->name;
                    m.is_person = 1;
                    m.rules[0] = q->rule;
                    m.rules[1] = p->rule;
                    m.end = r[k + 1].end;
                    k++;
                } else if (is_country_code(code_of(c, q)) &&
                           agent_of_actor(c, p, r[k].start, r[k].end, r[k + 1].start)) {
                    /* "the defence ministers of Iran and Russia": each country takes the
                     * agent; the first mention spans the agent too. */
                    m.end = r[k + 1].end;
                    for (;;) {
                        const ent_phrase *country = r[k + 1].phrase;
                        m.code = compose_code(c, code_of(c, country), code_of(c, p));
                        m.name = compose_name(c, country->name, role_name(c, p));
                        m.rules[0] = country->rule;
                        m.rules[1] = p->rule;
                        if (!m.code || !m.name)
                            return ENT_ENOMEM;
                        k++;
                        if (!(k + 1 < n && is_country_match(c, &r[k + 1]) &&
                              joined(c, r[k].end, r[k + 1].start)))
                            break;
                        int rc = push_mention(c, &m);
                        if (rc != ENT_OK)
                            return rc;
                        m.start = r[k + 1].start;
                        m.end = r[k + 1].end;
                    }
                }
            }
            if (!m.code)
                continue;
        } else if (strchr(code_of(c, p), '/')) {
            m.name = p->name;
            int rc = push_phrase_members(c, &m, code_of(c, p));
            if (rc != ENT_OK)
                return rc;
            continue;
        } else {
            if (modifier_compound(c, r[k].end, sentence_end))
                continue;
            m.code = code_of(c, p);
            m.name = p->name;
            m.is_country = is_country_code(m.code);
            m.is_person = !m.is_country;
            if (m.is_country && k + 1 < n && r[k + 1].phrase->kind == PH_AGENT &&
                composes(c, r[k].end, r[k + 1].start)) {
                /* "Iranian foreign minister": IRN + GOV, or the person named next. */
                const ent_phrase *agent = r[k + 1].phrase;
                m.code = compose_code(c, m.code, code_of(c, agent));
                m.name = compose_name(c, p->name, role_name(c, agent));
                m.rules[1] = agent->rule;
                m.end = r[k + 1].end;
                m.is_country = 0;
                k++;
                if (k + 1 < n && r[k + 1].start == m.end &&
                    (is_person_phrase(c, r[k + 1].phrase) ||
                     (named_by_country(c, r[k + 1].phrase) && singular_title(c, m.end) &&
                      !strcmp(code_of(c, r[k + 1].phrase), code_of(c, p))))) {
                    /* The person named next: their own code, or, for a name coded with
                     * this country alone ("Bree Prime Minister Romendacil"), the title's. */
                    if (is_person_phrase(c, r[k + 1].phrase))
                        m.code = code_of(c, r[k + 1].phrase);
                    m.name = r[k + 1].phrase->name;
                    m.rules[0] = r[k + 1].phrase->rule;
                    m.end = r[k + 1].end;
                    m.is_person = 1;
                    k++;
                }
            } else if (m.is_country && shared_agent(c, r, n, k)) {
                const ent_phrase *agent = shared_agent(c, r, n, k);
                m.code = compose_code(c, m.code, code_of(c, agent));
                m.name = compose_name(c, p->name, role_name(c, agent));
                m.rules[1] = agent->rule;
                m.is_country = 0;
            } else if (m.is_country && k + 1 < n && is_person_phrase(c, r[k + 1].phrase) &&
                       composes(c, r[k].end, r[k + 1].start)) {
                /* "Russia 's Putin", "Iranian Pezeshkian": the person. */
                m.code = code_of(c, r[k + 1].phrase);
                m.name = r[k + 1].phrase->name;
                m.rules[0] = r[k + 1].phrase->rule;
                m.end = r[k + 1].end;
                m.is_country = 0;
                m.is_person = 1;
                k++;
            }
        }
        if (!m.code || !m.name)
            return ENT_ENOMEM;
        int rc = push_mention(c, &m);
        if (rc != ENT_OK)
            return rc;
    }
    return ENT_OK;
}

/* he, she, it, they; the two countries / sides / nations / governments / leaders; both
 * countries / sides. Returns the reference kind and sets *len, or 0. */
static int reference_at(const ent_coder *c, uint32_t i, uint32_t end, uint32_t *len)
{
    const coder_words *w = &c->w;
    uint64_t f = c->tok[i].form;
    if (c->tok[i].pos == ENT_POS_PRON) {
        *len = 1;
        if (f == w->he || f == w->she || f == w->it || f == w->him || f == w->her)
            return M_REF_ONE;
        if (f == w->they || f == w->them)
            return M_REF_MANY;
        return 0;
    }
    if (f == w->the && i + 1 < end) {
        /* "the country", "the bloc": one earlier state or organisation. */
        uint64_t g = c->tok[i + 1].form;
        for (size_t k = 0; k < sizeof w->one_state / sizeof w->one_state[0]; k++)
            if (g == w->one_state[k]) {
                *len = 2;
                return M_REF_ONE;
            }
    }
    uint32_t j = i;
    if (f == w->the && j + 2 < end && c->tok[j + 1].form == w->two)
        j += 2;
    else if (f == w->both && j + 1 < end)
        j += 1;
    else
        return 0;
    /* "the two countries", "both sides", "the two ministers": a plural noun for parties
     * (a word of the list, or an agent such as "ministers"), not "both projects". */
    const ent_token *g = &c->tok[j];
    int party = 0;
    for (size_t k = 0; k < sizeof w->parties / sizeof w->parties[0] && !party; k++)
        party = g->form == w->parties[k];
    size_t n;
    const ent_phrase *p = ent_dict__phrases_at(c->dict, g->form, PH_AGENT, &n);
    for (size_t k = 0; k < n && !party; k++)
        party = p[k].kind == PH_AGENT && p[k].ntok == 1;
    if (!party)
        return 0;
    *len = j + 1 - i;
    return M_REF_TWO;
}

/* How two neighbouring mentions are joined. JOIN_SAME: two actors of one phrase. */
enum join { JOIN_NONE = 0, JOIN_AND, JOIN_COMMA, JOIN_SAME };

/* "and", ", and", "as well as" join list members; a bare comma may, when the list goes on
 * to an "and". A determiner may open the next member ("Iran and the Soviet Union", "Putin
 * and his Iranian counterpart"). */
static enum join joins(const ent_coder *c, const mention *a, const mention *b)
{
    if (b->start < a->end)
        return JOIN_SAME;
    uint32_t gap = b->start - a->end;
    const ent_token *t = &c->tok[a->end];
    const coder_words *w = &c->w;
    /* Modifiers before the second actor after an "and": "and his counterpart", "and
       neighbouring Iraq", "and the ailing Soviet Union" (a determiner and up to two
       lower-case words). After a bare comma only behind a determiner ("Mordor, the awful
       Fornost, and Gondor"): without one they would take in a verb ("visits Tehran, meets
       Khamenei"). */
    uint32_t bare = gap;
    int words = 0;
    for (int mods = 0; bare >= 2 && mods < 3; mods++) {
        const ent_token *m = &c->tok[a->end + bare - 1];
        int lower_word = !(m->flags & (ENT_TOK_CAP | ENT_TOK_PUNCT)) &&
                         (m->pos == ENT_POS_ADJ || m->pos == ENT_POS_NOUN ||
                          (m->pos == ENT_POS_VERB && m->vform == ENT_VF_ING));
        if (m->pos != ENT_POS_DET && !(lower_word && mods < 2))
            break;
        words += m->pos != ENT_POS_DET;
        bare--;
    }
    if (bare < gap && (!words || c->tok[a->end + bare - 1].form == w->and_ ||
                       c->tok[a->end + bare].pos == ENT_POS_DET))
        gap = bare;
    if (gap == 1)
        return t[0].form == w->and_ ? JOIN_AND : t[0].form == w->comma ? JOIN_COMMA : JOIN_NONE;
    if (gap == 2 && t[0].form == w->comma && t[1].form == w->and_)
        return JOIN_AND;
    if (gap == 3 && t[0].form == w->as && t[1].form == w->well && t[2].form == w->as)
        return JOIN_AND;
    return JOIN_NONE;
}

/* Mentions joined into a list form one compound group. A bare comma joins only when the
 * list goes on to an "and" ("Iran, Russia and China"); otherwise it is an apposition
 * ("Lavrov, Russia 's foreign minister"). */
static void group_compounds(ent_coder *c)
{
    for (size_t k = 0; k + 1 < c->nmentions; k++) {
        mention *a = &c->mentions[k], *b = &c->mentions[k + 1];
        if (a->kind != M_ACTOR || b->kind != M_ACTOR)
            continue;
        enum join j = joins(c, a, b);
        if (j == JOIN_SAME)
            continue; /* grouped when the phrase was found */
        size_t m = k + 1;
        while ((j == JOIN_COMMA || j == JOIN_SAME) && m + 1 < c->nmentions &&
               c->mentions[m + 1].kind == M_ACTOR)
            j = joins(c, &c->mentions[m], &c->mentions[m + 1]), m++;
        if (j != JOIN_AND)
            continue;
        if (a->group < 0)
            a->group = new_group(c);
        if (b->group < 0) {
            b->group = a->group;
            continue;
        }
        /* b's phrase names several actors: all of them join a's list */
        int joined = b->group;
        for (size_t i = k + 1; i < c->nmentions; i++)
            if (c->mentions[i].group == joined)
                c->mentions[i].group = a->group;
    }
}

int ent_coder__find_mentions(ent_coder *c, uint32_t first, uint32_t end, ent_date date)
{
    c->nmentions = 0;
    size_t nraw = 0;
    raw_match *raw = ent_arena_alloc(&c->arena, (end - first + 1) * sizeof *raw);
    if (!raw)
        return ENT_ENOMEM;
    /* Longest match, left to right; references are kept in place as mentions too. */
    for (uint32_t i = first; i < end;) {
        const ent_phrase *p = match_at(c, i, end, date);
        if (p) {
            raw[nraw].start = i;
            raw[nraw].end = i + p->ntok;
            raw[nraw].phrase = p;
            nraw++;
            i += p->ntok;
            continue;
        }
        i++;
    }
    /* compose() consumes raw in order; references are merged in by start position after. */
    int rc = compose(c, raw, nraw, end);
    if (rc != ENT_OK)
        return rc;
    size_t nactors = c->nmentions;
    for (uint32_t i = first; i < end; i++) {
        uint32_t len;
        int kind = reference_at(c, i, end, &len);
        if (!kind)
            continue;
        int inside = 0;
        for (size_t k = 0; k < nactors && !inside; k++)
            inside = i >= c->mentions[k].start && i < c->mentions[k].end;
        if (inside)
            continue;
        mention m = {0};
        m.start = i;
        m.end = i + len;
        m.kind = (uint8_t)kind;
        m.group = -1;
        m.code = "";
        m.name = "";
        if ((rc = push_mention(c, &m)) != ENT_OK)
            return rc;
        i += len - 1;
    }
    /* Keep mentions in text order (insertion sort: there are few). */
    for (size_t k = 1; k < c->nmentions; k++) {
        mention m = c->mentions[k];
        size_t j = k;
        while (j > 0 && c->mentions[j - 1].start > m.start) {
            c->mentions[j] = c->mentions[j - 1];
            j--;
        }
        c->mentions[j] = m;
    }
    group_compounds(c);

    if (ent_vec_reserve((void **)&c->mention_at, &c->mention_at_cap, c->ntok + 1,
                        sizeof *c->mention_at))
        return ENT_ENOMEM;
    for (uint32_t i = first; i < end; i++)
        c->mention_at[i] = -1;
    for (size_t k = 0; k < c->nmentions; k++)
        c->mention_at[c->mentions[k].start] = (int32_t)k;

    if (TRACING(c))
        for (size_t k = 0; k < c->nmentions; k++) {
            const mention *m = &c->mentions[k];
            static const char *const kinds[] = {"actor", "ref:one", "ref:two", "ref:many"};
            ent_coder__trace(c, "  mention [%u,%u) %s %s%s%s group %d", m->start - first,
                             m->end - first, kinds[m->kind], m->code, m->name[0] ? " = " : "",
                             m->name, m->group);
        }
    return ENT_OK;
}

/* ---- references ---- */

static int acceptable(const mention *m, int want_person, int want_country)
{
    if (m->kind != M_ACTOR)
        return 0;
    if (want_person)
        return m->is_person || !m->is_country;
    if (want_country)
        return m->is_country;
    return 1;
}

const mention *ent_coder__mention_covering(const ent_coder *c, uint32_t i)
{
    for (size_t k = 0; k < c->nmentions; k++)
        if (c->mentions[k].start <= i && i < c->mentions[k].end)
            return &c->mentions[k];
    return NULL;
}

/* A capitalised name ("Baker"), as a tagger reads it. */
static int is_name(const ent_token *t)
{
    return t->pos == ENT_POS_PROPN && (t->flags & ENT_TOK_CAP);
}

/* "Reagan has approved … and he has called": the nearest name before token i in its
 * sentence that stands as the subject of a verb, when no dictionary knows it: "he" or "she"
 * after it means that name. Returns its token, or UINT32_MAX (none, or a known actor). */
static uint32_t unknown_named_subject(const ent_coder *c, uint32_t i)
{
    if (c->tok[i].flags & ENT_TOK_SENT_START)
        return UINT32_MAX;
    for (uint32_t k = i; k-- > 0;) {
        const ent_token *t = &c->tok[k];
        uint8_t next = c->tok[k + 1].pos;
        if (is_name(t) && k + 1 < i &&
            (next == ENT_POS_VERB || next == ENT_POS_AUX || next == ENT_POS_MODAL) &&
            !ent_coder__month(c, t) && ent_coder__weekday(c, t) < 0)
            return ent_coder__mention_covering(c, k) ? UINT32_MAX : k;
        if (t->flags & ENT_TOK_SENT_START)
            break;
    }
    return UINT32_MAX;
}

/* The candidate an unknown name refers back to: a person or role whose words, or the two
 * words after its title in the same sentence ("Agriculture Minister Gerrit Braks"), hold the
 * name ("Braks told reporters…"). */
static const mention *named_earlier(const ent_coder *c, uint32_t name, const mention *const *cand,
                                    size_t ncand)
{
    for (size_t k = 0; k < ncand; k++) {
        const mention *m = cand[k];
        if (m->is_country)
            continue;
        for (uint32_t j = m->start; j < m->end + 2 && j < name; j++) {
            if (j > m->start && (c->tok[j].flags & ENT_TOK_SENT_START))
                break;
            if (is_name(&c->tok[j]) && c->tok[j].form == c->tok[name].form)
                return m;
        }
    }
    return NULL;
}

/* The verbs between tokens [from, to). */
static int verbs_between(const ent_coder *c, uint32_t from, uint32_t to)
{
    int n = 0;
    for (uint32_t i = from; i < to; i++)
        n += c->tok[i].pos == ENT_POS_VERB;
    return n;
}

/*
 * "he" or "she" when no earlier actor is known to be a person: the first actor of the
 * sentence, its subject, as long as it was named a clause back ("Galadriel urged Bree to
 * stand down and then she asked Gondor…"). Dictionaries often code a leader with the bare
 * code of the state (TABARI's test dictionaries all do), which tells nothing of a person.
 * An object pronoun is never its own clause's subject ("Gondor asked him" is not Gondor), so
 * "him" and "her" need a clause more between them and the actor.
 */
static const mention *first_actor_of_sentence(const ent_coder *c, const mention *ref, int subject)
{
    for (size_t k = 0; k < c->nmentions && c->mentions[k].start < ref->start; k++) {
        const mention *m = &c->mentions[k];
        if (m->kind != M_ACTOR)
            continue;
        return verbs_between(c, m->end, ref->start) >= (subject ? 1 : 2) ? m : NULL;
    }
    return NULL;
}

size_t ent_coder__resolve(ent_coder *c, const mention *ref, const mention **out, size_t max)
{
    /* Candidates, newest first: earlier mentions in this sentence, then the history. */
    const mention *cand[32];
    size_t ncand = 0;
    for (size_t k = c->nmentions; k-- > 0 && ncand < 16;)
        if (c->mentions[k].start < ref->start && c->mentions[k].kind == M_ACTOR)
            cand[ncand++] = &c->mentions[k];
    for (size_t k = c->nhistory; k-- > 0 && ncand < 32;)
        cand[ncand++] = &c->history[k];
    if (!ncand || !max)
        return 0;
    const ent_token *t = &c->tok[ref->start];
    if (ref->kind == M_REF_ONE) {
        int person = t->form == c->w.he || t->form == c->w.she || t->form == c->w.him ||
                     t->form == c->w.her;
        /* "he" or "she", the subject: "him" and "her" are objects, often of that name */
        int subject = t->form == c->w.he || t->form == c->w.she;
        uint32_t name = subject ? unknown_named_subject(c, ref->start) : UINT32_MAX;
        if (name != UINT32_MAX) {
            out[0] = named_earlier(c, name, cand, ncand);
            return out[0] != NULL;
        }
        /* The subject of an earlier sentence is the likelier antecedent ("Putin spoke with
         * Netanyahu. He urged…" is Putin), then the most recent actor that fits. */
        for (int pass = 0; pass < 2; pass++)
            for (size_t k = 0; k < ncand; k++)
                if ((pass || cand[k]->salient) && acceptable(cand[k], person, !person)) {
                    out[0] = cand[k];
                    return 1;
                }
        out[0] = person ? first_actor_of_sentence(c, ref, subject) : NULL;
        return out[0] != NULL;
    }
    if (ref->kind == M_REF_TWO) {
        /* "the two countries" (nations, states) are the two most recent distinct states,
         * "Russian officials" counting as Russia; "the two sides" (leaders, governments)
         * are the two most recent distinct actors as they were named. */
        const ent_token *noun = &c->tok[ref->end - 1];
        int states = noun->form == c->w.countries || noun->form == c->w.nations ||
                     noun->form == c->w.states;
        size_t n = 0;
        for (size_t k = 0; k < ncand && n < 2 && max >= 2; k++) {
            size_t len = states ? 3 : strlen(cand[k]->code);
            int dup = 0;
            for (size_t j = 0; j < n; j++)
                dup |= strncmp(out[j]->code, cand[k]->code, len) == 0 &&
                       strlen(out[j]->code) == len;
            if (dup)
                continue;
            if (states) {
                mention *m = &c->ref_states[n];
                *m = *cand[k];
                char *code = ent_arena_strndup(&c->arena, cand[k]->code, 3);
                const char *name = code ? ent_dict_actor_name(c->dict, code) : NULL;
                if (!code)
                    return 0;
                m->code = code;
                m->name = name ? name : code;
                m->is_country = 1;
                m->is_person = 0;
                m->group = -1;
                out[n++] = m;
            } else {
                out[n++] = cand[k];
            }
        }
        if (n != 2)
            return 0;
        /* In the order the text named them. */
        const mention *newest = out[0];
        out[0] = out[1];
        out[1] = newest;
        return 2;
    }
    /* "they": the latest compound group, else the latest actor. */
    const mention *latest = cand[0];
    size_t n = 0;
    if (latest->group >= 0) {
        for (size_t k = 0; k < ncand && n < max; k++)
            if (cand[k]->group == latest->group &&
                (k == 0 || cand[k - 1]->group == latest->group))
                out[n++] = cand[k];
        return n;
    }
    out[0] = latest;
    return 1;
}

void ent_coder__remember(ent_coder *c)
{
    /* History keeps whole mentions; group ids are renumbered so that groups from different
     * sentences never merge. */
    static const size_t cap = sizeof c->history / sizeof c->history[0];
    int base = 1000 + (int)(++c->serial & 0xffff) * 64;
    size_t first_actor = 0;
    while (first_actor < c->nmentions && c->mentions[first_actor].kind != M_ACTOR)
        first_actor++;
    for (size_t k = 0; k < c->nmentions; k++) {
        const mention *m = &c->mentions[k];
        if (m->kind != M_ACTOR)
            continue;
        if (c->nhistory == cap) {
            memmove(c->history, c->history + 1, (cap - 1) * sizeof *c->history);
            c->nhistory--;
        }
        mention h = *m;
        if (h.group >= 0)
            h.group += base;
        /* The first actor of a sentence is usually its subject. */
        h.salient = k == first_actor;
        c->history[c->nhistory++] = h;
    }
}
