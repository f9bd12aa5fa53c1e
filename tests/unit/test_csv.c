/* test_csv.c - the CSV reader (pt_csv.h): RFC 4180 edge cases, positions,
 * every diagnostic with its exact text and line:col, the header and width
 * checks, and a round trip of random records through an RFC 4180 writer. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "pt_csv.h"
#include "pt_diag.h"

/* A field's text, position and length. */
#define CHECK_FIELD(f, text, l, c)                                               \
    do {                                                                         \
        CHECK_STR((f).str, text);                                                \
        CHECK_INT((f).len, strlen(text));                                        \
        CHECK_INT((f).line, l);                                                  \
        CHECK_INT((f).col, c);                                                   \
    } while (0)

/* Diagnostic i: code, position and exact text. */
static void check_diag(int srcline, pt_diags *d, size_t i, pt_msg msg, int line, int col,
                       const char *text)
{
    const pt_diag *g = i < pt_diags_count(d) ? pt_diags_get(d, i) : NULL;
    if (!g) {
        t_fail++;
        fprintf(stderr, "%s:%d: no diagnostic %zu (have %zu)\n", __FILE__, srcline, i,
                pt_diags_count(d));
        return;
    }
    if (g->msg != msg || g->line != line || g->col != col || strcmp(g->text, text) != 0 ||
        strcmp(g->file, "t.csv") != 0) {
        t_fail++;
        fprintf(stderr, "%s:%d: diagnostic %zu is %s %s:%d:%d '%s'\n   want %s t.csv:%d:%d '%s'\n",
                __FILE__, srcline, i, pt_msg_name(g->msg), g->file, g->line, g->col, g->text,
                pt_msg_name(msg), line, col, text);
    } else {
        t_pass++;
    }
}
#define CHECK_DIAG(d, i, msg, line, col, text) check_diag(__LINE__, d, i, msg, line, col, text)

/* ---- reading ------------------------------------------------------------- */

typedef struct {
    pt_diags *d;
    pt_csv *csv;
    const pt_csv_field *f;
    size_t n;
} rd;

static void rd_open(rd *r, const char *buf, size_t len)
{
    r->d = pt_diags_new();
    r->csv = pt_csv_open("t.csv", buf, len, r->d);
    r->f = NULL;
    r->n = 0;
}

static int rd_next(rd *r) { return pt_csv_next(r->csv, &r->f, &r->n); }

static void rd_close(rd *r)
{
    pt_csv_free(r->csv);
    pt_diags_free(r->d);
}

#define OPEN(r, lit) rd_open(r, lit, sizeof(lit) - 1)

static void test_simple(void)
{
    rd r;
    OPEN(&r, "plan,agency\nhn,q-ba-dinh\n");
    CHECK(r.csv != NULL);
    CHECK_INT(rd_next(&r), 1);
    CHECK_INT(r.n, 2);
    CHECK_FIELD(r.f[0], "plan", 1, 1);
    CHECK_FIELD(r.f[1], "agency", 1, 6);
    CHECK_INT(pt_csv_line(r.csv), 1);
    CHECK_INT(rd_next(&r), 1);
    CHECK_INT(r.n, 2);
    CHECK_FIELD(r.f[0], "hn", 2, 1);
    CHECK_FIELD(r.f[1], "q-ba-dinh", 2, 4);
    CHECK_INT(pt_csv_line(r.csv), 2);
    CHECK_INT(rd_next(&r), 0);
    CHECK_INT(rd_next(&r), 0);
    CHECK_INT(pt_diags_count(r.d), 0);
    rd_close(&r);
}

static void test_bom(void)
{
    rd r;
    OPEN(&r, "\xEF\xBB\xBFplan,agency\r\nx,y");
    CHECK_INT(rd_next(&r), 1);
    CHECK_FIELD(r.f[0], "plan", 1, 1);
    CHECK_FIELD(r.f[1], "agency", 1, 6);
    CHECK_INT(rd_next(&r), 1);
    CHECK_FIELD(r.f[0], "x", 2, 1);
    CHECK_FIELD(r.f[1], "y", 2, 3);
    CHECK_INT(rd_next(&r), 0);
    rd_close(&r);

    /* a BOM alone is an empty file */
    OPEN(&r, "\xEF\xBB\xBF");
    CHECK(r.csv != NULL);
    CHECK_INT(rd_next(&r), 0);
    rd_close(&r);

    OPEN(&r, "");
    CHECK(r.csv != NULL);
    CHECK_INT(rd_next(&r), 0);
    rd_close(&r);
}

static void test_quotes(void)
{
    rd r;
    OPEN(&r, "a,\"b, c\",d\n\"say \"\"hi\"\"\",x\n\"\",\"\"\"\"\n");
    CHECK_INT(rd_next(&r), 1);
    CHECK_INT(r.n, 3);
    CHECK_FIELD(r.f[0], "a", 1, 1);
    CHECK_FIELD(r.f[1], "b, c", 1, 3);
    CHECK_FIELD(r.f[2], "d", 1, 10);
    CHECK_INT(rd_next(&r), 1);
    CHECK_INT(r.n, 2);
    CHECK_FIELD(r.f[0], "say \"hi\"", 2, 1);
    CHECK_FIELD(r.f[1], "x", 2, 14);
    /* an empty quoted field and a field holding one quote */
    CHECK_INT(rd_next(&r), 1);
    CHECK_INT(r.n, 2);
    CHECK_FIELD(r.f[0], "", 3, 1);
    CHECK_FIELD(r.f[1], "\"", 3, 4);
    CHECK_INT(rd_next(&r), 0);
    CHECK_INT(pt_diags_count(r.d), 0);
    rd_close(&r);

    /* white space around a quoted field is not part of it */
    OPEN(&r, "a,  \"b\"  ,c\n");
    CHECK_INT(rd_next(&r), 1);
    CHECK_INT(r.n, 3);
    CHECK_FIELD(r.f[1], "b", 1, 5);
    CHECK_FIELD(r.f[2], "c", 1, 11);
    rd_close(&r);

    /* white space in an unquoted field is kept */
    OPEN(&r, " a , b \n");
    CHECK_INT(rd_next(&r), 1);
    CHECK_FIELD(r.f[0], " a ", 1, 1);
    CHECK_FIELD(r.f[1], " b ", 1, 5);
    rd_close(&r);
}

static void test_multiline(void)
{
    rd r;
    /* line breaks inside quotes: positions go on counting correctly */
    OPEN(&r, "a,\"line1\nline2\",b\nc,d\n\"x\r\ny\",\"Sở\r\nLĐ\",z\n");
    CHECK_INT(rd_next(&r), 1);
    CHECK_INT(r.n, 3);
    CHECK_FIELD(r.f[0], "a", 1, 1);
    CHECK_FIELD(r.f[1], "line1\nline2", 1, 3);
    CHECK_FIELD(r.f[2], "b", 2, 8);
    CHECK_INT(pt_csv_line(r.csv), 1);
    CHECK_INT(rd_next(&r), 1);
    CHECK_FIELD(r.f[0], "c", 3, 1);
    CHECK_FIELD(r.f[1], "d", 3, 3);
    CHECK_INT(pt_csv_line(r.csv), 3);
    /* CRLF inside quotes becomes "\n" */
    CHECK_INT(rd_next(&r), 1);
    CHECK_INT(r.n, 3);
    CHECK_FIELD(r.f[0], "x\ny", 4, 1);
    CHECK_FIELD(r.f[1], "Sở\nLĐ", 5, 4);
    CHECK_FIELD(r.f[2], "z", 6, 5);
    CHECK_INT(rd_next(&r), 0);
    rd_close(&r);
}

static void test_line_ends(void)
{
    rd r;
    /* CRLF, LF, a lone CR, and a last line without a line end */
    OPEN(&r, "a,b\r\nc,d\ne,f\rg,h");
    const char *want[4][2] = {{"a", "b"}, {"c", "d"}, {"e", "f"}, {"g", "h"}};
    for (int i = 0; i < 4; i++) {
        CHECK_INT(rd_next(&r), 1);
        CHECK_INT(r.n, 2);
        CHECK_FIELD(r.f[0], want[i][0], i + 1, 1);
        CHECK_FIELD(r.f[1], want[i][1], i + 1, 3);
    }
    CHECK_INT(rd_next(&r), 0);
    rd_close(&r);

    /* a trailing comma makes an empty last field, also at the end of the file */
    OPEN(&r, "a,\nb,");
    CHECK_INT(rd_next(&r), 1);
    CHECK_INT(r.n, 2);
    CHECK_FIELD(r.f[1], "", 1, 3);
    CHECK_INT(rd_next(&r), 1);
    CHECK_INT(r.n, 2);
    CHECK_FIELD(r.f[0], "b", 2, 1);
    CHECK_FIELD(r.f[1], "", 2, 3);
    CHECK_INT(rd_next(&r), 0);
    rd_close(&r);

    /* a quoted field at the very end */
    OPEN(&r, "a,\"b\"");
    CHECK_INT(rd_next(&r), 1);
    CHECK_FIELD(r.f[1], "b", 1, 3);
    CHECK_INT(rd_next(&r), 0);
    CHECK_INT(pt_diags_count(r.d), 0);
    rd_close(&r);
}

static void test_blank(void)
{
    rd r;
    OPEN(&r, "\n\na,b\n\n\r\n,,,\n  , \t\n\"\",\"\"\nc,d\n\n");
    CHECK_INT(rd_next(&r), 1);
    CHECK_FIELD(r.f[0], "a", 3, 1);
    CHECK_INT(pt_csv_line(r.csv), 3);
    CHECK_INT(rd_next(&r), 1);
    CHECK_FIELD(r.f[0], "c", 9, 1);
    CHECK_INT(pt_csv_line(r.csv), 9);
    CHECK_INT(rd_next(&r), 0);
    CHECK_INT(pt_diags_count(r.d), 0);
    rd_close(&r);
}

static void test_columns_are_characters(void)
{
    rd r;
    OPEN(&r, "Sở Lao động,x,\"Thương binh, Xã hội\",y\n");
    CHECK_INT(rd_next(&r), 1);
    CHECK_INT(r.n, 4);
    CHECK_FIELD(r.f[0], "Sở Lao động", 1, 1);
    CHECK_FIELD(r.f[1], "x", 1, 13);
    CHECK_FIELD(r.f[2], "Thương binh, Xã hội", 1, 15);
    CHECK_FIELD(r.f[3], "y", 1, 37);
    rd_close(&r);

    /* decomposed text: a combining mark is a character of its own */
    OPEN(&r, "o\xCC\x9B\xCC\x89,z\n");
    CHECK_INT(rd_next(&r), 1);
    CHECK_FIELD(r.f[1], "z", 1, 5);
    rd_close(&r);
}

/* ---- errors -------------------------------------------------------------- */

static void test_unclosed(void)
{
    rd r;
    OPEN(&r, "a,b\nc,\"open\nmore,x\n\"\"\n");
    CHECK_INT(rd_next(&r), 1);
    CHECK_INT(rd_next(&r), -1);
    CHECK_INT(pt_diags_count(r.d), 1);
    CHECK_DIAG(r.d, 0, PT_E_CSV_UNCLOSED, 2, 3,
               "quote '\"' opened here is never closed; the field runs to the end of the file");
    CHECK_INT(rd_next(&r), 0);
    CHECK_INT(pt_diags_count(r.d), 1);
    rd_close(&r);

    /* after a BOM and multibyte text: the column of the quote in characters */
    OPEN(&r, "\xEF\xBB\xBFSở,\"x");
    CHECK_INT(rd_next(&r), -1);
    CHECK_DIAG(r.d, 0, PT_E_CSV_UNCLOSED, 1, 4,
               "quote '\"' opened here is never closed; the field runs to the end of the file");
    rd_close(&r);
}

static void test_stray_quote(void)
{
    rd r;
    OPEN(&r, "a,b\"c,d\ne,f\n");
    CHECK_INT(rd_next(&r), -1);
    CHECK_INT(pt_diags_count(r.d), 1);
    CHECK_DIAG(r.d, 0, PT_E_CSV_STRAY_QUOTE, 1, 4,
               "quote '\"' inside the unquoted field 'b\"c'; put the whole field in quotes and "
               "write the quote twice ('\"\"')");
    /* reading goes on with the next line */
    CHECK_INT(rd_next(&r), 1);
    CHECK_INT(r.n, 2);
    CHECK_FIELD(r.f[0], "e", 2, 1);
    CHECK_INT(rd_next(&r), 0);
    rd_close(&r);

    /* Vietnamese text before the quote; a long field is cut at 40 characters */
    OPEN(&r, "x,Báo cáo số 5 \"tháng\" của Sở Lao động Thương binh và Xã hội\n");
    CHECK_INT(rd_next(&r), -1);
    CHECK_DIAG(r.d, 0, PT_E_CSV_STRAY_QUOTE, 1, 16,
               "quote '\"' inside the unquoted field 'Báo cáo số 5 \"tháng\" của Sở Lao động Thư...'; "
               "put the whole field in quotes and write the quote twice ('\"\"')");
    CHECK_INT(rd_next(&r), 0);
    rd_close(&r);
}

static void test_after_quote(void)
{
    rd r;
    OPEN(&r, "\"ab\"x,c\nd\n");
    CHECK_INT(rd_next(&r), -1);
    CHECK_DIAG(r.d, 0, PT_E_CSV_AFTER_QUOTE, 1, 5,
               "unexpected 'x' after the closing quote; a quoted field must end at a comma or "
               "at the end of the line");
    CHECK_INT(rd_next(&r), 1);
    CHECK_FIELD(r.f[0], "d", 2, 1);
    CHECK_INT(rd_next(&r), 0);
    rd_close(&r);

    /* a multibyte culprit after a quoted field spanning lines */
    OPEN(&r, "a,\"b\nc\" đ\n");
    CHECK_INT(rd_next(&r), -1);
    CHECK_DIAG(r.d, 0, PT_E_CSV_AFTER_QUOTE, 2, 4,
               "unexpected 'đ' after the closing quote; a quoted field must end at a comma or "
               "at the end of the line");
    CHECK_INT(rd_next(&r), 0);
    rd_close(&r);
}

static void test_too_many_fields(void)
{
    char buf[3000];
    size_t n = 0;
    for (int i = 0; i < 1100; i++)
        buf[n++] = ',';
    memcpy(buf + n, "\na,b\n", 5);
    n += 5;
    rd r;
    rd_open(&r, buf, n);
    CHECK_INT(rd_next(&r), -1);
    CHECK_DIAG(r.d, 0, PT_E_CSV_FIELDS, 1, 1024, "row has more than 1024 fields");
    CHECK_INT(rd_next(&r), 1);
    CHECK_FIELD(r.f[0], "a", 2, 1);
    rd_close(&r);
}

static const char UTF8_TEXT[] =
    "invalid UTF-8 byte 0x%02X; the file is probably saved in another encoding such as "
    "Windows-1258: save it as UTF-8";

static void check_bad_utf8(int srcline, const char *buf, size_t len, int line, int col,
                           unsigned byte)
{
    char want[256];
    snprintf(want, sizeof want, UTF8_TEXT, byte);
    pt_diags *d = pt_diags_new();
    pt_csv *csv = pt_csv_open("t.csv", buf, len, d);
    if (csv) {
        t_fail++;
        fprintf(stderr, "%s:%d: bad UTF-8 accepted\n", __FILE__, srcline);
    }
    CHECK_INT(pt_diags_count(d), 1);
    check_diag(srcline, d, 0, PT_E_CSV_UTF8, line, col, want);
    pt_csv_free(csv);
    pt_diags_free(d);
}
#define BAD_UTF8(lit, line, col, byte) check_bad_utf8(__LINE__, lit, sizeof(lit) - 1, line, col, byte)

static void test_bad_utf8(void)
{
    /* "Việt" saved in Windows-1258: ê is 0xEA, the dot below a combining 0xF2 */
    BAD_UTF8("plan,agency\nhn,Vi\xEA\xF2t\n", 2, 6, 0xEA);
    BAD_UTF8("Sở \xEA\n", 1, 4, 0xEA);
    BAD_UTF8("\xEF\xBB\xBF" "ab\xC3", 1, 3, 0xC3);           /* cut at the end */
    BAD_UTF8("a\r\nb\rc\n\"x\ny\"\xC0\x80", 5, 3, 0xC0);     /* overlong */
    BAD_UTF8("\xED\xA0\x80", 1, 1, 0xED);                    /* surrogate */
    BAD_UTF8("x\xF4\x90\x80\x80", 1, 2, 0xF4);               /* above U+10FFFF */
    BAD_UTF8("\xE0\x80\x80", 1, 1, 0xE0);                    /* overlong */
    BAD_UTF8("\x80", 1, 1, 0x80);                            /* lone continuation */
    BAD_UTF8("abcdefghijklmnop\xFF", 1, 17, 0xFF);           /* after the fast path */
    /* the largest valid sequences pass */
    pt_diags *d = pt_diags_new();
    static const char ok[] = "\xF4\x8F\xBF\xBF\xEF\xBF\xBD\xDF\xBF\xF0\x90\x80\x80";
    pt_csv *csv = pt_csv_open("t.csv", ok, sizeof ok - 1, d);
    CHECK(csv != NULL);
    CHECK_INT(pt_diags_count(d), 0);
    pt_csv_free(csv);
    pt_diags_free(d);
}

static void test_nul_and_other_files(void)
{
    pt_diags *d = pt_diags_new();
    static const char nul[] = "a,b\nSở,c\0d\n";
    CHECK(pt_csv_open("t.csv", nul, sizeof nul - 1, d) == NULL);
    CHECK_INT(pt_diags_count(d), 1);
    CHECK_DIAG(d, 0, PT_E_CSV_NUL, 2, 5,
               "file contains a NUL byte, so it is not CSV text; save it as 'CSV UTF-8 (Comma "
               "delimited)'");
    pt_diags_free(d);

    /* UTF-16 with and without a BOM (Excel's "Unicode Text") */
    static const char *const u16[] = {"\xFF\xFEp\0l\0", "\xFE\xFF\0p\0l", "p\0l\0a\0n\0"};
    static const size_t u16len[] = {6, 6, 8};
    for (int i = 0; i < 3; i++) {
        d = pt_diags_new();
        CHECK(pt_csv_open("t.csv", u16[i], u16len[i], d) == NULL);
        CHECK_INT(pt_diags_count(d), 1);
        CHECK_DIAG(d, 0, PT_E_CSV_UTF16, 0, 0,
                   "file is UTF-16 text, not UTF-8; save it as 'CSV UTF-8 (Comma delimited)'");
        pt_diags_free(d);
    }

    /* a workbook saved with a .csv name: .xlsx (zip) and .xls */
    static const char *const wb[] = {"PK\x03\x04\x14\0\x06\0", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"};
    for (int i = 0; i < 2; i++) {
        d = pt_diags_new();
        CHECK(pt_csv_open("t.csv", wb[i], 8, d) == NULL);
        CHECK_INT(pt_diags_count(d), 1);
        CHECK_DIAG(d, 0, PT_E_CSV_WORKBOOK, 0, 0,
                   "file is an Excel workbook, not CSV; save it as 'CSV UTF-8 (Comma delimited)'");
        pt_diags_free(d);
    }
}

/* ---- header and width ---------------------------------------------------- */

static const char *const COLS[] = {"plan", "agency", "task", "period", "date",
                                   "ref",  "note",   "exempt", "extended"};
#define NCOLS 9
#define NOPT 1

/* Reads the first record of buf and checks it as a header. */
static int header(const char *buf, int *colmap, pt_diags **dout, size_t *nfields)
{
    pt_diags *d = pt_diags_new();
    pt_csv *csv = pt_csv_open("t.csv", buf, strlen(buf), d);
    const pt_csv_field *f;
    size_t n;
    int rc = -2;
    if (csv && pt_csv_next(csv, &f, &n) == 1) {
        rc = pt_csv_header_check(csv, f, n, COLS, NCOLS, NOPT, colmap, d);
        if (nfields)
            *nfields = n;
    }
    pt_csv_free(csv);
    *dout = d;
    return rc;
}

static void test_header_ok(void)
{
    int map[NCOLS];
    pt_diags *d;
    CHECK_INT(header("plan,agency,task,period,date,ref,note,exempt\n", map, &d, NULL), 0);
    CHECK_INT(pt_diags_count(d), 0);
    for (int j = 0; j < 8; j++)
        CHECK_INT(map[j], j);
    CHECK_INT(map[8], -1);
    pt_diags_free(d);

    /* any order and case, white space, the optional column, trailing empties */
    size_t n = 0;
    CHECK_INT(header("\xEF\xBB\xBF Agency ,PLAN,task,Extended,period,date,ref,note,exempt,,\r\n",
                     map, &d, &n), 0);
    CHECK_INT(n, 11);
    CHECK_INT(pt_diags_count(d), 0);
    CHECK_INT(map[0], 1);
    CHECK_INT(map[1], 0);
    CHECK_INT(map[2], 2);
    CHECK_INT(map[3], 4);
    CHECK_INT(map[7], 8);
    CHECK_INT(map[8], 3);
    pt_diags_free(d);
}

static void test_header_errors(void)
{
    int map[NCOLS];
    pt_diags *d;

    /* Excel in a Vietnamese locale separates with ';' */
    CHECK_INT(header("plan;agency;task;period;date;ref;note;exempt\n", map, &d, NULL), -1);
    CHECK_INT(pt_diags_count(d), 1);
    CHECK_DIAG(d, 0, PT_E_CSV_SEPARATOR, 1, 1,
               "the header uses ';' as separator; save the file as CSV with commas");
    pt_diags_free(d);

    CHECK_INT(header("plan\tagency\ttask\n", map, &d, NULL), -1);
    CHECK_INT(pt_diags_count(d), 1);
    CHECK_DIAG(d, 0, PT_E_CSV_SEPARATOR, 1, 1,
               "the header uses tabs as separator; save the file as CSV with commas");
    pt_diags_free(d);

    /* a typo: the unknown column with a suggestion, then the missing one */
    CHECK_INT(header("plan,agncy,task,period,date,ref,note,exempt\n", map, &d, NULL), -1);
    CHECK_INT(pt_diags_count(d), 2);
    CHECK_DIAG(d, 0, PT_E_CSV_UNKNOWN_COL, 1, 6, "unknown column 'agncy'; did you mean 'agency'?");
    CHECK_DIAG(d, 1, PT_E_CSV_MISSING_COL, 1, 1, "column 'agency' is missing from the header");
    CHECK_INT(map[1], -1);
    CHECK_INT(map[2], 2);
    pt_diags_free(d);

    /* an unknown column nothing resembles lists the columns */
    CHECK_INT(header("stt,plan,agency,task,period,date,ref,note,exempt\n", map, &d, NULL), -1);
    CHECK_INT(pt_diags_count(d), 1);
    CHECK_DIAG(d, 0, PT_E_CSV_UNKNOWN_COL, 1, 1,
               "unknown column 'stt'; the columns are "
               "plan,agency,task,period,date,ref,note,exempt,extended");
    CHECK_INT(map[0], 1);
    pt_diags_free(d);

    /* a column twice */
    CHECK_INT(header("plan,agency,task,period,date,ref,note,exempt,Plan\n", map, &d, NULL), -1);
    CHECK_INT(pt_diags_count(d), 1);
    CHECK_DIAG(d, 0, PT_E_CSV_DUP_COL, 1, 46,
               "column 'plan' appears twice in the header (columns 1 and 9)");
    CHECK_INT(map[0], 0);
    pt_diags_free(d);

    /* missing required columns, in the order of the list */
    CHECK_INT(header("plan,agency,date\n", map, &d, NULL), -1);
    CHECK_INT(pt_diags_count(d), 5);
    CHECK_DIAG(d, 0, PT_E_CSV_MISSING_COL, 1, 1, "column 'task' is missing from the header");
    CHECK_DIAG(d, 1, PT_E_CSV_MISSING_COL, 1, 1, "column 'period' is missing from the header");
    CHECK_DIAG(d, 4, PT_E_CSV_MISSING_COL, 1, 1, "column 'exempt' is missing from the header");
    pt_diags_free(d);

    /* a data row where the header should be: one message, not nine */
    CHECK_INT(header("hanoi-2020,q-ba-dinh,IV.1,,18/5/2020,,,\n", map, &d, NULL), -1);
    CHECK_INT(pt_diags_count(d), 1);
    CHECK_DIAG(d, 0, PT_E_CSV_NO_HEADER, 1, 1,
               "the first row is not a header; it should read "
               "'plan,agency,task,period,date,ref,note,exempt,extended'");
    pt_diags_free(d);

    /* an empty cell in the middle: a warning, and the check still passes */
    CHECK_INT(header("plan,agency,,task,period,date,ref,note,exempt\n", map, &d, NULL), 0);
    CHECK_INT(pt_diags_count(d), 1);
    CHECK_INT(pt_diags_errors(d), 0);
    CHECK_DIAG(d, 0, PT_W_CSV_EMPTY_COL, 1, 13,
               "column 3 of the header has no name; its cells are ignored");
    CHECK_INT(map[2], 3);
    pt_diags_free(d);
}

static void test_width(void)
{
    pt_diags *d = pt_diags_new();
    static const char buf[] = "a,b,c\nd,e,f,,\ng,h,i,j\nk,l\n";
    pt_csv *csv = pt_csv_open("t.csv", buf, sizeof buf - 1, d);
    const pt_csv_field *f;
    size_t n;
    CHECK_INT(pt_csv_next(csv, &f, &n), 1);
    CHECK_INT(pt_csv_width_check(csv, f, n, 3, d), 0);
    /* even empty extra fields are refused: they are how an unquoted comma
     * shifts the cells after it */
    CHECK_INT(pt_csv_next(csv, &f, &n), 1);
    CHECK_INT(pt_csv_width_check(csv, f, n, 3, d), -1);
    CHECK_INT(pt_csv_next(csv, &f, &n), 1);
    CHECK_INT(pt_csv_width_check(csv, f, n, 3, d), -1);
    CHECK_INT(pt_csv_next(csv, &f, &n), 1);
    CHECK_INT(pt_csv_width_check(csv, f, n, 3, d), -1);
    CHECK_INT(pt_diags_count(d), 3);
    CHECK_DIAG(d, 0, PT_E_CSV_WIDE, 2, 7,
               "row has 5 fields but the header has 3; a value that contains a comma must be in "
               "quotes");
    CHECK_DIAG(d, 1, PT_E_CSV_WIDE, 3, 7,
               "row has 4 fields but the header has 3; a value that contains a comma must be in "
               "quotes");
    CHECK_DIAG(d, 2, PT_E_CSV_NARROW, 4, 3, "row has 2 fields but the header has 3");
    pt_csv_free(csv);
    pt_diags_free(d);
}

/* ---- round trip ---------------------------------------------------------- */

static uint32_t rng = 12345;
static uint32_t rnd(uint32_t n)
{
    rng = rng * 1103515245u + 12345u;
    return (rng >> 16) % n;
}

typedef struct {
    char *buf;
    size_t len, cap;
} sbuf;

static void sadd(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->buf = realloc(b->buf, b->cap);
        if (!b->buf)
            abort();
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

/* Random records written as RFC 4180 with a writer's quoting, then read
 * back: every field's text and position must match. */
static void test_round_trip(void)
{
    static const char *const atoms[] = {"a", "Z", "7", " ", ",", "\"", "\n", "ở", "Đ", "ệ", "-", "\t"};
    enum { NREC = 3000, MAXF = 9 };
    sbuf file = {0};
    sbuf *vals = calloc(NREC * MAXF, sizeof *vals);
    int *nf = calloc(NREC, sizeof *nf), *lines = calloc(NREC * MAXF, sizeof *lines),
        *cols = calloc(NREC * MAXF, sizeof *cols);
    if (!vals || !nf || !lines || !cols)
        abort();
    int line = 1, col = 1;
    sadd(&file, "\xEF\xBB\xBF", 3);
    for (int r = 0; r < NREC; r++) {
        nf[r] = 1 + (int)rnd(MAXF);
        for (int i = 0; i < nf[r]; i++) {
            sbuf *v = &vals[r * MAXF + i];
            int na = (int)rnd(6);
            sadd(v, "", 0);
            for (int k = 0; k < na; k++) {
                const char *a = atoms[rnd(sizeof atoms / sizeof atoms[0])];
                sadd(v, a, strlen(a));
            }
            if (i == 0) /* no blank records: they are skipped */
                sadd(v, "x", 1);
            bool quote = strpbrk(v->buf, ",\"\n") != NULL || rnd(8) == 0;
            if (quote && rnd(4) == 0) { /* white space before the opening quote */
                sadd(&file, "  ", 2);
                col += 2;
            }
            lines[r * MAXF + i] = line;
            cols[r * MAXF + i] = col;
            if (quote) {
                sadd(&file, "\"", 1);
                col++;
                for (const char *p = v->buf; *p; p++) {
                    if (*p == '"') {
                        sadd(&file, "\"\"", 2);
                        col += 2;
                    } else if (*p == '\n') {
                        /* CRLF inside quotes reads back as "\n" */
                        const char *nl = rnd(2) ? "\r\n" : "\n";
                        sadd(&file, nl, strlen(nl));
                        line++;
                        col = 1;
                    } else {
                        sadd(&file, p, 1);
                        col += ((unsigned char)*p & 0xC0) != 0x80;
                    }
                }
                sadd(&file, "\"", 1);
                col++;
            } else {
                for (const char *p = v->buf; *p; p++) {
                    sadd(&file, p, 1);
                    col += ((unsigned char)*p & 0xC0) != 0x80;
                }
            }
            if (i + 1 < nf[r]) {
                sadd(&file, ",", 1);
                col++;
            }
        }
        static const char *const eols[] = {"\n", "\r\n", "\r"};
        const char *eol = eols[rnd(3)];
        if (r + 1 < NREC || rnd(2))
            sadd(&file, eol, strlen(eol));
        line++;
        col = 1;
        if (rnd(10) == 0 && eol[0] == '\n') { /* a blank line (not after a lone CR) */
            sadd(&file, "\n", 1);
            line++;
        }
    }

    pt_diags *d = pt_diags_new();
    pt_csv *csv = pt_csv_open("t.csv", file.buf, file.len, d);
    CHECK(csv != NULL);
    const pt_csv_field *f;
    size_t n;
    int bad = 0;
    for (int r = 0; r < NREC && csv; r++) {
        int rc = pt_csv_next(csv, &f, &n);
        if (rc != 1 || (int)n != nf[r]) {
            fprintf(stderr, "round trip: record %d: rc %d, %zu fields, want %d\n", r, rc, n, nf[r]);
            bad++;
            break;
        }
        for (int i = 0; i < nf[r]; i++) {
            const sbuf *v = &vals[r * MAXF + i];
            if (f[i].len != v->len || memcmp(f[i].str, v->buf, v->len) != 0 ||
                f[i].str[f[i].len] != '\0' || f[i].line != lines[r * MAXF + i] ||
                f[i].col != cols[r * MAXF + i]) {
                if (bad++ < 5)
                    fprintf(stderr, "round trip: record %d field %d: '%s' %d:%d, want '%s' %d:%d\n",
                            r, i, f[i].str, f[i].line, f[i].col, v->buf, lines[r * MAXF + i],
                            cols[r * MAXF + i]);
            }
        }
    }
    if (csv)
        CHECK_INT(pt_csv_next(csv, &f, &n), 0);
    CHECK_INT(bad, 0);
    CHECK_INT(pt_diags_count(d), 0);
    pt_csv_free(csv);
    pt_diags_free(d);
    for (int i = 0; i < NREC * MAXF; i++)
        free(vals[i].buf);
    free(vals);
    free(nf);
    free(lines);
    free(cols);
    free(file.buf);
}

/* 200,000 status rows: counts and the last line, and no per-field cost that
 * would show up as a slow test. */
static void test_many_rows(void)
{
    sbuf file = {0};
    sadd(&file, "plan,agency,task,period,date,ref,note,exempt\r\n", 46);
    char row[160];
    for (int i = 0; i < 200000; i++) {
        int k = snprintf(row, sizeof row,
                         "hanoi-2020,q-ba-dinh-%d,IV.%d,2020-H1,18/5/2020,%d/KH-UBND,\"Ghi chú, %d\",\r\n",
                         i % 30, i % 7, i, i);
        sadd(&file, row, (size_t)k);
    }
    pt_diags *d = pt_diags_new();
    pt_csv *csv = pt_csv_open("t.csv", file.buf, file.len, d);
    const pt_csv_field *f;
    size_t n;
    int rows = 0, rc, map[NCOLS];
    CHECK_INT(pt_csv_next(csv, &f, &n), 1);
    CHECK_INT(pt_csv_header_check(csv, f, n, COLS, NCOLS, NOPT, map, d), 0);
    size_t width = n;
    while ((rc = pt_csv_next(csv, &f, &n)) == 1) {
        rows++;
        if (pt_csv_width_check(csv, f, n, width, d) != 0)
            break;
    }
    CHECK_INT(rc, 0);
    CHECK_INT(rows, 200000);
    CHECK_INT(pt_csv_line(csv), 200001);
    CHECK_INT(pt_diags_count(d), 0);
    pt_csv_free(csv);
    pt_diags_free(d);
    free(file.buf);
}

int main(void)
{
    test_simple();
    test_bom();
    test_quotes();
    test_multiline();
    test_line_ends();
    test_blank();
    test_columns_are_characters();
    test_unclosed();
    test_stray_quote();
    test_after_quote();
    test_too_many_fields();
    test_bad_utf8();
    test_nul_and_other_files();
    test_header_ok();
    test_header_errors();
    test_width();
    test_round_trip();
    test_many_rows();
    pt_csv_free(NULL);
    DONE();
}
