/*
 * ingest — stage 1: the byte source under the record reader and the importer's line reader.
 * Raw bytes come from a file descriptor or memory; the first bytes decide whether they are
 * gzip (zlib's inflate, which also reads the members of a concatenated .gz one after
 * another), zstd (ZSTD_decompressStream, which reads any number of frames), a zip archive of
 * one member (GDELT's *.zip: stored, or raw deflate after the local header, with its CRC-32
 * checked at the end; the central directory at the end is never needed, so it streams) or
 * plain, and the reader sees decoded bytes only.
 *
 * A stream that ends inside a member or frame is "truncated"; bytes that do not decode are
 * "corrupt". Both stop the source (state and message for the reader to report); what was
 * decoded before stays good. Bytes after the last complete gzip member that are not another
 * member (zero padding from tape or network tools) end the stream quietly, as gzip(1) does.
 */
#include "ingest_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#define RAW_CHUNK (128 * 1024)

enum codec { CODEC_UNKNOWN, CODEC_PLAIN, CODEC_GZIP, CODEC_ZSTD, CODEC_ZIP };

#define ZIP_LOCAL 0x04034b50u
#define ZIP_DESCRIPTOR 0x08074b50u

struct ent_source {
    int fd; /* -1 for memory */
    const unsigned char *mem;
    size_t mem_len, mem_pos;
    enum codec codec;
    int raw_eof;     /* no more raw bytes */
    int member_done; /* gzip: the last member ended (and no byte followed yet) */
    int frame_done;  /* zstd: the last frame ended */
    unsigned char *in;
    size_t in_pos, in_end; /* raw bytes read and not yet decoded */
    z_stream z;
    int z_init;
    ZSTD_DStream *zs;
    /* zip: the member's method (0 stored, 8 deflate), CRC-32 as written and as computed,
     * bytes of a stored member still to come, whether a data descriptor follows it */
    int zip_method, zip_descriptor, zip_checked;
    uint32_t zip_crc, crc;
    uint64_t zip_stored_left;
    /* Set once the stream has ended badly: later reads return it again, even after the
     * decoded bytes before the damage were handed over. */
    enum ent_source_state bad;
    char bad_msg[160];
};

int ent_ingest__source_fd(ent_source **out, int fd)
{
    *out = calloc(1, sizeof **out);
    if (!*out) {
        close(fd);
        return ENT_ENOMEM;
    }
    (*out)->fd = fd;
    return ENT_OK;
}

int ent_ingest__source_mem(ent_source **out, const void *data, size_t len)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return ENT_ENOMEM;
    (*out)->fd = -1;
    (*out)->mem = data;
    (*out)->mem_len = len;
    return ENT_OK;
}

void ent_ingest__source_close(ent_source *s)
{
    if (!s)
        return;
    if (s->fd >= 0)
        close(s->fd);
    if (s->z_init)
        inflateEnd(&s->z);
    ZSTD_freeDStream(s->zs);
    free(s->in);
    free(s);
}

/* Reads raw bytes into dst. Returns the count, 0 at the end, -1 on a read error (errno). */
static ssize_t raw_read(ent_source *s, void *dst, size_t n)
{
    if (s->fd < 0) {
        size_t k = s->mem_len - s->mem_pos < n ? s->mem_len - s->mem_pos : n;
        memcpy(dst, s->mem + s->mem_pos, k);
        s->mem_pos += k;
        return (ssize_t)k;
    }
    for (;;) {
        ssize_t k = read(s->fd, dst, n);
        if (k >= 0 || errno != EINTR)
            return k;
    }
}

/* Refills the raw buffer when it is empty. Returns 1 with bytes available, 0 at the end,
 * -1 on a read error. */
static int raw_refill(ent_source *s)
{
    if (s->in_pos < s->in_end)
        return 1;
    if (s->raw_eof)
        return 0;
    s->in_pos = s->in_end = 0;
    ssize_t k = raw_read(s, s->in, RAW_CHUNK);
    if (k < 0)
        return -1;
    if (k == 0) {
        s->raw_eof = 1;
        return 0;
    }
    s->in_end = (size_t)k;
    return 1;
}

/* Makes at least n raw bytes available, n <= RAW_CHUNK (fewer at the end of the input).
 * Returns the bytes available, or -1 on a read error. */
static long raw_want(ent_source *s, size_t n)
{
    if (s->in_end - s->in_pos >= n || s->raw_eof)
        return (long)(s->in_end - s->in_pos);
    memmove(s->in, s->in + s->in_pos, s->in_end - s->in_pos);
    s->in_end -= s->in_pos;
    s->in_pos = 0;
    while (s->in_end < n && !s->raw_eof) {
        ssize_t k = raw_read(s, s->in + s->in_end, RAW_CHUNK - s->in_end);
        if (k < 0)
            return -1;
        s->raw_eof = k == 0;
        s->in_end += (size_t)k;
    }
    return (long)(s->in_end - s->in_pos);
}

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return le16(p) | le16(p + 2) << 16;
}

/* Records how the stream went bad. Returns got, the bytes still to hand over. */
static size_t fail(ent_source *s, size_t got, enum ent_source_state st, const char *fmt,
                   const char *detail)
{
    s->bad = st;
    snprintf(s->bad_msg, sizeof s->bad_msg, fmt, detail);
    return got;
}

/* Makes n raw bytes available for a zip structure. Returns 0, or -1 after recording the
 * failure (a read error, or the input ends first). */
static int zip_want(ent_source *s, size_t n, const char *what)
{
    long have = raw_want(s, n);
    if (have < 0)
        fail(s, 0, ENT_SRC_ERROR, "read error (%s)", strerror(errno));
    else if ((size_t)have < n)
        fail(s, 0, ENT_SRC_TRUNCATED, "truncated zip archive (%s)", what);
    return have >= 0 && (size_t)have >= n ? 0 : -1;
}

/* What a local header asks for that is not read, or NULL. */
static const char *zip_unsupported(const unsigned char *h, int method, char *buf, size_t size)
{
    unsigned flags = le16(h + 6);
    if (flags & 1)
        return "encrypted zip member";
    if (method != 0 && method != 8) {
        snprintf(buf, size,
                 "zip member compressed with method %d (only deflate and stored "
                 "are read)",
                 method);
        return buf;
    }
    if (le32(h + 18) == UINT32_MAX || le32(h + 22) == UINT32_MAX)
        return "zip64 archive (not read)";
    if (method == 0 && (flags & 8))
        return "stored zip member without sizes";
    return NULL;
}

/* Reads the local header of a zip archive's first member. Returns 0, or -1 after recording
 * the failure. */
static int zip_header(ent_source *s)
{
    if (zip_want(s, 30, "local header") < 0)
        return -1;
    const unsigned char *h = s->in + s->in_pos;
    s->zip_method = (int)le16(h + 8);
    s->zip_crc = le32(h + 14);
    s->zip_stored_left = le32(h + 18);
    s->zip_descriptor = (le16(h + 6) & 8) != 0;
    size_t skip = 30 + le16(h + 26) + le16(h + 28);
    char buf[96];
    const char *why = zip_unsupported(h, s->zip_method, buf, sizeof buf);
    if (why) {
        fail(s, 0, ENT_SRC_ERROR, "%s", why);
        return -1;
    }
    while (skip > 0) {
        size_t k = skip < RAW_CHUNK ? skip : RAW_CHUNK;
        if (zip_want(s, k, "local header") < 0)
            return -1;
        s->in_pos += k;
        skip -= k;
    }
    s->crc = (uint32_t)crc32(0L, Z_NULL, 0);
    s->member_done = s->zip_method == 0 && s->zip_stored_left == 0; /* an empty member */
    /* -15: the raw deflate of a zip member, no header of its own */
    if (s->zip_method == 8 && inflateInit2(&s->z, -15) != Z_OK) {
        fail(s, 0, ENT_SRC_ERROR, "%s", "out of memory");
        return -1;
    }
    s->z_init = s->zip_method == 8;
    return 0;
}

/* Reads the first raw bytes (enough for the magic numbers) and picks the codec. */
static int detect(ent_source *s)
{
    s->in = malloc(RAW_CHUNK);
    if (!s->in)
        return -1;
    memset(s->in, 0, 4); /* the magic test below reads 4 bytes even of a shorter input */
    while (s->in_end < 4 && !s->raw_eof) {
        ssize_t k = raw_read(s, s->in + s->in_end, RAW_CHUNK - s->in_end);
        if (k < 0)
            return -2;
        if (k == 0)
            s->raw_eof = 1;
        s->in_end += (size_t)k;
    }
    const unsigned char *b = s->in;
    s->codec = CODEC_PLAIN;
    if (s->in_end >= 2 && b[0] == 0x1F && b[1] == 0x8B) {
        /* 15 + 16: a gzip wrapper only, so a plain file is never mistaken for zlib data */
        if (inflateInit2(&s->z, 15 + 16) != Z_OK)
            return -1;
        s->z_init = 1;
        s->codec = CODEC_GZIP;
    } else if (s->in_end >= 4 && b[0] == 0x28 && b[1] == 0xB5 && b[2] == 0x2F && b[3] == 0xFD) {
        s->zs = ZSTD_createDStream();
        if (!s->zs)
            return -1;
        s->codec = CODEC_ZSTD;
    } else if (s->in_end >= 4 && le32(b) == ZIP_LOCAL) {
        s->codec = CODEC_ZIP;
    }
    return 0;
}

/* One inflate() of the raw bytes at hand into dst (room n), for gzip and zip. Returns the
 * bytes produced, or (size_t)-1 after recording the failure ("corrupt WHAT (...)"); sets
 * s->member_done at the end of the stream. On an error the output of this call is dropped,
 * as gzread does: a bad check value is only found at the end of a member, after its
 * damaged bytes were decoded. */
static size_t inflate_some(ent_source *s, char *dst, size_t n, const char *what)
{
    s->z.next_in = s->in + s->in_pos;
    s->z.avail_in = (uInt)(s->in_end - s->in_pos);
    s->z.next_out = (Bytef *)dst;
    s->z.avail_out = (uInt)(n > UINT32_MAX / 2 ? UINT32_MAX / 2 : n);
    uInt avail_out = s->z.avail_out;
    int rc = inflate(&s->z, Z_NO_FLUSH);
    s->in_pos = s->in_end - s->z.avail_in;
    if (rc == Z_MEM_ERROR) {
        fail(s, 0, ENT_SRC_ERROR, "%s", "out of memory");
        return (size_t)-1;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR && rc != Z_STREAM_END) {
        char msg[96];
        snprintf(msg, sizeof msg, "corrupt %s (%s)", what, s->z.msg ? s->z.msg : "data error");
        fail(s, 0, ENT_SRC_ERROR, "%s", msg);
        return (size_t)-1;
    }
    s->member_done = rc == Z_STREAM_END;
    return avail_out - s->z.avail_out;
}

/* Decodes gzip into dst. Returns the count; 0 with s->bad unset at the end. */
static size_t read_gzip(ent_source *s, char *dst, size_t n)
{
    size_t got = 0;
    while (got < n) {
        int more = raw_refill(s);
        if (more < 0)
            return fail(s, got, ENT_SRC_ERROR, "read error (%s)", strerror(errno));
        if (more == 0) {
            if (!s->member_done)
                return fail(s, got, ENT_SRC_TRUNCATED, "truncated gzip stream (%s)",
                            "unexpected end of file");
            return got;
        }
        if (s->member_done) {
            /* Another member must start with the gzip magic; anything else ends the stream. */
            if (s->in[s->in_pos] != 0x1F) {
                s->raw_eof = 1;
                s->in_pos = s->in_end;
                continue;
            }
            inflateReset(&s->z);
            s->member_done = 0;
        }
        size_t k = inflate_some(s, dst + got, n - got, "gzip stream");
        if (k == (size_t)-1)
            return got;
        got += k;
    }
    return got;
}

/* Decodes zstd into dst. Returns the count; 0 with s->bad unset at the end. */
static size_t read_zstd(ent_source *s, char *dst, size_t n)
{
    ZSTD_outBuffer out = {dst, n, 0};
    while (out.pos < out.size) {
        int more = raw_refill(s);
        if (more < 0)
            return fail(s, out.pos, ENT_SRC_ERROR, "read error (%s)", strerror(errno));
        if (more == 0) {
            /* Input is done, but the decoder may still hold decoded bytes. */
            ZSTD_inBuffer none = {NULL, 0, 0};
            size_t before = out.pos;
            size_t rc = ZSTD_decompressStream(s->zs, &out, &none);
            if (!ZSTD_isError(rc) && out.pos > before) {
                s->frame_done = rc == 0;
                continue;
            }
            if (!s->frame_done)
                return fail(s, out.pos, ENT_SRC_TRUNCATED, "truncated zstd stream (%s)",
                            "unexpected end of file");
            return out.pos;
        }
        ZSTD_inBuffer in = {s->in, s->in_end, s->in_pos};
        size_t before = out.pos;
        size_t rc = ZSTD_decompressStream(s->zs, &out, &in);
        s->in_pos = in.pos;
        if (ZSTD_isError(rc)) /* the output of the failed call is dropped, as for gzip */
            return fail(s, before, ENT_SRC_ERROR, "corrupt zstd stream (%s)",
                        ZSTD_getErrorName(rc));
        /* 0: a frame ended exactly here; a following frame clears the flag again. */
        s->frame_done = rc == 0;
    }
    return out.pos;
}

/* After a zip member: its CRC-32 (from the data descriptor when there is one), and no second
 * member. Returns got; sets the failure when something is wrong. */
static size_t zip_trailer(ent_source *s, size_t got)
{
    uint32_t crc = s->zip_crc;
    if (s->zip_descriptor) {
        long have = raw_want(s, 16);
        if (have < 0)
            return fail(s, got, ENT_SRC_ERROR, "read error (%s)", strerror(errno));
        const unsigned char *p = s->in + s->in_pos;
        if (have >= 4 && le32(p) == ZIP_DESCRIPTOR)
            p += 4, have -= 4, s->in_pos += 4;
        if (have < 12)
            return fail(s, got, ENT_SRC_TRUNCATED, "%s",
                        "truncated zip archive (no data descriptor)");
        crc = le32(p);
        s->in_pos += 12;
    }
    if (crc != s->crc)
        return fail(s, got, ENT_SRC_ERROR, "%s", "corrupt zip member (CRC-32 mismatch)");
    if (raw_want(s, 4) >= 4 && le32(s->in + s->in_pos) == ZIP_LOCAL)
        return fail(s, got, ENT_SRC_ERROR, "%s",
                    "zip archive has more than one member; only the first was read");
    s->raw_eof = 1; /* the central directory and end record: not needed */
    s->in_pos = s->in_end;
    return got;
}

/* Decodes the zip member into dst. Returns the count; 0 with s->bad unset at the end. */
static size_t read_zip(ent_source *s, char *dst, size_t n)
{
    size_t got = 0;
    while (got < n && !s->member_done) {
        int more = raw_refill(s);
        if (more < 0)
            return fail(s, got, ENT_SRC_ERROR, "read error (%s)", strerror(errno));
        if (more == 0)
            return fail(s, got, ENT_SRC_TRUNCATED, "truncated zip member (%s)",
                        "unexpected end of file");
        size_t k;
        if (s->zip_method == 0) { /* stored */
            k = s->in_end - s->in_pos;
            if (k > s->zip_stored_left)
                k = (size_t)s->zip_stored_left;
            if (k > n - got)
                k = n - got;
            memcpy(dst + got, s->in + s->in_pos, k);
            s->in_pos += k;
            s->zip_stored_left -= k;
            s->member_done = s->zip_stored_left == 0;
        } else if ((k = inflate_some(s, dst + got, n - got, "zip member")) == (size_t)-1) {
            return got;
        }
        s->crc = (uint32_t)crc32(s->crc, (const Bytef *)dst + got, (uInt)k);
        got += k;
    }
    if (s->member_done && !s->zip_checked) {
        s->zip_checked = 1;
        return zip_trailer(s, got);
    }
    return got;
}

/* Reads plain bytes into dst: first those read to detect the codec. */
static size_t read_plain(ent_source *s, char *dst, size_t n)
{
    if (s->in_pos < s->in_end) {
        size_t k = s->in_end - s->in_pos < n ? s->in_end - s->in_pos : n;
        memcpy(dst, s->in + s->in_pos, k);
        s->in_pos += k;
        return k;
    }
    if (s->raw_eof)
        return 0;
    ssize_t k = raw_read(s, dst, n);
    if (k < 0)
        return fail(s, 0, ENT_SRC_ERROR, "read error (%s)", strerror(errno));
    s->raw_eof = k == 0;
    return (size_t)k;
}

size_t ent_ingest__source_read(ent_source *s, char *dst, size_t n, enum ent_source_state *state,
                               char *msg, size_t msg_size)
{
    *state = ENT_SRC_OK;
    if (s->bad == ENT_SRC_OK && s->codec == CODEC_UNKNOWN) {
        int rc = detect(s);
        if (rc == -1)
            fail(s, 0, ENT_SRC_ERROR, "%s", "out of memory");
        else if (rc == -2)
            fail(s, 0, ENT_SRC_ERROR, "read error (%s)", strerror(errno));
        else if (s->codec == CODEC_ZIP)
            zip_header(s); /* records its own failure */
    }
    size_t got = 0;
    if (s->bad == ENT_SRC_OK && n > 0) {
        got = s->codec == CODEC_GZIP   ? read_gzip(s, dst, n)
              : s->codec == CODEC_ZSTD ? read_zstd(s, dst, n)
              : s->codec == CODEC_ZIP  ? read_zip(s, dst, n)
                                       : read_plain(s, dst, n);
    }
    if (got == 0 && n > 0) {
        *state = s->bad == ENT_SRC_OK ? ENT_SRC_EOF : s->bad;
        if (s->bad != ENT_SRC_OK)
            snprintf(msg, msg_size, "%s", s->bad_msg);
    }
    return got;
}
