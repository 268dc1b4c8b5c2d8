/*
 * import — the line source under the GDELT and ICEWS parsers: one line at a time out of a
 * plain, gzip, zstd or single-member zip file, never the whole file in memory. The bytes
 * come decoded from the ingest stage's byte source (src/ingest/source.c), which knows the
 * codecs; lines are cut in place out of one growable buffer.
 */
#include "import_internal.h"

#include "ingest/ingest_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OUT_CHUNK (256 * 1024)     /* smallest line buffer */
#define MAX_LINE (4 * 1024 * 1024) /* a longer line is dropped (no dataset row is near) */

enum state { S_OK, S_EOF, S_BROKEN };

struct ent_lines {
    ent_source *src;
    enum state state;
    char why[160]; /* S_BROKEN: what happened */

    /* decoded bytes: [pos, end) unread; cap allocated (+1 for a NUL) */
    char *buf;
    size_t pos, end, cap;
    long line;
    int dropping; /* inside a line over MAX_LINE: discard up to its '\n' */
    uint64_t bytes;
};

/* Reads more decoded bytes after end. Returns 1 when bytes were added, 0 at the end (or
 * when the input broke off: state and why say so), -1 when out of memory. */
static int fill(ent_lines *l)
{
    if (l->state != S_OK)
        return 0;
    if (l->pos > 0) {
        memmove(l->buf, l->buf + l->pos, l->end - l->pos);
        l->end -= l->pos;
        l->pos = 0;
    }
    if (l->cap - l->end < OUT_CHUNK / 4) {
        size_t cap = l->cap ? l->cap * 2 : OUT_CHUNK;
        char *p = realloc(l->buf, cap + 1);
        if (!p)
            return -1;
        l->buf = p;
        l->cap = cap;
    }
    enum ent_source_state st;
    size_t n = ent_ingest__source_read(l->src, l->buf + l->end, l->cap - l->end, &st, l->why,
                                       sizeof l->why);
    if (n == 0)
        l->state = st == ENT_SRC_EOF || st == ENT_SRC_OK ? S_EOF : S_BROKEN;
    l->end += n;
    l->bytes += n;
    return n > 0;
}

/* ---------------------------------------------------------------- open/close ---- */

int ent_lines__open(ent_lines **out, const char *path, char *err, size_t errlen)
{
    *out = NULL;
    int is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY);
    if (fd < 0) {
        int e = errno;
        if (err)
            snprintf(err, errlen, "cannot open: %s", strerror(e));
        return e == ENOENT || e == ENOTDIR ? ENT_ENOTFOUND : ENT_EIO;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        if (err)
            snprintf(err, errlen, "cannot open: Is a directory");
        return ENT_EIO;
    }
    ent_lines *l = calloc(1, sizeof *l);
    if (!l) {
        close(fd);
        return ENT_ENOMEM;
    }
    if (ent_ingest__source_fd(&l->src, fd) != ENT_OK) { /* fd is closed either way */
        free(l);
        return ENT_ENOMEM;
    }
    *out = l;
    return ENT_OK;
}

int ent_lines__open_memory(ent_lines **out, const void *data, size_t len)
{
    *out = NULL;
    ent_lines *l = calloc(1, sizeof *l);
    if (!l)
        return ENT_ENOMEM;
    if (ent_ingest__source_mem(&l->src, data, len) != ENT_OK) {
        free(l);
        return ENT_ENOMEM;
    }
    *out = l;
    return ENT_OK;
}

void ent_lines__close(ent_lines *l)
{
    if (!l)
        return;
    ent_ingest__source_close(l->src);
    free(l->buf);
    free(l);
}

/* ---------------------------------------------------------------- lines ---- */

/* Returns the n bytes at s as the next line: without a '\r' before its end, NUL-terminated
 * (the buffer has a spare byte), or as NULL when it was over MAX_LINE and dropped. */
static int give(char **line, size_t *len, ent_lines *l, char *s, size_t n)
{
    l->line++;
    if (l->dropping || n > MAX_LINE) { /* a long line may also come whole in one read */
        l->dropping = 0;
        *line = NULL;
        *len = MAX_LINE;
        return 1;
    }
    if (n && s[n - 1] == '\r')
        n--;
    s[n] = '\0';
    *line = s;
    *len = n;
    return 1;
}

int ent_lines__next(char **line, size_t *len, ent_lines *l)
{
    size_t scan = l->pos;
    for (;;) {
        char *nl = l->end > scan ? memchr(l->buf + scan, '\n', l->end - scan) : NULL;
        if (nl) {
            char *s = l->buf + l->pos;
            l->pos = (size_t)(nl - l->buf) + 1;
            return give(line, len, l, s, (size_t)(nl - s));
        }
        if (l->end - l->pos > MAX_LINE) {
            l->dropping = 1; /* keep memory bounded: forget what we have of this line */
            l->pos = l->end;
        }
        size_t offset = l->end - l->pos;
        int f = fill(l);
        if (f < 0)
            return -1;
        if (f == 0)
            break;
        scan = l->pos + offset;
    }
    if (l->pos == l->end && !l->dropping)
        return 0;
    /* A last line without '\n': returned unless the input broke off inside it (then it
     * is not counted, so the break is always at line ent_lines__lineno() + 1). */
    char *s = l->buf + l->pos;
    size_t n = l->end - l->pos;
    l->pos = l->end;
    if (l->state == S_BROKEN)
        return 0;
    return give(line, len, l, s, n);
}

long ent_lines__lineno(const ent_lines *l)
{
    return l->line;
}

uint64_t ent_lines__bytes(const ent_lines *l)
{
    return l->bytes;
}

const char *ent_lines__error(const ent_lines *l)
{
    return l->state == S_BROKEN ? l->why : NULL;
}
