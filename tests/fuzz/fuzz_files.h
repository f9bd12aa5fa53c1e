/* fuzz_files.h - file helpers the plan and status fuzz targets share: they
 * write each input into a scratch directory because the loaders take paths.
 * Header-only (static inline) so each target stays one translation unit. */
#ifndef PT_FUZZ_FILES_H
#define PT_FUZZ_FILES_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plantrack.h"

/* a/b into out; a path too long for the buffer is a setup failure. */
static inline void path_of(char *out, size_t size, const char *a, const char *b)
{
    if ((size_t)snprintf(out, size, "%s/%s", a, b) >= size) {
        fprintf(stderr, "fuzz: path too long: %s/%s\n", a, b);
        abort();
    }
}

/* A fresh scratch directory under $TMPDIR (or /tmp), named after the
 * target; a failure aborts the run. */
static inline void scratch_dir(char *dir, size_t size, const char *target)
{
    const char *tmp = getenv("TMPDIR");
    char name[64];
    snprintf(name, sizeof name, "pt-fuzz-%s-XXXXXX", target);
    path_of(dir, size, tmp && *tmp ? tmp : "/tmp", name);
    if (!mkdtemp(dir)) {
        fprintf(stderr, "fuzz_%s: mkdtemp: %s\n", target, strerror(errno));
        abort();
    }
}

static inline int write_file(const char *path, const void *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    const char *p = data;
    while (size > 0) {
        ssize_t w = write(fd, p, size);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        p += w;
        size -= (size_t)w;
    }
    return close(fd);
}

static inline void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *dp = opendir(path);
        struct dirent *e;
        while (dp && (e = readdir(dp)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char sub[PATH_MAX * 2];
            path_of(sub, sizeof sub, path, e->d_name);
            remove_tree(sub);
        }
        if (dp)
            closedir(dp);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* PT_FUZZ_VERBOSE=1 prints each input's diagnostics (to see how far the
 * seeds get when maintaining the corpus). */
static inline bool verbose(void)
{
    static int v = -1;
    if (v < 0)
        v = getenv("PT_FUZZ_VERBOSE") != NULL;
    return v > 0;
}

static inline void print_diags(const pt_diags *d)
{
    for (size_t i = 0; i < pt_diags_count(d); i++) {
        const pt_diag *g = pt_diags_get(d, i);
        fprintf(stderr, "  %s:%d:%d: %s\n", g->file, g->line, g->col, g->text);
    }
    fprintf(stderr, "  (%zu errors)\n", pt_diags_errors(d));
}

#endif
