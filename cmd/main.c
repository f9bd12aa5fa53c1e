/* main.c - the command table. Each command lives in cmd_<name>.c. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

const cli_command cli_commands[] = {
    {"compile", cmd_compile, "check plan files; print a summary, or the obligations (--format json)"},
    {"check", cmd_check, "statuses of every obligation as of a date, from status registers"},
    {"render", cmd_render, "Excel workbooks for leadership: a summary and one per agency"},
    {"draft", cmd_draft, "a plan skeleton from a document's text, on stdout"},
    {"calendar", cmd_calendar, "deadlines as iCalendar (RFC 5545), on stdout"},
    {"explain", cmd_explain, "how each last on-time day of a task was computed"},
    {"help", cmd_help, "help on plantrack or on one command"},
};
const size_t cli_command_count = CLI_COUNT(cli_commands);

int main(int argc, char **argv)
{
    if (argc < 2)
        return cmd_help(1, argv) == 0 ? 2 : 2;
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("plantrack %s\n", PT_VERSION);
        return fflush(stdout) == 0 ? 0 : 2;
    }
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        return cmd_help(1, argv + 1);
    for (size_t i = 0; i < cli_command_count; i++)
        if (strcmp(cli_commands[i].name, name) == 0)
            return cli_commands[i].run(argc - 1, argv + 1);
    const char *names[16];
    for (size_t i = 0; i < cli_command_count; i++)
        names[i] = cli_commands[i].name;
    pt_diags *d = pt_diags_new();
    char hint[64];
    pt_did_you_mean(hint, sizeof hint, pt_suggest(name, names, cli_command_count));
    pt_diag_add(d, PT_E_UNKNOWN_COMMAND, "", 0, 0, name, hint);
    cli_report(d);
    pt_diags_free(d);
    fprintf(stderr, "run 'plantrack help' for the list of commands\n");
    return 2;
}
