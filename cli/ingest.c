/* placeholder while the command is being written */
#include "cli.h"
int cli_ingest(const cli_args *a)
{
    (void)a;
    cli_error("'ingest' is not built yet");
    return CLI_EXIT_INTERNAL;
}
