/*
 * dict — stage 3: TABARI dictionaries (.actors, .agents, .verbs, .options) read by translating
 * them into entente's own .ent text (docs/dictionary-format.md), which the ordinary loader then
 * compiles. The mapping, and what .ent cannot express, is in docs/dictionary-interop.md
 * ("TABARI"); the contract is at the end of dict_internal.h.
 *
 * Bytes are read as they come: LF, CRLF or a lone CR ends a line; NUL, Ctrl-Z and other control
 * bytes are dropped; a line that is not UTF-8 is read as Windows-1252 (ISO-8859-1 plus the
 * printable 0x80-0x9F characters) and reported once. What cannot be translated is reported at
 * its original line with a reason key in parentheses ("skipped (words before verb): …") and
 * counted in st->skipped. Approximations that touch many lines (stems, paired codes…) are
 * summed up once per file at the end, as "note (key): …" on line 0.
 */
#include "dict_internal.h"

#include "util/diag.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/embedded.h"
#include "util/file.h"
#include "util/u64map.h"
#include "util/vec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ reasons and notes ---- */

/*
 * Why a line, or a part of one, was not translated. The key starts every message, so callers
 * and tests can count by reason. To add one: a value here and its row in reasons[].
 */
enum reason {
    R_MALFORMED,
    R_NO_CODE,
    R_NULL,
    R_DISCARD,
    R_COMPLEX,
    R_NOT_CAMEO,
    R_BAD_CODE,
    R_BAD_ROLE,
    R_TARGET_BEFORE,
    R_TWO_SOURCES,
    R_COMPOUND_SLOT,
    R_SKIP_SLOT,
    R_TWO_TARGETS,
    R_SYNSET,
    R_TIME,
    R_RESERVED,
    R_OPTION,
    R_COUNT
};

static const struct {
    const char *key, *why;
} reasons[R_COUNT] = {
    [R_MALFORMED] = {"malformed", "the line does not follow the TABARI format"},
    [R_NO_CODE] = {"no code", "the phrase has no [CODE]"},
    [R_NULL] = {"null code", "[---] codes nothing"},
    [R_DISCARD] = {"discard", "only a whole phrase can be a .ent discard, not a pattern or a "
                              "dated restriction"},
    [R_COMPLEX] = {"complex", "[+++] (mark the sentence complex) has no .ent form"},
    [R_NOT_CAMEO] = {"not CAMEO", "the event code is not 2 to 4 digits, or 3 and a letter (174K)"},
    [R_BAD_CODE] = {"bad code",
                    "entente actor codes are 3 to 15 of A-Z and 0-9 (several joined by /)"},
    [R_BAD_ROLE] = {"bad role", "entente agent codes are three of A-Z and 0-9 after '~'"},
    [R_TARGET_BEFORE] = {"target before verb",
                         "a target before the verb is .ent's only after a word ('SAID + MUST *') "
                         "or as a passive's subject ('+ WAS * BY $')"},
    [R_TWO_SOURCES] = {"two sources", "a .ent pattern has at most one '$'"},
    [R_COMPOUND_SLOT] = {"compound slot", "% after the verb (or twice) has no .ent form"},
    [R_SKIP_SLOT] = {"skip slot", "^ before the verb has no .ent form"},
    [R_TWO_TARGETS] = {"two targets", "a .ent pattern has at most one +"},
    [R_SYNSET] = {"unknown synset", "the &SET is not declared, or sets nest more than 8 deep"},
    [R_TIME] = {"time shift", "<TIME> phrases move event dates; .ent has no such entries"},
    [R_RESERVED] = {"reserved character", "'|' and a word starting with '#' cannot be written in "
                                          ".ent"},
    [R_OPTION] = {"option", "TABARI options set up the coder, not the dictionary"},
};

/*
 * Approximations: translated, but matched differently from TABARI. Counted, and reported once
 * per file with the first line and an example. To add one: a value here and its row.
 */
enum note {
    N_CONTROL,
    N_STEM,
    N_GAP,
    N_HEAD_LEMMA,
    N_HEAD_UNKNOWN,
    N_HEAD_IRREGULAR,
    N_WORD_STEM,
    N_PAIRED,
    N_PRIORITY,
    N_SOURCE,
    N_FORMS,
    N_PREFIX_ROLE,
    N_DAY,
    N_HINTS,
    N_NO_LEXICON,
    N_EXTRA_CODES,
    N_COUNT
};

static const struct {
    const char *key, *text;
} notes[N_COUNT] = {
    [N_CONTROL] = {"control bytes", "lines had NUL, Ctrl-Z or other control bytes, dropped"},
    [N_STEM] = {"stem", "phrases end in a TABARI stem (a word without '_' matches every word it "
                        "begins) that entente matches as a whole word: an agent's (its plural is "
                        "added), an acronym, or one not of 3 to 63 letters"},
    [N_GAP] = {"blank", "phrases join words with a blank, which in TABARI lets other words come "
                        "between; entente matches them adjacent"},
    [N_HEAD_LEMMA] = {"lemma", "root verbs were written as their lemma, since entente matches "
                               "verbs by lemma"},
    [N_HEAD_UNKNOWN] = {"not a verb", "root verbs are not verbs the lexicon knows and were kept as "
                                      "written"},
    [N_HEAD_IRREGULAR] = {"irregular", "root verbs are irregular forms whose base form is not in "
                                       "the file; kept as written, they do not match"},
    [N_WORD_STEM] = {"word stem", "pattern words were stems: their patterns were also written "
                                  "with the verb they begin (VIOLAT: violate)"},
    [N_PAIRED] = {"paired", "paired codes [A:B] whose B is not a code keep A (source to "
                            "target); no reverse event is coded"},
    [N_PRIORITY] = {"priority", "codes marked ! (dominant) or ? (subordinate) are coded as plain "
                                "codes"},
    [N_SOURCE] = {"source", "patterns lost a $ before the verb: entente's source is the verb's "
                            "subject"},
    [N_FORMS] = {"verb forms", "verb form lists {...} were not needed: entente finds inflections "
                               "by lemma"},
    [N_PREFIX_ROLE] = {"prefix role", "agent codes written CODE~ compose like ~CODE"},
    [N_DAY] = {"day", "dates name a day past the end of their month (090231) and were read as "
                      "the month's last day"},
    [N_HINTS] = {"parser hints", "<NOUN>/<ADJECTIVE> words were ignored: they only guide TABARI's "
                                 "parser"},
    [N_NO_LEXICON] = {"no WordNet", "root verbs were kept as written: WordNet was not found"},
    [N_EXTRA_CODES] = {"outside CAMEO", "uses of event codes outside entente's CAMEO codebook "
                                        "were kept, the codes declared with Goldstein 0"},
};

/* --------------------------------------------------------------------------- state ---- */

enum kind { K_UNKNOWN, K_ACTORS, K_AGENTS, K_VERBS, K_OPTIONS };

/* Output sections, compared by address. */
static const char SEC_ACTORS[] = "actors", SEC_AGENTS[] = "agents", SEC_VERBS[] = "verbs",
                  SEC_DISCARDS[] = "discards", SEC_PLACES[] = "places";

/* The label of discards and places made from TABARI's [###] and [---] phrases. */
#define LABEL "TABARI"

/* Open ends of date ranges. */
#define D_MIN ((int64_t)INT32_MIN)
#define D_MAX ((int64_t)INT32_MAX)

/* What a bracketed code is. */
enum { C_CODE, C_NULL, C_DISCARD, C_COMPLEX, C_BAD };

/* One [CODE date-restriction] of an actor or agent group, in file order. */
typedef struct restr {
    char code[ENT_DICT_ACTOR_CODES_MAX + 1];
    char text[48]; /* as written, for messages */
    int kind;
    int64_t lo, hi;
    long line;
} restr;

/* One phrase of a group: its .ent text (with its plural after " | ") in group.text. */
typedef struct phr {
    long line;
    size_t off, len;
} phr;

/* An actor or agent entry: a phrase, its + synonyms and every code line that follows. */
typedef struct group {
    long line; /* the first phrase's line; 0: no group open */
    char first[96];
    phr *ph;
    size_t nph, cap_ph;
    restr *rs;
    size_t nrs, cap_rs;
    size_t brackets; /* [...] blocks seen, valid or not */
    ent_buf text;
} group;

/* A synonym set of a .verbs file: its members are pattern texts in tr.members. */
typedef struct synset {
    const char *name;
    size_t name_len, first, count;
} synset;

typedef struct member {
    const char *s;
    size_t len;
} member;

typedef struct note_count {
    size_t n;
    long first;
    char example[64];
} note_count;

typedef struct tr {
    ent_buf *out;
    const char *name;
    ent_diag_fn diag;
    void *diag_ctx;
    ent_dict__foreign_stats *st;
    enum kind kind;
    long line;           /* original line being read */
    long out_line;       /* line the loader gives the next output line; 0: not known */
    const char *section; /* output section being written */
    int oom;
    note_count notes[N_COUNT];
    ent_buf clean; /* the current line, cleaned */
    ent_buf entry; /* the entry being built */
    ent_buf pat;   /* one pattern being built */
    group g;
    int hints; /* inside <NOUN> or <ADJECTIVE> */
    /* .verbs */
    ent_arena pool;
    synset *sets;
    size_t nsets, cap_sets;
    member *members;
    size_t nmembers, cap_members;
    long open_set; /* index of the set + lines add to, or -1 */
    size_t budget; /* expand() calls left for the current line */
    int block;     /* B_NONE, B_SYNSETS or B_TIME */
    int have_root;
    ent_buf root;       /* .ent text of the current root: "call * on" */
    ent_buf root_words; /* its words as a phrase, for a [###] root: "davis cup" */
    ent_buf root_entry; /* the root's own entry, written after its patterns (flush_root) */
    long root_line;
    ent_u64map heads;   /* hash of a root's first word -> index into head_words */
    const char **head_words;
    size_t nheads, cap_heads;
    ent_lexicon *lex;
    ent_text *text;
    ent_u64map cameo; /* hashes of the CAMEO codes entente knows */
    int have_cameo;
    ent_dict__extra_codes extra; /* codes used that the codebook lacks */
} tr;

enum { B_NONE, B_SYNSETS, B_TIME };

/* A verb code as .ent writes it: "0331", or "032/033" with the reverse event's code. */
#define CODE_FIELD 10

/* ------------------------------------------------------------------------- helpers ---- */

static int is_alnum(char c)
{
    return ent_dict__is_upper(c) || ent_dict__is_lower(c) || ent_dict__is_digit(c);
}

static void trim(const char **s, size_t *n)
{
    while (*n && ent_dict__is_blank(**s))
        (*s)++, (*n)--;
    while (*n && ent_dict__is_blank((*s)[*n - 1]))
        (*n)--;
}

/* Whether any of the characters in set occurs in the n bytes at s. */
static int strpbrk_n(const char *s, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++)
        if (strchr(set, s[i]))
            return 1;
    return 0;
}

static int prefix_ci(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        char c = s[i];
        if (ent_dict__is_lower(c))
            c = (char)(c - 'a' + 'A');
        if (c != p[i])
            return 0;
    }
    return 1;
}

/* Message text is clipped so one message stays one readable line. */
static int clip(size_t n)
{
    return n > 160 ? 160 : (int)n;
}

static void say(tr *t, long line, const char *fmt, ...) ENT_PRINTF(3, 4);
static void say(tr *t, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent__vdiagf(t->diag, t->diag_ctx, t->name, line, fmt, ap);
    va_end(ap);
}

static void skip_at(tr *t, long line, enum reason r, const char *what, size_t n)
{
    t->st->skipped++;
    say(t, line, "skipped (%s): %s: '%.*s'", reasons[r].key, reasons[r].why, clip(n), what);
}

static void skip(tr *t, enum reason r, const char *what, size_t n)
{
    skip_at(t, t->line, r, what, n);
}

static void note_at(tr *t, long line, enum note k, const char *example, size_t n)
{
    note_count *c = &t->notes[k];
    if (c->n++)
        return;
    c->first = line;
    if (n >= sizeof c->example)
        n = sizeof c->example - 1;
    memcpy(c->example, example, n);
    c->example[n] = '\0';
}

static void note(tr *t, enum note k, const char *example, size_t n)
{
    note_at(t, t->line, k, example, n);
}

static void report_notes(tr *t)
{
    for (int k = 0; k < N_COUNT; k++) {
        const note_count *c = &t->notes[k];
        if (c->n && !c->first)
            say(t, 0, "note (%s): %s: %s", notes[k].key, notes[k].text, c->example);
        else if (c->n)
            say(t, 0, "note (%s): %zu %s (first at line %ld: '%s')", notes[k].key, c->n,
                notes[k].text, c->first, c->example);
    }
}

static void put_section(tr *t, const char *sec)
{
    if (t->section == sec)
        return;
    ent_buf_appendf(t->out, "@%s\n", sec);
    t->section = sec;
    if (t->out_line)
        t->out_line++;
}

/* Appends one .ent entry from original line `line`, with "@line" when the loader's count
 * would name another line. */
static void put_entry(tr *t, long line, const char *sec, const char *text, size_t n)
{
    put_section(t, sec);
    if (t->out_line != line) {
        ent_buf_appendf(t->out, "@line %ld\n", line);
        t->out_line = line;
    }
    ent_buf_append(t->out, text, n);
    ent_buf_putc(t->out, '\n');
    t->out_line++;
    t->st->entries++;
}

static const char *str(const ent_buf *b)
{
    return b->data ? b->data : "";
}

/* ---------------------------------------------------------------------- reading bytes ---- */

/* The next line from *pos, without its end: LF, CRLF and a lone CR all end a line. */
static int next_line(const char *data, size_t len, size_t *pos, const char **s, size_t *n)
{
    if (*pos >= len)
        return 0;
    size_t i = *pos;
    while (i < len && data[i] != '\n' && data[i] != '\r')
        i++;
    *s = data + *pos;
    *n = i - *pos;
    if (i + 1 < len && data[i] == '\r' && data[i + 1] == '\n')
        i++;
    *pos = i + 1;
    return 1;
}

/* Windows-1252 for bytes 0x80-0x9F; 0 where it defines nothing (the byte is dropped). */
static const uint16_t cp1252[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static void put_codepoint(ent_buf *b, unsigned cp)
{
    if (cp < 0x800) {
        ent_buf_putc(b, (char)(0xC0 | cp >> 6));
        ent_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else {
        ent_buf_putc(b, (char)(0xE0 | cp >> 12));
        ent_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        ent_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    }
}

/* Copies a raw line into t->clean: control bytes dropped, non-UTF-8 bytes read as
 * Windows-1252 (reported once for the line). */
static void clean_line(tr *t, const char *s, size_t n)
{
    ent_buf_reset(&t->clean);
    ent_buf_reserve(&t->clean, n + 1);
    int latin = 0, control = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if ((c >= 0x20 && c != 0x7F) || c == '\t')
                ent_buf_putc(&t->clean, (char)c);
            else
                control = 1;
            i++;
            continue;
        }
        size_t k = ent_utf8_seqlen(s + i, n - i);
        if (k) {
            ent_buf_append(&t->clean, s + i, k);
            i += k;
            continue;
        }
        latin = 1;
        unsigned cp = c >= 0xA0 ? c : cp1252[c - 0x80];
        if (cp)
            put_codepoint(&t->clean, cp);
        i++;
    }
    if (control)
        note(t, N_CONTROL, str(&t->clean), t->clean.len);
    if (latin)
        say(t, t->line, "warning (not UTF-8): the line was read as Windows-1252 (ISO-8859-1)");
}

/* Splits "text [code] ;comment": *body is the text before ';', trimmed. */
static void strip_comment(const char **s, size_t *n)
{
    const char *semi = memchr(*s, ';', *n);
    if (semi)
        *n = (size_t)(semi - *s);
    trim(s, n);
}

/* ------------------------------------------------------------------------- phrases ---- */

enum { CASE_LOWER, CASE_TITLE, CASE_UPPER };

/* Latin-1 supplement letters in UTF-8 (C3 80-9E upper, C3 A0-BE lower, but not × ÷). */
static int latin_upper(const unsigned char *p, size_t n)
{
    return n >= 2 && p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97;
}

static int latin_lower(const unsigned char *p, size_t n)
{
    return n >= 2 && p[0] == 0xC3 && p[1] >= 0xA0 && p[1] <= 0xBE && p[1] != 0xB7;
}

/* Appends a word in the given case. Title case also capitalises after '-' and after a
 * one-letter prefix and apostrophe (Al-Assad, O'Neill, d'Ivoire is D'Ivoire). */
static void put_cased(ent_buf *b, const char *w, size_t n, int mode)
{
    const unsigned char *p = (const unsigned char *)w;
    int cap = mode == CASE_TITLE;
    for (size_t i = 0; i < n;) {
        int up = mode == CASE_UPPER || cap;
        if (latin_upper(p + i, n - i) || latin_lower(p + i, n - i)) {
            ent_buf_putc(b, (char)p[i]);
            unsigned char c = p[i + 1];
            if (up && latin_lower(p + i, n - i))
                c = (unsigned char)(c - 0x20);
            else if (!up && latin_upper(p + i, n - i))
                c = (unsigned char)(c + 0x20);
            ent_buf_putc(b, (char)c);
            i += 2;
            cap = 0;
            continue;
        }
        char c = w[i];
        if (up && ent_dict__is_lower(c))
            c = (char)(c - 'a' + 'A');
        else if (!up && ent_dict__is_upper(c))
            c = (char)(c - 'A' + 'a');
        ent_buf_putc(b, c);
        if (mode == CASE_TITLE) /* up to the first letter, and again after - or O' */
            cap = (cap && !ent_dict__is_upper(c) && !ent_dict__is_lower(c)) || c == '-' || (c == '\'' && i == 1);
        i++;
    }
}

/* Short words written in lower case inside a name ("Group of 77", "Abu Ayyub al Masri"). */
static int small_word(const char *w, size_t n)
{
    static const char *const words[] = {"OF", "THE", "AND", "FOR", "DE",  "DU",  "DES", "LA",
                                        "LE", "EL",  "AL",  "BIN", "IBN", "VAN", "VON", "DA",
                                        "DI", "DO",  "DOS", "IN",  "ON",  "AT",  "TO"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && prefix_ci(w, n, words[i]))
            return 1;
    return 0;
}

/*
 * How to case one word of an actor phrase. TABARI writes everything in capitals, but entente
 * checks capitals on actor phrases ("US" must not match "us"), so the .ent text says what the
 * text must look like: acronyms ("UN", "U.S.", "G7") stay in capitals, names are capitalised.
 */
static int word_case(const char *w, size_t n, int first, int single)
{
    size_t letters = 0, digits = 0, vowels = 0, dots = 0;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if (ent_dict__is_lower(c))
            c = (char)(c - 'a' + 'A');
        letters += ent_dict__is_upper(c);
        digits += ent_dict__is_digit(c);
        dots += c == '.';
        vowels += c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
    }
    if (dots || (digits && letters <= 3))
        return CASE_UPPER;
    if (letters == n && n <= 3) {
        if (single)
            return CASE_UPPER;
        if (!first && small_word(w, n))
            return CASE_LOWER;
        if (!vowels)
            return CASE_UPPER;
    }
    return CASE_TITLE;
}

/* The regular plural of the word just written at b[start..], appended to b; 0 when the word
 * does not take one (not all letters, short, already ending in s). */
static int put_plural(ent_buf *b, size_t start)
{
    const char *w = str(b) + start;
    size_t n = b->len - start;
    if (n < 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!ent_dict__is_upper(w[i]) && !ent_dict__is_lower(w[i]))
            return 0;
    char last = w[n - 1], before = w[n - 2];
    if (ent_dict__is_upper(last))
        last = (char)(last - 'A' + 'a');
    if (ent_dict__is_upper(before))
        before = (char)(before - 'A' + 'a');
    if (last == 's')
        return 0;
    if (last == 'y' && !strchr("aeiou", before)) {
        b->len--;
        ent_buf_puts(b, "ies");
    } else if (last == 'x' || last == 'z' || (last == 'h' && (before == 'c' || before == 's'))) {
        ent_buf_puts(b, "es");
    } else {
        ent_buf_putc(b, 's');
    }
    return 1;
}

typedef struct word {
    const char *s;
    size_t n;
    int gap;   /* a blank separates it from the word before */
    int noend; /* written with '=' : no regular endings */
    int exact; /* written with a trailing '_' */
} word;

#define MAX_WORDS 64

/* Splits a TABARI phrase into words at '_' and blanks. Returns the count, or -1 for more than
 * MAX_WORDS. */
static int split_words(word *w, const char *s, size_t n)
{
    int k = 0, gap = 0;
    for (size_t i = 0; i < n;) {
        if (ent_dict__is_blank(s[i])) {
            gap = 1;
            i++;
            continue;
        }
        if (s[i] == '_') {
            if (k)
                w[k - 1].exact = 1;
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && !ent_dict__is_blank(s[j]) && s[j] != '_')
            j++;
        if (k == MAX_WORDS)
            return -1;
        word *x = &w[k++];
        x->s = s + i;
        x->n = j - i;
        if (strspn(x->s, "\"") >= x->n) { /* a stray quote from a spreadsheet export */
            k--;
            i = j;
            continue;
        }
        x->gap = gap && k > 1;
        x->noend = x->exact = 0;
        while (x->n && (x->s[x->n - 1] == '=' || x->s[x->n - 1] == '~')) {
            x->noend = 1;
            x->n--;
        }
        gap = 0;
        i = j;
        if (!x->n)
            k--;
    }
    return k;
}

/*
 * Appends the .ent form of a TABARI phrase to b: its words, in title case for actors (acronyms
 * kept) or in lower case. For agents, also " | " and the phrase with its last word in the
 * regular plural: TABARI adds regular endings itself, entente matches surface forms. Returns
 * R_COUNT when written, otherwise the reason it cannot be.
 */
static enum reason put_phrase(tr *t, long line, ent_buf *b, const char *s, size_t n, int title)
{
    word w[MAX_WORDS];
    int k = split_words(w, s, n);
    if (k <= 0)
        return R_MALFORMED;
    int gap = 0;
    for (int i = 0; i < k; i++) {
        if (memchr(w[i].s, '|', w[i].n) || w[i].s[0] == '#')
            return R_RESERVED;
        gap |= w[i].gap;
    }
    size_t start = b->len, last = start;
    int mode = CASE_LOWER;
    for (int i = 0; i < k; i++) {
        if (i)
            ent_buf_putc(b, ' ');
        mode = title ? word_case(w[i].s, w[i].n, i == 0, k == 1) : CASE_LOWER;
        last = b->len;
        put_cased(b, w[i].s, w[i].n, mode);
    }
    /* An actor's stem stays a stem ("Arnor*" matches "Arnorian"), unless it is an acronym
     * or too short to be one .ent takes. */
    const word *end = &w[k - 1];
    if (!end->exact && !end->noend) {
        if (title && mode != CASE_UPPER && end->n >= 3 && end->n <= 63 &&
            ent_dict__is_letters(end->s, end->n))
            ent_buf_putc(b, '*');
        else
            note_at(t, line, N_STEM, s, n);
    }
    if (gap)
        note_at(t, line, N_GAP, s, n);
    /* Agents are role nouns, so their plural is added; actor names are not pluralised
     * (demonym plurals are in entente's own countries.ent). */
    if (title || w[k - 1].noend || b->failed)
        return R_COUNT;
    /* The phrase again, with its last word in the plural; undone when it takes none. */
    size_t len = b->len, plen = len - start;
    if (ent_buf_reserve(b, plen + 8) < 0)
        return R_COUNT;
    ent_buf_puts(b, " | ");
    ent_buf_append(b, b->data + start, plen);
    if (!put_plural(b, b->len - (len - last))) {
        b->len = len;
        b->data[len] = '\0';
    }
    return R_COUNT;
}

/* ------------------------------------------------------------------- codes and dates ---- */

/* Days since 1970 of a TABARI date: YYMMDD (years 00-30 are 2000-2030) or YYYYMMDD. A day past
 * the month's end (TABARI accepts 31 in every month) is the month's last day. */
static int parse_date(tr *t, const char *s, size_t n, int64_t *out)
{
    trim(&s, &n);
    if (n != 6 && n != 8)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!ent_dict__is_digit(s[i]))
            return -1;
    int y = 0;
    for (size_t i = 0; i < n - 4; i++)
        y = y * 10 + (s[i] - '0');
    if (n == 6)
        y += y <= 30 ? 2000 : 1900;
    const char *md = s + n - 4;
    int m = (md[0] - '0') * 10 + (md[1] - '0'), d = (md[2] - '0') * 10 + (md[3] - '0');
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    ent_date date = ent_date_from_ymd(y, m, d);
    if (date == ENT_DATE_NONE) {
        while (date == ENT_DATE_NONE && d > 28)
            date = ent_date_from_ymd(y, m, --d);
        note(t, N_DAY, s, n);
    }
    if (date == ENT_DATE_NONE)
        return -1;
    *out = date;
    return 0;
}

/*
 * Reads the inside of one [...] of an actor or agent line: "CODE", "CODE <date", "CODE >date",
 * "CODE date-date" (blanks allowed around < > -). Returns 0, or -1 when reported and dropped.
 */
static int parse_restr(tr *t, restr *r, const char *s, size_t n)
{
    const char *all = s;
    size_t all_n = n;
    trim(&s, &n);
    memset(r, 0, sizeof *r);
    r->line = t->line;
    snprintf(r->text, sizeof r->text, "[%.*s]", (int)(n < 40 ? n : 40), s);
    size_t i = 0;
    while (i < n && !ent_dict__is_blank(s[i]) && s[i] != '<' && s[i] != '>')
        i++;
    if (i == 0) {
        skip(t, R_NO_CODE, all, all_n);
        return -1;
    }
    size_t digits = 0;
    for (size_t k = 0; k < i; k++)
        digits += ent_dict__is_digit(s[k]) || s[k] == '-';
    if (digits == i && i > 3) { /* "[991201-010114]": a date range and no code */
        skip(t, R_NO_CODE, r->text, strlen(r->text));
        return -1;
    }
    memcpy(r->code, s, i < sizeof r->code ? i : sizeof r->code - 1);
    if (i == 3 && !memcmp(s, "---", 3))
        r->kind = C_NULL;
    else if (i == 3 && !memcmp(s, "###", 3))
        r->kind = C_DISCARD;
    else if (i == 3 && !memcmp(s, "+++", 3))
        r->kind = C_COMPLEX;
    else
        r->kind = i < sizeof r->code ? C_CODE : C_BAD;
    const char *rest = s + i;
    size_t rn = n - i;
    trim(&rest, &rn);
    r->lo = D_MIN;
    r->hi = D_MAX;
    int ok = 0;
    if (!rn) {
        ok = 1;
    } else if (rest[0] == '<') {
        ok = parse_date(t, rest + 1, rn - 1, &r->hi) == 0;
    } else if (rest[0] == '>') {
        ok = parse_date(t, rest + 1, rn - 1, &r->lo) == 0;
    } else {
        const char *dash = memchr(rest, '-', rn);
        if (dash)
            ok = parse_date(t, rest, (size_t)(dash - rest), &r->lo) == 0 &&
                 parse_date(t, dash + 1, rn - (size_t)(dash - rest) - 1, &r->hi) == 0;
    }
    if (!ok) {
        skip(t, R_MALFORMED, r->text, strlen(r->text));
        return -1;
    }
    if (r->lo > r->hi) {
        say(t, t->line,
            "warning (empty range): %s is empty when years 00-30 are 2000-2030, as in TABARI; "
            "it never applies",
            r->text);
        return -1;
    }
    return 0;
}

/* Parses every [...] of a line into the open group. */
static void group_codes(tr *t, const char *s, size_t n)
{
    group *g = &t->g;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '[')
            continue;
        const char *close = memchr(s + i, ']', n - i);
        g->brackets++;
        if (!close) {
            skip(t, R_MALFORMED, s, n);
            return;
        }
        restr r;
        if (parse_restr(t, &r, s + i + 1, (size_t)(close - s) - i - 1) == 0) {
            if (r.kind == C_BAD || (t->kind == K_ACTORS && r.kind == C_CODE &&
                                    !ent_dict__is_actor_codes(r.code, strlen(r.code)))) {
                /* Kept as a null code, so it still wins its period as in TABARI. */
                skip(t, R_BAD_CODE, r.text, strlen(r.text));
                r.kind = C_BAD;
            }
            if (ent_vec_reserve((void **)&g->rs, &g->cap_rs, g->nrs + 1, sizeof *g->rs)) {
                t->oom = 1;
                return;
            }
            g->rs[g->nrs++] = r;
        }
        i = (size_t)(close - s);
    }
}

/* Adds a phrase to the open group. */
static void group_phrase(tr *t, const char *s, size_t n)
{
    group *g = &t->g;
    size_t off = g->text.len;
    enum reason r = put_phrase(t, t->line, &g->text, s, n, t->kind == K_ACTORS);
    if (r != R_COUNT) {
        g->text.len = off;
        skip(t, r, s, n);
        return;
    }
    if (ent_vec_reserve((void **)&g->ph, &g->cap_ph, g->nph + 1, sizeof *g->ph)) {
        t->oom = 1;
        return;
    }
    g->ph[g->nph++] = (phr){t->line, off, g->text.len - off};
}

static void group_open(tr *t, const char *line, size_t n)
{
    group *g = &t->g;
    g->line = t->line;
    snprintf(g->first, sizeof g->first, "%.*s", clip(n) < 90 ? clip(n) : 90, line);
    g->nph = g->nrs = g->brackets = 0;
    ent_buf_reset(&g->text);
}

/* ------------------------------------------------------------------ actor group output ---- */

typedef struct seg {
    int64_t lo, hi;
    int r; /* restriction, or -1: no code, [---] or a bad code applies */
} seg;

static int same_code(const restr *a, const restr *b)
{
    return a->kind == b->kind && (a->kind != C_CODE || !strcmp(a->code, b->code));
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/*
 * Cuts the time line where any restriction starts or ends and gives each piece the first
 * restriction that covers it, as TABARI does ("first match wins"). Returns the number of
 * pieces (adjacent ones with the same code merged) in *out (malloc'd), or -1.
 */
static long segments(const group *g, seg **out)
{
    size_t nb = 0;
    int64_t *b = malloc((2 * g->nrs + 1) * sizeof *b);
    seg *s = malloc((2 * g->nrs + 1) * sizeof *s);
    if (!b || !s) {
        free(b);
        free(s);
        return -1;
    }
    b[nb++] = D_MIN;
    for (size_t i = 0; i < g->nrs; i++) {
        if (g->rs[i].lo != D_MIN)
            b[nb++] = g->rs[i].lo;
        if (g->rs[i].hi != D_MAX)
            b[nb++] = g->rs[i].hi + 1;
    }
    qsort(b, nb, sizeof *b, cmp_i64);
    long ns = 0;
    for (size_t i = 0; i < nb; i++) {
        if (i && b[i] == b[i - 1])
            continue;
        size_t j = i + 1;
        while (j < nb && b[j] == b[i])
            j++;
        int64_t lo = b[i], hi = j < nb ? b[j] - 1 : D_MAX;
        int r = -1;
        for (size_t k = 0; k < g->nrs; k++)
            if (g->rs[k].lo <= lo && hi <= g->rs[k].hi) {
                r = g->rs[k].kind == C_NULL || g->rs[k].kind == C_BAD ? -1 : (int)k;
                break;
            }
        if (ns) {
            seg *p = &s[ns - 1];
            if ((p->r < 0 && r < 0) ||
                (p->r >= 0 && r >= 0 && same_code(&g->rs[p->r], &g->rs[r]))) {
                p->hi = hi;
                continue;
            }
        }
        s[ns++] = (seg){lo, hi, r};
    }
    free(b);
    *out = s;
    return ns;
}

static void put_range(ent_buf *b, int64_t lo, int64_t hi)
{
    char d[11];
    ent_buf_putc(b, ' ');
    if (lo != D_MIN) {
        ent_date_format(d, (ent_date)lo);
        ent_buf_puts(b, d);
    }
    ent_buf_puts(b, "..");
    if (hi != D_MAX) {
        ent_date_format(d, (ent_date)hi);
        ent_buf_puts(b, d);
    }
}

/* Writes one line per phrase of the group for the code (and period) given. */
static void put_group_lines(tr *t, const char *sec, const char *head, int dated, int64_t lo,
                            int64_t hi)
{
    group *g = &t->g;
    for (size_t i = 0; i < g->nph; i++) {
        ent_buf_reset(&t->entry);
        ent_buf_puts(&t->entry, head);
        if (dated)
            put_range(&t->entry, lo, hi);
        ent_buf_puts(&t->entry, " : ");
        ent_buf_append(&t->entry, str(&g->text) + g->ph[i].off, g->ph[i].len);
        put_entry(t, g->ph[i].line, sec, str(&t->entry), t->entry.len);
    }
}

/* The role of a TABARI agent code: "~GOV" gives GOV, "~GOVFRM" GOVFRM, "NGO~" NGO. */
static int agent_role(tr *t, const restr *r, char role[16])
{
    const char *c = r->code;
    size_t n = strlen(c);
    int prefix = n && c[n - 1] == '~';
    if (n < 2 || (c[0] != '~' && !prefix))
        return -1;
    const char *body = prefix ? c : c + 1;
    size_t bn = n - 1;
    if (bn < 3 || bn % 3 || !ent_dict__is_code(body, bn, 3, 15))
        return -1;
    memcpy(role, body, bn);
    role[bn] = '\0';
    if (prefix)
        note_at(t, r->line, N_PREFIX_ROLE, c, n);
    return 0;
}

static void flush_agents(tr *t)
{
    group *g = &t->g;
    char role[16];
    for (size_t i = 0; i < g->nrs; i++) {
        restr *r = &g->rs[i];
        if (i) { /* TABARI uses the first code of an agent */
            skip_at(t, r->line, R_MALFORMED, r->text, strlen(r->text));
            continue;
        }
        if (r->kind == C_NULL)
            skip_at(t, r->line, R_NULL, r->text, strlen(r->text));
        else if (r->lo != D_MIN || r->hi != D_MAX || agent_role(t, r, role) < 0)
            skip_at(t, r->line, R_BAD_ROLE, r->text, strlen(r->text));
        else
            put_group_lines(t, SEC_AGENTS, role, 0, 0, 0);
    }
}

/*
 * Writes an actor group. TABARI tries the restrictions in order and the first that covers the
 * date wins; entente takes the dated line whose period contains the date, else the undated
 * one. So the time line is cut into pieces with one code each; the TABARI default becomes the
 * undated line when no piece is null (else every piece is written with its dates), and null
 * pieces are simply not written.
 */
static void flush_actors(tr *t)
{
    group *g = &t->g;
    seg *s;
    long ns = segments(g, &s);
    if (ns < 0) {
        t->oom = 1;
        return;
    }
    int reported[R_COUNT] = {0}, gaps = 0, null = 0;
    for (size_t i = 0; i < g->nrs; i++)
        null |= g->rs[i].kind == C_NULL;
    for (long i = 0; i < ns; i++) {
        const restr *r = s[i].r >= 0 ? &g->rs[s[i].r] : NULL;
        gaps |= !r || r->kind != C_CODE;
        enum reason why = R_COUNT;
        if (r && r->kind == C_COMPLEX)
            why = R_COMPLEX;
        else if (r && r->kind == C_DISCARD && ns > 1)
            why = R_DISCARD;
        if (why != R_COUNT && !reported[why]++)
            skip_at(t, r->line, why, r->text, strlen(r->text));
    }
    if (ns == 1 && s[0].r < 0 && null) /* a phrase that is no actor: a .ent place */
        put_group_lines(t, SEC_PLACES, LABEL, 0, 0, 0);
    if (ns == 1 && s[0].r >= 0 && g->rs[s[0].r].kind == C_DISCARD)
        put_group_lines(t, SEC_DISCARDS, LABEL, 0, 0, 0);
    const restr *def = NULL;
    for (size_t i = 0; i < g->nrs && !def; i++)
        if (g->rs[i].lo == D_MIN && g->rs[i].hi == D_MAX)
            def = &g->rs[i];
    int undated = def && def->kind == C_CODE && !gaps;
    if (undated)
        put_group_lines(t, SEC_ACTORS, def->code, 0, 0, 0);
    for (long i = 0; i < ns; i++) {
        const restr *r = s[i].r >= 0 ? &g->rs[s[i].r] : NULL;
        if (!r || r->kind != C_CODE || (undated && same_code(r, def)))
            continue;
        int whole = s[i].lo == D_MIN && s[i].hi == D_MAX;
        put_group_lines(t, SEC_ACTORS, r->code, !whole, s[i].lo, s[i].hi);
    }
    free(s);
}

static void flush_group(tr *t)
{
    group *g = &t->g;
    if (!g->line)
        return;
    if (g->nph && !g->nrs && !g->brackets)
        skip_at(t, g->line, R_NO_CODE, g->first, strlen(g->first));
    else if (g->nph && g->nrs)
        t->kind == K_AGENTS ? flush_agents(t) : flush_actors(t);
    g->line = 0;
}

/* One line of a .actors or .agents file. */
static void actor_line(tr *t, const char *s, size_t n)
{
    if (n && (s[0] == '#' || s[0] == ';'))
        return; /* a comment line, which does not end the entry above */
    const char *body = s;
    size_t bn = n;
    trim(&body, &bn);
    if (!bn) {
        flush_group(t); /* a blank line ends an entry */
        return;
    }
    strip_comment(&body, &bn);
    if (!bn)
        return;
    if (body[0] == '<') {
        flush_group(t);
        t->hints = prefix_ci(body, bn, "<NOUN>") || prefix_ci(body, bn, "<ADJECTIVE>");
        if (!t->hints && !prefix_ci(body, bn, "</NOUN>") && !prefix_ci(body, bn, "</ADJECTIVE>"))
            skip(t, R_MALFORMED, s, n);
        return;
    }
    if (t->hints) {
        note(t, N_HINTS, body, bn);
        return;
    }
    if (ent_dict__is_blank(s[0])) { /* an indented code line of the entry above */
        if (!t->g.line || body[0] != '[')
            skip(t, R_MALFORMED, s, n);
        else
            group_codes(t, body, bn);
        return;
    }
    const char *bracket = memchr(body, '[', bn);
    size_t pn = bracket ? (size_t)(bracket - body) : bn;
    const char *phrase = body;
    if (body[0] == '+') { /* a synonym of the entry above */
        if (!t->g.line) {
            skip(t, R_MALFORMED, s, n);
            return;
        }
        phrase++;
        pn--;
    } else {
        flush_group(t);
        group_open(t, body, bn);
    }
    trim(&phrase, &pn);
    if (!pn)
        skip(t, R_MALFORMED, s, n);
    else
        group_phrase(t, phrase, pn);
    if (bracket)
        group_codes(t, bracket, bn - (size_t)(bracket - body));
}

/* ----------------------------------------------------------------------- verb patterns ---- */

enum { E_WORD, E_VERB, E_SRC, E_TGT, E_COMP, E_SKIP };
enum { ADJ_GAP = 0, ADJ_NEXT = 1, ADJ_INHERIT = 2 };

/* One element of a flat pattern: a word or an actor/verb marker, and how it joins the one
 * before it (adjacent, or with words allowed between). */
typedef struct pel {
    const char *s;
    uint32_t len;
    uint8_t type, adj;
    uint8_t stem; /* a word written without '_' or '=' after it */
} pel;

/* A list of flat patterns: pattern i is el[off[i] .. off[i] + cnt[i]). */
typedef struct plist {
    pel *el;
    size_t nel, cap_el;
    size_t *off, *cnt;
    size_t n, cap, cap2;
} plist;

static void plist_free(plist *p)
{
    free(p->el);
    free(p->off);
    free(p->cnt);
    memset(p, 0, sizeof *p);
}

/* Adds the pattern a followed by b (b's first element joined by adj). */
static int plist_add(plist *p, const pel *a, size_t na, const pel *b, size_t nb, uint8_t adj)
{
    /* At least one element is allocated, so p->el + p->off[i] never offsets a null pointer,
       even when every pattern so far is empty. */
    if (ent_vec_reserve((void **)&p->el, &p->cap_el, p->nel + na + nb + 1, sizeof *p->el) ||
        ent_vec_reserve((void **)&p->off, &p->cap, p->n + 1, sizeof *p->off) ||
        ent_vec_reserve((void **)&p->cnt, &p->cap2, p->n + 1, sizeof *p->cnt))
        return -1;
    p->off[p->n] = p->nel;
    p->cnt[p->n] = na + nb;
    p->n++;
    if (na)
        memcpy(p->el + p->nel, a, na * sizeof *a);
    if (nb)
        memcpy(p->el + p->nel + na, b, nb * sizeof *b);
    if (nb && adj != ADJ_INHERIT)
        p->el[p->nel + na].adj = adj;
    p->nel += na + nb;
    return 0;
}

/* Alternatives and synonym sets are multiplied out; a pattern line stops at this many
 * patterns (reported). Sets may use sets, so the work of one line is bounded too: sets of
 * sets of sets could otherwise take ages to multiply out before the cap applies. */
#define MAX_EXPAND 64
#define MAX_DEPTH 8
#define EXPAND_BUDGET 4096

static const synset *find_set(const tr *t, const char *name, size_t n)
{
    for (size_t i = 0; i < t->nsets; i++)
        if (t->sets[i].name_len == n && !memcmp(t->sets[i].name, name, n))
            return &t->sets[i];
    return NULL;
}

/* The '}' closing the '{' at s[i], or 0. */
static size_t closing_brace(const char *s, size_t n, size_t i)
{
    int depth = 0;
    for (size_t j = i; j < n; j++) {
        depth += s[j] == '{';
        depth -= s[j] == '}';
        if (!depth)
            return j;
    }
    return 0;
}

/*
 * Multiplies out a TABARI pattern text: alternatives {a | b}, synonym sets &SET (members are
 * pattern texts too) and the join between elements (a blank lets words come between, '_' and
 * '~' join adjacent words). Appends the flat patterns to out. Returns 0, -1 when out of memory,
 * or 1 with *why set.
 */
static int expand(tr *t, const char *s, size_t n, int depth, plist *out, int *capped,
                  enum reason *why)
{
    if (!t->budget) {
        *capped = 1;
        return 0;
    }
    t->budget--;
    plist acc = {0};
    if (plist_add(&acc, NULL, 0, NULL, 0, ADJ_INHERIT) < 0)
        return -1;
    int blank = 0, tilde = 0, first = 1, rc = 0;
    size_t i = 0;
    while (i < n && !rc) {
        char c = s[i];
        if (ent_dict__is_blank(c) || c == '_' || c == '~') {
            blank |= ent_dict__is_blank(c);
            tilde |= c == '~';
            i++;
            continue;
        }
        uint8_t adj = first ? ADJ_INHERIT : (tilde || !blank) ? ADJ_NEXT : ADJ_GAP;
        blank = tilde = 0;
        plist alts = {0};
        const char *marks = "*$+%^";
        const char *m = strchr(marks, c);
        if (m && c) {
            static const uint8_t types[] = {E_VERB, E_SRC, E_TGT, E_COMP, E_SKIP};
            pel e = {s + i, 1, types[m - marks], ADJ_INHERIT, 0};
            rc = plist_add(&alts, &e, 1, NULL, 0, ADJ_INHERIT);
            i++;
        } else if (c == '&') {
            size_t j = i + 1;
            while (j < n && is_alnum(s[j]))
                j++;
            const synset *set = find_set(t, s + i + 1, j - i - 1);
            if (!set || depth >= MAX_DEPTH) {
                *why = R_SYNSET;
                rc = 1;
            }
            for (size_t k = 0; set && !rc && k < set->count; k++) {
                const member *mb = &t->members[set->first + k];
                rc = expand(t, mb->s, mb->len, depth + 1, &alts, capped, why);
            }
            i = j;
        } else if (c == '{') {
            size_t close = closing_brace(s, n, i);
            if (!close) {
                *why = R_MALFORMED;
                rc = 1;
            }
            size_t from = i + 1;
            int inner = 0;
            for (size_t j = i + 1; close && !rc && j <= close; j++) {
                inner += s[j] == '{';
                inner -= s[j] == '}' && j < close;
                if (j == close || (s[j] == '|' && !inner)) {
                    rc = expand(t, s + from, j - from, depth + 1, &alts, capped, why);
                    from = j + 1;
                }
            }
            i = close + 1;
        } else if (strchr("}|[]", c)) {
            *why = R_MALFORMED;
            rc = 1;
        } else {
            size_t j = i;
            while (j < n && !ent_dict__is_blank(s[j]) && !strchr("_~{}|&*$+%^[]", s[j]))
                j++;
            size_t len = j - i;
            while (len && s[i + len - 1] == '=')
                len--;
            if (len) {
                int stem = len == j - i && (j == n || s[j] != '_');
                pel e = {s + i, (uint32_t)len, E_WORD, ADJ_INHERIT, (uint8_t)stem};
                rc = plist_add(&alts, &e, 1, NULL, 0, ADJ_INHERIT);
            }
            i = j;
        }
        if (!rc && alts.n) {
            plist next = {0};
            for (size_t a = 0; a < acc.n && !rc; a++)
                for (size_t b = 0; b < alts.n && !rc; b++) {
                    if (next.n == MAX_EXPAND) {
                        *capped = 1;
                        break;
                    }
                    rc = plist_add(&next, acc.el + acc.off[a], acc.cnt[a], alts.el + alts.off[b],
                                   alts.cnt[b], adj);
                }
            plist_free(&acc);
            acc = next;
            first = 0;
        }
        plist_free(&alts);
    }
    for (size_t a = 0; a < acc.n && !rc; a++) {
        if (out->n == MAX_EXPAND) {
            *capped = 1;
            break;
        }
        rc = plist_add(out, acc.el + acc.off[a], acc.cnt[a], NULL, 0, ADJ_INHERIT);
    }
    plist_free(&acc);
    return rc;
}

/* ------------------------------------------------------------------------- verb heads ---- */

int ent_dict__verb_lemma(struct ent_text *text, const char *w, size_t n, uint64_t *lemma)
{
    if (ent_text_analyse(text, w, n, ENT_TEXT_NO_SENTENCES | ENT_TEXT_NO_TAGS) != ENT_OK)
        return 0;
    size_t k;
    const ent_token *tok = ent_text_tokens(text, &k);
    if (k != 1 || !(tok->flags & ENT_TOK_CAN_VERB))
        return 0;
    *lemma = tok->lemma;
    return 1;
}

size_t ent_dict__regular_base(char base[ENT_DICT_BASE_MAX], const char *w, size_t n, uint64_t lemma)
{
    static const char *const ends[] = {"", "e", "y"};
    for (size_t k = n; k >= 2; k--)
        for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
            size_t el = strlen(ends[e]);
            if (k + el >= ENT_DICT_BASE_MAX)
                continue;
            memcpy(base, w, k);
            memcpy(base + k, ends[e], el);
            if (ent_text_hash(base, k + el) == lemma)
                return k + el;
        }
    return 0;
}

static int verb_lemma(tr *t, const char *w, size_t n, uint64_t *lemma)
{
    return ent_dict__verb_lemma(t->text, w, n, lemma);
}

/* Appends the base form of the verb w whose lemma hash is given: w itself, w less a regular
 * ending, or a root of the same file (for irregular forms: BEGAN and BEGIN). */
static int put_base(tr *t, ent_buf *b, const char *w, size_t n, uint64_t lemma)
{
    char c[ENT_DICT_BASE_MAX];
    size_t cn = ent_dict__regular_base(c, w, n, lemma);
    if (cn) {
        ent_buf_append(b, c, cn);
        return 1;
    }
    uint32_t *i = ent_u64map_get(&t->heads, lemma);
    if (!i)
        return 0;
    ent_buf_puts(b, t->head_words[*i]);
    return 1;
}

/* Lower-cases w into low (room for 64 bytes); 0 when w is too long to look up. */
static size_t lower_word(char low[64], const char *w, size_t n)
{
    if (n >= 60)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = ent_dict__is_upper(w[i]) ? (char)(w[i] - 'A' + 'a') : w[i];
    return n;
}

/* Appends the verb a TABARI stem begins (ACCUS: accuse, RATIF: ratify, CRITICI: criticize,
 * ANNULL: annul) when the lexicon knows one. Returns 0 when it knows none. */
static int put_completed(tr *t, ent_buf *b, const char *low, size_t n, size_t nends)
{
    static const char *const ends[] = {"e", "y", "ze", "se", "d", "t", "sh", "ve"};
    uint64_t lemma;
    for (size_t k = 0; k <= nends; k++) {
        char c[64];
        size_t cn;
        if (k < nends) {
            cn = n + strlen(ends[k]);
            memcpy(c, low, n);
            memcpy(c + n, ends[k], cn - n);
        } else if (n >= 3 && low[n - 1] == low[n - 2]) {
            cn = n - 1;
            memcpy(c, low, cn);
        } else {
            break;
        }
        if (verb_lemma(t, c, cn, &lemma) && put_base(t, b, c, cn, lemma))
            return 1;
    }
    return 0;
}

/*
 * Appends the .ent head for a TABARI root word. entente finds a pattern by the lemma of the
 * text's verb, so the head must be a lemma: inflected roots (ATTACKED, SAID) become their base
 * and stems (ACCUS, NEGOTIAT: TABARI matches every word they begin) the verb they begin,
 * when the lexicon knows it.
 */
static void put_head(tr *t, ent_buf *b, const char *w, size_t n, int stem)
{
    char low[64];
    if (!t->text || !lower_word(low, w, n)) {
        put_cased(b, w, n, CASE_LOWER);
        return;
    }
    uint64_t lemma;
    size_t start = b->len;
    if (verb_lemma(t, low, n, &lemma)) {
        if (!put_base(t, b, low, n, lemma)) {
            ent_buf_append(b, low, n);
            note(t, N_HEAD_IRREGULAR, w, n);
        } else if (b->len - start != n || memcmp(str(b) + start, low, n)) {
            note(t, N_HEAD_LEMMA, w, n);
        }
        return;
    }
    if (stem && put_completed(t, b, low, n, 8)) {
        note(t, N_HEAD_LEMMA, w, n);
        return;
    }
    ent_buf_append(b, low, n);
    note(t, N_HEAD_UNKNOWN, w, n);
}

/*
 * Appends a word of a pattern after the head. The loader looks up its lemma itself, but a
 * stem such as VIOLAT is no word: with complete set, when the lexicon knows a verb it begins
 * (with -e, -y, -ze, -se), that verb is written. The caller also writes the pattern with the
 * stem as written, since the lexicon knows only verbs and SECRET is no stem of "secrete".
 * Short words are left alone (TO is not "toe").
 */
static void put_word(tr *t, ent_buf *b, const char *w, size_t n, int stem, int complete)
{
    char low[64];
    uint64_t lemma;
    if (complete && stem && n >= 5 && t->text && lower_word(low, w, n) &&
        !verb_lemma(t, low, n, &lemma) && put_completed(t, b, low, n, 4)) {
        note(t, N_WORD_STEM, w, n);
        return;
    }
    put_cased(b, w, n, CASE_LOWER);
}

/* ---------------------------------------------------------------------- verb lines ---- */

/* Splits a .verbs line "text [code] ;comment" into the text and the code inside the last
 * [...]. Returns 0; 1 when there is no code; -1 when the brackets do not pair. */
static int split_code(const char *s, size_t n, const char **text, size_t *tn, const char **code,
                      size_t *cn)
{
    strip_comment(&s, &n);
    const char *open = NULL;
    for (size_t i = n; i-- > 0;)
        if (s[i] == '[') {
            open = s + i;
            break;
        }
    *text = s;
    *tn = n;
    if (!open)
        return memchr(s, ']', n) ? -1 : 1;
    const char *close = memchr(open, ']', n - (size_t)(open - s));
    if (!close)
        return -1;
    *tn = (size_t)(open - s);
    *code = open + 1;
    *cn = (size_t)(close - open - 1);
    trim(text, tn);
    trim(code, cn);
    if (memchr(*text, '[', *tn) || memchr(*text, ']', *tn) || !*cn)
        return -1;
    return 0;
}

/* One code of a verb code field ("057", "130!") into code; returns its C_ kind. */
static int one_code(tr *t, const char *s, size_t k, char code[5])
{
    trim(&s, &k);
    if (k && (s[k - 1] == '!' || s[k - 1] == '?')) {
        note(t, N_PRIORITY, s, k);
        k--;
    }
    if (!ent_dict__is_event_code(s, k))
        return C_BAD;
    if (t->have_cameo &&
        !ent_u64map_get(&t->cameo, ent_text_hash(s, ent_dict__unrefined_len(s, k)))) {
        if (ent_dict__extra_code_add(&t->extra, s, k, t->line) < 0) {
            t->oom = 1;
            return C_BAD;
        }
        note(t, N_EXTRA_CODES, s, k);
    }
    memcpy(code, s, k);
    code[k] = '\0';
    return C_CODE;
}

/* Reads a verb code ("057", "032:033", "031!", "010?") into code, as .ent writes it ("032/033":
 * the reverse event, target to source, after the '/'); returns its C_ kind. */
static int verb_code(tr *t, const char *s, size_t n, char code[CODE_FIELD])
{
    if (n == 3 && !memcmp(s, "---", 3))
        return C_NULL;
    if (n == 3 && !memcmp(s, "###", 3))
        return C_DISCARD;
    if (n == 3 && !memcmp(s, "+++", 3))
        return C_COMPLEX;
    const char *colon = memchr(s, ':', n);
    size_t k = colon ? (size_t)(colon - s) : n;
    int kind = one_code(t, s, k, code);
    if (kind != C_CODE || !colon)
        return kind;
    char reverse[5];
    if (one_code(t, colon + 1, n - k - 1, reverse) == C_CODE) {
        size_t a = strlen(code);
        code[a] = '/';
        memcpy(code + a + 1, reverse, strlen(reverse) + 1);
    } else {
        note(t, N_PAIRED, s, n); /* [A:---]: the reverse event is not coded */
    }
    return C_CODE;
}

static enum reason code_reason(int kind)
{
    switch (kind) {
    case C_NULL:
        return R_NULL;
    case C_DISCARD:
        return R_DISCARD;
    case C_COMPLEX:
        return R_COMPLEX;
    default:
        return R_NOT_CAMEO;
    }
}

/* Appends the .ent text of one flat pattern after the current root, or returns why it has
 * none. *src is set when a $ before the verb was dropped; complete: see put_word(). */
/* Auxiliaries of a passive verb group ("+ WAS * BY $", "+ HAVE BEEN * $"): entente finds the
 * passive itself, so they are dropped. */
static int passive_aux(const pel *e)
{
    static const char *const aux[] = {"WAS",  "WERE",  "IS",  "ARE",  "BE",
                                      "BEEN", "BEING", "HAS", "HAVE", "HAD"};
    for (size_t i = 0; i < sizeof aux / sizeof *aux; i++)
        if (e->len == strlen(aux[i]) && strncasecmp(e->s, aux[i], e->len) == 0)
            return 1;
    return 0;
}

/* "BY" before a $ after the verb: the agent of a passive, which entente finds itself. */
static int is_by(const pel *e)
{
    return e->type == E_WORD && e->len == 2 && strncasecmp(e->s, "BY", 2) == 0;
}

static enum reason flat_pattern(tr *t, const pel *e, size_t n, ent_buf *b, int *src, int complete)
{
    size_t v = 0, verbs = 0;
    for (size_t i = 0; i < n; i++)
        if (e[i].type == E_VERB) {
            verbs++;
            v = i;
        }
    if (verbs != 1)
        return R_MALFORMED;
    size_t words_before = 0, compound = 0, target_before = 0, aux = 0, source_before = 0;
    int word_before_target = 0; /* "SAID + MUST *": the target among words, not their subject */
    for (size_t i = 0; i < v; i++) {
        if (e[i].type == E_WORD && (e[i].s[0] == '#' || memchr(e[i].s, '|', e[i].len)))
            return R_RESERVED;
        if (e[i].type == E_WORD) {
            words_before++;
            aux += passive_aux(&e[i]);
        } else if (e[i].type == E_COMP) {
            compound++; /* the subject is a compound acting on itself: ".ent"'s '%' */
        } else if (e[i].type == E_TGT) {
            target_before++;
            word_before_target = words_before > 0;
        } else if (e[i].type == E_SRC) {
            source_before++;
        } else if (e[i].type == E_SKIP) {
            return R_SKIP_SLOT;
        }
    }
    if (compound > 1)
        return R_COMPOUND_SLOT;
    /* "+ WAS * BY $": the target is the subject of a passive, the source its agent; .ent's
       "+ > verb". Anything else before the verb with a '+' cannot be said. */
    int passive = target_before == 1 && aux == words_before && !compound && !source_before;
    if (target_before && !passive && (target_before > 1 || !word_before_target || compound))
        return R_TARGET_BEFORE;
    if (passive)
        words_before = 0;
    int targets = passive ? 0 : (int)target_before, sources = 0;
    for (size_t i = v + 1; i < n; i++) {
        switch (e[i].type) {
        case E_SRC:
            if (sources++)
                return R_TWO_SOURCES;
            break;
        case E_COMP:
            return R_COMPOUND_SLOT;
        case E_SKIP: /* an actor passed over: a gap, which may hold one */
            break;
        case E_TGT:
            if (targets++)
                return R_TWO_TARGETS;
            break;
        default:
            if (e[i].s[0] == '#' || memchr(e[i].s, '|', e[i].len))
                return R_RESERVED;
        }
    }
    if (passive) {
        ent_buf_puts(b, "+ > ");
        ent_buf_append(b, str(&t->root), t->root.len);
        int gap = 0;
        for (size_t i = v + 1; i < n; i++) {
            if (e[i].type == E_SKIP || (is_by(&e[i]) && i + 1 < n && e[i + 1].type == E_SRC)) {
                gap = 1;
                i += e[i].type != E_SKIP; /* "BY $" */
                continue;
            }
            if (e[i].type == E_TGT)
                return R_TWO_TARGETS;
            ent_buf_puts(b, e[i].adj == ADJ_NEXT && !gap ? " " : " * ");
            gap = 0;
            if (e[i].type == E_SRC) /* "+ * FROM $": the source is not the agent */
                ent_buf_putc(b, '$');
            else
                put_word(t, b, e[i].s, e[i].len, e[i].stem, complete);
        }
        return R_COUNT;
    }
    /* With a target among the words, a $ before them is the subject the coder takes as the
       source there ("$ SAID + *"): nothing is lost. */
    *src |= !target_before && v > words_before + compound;
    /* Words before the verb, then '>': "- SAID * [172]" is "said * > boycott". A dropped $
       between them leaves a gap. '%' goes first ("% > renew * diplomatic"). */
    int wrote = 0;
    if (compound)
        ent_buf_puts(b, words_before ? "% " : "% > ");
    for (size_t i = 0; i <= v; i++) {
        if (e[i].type == E_SRC || e[i].type == E_COMP)
            continue;
        if (wrote) {
            int next = e[i].adj == ADJ_NEXT && e[i - 1].type == E_WORD;
            ent_buf_puts(b, i == v ? (next ? " > " : " * > ") : next ? " " : " * ");
        }
        if (i == v)
            break;
        if (e[i].type == E_TGT)
            ent_buf_putc(b, '+');
        else
            put_word(t, b, e[i].s, e[i].len, e[i].stem, complete);
        wrote = 1;
    }
    ent_buf_append(b, str(&t->root), t->root.len);
    int skipped = 0;
    for (size_t i = v + 1; i < n; i++) {
        if (e[i].type == E_SKIP) {
            skipped = 1;
            continue;
        }
        ent_buf_puts(b, e[i].adj == ADJ_NEXT && !skipped ? " " : " * ");
        skipped = 0;
        if (e[i].type == E_TGT || e[i].type == E_SRC)
            ent_buf_putc(b, e[i].type == E_TGT ? '+' : '$');
        else
            put_word(t, b, e[i].s, e[i].len, e[i].stem, complete);
    }
    if (skipped)
        ent_buf_puts(b, " *");
    return R_COUNT;
}

/* A root verb line: "ABANDON [345]", "BRUSH ASIDE REPORTS [142]", "CALL [---]". */
static void verb_root(tr *t, const char *s, size_t n)
{
    t->have_root = 0;
    const char *text, *code = NULL;
    size_t tn, cn = 0;
    int rc = split_code(s, n, &text, &tn, &code, &cn);
    plist pl = {0};
    int capped = 0;
    enum reason why = R_MALFORMED;
    /* A root is words only: no markers, alternatives or sets. */
    t->budget = EXPAND_BUDGET;
    if (rc >= 0 && tn && !strpbrk_n(text, tn, "*$+%^{}|&"))
        rc = expand(t, text, tn, 0, &pl, &capped, &why);
    else
        rc = 1;
    if (rc == 0 && (pl.n != 1 || pl.cnt[0] == 0))
        rc = 1;
    if (rc) {
        if (rc < 0)
            t->oom = 1;
        else
            skip(t, R_MALFORMED, s, n);
        plist_free(&pl);
        return;
    }
    const pel *e = pl.el;
    ent_buf_reset(&t->root);
    ent_buf_reset(&t->root_words);
    put_head(t, &t->root, e[0].s, e[0].len, e[0].stem);
    put_cased(&t->root_words, e[0].s, e[0].len, CASE_LOWER);
    for (size_t i = 1; i < pl.cnt[0]; i++) {
        ent_buf_puts(&t->root, e[i].adj == ADJ_NEXT ? " " : " * ");
        put_word(t, &t->root, e[i].s, e[i].len, e[i].stem, 0);
        ent_buf_putc(&t->root_words, ' ');
        put_cased(&t->root_words, e[i].s, e[i].len, CASE_LOWER);
    }
    plist_free(&pl);
    t->have_root = 1;
    if (!code) /* a root without a code of its own only carries patterns */
        return;
    char cameo[CODE_FIELD];
    int kind = verb_code(t, code, cn, cameo);
    if (kind == C_DISCARD) {
        ent_buf_reset(&t->entry);
        ent_buf_puts(&t->entry, LABEL " : ");
        ent_buf_append(&t->entry, str(&t->root_words), t->root_words.len);
        put_entry(t, t->line, SEC_DISCARDS, str(&t->entry), t->entry.len);
    } else if (kind != C_CODE) {
        skip(t, code_reason(kind), s, n);
    } else {
        ent_buf_appendf(&t->root_entry, "%s : %s", cameo, str(&t->root));
        t->root_line = t->line;
    }
}

/*
 * TABARI tries a root's patterns first and codes with the root's own code only when none
 * matches. Longer patterns win anyway; the entry is held back for the one kind that
 * translates to the root's words alone, a pattern whose only element was a dropped $ before
 * the verb ("CALLED_ON [094]" then "- $ * [095]"): written after it, the root's code is
 * again the fallback and 095 is coded whenever the verb has a source.
 */
static void flush_root(tr *t)
{
    if (!t->root_entry.len)
        return;
    put_entry(t, t->root_line, SEC_VERBS, str(&t->root_entry), t->root_entry.len);
    ent_buf_reset(&t->root_entry);
}

/* A pattern line "- * DIPLOMATIC TIES [901]" of the current root. */
static void verb_pattern(tr *t, const char *s, size_t n)
{
    const char *text, *code = NULL;
    size_t tn, cn = 0;
    if (!t->have_root || split_code(s + 1, n - 1, &text, &tn, &code, &cn) != 0) {
        skip(t, R_MALFORMED, s, n);
        return;
    }
    char cameo[CODE_FIELD];
    int kind = verb_code(t, code, cn, cameo);
    if (kind != C_CODE) {
        skip(t, code_reason(kind), s, n);
        return;
    }
    plist pl = {0};
    int capped = 0;
    enum reason why = R_MALFORMED;
    t->budget = EXPAND_BUDGET;
    int rc = expand(t, text, tn, 0, &pl, &capped, &why);
    if (rc) {
        if (rc < 0)
            t->oom = 1;
        else
            skip(t, why, s, n);
        plist_free(&pl);
        return;
    }
    ent_buf_reset(&t->entry);
    ent_buf_appendf(&t->entry, "%s : ", cameo);
    size_t written = 0, failed = 0, offs[2 * MAX_EXPAND], lens[2 * MAX_EXPAND];
    enum reason first_why = R_COUNT;
    int src = 0;
    for (size_t v = 0; v < 2 * pl.n; v++) {
        size_t i = v / 2;
        ent_buf_reset(&t->pat);
        enum reason r = flat_pattern(t, pl.el + pl.off[i], pl.cnt[i], &t->pat, &src, v % 2 == 0);
        if (r != R_COUNT) {
            failed += v % 2 == 0;
            if (first_why == R_COUNT)
                first_why = r;
            continue;
        }
        /* Alternatives may repeat a pattern ("{ A_ | A }"): write it once. */
        const char *p = str(&t->pat);
        size_t pn = t->pat.len;
        int dup = 0;
        for (size_t k = 0; k < written && !dup; k++)
            dup = lens[k] == pn && !memcmp(str(&t->entry) + offs[k], p, pn);
        if (dup)
            continue;
        if (written)
            ent_buf_puts(&t->entry, " | ");
        offs[written] = t->entry.len;
        lens[written++] = pn;
        ent_buf_append(&t->entry, p, pn);
    }
    plist_free(&pl);
    if (!written) {
        skip(t, first_why == R_COUNT ? R_MALFORMED : first_why, s, n);
        return;
    }
    put_entry(t, t->line, SEC_VERBS, str(&t->entry), t->entry.len);
    if (src)
        note(t, N_SOURCE, s, n);
    if (failed)
        say(t, t->line,
            "warning (alternatives dropped): %zu of the %zu patterns its alternatives make were "
            "not translated (%s)",
            failed, pl.n, reasons[first_why].key);
    if (capped)
        say(t, t->line,
            "warning (expansion capped): only the first %d patterns its alternatives and synonym "
            "sets make were kept",
            MAX_EXPAND);
}

/* "&NAME" opens a synonym set; the "+member" lines after it fill it. */
static void synset_open(tr *t, const char *s, size_t n)
{
    size_t j = 1;
    while (j < n && is_alnum(s[j]))
        j++;
    char *name = ent_arena_strndup(&t->pool, s + 1, j - 1);
    if (!name || ent_vec_reserve((void **)&t->sets, &t->cap_sets, t->nsets + 1, sizeof *t->sets)) {
        t->oom = 1;
        return;
    }
    if (j == 1) {
        skip(t, R_MALFORMED, s, n);
        t->open_set = -1;
        return;
    }
    t->sets[t->nsets] = (synset){name, j - 1, t->nmembers, 0};
    t->open_set = (long)t->nsets++;
}

static void synset_member(tr *t, const char *s, size_t n)
{
    if (t->open_set < 0) {
        skip(t, R_MALFORMED, s, n);
        return;
    }
    synset *set = &t->sets[t->open_set];
    if (set->first + set->count != t->nmembers) { /* another set was opened in between */
        skip(t, R_MALFORMED, s, n);
        return;
    }
    const char *m = s + 1;
    size_t mn = n - 1;
    strip_comment(&m, &mn);
    char *copy = ent_arena_strndup(&t->pool, m, mn);
    if (!copy || ent_vec_reserve((void **)&t->members, &t->cap_members, t->nmembers + 1,
                                 sizeof *t->members)) {
        t->oom = 1;
        return;
    }
    t->members[t->nmembers++] = (member){copy, mn};
    set->count++;
}

/* One line of a .verbs file. */
static void verb_line(tr *t, const char *s, size_t n)
{
    const char *body = s;
    size_t bn = n;
    trim(&body, &bn);
    if (!bn || s[0] == '#' || s[0] == '/' || s[0] == ';')
        return;
    if (s[0] != '-' && s[0] != '{') /* the root's patterns and forms have ended */
        flush_root(t);
    if (s[0] == '<') {
        if (prefix_ci(s, n, "<SYNSETS>"))
            t->block = B_SYNSETS;
        else if (prefix_ci(s, n, "<TIME>"))
            t->block = B_TIME;
        else if (prefix_ci(s, n, "</SYNSETS>") || prefix_ci(s, n, "</TIME>"))
            t->block = B_NONE;
        else
            skip(t, R_MALFORMED, s, n);
        return;
    }
    if (t->block == B_TIME) {
        skip(t, R_TIME, s, n);
        return;
    }
    switch (s[0]) {
    case '&':
        synset_open(t, s, n);
        return;
    case '+':
        synset_member(t, s, n);
        return;
    case '-':
        t->open_set = -1;
        verb_pattern(t, s, n);
        return;
    case '{':
        note(t, N_FORMS, s, n);
        return;
    }
    t->open_set = -1;
    if (is_alnum(s[0]) || s[0] == '\'')
        verb_root(t, s, n);
    else
        skip(t, R_MALFORMED, s, n);
}

static int add_head(tr *t, const char *w, size_t n)
{
    uint64_t h = ent_text_hash(w, n);
    if (ent_u64map_get(&t->heads, h))
        return 0;
    char *copy = ent_arena_strndup(&t->pool, w, n);
    if (!copy ||
        ent_vec_reserve((void **)&t->head_words, &t->cap_heads, t->nheads + 1,
                        sizeof *t->head_words) ||
        ent_u64map_put(&t->heads, h, (uint32_t)t->nheads) < 0)
        return -1;
    t->head_words[t->nheads++] = copy;
    return 0;
}

/* Before translating a .verbs file: the first word of every root, so an irregular root
 * (BEGAN) can be written as the base form another root of the file gives (BEGIN). */
static int collect_heads(tr *t, const char *data, size_t len)
{
    size_t pos = 0;
    const char *s;
    size_t n;
    while (next_line(data, len, &pos, &s, &n)) {
        size_t k = 0;
        while (k < n && k < 48 && (ent_dict__is_upper(s[k]) || ent_dict__is_lower(s[k])))
            k++;
        if (!k || (k < n && is_alnum(s[k])))
            continue;
        char low[48];
        for (size_t i = 0; i < k; i++)
            low[i] = ent_dict__is_upper(s[i]) ? (char)(s[i] - 'A' + 'a') : s[i];
        if (add_head(t, low, k) < 0)
            return -1;
    }
    return 0;
}

/* The base forms of WordNet's irregular verbs (verb.exc: "fought fight"), where the lexicon
 * reads them, so FOUGHT can be written as fight. Nothing when the file is missing. */
static int collect_irregular(tr *t)
{
    const char *dir = getenv("ENTENTE_WORDNET");
    char path[4096];
    snprintf(path, sizeof path, "%s/verb.exc", dir && *dir ? dir : "/usr/share/wordnet");
    char *data;
    size_t len;
    if (ent__read_file(&data, &len, path) != ENT_OK)
        return 0;
    size_t pos = 0;
    const char *s;
    size_t n;
    int rc = 0;
    while (rc == 0 && next_line(data, len, &pos, &s, &n)) {
        const char *sp = memchr(s, ' ', n);
        if (!sp)
            continue;
        const char *base = sp + 1;
        size_t bn = n - (size_t)(base - s);
        const char *end = memchr(base, ' ', bn);
        if (end)
            bn = (size_t)(end - base);
        if (bn && !memchr(base, '_', bn))
            rc = add_head(t, base, bn);
    }
    free(data);
    return rc;
}

/* The CAMEO codes of the built-in codebook: a verb code outside it would not load. */
static int collect_cameo(tr *t)
{
    const struct ent_embedded_file *f = ent__embedded_find("dict/cameo.ent");
    if (!f)
        return 0;
    size_t pos = 0;
    const char *s;
    size_t n;
    int in = 0;
    while (next_line(f->data, f->len, &pos, &s, &n)) {
        if (n && s[0] == '@') {
            in = n == 6 && !memcmp(s, "@cameo", 6);
            continue;
        }
        size_t k = 0;
        while (k < n && ent_dict__is_digit(s[k]))
            k++;
        if (in && k >= 2 && k <= 4 && (k == n || ent_dict__is_blank(s[k]))) {
            if (ent_u64map_put(&t->cameo, ent_text_hash(s, k), 1) < 0)
                return -1;
            t->have_cameo = 1;
        }
    }
    return 0;
}

/* -------------------------------------------------------------------------- options ---- */

static void option_line(tr *t, const char *s, size_t n)
{
    const char *body = s;
    size_t bn = n;
    trim(&body, &bn);
    if (!bn || body[0] == '/' || body[0] == '#' || body[0] == ';')
        return;
    skip(t, R_OPTION, s, n);
}

/* ---------------------------------------------------------------------- file kinds ---- */

/* By name (NAME.actors, NAME.agents, NAME.verbs, NAME.options, also with .txt after), else by
 * content. */
static enum kind kind_of(const char *name, const char *data, size_t len)
{
    static const struct {
        const char *ext; /* upper case: compared with prefix_ci */
        enum kind kind;
    } exts[] = {
        {".ACTORS", K_ACTORS}, {".AGENTS", K_AGENTS}, {".VERBS", K_VERBS}, {".OPTIONS", K_OPTIONS}};
    size_t nn = name ? strlen(name) : 0;
    if (nn > 4 && prefix_ci(name + nn - 4, 4, ".TXT"))
        nn -= 4;
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        size_t el = strlen(exts[i].ext);
        if (nn >= el && prefix_ci(name + nn - el, el, exts[i].ext))
            return exts[i].kind;
    }
    size_t pos = 0, lines = 0, patterns = 0, agents = 0, options = 0, codes = 0;
    const char *s;
    size_t n;
    while (lines++ < 2000 && next_line(data, len, &pos, &s, &n)) {
        if (prefix_ci(s, n, "<SYNSETS>") || (n > 2 && s[0] == '-' && memchr(s, '[', n)))
            patterns++;
        if (prefix_ci(s, n, "LABEL:") || prefix_ci(s, n, "COMPLEX:") || prefix_ci(s, n, "SET:") ||
            prefix_ci(s, n, "OUTPUT:") || prefix_ci(s, n, "FORWARD:"))
            options++;
        const char *b = memchr(s, '[', n);
        if (b) {
            codes++;
            size_t bn = n - (size_t)(b - s);
            const char *e = memchr(b, ']', bn);
            const char *tilde = memchr(b, '~', bn);
            if (e && tilde && tilde < e)
                agents++;
        }
    }
    if (options)
        return K_OPTIONS;
    if (patterns)
        return K_VERBS;
    if (agents * 2 > codes)
        return K_AGENTS;
    return codes ? K_ACTORS : K_UNKNOWN;
}

/* ----------------------------------------------------------------------------- entry ---- */

int ent_dict__tabari_translate(struct ent_buf *out, const char *name, const char *data, size_t len,
                               ent_diag_fn diag, void *diag_ctx, ent_dict__foreign_stats *st)
{
    ent_dict__foreign_stats local;
    if (!st)
        st = &local;
    memset(st, 0, sizeof *st);
    if (!name)
        name = "";
    tr t = {0};
    t.out = out;
    t.name = name;
    t.diag = diag;
    t.diag_ctx = diag_ctx;
    t.st = st;
    t.open_set = -1;
    t.kind = kind_of(name, data, len);
    static const char *const kind_names[] = {"", "actors", "agents", "verbs", "options"};
    if (t.kind == K_UNKNOWN) {
        say(&t, 0, "not a TABARI dictionary: no [CODE] lines, nothing translated");
        return ENT_OK;
    }
    /* A comment naming the source: it helps when the translation is written out. */
    ent_buf_puts(out, "# ");
    for (const char *p = name; *p; p++)
        ent_buf_putc(out, (unsigned char)*p < 0x20 ? '?' : *p);
    ent_buf_appendf(out, ": TABARI .%s translated by entente\n", kind_names[t.kind]);

    int rc = ENT_OK;
    if (t.kind == K_VERBS) {
        const char *warning = NULL;
        if (collect_cameo(&t) < 0 || collect_heads(&t, data, len) < 0 || collect_irregular(&t) < 0)
            rc = ENT_ENOMEM;
        if (rc == ENT_OK && ent_lexicon_load(&t.lex, NULL, &warning) == ENT_OK &&
            ent_text_create(&t.text, t.lex) != ENT_OK)
            rc = ENT_ENOMEM;
        if (warning) { /* without WordNet no word is known as a verb: keep roots as written */
            ent_text_destroy(t.text);
            t.text = NULL;
            t.notes[N_NO_LEXICON].n = 1;
            snprintf(t.notes[N_NO_LEXICON].example, sizeof t.notes[N_NO_LEXICON].example, "%s",
                     warning);
        }
    }
    size_t pos = 0;
    const char *s;
    size_t n;
    while (rc == ENT_OK && !t.oom && next_line(data, len, &pos, &s, &n)) {
        t.line++;
        clean_line(&t, s, n);
        const char *c = str(&t.clean);
        size_t cn = t.clean.len;
        if (cn && c[0] == '~' && t.kind != K_AGENTS)
            break; /* ~FINISH, ~~~~~: the end of the dictionary */
        switch (t.kind) {
        case K_ACTORS:
        case K_AGENTS:
            actor_line(&t, c, cn);
            break;
        case K_VERBS:
            verb_line(&t, c, cn);
            break;
        default:
            option_line(&t, c, cn);
        }
    }
    if (rc == ENT_OK && !t.oom) {
        flush_group(&t);
        flush_root(&t);
    }
    if (rc == ENT_OK && !t.oom) {
        ent_dict__extra_codes_write(out, &t.extra, name);
        st->entries += t.extra.n;
    }
    if (rc == ENT_OK && !t.oom)
        report_notes(&t);

    if (rc == ENT_OK &&
        (t.oom || out->failed || t.clean.failed || t.entry.failed || t.pat.failed ||
         t.root.failed || t.root_words.failed || t.root_entry.failed || t.g.text.failed))
        rc = ENT_ENOMEM;
    ent_text_destroy(t.text);
    ent_lexicon_destroy(t.lex);
    ent_buf_free(&t.clean);
    ent_buf_free(&t.entry);
    ent_buf_free(&t.pat);
    ent_buf_free(&t.root);
    ent_buf_free(&t.root_words);
    ent_buf_free(&t.root_entry);
    ent_buf_free(&t.g.text);
    free(t.g.ph);
    free(t.g.rs);
    free(t.sets);
    free(t.members);
    free(t.head_words);
    ent_u64map_free(&t.heads);
    ent_u64map_free(&t.cameo);
    ent_dict__extra_codes_free(&t.extra);
    ent_arena_free(&t.pool);
    return rc;
}
