/*
 * entente coder — stage 4: a pure function from a document (text + date) to CAMEO events.
 *
 * An ent_coder holds one thread's scratch memory; the dictionary it codes with is shared
 * read-only. Coding is deterministic: the same document and dictionary give the same events
 * in the same order.
 */
#ifndef ENTENTE_CODER_H
#define ENTENTE_CODER_H

#include "common.h"
#include "dict.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ent_coder ent_coder;

/* A document to code. Nothing here is copied; it must stay valid during the call. */
typedef struct ent_doc {
    const char *id;    /* document id (NULL: "") */
    const char *text;  /* UTF-8, need not be NUL-terminated or valid */
    size_t len;
    ent_date date;     /* document date, or ENT_DATE_NONE: then looked for in the text */
    const char *url;   /* may be NULL */
    const char *title; /* may be NULL; coded as sentence 0 when present */
    /* Not used by the coder; carried from reader to store. May be NULL. */
    const char *source; /* outlet: a record's source field, an HTML page's site name */
    const char *byline; /* author(s), as given */
} ent_doc;

/* A byte span [start, end) of the analysed document text (see ent_coder_text()). */
typedef struct ent_span {
    uint32_t start, end;
} ent_span;

/* Quad classes, as in GDELT. */
typedef enum ent_quad {
    ENT_QUAD_VERBAL_COOP = 1,
    ENT_QUAD_MATERIAL_COOP = 2,
    ENT_QUAD_VERBAL_CONFLICT = 3,
    ENT_QUAD_MATERIAL_CONFLICT = 4
} ent_quad;

#define ENT_MAX_RULES 8

/* One coded event. All pointers are borrowed from the coder: valid until the next call. */
typedef struct ent_event {
    const char *doc_id;
    uint32_t sentence_index;  /* 0-based, in document order (the title, if any, is 0) */
    ent_date date;            /* event date: the document date moved by "on Friday" etc. */
    const char *source_code, *source_name;
    const char *target_code, *target_name;
    char event_code[5];       /* "057", "0311" */
    char event_base[4];       /* first three digits: "057", "031" */
    char event_root[3];       /* "05", "03" */
    double goldstein;
    int quad_class;           /* ent_quad */
    ent_span sentence, source, target, verb;
    const char *rules[ENT_MAX_RULES]; /* dictionary entries that fired, "file:line kind text" */
    int nrules;
    const char *issues;       /* issue tags, comma-separated ("NUCLEAR,ENERGY"), or "" */
} ent_event;

/* Why a document had problems; each is counted and the rest of the document still coded. */
typedef struct ent_doc_report {
    size_t sentences;
    size_t discarded;        /* sentences skipped by a discard phrase */
    size_t invalid_utf8;     /* invalid byte sequences replaced by U+FFFD */
    size_t first_invalid;    /* byte offset of the first one */
    int date_source;         /* 0 none, 1 given, 2 found in the text */
} ent_doc_report;

/* dict is borrowed and must outlive the coder. Caller frees with ent_coder_destroy(). */
ENT_API int ent_coder_create(ent_coder **out, const ent_dict *dict);
ENT_API void ent_coder_destroy(ent_coder *coder);

/*
 * Codes one document. *events receives an array of *count events, borrowed until the next
 * call on this coder. report may be NULL. Returns ENT_OK or ENT_ENOMEM / ENT_EINVAL.
 */
ENT_API int ent_coder_code(const ent_event **events, size_t *count, ent_coder *coder,
                           const ent_doc *doc, ent_doc_report *report);

/* The analysed text of the last document, which event spans index. Borrowed. */
ENT_API const char *ent_coder_text(const ent_coder *coder, size_t *len);

/*
 * Turns on a human-readable trace of every decision (tokens and tags, actor matches, verb
 * groups, subjects, patterns tried, events) for the following calls; fn receives each line
 * without a newline. NULL turns it off.
 */
ENT_API void ent_coder_set_trace(ent_coder *coder, void (*fn)(void *ctx, const char *line),
                                 void *ctx);

/*
 * How a reported future action is coded: "Iran will sign", "Russia is expected to sign",
 * "is about to sign". ENT_FUTURE_INTENT (the default): as the CAMEO intention to act (036 for
 * a meeting, 0311 for material cooperation...) or, for force, the threat (13x).
 * ENT_FUTURE_EVENT: as the action itself, the way TABARI and PETRARCH code it, for output
 * comparable with theirs (their test suites expect it). Verbs of intention ("promised to
 * sign") make an intention either way: they say what the actor intends, not what will happen.
 */
typedef enum ent_future { ENT_FUTURE_INTENT, ENT_FUTURE_EVENT } ent_future;

ENT_API void ent_coder_set_future(ent_coder *coder, ent_future mode);

/*
 * Default actors (TABARI's DEFAULT option), for a corpus whose texts are one actor's (a
 * ministry's statements: "condemned the attack" is that ministry's): source codes an event
 * whose verb has no source actor before it, target one with no target after it (and then,
 * rather than its members acting on each other, a compound acts on the default target).
 * NULL or "" for none, the default. Returns ENT_OK, or ENT_EINVAL when a code is not one
 * actor code (three to fifteen of A-Z and 0-9); nothing is changed then.
 */
ENT_API int ent_coder_set_defaults(ent_coder *coder, const char *source, const char *target);

/* 1 when code is an event code: 2 to 4 digits ("04", "057", "0311"), or 3 digits and a capital
 * letter, a dictionary's refinement of a CAMEO code ("174K", as TABARI writes them), which
 * counts as its first three digits wherever codes are grouped. */
ENT_API int ent_cameo_is_code(const char *code);

/* The CAMEO quad class of a root code ("01".."20"), or 0. */
ENT_API int ent_cameo_quad_class(const char *root);

#ifdef __cplusplus
}
#endif
#endif
