/* pt_registry.h - a registry of agencies and groups (SPEC 2.1).
 *
 * Agencies are found by id or by any name (full, short, alias) after the
 * folding of pt_fold, through a hash map: look-ups are O(1). Groups are
 * expanded when the registry is loaded ({kind: …} selectors and lists that
 * may name other groups; a cycle is an error).
 */
#ifndef PT_REGISTRY_H
#define PT_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "pt_diag.h"

struct pt_doc;

typedef struct {
    const char *id, *name;
    const char *short_name;   /* NULL when none */
    const char *kind;         /* NULL when none */
    const char *const *aliases;
    size_t n_aliases;
    uint32_t index;           /* position in the registry */
    int line, col;
} pt_agency;

typedef struct pt_registry pt_registry;

/* Loads a registry from a parsed file. NULL after errors to d.
 * Caller frees with pt_registry_free. */
pt_registry *pt_registry_from_doc(const struct pt_doc *doc, pt_diags *d);
void pt_registry_free(pt_registry *r);

const char *pt_registry_id(const pt_registry *r);
const char *pt_registry_name(const pt_registry *r);
const char *pt_registry_path(const pt_registry *r);
size_t pt_registry_count(const pt_registry *r);
const pt_agency *pt_registry_agency(const pt_registry *r, size_t i);

/* By exact id. */
const pt_agency *pt_registry_find_id(const pt_registry *r, const char *id);
/* By id, name, short name or alias, folded (SPEC 2.1). */
const pt_agency *pt_registry_find(const pt_registry *r, const char *name);

/* Expands an agency id or a group name into agency indices (sorted, unique;
 * borrowed, valid while r lives). Returns false when it is neither. */
bool pt_registry_expand(const pt_registry *r, const char *id, const uint32_t **out, size_t *n);
bool pt_registry_is_group(const pt_registry *r, const char *id);

/* The closest id, group name or agency name to word, for "did you mean";
 * NULL when none is close. */
const char *pt_registry_suggest(const pt_registry *r, const char *word);

#endif
