/* pt_status.h - status registers: what each agency submitted, and when.
 *
 * Status files come as YAML (SPEC 2.3) or CSV (header
 * plan,agency,task,period,date,ref,note,exempt[,extended]); a path may be a
 * directory, whose *.yaml, *.yml and *.csv files are read in name order.
 * Every record is resolved against the loaded plans: its plan, its agency
 * (by id, name, short name or alias, folded), its task and its period. A
 * record that does not resolve is an error with a did-you-mean: nothing is
 * dropped silently.
 */
#ifndef PT_STATUS_H
#define PT_STATUS_H

#include <stddef.h>
#include <stdint.h>
#include "pt_date.h"
#include "pt_diag.h"
#include "pt_plan.h"

typedef struct {
    uint32_t plan, task, agency;   /* as in pt_obligation */
    uint32_t occ;                  /* index into the task's occ[] */
    pt_date date;                  /* received; NONE for a pure exemption/extension */
    pt_date extended;              /* approved new last on-time day, or NONE */
    const char *ref, *note;        /* NULL when absent */
    const char *exempt;            /* the reason, NULL when not exempt */
    const char *file;              /* where the record was written */
    int line, col;
} pt_submission;

typedef struct pt_status pt_status;

/* Caller frees with pt_status_free. */
pt_status *pt_status_new(void);
void pt_status_free(pt_status *st);

/* Reads a status file or directory and resolves its records against set
 * (which must be compiled). Returns 0, or -1 after errors to d. */
int pt_status_load(pt_status *st, const pt_set *set, const char *path, pt_diags *d);

size_t pt_status_count(const pt_status *st);
const pt_submission *pt_status_get(const pt_status *st, size_t i);

/* Status files read, in order (for the workbook's information sheet). */
size_t pt_status_file_count(const pt_status *st);
const char *pt_status_file(const pt_status *st, size_t i);

#endif
