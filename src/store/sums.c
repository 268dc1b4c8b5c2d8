/*
 * store — the daily sums by country (dyad_days, actor_days; see store.h), kept in step with
 * the events inside each transaction.
 *
 * Each event added is counted in memory under its key (source country, target country, day,
 * quad class; and source country, day, quad class), and the sums are written when the
 * transaction commits, one upsert per key: an import of fifty thousand events in a
 * transaction touches a few thousand keys, not fifty thousand rows. A rollback forgets them,
 * so the sums always agree with the committed events, on both back ends and with several
 * writers (each adds its own counts).
 *
 * A country key fits one 64-bit integer: a country code of up to three letters or digits is a
 * number below 37^3 (16 bits), the quad class 3 bits, the day 29 bits. The sums by whole
 * source code (code_days: USAGOV, not USA) are keyed by a hash of code, day and quad class,
 * and keep the code to check it. Codes with other characters, longer codes and the rare hash
 * collision skip the memory and are upserted at once.
 */
#include "store_internal.h"

#include "util/u64map.h"

#include <stdlib.h>
#include <string.h>

#define DAY_BIAS (1 << 28) /* days from -2^28 to 2^28 - 1 fit the 29 bits */

typedef struct sum {
    uint64_t key;
    int64_t events;
    double goldstein;
    ent_date day;
    int quad;
    char code[16]; /* code_days: the whole source code */
} sum;

typedef struct sum_table {
    ent_u64map index; /* key → position in sums */
    sum *sums;
    size_t n, cap;
} sum_table;

struct ent_store__sums {
    sum_table dyads, actors, codes;
};

/* ---------------------------------------------------------------- keys ---- */

/* The first three characters of code, as SQL's substr(code, 1, 3) counts them (UTF-8). */
static size_t country_len(const char *code)
{
    size_t i = 0;
    for (int chars = 0; code[i] && chars < 3; chars++) {
        i++;
        while ((code[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

/* The country as a number below 37^3, or -1 when it has characters other than A-Z, 0-9. */
static long country_number(const char *code, size_t len)
{
    long v = 0;
    for (size_t i = 0; i < 3; i++) {
        int c = 0;
        if (i < len) {
            unsigned char ch = (unsigned char)code[i];
            if (ch >= 'A' && ch <= 'Z')
                c = 1 + (ch - 'A');
            else if (ch >= '0' && ch <= '9')
                c = 27 + (ch - '0');
            else
                return -1;
        }
        v = v * 37 + c;
    }
    return v;
}

static void country_code(char out[4], uint64_t number)
{
    static const char digits[] = "\0ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    char c[3];
    for (int i = 2; i >= 0; i--) {
        c[i] = digits[number % 37];
        number /= 37;
    }
    size_t n = 0;
    for (int i = 0; i < 3; i++)
        if (c[i])
            out[n++] = c[i];
    out[n] = '\0';
}

static uint64_t make_key(long source, long target, int quad, ent_date day)
{
    return (uint64_t)source << 48 | (uint64_t)target << 32 | (uint64_t)(quad & 7) << 29 |
           (uint64_t)((int64_t)day + DAY_BIAS);
}

/* ---------------------------------------------------------------- tables ---- */

/* Counts an event under key (code: the whole source code for code_days, else NULL).
   Returns ENT_OK, ENT_ENOMEM, or 1 when key is taken by another code (a hash collision). */
static int table_add(sum_table *t, uint64_t key, const char *code, ent_date day, int quad,
                     double goldstein)
{
    uint32_t *at = ent_u64map_get(&t->index, key);
    if (at) {
        if (code && strcmp(t->sums[*at].code, code) != 0)
            return 1;
        t->sums[*at].events++;
        t->sums[*at].goldstein += goldstein;
        return ENT_OK;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        sum *p = realloc(t->sums, cap * sizeof *p);
        if (!p)
            return ENT_ENOMEM;
        t->sums = p;
        t->cap = cap;
    }
    if (ent_u64map_put(&t->index, key, (uint32_t)t->n) != 0)
        return ENT_ENOMEM;
    sum *x = &t->sums[t->n++];
    *x = (sum){key, 1, goldstein, day, quad, ""};
    if (code)
        strcpy(x->code, code);
    return ENT_OK;
}

/* The code_days key: FNV-1a of code, day and quad class, never 0 or 1 (u64map reserves 0). */
static uint64_t code_key(const char *code, ent_date day, int quad)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)code; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    h = (h ^ (uint64_t)(uint32_t)day) * 1099511628211ULL;
    h = (h ^ (uint64_t)quad) * 1099511628211ULL;
    return h < 2 ? h + 2 : h;
}

static void table_clear(sum_table *t)
{
    ent_u64map_free(&t->index);
    t->index = (ent_u64map)ENT_U64MAP_INIT;
    t->n = 0;
}

/* ---------------------------------------------------------------- writing ---- */

static int upsert_dyad(ent_store *s, const char *source, const char *target, ent_date day,
                       int quad, int64_t events, double goldstein)
{
    ent_store__val p[6] = {
        {ENT_STORE_TEXT, 0, 0, source, strlen(source)},
        {ENT_STORE_TEXT, 0, 0, target, strlen(target)},
        {ENT_STORE_INT, day, 0, NULL, 0},
        {ENT_STORE_INT, quad, 0, NULL, 0},
        {ENT_STORE_INT, events, 0, NULL, 0},
        {ENT_STORE_REAL, 0, goldstein, NULL, 0},
    };
    return s->be->run(s, STMT_SUM_DYAD, p, 6, NULL, NULL);
}

/* One row of actor_days (stmt STMT_SUM_ACTOR) or code_days (STMT_SUM_CODE). */
static int upsert_actor(ent_store *s, int stmt, const char *actor, ent_date day, int quad,
                        int64_t events, double goldstein)
{
    ent_store__val p[5] = {
        {ENT_STORE_TEXT, 0, 0, actor, strlen(actor)},
        {ENT_STORE_INT, day, 0, NULL, 0},
        {ENT_STORE_INT, quad, 0, NULL, 0},
        {ENT_STORE_INT, events, 0, NULL, 0},
        {ENT_STORE_REAL, 0, goldstein, NULL, 0},
    };
    return s->be->run(s, stmt, p, 5, NULL, NULL);
}

int ent_store__sums_add(ent_store *s, const char *source, const char *target, ent_date day,
                        int quad, double goldstein)
{
    if (day == ENT_DATE_NONE)
        return ENT_OK; /* the sums are by day */
    if (!source)
        source = "";
    if (!target)
        target = "";
    if (quad < 0 || quad > 7)
        quad = 0;
    if (!s->sums && !(s->sums = calloc(1, sizeof *s->sums)))
        return ent_store__error(s, "out of memory");
    int rc = ENT_OK;
    int kept = strlen(source) < sizeof s->sums->codes.sums[0].code
                   ? table_add(&s->sums->codes, code_key(source, day, quad), source, day, quad,
                               goldstein)
                   : 1;
    if (kept == ENT_ENOMEM)
        return ent_store__error(s, "out of memory");
    if (kept != ENT_OK)
        rc = upsert_actor(s, STMT_SUM_CODE, source, day, quad, 1, goldstein);

    size_t slen = country_len(source), tlen = country_len(target);
    long src = country_number(source, slen), tgt = country_number(target, tlen);
    if (src < 0 || tgt < 0 || day < -DAY_BIAS || day >= DAY_BIAS) {
        char a[16], b[16];
        memcpy(a, source, slen);
        a[slen] = '\0';
        memcpy(b, target, tlen);
        b[tlen] = '\0';
        if (rc == ENT_OK)
            rc = upsert_dyad(s, a, b, day, quad, 1, goldstein);
        return rc == ENT_OK ? upsert_actor(s, STMT_SUM_ACTOR, a, day, quad, 1, goldstein) : rc;
    }
    if (rc == ENT_OK &&
        (table_add(&s->sums->dyads, make_key(src, tgt, quad, day), NULL, day, quad,
                   goldstein) != ENT_OK ||
         table_add(&s->sums->actors, make_key(src, 0, quad, day), NULL, day, quad, goldstein) !=
             ENT_OK))
        return ent_store__error(s, "out of memory");
    return rc;
}

int ent_store__sums_flush(ent_store *s)
{
    if (!s->sums)
        return ENT_OK;
    int rc = ENT_OK;
    for (int t = 0; t < 2 && rc == ENT_OK; t++) {
        const sum_table *table = t ? &s->sums->actors : &s->sums->dyads;
        for (size_t i = 0; i < table->n && rc == ENT_OK; i++) {
            const sum *x = &table->sums[i];
            char source[4], target[4];
            country_code(source, x->key >> 48);
            country_code(target, (x->key >> 32) & 0xFFFF);
            rc = t ? upsert_actor(s, STMT_SUM_ACTOR, source, x->day, x->quad, x->events,
                                  x->goldstein)
                   : upsert_dyad(s, source, target, x->day, x->quad, x->events, x->goldstein);
        }
    }
    const sum_table *codes = &s->sums->codes;
    for (size_t i = 0; i < codes->n && rc == ENT_OK; i++) {
        const sum *x = &codes->sums[i];
        rc = upsert_actor(s, STMT_SUM_CODE, x->code, x->day, x->quad, x->events, x->goldstein);
    }
    ent_store__sums_clear(s);
    return rc;
}

void ent_store__sums_clear(ent_store *s)
{
    if (!s->sums)
        return;
    table_clear(&s->sums->dyads);
    table_clear(&s->sums->actors);
    table_clear(&s->sums->codes);
}

void ent_store__sums_free(ent_store *s)
{
    if (!s->sums)
        return;
    ent_store__sums_clear(s);
    free(s->sums->dyads.sums);
    free(s->sums->actors.sums);
    free(s->sums->codes.sums);
    free(s->sums);
    s->sums = NULL;
}
