/* check.h - the smallest assertion kit: each CHECK counts, failures print
 * where and what, and DONE() prints "N passed, M failed". */
#ifndef PT_TEST_CHECK_H
#define PT_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int t_pass, t_fail;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (cond)                                                                    \
            t_pass++;                                                                \
        else {                                                                       \
            t_fail++;                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

#define CHECK_STR(got, want)                                                         \
    do {                                                                             \
        const char *g_ = (got), *w_ = (want);                                        \
        if (g_ && w_ && strcmp(g_, w_) == 0)                                         \
            t_pass++;                                                                \
        else {                                                                       \
            t_fail++;                                                                \
            fprintf(stderr, "%s:%d: got '%s', want '%s'\n", __FILE__, __LINE__,      \
                    g_ ? g_ : "(null)", w_ ? w_ : "(null)");                         \
        }                                                                            \
    } while (0)

#define CHECK_INT(got, want)                                                         \
    do {                                                                             \
        long long g_ = (long long)(got), w_ = (long long)(want);                     \
        if (g_ == w_)                                                                \
            t_pass++;                                                                \
        else {                                                                       \
            t_fail++;                                                                \
            fprintf(stderr, "%s:%d: %s = %lld, want %lld\n", __FILE__, __LINE__, #got, \
                    g_, w_);                                                         \
        }                                                                            \
    } while (0)

#define DONE()                                                                       \
    do {                                                                             \
        printf("%d passed, %d failed\n", t_pass, t_fail);                            \
        return t_fail ? 1 : 0;                                                       \
    } while (0)

#endif
