/* fuzz_yaml.c - libFuzzer target for the YAML tree loader (pt_yaml.h).
 *
 * Loads the input with pt_doc_load_buffer, then walks the tree the way the
 * loaders do: every map's keys through pt_node_check_keys, pt_node_get on
 * the keys the loaders ask for, and pt_node_pos at every character offset of
 * every scalar (the mapping used to point inside a deadline phrase), checking
 * that each position lies inside the file. The walk is bounded: an alias
 * shares its node, so the tree is a graph (an alias inside its own anchor
 * makes a cycle) and a plain recursion would not end.
 * Built with -fsanitize=fuzzer; tests/fuzz/replay_main.c replays the corpus
 * in tests/fuzz/corpus/yaml without libFuzzer. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pt_diag.h"
#include "pt_text.h"
#include "pt_yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    const pt_doc *doc;
    pt_diags *d;
    int lines;          /* lines in the source: positions must not pass it */
    size_t budget;      /* nodes left to visit */
    size_t positions;   /* pt_node_pos calls left */
} walker;

static const char *const known[] = {"plan", "title", "registry", "tasks", "id", "lead", "due",
                                    "agencies", "groups", "calendar", "holidays", NULL};

/* Lines as libyaml counts them: its marks start a new line after LF, CR,
 * CR LF, NEL (U+0085), LS (U+2028) and PS (U+2029). */
static int count_lines(const char *s, size_t len)
{
    int lines = 1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n' || (c == '\r' && (i + 1 == len || s[i + 1] != '\n')))
            lines++;
        else if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0x85)
            lines++;
        else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
            lines++;
    }
    return lines;
}

/* A position must lie in the file; libyaml puts an empty node at the end of
 * a file that does not end with a line break ("? ") at column 1 of the line
 * after the last one, which is allowed. */
static void check_pos(const walker *w, int line, int col)
{
    if (line < 1 || col < 1 || line > w->lines + 1 || (line == w->lines + 1 && col != 1))
        abort(); /* a diagnostic would point outside the file */
}

static void walk(walker *w, const pt_node *n, int depth)
{
    if (!n || w->budget == 0 || depth > 4 * PT_YAML_MAX_DEPTH)
        return;
    w->budget--;
    check_pos(w, n->line, n->col);
    (void)pt_node_kind(n);
    (void)pt_node_is_null(n);
    switch (n->type) {
    case PT_NODE_SCALAR: {
        if (!n->str || n->str[n->len] != '\0')
            abort();
        /* pt_node_pos scans the source from the top: a few offsets per
         * scalar (start, a middle character, the end), within a budget */
        size_t offs[3] = {0, n->len / 2, n->len};
        for (int k = 0; k < 3 && w->positions > 0; k++) {
            size_t off = offs[k];
            while (off > 0 && off < n->len && ((unsigned char)n->str[off] & 0xC0) == 0x80)
                off--;
            int line, col;
            pt_node_pos(w->doc, n, off, &line, &col);
            check_pos(w, line, col);
            w->positions--;
        }
        break;
    }
    case PT_NODE_MAP:
        pt_node_check_keys(w->doc, n, known, "map", w->d);
        for (const char *const *k = known; *k; k++)
            (void)pt_node_get(n, *k);
        for (size_t i = 0; i < 2 * n->n; i++)
            walk(w, n->items[i], depth + 1);
        break;
    case PT_NODE_SEQ:
        for (size_t i = 0; i < n->n; i++)
            walk(w, n->items[i], depth + 1);
        break;
    default:
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pt_diags *d = pt_diags_new();
    if (!d)
        return 0;
    pt_doc *doc = pt_doc_load_buffer("fuzz.yaml", (const char *)data, size, d);
    if (doc) {
        size_t len = 0;
        const char *src = pt_doc_source(doc, &len);
        if (len != size || memcmp(src, data, size) != 0 || src[len] != '\0')
            abort();
        if (strcmp(pt_doc_path(doc), "fuzz.yaml") != 0 || !pt_doc_root(doc))
            abort();
        if (!pt_utf8_valid(src, len, &(size_t){0}))
            abort(); /* the loader accepted bytes that are not UTF-8 */
        walker w = {doc, d, count_lines(src, len), 20000, 300};
        walk(&w, pt_doc_root(doc), 0);
        pt_doc_free(doc);
    } else if (pt_diags_errors(d) == 0) {
        abort(); /* a rejected document must say why */
    }
    /* the diagnostics as cmd/ prints them */
    pt_diags_sort(d);
    for (size_t i = 0; i < pt_diags_count(d); i++) {
        const pt_diag *g = pt_diags_get(d, i);
        if (!g->text || g->line < 0 || g->col < 0)
            abort();
        (void)pt_msg_code(g->msg);
    }
    pt_diags_free(d);
    return 0;
}
