/* test_docnum.c - document numbers and references (pt_docnum.h): every
 * field of every shape found in the seed documents, the cleaning that makes
 * variants compare equal, and references found inside sentences. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "pt_date.h"
#include "pt_docnum.h"

static void fail_str(int line, const char *what, const char *got, const char *want)
{
    t_fail++;
    fprintf(stderr, "%s:%d: %s is '%s', want '%s'\n", __FILE__, line, what, got, want);
}

static void fail_int(int line, const char *what, long got, long want)
{
    t_fail++;
    fprintf(stderr, "%s:%d: %s is %ld, want %ld\n", __FILE__, line, what, got, want);
}

#define EQ_STR(line, what, got, want)                                            \
    do {                                                                         \
        if (strcmp(got, want) != 0)                                              \
            fail_str(line, what, got, want);                                     \
        else                                                                     \
            t_pass++;                                                            \
    } while (0)

#define EQ_INT(line, what, got, want)                                            \
    do {                                                                         \
        if ((long)(got) != (long)(want))                                         \
            fail_int(line, what, (long)(got), (long)(want));                     \
        else                                                                     \
            t_pass++;                                                            \
    } while (0)

/* Every field of a parsed number. */
static void check_num(int line, const pt_docnum *d, const char *printed, const char *clean,
                      const char *key, long number, int year, const char *kind,
                      const char *issuer)
{
    EQ_STR(line, "printed", d->printed, printed);
    EQ_STR(line, "clean", d->clean, clean);
    EQ_STR(line, "key", d->key, key);
    EQ_INT(line, "number", d->number, number);
    EQ_INT(line, "year", d->year, year);
    EQ_STR(line, "kind", d->kind, kind);
    EQ_STR(line, "issuer", d->issuer, issuer);
}

static void parse_ok(int line, const char *s, const char *printed, const char *clean,
                     const char *key, long number, int year, const char *kind, const char *issuer)
{
    pt_docnum d;
    int rc = pt_docnum_parse(&d, s);
    EQ_INT(line, s, rc, 0);
    check_num(line, &d, printed, clean, key, number, year, kind, issuer);
}
#define PARSE(s, printed, clean, key, number, year, kind, issuer) \
    parse_ok(__LINE__, s, printed, clean, key, number, year, kind, issuer)

static void parse_bad(int line, const char *s)
{
    pt_docnum d;
    memset(&d, 0x55, sizeof d);
    int rc = pt_docnum_parse(&d, s);
    EQ_INT(line, s ? s : "(null)", rc, -1);
    /* a failed parse leaves an empty number, not garbage */
    check_num(line, &d, "", "", "", -1, 0, "", "");
}
#define BAD(s) parse_bad(__LINE__, s)

static void test_parse(void)
{
    /*    input                     printed               clean               key                  no.  year  kind  issuer */
    PARSE("1554/UBND-KGVX", "1554/UBND-KGVX", "1554/UBND-KGVX", "1554/UBND-KGVX", 1554, 0, "CV", "UBND-KGVX");
    PARSE("3410/UBND-VX", "3410/UBND-VX", "3410/UBND-VX", "3410/UBND-VX", 3410, 0, "CV", "UBND-VX");
    PARSE("03/KH-UBND", "03/KH-UBND", "03/KH-UBND", "03/KH-UBND", 3, 0, "KH", "UBND");
    PARSE("56/2017/NĐ-CP", "56/2017/NĐ-CP", "56/2017/NĐ-CP", "56/2017/NĐ-CP", 56, 2017, "NĐ", "CP");
    PARSE("121/2020/QH14", "121/2020/QH14", "121/2020/QH14", "121/2020/QH14", 121, 2020, "QH", "QH14");
    PARSE("28/2019/TT-BLĐTBXH", "28/2019/TT-BLĐTBXH", "28/2019/TT-BLĐTBXH", "28/2019/TT-BLĐTBXH", 28, 2019, "TT", "BLĐTBXH");
    PARSE("566-CV/HU", "566-CV/HU", "566-CV/HU", "566-CV/HU", 566, 0, "CV", "HU");
    PARSE("20-CT/TW", "20-CT/TW", "20-CT/TW", "20-CT/TW", 20, 0, "CT", "TW");
    PARSE("19-CT/TU", "19-CT/TU", "19-CT/TU", "19-CT/TU", 19, 0, "CT", "TU");
    PARSE("1472/QĐ-TTg", "1472/QĐ-TTg", "1472/QĐ-TTg", "1472/QĐ-TTG", 1472, 0, "QĐ", "TTg");
    PARSE("995/LĐTĐBXH-TE", "995/LĐTĐBXH-TE", "995/LĐTĐBXH-TE", "995/LĐTĐBXH-TE", 995, 0, "CV", "LĐTĐBXH-TE");
    PARSE("666/LĐTBXH-TE", "666/LĐTBXH-TE", "666/LĐTBXH-TE", "666/LĐTBXH-TE", 666, 0, "CV", "LĐTBXH-TE");
    PARSE("2032/VP-KGVX", "2032/VP-KGVX", "2032/VP-KGVX", "2032/VP-KGVX", 2032, 0, "CV", "VP-KGVX");
    PARSE("154/KH-UBND", "154/KH-UBND", "154/KH-UBND", "154/KH-UBND", 154, 0, "KH", "UBND");
    /* as printed in the documents' headings */
    PARSE("Số: **1554**/UBND-KGVX", "1554/UBND-KGVX", "1554/UBND-KGVX", "1554/UBND-KGVX", 1554, 0, "CV", "UBND-KGVX");
    PARSE("Số: 3410 /UBND-VX", "3410 /UBND-VX", "3410/UBND-VX", "3410/UBND-VX", 3410, 0, "CV", "UBND-VX");
    PARSE("Số 566 -CV/HU", "566 -CV/HU", "566-CV/HU", "566-CV/HU", 566, 0, "CV", "HU");
    PARSE("SỐ: 03/KH-UBND", "03/KH-UBND", "03/KH-UBND", "03/KH-UBND", 3, 0, "KH", "UBND");
    PARSE("  số 20-CT/TW.  ", "20-CT/TW", "20-CT/TW", "20-CT/TW", 20, 0, "CT", "TW");
    /* stray spaces and case */
    PARSE("1472/QĐ- TTg", "1472/QĐ- TTg", "1472/QĐ-TTg", "1472/QĐ-TTG", 1472, 0, "QĐ", "TTg");
    PARSE("1472/QĐ-TTG", "1472/QĐ-TTG", "1472/QĐ-TTG", "1472/QĐ-TTG", 1472, 0, "QĐ", "TTG");
    PARSE("1472/qđ-ttg", "1472/qđ-ttg", "1472/qđ-ttg", "1472/QĐ-TTG", 1472, 0, "QĐ", "ttg");
    PARSE("56 / 2017 / NĐ-CP", "56 / 2017 / NĐ-CP", "56/2017/NĐ-CP", "56/2017/NĐ-CP", 56, 2017, "NĐ", "CP");
    /* an en dash counts as a hyphen */
    PARSE("1472/QĐ–TTg", "1472/QĐ–TTg", "1472/QĐ-TTg", "1472/QĐ-TTG", 1472, 0, "QĐ", "TTg");
    /* decomposed input is normalised to NFC (Đ has no decomposition; ệ does) */
    PARSE("12/KH-SLĐTBXHe\xCC\xA3\xCC\x82", "12/KH-SLĐTBXHệ", "12/KH-SLĐTBXHệ", "12/KH-SLĐTBXHỆ", 12, 0, "KH", "SLĐTBXHệ");
    /* a joint circular: the issuer keeps every part */
    PARSE("01/2010/TTLT-BCA-BQP", "01/2010/TTLT-BCA-BQP", "01/2010/TTLT-BCA-BQP", "01/2010/TTLT-BCA-BQP", 1, 2010, "TTLT", "BCA-BQP");
    /* kinds keep their official spelling whatever the case */
    PARSE("5/TTR-UBND", "5/TTR-UBND", "5/TTR-UBND", "5/TTR-UBND", 5, 0, "TTr", "UBND");
    /* one part that is not QH: an organisation's letter */
    PARSE("15/UBND", "15/UBND", "15/UBND", "15/UBND", 15, 0, "CV", "UBND");

    BAD(NULL);
    BAD("");
    BAD("   ");
    BAD("abc");
    BAD("Luật Trẻ em");
    BAD("1472");
    BAD("1472/");
    BAD("/QĐ-TTg");
    BAD("28/9/2020");
    BAD("2016-2020");
    BAD("1472/QĐ-TTg ngày 28/9/2020");
    BAD("1234567890/KH-UBND");
    BAD("566-CV");
    BAD("12/KH-UBND-ABCDEFGHIJKLMNOPQRSTUVWXYZ-ABCDEFGHIJKLMNOPQRSTUVWXYZ-ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    BAD("Vi\xEA\xF2t 12/KH");
    BAD("12/KH-\xEA");
}

static void test_equal(void)
{
    static const char *const same[] = {"1472/QĐ-TTg", "1472/QĐ- TTg", "1472/QĐ-TTG", "Số: 1472 /QĐ-TTg",
                                       "1472 / QĐ - TTg", "1472/QĐ–TTg"};
    pt_docnum a, b;
    CHECK(pt_docnum_parse(&a, same[0]) == 0);
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        CHECK(pt_docnum_parse(&b, same[i]) == 0);
        CHECK(pt_docnum_equal(&a, &b));
        CHECK(pt_docnum_equal(&b, &a));
    }
    CHECK(pt_docnum_parse(&b, "1473/QĐ-TTg") == 0);
    CHECK(!pt_docnum_equal(&a, &b));
    CHECK(pt_docnum_parse(&b, "1472/QĐ-UBND") == 0);
    CHECK(!pt_docnum_equal(&a, &b));

    CHECK(pt_docnum_parse(&a, "566 -CV/HU") == 0);
    CHECK(pt_docnum_parse(&b, "566-cv/hu") == 0);
    CHECK(pt_docnum_equal(&a, &b));

    /* two failed parses are not equal numbers */
    pt_docnum_parse(&a, "x");
    pt_docnum_parse(&b, "y");
    CHECK(!pt_docnum_equal(&a, &b));
}

/* ---- references ---------------------------------------------------------- */

static void check_ref(int line, const pt_docref *r, const char *type, const char *printed,
                      const char *key, long number, int year, const char *kind,
                      const char *issuer, const char *date)
{
    EQ_INT(line, "has_num", r->has_num, printed[0] != '\0');
    EQ_STR(line, "type", r->type, type);
    EQ_STR(line, "printed", r->num.printed, printed);
    EQ_STR(line, "key", r->num.key, key);
    EQ_INT(line, "number", r->num.number, number);
    EQ_INT(line, "year", r->num.year, year);
    EQ_STR(line, "kind", r->num.kind, kind);
    EQ_STR(line, "issuer", r->num.issuer, issuer);
    char iso[11] = "none";
    if (r->date != PT_DATE_NONE)
        pt_date_iso(r->date, iso);
    EQ_STR(line, "date", iso, date);
}
#define REF(r, type, printed, key, number, year, kind, issuer, date) \
    check_ref(__LINE__, r, type, printed, key, number, year, kind, issuer, date)

#define SCAN(out, text, want)                                                     \
    do {                                                                          \
        size_t n_ = pt_docref_scan(out, sizeof(out) / sizeof(out)[0], text);      \
        if (n_ != (size_t)(want))                                                 \
            fail_int(__LINE__, "references found", (long)n_, (long)(want));       \
        else                                                                      \
            t_pass++;                                                             \
    } while (0)

static void test_parse_ref(void)
{
    pt_docref r;
    CHECK(pt_docref_parse(&r, "Thực hiện Quyết định số 1472/QĐ-TTg ngày 28/9/2020 của Thủ tướng "
                              "Chính phủ ban hành Kế hoạch thực hiện Nghị quyết số 121/2020/QH14 "
                              "ngày 19/6/2020 của Quốc hội") == 0);
    REF(&r, "Quyết định", "1472/QĐ-TTg", "1472/QĐ-TTG", 1472, 0, "QĐ", "TTg", "2020-09-28");

    CHECK(pt_docref_parse(&r, "Thông tư số 28/2019/TT-BLĐTBXH ngày 26/12/2019 của Bộ Lao động "
                              "Thương binh và Xã hội") == 0);
    REF(&r, "Thông tư", "28/2019/TT-BLĐTBXH", "28/2019/TT-BLĐTBXH", 28, 2019, "TT", "BLĐTBXH", "2019-12-26");

    CHECK(pt_docref_parse(&r, "Công văn số 666/LĐTBXH-TE ngày 27/02/2020") == 0);
    REF(&r, "Công văn", "666/LĐTBXH-TE", "666/LĐTBXH-TE", 666, 0, "CV", "LĐTBXH-TE", "2020-02-27");

    CHECK(pt_docref_parse(&r, "Chỉ thị số 20-CT/TW ngày 05/11/2012") == 0);
    REF(&r, "Chỉ thị", "20-CT/TW", "20-CT/TW", 20, 0, "CT", "TW", "2012-11-05");

    CHECK(pt_docref_parse(&r, "Nghị định số 56/2017/NĐ-CP ngày 09/5/2017") == 0);
    REF(&r, "Nghị định", "56/2017/NĐ-CP", "56/2017/NĐ-CP", 56, 2017, "NĐ", "CP", "2017-05-09");

    /* a law cited by its name */
    CHECK(pt_docref_parse(&r, "Luật Trẻ em") == 0);
    REF(&r, "Luật", "", "", -1, 0, "", "", "none");
    CHECK(pt_docref_parse(&r, "Luật trẻ em năm 2016") == 0);
    REF(&r, "Luật", "", "", -1, 0, "", "", "none");

    /* a number without a type word or date */
    CHECK(pt_docref_parse(&r, "Số: **1554**/UBND-KGVX") == 0);
    REF(&r, "", "1554/UBND-KGVX", "1554/UBND-KGVX", 1554, 0, "CV", "UBND-KGVX", "none");
    CHECK(pt_docref_parse(&r, "Số 566 -CV/HU") == 0);
    REF(&r, "", "566 -CV/HU", "566-CV/HU", 566, 0, "CV", "HU", "none");

    /* the date written out, and a date that does not exist */
    CHECK(pt_docref_parse(&r, "Công văn số 995/LĐTĐBXH-TE ngày 17 tháng 3 năm 2017") == 0);
    REF(&r, "Công văn", "995/LĐTĐBXH-TE", "995/LĐTĐBXH-TE", 995, 0, "CV", "LĐTĐBXH-TE", "2017-03-17");
    CHECK(pt_docref_parse(&r, "Kế hoạch số 76/KH-UBND ngày 31/02/2020") == 0);
    REF(&r, "Kế hoạch", "76/KH-UBND", "76/KH-UBND", 76, 0, "KH", "UBND", "none");

    /* a heading in capitals */
    CHECK(pt_docref_parse(&r, "KẾ HOẠCH TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 1472/QĐ-TTG NGÀY "
                              "28/9/2020 CỦA THỦ TƯỚNG CHÍNH PHỦ") == 0);
    REF(&r, "Quyết định", "1472/QĐ-TTG", "1472/QĐ-TTG", 1472, 0, "QĐ", "TTG", "2020-09-28");

    /* decomposed text (as some editors save it) */
    CHECK(pt_docref_parse(&r, "Quye\xCC\x82\xCC\x81t \xC4\x91i\xCC\xA3nh so\xCC\x82\xCC\x81 "
                              "1472/Q\xC4\x90-TTg nga\xCC\x80y 28/9/2020") == 0);
    REF(&r, "Quyết định", "1472/QĐ-TTg", "1472/QĐ-TTG", 1472, 0, "QĐ", "TTg", "2020-09-28");

    /* nothing to find */
    CHECK(pt_docref_parse(&r, "giai đoạn 2016-2020 như: Chương trình bảo vệ trẻ em") == -1);
    REF(&r, "", "", "", -1, 0, "", "", "none");
    CHECK(pt_docref_parse(&r, "Thanh Hóa, ngày 03 tháng 4 năm 2017") == -1);
    CHECK(pt_docref_parse(&r, "theo quy định của pháp luật, quyết định số lượng") == -1);
    CHECK(pt_docref_parse(&r, "trước ngày 20/5/2020") == -1);
    CHECK(pt_docref_parse(&r, "") == -1);
    CHECK(pt_docref_parse(&r, NULL) == -1);
}

static void test_scan(void)
{
    pt_docref out[8];

    SCAN(out, "Thực hiện Quyết định số 1472/QĐ-TTg ngày 28/9/2020 của Thủ tướng Chính phủ ban "
              "hành Kế hoạch thực hiện Nghị quyết số 121/2020/QH14 ngày 19/6/2020 của Quốc hội",
         2);
    REF(&out[0], "Quyết định", "1472/QĐ-TTg", "1472/QĐ-TTG", 1472, 0, "QĐ", "TTg", "2020-09-28");
    REF(&out[1], "Nghị quyết", "121/2020/QH14", "121/2020/QH14", 121, 2020, "QH", "QH14", "2020-06-19");

    /* several numbers share the type word before them */
    SCAN(out, "Chủ trì, phối hợp các đơn vị liên quan nghiên cứu chỉ đạo của Bộ Lao động Thương "
              "binh và Xã hội tại Công văn số 995/LĐTĐBXH-TE ngày 17/3/2017 và Chỉ thị số 19-CT/TU "
              "ngày 19/6/2013 của Thành ủy; các Kế hoạch của UBND Thành phố: Số 154/KH-UBND ngày "
              "02/10/2013, số 34/KH-UBND ngày 04/02/2016, số 77/KH-UBND ngày 22/4/2016; đề xuất",
         5);
    REF(&out[0], "Công văn", "995/LĐTĐBXH-TE", "995/LĐTĐBXH-TE", 995, 0, "CV", "LĐTĐBXH-TE", "2017-03-17");
    REF(&out[1], "Chỉ thị", "19-CT/TU", "19-CT/TU", 19, 0, "CT", "TU", "2013-06-19");
    REF(&out[2], "Kế hoạch", "154/KH-UBND", "154/KH-UBND", 154, 0, "KH", "UBND", "2013-10-02");
    REF(&out[3], "Kế hoạch", "34/KH-UBND", "34/KH-UBND", 34, 0, "KH", "UBND", "2016-02-04");
    REF(&out[4], "Kế hoạch", "77/KH-UBND", "77/KH-UBND", 77, 0, "KH", "UBND", "2016-04-22");

    /* a named law, then numbered documents */
    SCAN(out, "Thực hiện Luật Trẻ em; Thông tư số 28/2019/TT-BLĐTBXH ngày 26/12/2019 của Bộ Lao "
              "động Thương binh và Xã hội hướng dẫn việc tổ chức Tháng hành động vì trẻ em; Công "
              "văn số 666/LĐTBXH-TE ngày 27/02/2020 của Bộ Lao động Thương binh và Xã hội",
         3);
    REF(&out[0], "Luật", "", "", -1, 0, "", "", "none");
    REF(&out[1], "Thông tư", "28/2019/TT-BLĐTBXH", "28/2019/TT-BLĐTBXH", 28, 2019, "TT", "BLĐTBXH", "2019-12-26");
    REF(&out[2], "Công văn", "666/LĐTBXH-TE", "666/LĐTBXH-TE", 666, 0, "CV", "LĐTBXH-TE", "2020-02-27");

    SCAN(out, "Nghị định số 56/2017/NĐ-CP quy định chi tiết một số điều của Luật Trẻ em", 2);
    REF(&out[0], "Nghị định", "56/2017/NĐ-CP", "56/2017/NĐ-CP", 56, 2017, "NĐ", "CP", "none");
    REF(&out[1], "Luật", "", "", -1, 0, "", "", "none");

    /* a type word does not carry past the end of its sentence */
    SCAN(out, "Thực hiện Quyết định số 1472/QĐ-TTg. Sở gửi văn bản 12/SLĐTBXH-BVTE về", 2);
    REF(&out[0], "Quyết định", "1472/QĐ-TTg", "1472/QĐ-TTG", 1472, 0, "QĐ", "TTg", "none");
    REF(&out[1], "", "12/SLĐTBXH-BVTE", "12/SLĐTBXH-BVTE", 12, 0, "CV", "SLĐTBXH-BVTE", "none");

    /* a spaced dash ends a number; a spaced one inside it does not */
    SCAN(out, "Quyết định 1472/QĐ- TTg - Quyết định 5/QĐ-UBND", 2);
    REF(&out[0], "Quyết định", "1472/QĐ- TTg", "1472/QĐ-TTG", 1472, 0, "QĐ", "TTg", "none");
    REF(&out[1], "Quyết định", "5/QĐ-UBND", "5/QĐ-UBND", 5, 0, "QĐ", "UBND", "none");

    /* the heading of a Party document */
    SCAN(out, "HUYỆN ỦY ĐAN PHƯỢNG\nSố 566 -CV/HU\n\nChỉ thị số 20-CT/TW ngày 05/11/2012", 2);
    REF(&out[0], "", "566 -CV/HU", "566-CV/HU", 566, 0, "CV", "HU", "none");
    REF(&out[1], "Chỉ thị", "20-CT/TW", "20-CT/TW", 20, 0, "CT", "TW", "2012-11-05");

    /* only max are written */
    pt_docref two[2];
    CHECK(pt_docref_scan(two, 2, "số 1/KH-UBND, số 2/KH-UBND, số 3/KH-UBND") == 2);
    REF(&two[1], "", "2/KH-UBND", "2/KH-UBND", 2, 0, "KH", "UBND", "none");
    CHECK(pt_docref_scan(two, 0, "số 1/KH-UBND") == 0);
    CHECK(pt_docref_scan(two, 2, NULL) == 0);

    /* dates, years and ranges are not numbers */
    SCAN(out, "từ ngày 01/6 đến ngày 30/6/2020, giai đoạn 2016-2020, năm 2020/2021", 0);
    /* invalid UTF-8 does not stop the scan */
    SCAN(out, "Vi\xEA\xF2t Kế hoạch số 9/KH-UBND", 1);
    REF(&out[0], "Kế hoạch", "9/KH-UBND", "9/KH-UBND", 9, 0, "KH", "UBND", "none");
}

int main(void)
{
    test_parse();
    test_equal();
    test_parse_ref();
    test_scan();
    DONE();
}
