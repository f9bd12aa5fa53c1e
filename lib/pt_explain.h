/* pt_explain.h - the `explain` report: how each last on-time day of a task
 * was computed, for the agencies and periods asked about. */
#ifndef PT_EXPLAIN_H
#define PT_EXPLAIN_H

#include "pt_diag.h"
#include "pt_plan.h"
#include "pt_util.h"

typedef struct {
    const char *task;     /* required */
    const char *plan;     /* NULL: any plan that has the task (an error if several) */
    const char *agency;   /* NULL: every assigned agency shares the deadline */
    const char *period;   /* NULL: every period */
    const char *lang;     /* "vi" or "en" */
} pt_explain_request;

/* Appends the derivation to out. Returns 0, or -1 after an error to d (no
 * such task, agency not assigned, no such period). */
int pt_report_explain_task(pt_buf *out, const pt_set *set, const pt_explain_request *req,
                           pt_diags *d);

#endif
