/*
 * text — stage 2: the tokenizer. One pass over the analysed buffer producing tokens as spans
 * (no copies, no allocation per token: the token array grows and is kept across calls).
 * Each word gets its folded-form hash and what the lexicon knows (lemma, verb form,
 * closed-class tag, through a per-analyser cache) as it is emitted.
 *
 * Rules, in the order they are tried at each position:
 *   whitespace   counted into the gap before the next token (space, line break, blank line)
 *   numbers      3.5  1,000  10%  10:30  12/03/2024  2024-03-01  1990s  3rd; digit-dash-digit
 *                with one dash (2-1, 3–0) is a score or range (ENT_TOK_SCORE)
 *   words        letters, digits and marks; inner apostrophes (O'Brien) kept; split off:
 *                's and ' (possessive), n't (didn't → did n't, can't → ca n't), 're 've 'll 'd
 *                'm; "cannot" → can not; a hyphen between word characters splits
 *                (Iran-Russia → Iran - Russia, the last two with ENT_TOK_NO_SPACE).
 *                A period stays in the word for acronyms (U.S., e.g.), a single capital
 *                letter (J. R. R. Tolkien, but not "I.") and abbreviations the lexicon knows
 *                (Mr., Gen., Jan., No. before a number). A period followed directly by a
 *                lower-case letter joins (reuters.com).
 *   punctuation  one token per mark ("..." and "--" are one token); quotes get ENT_TOK_QUOTE;
 *                ; : — and spaced dashes (" - ", " – ", "--") get ENT_TOK_CLAUSE_END.
 *   underscore   between two letters, a space: Treebank-style text and coder test suites
 *                join a name's words with it ("Dol_Amroth"), which dictionaries write apart.
 */
#include "text_internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ASCII character kinds. */
enum { K_SPACE, K_NL, K_LOWER, K_UPPER, K_DIGIT, K_PUNCT, K_HIGH };

#define KIND(c)                                                                                    \
    ((c) >= 0x80                                 ? K_HIGH                                          \
     : (c) == '\n'                               ? K_NL                                            \
     : ((c) < 0x20 || (c) == ' ' || (c) == 0x7f) ? K_SPACE                                         \
     : ((c) >= 'a' && (c) <= 'z')                ? K_LOWER                                         \
     : ((c) >= 'A' && (c) <= 'Z')                ? K_UPPER                                         \
     : ((c) >= '0' && (c) <= '9')                ? K_DIGIT                                         \
                                                 : K_PUNCT)
#define ROW(a)                                                                                     \
    KIND(a), KIND(a + 1), KIND(a + 2), KIND(a + 3), KIND(a + 4), KIND(a + 5), KIND(a + 6),         \
        KIND(a + 7)
static const unsigned char kind[256] = {
    ROW(0x00), ROW(0x08), ROW(0x10), ROW(0x18), ROW(0x20), ROW(0x28), ROW(0x30), ROW(0x38),
    ROW(0x40), ROW(0x48), ROW(0x50), ROW(0x58), ROW(0x60), ROW(0x68), ROW(0x70), ROW(0x78),
    ROW(0x80), ROW(0x88), ROW(0x90), ROW(0x98), ROW(0xa0), ROW(0xa8), ROW(0xb0), ROW(0xb8),
    ROW(0xc0), ROW(0xc8), ROW(0xd0), ROW(0xd8), ROW(0xe0), ROW(0xe8), ROW(0xf0), ROW(0xf8),
};
#undef ROW
#undef KIND

/* Bits for the fast word loop: letter or digit, upper, lower, and characters after which a
 * word needs the full rules (' . - & and any non-ASCII byte). */
enum { W_ALNUM = 1, W_UPPER = 2, W_LOWER = 4, W_SLOW = 8 };
#define WF(c)                                                                                      \
    ((c) >= 0x80 || (c) == '\'' || (c) == '.' || (c) == '-' || (c) == '&' ? W_SLOW                 \
     : ((c) >= 'a' && (c) <= 'z')                                         ? W_ALNUM | W_LOWER      \
     : ((c) >= 'A' && (c) <= 'Z')                                         ? W_ALNUM | W_UPPER      \
     : ((c) >= '0' && (c) <= '9')                                         ? W_ALNUM                \
                                                                          : 0)
#define ROW(a) WF(a), WF(a + 1), WF(a + 2), WF(a + 3), WF(a + 4), WF(a + 5), WF(a + 6), WF(a + 7)
static const unsigned char wflag[256] = {
    ROW(0x00), ROW(0x08), ROW(0x10), ROW(0x18), ROW(0x20), ROW(0x28), ROW(0x30), ROW(0x38),
    ROW(0x40), ROW(0x48), ROW(0x50), ROW(0x58), ROW(0x60), ROW(0x68), ROW(0x70), ROW(0x78),
    ROW(0x80), ROW(0x88), ROW(0x90), ROW(0x98), ROW(0xa0), ROW(0xa8), ROW(0xb0), ROW(0xb8),
    ROW(0xc0), ROW(0xc8), ROW(0xd0), ROW(0xd8), ROW(0xe0), ROW(0xe8), ROW(0xf0), ROW(0xf8),
};
#undef ROW
#undef WF

/* The hot helpers below are used from several places; inlining them matters. */
#if defined(__GNUC__)
#define HOT static inline __attribute__((always_inline))
#else
#define HOT static inline
#endif

/* Kinds of non-ASCII code points. */
enum { U_WORD, U_SPACE, U_NL, U_PARA, U_PUNCT };

static int cp_kind(int32_t cp)
{
    if (cp == 0x2028 || cp == 0x85)
        return U_NL;
    if (cp == 0x2029)
        return U_PARA;
    if (cp == 0xad)
        return U_WORD; /* soft hyphen inside a word */
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return U_WORD;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return U_SPACE;
    default:
        return U_PUNCT;
    }
}

typedef struct scan {
    ent_text *t;
    const ent_lexicon *lex;
    const unsigned char *b;
    size_t n;
    uint8_t gap; /* whitespace seen since the last token */
    int err;
} scan;

static inline int is_alnum(unsigned c)
{
    unsigned k = kind[c];
    return k == K_LOWER || k == K_UPPER || k == K_DIGIT;
}

static inline int is_digit(unsigned c)
{
    return c - '0' < 10u;
}

static inline int is_alpha(unsigned c)
{
    return (c | 0x20) - 'a' < 26u;
}

static inline int is_upper(unsigned c)
{
    return c - 'A' < 26u;
}

static inline int is_lower(unsigned c)
{
    return c - 'a' < 26u;
}

/* The code point at i (n > i) and its length. */
static inline int32_t cp_at(const scan *st, size_t i, unsigned *len)
{
    if (st->b[i] < 0x80) {
        *len = 1;
        return st->b[i];
    }
    return ent_text__decode(st->b + i, st->n - i, len);
}

/* True when a word character starts at i. */
static int word_at(const scan *st, size_t i)
{
    if (i >= st->n)
        return 0;
    if (st->b[i] < 0x80)
        return is_alnum(st->b[i]);
    unsigned len;
    return cp_kind(cp_at(st, i, &len)) == U_WORD;
}

/* Length of the apostrophe (' or U+2019) at i, or 0. */
static inline unsigned apostrophe_at(const scan *st, size_t i)
{
    const unsigned char *b = st->b;
    if (i >= st->n)
        return 0;
    if (b[i] == '\'')
        return 1;
    if (b[i] == 0xe2 && i + 2 < st->n && b[i + 1] == 0x80 && b[i + 2] == 0x99)
        return 3;
    return 0;
}

/* Length of a hyphen usable between two words (- U+2010 U+2011 U+2013) at i, or 0. */
static inline unsigned hyphen_at(const scan *st, size_t i)
{
    const unsigned char *b = st->b;
    if (b[i] == '-')
        return 1;
    if (b[i] == 0xe2 && i + 2 < st->n && b[i + 1] == 0x80 &&
        (b[i + 2] == 0x90 || b[i + 2] == 0x91 || b[i + 2] == 0x93))
        return 3;
    return 0;
}

/*
 * Tokens are built in local variables and stored whole by append(): stores through their
 * uint8_t fields would otherwise make the compiler reload the scanner state after each one.
 */
static inline void token_init(scan *st, ent_token *tk, ent_text__tokx *x, size_t start, size_t end,
                              uint16_t flags)
{
    if (st->gap == ENT_GAP_NONE && st->t->ntok > 0)
        flags |= ENT_TOK_NO_SPACE;
    tk->start = (uint32_t)start;
    tk->len = (uint32_t)(end - start);
    tk->flags = flags;
    tk->pos = ENT_POS_X;
    tk->vform = ENT_VF_NONE;
    tk->form = tk->lemma = 0;
    x->gap = st->gap;
    x->cpos = ENT_POS_X;
    x->lx = 0;
    x->mark = 0;
    x->sfx = 0;
    st->gap = ENT_GAP_NONE;
}

/* Appends a token; an allocation failure sets err (the scan then stops). */
static inline void append(scan *st, const ent_token *tk, const ent_text__tokx *x)
{
    ent_text *t = st->t;
    size_t k = t->ntok;
    if (k == t->tok_cap && ent_text__reserve_tokens(t, k + 1) != ENT_OK) {
        st->err = 1;
        return;
    }
    t->tok[k] = *tk;
    t->tokx[k] = *x;
    t->ntok = k + 1;
}

/* A punctuation token (or number when pos is NUM): hash only, no lexicon. */
static void emit_plain(scan *st, size_t start, size_t end, uint16_t flags, uint8_t pos)
{
    ent_token tk;
    ent_text__tokx x;
    token_init(st, &tk, &x, start, end, flags);
    if (end - start == 1 && st->b[start] < 0x80)
        tk.form = st->t->ascii_hash[st->b[start]];
    else
        tk.form = ent_text__hash_nfc((const char *)st->b + start, end - start);
    tk.lemma = tk.form;
    tk.pos = x.cpos = pos;
    if (flags & ENT_TOK_QUOTE) {
        x.mark = ENT_MARK_CLOSE;
    } else {
        switch (st->b[start]) {
        case '.':
        case '!':
        case '?':
            x.mark = ENT_MARK_TERM;
            break;
        case ')':
        case ']':
        case '}':
            x.mark = ENT_MARK_CLOSE;
            break;
        case '(':
        case '[':
            x.mark = ENT_MARK_OPEN;
            break;
        case ',':
            x.mark = ENT_MARK_COMMA;
            break;
        case 0xe2: /* … */
            if (end - start == 3 && st->b[start + 1] == 0x80 && st->b[start + 2] == 0xa6)
                x.mark = ENT_MARK_TERM;
            break;
        default:
            break;
        }
    }
    append(st, &tk, &x);
}

/* Index of the first slot of form's set in the cache. */
static inline size_t cache_set(uint64_t form)
{
    return (size_t)((form >> 40) & ((1u << (ENT_TEXT__CACHE_BITS - 1)) - 1)) * 2;
}

/* ent_text__lookup() through the analyser's cache. Word frequencies are skewed: a few
 * thousand forms make most tokens, so most lookups (and their suffix rules) end here. */
HOT void lookup_cached(ent_text__word *out, ent_text *t, const char *s, size_t len, uint64_t form,
                       int cap, int plural)
{
    /* Two ways per set. A new word goes into way 1 and moves to way 0 when it is seen again,
     * so words that occur once do not push out frequent ones. */
    ent_text__cached *c = &t->cache[cache_set(form)];
    uint8_t key = (uint8_t)(1 | (cap ? 2 : 0) | (plural ? 4 : 0));
    if (c[0].w.key == key && c[0].form == form) {
        *out = c[0].w;
        return;
    }
    if (c[1].w.key == key && c[1].form == form) {
        *out = c[1].w;
        ent_text__cached tmp = c[0];
        c[0] = c[1];
        c[1] = tmp;
        return;
    }
    ent_text__lookup(out, t->lex, s, len, form, cap, plural);
    out->key = key;
    c[1].form = form;
    c[1].w = *out;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SWAR 1
#define ONES UINT64_C(0x0101010101010101)
#define HIGH UINT64_C(0x8080808080808080)
/* High bit of each byte of x (ASCII only) that lies in [lo, hi]. */
#define IN_RANGE(x, hept, lo, hi)                                                                  \
    (((hept) + (0x80 - (lo)) * ONES) & ~((hept) + (0x7f - (hi)) * ONES) & ~(x)&HIGH)
#endif

/*
 * Scans the ASCII letters and digits of a word from i, hashing their folded form (the value
 * ent_text_hash() gives) and counting capitals and small letters. Returns the index after
 * them. Eight bytes at a time where the buffer allows.
 */
HOT size_t word_fast(const unsigned char *b, size_t n, size_t i, uint64_t *hash, unsigned *upper,
                     unsigned *lower)
{
    uint64_t h = ENT_TEXT__HASH_SEED;
    size_t start = i;
#ifdef SWAR
    while (i + 8 <= n) {
        uint64_t x;
        memcpy(&x, b + i, 8);
        uint64_t hept = x & ~HIGH;
        uint64_t up = IN_RANGE(x, hept, 'A', 'Z');
        uint64_t lo = IN_RANGE(x, hept, 'a', 'z');
        uint64_t dg = IN_RANGE(x, hept, '0', '9');
        uint64_t stop = ~(up | lo | dg) & HIGH;
        unsigned k = stop ? (unsigned)__builtin_ctzll(stop) >> 3 : 8;
        uint64_t keep = k == 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * k)) - 1;
        /* bytes flagged in a mask, counted by summing them with one multiply */
        *upper += (unsigned)((((up & keep) >> 7) * ONES) >> 56);
        *lower += (unsigned)((((lo & keep) >> 7) * ONES) >> 56);
        i += k;
        if (k)
            h = ent_text__absorb(h, (x | (up >> 2)) & keep);
        if (k < 8) {
            *hash = ent_text__finish(h, i - start);
            return i;
        }
    }
#endif
    /* the tail of the buffer, one byte at a time */
    ent_text__hasher hs;
    hs.h = h;
    hs.acc = 0;
    hs.fill = 0;
    hs.len = i - start;
    while (i < n) {
        unsigned f = wflag[b[i]];
        if (!(f & W_ALNUM))
            break;
        *upper += (f >> 1) & 1;
        *lower += (f >> 2) & 1;
        ent_text__hasher_byte(&hs, ent_text__lower[b[i]]);
        i++;
    }
    *hash = ent_text__hasher_end(&hs);
    return i;
}

/* The fast path's token: a plain ASCII word (starting with a letter, no period kept). */
static inline void emit_fast(scan *st, size_t s, size_t e, uint64_t h, unsigned first,
                             unsigned upper, unsigned lower)
{
    ent_text *t = st->t;
    int cap = is_upper(first), allcaps = upper >= 2 && lower == 0;
    ent_text__word w;
    lookup_cached(&w, t, (const char *)st->b + s, e - s, h, cap, !cap && !allcaps);
    ent_token tk;
    ent_text__tokx x;
    tk.start = (uint32_t)s;
    tk.len = (uint32_t)(e - s);
    tk.form = h;
    tk.lemma = w.lemma;
    tk.flags = (uint16_t)(w.tflags | (cap ? ENT_TOK_CAP : 0) | (allcaps ? ENT_TOK_ALLCAPS : 0) |
                          (st->gap == ENT_GAP_NONE && t->ntok > 0 ? ENT_TOK_NO_SPACE : 0));
    tk.pos = w.cpos;
    tk.vform = w.vform;
    x.lx = w.lx;
    x.gap = st->gap;
    x.cpos = w.cpos;
    x.mark = 0;
    x.sfx = w.sfx;
    st->gap = ENT_GAP_NONE;
    append(st, &tk, &x);
}

/* Fills a word token from its hash and case counts, and what the lexicon knows. lx adds
 * ENT_LX_* bits; pos, if not X, overrides the lexicon's tag. */
static inline void finish_word(scan *st, ent_token *tk, ent_text__tokx *x, uint64_t h,
                               int first_upper, unsigned upper, unsigned lower, uint32_t lx,
                               uint8_t pos)
{
    uint16_t flags = 0;
    if (first_upper)
        flags |= ENT_TOK_CAP;
    if (upper >= 2 && lower == 0)
        flags |= ENT_TOK_ALLCAPS;
    if (is_digit(st->b[tk->start]))
        flags |= ENT_TOK_DIGIT;
    tk->form = h;
    ent_text__word w;
    lookup_cached(&w, st->t, (const char *)st->b + tk->start, tk->len, h, first_upper != 0,
                  !first_upper && !(flags & ENT_TOK_ALLCAPS));
    tk->flags |= flags | w.tflags;
    tk->lemma = w.lemma;
    tk->vform = w.vform;
    x->lx = w.lx | lx;
    x->cpos = pos != ENT_POS_X ? pos : w.cpos;
    x->sfx = w.sfx;
    if (pos == ENT_POS_POSS)
        tk->flags &= (uint16_t) ~(ENT_TOK_CAN_VERB | ENT_TOK_CAN_NOUN); /* ministers' */
    tk->pos = x->cpos;
    if ((x->lx & ENT_LX_ABBR) && st->b[tk->start + tk->len - 1] == '.')
        x->mark = ENT_MARK_ABBR;
}

/* A word: hash, case flags, lexicon. lx adds ENT_LX_* bits; pos, if not X, overrides. */
static void emit_word(scan *st, size_t start, size_t end, uint32_t lx, uint8_t pos)
{
    ent_token tk;
    ent_text__tokx x;
    token_init(st, &tk, &x, start, end, 0);
    const unsigned char *b = st->b;
    unsigned upper = 0, lower = 0;
    uint64_t h;
    if (word_fast(b, end, start, &h, &upper, &lower) == end) {
        /* plain ASCII letters and digits ("Iran" of "Iran's", "said" of "said.") */
        finish_word(st, &tk, &x, h, is_upper(b[start]), upper, lower, lx, pos);
        append(st, &tk, &x);
        return;
    }
    upper = lower = 0;
    int first_upper = 0;
    for (size_t i = start; i < end;) {
        unsigned c = b[i], len = 1;
        int up, lo;
        if (c < 0x80) {
            up = is_upper(c);
            lo = is_lower(c);
        } else {
            int32_t cp = ent_text__decode(b + i, st->n - i, &len);
            up = utf8proc_isupper(cp) || utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
            lo = utf8proc_islower(cp);
        }
        if (i == start)
            first_upper = up;
        upper += up != 0;
        lower += lo != 0;
        i += len;
    }
    h = ent_text__hash_nfc((const char *)b + start, end - start);
    finish_word(st, &tk, &x, h, first_upper, upper, lower, lx, pos);
    append(st, &tk, &x);
}

/* Skips spaces from i and tells whether a digit follows. */
static int digit_follows(const scan *st, size_t i)
{
    while (i < st->n && (st->b[i] == ' ' || st->b[i] == '\t'))
        i++;
    return i < st->n && is_digit(st->b[i]);
}

/* Index after the word characters starting at i. */
static size_t word_chars(const scan *st, size_t i)
{
    const unsigned char *b = st->b;
    size_t n = st->n;
    while (i < n) {
        unsigned c = b[i];
        if (c < 0x80) {
            if (!is_alnum(c))
                break;
            i++;
        } else {
            unsigned len;
            if (cp_kind(ent_text__decode(b + i, n - i, &len)) != U_WORD)
                break;
            i += len;
        }
    }
    return i;
}

/* Length of a contraction re/ve/ll/d/m after an apostrophe at a (then no word char), or 0. */
static size_t contraction_len(const scan *st, size_t a)
{
    const unsigned char *b = st->b;
    size_t n = st->n;
    if (a >= n)
        return 0;
    unsigned c1 = b[a] | 0x20, c2 = a + 1 < n ? (b[a + 1] | 0x20) : 0;
    size_t k = 0;
    if ((c1 == 'r' || c1 == 'v') && c2 == 'e')
        k = 2;
    else if (c1 == 'l' && c2 == 'l')
        k = 2;
    else if (c1 == 'd' || c1 == 'm')
        k = 1;
    if (k && !word_at(st, a + k))
        return k;
    return 0;
}

/* Acronym "U.S." / "e.g." starting with the single letter at s, period at j. End or 0. */
static size_t acronym_end(const scan *st, size_t j)
{
    const unsigned char *b = st->b;
    size_t n = st->n, k = j;
    int count = 0;
    while (k + 1 < n && b[k] == '.' && is_alpha(b[k + 1]) && (k + 2 >= n || !is_alnum(b[k + 2]))) {
        k += 2;
        count++;
    }
    if (!count)
        return 0;
    if (k < n && b[k] == '.')
        k++;
    return k;
}

/* Scans a word starting at i; returns the index after everything emitted. */
static size_t scan_word(scan *st, size_t i)
{
    const unsigned char *b = st->b;
    size_t n = st->n, s = i, j = i;
again:
    j = word_chars(st, j);
    if (j >= n)
        goto plain;
    unsigned c = b[j];

    unsigned alen = apostrophe_at(st, j);
    if (alen) {
        size_t a = j + alen;
        if (j - s >= 2 && (b[j - 1] | 0x20) == 'n' && a < n && (b[a] | 0x20) == 't' &&
            !word_at(st, a + 1)) {
            emit_word(st, s, j - 1, 0, ENT_POS_X); /* did | n't */
            emit_word(st, j - 1, a + 1, 0, ENT_POS_X);
            return a + 1;
        }
        if (a < n && (b[a] | 0x20) == 's' && !word_at(st, a + 1)) {
            emit_word(st, s, j, 0, ENT_POS_X); /* Iran | 's */
            emit_word(st, j, a + 1, 0, ENT_POS_X);
            return a + 1;
        }
        size_t k = contraction_len(st, a);
        if (k) {
            emit_word(st, s, j, 0, ENT_POS_X); /* they | 're */
            emit_word(st, j, a + k, 0, ENT_POS_X);
            return a + k;
        }
        if (word_at(st, a)) {
            j = a; /* O'Brien */
            goto again;
        }
        emit_word(st, s, j, 0, ENT_POS_X);
        /* ministers' meeting: possessive when a word follows; otherwise a closing quote */
        size_t q = a;
        while (q < n && b[q] == ' ')
            q++;
        if ((b[j - 1] | 0x20) == 's' && q > a && word_at(st, q))
            emit_word(st, j, a, 0, ENT_POS_POSS);
        else
            emit_plain(st, j, a, ENT_TOK_PUNCT | ENT_TOK_QUOTE, ENT_POS_PUNCT);
        return a;
    }

    if (c == '.') {
        size_t wl = j - s;
        if (wl == 1 && is_alpha(b[s])) {
            size_t e = acronym_end(st, j);
            if (e) {
                emit_word(st, s, e, ENT_LX_ABBR, ENT_POS_X);
                return e;
            }
            if (is_upper(b[s]) && b[s] != 'I') {
                /* an initial: J. R. R. Tolkien */
                emit_word(st, s, j + 1, ENT_LX_ABBR | ENT_LX_ABBR_TITLE, ENT_POS_X);
                return j + 1;
            }
        } else if (wl >= 2 && wl <= 8) {
            char abbr[9];
            for (size_t k = 0; k < wl; k++)
                abbr[k] = (char)ent_text__lower[b[s + k]];
            abbr[wl] = '.';
            uint64_t h = ent_text__hash_folded(abbr, wl + 1);
            const ent_text__lexent *e = ent_text__lex_find(st->lex, h);
            if (e && (e->flags & ENT_LX_ABBR) &&
                (!(e->flags & ENT_LX_CAP_ONLY) || is_upper(b[s])) &&
                (!(e->flags & ENT_LX_ABBR_NUM) || digit_follows(st, j + 1))) {
                emit_word(st, s, j + 1, 0, ENT_POS_X);
                return j + 1;
            }
        }
        if (j + 1 < n && is_lower(b[j + 1]) && wl >= 2) {
            j++; /* reuters.com */
            goto again;
        }
        goto plain;
    }

    if (j > s && j + 1 < n) {
        unsigned hl = hyphen_at(st, j);
        if (hl && word_at(st, j + hl)) {
            emit_word(st, s, j, 0, ENT_POS_X); /* Iran | - | Russia */
            emit_plain(st, j, j + hl, ENT_TOK_PUNCT, ENT_POS_PUNCT);
            return j + hl;
        }
        if (c == '&' && is_upper(b[j - 1]) && is_upper(b[j + 1])) {
            j++; /* AT&T, S&P */
            goto again;
        }
    }

plain:
    if (j - s == 6 && (b[s] | 0x20) == 'c' && memcmp(b + s + 1, "annot", 5) == 0) {
        emit_word(st, s, s + 3, 0, ENT_POS_X); /* cannot → can not */
        emit_word(st, s + 3, j, 0, ENT_POS_X);
        return j;
    }
    emit_word(st, s, j, 0, ENT_POS_X);
    return j;
}

/* Scans a number starting at the digit at i. */
static size_t scan_number(scan *st, size_t i)
{
    const unsigned char *b = st->b;
    size_t n = st->n, j = i;
    int dashes = 0, seps = 0;
    for (;;) {
        while (j < n && is_digit(b[j]))
            j++;
        if (j + 1 >= n)
            break;
        unsigned c = b[j];
        if ((c == '.' || c == ':' || c == '/') && is_digit(b[j + 1])) {
            seps++;
            j++;
            continue;
        }
        if (c == ',' && j + 3 < n && is_digit(b[j + 1]) && is_digit(b[j + 2]) &&
            is_digit(b[j + 3]) && (j + 4 >= n || !is_digit(b[j + 4]))) {
            j++;
            continue;
        }
        if (c == '-' && is_digit(b[j + 1])) {
            dashes++;
            j++;
            continue;
        }
        if (c == 0xe2 && j + 3 < n && b[j + 1] == 0x80 && b[j + 2] == 0x93 && is_digit(b[j + 3])) {
            dashes++; /* en dash: 3–0 */
            j += 3;
            continue;
        }
        break;
    }
    if (j < n && b[j] == '%')
        j++;
    else
        while (j < n && is_alnum(b[j]))
            j++; /* 1990s, 3rd, 10am */
    uint16_t flags = ENT_TOK_DIGIT;
    if (dashes == 1 && seps == 0)
        flags |= ENT_TOK_SCORE;
    emit_plain(st, i, j, flags, ENT_POS_NUM);
    unsigned alen = apostrophe_at(st, j);
    if (alen && j + alen < n && (b[j + alen] | 0x20) == 's' && !word_at(st, j + alen + 1)) {
        emit_word(st, j, j + alen + 1, 0, ENT_POS_X); /* 2022's */
        return j + alen + 1;
    }
    return j;
}

/* True when whitespace (or the end) follows i. */
static int space_at(const scan *st, size_t i)
{
    return i >= st->n || kind[st->b[i]] == K_SPACE || kind[st->b[i]] == K_NL;
}

/* Scans one punctuation token at i. */
static size_t scan_punct(scan *st, size_t i)
{
    const unsigned char *b = st->b;
    size_t n = st->n, j = i + 1;
    unsigned c = b[i];
    uint16_t f = ENT_TOK_PUNCT;
    int spaced_before = st->gap != ENT_GAP_NONE;
    switch (c) {
    case '.':
        if (j + 1 < n && b[j] == '.' && b[j + 1] == '.')
            while (j < n && b[j] == '.')
                j++;
        break;
    case '-':
        if (j < n && b[j] == '-') {
            while (j < n && b[j] == '-')
                j++;
            f |= ENT_TOK_CLAUSE_END;
        } else if (spaced_before && space_at(st, j)) {
            f |= ENT_TOK_CLAUSE_END;
        }
        break;
    case ';':
    case ':':
        f |= ENT_TOK_CLAUSE_END;
        break;
    case '"':
    case '\'':
    case '`':
        f |= ENT_TOK_QUOTE;
        break;
    default:
        break;
    }
    emit_plain(st, i, j, f, ENT_POS_PUNCT);
    return j;
}

/* Scans one non-ASCII punctuation or symbol code point at i (length len). */
static size_t scan_upunct(scan *st, size_t i, int32_t cp, unsigned len)
{
    uint16_t f = ENT_TOK_PUNCT;
    switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201a:
    case 0x201b:
    case 0x201c:
    case 0x201d:
    case 0x201e:
    case 0x201f:
    case 0x00ab:
    case 0x00bb:
    case 0x2039:
    case 0x203a:
        f |= ENT_TOK_QUOTE;
        break;
    case 0x2014:
    case 0x2015:
        f |= ENT_TOK_CLAUSE_END;
        break;
    case 0x2013:
    case 0x2012:
    case 0x2212:
        if (st->gap != ENT_GAP_NONE || space_at(st, i + len))
            f |= ENT_TOK_CLAUSE_END;
        break;
    default:
        break;
    }
    emit_plain(st, i, i + len, f, ENT_POS_PUNCT);
    return i + len;
}

int ent_text__reserve_tokens(ent_text *t, size_t need)
{
    if (need <= t->tok_cap)
        return ENT_OK;
    size_t cap = t->tok_cap ? t->tok_cap * 2 : 256;
    while (cap < need)
        cap *= 2;
    ent_token *tk = realloc(t->tok, cap * sizeof *tk);
    if (!tk)
        return ENT_ENOMEM;
    t->tok = tk;
    ent_text__tokx *x = realloc(t->tokx, cap * sizeof *x);
    if (!x)
        return ENT_ENOMEM;
    t->tokx = x;
    t->tok_cap = cap;
    return ENT_OK;
}

int ent_text__tokenize(ent_text *t)
{
    scan st;
    memset(&st, 0, sizeof st);
    st.t = t;
    st.lex = t->lex;
    st.b = (const unsigned char *)t->buf;
    st.n = t->len;
    st.gap = ENT_GAP_BLANK;
    t->ntok = 0;
    /* A first guess of one token per five bytes saves most regrowth (capped: a huge input
     * may well be one long word). */
    size_t guess = t->len / 5 + 16;
    if (ent_text__reserve_tokens(t, guess < 65536 ? guess : 65536) != ENT_OK)
        return ENT_ENOMEM;

    const unsigned char *b = st.b;
    size_t n = st.n, i = 0;
    unsigned newlines = 0;
    /* if-chains rather than a switch: the order of character kinds is predictable (word,
     * space, word, punctuation…) for conditional branches but not for a jump table */
    while (i < n && !st.err) {
        unsigned c = b[i];
        unsigned k = kind[c];
        if (k == K_LOWER || k == K_UPPER) {
            /* Fast path: an ASCII word hashed while it is scanned. Anything unusual after it
             * (' . - & or a non-ASCII byte) goes back through scan_word() and the full rules. */
            size_t s = i;
            uint64_t h;
            unsigned upper = 0, lower = 0;
            i = word_fast(b, n, i, &h, &upper, &lower);
            if ((i < n && (wflag[b[i]] & W_SLOW)) ||
                (i - s == 6 && (c | 0x20) == 'c' && memcmp(b + s + 1, "annot", 5) == 0)) {
                i = scan_word(&st, s);
            } else {
                emit_fast(&st, s, i, h, c, upper, lower);
            }
        } else if (k == K_SPACE) {
            if (st.gap == ENT_GAP_NONE)
                st.gap = ENT_GAP_SPACE;
            i++;
            while (i < n && b[i] == ' ')
                i++;
            continue;
        } else if (k == K_PUNCT) {
            if (c == '_' && i > 0 && is_alpha(b[i - 1]) && i + 1 < n && is_alpha(b[i + 1])) {
                if (st.gap == ENT_GAP_NONE)
                    st.gap = ENT_GAP_SPACE;
                i++;
                continue;
            }
            i = scan_punct(&st, i);
        } else if (k == K_DIGIT) {
            i = scan_number(&st, i);
        } else if (k == K_NL) {
            newlines++;
            if (st.gap < ENT_GAP_NEWLINE)
                st.gap = ENT_GAP_NEWLINE;
            if (newlines >= 2)
                st.gap = ENT_GAP_BLANK;
            i++;
            continue;
        } else {
            unsigned len;
            int32_t cp = ent_text__decode(b + i, n - i, &len);
            int u = cp_kind(cp);
            if (u == U_WORD) {
                i = scan_word(&st, i);
            } else if (u == U_SPACE) {
                if (st.gap == ENT_GAP_NONE)
                    st.gap = ENT_GAP_SPACE;
                i += len;
                continue;
            } else if (u == U_NL || u == U_PARA) {
                newlines += cp == 0x2029 ? 2 : 1;
                st.gap = newlines >= 2 ? ENT_GAP_BLANK : ENT_GAP_NEWLINE;
                i += len;
                continue;
            } else {
                i = scan_upunct(&st, i, cp, len);
            }
        }
        newlines = 0;
    }
    return st.err ? ENT_ENOMEM : ENT_OK;
}
