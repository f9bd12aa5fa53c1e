#!/usr/bin/python3
"""gen_golden.py - writes tests/deadline/golden.tsv.

Every expected last on-time day here is computed by this script, independently
of the C code: Python's datetime and the holiday calendar read straight from
plans/calendars/vn.yaml (PyYAML), with the rules of SPEC section 3 written out
case by case (by(), before(), workdays(), the periods listed by hand or by a
comprehension). The C program's output is never copied into the table.

    /usr/bin/python3 tests/deadline/gen_golden.py      # from the source root

The TSV format is described in tests/deadline/golden_main.c.
"""
import datetime as dt
import os
import sys
import unicodedata

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CAL = yaml.safe_load(open(os.path.join(ROOT, "plans/calendars/vn.yaml"), encoding="utf-8"))


def _dates(key):
    out = set()
    for e in CAL.get(key) or []:
        out.add(e["date"] if isinstance(e, dict) else e)
    return out


HOLIDAYS, WORKDAYS = _dates("holidays"), _dates("workdays")
WEEKEND = {["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(w) for w in CAL["weekend"]}
ONE = dt.timedelta(days=1)


def off(d, cal=True):
    if cal and d in HOLIDAYS:
        return True
    if cal and d in WORKDAYS:
        return False
    return d.weekday() in WEEKEND


def roll(d, cal=True):
    while off(d, cal):
        d += ONE
    return d


def iso(d):
    return d.isoformat()


def by(y, m, d, cal=True, rolled=True):
    x = dt.date(y, m, d)
    return iso(roll(x, cal) if rolled else x)


def before(y, m, d, cal=True, rolled=True):
    x = dt.date(y, m, d) - ONE
    return iso(roll(x, cal) if rolled else x)


def plus_days(issued, n):
    return iso(roll(issued + dt.timedelta(days=n)))


def workdays(issued, n):
    d = issued
    while n > 0:
        d += ONE
        if not off(d):
            n -= 1
    return iso(d)


def last_day(y, m):
    return (dt.date(y + m // 12, m % 12 + 1, 1) - ONE).day


def one(date):
    return "=" + date


def rec(pairs):
    return ",".join("%s=%s" % p for p in pairs)


def untracked(labels):
    return ",".join("%s=untracked" % l for l in labels)


P = "plan.yaml:7:"      # every phrase is placed at plan.yaml line 7, column 10


def err(col, msg):
    return "error: %s%d: error: %s" % (P, col, msg)


def warn(col, msg):
    return "%s%d: warning: %s" % (P, col, msg)


def col(prefix):
    """Column of the character after prefix, the phrase starting at column 10."""
    return 10 + len(prefix)


UNKNOWN = ("unknown deadline '%s'; write a day (20/5/2020, chậm nhất ngày 20/5/2020), "
           "'trước ngày 20/5/2020', a window (từ ngày 01/6 đến ngày 30/6/2020), a delay "
           "(trong vòng 15 ngày kể từ ngày ký), a recurrence (hằng tháng, trước ngày 20) or "
           "'theo quy định'")


def ex60(phrase):
    """The excerpt a message quotes: white space made single, at most 60 characters."""
    t = " ".join(unicodedata.normalize("NFC", phrase.replace("\\n", "\n")).replace("*", "").split())
    return t if len(t) <= 60 else t[:60] + "…"


def no_day(phrase, every):
    return warn(10, "recurring deadline '%s' gives no day; its obligations are untracked, one per "
                    "%s (write the day, or a plan default for '%s')" % (ex60(phrase), every, every))


def guessed(c, text, year, why):
    return warn(c, "year left out of '%s'; assumed %d from %s" % (text, year, why))


cases = []   # (phrase, context, expected, warnings)


def case(phrase, ctx, expected, warnings=""):
    cases.append((phrase, ctx, expected, warnings))


def section(title):
    cases.append(("#", title, None, None))


# ---------------------------------------------------------------------------
section("seed 003 (Kế hoạch Tháng hành động vì trẻ em năm 2020, Hà Nội): no issued date, "
        "period từ ngày 01/6 đến ngày 30/6/2020")
C003 = 'period="từ ngày 01/6 đến ngày 30/6/2020"'
case("trước ngày 20/5/2020", C003, one(before(2020, 5, 20)))
case("*trước ngày 20/5/2020*", C003, one(before(2020, 5, 20)))
case("trước ngày 15/7/2020", C003, one(before(2020, 7, 15)))
case("*trước ngày 15/7/2020*", C003, one(before(2020, 7, 15)))
case("Các Sở, ban, ngành, đoàn thể Thành phố và UBND các quận, huyện, thị xã xây dựng Kế hoạch "
     "thực hiện Tháng hành động vì trẻ em năm 2020 *trước ngày 20/5/2020* và báo cáo kết quả thực "
     "hiện Tháng hành động vì trẻ em *trước ngày 15/7/2020* gửi về Sở Lao động Thương binh và Xã "
     "hội tổng hợp chung", C003, one(before(2020, 5, 20)))
case("báo cáo kết quả thực hiện Tháng hành động vì trẻ em *trước ngày 15/7/2020* gửi về Sở Lao "
     "động Thương binh và Xã hội tổng hợp chung, báo cáo UBND Thành phố và Bộ Lao động Thương binh "
     "và Xã hội theo quy định.", C003, one(before(2020, 7, 15)))
case("trước ngày 15/7/2020 để tổng hợp, báo cáo UBND Thành phố", C003, one(before(2020, 7, 15)))
case("từ ngày 01/6 đến ngày 30/6/2020", C003, one(by(2020, 6, 30)))
case("Thời gian thực hiện: từ ngày 01/6 đến ngày 30/6/2020.", C003, one(by(2020, 6, 30)))
case("Kiểm tra, tổng hợp, đánh giá kết quả Tháng hành động vì trẻ em, báo cáo UBND Thành phố và "
     "Bộ Lao động Thương binh và Xã hội theo quy định.", C003, "untracked")
case("Thực hiện Luật Trẻ em; Thông tư số 28/2019/TT-BLĐTBXH ngày 26/12/2019 của Bộ Lao động "
     "Thương binh và Xã hội", C003, one(by(2019, 12, 26)))
case("ngày 26/12/2019", C003, one(by(2019, 12, 26)))
case("Công văn số 666/LĐTBXH-TE ngày 27/02/2020 của Bộ Lao động Thương binh và Xã hội", C003,
     one(by(2020, 2, 27)))
case("Thông tư số 36/2018/TT-BLĐTBXH ngày 26/12/2018", C003, one(by(2018, 12, 26)))
case("Nghị định số 56/2017/NĐ-CP ngày 09/5/2017 của Chính phủ", C003, one(by(2017, 5, 9)))
case("Thường xuyên rà soát, quản lý trẻ em", C003, "untracked")
case("hỗ trợ kịp thời, hiệu quả trẻ em bị bạo lực", C003, "untracked")
case("khẩn trương", C003, "untracked")
case("theo quy định", C003, "untracked")

section("seed 000 (1554/UBND-KGVX, Hà Nội, ngày 04 tháng 4 năm 2017)")
C000 = "issued=2017-04-04"
case("Hà Nội, ngày **04** tháng 4 năm 2017", C000, one(by(2017, 4, 4)))
case("Hà Nội, ngày 04 tháng 4 năm 2017", C000, one(by(2017, 4, 4)))
case("Công văn số 995/LĐTĐBXH-TE ngày 17/3/2017", C000, one(by(2017, 3, 17)))
case("Chỉ thị số 19-CT/TU ngày 19/6/2013 của Thành ủy", C000, one(by(2013, 6, 19)))
case("Số 154/KH-UBND ngày 02/10/2013", C000, one(by(2013, 10, 2)))
case("số 34/KH-UBND ngày 04/02/2016", C000, one(by(2016, 2, 4)))
case("số 77/KH-UBND ngày 22/4/2016", C000, one(by(2016, 4, 22)))
case("Công văn số 2032/VP-KGVX ngày 09/3/2017 của Văn phòng UBND Thành phố", C000, one(by(2017, 3, 9)))
case("Sở Giáo dục và Đào tạo khẩn trương thực hiện ý kiến chỉ đạo của đồng chí Bí thư Thành ủy",
     C000, "untracked")
case("kịp thời phát hiện, tiếp nhận thông tin về tình hình trẻ em bị xâm hại", C000, "untracked")
case("thường xuyên nắm bắt tình hình tại\\n\\nđịa bàn", C000, "untracked")
case("chủ động, kịp thời giải quyết trợ giúp trẻ em bị xâm hại, bạo lực", C000, "untracked")

section("seed 001 (03/KH-UBND, Hải Phòng, ngày 07 tháng 01 năm 2021; Năm 2020 và các các năm tiếp theo)")
C001 = 'issued=2021-01-07 period="Năm 2020 và các các năm tiếp theo" as_of=2022-06-01'
W_YEAR = lambda p: no_day(p, "year")
case("Hằng năm", C001, untracked(["2021", "2022", "2023"]), W_YEAR("Hằng năm"))
S001A = ("Hằng năm, báo cáo Hội đồng nhân dân cùng cấp việc thực hiện quyền trẻ em, giải quyết các vấn "
         "đề về trẻ em của địa phương, trong đó có nội dung thực hiện phòng, chống xâm hại trẻ em theo "
         "quy định")
case(S001A, C001, untracked(["2021", "2022", "2023"]),
     W_YEAR(S001A))
S001B = "Hằng năm phối hợp với các Sở, ngành\\nliên quan trong việc tham mưu để bố trí kinh phí"
case(S001B, C001, untracked(["2021", "2022", "2023"]), W_YEAR(S001B))
case("Hằng năm", C001 + ' default.year="trước ngày 15/12"',
     rec([(str(y), before(y, 12, 15)) for y in (2021, 2022, 2023)]))
case("Hải Phòng,\\nngày 07\\ntháng\\n01 năm 2021", C001, one(by(2021, 1, 7)))
case("Quyết định số 1472/QĐ-TTg ngày 28/9/2020 của Thủ tướng Chính phủ", C001, one(by(2020, 9, 28)))
case("Nghị quyết số 121/2020/QH14 ngày 19/6/2020 của Quốc hội", C001, one(by(2020, 6, 19)))
case("Kế hoạch số 76/KH-UBND\\nngày 13/3/2020 của Ủy ban nhân dân thành phố", C001, one(by(2020, 3, 13)))
case("Năm 2020 và\\ncác các năm tiếp theo.", C001, "untracked")
case("thực hiện từ năm học 2020 -\\n2021 và các năm tiếp theo", C001, "untracked")
case("định kỳ báo cáo Sở Văn hóa và Thể thao để\\ntổng hợp.", C001, "untracked")
case("duy trì việc\\nđịnh kỳ tổ chức lấy ý kiến của trẻ em", C001, "untracked")
case("Chủ trì và phối hợp với các cơ quan, tổ chức thường xuyên tuyên truyền", C001, "untracked")
case("báo cáo\\ntheo quy định.", C001, "untracked")
case("Hằng năm", 'issued=2021-01-07 period="Năm 2020 và các các năm tiếp theo" as_of=2022-12-31',
     untracked(["2021", "2022", "2023"]), W_YEAR("Hằng năm"))
case("Hằng năm", 'issued=2021-01-07 period="Năm 2020 và các các năm tiếp theo" as_of=2023-01-01',
     untracked(["2021", "2022", "2023", "2024"]), W_YEAR("Hằng năm"))

section("seed 002 (3410/UBND-VX, Thanh Hóa, ngày 03 tháng 4 năm 2017)")
C002 = 'issued=2017-04-03 period="năm 2017 và các năm tiếp theo" as_of=2017-12-01'
W_HALF = lambda p: no_day(p, "half-year")
S002 = ("Báo cáo định kỳ 6 tháng/năm những khó khăn, vướng mắc trong công tác bảo vệ trẻ em về Sở "
        "Lao động - Thương binh và Xã hội để tổng hợp, báo cáo Bộ Lao động - Thương binh và Xã hội, "
        "Chủ tịch UBND tỉnh theo quy định.")
case(S002, C002, untracked(["2017-H1", "2017", "2018-H1"]),
     W_HALF(S002))
case(S002, C002 + ' default.half-year="trước ngày 15/6 và 15/12"',
     rec([("2017-H1", before(2017, 6, 15)), ("2017", before(2017, 12, 15)),
          ("2018-H1", before(2018, 6, 15))]))
case("định kỳ 6 tháng và hàng năm", C002, untracked(["2017-H1", "2017", "2018-H1"]),
     W_HALF("định kỳ 6 tháng và hàng năm"))
case("định kỳ 6 tháng và hàng năm … theo quy định", C002, untracked(["2017-H1", "2017", "2018-H1"]),
     W_HALF("định kỳ 6 tháng và hàng năm … theo quy định"))
case("Thanh Hóa, ngày 03 tháng 4 năm 2017", C002, one(by(2017, 4, 3)))
# An effective date ("từ ngày D": from D) is no deadline: reading it as "by D"
# would invent one. Likewise "sau ngày D" (after D) and a misspelt "trước".
case("Luật trẻ em (có hiệu lực thi hành từ ngày 01/6/2017)", C002,
     err(10, UNKNOWN % "Luật trẻ em (có hiệu lực thi hành từ ngày 01/6/2017)"))
case("sau ngày 20/5/2020", "-", err(10, UNKNOWN % "sau ngày 20/5/2020"))
case("trươc ngày 20/5/2020", "-", err(10, UNKNOWN % "trươc ngày 20/5/2020"))
# The same words in a recurrence: "after the 20th" is not "by the 20th".
case("hằng tháng, sau ngày 20", C002, err(10, UNKNOWN % "hằng tháng, sau ngày 20"))
case("hằng năm, từ ngày 15/12", C002, err(10, UNKNOWN % "hằng năm, từ ngày 15/12"))
case("định kỳ 6 tháng, sau ngày 20/6 và 20/12", C002,
     err(10, UNKNOWN % "định kỳ 6 tháng, sau ngày 20/6 và 20/12"))
case("gửi về Sở ngày 20/5/2020", "-", one(by(2020, 5, 20)))
case("Tổ chức tháng hành động vì trẻ em năm 2017", C002, one(by(2017, 12, 31)))
case("Kịp thời phát hiện, ngăn chặn các hành vi xâm hại trẻ em", C002, "untracked")

section("seed 004 (566-CV/HU, Giao Thủy, ngày 04 tháng 11 năm 2019)")
C004 = 'issued=2019-11-04 period="năm 2019 và các năm tiếp theo" as_of=2020-06-01'
case("Giao Thủy, ngày 04 tháng 11 năm 2019", C004, one(by(2019, 11, 4)))
case("Chỉ thị số 20-CT/TW ngày 05/11/2012 của Bộ Chính trị", C004, one(by(2012, 11, 5)))
S004 = ("đưa các chỉ tiêu về trẻ em là một tiêu chí trong kế hoạch phát triển kinh tế - xã hội hằng "
        "năm của địa phương")
case(S004, C004, untracked(["2019", "2020", "2021"]), W_YEAR(S004))
case("theo dõi, kiểm tra, đôn đốc việc thực hiện các nhiệm vụ trên, định kỳ báo cáo kết quả với "
     "Ban Thường vụ Huyện ủy./.", C004, "untracked")
case("giám sát, phát hiện, tố giác và kiến nghị giải quyết kịp thời các hành vi vi phạm", C004,
     "untracked")
case("Các cấp, các ngành và nhân dân trong huyện thường xuyên quan tâm", C004, "untracked")

# ---------------------------------------------------------------------------
section("SPEC 3: by a day")
for p in ["2020-05-20", "20/5/2020", "20/05/2020", "20-5-2020", "20.5.2020",
          "ngày 20 tháng 5 năm 2020", "ngày 20 tháng 05 năm 2020", "chậm nhất ngày 20/5/2020",
          "chậm nhất là ngày 20/5/2020", "đến hết ngày 20/5/2020", "by 2020-05-20",
          "ngày 20/5/2020", "Chậm nhất ngày 20 tháng 5 năm 2020", "hạn chót: 20/5/2020",
          "muộn nhất là ngày 20/05/2020", "đến ngày 20/5/2020", "by 20 May 2020",
          "no later than May 20, 2020", "20 tháng 5, năm 2020", "2020-5-20"]:
    case(p, "-", one(by(2020, 5, 20)))

section("SPEC 3: strictly before")
for p in ["trước ngày 20/5/2020", "before 2020-05-20", "Trước ngày 20-05-2020", "trước 20/5/2020",
          "before 20 May 2020", "prior to 2020-05-20"]:
    case(p, "-", one(before(2020, 5, 20)))
case("Trước ngày 10 tháng 7 năm 2018", "-", one(before(2018, 7, 10)))
case("trước ngày 20/7/2020", "-", one(before(2020, 7, 20)))   # 19/7 is a Sunday: rolls to 20/7
case("trước ngày 19/7/2020", "-", one(before(2020, 7, 19)))   # 18/7 Saturday
case("trước ngày 1/6/2020", "-", one(before(2020, 6, 1)))     # 31/5 Sunday

section("SPEC 3: windows")
case("từ ngày 01/6 đến ngày 30/6/2020", "-", one(by(2020, 6, 30)))
case("từ 01/6/2017 - 30/6/2017", "-", one(by(2017, 6, 30)))
case("từ 01/6/2017 – 30/6/2017", "-", one(by(2017, 6, 30)))
case("Từ ngày 15/12/2020 đến hết ngày 15/01/2021", "-", one(by(2021, 1, 15)))
case("từ ngày 20/12 đến ngày 10/01/2021", "-", one(by(2021, 1, 10)))
case("from 1 June to 30 June 2020", "-", one(by(2020, 6, 30)))
case("from 2020-06-01 to 2020-06-27", "-", one(by(2020, 6, 27)))   # Saturday
case("trong thời gian từ ngày 01/9 đến ngày 2/9/2021", "-", one(by(2021, 9, 2)))

section("SPEC 3: delays from the date of issue (Điều 147: the day of issue is not counted)")
I1 = dt.date(2021, 1, 7)
case("trong vòng 15 ngày kể từ ngày ký", "issued=2021-01-07", one(plus_days(I1, 15)))
case("trong thời hạn 05 ngày làm việc, kể từ ngày ban hành", "issued=2021-01-07", one(workdays(I1, 5)))
case("trong thời hạn 15 ngày làm việc kể từ ngày ký", "issued=2021-01-07", one(workdays(I1, 15)))
case("within 15 days of issue", "issued=2021-01-07", one(plus_days(I1, 15)))
case("within 5 working days of issue", "issued=2021-01-07", one(workdays(I1, 5)))
case("within 5 business days of signing", "issued=2021-01-07", one(workdays(I1, 5)))
case("trong vòng 05 (năm) ngày làm việc kể từ ngày ký", "issued=2021-01-07", one(workdays(I1, 5)))
case("15 ngày kể từ ngày ký ban hành", "issued=2021-01-07", one(plus_days(I1, 15)))
case("Trong vòng 10 ngày, kể từ ngày Kế hoạch này được ban hành", "issued=2021-01-07",
     one(plus_days(I1, 10)))
case("trong vòng 30 ngày", "issued=2021-01-07", one(plus_days(I1, 30)))
case("chậm nhất 10 ngày làm việc kể từ ngày văn bản có hiệu lực", "issued=2021-01-07",
     one(workdays(I1, 10)))
I2 = dt.date(2021, 2, 5)   # Friday before Tết 2021 (10-16/2)
case("trong thời hạn 05 ngày làm việc, kể từ ngày ban hành", "issued=2021-02-05", one(workdays(I2, 5)))
case("trong vòng 5 ngày kể từ ngày ký", "issued=2021-02-05", one(plus_days(I2, 5)))
I3 = dt.date(2021, 4, 28)  # 30/4 - 3/5/2021
case("trong vòng 3 ngày làm việc kể từ ngày ký", "issued=2021-04-28", one(workdays(I3, 3)))
case("trong vòng 2 ngày kể từ ngày ký", "issued=2021-04-28", one(plus_days(I3, 2)))
I4 = dt.date(2024, 4, 26)  # 29/4/2024 swapped off, 4/5/2024 (Saturday) a working day
case("trong vòng 2 ngày làm việc kể từ ngày ký", "issued=2024-04-26", one(workdays(I4, 2)))
case("trong vòng 5 ngày làm việc kể từ ngày ký", "issued=2024-04-26", one(workdays(I4, 5)))
I5 = dt.date(2020, 1, 20)  # Tết 2020 (23-29/1)
case("trong vòng 10 ngày làm việc kể từ ngày ban hành", "issued=2020-01-20", one(workdays(I5, 10)))
case("trong vòng 7 ngày kể từ ngày ban hành", "issued=2020-01-20", one(plus_days(I5, 7)))
I6 = dt.date(2023, 8, 30)  # 1/9, 2/9, 4/9/2023
case("trong vòng 3 ngày làm việc kể từ ngày ký", "issued=2023-08-30", one(workdays(I6, 3)))
case("within 1 working day of issue", "issued=2023-08-31", one(workdays(dt.date(2023, 8, 31), 1)))

section("SPEC 3: recurring")
Y21 = 'issued=2020-12-20 period="năm 2021"'
case("hằng tháng, trước ngày 20", Y21, rec([("2021-%02d" % m, before(2021, m, 20)) for m in range(1, 13)]))
case("hàng tháng, trước ngày 20", Y21, rec([("2021-%02d" % m, before(2021, m, 20)) for m in range(1, 13)]))
case("HẰNG THÁNG, TRƯỚC NGÀY 20", Y21, rec([("2021-%02d" % m, before(2021, m, 20)) for m in range(1, 13)]))
case("ngày 25 hằng tháng", Y21, rec([("2021-%02d" % m, by(2021, m, 25)) for m in range(1, 13)]))
case("ngày 12 tháng sau tháng báo cáo", Y21,
     rec([("2021-%02d" % m, by(2021 + m // 12, m % 12 + 1, 12)) for m in range(1, 13)]))
case("monthly, by the 20th", Y21, rec([("2021-%02d" % m, by(2021, m, 20)) for m in range(1, 13)]))
case("monthly, before the 5th of the following month", Y21,
     rec([("2021-%02d" % m, before(2021 + m // 12, m % 12 + 1, 5)) for m in range(1, 13)]))
case("hằng quý, chậm nhất ngày 18 tháng cuối quý", Y21,
     rec([("2021-Q%d" % q, by(2021, 3 * q, 18)) for q in range(1, 5)]))
case("hằng quý, chậm nhất ngày 18 tháng cuối quý", 'issued=2021-01-07 period="giai đoạn 2021-2025"',
     rec([("%d-Q%d" % (y, q), by(y, 3 * q, 18)) for y in range(2021, 2026) for q in range(1, 5)]))
case("hàng quý, trước ngày 15 tháng đầu quý sau", Y21,
     rec([("2021-Q%d" % q, before(2021 + q // 4, (3 * q) % 12 + 1, 15)) for q in range(1, 5)]))
case("quarterly, by the 18th of the last month of the quarter", Y21,
     rec([("2021-Q%d" % q, by(2021, 3 * q, 18)) for q in range(1, 5)]))
case("trong vòng 10 ngày sau khi kết thúc quý", Y21,
     rec([("2021-Q%d" % q, plus_days(dt.date(2021, 3 * q, last_day(2021, 3 * q)), 10)) for q in range(1, 5)]))
case("within 10 days after the end of each quarter", Y21,
     rec([("2021-Q%d" % q, plus_days(dt.date(2021, 3 * q, last_day(2021, 3 * q)), 10)) for q in range(1, 5)]))
case("định kỳ 6 tháng/năm, trước ngày 20/6 và 20/12", Y21,
     rec([("2021-H1", before(2021, 6, 20)), ("2021", before(2021, 12, 20))]))
case("định kỳ 6 tháng, trước ngày 20/6 và 20/12", Y21,
     rec([("2021-H1", before(2021, 6, 20)), ("2021-H2", before(2021, 12, 20))]))
case("trước ngày 15/6 và 15/12", Y21, rec([("2021-H1", before(2021, 6, 15)), ("2021-H2", before(2021, 12, 15))]))
case("định kỳ 6 tháng, chậm nhất ngày 15/7 và 15/01 năm sau", Y21,
     rec([("2021-H1", by(2021, 7, 15)), ("2021-H2", by(2022, 1, 15))]))
case("chậm nhất ngày 30/6 và 31/12 hằng năm", Y21, rec([("2021-H1", by(2021, 6, 30)), ("2021-H2", by(2021, 12, 31))]))
case("half-yearly, before 15/6 and 15/12", Y21, rec([("2021-H1", before(2021, 6, 15)), ("2021-H2", before(2021, 12, 15))]))
case("ngày 10/6 hàng năm", 'issued=2021-01-07 period="giai đoạn 2021 - 2025"',
     rec([(str(y), by(y, 6, 10)) for y in range(2021, 2026)]))
case("hằng năm, trước ngày 15/12", 'issued=2021-01-07 period="giai đoạn 2021-2025"',
     rec([(str(y), before(y, 12, 15)) for y in range(2021, 2026)]))
case("hàng năm, trước ngày 15 tháng 12", 'issued=2021-01-07 period="giai đoạn 2021-2025"',
     rec([(str(y), before(y, 12, 15)) for y in range(2021, 2026)]))
case("chậm nhất là ngày 15/01 năm kế tiếp của năm báo cáo", 'issued=2021-01-07 period="giai đoạn 2021-2023"',
     rec([(str(y), by(y + 1, 1, 15)) for y in range(2021, 2024)]))
case("annually, by 15 December", 'issued=2021-01-07 period="giai đoạn 2021-2023"',
     rec([(str(y), by(y, 12, 15)) for y in range(2021, 2024)]))
case("báo cáo thường niên trước ngày 31/12", 'issued=2021-01-07 period="giai đoạn 2021-2023"',
     rec([(str(y), before(y, 12, 31)) for y in range(2021, 2024)]))
case("hằng năm, trước ngày 15/12", 'issued=2021-01-07 period="Năm 2020 và các các năm tiếp theo" as_of=2022-06-01',
     rec([(str(y), before(y, 12, 15)) for y in (2021, 2022, 2023)]))
case("hằng năm, trước ngày 15/12", 'issued=2020-06-01 period="Năm 2020 và các các năm tiếp theo" as_of=2022-06-01',
     rec([(str(y), before(y, 12, 15)) for y in (2020, 2021, 2022, 2023)]))
case("hằng tháng, trước ngày 20", 'issued=2021-03-25 period="năm 2021"',
     rec([("2021-%02d" % m, before(2021, m, 20)) for m in range(4, 13)]))
case("hằng tháng, trước ngày 20", 'issued=2021-03-19 period="năm 2021"',   # 19/3 due on issue: left out
     rec([("2021-%02d" % m, before(2021, m, 20)) for m in range(4, 13)]))
case("hằng tháng, trước ngày 20", 'issued=2021-03-18 period="năm 2021"',
     rec([("2021-%02d" % m, before(2021, m, 20)) for m in range(3, 13)]))
case("hằng tháng, ngày 31", 'period=2024-01-01..2024-04-30',
     rec([("2024-%02d" % m, by(2024, m, last_day(2024, m))) for m in range(1, 5)]))
case("hằng tháng, trước ngày 20", 'period="từ ngày 01/6 đến ngày 30/6/2020"', rec([("2020-06", before(2020, 6, 20))]))
case("hằng quý", Y21, untracked(["2021-Q%d" % q for q in range(1, 5)]), no_day("hằng quý", "quarter"))
case("quarterly", Y21, untracked(["2021-Q%d" % q for q in range(1, 5)]), no_day("quarterly", "quarter"))
case("hằng tháng", Y21 + ' default.month="ngày 25 hằng tháng"',
     rec([("2021-%02d" % m, by(2021, m, 25)) for m in range(1, 13)]))
case("hằng quý", Y21 + ' default.quarter="hằng quý, chậm nhất ngày 18 tháng cuối quý"',
     rec([("2021-Q%d" % q, by(2021, 3 * q, 18)) for q in range(1, 5)]))
case("định kỳ 6 tháng và hàng năm … theo quy định", Y21 + ' default.half-year="trước ngày 15/6 và 15/12"',
     rec([("2021-H1", before(2021, 6, 15)), ("2021", before(2021, 12, 15))]))
case("định kỳ 6 tháng", Y21 + ' default.half-year="trước ngày 15/6 và 15/12"',
     rec([("2021-H1", before(2021, 6, 15)), ("2021-H2", before(2021, 12, 15))]))
case("yearly", Y21, untracked(["2021"]), no_day("yearly", "year"))
case("định kỳ hằng năm", Y21 + ' default.year="ngày 10/12"', rec([("2021", by(2021, 12, 10))]))
case("hằng năm, trước ngày 15/12", 'issued=2020-12-20 period="năm 2020"', "none",
     warn(10, "every deadline of 'hằng năm, trước ngày 15/12' in the plan period falls on or before "
              "the date of issue (2020-12-20); it gives no obligation"))

section("recurring, map form and Nghị định 09/2019/NĐ-CP cut-off")
case("{every: quarter, day: 18, from: 2021-01-01, until: 2021-12-31}", "-",
     rec([("2021-Q%d" % q, by(2021, 3 * q, 18)) for q in range(1, 5)]))
case("{every: month, day: 31, from: 2024-01-01, until: 2024-03-31}", "-",
     rec([("2024-01", by(2024, 1, 31)), ("2024-02", by(2024, 2, 29)), ("2024-03", by(2024, 3, 31))]))
case("{every: year, after: 15, from: 2021-01-01, until: 2022-12-31}", "-",
     rec([("2021", plus_days(dt.date(2021, 12, 31), 15)), ("2022", plus_days(dt.date(2022, 12, 31), 15))]))
case("{every: half-year, day: 15, before: true, year_report: true}", Y21,
     rec([("2021-H1", before(2021, 6, 15)), ("2021", before(2021, 12, 15))]))
case("{every: quarter, after: 10, cutoff: nd09}", Y21,
     rec([("2021-Q%d" % q, plus_days(dt.date(2021, 3 * q, 14), 10)) for q in range(1, 5)]))
case("{every: month, day: 20, cutoff: nd09}", 'period=2022-01-01.. as_of=2022-06-16',
     rec([("2022-%02d" % m, by(2022, m, 20)) for m in range(1, 9)]))
case("{every: month, day: 20}", 'period=2022-01-01.. as_of=2022-06-16',
     rec([("2022-%02d" % m, by(2022, m, 20)) for m in range(1, 8)]))
case("hằng tháng, ngày 20, chốt số liệu theo Nghị định 09/2019/NĐ-CP", 'period=2022-01-01.. as_of=2022-06-16',
     rec([("2022-%02d" % m, by(2022, m, 20)) for m in range(1, 9)]))
case("{every: year, day: 15, cutoff: nd09}", 'period=2022-01-01.. as_of=2022-12-15',
     rec([("2022", by(2022, 12, 15)), ("2023", by(2023, 12, 15)), ("2024", by(2024, 12, 15))]))
case("{every: year, day: 15}", 'period=2022-01-01.. as_of=2022-12-15',
     rec([("2022", by(2022, 12, 15)), ("2023", by(2023, 12, 15))]))
case("{every: month, day: 20, from: 2021-06-01}", 'as_of=2021-08-10',
     rec([("2021-%02d" % m, by(2021, m, 20)) for m in range(6, 10)]))

section("roll forward across Tết, 30/4-1/5 and 2/9 (plans/calendars/vn.yaml)")
for (y, m, d) in [(2021, 2, 10), (2021, 2, 16), (2021, 4, 30), (2021, 5, 1), (2021, 9, 2), (2021, 9, 3),
                  (2022, 1, 1), (2022, 2, 1), (2022, 4, 30), (2022, 9, 1), (2023, 1, 20), (2023, 4, 29),
                  (2023, 9, 1), (2024, 2, 8), (2024, 4, 29), (2024, 9, 2), (2020, 1, 23), (2020, 4, 30),
                  (2020, 9, 2), (2019, 2, 4), (2025, 1, 28), (2025, 4, 30), (2025, 9, 1), (2026, 2, 16),
                  (2018, 2, 14), (2017, 1, 26), (2016, 2, 8)]:
    case("%d/%d/%d" % (d, m, y), "-", one(by(y, m, d)))
    case("trước ngày %d/%d/%d" % (d, m, y), "-", one(before(y, m, d)))
case("4/5/2024", "-", one(by(2024, 5, 4)))                 # a Saturday made a working day
case("trước ngày 5/5/2024", "-", one(before(2024, 5, 5)))
case("5/1/2019", "-", one(by(2019, 1, 5)))                 # Saturday made a working day
case("30/4/2021", "roll=none", one(by(2021, 4, 30, rolled=False)))
case("trước ngày 20/7/2020", "roll=none", one(before(2020, 7, 20, rolled=False)))
case("30/4/2021", "cal=none", one(by(2021, 4, 30, cal=False)))
case("2/9/2021", "cal=none", one(by(2021, 9, 2, cal=False)))
case("1/1/2030", "-", one(by(2030, 1, 1)))                 # beyond the calendar: weekend rule only

section("untidy print")
case("ngày 23tháng 02năm 2021", "-", one(by(2021, 2, 23)))
case("ngày23tháng02năm2021", "-", one(by(2021, 2, 23)))
case("TRƯỚC NGÀY 20/5/2020", "-", one(before(2020, 5, 20)))
case("Trước   ngày\\n20/5/2020", "-", one(before(2020, 5, 20)))
case("trước\\tngày 20 / 5 / 2020", "-", one(before(2020, 5, 20)))
case("trước ngày 20/05/2020.", "-", one(before(2020, 5, 20)))
case("trước\u00a0ngày\u00a020/5/2020", "-", one(before(2020, 5, 20)))
case(unicodedata.normalize("NFD", "trước ngày 20/5/2020"), "-", one(before(2020, 5, 20)))
case(unicodedata.normalize("NFD", "Hằng tháng, trước ngày 20"), Y21,
     rec([("2021-%02d" % m, before(2021, m, 20)) for m in range(1, 13)]))
case("**Chậm nhất ngày 05/6/2020**", "-", one(by(2020, 6, 5)))
case("- chậm nhất là ngày 5.6.2020;", "-", one(by(2020, 6, 5)))
case("Từ ngày 01/6\\nđến ngày\\n30/6/2020", "-", one(by(2020, 6, 30)))
case("xây dựng Kế hoạch trước ngày 15/7/2020 để tổng hợp, báo cáo UBND Thành phố", "-",
     one(before(2020, 7, 15)))
case("hằng  quý ,  chậm  nhất  ngày  18  tháng  cuối  quý", Y21,
     rec([("2021-Q%d" % q, by(2021, 3 * q, 18)) for q in range(1, 5)]))
case("Trong Vòng 15 Ngày Kể Từ Ngày Ký", "issued=2021-01-07", one(plus_days(I1, 15)))
case("trong thời hạn 05 ngày\\nlàm việc, kể từ ngày ban\\nhành", "issued=2021-01-07", one(workdays(I1, 5)))
case("ĐỊNH KỲ 6 THÁNG/NĂM, TRƯỚC NGÀY 20/6 VÀ 20/12", Y21,
     rec([("2021-H1", before(2021, 6, 20)), ("2021", before(2021, 12, 20))]))

section("named periods as one-off deadlines")
case("trong tháng 6/2020", "-", one(by(2020, 6, 30)))
case("tháng 02/2021", "-", one(by(2021, 2, 28)))
case("quý III/2021", "-", one(by(2021, 9, 30)))
case("Quý 4 năm 2021", "-", one(by(2021, 12, 31)))
case("6 tháng đầu năm 2021", "-", one(by(2021, 6, 30)))
case("6 tháng cuối năm 2021", "-", one(by(2021, 12, 31)))
case("trong năm 2021", "-", one(by(2021, 12, 31)))
case("trước tháng 6/2020", "-", one(by(2020, 5, 31)))
case("by the end of June 2020", "-", one(by(2020, 6, 30)))
case("Q3 2021", "-", one(by(2021, 9, 30)))

section("untracked words")
for p in ["theo quy định", "Theo quy định", "khẩn trương", "thường xuyên", "kịp thời", "định kỳ",
          "Định kỳ", "hằng ngày", "hàng tuần", "đột xuất", "khi có yêu cầu", "as required",
          "urgently", "regularly", "periodically", "", "   ", "\\n", "liên tục", "ngay sau khi có kết quả",
          "năm 2020 và các năm tiếp theo", "theo đúng quy định"]:
    case(p, "-", "untracked")

section("a year left out (SPEC 3: from the same phrase, else period, else issued, with a warning)")
case("trước ngày 15/7", 'period="năm 2020"', one(before(2020, 7, 15)),
     guessed(col("trước ngày "), "15/7", 2020, "the plan period (2020)"))
case("trước ngày 15/7", "period=2020-06-01..2021-05-31", one(before(2020, 7, 15)),
     guessed(col("trước ngày "), "15/7", 2020, "the plan period, which starts 2020-06-01"))
case("trước ngày 15/1", "period=2020-06-01..2021-05-31", one(before(2021, 1, 15)),
     guessed(col("trước ngày "), "15/1", 2021, "the plan period, which starts 2020-06-01"))
case("trước ngày 15/7", "issued=2021-01-07", one(before(2021, 7, 15)),
     guessed(col("trước ngày "), "15/7", 2021, "the date of issue, 2021-01-07"))
case("chậm nhất ngày 5/1", "issued=2021-01-07", one(by(2022, 1, 5)),
     guessed(col("chậm nhất ngày "), "5/1", 2022, "the date of issue, 2021-01-07"))
case("ngày 20 tháng 5", 'period="năm 2020"', one(by(2020, 5, 20)),
     guessed(col("ngày "), "20 tháng 5", 2020, "the plan period (2020)"))
case("từ ngày 01/6 đến ngày 30/6", 'period="năm 2020"', one(by(2020, 6, 30)),
     guessed(col("từ ngày 01/6 đến ngày "), "30/6", 2020, "the plan period (2020)"))
case("29/2", "year=2024", one(by(2024, 2, 29)), guessed(10, "29/2", 2024, "the plan period (2024)"))
case("29/2", "year=2023",
     "error: " + guessed(10, "29/2", 2023, "the plan period (2023)") + " | " +
     err(10, "'29/2' is not a date: month 2 of 2023 has 28 days")[len("error: "):])
case("trước ngày 15/7", "-", err(col("trước ngày "), "year left out of '15/7', and neither the plan "
                                 "period nor the date of issue gives one; write the year"))

section("errors")
case("31/2/2021", "-", err(10, "'31/2/2021' is not a date: month 2 of 2021 has 28 days"))
case("trước ngày 29/2/2023", "-", err(col("trước ngày "), "'29/2/2023' is not a date: month 2 of 2023 has 28 days"))
case("ngày 1/13/2021", "-", err(col("ngày "), "'1/13/2021' is not a date: there is no month 13"))
case("chậm nhất ngày 31/4/2021 để tổng hợp", "-",
     err(col("chậm nhất ngày "), "'31/4/2021' is not a date: month 4 of 2021 has 30 days"))
case("ngày 31 tháng 2 năm 2021", "-",
     err(col("ngày "), "'31 tháng 2 năm 2021' is not a date: month 2 of 2021 has 28 days"))
case("ngày 0/1/2021", "-", err(col("ngày "), "'0/1/2021' is not a date: there is no day 0"))
case("2021-02-29", "-", err(10, "'2021-02-29' is not a date: month 2 of 2021 has 28 days"))
case("từ ngày 01/6/2020 đến ngày 31/6/2020", "-",
     err(col("từ ngày 01/6/2020 đến ngày "), "'31/6/2020' is not a date: month 6 of 2020 has 30 days"))
case("từ ngày 30/6/2020 đến ngày 01/6/2020", "-",
     err(10, "window 'từ ngày 30/6/2020 đến ngày 01/6/2020' ends before it starts"))
case("hằng năm, trước ngày 31/6", Y21, err(col("hằng năm, trước ngày "), "'31/6' is not a date: month 6 has at most 30 days"))
case("hằng tháng, trước ngày 32", Y21, err(col("hằng tháng, trước ngày "), "'32' is not a date: there is no day 32"))
case("định kỳ 6 tháng, trước ngày 15/6 và 20/12", Y21,
     err(col("định kỳ 6 tháng, "), "the days in 'trước ngày 15/6 và 20/12' do not make one half-yearly rule "
         "(the same day, six months apart); write the deadline as a map {every: half-year, day: N}"))
case("khi nào xong thì báo cáo", "-", err(10, UNKNOWN % "khi nào xong thì báo cáo"))
case("tuần sau", "-", err(10, UNKNOWN % "tuần sau"))
case("asap", "-", err(10, UNKNOWN % "asap"))
case("sau khi hoàn thành", "-", err(10, UNKNOWN % "sau khi hoàn thành"))
case("trong vòng 15 ngày kể từ ngày ký", "-",
     err(10, "'trong vòng 15 ngày kể từ ngày ký' counts from the date of issue, but the plan has no 'issued' date"))
case("within 5 working days of issue", "period=2021-01-01..2021-12-31",
     err(10, "'within 5 working days of issue' counts from the date of issue, but the plan has no 'issued' date"))
case("trong vòng 15 ngày kể từ ngày nhận được văn bản", "issued=2021-01-07",
     err(col("trong vòng 15 ngày kể từ ngày "), "'nhận được văn bản' counts from a day plantrack cannot "
         "know; only the date of issue is supported (kể từ ngày ký, kể từ ngày ban hành)"))
case("trong vòng 0 ngày kể từ ngày ký", "issued=2021-01-07",
     err(col("trong vòng "), "'0' is not a number of days from 1 to 3650"))
case("hằng tháng, trước ngày 20", "-",
     err(10, "recurring deadline 'hằng tháng, trước ngày 20' needs a plan period, an 'issued' date or its own 'from'"))
case("hằng năm, trước ngày 15/12", 'period="năm 2020 và các năm tiếp theo"',
     err(10, "open-ended recurrence 'hằng năm, trước ngày 15/12' needs an as-of date to know how far to run"))
case("hằng tháng, trước ngày 20", "period=2000-01-01..2200-12-31",
     err(10, "recurrence 'hằng tháng, trước ngày 20' gives more than 1200 periods; check the plan period "
             "or the recurrence's 'from' and 'until'"))
case("{every: year, day: 15, from: 2022-01-01, until: 2021-01-01}", "-",
     err(10, "recurrence '{every: year, day: 15, from: 2022-01-01, until: 2021-01-01}' ends (2021-01-01) "
             "before it starts (2022-01-01)"))
case("trước ngày 20/5/2020", "pos=other.yaml:12:3", one(before(2020, 5, 20)))
case("31/2/2021", "pos=other.yaml:12:3", "error: other.yaml:12:3: error: '31/2/2021' is not a date: "
     "month 2 of 2021 has 28 days")
case("trước ngày 31/2/2021", "pos=other.yaml:12:3", "error: other.yaml:12:14: error: '31/2/2021' is not "
     "a date: month 2 of 2021 has 28 days")


def main():
    out = os.path.join(ROOT, "tests/deadline/golden.tsv")
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        f.write("# golden.tsv - the deadline language, one case per line (see golden_main.c).\n"
                "# GENERATED by gen_golden.py, which computes every expected day with Python's\n"
                "# datetime and plans/calendars/vn.yaml; edit the generator, not this file.\n")
        for phrase, ctx, exp, w in cases:
            if phrase == "#":
                f.write("\n# %s\n" % ctx)
                continue
            assert "\t" not in phrase and "\n" not in phrase, phrase
            f.write("%s\t%s\t%s%s\n" % (phrase, ctx, exp, "\t" + w if w else ""))
            n += 1
    print("%d cases written to %s" % (n, out))


if __name__ == "__main__":
    main()
