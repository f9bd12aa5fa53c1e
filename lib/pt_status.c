/* pt_status.c - status registers (YAML and CSV) resolved against the plans.
 *
 * Every record is resolved once, here, to (plan, task, agency, occurrence)
 * indices, so that pt_check never looks at a name again. Look-ups go through
 * hash maps built on first use and kept for the life of the pt_status: plan
 * ids, task ids per plan, and per registry every agency string as written
 * (so that a register that writes "UBND quận Ba Đình" 10,000 times folds it
 * once). Strings that outlive a file (ref, note, exempt) are copied into the
 * status's arena; nothing is malloc'd per record.
 */
#include "pt_status.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pt_csv.h"
#include "pt_deadline.h"
#include "pt_registry.h"
#include "pt_text.h"
#include "pt_util.h"
#include "pt_yaml.h"

#define NOT_FOUND UINT32_MAX

typedef struct {
    const pt_registry *reg;
    pt_map names;          /* agency as written -> index, NOT_FOUND when unknown */
    pt_map hints;          /* unknown agency as written -> index in sug[] */
    const char **sug;      /* did-you-mean of each unknown string (NULL: none) */
    size_t nsug, capsug;
} agency_cache;

typedef struct {
    bool built;
    pt_map tasks;          /* task id -> index in plan->tasks */
    pt_map *occ;           /* per task: period label -> occ index, built on first use */
    size_t nocc;           /* entries of occ (the plan's task count) */
} plan_cache;

/* A period label as written -> its canonical form, parsed once. */
#define LABEL_BAD UINT32_MAX

struct pt_status {
    pt_arena *arena;
    int jobs;              /* threads reading ahead; 0: one per core */
    pt_submission *subs;
    size_t n, cap;
    const char **files;
    size_t nfiles, capfiles;
    /* Caches, valid for `set` (reset when another set is passed). */
    const pt_set *set;
    pt_map plans;          /* plan id -> index */
    plan_cache *pc;        /* one per plan */
    size_t npc;
    agency_cache *ac;      /* one per registry seen */
    size_t nac;
    pt_map labels;         /* label as written -> index in canon[], LABEL_BAD */
    pt_map dates;          /* date in words as written -> index in days[] */
    pt_date *days;
    size_t ndays, capdays;
    char (*canon)[12];
    size_t ncanon, capcanon;
};

/* One value of a record, from a YAML scalar or a CSV cell. */
typedef struct {
    const char *s;         /* NULL when absent */
    bool present;          /* written (even empty or null) */
    int line, col;
    const pt_doc *doc;     /* YAML: for positions inside the value */
    const pt_node *node;
} field;

enum { F_PLAN, F_AGENCY, F_TASK, F_PERIOD, F_DATE, F_REF, F_NOTE, F_EXEMPT, F_EXTENDED, F_COUNT };

static const char *const field_names[F_COUNT] = {
    "plan", "agency", "task", "period", "date", "ref", "note", "exempt", "extended",
};

typedef struct {
    const char *file;      /* arena copy */
    const char *what;      /* "submission" or "row" */
    int line, col;
    field f[F_COUNT];
    const pt_plan *default_plan;
    bool default_bad;      /* the file's default plan is unknown (already reported) */
} record;

pt_status *pt_status_new(void)
{
    pt_status *st = calloc(1, sizeof *st);
    if (!st)
        return NULL;
    st->arena = pt_arena_new();
    if (!st->arena) {
        free(st);
        return NULL;
    }
    return st;
}

static void reset_caches(pt_status *st)
{
    pt_map_release(&st->plans);
    for (size_t i = 0; i < st->npc; i++) {
        pt_map_release(&st->pc[i].tasks);
        for (size_t t = 0; t < st->pc[i].nocc; t++)
            pt_map_release(&st->pc[i].occ[t]);
        free(st->pc[i].occ);
    }
    free(st->pc);
    st->pc = NULL;
    st->npc = 0;
    for (size_t i = 0; i < st->nac; i++) {
        pt_map_release(&st->ac[i].names);
        pt_map_release(&st->ac[i].hints);
        free(st->ac[i].sug);
    }
    free(st->ac);
    st->ac = NULL;
    st->nac = 0;
    st->set = NULL;
}

void pt_status_free(pt_status *st)
{
    if (!st)
        return;
    reset_caches(st);
    pt_map_release(&st->labels);
    free(st->canon);
    pt_map_release(&st->dates);
    free(st->days);
    free(st->subs);
    free(st->files);
    pt_arena_free(st->arena);
    free(st);
}

void pt_status_set_jobs(pt_status *st, int jobs) { st->jobs = jobs; }

size_t pt_status_count(const pt_status *st) { return st->n; }
const pt_submission *pt_status_get(const pt_status *st, size_t i)
{
    return i < st->n ? &st->subs[i] : NULL;
}
size_t pt_status_file_count(const pt_status *st) { return st->nfiles; }
const char *pt_status_file(const pt_status *st, size_t i)
{
    return i < st->nfiles ? st->files[i] : NULL;
}

/* ---- look-ups ---------------------------------------------------------- */

static int init_caches(pt_status *st, const pt_set *set)
{
    if (st->set == set)
        return 0;
    reset_caches(st);
    size_t np = pt_set_plan_count(set);
    st->pc = calloc(np ? np : 1, sizeof *st->pc);
    if (!st->pc)
        return -1;
    st->npc = np;
    for (size_t i = 0; i < np; i++) {
        const pt_plan *p = pt_set_plan(set, i);
        if (pt_map_put(&st->plans, p->id, strlen(p->id), (uint32_t)i) != 0)
            return -1;
    }
    st->set = set;
    return 0;
}

static const pt_plan *find_plan(pt_status *st, const char *id)
{
    uint32_t ix;
    if (!pt_map_get(&st->plans, id, strlen(id), &ix))
        return NULL;
    return pt_set_plan(st->set, ix);
}

static const pt_task *find_task(pt_status *st, const pt_plan *p, const char *id)
{
    plan_cache *pc = &st->pc[p->index < st->npc ? p->index : 0];
    if (p->index >= st->npc || pt_set_plan(st->set, p->index) != p)
        return pt_plan_find_task(p, id);
    if (!pc->built) {
        for (size_t i = 0; i < p->n_tasks; i++) {
            const char *tid = p->tasks[i].id;
            if (!tid)
                continue;
            if (pt_map_put(&pc->tasks, tid, strlen(tid), (uint32_t)i) != 0)
                return pt_plan_find_task(p, id);
        }
        pc->built = true;
    }
    uint32_t ix;
    return pt_map_get(&pc->tasks, id, strlen(id), &ix) ? &p->tasks[ix] : NULL;
}

static agency_cache *cache_of(pt_status *st, const pt_registry *r)
{
    for (size_t i = 0; i < st->nac; i++)
        if (st->ac[i].reg == r)
            return &st->ac[i];
    agency_cache *na = realloc(st->ac, (st->nac + 1) * sizeof *na);
    if (!na)
        return NULL;
    st->ac = na;
    agency_cache *ac = &st->ac[st->nac++];
    memset(ac, 0, sizeof *ac);
    ac->reg = r;
    return ac;
}

/* The did-you-mean for an unknown agency string, computed once per string
 * (a register that misspells one district a thousand times folds the
 * registry's names once). */
static const char *suggest_agency(pt_status *st, const pt_registry *r, const char *name)
{
    agency_cache *ac = cache_of(st, r);
    size_t len = strlen(name);
    uint32_t ix;
    if (ac && pt_map_get(&ac->hints, name, len, &ix))
        return ac->sug[ix];
    const char *sug = pt_registry_suggest(r, name);
    if (!ac)
        return sug;
    if (pt_grow(&ac->sug, ac->nsug, &ac->capsug, sizeof *ac->sug, 16) != 0)
        return sug;
    char *key = pt_arena_strndup(st->arena, name, len);
    if (key && pt_map_put(&ac->hints, key, len, (uint32_t)ac->nsug) == 0)
        ac->sug[ac->nsug++] = sug;
    return sug;
}

/* The agency a string names in r, through a cache of every string seen. */
static const pt_agency *find_agency(pt_status *st, const pt_registry *r, const char *name)
{
    agency_cache *ac = cache_of(st, r);
    if (!ac)
        return pt_registry_find(r, name);
    size_t len = strlen(name);
    uint32_t ix;
    if (pt_map_get(&ac->names, name, len, &ix))
        return ix == NOT_FOUND ? NULL : pt_registry_agency(r, ix);
    const pt_agency *a = pt_registry_find(r, name);
    char *key = pt_arena_strndup(st->arena, name, len);
    if (key)
        pt_map_put(&ac->names, key, len, a ? a->index : NOT_FOUND);
    return a;
}

static bool assigned(const pt_task *t, uint32_t agency)
{
    size_t lo = 0, hi = t->n_lead;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->lead[mid] == agency)
            return true;
        if (t->lead[mid] < agency)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

static bool recurring(const pt_task *t)
{
    return t->n_occ > 0 && t->occ[0].period[0] != '\0';
}

/* The occurrence of task t with that canonical label, or -1. A task with
 * many periods gets a map (a monthly report over five years has 60). */
static long find_occ(pt_status *st, const pt_plan *p, const pt_task *t, const char *label)
{
    size_t ti = (size_t)(t - p->tasks);
    plan_cache *pc = p->index < st->npc ? &st->pc[p->index] : NULL;
    if (t->n_occ > 8 && pc && pt_set_plan(st->set, p->index) == p) {
        if (!pc->occ) {
            pc->occ = calloc(p->n_tasks, sizeof *pc->occ);
            pc->nocc = pc->occ ? p->n_tasks : 0;
        }
        pt_map *m = pc->occ ? &pc->occ[ti] : NULL;
        if (m && m->n == 0)
            for (size_t i = 0; i < t->n_occ; i++)
                pt_map_put(m, t->occ[i].period, strlen(t->occ[i].period), (uint32_t)i);
        uint32_t ix;
        if (m && m->n == t->n_occ)
            return pt_map_get(m, label, strlen(label), &ix) ? (long)ix : -1;
    }
    for (size_t i = 0; i < t->n_occ; i++)
        if (strcmp(t->occ[i].period, label) == 0)
            return (long)i;
    return -1;
}

/* The canonical form of a period label, through a cache of every label
 * seen (a register writes the same few labels over and over). Returns
 * NULL when it is not a period label. */
static const char *canon_label(pt_status *st, const char *label)
{
    size_t len = strlen(label);
    uint32_t ix;
    if (pt_map_get(&st->labels, label, len, &ix))
        return ix == LABEL_BAD ? NULL : st->canon[ix];
    char canon[12];
    int rc = pt_period_label_parse(canon, label);
    if (rc == 0 && pt_grow(&st->canon, st->ncanon, &st->capcanon, sizeof *st->canon, 64) != 0)
        return NULL;
    char *key = pt_arena_strndup(st->arena, label, len);
    if (rc != 0) {
        if (key)
            pt_map_put(&st->labels, key, len, LABEL_BAD);
        return NULL;
    }
    memcpy(st->canon[st->ncanon], canon, sizeof canon);
    if (key)
        pt_map_put(&st->labels, key, len, (uint32_t)st->ncanon);
    return st->canon[st->ncanon++];
}

/* ---- errors ------------------------------------------------------------ */

static void err_at(pt_diags *d, const record *r, const field *f, pt_msg m, ...)
{
    va_list ap;
    va_start(ap, m);
    pt_diag_addv(d, m, r->file, f->line, f->col, ap);
    va_end(ap);
}

typedef struct {
    const pt_doc *doc;
    const pt_node *node;
} node_ctx;

static void node_map(const void *ctx, size_t off, int *line, int *col)
{
    const node_ctx *c = ctx;
    pt_node_pos(c->doc, c->node, off, line, col);
}

/* Parses a date value. The common shapes (2020-05-20, 20/5/2020) take the
 * fast path; anything else goes to pt_date_parse_text, which understands
 * the Vietnamese wording and reports a mistake inside the value. A
 * register writes the same few hundred days in words over and over, so a
 * wording read without a message is kept for the next time. */
static int parse_date(pt_status *st, pt_date *out, const record *r, const field *f, pt_diags *d)
{
    if (pt_date_parse(out, f->s) == 0)
        return 0;
    size_t len = strlen(f->s);
    uint32_t ix;
    if (pt_map_get(&st->dates, f->s, len, &ix)) {
        *out = st->days[ix];
        return 0;
    }
    node_ctx ctx = {f->doc, f->node};
    pt_srcpos pos = {r->file, f->line, f->col, NULL, NULL};
    if (f->doc && f->node) {
        pos.map = node_map;
        pos.map_ctx = &ctx;
    }
    size_t said = pt_diags_errors(d) + pt_diags_warnings(d);
    if (pt_date_parse_text(out, f->s, &pos, d) != 0)
        return -1;
    if (pt_diags_errors(d) + pt_diags_warnings(d) == said) {
        if (pt_grow(&st->days, st->ndays, &st->capdays, sizeof *st->days, 64) != 0)
            return 0;
        char *key = pt_arena_strndup(st->arena, f->s, len);
        if (key && pt_map_put(&st->dates, key, len, (uint32_t)st->ndays) == 0)
            st->days[st->ndays++] = *out;
    }
    return 0;
}

/* True once the list has stopped storing messages (a register with a
 * million bad rows): the counts go on, but a did-you-mean, which folds
 * every candidate, is no longer worth computing. */
static bool diags_full(const pt_diags *d)
{
    return pt_diags_count(d) < pt_diags_errors(d) + pt_diags_warnings(d);
}

static bool blank(const char *s)
{
    return !s || s[strspn(s, " \t\r\n")] == '\0';
}

/* ---- resolving one record --------------------------------------------- */

static int push(pt_status *st, const pt_submission *s)
{
    if (pt_grow(&st->subs, st->n, &st->cap, sizeof *st->subs, 256) != 0)
        return -1;
    st->subs[st->n++] = *s;
    return 0;
}

static const char *keep(pt_status *st, const char *s)
{
    return s ? pt_arena_strdup(st->arena, s) : NULL;
}

static void resolve(pt_status *st, const record *r, pt_diags *d)
{
    size_t errors = pt_diags_errors(d);
    char hint[256];
    bool hints = !diags_full(d);
    const field *fp = &r->f[F_PLAN], *fa = &r->f[F_AGENCY], *ft = &r->f[F_TASK],
                *fper = &r->f[F_PERIOD];
    bool no_resolve = false;

    /* plan */
    const pt_plan *plan = NULL;
    if (fp->s) {
        plan = find_plan(st, fp->s);
        if (!plan) {
            size_t np = pt_set_plan_count(st->set);
            const char **ids = hints ? malloc((np + 1) * sizeof *ids) : NULL;
            for (size_t i = 0; ids && i < np; i++)
                ids[i] = pt_set_plan(st->set, i)->id;
            pt_did_you_mean(hint, sizeof hint, ids ? pt_suggest(fp->s, ids, np) : NULL);
            free(ids);
            err_at(d, r, fp, PT_E_ST_PLAN_UNKNOWN, fp->s, hint);
        }
    } else if (r->default_plan) {
        plan = r->default_plan;
    } else if (r->default_bad) {
        no_resolve = true; /* the file's plan: is already reported */
    } else {
        pt_diag_add(d, PT_E_ST_NO_PLAN, r->file, r->line, r->col, r->what,
                    strcmp(r->what, "row") == 0
                        ? "fill in its 'plan' cell"
                        : "write 'plan:' in it or at the top of the file");
    }

    /* agency and task */
    if (!fa->s)
        pt_diag_add(d, PT_E_MISSING_KEY, r->file, r->line, r->col, r->what, "agency");
    if (!ft->s)
        pt_diag_add(d, PT_E_MISSING_KEY, r->file, r->line, r->col, r->what, "task");
    const pt_agency *agency = NULL;
    const pt_task *task = NULL;
    if (plan && fa->s) {
        agency = find_agency(st, plan->registry, fa->s);
        if (!agency) {
            pt_did_you_mean(hint, sizeof hint,
                            hints ? suggest_agency(st, plan->registry, fa->s) : NULL);
            err_at(d, r, fa, PT_E_ST_AGENCY_UNKNOWN, fa->s, pt_registry_id(plan->registry),
                   hint);
        }
    }
    if (plan && ft->s) {
        task = find_task(st, plan, ft->s);
        if (!task) {
            const char **ids = hints ? malloc((plan->n_tasks + 1) * sizeof *ids) : NULL;
            for (size_t i = 0; ids && i < plan->n_tasks; i++)
                ids[i] = plan->tasks[i].id; /* pt_suggest skips NULL */
            pt_did_you_mean(hint, sizeof hint,
                            ids ? pt_suggest(ft->s, ids, plan->n_tasks) : NULL);
            free(ids);
            err_at(d, r, ft, PT_E_ST_TASK_UNKNOWN, ft->s, plan->id, hint);
        }
    }
    if (agency && task && !assigned(task, agency->index)) {
        /* Few assigned agencies: name them all. Many: suggest the one whose
         * id is close to what was written (a slip between two districts). */
        const char **ids = hints ? malloc((task->n_lead + 1) * sizeof *ids) : NULL;
        for (size_t i = 0; ids && i < task->n_lead; i++)
            ids[i] = pt_registry_agency(plan->registry, task->lead[i])->id;
        hint[0] = '\0';
        if (ids && task->n_lead <= 4) {
            pt_buf b = PT_BUF_INIT;
            pt_buf_adds(&b, "; it is assigned to ");
            for (size_t i = 0; i < task->n_lead; i++)
                pt_buf_printf(&b, "%s'%s'", i ? ", " : "", ids[i]);
            snprintf(hint, sizeof hint, "%s", b.data ? b.data : "");
            pt_buf_release(&b);
        } else if (ids) {
            const char *sug = pt_suggest(fa->s, ids, task->n_lead);
            if (!sug)
                sug = pt_suggest(agency->id, ids, task->n_lead);
            pt_did_you_mean(hint, sizeof hint, sug);
        }
        free(ids);
        err_at(d, r, fa, PT_E_ST_NOT_ASSIGNED, agency->id, task->id, plan->id, hint);
    }

    /* period */
    long occ = -1;
    if (task && recurring(task)) {
        if (!fper->s) {
            char range[64];
            if (task->n_occ == 1)
                snprintf(range, sizeof range, "'%s'", task->occ[0].period);
            else
                snprintf(range, sizeof range, "'%s' to '%s'", task->occ[0].period,
                         task->occ[task->n_occ - 1].period);
            pt_diag_add(d, PT_E_ST_PERIOD_MISSING, r->file, r->line, r->col, task->id, range);
        } else {
            char canon[12];
            const char *c = canon_label(st, fper->s);
            if (c)
                memcpy(canon, c, sizeof canon);
            if (!c) {
                err_at(d, r, fper, PT_E_ST_PERIOD_BAD, fper->s);
            } else {
                occ = find_occ(st, plan, task, canon);
                /* "6 tháng/năm": the H2 report is the year report, shown as
                 * the year; 2021-H2 is accepted for it. */
                size_t cl = strlen(canon);
                if (occ < 0 && cl == 7 && strcmp(canon + 4, "-H2") == 0) {
                    canon[4] = '\0';
                    occ = find_occ(st, plan, task, canon);
                }
                if (occ < 0) {
                    const char **labels =
                        hints ? malloc((task->n_occ + 1) * sizeof *labels) : NULL;
                    for (size_t i = 0; labels && i < task->n_occ; i++)
                        labels[i] = task->occ[i].period;
                    const char *sug = labels ? pt_suggest(fper->s, labels, task->n_occ) : NULL;
                    if (sug)
                        pt_did_you_mean(hint, sizeof hint, sug);
                    else if (!hints)
                        hint[0] = '\0';
                    else
                        snprintf(hint, sizeof hint, "; its periods run from '%s' to '%s'",
                                 task->occ[0].period, task->occ[task->n_occ - 1].period);
                    free(labels);
                    err_at(d, r, fper, PT_E_ST_PERIOD_UNKNOWN, task->id, fper->s, hint);
                }
            }
        }
    } else if (task) {
        if (fper->s)
            err_at(d, r, fper, PT_E_ST_PERIOD_ONE_OFF, task->id, fper->s);
        else if (task->n_occ > 0)
            occ = 0;
    }

    /* what was recorded */
    pt_date date = PT_DATE_NONE, ext = PT_DATE_NONE;
    const field *fd = &r->f[F_DATE], *fe = &r->f[F_EXEMPT], *fx = &r->f[F_EXTENDED];
    if (fd->s && parse_date(st, &date, r, fd, d) != 0)
        date = PT_DATE_NONE;
    if (fx->s && parse_date(st, &ext, r, fx, d) != 0)
        ext = PT_DATE_NONE;
    bool exempt_bad = fe->present && blank(fe->s);
    if (exempt_bad)
        err_at(d, r, fe, PT_E_ST_EXEMPT_EMPTY);
    /* A record that was received and exempted at once is contradictory; in
     * a CSV it is what an unquoted comma in `note` does, pushing the rest of
     * the note into `exempt`, which would silently turn a submission into an
     * exemption. */
    else if (fe->present && fd->s)
        err_at(d, r, fe, PT_E_ST_DATE_AND_EXEMPT, fe->s);
    if (ext != PT_DATE_NONE && occ >= 0) {
        pt_date due = task->occ[occ].due;
        if (due != PT_DATE_NONE && ext < due) {
            char a[11], b[11];
            pt_date_iso(ext, a);
            pt_date_iso(due, b);
            err_at(d, r, fx, PT_E_ST_EXTENDED_EARLY, a, b);
        }
    }
    if (!fd->s && !fx->s && !fe->present)
        pt_diag_add(d, PT_E_ST_NOTHING, r->file, r->line, r->col, r->what);

    if (no_resolve || pt_diags_errors(d) != errors || !plan || !agency || !task || occ < 0)
        return;
    pt_submission s = {
        .plan = plan->index,
        .task = (uint32_t)(task - plan->tasks),
        .agency = agency->index,
        .occ = (uint32_t)occ,
        .date = date,
        .extended = ext,
        .ref = keep(st, r->f[F_REF].s),
        .note = keep(st, r->f[F_NOTE].s),
        .exempt = keep(st, fe->s),
        .file = r->file,
        .line = r->line,
        .col = r->col,
    };
    push(st, &s);
}

/* ---- YAML -------------------------------------------------------------- */

static const char *const status_keys[] = {"plan", "recorded_by", "submissions", NULL};
static const char *const entry_keys[] = {"plan", "agency", "task", "period", "date",
                                         "ref", "note", "exempt", "extended", NULL};

/* Reads map[key] into f: absent, null (present, s NULL), or a string.
 * Anything else is an error (and the value counts as absent). */
static void yaml_value(field *f, const pt_doc *doc, const pt_node *map, const char *key,
                       const pt_node *v, pt_diags *d)
{
    memset(f, 0, sizeof *f);
    f->line = map->line;
    f->col = map->col;
    if (!v)
        return;
    f->present = true;
    f->line = v->line;
    f->col = v->col;
    f->doc = doc;
    f->node = v;
    if (pt_node_is_null(v))
        return;
    if (v->type != PT_NODE_SCALAR) {
        pt_diag_add(d, PT_E_TYPE, pt_doc_path(doc), v->line, v->col, key, "a string",
                    pt_node_kind(v));
        f->present = false; /* reported: no second error about it */
        f->node = NULL;
        return;
    }
    f->s = v->str;
}

static void yaml_field(field *f, const pt_doc *doc, const pt_node *map, const char *key,
                       pt_diags *d)
{
    yaml_value(f, doc, map, key, pt_node_get(map, key), d);
}

/* Reads a submission's fields. Nearly every entry writes known keys once
 * each: one pass over its keys places them. Anything else (an unknown, a
 * repeated or a complex key) goes through the full key check for its
 * messages, and then each field is its key's first value. */
static void read_entry(record *r, const pt_doc *doc, const pt_node *e, pt_diags *d)
{
    const pt_node *val[F_COUNT] = {NULL};
    bool plain = true;
    for (size_t i = 0; i < e->n && plain; i++) {
        const pt_node *k = e->items[2 * i];
        int f = 0;
        while (f < F_COUNT && (k->type != PT_NODE_SCALAR || k->len != strlen(field_names[f]) ||
                               memcmp(k->str, field_names[f], k->len) != 0))
            f++;
        plain = f < F_COUNT && !val[f];
        if (plain)
            val[f] = e->items[2 * i + 1];
    }
    if (!plain) {
        pt_node_check_keys(doc, e, entry_keys, "submission", d);
        for (int f = 0; f < F_COUNT; f++)
            val[f] = pt_node_get(e, field_names[f]);
    }
    for (int f = 0; f < F_COUNT; f++)
        yaml_value(&r->f[f], doc, e, field_names[f], val[f], d);
}

static void load_yaml(pt_status *st, const char *file, const pt_doc *doc, pt_diags *d)
{
    const pt_node *root = pt_doc_root(doc);
    if (!root || root->type != PT_NODE_MAP) {
        pt_diag_add(d, PT_E_NOT_MAP, file, root ? root->line : 1, root ? root->col : 1,
                    "a status file", pt_node_kind(root));
        return;
    }
    pt_node_check_keys(doc, root, status_keys, "status file", d);
    record r;
    memset(&r, 0, sizeof r);
    r.file = file;
    r.what = "submission";
    field def;
    yaml_field(&def, doc, root, "plan", d);
    const pt_node *pv = pt_node_get(root, "plan");
    if (pv && !pt_node_is_null(pv) && pv->type != PT_NODE_SCALAR)
        r.default_bad = true; /* reported by yaml_field */
    if (def.s) {
        r.default_plan = find_plan(st, def.s);
        if (!r.default_plan) {
            size_t np = pt_set_plan_count(st->set);
            const char **ids = malloc((np + 1) * sizeof *ids);
            for (size_t i = 0; ids && i < np; i++)
                ids[i] = pt_set_plan(st->set, i)->id;
            char hint[256];
            pt_did_you_mean(hint, sizeof hint, ids ? pt_suggest(def.s, ids, np) : NULL);
            free(ids);
            err_at(d, &r, &def, PT_E_ST_PLAN_UNKNOWN, def.s, hint);
            r.default_bad = true;
        }
    }
    field rb;
    yaml_field(&rb, doc, root, "recorded_by", d);
    const pt_node *subs = pt_node_get(root, "submissions");
    if (!subs) {
        pt_diag_add(d, PT_E_MISSING_KEY, file, root->line, root->col, "status file",
                    "submissions");
    } else if (!pt_node_is_null(subs) && subs->type != PT_NODE_SEQ) {
        pt_diag_add(d, PT_E_TYPE, file, subs->line, subs->col, "submissions", "a list",
                    pt_node_kind(subs));
    } else if (subs->type == PT_NODE_SEQ) {
        for (size_t i = 0; i < subs->n; i++) {
            const pt_node *e = subs->items[i];
            if (e->type != PT_NODE_MAP) {
                pt_diag_add(d, PT_E_NOT_MAP, file, e->line, e->col, "a submission",
                            pt_node_kind(e));
                continue;
            }
            r.line = e->line;
            r.col = e->col;
            read_entry(&r, doc, e, d);
            resolve(st, &r, d);
        }
    }
}

/* ---- CSV --------------------------------------------------------------- */

static const char *const csv_columns[F_COUNT] = {
    "plan", "agency", "task", "period", "date", "ref", "note", "exempt", "extended",
};

/* A cell's value with surrounding white space dropped; NULL when empty.
 * Cells rarely need trimming: only those copy, into the arena. */
static const char *cell(pt_status *st, const pt_csv_field *c)
{
    const char *s = c->str;
    size_t len = c->len;
    size_t a = 0;
    while (a < len && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r' || s[a] == '\n'))
        a++;
    size_t b = len;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r' || s[b - 1] == '\n'))
        b--;
    if (a == b)
        return NULL;
    if (a == 0 && b == len)
        return s;
    return pt_arena_strndup(st->arena, s + a, b - a);
}

static void load_csv(pt_status *st, const char *file, const char *buf, size_t len, pt_diags *d)
{
    pt_csv *csv = pt_csv_open(file, buf, len, d);
    if (!csv)
        return;
    const pt_csv_field *f;
    size_t n;
    int r = pt_csv_next(csv, &f, &n);
    if (r < 0)
        goto done; /* a broken header: the rows cannot be read against it */
    if (r == 0) {
        pt_diag_add(d, PT_E_EMPTY, file, 1, 1);
        goto done;
    }
    int colmap[F_COUNT];
    if (pt_csv_header_check(csv, f, n, csv_columns, F_COUNT, 1, colmap, d) != 0)
        goto done;
    size_t ncols = n;
    record rec;
    memset(&rec, 0, sizeof rec);
    rec.file = file;
    rec.what = "row";
    while ((r = pt_csv_next(csv, &f, &n)) != 0) {
        if (r < 0)
            continue; /* reported; the reader goes on with the next record */
        if (pt_csv_width_check(csv, f, n, ncols, d) != 0)
            continue;
        rec.line = f[0].line;
        rec.col = f[0].col;
        for (int k = 0; k < F_COUNT; k++) {
            field *fl = &rec.f[k];
            memset(fl, 0, sizeof *fl);
            fl->line = rec.line;
            fl->col = rec.col;
            int c = colmap[k];
            if (c < 0 || (size_t)c >= n)
                continue;
            fl->line = f[c].line;
            fl->col = f[c].col;
            fl->s = cell(st, &f[c]);
            fl->present = fl->s != NULL;
        }
        resolve(st, &rec, d);
    }
done:
    pt_csv_free(csv);
}

/* ---- files and directories --------------------------------------------- */

static bool has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    if (n < m)
        return false;
    for (size_t i = 0; i < m; i++) {
        char c = s[n - m + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != suf[i])
            return false;
    }
    return true;
}

/* A file to read. Reading it and, for YAML, parsing it into a tree (most
 * of the time a register takes) touch nothing shared, so they are done
 * ahead by worker threads; resolving the records, which fills the caches
 * and the submission list, is done by the calling thread in file order, so
 * that records, messages and their order are those of a sequential read. */
typedef struct {
    const char *path;      /* arena copy */
    bool csv;
    int rc, err;           /* pt_read_file's result, and errno */
    char *buf;             /* the bytes (YAML: until parsed) */
    size_t len;
    pt_doc *doc;           /* YAML, parsed; NULL after an error */
    pt_diags *d;           /* the parse's messages */
    size_t size;           /* the file's size when listed, for the read-ahead budget */
    bool ready;
} job;

static void prepare(job *j)
{
    j->rc = pt_read_file(&j->buf, &j->len, j->path, PT_YAML_MAX_BYTES);
    j->err = errno;
    if (j->csv || j->rc != 0 || j->len == 0)
        return;
    j->d = pt_diags_new();
    char *src = j->buf;
    j->buf = NULL;
    if (j->d)
        j->doc = pt_doc_load_owned(j->path, src, j->len, j->d);
    else
        free(src);
}

static void consume(pt_status *st, job *j, pt_diags *d)
{
    if (j->rc == -2)
        pt_diag_add(d, PT_E_TOO_BIG, j->path, 0, 0, PT_YAML_MAX_BYTES >> 20);
    else if (j->rc != 0 && j->err == EISDIR)
        pt_diag_add(d, PT_E_IS_DIR, j->path, 0, 0, j->path);
    else if (j->rc != 0)
        pt_diag_add(d, PT_E_READ, j->path, 0, 0, j->path, strerror(j->err));
    else if (j->len == 0)
        pt_diag_add(d, PT_E_EMPTY, j->path, 1, 1);
    else if (j->csv)
        load_csv(st, j->path, j->buf, j->len, d);
    else if (!j->d)
        pt_diag_add(d, PT_E_READ, j->path, 0, 0, j->path, strerror(ENOMEM));
    else {
        pt_diags_move(d, j->d);
        if (j->doc)
            load_yaml(st, j->path, j->doc, d);
    }
    pt_doc_free(j->doc);
    pt_diags_free(j->d);
    free(j->buf);
    j->doc = NULL;
    j->d = NULL;
    j->buf = NULL;
}

/* Jobs are taken in file order. Besides the one to be resolved next, at
 * most `window` files and READ_AHEAD_BYTES of them are read ahead, which
 * bounds the memory held in parsed trees: one big register at a time, as a
 * sequential read holds, plus at most as many bytes again. */
#define READ_AHEAD_BYTES PT_YAML_MAX_BYTES

typedef struct {
    job *jobs;
    size_t n, next, done, window;
    size_t inflight;       /* bytes of the jobs taken and not yet resolved */
    pthread_mutex_t mu;
    pthread_cond_t cv;
} pool;

/* Whether the next job may be taken now (the pool's mutex held). */
static bool may_take(const pool *p)
{
    if (p->next >= p->n)
        return false;
    if (p->next == p->done)
        return true; /* the one the reader waits for */
    return p->next < p->done + p->window &&
           p->inflight + p->jobs[p->next].size <= READ_AHEAD_BYTES;
}

static job *take(pool *p)
{
    job *j = &p->jobs[p->next++];
    p->inflight += j->size;
    return j;
}

static void *worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next < p->n && !may_take(p))
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->next >= p->n)
            break;
        job *j = take(p);
        pthread_mutex_unlock(&p->mu);
        prepare(j);
        pthread_mutex_lock(&p->mu);
        j->ready = true;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static size_t thread_count(const pt_status *st, size_t files)
{
    long n = st->jobs;
    if (n <= 0)
        n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n > PT_STATUS_MAX_JOBS)
        n = PT_STATUS_MAX_JOBS;
    if (n < 1)
        n = 1;
    return (size_t)n < files ? (size_t)n : files;
}

/* Reads the files in order. The calling thread resolves each file in turn;
 * while the next one is not ready it prepares one itself, so that with no
 * worker (one core, or a thread that cannot be started) it is a plain
 * sequential read. */
static void load_files(pt_status *st, const char *const *paths, size_t n, pt_diags *d)
{
    job *jobs = calloc(n ? n : 1, sizeof *jobs);
    if (!jobs) {
        pt_diag_add(d, PT_E_READ, n ? paths[0] : "", 0, 0, n ? paths[0] : "", strerror(ENOMEM));
        return;
    }
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        jobs[i].path = paths[i];
        jobs[i].csv = has_suffix(paths[i], ".csv");
        jobs[i].size = stat(paths[i], &sb) == 0 && sb.st_size > 0 ? (size_t)sb.st_size : 0;
    }
    size_t nthreads = thread_count(st, n);
    pool p = {jobs, n, 0, 0, 2 * nthreads, 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};
    pthread_t tid[PT_STATUS_MAX_JOBS];
    size_t started = 0;
    while (started + 1 < nthreads && pthread_create(&tid[started], NULL, worker, &p) == 0)
        started++;
    for (size_t i = 0; i < n; i++) {
        pthread_mutex_lock(&p.mu);
        while (!jobs[i].ready) {
            if (may_take(&p)) {
                job *j = take(&p);
                pthread_mutex_unlock(&p.mu);
                prepare(j);
                pthread_mutex_lock(&p.mu);
                j->ready = true;
                pthread_cond_broadcast(&p.cv);
            } else {
                pthread_cond_wait(&p.cv, &p.mu);
            }
        }
        pthread_mutex_unlock(&p.mu);
        consume(st, &jobs[i], d);
        pthread_mutex_lock(&p.mu);
        p.done = i + 1;
        p.inflight -= jobs[i].size;
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
    }
    for (size_t i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    free(jobs);
}

/* Records file (a string in st's arena) among those read. */
static bool add_file(pt_status *st, const char *file)
{
    if (!file || pt_grow(&st->files, st->nfiles, &st->capfiles, sizeof *st->files, 16) != 0)
        return false;
    st->files[st->nfiles++] = file;
    return true;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every *.yaml, *.yml and *.csv directly in dir, in strcmp order. Hidden
 * files (editor and lock files such as .~lock.x.csv#) are skipped, as a
 * shell's `*` skips them; so are subdirectories. */
static void load_dir(pt_status *st, const char *dir, pt_diags *d)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        pt_diag_add(d, PT_E_READ, dir, 0, 0, dir, strerror(errno));
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    size_t dl = strlen(dir);
    bool slash = dl > 0 && dir[dl - 1] == '/';
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        const char *nm = e->d_name;
        if (nm[0] == '.')
            continue;
        if (!has_suffix(nm, ".yaml") && !has_suffix(nm, ".yml") && !has_suffix(nm, ".csv"))
            continue;
        char *full = pt_arena_printf(st->arena, "%s%s%s", dir, slash ? "" : "/", nm);
        struct stat sb;
        if (!full || stat(full, &sb) != 0 || S_ISDIR(sb.st_mode))
            continue;
        if (pt_grow(&names, n, &cap, sizeof *names, 16) != 0)
            break;
        names[n++] = full;
    }
    closedir(dp);
    if (n == 0)
        pt_diag_add(d, PT_W_ST_DIR_EMPTY, dir, 0, 0, dir);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (add_file(st, names[i]))
            names[kept++] = names[i];
    load_files(st, (const char *const *)names, kept, d);
    free(names);
}

int pt_status_load(pt_status *st, const pt_set *set, const char *path, pt_diags *d)
{
    size_t errors = pt_diags_errors(d);
    if (init_caches(st, set) != 0) {
        pt_diag_add(d, PT_E_READ, path, 0, 0, path, strerror(ENOMEM));
        return -1;
    }
    struct stat sb;
    if (stat(path, &sb) != 0)
        pt_diag_add(d, PT_E_READ, path, 0, 0, path, strerror(errno));
    else if (S_ISDIR(sb.st_mode))
        load_dir(st, path, d);
    else {
        const char *file = pt_arena_strdup(st->arena, path);
        if (add_file(st, file))
            load_files(st, &file, 1, d);
    }
    return pt_diags_errors(d) != errors ? -1 : 0;
}
