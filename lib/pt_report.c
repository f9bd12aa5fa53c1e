/* pt_report.c - JSON, CSV and text output of compile, check and explain.
 *
 * Every writer appends to a pt_buf and is deterministic: no locale, no
 * clock, no floating-point printing (rates are rounded with integer
 * arithmetic), and records in the set's order or in an order fully decided
 * by their keys.
 *
 * JSON layout: one object; each array element on a line of its own, so that
 * golden files diff line by line.
 *
 * check JSON and CSV fields (SPEC 5), with these decisions:
 *  - due: the last on-time day in force (the extended day when an extension
 *    was granted); original_due: the plan's own last on-time day; extended:
 *    the extension or null. Both extra fields follow the SPEC fields.
 *  - exempt: the reason, or null (extra field, last).
 *  - days_late: a number for a late obligation, else null; days_overdue: a
 *    number for an overdue one, else null.
 *  - agencies[].due: how many of the agency's obligations have a checkable
 *    last on-time day (every obligation but those with due null, i.e. all
 *    but the untracked ones; exempt ones included). agencies[].rank: extra
 *    field, competition ranking by rate (null rates rank last).
 *  - rate: on_time / (on_time + late + overdue), rounded half up to four
 *    decimals and printed without trailing zeros (0.6667, 0.5, 1, 0), or
 *    null when the denominator is 0.
 */
#include "pt_report.h"

#include <stdlib.h>
#include <string.h>

#include "pt_date.h"
#include "pt_deadline.h"
#include "pt_registry.h"
#include "pt_text.h"

static bool is_en(const char *lang) { return lang && strcmp(lang, "en") == 0; }

/* Writers of a million records avoid printf: v in decimal at the end of
 * buf; returns where it starts. */
static size_t int_text(char buf[24], long long v)
{
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    size_t i = 24;
    do {
        buf[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        buf[--i] = '-';
    return i;
}

static void add_int(pt_buf *b, long long v)
{
    char t[24];
    size_t i = int_text(t, v);
    pt_buf_add(b, t + i, sizeof t - i);
}

/* "YYYY-MM-DD" with its quotes, in q[0..12). */
static void quote_date(char q[12], pt_date d)
{
    q[0] = '"';
    pt_date_iso(d, q + 1); /* its NUL lands on q[11] */
    q[11] = '"';
}

/* Appends a string literal: its length is known here, strlen is not needed. */
#define ADD_LIT(b, lit) pt_buf_add((b), "" lit, sizeof(lit) - 1)

/* The bytes the variable fields of a result take. */
static size_t result_size(const pt_result *r)
{
    size_t n = strlen(r->plan->id) + strlen(r->task->id) + strlen(r->agency_label) +
               (r->task->due_text ? strlen(r->task->due_text) : 0) +
               (r->ref ? strlen(r->ref) : 0) + (r->exempt ? strlen(r->exempt) : 0);
    return n + 13 * r->n_resubmissions;
}

/* Grows b once for the records of c (fixed bytes each plus their variable
 * fields), so that a million records do not go through a chain of doublings
 * (each one touching fresh pages). Nothing to do with a sink, which holds
 * 1 MiB at a time: the pass over the results would be wasted. */
static void reserve_results(pt_buf *b, const pt_check *c, size_t fixed)
{
    if (b->sink || b->oom)
        return;
    size_t n = pt_check_count(c), extra = 0;
    for (size_t i = 0; i < n; i++)
        extra += fixed + result_size(pt_check_result(c, i));
    if (b->len + extra + 1 <= b->cap)
        return;
    char *p = realloc(b->data, b->len + extra + 1);
    if (!p)
        return; /* the appends will report it */
    b->data = p;
    b->cap = b->len + extra + 1;
}

static void json_date(pt_buf *b, pt_date d)
{
    if (d == PT_DATE_NONE) {
        pt_buf_add(b, "null", 4);
        return;
    }
    char q[12];
    quote_date(q, d);
    pt_buf_add(b, q, sizeof q);
}

/* Rounded ratio on/den in units of 1/scale, half up; exact integers. */
static unsigned long long ratio(size_t on, size_t den, unsigned long long scale)
{
    return ((unsigned long long)on * scale * 2 + den) / (2ULL * den);
}

static void json_rate(pt_buf *b, const pt_agency_result *a)
{
    size_t den = a->counts[PT_ST_ON_TIME] + a->counts[PT_ST_LATE] + a->counts[PT_ST_OVERDUE];
    if (den == 0) {
        pt_buf_adds(b, "null");
        return;
    }
    unsigned long long q = ratio(a->counts[PT_ST_ON_TIME], den, 10000);
    if (q % 10000 == 0) {
        pt_buf_printf(b, "%llu", q / 10000);
        return;
    }
    char frac[5];
    unsigned long long f = q % 10000;
    for (int i = 3; i >= 0; i--) {
        frac[i] = (char)('0' + f % 10);
        f /= 10;
    }
    int len = 4;
    while (len > 1 && frac[len - 1] == '0')
        len--;
    pt_buf_printf(b, "%llu.%.*s", q / 10000, len, frac);
}

/* "66,7%" (vi) or "66.7%" (en); "—" when there is no rate. */
static void text_rate(char *buf, size_t size, const pt_agency_result *a, const char *lang)
{
    size_t den = a->counts[PT_ST_ON_TIME] + a->counts[PT_ST_LATE] + a->counts[PT_ST_OVERDUE];
    if (den == 0) {
        snprintf(buf, size, "—");
        return;
    }
    unsigned long long q = ratio(a->counts[PT_ST_ON_TIME], den, 1000);
    snprintf(buf, size, "%llu%c%llu%%", q / 10, is_en(lang) ? '.' : ',', q % 10);
}

static void text_date(char *buf, pt_date d, const char *lang)
{
    if (d == PT_DATE_NONE)
        snprintf(buf, 11, "—");
    else if (is_en(lang))
        pt_date_iso(d, buf);
    else
        pt_date_vn(d, buf);
}

static void json_plans(pt_buf *out, const pt_set *set)
{
    size_t np = pt_set_plan_count(set);
    pt_buf_adds(out, "\"plans\":[");
    for (size_t i = 0; i < np; i++) {
        const pt_plan *p = pt_set_plan(set, i);
        pt_buf_adds(out, i ? ",\n" : "\n");
        pt_buf_adds(out, "{\"id\":");
        pt_buf_json_str(out, p->id);
        pt_buf_adds(out, ",\"title\":");
        pt_buf_json_str(out, p->title);
        pt_buf_adds(out, ",\"number\":");
        pt_buf_json_str(out, p->number);
        pt_buf_addc(out, '}');
    }
    pt_buf_adds(out, np ? "\n]" : "]");
}

/* ---- JSON records ---------------------------------------------------------- */

/* A million records of some twenty fields each: a call into pt_buf per
 * field (capacity, sink and NUL bookkeeping every time) costs more than the
 * bytes. Records are assembled here and handed over in large pieces; pt_buf
 * still sees nothing but appends. */
typedef struct {
    pt_buf *out;
    size_t n;
    char buf[16384];
} jw;

static void jw_flush(jw *w)
{
    pt_buf_add(w->out, w->buf, w->n);
    w->n = 0;
}

static inline void jw_add(jw *w, const void *p, size_t n)
{
    if (n > sizeof w->buf - w->n) {
        jw_flush(w);
        if (n > sizeof w->buf) {
            pt_buf_add(w->out, p, n);
            return;
        }
    }
    memcpy(w->buf + w->n, p, n);
    w->n += n;
}

#define JW_LIT(w, lit) jw_add((w), "" lit, sizeof(lit) - 1)

static void jw_int(jw *w, long long v)
{
    char t[24];
    size_t i = int_text(t, v);
    jw_add(w, t + i, sizeof t - i);
}

/* The fields that differ in every record (period, ref, exempt). */
static void jw_str(jw *w, const char *s)
{
    if (!s) {
        JW_LIT(w, "null");
        return;
    }
    size_t len = strlen(s), most = PT_JSON_QUOTED_MAX(len);
    if (most > sizeof w->buf - w->n)
        jw_flush(w);
    if (most > sizeof w->buf) {
        pt_buf_json_str(w->out, s); /* a long note: straight to the output */
        return;
    }
    w->n += pt_json_quote(w->buf + w->n, s, len);
}

/* What stays the same from one record to the next, escaped once:
 *  - per task: `{"plan":…,"task":…,"agency":` and
 *    `,"kind":…,"due_as_written":…,"due":` (one string split at head_len),
 *    built when the task is first met;
 *  - the last agency label with `,"period":` after it (records come sorted
 *    by agency, so it changes only every few records);
 *  - quoted ISO dates, in a direct-mapped cache (the same due days and
 *    submission days come back all the time). */
typedef struct {
    const char *s; /* NULL until built */
    size_t head_len, len;
} task_json;

enum { DATE_SLOTS = 1024 };

typedef struct {
    jw w;
    pt_arena *a;
    size_t *first;      /* per plan (pt_plan.index): its first entry in tasks */
    task_json *tasks;
    pt_buf scratch;     /* where a task's fragments are built */
    const char *label;  /* the label lab holds, when has_label */
    bool has_label;
    pt_buf lab;
    pt_date day[DATE_SLOTS];
    char quoted[DATE_SLOTS][12];
} json_ctx;

static void ctx_free(json_ctx *x)
{
    if (!x)
        return;
    pt_arena_free(x->a);
    free(x->first);
    free(x->tasks);
    pt_buf_release(&x->scratch);
    pt_buf_release(&x->lab);
    free(x);
}

/* NULL when out of memory. */
static json_ctx *ctx_new(pt_buf *out, const pt_set *set)
{
    json_ctx *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    size_t np = pt_set_plan_count(set), nt = 0;
    x->w.out = out;
    x->a = pt_arena_new();
    x->first = malloc((np ? np : 1) * sizeof *x->first);
    if (x->first)
        for (size_t i = 0; i < np; i++) {
            x->first[i] = nt;
            nt += pt_set_plan(set, i)->n_tasks;
        }
    x->tasks = calloc(nt ? nt : 1, sizeof *x->tasks);
    if (!x->a || !x->first || !x->tasks) {
        ctx_free(x);
        return NULL;
    }
    for (size_t i = 0; i < DATE_SLOTS; i++)
        x->day[i] = PT_DATE_NONE; /* never looked up: NONE prints as null */
    return x;
}

/* Hands over what is staged and frees x; the owner of out learns of a
 * failure from out->oom. */
static void ctx_end(json_ctx *x, bool failed)
{
    jw_flush(&x->w);
    if (failed)
        x->w.out->oom = true;
    ctx_free(x);
}

static const task_json *task_frags(json_ctx *x, const pt_plan *p, const pt_task *t)
{
    task_json *tj = &x->tasks[x->first[p->index] + (size_t)(t - p->tasks)];
    if (tj->s)
        return tj;
    pt_buf *b = &x->scratch;
    pt_buf_clear(b);
    ADD_LIT(b, "{\"plan\":");
    pt_buf_json_str(b, p->id);
    ADD_LIT(b, ",\"task\":");
    pt_buf_json_str(b, t->id);
    ADD_LIT(b, ",\"agency\":");
    size_t head_len = b->len;
    ADD_LIT(b, ",\"kind\":");
    pt_buf_json_str(b, pt_task_kind_name(t->kind));
    ADD_LIT(b, ",\"due_as_written\":");
    pt_buf_json_str(b, t->due_text);
    ADD_LIT(b, ",\"due\":");
    if (b->oom)
        return NULL;
    tj->s = pt_arena_strndup(x->a, b->data, b->len);
    tj->head_len = head_len;
    tj->len = b->len;
    return tj->s ? tj : NULL;
}

static void jw_date(json_ctx *x, pt_date d)
{
    if (d == PT_DATE_NONE) {
        JW_LIT(&x->w, "null");
        return;
    }
    size_t i = (uint32_t)d % DATE_SLOTS;
    if (x->day[i] != d) {
        quote_date(x->quoted[i], d);
        x->day[i] = d;
    }
    jw_add(&x->w, x->quoted[i], 12);
}

/* The fields compile and check share, from the separator before the record
 * up to `"due":`. Returns -1 when out of memory. */
static int jw_ob_head(json_ctx *x, bool first, const pt_plan *p, const pt_task *t,
                      const char *label, const pt_occurrence *o)
{
    const task_json *tj = task_frags(x, p, t);
    if (!tj)
        return -1;
    if (!x->has_label || label != x->label) {
        pt_buf_clear(&x->lab);
        pt_buf_json_str(&x->lab, label);
        ADD_LIT(&x->lab, ",\"period\":");
        if (x->lab.oom)
            return -1;
        x->label = label;
        x->has_label = true;
    }
    jw *w = &x->w;
    if (first)
        JW_LIT(w, "\n");
    else
        JW_LIT(w, ",\n");
    jw_add(w, tj->s, tj->head_len);
    jw_add(w, x->lab.data, x->lab.len);
    jw_str(w, o->period[0] ? o->period : NULL);
    jw_add(w, tj->s + tj->head_len, tj->len - tj->head_len);
    return 0;
}

void pt_report_compile_json(pt_buf *out, const pt_set *set)
{
    pt_buf_addc(out, '{');
    json_plans(out, set);
    ADD_LIT(out, ",\"obligations\":[");
    size_t n = pt_set_obligation_count(set);
    const pt_obligation *ob = pt_set_obligations(set);
    json_ctx *x = ctx_new(out, set);
    if (!x) {
        out->oom = true;
        return;
    }
    bool failed = false;
    for (size_t i = 0; i < n; i++) {
        const pt_plan *p = pt_set_plan(set, ob[i].plan);
        const pt_task *t = &p->tasks[ob[i].task];
        const pt_occurrence *o = &t->occ[ob[i].occ];
        const char *label = pt_set_agency_label(set, p->registry, ob[i].agency);
        if (jw_ob_head(x, i == 0, p, t, label, o) != 0) {
            failed = true;
            break;
        }
        jw_date(x, o->due);
        JW_LIT(&x->w, "}");
    }
    ctx_end(x, failed);
    if (n)
        ADD_LIT(out, "\n]}\n");
    else
        ADD_LIT(out, "]}\n");
}

void pt_report_compile_text(pt_buf *out, const pt_set *set, size_t warnings, const char *lang)
{
    bool en = is_en(lang);
    size_t np = pt_set_plan_count(set);
    size_t n = pt_set_obligation_count(set);
    const pt_obligation *ob = pt_set_obligations(set);
    for (size_t p = 0; p < np; p++) {
        const pt_plan *pl = pt_set_plan(set, p);
        size_t na = pt_registry_count(pl->registry);
        bool *seen = calloc(na ? na : 1, sizeof *seen);
        size_t agencies = 0, obs = 0, untracked = 0;
        for (size_t i = 0; i < n; i++) {
            if (ob[i].plan != p)
                continue;
            obs++;
            const pt_task *t = &pl->tasks[ob[i].task];
            if (t->occ[ob[i].occ].due == PT_DATE_NONE)
                untracked++;
            if (seen && !seen[ob[i].agency]) {
                seen[ob[i].agency] = true;
                agencies++;
            }
        }
        free(seen);
        pt_buf_printf(out, "%s — %s", pl->id, pl->title ? pl->title : "");
        if (pl->number)
            pt_buf_printf(out, en ? " (No. %s)" : " (số %s)", pl->number);
        pt_buf_addc(out, '\n');
        if (en)
            pt_buf_printf(out, "  %zu tasks, %zu agencies, %zu obligations: %zu tracked, "
                               "%zu untracked\n",
                          pl->n_tasks, agencies, obs, obs - untracked, untracked);
        else
            pt_buf_printf(out, "  %zu nhiệm vụ, %zu cơ quan, %zu nghĩa vụ: %zu theo dõi hạn, "
                               "%zu không theo dõi hạn\n",
                          pl->n_tasks, agencies, obs, obs - untracked, untracked);
    }
    if (en)
        pt_buf_printf(out, "%zu plan%s, %zu obligation%s, %zu warning%s\n", np,
                      np == 1 ? "" : "s", n, n == 1 ? "" : "s", warnings,
                      warnings == 1 ? "" : "s");
    else
        pt_buf_printf(out, "%zu kế hoạch, %zu nghĩa vụ, %zu cảnh báo\n", np, n, warnings);
}

/* ---- check: JSON -------------------------------------------------------- */

void pt_report_check_json(pt_buf *out, const pt_check *c)
{
    const pt_set *set = pt_check_set(c);
    ADD_LIT(out, "{\"as_of\":");
    json_date(out, pt_check_options(c)->as_of);
    pt_buf_addc(out, ',');
    json_plans(out, set);
    ADD_LIT(out, ",\"obligations\":[");
    size_t n = pt_check_count(c);
    reserve_results(out, c, 300); /* 275 fixed bytes, rounded up */
    json_ctx *x = ctx_new(out, set);
    if (!x) {
        out->oom = true;
        return;
    }
    /* ,"status":"…","submitted": for each state */
    const char *status[PT_ST_COUNT];
    size_t status_len[PT_ST_COUNT];
    bool failed = false;
    for (int s = 0; s < PT_ST_COUNT; s++) {
        status[s] = pt_arena_printf(x->a, ",\"status\":\"%s\",\"submitted\":",
                                    pt_state_name((pt_state)s));
        failed |= !status[s];
        status_len[s] = status[s] ? strlen(status[s]) : 0;
    }
    jw *w = &x->w;
    for (size_t i = 0; i < n && !failed; i++) {
        const pt_result *r = pt_check_result(c, i);
        if (jw_ob_head(x, i == 0, r->plan, r->task, r->agency_label, r->occ) != 0) {
            failed = true;
            break;
        }
        jw_date(x, r->due);
        jw_add(w, status[r->state], status_len[r->state]);
        jw_date(x, r->submitted);
        JW_LIT(w, ",\"ref\":");
        jw_str(w, r->ref);
        if (r->state == PT_ST_LATE) {
            JW_LIT(w, ",\"days_late\":");
            jw_int(w, r->days_late);
            JW_LIT(w, ",\"days_overdue\":null");
        } else if (r->state == PT_ST_OVERDUE) {
            JW_LIT(w, ",\"days_late\":null,\"days_overdue\":");
            jw_int(w, r->days_overdue);
        } else {
            JW_LIT(w, ",\"days_late\":null,\"days_overdue\":null");
        }
        JW_LIT(w, ",\"resubmissions\":[");
        for (size_t k = 0; k < r->n_resubmissions; k++) {
            if (k)
                JW_LIT(w, ",");
            jw_date(x, r->resubmissions[k]);
        }
        JW_LIT(w, "],\"original_due\":");
        jw_date(x, r->original_due);
        JW_LIT(w, ",\"extended\":");
        jw_date(x, r->extended);
        JW_LIT(w, ",\"exempt\":");
        jw_str(w, r->exempt);
        JW_LIT(w, "}");
    }
    ctx_end(x, failed);
    pt_buf_adds(out, n ? "\n]," : "],");
    pt_buf_adds(out, "\"agencies\":[");
    size_t na = pt_check_agency_count(c);
    for (size_t i = 0; i < na; i++) {
        const pt_agency_result *a = pt_check_agency(c, i);
        pt_buf_adds(out, i ? ",\n" : "\n");
        pt_buf_adds(out, "{\"id\":");
        pt_buf_json_str(out, a->label);
        pt_buf_adds(out, ",\"name\":");
        pt_buf_json_str(out, a->agency->name);
        pt_buf_printf(out, ",\"due\":%zu", a->due);
        for (int s = 0; s < PT_ST_COUNT; s++)
            pt_buf_printf(out, ",\"%s\":%zu", pt_state_name((pt_state)s), a->counts[s]);
        pt_buf_adds(out, ",\"rate\":");
        json_rate(out, a);
        pt_buf_printf(out, ",\"rank\":%d}", a->rank);
    }
    pt_buf_adds(out, na ? "\n]}\n" : "]}\n");
}

/* ---- check: CSV --------------------------------------------------------- */

/* One RFC 4180 cell. A value a spreadsheet would run as a formula (=, +, -,
 * @ first) gets a leading apostrophe. */
static void csv_cell(pt_buf *out, const char *s)
{
    if (!s || !*s)
        return;
    bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        pt_buf_addc(out, '"');
    if (formula)
        pt_buf_addc(out, '\'');
    if (!quote) {
        pt_buf_adds(out, s);
    } else {
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                pt_buf_addc(out, '"');
            pt_buf_addc(out, *p);
        }
    }
    if (quote)
        pt_buf_addc(out, '"');
}

static void csv_date(pt_buf *out, pt_date d)
{
    if (d == PT_DATE_NONE)
        return;
    char iso[11];
    pt_date_iso(d, iso);
    pt_buf_add(out, iso, 10);
}

void pt_report_check_csv(pt_buf *out, const pt_check *c)
{
    pt_buf_adds(out, "plan,task,agency,period,kind,due_as_written,due,status,submitted,ref,"
                     "days_late,days_overdue,resubmissions,original_due,extended,exempt\r\n");
    size_t n = pt_check_count(c);
    reserve_results(out, c, 90);
    for (size_t i = 0; i < n; i++) {
        const pt_result *r = pt_check_result(c, i);
        csv_cell(out, r->plan->id);
        pt_buf_addc(out, ',');
        csv_cell(out, r->task->id);
        pt_buf_addc(out, ',');
        csv_cell(out, r->agency_label);
        pt_buf_addc(out, ',');
        csv_cell(out, r->occ->period);
        pt_buf_addc(out, ',');
        csv_cell(out, pt_task_kind_name(r->task->kind));
        pt_buf_addc(out, ',');
        csv_cell(out, r->task->due_text);
        pt_buf_addc(out, ',');
        csv_date(out, r->due);
        pt_buf_addc(out, ',');
        pt_buf_adds(out, pt_state_name(r->state));
        pt_buf_addc(out, ',');
        csv_date(out, r->submitted);
        pt_buf_addc(out, ',');
        csv_cell(out, r->ref);
        pt_buf_addc(out, ',');
        if (r->state == PT_ST_LATE)
            add_int(out, r->days_late);
        pt_buf_addc(out, ',');
        if (r->state == PT_ST_OVERDUE)
            add_int(out, r->days_overdue);
        pt_buf_addc(out, ',');
        for (size_t k = 0; k < r->n_resubmissions; k++) {
            if (k)
                pt_buf_addc(out, ';');
            csv_date(out, r->resubmissions[k]);
        }
        pt_buf_addc(out, ',');
        csv_date(out, r->original_due);
        pt_buf_addc(out, ',');
        csv_date(out, r->extended);
        pt_buf_addc(out, ',');
        csv_cell(out, r->exempt);
        pt_buf_adds(out, "\r\n");
    }
}

/* ---- text tables ---------------------------------------------------------- */

/* A table of strings printed with columns aligned by display width (a
 * Vietnamese letter may be a base letter and combining marks: bytes and
 * code points both overcount). Cells live in an arena. */
typedef struct {
    pt_arena *a;
    const char **cells;
    size_t ncols, nrows, cap;
    unsigned right;    /* bit i: column i is right-aligned */
} table;

static void t_init(table *t, size_t ncols, unsigned right)
{
    memset(t, 0, sizeof *t);
    t->a = pt_arena_new();
    t->ncols = ncols;
    t->right = right;
}

static void t_release(table *t)
{
    free(t->cells);
    pt_arena_free(t->a);
}

static void t_add(table *t, const char *const *row)
{
    if (!t->a)
        return;
    if ((t->nrows + 1) * t->ncols > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : t->ncols * 16;
        const char **nc = realloc(t->cells, cap * sizeof *nc);
        if (!nc)
            return;
        t->cells = nc;
        t->cap = cap;
    }
    for (size_t j = 0; j < t->ncols; j++) {
        const char *s = row[j] ? pt_arena_strdup(t->a, row[j]) : NULL;
        t->cells[t->nrows * t->ncols + j] = s ? s : "";
    }
    t->nrows++;
}

static void pad(pt_buf *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        pt_buf_addc(out, ' ');
}

static void t_print(pt_buf *out, const table *t, const char *indent)
{
    size_t *w = calloc(t->ncols ? t->ncols : 1, sizeof *w);
    size_t *cw = malloc((t->nrows * t->ncols + 1) * sizeof *cw);
    if (!w || !cw) {
        free(w);
        free(cw);
        return;
    }
    for (size_t i = 0; i < t->nrows; i++)
        for (size_t j = 0; j < t->ncols; j++) {
            size_t x = pt_text_width(t->cells[i * t->ncols + j]);
            cw[i * t->ncols + j] = x;
            if (x > w[j])
                w[j] = x;
        }
    for (size_t i = 0; i < t->nrows; i++) {
        pt_buf_adds(out, indent);
        size_t pending = 0; /* spaces owed before the next non-empty output */
        for (size_t j = 0; j < t->ncols; j++) {
            const char *s = t->cells[i * t->ncols + j];
            size_t x = cw[i * t->ncols + j];
            if (j)
                pending += 2;
            if (t->right & (1u << j)) {
                pending += w[j] - x;
                if (*s) {
                    pad(out, pending);
                    pending = 0;
                    pt_buf_adds(out, s);
                }
            } else {
                if (*s) {
                    pad(out, pending);
                    pending = 0;
                    pt_buf_adds(out, s);
                }
                pending += w[j] - x;
            }
        }
        pt_buf_addc(out, '\n');
    }
    free(w);
    free(cw);
}

/* ---- check: text ----------------------------------------------------------- */

static void period_text(char *buf, size_t size, const pt_occurrence *o, const char *lang)
{
    if (!o->period[0])
        snprintf(buf, size, "%s", is_en(lang) ? "once" : "một lần");
    else
        pt_period_label_human(buf, size, o->period, lang);
}

/* The due day, and the plan's own when an extension moved it. */
static void due_text(char *buf, size_t size, const pt_result *r, const char *lang)
{
    char a[11], b[11];
    text_date(a, r->due, lang);
    if (r->extended != PT_DATE_NONE && r->due != r->original_due) {
        text_date(b, r->original_due, lang);
        snprintf(buf, size, is_en(lang) ? "%s (extended from %s)" : "%s (gia hạn từ %s)", a, b);
    } else {
        snprintf(buf, size, "%s", a);
    }
}

typedef struct {
    const pt_result *r;
    size_t i;
} urgent;

static int cmp_overdue(const void *a, const void *b)
{
    const urgent *x = a, *y = b;
    if (x->r->days_overdue != y->r->days_overdue)
        return x->r->days_overdue > y->r->days_overdue ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static int cmp_due_soon(const void *a, const void *b)
{
    const urgent *x = a, *y = b;
    if (x->r->due != y->r->due)
        return x->r->due < y->r->due ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static void urgent_list(pt_buf *out, const pt_check *c, pt_state s, const char *lang)
{
    bool en = is_en(lang);
    size_t n = pt_check_count(c), m = pt_check_count_state(c, s);
    const pt_check_opts *o = pt_check_options(c);
    if (s == PT_ST_OVERDUE)
        pt_buf_printf(out, "%s: %zu\n", pt_state_label(s, lang), m);
    else if (en)
        pt_buf_printf(out, "%s (within %d day%s): %zu\n", pt_state_label(s, lang), o->horizon,
                      o->horizon == 1 ? "" : "s", m);
    else
        pt_buf_printf(out, "%s (trong %d ngày tới): %zu\n", pt_state_label(s, lang), o->horizon,
                      m);
    if (m == 0)
        return;
    urgent *v = malloc(m * sizeof *v);
    if (!v)
        return;
    size_t k = 0;
    for (size_t i = 0; i < n && k < m; i++) {
        const pt_result *r = pt_check_result(c, i);
        if (r->state == s)
            v[k++] = (urgent){r, i};
    }
    qsort(v, k, sizeof *v, s == PT_ST_OVERDUE ? cmp_overdue : cmp_due_soon);
    table t;
    t_init(&t, 6, 1u << 5);
    const char *head[6] = {
        en ? "Agency" : "Cơ quan", en ? "Plan" : "Kế hoạch", en ? "Task" : "Nhiệm vụ",
        en ? "Period" : "Kỳ", en ? "Due" : "Hạn",
        s == PT_ST_OVERDUE ? (en ? "Days overdue" : "Số ngày quá hạn")
                           : (en ? "Days left" : "Còn (ngày)"),
    };
    t_add(&t, head);
    for (size_t i = 0; i < k; i++) {
        const pt_result *r = v[i].r;
        char per[64], due[80], days[16];
        period_text(per, sizeof per, r->occ, lang);
        due_text(due, sizeof due, r, lang);
        snprintf(days, sizeof days, "%d",
                 s == PT_ST_OVERDUE ? r->days_overdue : (int)(r->due - o->as_of));
        const char *row[6] = {r->agency_label, r->plan->id, r->task->id, per, due, days};
        t_add(&t, row);
    }
    t_print(out, &t, "  ");
    t_release(&t);
    free(v);
}

void pt_report_check_text(pt_buf *out, const pt_check *c, const char *lang)
{
    bool en = is_en(lang);
    const pt_set *set = pt_check_set(c);
    char day[11];
    text_date(day, pt_check_options(c)->as_of, lang);
    pt_buf_printf(out, en ? "Status of obligations as of %s\n"
                          : "Tình hình thực hiện nhiệm vụ đến ngày %s\n", day);
    pt_buf_adds(out, en ? "Plans:\n" : "Kế hoạch:\n");
    table t;
    t_init(&t, 3, 0);
    for (size_t i = 0; i < pt_set_plan_count(set); i++) {
        const pt_plan *p = pt_set_plan(set, i);
        const char *row[3] = {p->id, p->number ? p->number : "—", p->title};
        t_add(&t, row);
    }
    t_print(out, &t, "  ");
    t_release(&t);

    /* per agency */
    pt_buf_adds(out, en ? "\nBy agency\n" : "\nTheo cơ quan\n");
    enum { NC = 2 + PT_ST_COUNT + 2 };
    t_init(&t, NC, ((1u << PT_ST_COUNT) - 1) << 2 | 1u << (NC - 2) | 1u << (NC - 1));
    const char *head[NC];
    char nums[PT_ST_COUNT][16];
    head[0] = en ? "Agency" : "Cơ quan";
    head[1] = en ? "Name" : "Tên";
    for (int s = 0; s < PT_ST_COUNT; s++) {
        snprintf(nums[s], sizeof nums[s], "[%d]", s + 1);
        head[2 + s] = nums[s];
    }
    head[NC - 2] = en ? "On-time rate" : "Tỷ lệ đúng hạn";
    head[NC - 1] = en ? "Rank" : "Xếp hạng";
    t_add(&t, head);
    char cells[PT_ST_COUNT][24], rate[32], rank[16];
    const char *row[NC];
    size_t na = pt_check_agency_count(c);
    for (size_t i = 0; i <= na; i++) {
        const pt_agency_result *a = i < na ? pt_check_agency(c, i) : pt_check_totals(c);
        row[0] = i < na ? a->label : (en ? "Total" : "Tổng cộng");
        row[1] = i < na ? a->agency->name : "";
        for (int s = 0; s < PT_ST_COUNT; s++) {
            snprintf(cells[s], sizeof cells[s], "%zu", a->counts[s]);
            row[2 + s] = cells[s];
        }
        text_rate(rate, sizeof rate, a, lang);
        row[NC - 2] = rate;
        snprintf(rank, sizeof rank, "%d", a->rank);
        row[NC - 1] = i < na ? rank : "";
        t_add(&t, row);
    }
    t_print(out, &t, "  ");
    t_release(&t);
    for (int s = 0; s < PT_ST_COUNT; s++)
        pt_buf_printf(out, "  [%d] %s\n", s + 1, pt_state_label((pt_state)s, lang));
    pt_buf_adds(out, en ? "  On-time rate = [1] / ([1] + [2] + [3])\n"
                        : "  Tỷ lệ đúng hạn = [1] / ([1] + [2] + [3])\n");

    pt_buf_addc(out, '\n');
    urgent_list(out, c, PT_ST_OVERDUE, lang);
    pt_buf_addc(out, '\n');
    urgent_list(out, c, PT_ST_DUE_SOON, lang);
}

/* ---- explain ------------------------------------------------------------- */

void pt_report_explain(pt_buf *out, const pt_set *set, const pt_plan *plan, const pt_task *task,
                       const pt_explain *ex)
{
    (void)set;
    const char *lang = ex ? pt_explain_lang(ex) : "vi";
    bool en = is_en(lang);
    pt_buf_printf(out, "%s %s — %s", en ? "Plan" : "Kế hoạch", plan->id,
                  plan->title ? plan->title : "");
    if (plan->number)
        pt_buf_printf(out, en ? " (No. %s)" : " (số %s)", plan->number);
    pt_buf_printf(out, "\n%s %s — %s\n", en ? "Task" : "Nhiệm vụ", task->id,
                  task->title ? task->title : "");
    pt_buf_printf(out, "%s: %s\n", en ? "Deadline as written" : "Hạn theo văn bản",
                  task->due_text ? task->due_text : (en ? "(none)" : "(không ghi)"));
    pt_buf_adds(out, en ? "Last on-time days:\n" : "Ngày cuối cùng đúng hạn:\n");
    table t;
    t_init(&t, 3, 0);
    for (size_t i = 0; i < task->n_occ; i++) {
        const pt_occurrence *o = &task->occ[i];
        char per[64], due[11], human[64] = "";
        period_text(per, sizeof per, o, lang);
        text_date(due, o->due, lang);
        if (o->due == PT_DATE_NONE)
            snprintf(human, sizeof human, "%s", pt_state_label(PT_ST_UNTRACKED, lang));
        else if (o->nominal != PT_DATE_NONE && o->nominal != o->due) {
            char nom[11];
            text_date(nom, o->nominal, lang);
            snprintf(human, sizeof human, en ? "(rolled forward from %s)" : "(dời từ %s)", nom);
        }
        const char *row[3] = {per, due, human};
        t_add(&t, row);
    }
    t_print(out, &t, "  ");
    t_release(&t);
    size_t n = ex ? pt_explain_count(ex) : 0;
    if (n) {
        pt_buf_adds(out, en ? "How it was computed:\n" : "Cách tính:\n");
        for (size_t i = 0; i < n; i++)
            pt_buf_printf(out, "  %s\n", pt_explain_line(ex, i));
    }
}
