/* pt_util.c - arena, growable buffer, string map, whole-file reads. */
#include "pt_util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Blocks grow geometrically so that a million small strings cost a few
 * dozen mallocs; a request larger than a block gets a block of its own. */
typedef struct block {
    struct block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
} block;

struct pt_arena {
    block *head;
    size_t next_size;
    size_t total;
};

pt_arena *pt_arena_new(void)
{
    pt_arena *a = calloc(1, sizeof *a);
    if (a)
        a->next_size = 16 * 1024;
    return a;
}

void pt_arena_free(pt_arena *a)
{
    if (!a)
        return;
    for (block *b = a->head, *n; b; b = n) {
        n = b->next;
        free(b);
    }
    free(a);
}

/* Memory for size bytes, not cleared (a copy fills it at once). */
static void *arena_take(pt_arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size == 0)
        size = 16;
    block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t bs = a->next_size;
        if (bs < size)
            bs = size;
        b = malloc(sizeof *b + bs);
        if (!b)
            return NULL;
        b->size = bs;
        b->used = 0;
        b->next = a->head;
        a->head = b;
        if (a->next_size < (size_t)8 << 20)
            a->next_size *= 2;
    }
    void *p = b->data + b->used;
    b->used += size;
    a->total += size;
    return p;
}

int pt_grow(void *arr, size_t n, size_t *cap, size_t size, size_t first)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : first;
    if (c < *cap || (size && c > SIZE_MAX / size))
        return -1;
    /* the array pointer is read and written through memcpy: arr points at
     * a T *, which may not be accessed as a void * */
    void *p;
    memcpy(&p, arr, sizeof p);
    void *np = realloc(p, c * size);
    if (!np)
        return -1;
    memcpy(arr, &np, sizeof np);
    *cap = c;
    return 0;
}

void *pt_arena_alloc(pt_arena *a, size_t size)
{
    void *p = arena_take(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

char *pt_arena_strndup(pt_arena *a, const char *s, size_t n)
{
    char *p = arena_take(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *pt_arena_strdup(pt_arena *a, const char *s)
{
    return s ? pt_arena_strndup(a, s, strlen(s)) : NULL;
}

char *pt_arena_printf(pt_arena *a, const char *fmt, ...)
{
    pt_buf b = PT_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    pt_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *s = b.oom ? NULL : pt_arena_strndup(a, b.data ? b.data : "", b.len);
    pt_buf_release(&b);
    return s;
}

size_t pt_arena_used(const pt_arena *a) { return a->total; }

void pt_buf_release(pt_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = false;
}

void pt_buf_clear(pt_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

#define SINK_CHUNK ((size_t)1 << 20)

void pt_buf_flush(pt_buf *b)
{
    if (!b->sink || b->len == 0)
        return;
    if (fwrite(b->data, 1, b->len, b->sink) != b->len && !b->sink_errno)
        b->sink_errno = errno ? errno : EIO;
    b->len = 0;
    b->data[0] = '\0';
}

static bool grow(pt_buf *b, size_t extra)
{
    if (b->oom)
        return false;
    if (b->sink && b->len + extra + 1 > SINK_CHUNK && b->len > 0)
        pt_buf_flush(b);
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->oom = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void pt_buf_add(pt_buf *b, const void *p, size_t n)
{
    if (!grow(b, n))
        return;
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void pt_buf_adds(pt_buf *b, const char *s) { pt_buf_add(b, s, strlen(s)); }

void pt_buf_addc(pt_buf *b, char c)
{
    if (!grow(b, 1))
        return;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void pt_buf_vprintf(pt_buf *b, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, aq);
    va_end(aq);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        pt_buf_add(b, tmp, (size_t)n);
        return;
    }
    if (!grow(b, (size_t)n))
        return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void pt_buf_printf(pt_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pt_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

size_t pt_json_quote(char *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    char *o = out;
    *o++ = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            *o++ = (char)c;
            continue;
        }
        *o++ = '\\';
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        default:
            memcpy(o, "u00", 3);
            o[3] = hex[c >> 4];
            o[4] = hex[c & 15];
            o += 5;
        }
    }
    *o++ = '"';
    return (size_t)(o - out);
}

void pt_buf_json_str(pt_buf *b, const char *s)
{
    if (!s) {
        pt_buf_add(b, "null", 4);
        return;
    }
    size_t len = strlen(s);
    if (!grow(b, PT_JSON_QUOTED_MAX(len)))
        return;
    b->len += pt_json_quote(b->data + b->len, s, len);
    b->data[b->len] = '\0';
}

char *pt_buf_detach(pt_buf *b)
{
    char *p = b->data;
    if (!p)
        p = calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

/* Eight bytes per step, each word folded in with a multiply and a shift
 * (the SplitMix64 finaliser's constants): a register resolves millions of
 * 30-to-60-byte names, where FNV-1a's multiply per byte was most of a
 * look-up. Values are only used within the process (not stored, not
 * printed), so byte order does not matter. */
uint64_t pt_hash(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t v;
        memcpy(&v, s, 8);
        h = (h ^ v) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    }
    uint64_t v = 0;
    memcpy(&v, s, n);
    h = (h ^ v) * 0x94D049BB133111EBULL;
    return h ^ (h >> 32);
}

void pt_map_release(pt_map *m)
{
    free(m->keys);
    free(m->lens);
    free(m->vals);
    m->keys = NULL;
    m->lens = NULL;
    m->vals = NULL;
    m->cap = m->n = 0;
}

static int map_grow(pt_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    pt_map nm = {calloc(cap, sizeof(char *)), calloc(cap, sizeof(size_t)),
                 calloc(cap, sizeof(uint32_t)), cap, 0};
    if (!nm.keys || !nm.lens || !nm.vals) {
        pt_map_release(&nm);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i])
            pt_map_put(&nm, m->keys[i], m->lens[i], m->vals[i]);
    pt_map_release(m);
    *m = nm;
    return 0;
}

int pt_map_put(pt_map *m, const char *key, size_t len, uint32_t val)
{
    if ((m->n + 1) * 4 > m->cap * 3 && map_grow(m) != 0)
        return -1;
    size_t mask = m->cap - 1;
    for (size_t i = pt_hash(key, len) & mask;; i = (i + 1) & mask) {
        if (!m->keys[i]) {
            m->keys[i] = key;
            m->lens[i] = len;
            m->vals[i] = val;
            m->n++;
            return 0;
        }
        if (m->lens[i] == len && memcmp(m->keys[i], key, len) == 0) {
            m->vals[i] = val;
            return 0;
        }
    }
}

bool pt_map_get(const pt_map *m, const char *key, size_t len, uint32_t *val)
{
    if (!m->cap)
        return false;
    size_t mask = m->cap - 1;
    for (size_t i = pt_hash(key, len) & mask; m->keys[i]; i = (i + 1) & mask) {
        if (m->lens[i] == len && memcmp(m->keys[i], key, len) == 0) {
            if (val)
                *val = m->vals[i];
            return true;
        }
    }
    return false;
}

int pt_read_file(char **out, size_t *len, const char *path, size_t max)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        errno = EISDIR;
        return -1;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
        fclose(f);
        return -2;
    }
    pt_buf b = PT_BUF_INIT;
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (b.len + n > max) {
            fclose(f);
            pt_buf_release(&b);
            return -2;
        }
        pt_buf_add(&b, tmp, n);
    }
    int err = ferror(f);
    fclose(f);
    if (err || b.oom) {
        pt_buf_release(&b);
        errno = err ? EIO : ENOMEM;
        return -1;
    }
    *len = b.len;
    *out = pt_buf_detach(&b);
    return 0;
}
