/* seed_names.c - every agency a seed document names resolves in its registry.
 *
 * usage: seed_names NAMES.tsv SEEDS_DIR REGISTRIES_DIR
 *
 * For each row of NAMES.tsv (seed file, registry id, name as printed,
 * expected agency id or "group:ID"):
 *  - the name occurs in the seed text (both NFC, runs of white space made one
 *    space), so that the list stays honest;
 *  - an agency row: pt_registry_find(name) is that agency (SPEC 2.1 folding);
 *  - a group row: the group exists and expands to at least one agency, and the
 *    phrase does not resolve to one agency.
 * Every failure is reported, then the count. Exit 0 all good, 1 on failures,
 * 2 on a usage or input problem, 77 (skip) when SEEDS_DIR does not exist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pt_diag.h"
#include "pt_registry.h"
#include "pt_text.h"
#include "pt_util.h"
#include "pt_yaml.h"

#define MAX_FILE (16u * 1024 * 1024)

typedef struct {
    char id[64];
    pt_registry *reg;
    pt_doc *doc;
} loaded_reg;

/* NFC, then every run of white space one space. Caller frees. */
static char *squash(const char *s, size_t len)
{
    char *n = pt_nfc(s, len);
    if (!n)
        return NULL;
    char *w = n;
    bool space = false;
    for (const char *p = n; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = true;
            continue;
        }
        if (space && w != n)
            *w++ = ' ';
        space = false;
        *w++ = *p;
    }
    *w = '\0';
    return n;
}

static const pt_registry *get_registry(loaded_reg *regs, size_t *n, const char *dir,
                                       const char *id)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(regs[i].id, id) == 0)
            return regs[i].reg;
    if (*n >= 16 || strlen(id) >= sizeof regs[0].id)
        return NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.yaml", dir, id);
    pt_diags *d = pt_diags_new();
    pt_doc *doc = pt_doc_load_file(path, d);
    pt_registry *r = doc ? pt_registry_from_doc(doc, d) : NULL;
    for (size_t i = 0; i < pt_diags_count(d); i++) {
        const pt_diag *g = pt_diags_get(d, i);
        fprintf(stderr, "%s:%d:%d: %s\n", g->file, g->line, g->col, g->text);
    }
    pt_diags_free(d);
    if (!r) {
        pt_doc_free(doc);
        fprintf(stderr, "%s: cannot load registry '%s'\n", path, id);
        return NULL;
    }
    if (strcmp(pt_registry_id(r), id) != 0)
        fprintf(stderr, "%s: registry id is '%s', expected '%s'\n", path, pt_registry_id(r), id);
    snprintf(regs[*n].id, sizeof regs[*n].id, "%s", id);
    regs[*n].reg = r;
    regs[*n].doc = doc;
    return regs[(*n)++].reg;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: seed_names NAMES.tsv SEEDS_DIR REGISTRIES_DIR\n");
        return 2;
    }
    struct stat sb;
    if (stat(argv[2], &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        printf("skipped: seed directory '%s' not found\n", argv[2]);
        return 77;
    }
    char *tsv;
    size_t tsvlen;
    if (pt_read_file(&tsv, &tsvlen, argv[1], MAX_FILE) != 0) {
        fprintf(stderr, "%s: cannot read\n", argv[1]);
        return 2;
    }
    loaded_reg regs[16];
    size_t nregs = 0;
    char seed_name[256] = "";
    char *seed_text = NULL;
    size_t rows = 0, failures = 0, agencies = 0, groups = 0;
    int lineno = 0;
    for (char *line = tsv, *next; line && *line; line = next) {
        lineno++;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (*line == '#' || *line == '\0')
            continue;
        char *f[4];
        int nf = 0;
        for (char *p = line; nf < 4; nf++) {
            f[nf] = p;
            char *tab = strchr(p, '\t');
            if (!tab) {
                nf++;
                break;
            }
            *tab = '\0';
            p = tab + 1;
        }
        if (nf != 4 || strchr(f[3], '\t')) {
            fprintf(stderr, "%s:%d: expected 4 tab-separated columns\n", argv[1], lineno);
            failures++;
            continue;
        }
        rows++;
        const char *seed = f[0], *rid = f[1], *name = f[2], *expect = f[3];

        if (strcmp(seed, seed_name) != 0) {
            free(seed_text);
            seed_text = NULL;
            snprintf(seed_name, sizeof seed_name, "%s", seed);
            char path[4096], *raw;
            size_t rawlen;
            snprintf(path, sizeof path, "%s/%s", argv[2], seed);
            if (pt_read_file(&raw, &rawlen, path, MAX_FILE) != 0) {
                fprintf(stderr, "%s:%d: cannot read seed '%s'\n", argv[1], lineno, path);
            } else {
                seed_text = squash(raw, rawlen);
                free(raw);
            }
        }
        char *want = squash(name, strlen(name));
        if (!seed_text || !want || !strstr(seed_text, want)) {
            fprintf(stderr, "%s:%d: '%s' does not occur in %s\n", argv[1], lineno, name, seed);
            failures++;
        }
        free(want);

        const pt_registry *r = get_registry(regs, &nregs, argv[3], rid);
        if (!r) {
            failures++;
            continue;
        }
        const pt_agency *a = pt_registry_find(r, name);
        if (strncmp(expect, "group:", 6) == 0) {
            groups++;
            const char *gid = expect + 6;
            const uint32_t *ix;
            size_t n = 0;
            if (!pt_registry_is_group(r, gid) || !pt_registry_expand(r, gid, &ix, &n) || n == 0) {
                fprintf(stderr, "%s:%d: '%s' maps to group '%s', which registry '%s' %s\n",
                        argv[1], lineno, name, gid, rid,
                        pt_registry_is_group(r, gid) ? "expands to no agency" : "does not have");
                failures++;
            }
            if (a) {
                fprintf(stderr, "%s:%d: group phrase '%s' resolves to the single agency '%s'\n",
                        argv[1], lineno, name, a->id);
                failures++;
            }
        } else {
            agencies++;
            if (!a) {
                const char *sug = pt_registry_suggest(r, name);
                fprintf(stderr, "%s:%d: '%s' does not resolve in registry '%s' (expected '%s')%s%s%s\n",
                        argv[1], lineno, name, rid, expect, sug ? "; closest: '" : "",
                        sug ? sug : "", sug ? "'" : "");
                failures++;
            } else if (strcmp(a->id, expect) != 0) {
                fprintf(stderr, "%s:%d: '%s' resolves to '%s', expected '%s'\n", argv[1], lineno,
                        name, a->id, expect);
                failures++;
            }
        }
    }
    free(seed_text);
    free(tsv);
    for (size_t i = 0; i < nregs; i++) {
        pt_registry_free(regs[i].reg);
        pt_doc_free(regs[i].doc);
    }
    printf("%zu names (%zu agencies, %zu group phrases), %zu failures\n", rows, agencies, groups,
           failures);
    return failures || rows == 0 ? 1 : 0;
}
