/* pt_output.h - safe output (STYLE 11). A regular file is written under a
 * temporary name beside it, flushed, fsynced and renamed when complete, and
 * removed on failure; a device or a pipe is written in place; every failed
 * write, flush, sync, close or rename is an error.
 */
#ifndef PT_OUTPUT_H
#define PT_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "pt_diag.h"

/* A stream for output that is produced piece by piece: a temporary file
 * beside path that pt_output_close renames onto it, the path itself when
 * it is a device or a pipe (-o /dev/null), or stdout when path is NULL or
 * "-". NULL after an error to d. */
typedef struct pt_outfile pt_outfile;
pt_outfile *pt_output_open(const char *path, pt_diags *d);
FILE *pt_output_stream(pt_outfile *o);
/* commit: flush, check, fsync and rename; otherwise remove the temporary
 * file. Frees o. Returns 0, or -1 after an error to d. */
int pt_output_close(pt_outfile *o, bool commit, pt_diags *d);

#endif
