/* props_main.c - properties of the calendar and the deadline language.
 *
 * Over every day of 2016-2027 with the shipped calendar: a rolled day is never
 * a day off and is the first working day on or after the day; adding n working
 * days never counts the day itself, lands on a working day, and passes exactly
 * n working days. Every expansion's period labels are unique and ordered. And
 * parse (then expand) never crashes on thousands of generated phrases.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pt_calendar.h"
#include "pt_deadline.h"
#include "pt_yaml.h"

#ifndef PT_SOURCE_DIR
#define PT_SOURCE_DIR "."
#endif

static int failures;

#define EXPECT(cond, ...)                                    \
    do {                                                     \
        if (!(cond)) {                                       \
            if (failures++ < 20) {                           \
                printf("%s:%d: ", __FILE__, __LINE__);       \
                printf(__VA_ARGS__);                         \
                printf("\n");                                \
            }                                                \
        }                                                    \
    } while (0)

static void check_roll_and_workdays(const pt_calendar *cal, long min_rolled)
{
    pt_date from, to;
    pt_date_make(&from, 2016, 1, 1);
    pt_date_make(&to, 2027, 12, 31);
    long rolled = 0, days = 0;
    for (pt_date d = from; d <= to; d++, days++) {
        char iso[11];
        pt_date_iso(d, iso);
        pt_date r = pt_calendar_roll(cal, d);
        EXPECT(r != PT_DATE_NONE && r >= d, "roll(%s) went back", iso);
        EXPECT(!pt_calendar_is_off(cal, r), "roll(%s) is a day off", iso);
        for (pt_date k = d; k < r; k++)
            EXPECT(pt_calendar_is_off(cal, k), "roll(%s) passed a working day", iso);
        if (r != d)
            rolled++;
        EXPECT(pt_calendar_add_workdays(cal, d, 0) == d, "add_workdays(%s, 0) moved", iso);
        for (int n = 1; n <= 25; n += (n < 5 ? 1 : 7)) {
            pt_date w = pt_calendar_add_workdays(cal, d, n);
            EXPECT(w > d, "add_workdays(%s, %d) did not move forward", iso, n);
            EXPECT(!pt_calendar_is_off(cal, w), "add_workdays(%s, %d) is a day off", iso, n);
            int count = 0;
            for (pt_date k = d + 1; k <= w; k++)
                count += !pt_calendar_is_off(cal, k);
            EXPECT(count == n, "add_workdays(%s, %d) passed %d working days", iso, n, count);
        }
        if (pt_calendar_is_holiday(cal, d))
            EXPECT(pt_calendar_is_off(cal, d), "holiday %s is not a day off", iso);
    }
    EXPECT(days == 4383, "expected 4383 days, walked %ld", days);
    EXPECT(rolled >= min_rolled, "only %ld days rolled", rolled);
}

/* Generated phrases: every combination of a head, a day and a tail. */
static const char *const heads[] = {
    "", "trước ngày ", "chậm nhất ngày ", "chậm nhất là ngày ", "đến hết ngày ", "hằng tháng, trước ngày ",
    "hằng quý, chậm nhất ngày ", "định kỳ 6 tháng/năm, trước ngày ", "hằng năm, trước ngày ",
    "từ ngày 01/6 đến ngày ", "trong vòng ", "trong thời hạn ", "within ", "by ", "before ",
    "Hằng năm ", "ngày ", "từ ", "*", "định kỳ ", "quý ", "tháng ", "năm ", "6 tháng đầu năm ",
};
static const char *const days[] = {
    "20/5/2020", "20", "15/12", "15/6 và 15/12", "30/6/2020", "15 ngày", "05 ngày làm việc",
    "31/2/2021", "29/2", "0", "99/99/9999", "2020-05-20", "20 tháng 5 năm 2020", "23tháng 02năm 2021",
    "III/2021", "6/2020", "", "15 days", "1/13/2021", "2021", "10/6", "12 tháng sau tháng báo cáo",
    "18 tháng cuối quý", "20/6 và 20/12", "99999999 ngày",
};
static const char *const tails[] = {
    "", " kể từ ngày ký", ", kể từ ngày ban hành", " of issue", " hàng năm", " để tổng hợp, báo cáo",
    "*", " năm kế tiếp của năm báo cáo", " theo quy định", " và các năm tiếp theo", "\n", " - 30/6/2017",
    " đến ngày 30/6", " tháng sau", " kể từ ngày nhận được",
};
#define N(a) (sizeof a / sizeof a[0])

static bool label_less(const char *a, const char *b)
{
    /* labels of one expansion share a shape, except the year report "2021"
     * following "2021-H1": compare year, then the rest */
    int c = strncmp(a, b, 4);
    if (c != 0)
        return c < 0;
    if (strlen(a) == 4)
        return false;   /* the year report comes last in its year */
    if (strlen(b) == 4)
        return true;
    return strcmp(a, b) < 0;
}

static void check_phrases(const pt_calendar *cal)
{
    pt_expand_ctx ctx = {PT_DATE_NONE, PT_DATE_NONE, PT_DATE_NONE, 0, PT_DATE_NONE, cal, true,
                         {NULL, NULL, NULL, NULL}};
    pt_date_make(&ctx.issued, 2021, 1, 7);
    pt_date_make(&ctx.period_from, 2020, 1, 1);
    pt_date_make(&ctx.as_of, 2023, 6, 1);
    long parsed = 0, errors = 0, occurrences = 0;
    for (size_t h = 0; h < N(heads); h++)
        for (size_t d = 0; d < N(days); d++)
            for (size_t t = 0; t < N(tails); t++) {
                char text[256];
                snprintf(text, sizeof text, "%s%s%s", heads[h], days[d], tails[t]);
                pt_diags *dg = pt_diags_new();
                pt_srcpos pos = {"p.yaml", 3, 8, NULL, NULL};
                pt_deadline dl;
                if (pt_deadline_parse(&dl, text, &pos, dg) != 0) {
                    EXPECT(pt_diags_errors(dg) > 0, "'%s' failed without an error", text);
                    errors++;
                    pt_diags_free(dg);
                    continue;
                }
                parsed++;
                EXPECT(dl.rule != NULL && dl.text != NULL, "'%s' has no rule or text", text);
                pt_occurrence *occ = NULL;
                size_t n = 0;
                for (int pass = 0; pass < 2; pass++) {
                    ctx.period_until = PT_DATE_NONE;
                    if (pass == 1)
                        pt_date_make(&ctx.period_until, 2021, 12, 31);
                    if (pt_deadline_expand(&occ, &n, &dl, &ctx, &pos, dg, NULL) != 0) {
                        EXPECT(pt_diags_errors(dg) > 0, "'%s' expand failed without an error", text);
                        continue;
                    }
                    occurrences += (long)n;
                    for (size_t i = 0; i < n; i++) {
                        if (occ[i].due != PT_DATE_NONE && ctx.roll)
                            EXPECT(!pt_calendar_is_off(cal, occ[i].due), "'%s': due on a day off", text);
                        if (occ[i].due != PT_DATE_NONE)
                            EXPECT(occ[i].due >= occ[i].nominal, "'%s': rolled back", text);
                        for (size_t j = 0; j < i; j++)
                            EXPECT(strcmp(occ[i].period, occ[j].period) != 0,
                                   "'%s': label %s twice", text, occ[i].period);
                        if (i > 0)
                            EXPECT(label_less(occ[i - 1].period, occ[i].period),
                                   "'%s': %s before %s", text, occ[i - 1].period, occ[i].period);
                        char canon[12];
                        if (occ[i].period[0])
                            EXPECT(pt_period_label_parse(canon, occ[i].period) == 0 &&
                                   strcmp(canon, occ[i].period) == 0,
                                   "'%s': label %s is not canonical", text, occ[i].period);
                    }
                    free(occ);
                }
                pt_deadline_release(&dl);
                for (size_t i = 0; i < pt_diags_count(dg); i++)
                    EXPECT(pt_diags_get(dg, i)->text && pt_diags_get(dg, i)->line == 3,
                           "'%s': a diagnostic off the phrase's line", text);
                pt_diags_free(dg);
            }
    printf("phrases: %ld parsed, %ld rejected, %ld occurrences\n", parsed, errors, occurrences);
    EXPECT(parsed > 3000 && errors > 100, "unexpected split %ld/%ld", parsed, errors);
}

int main(void)
{
    pt_diags *d = pt_diags_new();
    pt_doc *doc = pt_doc_load_file(PT_SOURCE_DIR "/plans/calendars/vn.yaml", d);
    pt_calendar *cal = doc ? pt_calendar_from_doc(doc, d) : NULL;
    pt_doc_free(doc);
    pt_diags_free(d);
    if (!cal) {
        printf("cannot load plans/calendars/vn.yaml\n");
        return 1;
    }
    check_roll_and_workdays(cal, 1300);   /* weekends alone give 1252 */
    check_phrases(cal);
    /* a calendar with no listed day: the weekend rule alone */
    pt_calendar *bare = pt_calendar_new("bare");
    check_roll_and_workdays(bare, 1252);
    pt_calendar_free(bare);
    pt_calendar_free(cal);
    printf("%s: %d failures\n", failures ? "FAIL" : "ok", failures);
    return failures ? 1 : 0;
}
