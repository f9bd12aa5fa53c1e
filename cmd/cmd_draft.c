/* cmd_draft.c - plantrack draft DOCUMENT.txt [--registry FILE] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_option options[] = {
    {"--registry", 'r', OPT_STRING, "FILE", "match addressed agencies against this registry"},
    {"-o", 'o', OPT_STRING, "FILE", "write to FILE (atomically) instead of stdout"},
};

static const cli_spec spec = {
    "draft", "DOCUMENT.txt [--registry FILE] [-o FILE]",
    "Reads the text of an issued document and prints a plan YAML that compiles:\n"
    "header facts, basis, period, one task per assignment with its deadline.\n"
    "Every guess is marked '# kiểm tra: …'.\n"
    "example: plantrack draft ../shared/seeds/001_72bc782a1ebc1410.txt \\\n"
    "           --registry plans/registries/haiphong.yaml -o plans/new.yaml",
    options, CLI_COUNT(options)};

int cmd_draft(int argc, char **argv)
{
    cli_args a;
    pt_diags *d = pt_diags_new();
    if (cli_start(&a, &spec, argc, argv, d) == 1) {
        cli_args_release(&a);
        pt_diags_free(d);
        return 0;
    }
    if (a.npos > 1)
        cli_usage_error(d, "draft reads one document file at a time");
    const char *regpath = cli_value(&a, "--registry");
    pt_registry *reg = NULL;
    char *text = NULL;
    size_t len = 0;
    pt_buf out = PT_BUF_INIT;
    if (pt_diags_errors(d) == 0 && regpath) {
        pt_doc *doc = pt_doc_load_file(regpath, d);
        if (doc)
            reg = pt_registry_from_doc(doc, d);
        pt_doc_free(doc);
    }
    if (pt_diags_errors(d) == 0) {
        int r = pt_read_file(&text, &len, a.pos[0], (size_t)64 << 20);
        if (r == -2)
            pt_diag_add(d, PT_E_TOO_BIG, a.pos[0], 0, 0, (size_t)64);
        else if (r != 0)
            pt_diag_add(d, PT_E_READ, a.pos[0], 0, 0, a.pos[0], strerror(errno));
    }
    pt_draft_stats stats = {0, 0, 0, 0, 0};
    if (text && pt_diags_errors(d) == 0 &&
        pt_draft(&out, &stats, a.pos[0], text, len, reg, regpath, d) == 0 &&
        cli_out_to(&a, &out, d) == 0)
        fprintf(stderr, "draft: %zu tasks, %zu agencies matched, %zu unmatched, %zu deadlines, %zu basis references\n",
                stats.tasks, stats.matched, stats.unmatched, stats.deadlines, stats.basis);
    int status = cli_report(d);
    free(text);
    pt_buf_release(&out);
    pt_registry_free(reg);
    cli_args_release(&a);
    pt_diags_free(d);
    return status;
}
