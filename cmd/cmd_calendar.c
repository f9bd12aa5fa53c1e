/* cmd_calendar.c - plantrack calendar PLAN... [--agency ID]... [--status PATH...] */
#include "cli.h"

static const cli_option options[] = {
    {"--agency", 0, OPT_LIST, "ID", "only this agency (repeatable)"},
    {"--status", 's', OPT_LIST, "PATH", "mark submitted obligations as completed"},
    {"--as-of", 0, OPT_DATE, "DATE", "bounds open-ended recurrences (default: today)"},
    {"--lang", 0, OPT_STRING, "vi|en", "language of the event texts (default: vi)"},
    {"-o", 'o', OPT_STRING, "FILE", "write to FILE (atomically) instead of stdout"},
};

static const cli_spec spec = {
    "calendar", "PLAN... [--agency ID]... [--status PATH...] [-o FILE]",
    "Prints every tracked deadline as an all-day iCalendar event with a reminder,\n"
    "for Thunderbird, Outlook or Google Calendar.\n"
    "example: plantrack calendar plans/haiphong-2021-03.yaml --agency q-le-chan -o le-chan.ics",
    options, CLI_COUNT(options)};

int cmd_calendar(int argc, char **argv)
{
    cli_args a;
    pt_diags *d = pt_diags_new();
    if (cli_start(&a, &spec, argc, argv, d) == 1) {
        cli_args_release(&a);
        pt_diags_free(d);
        return 0;
    }
    const char *lang = cli_lang(&a, d);
    size_t nstatus;
    cli_list(&a, "--status", &nstatus);
    cli_checked run;
    cli_run_check(&run, &a, d);
    pt_buf out = PT_BUF_INIT;
    pt_outfile *of = NULL;
    if (run.check && (of = cli_out_begin(&a, &out, d))) {
        pt_ical_write(&out, run.check, nstatus > 0, lang);
        cli_out_end(of, &out, d);
    }
    int status = cli_report(d);
    pt_buf_release(&out);
    cli_checked_release(&run);
    cli_args_release(&a);
    pt_diags_free(d);
    return status;
}
