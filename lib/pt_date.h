/* pt_date.h - civil dates as day numbers.
 *
 * A date is the number of days since 1970-01-01 in the proleptic Gregorian
 * calendar, so that date arithmetic is integer arithmetic and comparisons are
 * plain comparisons. PT_DATE_NONE marks "no date" (untracked, not submitted).
 */
#ifndef PT_DATE_H
#define PT_DATE_H

#include <stdint.h>
#include <stddef.h>

typedef int32_t pt_date;

#define PT_DATE_NONE INT32_MIN
/* Years outside this range are rejected as impossible: no plan is older or
 * further away, and the limit keeps every day number far from overflow. */
#define PT_YEAR_MIN 1900
#define PT_YEAR_MAX 2200

/* Days in month m (1-12) of year y; 0 for a month out of range. */
int pt_days_in_month(int y, int m);

/* Sets *out to the day number of y-m-d. Returns 0, or -1 when the date does
 * not exist (31/2, 29/2 of a common year, month 13, year out of range). */
int pt_date_make(pt_date *out, int y, int m, int d);

/* Splits a day number into year, month (1-12) and day (1-31). */
void pt_date_ymd(pt_date date, int *y, int *m, int *d);

/* Day of the week: 0 = Monday ... 6 = Sunday. */
int pt_date_weekday(pt_date date);

/* Adds n calendar months to y-m, keeping y and m normalised. */
void pt_month_add(int *y, int *m, int n);

/* Writes "YYYY-MM-DD" (11 bytes with the NUL) into buf. */
void pt_date_iso(pt_date date, char buf[11]);

/* Writes "dd/mm/yyyy" (11 bytes with the NUL) into buf. */
void pt_date_vn(pt_date date, char buf[11]);

/* Parses a whole string that is one date: ISO "2020-05-20", or d/m/yyyy with
 * '/', '-' or '.' separators and optional leading zeros. Leading and trailing
 * space is allowed. Returns 0 and sets *out, -1 when it is not a date of that
 * shape, -2 when it has the shape but the day does not exist. */
int pt_date_parse(pt_date *out, const char *s);

#endif
