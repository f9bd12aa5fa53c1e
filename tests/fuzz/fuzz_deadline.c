/* fuzz_deadline.c - libFuzzer target for the deadline language (pt_deadline.h).
 *
 * The input is one phrase, as a plan file would give it. It is parsed, then
 * expanded in three contexts (issued and a closed period; open-ended with an
 * as-of date and a plan default; nothing known, no roll), with explain on.
 * The same text goes through pt_period_parse, pt_date_parse_text and the
 * period label functions. Checked: a failure always leaves an error; a
 * rolled last on-time day is a working day not before its nominal day;
 * labels of one expansion are unique; every diagnostic has a text.
 * Built with -fsanitize=fuzzer by tests/fuzz/tests.cmake; replay_main.c
 * replays tests/fuzz/corpus/deadline without libFuzzer. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pt_calendar.h"
#include "pt_deadline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pt_calendar *calendar(void)
{
    static pt_calendar *cal;   /* built once, reachable until exit */
    if (!cal) {
        cal = pt_calendar_new("fuzz");
        static const int hol[][3] = {{2021, 1, 1}, {2021, 2, 10}, {2021, 2, 11}, {2021, 2, 12},
                                     {2021, 2, 13}, {2021, 2, 14}, {2021, 2, 15}, {2021, 2, 16},
                                     {2021, 4, 30}, {2021, 5, 1}, {2021, 5, 3}, {2021, 9, 2},
                                     {2021, 9, 3}, {2022, 1, 3}};
        for (size_t i = 0; i < sizeof hol / sizeof hol[0]; i++) {
            pt_date d;
            if (pt_date_make(&d, hol[i][0], hol[i][1], hol[i][2]) == 0)
                pt_calendar_add_holiday(cal, d, i % 2 ? "Lễ" : NULL);
        }
        pt_date w;
        if (pt_date_make(&w, 2021, 5, 8) == 0)
            pt_calendar_add_workday(cal, w, "Làm bù");
    }
    return cal;
}

static void check_diags(const pt_diags *d)
{
    for (size_t i = 0; i < pt_diags_count(d); i++)
        if (!pt_diags_get(d, i)->text)
            abort();
}

static void expand_in(const pt_deadline *dl, const pt_expand_ctx *ctx, pt_diags *d)
{
    pt_srcpos pos = {"fuzz.yaml", 2, 6, NULL, NULL};
    pt_explain *ex = pt_explain_new(ctx->roll ? "vi" : "en");
    pt_occurrence *occ = NULL;
    size_t n = 0;
    size_t errors = pt_diags_errors(d);
    if (pt_deadline_expand(&occ, &n, dl, ctx, &pos, d, ex) != 0) {
        if (pt_diags_errors(d) == errors)
            abort(); /* failed without a word */
    } else {
        for (size_t i = 0; i < n; i++) {
            if (occ[i].due != PT_DATE_NONE && ctx->roll &&
                (pt_calendar_is_off(ctx->cal, occ[i].due) || occ[i].due < occ[i].nominal))
                abort();
            for (size_t j = 0; j < i; j++)
                if (strcmp(occ[i].period, occ[j].period) == 0)
                    abort();
        }
        free(occ);
    }
    for (size_t i = 0; i < pt_explain_count(ex); i++)
        if (!pt_explain_line(ex, i))
            abort();
    pt_explain_free(ex);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    pt_diags *d = pt_diags_new();
    if (!text || !d) {
        free(text);
        pt_diags_free(d);
        return 0;
    }
    memcpy(text, data, size);
    text[size] = '\0';   /* a NUL inside the input ends the phrase, as in C strings */

    pt_srcpos pos = {"fuzz.yaml", 2, 6, NULL, NULL};
    pt_deadline dl, dflt;
    bool have_dflt = pt_deadline_parse(&dflt, "trước ngày 15/12", NULL, d) == 0;
    size_t errors = pt_diags_errors(d);
    if (pt_deadline_parse(&dl, text, &pos, d) == 0) {
        pt_expand_ctx a = {PT_DATE_NONE, PT_DATE_NONE, PT_DATE_NONE, 0, PT_DATE_NONE, calendar(),
                           true, {NULL, NULL, NULL, NULL}};
        pt_date_make(&a.issued, 2021, 1, 7);
        pt_date_make(&a.period_from, 2021, 1, 1);
        pt_date_make(&a.period_until, 2022, 12, 31);
        expand_in(&dl, &a, d);

        pt_expand_ctx b = a;
        b.period_until = PT_DATE_NONE;
        pt_date_make(&b.as_of, 2023, 3, 15);
        for (int e = 0; e < 4; e++)
            b.defaults[e] = have_dflt ? &dflt : NULL;
        expand_in(&dl, &b, d);

        pt_expand_ctx c = {PT_DATE_NONE, PT_DATE_NONE, PT_DATE_NONE, 0, PT_DATE_NONE, NULL, false,
                           {NULL, NULL, NULL, NULL}};
        expand_in(&dl, &c, d);
        pt_deadline_release(&dl);
    } else if (pt_diags_errors(d) == errors) {
        abort(); /* rejected without a word */
    }
    if (have_dflt)
        pt_deadline_release(&dflt);

    pt_date from, until, day;
    errors = pt_diags_errors(d);
    if (pt_period_parse(&from, &until, text, &pos, d) == 0) {
        if (from == PT_DATE_NONE || (until != PT_DATE_NONE && until < from))
            abort();
    } else if (pt_diags_errors(d) == errors) {
        abort();
    }
    errors = pt_diags_errors(d);
    if (pt_date_parse_text(&day, text, &pos, d) != 0 && pt_diags_errors(d) == errors)
        abort();
    char canon[12], human[64];
    if (pt_period_label_parse(canon, text) == 0) {
        char again[12];
        if (pt_period_label_parse(again, canon) != 0 || strcmp(again, canon) != 0)
            abort(); /* a canonical label parses to itself */
    }
    pt_period_label_human(human, sizeof human, text, "vi");
    pt_period_label_human(human, sizeof human, text, "en");
    check_diags(d);
    pt_diags_sort(d);
    pt_diags_free(d);
    free(text);
    return 0;
}
