/* pt_render.h - workbooks for leadership (SPEC 6), with libxlsxwriter.
 *
 * Writes DIR/summary.xlsx and DIR/agencies/<label>.xlsx. Each file is
 * written to a temporary name in DIR and renamed when complete; on any
 * failure every file this call created is removed. Workbooks are
 * byte-identical for the same inputs: the creation time is the as-of date.
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
} pt_render_opts;

/* Returns 0, or -1 after an error to d (nothing left in out_dir). */
int pt_render(const pt_check *c, const pt_status *st, const pt_render_opts *opts, pt_diags *d);

#endif
