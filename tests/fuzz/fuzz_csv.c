/* fuzz_csv.c - libFuzzer target for the CSV reader and the reference
 * scanner: opens the input as a CSV file, checks its first record as a
 * status header and every later one for width, reads every record to the
 * end, and scans the input (and every field) for document references.
 * Built with -fsanitize=fuzzer; tests/fuzz/replay_main.c replays the corpus
 * in tests/fuzz/corpus/csv without libFuzzer. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pt_csv.h"
#include "pt_diag.h"
#include "pt_docnum.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void scan(const char *s)
{
    pt_docref refs[16];
    size_t n = pt_docref_scan(refs, 16, s);
    for (size_t i = 0; i < n; i++) {
        pt_docnum again;
        if (refs[i].has_num && pt_docnum_parse(&again, refs[i].num.printed) == 0 &&
            !pt_docnum_equal(&again, &refs[i].num))
            abort(); /* a number found in text must parse alone to the same key */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const cols[] = {"plan", "agency", "task", "period", "date",
                                       "ref",  "note",   "exempt", "extended"};
    pt_diags *d = pt_diags_new();
    if (!d)
        return 0;
    pt_csv *csv = pt_csv_open("fuzz.csv", (const char *)data, size, d);
    if (csv) {
        const pt_csv_field *f;
        size_t n, width = 0, records = 0;
        int rc, map[9];
        while ((rc = pt_csv_next(csv, &f, &n)) != 0) {
            if (rc < 0)
                continue;
            for (size_t i = 0; i < n; i++) {
                if (f[i].str[f[i].len] != '\0' || f[i].line < 1 || f[i].col < 1)
                    abort();
                if (f[i].len < 200)
                    scan(f[i].str);
            }
            if (records++ == 0) {
                pt_csv_header_check(csv, f, n, cols, 9, 1, map, d);
                width = n;
            } else {
                pt_csv_width_check(csv, f, n, width, d);
            }
            if (pt_csv_line(csv) < 1)
                abort();
        }
        pt_csv_free(csv);
    }
    pt_diags_free(d);

    /* the whole input as one text (references stop at a NUL) */
    char *text = malloc(size + 1);
    if (text) {
        memcpy(text, data, size);
        text[size] = '\0';
        scan(text);
        pt_docnum num;
        pt_docnum_parse(&num, text);
        free(text);
    }
    return 0;
}
