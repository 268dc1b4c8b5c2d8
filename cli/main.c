/*
 * cli — the entente program's entry point: parses the command line against the option table
 * (options.c) and runs the command. Options may come before or after operands; "--" ends
 * them; "-" is an operand (standard input). Long options take "--name VALUE" or
 * "--name=VALUE", short ones "-o FILE" or "-oFILE", and short flags may be grouped ("-qf csv").
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_args_free(cli_args *a)
{
    free(a->dicts);
    free(a->fields);
    free(a->files);
    a->dicts = a->fields = a->files = NULL;
}

/* Appends s to a growable array of strings. Returns 0 or -1. */
static int push(const char ***list, size_t *n, const char *s)
{
    const char **p = realloc(*list, (*n + 1) * sizeof **list);
    if (!p)
        return -1;
    p[(*n)++] = s;
    *list = p;
    return 0;
}

/* Records one option. Returns -1 to go on, or an exit code. */
static int apply(cli_args *a, const cli_option *o, const char *value)
{
    int nomem = 0;
    switch (o->id) {
    case OPT_BY:
        a->by = value;
        break;
    case OPT_CAMEO:
        a->cameo = value;
        break;
    case OPT_CSV:
        a->csv = 1;
        break;
    case OPT_DATE:
        a->date = value;
        break;
    case OPT_DB:
        a->db = value;
        break;
    case OPT_DICT:
        nomem = push(&a->dicts, &a->ndicts, value);
        break;
    case OPT_DICT_DIR:
        a->dict_dir = value;
        break;
    case OPT_DYAD:
        a->dyad = value;
        break;
    case OPT_EXPLAIN:
        a->explain = value;
        break;
    case OPT_EXPLAIN_FAILURES:
        a->explain_failures = 1;
        break;
    case OPT_FIELD:
        nomem = push(&a->fields, &a->nfields, value);
        break;
    case OPT_FORMAT:
        a->format = value;
        break;
    case OPT_FROM:
        a->from = value;
        break;
    case OPT_HEADER:
        a->header = 1;
        break;
    case OPT_HELP:
        a->help = 1;
        break;
    case OPT_INPUT_FORMAT:
        a->input_format = value;
        break;
    case OPT_JOBS:
        a->jobs = value;
        break;
    case OPT_JSON:
        a->json = 1;
        break;
    case OPT_LIMIT:
        a->limit = value;
        break;
    case OPT_MAN:
        a->man = 1;
        break;
    case OPT_MPI:
        a->mpi = 1;
        break;
    case OPT_NO_BUILTIN:
        a->no_builtin = 1;
        break;
    case OPT_NO_DEDUP:
        a->no_dedup = 1;
        break;
    case OPT_ONTOLOGY:
        a->ontology = value;
        break;
    case OPT_FUTURE:
        a->future = value;
        break;
    case OPT_DEFAULT_SOURCE:
    case OPT_DEFAULT_TARGET:
        a->default_actor[o->id == OPT_DEFAULT_TARGET] = value;
        break;
    case OPT_ORIGIN:
        a->origin = value;
        break;
    case OPT_OUTPUT:
        a->output = value;
        break;
    case OPT_PENALTY:
        a->penalty = value;
        break;
    case OPT_QUIET:
        a->quiet = 1;
        break;
    case OPT_REGISTRY:
        a->registry = value;
        break;
    case OPT_SOURCE:
        a->source = value;
        break;
    case OPT_SUITE_DICTS:
        a->suite_dicts = 1;
        break;
    case OPT_TARGET:
        a->target = value;
        break;
    case OPT_THIRD:
        a->third = value;
        break;
    case OPT_TO:
        a->to = value;
        break;
    case OPT_TOP:
        a->top = value;
        break;
    case OPT_VERSION:
        a->version = 1;
        break;
    default:
        cli_error("internal error: option --%s has no handler", o->name);
        return CLI_EXIT_INTERNAL;
    }
    if (nomem) {
        cli_error("out of memory");
        return CLI_EXIT_INTERNAL;
    }
    return -1;
}

const char *cli_db_location(const cli_args *a)
{
    if (a->db && a->db[0])
        return a->db;
    const char *env = getenv("ENTENTE_DB");
    return env && env[0] ? env : "entente.sqlite";
}

int cli_open_store(ent_store **out, const cli_args *a)
{
    char err[512];
    if (ent_store_open(out, cli_db_location(a), err, sizeof err) != ENT_OK) {
        cli_error("%s", err);
        return CLI_EXIT_DB;
    }
    return CLI_EXIT_OK;
}

int cli_parse_ontology(int *plover, const cli_args *a, int json)
{
    *plover = 0;
    if (!a->ontology || strcmp(a->ontology, "cameo") == 0)
        return -1;
    if (strcmp(a->ontology, "plover") != 0)
        return cli_usage_error("unknown ontology '%s' (cameo or plover)", a->ontology);
    if (!json)
        return cli_usage_error("--ontology plover writes JSON Lines only; drop --format %s",
                               a->format);
    *plover = 1;
    return -1;
}

int cli_parse_future(ent_future *out, const cli_args *a)
{
    if (!a->future)
        return -1;
    if (strcmp(a->future, "intent") == 0)
        *out = ENT_FUTURE_INTENT;
    else if (strcmp(a->future, "event") == 0)
        *out = ENT_FUTURE_EVENT;
    else
        return cli_usage_error("unknown --future '%s' (intent or event)", a->future);
    return -1;
}

int cli_parse_coding(cli_coding *out, const cli_args *a)
{
    static const char *const option[2] = {"--default-source", "--default-target"};
    out->future = ENT_FUTURE_INTENT;
    int rc = cli_parse_future(&out->future, a);
    if (rc >= 0)
        return rc;
    for (int i = 0; i < 2; i++) {
        const char *code = a->default_actor[i];
        if (code && (strlen(code) < 3 || !cli_valid_actor(code, strlen(code))))
            return cli_usage_error("%s '%s' is not an actor code (3 to 15 of A-Z, 0-9)", option[i],
                                   code);
        out->default_actor[i] = code;
    }
    return -1;
}

void cli_coding_apply(ent_coder *coder, const cli_coding *coding)
{
    ent_coder_set_future(coder, coding->future);
    /* checked by cli_parse_coding, so accepted */
    (void)ent_coder_set_defaults(coder, coding->default_actor[0], coding->default_actor[1]);
}

static const char *command_name(const cli_args *a)
{
    return a->command ? a->command->name : "entente";
}

/* Checks that option o may be used here. Returns -1 or CLI_EXIT_USAGE. */
static int check_applies(const cli_args *a, const cli_option *o, const char *spelled)
{
    unsigned where = a->command ? a->command->id : CMD_TOP;
    if (o->commands & where)
        return -1;
    if (!a->command)
        return cli_usage_error("option %s needs a command (entente COMMAND %s)", spelled, spelled);
    return cli_usage_error("option %s does not apply to '%s'", spelled, command_name(a));
}

/* Parses argv into a. Returns -1 on success, or an exit code. */
static int parse(cli_args *a, int argc, char **argv)
{
    int operands_only = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (operands_only || arg[0] != '-' || arg[1] == '\0') {
            if (!a->command) {
                a->command = cli_command_find(arg);
                if (!a->command)
                    return cli_usage_error("unknown command '%s'", arg);
                continue;
            }
            if (push(&a->files, &a->nfiles, arg) < 0) {
                cli_error("out of memory");
                return CLI_EXIT_INTERNAL;
            }
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            operands_only = 1;
            continue;
        }
        if (arg[1] == '-') { /* --name, --name=value, --name value */
            const char *name = arg + 2;
            const char *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            const cli_option *o = cli_option_find(name, len);
            if (!o)
                return cli_usage_error("unknown option --%.*s", (int)len, name);
            char spelled[64];
            snprintf(spelled, sizeof spelled, "--%s", o->name);
            int r = check_applies(a, o, spelled);
            if (r >= 0)
                return r;
            const char *value = NULL;
            if (o->arg) {
                if (eq)
                    value = eq + 1;
                else if (i + 1 < argc)
                    value = argv[++i];
                else
                    return cli_usage_error("option --%s needs an argument %s", o->name, o->arg);
            } else if (eq) {
                return cli_usage_error("option --%s takes no argument", o->name);
            }
            if ((r = apply(a, o, value)) >= 0)
                return r;
            continue;
        }
        for (const char *p = arg + 1; *p; p++) { /* -x, -xVALUE, -x VALUE, -xy */
            const cli_option *o = cli_option_find_short(*p);
            if (!o)
                return cli_usage_error("unknown option -%c", *p);
            char spelled[8];
            snprintf(spelled, sizeof spelled, "-%c", *p);
            int r = check_applies(a, o, spelled);
            if (r >= 0)
                return r;
            const char *value = NULL;
            if (o->arg) {
                if (p[1])
                    value = p + 1;
                else if (i + 1 < argc)
                    value = argv[++i];
                else
                    return cli_usage_error("option -%c needs an argument %s", *p, o->arg);
            }
            if ((r = apply(a, o, value)) >= 0)
                return r;
            if (value)
                break;
        }
    }
    return -1;
}

static int run(cli_args *a)
{
    if (a->version) {
        printf("entente %s\n", ENT_VERSION);
        return CLI_EXIT_OK;
    }
    if (!a->command) {
        if (a->help) {
            cli_help_print(NULL);
            return CLI_EXIT_OK;
        }
        return cli_usage_error("no command given");
    }
    if (a->help) {
        cli_help_print(a->command);
        return CLI_EXIT_OK;
    }
    switch (a->command->id) {
    case CMD_CODE:
        return cli_code(a);
    case CMD_DEMO:
        if (a->nfiles)
            return cli_usage_error("'demo' takes no operands (got '%s')", a->files[0]);
        return cli_demo(a);
    case CMD_DICT:
        if (a->nfiles)
            return cli_usage_error("'dict' takes no operands; load files with --dict %s",
                                   a->files[0]);
        return cli_dict(a);
    case CMD_INGEST:
        return cli_ingest(a);
    case CMD_IMPORT:
        return cli_import(a);
    case CMD_EXPORT:
        return cli_export(a);
    case CMD_DYAD:
        return cli_dyad(a);
    case CMD_REPORT:
        return cli_report(a);
    case CMD_VALIDATE:
        return cli_validate(a);
    case CMD_HELP:
        if (a->man) {
            if (a->nfiles)
                return cli_usage_error("'help --man' takes no operands");
            cli_man_print();
            return CLI_EXIT_OK;
        }
        if (a->nfiles > 1)
            return cli_usage_error("'help' takes one command name");
        if (a->nfiles == 1) {
            const cli_command *c = cli_command_find(a->files[0]);
            if (!c)
                return cli_usage_error("unknown command '%s'", a->files[0]);
            cli_help_print(c);
        } else {
            cli_help_print(NULL);
        }
        return CLI_EXIT_OK;
    }
    cli_error("internal error: command '%s' has no handler", a->command->name);
    return CLI_EXIT_INTERNAL;
}

int main(int argc, char **argv)
{
    cli_args a;
    memset(&a, 0, sizeof a);
    int rc = parse(&a, argc, argv);
    if (rc < 0)
        rc = run(&a);
    cli_args_free(&a);
    /* Help and the man page go to stdout too: a failed write must not pass for success.
     * (A command that already failed has reported its write error.) */
    if ((fflush(stdout) != 0 || ferror(stdout)) && (rc == CLI_EXIT_OK || rc == CLI_EXIT_SKIPPED)) {
        if (errno != EPIPE)
            cli_error("cannot write standard output: %s", strerror(errno));
        rc = CLI_EXIT_IO;
    }
    return rc;
}
