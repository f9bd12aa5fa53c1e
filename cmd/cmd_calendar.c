/* cmd_calendar.c - plantrack calendar PLAN... [--agency ID]... [--status PATH...] */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_option options[] = {
    {"--agency", 0, OPT_LIST, "ID", "only this agency (repeatable)"},
    {"--status", 's', OPT_LIST, "PATH", "mark submitted obligations as completed"},
    {"--as-of", 0, OPT_DATE, "DATE", "bounds open-ended recurrences (default: today)"},
    {"--lang", 0, OPT_STRING, "vi|en", "language of the event texts (default: vi)"},
    {"-o", 'o', OPT_STRING, "FILE", "write to FILE (atomically) instead of stdout"},
};

int cmd_calendar(int argc, char **argv)
{
    cli_args a;
    pt_diags *d = pt_diags_new();
    int rc = cli_parse(&a, "calendar", options, CLI_COUNT(options), argc, argv, d);
    if (a.help) {
        cli_help("calendar", "PLAN... [--agency ID]... [--status PATH...] [-o FILE]",
                 "Prints every tracked deadline as an all-day iCalendar event with a reminder,\n"
                 "for Thunderbird, Outlook or Google Calendar.\n"
                 "example: plantrack calendar plans/haiphong-2021-03.yaml --agency q-le-chan -o le-chan.ics",
                 options, CLI_COUNT(options));
        cli_args_release(&a);
        pt_diags_free(d);
        return 0;
    }
    if (rc == 0 && a.npos == 0)
        cli_usage_error(d, "calendar needs at least one plan file");
    const char *lang = cli_lang(&a, d);
    pt_check_opts opts = PT_CHECK_OPTS_INIT;
    opts.as_of = cli_as_of(&a, d);
    opts.agencies = cli_list(&a, "--agency", &opts.n_agencies);
    size_t nstatus;
    cli_list(&a, "--status", &nstatus);
    pt_set *set = NULL;
    pt_status *st = NULL;
    pt_check *c = NULL;
    pt_buf out = PT_BUF_INIT;
    if (pt_diags_errors(d) == 0)
        set = cli_load_plans(&a, opts.as_of, d);
    if (set && pt_diags_errors(d) == 0)
        st = cli_load_status(&a, set, d);
    if (st && pt_diags_errors(d) == 0)
        c = pt_check_run(set, st, &opts, d);
    pt_outfile *of = NULL;
    if (c && pt_diags_errors(d) == 0 && (of = cli_out_begin(&a, &out, d))) {
        pt_ical_write(&out, c, nstatus > 0, lang);
        cli_out_end(of, &out, d);
    }
    int status = cli_report(d);
    pt_buf_release(&out);
    pt_check_free(c);
    pt_status_free(st);
    pt_set_free(set);
    cli_args_release(&a);
    pt_diags_free(d);
    return status;
}
