/* pt_date.c - civil dates as day numbers (Howard Hinnant's algorithms). */
#include "pt_date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int pt_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int pt_date_make(pt_date *out, int y, int m, int d)
{
    if (y < PT_YEAR_MIN || y > PT_YEAR_MAX || d < 1 || d > pt_days_in_month(y, m))
        return -1;
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    *out = era * 146097 + doe - 719468;
    return 0;
}

void pt_date_ymd(pt_date date, int *y, int *m, int *d)
{
    int z = date + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int pt_date_weekday(pt_date date)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    int w = (int)((date % 7 + 7 + 3) % 7);
    return w;
}

void pt_month_add(int *y, int *m, int n)
{
    int idx = *y * 12 + (*m - 1) + n;
    *y = idx / 12;
    *m = idx % 12 + 1;
}

void pt_date_iso(pt_date date, char buf[11])
{
    int y, m, d;
    pt_date_ymd(date, &y, &m, &d);
    /* Written digit by digit: the value ranges are known, and snprintf
     * cannot prove to the compiler that 10 bytes suffice. */
    unsigned uy = (unsigned)y % 10000, um = (unsigned)m % 100, ud = (unsigned)d % 100;
    buf[0] = (char)('0' + uy / 1000), buf[1] = (char)('0' + uy / 100 % 10);
    buf[2] = (char)('0' + uy / 10 % 10), buf[3] = (char)('0' + uy % 10);
    buf[4] = '-', buf[5] = (char)('0' + um / 10), buf[6] = (char)('0' + um % 10);
    buf[7] = '-', buf[8] = (char)('0' + ud / 10), buf[9] = (char)('0' + ud % 10);
    buf[10] = '\0';
}

void pt_date_vn(pt_date date, char buf[11])
{
    char iso[11];
    pt_date_iso(date, iso);
    memcpy(buf, iso + 8, 2);
    buf[2] = '/';
    memcpy(buf + 3, iso + 5, 2);
    buf[5] = '/';
    memcpy(buf + 6, iso, 4);
    buf[10] = '\0';
}

/* Reads 1..max digits; returns the count read, 0 when none. */
static int digits(const char **p, int max, int *val)
{
    int n = 0, v = 0;
    while (n < max && isdigit((unsigned char)**p)) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *val = v;
    return n;
}

int pt_date_parse(pt_date *out, const char *s)
{
    const char *p = s;
    int a, b, c, na, nb, nc;
    while (*p == ' ' || *p == '\t')
        p++;
    na = digits(&p, 4, &a);
    if (na == 0 || (*p != '-' && *p != '/' && *p != '.'))
        return -1;
    char sep = *p++;
    nb = digits(&p, 2, &b);
    if (nb == 0 || *p != sep)
        return -1;
    p++;
    nc = digits(&p, 4, &c);
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != '\0' || nc == 0)
        return -1;
    int y, m, d;
    if (na == 4) { /* ISO: 2020-05-20 */
        if (sep != '-' || nc > 2)
            return -1;
        y = a, m = b, d = c;
    } else {
        if (na > 2 || nc != 4)
            return -1;
        d = a, m = b, y = c;
    }
    return pt_date_make(out, y, m, d) == 0 ? 0 : -2;
}
