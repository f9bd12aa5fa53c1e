/* pt_output.h - safe output: write to a temporary name beside the target,
 * fsync, rename. A failed write, flush, sync, close or rename is an error
 * and leaves no file behind (STYLE 11).
 */
#ifndef PT_OUTPUT_H
#define PT_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "pt_diag.h"

/* Writes data to path atomically. Returns 0, or -1 after an error to d. */
int pt_output_write_file(const char *path, const void *data, size_t len, pt_diags *d);

/* A temporary path beside path ("DIR/.NAME.tmp-PID-N"): caller frees. */
char *pt_output_temp_name(const char *path);

/* Renames tmp onto path after an fsync of tmp; removes tmp on failure. */
int pt_output_commit(const char *tmp, const char *path, pt_diags *d);

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

/* Writes data to stdout and checks fflush/ferror (a full disk, a closed
 * pipe). Returns 0, or -1 after an error to d. */
int pt_output_stdout(const void *data, size_t len, pt_diags *d);

#endif
