/* fake_check.c - a synthetic pt_check for the render scale and split tests.
 *
 * pt_render reads a check only through the accessors of pt_check.h (and a
 * few of pt_plan.h, pt_status.h, pt_deadline.h). This file implements
 * exactly those over generated data, so that pt_render.c can be measured
 * alone: A agencies x T tasks x P monthly periods obligations, with every
 * status present. It is linked with pt_render.c and the base modules only,
 * never with the real pt_check.c.
 *
 * usage: fake_render OUT_DIR AGENCIES TASKS PERIODS [--max-rows N] [--lang L]
 *                    [--limit-seconds S] [--limit-cpu-seconds S] [--limit-mib M]
 * --limit-seconds bounds the wall-clock time, which other processes of the
 * machine stretch; --limit-cpu-seconds bounds the processor time the render
 * spends (this process and its child), which on an idle machine bounds the
 * wall-clock time even with one processor.
 * Prints the time and the peak RSS (of this process or of the child process
 * pt_render forks for a big render, whichever is larger); exits 1 when a
 * limit is passed or the render fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "pt_check.h"
#include "pt_deadline.h"
#include "pt_plan.h"
#include "pt_registry.h"
#include "pt_render.h"
#include "pt_status.h"
#include "pt_util.h"

struct pt_registry {
    int unused;
};

struct pt_set {
    pt_plan plan;
    pt_registry reg;
    const char *files[2];
};

struct pt_status {
    const char *files[1];
};

struct pt_check {
    pt_check_opts opts;
    pt_set *set;
    pt_result *res;
    pt_obligation *ob;
    size_t n;
    pt_agency *agencies;
    pt_agency_result *ar;
    size_t na;
    pt_agency_result totals;
    size_t state_count[PT_ST_COUNT];
    pt_arena *arena;
};

static const char *const LABEL_VI[PT_ST_COUNT] = {
    "Đã hoàn thành đúng hạn", "Đã hoàn thành quá hạn", "Chưa hoàn thành, quá hạn",
    "Chưa hoàn thành, sắp đến hạn", "Chưa hoàn thành, trong hạn", "Được miễn",
    "Không có hạn để theo dõi"};
static const char *const LABEL_EN[PT_ST_COUNT] = {"On time", "Late", "Overdue", "Due soon",
                                                   "Open", "Exempt", "Untracked"};
static const char *const NAME[PT_ST_COUNT] = {"on_time", "late", "overdue", "due_soon",
                                               "open", "exempt", "untracked"};

const char *pt_state_name(pt_state s) { return NAME[s]; }
const char *pt_state_label(pt_state s, const char *lang)
{
    return lang && strcmp(lang, "en") == 0 ? LABEL_EN[s] : LABEL_VI[s];
}
const pt_check_opts *pt_check_options(const pt_check *c) { return &c->opts; }
const pt_set *pt_check_set(const pt_check *c) { return c->set; }
size_t pt_check_count(const pt_check *c) { return c->n; }
const pt_result *pt_check_result(const pt_check *c, size_t i) { return &c->res[i]; }
size_t pt_check_agency_count(const pt_check *c) { return c->na; }
const pt_agency_result *pt_check_agency(const pt_check *c, size_t i) { return &c->ar[i]; }
const pt_agency_result *pt_check_totals(const pt_check *c) { return &c->totals; }
size_t pt_check_count_state(const pt_check *c, pt_state s) { return c->state_count[s]; }

size_t pt_set_plan_count(const pt_set *set)
{
    (void)set;
    return 1;
}
const pt_plan *pt_set_plan(const pt_set *set, size_t i)
{
    (void)i;
    return &set->plan;
}
size_t pt_set_registry_count(const pt_set *set)
{
    (void)set;
    return 1;
}
const pt_registry *pt_set_registry(const pt_set *set, size_t i)
{
    (void)i;
    return &set->reg;
}
size_t pt_set_file_count(const pt_set *set)
{
    (void)set;
    return 2;
}
const char *pt_set_file(const pt_set *set, size_t i) { return set->files[i]; }
size_t pt_status_file_count(const pt_status *st)
{
    (void)st;
    return 1;
}
const char *pt_status_file(const pt_status *st, size_t i) { return st->files[i]; }

void pt_period_label_human(char *buf, size_t size, const char *label, const char *lang)
{
    int y = atoi(label), m = atoi(label + 5);
    if (lang && strcmp(lang, "en") == 0)
        snprintf(buf, size, "%d-%02d", y, m);
    else
        snprintf(buf, size, "Tháng %d/%d", m, y);
}

static void make_plan(pt_check *c, size_t nt, size_t np)
{
    pt_arena *a = c->arena;
    pt_plan *p = &c->set->plan;
    p->id = "fake-2021";
    p->title = "Kế hoạch thử nghiệm khả năng xử lý số lượng lớn nhiệm vụ";
    p->kind = "KH";
    p->number = "99/KH-UBND";
    p->issuer = "UBND thành phố Thử nghiệm";
    pt_date_make(&p->issued, 2021, 1, 4);
    p->period_from = p->issued;
    p->period_until = PT_DATE_NONE;
    p->registry = &c->set->reg;
    static const char *basis[] = {"Nghị định số 09/2019/NĐ-CP ngày 24/01/2019 của Chính phủ"};
    p->basis = basis;
    p->n_basis = 1;
    p->path = "plans/fake.yaml";
    pt_task *tasks = pt_arena_alloc(a, nt * sizeof *tasks);
    for (size_t t = 0; t < nt; t++) {
        pt_occurrence *occ = pt_arena_alloc(a, np * sizeof *occ);
        for (size_t k = 0; k < np; k++) {
            snprintf(occ[k].period, sizeof occ[k].period, "%04d-%02d", (int)(2021 + k / 12 % 100),
                     (int)(k % 12 + 1));
            pt_date_make(&occ[k].due, (int)(2021 + k / 12), (int)(k % 12 + 1), 20);
            occ[k].nominal = occ[k].due;
        }
        tasks[t].id = pt_arena_printf(a, "%zu.%zu", t / 10 + 1, t % 10 + 1);
        tasks[t].title = pt_arena_printf(a, "Báo cáo định kỳ hằng tháng về tình hình thực hiện "
                                            "công tác bảo vệ, chăm sóc trẻ em, nội dung số %zu", t + 1);
        tasks[t].due_text = "hằng tháng, trước ngày 20";
        tasks[t].occ = occ;
        tasks[t].n_occ = np;
    }
    p->tasks = tasks;
    p->n_tasks = nt;
}

static void make_agencies(pt_check *c, size_t na)
{
    c->agencies = pt_arena_alloc(c->arena, na * sizeof *c->agencies);
    c->ar = pt_arena_alloc(c->arena, na * sizeof *c->ar);
    c->na = na;
    for (size_t i = 0; i < na; i++) {
        pt_agency *ag = &c->agencies[i];
        ag->id = pt_arena_printf(c->arena, "xa-%05zu", i + 1);
        ag->name = pt_arena_printf(c->arena, "Ủy ban nhân dân xã Thử Nghiệm số %zu", i + 1);
        ag->index = (uint32_t)i;
        c->ar[i].registry = &c->set->reg;
        c->ar[i].agency = ag;
        c->ar[i].label = ag->id;
    }
}

static void make_result(pt_check *c, size_t i, size_t ai, size_t t, size_t k)
{
    pt_result *r = &c->res[i];
    pt_obligation *ob = &c->ob[i];
    const pt_plan *p = &c->set->plan;
    *ob = (pt_obligation){0, (uint32_t)t, (uint32_t)ai, (uint32_t)k};
    r->ob = ob;
    r->plan = p;
    r->task = &p->tasks[t];
    r->agency = &c->agencies[ai];
    r->agency_label = c->ar[ai].label;
    r->occ = &p->tasks[t].occ[k];
    r->state = (pt_state)((ai * 7 + t * 3 + k) % PT_ST_COUNT);
    r->due = r->original_due = r->occ->due;
    r->extended = r->submitted = PT_DATE_NONE;
    if (r->state == PT_ST_ON_TIME || r->state == PT_ST_LATE) {
        r->days_late = r->state == PT_ST_LATE ? (int)(1 + (i % 20)) : 0;
        r->submitted = r->due + (r->state == PT_ST_LATE ? r->days_late : -2);
        r->ref = "123/BC-UBND";
    }
    if (r->state == PT_ST_OVERDUE)
        r->days_overdue = (int)(1 + (i % 90));
    if (r->state == PT_ST_EXEMPT)
        r->exempt = "Không thuộc đối tượng";
    if (r->state == PT_ST_UNTRACKED) {
        r->due = r->original_due = PT_DATE_NONE;
    }
    c->ar[ai].counts[r->state]++;
    c->ar[ai].total++;
    c->totals.counts[r->state]++;
    c->totals.total++;
    c->state_count[r->state]++;
}

static void rates(pt_agency_result *a)
{
    size_t den = a->counts[PT_ST_ON_TIME] + a->counts[PT_ST_LATE] + a->counts[PT_ST_OVERDUE];
    a->rate = den ? (double)a->counts[PT_ST_ON_TIME] / (double)den : -1;
}

static pt_check *make_check(size_t na, size_t nt, size_t np)
{
    pt_check *c = calloc(1, sizeof *c);
    c->arena = pt_arena_new();
    c->set = pt_arena_alloc(c->arena, sizeof *c->set);
    c->set->files[0] = "plans/fake.yaml";
    c->set->files[1] = "plans/registries/fake.yaml";
    pt_check_opts o = PT_CHECK_OPTS_INIT;
    c->opts = o;
    pt_date_make(&c->opts.as_of, 2021, 7, 20);
    make_plan(c, nt, np);
    make_agencies(c, na);
    c->n = na * nt * np;
    c->res = calloc(c->n, sizeof *c->res);
    c->ob = calloc(c->n, sizeof *c->ob);
    size_t i = 0;
    for (size_t a = 0; a < na; a++)
        for (size_t t = 0; t < nt; t++)
            for (size_t k = 0; k < np; k++)
                make_result(c, i++, a, t, k);
    for (size_t a = 0; a < na; a++) {
        rates(&c->ar[a]);
        c->ar[a].rank = (int)a + 1;   /* not by rate: the fake does not rank */
    }
    rates(&c->totals);
    return c;
}

static void free_check(pt_check *c)
{
    free(c->res);
    free(c->ob);
    pt_arena_free(c->arena);
    free(c);
}

static double tv(struct timeval t) { return (double)t.tv_sec + (double)t.tv_usec / 1e6; }

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: fake_render OUT AGENCIES TASKS PERIODS [--max-rows N] "
                        "[--lang L] [--limit-seconds S] [--limit-mib M]\n");
        return 2;
    }
    pt_render_opts ro = {argv[1], "vi", "test", 0};
    double limit_s = 0, limit_cpu = 0, limit_mib = 0;
    for (int i = 5; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--max-rows") == 0)
            ro.max_sheet_rows = (size_t)atol(argv[i + 1]);
        else if (strcmp(argv[i], "--lang") == 0)
            ro.lang = argv[i + 1];
        else if (strcmp(argv[i], "--limit-seconds") == 0)
            limit_s = atof(argv[i + 1]);
        else if (strcmp(argv[i], "--limit-cpu-seconds") == 0)
            limit_cpu = atof(argv[i + 1]);
        else if (strcmp(argv[i], "--limit-mib") == 0)
            limit_mib = atof(argv[i + 1]);
    }
    pt_check *c = make_check((size_t)atol(argv[2]), (size_t)atol(argv[3]),
                             (size_t)atol(argv[4]));
    pt_status st = {{"plans/status/fake.csv"}};
    pt_diags *d = pt_diags_new();
    struct rusage ru0, ru, ch;
    getrusage(RUSAGE_SELF, &ru0);
    double t0 = now();
    int rc = pt_render(c, &st, &ro, d);
    double secs = now() - t0;
    getrusage(RUSAGE_SELF, &ru);
    getrusage(RUSAGE_CHILDREN, &ch);   /* the process that shares a big render */
    double cpu = tv(ru.ru_utime) + tv(ru.ru_stime) - tv(ru0.ru_utime) - tv(ru0.ru_stime) +
                 tv(ch.ru_utime) + tv(ch.ru_stime);
    long kib = ru.ru_maxrss > ch.ru_maxrss ? ru.ru_maxrss : ch.ru_maxrss;
    double mib = (double)kib / 1024.0;
    for (size_t i = 0; i < pt_diags_count(d); i++)
        fprintf(stderr, "%s: %s\n", pt_msg_code(pt_diags_get(d, i)->msg),
                pt_diags_get(d, i)->text);
    printf("obligations %zu, agencies %zu: render %.2f s (processor time %.2f s), "
           "peak RSS %.0f MiB\n", c->n, c->na, secs, cpu, mib);
    int status = rc == 0 ? 0 : 1;
    if (limit_s > 0 && secs > limit_s) {
        fprintf(stderr, "render took %.2f s, more than %.0f s\n", secs, limit_s);
        status = 1;
    }
    if (limit_cpu > 0 && cpu > limit_cpu) {
        fprintf(stderr, "render used %.2f s of processor time, more than %.0f s\n", cpu,
                limit_cpu);
        status = 1;
    }
    if (limit_mib > 0 && mib > limit_mib) {
        fprintf(stderr, "peak RSS %.0f MiB, more than %.0f MiB\n", mib, limit_mib);
        status = 1;
    }
    pt_diags_free(d);
    free_check(c);
    return status;
}
