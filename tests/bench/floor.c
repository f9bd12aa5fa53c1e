/* floor.c - the floor for the plantrack benchmarks (tests/bench/run).
 *
 *   plantrack-bench-floor PATH...
 *
 * Reads every file named (a directory: its *.yaml, *.yml and *.csv files,
 * recursively) fully into memory, then runs a bare libyaml event loop over
 * each YAML file (yaml_parser_parse until the stream ends, every event
 * deleted at once) and a tight field-counting scan over each CSV file (RFC
 * 4180 quotes honoured). No tree, no strings kept: this is the least work any
 * loader of the same files has to do, and check's time is reported as a
 * multiple of it. Prints the totals, so that nothing is optimised away.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

typedef struct {
    unsigned long long files, bytes, events, fields, records;
} totals;

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (n < cap)
            break;
        char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int scan_yaml(const char *path, const char *buf, size_t len, totals *t)
{
    yaml_parser_t p;
    yaml_event_t ev;
    if (!yaml_parser_initialize(&p))
        return -1;
    yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
    int rc = 0;
    for (;;) {
        if (!yaml_parser_parse(&p, &ev)) {
            fprintf(stderr, "%s: YAML error: %s\n", path, p.problem ? p.problem : "?");
            rc = -1;
            break;
        }
        yaml_event_type_t type = ev.type;
        yaml_event_delete(&ev);
        t->events++;
        if (type == YAML_STREAM_END_EVENT)
            break;
    }
    yaml_parser_delete(&p);
    return rc;
}

static void scan_csv(const char *buf, size_t len, totals *t)
{
    const char *s = buf, *end = buf + len;
    unsigned long long fields = 0, records = 0;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;
    while (s < end) {
        /* one field */
        if (*s == '"') {
            s++;
            for (;;) {
                const char *q = memchr(s, '"', (size_t)(end - s));
                if (!q) {
                    s = end;
                    break;
                }
                s = q + 1;
                if (s < end && *s == '"') {
                    s++;
                    continue;
                }
                break;
            }
        }
        while (s < end && *s != ',' && *s != '\n' && *s != '\r')
            s++;
        fields++;
        if (s >= end) {
            records++;
            break;
        }
        if (*s == ',') {
            s++;
            continue;
        }
        if (*s == '\r' && s + 1 < end && s[1] == '\n')
            s++;
        s++;
        records++;
    }
    t->fields += fields;
    t->records += records;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int do_file(const char *path, totals *t)
{
    int is_csv = ends_with(path, ".csv");
    size_t len = 0;
    char *buf = read_all(path, &len);
    if (!buf) {
        perror(path);
        return -1;
    }
    t->files++;
    t->bytes += len;
    int rc = 0;
    if (is_csv)
        scan_csv(buf, len, t);
    else
        rc = scan_yaml(path, buf, len, t);
    free(buf);
    return rc;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int do_path(const char *path, totals *t)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(sb.st_mode))
        return do_file(path, t);
    DIR *dir = opendir(path);
    if (!dir) {
        perror(path);
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *names);
            if (!nn)
                break;
            names = nn;
        }
        size_t len = strlen(path) + strlen(de->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n])
            break;
        snprintf(names[n], len, "%s/%s", path, de->d_name);
        n++;
    }
    closedir(dir);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_names);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat eb;
        if (stat(names[i], &eb) == 0 &&
            (S_ISDIR(eb.st_mode) || ends_with(names[i], ".yaml") || ends_with(names[i], ".yml") ||
             ends_with(names[i], ".csv")))
            rc |= do_path(names[i], t);
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH...\n", argv[0]);
        return 2;
    }
    totals t = {0, 0, 0, 0, 0};
    int rc = 0;
    for (int i = 1; i < argc; i++)
        rc |= do_path(argv[i], &t);
    printf("files %llu bytes %llu yaml_events %llu csv_fields %llu csv_records %llu\n", t.files,
           t.bytes, t.events, t.fields, t.records);
    return rc ? 1 : 0;
}
