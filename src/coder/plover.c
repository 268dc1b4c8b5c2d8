/*
 * coder — stage 4's PLOVER mapping (include/entente/plover.h, docs/plover.md): CAMEO codes
 * to PLOVER event types, modes and contexts, from the built-in table
 * data/plover/cameo-plover.tsv.
 *
 * The table is read once per process, on first use (pthread_once, so coder threads may race
 * to it): one copy of the file is cut into fields in place and the rows sorted by code, so
 * every string handed out points into that copy, which lives until exit. The table is
 * entente's own data, so anything malformed in it is a bug (ENT_EINTERNAL), never skipped.
 */
#include "entente/coder.h"
#include "entente/plover.h"

#include "util/embedded.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_NAME "plover/cameo-plover.tsv"
#define TABLE_HEADER "cameo\tevent\tmode\tcontext"

/* PLOVER 0.8's event types in the order of its codebook: verbal and material cooperation,
 * verbal and material conflict. Table rows point at these names. */
static const char *const event_types[ENT_PLOVER_NEVENTS] = {
    "AGREE",  "CONSULT", "SUPPORT",  "CONCEDE", "COOPERATE", "AID",      "RETREAT", "REQUEST",
    "ACCUSE", "REJECT",  "THREATEN", "PROTEST", "SANCTION",  "MOBILIZE", "COERCE",  "ASSAULT",
};

/* Event types renamed or merged between PLOVER 0.5b1 (2016, the gold standard records) and
 * 0.8 (2021). To support another version, add its old names here. */
static const struct {
    const char *old_name, *name;
} renamed[] = {
    {"DEMAND", "REQUEST"},
    {"DISAPPROVE", "ACCUSE"},
    {"INVESTIGATE", "ACCUSE"},
    {"FIGHT", "ASSAULT"},
};

typedef struct row {
    const char *cameo, *event, *mode, *context; /* mode and context NULL when empty */
} row;

static struct {
    char *text; /* the table file, cut into NUL-terminated fields */
    row *rows;  /* sorted by cameo */
    size_t count;
    int status; /* ENT_OK once read, or why it could not be */
} table;

static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* ---------------------------------------------------------------- reading ---- */

static const char *find_event_type(const char *name)
{
    for (int i = 0; i < ENT_PLOVER_NEVENTS; i++)
        if (strcmp(event_types[i], name) == 0)
            return event_types[i];
    return NULL;
}

static int compare_rows(const void *a, const void *b)
{
    return strcmp(((const row *)a)->cameo, ((const row *)b)->cameo);
}

/* Cuts line (NUL-terminated) at its TABs into exactly n fields. Returns 0 or -1. */
static int split(char **fields, int n, char *line)
{
    for (int i = 0; i < n; i++) {
        fields[i] = line;
        char *tab = strchr(line, '\t');
        if (i + 1 < n) {
            if (!tab)
                return -1;
            *tab = '\0';
            line = tab + 1;
        } else if (tab) {
            return -1;
        }
    }
    return 0;
}

static int read_table(void)
{
    const struct ent_embedded_file *f = ent__embedded_find(TABLE_NAME);
    if (!f)
        return ENT_EINTERNAL;
    table.text = malloc(f->len + 1);
    /* Every line could be a row: an upper bound, so the array is allocated once. */
    size_t lines = 1;
    for (size_t i = 0; i < f->len; i++)
        lines += f->data[i] == '\n';
    table.rows = malloc(lines * sizeof *table.rows);
    if (!table.text || !table.rows)
        return ENT_ENOMEM;
    memcpy(table.text, f->data, f->len);
    table.text[f->len] = '\0';

    int header = 0;
    char *next = table.text;
    while (next) {
        char *line = next;
        char *nl = strchr(line, '\n');
        next = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        if (!header) {
            if (strcmp(line, TABLE_HEADER) != 0)
                return ENT_EINTERNAL;
            header = 1;
            continue;
        }
        char *fields[4];
        if (split(fields, 4, line) < 0 || !ent_cameo_is_code(fields[0]))
            return ENT_EINTERNAL;
        row *r = &table.rows[table.count++];
        r->cameo = fields[0];
        if (!(r->event = find_event_type(fields[1])))
            return ENT_EINTERNAL;
        r->mode = fields[2][0] ? fields[2] : NULL;
        r->context = fields[3][0] ? fields[3] : NULL;
    }
    if (!header || table.count == 0)
        return ENT_EINTERNAL;
    qsort(table.rows, table.count, sizeof *table.rows, compare_rows);
    for (size_t i = 1; i < table.count; i++)
        if (strcmp(table.rows[i - 1].cameo, table.rows[i].cameo) == 0)
            return ENT_EINTERNAL; /* one mapping per code, or "most specific" is ambiguous */
    return ENT_OK;
}

static void load_once(void)
{
    table.status = read_table();
    if (table.status != ENT_OK) {
        free(table.rows);
        free(table.text);
        table.rows = NULL;
        table.text = NULL;
        table.count = 0;
    }
}

static int load(void)
{
    pthread_once(&table_once, load_once);
    return table.status;
}

/* ---------------------------------------------------------------- lookups ---- */

static void clear(ent_plover *out)
{
    out->event = out->mode = out->context = out->cameo = NULL;
}

static void fill(ent_plover *out, const row *r)
{
    out->event = r->event;
    out->mode = r->mode;
    out->context = r->context;
    out->cameo = r->cameo;
}

int ent_plover_map(ent_plover *out, const char *cameo_code)
{
    clear(out);
    if (!cameo_code || !ent_cameo_is_code(cameo_code))
        return ENT_EINVAL;
    int rc = load();
    if (rc != ENT_OK)
        return rc;
    char key[5];
    size_t n = strlen(cameo_code);
    memcpy(key, cameo_code, n + 1);
    for (; n >= 2; key[--n] = '\0') {
        row probe = {key, NULL, NULL, NULL};
        const row *r = bsearch(&probe, table.rows, table.count, sizeof *table.rows, compare_rows);
        if (r) {
            fill(out, r);
            return ENT_OK;
        }
    }
    return ENT_ENOTFOUND;
}

int ent_plover_count(size_t *out)
{
    int rc = load();
    *out = table.count;
    return rc;
}

int ent_plover_row(ent_plover *out, size_t i)
{
    clear(out);
    int rc = load();
    if (rc != ENT_OK)
        return rc;
    if (i >= table.count)
        return ENT_EINVAL;
    fill(out, &table.rows[i]);
    return ENT_OK;
}

const char *ent_plover_event_name(const char *name)
{
    if (!name)
        return NULL;
    const char *type = find_event_type(name);
    if (type)
        return type;
    for (size_t i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
        if (strcmp(renamed[i].old_name, name) == 0)
            return find_event_type(renamed[i].name);
    return NULL;
}

const char *ent_plover_event_type(int i)
{
    return i >= 0 && i < ENT_PLOVER_NEVENTS ? event_types[i] : NULL;
}
