/* pt_output.c - atomic file output and checked stdout. */
#include "pt_output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *pt_output_temp_name(const char *path)
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

int pt_output_commit(const char *tmp, const char *path, pt_diags *d)
{
    int fd = open(tmp, O_RDONLY);
    if (fd < 0 || fsync(fd) != 0) {
        pt_diag_add(d, PT_E_WRITE, path, 0, 0, path, strerror(errno));
        if (fd >= 0)
            close(fd);
        unlink(tmp);
        return -1;
    }
    close(fd);
    if (rename(tmp, path) != 0) {
        pt_diag_add(d, PT_E_WRITE, path, 0, 0, path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

/* Writes all of data to fd; returns 0 or an errno value. */
static int write_all(int fd, const char *p, size_t left)
{
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 ? errno : ENOSPC;
        p += w;
        left -= (size_t)w;
    }
    return 0;
}

int pt_output_write_file(const char *path, const void *data, size_t len, pt_diags *d)
{
    /* A device or a pipe (-o /dev/null, -o /dev/stdout, a FIFO) is written
     * in place: renaming a temporary file over it would replace the device
     * with a regular file. Only regular files get the atomic rename. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        int fd = open(path, O_WRONLY);
        int err = fd < 0 ? errno : write_all(fd, data, len);
        if (fd >= 0 && close(fd) != 0 && !err)
            err = errno;
        if (err) {
            pt_diag_add(d, PT_E_WRITE, path, 0, 0, path, strerror(err));
            return -1;
        }
        return 0;
    }
    char *tmp = pt_output_temp_name(path);
    if (!tmp)
        return -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        pt_diag_add(d, PT_E_WRITE, path, 0, 0, path, strerror(errno));
        free(tmp);
        return -1;
    }
    int err = write_all(fd, data, len);
    if (err) {
        pt_diag_add(d, PT_E_WRITE, path, 0, 0, path, strerror(err));
        close(fd);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    if (fsync(fd) != 0 && errno != EINVAL) {
        pt_diag_add(d, PT_E_WRITE, path, 0, 0, path, strerror(errno));
        close(fd);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        pt_diag_add(d, PT_E_WRITE, path, 0, 0, path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

int pt_output_stdout(const void *data, size_t len, pt_diags *d)
{
    if (len && fwrite(data, 1, len, stdout) != len) {
        pt_diag_add(d, PT_E_WRITE, "", 0, 0, "standard output", strerror(errno));
        return -1;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        pt_diag_add(d, PT_E_WRITE, "", 0, 0, "standard output", strerror(errno));
        return -1;
    }
    return 0;
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
    } else if (o->path && (o->tmp = pt_output_temp_name(path))) {
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
