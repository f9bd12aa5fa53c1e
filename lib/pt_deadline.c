/* pt_deadline.c - the deadline language (SPEC section 3).
 *
 * How a phrase is read. The text is made NFC, then "cleaned" into a copy in
 * which every run of white space (line breaks, no-break spaces) is one space,
 * markdown stars are gone and every dash is '-'; an offset map leads each
 * byte of the copy back to the NFC text and from there to the text given, so
 * that an error points at the exact column. The copy is matched with PCRE2
 * (UTF, UCP, caseless, JIT), families tried in this order, the first that
 * matches deciding:
 *   1. a window          "từ ngày 01/6 đến ngày 30/6/2020", "from 1 June to 30 June 2020"
 *   2. a recurrence      a period word (hằng/hàng/mỗi tháng, hằng quý, định kỳ 6 tháng,
 *                        6 tháng/năm, hằng năm, thường niên, "tháng sau tháng báo cáo",
 *                        "năm kế tiếp của năm báo cáo", monthly, quarterly...) and then
 *                        its day, if any; or two days without year six months apart
 *                        ("trước ngày 20/6 và 20/12")
 *   3. a delay           "trong vòng 15 ngày kể từ ngày ký", "within 5 working days of issue"
 *   4. a day             the first date in the text; "trước"/"before" just before it
 *                        makes it strictly-before, anything else ("chậm nhất (là) ngày",
 *                        "đến hết ngày", "by", nothing) makes it by-that-day
 *   5. "năm 2020 và các năm tiếp theo" (ongoing: untracked), then the end of a named
 *      period: "trong tháng 6/2020", "quý III/2021", "6 tháng đầu năm 2021", "năm 2021"
 *   6. an untracked word  theo quy định, khẩn trương, thường xuyên, kịp thời, định kỳ
 *                        (with no period), hằng ngày, hằng tuần, đột xuất, ngay...
 *   7. otherwise an error listing the accepted forms.
 * Anything before or after the words that matched (a leading clause, "để tổng hợp,
 * báo cáo UBND Thành phố") is ignored.
 *
 * Decisions (SPEC is silent or leaves room; each is tested in tests/deadline):
 * - BEFORE: the last on-time day is the day before; that day is then rolled
 *   forward like any other, as SPEC 3 says literally. "trước ngày 20/5" with
 *   19/5 a Sunday gives Monday 20/5: the document's own day, which is what
 *   Điều 148 gives for a period ending on a day off.
 * - A delay counts from `issued` only; the day of issue is not counted (Điều
 *   147). A delay that counts from another event ("kể từ ngày nhận được") is an
 *   error, as plantrack cannot know that day. Working days are counted with the
 *   calendar (weekends, holidays, swapped workdays); the result is a working
 *   day, so rolling does not move it.
 * - A delay with no anchor words ("trong vòng 30 ngày", "within 30 days") also
 *   counts from `issued`; N must be 1..3650.
 * - A year left out is taken, silently, from the other date of the same phrase
 *   ("từ ngày 01/6 đến ngày 30/6/2020"; one year earlier when that would put the
 *   start after the end). Otherwise at expand time from ctx->period_year, else
 *   from the plan period's start (the next year when the day would fall before
 *   the period starts and the next year's day is still inside it), else from
 *   `issued` (the next year when the day would fall before the issue), with a
 *   warning naming the year and where it came from; with none, an error. The
 *   warning points at the day inside the phrase. 29/2 without a year is checked
 *   once the year is known.
 * - An impossible date is an error at the date's first character; an unknown
 *   phrase at the phrase's first character. Quoted culprits are cut to 60
 *   characters ("…"). Text longer than 4096 bytes is an error (a deadline is a
 *   phrase, not a page); invalid UTF-8 is PT_E_UTF8 at the bad byte.
 * - A phrase naming several days ("trước ngày 20/5/2020 và báo cáo trước ngày
 *   15/7/2020") takes the first: a plan file gives one task one deadline.
 * - Recurring day: "day N" is the Nth of the period's last month; "tháng sau",
 *   "tháng đầu quý sau", "năm kế tiếp" move it one month (or year) on, "tháng
 *   đầu quý" two months back. A day and month ("ngày 10/6 hàng năm", "trước
 *   ngày 15/12") give the offset from the period's last month (year: m - 12;
 *   half-year: the nearest of -2..+3 months from June or December; quarter: -1..+1).
 *   "hằng năm, trước ngày 15/01" thus means 14 January of the labelled year; write
 *   "năm sau"/"năm kế tiếp của năm báo cáo" for the next year. A day past the
 *   month's end is clamped (31 in February is the 28th or 29th).
 * - Two days of a half-yearly deadline must be the same day six months apart
 *   (or both the month's last day); anything else is an error asking for a map.
 *   Two days without a year and six months apart, with no period word, are a
 *   half-yearly recurrence.
 * - "6 tháng/năm", "6 tháng và hàng năm", "6 tháng, năm": half-year with the
 *   H2 obligation shown as the year report (label "2021", period the whole year).
 * - Periods of a recurrence are those whose calendar period (month, quarter,
 *   half, year) overlaps the plan period (or the map form's from/until); with
 *   cutoff nd09 their start and end move to the 15th of the month before and the
 *   14th (Nghị định 09/2019/NĐ-CP, Điều 12), and an open-ended recurrence runs
 *   through the period after the one (by that cutoff) holding the as-of date.
 *   The first period kept is the first whose last on-time day (before roll;
 *   the period's end when it has no day) falls strictly after `issued`. When
 *   every period falls before `issued` there is no obligation, with a warning.
 *   At most PT_MAX_PERIODS (1200) periods, else an error.
 * - A recurrence without a day takes the plan default for its period kind:
 *   a parsed recurrence, or a day and month without year ("trước ngày 15/12"),
 *   read as above. Without one, one untracked occurrence per period and a
 *   warning.
 * - Untracked words lose to any day or recurrence in the same phrase ("Hằng
 *   năm, … theo quy định" is a yearly recurrence without a day).
 * - "hằng ngày", "hằng tuần", "đột xuất", "khi có yêu cầu" (daily, weekly, ad hoc,
 *   on request) are untracked: SPEC has no such periods.
 * - Named periods as one-off deadlines ("trong tháng 6/2020", "quý III/2021",
 *   "năm 2021") are by the period's last day; "trước tháng 6/2020" by the day
 *   before it starts.
 * - Rule names are short pattern strings in the phrase's language ("trước ngày
 *   D/M/Y", "hằng quý, ngày N tháng cuối quý", "within N working days of issue").
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "pt_deadline.h"

#include <pcre2.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pt_text.h"
#include "pt_util.h"

#define PT_MAX_PERIODS 1200
#define PT_MAX_PHRASE 4096     /* characters; longer text is an error */

/* ------------------------------------------------------------------ */
/* Patterns                                                            */
/* ------------------------------------------------------------------ */

#define MON "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?" \
            "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\b\\.?"
#define ORD "(?:st|nd|rd|th)?"
#define Y4 "\\d{4}(?!\\d)"
#define D_ISO "\\d{4}-\\d{1,2}-\\d{1,2}(?!\\d)"
#define D_LONG "\\d{1,2}\\s*tháng\\s*\\d{1,2}(?!\\d)(?:\\s*,?\\s*năm\\s*" Y4 ")?"
#define D_NUM "\\d{1,2}(?:\\s*/\\s*\\d{1,2}(?!\\d)(?:\\s*/\\s*" Y4 ")?" \
              "|-\\d{1,2}(?!\\d)(?:-" Y4 ")?|\\.\\d{1,2}(?!\\d)(?:\\." Y4 ")?)(?![/.\\-]?\\d)"
#define D_EN1 "\\d{1,2}(?!\\d)" ORD "\\s*(?:of\\s*)?" MON "(?:\\s*,?\\s*" Y4 ")?"
#define D_EN2 "\\b" MON "\\s*\\d{1,2}(?!\\d)" ORD "(?:\\s*,?\\s*" Y4 ")?"
#define DATE "(?<!\\d)(?:" D_ISO "|" D_LONG "|" D_NUM "|" D_EN1 "|" D_EN2 ")"
#define BEF "(?<bef>\\b(?:trước|before|prior\\s*to)\\s*)"

enum {
    P_WINDOW,
    P_HALF_YR, P_HALF, P_QUARTER, P_MONTH, P_YEAR,
    P_D_AFTER, P_D_TWO, P_D_TWO_LONG, P_D_DM, P_D_DM_LONG, P_D_DM_EN, P_D_ONLY,
    P_NEXT_MONTH, P_NEXT_Q, P_FIRST_Q, P_NEXT_YEAR, P_ND09,
    P_REL, P_ANCHOR_OK,
    P_DATE, P_ONGOING, P_PEND, P_UNTRACKED, P_ENGLISH,
    P_SINGLE,
    P_PER_ISO, P_PER_SCHOOL, P_PER_OPEN, P_PER_YEARS, P_PER_FROMYEAR, P_PER_YEAR1,
    P_L_YEAR, P_L_HQ, P_L_HQ2, P_L_MON, P_L_MON2, P_L_QVI, P_L_HVI, P_L_EN,
    P_COUNT
};

/* The untracked words, in one alternation with one named group each. */
static const char *const untracked_words[][2] = {
    {"theo\\s*(?:đúng\\s*)?quy\\s*định", "theo quy định"},
    {"khẩn\\s*trương", "khẩn trương"},
    {"thường\\s*xuyên", "thường xuyên"},
    {"kịp\\s*thời", "kịp thời"},
    {"định\\s*kỳ", "định kỳ"},
    {"liên\\s*tục", "liên tục"},
    {"(?:hằng|hàng|mỗi)\\s*ngày", "hằng ngày"},
    {"(?:hằng|hàng|mỗi)\\s*tuần", "hằng tuần"},
    {"đột\\s*xuất", "đột xuất"},
    {"khi\\s*có\\s*yêu\\s*cầu", "khi có yêu cầu"},
    {"\\bngay\\b", "ngay"},
    {"\\bsớm\\b", "sớm"},
    {"\\bas\\s*(?:required|prescribed|regulated)\\b", "as required"},
    {"\\burgent(?:ly)?\\b", "urgently"},
    {"\\bprompt(?:ly)?\\b", "promptly"},
    {"\\bregular(?:ly)?\\b", "regularly"},
    {"\\bperiodic(?:al(?:ly)?)?\\b", "periodically"},
    {"\\btimely\\b", "in a timely manner"},
    {"\\bcontinuous(?:ly)?\\b", "continuously"},
    {"\\bongoing\\b", "ongoing"},
    {"\\bdaily\\b", "daily"},
    {"\\bweekly\\b", "weekly"},
    {"\\bimmediately\\b", "immediately"},
    {"\\b(?:on|upon|when)\\s*request(?:ed)?\\b", "on request"},
};
#define N_UNTRACKED (sizeof untracked_words / sizeof untracked_words[0])

static const char *const pattern_src[P_COUNT] = {
    [P_WINDOW] = "\\b(?:từ|from|between)\\s*(?:ngày\\s*|the\\s*)?(?<a>" DATE ")\\s*,?\\s*"
                 "(?:đến|tới|-|to|until|till|through|and)\\s*(?:hết\\s*)?(?:ngày\\s*|the\\s*)?"
                 "(?<b>" DATE ")",
    [P_HALF_YR] = "(?:6|sáu)\\s*tháng\\s*(?:/|và|,|;|hoặc|&)\\s*(?:(?:hằng|hàng|cả|mỗi)\\s*)?"
                  "năm\\b(?!\\s*\\d)"
                  "|\\bhalf[-\\s]*year(?:ly)?\\s*(?:and|&|/)\\s*(?:annual(?:ly)?|yearly|year)\\b",
    [P_HALF] = "\\b(?:định\\s*kỳ|hằng|hàng|mỗi|từng|báo\\s*cáo(?:\\s*sơ\\s*kết)?)\\s*(?:6|sáu)\\s*"
               "tháng\\b(?!\\s*(?:đầu|cuối))"
               "|(?:6|sáu)\\s*tháng\\s*(?:một|1)\\s*lần"
               "|kết\\s*thúc\\s*(?:mỗi\\s*|từng\\s*)?(?:kỳ\\s*)?(?:6|sáu)\\s*tháng"
               "|\\bhalf[-\\s]*yearly\\b|\\bsemi[-\\s]*annual(?:ly)?\\b|\\bbi[-\\s]*annual(?:ly)?\\b"
               "|\\bevery\\s*(?:6|six)\\s*months\\b|\\btwice\\s*a\\s*year\\b",
    [P_QUARTER] = "\\b(?:hằng|hàng|mỗi|từng)\\s*quý\\b|định\\s*kỳ\\s*(?:(?:hằng|hàng)\\s*)?quý\\b"
                  "|tháng\\s*(?:cuối|đầu)\\s*(?:tiên\\s*)?(?:của\\s*)?quý\\b"
                  "|kết\\s*thúc\\s*(?:mỗi\\s*|từng\\s*)?quý\\b"
                  "|\\bquarterly\\b|\\b(?:every|each)\\s*quarter\\b"
                  "|\\bend\\s*of\\s*(?:each|every|the)\\s*quarter\\b",
    [P_MONTH] = "\\b(?:hằng|hàng|mỗi|từng)\\s*tháng\\b|định\\s*kỳ\\s*(?:(?:hằng|hàng)\\s*)?tháng\\b"
                "|tháng\\s*(?:sau|kế\\s*tiếp|tiếp\\s*theo)\\s*(?:của\\s*)?tháng\\s*báo\\s*cáo"
                "|kết\\s*thúc\\s*(?:mỗi|từng)\\s*tháng\\b"
                "|\\bmonthly\\b|\\b(?:every|each)\\s*month\\b"
                "|\\bend\\s*of\\s*(?:each|every|the)\\s*month\\b",
    [P_YEAR] = "\\b(?:hằng|hàng|mỗi|từng)\\s*năm\\b|định\\s*kỳ\\s*(?:(?:hằng|hàng)\\s*)?năm\\b"
               "|thường\\s*niên"
               "|năm\\s*(?:kế\\s*tiếp|tiếp\\s*theo|sau)\\s*(?:của\\s*)?năm\\s*báo\\s*cáo"
               "|kết\\s*thúc\\s*(?:mỗi\\s*|từng\\s*)?năm\\b(?!\\s*học)"
               "|\\bannual(?:ly)?\\b|\\byearly\\b|\\b(?:every|each)\\s*year\\b"
               "|\\bend\\s*of\\s*(?:each|every|the)\\s*year\\b",
    [P_D_AFTER] = "(?<!\\d)(?<n>\\d{1,3})(?!\\d)\\s*(?:\\([^()]{0,30}\\)\\s*)?(?:ngày|days?)\\b"
                  "\\s*,?\\s*(?:(?:kể|tính)\\s*từ\\s*(?:ngày\\s*|khi\\s*)?|sau\\s*khi\\s*|sau\\s*"
                  "|after\\s*(?:the\\s*)?|from\\s*the\\s*|of\\s*the\\s*)(?:kết\\s*thúc|hết|end)",
    [P_D_TWO] = BEF "?(?:(?:ngày|the)\\s*)?(?<!\\d)(?<d1>\\d{1,2})\\s*[/.\\-]\\s*(?<m1>\\d{1,2})"
                "(?!\\d)(?:\\s*[/.\\-]\\s*\\d{4})?\\s*(?:,|;|và|and|&)\\s*(?:(?:ngày|the)\\s*)?"
                "(?<d2>\\d{1,2})\\s*[/.\\-]\\s*(?<m2>\\d{1,2})(?!\\d)(?:\\s*[/.\\-]\\s*\\d{4})?",
    [P_D_TWO_LONG] = BEF "?ngày\\s*(?<d1>\\d{1,2})\\s*tháng\\s*(?<m1>\\d{1,2})(?!\\d)\\s*"
                     "(?:,|;|và)\\s*(?:ngày\\s*)?(?<d2>\\d{1,2})\\s*tháng\\s*(?<m2>\\d{1,2})(?!\\d)",
    [P_D_DM] = BEF "?(?:(?:ngày|the|by|on)\\s*)?(?<!\\d)(?<d>\\d{1,2})\\s*[/.\\-]\\s*(?<m>\\d{1,2})"
               "(?!\\d)(?:\\s*[/.\\-]\\s*\\d{4})?(?![/.\\-]?\\d)",
    [P_D_DM_LONG] = BEF "?ngày\\s*(?<d>\\d{1,2})\\s*tháng\\s*(?<m>\\d{1,2})(?!\\d)",
    [P_D_DM_EN] = BEF "?(?:(?:by|on|the)\\s*)?(?:(?<!\\d)(?<d>\\d{1,2})(?!\\d)" ORD "\\s*(?:of\\s*)?"
                  "(?<mon>" MON ")|(?<mon2>" MON ")\\s*(?<d2>\\d{1,2})(?!\\d)" ORD ")",
    [P_D_ONLY] = BEF "?(?:\\bngày|\\bthe|\\bday)\\s*(?<d>\\d{1,2})(?!\\d)" ORD
                 "(?!\\s*[/.\\-]\\s*\\d)(?!\\s*tháng\\s*\\d)",
    [P_NEXT_MONTH] = "tháng\\s*(?:sau|kế\\s*tiếp|tiếp\\s*theo)|\\b(?:following|next)\\s*month\\b"
                     "|\\bmonth\\s*after\\b",
    [P_NEXT_Q] = "quý\\s*(?:sau|kế\\s*tiếp|tiếp\\s*theo)|\\b(?:following|next)\\s*quarter\\b"
                 "|\\bquarter\\s*after\\b",
    [P_FIRST_Q] = "tháng\\s*đầu\\s*(?:tiên\\s*)?(?:của\\s*)?quý|\\bfirst\\s*month\\s*of\\s*the\\s*quarter\\b",
    [P_NEXT_YEAR] = "(?<!các )(?<!những )năm\\s*(?:sau|kế\\s*tiếp|tiếp\\s*theo)"
                    "|\\b(?:following|next)\\s*year\\b|\\byear\\s*after\\b",
    [P_ND09] = "09/2019/NĐ-CP|nghị\\s*định\\s*(?:số\\s*)?09(?:/2019)?(?!\\d)|\\bn[dđ]\\s*-?\\s*09\\b"
               "|\\bdecree\\s*(?:no\\.?\\s*)?09(?:/2019)?(?!\\d)",
    [P_REL] = "(?<pre>\\b(?:trong(?:\\s*(?:vòng|thời\\s*hạn|thời\\s*gian|khoảng))?"
              "|(?:chậm|muộn)\\s*nhất(?:\\s*là)?|không\\s*quá|tối\\s*đa|sau|within"
              "|no\\s*later\\s*than|not\\s*later\\s*than|no\\s*more\\s*than|at\\s*most)\\s*)?"
              "(?<!\\d)(?<n>\\d{1,6})(?!\\d)\\s*(?:\\([^()]{0,30}\\)\\s*)?"
              "(?:(?<wd>ngày\\s*làm\\s*việc|(?:working|business)\\s*days?)"
              "|ngày(?:\\s*lịch)?|(?:calendar\\s*)?days?)\\b"
              "(?<anchor>\\s*,?\\s*(?:(?:được\\s*)?(?:kể|tính)\\s*từ|từ|sau|of|from|after|following)"
              "\\s*(?:ngày|khi|the\\s*date\\s*of|the\\s*day\\s*of|date\\s*of|the)?\\s*"
              "(?<what>[^,.;()]{1,80}))?",
    [P_ANCHOR_OK] = "\\bký\\b|ban\\s*hành|phát\\s*hành|hiệu\\s*lực|\\bissu(?:e[ds]?|ance|ing)\\b"
                    "|\\bsign(?:ed|ing|ature)?\\b|\\beffect(?:ive)?\\b",
    [P_DATE] = "(?:" BEF "|(?<p_cn>\\b(?:chậm|muộn)\\s*nhất)(?:\\s*là)?\\s*"
               "|(?<p_dh>\\b(?:đến|tới)\\s*hết\\s*)|(?<p_den>\\b(?:đến|tới)\\s*)"
               "|(?<p_han>\\bhạn(?:\\s*chót)?(?:\\s*là)?\\s*:?\\s*)"
               "|(?<p_by>\\b(?:by|no\\s*later\\s*than|not\\s*later\\s*than|on\\s*or\\s*before"
               "|due(?:\\s*on)?|deadline\\s*:?)\\s*))?"
               "(?:ngày\\s*|the\\s*|on\\s*)?(?<a>" DATE ")",
    [P_ONGOING] = "(?:các|những)\\s*năm\\s*(?:tiếp\\s*theo|sau(?:\\s*đó)?|kế\\s*tiếp)"
                  "|\\b(?:following|subsequent)\\s*years\\b|\\bonwards?\\b",
    [P_PEND] = BEF "?(?:\\b(?:trong|hết|cuối|within|during|by\\s*the\\s*end\\s*of|by|in)\\s*)?"
               "(?:tháng\\s*(?<m>\\d{1,2})(?!\\d)\\s*(?:[/.\\-]|năm)\\s*(?<my>\\d{4})(?!\\d)"
               "|quý\\s*(?<q>iv|iii|ii|i|[1-4])(?![\\w])\\s*(?:[/.\\-]|năm)?\\s*(?<qy>\\d{4})(?!\\d)"
               "|(?:6|sáu)\\s*tháng\\s*(?<hw>đầu|cuối)\\s*(?:năm\\s*)?(?<hy>\\d{4})(?!\\d)"
               "|\\bnăm\\s*(?<yy>\\d{4})(?!\\d)"
               "|(?<enmon>" MON ")\\s*(?<enmy>\\d{4})(?!\\d)"
               "|\\bq(?<eq>[1-4])\\s*(?<eqy>\\d{4})(?!\\d)"
               "|\\bh(?<eh>[12])\\s*(?<ehy>\\d{4})(?!\\d))",
    [P_UNTRACKED] = NULL, /* built from untracked_words */
    [P_ENGLISH] = "\\b(?:by|before|within|from|between|monthly|quarterly|annually|yearly|half"
                  "|every|each|days?|the|of|issue|to)\\b",
    [P_SINGLE] = "^(?:(?<place>[^,\\d]{1,80}),\\s*)?(?:ngày\\s*|on\\s*|the\\s*)?(?<a>" DATE ")"
                 "\\s*[.;]?$",
    [P_PER_ISO] = "(?<!\\d)(?<a>\\d{4}-\\d{1,2}-\\d{1,2})\\s*(?:/|\\.\\.|-|đến|to)\\s*"
                  "(?<b>\\d{4}-\\d{1,2}-\\d{1,2})(?!\\d)",
    /* a school year or term runs on dates of its own, not calendar years */
    [P_PER_SCHOOL] = "\\b(?:năm\\s*học|học\\s*k[ỳì]|niên\\s*kh(?:óa|oá)|(?:school|academic)\\s*year"
                     "|semester)\\b",
    [P_PER_OPEN] = "(?<!\\d)(?<y>\\d{4})(?!\\d)\\s*(?:(?:và|,|and)\\s*)?"
                   "(?:(?:(?:các|những)\\s*)+năm\\s*(?:tiếp\\s*theo|sau(?:\\s*đó)?|kế\\s*tiếp)"
                   "|(?:the\\s*)?(?:following|subsequent|later)\\s*years|onwards?)",
    [P_PER_YEARS] = "(?<!\\d)(?<a>\\d{4})\\s*(?:-|đến(?:\\s*năm)?|tới(?:\\s*năm)?|to)\\s*"
                    "(?<b>\\d{4})(?!\\d)",
    [P_PER_FROMYEAR] = "\\b(?:từ|from)\\s*(?:năm\\s*)?(?<y>\\d{4})(?!\\d)",
    [P_PER_YEAR1] = "^(?:year\\s*)?(?<y>\\d{4})$",
    [P_L_YEAR] = "^(?:năm\\s*|year\\s*)?(?<y>\\d{4})$",
    [P_L_HQ] = "^(?<y>\\d{4})\\s*-?\\s*(?<k>[hq])\\s*(?<n>\\d)$",
    [P_L_HQ2] = "^(?<k>[hq])\\s*(?<n>\\d)\\s*[/\\- ]?\\s*(?<y>\\d{4})$",
    [P_L_MON] = "^(?<y>\\d{4})\\s*-\\s*(?<m>\\d{1,2})$",
    [P_L_MON2] = "^(?:tháng\\s*)?(?<m>\\d{1,2})\\s*[/\\-]\\s*(?<y>\\d{4})$",
    [P_L_QVI] = "^quý\\s*(?<q>iv|iii|ii|i|[1-4])\\s*[/\\-]?\\s*(?:năm\\s*)?(?<y>\\d{4})$",
    [P_L_HVI] = "^(?:6|sáu)\\s*tháng\\s*(?<w>đầu|cuối)\\s*năm\\s*(?<y>\\d{4})$",
    [P_L_EN] = "^(?<mon>" MON ")\\s*(?<y>\\d{4})$",
};

/* Compiled once per process; reachable from these statics until exit. */
static pcre2_code *codes[P_COUNT];
static char *untracked_src;
static pcre2_match_data *mdata;
static pcre2_match_context *mctx;
static int ready;            /* 0 not tried, 1 ready, -1 failed */
static int failed_pattern;
static char failed_msg[160];

static int compile_patterns(void)
{
    if (ready)
        return ready;
    pt_buf b = PT_BUF_INIT;
    for (size_t i = 0; i < N_UNTRACKED; i++)
        pt_buf_printf(&b, "%s(?<u%zu>%s)", i ? "|" : "", i, untracked_words[i][0]);
    untracked_src = pt_buf_detach(&b);
    ready = -1;
    if (!untracked_src)
        return ready;
    for (int i = 0; i < P_COUNT; i++) {
        const char *src = i == P_UNTRACKED ? untracked_src : pattern_src[i];
        int err;
        PCRE2_SIZE off;
        codes[i] = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
                                 PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
        if (!codes[i]) {
            failed_pattern = i;
            PCRE2_UCHAR msg[120];
            pcre2_get_error_message(err, msg, sizeof msg);
            snprintf(failed_msg, sizeof failed_msg, "%s at offset %zu", (const char *)msg,
                     (size_t)off);
            return ready;
        }
        pcre2_jit_compile(codes[i], PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
    }
    mdata = pcre2_match_data_create(64, NULL);
    mctx = pcre2_match_context_create(NULL);
    if (!mdata || !mctx)
        return ready;
    pcre2_set_match_limit(mctx, 2000000);
    pcre2_set_depth_limit(mctx, 20000);
    ready = 1;
    return ready;
}

/* A span of the cleaned text; s == e == -1 when the group did not match. */
typedef struct { long s, e; } span;

static bool run(int p, const char *s, size_t len, size_t start)
{
    if (start > len)
        return false;
    int rc = pcre2_match(codes[p], (PCRE2_SPTR)s, len, start, PCRE2_NO_UTF_CHECK, mdata, mctx);
    return rc > 0;
}

static span whole(void)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(mdata);
    return (span){(long)ov[0], (long)ov[1]};
}

static span grp(int p, const char *name)
{
    int n = pcre2_substring_number_from_name(codes[p], (PCRE2_SPTR)name);
    if (n <= 0 || (uint32_t)n >= pcre2_get_ovector_count(mdata))
        return (span){-1, -1};
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(mdata);
    if (ov[2 * n] == PCRE2_UNSET)
        return (span){-1, -1};
    return (span){(long)ov[2 * n], (long)ov[2 * n + 1]};
}

static bool has(span g) { return g.s >= 0; }

static int span_int(const char *s, span g)
{
    int v = 0;
    for (long i = g.s; i < g.e; i++)
        if (s[i] >= '0' && s[i] <= '9' && v < 100000000)
            v = v * 10 + (s[i] - '0');
    return v;
}

/* ------------------------------------------------------------------ */
/* Phrase: the original text, its NFC form and the cleaned copy         */
/* ------------------------------------------------------------------ */

typedef struct {
    const char *orig;
    size_t orig_len;
    char *nfc;
    size_t nfc_len;
    char *s;            /* cleaned */
    size_t len;
    size_t *map;        /* map[i]: byte offset in nfc of cleaned byte i; len + 1 entries */
    bool same;          /* nfc is byte-identical to orig */
} phrase;

static void phrase_release(phrase *ph)
{
    free(ph->nfc);
    free(ph->s);
    free(ph->map);
    memset(ph, 0, sizeof *ph);
}

/* Decodes one code point of valid UTF-8 at s; sets *n to its length. */
static uint32_t decode(const char *s, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *n = 1;
        return u[0];
    }
    if ((u[0] & 0xE0) == 0xC0) {
        *n = 2;
        return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    }
    if ((u[0] & 0xF0) == 0xE0) {
        *n = 3;
        return ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    }
    *n = 4;
    return ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
           ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
}

static bool is_space_cp(uint32_t c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

static bool is_dash_cp(uint32_t c)
{
    return (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE63 || c == 0xFF0D;
}

/* Builds the NFC and cleaned forms. Returns 0, -1 on invalid UTF-8 (*bad set)
 * or out of memory (*bad = SIZE_MAX). */
static int phrase_init(phrase *ph, const char *text, size_t *bad)
{
    memset(ph, 0, sizeof *ph);
    ph->orig = text ? text : "";
    ph->orig_len = strlen(ph->orig);
    *bad = SIZE_MAX;
    if (!pt_utf8_valid(ph->orig, ph->orig_len, bad))
        return -1;
    *bad = SIZE_MAX;
    ph->nfc = pt_nfc(ph->orig, ph->orig_len);
    if (!ph->nfc)
        return -1;
    ph->nfc_len = strlen(ph->nfc);
    ph->same = ph->nfc_len == ph->orig_len && memcmp(ph->nfc, ph->orig, ph->orig_len) == 0;
    ph->s = malloc(ph->nfc_len + 1);
    ph->map = malloc((ph->nfc_len + 1) * sizeof *ph->map);
    if (!ph->s || !ph->map)
        return -1;
    size_t o = 0, i = 0;
    bool pending_space = false;
    size_t space_at = 0;
    while (i < ph->nfc_len) {
        size_t n;
        uint32_t c = decode(ph->nfc + i, &n);
        if (is_space_cp(c)) {
            if (!pending_space)
                space_at = i;
            pending_space = true;
            i += n;
            continue;
        }
        if (c == '*') {   /* markdown emphasis: *trước ngày 20/5/2020* */
            i += n;
            continue;
        }
        if (pending_space && o > 0) {
            ph->map[o] = space_at;
            ph->s[o++] = ' ';
        }
        pending_space = false;
        if (is_dash_cp(c)) {
            ph->map[o] = i;
            ph->s[o++] = '-';
        } else {
            for (size_t k = 0; k < n; k++) {
                ph->map[o] = i + k;
                ph->s[o++] = ph->nfc[i + k];
            }
        }
        i += n;
    }
    ph->map[o] = ph->nfc_len;
    ph->s[o] = '\0';
    ph->len = o;
    return 0;
}

/* Byte offset in the original text of byte off of the cleaned text. */
static size_t orig_offset(const phrase *ph, size_t off)
{
    if (off > ph->len)
        off = ph->len;
    size_t nfc_off = ph->map[off];
    if (ph->same)
        return nfc_off;
    if (ph->orig_len > 2048) { /* long and not NFC: the same character index */
        size_t chars = pt_utf8_chars(ph->nfc, nfc_off);
        return pt_utf8_offset(ph->orig, ph->orig_len, chars);
    }
    /* The shortest prefix of the original whose NFC form reaches nfc_off. */
    size_t i = 0;
    while (i < ph->orig_len) {
        char *p = pt_nfc(ph->orig, i);
        size_t l = p ? strlen(p) : 0;
        free(p);
        if (l >= nfc_off)
            return i;
        size_t n;
        decode(ph->orig + i, &n);
        i += n;
    }
    return ph->orig_len;
}

static const char *pos_file(const pt_srcpos *pos) { return pos && pos->file ? pos->file : ""; }

/* File position of the original byte offset src (chars characters in). */
static void pos_at(const pt_srcpos *pos, size_t src, size_t chars, int *line, int *col)
{
    *line = 0;
    *col = 0;
    if (!pos)
        return;
    if (pos->map) {
        pos->map(pos->map_ctx, src, line, col);
        return;
    }
    *line = pos->line;
    *col = pos->col ? pos->col + (int)chars : 0;
}

static void diag_at(pt_diags *d, const pt_srcpos *pos, const phrase *ph, size_t off, pt_msg msg,
                    ...)
{
    int line, col;
    size_t src = orig_offset(ph, off);
    pos_at(pos, src, pt_utf8_chars(ph->orig, src), &line, &col);
    va_list ap;
    va_start(ap, msg);
    pt_diag_addv(d, msg, pos_file(pos), line, col, ap);
    va_end(ap);
}

/* A quotable excerpt: at most 60 characters, "…" when cut. */
static void excerpt(char *buf, size_t size, const char *s, size_t len)
{
    size_t n = 0, chars = 0;
    while (n < len && chars < 60) {
        size_t k;
        decode(s + n, &k);
        if (n + k > len)
            break;
        n += k;
        chars++;
    }
    if (n < len)
        snprintf(buf, size, "%.*s…", (int)n, s);
    else
        snprintf(buf, size, "%.*s", (int)n, s);
}

/* ------------------------------------------------------------------ */
/* Dates as written                                                    */
/* ------------------------------------------------------------------ */

enum { SH_ISO, SH_NUM, SH_LONG, SH_EN };

static int month_from_name(const char *s, size_t n)
{
    static const char *const names[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                           "jul", "aug", "sep", "oct", "nov", "dec"};
    if (n < 3)
        return 0;
    char low[4];
    for (int i = 0; i < 3; i++)
        low[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' : s[i]);
    low[3] = 0;
    for (int i = 0; i < 12; i++)
        if (memcmp(low, names[i], 3) == 0)
            return i + 1;
    return 0;
}

/* Reads a date the DATE pattern matched (s[0..len)). */
static void scan_date(const char *s, size_t len, pt_ymd *out, int *shape)
{
    int nums[3] = {0, 0, 0}, digs[3] = {0, 0, 0}, nn = 0, mon = 0;
    bool alpha = false;
    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            int v = 0, k = 0;
            while (i < len && s[i] >= '0' && s[i] <= '9') {
                if (k < 6)
                    v = v * 10 + (s[i] - '0');
                i++, k++;
            }
            if (nn < 3) {
                nums[nn] = v;
                digs[nn++] = k;
            }
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            size_t st = i;
            while (i < len && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
                i++;
            int m = month_from_name(s + st, i - st);
            if (m && !mon)
                mon = m;
            alpha = true;
        } else {
            if ((unsigned char)c >= 0x80)
                alpha = true;
            i++;
        }
    }
    *out = (pt_ymd){0, 0, 0};
    if (nn >= 1 && digs[0] == 4) {
        *shape = SH_ISO;
        *out = (pt_ymd){nums[0], nn > 1 ? nums[1] : 0, nn > 2 ? nums[2] : 0};
    } else if (mon) {
        *shape = SH_EN;
        out->m = mon;
        for (int k = 0; k < nn; k++) {
            if (digs[k] == 4)
                out->y = nums[k];
            else if (!out->d)
                out->d = nums[k];
        }
    } else {
        *shape = alpha ? SH_LONG : SH_NUM;
        out->d = nums[0];
        out->m = nn > 1 ? nums[1] : 0;
        out->y = nn > 2 && digs[2] == 4 ? nums[2] : 0;
    }
}

/* Why y-m-d does not exist (y may be 0: then only day and month are checked
 * against a leap year). Returns false and fills why when it does not. */
static bool check_ymd(int y, int m, int d, char *why, size_t size)
{
    if (y && (y < PT_YEAR_MIN || y > PT_YEAR_MAX)) {
        snprintf(why, size, "year %d is outside %d-%d", y, PT_YEAR_MIN, PT_YEAR_MAX);
        return false;
    }
    if (m < 1 || m > 12) {
        snprintf(why, size, "there is no month %d", m);
        return false;
    }
    if (d < 1) {
        snprintf(why, size, "there is no day %d", d);
        return false;
    }
    int dim = pt_days_in_month(y ? y : 2000, m);
    if (d > dim) {
        if (y)
            snprintf(why, size, "month %d of %d has %d days", m, y, dim);
        else
            snprintf(why, size, "month %d has at most %d days", m, dim);
        return false;
    }
    return true;
}

/* Day number of y-m-d without range checks (callers keep y near 1900-2200). */
static pt_date civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* ------------------------------------------------------------------ */
/* Rule names                                                          */
/* ------------------------------------------------------------------ */

/* Rule names are composed from parts and interned: the set is small and
 * bounded, and the strings live (reachable) until exit. */
static char *interned[256];
static size_t ninterned;

static const char *intern(const char *s)
{
    for (size_t i = 0; i < ninterned; i++)
        if (strcmp(interned[i], s) == 0)
            return interned[i];
    if (ninterned == sizeof interned / sizeof interned[0])
        return "(rule)";
    char *copy = strdup(s);
    if (!copy)
        return "(rule)";
    interned[ninterned++] = copy;
    return copy;
}

static const char *shape_vi(int shape, bool year)
{
    switch (shape) {
    case SH_ISO: return "YYYY-MM-DD";
    case SH_LONG: return year ? "ngày D tháng M năm Y" : "ngày D tháng M";
    case SH_EN: return year ? "D Month Y" : "D Month";
    default: return year ? "D/M/Y" : "D/M";
    }
}

/* ------------------------------------------------------------------ */
/* Parse                                                               */
/* ------------------------------------------------------------------ */

typedef struct {
    phrase ph;
    const pt_srcpos *pos;
    pt_diags *d;
    bool english;
} parser;

/* Reads the date in span g into *out; an impossible date is an error at it.
 * Returns 0 or -1. */
static int take_date(parser *p, span g, pt_ymd *out, int *shape)
{
    const char *s = p->ph.s;
    scan_date(s + g.s, (size_t)(g.e - g.s), out, shape);
    char why[96];
    if (!check_ymd(out->y, out->m, out->d, why, sizeof why)) {
        char ex[200];
        excerpt(ex, sizeof ex, s + g.s, (size_t)(g.e - g.s));
        diag_at(p->d, p->pos, &p->ph, (size_t)g.s, PT_E_DL_BAD_DATE, ex, why);
        return -1;
    }
    return 0;
}

/* Records where the day is written, for diagnostics at expand time. */
static void note_day(parser *p, pt_deadline *dl, span g)
{
    size_t a = p->ph.map[g.s], b = p->ph.map[g.e];
    /* map[e] points just past the last byte copied; trim to the NFC text */
    dl->day_at = a;
    dl->day_len = b > a ? b - a : 0;
    /* a cleaned span may swallow a trailing removed '*': keep the date only */
    while (dl->day_len > 0 && (p->ph.nfc[a + dl->day_len - 1] == '*' ||
                               p->ph.nfc[a + dl->day_len - 1] == ' '))
        dl->day_len--;
    dl->day_src = orig_offset(&p->ph, (size_t)g.s);
    dl->day_chars = pt_utf8_chars(p->ph.orig, dl->day_src);
}

static int parse_window(parser *p, pt_deadline *dl)
{
    span all = whole(), a = grp(P_WINDOW, "a"), b = grp(P_WINDOW, "b");
    int sa, sb;
    pt_ymd from, to;
    int ra = take_date(p, a, &from, &sa);
    int rb = take_date(p, b, &to, &sb);
    if (ra || rb)
        return -1;
    dl->kind = PT_DL_WINDOW;
    dl->from = from;
    dl->day = to;
    note_day(p, dl, b);
    if (from.y == 0 && to.y != 0) {
        from.y = to.y;
        if (from.m > to.m || (from.m == to.m && from.d > to.d))
            from.y--;
        dl->from = from;
    }
    dl->year_guessed = to.y == 0;
    if (from.y && to.y && civil(from.y, from.m, from.d) > civil(to.y, to.m, to.d)) {
        char ex[200];
        excerpt(ex, sizeof ex, p->ph.s + all.s, (size_t)(all.e - all.s));
        diag_at(p->d, p->pos, &p->ph, (size_t)all.s, PT_E_DL_WINDOW_ORDER, ex);
        return -1;
    }
    if (p->english)
        dl->rule = "from D to D";
    else {
        char r[96];
        snprintf(r, sizeof r, "từ ngày %s đến ngày %s", shape_vi(sa, dl->from.y && sa != SH_NUM),
                 shape_vi(sb, to.y != 0));
        dl->rule = intern(r);
    }
    return 0;
}

/* Month offset of a day of month m from the last month of a period of
 * `every` (see the decisions at the top). */
static int offset_for(pt_every every, int m)
{
    switch (every) {
    case PT_EVERY_YEAR: return m - 12;
    case PT_EVERY_HALF: {
        static const int o[12] = {1, 2, 3, -2, -1, 0, 1, 2, 3, -2, -1, 0};
        return o[m - 1];
    }
    case PT_EVERY_QUARTER: {
        static const int o[3] = {1, -1, 0};
        return o[(m - 1) % 3];
    }
    default: return 0;
    }
}

static const char *every_vi(pt_every e, bool year_report)
{
    switch (e) {
    case PT_EVERY_MONTH: return "hằng tháng";
    case PT_EVERY_QUARTER: return "hằng quý";
    case PT_EVERY_HALF: return year_report ? "định kỳ 6 tháng/năm" : "định kỳ 6 tháng";
    default: return "hằng năm";
    }
}

static const char *every_en(pt_every e, bool year_report)
{
    switch (e) {
    case PT_EVERY_MONTH: return "monthly";
    case PT_EVERY_QUARTER: return "quarterly";
    case PT_EVERY_HALF: return year_report ? "half-yearly and yearly" : "half-yearly";
    default: return "yearly";
    }
}

/* The part of a recurring rule that says which day, e.g. "trước ngày N tháng sau". */
static void rec_day_words(char *buf, size_t size, const pt_deadline *dl, bool english)
{
    if (dl->after_days > 0) {
        snprintf(buf, size, english ? "N days after the period ends"
                                    : "N ngày sau khi kết thúc kỳ");
        return;
    }
    if (dl->day_of_month == 0) {
        snprintf(buf, size, english ? "no day given" : "không ghi ngày");
        return;
    }
    const char *bef = dl->before ? (english ? "before " : "trước ") : (english ? "by " : "");
    const char *where = "";
    int o = dl->month_offset;
    if (english) {
        switch (dl->every) {
        case PT_EVERY_MONTH: where = o == 0 ? "" : o == 1 ? " of the following month" : " (month offset)"; break;
        case PT_EVERY_QUARTER:
            where = o == 0 ? " of the quarter's last month" : o == 1 ? " of the next quarter's first month"
                  : o == -2 ? " of the quarter's first month" : " (month offset)";
            break;
        default: where = " (day and month)"; break;
        }
        snprintf(buf, size, "%sday N%s", bef, where);
        return;
    }
    switch (dl->every) {
    case PT_EVERY_MONTH: where = o == 0 ? "" : o == 1 ? " tháng sau" : " (lệch tháng)"; break;
    case PT_EVERY_QUARTER:
        where = o == 0 ? " tháng cuối quý" : o == 1 ? " tháng đầu quý sau"
              : o == -2 ? " tháng đầu quý" : " (lệch tháng)";
        break;
    case PT_EVERY_HALF: where = "/M (6 tháng một lần)"; break;
    default: where = o > 0 ? "/M năm sau" : "/M"; break;
    }
    snprintf(buf, size, "%sngày N%s", bef, where);
}

static const char *rec_rule(const pt_deadline *dl, bool english)
{
    char day[96], r[192];
    rec_day_words(day, sizeof day, dl, english);
    snprintf(r, sizeof r, "%s, %s%s", english ? every_en(dl->every, dl->year_report)
                                              : every_vi(dl->every, dl->year_report),
             day, dl->cutoff == PT_CUTOFF_ND09 ? (english ? " (cutoff NĐ 09/2019)" : " (chốt số liệu theo NĐ 09/2019)") : "");
    return intern(r);
}

/* The word just before a bare date decides whether the date may stand for
 * "by that day": "sau ngày D" (after D), "từ ngày D" (from D) and a
 * misspelt "trước" ("trươc", "truoc") mean something else, and reading
 * them as "by D" would give a wrong last on-time day without a word. */
static bool denies_by(const char *s, long start)
{
    long e = start;
    while (e > 0 && s[e - 1] == ' ')
        e--;
    long b = e;
    while (b > 0 && s[b - 1] != ' ' && s[b - 1] != ',' && s[b - 1] != ';' && s[b - 1] != '(')
        b--;
    if (e - b == 0 || e - b > 24)
        return false;
    char word[32];
    snprintf(word, sizeof word, "%.*s", (int)(e - b), s + b);
    static const char *const deny[] = {"sau", "từ", "after", "since", "from", "following", NULL};
    char *f = pt_fold(word, strlen(word));
    if (!f)
        return false;
    bool no = false;
    for (size_t i = 0; deny[i] && !no; i++) {
        char *g = pt_fold(deny[i], strlen(deny[i]));
        no = g && strcmp(f, g) == 0;
        free(g);
    }
    char *tr = pt_fold("trước", strlen("trước"));
    if (!no && tr && strcmp(f, tr) != 0 && pt_edit_distance(f, tr, 3) <= 3 && f[0] == 't')
        no = true;
    free(tr);
    free(f);
    return no;
}

/* "hằng tháng, sau ngày 20" is not "by the 20th" either: the phrase is
 * reported as unknown rather than read as a day. */
static int denied_day(parser *p)
{
    char ex[200];
    excerpt(ex, sizeof ex, p->ph.s, p->ph.len);
    diag_at(p->d, p->pos, &p->ph, 0, PT_E_DL_UNKNOWN, ex);
    return -1;
}

/* Finds the day of a recurrence in the text; fills dl. Returns 0 or -1. */
static int parse_rec_day(parser *p, pt_deadline *dl)
{
    const char *s = p->ph.s;
    size_t len = p->ph.len;
    if (run(P_D_AFTER, s, len, 0)) {
        span n = grp(P_D_AFTER, "n");
        int v = span_int(s, n);
        if (v < 1 || v > 3650) {
            char ex[40];
            excerpt(ex, sizeof ex, s + n.s, (size_t)(n.e - n.s));
            diag_at(p->d, p->pos, &p->ph, (size_t)n.s, PT_E_DL_BAD_COUNT, ex);
            return -1;
        }
        dl->after_days = v;
        return 0;
    }
    int two = run(P_D_TWO, s, len, 0) ? P_D_TWO : run(P_D_TWO_LONG, s, len, 0) ? P_D_TWO_LONG : -1;
    if (two >= 0) {
        span d1 = grp(two, "d1"), m1 = grp(two, "m1"), d2 = grp(two, "d2"), m2 = grp(two, "m2");
        span all = whole();
        bool bef = has(grp(two, "bef"));
        if (!bef && denies_by(s, all.s))
            return denied_day(p);
        int D1 = span_int(s, d1), M1 = span_int(s, m1), D2 = span_int(s, d2), M2 = span_int(s, m2);
        char why[96], ex[200];
        if (!check_ymd(0, M1, D1, why, sizeof why)) {
            excerpt(ex, sizeof ex, s + d1.s, (size_t)(m1.e - d1.s));
            diag_at(p->d, p->pos, &p->ph, (size_t)d1.s, PT_E_DL_BAD_DATE, ex, why);
            return -1;
        }
        if (!check_ymd(0, M2, D2, why, sizeof why)) {
            excerpt(ex, sizeof ex, s + d2.s, (size_t)(m2.e - d2.s));
            diag_at(p->d, p->pos, &p->ph, (size_t)d2.s, PT_E_DL_BAD_DATE, ex, why);
            return -1;
        }
        bool last1 = D1 == pt_days_in_month(2001, M1), last2 = D2 == pt_days_in_month(2001, M2);
        bool six = (M1 + 6 - 1) % 12 + 1 == M2 || (M2 + 6 - 1) % 12 + 1 == M1;
        if (!six || !(D1 == D2 || (last1 && last2))) {
            excerpt(ex, sizeof ex, s + all.s, (size_t)(all.e - all.s));
            diag_at(p->d, p->pos, &p->ph, (size_t)all.s, PT_E_DL_HALF_DAYS, ex);
            return -1;
        }
        dl->every = PT_EVERY_HALF;
        dl->day_of_month = last1 && last2 ? 31 : D1;
        dl->month_offset = offset_for(PT_EVERY_HALF, M1);
        dl->before = bef;
        return 0;
    }
    int dm = run(P_D_DM, s, len, 0) ? P_D_DM : run(P_D_DM_LONG, s, len, 0) ? P_D_DM_LONG
           : run(P_D_DM_EN, s, len, 0) ? P_D_DM_EN : -1;
    if (dm >= 0) {
        if (!has(grp(dm, "bef")) && denies_by(s, whole().s))
            return denied_day(p);
        span d = grp(dm, "d"), m = grp(dm, "m");
        int D, M;
        if (dm == P_D_DM_EN) {
            span mon = grp(dm, "mon");
            if (!has(d)) {
                d = grp(dm, "d2");
                mon = grp(dm, "mon2");
            }
            D = span_int(s, d);
            M = month_from_name(s + mon.s, (size_t)(mon.e - mon.s));
        } else {
            D = span_int(s, d);
            M = span_int(s, m);
        }
        span all = whole();
        char why[96], ex[200];
        if (!check_ymd(0, M, D, why, sizeof why)) {
            excerpt(ex, sizeof ex, s + d.s, (size_t)(all.e - d.s));
            diag_at(p->d, p->pos, &p->ph, (size_t)d.s, PT_E_DL_BAD_DATE, ex, why);
            return -1;
        }
        dl->before = has(grp(dm, "bef"));
        dl->day_of_month = D;
        if (dl->every == PT_EVERY_MONTH) {
            dl->month_offset = 0;
        } else {
            dl->month_offset = offset_for(dl->every, M);
            if (dl->every == PT_EVERY_YEAR && run(P_NEXT_YEAR, s, len, 0))
                dl->month_offset += 12;
        }
        /* the last day of June and December, for half-years */
        if (dl->every == PT_EVERY_HALF && D == pt_days_in_month(2001, M) && M % 6 == 0)
            dl->day_of_month = 31;
        return 0;
    }
    if (run(P_D_ONLY, s, len, 0)) {
        if (!has(grp(P_D_ONLY, "bef")) && denies_by(s, whole().s))
            return denied_day(p);
        span d = grp(P_D_ONLY, "d");
        int D = span_int(s, d);
        dl->before = has(grp(P_D_ONLY, "bef"));
        if (D < 1 || D > 31) {
            char ex[40], why[60];
            excerpt(ex, sizeof ex, s + d.s, (size_t)(d.e - d.s));
            snprintf(why, sizeof why, "there is no day %d", D);
            diag_at(p->d, p->pos, &p->ph, (size_t)d.s, PT_E_DL_BAD_DATE, ex, why);
            return -1;
        }
        dl->day_of_month = D;
        if (dl->every == PT_EVERY_MONTH && run(P_NEXT_MONTH, s, len, 0))
            dl->month_offset = 1;
        else if (dl->every == PT_EVERY_QUARTER && run(P_NEXT_Q, s, len, 0))
            dl->month_offset = 1;
        else if (dl->every == PT_EVERY_QUARTER && run(P_FIRST_Q, s, len, 0))
            dl->month_offset = -2;
        else if (dl->every == PT_EVERY_YEAR && run(P_NEXT_YEAR, s, len, 0))
            dl->month_offset = 12;
        else if (dl->every == PT_EVERY_HALF && run(P_NEXT_MONTH, s, len, 0))
            dl->month_offset = 1;
        return 0;
    }
    return 0; /* no day: defaults or untracked at expand time */
}

/* Recurrence: returns 1 when the text is one (dl filled), 0 when not, -1 on error. */
static int parse_recurring(parser *p, pt_deadline *dl)
{
    const char *s = p->ph.s;
    size_t len = p->ph.len;
    int every = -1;
    bool year_report = false;
    if (run(P_HALF_YR, s, len, 0)) {
        every = PT_EVERY_HALF;
        year_report = true;
    } else if (run(P_HALF, s, len, 0)) {
        every = PT_EVERY_HALF;
    } else {
        static const int cands[3][2] = {{P_QUARTER, PT_EVERY_QUARTER},
                                        {P_MONTH, PT_EVERY_MONTH},
                                        {P_YEAR, PT_EVERY_YEAR}};
        long best = -1;
        for (int i = 0; i < 3; i++)
            if (run(cands[i][0], s, len, 0)) {
                span w = whole();
                if (best < 0 || w.s < best) {
                    best = w.s;
                    every = cands[i][1];
                }
            }
    }
    if (every < 0) {
        /* "trước ngày 20/6 và 20/12": two days, no year, six months apart */
        int two = run(P_D_TWO, s, len, 0) ? P_D_TWO : run(P_D_TWO_LONG, s, len, 0) ? P_D_TWO_LONG : -1;
        if (two < 0)
            return 0;
        span all = whole();
        int M1 = span_int(s, grp(two, "m1")), M2 = span_int(s, grp(two, "m2"));
        bool year = false;
        for (long i = all.s; i < all.e; i++)
            if (s[i] >= '0' && s[i] <= '9') {
                long k = i;
                while (k < all.e && s[k] >= '0' && s[k] <= '9')
                    k++;
                if (k - i == 4)
                    year = true;
                i = k;
            }
        if (year || !((M1 + 6 - 1) % 12 + 1 == M2))
            return 0;
        every = PT_EVERY_HALF;
    }
    pt_deadline_init_recurring(dl, (pt_every)every);
    dl->year_report = year_report;
    if (run(P_ND09, s, len, 0))
        dl->cutoff = PT_CUTOFF_ND09;
    if (parse_rec_day(p, dl) != 0)
        return -1;
    dl->rule = rec_rule(dl, p->english);
    return 1;
}

static int parse_relative(parser *p, pt_deadline *dl)
{
    const char *s = p->ph.s;
    size_t len = p->ph.len;
    size_t start = 0;
    while (run(P_REL, s, len, start)) {
        span all = whole(), pre = grp(P_REL, "pre"), n = grp(P_REL, "n"), wd = grp(P_REL, "wd");
        span anchor = grp(P_REL, "anchor"), what = grp(P_REL, "what");
        if (!has(pre) && !has(anchor)) {
            start = (size_t)all.e;
            continue;
        }
        int v = span_int(s, n);
        if (v < 1 || v > 3650) {
            char ex[40];
            excerpt(ex, sizeof ex, s + n.s, (size_t)(n.e - n.s));
            diag_at(p->d, p->pos, &p->ph, (size_t)n.s, PT_E_DL_BAD_COUNT, ex);
            return -1;
        }
        while (has(what) && what.s < what.e && s[what.s] == ' ')
            what.s++;
        while (has(what) && what.e > what.s && s[what.e - 1] == ' ')
            what.e--;
        if (has(what) && what.s < what.e) {
            /* the words after "kể từ ngày" must name the issue of the document */
            size_t wl = (size_t)(what.e - what.s);
            char *w = malloc(wl + 1);
            if (!w)
                return -1;
            memcpy(w, s + what.s, wl);
            w[wl] = 0;
            bool ok = run(P_ANCHOR_OK, w, wl, 0);
            free(w);
            if (!ok) {
                char ex[200];
                excerpt(ex, sizeof ex, s + what.s, wl);
                diag_at(p->d, p->pos, &p->ph, (size_t)what.s, PT_E_DL_ANCHOR, ex);
                return -1;
            }
        }
        dl->kind = PT_DL_RELATIVE;
        dl->n = v;
        dl->working_days = has(wd);
        if (p->english)
            dl->rule = dl->working_days ? "within N working days of issue" : "within N days of issue";
        else
            dl->rule = dl->working_days ? "trong thời hạn N ngày làm việc kể từ ngày ban hành"
                                        : "trong vòng N ngày kể từ ngày ban hành";
        return 1;
    }
    return 0;
}

static int parse_day(parser *p, pt_deadline *dl)
{
    const char *s = p->ph.s;
    if (!run(P_DATE, s, p->ph.len, 0))
        return 0;
    span a = grp(P_DATE, "a");
    bool bef = has(grp(P_DATE, "bef"));
    const char *pfx = has(grp(P_DATE, "p_cn")) ? "chậm nhất ngày "
                    : has(grp(P_DATE, "p_dh")) ? "đến hết ngày "
                    : has(grp(P_DATE, "p_den")) ? "đến ngày "
                    : has(grp(P_DATE, "p_han")) ? "hạn "
                    : has(grp(P_DATE, "p_by")) ? "by " : "";
    if (!bef && !*pfx) {
        span w = whole();
        /* skip a "ngày" the pattern took in front of the date */
        long start = w.s;
        if (a.s - w.s >= 5 && strncmp(s + w.s, "ngày", strlen("ngày")) == 0)
            start = w.s;
        if (denies_by(s, start))
            return 0;
    }
    int shape;
    pt_ymd day;
    if (take_date(p, a, &day, &shape) != 0)
        return -1;
    dl->kind = bef ? PT_DL_BEFORE : PT_DL_BY;
    dl->day = day;
    dl->year_guessed = day.y == 0;
    note_day(p, dl, a);
    char r[96];
    if (p->english || shape == SH_EN)
        snprintf(r, sizeof r, "%s%s", bef ? "before " : pfx, shape == SH_ISO ? "YYYY-MM-DD" : "D");
    else if (bef)
        snprintf(r, sizeof r, "trước %s%s", shape == SH_ISO ? "" : "ngày ", shape_vi(shape, day.y != 0));
    else if (shape == SH_LONG && !*pfx)
        snprintf(r, sizeof r, "%s", shape_vi(shape, day.y != 0));
    else
        snprintf(r, sizeof r, "%s%s", pfx, shape_vi(shape, day.y != 0));
    /* "ngày ngày D tháng M": the long shape already says ngày */
    if (shape == SH_LONG && *pfx && strstr(pfx, "ngày "))
        snprintf(r, sizeof r, "%.*s%s", (int)(strlen(pfx) - strlen("ngày ")), pfx,
                 shape_vi(shape, day.y != 0));
    dl->rule = intern(r);
    return 1;
}

static int roman(const char *s, span g)
{
    char buf[8] = {0};
    long n = g.e - g.s;
    if (n <= 0 || n > 3)
        return 0;
    for (long i = 0; i < n; i++)
        buf[i] = (char)(s[g.s + i] | 0x20);
    if (buf[0] >= '1' && buf[0] <= '4')
        return buf[0] - '0';
    if (!strcmp(buf, "i")) return 1;
    if (!strcmp(buf, "ii")) return 2;
    if (!strcmp(buf, "iii")) return 3;
    if (!strcmp(buf, "iv")) return 4;
    return 0;
}

/* The named period (month, quarter, half, year) matched by P_PEND: first and
 * last day. Returns false when the numbers are out of range. */
static bool pend_period(const char *s, int *fy, int *fm, int *ly, int *lm, const char **what)
{
    span g;
    if (has(g = grp(P_PEND, "m"))) {
        int m = span_int(s, g), y = span_int(s, grp(P_PEND, "my"));
        *fy = *ly = y, *fm = *lm = m, *what = "tháng M/Y";
    } else if (has(g = grp(P_PEND, "q"))) {
        int q = roman(s, g), y = span_int(s, grp(P_PEND, "qy"));
        *fy = *ly = y, *fm = 3 * q - 2, *lm = 3 * q, *what = "quý Q/Y";
    } else if (has(g = grp(P_PEND, "hw"))) {
        bool first = (s[g.s] | 0x20) == 'd' || !strncmp(s + g.s, "đ", 2) || !strncmp(s + g.s, "Đ", 2);
        int y = span_int(s, grp(P_PEND, "hy"));
        *fy = *ly = y, *fm = first ? 1 : 7, *lm = first ? 6 : 12, *what = "6 tháng đầu/cuối năm Y";
    } else if (has(g = grp(P_PEND, "yy"))) {
        int y = span_int(s, g);
        *fy = *ly = y, *fm = 1, *lm = 12, *what = "năm Y";
    } else if (has(g = grp(P_PEND, "enmon"))) {
        int m = month_from_name(s + g.s, (size_t)(g.e - g.s)), y = span_int(s, grp(P_PEND, "enmy"));
        *fy = *ly = y, *fm = *lm = m, *what = "Month Y";
    } else if (has(g = grp(P_PEND, "eq"))) {
        int q = span_int(s, g), y = span_int(s, grp(P_PEND, "eqy"));
        *fy = *ly = y, *fm = 3 * q - 2, *lm = 3 * q, *what = "QN Y";
    } else if (has(g = grp(P_PEND, "eh"))) {
        int h = span_int(s, g), y = span_int(s, grp(P_PEND, "ehy"));
        *fy = *ly = y, *fm = h == 1 ? 1 : 7, *lm = h == 1 ? 6 : 12, *what = "HN Y";
    } else {
        return false;
    }
    return *fy >= PT_YEAR_MIN && *fy <= PT_YEAR_MAX && *fm >= 1 && *fm <= 12 && *lm >= 1 &&
           *lm <= 12 && *fm <= *lm;
}

static int parse_period_end(parser *p, pt_deadline *dl)
{
    const char *s = p->ph.s;
    if (!run(P_PEND, s, p->ph.len, 0))
        return 0;
    int fy, fm, ly, lm;
    const char *what;
    span all = whole();
    bool bef = has(grp(P_PEND, "bef"));
    if (!pend_period(s, &fy, &fm, &ly, &lm, &what)) {
        char ex[200];
        excerpt(ex, sizeof ex, s + all.s, (size_t)(all.e - all.s));
        diag_at(p->d, p->pos, &p->ph, (size_t)all.s, PT_E_DL_BAD_DATE, ex, "there is no such period");
        return -1;
    }
    pt_date last = bef ? civil(fy, fm, 1) - 1 : civil(ly, lm, pt_days_in_month(ly, lm));
    int y, m, d;
    pt_date_ymd(last, &y, &m, &d);
    dl->kind = PT_DL_BY;
    dl->day = (pt_ymd){y, m, d};
    note_day(p, dl, all);
    char r[96];
    snprintf(r, sizeof r, "%s%s%s", bef ? (p->english ? "before " : "trước ") : "",
             p->english ? "" : (bef ? "" : "trong "), what);
    dl->rule = intern(r);
    return 1;
}

/* "năm 2020 và các năm tiếp theo" as a deadline: ongoing work, untracked. */
static int parse_ongoing(parser *p, pt_deadline *dl)
{
    if (!run(P_ONGOING, p->ph.s, p->ph.len, 0))
        return 0;
    dl->kind = PT_DL_UNTRACKED;
    dl->rule = p->english ? "ongoing" : "các năm tiếp theo";
    return 1;
}

static int parse_untracked(parser *p, pt_deadline *dl)
{
    if (!run(P_UNTRACKED, p->ph.s, p->ph.len, 0))
        return 0;
    dl->kind = PT_DL_UNTRACKED;
    dl->rule = "untracked";
    for (size_t i = 0; i < N_UNTRACKED; i++) {
        char name[8];
        snprintf(name, sizeof name, "u%zu", i);
        if (has(grp(P_UNTRACKED, name))) {
            dl->rule = untracked_words[i][1];
            break;
        }
    }
    return 1;
}

static bool ascii_only(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

static int internal_error(pt_diags *d, const pt_srcpos *pos)
{
    pt_diag_add(d, PT_E_DL_INTERNAL, pos_file(pos), pos ? pos->line : 0, pos ? pos->col : 0,
                failed_pattern, failed_msg);
    return -1;
}

void pt_deadline_release(pt_deadline *dl)
{
    if (!dl)
        return;
    free(dl->text);
    memset(dl, 0, sizeof *dl);
    dl->rec_from = dl->rec_until = PT_DATE_NONE;
}

void pt_deadline_init_recurring(pt_deadline *out, pt_every every)
{
    memset(out, 0, sizeof *out);
    out->kind = PT_DL_RECURRING;
    out->every = every;
    out->cutoff = PT_CUTOFF_CALENDAR;
    out->rec_from = out->rec_until = PT_DATE_NONE;
    static const char *const rules[4] = {"{every: month}", "{every: quarter}",
                                         "{every: half-year}", "{every: year}"};
    out->rule = rules[(unsigned)every < 4 ? every : 3];
}

/* Readies p for text: the patterns compiled, the phrase normalised and
 * cleaned. Returns 0, or -1 after an error to p->d (invalid UTF-8 is
 * reported at the bad byte). */
static int parser_open(parser *p, const char *text)
{
    if (compile_patterns() < 0)
        return internal_error(p->d, p->pos);
    size_t bad;
    if (phrase_init(&p->ph, text, &bad) != 0) {
        if (bad != SIZE_MAX) {
            int line, col;
            pos_at(p->pos, bad, pt_utf8_chars(text, bad), &line, &col);
            pt_diag_add(p->d, PT_E_UTF8, pos_file(p->pos), line, col,
                        (unsigned)(unsigned char)text[bad]);
        }
        phrase_release(&p->ph);
        return -1;
    }
    return 0;
}

/* every < 0: any deadline; else also, when nothing else reads, the day of
 * a recurrence of that period ("trước ngày 20" as a `month:` default). */
static int parse_phrase(pt_deadline *out, const char *text, int every, const pt_srcpos *pos,
                        pt_diags *d)
{
    memset(out, 0, sizeof *out);
    out->rec_from = out->rec_until = PT_DATE_NONE;
    out->kind = PT_DL_UNTRACKED;
    out->rule = "";
    parser p = {.pos = pos, .d = d};
    if (parser_open(&p, text) != 0)
        return -1;
    out->text = strdup(p.ph.nfc);
    if (!out->text) {
        phrase_release(&p.ph);
        return -1;
    }
    int rc = 0;
    const char *s = p.ph.s;
    if (p.ph.len == 0) {
        out->rule = "";
        goto done;
    }
    if (p.ph.len > PT_MAX_PHRASE && pt_utf8_chars(s, p.ph.len) > PT_MAX_PHRASE) {
        diag_at(d, pos, &p.ph, 0, PT_E_DL_TOO_LONG, PT_MAX_PHRASE);
        rc = -1;
        goto done;
    }
    p.english = ascii_only(s) && run(P_ENGLISH, s, p.ph.len, 0);

    char *keep = out->text;
    if (run(P_WINDOW, s, p.ph.len, 0)) {
        rc = parse_window(&p, out);
        goto done;
    }
    int r = parse_recurring(&p, out);
    out->text = keep;
    if (r != 0) {
        rc = r < 0 ? -1 : 0;
        goto done;
    }
    if ((r = parse_relative(&p, out)) != 0 || (r = parse_day(&p, out)) != 0 ||
        (r = parse_ongoing(&p, out)) != 0 || (r = parse_period_end(&p, out)) != 0 ||
        (r = parse_untracked(&p, out)) != 0) {
        rc = r < 0 ? -1 : 0;
        goto done;
    }
    if (every >= 0) {
        pt_deadline_init_recurring(out, (pt_every)every);
        out->text = keep;
        if (parse_rec_day(&p, out) != 0) {
            rc = -1;
            goto done;
        }
        if (out->day_of_month || out->after_days) {
            out->rule = rec_rule(out, p.english);
            goto done;
        }
    }
    {
        char ex[200];
        excerpt(ex, sizeof ex, s, p.ph.len);
        diag_at(d, pos, &p.ph, 0, PT_E_DL_UNKNOWN, ex);
        rc = -1;
    }
done:
    phrase_release(&p.ph);
    if (rc != 0)
        pt_deadline_release(out);
    return rc;
}

int pt_deadline_parse(pt_deadline *out, const char *text, const pt_srcpos *pos, pt_diags *d)
{
    return parse_phrase(out, text, -1, pos, d);
}

int pt_deadline_parse_default(pt_deadline *out, pt_every every, const char *text,
                              const pt_srcpos *pos, pt_diags *d)
{
    return parse_phrase(out, text, (int)every, pos, d);
}

/* ------------------------------------------------------------------ */
/* Explain                                                             */
/* ------------------------------------------------------------------ */

struct pt_explain {
    bool en;
    bool muted;       /* inside a period other than `only` */
    char only[12];    /* explain only this period; "" = every period */
    char **lines;
    size_t n, cap;
};

pt_explain *pt_explain_new(const char *lang)
{
    pt_explain *ex = calloc(1, sizeof *ex);
    if (ex)
        ex->en = lang && strcmp(lang, "en") == 0;
    return ex;
}

void pt_explain_free(pt_explain *ex)
{
    if (!ex)
        return;
    for (size_t i = 0; i < ex->n; i++)
        free(ex->lines[i]);
    free(ex->lines);
    free(ex);
}

size_t pt_explain_count(const pt_explain *ex) { return ex ? ex->n : 0; }

const char *pt_explain_line(const pt_explain *ex, size_t i)
{
    return ex && i < ex->n ? ex->lines[i] : NULL;
}

const char *pt_explain_lang(const pt_explain *ex) { return ex && ex->en ? "en" : "vi"; }

void pt_explain_only_period(pt_explain *ex, const char *label)
{
    if (ex)
        snprintf(ex->only, sizeof ex->only, "%s", label ? label : "");
}

void pt_explain_add(pt_explain *ex, const char *fmt, ...)
{
    if (!ex || ex->muted)
        return;
    if (pt_grow(&ex->lines, ex->n, &ex->cap, sizeof *ex->lines, 16) != 0)
        return;
    pt_buf b = PT_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    pt_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *line = pt_buf_detach(&b);
    if (line)
        ex->lines[ex->n++] = line;
}

/* One line in the explain's language: vi and en formats take the same arguments. */
#define EXPLAIN(ex, fmt_vi, fmt_en, ...) \
    do { if (ex) pt_explain_add((ex), (ex)->en ? (fmt_en) : (fmt_vi), __VA_ARGS__); } while (0)

static const char *weekday_name(pt_date day, bool en)
{
    static const char *const vi[7] = {"thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm",
                                      "thứ Sáu", "thứ Bảy", "Chủ nhật"};
    static const char *const eng[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};
    int w = pt_date_weekday(day);
    return en ? eng[w] : vi[w];
}

/* "18/07/2020: thứ Bảy (ngày nghỉ cuối tuần)", "30/04/2021: Ngày Chiến thắng" */
static void explain_day_off(pt_explain *ex, const pt_calendar *cal, pt_date day)
{
    char vn[11];
    pt_date_vn(day, vn);
    const char *name = pt_calendar_holiday_name(cal, day);
    if (name)
        EXPLAIN(ex, "  %s: %s", "  %s: %s", vn, name);
    else if (pt_calendar_is_holiday(cal, day))
        EXPLAIN(ex, "  %s: ngày nghỉ lễ (%s)", "  %s: public holiday (%s)", vn,
                weekday_name(day, ex->en));
    else
        EXPLAIN(ex, "  %s: %s (ngày nghỉ cuối tuần)", "  %s: %s (weekend)", vn,
                weekday_name(day, ex->en));
}

static pt_date roll_explained(const pt_expand_ctx *ctx, pt_date nominal, pt_explain *ex)
{
    if (!ctx->roll) {
        EXPLAIN(ex, "Không dời hạn khi rơi vào ngày nghỉ (roll: none)",
                "No roll forward onto a working day (roll: none)", 0);
        return nominal;
    }
    pt_date due = pt_calendar_roll(ctx->cal, nominal);
    if (due == PT_DATE_NONE)
        return nominal;
    if (ex && due != nominal) {
        EXPLAIN(ex, "Rơi vào ngày nghỉ, dời sang ngày làm việc tiếp theo (Bộ luật Dân sự 2015, Điều 148):",
                "Falls on a day off, moved to the next working day (Civil Code 2015, Article 148):", 0);
        for (pt_date d = nominal; d < due; d++)
            explain_day_off(ex, ctx->cal, d);
    }
    return due;
}

static void explain_result(pt_explain *ex, pt_date due)
{
    char vn[11];
    pt_date_vn(due, vn);
    EXPLAIN(ex, "Kết quả: hạn cuối %s (%s)", "Result: last on-time day %s (%s)", vn,
            weekday_name(due, ex->en));
}

/* ------------------------------------------------------------------ */
/* Expand                                                              */
/* ------------------------------------------------------------------ */

/* A diagnostic at the day of dl when its place is known, else at the phrase. */
static void dl_diag(pt_diags *d, const pt_srcpos *pos, const pt_deadline *dl, bool at_day,
                    pt_msg msg, ...)
{
    int line, col;
    if (at_day && dl->day_len > 0)
        pos_at(pos, dl->day_src, dl->day_chars, &line, &col);
    else
        pos_at(pos, 0, 0, &line, &col);
    va_list ap;
    va_start(ap, msg);
    pt_diag_addv(d, msg, pos_file(pos), line, col, ap);
    va_end(ap);
}

static void dl_excerpt(char *buf, size_t size, const pt_deadline *dl, bool day, bool full)
{
    const char *t = dl->text ? dl->text : "";
    size_t tl = strlen(t);
    if (day && dl->day_len > 0 && dl->day_at + dl->day_len <= tl) {
        excerpt(buf, size, t + dl->day_at, dl->day_len);
        return;
    }
    /* the whole phrase, white space made single */
    char tmp[400];
    size_t o = 0;
    bool sp = false;
    for (size_t i = 0; i < tl && o + 4 < sizeof tmp; i++) {
        char c = t[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            sp = o > 0;
            continue;
        }
        if (c == '*')
            continue;
        if (sp)
            tmp[o++] = ' ';
        sp = false;
        tmp[o++] = c;
    }
    if (o + 4 >= sizeof tmp) {
        /* cut short: do not leave half a character */
        size_t k = o;
        while (k > 0 && ((unsigned char)tmp[k - 1] & 0xC0) == 0x80)
            k--;
        if (k > 0 && (unsigned char)tmp[k - 1] >= 0xC0) {
            size_t need = (unsigned char)tmp[k - 1] >= 0xF0 ? 4 : (unsigned char)tmp[k - 1] >= 0xE0 ? 3 : 2;
            if (o - (k - 1) < need)
                o = k - 1;
        }
    }
    if (!full) {
        excerpt(buf, size, tmp, o);
        return;
    }
    snprintf(buf, size, "%.*s", (int)o, tmp);
}

static int infer_year(const pt_deadline *dl, const pt_expand_ctx *ctx, int m, int d,
                      const pt_srcpos *pos, pt_diags *diags, pt_explain *ex, int *year)
{
    char why_en[96], why_vi[96], iso[11], vn[11];
    int y;
    int dd = d > pt_days_in_month(2001, m) ? pt_days_in_month(2001, m) : d;
    int period_year = ctx->period_year;
    if (!period_year && ctx->period_from != PT_DATE_NONE && ctx->period_until != PT_DATE_NONE) {
        /* a period of one whole calendar year names that year */
        int fy, fm, fd, uy, um, ud;
        pt_date_ymd(ctx->period_from, &fy, &fm, &fd);
        pt_date_ymd(ctx->period_until, &uy, &um, &ud);
        if (fy == uy && fm == 1 && fd == 1 && um == 12 && ud == 31)
            period_year = fy;
    }
    if (period_year) {
        y = period_year;
        snprintf(why_en, sizeof why_en, "the plan period (%d)", y);
        snprintf(why_vi, sizeof why_vi, "thời gian thực hiện của kế hoạch (năm %d)", y);
    } else if (ctx->period_from != PT_DATE_NONE) {
        int fm, fd;
        pt_date_ymd(ctx->period_from, &y, &fm, &fd);
        if (civil(y, m, dd) < ctx->period_from &&
            (ctx->period_until == PT_DATE_NONE || civil(y + 1, m, dd) <= ctx->period_until))
            y++;
        pt_date_iso(ctx->period_from, iso);
        pt_date_vn(ctx->period_from, vn);
        snprintf(why_en, sizeof why_en, "the plan period, which starts %s", iso);
        snprintf(why_vi, sizeof why_vi, "thời gian thực hiện của kế hoạch (từ %s)", vn);
    } else if (ctx->issued != PT_DATE_NONE) {
        int im, id;
        pt_date_ymd(ctx->issued, &y, &im, &id);
        if (civil(y, m, dd) < ctx->issued)
            y++;
        pt_date_iso(ctx->issued, iso);
        pt_date_vn(ctx->issued, vn);
        snprintf(why_en, sizeof why_en, "the date of issue, %s", iso);
        snprintf(why_vi, sizeof why_vi, "ngày ban hành %s", vn);
    } else {
        char ex_[200];
        dl_excerpt(ex_, sizeof ex_, dl, true, false);
        dl_diag(diags, pos, dl, true, PT_E_DL_NO_YEAR, ex_);
        return -1;
    }
    char ex_[200];
    dl_excerpt(ex_, sizeof ex_, dl, true, false);
    dl_diag(diags, pos, dl, true, PT_W_DL_YEAR_GUESSED, ex_, y, why_en);
    EXPLAIN(ex, "Năm không ghi: lấy năm %d theo %s", "Year left out: %d, from %s", y,
            ex->en ? why_en : why_vi);
    *year = y;
    return 0;
}

/* Makes the day y-m-d; an impossible one (29/2 of a guessed common year) is an error. */
static int make_day(pt_date *out, const pt_deadline *dl, int y, int m, int d, const pt_srcpos *pos,
                    pt_diags *diags)
{
    char why[96];
    if (check_ymd(y, m, d, why, sizeof why) && pt_date_make(out, y, m, d) == 0)
        return 0;
    char ex[200];
    dl_excerpt(ex, sizeof ex, dl, true, false);
    dl_diag(diags, pos, dl, true, PT_E_DL_BAD_DATE, ex, why);
    return -1;
}

static int push(pt_occurrence **v, size_t *n, size_t *cap, const pt_occurrence *o)
{
    if (pt_grow(v, *n, cap, sizeof **v, 4) != 0)
        return -1;
    (*v)[(*n)++] = *o;
    return 0;
}

static int expand_oneoff(pt_occurrence **out, size_t *n, const pt_deadline *dl,
                         const pt_expand_ctx *ctx, const pt_srcpos *pos, pt_diags *d,
                         pt_explain *ex)
{
    pt_occurrence o = {"", PT_DATE_NONE, PT_DATE_NONE, PT_DATE_NONE, PT_DATE_NONE};
    char a[11], b[11];
    if (dl->kind == PT_DL_RELATIVE) {
        if (ctx->issued == PT_DATE_NONE) {
            char ex_[200];
            dl_excerpt(ex_, sizeof ex_, dl, false, false);
            dl_diag(d, pos, dl, false, PT_E_DL_NO_ISSUED, ex_);
            return -1;
        }
        pt_date_vn(ctx->issued, a);
        EXPLAIN(ex, "Mốc: ngày ban hành %s (%s)", "Anchor: date of issue %s (%s)", a,
                weekday_name(ctx->issued, ex->en));
        if (dl->working_days) {
            o.nominal = pt_calendar_add_workdays(ctx->cal, ctx->issued, dl->n);
            if (o.nominal == PT_DATE_NONE)
                o.nominal = ctx->issued + dl->n;
            pt_date_vn(o.nominal, b);
            EXPLAIN(ex, "%s + %d ngày làm việc = %s (không tính ngày ban hành, Bộ luật Dân sự 2015, Điều 147)",
                    "%s + %d working days = %s (the day of issue not counted, Civil Code 2015, Article 147)",
                    a, dl->n, b);
            if (ex) {
                int weekend = 0, holidays = 0;
                for (pt_date x = ctx->issued + 1; x < o.nominal; x++)
                    if (pt_calendar_is_off(ctx->cal, x)) {
                        if (pt_calendar_is_holiday(ctx->cal, x))
                            holidays++;
                        else
                            weekend++;
                    }
                if (holidays) {
                    EXPLAIN(ex, "Ngày nghỉ lễ không tính:", "Holidays not counted:", 0);
                    for (pt_date x = ctx->issued + 1; x < o.nominal; x++)
                        if (pt_calendar_is_holiday(ctx->cal, x))
                            explain_day_off(ex, ctx->cal, x);
                }
                EXPLAIN(ex, "Ngày nghỉ cuối tuần không tính: %d", "Weekend days not counted: %d",
                        weekend);
            }
        } else {
            o.nominal = ctx->issued + dl->n;
            pt_date_vn(o.nominal, b);
            EXPLAIN(ex, "%s + %d ngày = %s (không tính ngày ban hành, Bộ luật Dân sự 2015, Điều 147)",
                    "%s + %d days = %s (the day of issue not counted, Civil Code 2015, Article 147)",
                    a, dl->n, b);
        }
    } else {
        pt_ymd day = dl->day, from = dl->from;
        if (day.y == 0) {
            if (infer_year(dl, ctx, day.m, day.d, pos, d, ex, &day.y) != 0)
                return -1;
        }
        pt_date date;
        if (make_day(&date, dl, day.y, day.m, day.d, pos, d) != 0)
            return -1;
        pt_date_vn(date, a);
        if (dl->kind == PT_DL_WINDOW) {
            if (from.y == 0) {
                from.y = day.y;
                if (from.m > day.m || (from.m == day.m && from.d > day.d))
                    from.y--;
            }
            pt_date start;
            if (pt_date_make(&start, from.y, from.m, from.d) == 0) {
                pt_date_vn(start, b);
                EXPLAIN(ex, "Mốc: khoảng thời gian từ %s đến %s; hạn là ngày cuối của khoảng",
                        "Anchor: the window from %s to %s; the deadline is its last day", b, a);
            }
            o.nominal = date;
        } else if (dl->kind == PT_DL_BEFORE) {
            o.nominal = date - 1;
            pt_date_vn(o.nominal, b);
            EXPLAIN(ex, "Mốc: ngày %s (%s); \"trước ngày\" nên hạn là ngày liền trước",
                    "Anchor: %s (%s); \"before\" means the day before", a, weekday_name(date, ex->en));
            EXPLAIN(ex, "%s − 1 ngày = %s", "%s − 1 day = %s", a, b);
        } else {
            o.nominal = date;
            EXPLAIN(ex, "Mốc: ngày %s; hạn là chính ngày đó", "Anchor: %s; the deadline is that day", a, 0);
        }
    }
    o.due = roll_explained(ctx, o.nominal, ex);
    explain_result(ex, o.due);
    *out = malloc(sizeof **out);
    if (!*out)
        return -1;
    **out = o;
    *n = 1;
    return 0;
}

static const int per_year[4] = {12, 4, 2, 1};

/* "2021", "2021-H1", "2021-Q3", "2021-07"; the year-report H2 is "2021". */
static void make_label(char out[12], pt_every ev, int y, int i, bool year_report)
{
    unsigned uy = (unsigned)y % 10000u, ui = (unsigned)i % 100u;
    switch (ev) {
    case PT_EVERY_MONTH: snprintf(out, 12, "%04u-%02u", uy, ui); break;
    case PT_EVERY_QUARTER: snprintf(out, 12, "%04u-Q%u", uy, ui % 10u); break;
    case PT_EVERY_HALF:
        if (year_report)
            snprintf(out, 12, "%04u", uy);
        else
            snprintf(out, 12, "%04u-H%u", uy, ui % 10u);
        break;
    default: snprintf(out, 12, "%04u", uy); break;
    }
}

/* Index of the period holding day: y * per + i. nd09: from the 15th on, a
 * day belongs to the next month's period. */
static long period_index(pt_every ev, pt_date day, bool nd09)
{
    int y, m, d;
    pt_date_ymd(day, &y, &m, &d);
    if (nd09 && d >= 15)
        pt_month_add(&y, &m, 1);
    int per = per_year[ev];
    return (long)y * per + (m - 1) / (12 / per);
}

typedef struct {
    int day, offset, after;
    bool before, year_report;
    pt_cutoff cutoff;
} rec_rule_t;

/* The day rule a plan default gives for a recurrence of `every`. */
static bool default_rule(const pt_deadline *df, pt_every every, rec_rule_t *r)
{
    if (!df)
        return false;
    if (df->kind == PT_DL_RECURRING && (df->day_of_month > 0 || df->after_days > 0)) {
        r->day = df->day_of_month;
        r->offset = df->month_offset;
        r->after = df->after_days;
        r->before = df->before;
        r->year_report = r->year_report || df->year_report;
        if (df->cutoff == PT_CUTOFF_ND09)
            r->cutoff = PT_CUTOFF_ND09;
        return true;
    }
    if ((df->kind == PT_DL_BY || df->kind == PT_DL_BEFORE) && df->day.m >= 1 && df->day.m <= 12 &&
        df->day.d >= 1) {
        r->day = df->day.d;
        r->offset = every == PT_EVERY_MONTH ? 0 : offset_for(every, df->day.m);
        if (every == PT_EVERY_HALF && df->day.m % 6 == 0 &&
            df->day.d == pt_days_in_month(2001, df->day.m))
            r->day = 31;
        r->after = 0;
        r->before = df->kind == PT_DL_BEFORE;
        return true;
    }
    return false;
}

static int expand_recurring(pt_occurrence **out, size_t *n, const pt_deadline *dl,
                            const pt_expand_ctx *ctx, const pt_srcpos *pos, pt_diags *d,
                            pt_explain *ex)
{
    pt_every ev = (unsigned)dl->every < 4 ? dl->every : PT_EVERY_YEAR;
    rec_rule_t r = {dl->day_of_month, dl->month_offset, dl->after_days, dl->before,
                    dl->year_report, dl->cutoff};
    bool has_day = r.day > 0 || r.after > 0;
    char ex_[200], a[11], b[11];
    dl_excerpt(ex_, sizeof ex_, dl, false, false);
    if (!has_day && default_rule(ctx->defaults[ev], ev, &r)) {
        has_day = true;
        char dx[200];
        dl_excerpt(dx, sizeof dx, ctx->defaults[ev], false, false);
        EXPLAIN(ex, "Không ghi ngày: dùng mặc định của kế hoạch cho '%s': \"%s\"",
                "No day given: the plan default for '%s': \"%s\"", pt_every_name(ev), dx);
    }
    bool nd09 = r.cutoff == PT_CUTOFF_ND09;

    /* The range of periods. */
    pt_date from = dl->rec_from != PT_DATE_NONE ? dl->rec_from : ctx->period_from;
    pt_date until = dl->rec_until != PT_DATE_NONE ? dl->rec_until
                  : dl->rec_from != PT_DATE_NONE ? PT_DATE_NONE : ctx->period_until;
    if (from == PT_DATE_NONE && ctx->period_year)
        pt_date_make(&from, ctx->period_year, 1, 1);
    if (from == PT_DATE_NONE)
        from = ctx->issued;
    if (from == PT_DATE_NONE) {
        dl_diag(d, pos, dl, false, PT_E_DL_NO_RANGE, ex_);
        return -1;
    }
    if (until != PT_DATE_NONE && until < from) {
        pt_date_iso(until, a);
        pt_date_iso(from, b);
        dl_diag(d, pos, dl, false, PT_E_DL_RANGE_ORDER, ex_, a, b);
        return -1;
    }
    int per = per_year[ev], months = 12 / per;
    long k_first = period_index(ev, from, false), k_last;
    if (until != PT_DATE_NONE) {
        k_last = period_index(ev, until, false);
    } else {
        if (ctx->as_of == PT_DATE_NONE) {
            dl_diag(d, pos, dl, false, PT_E_DL_NO_ASOF, ex_);
            return -1;
        }
        k_last = period_index(ev, ctx->as_of, nd09) + 1;
        if (k_last < k_first)
            k_last = k_first;
    }
    if (k_last - k_first + 1 > PT_MAX_PERIODS) {
        dl_diag(d, pos, dl, false, PT_E_DL_TOO_MANY, ex_, PT_MAX_PERIODS);
        return -1;
    }
    pt_date_vn(from, a);
    if (until != PT_DATE_NONE) {
        pt_date_vn(until, b);
        EXPLAIN(ex, "Các kỳ trong thời gian %s – %s", "Periods within %s – %s", a, b);
    } else {
        pt_date_vn(ctx->as_of, b);
        EXPLAIN(ex, "Các kỳ từ %s, không có ngày kết thúc: đến hết kỳ sau kỳ chứa ngày %s",
                "Periods from %s, open-ended: through the period after the one holding %s", a, b);
    }
    if (nd09)
        EXPLAIN(ex, "Chốt số liệu theo Nghị định 09/2019/NĐ-CP, Điều 12: kỳ tính từ ngày 15 của tháng trước đến ngày 14",
                "Cut-off by Decree 09/2019/ND-CP, Article 12: periods run from the 15th of the month before to the 14th", 0);
    if (!has_day) {
        dl_diag(d, pos, dl, false, PT_W_DL_NO_DAY, ex_, pt_every_name(ev), pt_every_name(ev));
        EXPLAIN(ex, "Không ghi ngày và kế hoạch không có mặc định cho '%s': mỗi kỳ là một nghĩa vụ không theo dõi hạn (untracked)",
                "No day given and no plan default for '%s': one untracked obligation per period",
                pt_every_name(ev));
    }

    pt_occurrence *v = NULL;
    size_t nv = 0, cap = 0;
    bool skipped_any = false;
    for (long k = k_first; k <= k_last; k++) {
        int y = (int)(k / per), i = (int)(k % per) + 1;
        int fm = (i - 1) * months + 1, lm = fm + months - 1;
        pt_occurrence o;
        memset(&o, 0, sizeof o);
        bool yr = ev == PT_EVERY_HALF && i == 2 && r.year_report;
        make_label(o.period, ev, y, i, yr);
        int sy = y, sm = yr ? 1 : fm;
        if (nd09) {
            pt_month_add(&sy, &sm, -1);
            o.p_start = civil(sy, sm, 15);
            o.p_end = civil(y, lm, 14);
        } else {
            o.p_start = civil(sy, sm, 1);
            o.p_end = civil(y, lm, pt_days_in_month(y, lm));
        }
        pt_date nominal = PT_DATE_NONE, base = PT_DATE_NONE;
        if (has_day) {
            if (r.after > 0) {
                base = o.p_end;
                nominal = o.p_end + r.after;
            } else {
                int yy = y, mm = lm;
                pt_month_add(&yy, &mm, r.offset);
                int dd = r.day > pt_days_in_month(yy, mm) ? pt_days_in_month(yy, mm) : r.day;
                base = civil(yy, mm, dd);
                nominal = base;
            }
            if (r.before)
                nominal--;
        }
        pt_date test = has_day ? nominal : o.p_end;
        if (ctx->issued != PT_DATE_NONE && nv == 0 && test <= ctx->issued) {
            if (!skipped_any) {
                pt_date_vn(ctx->issued, a);
                EXPLAIN(ex, "Bỏ các kỳ có hạn không sau ngày ban hành %s:", "Periods due on or before the date of issue %s are left out:", a, 0);
            }
            skipped_any = true;
            EXPLAIN(ex, "  %s", "  %s", o.period, 0);
            continue;
        }
        if (ex)
            ex->muted = ex->only[0] && strcmp(o.period, ex->only) != 0;
        char ps[11], pe[11];
        pt_date_vn(o.p_start, ps);
        pt_date_vn(o.p_end, pe);
        EXPLAIN(ex, "Kỳ %s (%s – %s)%s", "Period %s (%s – %s)%s", o.period, ps, pe,
                yr ? (ex->en ? ": the year report" : ": báo cáo năm") : "");
        if (has_day) {
            pt_date_vn(base, a);
            pt_date_vn(nominal, b);
            if (r.after > 0)
                EXPLAIN(ex, "  %s + %d ngày = %s", "  %s + %d days = %s", pe, r.after, a);
            else
                EXPLAIN(ex, "  ngày %d, tháng cuối kỳ %+d tháng = %s", "  day %d, the period's last month %+d = %s",
                        r.day, r.offset, a);
            if (r.before)
                EXPLAIN(ex, "  %s − 1 ngày = %s", "  %s − 1 day = %s", a, b);
            o.nominal = nominal;
            o.due = roll_explained(ctx, nominal, ex);
            explain_result(ex, o.due);
        } else {
            o.nominal = o.due = PT_DATE_NONE;
            EXPLAIN(ex, "  Không theo dõi hạn (untracked)", "  Untracked", 0);
        }
        if (push(&v, &nv, &cap, &o) != 0) {
            free(v);
            return -1;
        }
    }
    if (ex)
        ex->muted = false;
    if (nv == 0 && ctx->issued != PT_DATE_NONE) {
        pt_date_iso(ctx->issued, a);
        dl_diag(d, pos, dl, false, PT_W_DL_NONE_AFTER_ISSUE, ex_, a);
    }
    *out = v;
    *n = nv;
    return 0;
}

int pt_deadline_expand(pt_occurrence **out, size_t *n, const pt_deadline *dl,
                       const pt_expand_ctx *ctx, const pt_srcpos *pos, pt_diags *d, pt_explain *ex)
{
    *out = NULL;
    *n = 0;
    if (!dl || !ctx)
        return -1;
    char words[400];
    dl_excerpt(words, sizeof words, dl, false, true);
    EXPLAIN(ex, "Hạn như văn bản ghi: \"%s\"", "As written: \"%s\"", words, 0);
    switch (dl->kind) {
    case PT_DL_BY:
        EXPLAIN(ex, "Quy tắc: %s (hạn là chính ngày đó)", "Rule: %s (by that day)", dl->rule, 0);
        break;
    case PT_DL_BEFORE:
        EXPLAIN(ex, "Quy tắc: %s (trước ngày đó: hạn là ngày liền trước)",
                "Rule: %s (strictly before: the day before)", dl->rule, 0);
        break;
    case PT_DL_WINDOW:
        EXPLAIN(ex, "Quy tắc: %s (hạn là ngày cuối của khoảng thời gian)",
                "Rule: %s (the last day of the window)", dl->rule, 0);
        break;
    case PT_DL_RELATIVE:
        EXPLAIN(ex, "Quy tắc: %s (N = %d)", "Rule: %s (N = %d)", dl->rule, dl->n);
        break;
    case PT_DL_RECURRING:
    {
        static const char *const every_vi[4] = {"tháng", "quý", "6 tháng", "năm"};
        EXPLAIN(ex, "Quy tắc: %s (định kỳ theo %s)", "Rule: %s (recurring by %s)", dl->rule,
                ex->en ? pt_every_name(dl->every) : every_vi[(unsigned)dl->every < 4 ? dl->every : 3]);
    }
        break;
    default:
        break;
    }
    if (dl->kind == PT_DL_UNTRACKED) {
        EXPLAIN(ex, "Quy tắc: không có hạn kiểm tra được (%s): nghĩa vụ không theo dõi hạn (untracked)",
                "Rule: no checkable deadline (%s): the obligation is untracked",
                dl->rule && *dl->rule ? dl->rule : (ex && ex->en ? "none written" : "không ghi hạn"), 0);
        pt_occurrence o;
        memset(&o, 0, sizeof o);
        o.p_start = o.p_end = o.nominal = o.due = PT_DATE_NONE;
        *out = malloc(sizeof **out);
        if (!*out)
            return -1;
        **out = o;
        *n = 1;
        return 0;
    }
    if (dl->kind == PT_DL_RECURRING)
        return expand_recurring(out, n, dl, ctx, pos, d, ex);
    return expand_oneoff(out, n, dl, ctx, pos, d, ex);
}

/* ------------------------------------------------------------------ */
/* Periods, labels, single dates                                       */
/* ------------------------------------------------------------------ */

const char *pt_every_name(pt_every e)
{
    switch (e) {
    case PT_EVERY_MONTH: return "month";
    case PT_EVERY_QUARTER: return "quarter";
    case PT_EVERY_HALF: return "half-year";
    default: return "year";
    }
}

/* Reads the ISO date in span g (already shaped by the pattern). */
static int span_date(parser *p, span g, pt_date *out, bool need_year)
{
    pt_ymd v;
    int shape;
    if (take_date(p, g, &v, &shape) != 0)
        return -1;
    if (v.y == 0) {
        if (!need_year)
            return 1;
        char ex[200];
        excerpt(ex, sizeof ex, p->ph.s + g.s, (size_t)(g.e - g.s));
        diag_at(p->d, p->pos, &p->ph, (size_t)g.s, PT_E_DATE_NO_YEAR, ex);
        return -1;
    }
    return pt_date_make(out, v.y, v.m, v.d) == 0 ? 0 : -1;
}

static int year_ok(parser *p, span g, int y)
{
    if (y >= PT_YEAR_MIN && y <= PT_YEAR_MAX)
        return 0;
    char ex[40], why[80];
    excerpt(ex, sizeof ex, p->ph.s + g.s, (size_t)(g.e - g.s));
    snprintf(why, sizeof why, "year %d is outside %d-%d", y, PT_YEAR_MIN, PT_YEAR_MAX);
    diag_at(p->d, p->pos, &p->ph, (size_t)g.s, PT_E_DL_BAD_DATE, ex, why);
    return -1;
}

static int period_order(parser *p, pt_date from, pt_date until)
{
    if (until == PT_DATE_NONE || from <= until)
        return 0;
    char ex[200];
    excerpt(ex, sizeof ex, p->ph.s, p->ph.len);
    diag_at(p->d, p->pos, &p->ph, 0, PT_E_PERIOD_ORDER, ex);
    return -1;
}

/* An open-ended period from 1 January of the year pattern w just matched
 * ("năm 2020 và các năm tiếp theo", "từ năm 2020"). Tried after the year
 * range, so "từ năm 2021 đến năm 2025" stays a range. */
static int open_from_year(parser *p, int w, const char *s, pt_date *from)
{
    span g = grp(w, "y");
    int y = span_int(s, g);
    if (year_ok(p, g, y) != 0)
        return -1;
    pt_date_make(from, y, 1, 1);
    return 0;
}

int pt_period_parse(pt_date *from, pt_date *until, const char *text, const pt_srcpos *pos,
                    pt_diags *d)
{
    *from = *until = PT_DATE_NONE;
    parser p = {.pos = pos, .d = d};
    if (parser_open(&p, text) != 0)
        return -1;
    const char *s = p.ph.s;
    size_t len = p.ph.len;
    int rc = -1;
    if (len > PT_MAX_PHRASE && pt_utf8_chars(s, len) > PT_MAX_PHRASE) {
        diag_at(d, pos, &p.ph, 0, PT_E_DL_TOO_LONG, PT_MAX_PHRASE);
        goto done;
    }
    if (run(P_PER_ISO, s, len, 0)) {
        span a = grp(P_PER_ISO, "a"), b = grp(P_PER_ISO, "b");
        if (span_date(&p, a, from, true) == 0 && span_date(&p, b, until, true) == 0)
            rc = period_order(&p, *from, *until);
    } else if (run(P_WINDOW, s, len, 0)) {
        span a = grp(P_WINDOW, "a"), b = grp(P_WINDOW, "b");
        pt_ymd fa, tb;
        int sa, sb;
        if (take_date(&p, a, &fa, &sa) == 0 && take_date(&p, b, &tb, &sb) == 0) {
            if (tb.y == 0) {
                char ex[200];
                excerpt(ex, sizeof ex, s + b.s, (size_t)(b.e - b.s));
                diag_at(d, pos, &p.ph, (size_t)b.s, PT_E_DATE_NO_YEAR, ex);
            } else {
                if (fa.y == 0) {
                    fa.y = tb.y;
                    if (fa.m > tb.m || (fa.m == tb.m && fa.d > tb.d))
                        fa.y--;
                }
                if (pt_date_make(from, fa.y, fa.m, fa.d) == 0 &&
                    pt_date_make(until, tb.y, tb.m, tb.d) == 0)
                    rc = period_order(&p, *from, *until);
            }
        }
    } else if (run(P_PER_SCHOOL, s, len, 0)) {
        char ex[200];
        excerpt(ex, sizeof ex, s, len);
        diag_at(d, pos, &p.ph, 0, PT_E_PERIOD_SCHOOL, ex);
    } else if (run(P_PER_OPEN, s, len, 0)) {
        rc = open_from_year(&p, P_PER_OPEN, s, from);
    } else if (run(P_PER_YEARS, s, len, 0)) {
        span a = grp(P_PER_YEARS, "a"), b = grp(P_PER_YEARS, "b");
        int ya = span_int(s, a), yb = span_int(s, b);
        if (year_ok(&p, a, ya) == 0 && year_ok(&p, b, yb) == 0) {
            pt_date_make(from, ya, 1, 1);
            pt_date_make(until, yb, 12, 31);
            rc = period_order(&p, *from, *until);
        }
    } else if (run(P_PER_FROMYEAR, s, len, 0)) {
        rc = open_from_year(&p, P_PER_FROMYEAR, s, from);
    } else if (run(P_PEND, s, len, 0) && !has(grp(P_PEND, "bef"))) {
        int fy, fm, ly, lm;
        const char *what;
        if (pend_period(s, &fy, &fm, &ly, &lm, &what)) {
            pt_date_make(from, fy, fm, 1);
            pt_date_make(until, ly, lm, pt_days_in_month(ly, lm));
            rc = 0;
        } else {
            char ex[200];
            excerpt(ex, sizeof ex, s, len);
            diag_at(d, pos, &p.ph, 0, PT_E_PERIOD_UNKNOWN, ex);
        }
    } else if (run(P_PER_YEAR1, s, len, 0)) {
        span g = grp(P_PER_YEAR1, "y");
        int y = span_int(s, g);
        if (year_ok(&p, g, y) == 0) {
            pt_date_make(from, y, 1, 1);
            pt_date_make(until, y, 12, 31);
            rc = 0;
        }
    } else {
        char ex[200];
        excerpt(ex, sizeof ex, s, len);
        diag_at(d, pos, &p.ph, 0, PT_E_PERIOD_UNKNOWN, ex);
    }
done:
    phrase_release(&p.ph);
    if (rc != 0)
        *from = *until = PT_DATE_NONE;
    return rc;
}

int pt_period_label_parse(char canon[12], const char *label)
{
    canon[0] = '\0';
    if (!label || compile_patterns() < 0)
        return -1;
    parser p = {0};
    size_t bad;
    if (phrase_init(&p.ph, label, &bad) != 0 || p.ph.len > 64) {
        phrase_release(&p.ph);
        return -1;
    }
    const char *s = p.ph.s;
    size_t len = p.ph.len;
    int y = 0, rc = -1;
    char kind = 0;
    int nn = 0;
    if (run(P_L_YEAR, s, len, 0)) {
        y = span_int(s, grp(P_L_YEAR, "y"));
        kind = 'Y';
    } else if (run(P_L_HQ, s, len, 0) || run(P_L_HQ2, s, len, 0)) {
        int w = run(P_L_HQ, s, len, 0) ? P_L_HQ : P_L_HQ2;
        run(w, s, len, 0);
        y = span_int(s, grp(w, "y"));
        kind = (char)(s[grp(w, "k").s] & ~0x20);
        nn = span_int(s, grp(w, "n"));
    } else if (run(P_L_MON, s, len, 0) || run(P_L_MON2, s, len, 0)) {
        int w = run(P_L_MON, s, len, 0) ? P_L_MON : P_L_MON2;
        run(w, s, len, 0);
        y = span_int(s, grp(w, "y"));
        nn = span_int(s, grp(w, "m"));
        kind = 'M';
    } else if (run(P_L_QVI, s, len, 0)) {
        y = span_int(s, grp(P_L_QVI, "y"));
        nn = roman(s, grp(P_L_QVI, "q"));
        kind = 'Q';
    } else if (run(P_L_HVI, s, len, 0)) {
        span w = grp(P_L_HVI, "w");
        y = span_int(s, grp(P_L_HVI, "y"));
        nn = (s[w.s] | 0x20) == 'c' ? 2 : 1;  /* cuối / đầu */
        kind = 'H';
    } else if (run(P_L_EN, s, len, 0)) {
        span m = grp(P_L_EN, "mon");
        y = span_int(s, grp(P_L_EN, "y"));
        nn = month_from_name(s + m.s, (size_t)(m.e - m.s));
        kind = 'M';
    }
    if (y >= PT_YEAR_MIN && y <= PT_YEAR_MAX) {
        rc = 0;
        if (kind == 'Y')
            make_label(canon, PT_EVERY_YEAR, y, 1, false);
        else if (kind == 'H' && nn >= 1 && nn <= 2)
            make_label(canon, PT_EVERY_HALF, y, nn, false);
        else if (kind == 'Q' && nn >= 1 && nn <= 4)
            make_label(canon, PT_EVERY_QUARTER, y, nn, false);
        else if (kind == 'M' && nn >= 1 && nn <= 12)
            make_label(canon, PT_EVERY_MONTH, y, nn, false);
        else
            rc = -1;
    }
    phrase_release(&p.ph);
    return rc;
}

void pt_period_label_human(char *buf, size_t size, const char *label, const char *lang)
{
    static const char *const roman_q[5] = {"", "I", "II", "III", "IV"};
    static const char *const months_en[13] = {"", "January", "February", "March", "April", "May",
                                              "June", "July", "August", "September", "October",
                                              "November", "December"};
    bool en = lang && strcmp(lang, "en") == 0;
    if (!buf || size == 0)
        return;
    char canon[12];
    if (!label || pt_period_label_parse(canon, label) != 0) {
        snprintf(buf, size, "%s", label ? label : "");
        return;
    }
    int y = atoi(canon);
    if (strlen(canon) == 4) {
        snprintf(buf, size, en ? "%d" : "Năm %d", y);
    } else if (canon[5] == 'H') {
        if (en)
            snprintf(buf, size, "%d H%c", y, canon[6]);
        else
            snprintf(buf, size, canon[6] == '1' ? "6 tháng đầu năm %d" : "6 tháng cuối năm %d", y);
    } else if (canon[5] == 'Q') {
        int q = canon[6] - '0';
        if (en)
            snprintf(buf, size, "%d Q%d", y, q);
        else
            snprintf(buf, size, "Quý %s/%d", roman_q[q >= 1 && q <= 4 ? q : 0], y);
    } else {
        int m = atoi(canon + 5);
        if (m < 1 || m > 12)
            m = 0;
        if (en)
            snprintf(buf, size, "%s %d", months_en[m], y);
        else
            snprintf(buf, size, "Tháng %d/%d", m, y);
    }
}

int pt_date_parse_text(pt_date *out, const char *text, const pt_srcpos *pos, pt_diags *d)
{
    *out = PT_DATE_NONE;
    parser p = {.pos = pos, .d = d};
    if (parser_open(&p, text) != 0)
        return -1;
    int rc = -1;
    if (p.ph.len <= 256 && run(P_SINGLE, p.ph.s, p.ph.len, 0)) {
        rc = span_date(&p, grp(P_SINGLE, "a"), out, true);
    } else {
        char ex[200];
        excerpt(ex, sizeof ex, p.ph.s, p.ph.len);
        diag_at(d, pos, &p.ph, 0, PT_E_DATE_TEXT, ex);
    }
    phrase_release(&p.ph);
    if (rc != 0)
        *out = PT_DATE_NONE;
    return rc;
}
