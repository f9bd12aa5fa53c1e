/* pt_csv.h - an RFC 4180 reader for status registers kept in spreadsheets.
 *
 * UTF-8 with an optional BOM; fields separated by commas; quoted fields may
 * hold commas, doubled quotes and line breaks; CRLF or LF line ends. Every
 * field keeps the line and column (characters, 1-based) where it starts so
 * that an error points at the cell.
 */
#ifndef PT_CSV_H
#define PT_CSV_H

#include <stddef.h>
#include "pt_diag.h"

typedef struct {
    const char *str;   /* unquoted, NUL-terminated; owned by the reader */
    size_t len;
    int line, col;
} pt_csv_field;

typedef struct pt_csv pt_csv;

/* Opens a reader over buf[0..len) (borrowed: must outlive the reader).
 * name is used in diagnostics. Checks UTF-8 and NUL bytes up front (an
 * error and NULL when bad). Caller frees with pt_csv_free. */
pt_csv *pt_csv_open(const char *name, const char *buf, size_t len, pt_diags *d);
void pt_csv_free(pt_csv *csv);

/* Reads the next record. Returns 1 and sets *fields and *n (valid until the
 * next call), 0 at the end, -1 after an error to d (an unclosed quote, a
 * stray quote inside an unquoted field); reading stops at an error that
 * leaves the rest unparseable. Blank lines are skipped. */
int pt_csv_next(pt_csv *csv, const pt_csv_field **fields, size_t *n);

/* Line and column of the record last returned (its first field). */
int pt_csv_line(const pt_csv *csv);

/* ---- Added with pt_csv.c (the CSV engineer): details and checks ---------
 *
 * Reading, in detail: a BOM is skipped and the first line's columns count
 * from after it. A lone CR also ends a line (old Mac exports); a line break
 * inside quotes is kept as "\n". White space before an opening quote or after
 * a closing one is allowed. A blank record (every field empty or white space,
 * such as the ",,,,,,," a spreadsheet writes for an empty row) is skipped like
 * a blank line. After pt_csv_next returns -1 for a stray quote, text after a
 * closing quote or too many fields, the rest of that line is skipped and the
 * next call goes on with the next record; after an unclosed quote (which
 * swallows the rest of the file) or running out of memory it returns 0.
 * A record has at most PT_CSV_MAX_FIELDS fields.
 *
 * The reader does not compare record widths: the caller checks each data
 * record with pt_csv_width_check. */
#define PT_CSV_MAX_FIELDS 1024

/* Checks the header record f[0..n) against expected[0..nexp), of which the
 * last nopt are optional. Names compare case-insensitively (ASCII), ignoring
 * surrounding white space. Sets colmap[j] (nexp entries) to the index of the
 * field holding expected[j], or -1 when absent. Reports to d, with the
 * reader's file name: a header separated by ';' or tabs (and nothing more),
 * a first row that names no expected column (and nothing more), an unknown
 * column (with "did you mean"), a column given twice, a missing required
 * column. An empty header cell before the last named one is a warning and
 * its column is ignored; empty cells at the end (trailing commas) are
 * ignored silently. Returns 0 when no error was reported, -1 otherwise. */
int pt_csv_header_check(pt_csv *csv, const pt_csv_field *f, size_t n,
                        const char *const *expected, size_t nexp, size_t nopt,
                        int *colmap, pt_diags *d);

/* Checks that data record f[0..n) has ncols fields (the header's count,
 * empty trailing cells included). Extra fields that are all empty (trailing
 * commas) are accepted. Returns 0, or -1 after an error to d: too wide
 * (pointing at the first extra non-empty field) or too narrow (pointing at
 * the last field). */
int pt_csv_width_check(pt_csv *csv, const pt_csv_field *f, size_t n, size_t ncols,
                       pt_diags *d);

#endif
