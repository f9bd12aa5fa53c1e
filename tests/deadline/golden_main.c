/* golden_main.c - the deadline language's golden table (tests/deadline/golden.tsv).
 *
 * Each line: phrase <TAB> context <TAB> expected [<TAB> warnings]
 *   phrase    the deadline as written; \n and \t stand for a line break and a
 *             tab; a phrase in braces is the map form {every: quarter, day: 18, ...}
 *   context   space-separated key=value ("-" for none): issued=2021-01-07
 *             period=2021-01-01..2025-12-31 | period=2020-01-01.. | period="năm 2021"
 *             year=2021 as_of=2022-06-01 roll=forward|none cal=vn|none
 *             default.year="trước ngày 15/12" pos=plan.yaml:7:10
 *   expected  =2020-05-19 (a one-off) | untracked | 2021-H1=2021-06-14,2021=2021-12-14
 *             | 2021=untracked,... | none (no occurrence) | error: <every diagnostic,
 *             as printed FILE:LINE:COL: error: message, joined by " | ">
 *   warnings  the warnings of a successful case, as printed, joined by " | ";
 *             no fourth field means no warning.
 * Prints one line per failure and "N passed, M failed" last; exits 1 on any failure.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pt_calendar.h"
#include "pt_deadline.h"
#include "pt_util.h"
#include "pt_yaml.h"

#ifndef PT_SOURCE_DIR
#define PT_SOURCE_DIR "."
#endif

static void unescape(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            *o++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
}

static void diags_text(pt_buf *b, const pt_diags *d, bool errors_too)
{
    bool first = true;
    for (size_t i = 0; i < pt_diags_count(d); i++) {
        const pt_diag *g = pt_diags_get(d, i);
        if (!errors_too && g->sev == PT_SEV_ERROR)
            continue;
        pt_buf_printf(b, "%s%s:%d:%d: %s: %s", first ? "" : " | ", g->file, g->line, g->col,
                      g->sev == PT_SEV_ERROR ? "error" : "warning", g->text);
        first = false;
    }
}

/* Reads the next token of a context: key=value, value possibly "quoted". */
static bool next_token(char **p, char *key, size_t ksz, char *val, size_t vsz)
{
    char *s = *p;
    while (*s == ' ')
        s++;
    if (!*s)
        return false;
    size_t k = 0;
    while (*s && *s != '=' && *s != ' ' && k + 1 < ksz)
        key[k++] = *s++;
    key[k] = '\0';
    size_t v = 0;
    if (*s == '=') {
        s++;
        if (*s == '"') {
            s++;
            while (*s && *s != '"' && v + 1 < vsz)
                val[v++] = *s++;
            if (*s == '"')
                s++;
        } else {
            while (*s && *s != ' ' && v + 1 < vsz)
                val[v++] = *s++;
        }
    }
    val[v] = '\0';
    *p = s;
    return true;
}

static int iso(pt_date *out, const char *s) { return pt_date_parse(out, s) == 0 ? 0 : -1; }

/* The map form, as the plan loader would fill it. */
static int map_form(pt_deadline *dl, const char *text)
{
    static const char *const evs[4] = {"month", "quarter", "half-year", "year"};
    memset(dl, 0, sizeof *dl);
    char buf[8192];
    snprintf(buf, sizeof buf, "%s", text + 1);
    char *end = strrchr(buf, '}');
    if (end)
        *end = '\0';
    int every = -1;
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        char *colon = strchr(tok, ':');
        if (!colon)
            return -1;
        *colon = '\0';
        char *k = tok, *v = colon + 1;
        while (*k == ' ')
            k++;
        while (*v == ' ')
            v++;
        char *ke = k + strlen(k);
        while (ke > k && ke[-1] == ' ')
            *--ke = '\0';
        if (!strcmp(k, "every")) {
            for (int i = 0; i < 4; i++)
                if (!strcmp(v, evs[i]))
                    every = i;
            if (every < 0)
                return -1;
            pt_deadline_init_recurring(dl, (pt_every)every);
        } else if (every < 0) {
            return -1;  /* every comes first in the table */
        } else if (!strcmp(k, "day")) {
            dl->day_of_month = atoi(v);
        } else if (!strcmp(k, "after")) {
            dl->after_days = atoi(v);
        } else if (!strcmp(k, "before")) {
            dl->before = !strcmp(v, "true");
        } else if (!strcmp(k, "from")) {
            if (iso(&dl->rec_from, v))
                return -1;
        } else if (!strcmp(k, "until")) {
            if (iso(&dl->rec_until, v))
                return -1;
        } else if (!strcmp(k, "cutoff")) {
            dl->cutoff = !strcmp(v, "nd09") ? PT_CUTOFF_ND09 : PT_CUTOFF_CALENDAR;
        } else if (!strcmp(k, "year_report")) {
            dl->year_report = !strcmp(v, "true");
        } else {
            return -1;
        }
    }
    if (every < 0)
        return -1;
    dl->text = strdup(text);
    return 0;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : PT_SOURCE_DIR "/tests/deadline/golden.tsv";
    const char *calpath = argc > 2 ? argv[2] : PT_SOURCE_DIR "/plans/calendars/vn.yaml";
    bool verbose = getenv("PT_GOLDEN_VERBOSE") != NULL;
    pt_diags *cd = pt_diags_new();
    pt_doc *doc = pt_doc_load_file(calpath, cd);
    pt_calendar *vn = doc ? pt_calendar_from_doc(doc, cd) : NULL;
    pt_doc_free(doc);
    if (!vn) {
        fprintf(stderr, "cannot load the calendar %s\n", calpath);
        for (size_t i = 0; i < pt_diags_count(cd); i++)
            fprintf(stderr, "  %s\n", pt_diags_get(cd, i)->text);
        pt_diags_free(cd);
        return 1;
    }
    pt_diags_free(cd);
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        pt_calendar_free(vn);
        return 1;
    }
    char line[8192];
    int lineno = 0, passed = 0, failed = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *fields[4] = {NULL, NULL, NULL, NULL};
        int nf = 0;
        for (char *p = line; p && nf < 4; nf++) {
            fields[nf] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
        }
        if (nf < 3) {
            printf("golden.tsv:%d: needs phrase, context and expected\n", lineno);
            failed++;
            continue;
        }
        char phrase[8192];
        snprintf(phrase, sizeof phrase, "%s", fields[0]);
        unescape(phrase);
        const char *expected = fields[2];
        const char *exp_warn = nf > 3 ? fields[3] : "";

        pt_diags *d = pt_diags_new();
        pt_expand_ctx ctx = {PT_DATE_NONE, PT_DATE_NONE, PT_DATE_NONE, 0, PT_DATE_NONE, vn, true,
                             {NULL, NULL, NULL, NULL}};
        pt_deadline defaults[4];
        bool have_default[4] = {false, false, false, false};
        char posfile[128] = "plan.yaml";
        pt_srcpos pos = {posfile, 7, 10, NULL, NULL};
        bool bad_ctx = false;
        char *c = fields[1];
        char key[64], val[1024];
        if (strcmp(c, "-") != 0) {
            while (next_token(&c, key, sizeof key, val, sizeof val)) {
                if (!strcmp(key, "issued")) {
                    bad_ctx |= iso(&ctx.issued, val) != 0;
                } else if (!strcmp(key, "as_of")) {
                    bad_ctx |= iso(&ctx.as_of, val) != 0;
                } else if (!strcmp(key, "year")) {
                    ctx.period_year = atoi(val);
                } else if (!strcmp(key, "roll")) {
                    ctx.roll = strcmp(val, "none") != 0;
                } else if (!strcmp(key, "cal")) {
                    ctx.cal = strcmp(val, "none") == 0 ? NULL : vn;
                } else if (!strcmp(key, "pos")) {
                    char *a = strchr(val, ':'), *b = a ? strchr(a + 1, ':') : NULL;
                    if (!a || !b) {
                        bad_ctx = true;
                        continue;
                    }
                    snprintf(posfile, sizeof posfile, "%.*s", (int)(a - val), val);
                    pos.line = atoi(a + 1);
                    pos.col = atoi(b + 1);
                } else if (!strcmp(key, "period")) {
                    char *dots = strstr(val, "..");
                    if (dots && val[0] >= '0' && val[0] <= '9') {
                        *dots = '\0';
                        bad_ctx |= iso(&ctx.period_from, val) != 0;
                        if (dots[2])
                            bad_ctx |= iso(&ctx.period_until, dots + 2) != 0;
                    } else {
                        pt_srcpos ppos = {"plan.yaml", 5, 9, NULL, NULL};
                        if (pt_period_parse(&ctx.period_from, &ctx.period_until, val, &ppos, d) != 0)
                            bad_ctx = true;
                    }
                    /* a period of one whole year names that year */
                    int fy, fm, fd, uy, um, ud;
                    if (ctx.period_from != PT_DATE_NONE && ctx.period_until != PT_DATE_NONE) {
                        pt_date_ymd(ctx.period_from, &fy, &fm, &fd);
                        pt_date_ymd(ctx.period_until, &uy, &um, &ud);
                        if (fy == uy && fm == 1 && fd == 1 && um == 12 && ud == 31)
                            ctx.period_year = fy;
                    }
                } else if (!strncmp(key, "default.", 8)) {
                    static const char *const evs[4] = {"month", "quarter", "half-year", "year"};
                    int e = -1;
                    for (int i = 0; i < 4; i++)
                        if (!strcmp(key + 8, evs[i]))
                            e = i;
                    pt_srcpos dpos = {"plan.yaml", 3, 20, NULL, NULL};
                    if (e < 0 || have_default[e] || pt_deadline_parse(&defaults[e], val, &dpos, d) != 0) {
                        bad_ctx = true;
                        continue;
                    }
                    have_default[e] = true;
                    ctx.defaults[e] = &defaults[e];
                } else {
                    bad_ctx = true;
                }
            }
        }
        pt_buf got = PT_BUF_INIT;
        if (bad_ctx) {
            pt_buf_adds(&got, "bad context: ");
            diags_text(&got, d, true);
        } else {
            pt_deadline dl;
            int prc = phrase[0] == '{' ? map_form(&dl, phrase) : pt_deadline_parse(&dl, phrase, &pos, d);
            int rc = prc;
            pt_occurrence *occ = NULL;
            size_t n = 0;
            if (rc == 0)
                rc = pt_deadline_expand(&occ, &n, &dl, &ctx, &pos, d, NULL);
            if (rc != 0) {
                pt_buf_adds(&got, "error: ");
                diags_text(&got, d, true);
            } else if (n == 1 && !occ[0].period[0] && occ[0].due == PT_DATE_NONE) {
                pt_buf_adds(&got, "untracked");
            } else if (n == 0) {
                pt_buf_adds(&got, "none");
            } else {
                for (size_t i = 0; i < n; i++) {
                    char iso_[11] = "untracked";
                    if (occ[i].due != PT_DATE_NONE)
                        pt_date_iso(occ[i].due, iso_);
                    pt_buf_printf(&got, "%s%s=%s", i ? "," : "", occ[i].period, iso_);
                }
            }
            pt_buf warn = PT_BUF_INIT;
            if (rc == 0)
                diags_text(&warn, d, false);
            const char *w = warn.data ? warn.data : "";
            const char *g = got.data ? got.data : "";
            if (strcmp(g, expected) != 0 || (rc == 0 && strcmp(w, exp_warn) != 0)) {
                printf("golden.tsv:%d: %s\n  context:  %s\n  expected: %s\n  got:      %s\n",
                       lineno, fields[0], fields[1], expected, g);
                if (rc == 0 && strcmp(w, exp_warn) != 0)
                    printf("  expected warnings: %s\n  got warnings:      %s\n", exp_warn, w);
                failed++;
            } else {
                if (verbose)
                    printf("ok %d: %s -> %s\n", lineno, fields[0], g);
                passed++;
            }
            pt_buf_release(&warn);
            free(occ);
            if (prc == 0 || phrase[0] == '{')
                pt_deadline_release(&dl);
        }
        if (bad_ctx) {
            printf("golden.tsv:%d: %s\n", lineno, got.data ? got.data : "bad context");
            failed++;
        }
        pt_buf_release(&got);
        for (int i = 0; i < 4; i++)
            if (have_default[i])
                pt_deadline_release(&defaults[i]);
        pt_diags_free(d);
    }
    fclose(f);
    pt_calendar_free(vn);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
