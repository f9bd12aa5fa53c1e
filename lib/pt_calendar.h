/* pt_calendar.h - working days, official days off, roll forward.
 *
 * A calendar knows the weekend days, the official days off (each with a
 * name when the calendar file gives one) and the weekend days made working
 * days by a swap. It answers "is this a day off" in O(1) and moves a last
 * on-time day that falls on a day off to the next working day (Bộ luật Dân
 * sự 2015, Điều 148).
 */
#ifndef PT_CALENDAR_H
#define PT_CALENDAR_H

#include <stdbool.h>
#include "pt_date.h"
#include "pt_diag.h"

typedef struct pt_calendar pt_calendar;
struct pt_node;  /* pt_yaml.h */
struct pt_doc;

/* An empty calendar with Saturday and Sunday as the weekend.
 * Caller frees with pt_calendar_free. NULL when out of memory. */
pt_calendar *pt_calendar_new(const char *id);
void pt_calendar_free(pt_calendar *cal);

/* Loads a calendar file (SPEC 2.4) from a parsed YAML document, appending
 * problems to d. Returns NULL when the file has an error. Caller frees. */
pt_calendar *pt_calendar_from_doc(const struct pt_doc *doc, pt_diags *d);

const char *pt_calendar_id(const pt_calendar *cal);

/* weekday: 0 = Monday ... 6 = Sunday. */
void pt_calendar_set_weekend(pt_calendar *cal, int weekday, bool off);
/* name may be NULL; it is copied. Returns 0, -1 when out of memory. */
int pt_calendar_add_holiday(pt_calendar *cal, pt_date day, const char *name);
int pt_calendar_add_workday(pt_calendar *cal, pt_date day, const char *name);

/* First and last year the calendar lists days for; 0 when it lists none.
 * Outside them only the weekend rule applies. */
int pt_calendar_first_year(const pt_calendar *cal);
int pt_calendar_last_year(const pt_calendar *cal);

bool pt_calendar_is_off(const pt_calendar *cal, pt_date day);

/* Why day is off, for `explain`: the holiday's name, else NULL (a weekend
 * day or a holiday listed without a name: the caller names the weekday or
 * the date). Borrowed, valid while cal lives. */
const char *pt_calendar_holiday_name(const pt_calendar *cal, pt_date day);
bool pt_calendar_is_holiday(const pt_calendar *cal, pt_date day);

/* The first working day on or after day. */
pt_date pt_calendar_roll(const pt_calendar *cal, pt_date day);

/* day + n working days, not counting day itself (Điều 147): the n-th working
 * day after day. n >= 0; n = 0 gives day. */
pt_date pt_calendar_add_workdays(const pt_calendar *cal, pt_date day, int n);

#endif
