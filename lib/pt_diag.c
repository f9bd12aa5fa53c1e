/* pt_diag.c - the diagnostics list and the message catalogue. */
#include "pt_diag.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pt_util.h"

typedef struct {
    const char *name;
    int code;
    pt_severity sev;
    const char *fmt;
} msg_info;

#define ERROR PT_SEV_ERROR
#define WARNING PT_SEV_WARNING
static const msg_info catalogue[] = {
#define PT_MSG(name, code, sev, fmt) {#name, code, sev, fmt},
#include "msg/all.def"
#undef PT_MSG
};
#undef ERROR
#undef WARNING

typedef struct {
    pt_diag d;
    size_t seq;
    size_t file_rank;
} entry;

struct pt_diags {
    entry *v;
    size_t n, cap;
    char **files;  /* distinct file names, in the order first seen */
    size_t nfiles, capfiles;
    size_t errors, warnings;
};

/* A run that finds a million bad rows still stops storing messages here;
 * the counts stay exact. */
#define MAX_STORED 10000

pt_diags *pt_diags_new(void) { return calloc(1, sizeof(pt_diags)); }

void pt_diags_free(pt_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        free((char *)d->v[i].d.text);
    for (size_t i = 0; i < d->nfiles; i++)
        free(d->files[i]);
    free(d->files);
    free(d->v);
    free(d);
}

static size_t file_rank(pt_diags *d, const char *file)
{
    for (size_t i = d->nfiles; i-- > 0;)
        if (strcmp(d->files[i], file) == 0)
            return i;
    if (pt_grow(&d->files, d->nfiles, &d->capfiles, sizeof *d->files, 16) != 0)
        return SIZE_MAX;
    char *copy = strdup(file);
    if (!copy)
        return SIZE_MAX;
    d->files[d->nfiles] = copy;
    return d->nfiles++;
}

void pt_diag_addv(pt_diags *d, pt_msg msg, const char *file, int line, int col, va_list ap)
{
    if (!d || (unsigned)msg >= PT_MSG_COUNT)
        return;
    const msg_info *mi = &catalogue[msg];
    if (mi->sev == PT_SEV_ERROR)
        d->errors++;
    else
        d->warnings++;
    if (d->n >= MAX_STORED)
        return;
    if (pt_grow(&d->v, d->n, &d->cap, sizeof *d->v, 32) != 0)
        return;
    char buf[1024];
    va_list aq;
    va_copy(aq, ap);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
    vsnprintf(buf, sizeof buf, mi->fmt, aq);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
    va_end(aq);
    /* A very long culprit is cut at the buffer's end: cut it at a character
     * boundary instead, so that the message stays valid UTF-8. */
    size_t len = strlen(buf);
    if (len == sizeof buf - 1) {
        size_t k = len;
        while (k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0x80)
            k--;
        /* buf[k - 1] leads a sequence: keep it only when it is complete */
        if (k > 0 && (unsigned char)buf[k - 1] >= 0xC0) {
            unsigned char lead = (unsigned char)buf[k - 1];
            size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            if (len - (k - 1) < need)
                buf[k - 1] = '\0';
        }
    }
    size_t rank = file_rank(d, file ? file : "");
    char *text = strdup(buf);
    if (rank == SIZE_MAX || !text) {
        free(text);
        return;
    }
    entry *e = &d->v[d->n];
    e->d.file = d->files[rank];
    e->d.line = line;
    e->d.col = col;
    e->d.sev = mi->sev;
    e->d.msg = msg;
    e->d.text = text;
    e->seq = d->n;
    e->file_rank = rank;
    d->n++;
}

void pt_diag_add(pt_diags *d, pt_msg msg, const char *file, int line, int col, ...)
{
    va_list ap;
    va_start(ap, col);
    pt_diag_addv(d, msg, file, line, col, ap);
    va_end(ap);
}

void pt_diags_move(pt_diags *dst, pt_diags *src)
{
    if (!dst || !src)
        return;
    dst->errors += src->errors;
    dst->warnings += src->warnings;
    for (size_t i = 0; i < src->n; i++) {
        entry *e = &src->v[i];
        size_t rank = dst->n < MAX_STORED ? file_rank(dst, e->d.file) : SIZE_MAX;
        if (rank == SIZE_MAX || pt_grow(&dst->v, dst->n, &dst->cap, sizeof *dst->v, 32) != 0) {
            free((char *)e->d.text);
            continue;
        }
        entry *o = &dst->v[dst->n];
        *o = *e;
        o->d.file = dst->files[rank];
        o->seq = dst->n;
        o->file_rank = rank;
        dst->n++;
    }
    src->n = 0;
    src->errors = src->warnings = 0;
}

size_t pt_diags_count(const pt_diags *d) { return d ? d->n : 0; }
const pt_diag *pt_diags_get(const pt_diags *d, size_t i) { return i < d->n ? &d->v[i].d : NULL; }
size_t pt_diags_errors(const pt_diags *d) { return d ? d->errors : 0; }
size_t pt_diags_warnings(const pt_diags *d) { return d ? d->warnings : 0; }

static int cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->file_rank != y->file_rank)
        return x->file_rank < y->file_rank ? -1 : 1;
    if (x->d.line != y->d.line)
        return x->d.line < y->d.line ? -1 : 1;
    if (x->d.col != y->d.col)
        return x->d.col < y->d.col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void pt_diags_sort(pt_diags *d)
{
    if (!d || d->n == 0)
        return;
    qsort(d->v, d->n, sizeof *d->v, cmp_entry);
    size_t w = 1;
    for (size_t i = 1; i < d->n; i++) {
        entry *p = &d->v[w - 1], *c = &d->v[i];
        if (p->file_rank == c->file_rank && p->d.line == c->d.line && p->d.col == c->d.col &&
            p->d.msg == c->d.msg && strcmp(p->d.text, c->d.text) == 0) {
            if (c->d.sev == PT_SEV_ERROR)
                d->errors--;
            else
                d->warnings--;
            free((char *)c->d.text);
            continue;
        }
        d->v[w++] = *c;
    }
    d->n = w;
}

const char *pt_msg_code(pt_msg m)
{
    static char codes[PT_MSG_COUNT > 0 ? PT_MSG_COUNT : 1][8];
    if ((unsigned)m >= PT_MSG_COUNT)
        return "PT0000";
    if (!codes[m][0])
        snprintf(codes[m], sizeof codes[m], "PT%04d", catalogue[m].code % 10000);
    return codes[m];
}

const char *pt_msg_format(pt_msg m) { return (unsigned)m < PT_MSG_COUNT ? catalogue[m].fmt : ""; }
pt_severity pt_msg_severity(pt_msg m) { return (unsigned)m < PT_MSG_COUNT ? catalogue[m].sev : PT_SEV_ERROR; }
int pt_msg_number(pt_msg m) { return (unsigned)m < PT_MSG_COUNT ? catalogue[m].code : 0; }
const char *pt_msg_name(pt_msg m) { return (unsigned)m < PT_MSG_COUNT ? catalogue[m].name : ""; }
