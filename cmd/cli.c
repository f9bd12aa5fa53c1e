/* cli.c - option parsing from static tables, diagnostics printing. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void cli_usage_error(pt_diags *d, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    pt_diag_add(d, PT_E_USAGE, "", 0, 0, buf);
}

static const cli_option *find_opt(const cli_option *opts, size_t n, const char *arg, size_t len,
                                  size_t *ix)
{
    for (size_t i = 0; i < n; i++) {
        const cli_option *o = &opts[i];
        bool hit = (len == 2 && arg[0] == '-' && arg[1] == o->short_name && o->short_name) ||
                   (strlen(o->name) == len && strncmp(o->name, arg, len) == 0);
        if (hit) {
            *ix = i;
            return o;
        }
    }
    return NULL;
}

int cli_parse(cli_args *a, const char *cmd, const cli_option *opts, size_t nopts, int argc,
              char **argv, pt_diags *d)
{
    memset(a, 0, sizeof *a);
    a->opts = opts;
    a->nopts = nopts;
    a->set = calloc(nopts + 1, sizeof *a->set);
    a->value = calloc(nopts + 1, sizeof *a->value);
    a->list = calloc(nopts + 1, sizeof *a->list);
    a->nlist = calloc(nopts + 1, sizeof *a->nlist);
    a->pos = calloc((size_t)argc + 1, sizeof *a->pos);
    if (!a->set || !a->value || !a->list || !a->nlist || !a->pos)
        return -1;
    int rc = 0;
    bool only_pos = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (only_pos || arg[0] != '-' || arg[1] == '\0') {
            a->pos[a->npos++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_pos = true;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            a->help = true;
            continue;
        }
        const char *eq = strchr(arg, '=');
        size_t len = eq && arg[1] == '-' ? (size_t)(eq - arg) : strlen(arg);
        size_t ix;
        const cli_option *o = find_opt(opts, nopts, arg, len, &ix);
        if (!o) {
            const char *names[64];
            size_t k = 0;
            for (size_t j = 0; j < nopts && k < 64; j++)
                names[k++] = opts[j].name;
            char hint[128];
            char word[128];
            snprintf(word, sizeof word, "%.*s", (int)len, arg);
            pt_did_you_mean(hint, sizeof hint, pt_suggest(word, names, k));
            pt_diag_add(d, PT_E_UNKNOWN_OPTION, "", 0, 0, word, cmd, hint);
            rc = -1;
            continue;
        }
        a->set[ix] = true;
        if (o->type == OPT_FLAG)
            continue;
        const char *val = eq && arg[1] == '-' ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
        if (!val) {
            pt_diag_add(d, PT_E_OPTION_VALUE, "", 0, 0, o->name);
            rc = -1;
            continue;
        }
        if (o->type == OPT_LIST) {
            const char **nl = realloc(a->list[ix], (a->nlist[ix] + 1) * sizeof *nl);
            if (!nl)
                return -1;
            nl[a->nlist[ix]++] = val;
            a->list[ix] = nl;
        } else {
            a->value[ix] = val;
        }
        if (o->type == OPT_INT) {
            char *end;
            long v = strtol(val, &end, 10);
            if (*end || end == val || v < 0 || v > 3660) {
                pt_diag_add(d, PT_E_BAD_OPTION_VALUE, "", 0, 0, o->name,
                            "a whole number of days from 0 to 3660", val);
                rc = -1;
            }
        }
    }
    return rc;
}

void cli_args_release(cli_args *a)
{
    for (size_t i = 0; a->list && i < a->nopts; i++)
        free(a->list[i]);
    free(a->set);
    free(a->value);
    free(a->list);
    free(a->nlist);
    free(a->pos);
}

/* Names the destination in a write error. */
static const char *cli_value_of_sink(const pt_buf *out)
{
    return out->sink == stdout ? "standard output" : "the output file";
}

int cli_index(const cli_args *a, const char *name)
{
    for (size_t i = 0; i < a->nopts; i++)
        if (strcmp(a->opts[i].name, name) == 0)
            return (int)i;
    return -1;
}

const char *cli_value(const cli_args *a, const char *name)
{
    int i = cli_index(a, name);
    return i >= 0 ? a->value[i] : NULL;
}

const char *const *cli_list(const cli_args *a, const char *name, size_t *n)
{
    int i = cli_index(a, name);
    *n = i >= 0 ? a->nlist[i] : 0;
    return i >= 0 ? (const char *const *)a->list[i] : NULL;
}

/* The left column of an option's help line: "-s, --status PATH", or
 * "-o FILE" for an option that has no long name. */
static void option_left(char *out, size_t size, const cli_option *o)
{
    char alias[8] = "", self[3] = {'-', o->short_name, '\0'};
    if (o->short_name && strcmp(o->name, self) != 0)
        snprintf(alias, sizeof alias, "-%c, ", o->short_name);
    snprintf(out, size, "%s%s%s%s", alias, o->name, o->arg ? " " : "", o->arg ? o->arg : "");
}

void cli_help(const char *cmd, const char *usage, const char *about, const cli_option *opts,
              size_t nopts)
{
    printf("usage: plantrack %s %s\n\n%s\n\noptions:\n", cmd, usage, about);
    /* the help texts start in one column, past the widest option */
    char left[64];
    int width = (int)strlen("-h, --help");
    for (size_t i = 0; i < nopts; i++) {
        option_left(left, sizeof left, &opts[i]);
        width = (int)strlen(left) > width ? (int)strlen(left) : width;
    }
    for (size_t i = 0; i < nopts; i++) {
        option_left(left, sizeof left, &opts[i]);
        printf("  %-*s  %s\n", width, left, opts[i].help);
    }
    printf("  %-*s  %s\n", width, "-h, --help", "show this help");
}

/* One cached file for printing source lines, with the offset of each line:
 * diagnostics come sorted by file, so each file is read and indexed once,
 * and a run with many errors does not rescan it per message. */
static char *cached_text;
static size_t cached_len;
static char *cached_name;
static size_t *line_starts;
static size_t nlines;

static void drop_cache(void)
{
    free(cached_text);
    free(cached_name);
    free(line_starts);
    cached_text = cached_name = NULL;
    line_starts = NULL;
    nlines = 0;
}

static const char *source_line(const char *file, int line, size_t *len)
{
    if (!file[0] || line <= 0 || strncmp(file, "plantrack:", 10) == 0)
        return NULL;
    if (!cached_name || strcmp(cached_name, file) != 0) {
        drop_cache();
        cached_name = strdup(file);
        if (pt_read_file(&cached_text, &cached_len, file, (size_t)64 << 20) != 0) {
            cached_text = NULL;
            return NULL;
        }
        size_t n = 1;
        for (size_t i = 0; i < cached_len; i++)
            n += cached_text[i] == '\n';
        line_starts = malloc(n * sizeof *line_starts);
        if (!line_starts)
            return NULL;
        line_starts[nlines++] = 0;
        for (size_t i = 0; i < cached_len; i++)
            if (cached_text[i] == '\n')
                line_starts[nlines++] = i + 1;
    }
    if (!cached_text || !line_starts || (size_t)line > nlines)
        return NULL;
    const char *p = cached_text + line_starts[line - 1], *end = cached_text + cached_len;
    const char *e = p;
    while (e < end && *e != '\n' && *e != '\r')
        e++;
    *len = (size_t)(e - p);
    return p;
}

/* The line as printed: invalid UTF-8 and control bytes become '?', so the
 * terminal shows what the caret points at. */
static void print_line(const char *s, size_t len, int col)
{
    /* A very long line (a document pasted on one line) is shown as a window
     * around the column, so the caret stays readable and printing stays
     * cheap however many messages point into it. */
    enum { BEFORE = 60, AFTER = 60 };
    size_t chars = pt_utf8_chars(s, len);
    if (chars > BEFORE + AFTER + 20) {
        size_t first = col > BEFORE ? (size_t)col - 1 - BEFORE : 0;
        size_t from = pt_utf8_offset(s, len, first);
        size_t to = pt_utf8_offset(s, len, first + BEFORE + AFTER);
        pt_buf w = PT_BUF_INIT;
        if (from > 0)
            pt_buf_adds(&w, "…");
        pt_buf_add(&w, s + from, to - from);
        if (to < len)
            pt_buf_adds(&w, "…");
        int wcol = col - (int)first + (from > 0 ? 1 : 0);
        print_line(w.data ? w.data : "", w.len, wcol);
        pt_buf_release(&w);
        return;
    }
    pt_buf b = PT_BUF_INIT, caret = PT_BUF_INIT;
    size_t i = 0;
    int c = 1;
    while (i < len) {
        size_t bad = 0;
        size_t step = 1;
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x80) {
            size_t want = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC0 ? 2 : 1;
            if (want > 1 && i + want <= len && pt_utf8_valid(s + i, want, &bad))
                step = want;
        }
        char tmp[8] = {0};
        if (step == 1 && (ch < 0x20 || ch >= 0x80) && ch != '\t')
            tmp[0] = '?';
        else
            memcpy(tmp, s + i, step);
        pt_buf_adds(&b, tmp);
        if (c < col)
            pt_buf_adds(&caret, tmp[0] == '\t' ? "\t" : "");
        if (c < col && tmp[0] != '\t') {
            size_t w = pt_text_width(tmp);
            for (size_t k = 0; k < w; k++)
                pt_buf_addc(&caret, ' ');
        }
        i += step;
        c++;
    }
    fprintf(stderr, "    %s\n    %s^\n", b.data ? b.data : "", caret.data ? caret.data : "");
    pt_buf_release(&b);
    pt_buf_release(&caret);
}

int cli_report(pt_diags *d)
{
    pt_diags_sort(d);
    size_t n = pt_diags_count(d);
    for (size_t i = 0; i < n; i++) {
        const pt_diag *g = pt_diags_get(d, i);
        const char *sev = g->sev == PT_SEV_ERROR ? "error" : "warning";
        if (!g->file[0])
            fprintf(stderr, "plantrack: %s: %s [%s]\n", sev, g->text, pt_msg_code(g->msg));
        else if (g->line <= 0)
            fprintf(stderr, "%s: %s: %s [%s]\n", g->file, sev, g->text, pt_msg_code(g->msg));
        else {
            fprintf(stderr, "%s:%d:%d: %s: %s [%s]\n", g->file, g->line, g->col, sev, g->text,
                    pt_msg_code(g->msg));
            size_t len = 0;
            const char *line = source_line(g->file, g->line, &len);
            if (line)
                print_line(line, len, g->col);
        }
    }
    size_t e = pt_diags_errors(d), w = pt_diags_warnings(d);
    if (e && w)
        fprintf(stderr, "%zu error%s, %zu warning%s\n", e, e == 1 ? "" : "s", w, w == 1 ? "" : "s");
    else if (e)
        fprintf(stderr, "%zu error%s\n", e, e == 1 ? "" : "s");
    else if (w)
        fprintf(stderr, "%zu warning%s\n", w, w == 1 ? "" : "s");
    drop_cache();
    return e ? 2 : 0;
}

pt_date cli_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    pt_date d = 0;
    pt_date_make(&d, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return d;
}

pt_date cli_as_of(const cli_args *a, pt_diags *d)
{
    const char *v = cli_value(a, "--as-of");
    if (!v)
        return cli_today();
    pt_date out = PT_DATE_NONE;
    /* The date reader's message names no option: say which one it is. */
    pt_diags *tmp = pt_diags_new();
    pt_srcpos pos = {"", 0, 0, NULL, NULL};
    if (pt_date_parse_text(&out, v, &pos, tmp ? tmp : d) != 0)
        out = PT_DATE_NONE;
    for (size_t i = 0; i < pt_diags_count(tmp); i++)
        pt_diag_add(d, PT_E_OPTION_DATE, "", 0, 0, "--as-of", pt_diags_get(tmp, i)->text);
    pt_diags_free(tmp);
    return out;
}

const char *cli_lang(const cli_args *a, pt_diags *d)
{
    const char *v = cli_value(a, "--lang");
    if (!v || strcmp(v, "vi") == 0)
        return "vi";
    if (strcmp(v, "en") == 0)
        return "en";
    pt_diag_add(d, PT_E_BAD_OPTION_VALUE, "", 0, 0, "--lang", "vi or en", v);
    return "vi";
}

pt_set *cli_load_plans(const cli_args *a, pt_date as_of, pt_diags *d)
{
    pt_set *set = pt_set_new();
    if (!set)
        return NULL;
    for (size_t i = 0; i < a->npos; i++)
        pt_set_load_plan(set, a->pos[i], d);
    if (pt_diags_errors(d) == 0)
        pt_set_compile(set, as_of, d);
    return set;
}

pt_status *cli_load_status(const cli_args *a, const pt_set *set, pt_diags *d)
{
    pt_status *st = pt_status_new();
    /* PLANTRACK_JOBS=1 reads registers on one thread (for timing, or a
     * machine shared with other work); unset or 0: one per core. */
    const char *jobs = getenv("PLANTRACK_JOBS");
    if (st && jobs)
        pt_status_set_jobs(st, atoi(jobs));
    size_t n;
    const char *const *paths = cli_list(a, "--status", &n);
    for (size_t i = 0; st && i < n; i++)
        pt_status_load(st, set, paths[i], d);
    return st;
}

pt_outfile *cli_out_begin(const cli_args *a, pt_buf *out, pt_diags *d)
{
    pt_outfile *o = pt_output_open(cli_value(a, "-o"), d);
    if (o)
        out->sink = pt_output_stream(o);
    return o;
}

int cli_out_end(pt_outfile *o, pt_buf *out, pt_diags *d)
{
    pt_buf_flush(out);
    bool ok = !out->oom && out->sink_errno == 0;
    if (out->oom)
        cli_usage_error(d, "out of memory while writing the output");
    else if (out->sink_errno)
        pt_diag_add(d, PT_E_WRITE, "", 0, 0, cli_value_of_sink(out), strerror(out->sink_errno));
    out->sink = NULL;
    return pt_output_close(o, ok, d) == 0 && ok ? 0 : -1;
}

int cli_out_to(const cli_args *a, pt_buf *out, pt_diags *d)
{
    pt_buf staged = *out;
    pt_buf sink = PT_BUF_INIT;
    pt_outfile *o = cli_out_begin(a, &sink, d);
    if (!o)
        return -1;
    pt_buf_add(&sink, staged.data ? staged.data : "", staged.len);
    int rc = cli_out_end(o, &sink, d);
    pt_buf_release(&sink);
    return rc;
}

int cli_start(cli_args *a, const cli_spec *spec, int argc, char **argv, pt_diags *d)
{
    int rc = cli_parse(a, spec->name, spec->opts, spec->nopts, argc, argv, d);
    if (a->help) {
        cli_help(spec->name, spec->usage, spec->about, spec->opts, spec->nopts);
        return 1;
    }
    if (rc == 0 && a->npos == 0)
        cli_usage_error(d, "%s needs at least one %s", spec->name,
                        strcmp(spec->name, "draft") == 0 ? "document file" : "plan file");
    return 0;
}

void cli_run_check(cli_checked *c, const cli_args *a, pt_diags *d)
{
    memset(c, 0, sizeof *c);
    pt_check_opts init = PT_CHECK_OPTS_INIT;
    c->opts = init;
    c->opts.as_of = cli_as_of(a, d);
    const char *h = cli_value(a, "--horizon");
    if (h)
        c->opts.horizon = atoi(h);
    c->opts.agencies = cli_list(a, "--agency", &c->opts.n_agencies);
    if (pt_diags_errors(d) == 0)
        c->set = cli_load_plans(a, c->opts.as_of, d);
    if (c->set && pt_diags_errors(d) == 0)
        c->status = cli_load_status(a, c->set, d);
    if (c->status && pt_diags_errors(d) == 0)
        c->check = pt_check_run(c->set, c->status, &c->opts, d);
    if (pt_diags_errors(d) != 0) {
        cli_checked_release(c);
        memset(c, 0, sizeof *c);
    }
}

void cli_checked_release(cli_checked *c)
{
    pt_check_free(c->check);
    pt_status_free(c->status);
    pt_set_free(c->set);
}
