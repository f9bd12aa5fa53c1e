/* pt_util.h - memory and string helpers shared by the library.
 *
 * pt_arena: bump allocation for everything a loaded set owns, so that
 * freeing a set is one call and loading a million rows costs few mallocs.
 * pt_buf: a growable byte buffer for building strings and output.
 * pt_map: an open-addressing hash map from strings to integers (name and
 * obligation look-ups in O(1)).
 */
#ifndef PT_UTIL_H
#define PT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct pt_arena pt_arena;

/* Caller frees with pt_arena_free (which frees every allocation). */
pt_arena *pt_arena_new(void);
void pt_arena_free(pt_arena *a);
/* Zeroed memory, aligned for any type; NULL when out of memory. */
void *pt_arena_alloc(pt_arena *a, size_t size);
char *pt_arena_strndup(pt_arena *a, const char *s, size_t n);
char *pt_arena_strdup(pt_arena *a, const char *s);
char *pt_arena_printf(pt_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
size_t pt_arena_used(const pt_arena *a);

/* Room for element n of the array *arr (a T ** passed as void *) that has
 * *cap elements of size bytes: when it is full its capacity doubles,
 * starting at first. Returns 0, or -1 when out of memory (the array and
 * *cap are kept as they were). */
int pt_grow(void *arr, size_t n, size_t *cap, size_t size, size_t first);

typedef struct {
    char *data;   /* NUL-terminated while len < cap */
    size_t len, cap;
    bool oom;     /* set when an append failed */
    /* When set, the contents are written to sink whenever they pass 1 MiB,
     * so a report of a million obligations streams in constant memory;
     * sink_errno keeps the first write error. Writers must only append. */
    FILE *sink;
    int sink_errno;
} pt_buf;

#define PT_BUF_INIT {NULL, 0, 0, false, NULL, 0}
/* Writes what is held to the sink (no-op without one). */
void pt_buf_flush(pt_buf *b);
void pt_buf_release(pt_buf *b);
void pt_buf_clear(pt_buf *b);
void pt_buf_add(pt_buf *b, const void *p, size_t n);
void pt_buf_adds(pt_buf *b, const char *s);
void pt_buf_addc(pt_buf *b, char c);
void pt_buf_printf(pt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pt_buf_vprintf(pt_buf *b, const char *fmt, va_list ap);
/* Appends s as a JSON string with its quotes; NULL gives null. */
void pt_buf_json_str(pt_buf *b, const char *s);
/* Writes s[0..len) as a JSON string with its quotes into out, which must
 * hold PT_JSON_QUOTED_MAX(len) bytes (no NUL is added); returns the bytes
 * written. Other control characters than \n, \r and \t become \u00hh. */
size_t pt_json_quote(char *out, const char *s, size_t len);
#define PT_JSON_QUOTED_MAX(len) (6 * (len) + 2)
/* Gives the contents to the caller (free with free) and resets b. */
char *pt_buf_detach(pt_buf *b);

/* String -> uint32 map. Keys are borrowed: they must outlive the map (an
 * arena string does). */
typedef struct {
    const char **keys;
    size_t *lens;
    uint32_t *vals;
    size_t cap, n;
} pt_map;

#define PT_MAP_INIT {NULL, NULL, NULL, 0, 0}
void pt_map_release(pt_map *m);
/* Returns 0, or -1 when out of memory. Replaces an existing value. */
int pt_map_put(pt_map *m, const char *key, size_t len, uint32_t val);
/* Returns true and sets *val when key is present. */
bool pt_map_get(const pt_map *m, const char *key, size_t len, uint32_t *val);
uint64_t pt_hash(const void *p, size_t n);

/* Reads a whole file. Returns 0 and a malloc'd buffer with a NUL after it,
 * -1 when it cannot be opened or read (errno set), -2 when it is larger than
 * max bytes. */
int pt_read_file(char **out, size_t *len, const char *path, size_t max);

#endif
