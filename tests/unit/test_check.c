/* Unit tests of status loading, check and the check/compile reports.
 *
 * The scenario of tests/scenario/ (README.md there holds the hand
 * computation) is loaded through the library, checked as of both of its
 * dates, and compared with the expected JSON; then the pieces the golden
 * files do not isolate: labels, filters, ranks, rounding, CSV quoting, text
 * alignment, and one status-file mistake per diagnostic, with its position.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "plantrack.h"

#define SCN PT_SOURCE_DIR "/tests/scenario/"

static char *slurp(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    if (pt_read_file(&buf, &len, path, (size_t)1 << 26) != 0)
        return NULL;
    return buf;
}

static pt_set *load_set(pt_date as_of, pt_diags *d)
{
    pt_set *set = pt_set_new();
    pt_set_load_plan(set, SCN "bac-ha-2021-ke-hoach.yaml", d);
    pt_set_load_plan(set, SCN "bac-ha-2021-bao-cao.yaml", d);
    pt_set_load_plan(set, SCN "nam-son-2021-thang.yaml", d);
    pt_set_compile(set, as_of, d);
    return set;
}

static void dump(pt_diags *d)
{
    for (size_t i = 0; i < pt_diags_count(d); i++) {
        const pt_diag *g = pt_diags_get(d, i);
        fprintf(stderr, "  %s:%d:%d: %s [%s]\n", g->file, g->line, g->col, g->text,
                pt_msg_code(g->msg));
    }
}

static pt_date day(const char *iso)
{
    pt_date d = PT_DATE_NONE;
    pt_date_parse(&d, iso);
    return d;
}

static const pt_result *find(const pt_check *c, const char *task, const char *agency,
                             const char *period)
{
    for (size_t i = 0; i < pt_check_count(c); i++) {
        const pt_result *r = pt_check_result(c, i);
        if (strcmp(r->task->id, task) == 0 && strcmp(r->agency_label, agency) == 0 &&
            strcmp(r->occ->period, period) == 0)
            return r;
    }
    return NULL;
}

static const pt_agency_result *find_agency(const pt_check *c, const char *label)
{
    for (size_t i = 0; i < pt_check_agency_count(c); i++)
        if (strcmp(pt_check_agency(c, i)->label, label) == 0)
            return pt_check_agency(c, i);
    return NULL;
}

/* pt_set_find_obligation, which the check maps every submission through:
 * each obligation is found at its own index, and a key the set has no
 * obligation for is not found; again after compiling a second time. */
static void test_find_obligation(void)
{
    pt_diags *d = pt_diags_new();
    pt_set *none = pt_set_new();
    CHECK(pt_set_find_obligation(none, 0, 0, 0, 0) == SIZE_MAX);
    pt_set_free(none);
    pt_set *set = load_set(day("2021-06-15"), d);
    CHECK_INT(pt_diags_errors(d), 0);
    for (int round = 0; round < 2; round++) {
        size_t n = pt_set_obligation_count(set), found = 0;
        const pt_obligation *ob = pt_set_obligations(set);
        CHECK(n > 0);
        for (size_t i = 0; i < n; i++)
            found += pt_set_find_obligation(set, ob[i].plan, ob[i].task, ob[i].agency,
                                            ob[i].occ) == i;
        CHECK_INT(found, n);
        size_t np = pt_set_plan_count(set), right = 0, keys = 0;
        CHECK(pt_set_find_obligation(set, (uint32_t)np, 0, ob[0].agency, 0) == SIZE_MAX);
        for (size_t p = 0; p < np; p++) {
            const pt_plan *plan = pt_set_plan(set, p);
            size_t na = pt_registry_count(plan->registry);
            uint32_t pi = (uint32_t)p;
            CHECK(pt_set_find_obligation(set, pi, (uint32_t)plan->n_tasks, ob[0].agency, 0) ==
                  SIZE_MAX);
            for (size_t t = 0; t < plan->n_tasks; t++) {
                const pt_task *task = &plan->tasks[t];
                uint32_t ti = (uint32_t)t;
                /* every agency of the registry: a lead has one obligation
                 * per period, any other agency none */
                for (size_t a = 0; a < na; a++) {
                    bool lead = false;
                    for (size_t k = 0; k < task->n_lead; k++)
                        lead = lead || task->lead[k] == a;
                    for (size_t o = 0; o <= task->n_occ; o++) {
                        size_t at = pt_set_find_obligation(set, pi, ti, (uint32_t)a, (uint32_t)o);
                        keys++;
                        if (!lead || o == task->n_occ)
                            right += at == SIZE_MAX;
                        else
                            right += at < n && ob[at].plan == pi && ob[at].task == ti &&
                                      ob[at].agency == a && ob[at].occ == o;
                    }
                }
                CHECK(pt_set_find_obligation(set, pi, ti, UINT32_MAX, 0) == SIZE_MAX);
            }
        }
        CHECK(keys > n);
        CHECK_INT(right, keys);
        /* compiling again rebuilds the obligations and the index (the
         * scenario's periods are bounded, so they come out the same) */
        if (round == 0) {
            CHECK_INT(pt_set_compile(set, day("2021-12-16"), d), 0);
            CHECK_INT(pt_set_obligation_count(set), n);
        }
    }
    pt_set_free(set);
    pt_diags_free(d);
}

/* The whole scenario, as of one date, against its golden JSON. */
static void test_scenario(const char *as_of)
{
    pt_diags *d = pt_diags_new();
    pt_set *set = load_set(day(as_of), d);
    pt_status *st = pt_status_new();
    CHECK_INT(pt_status_load(st, set, SCN "status", d), 0);
    CHECK_INT(pt_status_load(st, set, SCN "bo-sung.yaml", d), 0);
    CHECK_INT(pt_diags_errors(d), 0);
    if (pt_diags_count(d))
        dump(d);
    CHECK_INT(pt_status_file_count(st), 3);
    CHECK_STR(pt_status_file(st, 0), SCN "status/1-bac-ha.yaml");
    CHECK_STR(pt_status_file(st, 1), SCN "status/2-registers.csv");
    CHECK_INT(pt_status_count(st), 32);
    pt_check_opts o = PT_CHECK_OPTS_INIT;
    o.as_of = day(as_of);
    pt_check *c = pt_check_run(set, st, &o, d);
    CHECK(c != NULL);
    if (c) {
        CHECK_INT(pt_check_count(c), 38);
        pt_buf b = PT_BUF_INIT;
        pt_report_check_json(&b, c);
        char path[512];
        snprintf(path, sizeof path, SCN "expected/check-%s.json", as_of);
        char *want = slurp(path);
        CHECK(want != NULL);
        if (want && b.data && strcmp(want, b.data) != 0) {
            t_fail++;
            fprintf(stderr, "check JSON as of %s differs from %s; got:\n%s", as_of, path, b.data);
        } else {
            t_pass++;
        }
        free(want);
        pt_buf_release(&b);
    }
    pt_check_free(c);
    pt_status_free(st);
    pt_set_free(set);
    pt_diags_free(d);
}

/* Fields the golden file holds but that deserve a named check. */
static void test_details(void)
{
    pt_diags *d = pt_diags_new();
    pt_set *set = load_set(day("2021-06-15"), d);
    pt_status *st = pt_status_new();
    pt_status_load(st, set, SCN "status", d);
    pt_status_load(st, set, SCN "bo-sung.yaml", d);
    pt_check_opts o = PT_CHECK_OPTS_INIT;
    o.as_of = day("2021-06-15");
    pt_check *c = pt_check_run(set, st, &o, d);
    CHECK(c != NULL);
    if (!c)
        goto out;
    /* resubmissions on or before D only */
    const pt_result *r = find(c, "I.1", "so-gddt", "");
    CHECK(r && r->state == PT_ST_ON_TIME && r->n_resubmissions == 1);
    if (r)
        CHECK_INT(r->resubmissions[0], day("2021-03-20"));
    /* an extension moves the day; the original is kept */
    r = find(c, "I.2", "so-gddt", "2021-Q1");
    CHECK(r && r->due == day("2021-03-31") && r->original_due == day("2021-03-18"));
    CHECK(r && r->extended == day("2021-03-31") && r->state == PT_ST_ON_TIME);
    /* exempt wins over a submission, which is still shown */
    r = find(c, "I.1", "bac-ha/so-ldtbxh", "");
    CHECK(r && r->state == PT_ST_EXEMPT && r->submitted == day("2021-03-12"));
    /* a submission after D is ignored */
    r = find(c, "I.2", "h-dong-tien", "2021-Q2");
    CHECK(r && r->state == PT_ST_DUE_SOON && r->submitted == PT_DATE_NONE);
    /* the H2 alias of the year report */
    r = find(c, "II.1", "bac-ha/so-ldtbxh", "2021");
    CHECK(r && r->state == PT_ST_OPEN);
    /* a submission on D itself counts */
    r = find(c, "III.1", "tp-nam-son", "2021-05");
    CHECK(r && r->state == PT_ST_LATE && r->days_late == 1);
    r = find(c, "I.1", "so-yte", "");
    CHECK(r && r->state == PT_ST_OVERDUE && r->days_overdue == 92);
    /* ranks: 1,1,1,4,5,5,5 and null last */
    CHECK_INT(pt_check_agency_count(c), 8);
    CHECK_INT(find_agency(c, "so-gddt")->rank, 1);
    CHECK_INT(find_agency(c, "h-dong-tien")->rank, 4);
    CHECK_INT(find_agency(c, "so-yte")->rank, 5);
    CHECK(find_agency(c, "so-tp")->rate < 0);
    CHECK_INT(find_agency(c, "so-tp")->rank, 8);
    CHECK(find_agency(c, "so-xd") == NULL);
    CHECK_INT(pt_check_totals(c)->total, 38);
    CHECK_INT(pt_check_count_state(c, PT_ST_ON_TIME), 8);
    CHECK_INT(pt_check_count_state(c, PT_ST_OVERDUE), 2);

    /* CSV: quoting, the formula guard, joined resubmissions */
    pt_buf b = PT_BUF_INIT;
    pt_report_check_csv(&b, c);
    CHECK(b.data && strncmp(b.data, "plan,task,agency,period,kind,due_as_written,due,status,"
                                     "submitted,ref,days_late,days_overdue,resubmissions,",
                            100) == 0);
    CHECK(b.data && strstr(b.data, ",late,2021-05-20,'-05/BC-STC,8,,,") != NULL);
    CHECK(b.data && strstr(b.data, ",\"21/KH-STC, \"\"bản chính thức\"\"\",4,") != NULL);
    CHECK(b.data && strstr(b.data, ",on_time,2021-03-10,15/KH-SGDĐT,,,2021-03-20,2021-03-15,,\r\n"));
    pt_buf_release(&b);

    /* text: the table aligns by display width, whatever the bytes */
    pt_report_check_text(&b, c, "vi");
    CHECK(b.data && strstr(b.data, "Chưa hoàn thành, quá hạn: 2\n") != NULL);
    CHECK(b.data && strstr(b.data, "[1] Đã hoàn thành đúng hạn\n") != NULL);
    /* The last column (rank) is right-aligned: the header and every agency
     * row end at the same display column, though their byte lengths differ
     * (Vietnamese names). The totals row has no rank and ends earlier. */
    const char *t0 = b.data ? strstr(b.data, "Theo cơ quan\n") : NULL;
    const char *t1 = t0 ? strstr(t0, "\n  [1] ") : NULL;
    if (t0 && t1) {
        t0 = strchr(t0, '\n') + 1;
        size_t lines = 0, width = 0, bytes_differ = 0, first_bytes = 0;
        bool same = true;
        while (t0 < t1) {
            const char *nl = strchr(t0, '\n');
            char line[512];
            snprintf(line, sizeof line, "%.*s", (int)(nl - t0), t0);
            t0 = nl + 1;
            if (t0 >= t1)
                break; /* the totals row */
            size_t w = pt_text_width(line);
            if (lines == 0) {
                width = w;
                first_bytes = strlen(line);
            }
            same = same && w == width;
            bytes_differ += strlen(line) != first_bytes;
            lines++;
        }
        CHECK_INT(lines, 9); /* header and 8 agencies */
        CHECK(same);
        CHECK(bytes_differ > 0);
    } else {
        CHECK(!"agency table not found");
    }
    pt_buf_release(&b);
    pt_report_check_text(&b, c, "en");
    CHECK(b.data && strstr(b.data, "Not completed, overdue: 2\n") != NULL);
    CHECK(b.data && strstr(b.data, "On-time rate") != NULL);
    pt_buf_release(&b);
out:
    pt_check_free(c);
    pt_status_free(st);
    pt_set_free(set);
    pt_diags_free(d);
}

static void test_agency_filter(void)
{
    pt_diags *d = pt_diags_new();
    pt_set *set = load_set(day("2021-12-16"), d);
    pt_status *st = pt_status_new();
    pt_status_load(st, set, SCN "status", d);
    pt_check_opts o = PT_CHECK_OPTS_INIT;
    o.as_of = day("2021-12-16");
    const char *one[] = {"nam-son/so-ldtbxh"};
    o.agencies = one;
    o.n_agencies = 1;
    pt_check *c = pt_check_run(set, st, &o, d);
    CHECK(c && pt_check_count(c) == 5 && pt_check_agency_count(c) == 1);
    pt_check_free(c);
    const char *both[] = {"so-ldtbxh", "Sở Tài chính"};
    o.agencies = both;
    o.n_agencies = 2;
    c = pt_check_run(set, st, &o, d);
    CHECK(c && pt_check_count(c) == 15 && pt_check_agency_count(c) == 3);
    if (c)
        CHECK_STR(pt_check_options(c)->agencies[1], "Sở Tài chính");
    pt_check_free(c);
    const char *bad[] = {"so-tcc"};
    o.agencies = bad;
    o.n_agencies = 1;
    c = pt_check_run(set, st, &o, d);
    CHECK(c == NULL);
    CHECK_INT(pt_diags_errors(d), 1);
    CHECK(pt_diags_count(d) == 1 && pt_diags_get(d, 0)->msg == PT_E_CHECK_AGENCY);
    if (pt_diags_count(d) == 1)
        CHECK_STR(pt_diags_get(d, 0)->text,
                  "--agency 'so-tcc' names no agency of the loaded plans; did you mean 'so-tc'?");
    pt_status_free(st);
    pt_set_free(set);
    pt_diags_free(d);
}

/* Rates: four decimals, half up, no trailing zeros; 2/3 and 4/6 tie. */
static void test_rates(void)
{
    pt_diags *d = pt_diags_new();
    pt_set *set = load_set(day("2021-12-16"), d);
    pt_status *st = pt_status_new();
    pt_status_load(st, set, SCN "status", d);
    pt_status_load(st, set, SCN "bo-sung.yaml", d);
    pt_check_opts o = PT_CHECK_OPTS_INIT;
    o.as_of = day("2021-12-16");
    pt_check *c = pt_check_run(set, st, &o, d);
    pt_buf b = PT_BUF_INIT;
    if (c)
        pt_report_check_json(&b, c);
    CHECK(b.data && strstr(b.data, "\"rate\":0.8333,\"rank\":2}") != NULL);
    CHECK(b.data && strstr(b.data, "\"rate\":null,\"rank\":8}") != NULL);
    pt_buf_release(&b);
    if (c) {
        pt_report_check_text(&b, c, "vi");
        CHECK(b.data && strstr(b.data, "83,3%") != NULL);
        CHECK(b.data && strstr(b.data, "53,6%") != NULL); /* totals: 15/28 */
        pt_buf_release(&b);
    }
    pt_check_free(c);
    pt_status_free(st);
    pt_set_free(set);
    pt_diags_free(d);
}

static void test_compile_reports(void)
{
    pt_diags *d = pt_diags_new();
    pt_set *set = load_set(day("2021-12-16"), d);
    pt_buf b = PT_BUF_INIT;
    pt_report_compile_json(&b, set);
    const char *head = "{\"plans\":[\n{\"id\":\"bac-ha-2021-ke-hoach\",";
    CHECK(b.data && strncmp(b.data, head, strlen(head)) == 0);
    CHECK(b.data && strstr(b.data, "{\"plan\":\"bac-ha-2021-ke-hoach\",\"task\":\"I.3\",\"agency\":"
                                   "\"so-yte\",\"period\":null,\"kind\":\"action\","
                                   "\"due_as_written\":\"theo quy định\",\"due\":null}"));
    CHECK(b.data && strstr(b.data, "\"agency\":\"h-dong-tien\",\"period\":\"2021\",\"kind\":"
                                   "\"report\",\"due_as_written\":\"định kỳ 6 tháng/năm, trước "
                                   "ngày 20/6 và 20/12\",\"due\":\"2021-12-20\"}"));
    pt_buf_release(&b);
    pt_report_compile_text(&b, set, 0, "vi");
    CHECK_STR(b.data,
              "bac-ha-2021-ke-hoach — Kế hoạch thực hiện công tác trẻ em năm 2021 (số 12/KH-UBND)\n"
              "  3 nhiệm vụ, 4 cơ quan, 13 nghĩa vụ: 12 theo dõi hạn, 1 không theo dõi hạn\n"
              "bac-ha-2021-bao-cao — Kế hoạch báo cáo công tác bảo vệ trẻ em giai đoạn 2021-2022 "
              "(số 35/KH-UBND)\n"
              "  2 nhiệm vụ, 4 cơ quan, 10 nghĩa vụ: 10 theo dõi hạn, 0 không theo dõi hạn\n"
              "nam-son-2021-thang — Kế hoạch triển khai Tháng hành động vì trẻ em năm 2021 "
              "(số 88/KH-UBND)\n"
              "  2 nhiệm vụ, 4 cơ quan, 15 nghĩa vụ: 15 theo dõi hạn, 0 không theo dõi hạn\n"
              "3 kế hoạch, 38 nghĩa vụ, 0 cảnh báo\n");
    pt_buf_release(&b);
    pt_report_compile_text(&b, set, 1, "en");
    CHECK(b.data && strstr(b.data, "  3 tasks, 4 agencies, 13 obligations: 12 tracked, 1 untracked\n"));
    CHECK(b.data && strstr(b.data, "3 plans, 38 obligations, 1 warning\n"));
    pt_buf_release(&b);

    /* explain: a heading naming the plan, the task and each occurrence's
     * day (the roll forward shown), then the derivation lines */
    const pt_plan *p = pt_set_plan(set, 1);
    const pt_task *t = &p->tasks[1];
    pt_explain *ex = pt_explain_new("en");
    CHECK_INT(pt_set_explain(set, p, t, ex, d), 0);
    pt_report_explain(&b, set, p, t, ex);
    CHECK(b.data && strncmp(b.data,
                            "Plan bac-ha-2021-bao-cao — Kế hoạch báo cáo công tác bảo vệ trẻ em "
                            "giai đoạn 2021-2022 (No. 35/KH-UBND)\n"
                            "Task II.2 — Ban hành hướng dẫn phòng, chống đuối nước trẻ em\n"
                            "Deadline as written: chậm nhất ngày 30/4/2021\n"
                            "Last on-time days:\n"
                            "  once  2021-05-04  (rolled forward from 2021-04-30)\n"
                            "How it was computed:\n",
                            strlen("Plan bac-ha-2021-bao-cao — Kế hoạch báo cáo công tác bảo vệ "
                                   "trẻ em giai đoạn 2021-2022 (No. 35/KH-UBND)\n"
                                   "Task II.2 — Ban hành hướng dẫn phòng, chống đuối nước trẻ em\n"
                                   "Deadline as written: chậm nhất ngày 30/4/2021\n"
                                   "Last on-time days:\n"
                                   "  once  2021-05-04  (rolled forward from 2021-04-30)\n"
                                   "How it was computed:\n")) == 0);
    CHECK(b.data && pt_explain_count(ex) > 0 &&
          strstr(b.data, pt_explain_line(ex, pt_explain_count(ex) - 1)) != NULL);
    pt_buf_release(&b);
    pt_explain_free(ex);
    ex = pt_explain_new("vi");
    t = &p->tasks[0];
    pt_set_explain(set, p, t, ex, d);
    pt_report_explain(&b, set, p, t, ex);
    CHECK(b.data && strstr(b.data, "Ngày cuối cùng đúng hạn:\n"
                                   "  6 tháng đầu năm 2021  21/06/2021  (dời từ 19/06/2021)\n"
                                   "  Năm 2021              20/12/2021  (dời từ 19/12/2021)\n"));
    pt_buf_release(&b);
    pt_explain_free(ex);
    pt_set_free(set);
    pt_diags_free(d);
}

/* ---- status-file mistakes ------------------------------------------------ */

static char tmp[64];

static const char *put(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

/* Loads text as a status file named name; expects exactly the codes listed
 * (with their line:col), in order. */
static void expect(const char *name, const char *text, const char *want)
{
    pt_diags *d = pt_diags_new();
    pt_set *set = load_set(day("2021-12-16"), d);
    CHECK_INT(pt_diags_errors(d), 0);
    pt_status *st = pt_status_new();
    int rc = pt_status_load(st, set, put(name, text), d);
    pt_diags_sort(d);
    pt_buf got = PT_BUF_INIT;
    for (size_t i = 0; i < pt_diags_count(d); i++) {
        const pt_diag *g = pt_diags_get(d, i);
        pt_buf_printf(&got, "%d:%d %s %s\n", g->line, g->col, pt_msg_code(g->msg), g->text);
    }
    CHECK_STR(got.data ? got.data : "", want);
    CHECK_INT(rc, pt_diags_errors(d) ? -1 : 0);
    CHECK_INT(pt_status_count(st), 0);
    pt_buf_release(&got);
    pt_status_free(st);
    pt_set_free(set);
    pt_diags_free(d);
}

static void test_mistakes(void)
{
    expect("a.yaml",
           "plan: bac-ha-2021-ke-hoach\n"
           "submissions:\n"
           "  - {agency: so-gdt, task: I.1, date: 2021-03-01}\n"
           "  - {agency: so-gddt, task: I.9, date: 2021-03-01}\n"
           "  - {agency: so-ldtbxh, task: I.2, period: 2021-Q1, date: 2021-03-01}\n"
           "  - {agency: so-gddt, task: I.2, date: 2021-03-01}\n"
           "  - {agency: so-gddt, task: I.1, period: 2021-Q1, date: 2021-03-01}\n"
           "  - {agency: so-gddt, task: I.2, period: 2021-Q5, date: 2021-03-01}\n"
           "  - {agency: so-gddt, task: I.2, period: 2022-Q1, date: 2021-03-01}\n"
           "  - {agency: so-gddt, task: I.1, date: 31/2/2021}\n"
           "  - {agency: so-gddt, task: I.1, exempt: ''}\n"
           "  - {agency: so-gddt, task: I.1, extended: 2021-03-01}\n"
           "  - {agency: so-gddt, task: I.1}\n"
           "  - {agency: so-gddt, task: I.1, dat: 2021-03-01}\n"
           "  - {plan: bac-ha-2021-ke-hoac, agency: so-gddt, task: I.1, date: 2021-03-01}\n",
           "3:14 PT6022 unknown agency 'so-gdt' in registry 'bac-ha'; did you mean 'so-gddt'?\n"
           "4:29 PT6024 unknown task 'I.9' in plan 'bac-ha-2021-ke-hoach'; did you mean 'I.1'?\n"
           "5:14 PT6023 agency 'so-ldtbxh' is not assigned task 'I.2' of plan "
           "'bac-ha-2021-ke-hoach'; it is assigned to 'so-gddt', 'h-dong-tien'\n"
           "6:5 PT6027 task 'I.2' is recurring; give its 'period' ('2021-Q1' to '2021-Q4')\n"
           "7:42 PT6028 task 'I.1' is done once and has no periods; remove the period '2021-Q1'\n"
           "8:42 PT6026 '2021-Q5' is not a period; write 2021, 2021-H1, 2021-Q3 or 2021-07\n"
           "9:42 PT6025 task 'I.2' has no period '2022-Q1'; did you mean '2021-Q1'?\n"
           "10:40 PT4001 '31/2/2021' is not a date: month 2 of 2021 has 28 days\n"
           "11:42 PT6029 'exempt' is empty; write the reason for the exemption\n"
           "12:44 PT6030 extension to 2021-03-01 is before the last on-time day 2021-03-15; an "
           "extension can only move the day later\n"
           "13:5 PT6031 submission records nothing; give a 'date', an 'exempt' reason or an "
           "'extended' day\n"
           "14:5 PT6031 submission records nothing; give a 'date', an 'exempt' reason or an "
           "'extended' day\n"
           "14:34 PT1010 unknown key 'dat' in submission; did you mean 'date'?\n"
           "15:12 PT6020 unknown plan 'bac-ha-2021-ke-hoac'; did you mean "
           "'bac-ha-2021-ke-hoach'?\n");
    expect("b.yaml",
           "submissions:\n"
           "  - {agency: so-gddt, task: I.1, date: 2021-03-01}\n",
           "2:5 PT6021 submission names no plan; write 'plan:' in it or at the top of the file\n");
    expect("c.csv",
           "plan,agency,task,period,date,ref,note,exempt\n"
           "bac-ha-2021-ke-hoach,so-gddt,I.1,,2021-03-01,,,,x\n"
           "bac-ha-2021-ke-hoach,so-gddt,I.1\n"
           "bac-ha-2021-ke-hoach,Sở Giáo dục,I.1,,2021-03-01,,,\n"
           ",so-gddt,I.1,,2021-03-01,,,\n",
           "2:49 PT6016 row has 9 fields but the header has 8; a value that contains a comma "
           "must be in quotes\n"
           "3:30 PT6017 row has 3 fields but the header has 8\n"
           "4:22 PT6022 unknown agency 'Sở Giáo dục' in registry 'bac-ha'; did you mean "
           "'so-gddt'?\n"
           "5:1 PT6021 row names no plan; fill in its 'plan' cell\n");
    expect("d.yaml",
           "plan: bac-ha-2021-ke-hoach\n"
           "recorded_by: x\n"
           "submitted: []\n",
           "1:1 PT1013 status file has no 'submissions'\n"
           "3:1 PT1010 unknown key 'submitted' in status file\n");
}

/* A directory: name order, hidden files and other suffixes skipped; an
 * empty one is a warning; a missing path an error. */
static void test_directory(void)
{
    pt_diags *d = pt_diags_new();
    pt_set *set = load_set(day("2021-12-16"), d);
    char sub[128], p[256];
    snprintf(sub, sizeof sub, "%s/reg", tmp);
    mkdir(sub, 0700);
    pt_status *st = pt_status_new();
    CHECK_INT(pt_status_load(st, set, sub, d), 0);
    CHECK_INT(pt_diags_warnings(d), 1);
    CHECK(pt_diags_count(d) == 1 && pt_diags_get(d, 0)->msg == PT_W_ST_DIR_EMPTY);
    const char *names[] = {"b.YML", "a.csv", ".~lock.a.csv#", ".hidden.yaml", "notes.txt"};
    const char *texts[] = {
        "plan: bac-ha-2021-ke-hoach\nsubmissions:\n  - {agency: so-yte, task: I.3, date: 2021-01-02}\n",
        "plan,agency,task,period,date,ref,note,exempt\n"
        "bac-ha-2021-ke-hoach,so-yte,I.3,,2021-01-01,,,\n",
        "x", "x: [", "x",
    };
    for (size_t i = 0; i < 5; i++) {
        snprintf(p, sizeof p, "%s/%s", sub, names[i]);
        FILE *f = fopen(p, "w");
        fputs(texts[i], f);
        fclose(f);
    }
    CHECK_INT(pt_status_load(st, set, sub, d), 0);
    CHECK_INT(pt_diags_errors(d), 0);
    CHECK_INT(pt_status_file_count(st), 2);
    snprintf(p, sizeof p, "%s/a.csv", sub);
    CHECK_STR(pt_status_file(st, 0), p);
    CHECK_INT(pt_status_count(st), 2);
    CHECK_INT(pt_status_get(st, 0)->date, day("2021-01-01"));
    CHECK_INT(pt_status_get(st, 1)->date, day("2021-01-02"));
    snprintf(p, sizeof p, "%s/missing", tmp);
    CHECK_INT(pt_status_load(st, set, p, d), -1);
    CHECK(pt_diags_get(d, pt_diags_count(d) - 1)->msg == PT_E_READ);
    for (size_t i = 0; i < 5; i++) {
        snprintf(p, sizeof p, "%s/%s", sub, names[i]);
        unlink(p);
    }
    rmdir(sub);
    pt_status_free(st);
    pt_set_free(set);
    pt_diags_free(d);
}

/* A ref longer than the JSON writer's staging buffer holds, and one with
 * every kind of escape, come out as pt_buf_json_str writes them. */
static void test_json_strings(void)
{
    pt_diags *d = pt_diags_new();
    pt_set *set = load_set(day("2021-12-16"), d);
    pt_buf y = PT_BUF_INIT, want = PT_BUF_INIT;
    pt_buf_adds(&y, "plan: bac-ha-2021-ke-hoach\nsubmissions:\n"
                    "  - {agency: so-yte, task: I.3, date: 2021-01-02, ref: \"a\\\"b\\\\c\\t\\u0001Đ\"}\n"
                    "  - {agency: so-gddt, task: I.1, date: 2021-01-02, ref: \"");
    for (int i = 0; i < 3000; i++)
        pt_buf_adds(&y, "\\\"");   /* 3,000 quotes: 6,002 bytes escaped */
    pt_buf_adds(&y, "\"}\n");
    char path[256];
    snprintf(path, sizeof path, "%s/long.yaml", tmp);
    FILE *f = fopen(path, "w");
    fputs(y.data, f);
    fclose(f);
    pt_status *st = pt_status_new();
    CHECK_INT(pt_status_load(st, set, path, d), 0);
    if (pt_diags_count(d))
        dump(d);
    pt_check_opts o = PT_CHECK_OPTS_INIT;
    o.as_of = day("2021-12-16");
    pt_check *c = pt_status_count(st) == 2 ? pt_check_run(set, st, &o, d) : NULL;
    CHECK(c != NULL);
    pt_buf b = PT_BUF_INIT;
    if (c)
        pt_report_check_json(&b, c);
    for (size_t i = 0; i < pt_status_count(st); i++) {
        pt_buf_clear(&want);
        pt_buf_adds(&want, ",\"ref\":");
        pt_buf_json_str(&want, pt_status_get(st, i)->ref);
        CHECK(b.data && strstr(b.data, want.data) != NULL);
    }
    if (c) {
        CHECK_STR(pt_status_get(st, 0)->ref, "a\"b\\c\t\x01Đ");
        CHECK_INT(strlen(pt_status_get(st, 1)->ref), 3000);
    }
    pt_buf_release(&b);
    pt_buf_release(&want);
    pt_buf_release(&y);
    pt_check_free(c);
    pt_status_free(st);
    pt_set_free(set);
    pt_diags_free(d);
    unlink(path);
}

int main(void)
{
    snprintf(tmp, sizeof tmp, "/tmp/pt-check-XXXXXX");
    if (!mkdtemp(tmp))
        return 1;
    test_find_obligation();
    test_scenario("2021-06-15");
    test_scenario("2021-12-16");
    test_details();
    test_agency_filter();
    test_rates();
    test_compile_reports();
    test_mistakes();
    test_directory();
    test_json_strings();
    const char *names[] = {"a.yaml", "b.yaml", "c.csv", "d.yaml"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char p[256];
        snprintf(p, sizeof p, "%s/%s", tmp, names[i]);
        unlink(p);
    }
    rmdir(tmp);
    DONE();
}
