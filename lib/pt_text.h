/* pt_text.h - Unicode text: validation, NFC, name folding, display width,
 * edit distance and "did you mean" suggestions (utf8proc).
 */
#ifndef PT_TEXT_H
#define PT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Checks a file's bytes in one pass: 0 when s[0..len) is valid UTF-8 with no
 * NUL byte; else 1 (an invalid sequence) or 2 (a NUL), with *bad the byte
 * offset of the first problem. ASCII goes eight bytes at a time. */
int pt_utf8_scan(const char *s, size_t len, size_t *bad);

/* Returns true when s[0..len) is valid UTF-8; otherwise false and *bad is the
 * byte offset of the first invalid sequence. */
bool pt_utf8_valid(const char *s, size_t len, size_t *bad);

/* Decodes the code point at p (before end) into *cp and returns its length
 * in bytes; an invalid byte decodes as -1 with length 1, and p == end as 0
 * with length 0. */
size_t pt_utf8_decode(const char *p, const char *end, int32_t *cp);

/* Number of characters (code points) in the first nbytes of valid UTF-8. */
size_t pt_utf8_chars(const char *s, size_t nbytes);

/* Byte offset of the character with index nchars (or len when beyond). */
size_t pt_utf8_offset(const char *s, size_t len, size_t nchars);

/* NFC form of s[0..len). Caller frees. NULL when s is not valid UTF-8 or out
 * of memory. */
char *pt_nfc(const char *s, size_t len);

/* The matching key of a name (SPEC 2.1): NFC, case folding, the two
 * Vietnamese tone-mark placements made one (hoà = hòa, thuý = thúy, Uỷ =
 * Ủy), Đ/đ kept, and every run of punctuation, symbols and white space made
 * one space, trimmed. Caller frees; NULL on invalid UTF-8 or no memory. */
char *pt_fold(const char *s, size_t len);

/* Display width in terminal columns (Vietnamese letters are 1, wide CJK 2,
 * combining marks 0). Invalid bytes count 1. */
size_t pt_text_width(const char *s);

/* Levenshtein distance on code points, capped: returns max+1 when the
 * distance is larger than max (so that a long list is scanned cheaply). */
size_t pt_edit_distance(const char *a, const char *b, size_t max);

/* The candidate closest to word (by folded edit distance), or NULL when none
 * is close enough to be a plausible typo (distance <= 1/3 of the length, at
 * least 1, at most 4). Returns a pointer into cands. */
const char *pt_suggest(const char *word, const char *const *cands, size_t n);

/* Writes "; did you mean 'x'?" or "" into buf (size bytes). */
void pt_did_you_mean(char *buf, size_t size, const char *suggestion);

#endif
