/*
 * ingest — stage 1: heuristics on extracted text, shared by the plain-text, HTML, JSON Lines
 * and CSV readers: dates written in words or digits ("January 17, 2025", "17 Jan 2025",
 * "2025-01-17"), the dateline near the top of an article, the "related stories" link list
 * that copied web pages carry at their end, and the host of a URL.
 */
#include "ingest_internal.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* ---------------------------------------------------------------- dates ---- */

/* Month names as they appear in datelines; abbreviations may carry a full stop. To extend,
 * add a name with its month number. */
static const struct {
    const char *name;
    int month;
} months[] = {
    {"january", 1}, {"february", 2}, {"march", 3},     {"april", 4},    {"may", 5},
    {"june", 6},    {"july", 7},     {"august", 8},    {"september", 9}, {"october", 10},
    {"november", 11}, {"december", 12}, {"jan", 1},    {"feb", 2},      {"mar", 3},
    {"apr", 4},     {"jun", 6},      {"jul", 7},       {"aug", 8},      {"sep", 9},
    {"sept", 9},    {"oct", 10},     {"nov", 11},      {"dec", 12},
};

typedef struct token {
    const char *s;
    size_t len;
    int alpha; /* letters only; else digits only */
} token;

#define MAX_TOKENS 64

/* Splits s into runs of ASCII letters and runs of digits (everything else separates). */
static size_t tokenize(token *t, size_t max, const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < max;) {
        unsigned char c = (unsigned char)s[i];
        int alpha = isalpha(c) != 0, digit = isdigit(c) != 0;
        if (!alpha && !digit) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && (alpha ? isalpha((unsigned char)s[j]) : isdigit((unsigned char)s[j])))
            j++;
        t[n++] = (token){s + i, j - i, alpha};
        i = j;
    }
    return n;
}

static int month_of(const token *t)
{
    if (!t->alpha || t->len < 3 || t->len > 9)
        return 0;
    char w[10];
    for (size_t i = 0; i < t->len; i++)
        w[i] = (char)tolower((unsigned char)t->s[i]);
    w[t->len] = '\0';
    for (size_t i = 0; i < sizeof months / sizeof months[0]; i++)
        if (strcmp(w, months[i].name) == 0)
            return months[i].month;
    return 0;
}

static int number_of(const token *t, size_t min_len, size_t max_len)
{
    if (t->alpha || t->len < min_len || t->len > max_len)
        return -1;
    int v = 0;
    for (size_t i = 0; i < t->len; i++)
        v = v * 10 + (t->s[i] - '0');
    return v;
}

/* The date starting at token i, or ENT_DATE_NONE; *used receives its token count. */
static ent_date date_at(const token *t, size_t n, size_t i, size_t *used)
{
    int m, d, y;
    /* 2025-01-17 or 2025/01/17: digits joined by one separator each */
    if ((y = number_of(&t[i], 4, 4)) >= 1900 && i + 2 < n && (m = number_of(&t[i + 1], 1, 2)) > 0 &&
        (d = number_of(&t[i + 2], 1, 2)) > 0 && t[i + 1].s == t[i].s + 5 &&
        t[i + 2].s == t[i + 1].s + t[i + 1].len + 1 && (t[i].s[4] == '-' || t[i].s[4] == '/') &&
        t[i + 1].s[t[i + 1].len] == t[i].s[4]) {
        *used = 3;
        return ent_date_from_ymd(y, m, d);
    }
    /* January 17, 2025 */
    if ((m = month_of(&t[i])) && i + 2 < n && (d = number_of(&t[i + 1], 1, 2)) > 0 &&
        (y = number_of(&t[i + 2], 4, 4)) >= 1900) {
        *used = 3;
        return ent_date_from_ymd(y, m, d);
    }
    /* 17 January 2025 */
    if ((d = number_of(&t[i], 1, 2)) > 0 && i + 2 < n && (m = month_of(&t[i + 1])) &&
        (y = number_of(&t[i + 2], 4, 4)) >= 1900) {
        *used = 3;
        return ent_date_from_ymd(y, m, d);
    }
    return ENT_DATE_NONE;
}

/* The first date among the tokens; *first and *used (may be NULL) receive its place. */
static ent_date first_date(const token *t, size_t n, size_t *first, size_t *used)
{
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        ent_date d = date_at(t, n, i, &u);
        if (d != ENT_DATE_NONE && d >= ent_date_from_ymd(1900, 1, 1) &&
            d <= ent_date_from_ymd(2100, 12, 31)) {
            if (first)
                *first = i;
            if (used)
                *used = u;
            return d;
        }
    }
    return ENT_DATE_NONE;
}

ent_date ent_ingest__parse_date_text(const char *s, size_t len)
{
    token t[MAX_TOKENS];
    size_t n = tokenize(t, MAX_TOKENS, s, len);
    return first_date(t, n, NULL, NULL);
}

/* Words a dateline may hold besides the date and a name or two. */
static int dateline_word(const token *t)
{
    static const char *const words[] = {"by",      "published", "updated", "posted", "on",
                                        "at",      "am",        "pm",      "utc",    "gmt",
                                        "last",    "modified",  "date",    "monday", "tuesday",
                                        "wednesday", "thursday", "friday", "saturday", "sunday"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == t->len && strncasecmp(t->s, words[i], t->len) == 0)
            return 1;
    return 0;
}

#define DATELINE_LINES 12 /* non-blank lines looked at */
#define DATELINE_MAX 100  /* bytes: a longer line is prose, not a dateline */
#define DATELINE_WORDS 6  /* other words allowed on a dateline (an author's name, an outlet) */

ent_date ent_ingest__find_date_line(const char *text, size_t len)
{
    size_t pos = 0;
    for (int lines = 0; pos < len && lines < DATELINE_LINES;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *line = text + pos;
        size_t n = end - pos;
        pos = end + 1;
        while (n && isspace((unsigned char)line[n - 1]))
            n--;
        while (n && isspace((unsigned char)*line))
            line++, n--;
        if (n == 0)
            continue;
        lines++;
        if (n > DATELINE_MAX)
            continue;
        token t[MAX_TOKENS];
        size_t nt = tokenize(t, MAX_TOKENS, line, n), first, used;
        ent_date d = first_date(t, nt, &first, &used);
        if (d == ENT_DATE_NONE)
            continue;
        size_t others = 0;
        for (size_t i = 0; i < nt; i++)
            if ((i < first || i >= first + used) && t[i].alpha && !dateline_word(&t[i]))
                others++;
        /* "Iran and Russia met on January 17, 2025." is a sentence, not a dateline */
        int sentence = line[n - 1] == '.' && others > 2;
        if (others <= DATELINE_WORDS && !sentence)
            return d;
    }
    return ENT_DATE_NONE;
}

/* ---------------------------------------------------------------- link-list tail ---- */

#define LINK_LINE_MAX 110 /* bytes: longer lines are prose */
#define LINK_RUN_MIN 3    /* short lines in a row before they count as a list */
#define PROSE_LINE_MIN 150 /* a line this long ending a sentence proves the text has prose */

static int ends_sentence(const char *s, size_t n)
{
    /* look through closing quotes and brackets: 'He said "no."' ends a sentence */
    while (n && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')' || s[n - 1] == ']'))
        n--;
    while (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
           ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99))
        n -= 3; /* ” ’ */
    return n && (s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == ';' || s[n - 1] == ',');
}

/* A headline: most longer words capitalised ("Iran Opens Airspace Only For India"), or a
 * title with its outlet ("… | The Daily Caller"). Sentence-case bullet points are content. */
static int headline_like(const char *s, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++)
        if (s[i] == ' ' && s[i + 1] == '|' && s[i + 2] == ' ')
            return 1;
    size_t words = 0, caps = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && !isalpha((unsigned char)s[i]))
            i++;
        size_t j = i;
        while (j < n && !isspace((unsigned char)s[j]))
            j++;
        if (j - i >= 4) {
            words++;
            caps += isupper((unsigned char)s[i]) != 0;
        }
        i = j;
    }
    return words >= 2 && caps * 10 >= words * 7;
}

/* Sentence ends in a line: '.', '!' or '?' followed by a space. */
static size_t sentence_ends(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i + 1 < n; i++)
        k += (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ';
    return k;
}

/* A copied page may glue the list's first item to the last paragraph ("…trends.- Free
 * Games Online"): the length of such an item at the end of text[0, end), or 0. */
static size_t glued_item(const char *text, size_t end)
{
    size_t start = end;
    while (start > 0 && text[start - 1] != '\n')
        start--;
    for (size_t i = end; i > start + 1; i--) {
        char c = text[i - 2];
        if ((c == '.' || c == '!' || c == '?') && text[i - 1] == '-') {
            size_t n = end - (i - 1);
            return n <= LINK_LINE_MAX && headline_like(text + i - 1, n) ? n : 0;
        }
    }
    return 0;
}

size_t ent_ingest__trim_link_tail(const char *text, size_t len)
{
    size_t end = len, cut = len, run = 0, headlines = 0;
    while (end > 0) {
        size_t start = end;
        while (start > 0 && text[start - 1] != '\n')
            start--;
        const char *line = text + start;
        size_t n = end - start;
        while (n && isspace((unsigned char)line[n - 1]))
            n--;
        while (n && isspace((unsigned char)*line))
            line++, n--;
        if (n > 0) {
            if (n > LINK_LINE_MAX || ends_sentence(line, n))
                break;
            run++;
            headlines += headline_like(line, n);
            cut = start;
        }
        end = start > 0 ? start - 1 : 0;
        if (start == 0)
            break;
    }
    if (run < LINK_RUN_MIN || headlines * 3 < run * 2 || cut == 0)
        return len;
    /* Only when what stays is prose: a long line with sentences in it before the list. */
    int prose = 0;
    for (size_t pos = 0; pos < cut && !prose;) {
        const char *nl = memchr(text + pos, '\n', cut - pos);
        size_t e = nl ? (size_t)(nl - text) : cut;
        prose = e - pos >= PROSE_LINE_MIN && sentence_ends(text + pos, e - pos) >= 2;
        pos = e + 1;
    }
    if (!prose)
        return len;
    while (cut > 0 && isspace((unsigned char)text[cut - 1]))
        cut--;
    return cut - glued_item(text, cut);
}

/* ---------------------------------------------------------------- URLs ---- */

int ent_ingest__url_host(char *out, size_t n, const char *url)
{
    if (!url || n == 0)
        return 0;
    const char *p = strstr(url, "//");
    if (!p)
        return 0;
    const char *scheme_end = strchr(url, ':');
    if (p != url && (!scheme_end || scheme_end + 1 != p))
        return 0;
    p += 2;
    size_t len = strcspn(p, "/?#");
    const char *at = memchr(p, '@', len);
    if (at) {
        len -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    size_t host = 0;
    while (host < len && p[host] != ':')
        host++;
    if (host == 0 || host >= n)
        return 0;
    for (size_t i = 0; i < host; i++) {
        unsigned char c = (unsigned char)p[i];
        if (isspace(c) || c < 0x20)
            return 0;
        out[i] = (char)tolower(c);
    }
    out[host] = '\0';
    return 1;
}
