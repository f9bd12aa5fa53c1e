/* cli.h - what every subcommand shares: a static option table that both
 * parses the arguments and prints --help, the diagnostics printer, and the
 * output helpers. No product logic lives in cmd/. */
#ifndef PT_CLI_H
#define PT_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include "plantrack.h"

typedef enum { OPT_FLAG, OPT_STRING, OPT_LIST, OPT_INT, OPT_DATE } cli_opt_type;

typedef struct {
    const char *name;        /* "--as-of" */
    char short_name;         /* 'o' or 0 */
    cli_opt_type type;
    const char *arg;         /* "DATE" in help */
    const char *help;
} cli_option;

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} cli_command;

/* What a command says about itself: parsed and printed from one place. */
typedef struct {
    const char *name;
    const char *usage;      /* after "plantrack NAME " */
    const char *about;      /* a paragraph and an example */
    const cli_option *opts;
    size_t nopts;
} cli_spec;

/* Parsed arguments: values by option index, and positional arguments. */
typedef struct {
    const cli_option *opts;
    size_t nopts;
    bool *set;
    const char **value;       /* last value of OPT_STRING/INT/DATE */
    const char ***list;       /* values of OPT_LIST */
    size_t *nlist;
    const char **pos;
    size_t npos;
    bool help;
} cli_args;

/* The commands, one per cmd_<name>.c: each returns the exit status. */
int cmd_compile(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_draft(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_help(int argc, char **argv);

extern const cli_command cli_commands[];
extern const size_t cli_command_count;

/* Parses argv (argv[0] is the command name). Problems go to d. Returns 0,
 * or -1 on a usage error. Caller releases with cli_args_release. */
int cli_parse(cli_args *a, const char *cmd, const cli_option *opts, size_t nopts, int argc,
              char **argv, pt_diags *d);
void cli_args_release(cli_args *a);
int cli_index(const cli_args *a, const char *name);
const char *cli_value(const cli_args *a, const char *name);
const char *const *cli_list(const cli_args *a, const char *name, size_t *n);

/* Parses argv for spec. Returns 1 when --help was asked for (the help is
 * printed and the command should return 0), 0 otherwise; usage problems go
 * to d. The caller releases a with cli_args_release. */
int cli_start(cli_args *a, const cli_spec *spec, int argc, char **argv, pt_diags *d);

/* The pipeline check, render and calendar share: plans, status registers,
 * and the check as of --as-of with --horizon and --agency. Each output is
 * NULL when an earlier step failed; the caller frees all three. */
typedef struct {
    pt_set *set;
    pt_status *status;
    pt_check *check;
    pt_check_opts opts;
} cli_checked;
void cli_run_check(cli_checked *out, const cli_args *a, pt_diags *d);
void cli_checked_release(cli_checked *c);

/* Prints the help of one command from its option table, on stdout. */
void cli_help(const char *cmd, const char *usage, const char *about, const cli_option *opts,
              size_t nopts);

/* Prints every diagnostic (sorted, with source line and caret) and the count
 * line on stderr. Returns 2 when there are errors, else 0. */
int cli_report(pt_diags *d);

/* Today's date: the only clock read in the program. */
pt_date cli_today(void);

/* Parses --as-of (default today) and --horizon; --lang. Problems to d. */
pt_date cli_as_of(const cli_args *a, pt_diags *d);
const char *cli_lang(const cli_args *a, pt_diags *d);

/* Loads and compiles the plans named by the positional arguments. */
pt_set *cli_load_plans(const cli_args *a, pt_date as_of, pt_diags *d);

/* Loads every --status path. */
pt_status *cli_load_status(const cli_args *a, const pt_set *set, pt_diags *d);

/* Output to -o FILE (atomically) or stdout, streamed: cli_out_begin opens
 * the destination and makes out write through to it; cli_out_end flushes,
 * checks every write and commits. Begin only once the inputs are known to
 * be valid, so that an invalid input never leaves a file. */
pt_outfile *cli_out_begin(const cli_args *a, pt_buf *out, pt_diags *d);
int cli_out_end(pt_outfile *o, pt_buf *out, pt_diags *d);
/* Writes an output already built in memory (explain, draft) the same way. */
int cli_out_to(const cli_args *a, pt_buf *out, pt_diags *d);

/* A usage error message, into d. */
void cli_usage_error(pt_diags *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define CLI_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#endif
