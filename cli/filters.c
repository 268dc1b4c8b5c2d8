/*
 * cli — the arguments that select events, shared by the commands that read the store
 * (export, dyad): dates given as YYYY, YYYY-MM or YYYY-MM-DD, and actor code prefixes.
 */
#include "cli.h"

#include <string.h>

static int digits(const char *s, size_t n, int *v)
{
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

int cli_parse_date_bound(ent_date *out, const char *s, int last)
{
    size_t n = strlen(s);
    int y, m = last ? 12 : 1, d = 1;
    if ((n != 4 && n != 7 && n != 10) || digits(s, 4, &y) < 0)
        return -1;
    if (n >= 7 && (s[4] != '-' || digits(s + 5, 2, &m) < 0))
        return -1;
    if (n == 10 && (s[7] != '-' || digits(s + 8, 2, &d) < 0))
        return -1;
    if (n < 10 && last) {
        /* The last day: the day before the first of the next month. */
        ent_date next = m == 12 ? ent_date_from_ymd(y + 1, 1, 1) : ent_date_from_ymd(y, m + 1, 1);
        if (next == ENT_DATE_NONE || ent_date_from_ymd(y, m, 1) == ENT_DATE_NONE)
            return -1;
        *out = next - 1;
        return 0;
    }
    *out = ent_date_from_ymd(y, m, d);
    return *out == ENT_DATE_NONE ? -1 : 0;
}

int cli_valid_actor(const char *s, size_t n)
{
    if (n == 0 || n > 15)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}
