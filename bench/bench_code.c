/*
 * Benchmark of the coder's hot path (not a test): codes real news text from ../shared/data
 * (Reuters-21578 bodies and Wikipedia current-events items) with the built-in dictionaries
 * and prints, for one core:
 *   - dictionary load time;
 *   - a plain tokenizer pass over the same bytes (split on spaces and punctuation), the
 *     baseline measured in the same run;
 *   - entente's text stage alone (normalise, sentences, tokens, lemmas, tags);
 *   - the coder end to end: sentences/s, MB/s, events, and the ratio to the baseline;
 *   - peak memory.
 * Usage: bench_code [ROUNDS]   (best of ROUNDS, default 3)
 */
#include "entente/coder.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <time.h>
#include <zlib.h>

typedef struct corpus {
    char **text;
    size_t *len;
    size_t n, cap, bytes;
} corpus;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Appends the string field of every JSON line of a gzip file. */
static int load_jsonl(corpus *c, const char *path, const char *field)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return -1;
    static char line[1 << 20];
    while (gzgets(f, line, sizeof line)) {
        json_t *rec = json_loads(line, 0, NULL);
        const char *s = rec ? json_string_value(json_object_get(rec, field)) : NULL;
        if (s && *s) {
            if (c->n == c->cap) {
                c->cap = c->cap ? c->cap * 2 : 1024;
                c->text = realloc(c->text, c->cap * sizeof *c->text);
                c->len = realloc(c->len, c->cap * sizeof *c->len);
            }
            c->len[c->n] = strlen(s);
            c->text[c->n] = strdup(s);
            c->bytes += c->len[c->n];
            c->n++;
        }
        json_decref(rec);
    }
    gzclose(f);
    return 0;
}

/* The baseline: the simplest tokenizer that touches every byte. */
static size_t plain_tokens(const char *s, size_t len)
{
    size_t n = 0;
    int in_word = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        int word = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                   ch >= 0x80;
        if (word && !in_word)
            n++;
        else if (!word && ch > ' ')
            n++;
        in_word = word;
    }
    return n;
}

static void machine(void)
{
    struct utsname u;
    uname(&u);
    char model[256] = "unknown CPU";
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f) {
        char line[512];
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "model name", 10) == 0) {
                char *p = strchr(line, ':');
                if (p) {
                    snprintf(model, sizeof model, "%s", p + 2);
                    model[strcspn(model, "\n")] = '\0';
                }
                break;
            }
        fclose(f);
    }
    char commit[64] = "unknown";
    FILE *g = popen("git rev-parse --short HEAD 2>/dev/null", "r");
    if (g) {
        if (fgets(commit, sizeof commit, g))
            commit[strcspn(commit, "\n")] = '\0';
        pclose(g);
    }
    printf("machine: %s %s, %s; commit %s\n", u.sysname, u.machine, model, commit);
}

/* The same corpus with a production dictionary set loaded after the built-in ones: its
   compile time and the coder's speed with it, against the built-in speed of this run.
   Skipped when ../shared is not there. */
static void production(const corpus *c, int rounds, double builtin_rate, const char *label,
                       const char *dir, const char *const *names, size_t n)
{
    enum { MAX_FILES = 8 };
    static char paths[MAX_FILES][512];
    const char *files[MAX_FILES];
    if (n > MAX_FILES) {
        printf("with %s: not run (more than %d files)\n", label, MAX_FILES);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/interop/%s/%s", ENT_SHARED_DIR, dir, names[i]);
        files[i] = paths[i];
    }
    ent_dict_options opt = ENT_DICT_OPTIONS_INIT;
    opt.files = files;
    opt.nfiles = n;
    ent_dict *dict = NULL;
    double load_best = 1e9;
    for (int r = 0; r < 3; r++) {
        ent_dict_destroy(dict);
        dict = NULL;
        double t0 = now();
        if (ent_dict_load(&dict, &opt) != ENT_OK) {
            printf("with %s: not run (its files in %s/interop/%s not readable)\n", label,
                   ENT_SHARED_DIR, dir);
            return;
        }
        double t = now() - t0;
        load_best = t < load_best ? t : load_best;
    }
    ent_dict_stats st;
    ent_dict_stats_get(&st, dict);
    ent_coder *coder;
    if (ent_coder_create(&coder, dict) != ENT_OK) {
        ent_dict_destroy(dict);
        return;
    }
    double best = 1e9;
    size_t sentences = 0;
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        size_t sent = 0;
        for (size_t i = 0; i < c->n; i++) {
            ent_doc doc = {"bench", c->text[i], c->len[i], ent_date_from_ymd(2000, 1, 1),
                           NULL, NULL, NULL, NULL};
            const ent_event *e;
            size_t ne;
            ent_doc_report rep;
            ent_coder_code(&e, &ne, coder, &doc, &rep);
            sent += rep.sentences;
        }
        double t = now() - t0;
        sentences = sent;
        best = t < best ? t : best;
    }
    printf("with %s:  %zu actor phrases, %zu verb patterns, compiled in %.0f ms"
           " (target < 300 ms)\n",
           label, st.actor_phrases, st.verb_patterns, load_best * 1e3);
    printf("  coder end to end:         %.0f sentences/s per core (%.2f of the built-in rate;"
           " target >= 150,000)\n",
           sentences / best, sentences / best / builtin_rate);
    ent_coder_destroy(coder);
    ent_dict_destroy(dict);
}

/* PETRARCH's production dictionaries: the Phoenix actors and agents, CAMEO.2.0 verbs (tens
   of thousands of phrases, about 150,000 patterns once its synsets are expanded). */
static void phoenix(const corpus *c, int rounds, double builtin_rate)
{
    static const char *const names[] = {"Phoenix.Countries.actors.txt",
                                        "Phoenix.International.actors.txt",
                                        "Phoenix.MilNonState.actors.txt",
                                        "Phoenix.agents.txt",
                                        "Phoenix.discards.txt",
                                        "Phoenix.IssueCoding.txt",
                                        "CAMEO.2.0.txt"};
    production(c, rounds, builtin_rate, "Phoenix dictionaries", "petrarch2/dictionaries", names,
               sizeof names / sizeof names[0]);
}

/* TABARI's full CAMEO dictionaries, whose actor phrases end in stems ("ARNOR" matches
   "Arnorian"): TABARI itself codes about 4,500 sentences/s with them. */
static void tabari_full(const corpus *c, int rounds, double builtin_rate)
{
    static const char *const names[] = {"CAMEO.080612.verbs", "CountryInfo.120116.actors",
                                        "Internatnl.120521.actors", "Levant.080629.actors",
                                        "PSU.120522.agents"};
    production(c, rounds, builtin_rate, "TABARI dictionaries", "tabari/full-dictionaries", names,
               sizeof names / sizeof names[0]);
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 3;
    if (rounds < 1)
        rounds = 1;
    corpus c = {0};
    if (load_jsonl(&c, ENT_SHARED_DIR "/data/reuters21578/reuters21578.jsonl.gz", "body") < 0 ||
        load_jsonl(&c, ENT_SHARED_DIR "/data/wikipedia-current-events/wp_current_events_2025-09_2026-08.jsonl.gz",
                   "text") < 0) {
        fprintf(stderr, "bench_code: cannot read the news text in %s/data\n", ENT_SHARED_DIR);
        return 3;
    }
    machine();
    printf("corpus: %zu documents, %.1f MB (Reuters-21578 bodies + Wikipedia current events)\n",
           c.n, c.bytes / 1e6);

    double load_best = 1e9;
    ent_dict *dict = NULL;
    for (int r = 0; r < 5; r++) {
        ent_dict_destroy(dict);
        double t0 = now();
        if (ent_dict_load(&dict, NULL) != ENT_OK)
            return 5;
        double t = now() - t0;
        load_best = t < load_best ? t : load_best;
    }
    ent_dict_stats st;
    ent_dict_stats_get(&st, dict);
    printf("dictionaries: %zu actor phrases, %zu agent phrases, %zu verb patterns; load %.1f ms\n",
           st.actor_phrases, st.agent_phrases, st.verb_patterns, load_best * 1e3);

    double plain_best = 1e9, text_best = 1e9, code_best = 1e9;
    size_t plain_tokens_n = 0, sentences = 0, events = 0;
    ent_text *text;
    ent_coder *coder;
    if (ent_text_create(&text, ent_dict_lexicon(dict)) != ENT_OK ||
        ent_coder_create(&coder, dict) != ENT_OK)
        return 5;
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        size_t tok = 0;
        for (size_t i = 0; i < c.n; i++)
            tok += plain_tokens(c.text[i], c.len[i]);
        double t1 = now();
        for (size_t i = 0; i < c.n; i++)
            ent_text_analyse(text, c.text[i], c.len[i], 0);
        double t2 = now();
        size_t sent = 0, ev = 0;
        for (size_t i = 0; i < c.n; i++) {
            ent_doc doc = {"bench", c.text[i], c.len[i], ent_date_from_ymd(2000, 1, 1), NULL, NULL, NULL, NULL};
            const ent_event *e;
            size_t ne;
            ent_doc_report rep;
            ent_coder_code(&e, &ne, coder, &doc, &rep);
            sent += rep.sentences;
            ev += ne;
        }
        double t3 = now();
        plain_tokens_n = tok, sentences = sent, events = ev;
        plain_best = t1 - t0 < plain_best ? t1 - t0 : plain_best;
        text_best = t2 - t1 < text_best ? t2 - t1 : text_best;
        code_best = t3 - t2 < code_best ? t3 - t2 : code_best;
    }
    double mb = c.bytes / 1e6;
    printf("plain tokenizer (baseline): %.0f MB/s, %zu tokens\n", mb / plain_best, plain_tokens_n);
    printf("text stage:                 %.0f MB/s, %.0f sentences/s\n", mb / text_best,
           sentences / text_best);
    printf("coder end to end:           %.1f MB/s, %.0f sentences/s per core, %zu events\n",
           mb / code_best, sentences / code_best, events);
    printf("ratio coder / plain tokenizer: %.1fx the baseline's time (%.2f of its throughput)\n",
           code_best / plain_best, plain_best / code_best);
    ent_coder_destroy(coder);
    ent_text_destroy(text);
    ent_dict_destroy(dict);
    phoenix(&c, rounds, sentences / code_best);
    tabari_full(&c, rounds, sentences / code_best);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak memory: %.0f MB (corpus %.0f MB included)\n", ru.ru_maxrss / 1024.0, mb);
    return 0;
}
