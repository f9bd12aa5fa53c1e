/* pt_yaml.h - a YAML document as a tree of nodes that keep their marks.
 *
 * libyaml's event parser builds the tree; every node keeps its line and
 * column (1-based, columns in characters) so that any later check can point
 * at the exact place. Loading rejects hostile input with a diagnostic rather
 * than a crash or a hang: invalid UTF-8, a NUL byte, an empty file, a file
 * over PT_YAML_MAX_BYTES, nesting deeper than PT_YAML_MAX_DEPTH, and alias
 * expansion beyond PT_YAML_MAX_NODES (an alias bomb).
 */
#ifndef PT_YAML_H
#define PT_YAML_H

#include <stdbool.h>
#include <stddef.h>
#include "pt_diag.h"

#define PT_YAML_MAX_BYTES ((size_t)64 << 20)
#define PT_YAML_MAX_DEPTH 64
#define PT_YAML_MAX_NODES 4000000

typedef enum { PT_NODE_SCALAR, PT_NODE_SEQ, PT_NODE_MAP } pt_node_type;

typedef enum {
    PT_STYLE_PLAIN, PT_STYLE_SINGLE, PT_STYLE_DOUBLE, PT_STYLE_LITERAL, PT_STYLE_FOLDED
} pt_scalar_style;

typedef struct pt_node {
    pt_node_type type;
    pt_scalar_style style;
    int line, col;          /* where the node starts; 1-based, characters */
    /* SCALAR: the value (NUL-terminated, NFC as written in the file). */
    const char *str;
    size_t len;
    /* SEQ: items[0..n). MAP: keys at items[2i], values at items[2i+1]. */
    struct pt_node **items;
    size_t n;
} pt_node;

typedef struct pt_doc pt_doc;

/* Loads and parses a file. Returns NULL after appending diagnostics to d
 * (the file cannot be read, is hostile, or is not YAML). Caller frees with
 * pt_doc_free. An empty document is an error. */
pt_doc *pt_doc_load_file(const char *path, pt_diags *d);
/* The same from a file's bytes already read by pt_read_file (src[len] is a
 * NUL), which the document takes over whatever the outcome. Touches no
 * shared state, so files can be parsed on several threads at once. */
pt_doc *pt_doc_load_owned(const char *name, char *src, size_t len, pt_diags *d);
/* The same from memory; name is used in diagnostics and copied. */
pt_doc *pt_doc_load_buffer(const char *name, const char *buf, size_t len, pt_diags *d);
void pt_doc_free(pt_doc *doc);

const pt_node *pt_doc_root(const pt_doc *doc);
const char *pt_doc_path(const pt_doc *doc);   /* borrowed */
const char *pt_doc_source(const pt_doc *doc, size_t *len);

/* True when the node is a scalar that YAML reads as null (~, null, empty
 * plain scalar). */
bool pt_node_is_null(const pt_node *n);

/* The value for key in a map, or NULL. */
const pt_node *pt_node_get(const pt_node *map, const char *key);

/* Maps a byte offset inside a scalar's value to the file position of that
 * character, following plain and quoted scalars across line folding and
 * escapes. Used to point an error inside a deadline phrase. */
void pt_node_pos(const pt_doc *doc, const pt_node *scalar, size_t value_off, int *line, int *col);

/* A name for the node's type in messages: "a string", "a list", "a map". */
const char *pt_node_kind(const pt_node *n);

/* Checks that map's keys are all in `known` (NULL-terminated): an unknown
 * key is an error with a did-you-mean; a duplicated key is an error.
 * `what` names the map in messages ("plan", "task"). Returns the number of
 * errors added. */
int pt_node_check_keys(const pt_doc *doc, const pt_node *map, const char *const *known,
                       const char *what, pt_diags *d);

#endif
