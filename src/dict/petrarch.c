/*
 * dict — stage 3: reads PETRARCH-2 dictionaries by translating them into .ent text
 * (docs/dictionary-format.md), which the ordinary loader then compiles. Contract: the end of
 * dict_internal.h; the mapping for users: docs/dictionary-interop.md ("PETRARCH").
 *
 * One file holds one kind of dictionary: actors (Phoenix.*.actors.txt), agents, discards,
 * issues (Phoenix.IssueCoding.txt), verb patterns (CAMEO.2.0.txt, PETR.Validate.verbs.txt) or
 * the coding ontology (PETR.Internal.Coding.Ontology.txt: negations).
 * The kind comes from the file name, else from the content. Everything .ent can say is
 * translated. What it cannot say is reported at its original line as "skipped (key): …" and
 * counted in st->skipped; what is translated but read differently from PETRARCH is reported
 * as "note (key): …" (once per file, on line 0, when it touches many lines). The choices are
 * in the banner of each section below.
 *
 * Bytes are read robustly: LF, CRLF and lone CR end lines; NUL, Ctrl-Z and other control
 * bytes are dropped (reading goes on); a line that is not valid UTF-8 is read as
 * Windows-1252. Both are noted on their line.
 */
#include "dict_internal.h"

#include "entente/text.h"

#include "util/buf.h"
#include "util/embedded.h"
#include "util/u64map.h"
#include "util/vec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A pattern line with synsets expands into at most this many synset combinations (times the
 * verbs of its block); the rest are dropped and reported. CAMEO.2.0.txt's largest synsets
 * have 75 (&AIRCRAFT), 90 (&CURRENCY) and 115 (&WEAPON) members; at 64, CAMEO.2.0.txt gives
 * about 158,000 patterns (124 lines capped) and loads with the Phoenix dictionaries within
 * the 300 ms the dictionary loader aims at; at 128 it is about 200,000. */
#define SYNSET_CAP 64
/* Nested synsets (TABARI allowed a synset inside a synset) are followed this deep. */
#define SYNSET_DEPTH 4

enum kind { K_ACTORS, K_AGENTS, K_VERBS, K_DISCARDS, K_ISSUES, K_ONTOLOGY };

static const char *const section_of[] = {
    [K_ACTORS] = "@actors",     [K_AGENTS] = "@agents", [K_VERBS] = "@verbs",
    [K_DISCARDS] = "@discards", [K_ISSUES] = "@issues", [K_ONTOLOGY] = "@negations",
};

/* Discard labels: PETRARCH discards a whole story for a phrase written with a leading '+';
 * entente discards sentences only, so the label keeps the difference visible. */
#define DISCARD_LABEL "PETRARCH"
#define DISCARD_STORY_LABEL "PETRARCH_STORY"

typedef struct span {
    uint32_t off, len;
} span;

/* One translation: input, line reader, output and counters. */
typedef struct xl {
    ent_buf *out;
    const char *name;
    ent_diag_fn diag;
    void *diag_ctx;
    ent_dict__foreign_stats *st;
    int nomem;

    /* line reader */
    const char *data;
    size_t len, pos;
    long lineno;       /* original line number of the current line */
    int in_comment;    /* inside <!-- … --> */
    long comment_line; /* where that comment opened */
    int quiet;         /* a pre-pass: no warnings */
    ent_buf line;      /* the current line, cleaned */

    long next_line;    /* line the loader gives the next line we write; -1 unknown */
    ent_buf tmp, tmp2; /* scratch */
    ent_u64map seen;   /* verbs: hashes of (code, pattern) written for the current block.
                        * Per block, not per file: the set stays small enough for the
                        * cache, and repeats across blocks are rare. */

    const char *section; /* the section being written */
    struct ent_text *text; /* lemmatizes verb heads, or NULL (ent_dict__petrarch_translate) */

    /* summary counts, reported once at the end */
    size_t paired, role_prefix, story_discards, null_places;
} xl;

/* ------------------------------------------------------------------ helpers ---- */

static char to_lower(char c)
{
    return ent_dict__is_upper(c) ? (char)(c + 32) : c;
}

static char to_upper(char c)
{
    return ent_dict__is_lower(c) ? (char)(c - 32) : c;
}

/* FNV-1a, continued from h. */
static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}
#define FNV_INIT 0xcbf29ce484222325ULL

static void trim(const char **s, size_t *n)
{
    while (*n && ent_dict__is_blank(**s))
        (*s)++, (*n)--;
    while (*n && ent_dict__is_blank((*s)[*n - 1]))
        (*n)--;
}

static const char *find(const char *s, size_t n, char c)
{
    return memchr(s, c, n);
}

/* At most 60 bytes of a text, for messages. */
static int shown(size_t n)
{
    return n > 60 ? 60 : (int)n;
}

static void note_nomem(xl *x, int rc)
{
    if (rc < 0)
        x->nomem = 1;
}

/* Sets b's length back to len (dropping what was appended after it). */
static void buf_cut(ent_buf *b, size_t len)
{
    if (b->data && len <= b->len) {
        b->len = len;
        b->data[len] = '\0';
    }
}

/* 1 when the n bytes at s have a word that a .ent pattern reads as a slot ("+", "*"). */
static int has_slot_word(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((s[i] == '+' || s[i] == '*') && (i == 0 || s[i - 1] == ' ') &&
            (i + 1 == n || s[i + 1] == ' '))
            return 1;
    return 0;
}

/* ---------------------------------------------------------------- reporting ---- */

/*
 * Why a line, or part of one, is not translated. Every message starts "skipped (key): ", so
 * callers and tests count by reason; the keys are those of the TABARI translator where the
 * reason is the same. To add one: a value here and its key in reason_key[].
 */
enum reason {
    R_MALFORMED,
    R_NO_WORDS,
    R_NO_CODE,
    R_NULL,
    R_SPECIAL,
    R_NOT_CAMEO,
    R_BAD_CODE,
    R_BAD_ROLE,
    R_BAD_LABEL,
    R_BAD_DATE,
    R_BEFORE_VERB,
    R_TARGET_BEFORE,
    R_TWO_SOURCES,
    R_COMPOUND_SLOT,
    R_SKIP_SLOT,
    R_TWO_TARGETS,
    R_SYNSET,
    R_REVERSE,
    R_CONDITIONAL,
    R_TRANSFORMATION,
    R_NO_VERB,
    R_OUTSIDE,
    R_IGNORE,
    R_MARKER,
    R_COUNT
};

static const char *const reason_key[R_COUNT] = {
    [R_MALFORMED] = "malformed",
    [R_NO_WORDS] = "no words",
    [R_NO_CODE] = "no code",
    [R_NULL] = "null code",
    [R_SPECIAL] = "special code",
    [R_NOT_CAMEO] = "not CAMEO", /* not 3 or 4 digits, or 3 and a letter */
    [R_BAD_CODE] = "bad code",
    [R_BAD_ROLE] = "bad role",
    [R_BAD_LABEL] = "bad label",
    [R_BAD_DATE] = "bad date",
    [R_BEFORE_VERB] = "words before verb",
    [R_TARGET_BEFORE] = "target before verb",
    [R_TWO_SOURCES] = "two sources",
    [R_COMPOUND_SLOT] = "compound slot",
    [R_SKIP_SLOT] = "skip slot",
    [R_TWO_TARGETS] = "two targets",
    [R_SYNSET] = "unknown synset",
    [R_REVERSE] = "reverse only",
    [R_CONDITIONAL] = "conditional",
    [R_TRANSFORMATION] = "transformation", /* malformed, or naming an unknown verb */
    [R_NO_VERB] = "no verb",
    [R_OUTSIDE] = "outside block",
    [R_IGNORE] = "ignore phrase",
    [R_MARKER] = "unknown marker",
};

/*
 * Translated, but not exactly as PETRARCH reads it: "note (key): ", on the line, or once per
 * file on line 0 for what touches many lines. Not counted as skipped. To add one: a value
 * here and its key in note_key[].
 */
enum note {
    N_CONTROL,
    N_UTF8,
    N_COMMENT,
    N_CAPPED,
    N_PAIRED,
    N_PREFIX_ROLE,
    N_STORY,
    N_PLACE,
    N_EXTRA_CODES,
    N_COUNT
};

static const char *const note_key[N_COUNT] = {
    [N_CONTROL] = "control bytes", [N_UTF8] = "not UTF-8",       [N_COMMENT] = "open comment",
    [N_CAPPED] = "capped",         [N_PAIRED] = "paired",        [N_PREFIX_ROLE] = "prefix role",
    [N_STORY] = "story discard",   [N_PLACE] = "never an actor", [N_EXTRA_CODES] = "outside CAMEO",
};

static void vreport(xl *x, long line, const char *kind, const char *key, const char *fmt,
                    va_list ap)
{
    char msg[512];
    int k = snprintf(msg, sizeof msg, "%s (%s): ", kind, key);
    vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
    if (x->diag)
        x->diag(x->diag_ctx, x->name, line, msg);
}

/* A line (or part of one) that is not translated: reported and counted. */
static void skip(xl *x, long line, enum reason r, const char *fmt, ...) ENT_PRINTF(4, 5);
static void skip(xl *x, long line, enum reason r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(x, line, "skipped", reason_key[r], fmt, ap);
    va_end(ap);
    x->st->skipped++;
}

/* Translated, but not exactly: reported, not counted as skipped. */
static void warn(xl *x, long line, enum note n, const char *fmt, ...) ENT_PRINTF(4, 5);
static void warn(xl *x, long line, enum note n, const char *fmt, ...)
{
    if (x->quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    vreport(x, line, "note", note_key[n], fmt, ap);
    va_end(ap);
}

/* ------------------------------------------------------------------ output ---- */

/* Starts an entry from original line `line`: a "@line N" first when the loader would number
 * the entry otherwise. The caller appends the entry text and calls end_entry(). */
static void begin_entry(xl *x, long line)
{
    if (x->next_line != line) { /* without a format: one per entry of a 28,000-entry file */
        note_nomem(x, ent_buf_puts(x->out, "@line "));
        note_nomem(x, ent_buf_append_int(x->out, line));
        note_nomem(x, ent_buf_putc(x->out, '\n'));
    }
    x->next_line = line + 1;
}

static void end_entry(xl *x)
{
    note_nomem(x, ent_buf_putc(x->out, '\n'));
    x->st->entries++;
}

/* ------------------------------------------------------------------ reading ---- */

/* Windows-1252's characters for 0x80..0x9F (0: not assigned, read as U+FFFD). */
static const uint16_t cp1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static int put_codepoint(ent_buf *b, unsigned cp)
{
    char u[3];
    if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        return ent_buf_append(b, u, 2);
    }
    u[0] = (char)(0xE0 | cp >> 12);
    u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (char)(0x80 | (cp & 0x3F));
    return ent_buf_append(b, u, 3);
}

/* Copies a raw line into x->line without control bytes, reading bytes that are not UTF-8
 * as Windows-1252, and reports both. */
static void clean_line(xl *x, const char *s, size_t n)
{
    size_t controls = 0, invalid = 0;
    unsigned first_control = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                if (!controls++)
                    first_control = c;
                i++;
                continue;
            }
            size_t run = i + 1; /* printable ASCII, copied at once */
            while (run < n && (((unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7F) ||
                               s[run] == '\t'))
                run++;
            note_nomem(x, ent_buf_append(&x->line, s + i, run - i));
            i = run;
            continue;
        }
        size_t k = ent_utf8_seqlen(s + i, n - i);
        if (k) {
            note_nomem(x, ent_buf_append(&x->line, s + i, k));
            i += k;
            continue;
        }
        unsigned cp = c >= 0xA0 ? c : cp1252[c - 0x80] ? cp1252[c - 0x80] : 0xFFFD;
        note_nomem(x, put_codepoint(&x->line, cp));
        invalid++;
        i++;
    }
    if (controls)
        warn(x, x->lineno, N_CONTROL, "%zu control byte(s) removed (the first is 0x%02X)", controls,
             first_control);
    if (invalid)
        warn(x, x->lineno, N_UTF8, "%zu byte(s) read as Windows-1252", invalid);
}

static const char *find_str(const char *s, size_t n, const char *what)
{
    size_t k = strlen(what);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, what, k) == 0)
            return s + i;
    return NULL;
}

/* Removes comments from x->line: XML comments (<!-- … -->, across lines), lines that start
 * with "<!", and everything from '#'. A '#' comment is cut before "<!--" is looked for, so
 * "# see <!--" opens nothing; inside an open comment "-->" is found even after a '#'. */
static void strip_comments(xl *x)
{
    ent_buf *b = &x->line;
    char *s = b->data;
    size_t n = b->len;
    if (!s)
        return;
    if (x->in_comment) {
        const char *end = find_str(s, n, "-->");
        if (!end) {
            buf_cut(b, 0);
            return;
        }
        size_t skip_n = (size_t)(end + 3 - s);
        memmove(s, s + skip_n, n - skip_n);
        n -= skip_n;
        x->in_comment = 0;
    }
    const char *hash = find(s, n, '#');
    if (hash)
        n = (size_t)(hash - s);
    size_t lead = 0;
    while (lead < n && ent_dict__is_blank(s[lead]))
        lead++;
    if (n - lead >= 2 && s[lead] == '<' && s[lead + 1] == '!' &&
        !(n - lead >= 4 && s[lead + 2] == '-' && s[lead + 3] == '-')) {
        buf_cut(b, 0);
        return;
    }
    for (;;) {
        const char *open = find_str(s, n, "<!--");
        if (!open)
            break;
        size_t at = (size_t)(open - s);
        const char *end = find_str(open + 4, n - at - 4, "-->");
        if (!end) {
            n = at;
            x->in_comment = 1;
            x->comment_line = x->lineno;
            break;
        }
        size_t stop = (size_t)(end + 3 - s);
        memmove(s + at, s + stop, n - stop);
        n -= stop - at;
    }
    buf_cut(b, n);
}

static void rewind_reader(xl *x)
{
    x->pos = 0;
    x->lineno = 0;
    x->in_comment = 0;
}

/* Reads the next line that has anything left after comments into x->line (trimmed; also
 * NUL-terminated). Returns 1, or 0 at the end of the input. */
static int next_line(xl *x)
{
    while (x->pos < x->len) {
        const char *s = x->data + x->pos;
        size_t n = x->len - x->pos;
        const char *nl = memchr(s, '\n', n), *cr = memchr(s, '\r', nl ? (size_t)(nl - s) : n);
        size_t e = (size_t)((cr ? cr : nl ? nl : s + n) - s); /* up to the first CR or LF */
        x->pos += e;
        if (x->pos < x->len)
            x->pos += x->data[x->pos] == '\r' && x->pos + 1 < x->len && x->data[x->pos + 1] == '\n'
                          ? 2
                          : 1;
        x->lineno++;
        if (x->line.failed)
            x->nomem = 1;
        ent_buf_reset(&x->line);
        note_nomem(x, ent_buf_append(&x->line, "", 0));
        clean_line(x, s, e);
        strip_comments(x);
        const char *t = x->line.data;
        size_t tn = x->line.len;
        if (!t)
            continue;
        trim(&t, &tn);
        if (!tn)
            continue;
        memmove(x->line.data, t, tn);
        buf_cut(&x->line, tn);
        return 1;
    }
    if (x->in_comment) {
        warn(x, x->comment_line, N_COMMENT,
             "'<!--' comment is never closed: the rest of the file is a comment");
        x->in_comment = 0;
    }
    return 0;
}

/* ------------------------------------------------------------------ phrases ---- */

/* Words with which a name often starts in lower case: "al-Qaeda", "bin Laden", "de Gaulle".
 * Written in lower case, the phrase then matches either case. */
static const char *const particles[] = {"AL", "EL", "BIN", "IBN", "DE",  "DI",
                                        "DU", "DA", "DEL", "DER", "VAN", "VON"};

static int is_particle(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof particles / sizeof *particles; i++)
        if (strlen(particles[i]) == n && memcmp(particles[i], s, n) == 0)
            return 1;
    return 0;
}

enum style { STYLE_LOWER, STYLE_NAME };

/* Appends the character at p[*k] (moving *k to its last byte), in lower case when lower is
 * set: ASCII letters and the Latin-1 capitals (UTF-8 C3 80..C3 9E, as in "ZÉROUAL"). */
static void put_lower(ent_buf *dst, const char *p, size_t len, size_t *k, int lower)
{
    unsigned char c = (unsigned char)p[*k];
    if (c == 0xC3 && *k + 1 < len) {
        unsigned char d = (unsigned char)p[*k + 1];
        if (lower && d >= 0x80 && d <= 0x9E && d != 0x97)
            d += 0x20;
        ent_buf_putc(dst, (char)c);
        ent_buf_putc(dst, (char)d);
        (*k)++;
        return;
    }
    ent_buf_putc(dst, lower ? to_lower((char)c) : (char)c);
}

/*
 * Appends a PETRARCH phrase ("ISLAMIC_REPUBLIC_OF_IRAN", "CATTLE RANCHER") as .ent words to
 * dst: '_' and blanks separate words, a trailing '_' (PETRARCH's "whole word") is dropped.
 * STYLE_LOWER writes lower case (agents, discards, issues, patterns match case-insensitively
 * anyway). STYLE_NAME is for actors, where the loader reads capitalisation as a
 * requirement ("US" must not match "us"): all-caps words become "Islamic Republic Of Iran",
 * a single word of two or three letters stays all caps (an acronym: "UN", "PLO"), a leading
 * particle goes lower case, and a word already written in mixed case is kept. Returns 1, or 0
 * (dst unchanged) when the phrase has nothing to match or contains '|'.
 */
static int put_phrase(ent_buf *dst, const char *s, size_t n, enum style style)
{
    size_t start = dst->len;
    size_t nwords = 0;
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '|')
            return 0;
        if (!ent_dict__is_blank(s[i]) && s[i] != '_' && (i == 0 || ent_dict__is_blank(s[i - 1]) || s[i - 1] == '_'))
            nwords++;
        any |= ent_dict__is_upper(s[i]) || ent_dict__is_lower(s[i]) || ent_dict__is_digit(s[i]) || (unsigned char)s[i] >= 0x80;
    }
    if (!any)
        return 0;
    size_t word = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && (ent_dict__is_blank(s[i]) || s[i] == '_'))
            i++;
        size_t w = i;
        while (i < n && !ent_dict__is_blank(s[i]) && s[i] != '_')
            i++;
        if (w == i)
            break;
        const char *p = s + w;
        size_t len = i - w;
        if (word++ && ent_buf_putc(dst, ' ') < 0)
            return 0;
        int mixed = 0, letters = 1;
        for (size_t k = 0; k < len; k++) {
            mixed |= ent_dict__is_lower(p[k]);
            letters &= ent_dict__is_upper(p[k]);
        }
        if (style == STYLE_LOWER || mixed) {
            for (size_t k = 0; k < len; k++)
                put_lower(dst, p, len, &k, style == STYLE_LOWER);
            continue;
        }
        if (nwords == 1 && letters && len >= 2 && len <= 3) {
            ent_buf_append(dst, p, len);
            continue;
        }
        size_t lower_to = 0; /* bytes written in lower case: a leading particle */
        if (word == 1) {
            size_t head = 0;
            while (head < len && p[head] != '-')
                head++;
            if ((nwords > 1 || head < len) && is_particle(p, head))
                lower_to = head;
        }
        for (size_t k = 0; k < len; k++) {
            int keep =
                k == 0 || p[k - 1] == '-' || p[k - 1] == '.' || p[k - 1] == '/' || p[k - 1] == '(';
            put_lower(dst, p, len, &k, k < lower_to || !keep);
        }
    }
    if (dst->failed)
        return 0;
    if (dst->len == start)
        return 0;
    return 1;
}

/* A list of phrases written as "a | b | c", without repeats. */
typedef struct plist {
    ent_buf text;
    uint64_t *hashes;
    size_t n, cap;
} plist;

static void plist_clear(plist *p)
{
    ent_buf_reset(&p->text);
    p->n = 0;
}

static void plist_free(plist *p)
{
    ent_buf_free(&p->text);
    free(p->hashes);
    memset(p, 0, sizeof *p);
}

/* Adds a phrase; returns 1 added, 0 nothing to match (or '|'), 2 a repeat, -1 no memory. */
static int plist_add(plist *p, const char *s, size_t n, enum style style)
{
    size_t mark = p->text.len;
    if (p->n && ent_buf_append(&p->text, " | ", 3) < 0)
        return -1;
    size_t at = p->text.len;
    if (!put_phrase(&p->text, s, n, style)) {
        int failed = p->text.failed;
        buf_cut(&p->text, mark);
        return failed ? -1 : 0;
    }
    uint64_t h = FNV_INIT;
    for (size_t i = at; i < p->text.len; i++) {
        char c = to_lower(p->text.data[i]);
        h = fnv(h, &c, 1);
    }
    for (size_t i = 0; i < p->n; i++)
        if (p->hashes[i] == h) {
            buf_cut(&p->text, mark);
            return 2;
        }
    if (ent_vec_reserve((void **)&p->hashes, &p->cap, p->n + 1, sizeof *p->hashes))
        return -1;
    p->hashes[p->n++] = h;
    return 1;
}

/* Reports a phrase plist_add() refused. */
static void phrase_refused(xl *x, long line, int rc, const char *s, size_t n)
{
    if (rc < 0)
        x->nomem = 1;
    else if (rc == 0)
        skip(x, line, R_NO_WORDS, "'%.*s' has no word to match (or contains '|')", shown(n), s);
}

/* ------------------------------------------------------------------- actors ---- */
/*
 * PRIMARY_PHRASE [CODE] …   then  +SYNONYM lines  then indented  [CODE DATES] lines.
 * The codes apply to the whole group. Each code becomes one .ent line with every phrase of
 * the group: "CODE [FROM..TO] : phrase | phrase". Dates: <D (on or before), >D (on or
 * after), D1-D2; D is YYMMDD (00-30 → 20xx) or YYYYMMDD.
 *
 * PETRARCH's first matching restriction wins, and the unrestricted code is the default.
 * entente takes the first dated line (in load order) whose period contains the date, else
 * the undated line: the same answer, so the lines keep their order. The null code [---]
 * ("not an actor") is the exception: in .ent a phrase is not an actor where no line covers
 * it, so a group with [---] is resolved date by date (first match wins, else the default)
 * and written as the dated lines of its non-null pieces; a group that is never an actor
 * becomes a @places entry (PLACE_LABEL), which, like PETRARCH's [---], keeps a shorter actor
 * name inside it from matching ("Indian Ocean" is not India). A compound code [A/B] (one
 * phrase, several actors) is kept as it is. Reported: codes outside 3-15 of A-Z 0-9 (or more
 * than ENT_DICT_MAX_ACTORS_PER_PHRASE of them), bad dates.
 */

#define PLACE_LABEL "PETRARCH"

typedef struct acode {
    char code[ENT_DICT_ACTOR_CODES_MAX + 1]; /* "" for [---] */
    ent_date from, to; /* ENT_DATE_NONE: open */
    long line;
} acode;

typedef struct agroup {
    int open;
    long line;
    plist phrases;
    acode *codes;
    size_t ncodes, cap;
    int refused; /* a code was reported */
} agroup;

/* A PETRARCH date (YYMMDD or YYYYMMDD) as days; ENT_DATE_NONE when it is not one. */
static ent_date parse_pdate(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!ent_dict__is_digit(s[i]))
            return ENT_DATE_NONE;
    int v[4] = {0};
    if (n == 6) {
        for (int k = 0; k < 3; k++)
            v[k] = (s[2 * k] - '0') * 10 + (s[2 * k + 1] - '0');
        v[0] += v[0] <= 30 ? 2000 : 1900;
    } else if (n == 8) {
        v[0] = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        v[1] = (s[4] - '0') * 10 + (s[5] - '0');
        v[2] = (s[6] - '0') * 10 + (s[7] - '0');
    } else {
        return ENT_DATE_NONE;
    }
    return ent_date_from_ymd(v[0], v[1], v[2]);
}

/* Parses the inside of one "[CODE DATES]" into a; returns 0 after reporting when it cannot
 * be said in .ent. */
static int parse_actor_code(xl *x, acode *a, const char *s, size_t n, long line)
{
    trim(&s, &n);
    size_t k = 0;
    while (k < n && !ent_dict__is_blank(s[k]) && s[k] != '<' && s[k] != '>')
        k++;
    const char *code = s;
    size_t code_len = k;
    int null = code_len == 3 && memcmp(code, "---", 3) == 0;
    if (!null && !ent_dict__is_actor_codes(code, code_len)) {
        skip(x, line, R_BAD_CODE,
             "'%.*s' is not an actor code (3-15 of A-Z, 0-9; several joined by /)", shown(code_len),
             code);
        return 0;
    }
    /* The restriction, blanks removed: "<950601", "19950601-19990815". */
    char d[40];
    size_t dn = 0;
    for (size_t i = k; i < n; i++)
        if (!ent_dict__is_blank(s[i])) {
            if (dn + 1 >= sizeof d)
                goto bad_date;
            d[dn++] = s[i];
        }
    memcpy(a->code, code, null ? 0 : code_len);
    a->code[null ? 0 : code_len] = '\0';
    a->from = a->to = ENT_DATE_NONE;
    a->line = line;
    if (!dn)
        return 1;
    if (d[0] == '<') {
        a->to = parse_pdate(d + 1, dn - 1);
        if (a->to == ENT_DATE_NONE)
            goto bad_date;
    } else if (d[0] == '>') {
        a->from = parse_pdate(d + 1, dn - 1);
        if (a->from == ENT_DATE_NONE)
            goto bad_date;
    } else {
        const char *dash = find(d, dn, '-');
        if (!dash)
            goto bad_date;
        a->from = parse_pdate(d, (size_t)(dash - d));
        a->to = parse_pdate(dash + 1, dn - (size_t)(dash - d) - 1);
        if (a->from == ENT_DATE_NONE || a->to == ENT_DATE_NONE)
            goto bad_date;
        if (a->to < a->from) {
            skip(x, line, R_BAD_DATE, "'%.*s' ends before it starts", (int)dn, d);
            return 0;
        }
    }
    return 1;
bad_date:
    s += k, n -= k;
    trim(&s, &n);
    skip(x, line, R_BAD_DATE, "'%.*s' is not <D, >D or D-D with D as YYMMDD or YYYYMMDD", shown(n),
         s);
    return 0;
}

/* Reads every "[…]" of s (the rest of a line) as a code of the group. */
static void actor_codes(xl *x, agroup *g, const char *s, size_t n, long line)
{
    for (;;) {
        const char *open = find(s, n, '[');
        if (!open)
            return;
        n -= (size_t)(open + 1 - s);
        s = open + 1;
        const char *close = find(s, n, ']');
        size_t in = close ? (size_t)(close - s) : n;
        if (!close) {
            skip(x, line, R_MALFORMED, "'[' without ']'");
            g->refused = 1;
            return;
        }
        if (!g->open) {
            skip(x, line, R_MALFORMED, "code line without a phrase before it");
        } else {
            acode a;
            if (parse_actor_code(x, &a, s, in, line)) {
                if (ent_vec_reserve((void **)&g->codes, &g->cap, g->ncodes + 1, sizeof *g->codes)) {
                    x->nomem = 1;
                    return;
                }
                g->codes[g->ncodes++] = a;
            } else {
                g->refused = 1;
            }
        }
        n -= in + 1;
        s = close + 1;
    }
}

/* Switches the output to another section ("@places" and back). */
static void set_section(xl *x, const char *section)
{
    if (x->section == section)
        return;
    note_nomem(x, ent_buf_appendf(x->out, "%s\n", section));
    x->section = section;
    x->next_line = -1;
}

static void write_actor_line(xl *x, const agroup *g, const acode *a)
{
    begin_entry(x, a->line);
    note_nomem(x, ent_buf_puts(x->out, a->code));
    if (a->from != ENT_DATE_NONE || a->to != ENT_DATE_NONE) {
        char from[11], to[11];
        ent_date_format(from, a->from);
        ent_date_format(to, a->to);
        note_nomem(x, ent_buf_putc(x->out, ' '));
        note_nomem(x, ent_buf_puts(x->out, from));
        note_nomem(x, ent_buf_puts(x->out, ".."));
        note_nomem(x, ent_buf_puts(x->out, to));
    }
    note_nomem(x, ent_buf_puts(x->out, " : "));
    note_nomem(x, ent_buf_append(x->out, g->phrases.text.data, g->phrases.text.len));
    end_entry(x);
}

/* The restriction PETRARCH applies on day d: the first dated code covering it, else the
 * default (the first undated code); NULL when none (not an actor). */
static const acode *code_on_day(const agroup *g, int64_t d)
{
    const acode *fallback = NULL;
    for (size_t i = 0; i < g->ncodes; i++) {
        const acode *a = &g->codes[i];
        if (a->from == ENT_DATE_NONE && a->to == ENT_DATE_NONE) {
            if (!fallback)
                fallback = a;
            continue;
        }
        if ((a->from == ENT_DATE_NONE || d >= a->from) && (a->to == ENT_DATE_NONE || d <= a->to))
            return a;
    }
    return fallback;
}

/* 1 when two answers give the same code (NULL and [---] both mean "not an actor"). */
static int same_answer(const acode *a, const acode *b)
{
    return strcmp(a ? a->code : "", b ? b->code : "") == 0;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Writes a group with a [---] code: the timeline is cut at every restriction's ends, each
 * piece takes the code PETRARCH gives it, and neighbours with the same code are merged. */
static void write_resolved(xl *x, agroup *g)
{
    /* Piece starts: the beginning of time and the day each restriction starts or ends. */
    int64_t *cut = malloc((2 * g->ncodes + 1) * sizeof *cut);
    if (!cut) {
        x->nomem = 1;
        return;
    }
    size_t n = 0;
    cut[n++] = INT64_MIN;
    for (size_t i = 0; i < g->ncodes; i++) {
        if (g->codes[i].from != ENT_DATE_NONE)
            cut[n++] = g->codes[i].from;
        if (g->codes[i].to != ENT_DATE_NONE)
            cut[n++] = (int64_t)g->codes[i].to + 1;
    }
    qsort(cut, n, sizeof *cut, cmp_i64);
    int any = 0;
    for (size_t i = 0; i < n;) {
        const acode *a = code_on_day(g, cut[i]);
        size_t j = i + 1; /* the following pieces with the same code join this one */
        while (j < n && same_answer(a, code_on_day(g, cut[j])))
            j++;
        if (a && a->code[0]) {
            acode piece = *a;
            piece.from = cut[i] == INT64_MIN ? ENT_DATE_NONE : (ent_date)cut[i];
            piece.to = j < n ? (ent_date)(cut[j] - 1) : ENT_DATE_NONE;
            set_section(x, section_of[K_ACTORS]);
            write_actor_line(x, g, &piece);
            any = 1;
        }
        i = j;
    }
    free(cut);
    if (!any) {
        /* Never an actor: a place-like name that stops shorter actor names inside it. */
        set_section(x, "@places");
        begin_entry(x, g->line);
        note_nomem(x, ent_buf_append(x->out, PLACE_LABEL " : ", sizeof PLACE_LABEL + 2));
        note_nomem(x, ent_buf_append(x->out, g->phrases.text.data, g->phrases.text.len));
        end_entry(x);
        x->null_places++;
    }
}

static void flush_group(xl *x, agroup *g)
{
    if (!g->open)
        return;
    g->open = 0;
    if (!g->ncodes) {
        if (!g->refused && g->phrases.n)
            skip(x, g->line, R_NO_CODE, "the phrase has no [CODE] line");
        return;
    }
    if (!g->phrases.n)
        return; /* every phrase was reported */
    int null = 0;
    for (size_t i = 0; i < g->ncodes; i++)
        null |= !g->codes[i].code[0];
    if (null) {
        write_resolved(x, g);
        return;
    }
    set_section(x, section_of[K_ACTORS]);
    for (size_t i = 0; i < g->ncodes; i++)
        write_actor_line(x, g, &g->codes[i]);
}

static void add_group_phrase(xl *x, agroup *g, const char *s, size_t n, long line)
{
    const char *open = find(s, n, '[');
    size_t pn = open ? (size_t)(open - s) : n;
    const char *p = s;
    trim(&p, &pn);
    int rc = plist_add(&g->phrases, p, pn, STYLE_NAME);
    if (rc <= 0)
        phrase_refused(x, line, rc, p, pn);
    if (open)
        actor_codes(x, g, open, n - (size_t)(open - s), line);
}

static void translate_actors(xl *x)
{
    agroup g = {0};
    while (next_line(x)) {
        const char *s = x->line.data;
        size_t n = x->line.len;
        if (s[0] == '[') {
            actor_codes(x, &g, s, n, x->lineno);
        } else if (s[0] == '+') {
            if (!g.open)
                skip(x, x->lineno, R_MALFORMED, "synonym (+) without a phrase before it");
            else
                add_group_phrase(x, &g, s + 1, n - 1, x->lineno);
        } else {
            flush_group(x, &g);
            plist_clear(&g.phrases);
            g.ncodes = 0;
            g.refused = 0;
            g.open = 1;
            g.line = x->lineno;
            add_group_phrase(x, &g, s, n, x->lineno);
        }
    }
    flush_group(x, &g);
    if (x->null_places)
        warn(x, 0, N_PLACE,
             "%zu phrase group(s) coded [---] at every date are written as @places " PLACE_LABEL
             " entries: not actors, and no shorter actor name inside them matches",
             x->null_places);
    plist_free(&g.phrases);
    free(g.codes);
}

/* ------------------------------------------------------------------- agents ---- */
/*
 * PHRASE {PLURAL} [~ROLE]. .ent agents compose their role after the country ("Iranian
 * troops" → IRNMIL; [~GOVMED] stays GOVMED). [NGO~] (PETRARCH: the role before the country)
 * composes the same way, as the role NGO, counted and reported once. Plurals: {…} gives them, {}
 * none; otherwise the regular plural of the last word, or of the word before "of" (-ies after a
 * consonant, -es after s/x/z/ch/sh, nothing for a word that already ends in a plain -s). !MARKER! =
 * A, B, … substitution sets expand without plurals.
 */

typedef struct marker {
    uint64_t name;
    span items; /* "A\0B\0C\0" in the marker pool */
    uint32_t count;
} marker;

typedef struct markers {
    ent_buf pool;
    marker *m;
    size_t n, cap;
} markers;

static void define_marker(xl *x, markers *mk, const char *s, size_t n)
{
    const char *end = find(s + 1, n - 1, '!');
    const char *eq = find(s, n, '=');
    if (!end || !eq || eq < end) {
        skip(x, x->lineno, R_MALFORMED, "substitution set is not '!NAME! = A, B, …'");
        return;
    }
    if (ent_vec_reserve((void **)&mk->m, &mk->cap, mk->n + 1, sizeof *mk->m)) {
        x->nomem = 1;
        return;
    }
    marker *m = &mk->m[mk->n++];
    m->name = fnv(FNV_INIT, s + 1, (size_t)(end - s - 1));
    m->items.off = (uint32_t)mk->pool.len;
    m->count = 0;
    const char *p = eq + 1, *stop = s + n;
    while (p < stop) {
        const char *comma = find(p, (size_t)(stop - p), ',');
        const char *e = comma ? comma : stop;
        const char *item = p;
        size_t len = (size_t)(e - p);
        trim(&item, &len);
        if (len) {
            note_nomem(x, ent_buf_append(&mk->pool, item, len));
            note_nomem(x, ent_buf_putc(&mk->pool, '\0'));
            m->count++;
        }
        p = e + 1;
    }
    m->items.len = (uint32_t)(mk->pool.len - m->items.off);
}

static const marker *find_marker(const markers *mk, const char *s, size_t n)
{
    uint64_t h = fnv(FNV_INIT, s, n);
    for (size_t i = mk->n; i-- > 0;)
        if (mk->m[i].name == h)
            return &mk->m[i];
    return NULL;
}

/* The regular plural of a phrase, appended to dst: of the word before "of" when there is one
 * ("MINISTER_OF_DEFENCE" → "MINISTERS_OF_DEFENCE"), else of the last word. 0 when none is
 * made. */
static int put_plural(ent_buf *dst, const char *s, size_t n)
{
    while (n && (ent_dict__is_blank(s[n - 1]) || s[n - 1] == '_'))
        n--;
    size_t end = n; /* the word to pluralise ends here */
    for (size_t i = 1; i + 3 < n; i++)
        if ((ent_dict__is_blank(s[i]) || s[i] == '_') && to_upper(s[i + 1]) == 'O' &&
            to_upper(s[i + 2]) == 'F' && (ent_dict__is_blank(s[i + 3]) || s[i + 3] == '_')) {
            end = i;
            break;
        }
    if (!end || !(ent_dict__is_upper(s[end - 1]) || ent_dict__is_lower(s[end - 1])))
        return 0;
    char last = to_upper(s[end - 1]), prev = end > 1 ? to_upper(s[end - 2]) : ' ';
    if (last == 'S' && prev != 'S' && prev != 'U' && prev != 'I')
        return 0; /* already plural: OFFICIALS, TROOPS */
    if (last == 'Y' && prev != 'A' && prev != 'E' && prev != 'I' && prev != 'O' && prev != 'U') {
        ent_buf_append(dst, s, end - 1);
        ent_buf_append(dst, "IES", 3);
    } else if (last == 'S' || last == 'X' || last == 'Z' ||
               (last == 'H' && (prev == 'C' || prev == 'S'))) {
        ent_buf_append(dst, s, end);
        ent_buf_append(dst, "ES", 2);
    } else {
        ent_buf_append(dst, s, end);
        ent_buf_putc(dst, 'S');
    }
    ent_buf_append(dst, s + end, n - end);
    return 1;
}

/* What an agent code loses in .ent, counted once the entry is written. */
enum { AGENT_PREFIX = 1 };

/* Parses "[~ROLE]" / "[ROLE~]" into role[16] (all its roles: "GOVMED") and *loss (AGENT_*
 * bits); 0 after reporting. */
static int parse_agent_code(xl *x, char role[16], int *loss, const char *s, size_t n, long line)
{
    trim(&s, &n);
    const char *code = s;
    size_t len = n;
    int prefix = 0;
    if (len && code[0] == '~') {
        code++, len--;
    } else if (len && code[len - 1] == '~') {
        len--;
        prefix = 1;
    } else {
        goto bad;
    }
    trim(&code, &len);
    if (len < 3 || len % 3 || !ent_dict__is_code(code, len, 3, 15))
        goto bad;
    memcpy(role, code, len);
    role[len] = '\0';
    *loss = prefix ? AGENT_PREFIX : 0;
    return 1;
bad:
    skip(x, line, R_BAD_ROLE,
         "'%.*s' is not an agent code ([~ROLE] or [ROLE~], roles of three A-Z, 0-9)", shown(n), s);
    return 0;
}

static void translate_agents(xl *x)
{
    markers mk = {0};
    plist pl = {0};
    while (next_line(x)) {
        const char *s = x->line.data;
        size_t n = x->line.len;
        long line = x->lineno;
        if (s[0] == '!' && find(s, n, '=')) {
            define_marker(x, &mk, s, n);
            continue;
        }
        const char *open = find(s, n, '[');
        if (!open) {
            skip(x, line, R_NO_CODE, "an agent needs [~ROLE]");
            continue;
        }
        const char *close = find(open, n - (size_t)(open - s), ']');
        char role[16];
        int loss;
        if (!close) {
            skip(x, line, R_MALFORMED, "'[' without ']'");
            continue;
        }
        if (!parse_agent_code(x, role, &loss, open + 1, (size_t)(close - open - 1), line))
            continue;
        const char *p = s;
        size_t pn = (size_t)(open - s);
        trim(&p, &pn);
        /* {PLURAL} */
        const char *brace = find(p, pn, '{');
        const char *plural = NULL;
        size_t plural_len = 0;
        int explicit_plural = 0;
        if (brace) {
            const char *rb = find(brace, pn - (size_t)(brace - p), '}');
            if (!rb) {
                skip(x, line, R_MALFORMED, "'{' without '}'");
                continue;
            }
            explicit_plural = 1;
            plural = brace + 1;
            plural_len = (size_t)(rb - brace - 1);
            trim(&plural, &plural_len);
            pn = (size_t)(brace - p);
            trim(&p, &pn);
        }
        plist_clear(&pl);
        const char *bang = find(p, pn, '!');
        int rc = 0;
        if (bang) {
            const char *end = find(bang + 1, pn - (size_t)(bang - p) - 1, '!');
            const marker *m = end ? find_marker(&mk, bang + 1, (size_t)(end - bang - 1)) : NULL;
            if (!m) {
                skip(x, line, R_MARKER, "'%.*s' uses a !MARKER! that is not defined", shown(pn), p);
                continue;
            }
            const char *item = mk.pool.data + m->items.off;
            for (uint32_t i = 0; i < m->count; i++) {
                size_t il = strlen(item);
                ent_buf_reset(&x->tmp);
                ent_buf_append(&x->tmp, p, (size_t)(bang - p));
                ent_buf_append(&x->tmp, item, il);
                ent_buf_append(&x->tmp, end + 1, pn - (size_t)(end + 1 - p));
                note_nomem(x, x->tmp.failed ? -1 : 0);
                rc = plist_add(&pl, x->tmp.data, x->tmp.len, STYLE_LOWER);
                if (rc < 0)
                    x->nomem = 1;
                item += il + 1;
            }
        } else {
            rc = plist_add(&pl, p, pn, STYLE_LOWER);
            if (rc > 0 && explicit_plural && plural_len)
                rc = plist_add(&pl, plural, plural_len, STYLE_LOWER);
            else if (rc > 0 && !explicit_plural) {
                ent_buf_reset(&x->tmp);
                if (put_plural(&x->tmp, p, pn))
                    rc = plist_add(&pl, x->tmp.data, x->tmp.len, STYLE_LOWER);
            }
            if (rc < 0)
                x->nomem = 1;
        }
        if (!pl.n) {
            phrase_refused(x, line, rc < 0 ? -1 : 0, p, pn);
            continue;
        }
        begin_entry(x, line);
        note_nomem(x, ent_buf_appendf(x->out, "%s : ", role));
        note_nomem(x, ent_buf_append(x->out, pl.text.data, pl.text.len));
        end_entry(x);
        x->role_prefix += (loss & AGENT_PREFIX) != 0;
    }
    if (x->role_prefix)
        warn(x, 0, N_PREFIX_ROLE,
             "%zu agent code(s) written [ROLE~] compose after the country like [~ROLE]",
             x->role_prefix);
    plist_free(&pl);
    ent_buf_free(&mk.pool);
    free(mk.m);
}

/* ----------------------------------------------------------------- discards ---- */
/*
 * One phrase per line; PETRARCH-2 matches whole words, case-insensitively, as .ent does.
 * "+PHRASE" discards the whole story in PETRARCH; entente discards the sentence, so those
 * go under their own label (DISCARD_STORY_LABEL) and are counted and reported once.
 */

static void translate_discards(xl *x)
{
    plist pl = {0};
    while (next_line(x)) {
        const char *s = x->line.data;
        size_t n = x->line.len;
        int story = s[0] == '+';
        if (story)
            s++, n--;
        const char *open = find(s, n, '[');
        if (open)
            n = (size_t)(open - s);
        trim(&s, &n);
        plist_clear(&pl);
        int rc = plist_add(&pl, s, n, STYLE_LOWER);
        if (rc <= 0) {
            phrase_refused(x, x->lineno, rc, s, n);
            continue;
        }
        x->story_discards += story;
        begin_entry(x, x->lineno);
        note_nomem(x,
                   ent_buf_appendf(x->out, "%s : ", story ? DISCARD_STORY_LABEL : DISCARD_LABEL));
        note_nomem(x, ent_buf_append(x->out, pl.text.data, pl.text.len));
        end_entry(x);
    }
    if (x->story_discards)
        warn(x, 0, N_STORY,
             "%zu story-level discard(s) (+) discard only their sentence, under the "
             "label " DISCARD_STORY_LABEL,
             x->story_discards);
    plist_free(&pl);
}

/* ------------------------------------------------------------------- issues ---- */
/*
 * <ISSUE CATEGORY=…> blocks of "phrase [CODE]" lines; the code is the .ent issue label.
 * .ent issues match by lemma, so "n:" (singular and plural) and "v:" (verb forms) need no
 * expansion and are dropped; '+' gives both the blank and the hyphen variant. "~" ignore
 * phrases have no .ent equivalent and are reported. A line may hold several "phrase [CODE]".
 */

static int valid_label(const char *s, size_t n)
{
    if (n < 1 || n > 31)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!ent_dict__is_upper(s[i]) && !ent_dict__is_digit(s[i]) && s[i] != '_')
            return 0;
    return 1;
}

/* Adds every '+' variant of the phrase (n:/v: prefixes removed) to pl. */
static int issue_variants(xl *x, plist *pl, const char *s, size_t n)
{
    ent_buf *b = &x->tmp2;
    ent_buf_reset(b);
    for (size_t i = 0; i < n; i++) {
        int word_start = i == 0 || ent_dict__is_blank(s[i - 1]) || s[i - 1] == '+';
        if (word_start && i + 1 < n && s[i + 1] == ':' &&
            (to_lower(s[i]) == 'n' || to_lower(s[i]) == 'v')) {
            i++;
            continue;
        }
        ent_buf_putc(b, s[i]);
    }
    if (b->failed)
        return -1;
    size_t plus = 0;
    for (size_t i = 0; i < b->len; i++)
        plus += b->data[i] == '+';
    if (plus > 6)
        plus = 6; /* 64 variants; later '+' are read as blanks */
    int best = 0;
    for (unsigned v = 0; v < (1u << plus); v++) {
        ent_buf_reset(&x->tmp);
        unsigned k = 0;
        for (size_t i = 0; i < b->len; i++) {
            char c = b->data[i];
            if (c == '+')
                c = k < plus && (v >> k++ & 1) ? '-' : ' ';
            ent_buf_putc(&x->tmp, c);
        }
        if (x->tmp.failed)
            return -1;
        int rc = plist_add(pl, x->tmp.data, x->tmp.len, STYLE_LOWER);
        if (rc < 0)
            return -1;
        if (rc > best)
            best = rc;
    }
    return best;
}

static void translate_issues(xl *x)
{
    plist pl = {0};
    while (next_line(x)) {
        const char *s = x->line.data;
        size_t n = x->line.len;
        long line = x->lineno;
        if (s[0] == '<')
            continue; /* <ISSUE CATEGORY=…>, </ISSUE> */
        if (s[0] == '~') {
            skip(x, line, R_IGNORE, "~ phrases have no .ent form: .ent issues have no exclusions");
            continue;
        }
        if (!find(s, n, '[')) {
            skip(x, line, R_NO_CODE, "an issue phrase needs [CODE]");
            continue;
        }
        for (int pairs = 0; n;) {
            const char *open = find(s, n, '[');
            if (!open)
                break;
            const char *close = find(open, n - (size_t)(open - s), ']');
            if (!close) {
                skip(x, line, R_MALFORMED, "'[' without ']'");
                break;
            }
            const char *label = open + 1, *phrase = s;
            size_t label_len = (size_t)(close - open - 1), pn = (size_t)(open - s);
            trim(&label, &label_len);
            trim(&phrase, &pn);
            n -= (size_t)(close + 1 - s);
            s = close + 1;
            if (pairs++ && !pn)
                continue; /* "aqim [CODE] [CODE]": the code again */
            if (!valid_label(label, label_len)) {
                skip(x, line, R_BAD_LABEL, "'%.*s' is not an .ent label (1-31 of A-Z, 0-9, _)",
                     shown(label_len), label);
                continue;
            }
            plist_clear(&pl);
            int rc = issue_variants(x, &pl, phrase, pn);
            if (rc <= 0) {
                phrase_refused(x, line, rc, phrase, pn);
                continue;
            }
            begin_entry(x, line);
            note_nomem(x, ent_buf_append(x->out, label, label_len));
            note_nomem(x, ent_buf_append(x->out, " : ", 3));
            note_nomem(x, ent_buf_append(x->out, pl.text.data, pl.text.len));
            end_entry(x);
        }
    }
    plist_free(&pl);
}

/* -------------------------------------------------------------------- verbs ---- */
/*
 * Synsets (&NAME, then +member lines), verb blocks "--- NAME [CODE] ---" listing verbs
 * (VERB {forms} [CODE], +MULTI_WORD verbs) and patterns "- pre * post [CODE]", which apply to
 * every verb of their block; "~" transformations.
 *
 * An entente pattern is the verb lemma and what follows it: words, '+' (the target) and '*'
 * (a gap). So a PETRARCH pattern becomes, for each verb of its block, "verb" + its
 * post-verb part: PETRARCH's blank between elements becomes '*', while words joined by '_',
 * inside {NOUN PHRASE} or inside (PREPOSITION NOUN) stay adjacent. Synsets expand into
 * alternatives. A verb's own code (or its block's) becomes the verb-only pattern. '$' before
 * the verb is the subject and is dropped. Reported: words or '+' before the verb, '$' after
 * it, '%', '^', null codes [---], reverse-only [:B], conditional codes (! ?), codes that are
 * not in entente's CAMEO codebook. Paired codes [A:B] code A (source to
 * target); the reverse event B is dropped, counted and reported once.
 */

typedef struct synset {
    uint32_t first, count; /* members in verbs.members */
} synset;

/* A pattern element. */
enum { E_WORD, E_SYNSET, E_TARGET, E_SOURCE, E_COMPOUND, E_SKIP, E_VERB };

typedef struct elem {
    uint8_t type;
    uint8_t glued; /* adjacent to the previous element: no '*' between them */
    span text;     /* in the pattern text */
} elem;

/* Lines kept for later, with their line numbers. */
typedef struct held {
    span *at; /* in text */
    long *lineno;
    size_t n, at_cap, lineno_cap;
    ent_buf text;
} held;

/* Keeps the n bytes at s, line `line`, in h; 0, or -1 when out of memory. */
static int hold(held *h, const char *s, size_t n, long line)
{
    if (ent_vec_reserve((void **)&h->at, &h->at_cap, h->n + 1, sizeof *h->at) ||
        ent_vec_reserve((void **)&h->lineno, &h->lineno_cap, h->n + 1, sizeof *h->lineno))
        return -1;
    h->at[h->n].off = (uint32_t)h->text.len;
    h->at[h->n].len = (uint32_t)n;
    h->lineno[h->n++] = line;
    return ent_buf_append(&h->text, s, n);
}

static const char *held_line(const held *h, size_t i)
{
    return h->text.data + h->at[i].off;
}

static void held_free(held *h)
{
    free(h->at);
    free(h->lineno);
    ent_buf_free(&h->text);
}

typedef struct verbs {
    ent_buf pool; /* synset members and verb heads, lower case */
    span *members;
    size_t nmembers, members_cap;
    synset *syn;
    size_t nsyn, syn_cap;
    ent_u64map syn_index;              /* hash of NAME → index + 1 */
    unsigned char cameo[3][10000 / 8]; /* codes of 2, 3 and 4 digits in entente's codebook */
    int have_cameo;
    ent_dict__extra_codes extra; /* codes used that the codebook lacks */

    /* the current block */
    int in_block;
    char block_code[24];
    span *heads; /* verb heads of the block, in pool */
    size_t nheads, heads_cap;
    uint64_t *head_hashes;
    size_t nhead_hashes, head_hashes_cap;
    held pats; /* pattern lines of the block */

    elem *el;
    size_t nel, el_cap;
    span *flat; /* expanded synset members of the pattern being translated */
    size_t nflat, flat_cap;

    /* Transformations ("~ a (b . ATTACK) SAY = a b 112") name verbs: what each verb line's
     * verb stands for there, by syn_hash of the name as written: its code's family ("19"
     * for 190: 19x as PETRARCH-2 matches codes) or, with a null code, its lemma. The "~"
     * lines wait for the end of the file, as they may name verbs listed after them. */
    ent_u64map verb_tests; /* name -> offset + 1 of its test in tests */
    ent_buf tests;
    held transformations; /* the "~" lines */
} verbs;

static uint64_t syn_hash(const char *s, size_t n)
{
    while (n && (s[n - 1] == '_' || s[n - 1] == '='))
        n--;
    uint64_t h = FNV_INIT;
    for (size_t i = 0; i < n; i++) {
        char c = to_upper(s[i]);
        h = fnv(h, &c, 1);
    }
    return h;
}

/* The codes of entente's built-in CAMEO codebook: an @verbs code outside it would make the
 * loader report every pattern that uses it. */
static void load_cameo(verbs *v)
{
    const struct ent_embedded_file *f = ent__embedded_find("dict/cameo.ent");
    if (!f)
        return;
    v->have_cameo = 1;
    const char *s = f->data, *end = f->data + f->len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        size_t k = 0;
        while (s + k < e && ent_dict__is_digit(s[k]))
            k++;
        if (k >= 2 && k <= 4 && s + k < e && ent_dict__is_blank(s[k])) {
            int val = 0;
            for (size_t i = 0; i < k; i++)
                val = val * 10 + (s[i] - '0');
            v->cameo[k - 2][val / 8] |= (unsigned char)(1u << (val % 8));
        }
        s = e + 1;
    }
}

static int in_cameo(const verbs *v, const char *s, size_t n)
{
    if (!v->have_cameo)
        return 1;
    n = ent_dict__unrefined_len(s, n); /* "174K" is known when 174 is */
    int val = 0;
    for (size_t i = 0; i < n; i++)
        val = val * 10 + (s[i] - '0');
    return (v->cameo[n - 2][val / 8] >> (val % 8)) & 1;
}

enum { CODE_OK = 1, CODE_NULL = 0, CODE_BAD = -1 };

/* A verb code as .ent writes it: "0331", or "042/043" with the reverse event's code. */
#define CODE_FIELD 10

/* PETRARCH writes 3 or 4 digits, or 3 and a letter: "042", "0331", "174K" (as TABARI does). */
static int petrarch_event_code(const char *s, size_t n)
{
    return n >= 3 && ent_dict__is_event_code(s, n);
}

/*
 * Reads a PETRARCH code ("042", "042:043", ":173", "---", "190!") into out as .ent writes it
 * ("042/043": the reverse event, target to source, after the '/'); *paired is set for an
 * "A:B" whose B is not a code (dropped). Returns CODE_OK, CODE_NULL for the null code
 * (reported only when report_null), or CODE_BAD after reporting why.
 */
static int resolve_code(xl *x, verbs *v, char out[CODE_FIELD], int *paired, const char *s, size_t n,
                        long line, int report_null)
{
    trim(&s, &n);
    const char *colon = find(s, n, ':');
    size_t a = colon ? (size_t)(colon - s) : n;
    const char *code = s;
    trim(&code, &a);
    if (colon && !a) {
        skip(x, line, R_REVERSE,
             "code [%.*s] codes only the reverse event (target to source), which .ent cannot say",
             shown(n), s);
        return CODE_BAD;
    }
    if (a == 3 && memcmp(code, "---", 3) == 0) {
        if (report_null)
            skip(x, line, R_NULL, "[---] has no .ent form: a .ent pattern always codes an event");
        return CODE_NULL;
    }
    if (a == 3 && (memcmp(code, "###", 3) == 0 || memcmp(code, "+++", 3) == 0)) {
        skip(x, line, R_SPECIAL, "[%.*s] (discard or complex) has no .ent form in a pattern",
             (int)a, code);
        return CODE_BAD;
    }
    if (a && (code[a - 1] == '!' || code[a - 1] == '?')) {
        skip(x, line, R_CONDITIONAL, "[%.*s] (! or ?) has no .ent form", shown(a), code);
        return CODE_BAD;
    }
    if (!petrarch_event_code(code, a)) {
        skip(x, line, R_NOT_CAMEO,
             "'%.*s' is not a CAMEO event code (3 or 4 digits, or 3 and a letter)", shown(a), code);
        return CODE_BAD;
    }
    if (!in_cameo(v, code, a) && ent_dict__extra_code_add(&v->extra, code, a, line) < 0) {
        x->nomem = 1;
        return CODE_BAD;
    }
    memcpy(out, code, a);
    out[a] = '\0';
    *paired = 0;
    if (colon) {
        const char *b = colon + 1;
        size_t bn = n - (size_t)(colon - s) - 1;
        trim(&b, &bn);
        int ok = petrarch_event_code(b, bn);
        if (ok && !in_cameo(v, b, bn) && ent_dict__extra_code_add(&v->extra, b, bn, line) < 0) {
            x->nomem = 1;
            return CODE_BAD;
        }
        if (ok) {
            out[a] = '/';
            memcpy(out + a + 1, b, bn);
            out[a + 1 + bn] = '\0';
        }
        *paired = !ok;
    }
    return CODE_OK;
}

/* Pass 1: every synset of the file, wherever it is defined. */
static void read_synsets(xl *x, verbs *v)
{
    int in_synset = 0;
    x->quiet = 1;
    while (next_line(x)) {
        const char *s = x->line.data;
        size_t n = x->line.len;
        if (s[0] == '&') {
            size_t k = 1;
            while (k < n && !ent_dict__is_blank(s[k]))
                k++;
            if (ent_vec_reserve((void **)&v->syn, &v->syn_cap, v->nsyn + 1, sizeof *v->syn) ||
                ent_u64map_put(&v->syn_index, syn_hash(s + 1, k - 1), (uint32_t)v->nsyn + 1) < 0) {
                x->nomem = 1;
                break;
            }
            v->syn[v->nsyn].first = (uint32_t)v->nmembers;
            v->syn[v->nsyn].count = 0;
            v->nsyn++;
            in_synset = 1;
            continue;
        }
        if (s[0] != '+' || !in_synset) {
            in_synset = 0;
            continue;
        }
        const char *m = s + 1;
        size_t mn = n - 1;
        trim(&m, &mn);
        span sp = {(uint32_t)v->pool.len, 0};
        if (mn && m[0] == '&') {
            /* a nested synset, kept as "&NAME" */
            while (mn && (m[mn - 1] == '_' || ent_dict__is_blank(m[mn - 1])))
                mn--;
            note_nomem(x, ent_buf_append(&v->pool, m, mn));
        } else if (!put_phrase(&v->pool, m, mn, STYLE_LOWER) ||
                   has_slot_word(v->pool.data + sp.off, v->pool.len - sp.off)) {
            /* No word to match: the synset simply has one member less. */
            note_nomem(x, v->pool.failed ? -1 : 0);
            buf_cut(&v->pool, sp.off);
            continue;
        }
        sp.len = (uint32_t)(v->pool.len - sp.off);
        if (ent_vec_reserve((void **)&v->members, &v->members_cap, v->nmembers + 1,
                            sizeof *v->members)) {
            x->nomem = 1;
            break;
        }
        v->members[v->nmembers++] = sp;
        v->syn[v->nsyn - 1].count++;
    }
    x->quiet = 0;
    rewind_reader(x);
}

/* Appends the members of synset NAME (nested synsets expanded) to v->flat. Returns 0, or -1
 * when NAME or a nested synset is undefined. */
static int flatten(xl *x, verbs *v, const char *name, size_t n, int depth)
{
    uint32_t *id = ent_u64map_get(&v->syn_index, syn_hash(name, n));
    if (!id || depth > SYNSET_DEPTH)
        return -1;
    const synset *sy = &v->syn[*id - 1];
    for (uint32_t i = 0; i < sy->count; i++) {
        span m = v->members[sy->first + i];
        const char *t = v->pool.data + m.off;
        if (m.len && t[0] == '&') {
            if (flatten(x, v, t + 1, m.len - 1, depth + 1) < 0)
                return -1;
            continue;
        }
        if (ent_vec_reserve((void **)&v->flat, &v->flat_cap, v->nflat + 1, sizeof *v->flat)) {
            x->nomem = 1;
            return 0;
        }
        v->flat[v->nflat++] = m;
    }
    return 0;
}

/* Splits a pattern body into elements (see the banner). Returns 0, or -1 after reporting. */
static int split_pattern(xl *x, verbs *v, const char *s, size_t n, long line)
{
    v->nel = 0;
    int depth = 0, group_start = 0, space = 1, underscore = 0;
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (ent_dict__is_blank(c)) {
            space = 1;
            i++;
            continue;
        }
        if (c == '_') {
            underscore = 1;
            i++;
            continue;
        }
        if (c == '|') {
            skip(x, line, R_MALFORMED,
                 "alternatives { a | b } in a pattern are not supported (write a synset)");
            return -1;
        }
        if (c == '(' || c == '{') {
            /* A group starts a new element; a group inside a group ("(OF {BANNED PARTIES})")
               continues the outer one. */
            if (!depth++)
                group_start = 1;
            i++;
            continue;
        }
        if (c == ')' || c == '}') {
            if (depth)
                depth--;
            space = 1; /* the next element is outside the group */
            underscore = 0;
            i++;
            continue;
        }
        size_t w = i;
        if (c == '*') /* the verb position stands alone, even in "*_OUT" or "*SCEPTICAL" */
            i++;
        else
            while (i < n && !ent_dict__is_blank(s[i]) && s[i] != '_' && s[i] != '(' && s[i] != ')' &&
                   s[i] != '{' && s[i] != '}' && s[i] != '*')
                i++;
        size_t len = i - w;
        while (len > 1 && s[w + len - 1] == '=') /* TABARI's "no endings" mark */
            len--;
        elem e = {E_WORD, 0, {(uint32_t)w, (uint32_t)len}};
        if (len == 1) {
            switch (s[w]) {
            case '*':
                e.type = E_VERB;
                break;
            case '+':
                e.type = E_TARGET;
                break;
            case '$':
                e.type = E_SOURCE;
                break;
            case '%':
                e.type = E_COMPOUND;
                break;
            case '^':
                e.type = E_SKIP;
                break;
            }
        }
        if (s[w] == '&' && len > 1)
            e.type = E_SYNSET;
        if (group_start)
            e.glued = 0;
        else if (depth)
            e.glued = 1;
        else
            e.glued = underscore && !space;
        group_start = 0;
        space = underscore = 0;
        if (ent_vec_reserve((void **)&v->el, &v->el_cap, v->nel + 1, sizeof *v->el)) {
            x->nomem = 1;
            return -1;
        }
        v->el[v->nel++] = e;
    }
    return 0;
}

/* Checks the elements of a pattern; returns the index of '*', or -1 after reporting. */
static int check_pattern(xl *x, const verbs *v, long line)
{
    int star = -1, stars = 0, targets = 0, compounds = 0;
    for (size_t i = 0; i < v->nel; i++) {
        switch (v->el[i].type) {
        case E_VERB:
            star = (int)i;
            stars++;
            break;
        case E_COMPOUND:
            /* Before the verb, the subject is a compound acting on itself: .ent's '%'. */
            if (star >= 0 || compounds++) {
                skip(x, line, R_COMPOUND_SLOT,
                     "%% after the verb (a compound target) has no .ent form");
                return -1;
            }
            break;
        case E_SKIP:
            /* After the verb an actor passed over is a gap, which may hold one. */
            if (star < 0) {
                skip(x, line, R_SKIP_SLOT, "^ (skip an actor) before the verb has no .ent form");
                return -1;
            }
            break;
        case E_TARGET:
            targets++;
            break;
        }
    }
    if (stars != 1) {
        skip(x, line, R_MALFORMED,
             stars ? "more than one '*' (verb position)" : "no '*' (verb position)");
        return -1;
    }
    for (int i = 0; i < star; i++) {
        /* $ is the subject, entente's source anyway; words and synsets go before the '>'. */
        if (v->el[i].type == E_TARGET) {
            skip(x, line, R_TARGET_BEFORE,
                 "+ before the verb: entente reads a target there only as a passive's subject");
            return -1;
        }
    }
    int sources = 0;
    for (size_t i = (size_t)star + 1; i < v->nel; i++)
        if (v->el[i].type == E_SOURCE && sources++) {
            skip(x, line, R_TWO_SOURCES, "a .ent pattern has at most one $");
            return -1;
        }
    if (targets > 1) {
        skip(x, line, R_TWO_TARGETS, "a .ent pattern has at most one +");
        return -1;
    }
    return star;
}

/* Writes one alternative: the words before the verb and '>' ("said * > boycott"), the head,
 * then the elements after the verb, with choice[] picking the member of each synset (in
 * element order). A $ before the verb, dropped, leaves a gap. */
static void render(ent_buf *b, const verbs *v, const char *text, span head, size_t star,
                   const span *ranges, const uint32_t *choice)
{
    size_t k = 0;
    int before = 0, words_before = 0;
    for (size_t i = 0; i < star; i++)
        words_before += v->el[i].type != E_SOURCE && v->el[i].type != E_COMPOUND;
    for (size_t i = 0; i < star; i++)
        if (v->el[i].type == E_COMPOUND)
            ent_buf_puts(b, words_before ? "% " : "% > ");
    for (size_t i = 0; i < v->nel; i++) {
        const elem *e = &v->el[i];
        /* $ before the verb is the subject, entente's source anyway; after it, a '$' slot */
        if ((e->type == E_SOURCE && i < star) || e->type == E_COMPOUND || e->type == E_SKIP)
            continue;
        int glued = e->glued && i > 0 && (v->el[i - 1].type != E_SOURCE || i - 1 > star) &&
                    v->el[i - 1].type != E_COMPOUND && v->el[i - 1].type != E_SKIP;
        if (i == star) {
            if (before)
                ent_buf_puts(b, glued ? " > " : " * > ");
            ent_buf_append(b, v->pool.data + head.off, head.len);
            continue;
        }
        if (i < star ? before : 1)
            ent_buf_append(b, glued ? " " : " * ", glued ? 1 : 3);
        before |= i < star;
        if (e->type == E_TARGET || e->type == E_SOURCE) {
            ent_buf_putc(b, e->type == E_TARGET ? '+' : '$');
        } else if (e->type == E_SYNSET) {
            span m = v->flat[ranges[k].off + choice[k]];
            k++;
            ent_buf_append(b, v->pool.data + m.off, m.len);
        } else if (ent_buf_reserve(b, e->text.len) == 0) {
            for (uint32_t j = 0; j < e->text.len; j++)
                b->data[b->len++] = to_lower(text[e->text.off + j]);
            b->data[b->len] = '\0';
        }
    }
    if (v->nel && v->el[v->nel - 1].type == E_SKIP)
        ent_buf_puts(b, " *");
}

static void translate_pattern(xl *x, verbs *v, const char *s, size_t n, long line)
{
    /* "- body [CODE]  " */
    const char *open = NULL;
    for (size_t i = n; i-- > 0;)
        if (s[i] == '[') {
            open = s + i;
            break;
        }
    const char *close = open ? find(open, n - (size_t)(open - s), ']') : NULL;
    if (!open || !close) {
        skip(x, line, R_NO_CODE, "a pattern needs [CODE]");
        return;
    }
    char code[CODE_FIELD];
    int paired;
    if (resolve_code(x, v, code, &paired, open + 1, (size_t)(close - open - 1), line, 1) != CODE_OK)
        return;
    const char *body = s + 1;
    size_t body_len = (size_t)(open - body);
    if (split_pattern(x, v, body, body_len, line) < 0)
        return;
    int star = check_pattern(x, v, line);
    if (star < 0)
        return;
    if (!v->nheads) {
        skip(x, line, R_NO_VERB, "no verb of its block can head an entente pattern");
        return;
    }
    /* Synset members, one range per synset element. */
    span ranges[16];
    uint32_t choice[16];
    size_t nsyn = 0;
    size_t combos = 1;
    v->nflat = 0;
    for (size_t i = 0; i < v->nel; i++) {
        const elem *e = &v->el[i];
        if (e->type != E_SYNSET)
            continue;
        if (nsyn == sizeof ranges / sizeof *ranges) {
            skip(x, line, R_MALFORMED, "more than %zu synsets in one pattern", nsyn);
            return;
        }
        uint32_t first = (uint32_t)v->nflat;
        if (flatten(x, v, body + e->text.off + 1, e->text.len - 1, 0) < 0) {
            skip(x, line, R_SYNSET, "'%.*s' is not defined", shown(e->text.len),
                 body + e->text.off);
            return;
        }
        ranges[nsyn].off = first;
        ranges[nsyn].len = (uint32_t)(v->nflat - first);
        if (!ranges[nsyn].len) {
            skip(x, line, R_SYNSET, "synset '%.*s' has no member", shown(e->text.len),
                 body + e->text.off);
            return;
        }
        choice[nsyn] = 0;
        combos = combos > SIZE_MAX / ranges[nsyn].len ? SIZE_MAX : combos * ranges[nsyn].len;
        nsyn++;
    }
    size_t todo = combos > SYNSET_CAP ? SYNSET_CAP : combos;
    if (combos > SYNSET_CAP)
        warn(x, line, N_CAPPED, "%d of %zu synset combinations are kept", SYNSET_CAP, combos);
    int started = 0;
    for (size_t c = 0; c < todo; c++) {
        for (size_t h = 0; h < v->nheads; h++) {
            ent_buf_reset(&x->tmp);
            render(&x->tmp, v, body, v->heads[h], (size_t)star, ranges, choice);
            if (x->tmp.failed) {
                x->nomem = 1;
                return;
            }
            uint64_t key = fnv(fnv(FNV_INIT, code, strlen(code) + 1), x->tmp.data, x->tmp.len);
            if (ent_u64map_get(&x->seen, key))
                continue;
            note_nomem(x, ent_u64map_put(&x->seen, key, 1));
            if (!started) {
                begin_entry(x, line);
                note_nomem(x, ent_buf_appendf(x->out, "%s : ", code));
                started = 1;
            } else {
                note_nomem(x, ent_buf_append(x->out, " | ", 3));
            }
            note_nomem(x, ent_buf_append(x->out, x->tmp.data, x->tmp.len));
        }
        /* next combination: the first synset varies fastest */
        for (size_t k = 0; k < nsyn; k++) {
            if (++choice[k] < ranges[k].len)
                break;
            choice[k] = 0;
        }
    }
    if (started) {
        end_entry(x);
        x->paired += paired;
    }
}

static void flush_block(xl *x, verbs *v)
{
    if (!v->in_block)
        return;
    for (size_t i = 0; i < v->pats.n; i++)
        translate_pattern(x, v, held_line(&v->pats, i), v->pats.at[i].len, v->pats.lineno[i]);
    v->in_block = 0;
    v->nheads = v->nhead_hashes = v->pats.n = 0;
    ent_buf_reset(&v->pats.text);
    ent_u64map_free(&x->seen);
}

static void begin_block(xl *x, verbs *v, const char *s, size_t n)
{
    flush_block(x, v);
    v->in_block = 1;
    strcpy(v->block_code, "---");
    const char *open = find(s, n, '[');
    const char *close = open ? find(open, n - (size_t)(open - s), ']') : NULL;
    if (open && close && (size_t)(close - open - 1) < sizeof v->block_code) {
        memcpy(v->block_code, open + 1, (size_t)(close - open - 1));
        v->block_code[close - open - 1] = '\0';
    }
}

/*
 * .ent heads are lemmas, and PETRARCH writes some verbs inflected ("RISEN" with its "DEATH
 * TOLL *", "KILLED", "SAID"): a one-word head becomes its lemma when that is the word less a
 * regular ending (rise, kill, say), so its patterns reach the text's verb. An irregular form
 * stays as written: the lexicon gives one lemma per form, and "FOUND" under ESTABLISH is not
 * "find", nor "WOUND" "wind".
 */
static void lemmatize_head(xl *x, ent_buf *pool, size_t at)
{
    const char *w = pool->data + at;
    size_t n = pool->len - at;
    uint64_t lemma;
    if (!x->text || memchr(w, ' ', n) || !ent_dict__verb_lemma(x->text, w, n, &lemma) ||
        lemma == ent_text_hash(w, n))
        return;
    char base[ENT_DICT_BASE_MAX];
    size_t bn = ent_dict__regular_base(base, w, n, lemma);
    if (bn) {
        buf_cut(pool, at);
        note_nomem(x, ent_buf_append(pool, base, bn));
    }
}

/* What the verb named name (as written) stands for in a transformation: the family of its
 * code (NULL: a null code) or its head, a one-word lemma. The first line of a name counts. */
static void remember_verb_test(xl *x, verbs *v, const char *name, size_t n, const char *code,
                               span head)
{
    uint64_t key = syn_hash(name, n);
    if (ent_u64map_get(&v->verb_tests, key))
        return;
    size_t at = v->tests.len;
    if (code) {
        size_t cn = strcspn(code, "/");
        /* PETRARCH-2 matches a code and its family: 190 stands for 19x */
        note_nomem(x, ent_buf_append(&v->tests, code, cn == 3 && code[2] == '0' ? 2 : cn));
    } else if (!memchr(v->pool.data + head.off, ' ', head.len)) {
        note_nomem(x, ent_buf_append(&v->tests, v->pool.data + head.off, head.len));
    } else {
        return;
    }
    note_nomem(x, ent_buf_putc(&v->tests, '\0'));
    note_nomem(x, ent_u64map_put(&v->verb_tests, key, (uint32_t)at + 1));
}

/* The transformation test of the verb named by the n bytes at s, or NULL. */
static const char *verb_test(const verbs *v, const char *s, size_t n)
{
    const uint32_t *at = ent_u64map_get(&v->verb_tests, syn_hash(s, n));
    return at ? v->tests.data + *at - 1 : NULL;
}

/*
 * "~ a (b . ATTACK) SAY = a b 112" becomes "112 : a ( b . 19 ) 01 = a b": the verbs become
 * the families of their codes (ATTACK's block is 190, SAY's 010) or, for a verb of null code,
 * its lemma ("attempt"); Q, the variables, '.' and '_' stay. One that names a verb no line
 * of the file lists is skipped.
 */
static void translate_transformation(xl *x, verbs *v, const char *s, size_t n, long line)
{
    /* the elements: ~ speaker ( source target VERB ) VERB = source target CODE */
    span e[12];
    size_t ne = 0, i = 1;
    while (i < n && ne < 12) {
        while (i < n && ent_dict__is_blank(s[i]))
            i++;
        if (i == n)
            break;
        size_t k = i + 1;
        if (s[i] != '(' && s[i] != ')' && s[i] != '=')
            while (k < n && !ent_dict__is_blank(s[k]) && !strchr("()=", s[k]))
                k++;
        e[ne].off = (uint32_t)i;
        e[ne++].len = (uint32_t)(k - i);
        i = k;
    }
    if (ne != 11 || s[e[1].off] != '(' || s[e[5].off] != ')' || s[e[7].off] != '=') {
        skip(x, line, R_TRANSFORMATION, "not '~ a (b . VERB) VERB = a b CODE'");
        return;
    }
    const char *tests[2];
    for (int k = 0; k < 2; k++) {
        span w = e[k ? 6 : 4];
        tests[k] = k == 0 && w.len == 1 && s[w.off] == 'Q' ? "Q" : verb_test(v, s + w.off, w.len);
        if (!tests[k]) {
            skip(x, line, R_TRANSFORMATION, "'%.*s' is not a verb of this file", shown(w.len),
                 s + w.off);
            return;
        }
    }
    char code[CODE_FIELD] = "Q";
    int paired = 0;
    span c = e[10];
    if (!(c.len == 1 && s[c.off] == 'Q') &&
        (resolve_code(x, v, code, &paired, s + c.off, c.len, line, 1) != CODE_OK || paired ||
         strchr(code, '/'))) {
        if (paired || strchr(code, '/'))
            skip(x, line, R_TRANSFORMATION, "a transformation has one code");
        return;
    }
    begin_entry(x, line);
    note_nomem(x, ent_buf_appendf(x->out, "%s : %.*s ( %.*s %.*s %s ) %s = %.*s %.*s", code,
                                  shown(e[0].len), s + e[0].off, shown(e[2].len), s + e[2].off,
                                  shown(e[3].len), s + e[3].off, tests[0], tests[1],
                                  shown(e[8].len), s + e[8].off, shown(e[9].len), s + e[9].off));
    end_entry(x);
}

/* A verb line: VERB, +MULTI_WORD, VERB {FORMS} [CODE]. The forms are not needed: entente
 * matches the verb by lemma. */
static void verb_line(xl *x, verbs *v, const char *s, size_t n, long line)
{
    size_t k = 0;
    while (k < n && !ent_dict__is_blank(s[k]) && s[k] != '{' && s[k] != '[')
        k++;
    const char *word = s;
    size_t wn = k;
    /* "+CALL_OFF": the '+' marks the verb; words before it cannot be said in .ent */
    const char *plus = find(word, wn, '+');
    if (plus && plus != word) {
        skip(x, line, R_BEFORE_VERB,
             "'%.*s' has words before the verb, which a verb line of .ent cannot carry", shown(wn),
             word);
        return;
    }
    if (plus)
        word++, wn--;
    size_t at = v->pool.len;
    if (!put_phrase(&v->pool, word, wn, STYLE_LOWER) ||
        has_slot_word(v->pool.data + at, v->pool.len - at)) {
        note_nomem(x, v->pool.failed ? -1 : 0);
        buf_cut(&v->pool, at);
        skip(x, line, R_NO_WORDS, "'%.*s' is not a verb", shown(wn), word);
        return;
    }
    lemmatize_head(x, &v->pool, at);
    span head = {(uint32_t)at, (uint32_t)(v->pool.len - at)};
    uint64_t h = fnv(FNV_INIT, v->pool.data + head.off, head.len);
    int repeat = 0;
    for (size_t i = 0; i < v->nhead_hashes; i++)
        repeat |= v->head_hashes[i] == h;
    if (!repeat) {
        if (ent_vec_reserve((void **)&v->heads, &v->heads_cap, v->nheads + 1, sizeof *v->heads) ||
            ent_vec_reserve((void **)&v->head_hashes, &v->head_hashes_cap, v->nhead_hashes + 1,
                            sizeof *v->head_hashes)) {
            x->nomem = 1;
            return;
        }
        v->heads[v->nheads++] = head;
        v->head_hashes[v->nhead_hashes++] = h;
    }
    /* The verb's own code, else its block's: the verb-only pattern. */
    const char *rest = s + k;
    size_t rn = n - k;
    const char *brace = find(rest, rn, '{');
    if (brace) {
        const char *rb = find(brace, rn - (size_t)(brace - rest), '}');
        if (rb) {
            rn -= (size_t)(rb + 1 - rest);
            rest = rb + 1;
        }
    }
    const char *open = find(rest, rn, '[');
    const char *close = open ? find(open, rn - (size_t)(open - rest), ']') : NULL;
    const char *cs = v->block_code;
    size_t cn = strlen(cs);
    if (open && close) {
        cs = open + 1;
        cn = (size_t)(close - open - 1);
    }
    char code[CODE_FIELD];
    int paired;
    int rc = resolve_code(x, v, code, &paired, cs, cn, line, 0);
    remember_verb_test(x, v, word, wn, rc == CODE_OK ? code : NULL, head);
    if (rc != CODE_OK)
        return;
    uint64_t key = fnv(fnv(FNV_INIT, code, strlen(code) + 1), v->pool.data + head.off, head.len);
    if (ent_u64map_get(&x->seen, key))
        return;
    note_nomem(x, ent_u64map_put(&x->seen, key, 1));
    begin_entry(x, line);
    note_nomem(x, ent_buf_appendf(x->out, "%s : ", code));
    note_nomem(x, ent_buf_append(x->out, v->pool.data + head.off, head.len));
    end_entry(x);
    x->paired += paired;
}

static void translate_verbs(xl *x)
{
    verbs *v = calloc(1, sizeof *v);
    if (!v) {
        x->nomem = 1;
        return;
    }
    load_cameo(v);
    read_synsets(x, v);
    int in_synset = 0;
    while (!x->nomem && next_line(x)) {
        const char *s = x->line.data;
        size_t n = x->line.len;
        long line = x->lineno;
        if (n >= 3 && memcmp(s, "---", 3) == 0) {
            begin_block(x, v, s, n);
            in_synset = 0;
            continue;
        }
        if (s[0] == '&') {
            in_synset = 1;
            continue;
        }
        if (s[0] == '+' && in_synset)
            continue;
        in_synset = 0;
        if (s[0] == '~') {
            note_nomem(x, hold(&v->transformations, s, n, line));
            continue;
        }
        if (!v->in_block) {
            skip(x, line, R_OUTSIDE, "not inside a verb block (--- NAME [CODE] ---)");
            continue;
        }
        if (s[0] == '-') {
            /* Patterns wait for the end of the block: they apply to all its verbs. */
            note_nomem(x, hold(&v->pats, s, n, line));
            continue;
        }
        verb_line(x, v, s, n, line);
    }
    flush_block(x, v);
    const held *t = &v->transformations;
    if (t->n) {
        set_section(x, "@transformations");
        for (size_t i = 0; i < t->n; i++)
            translate_transformation(x, v, held_line(t, i), t->at[i].len, t->lineno[i]);
    }
    if (v->extra.n) {
        warn(x, 0, N_EXTRA_CODES,
             "%zu event code(s) outside entente's CAMEO codebook (first: %s on line %ld) are "
             "kept, with Goldstein 0",
             v->extra.n, v->extra.codes[0].code, v->extra.codes[0].line);
        ent_dict__extra_codes_write(x->out, &v->extra, x->name);
        x->st->entries += v->extra.n;
        x->section = NULL;
        x->next_line = -1;
    }
    ent_dict__extra_codes_free(&v->extra);
    if (x->paired)
        warn(x, 0, N_PAIRED,
             "%zu paired code(s) [A:B] whose B is not a code keep A (source to target)", x->paired);
    if (v->pool.failed || v->tests.failed)
        x->nomem = 1;
    ent_u64map_free(&v->verb_tests);
    ent_buf_free(&v->tests);
    held_free(&v->transformations);
    ent_buf_free(&v->pool);
    held_free(&v->pats);
    free(v->members);
    free(v->syn);
    ent_u64map_free(&v->syn_index);
    free(v->heads);
    free(v->head_hashes);
    free(v->el);
    free(v->flat);
    free(v);
}

/* ------------------------------------------------------------ recognising ---- */

static int contains_ci(const char *s, const char *what)
{
    size_t n = strlen(s), k = strlen(what);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && to_lower(s[i + j]) == what[j])
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

/* ----------------------------------------------------------------- ontology ---- */
/*
 * PETR.Internal.Coding.Ontology.txt ("PICO") gives each CAMEO code PETRARCH-2's internal
 * value, a sum of hex terms: "110:0x1007f", "121:-0xFFFF+0x0070" (after '#', comments and
 * other spellings of the same value). PETRARCH-2 negates a verb by subtracting 0xFFFF from
 * its value: "did not clash", 110 (0x1007F) less 0xFFFF, is 0x0080, 050. Those negations
 * become @negations entries ("050 : 110"); the table's other sums (a verb with the verb
 * that governs it) have no .ent form.
 */
#define PICO_NEGATION 0xFFFF
#define PICO_MAX_TERMS 16

typedef struct pico_code {
    char code[5];
    int64_t value;
    long line;
} pico_code;

static int hex_digit(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* The value of a sum such as "-0xFFFF+0x2040+0x300" into *out; 0 when s is not one (terms
 * of at most 8 hex digits, at most PICO_MAX_TERMS of them, so the sum cannot overflow). */
static int pico_value(const char *s, size_t n, int64_t *out)
{
    int64_t sum = 0;
    int terms = 0;
    size_t k = 0;
    for (;;) {
        while (k < n && ent_dict__is_blank(s[k]))
            k++;
        if (k == n)
            break;
        int64_t sign = 1;
        if (s[k] == '+' || s[k] == '-')
            sign = s[k++] == '-' ? -1 : 1;
        else if (terms)
            return 0; /* terms are joined by a sign */
        while (k < n && ent_dict__is_blank(s[k]))
            k++;
        if (k + 2 >= n || s[k] != '0' || (s[k + 1] != 'x' && s[k + 1] != 'X'))
            return 0;
        k += 2;
        int64_t term = 0;
        size_t digits = 0;
        for (int d; k < n && (d = hex_digit(s[k])) >= 0; k++, digits++) {
            if (digits == 8)
                return 0;
            term = term * 16 + d;
        }
        if (!digits || ++terms > PICO_MAX_TERMS)
            return 0;
        sum += sign * term;
    }
    if (!terms)
        return 0;
    *out = sum;
    return 1;
}

/* A map key for a value: never 0 or 1, which ent_u64map does not keep apart. */
static uint64_t pico_key(int64_t value)
{
    return (uint64_t)value ^ 0x8000000000000000ULL;
}

static void translate_ontology(xl *x)
{
    pico_code *codes = NULL;
    size_t n = 0, cap = 0;
    ent_u64map first = {0}; /* value -> the first code with it */
    while (next_line(x)) {
        const char *s = x->line.data;
        size_t len = x->line.len;
        const char *colon = find(s, len, ':');
        size_t cn = colon ? (size_t)(colon - s) : 0;
        if (cn == 3 && !memcmp(s, "---", 3))
            continue; /* the null code */
        int64_t value;
        if (!colon || cn >= sizeof codes->code || !ent_dict__is_event_code(s, cn) ||
            !pico_value(colon + 1, len - cn - 1, &value)) {
            skip(x, x->lineno, R_MALFORMED,
                 "expected 'CODE:0xHEX' (a CAMEO code and a sum of hex values)");
            continue;
        }
        if (ent_vec_reserve((void **)&codes, &cap, n + 1, sizeof *codes)) {
            x->nomem = 1;
            break;
        }
        memcpy(codes[n].code, s, cn);
        codes[n].code[cn] = '\0';
        codes[n].value = value;
        codes[n].line = x->lineno;
        if (!ent_u64map_get(&first, pico_key(value)))
            note_nomem(x, ent_u64map_put(&first, pico_key(value), (uint32_t)n));
        n++;
    }
    for (size_t i = 0; i < n && !x->nomem; i++) {
        const uint32_t *neg = ent_u64map_get(&first, pico_key(codes[i].value - PICO_NEGATION));
        if (!neg)
            continue;
        begin_entry(x, codes[i].line);
        note_nomem(x, ent_buf_appendf(x->out, "%s : %s", codes[*neg].code, codes[i].code));
        end_entry(x);
    }
    ent_u64map_free(&first);
    free(codes);
}

/* The kind a file name says ("Phoenix.agents.txt"), or -1. */
static int kind_from_name(const char *name)
{
    if (!name)
        return -1;
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    static const struct {
        const char *word;
        int kind;
    } words[] = {{"ontology", K_ONTOLOGY}, {"issue", K_ISSUES}, {"discard", K_DISCARDS},
                 {"agent", K_AGENTS},      {"actor", K_ACTORS}, {"verb", K_VERBS},
                 {"cameo", K_VERBS}};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (contains_ci(base, words[i].word))
            return words[i].kind;
    return -1;
}

/* 1 for a line of PETRARCH-2's internal coding ontology: "0211:0x2041", "122:-0xFFFF+…". */
static int ontology_line(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && ent_dict__is_digit(s[k]))
        k++;
    if (k < 2 || k > 4 || k == n || s[k] != ':')
        return 0;
    k++;
    if (k < n && (s[k] == '-' || s[k] == '+'))
        k++;
    return k + 1 < n && s[k] == '0' && (s[k + 1] == 'x' || s[k + 1] == 'X');
}

/* The kind the content shows: <ISSUE> tags, verb blocks, [~ROLE] codes, [CODE]s, the coding
 * ontology, or else a plain phrase list (discards). */
static int kind_from_content(xl *x)
{
    int verbs_seen = 0, agents = 0, codes = 0, ontology = 0;
    x->quiet = 1;
    while (next_line(x)) {
        const char *s = x->line.data;
        size_t n = x->line.len;
        if (n >= 6 && memcmp(s, "<ISSUE", 6) == 0) {
            rewind_reader(x);
            x->quiet = 0;
            return K_ISSUES;
        }
        ontology |= ontology_line(s, n);
        if (n >= 3 && memcmp(s, "---", 3) == 0 && find(s, n, '['))
            verbs_seen = 1;
        if (find_str(s, n, "[~") || find_str(s, n, "~]"))
            agents = 1;
        if (find(s, n, '['))
            codes = 1;
    }
    rewind_reader(x);
    x->quiet = 0;
    return verbs_seen ? K_VERBS
           : agents   ? K_AGENTS
           : codes    ? K_ACTORS
           : ontology ? K_ONTOLOGY
                      : K_DISCARDS;
}

/* ------------------------------------------------------------------- entry ---- */

int ent_dict__petrarch_translate(struct ent_buf *out, const char *name, const char *data,
                                 size_t len, ent_diag_fn diag, void *diag_ctx,
                                 ent_dict__foreign_stats *st, struct ent_text *text)
{
    xl x;
    memset(&x, 0, sizeof x);
    x.out = out;
    x.name = name ? name : "";
    x.diag = diag;
    x.diag_ctx = diag_ctx;
    x.st = st;
    x.data = data ? data : "";
    x.len = data ? len : 0;
    x.next_line = -1;
    x.text = text;
    st->entries = st->skipped = 0;

    int kind = kind_from_name(name);
    if (kind < 0)
        kind = kind_from_content(&x);
    if (section_of[kind])
        set_section(&x, section_of[kind]);
    switch (kind) {
    case K_ACTORS:
        translate_actors(&x);
        break;
    case K_AGENTS:
        translate_agents(&x);
        break;
    case K_VERBS:
        translate_verbs(&x);
        break;
    case K_DISCARDS:
        translate_discards(&x);
        break;
    case K_ISSUES:
        translate_issues(&x);
        break;
    case K_ONTOLOGY:
        translate_ontology(&x);
        break;
    }
    if (x.line.failed || x.tmp.failed || x.tmp2.failed || out->failed)
        x.nomem = 1;
    ent_buf_free(&x.line);
    ent_buf_free(&x.tmp);
    ent_buf_free(&x.tmp2);
    ent_u64map_free(&x.seen);
    return x.nomem ? ENT_ENOMEM : ENT_OK;
}
