/* bench_deadline.c - phrases parsed per second (PCRE2 with JIT).
 *
 *   build/tests/deadline_bench [ROUNDS]
 *
 * Parses every phrase of tests/deadline/golden.tsv ROUNDS times (default 200)
 * and prints the rate; a second figure includes expanding each deadline in a
 * plain context. ctest runs it with one round only to check that it works. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pt_deadline.h"

#ifndef PT_SOURCE_DIR
#define PT_SOURCE_DIR "."
#endif

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 200;
    if (rounds < 1)
        rounds = 1;
    FILE *f = fopen(PT_SOURCE_DIR "/tests/deadline/golden.tsv", "r");
    if (!f) {
        perror("golden.tsv");
        return 1;
    }
    char **phrases = NULL;
    size_t n = 0, cap = 0;
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n' || line[0] == '{')
            continue;
        char *tab = strchr(line, '\t');
        if (tab)
            *tab = '\0';
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            char **np = realloc(phrases, cap * sizeof *np);
            if (!np)
                return 1;
            phrases = np;
        }
        phrases[n++] = strdup(line);
    }
    fclose(f);
    pt_diags *d = pt_diags_new();
    pt_deadline dl;
    /* the first parse compiles the patterns: keep it out of the timing */
    if (pt_deadline_parse(&dl, "trước ngày 20/5/2020", NULL, d) == 0)
        pt_deadline_release(&dl);
    long ok = 0, total = 0;
    double t0 = now();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            if (pt_deadline_parse(&dl, phrases[i], NULL, d) == 0) {
                ok++;
                pt_deadline_release(&dl);
            }
            total++;
            if (pt_diags_count(d) > 5000) {
                pt_diags_free(d);
                d = pt_diags_new();
            }
        }
    double t1 = now();
    pt_expand_ctx ctx = {PT_DATE_NONE, PT_DATE_NONE, PT_DATE_NONE, 0, PT_DATE_NONE, NULL, true,
                         {NULL, NULL, NULL, NULL}};
    pt_date_make(&ctx.issued, 2021, 1, 7);
    pt_date_make(&ctx.period_from, 2021, 1, 1);
    pt_date_make(&ctx.period_until, 2021, 12, 31);
    long total2 = 0;
    double t2 = now();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            if (pt_deadline_parse(&dl, phrases[i], NULL, d) == 0) {
                pt_occurrence *o = NULL;
                size_t k = 0;
                if (pt_deadline_expand(&o, &k, &dl, &ctx, NULL, d, NULL) == 0)
                    free(o);
                pt_deadline_release(&dl);
            }
            total2++;
            if (pt_diags_count(d) > 5000) {
                pt_diags_free(d);
                d = pt_diags_new();
            }
        }
    double t3 = now();
    printf("%zu phrases x %d rounds: %.0f phrases/s parsed (%ld of %ld accepted), "
           "%.0f phrases/s parsed and expanded\n",
           n, rounds, (double)total / (t1 - t0), ok, total, (double)total2 / (t3 - t2));
    for (size_t i = 0; i < n; i++)
        free(phrases[i]);
    free(phrases);
    pt_diags_free(d);
    return 0;
}
