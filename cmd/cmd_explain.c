/* cmd_explain.c - plantrack explain PLAN... --task ID [--agency ID] [--period P] */
#include <string.h>

#include "cli.h"

static const cli_option options[] = {
    {"--task", 0, OPT_STRING, "ID", "the task whose deadline to explain (required)"},
    {"--plan", 0, OPT_STRING, "ID", "the plan holding the task, when several plans have it"},
    {"--agency", 0, OPT_STRING, "ID", "an agency the task is assigned to"},
    {"--period", 0, OPT_STRING, "P", "one period of a recurring task (2021, 2021-H1, 2021-Q3, 2021-07)"},
    {"--as-of", 0, OPT_DATE, "DATE", "bounds open-ended recurrences (default: today)"},
    {"--lang", 0, OPT_STRING, "vi|en", "language (default: vi)"},
    {"-o", 'o', OPT_STRING, "FILE", "write to FILE (atomically) instead of stdout"},
};

static const cli_spec spec = {
    "explain", "PLAN... --task ID [--agency ID] [--period P]",
    "Prints, step by step, how each last on-time day of a task was computed: the\n"
    "words as written, the rule, the anchor date, the arithmetic, each day off\n"
    "rolled past (named), and the result.\n"
    "example: plantrack explain plans/hanoi-2020-thang-hanh-dong.yaml --task IV.2",
    options, CLI_COUNT(options)};

int cmd_explain(int argc, char **argv)
{
    cli_args a;
    pt_diags *d = pt_diags_new();
    if (cli_start(&a, &spec, argc, argv, d) == 1) {
        cli_args_release(&a);
        pt_diags_free(d);
        return 0;
    }
    const char *task_id = cli_value(&a, "--task");
    if (a.npos > 0 && !task_id)
        cli_usage_error(d, "explain needs --task ID");
    const char *lang = cli_lang(&a, d);
    pt_date as_of = cli_as_of(&a, d);
    pt_set *set = NULL;
    pt_buf out = PT_BUF_INIT;
    if (pt_diags_errors(d) == 0)
        set = cli_load_plans(&a, as_of, d);
    if (set && pt_diags_errors(d) == 0) {
        pt_explain_request req = {task_id, cli_value(&a, "--plan"), cli_value(&a, "--agency"),
                                  cli_value(&a, "--period"), lang};
        if (pt_report_explain_task(&out, set, &req, d) == 0 && pt_diags_errors(d) == 0)
            cli_out_to(&a, &out, d);
    }
    int status = cli_report(d);
    pt_buf_release(&out);
    pt_set_free(set);
    cli_args_release(&a);
    pt_diags_free(d);
    return status;
}
