/* pt_output.c - output streams: temporary name and rename for files, in place for devices. */
#include "pt_output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *temp_name(const char *path)
{
    static unsigned counter;
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(path) + 48;
    char *tmp = malloc(n);
    if (tmp)
        snprintf(tmp, n, "%.*s.%s.tmp-%ld-%u", (int)dirlen, path, base, (long)getpid(), counter++);
    return tmp;
}

struct pt_outfile {
    FILE *f;
    char *path, *tmp;   /* tmp NULL: written in place or stdout */
    bool is_stdout;
};

pt_outfile *pt_output_open(const char *path, pt_diags *d)
{
    pt_outfile *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        o->is_stdout = true;
        return o;
    }
    o->path = strdup(path);
    struct stat st;
    if (o->path && stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        o->f = fopen(path, "w");
    } else if (o->path && (o->tmp = temp_name(path))) {
        int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
        o->f = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (fd >= 0 && !o->f)
            close(fd);
    }
    if (!o->f) {
        pt_diag_add(d, PT_E_WRITE, path, 0, 0, path, strerror(errno));
        if (o->tmp)
            unlink(o->tmp);
        free(o->tmp);
        free(o->path);
        free(o);
        return NULL;
    }
    return o;
}

FILE *pt_output_stream(pt_outfile *o) { return o->f; }

int pt_output_close(pt_outfile *o, bool commit, pt_diags *d)
{
    if (!o)
        return -1;
    int err = 0;
    if (fflush(o->f) != 0 || ferror(o->f))
        err = errno ? errno : EIO;
    if (commit && !err && o->tmp && fsync(fileno(o->f)) != 0 && errno != EINVAL)
        err = errno;
    if (!o->is_stdout && fclose(o->f) != 0 && !err)
        err = errno;
    if (commit && !err && o->tmp && rename(o->tmp, o->path) != 0)
        err = errno;
    if (o->tmp && (err || !commit))
        unlink(o->tmp);
    if (commit && err)
        pt_diag_add(d, PT_E_WRITE, o->is_stdout ? "" : o->path, 0, 0,
                    o->is_stdout ? "standard output" : o->path, strerror(err));
    free(o->tmp);
    free(o->path);
    free(o);
    return err ? -1 : 0;
}
