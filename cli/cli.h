/*
 * cli — the entente program: declarations shared by its files.
 *   main.c     argument parsing and command dispatch
 *   options.c  the option, command and exit-code tables; --help and the man page from them
 *   msgs.c     every message to stderr ("entente: …"), diagnostics, progress line
 *   code.c     entente code (and --explain)
 *   demo.c     entente demo
 *   dictcmd.c  entente dict
 *   ingest.c   entente ingest (the parallel pipeline into the store)
 *   import.c   entente import (GDELT and ICEWS event files into the store)
 *   export.c   entente export (events from the store, filtered)
 *   dyad.c     entente dyad (a relationship's series by period)
 *   report.c   entente report (the analysis of a relationship: include/entente/report.h)
 *   validate.c entente validate (TABARI and PETRARCH test suites: include/entente/validate.h)
 */
#ifndef ENTENTE_CLI_H
#define ENTENTE_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "entente/coder.h"
#include "entente/dict.h"
#include "entente/store.h"

#ifndef ENT_VERSION
#define ENT_VERSION "0.0.0"
#endif

/* Exit codes (documented in the man page and docs/cli.md from the table in options.c). */
enum {
    CLI_EXIT_OK = 0,      /* everything was read and coded */
    CLI_EXIT_SKIPPED = 1, /* some records, inputs or dictionary lines were skipped */
    CLI_EXIT_USAGE = 2,   /* bad command line */
    CLI_EXIT_IO = 3,      /* an input could not be opened, or output could not be written */
    CLI_EXIT_DB = 4,      /* the dictionaries or the database could not be loaded */
    CLI_EXIT_INTERNAL = 5 /* out of memory or a bug */
};

/* Commands, as bits so an option can list the commands it applies to. */
enum {
    CMD_NONE = 0,
    CMD_CODE = 1 << 0,
    CMD_DEMO = 1 << 1,
    CMD_DICT = 1 << 2,
    CMD_HELP = 1 << 3,
    CMD_TOP = 1 << 4, /* before any command: entente --help, entente --version */
    CMD_INGEST = 1 << 5,
    CMD_IMPORT = 1 << 6,
    CMD_EXPORT = 1 << 7,
    CMD_DYAD = 1 << 8,
    CMD_REPORT = 1 << 9,
    CMD_VALIDATE = 1 << 10,
    /* commands that open --db */
    CMD_STORE = CMD_INGEST | CMD_IMPORT | CMD_EXPORT | CMD_DYAD | CMD_REPORT,
    CMD_ALL = CMD_CODE | CMD_DEMO | CMD_DICT | CMD_HELP | CMD_TOP | CMD_STORE | CMD_VALIDATE
};

/* Option ids. */
enum {
    OPT_BY,
    OPT_CAMEO,
    OPT_CSV,
    OPT_DATE,
    OPT_DB,
    OPT_DICT,
    OPT_DICT_DIR,
    OPT_DYAD,
    OPT_EXPLAIN,
    OPT_EXPLAIN_FAILURES,
    OPT_FIELD,
    OPT_FORMAT,
    OPT_FROM,
    OPT_FUTURE,
    OPT_DEFAULT_SOURCE,
    OPT_DEFAULT_TARGET,
    OPT_HEADER,
    OPT_HELP,
    OPT_INPUT_FORMAT,
    OPT_JOBS,
    OPT_JSON,
    OPT_LIMIT,
    OPT_MAN,
    OPT_MPI,
    OPT_NO_DEDUP,
    OPT_NO_BUILTIN,
    OPT_ONTOLOGY,
    OPT_ORIGIN,
    OPT_OUTPUT,
    OPT_PENALTY,
    OPT_QUIET,
    OPT_REGISTRY,
    OPT_SOURCE,
    OPT_SUITE_DICTS,
    OPT_TARGET,
    OPT_THIRD,
    OPT_TO,
    OPT_TOP,
    OPT_VERSION
};

/* One command-line option: the single source of its --help line and its man page entry. */
typedef struct cli_option {
    const char *name;  /* long name, without "--" */
    char short_name;   /* 0 when there is none */
    const char *arg;   /* argument placeholder ("FILE"), or NULL for a flag */
    unsigned commands; /* CMD_* bits */
    int id;            /* OPT_* */
    int repeatable;    /* may be given more than once */
    const char *help;  /* one line for --help */
    const char *doc;   /* the man page paragraph (plain text; may be NULL: help is used) */
} cli_option;

typedef struct cli_command {
    const char *name;
    unsigned id;          /* CMD_* */
    const char *synopsis; /* after "entente " */
    const char *summary;  /* one line */
    const char *doc;      /* man page / help paragraph */
} cli_command;

typedef struct cli_exit {
    int code;
    const char *meaning;
} cli_exit;

extern const cli_option cli_options[];
extern const size_t cli_noptions;
extern const cli_command cli_commands[];
extern const size_t cli_ncommands;
extern const cli_exit cli_exits[];
extern const size_t cli_nexits;

/* The parsed command line. Strings are borrowed from argv. */
typedef struct cli_args {
    const cli_command *command; /* NULL: none given */
    const char *format, *output, *date, *explain, *input_format;
    const char *db;                 /* --db, or NULL: $ENTENTE_DB, then "entente.sqlite" */
    const char *from, *to, *dyad, *source, *target, *cameo, *origin; /* export filters */
    const char *limit, *jobs;       /* unparsed numbers */
    const char *ontology;           /* code, export: cameo (NULL) or plover */
    const char *future;             /* code, ingest, validate: intent or event */
    const char *default_actor[2];   /* code, ingest: --default-source, --default-target */
    const char *by;                 /* dyad: the period */
    const char *third, *top, *penalty, *registry; /* report */
    const char *dict_dir;           /* validate */
    const char **dicts, **fields, **files;
    size_t ndicts, nfields, nfiles;
    int no_builtin, quiet, header, help, man, version, mpi, no_dedup, csv, json;
    int explain_failures, suite_dicts; /* validate */
} cli_args;

/* Frees the arrays of a cli_args. */
void cli_args_free(cli_args *a);

/* Looks up an option by long name, or a command by name; NULL when unknown. */
const cli_option *cli_option_find(const char *name, size_t len);
const cli_option *cli_option_find_short(char c);
const cli_command *cli_command_find(const char *name);

/* --help text for a command (NULL: the general help), to stdout. */
void cli_help_print(const cli_command *cmd);
/* The roff man page entente(1), to stdout. */
void cli_man_print(void);

/* msgs.c: "entente: <msg>" on stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* A usage error: the message, then "try 'entente --help'". Returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* The ent_diag_fn of the library: "entente: FILE:LINE: msg" (no LINE when line is 0). ctx
 * may point at a size_t that counts the diagnostics. */
void cli_diag(void *ctx, const char *file, long line, const char *msg);

/* Progress on stderr, only when stderr is a terminal and the run lasts over a second.
 * Thread-safe, like every message function here. */
void cli_progress_start(void);
/* documents and bytes read so far; done of total (any unit; total 0: unknown) for the bar
 * and the ETA. */
void cli_progress_update(size_t documents, uint64_t bytes, uint64_t done, uint64_t total);
/* Erases the progress line (before any other message). */
void cli_progress_clear(void);
/* Monotonic seconds. */
double cli_now(void);

/* The commands. Each returns an exit code. */
int cli_code(const cli_args *a);
int cli_demo(const cli_args *a);
int cli_dict(const cli_args *a);
int cli_ingest(const cli_args *a);
int cli_import(const cli_args *a);
int cli_export(const cli_args *a);
int cli_dyad(const cli_args *a);
int cli_report(const cli_args *a);
int cli_validate(const cli_args *a);

/* The store location of --db, $ENTENTE_DB or the default "entente.sqlite". */
const char *cli_db_location(const cli_args *a);

/* Opens the store at cli_db_location(a). Returns CLI_EXIT_OK, or CLI_EXIT_DB after printing
 * why (*out is then NULL). */
int cli_open_store(ent_store **out, const cli_args *a);

/*
 * Parses a date bound: YYYY, YYYY-MM or YYYY-MM-DD. A partial date means its first day, or
 * with last its last day (--to 2022-02 is 2022-02-28). Returns 0 or -1.
 */
int cli_parse_date_bound(ent_date *out, const char *s, int last);

/* --ontology of code and export: *plover is set to 1 for plover, 0 for cameo (the default).
 * json is 1 when the output format is JSON Lines, the only one PLOVER records are written
 * in. Returns -1, or CLI_EXIT_USAGE after the message. */
int cli_parse_ontology(int *plover, const cli_args *a, int json);

/* --future of code, ingest and validate into *out, which holds the command's default when
 * the option is absent. Returns -1, or CLI_EXIT_USAGE after the message. */
int cli_parse_future(ent_future *out, const cli_args *a);

/* How code and ingest set up each of their coders: --future (the command's default when
 * absent) and the default actors (--default-source, --default-target: one actor code each,
 * or NULL). */
typedef struct cli_coding {
    ent_future future;
    const char *default_actor[2];
} cli_coding;

/* Reads and checks those options. Returns -1, or CLI_EXIT_USAGE after the message. */
int cli_parse_coding(cli_coding *out, const cli_args *a);

/* Sets up a new coder as they say. */
void cli_coding_apply(ent_coder *coder, const cli_coding *coding);

/* 1 when the n bytes at s are an actor code prefix: 1 to 15 of A-Z and 0-9. */
int cli_valid_actor(const char *s, size_t n);

/* Shared by code, demo and dict: loads the dictionaries of --dict/--no-builtin with
 * diagnostics on stderr. Returns CLI_EXIT_OK or an exit code (message printed). */
int cli_load_dict(ent_dict **out, const cli_args *a);

#endif
