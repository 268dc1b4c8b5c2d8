/*
 * cli — entente import KIND FILE...: GDELT or ICEWS event files into the store (--db), with
 * the import module (include/entente/import.h). Each file is imported in transactions of
 * BATCH rows; an unreadable file is reported and the others still imported.
 */
#include "cli.h"

#include "entente/import.h"
#include "entente/store.h"

#include <stdio.h>
#include <string.h>

#define BATCH 50000 /* rows per transaction: big enough to be fast, small enough to resume */

/* The summary line, and the most frequent names the dictionaries could not code. */
static void summary(const ent_importer *imp, double seconds)
{
    ent_import_stats st;
    ent_import_stats_get(&st, imp);
    char mentions[64] = "";
    if (st.mentions)
        snprintf(mentions, sizeof mentions, " and %zu mentions", st.mentions);
    cli_error("%zu file%s, %zu rows: %zu events%s; %zu imported, %zu already present, %zu "
              "skipped; %.2f s, %.0f rows/s",
              st.files, st.files == 1 ? "" : "s", st.rows, st.events, mentions, st.added,
              st.present, st.skipped, seconds, seconds > 0 ? (double)st.rows / seconds : 0.0);
    if (!st.actors)
        return;
    const char *names[5];
    size_t counts[5];
    size_t n = ent_import_unresolved(names, counts, 5, imp);
    char top[600] = "";
    size_t len = 0;
    for (size_t i = 0; i < n && len < sizeof top; i++) {
        int w = snprintf(top + len, sizeof top - len, "%s\"%s\" %zu", i ? ", " : ": ",
                         names[i], counts[i]);
        if (w < 0)
            break;
        len += (size_t)w;
    }
    cli_error("%zu of %zu actor names unresolved%s", st.unresolved, st.actors, top);
}

int cli_import(const cli_args *a)
{
    if (a->nfiles == 0)
        return cli_usage_error("'import' needs a kind and files: entente import gdelt|icews "
                               "FILE...");
    ent_import_kind kind;
    if (ent_import_kind_parse(&kind, a->files[0]) != ENT_OK)
        return cli_usage_error("unknown import kind '%s' (gdelt or icews)", a->files[0]);
    if (a->nfiles < 2)
        return cli_usage_error("'import %s' needs at least one FILE", a->files[0]);

    int rc = CLI_EXIT_OK;
    ent_dict *dict = NULL;
    ent_store *store = NULL;
    ent_importer *imp = NULL;
    /* Only ICEWS names actors; GDELT rows carry their codes. */
    if (kind == ENT_IMPORT_ICEWS && (rc = cli_load_dict(&dict, a)) != CLI_EXIT_OK)
        return rc;
    const char *where = cli_db_location(a);
    if ((rc = cli_open_store(&store, a)) != CLI_EXIT_OK) {
        ent_dict_destroy(dict);
        return rc;
    }
    size_t diags = 0;
    ent_import_options opt = ENT_IMPORT_OPTIONS_INIT;
    opt.kind = kind;
    opt.dict = dict;
    opt.diag = cli_diag;
    opt.diag_ctx = &diags;
    if (ent_importer_create(&imp, &opt) != ENT_OK) {
        cli_error("out of memory");
        rc = CLI_EXIT_INTERNAL;
        goto done;
    }
    double start = cli_now();
    int io_failed = 0;
    for (size_t i = 1; i < a->nfiles; i++) {
        int r = ent_import_file_to_store(imp, a->files[i], store, BATCH);
        if (r == ENT_ENOTFOUND || r == ENT_EIO) {
            io_failed = 1; /* reported by the importer; go on with the next file */
        } else if (r == ENT_EDB) {
            cli_error("%s: %s (the batches committed before stay stored)", where,
                      ent_store_errmsg(store));
            rc = CLI_EXIT_DB;
            break;
        } else if (r != ENT_OK) {
            cli_error("%s: %s", a->files[i], ent_strerror(r));
            rc = CLI_EXIT_INTERNAL;
            break;
        }
    }
    if (!a->quiet)
        summary(imp, cli_now() - start);
    if (rc == CLI_EXIT_OK) {
        ent_import_stats st;
        ent_import_stats_get(&st, imp);
        rc = io_failed ? CLI_EXIT_IO : st.skipped ? CLI_EXIT_SKIPPED : CLI_EXIT_OK;
    }
done:
    ent_importer_destroy(imp);
    ent_store_close(store);
    ent_dict_destroy(dict);
    return rc;
}
