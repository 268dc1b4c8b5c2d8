/*
 * analysis — stage 6: the treaty registry (include/entente/registry.h, docs/registry.md).
 * Reads the TSV table of formal agreements, built-in or the user's, checks every field,
 * and answers "which agreements bind A and B, and what do they oblige?" for reports.
 *
 * The loader keeps one copy of the file and cuts it into fields in place (tabs and commas
 * become NULs), so a treaty's strings are pointers into that copy and the registry frees
 * three blocks whatever its size.
 */
#include "entente/registry.h"
#include "util/diag.h"
#include "util/file.h"

#include "util/buf.h"
#include "util/embedded.h"
#include "util/vec.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUILTIN_NAME "registry/treaties.tsv"

/* The columns, in file order. A file's header line must name exactly these. */
enum column {
    COL_ID,
    COL_NAME,
    COL_SIGNED,
    COL_IN_FORCE,
    COL_DURATION,
    COL_PARTIES,
    COL_DEFENCE,
    COL_OFFENCE,
    COL_NEUTRALITY,
    COL_NONAGGRESSION,
    COL_CONSULTATION,
    COL_CONDITIONS,
    COL_SOURCE,
    NCOLUMNS
};

static const char *const column_names[NCOLUMNS] = {
    "id",      "name",       "signed",        "in_force",     "duration",   "parties", "defence",
    "offence", "neutrality", "nonaggression", "consultation", "conditions", "source",
};

struct ent_registry {
    char *text; /* the file, cut into NUL-terminated fields */
    char *file; /* name used in diagnostics and ent_treaty.file */
    ent_treaty *items;
    size_t count, cap;
    const char **parties; /* every treaty's party codes, one run per treaty */
    size_t nparties, parties_cap;
    size_t *first_party; /* while loading: where each treaty's run starts */
    size_t first_cap;
    size_t skipped;
    ent_diag_fn diag;
    void *diag_ctx;
    long line;
};

static void report(ent_registry *r, const char *fmt, ...) ENT_PRINTF(2, 3);

/* Reports a problem with the current line; the caller skips the line. */
static void report(ent_registry *r, const char *fmt, ...)
{
    r->skipped++;
    va_list ap;
    va_start(ap, fmt);
    ent__vdiagf(r->diag, r->diag_ctx, r->file, r->line, fmt, ap);
    va_end(ap);
}

/* ------------------------------------------------------------------ fields ---- */

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Trims spaces at both ends of a NUL-terminated field in place; returns its new start. */
static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = '\0';
    return s;
}

static int upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

/* A date column: exactly YYYY-MM-DD, a real calendar day. */
static int parse_date(ent_date *out, const char *s)
{
    return strlen(s) == 10 && ent_date_parse(out, s, 10) == ENT_OK;
}

static int valid_id(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_' || *s == '.'))
            return 0;
    return 1;
}

/* A party: an actor code as in the dictionaries, 3 to 15 of A-Z and 0-9. */
static int valid_code(const char *s)
{
    size_t n = strlen(s);
    if (n < 3 || n > 15)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
            return 0;
    return 1;
}

static int parse_flag(int *out, const char *s)
{
    if (!*s)
        *out = ENT_OBLIG_UNKNOWN;
    else if (strcmp(s, "1") == 0)
        *out = ENT_OBLIG_YES;
    else if (strcmp(s, "0") == 0)
        *out = ENT_OBLIG_NO;
    else
        return 0;
    return 1;
}

static const ent_treaty *find_id(const ent_registry *r, const char *id)
{
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->items[i].id, id) == 0)
            return &r->items[i];
    return NULL;
}

/* Cuts the comma-separated parties column and appends its codes to r->parties. Returns 1,
 * 0 after reporting a bad column (nothing is kept), or -1 when out of memory. */
static int parse_parties(ent_registry *r, char *s, size_t *first, size_t *n)
{
    *first = r->nparties;
    *n = 0;
    for (char *p = s;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        char *code = trim(p);
        if (!valid_code(code)) {
            report(r, "party '%.20s' is not a country or organisation code (3-15 of A-Z, 0-9)",
                   code);
            r->nparties = *first;
            return 0;
        }
        for (size_t i = 0; i < *n; i++)
            if (strcmp(r->parties[*first + i], code) == 0) {
                report(r, "party %s is listed twice", code);
                r->nparties = *first;
                return 0;
            }
        if (ent_vec_reserve((void **)&r->parties, &r->parties_cap, r->nparties + 1,
                            sizeof *r->parties))
            return -1;
        r->parties[r->nparties++] = code;
        (*n)++;
        if (!comma)
            break;
        p = comma + 1;
    }
    if (*n < 2) {
        report(r, "an agreement needs at least two parties");
        r->nparties = *first;
        return 0;
    }
    return 1;
}

/* Parses one data line (NUL-terminated, no newline). Returns 0, or -1 when out of memory. */
static int parse_row(ent_registry *r, char *line)
{
    char *f[NCOLUMNS];
    size_t n = 1;
    for (char *p = line; *p; p++)
        if (*p == '\t')
            n++;
    if (n != NCOLUMNS) {
        report(r, "expected %d TAB-separated columns, found %zu", NCOLUMNS, n);
        return 0;
    }
    f[0] = line;
    for (size_t i = 1; i < NCOLUMNS; i++) {
        char *tab = strchr(f[i - 1], '\t');
        *tab = '\0';
        f[i] = tab + 1;
    }
    for (size_t i = 0; i < NCOLUMNS; i++)
        f[i] = trim(f[i]);

    ent_treaty t;
    memset(&t, 0, sizeof t);
    t.id = f[COL_ID];
    t.name = f[COL_NAME];
    t.duration = f[COL_DURATION];
    t.conditions = f[COL_CONDITIONS];
    t.source = f[COL_SOURCE];
    t.file = r->file;
    t.line = r->line;
    if (!valid_id(t.id)) {
        report(r, "id '%.40s' is empty or not made of letters, digits, '-', '_' and '.'", t.id);
        return 0;
    }
    if (find_id(r, t.id)) {
        report(r, "id '%s' is already used (line %ld)", t.id, find_id(r, t.id)->line);
        return 0;
    }
    if (!*t.name) {
        report(r, "%s: the name column is empty", t.id);
        return 0;
    }
    if (!parse_date(&t.signed_on, f[COL_SIGNED])) {
        report(r, "%s: signed '%.20s' is not a date (YYYY-MM-DD)", t.id, f[COL_SIGNED]);
        return 0;
    }
    t.in_force = ENT_DATE_NONE;
    if (*f[COL_IN_FORCE] && !parse_date(&t.in_force, f[COL_IN_FORCE])) {
        report(r, "%s: in_force '%.20s' is not a date (YYYY-MM-DD) or empty", t.id,
               f[COL_IN_FORCE]);
        return 0;
    }
    if (t.in_force != ENT_DATE_NONE && t.in_force < t.signed_on) {
        report(r, "%s: in_force %s is before signed %s", t.id, f[COL_IN_FORCE], f[COL_SIGNED]);
        return 0;
    }
    int *flags[] = {&t.defence, &t.offence, &t.neutrality, &t.nonaggression, &t.consultation};
    for (int i = 0; i < 5; i++)
        if (!parse_flag(flags[i], f[COL_DEFENCE + i])) {
            report(r, "%s: %s '%.20s' must be 0, 1 or empty (not recorded)", t.id,
                   column_names[COL_DEFENCE + i], f[COL_DEFENCE + i]);
            return 0;
        }
    size_t first, np;
    int rc = parse_parties(r, f[COL_PARTIES], &first, &np);
    if (rc <= 0)
        return rc;
    t.nparties = np;
    if (ent_vec_reserve((void **)&r->items, &r->cap, r->count + 1, sizeof *r->items) ||
        ent_vec_reserve((void **)&r->first_party, &r->first_cap, r->count + 1,
                        sizeof *r->first_party))
        return -1;
    r->first_party[r->count] = first;
    r->items[r->count++] = t;
    return 0;
}

/* 1 when the line is the header: the column names, TAB-separated, in order. */
static int is_header(char *line)
{
    char *p = line;
    for (int i = 0; i < NCOLUMNS; i++) {
        size_t n = strlen(column_names[i]);
        if (strncmp(p, column_names[i], n) != 0)
            return 0;
        p += n;
        while (*p == ' ')
            p++;
        if (i < NCOLUMNS - 1 && *p++ != '\t')
            return 0;
    }
    return *p == '\0';
}

static int parse_text(ent_registry *r, size_t len)
{
    char *s = r->text;
    int header = 0;
    r->line = 0;
    size_t pos = 0;
    while (pos < len) {
        char *line = s + pos;
        char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        r->line++;
        line[n] = '\0'; /* the newline, or the NUL after the copy */
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        size_t lead = 0;
        while (lead < n && is_blank(line[lead]))
            lead++;
        if (lead == n || line[lead] == '#')
            continue;
        if (!header) {
            /* Anything else first (a binary file, a CSV) is not a registry: one report. */
            if (strlen(line) != n || !is_header(line)) {
                report(r, "the first line that is not a comment must be the header: id, name, "
                          "signed, in_force, duration, parties, defence, offence, neutrality, "
                          "nonaggression, consultation, conditions, source (TAB-separated)");
                return ENT_EPARSE;
            }
            header = 1;
            continue;
        }
        if (strlen(line) != n) {
            report(r, "NUL byte in line");
            continue;
        }
        if (ent_utf8_invalid(line, n, NULL)) {
            report(r, "invalid UTF-8");
            continue;
        }
        if (parse_row(r, line) < 0)
            return ENT_ENOMEM;
    }
    if (!header) {
        r->line = 0;
        report(r, "no header line: the file is empty or only comments");
        return ENT_EPARSE;
    }
    return ENT_OK;
}

/* ------------------------------------------------------------------ loading ---- */

static int by_signing(const void *va, const void *vb)
{
    const ent_treaty *a = va, *b = vb;
    if (a->signed_on != b->signed_on)
        return a->signed_on < b->signed_on ? -1 : 1;
    return (a->line > b->line) - (a->line < b->line);
}

int ent_registry_load(ent_registry **out, const char *path, ent_diag_fn diag, void *diag_ctx)
{
    *out = NULL;
    ent_registry *r = calloc(1, sizeof *r);
    if (!r)
        return ENT_ENOMEM;
    r->diag = diag;
    r->diag_ctx = diag_ctx;
    r->file = strdup(path ? path : BUILTIN_NAME);
    if (!r->file) {
        free(r);
        return ENT_ENOMEM;
    }
    size_t len = 0;
    int rc = ENT_OK;
    if (!path) {
        const struct ent_embedded_file *f = ent__embedded_find(BUILTIN_NAME);
        if (!f) {
            report(r, "the built-in treaty registry is missing from this build");
            rc = ENT_ENOTFOUND;
        } else if (!(r->text = malloc(f->len + 1))) {
            rc = ENT_ENOMEM;
        } else {
            memcpy(r->text, f->data, f->len);
            r->text[f->len] = '\0';
            len = f->len;
        }
    } else {
        rc = ent__read_file(&r->text, &len, path);
        if (rc == ENT_ENOTFOUND || rc == ENT_EIO)
            report(r, "cannot read: %s", strerror(errno));
    }
    if (rc == ENT_OK)
        rc = parse_text(r, len);
    if (rc != ENT_OK) {
        ent_registry_destroy(r);
        return rc;
    }
    /* The parties array has stopped moving: point each treaty at its run. */
    for (size_t i = 0; i < r->count; i++)
        r->items[i].parties = r->parties + r->first_party[i];
    free(r->first_party);
    r->first_party = NULL;
    if (r->count)
        qsort(r->items, r->count, sizeof *r->items, by_signing);
    *out = r;
    return ENT_OK;
}

void ent_registry_destroy(ent_registry *reg)
{
    if (!reg)
        return;
    free(reg->text);
    free(reg->file);
    free(reg->items);
    free(reg->parties);
    free(reg->first_party);
    free(reg);
}

/* ------------------------------------------------------------------ queries ---- */

size_t ent_registry_count(const ent_registry *reg)
{
    return reg ? reg->count : 0;
}

size_t ent_registry_skipped(const ent_registry *reg)
{
    return reg ? reg->skipped : 0;
}

const ent_treaty *ent_registry_get(const ent_registry *reg, size_t i)
{
    return reg && i < reg->count ? &reg->items[i] : NULL;
}

const ent_treaty *ent_registry_find(const ent_registry *reg, const char *id)
{
    return reg && id ? find_id(reg, id) : NULL;
}

/* Actor codes are a country or organisation code followed by three-letter role codes, so
 * "IRNGOV" acts for IRN but "IRQ" and "IRNG" do not. */
static int code_extends(const char *actor, const char *party)
{
    size_t i = 0;
    for (; party[i]; i++)
        if (upper((unsigned char)actor[i]) != party[i])
            return 0;
    return strlen(actor + i) % 3 == 0;
}

int ent_registry_has_party(const ent_treaty *t, const char *actor)
{
    if (!t || !actor || !*actor)
        return 0;
    for (size_t i = 0; i < t->nparties; i++)
        if (code_extends(actor, t->parties[i]))
            return 1;
    return 0;
}

size_t ent_registry_between(size_t *idx, size_t cap, const ent_registry *reg, const char *a,
                            const char *b)
{
    size_t n = 0;
    for (size_t i = 0; reg && i < reg->count; i++) {
        const ent_treaty *t = &reg->items[i];
        if (!ent_registry_has_party(t, a) || !ent_registry_has_party(t, b))
            continue;
        if (n < cap)
            idx[n] = i;
        n++;
    }
    return n;
}

/* ------------------------------------------------------------- obligations ---- */

/* An snprintf-like writer: counts everything, stores what fits. */
typedef struct writer {
    char *buf;
    size_t size, len;
} writer;

static void put(writer *w, const char *s)
{
    size_t n = strlen(s);
    if (w->len + 1 < w->size) {
        size_t room = w->size - 1 - w->len;
        memcpy(w->buf + w->len, s, n < room ? n : room);
    }
    w->len += n;
    if (w->size)
        w->buf[w->len < w->size - 1 ? w->len : w->size - 1] = '\0';
}

/* Appends clause as the next item of a "; "-separated sentence, capitalising the first. */
static void clause(writer *w, int *nclauses, const char *s)
{
    if ((*nclauses)++) {
        put(w, "; ");
        put(w, s);
        return;
    }
    char first[2] = {(char)upper((unsigned char)s[0]), '\0'};
    put(w, first);
    put(w, s + 1);
}

size_t ent_registry_obligations(char *buf, size_t size, const ent_treaty *t)
{
    writer w = {buf, size, 0};
    if (size)
        buf[0] = '\0';
    if (!t)
        return 0;
    /* Two parties read better as "each side … the other"; more as "the parties". */
    int two = t->nparties == 2;
    /* Names of the obligations for the "Not recorded" list, in column order. */
    static const char *const names[5] = {"mutual defence", "offence", "neutrality",
                                         "non-aggression", "consultation"};
    const int flags[5] = {t->defence, t->offence, t->neutrality, t->nonaggression, t->consultation};
    int yes = 0, unknown = 0;
    for (int i = 0; i < 5; i++) {
        yes += flags[i] == ENT_OBLIG_YES;
        unknown += flags[i] == ENT_OBLIG_UNKNOWN;
    }
    int n = 0;
    if (unknown == 5) {
        put(&w, "Its obligations are not recorded.");
        return w.len;
    }
    if (t->defence == ENT_OBLIG_NO && yes == 0 && unknown == 0) {
        /* Trade and political agreements: say plainly that nothing military binds them. */
        clause(&w, &n,
               two ? "commits neither side to mutual defence or to any other military "
                     "obligation"
                   : "commits no party to mutual defence or to any other military "
                     "obligation");
    } else {
        if (t->defence == ENT_OBLIG_YES)
            clause(&w, &n,
                   two ? "obliges each side to help defend the other if it is attacked "
                         "(mutual defence)"
                       : "obliges the parties to help defend any party that is attacked "
                         "(mutual defence)");
        else if (t->defence == ENT_OBLIG_NO)
            clause(&w, &n,
                   two ? "commits neither side to mutual defence"
                       : "commits no party to mutual defence");
        if (t->offence == ENT_OBLIG_YES)
            clause(&w, &n,
                   "obliges the parties to fight together even when none of them has "
                   "been attacked (offence)");
        if (t->neutrality == ENT_OBLIG_YES)
            clause(&w, &n,
                   two ? "each side undertakes not to help an aggressor against the "
                         "other (neutrality)"
                       : "each party undertakes not to help a state that attacks "
                         "another party (neutrality)");
        if (t->nonaggression == ENT_OBLIG_YES)
            clause(&w, &n,
                   two ? "the two sides undertake not to use force against each other "
                         "(non-aggression)"
                       : "the parties undertake not to use force against one another "
                         "(non-aggression)");
        if (t->consultation == ENT_OBLIG_YES)
            clause(&w, &n,
                   two ? "the two sides are to consult when a crisis threatens either "
                         "of them (consultation)"
                       : "the parties are to consult when a crisis threatens one of "
                         "them (consultation)");
        if (!n)
            clause(&w, &n, "no obligation is recorded as present");
    }
    put(&w, ".");
    if (unknown) {
        put(&w, " Not recorded: ");
        int k = 0;
        for (int i = 0; i < 5; i++) {
            if (flags[i] != ENT_OBLIG_UNKNOWN)
                continue;
            if (k++)
                put(&w, k == unknown ? " and " : ", ");
            put(&w, names[i]);
        }
        put(&w, ".");
    }
    return w.len;
}
