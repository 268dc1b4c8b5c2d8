/*
 * analysis — stage 6: cooperation pillars (include/entente/registry.h). Places a coded
 * event in one pillar — military, economic, nuclear, diplomatic, security, humanitarian,
 * other — from its CAMEO code and issue tags, for the report's "pillars" breakdown, and
 * says who gives to whom in material cooperation, for the asymmetry figure.
 *
 * Both decisions live in the two tables below; the function only applies them.
 */
#include "entente/coder.h"
#include "entente/registry.h"

#include <string.h>

/* How firmly a code holds its pillar against the event's issue tags. */
enum strength {
    GENERAL, /* the code says what kind of act, not what about (040 consult, 057 sign
                agreement, 060 cooperate): any tag with a pillar decides */
    NAMED,   /* the code names the domain (0311 economic, 072 military aid): only NUCLEAR,
                or ENERGY/TRADE/FINANCE with no tag agreeing with the code, move it */
    FIRM     /* armed force and coercion: military or security whatever the subject; an air
                strike on a power plant or a reactor is still an air strike */
};

typedef struct code_rule {
    const char *code; /* a root (2 digits), base (3) or sub-code (4) */
    ent_pillar pillar;
    enum strength strength;
} code_rule;

/*
 * CAMEO codes → pillar. A code takes its own row, else its base code's (first 3 digits),
 * else its root's (first 2); unknown codes are OTHER and GENERAL. Roots give the default
 * for the whole category: verbal categories (01–05, 08–13, 16) are diplomatic, and
 * sub-codes that name a domain are listed one by one.
 *
 * How to extend: add a row for the code that should differ from its parent (a new ICEWS
 * sub-code, say "1213"), with GENERAL when tags should still decide. Order does not matter.
 * Keep docs/registry.md's table in step.
 */
static const code_rule code_rules[] = {
    /* roots */
    {"01", ENT_PILLAR_DIPLOMATIC, GENERAL}, /* public statements */
    {"02", ENT_PILLAR_DIPLOMATIC, GENERAL}, /* appeals */
    {"03", ENT_PILLAR_DIPLOMATIC, GENERAL}, /* intentions to cooperate */
    {"04", ENT_PILLAR_DIPLOMATIC, GENERAL}, /* consultations, visits, talks */
    {"05", ENT_PILLAR_DIPLOMATIC, GENERAL}, /* diplomatic cooperation, 057 agreements */
    {"06", ENT_PILLAR_OTHER, GENERAL},      /* 060 material cooperation, unspecified */
    {"07", ENT_PILLAR_OTHER, GENERAL},      /* 070 aid, unspecified */
    {"08", ENT_PILLAR_DIPLOMATIC, GENERAL}, /* yielding */
    {"09", ENT_PILLAR_DIPLOMATIC, GENERAL}, /* investigations */
    {"10", ENT_PILLAR_DIPLOMATIC, GENERAL}, /* demands */
    {"11", ENT_PILLAR_DIPLOMATIC, GENERAL}, /* disapproval */
    {"12", ENT_PILLAR_DIPLOMATIC, GENERAL}, /* rejections */
    {"13", ENT_PILLAR_DIPLOMATIC, GENERAL}, /* threats */
    {"14", ENT_PILLAR_OTHER, GENERAL},      /* protest and dissent */
    {"15", ENT_PILLAR_MILITARY, FIRM},      /* force posture */
    {"16", ENT_PILLAR_DIPLOMATIC, GENERAL}, /* reducing relations */
    {"17", ENT_PILLAR_SECURITY, FIRM},      /* coercion: seizures, arrests, repression */
    {"18", ENT_PILLAR_SECURITY, FIRM},      /* assaults, bombings, assassinations */
    {"19", ENT_PILLAR_MILITARY, FIRM},      /* conventional fighting */
    {"20", ENT_PILLAR_MILITARY, FIRM},      /* mass violence */
    /* 02 appeals that name a domain */
    {"0211", ENT_PILLAR_ECONOMIC, NAMED},
    {"0212", ENT_PILLAR_MILITARY, NAMED},
    {"0213", ENT_PILLAR_SECURITY, NAMED}, /* judicial cooperation */
    {"0214", ENT_PILLAR_SECURITY, NAMED}, /* intelligence sharing */
    {"0231", ENT_PILLAR_ECONOMIC, NAMED},
    {"0232", ENT_PILLAR_MILITARY, NAMED},
    {"0233", ENT_PILLAR_HUMANITARIAN, NAMED},
    {"0234", ENT_PILLAR_MILITARY, NAMED}, /* peacekeeping, military protection */
    {"0254", ENT_PILLAR_ECONOMIC, NAMED}, /* ease economic sanctions */
    {"0256", ENT_PILLAR_MILITARY, NAMED}, /* military de-escalation */
    /* 03 intentions */
    {"0311", ENT_PILLAR_ECONOMIC, NAMED},
    {"0312", ENT_PILLAR_MILITARY, NAMED},
    {"0313", ENT_PILLAR_SECURITY, NAMED},
    {"0314", ENT_PILLAR_SECURITY, NAMED},
    {"0331", ENT_PILLAR_ECONOMIC, NAMED},
    {"0332", ENT_PILLAR_MILITARY, NAMED},
    {"0333", ENT_PILLAR_HUMANITARIAN, NAMED}, /* humanitarian aid, not security */
    {"0334", ENT_PILLAR_MILITARY, NAMED},
    {"0354", ENT_PILLAR_ECONOMIC, NAMED},
    {"0356", ENT_PILLAR_MILITARY, NAMED},
    /* 06 material cooperation */
    {"061", ENT_PILLAR_ECONOMIC, NAMED},
    {"062", ENT_PILLAR_MILITARY, NAMED},
    {"063", ENT_PILLAR_SECURITY, NAMED}, /* judicial: extradition, police work */
    {"064", ENT_PILLAR_SECURITY, NAMED}, /* intelligence and information sharing */
    /* 07 aid */
    {"071", ENT_PILLAR_ECONOMIC, NAMED},
    {"072", ENT_PILLAR_MILITARY, NAMED},
    {"073", ENT_PILLAR_HUMANITARIAN, NAMED},
    {"074", ENT_PILLAR_MILITARY, NAMED},     /* peacekeeping, military protection */
    {"075", ENT_PILLAR_HUMANITARIAN, NAMED}, /* asylum */
    /* 08 yielding */
    {"085", ENT_PILLAR_ECONOMIC, NAMED},      /* ease economic sanctions */
    {"0861", ENT_PILLAR_MILITARY, NAMED},     /* admit peacekeepers */
    {"0863", ENT_PILLAR_HUMANITARIAN, NAMED}, /* allow humanitarian access */
    {"087", ENT_PILLAR_MILITARY, NAMED},      /* de-escalate, ceasefire, retreat */
    /* 09 investigations */
    {"091", ENT_PILLAR_SECURITY, NAMED}, /* crime, corruption */
    /* 10 demands */
    {"1011", ENT_PILLAR_ECONOMIC, NAMED},
    {"1012", ENT_PILLAR_MILITARY, NAMED},
    {"1013", ENT_PILLAR_SECURITY, NAMED},
    {"1014", ENT_PILLAR_SECURITY, NAMED},
    {"1031", ENT_PILLAR_ECONOMIC, NAMED},
    {"1032", ENT_PILLAR_MILITARY, NAMED},
    {"1033", ENT_PILLAR_HUMANITARIAN, NAMED},
    {"1034", ENT_PILLAR_MILITARY, NAMED},
    {"1054", ENT_PILLAR_ECONOMIC, NAMED},
    {"1056", ENT_PILLAR_MILITARY, NAMED},
    /* 11 disapproval */
    {"1125", ENT_PILLAR_SECURITY, NAMED}, /* accuse of espionage or treason */
    /* 12 rejections */
    {"1211", ENT_PILLAR_ECONOMIC, NAMED},
    {"1212", ENT_PILLAR_MILITARY, NAMED},
    {"1213", ENT_PILLAR_SECURITY, NAMED},
    {"1221", ENT_PILLAR_ECONOMIC, NAMED},
    {"1222", ENT_PILLAR_MILITARY, NAMED},
    {"1223", ENT_PILLAR_HUMANITARIAN, NAMED},
    {"1224", ENT_PILLAR_MILITARY, NAMED},
    {"1244", ENT_PILLAR_ECONOMIC, NAMED},
    {"1246", ENT_PILLAR_MILITARY, NAMED},
    /* 13 threats */
    {"1311", ENT_PILLAR_ECONOMIC, GENERAL}, /* cut aid: economic unless tags say which */
    {"1312", ENT_PILLAR_ECONOMIC, NAMED},   /* sanctions, boycott, embargo */
    {"137", ENT_PILLAR_SECURITY, NAMED},    /* repression */
    {"138", ENT_PILLAR_MILITARY, NAMED},    /* military force, blockade, WMD */
    /* 15 force posture: police is security, armed forces military */
    {"151", ENT_PILLAR_SECURITY, FIRM},
    {"153", ENT_PILLAR_SECURITY, FIRM},
    /* 16 reducing relations */
    {"162", ENT_PILLAR_OTHER, GENERAL}, /* cut aid, unspecified */
    {"1621", ENT_PILLAR_ECONOMIC, NAMED},
    {"1622", ENT_PILLAR_MILITARY, NAMED},
    {"1623", ENT_PILLAR_HUMANITARIAN, NAMED},
    {"163", ENT_PILLAR_ECONOMIC, NAMED},      /* sanctions, boycott, embargo */
    {"1661", ENT_PILLAR_MILITARY, NAMED},     /* expel peacekeepers */
    {"1663", ENT_PILLAR_HUMANITARIAN, NAMED}, /* expel aid agencies */
};

/* How strongly a tag claims an event. */
enum claim {
    DECIDES, /* NUCLEAR: every code but FIRM ones */
    STRONG,  /* overrides NAMED codes that no other tag agrees with, and GENERAL ones */
    WEAK     /* only GENERAL codes */
};

typedef struct tag_rule {
    const char *tag; /* as in data/dict/issues.ent */
    ent_pillar pillar;
    enum claim claim;
} tag_rule;

/*
 * Issue tags → pillar, in priority order: when several tags could decide, the first listed
 * wins. MILITARY comes before the economic tags so that an arms sale ("export", "weapon") is
 * military; NUCLEAR first so that "nuclear power plant" (NUCLEAR and ENERGY) is nuclear.
 * Tags not listed (SPACE, ELECTIONS, HUMAN_RIGHTS) leave the code's pillar alone.
 *
 * How to extend: when issues.ent gains a tag, add a row here with its pillar and claim;
 * STRONG only for tags as specific as ENERGY (a sentence about oil is about oil).
 */
static const tag_rule tag_rules[] = {
    {"NUCLEAR", ENT_PILLAR_NUCLEAR, DECIDES},
    {"MILITARY", ENT_PILLAR_MILITARY, WEAK},
    {"ENERGY", ENT_PILLAR_ECONOMIC, STRONG},
    {"TRADE", ENT_PILLAR_ECONOMIC, STRONG},
    {"FINANCE", ENT_PILLAR_ECONOMIC, STRONG},
    {"INTELLIGENCE", ENT_PILLAR_SECURITY, WEAK},
    {"CYBER", ENT_PILLAR_SECURITY, WEAK},
    {"TERRORISM", ENT_PILLAR_SECURITY, WEAK},
    {"HUMANITARIAN", ENT_PILLAR_HUMANITARIAN, WEAK},
    {"SANCTIONS", ENT_PILLAR_ECONOMIC, WEAK},
    {"TRANSPORT", ENT_PILLAR_ECONOMIC, WEAK},
};

#define NTAGS (sizeof tag_rules / sizeof *tag_rules)

static const char *const pillar_names[ENT_PILLAR_COUNT] = {
    "military", "economic", "nuclear", "diplomatic", "security", "humanitarian", "other",
};

static const code_rule *rule_for(const char *code)
{
    static const code_rule unknown = {"", ENT_PILLAR_OTHER, GENERAL};
    if (!code || !ent_cameo_is_code(code))
        return &unknown;
    for (size_t len = strlen(code); len >= 2; len--)
        for (size_t i = 0; i < sizeof code_rules / sizeof *code_rules; i++)
            if (strlen(code_rules[i].code) == len && strncmp(code_rules[i].code, code, len) == 0)
                return &code_rules[i];
    return &unknown;
}

static int upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

/* 1 when the n bytes at s spell name, ignoring case. */
static int same_word(const char *s, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!name[i] || upper((unsigned char)s[i]) != name[i])
            return 0;
    return name[n] == '\0';
}

/* Which of tag_rules appear in the comma-separated list, as a bit set by table index. */
static unsigned tags_present(const char *issues)
{
    unsigned set = 0;
    for (const char *p = issues; p && *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *end = p;
        while (*end && *end != ',')
            end++;
        size_t n = (size_t)(end - p);
        while (n && p[n - 1] == ' ')
            n--;
        for (size_t i = 0; n && i < NTAGS; i++)
            if (same_word(p, n, tag_rules[i].tag))
                set |= 1u << i;
        p = end;
    }
    return set;
}

ent_pillar ent_pillar_of(const char *event_code, const char *issues)
{
    const code_rule *rule = rule_for(event_code);
    if (rule->strength == FIRM)
        return rule->pillar;
    unsigned tags = tags_present(issues);
    for (size_t i = 0; i < NTAGS; i++)
        if ((tags >> i & 1) && tag_rules[i].claim == DECIDES)
            return tag_rules[i].pillar;
    if (rule->strength == NAMED) {
        /* A tag that agrees with the code confirms it: "military" and "export" in an arms
         * deal coded 0312 stay military. */
        for (size_t i = 0; i < NTAGS; i++)
            if ((tags >> i & 1) && tag_rules[i].pillar == rule->pillar)
                return rule->pillar;
        for (size_t i = 0; i < NTAGS; i++)
            if ((tags >> i & 1) && tag_rules[i].claim == STRONG)
                return tag_rules[i].pillar;
        return rule->pillar;
    }
    for (size_t i = 0; i < NTAGS; i++)
        if (tags >> i & 1)
            return tag_rules[i].pillar;
    return rule->pillar;
}

const char *ent_pillar_name(ent_pillar pillar)
{
    if ((int)pillar < 0 || pillar >= ENT_PILLAR_COUNT)
        return "invalid";
    return pillar_names[pillar];
}

int ent_pillar_parse(ent_pillar *out, const char *name)
{
    if (!name)
        return ENT_EINVAL;
    for (int i = 0; i < ENT_PILLAR_COUNT; i++) {
        size_t n = strlen(pillar_names[i]);
        if (strlen(name) != n)
            continue;
        size_t k = 0;
        while (k < n && upper((unsigned char)name[k]) == upper((unsigned char)pillar_names[i][k]))
            k++;
        if (k == n) {
            *out = (ent_pillar)i;
            return ENT_OK;
        }
    }
    return ENT_EINVAL;
}

ent_flow ent_pillar_flow(const char *event_code)
{
    if (!event_code || !ent_cameo_is_code(event_code) || event_code[0] != '0')
        return ENT_FLOW_NONE;
    if (event_code[1] == '6')
        return ENT_FLOW_MUTUAL;
    if (event_code[1] == '7')
        return ENT_FLOW_SOURCE_GIVES;
    return ENT_FLOW_NONE;
}
