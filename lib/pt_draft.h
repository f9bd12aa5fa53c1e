/* pt_draft.h - a plan skeleton from an issued document's text.
 *
 * Reads the header facts (issuer, number, place and date, kind, V/v
 * subject, title), the basis references, the period, and one task per
 * assignment, matching addressed agencies against a registry when one is
 * given. Every guess is marked with a "# kiểm tra: …" comment.
 */
#ifndef PT_DRAFT_H
#define PT_DRAFT_H

#include <stddef.h>
#include "pt_diag.h"
#include "pt_registry.h"
#include "pt_util.h"

typedef struct {
    size_t tasks, matched, unmatched, deadlines, basis;
} pt_draft_stats;

/* Writes plan YAML to out. reg may be NULL; registry_path is written as the
 * plan's `registry:` (may be NULL). Returns 0, or -1 after an error to d
 * (the text is not UTF-8, is empty, or holds no document). */
int pt_draft(pt_buf *out, pt_draft_stats *stats, const char *name, const char *text, size_t len,
             const pt_registry *reg, const char *registry_path, pt_diags *d);

#endif
