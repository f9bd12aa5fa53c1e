/* pt_ids.h - small helpers for reading typed values out of YAML nodes,
 * shared by the registry, plan, status and calendar loaders. */
#ifndef PT_IDS_H
#define PT_IDS_H

#include <stdbool.h>
#include "pt_diag.h"
#include "pt_yaml.h"

/* True for [a-z0-9][a-z0-9-]*. */
bool pt_id_valid(const char *s);

/* The string value of map[key]. NULL when absent or null (an error when
 * required), when not a string, or when blank (an error). Borrowed from the
 * document. `what` names the map in messages. */
const char *pt_scalar(const pt_doc *doc, const pt_node *map, const char *key, bool required,
                      const char *what, pt_diags *d);

/* The same, and the value must be a valid id; `what` names the map
 * ("plan", "agency"), and a bad value is reported as "<what> id". */
const char *pt_scalar_id(const pt_doc *doc, const pt_node *map, const char *key, const char *what,
                         pt_diags *d);

#endif
