/*
 * entente plover — stage 4's second ontology: maps CAMEO event codes to PLOVER, the event
 * ontology that succeeds CAMEO (16 event types such as AGREE, REQUEST, ASSAULT, refined by a
 * mode and one or more contexts).
 *
 * The mapping is the table data/plover/cameo-plover.tsv, compiled into the library and read
 * once, on first use, by whichever thread gets there first (the functions are thread-safe).
 * It follows the published CAMEO-to-PLOVER table of PLOVER draft 0.8 (2021); docs/plover.md
 * lists the choices entente made where that table is irregular. Event type names are PLOVER
 * 0.8 names; ent_plover_event_name() translates the older 0.5b1 names.
 */
#ifndef ENTENTE_PLOVER_H
#define ENTENTE_PLOVER_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Number of PLOVER 0.8 event types. */
#define ENT_PLOVER_NEVENTS 16

/*
 * One mapping. Strings are static (borrowed from the built-in table, valid for the life of
 * the program); NULL means "none".
 */
typedef struct ent_plover {
    const char *event;   /* PLOVER 0.8 event type ("AGREE"), NULL when the code is not mapped */
    const char *mode;    /* PLOVER mode ("phone"), or NULL */
    const char *context; /* PLOVER context, several joined by ", " ("legal, military"), or NULL */
    const char *cameo;   /* the table's code that matched: cameo_code itself or its longest
                            listed prefix ("0315" matches "031"); NULL when not mapped */
} ent_plover;

/*
 * Maps a CAMEO code ("057", "0311", "19", "174K") to PLOVER: the row of the code's
 * longest prefix in the table wins (0311 before 031 before 03). Returns
 *   ENT_OK         *out is filled;
 *   ENT_ENOTFOUND  the code has no PLOVER type: CAMEO 01 (statements) and 02 (appeals),
 *                  which PLOVER dropped, and roots above 20; *out is all NULL;
 *   ENT_EINVAL     cameo_code is NULL or not an event code (ent_cameo_is_code); *out is
 *                  all NULL;
 *   ENT_ENOMEM / ENT_EINTERNAL  the built-in table could not be read (out of memory, or a
 *                  malformed table: a bug).
 */
ENT_API int ent_plover_map(ent_plover *out, const char *cameo_code);

/* The number of rows of the built-in table (each a CAMEO code). Returns ENT_OK, or the
 * error of reading the table (see ent_plover_map). */
ENT_API int ent_plover_count(size_t *out);

/* Row i (i < the count) of the built-in table, in CAMEO code order; out->cameo is the row's
 * code. Returns ENT_OK, ENT_EINVAL when i is out of range, or the error of reading the
 * table. */
ENT_API int ent_plover_row(ent_plover *out, size_t i);

/*
 * The PLOVER 0.8 name of an event type given by its 0.8 name or its older 0.5b1 name:
 * DEMAND → REQUEST, DISAPPROVE → ACCUSE, INVESTIGATE → ACCUSE, FIGHT → ASSAULT, and the 0.8
 * names themselves (case matters). NULL for anything else (such as the GSR's DOCUMENT).
 * Static.
 */
ENT_API const char *ent_plover_event_name(const char *name);

/* The i-th PLOVER 0.8 event type (i < ENT_PLOVER_NEVENTS) in the PLOVER order AGREE …
 * ASSAULT, or NULL. Static. */
ENT_API const char *ent_plover_event_type(int i);

#ifdef __cplusplus
}
#endif
#endif
