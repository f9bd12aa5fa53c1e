/* cmd_check.c - plantrack check PLAN... --status PATH... */
#include <stdlib.h>
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

int cmd_check(int argc, char **argv)
{
    cli_args a;
    pt_diags *d = pt_diags_new();
    int rc = cli_parse(&a, "check", options, CLI_COUNT(options), argc, argv, d);
    if (a.help) {
        cli_help("check", "PLAN... --status PATH... [--as-of DATE] [--format text|json|csv]",
                 "Gives every obligation one status as of a date: on time, late, overdue, due\n"
                 "soon, open, exempt or untracked, and each agency's on-time rate.\n"
                 "example: plantrack check plans/hanoi-2020-thang-hanh-dong.yaml \\\n"
                 "           --status plans/status/hanoi-2020-thang-hanh-dong --as-of 2020-07-20",
                 options, CLI_COUNT(options));
        cli_args_release(&a);
        pt_diags_free(d);
        return 0;
    }
    const char *format = cli_value(&a, "--format");
    if (!format)
        format = "text";
    if (strcmp(format, "json") != 0 && strcmp(format, "text") != 0 && strcmp(format, "csv") != 0)
        pt_diag_add(d, PT_E_BAD_OPTION_VALUE, "", 0, 0, "--format", "text, json or csv", format);
    const char *fail_on = cli_value(&a, "--fail-on");
    if (!fail_on)
        fail_on = "overdue";
    if (strcmp(fail_on, "overdue") != 0 && strcmp(fail_on, "late") != 0 && strcmp(fail_on, "never") != 0)
        pt_diag_add(d, PT_E_BAD_OPTION_VALUE, "", 0, 0, "--fail-on", "overdue, late or never", fail_on);
    if (rc == 0 && a.npos == 0)
        cli_usage_error(d, "check needs at least one plan file");
    const char *lang = cli_lang(&a, d);
    pt_check_opts opts = PT_CHECK_OPTS_INIT;
    opts.as_of = cli_as_of(&a, d);
    const char *h = cli_value(&a, "--horizon");
    if (h)
        opts.horizon = atoi(h);
    opts.agencies = cli_list(&a, "--agency", &opts.n_agencies);

    pt_set *set = NULL;
    pt_status *st = NULL;
    pt_check *c = NULL;
    pt_buf out = PT_BUF_INIT;
    int status = 0;
    if (pt_diags_errors(d) == 0)
        set = cli_load_plans(&a, opts.as_of, d);
    if (set && pt_diags_errors(d) == 0)
        st = cli_load_status(&a, set, d);
    if (st && pt_diags_errors(d) == 0)
        c = pt_check_run(set, st, &opts, d);
    pt_outfile *of = NULL;
    if (c && pt_diags_errors(d) == 0 && (of = cli_out_begin(&a, &out, d))) {
        if (strcmp(format, "json") == 0)
            pt_report_check_json(&out, c);
        else if (strcmp(format, "csv") == 0)
            pt_report_check_csv(&out, c);
        else
            pt_report_check_text(&out, c, lang);
        if (cli_out_end(of, &out, d) == 0) {
            if (strcmp(fail_on, "overdue") == 0 && pt_check_count_state(c, PT_ST_OVERDUE) > 0)
                status = 1;
            if (strcmp(fail_on, "late") == 0 &&
                pt_check_count_state(c, PT_ST_OVERDUE) + pt_check_count_state(c, PT_ST_LATE) > 0)
                status = 1;
        }
    }
    if (cli_report(d) != 0)
        status = 2;
    pt_buf_release(&out);
    pt_check_free(c);
    pt_status_free(st);
    pt_set_free(set);
    cli_args_release(&a);
    pt_diags_free(d);
    return status;
}
