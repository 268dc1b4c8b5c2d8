/*
 * import — the line source under the GDELT and ICEWS parsers: one line at a time out of a
 * plain, gzip, zstd or single-member zip file, never the whole file in memory.
 *
 * Compressed bytes are read in blocks and decompressed with zlib (gzip, and the raw deflate
 * of a zip member) or libzstd into one growable buffer, out of which lines are cut in place.
 * GDELT's *.zip files hold one member; reading it with zlib's raw inflate after its local
 * header needs no zip library and streams (the central directory at the end is never
 * needed). The member's CRC-32 is checked at its end, so a damaged archive is reported.
 */
#include "import_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#define IN_CHUNK (256 * 1024)         /* compressed bytes read at once */
#define OUT_CHUNK (256 * 1024)        /* smallest line buffer */
#define MAX_LINE (4 * 1024 * 1024)    /* a longer line is dropped (no dataset row is near) */

enum codec { C_PLAIN, C_GZIP, C_ZSTD, C_ZIP };
enum state { S_OK, S_EOF, S_BROKEN };

struct ent_lines {
    int fd; /* -1 for memory */
    const unsigned char *mem;
    size_t mem_len, mem_pos;

    enum codec codec;
    enum state state;
    char why[160]; /* S_BROKEN: what happened */

    /* compressed input: [in_pos, in_end) unread */
    unsigned char *in;
    size_t in_pos, in_end;
    int in_eof;

    z_stream z;
    int z_open, z_done;
    int pending; /* the last decompression filled its output: more may come without input */
    ZSTD_DCtx *zs;
    size_t zs_last; /* last ZSTD_decompressStream result: 0 at a frame end */

    /* zip member */
    uint32_t zip_crc, crc;
    int zip_method, zip_descriptor;
    uint64_t zip_stored_left;

    /* decompressed bytes: [pos, end) unread; cap allocated (+1 for a NUL) */
    char *buf;
    size_t pos, end, cap;
    long line;
    int dropping; /* inside a line over MAX_LINE: discard up to its '\n' */
    uint64_t bytes;
};

/* ---------------------------------------------------------------- raw bytes ---- */

static void broken(ent_lines *l, const char *fmt, const char *detail)
{
    if (l->state == S_BROKEN)
        return;
    l->state = S_BROKEN;
    snprintf(l->why, sizeof l->why, fmt, detail ? detail : "");
}

/* Refills the compressed input buffer, keeping unread bytes. Returns the bytes now unread. */
static size_t refill(ent_lines *l)
{
    if (l->in_pos > 0) {
        memmove(l->in, l->in + l->in_pos, l->in_end - l->in_pos);
        l->in_end -= l->in_pos;
        l->in_pos = 0;
    }
    while (!l->in_eof && l->in_end < IN_CHUNK) {
        ssize_t got;
        if (l->fd < 0) {
            size_t k = l->mem_len - l->mem_pos;
            if (k > IN_CHUNK - l->in_end)
                k = IN_CHUNK - l->in_end;
            memcpy(l->in + l->in_end, l->mem + l->mem_pos, k);
            l->mem_pos += k;
            got = (ssize_t)k;
        } else {
            got = read(l->fd, l->in + l->in_end, IN_CHUNK - l->in_end);
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0) {
                broken(l, "read error (%s)", strerror(errno));
                l->in_eof = 1;
                break;
            }
        }
        if (got == 0)
            l->in_eof = 1;
        l->in_end += (size_t)got;
        if (l->fd >= 0 && got > 0)
            break; /* one read per refill: a pipe delivers what it has */
    }
    return l->in_end - l->in_pos;
}

/* Makes sure at least n compressed bytes are unread (fewer at the end). */
static size_t want_in(ent_lines *l, size_t n)
{
    while (l->in_end - l->in_pos < n && !l->in_eof)
        refill(l);
    return l->in_end - l->in_pos;
}

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return le16(p) | le16(p + 2) << 16;
}

/* ---------------------------------------------------------------- zip ---- */

#define ZIP_LOCAL 0x04034b50u
#define ZIP_DESCRIPTOR 0x08074b50u

/* Reads the local header of the first member. Returns 0, or -1 with the input broken. */
static int zip_header(ent_lines *l)
{
    if (want_in(l, 30) < 30) {
        broken(l, "truncated zip header%s", NULL);
        return -1;
    }
    const unsigned char *h = l->in + l->in_pos;
    unsigned flags = le16(h + 6);
    l->zip_method = (int)le16(h + 8);
    l->zip_crc = le32(h + 14);
    l->zip_stored_left = le32(h + 18);
    l->zip_descriptor = (flags & 8) != 0;
    size_t skip = 30 + le16(h + 26) + le16(h + 28);
    if (flags & 1) {
        broken(l, "encrypted zip member%s", NULL);
        return -1;
    }
    if (l->zip_method != 0 && l->zip_method != 8) {
        char m[16];
        snprintf(m, sizeof m, "%d", l->zip_method);
        broken(l, "zip member compressed with method %s (only deflate and stored are read)", m);
        return -1;
    }
    if (l->zip_method == 0 && l->zip_descriptor) {
        broken(l, "stored zip member without sizes%s", NULL);
        return -1;
    }
    while (skip > 0) {
        size_t have = want_in(l, skip < IN_CHUNK ? skip : IN_CHUNK);
        if (have == 0) {
            broken(l, "truncated zip header%s", NULL);
            return -1;
        }
        size_t k = have < skip ? have : skip;
        l->in_pos += k;
        skip -= k;
    }
    l->crc = (uint32_t)crc32(0L, Z_NULL, 0);
    return 0;
}

/* After the member: checks the CRC (from the descriptor when there is one) and that no
 * other member follows. */
static void zip_trailer(ent_lines *l)
{
    uint32_t crc = l->zip_crc;
    if (l->zip_descriptor) {
        size_t have = want_in(l, 16);
        const unsigned char *p = l->in + l->in_pos;
        if (have >= 4 && le32(p) == ZIP_DESCRIPTOR)
            p += 4, have -= 4, l->in_pos += 4;
        if (have < 12) {
            broken(l, "truncated zip archive (no data descriptor)%s", NULL);
            return;
        }
        crc = le32(p);
        l->in_pos += 12;
    }
    if (crc != l->crc) {
        broken(l, "corrupt zip member (CRC-32 mismatch)%s", NULL);
        return;
    }
    if (want_in(l, 4) >= 4 && le32(l->in + l->in_pos) == ZIP_LOCAL)
        broken(l, "zip archive has more than one member; only the first was read%s", NULL);
}

/* ---------------------------------------------------------------- decoding ---- */

/* Decompresses into dst (room n). Returns bytes produced; 0 at the end or when broken. */
static size_t decode(ent_lines *l, char *dst, size_t n)
{
    if (l->state != S_OK)
        return 0;
    if (l->codec == C_PLAIN || (l->codec == C_ZIP && l->zip_method == 0)) {
        if (l->in_end == l->in_pos)
            refill(l);
        size_t k = l->in_end - l->in_pos;
        if (l->codec == C_ZIP && k > l->zip_stored_left)
            k = (size_t)l->zip_stored_left;
        if (k > n)
            k = n;
        if (k == 0) {
            if (l->codec == C_ZIP && l->zip_stored_left > 0)
                broken(l, "truncated zip member%s", NULL);
            else if (l->codec == C_ZIP)
                zip_trailer(l);
            if (l->state == S_OK)
                l->state = S_EOF;
            return 0;
        }
        memcpy(dst, l->in + l->in_pos, k);
        l->in_pos += k;
        if (l->codec == C_ZIP) {
            l->zip_stored_left -= k;
            l->crc = (uint32_t)crc32(l->crc, (const Bytef *)dst, (uInt)k);
        }
        return k;
    }
    size_t produced = 0;
    while (produced == 0 && l->state == S_OK) {
        if (l->in_end == l->in_pos && !l->pending && refill(l) == 0) {
            int clean = l->codec == C_ZSTD ? l->zs_last == 0 : l->z_done;
            if (!clean)
                broken(l, "truncated %s stream", l->codec == C_ZSTD ? "zstd" : l->codec == C_ZIP ? "zip" : "gzip");
            else if (l->codec == C_ZIP)
                zip_trailer(l);
            if (l->state == S_OK)
                l->state = S_EOF;
            return 0;
        }
        if (l->codec == C_ZSTD) {
            ZSTD_inBuffer in = {l->in + l->in_pos, l->in_end - l->in_pos, 0};
            ZSTD_outBuffer out = {dst, n, 0};
            size_t r = ZSTD_decompressStream(l->zs, &out, &in);
            l->in_pos += in.pos;
            if (ZSTD_isError(r)) {
                broken(l, "corrupt zstd stream (%s)", ZSTD_getErrorName(r));
                return 0;
            }
            l->zs_last = r;
            produced = out.pos;
            l->pending = out.pos == out.size;
            continue;
        }
        if (l->z_done) {
            /* A gzip file may hold several members one after another; anything else after
             * the end of the stream is ignored, as gzip -d does. */
            if (l->codec == C_GZIP && want_in(l, 2) >= 2 && l->in[l->in_pos] == 0x1f &&
                l->in[l->in_pos + 1] == 0x8b) {
                inflateReset(&l->z);
                l->z_done = 0;
                continue;
            }
            if (l->codec == C_ZIP)
                zip_trailer(l);
            if (l->state == S_OK)
                l->state = S_EOF;
            return 0;
        }
        l->z.next_in = l->in + l->in_pos;
        l->z.avail_in = (uInt)(l->in_end - l->in_pos);
        l->z.next_out = (Bytef *)dst;
        l->z.avail_out = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
        int rc = inflate(&l->z, Z_NO_FLUSH);
        l->in_pos = l->in_end - l->z.avail_in;
        produced = n - l->z.avail_out;
        l->pending = l->z.avail_out == 0;
        if (l->codec == C_ZIP)
            l->crc = (uint32_t)crc32(l->crc, (const Bytef *)dst, (uInt)produced);
        if (rc == Z_STREAM_END) {
            l->z_done = 1;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            broken(l, l->codec == C_ZIP ? "corrupt zip member (%s)" : "corrupt gzip stream (%s)",
                   l->z.msg ? l->z.msg : "data error");
            return produced;
        }
    }
    return produced;
}

/* Reads more decompressed bytes after end. Returns 1 when bytes were added, 0 at the end,
 * -1 when out of memory. */
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
    size_t n = decode(l, l->buf + l->end, l->cap - l->end);
    l->end += n;
    l->bytes += n;
    return n > 0;
}

/* ---------------------------------------------------------------- open/close ---- */

static int start(ent_lines *l)
{
    l->in = calloc(1, IN_CHUNK); /* zeroed: GCC cannot see that only read bytes are tested */
    if (!l->in)
        return ENT_ENOMEM;
    size_t have = want_in(l, 4);
    const unsigned char *p = l->in + l->in_pos;
    if (have >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
        l->codec = C_GZIP;
    } else if (have >= 4 && le32(p) == 0xFD2FB528u) {
        l->codec = C_ZSTD;
    } else if (have >= 4 && le32(p) == ZIP_LOCAL) {
        l->codec = C_ZIP;
    }
    if (l->codec == C_GZIP || l->codec == C_ZIP) {
        /* 15 + 32: zlib or gzip header detected; -15: the raw deflate of a zip member. */
        if (inflateInit2(&l->z, l->codec == C_GZIP ? 15 + 32 : -15) != Z_OK)
            return ENT_ENOMEM;
        l->z_open = 1;
        if (l->codec == C_ZIP)
            zip_header(l);
    } else if (l->codec == C_ZSTD) {
        l->zs = ZSTD_createDCtx();
        if (!l->zs)
            return ENT_ENOMEM;
    }
    return ENT_OK;
}

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
    l->fd = fd;
    int rc = start(l);
    if (rc != ENT_OK) {
        ent_lines__close(l);
        return rc;
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
    l->fd = -1;
    l->mem = data;
    l->mem_len = len;
    int rc = start(l);
    if (rc != ENT_OK) {
        ent_lines__close(l);
        return rc;
    }
    *out = l;
    return ENT_OK;
}

void ent_lines__close(ent_lines *l)
{
    if (!l)
        return;
    if (l->fd >= 0)
        close(l->fd);
    if (l->z_open)
        inflateEnd(&l->z);
    ZSTD_freeDCtx(l->zs);
    free(l->in);
    free(l->buf);
    free(l);
}

/* ---------------------------------------------------------------- lines ---- */

/* Returns the n bytes at s as the next line: without a '\r' before its end, NUL-terminated
 * (the buffer has a spare byte), or as NULL when it was over MAX_LINE and dropped. */
static int give(char **line, size_t *len, ent_lines *l, char *s, size_t n)
{
    l->line++;
    if (l->dropping) {
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
