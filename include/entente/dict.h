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

#ifdef __cplusplus
}
#endif
#endif
