/* pt_yaml.c - libyaml events to a tree of marked nodes, with limits. */
#include "pt_yaml.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "pt_text.h"
#include "pt_util.h"

struct pt_doc {
    pt_arena *arena;
    char *path;
    char *src;         /* the file's bytes, NUL-terminated */
    size_t len;
    pt_node *root;
};

typedef struct {
    const char *name;
    pt_node *node;
    uint64_t weight;   /* nodes in its subtree, aliases expanded */
} anchor;

typedef struct {
    pt_doc *doc;
    pt_diags *d;
    anchor *anchors;
    size_t nanchors, capanchors;
    uint64_t total;
    bool failed;
    /* libyaml also breaks lines at a lone CR, NEL, U+2028 and U+2029, which
     * editors (and our caret printer) do not: when the file has any, line
     * i of libyaml starts at lines[i] (line, and characters into it). */
    struct line_start {
        int line, col;
    } *lines;
    size_t nlines;
} builder;

/* Open collections. Their items wait on one shared stack (a collection's
 * items are the top of it), so that no collection needs a malloc of its own
 * until it is complete and copied into the arena. */
typedef struct {
    pt_node *node;
    size_t start;      /* where its items begin on the item stack */
    uint64_t weight;
    long anchor_ix;    /* the anchor naming this collection, or -1 */
} frame;

typedef struct {
    pt_node **v;
    size_t n, cap;
} item_stack;

static const char *dup_str(pt_doc *doc, const unsigned char *s, size_t n)
{
    return pt_arena_strndup(doc->arena, (const char *)s, n);
}

static int mark_line(const builder *b, yaml_mark_t m)
{
    return b->lines && m.line < b->nlines ? b->lines[m.line].line : (int)m.line + 1;
}

static int mark_col(const builder *b, yaml_mark_t m)
{
    return b->lines && m.line < b->nlines ? b->lines[m.line].col + (int)m.column + 1
                                          : (int)m.column + 1;
}

#define LINE_COL(b, m) mark_line((b), (m)), mark_col((b), (m))

static void pos_of(const builder *b, yaml_mark_t m, int *line, int *col)
{
    *line = mark_line(b, m);
    *col = mark_col(b, m);
}

/* memmem, which C11 and POSIX.1-2008 lack. */
static bool contains(const char *s, size_t len, const char *seq, size_t n)
{
    for (const char *p = memchr(s, seq[0], len); p; p = memchr(p + 1, seq[0], len - (size_t)(p + 1 - s)))
        if ((size_t)(s + len - p) >= n && memcmp(p, seq, n) == 0)
            return true;
    return false;
}

/* Builds the line map when the source has a line break only libyaml sees. */
static void map_lines(builder *b, const char *src, size_t len)
{
    /* Such breaks are rare: library searches find that there are none at
     * memory speed, where a byte loop cost as much as a tenth of libyaml. */
    bool odd = contains(src, len, "\xC2\x85", 2) || contains(src, len, "\xE2\x80\xA8", 3) ||
               contains(src, len, "\xE2\x80\xA9", 3);
    for (const char *cr = memchr(src, '\r', len); cr && !odd;
         cr = memchr(cr + 1, '\r', len - (size_t)(cr + 1 - src)))
        odd = cr + 1 == src + len || cr[1] != '\n';
    if (!odd)
        return;
    size_t cap = 64, n = 0;
    struct line_start *v = malloc(cap * sizeof *v);
    if (!v)
        return;
    v[n++] = (struct line_start){1, 0};
    int line = 1, col = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)src[i];
        bool yaml_break = false;
        if (c == '\n') {
            line++;
            col = 0;
            yaml_break = true;
        } else if (c == '\r') {
            if (i + 1 < len && src[i + 1] == '\n')
                continue; /* CRLF: the LF breaks */
            col++;
            yaml_break = true;
        } else if ((c == 0xC2 && i + 1 < len && (unsigned char)src[i + 1] == 0x85) ||
                   (c == 0xE2 && i + 2 < len && (unsigned char)src[i + 1] == 0x80 &&
                    ((unsigned char)src[i + 2] == 0xA8 || (unsigned char)src[i + 2] == 0xA9))) {
            col++;
            i += c == 0xC2 ? 1 : 2;
            yaml_break = true;
        } else if ((c & 0xC0) != 0x80) {
            col++;
        }
        if (!yaml_break)
            continue;
        if (pt_grow(&v, n, &cap, sizeof *v, 64) != 0) {
            free(v);
            return;
        }
        v[n++] = (struct line_start){line, col};
    }
    b->lines = v;
    b->nlines = n;
}

static pt_node *new_node(builder *b, pt_node_type t, yaml_mark_t m)
{
    pt_node *n = pt_arena_alloc(b->doc->arena, sizeof *n);
    if (!n)
        return NULL;
    n->type = t;
    pos_of(b, m, &n->line, &n->col);
    return n;
}

static int push_item(item_stack *st, pt_node *item)
{
    if (pt_grow(&st->v, st->n, &st->cap, sizeof *st->v, 256) != 0)
        return -1;
    st->v[st->n++] = item;
    return 0;
}

/* Returns the anchor's index, or -1 when there is none. Only anchored
 * nodes need their weight remembered: an alias can only name them. */
static long add_anchor(builder *b, const unsigned char *name, pt_node *node)
{
    if (!name)
        return -1;
    if (pt_grow(&b->anchors, b->nanchors, &b->capanchors, sizeof *b->anchors, 8) != 0)
        return -1;
    b->anchors[b->nanchors].name = dup_str(b->doc, name, strlen((const char *)name));
    b->anchors[b->nanchors].node = node;
    b->anchors[b->nanchors].weight = 1;
    return (long)b->nanchors++;
}

static const anchor *find_anchor(const builder *b, const char *name)
{
    for (size_t i = b->nanchors; i-- > 0;)
        if (strcmp(b->anchors[i].name, name) == 0)
            return &b->anchors[i];
    return NULL;
}

/* Reports the position of the first invalid UTF-8 byte or NUL. */
static bool check_bytes(pt_doc *doc, pt_diags *d)
{
    size_t off;
    int rc = pt_utf8_scan(doc->src, doc->len, &off);
    if (rc == 0)
        return true;
    bool nul = rc == 2; /* the first problem is a NUL byte */
    int line = 1;
    size_t ls = 0;
    for (size_t i = 0; i < off; i++)
        if (doc->src[i] == '\n') {
            line++;
            ls = i + 1;
        }
    int col = (int)pt_utf8_chars(doc->src + ls, off - ls) + 1;
    if (nul)
        pt_diag_add(d, PT_E_NUL, doc->path, line, col);
    else
        pt_diag_add(d, PT_E_UTF8, doc->path, line, col, (unsigned)(unsigned char)doc->src[off]);
    return false;
}

static void syntax_error(builder *b, yaml_parser_t *p)
{
    char msg[512];
    if (p->context)
        snprintf(msg, sizeof msg, "%s %s", p->problem ? p->problem : "invalid YAML", p->context);
    else
        snprintf(msg, sizeof msg, "%s", p->problem ? p->problem : "invalid YAML");
    yaml_mark_t m = p->problem_mark;
    /* libyaml reports some problems at the context mark only */
    if (m.line == 0 && m.column == 0 && p->context)
        m = p->context_mark;
    int line, col;
    pos_of(b, m, &line, &col);
    pt_diag_add(b->d, PT_E_YAML, b->doc->path, line, col, msg);
    b->failed = true;
}

static bool parse(builder *b)
{
    pt_doc *doc = b->doc;
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return false;
    yaml_parser_set_input_string(&p, (const unsigned char *)doc->src, doc->len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);

    frame stack[PT_YAML_MAX_DEPTH + 2];
    item_stack items = {NULL, 0, 0};
    int depth = 0;
    int docs = 0;
    bool done = false;
    memset(stack, 0, sizeof stack);

    while (!done && !b->failed) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            syntax_error(b, &p);
            break;
        }
        pt_node *value = NULL;
        uint64_t weight = 1;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1) {
                pt_diag_add(b->d, PT_E_MULTI_DOC, doc->path, LINE_COL(b, ev.start_mark));
                b->failed = true;
            }
            break;
        case YAML_SCALAR_EVENT: {
            value = new_node(b, PT_NODE_SCALAR, ev.start_mark);
            if (!value)
                break;
            value->str = dup_str(doc, ev.data.scalar.value, ev.data.scalar.length);
            value->len = ev.data.scalar.length;
            switch (ev.data.scalar.style) {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: value->style = PT_STYLE_SINGLE; break;
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: value->style = PT_STYLE_DOUBLE; break;
            case YAML_LITERAL_SCALAR_STYLE: value->style = PT_STYLE_LITERAL; break;
            case YAML_FOLDED_SCALAR_STYLE: value->style = PT_STYLE_FOLDED; break;
            default: value->style = PT_STYLE_PLAIN;
            }
            add_anchor(b, ev.data.scalar.anchor, value);
            break;
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
            if (depth >= PT_YAML_MAX_DEPTH) {
                pt_diag_add(b->d, PT_E_DEPTH, doc->path, LINE_COL(b, ev.start_mark), PT_YAML_MAX_DEPTH);
                b->failed = true;
                break;
            }
            bool seq = ev.type == YAML_SEQUENCE_START_EVENT;
            pt_node *n = new_node(b, seq ? PT_NODE_SEQ : PT_NODE_MAP, ev.start_mark);
            if (!n) {
                b->failed = true;
                break;
            }
            long ax = add_anchor(b, seq ? ev.data.sequence_start.anchor : ev.data.mapping_start.anchor, n);
            depth++;
            stack[depth].anchor_ix = ax;
            stack[depth].node = n;
            stack[depth].start = items.n;
            stack[depth].weight = 1;
            break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: {
            frame *f = &stack[depth];
            size_t count = items.n - f->start;
            value = f->node;
            value->n = value->type == PT_NODE_MAP ? count / 2 : count;
            value->items = pt_arena_alloc(doc->arena, (count ? count : 1) * sizeof *value->items);
            if (value->items && count)
                memcpy(value->items, items.v + f->start, count * sizeof *value->items);
            items.n = f->start;
            weight = f->weight;
            if (f->anchor_ix >= 0)
                b->anchors[f->anchor_ix].weight = weight;
            depth--;
            break;
        }
        case YAML_ALIAS_EVENT: {
            const anchor *a = find_anchor(b, (const char *)ev.data.alias.anchor);
            if (!a) {
                pt_diag_add(b->d, PT_E_ALIAS_UNKNOWN, doc->path, LINE_COL(b, ev.start_mark), (const char *)ev.data.alias.anchor);
                b->failed = true;
                break;
            }
            /* The node is shared, not copied; its weight counts as if it
             * were copied, which is what a consumer walking the tree pays. */
            value = a->node;
            weight = a->weight;
            if (weight > PT_YAML_MAX_NODES || b->total + weight > PT_YAML_MAX_NODES) {
                pt_diag_add(b->d, PT_E_ALIAS_BOMB, doc->path, LINE_COL(b, ev.start_mark), PT_YAML_MAX_NODES);
                b->failed = true;
                value = NULL;
            }
            break;
        }
        default:
            break;
        }
        if (value && !b->failed) {
            b->total += weight;
            if (b->total > PT_YAML_MAX_NODES) {
                pt_diag_add(b->d, PT_E_ALIAS_BOMB, doc->path, LINE_COL(b, ev.start_mark), PT_YAML_MAX_NODES);
                b->failed = true;
            } else if (depth == 0) {
                doc->root = value;
            } else {
                frame *f = &stack[depth];
                if (push_item(&items, value) != 0)
                    b->failed = true;
                f->weight += weight;
                if (f->weight > PT_YAML_MAX_NODES)
                    f->weight = PT_YAML_MAX_NODES + 1;
            }
        }
        yaml_event_delete(&ev);
    }
    free(items.v);
    yaml_parser_delete(&p);
    return !b->failed;
}

static pt_doc *doc_new(const char *name)
{
    pt_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        return NULL;
    doc->arena = pt_arena_new();
    doc->path = strdup(name);
    if (!doc->arena || !doc->path) {
        pt_doc_free(doc);
        return NULL;
    }
    return doc;
}

static pt_doc *finish(pt_doc *doc, pt_diags *d)
{
    if (!check_bytes(doc, d)) {
        pt_doc_free(doc);
        return NULL;
    }
    builder b = {doc, d, NULL, 0, 0, 0, false, NULL, 0};
    map_lines(&b, doc->src, doc->len);
    bool ok = parse(&b);
    free(b.anchors);
    free(b.lines);
    if (ok && (!doc->root || pt_node_is_null(doc->root))) {
        pt_diag_add(d, PT_E_EMPTY, doc->path, 1, 1);
        ok = false;
    }
    if (!ok) {
        pt_doc_free(doc);
        return NULL;
    }
    return doc;
}

pt_doc *pt_doc_load_file(const char *path, pt_diags *d)
{
    char *src = NULL;
    size_t len = 0;
    int rc = pt_read_file(&src, &len, path, PT_YAML_MAX_BYTES);
    if (rc == -2) {
        pt_diag_add(d, PT_E_TOO_BIG, path, 0, 0, PT_YAML_MAX_BYTES >> 20);
        return NULL;
    }
    if (rc != 0) {
        if (errno == EISDIR)
            pt_diag_add(d, PT_E_IS_DIR, path, 0, 0, path);
        else
            pt_diag_add(d, PT_E_READ, path, 0, 0, path, strerror(errno));
        return NULL;
    }
    return pt_doc_load_owned(path, src, len, d);
}

pt_doc *pt_doc_load_owned(const char *name, char *src, size_t len, pt_diags *d)
{
    if (len == 0) {
        pt_diag_add(d, PT_E_EMPTY, name, 1, 1);
        free(src);
        return NULL;
    }
    pt_doc *doc = doc_new(name);
    if (!doc) {
        free(src);
        return NULL;
    }
    doc->src = src;
    doc->len = len;
    return finish(doc, d);
}

pt_doc *pt_doc_load_buffer(const char *name, const char *buf, size_t len, pt_diags *d)
{
    if (len > PT_YAML_MAX_BYTES) {
        pt_diag_add(d, PT_E_TOO_BIG, name, 0, 0, PT_YAML_MAX_BYTES >> 20);
        return NULL;
    }
    char *src = malloc(len + 1);
    if (!src)
        return NULL;
    if (len)
        memcpy(src, buf, len);
    src[len] = '\0';
    return pt_doc_load_owned(name, src, len, d);
}

void pt_doc_free(pt_doc *doc)
{
    if (!doc)
        return;
    pt_arena_free(doc->arena);
    free(doc->path);
    free(doc->src);
    free(doc);
}

const pt_node *pt_doc_root(const pt_doc *doc) { return doc->root; }
const char *pt_doc_path(const pt_doc *doc) { return doc->path; }
const char *pt_doc_source(const pt_doc *doc, size_t *len)
{
    if (len)
        *len = doc->len;
    return doc->src;
}

bool pt_node_is_null(const pt_node *n)
{
    if (!n)
        return true;
    if (n->type != PT_NODE_SCALAR || n->style != PT_STYLE_PLAIN)
        return false;
    return n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
           strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0;
}

const pt_node *pt_node_get(const pt_node *map, const char *key)
{
    if (!map || map->type != PT_NODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++) {
        const pt_node *k = map->items[2 * i];
        if (k->type == PT_NODE_SCALAR && strcmp(k->str, key) == 0)
            return map->items[2 * i + 1];
    }
    return NULL;
}

const char *pt_node_kind(const pt_node *n)
{
    if (!n || pt_node_is_null(n))
        return "empty";
    switch (n->type) {
    case PT_NODE_SEQ: return "a list";
    case PT_NODE_MAP: return "a map";
    default: return "a string";
    }
}

/* Byte offset of line:col (col in characters) in the source. */
static size_t src_offset(const pt_doc *doc, int line, int col)
{
    size_t i = 0;
    for (int l = 1; l < line && i < doc->len; i++)
        if (doc->src[i] == '\n')
            l++;
    size_t end = i;
    while (end < doc->len && doc->src[end] != '\n')
        end++;
    return i + pt_utf8_offset(doc->src + i, end - i, (size_t)(col > 0 ? col - 1 : 0));
}

void pt_node_pos(const pt_doc *doc, const pt_node *n, size_t value_off, int *line, int *col)
{
    *line = n->line;
    *col = n->col;
    if (n->type != PT_NODE_SCALAR || !doc->src)
        return;
    const char *s = doc->src;
    size_t p = src_offset(doc, n->line, n->col), v = 0;
    if (n->style == PT_STYLE_SINGLE || n->style == PT_STYLE_DOUBLE)
        p++;
    else if (n->style == PT_STYLE_LITERAL || n->style == PT_STYLE_FOLDED) {
        while (p < doc->len && s[p] != '\n')
            p++;
        while (p < doc->len && (s[p] == '\n' || s[p] == ' ' || s[p] == '\r'))
            p++;
    }
    const char *val = n->str;
    while (v < value_off && v < n->len && p < doc->len) {
        if (val[v] == s[p]) {
            v++, p++;
        } else if (n->style == PT_STYLE_SINGLE && s[p] == '\'' && s[p + 1] == '\'') {
            p += 2, v++;
        } else if (n->style == PT_STYLE_DOUBLE && s[p] == '\\') {
            char e = s[p + 1];
            if (e == '\n' || e == '\r') {
                p += 2;
                while (p < doc->len && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n'))
                    p++;
                continue;
            }
            p += e == 'x' ? 4 : e == 'u' ? 6 : e == 'U' ? 10 : 2;
            v++;
            while (v < n->len && ((unsigned char)val[v] & 0xC0) == 0x80)
                v++;
        } else if (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r') {
            while (p < doc->len && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
                p++;
            while (v < value_off && (val[v] == ' ' || val[v] == '\n'))
                v++;
        } else {
            v++, p++;
        }
    }
    int l = 1;
    size_t ls = 0;
    for (size_t i = 0; i < p && i < doc->len; i++)
        if (s[i] == '\n') {
            l++;
            ls = i + 1;
        }
    *line = l;
    *col = (int)pt_utf8_chars(s + ls, p - ls) + 1;
}

int pt_node_check_keys(const pt_doc *doc, const pt_node *map, const char *const *known,
                       const char *what, pt_diags *d)
{
    int errors = 0;
    size_t nknown = 0;
    while (known[nknown])
        nknown++;
    for (size_t i = 0; i < map->n; i++) {
        const pt_node *k = map->items[2 * i];
        if (k->type != PT_NODE_SCALAR) {
            pt_diag_add(d, PT_E_COMPLEX_KEY, doc->path, k->line, k->col, pt_node_kind(k));
            errors++;
            continue;
        }
        bool ok = false;
        for (size_t j = 0; j < nknown && !ok; j++)
            ok = strcmp(k->str, known[j]) == 0;
        if (!ok) {
            char hint[160];
            pt_did_you_mean(hint, sizeof hint, pt_suggest(k->str, known, nknown));
            pt_diag_add(d, PT_E_UNKNOWN_KEY, doc->path, k->line, k->col, k->str, what, hint);
            errors++;
        }
        for (size_t j = 0; j < i; j++) {
            const pt_node *o = map->items[2 * j];
            if (o->type == PT_NODE_SCALAR && strcmp(o->str, k->str) == 0) {
                pt_diag_add(d, PT_E_DUP_KEY, doc->path, k->line, k->col, k->str, what);
                errors++;
                break;
            }
        }
    }
    return errors;
}
