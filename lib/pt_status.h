/* pt_status.h - status registers: what each agency submitted, and when.
 *
 * Status files come as YAML (SPEC 2.3) or CSV (header
 * plan,agency,task,period,date,ref,note,exempt[,extended]); a path may be a
 * directory, whose *.yaml, *.yml and *.csv files are read in name order.
 * Every record is resolved against the loaded plans: its plan, its agency
 * (by id, name, short name or alias, folded), its task and its period. A
 * record that does not resolve is an error with a did-you-mean: nothing is
 * dropped silently.
 *
 * Details (decided here; the README repeats them):
 *  - A directory is not read recursively; its *.yaml, *.yml and *.csv files
 *    (suffix in any case) are read in strcmp order of their names. Hidden
 *    files (a name starting with '.', such as an editor's or LibreOffice's
 *    lock file) and subdirectories are skipped, as a shell's `*` would. A
 *    directory with no such file is a warning. A path that is a file is
 *    read as CSV when it ends in .csv, else as YAML.
 *  - A record must say something: a date, an exemption (non-empty reason)
 *    or an extension. A recurring task needs a period, a one-off task must
 *    have none; "6 tháng/năm" year reports are labelled with the year and
 *    also accept YEAR-H2. An extension before the plan's last on-time day
 *    is an error. In CSV an empty cell is an absent value; cells are
 *    trimmed of surrounding white space.
 *  - Look-ups go through hash maps built once per loaded set (plan ids,
 *    task ids, each task's period labels, every period label and every
 *    agency string as written), so a million rows cost no quadratic work.
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

/* Caller frees with pt_status_free. The strings of the submissions (ref,
 * note, exempt, file) are owned by st; indices refer to the set given to
 * pt_status_load, which must outlive every use of st's records. */
pt_status *pt_status_new(void);
void pt_status_free(pt_status *st);

/* Files of a directory are read and parsed ahead on up to `jobs` threads
 * (the calling one included); records are still resolved in file order, so
 * the result and the messages do not depend on it. 0 (the default): one
 * thread per core, at most PT_STATUS_MAX_JOBS; 1: no thread is started. */
#define PT_STATUS_MAX_JOBS 8
void pt_status_set_jobs(pt_status *st, int jobs);

/* Reads a status file or directory and resolves its records against set
 * (which must be compiled). Returns 0, or -1 after errors to d. */
int pt_status_load(pt_status *st, const pt_set *set, const char *path, pt_diags *d);

size_t pt_status_count(const pt_status *st);
const pt_submission *pt_status_get(const pt_status *st, size_t i);

/* Status files read, in order (for the workbook's information sheet). */
size_t pt_status_file_count(const pt_status *st);
const char *pt_status_file(const pt_status *st, size_t i);

#endif
