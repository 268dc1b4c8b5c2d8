/*
 * entente — common definitions shared by every module: export macro, status codes,
 * dates. Every public function returns ENT_OK (0) or a negative ENT_E* code.
 */
#ifndef ENTENTE_COMMON_H
#define ENTENTE_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define ENT_API __attribute__((visibility("default")))
#else
#define ENT_API
#endif

/* Status codes. Keep in step with the table in src/util/error.c. */
enum {
    ENT_OK = 0,
    ENT_ENOMEM = -1,    /* out of memory */
    ENT_EINVAL = -2,    /* invalid argument */
    ENT_EPARSE = -3,    /* malformed input (dictionary, record, date) */
    ENT_EIO = -4,       /* read or write failed */
    ENT_EDB = -5,       /* database error */
    ENT_ENOTFOUND = -6, /* no such file, code or record */
    ENT_EINTERNAL = -7  /* a bug in entente */
};

/* A static, never-NULL description of a status code. */
ENT_API const char *ent_strerror(int code);

/*
 * Dates are days since 1970-01-01 (proleptic Gregorian), so they compare and subtract as
 * integers. ENT_DATE_NONE means "unknown".
 */
typedef int32_t ent_date;
#define ENT_DATE_NONE INT32_MIN

/* Days since the epoch for a calendar date; ENT_DATE_NONE when the date does not exist. */
ENT_API ent_date ent_date_from_ymd(int year, int month, int day);

/* Splits a date into its calendar parts. Any out parameter may be NULL. */
ENT_API void ent_date_to_ymd(int *year, int *month, int *day, ent_date date);

/* Day of the week, 0 = Monday … 6 = Sunday. */
ENT_API int ent_date_weekday(ent_date date);

/*
 * Parses the leading "YYYY-MM-DD" (also "YYYYMMDD", and a following "T…" time is ignored) of
 * the len bytes at s. Returns ENT_OK or ENT_EPARSE (including impossible dates such as
 * 2023-02-30).
 */
ENT_API int ent_date_parse(ent_date *out, const char *s, size_t len);

/* Writes "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). Writes "" for ENT_DATE_NONE. */
ENT_API void ent_date_format(char buf[11], ent_date date);

#ifdef __cplusplus
}
#endif
#endif
