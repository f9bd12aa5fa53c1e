/* pt_registry.c - loading registries, folding names, expanding groups. */
#include "pt_registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pt_ids.h"
#include "pt_text.h"
#include "pt_util.h"
#include "pt_yaml.h"

typedef struct {
    const char *name;
    const pt_node *node;
    uint32_t *members;
    size_t n;
    int state; /* 0 new, 1 expanding, 2 done */
    size_t added_to; /* the last group its members were added to, SIZE_MAX: none */
    bool bad;  /* an error was reported about it: no "selects no agency" too */
} group;

struct pt_registry {
    pt_arena *arena;
    const char *id, *name, *path;
    pt_agency *agencies;
    size_t n;
    group *groups;
    size_t ngroups;
    pt_map by_id;     /* id -> agency index */
    pt_map by_fold;   /* folded name -> index into names[] */
    struct name_entry {
        uint32_t agency;
        const char *text;   /* as written, for messages */
    } *names;
    size_t nnames, capnames;
    pt_map group_ix;  /* group name -> group index */
};

static const char *const registry_keys[] = {"registry", "name", "source", "agencies", "groups", NULL};
static const char *const agency_keys[] = {"id", "name", "short", "aliases", "kind", NULL};

bool pt_id_valid(const char *s)
{
    if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return false;
    return true;
}

/* True when the map has a key that "did you mean" turns into key: the
 * unknown-key message already says what is wrong, once. */
static bool misspelt_here(const pt_node *map, const char *key)
{
    const char *cand[1] = {key};
    for (size_t i = 0; map->type == PT_NODE_MAP && i < map->n; i++) {
        const pt_node *k = map->items[2 * i];
        if (k->type == PT_NODE_SCALAR && strcmp(k->str, key) != 0 && pt_suggest(k->str, cand, 1))
            return true;
    }
    return false;
}

const char *pt_scalar(const pt_doc *doc, const pt_node *n, const char *key, bool required,
                      const char *what, pt_diags *d)
{
    const pt_node *v = pt_node_get(n, key);
    if (!v || pt_node_is_null(v)) {
        if (required && !v && !misspelt_here(n, key))
            pt_diag_add(d, PT_E_MISSING_KEY, pt_doc_path(doc), n->line, n->col, what, key);
        else if (required && v)
            pt_diag_add(d, PT_E_MISSING_KEY, pt_doc_path(doc), v->line, v->col, what, key);
        return NULL;
    }
    if (v->type != PT_NODE_SCALAR) {
        pt_diag_add(d, PT_E_TYPE, pt_doc_path(doc), v->line, v->col, key, "a string",
                    pt_node_kind(v));
        return NULL;
    }
    if (v->len == 0 || strspn(v->str, " \t\r\n") == v->len) {
        pt_diag_add(d, PT_E_EMPTY_VALUE, pt_doc_path(doc), v->line, v->col, key);
        return NULL;
    }
    return v->str;
}

const char *pt_scalar_id(const pt_doc *doc, const pt_node *n, const char *key, const char *what,
                         pt_diags *d)
{
    const char *id = pt_scalar(doc, n, key, true, what, d);
    if (id && !pt_id_valid(id)) {
        const pt_node *v = pt_node_get(n, key);
        char label[64];
        snprintf(label, sizeof label, "%s id", what);
        pt_diag_add(d, PT_E_BAD_ID, pt_doc_path(doc), v->line, v->col, label, id);
        return NULL;
    }
    return id;
}

static int add_name(pt_registry *r, const pt_doc *doc, const pt_node *at, const char *name,
                    uint32_t ix, pt_diags *d)
{
    char *f = pt_fold(name, strlen(name));
    if (!f)
        return -1;
    size_t fl = strlen(f);
    uint32_t other;
    if (pt_map_get(&r->by_fold, f, fl, &other)) {
        free(f);
        if (r->names[other].agency == ix)
            return 0;
        pt_diag_add(d, PT_E_NAME_CLASH, pt_doc_path(doc), at->line, at->col, name,
                    r->agencies[ix].id, r->names[other].text, r->agencies[r->names[other].agency].id);
        return -1;
    }
    if (pt_grow(&r->names, r->nnames, &r->capnames, sizeof *r->names, 64) != 0) {
        free(f);
        return -1;
    }
    char *key = pt_arena_strndup(r->arena, f, fl);
    free(f);
    if (!key)
        return -1;
    r->names[r->nnames].agency = ix;
    r->names[r->nnames].text = pt_arena_strdup(r->arena, name);
    return pt_map_put(&r->by_fold, key, fl, (uint32_t)r->nnames++);
}

static const char **string_list(pt_registry *r, const pt_doc *doc, const pt_node *v,
                                const char *key, size_t *n, pt_diags *d)
{
    *n = 0;
    if (!v || pt_node_is_null(v))
        return NULL;
    if (v->type != PT_NODE_SEQ) {
        pt_diag_add(d, PT_E_TYPE, pt_doc_path(doc), v->line, v->col, key, "a list of strings",
                    pt_node_kind(v));
        return NULL;
    }
    const char **out = pt_arena_alloc(r->arena, (v->n + 1) * sizeof *out);
    for (size_t i = 0; out && i < v->n; i++) {
        const pt_node *it = v->items[i];
        if (it->type != PT_NODE_SCALAR || pt_node_is_null(it)) {
            pt_diag_add(d, PT_E_TYPE, pt_doc_path(doc), it->line, it->col, key,
                        "a list of strings", pt_node_kind(it));
            continue;
        }
        out[(*n)++] = it->str;
    }
    return out;
}

static void load_agencies(pt_registry *r, const pt_doc *doc, const pt_node *list, pt_diags *d)
{
    r->agencies = pt_arena_alloc(r->arena, (list->n + 1) * sizeof *r->agencies);
    if (!r->agencies)
        return;
    for (size_t i = 0; i < list->n; i++) {
        const pt_node *a = list->items[i];
        if (a->type != PT_NODE_MAP) {
            pt_diag_add(d, PT_E_NOT_MAP, pt_doc_path(doc), a->line, a->col, "an agency",
                        pt_node_kind(a));
            continue;
        }
        pt_node_check_keys(doc, a, agency_keys, "agency", d);
        const char *id = pt_scalar_id(doc, a, "id", "agency", d);
        const char *name = pt_scalar(doc, a, "name", true, "agency", d);
        if (!id || !name)
            continue;
        uint32_t prev;
        if (pt_map_get(&r->by_id, id, strlen(id), &prev)) {
            const pt_node *v = pt_node_get(a, "id");
            pt_diag_add(d, PT_E_DUP_AGENCY, pt_doc_path(doc), v->line, v->col, id,
                        r->agencies[prev].line);
            continue;
        }
        uint32_t ix = (uint32_t)r->n;
        pt_agency *ag = &r->agencies[r->n++];
        ag->id = id;
        ag->name = name;
        ag->short_name = pt_scalar(doc, a, "short", false, "agency", d);
        ag->kind = pt_scalar(doc, a, "kind", false, "agency", d);
        ag->aliases = string_list(r, doc, pt_node_get(a, "aliases"), "aliases", &ag->n_aliases, d);
        ag->index = ix;
        ag->line = a->line;
        ag->col = a->col;
        pt_map_put(&r->by_id, id, strlen(id), ix);
        add_name(r, doc, pt_node_get(a, "id"), id, ix, d);
        add_name(r, doc, pt_node_get(a, "name"), name, ix, d);
        if (ag->short_name)
            add_name(r, doc, pt_node_get(a, "short"), ag->short_name, ix, d);
        const pt_node *al = pt_node_get(a, "aliases");
        for (size_t k = 0; k < ag->n_aliases; k++)
            add_name(r, doc, al->items[k], ag->aliases[k], ix, d);
    }
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorted, without duplicates. */
static size_t sort_unique(uint32_t *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cmp_u32);
    size_t w = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[w - 1])
            v[w++] = v[i];
    return w;
}

static bool kind_selected(const pt_node *sel, const char *kind)
{
    if (!kind)
        return false;
    if (sel->type == PT_NODE_SCALAR)
        return strcmp(sel->str, kind) == 0;
    for (size_t i = 0; sel->type == PT_NODE_SEQ && i < sel->n; i++)
        if (sel->items[i]->type == PT_NODE_SCALAR && strcmp(sel->items[i]->str, kind) == 0)
            return true;
    return false;
}

/* Members of one group that are not other groups: its selector's agencies
 * or its list's agency ids. Nested groups are handled by expand_all. */
static void direct_members(pt_registry *r, const pt_doc *doc, group *g, pt_buf *acc, pt_diags *d)
{
    const pt_node *v = g->node;
    if (v->type == PT_NODE_MAP) {
        static const char *const sel_keys[] = {"kind", NULL};
        const pt_node *sel = pt_node_get(v, "kind");
        if (pt_node_check_keys(doc, v, sel_keys, "group selector", d) != 0)
            g->bad = true;
        else if (!sel) {
            pt_diag_add(d, PT_E_GROUP_FORM, pt_doc_path(doc), v->line, v->col, g->name);
            g->bad = true;
        }
        for (size_t i = 0; sel && i < r->n; i++)
            if (kind_selected(sel, r->agencies[i].kind))
                pt_buf_add(acc, &r->agencies[i].index, sizeof(uint32_t));
    } else if (v->type == PT_NODE_SEQ) {
        for (size_t i = 0; i < v->n; i++) {
            const pt_node *it = v->items[i];
            uint32_t ix;
            if (it->type != PT_NODE_SCALAR) {
                pt_diag_add(d, PT_E_GROUP_FORM, pt_doc_path(doc), it->line, it->col, g->name);
                g->bad = true;
            }
            else if (pt_map_get(&r->by_id, it->str, it->len, &ix))
                pt_buf_add(acc, &ix, sizeof ix);
            else if (!pt_map_get(&r->group_ix, it->str, it->len, NULL)) {
                char hint[200];
                pt_did_you_mean(hint, sizeof hint, pt_registry_suggest(r, it->str));
                pt_diag_add(d, PT_E_GROUP_UNKNOWN, pt_doc_path(doc), it->line, it->col, g->name,
                            it->str, hint);
                g->bad = true;
            }
        }
    } else {
        pt_diag_add(d, PT_E_GROUP_FORM, pt_doc_path(doc), v->line, v->col, g->name);
        g->bad = true;
    }
}

static void finish_group(pt_registry *r, group *g, pt_buf *acc)
{
    size_t n = acc->len / sizeof(uint32_t);
    g->members = pt_arena_alloc(r->arena, (n ? n : 1) * sizeof(uint32_t));
    if (g->members && n)
        memcpy(g->members, acc->data, acc->len);
    g->n = g->members ? sort_unique(g->members, n) : 0;
    g->state = 2;
}

/* Expanded members kept over all groups. A registry of 10,000 agencies
 * with 200 groups of all of them stays under it; 15,000 groups each naming
 * the one before (800 KB of YAML) would need 112 million, gigabytes and
 * minutes, so past it the registry is an error. */
#define MAX_GROUP_MEMBERS ((size_t)4000000)

/* True when the members gathered in acc, with `total` already kept, pass
 * the cap. The list is made unique first: a group may name overlapping
 * subgroups, and only the distinct members count. */
static bool over_cap(size_t total, pt_buf *acc)
{
    size_t n = acc->len / sizeof(uint32_t);
    if (total + n <= MAX_GROUP_MEMBERS)
        return false;
    n = sort_unique((uint32_t *)(void *)acc->data, n);
    acc->len = n * sizeof(uint32_t);
    return total + n > MAX_GROUP_MEMBERS;
}

/* Expands every group, depth first with an explicit stack: a chain of
 * groups each naming the next is legal however long it is, and must not
 * exhaust the C stack. A group met again while it is being expanded is a
 * cycle. */
static void expand_all(pt_registry *r, const pt_doc *doc, pt_diags *d)
{
    size_t total = 0;
    bool too_big = false;
    typedef struct {
        size_t g, next_item;
        pt_buf acc;
    } step;
    step *st = malloc((r->ngroups + 1) * sizeof *st);
    if (!st)
        return;
    for (size_t root = 0; root < r->ngroups && !too_big; root++) {
        if (r->groups[root].state == 2)
            continue;
        size_t top = 0;
        st[0] = (step){root, 0, PT_BUF_INIT};
        r->groups[root].state = 1;
        direct_members(r, doc, &r->groups[root], &st[0].acc, d);
        while (true) {
            step *cur = &st[top];
            group *g = &r->groups[cur->g];
            const pt_node *v = g->node;
            bool descended = false;
            while (v->type == PT_NODE_SEQ && cur->next_item < v->n) {
                const pt_node *it = v->items[cur->next_item++];
                uint32_t gi;
                if (it->type != PT_NODE_SCALAR || !pt_map_get(&r->group_ix, it->str, it->len, &gi))
                    continue;
                group *sub = &r->groups[gi];
                if (sub->state == 1) {
                    pt_diag_add(d, PT_E_GROUP_CYCLE, pt_doc_path(doc), it->line, it->col, g->name,
                                it->str);
                    g->bad = true;
                } else if (sub->state == 2) {
                    g->bad |= sub->bad;
                    if (sub->added_to == cur->g)
                        continue; /* named again in this group: its members are there */
                    sub->added_to = cur->g;
                    pt_buf_add(&cur->acc, sub->members, sub->n * sizeof(uint32_t));
                    if (over_cap(total, &cur->acc))
                        break; /* reported below */
                } else {
                    sub->state = 1;
                    st[++top] = (step){gi, 0, PT_BUF_INIT};
                    direct_members(r, doc, sub, &st[top].acc, d);
                    descended = true;
                    break;
                }
            }
            if (descended)
                continue;
            if (over_cap(total, &cur->acc)) {
                pt_diag_add(d, PT_E_GROUP_TOO_BIG, pt_doc_path(doc), v->line, v->col,
                            MAX_GROUP_MEMBERS, g->name);
                for (size_t i = 0; i <= top; i++)
                    pt_buf_release(&st[i].acc);
                too_big = true;
                break;
            }
            finish_group(r, g, &cur->acc);
            pt_buf_release(&cur->acc);
            total += g->n;
            if (g->n == 0 && !g->bad)
                pt_diag_add(d, PT_W_GROUP_EMPTY, pt_doc_path(doc), v->line, v->col, g->name);
            if (top == 0)
                break;
            top--;
            r->groups[st[top].g].bad |= g->bad;
            g->added_to = st[top].g;
            pt_buf_add(&st[top].acc, g->members, g->n * sizeof(uint32_t));
        }
    }
    free(st);
    /* after the error, no group has members: none is reported as empty */
    for (size_t i = 0; too_big && i < r->ngroups; i++) {
        r->groups[i].state = 2;
        r->groups[i].n = 0;
    }
}

static void load_groups(pt_registry *r, const pt_doc *doc, const pt_node *map, pt_diags *d)
{
    if (map->type != PT_NODE_MAP) {
        pt_diag_add(d, PT_E_NOT_MAP, pt_doc_path(doc), map->line, map->col, "'groups'",
                    pt_node_kind(map));
        return;
    }
    r->groups = pt_arena_alloc(r->arena, (map->n + 1) * sizeof *r->groups);
    if (!r->groups)
        return;
    for (size_t i = 0; i < map->n; i++) {
        const pt_node *k = map->items[2 * i];
        if (k->type != PT_NODE_SCALAR)
            continue;
        if (!pt_id_valid(k->str)) {
            pt_diag_add(d, PT_E_BAD_ID, pt_doc_path(doc), k->line, k->col, "group name", k->str);
            continue;
        }
        if (pt_map_get(&r->by_id, k->str, k->len, NULL)) {
            pt_diag_add(d, PT_E_GROUP_CLASH, pt_doc_path(doc), k->line, k->col, k->str);
            continue;
        }
        if (pt_map_get(&r->group_ix, k->str, k->len, NULL)) {
            pt_diag_add(d, PT_E_DUP_KEY, pt_doc_path(doc), k->line, k->col, k->str, "groups");
            continue;
        }
        group *g = &r->groups[r->ngroups];
        g->name = k->str;
        g->node = map->items[2 * i + 1];
        g->added_to = SIZE_MAX;
        pt_map_put(&r->group_ix, k->str, k->len, (uint32_t)r->ngroups);
        r->ngroups++;
    }
    expand_all(r, doc, d);
}

pt_registry *pt_registry_from_doc(const pt_doc *doc, pt_diags *d)
{
    size_t errors = pt_diags_errors(d);
    const pt_node *root = pt_doc_root(doc);
    if (root->type != PT_NODE_MAP) {
        pt_diag_add(d, PT_E_NOT_MAP, pt_doc_path(doc), root->line, root->col, "a registry file",
                    pt_node_kind(root));
        return NULL;
    }
    pt_registry *r = calloc(1, sizeof *r);
    if (!r || !(r->arena = pt_arena_new())) {
        free(r);
        return NULL;
    }
    pt_node_check_keys(doc, root, registry_keys, "registry", d);
    r->path = pt_arena_strdup(r->arena, pt_doc_path(doc));
    r->id = pt_scalar_id(doc, root, "registry", "registry", d);
    r->name = pt_scalar(doc, root, "name", false, "registry", d);
    const pt_node *ag = pt_node_get(root, "agencies");
    if (!ag || pt_node_is_null(ag))
        pt_diag_add(d, PT_E_MISSING_KEY, pt_doc_path(doc), root->line, root->col, "registry",
                    "agencies");
    else if (ag->type != PT_NODE_SEQ)
        pt_diag_add(d, PT_E_TYPE, pt_doc_path(doc), ag->line, ag->col, "agencies",
                    "a list of agencies", pt_node_kind(ag));
    else {
        load_agencies(r, doc, ag, d);
        if (ag->n == 0)
            pt_diag_add(d, PT_E_NO_AGENCIES, pt_doc_path(doc), ag->line, ag->col,
                        r->id ? r->id : "");
    }
    const pt_node *gr = pt_node_get(root, "groups");
    if (gr && !pt_node_is_null(gr))
        load_groups(r, doc, gr, d);
    /* Strings point into the document's arena: copy them so the registry
     * outlives it. */
    r->id = pt_arena_strdup(r->arena, r->id ? r->id : "");
    r->name = pt_arena_strdup(r->arena, r->name ? r->name : r->id);
    for (size_t i = 0; i < r->n; i++) {
        pt_agency *a = &r->agencies[i];
        a->id = pt_arena_strdup(r->arena, a->id);
        a->name = pt_arena_strdup(r->arena, a->name);
        a->short_name = pt_arena_strdup(r->arena, a->short_name);
        a->kind = pt_arena_strdup(r->arena, a->kind);
        const char **al = (const char **)a->aliases;
        for (size_t k = 0; k < a->n_aliases; k++)
            al[k] = pt_arena_strdup(r->arena, al[k]);
    }
    /* Rebuild the maps on the copied strings. */
    pt_map_release(&r->by_id);
    for (size_t i = 0; i < r->n; i++)
        pt_map_put(&r->by_id, r->agencies[i].id, strlen(r->agencies[i].id), (uint32_t)i);
    pt_map_release(&r->group_ix);
    for (size_t i = 0; i < r->ngroups; i++) {
        r->groups[i].name = pt_arena_strdup(r->arena, r->groups[i].name);
        r->groups[i].node = NULL;
        pt_map_put(&r->group_ix, r->groups[i].name, strlen(r->groups[i].name), (uint32_t)i);
    }
    if (pt_diags_errors(d) > errors) {
        pt_registry_free(r);
        return NULL;
    }
    return r;
}

void pt_registry_free(pt_registry *r)
{
    if (!r)
        return;
    pt_map_release(&r->by_id);
    pt_map_release(&r->by_fold);
    pt_map_release(&r->group_ix);
    free(r->names);
    pt_arena_free(r->arena);
    free(r);
}

const char *pt_registry_id(const pt_registry *r) { return r->id; }
const char *pt_registry_name(const pt_registry *r) { return r->name; }
const char *pt_registry_path(const pt_registry *r) { return r->path; }
size_t pt_registry_count(const pt_registry *r) { return r->n; }
const pt_agency *pt_registry_agency(const pt_registry *r, size_t i) { return &r->agencies[i]; }

const pt_agency *pt_registry_find_id(const pt_registry *r, const char *id)
{
    uint32_t ix;
    return pt_map_get(&r->by_id, id, strlen(id), &ix) ? &r->agencies[ix] : NULL;
}

const pt_agency *pt_registry_find(const pt_registry *r, const char *name)
{
    const pt_agency *a = pt_registry_find_id(r, name);
    if (a)
        return a;
    char *f = pt_fold(name, strlen(name));
    if (!f)
        return NULL;
    uint32_t ix;
    bool ok = pt_map_get(&r->by_fold, f, strlen(f), &ix);
    free(f);
    return ok ? &r->agencies[r->names[ix].agency] : NULL;
}

bool pt_registry_expand(const pt_registry *r, const char *id, const uint32_t **out, size_t *n)
{
    uint32_t ix;
    if (pt_map_get(&r->by_id, id, strlen(id), &ix)) {
        *out = &r->agencies[ix].index;
        *n = 1;
        return true;
    }
    if (pt_map_get(&r->group_ix, id, strlen(id), &ix)) {
        *out = r->groups[ix].members;
        *n = r->groups[ix].n;
        return true;
    }
    return false;
}

bool pt_registry_is_group(const pt_registry *r, const char *id)
{
    return pt_map_get(&r->group_ix, id, strlen(id), NULL);
}

const char *pt_registry_suggest(const pt_registry *r, const char *word)
{
    size_t n = r->n * 2 + r->ngroups;
    const char **c = malloc((n + 1) * sizeof *c);
    if (!c)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++)
        c[k++] = r->agencies[i].id;
    for (size_t i = 0; i < r->ngroups; i++)
        c[k++] = r->groups[i].name;
    const char *best = pt_suggest(word, c, k);
    if (!best) { /* a misspelt full name: suggest the agency's id */
        size_t m = 0;
        for (size_t i = 0; i < r->n; i++)
            c[m++] = r->agencies[i].name;
        const char *bn = pt_suggest(word, c, m);
        for (size_t i = 0; bn && i < r->n; i++)
            if (r->agencies[i].name == bn)
                best = r->agencies[i].id;
    }
    free(c);
    return best;
}
