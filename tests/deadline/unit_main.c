/* unit_main.c - the calendar file loader, periods, labels, single dates,
 * explain, and diagnostics positions of the deadline language. */
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

static int failures, checks;

#define EXPECT(cond, ...)                                  \
    do {                                                   \
        checks++;                                          \
        if (!(cond)) {                                     \
            failures++;                                    \
            printf("%s:%d: ", __FILE__, __LINE__);         \
            printf(__VA_ARGS__);                           \
            printf("\n");                                  \
        }                                                  \
    } while (0)

static pt_date D(int y, int m, int d)
{
    pt_date x = PT_DATE_NONE;
    pt_date_make(&x, y, m, d);
    return x;
}

/* All diagnostics as "line:col: message" joined by " | ". */
static const char *diags(const pt_diags *d)
{
    static char buf[8192];
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < pt_diags_count(d) && o < sizeof buf - 1; i++) {
        const pt_diag *g = pt_diags_get(d, i);
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%d:%d: %s", i ? " | " : "", g->line,
                              g->col, g->text);
    }
    return buf;
}

static pt_calendar *load_cal(const char *yaml, pt_diags *d)
{
    pt_doc *doc = pt_doc_load_buffer("cal.yaml", yaml, strlen(yaml), d);
    pt_calendar *cal = doc ? pt_calendar_from_doc(doc, d) : NULL;
    pt_doc_free(doc);
    return cal;
}

static void test_calendar(void)
{
    pt_diags *d = pt_diags_new();
    pt_calendar *cal = load_cal("calendar: t\nweekend: [sat, sun]\nholidays:\n  - 2021-04-30\n"
                                "  - {date: 2021-05-03, name: Nghỉ bù}\nworkdays:\n"
                                "  - {date: 2021-05-08, name: Làm bù}\n", d);
    EXPECT(cal && pt_diags_count(d) == 0, "a good calendar: %s", diags(d));
    if (cal) {
        EXPECT(!strcmp(pt_calendar_id(cal), "t"), "id");
        EXPECT(pt_calendar_is_off(cal, D(2021, 4, 30)), "30/4 off");
        EXPECT(pt_calendar_holiday_name(cal, D(2021, 4, 30)) == NULL, "unnamed holiday");
        EXPECT(!strcmp(pt_calendar_holiday_name(cal, D(2021, 5, 3)), "Nghỉ bù"), "named holiday");
        EXPECT(!pt_calendar_is_off(cal, D(2021, 5, 8)), "a swapped Saturday works");
        EXPECT(pt_calendar_is_off(cal, D(2021, 5, 9)), "Sunday off");
        EXPECT(pt_calendar_roll(cal, D(2021, 4, 30)) == D(2021, 5, 4), "roll over 30/4-3/5");
        EXPECT(pt_calendar_add_workdays(cal, D(2021, 4, 29), 2) == D(2021, 5, 5), "add_workdays");
        EXPECT(pt_calendar_first_year(cal) == 2021 && pt_calendar_last_year(cal) == 2021, "years");
        EXPECT(pt_calendar_is_off(cal, D(2035, 6, 2)) && !pt_calendar_is_off(cal, D(2035, 6, 4)),
               "weekend rule outside the listed years");
        pt_calendar_free(cal);
    }
    pt_diags_free(d);

    static const struct { const char *yaml, *want; } bad[] = {
        {"calendar: t\nholiday: []\n", "unknown key 'holiday'"},
        {"calendar: t\nholidays: [2021-02-30]\n", "2:12: '2021-02-30' is not a date: month 2 of 2021 has 28 days"},
        {"calendar: t\nholidays: [hôm nay]\n", "2:12: 'hôm nay' is not a date; write it as 2021-02-10"},
        {"calendar: t\nworkdays: [2021-05-05]\n", "2:12: workday 2021-05-05 is a thứ Tư, not a weekend day"},
        {"calendar: t\nholidays:\n  - 2021-01-01\n  - {date: 2021-01-01, name: x}\n",
         "4:12: '2021-01-01' is listed twice in holidays (first at line 3)"},
        {"calendar: t\nholidays: [2021-05-08]\nworkdays: [2021-05-08]\n",
         "3:12: 2021-05-08 is listed both as a holiday (line 2) and as a workday"},
        {"calendar: t\nweekend: [sat, sunday]\n", "2:16: unknown weekday 'sunday' in weekend"},
        {"calendar: t\nweekend: [mon, tue, wed, thu, fri, sat, sun]\n", "weekend names every day"},
        {"name: x\n", "has no 'calendar'"},
        {"calendar: t\nholidays: [[1]]\n", "each entry of 'holidays' must be a date or {date, name}"},
        {"calendar: t\nholidays: [{name: x}]\n", "has no 'date'"},
        {"calendar: t\nholidays: [{date: 2021-01-01, nam: x}]\n", "unknown key 'nam'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        d = pt_diags_new();
        cal = load_cal(bad[i].yaml, d);
        EXPECT(!cal, "calendar %zu should fail", i);
        EXPECT(strstr(diags(d), bad[i].want) != NULL, "calendar %zu: want '%s', got '%s'", i,
               bad[i].want, diags(d));
        pt_calendar_free(cal);
        pt_diags_free(d);
    }
    /* the API: holidays added out of order and beyond the first year */
    cal = pt_calendar_new("api");
    pt_calendar_add_holiday(cal, D(2030, 1, 1), "A");
    pt_calendar_add_holiday(cal, D(2020, 1, 1), "B");
    pt_calendar_add_holiday(cal, D(2025, 6, 2), NULL);
    pt_calendar_set_weekend(cal, 6, false);
    EXPECT(pt_calendar_first_year(cal) == 2020 && pt_calendar_last_year(cal) == 2030, "grown years");
    EXPECT(!strcmp(pt_calendar_holiday_name(cal, D(2030, 1, 1)), "A") &&
           !strcmp(pt_calendar_holiday_name(cal, D(2020, 1, 1)), "B"), "names after growing");
    EXPECT(pt_calendar_is_off(cal, D(2025, 6, 2)) && !pt_calendar_is_off(cal, D(2025, 6, 1)),
           "Sunday made a working day by the weekend rule");
    pt_calendar_free(cal);
    pt_calendar_free(NULL);
}

static void test_period(void)
{
    static const struct { const char *text; int fy, fm, fd, uy, um, ud; } ok[] = {
        {"năm 2021", 2021, 1, 1, 2021, 12, 31},
        {"Năm 2021", 2021, 1, 1, 2021, 12, 31},
        {"2021", 2021, 1, 1, 2021, 12, 31},
        {"giai đoạn 2021-2025", 2021, 1, 1, 2025, 12, 31},
        {"giai đoạn 2021 - 2025", 2021, 1, 1, 2025, 12, 31},
        {"Giai đoạn 2021 – 2025", 2021, 1, 1, 2025, 12, 31},
        {"từ ngày 01/6 đến ngày 30/6/2020", 2020, 6, 1, 2020, 6, 30},
        {"từ 01/6/2017 - 30/6/2017", 2017, 6, 1, 2017, 6, 30},
        {"Năm 2020 và các năm tiếp theo", 2020, 1, 1, 0, 0, 0},
        {"Năm 2020 và\ncác các năm tiếp theo", 2020, 1, 1, 0, 0, 0},
        {"năm 2017 và các năm tiếp theo", 2017, 1, 1, 0, 0, 0},
        {"2021-01-01/2025-12-31", 2021, 1, 1, 2025, 12, 31},
        {"2021-01-01..2021-06-30", 2021, 1, 1, 2021, 6, 30},
        {"6 tháng đầu năm 2021", 2021, 1, 1, 2021, 6, 30},
        {"Quý III/2021", 2021, 7, 1, 2021, 9, 30},
        {"tháng 2/2024", 2024, 2, 1, 2024, 2, 29},
        {"Thời gian thực hiện: Năm 2020 và các các năm tiếp theo.", 2020, 1, 1, 0, 0, 0},
        {"từ năm 2022", 2022, 1, 1, 0, 0, 0},
        {"2020 onwards", 2020, 1, 1, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        pt_diags *d = pt_diags_new();
        pt_date f, u;
        pt_srcpos pos = {"p.yaml", 4, 9, NULL, NULL};
        int rc = pt_period_parse(&f, &u, ok[i].text, &pos, d);
        EXPECT(rc == 0 && f == D(ok[i].fy, ok[i].fm, ok[i].fd) &&
               u == (ok[i].uy ? D(ok[i].uy, ok[i].um, ok[i].ud) : PT_DATE_NONE),
               "period '%s': rc %d %s", ok[i].text, rc, diags(d));
        pt_diags_free(d);
    }
    static const struct { const char *text, *want; } bad[] = {
        {"giai đoạn 2025-2021", "4:9: period 'giai đoạn 2025-2021' ends before it starts"},
        {"thường xuyên", "4:9: unknown period 'thường xuyên'"},
        {"từ ngày 01/6 đến ngày 31/6/2020", "4:31: '31/6/2020' is not a date: month 6 of 2020 has 30 days"},
        {"từ ngày 01/6 đến ngày 30/6", "4:31: date '30/6' has no year"},
        {"", "unknown period ''"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pt_diags *d = pt_diags_new();
        pt_date f, u;
        pt_srcpos pos = {"p.yaml", 4, 9, NULL, NULL};
        int rc = pt_period_parse(&f, &u, bad[i].text, &pos, d);
        EXPECT(rc == -1 && f == PT_DATE_NONE && strstr(diags(d), bad[i].want),
               "period '%s': want '%s', got '%s'", bad[i].text, bad[i].want, diags(d));
        pt_diags_free(d);
    }
}

static void test_labels(void)
{
    static const struct { const char *in, *canon, *vi, *en; } l[] = {
        {"2021", "2021", "Năm 2021", "2021"},
        {"2021-H1", "2021-H1", "6 tháng đầu năm 2021", "2021 H1"},
        {"2021-h2", "2021-H2", "6 tháng cuối năm 2021", "2021 H2"},
        {"2021-Q3", "2021-Q3", "Quý III/2021", "2021 Q3"},
        {"2021-07", "2021-07", "Tháng 7/2021", "July 2021"},
        {"2021-7", "2021-07", "Tháng 7/2021", "July 2021"},
        {"Quý III/2021", "2021-Q3", "Quý III/2021", "2021 Q3"},
        {"quý 4/2021", "2021-Q4", "Quý IV/2021", "2021 Q4"},
        {"Q1/2022", "2022-Q1", "Quý I/2022", "2022 Q1"},
        {"tháng 12/2020", "2020-12", "Tháng 12/2020", "December 2020"},
        {"6 tháng đầu năm 2021", "2021-H1", "6 tháng đầu năm 2021", "2021 H1"},
        {"năm 2020", "2020", "Năm 2020", "2020"},
    };
    for (size_t i = 0; i < sizeof l / sizeof l[0]; i++) {
        char canon[12], vi[64], en[64];
        int rc = pt_period_label_parse(canon, l[i].in);
        pt_period_label_human(vi, sizeof vi, l[i].in, "vi");
        pt_period_label_human(en, sizeof en, l[i].in, "en");
        EXPECT(rc == 0 && !strcmp(canon, l[i].canon), "label '%s' -> '%s'", l[i].in, canon);
        EXPECT(!strcmp(vi, l[i].vi), "label '%s' vi '%s'", l[i].in, vi);
        EXPECT(!strcmp(en, l[i].en), "label '%s' en '%s'", l[i].in, en);
    }
    static const char *const bad[] = {"2021-H3", "2021-Q5", "2021-13", "21", "1800", "H1", "", "abc"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char canon[12];
        EXPECT(pt_period_label_parse(canon, bad[i]) == -1, "label '%s' should fail", bad[i]);
    }
    char buf[32];
    pt_period_label_human(buf, sizeof buf, "", "vi");
    EXPECT(!strcmp(buf, ""), "empty label");
    EXPECT(!strcmp(pt_every_name(PT_EVERY_HALF), "half-year") &&
           !strcmp(pt_every_name(PT_EVERY_MONTH), "month"), "every names");
}

static void test_single_dates(void)
{
    static const struct { const char *text; int y, m, d; } ok[] = {
        {"2020-05-20", 2020, 5, 20}, {"20/5/2020", 2020, 5, 20}, {"20.05.2020", 2020, 5, 20},
        {"ngày 20 tháng 5 năm 2020", 2020, 5, 20}, {"20 tháng 5 năm 2020", 2020, 5, 20},
        {" 18/5/2020 ", 2020, 5, 18}, {"Hà Nội, ngày 04 tháng 4 năm 2017", 2017, 4, 4},
        {"ngày 07\ntháng\n01 năm 2021", 2021, 1, 7}, {"31/7/2020", 2020, 7, 31},
        {"May 20, 2020", 2020, 5, 20},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        pt_diags *d = pt_diags_new();
        pt_date x;
        int rc = pt_date_parse_text(&x, ok[i].text, NULL, d);
        EXPECT(rc == 0 && x == D(ok[i].y, ok[i].m, ok[i].d), "date '%s': %s", ok[i].text, diags(d));
        pt_diags_free(d);
    }
    static const struct { const char *text, *want; } bad[] = {
        {"hôm qua", "2:7: 'hôm qua' is not a date; write 2020-05-20, 20/5/2020 or ngày 20 tháng 5 năm 2020"},
        {"31/2/2021", "2:7: '31/2/2021' is not a date: month 2 of 2021 has 28 days"},
        {"ngày 31/2/2021", "2:12: '31/2/2021' is not a date: month 2 of 2021 has 28 days"},
        {"20/5", "2:7: date '20/5' has no year; write it in full, as 20/5/2020"},
        {"trước ngày 20/5/2020", "is not a date; write"},
        {"20/5/2020 và 21/5/2020", "is not a date; write"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pt_diags *d = pt_diags_new();
        pt_date x;
        pt_srcpos pos = {"s.yaml", 2, 7, NULL, NULL};
        int rc = pt_date_parse_text(&x, bad[i].text, &pos, d);
        EXPECT(rc == -1 && x == PT_DATE_NONE && strstr(diags(d), bad[i].want),
               "date '%s': want '%s', got '%s'", bad[i].text, bad[i].want, diags(d));
        pt_diags_free(d);
    }
}

static bool has_line(const pt_explain *ex, const char *want)
{
    for (size_t i = 0; i < pt_explain_count(ex); i++)
        if (strstr(pt_explain_line(ex, i), want))
            return true;
    return false;
}

static void dump(const pt_explain *ex)
{
    for (size_t i = 0; i < pt_explain_count(ex); i++)
        printf("    | %s\n", pt_explain_line(ex, i));
}

static void test_explain(const pt_calendar *cal)
{
    static const struct {
        const char *text, *lang, *issued;
        const char *want[6];
    } cases[] = {
        {"trước ngày 19/7/2020", "vi", NULL,
         {"Hạn như văn bản ghi: \"trước ngày 19/7/2020\"", "Quy tắc: trước ngày D/M/Y",
          "19/07/2020 − 1 ngày = 18/07/2020", "18/07/2020: thứ Bảy (ngày nghỉ cuối tuần)",
          "19/07/2020: Chủ nhật (ngày nghỉ cuối tuần)", "Kết quả: hạn cuối 20/07/2020 (thứ Hai)"}},
        {"30/4/2021", "vi", NULL,
         {"30/04/2021: Ngày Chiến thắng", "01/05/2021: Quốc tế Lao động",
          "02/05/2021: Chủ nhật (ngày nghỉ cuối tuần)", "03/05/2021: Nghỉ bù Quốc tế Lao động",
          "Kết quả: hạn cuối 04/05/2021 (thứ Ba)", "Điều 148"}},
        {"trong thời hạn 15 ngày làm việc, kể từ ngày ban hành", "vi", "2021-01-07",
         {"Mốc: ngày ban hành 07/01/2021 (thứ Năm)", "07/01/2021 + 15 ngày làm việc = 28/01/2021",
          "Điều 147", "Ngày nghỉ cuối tuần không tính: 6", "Kết quả: hạn cuối 28/01/2021 (thứ Năm)", NULL}},
        {"trong vòng 5 ngày làm việc kể từ ngày ký", "vi", "2021-02-05",
         {"10/02/2021: Tết Nguyên đán", "16/02/2021: Tết Nguyên đán", "Ngày nghỉ lễ không tính:",
          "05/02/2021 + 5 ngày làm việc = 19/02/2021", NULL, NULL}},
        {"before 2020-07-19", "en", NULL,
         {"As written: \"before 2020-07-19\"", "Rule: before YYYY-MM-DD (strictly before: the day before)",
          "19/07/2020 − 1 day = 18/07/2020", "18/07/2020: Saturday (weekend)",
          "Result: last on-time day 20/07/2020 (Monday)", NULL}},
        {"hằng quý, chậm nhất ngày 18 tháng cuối quý", "vi", "2021-01-07",
         {"Quy tắc: hằng quý, ngày N tháng cuối quý", "Kỳ 2021-Q3 (01/07/2021 – 30/09/2021)",
          "18/09/2021: thứ Bảy (ngày nghỉ cuối tuần)", "Kết quả: hạn cuối 20/09/2021 (thứ Hai)", NULL, NULL}},
        {"khẩn trương", "vi", NULL, {"không có hạn kiểm tra được (khẩn trương)", NULL}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pt_diags *d = pt_diags_new();
        pt_deadline dl;
        pt_expand_ctx ctx = {PT_DATE_NONE, PT_DATE_NONE, PT_DATE_NONE, 0, PT_DATE_NONE, cal, true,
                             {NULL, NULL, NULL, NULL}};
        if (cases[i].issued)
            pt_date_parse(&ctx.issued, cases[i].issued);
        pt_date_make(&ctx.period_from, 2021, 1, 1);
        pt_date_make(&ctx.period_until, 2021, 12, 31);
        pt_explain *ex = pt_explain_new(cases[i].lang);
        EXPECT(!strcmp(pt_explain_lang(ex), cases[i].lang), "explain language");
        if (pt_deadline_parse(&dl, cases[i].text, NULL, d) == 0) {
            pt_occurrence *o = NULL;
            size_t n = 0;
            EXPECT(pt_deadline_expand(&o, &n, &dl, &ctx, NULL, d, ex) == 0, "expand '%s'", cases[i].text);
            free(o);
            pt_deadline_release(&dl);
        }
        bool ok = true;
        for (int k = 0; k < 6 && cases[i].want[k]; k++)
            if (!has_line(ex, cases[i].want[k])) {
                EXPECT(false, "explain '%s' lacks '%s'", cases[i].text, cases[i].want[k]);
                ok = false;
            }
        if (!ok)
            dump(ex);
        pt_explain_free(ex);
        pt_diags_free(d);
    }
    pt_explain_free(NULL);
}

/* A position map as the plan loader gives it: the phrase folded over lines. */
static void fold_map(const void *ctx, size_t off, int *line, int *col)
{
    (void)ctx;
    /* "trước ngày\n31/2/2021" written as a folded scalar starting at 9:5:
     * bytes up to the space after "ngày" are on line 9, the rest on line 10 */
    size_t first = strlen("trước ngày ");
    if (off < first) {
        *line = 9;
        *col = 5 + (int)off;  /* good enough for ASCII offsets in this test */
    } else {
        *line = 10;
        *col = 5 + (int)(off - first);
    }
}

static void test_positions(void)
{
    pt_diags *d = pt_diags_new();
    pt_deadline dl;
    pt_srcpos pos = {"plan.yaml", 9, 5, fold_map, NULL};
    EXPECT(pt_deadline_parse(&dl, "trước ngày 31/2/2021", &pos, d) == -1 &&
           strstr(diags(d), "10:5: '31/2/2021' is not a date"), "map: %s", diags(d));
    pt_diags_free(d);

    /* decomposed text: the column still counts the characters as given */
    d = pt_diags_new();
    pt_srcpos p2 = {"plan.yaml", 3, 1, NULL, NULL};
    const char *nfd2 = "tr\x75\xcc\x9b\xcc\x9b\xcc\x81" "c 31/2/2021";
    EXPECT(pt_deadline_parse(&dl, nfd2, &p2, d) == -1, "nfd parse fails");
    pt_diags_free(d);

    d = pt_diags_new();
    /* decomposed, 16 code points before the date (11 in NFC): column 1 + 16 */
    const char *nfd3 = "tru\xcc\x9b\xcc\x81o\xcc\x9b\xcc\x81" "c nga\xcc\x80y 31/2/2021";
    EXPECT(pt_deadline_parse(&dl, nfd3, &p2, d) == -1 && strstr(diags(d), "3:17: '31/2/2021'"),
           "nfd column: %s", diags(d));
    pt_diags_free(d);

    /* invalid UTF-8 is an error, not a crash */
    d = pt_diags_new();
    EXPECT(pt_deadline_parse(&dl, "tr\xff\xfe", &p2, d) == -1 && strstr(diags(d), "invalid UTF-8"),
           "utf8: %s", diags(d));
    pt_diags_free(d);

    /* NULL text and NULL position */
    d = pt_diags_new();
    EXPECT(pt_deadline_parse(&dl, NULL, NULL, d) == 0 && dl.kind == PT_DL_UNTRACKED, "NULL text");
    pt_deadline_release(&dl);
    pt_deadline_release(NULL);
    pt_diags_free(d);

    /* a too long phrase */
    d = pt_diags_new();
    char *big = malloc(6000);
    memset(big, 'a', 5999);
    big[5999] = '\0';
    EXPECT(pt_deadline_parse(&dl, big, &p2, d) == -1 && strstr(diags(d), "longer than 4096"),
           "too long: %s", diags(d));
    free(big);
    pt_diags_free(d);

    /* init_recurring gives a clean map-form deadline */
    pt_deadline m;
    memset(&m, 0x55, sizeof m);
    pt_deadline_init_recurring(&m, PT_EVERY_QUARTER);
    EXPECT(m.kind == PT_DL_RECURRING && m.text == NULL && m.day_of_month == 0 &&
           m.rec_from == PT_DATE_NONE && m.rec_until == PT_DATE_NONE && m.rule != NULL,
           "init_recurring");
    pt_deadline_release(&m);
}

int main(void)
{
    pt_diags *d = pt_diags_new();
    pt_doc *doc = pt_doc_load_file(PT_SOURCE_DIR "/plans/calendars/vn.yaml", d);
    pt_calendar *cal = doc ? pt_calendar_from_doc(doc, d) : NULL;
    pt_doc_free(doc);
    EXPECT(cal != NULL, "the shipped calendar loads: %s", diags(d));
    pt_diags_free(d);
    test_calendar();
    test_period();
    test_labels();
    test_single_dates();
    if (cal)
        test_explain(cal);
    test_positions();
    pt_calendar_free(cal);
    printf("%d checks, %d failed\n", checks, failures);
    return failures ? 1 : 0;
}
