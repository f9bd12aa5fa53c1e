/* cmd_help.c - plantrack help [COMMAND] */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_help(int argc, char **argv)
{
    if (argc >= 2) {
        for (size_t i = 0; i < cli_command_count; i++)
            if (strcmp(cli_commands[i].name, argv[1]) == 0) {
                char *args[] = {argv[1], (char *)"--help", NULL};
                return cli_commands[i].run(2, args);
            }
        pt_diags *d = pt_diags_new();
        pt_diag_add(d, PT_E_UNKNOWN_COMMAND, "", 0, 0, argv[1], "");
        cli_report(d);
        pt_diags_free(d);
        return 2;
    }
    printf("plantrack %s - plan-and-report compliance tracking\n\n"
           "usage: plantrack COMMAND [ARGS...]\n\ncommands:\n", PT_VERSION);
    for (size_t i = 0; i < cli_command_count; i++)
        printf("  %-10s %s\n", cli_commands[i].name, cli_commands[i].summary);
    printf("\nRun 'plantrack help COMMAND' or 'plantrack COMMAND --help' for its options.\n"
           "Exit status: 0 all good, 1 check found what --fail-on names, 2 invalid input.\n"
           "Environment: PLANTRACK_JOBS=N reads status registers on N threads\n"
           "(default: one per core; 1: one thread, no read-ahead).\n");
    return fflush(stdout) == 0 ? 0 : 2;
}
