/* pt_render.c - workbooks for leadership (SPEC 6), with libxlsxwriter 1.1.4.
 *
 * pt_render writes OUT/summary.xlsx (Tổng hợp, Ma trận, Chi tiết, Quá hạn,
 * Biểu đồ, Thông tin) and OUT/agencies/<label>.xlsx, one per agency that has
 * obligations.
 *
 * Decisions:
 *  - Every workbook is written in libxlsxwriter's constant_memory mode, with
 *    its temporary files in the output directory: a row goes to disk as soon
 *    as the next one starts, so a million obligations cost no more memory
 *    than ten. The mode is workbook-wide, so every sheet is written strictly
 *    top to bottom (titles, header, rows, totals) and strings are inline
 *    rather than shared.
 *  - Every sheet is written twice by the same code: a pass that measures
 *    each column's display width (pt_text_width, capped, longer text wraps),
 *    then the real one, which knows the widths and so each wrapped row's
 *    height before the row goes out. Excel has no autofit on load, and
 *    LibreOffice does not fit streamed rows either.
 *  - Results are grouped once: one pass maps each result to its agency, a
 *    counting sort gives each agency its obligations (overdue first, most
 *    days first, then in check order). No sheet scans all results per agency.
 *  - Every workbook is first written to a temporary name beside its final
 *    name (".NAME.tmp-PID-N"), reserved with O_EXCL so that an unwritable
 *    directory fails at once with the system's reason. Only when every
 *    workbook closed cleanly are they fsynced and renamed, then the
 *    directories synced. On any failure every file this call created is
 *    removed, and the directories it created (--out and missing parents).
 *  - A big render (FORK_ROWS obligations) is shared with a child process:
 *    both take workbooks (summary.xlsx first) from a counter in shared
 *    memory, so the work runs on two processors. Not threads: libxlsxwriter
 *    1.1.4 is not thread-safe.
 *  - agencies/<label>.xlsx: a label "registry/id" becomes "registry__id".
 *    Ids are [a-z0-9][a-z0-9-]*, so "__" never occurs inside one and two
 *    labels never share a file name (with "-" they could: a/b-c, a-b/c).
 *  - Tổng hợp lists agencies by rank (best on-time rate first; an agency
 *    with no rate yet shows no rank and comes last); Ma trận lists them in
 *    registry order, the order the registry file gives them. The header
 *    cells of the status columns carry the status colours: they are the
 *    legend of that sheet (Ma trận has a legend row, Thông tin a legend).
 *  - Ma trận cells carry a comment with the dates while there are at most
 *    MATRIX_COMMENTS_MAX obligations; above that (VML comments cost about a
 *    kilobyte each) they are left out with a warning: Chi tiết has the dates.
 *  - Chi tiết and Quá hạn continue on "Chi tiết (2)"... when Excel's row
 *    limit is reached; Ma trận continues on "Ma trận (2)" past its column
 *    limit.
 *  - Chi tiết and Quá hạn leave empty cells out (a million rows have
 *    millions of them, a quarter of the writing time) and print the grid
 *    lines instead; agency workbooks write them, with borders.
 *  - "open" (not yet due) has no colour in SPEC 6; it is light blue, so that
 *    every matrix cell that holds an obligation is coloured.
 *  - The plan's number identifies it in the Văn bản column and the footer;
 *    a plan without a number shows its id there and its title in the footer.
 *  - Times New Roman 12, as Vietnamese administrative documents use.
 */
/* MAP_ANONYMOUS (POSIX.1-2024; glibc shows it with _DEFAULT_SOURCE). */
#define _DEFAULT_SOURCE
#include "pt_render.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "pt_deadline.h"
#include "pt_text.h"
#include "pt_util.h"

#define FONT_NAME "Times New Roman"
#define FONT_SIZE 12
#define WIDTH_CAP 60           /* display columns; longer text wraps */
#define WIDTH_SCALE 1.05       /* Times New Roman 12 against Excel's width unit */
#define STR_MAX 32767          /* Excel's limit for one cell */
#define MATRIX_COMMENTS_MAX 20000
#define ZIP64_ROWS 300000      /* above this many rows a workbook may pass 4 GB */
#define LINE_PT 15.75          /* row height of one line of Times New Roman 12 */
#define TITLE_PT 18.75         /* and of the 14 point title */
#define NO_AGENCY UINT32_MAX
#define FORK_ROWS 20000        /* from this many obligations a child process shares the work */

/* ---- words ------------------------------------------------------------ */

enum { SH_SUMMARY, SH_MATRIX, SH_DETAILS, SH_OVERDUE, SH_CHART, SH_INFO, SH_AGENCY, SH_COUNT };

/* Columns of a results table: Chi tiết, Quá hạn and the agency workbooks. */
enum {
    DC_STT, DC_PLAN, DC_TASK, DC_TITLE, DC_AGENCY, DC_PERIOD, DC_DUE_TEXT,
    DC_DUE, DC_EXTENDED, DC_STATUS, DC_SUBMITTED, DC_REF, DC_DAYS, DC_RESUB, DC_NOTE, DC_COUNT
};

/* Columns of Tổng hợp: the count of state s is in column SC_STATE + s. */
enum { SC_STT, SC_ID, SC_NAME, SC_TOTAL, SC_STATE, SC_RATE = SC_STATE + PT_ST_COUNT, SC_RANK,
       SC_COUNT };

/* Rows of Thông tin. */
enum {
    IL_PLAN, IL_TITLE, IL_NUMBER, IL_KIND, IL_ISSUER, IL_ISSUED, IL_SUBJECT, IL_PERIOD, IL_BASIS,
    IL_FILE, IL_AS_OF, IL_HORIZON, IL_FILTER, IL_INPUT, IL_STATUS, IL_VERSION, IL_LEGEND, IL_COUNT
};

typedef struct {
    const char *code;
    const char *sheet[SH_COUNT];
    const char *word[PT_ST_COUNT];        /* short status words of the matrix */
    const char *summary_col[SC_COUNT];    /* NULL: the state's label */
    const char *detail_col[DC_COUNT];
    const char *info[IL_COUNT];
    const char *title_summary, *title_matrix, *title_chart, *title_info, *title_agency;
    const char *doc_summary, *doc_agency; /* document titles */
    const char *as_of;                    /* "... %s" with the date */
    const char *plans, *number, *total, *legend, *agency, *rate, *item, *value;
    const char *rate_note, *no_rate, *page, *rank_of;
    const char *c_due_text, *c_due, *c_extended, *c_received, *c_ref, *c_late, *c_overdue,
        *c_exempt;
} lang_text;

static const lang_text LANG_VI = {
    "vi",
    {"Tổng hợp", "Ma trận", "Chi tiết", "Quá hạn", "Biểu đồ", "Thông tin", "Nhiệm vụ"},
    {"Đúng hạn", "Nộp chậm", "Quá hạn", "Sắp đến hạn", "Trong hạn", "Miễn", "Không có hạn"},
    {"STT", "Mã", "Cơ quan, đơn vị", "Tổng số nhiệm vụ", NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, "Tỷ lệ đúng hạn", "Xếp hạng"},
    {"STT", "Văn bản", "Nhiệm vụ", "Nội dung nhiệm vụ", "Cơ quan, đơn vị",
     "Kỳ báo cáo", "Thời hạn theo văn bản", "Hạn cuối", "Gia hạn đến", "Tình trạng",
     "Ngày nhận", "Số, ký hiệu", "Số ngày chậm, quá hạn", "Gửi lại", "Ghi chú"},
    {"Văn bản", "Tên văn bản", "Số, ký hiệu", "Loại văn bản", "Cơ quan ban hành",
     "Ngày ban hành", "Trích yếu", "Thời gian thực hiện", "Căn cứ", "Tệp kế hoạch",
     "Tính đến ngày", "Số ngày báo trước (sắp đến hạn)", "Chỉ gồm cơ quan", "Tệp đầu vào",
     "Sổ theo dõi", "Chương trình", "Chú giải"},
    "TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO",
    "TÌNH HÌNH THỰC HIỆN THEO CƠ QUAN, ĐƠN VỊ VÀ NHIỆM VỤ",
    "TỶ LỆ HOÀN THÀNH ĐÚNG HẠN THEO CƠ QUAN, ĐƠN VỊ",
    "THÔNG TIN VỀ BÁO CÁO",
    "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO",
    "Tổng hợp tình hình thực hiện nhiệm vụ được giao",
    "Tình hình thực hiện nhiệm vụ được giao",
    "Tính đến ngày %s",
    "Văn bản: ", "số ", "Tổng cộng", "Chú giải:", "Cơ quan, đơn vị", "Tỷ lệ đúng hạn", "Mục",
    "Nội dung",
    "Tỷ lệ đúng hạn = đã hoàn thành đúng hạn / (đã hoàn thành đúng hạn + đã hoàn thành quá hạn"
    " + chưa hoàn thành, quá hạn). Nhiệm vụ được miễn, không có hạn hoặc chưa đến hạn không tính.",
    "Chưa có cơ quan, đơn vị nào có tỷ lệ đúng hạn (chưa có nhiệm vụ đến hạn).",
    "Trang &P/&N", "%d/%zu",
    "Thời hạn: ", "Hạn cuối: ", "Gia hạn đến: ", "Ngày nhận: ", "Số, ký hiệu: ",
    "Chậm %d ngày", "Quá hạn %d ngày", "Miễn: ",
};

static const lang_text LANG_EN = {
    "en",
    {"Summary", "Matrix", "Details", "Overdue", "Chart", "Information", "Obligations"},
    {"On time", "Late", "Overdue", "Due soon", "Open", "Exempt", "Untracked"},
    {"No.", "ID", "Agency", "Total obligations", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     "On-time rate", "Rank"},
    {"No.", "Plan", "Task", "Title", "Agency", "Period", "Deadline as written",
     "Last on-time day", "Extended to", "Status", "Received", "Reference", "Days late or overdue",
     "Resubmitted", "Note"},
    {"Plan", "Title", "Number", "Kind", "Issued by", "Issued on", "Subject", "Period", "Basis",
     "Plan file", "As of", "Due-soon horizon (days)", "Agencies selected", "Input file",
     "Status file", "Program", "Legend"},
    "SUMMARY OF ASSIGNED TASKS",
    "STATUS BY AGENCY AND TASK",
    "ON-TIME RATE BY AGENCY",
    "ABOUT THIS REPORT",
    "ASSIGNED TASKS",
    "Summary of assigned tasks",
    "Assigned tasks",
    "As of %s",
    "Plans: ", "no. ", "Total", "Legend:", "Agency", "On-time rate", "Item", "Value",
    "On-time rate = on time / (on time + late + overdue). Exempt, untracked, open and due-soon"
    " obligations do not count.",
    "No agency has an on-time rate yet (nothing has fallen due).",
    "Page &P of &N", "%d of %zu",
    "Deadline: ", "Last on-time day: ", "Extended to: ", "Received: ", "Reference: ",
    "%d days late", "%d days overdue", "Exempt: ",
};

/* Fills and font colours of the status cells (SPEC 6). */
static const lxw_color_t STATE_FILL[PT_ST_COUNT] = {
    0xC6EFCE, /* on_time: green */
    0xFFC000, /* late: amber */
    0xFFC7CE, /* overdue: red */
    0xFFFF99, /* due_soon: yellow */
    0xDDEBF7, /* open: light blue */
    0xD9D9D9, /* exempt: grey */
    0xD9D9D9, /* untracked: grey */
};
static const lxw_color_t STATE_FONT[PT_ST_COUNT] = {
    0x006100, 0x000000, 0x9C0006, 0x000000, 0x000000, 0x000000, 0x000000,
};
#define HEADER_FILL 0xD9E1F2

/* ---- the model: results grouped once ------------------------------------ */

typedef struct {
    const pt_check *c;
    const pt_status *st;
    const pt_set *set;
    const lang_text *L;
    const char *out_dir, *version;
    pt_date as_of;
    size_t max_rows;                 /* rows of a sheet, header included */
    size_t n;                        /* results */
    const pt_agency_result **ag;     /* agencies with obligations, registry order */
    size_t na;
    uint32_t *res_ag;                /* result -> index in ag, or NO_AGENCY */
    uint32_t *overdue;               /* overdue results, most days first */
    size_t n_overdue;
    size_t *off;                     /* results of ag[i]: by_ag[off[i] .. off[i+1]) */
    uint32_t *by_ag;
    /* Every (plan, task, period) has a flat number, task_base[plan_base[p]
     * + t] + occ, and its period's human label ("" for a one-off). */
    size_t *plan_base, *task_base, nflat;
    const char **period;
    const char *state_label[PT_ST_COUNT];
    char *plans_line, *footer, *author;
    pt_arena *arena;
} model;

typedef struct {
    uint32_t idx;
    int64_t key;
    double rate;
} sort_key;

static int cmp_key_desc(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->key != y->key)
        return x->key > y->key ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int cmp_key_asc(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int cmp_rate_desc(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->rate != y->rate)
        return x->rate > y->rate ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Position of r among the set's registries (load order). */
static int registry_pos(const pt_set *set, const pt_registry *r)
{
    size_t n = pt_set_registry_count(set);
    for (size_t i = 0; i < n; i++)
        if (pt_set_registry(set, i) == r)
            return (int)i;
    return (int)n;
}

/* Agencies with obligations, in registry order (registry, then its file order). */
static int model_agencies(model *m)
{
    size_t n = pt_check_agency_count(m->c);
    sort_key *k = malloc((n ? n : 1) * sizeof *k);
    m->ag = malloc((n ? n : 1) * sizeof *m->ag);
    if (!k || !m->ag) {
        free(k);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const pt_agency_result *a = pt_check_agency(m->c, i);
        int64_t pos = registry_pos(m->set, a->registry);
        if (a->total > 0)
            k[m->na++] = (sort_key){(uint32_t)i, pos << 32 | a->agency->index, 0};
    }
    qsort(k, m->na, sizeof *k, cmp_key_asc);
    for (size_t i = 0; i < m->na; i++)
        m->ag[i] = pt_check_agency(m->c, k[i].idx);
    free(k);
    return 0;
}

/* res_ag: each result's agency, through a map from label to position. */
static int model_map_results(model *m)
{
    pt_map map = PT_MAP_INIT;
    m->res_ag = malloc((m->n ? m->n : 1) * sizeof *m->res_ag);
    int rc = m->res_ag ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < m->na; i++)
        rc = pt_map_put(&map, m->ag[i]->label, strlen(m->ag[i]->label), (uint32_t)i);
    for (size_t i = 0; rc == 0 && i < m->n; i++) {
        const char *label = pt_check_result(m->c, i)->agency_label;
        uint32_t v;
        m->res_ag[i] = label && pt_map_get(&map, label, strlen(label), &v) ? v : NO_AGENCY;
    }
    pt_map_release(&map);
    return rc;
}

/* The overdue results, most days first (check order among equals). */
static int model_overdue(model *m)
{
    size_t n = pt_check_count_state(m->c, PT_ST_OVERDUE);
    sort_key *k = malloc((n ? n : 1) * sizeof *k);
    m->overdue = malloc((n ? n : 1) * sizeof *m->overdue);
    if (!k || !m->overdue) {
        free(k);
        return -1;
    }
    size_t j = 0;
    for (size_t i = 0; i < m->n && j < n; i++) {
        const pt_result *r = pt_check_result(m->c, i);
        if (r->state == PT_ST_OVERDUE)
            k[j++] = (sort_key){(uint32_t)i, r->days_overdue, 0};
    }
    qsort(k, j, sizeof *k, cmp_key_desc);
    for (size_t i = 0; i < j; i++)
        m->overdue[i] = k[i].idx;
    m->n_overdue = j;
    free(k);
    return 0;
}

/* by_ag: a counting sort of the results by agency; within an agency the
 * overdue ones first (in the order of m->overdue), then the others. */
static int model_buckets(model *m)
{
    m->off = calloc(m->na + 1, sizeof *m->off);
    m->by_ag = malloc((m->n ? m->n : 1) * sizeof *m->by_ag);
    size_t *fill = calloc(m->na + 1, sizeof *fill);
    if (!m->off || !m->by_ag || !fill) {
        free(fill);
        return -1;
    }
    for (size_t i = 0; i < m->n; i++)
        if (m->res_ag[i] != NO_AGENCY)
            m->off[m->res_ag[i] + 1]++;
    for (size_t i = 0; i < m->na; i++)
        m->off[i + 1] += m->off[i];
    memcpy(fill, m->off, (m->na + 1) * sizeof *fill);
    for (size_t i = 0; i < m->n_overdue; i++) {
        uint32_t a = m->res_ag[m->overdue[i]];
        if (a != NO_AGENCY)
            m->by_ag[fill[a]++] = m->overdue[i];
    }
    for (size_t i = 0; i < m->n; i++) {
        uint32_t a = m->res_ag[i];
        if (a != NO_AGENCY && pt_check_result(m->c, i)->state != PT_ST_OVERDUE)
            m->by_ag[fill[a]++] = (uint32_t)i;
    }
    free(fill);
    return 0;
}

static size_t flat_index(const model *m, const pt_obligation *ob)
{
    return m->task_base[m->plan_base[ob->plan] + ob->task] + ob->occ;
}

/* The flat numbers and the period labels, computed once here so that no
 * label is formatted per row. */
static int model_flat(model *m)
{
    size_t np = pt_set_plan_count(m->set), nt = 0;
    for (size_t p = 0; p < np; p++)
        nt += pt_set_plan(m->set, p)->n_tasks;
    m->plan_base = malloc((np + 1) * sizeof *m->plan_base);
    m->task_base = malloc((nt + 1) * sizeof *m->task_base);
    if (!m->plan_base || !m->task_base)
        return -1;
    for (size_t p = 0, t = 0; p < np; p++) {
        const pt_plan *plan = pt_set_plan(m->set, p);
        m->plan_base[p] = t;
        for (size_t i = 0; i < plan->n_tasks; i++, t++) {
            m->task_base[t] = m->nflat;
            m->nflat += plan->tasks[i].n_occ ? plan->tasks[i].n_occ : 1;
        }
    }
    m->period = calloc(m->nflat + 1, sizeof *m->period);
    if (!m->period)
        return -1;
    for (size_t p = 0, f = 0; p < np; p++) {
        const pt_plan *plan = pt_set_plan(m->set, p);
        for (size_t i = 0; i < plan->n_tasks; i++) {
            const pt_task *t = &plan->tasks[i];
            for (size_t k = 0; k < (t->n_occ ? t->n_occ : 1); k++, f++) {
                char buf[64] = "";
                if (k < t->n_occ && t->occ[k].period[0])
                    pt_period_label_human(buf, sizeof buf, t->occ[k].period, m->L->code);
                if (!(m->period[f] = pt_arena_strdup(m->arena, buf)))
                    return -1;
            }
        }
    }
    for (int st = 0; st < PT_ST_COUNT; st++)
        m->state_label[st] = pt_state_label((pt_state)st, m->L->code);
    return 0;
}

/* The plan's short reference: its number, else its id. */
static const char *plan_ref(const pt_plan *p)
{
    return p->number && *p->number ? p->number : p->id;
}

/* Appends s to b with '&' doubled (header and footer codes), stopping before
 * b passes max bytes; returns false when it had to stop. */
static bool add_footer_text(pt_buf *b, const char *s, size_t max)
{
    while (*s) {
        size_t n = 1;
        while ((s[n] & 0xC0) == 0x80)
            n++;
        size_t need = *s == '&' ? 2 : n;
        if (b->len + need > max)
            return false;
        pt_buf_add(b, s, n);
        if (*s == '&')
            pt_buf_addc(b, '&');
        s += n;
    }
    return true;
}

/* The issuing offices of the plans, each once, for the author property. */
static void add_issuers(pt_buf *auth, const pt_set *set)
{
    for (size_t i = 0; i < pt_set_plan_count(set); i++) {
        const char *issuer = pt_set_plan(set, i)->issuer;
        bool seen = !issuer;
        for (size_t j = 0; !seen && j < i; j++) {
            const char *q = pt_set_plan(set, j)->issuer;
            seen = q && strcmp(q, issuer) == 0;
        }
        if (!seen)
            pt_buf_printf(auth, "%s%s", auth->len ? "; " : "", issuer);
    }
    pt_buf_addc(auth, '\0');
}

/* The plans line, the footer (plan numbers, else titles, then the page
 * number) and the author (the issuing offices). */
static int model_texts(model *m)
{
    pt_buf line = PT_BUF_INIT, foot = PT_BUF_INIT, auth = PT_BUF_INIT;
    size_t np = pt_set_plan_count(m->set);
    size_t right = strlen(m->L->page) + 2;
    pt_buf_adds(&line, m->L->plans);
    pt_buf_adds(&foot, "&L");
    bool room = true;
    for (size_t i = 0; i < np; i++) {
        const pt_plan *p = pt_set_plan(m->set, i);
        pt_buf_printf(&line, "%s%s", i ? "; " : "", p->title ? p->title : p->id);
        if (p->number && *p->number)
            pt_buf_printf(&line, " (%s%s)", m->L->number, p->number);
        if (room && i)
            room = add_footer_text(&foot, ", ", LXW_HEADER_FOOTER_MAX - right - 4);
        if (room)
            room = add_footer_text(&foot, p->number && *p->number ? p->number
                                          : p->title               ? p->title
                                                                   : p->id,
                                   LXW_HEADER_FOOTER_MAX - right - 4);
        if (!room && i + 1 == np)
            pt_buf_adds(&foot, "…");
    }
    pt_buf_printf(&foot, "&R%s", m->L->page);
    add_issuers(&auth, m->set);
    bool oom = line.oom || foot.oom || auth.oom;
    m->plans_line = pt_buf_detach(&line);
    m->footer = pt_buf_detach(&foot);
    m->author = pt_buf_detach(&auth);
    return oom || !m->plans_line || !m->footer || !m->author ? -1 : 0;
}

static void model_release(model *m)
{
    free(m->plan_base);
    free(m->task_base);
    free(m->period);
    pt_arena_free(m->arena);
    free(m->ag);
    free(m->res_ag);
    free(m->overdue);
    free(m->off);
    free(m->by_ag);
    free(m->plans_line);
    free(m->footer);
    free(m->author);
}

static int model_init(model *m, const pt_check *c, const pt_status *st,
                      const pt_render_opts *o, pt_diags *d)
{
    memset(m, 0, sizeof *m);
    if (o->lang && strcmp(o->lang, "vi") != 0 && strcmp(o->lang, "en") != 0) {
        pt_diag_add(d, PT_E_RENDER_LANG, "", 0, 0, o->lang);
        return -1;
    }
    m->arena = pt_arena_new();
    m->c = c;
    m->st = st;
    m->set = pt_check_set(c);
    m->L = o->lang && strcmp(o->lang, "en") == 0 ? &LANG_EN : &LANG_VI;
    m->out_dir = o->out_dir ? o->out_dir : ".";
    m->version = o->version;
    m->as_of = pt_check_options(c)->as_of;
    m->max_rows = o->max_sheet_rows && o->max_sheet_rows < LXW_ROW_MAX ? o->max_sheet_rows
                                                                       : LXW_ROW_MAX;
    m->n = pt_check_count(c);
    if (!m->arena || model_agencies(m) || model_map_results(m) || model_overdue(m) ||
        model_buckets(m) || model_texts(m) || model_flat(m)) {
        pt_diag_add(d, PT_E_RENDER_NOMEM, "", 0, 0);
        return -1;
    }
    return 0;
}

/* ---- output files: temporary names, commit, roll back --------------------- */

typedef struct {
    char *tmp, *final;
    bool renamed;
} outfile;

/* Every file and directory this call creates, and the diagnostics. */
typedef struct {
    outfile *v;
    size_t n, cap;
    char *dirs[64];         /* directories this call created, outermost first */
    size_t ndirs;
    char *synced[2];        /* directories to sync after the renames */
    size_t nsynced;
    pt_diags *d;
    bool failed;            /* an error was reported */
} output;

static void report(output *o, pt_msg msg, const char *file, ...)
{
    va_list ap;
    va_start(ap, file);
    pt_diag_addv(o->d, msg, file, 0, 0, ap);
    if (pt_msg_severity(msg) == PT_SEV_ERROR)
        o->failed = true;
    va_end(ap);
}

static char *path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (p) {
        memcpy(p, dir, a);
        p[a] = '/';
        memcpy(p + a + 1, name, b + 1);
    }
    return p;
}

static char *copy_str(const char *s)
{
    char *c = malloc(strlen(s) + 1);
    return c ? strcpy(c, s) : NULL;
}

/* Creates dir and its missing parents, each recorded for roll back. */
static int create_dirs(output *o, const char *dir)
{
    struct stat sb;
    if (stat(dir, &sb) == 0) {
        if (S_ISDIR(sb.st_mode))
            return 0;
        report(o, PT_E_RENDER_NOT_DIR, dir, dir);
        return -1;
    }
    if (errno != ENOENT) {
        report(o, PT_E_RENDER_MKDIR, dir, dir, strerror(errno));
        return -1;
    }
    char *parent = copy_str(dir);
    if (!parent) {
        report(o, PT_E_RENDER_NOMEM, "");
        return -1;
    }
    size_t n = strlen(parent);
    while (n > 1 && parent[n - 1] == '/')
        parent[--n] = '\0';
    char *slash = strrchr(parent, '/');
    int rc = 0;
    if (slash && slash > parent) {
        *slash = '\0';
        rc = create_dirs(o, parent);
    }
    free(parent);
    if (rc != 0)
        return -1;
    bool room = o->ndirs < sizeof o->dirs / sizeof *o->dirs;
    if (!room || mkdir(dir, 0777) != 0) {
        report(o, PT_E_RENDER_MKDIR, dir, dir, strerror(room ? errno : ENAMETOOLONG));
        return -1;
    }
    o->dirs[o->ndirs++] = copy_str(dir);
    return 0;
}

/* Makes dir when it does not exist and records it to be synced after the
 * renames. Before the workers start. */
static int make_dir(output *o, const char *dir)
{
    if (create_dirs(o, dir) != 0)
        return -1;
    if (!(o->synced[o->nsynced++] = copy_str(dir))) {
        report(o, PT_E_RENDER_NOMEM, "");
        return -1;
    }
    return 0;
}

/* Creates "DIR/.NAME.tmp-PID-N" beside final, exclusively. Caller frees. */
static char *create_temp(output *o, const char *final)
{
    const char *slash = strrchr(final, '/');
    int dirlen = slash ? (int)(slash - final) : 1;
    size_t size = strlen(final) + 64;
    char *tmp = malloc(size);
    if (!tmp) {
        report(o, PT_E_RENDER_NOMEM, "");
        return NULL;
    }
    for (int k = 0;; k++) {
        snprintf(tmp, size, "%.*s/.%s.tmp-%ld-%d", dirlen, slash ? final : ".",
                 slash ? slash + 1 : final, (long)getpid(), k);
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            close(fd);
            return tmp;
        }
        if (errno != EEXIST || k == 100) {
            report(o, PT_E_RENDER_CREATE, final, tmp, strerror(errno));
            free(tmp);
            return NULL;
        }
    }
}

/* Reserves a temporary name beside final by creating it. Returns the name
 * (owned by o), or NULL after an error. */
static const char *output_reserve(output *o, const char *final)
{
    char *tmp = create_temp(o, final);
    char *copy = tmp ? copy_str(final) : NULL;
    if (!tmp)
        return NULL;
    bool ok = copy && pt_grow(&o->v, o->n, &o->cap, sizeof *o->v, 16) == 0;
    if (ok)
        o->v[o->n++] = (outfile){tmp, copy, false};
    if (!ok) {
        unlink(tmp);
        free(tmp);
        free(copy);
        report(o, PT_E_RENDER_NOMEM, "");
        return NULL;
    }
    return tmp;
}

static int sync_path(output *o, const char *path, bool dir)
{
    int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    int rc = fd >= 0 ? fsync(fd) : -1;
    int err = errno;
    if (fd >= 0)
        close(fd);
    /* Some file systems cannot sync a directory; the files are synced. */
    if (rc != 0 && !(dir && (err == EINVAL || err == EROFS))) {
        report(o, PT_E_RENDER_SYNC, path, path, strerror(err));
        return -1;
    }
    return 0;
}

static int output_commit(output *o)
{
    for (size_t i = 0; i < o->n; i++)
        if (sync_path(o, o->v[i].tmp, false) != 0)
            return -1;
    for (size_t i = 0; i < o->n; i++) {
        if (rename(o->v[i].tmp, o->v[i].final) != 0) {
            report(o, PT_E_RENDER_RENAME, o->v[i].final, o->v[i].tmp, o->v[i].final,
                   strerror(errno));
            return -1;
        }
        o->v[i].renamed = true;
    }
    for (size_t i = 0; i < o->nsynced; i++)
        if (sync_path(o, o->synced[i], true) != 0)
            return -1;
    return 0;
}

/* Removes every file and directory this call created. */
static void output_rollback(output *o)
{
    for (size_t i = 0; i < o->n; i++)
        unlink(o->v[i].renamed ? o->v[i].final : o->v[i].tmp);
    for (size_t i = o->ndirs; i-- > 0;)
        if (o->dirs[i])
            rmdir(o->dirs[i]);
}

static void output_release(output *o)
{
    for (size_t i = 0; i < o->n; i++) {
        free(o->v[i].tmp);
        free(o->v[i].final);
    }
    free(o->v);
    for (size_t i = 0; i < o->ndirs; i++)
        free(o->dirs[i]);
    for (size_t i = 0; i < o->nsynced; i++)
        free(o->synced[i]);
}

/* ---- workbooks and formats -------------------------------------------------- */

enum {
    F_TITLE, F_BOLD, F_PLAIN, F_HEADER, F_TEXT, F_WRAP, F_DATE, F_INT, F_PCT, F_TOTAL_TEXT,
    F_TOTAL_INT, F_TOTAL_PCT, F_LABEL, F_VALUE, F_VALUE_PCT, F_VALUE_DATE, F_COUNT
};

typedef struct {
    const model *m;
    lxw_workbook *wb;
    const char *final;        /* for messages */
    lxw_error err;            /* the first failed call */
    lxw_format *f[F_COUNT];
    lxw_format *state[PT_ST_COUNT];      /* status cells */
    lxw_format *state_hdr[PT_ST_COUNT];  /* status headers, legends */
    lxw_format *state_lbl[PT_ST_COUNT];  /* status labels of an agency's summary block */
    pt_buf text;                         /* scratch */
    bool oom;
} book;

static void note(book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
        b->err = e;
}

static lxw_format *new_format(book *b)
{
    lxw_format *f = workbook_add_format(b->wb);
    if (!f) {
        b->oom = true;
        return NULL;
    }
    format_set_font_name(f, FONT_NAME);
    format_set_font_size(f, FONT_SIZE);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

/* A table cell format (thin borders): a number format, bold, wrap and a
 * fill, each optional. */
static lxw_format *cell_format(book *b, const char *num, bool bold, bool wrap, lxw_color_t fill)
{
    lxw_format *f = new_format(b);
    if (!f)
        return NULL;
    format_set_border(f, LXW_BORDER_THIN);
    if (num)
        format_set_num_format(f, num);
    if (bold)
        format_set_bold(f);
    if (wrap)
        format_set_text_wrap(f);
    if (fill != LXW_COLOR_UNSET) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, fill);
    }
    return f;
}

static void book_formats(book *b)
{
    lxw_format **f = b->f;
    f[F_TITLE] = new_format(b);
    f[F_BOLD] = new_format(b);
    f[F_PLAIN] = new_format(b);
    if (f[F_TITLE] && f[F_BOLD]) {
        format_set_bold(f[F_TITLE]);
        format_set_font_size(f[F_TITLE], 14);
        format_set_bold(f[F_BOLD]);
    }
    f[F_HEADER] = cell_format(b, NULL, true, true, HEADER_FILL);
    f[F_TEXT] = cell_format(b, NULL, false, false, LXW_COLOR_UNSET);
    f[F_WRAP] = cell_format(b, NULL, false, true, LXW_COLOR_UNSET);
    f[F_DATE] = cell_format(b, "dd/mm/yyyy", false, false, LXW_COLOR_UNSET);
    f[F_INT] = cell_format(b, "0", false, false, LXW_COLOR_UNSET);
    f[F_PCT] = cell_format(b, "0.0%", false, false, LXW_COLOR_UNSET);
    f[F_TOTAL_TEXT] = cell_format(b, NULL, true, false, HEADER_FILL);
    f[F_TOTAL_INT] = cell_format(b, "0", true, false, HEADER_FILL);
    f[F_TOTAL_PCT] = cell_format(b, "0.0%", true, false, HEADER_FILL);
    f[F_LABEL] = cell_format(b, NULL, true, true, HEADER_FILL);
    f[F_VALUE] = cell_format(b, "0", false, false, LXW_COLOR_UNSET);
    f[F_VALUE_PCT] = cell_format(b, "0.0%", false, false, LXW_COLOR_UNSET);
    f[F_VALUE_DATE] = cell_format(b, "dd/mm/yyyy", false, false, LXW_COLOR_UNSET);
    for (int i = F_VALUE; i <= F_VALUE_DATE; i++)
        if (f[i])
            format_set_align(f[i], LXW_ALIGN_LEFT);
    for (int s = 0; s < PT_ST_COUNT; s++) {
        b->state[s] = cell_format(b, NULL, false, true, STATE_FILL[s]);
        b->state_hdr[s] = cell_format(b, NULL, true, true, STATE_FILL[s]);
        b->state_lbl[s] = cell_format(b, NULL, true, true, STATE_FILL[s]);
        if (b->state[s] && b->state_hdr[s] && b->state_lbl[s]) {
            format_set_font_color(b->state[s], STATE_FONT[s]);
            format_set_font_color(b->state_hdr[s], STATE_FONT[s]);
            format_set_font_color(b->state_lbl[s], STATE_FONT[s]);
            format_set_align(b->state_hdr[s], LXW_ALIGN_CENTER);
        }
    }
    if (f[F_HEADER]) {
        format_set_align(f[F_HEADER], LXW_ALIGN_CENTER);
        format_set_align(f[F_HEADER], LXW_ALIGN_VERTICAL_CENTER);
    }
}

/* Whether cells of format f wrap their text (and so set their row's height). */
static bool wraps(const book *b, const lxw_format *f)
{
    if (f == b->f[F_WRAP] || f == b->f[F_HEADER] || f == b->f[F_LABEL])
        return true;
    for (int s = 0; s < PT_ST_COUNT; s++)
        if (f == b->state[s] || f == b->state_hdr[s] || f == b->state_lbl[s])
            return true;
    return false;
}

/* Opens a workbook that libxlsxwriter will write to tmp at close. rows is
 * the number of rows it will hold (large ones may need ZIP64). */
static int book_open(book *b, const model *m, const char *tmp, const char *final,
                     const char *title, size_t rows)
{
    memset(b, 0, sizeof *b);
    b->m = m;
    b->final = final;
    lxw_workbook_options opt = {LXW_TRUE, (char *)m->out_dir, rows > ZIP64_ROWS};
    b->wb = workbook_new_opt(tmp, &opt);
    if (!b->wb)
        return -1;
    lxw_doc_properties p;
    memset(&p, 0, sizeof p);
    p.title = (char *)title;
    p.author = (char *)m->author;
    p.created = (time_t)m->as_of * 86400;
    note(b, workbook_set_properties(b->wb, &p));
    book_formats(b);
    return 0;
}

/* How writing a workbook ended: BOOK_OK, BOOK_NOMEM or an lxw_error. */
#define BOOK_OK 0
#define BOOK_NOMEM (-1)

/* Closes (and frees) the workbook; returns how writing it ended. */
static int book_close(book *b)
{
    lxw_error e = workbook_close(b->wb);
    pt_buf_release(&b->text);
    if (b->oom)
        return BOOK_NOMEM;
    return b->err != LXW_NO_ERROR ? (int)b->err : (int)e;
}

/* Reports how writing the workbook final ended; returns 0 or -1. */
static int book_report(output *o, const char *final, int status)
{
    if (status == BOOK_NOMEM)
        report(o, PT_E_RENDER_NOMEM, final);
    else if (status != BOOK_OK)
        report(o, PT_E_RENDER_XLSX, final, final, lxw_strerror((lxw_error)status));
    return status == BOOK_OK ? 0 : -1;
}

/* The scratch text of the book, cleared. */
static pt_buf *scratch(book *b)
{
    pt_buf_clear(&b->text);
    return &b->text;
}

static const char *scratch_str(book *b)
{
    pt_buf_addc(&b->text, '\0');
    b->oom = b->oom || b->text.oom;
    return b->text.oom ? "" : b->text.data;
}

/* ---- sheets: two passes, rows buffered ------------------------------------------ */

/* Every sheet is written twice by the same code: a first pass that only
 * measures the display width of each column, then the real pass, which
 * knows the final widths and so the height each wrapped row needs (rows
 * are streamed: a row's height must be known before its cells go out).
 * A row's cells are kept until the row ends, then written in one go. */

enum { CK_STR, CK_NUM, CK_DATE, CK_BLANK, CK_MERGE, CK_COMMENT };

typedef struct {
    lxw_col_t col, last;      /* last: the end of a merge */
    uint8_t kind;
    uint16_t lines;           /* lines of wrapped text (row height), 0: does not wrap */
    lxw_format *f;
    double num;               /* CK_NUM value, CK_DATE day number */
    size_t text;              /* offset of the text in the row's buffer */
} cell;

typedef struct {
    book *b;
    lxw_worksheet *ws;
    const char *name;
    size_t ncols;
    size_t *w;                /* display width per column (measured, then final) */
    const uint8_t *cap;       /* widest allowed width of the first ncap columns */
    size_t ncap, cap_rest;    /* and of the others */
    bool measuring;           /* the first pass */
    bool sparse;              /* empty cells are not written: grid lines are printed */
    bool filtered;            /* the autofilter is set */
    lxw_row_t row;            /* the row being built */
    bool open;
    double height;            /* its height in points, 0: from its wrapped cells */
    cell *cells;
    size_t ncells, capcells;
    pt_buf text;
    struct {                  /* lines of the plan's texts (titles...), by address */
        const char *v;
        size_t width, lines;
    } wrapped[256];
} sheet;

/* Adds a worksheet with the page set-up every sheet shares: A4 landscape,
 * one page wide, the footer. Returns 0, or -1 (recorded in the book). */
static int sheet_open(sheet *s, book *b, const char *name, size_t ncols, const uint8_t *cap)
{
    memset(s, 0, sizeof *s);
    s->b = b;
    s->name = name;
    s->cap = cap;
    s->ncap = cap ? ncols : 0;
    s->cap_rest = WIDTH_CAP;
    s->ws = workbook_add_worksheet(b->wb, name);
    s->w = calloc(ncols ? ncols : 1, sizeof *s->w);
    s->ncols = ncols;
    if (!s->ws || !s->w) {
        note(b, s->ws ? LXW_ERROR_MEMORY_MALLOC_FAILED : LXW_ERROR_CREATING_TMPFILE);
        free(s->w);
        s->w = NULL;
        s->ws = NULL;
        return -1;
    }
    worksheet_set_paper(s->ws, 9);
    worksheet_set_landscape(s->ws);
    worksheet_fit_to_pages(s->ws, 1, 0);
    worksheet_set_margins(s->ws, 0.5, 0.5, 0.6, 0.7);
    worksheet_set_default_row(s->ws, LINE_PT, LXW_FALSE);
    note(b, worksheet_set_footer(s->ws, b->m->footer));
    return 0;
}

static void sheet_release(sheet *s)
{
    free(s->w);
    free(s->cells);
    pt_buf_release(&s->text);
    s->w = NULL;
    s->cells = NULL;
    s->ws = NULL;
}

static size_t col_cap(const sheet *s, size_t c)
{
    return c < s->ncap && s->cap[c] ? s->cap[c] : c < s->ncap ? WIDTH_CAP : s->cap_rest;
}

/* Display width of v[0..n) (at most 255 bytes are looked at). */
static size_t seg_width(const char *v, size_t n)
{
    char seg[256];
    size_t k = n < sizeof seg - 1 ? n : sizeof seg - 1;
    memcpy(seg, v, k);
    seg[k] = '\0';
    return pt_text_width(seg) + (n - k);
}

/* Widest line (words: widest word) of v in display columns. */
static size_t width_of(const char *v, bool words)
{
    const char *stop = words ? " \n" : "\n";
    if (!strpbrk(v, stop))
        return pt_text_width(v);
    size_t best = 0;
    while (*v) {
        size_t n = strcspn(v, stop);
        size_t w = seg_width(v, n);
        best = w > best ? w : best;
        v += n + (v[n] != '\0');
    }
    return best;
}

/* Lines v takes when wrapped at words in width display columns. */
static size_t wrap_lines(const char *v, size_t width)
{
    if (!strchr(v, '\n') && strlen(v) <= width)
        return 1;
    size_t lines = 1, used = 0;
    while (*v) {
        if (*v == '\n' || *v == ' ') {
            if (*v++ == '\n') {
                lines++;
                used = 0;
            }
            continue;
        }
        size_t n = strcspn(v, " \n");
        size_t w = seg_width(v, n);
        if (used && used + 1 + w > width) {
            lines++;
            used = 0;
        }
        lines += w > width ? (w - 1) / width : 0;
        used = w > width ? (w - 1) % width + 1 : used + (used ? 1 : 0) + w;
        v += n;
    }
    return lines;
}

static void measure_n(sheet *s, lxw_col_t c, size_t w)
{
    if (c < s->ncols && w > s->w[c])
        s->w[c] = w;
}

/* No text is wider than its length in bytes (a character is at least one
 * byte, and two columns wide only in three bytes): most texts are skipped. */
static void measure(sheet *s, lxw_col_t c, const char *v, bool header)
{
    if (c >= s->ncols || s->w[c] >= col_cap(s, c) || strlen(v) <= s->w[c])
        return;
    size_t w = width_of(v, header);
    if (header) {
        /* A header wraps at words into at most about three lines. */
        size_t third = (pt_text_width(v) + 2) / 3;
        w = third > w ? third : w;
    }
    measure_n(s, c, w);
}

/* Ends the measuring pass: clamps the widths and sets the columns. */
static void sheet_widths(sheet *s)
{
    for (size_t c = 0; c < s->ncols; c++) {
        size_t cap = col_cap(s, c);
        s->w[c] = s->w[c] < 4 ? 4 : s->w[c] > cap ? cap : s->w[c];
        note(s->b, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c,
                                        (double)s->w[c] * WIDTH_SCALE + 1.5, NULL));
    }
    s->measuring = false;
}

static void emit(sheet *s, const cell *k)
{
    lxw_worksheet *ws = s->ws;
    const char *t = s->text.data ? s->text.data + k->text : "";
    lxw_datetime dt = {0, 0, 0, 0, 0, 0};
    lxw_comment_options co;
    switch (k->kind) {
    case CK_STR:
        note(s->b, worksheet_write_string(ws, s->row, k->col, t, k->f));
        break;
    case CK_NUM:
        note(s->b, worksheet_write_number(ws, s->row, k->col, k->num, k->f));
        break;
    case CK_DATE:
        pt_date_ymd((pt_date)k->num, &dt.year, &dt.month, &dt.day);
        note(s->b, worksheet_write_datetime(ws, s->row, k->col, &dt, k->f));
        break;
    case CK_BLANK:
        note(s->b, worksheet_write_blank(ws, s->row, k->col, k->f));
        break;
    case CK_MERGE:
        note(s->b, worksheet_merge_range(ws, s->row, k->col, s->row, k->last, t, k->f));
        break;
    case CK_COMMENT:
        memset(&co, 0, sizeof co);
        co.width = 320;
        co.height = (uint16_t)(k->num * 15 + 10 < 400 ? k->num * 15 + 10 : 400);
        note(s->b, worksheet_write_comment_opt(ws, s->row, k->col, t, &co));
        break;
    }
}

/* Writes the row being built: its height, then its cells. */
static void row_end(sheet *s)
{
    if (!s->open || s->measuring || !s->ws) {
        s->open = false;
        return;
    }
    double h = s->height;
    for (size_t i = 0; s->height == 0 && i < s->ncells; i++) {
        double lh = (double)s->cells[i].lines * LINE_PT;
        h = lh > LINE_PT && lh > h ? lh : h;
    }
    if (h > 0)
        note(s->b, worksheet_set_row(s->ws, s->row, h, NULL));
    for (size_t i = 0; i < s->ncells; i++)
        emit(s, &s->cells[i]);
    s->open = false;
}

/* Starts row r (ending the one before); height 0 means from its cells. */
static void row_begin(sheet *s, lxw_row_t r, double height)
{
    row_end(s);
    s->row = r;
    s->open = true;
    s->height = height;
    s->ncells = 0;
    pt_buf_clear(&s->text);
}

/* A new cell of the row being built, with text v copied (cut to Excel's
 * limit at a character boundary); NULL when out of memory. */
static cell *add_cell(sheet *s, lxw_col_t c, int kind, lxw_format *f, const char *v)
{
    if (pt_grow(&s->cells, s->ncells, &s->capcells, sizeof *s->cells, 32) != 0) {
        s->b->oom = true;
        return NULL;
    }
    cell *k = &s->cells[s->ncells++];
    *k = (cell){c, c, (uint8_t)kind, 0, f, 0, s->text.len};
    if (v) {
        size_t n = strlen(v);
        if (n > STR_MAX) {
            n = STR_MAX;
            while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
                n--;
        }
        pt_buf_add(&s->text, v, n);
        pt_buf_addc(&s->text, '\0');
        s->b->oom = s->b->oom || s->text.oom;
    }
    return k;
}

/* Sets the lines cell k takes when its text v wraps in its column(s).
 * Texts that outlive the render (the plan's titles, names, deadlines) are
 * remembered by address: a million rows repeat a few hundred of them. The
 * only other texts are built in the book's scratch buffer (never cached);
 * no text comes from a stack buffer. */
static void set_lines(sheet *s, cell *k, const char *v)
{
    size_t w = 0;
    for (size_t c = k->col; c <= k->last && c < s->ncols; c++)
        w += s->w[c] + (c > k->col ? 2 : 0);
    const pt_buf *t = &s->b->text;
    bool scratch_text = t->data && v >= t->data && v < t->data + t->cap;
    size_t slot = ((uintptr_t)v >> 4) & 255;
    if (!w)
        return;
    if (!scratch_text && s->wrapped[slot].v == v && s->wrapped[slot].width == w) {
        k->lines = (uint16_t)s->wrapped[slot].lines;
        return;
    }
    size_t lines = wrap_lines(v, w);
    k->lines = (uint16_t)(lines < UINT16_MAX ? lines : UINT16_MAX);
    if (!scratch_text) {
        s->wrapped[slot].v = v;
        s->wrapped[slot].width = w;
        s->wrapped[slot].lines = k->lines;
    }
}

/* An empty cell that shows its format (borders, a fill). */
static void put_blank(sheet *s, lxw_col_t c, lxw_format *f)
{
    if (!s->measuring && !s->sparse)
        add_cell(s, c, CK_BLANK, f, NULL);
}

/* A text cell whose width counts for its column; empty text gives a blank. */
static void put_str(sheet *s, lxw_col_t c, const char *v, lxw_format *f)
{
    if (!v || !*v) {
        put_blank(s, c, f);
    } else if (s->measuring) {
        measure(s, c, v, false);
    } else {
        cell *k = add_cell(s, c, CK_STR, f, v);
        if (k && wraps(s->b, f))
            set_lines(s, k, v);
    }
}

/* A text that runs across the columns to its right, and does not widen its own. */
static void put_free(sheet *s, lxw_col_t c, const char *v, lxw_format *f)
{
    if (!s->measuring)
        add_cell(s, c, CK_STR, f, v);
}

/* A header: wraps at words, at most about three lines. */
static void put_header(sheet *s, lxw_col_t c, const char *v, lxw_format *f)
{
    if (s->measuring) {
        measure(s, c, v, true);
    } else {
        cell *k = add_cell(s, c, CK_STR, f, v);
        if (k)
            set_lines(s, k, v);
    }
}

/* A label over columns c..last (not measured). */
static void put_merge(sheet *s, lxw_col_t c, lxw_col_t last, const char *v, lxw_format *f)
{
    cell *k = s->measuring ? NULL : add_cell(s, c, CK_MERGE, f, v);
    if (k) {
        k->last = last;
        if (wraps(s->b, f))
            set_lines(s, k, v);
    }
}

static void put_num(sheet *s, lxw_col_t c, double v, lxw_format *f)
{
    char buf[32];
    cell *k;
    if (s->measuring)
        measure_n(s, c, (size_t)snprintf(buf, sizeof buf, "%.0f", v));
    else if ((k = add_cell(s, c, CK_NUM, f, NULL)) != NULL)
        k->num = v;
}

/* A rate as a percentage; a null rate (< 0) gives a blank. */
static void put_rate(sheet *s, lxw_col_t c, double rate, lxw_format *f)
{
    cell *k;
    if (rate < 0)
        put_blank(s, c, f);
    else if (s->measuring)
        measure_n(s, c, 6);
    else if ((k = add_cell(s, c, CK_NUM, f, NULL)) != NULL)
        k->num = rate;
}

/* A real Excel date shown dd/mm/yyyy; NONE gives a blank. */
static void put_date(sheet *s, lxw_col_t c, pt_date d, lxw_format *f)
{
    cell *k;
    if (d == PT_DATE_NONE)
        put_blank(s, c, f);
    else if (s->measuring)
        measure_n(s, c, 10);
    else if ((k = add_cell(s, c, CK_DATE, f, NULL)) != NULL)
        k->num = d;
}

/* A cell comment (after the cell it belongs to). */
static void put_comment(sheet *s, lxw_col_t c, const char *text)
{
    cell *k = s->measuring ? NULL : add_cell(s, c, CK_COMMENT, NULL, text);
    if (!k)
        return;
    k->num = 1;
    for (const char *p = text; *p; p++)
        k->num += *p == '\n';
}

/* The autofilter over rows hdr..last, set as the last row ends (in
 * constant_memory mode libxlsxwriter refuses a range whose last row was
 * already written, so a table with rows below it sets it before them). */
static void sheet_filter(sheet *s, lxw_row_t hdr, lxw_row_t last)
{
    if (s->measuring || !s->ws || s->filtered)
        return;
    row_end(s);
    if (s->ncols > 1)
        note(s->b, worksheet_autofilter(s->ws, hdr, 0, last, (lxw_col_t)(s->ncols - 1)));
    s->filtered = true;
}

/* Sets the autofilter over hdr..last (unless set), the frozen header and
 * the header repeated on every printed page. */
static void sheet_finish(sheet *s, lxw_row_t hdr, lxw_row_t last, lxw_col_t freeze_col)
{
    if (s->measuring || !s->ws)
        return;
    sheet_filter(s, hdr, last);
    row_end(s);
    worksheet_freeze_panes(s->ws, hdr + 1, freeze_col);
    note(s->b, worksheet_repeat_rows(s->ws, hdr, hdr));
}

/* Makes s sparse: Chi tiết has millions of empty cells (not yet received,
 * not extended...), and writing each with its borders costs a quarter of
 * the time; they are left out and the grid lines, which Excel shows anyway,
 * are printed instead. Agency workbooks, printed and sent to each agency,
 * keep their borders and no grid. */
static void sheet_sparse(sheet *s)
{
    s->sparse = true;
    worksheet_gridlines(s->ws, LXW_SHOW_ALL_GRIDLINES);
}

/* Runs body twice on s (measuring, then writing) and releases s. */
static void two_pass(sheet *s, void (*body)(sheet *, const void *), const void *arg)
{
    if (!s->ws)
        return;
    s->measuring = true;
    body(s, arg);
    s->open = false;
    sheet_widths(s);
    body(s, arg);
    row_end(s);
    sheet_release(s);
}

/* The lines above a table: the title, the plans, the as-of date. Returns
 * the next row. */
static lxw_row_t put_titles(sheet *s, const char *title, bool plans)
{
    const model *m = s->b->m;
    char day[11];
    lxw_row_t r = 0;
    row_begin(s, r++, TITLE_PT);
    put_free(s, 0, title, s->b->f[F_TITLE]);
    if (plans) {
        row_begin(s, r++, 0);
        put_free(s, 0, m->plans_line, s->b->f[F_BOLD]);
    }
    row_begin(s, r++, 0);
    pt_date_vn(m->as_of, day);
    pt_buf_printf(scratch(s->b), m->L->as_of, day);
    put_free(s, 0, scratch_str(s->b), s->b->f[F_PLAIN]);
    return r;
}

/* The result's period as people write it ("" for a one-off). */
static const char *period_of(const model *m, const pt_result *x)
{
    return m->period[flat_index(m, x->ob)];
}

/* ---- the results table (Chi tiết, Quá hạn, agency workbooks) --------------- */

/* Widest width per column of a results table; longer text wraps. */
static const uint8_t DETAIL_CAP[DC_COUNT] = {6, 14, 8, 36, 22, 12, 22, 10, 10, 16, 10, 14,
                                             8, 10, 24};

static const char *resubmissions(book *b, const pt_result *x)
{
    pt_buf *t = scratch(b);
    for (size_t i = 0; i < x->n_resubmissions; i++) {
        char day[11];
        pt_date_vn(x->resubmissions[i], day);
        pt_buf_printf(t, "%s%s", i ? "; " : "", day);
    }
    return scratch_str(b);
}

static const char *result_note(book *b, const pt_result *x)
{
    pt_buf *t = scratch(b);
    if (x->exempt)
        pt_buf_printf(t, "%s%s", b->m->L->c_exempt, x->exempt);
    if (x->note)
        pt_buf_printf(t, "%s%s", x->exempt ? "; " : "", x->note);
    return scratch_str(b);
}

static void result_row(sheet *s, const pt_result *x, size_t stt)
{
    book *b = s->b;
    lxw_format **f = b->f;
    int days = x->state == PT_ST_LATE      ? x->days_late
               : x->state == PT_ST_OVERDUE ? x->days_overdue
                                           : 0;
    put_num(s, DC_STT, (double)stt, f[F_INT]);
    put_str(s, DC_PLAN, plan_ref(x->plan), f[F_WRAP]);
    put_str(s, DC_TASK, x->task->id, f[F_TEXT]);
    put_str(s, DC_TITLE, x->task->title, f[F_WRAP]);
    put_str(s, DC_AGENCY, x->agency->name, f[F_WRAP]);
    put_str(s, DC_PERIOD, period_of(b->m, x), f[F_TEXT]);
    put_str(s, DC_DUE_TEXT, x->task->due_text, f[F_WRAP]);
    put_date(s, DC_DUE, x->original_due, f[F_DATE]);
    put_date(s, DC_EXTENDED, x->extended, f[F_DATE]);
    put_str(s, DC_STATUS, b->m->state_label[x->state], b->state[x->state]);
    put_date(s, DC_SUBMITTED, x->submitted, f[F_DATE]);
    put_str(s, DC_REF, x->ref, f[F_WRAP]);
    if (days > 0)
        put_num(s, DC_DAYS, days, f[F_INT]);
    else
        put_blank(s, DC_DAYS, f[F_INT]);
    put_str(s, DC_RESUB, resubmissions(b, x), f[F_WRAP]);
    put_str(s, DC_NOTE, result_note(b, x), f[F_WRAP]);
}

/* One sheet's part of a results table. */
typedef struct {
    const uint32_t *idx;      /* result numbers; NULL: all results in check order */
    size_t from, n;           /* this sheet holds idx[from .. from+n) */
    lxw_row_t hdr;            /* the header row */
    void (*top)(sheet *, const void *);  /* the rows above the header, or NULL */
    const void *top_arg;
} results_part;

static void results_body(sheet *s, const void *arg)
{
    const results_part *p = arg;
    const model *m = s->b->m;
    if (p->top)
        p->top(s, p->top_arg);
    row_begin(s, p->hdr, 0);
    for (lxw_col_t c = 0; c < DC_COUNT; c++)
        put_header(s, c, m->L->detail_col[c], s->b->f[F_HEADER]);
    for (size_t i = 0; i < p->n; i++) {
        size_t j = p->from + i;
        row_begin(s, p->hdr + 1 + (lxw_row_t)i, 0);
        result_row(s, pt_check_result(m->c, p->idx ? p->idx[j] : j), j + 1);
    }
    sheet_finish(s, p->hdr, p->hdr + (lxw_row_t)p->n, 0);
}

/* Writes the results idx[0..n) as a table in sheet base, its header at row
 * hdr under the rows top writes. When the sheet is full the table goes on
 * in "<base> (2)", "<base> (3)"... One function serves Chi tiết, Quá hạn
 * and the agency workbooks. */
static void write_results(book *b, const char *base, const uint32_t *idx, size_t n,
                          lxw_row_t hdr, void (*top)(sheet *, const void *), const void *top_arg)
{
    const model *m = b->m;
    results_part p = {idx, 0, 0, hdr, top, top_arg};
    for (int part = 1;; part++) {
        char name[64];
        snprintf(name, sizeof name, part == 1 ? "%s" : "%s (%d)", base, part);
        size_t room = m->max_rows > (size_t)p.hdr + 2 ? m->max_rows - p.hdr - 1 : 1;
        p.n = n - p.from < room ? n - p.from : room;
        sheet s;
        if (sheet_open(&s, b, name, DC_COUNT, DETAIL_CAP) != 0)
            return;
        if (!p.top)
            sheet_sparse(&s);
        two_pass(&s, results_body, &p);
        p.from += p.n;
        if (p.from >= n)
            return;
        p.hdr = 0;
        p.top = NULL;
    }
}

/* ---- Tổng hợp -------------------------------------------------------------- */

static const uint8_t SUMMARY_CAP[SC_COUNT] = {0, 0, 40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

/* One row of counts: an agency (stt > 0) or the totals row (stt == 0). */
static void counts_row(sheet *s, const pt_agency_result *a, size_t stt)
{
    book *b = s->b;
    bool total = stt == 0;
    lxw_format *text = b->f[total ? F_TOTAL_TEXT : F_WRAP];
    lxw_format *num = b->f[total ? F_TOTAL_INT : F_INT];
    if (total) {
        put_blank(s, SC_STT, num);
        put_blank(s, SC_ID, text);
        put_str(s, SC_NAME, b->m->L->total, text);
    } else {
        put_num(s, SC_STT, (double)stt, num);
        put_str(s, SC_ID, a->label, b->f[F_TEXT]);
        put_str(s, SC_NAME, a->agency->name, text);
    }
    put_num(s, SC_TOTAL, (double)a->total, num);
    for (int st = 0; st < PT_ST_COUNT; st++)
        put_num(s, (lxw_col_t)(SC_STATE + st), (double)a->counts[st], num);
    put_rate(s, SC_RATE, a->rate, b->f[total ? F_TOTAL_PCT : F_PCT]);
    if (total || a->rate < 0)
        put_blank(s, SC_RANK, num);
    else
        put_num(s, SC_RANK, a->rank, num);
}

/* Positions in m->ag ordered by rank (null rates last), registry order
 * among equals. Caller frees. */
static uint32_t *rank_order(const model *m)
{
    sort_key *k = malloc((m->na ? m->na : 1) * sizeof *k);
    uint32_t *o = malloc((m->na ? m->na : 1) * sizeof *o);
    if (!k || !o) {
        free(k);
        free(o);
        return NULL;
    }
    for (size_t i = 0; i < m->na; i++)
        k[i] = (sort_key){(uint32_t)i, m->ag[i]->rate < 0 ? INT32_MAX : m->ag[i]->rank, 0};
    qsort(k, m->na, sizeof *k, cmp_key_asc);
    for (size_t i = 0; i < m->na; i++)
        o[i] = k[i].idx;
    free(k);
    return o;
}

static void summary_body(sheet *s, const void *arg)
{
    const uint32_t *order = arg;
    book *b = s->b;
    const model *m = b->m;
    lxw_row_t hdr = put_titles(s, m->L->title_summary, true);
    row_begin(s, hdr, 0);
    for (lxw_col_t c = 0; c < SC_COUNT; c++) {
        bool st = c >= SC_STATE && c < SC_STATE + PT_ST_COUNT;
        put_header(s, c, st ? m->state_label[c - SC_STATE] : m->L->summary_col[c],
                   st ? b->state_hdr[c - SC_STATE] : b->f[F_HEADER]);
    }
    lxw_row_t r = hdr + 1;
    for (size_t i = 0; i < m->na; i++) {
        row_begin(s, r++, 0);
        counts_row(s, m->ag[order[i]], i + 1);
    }
    sheet_filter(s, hdr, r - 1);
    row_begin(s, r, 0);
    counts_row(s, pt_check_totals(m->c), 0);
    row_begin(s, r + 2, 0);
    put_free(s, 0, m->L->rate_note, b->f[F_PLAIN]);
    sheet_finish(s, hdr, r - 1, 0);
}

static void sheet_summary(book *b)
{
    uint32_t *order = rank_order(b->m);
    sheet s;
    if (!order)
        b->oom = true;
    else if (sheet_open(&s, b, b->m->L->sheet[SH_SUMMARY], SC_COUNT, SUMMARY_CAP) == 0)
        two_pass(&s, summary_body, order);
    free(order);
}

/* ---- Ma trận ---------------------------------------------------------------- */

typedef struct {
    uint32_t *col;           /* flat number -> 1-based matrix column, 0 when unused */
    const pt_result **head;  /* one result of each matrix column */
    size_t ncols;
} matrix_cols;

static void matrix_release(matrix_cols *mc)
{
    free(mc->col);
    free(mc->head);
}

/* The columns: every (plan, task, period) that has a result, in plan,
 * task and period order. */
static int matrix_build(matrix_cols *mc, const model *m)
{
    memset(mc, 0, sizeof *mc);
    mc->col = calloc(m->nflat + 1, sizeof *mc->col);
    mc->head = calloc(m->nflat + 1, sizeof *mc->head);
    if (!mc->col || !mc->head)
        return -1;
    for (size_t i = 0; i < m->n; i++) {
        const pt_result *x = pt_check_result(m->c, i);
        size_t f = flat_index(m, x->ob);
        if (!mc->head[f])
            mc->head[f] = x;
    }
    for (size_t f = 0; f < m->nflat; f++)
        if (mc->head[f]) {
            mc->head[mc->ncols] = mc->head[f];
            mc->col[f] = (uint32_t)++mc->ncols;
        }
    return 0;
}

static const char *matrix_heading(book *b, const pt_result *x)
{
    const char *period = period_of(b->m, x);
    pt_buf *t = scratch(b);
    if (pt_set_plan_count(b->m->set) > 1)
        pt_buf_printf(t, "%s\n", plan_ref(x->plan));
    pt_buf_adds(t, x->task->id);
    if (period[0])
        pt_buf_printf(t, "\n%s", period);
    return scratch_str(b);
}

static void add_date_line(pt_buf *t, const char *label, pt_date d)
{
    char day[11];
    if (d == PT_DATE_NONE)
        return;
    pt_date_vn(d, day);
    pt_buf_printf(t, "%s%s\n", label, day);
}

/* The comment of a matrix cell: the deadline and the dates. */
static const char *matrix_comment(book *b, const pt_result *x)
{
    const lang_text *L = b->m->L;
    pt_buf *t = scratch(b);
    if (x->task->due_text)
        pt_buf_printf(t, "%s%s\n", L->c_due_text, x->task->due_text);
    add_date_line(t, L->c_due, x->original_due);
    add_date_line(t, L->c_extended, x->extended);
    add_date_line(t, L->c_received, x->submitted);
    if (x->ref)
        pt_buf_printf(t, "%s%s\n", L->c_ref, x->ref);
    if (x->state == PT_ST_LATE)
        pt_buf_printf(t, L->c_late, x->days_late);
    else if (x->state == PT_ST_OVERDUE)
        pt_buf_printf(t, L->c_overdue, x->days_overdue);
    else if (x->exempt)
        pt_buf_printf(t, "%s%s", L->c_exempt, x->exempt);
    while (t->len && t->data[t->len - 1] == '\n')
        t->len--;
    return scratch_str(b);
}

static const uint8_t MATRIX_CAP[1] = {30};
#define MATRIX_CELL_CAP 16

/* One matrix sheet's part: the columns first+1 .. first+n. */
typedef struct {
    const matrix_cols *mc;
    size_t first, n;
    bool comments;
    const pt_result **cell;   /* room for n results, kept cleared */
} matrix_part;

/* One matrix row: the agency, then each column's status word or a blank. */
static void matrix_row(sheet *s, size_t a, const matrix_part *p)
{
    book *b = s->b;
    const model *m = b->m;
    const pt_agency *ag = m->ag[a]->agency;
    put_str(s, 0, ag->short_name ? ag->short_name : ag->name, b->f[F_WRAP]);
    for (size_t i = m->off[a]; i < m->off[a + 1]; i++) {
        const pt_result *x = pt_check_result(m->c, m->by_ag[i]);
        size_t col = p->mc->col[flat_index(m, x->ob)];
        if (col > p->first && col <= p->first + p->n)
            p->cell[col - p->first - 1] = x;
    }
    for (size_t i = 0; i < p->n; i++) {
        const pt_result *x = p->cell[i];
        lxw_col_t c = (lxw_col_t)(i + 1);
        p->cell[i] = NULL;
        if (!x) {
            put_blank(s, c, b->f[F_TEXT]);
            continue;
        }
        put_str(s, c, m->L->word[x->state], b->state[x->state]);
        if (p->comments && !s->measuring)
            put_comment(s, c, matrix_comment(b, x));
    }
}

static void matrix_body(sheet *s, const void *arg)
{
    const matrix_part *p = arg;
    book *b = s->b;
    const lang_text *L = b->m->L;
    lxw_row_t r = put_titles(s, L->title_matrix, true);
    row_begin(s, r, 0);
    put_free(s, 0, L->legend, b->f[F_BOLD]);
    for (int st = 0; st < PT_ST_COUNT; st++)
        put_str(s, (lxw_col_t)(st + 1), L->word[st], b->state_hdr[st]);
    lxw_row_t hdr = r + 1;
    row_begin(s, hdr, 0);
    put_header(s, 0, L->agency, b->f[F_HEADER]);
    for (size_t i = 0; i < p->n; i++) {
        const pt_result *x = p->mc->head[p->first + i];
        put_header(s, (lxw_col_t)(i + 1), matrix_heading(b, x), b->f[F_HEADER]);
        if (p->comments && x->task->title)
            put_comment(s, (lxw_col_t)(i + 1), x->task->title);
    }
    for (size_t a = 0; a < b->m->na; a++) {
        row_begin(s, hdr + 1 + (lxw_row_t)a, 0);
        matrix_row(s, a, p);
    }
    sheet_finish(s, hdr, hdr + (lxw_row_t)b->m->na, 1);
}

static void sheet_matrix(book *b)
{
    const model *m = b->m;
    matrix_cols mc;
    size_t per = LXW_COL_MAX - 1;
    const pt_result **slots = calloc(per, sizeof *slots);
    if (!slots || matrix_build(&mc, m) != 0) {
        free(slots);
        b->oom = true;
        return;
    }
    matrix_part p = {&mc, 0, 0, m->n <= MATRIX_COMMENTS_MAX, slots};
    for (size_t part = 1; p.first == 0 || p.first < mc.ncols; p.first += per, part++) {
        char name[64];
        sheet s;
        snprintf(name, sizeof name, part == 1 ? "%s" : "%s (%zu)", m->L->sheet[SH_MATRIX], part);
        p.n = mc.ncols - p.first < per ? mc.ncols - p.first : per;
        if (sheet_open(&s, b, name, p.n + 1, NULL) == 0) {
            s.cap = MATRIX_CAP;           /* the agency column, then the narrow cells */
            s.ncap = 1;
            s.cap_rest = MATRIX_CELL_CAP;
            two_pass(&s, matrix_body, &p);
        }
        if (mc.ncols == 0)
            break;
    }
    free(slots);
    matrix_release(&mc);
}

/* ---- Chi tiết, Quá hạn ---------------------------------------------------------- */

static void sheet_results(book *b, int which, const uint32_t *idx, size_t n)
{
    write_results(b, b->m->L->sheet[which], idx, n, 0, NULL, NULL);
}

/* ---- Biểu đồ ---------------------------------------------------------------------- */

static void chart_add(sheet *s, lxw_row_t first, lxw_row_t last)
{
    book *b = s->b;
    const model *m = b->m;
    lxw_chart *ch = workbook_add_chart(b->wb, LXW_CHART_BAR);
    lxw_chart_series *ser = ch ? chart_add_series(ch, NULL, NULL) : NULL;
    if (!ser) {
        b->oom = true;
        return;
    }
    chart_series_set_categories(ser, s->name, first, 2, last, 2);
    /* constant_memory leaves charts without a data cache, and libxlsxwriter
     * then refers to categories as numbers; they are names. */
    if (ser->categories)
        ser->categories->has_string_cache = LXW_TRUE;
    chart_series_set_values(ser, s->name, first, 3, last, 3);
    chart_series_set_name(ser, m->L->rate);
    chart_series_set_labels(ser);
    chart_series_set_labels_num_format(ser, "0.0%");
    char day[11];
    pt_date_vn(m->as_of, day);
    pt_buf_printf(scratch(b), "%s - ", m->L->rate);
    pt_buf_printf(&b->text, m->L->as_of, day);
    chart_title_set_name(ch, scratch_str(b));
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    /* In a bar chart y is the category axis: best rate at the top. */
    chart_axis_set_reverse(ch->y_axis);
    chart_axis_set_crossing_max(ch->y_axis);
    chart_axis_set_min(ch->x_axis, 0);
    chart_axis_set_max(ch->x_axis, 1);
    chart_axis_set_num_format(ch->x_axis, "0%");
    lxw_chart_options o;
    memset(&o, 0, sizeof o);
    o.x_scale = 2;
    double h = 20.0 * (double)(last - first + 1) + 120;
    o.y_scale = h < 288 ? 1 : h / 288;
    note(b, worksheet_insert_chart_opt(s->ws, 1, 5, ch, &o));
}

/* The agencies that have a rate, best first. */
typedef struct {
    const sort_key *k;
    size_t n;
} chart_rows;

static void chart_body(sheet *s, const void *arg)
{
    const chart_rows *cr = arg;
    book *b = s->b;
    const model *m = b->m;
    const char *head[4] = {m->L->summary_col[SC_STT], m->L->summary_col[SC_ID], m->L->agency,
                           m->L->rate};
    lxw_row_t hdr = put_titles(s, m->L->title_chart, false);
    row_begin(s, hdr, 0);
    for (lxw_col_t c = 0; c < 4; c++)
        put_header(s, c, head[c], b->f[F_HEADER]);
    for (size_t i = 0; i < cr->n; i++) {
        const pt_agency_result *a = m->ag[cr->k[i].idx];
        row_begin(s, hdr + 1 + (lxw_row_t)i, 0);
        put_num(s, 0, (double)(i + 1), b->f[F_INT]);
        put_str(s, 1, a->label, b->f[F_TEXT]);
        put_str(s, 2, a->agency->short_name ? a->agency->short_name : a->agency->name,
                b->f[F_WRAP]);
        put_rate(s, 3, a->rate, b->f[F_PCT]);
    }
    sheet_filter(s, hdr, hdr + (lxw_row_t)cr->n);
    if (cr->n && !s->measuring)
        chart_add(s, hdr + 1, hdr + (lxw_row_t)cr->n);
    if (!cr->n) {
        row_begin(s, hdr + 1, 0);
        put_free(s, 0, m->L->no_rate, b->f[F_PLAIN]);
    }
    sheet_finish(s, hdr, hdr + (lxw_row_t)cr->n, 0);
}

static void sheet_chart(book *b)
{
    const model *m = b->m;
    sort_key *k = malloc((m->na ? m->na : 1) * sizeof *k);
    chart_rows cr = {k, 0};
    sheet s;
    if (!k) {
        b->oom = true;
        return;
    }
    for (size_t i = 0; i < m->na; i++)
        if (m->ag[i]->rate >= 0)
            k[cr.n++] = (sort_key){(uint32_t)i, 0, m->ag[i]->rate};
    qsort(k, cr.n, sizeof *k, cmp_rate_desc);
    if (sheet_open(&s, b, m->L->sheet[SH_CHART], 4, NULL) == 0)
        two_pass(&s, chart_body, &cr);
    free(k);
}

/* ---- Thông tin ---------------------------------------------------------------------- */

static void info_text(sheet *s, lxw_row_t *r, int label, const char *v)
{
    if (!v || !*v)
        return;
    row_begin(s, (*r)++, 0);
    put_str(s, 0, s->b->m->L->info[label], s->b->f[F_LABEL]);
    put_str(s, 1, v, s->b->f[F_WRAP]);
}

static void info_date(sheet *s, lxw_row_t *r, int label, pt_date d)
{
    if (d == PT_DATE_NONE)
        return;
    row_begin(s, (*r)++, 0);
    put_str(s, 0, s->b->m->L->info[label], s->b->f[F_LABEL]);
    put_date(s, 1, d, s->b->f[F_VALUE_DATE]);
}

static void info_plan(sheet *s, lxw_row_t *r, const pt_plan *p)
{
    info_text(s, r, IL_PLAN, p->id);
    info_text(s, r, IL_TITLE, p->title);
    info_text(s, r, IL_NUMBER, p->number);
    info_text(s, r, IL_KIND, p->kind);
    info_text(s, r, IL_ISSUER, p->issuer);
    info_date(s, r, IL_ISSUED, p->issued);
    info_text(s, r, IL_SUBJECT, p->subject);
    info_text(s, r, IL_PERIOD, p->period_text);
    for (size_t i = 0; i < p->n_basis; i++)
        info_text(s, r, IL_BASIS, p->basis[i]);
    info_text(s, r, IL_FILE, p->path);
}

static void info_run(sheet *s, lxw_row_t *r)
{
    const model *m = s->b->m;
    const pt_check_opts *o = pt_check_options(m->c);
    info_date(s, r, IL_AS_OF, m->as_of);
    row_begin(s, (*r)++, 0);
    put_str(s, 0, m->L->info[IL_HORIZON], s->b->f[F_LABEL]);
    put_num(s, 1, o->horizon, s->b->f[F_VALUE]);
    for (size_t i = 0; i < o->n_agencies; i++)
        info_text(s, r, IL_FILTER, o->agencies[i]);
    for (size_t i = 0; i < pt_set_file_count(m->set); i++)
        info_text(s, r, IL_INPUT, pt_set_file(m->set, i));
    for (size_t i = 0; m->st && i < pt_status_file_count(m->st); i++)
        info_text(s, r, IL_STATUS, pt_status_file(m->st, i));
    pt_buf_printf(scratch(s->b), "plantrack %s", m->version ? m->version : "");
    info_text(s, r, IL_VERSION, scratch_str(s->b));
}

static void info_legend(sheet *s, lxw_row_t *r)
{
    book *b = s->b;
    for (int st = 0; st < PT_ST_COUNT; st++) {
        row_begin(s, (*r)++, 0);
        put_str(s, 0, b->m->L->info[IL_LEGEND], b->f[F_LABEL]);
        pt_buf_printf(scratch(b), "%s: %s", b->m->L->word[st], b->m->state_label[st]);
        put_str(s, 1, scratch_str(b), b->state[st]);
    }
}

static void info_body(sheet *s, const void *arg)
{
    const model *m = s->b->m;
    (void)arg;
    lxw_row_t hdr = put_titles(s, m->L->title_info, false);
    row_begin(s, hdr, 0);
    put_header(s, 0, m->L->item, s->b->f[F_HEADER]);
    put_header(s, 1, m->L->value, s->b->f[F_HEADER]);
    lxw_row_t r = hdr + 1;
    for (size_t i = 0; i < pt_set_plan_count(m->set); i++)
        info_plan(s, &r, pt_set_plan(m->set, i));
    info_run(s, &r);
    info_legend(s, &r);
    sheet_finish(s, hdr, r - 1, 0);
}

static void sheet_info(book *b)
{
    static const uint8_t cap[2] = {36, 90};
    sheet s;
    if (sheet_open(&s, b, b->m->L->sheet[SH_INFO], 2, cap) == 0)
        two_pass(&s, info_body, NULL);
}

/* ---- the workbooks ---------------------------------------------------------------------- */

/* Writes the workbook reserved at tmp: opens it, fills it, closes it.
 * Returns how it ended (BOOK_OK...). */
static int write_book(const model *m, const char *tmp, const char *final, const char *title,
                      size_t rows, void (*fill)(book *, size_t), size_t arg)
{
    book b;
    if (book_open(&b, m, tmp, final, title, rows) != 0)
        return BOOK_NOMEM;
    fill(&b, arg);
    return book_close(&b);
}

static void summary_fill(book *b, size_t unused)
{
    const model *m = b->m;
    (void)unused;
    sheet_summary(b);
    sheet_matrix(b);
    sheet_results(b, SH_DETAILS, NULL, m->n);
    sheet_results(b, SH_OVERDUE, m->overdue, m->n_overdue);
    sheet_chart(b);
    sheet_info(b);
}

/* The file name of an agency's workbook: "registry/id" becomes
 * "registry__id"; any byte outside [A-Za-z0-9._-] becomes '_'. Caller frees. */
static char *agency_file_name(const char *label)
{
    pt_buf b = PT_BUF_INIT;
    for (const char *p = label; *p; p++) {
        if (*p == '/')
            pt_buf_adds(&b, "__");
        else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                 (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || (*p == '.' && p != label))
            pt_buf_addc(&b, *p);
        else
            pt_buf_addc(&b, '_');
    }
    pt_buf_adds(&b, ".xlsx");
    if (b.oom) {
        pt_buf_release(&b);
        return NULL;
    }
    return pt_buf_detach(&b);
}

/* The rows above an agency's table: the title, the date and plans, and a
 * summary block, two items a row: a label over A:C with its value in D,
 * and one over E:F with its value in G. */
static void agency_top(sheet *s, const void *arg)
{
    enum { I_TOTAL = PT_ST_COUNT, I_RATE, I_RANK, I_COUNT };
    static const int order[I_COUNT] = {I_TOTAL, I_RATE, PT_ST_ON_TIME, PT_ST_LATE,
                                       PT_ST_OVERDUE, PT_ST_DUE_SOON, PT_ST_OPEN, I_RANK,
                                       PT_ST_EXEMPT, PT_ST_UNTRACKED};
    const pt_agency_result *a = arg;
    book *b = s->b;
    const model *m = b->m;
    char day[11];
    row_begin(s, 0, TITLE_PT);
    pt_buf_printf(scratch(b), "%s: %s (%s)", m->L->title_agency, a->agency->name, a->label);
    put_free(s, 0, scratch_str(b), b->f[F_TITLE]);
    row_begin(s, 1, 0);
    pt_date_vn(m->as_of, day);
    pt_buf_printf(scratch(b), m->L->as_of, day);
    pt_buf_printf(&b->text, ". %s", m->plans_line);
    put_free(s, 0, scratch_str(b), b->f[F_PLAIN]);
    for (int i = 0; i < I_COUNT; i++) {
        int it = order[i];
        lxw_col_t c = i % 2 ? 4 : 0, v = i % 2 ? 6 : 3;
        if (i % 2 == 0)
            row_begin(s, (lxw_row_t)(2 + i / 2), 0);
        put_merge(s, c, (lxw_col_t)(c + (i % 2 ? 1 : 2)),
                  it == I_TOTAL  ? m->L->summary_col[SC_TOTAL]
                  : it == I_RATE ? m->L->rate
                  : it == I_RANK ? m->L->summary_col[SC_RANK]
                                 : m->state_label[it],
                  it < PT_ST_COUNT ? b->state_lbl[it] : b->f[F_LABEL]);
        if (it == I_TOTAL || it < PT_ST_COUNT) {
            put_num(s, v, (double)(it == I_TOTAL ? a->total : a->counts[it]), b->f[F_VALUE]);
        } else if (it == I_RATE || a->rate < 0) {
            put_rate(s, v, a->rate, b->f[F_VALUE_PCT]);
        } else {
            pt_buf_printf(scratch(b), m->L->rank_of, a->rank, m->na);
            put_str(s, v, scratch_str(b), b->f[F_VALUE]);
        }
    }
}

#define AGENCY_HEADER_ROW 8   /* two title rows, five block rows, a blank one */

static void agency_fill(book *b, size_t ai)
{
    const model *m = b->m;
    write_results(b, m->L->sheet[SH_AGENCY], m->by_ag + m->off[ai], m->off[ai + 1] - m->off[ai],
                  AGENCY_HEADER_ROW, agency_top, m->ag[ai]);
}

/* ---- the jobs: summary.xlsx and each agency's workbook ----------------------------- */

/* Writing a big render is mostly libxlsxwriter and zlib work, in
 * independent workbooks. Job 0 is summary.xlsx (about half of the work),
 * job 1 + i the workbook of agency i. Every temporary name is reserved
 * first; then this process and, for a big render on more than one
 * processor, a child process take jobs from a shared counter until none is
 * left, and record how each ended on a shared board. A process rather than
 * a thread: libxlsxwriter 1.1.4 is not thread-safe (it formats dates with
 * gmtime). Each workbook is the same whichever process writes it. */

#define JOB_PENDING INT_MIN          /* not taken */
#define JOB_RUNNING (INT_MIN + 1)    /* taken; still so after a child died */

typedef struct {
    atomic_size_t next;              /* the next job to take */
    atomic_int failed;               /* a job failed: take no more */
    int status[];                    /* per job: JOB_*, or how writing it ended */
} job_board;

typedef struct {
    const model *m;
    size_t njobs;
    const char **tmp;                /* per job, owned by the output */
    char **final;                    /* per job */
    job_board *board;
    size_t board_size;
    bool shared;                     /* board is shared memory (a child runs) */
} jobs;

static int run_job(const jobs *j, size_t k)
{
    const model *m = j->m;
    if (k == 0)
        return write_book(m, j->tmp[0], j->final[0], m->L->doc_summary, m->n + m->n_overdue,
                          summary_fill, 0);
    size_t ai = k - 1;
    pt_buf title = PT_BUF_INIT;
    pt_buf_printf(&title, "%s - %s", m->L->doc_agency, m->ag[ai]->agency->name);
    int status = title.oom ? BOOK_NOMEM
                           : write_book(m, j->tmp[k], j->final[k], title.data,
                                        m->off[ai + 1] - m->off[ai], agency_fill, ai);
    pt_buf_release(&title);
    return status;
}

static void take_jobs(jobs *j)
{
    job_board *b = j->board;
    while (!atomic_load(&b->failed)) {
        size_t k = atomic_fetch_add(&b->next, 1);
        if (k >= j->njobs)
            return;
        b->status[k] = JOB_RUNNING;
        b->status[k] = run_job(j, k);
        if (b->status[k] != BOOK_OK)
            atomic_store(&b->failed, 1);
    }
}

/* The final names of every job, each reserved under a temporary name. */
static int jobs_reserve(jobs *j, output *o, const char *dir)
{
    const model *m = j->m;
    for (size_t k = 0; k < j->njobs; k++) {
        char *name = k ? agency_file_name(m->ag[k - 1]->label) : NULL;
        j->final[k] = k == 0 ? path_join(m->out_dir, "summary.xlsx")
                      : name ? path_join(dir, name)
                             : NULL;
        free(name);
        if (!j->final[k]) {
            report(o, PT_E_RENDER_NOMEM, "");
            return -1;
        }
        if (!(j->tmp[k] = output_reserve(o, j->final[k])))
            return -1;
    }
    return 0;
}

static bool worth_a_child(const model *m)
{
    return m->n >= FORK_ROWS && m->na > 0 && sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

static int jobs_init(jobs *j, const model *m)
{
    memset(j, 0, sizeof *j);
    j->m = m;
    j->njobs = 1 + m->na;
    j->tmp = calloc(j->njobs, sizeof *j->tmp);
    j->final = calloc(j->njobs, sizeof *j->final);
    j->board_size = sizeof *j->board + j->njobs * sizeof *j->board->status;
    j->shared = worth_a_child(m);
    if (j->shared) {
        void *p = mmap(NULL, j->board_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                       -1, 0);
        j->board = p == MAP_FAILED ? NULL : p;
        j->shared = j->board != NULL;
    }
    if (!j->board)
        j->board = malloc(j->board_size);
    if (!j->tmp || !j->final || !j->board)
        return -1;
    atomic_init(&j->board->next, 0);
    atomic_init(&j->board->failed, 0);
    for (size_t k = 0; k < j->njobs; k++)
        j->board->status[k] = JOB_PENDING;
    return 0;
}

static void jobs_release(jobs *j)
{
    for (size_t k = 0; j->final && k < j->njobs; k++)
        free(j->final[k]);
    free(j->final);
    free(j->tmp);
    if (j->shared)
        munmap(j->board, j->board_size);
    else
        free(j->board);
}

/* Takes jobs here and, when the board is shared, in a child process too. */
static void jobs_run(jobs *j)
{
    pid_t pid = j->shared ? fork() : -1;
    if (pid == 0) {
        take_jobs(j);
        _exit(0);
    }
    take_jobs(j);
    int ws;
    while (pid > 0 && waitpid(pid, &ws, 0) < 0 && errno == EINTR)
        ;
}

/* Reports every job that failed; a job left running by a child that died
 * (most likely killed for want of memory) is reported as out of memory. */
static int jobs_report(const jobs *j, output *o)
{
    int rc = 0;
    for (size_t k = 0; k < j->njobs; k++) {
        int st = j->board->status[k];
        if (st != JOB_PENDING && book_report(o, j->final[k], st == JOB_RUNNING ? BOOK_NOMEM : st))
            rc = -1;
    }
    return rc;
}

/* Writes summary.xlsx and the agency workbooks. Returns 0, or -1 after an
 * error (the caller rolls the files back). */
static int write_all(const model *m, output *o)
{
    char *dir = path_join(m->out_dir, "agencies");
    jobs j;
    int rc = -1;
    if (!dir || jobs_init(&j, m) != 0)
        report(o, PT_E_RENDER_NOMEM, "");
    else if ((m->na == 0 || make_dir(o, dir) == 0) && jobs_reserve(&j, o, dir) == 0) {
        if (m->n > MATRIX_COMMENTS_MAX)
            report(o, PT_W_RENDER_NO_COMMENTS, "", m->n, MATRIX_COMMENTS_MAX,
                   m->L->sheet[SH_DETAILS]);
        jobs_run(&j);
        rc = jobs_report(&j, o);
    }
    if (dir)
        jobs_release(&j);
    free(dir);
    return rc;
}

int pt_render(const pt_check *c, const pt_status *st, const pt_render_opts *opts, pt_diags *d)
{
    model m;
    output o;
    memset(&o, 0, sizeof o);
    o.d = d;
    int rc = -1;
    if (model_init(&m, c, st, opts, d) == 0 && make_dir(&o, m.out_dir) == 0 &&
        write_all(&m, &o) == 0 && output_commit(&o) == 0)
        rc = 0;
    if (rc != 0)
        output_rollback(&o);
    output_release(&o);
    model_release(&m);
    return rc;
}
