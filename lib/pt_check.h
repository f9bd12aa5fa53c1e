/* pt_check.h - statuses of obligations as of a date (SPEC 4).
 *
 * pt_check_run gives every obligation one status as of D, matches the
 * earliest submission on or before D (later ones are resubmissions; those
 * after D are ignored), applies extensions, and counts per agency.
 */
#ifndef PT_CHECK_H
#define PT_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "pt_date.h"
#include "pt_plan.h"
#include "pt_status.h"

typedef enum {
    PT_ST_ON_TIME, PT_ST_LATE, PT_ST_OVERDUE, PT_ST_DUE_SOON, PT_ST_OPEN,
    PT_ST_EXEMPT, PT_ST_UNTRACKED, PT_ST_COUNT
} pt_state;

typedef struct {
    pt_date as_of;               /* D; NONE: every submission counts and nothing
                                    unsubmitted is overdue or due soon (open) */
    int horizon;                 /* days; default 7; negative counts as 0 */
    const char *const *agencies; /* --agency filter (ids/labels); NULL = all */
    size_t n_agencies;
} pt_check_opts;

#define PT_CHECK_OPTS_INIT {PT_DATE_NONE, 7, NULL, 0}

typedef struct {
    const pt_obligation *ob;
    const pt_plan *plan;
    const pt_task *task;
    const pt_agency *agency;
    const char *agency_label;     /* id or registry/id */
    const pt_occurrence *occ;     /* period label, due */
    pt_state state;
    pt_date due;                  /* effective last on-time day (extended when extended) */
    pt_date original_due;         /* the plan's last on-time day */
    pt_date extended;             /* NONE when not extended */
    pt_date submitted;            /* NONE when not submitted by as_of */
    const char *ref, *note, *exempt;
    int days_late, days_overdue;  /* 0 when not applicable */
    const pt_date *resubmissions; /* later submissions on or before as_of */
    size_t n_resubmissions;
} pt_result;

typedef struct {
    const pt_registry *registry;
    const pt_agency *agency;
    const char *label;
    size_t counts[PT_ST_COUNT];
    size_t total;
    double rate;                  /* on_time / (on_time+late+overdue); < 0 when null */
    int rank;                     /* 1 = best rate; agencies with a null rate rank last */
    size_t due;                   /* obligations with a checkable last on-time day (due
                                     not NONE: all but untracked, exempt ones included) */
} pt_agency_result;

typedef struct pt_check pt_check;

/* Runs the check. Caller frees with pt_check_free. NULL after an error to d
 * (an --agency filter naming no loaded agency). The check borrows set and
 * st (results point into both): they must outlive it. opts is copied.
 *
 * Decisions (SPEC 4 leaves them open; the README repeats them):
 *  - exempt wins over everything, then untracked (due NONE), then a
 *    submission (on_time / late), then overdue / due_soon / open;
 *  - exemptions and extensions carry no date and apply at any as-of date;
 *    the last recorded of each is the one in force; an extension of an
 *    untracked obligation is shown but gives it no deadline;
 *  - ties between submissions of the same day: the first recorded counts;
 *  - ref and note come from the counted submission, else (exempt with no
 *    submission) from the exemption record;
 *  - --agency takes an id, a label registry/id or any name (folded); a
 *    bare id that two registries share selects both agencies. */
pt_check *pt_check_run(const pt_set *set, const pt_status *st, const pt_check_opts *opts,
                       pt_diags *d);
void pt_check_free(pt_check *c);

const pt_check_opts *pt_check_options(const pt_check *c);
const pt_set *pt_check_set(const pt_check *c);
size_t pt_check_count(const pt_check *c);
const pt_result *pt_check_result(const pt_check *c, size_t i);   /* obligation order */
size_t pt_check_agency_count(const pt_check *c);
const pt_agency_result *pt_check_agency(const pt_check *c, size_t i); /* by label */
/* Totals over every agency, rate included. */
const pt_agency_result *pt_check_totals(const pt_check *c);
size_t pt_check_count_state(const pt_check *c, pt_state s);

/* "on_time" ... and the Vietnamese labels of Quyết định 42/2014/QĐ-TTg
 * ("Đã hoàn thành đúng hạn"...) or English ones, by lang "vi" / "en". */
const char *pt_state_name(pt_state s);
const char *pt_state_label(pt_state s, const char *lang);

#endif
