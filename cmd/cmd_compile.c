/* cmd_compile.c - plantrack compile PLAN... */
#include <string.h>

#include "cli.h"

static const cli_option options[] = {
    {"--format", 0, OPT_STRING, "text|json", "a summary per plan (text), or every obligation (json)"},
    {"--as-of", 0, OPT_DATE, "DATE", "bounds open-ended recurrences (default: today)"},
    {"--lang", 0, OPT_STRING, "vi|en", "language of the text summary (default: vi)"},
    {"-o", 'o', OPT_STRING, "FILE", "write to FILE (atomically) instead of stdout"},
};

static const cli_spec spec = {
    "compile", "PLAN... [--format text|json] [-o FILE]",
    "Checks plan files (and the registries and calendars they name) and prints a\n"
    "summary per plan, or every obligation with its last on-time day as JSON.\n"
    "example: plantrack compile plans/hanoi-2020-thang-hanh-dong.yaml --format json",
    options, CLI_COUNT(options)};

int cmd_compile(int argc, char **argv)
{
    cli_args a;
    pt_diags *d = pt_diags_new();
    if (cli_start(&a, &spec, argc, argv, d) == 1) {
        cli_args_release(&a);
        pt_diags_free(d);
        return 0;
    }
    const char *format = cli_value(&a, "--format");
    if (format && strcmp(format, "json") != 0 && strcmp(format, "text") != 0)
        pt_diag_add(d, PT_E_BAD_OPTION_VALUE, "", 0, 0, "--format", "text or json", format);
    const char *lang = cli_lang(&a, d);
    pt_date as_of = cli_as_of(&a, d);
    pt_set *set = NULL;
    pt_buf out = PT_BUF_INIT;
    if (pt_diags_errors(d) == 0)
        set = cli_load_plans(&a, as_of, d);
    pt_outfile *of = NULL;
    if (set && pt_diags_errors(d) == 0 && (of = cli_out_begin(&a, &out, d))) {
        if (format && strcmp(format, "json") == 0)
            pt_report_compile_json(&out, set);
        else
            pt_report_compile_text(&out, set, pt_diags_warnings(d), lang);
        cli_out_end(of, &out, d);
    }
    int status = cli_report(d);
    pt_buf_release(&out);
    pt_set_free(set);
    cli_args_release(&a);
    pt_diags_free(d);
    return status;
}
