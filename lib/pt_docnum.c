/* pt_docnum.c - Vietnamese document numbers ("số ký hiệu") and references.
 *
 * A number has one of two shapes (Nghị định 30/2020/NĐ-CP, Phụ lục I, and
 * the Party's Hướng dẫn 36-HD/VPTW):
 *
 *   A  NUMBER [/YEAR] /SYMBOL      1554/UBND-KGVX  03/KH-UBND  56/2017/NĐ-CP
 *   B  NUMBER -KIND /ISSUER        566-CV/HU  20-CT/TW  19-CT/TU
 *
 * Kind and issuer of shape A:
 *   - SYMBOL = KIND-ISSUER when its first part is a document kind (KH, QĐ,
 *     NĐ, TT, CT, NQ ...): 03/KH-UBND is kind KH, issuer UBND;
 *     28/2019/TT-BLĐTBXH is kind TT, issuer BLĐTBXH.
 *   - Otherwise the symbol names an organisation and its unit, which is how a
 *     Công văn is numbered: 1554/UBND-KGVX, 3410/UBND-VX, 2032/VP-KGVX,
 *     995/LĐTĐBXH-TE are kind CV and the issuer is the whole symbol.
 *   - A symbol of one part starting with QH (121/2020/QH14: a law or
 *     resolution of the 14th National Assembly) is kind QH, issuer QH14.
 * Shape B: kind is the part after the dash, issuer the part after '/'.
 *
 * Spaces next to the separators ("1472/QĐ- TTg", "566 -CV/HU", "3410
 * /UBND-VX"), markdown bold (stars around 1554 in "Số: **1554** /UBND-KGVX")
 * and a leading "Số:" are tolerated; en dashes count as hyphens. Text is
 * normalised to NFC first (pt_docref_scan reads an invalid UTF-8 byte as '?').
 *
 * References (pt_docref_scan) are found by hand-written matching rather than
 * one regular expression: a number is recognised by the grammar above at a
 * word start, and takes as its type the nearest document type word written
 * with a capital before it in the same sentence ("Quyết định số 1472/QĐ-TTg";
 * in "các Kế hoạch của UBND Thành phố: Số 154/KH-UBND ..., số 34/KH-UBND"
 * both numbers are Kế hoạch). "ngày d/m/yyyy" or "ngày d tháng m năm yyyy"
 * right after the number is its date. A law, code, ordinance or constitution
 * named without a number ("Luật Trẻ em") is a reference with has_num false.
 * pt_docref_scan writes at most max references and returns how many it wrote.
 *
 * The key keeps leading zeros (03/KH-UBND and 3/KH-UBND differ) since the
 * printed number is what registers are searched by; a kind is reported in its
 * official spelling whatever the case it was written in ("TTR" gives "TTr").
 */
#include "pt_docnum.h"
#include "pt_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- characters ---------------------------------------------------------- */


static bool is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) || c == UTF8PROC_CATEGORY_MN;
}

static bool is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static bool is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static bool is_digit(int32_t cp) { return cp >= '0' && cp <= '9'; }
static bool is_alnum(int32_t cp) { return is_digit(cp) || is_letter(cp); }

static bool is_space(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0 || cp == 0x2009 ||
           cp == 0x202F;
}

static bool is_dash(int32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2212;
}

static int32_t lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    return utf8proc_tolower(cp);
}

/* Skips white space and markdown '*'. *space tells whether real white space
 * was among what was skipped. */
static const char *skip_ws(const char *p, const char *end, bool *space)
{
    bool sp = false;
    while (p < end) {
        int32_t cp;
        size_t n = pt_utf8_decode(p, end, &cp);
        if (is_space(cp))
            sp = true;
        else if (cp != '*')
            break;
        p += n;
    }
    if (space)
        *space = sp;
    return p;
}

/* Matches word (lower case, NFC) caselessly at p, a space in word matching a
 * run of white space; the match must end at a word boundary. Returns the end
 * of the match or NULL. */
static const char *match_ci(const char *p, const char *end, const char *word)
{
    const char *w = word, *wend = word + strlen(word);
    while (w < wend) {
        int32_t wc, tc;
        w += pt_utf8_decode(w, wend, &wc);
        if (wc == ' ') {
            const char *q = skip_ws(p, end, NULL);
            if (q == p)
                return NULL;
            p = q;
            continue;
        }
        size_t n = pt_utf8_decode(p, end, &tc);
        if (n == 0 || lower(tc) != wc)
            return NULL;
        p += n;
    }
    int32_t next;
    if (pt_utf8_decode(p, end, &next) && is_alnum(next))
        return NULL;
    return p;
}

/* Upper-cases UTF-8 s into out (size bytes). Returns false when it does not
 * fit. */
static bool upper_copy(char *out, size_t size, const char *s, size_t len)
{
    const char *end = s + len;
    size_t o = 0;
    while (s < end) {
        int32_t cp;
        size_t n = pt_utf8_decode(s, end, &cp);
        if (cp < 0) {
            if (o + 1 >= size)
                return false;
            out[o++] = *s;
        } else {
            utf8proc_uint8_t buf[4];
            utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), buf);
            if (o + (size_t)m >= size)
                return false;
            memcpy(out + o, buf, (size_t)m);
            o += (size_t)m;
        }
        s += n;
    }
    out[o] = '\0';
    return true;
}

static bool copy_str(char *out, size_t size, const char *s, size_t len)
{
    if (len >= size)
        return false;
    memcpy(out, s, len);
    out[len] = '\0';
    return true;
}

/* ---- kinds --------------------------------------------------------------- */

/* Abbreviations of document kinds (Nghị định 30/2020/NĐ-CP, Phụ lục III, and
 * the legal documents of Luật 80/2015/QH13), spelt as printed. */
static const char *const kinds[] = {
    "NQ", "NQLT", "NĐ", "QĐ", "CT", "TT", "TTLT", "KH", "CV", "TB", "TC", "HD", "BC",
    "CTr", "ĐA", "DA", "PA", "QC", "QyĐ", "TTr", "CĐ", "KL", "PL", "HĐ", "BB", "GM",
    "SL", "LCT",
};

/* The canonical spelling of kind s[0..len) (any case), or NULL. */
static const char *kind_lookup(const char *s, size_t len)
{
    char up[48], k[48];
    if (!upper_copy(up, sizeof up, s, len))
        return NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        upper_copy(k, sizeof k, kinds[i], strlen(kinds[i]));
        if (strcmp(up, k) == 0)
            return kinds[i];
    }
    return NULL;
}

/* ---- numbers ------------------------------------------------------------- */

/* One part of a symbol: a letter, then letters, digits and '&'. In strict
 * mode (free text) it must start with a capital and have at least as many
 * capitals as small letters ("TTg", "CTr" pass; "Tháng" does not). Returns
 * its end or NULL. */
static const char *match_part(const char *p, const char *end, bool strict)
{
    int32_t cp;
    size_t n = pt_utf8_decode(p, end, &cp);
    if (n == 0 || !is_letter(cp) || (strict && !is_upper(cp)))
        return NULL;
    int up = 0, low = 0;
    while (n && (is_alnum(cp) || cp == '&')) {
        up += is_upper(cp);
        low += is_lower(cp);
        p += n;
        n = pt_utf8_decode(p, end, &cp);
    }
    if (strict && up < low)
        return NULL;
    return p;
}

/* A symbol: parts joined by dashes. In free text a dash may have white space
 * on one side ("QĐ- TTg") but not on both ("TTg - Quyết định" ends the
 * symbol); a whole string given to pt_docnum_parse may have both. */
static const char *match_symbol(const char *p, const char *end, bool strict)
{
    p = match_part(p, end, strict);
    if (!p)
        return NULL;
    for (;;) {
        bool sp1, sp2;
        const char *q = skip_ws(p, end, &sp1);
        int32_t cp;
        size_t n = pt_utf8_decode(q, end, &cp);
        if (n == 0 || !is_dash(cp))
            break;
        q = skip_ws(q + n, end, &sp2);
        if (strict && sp1 && sp2)
            break;
        const char *r = match_part(q, end, strict);
        if (!r)
            break;
        p = r;
    }
    return p;
}

/* Reads 1..9 digits. */
static const char *match_digits(const char *p, const char *end, size_t min, size_t max)
{
    size_t n = 0;
    while (p + n < end && is_digit((unsigned char)p[n]) && n <= max)
        n++;
    return n >= min && n <= max ? p + n : NULL;
}

/* Fills out from the cleaned form: digits, then /[YEAR/]SYMBOL or -KIND/ISSUER. */
static bool split_clean(pt_docnum *out)
{
    const char *c = out->clean;
    char *e;
    out->number = strtol(c, &e, 10);
    const char *p = e;
    if (*p == '/') {
        p++;
        if (is_digit((unsigned char)p[0]) && is_digit((unsigned char)p[1]) &&
            is_digit((unsigned char)p[2]) && is_digit((unsigned char)p[3]) && p[4] == '/') {
            out->year = atoi(p);
            p += 5;
        }
        const char *dash = strchr(p, '-');
        size_t plen = dash ? (size_t)(dash - p) : strlen(p);
        const char *k = kind_lookup(p, plen);
        if (dash && k) {
            return copy_str(out->kind, sizeof out->kind, k, strlen(k)) &&
                   copy_str(out->issuer, sizeof out->issuer, dash + 1, strlen(dash + 1));
        }
        char up[8];
        if (!dash && upper_copy(up, sizeof up, p, plen < 2 ? plen : 2) && strcmp(up, "QH") == 0) {
            strcpy(out->kind, "QH");
            return copy_str(out->issuer, sizeof out->issuer, p, plen);
        }
        if (!dash && k) {
            out->issuer[0] = '\0';
            return copy_str(out->kind, sizeof out->kind, k, strlen(k));
        }
        strcpy(out->kind, "CV");
        return copy_str(out->issuer, sizeof out->issuer, p, strlen(p));
    }
    /* shape B */
    p++;
    const char *slash = strchr(p, '/');
    if (!slash)
        return false;
    const char *k = kind_lookup(p, (size_t)(slash - p));
    if (k) {
        strcpy(out->kind, k);
    } else if (!copy_str(out->kind, sizeof out->kind, p, (size_t)(slash - p))) {
        return false;
    }
    return copy_str(out->issuer, sizeof out->issuer, slash + 1, strlen(slash + 1));
}

/* Matches a document number starting at p (a digit). On success fills out
 * and sets *stop to the end of the match. */
static bool match_docnum(const char *p, const char *end, bool strict, pt_docnum *out,
                         const char **stop)
{
    const char *q = match_digits(p, end, 1, 9);
    if (!q)
        return false;
    q = skip_ws(q, end, NULL);
    int32_t cp;
    size_t n = pt_utf8_decode(q, end, &cp);
    if (n == 0)
        return false;
    const char *r;
    if (cp == '/') {
        q = skip_ws(q + 1, end, NULL);
        const char *y = match_digits(q, end, 4, 4);
        if (y) {
            const char *s = skip_ws(y, end, NULL);
            if (s < end && *s == '/')
                q = skip_ws(s + 1, end, NULL);
        }
        r = match_symbol(q, end, strict);
    } else if (is_dash(cp)) {
        q = skip_ws(q + n, end, NULL);
        const char *k = match_part(q, end, strict);
        if (!k)
            return false;
        if (strict) { /* a Party kind is all capitals: CV, CT, NQ, KL */
            for (const char *t = q; t < k;) {
                int32_t c;
                t += pt_utf8_decode(t, k, &c);
                if (is_lower(c))
                    return false;
            }
        }
        q = skip_ws(k, end, NULL);
        if (q >= end || *q != '/')
            return false;
        q = skip_ws(q + 1, end, NULL);
        r = match_symbol(q, end, strict);
    } else {
        return false;
    }
    if (!r)
        return false;

    memset(out, 0, sizeof *out);
    out->number = -1;
    /* printed: the text without markdown stars */
    size_t o = 0;
    for (const char *t = p; t < r; t++) {
        if (*t == '*')
            continue;
        if (o + 1 >= sizeof out->printed)
            return false;
        out->printed[o++] = *t;
    }
    out->printed[o] = '\0';
    /* clean: no white space, dashes made '-' */
    o = 0;
    const char *pe = out->printed + strlen(out->printed);
    for (const char *t = out->printed; t < pe;) {
        size_t m = pt_utf8_decode(t, pe, &cp);
        if (is_space(cp)) {
            t += m;
            continue;
        }
        if (is_dash(cp)) {
            out->clean[o++] = '-';
        } else {
            memcpy(out->clean + o, t, m);
            o += m;
        }
        t += m;
    }
    out->clean[o] = '\0';
    if (!upper_copy(out->key, sizeof out->key, out->clean, o) || !split_clean(out))
        return false;
    *stop = r;
    return true;
}

int pt_docnum_parse(pt_docnum *out, const char *s)
{
    memset(out, 0, sizeof *out);
    out->number = -1;
    if (!s)
        return -1;
    char *t = (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
    if (!t)
        return -1;
    const char *p = t, *end = t + strlen(t);
    p = skip_ws(p, end, NULL);
    /* "Số:" / "Số" / "SỐ" before the number */
    const char *q = match_ci(p, end, "số");
    if (!q)
        q = match_ci(p, end, "so");
    if (q) {
        while (q < end && (*q == ':' || *q == '.'))
            q++;
        p = skip_ws(q, end, NULL);
    }
    /* trailing white space, stars and sentence punctuation */
    while (end > p) {
        unsigned char c = (unsigned char)end[-1];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '*' || c == '.' ||
            c == ',' || c == ';')
            end--;
        else if (end - p >= 2 && (unsigned char)end[-2] == 0xC2 && c == 0xA0)
            end -= 2;
        else
            break;
    }
    const char *stop = NULL;
    int rc = -1;
    pt_docnum tmp;
    if (p < end && is_digit((unsigned char)*p) && match_docnum(p, end, false, &tmp, &stop) &&
        stop == end) {
        *out = tmp;
        rc = 0;
    }
    free(t);
    return rc;
}

bool pt_docnum_equal(const pt_docnum *a, const pt_docnum *b)
{
    return a && b && a->key[0] && strcmp(a->key, b->key) == 0;
}

/* ---- references ---------------------------------------------------------- */

typedef struct {
    const char *word;    /* lower case, for matching */
    const char *name;    /* as reported */
    bool named;          /* cited by its name without a number ("Luật Trẻ em") */
} type_word;

static const type_word types[] = {
    {"hiến pháp", "Hiến pháp", true},
    {"bộ luật", "Bộ luật", true},
    {"luật", "Luật", true},
    {"pháp lệnh", "Pháp lệnh", true},
    {"nghị quyết liên tịch", "Nghị quyết liên tịch", false},
    {"nghị quyết", "Nghị quyết", false},
    {"nghị định", "Nghị định", false},
    {"quyết định", "Quyết định", false},
    {"chỉ thị", "Chỉ thị", false},
    {"thông tư liên tịch", "Thông tư liên tịch", false},
    {"thông tư", "Thông tư", false},
    {"thông tri", "Thông tri", false},
    {"thông báo", "Thông báo", false},
    {"kế hoạch", "Kế hoạch", false},
    {"công văn", "Công văn", false},
    {"công điện", "Công điện", false},
    {"hướng dẫn", "Hướng dẫn", false},
    {"chương trình", "Chương trình", false},
    {"đề án", "Đề án", false},
    {"kết luận", "Kết luận", false},
    {"quy định", "Quy định", false},
    {"quy chế", "Quy chế", false},
    {"báo cáo", "Báo cáo", false},
    {"tờ trình", "Tờ trình", false},
    {"văn bản", "Văn bản", false},
};

/* The longest type word at p (which starts with a capital), or NULL. */
static const type_word *match_type(const char *p, const char *end, const char **stop)
{
    const type_word *best = NULL;
    const char *best_end = NULL;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        const char *e = match_ci(p, end, types[i].word);
        if (e && (!best || e > best_end)) {
            best = &types[i];
            best_end = e;
        }
    }
    *stop = best_end;
    return best;
}

/* "ngày 28/9/2020" or "ngày 28 tháng 9 năm 2020" at p (after white space or
 * a comma). Returns its end, or NULL. */
static const char *match_date(const char *p, const char *end, pt_date *out)
{
    while (p < end && (*p == ',' || *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '*'))
        p++;
    const char *q = match_ci(p, end, "ngày");
    if (!q)
        return NULL;
    q = skip_ws(q, end, NULL);
    int v[3];
    const char *r = q;
    const char *e = match_digits(r, end, 1, 2);
    if (!e)
        return NULL;
    v[0] = atoi(r);
    if (e < end && (*e == '/' || *e == '-' || *e == '.')) {
        char sep = *e;
        r = e + 1;
        e = match_digits(r, end, 1, 2);
        if (!e || e >= end || *e != sep)
            return NULL;
        v[1] = atoi(r);
        r = e + 1;
        e = match_digits(r, end, 4, 4);
        if (!e)
            return NULL;
        v[2] = atoi(r);
    } else {
        r = skip_ws(e, end, NULL);
        if (r == e || !(r = match_ci(r, end, "tháng")))
            return NULL;
        r = skip_ws(r, end, NULL);
        e = match_digits(r, end, 1, 2);
        if (!e)
            return NULL;
        v[1] = atoi(r);
        r = skip_ws(e, end, NULL);
        if (r == e || !(r = match_ci(r, end, "năm")))
            return NULL;
        r = skip_ws(r, end, NULL);
        e = match_digits(r, end, 4, 4);
        if (!e)
            return NULL;
        v[2] = atoi(r);
    }
    if (e < end && is_digit((unsigned char)*e))
        return NULL;
    if (pt_date_make(out, v[2], v[1], v[0]) != 0)
        *out = PT_DATE_NONE;
    return e;
}

static void ref_init(pt_docref *r)
{
    memset(r, 0, sizeof *r);
    r->num.number = -1;
    r->date = PT_DATE_NONE;
}

/* After a named type (Luật): is a name written next, rather than a number? */
static bool names_follow(const char *p, const char *end)
{
    const char *q = skip_ws(p, end, NULL);
    if (q == p)
        return false;
    int32_t cp;
    if (!pt_utf8_decode(q, end, &cp) || !is_letter(cp))
        return false;
    static const char *const not_names[] = {"số", "này", "đó", "nói", "và", "của", "về"};
    for (size_t i = 0; i < sizeof not_names / sizeof not_names[0]; i++)
        if (match_ci(q, end, not_names[i]))
            return false;
    return true;
}

/* A sentence ends at '.', '!' or '?' followed by white space or the end,
 * and at a blank line. */
static bool sentence_end(const char *p, const char *end)
{
    if (*p == '.' || *p == '!' || *p == '?') {
        int32_t cp;
        return p + 1 >= end || (pt_utf8_decode(p + 1, end, &cp) && is_space(cp));
    }
    if (*p == '\n') {
        const char *q = p + 1;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
            q++;
        return q < end && *q == '\n';
    }
    return false;
}

size_t pt_docref_scan(pt_docref *out, size_t max, const char *text)
{
    if (!text || !out || max == 0)
        return 0;
    char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)text);
    if (!nfc) { /* invalid UTF-8: each bad byte becomes '?', then NFC */
        size_t len = strlen(text);
        char *fixed = malloc(len + 1);
        if (!fixed)
            return 0;
        for (size_t i = 0; i < len;) {
            int32_t cp;
            size_t n = pt_utf8_decode(text + i, text + len, &cp);
            if (cp < 0)
                fixed[i] = '?';
            else
                memcpy(fixed + i, text + i, n);
            i += n;
        }
        fixed[len] = '\0';
        nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)fixed);
        free(fixed);
        if (!nfc)
            return 0;
    }
    const char *t = nfc;
    const char *p = t, *end = t + strlen(t);
    const type_word *pending = NULL;
    int32_t prev = ' ';
    size_t found = 0;

    while (p < end && found < max) {
        int32_t cp;
        size_t n = pt_utf8_decode(p, end, &cp);
        if (sentence_end(p, end))
            pending = NULL;
        if (!is_alnum(prev) && is_upper(cp)) {
            const char *stop;
            const type_word *tw = match_type(p, end, &stop);
            if (tw) {
                pending = tw;
                if (tw->named && names_follow(stop, end)) {
                    pt_docref *r = &out[found++];
                    ref_init(r);
                    strcpy(r->type, tw->name);
                }
                p = stop;
                prev = 'a';
                continue;
            }
        }
        if (is_digit(cp) && !is_alnum(prev) && prev != '/' && prev != '.' && !is_dash(prev)) {
            pt_docnum num;
            const char *stop;
            if (match_docnum(p, end, true, &num, &stop)) {
                pt_docref *r = &out[found++];
                ref_init(r);
                r->num = num;
                r->has_num = true;
                if (pending)
                    strcpy(r->type, pending->name);
                const char *e = match_date(stop, end, &r->date);
                p = e ? e : stop;
                prev = 'a';
                continue;
            }
        }
        prev = cp;
        p += n;
    }
    free(nfc);
    return found;
}

int pt_docref_parse(pt_docref *out, const char *text)
{
    ref_init(out);
    return pt_docref_scan(out, 1, text) == 1 ? 0 : -1;
}
