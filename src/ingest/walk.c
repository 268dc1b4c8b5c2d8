/*
 * ingest — stage 1: expands the paths given on the command line into the files to read
 * (ent_ingest_walk in include/entente/ingest.h): directories recursively, in sorted order,
 * without hidden entries, special files or symbolic-link loops.
 */
#include "ingest_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The directories being walked, from the top: a link back to one of them is a loop. */
typedef struct ancestor {
    dev_t dev;
    ino_t ino;
    const struct ancestor *up;
} ancestor;

typedef struct walker {
    ent_file_list *out;
    size_t cap;
    ent_diag_fn diag;
    void *ctx;
} walker;

static void say(const walker *w, const char *path, const char *fmt, const char *detail)
{
    if (!w->diag)
        return;
    char msg[512];
    snprintf(msg, sizeof msg, fmt, detail);
    w->diag(w->ctx, path, 0, msg);
}

/* Appends a copy of path. Returns 0 or -1 (out of memory). */
static int add(walker *w, const char *path)
{
    ent_file_list *l = w->out;
    if (l->count == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        char **p = realloc(l->paths, cap * sizeof *p);
        if (!p)
            return -1;
        l->paths = p;
        w->cap = cap;
    }
    if (!(l->paths[l->count] = strdup(path)))
        return -1;
    l->count++;
    return 0;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the regular files below dir (whose stat is st). Returns 0 or -1 (out of memory). */
static int walk_dir(walker *w, const char *dir, const struct stat *st, const ancestor *up)
{
    for (const ancestor *a = up; a; a = a->up)
        if (a->dev == st->st_dev && a->ino == st->st_ino) {
            say(w, dir, "%s", "symbolic link loop; not followed");
            return 0;
        }
    ancestor self = {st->st_dev, st->st_ino, up};
    DIR *d = opendir(dir);
    if (!d) {
        say(w, dir, "cannot read directory: %s; skipped", strerror(errno));
        return 0;
    }
    size_t dlen = strlen(dir);
    int slash = dlen > 0 && dir[dlen - 1] == '/';
    int rc = 0;
    struct dirent *e;
    errno = 0;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') /* hidden, and "." and ".." */
            continue;
        size_t len = dlen + 1 + strlen(e->d_name) + 1;
        char *path = malloc(len);
        if (!path) {
            rc = -1;
            break;
        }
        snprintf(path, len, "%s%s%s", dir, slash ? "" : "/", e->d_name);
        struct stat est;
        if (stat(path, &est) != 0)
            say(w, path, "cannot read: %s; skipped", strerror(errno));
        else if (S_ISDIR(est.st_mode))
            rc = walk_dir(w, path, &est, &self);
        else if (S_ISREG(est.st_mode))
            rc = add(w, path);
        free(path);
        errno = 0;
    }
    if (rc == 0 && errno != 0)
        say(w, dir, "cannot read directory: %s; rest skipped", strerror(errno));
    closedir(d);
    return rc;
}

int ent_ingest_walk(ent_file_list *out, const char *const *paths, size_t n, ent_diag_fn diag,
                    void *diag_ctx)
{
    out->count = 0;
    out->paths = NULL;
    walker w = {out, 0, diag, diag_ctx};
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(paths[i], "-") == 0 || stat(paths[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
            if (add(&w, paths[i]) < 0)
                goto nomem;
            continue;
        }
        size_t first = out->count;
        if (walk_dir(&w, paths[i], &st, NULL) < 0)
            goto nomem;
        /* sorted by whole path, so "a/b.txt" comes before "a/b/c.txt" as in `sort` */
        qsort(out->paths + first, out->count - first, sizeof *out->paths, cmp_path);
    }
    return ENT_OK;
nomem:
    ent_file_list_free(out);
    return ENT_ENOMEM;
}

void ent_file_list_free(ent_file_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        free(list->paths[i]);
    free(list->paths);
    list->paths = NULL;
    list->count = 0;
}
