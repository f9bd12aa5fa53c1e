/* cmd_check.c - plantrack check PLAN... --status PATH... */
#include <string.h>

#include "cli.h"

static const cli_option options[] = {
    {"--status", 's', OPT_LIST, "PATH", "a status file or directory (repeatable)"},
    {"--as-of", 0, OPT_DATE, "DATE", "the day the check is made (default: today)"},
    {"--horizon", 0, OPT_INT, "N", "days ahead that count as due soon (default: 7)"},
    {"--agency", 0, OPT_LIST, "ID", "only this agency (repeatable)"},
    {"--format", 0, OPT_STRING, "text|json|csv", "output format (default: text)"},
    {"--fail-on", 0, OPT_STRING, "overdue|late|never", "exit 1 when an obligation is in that state (default: overdue)"},
    {"--lang", 0, OPT_STRING, "vi|en", "language of the text output (default: vi)"},
    {"-o", 'o', OPT_STRING, "FILE", "write to FILE (atomically) instead of stdout"},
};

static const cli_spec spec = {
    "check", "PLAN... --status PATH... [--as-of DATE] [--format text|json|csv]",
    "Gives every obligation one status as of a date: on time, late, overdue, due\n"
    "soon, open, exempt or untracked, and each agency's on-time rate.\n"
    "example: plantrack check plans/hanoi-2020-thang-hanh-dong.yaml \\\n"
    "           --status plans/status/hanoi-2020-thang-hanh-dong --as-of 2020-07-20",
    options, CLI_COUNT(options)};

static const char *choice(const cli_args *a, const char *opt, const char *dflt,
                          const char *const *allowed, const char *what, pt_diags *d)
{
    const char *v = cli_value(a, opt);
    if (!v)
        return dflt;
    for (size_t i = 0; allowed[i]; i++)
        if (strcmp(v, allowed[i]) == 0)
            return v;
    pt_diag_add(d, PT_E_BAD_OPTION_VALUE, "", 0, 0, opt, what, v);
    return dflt;
}

int cmd_check(int argc, char **argv)
{
    static const char *const formats[] = {"text", "json", "csv", NULL};
    static const char *const fails[] = {"overdue", "late", "never", NULL};
    cli_args a;
    pt_diags *d = pt_diags_new();
    if (cli_start(&a, &spec, argc, argv, d) == 1) {
        cli_args_release(&a);
        pt_diags_free(d);
        return 0;
    }
    const char *format = choice(&a, "--format", "text", formats, "text, json or csv", d);
    const char *fail_on = choice(&a, "--fail-on", "overdue", fails, "overdue, late or never", d);
    const char *lang = cli_lang(&a, d);
    cli_checked run;
    cli_run_check(&run, &a, d);
    pt_buf out = PT_BUF_INIT;
    pt_outfile *of = NULL;
    int status = 0;
    if (run.check && (of = cli_out_begin(&a, &out, d))) {
        if (strcmp(format, "json") == 0)
            pt_report_check_json(&out, run.check);
        else if (strcmp(format, "csv") == 0)
            pt_report_check_csv(&out, run.check);
        else
            pt_report_check_text(&out, run.check, lang);
        size_t overdue = pt_check_count_state(run.check, PT_ST_OVERDUE);
        size_t late = pt_check_count_state(run.check, PT_ST_LATE);
        if (cli_out_end(of, &out, d) == 0 &&
            ((strcmp(fail_on, "overdue") == 0 && overdue > 0) ||
             (strcmp(fail_on, "late") == 0 && overdue + late > 0)))
            status = 1;
    }
    if (cli_report(d) != 0)
        status = 2;
    pt_buf_release(&out);
    cli_checked_release(&run);
    cli_args_release(&a);
    pt_diags_free(d);
    return status;
}
