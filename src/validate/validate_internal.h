/*
 * validate — what the suite readers (petrarch.c, tabari.c) share with suite.c: the suite
 * under construction and the helpers that copy into its arena.
 */
#ifndef ENTENTE_VALIDATE_INTERNAL_H
#define ENTENTE_VALIDATE_INTERNAL_H

#include "entente/validate.h"
#include "util/arena.h"

struct ent_suite {
    ent_arena arena; /* every string and triple of the suite */
    int format;
    const char *path;
    const char *dir; /* the suite file's folder, for its dictionaries ("." when none) */
    ent_suite_record *records;
    size_t nrecords, records_cap;
    ent_suite_dict *dicts;
    size_t ndicts, dicts_cap;
    ent_suite_option *options;
    size_t noptions, options_cap;
    const char *include;
    const char *stop_id;
    size_t after_stop;
    size_t distinct_ids;
    /* TABARI state that lasts across the text files of a project */
    int yyyy;    /* SET: YYYY = TRUE: dates have 8 digits */
    char forward[32]; /* FORWARD: the mask ("^^*****NNN*SSS"), or "" when off */
    const char *default_actor[2]; /* DEFAULT: source and target, or NULL */
    int stopped; /* FINAL-01 was read */
    ent_diag_fn diag;
    void *diag_ctx;
};

/* A copy of len bytes plus a NUL in the suite's arena, or NULL when out of memory. */
const char *ent_validate__strndup(ent_suite *s, const char *str, size_t len);

/* A copy with every run of white space made one space and both ends trimmed; *out_len gets
 * its length. NULL when out of memory. */
const char *ent_validate__collapse(ent_suite *s, const char *str, size_t len, size_t *out_len);

/* Appends a record; its strings must already be in the arena, and events (n of them) are
 * copied. Returns ENT_OK or ENT_ENOMEM. */
int ent_validate__add_record(ent_suite *s, const ent_suite_record *r, const ent_triple *events,
                             size_t n);

/* Appends a named dictionary (copied). Returns ENT_OK or ENT_ENOMEM. */
int ent_validate__add_dict(ent_suite *s, const char *role, const char *name, size_t len);

/* Appends an option (copied) that applies from record `before` on. */
int ent_validate__add_option(ent_suite *s, long line, size_t before, const char *text, size_t len,
                             int applied);

/* Reports through the suite's diag: "msg" about file:line. */
void ent_validate__diag(ent_suite *s, const char *file, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* The readers: append the records of data (a file named name) to s. */
int ent_validate__petrarch_parse(ent_suite *s, const char *name, const char *data, size_t len);
int ent_validate__tabari_parse(ent_suite *s, const char *name, const char *data, size_t len);

#endif
