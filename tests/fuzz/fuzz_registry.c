/* fuzz_registry.c - libFuzzer target for registries (pt_registry.h).
 *
 * Loads the input as a registry file from memory (pt_doc_load_buffer, then
 * pt_registry_from_doc). When it loads, every agency must be found again by
 * its id, its name, its short name and each alias (folded), every group must
 * expand to sorted, unique, in-range agency indices, and the did-you-mean
 * helper must answer for a few words. A registry that fails to load must
 * have said why.
 * Built with -fsanitize=fuzzer; tests/fuzz/replay_main.c replays the corpus
 * in tests/fuzz/corpus/registry without libFuzzer. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pt_diag.h"
#include "pt_registry.h"
#include "pt_yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_expand(const pt_registry *r, const char *id)
{
    const uint32_t *ix;
    size_t n;
    if (!pt_registry_expand(r, id, &ix, &n))
        return;
    for (size_t i = 0; i < n; i++) {
        if (ix[i] >= pt_registry_count(r))
            abort();
        if (i > 0 && ix[i - 1] >= ix[i])
            abort(); /* not sorted and unique */
    }
}

static void check_registry(const pt_registry *r)
{
    size_t n = pt_registry_count(r);
    if (!pt_registry_id(r) || !pt_registry_name(r) || !pt_registry_path(r))
        abort();
    for (size_t i = 0; i < n; i++) {
        const pt_agency *a = pt_registry_agency(r, i);
        if (a->index != i || !a->id || !a->name)
            abort();
        if (pt_registry_find_id(r, a->id) != a)
            abort();
        /* a name finds its own agency: names that fold together are an error */
        const pt_agency *f = pt_registry_find(r, a->name);
        if (f != a)
            abort();
        if (a->short_name && pt_registry_find(r, a->short_name) != a)
            abort();
        for (size_t k = 0; k < a->n_aliases; k++)
            if (pt_registry_find(r, a->aliases[k]) != a)
                abort();
        check_expand(r, a->id);
        if (pt_registry_is_group(r, a->id))
            abort(); /* a group named like an agency is an error */
        if (i < 8) {
            char typo[64];
            size_t l = strlen(a->id);
            if (l > 2 && l < sizeof typo) {
                memcpy(typo, a->id, l + 1);
                typo[l / 2] = typo[l / 2] == 'x' ? 'y' : 'x';
                (void)pt_registry_suggest(r, typo);
            }
            (void)pt_registry_suggest(r, a->name);
        }
    }
    static const char *const words[] = {"so-ban-nganh", "ubnd-quan-huyen", "doan-the", "",
                                        "UBND quận Ba Đình", "sở lđtb&xh", "x", NULL};
    for (const char *const *w = words; *w; w++) {
        (void)pt_registry_find(r, *w);
        (void)pt_registry_suggest(r, *w);
        check_expand(r, *w);
        (void)pt_registry_is_group(r, *w);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pt_diags *d = pt_diags_new();
    if (!d)
        return 0;
    pt_doc *doc = pt_doc_load_buffer("registry.yaml", (const char *)data, size, d);
    if (doc) {
        size_t before = pt_diags_errors(d);
        pt_registry *r = pt_registry_from_doc(doc, d);
        pt_doc_free(doc); /* the registry must outlive its document */
        if (r) {
            if (pt_diags_errors(d) != before)
                abort(); /* loaded despite errors */
            check_registry(r);
            pt_registry_free(r);
        } else if (pt_diags_errors(d) == before) {
            abort(); /* rejected without a word */
        }
    }
    pt_diags_sort(d);
    for (size_t i = 0; i < pt_diags_count(d); i++)
        if (!pt_diags_get(d, i)->text)
            abort();
    pt_diags_free(d);
    return 0;
}
