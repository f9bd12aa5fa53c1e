/* cmd_render.c - plantrack render PLAN... --status PATH... --out DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_option options[] = {
    {"--status", 's', OPT_LIST, "PATH", "a status file or directory (repeatable)"},
    {"--out", 0, OPT_STRING, "DIR", "directory for summary.xlsx and agencies/*.xlsx"},
    {"--as-of", 0, OPT_DATE, "DATE", "the day the check is made (default: today)"},
    {"--horizon", 0, OPT_INT, "N", "days ahead that count as due soon (default: 7)"},
    {"--agency", 0, OPT_LIST, "ID", "only this agency (repeatable)"},
    {"--lang", 0, OPT_STRING, "vi|en", "language of the workbooks (default: vi)"},
};

int cmd_render(int argc, char **argv)
{
    cli_args a;
    pt_diags *d = pt_diags_new();
    int rc = cli_parse(&a, "render", options, CLI_COUNT(options), argc, argv, d);
    if (a.help) {
        cli_help("render", "PLAN... --status PATH... --out DIR [--as-of DATE] [--lang vi|en]",
                 "Writes summary.xlsx (Tổng hợp, Ma trận, Chi tiết, Quá hạn, Biểu đồ, Thông tin)\n"
                 "and one workbook per agency into DIR.\n"
                 "example: plantrack render plans/hanoi-2020-thang-hanh-dong.yaml \\\n"
                 "           --status plans/status/hanoi-2020-thang-hanh-dong --as-of 2020-07-20 --out out",
                 options, CLI_COUNT(options));
        cli_args_release(&a);
        pt_diags_free(d);
        return 0;
    }
    const char *dir = cli_value(&a, "--out");
    if (rc == 0 && a.npos == 0)
        cli_usage_error(d, "render needs at least one plan file");
    if (rc == 0 && !dir)
        cli_usage_error(d, "render needs --out DIR");
    pt_render_opts ro = {dir, cli_lang(&a, d), PT_VERSION, 0};
    pt_check_opts opts = PT_CHECK_OPTS_INIT;
    opts.as_of = cli_as_of(&a, d);
    const char *h = cli_value(&a, "--horizon");
    if (h)
        opts.horizon = atoi(h);
    opts.agencies = cli_list(&a, "--agency", &opts.n_agencies);
    pt_set *set = NULL;
    pt_status *st = NULL;
    pt_check *c = NULL;
    if (pt_diags_errors(d) == 0)
        set = cli_load_plans(&a, opts.as_of, d);
    if (set && pt_diags_errors(d) == 0)
        st = cli_load_status(&a, set, d);
    if (st && pt_diags_errors(d) == 0)
        c = pt_check_run(set, st, &opts, d);
    if (c && pt_diags_errors(d) == 0 && pt_render(c, st, &ro, d) == 0)
        printf("%s/summary.xlsx\n%s/agencies/ (%zu workbooks)\n", dir, dir, pt_check_agency_count(c));
    int status = cli_report(d);
    if (status == 0 && (fflush(stdout) != 0 || ferror(stdout)))
        status = 2;
    pt_check_free(c);
    pt_status_free(st);
    pt_set_free(set);
    cli_args_release(&a);
    pt_diags_free(d);
    return status;
}
