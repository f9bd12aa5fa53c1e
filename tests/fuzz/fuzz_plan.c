/* fuzz_plan.c - libFuzzer target for plan files (pt_plan.h), end to end.
 *
 * The plan loader takes a path (it resolves `registry:` and `calendar:`
 * against the plan's directory), so the input is written as p.yaml into a
 * private temporary directory that also holds:
 *   r.yaml                   a small fixed registry (agencies a, b, c-d;
 *                            groups g, k), for inputs written by hand
 *   c.yaml                   a small fixed calendar
 *   registries/NAME.yaml,    copies of the shipped registries and calendar,
 *   calendars/vn.yaml,       and of the template registry, so that the
 *   registry.yaml            shipped plans and the template plan (seeds)
 *                            load as they do in the tree
 * Then the plan is loaded into a fresh set and compiled as of 2021-06-30;
 * when that succeeds the obligations are checked for consistency, and every
 * consumer runs on them: the compile JSON and text, a check with no status,
 * its JSON, text and CSV, iCalendar, and explain for the first 16 tasks.
 * Built with -fsanitize=fuzzer; tests/fuzz/replay_main.c replays the corpus
 * in tests/fuzz/corpus/plan without libFuzzer. */
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

static const char calendar_yaml[] =
    "calendar: c\n"
    "weekend: [sat, sun]\n"
    "holidays:\n"
    "  - 2021-01-01\n"
    "  - {date: 2021-02-10, name: Tết Nguyên đán}\n"
    "  - {date: 2021-04-21, name: Giỗ Tổ Hùng Vương}\n"
    "  - 2021-04-30\n"
    "  - 2021-09-02\n"
    "workdays:\n"
    "  - {date: 2021-02-20, name: làm bù}\n";

static char dir[PATH_MAX];
static char plan_path[PATH_MAX];

static void copy_file(const char *from, const char *to)
{
    char *buf = NULL;
    size_t len = 0;
    if (pt_read_file(&buf, &len, from, (size_t)16 << 20) == 0)
        write_file(to, buf, len);
    free(buf);
}

/* Copies the *.yaml files of SRC/plans/<sub> into DIR/<sub>. */
static void copy_dir(const char *sub)
{
    char src[PATH_MAX], dst[PATH_MAX];
    char plans[PATH_MAX];
    path_of(plans, sizeof plans, PT_SOURCE_DIR, "plans");
    path_of(src, sizeof src, plans, sub);
    path_of(dst, sizeof dst, dir, sub);
    mkdir(dst, 0700);
    DIR *dp = opendir(src);
    if (!dp)
        return;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.' || n < 6 || strcmp(e->d_name + n - 5, ".yaml") != 0)
            continue;
        char f[PATH_MAX * 2], t[PATH_MAX * 2];
        path_of(f, sizeof f, src, e->d_name);
        path_of(t, sizeof t, dst, e->d_name);
        copy_file(f, t);
    }
    closedir(dp);
}

static void cleanup(void)
{
    if (dir[0])
        remove_tree(dir);
}

static void setup(void)
{
    if (dir[0])
        return;
    scratch_dir(dir, sizeof dir, "plan");
    atexit(cleanup);
    char path[PATH_MAX * 2];
    path_of(path, sizeof path, dir, "r.yaml");
    write_file(path, registry_yaml, sizeof registry_yaml - 1);
    path_of(path, sizeof path, dir, "c.yaml");
    write_file(path, calendar_yaml, sizeof calendar_yaml - 1);
    copy_dir("registries");
    copy_dir("calendars");
    char from[PATH_MAX * 2];
    path_of(from, sizeof from, PT_SOURCE_DIR, "templates/registry.yaml");
    path_of(path, sizeof path, dir, "registry.yaml");
    copy_file(from, path);
    path_of(plan_path, sizeof plan_path, dir, "p.yaml");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setup();
    return 0;
}

static void check_obligations(const pt_set *set)
{
    const pt_obligation *ob = pt_set_obligations(set);
    size_t n = pt_set_obligation_count(set);
    for (size_t i = 0; i < n; i++) {
        if (ob[i].plan >= pt_set_plan_count(set))
            abort();
        const pt_plan *p = pt_set_plan(set, ob[i].plan);
        if (ob[i].task >= p->n_tasks || ob[i].agency >= pt_registry_count(p->registry))
            abort();
        const pt_task *t = &p->tasks[ob[i].task];
        if (ob[i].occ >= t->n_occ)
            abort();
        bool lead = false;
        for (size_t k = 0; k < t->n_lead; k++)
            lead |= t->lead[k] == ob[i].agency;
        if (!lead)
            abort(); /* an obligation for an agency not assigned the task */
        const pt_occurrence *o = &t->occ[ob[i].occ];
        if (o->due != PT_DATE_NONE && p->roll && pt_calendar_is_off(p->calendar, o->due))
            abort(); /* rolled forward onto a day off */
        if (o->due != PT_DATE_NONE && o->nominal != PT_DATE_NONE && o->due < o->nominal)
            abort(); /* rolled backwards */
        (void)pt_set_agency_label(set, p->registry, ob[i].agency);
    }
}

static void consumers(pt_set *set, pt_diags *d)
{
    pt_buf out = PT_BUF_INIT;
    pt_report_compile_json(&out, set);
    pt_buf_clear(&out);
    pt_report_compile_text(&out, set, 0, "vi");
    pt_buf_clear(&out);

    pt_status *st = pt_status_new();
    pt_check_opts opts = PT_CHECK_OPTS_INIT;
    pt_date_make(&opts.as_of, 2021, 6, 30);
    pt_check *c = st ? pt_check_run(set, st, &opts, d) : NULL;
    if (c) {
        pt_report_check_json(&out, c);
        pt_buf_clear(&out);
        pt_report_check_text(&out, c, "en");
        pt_buf_clear(&out);
        pt_report_check_csv(&out, c);
        pt_buf_clear(&out);
        pt_ical_write(&out, c, false, "vi");
        pt_buf_clear(&out);
    }
    pt_check_free(c);
    pt_status_free(st);

    for (size_t i = 0; i < pt_set_plan_count(set); i++) {
        const pt_plan *p = pt_set_plan(set, i);
        for (size_t t = 0; t < p->n_tasks && t < 16; t++) {
            pt_explain_request req = {p->tasks[t].id, NULL, NULL, NULL, t % 2 ? "en" : "vi"};
            pt_report_explain_task(&out, set, &req, d);
            pt_buf_clear(&out);
        }
    }
    pt_buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    if (write_file(plan_path, data, size) != 0)
        abort();
    pt_diags *d = pt_diags_new();
    pt_set *set = pt_set_new();
    if (!d || !set) {
        pt_diags_free(d);
        pt_set_free(set);
        return 0;
    }
    pt_date as_of;
    pt_date_make(&as_of, 2021, 6, 30);
    int rc = pt_set_load_plan(set, plan_path, d);
    if ((rc == 0) != (pt_diags_errors(d) == 0))
        abort(); /* the return code and the diagnostics disagree */
    if (rc == 0 && pt_set_compile(set, as_of, d) == 0) {
        if (pt_diags_errors(d) != 0)
            abort();
        check_obligations(set);
        consumers(set, d);
    }
    pt_diags_sort(d);
    for (size_t i = 0; i < pt_diags_count(d); i++) {
        const pt_diag *g = pt_diags_get(d, i);
        if (!g->text || !g->file)
            abort();
    }
    if (verbose())
        print_diags(d);
    pt_set_free(set);
    pt_diags_free(d);
    return 0;
}
