/* fuzz_calendar.c - libFuzzer target for calendar files (pt_calendar.h).
 *
 * Loads the input as a calendar file from memory (pt_doc_load_buffer, then
 * pt_calendar_from_doc). When it loads, its answers must agree with each
 * other over the years it lists: a holiday is a day off, a roll lands on a
 * working day on or after the day and passes only days off, adding working
 * days moves forward, and a day's name is that of a holiday.
 * Built with -fsanitize=fuzzer; tests/fuzz/replay_main.c replays the corpus
 * in tests/fuzz/corpus/calendar without libFuzzer. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pt_calendar.h"
#include "pt_date.h"
#include "pt_diag.h"
#include "pt_yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_calendar(const pt_calendar *cal)
{
    if (!pt_calendar_id(cal))
        abort();
    int y0 = pt_calendar_first_year(cal), y1 = pt_calendar_last_year(cal);
    if ((y0 == 0) != (y1 == 0) || y0 > y1)
        abort();
    if (y0 == 0)
        y0 = y1 = 2021;
    if (y0 < PT_YEAR_MIN || y1 > PT_YEAR_MAX)
        abort();
    /* keep the walk short: at most three years, from the first listed */
    if (y1 > y0 + 2)
        y1 = y0 + 2;
    pt_date from, to;
    if (pt_date_make(&from, y0, 1, 1) != 0 || pt_date_make(&to, y1, 12, 31) != 0)
        abort();
    for (pt_date day = from; day <= to; day++) {
        bool off = pt_calendar_is_off(cal, day);
        if (pt_calendar_is_holiday(cal, day) && !off)
            abort();
        if (pt_calendar_holiday_name(cal, day) && !pt_calendar_is_holiday(cal, day))
            abort();
        pt_date r = pt_calendar_roll(cal, day);
        if (r < day || pt_calendar_is_off(cal, r) || (!off && r != day))
            abort();
        for (pt_date k = day; k < r; k++)
            if (!pt_calendar_is_off(cal, k))
                abort(); /* rolled past a working day */
        if ((day - from) % 17 == 0) {
            pt_date w = pt_calendar_add_workdays(cal, day, 5);
            if (w <= day || pt_calendar_is_off(cal, w))
                abort();
            if (pt_calendar_add_workdays(cal, day, 0) != day)
                abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pt_diags *d = pt_diags_new();
    if (!d)
        return 0;
    pt_doc *doc = pt_doc_load_buffer("calendar.yaml", (const char *)data, size, d);
    if (doc) {
        size_t before = pt_diags_errors(d);
        pt_calendar *cal = pt_calendar_from_doc(doc, d);
        pt_doc_free(doc); /* the calendar must outlive its document */
        if (cal) {
            if (pt_diags_errors(d) != before)
                abort(); /* loaded despite errors */
            check_calendar(cal);
            pt_calendar_free(cal);
        } else if (pt_diags_errors(d) == before) {
            abort(); /* rejected without a word */
        }
    }
    pt_diags_sort(d);
    for (size_t i = 0; i < pt_diags_count(d); i++)
        if (!pt_diags_get(d, i)->text)
            abort();
    pt_diags_free(d);
    return 0;
}
