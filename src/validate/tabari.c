/*
 * validate — TABARI text records (Validate.text and the like) into suite records.
 *
 * A block of lines after a blank line whose first character is a digit is a record: "DATE
 * ID", the text, and a comment that starts with slash-star holding the expectations as
 * {…} blocks: { SRC / TGT / EVENT } events in order, {---} no event, {###} a discard,
 * {+++} TABARI's complexity flag, { OPTION: … } an options command, and a block written
 * "-{" stops the checking there. Any other block of lines is a comment. The comment is read
 * to the end of the record, not to the first star-slash: a few records of Validate.text
 * list events after a stray one (AGENTS-11), and it ends at the blank line anyway when its
 * star-slash is missing (DEFAULT-06b). Reading stops after the record FINAL-01.
 */
#include "validate_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The first id that ends the TABARI suite; the records after it crash or stop TABARI. */
static const char stop_id[] = "FINAL-01";

static int is_blank(const char *p, const char *end)
{
    for (; p < end; p++)
        if (!isspace((unsigned char)*p))
            return 0;
    return 1;
}

static void trim(const char **p, const char **end)
{
    while (*p < *end && isspace((unsigned char)**p))
        (*p)++;
    while (*end > *p && isspace((unsigned char)(*end)[-1]))
        (*end)--;
}

/* 1 when the n bytes at p start with word, ignoring case. */
static int starts_with(const char *p, size_t n, const char *word)
{
    size_t w = strlen(word);
    if (n < w)
        return 0;
    for (size_t i = 0; i < w; i++)
        if (toupper((unsigned char)p[i]) != word[i])
            return 0;
    return 1;
}

/* "SOURCE[CODE]PRIOR" in an option written without blanks: a copy of CODE when the option
 * has the word after it, "" when the option names no such code; NULL when it names one
 * without the word, or out of memory (*nomem). */
static const char *default_code(ent_suite *s, const char *option, const char *side,
                                const char *word, int *nomem)
{
    const char *at = strstr(option, side);
    if (!at)
        return "";
    const char *code = at + strlen(side), *close = strchr(code, ']');
    if (!close || strncmp(close + 1, word, strlen(word)) != 0)
        return NULL;
    const char *copy = ent_validate__strndup(s, code, (size_t)(close - code));
    *nomem |= !copy;
    return copy;
}

/* Applies the options that say how the suite is written: "SET: YYYY = TRUE|FALSE" (dates of 8
 * or 6 digits) and "FORWARD: MASK [OFF]" (see story_of()); and "DEFAULT: SOURCE [CODE] PRIOR
 * TARGET [CODE] AFTER" and "DEFAULT: OFF", the default actors entente's coder has too (when
 * there is no actor before the verb, and none after it: TABARI without PRIOR or AFTER looks
 * elsewhere, which entente does not). Returns 1 for those, 0 for the others, which are only
 * listed, and -1 when out of memory. */
static int apply_option(ent_suite *s, const char *p, size_t n)
{
    char buf[64]; /* the option without blanks, in capitals */
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof buf; i++)
        if (!isspace((unsigned char)p[i]))
            buf[k++] = (char)toupper((unsigned char)p[i]);
    buf[k] = '\0';
    if (strncmp(buf, "SET:YYYY=", 9) == 0) {
        if (strncmp(buf + 9, "TRUE", 4) == 0)
            s->yyyy = 1;
        else if (strncmp(buf + 9, "FALSE", 5) == 0)
            s->yyyy = 0;
        return 1;
    }
    if (strncmp(buf, "FORWARD:", 8) == 0) {
        const char *mask = buf + 8;
        size_t m = strspn(mask, "^*NS");
        if (strcmp(mask + m, "OFF") == 0 || m >= sizeof s->forward)
            m = 0;
        memcpy(s->forward, mask, m);
        s->forward[m] = '\0';
        return 1;
    }
    if (strncmp(buf, "DEFAULT:", 8) == 0) {
        if (strcmp(buf + 8, "OFF") == 0) {
            s->default_actor[0] = s->default_actor[1] = NULL;
            return 1;
        }
        int nomem = 0;
        const char *source = default_code(s, buf + 8, "SOURCE[", "PRIOR", &nomem);
        const char *target = default_code(s, buf + 8, "TARGET[", "AFTER", &nomem);
        if (nomem)
            return -1;
        if (!source || !target)
            return 0;
        s->default_actor[0] = *source ? source : NULL;
        s->default_actor[1] = *target ? target : NULL;
        return 1;
    }
    return 0;
}

/*
 * The story of a record under FORWARD: the digits at the mask's N positions. The mask is laid
 * over the end of the id (TABARI's "^^*****NNN*SSS" reads FRWD-001-002 as story 001, sentence
 * 002); its N and S positions must be digits inside the id, else the record has no story.
 * *out is NULL without FORWARD. Returns ENT_OK or ENT_ENOMEM.
 */
static int story_of(const char **out, ent_suite *s, const char *id)
{
    *out = NULL;
    size_t m = strlen(s->forward), n = strlen(id), k = 0;
    char story[sizeof s->forward];
    for (size_t i = 0; i < m; i++) {
        char c = s->forward[i];
        if (c != 'N' && c != 'S')
            continue;
        if (i + n < m || !isdigit((unsigned char)id[n - m + i]))
            return ENT_OK;
        if (c == 'N')
            story[k++] = id[n - m + i];
    }
    if (k && !(*out = ent_validate__strndup(s, story, k)))
        return ENT_ENOMEM;
    return ENT_OK;
}

/* A record's date: six digits YYMMDD (years 00-30 are 2000-2030), or with SET: YYYY eight
 * digits YYYYMMDD. Like TABARI, extra digits are ignored (with a warning). */
static int read_date(ent_date *out, ent_suite *s, const char *file, long line, const char *p,
                     size_t n)
{
    size_t width = s->yyyy ? 8 : 6;
    if (n < width)
        return ENT_EPARSE;
    if (n > width)
        ent_validate__diag(s, file, line, "warning: the date '%.*s' has %zu digits; read as %.*s",
                           (int)n, p, n, (int)width, p);
    int v[8];
    for (size_t i = 0; i < width; i++)
        v[i] = p[i] - '0';
    int year, month, day;
    if (width == 8) {
        year = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
        month = v[4] * 10 + v[5];
        day = v[6] * 10 + v[7];
    } else {
        year = v[0] * 10 + v[1];
        year += year <= 30 ? 2000 : 1900;
        month = v[2] * 10 + v[3];
        day = v[4] * 10 + v[5];
    }
    *out = ent_date_from_ymd(year, month, day);
    return *out == ENT_DATE_NONE ? ENT_EPARSE : ENT_OK;
}

/* Where a record's expectations are collected. */
typedef struct expect_acc {
    ent_triple events[64];
    size_t nevents;
    int none, discard, complex, option, partial;
    const char *error; /* the first malformed block */
} expect_acc;

/* Reads one {…} block (content trimmed, without braces) into acc. Returns ENT_OK or
 * ENT_ENOMEM; a malformed block sets acc->error. */
static int read_block(expect_acc *acc, ent_suite *s, const char *file, long line, const char *p,
                      const char *end, size_t record_index)
{
    size_t n = (size_t)(end - p);
    if (starts_with(p, n, "OPTION")) {
        const char *o = p + 6;
        while (o < end && (isspace((unsigned char)*o) || *o == ':'))
            o++;
        acc->option = 1;
        /* An option changes the records after the one that carries it. */
        int applied = apply_option(s, o, (size_t)(end - o));
        if (applied < 0)
            return ENT_ENOMEM;
        return ent_validate__add_option(s, line, record_index + 1, o, (size_t)(end - o), applied);
    }
    if (n == 0)
        return ENT_OK; /* "{}" in the prose of a comment */
    if (n == 3 && memcmp(p, "---", 3) == 0) {
        acc->none = 1;
        return ENT_OK;
    }
    if (n == 3 && memcmp(p, "###", 3) == 0) {
        acc->discard = 1;
        return ENT_OK;
    }
    if (n == 3 && memcmp(p, "+++", 3) == 0) {
        acc->complex = 1;
        return ENT_OK;
    }
    const char *slash1 = memchr(p, '/', n);
    const char *slash2 = slash1 ? memchr(slash1 + 1, '/', (size_t)(end - slash1 - 1)) : NULL;
    const char *slash3 = slash2 ? memchr(slash2 + 1, '/', (size_t)(end - slash2 - 1)) : NULL;
    const char *part[3][2] = {
        {p, slash1}, {slash1 ? slash1 + 1 : p, slash2}, {slash2 ? slash2 + 1 : p, end}};
    int ok = slash2 && !slash3;
    for (int k = 0; ok && k < 3; k++) {
        trim(&part[k][0], &part[k][1]);
        ok = part[k][1] > part[k][0];
    }
    if (!ok || acc->nevents == sizeof acc->events / sizeof *acc->events) {
        if (!acc->error) {
            char msg[160];
            snprintf(msg, sizeof msg, "%s '{%.*s}'",
                     ok ? "too many expected events at" : "malformed expected event",
                     (int)(n > 60 ? 60 : n), p);
            acc->error = ent_validate__strndup(s, msg, strlen(msg));
            if (!acc->error)
                return ENT_ENOMEM;
            ent_validate__diag(s, file, line, "%s", msg);
        }
        return ENT_OK;
    }
    ent_triple *t = &acc->events[acc->nevents++];
    t->source = ent_validate__strndup(s, part[0][0], (size_t)(part[0][1] - part[0][0]));
    t->target = ent_validate__strndup(s, part[1][0], (size_t)(part[1][1] - part[1][0]));
    t->event = ent_validate__strndup(s, part[2][0], (size_t)(part[2][1] - part[2][0]));
    return t->source && t->target && t->event ? ENT_OK : ENT_ENOMEM;
}

/* Reads the {…} blocks of a record's comment [p, end); line is the line p is on. */
static int read_comment(expect_acc *acc, ent_suite *s, const char *file, long line, const char *p,
                        const char *end, size_t record_index)
{
    while (p < end && !acc->partial) {
        const char *open = memchr(p, '{', (size_t)(end - p));
        if (!open)
            break;
        for (const char *q = p; q < open; q++)
            line += *q == '\n';
        const char *eol = memchr(open, '\n', (size_t)(end - open));
        if (!eol)
            eol = end;
        const char *close = memchr(open, '}', (size_t)(eol - open));
        const char *b = open + 1, *bend = close ? close : eol;
        if (!close) /* "{ OPTION: … " with the closing brace left out, before the comment end */
            for (const char *q = b; q + 1 < bend; q++)
                if (q[0] == '*' && q[1] == '/') {
                    bend = q;
                    break;
                }
        if (open > p && open[-1] == '-') {
            acc->partial = 1; /* "-{…}": checking stops here */
            break;
        }
        trim(&b, &bend);
        int rc = read_block(acc, s, file, line, b, bend, record_index);
        if (rc != ENT_OK)
            return rc;
        p = close ? close + 1 : eol;
    }
    return ENT_OK;
}

/* The category of a TABARI record: its id up to the first '-' or digit ("DEMO" of DEMO-04,
 * "CEP" of CEP20020711000013). The id's last word is used, so "950101  AGENTS-11" (a date
 * written twice) is AGENTS. */
static const char *category_of(ent_suite *s, const char *id)
{
    const char *w = id + strlen(id);
    while (w > id && !isspace((unsigned char)w[-1]))
        w--;
    size_t n = 0;
    while (w[n] && w[n] != '-' && !isdigit((unsigned char)w[n]))
        n++;
    return n ? ent_validate__strndup(s, w, n) : ent_validate__strndup(s, "(none)", 6);
}

/* One record: the bytes [start, end) beginning with its "DATE ID" line at line. */
static int read_record(ent_suite *s, const char *file, long line, const char *start,
                       const char *end)
{
    const char *hend = memchr(start, '\n', (size_t)(end - start));
    if (!hend)
        hend = end;
    const char *d = start;
    while (d < hend && isdigit((unsigned char)*d))
        d++;
    const char *id = d, *idend = hend;
    trim(&id, &idend);

    ent_suite_record r;
    memset(&r, 0, sizeof r);
    r.file = file;
    r.line = line;
    r.ordered = 1;
    r.evaluate = 1;
    if (id < idend) {
        r.id = ent_validate__strndup(s, id, (size_t)(idend - id));
    } else { /* a date without an id */
        char buf[32];
        snprintf(buf, sizeof buf, "line %ld", line);
        r.id = ent_validate__strndup(s, buf, strlen(buf));
    }
    if (!r.id)
        return ENT_ENOMEM;
    r.category = category_of(s, r.id);
    if (!r.category)
        return ENT_ENOMEM;

    const char *body = hend < end ? hend + 1 : end;
    const char *comment = NULL;
    for (const char *q = body; q + 1 < end; q++)
        if (q[0] == '/' && q[1] == '*') {
            comment = q;
            break;
        }
    r.text = ent_validate__collapse(s, body, (size_t)((comment ? comment : end) - body), &r.len);
    if (!r.text)
        return ENT_ENOMEM;

    /* The date, story and default actors first: an OPTION of this record (SET: YYYY, FORWARD,
       DEFAULT) applies to the records after it. */
    const char *date_error = NULL;
    r.date = ENT_DATE_NONE;
    if (read_date(&r.date, s, file, line, start, (size_t)(d - start)) != ENT_OK) {
        char msg[96];
        snprintf(msg, sizeof msg, "bad date '%.*s' (%s)", (int)(d - start > 20 ? 20 : d - start),
                 start, s->yyyy ? "YYYYMMDD: SET: YYYY is on" : "YYMMDD");
        date_error = ent_validate__strndup(s, msg, strlen(msg));
        if (!date_error)
            return ENT_ENOMEM;
        ent_validate__diag(s, file, line, "%s: %s", r.id, msg);
    }

    if (story_of(&r.story, s, r.id) != ENT_OK)
        return ENT_ENOMEM;
    r.default_source = s->default_actor[0];
    r.default_target = s->default_actor[1];

    expect_acc acc;
    memset(&acc, 0, sizeof acc);
    acc.error = date_error;
    if (comment) {
        long cline = line + 1;
        for (const char *q = body; q < comment; q++)
            cline += *q == '\n';
        int rc = read_comment(&acc, s, file, cline, comment + 2, end, s->nrecords);
        if (rc != ENT_OK)
            return rc;
    }
    /* TABARI checks the special codes first. {+++} only says that TABARI's complexity
     * filter stops the record; entente has none, so listed events are still checked. */
    if (acc.discard) {
        r.expect = ENT_EXPECT_DISCARD;
        r.note = "{###}";
    } else if (acc.none) {
        r.expect = ENT_EXPECT_NONE;
        r.note = "{---}";
    } else if (acc.nevents) {
        r.expect = ENT_EXPECT_EVENTS;
        r.partial = acc.partial;
    } else {
        r.expect = ENT_EXPECT_NA;
        r.note = acc.partial   ? "-{ (nothing checked)"
                 : acc.complex ? "{+++}"
                 : acc.option  ? "OPTION"
                               : "no expectation";
    }
    r.error = acc.error;

    if (!r.error && r.len == 0 && r.expect != ENT_EXPECT_NA) {
        r.error = "no text";
        ent_validate__diag(s, file, line, "%s: no text", r.id);
    }
    int rc = ent_validate__add_record(s, &r, acc.events, acc.nevents);
    if (rc == ENT_OK && strcmp(r.id, stop_id) == 0) {
        s->stopped = 1;
        s->stop_id = r.id;
    }
    return rc;
}

int ent_validate__tabari_parse(ent_suite *s, const char *name, const char *data, size_t len)
{
    const char *end = data + len;
    const char *rec = NULL; /* start of the record being read */
    long rec_line = 0, line = 0;
    int prev_blank = 1, rc = ENT_OK;
    for (const char *p = data; rc == ENT_OK && p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *next = eol ? eol + 1 : end;
        line++;
        if (is_blank(p, eol ? eol : end)) {
            if (rec && s->stopped)
                s->after_stop++;
            else if (rec)
                rc = read_record(s, name, rec_line, rec, p);
            rec = NULL;
            prev_blank = 1;
        } else {
            if (!rec && prev_blank && isdigit((unsigned char)*p)) {
                rec = p;
                rec_line = line;
            }
            prev_blank = 0;
        }
        p = next;
    }
    if (rc == ENT_OK && rec) {
        if (s->stopped)
            s->after_stop++;
        else
            rc = read_record(s, name, rec_line, rec, end);
    }
    return rc;
}
