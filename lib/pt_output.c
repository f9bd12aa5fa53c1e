/* pt_output.c - atomic file output and checked stdout. */
#include "pt_output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int pt_output_write_file(const char *path, const void *data, size_t len, pt_diags *d)
{
    char *tmp = pt_output_temp_name(path);
    if (!tmp)
        return -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        pt_diag_add(d, PT_E_WRITE, path, 0, 0, path, strerror(errno));
        free(tmp);
        return -1;
    }
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            pt_diag_add(d, PT_E_WRITE, path, 0, 0, path, strerror(w < 0 ? errno : ENOSPC));
            close(fd);
            unlink(tmp);
            free(tmp);
            return -1;
        }
        p += w;
        left -= (size_t)w;
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
