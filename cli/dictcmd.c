/*
 * cli — `entente dict`: loads the dictionaries (built-in and --dict files), reports every
 * malformed line, and prints what was loaded. Also the dictionary loading that every
 * command shares.
 */
#include "cli.h"

#include <stdio.h>

int cli_load_dict(ent_dict **out, const cli_args *a)
{
    ent_dict_options opt = ENT_DICT_OPTIONS_INIT;
    opt.builtin = !a->no_builtin;
    opt.files = a->dicts;
    opt.nfiles = a->ndicts;
    opt.diag = cli_diag;
    opt.diag_ctx = NULL;
    *out = NULL;
    if (!opt.builtin && a->ndicts == 0)
        cli_error("warning: --no-builtin without --dict: no dictionaries, nothing will be coded");
    int rc = ent_dict_load(out, &opt);
    if (rc == ENT_OK)
        return CLI_EXIT_OK;
    cli_error("cannot load the dictionaries: %s", ent_strerror(rc));
    if (rc == ENT_ENOMEM)
        return CLI_EXIT_INTERNAL;
    return rc == ENT_ENOTFOUND || rc == ENT_EIO ? CLI_EXIT_IO : CLI_EXIT_DB;
}

int cli_dict(const cli_args *a)
{
    ent_dict *dict;
    int rc = cli_load_dict(&dict, a);
    if (rc != CLI_EXIT_OK)
        return rc;
    ent_dict_stats st;
    ent_dict_stats_get(&st, dict);
    printf("dictionaries     %s", a->no_builtin ? "" : "built-in");
    for (size_t i = 0; i < a->ndicts; i++)
        printf("%s%s", i || !a->no_builtin ? ", " : "", a->dicts[i]);
    printf("\n");
    printf("actor codes      %zu\n", st.actor_codes);
    printf("actor phrases    %zu\n", st.actor_phrases);
    printf("agent phrases    %zu\n", st.agent_phrases);
    printf("verb patterns    %zu\n", st.verb_patterns);
    printf("discard phrases  %zu\n", st.discard_phrases);
    printf("issue phrases    %zu\n", st.issue_phrases);
    printf("CAMEO codes      %zu\n", st.cameo_codes);
    printf("negations        %zu\n", st.negations);
    printf("transformations  %zu\n", st.transformations);
    printf("lines skipped    %zu\n", st.lines_skipped);
    printf("load time        %.1f ms\n", st.load_ms);
    ent_dict_destroy(dict);
    return st.lines_skipped ? CLI_EXIT_SKIPPED : CLI_EXIT_OK;
}
