/* pt_check.c - statuses of obligations as of a date (SPEC 4).
 *
 * One pass over the submissions and one over the obligations, through index
 * arrays built once: a check of 1,000,000 obligations and 800,000
 * submissions does no per-obligation scan and no per-row malloc. A
 * submission finds its obligation with pt_set_find_obligation (a binary
 * search in its task's short lead list, then one read of the set's index)
 * rather than through a hash map of every obligation, whose table of
 * millions of slots cost a cache miss per insert and per look-up. The
 * submissions of each obligation are grouped by a counting sort that keeps
 * load order, so that "the latest recorded extension" and ties between
 * submissions of the same day are decided by the order in which the status
 * files were read.
 *
 * Decisions (README, "check"):
 *  - Precedence: exempt, then untracked, then submitted (on_time / late),
 *    then not submitted (overdue / due_soon / open). An exemption wins over
 *    a submission; an untracked obligation still shows its submission.
 *  - Exemption and extension records carry no date of their own and apply
 *    whatever the as-of date. Only dated submissions after D are ignored.
 *  - Several exemptions: the last recorded reason is kept. Several
 *    extensions: the last recorded one is in force.
 *  - An extension of an untracked obligation is shown but does not make it
 *    tracked: the plan gives it no checkable deadline.
 *  - ref and note are the counted submission's; an exempt obligation with
 *    no counted submission shows the exemption record's ref and note.
 *  - --agency takes an id, a label registry/id, or any name of an agency;
 *    a bare id that two registries share selects both agencies.
 */
#include "pt_check.h"

#include <stdlib.h>
#include <string.h>

#include "pt_registry.h"
#include "pt_text.h"
#include "pt_util.h"

#define NONE32 UINT32_MAX

struct pt_check {
    pt_check_opts opts;
    const pt_set *set;
    pt_arena *arena;
    pt_result *res;
    size_t n;
    pt_agency_result *ag;
    size_t nag;
    pt_agency_result totals;
};

/* ---- agencies ---------------------------------------------------------- */

typedef struct {
    const pt_registry *reg;
    uint32_t *slot;     /* agency index -> agency result, NONE32 when none */
    bool *selected;     /* NULL when every agency is selected */
} reg_info;

static size_t reg_of(const pt_set *set, const pt_registry *r)
{
    size_t n = pt_set_registry_count(set);
    for (size_t i = 0; i < n; i++)
        if (pt_set_registry(set, i) == r)
            return i;
    return n;
}

/* Marks the agencies an --agency value names: a label registry/id, else
 * an id or any name in each registry (folded). Returns how many. */
static size_t select_agency(reg_info *ri, size_t nreg, const char *s)
{
    size_t hits = 0;
    const char *slash = strchr(s, '/');
    for (size_t i = 0; slash && i < nreg; i++) {
        const char *rid = pt_registry_id(ri[i].reg);
        size_t pl = (size_t)(slash - s);
        if (strlen(rid) != pl || strncmp(rid, s, pl) != 0)
            continue;
        const pt_agency *a = pt_registry_find_id(ri[i].reg, slash + 1);
        if (a) {
            ri[i].selected[a->index] = true;
            hits++;
        }
    }
    bool by_label = hits > 0;
    for (size_t i = 0; !by_label && i < nreg; i++) {
        const pt_agency *a = pt_registry_find(ri[i].reg, s);
        if (a) {
            ri[i].selected[a->index] = true;
            hits++;
        }
    }
    return hits;
}

static int cmp_label(const void *a, const void *b)
{
    const pt_agency_result *x = a, *y = b;
    return strcmp(x->label, y->label);
}

static void set_rate(pt_agency_result *a)
{
    size_t den = a->counts[PT_ST_ON_TIME] + a->counts[PT_ST_LATE] + a->counts[PT_ST_OVERDUE];
    a->rate = den ? (double)a->counts[PT_ST_ON_TIME] / (double)den : -1.0;
}

/* Compares rates exactly, as fractions: 2/3 and 4/6 tie. */
static int cmp_rate(const pt_agency_result *x, const pt_agency_result *y)
{
    unsigned long long xn = x->counts[PT_ST_ON_TIME], yn = y->counts[PT_ST_ON_TIME];
    unsigned long long xd = xn + x->counts[PT_ST_LATE] + x->counts[PT_ST_OVERDUE];
    unsigned long long yd = yn + y->counts[PT_ST_LATE] + y->counts[PT_ST_OVERDUE];
    unsigned long long l = xn * yd, r = yn * xd;
    return l > r ? -1 : l < r; /* higher rate first */
}

static int cmp_rate_ptr(const void *a, const void *b)
{
    const pt_agency_result *const *x = a, *const *y = b;
    return cmp_rate(*x, *y);
}

/* Competition ranking ("1, 2, 2, 4") by rate, highest first; agencies with
 * no rate share the rank after the last one with a rate. */
static int rank_agencies(pt_agency_result *ag, size_t n)
{
    pt_agency_result **v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return -1;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (ag[i].rate >= 0)
            v[m++] = &ag[i];
    qsort(v, m, sizeof *v, cmp_rate_ptr);
    for (size_t i = 0; i < m; i++)
        v[i]->rank = (i > 0 && cmp_rate(v[i - 1], v[i]) == 0) ? v[i - 1]->rank : (int)i + 1;
    for (size_t i = 0; i < n; i++)
        if (ag[i].rate < 0)
            ag[i].rank = (int)m + 1;
    free(v);
    return 0;
}

/* ---- the check ---------------------------------------------------------- */

static void decide(pt_result *r, const pt_status *st, const uint32_t *subs, size_t nsubs,
                   pt_date as_of, int horizon, pt_arena *arena)
{
    const pt_submission *counted = NULL, *exempt = NULL;
    pt_date ext = PT_DATE_NONE;
    size_t ndated = 0;
    for (size_t i = 0; i < nsubs; i++) {
        const pt_submission *s = pt_status_get(st, subs[i]);
        if (s->exempt)
            exempt = s;
        if (s->extended != PT_DATE_NONE)
            ext = s->extended;
        if (s->date == PT_DATE_NONE || (as_of != PT_DATE_NONE && s->date > as_of))
            continue;
        ndated++;
        if (!counted || s->date < counted->date)
            counted = s;
    }
    if (ndated > 1) {
        pt_date *rs = pt_arena_alloc(arena, (ndated - 1) * sizeof *rs);
        size_t k = 0;
        for (size_t i = 0; rs && i < nsubs; i++) {
            const pt_submission *s = pt_status_get(st, subs[i]);
            if (s == counted || s->date == PT_DATE_NONE ||
                (as_of != PT_DATE_NONE && s->date > as_of))
                continue;
            /* insertion keeps them by date; several per obligation are few */
            size_t j = k++;
            while (j > 0 && rs[j - 1] > s->date) {
                rs[j] = rs[j - 1];
                j--;
            }
            rs[j] = s->date;
        }
        r->resubmissions = rs;
        r->n_resubmissions = rs ? k : 0;
    }
    r->original_due = r->occ->due;
    r->extended = ext;
    r->due = r->original_due;
    if (ext != PT_DATE_NONE && r->original_due != PT_DATE_NONE)
        r->due = ext;
    if (counted) {
        r->submitted = counted->date;
        r->ref = counted->ref;
        r->note = counted->note;
    } else if (exempt) {
        r->ref = exempt->ref;
        r->note = exempt->note;
    }
    if (exempt) {
        r->exempt = exempt->exempt;
        r->state = PT_ST_EXEMPT;
    } else if (r->due == PT_DATE_NONE) {
        r->state = PT_ST_UNTRACKED;
    } else if (counted) {
        if (counted->date <= r->due) {
            r->state = PT_ST_ON_TIME;
        } else {
            r->state = PT_ST_LATE;
            r->days_late = counted->date - r->due;
        }
    } else if (as_of == PT_DATE_NONE) {
        r->state = PT_ST_OPEN;
    } else if (as_of > r->due) {
        r->state = PT_ST_OVERDUE;
        r->days_overdue = as_of - r->due;
    } else if (r->due - as_of <= horizon) {
        r->state = PT_ST_DUE_SOON;
    } else {
        r->state = PT_ST_OPEN;
    }
}

pt_check *pt_check_run(const pt_set *set, const pt_status *st, const pt_check_opts *opts,
                       pt_diags *d)
{
    pt_check_opts defaults = PT_CHECK_OPTS_INIT;
    if (!opts)
        opts = &defaults;
    pt_check *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->set = set;
    c->opts = *opts;
    if (c->opts.horizon < 0)
        c->opts.horizon = 0;
    c->arena = pt_arena_new();
    size_t nreg = pt_set_registry_count(set);
    size_t nplans = pt_set_plan_count(set);
    size_t nob = pt_set_obligation_count(set);
    const pt_obligation *ob = pt_set_obligations(set);
    reg_info *ri = calloc(nreg ? nreg : 1, sizeof *ri);
    size_t *preg = calloc(nplans ? nplans : 1, sizeof *preg);
    /* obligation -> result index, NONE32 when --agency leaves it out */
    uint32_t *rix = malloc((nob ? nob : 1) * sizeof *rix);
    uint32_t *cnt = NULL, *order = NULL;
    bool ok = c->arena && ri && preg && rix;
    for (size_t i = 0; ok && i < nreg; i++) {
        ri[i].reg = pt_set_registry(set, i);
        size_t na = pt_registry_count(ri[i].reg);
        ri[i].slot = malloc((na ? na : 1) * sizeof *ri[i].slot);
        ok = ri[i].slot != NULL;
        for (size_t k = 0; ok && k < na; k++)
            ri[i].slot[k] = NONE32;
        if (ok && opts->n_agencies) {
            ri[i].selected = calloc(na ? na : 1, sizeof *ri[i].selected);
            ok = ri[i].selected != NULL;
        }
    }
    for (size_t p = 0; ok && p < nplans; p++)
        preg[p] = reg_of(set, pt_set_plan(set, p)->registry);

    /* --agency: keep copies, so that the options outlive the caller's */
    if (ok && opts->n_agencies) {
        const char **copy = pt_arena_alloc(c->arena, opts->n_agencies * sizeof *copy);
        ok = copy != NULL;
        size_t errors = pt_diags_errors(d);
        for (size_t i = 0; ok && i < opts->n_agencies; i++) {
            copy[i] = pt_arena_strdup(c->arena, opts->agencies[i]);
            if (select_agency(ri, nreg, opts->agencies[i]))
                continue;
            const char *sug = NULL;
            for (size_t k = 0; k < nreg && !sug; k++)
                sug = pt_registry_suggest(ri[k].reg, opts->agencies[i]);
            char hint[256];
            pt_did_you_mean(hint, sizeof hint, sug);
            pt_diag_add(d, PT_E_CHECK_AGENCY, "", 0, 0, opts->agencies[i], hint);
        }
        c->opts.agencies = copy;
        if (pt_diags_errors(d) != errors)
            goto fail;
    }

    /* results, in obligation order */
    size_t n = 0;
    for (size_t i = 0; ok && i < nob; i++) {
        size_t r = preg[ob[i].plan];
        bool sel = r < nreg && (!ri[r].selected || ri[r].selected[ob[i].agency]);
        rix[i] = sel ? (uint32_t)n++ : NONE32;
    }
    if (ok) {
        c->res = calloc(n ? n : 1, sizeof *c->res);
        ok = c->res != NULL;
    }
    for (size_t i = 0; ok && i < nob; i++) {
        if (rix[i] == NONE32)
            continue;
        pt_result *r = &c->res[rix[i]];
        r->ob = &ob[i];
        r->plan = pt_set_plan(set, ob[i].plan);
        r->task = &r->plan->tasks[ob[i].task];
        r->agency = pt_registry_agency(r->plan->registry, ob[i].agency);
        r->agency_label = pt_set_agency_label(set, r->plan->registry, ob[i].agency);
        r->occ = &r->task->occ[ob[i].occ];
        r->submitted = PT_DATE_NONE;
        r->extended = PT_DATE_NONE;
    }
    c->n = n;

    /* group the submissions by result: counting sort, load order kept */
    size_t ns = st ? pt_status_count(st) : 0;
    if (ok) {
        cnt = calloc(n + 1, sizeof *cnt);
        order = malloc((ns ? ns : 1) * sizeof *order);
        ok = cnt && order;
    }
    uint32_t *sres = NULL;
    if (ok) {
        sres = malloc((ns ? ns : 1) * sizeof *sres);
        ok = sres != NULL;
    }
    for (size_t i = 0; ok && i < ns; i++) {
        const pt_submission *s = pt_status_get(st, i);
        size_t o = pt_set_find_obligation(set, s->plan, s->task, s->agency, s->occ);
        sres[i] = o == SIZE_MAX ? NONE32 : rix[o];
        if (sres[i] != NONE32)
            cnt[sres[i] + 1]++;
    }
    for (size_t i = 0; ok && i < n; i++)
        cnt[i + 1] += cnt[i];
    if (ok) {
        uint32_t *fill = malloc((n + 1) * sizeof *fill);
        ok = fill != NULL;
        if (ok) {
            memcpy(fill, cnt, (n + 1) * sizeof *fill);
            for (size_t i = 0; i < ns; i++)
                if (sres[i] != NONE32)
                    order[fill[sres[i]]++] = (uint32_t)i;
            free(fill);
        }
    }
    free(sres);
    for (size_t i = 0; ok && i < n; i++)
        decide(&c->res[i], st, order + cnt[i], cnt[i + 1] - cnt[i], c->opts.as_of,
               c->opts.horizon, c->arena);

    /* per agency */
    size_t nag = 0;
    if (ok) {
        size_t most = 0; /* at most every agency of every registry */
        for (size_t i = 0; i < nreg; i++)
            most += pt_registry_count(ri[i].reg);
        c->ag = calloc(most ? most : 1, sizeof *c->ag);
        ok = c->ag != NULL;
    }
    for (size_t i = 0; ok && i < n; i++) {
        pt_result *r = &c->res[i];
        reg_info *g = &ri[preg[r->ob->plan]];
        uint32_t *sl = &g->slot[r->ob->agency];
        if (*sl == NONE32) {
            *sl = (uint32_t)nag;
            pt_agency_result *a = &c->ag[nag++];
            a->registry = g->reg;
            a->agency = r->agency;
            a->label = r->agency_label;
        }
        pt_agency_result *a = &c->ag[*sl];
        a->counts[r->state]++;
        a->total++;
        c->totals.counts[r->state]++;
        c->totals.total++;
        if (r->due != PT_DATE_NONE) {
            a->due++;
            c->totals.due++;
        }
    }
    if (ok) {
        c->nag = nag;
        qsort(c->ag, nag, sizeof *c->ag, cmp_label);
        for (size_t i = 0; i < nag; i++)
            set_rate(&c->ag[i]);
        set_rate(&c->totals);
        c->totals.label = "";
        ok = rank_agencies(c->ag, nag) == 0;
    }
    if (!ok)
        goto fail;
    free(cnt);
    free(order);
    for (size_t i = 0; i < nreg; i++) {
        free(ri[i].slot);
        free(ri[i].selected);
    }
    free(ri);
    free(preg);
    free(rix);
    return c;

fail:
    free(cnt);
    free(order);
    for (size_t i = 0; ri && i < nreg; i++) {
        free(ri[i].slot);
        free(ri[i].selected);
    }
    free(ri);
    free(preg);
    free(rix);
    pt_check_free(c);
    return NULL;
}

void pt_check_free(pt_check *c)
{
    if (!c)
        return;
    free(c->res);
    free(c->ag);
    pt_arena_free(c->arena);
    free(c);
}

const pt_check_opts *pt_check_options(const pt_check *c) { return &c->opts; }
const pt_set *pt_check_set(const pt_check *c) { return c->set; }
size_t pt_check_count(const pt_check *c) { return c->n; }
const pt_result *pt_check_result(const pt_check *c, size_t i)
{
    return i < c->n ? &c->res[i] : NULL;
}
size_t pt_check_agency_count(const pt_check *c) { return c->nag; }
const pt_agency_result *pt_check_agency(const pt_check *c, size_t i)
{
    return i < c->nag ? &c->ag[i] : NULL;
}
const pt_agency_result *pt_check_totals(const pt_check *c) { return &c->totals; }
size_t pt_check_count_state(const pt_check *c, pt_state s)
{
    return (unsigned)s < PT_ST_COUNT ? c->totals.counts[s] : 0;
}

const char *pt_state_name(pt_state s)
{
    static const char *const names[PT_ST_COUNT] = {
        "on_time", "late", "overdue", "due_soon", "open", "exempt", "untracked",
    };
    return (unsigned)s < PT_ST_COUNT ? names[s] : "";
}

const char *pt_state_label(pt_state s, const char *lang)
{
    /* Quyết định 42/2014/QĐ-TTg names the four categories the Government
     * Office tracks; due_soon and open split "chưa hoàn thành, trong hạn". */
    static const char *const vi[PT_ST_COUNT] = {
        "Đã hoàn thành đúng hạn",
        "Đã hoàn thành quá hạn",
        "Chưa hoàn thành, quá hạn",
        "Chưa hoàn thành, sắp đến hạn",
        "Chưa hoàn thành, trong hạn",
        "Được miễn",
        "Không theo dõi hạn",
    };
    static const char *const en[PT_ST_COUNT] = {
        "Completed on time",
        "Completed late",
        "Not completed, overdue",
        "Not completed, due soon",
        "Not completed, not yet due",
        "Exempt",
        "No checkable deadline",
    };
    if ((unsigned)s >= PT_ST_COUNT)
        return "";
    return lang && strcmp(lang, "en") == 0 ? en[s] : vi[s];
}
