/*
 * cli — the inputs of `entente ingest`: files as given, folders walked recursively in
 * sorted order (ent_ingest_walk), so every run — and every MPI rank — sees the same list.
 */
#include "ingest.h"

#include <stdlib.h>

int cli_ingest_inputs(cli_ingester *g, const cli_args *a)
{
    static const char *const stdin_only[] = {"-"};
    const char *const *given = a->nfiles ? (const char *const *)a->files : stdin_only;
    size_t n = a->nfiles ? a->nfiles : 1;
    ent_file_list list = {0, NULL};
    size_t problems = 0;
    if (ent_ingest_walk(&list, given, n, cli_diag, &problems) != ENT_OK) {
        cli_error("out of memory");
        return CLI_EXIT_INTERNAL;
    }
    g->walk_failed = problems > 0;
    g->owned_inputs = list;
    g->inputs = (const char **)list.paths;
    g->ninputs = list.count;
    return CLI_EXIT_OK;
}

void cli_ingest_free_inputs(cli_ingester *g)
{
    ent_file_list_free(&g->owned_inputs);
    g->inputs = NULL;
    g->ninputs = 0;
}
