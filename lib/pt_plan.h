/* pt_plan.h - plans, the loaded set, and compiling plans to obligations.
 *
 * A pt_set owns everything loaded for one run: plan files, the registries
 * and calendars they name (each loaded once, however many plans share it),
 * and the obligations compiled from them. Plans, tasks and obligations are
 * exposed as read-only structs; the set owns them.
 *
 * An obligation is one task x one assigned agency (groups expanded) x one
 * period, with its last on-time day.
 */
#ifndef PT_PLAN_H
#define PT_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "pt_calendar.h"
#include "pt_deadline.h"
#include "pt_diag.h"
#include "pt_registry.h"

typedef enum { PT_TASK_PLAN, PT_TASK_REPORT, PT_TASK_ACTION, PT_TASK_DOCUMENT } pt_task_kind;

typedef struct {
    const char *id, *title;
    const char *quote, *note;       /* NULL when absent */
    pt_task_kind kind;
    const uint32_t *lead;           /* agency indices in the plan's registry, unique, sorted */
    size_t n_lead;
    const uint32_t *support;
    size_t n_support;
    int32_t report_to;              /* agency index, -1 when none */
    const char *due_text;           /* as written; NULL when the task has no due */
    pt_deadline due;
    int line, col;                  /* the task's `id:` */
    int due_line, due_col;          /* the `due:` value; the task's when absent */
    const pt_occurrence *occ;       /* filled by pt_set_compile, ordered by period */
    size_t n_occ;
} pt_task;

typedef struct {
    const char *id, *title, *kind;
    const char *number, *issuer, *place, *subject;   /* NULL when absent/null */
    const char *period_text, *source;                /* NULL when absent */
    const char *path;                                /* the plan file as named */
    pt_date issued;                                  /* NONE when null */
    pt_date period_from, period_until;               /* NONE when absent / open */
    const char *const *basis;
    size_t n_basis;
    const pt_registry *registry;
    const pt_calendar *calendar;
    bool roll;
    const pt_task *tasks;
    size_t n_tasks;
    uint32_t index;                                  /* position in the set */
} pt_plan;

typedef struct {
    uint32_t plan, task, agency;   /* agency: index in the plan's registry */
    uint32_t occ;                  /* index into the task's occ[] */
} pt_obligation;

typedef struct pt_set pt_set;

/* Caller frees with pt_set_free. NULL when out of memory. */
pt_set *pt_set_new(void);
void pt_set_free(pt_set *set);

/* Loads a plan file and the registry and calendar it names. Problems go to
 * d; returns 0, or -1 when the plan has errors. */
int pt_set_load_plan(pt_set *set, const char *path, pt_diags *d);

/* Expands every task's deadline and builds the obligations, sorted by plan
 * (load order), agency id, task (document order), period, and the index
 * pt_set_find_obligation reads. as_of bounds open-ended recurrences.
 * Returns 0, or -1 after errors to d. */
int pt_set_compile(pt_set *set, pt_date as_of, pt_diags *d);

size_t pt_set_plan_count(const pt_set *set);
const pt_plan *pt_set_plan(const pt_set *set, size_t i);
const pt_plan *pt_set_find_plan(const pt_set *set, const char *id);
const pt_task *pt_plan_find_task(const pt_plan *plan, const char *id);
size_t pt_set_obligation_count(const pt_set *set);
const pt_obligation *pt_set_obligations(const pt_set *set);

/* Index of the obligation (plan, task, agency, occ) in pt_set_obligations,
 * or SIZE_MAX when the set has none (or is not compiled; plans loaded after
 * the last pt_set_compile have none). One binary search, for the agency in
 * the task's lead list, and a read of where pt_set_compile put that
 * agency's obligations of the task. */
size_t pt_set_find_obligation(const pt_set *set, uint32_t plan, uint32_t task, uint32_t agency,
                              uint32_t occ);

/* Registries loaded, in load order. */
size_t pt_set_registry_count(const pt_set *set);
const pt_registry *pt_set_registry(const pt_set *set, size_t i);

/* The label outputs use for an agency: its id, or "registry/id" when two
 * loaded registries share that id. Borrowed, valid while set lives. */
const char *pt_set_agency_label(const pt_set *set, const pt_registry *r, uint32_t agency);

/* Every input file read so far (plans, registries, calendars), for the
 * workbook's information sheet. */
size_t pt_set_file_count(const pt_set *set);
const char *pt_set_file(const pt_set *set, size_t i);

/* Re-expands one task's deadline with the derivation recorded in ex. */
int pt_set_explain(const pt_set *set, const pt_plan *plan, const pt_task *task, pt_explain *ex,
                   pt_diags *d);

const char *pt_task_kind_name(pt_task_kind k);

#endif
