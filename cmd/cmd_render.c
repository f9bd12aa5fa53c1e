/* cmd_render.c - plantrack render PLAN... --status PATH... --out DIR */
#include <stdio.h>

#include "cli.h"

static const cli_option options[] = {
    {"--status", 's', OPT_LIST, "PATH", "a status file or directory (repeatable)"},
    {"--out", 0, OPT_STRING, "DIR", "directory for summary.xlsx and agencies/*.xlsx"},
    {"--as-of", 0, OPT_DATE, "DATE", "the day the check is made (default: today)"},
    {"--horizon", 0, OPT_INT, "N", "days ahead that count as due soon (default: 7)"},
    {"--agency", 0, OPT_LIST, "ID", "only this agency (repeatable)"},
    {"--lang", 0, OPT_STRING, "vi|en", "language of the workbooks (default: vi)"},
};

static const cli_spec spec = {
    "render", "PLAN... --status PATH... --out DIR [--as-of DATE] [--lang vi|en]",
    "Writes summary.xlsx (Tổng hợp, Ma trận, Chi tiết, Quá hạn, Biểu đồ, Thông tin)\n"
    "and one workbook per agency into DIR.\n"
    "example: plantrack render plans/hanoi-2020-thang-hanh-dong.yaml \\\n"
    "           --status plans/status/hanoi-2020-thang-hanh-dong --as-of 2020-07-20 --out out",
    options, CLI_COUNT(options)};

int cmd_render(int argc, char **argv)
{
    cli_args a;
    pt_diags *d = pt_diags_new();
    if (cli_start(&a, &spec, argc, argv, d) == 1) {
        cli_args_release(&a);
        pt_diags_free(d);
        return 0;
    }
    const char *dir = cli_value(&a, "--out");
    if (a.npos > 0 && !dir)
        cli_usage_error(d, "render needs --out DIR");
    pt_render_opts ro = {dir, cli_lang(&a, d), PT_VERSION, 0};
    cli_checked run;
    cli_run_check(&run, &a, d);
    if (run.check && pt_render(run.check, run.status, &ro, d) == 0)
        printf("%s/summary.xlsx\n%s/agencies/ (%zu workbooks)\n", dir, dir,
               pt_check_agency_count(run.check));
    int status = cli_report(d);
    if (status == 0 && (fflush(stdout) != 0 || ferror(stdout)))
        status = 2;
    cli_checked_release(&run);
    cli_args_release(&a);
    pt_diags_free(d);
    return status;
}
