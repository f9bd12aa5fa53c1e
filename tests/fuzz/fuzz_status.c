/* fuzz_status.c - libFuzzer target for status registers (pt_status.h).
 *
 * Status files are resolved against compiled plans, and pt_status_load
 * takes a path, so the set is built once: the five shipped plans (read in
 * place from PT_SOURCE_DIR/plans) and a small plan `fuzz` written with its
 * registry into a private temporary directory:
 *   t1  one-off, "trước ngày 20/5/2021", lead [a, b]
 *   t2  quarterly, "hằng quý, chậm nhất ngày 18 tháng cuối quý", lead [g]
 *   t3  untracked, "theo quy định", lead [c-d]
 *   t4  monthly map {every: month, day: 20}, lead [b]
 * The set also holds the template plan (templates/plan.yaml, plan
 * vi-du-ke-hoach), so that the template status files resolve. Each input is
 * written twice, as st/s.csv and st/s.yaml, and each file is loaded into a
 * pt_status of its own: the resolved submissions are checked against the
 * set, and when the file loads without an error a check runs on them with
 * its JSON, CSV and text reports.
 * Built with -fsanitize=fuzzer; tests/fuzz/replay_main.c replays the corpus
 * in tests/fuzz/corpus/status without libFuzzer. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plantrack.h"
#include "fuzz_files.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifndef PT_SOURCE_DIR
#define PT_SOURCE_DIR "."
#endif

static const char registry_yaml[] =
    "registry: fuzz\n"
    "name: Fuzz\n"
    "agencies:\n"
    "  - {id: a, name: Sở Lao động - Thương binh và Xã hội, short: Sở LĐTB&XH, kind: so}\n"
    "  - {id: b, name: UBND quận Ba Đình, aliases: [Quận Ba Đình], kind: ubnd-huyen}\n"
    "  - {id: c-d, name: UBND huyện Sóc Sơn, kind: ubnd-huyen}\n"
    "groups:\n"
    "  g: [a, k]\n"
    "  k: {kind: ubnd-huyen}\n";

static const char plan_yaml[] =
    "plan: fuzz\n"
    "title: Kế hoạch thử\n"
    "issued: 2021-01-05\n"
    "period: năm 2021\n"
    "registry: r.yaml\n"
    "tasks:\n"
    "  - {id: t1, lead: [a, b], due: trước ngày 20/5/2021}\n"
    "  - {id: t2, kind: report, lead: [g], due: 'hằng quý, chậm nhất ngày 18 tháng cuối quý'}\n"
    "  - {id: t3, lead: [c-d], due: theo quy định}\n"
    "  - {id: t4, lead: [b], due: {every: month, day: 20}}\n";

static const char *const shipped[] = {
    "plans/hanoi-2017-1554.yaml", "plans/haiphong-2021-03.yaml", "plans/thanhhoa-2017-3410.yaml",
    "plans/hanoi-2020-thang-hanh-dong.yaml", "plans/giaothuy-2019-566.yaml",
    "templates/plan.yaml", NULL,
};

static char dir[PATH_MAX];
static char st_dir[PATH_MAX], csv_path[PATH_MAX], yaml_path[PATH_MAX];
static pt_set *set;

static void cleanup(void)
{
    pt_set_free(set);
    set = NULL;
    if (dir[0])
        remove_tree(dir);
}

static void setup(void)
{
    if (dir[0])
        return;
    scratch_dir(dir, sizeof dir, "status");
    atexit(cleanup);
    char path[PATH_MAX * 2];
    path_of(path, sizeof path, dir, "r.yaml");
    write_file(path, registry_yaml, sizeof registry_yaml - 1);
    path_of(path, sizeof path, dir, "p.yaml");
    write_file(path, plan_yaml, sizeof plan_yaml - 1);
    path_of(st_dir, sizeof st_dir, dir, "st");
    mkdir(st_dir, 0700);
    path_of(csv_path, sizeof csv_path, st_dir, "s.csv");
    path_of(yaml_path, sizeof yaml_path, st_dir, "s.yaml");

    pt_diags *d = pt_diags_new();
    set = pt_set_new();
    if (!d || !set)
        abort();
    for (const char *const *p = shipped; *p; p++) {
        path_of(path, sizeof path, PT_SOURCE_DIR, *p);
        pt_set_load_plan(set, path, d);   /* a plan that fails is left out */
    }
    path_of(path, sizeof path, dir, "p.yaml");
    if (pt_set_load_plan(set, path, d) != 0) {
        fprintf(stderr, "fuzz_status: the fixed plan does not load:\n");
        for (size_t i = 0; i < pt_diags_count(d); i++)
            fprintf(stderr, "  %s:%d:%d: %s\n", pt_diags_get(d, i)->file, pt_diags_get(d, i)->line,
                    pt_diags_get(d, i)->col, pt_diags_get(d, i)->text);
        abort();
    }
    pt_diags_free(d);
    d = pt_diags_new();
    pt_date as_of;
    pt_date_make(&as_of, 2022, 6, 30);
    if (!d || pt_set_compile(set, as_of, d) != 0) {
        fprintf(stderr, "fuzz_status: the plans do not compile\n");
        abort();
    }
    pt_diags_free(d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setup();
    return 0;
}

static void check_submissions(const pt_status *st)
{
    for (size_t i = 0; i < pt_status_count(st); i++) {
        const pt_submission *s = pt_status_get(st, i);
        if (s->plan >= pt_set_plan_count(set))
            abort();
        const pt_plan *p = pt_set_plan(set, s->plan);
        if (s->task >= p->n_tasks || s->agency >= pt_registry_count(p->registry))
            abort();
        const pt_task *t = &p->tasks[s->task];
        if (s->occ >= t->n_occ)
            abort();
        bool lead = false;
        for (size_t k = 0; k < t->n_lead; k++)
            lead |= t->lead[k] == s->agency;
        if (!lead)
            abort(); /* accepted for an agency not assigned the task */
        if (s->date == PT_DATE_NONE && s->extended == PT_DATE_NONE && !s->exempt)
            abort(); /* a record that records nothing */
        if (s->exempt && s->exempt[strspn(s->exempt, " \t\r\n")] == '\0')
            abort(); /* an empty exemption reason */
        if (!s->file || s->line < 1 || s->col < 1)
            abort();
    }
}

/* Loads one status file into a fresh pt_status and, when it loads without
 * an error, checks the submissions and runs the check and its reports. */
static void load_one(const char *path, pt_diags *d)
{
    pt_status *st = pt_status_new();
    if (!st)
        return;
    size_t before = pt_diags_errors(d);
    int rc = pt_status_load(st, set, path, d);
    if ((rc == 0) != (pt_diags_errors(d) == before))
        abort(); /* the return code and the diagnostics disagree */
    check_submissions(st);
    if (pt_status_file_count(st) != 1)
        abort();
    if (rc == 0) {
        pt_check_opts opts = PT_CHECK_OPTS_INIT;
        pt_date_make(&opts.as_of, 2021, 12, 31);
        pt_check *c = pt_check_run(set, st, &opts, d);
        if (!c)
            abort();
        pt_buf out = PT_BUF_INIT;
        pt_report_check_json(&out, c);
        pt_buf_clear(&out);
        pt_report_check_csv(&out, c);
        pt_buf_clear(&out);
        pt_report_check_text(&out, c, "vi");
        pt_buf_release(&out);
        pt_check_free(c);
    }
    pt_status_free(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    if (write_file(csv_path, data, size) != 0 || write_file(yaml_path, data, size) != 0)
        abort();
    pt_diags *d = pt_diags_new();
    if (!d)
        return 0;
    load_one(csv_path, d);
    load_one(yaml_path, d);
    pt_diags_sort(d);
    for (size_t i = 0; i < pt_diags_count(d); i++)
        if (!pt_diags_get(d, i)->text)
            abort();
    if (verbose())
        print_diags(d);
    pt_diags_free(d);
    return 0;
}
