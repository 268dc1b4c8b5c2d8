/*
 * entente registry — stage 6 (analysis): formal agreements between states and what they
 * oblige, and the cooperation pillar of a coded event. `entente report A B` uses both for
 * "formal agreements and what they oblige" and "pillars: military and economic".
 *
 * The treaty registry is a TSV table (docs/registry.md): entente ships one, compiled into
 * the library (data/registry/treaties.tsv), and users may pass their own file in the same
 * format. Each agreement carries ATOP-style obligation flags — defence, offence,
 * neutrality, non-aggression, consultation — each 1, 0 or unknown, so a report can say
 * "commits neither side to mutual defence" and show where that comes from.
 *
 * A loaded ent_registry is never modified, so threads may share a `const ent_registry *`.
 */
#ifndef ENTENTE_REGISTRY_H
#define ENTENTE_REGISTRY_H

#include "common.h"
#include "dict.h" /* ent_diag_fn */

#ifdef __cplusplus
extern "C" {
#endif

/* ==== treaty registry (src/analysis/registry.c) ==== */

/* Value of an obligation flag: the column held 1, 0, or was empty (not recorded). */
enum { ENT_OBLIG_NO = 0, ENT_OBLIG_YES = 1, ENT_OBLIG_UNKNOWN = -1 };

/*
 * One agreement. Every pointer is borrowed from the registry and lives until
 * ent_registry_destroy(). Text columns that were empty are "" (never NULL).
 */
typedef struct ent_treaty {
    const char *id;             /* "ir-ru-2025": unique in the registry */
    const char *name;           /* official title, or the usual one */
    ent_date signed_on;         /* date of signature (always known) */
    ent_date in_force;          /* ENT_DATE_NONE: not in force, or the date is not recorded */
    const char *duration;       /* "20y+5y auto", "indefinite", or "" when not recorded */
    const char *const *parties; /* nparties codes: ISO alpha-3 ("IRN") or IGO ("EUR") */
    size_t nparties;
    /* ATOP-style obligations, each ENT_OBLIG_YES, ENT_OBLIG_NO or ENT_OBLIG_UNKNOWN: */
    int defence;            /* to help a party that is attacked */
    int offence;            /* to join military action even when no party was attacked */
    int neutrality;         /* not to help a state that attacks or fights a party */
    int nonaggression;      /* not to attack or use force against one another */
    int consultation;       /* to consult when a crisis threatens a party */
    const char *conditions; /* what the text obliges and excludes, in a sentence or two */
    const char *source;     /* where the facts are documented */
    const char *file;       /* where the row came from ("registry/treaties.tsv" or the path) */
    long line;              /* and its line, for evidence citations */
} ent_treaty;

typedef struct ent_registry ent_registry;

/*
 * Loads a registry: the TSV file at path, or the built-in table when path is NULL.
 * A malformed line (wrong column count, bad date, a flag other than 0, 1 or empty, a
 * duplicate id, …) is reported through diag (may be NULL) with its file and line, and
 * skipped; the other lines still load. Returns ENT_OK, ENT_ENOTFOUND (no such file; the
 * built-in table missing from the build), ENT_EIO, ENT_EPARSE (no header line, or one that
 * does not name the expected columns: the file is not a registry) or ENT_ENOMEM; diag
 * hears of every failure but ENT_ENOMEM. Treaties are kept in signing order (ties in file
 * order). Caller frees with ent_registry_destroy().
 */
ENT_API int ent_registry_load(ent_registry **out, const char *path, ent_diag_fn diag,
                              void *diag_ctx);
ENT_API void ent_registry_destroy(ent_registry *reg);

/* Number of treaties loaded, and of lines reported and skipped during the load. */
ENT_API size_t ent_registry_count(const ent_registry *reg);
ENT_API size_t ent_registry_skipped(const ent_registry *reg);

/* The i-th treaty in signing order (i < ent_registry_count()), or NULL. Borrowed. */
ENT_API const ent_treaty *ent_registry_get(const ent_registry *reg, size_t i);

/* The treaty with that id, or NULL. Borrowed. */
ENT_API const ent_treaty *ent_registry_find(const ent_registry *reg, const char *id);

/*
 * 1 when actor is a party to t: a party code matches the same code and any actor code that
 * extends it by three-letter role codes ("IRN" matches "IRN", "IRNGOV", "IRNMILGOV"; not
 * "IRQ"), compared case-insensitively. 0 otherwise, also for a NULL or empty actor.
 */
ENT_API int ent_registry_has_party(const ent_treaty *t, const char *actor);

/*
 * The treaties to which both a and b are parties (see ent_registry_has_party()), in signing
 * order. Writes the index (for ent_registry_get()) of the first min(count, cap) of them into
 * idx, which may be NULL when cap is 0, and returns count, the number of such treaties, so a
 * caller can size its array with a first call.
 */
ENT_API size_t ent_registry_between(size_t *idx, size_t cap, const ent_registry *reg, const char *a,
                                    const char *b);

/*
 * States what t obliges in one or two English sentences for a report, e.g. "Commits
 * neither side to mutual defence; each party undertakes not to help an aggressor against
 * the other; the parties are to consult when a crisis threatens one of them. Not recorded:
 * non-aggression." Writes at most size bytes including the NUL into buf (truncating like
 * snprintf; buf may be NULL when size is 0) and returns the length of the whole sentence,
 * so a return value >= size means it was cut.
 */
ENT_API size_t ent_registry_obligations(char *buf, size_t size, const ent_treaty *t);

/* ==== cooperation pillars (src/analysis/pillar.c) ==== */

/* What an event's cooperation (or conflict) is about. */
typedef enum ent_pillar {
    ENT_PILLAR_MILITARY = 0, /* arms, exercises, military aid, armed force */
    ENT_PILLAR_ECONOMIC,     /* trade, energy, finance, economic aid, sanctions */
    ENT_PILLAR_NUCLEAR,      /* nuclear programmes, reactors, inspections */
    ENT_PILLAR_DIPLOMATIC,   /* statements, visits, talks, agreements not otherwise placed */
    ENT_PILLAR_SECURITY,     /* intelligence, law enforcement, terrorism, coercion */
    ENT_PILLAR_HUMANITARIAN, /* humanitarian aid and access, refugees, asylum */
    ENT_PILLAR_OTHER,        /* protests, unknown codes, unplaced material cooperation */
    ENT_PILLAR_COUNT
} ent_pillar;

/*
 * The pillar of an event from its CAMEO code ("0311", "057", "1056", "163"; NULL or unknown
 * codes are treated as unplaced) and its issue tags ("NUCLEAR,ENERGY", as the coder emits
 * them; may be NULL or ""). The rules, in order (docs/registry.md has the tables):
 *   1. armed force and coercion (CAMEO 15, 17–20) keep the code's pillar whatever the tags;
 *   2. the NUCLEAR tag gives nuclear;
 *   3. a code that names a pillar (0311 economic, 0312 military, 073 humanitarian…) keeps
 *      it when a tag agrees with it; otherwise ENERGY, TRADE or FINANCE give economic;
 *      otherwise the code's pillar stands;
 *   4. a general code (statements, talks, 057 sign agreement, 060 cooperate) takes the
 *      pillar of its first tag in the order MILITARY, ENERGY, TRADE, FINANCE, INTELLIGENCE,
 *      CYBER, TERRORISM, HUMANITARIAN, SANCTIONS, TRANSPORT, or else the code's default.
 */
ENT_API ent_pillar ent_pillar_of(const char *event_code, const char *issues);

/* "military", "economic", "nuclear", "diplomatic", "security", "humanitarian", "other";
 * "invalid" for a value out of range. Static. */
ENT_API const char *ent_pillar_name(ent_pillar pillar);

/* The pillar named name (as ent_pillar_name() writes it, any case). Returns ENT_OK or
 * ENT_EINVAL. */
ENT_API int ent_pillar_parse(ent_pillar *out, const char *name);

/* Who gives what in a material cooperation event, for the asymmetry figure. */
typedef enum ent_flow {
    ENT_FLOW_NONE = 0,     /* not a transfer: words, intentions, conflict */
    ENT_FLOW_SOURCE_GIVES, /* 07x provide aid: the source gives, the target receives */
    ENT_FLOW_MUTUAL        /* 06x material cooperation: each side gives and receives */
} ent_flow;

/* The flow of an event with that CAMEO code (NULL: ENT_FLOW_NONE). */
ENT_API ent_flow ent_pillar_flow(const char *event_code);

#ifdef __cplusplus
}
#endif
#endif
