/* Unit tests of registries and plans: loading, folding look-ups, groups,
 * path rules, and compiling obligations in order. Files are written into a
 * temporary directory. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "plantrack.h"

static char dir[64];

static void put(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static const char *path_of(const char *name)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static const char registry[] =
    "registry: hn\n"
    "name: Hà Nội\n"
    "agencies:\n"
    "  - {id: so-ldtbxh, name: Sở Lao động - Thương binh và Xã hội, short: Sở LĐTB&XH, kind: so}\n"
    "  - {id: so-gddt, name: Sở Giáo dục và Đào tạo, kind: so}\n"
    "  - {id: q-ba-dinh, name: UBND quận Ba Đình, kind: ubnd-huyen}\n"
    "  - {id: h-ung-hoa, name: UBND huyện Ứng Hòa, aliases: [Ứng Hoà], kind: ubnd-huyen}\n"
    "groups:\n"
    "  quan-huyen: {kind: ubnd-huyen}\n"
    "  so: [so-ldtbxh, so-gddt]\n"
    "  tat-ca: [so, quan-huyen]\n";

static void test_registry(void)
{
    put("reg.yaml", registry);
    pt_diags *d = pt_diags_new();
    pt_doc *doc = pt_doc_load_file(path_of("reg.yaml"), d);
    pt_registry *r = pt_registry_from_doc(doc, d);
    pt_doc_free(doc);
    CHECK(r != NULL);
    CHECK_INT(pt_diags_count(d), 0);
    CHECK_INT(pt_registry_count(r), 4);
    CHECK_STR(pt_registry_find(r, "Sở Lao động – Thương binh và Xã hội")->id, "so-ldtbxh");
    CHECK_STR(pt_registry_find(r, "sở lđtb&xh")->id, "so-ldtbxh");
    CHECK_STR(pt_registry_find(r, "UBND huyện Ứng Hoà")->id, "h-ung-hoa");
    CHECK_STR(pt_registry_find(r, "q-ba-dinh")->id, "q-ba-dinh");
    CHECK(pt_registry_find(r, "UBND quận Hoàn Kiếm") == NULL);
    const uint32_t *ix;
    size_t n;
    CHECK(pt_registry_expand(r, "tat-ca", &ix, &n));
    CHECK_INT(n, 4);
    CHECK(pt_registry_expand(r, "quan-huyen", &ix, &n));
    CHECK_INT(n, 2);
    CHECK_INT(ix[0], 2);
    CHECK_STR(pt_registry_suggest(r, "so-ldtbx"), "so-ldtbxh");
    pt_registry_free(r);

    /* a name that folds onto another, and a group cycle */
    put("bad.yaml", "registry: x\nagencies:\n"
                    "  - {id: a, name: Hoà Bình}\n"
                    "  - {id: b, name: Hòa Bình}\n"
                    "groups:\n  g1: [g2]\n  g2: [g1]\n");
    doc = pt_doc_load_file(path_of("bad.yaml"), d);
    r = pt_registry_from_doc(doc, d);
    pt_doc_free(doc);
    CHECK(r == NULL);
    pt_diags_sort(d);
    CHECK(pt_diags_errors(d) >= 2);
    CHECK_STR(pt_msg_code(pt_diags_get(d, 0)->msg), "PT2003");
    CHECK_INT(pt_diags_get(d, 0)->line, 4);
    int cycles = 0;
    for (size_t i = 0; i < pt_diags_count(d); i++)
        cycles += pt_diags_get(d, i)->msg == PT_E_GROUP_CYCLE;
    CHECK(cycles >= 1);
    pt_diags_free(d);

    /* The cap on expanded members counts distinct members: a group naming
     * one 2,000-agency group 2,001 times (4 million raw entries) and one
     * naming 1,000 overlapping groups are fine. */
    pt_buf y = PT_BUF_INIT;
    pt_buf_adds(&y, "registry: big\nagencies:\n");
    for (int i = 0; i < 2000; i++)
        pt_buf_printf(&y, "  - {id: a%d, name: Đơn vị %d, kind: so}\n", i, i);
    pt_buf_adds(&y, "groups:\n  all: {kind: so}\n  twice: [all");
    for (int i = 0; i < 2000; i++)
        pt_buf_adds(&y, ", all");
    pt_buf_adds(&y, "]\n");
    for (int i = 0; i < 1000; i++)
        pt_buf_printf(&y, "  o%d: [all, a%d]\n", i, i);
    pt_buf_adds(&y, "  many: [o0");
    for (int i = 1; i < 1000; i++)
        pt_buf_printf(&y, ", o%d", i);
    pt_buf_adds(&y, "]\n");
    put("big.yaml", y.data);
    pt_buf_release(&y);
    d = pt_diags_new();
    doc = pt_doc_load_file(path_of("big.yaml"), d);
    r = pt_registry_from_doc(doc, d);
    pt_doc_free(doc);
    CHECK(r != NULL);
    CHECK_INT(pt_diags_count(d), 0);
    CHECK(r && pt_registry_expand(r, "twice", &ix, &n));
    CHECK_INT(n, 2000);
    CHECK(r && pt_registry_expand(r, "many", &ix, &n));
    CHECK_INT(n, 2000);
    pt_registry_free(r);
    pt_diags_free(d);
}

static void test_plan(void)
{
    put("reg.yaml", registry);
    put("plan.yaml",
        "plan: p1\n"
        "title: Kế hoạch thử\n"
        "issued: 2020-05-01\n"
        "registry: reg.yaml\n"
        "tasks:\n"
        "  - id: IV.1\n"
        "    title: Xây dựng kế hoạch\n"
        "    kind: plan\n"
        "    lead: [tat-ca]\n"
        "    report_to: so-ldtbxh\n"
        "    due: trước ngày 20/5/2020\n"
        "  - id: IV.2\n"
        "    lead: [quan-huyen, q-ba-dinh]\n"
        "    due: khẩn trương\n");
    pt_diags *d = pt_diags_new();
    pt_set *s = pt_set_new();
    CHECK_INT(pt_set_load_plan(s, path_of("plan.yaml"), d), 0);
    pt_date as_of;
    pt_date_make(&as_of, 2020, 6, 1);
    CHECK_INT(pt_set_compile(s, as_of, d), 0);
    CHECK_INT(pt_diags_errors(d), 0);
    CHECK_INT(pt_set_plan_count(s), 1);
    const pt_plan *p = pt_set_plan(s, 0);
    CHECK_STR(p->id, "p1");
    CHECK_INT(p->n_tasks, 2);
    CHECK_INT(p->tasks[1].n_lead, 2);
    CHECK_INT(p->tasks[0].report_to, 0);
    /* 4 agencies x IV.1 + 2 x IV.2, sorted by agency id then task */
    CHECK_INT(pt_set_obligation_count(s), 6);
    const pt_obligation *ob = pt_set_obligations(s);
    const char *order[6];
    for (int i = 0; i < 6; i++)
        order[i] = pt_registry_agency(p->registry, ob[i].agency)->id;
    CHECK_STR(order[0], "h-ung-hoa");
    CHECK_STR(order[2], "q-ba-dinh");
    CHECK_INT(ob[2].task, 0);
    CHECK_INT(ob[3].task, 1);
    CHECK_STR(order[4], "so-gddt");
    char buf[11];
    pt_date_iso(p->tasks[0].occ[0].due, buf);
    CHECK_STR(buf, "2020-05-19");
    CHECK(p->tasks[1].occ[0].due == PT_DATE_NONE);
    CHECK_STR(pt_set_agency_label(s, p->registry, 0), "so-ldtbxh");
    pt_set_free(s);
    pt_diags_free(d);
}

/* A default that gives only the day ("trước ngày 20" under month:) is the
 * period's day; one that is no deadline even then keeps its own message. */
static void test_defaults_day_only(void)
{
    put("reg.yaml", registry);
    put("plan.yaml",
        "plan: p1\n"
        "title: Báo cáo tháng\n"
        "issued: 2020-01-05\n"
        "period: năm 2020\n"
        "registry: reg.yaml\n"
        "defaults: {month: trước ngày 20, quarter: chậm nhất ngày 18}\n"
        "tasks:\n"
        "  - id: '1'\n"
        "    lead: [so-gddt]\n"
        "    due: hằng tháng\n"
        "  - id: '2'\n"
        "    lead: [so-gddt]\n"
        "    due: hằng quý\n");
    pt_diags *d = pt_diags_new();
    pt_set *s = pt_set_new();
    CHECK_INT(pt_set_load_plan(s, path_of("plan.yaml"), d), 0);
    CHECK_INT(pt_set_compile(s, PT_DATE_NONE, d), 0);
    CHECK_INT(pt_diags_errors(d) + pt_diags_warnings(d), 0);
    const pt_plan *p = pt_set_plan(s, 0);
    char buf[11];
    CHECK_INT(p->tasks[0].n_occ, 12);
    pt_date_iso(p->tasks[0].occ[1].due, buf);
    CHECK_STR(buf, "2020-02-19");           /* before the 20th: the 19th, a Wednesday */
    CHECK_INT(p->tasks[1].n_occ, 4);
    pt_date_iso(p->tasks[1].occ[0].due, buf);
    CHECK_STR(buf, "2020-03-18");           /* the 18th of the quarter's last month */
    pt_set_free(s);
    pt_diags_free(d);
}

static void expect_plan_error(const char *text, const char *code, int line, int col)
{
    put("e.yaml", text);
    pt_diags *d = pt_diags_new();
    pt_set *s = pt_set_new();
    CHECK_INT(pt_set_load_plan(s, path_of("e.yaml"), d), -1);
    pt_diags_sort(d);
    CHECK(pt_diags_errors(d) >= 1);
    if (pt_diags_count(d)) {
        const pt_diag *g = pt_diags_get(d, 0);
        CHECK_STR(pt_msg_code(g->msg), code);
        CHECK_INT(g->line, line);
        CHECK_INT(g->col, col);
        if (strcmp(pt_msg_code(g->msg), code) != 0)
            fprintf(stderr, "  message: %s\n", g->text);
    }
    pt_set_free(s);
    pt_diags_free(d);
}

static void test_plan_errors(void)
{
    put("reg.yaml", registry);
    expect_plan_error("plan: p\ntitle: t\nregistry: /etc/passwd\ntasks: [{id: a, lead: [so]}]\n",
                      "PT3005", 3, 11);
    expect_plan_error("plan: p\ntitle: t\nregistry: ../reg.yaml\ntasks: [{id: a, lead: [so]}]\n",
                      "PT3006", 3, 11);
    expect_plan_error("plan: p\ntitle: t\nregistry: nope.yaml\ntasks: [{id: a, lead: [so]}]\n",
                      "PT3007", 3, 11);
    expect_plan_error("plan: p\ntitle: t\nregistry: reg.yaml\ntasks: [{id: a, lead: [so-gdt]}]\n",
                      "PT3003", 4, 24);
    expect_plan_error("plan: p\ntitle: t\nregistry: reg.yaml\ntasks: [{id: a, lead: []}]\n",
                      "PT3004", 4, 23);
    expect_plan_error("plan: P1\ntitle: t\nregistry: reg.yaml\ntasks: [{id: a, lead: [so]}]\n",
                      "PT2001", 1, 7);
    expect_plan_error("plan: p\ntitle: t\nregistry: reg.yaml\ntasks:\n  - {id: a, lead: [so]}\n  - {id: a, lead: [so]}\n",
                      "PT3002", 6, 10);
    expect_plan_error("plan: p\ntitle: t\nregistry: reg.yaml\ntasks: [{id: a, lead: [so], kind: bao-cao}]\n",
                      "PT3008", 4, 35);
    /* a misspelt key is reported once, as unknown with its did-you-mean,
     * not also as the missing key it was meant to be */
    expect_plan_error("plan: p\ntitel: t\nregistry: reg.yaml\ntasks: [{id: a, lead: [so]}]\n",
                      "PT1010", 2, 1);
    expect_plan_error("plan: p\nregistry: reg.yaml\ntasks: [{id: a, lead: [so]}]\n",
                      "PT1013", 1, 1);
    mkdir(path_of("sub"), 0755);
    expect_plan_error("plan: p\ntitle: t\nregistry: sub\ntasks: [{id: a, lead: [so]}]\n",
                      "PT1017", 3, 11);
}

int main(void)
{
    strcpy(dir, "/tmp/pt-unit-XXXXXX");
    if (!mkdtemp(dir))
        return 2;
    test_registry();
    test_plan();
    test_defaults_day_only();
    test_plan_errors();
    expect_plan_error("plan: p\ntitle: t\nregistry: reg.yaml\ndefaults: {month: xyz}\n"
                      "tasks: [{id: a, lead: [so]}]\n", "PT4002", 4, 19);
    /* a day-only default is read as a day: its mistake is pointed at */
    expect_plan_error("plan: p\ntitle: t\nregistry: reg.yaml\ndefaults: {month: trước ngày 32}\n"
                      "tasks: [{id: a, lead: [so]}]\n", "PT4001", 4, 30);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    DONE();
}
