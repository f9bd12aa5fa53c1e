/* fuzz_draft.c - libFuzzer target for `plantrack draft` (pt_draft.h).
 *
 * The input is the text of a document. It is drafted against the Hà Nội
 * registry of plans/registries (loaded once, from PT_SOURCE_DIR), without a
 * registry, and (inputs of odd length) against a small registry read from
 * memory, whose file cannot be read again for its group names. Checked: a draft that fails has said why (an error in
 * the diagnostics); a draft that succeeds is YAML that loads
 * (pt_doc_load_buffer, no error) into a map holding `plan` and `tasks`;
 * drafting the same text again gives the same bytes; the stats are
 * consistent; every diagnostic has a text.
 * Built with -fsanitize=fuzzer by tests/fuzz/tests.cmake; replay_main.c
 * replays tests/fuzz/corpus/draft without libFuzzer (ctest draft_fuzz_replay,
 * registered by tests/draft/tests.cmake). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pt_diag.h"
#include "pt_draft.h"
#include "pt_registry.h"
#include "pt_util.h"
#include "pt_yaml.h"

#ifndef PT_SOURCE_DIR
#define PT_SOURCE_DIR "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pt_registry *registry(void)
{
    static pt_registry *reg;
    static int tried;
    if (!tried) {
        tried = 1;
        pt_diags *d = pt_diags_new();
        pt_doc *doc = d ? pt_doc_load_file(PT_SOURCE_DIR "/plans/registries/hanoi.yaml", d) : NULL;
        if (doc)
            reg = pt_registry_from_doc(doc, d);
        pt_doc_free(doc);
        pt_diags_free(d);
    }
    return reg;
}

/* A registry read from memory: its file cannot be read again, so the
 * draft falls back on the conventional group names. */
static pt_registry *mem_registry(void)
{
    static pt_registry *reg;
    static int tried;
    static const char text[] =
        "registry: mem\n"
        "agencies:\n"
        "  - {id: so-ldtbxh, name: Sở Lao động - Thương binh và Xã hội, short: Sở LĐTB&XH, kind: so}\n"
        "  - {id: so-yte, name: Sở Y tế, kind: so}\n"
        "  - {id: ubnd-tp, name: UBND thành phố Hà Nội, short: UBND Thành phố, kind: ubnd}\n"
        "  - {id: q-ba-dinh, name: UBND quận Ba Đình, kind: ubnd-huyen}\n"
        "  - {id: h-soc-son, name: UBND huyện Sóc Sơn, kind: ubnd-huyen}\n"
        "  - {id: mttq, name: Ủy ban MTTQ thành phố, kind: doan-the}\n"
        "groups:\n"
        "  ubnd-quan-huyen: {kind: ubnd-huyen}\n"
        "  so-ban-nganh: {kind: so}\n"
        "  doan-the: [mttq]\n";
    if (!tried) {
        tried = 1;
        pt_diags *d = pt_diags_new();
        pt_doc *doc = d ? pt_doc_load_buffer("no-such-dir/mem.yaml", text, sizeof text - 1, d) : NULL;
        if (doc)
            reg = pt_registry_from_doc(doc, d);
        pt_doc_free(doc);
        pt_diags_free(d);
    }
    return reg;
}

static void check_diags(const pt_diags *d)
{
    for (size_t i = 0; i < pt_diags_count(d); i++)
        if (!pt_diags_get(d, i)->text)
            abort();
}

static void one(const char *text, size_t size, const pt_registry *reg)
{
    pt_diags *d = pt_diags_new();
    if (!d)
        return;
    pt_buf out = PT_BUF_INIT;
    pt_draft_stats st;
    int rc = pt_draft(&out, &st, "fuzz.txt", text, size, reg, reg ? "registries/hanoi.yaml" : NULL, d);
    if (rc != 0) {
        if (pt_diags_errors(d) == 0)
            abort(); /* failed without a word */
        if (out.len != 0)
            abort(); /* wrote something all the same */
    } else {
        if (pt_diags_errors(d) != 0 || out.len == 0 || out.oom)
            abort();
        if (st.matched > 0 && !reg)
            abort();
        /* the draft is YAML that loads, a map with plan and tasks */
        pt_diags *yd = pt_diags_new();
        pt_doc *doc = yd ? pt_doc_load_buffer("draft.yaml", out.data, out.len, yd) : NULL;
        if (yd && !doc)
            abort();
        if (doc) {
            const pt_node *root = pt_doc_root(doc);
            if (root->type != PT_NODE_MAP || !pt_node_get(root, "plan") ||
                !pt_node_get(root, "tasks") || pt_diags_errors(yd) != 0)
                abort();
            const pt_node *tasks = pt_node_get(root, "tasks");
            if (tasks->type != PT_NODE_SEQ || tasks->n != st.tasks)
                abort();
        }
        pt_doc_free(doc);
        pt_diags_free(yd);
        /* same text, same draft */
        if (size < 4096) {
            pt_diags *d2 = pt_diags_new();
            pt_buf again = PT_BUF_INIT;
            if (d2 && pt_draft(&again, NULL, "fuzz.txt", text, size, reg,
                               reg ? "registries/hanoi.yaml" : NULL, d2) == 0 &&
                (again.len != out.len || memcmp(again.data, out.data, out.len) != 0))
                abort();
            pt_buf_release(&again);
            pt_diags_free(d2);
        }
    }
    pt_diags_sort(d);
    check_diags(d);
    pt_buf_release(&out);
    pt_diags_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one((const char *)data, size, registry());
    one((const char *)data, size, NULL);
    if (size % 2 == 1)
        one((const char *)data, size, mem_registry());
    return 0;
}
