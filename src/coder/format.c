/*
 * coder — the output end of stage 4: serialises coded events as JSON Lines, GDELT 1.0 style
 * TSV or CSV (include/entente/format.h, documented field by field in docs/events.md), and as
 * PLOVER JSON Lines (docs/plover.md).
 *
 * Every format is one line per event, appended to an ent_buf. The field lists below are the
 * contract: to add a field, append it at the end of the JSON object (never reorder), add a
 * CSV column at the end, and document it in docs/events.md.
 */
#include "entente/format.h"
#include "entente/plover.h"

#include "util/buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ent_formatter {
    ent_format format;
    unsigned flags;
    ent_buf out;
};

/* ---------------------------------------------------------------- names ---- */

static const struct {
    const char *name;
    ent_format format;
} format_names[] = {
    {"jsonl", ENT_FORMAT_JSONL}, {"json", ENT_FORMAT_JSONL}, {"gdelt", ENT_FORMAT_GDELT},
    {"tsv", ENT_FORMAT_GDELT},   {"csv", ENT_FORMAT_CSV},
};

int ent_format_parse(ent_format *out, const char *name)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
        if (strcmp(name, format_names[i].name) == 0) {
            *out = format_names[i].format;
            return ENT_OK;
        }
    return ENT_EINVAL;
}

const char *ent_format_name(ent_format format)
{
    switch (format) {
    case ENT_FORMAT_JSONL:
        return "jsonl";
    case ENT_FORMAT_GDELT:
        return "gdelt";
    case ENT_FORMAT_CSV:
        return "csv";
    }
    return "unknown";
}

/* ---------------------------------------------------------------- helpers ---- */

/* The sentence of an event as (pointer, length), or NULL when the span does not fit. */
static const char *span_text(size_t *n, const char *text, size_t len, ent_span s)
{
    *n = 0;
    if (!text || s.start > s.end || s.end > len)
        return NULL;
    *n = s.end - s.start;
    return text + s.start;
}

/* Goldstein weights are tenths; print them as such ("3.0", "-10.0"), anything finer as %g. */
static void append_number(ent_buf *b, double v)
{
    if (!isfinite(v)) {
        ent_buf_puts(b, "0");
    } else if (fabs(v * 10 - round(v * 10)) < 1e-9 && fabs(v) < 1e15) {
        long long t = llround(v * 10);
        if (t < 0) {
            ent_buf_putc(b, '-');
            t = -t;
        }
        ent_buf_append_int(b, t / 10);
        ent_buf_putc(b, '.');
        ent_buf_putc(b, (char)('0' + t % 10));
    } else
        ent_buf_appendf(b, "%.10g", v);
}

int64_t ent_format_event_id(const char *doc_id, uint32_t sentence_index, size_t event_index)
{
    uint64_t h = 0xcbf29ce484222325u; /* FNV-1a over the id ... */
    for (const unsigned char *p = (const unsigned char *)(doc_id ? doc_id : ""); *p; p++)
        h = (h ^ *p) * 0x100000001b3u;
    /* ... then the indexes, mixed with splitmix64's finaliser. */
    h ^= (uint64_t)sentence_index * 0x9e3779b97f4a7c15u;
    h ^= ((uint64_t)event_index + 1) * 0xc2b2ae3d27d4eb4fu;
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9u;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebu;
    h ^= h >> 31;
    h &= 0x7fffffffffffffffu;
    return h ? (int64_t)h : 1;
}

/* ---------------------------------------------------------------- JSON Lines ---- */

static void json_str(ent_buf *b, const char *s)
{
    ent_buf_append_json(b, s, s ? strlen(s) : 0);
}

static void json_span(ent_buf *b, const char *key, ent_span s, size_t len)
{
    ent_buf_putc(b, '"');
    ent_buf_puts(b, key);
    ent_buf_puts(b, "\":");
    if (s.start > s.end || s.end > len) {
        ent_buf_puts(b, "null");
    } else {
        ent_buf_putc(b, '[');
        ent_buf_append_int(b, s.start);
        ent_buf_putc(b, ',');
        ent_buf_append_int(b, s.end);
        ent_buf_putc(b, ']');
    }
}

/* A comma-separated issue list ("NUCLEAR, ENERGY") as a JSON array of trimmed names. */
static void json_issues(ent_buf *b, const char *issues)
{
    ent_buf_putc(b, '[');
    const char *p = issues ? issues : "";
    int first = 1;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t k = comma ? (size_t)(comma - p) : strlen(p);
        const char *q = p;
        size_t m = k;
        while (m && (*q == ' ' || *q == '\t'))
            q++, m--;
        while (m && (q[m - 1] == ' ' || q[m - 1] == '\t'))
            m--;
        if (m) {
            if (!first)
                ent_buf_putc(b, ',');
            ent_buf_append_json(b, q, m);
            first = 0;
        }
        p += k + (comma != NULL);
    }
    ent_buf_putc(b, ']');
}

/* The event's spans as {"sentence":[s,e],"source":…,"target":…,"verb":…}; null when unknown. */
static void json_offsets(ent_buf *b, const ent_event *ev, const char *text, size_t len)
{
    size_t lim = text ? len : (size_t)-1;
    ent_buf_putc(b, '{');
    json_span(b, "sentence", ev->sentence, lim);
    ent_buf_putc(b, ',');
    json_span(b, "source", ev->source, lim);
    ent_buf_putc(b, ',');
    json_span(b, "target", ev->target, lim);
    ent_buf_putc(b, ',');
    json_span(b, "verb", ev->verb, lim);
    ent_buf_putc(b, '}');
}

static void jsonl_event(ent_buf *b, const ent_event *ev, const char *text, size_t len,
                        const char *url)
{
    char date[11];
    ent_date_format(date, ev->date);
    ent_buf_puts(b, "{\"doc_id\":");
    json_str(b, ev->doc_id ? ev->doc_id : "");
    ent_buf_puts(b, ",\"sentence_index\":");
    ent_buf_append_int(b, ev->sentence_index);
    ent_buf_puts(b, ",\"date\":");
    json_str(b, date[0] ? date : NULL);
    ent_buf_puts(b, ",\"source_code\":");
    json_str(b, ev->source_code);
    ent_buf_puts(b, ",\"source_name\":");
    json_str(b, ev->source_name);
    ent_buf_puts(b, ",\"target_code\":");
    json_str(b, ev->target_code);
    ent_buf_puts(b, ",\"target_name\":");
    json_str(b, ev->target_name);
    ent_buf_puts(b, ",\"event_code\":");
    json_str(b, ev->event_code);
    ent_buf_puts(b, ",\"event_base\":");
    json_str(b, ev->event_base);
    ent_buf_puts(b, ",\"event_root\":");
    json_str(b, ev->event_root);
    ent_buf_puts(b, ",\"goldstein\":");
    append_number(b, ev->goldstein);
    ent_buf_puts(b, ",\"quad_class\":");
    ent_buf_append_int(b, ev->quad_class);
    ent_buf_puts(b, ",\"text\":");
    size_t n;
    const char *s = span_text(&n, text, len, ev->sentence);
    ent_buf_append_json(b, s ? s : "", n);
    ent_buf_puts(b, ",\"offsets\":");
    json_offsets(b, ev, text, len);
    ent_buf_puts(b, ",\"rules\":[");
    for (int i = 0; i < ev->nrules && i < ENT_MAX_RULES; i++) {
        if (i)
            ent_buf_putc(b, ',');
        json_str(b, ev->rules[i] ? ev->rules[i] : "");
    }
    ent_buf_puts(b, "],\"issues\":");
    json_issues(b, ev->issues);
    if (url) {
        ent_buf_puts(b, ",\"url\":");
        json_str(b, url);
    }
    ent_buf_puts(b, "}\n");
}

/* ---------------------------------------------------------------- GDELT TSV ---- */

/* The 58 columns of GDELT 1.0 daily event files, in order. */
/* clang-format off */
static const char *const gdelt_columns[] = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
};
/* clang-format on */

enum { GDELT_NCOLUMNS = sizeof gdelt_columns / sizeof gdelt_columns[0] };
_Static_assert(GDELT_NCOLUMNS == 58, "GDELT 1.0 has 58 columns");

/*
 * ISO 3166-1 alpha-3 codes, ISO 3166-3 codes of former countries, and XKX (Kosovo): the
 * country codes of entente's actor dictionaries (data/dict/countries.ent). Sorted, three
 * letters each. A new country code must be added here for its CountryCode column.
 */
static const char iso_countries[] =
    "ABWAFGAFIAGOAIAALAALBANDANTAREARGARMASMATAATBATFATGATNAUSAUTAZEBDIBELBENBESBFABGDBGRBHRBHS"
    "BIHBLMBLRBLZBMUBOLBRABRBBRNBTNBURBVTBWABYSCAFCANCCKCHECHLCHNCIVCMRCODCOGCOKCOLCOMCPVCRICSK"
    "CTECUBCUWCXRCYMCYPCZEDDRDEUDHYDJIDMADNKDOMDZAECUEGYERIESHESPESTETHFINFJIFLKFRAFROFSMFXXGAB"
    "GBRGELGEOGGYGHAGIBGINGLPGMBGNBGNQGRCGRDGRLGTMGUFGUMGUYHKGHMDHNDHRVHTIHUNHVOIDNIMNINDIOTIRL"
    "IRNIRQISLISRITAJAMJEYJORJPNJTNKAZKENKGZKHMKIRKNAKORKWTLAOLBNLBRLBYLCALIELKALSOLTULUXLVAMAC"
    "MAFMARMCOMDAMDGMDVMEXMHLMIDMKDMLIMLTMMRMNEMNGMNPMOZMRTMSRMTQMUSMWIMYSMYTNAMNCLNERNFKNGANHB"
    "NICNIUNLDNORNPLNRUNTZNZLOMNPAKPANPCIPCNPCZPERPHLPLWPNGPOLPRIPRKPRTPRYPSEPUSPYFQATREURHOROU"
    "RUSRWASAUSCGSDNSENSGPSGSSHNSJMSKMSLBSLESLVSMRSOMSPMSRBSSDSTPSUNSURSVKSVNSWESWZSXMSYCSYRTCA"
    "TCDTGOTHATJKTKLTKMTLSTMPTONTTOTUNTURTUVTWNTZAUGAUKRUMIURYUSAUZBVATVCTVDRVENVGBVIRVNMVUTWAK"
    "WLFWSMXKXYEMYMDYUGZAFZARZMBZWE";

/*
 * CAMEO actor role (type) codes, sorted. UNO, AMN, IRC and GRP are also CAMEO types but
 * entente codes them as organisations (Actor*KnownGroupCode), so they are not listed.
 */
static const char role_codes[] = "AGRBUSCOPCRMCVLDEVEDUELIENVGOVHLHHRIIGOIMGINSINTJUDLABLEGMED"
                                 "MILMNCMODNGMNGOOPPPKORADREBREFRELSEPSETSPYUAFUIS";

static int in_sorted3(const char *table, size_t table_len, const char *code)
{
    size_t lo = 0, hi = table_len / 3;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = memcmp(table + mid * 3, code, 3);
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static int is_country(const char *code)
{
    return in_sorted3(iso_countries, sizeof iso_countries - 1, code);
}

static int is_role(const char *code)
{
    return in_sorted3(role_codes, sizeof role_codes - 1, code);
}

/* The GDELT columns derived from an actor code such as RUSGOV, UNOPKO, GOV. */
typedef struct actor_cols {
    char country[4], group[4], type[3][4];
} actor_cols;

static void split_actor(actor_cols *a, const char *code)
{
    memset(a, 0, sizeof *a);
    size_t n = code ? strlen(code) : 0;
    size_t i = 0;
    if (n >= 3 && is_country(code)) {
        memcpy(a->country, code, 3);
        i = 3;
    } else if (n >= 3 && !is_role(code)) {
        memcpy(a->group, code, 3);
        i = 3;
    }
    for (int t = 0; t < 3 && i + 3 <= n; i += 3, t++)
        memcpy(a->type[t], code + i, 3);
}

/* Appends a TSV field: tabs and line breaks would split the row, so they become spaces. */
static void tsv_field(ent_buf *b, const char *s)
{
    if (!s)
        return;
    size_t run = 0, i = 0;
    for (; s[i]; i++)
        if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            ent_buf_append(b, s + run, i - run);
            ent_buf_putc(b, ' ');
            run = i + 1;
        }
    ent_buf_append(b, s + run, i - run);
}

static void gdelt_actor(ent_buf *b, const char *code, const char *name)
{
    actor_cols a;
    split_actor(&a, code);
    tsv_field(b, code);
    ent_buf_putc(b, '\t');
    tsv_field(b, name);
    ent_buf_appendf(b, "\t%s\t%s\t\t\t\t%s\t%s\t%s\t", a.country, a.group, a.type[0], a.type[1],
                    a.type[2]);
}

static void gdelt_event(ent_buf *b, const ent_event *ev, size_t index, const char *url)
{
    ent_buf_appendf(b, "%lld\t",
                    (long long)ent_format_event_id(ev->doc_id, ev->sentence_index, index));
    char ymd[9] = "";
    if (ev->date != ENT_DATE_NONE) {
        int y, m, d;
        ent_date_to_ymd(&y, &m, &d, ev->date);
        snprintf(ymd, sizeof ymd, "%04d%02d%02d", y, m, d);
        /* GDELT's FractionDate: year + (30 × (month − 1) + day) / 365. */
        ent_buf_appendf(b, "%s\t%04d%02d\t%04d\t%.4f\t", ymd, y, m, y,
                        y + ((m - 1) * 30 + d) / 365.0);
    } else {
        ent_buf_puts(b, "\t\t\t\t");
    }
    gdelt_actor(b, ev->source_code, ev->source_name);
    gdelt_actor(b, ev->target_code, ev->target_name);
    ent_buf_appendf(b, "1\t%s\t%s\t%s\t%d\t", ev->event_code, ev->event_base, ev->event_root,
                    ev->quad_class);
    append_number(b, ev->goldstein);
    ent_buf_puts(b, "\t1\t1\t1\t0");
    for (int i = 35; i <= 55; i++) /* three geo blocks of 7 columns: empty */
        ent_buf_putc(b, '\t');
    ent_buf_appendf(b, "\t%s\t", ymd);
    tsv_field(b, url ? url : ev->doc_id);
    ent_buf_putc(b, '\n');
}

/* ---------------------------------------------------------------- PLOVER JSON Lines ---- */

/*
 * An actor as a PLOVER entity list of one (PLOVER codes a compound actor as one list; entente
 * writes one event per actor pair, so its lists have one entity). PLOVER's "code" is the
 * top-level entity, a country or an organisation such as IGO, and "sector" the rest of
 * entente's code (GOV, MILGOV), as in the PLOVER gold standard records; a code that starts
 * with a role (GOV alone: a government not named) has a sector only. "actorText" is the
 * actor's words in the sentence when their span is known, else the dictionary's name. No
 * actor: an empty list.
 */
static void plover_actor(ent_buf *b, const char *code, const char *name, ent_span span,
                         const char *text, size_t len)
{
    if (!code || !*code) {
        ent_buf_puts(b, "[]");
        return;
    }
    size_t n = 0;
    const char *words = span.start < span.end ? span_text(&n, text, len, span) : NULL;
    if (!words && name && *name) {
        words = name;
        n = strlen(name);
    }
    size_t clen = strlen(code);
    size_t top = clen < 3 ? clen : is_country(code) || !is_role(code) ? 3 : 0;
    const char *sep = "";
    ent_buf_puts(b, "[{");
    if (words) {
        ent_buf_puts(b, "\"actorText\":");
        ent_buf_append_json(b, words, n);
        sep = ",";
    }
    if (top) {
        ent_buf_appendf(b, "%s\"code\":", sep);
        ent_buf_append_json(b, code, top);
        sep = ",";
    }
    if (clen > top) {
        ent_buf_appendf(b, "%s\"sector\":", sep);
        json_str(b, code + top);
    }
    ent_buf_puts(b, "}]");
}

/*
 * A PLOVER record: PLOVER's fields first (id … version), then entente's provenance. An event
 * whose CAMEO code has no PLOVER type (01 statements, 02 appeals) is still written, with
 * "event" null, so both ontologies give one line per coded event.
 */
static int plover_event(ent_buf *b, const ent_event *ev, size_t index, const char *text, size_t len,
                        const char *url)
{
    ent_plover p;
    int rc = ent_plover_map(&p, ev->event_code);
    if (rc == ENT_ENOMEM || rc == ENT_EINTERNAL)
        return rc;
    char date[11];
    ent_date_format(date, ev->date);
    ent_buf_appendf(b, "{\"id\":\"%lld\",\"date\":",
                    (long long)ent_format_event_id(ev->doc_id, ev->sentence_index, index));
    json_str(b, date[0] ? date : NULL);
    ent_buf_puts(b, ",\"event\":");
    json_str(b, p.event);
    ent_buf_puts(b, ",\"mode\":");
    json_str(b, p.mode);
    ent_buf_puts(b, ",\"context\":");
    json_str(b, p.context);
    ent_buf_puts(b, ",\"source\":");
    plover_actor(b, ev->source_code, ev->source_name, ev->source, text, len);
    ent_buf_puts(b, ",\"target\":");
    plover_actor(b, ev->target_code, ev->target_name, ev->target, text, len);
    ent_buf_puts(b, ",\"text\":");
    size_t n;
    const char *s = span_text(&n, text, len, ev->sentence);
    ent_buf_append_json(b, s ? s : "", n);
    ent_buf_puts(b, ",\"version\":\"0.8\",\"doc_id\":");
    json_str(b, ev->doc_id ? ev->doc_id : "");
    ent_buf_puts(b, ",\"sentence_index\":");
    ent_buf_append_int(b, ev->sentence_index);
    ent_buf_puts(b, ",\"cameo_code\":");
    json_str(b, ev->event_code);
    ent_buf_puts(b, ",\"source_code\":");
    json_str(b, ev->source_code);
    ent_buf_puts(b, ",\"target_code\":");
    json_str(b, ev->target_code);
    ent_buf_puts(b, ",\"goldstein\":");
    append_number(b, ev->goldstein);
    ent_buf_puts(b, ",\"quad_class\":");
    ent_buf_append_int(b, ev->quad_class);
    ent_buf_puts(b, ",\"offsets\":");
    json_offsets(b, ev, text, len);
    ent_buf_puts(b, ",\"issues\":");
    json_issues(b, ev->issues);
    if (url) {
        ent_buf_puts(b, ",\"url\":");
        json_str(b, url);
    }
    ent_buf_puts(b, "}\n");
    return ENT_OK;
}

/* ---------------------------------------------------------------- CSV ---- */

static const char csv_header[] =
    "doc_id,sentence_index,date,source_code,source_name,target_code,target_name,event_code,"
    "event_base,event_root,goldstein,quad_class,text,sentence_start,sentence_end,source_start,"
    "source_end,target_start,target_end,verb_start,verb_end,rules,issues,url\n";

/* RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
static void csv_field(ent_buf *b, const char *s, size_t n)
{
    if (!s)
        return;
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        ent_buf_append(b, s, n);
        return;
    }
    ent_buf_putc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '"') {
            ent_buf_append(b, s + run, i + 1 - run);
            run = i; /* the quote is written again: doubled */
        }
    ent_buf_append(b, s + run, n - run);
    ent_buf_putc(b, '"');
}

static void csv_str(ent_buf *b, const char *s)
{
    csv_field(b, s, s ? strlen(s) : 0);
    ent_buf_putc(b, ',');
}

static void csv_span(ent_buf *b, ent_span s, size_t len)
{
    if (s.start <= s.end && s.end <= len) {
        ent_buf_append_int(b, s.start);
        ent_buf_putc(b, ',');
        ent_buf_append_int(b, s.end);
        ent_buf_putc(b, ',');
    } else {
        ent_buf_puts(b, ",,");
    }
}

static void csv_event(ent_buf *b, ent_buf *tmp, const ent_event *ev, const char *text, size_t len,
                      const char *url)
{
    char date[11];
    ent_date_format(date, ev->date);
    csv_str(b, ev->doc_id ? ev->doc_id : "");
    ent_buf_append_int(b, ev->sentence_index);
    ent_buf_putc(b, ',');
    csv_str(b, date);
    csv_str(b, ev->source_code);
    csv_str(b, ev->source_name);
    csv_str(b, ev->target_code);
    csv_str(b, ev->target_name);
    csv_str(b, ev->event_code);
    csv_str(b, ev->event_base);
    csv_str(b, ev->event_root);
    append_number(b, ev->goldstein);
    ent_buf_putc(b, ',');
    ent_buf_append_int(b, ev->quad_class);
    ent_buf_putc(b, ',');
    size_t n;
    const char *s = span_text(&n, text, len, ev->sentence);
    csv_field(b, s ? s : "", n);
    ent_buf_putc(b, ',');
    size_t lim = text ? len : (size_t)-1;
    csv_span(b, ev->sentence, lim);
    csv_span(b, ev->source, lim);
    csv_span(b, ev->target, lim);
    csv_span(b, ev->verb, lim);
    ent_buf_reset(tmp);
    for (int i = 0; i < ev->nrules && i < ENT_MAX_RULES; i++) {
        if (i)
            ent_buf_puts(tmp, "; ");
        ent_buf_puts(tmp, ev->rules[i] ? ev->rules[i] : "");
    }
    if (tmp->failed)
        b->failed = 1;
    csv_field(b, tmp->data ? tmp->data : "", tmp->len);
    ent_buf_putc(b, ',');
    csv_str(b, ev->issues ? ev->issues : "");
    csv_field(b, url ? url : "", url ? strlen(url) : 0);
    ent_buf_putc(b, '\n');
}

/* ---------------------------------------------------------------- formatter ---- */

int ent_formatter_create(ent_formatter **out, ent_format format, unsigned flags)
{
    *out = NULL;
    if (format != ENT_FORMAT_JSONL && format != ENT_FORMAT_GDELT && format != ENT_FORMAT_CSV)
        return ENT_EINVAL;
    if (flags & ENT_FORMAT_PLOVER) {
        if (format != ENT_FORMAT_JSONL)
            return ENT_EINVAL; /* GDELT and CSV columns are CAMEO's by definition */
        size_t rows;
        int rc = ent_plover_count(&rows); /* read the table now, so events cannot fail on it */
        if (rc != ENT_OK)
            return rc;
    }
    ent_formatter *f = calloc(1, sizeof *f);
    if (!f)
        return ENT_ENOMEM;
    f->format = format;
    f->flags = flags;
    if (format == ENT_FORMAT_CSV) {
        ent_buf_puts(&f->out, csv_header);
    } else if (format == ENT_FORMAT_GDELT && (flags & ENT_FORMAT_HEADER)) {
        for (int i = 0; i < GDELT_NCOLUMNS; i++) {
            ent_buf_puts(&f->out, gdelt_columns[i]);
            ent_buf_putc(&f->out, i + 1 < GDELT_NCOLUMNS ? '\t' : '\n');
        }
    }
    if (f->out.failed) {
        ent_formatter_destroy(f);
        return ENT_ENOMEM;
    }
    *out = f;
    return ENT_OK;
}

void ent_formatter_destroy(ent_formatter *f)
{
    if (!f)
        return;
    ent_buf_free(&f->out);
    free(f);
}

int ent_formatter_event(ent_formatter *f, const ent_event *event, size_t event_index,
                        const char *text, size_t len, const char *url)
{
    size_t mark = f->out.len;
    int rc = ENT_OK;
    if (f->format == ENT_FORMAT_JSONL && (f->flags & ENT_FORMAT_PLOVER)) {
        rc = plover_event(&f->out, event, event_index, text, len, url);
    } else if (f->format == ENT_FORMAT_JSONL) {
        jsonl_event(&f->out, event, text, len, url);
    } else if (f->format == ENT_FORMAT_GDELT) {
        gdelt_event(&f->out, event, event_index, url);
    } else {
        ent_buf tmp = ENT_BUF_INIT;
        csv_event(&f->out, &tmp, event, text, len, url);
        ent_buf_free(&tmp);
    }
    if (f->out.failed || rc != ENT_OK) {
        /* Drop the partial line, keep what was complete. */
        f->out.failed = 0;
        f->out.len = mark;
        if (f->out.data)
            f->out.data[mark] = '\0';
        return rc != ENT_OK ? rc : ENT_ENOMEM;
    }
    return ENT_OK;
}

const char *ent_formatter_data(const ent_formatter *f, size_t *len)
{
    *len = f->out.len;
    return f->out.data ? f->out.data : "";
}

void ent_formatter_clear(ent_formatter *f)
{
    ent_buf_reset(&f->out);
}

int ent_formatter_write(ent_formatter *f, FILE *fp)
{
    size_t n = f->out.len;
    int ok = n == 0 || fwrite(f->out.data, 1, n, fp) == n;
    ent_buf_reset(&f->out);
    return ok ? ENT_OK : ENT_EIO;
}
