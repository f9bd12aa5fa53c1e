/* pt_report.h - machine and human output of compile and check: JSON, CSV,
 * text tables. Writers append to a pt_buf; cmd/ writes it out. Output is
 * byte-identical for the same inputs.
 */
#ifndef PT_REPORT_H
#define PT_REPORT_H

#include "pt_check.h"
#include "pt_plan.h"
#include "pt_util.h"

/* compile --format json: {"plans":[…], "obligations":[{plan,task,agency,
 * period,kind,due_as_written,due}]} */
void pt_report_compile_json(pt_buf *out, const pt_set *set);
/* compile (text): per plan: tasks, agencies, obligations, warnings count */
void pt_report_compile_text(pt_buf *out, const pt_set *set, size_t warnings, const char *lang);

/* check --format json / csv / text (SPEC 5) */
void pt_report_check_json(pt_buf *out, const pt_check *c);
void pt_report_check_csv(pt_buf *out, const pt_check *c);
void pt_report_check_text(pt_buf *out, const pt_check *c, const char *lang);

/* explain output for one task (and optionally one agency/period). */
void pt_report_explain(pt_buf *out, const pt_set *set, const pt_plan *plan, const pt_task *task,
                       const pt_explain *ex);

#endif
