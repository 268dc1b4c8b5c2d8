/*
 * cli — the tables that define entente's command line, and the two documents made from
 * them: --help (per command) and the man page entente(1). Both come from the same entries,
 * so they cannot disagree.
 *
 * To add an option: add one entry to cli_options[] in sorted order of its long name (help
 * lists options in table order), add its OPT_* id in cli.h, and handle it in main.c's
 * apply(). To add a command: add an entry to cli_commands[] and a case in main.c.
 * docs/cli.md follows the man page; update it too.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- tables ---- */

/* Sorted by long name. */
const cli_option cli_options[] = {
    {"by", 0, "PERIOD", CMD_DYAD, OPT_BY, 0, "sum events by day, week, month (default) or year",
     "The period the dyad's events are summed by: day, week (ISO weeks, labelled 2022-W08), "
     "month (the default, labelled 2022-02) or year."},
    {"cameo", 0, "CODE", CMD_EXPORT, OPT_CAMEO, 0, "only events whose CAMEO code starts with CODE",
     "Export only events whose CAMEO code starts with CODE: 05 for every cooperation event of "
     "root 05, 057 for agreements signed."},
    {"csv", 0, NULL, CMD_DYAD, OPT_CSV, 0, "write the series as CSV",
     "Write the series as CSV: one row per period and direction, empty periods included, "
     "under a header row naming the columns period, source, target, events, goldstein_sum, "
     "goldstein_mean, verbal_coop, material_coop, verbal_conflict and material_conflict."},
    {"date", 0, "YYYY-MM-DD", CMD_CODE | CMD_INGEST, OPT_DATE, 0,
     "date of documents that have none",
     "Date of documents that carry none: plain-text inputs and JSON Lines records without a "
     "date field. Event dates are this date moved by phrases such as \"on Friday\". Without "
     "--date, the coder looks for a date in the text."},
    {"db", 0, "LOCATION", CMD_STORE, OPT_DB, 0,
     "the store: a SQLite file (default entente.sqlite) or postgresql://...",
     "The event store. A path (or sqlite:PATH) is a SQLite file, created when missing; "
     "postgresql://USER@HOST/DB or a libpq connection string (host=... dbname=...) is a "
     "PostgreSQL database. Without --db, the ENTENTE_DB environment variable, then "
     "entente.sqlite in the current directory."},
    {"default-source", 0, "CODE", CMD_CODE | CMD_INGEST, OPT_DEFAULT_SOURCE, 0,
     "the source of events whose text names none (a corpus of one actor's statements)",
     "Code an event whose verb has an actor on one side but none before it as coming from "
     "CODE (an actor code such as ISRGOV): for a corpus of one actor's statements, where "
     "\"the ministry condemned Iran's attack\" is that actor's. TABARI's DEFAULT option. An event "
     "with no actor on either side stays uncoded."},
    {"default-target", 0, "CODE", CMD_CODE | CMD_INGEST, OPT_DEFAULT_TARGET, 0,
     "the target of events whose text names none",
     "Code an event whose verb has a source but no target after it as directed at CODE; a "
     "compound source then acts on CODE rather than its members on each other. TABARI's "
     "DEFAULT option."},
    {"dict", 0, "FILE",
     CMD_CODE | CMD_DEMO | CMD_DICT | CMD_INGEST | CMD_IMPORT | CMD_REPORT | CMD_VALIDATE, OPT_DICT,
     1, "load more dictionary entries from FILE (repeatable)",
     "Load dictionary entries from FILE (the .ent format of docs/dictionary-format.md) after "
     "the built-in dictionaries. May be given more than once; files load in order."},
    {"dict-dir", 0, "DIR", CMD_VALIDATE, OPT_DICT_DIR, 0,
     "look in DIR first for the suite's dictionaries",
     "Look for the dictionaries a test suite names in DIR first, then beside the suite, in "
     "its dictionaries folder and in ../dictionaries. Implies --suite-dicts."},
    {"dyad", 0, "A,B", CMD_EXPORT, OPT_DYAD, 0, "only events between actors A and B, both ways",
     "Export only events between A and B in either direction: --dyad IRN,RUS. Each side is an "
     "actor code prefix, so a country code includes its government, military and leaders "
     "(IRNGOV, IRNMIL...)."},
    {"explain", 0, "TEXT", CMD_CODE, OPT_EXPLAIN, 0,
     "code TEXT and print every decision of the coder",
     "Code the sentence TEXT instead of reading files, print the coder's trace (tokens and "
     "their tags, actor matches, verb groups, subjects, patterns tried, events) and then the "
     "events in readable form. With --ontology plover, each event also shows its PLOVER "
     "event type, mode and context."},
    {"explain-failures", 0, NULL, CMD_VALIDATE, OPT_EXPLAIN_FAILURES, 0,
     "print the coder's trace under each failed record",
     "Under each failed record, print the coder's trace for its text, as entente code "
     "--explain prints it. With --json, each failure gets a trace list of lines."},
    {"field", 0, "KEY=NAME", CMD_CODE | CMD_INGEST, OPT_FIELD, 1,
     "read record field NAME as KEY (id, date, url, title, text, source, byline)",
     "Read the JSON Lines or CSV field NAME as KEY, one of id, date, url, title, text, source "
     "and byline: --field text=content --field id=guid. May be given more than once. By "
     "default each key is read from the field of the same name, text falls back to body and "
     "byline to author."},
    {"format", 'f', "FORMAT", CMD_CODE | CMD_EXPORT | CMD_REPORT, OPT_FORMAT, 0,
     "output format: jsonl, gdelt or csv; report: md, html or json",
     "Output format. jsonl (the default): one JSON object per event. gdelt: the 58 "
     "tab-separated columns of GDELT 1.0 event files. csv: RFC 4180 CSV with a header row. "
     "docs/events.md describes every field. For report: md (Markdown, the default), html (one "
     "self-contained page with SVG charts) or json (every figure, finding and evidence item); "
     "without --format the extension of --output decides (.md, .html, .json)."},
    {"from", 0, "DATE", CMD_EXPORT | CMD_DYAD | CMD_REPORT, OPT_FROM, 0,
     "only events on or after DATE",
     "Only events dated on or after DATE (YYYY-MM-DD; YYYY-MM and YYYY mean the first day)."},
    {"future", 0, "MODE", CMD_CODE | CMD_INGEST | CMD_VALIDATE, OPT_FUTURE, 0,
     "code a reported future action as intent or event (default intent; validate: event)",
     "How a reported future action is coded (\"Iran will sign\", \"is expected to sign\", "
     "\"is about to sign\"). intent (the default of code and ingest): as the CAMEO intention "
     "to act (03x) or, for force, the threat (13x). event: as the action itself, the way "
     "TABARI and PETRARCH code it; the default of validate, because their test suites expect "
     "it. Verbs of intention (\"promised to sign\") give an intention either way."},
    {"header", 0, NULL, CMD_CODE | CMD_EXPORT, OPT_HEADER, 0,
     "with --format gdelt, begin with a line of column names",
     "With --format gdelt, write a first line with the 58 GDELT column names. (CSV output "
     "always has a header row, JSON Lines never.)"},
    {"help", 'h', NULL, CMD_ALL, OPT_HELP, 0, "show help and exit",
     "Show the usage of the command (or of entente) and exit."},
    {"input-format", 0, "FORMAT", CMD_CODE | CMD_INGEST, OPT_INPUT_FORMAT, 0,
     "input format: auto (default), jsonl, csv, html or text",
     "Input format. auto (the default) decides per input: JSON Lines when its first "
     "non-blank character is {, HTML when the input starts with a tag or its name ends in "
     ".html or .htm, CSV when its name ends in .csv, plain text otherwise. jsonl, csv, html "
     "and text force one."},
    {"jobs", 'j', "N", CMD_CODE | CMD_INGEST, OPT_JOBS, 0,
     "code with N threads (default: one per core)",
     "Code with N worker threads (default: the number of cores). Output stays in input "
     "order whatever N is."},
    {"json", 0, NULL, CMD_DYAD | CMD_VALIDATE, OPT_JSON, 0,
     "write JSON (dyad: the series; validate: the results)",
     "Write the series as one JSON object: the dyad, the period, the range, and for each "
     "period both directions with events, Goldstein sum and mean, the four quad classes, the "
     "source's events to anyone and the dyad's share of them. For validate: one JSON object "
     "with the suite, the dictionaries, the counts, the results per category, every failed or "
     "skipped record and the coding speed (docs/accuracy.md)."},
    {"limit", 0, "N", CMD_EXPORT, OPT_LIMIT, 0, "export at most N events",
     "Export at most N events (the first N in date order)."},
    {"man", 0, NULL, CMD_HELP, OPT_MAN, 0, "print the manual page (roff)",
     "Print this manual page in roff format: entente help --man | man -l -"},
    {"mpi", 0, NULL, CMD_INGEST, OPT_MPI, 0, "split the inputs across Open MPI ranks",
     "Run under mpirun: the input files are split across the ranks, which code them in "
     "parallel, and rank 0 writes everything to the store in input order, so the store holds "
     "exactly what one process would have stored. Needs an entente built with Open MPI."},
    {"no-builtin", 0, NULL,
     CMD_CODE | CMD_DEMO | CMD_DICT | CMD_INGEST | CMD_IMPORT | CMD_REPORT | CMD_VALIDATE,
     OPT_NO_BUILTIN, 0, "do not load the built-in dictionaries",
     "Do not load the built-in dictionaries; use only the --dict files."},
    {"no-dedup", 0, NULL, CMD_INGEST, OPT_NO_DEDUP, 0, "store near-duplicate stories separately",
     "Do not look for near-duplicate stories: every text that is not byte-for-byte the same "
     "story is stored and coded on its own. (Exact duplicates are always stored once.)"},
    {"ontology", 0, "NAME", CMD_CODE | CMD_EXPORT, OPT_ONTOLOGY, 0,
     "event ontology of JSON Lines: cameo (default) or plover",
     "The event ontology of the output. cameo (the default): entente's CAMEO records. plover: "
     "PLOVER records, one JSON object per event with PLOVER's fields (id, date, event, mode, "
     "context, source and target entity lists, text), the CAMEO code mapped to a PLOVER 0.8 "
     "event type, mode and context by the built-in table, and entente's provenance (doc_id, "
     "sentence_index, cameo_code, offsets...). Events of CAMEO 01 and 02, which PLOVER "
     "dropped, are written with a null event. JSON Lines only: --ontology plover with "
     "--format gdelt or csv is a usage error. docs/plover.md describes the mapping and the "
     "fields."},
    {"origin", 0, "NAME", CMD_EXPORT, OPT_ORIGIN, 0,
     "only events from NAME: entente, gdelt or icews",
     "Export only events of one origin: entente (coded by entente), gdelt or icews "
     "(imported)."},
    {"output", 'o', "FILE", CMD_CODE | CMD_EXPORT | CMD_DYAD | CMD_REPORT | CMD_VALIDATE,
     OPT_OUTPUT, 0, "write to FILE, not stdout",
     "Write the output to FILE instead of standard output. FILE is created or truncated."},
    {"penalty", 0, "X", CMD_REPORT, OPT_PENALTY, 0,
     "change-point penalty (default: 2 log n for n months)",
     "The penalty each change point of the monthly series must pay (a positive number): larger "
     "values find fewer changes. The default, 2 log n for a series of n months, is the BIC "
     "penalty (docs/report.md)."},
    {"quiet", 'q', NULL, CMD_CODE | CMD_STORE | CMD_VALIDATE, OPT_QUIET, 0,
     "no summary line on stderr",
     "Do not print the summary line (documents, sentences, events, discarded sentences, "
     "skipped records, seconds) on standard error at the end."},
    {"registry", 0, "FILE", CMD_REPORT, OPT_REGISTRY, 0,
     "read treaties from FILE instead of the built-in registry",
     "Read the treaty registry (agreements and their obligations) from FILE, a table in the "
     "format of docs/registry.md, instead of the built-in one. Malformed lines are reported as "
     "\"entente: FILE:LINE: message\" and skipped."},
    {"source", 0, "CODE", CMD_EXPORT, OPT_SOURCE, 0, "only events whose source starts with CODE",
     "Export only events whose source actor code starts with CODE (IRN: Iran and all its "
     "actors)."},
    {"suite-dicts", 0, NULL, CMD_VALIDATE, OPT_SUITE_DICTS, 0,
     "also load the dictionaries the test suite names",
     "Also load the dictionaries the test suite names (after the built-in ones, unless "
     "--no-builtin; before the --dict files): found in --dict-dir, beside the suite, in its "
     "dictionaries folder or in ../dictionaries. A named dictionary that is not found is an "
     "error (exit status 3), except the PETRARCH-2 coding ontology (PICO), which gives "
     "negations only: a warning. Options files are named by suites too, but are not "
     "dictionaries and are not loaded."},
    {"target", 0, "CODE", CMD_EXPORT, OPT_TARGET, 0, "only events whose target starts with CODE",
     "Export only events whose target actor code starts with CODE."},
    {"third", 0, "CODE", CMD_REPORT, OPT_THIRD, 0,
     "the third party of the report (default: the busiest with both)",
     "The third state of the report's third-party section (ISR for Israel). Without it, the "
     "country with the most events with both A and B over the window is taken: the one whose "
     "smaller count, with A or with B, is the largest."},
    {"to", 0, "DATE", CMD_EXPORT | CMD_DYAD | CMD_REPORT, OPT_TO, 0,
     "only events on or before DATE",
     "Only events dated on or before DATE (YYYY-MM-DD; YYYY-MM and YYYY mean the last day)."},
    {"top", 0, "N", CMD_REPORT, OPT_TOP, 0, "countries in the report's network (default 30)",
     "The number of countries, the most active over the window, in the signed network of the "
     "report's global section (default 30; A, B and the third party are always in it)."},
    {"version", 'V', NULL, CMD_TOP, OPT_VERSION, 0, "print the version and exit",
     "Print the version and exit."},
};
const size_t cli_noptions = sizeof cli_options / sizeof cli_options[0];

const cli_command cli_commands[] = {
    {"code", CMD_CODE, "code [OPTIONS] [FILE...]", "code news records into CAMEO events",
     "Read news records from each FILE (standard input when there is none, or for -), code "
     "every sentence into political events (who did what to whom, when) and write one line "
     "per event to standard output. Inputs may be gzip-compressed. An input whose first "
     "non-blank character is { is JSON Lines: one object per line with the fields id, date, "
     "url, title and text (or body). Any other input is one plain-text document whose id is "
     "its file name. A record that cannot be read (malformed JSON, no text, a bad date, a NUL "
     "byte, a truncated gzip stream, a binary file) is reported as \"entente: FILE:LINE: "
     "message\" and skipped, and the rest is still coded. A summary line goes to standard "
     "error at the end; when standard error is a terminal, a progress line is shown during "
     "long runs."},
    {"demo", CMD_DEMO, "demo", "code the built-in Iran-Russia corpus and summarise it",
     "Code the demo corpus built into entente (news records about Iran and Russia) and print "
     "a summary: documents, sentences and events, events per CAMEO root category, the most "
     "frequent dyads, and example events with their sentence and date."},
    {"dict", CMD_DICT, "dict [--dict FILE...] [--no-builtin]",
     "load the dictionaries and print their statistics",
     "Load the built-in dictionaries and the --dict files, report every malformed line as "
     "\"entente: FILE:LINE: message\", and print how many actors, agents, verb patterns, "
     "discards, issues and CAMEO codes were loaded. The exit status is 1 when lines were "
     "skipped."},
    {"ingest", CMD_INGEST, "ingest [OPTIONS] [FILE|DIR...]",
     "code news into the event store, in parallel, without duplicates",
     "Read news from each FILE, and from every file under each DIR (recursively): JSON "
     "Lines, CSV, HTML and plain text, each plain, compressed with gzip or zstd, or in a "
     "zip archive of one file. Each "
     "article's text is stored once: an article whose text is already stored (the same story "
     "from another outlet, exactly or nearly) is recorded as one more article and source of "
     "that story instead of being coded again. New stories are coded on all cores and their "
     "events written to the store (--db) with their evidence sentences. Running the same "
     "ingest again adds nothing, and an ingest that was interrupted (even by kill -9) can "
     "simply be run again. Unreadable files and bad records are reported as \"entente: "
     "FILE:LINE: message\" and skipped. A progress bar with rate and ETA is shown when "
     "standard error is a terminal, and a summary at the end."},
    {"import", CMD_IMPORT, "import gdelt|icews FILE... [--db LOCATION]",
     "import GDELT or ICEWS event files into the store",
     "Import event datasets into the store (--db) beside entente's own events. gdelt: GDELT "
     "1.0 event files (57 or 58 columns) and GDELT 2.0 exports (61 columns) and mentions "
     "files. icews: ICEWS event files in the Dataverse form (tab-separated, 20 columns, with "
     "a header: Event ID, Event Date, Source Name...) or the tab-separated form date, source, "
     "event_text, cameo_code, goldstein, target. ICEWS actor names (\"Vladimir Putin\", "
     "\"Foreign Affairs (Iran)\") are given actor codes with the dictionaries and the event "
     "date. Files may be compressed (gzip, zstd, or GDELT's zip). Importing the same file "
     "again adds nothing. Malformed rows are reported as \"entente: FILE:LINE: message\" and "
     "skipped."},
    {"export", CMD_EXPORT, "export [--db LOCATION] [FILTERS] [-f FORMAT] [-o FILE]",
     "write events from the store, filtered, as GDELT TSV, CSV or JSON Lines",
     "Write the events of the store (--db) that pass the filters (--from, --to, --dyad, "
     "--source, --target, --cameo, --origin, --limit) to standard output or --output, in date "
     "order, as JSON Lines (the default), GDELT 1.0 columns (--format gdelt) or CSV."},
    {"dyad", CMD_DYAD, "dyad A B [--by PERIOD] [--from DATE] [--to DATE] [--csv | --json]",
     "how the relationship between two actors moved: events per period, both ways",
     "Sum the stored events between actors A and B (--db) by period, in each direction: "
     "events, Goldstein sum and mean, and the four quad classes (verbal and material "
     "cooperation and conflict). A and B are actor code prefixes, so a country code includes "
     "its government, military and leaders (IRN counts IRNGOV, IRNMIL...). Every period from "
     "the first to the last event (or --from to --to) is listed, empty ones included. The "
     "table and --json also give the source's events to anyone in the period and the dyad's "
     "share of them, which does not grow just because the news grew."},
    {"report", CMD_REPORT,
     "report A B [--third C] [--from DATE] [--to DATE] [-f md|html|json] [-o FILE]",
     "analyse a relationship in seven sections, with evidence",
     "Analyse the relationship between actors A and B (country codes such as IRN RUS, or "
     "longer actor code prefixes of different countries) from the events in the store (--db), "
     "in seven sections: the history arc (the series by year and its trend), catalysts (change "
     "points of the monthly series, with the events and the third parties around each), formal "
     "agreements and what they oblige (agreement events and the treaty registry), the pillars "
     "of cooperation (military, economic...), red lines (conflict, refusals, threats, "
     "obligations no treaty makes, third countries the two treat oppositely), the third party "
     "(--third), and global implications (blocs of the signed network of the most active "
     "countries, alignment, sanctions); then a reliability figure: what B did toward A after A "
     "was hit by third countries, and the mirror. Every figure names its window and every "
     "finding cites its events (date, actors, CAMEO code, sentence, url or dataset id, "
     "document). The window is --from to --to, or the months of the pair's first and last "
     "events. Writes Markdown (the default), HTML with SVG charts or JSON. When the two have no "
     "event in the window, nothing is written and the exit status is 1."},
    {"validate", CMD_VALIDATE,
     "validate FILE [--suite-dicts] [--dict-dir DIR] [--dict FILE...] [--json] "
     "[--explain-failures]",
     "score entente on a TABARI or PETRARCH coder test suite",
     "Read a coder test suite: PETRARCH validation XML (Sentence records with their expected "
     "EventCoding), TABARI text records with the expected events in their comment blocks, or "
     "a TABARI project file naming the text files and the dictionaries. Code every record "
     "with entente's coder, each a document with the record's date, and compare the events "
     "with the expected ones: for PETRARCH as a set per sentence, for TABARI in order and "
     "with the same number of events; actor and event codes as the suite writes them, with "
     "white space inside a code ignored. Print the failed records (id, category, expected "
     "and coded events, why), the results per category, the coding speed in sentences per "
     "second, and last the line \"N passed, M failed\", where N + M are the records "
     "evaluated. Records the suite leaves out (categories outside its Include list, "
     "evaluate=false) are excluded, and records entente cannot be scored on (the TABARI "
     "complexity flag, a broken Treebank parse, option records) are not applicable; neither "
     "is counted. Suite options (Config and OPTION records) are listed, not applied, except "
     "TABARI's SET: YYYY (how dates are written) and FORWARD (records of one story are coded "
     "together, so a pronoun finds its actor in an earlier record). The "
     "dictionaries are the built-in ones and the --dict files, and with --suite-dicts those "
     "the suite names. The exit status is 0 when the run completed, whatever the scores; 1 "
     "when records could not be read or coded and were skipped; 3 when the suite or a "
     "dictionary file is missing, or the suite is not well-formed; 4 when the dictionaries "
     "cannot be loaded."},
    {"help", CMD_HELP, "help [COMMAND | --man]", "show help for a command, or the man page",
     "Show the usage of COMMAND, or of entente. With --man, print the manual page."},
};
const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];

const cli_exit cli_exits[] = {
    {CLI_EXIT_OK, "Success: everything was read and coded."},
    {CLI_EXIT_SKIPPED, "Some records, inputs or dictionary lines were skipped (each was "
                       "reported); everything else was done. For report: the two actors have "
                       "no event in the window."},
    {CLI_EXIT_USAGE, "Bad command line (unknown option or command, bad option value)."},
    {CLI_EXIT_IO, "An input could not be opened or read, or the output could not be "
                  "written."},
    {CLI_EXIT_DB, "The dictionaries or the database could not be loaded."},
    {CLI_EXIT_INTERNAL, "Internal error: out of memory or a bug in entente."},
};
const size_t cli_nexits = sizeof cli_exits / sizeof cli_exits[0];

static const char *const examples[][2] = {
    {"entente code news.jsonl.gz > events.jsonl", "Code a compressed JSON Lines file."},
    {"entente code -f gdelt --header --date 2025-01-17 article.txt",
     "Code one plain-text article dated 17 January 2025 into GDELT columns."},
    {"cat *.jsonl | entente code -q -f csv -o events.csv", "Code standard input into CSV."},
    {"entente code --explain \"Russia and Iran signed a trade agreement on Friday.\"",
     "Show how one sentence is coded."},
    {"entente dict --dict mine.ent", "Check a dictionary file."},
    {"entente ingest news/ --db events.sqlite", "Code a folder of news into a store."},
    {"entente import icews events.2018.tab --db events.sqlite", "Import ICEWS events."},
    {"entente export --dyad IRN,RUS --from 2022-01-01 -f csv", "Export one dyad's events."},
    {"entente code --ontology plover news.jsonl", "Code news into PLOVER records."},
    {"entente dyad IRN RUS --by month --csv", "The Iran-Russia series, month by month."},
    {"entente report IRN RUS --third ISR -o iran-russia.html",
     "The analysis of Iran and Russia, with Israel as the third party, as a web page."},
    {"entente validate Validate.project --explain-failures",
     "Score entente on the TABARI validation suite, with the coder's trace of each failure."},
};

/* ---------------------------------------------------------------- lookups ---- */

const cli_option *cli_option_find(const char *name, size_t len)
{
    size_t lo = 0, hi = cli_noptions;
    while (lo < hi) { /* the table is sorted */
        size_t mid = (lo + hi) / 2;
        const char *n = cli_options[mid].name;
        int c = strncmp(n, name, len);
        if (c == 0 && n[len] != '\0')
            c = 1;
        if (c == 0)
            return &cli_options[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const cli_option *cli_option_find_short(char c)
{
    for (size_t i = 0; i < cli_noptions; i++)
        if (cli_options[i].short_name == c)
            return &cli_options[i];
    return NULL;
}

const cli_command *cli_command_find(const char *name)
{
    for (size_t i = 0; i < cli_ncommands; i++)
        if (strcmp(cli_commands[i].name, name) == 0)
            return &cli_commands[i];
    return NULL;
}

/* ---------------------------------------------------------------- --help ---- */

/* Prints text word-wrapped to 79 columns, lines after the first indented by indent spaces;
 * col is the column the cursor is at (0, or after a label printed by the caller). */
static void wrap(const char *text, int indent, int col)
{
    int words_on_line = 0;
    const char *p = text;
    for (;;) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        int n = (int)(p - w);
        if (n == 0)
            break;
        if (words_on_line && col + 1 + n > 79) {
            putchar('\n');
            col = words_on_line = 0;
        }
        if (col < indent)
            col += printf("%*s", indent - col, "");
        if (words_on_line)
            col += printf(" ");
        col += printf("%.*s", n, w);
        words_on_line++;
    }
    putchar('\n');
}

/* "-f, --format FORMAT" */
static int option_label(char *buf, size_t size, const cli_option *o)
{
    return snprintf(buf, size, "%c%c%s--%s%s%s", o->short_name ? '-' : ' ',
                    o->short_name ? o->short_name : ' ', o->short_name ? ", " : "  ", o->name,
                    o->arg ? " " : "", o->arg ? o->arg : "");
}

static void print_options(unsigned commands)
{
    char label[64];
    int width = 0;
    for (size_t i = 0; i < cli_noptions; i++) {
        int n = option_label(label, sizeof label, &cli_options[i]);
        if ((cli_options[i].commands & commands) && n > width)
            width = n;
    }
    for (size_t i = 0; i < cli_noptions; i++) {
        const cli_option *o = &cli_options[i];
        if (!(o->commands & commands))
            continue;
        option_label(label, sizeof label, o);
        printf("  %-*s  %s\n", width, label, o->help);
    }
}

void cli_help_print(const cli_command *cmd)
{
    if (cmd) {
        printf("Usage: entente %s\n\n", cmd->synopsis);
        wrap(cmd->doc, 0, 0);
        printf("\nOptions:\n");
        print_options(cmd->id);
        printf("\nRun 'entente help' for all commands, 'man entente' for the manual.\n");
        return;
    }
    printf("Usage: entente COMMAND [OPTIONS] [FILE...]\n\n"
           "entente codes news text into CAMEO political events: who did what to whom, and "
           "when.\n\nCommands:\n");
    for (size_t i = 0; i < cli_ncommands; i++)
        printf("  %-8s %s\n", cli_commands[i].name, cli_commands[i].summary);
    printf("\nOptions:\n");
    print_options(CMD_ALL);
    printf("\nExit status:\n");
    for (size_t i = 0; i < cli_nexits; i++) {
        wrap(cli_exits[i].meaning, 4, printf("  %d ", cli_exits[i].code));
    }
    printf("\nRun 'entente help COMMAND' for the options of one command.\n");
}

/* ---------------------------------------------------------------- man page ---- */

/* Writes text for roff: backslashes escaped, no line starting with a control character. */
static void roff(const char *text)
{
    if (*text == '.' || *text == '\'')
        fputs("\\&", stdout);
    for (const char *p = text; *p; p++) {
        if (*p == '\\')
            fputs("\\e", stdout);
        else if (*p == '-' && (p == text || p[-1] == ' ' || p[-1] == '-') &&
                 (p[1] == '-' || (p[1] >= 'a' && p[1] <= 'z')))
            fputs("\\-", stdout); /* an option's dash, not a hyphen */
        else
            putchar(*p);
    }
}

static void roff_option_label(const cli_option *o)
{
    if (o->short_name)
        printf("\\fB\\-%c\\fR, ", o->short_name);
    printf("\\fB\\-\\-");
    roff(o->name);
    printf("\\fR");
    if (o->arg)
        printf(" \\fI%s\\fR", o->arg);
    putchar('\n');
}

static void roff_commands_of(unsigned commands)
{
    int n = 0;
    printf("Applies to:");
    for (size_t i = 0; i < cli_ncommands; i++)
        if (commands & cli_commands[i].id)
            printf("%s \\fB%s\\fR", n++ ? "," : "", cli_commands[i].name);
    if (commands & CMD_TOP)
        printf("%s \\fBentente\\fR itself", n++ ? "," : "");
    printf(".\n");
}

void cli_man_print(void)
{
    printf(".TH ENTENTE 1 \"\" \"entente %s\" \"User Commands\"\n", ENT_VERSION);
    printf(".\\\" Generated by 'entente help --man' from cli/options.c. Do not edit.\n");
    printf(".SH NAME\nentente \\- code news text into CAMEO political events\n");
    printf(".SH SYNOPSIS\n");
    for (size_t i = 0; i < cli_ncommands; i++) {
        printf(".B entente\n");
        roff(cli_commands[i].synopsis);
        printf("\n.br\n");
    }
    printf(".B entente \\-\\-version\n");
    printf(".SH DESCRIPTION\n"
           "\\fBentente\\fR reads news text (JSON Lines records or plain text, optionally "
           "gzip-compressed) and codes it into political events in the CAMEO scheme: a "
           "source actor, a target actor, an event code with its Goldstein score and quad "
           "class, the date, and the sentence the event came from. It is a filter: records in "
           "on standard input or from files, events out on standard output, messages on "
           "standard error, each prefixed with \"entente:\".\n");
    printf(".SH COMMANDS\n");
    for (size_t i = 0; i < cli_ncommands; i++) {
        printf(".TP\n.B entente ");
        roff(cli_commands[i].synopsis);
        printf("\n");
        roff(cli_commands[i].doc);
        printf("\n");
    }
    printf(".SH OPTIONS\n");
    for (size_t i = 0; i < cli_noptions; i++) {
        const cli_option *o = &cli_options[i];
        printf(".TP\n");
        roff_option_label(o);
        roff(o->doc ? o->doc : o->help);
        printf("\n.br\n");
        roff_commands_of(o->commands);
    }
    printf(".SH OUTPUT\n"
           "The JSON Lines fields, in order: doc_id, sentence_index, date, source_code, "
           "source_name, target_code, target_name, event_code, event_base, event_root, "
           "goldstein, quad_class, text, offsets, rules, issues and, when the document had "
           "one, url. They are a stable contract, described with the GDELT and CSV columns in "
           "docs/events.md. With \\-\\-ontology plover, the fields are id, date, event, mode, "
           "context, source, target, text, version, doc_id, sentence_index, cameo_code, "
           "source_code, target_code, goldstein, quad_class, offsets, issues and url, "
           "described in docs/plover.md.\n");
    printf(".SH EXIT STATUS\n");
    for (size_t i = 0; i < cli_nexits; i++) {
        printf(".TP\n.B %d\n", cli_exits[i].code);
        roff(cli_exits[i].meaning);
        printf("\n");
    }
    printf(".SH ENVIRONMENT\n.TP\n.B ENTENTE_WORDNET\n"
           "Folder with the WordNet files index.verb, verb.exc and noun.exc, used to recognise "
           "verbs (default: /usr/share/wordnet). Without them entente still works, with "
           "built-in word lists.\n");
    printf(".SH EXAMPLES\n");
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        roff(examples[i][1]);
        printf("\n.PP\n.RS\n.nf\n");
        roff(examples[i][0]);
        printf("\n.fi\n.RE\n.PP\n");
    }
    printf(".SH SEE ALSO\n"
           "The entente documentation: docs/cli.md (this program), docs/events.md (output "
           "fields), docs/plover.md (PLOVER output), docs/dictionary-format.md "
           "(dictionaries), docs/accuracy.md (the test suites).\n");
}
