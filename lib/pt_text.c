/* pt_text.c - Unicode text helpers on utf8proc. */
#include "pt_text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "pt_util.h"

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

int pt_utf8_scan(const char *text, size_t len, size_t *bad)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        if (i + 8 <= len) {
            uint64_t v;
            memcpy(&v, s + i, 8);
            if (!(v & HIGHS) && !((v - ONES) & ~v & HIGHS)) {
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i];
        if (c == 0) {
            *bad = i;
            return 2;
        }
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            *bad = i;
            return 1;
        }
        for (size_t k = 1; k <= n; k++) {
            unsigned char b = i + k < len ? s[i + k] : 0;
            if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) {
                *bad = i;
                return 1;
            }
        }
        i += n + 1;
    }
    return 0;
}

bool pt_utf8_valid(const char *s, size_t len, size_t *bad)
{
    /* a NUL is a valid character here: scan on after it */
    for (size_t off = 0, at;;) {
        int rc = pt_utf8_scan(s + off, len - off, &at);
        if (rc == 0)
            return true;
        if (rc == 1) {
            if (bad)
                *bad = off + at;
            return false;
        }
        off += at + 1;
    }
}

size_t pt_utf8_decode(const char *p, const char *end, int32_t *cp)
{
    if (p >= end) {
        *cp = 0;
        return 0;
    }
    unsigned char c = (unsigned char)*p;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    utf8proc_int32_t v;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)p, end - p, &v);
    if (n <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = v;
    return (size_t)n;
}

size_t pt_utf8_chars(const char *s, size_t nbytes)
{
    size_t n = 0;
    for (size_t i = 0; i < nbytes && s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

size_t pt_utf8_offset(const char *s, size_t len, size_t nchars)
{
    size_t i = 0, c = 0;
    while (i < len) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (c == nchars)
                return i;
            c++;
        }
        i++;
    }
    return len;
}

char *pt_nfc(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80 && s[i])
        i++;
    if (i == len) { /* ASCII is already NFC */
        char *p = malloc(len + 1);
        if (p) {
            memcpy(p, s, len);
            p[len] = '\0';
        }
        return p;
    }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0)
        return NULL;
    return (char *)out;
}

static bool is_tone_mark(utf8proc_int32_t c)
{
    /* grave, acute, tilde, hook above, dot below: the five Vietnamese tones */
    return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323;
}

static bool is_word_char(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ND + 2) ||
           (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
}

static void put_cp(pt_buf *b, utf8proc_int32_t c)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t n = utf8proc_encode_char(c, tmp);
    pt_buf_add(b, tmp, (size_t)n);
}

/* The tone of a Vietnamese syllable may sit on either vowel of "oa", "oe",
 * "uy" (hoà / hòa): after decomposition the tone mark is moved to the end of
 * the syllable, so both placements give one key and other marks (circumflex,
 * breve, horn) stay where they are. */
char *pt_fold(const char *s, size_t len)
{
    pt_buf b = PT_BUF_INIT;
    size_t i = 0;
    bool ascii = true;
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80 || !s[i]) {
            ascii = false;
            break;
        }
    if (ascii) {
        bool space = true; /* drops leading separators */
        for (i = 0; i < len; i++) {
            unsigned char c = (unsigned char)s[i];
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                pt_buf_addc(&b, (char)c);
                space = false;
            } else if (c >= 'A' && c <= 'Z') {
                pt_buf_addc(&b, (char)(c + 32));
                space = false;
            } else if (!space) {
                pt_buf_addc(&b, ' ');
                space = true;
            }
        }
        if (b.len && b.data[b.len - 1] == ' ')
            b.data[--b.len] = '\0';
        if (b.oom) {
            pt_buf_release(&b);
            return NULL;
        }
        return pt_buf_detach(&b);
    }
    utf8proc_int32_t *cps = NULL;
    utf8proc_uint8_t *dec = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &dec,
                                      UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD);
    if (n < 0)
        return NULL;
    cps = malloc(((size_t)n + 1) * sizeof *cps);
    if (!cps) {
        free(dec);
        return NULL;
    }
    size_t ncp = 0;
    for (utf8proc_ssize_t k = 0; k < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t m = utf8proc_iterate(dec + k, n - k, &c);
        if (m <= 0)
            break;
        cps[ncp++] = c;
        k += m;
    }
    free(dec);
    bool space = true;
    utf8proc_int32_t tone = 0;
    for (size_t k = 0; k <= ncp; k++) {
        bool word = k < ncp && is_word_char(cps[k]);
        if (word) {
            if (is_tone_mark(cps[k]))
                tone = cps[k];
            else
                put_cp(&b, cps[k]);
            space = false;
            continue;
        }
        if (tone) {
            put_cp(&b, tone);
            tone = 0;
        }
        if (k < ncp && !space) {
            pt_buf_addc(&b, ' ');
            space = true;
        }
    }
    free(cps);
    if (b.len && b.data[b.len - 1] == ' ')
        b.data[--b.len] = '\0';
    if (b.oom) {
        pt_buf_release(&b);
        return NULL;
    }
    return pt_buf_detach(&b);
}

size_t pt_text_width(const char *s)
{
    size_t w = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t c;
        utf8proc_ssize_t m = utf8proc_iterate(p, -1, &c);
        if (m <= 0) {
            w++;
            p++;
            continue;
        }
        int cw = utf8proc_charwidth(c);
        w += cw > 0 ? (size_t)cw : 0;
        p += m;
    }
    return w;
}

static size_t to_cps(const char *s, utf8proc_int32_t *out, size_t max)
{
    size_t n = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p && n < max) {
        utf8proc_int32_t c;
        utf8proc_ssize_t m = utf8proc_iterate(p, -1, &c);
        if (m <= 0) {
            c = *p;
            m = 1;
        }
        out[n++] = c;
        p += m;
    }
    return n;
}

/* Optimal string alignment distance: a swap of two neighbouring letters
 * ("titel") counts as one edit, as officers type it. */
size_t pt_edit_distance(const char *a, const char *b, size_t max)
{
    enum { CAP = 128 };
    utf8proc_int32_t x[CAP], y[CAP];
    size_t n = to_cps(a, x, CAP), m = to_cps(b, y, CAP);
    if ((n > m ? n - m : m - n) > max)
        return max + 1;
    size_t prev2[CAP + 1], prev[CAP + 1], row[CAP + 1];
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t best = row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t v = prev[j - 1] + (x[i - 1] != y[j - 1]);
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
                prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            row[j] = v;
            if (v < best)
                best = v;
        }
        if (best > max)
            return max + 1;
        memcpy(prev2, prev, (m + 1) * sizeof *prev);
        memcpy(prev, row, (m + 1) * sizeof *row);
    }
    return prev[m] > max ? max + 1 : prev[m];
}

const char *pt_suggest(const char *word, const char *const *cands, size_t n)
{
    char *fw = pt_fold(word, strlen(word));
    if (!fw)
        return NULL;
    size_t len = pt_utf8_chars(fw, strlen(fw));
    size_t limit = (len + 2) / 3;
    if (limit < 1)
        limit = 1;
    if (limit > 4)
        limit = 4;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; i < n; i++) {
        if (!cands[i])
            continue;
        char *fc = pt_fold(cands[i], strlen(cands[i]));
        if (!fc)
            continue;
        size_t dist = pt_edit_distance(fw, fc, limit);
        /* A prefix ("so-ld" for "so-ldtbxh") is as good a hint as a typo. */
        if (dist > limit && strlen(fw) >= 3 && strncmp(fc, fw, strlen(fw)) == 0)
            dist = limit;
        free(fc);
        if (dist < best_d) {
            best_d = dist;
            best = cands[i];
        }
    }
    free(fw);
    return best;
}

void pt_did_you_mean(char *buf, size_t size, const char *suggestion)
{
    if (suggestion)
        snprintf(buf, size, "; did you mean '%s'?", suggestion);
    else if (size)
        buf[0] = '\0';
}
