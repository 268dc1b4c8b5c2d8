/*
 * util — calendar dates as day numbers. The conversions are Howard Hinnant's public-domain
 * civil-calendar algorithms (days_from_civil / civil_from_days), written out for C.
 */
#include "entente/common.h"

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

ent_date ent_date_from_ymd(int y, int m, int d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return ENT_DATE_NONE;
    y -= m <= 2;
    int era = y / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (ent_date)(era * 146097 + doe - 719468);
}

void ent_date_to_ymd(int *year, int *month, int *day, ent_date date)
{
    int z = date + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp < 10 ? mp + 3 : mp - 9;
    int y = yoe + era * 400 + (m <= 2);
    if (year)
        *year = y;
    if (month)
        *month = m;
    if (day)
        *day = d;
}

int ent_date_weekday(ent_date date)
{
    /* 1970-01-01 was a Thursday (3 with Monday = 0). */
    int w = (int)((date + 3) % 7);
    return w < 0 ? w + 7 : w;
}

static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int ent_date_parse(ent_date *out, const char *s, size_t len)
{
    int y, m, d;
    if (len >= 10 && s[4] == '-' && s[7] == '-') {
        y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
        if (len > 10 && s[10] != 'T' && s[10] != ' ')
            return ENT_EPARSE;
    } else if (len >= 8) {
        y = digits(s, 4), m = digits(s + 4, 2), d = digits(s + 6, 2);
        if (len > 8 && s[8] != 'T' && s[8] != ' ')
            return ENT_EPARSE;
    } else {
        return ENT_EPARSE;
    }
    if (y < 0 || m < 0 || d < 0)
        return ENT_EPARSE;
    ent_date date = ent_date_from_ymd(y, m, d);
    if (date == ENT_DATE_NONE)
        return ENT_EPARSE;
    *out = date;
    return ENT_OK;
}

void ent_date_format(char buf[11], ent_date date)
{
    if (date == ENT_DATE_NONE) {
        buf[0] = '\0';
        return;
    }
    int y, m, d;
    ent_date_to_ymd(&y, &m, &d, date);
    /* Day numbers come from ent_date_from_ymd, so 1 <= y <= 9999 and the output fits. */
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}
