/* Unit tests of the core modules: dates, diagnostics, text folding, the
 * hash map, YAML loading limits and positions. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "plantrack.h"

static void test_dates(void)
{
    pt_date d;
    CHECK_INT(pt_date_make(&d, 1970, 1, 1), 0);
    CHECK_INT(d, 0);
    CHECK_INT(pt_date_make(&d, 2020, 5, 19), 0);
    CHECK_INT(pt_date_weekday(d), 1); /* a Tuesday */
    char buf[11];
    pt_date_iso(d, buf);
    CHECK_STR(buf, "2020-05-19");
    pt_date_vn(d, buf);
    CHECK_STR(buf, "19/05/2020");
    CHECK_INT(pt_date_make(&d, 2021, 2, 29), -1);
    CHECK_INT(pt_date_make(&d, 2024, 2, 29), 0);
    CHECK_INT(pt_date_make(&d, 2021, 4, 31), -1);
    CHECK_INT(pt_date_make(&d, 2021, 13, 1), -1);
    CHECK_INT(pt_date_parse(&d, "20/5/2020"), 0);
    pt_date_iso(d, buf);
    CHECK_STR(buf, "2020-05-20");
    CHECK_INT(pt_date_parse(&d, " 2020-05-20 "), 0);
    CHECK_INT(pt_date_parse(&d, "20.05.2020"), 0);
    CHECK_INT(pt_date_parse(&d, "31/2/2021"), -2);
    CHECK_INT(pt_date_parse(&d, "20/5"), -1);
    CHECK_INT(pt_date_parse(&d, "2020/05/20"), -1);
    /* every day of 2016-2027 round-trips and weekdays advance by one */
    pt_date a, b;
    pt_date_make(&a, 2016, 1, 1);
    pt_date_make(&b, 2027, 12, 31);
    int bad = 0;
    for (pt_date x = a; x <= b; x++) {
        int y, m, dd;
        pt_date_ymd(x, &y, &m, &dd);
        pt_date back;
        if (pt_date_make(&back, y, m, dd) != 0 || back != x ||
            pt_date_weekday(x + 1) != (pt_date_weekday(x) + 1) % 7)
            bad++;
    }
    CHECK_INT(bad, 0);
    int y = 2021, m = 11;
    pt_month_add(&y, &m, 3);
    CHECK_INT(y, 2022);
    CHECK_INT(m, 2);
    pt_month_add(&y, &m, -14);
    CHECK_INT(y, 2020);
    CHECK_INT(m, 12);
}

static void check_fold(const char *a, const char *b, int equal)
{
    char *x = pt_fold(a, strlen(a)), *y = pt_fold(b, strlen(b));
    CHECK(x && y);
    if (x && y && (strcmp(x, y) == 0) != equal)
        fprintf(stderr, "fold('%s')='%s' fold('%s')='%s'\n", a, x, b, y);
    CHECK(x && y && (strcmp(x, y) == 0) == equal);
    free(x);
    free(y);
}

static void test_text(void)
{
    check_fold("Hoà Bình", "hòa bình", 1);
    check_fold("thuý", "THÚY", 1);
    check_fold("Uỷ ban", "Ủy ban", 1);
    check_fold("khoẻ", "khỏe", 1);
    check_fold("Sở Lao động - Thương binh và Xã hội", "Sở Lao động – Thương binh và Xã hội", 1);
    check_fold("Sở Lao động - Thương binh và Xã hội", "sở lao động thương binh và xã hội", 1);
    check_fold("Sở LĐTB&XH", "Sở LĐTB-XH", 1);
    check_fold("hòa", "hoa", 0);
    check_fold("Đống Đa", "Dong Da", 0);
    /* decomposed input folds like composed input */
    check_fold("ho\xcc\x80\x61", "hòa", 1);
    char *f = pt_fold("  UBND   quận Ba Đình. ", strlen("  UBND   quận Ba Đình. "));
    char *g = pt_fold("ubnd quận ba đình", strlen("ubnd quận ba đình"));
    CHECK_STR(f, g);
    free(f);
    free(g);
    char *n = pt_nfc("ho\xcc\x80\x61", 5);
    CHECK_STR(n, "hòa");
    free(n);
    CHECK_INT(pt_text_width("Sở Lao động"), 11);
    CHECK_INT(pt_utf8_chars("Đình", 6), 4);
    size_t bad = 0;
    CHECK(!pt_utf8_valid("ab\xff", 3, &bad));
    CHECK_INT(bad, 2);
    CHECK_INT(pt_edit_distance("so-ldtbxh", "so-ldtbx", 5), 1);
    CHECK_INT(pt_edit_distance("kitten", "sitting", 5), 3);
    CHECK_INT(pt_edit_distance("titel", "title", 5), 1);
    const char *cands[] = {"so-ldtbxh", "so-gddt", "so-yte"};
    CHECK_STR(pt_suggest("so-gdt", cands, 3), "so-gddt");
    CHECK(pt_suggest("ubnd-tp", cands, 3) == NULL);
    char hint[64];
    pt_did_you_mean(hint, sizeof hint, "so-yte");
    CHECK_STR(hint, "; did you mean 'so-yte'?");
}

static void test_map_and_buf(void)
{
    pt_map m = PT_MAP_INIT;
    char keys[2000][8];
    for (int i = 0; i < 2000; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        CHECK_INT(pt_map_put(&m, keys[i], strlen(keys[i]), (uint32_t)i * 3), 0);
    }
    int bad = 0;
    for (int i = 0; i < 2000; i++) {
        uint32_t v;
        if (!pt_map_get(&m, keys[i], strlen(keys[i]), &v) || v != (uint32_t)i * 3)
            bad++;
    }
    CHECK_INT(bad, 0);
    CHECK(!pt_map_get(&m, "nope", 4, NULL));
    pt_map_release(&m);
    pt_buf b = PT_BUF_INIT;
    pt_buf_json_str(&b, "a\"b\\c\nd\x01");
    CHECK_STR(b.data, "\"a\\\"b\\\\c\\nd\\u0001\"");
    pt_buf_clear(&b);
    pt_buf_json_str(&b, "\r\t\x1f\x7f Hoà");   /* DEL and UTF-8 pass as they are */
    pt_buf_json_str(&b, NULL);
    CHECK_STR(b.data, "\"\\r\\t\\u001f\x7f Hoà\"null");
    pt_buf_release(&b);
    pt_arena *a = pt_arena_new();
    char *s = pt_arena_printf(a, "%s-%d", "x", 42);
    CHECK_STR(s, "x-42");
    pt_arena_free(a);
}

static pt_doc *load(const char *text, pt_diags *d)
{
    return pt_doc_load_buffer("t.yaml", text, strlen(text), d);
}

static void expect_diag(const char *text, const char *want_code, int line, int col)
{
    pt_diags *d = pt_diags_new();
    pt_doc *doc = load(text, d);
    CHECK(doc == NULL);
    CHECK(pt_diags_count(d) >= 1);
    if (pt_diags_count(d) >= 1) {
        const pt_diag *g = pt_diags_get(d, 0);
        CHECK_STR(pt_msg_code(g->msg), want_code);
        CHECK_INT(g->line, line);
        CHECK_INT(g->col, col);
    }
    pt_doc_free(doc);
    pt_diags_free(d);
}

static void test_yaml(void)
{
    pt_diags *d = pt_diags_new();
    pt_doc *doc = load("a: 1\nb: [x, 'y z']\nc:\n  d: \"Đình\"\n", d);
    CHECK(doc != NULL);
    const pt_node *root = pt_doc_root(doc);
    CHECK_INT(root->type, PT_NODE_MAP);
    CHECK_INT(root->n, 3);
    const pt_node *b = pt_node_get(root, "b");
    CHECK_INT(b->type, PT_NODE_SEQ);
    CHECK_INT(b->items[1]->line, 2);
    CHECK_INT(b->items[1]->col, 8);
    CHECK_STR(b->items[1]->str, "y z");
    CHECK_INT(b->items[1]->style, PT_STYLE_SINGLE);
    const pt_node *dd = pt_node_get(pt_node_get(root, "c"), "d");
    CHECK_STR(dd->str, "Đình");
    CHECK_INT(dd->col, 6);
    pt_doc_free(doc);

    /* positions inside scalars: plain, quoted, folded across lines */
    doc = load("due: trước ngày 31/2/2021\nq: \"x ''ab\"\nf: >\n  một hai\n  ba 31/2\n", d);
    CHECK(doc != NULL);
    root = pt_doc_root(doc);
    int line, col;
    const pt_node *due = pt_node_get(root, "due");
    pt_node_pos(doc, due, strlen("trước ngày "), &line, &col);
    CHECK_INT(line, 1);
    CHECK_INT(col, 17);
    const pt_node *f = pt_node_get(root, "f");
    CHECK_STR(f->str, "một hai ba 31/2\n");
    pt_node_pos(doc, f, strlen("một hai ba "), &line, &col);
    CHECK_INT(line, 5);
    CHECK_INT(col, 6);
    pt_doc_free(doc);

    const char *known[] = {"plan", "title", "tasks", NULL};
    doc = load("plan: x\ntitel: y\nplan: z\n", d);
    CHECK_INT(pt_node_check_keys(doc, pt_doc_root(doc), known, "plan", d), 2);
    pt_diags_sort(d);
    CHECK_STR(pt_diags_get(d, 0)->text, "unknown key 'titel' in plan; did you mean 'title'?");
    CHECK_STR(pt_diags_get(d, 1)->text, "key 'plan' appears twice in plan");
    CHECK_INT(pt_diags_get(d, 1)->line, 3);
    pt_doc_free(doc);
    pt_diags_free(d);

    expect_diag("a: [1, 2\n", "PT1006", 2, 1);
    expect_diag("a: \xff\n", "PT1005", 1, 4);
    {
        pt_diags *dn = pt_diags_new();
        CHECK(pt_doc_load_buffer("t.yaml", "a: b\0c\n", 7, dn) == NULL);
        CHECK(pt_diags_count(dn) == 1 && pt_diags_get(dn, 0)->col == 5 &&
              strcmp(pt_msg_code(pt_diags_get(dn, 0)->msg), "PT1004") == 0);
        pt_diags_free(dn);
    }
    expect_diag("# only a comment\n", "PT1003", 1, 1);
    expect_diag("a: *nope\n", "PT1009", 1, 4);
    expect_diag("---\na: 1\n---\nb: 2\n", "PT1015", 3, 1);

    /* nesting deeper than 64 */
    char deep[200];
    memset(deep, '[', 100);
    deep[100] = '\0';
    expect_diag(deep, "PT1007", 1, 65);

    /* an alias bomb: each level doubles */
    pt_buf bomb = PT_BUF_INIT;
    pt_buf_adds(&bomb, "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 30; i++)
        pt_buf_printf(&bomb, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n",
                      i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
    pt_diags *d2 = pt_diags_new();
    doc = load(bomb.data, d2);
    CHECK(doc == NULL);
    CHECK(pt_diags_count(d2) == 1 && strcmp(pt_msg_code(pt_diags_get(d2, 0)->msg), "PT1008") == 0);
    pt_diags_free(d2);
    pt_buf_release(&bomb);
}

static void test_diags(void)
{
    pt_diags *d = pt_diags_new();
    pt_diag_add(d, PT_E_EMPTY, "b.yaml", 3, 1);
    pt_diag_add(d, PT_E_EMPTY, "a.yaml", 9, 2);
    pt_diag_add(d, PT_E_EMPTY, "b.yaml", 1, 5);
    pt_diag_add(d, PT_E_EMPTY, "b.yaml", 1, 5);
    pt_diags_sort(d);
    CHECK_INT(pt_diags_count(d), 3);
    CHECK_INT(pt_diags_errors(d), 3);
    CHECK_STR(pt_diags_get(d, 0)->file, "b.yaml");
    CHECK_INT(pt_diags_get(d, 0)->line, 1);
    CHECK_STR(pt_diags_get(d, 2)->file, "a.yaml");
    CHECK_STR(pt_msg_code(PT_E_EMPTY), "PT1003");
    /* every code is unique */
    int dup = 0;
    for (int i = 0; i < PT_MSG_COUNT; i++)
        for (int j = i + 1; j < PT_MSG_COUNT; j++)
            dup += pt_msg_number((pt_msg)i) == pt_msg_number((pt_msg)j);
    CHECK_INT(dup, 0);

    /* moving a worker's list keeps order, counts and file names */
    pt_diags *w = pt_diags_new();
    pt_diag_add(w, PT_E_EMPTY, "c.yaml", 2, 1);
    pt_diag_add(w, PT_W_GROUP_EMPTY, "c.yaml", 4, 3, "g");
    pt_diags_move(d, w);
    CHECK_INT(pt_diags_count(w), 0);
    CHECK_INT(pt_diags_errors(w), 0);
    CHECK_INT(pt_diags_count(d), 5);
    CHECK_INT(pt_diags_errors(d), 4);
    CHECK_INT(pt_diags_warnings(d), 1);
    CHECK_STR(pt_diags_get(d, 3)->file, "c.yaml");
    CHECK_INT(pt_diags_get(d, 4)->line, 4);
    pt_diags_free(w);
    pt_diags_free(d);

    /* a culprit longer than the message buffer is cut before a character,
     * never inside one: 'ệ' is three bytes, and every offset is tried */
    for (int pad = 0; pad < 3; pad++) {
        char name[1400];
        size_t n = 0;
        for (int i = 0; i < pad; i++)
            name[n++] = 'x';
        while (n + 3 < sizeof name) {
            memcpy(name + n, "\xE1\xBB\x87", 3);
            n += 3;
        }
        name[n] = '\0';
        pt_diags *dl = pt_diags_new();
        pt_diag_add(dl, PT_W_GROUP_EMPTY, "r.yaml", 1, 1, name);
        const char *t = pt_diags_get(dl, 0)->text;
        size_t bad = 0;
        CHECK(strlen(t) > 1000 && strlen(t) < 1024);
        CHECK(pt_utf8_valid(t, strlen(t), &bad));
        pt_diags_free(dl);
    }
}

int main(void)
{
    test_dates();
    test_text();
    test_map_and_buf();
    test_yaml();
    test_diags();
    DONE();
}
