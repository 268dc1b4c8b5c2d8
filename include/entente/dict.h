/*
 * entente dict — stage 3: actor, agent, verb-pattern, discard, issue and CAMEO dictionaries.
 *
 * Dictionaries are text files (docs/dictionary-format.md) compiled at load time into one
 * immutable ent_dict. A loaded ent_dict is never modified again, so every coding thread can
 * share one `const ent_dict *` without locks.
 */
#ifndef ENTENTE_DICT_H
#define ENTENTE_DICT_H

#include "common.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ent_dict ent_dict;

/*
 * Receives one diagnostic: a dictionary line that was skipped, or a warning. file and line
 * name the place (line 0 when there is no line). msg is a complete sentence without newline.
 */
typedef void (*ent_diag_fn)(void *ctx, const char *file, long line, const char *msg);

typedef struct ent_dict_options {
    int builtin;               /* load the built-in dictionaries (1 by default) */
    const char *const *files;  /* more .ent files, loaded after the built-in ones */
    size_t nfiles;
    const char *wordnet_dir;   /* see ent_lexicon_load(); NULL for the default */
    ent_diag_fn diag;          /* NULL: diagnostics are counted but not reported */
    void *diag_ctx;
} ent_dict_options;

#define ENT_DICT_OPTIONS_INIT {1, NULL, 0, NULL, NULL, NULL}

/* What a load read, for summaries and tests. */
typedef struct ent_dict_stats {
    size_t actor_codes;    /* distinct actor codes */
    size_t actor_phrases;  /* actor phrase lines × phrases */
    size_t agent_phrases;
    size_t verb_patterns;
    size_t discard_phrases;
    size_t issue_phrases;
    size_t cameo_codes;
    size_t negations;      /* event codes with a negation (@negations) */
    size_t transformations; /* @transformations */
    size_t lines_skipped;  /* malformed lines reported through diag */
    double load_ms;        /* wall time of ent_dict_load */
} ent_dict_stats;

/*
 * Loads and compiles the dictionaries. A malformed line is reported through opt->diag and
 * skipped; the load still succeeds. Returns ENT_OK, ENT_ENOMEM, ENT_ENOTFOUND or ENT_EIO
 * (a file that cannot be read). opt may be NULL for the defaults.
 * Caller frees with ent_dict_destroy().
 */
ENT_API int ent_dict_load(ent_dict **out, const ent_dict_options *opt);
ENT_API void ent_dict_destroy(ent_dict *dict);

ENT_API void ent_dict_stats_get(ent_dict_stats *out, const ent_dict *dict);

/* The lexicon the dictionary was compiled with. Borrowed; lives as long as dict. */
ENT_API const ent_lexicon *ent_dict_lexicon(const ent_dict *dict);

/*
 * The CAMEO code's Goldstein weight and label. Returns ENT_OK or ENT_ENOTFOUND. Either out
 * parameter may be NULL; *label is borrowed from dict.
 */
ENT_API int ent_dict_cameo(double *goldstein, const char **label, const ent_dict *dict,
                           const char *code);

/* Display name of an actor code ("Russia" for RUS, "Russia government" for RUSGOV), or NULL. */
ENT_API const char *ent_dict_actor_name(const ent_dict *dict, const char *code);

/*
 * Looks up a whole name, for datasets that name actors instead of coding them (ICEWS): the
 * actor (agent = 0) or agent (agent = 1) dictionary phrase that is exactly the ntok tokens
 * at tok (from ent_text_analyse() of the name; compared by case-folded form, capitalisation
 * is not checked) and is valid on date. As in the coder, a date-restricted actor line valid
 * on date wins over an undated line of the same phrase, and dated lines not valid on date
 * never match (with date ENT_DATE_NONE only undated lines do). On ENT_OK *code is the code
 * ("RUSGOV", "UNO", "MIL"), borrowed from dict. valid (may be NULL) receives the dates over
 * which the answer — found or not — stays the same: valid[0] is ENT_DATE_NONE when there is
 * no first date, valid[1] INT32_MAX when there is no last, so callers can cache answers.
 * Returns ENT_OK or ENT_ENOTFOUND.
 */
ENT_API int ent_dict_lookup_phrase(const char **code, ent_date valid[2], const ent_dict *dict,
                                   const ent_token *tok, size_t ntok, int agent, ent_date date);

#ifdef __cplusplus
}
#endif
#endif
