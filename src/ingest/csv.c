/*
 * ingest — stage 1: CSV records (RFC 4180) for the record reader: finding where a record
 * ends (a line break outside quotes; resumable, because a record with embedded newlines may
 * span several buffer fills) and splitting it into unquoted field values.
 *
 * One state machine serves both. It is lenient where RFC 4180 is silent, as most CSV
 * writers and readers are: a quote inside an unquoted field is an ordinary character, and
 * characters after a closing quote belong to the same field ("a"b → ab).
 */
#include "ingest_internal.h"

enum {
    FIELD_START, /* at the start of a field */
    UNQUOTED,    /* inside an unquoted field */
    QUOTED,      /* inside a quoted field */
    QUOTE_SEEN   /* a quote inside a quoted field: closing, or the first of a pair */
};

enum action { KEEP, APPEND, END_FIELD, END_RECORD };

/* One step of the machine on byte c: the next state in *state, what to do with c. */
static enum action step(int *state, char c)
{
    switch (*state) {
    case FIELD_START:
        if (c == '"') {
            *state = QUOTED;
            return KEEP;
        }
        if (c == ',')
            return END_FIELD;
        if (c == '\n')
            return END_RECORD;
        *state = UNQUOTED;
        return APPEND;
    case UNQUOTED:
        if (c == ',') {
            *state = FIELD_START;
            return END_FIELD;
        }
        return c == '\n' ? END_RECORD : APPEND;
    case QUOTED:
        if (c == '"') {
            *state = QUOTE_SEEN;
            return KEEP;
        }
        return APPEND;
    default: /* QUOTE_SEEN */
        if (c == '"') {
            *state = QUOTED; /* "" is one quote */
            return APPEND;
        }
        if (c == ',') {
            *state = FIELD_START;
            return END_FIELD;
        }
        if (c == '\n')
            return END_RECORD;
        *state = UNQUOTED;
        return APPEND;
    }
}

size_t ent_ingest__csv_record_end(ent_csv_scan *sc, const char *s, size_t n, int at_eof,
                                  int *unterminated)
{
    *unterminated = 0;
    for (; sc->off < n; sc->off++) {
        char c = s[sc->off];
        if (step(&sc->state, c) == END_RECORD)
            return ++sc->off;
        if (c == '\n')
            sc->newlines++;
    }
    if (!at_eof || n == 0)
        return 0;
    if (sc->state == QUOTED) {
        *unterminated = 1;
        return 0;
    }
    return n; /* the last record, without a line break */
}

int ent_ingest__csv_split(ent_buf *out, size_t *offs, size_t max, size_t *count, const char *s,
                          size_t len)
{
    /* the record's line break (LF or CRLF) is not part of its last field */
    if (len && s[len - 1] == '\n')
        len--;
    int state = FIELD_START;
    size_t nfields = 0;
    size_t start = out->len;
    for (size_t i = 0; i <= len; i++) {
        enum action a = i < len ? step(&state, s[i]) : END_RECORD;
        if (a == APPEND) {
            ent_buf_putc(out, s[i]);
        } else if (a == END_FIELD || a == END_RECORD) {
            /* a CR before the line break ends an unquoted last field: drop it */
            if (a == END_RECORD && state == UNQUOTED && out->len > start &&
                out->data[out->len - 1] == '\r')
                out->len--;
            ent_buf_putc(out, '\0');
            if (nfields < max)
                offs[nfields] = start;
            nfields++;
            start = out->len;
            state = FIELD_START;
        }
    }
    *count = nfields;
    return out->failed ? -1 : 0;
}
