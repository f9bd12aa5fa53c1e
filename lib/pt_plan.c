/* pt_plan.c - loading plans into a set, and compiling obligations. */
#include "pt_plan.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pt_ids.h"
#include "pt_text.h"
#include "pt_util.h"
#include "pt_yaml.h"

/* The shipped Vietnamese calendar, embedded at build time so that a plan
 * without `calendar:` works wherever the program is installed. */
extern const char pt_builtin_calendar_vn[];
extern const size_t pt_builtin_calendar_vn_len;
#define BUILTIN_CALENDAR_NAME "plantrack:calendars/vn.yaml"

/* A million obligations is the national scale we design for; ten times that
 * is a plan mistake (an open-ended monthly recurrence over 2,000 agencies
 * checked as of 2200), not a workload. */
#define MAX_OBLIGATIONS ((size_t)20000000)

typedef struct {
    const pt_doc *doc;
    const pt_node *node;
} node_ref;

typedef struct {
    pt_plan plan;
    const pt_doc *doc;
    pt_task *tasks;
    node_ref *due_nodes;     /* per task: where `due` was written */
    pt_deadline *defaults[4];
    node_ref default_nodes[4];
} plan_entry;

typedef struct {
    char *real;              /* realpath: the cache key */
    pt_registry *reg;
    const char **labels;     /* per agency: id or registry/id */
    uint32_t *by_id;         /* agency indices sorted by id */
} registry_entry;

typedef struct {
    char *real;
    pt_calendar *cal;
} calendar_entry;

struct pt_set {
    pt_arena *arena;
    plan_entry **plans;
    size_t nplans, capplans;
    registry_entry *regs;
    size_t nregs, capregs;
    calendar_entry *cals;
    size_t ncals, capcals;
    pt_doc **docs;
    size_t ndocs, capdocs;
    const char **files;
    size_t nfiles, capfiles;
    pt_obligation *obs;
    size_t nobs;
    /* pt_set_find_obligation's index, rebuilt with obs. Parallel to each
     * task's lead[], where that agency's obligations of the task start (its
     * periods follow in order): lead_ob[lead_at[task_at[p] + t] + j] for
     * lead[j] of task t of plan p. Sized by the lead lists the set already
     * holds, not by registry size x plans (plans may share a registry of
     * 10,000 agencies and each name a few of them). */
    uint32_t *lead_ob;       /* 32 bits: obligations never exceed MAX_OBLIGATIONS */
    size_t *lead_at;         /* per task of the set, plans in order */
    size_t *task_at;         /* per plan: its first task in lead_at */
    size_t ob_plans;         /* plans compiled; plans loaded later are not indexed */
    pt_date as_of;
    bool labels_done;
};

/* Room for one more entry of a set's array; the array is kept when memory
 * runs out. */
#define GROW(ptr, n, cap) pt_grow(&(ptr), (n), &(cap), sizeof *(ptr), 8)

static const char *const plan_keys[] = {"plan", "title", "kind", "number", "issuer", "issued",
                                        "place", "subject", "basis", "period", "registry",
                                        "calendar", "source", "roll", "defaults", "tasks", NULL};
static const char *const task_keys[] = {"id", "title", "kind", "lead", "support", "report_to",
                                        "due", "quote", "note", NULL};
static const char *const task_kinds[] = {"plan", "report", "action", "document", NULL};
static const char *const every_names[] = {"month", "quarter", "half-year", "year", NULL};

const char *pt_task_kind_name(pt_task_kind k)
{
    return k <= PT_TASK_DOCUMENT ? task_kinds[k] : "action";
}

pt_set *pt_set_new(void)
{
    pt_set *s = calloc(1, sizeof *s);
    if (s && !(s->arena = pt_arena_new())) {
        free(s);
        return NULL;
    }
    if (s)
        s->as_of = PT_DATE_NONE;
    return s;
}

void pt_set_free(pt_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nplans; i++) {
        plan_entry *p = s->plans[i];
        for (size_t t = 0; t < p->plan.n_tasks; t++)
            pt_deadline_release(&p->tasks[t].due);
        for (int k = 0; k < 4; k++)
            if (p->defaults[k]) {
                pt_deadline_release(p->defaults[k]);
                free(p->defaults[k]);
            }
    }
    free(s->plans);
    for (size_t i = 0; i < s->nregs; i++) {
        free(s->regs[i].real);
        pt_registry_free(s->regs[i].reg);
    }
    free(s->regs);
    for (size_t i = 0; i < s->ncals; i++) {
        free(s->cals[i].real);
        pt_calendar_free(s->cals[i].cal);
    }
    free(s->cals);
    for (size_t i = 0; i < s->ndocs; i++)
        pt_doc_free(s->docs[i]);
    free(s->docs);
    free(s->files);
    free(s->obs);
    free(s->lead_ob);
    free(s->lead_at);
    free(s->task_at);
    pt_arena_free(s->arena);
    free(s);
}

static void note_file(pt_set *s, const char *path)
{
    for (size_t i = 0; i < s->nfiles; i++)
        if (strcmp(s->files[i], path) == 0)
            return;
    if (GROW(s->files, s->nfiles, s->capfiles) == 0)
        s->files[s->nfiles++] = pt_arena_strdup(s->arena, path);
    else
        s->nfiles = s->capfiles = 0;
}

static pt_doc *keep_doc(pt_set *s, pt_doc *doc)
{
    if (!doc)
        return NULL;
    if (GROW(s->docs, s->ndocs, s->capdocs) != 0) {
        s->ndocs = s->capdocs = 0;
        pt_doc_free(doc);
        return NULL;
    }
    s->docs[s->ndocs++] = doc;
    return doc;
}

/* Maps an offset inside a scalar back to its file position, for errors
 * inside deadline phrases. */
static void map_node_pos(const void *ctx, size_t off, int *line, int *col)
{
    const node_ref *r = ctx;
    pt_node_pos(r->doc, r->node, off, line, col);
}

static pt_srcpos srcpos_of(const node_ref *r)
{
    pt_srcpos p = {pt_doc_path(r->doc), r->node->line, r->node->col, map_node_pos, r};
    return p;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* Resolves a registry:/calendar: path against the plan file: relative, and
 * inside the directory that holds the plan once symlinks are resolved.
 * Returns the path to open (caller frees) and its realpath in *real. */
static char *resolve_inside(const pt_doc *doc, const pt_node *v, const char *key, char **real,
                            pt_diags *d)
{
    const char *file = pt_doc_path(doc);
    if (v->str[0] == '/') {
        pt_diag_add(d, PT_E_PATH_ABSOLUTE, file, v->line, v->col, key);
        return NULL;
    }
    /* A path that climbs out lexically is refused before it is looked up,
     * so the message says what is wrong even when the target is missing. */
    int depth = 0;
    for (const char *c = v->str; *c;) {
        const char *e = strchr(c, '/');
        size_t len = e ? (size_t)(e - c) : strlen(c);
        if (len == 2 && c[0] == '.' && c[1] == '.')
            depth--;
        else if (len > 0 && !(len == 1 && c[0] == '.'))
            depth++;
        if (depth < 0) {
            pt_diag_add(d, PT_E_PATH_ESCAPES, file, v->line, v->col, v->str);
            return NULL;
        }
        c += len + (e != NULL);
    }
    char *dir = dir_of(file);
    char *joined = dir ? malloc(strlen(dir) + v->len + 2) : NULL;
    char *rdir = dir ? realpath(dir, NULL) : NULL;
    if (!joined || !rdir) {
        pt_diag_add(d, PT_E_PATH_MISSING, file, v->line, v->col, v->str, strerror(errno));
        free(dir), free(joined), free(rdir);
        return NULL;
    }
    sprintf(joined, "%s/%s", dir, v->str);
    free(dir);
    char *rp = realpath(joined, NULL);
    if (!rp) {
        pt_diag_add(d, PT_E_PATH_MISSING, file, v->line, v->col, v->str, strerror(errno));
        free(joined), free(rdir);
        return NULL;
    }
    size_t dl = strlen(rdir);
    bool inside = strncmp(rp, rdir, dl) == 0 && (rp[dl] == '/' || dl == 1);
    free(rdir);
    if (!inside) {
        pt_diag_add(d, PT_E_PATH_ESCAPES, file, v->line, v->col, v->str);
        free(joined), free(rp);
        return NULL;
    }
    struct stat st;
    if (stat(rp, &st) == 0 && S_ISDIR(st.st_mode)) {
        pt_diag_add(d, PT_E_IS_DIR, file, v->line, v->col, v->str);
        free(joined), free(rp);
        return NULL;
    }
    *real = rp;
    return joined;
}

static registry_entry *load_registry(pt_set *s, const pt_doc *doc, const pt_node *v, pt_diags *d)
{
    if (v->type != PT_NODE_SCALAR || pt_node_is_null(v)) {
        pt_diag_add(d, PT_E_TYPE, pt_doc_path(doc), v->line, v->col, "registry", "a path",
                    pt_node_kind(v));
        return NULL;
    }
    char *real = NULL;
    char *path = resolve_inside(doc, v, "registry", &real, d);
    if (!path)
        return NULL;
    for (size_t i = 0; i < s->nregs; i++)
        if (strcmp(s->regs[i].real, real) == 0) {
            free(path), free(real);
            return s->regs[i].reg ? &s->regs[i] : NULL;
        }
    if (GROW(s->regs, s->nregs, s->capregs) != 0) {
        s->nregs = s->capregs = 0;
        free(path), free(real);
        return NULL;
    }
    registry_entry *e = &s->regs[s->nregs++];
    memset(e, 0, sizeof *e);
    e->real = real;
    note_file(s, path);
    pt_doc *rdoc = pt_doc_load_file(path, d);
    if (rdoc) {
        /* Another kind of plantrack file named by mistake gets one message,
         * not the registry loader's list of everything it lacks. */
        const pt_node *r = pt_doc_root(rdoc);
        const char *other = NULL;
        if (r->type == PT_NODE_MAP && !pt_node_get(r, "agencies"))
            other = pt_node_get(r, "tasks") ? "plan"
                  : pt_node_get(r, "submissions") ? "status"
                  : pt_node_get(r, "holidays") ? "calendar" : NULL;
        if (other)
            pt_diag_add(d, PT_E_NOT_REGISTRY, pt_doc_path(doc), v->line, v->col, v->str, other);
        else
            e->reg = pt_registry_from_doc(rdoc, d);
        pt_doc_free(rdoc);
    }
    free(path);
    return e->reg ? e : NULL;
}

static const pt_calendar *builtin_calendar(pt_set *s, pt_diags *d)
{
    for (size_t i = 0; i < s->ncals; i++)
        if (strcmp(s->cals[i].real, BUILTIN_CALENDAR_NAME) == 0)
            return s->cals[i].cal;
    if (GROW(s->cals, s->ncals, s->capcals) != 0) {
        s->ncals = s->capcals = 0;
        return NULL;
    }
    calendar_entry *e = &s->cals[s->ncals++];
    e->real = strdup(BUILTIN_CALENDAR_NAME);
    e->cal = NULL;
    pt_doc *doc = pt_doc_load_buffer(BUILTIN_CALENDAR_NAME, pt_builtin_calendar_vn,
                                     pt_builtin_calendar_vn_len, d);
    if (doc) {
        e->cal = pt_calendar_from_doc(doc, d);
        pt_doc_free(doc);
    }
    return e->cal;
}

static const pt_calendar *load_calendar(pt_set *s, const pt_doc *doc, const pt_node *v,
                                        pt_diags *d)
{
    if (!v || pt_node_is_null(v))
        return builtin_calendar(s, d);
    if (v->type != PT_NODE_SCALAR) {
        pt_diag_add(d, PT_E_TYPE, pt_doc_path(doc), v->line, v->col, "calendar", "a path",
                    pt_node_kind(v));
        return NULL;
    }
    char *real = NULL;
    char *path = resolve_inside(doc, v, "calendar", &real, d);
    if (!path)
        return NULL;
    for (size_t i = 0; i < s->ncals; i++)
        if (strcmp(s->cals[i].real, real) == 0) {
            free(path), free(real);
            return s->cals[i].cal;
        }
    if (GROW(s->cals, s->ncals, s->capcals) != 0) {
        s->ncals = s->capcals = 0;
        free(path), free(real);
        return NULL;
    }
    calendar_entry *e = &s->cals[s->ncals++];
    e->real = real;
    e->cal = NULL;
    note_file(s, path);
    pt_doc *cdoc = pt_doc_load_file(path, d);
    if (cdoc) {
        e->cal = pt_calendar_from_doc(cdoc, d);
        pt_doc_free(cdoc);
    }
    free(path);
    return e->cal;
}

static int enum_index(const char *const *names, const char *v)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], v) == 0)
            return i;
    return -1;
}

static void bad_enum(const pt_doc *doc, const pt_node *v, const char *key,
                     const char *const *names, pt_diags *d)
{
    char list[160] = "", hint[160];
    size_t n = 0;
    for (int i = 0; names[i]; i++, n++) {
        strcat(list, i ? (names[i + 1] ? ", " : " or ") : "");
        strcat(list, names[i]);
    }
    pt_did_you_mean(hint, sizeof hint, pt_suggest(v->str, names, n));
    pt_diag_add(d, PT_E_BAD_ENUM, pt_doc_path(doc), v->line, v->col, key, list, v->str, hint);
}

/* Expands a lead/support list into sorted unique agency indices. */
static uint32_t *agency_list(pt_set *s, const pt_doc *doc, const pt_registry *reg,
                             const pt_node *v, const char *key, const char *task, size_t *n,
                             pt_diags *d)
{
    *n = 0;
    if (!v || pt_node_is_null(v))
        return NULL;
    if (v->type != PT_NODE_SEQ) {
        pt_diag_add(d, PT_E_TYPE, pt_doc_path(doc), v->line, v->col, key,
                    "a list of agency ids or groups", pt_node_kind(v));
        return NULL;
    }
    pt_buf acc = PT_BUF_INIT;
    /* An agency named twice (directly and through a group, or by two
     * groups) owes one deliverable: say so once per item, since it often
     * means the officer meant another group. */
    bool *seen = calloc(pt_registry_count(reg) + 1, sizeof *seen);
    for (size_t i = 0; i < v->n; i++) {
        const pt_node *it = v->items[i];
        if (it->type != PT_NODE_SCALAR || pt_node_is_null(it)) {
            pt_diag_add(d, PT_E_LIST_ITEM, pt_doc_path(doc), it->line, it->col, key,
                        "an agency id or group", pt_node_kind(it));
            continue;
        }
        const uint32_t *ix;
        size_t m;
        if (!pt_registry_expand(reg, it->str, &ix, &m)) {
            char hint[200];
            pt_did_you_mean(hint, sizeof hint, pt_registry_suggest(reg, it->str));
            pt_diag_add(d, PT_E_UNKNOWN_AGENCY, pt_doc_path(doc), it->line, it->col, it->str, key,
                        hint);
            continue;
        }
        pt_buf_add(&acc, ix, m * sizeof *ix);
        bool warned = false;
        for (size_t k = 0; seen && k < m; k++) {
            if (seen[ix[k]] && !warned && task) {
                pt_diag_add(d, PT_W_DUP_LEAD, pt_doc_path(doc), it->line, it->col,
                            pt_registry_agency(reg, ix[k])->id, task, it->str);
                warned = true;
            }
            seen[ix[k]] = true;
        }
    }
    free(seen);
    size_t total = acc.len / sizeof(uint32_t);
    uint32_t *out = pt_arena_alloc(s->arena, (total ? total : 1) * sizeof *out);
    if (out && total) {
        memcpy(out, acc.data, acc.len);
        /* sort + unique (insertion into a sorted run is fine: lists are short
         * relative to a registry, and groups arrive sorted) */
        for (size_t i = 1; i < total; i++) {
            uint32_t x = out[i];
            size_t j = i;
            while (j > 0 && out[j - 1] > x) {
                out[j] = out[j - 1];
                j--;
            }
            out[j] = x;
        }
        size_t w = 0;
        for (size_t i = 0; i < total; i++)
            if (w == 0 || out[w - 1] != out[i])
                out[w++] = out[i];
        total = w;
    }
    pt_buf_release(&acc);
    *n = out ? total : 0;
    return out;
}

static int parse_map_due(pt_deadline *dl, const pt_doc *doc, const pt_node *v, pt_diags *d)
{
    static const char *const keys[] = {"every", "day", "after", "before", "from", "until",
                                       "cutoff", NULL};
    static const char *const cutoffs[] = {"calendar", "nd09", NULL};
    const char *file = pt_doc_path(doc);
    if (pt_node_check_keys(doc, v, keys, "a recurring deadline", d) > 0)
        return -1;
    const pt_node *every = pt_node_get(v, "every");
    if (!every || every->type != PT_NODE_SCALAR) {
        pt_diag_add(d, PT_E_DUE_MAP, file, v->line, v->col,
                    "'every' is required: month, quarter, half-year or year");
        return -1;
    }
    int e = enum_index(every_names, every->str);
    if (e < 0) {
        bad_enum(doc, every, "every", every_names, d);
        return -1;
    }
    pt_deadline_init_recurring(dl, (pt_every)e);
    int rc = 0;
    const pt_node *n;
    if ((n = pt_node_get(v, "day"))) {
        char *end;
        long x = n->type == PT_NODE_SCALAR ? strtol(n->str, &end, 10) : 0;
        if (n->type != PT_NODE_SCALAR || *end || x < 1 || x > 31) {
            pt_diag_add(d, PT_E_DUE_MAP, file, n->line, n->col, "'day' must be a day of the month from 1 to 31");
            rc = -1;
        } else
            dl->day_of_month = (int)x;
    }
    if ((n = pt_node_get(v, "after"))) {
        char *end;
        long x = n->type == PT_NODE_SCALAR ? strtol(n->str, &end, 10) : -1;
        if (n->type != PT_NODE_SCALAR || *end || x < 0 || x > 366) {
            pt_diag_add(d, PT_E_DUE_MAP, file, n->line, n->col, "'after' must be a number of days from 0 to 366");
            rc = -1;
        } else
            dl->after_days = (int)x;
        if (pt_node_get(v, "day")) {
            pt_diag_add(d, PT_E_DUE_MAP, file, n->line, n->col, "give either 'day' or 'after', not both");
            rc = -1;
        }
    }
    if ((n = pt_node_get(v, "before"))) {
        if (n->type == PT_NODE_SCALAR && strcmp(n->str, "true") == 0)
            dl->before = true;
        else if (!(n->type == PT_NODE_SCALAR && strcmp(n->str, "false") == 0)) {
            pt_diag_add(d, PT_E_DUE_MAP, file, n->line, n->col, "'before' must be true or false");
            rc = -1;
        }
    }
    if ((n = pt_node_get(v, "cutoff"))) {
        int c = n->type == PT_NODE_SCALAR ? enum_index(cutoffs, n->str) : -1;
        if (c < 0) {
            if (n->type == PT_NODE_SCALAR)
                bad_enum(doc, n, "cutoff", cutoffs, d);
            rc = -1;
        } else
            dl->cutoff = (pt_cutoff)c;
    }
    const char *dk[2] = {"from", "until"};
    pt_date *dst[2] = {&dl->rec_from, &dl->rec_until};
    for (int i = 0; i < 2; i++) {
        if (!(n = pt_node_get(v, dk[i])) || pt_node_is_null(n))
            continue;
        node_ref r = {doc, n};
        pt_srcpos pos = srcpos_of(&r);
        if (n->type != PT_NODE_SCALAR || pt_date_parse_text(dst[i], n->str, &pos, d) != 0)
            rc = -1;
    }
    if (!pt_node_get(v, "day") && !pt_node_get(v, "after")) {
        pt_diag_add(d, PT_E_DUE_MAP, file, v->line, v->col, "give 'day' or 'after'");
        rc = -1;
    }
    return rc;
}

/* The words a map-form deadline stands for, for outputs that show the
 * deadline as written. */
static const char *map_due_text(pt_set *s, const pt_node *v)
{
    pt_buf b = PT_BUF_INIT;
    pt_buf_addc(&b, '{');
    for (size_t i = 0; i < v->n; i++) {
        const pt_node *k = v->items[2 * i], *x = v->items[2 * i + 1];
        pt_buf_printf(&b, "%s%s: %s", i ? ", " : "", k->str,
                      x->type == PT_NODE_SCALAR ? x->str : "…");
    }
    pt_buf_addc(&b, '}');
    const char *t = pt_arena_strdup(s->arena, b.data ? b.data : "");
    pt_buf_release(&b);
    return t;
}

static void load_task(pt_set *s, plan_entry *pe, const pt_node *tn, size_t ti, pt_diags *d)
{
    const pt_doc *doc = pe->doc;
    const char *file = pt_doc_path(doc);
    pt_task *t = &pe->tasks[ti];
    const pt_registry *reg = pe->plan.registry;
    t->line = tn->line;
    t->col = tn->col;
    t->report_to = -1;
    t->kind = PT_TASK_ACTION;
    pt_node_check_keys(doc, tn, task_keys, "task", d);
    t->id = pt_scalar(doc, tn, "id", true, "task", d);
    t->title = pt_scalar(doc, tn, "title", false, "task", d);
    t->quote = pt_scalar(doc, tn, "quote", false, "task", d);
    t->note = pt_scalar(doc, tn, "note", false, "task", d);
    const char *kind = pt_scalar(doc, tn, "kind", false, "task", d);
    if (kind) {
        int k = enum_index(task_kinds, kind);
        if (k < 0)
            bad_enum(doc, pt_node_get(tn, "kind"), "kind", task_kinds, d);
        else
            t->kind = (pt_task_kind)k;
    }
    if (!t->title)
        t->title = t->id ? t->id : "";
    const pt_node *lead = pt_node_get(tn, "lead");
    if (!lead || pt_node_is_null(lead))
        pt_diag_add(d, PT_E_MISSING_KEY, file, tn->line, tn->col, "task", "lead");
    else if (lead->type == PT_NODE_SEQ && lead->n == 0)
        pt_diag_add(d, PT_E_EMPTY_LEAD, file, lead->line, lead->col, t->id ? t->id : "");
    else if (reg)
        t->lead = agency_list(s, doc, reg, lead, "lead", t->id, &t->n_lead, d);
    if (reg)
        t->support = agency_list(s, doc, reg, pt_node_get(tn, "support"), "support", NULL,
                                 &t->n_support, d);
    const char *rt = pt_scalar(doc, tn, "report_to", false, "task", d);
    if (rt && reg) {
        const pt_node *v = pt_node_get(tn, "report_to");
        const pt_agency *a = pt_registry_find_id(reg, rt);
        if (a)
            t->report_to = (int32_t)a->index;
        else if (pt_registry_is_group(reg, rt))
            pt_diag_add(d, PT_E_REPORT_TO_GROUP, file, v->line, v->col, rt);
        else {
            char hint[200];
            pt_did_you_mean(hint, sizeof hint, pt_registry_suggest(reg, rt));
            pt_diag_add(d, PT_E_UNKNOWN_AGENCY, file, v->line, v->col, rt, "report_to", hint);
        }
    }
    const pt_node *due = pt_node_get(tn, "due");
    t->due_line = tn->line;
    t->due_col = tn->col;
    pe->due_nodes[ti].doc = doc;
    pe->due_nodes[ti].node = due ? due : tn;
    if (!due || pt_node_is_null(due)) {
        pt_deadline_parse(&t->due, NULL, NULL, d);
    } else {
        t->due_line = due->line;
        t->due_col = due->col;
        if (due->type == PT_NODE_SCALAR) {
            pt_srcpos pos = srcpos_of(&pe->due_nodes[ti]);
            t->due_text = due->str;
            if (pt_deadline_parse(&t->due, due->str, &pos, d) != 0)
                pt_deadline_parse(&t->due, NULL, NULL, NULL);
        } else if (due->type == PT_NODE_MAP) {
            t->due_text = map_due_text(s, due);
            if (parse_map_due(&t->due, doc, due, d) == 0)
                t->due.text = strdup(t->due_text); /* messages quote the map as written */
            else {
                pt_deadline_release(&t->due);
                pt_deadline_parse(&t->due, NULL, NULL, NULL);
            }
        } else {
            pt_diag_add(d, PT_E_TYPE, file, due->line, due->col, "due",
                        "a deadline phrase or a recurring map", pt_node_kind(due));
            pt_deadline_parse(&t->due, NULL, NULL, NULL);
        }
    }
    /* a deadline's own words must outlive the document */
    t->id = pt_arena_strdup(s->arena, t->id);
}

static void load_defaults(plan_entry *pe, const pt_node *v, pt_diags *d)
{
    const pt_doc *doc = pe->doc;
    if (v->type != PT_NODE_MAP) {
        pt_diag_add(d, PT_E_NOT_MAP, pt_doc_path(doc), v->line, v->col, "'defaults'",
                    pt_node_kind(v));
        return;
    }
    pt_node_check_keys(doc, v, every_names, "defaults", d);
    for (int e = 0; e < 4; e++) {
        const pt_node *x = pt_node_get(v, every_names[e]);
        if (!x || pt_node_is_null(x))
            continue;
        if (x->type != PT_NODE_SCALAR) {
            pt_diag_add(d, PT_E_TYPE, pt_doc_path(doc), x->line, x->col, every_names[e],
                        "a deadline phrase", pt_node_kind(x));
            continue;
        }
        pe->default_nodes[e].doc = doc;
        pe->default_nodes[e].node = x;
        pt_srcpos pos = srcpos_of(&pe->default_nodes[e]);
        pt_deadline *dl = calloc(1, sizeof *dl);
        if (!dl || pt_deadline_parse_default(dl, (pt_every)e, x->str, &pos, d) != 0) {
            free(dl);
            continue;
        }
        if (dl->kind != PT_DL_RECURRING || (int)dl->every != e) {
            /* "trước ngày 15/12" under `year:` means that day every year */
            if (dl->kind == PT_DL_BY || dl->kind == PT_DL_BEFORE) {
                pt_ymd day = dl->day;
                bool before = dl->kind == PT_DL_BEFORE;
                char *words = dl->text;
                const char *rule = dl->rule;
                dl->text = NULL;
                pt_deadline_release(dl);
                pt_deadline_init_recurring(dl, (pt_every)e);
                dl->text = words;
                dl->rule = rule;
                dl->day_of_month = day.d;
                dl->before = before;
                int last_month = e == PT_EVERY_YEAR ? 12 : e == PT_EVERY_HALF ? 6 : e == PT_EVERY_QUARTER ? 3 : 1;
                dl->month_offset = day.m ? day.m - last_month : 0;
                if (e != PT_EVERY_YEAR && e != PT_EVERY_HALF)
                    dl->month_offset = 0;
            } else {
                pt_diag_add(d, PT_E_DEFAULT_EVERY, pt_doc_path(doc), x->line, x->col,
                            every_names[e], dl->kind == PT_DL_RECURRING ? pt_every_name(dl->every) : "one-off");
                pt_deadline_release(dl);
                free(dl);
                continue;
            }
        }
        pe->defaults[e] = dl;
    }
}

int pt_set_load_plan(pt_set *s, const char *path, pt_diags *d)
{
    size_t errors = pt_diags_errors(d);
    note_file(s, path);
    pt_doc *doc = keep_doc(s, pt_doc_load_file(path, d));
    if (!doc)
        return -1;
    const pt_node *root = pt_doc_root(doc);
    if (root->type != PT_NODE_MAP) {
        pt_diag_add(d, PT_E_NOT_MAP, path, root->line, root->col, "a plan file", pt_node_kind(root));
        return -1;
    }
    plan_entry *pe = pt_arena_alloc(s->arena, sizeof *pe);
    if (!pe)
        return -1;
    pe->doc = doc;
    pt_plan *p = &pe->plan;
    p->path = pt_arena_strdup(s->arena, path);
    p->roll = true;
    p->issued = p->period_from = p->period_until = PT_DATE_NONE;
    pt_node_check_keys(doc, root, plan_keys, "plan", d);
    p->id = pt_scalar_id(doc, root, "plan", "plan", d);
    p->title = pt_scalar(doc, root, "title", true, "plan", d);
    p->kind = pt_scalar(doc, root, "kind", false, "plan", d);
    p->number = pt_scalar(doc, root, "number", false, "plan", d);
    p->issuer = pt_scalar(doc, root, "issuer", false, "plan", d);
    p->place = pt_scalar(doc, root, "place", false, "plan", d);
    p->subject = pt_scalar(doc, root, "subject", false, "plan", d);
    p->source = pt_scalar(doc, root, "source", false, "plan", d);
    p->period_text = pt_scalar(doc, root, "period", false, "plan", d);
    for (size_t i = 0; p->id && i < s->nplans; i++)
        if (strcmp(s->plans[i]->plan.id, p->id) == 0) {
            const pt_node *v = pt_node_get(root, "plan");
            pt_diag_add(d, PT_E_DUP_PLAN, path, v->line, v->col, p->id, s->plans[i]->plan.path);
        }
    const pt_node *v;
    if ((v = pt_node_get(root, "issued")) && !pt_node_is_null(v)) {
        node_ref r = {doc, v};
        pt_srcpos pos = srcpos_of(&r);
        if (v->type != PT_NODE_SCALAR)
            pt_diag_add(d, PT_E_TYPE, path, v->line, v->col, "issued", "a date", pt_node_kind(v));
        else
            pt_date_parse_text(&p->issued, v->str, &pos, d);
    }
    if (p->period_text) {
        node_ref r = {doc, pt_node_get(root, "period")};
        pt_srcpos pos = srcpos_of(&r);
        pt_period_parse(&p->period_from, &p->period_until, p->period_text, &pos, d);
    }
    if ((v = pt_node_get(root, "roll")) && !pt_node_is_null(v)) {
        static const char *const rolls[] = {"forward", "none", NULL};
        int k = v->type == PT_NODE_SCALAR ? enum_index(rolls, v->str) : -1;
        if (k < 0 && v->type == PT_NODE_SCALAR)
            bad_enum(doc, v, "roll", rolls, d);
        else if (k < 0)
            pt_diag_add(d, PT_E_TYPE, path, v->line, v->col, "roll", "forward or none", pt_node_kind(v));
        p->roll = k != 1;
    }
    if ((v = pt_node_get(root, "basis")) && !pt_node_is_null(v)) {
        if (v->type != PT_NODE_SEQ)
            pt_diag_add(d, PT_E_TYPE, path, v->line, v->col, "basis", "a list of references",
                        pt_node_kind(v));
        else {
            const char **b = pt_arena_alloc(s->arena, (v->n + 1) * sizeof *b);
            for (size_t i = 0; b && i < v->n; i++) {
                if (v->items[i]->type != PT_NODE_SCALAR)
                    pt_diag_add(d, PT_E_TYPE, path, v->items[i]->line, v->items[i]->col, "basis",
                                "a list of references", pt_node_kind(v->items[i]));
                else
                    b[p->n_basis++] = v->items[i]->str;
            }
            p->basis = b;
        }
    }
    if ((v = pt_node_get(root, "defaults")) && !pt_node_is_null(v))
        load_defaults(pe, v, d);
    registry_entry *re = NULL;
    v = pt_node_get(root, "registry");
    if (!v)
        pt_diag_add(d, PT_E_MISSING_KEY, path, root->line, root->col, "plan", "registry");
    else if ((re = load_registry(s, doc, v, d)))
        p->registry = re->reg;
    p->calendar = load_calendar(s, doc, pt_node_get(root, "calendar"), d);
    const pt_node *tasks = pt_node_get(root, "tasks");
    if (!tasks || pt_node_is_null(tasks))
        pt_diag_add(d, PT_E_MISSING_KEY, path, root->line, root->col, "plan", "tasks");
    else if (tasks->type != PT_NODE_SEQ)
        pt_diag_add(d, PT_E_TYPE, path, tasks->line, tasks->col, "tasks", "a list of tasks",
                    pt_node_kind(tasks));
    else if (tasks->n == 0)
        pt_diag_add(d, PT_E_NO_TASKS, path, tasks->line, tasks->col, p->id ? p->id : "");
    else {
        pe->tasks = pt_arena_alloc(s->arena, tasks->n * sizeof *pe->tasks);
        pe->due_nodes = pt_arena_alloc(s->arena, tasks->n * sizeof *pe->due_nodes);
        pt_map ids = PT_MAP_INIT;
        for (size_t i = 0; pe->tasks && pe->due_nodes && i < tasks->n; i++) {
            const pt_node *tn = tasks->items[i];
            if (tn->type != PT_NODE_MAP) {
                pt_diag_add(d, PT_E_NOT_MAP, path, tn->line, tn->col, "a task", pt_node_kind(tn));
                continue;
            }
            size_t ti = p->n_tasks;
            load_task(s, pe, tn, ti, d);
            pt_task *t = &pe->tasks[ti];
            uint32_t prev;
            if (t->id && pt_map_get(&ids, t->id, strlen(t->id), &prev)) {
                const pt_node *idn = pt_node_get(tn, "id");
                pt_diag_add(d, PT_E_DUP_TASK, path, idn->line, idn->col, t->id, pe->tasks[prev].line);
            } else if (t->id) {
                pt_map_put(&ids, t->id, strlen(t->id), (uint32_t)ti);
            }
            p->n_tasks++;
        }
        pt_map_release(&ids);
        p->tasks = pe->tasks;
    }
    p->id = p->id ? p->id : "";
    if (pt_diags_errors(d) > errors) {
        for (size_t t = 0; t < p->n_tasks; t++)
            pt_deadline_release(&pe->tasks[t].due);
        for (int k = 0; k < 4; k++)
            if (pe->defaults[k]) {
                pt_deadline_release(pe->defaults[k]);
                free(pe->defaults[k]);
                pe->defaults[k] = NULL;
            }
        return -1;
    }
    if (GROW(s->plans, s->nplans, s->capplans) != 0) {
        s->nplans = s->capplans = 0;
        return -1;
    }
    p->index = (uint32_t)s->nplans;
    s->plans[s->nplans++] = pe;
    return 0;
}

static const registry_entry *entry_of(const pt_set *s, const pt_registry *r)
{
    for (size_t i = 0; i < s->nregs; i++)
        if (s->regs[i].reg == r)
            return &s->regs[i];
    return NULL;
}

static const pt_registry *cmp_reg;
static int cmp_agency_id(const void *a, const void *b)
{
    const pt_agency *x = pt_registry_agency(cmp_reg, *(const uint32_t *)a);
    const pt_agency *y = pt_registry_agency(cmp_reg, *(const uint32_t *)b);
    return strcmp(x->id, y->id);
}

/* Labels: the bare id, or registry/id where two loaded registries share
 * that id, so that outputs never merge two agencies. */
static void make_labels(pt_set *s)
{
    if (s->labels_done)
        return;
    pt_map count = PT_MAP_INIT;
    for (size_t r = 0; r < s->nregs; r++) {
        const pt_registry *reg = s->regs[r].reg;
        for (size_t i = 0; reg && i < pt_registry_count(reg); i++) {
            const char *id = pt_registry_agency(reg, i)->id;
            uint32_t c = 0;
            pt_map_get(&count, id, strlen(id), &c);
            pt_map_put(&count, id, strlen(id), c + 1);
        }
    }
    for (size_t r = 0; r < s->nregs; r++) {
        registry_entry *e = &s->regs[r];
        if (!e->reg)
            continue;
        size_t n = pt_registry_count(e->reg);
        e->labels = pt_arena_alloc(s->arena, (n ? n : 1) * sizeof *e->labels);
        e->by_id = pt_arena_alloc(s->arena, (n ? n : 1) * sizeof *e->by_id);
        if (!e->labels || !e->by_id)
            continue;
        for (size_t i = 0; i < n; i++) {
            const char *id = pt_registry_agency(e->reg, i)->id;
            uint32_t c = 0;
            pt_map_get(&count, id, strlen(id), &c);
            e->labels[i] = c > 1 ? pt_arena_printf(s->arena, "%s/%s", pt_registry_id(e->reg), id) : id;
            e->by_id[i] = (uint32_t)i;
        }
        cmp_reg = e->reg;
        qsort(e->by_id, n, sizeof *e->by_id, cmp_agency_id);
    }
    pt_map_release(&count);
    s->labels_done = true;
}

const char *pt_set_agency_label(const pt_set *s, const pt_registry *r, uint32_t agency)
{
    const registry_entry *e = entry_of(s, r);
    if (e && e->labels)
        return e->labels[agency];
    return pt_registry_agency(r, agency)->id;
}

/* Position of agency a in t->lead, or n_lead when t does not name it.
 * Branch-free (each step advances by half & a mask): a check looks up
 * every submission, in an order unrelated to the lists, so a branch per
 * step would mispredict about half the time. */
static size_t lead_pos(const pt_task *t, uint32_t a)
{
    if (t->n_lead == 0)
        return 0;
    const uint32_t *p = t->lead;
    for (size_t len = t->n_lead; len > 1;) {
        size_t half = len / 2;
        p += half & -(size_t)(p[half - 1] < a);
        len -= half;
    }
    return *p == a ? (size_t)(p - t->lead) : t->n_lead;
}

/* Drops the obligations and the index into them (out of memory, or before
 * rebuilding both). */
static void drop_obligations(pt_set *s)
{
    free(s->obs);
    free(s->lead_ob);
    free(s->lead_at);
    free(s->task_at);
    s->obs = NULL;
    s->lead_ob = NULL;
    s->lead_at = s->task_at = NULL;
    s->nobs = s->ob_plans = 0;
}

static pt_expand_ctx ctx_of(const pt_set *s, const plan_entry *pe)
{
    pt_expand_ctx c;
    memset(&c, 0, sizeof c);
    const pt_plan *p = &pe->plan;
    c.issued = p->issued;
    c.period_from = p->period_from;
    c.period_until = p->period_until;
    c.period_year = 0;
    if (p->period_from != PT_DATE_NONE) {
        int y, m, dd;
        pt_date_ymd(p->period_from, &y, &m, &dd);
        c.period_year = y;
    }
    c.as_of = s->as_of;
    c.cal = p->calendar;
    c.roll = p->roll;
    for (int e = 0; e < 4; e++)
        c.defaults[e] = pe->defaults[e];
    return c;
}

int pt_set_compile(pt_set *s, pt_date as_of, pt_diags *d)
{
    size_t errors = pt_diags_errors(d);
    s->as_of = as_of;
    make_labels(s);
    size_t total = 0, ntasks = 0, nleads = 0;
    for (size_t i = 0; i < s->nplans; i++) {
        plan_entry *pe = s->plans[i];
        pt_expand_ctx ctx = ctx_of(s, pe);
        for (size_t t = 0; t < pe->plan.n_tasks; t++) {
            pt_task *task = &pe->tasks[t];
            pt_occurrence *occ = NULL;
            size_t n = 0;
            pt_srcpos pos = srcpos_of(&pe->due_nodes[t]);
            if (pt_deadline_expand(&occ, &n, &task->due, &ctx, &pos, d, NULL) == 0) {
                pt_occurrence *copy = pt_arena_alloc(s->arena, (n ? n : 1) * sizeof *copy);
                if (copy && n)
                    memcpy(copy, occ, n * sizeof *copy);
                task->occ = copy;
                task->n_occ = copy ? n : 0;
            }
            free(occ);
            total += task->n_occ * task->n_lead;
            nleads += task->n_lead;
        }
        ntasks += pe->plan.n_tasks;
    }
    if (total > MAX_OBLIGATIONS) {
        pt_diag_add(d, PT_E_TOO_MANY, "", 0, 0, MAX_OBLIGATIONS);
        return -1;
    }
    if (pt_diags_errors(d) > errors)
        return -1;
    drop_obligations(s);
    s->obs = malloc((total ? total : 1) * sizeof *s->obs);
    s->lead_ob = calloc(nleads ? nleads : 1, sizeof *s->lead_ob);
    s->lead_at = malloc((ntasks ? ntasks : 1) * sizeof *s->lead_at);
    s->task_at = malloc((s->nplans ? s->nplans : 1) * sizeof *s->task_at);
    if (!s->obs || !s->lead_ob || !s->lead_at || !s->task_at) {
        drop_obligations(s);
        return -1;
    }
    for (size_t i = 0, k = 0, l = 0; i < s->nplans; i++) {
        s->task_at[i] = k;
        for (size_t t = 0; t < s->plans[i]->plan.n_tasks; t++, k++) {
            s->lead_at[k] = l;
            l += s->plans[i]->tasks[t].n_lead;
        }
    }
    /* Emitted directly in output order: plan, agency id, task, period. */
    for (size_t i = 0; i < s->nplans; i++) {
        const plan_entry *pe = s->plans[i];
        const registry_entry *re = entry_of(s, pe->plan.registry);
        size_t na = pt_registry_count(pe->plan.registry);
        const size_t *lead_at = s->lead_at + s->task_at[i];
        for (size_t k = 0; k < na; k++) {
            uint32_t a = re->by_id[k];
            for (size_t t = 0; t < pe->plan.n_tasks; t++) {
                const pt_task *task = &pe->tasks[t];
                size_t j = lead_pos(task, a);
                if (j == task->n_lead)
                    continue;
                s->lead_ob[lead_at[t] + j] = (uint32_t)s->nobs;
                for (size_t o = 0; o < task->n_occ; o++) {
                    pt_obligation *ob = &s->obs[s->nobs++];
                    ob->plan = (uint32_t)i;
                    ob->task = (uint32_t)t;
                    ob->agency = a;
                    ob->occ = (uint32_t)o;
                }
            }
        }
    }
    s->ob_plans = s->nplans;
    return 0;
}

size_t pt_set_find_obligation(const pt_set *s, uint32_t plan, uint32_t task, uint32_t agency,
                              uint32_t occ)
{
    if (plan >= s->ob_plans || task >= s->plans[plan]->plan.n_tasks)
        return SIZE_MAX;
    const pt_task *t = &s->plans[plan]->tasks[task];
    size_t j = lead_pos(t, agency);
    if (j == t->n_lead || occ >= t->n_occ)
        return SIZE_MAX;
    /* the task's periods follow its first obligation for that agency */
    size_t i = (size_t)s->lead_ob[s->lead_at[s->task_at[plan] + task] + j] + occ;
    if (i >= s->nobs)
        return SIZE_MAX;
    /* A later compile that failed on errors keeps these obligations but may
     * have re-expanded the task's periods: answer only with the obligation
     * asked about. */
    const pt_obligation *ob = &s->obs[i];
    return ob->plan == plan && ob->task == task && ob->agency == agency && ob->occ == occ
               ? i
               : SIZE_MAX;
}

size_t pt_set_plan_count(const pt_set *s) { return s->nplans; }
const pt_plan *pt_set_plan(const pt_set *s, size_t i) { return &s->plans[i]->plan; }

const pt_plan *pt_set_find_plan(const pt_set *s, const char *id)
{
    for (size_t i = 0; i < s->nplans; i++)
        if (strcmp(s->plans[i]->plan.id, id) == 0)
            return &s->plans[i]->plan;
    return NULL;
}

const pt_task *pt_plan_find_task(const pt_plan *p, const char *id)
{
    for (size_t i = 0; i < p->n_tasks; i++)
        if (p->tasks[i].id && strcmp(p->tasks[i].id, id) == 0)
            return &p->tasks[i];
    return NULL;
}

size_t pt_set_obligation_count(const pt_set *s) { return s->nobs; }
const pt_obligation *pt_set_obligations(const pt_set *s) { return s->obs; }
size_t pt_set_registry_count(const pt_set *s) { return s->nregs; }
const pt_registry *pt_set_registry(const pt_set *s, size_t i) { return s->regs[i].reg; }
size_t pt_set_file_count(const pt_set *s) { return s->nfiles; }
const char *pt_set_file(const pt_set *s, size_t i) { return s->files[i]; }

int pt_set_explain(const pt_set *s, const pt_plan *plan, const pt_task *task, pt_explain *ex,
                   pt_diags *d)
{
    const plan_entry *pe = s->plans[plan->index];
    pt_expand_ctx ctx = ctx_of(s, pe);
    size_t t = (size_t)(task - pe->tasks);
    pt_srcpos pos = srcpos_of(&pe->due_nodes[t]);
    pt_occurrence *occ = NULL;
    size_t n = 0;
    int rc = pt_deadline_expand(&occ, &n, &task->due, &ctx, &pos, d, ex);
    free(occ);
    return rc;
}
