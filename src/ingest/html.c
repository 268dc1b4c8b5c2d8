/*
 * ingest — stage 1: an HTML page to article text and metadata, for the record reader.
 *
 * gumbo parses the page (HTML5 rules: unclosed tags, entities, broken markup). One walk of
 * the tree then
 *   - collects metadata candidates, each with a rank, keeping the best: title (og:title,
 *     <title>, h1), date (article:published_time, itemprop/name=date metas, JSON-LD
 *     datePublished, <time datetime>), byline (meta author, JSON-LD author, rel=author, a
 *     "byline" element), site name (og:site_name, JSON-LD publisher), URL (canonical, og:url);
 *   - cuts the visible text into blocks at block-level elements and <br>, with each block's
 *     link text counted, and records "hint spans": the blocks under an element whose tag
 *     (nav, footer, aside, form, header), role or class/id words (related, share, comment,
 *     promo, sidebar, cookie…) say boilerplate, and under content markers (article, main,
 *     itemprop=articleBody, "article-body"…).
 * Then boilerplate is removed in the manner of jusText: each block is classed by length,
 * link density and the density of English function words (prose has many, menus and
 * headline lists few) as good, near-good, short or bad; hint spans force their blocks bad —
 * except a span that wraps the article itself (a <form> around an ASP.NET page, a body with
 * class "has-sidebar"); and short and near-good blocks take the class of their neighbours,
 * so a one-line paragraph inside the article stays and a run of short links after it goes.
 *
 * gumbo's tree building is quadratic in the nesting depth and recursive when freeing, so a
 * page nested deeper than MAX_NESTING (by a quick scan of the tags) is cut there first: the
 * part before is extracted and the cut reported. No recursion here goes deeper than the tree.
 */
#include "ingest_internal.h"

#include <ctype.h>
#include <gumbo.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_NESTING 512          /* open elements, counted roughly before parsing */
#define MAX_HTML (64u << 20)     /* bytes of a page parsed; the rest is cut (and reported) */

/* Block classification thresholds (bytes and ratios), after jusText's defaults. */
#define LENGTH_LOW 70          /* shorter blocks are "short": their neighbours decide */
#define LENGTH_HIGH 150        /* longer prose blocks are "good" (news paragraphs are short) */
#define STOPWORDS_LOW 0.22     /* function-word share of near-good prose */
#define STOPWORDS_HIGH 0.28    /* function-word share of good prose */
#define MAX_LINK_DENSITY 0.25  /* more link text than this: bad */
#define MAX_HEADING_DISTANCE 200 /* bytes between a heading and the good block it introduces */
#define WRAPPER_SHARE 0.6      /* a hint span holding this share of the prose is a wrapper */

enum cls { BAD, SHORT, NEARGOOD, GOOD };

typedef struct block {
    size_t off, len;   /* text in walk.text */
    size_t link_chars; /* bytes of text inside links */
    int heading;       /* 1..6 for h1..h6, else 0 */
    int hinted;        /* under an applied boilerplate hint */
    enum cls cls;
} block;

enum span_kind { SPAN_BOILER, SPAN_CONTENT };

typedef struct span {
    size_t first, last; /* blocks [first, last) */
    enum span_kind kind;
} span;

/* A metadata candidate: the value with the best (lowest) rank so far. */
typedef struct cand {
    char *val;
    int rank;
} cand;

typedef struct walk {
    ent_buf text; /* block texts, one after another */
    block *blocks;
    size_t nblocks, cap_blocks;
    span *spans;
    size_t nspans, cap_spans;
    int open;          /* a block is being filled */
    int space;         /* a space is pending before the next text */
    int in_link;       /* depth of <a> elements */
    int heading;       /* inside h1..h6 */
    ent_buf scratch;   /* text of small subtrees (title, byline) */
    cand title, byline, site, url;
    cand date_text; /* the date as written, ranked */
    size_t main_first, main_last; /* blocks of the main content marker (none: equal) */
    size_t length_high;           /* LENGTH_HIGH, or LENGTH_LOW on a page of short prose */
    ent_date date;
    int failed;     /* out of memory */
} walk;

/* ---------------------------------------------------------------- tables ---- */

/* Elements whose content is never article text. */
static int skipped_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_HEAD:
        return 1;
    default:
        return 0;
    }
}

/* Elements that start and end a block of text. */
static int block_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
        return 1;
    default:
        return 0;
    }
}

/*
 * Words of class and id attributes (split at '-', '_' and spaces) that mark boilerplate.
 * An entry ending in '*' matches words starting with it ("related*": "relatedposts").
 * To extend, add a word; keep words that also name article parts ("story", "main") out.
 */
static const char *const boiler_words[] = {
    "ad",          "ads",        "adbox",     "advert*",   "aside",       "banner",
    "breadcrumb*", "comment",    "comments",  "commentlist", "consent",   "cookie*",
    "disqus*",     "footer*",    "masthead",  "menu",      "mostpopular", "mostread",
    "nav",         "navbar",     "navigation", "newsletter*", "outbrain*", "pagination",
    "popular",     "promo*",     "readmore",  "recommend*", "related*",   "share*",
    "sharing",     "sidebar*",   "signup",    "social*",   "sponsor*",    "subscribe*",
    "taboola*",    "tags",       "toolbar",   "trending",  "widget*",     "byline",
    "author",      "dateline",   "skip",      "more",      "paywall",     "modal",
};

/* Words of class and id attributes that mark the article body. */
static const char *const content_words[] = {
    "articlebody*",     "article-body*", "story-body*", "entry-content*", "post-content*",
    "article-content*", "article-text*", "story-content*", "post-body*", "entry-body*",
};

/* English function words (sorted, for bsearch): their share of a block's words separates
 * prose from menus and headline lists. */
static const char *const stopwords[] = {
    "a",     "about", "after", "against", "all",   "also",  "an",    "and",   "any",
    "are",   "as",    "at",    "be",      "been",  "before", "being", "between", "both",
    "but",   "by",    "can",   "could",   "did",   "do",    "does",  "during", "each",
    "for",   "from",  "had",   "has",     "have",  "he",    "her",   "his",   "how",
    "i",     "if",    "in",    "into",    "is",    "it",    "its",   "may",   "more",
    "most",  "no",    "not",   "of",      "on",    "one",   "only",  "or",    "other",
    "our",   "over",  "said",  "she",     "should", "since", "so",   "some",  "such",
    "than",  "that",  "the",   "their",   "them",  "then",  "there", "these", "they",
    "this",  "those", "through", "to",    "under", "until", "up",    "was",   "we",
    "were",  "what",  "when",  "where",   "which", "while", "who",   "will",  "with",
    "would", "you",
};

/* Short blocks with these exact texts (case-insensitive) are widget labels, never prose. */
static const char *const boiler_phrases[] = {
    "advertisement", "advertising", "sponsored", "read more", "share", "share this",
    "share this article", "related", "related articles", "related stories", "most popular",
    "most read", "comments", "skip to content", "skip to main content", "sign up",
    "subscribe", "continue reading", "show comments", "loading",
};

/* ---------------------------------------------------------------- helpers ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_stopword(const char *w, size_t n)
{
    char low[16];
    if (n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)w[i]);
    low[n] = '\0';
    const char *key = low;
    return bsearch(&key, stopwords, sizeof stopwords / sizeof stopwords[0], sizeof stopwords[0],
                   cmp_str) != NULL;
}

/* Does any word of the attribute value match the list? Compound entries ("article-body")
 * match the lower-cased value as a substring of one space-separated class name. */
static int attr_matches(const char *v, const char *const *list, size_t n, int split_dash)
{
    char low[256];
    size_t len = strlen(v);
    if (len >= sizeof low)
        len = sizeof low - 1;
    for (size_t i = 0; i < len; i++)
        low[i] = (char)tolower((unsigned char)v[i]);
    low[len] = '\0';
    const char *seps = split_dash ? " \t\n-_" : " \t\n";
    for (char *w = low; *w;) {
        size_t wl = strcspn(w, seps);
        for (size_t i = 0; wl && i < n; i++) {
            size_t el = strlen(list[i]);
            int prefix = list[i][el - 1] == '*';
            if (prefix ? wl >= el - 1 && strncmp(w, list[i], el - 1) == 0
                       : wl == el && strncmp(w, list[i], el) == 0)
                return 1;
        }
        w += wl;
        w += strspn(w, seps);
    }
    return 0;
}

static const char *attr(const GumboElement *e, const char *name)
{
    GumboAttribute *a = gumbo_get_attribute(&e->attributes, name);
    return a ? a->value : NULL;
}

/* Keeps the value if its rank beats the candidate's (rank 0: none yet). */
static void offer(walk *w, cand *c, int rank, const char *s, size_t len)
{
    while (len && isspace((unsigned char)*s))
        s++, len--;
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    if (len == 0 || (c->rank && c->rank <= rank))
        return;
    char *v = malloc(len + 1);
    if (!v) {
        w->failed = 1;
        return;
    }
    memcpy(v, s, len);
    v[len] = '\0';
    free(c->val);
    c->val = v;
    c->rank = rank;
}

static void offer_str(walk *w, cand *c, int rank, const char *s)
{
    if (s)
        offer(w, c, rank, s, strlen(s));
}

/* A date candidate: kept when it parses and its rank is the best so far. */
static void offer_date(walk *w, int rank, const char *s)
{
    if (!s || (w->date_text.rank && w->date_text.rank <= rank))
        return;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)*s))
        s++, len--;
    ent_date d;
    if (ent_date_parse(&d, s, len) != ENT_OK)
        d = ent_ingest__parse_date_text(s, len);
    if (d == ENT_DATE_NONE)
        return;
    offer(w, &w->date_text, rank, s, len);
    w->date = d;
}

/* Appends the text of a subtree to b, white space collapsed. depth bounds the recursion. */
static void subtree_text(ent_buf *b, const GumboNode *n, int depth)
{
    if (depth > MAX_NESTING * 4)
        return;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
        for (const char *p = n->v.text.text; *p; p++) {
            int sp = isspace((unsigned char)*p);
            if (!sp)
                ent_buf_putc(b, *p);
            else if (b->len && b->data[b->len - 1] != ' ')
                ent_buf_putc(b, ' ');
        }
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT || skipped_tag(n->v.element.tag))
        return;
    const GumboVector *kids = &n->v.element.children;
    for (unsigned i = 0; i < kids->length; i++)
        subtree_text(b, kids->data[i], depth + 1);
    if (block_tag(n->v.element.tag) && b->len && b->data[b->len - 1] != ' ')
        ent_buf_putc(b, ' ');
}

static void offer_subtree(walk *w, cand *c, int rank, const GumboNode *n)
{
    if (c->rank && c->rank <= rank)
        return;
    ent_buf_reset(&w->scratch);
    subtree_text(&w->scratch, n, 0);
    if (w->scratch.failed) {
        w->failed = 1;
        return;
    }
    const char *s = w->scratch.data ? w->scratch.data : "";
    size_t len = w->scratch.len;
    /* "By Jane Doe" → "Jane Doe" */
    if (c == &w->byline && len > 3 && strncasecmp(s, "by ", 3) == 0)
        s += 3, len -= 3;
    offer(w, c, rank, s, len);
}

/* ---------------------------------------------------------------- JSON-LD ---- */

static const char *json_name(json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_array(v) && json_array_size(v) > 0)
        return json_name(json_array_get(v, 0));
    if (json_is_object(v))
        return json_string_value(json_object_get(v, "name"));
    return NULL;
}

/* Looks for an article's datePublished, author and publisher in a JSON-LD value. */
static void jsonld_scan(walk *w, json_t *v, int depth)
{
    if (depth > 8)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) jsonld_scan(w, x, depth + 1);
        return;
    }
    if (!json_is_object(v))
        return;
    offer_date(w, 4, json_string_value(json_object_get(v, "datePublished")));
    offer_str(w, &w->byline, 2, json_name(json_object_get(v, "author")));
    offer_str(w, &w->site, 2, json_name(json_object_get(v, "publisher")));
    offer_str(w, &w->title, 3, json_string_value(json_object_get(v, "headline")));
    jsonld_scan(w, json_object_get(v, "@graph"), depth + 1);
}

static void jsonld(walk *w, const GumboNode *script)
{
    const GumboVector *kids = &script->v.element.children;
    if (kids->length == 0)
        return;
    const GumboNode *t = kids->data[0];
    if (t->type != GUMBO_NODE_TEXT && t->type != GUMBO_NODE_WHITESPACE &&
        t->type != GUMBO_NODE_CDATA)
        return;
    json_t *root = json_loads(t->v.text.text, JSON_DECODE_ANY, NULL);
    if (root)
        jsonld_scan(w, root, 0);
    json_decref(root);
}

/* ---------------------------------------------------------------- metadata ---- */

static int is_url(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

/* Ranks of date metas by name or property (lower is better). To extend, add a name. */
static const struct {
    const char *name;
    int rank;
} date_metas[] = {
    {"article:published_time", 1}, {"datepublished", 2},   {"date", 3},
    {"pubdate", 3},                {"publishdate", 3},     {"publish-date", 3},
    {"publication_date", 3},       {"dc.date", 3},         {"dc.date.issued", 3},
    {"dcterms.date", 3},           {"dcterms.created", 3}, {"sailthru.date", 3},
    {"parsely-pub-date", 3},       {"og:published_time", 3},
};

static void meta(walk *w, const GumboElement *e)
{
    const char *content = attr(e, "content");
    const char *key = attr(e, "property");
    if (!key)
        key = attr(e, "name");
    if (!key)
        key = attr(e, "itemprop");
    if (!key || !content)
        return;
    for (size_t i = 0; i < sizeof date_metas / sizeof date_metas[0]; i++)
        if (strcasecmp(key, date_metas[i].name) == 0)
            offer_date(w, date_metas[i].rank, content);
    if (strcasecmp(key, "og:title") == 0)
        offer_str(w, &w->title, 1, content);
    else if (strcasecmp(key, "og:site_name") == 0)
        offer_str(w, &w->site, 1, content);
    else if (strcasecmp(key, "og:url") == 0 && is_url(content))
        offer_str(w, &w->url, 2, content);
    else if (strcasecmp(key, "author") == 0 && !is_url(content))
        offer_str(w, &w->byline, 1, content);
    else if (strcasecmp(key, "article:author") == 0 && !is_url(content))
        offer_str(w, &w->byline, 3, content);
}

/* ---------------------------------------------------------------- blocks ---- */

static void end_block(walk *w)
{
    if (!w->open)
        return;
    w->open = 0;
    w->space = 0;
    block *b = &w->blocks[w->nblocks - 1];
    b->len = w->text.len - b->off;
    if (b->len == 0)
        w->nblocks--; /* nothing but white space */
}

static int begin_block(walk *w)
{
    if (w->open)
        return 0;
    if (w->nblocks == w->cap_blocks) {
        size_t cap = w->cap_blocks ? w->cap_blocks * 2 : 64;
        block *b = realloc(w->blocks, cap * sizeof *b);
        if (!b)
            return w->failed = 1, -1;
        w->blocks = b;
        w->cap_blocks = cap;
    }
    block *b = &w->blocks[w->nblocks++];
    memset(b, 0, sizeof *b);
    b->off = w->text.len;
    b->heading = w->heading;
    w->open = 1;
    w->space = 0;
    return 0;
}

static void add_text(walk *w, const char *s)
{
    for (; *s; s++) {
        if (isspace((unsigned char)*s)) {
            w->space = w->open;
            continue;
        }
        if (!w->open && begin_block(w) < 0)
            return;
        block *b = &w->blocks[w->nblocks - 1];
        if (w->space && w->text.len > b->off)
            ent_buf_putc(&w->text, ' ');
        w->space = 0;
        ent_buf_putc(&w->text, *s);
        b->link_chars += w->in_link > 0;
    }
}

static void add_span(walk *w, size_t first, enum span_kind kind)
{
    if (w->nspans == w->cap_spans) {
        size_t cap = w->cap_spans ? w->cap_spans * 2 : 32;
        span *s = realloc(w->spans, cap * sizeof *s);
        if (!s) {
            w->failed = 1;
            return;
        }
        w->spans = s;
        w->cap_spans = cap;
    }
    w->spans[w->nspans++] = (span){first, w->nblocks, kind};
}

/* Does a word of the element's class or id match the list (see attr_matches)? */
static int class_or_id(const GumboElement *e, const char *const *list, size_t n, int split_dash)
{
    const char *cls = attr(e, "class"), *id = attr(e, "id");
    return (cls && attr_matches(cls, list, n, split_dash)) ||
           (id && attr_matches(id, list, n, split_dash));
}

/* Does the element say it is boilerplate (tag, role, class or id)? */
static int boiler_hint(const GumboElement *e)
{
    switch (e->tag) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_MENU:
        return 1;
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_BODY:
        return 0; /* page-wide classes ("single-post has-sidebar") describe the layout */
    default:
        break;
    }
    const char *role = attr(e, "role");
    static const char *const roles[] = {"navigation", "banner", "contentinfo", "complementary",
                                        "search", "menu", "menubar", "dialog", "alert"};
    if (role && attr_matches(role, roles, sizeof roles / sizeof roles[0], 0))
        return 1;
    return class_or_id(e, boiler_words, sizeof boiler_words / sizeof boiler_words[0], 1);
}

static int content_hint(const GumboElement *e)
{
    if (e->tag == GUMBO_TAG_ARTICLE || e->tag == GUMBO_TAG_MAIN)
        return 1;
    const char *v = attr(e, "itemprop");
    if (v && strcasecmp(v, "articleBody") == 0)
        return 1;
    if ((v = attr(e, "role")) && strcasecmp(v, "main") == 0)
        return 1;
    return class_or_id(e, content_words, sizeof content_words / sizeof content_words[0], 0);
}

/* Content hidden from readers. */
static int hidden(const GumboElement *e)
{
    if (gumbo_get_attribute(&e->attributes, "hidden"))
        return 1;
    const char *v = attr(e, "aria-hidden");
    if (v && strcmp(v, "true") == 0)
        return 1;
    v = attr(e, "style");
    if (v) {
        char low[128];
        size_t k = 0;
        for (; *v && k < sizeof low - 1; v++)
            if (!isspace((unsigned char)*v))
                low[k++] = (char)tolower((unsigned char)*v);
        low[k] = '\0';
        return strstr(low, "display:none") || strstr(low, "visibility:hidden");
    }
    return 0;
}

static void visit(walk *w, const GumboNode *n, int depth);

static void visit_children(walk *w, const GumboNode *n, int depth)
{
    const GumboVector *kids = &n->v.element.children;
    for (unsigned i = 0; i < kids->length && !w->failed; i++)
        visit(w, kids->data[i], depth + 1);
}

/* Metadata held by elements, wherever they are. Returns 1 when the element is done with. */
static int metadata(walk *w, const GumboNode *n)
{
    const GumboElement *e = &n->v.element;
    const char *v;
    switch (e->tag) {
    case GUMBO_TAG_META:
        meta(w, e);
        return 1;
    case GUMBO_TAG_LINK:
        if ((v = attr(e, "rel")) && strcasecmp(v, "canonical") == 0 &&
            (v = attr(e, "href")) && is_url(v))
            offer_str(w, &w->url, 1, v);
        return 1;
    case GUMBO_TAG_TITLE:
        offer_subtree(w, &w->title, 3, n);
        return 1;
    case GUMBO_TAG_SCRIPT:
        if ((v = attr(e, "type")) && strcasecmp(v, "application/ld+json") == 0)
            jsonld(w, n);
        return 1;
    case GUMBO_TAG_TIME:
        v = attr(e, "itemprop");
        offer_date(w,
                   gumbo_get_attribute(&e->attributes, "pubdate") ||
                           (v && strcasecmp(v, "datePublished") == 0)
                       ? 5
                       : 6,
                   attr(e, "datetime"));
        return 0;
    case GUMBO_TAG_A:
        if ((v = attr(e, "rel")) && strcasecmp(v, "author") == 0)
            offer_subtree(w, &w->byline, 4, n);
        return 0;
    case GUMBO_TAG_H1:
        offer_subtree(w, &w->title, 4, n);
        return 0;
    default:
        return 0;
    }
}

static void visit(walk *w, const GumboNode *n, int depth)
{
    if (depth > MAX_NESTING * 4)
        return; /* the nesting scan keeps real trees far below this */
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
        n->type == GUMBO_NODE_WHITESPACE) {
        add_text(w, n->v.text.text);
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE)
        return;
    const GumboElement *e = &n->v.element;
    if (metadata(w, n))
        return;
    if (e->tag == GUMBO_TAG_HEAD) {
        visit_children(w, n, depth); /* metadata only: no text block is open in <head> */
        end_block(w);
        return;
    }
    if (skipped_tag(e->tag) || hidden(e))
        return;
    int boiler = boiler_hint(e);
    int content = !boiler && content_hint(e);
    /* a hint span must start and end on block boundaries, even for an inline element */
    int is_block = block_tag(e->tag) || boiler || content;
    if (is_block)
        end_block(w);
    if (boiler) {
        const char *cls = attr(e, "class");
        static const char *const byline_words[] = {"byline", "author"};
        if (cls && attr_matches(cls, byline_words, 2, 1))
            offer_subtree(w, &w->byline, 5, n);
    }
    size_t first = w->nblocks;
    int saved_heading = w->heading;
    if (e->tag >= GUMBO_TAG_H1 && e->tag <= GUMBO_TAG_H6)
        w->heading = 1 + (int)(e->tag - GUMBO_TAG_H1);
    w->in_link += e->tag == GUMBO_TAG_A;
    visit_children(w, n, depth);
    w->in_link -= e->tag == GUMBO_TAG_A;
    w->heading = saved_heading;
    if (is_block)
        end_block(w);
    if (boiler)
        add_span(w, first, SPAN_BOILER);
    else if (content)
        add_span(w, first, SPAN_CONTENT);
}

/* ---------------------------------------------------------------- classification ---- */

typedef struct stats {
    size_t words, stop;
    int sentence; /* ends like a sentence */
} stats;

static stats block_stats(const char *s, size_t n)
{
    stats st = {0, 0, 0};
    for (size_t i = 0; i < n;) {
        while (i < n && !isalpha((unsigned char)s[i]) && (unsigned char)s[i] < 0x80)
            i++;
        size_t j = i;
        while (j < n && (isalpha((unsigned char)s[j]) || s[j] == '\'' ||
                         (unsigned char)s[j] >= 0x80))
            j++;
        if (j > i) {
            st.words++;
            st.stop += is_stopword(s + i, j - i);
        }
        i = j + (j == i);
    }
    size_t k = n;
    while (k && (s[k - 1] == '"' || s[k - 1] == ')' || (unsigned char)s[k - 1] >= 0x80))
        k--;
    st.sentence = k && (s[k - 1] == '.' || s[k - 1] == '!' || s[k - 1] == '?');
    return st;
}

static int boiler_phrase(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof boiler_phrases / sizeof boiler_phrases[0]; i++)
        if (strlen(boiler_phrases[i]) == n && strncasecmp(s, boiler_phrases[i], n) == 0)
            return 1;
    return 0;
}

static enum cls classify(const walk *w, const block *b)
{
    const char *s = w->text.data + b->off;
    if (b->hinted || b->link_chars > b->len * MAX_LINK_DENSITY || boiler_phrase(s, b->len))
        return BAD;
    stats st = block_stats(s, b->len);
    double density = st.words ? (double)st.stop / (double)st.words : 0;
    if (b->len < LENGTH_LOW)
        /* a one-sentence paragraph is prose even when short; a link title is not */
        return st.sentence && st.words >= 4 && density >= STOPWORDS_LOW ? NEARGOOD : SHORT;
    if (density >= STOPWORDS_HIGH && b->len >= w->length_high)
        return GOOD;
    if (density >= STOPWORDS_LOW) {
        /* prose inside the page's marked article needs no more proof */
        size_t i = (size_t)(b - w->blocks);
        return i >= w->main_first && i < w->main_last ? GOOD : NEARGOOD;
    }
    return BAD;
}

/* Class of the nearest block before (dir -1) or after (dir +1) i that is not short, nor
 * near-good when skip_near; the page's edges count as bad. */
static enum cls neighbour(const enum cls *c, size_t n, size_t i, int dir, int skip_near)
{
    for (size_t j = i;;) {
        if (dir < 0 ? j == 0 : j + 1 >= n)
            return BAD;
        j = dir < 0 ? j - 1 : j + 1;
        if (c[j] == SHORT || (skip_near && c[j] == NEARGOOD))
            continue;
        return c[j];
    }
}

/* Marks the blocks of boilerplate spans, except spans that wrap the article. */
static void apply_spans(walk *w)
{
    size_t nb = w->nblocks;
    size_t *prose = calloc(nb + 1, sizeof *prose); /* prefix sums of prose bytes */
    if (!prose) {
        w->failed = 1;
        return;
    }
    for (size_t i = 0; i < nb; i++) {
        const block *b = &w->blocks[i];
        int p = b->link_chars <= b->len * MAX_LINK_DENSITY && b->len >= LENGTH_LOW;
        prose[i + 1] = prose[i] + (p ? b->len : 0);
    }
    /* the main content marker: the one holding the most prose */
    const span *main = NULL;
    for (size_t i = 0; i < w->nspans; i++) {
        const span *s = &w->spans[i];
        if (s->kind == SPAN_CONTENT &&
            (!main || prose[s->last] - prose[s->first] > prose[main->last] - prose[main->first]))
            main = s;
    }
    if (main && prose[main->last] == prose[main->first])
        main = NULL;
    if (main) {
        w->main_first = main->first;
        w->main_last = main->last;
    }
    for (size_t i = 0; i < w->nspans; i++) {
        const span *s = &w->spans[i];
        if (s->kind != SPAN_BOILER)
            continue;
        if (main && s->first <= main->first && main->last <= s->last)
            continue; /* wraps the article */
        if (!main && (double)(prose[s->last] - prose[s->first]) > WRAPPER_SHARE * (double)prose[nb])
            continue; /* no marker: a span holding most of the prose is a wrapper */
        for (size_t j = s->first; j < s->last; j++)
            w->blocks[j].hinted = 1;
    }
    free(prose);
}

static void classify_all(walk *w)
{
    size_t n = w->nblocks;
    enum cls *c = malloc((n + 1) * sizeof *c);
    if (!c) {
        w->failed = 1;
        return;
    }
    int good = 0;
    for (size_t i = 0; i < n; i++)
        good |= (c[i] = classify(w, &w->blocks[i])) == GOOD;
    if (!good) {
        /* A short article (a wire item of two paragraphs) has no long paragraph: then
         * prose of any length above "short" will do. */
        w->length_high = LENGTH_LOW;
        for (size_t i = 0; i < n; i++)
            c[i] = classify(w, &w->blocks[i]);
    }
    /* headings introducing good text belong to it */
    for (size_t i = 0; i < n; i++) {
        const block *b = &w->blocks[i];
        if (!b->heading || b->hinted || c[i] == BAD)
            continue;
        size_t dist = 0;
        for (size_t j = i + 1; j < n && dist <= MAX_HEADING_DISTANCE; j++) {
            if (c[j] == GOOD) {
                c[i] = NEARGOOD;
                break;
            }
            dist += w->blocks[j].len;
        }
    }
    /* short blocks take their neighbours' class (jusText's context rules), then near-good
     * blocks stay unless both neighbours are bad; each pass reads the classes before it */
    enum cls *out = malloc((n + 1) * sizeof *out);
    if (!out) {
        free(c);
        w->failed = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        out[i] = c[i];
        if (c[i] != SHORT)
            continue;
        enum cls p = neighbour(c, n, i, -1, 1), q = neighbour(c, n, i, 1, 1);
        if (p == q)
            out[i] = p;
        else if ((p == BAD && neighbour(c, n, i, -1, 0) == NEARGOOD) ||
                 (q == BAD && neighbour(c, n, i, 1, 0) == NEARGOOD))
            out[i] = GOOD;
        else
            out[i] = BAD;
    }
    memcpy(c, out, n * sizeof *c);
    for (size_t i = 0; i < n; i++)
        if (c[i] == NEARGOOD) {
            enum cls p = neighbour(c, n, i, -1, 1), q = neighbour(c, n, i, 1, 1);
            out[i] = p == BAD && q == BAD ? BAD : GOOD;
        }
    for (size_t i = 0; i < n; i++)
        w->blocks[i].cls = out[i];
    free(out);
    free(c);
}

/* ---------------------------------------------------------------- nesting scan ---- */

/* Elements that never nest (void) or whose end tag may be left out: not counted. */
static int uncounted(const char *name, size_t n)
{
    static const char *const names[] = {
        "area",  "base",   "br",    "col",    "embed",  "hr",    "img",   "input",    "link",
        "meta",  "param",  "source", "track", "wbr",    "p",     "li",    "dt",       "dd",
        "option", "optgroup", "tr",  "td",    "th",     "thead", "tbody", "tfoot",    "rb",
        "rt",    "rp",     "colgroup", "caption", "html", "head", "body",  "basefont", "frame",
        "keygen", "image", "isindex", "command",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == n && strncasecmp(names[i], name, n) == 0)
            return 1;
    return 0;
}

/* Length of the prefix of the page to parse: all of it, unless the open elements, counted
 * roughly, go deeper than MAX_NESTING; then up to the tag that does. */
static size_t nesting_prefix(const char *s, size_t n)
{
    size_t depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '<' || i + 1 >= n)
            continue;
        char c = s[i + 1];
        if (c == '!') { /* comment or doctype */
            const char *end = i + 4 <= n && memcmp(s + i, "<!--", 4) == 0
                                  ? NULL
                                  : memchr(s + i, '>', n - i);
            if (!end) {
                for (size_t j = i + 4; j + 3 <= n; j++)
                    if (memcmp(s + j, "-->", 3) == 0) {
                        end = s + j + 2;
                        break;
                    }
            }
            if (!end)
                return n;
            i = (size_t)(end - s);
            continue;
        }
        if (c == '/') {
            depth -= depth > 0;
            continue;
        }
        if (!isalpha((unsigned char)c))
            continue;
        size_t j = i + 1;
        while (j < n && isalnum((unsigned char)s[j]))
            j++;
        const char *name = s + i + 1;
        size_t len = j - i - 1;
        const char *gt = memchr(s + j, '>', n - j);
        if (!gt)
            return n;
        int self_closing = gt > s + j && gt[-1] == '/';
        /* raw text elements: skip to their end tag, whose contents are not tags */
        static const char *const raw[] = {"script", "style", "textarea", "title", "xmp"};
        for (size_t k = 0; k < sizeof raw / sizeof raw[0]; k++)
            if (strlen(raw[k]) == len && strncasecmp(raw[k], name, len) == 0) {
                const char *p = gt;
                while ((p = memchr(p, '<', (size_t)(s + n - p))) != NULL) {
                    if ((size_t)(s + n - p) >= len + 2 && p[1] == '/' &&
                        strncasecmp(p + 2, name, len) == 0)
                        break;
                    p++;
                }
                gt = p ? p : s + n - 1;
                self_closing = 1;
                break;
            }
        if (!self_closing && !uncounted(name, len) && ++depth > MAX_NESTING)
            return i;
        i = (size_t)(gt - s);
    }
    return n;
}

/* ---------------------------------------------------------------- page ---- */

#define DATELINE_BLOCKS 6 /* blocks above the article where its dateline may stand */

/* A dateline just above the first kept block ("Tehran, 3 March 2024", "Published …"),
 * which boilerplate removal drops as a short block. */
static ent_date dateline_before(walk *w)
{
    size_t first = 0;
    while (first < w->nblocks && w->blocks[first].cls != GOOD)
        first++;
    if (first == w->nblocks)
        return ENT_DATE_NONE;
    for (size_t i = first > DATELINE_BLOCKS ? first - DATELINE_BLOCKS : 0; i < first; i++) {
        const block *b = &w->blocks[i];
        if (b->hinted && !b->heading)
            continue;
        ent_date d = ent_ingest__find_date_line(w->text.data + b->off, b->len);
        if (d != ENT_DATE_NONE)
            return d;
    }
    return ENT_DATE_NONE;
}

/* Removes a " | Site" suffix from a <title>. */
static void trim_title_suffix(char *title)
{
    char *bar = strstr(title, " | ");
    if (bar && bar != title)
        *bar = '\0';
}

/* Is the block text the title again (the headline repeated as h1)? */
static int same_as(const char *s, size_t n, const char *title)
{
    return title && strlen(title) == n && strncmp(s, title, n) == 0;
}

static long line_at(const char *s, size_t off)
{
    long line = 1;
    for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + off - p))) != NULL; p++)
        line++;
    return line;
}

int ent_ingest__html_extract(ent_html_page *page, const char *html, size_t len)
{
    memset(page, 0, sizeof *page);
    page->date = ENT_DATE_NONE;
    size_t parse_len = len > MAX_HTML ? MAX_HTML : len;
    size_t cut = nesting_prefix(html, parse_len);
    if (cut < len)
        page->cut_line = line_at(html, cut);

    GumboOptions opt = kGumboDefaultOptions;
    opt.max_errors = 0; /* parse errors are normal in real pages; don't record them */
    GumboOutput *out = gumbo_parse_with_options(&opt, html, cut);
    if (!out)
        return ENT_ENOMEM;
    walk w;
    memset(&w, 0, sizeof w);
    w.date = ENT_DATE_NONE;
    w.length_high = LENGTH_HIGH;
    visit(&w, out->root, 0);
    end_block(&w);
    gumbo_destroy_output(&opt, out);
    int rc = ENT_OK;
    if (!w.failed) {
        apply_spans(&w);
        classify_all(&w);
    }
    if (w.title.val && w.title.rank == 3)
        trim_title_suffix(w.title.val);
    page->blocks = w.nblocks;
    if (!w.failed && w.date == ENT_DATE_NONE)
        w.date = dateline_before(&w);
    for (size_t i = 0; i < w.nblocks && !w.failed; i++) {
        const block *b = &w.blocks[i];
        const char *s = w.text.data + b->off;
        if (b->cls != GOOD || (b->heading && same_as(s, b->len, w.title.val))) {
            page->dropped++;
            continue;
        }
        if (page->text.len)
            ent_buf_append(&page->text, "\n\n", 2);
        ent_buf_append(&page->text, s, b->len);
    }
    if (w.failed || w.text.failed || page->text.failed) {
        rc = ENT_ENOMEM;
    } else {
        page->title = w.title.val;
        page->byline = w.byline.val;
        page->site = w.site.val;
        page->url = w.url.val;
        page->date = w.date;
        w.title.val = w.byline.val = w.site.val = w.url.val = NULL;
    }
    free(w.title.val);
    free(w.byline.val);
    free(w.site.val);
    free(w.url.val);
    free(w.date_text.val);
    free(w.blocks);
    free(w.spans);
    ent_buf_free(&w.text);
    ent_buf_free(&w.scratch);
    if (rc != ENT_OK)
        ent_ingest__html_free(page);
    return rc;
}

void ent_ingest__html_free(ent_html_page *page)
{
    ent_buf_free(&page->text);
    free(page->title);
    free(page->byline);
    free(page->site);
    free(page->url);
    memset(page, 0, sizeof *page);
    page->date = ENT_DATE_NONE;
}
