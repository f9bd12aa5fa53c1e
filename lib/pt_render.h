/* pt_render.h - workbooks for leadership (SPEC 6), with libxlsxwriter.
 *
 * Writes DIR/summary.xlsx (sheets Tổng hợp, Ma trận, Chi tiết, Quá hạn,
 * Biểu đồ, Thông tin; Summary, Matrix, Details, Overdue, Chart, Information
 * with lang "en") and DIR/agencies/<label>.xlsx, one per agency that has
 * obligations; a label "registry/id" gives the file "registry__id.xlsx".
 * DIR and DIR/agencies are created when missing. Each file is written to a
 * temporary name beside its final name and renamed once every workbook is
 * complete; on any failure every file and directory this call created is
 * removed. Workbooks are byte-identical for the same inputs: the creation
 * time is the as-of date.
 *
 * A big render (20,000 obligations or more, on more than one processor)
 * forks one child process that writes some of the workbooks; pt_render
 * waits for it before it returns. The library never prints.
 */
#ifndef PT_RENDER_H
#define PT_RENDER_H

#include "pt_check.h"
#include "pt_diag.h"
#include "pt_status.h"

typedef struct {
    const char *out_dir;
    const char *lang;         /* "vi" (default) or "en" */
    const char *version;      /* program version for the information sheet */
    size_t max_sheet_rows;    /* rows of a sheet, header included, before a table goes
                                 on in "Chi tiết (2)"...; 0 = Excel's 1,048,576 (tests
                                 set a small value) */
} pt_render_opts;

/* Returns 0, or -1 after an error to d (nothing left in out_dir). */
int pt_render(const pt_check *c, const pt_status *st, const pt_render_opts *opts, pt_diags *d);

#endif
