/*
 * ingest — the fields of a JSON Lines record, read in one pass without building a tree.
 *
 * jansson builds every value of a record and copies every string; profiling `entente ingest`
 * on news JSON Lines put a quarter of the CPU there. A record is read here instead: the
 * top-level object's members are scanned, the wanted ones kept (strings decoded into one
 * buffer, integers converted), the others skipped. Anything this reader does not accept (not
 * an object, a syntax error, a NUL escape, an integer out of range, nesting deeper than
 * MAX_DEPTH) makes it return 0, and the caller parses the line with jansson, which reports
 * the exact error: the two agree on every well-formed record (tests/ingest compares them).
 */
#include "ingest_internal.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 512

typedef struct scan {
    const char *s, *end;
} scan;

static void skip_ws(scan *p)
{
    while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r'))
        p->s++;
}

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

static void put_utf8(ent_buf *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18);
        u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    ent_buf_append(b, u, n);
}

/*
 * Reads the string at p->s (at its opening quote). With out, appends its decoded bytes.
 * Returns 0 for what jansson would refuse: a control byte, a bad or lone-surrogate \u
 * escape, \u0000, an unknown escape, no closing quote.
 */
/* 1 when none of the 8 bytes of w ends a plain run of a string: '"', '\\' or a control
 * byte (exact for each, by the "has zero byte" and "has byte less than" word tests). */
static int plain8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');
    uint64_t found =
        ((quote - ones) & ~quote) | ((slash - ones) & ~slash) | ((w - ones * 0x20) & ~w);
    return !(found & highs);
}

static int read_string(scan *p, ent_buf *out)
{
    p->s++; /* '"' */
    for (;;) {
        const char *run = p->s;
        /* Texts are long runs of plain bytes: 8 at a time, then byte by byte. */
        for (uint64_t w; p->end - p->s >= 8; p->s += 8) {
            memcpy(&w, p->s, 8);
            if (!plain8(w))
                break;
        }
        while (p->s < p->end && *p->s != '"' && *p->s != '\\' && (unsigned char)*p->s >= 0x20)
            p->s++;
        if (out && p->s > run)
            ent_buf_append(out, run, (size_t)(p->s - run));
        if (p->s >= p->end || (unsigned char)*p->s < 0x20)
            return 0;
        if (*p->s == '"') {
            p->s++;
            return 1;
        }
        if (p->end - p->s < 2)
            return 0;
        char e = p->s[1];
        p->s += 2;
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *k = e ? strchr(from, e) : NULL;
        if (k) {
            if (out)
                ent_buf_putc(out, to[k - from]);
            continue;
        }
        unsigned cp, lo;
        if (e != 'u' || p->end - p->s < 4 || !hex4(p->s, &cp))
            return 0;
        p->s += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return 0;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (p->end - p->s < 6 || p->s[0] != '\\' || p->s[1] != 'u' || !hex4(p->s + 2, &lo) ||
                lo < 0xDC00 || lo > 0xDFFF)
                return 0;
            p->s += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        if (cp == 0)
            return 0;
        if (out)
            put_utf8(out, cp);
    }
}

/* Skips a number as JSON writes it; sets *integer when it has no fraction or exponent, and
 * then *value. */
static int skip_number(scan *p, int *integer, long long *value)
{
    const char *s = p->s;
    if (s < p->end && *s == '-')
        s++;
    if (s >= p->end || *s < '0' || *s > '9')
        return 0;
    if (*s == '0')
        s++;
    else
        while (s < p->end && *s >= '0' && *s <= '9')
            s++;
    *integer = 1;
    if (s < p->end && *s == '.') {
        *integer = 0;
        if (++s >= p->end || *s < '0' || *s > '9')
            return 0;
        while (s < p->end && *s >= '0' && *s <= '9')
            s++;
    }
    if (s < p->end && (*s == 'e' || *s == 'E')) {
        *integer = 0;
        s++;
        if (s < p->end && (*s == '+' || *s == '-'))
            s++;
        if (s >= p->end || *s < '0' || *s > '9')
            return 0;
        while (s < p->end && *s >= '0' && *s <= '9')
            s++;
    }
    /* jansson refuses an integer out of range and a real that overflows: so does this. */
    char num[64];
    size_t n = (size_t)(s - p->s);
    if (n >= sizeof num)
        return 0;
    memcpy(num, p->s, n);
    num[n] = '\0';
    char *dot = memchr(num, '.', n);
    if (dot) /* strtod reads the locale's decimal point, as jansson knows too */
        *dot = *localeconv()->decimal_point;
    errno = 0;
    if (*integer)
        *value = strtoll(num, NULL, 10);
    else if (isinf(strtod(num, NULL)))
        return 0;
    if (*integer && errno == ERANGE)
        return 0;
    p->s = s;
    return 1;
}

static int skip_value(scan *p, int depth);

/* Skips an object or array at p->s (at its opening bracket). */
static int skip_container(scan *p, int depth)
{
    char close = *p->s == '{' ? '}' : ']';
    int object = close == '}';
    p->s++;
    skip_ws(p);
    if (p->s < p->end && *p->s == close) {
        p->s++;
        return 1;
    }
    for (;;) {
        if (object) {
            if (p->s >= p->end || *p->s != '"' || !read_string(p, NULL))
                return 0;
            skip_ws(p);
            if (p->s >= p->end || *p->s != ':')
                return 0;
            p->s++;
            skip_ws(p);
        }
        if (!skip_value(p, depth + 1))
            return 0;
        skip_ws(p);
        if (p->s < p->end && *p->s == ',') {
            p->s++;
            skip_ws(p);
            continue;
        }
        if (p->s < p->end && *p->s == close) {
            p->s++;
            return 1;
        }
        return 0;
    }
}

static int literal(scan *p, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(p->end - p->s) < n || memcmp(p->s, word, n) != 0)
        return 0;
    p->s += n;
    return 1;
}

static int skip_value(scan *p, int depth)
{
    if (depth > MAX_DEPTH || p->s >= p->end)
        return 0;
    int integer;
    long long value;
    switch (*p->s) {
    case '"':
        return read_string(p, NULL);
    case '{':
    case '[':
        return skip_container(p, depth);
    case 't':
        return literal(p, "true");
    case 'f':
        return literal(p, "false");
    case 'n':
        return literal(p, "null");
    default:
        return skip_number(p, &integer, &value);
    }
}

/* Reads the value of a wanted member into f (the last one of a key wins, as in jansson). */
static int read_field(scan *p, ent_ingest__jsonl_field *f, ent_buf *strings)
{
    f->type = ENT_INGEST__JSONL_OTHER;
    if (*p->s == '"') {
        size_t off = strings->len;
        if (!read_string(p, strings))
            return 0;
        ent_buf_putc(strings, '\0');
        f->type = ENT_INGEST__JSONL_STRING;
        f->off = off;
        f->len = strings->len - off - 1;
        return 1;
    }
    if (literal(p, "null")) {
        f->type = ENT_INGEST__JSONL_NULL;
        return 1;
    }
    int integer = 0;
    if (*p->s == '-' || (*p->s >= '0' && *p->s <= '9')) {
        if (!skip_number(p, &integer, &f->integer))
            return 0;
        if (integer)
            f->type = ENT_INGEST__JSONL_INTEGER;
        return 1;
    }
    return skip_value(p, 1);
}

int ent_ingest__jsonl_fields(ent_buf *strings, const char *s, size_t n,
                             ent_ingest__jsonl_field *fields, size_t nfields)
{
    scan p = {s, s + n};
    ent_buf_reset(strings);
    for (size_t i = 0; i < nfields; i++)
        fields[i].type = ENT_INGEST__JSONL_MISSING;
    skip_ws(&p);
    if (p.s >= p.end || *p.s != '{')
        return 0;
    p.s++;
    skip_ws(&p);
    int empty = p.s < p.end && *p.s == '}';
    if (empty)
        p.s++;
    while (!empty) {
        const char *key = p.s + 1;
        if (p.s >= p.end || *p.s != '"' || !read_string(&p, NULL))
            return 0;
        size_t key_len = (size_t)(p.s - 1 - key);
        if (memchr(key, '\\', key_len))
            return 0; /* a key written with escapes: jansson decodes it */
        skip_ws(&p);
        if (p.s >= p.end || *p.s != ':')
            return 0;
        p.s++;
        skip_ws(&p);
        if (p.s >= p.end)
            return 0;
        ent_ingest__jsonl_field *f = NULL;
        for (size_t i = 0; i < nfields; i++) {
            if (!fields[i].name || strlen(fields[i].name) != key_len ||
                memcmp(fields[i].name, key, key_len) != 0)
                continue;
            if (!f) {
                f = &fields[i];
                if (!read_field(&p, f, strings))
                    return 0;
            } else { /* two options name the same member ("--field id=url") */
                fields[i].type = f->type;
                fields[i].off = f->off;
                fields[i].len = f->len;
                fields[i].integer = f->integer;
            }
        }
        if (!f && !skip_value(&p, 1))
            return 0;
        skip_ws(&p);
        if (p.s < p.end && *p.s == ',') {
            p.s++;
            skip_ws(&p);
            continue;
        }
        if (p.s < p.end && *p.s == '}') {
            p.s++;
            break;
        }
        return 0;
    }
    skip_ws(&p);
    if (p.s != p.end)
        return 0; /* text after the object */
    if (strings->failed)
        return -1;
    for (size_t i = 0; i < nfields; i++)
        if (fields[i].type == ENT_INGEST__JSONL_STRING)
            fields[i].str = strings->data + fields[i].off;
    return 1;
}
