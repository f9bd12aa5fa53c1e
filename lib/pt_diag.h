/* pt_diag.h - the diagnostics list and the message catalogue.
 *
 * The library never prints. Every user-facing problem becomes a pt_diag
 * appended to a pt_diags list, and loading goes on, so that one run reports
 * every mistake. cmd/ prints the list as FILE:LINE:COL: error: message.
 *
 * Every message the library can emit is declared once in the msg/ catalogue files as
 *   PT_MSG(PT_E_NAME, 1203, ERROR, "format with %s")
 * The number is the stable code printed beside the message (PT1203) and
 * documented in the README; tests/bad holds at least one case per code.
 */
#ifndef PT_DIAG_H
#define PT_DIAG_H

#include <stdarg.h>
#include <stddef.h>

typedef enum { PT_SEV_ERROR, PT_SEV_WARNING } pt_severity;

typedef enum {
#define PT_MSG(name, code, sev, fmt) name,
#include "msg/all.def"
#undef PT_MSG
    PT_MSG_COUNT
} pt_msg;

typedef struct {
    const char *file;   /* owned by the list; "" when the problem has no file */
    int line, col;      /* 1-based; col counts characters; 0 when unknown */
    pt_severity sev;
    pt_msg msg;
    const char *text;   /* the formatted message, owned by the list */
} pt_diag;

typedef struct pt_diags pt_diags;

/* Caller frees with pt_diags_free. Returns NULL when out of memory. */
pt_diags *pt_diags_new(void);
void pt_diags_free(pt_diags *d);

/* Appends message msg at file:line:col, formatting the catalogue's format
 * with the arguments. Out of memory is recorded as a count only. */
void pt_diag_add(pt_diags *d, pt_msg msg, const char *file, int line, int col, ...);
void pt_diag_addv(pt_diags *d, pt_msg msg, const char *file, int line, int col, va_list ap);

/* Appends every message of src to dst, in order, and empties src (the
 * counts move too). Lets a worker thread collect a file's messages on its
 * own list and the reader add them in file order. */
void pt_diags_move(pt_diags *dst, pt_diags *src);

size_t pt_diags_count(const pt_diags *d);
const pt_diag *pt_diags_get(const pt_diags *d, size_t i);
size_t pt_diags_errors(const pt_diags *d);
size_t pt_diags_warnings(const pt_diags *d);

/* Orders the list as a reader expects it: files in the order they were
 * first named, then by line and column, then in the order added. Drops
 * exact duplicates (a registry shared by two plans is reported once). */
void pt_diags_sort(pt_diags *d);

/* The catalogue. pt_msg_code gives "PT1203". */
const char *pt_msg_code(pt_msg m);
const char *pt_msg_format(pt_msg m);
pt_severity pt_msg_severity(pt_msg m);
int pt_msg_number(pt_msg m);
const char *pt_msg_name(pt_msg m);

#endif
