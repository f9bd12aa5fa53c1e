/* pt_deadline.h - the deadline language (SPEC section 3).
 *
 * pt_deadline_parse turns a deadline as a document words it ("trước ngày
 * 20/5/2020", "hằng quý, chậm nhất ngày 18 tháng cuối quý", "within 15 days
 * of issue", "khẩn trương") into a pt_deadline. pt_deadline_expand turns a
 * parsed deadline into its occurrences (one for a one-off deadline, one per
 * period for a recurring one), each with its last on-time day, and can record
 * every step of the derivation for `explain`.
 *
 * Text is matched with PCRE2 (UTF, UCP, caseless, JIT) on NFC text. The
 * compiled patterns are built once per process and shared (thread-safe
 * lazily initialised is not needed: plantrack is single-threaded).
 */
#ifndef PT_DEADLINE_H
#define PT_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>
#include "pt_calendar.h"
#include "pt_date.h"
#include "pt_diag.h"

typedef enum {
    PT_DL_UNTRACKED,   /* no checkable deadline: the words are kept */
    PT_DL_BY,          /* by a day: last on-time day = that day */
    PT_DL_BEFORE,      /* strictly before a day: the day before */
    PT_DL_WINDOW,      /* from .. to: the last day of the window */
    PT_DL_RELATIVE,    /* N (working) days after `issued` */
    PT_DL_RECURRING    /* per period */
} pt_deadline_kind;

typedef enum { PT_EVERY_MONTH, PT_EVERY_QUARTER, PT_EVERY_HALF, PT_EVERY_YEAR } pt_every;

typedef enum { PT_CUTOFF_CALENDAR, PT_CUTOFF_ND09 } pt_cutoff;

/* A day written with parts possibly left out: y == 0 means "no year". */
typedef struct { int y, m, d; } pt_ymd;

typedef struct {
    pt_deadline_kind kind;
    /* The words as written, NFC, owned by the deadline. */
    char *text;
    /* Which accepted form matched, for explain: e.g. "trước ngày D/M/Y". */
    const char *rule;
    /* BY, BEFORE: day. WINDOW: from .. day (from.y may be 0). */
    pt_ymd day, from;
    /* Whether the year of day was guessed (left out in the words). */
    bool year_guessed;
    /* RELATIVE */
    int n;
    bool working_days;
    /* RECURRING. The last on-time day of period P is:
     *   after_days > 0: P's end + after_days;
     *   else: day `day_of_month` of the month (P's last month + month_offset),
     *         clamped to that month's length;
     *   then one day earlier when `before`.
     * "ngày 10/6 hàng năm" is year, month_offset -6, day 10;
     * "ngày 12 tháng sau tháng báo cáo" is month, month_offset 1, day 12. */
    pt_every every;
    int day_of_month;       /* 0 when the words give no day (see defaults) */
    int month_offset;
    int after_days;
    bool before;
    bool year_report;       /* "6 tháng/năm": H2 is shown as the year report */
    pt_cutoff cutoff;
    pt_date rec_from, rec_until;  /* the map form's own from/until, or NONE */
    /* UNTRACKED: the reason word ("khẩn trương", "theo quy định", "" when absent) */
    /* Where `day` is written, so that expand can point a diagnostic (a year
     * guessed, 29/2 in a common year) at it: day_at/day_len are a byte range
     * of `text`; day_src is the byte offset in the text given to parse and
     * day_chars the number of characters before it. All 0 when unknown (the
     * map form): diagnostics then point at the phrase. */
    size_t day_at, day_len, day_src, day_chars;
} pt_deadline;

/* Where the text came from, so that an error points inside the phrase.
 * map(ctx, byte_offset, &line, &col) converts a byte offset in `text` to a
 * file position; NULL map means line/col of the phrase start + characters. */
typedef struct {
    const char *file;
    int line, col;
    void (*map)(const void *ctx, size_t byte_off, int *line, int *col);
    const void *map_ctx;
} pt_srcpos;

/* Parses text (any normalisation; it is NFC-normalised first). Returns 0 and
 * fills *out (release with pt_deadline_release), or -1 after appending an
 * error to d that points at the column inside the phrase and lists the
 * accepted forms. An empty or NULL text gives PT_DL_UNTRACKED. */
int pt_deadline_parse(pt_deadline *out, const char *text, const pt_srcpos *pos, pt_diags *d);
void pt_deadline_release(pt_deadline *dl);

/* The same for a plan default of the period `every`: a phrase that gives
 * only the day ("trước ngày 20", "chậm nhất ngày 18") is read as that
 * period's day, as "hằng tháng, trước ngày 20" would be. Other phrases are
 * read as pt_deadline_parse reads them (the caller checks their period). */
int pt_deadline_parse_default(pt_deadline *out, pt_every every, const char *text,
                              const pt_srcpos *pos, pt_diags *d);

/* A recurring deadline written as a YAML map {every, day, after, before,
 * from, until, cutoff}: the caller passes the parsed values.
 * Validation of the keys is the caller's (plan loader). */
void pt_deadline_init_recurring(pt_deadline *out, pt_every every);

/* The context a deadline is expanded in: the plan's facts. */
typedef struct {
    pt_date issued;             /* NONE when unknown */
    pt_date period_from;        /* plan period; NONE when unknown */
    pt_date period_until;       /* NONE when open-ended */
    int period_year;            /* year named by period ("năm 2021"), or 0 */
    pt_date as_of;              /* open-ended recurrences run through the
                                   period after the one holding as_of */
    const pt_calendar *cal;
    bool roll;                  /* roll forward onto a working day */
    /* defaults for a recurrence without a day, by every; NULL when none */
    const pt_deadline *defaults[4];
} pt_expand_ctx;

typedef struct {
    char period[12];    /* "" for a one-off; "2021", "2021-H1", "2021-Q3", "2021-07" */
    pt_date p_start, p_end;  /* the reporting period; NONE for a one-off */
    pt_date nominal;    /* the last on-time day before roll forward */
    pt_date due;        /* the last on-time day; NONE when untracked */
} pt_occurrence;

/* Step-by-step derivation, for `explain`. Lines are appended in the chosen
 * language (lang "vi" or "en"). NULL when not wanted. */
typedef struct pt_explain pt_explain;
pt_explain *pt_explain_new(const char *lang);
void pt_explain_free(pt_explain *ex);
size_t pt_explain_count(const pt_explain *ex);
const char *pt_explain_line(const pt_explain *ex, size_t i);
void pt_explain_add(pt_explain *ex, const char *fmt, ...);
const char *pt_explain_lang(const pt_explain *ex);
/* Records only the steps of one period of a recurring deadline (the words,
 * rule and anchor lines are kept); NULL or "" for every period. */
void pt_explain_only_period(pt_explain *ex, const char *label);

/* Expands dl into occurrences, ordered by period. *out is malloc'd (caller
 * frees with free), *n its length. A one-off gives one occurrence with an
 * empty period label; an untracked deadline gives one occurrence with due
 * NONE, or one per period for a recurrence without a day and no default.
 * Warnings (a guessed year, a recurrence without a day) go to d at pos.
 * ex, when not NULL, receives the derivation. Returns 0, -1 on error. */
int pt_deadline_expand(pt_occurrence **out, size_t *n, const pt_deadline *dl,
                       const pt_expand_ctx *ctx, const pt_srcpos *pos,
                       pt_diags *d, pt_explain *ex);

/* Parses a plan's `period` words ("năm 2021", "giai đoạn 2021-2025", "từ
 * ngày 01/6 đến ngày 30/6/2020", "năm 2020 và các năm tiếp theo", ISO
 * "2021-01-01/2025-12-31"). Sets *from and *until (NONE until when
 * open-ended). Returns 0, or -1 after an error to d. */
int pt_period_parse(pt_date *from, pt_date *until, const char *text,
                    const pt_srcpos *pos, pt_diags *d);

/* Parses a period label ("2021", "2021-H1", "2021-Q3", "2021-07"). Returns 0
 * and the canonical label in canon (12 bytes), or -1. */
int pt_period_label_parse(char canon[12], const char *label);

/* Label for human output: "6 tháng đầu năm 2021", "Quý III/2021", "Năm 2021",
 * "Tháng 7/2021" (vi) or "2021 H1", "2021 Q3", "2021", "July 2021" (en). */
void pt_period_label_human(char *buf, size_t size, const char *label, const char *lang);

const char *pt_every_name(pt_every e);  /* "month", "quarter", "half-year", "year" */

/* Parses a single date value as plan and status files write it (ISO or the
 * Vietnamese "ngày 20 tháng 5 năm 2020", "20/5/2020"). Used for `issued:`,
 * `date:`, `extended:` and --as-of. Returns 0, or -1 after an error to d. */
int pt_date_parse_text(pt_date *out, const char *text, const pt_srcpos *pos, pt_diags *d);

#endif
