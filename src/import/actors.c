/*
 * import — ICEWS actor names to CAMEO actor codes. ICEWS names its actors instead of coding
 * them: "Iran", "Vladimir Putin", "United Nations Security Council", and "SECTOR (COUNTRY)"
 * for people known only by role: "Foreign Affairs (Iran)", "Police (Australia)",
 * "Citizen (India)". Everything is looked up in entente's own dictionaries (built-in and
 * --dict), so a user dictionary that adds a person or an agent phrase also codes imports:
 *
 *   1. the whole name as an actor phrase on the event date (countries, IGOs, and leaders,
 *      who count for their country only while in office: Putin 2018 → RUSGOV); ICEWS's
 *      ISO-style country names from the icews_countries table first; a person's first and
 *      last words when the whole name has middle names ("Sergey Viktorovich Lavrov");
 *   2. "SECTOR (COUNTRY)": COUNTRY as an actor phrase, plus the role of SECTOR (below):
 *      "Police (Australia)" → AUS + COP; a sector without a role leaves the country alone;
 *   3. the Dataverse columns, when given: Country as an actor phrase, plus the role of the
 *      first of the Sectors that has one ("Caitlin Hayden", Executive,Government, United
 *      States → USAGOV).
 *
 * The role of a sector: the sector as an agent phrase; else the sector_roles table below
 * (ICEWS sector words that are not news phrases); else, for each part of the sector split at
 * '/', ',' and " - ", the part, its last word, then each other word, as agent phrases, each
 * also with an 's' added ("Armed Rebel" → rebel → REB, "Military Personnel - Special" →
 * military → MIL, "Villager" → villagers → CVL).
 *
 * Names repeat a lot (ICEWS18: 937k names, 23k distinct), so every answer is cached by
 * (name, sectors, country) together with the dates over which it holds
 * (ent_dict_lookup_phrase's valid range): a name is analysed once, or once per office
 * period for a leader.
 */
#include "import_internal.h"

#include "util/arena.h"
#include "util/u64map.h"
#include "util/vec.h"

#include <stdlib.h>
#include <string.h>

/*
 * ICEWS sector names whose role the agent dictionary cannot find, because they are
 * ICEWS's category words rather than news phrases. Matched whole and case-insensitively,
 * after the dictionary. An empty role means "the country itself" (ICEWS's "Citizen": as in
 * agents.ent, citizens and nationals are the country). To extend: add a line; to override,
 * add the phrase to an @agents section of a --dict file, which is tried first.
 */
static const struct {
    const char *sector, *role;
} sector_roles[] = {
    {"Citizen", ""},
    {"Executive", "GOV"},
    {"Executive Office", "GOV"},
    {"Foreign Affairs", "GOV"},
    {"Legislative / Parliamentary", "LEG"},
    {"Unicameral", "LEG"},
    {"Judicial", "JUD"},
    {"Domestic Affairs", "GOV"},
    {"Justice Department/Ministery", "GOV"},
    {"Justice Department/Ministry", "GOV"},
    {"Election Commission", "GOV"},
    {"Representatives", "LEG"},
    {"Member of Legislative", "LEG"},
    {"Lawyer/Attorney", "JUD"},
    {"Men", "CVL"},
    {"Women", "CVL"},
    {"Children", "CVL"},
    {"Immigrants", "REF"},
    {"Criminal", "CRM"},
    {"Thief", "CRM"},
    {"Armed Band", "UAF"},
    {"Farm Worker", "AGR"},
    {"Businessperson", "BUS"},
    {"Education", "EDU"},
    {"Medical Personnel", "HLH"},
    {"Healthcare Facility", "HLH"},
    {"Religion", "REL"},
};

/*
 * ICEWS writes countries with their ISO 3166 English short names ("Korea, Republic of",
 * "Moldova, Republic of"), which news text never uses, so the dictionaries do not list them.
 * These are tried before the dictionaries: "Congo" is the Republic of the Congo in ICEWS,
 * which spells the other one out, while in news (and countries.ent) it is the DR Congo. To
 * extend: add the ICEWS name and its ISO 3166-1 alpha-3 code.
 */
static const struct {
    const char *name, *code;
} icews_countries[] = {
    {"Bolivia, Plurinational State of", "BOL"},
    {"Congo", "COG"},
    {"Congo, The Democratic Republic of the", "COD"},
    {"Georgia", "GEO"},
    {"Holy See (Vatican City State)", "VAT"},
    {"Holy See Vatican City State", "VAT"},
    {"Iran, Islamic Republic of", "IRN"},
    {"Korea, Democratic People's Republic of", "PRK"},
    {"Korea, Republic of", "KOR"},
    {"Lao People's Democratic Republic", "LAO"},
    {"Libyan Arab Jamahiriya", "LBY"},
    {"Macedonia, the former Yugoslav Republic of", "MKD"},
    {"Micronesia, Federated States of", "FSM"},
    {"Moldova, Republic of", "MDA"},
    {"Occupied Palestinian Territory", "PSE"},
    {"Palestinian Territory, Occupied", "PSE"},
    {"Taiwan, Province of China", "TWN"},
    {"Tanzania, United Republic of", "TZA"},
    {"the former Yugoslav Republic of Macedonia", "MKD"},
    {"Venezuela, Bolivarian Republic of", "VEN"},
};

typedef struct cached {
    ent_date from, to; /* the answer holds on these dates */
    const char *code;  /* "" when unresolved; in the pool */
    uint32_t next;     /* next answer for the same key, or UINT32_MAX */
} cached;

struct ent_actor_resolver {
    const ent_dict *dict;
    ent_text *text;
    ent_arena pool; /* codes */
    ent_u64map index; /* key hash -> first cached answer */
    cached *answers;
    size_t nanswers, cap;
    char scratch[256];
};

uint64_t ent_import__hash(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325u ^ seed;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 0x100000001b3u;
    /* splitmix64's finaliser: FNV-1a alone mixes the last bytes poorly. */
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9u;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebu;
    h ^= h >> 31;
    return h;
}

int ent_actor__create(ent_actor_resolver **out, const ent_dict *dict)
{
    *out = NULL;
    ent_actor_resolver *r = calloc(1, sizeof *r);
    if (!r)
        return ENT_ENOMEM;
    r->dict = dict;
    if (dict && ent_text_create(&r->text, ent_dict_lexicon(dict)) != ENT_OK) {
        free(r);
        return ENT_ENOMEM;
    }
    *out = r;
    return ENT_OK;
}

void ent_actor__destroy(ent_actor_resolver *r)
{
    if (!r)
        return;
    ent_text_destroy(r->text);
    ent_arena_free(&r->pool);
    ent_u64map_free(&r->index);
    free(r->answers);
    free(r);
}

/* ---------------------------------------------------------------- lookups ---- */

static void narrow(ent_date valid[2], const ent_date v[2])
{
    if (v[0] > valid[0])
        valid[0] = v[0];
    if (v[1] < valid[1])
        valid[1] = v[1];
}

/*
 * The code of the phrase s (len bytes) as an actor (agent 0) or agent (1), or NULL; with
 * plural 1, the phrase with an 's' added. valid is narrowed to the dates the answer holds.
 * Returns -1 when out of memory.
 */
static int lookup(const char **code, ent_actor_resolver *r, const char *s, size_t len, int agent,
                  int plural, ent_date date, ent_date valid[2])
{
    *code = NULL;
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (!len || len + 2 > sizeof r->scratch)
        return 0;
    memcpy(r->scratch, s, len);
    if (plural)
        r->scratch[len++] = 's';
    if (ent_text_analyse(r->text, r->scratch, len, ENT_TEXT_NO_SENTENCES | ENT_TEXT_NO_TAGS) !=
        ENT_OK)
        return -1;
    size_t ntok;
    const ent_token *tok = ent_text_tokens(r->text, &ntok);
    ent_date v[2];
    if (ent_dict_lookup_phrase(code, v, r->dict, tok, ntok, agent, date) != ENT_OK)
        *code = NULL;
    narrow(valid, v);
    return 0;
}

static int same_words(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    if (alen != blen)
        return 0;
    for (size_t i = 0; i < alen; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return 0;
    }
    return 1;
}

/* An actor phrase that may be an ICEWS country name: the table first, then the dictionary.
 * Returns -1 when out of memory. */
static int place_of(const char **code, ent_actor_resolver *r, const char *s, size_t len,
                    ent_date date, ent_date valid[2])
{
    for (size_t i = 0; i < sizeof icews_countries / sizeof icews_countries[0]; i++)
        if (strlen(icews_countries[i].name) == len && memcmp(icews_countries[i].name, s, len) == 0) {
            *code = icews_countries[i].code;
            return 0;
        }
    return lookup(code, r, s, len, 0, 0, date, valid);
}

/*
 * A person written with middle names ("Sergey Viktorovich Lavrov", "Malcolm Bligh
 * Turnbull"), as the dictionaries list them: the first and last words. Returns -1 when out
 * of memory.
 */
static int person_of(const char **code, ent_actor_resolver *r, const char *s, size_t len,
                     ent_date date, ent_date valid[2])
{
    const char *first_end = memchr(s, ' ', len);
    const char *last = s + len;
    while (last > s && last[-1] != ' ')
        last--;
    if (!first_end || last <= first_end + 1 || memchr(s, '(', len) || memchr(s, ',', len))
        return 0; /* fewer than three words, or not a person's name */
    size_t a = (size_t)(first_end - s), b = (size_t)(s + len - last);
    char name[160];
    if (a + 1 + b >= sizeof name)
        return 0;
    memcpy(name, s, a);
    name[a] = ' ';
    memcpy(name + a + 1, last, b);
    return lookup(code, r, name, a + 1 + b, 0, 0, date, valid);
}

/* The agent phrase (or its plural) of one word or part. Returns -1 when out of memory. */
static int agent_of(const char **role, ent_actor_resolver *r, const char *s, size_t len)
{
    ent_date ignore[2] = {ENT_DATE_NONE, INT32_MAX}; /* agents are never dated */
    for (int plural = 0; plural < 2 && !*role; plural++)
        if (lookup(role, r, s, len, 1, plural, ENT_DATE_NONE, ignore) < 0)
            return -1;
    return 0;
}

/* The role code of one part of a sector: the part, its last word, then its other words. */
static int part_role(const char **role, ent_actor_resolver *r, const char *s, size_t len)
{
    while (len && *s == ' ')
        s++, len--;
    while (len && s[len - 1] == ' ')
        len--;
    if (agent_of(role, r, s, len) < 0)
        return -1;
    size_t last = len;
    while (last > 0 && s[last - 1] != ' ')
        last--;
    if (!*role && last > 0 && agent_of(role, r, s + last, len - last) < 0)
        return -1;
    for (size_t i = 0; !*role && i < last;) {
        size_t j = i;
        while (j < last && s[j] != ' ')
            j++;
        if (j > i && agent_of(role, r, s + i, j - i) < 0)
            return -1;
        i = j + 1;
    }
    return 0;
}

/* The role of an ICEWS sector (see the file comment). *role is NULL when it has none, ""
 * when it stands for the country itself. Returns -1 when out of memory. */
static int sector_role(const char **role, ent_actor_resolver *r, const char *s, size_t len)
{
    *role = NULL;
    while (len && *s == ' ')
        s++, len--;
    while (len && s[len - 1] == ' ')
        len--;
    if (!len)
        return 0;
    if (agent_of(role, r, s, len) < 0 || *role)
        return *role ? 0 : -1;
    for (size_t i = 0; i < sizeof sector_roles / sizeof sector_roles[0]; i++)
        if (same_words(s, len, sector_roles[i].sector)) {
            *role = sector_roles[i].role;
            return 0;
        }
    size_t start = 0;
    for (size_t i = 0; i <= len && !*role; i++) {
        int cut = i == len || s[i] == '/' || s[i] == ',' ||
                  (s[i] == '-' && i > 0 && s[i - 1] == ' ' && i + 1 < len && s[i + 1] == ' ');
        if (!cut)
            continue;
        if (i > start && part_role(role, r, s + start, i - start) < 0)
            return -1;
        start = i + 1;
    }
    return 0;
}

/* country + role into the pool ("AUS" + "COP"); a code that already has a role, or an
 * empty role, stays as it is. */
static const char *compose(ent_actor_resolver *r, const char *country, const char *role)
{
    size_t a = strlen(country), b = role ? strlen(role) : 0;
    if (a != 3)
        b = 0;
    char *s = ent_arena_alloc(&r->pool, a + b + 1);
    if (!s)
        return NULL;
    memcpy(s, country, a);
    if (b)
        memcpy(s + a, role, b);
    s[a + b] = '\0';
    return s;
}

static int missing(const char *s)
{
    return !s || !s[0] || strcmp(s, "NA") == 0;
}

/* The Dataverse evidence: Country plus the first of Sectors with a role. */
static int from_columns(const char **out, ent_actor_resolver *r, const char *sectors,
                        const char *country, ent_date date, ent_date valid[2])
{
    const char *c = NULL;
    if (missing(country))
        return 0;
    if (place_of(&c, r, country, strlen(country), date, valid) < 0)
        return -1;
    if (!c)
        return 0;
    const char *role = NULL;
    for (const char *p = missing(sectors) ? "" : sectors; *p && !role;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (sector_role(&role, r, p, n) < 0)
            return -1;
        p += n + (comma != NULL);
    }
    *out = compose(r, c, role);
    return *out ? 0 : -1;
}

/* Works out the code of a name (not cached). *out is NULL when out of memory. */
static void resolve(const char **out, ent_actor_resolver *r, const char *name,
                    const char *sectors, const char *country, ent_date date, ent_date valid[2])
{
    const char *code = NULL;
    size_t len = strlen(name);
    *out = NULL;
    if (place_of(&code, r, name, len, date, valid) < 0 ||
        (!code && person_of(&code, r, name, len, date, valid) < 0))
        return;
    if (code) {
        *out = code; /* borrowed from the dictionary, which outlives the resolver */
        return;
    }
    const char *open = len > 3 && name[len - 1] == ')' ? strrchr(name, '(') : NULL;
    if (open && open > name) {
        const char *c = NULL;
        if (place_of(&c, r, open + 1, (size_t)(name + len - 1 - (open + 1)), date, valid) < 0)
            return;
        if (c) {
            const char *role = NULL;
            if (sector_role(&role, r, name, (size_t)(open - name)) < 0)
                return;
            *out = compose(r, c, role);
            return;
        }
    }
    if (from_columns(&code, r, sectors, country, date, valid) < 0)
        return;
    *out = code ? code : "";
}

int ent_actor__resolve(const char **code, ent_actor_resolver *r, const char *name,
                       const char *sectors, const char *country, ent_date date)
{
    *code = "";
    if (!r->dict || missing(name))
        return ENT_OK;
    uint64_t key = ent_import__hash(name, strlen(name), 0);
    if (!missing(sectors))
        key = ent_import__hash(sectors, strlen(sectors), key);
    if (!missing(country))
        key = ent_import__hash(country, strlen(country), key ^ 1);
    const uint32_t *first = ent_u64map_get(&r->index, key);
    uint32_t head = first ? *first : UINT32_MAX; /* first dies at the next put */
    for (uint32_t i = head; i != UINT32_MAX; i = r->answers[i].next)
        if (date >= r->answers[i].from && date <= r->answers[i].to) {
            *code = r->answers[i].code;
            return ENT_OK;
        }
    ent_date valid[2] = {ENT_DATE_NONE, INT32_MAX};
    const char *found;
    resolve(&found, r, name, sectors, country, date, valid);
    if (!found ||
        ent_vec_reserve((void **)&r->answers, &r->cap, r->nanswers + 1, sizeof *r->answers) ||
        ent_u64map_put(&r->index, key, (uint32_t)r->nanswers) < 0)
        return ENT_ENOMEM;
    cached *c = &r->answers[r->nanswers];
    c->from = valid[0];
    c->to = valid[1];
    c->code = found;
    c->next = head;
    r->nanswers++;
    *code = found;
    return ENT_OK;
}
