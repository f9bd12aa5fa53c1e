/* pt_explain.c - the `explain` report. */
#include "pt_explain.h"

#include <string.h>

#include "pt_text.h"

static const pt_task *find_task(const pt_set *set, const pt_explain_request *req,
                                const pt_plan **plan_out, pt_diags *d)
{
    const pt_plan *found_plan = NULL;
    const pt_task *found = NULL;
    if (req->plan && !pt_set_find_plan(set, req->plan)) {
        const char *ids[64];
        size_t n = 0;
        for (size_t i = 0; i < pt_set_plan_count(set) && n < 64; i++)
            ids[n++] = pt_set_plan(set, i)->id;
        char hint[160];
        pt_did_you_mean(hint, sizeof hint, pt_suggest(req->plan, ids, n));
        pt_diag_add(d, PT_E_EXPLAIN_PLAN, "", 0, 0, req->plan, hint);
        return NULL;
    }
    for (size_t i = 0; i < pt_set_plan_count(set); i++) {
        const pt_plan *p = pt_set_plan(set, i);
        if (req->plan && strcmp(p->id, req->plan) != 0)
            continue;
        const pt_task *t = pt_plan_find_task(p, req->task);
        if (!t)
            continue;
        if (found) {
            pt_diag_add(d, PT_E_EXPLAIN_AMBIGUOUS, "", 0, 0, req->task, found_plan->id, p->id);
            return NULL;
        }
        found = t;
        found_plan = p;
    }
    if (!found) {
        const char *best = NULL;
        for (size_t i = 0; i < pt_set_plan_count(set) && !best; i++) {
            const pt_plan *p = pt_set_plan(set, i);
            const char *tids[512];
            size_t n = 0;
            for (size_t k = 0; k < p->n_tasks && n < 512; k++)
                tids[n++] = p->tasks[k].id;
            best = pt_suggest(req->task, tids, n);
        }
        char hint[160];
        pt_did_you_mean(hint, sizeof hint, best);
        pt_diag_add(d, PT_E_EXPLAIN_TASK, "", 0, 0, req->task, hint);
        return NULL;
    }
    *plan_out = found_plan;
    return found;
}

int pt_report_explain_task(pt_buf *out, const pt_set *set, const pt_explain_request *req,
                           pt_diags *d)
{
    bool vi = !req->lang || strcmp(req->lang, "en") != 0;
    const pt_plan *plan = NULL;
    const pt_task *task = find_task(set, req, &plan, d);
    if (!task)
        return -1;
    const pt_agency *agency = NULL;
    if (req->agency) {
        agency = pt_registry_find(plan->registry, req->agency);
        bool assigned = false;
        for (size_t i = 0; agency && i < task->n_lead; i++)
            assigned = assigned || task->lead[i] == agency->index;
        if (!assigned) {
            char hint[160] = "";
            if (!agency)
                pt_did_you_mean(hint, sizeof hint, pt_registry_suggest(plan->registry, req->agency));
            pt_diag_add(d, PT_E_EXPLAIN_AGENCY, "", 0, 0, req->agency, req->task, hint);
            return -1;
        }
    }
    const pt_occurrence *only = NULL;
    if (req->period) {
        char canon[12];
        const char *want = pt_period_label_parse(canon, req->period) == 0 ? canon : req->period;
        const char *labels[256];
        size_t n = 0;
        for (size_t i = 0; i < task->n_occ; i++) {
            if (strcmp(task->occ[i].period, want) == 0)
                only = &task->occ[i];
            if (n < 256)
                labels[n++] = task->occ[i].period;
        }
        if (!only) {
            char hint[160];
            pt_did_you_mean(hint, sizeof hint, pt_suggest(req->period, labels, n));
            pt_diag_add(d, PT_E_EXPLAIN_PERIOD, "", 0, 0, req->task, req->period, hint);
            return -1;
        }
    }
    pt_buf_printf(out, "%s: %s — %s\n", vi ? "Kế hoạch" : "Plan", plan->id, plan->title);
    if (plan->number)
        pt_buf_printf(out, "%s: %s\n", vi ? "Số" : "Number", plan->number);
    pt_buf_printf(out, "%s %s: %s\n", vi ? "Nhiệm vụ" : "Task", task->id, task->title);
    if (agency)
        pt_buf_printf(out, "%s: %s (%s)\n", vi ? "Đơn vị" : "Agency", agency->name,
                      pt_set_agency_label(set, plan->registry, agency->index));
    else
        pt_buf_printf(out, vi ? "Đơn vị: %zu đơn vị được giao, cùng một hạn\n"
                              : "Agencies: %zu assigned, one deadline for all\n",
                      task->n_lead);
    pt_buf_addc(out, '\n');
    pt_explain *ex = pt_explain_new(vi ? "vi" : "en");
    if (!ex)
        return -1;
    if (only)
        pt_explain_only_period(ex, only->period);
    pt_set_explain(set, plan, task, ex, d);
    for (size_t i = 0; i < pt_explain_count(ex); i++)
        pt_buf_printf(out, "%s\n", pt_explain_line(ex, i));
    pt_explain_free(ex);
    pt_buf_addc(out, '\n');
    for (size_t i = 0; i < task->n_occ; i++) {
        const pt_occurrence *o = &task->occ[i];
        if (only && o != only)
            continue;
        char label[64] = "";
        if (o->period[0])
            pt_period_label_human(label, sizeof label, o->period, vi ? "vi" : "en");
        if (o->due == PT_DATE_NONE) {
            pt_buf_printf(out, "%s%s%s\n", label, label[0] ? ": " : "",
                          vi ? "không có hạn kiểm tra được (không theo dõi hạn)" : "no checkable deadline (untracked)");
            continue;
        }
        char due[11];
        pt_date_vn(o->due, due);
        pt_buf_printf(out, "%s%s%s %s\n", label, label[0] ? ": " : "",
                      vi ? "hạn cuối" : "last on-time day", due);
    }
    return 0;
}
