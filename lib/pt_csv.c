/* pt_csv.c - an RFC 4180 reader for status registers kept in spreadsheets.
 *
 * One pass over a borrowed buffer after an up-front encoding check. Field
 * text is copied (unquoted, NUL-terminated) into one buffer that is reused
 * from record to record, and the field array is reused too, so reading a
 * file costs a handful of mallocs whatever its length. Line and column are
 * tracked as the bytes go by; a column counts characters (UTF-8 lead bytes).
 */
#include "pt_csv.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pt_text.h"

struct pt_csv {
    char *name;
    const char *buf;
    size_t len, pos;
    int line, col;         /* of buf[pos] */
    pt_diags *d;
    bool done;             /* at the end, or after an error that ends reading */
    char *data;            /* field text of the current record */
    size_t dlen, dcap;
    pt_csv_field *fields;
    size_t *offs;          /* offsets of the fields' text in data */
    size_t nf, fcap;
    int rec_line;
};

/* ---- encoding check ------------------------------------------------------ */

/* Characters in s[0..n): every byte that is not a UTF-8 continuation byte. */
static int chars(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static size_t bom_len(const char *buf, size_t len)
{
    return len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* Line and column of byte off, counted as the reader counts them. */
static void locate(const char *buf, size_t len, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = bom_len(buf, len); i < off && i < len; i++) {
        unsigned char b = (unsigned char)buf[i];
        if (b == '\n' || (b == '\r' && (i + 1 >= len || buf[i + 1] != '\n'))) {
            l++;
            c = 1;
        } else if (b != '\r' && (b & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* ---- the reader ---------------------------------------------------------- */

pt_csv *pt_csv_open(const char *name, const char *buf, size_t len, pt_diags *d)
{
    if (!name)
        name = "";
    if (!buf)
        len = 0;
    if (len > INT_MAX) {
        pt_diag_add(d, PT_E_TOO_BIG, name, 0, 0, (size_t)INT_MAX >> 20);
        return NULL;
    }
    const unsigned char *u = (const unsigned char *)buf;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        pt_diag_add(d, PT_E_CSV_UTF16, name, 0, 0);
        return NULL;
    }
    if ((len >= 4 && memcmp(buf, "PK\x03\x04", 4) == 0) ||
        (len >= 8 && memcmp(buf, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)) {
        pt_diag_add(d, PT_E_CSV_WORKBOOK, name, 0, 0);
        return NULL;
    }
    size_t bad;
    int rc = pt_utf8_scan(buf, len, &bad);
    if (rc) {
        int line, col;
        locate(buf, len, bad, &line, &col);
        if (rc == 2 && len >= 4 && ((u[1] == 0 && u[3] == 0) || (u[0] == 0 && u[2] == 0)))
            pt_diag_add(d, PT_E_CSV_UTF16, name, 0, 0);
        else if (rc == 2)
            pt_diag_add(d, PT_E_CSV_NUL, name, line, col);
        else
            pt_diag_add(d, PT_E_CSV_UTF8, name, line, col, u[bad]);
        return NULL;
    }
    pt_csv *csv = calloc(1, sizeof *csv);
    if (!csv || !(csv->name = strdup(name))) {
        free(csv);
        pt_diag_add(d, PT_E_CSV_NOMEM, name, 0, 0);
        return NULL;
    }
    csv->buf = buf;
    csv->len = len;
    csv->pos = bom_len(buf, len);
    csv->line = 1;
    csv->col = 1;
    csv->d = d;
    return csv;
}

void pt_csv_free(pt_csv *csv)
{
    if (!csv)
        return;
    free(csv->name);
    free(csv->data);
    free(csv->fields);
    free(csv->offs);
    free(csv);
}

int pt_csv_line(const pt_csv *csv) { return csv ? csv->rec_line : 0; }

static bool reserve(pt_csv *csv, size_t extra)
{
    if (csv->dcap - csv->dlen >= extra)
        return true;
    size_t cap = csv->dcap ? csv->dcap : 256;
    while (cap - csv->dlen < extra) {
        if (cap > SIZE_MAX / 2)
            return false;
        cap *= 2;
    }
    char *nd = realloc(csv->data, cap);
    if (!nd)
        return false;
    csv->data = nd;
    csv->dcap = cap;
    return true;
}

static bool append(pt_csv *csv, const char *s, size_t n)
{
    if (n == 0)
        return true;
    if (!reserve(csv, n))
        return false;
    memcpy(csv->data + csv->dlen, s, n);
    csv->dlen += n;
    return true;
}

static bool add_field(pt_csv *csv, size_t off, int line, int col)
{
    if (csv->nf == csv->fcap) {
        size_t cap = csv->fcap ? csv->fcap * 2 : 16;
        pt_csv_field *nf = realloc(csv->fields, cap * sizeof *nf);
        if (!nf)
            return false;
        csv->fields = nf;
        size_t *no = realloc(csv->offs, cap * sizeof *no);
        if (!no)
            return false;
        csv->offs = no;
        csv->fcap = cap;
    }
    pt_csv_field *f = &csv->fields[csv->nf];
    f->str = NULL;
    f->len = csv->dlen - off;
    f->line = line;
    f->col = col;
    csv->offs[csv->nf++] = off;
    return true;
}

static bool is_eol(char c) { return c == '\n' || c == '\r'; }

/* Consumes the line end at pos (CRLF, LF or a lone CR). */
static void eat_eol(pt_csv *csv)
{
    if (csv->pos < csv->len && csv->buf[csv->pos] == '\r')
        csv->pos++;
    if (csv->pos < csv->len && csv->buf[csv->pos] == '\n')
        csv->pos++;
    csv->line++;
    csv->col = 1;
}

/* Skips the rest of the physical line after an error in it. */
static void skip_line(pt_csv *csv)
{
    const char *s = csv->buf;
    size_t i = csv->pos;
    while (i < csv->len && !is_eol(s[i]))
        i++;
    csv->pos = i;
    if (i < csv->len) {
        if (s[i] == '\r')
            csv->pos++;
        if (csv->pos < csv->len && s[csv->pos] == '\n')
            csv->pos++;
        csv->line++;
        csv->col = 1;
    }
}

static void oom(pt_csv *csv)
{
    pt_diag_add(csv->d, PT_E_CSV_NOMEM, csv->name, csv->line, csv->col);
    csv->done = true;
}

/* Copies s[0..n) into out for a message: at most 40 characters, "..." after
 * a cut. */
static void excerpt(char *out, size_t size, const char *s, size_t n)
{
    size_t o = 0, chars_out = 0, i = 0;
    while (i < n && chars_out < 40) {
        size_t k = 1;
        while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
            k++;
        if (o + k + 4 >= size)
            break;
        memcpy(out + o, s + i, k);
        o += k;
        i += k;
        chars_out++;
    }
    if (i < n && o + 4 < size) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
}

/* Reads one quoted field starting at the quote at pos. Returns 1, 0 after an
 * unclosed quote, -1 when out of memory. */
static int read_quoted(pt_csv *csv)
{
    const char *s = csv->buf;
    size_t len = csv->len;
    int open_line = csv->line, open_col = csv->col;
    csv->pos++;
    csv->col++;
    while (csv->pos < len) {
        char b = s[csv->pos];
        if (b == '"') {
            if (csv->pos + 1 < len && s[csv->pos + 1] == '"') {
                if (!append(csv, "\"", 1))
                    return -1;
                csv->pos += 2;
                csv->col += 2;
                continue;
            }
            csv->pos++;
            csv->col++;
            return 1;
        }
        if (is_eol(b)) {
            if (!append(csv, "\n", 1))
                return -1;
            eat_eol(csv);
            continue;
        }
        size_t j = csv->pos;
        while (j < len && s[j] != '"' && !is_eol(s[j]))
            j++;
        if (!append(csv, s + csv->pos, j - csv->pos))
            return -1;
        csv->col += chars(s + csv->pos, j - csv->pos);
        csv->pos = j;
    }
    pt_diag_add(csv->d, PT_E_CSV_UNCLOSED, csv->name, open_line, open_col);
    csv->done = true;
    return 0;
}

/* Reads one record into fields. Returns 1, or -1 after an error. */
static int read_record(pt_csv *csv)
{
    const char *s = csv->buf;
    size_t len = csv->len;
    csv->nf = 0;
    csv->dlen = 0;
    csv->rec_line = csv->line;
    for (;;) {
        int fline = csv->line, fcol = csv->col;
        size_t off = csv->dlen;
        /* white space before an opening quote belongs to no field */
        size_t q = csv->pos;
        while (q < len && (s[q] == ' ' || s[q] == '\t'))
            q++;
        if (q < len && s[q] == '"') {
            csv->col += (int)(q - csv->pos);
            csv->pos = q;
            fline = csv->line;
            fcol = csv->col;
            int rc = read_quoted(csv);
            if (rc <= 0) {
                if (rc < 0)
                    oom(csv);
                return -1;
            }
            size_t e = csv->pos;
            while (e < len && (s[e] == ' ' || s[e] == '\t'))
                e++;
            if (e < len && s[e] != ',' && !is_eol(s[e])) {
                csv->col += (int)(e - csv->pos);
                csv->pos = e;
                size_t k = 1;
                while (e + k < len && ((unsigned char)s[e + k] & 0xC0) == 0x80)
                    k++;
                char what[8];
                memcpy(what, s + e, k);
                what[k] = '\0';
                pt_diag_add(csv->d, PT_E_CSV_AFTER_QUOTE, csv->name, csv->line, csv->col, what);
                skip_line(csv);
                return -1;
            }
            csv->col += (int)(e - csv->pos);
            csv->pos = e;
        } else {
            size_t j = csv->pos;
            while (j < len && s[j] != ',' && s[j] != '"' && !is_eol(s[j]))
                j++;
            if (j < len && s[j] == '"') {
                size_t fe = j;
                while (fe < len && s[fe] != ',' && !is_eol(s[fe]))
                    fe++;
                char ex[192];
                excerpt(ex, sizeof ex, s + csv->pos, fe - csv->pos);
                pt_diag_add(csv->d, PT_E_CSV_STRAY_QUOTE, csv->name, csv->line,
                            csv->col + chars(s + csv->pos, j - csv->pos), ex);
                skip_line(csv);
                return -1;
            }
            if (!append(csv, s + csv->pos, j - csv->pos)) {
                oom(csv);
                return -1;
            }
            csv->col += chars(s + csv->pos, j - csv->pos);
            csv->pos = j;
        }
        if (!append(csv, "", 1) || !add_field(csv, off, fline, fcol)) {
            oom(csv);
            return -1;
        }
        csv->fields[csv->nf - 1].len = csv->dlen - 1 - off;
        if (csv->pos < len && s[csv->pos] == ',') {
            if (csv->nf >= PT_CSV_MAX_FIELDS) {
                pt_diag_add(csv->d, PT_E_CSV_FIELDS, csv->name, csv->line, csv->col,
                            PT_CSV_MAX_FIELDS);
                skip_line(csv);
                return -1;
            }
            csv->pos++;
            csv->col++;
            continue;
        }
        if (csv->pos < len)
            eat_eol(csv);
        break;
    }
    for (size_t i = 0; i < csv->nf; i++)
        csv->fields[i].str = csv->data + csv->offs[i];
    return 1;
}

static bool blank_record(const pt_csv *csv)
{
    for (size_t i = 0; i < csv->nf; i++) {
        const pt_csv_field *f = &csv->fields[i];
        for (size_t k = 0; k < f->len; k++)
            if (f->str[k] != ' ' && f->str[k] != '\t')
                return false;
    }
    return true;
}

int pt_csv_next(pt_csv *csv, const pt_csv_field **fields, size_t *n)
{
    *fields = NULL;
    *n = 0;
    if (!csv)
        return 0;
    while (!csv->done) {
        if (csv->pos >= csv->len) {
            csv->done = true;
            break;
        }
        char c = csv->buf[csv->pos];
        if (is_eol(c)) { /* a blank line */
            eat_eol(csv);
            continue;
        }
        int rc = read_record(csv);
        if (rc < 0)
            return -1;
        if (blank_record(csv))
            continue;
        *fields = csv->fields;
        *n = csv->nf;
        return 1;
    }
    return 0;
}

/* ---- header and width checks -------------------------------------------- */

/* s[0..len) without surrounding white space. */
static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n'; }

static void trim(const char **s, size_t *len)
{
    const char *p = *s;
    size_t n = *len;
    while (n && is_ws(*p)) {
        p++;
        n--;
    }
    while (n && is_ws(p[n - 1]))
        n--;
    *s = p;
    *len = n;
}

static bool name_eq(const char *s, size_t len, const char *name)
{
    size_t i = 0;
    for (; i < len && name[i]; i++) {
        char a = s[i], b = name[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a + 32);
        if (b >= 'A' && b <= 'Z')
            b = (char)(b + 32);
        if (a != b)
            return false;
    }
    return i == len && name[i] == '\0';
}

/* The index of the expected name equal to s[0..len), or -1. */
static int find_name(const char *s, size_t len, const char *const *expected, size_t nexp)
{
    trim(&s, &len);
    for (size_t j = 0; j < nexp; j++)
        if (name_eq(s, len, expected[j]))
            return (int)j;
    return -1;
}

/* Does field text s split by sep name at least one expected column? */
static bool split_names(const char *s, size_t len, char sep, const char *const *expected,
                        size_t nexp)
{
    const char *end = s + len;
    if (!memchr(s, sep, len))
        return false;
    while (s <= end) {
        const char *e = memchr(s, sep, (size_t)(end - s));
        if (!e)
            e = end;
        if (find_name(s, (size_t)(e - s), expected, nexp) >= 0)
            return true;
        s = e + 1;
    }
    return false;
}

int pt_csv_header_check(pt_csv *csv, const pt_csv_field *f, size_t n,
                        const char *const *expected, size_t nexp, size_t nopt,
                        int *colmap, pt_diags *d)
{
    const char *name = csv ? csv->name : "";
    for (size_t j = 0; j < nexp; j++)
        colmap[j] = -1;
    if (n == 0 || !f)
        return -1;

    /* Excel in a Vietnamese or European locale writes "plan;agency;...". */
    static const struct { char sep; const char *shown; } seps[] = {{';', "';'"}, {'\t', "tabs"}};
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++)
        for (size_t i = 0; i < n; i++)
            if (split_names(f[i].str, f[i].len, seps[k].sep, expected, nexp)) {
                pt_diag_add(d, PT_E_CSV_SEPARATOR, name, f[i].line, f[i].col, seps[k].shown);
                return -1;
            }

    char list[512];
    size_t lo = 0;
    list[0] = '\0';
    for (size_t j = 0; j < nexp && lo < sizeof list; j++)
        lo += (size_t)snprintf(list + lo, sizeof list - lo, "%s%s", j ? "," : "", expected[j]);

    size_t known = 0, last = 0;
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        const char *s = f[i].str;
        size_t len = f[i].len;
        trim(&s, &len);
        if (len) {
            any = true;
            last = i;
        }
        known += find_name(s, len, expected, nexp) >= 0;
    }
    if (known == 0 && any) {
        pt_diag_add(d, PT_E_CSV_NO_HEADER, name, f[0].line, f[0].col, list);
        return -1;
    }

    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = f[i].str;
        size_t len = f[i].len;
        trim(&s, &len);
        if (len == 0) {
            if (i < last)
                pt_diag_add(d, PT_W_CSV_EMPTY_COL, name, f[i].line, f[i].col, (int)i + 1);
            continue;
        }
        int j = find_name(s, len, expected, nexp);
        char shown[192];
        excerpt(shown, sizeof shown, s, len);
        if (j < 0) {
            char word[128], hint[600];
            size_t wl = len < sizeof word - 1 ? len : sizeof word - 1;
            memcpy(word, s, wl);
            word[wl] = '\0';
            const char *sugg = pt_suggest(word, expected, nexp);
            if (sugg)
                pt_did_you_mean(hint, sizeof hint, sugg);
            else
                snprintf(hint, sizeof hint, "; the columns are %s", list);
            pt_diag_add(d, PT_E_CSV_UNKNOWN_COL, name, f[i].line, f[i].col, shown, hint);
            rc = -1;
        } else if (colmap[j] >= 0) {
            pt_diag_add(d, PT_E_CSV_DUP_COL, name, f[i].line, f[i].col, expected[j],
                        colmap[j] + 1, (int)i + 1);
            rc = -1;
        } else {
            colmap[j] = (int)i;
        }
    }
    size_t nreq = nopt <= nexp ? nexp - nopt : 0;
    for (size_t j = 0; j < nreq; j++)
        if (colmap[j] < 0) {
            pt_diag_add(d, PT_E_CSV_MISSING_COL, name, f[0].line, f[0].col, expected[j]);
            rc = -1;
        }
    return rc;
}

int pt_csv_width_check(pt_csv *csv, const pt_csv_field *f, size_t n, size_t ncols,
                       pt_diags *d)
{
    const char *name = csv ? csv->name : "";
    /* Even an empty extra cell is refused: an unquoted comma inside `ref`
     * followed by an empty last cell would otherwise shift `note` into
     * `exempt` without a word. */
    if (n > ncols) {
        pt_diag_add(d, PT_E_CSV_WIDE, name, f[ncols].line, f[ncols].col, n, ncols);
        return -1;
    }
    if (n < ncols) {
        int line = n ? f[n - 1].line : (csv ? csv->rec_line : 0);
        int col = n ? f[n - 1].col : 1;
        pt_diag_add(d, PT_E_CSV_NARROW, name, line, col, n, ncols);
        return -1;
    }
    return 0;
}
