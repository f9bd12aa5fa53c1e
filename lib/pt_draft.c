/* pt_draft.c - a plan skeleton from the text of an issued document.
 *
 * The text is read as the seeds show it: converted from Word or PDF, with hard
 * line breaks inside phrases, blank lines at page breaks, **bold** and *italic*
 * marks, table pipes and dash rules from a converted two-column header, the
 * header's two columns interleaved, and typos ("Noi nhận", "UBDN").
 *
 * Steps (one function each, in this order below):
 *   1. clean and cut into lines: NFC; marks, [ký], pipes and rules removed
 *      (a rule or a table cell boundary ends a paragraph; <br> ends a line);
 *   2. join lines into paragraphs: a line continues the paragraph before it
 *      unless it starts with a marker (I. 1. a. -) or a header line ("Số:",
 *      "V/v", "Kính gửi", "Nơi nhận", "<Place>, ngày …", the motto), or comes
 *      after a blank line and starts with a capital, or the paragraph before
 *      ends a sentence ('.', ':', ';', '!', '?') and the line does not start
 *      in lower case, or one of the two is in capitals and the other is not
 *      ("Số:" and a heading word alone, "KẾ HOẠCH", always go on);
 *   3. header facts from the paragraphs before the first body paragraph;
 *   4. basis, period, tasks from the body (up to "Nơi nhận").
 * Matching is done on an ASCII folding of the text (marks stripped, đ -> d,
 * lower case) with a map back to the original bytes, so that "hằng/hàng",
 * "Uỷ/Ủy" and capitals compare equal and what is written out is as printed.
 *
 * Policy (what the draft writes; every guess carries "# kiểm tra: …"):
 * - number: the "Số" line's number, cleaned of marks and stray spaces
 *   ("Số 566 -CV/HU" -> 566-CV/HU). issued: ISO date of the place-and-date
 *   line, with the printed words in a comment. kind: the heading word
 *   (KẾ HOẠCH -> KH), else the number's kind, else CV when there is a V/v.
 * - issuer: the header block ("ỦY BAN NHÂN DÂN / THÀNH PHỐ HÀ NỘI" -> "UBND
 *   thành phố Hà Nội"; a Party block gives its last committee, "Huyện ủy Giao
 *   Thủy", prefixed "Ban Thường vụ" when signed "T/M Ban Thường vụ"). Without
 *   a header block, the "UBND … ban hành" of the opening part (kiểm tra).
 * - title: the heading, in sentence case with the casing of the same words in
 *   the body (acronyms, document numbers, "Quyết định", "Thủ tướng Chính
 *   phủ" kept); a Công văn without heading: "Công văn về " + its V/v.
 * - basis: each reference of the opening part (up to the first numbered
 *   point) as printed, one item each; numbered references cited further down
 *   are added too, each marked kiểm tra (an officer keeps those the plan
 *   carries out and deletes the others).
 * - period: the "Thời gian thực hiện" words; a doubled word ("các các") is
 *   written once, with a kiểm tra comment.
 * - tasks: the assigning part is the section headed "Phân công…" or "Tổ chức
 *   thực hiện" (plus a "Chế độ (thông tin) báo cáo" section) of a document
 *   with Roman sections, else every numbered point of the body. Ids follow
 *   the document: IV.1, and bullets under a point IV.1.1, IV.1.2 … (a point
 *   with its own text before its bullets is IV.11.1 and its bullets
 *   IV.11.2 …); a lead-in ending in ':' is not a task of its own. Under a
 *   section headed only "Tổ chức thực hiện" each point is one task and its
 *   bullets are merged into its quote (the section says what each agency is
 *   responsible for, not separate deliverables). A reporting section gives
 *   one task per dated deadline, led by the sentence's subject. A point
 *   that names nobody and is headed "Thời gian", "Phạm vi", "Đối tượng",
 *   "Mục đích", "Yêu cầu", "Kinh phí"… is not a task.
 * - lead: the agencies a point is addressed to (its heading, or the subject
 *   of its sentence, or the "X:" that opens a bullet); a point that names
 *   nobody takes the "Kính gửi" addressees (kiểm tra). support: "phối hợp
 *   (với) …". report_to: "báo cáo / trình / gửi về / về / với" + an agency
 *   of the registry (a single agency; a group or an unknown body is left as
 *   a comment).
 * - names: matched with the registry's folding (SPEC 2.1), also with the
 *   issuer's place added ("Công an thành phố" + " Hải Phòng"). Plurals map
 *   to groups: "UBND các quận, huyện, thị xã" to the group whose members are
 *   all of kind ubnd-huyen, "các Sở, ban, ngành" to the group of kind so,
 *   "…, đoàn thể" to the smallest group holding both kinds, "MTTQ và các
 *   đoàn thể" to the group of kind doan-the, "các cấp ủy Đảng / Đảng bộ, Chi
 *   bộ" to the group of kind dang-bo, "chính quyền" to the single agency of
 *   kind ubnd, and a phrase holding every word of a group's name to that
 *   group ("các cơ quan tuyên truyền" -> co-quan-tuyen-truyen); among equal
 *   candidates the group whose name shares most words with the phrase wins.
 *   The registry file is read again for its group names (the registry API
 *   lists agencies, not groups); when it cannot be read, the group names of
 *   docs/CONVENTIONS.md are tried. "các đơn vị liên quan" and the like name
 *   nobody and are dropped with a comment.
 * - an addressee not in the registry takes the closest entry (edit distance,
 *   or most words in common) with a kiểm tra comment and warning 9107; when
 *   nothing is close the task is written commented out (warning 9106), or,
 *   when the task has other leads, the name is left out with a comment
 *   (warning 9109); a task naming nobody, in a document without "Kính
 *   gửi", is written commented out too (9110). A plural for which the
 *   registry has no group is left out with a comment, never guessed.
 *   Without a registry names are written as printed (9105). When every task
 *   is commented out the draft says `tasks: []`, so that it stays YAML a
 *   reader can load.
 * - due: a dated phrase of the task (trước / chậm nhất / đến hết ngày …, a
 *   window, "trong vòng N ngày kể từ …"), else a recurring one (hằng năm,
 *   định kỳ 6 tháng/năm …), else the untracked words "khẩn trương",
 *   "thường xuyên", "định kỳ", "báo cáo … theo quy định", or "kịp thời" when
 *   it opens the task. A bare "hằng năm" counts only when it opens its
 *   clause or follows "báo cáo"/"định kỳ" ("kế hoạch … hằng năm của địa
 *   phương" is not a deadline); a recurrence without a day is marked kiểm
 *   tra (add the day or a plan `defaults`). Every phrase is checked with
 *   pt_deadline_parse; one that does not parse is written as a comment.
 * - limits: a text over DRAFT_MAX_MIB is refused (9101); past
 *   DRAFT_MAX_TASKS tasks the rest are left out (9108). Every scan is
 *   linear in the text (patterns are possessive where words repeat, and
 *   each deadline pattern's next match is kept until passed).
 * - registry: written as "registries/<file name of --registry>": the draft
 *   is meant to be saved in a plans directory that holds the registry under
 *   registries/ (SPEC 2.2: the path is relative to the plan and inside its
 *   directory). Save it elsewhere and the path must be edited.
 * - every string is double-quoted with escapes; ids are quoted ("1.1");
 *   comments never hold a line break; output depends on nothing but the
 *   inputs.
 */
#include "pt_draft.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <utf8proc.h>

#include "pt_date.h"
#include "pt_deadline.h"
#include "pt_docnum.h"
#include "pt_text.h"
#include "pt_yaml.h"

#define DRAFT_MAX_MIB 4
#define DRAFT_MAX_TASKS 2000
#define DRAFT_MAX_BASIS 64
#define DRAFT_MAX_NAMES 16   /* agencies in one lead/support list */

/* ---- types ---------------------------------------------------------------- */

typedef enum { MK_NONE, MK_ROMAN, MK_NUM, MK_LETTER, MK_BULLET } mk_kind;

typedef struct {
    char *text;        /* the paragraph, lines joined by one space */
    const char *body;  /* text after the marker (points into text) */
    int line;          /* first line, 1-based */
    mk_kind mk;
    int num;           /* value of a Roman or Arabic marker */
    char mark[12];     /* "IV", "12", "a", "-" */
} para;

/* A text folded to ASCII with a map back: a[i] came from the byte map[i] of
 * the original; map[n] is the original length. */
typedef struct {
    char *a;
    size_t n;
    size_t *map;
    const char *orig;
} folded;

/* A group of the registry with what the matching needs. */
typedef struct {
    const char *name;
    const uint32_t *members;
    size_t n;
    const char *kinds[8];   /* distinct kinds of its members */
    size_t nkinds;
    bool mixed;             /* more kinds than fit, or members without kind */
} grp;

/* One resolved (or not) name of a lead/support list. */
typedef struct {
    const char *id;        /* agency or group id; NULL when unresolved */
    const char *printed;   /* the words as printed */
    int how;               /* R_EXACT, R_GROUP, R_GUESS, R_NONE, R_VAGUE */
    const char *note;      /* for a guess or a group: why */
    bool plural;           /* a plural that names a group */
} name_ref;

enum { R_EXACT, R_GROUP, R_GUESS, R_NONE, R_VAGUE };

typedef struct {
    name_ref v[DRAFT_MAX_NAMES];
    size_t n;
} name_list;

typedef struct {
    const char *id;
    const char *title;
    const char *kind;       /* plan | report | action | document */
    name_list lead, support;
    const char *lead_note;  /* kiểm tra comment on the lead line */
    name_ref report_to;
    bool has_report_to;
    const char *due;        /* NULL when none */
    const char *due_note;
    const char *due_bad;    /* a phrase that did not parse */
    const char *quote;
    int line;
    bool commented;         /* written as a comment (no lead resolved) */
    const char *lead_notes, *sup_notes;   /* kiểm tra comments, settled */
} task;

typedef struct {
    pt_arena *ar;
    pt_diags *d;
    const char *file;
    const pt_registry *reg;
    bool oom;

    char *text;            /* NFC, cleaned */
    para *p;
    size_t np;
    size_t body_from, body_to;   /* paragraphs of the body: [from, to) */
    size_t open_from, open_to;   /* the opening part */

    /* header facts */
    const char *issuer, *issuer_note;
    const char *number;
    pt_docnum num;
    bool has_num;
    const char *place, *place_note;
    const char *issued, *issued_printed;
    int year;
    const char *kind, *kind_note;
    const char *subject;
    const char *title, *title_note;
    bool title_found;     /* a heading or a V/v was printed */
    const char *period, *period_note;
    const char *plan_id;
    name_list addressees;
    bool has_addressees;

    const char *basis[DRAFT_MAX_BASIS];
    const char *basis_note[DRAFT_MAX_BASIS];
    char basis_key[DRAFT_MAX_BASIS][96];
    size_t nbasis;

    grp *groups;
    size_t ngroups;

    task *t;
    size_t nt, capt;
    bool task_limit;
    pt_map ids;        /* task ids given */
    pt_map next_dup;   /* id -> next suffix to try for a duplicate */
} draft;

/* ---- small text helpers ---------------------------------------------------- */


static bool cp_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp < 0)
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static bool cp_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (cp < 0)
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static bool cp_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return cp > 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static bool cp_space(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\v' || cp == '\f' ||
           cp == 0xA0 || cp == 0x2009 || cp == 0x202F || cp == 0x2007 || cp == 0x3000 ||
           cp == 0x200B || cp == 0xFEFF || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

static void *ar_alloc(draft *x, size_t n)
{
    void *p = pt_arena_alloc(x->ar, n ? n : 1);
    if (!p)
        x->oom = true;
    return p;
}

static char *ar_strndup(draft *x, const char *s, size_t n)
{
    char *p = pt_arena_strndup(x->ar, s, n);
    if (!p)
        x->oom = true;
    return p;
}

static char *ar_strdup(draft *x, const char *s) { return ar_strndup(x, s, strlen(s)); }

/* Appends code point cp to b as UTF-8. */
static void buf_addcp(pt_buf *b, int32_t cp)
{
    utf8proc_uint8_t u[4];
    utf8proc_ssize_t m = utf8proc_encode_char(cp, u);
    if (m > 0)
        pt_buf_add(b, u, (size_t)m);
}

static char *buf_to_arena(draft *x, pt_buf *b)
{
    if (b->oom)
        x->oom = true;
    char *s = ar_strndup(x, b->data ? b->data : "", b->oom ? 0 : b->len);
    pt_buf_release(b);
    return s;
}

/* s[0..n) with white space runs made one space and trimmed, in the arena. */
static char *squeeze(draft *x, const char *s, size_t n)
{
    pt_buf b = PT_BUF_INIT;
    const char *p = s, *end = s + n;
    bool sp = false;
    while (p < end) {
        int32_t cp;
        size_t m = pt_utf8_decode(p, end, &cp);
        if (cp_space(cp)) {
            sp = b.len > 0;
        } else {
            if (sp)
                pt_buf_addc(&b, ' ');
            sp = false;
            pt_buf_add(&b, p, m);
        }
        p += m;
    }
    return buf_to_arena(x, &b);
}

/* Case of s[0..n): each letter mapped by f (utf8proc_tolower/toupper). */
static char *recase(draft *x, const char *s, size_t n, utf8proc_int32_t (*f)(utf8proc_int32_t))
{
    pt_buf b = PT_BUF_INIT;
    const char *p = s, *end = s + n;
    while (p < end) {
        int32_t cp;
        size_t m = pt_utf8_decode(p, end, &cp);
        if (cp < 0)
            pt_buf_add(&b, p, m);
        else
            buf_addcp(&b, f(cp));
        p += m;
    }
    return buf_to_arena(x, &b);
}

/* s with its first letter upper-cased (or lower-cased when upper is false). */
static char *first_case(draft *x, const char *s, bool upper)
{
    const char *end = s + strlen(s), *p = s;
    while (p < end) {
        int32_t cp;
        size_t m = pt_utf8_decode(p, end, &cp);
        if (cp_letter(cp)) {
            pt_buf b = PT_BUF_INIT;
            pt_buf_add(&b, s, (size_t)(p - s));
            buf_addcp(&b, upper ? utf8proc_toupper(cp) : utf8proc_tolower(cp));
            pt_buf_adds(&b, p + m);
            return buf_to_arena(x, &b);
        }
        if (!cp_space(cp) && cp != '"' && cp != 0x201C && cp != '(')
            break;
        p += m;
    }
    return ar_strdup(x, s);
}

/* Letters of s[0..n): counts of capitals and small letters. */
static void letter_counts(const char *s, size_t n, size_t *up, size_t *low)
{
    const char *p = s, *end = s + n;
    *up = *low = 0;
    while (p < end) {
        int32_t cp;
        p += pt_utf8_decode(p, end, &cp);
        *up += cp_upper(cp);
        *low += cp_lower(cp);
    }
}

static bool starts_lower(const char *s)
{
    int32_t cp;
    pt_utf8_decode(s, s + strlen(s), &cp);
    return cp_lower(cp);
}

static bool starts_upper(const char *s)
{
    int32_t cp;
    pt_utf8_decode(s, s + strlen(s), &cp);
    return cp_upper(cp);
}

/* Trailing white space and the given punctuation dropped. */
static char *trim_end(draft *x, const char *s, const char *punct)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || strchr(punct, s[n - 1])))
        n--;
    return ar_strndup(x, s, n);
}

/* ---- ASCII folding with a map back ----------------------------------------- */

/* Folds s[0..n) to lower-case ASCII letters (Vietnamese marks stripped, đ ->
 * d); white space runs become one space; other characters are kept when
 * ASCII and made '?' otherwise. */
static bool fold_text(draft *x, folded *f, const char *s, size_t n)
{
    /* one code point folds to at most one byte (a base letter; its marks
     * are stripped), and takes at least one byte of s */
    size_t cap = n + 2;
    f->orig = s;
    f->a = ar_alloc(x, cap);
    f->map = ar_alloc(x, cap * sizeof *f->map);
    f->n = 0;
    if (!f->a || !f->map)
        return false;
    const char *p = s, *end = s + n;
    bool sp = false;
    while (p < end) {
        int32_t cp;
        size_t m = pt_utf8_decode(p, end, &cp);
        size_t at = (size_t)(p - s);
        p += m;
        if (cp_space(cp)) {
            if (!sp && f->n > 0) {
                f->map[f->n] = at;
                f->a[f->n++] = ' ';
            }
            sp = true;
            continue;
        }
        sp = false;
        if (cp < 0x80 && cp >= 0) {
            f->map[f->n] = at;
            f->a[f->n++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
            continue;
        }
        utf8proc_int32_t out[8];
        utf8proc_int32_t last = 0;
        utf8proc_ssize_t k = cp < 0 ? -1
                                    : utf8proc_decompose_char(cp, out, 8,
                                                              UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                                                                  UTF8PROC_STRIPMARK,
                                                              &last);
        bool any = false;
        for (utf8proc_ssize_t i = 0; i < k && i < 8 && !any; i++) {
            int32_t c = out[i];
            if (c == 0x111 || c == 0x110)
                c = 'd';
            if (c >= 'A' && c <= 'Z')
                c += 32;
            if (c < 0x80 && c > 0) {
                f->map[f->n] = at;
                f->a[f->n++] = (char)c;
                any = true;
            }
        }
        if (!any) {
            /* dashes and quotes keep a useful ASCII form */
            char c = (cp == 0x2013 || cp == 0x2014 || cp == 0x2010 || cp == 0x2011 || cp == 0x2212)
                         ? '-'
                     : (cp == 0x201C || cp == 0x201D || cp == 0x201E) ? '"'
                     : (cp == 0x2018 || cp == 0x2019) ? '\''
                     : (cp == 0x2026) ? '.'
                                      : '?';
            f->map[f->n] = at;
            f->a[f->n++] = c;
        }
    }
    while (f->n > 0 && f->a[f->n - 1] == ' ')
        f->n--;
    f->map[f->n] = n;
    f->a[f->n] = '\0';
    return true;
}

static bool fold_str(draft *x, folded *f, const char *s) { return fold_text(x, f, s, strlen(s)); }

/* The original text of folded bytes [a, b). */
static char *unfold(draft *x, const folded *f, size_t a, size_t b)
{
    if (b > f->n)
        b = f->n;
    if (a >= b)
        return ar_strdup(x, "");
    size_t oa = f->map[a];
    /* the end: the original byte just after the code point of a[b-1] */
    size_t ob = b < f->n ? f->map[b] : f->map[f->n];
    if (b < f->n && f->map[b] == f->map[b - 1]) {
        /* b splits a code point's folding: take the whole code point */
        size_t k = b;
        while (k < f->n && f->map[k] == f->map[b - 1])
            k++;
        ob = k < f->n ? f->map[k] : f->map[f->n];
    }
    return squeeze(x, f->orig + oa, ob - oa);
}

/* The folded form alone (no map), in the arena. */
static char *ascii_of(draft *x, const char *s)
{
    folded f;
    if (!fold_str(x, &f, s))
        return ar_strdup(x, "");
    return f.a;
}

/* ---- regular expressions on folded text ------------------------------------ */

typedef struct {
    const char *src;
    pcre2_code *code;
    bool failed;
} rx;

static pcre2_match_data *rx_md;

/* Matches pattern r in s[0..n) from start; anchored when asked. Returns true
 * and the group offsets in ov (pairs; unset groups are PCRE2_UNSET). */
static bool rx_find(rx *r, const char *s, size_t n, size_t start, bool anchored, size_t *ov,
                    int ngroups)
{
    if (!r->code && !r->failed) {
        int err;
        PCRE2_SIZE eoff;
        r->code = pcre2_compile((PCRE2_SPTR)r->src, PCRE2_ZERO_TERMINATED, PCRE2_CASELESS, &err,
                                &eoff, NULL);
        if (!r->code)
            r->failed = true;
    }
    if (!r->code)
        return false;
    if (!rx_md && !(rx_md = pcre2_match_data_create(16, NULL)))
        return false;
    if (start > n)
        return false;
    int rc = pcre2_match(r->code, (PCRE2_SPTR)s, n, start, anchored ? PCRE2_ANCHORED : 0, rx_md,
                         NULL);
    if (rc <= 0)
        return false;
    PCRE2_SIZE *v = pcre2_get_ovector_pointer(rx_md);
    uint32_t cnt = pcre2_get_ovector_count(rx_md);
    for (int i = 0; i < ngroups; i++) {
        if ((uint32_t)i < cnt && i < rc) {
            ov[2 * i] = v[2 * i];
            ov[2 * i + 1] = v[2 * i + 1];
        } else {
            ov[2 * i] = ov[2 * i + 1] = PCRE2_UNSET;
        }
    }
    return true;
}

/* ---- lines and paragraphs -------------------------------------------------- */

typedef enum { L_TEXT, L_BLANK, L_SEP } line_kind;

typedef struct {
    char *s;
    int line;
    line_kind k;
} line_t;

/* A rule of dashes or equals signs from a converted table or header. */
static bool is_rule(const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '-' || *p == '_' || *p == '=' || *p == '~' || *p == ':')
            n++;
        else if (*p != ' ')
            return false;
    }
    return n >= 3;
}

/* One raw line made clean: marks, [ký] and super/subscript braces dropped,
 * white space squeezed. A leading "* " is a bullet. */
static char *clean_line(draft *x, const char *s, size_t n)
{
    pt_buf b = PT_BUF_INIT;
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i + 1 < n && s[i] == '*' && (s[i + 1] == ' ' || s[i + 1] == '\t')) {
        pt_buf_adds(&b, "- ");
        i += 2;
    }
    static const char *const drop[] = {"[ký]", "[Ký]", "[đã ký]", "[Đã ký]", "^{", "_{", NULL};
    while (i < n) {
        bool dropped = false;
        for (const char *const *dp = drop; *dp; dp++) {
            size_t l = strlen(*dp);
            if (i + l <= n && memcmp(s + i, *dp, l) == 0) {
                i += l;
                dropped = true;
                break;
            }
        }
        if (dropped)
            continue;
        char c = s[i++];
        if (c == '*' || c == '}')
            continue; /* a mark: words stay apart only where a space was */
        pt_buf_addc(&b, c == '\r' ? ' ' : c);
    }
    char *r = squeeze(x, b.data ? b.data : "", b.len);
    pt_buf_release(&b);
    return r;
}

/* Cuts the text into cleaned lines; a table row gives one line per cell with
 * a separator before each. */
static line_t *cut_lines(draft *x, const char *t, size_t len, size_t *nl)
{
    size_t cap = 16, n = 0;
    for (size_t i = 0; i < len; i++)
        cap += t[i] == '\n' || t[i] == '|' || t[i] == '<' ? 2 : 0;
    line_t *v = ar_alloc(x, cap * sizeof *v);
    if (!v)
        return NULL;
    int ln = 1;
    size_t i = 0;
    while (i <= len && n + 2 < cap) {
        size_t e = i;
        while (e < len && t[e] != '\n')
            e++;
        bool pipes = memchr(t + i, '|', e - i) != NULL;
        size_t c = i;
        bool brk = false; /* the segment before ended at a <br> */
        while (c <= e && n + 2 < cap) {
            size_t ce = c, skip = 1;
            bool at_br = false;
            while (ce < e && !(pipes && t[ce] == '|')) {
                if (t[ce] == '<' && (ce + 4 <= e) && (t[ce + 1] == 'b' || t[ce + 1] == 'B') &&
                    (t[ce + 2] == 'r' || t[ce + 2] == 'R')) {
                    size_t k = ce + 3;
                    while (k < e && (t[k] == ' ' || t[k] == '/'))
                        k++;
                    if (k < e && t[k] == '>') {
                        skip = k + 1 - ce;
                        at_br = true;
                        break;
                    }
                }
                ce++;
            }
            char *s = clean_line(x, t + c, ce - c);
            if (!s)
                return NULL;
            if (pipes && !brk)
                v[n++] = (line_t){NULL, ln, L_SEP};
            brk = at_br;
            if (!*s)
                v[n++] = (line_t){NULL, ln, pipes ? L_SEP : L_BLANK};
            else if (is_rule(s))
                v[n++] = (line_t){NULL, ln, L_SEP};
            else
                v[n++] = (line_t){s, ln, L_TEXT};
            c = ce + skip;
            if (!pipes && !at_br)
                break;
        }
        ln++;
        i = e + 1;
        if (e >= len)
            break;
    }
    *nl = n;
    return v;
}

static int roman_value(const char *s, size_t n)
{
    static const char *const r[] = {"I",   "II",   "III",  "IV", "V",   "VI",  "VII",
                                    "VIII", "IX",  "X",    "XI", "XII", "XIII", "XIV",
                                    "XV",  "XVI",  "XVII", "XVIII", "XIX", "XX"};
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        if (strlen(r[i]) == n && memcmp(r[i], s, n) == 0)
            return (int)i + 1;
    return 0;
}

/* Reads a paragraph's marker: "IV. ", "12. ", "1.2. ", "a) ", "- ". */
static void parse_marker(para *pp)
{
    const char *s = pp->text;
    pp->mk = MK_NONE;
    pp->num = 0;
    pp->mark[0] = '\0';
    pp->body = s;
    size_t i = 0;
    while (s[i] == 'I' || s[i] == 'V' || s[i] == 'X')
        i++;
    if (i > 0 && i <= 5) {
        int v = roman_value(s, i);
        size_t j = i;
        while (s[j] == ' ')
            j++;
        bool punct = s[j] == '.' || s[j] == ')' || s[j] == ':' || s[j] == '-';
        bool endash = !punct && (unsigned char)s[j] == 0xE2 && (unsigned char)s[j + 1] == 0x80 &&
                      (unsigned char)s[j + 2] == 0x93;
        if (v && (punct || endash)) {
            j += endash ? 3 : 1;
            if (s[j] == ' ' || s[j] == '\0') {
                pp->mk = MK_ROMAN;
                pp->num = v;
                memcpy(pp->mark, s, i);
                pp->mark[i] = '\0';
                while (s[j] == ' ')
                    j++;
                pp->body = s + j;
                return;
            }
        }
    }
    if (isdigit((unsigned char)s[0])) {
        size_t j = 0, m = 0;
        while (isdigit((unsigned char)s[j]) && j < 4)
            j++;
        if (isdigit((unsigned char)s[j]))
            return;
        size_t end = j;
        /* nested "1.2." */
        while (s[end] == '.' && isdigit((unsigned char)s[end + 1])) {
            size_t k = end + 1;
            while (isdigit((unsigned char)s[k]) && k - end <= 2)
                k++;
            if (isdigit((unsigned char)s[k]))
                return;
            end = k;
        }
        m = end;
        if (s[m] == '.' || s[m] == ')')
            m++;
        else if (m == j)
            return; /* "2021 và", "05 điểm" */
        if (s[m] != ' ' && s[m] != '\0')
            return;
        if (end >= sizeof pp->mark)
            return;
        pp->mk = MK_NUM;
        pp->num = atoi(s);
        memcpy(pp->mark, s, end);
        pp->mark[end] = '\0';
        while (s[m] == ' ')
            m++;
        pp->body = s + m;
        return;
    }
    if (s[0] >= 'a' && s[0] <= 'z' && (s[1] == '.' || s[1] == ')') && (s[2] == ' ' || !s[2])) {
        pp->mk = MK_LETTER;
        pp->mark[0] = s[0];
        pp->mark[1] = '\0';
        pp->body = s + 2 + (s[2] == ' ');
        return;
    }
    int32_t cp;
    size_t m = pt_utf8_decode(s, s + strlen(s), &cp);
    if (cp == '-' || cp == '+' || cp == 0x2013 || cp == 0x2022 || cp == 0x25CF || cp == 0xB7) {
        int32_t nx;
        pt_utf8_decode(s + m, s + strlen(s), &nx);
        if (nx == '-' || nx == 0x2013)
            return;
        pp->mk = MK_BULLET;
        strcpy(pp->mark, "-");
        while (s[m] == ' ')
            m++;
        pp->body = s + m;
    }
}

static bool ends_sentence(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n == 0)
        return false;
    char c = s[n - 1];
    if (c == ')' && n >= 2)
        c = s[n - 2];
    return c == '.' || c == ':' || c == ';' || c == '!' || c == '?';
}

/* Heading words of a document's title, in capitals, and their kinds. */
static const struct {
    const char *caps, *ascii, *kind, *name;
} title_words[] = {
    {"KẾ HOẠCH", "ke hoach", "KH", "Kế hoạch"},
    {"CHỈ THỊ", "chi thi", "CT", "Chỉ thị"},
    {"QUYẾT ĐỊNH", "quyet dinh", "QĐ", "Quyết định"},
    {"THÔNG BÁO", "thong bao", "TB", "Thông báo"},
    {"BÁO CÁO", "bao cao", "BC", "Báo cáo"},
    {"CHƯƠNG TRÌNH", "chuong trinh", "CTr", "Chương trình"},
    {"HƯỚNG DẪN", "huong dan", "HD", "Hướng dẫn"},
    {"CÔNG ĐIỆN", "cong dien", "CĐ", "Công điện"},
    {"NGHỊ QUYẾT", "nghi quyet", "NQ", "Nghị quyết"},
    {"KẾT LUẬN", "ket luan", "KL", "Kết luận"},
    {"ĐỀ ÁN", "de an", "ĐA", "Đề án"},
    {"CÔNG VĂN", "cong van", "CV", "Công văn"},
};

static int title_word_at(const char *s)
{
    for (size_t i = 0; i < sizeof title_words / sizeof title_words[0]; i++) {
        size_t l = strlen(title_words[i].caps);
        if (strncmp(s, title_words[i].caps, l) == 0 && (s[l] == '\0' || s[l] == ' ' || s[l] == ':'))
            return (int)i;
    }
    return -1;
}

static rx RX_FORCED = {
    "^(?:so\\s*[:.]?\\s*\\d|so\\s*:|v/v\\b|ve viec\\b|-?\\s*kinh gui\\b|(?:noi|nui) (?:nhan|gui)\\b|"
    "cong hoa xa hoi|doc lap ?- ?tu do|dang cong san viet nam|(?:t/m|tm\\.?|kt\\.?|tl\\.?|tuq\\.?) |"
    "[a-z][a-z .'-]{1,40}, ngay \\d)",
    NULL, false};

/* Joins the lines into paragraphs (rules at the top of the file). */
static bool make_paragraphs(draft *x, line_t *l, size_t nl)
{
    x->p = ar_alloc(x, (nl + 1) * sizeof *x->p);
    if (!x->p)
        return false;
    x->np = 0;
    pt_buf cur = PT_BUF_INIT;
    const char *last = NULL;  /* the last line of the paragraph being built */
    int cur_line = 0;
    bool blank = false, sep = false;
    for (size_t i = 0; i <= nl; i++) {
        bool flush = i == nl;
        if (!flush && l[i].k == L_BLANK) {
            blank = true;
            continue;
        }
        if (!flush && l[i].k == L_SEP) {
            sep = true;
            continue;
        }
        bool join = false;
        if (!flush && cur.len > 0 && !sep) {
            para tmp = {.text = l[i].s};
            parse_marker(&tmp);
            size_t up1, lo1, up2, lo2;
            letter_counts(last, strlen(last), &up1, &lo1);
            letter_counts(l[i].s, strlen(l[i].s), &up2, &lo2);
            bool caps1 = up1 >= 2 && lo1 == 0, caps2 = up2 >= 2 && lo2 == 0;
            bool neutral = up1 + lo1 < 2 || up2 + lo2 < 2;
            bool caps_change = !neutral && caps1 != caps2;
            bool lc = starts_lower(l[i].s) || l[i].s[0] == ',' || l[i].s[0] == ')';
            /* "Số:" alone, or a heading word alone ("KẾ HOẠCH"), goes on */
            char *fa = cur.len < 8 ? ascii_of(x, cur.data) : NULL;
            bool so_line = fa && (strcmp(fa, "so:") == 0 || strcmp(fa, "so") == 0);
            int tw = cur.len < 32 ? title_word_at(cur.data) : -1;
            bool kind_line = tw >= 0 && cur.len == strlen(title_words[tw].caps);
            char *la = ascii_of(x, l[i].s);
            size_t fov[2];
            if ((tmp.mk != MK_NONE && !so_line) ||
                (la && !so_line && rx_find(&RX_FORCED, la, strlen(la), 0, true, fov, 1)))
                join = false;
            else if (so_line || (kind_line && !blank))
                join = true;
            else if (blank)
                join = lc;
            else
                join = lc || (!ends_sentence(last) && !caps_change);
        }
        if (!join && cur.len > 0) {
            para *pp = &x->p[x->np++];
            pp->text = buf_to_arena(x, &cur);
            pp->line = cur_line;
            if (!pp->text)
                return false;
            parse_marker(pp);
            cur = (pt_buf)PT_BUF_INIT;
        }
        if (flush)
            break;
        if (cur.len > 0)
            pt_buf_addc(&cur, ' ');
        else
            cur_line = l[i].line;
        pt_buf_adds(&cur, l[i].s);
        last = l[i].s;
        blank = sep = false;
    }
    pt_buf_release(&cur);
    return !x->oom;
}

/* ---- words and casing ------------------------------------------------------ */

typedef struct {
    const char *raw;      /* the token as printed, punctuation included */
    const char *core;     /* without leading/trailing punctuation */
    const char *lc;       /* core in lower case */
    bool initial;         /* first word of a sentence */
} cword;

static bool is_edge_punct(int32_t cp)
{
    return cp == ',' || cp == ';' || cp == ':' || cp == '.' || cp == '(' || cp == ')' ||
           cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D || cp == 0x2018 ||
           cp == 0x2019 || cp == '!' || cp == '?' || cp == '[' || cp == ']';
}

/* Splits s into words (at spaces) with their cores and sentence starts. */
static cword *casing_words(draft *x, const char *s, size_t *nw, size_t max, bool first_initial)
{
    size_t cap = 1;
    for (const char *p = s; *p; p++)
        cap += *p == ' ';
    if (cap > max)
        cap = max;
    cword *w = ar_alloc(x, cap * sizeof *w);
    size_t n = 0;
    bool initial = first_initial;
    const char *p = s;
    while (w && *p && n < cap) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if (e == p)
            break;
        const char *a = p, *b = e;
        int32_t cp;
        while (a < b && is_edge_punct((pt_utf8_decode(a, b, &cp), cp)))
            a += pt_utf8_decode(a, b, &cp);
        while (b > a) {
            const char *q = b - 1;
            while (q > a && ((unsigned char)*q & 0xC0) == 0x80)
                q--;
            pt_utf8_decode(q, b, &cp);
            if (!is_edge_punct(cp))
                break;
            b = q;
        }
        if (b > a) {
            w[n].raw = ar_strndup(x, p, (size_t)(e - p));
            w[n].core = ar_strndup(x, a, (size_t)(b - a));
            w[n].lc = recase(x, a, (size_t)(b - a), utf8proc_tolower);
            w[n].initial = initial;
            n++;
        }
        char last = e[-1];
        if (last == '"' || last == ')')
            last = e - p >= 2 ? e[-2] : last;
        initial = last == '.' || last == ':' || last == '!' || last == '?';
        p = e;
    }
    *nw = n;
    return w;
}

/* The words of the body, for casing titles. */
static cword *body_words(draft *x, size_t *nw)
{
    pt_buf b = PT_BUF_INIT;
    for (size_t i = x->open_from; i < x->body_to; i++) {
        if (b.len > (size_t)1 << 20)
            break;
        pt_buf_adds(&b, x->p[i].body);
        pt_buf_adds(&b, ". ");
    }
    char *s = buf_to_arena(x, &b);
    return s ? casing_words(x, s, nw, 40000, true) : NULL;
}

/* Title in sentence case, words cased as the body writes them. */
static char *sentence_case(draft *x, const char *title)
{
    size_t nt, nb;
    cword *t = casing_words(x, title, &nt, 120, false);
    cword *b = body_words(x, &nb);
    if (!t || !b)
        return ar_strdup(x, title);
    pt_buf out = PT_BUF_INIT;
    size_t i = 0;
    while (i < nt) {
        size_t best_j = 0, best_l = 0;
        for (size_t j = 0; j < nb; j++) {
            if (strcmp(b[j].lc, t[i].lc) != 0)
                continue;
            size_t l = 1;
            while (i + l < nt && j + l < nb && strcmp(b[j + l].lc, t[i + l].lc) == 0)
                l++;
            if (l > best_l) {
                best_l = l;
                best_j = j;
            }
        }
        size_t run = best_l >= 2 ? best_l : 1;
        for (size_t k = 0; k < run; k++) {
            const cword *tw = &t[i + k];
            size_t cl = strlen(tw->core);
            const char *cs = strstr(tw->raw, tw->core);
            size_t pre = cs ? (size_t)(cs - tw->raw) : 0;
            const char *rep;
            size_t up, low;
            letter_counts(tw->core, cl, &up, &low);
            if (low > 0 && up > 0 && best_l < 2) {
                rep = tw->core; /* mixed case: as printed */
            } else if (best_l >= 2) {
                const cword *bw = &b[best_j + k];
                size_t bu, bl;
                letter_counts(bw->core, strlen(bw->core), &bu, &bl);
                if (bw->initial && !(bu >= 2 && bl == 0))
                    rep = recase(x, bw->core, strlen(bw->core), utf8proc_tolower);
                else
                    rep = bw->core;
            } else {
                rep = NULL;
                /* a lone word: a number or acronym as the body writes it */
                for (size_t j = 0; j < nb && !rep; j++) {
                    if (strcmp(b[j].lc, tw->lc) != 0 || b[j].initial)
                        continue;
                    size_t bu, bl;
                    letter_counts(b[j].core, strlen(b[j].core), &bu, &bl);
                    bool digits = strpbrk(b[j].core, "0123456789/") != NULL;
                    if (digits || (bu >= 2 && bl == 0) || (bu > 0 && bl == 0 && strlen(b[j].core) <= 2))
                        rep = b[j].core;
                }
                if (!rep)
                    rep = recase(x, tw->core, cl, utf8proc_tolower);
            }
            if (out.len)
                pt_buf_addc(&out, ' ');
            pt_buf_add(&out, tw->raw, pre);
            pt_buf_adds(&out, rep ? rep : tw->core);
            pt_buf_adds(&out, tw->raw + pre + cl);
        }
        i += run;
    }
    char *r = buf_to_arena(x, &out);
    return r ? first_case(x, r, true) : ar_strdup(x, title);
}

/* "HÀ NỘI" -> "Hà Nội": each word capitalised. */
static char *proper_case(draft *x, const char *s)
{
    char *low = recase(x, s, strlen(s), utf8proc_tolower);
    if (!low)
        return NULL;
    pt_buf b = PT_BUF_INIT;
    bool start = true;
    const char *p = low, *end = low + strlen(low);
    while (p < end) {
        int32_t cp;
        size_t m = pt_utf8_decode(p, end, &cp);
        if (start && cp_letter(cp))
            buf_addcp(&b, utf8proc_toupper(cp));
        else
            pt_buf_add(&b, p, m);
        start = cp_space(cp) || cp == '-' || cp == '(';
        p += m;
    }
    return buf_to_arena(x, &b);
}

/* ---- header facts ----------------------------------------------------------- */

static rx RX_MOTTO = {"^(cong hoa xa hoi chu nghia|doc lap ?- ?tu do|dang cong san viet nam)", NULL, false};
static rx RX_NUMBER = {"^so\\s*[:.]?\\s*\\d", NULL, false};
static rx RX_PLACE_DATE = {
    "^(?:([a-z][a-z .'-]{0,40}?)\\s*,\\s*)?ngay\\s*(\\d{1,2})\\s*(?:thang\\s*(\\d{1,2})\\s*nam\\s*|[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*)(\\d{4})\\s*\\.?$",
    NULL, false};
static rx RX_VV = {"^(v/v|ve viec)\\b", NULL, false};
static rx RX_KINH_GUI = {"^(?:- ?)?kinh gui\\s*:?\\s*", NULL, false};
static rx RX_NOI_NHAN = {"^(noi|nui) (nhan|gui)\\b", NULL, false};
static rx RX_UBND_BLOCK = {
    "^(?:uy ban nhan dan|ubnd|ubdn)\\s+(thanh pho|tinh|quan|huyen|thi xa|xa|phuong|thi tran)\\s+(.+)$",
    NULL, false};
static rx RX_PARTY = {"\\b(huyen|tinh|thanh|quan|thi|dang) uy\\b", NULL, false};
static rx RX_UBND_TEXT = {
    "\\b(?:ubnd|uy ban nhan dan)\\s+(thanh pho|tinh|quan|huyen|thi xa)\\s+((?:[^ ,;.]++ ?){1,3}?)\\s*(?:ban hanh|xay dung|to chuc|co y kien|thong bao|yeu cau|chi dao|huong dan)\\b",
    NULL, false};
static rx RX_TM_BTV = {"\\bt\\s*/?\\s*m\\.?\\s+ban thuong vu\\b", NULL, false};

static bool rx_on(rx *r, const char *a, size_t *ov, int n)
{
    return rx_find(r, a, strlen(a), 0, false, ov, n);
}

/* The issuing body from its header block. */
static void read_issuer_block(draft *x, const char *block)
{
    folded f;
    if (!fold_str(x, &f, block))
        return;
    size_t ov[6];
    /* a Party block: its last committee ("ĐẢNG BỘ TỈNH NAM ĐỊNH HUYỆN ỦY GIAO THỦY") */
    size_t at = (size_t)-1, pos = 0;
    while (rx_find(&RX_PARTY, f.a, f.n, pos, false, ov, 1)) {
        at = ov[0];
        pos = ov[1];
    }
    if (at != (size_t)-1) {
        size_t e = at;
        while (e < f.n && f.a[e] != ' ')
            e++;
        e++; /* the space, then "uy" */
        while (e < f.n && f.a[e] != ' ')
            e++;
        char *unit = unfold(x, &f, at, e);
        char *rest = e < f.n ? unfold(x, &f, e + 1, f.n) : ar_strdup(x, "");
        char *u = recase(x, unit, strlen(unit), utf8proc_tolower);
        u = u ? first_case(x, u, true) : NULL;
        char *r = rest ? proper_case(x, rest) : NULL;
        if (u && r)
            x->issuer = *r ? pt_arena_printf(x->ar, "%s %s", u, r) : u;
        return;
    }
    if (rx_find(&RX_UBND_BLOCK, f.a, f.n, 0, true, ov, 3)) {
        char *level = unfold(x, &f, ov[2], ov[3]);
        char *name = unfold(x, &f, ov[4], ov[5]);
        level = level ? recase(x, level, strlen(level), utf8proc_tolower) : NULL;
        name = name ? proper_case(x, name) : NULL;
        if (level && name)
            x->issuer = pt_arena_printf(x->ar, "UBND %s %s", level, name);
        return;
    }
    x->issuer = sentence_case(x, block);
    x->issuer_note = "tên cơ quan ban hành viết lại từ chữ in hoa";
}

static void add_name(name_list *l, const char *printed)
{
    if (l->n < DRAFT_MAX_NAMES)
        l->v[l->n++] = (name_ref){NULL, printed, R_NONE, NULL, false};
}

/* Reads the header: everything before the first body paragraph. */
static void read_header(draft *x)
{
    const char *block = NULL, *title = NULL;
    bool kinh_gui = false;
    size_t i;
    x->body_to = x->np;
    for (i = 0; i < x->np; i++) {
        char *a = ascii_of(x, x->p[i].text);
        size_t ov[12];
        if (a && rx_on(&RX_NOI_NHAN, a, ov, 1)) {
            x->body_to = i;
            break;
        }
    }
    for (i = 0; i < x->body_to; i++) {
        para *pp = &x->p[i];
        char *a = ascii_of(x, pp->text);
        size_t ov[12];
        if (!a)
            return;
        if (rx_on(&RX_MOTTO, a, ov, 1))
            continue;
        if (kinh_gui && pp->mk == MK_BULLET && strlen(pp->body) < 200) {
            add_name(&x->addressees, trim_end(x, pp->body, ".,;"));
            continue;
        }
        kinh_gui = false;
        if (rx_on(&RX_KINH_GUI, a, ov, 1)) {
            kinh_gui = x->has_addressees = true;
            const char *rest = strchr(pp->text, ':');
            if (rest && rest[1])
                add_name(&x->addressees, trim_end(x, rest + 1 + (rest[1] == ' '), ".,;"));
            continue;
        }
        if (!x->has_num && rx_on(&RX_NUMBER, a, ov, 1)) {
            if (pt_docnum_parse(&x->num, pp->text) == 0) {
                x->has_num = true;
                x->number = ar_strdup(x, x->num.clean);
            }
            continue;
        }
        if (!x->issued && rx_on(&RX_PLACE_DATE, a, ov, 6)) {
            int dd = atoi(a + ov[4]);
            int mm = atoi(a + (ov[6] != PCRE2_UNSET ? ov[6] : ov[8]));
            int yy = atoi(a + ov[10]);
            pt_date dt;
            if (pt_date_make(&dt, yy, mm, dd) == 0) {
                x->issued = pt_arena_printf(x->ar, "%04d-%02d-%02d", yy, mm, dd);
                x->issued_printed = pp->text;
                x->year = yy;
            }
            if (ov[2] != PCRE2_UNSET) {
                folded f;
                if (fold_str(x, &f, pp->text))
                    x->place = unfold(x, &f, ov[2], ov[3]);
            }
            continue;
        }
        if (!x->subject && rx_on(&RX_VV, a, ov, 1)) {
            x->subject = trim_end(x, pp->text, ".;");
            continue;
        }
        if (!title && title_word_at(pp->text) >= 0) {
            title = pp->text;
            continue;
        }
        size_t up, low;
        letter_counts(pp->text, strlen(pp->text), &up, &low);
        if (up + low == 0)
            continue;
        if (!block && !title && low == 0 && up >= 2 && pp->mk == MK_NONE) {
            block = pp->text;
            continue;
        }
        break;
    }
    x->open_from = i;
    x->open_to = i;
    while (x->open_to < x->body_to && x->p[x->open_to].mk != MK_NUM &&
           x->p[x->open_to].mk != MK_ROMAN)
        x->open_to++;

    if (block)
        read_issuer_block(x, block);
    if (!x->issuer) {
        /* "…, UBND thành phố Hà Nội ban hành Kế hoạch …" */
        for (size_t k = x->open_from; k < x->open_to && !x->issuer; k++) {
            folded f;
            size_t ov[6];
            if (fold_str(x, &f, x->p[k].text) &&
                rx_find(&RX_UBND_TEXT, f.a, f.n, 0, false, ov, 3)) {
                char *level = unfold(x, &f, ov[2], ov[3]);
                char *name = unfold(x, &f, ov[4], ov[5]);
                if (level && name) {
                    x->issuer = pt_arena_printf(x->ar, "UBND %s %s", level, name);
                    x->issuer_note = "không có khối tên cơ quan ở đầu văn bản; lấy từ đoạn mở đầu";
                }
            }
        }
    }
    /* signed "T/M BAN THƯỜNG VỤ" for a Party committee */
    for (size_t k = x->body_to; k < x->np && x->issuer; k++) {
        char *a = ascii_of(x, x->p[k].text);
        size_t ov[2];
        if (a && rx_on(&RX_TM_BTV, a, ov, 1)) {
            char *ia = ascii_of(x, x->issuer);
            if (ia && rx_on(&RX_PARTY, ia, ov, 1) && strncmp(ia, "ban thuong vu", 13) != 0) {
                x->issuer = pt_arena_printf(x->ar, "Ban Thường vụ %s", x->issuer);
                x->issuer_note = "văn bản ký \"T/M Ban Thường vụ\"";
            }
            break;
        }
    }
    if (!x->place && x->issuer) {
        /* the proper name of the issuer: "UBND thành phố Hà Nội" -> "Hà Nội" */
        folded f;
        size_t ov[6];
        if (fold_str(x, &f, x->issuer) &&
            rx_find(&RX_PARTY, f.a, f.n, 0, false, ov, 1) == false &&
            rx_find(&RX_UBND_BLOCK, f.a, f.n, 0, true, ov, 3)) {
            x->place = unfold(x, &f, ov[4], ov[5]);
            x->place_note = "không in địa danh; lấy theo cơ quan ban hành";
        }
    }
    if (title) {
        int k = title_word_at(title);
        x->kind = title_words[k].kind;
        x->title = sentence_case(x, title);
    } else if (x->has_num && x->num.kind[0]) {
        x->kind = ar_strdup(x, x->num.kind);
    } else if (x->subject) {
        x->kind = "CV";
    }
    if (!x->title && x->subject) {
        const char *s = x->subject;
        folded f;
        size_t ov[2];
        if (fold_str(x, &f, s) && rx_find(&RX_VV, f.a, f.n, 0, true, ov, 1)) {
            s = unfold(x, &f, ov[1], f.n);
            const char *kname = "Văn bản";
            for (size_t k = 0; x->kind && k < sizeof title_words / sizeof title_words[0]; k++)
                if (strcmp(title_words[k].kind, x->kind) == 0)
                    kname = title_words[k].name;
            x->title = pt_arena_printf(x->ar, "%s về %s", kname, s ? s : "");
        }
    }
    x->title_found = x->title != NULL;
    if (!x->title) {
        const char *kname = "Văn bản";
        for (size_t k = 0; x->kind && k < sizeof title_words / sizeof title_words[0]; k++)
            if (strcmp(title_words[k].kind, x->kind) == 0)
                kname = title_words[k].name;
        x->title = pt_arena_printf(x->ar, "%s%s%s%s%s", kname, x->number ? " số " : "",
                                   x->number ? x->number : "", x->issuer ? " của " : "",
                                   x->issuer ? x->issuer : "");
        x->title_note = "văn bản không có tên (trích yếu): đặt tên cho kế hoạch";
    }
}

/* ---- basis and period ---------------------------------------------------------- */

static rx RX_REF_DATE = {
    "^\\s*,?\\s*ngay\\s*\\d{1,2}\\s*(?:[/.-]\\s*\\d{1,2}\\s*[/.-]\\s*\\d{4}|thang\\s*\\d{1,2}\\s*nam\\s*\\d{4})",
    NULL, false};
static rx RX_REF_OF = {
    "\\s*cua\\s+((?:(?!(?:ve|ban hanh|quy dinh|huong dan|tai|nham|de|trong|thuc hien|da|voi|lam|"
    "ve viec|tiep tuc|tang cuong|va tinh hinh|so|ngay)\\b)[^ ,;.:()\"]++ ?){1,12})",
    NULL, false};
static rx RX_NAMED_END = {"^((?:(?!(?:nam|va|ve|cua|so|ngay|da|duoc|co|theo|tai)\\b)[^ ,;.:()\"]++ ?){1,6})",
                          NULL, false};
static rx RX_PERIOD = {"thoi gian (?:thuc hien|trien khai)\\s*:?\\s*", NULL, false};

static void add_basis(draft *x, const char *text, const char *key, const char *note)
{
    if (!text || !*text || x->nbasis >= DRAFT_MAX_BASIS)
        return;
    if (x->has_num && strcmp(key, x->num.key) == 0)
        return; /* the document itself */
    for (size_t i = 0; i < x->nbasis; i++)
        if (strcmp(x->basis_key[i], key) == 0) {
            if (strlen(text) > strlen(x->basis[i]))
                x->basis[i] = text; /* the fuller citation */
            return;
        }
    snprintf(x->basis_key[x->nbasis], sizeof x->basis_key[0], "%s", key);
    x->basis_note[x->nbasis] = note;
    x->basis[x->nbasis++] = text;
}

/* Does text just before `at` end with word w (folded compare)? Returns its
 * start or NULL. */
static const char *word_before(draft *x, const char *text, const char *at, const char *w)
{
    size_t l = strlen(w);
    if ((size_t)(at - text) < l)
        return NULL;
    const char *s = at - l;
    if (s > text && !(s[-1] == ' ' || s[-1] == '(' || s[-1] == ','))
        return NULL;
    char *a = ascii_of(x, ar_strndup(x, s, l)), *b = ascii_of(x, w);
    return a && b && strcmp(a, b) == 0 ? s : NULL;
}

/* Each reference of a paragraph, as printed, added to the basis. */
static void refs_of(draft *x, const char *text, bool opening)
{
    pt_docref refs[32];
    size_t n = pt_docref_scan(refs, 32, text);
    const char *cursor = text;
    for (size_t i = 0; i < n; i++) {
        pt_docref *r = &refs[i];
        if (!r->has_num) {
            if (!opening || !r->type[0])
                continue;
            const char *pos = strstr(cursor, r->type);
            if (!pos)
                continue;
            const char *after = pos + strlen(r->type);
            folded f;
            size_t ov[4];
            if (*after != ' ' || !fold_str(x, &f, after + 1) ||
                !rx_find(&RX_NAMED_END, f.a, f.n, 0, true, ov, 2))
                continue;
            char *nm = unfold(x, &f, ov[2], ov[3]);
            char *t = nm ? pt_arena_printf(x->ar, "%s %s", r->type, nm) : NULL;
            t = t ? trim_end(x, t, " ") : NULL;
            if (t)
                add_basis(x, t, ascii_of(x, t), NULL);
            cursor = after;
            continue;
        }
        const char *pos = strstr(cursor, r->num.printed);
        if (!pos)
            pos = strstr(text, r->num.printed);
        if (!pos)
            continue;
        const char *start = pos, *prefix = NULL;
        const char *q = pos;
        while (q > text && q[-1] == ' ')
            q--;
        const char *so = word_before(x, text, q, "số");
        bool so_cap = false;
        if (so) {
            so_cap = so[0] == 'S';
            start = so;
            q = so;
            while (q > text && q[-1] == ' ')
                q--;
        }
        const char *tw = r->type[0] ? word_before(x, text, q, r->type) : NULL;
        if (tw)
            start = tw;
        else if (r->type[0])
            prefix = r->type;
        const char *end = pos + strlen(r->num.printed);
        folded f;
        size_t ov[4];
        if (fold_str(x, &f, end)) {
            size_t at = 0;
            if (rx_find(&RX_REF_DATE, f.a, f.n, 0, true, ov, 1))
                at = ov[1];
            if (rx_find(&RX_REF_OF, f.a, f.n, at, true, ov, 2)) {
                size_t e = ov[3];
                while (e > 0 && f.a[e - 1] == ' ')
                    e--;
                if (e >= 3 && strncmp(f.a + e - 3, " va", 3) == 0)
                    e -= 3;
                at = e;
            }
            end = end + (at < f.n ? f.map[at] : f.map[f.n]);
        }
        char *body = squeeze(x, start, (size_t)(end - start));
        if (!body)
            continue;
        if (prefix && so_cap)
            body = first_case(x, body, false);
        char *t = prefix ? pt_arena_printf(x->ar, "%s %s%s", prefix, so ? "" : "số ", body) : body;
        if (t)
            add_basis(x, trim_end(x, t, " ,;"), r->num.key,
                      opening ? NULL : "viện dẫn trong nội dung, không ở phần căn cứ: giữ nếu kế hoạch thực hiện văn bản này");
        cursor = end;
    }
}

static void read_basis(draft *x)
{
    for (size_t i = x->open_from; i < x->open_to; i++)
        refs_of(x, x->p[i].text, true);
    for (size_t i = x->open_to; i < x->body_to; i++)
        refs_of(x, x->p[i].body, false);
}

/* "Thời gian thực hiện: Năm 2020 và các các năm tiếp theo." */
static void read_period(draft *x)
{
    for (size_t i = x->open_from; i < x->body_to; i++) {
        folded f;
        size_t ov[2];
        if (!fold_str(x, &f, x->p[i].body) || !rx_find(&RX_PERIOD, f.a, f.n, 0, false, ov, 1))
            continue;
        if (ov[0] > 12)
            continue; /* the words must head their point */
        size_t e = ov[1];
        while (e < f.n && f.a[e] != ';' && !(f.a[e] == '.' && (e + 1 == f.n || f.a[e + 1] == ' ')))
            e++;
        char *v = unfold(x, &f, ov[1], e);
        if ((!v || !*v) && i + 1 < x->body_to && x->p[i + 1].mk == MK_NONE)
            v = trim_end(x, x->p[i + 1].text, ".;");
        if (!v || !*v)
            return;
        /* a doubled word ("các các") is written once */
        size_t nw;
        cword *w = casing_words(x, v, &nw, 64, false);
        pt_buf b = PT_BUF_INIT;
        bool doubled = false;
        for (size_t k = 0; w && k < nw; k++) {
            if (k > 0 && strcmp(w[k].lc, w[k - 1].lc) == 0 && strcmp(w[k].raw, w[k].core) == 0 &&
                !isdigit((unsigned char)w[k].core[0])) {
                doubled = true;
                continue;
            }
            if (b.len)
                pt_buf_addc(&b, ' ');
            pt_buf_adds(&b, w[k].raw);
        }
        char *clean = buf_to_arena(x, &b);
        if (!clean)
            return;
        pt_diags *scratch = pt_diags_new();
        pt_date from, until;
        int ok = scratch ? pt_period_parse(&from, &until, clean, NULL, scratch) : -1;
        pt_diags_free(scratch);
        if (ok != 0) {
            x->period_note = pt_arena_printf(x->ar, "văn bản in thời gian \"%s\" nhưng không đọc được: ghi lại", v);
            return;
        }
        x->period = clean;
        if (doubled)
            x->period_note = pt_arena_printf(x->ar, "văn bản in \"%s\" (lặp từ): đã bỏ từ lặp", v);
        return;
    }
}

/* ---- agencies: registry, groups, lists of names --------------------------------- */

/* Group names tried when the registry file cannot be read again
 * (docs/CONVENTIONS.md and the shipped registries). */
static const char *const known_groups[] = {
    "ubnd-quan-huyen", "so-ban-nganh", "doan-the", "bao-chi", "so-ban-nganh-doan-the",
    "ban-nganh", "mttq-doan-the", "dang-bo-truc-thuoc", "co-quan-tuyen-truyen",
    "ubnd-huyen-thi-xa-thanh-pho", NULL};

static void add_group(draft *x, const char *name, size_t cap)
{
    const uint32_t *m;
    size_t n;
    if (x->ngroups >= cap || !pt_registry_is_group(x->reg, name) ||
        !pt_registry_expand(x->reg, name, &m, &n) || n == 0)
        return;
    for (size_t i = 0; i < x->ngroups; i++)
        if (strcmp(x->groups[i].name, name) == 0)
            return;
    grp *g = &x->groups[x->ngroups++];
    memset(g, 0, sizeof *g);
    g->name = ar_strdup(x, name);
    g->members = m;
    g->n = n;
    for (size_t i = 0; i < n; i++) {
        if (m[i] >= pt_registry_count(x->reg))
            continue;
        const char *k = pt_registry_agency(x->reg, m[i])->kind;
        if (!k) {
            g->mixed = true;
            continue;
        }
        size_t j = 0;
        while (j < g->nkinds && strcmp(g->kinds[j], k) != 0)
            j++;
        if (j == g->nkinds) {
            if (g->nkinds < sizeof g->kinds / sizeof g->kinds[0])
                g->kinds[g->nkinds++] = k;
            else
                g->mixed = true;
        }
    }
}

/* The registry's groups: their names read again from its file. */
static void load_groups(draft *x)
{
    if (!x->reg)
        return;
    size_t cap = 64;
    pt_diags *scratch = pt_diags_new();
    pt_doc *doc = NULL;
    const char *path = pt_registry_path(x->reg);
    if (scratch && path && *path)
        doc = pt_doc_load_file(path, scratch);
    const pt_node *gr = doc ? pt_node_get(pt_doc_root(doc), "groups") : NULL;
    if (gr && gr->type == PT_NODE_MAP && gr->n + 16 > cap)
        cap = gr->n + 16;
    x->groups = ar_alloc(x, cap * sizeof *x->groups);
    if (x->groups) {
        if (gr && gr->type == PT_NODE_MAP)
            for (size_t i = 0; i < gr->n; i++)
                if (gr->items[2 * i]->type == PT_NODE_SCALAR)
                    add_group(x, gr->items[2 * i]->str, cap);
        for (const char *const *k = known_groups; *k; k++)
            add_group(x, *k, cap);
    }
    pt_doc_free(doc);
    pt_diags_free(scratch);
}

static bool grp_has_kind(const grp *g, const char *k)
{
    for (size_t i = 0; i < g->nkinds; i++)
        if (strcmp(g->kinds[i], k) == 0)
            return true;
    return false;
}

/* How many words of the group's name are words of the phrase (minus those
 * that are not). */
static int name_overlap(const char *gname, const char *phrase_ascii)
{
    int score = 0;
    const char *p = gname;
    while (*p) {
        const char *e = strchr(p, '-');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        bool found = false;
        for (const char *q = phrase_ascii; *q && !found; q++) {
            if ((q == phrase_ascii || !isalnum((unsigned char)q[-1])) && strncmp(q, p, l) == 0 &&
                !isalnum((unsigned char)q[l]))
                found = true;
        }
        score += found ? 1 : -1;
        p += l + (e ? 1 : 0);
    }
    return score;
}

/* The group for a set of kinds: exactly those kinds first, else the smallest
 * superset; ties go to the name sharing most words with the phrase, then to
 * the larger group, then to the registry's order. */
static const grp *pick_group(draft *x, const char *const *kinds, size_t nk, const char *phrase)
{
    const grp *best = NULL;
    long best_score = 0;
    for (size_t i = 0; i < x->ngroups; i++) {
        const grp *g = &x->groups[i];
        bool all = true;
        for (size_t k = 0; k < nk && all; k++)
            all = grp_has_kind(g, kinds[k]);
        if (!all)
            continue;
        long extra = (long)g->nkinds - (long)nk + (g->mixed ? 4 : 0);
        long score = (extra == 0 ? 1000000L : 0) - extra * 10000L +
                     name_overlap(g->name, phrase) * 100L + (long)(g->n > 99 ? 99 : g->n);
        if (!best || score > best_score) {
            best = g;
            best_score = score;
        }
    }
    return best;
}

/* The single agency of a kind ("chính quyền" -> the one agency of kind
 * ubnd), or NULL when there is not exactly one. */
static const char *single_of_kind(draft *x, const char *kind)
{
    const char *id = NULL;
    for (size_t i = 0; i < pt_registry_count(x->reg); i++) {
        const pt_agency *a = pt_registry_agency(x->reg, i);
        if (a->kind && strcmp(a->kind, kind) == 0) {
            if (id)
                return NULL;
            id = a->id;
        }
    }
    return id;
}

/* ---- folded-word helpers ---- */

static bool fw_char(char c)
{
    return isalnum((unsigned char)c) || c == '?';
}

static size_t skip_sp(const folded *f, size_t p)
{
    while (p < f->n && f->a[p] == ' ')
        p++;
    return p;
}

/* End of the word at p (a word may hold inner '-', '.', '\'' between
 * letters or digits: "qđ-ttg", "30.6"). */
static size_t word_end(const folded *f, size_t p)
{
    size_t e = p;
    while (e < f->n) {
        if (fw_char(f->a[e])) {
            e++;
        } else if ((f->a[e] == '-' || f->a[e] == '.' || f->a[e] == '\'' || f->a[e] == '/' ||
                    f->a[e] == '&') &&
                   e > p && e + 1 < f->n && fw_char(f->a[e + 1]) && fw_char(f->a[e - 1])) {
            e++;
        } else {
            break;
        }
    }
    return e;
}

static bool word_is(const folded *f, size_t p, const char *w)
{
    size_t l = strlen(w);
    return p + l <= f->n && strncmp(f->a + p, w, l) == 0 &&
           (p + l == f->n || !fw_char(f->a[p + l]));
}

/* ---- patterns of plural addressees (on folded text, anchored) ---- */

static rx C_DISTRICT = {
    "(?:cac\\s+)?(?:ubnd|ubdn|uy ban nhan dan|uy ban nd)\\s+(?:cac\\s+(?:quan|huyen|thi xa|thanh pho)"
    "(?:\\s*(?:,|va)\\s*(?:quan|huyen|thi xa|thanh pho(?!\\s+(?!va\\b|chu\\b)[a-z]+\\s+[a-z]+\\s*(?:,|;|\\.|$))))*"
    "|(?:quan|huyen|thi xa|thanh pho)(?:\\s*(?:,|va)\\s*(?:quan|huyen|thi xa|thanh pho))+|cap huyen)",
    NULL, false};
static rx C_LOCAL = {"cac dia phuong", NULL, false};
static rx C_SO = {
    "(?:cac\\s+so|so\\s*,\\s*(?:ban|nganh)|cac\\s+ban\\s*,\\s*so)(?:\\s*,\\s*(?:ban|nganh|doan the|co quan|don vi))*"
    "(?:\\s+(?:va|,)\\s+(?:doan the))?",
    NULL, false};
static rx C_NGANH = {"(?:cac\\s+)?(?:ban\\s*,\\s*)?nganh(?!\\s+(?:giao duc|y te|van hoa|cong an))", NULL, false};
static rx C_DOANTHE = {
    "(?:(?:uy ban\\s+)?(?:mttq|mat tran to quoc)(?:\\s+viet nam)?\\s*(?:,|va)\\s*)?(?:cac\\s+)?(?:to chuc\\s+)?"
    "doan the(?:\\s+chinh tri\\s*-?\\s*xa hoi)?",
    NULL, false};
static rx C_DANGBO = {
    "(?:cac\\s+)?(?:cap uy(?:\\s+dang)?|to chuc co so dang|dang bo(?:\\s*,\\s*chi bo)?|chi bo)"
    "(?:\\s+truc thuoc(?:\\s+(?:huyen|tinh|thanh|dang) uy)?)?",
    NULL, false};
static rx C_GOV = {"chinh quyen(?:\\s+(?:cac cap|dia phuong|co so))?", NULL, false};
static rx C_VAGUE = {
    "(?:cac\\s+)?(?:co quan|don vi|to chuc|luc luong|ca nhan|thanh vien|ban|nganh)"
    "(?:\\s*(?:,|va)\\s*(?:cac\\s+)?(?:co quan|don vi|to chuc|luc luong|ca nhan|thanh vien|nganh))*"
    "(?:\\s+(?:thanh vien|chuc nang|co lien quan|lien quan|khac|tren dia ban))*",
    NULL, false};
static rx C_QUAL = {
    "(?:\\s+(?:cua\\s+)?(?:thanh pho|tp|tinh|huyen|cac cap|co lien quan|lien quan|chuc nang|tren dia ban|"
    "chinh tri\\s*-?\\s*xa hoi|truc thuoc|(?:huyen|tinh|thanh) uy|trung uong|cung cap))*",
    NULL, false};
static rx C_LEADIN = {"(?:giao|de nghi|yeu cau|chi dao)\\s+", NULL, false};
static rx C_SEP = {"\\s*(?:,|;|\\bva\\b|\\bvoi\\b|\\bcung\\b| - )\\s*", NULL, false};

/* Words that start the predicate after an unknown name. */
static const char *const stop_words[] = {
    "chu tri", "phoi hop", "khan truong", "thuc hien", "tang cuong", "chi dao", "xay dung",
    "co trach nhiem", "tiep tuc", "can cu", "day manh", "tap trung", "theo doi", "bao cao",
    "trien khai", "nghien cuu", "ra soat", "huong dan", "kiem tra", "giam sat", "tham muu",
    "bo tri", "quan ly", "lam", "la", "duy tri", "phat huy", "phat trien", "nang cao", "dam bao",
    "bao dam", "uu tien", "tuyen truyen", "phoi ket hop", "cung cap", "ban hanh", "gui", "de xuat",
    "xu ly", "khac phuc", "van dong", "ho tro", "can thiep", "to chuc", "trong", "nham", "de",
    "theo", "khi", "neu", "ve", "cua", "tai", "cac", "duoc", "da", "se", "can", "phai", "chiu",
    "hang", "dinh ky", "thuong xuyen", "kip thoi", "truoc", "ngay", "cham nhat", "den", "sau",
    "xem xet", "tong hop", "nay", NULL};

/* Head words of an agency's name. */
static const char *const head_words[] = {
    "so", "ban", "phong", "cong an", "ubnd", "ubdn", "uy ban", "hoi", "doan", "thanh doan",
    "huyen doan", "tinh doan", "lien doan", "dai", "bao", "van phong", "thanh tra", "trung tam",
    "cuc", "chi cuc", "bo", "vien", "truong", "benh vien", "quy", "mttq", "mat tran", "toa an",
    "kho bac", "bao hiem", "ngan hang", "dang uy", "huyen uy", "tinh uy", "thanh uy", "hoi dong",
    "lien minh", "hiep hoi", "cong ty", "chi nhanh", "buu dien", "nganh", "bo chi huy",
    "ban chi huy", "quan doi", NULL};

static bool starts_with_any(const folded *f, size_t p, const char *const *list)
{
    for (const char *const *w = list; *w; w++)
        if (word_is(f, p, *w))
            return true;
    return false;
}

/* Registry look-up of a printed name, also with the issuer's place added. */
static const pt_agency *find_agency(draft *x, const char *name)
{
    if (!x->reg || !*name)
        return NULL;
    const pt_agency *a = pt_registry_find(x->reg, name);
    if (!a && x->place) {
        char *withp = pt_arena_printf(x->ar, "%s %s", name, x->place);
        if (withp)
            a = pt_registry_find(x->reg, withp);
    }
    return a;
}

/* The longest registry name starting at p (up to 14 words, not across ';',
 * ':', '.' or '('). Returns its end or 0. */
static size_t match_agency(draft *x, const folded *f, size_t p, const pt_agency **out)
{
    size_t ends[14], n = 0, q = p;
    while (n < 14 && q < f->n) {
        q = skip_sp(f, q);
        if (q >= f->n || !fw_char(f->a[q]))
            break;
        q = word_end(f, q);
        ends[n++] = q;
        size_t r = skip_sp(f, q);
        if (r < f->n && (f->a[r] == ',' || f->a[r] == '-' || f->a[r] == '&'))
            q = r + 1;
        else if (r < f->n && f->a[r] != ' ' && !fw_char(f->a[r]))
            break;
    }
    for (size_t k = n; k > 0; k--) {
        char *cand = unfold(x, f, p, ends[k - 1]);
        const pt_agency *a = cand ? find_agency(x, cand) : NULL;
        if (a) {
            *out = a;
            return ends[k - 1];
        }
    }
    return 0;
}

/* An unknown agency's name at p: a head word, then words up to a separator
 * or a verb. Returns its end or 0. */
static size_t match_unknown(const folded *f, size_t p)
{
    if (p >= f->n || !starts_with_any(f, p, head_words) || !starts_upper(f->orig + f->map[p]))
        return 0;
    size_t q = word_end(f, p), last = q, words = 1;
    while (words < 12) {
        size_t r = skip_sp(f, q);
        if (r >= f->n)
            break;
        char c = f->a[r];
        if (c == ',' || c == '-' || c == '&') {
            size_t s2 = skip_sp(f, r + 1);
            /* a comma goes on inside a name when a capital word follows that
             * does not start another agency */
            size_t orig = s2 < f->n ? f->map[s2] : 0;
            bool cap = s2 < f->n && starts_upper(f->orig + orig);
            if (c == ',' && (!cap || starts_with_any(f, s2, head_words)))
                break;
            q = s2;
            continue;
        }
        if (!fw_char(c) || (starts_with_any(f, r, stop_words) && !starts_upper(f->orig + f->map[r])))
            break;
        q = word_end(f, r);
        last = q;
        words++;
    }
    return last;
}

/* Group whose every name word is a word of the text at p, in order, with at
 * most three other words between: "các Đảng bộ, Chi bộ trực thuộc" ->
 * dang-bo-truc-thuoc. Returns the end of the last word matched or 0. */
static size_t match_group_words(draft *x, const folded *f, size_t p, const grp **out)
{
    size_t best_end = 0, best_words = 0;
    for (size_t gi = 0; gi < x->ngroups; gi++) {
        const char *g = x->groups[gi].name;
        size_t q = p, words = 0, end = 0;
        bool ok = true;
        const char *t = g;
        while (*t && ok) {
            const char *e = strchr(t, '-');
            size_t l = e ? (size_t)(e - t) : strlen(t);
            size_t tries = 4;
            ok = false;
            while (tries-- > 0) {
                q = skip_sp(f, q);
                while (q < f->n && !fw_char(f->a[q]) && f->a[q] != ';' && f->a[q] != ':' &&
                       f->a[q] != '.')
                    q = skip_sp(f, q + 1);
                if (q >= f->n || !fw_char(f->a[q]))
                    break;
                size_t we = word_end(f, q);
                if (we - q == l && strncmp(f->a + q, t, l) == 0) {
                    ok = true;
                    end = q = we;
                    break;
                }
                q = we;
            }

            words++;
            t += l + (e ? 1 : 0);
        }
        if (ok && words >= 2 && words > best_words) {
            best_words = words;
            best_end = end;
            *out = &x->groups[gi];
        }
    }
    return best_end;
}


/* The group whose name holds the word "nganh" with the fewest other words
 * ("ban-nganh", else "so-ban-nganh"). */
static const grp *nganh_group(draft *x)
{
    const grp *best = NULL;
    int best_words = 0;
    for (size_t i = 0; i < x->ngroups; i++) {
        const char *g = x->groups[i].name;
        bool has = false;
        int words = 1;
        for (const char *t = g; *t; t++)
            words += *t == '-';
        for (const char *t = g; *t; t++)
            if ((t == g || t[-1] == '-') && strncmp(t, "nganh", 5) == 0 && (t[5] == '-' || !t[5]))
                has = true;
        if (has && (!best || words < best_words)) {
            best = &x->groups[i];
            best_words = words;
        }
    }
    return best;
}

/* One addressee at p: an agency of the registry, a plural that names a
 * group, words naming nobody in particular, or (unknown_ok) an unknown
 * agency's name. Returns its end, or 0 when there is none. */
static size_t match_item(draft *x, const folded *f, size_t p, name_ref *r, bool unknown_ok)
{
    size_t ov[2];
    p = skip_sp(f, p);
    for (int k = 0; k < 2 && rx_find(&C_LEADIN, f->a, f->n, p, true, ov, 1); k++) {
        size_t save = p;
        p = ov[1];
        name_ref tmp;
        size_t e = match_item(x, f, p, &tmp, unknown_ok);
        if (e) {
            *r = tmp;
            return e;
        }
        p = save;
        break;
    }
    memset(r, 0, sizeof *r);
    const pt_agency *a;
    size_t e;
    if (x->reg && (e = match_agency(x, f, p, &a))) {
        r->id = a->id;
        r->printed = unfold(x, f, p, e);
        r->how = R_EXACT;
        return e;
    }
    const char *kinds[2] = {NULL, NULL};
    size_t nk = 0;
    const grp *g = NULL;
    const char *single = NULL, *note = NULL;
    e = 0;
    if (rx_find(&C_DISTRICT, f->a, f->n, p, true, ov, 1)) {
        kinds[nk++] = "ubnd-huyen";
    } else if (rx_find(&C_SO, f->a, f->n, p, true, ov, 1)) {
        kinds[nk++] = "so";
        char *m = ar_strndup(x, f->a + ov[0], ov[1] - ov[0]);
        if (m && strstr(m, "doan the"))
            kinds[nk++] = "doan-the";
    } else if (rx_find(&C_DOANTHE, f->a, f->n, p, true, ov, 1)) {
        kinds[nk++] = "doan-the";
    } else if (rx_find(&C_DANGBO, f->a, f->n, p, true, ov, 1)) {
        kinds[nk++] = "dang-bo";
    } else if (rx_find(&C_GOV, f->a, f->n, p, true, ov, 1)) {
        kinds[nk++] = "ubnd";
        single = x->reg ? single_of_kind(x, "ubnd") : NULL;
    } else if (rx_find(&C_LOCAL, f->a, f->n, p, true, ov, 1)) {
        kinds[nk++] = "ubnd-huyen";
        note = "\"các địa phương\" hiểu là các đơn vị cấp huyện";
    } else if (rx_find(&C_NGANH, f->a, f->n, p, true, ov, 1)) {
        g = x->reg ? nganh_group(x) : NULL;
        if (!g)
            kinds[nk++] = "so";
        nk += g != NULL;
    }
    if (nk) {
        e = ov[1];
        size_t q[2];
        if (rx_find(&C_QUAL, f->a, f->n, e, true, q, 1))
            e = q[1];
        r->printed = unfold(x, f, p, e);
        if (!g && !single && x->reg && kinds[0]) {
            char *ph = ar_strndup(x, f->a + p, e - p);
            g = ph ? pick_group(x, kinds, nk, ph) : NULL;
        }
        r->plural = true;
        if (single) {
            r->id = single;
            r->how = R_GROUP;
        } else if (g) {
            r->id = g->name;
            r->how = R_GROUP;
        } else {
            r->how = R_NONE;
            if (x->reg)
                note = pt_arena_printf(x->ar, "danh mục không có nhóm nào ứng với \"%s\": không ghi",
                                       r->printed ? r->printed : "");
        }
        r->note = note;
        return e;
    }
    if (x->reg && (e = match_group_words(x, f, p, &g))) {
        size_t q[2];
        if (rx_find(&C_QUAL, f->a, f->n, e, true, q, 1))
            e = q[1];
        r->printed = unfold(x, f, p, e);
        r->id = g->name;
        r->how = R_GROUP;
        return e;
    }
    if (rx_find(&C_VAGUE, f->a, f->n, p, true, ov, 1)) {
        size_t l = ov[1] - ov[0];
        const char *m = f->a + ov[0];
        bool plural = word_is(f, p, "cac");
        bool qual = (l >= 9 && strncmp(m + l - 9, "lien quan", 9) == 0) ||
                    (l >= 9 && strncmp(m + l - 9, "chuc nang", 9) == 0) ||
                    (l >= 9 && strncmp(m + l - 9, "thanh vien", 9) == 0);
        if (plural || qual) {
            r->printed = unfold(x, f, p, ov[1]);
            r->how = R_VAGUE;
            return ov[1];
        }
    }
    if (unknown_ok && (e = match_unknown(f, p))) {
        r->printed = unfold(x, f, p, e);
        r->how = R_NONE;
        return e;
    }
    return 0;
}

static void list_add(name_list *l, const name_ref *r)
{
    for (size_t i = 0; i < l->n; i++) {
        if (r->id && l->v[i].id && strcmp(r->id, l->v[i].id) == 0)
            return;
        if (!r->id && !l->v[i].id && r->printed && l->v[i].printed &&
            strcmp(r->printed, l->v[i].printed) == 0)
            return;
    }
    if (l->n < DRAFT_MAX_NAMES)
        l->v[l->n++] = *r;
}

/* A list of addressees at p ("Sở Văn hóa và Thể thao, Sở Du lịch, các Sở,
 * ngành chức năng và Ủy ban nhân dân các quận, huyện"). Returns the end of
 * its last name, or 0 when there is none. */
static size_t parse_list(draft *x, const folded *f, size_t p, name_list *out, bool unknown_ok)
{
    size_t end = 0, q = p;
    for (int guard = 0; guard < 32; guard++) {
        name_ref r;
        size_t e = match_item(x, f, q, &r, unknown_ok);
        if (!e)
            break;
        list_add(out, &r);
        end = e;
        size_t ov[2];
        if (rx_find(&C_SEP, f->a, f->n, e, true, ov, 1) && ov[1] > e && ov[1] < f->n) {
            q = ov[1];
            continue;
        }
        break;
    }
    return end;
}

/* Words of a folded name, for the similarity of two names. */
static size_t name_words(const char *a, const char **w, size_t max, size_t *len)
{
    size_t n = 0;
    for (const char *p = a; *p && n < max;) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        const char *s = p;
        while (isalnum((unsigned char)*p))
            p++;
        if (p > s) {
            w[n] = s;
            len[n++] = (size_t)(p - s);
        }
    }
    return n;
}

static double similarity(draft *x, const char *a, const char *b)
{
    const char *wa[24], *wb[24];
    size_t la[24], lb[24];
    char *fa = ascii_of(x, a), *fb = ascii_of(x, b);
    if (!fa || !fb)
        return 0;
    size_t na = name_words(fa, wa, 24, la), nb = name_words(fb, wb, 24, lb);
    size_t common = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (la[i] == lb[j] && memcmp(wa[i], wb[j], la[i]) == 0) {
                common++;
                break;
            }
    size_t uni = na + nb - common;
    return common >= 2 && uni ? (double)common / (double)uni : 0;
}

/* An unknown name: the closest registry entry, when one is close. */
static void resolve_guess(draft *x, name_ref *r)
{
    if (!x->reg || r->how != R_NONE || !r->printed || r->plural)
        return;
    const char *s = pt_registry_suggest(x->reg, r->printed);
    const char *id = NULL, *shown = NULL;
    if (s) {
        const pt_agency *a = pt_registry_find_id(x->reg, s);
        if (!a && !pt_registry_is_group(x->reg, s))
            a = pt_registry_find(x->reg, s);
        if (a) {
            id = a->id;
            shown = a->name;
        } else if (pt_registry_is_group(x->reg, s)) {
            id = shown = s;
        }
    }
    if (!id) {
        double best = 0.6;
        for (size_t i = 0; i < pt_registry_count(x->reg); i++) {
            const pt_agency *a = pt_registry_agency(x->reg, i);
            const char *cands[2 + 16];
            size_t nc = 0;
            cands[nc++] = a->name;
            if (a->short_name)
                cands[nc++] = a->short_name;
            for (size_t k = 0; k < a->n_aliases && nc < 18; k++)
                cands[nc++] = a->aliases[k];
            for (size_t k = 0; k < nc; k++) {
                double v = similarity(x, r->printed, cands[k]);
                if (v > best + 1e-9) {
                    best = v;
                    id = a->id;
                    shown = a->name;
                }
            }
        }
    }
    if (id) {
        r->id = id;
        r->how = R_GUESS;
        r->note = pt_arena_printf(x->ar, "\"%s\" không có trong danh mục; gần nhất là \"%s\"",
                                  r->printed, shown);
    }
}

/* ---- deadlines ------------------------------------------------------------------ */

#define DDATE "\\d{1,2}\\s*[/.-]\\s*\\d{1,2}"
#define DYEAR "\\s*[/.-]\\s*\\d{4}"

static rx D_DATED = {
    "\\b(?:(?:hoan thanh\\s+)?(?:truoc|cham nhat(?:\\s+la)?|den het|han chot|han cuoi)\\s+(?:ngay\\s*)?"
    "(?:" DDATE "(?:" DYEAR ")?(?!\\s*(?:hang|hang) nam)|\\d{1,2}\\s*thang\\s*\\d{1,2}(?:\\s*nam\\s*\\d{4})?))",
    NULL, false};
static rx D_WINDOW = {
    "\\btu\\s+(?:ngay\\s*)?" DDATE "(?:" DYEAR ")?\\s*(?:den|-)\\s*(?:het\\s+)?(?:ngay\\s*)?" DDATE DYEAR,
    NULL, false};
static rx D_REL = {
    "\\btrong\\s+(?:vong|thoi han)\\s+\\d{1,3}\\s+ngay(?:\\s+lam viec)?\\s*,?\\s*(?:ke\\s+)?tu\\s+ngay\\s+"
    "(?:ky|ban hanh|nhan duoc|nhan)",
    NULL, false};
static rx D_RECUR = {
    "\\b(?:(?:dinh ky\\s+)?hang\\s+(?:thang|quy|nam)(?:\\s*,?\\s*(?:truoc|cham nhat(?:\\s+la)?)\\s+ngay\\s*"
    "\\d{1,2}(?:\\s*[/.-]\\s*\\d{1,2})?(?:\\s+thang cuoi quy)?(?:\\s*(?:va|,)\\s*" DDATE ")?)?"
    "|(?:truoc|cham nhat(?:\\s+la)?)\\s+ngay\\s*" DDATE "\\s+hang nam"
    "|ngay\\s*" DDATE "\\s+hang nam"
    "|ngay\\s*\\d{1,2}\\s+thang sau thang bao cao"
    "|dinh ky\\s+(?:6|sau)\\s+thang(?:\\s*(?:/|va|,)\\s*(?:hang\\s+)?nam|\\s+mot lan)?"
    "(?:\\s*,?\\s*(?:truoc|cham nhat(?:\\s+la)?)\\s+ngay\\s*" DDATE "(?:\\s*(?:va|,)\\s*" DDATE ")?)?"
    "|dinh ky\\s+(?:hang\\s+)?(?:thang|quy|nam))\\b",
    NULL, false};
static rx D_LOOSE = {
    "\\b(?:khan truong|(?<!giao duc )thuong xuyen|dinh ky|theo quy dinh|kip thoi)\\b", NULL, false};

typedef struct {
    size_t s, e;     /* folded range */
    int rank;        /* 0 dated, 1 recurring, 2 untracked */
} dl_match;

/* A bare "hằng năm" (no day) is a deadline when it opens its clause or
 * follows "báo cáo"/"định kỳ"; "kế hoạch … hằng năm của địa phương" is not. */
static bool bare_ok(const folded *f, size_t from, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++)
        if (isdigit((unsigned char)f->a[i]))
            return true;
    if (strncmp(f->a + s, "dinh ky", 7) == 0)
        return true;
    size_t q = s;
    while (q > from && f->a[q - 1] == ' ')
        q--;
    if (q == from)
        return true;
    char c = f->a[q - 1];
    if (c == ',' || c == ';' || c == '.' || c == ':' || c == '(' || c == '-')
        return true;
    return (q >= from + 7 && strncmp(f->a + q - 7, "bao cao", 7) == 0) ||
           (q >= from + 7 && strncmp(f->a + q - 7, "dinh ky", 7) == 0);
}

/* Every checkable deadline of f[from, to), in text order. */
static size_t find_dated(const folded *f, size_t from, size_t to, dl_match *out, size_t max)
{
    size_t n = 0, p = from;
    rx *pats[4] = {&D_WINDOW, &D_DATED, &D_REL, &D_RECUR};
    /* each pattern's next match from p, kept until p passes it, so that a
     * long text is scanned once per pattern */
    size_t next_s[4], next_e[4];
    bool known[4] = {false, false, false, false};
    while (p < to && n < max) {
        size_t best_s = (size_t)-1, best_e = 0;
        int rank = 0;
        for (int k = 0; k < 4; k++) {
            if (!known[k] || (next_s[k] != (size_t)-1 && next_s[k] < p)) {
                size_t ov[2];
                if (rx_find(pats[k], f->a, to, p, false, ov, 1)) {
                    next_s[k] = ov[0];
                    next_e[k] = ov[1];
                } else {
                    next_s[k] = (size_t)-1;
                    next_e[k] = 0;
                }
                known[k] = true;
            }
            if (next_s[k] != (size_t)-1 &&
                (next_s[k] < best_s || (next_s[k] == best_s && next_e[k] > best_e))) {
                best_s = next_s[k];
                best_e = next_e[k];
                rank = k == 3 ? 1 : 0;
            }
        }
        if (best_s == (size_t)-1)
            break;
        p = best_e > best_s ? best_e : best_s + 1;
        if (rank == 1 && !bare_ok(f, from, best_s, best_e))
            continue;
        out[n++] = (dl_match){best_s, best_e, rank};
    }
    return n;
}

/* Does the phrase parse as a deadline? */
static bool due_parses(const char *phrase)
{
    pt_diags *scratch = pt_diags_new();
    if (!scratch)
        return false;
    pt_deadline dl;
    bool ok = pt_deadline_parse(&dl, phrase, NULL, scratch) == 0;
    if (ok)
        pt_deadline_release(&dl);
    pt_diags_free(scratch);
    return ok;
}

/* The deadline of a task's text f[from, to): a dated phrase first, then a
 * recurring one, then untracked words. opening is where the task's own
 * words start (for "kịp thời"). */
static void pick_due(draft *x, task *t, const folded *f, size_t from, size_t to, size_t opening)
{
    dl_match m[8];
    size_t n = find_dated(f, from, to, m, 8);
    size_t pick = n;
    for (size_t i = 0; i < n && pick == n; i++)
        if (m[i].rank == 0)
            pick = i;
    for (size_t i = 0; i < n && pick == n; i++)
        if (m[i].rank == 1)
            pick = i;
    const char *phrase = NULL;
    if (pick < n) {
        phrase = unfold(x, f, m[pick].s, m[pick].e);
        bool day = false;
        for (size_t i = m[pick].s; i < m[pick].e; i++)
            day = day || isdigit((unsigned char)f->a[i]) != 0;
        if (m[pick].rank == 1 && !day)
            t->due_note = "định kỳ nhưng không nêu ngày nộp: ghi ngày, hoặc thêm defaults cho kỳ này";
    } else {
        size_t p = from, ov[2];
        while (!phrase && p < to && rx_find(&D_LOOSE, f->a, to, p, false, ov, 1)) {
            const char *w = f->a + ov[0];
            bool ok = true;
            if (strncmp(w, "theo quy dinh", 13) == 0) {
                /* "báo cáo … theo quy định", in one clause */
                ok = false;
                size_t b = ov[0] > from + 120 ? ov[0] - 120 : from;
                for (size_t k = ov[0]; k > b && !ok; k--) {
                    if (f->a[k - 1] == ';' || f->a[k - 1] == '.')
                        break;
                    ok = k >= 7 + b && strncmp(f->a + k - 7, "bao cao", 7) == 0;
                }
            } else if (strncmp(w, "kip thoi", 8) == 0) {
                ok = ov[0] <= opening + 1;
            }
            if (ok) {
                phrase = unfold(x, f, ov[0], ov[1]);
                phrase = phrase ? first_case(x, phrase, false) : NULL;
            }
            p = ov[1];
        }
    }
    if (!phrase || !*phrase)
        return;
    if (due_parses(phrase)) {
        t->due = phrase;
    } else {
        t->due_bad = phrase;
    }
}

/* ---- tasks ---------------------------------------------------------------------- */

static rx RX_SEC_SPLIT = {"phan cong|nhiem vu cu the|trach nhiem cua cac", NULL, false};
static rx RX_SEC_ORG = {"to chuc thuc hien|trach nhiem thuc hien", NULL, false};
static rx RX_SEC_REPORT = {"che do (?:thong tin\\s*,?\\s*)?bao cao|thong tin\\s*,?\\s*bao cao|che do bao cao",
                           NULL, false};
static rx RX_SUPPORT = {"\\bphoi (?:ket )?hop(?:\\s+chat che)?(?:\\s+(?:voi|cung))?\\s+", NULL, false};
static rx RX_REPORT = {
    "\\b(?:bao cao|(?<!chuong )(?<!qua )(?<!tien )(?<!cong )(?<!to )(?<!lo )(?<!trinh )trinh|gui ve|gui)\\b",
    NULL, false};
static rx RX_KIND_PLAN = {"\\b(?:xay dung|ban hanh)\\s+(?:cac\\s+)?(?:ke hoach|chuong trinh)\\b", NULL, false};
static rx RX_KIND_DOC = {
    "\\b(?:xay dung|ban hanh|du thao|soan thao)\\s+(?:cac\\s+)?(?:chi thi|quyet dinh|de an|quy che|quy dinh|"
    "van ban|nghi quyet|huong dan)\\b",
    NULL, false};
static rx RX_BAO_CAO = {"\\bbao cao\\b", NULL, false};

enum { SEC_OTHER, SEC_SPLIT, SEC_MERGE, SEC_REPORT };

static task *new_task(draft *x)
{
    if (x->nt >= DRAFT_MAX_TASKS) {
        x->task_limit = true;
        return NULL;
    }
    if (x->nt == x->capt) {
        size_t cap = x->capt ? x->capt * 2 : 32;
        task *nt = ar_alloc(x, cap * sizeof *nt);
        if (!nt)
            return NULL;
        if (x->nt)
            memcpy(nt, x->t, x->nt * sizeof *nt);
        x->t = nt;
        x->capt = cap;
    }
    task *t = &x->t[x->nt++];
    memset(t, 0, sizeof *t);
    return t;
}

/* id, or id-2, id-3 … when the document numbers two points alike. */
static const char *unique_id(draft *x, const char *id)
{
    if (!id)
        return "?";
    uint32_t k = 1;
    if (pt_map_get(&x->ids, id, strlen(id), NULL)) {
        if (!pt_map_get(&x->next_dup, id, strlen(id), &k))
            k = 2;
    }
    for (; k < 100000; k++) {
        const char *cand = k == 1 ? id : pt_arena_printf(x->ar, "%s-%u", id, (unsigned)k);
        if (!cand) {
            x->oom = true;
            return id;
        }
        if (pt_map_get(&x->ids, cand, strlen(cand), NULL))
            continue;
        if (pt_map_put(&x->ids, cand, strlen(cand), 1) != 0 ||
            (k > 1 && pt_map_put(&x->next_dup, id, strlen(id), k + 1) != 0))
            x->oom = true;
        return cand;
    }
    return id;
}

/* A short title: the task's words up to the first ';' or '.', at most about
 * 150 bytes, capitalised. */
static const char *short_title(draft *x, const char *s)
{
    size_t n = 0, len = strlen(s);
    while (n < len && s[n] != ';' && !(s[n] == '.' && (n + 1 == len || s[n + 1] == ' ')) &&
           !(s[n] == ':' && n > 40))
        n++;
    bool cut = false;
    if (n > 150) {
        size_t k = 150;
        while (k > 60 && s[k] != ' ')
            k--;
        n = k;
        cut = true;
    }
    char *t = ar_strndup(x, s, n);
    t = t ? trim_end(x, t, ",: ") : NULL;
    if (t && cut)
        t = pt_arena_printf(x->ar, "%s …", t);
    return t ? first_case(x, t, true) : s;
}

/* "phối hợp (với) …" lists of the text, minus the leads. */
static void read_support(draft *x, task *t, const folded *f)
{
    size_t p = 0, ov[2];
    while (p < f->n && rx_find(&RX_SUPPORT, f->a, f->n, p, false, ov, 1)) {
        name_list l;
        l.n = 0;
        size_t e = parse_list(x, f, ov[1], &l, true);
        for (size_t i = 0; i < l.n; i++) {
            bool in_lead = false;
            for (size_t k = 0; k < t->lead.n && l.v[i].id; k++)
                in_lead = t->lead.v[k].id && strcmp(t->lead.v[k].id, l.v[i].id) == 0;
            if (!in_lead)
                list_add(&t->support, &l.v[i]);
        }
        p = e > ov[1] ? e : ov[1];
    }
}

/* "báo cáo / trình / gửi về X", "… về X": the agency a task reports to. */
static void read_report_to(draft *x, task *t, const folded *f)
{
    size_t p = 0, ov[2];
    while (p < f->n && rx_find(&RX_REPORT, f->a, f->n, p, false, ov, 1)) {
        size_t q = ov[1];
        p = ov[1];
        /* the clause: up to ';' or '.' or 40 words */
        size_t end = q, words = 0;
        while (end < f->n && f->a[end] != ';' && !(f->a[end] == '.' && (end + 1 == f->n || f->a[end + 1] == ' ')) &&
               words < 40) {
            if (f->a[end] == ' ')
                words++;
            end++;
        }
        size_t cand = skip_sp(f, q);
        while (cand < end) {
            const pt_agency *a;
            name_ref r;
            memset(&r, 0, sizeof r);
            if (x->reg && match_agency(x, f, cand, &a)) {
                t->report_to = (name_ref){a->id, a->name, R_EXACT, NULL, false};
                t->has_report_to = true;
                return;
            }
            size_t ue = match_unknown(f, cand);
            if (ue && !t->has_report_to) {
                t->report_to = (name_ref){NULL, unfold(x, f, cand, ue), R_NONE, NULL, false};
                t->has_report_to = true;
                if (x->reg)
                    break; /* keep looking for a known one in later clauses */
                return;
            }
            /* the next "về/với/lên/cho X" of the clause */
            size_t k = cand;
            bool found = false;
            while (k < end && !found) {
                k = word_end(f, skip_sp(f, k));
                size_t w = skip_sp(f, k);
                if (w >= end)
                    break;
                if (word_is(f, w, "ve") || word_is(f, w, "voi") || word_is(f, w, "len") ||
                    word_is(f, w, "toi")) {
                    cand = skip_sp(f, word_end(f, w));
                    found = true;
                }
                k = w + (w == k);
            }
            if (!found)
                break;
        }
    }
}

static const char *kind_of(draft *x, const folded *f, const task *t)
{
    size_t ov[2];
    (void)x;
    if (rx_find(&RX_BAO_CAO, f->a, f->n, 0, false, ov, 1))
        return "report";
    if (rx_find(&RX_KIND_PLAN, f->a, f->n, 0, false, ov, 1))
        return "plan";
    if (rx_find(&RX_KIND_DOC, f->a, f->n, 0, false, ov, 1))
        return "document";
    (void)t;
    return "action";
}

/* Fills a task from its text: title, kind, support, report_to, due, quote.
 * lead_end is where the text's own words start (after its subject). */
static void fill_task(draft *x, task *t, const char *text, size_t lead_end_chars)
{
    folded f;
    if (!fold_str(x, &f, text))
        return;
    t->quote = text;
    size_t start = 0;
    if (lead_end_chars) {
        while (start < f.n && f.map[start] < lead_end_chars)
            start++;
        start = skip_sp(&f, start);
        while (start < f.n && (f.a[start] == ':' || f.a[start] == ','))
            start = skip_sp(&f, start + 1);
    }
    size_t ts = start, ov[2];
    static rx RX_LEAD_WORDS = {"(?:chu tri\\s*(?:,|va)?\\s*)?phoi (?:ket )?hop(?:\\s+chat che)?(?:\\s+(?:voi|cung))?\\s+",
                               NULL, false};
    static rx RX_AFTER = {"\\s*,?\\s*(?!(?:trong|de|nham|ve|tai|o|khi|va)\\b)[a-z]", NULL, false};
    if (rx_find(&RX_LEAD_WORDS, f.a, f.n, ts, true, ov, 1)) {
        name_list l;
        l.n = 0;
        size_t e = parse_list(x, &f, ov[1], &l, true);
        size_t q[2];
        if (e && rx_find(&RX_AFTER, f.a, f.n, e, true, q, 1))
            ts = skip_sp(&f, f.a[skip_sp(&f, e)] == ',' ? skip_sp(&f, e) + 1 : e);
    }
    const char *own = ts < f.n ? unfold(x, &f, ts, f.n) : text;
    t->title = short_title(x, own && *own ? own : text);
    read_support(x, t, &f);
    read_report_to(x, t, &f);
    pick_due(x, t, &f, 0, f.n, start);
    t->kind = kind_of(x, &f, t);
}

/* The addressees of a point's heading. *end_chars is the byte length of
 * the heading's name part in text (0 when it names nobody); *whole tells
 * whether the heading is nothing but names. */
static void heading_lead(draft *x, const char *text, name_list *lead, size_t *end_chars, bool *whole)
{
    folded f;
    lead->n = 0;
    *end_chars = 0;
    *whole = false;
    if (!fold_str(x, &f, text))
        return;
    const char *colon = memchr(f.a, ':', f.n);
    size_t c = colon ? (size_t)(colon - f.a) : f.n;
    if (colon) {
        /* "Các cơ quan báo, đài: Báo Hà Nội mới, Báo …": the names after ':' */
        name_list after;
        after.n = 0;
        size_t e = parse_list(x, &f, c + 1, &after, x->reg == NULL);
        size_t r = e;
        while (r < f.n && (f.a[r] == ' ' || f.a[r] == '.' || f.a[r] == ';'))
            r++;
        bool resolved = after.n > 0;
        for (size_t i = 0; i < after.n; i++)
            resolved = resolved && after.v[i].how != R_VAGUE &&
                       (after.v[i].how != R_NONE || x->reg == NULL);
        if (e && r >= f.n && resolved) {
            *lead = after;
            *end_chars = strlen(text);
            *whole = true;
            return;
        }
    }
    size_t e = parse_list(x, &f, 0, lead, true);
    if (!e)
        return;
    size_t r = e;
    while (r < f.n && (f.a[r] == ' ' || f.a[r] == '.' || f.a[r] == ';'))
        r++;
    *end_chars = f.map[e];
    if (r >= f.n || (r == c && skip_sp(&f, c + 1) >= f.n))
        *whole = true;
}

/* The "Kính gửi" addressees, as a lead for a point that names nobody. */
static void default_lead(draft *x, name_list *out)
{
    out->n = 0;
    for (size_t i = 0; i < x->addressees.n; i++) {
        folded f;
        if (!fold_str(x, &f, x->addressees.v[i].printed))
            continue;
        name_list l;
        l.n = 0;
        parse_list(x, &f, 0, &l, true);
        for (size_t k = 0; k < l.n; k++)
            if (l.v[k].how != R_VAGUE)
                list_add(out, &l.v[k]);
    }
}

/* The "X: …" that opens a bullet, when X is nothing but known names. */
static bool bullet_lead(draft *x, const char *text, name_list *lead, size_t *end_chars)
{
    const char *colon = strchr(text, ':');
    if (!colon || colon - text > 200)
        return false;
    folded f;
    if (!fold_str(x, &f, ar_strndup(x, text, (size_t)(colon - text))))
        return false;
    name_list l;
    l.n = 0;
    size_t e = parse_list(x, &f, 0, &l, false);
    if (!e || skip_sp(&f, e) < f.n || l.n == 0)
        return false;
    for (size_t i = 0; i < l.n; i++)
        if (l.v[i].how != R_EXACT && l.v[i].how != R_GROUP)
            return false;
    *lead = l;
    *end_chars = (size_t)(colon - text) + 1;
    return true;
}

/* One numbered point (heading paragraph h, then its paragraphs up to
 * `to`) of a section with id prefix `prefix`. */
static void do_point(draft *x, const char *prefix, size_t h, size_t to, int mode)
{
    para *hp = &x->p[h];
    const char *pid = *prefix ? pt_arena_printf(x->ar, "%s.%s", prefix, hp->mark)
                              : ar_strdup(x, hp->mark[0] && hp->mk != MK_BULLET ? hp->mark : "1");
    name_list lead;
    size_t lead_end;
    bool whole;
    heading_lead(x, hp->body, &lead, &lead_end, &whole);
    const char *lead_note = NULL;
    static rx RX_NOT_TASK = {
        "(?:thoi gian|pham vi|doi tuong|muc dich|yeu cau|kinh phi|chu de|thong diep|can cu)\\b",
        NULL, false};
    size_t nov[2];
    char *ha = lead.n == 0 ? ascii_of(x, hp->body) : NULL;
    if (ha && rx_find(&RX_NOT_TASK, ha, strlen(ha), 0, true, nov, 1))
        return; /* "Thời gian thực hiện: …" names nobody and is no task */
    if (lead.n == 0) {
        default_lead(x, &lead);
        if (lead.n)
            lead_note = "điểm này không nêu cơ quan: giao cho các nơi nhận ở phần \"Kính gửi\"";
        lead_end = 0;
    }
    /* the point's own text, and its paragraphs */
    const char *own = whole || !*hp->body ? NULL : hp->body;
    bool own_leadin = own && ends_sentence(own) && own[strlen(own) - 1] == ':';
    const char **items = ar_alloc(x, (to - h) * sizeof *items);
    size_t *item_para = ar_alloc(x, (to - h) * sizeof *item_para), ni = 0;
    bool bullets = false;
    if (!items || !item_para)
        return;
    for (size_t k = h + 1; k < to; k++) {
        para *m = &x->p[k];
        if (m->mk == MK_BULLET || m->mk == MK_LETTER) {
            bullets = true;
            if (!*m->body)
                continue;
            items[ni] = m->body;
            item_para[ni++] = k;
        } else if (!bullets) {
            if (m->text[strlen(m->text) - 1] == ':' && mode != SEC_MERGE)
                continue; /* a lead-in to the bullets */
            items[ni] = m->text;
            item_para[ni++] = k;
        } else {
            break; /* closing words after the bullets */
        }
    }
    if (mode == SEC_MERGE || (ni == 0 && own) || (ni == 1 && !own)) {
        pt_buf b = PT_BUF_INIT;
        if (own)
            pt_buf_adds(&b, own);
        for (size_t k = 0; k < ni; k++) {
            if (b.len)
                pt_buf_addc(&b, ' ');
            pt_buf_adds(&b, items[k]);
        }
        const char *text = buf_to_arena(x, &b);
        task *t = text && *text ? new_task(x) : NULL;
        if (!t)
            return;
        t->id = unique_id(x, pid);
        t->line = hp->line;
        t->lead = lead;
        t->lead_note = lead_note;
        fill_task(x, t, text, own ? lead_end : 0);
        return;
    }
    size_t sub = 0;
    if (own && !own_leadin) {
        task *t = new_task(x);
        if (!t)
            return;
        t->id = unique_id(x, pt_arena_printf(x->ar, "%s.%zu", pid, ++sub));
        t->line = hp->line;
        t->lead = lead;
        t->lead_note = lead_note;
        fill_task(x, t, own, lead_end);
    }
    /* a lead-in's "phối hợp với …" goes to each bullet */
    task leadin;
    memset(&leadin, 0, sizeof leadin);
    if (own && own_leadin) {
        folded f;
        if (fold_str(x, &f, own))
            read_support(x, &leadin, &f);
    }
    for (size_t k = 0; k < ni && !x->task_limit; k++) {
        task *t = new_task(x);
        if (!t)
            return;
        t->id = unique_id(x, pt_arena_printf(x->ar, "%s.%zu", pid, ++sub));
        t->line = x->p[item_para[k]].line;
        size_t be = 0;
        name_list bl;
        if (bullet_lead(x, items[k], &bl, &be)) {
            t->lead = bl;
        } else {
            t->lead = lead;
            t->lead_note = lead_note;
        }
        fill_task(x, t, items[k], 0);
        for (size_t s = 0; s < leadin.support.n; s++)
            list_add(&t->support, &leadin.support.v[s]);
    }
}

/* A reporting section: one task per deadline, led by the sentence's
 * subject ("Các Sở, ban, ngành … xây dựng Kế hoạch … trước ngày 20/5/2020
 * và báo cáo kết quả … trước ngày 15/7/2020 gửi về Sở …"). */
static void do_report_section(draft *x, const char *prefix, size_t from, size_t to)
{
    size_t counter = 0;
    for (size_t k = from; k < to && !x->task_limit; k++) {
        const char *text = x->p[k].body;
        folded f;
        if (!fold_str(x, &f, text))
            continue;
        name_list lead;
        lead.n = 0;
        size_t se = parse_list(x, &f, 0, &lead, true);
        dl_match m[16];
        size_t n = find_dated(&f, se, f.n, m, 16);
        if (n == 0 || lead.n == 0)
            continue;
        const char *subject = unfold(x, &f, 0, se);
        task rep;
        memset(&rep, 0, sizeof rep);
        read_report_to(x, &rep, &f);
        for (size_t i = 0; i < n; i++) {
            size_t cs = i == 0 ? se : m[i - 1].e;
            size_t ce = i + 1 == n ? f.n : m[i].e;
            const char *clause = unfold(x, &f, cs, ce);
            if (!clause)
                continue;
            /* a clause goes on from "và …": drop the joining word */
            folded cf;
            if (fold_str(x, &cf, clause)) {
                size_t ov[2];
                static rx RX_JOIN = {"\\s*(?:,\\s*)?(?:va|dong thoi)\\s+", NULL, false};
                if (rx_find(&RX_JOIN, cf.a, cf.n, 0, true, ov, 1))
                    clause = unfold(x, &cf, ov[1], cf.n);
            }
            task *t = new_task(x);
            if (!t)
                return;
            t->id = unique_id(x, pt_arena_printf(x->ar, "%s%s%zu", prefix, *prefix ? "." : "", ++counter));
            t->line = x->p[k].line;
            t->lead = lead;
            const char *quote = i == 0 ? pt_arena_printf(x->ar, "%s %s", subject, clause)
                                       : pt_arena_printf(x->ar, "%s … %s", subject, clause);
            folded qf;
            if (!quote || !fold_str(x, &qf, clause))
                continue;
            t->quote = quote;
            t->title = short_title(x, clause);
            const char *phrase = unfold(x, &f, m[i].s, m[i].e);
            if (phrase && due_parses(phrase))
                t->due = phrase;
            else
                t->due_bad = phrase;
            t->kind = kind_of(x, &qf, t);
            t->report_to = rep.report_to;
            t->has_report_to = rep.has_report_to;
        }
    }
}

static int section_mode(draft *x, const char *heading)
{
    char *a = ascii_of(x, heading);
    size_t ov[2];
    if (!a)
        return SEC_OTHER;
    if (rx_on(&RX_SEC_REPORT, a, ov, 1))
        return SEC_REPORT;
    if (rx_on(&RX_SEC_SPLIT, a, ov, 1))
        return SEC_SPLIT;
    if (rx_on(&RX_SEC_ORG, a, ov, 1))
        return SEC_MERGE;
    return SEC_OTHER;
}

/* The points of paragraphs [from, to) in a section. */
static void do_points(draft *x, const char *prefix, size_t from, size_t to, int mode, bool need_lead)
{
    size_t k = from;
    while (k < to && x->p[k].mk != MK_NUM)
        k++;
    if (k == to) {
        /* no numbered point: each paragraph naming an agency is one */
        int n = 0;
        for (size_t i = from; i < to && !x->task_limit; i++) {
            name_list l;
            size_t e;
            bool whole;
            heading_lead(x, x->p[i].body, &l, &e, &whole);
            if (l.n == 0 || whole)
                continue;
            task *t = new_task(x);
            if (!t)
                return;
            t->id = unique_id(x, pt_arena_printf(x->ar, "%s%s%d", prefix, *prefix ? "." : "", ++n));
            t->line = x->p[i].line;
            t->lead = l;
            fill_task(x, t, x->p[i].body, e);
        }
        return;
    }
    while (k < to && !x->task_limit) {
        size_t e = k + 1;
        while (e < to && x->p[e].mk != MK_NUM)
            e++;
        if (need_lead) {
            name_list l;
            size_t le;
            bool whole;
            heading_lead(x, x->p[k].body, &l, &le, &whole);
            if (l.n == 0) {
                k = e;
                continue;
            }
        }
        do_point(x, prefix, k, e, mode);
        k = e;
    }
}

static void read_tasks(draft *x)
{
    size_t secs[64], ns = 0;
    for (size_t i = x->open_to; i < x->body_to && ns < 63; i++)
        if (x->p[i].mk == MK_ROMAN)
            secs[ns++] = i;
    if (ns == 0) {
        do_points(x, "", x->open_to, x->body_to, SEC_SPLIT, false);
        return;
    }
    secs[ns] = x->body_to;
    int modes[64];
    bool any = false;
    for (size_t s = 0; s < ns; s++) {
        modes[s] = section_mode(x, x->p[secs[s]].body);
        any = any || modes[s] == SEC_SPLIT || modes[s] == SEC_MERGE;
    }
    for (size_t s = 0; s < ns && !x->task_limit; s++) {
        const char *prefix = x->p[secs[s]].mark;
        if (modes[s] == SEC_REPORT)
            do_report_section(x, prefix, secs[s] + 1, secs[s + 1]);
        else if (modes[s] == SEC_SPLIT || modes[s] == SEC_MERGE)
            do_points(x, prefix, secs[s] + 1, secs[s + 1], modes[s], false);
        else if (!any)
            do_points(x, prefix, secs[s] + 1, secs[s + 1], SEC_SPLIT, true);
    }
}

/* ---- YAML output ------------------------------------------------------------- */

/* s as a YAML double-quoted scalar: quotes, backslashes and every character
 * YAML does not allow raw (controls, line and paragraph separators, BOM,
 * non-characters) escaped. */
static void y_str(pt_buf *b, const char *s)
{
    if (!s) {
        pt_buf_adds(b, "null");
        return;
    }
    pt_buf_addc(b, '"');
    const char *p = s, *end = s + strlen(s);
    while (p < end) {
        int32_t cp;
        size_t m = pt_utf8_decode(p, end, &cp);
        if (cp == '"')
            pt_buf_adds(b, "\\\"");
        else if (cp == '\\')
            pt_buf_adds(b, "\\\\");
        else if (cp == '\n')
            pt_buf_adds(b, "\\n");
        else if (cp == '\t')
            pt_buf_adds(b, "\\t");
        else if (cp < 0)
            pt_buf_adds(b, "\\uFFFD");
        else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
            pt_buf_printf(b, "\\x%02X", (unsigned)cp);
        else if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF)
            pt_buf_printf(b, "\\u%04X", (unsigned)cp);
        else
            pt_buf_add(b, p, m);
        p += m;
    }
    pt_buf_addc(b, '"');
}

/* "  # text": a comment never holds a line break or a control character. */
static void y_comment(pt_buf *b, const char *prefix, const char *text)
{
    if (!text)
        return;
    pt_buf_adds(b, prefix);
    const char *p = text, *end = text + strlen(text);
    while (p < end) {
        int32_t cp;
        size_t m = pt_utf8_decode(p, end, &cp);
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 ||
            cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF)
            pt_buf_addc(b, ' ');
        else
            pt_buf_add(b, p, m);
        p += m;
    }
}

static void y_key(pt_buf *b, const char *indent, const char *key, const char *val,
                  const char *note)
{
    pt_buf_printf(b, "%s%s: ", indent, key);
    y_str(b, val);
    y_comment(b, "   # kiểm tra: ", note);
    pt_buf_addc(b, '\n');
}

static void write_header(draft *x, pt_buf *b, const char *name, const char *registry_path)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    pt_buf_adds(b, "# Bản nháp kế hoạch do `plantrack draft` lập từ ");
    y_comment(b, "", base);
    pt_buf_adds(b, ".\n# Mọi chỗ máy phỏng đoán đều có ghi chú \"# kiểm tra: …\": đọc lại"
                   " từng chỗ trước khi dùng.\n");
    y_key(b, "", "plan", x->plan_id, "mã kế hoạch do máy đặt (địa danh-năm-số)");
    y_key(b, "", "title", x->title, x->title_note);
    y_key(b, "", "kind", x->kind, x->kind ? x->kind_note : "không xác định được loại văn bản");
    y_key(b, "", "number", x->number, x->number ? NULL : "văn bản không in số ký hiệu");
    y_key(b, "", "issuer", x->issuer, x->issuer ? x->issuer_note : "không xác định được cơ quan ban hành");
    pt_buf_adds(b, "issued: ");
    y_str(b, x->issued);
    if (x->issued_printed)
        y_comment(b, "   # văn bản in: ", x->issued_printed);
    else
        y_comment(b, "   # kiểm tra: ", "văn bản không in ngày ban hành");
    pt_buf_addc(b, '\n');
    y_key(b, "", "place", x->place, x->place ? x->place_note : NULL);
    y_key(b, "", "subject", x->subject, NULL);
    if (x->nbasis == 0) {
        pt_buf_adds(b, "basis: []\n");
    } else {
        pt_buf_adds(b, "basis:\n");
        for (size_t i = 0; i < x->nbasis; i++) {
            pt_buf_adds(b, "  - ");
            y_str(b, x->basis[i]);
            y_comment(b, "   # kiểm tra: ", x->basis_note[i]);
            pt_buf_addc(b, '\n');
        }
    }
    y_key(b, "", "period", x->period, x->period_note);
    if (registry_path) {
        const char *rb = strrchr(registry_path, '/');
        rb = rb ? rb + 1 : registry_path;
        char *rp = pt_arena_printf(x->ar, "registries/%s", rb);
        pt_buf_adds(b, "registry: ");
        y_str(b, rp);
        y_comment(b, "   # ", "đường dẫn tính từ thư mục chứa bản nháp: lưu bản nháp cạnh thư mục registries/");
        pt_buf_addc(b, '\n');
    } else {
        pt_buf_adds(b, "registry: null   # kiểm tra: chưa có danh mục cơ quan (--registry)\n");
    }
    y_key(b, "", "source", base, NULL);
}

/* The plan id: place, year and number ("hanoi-2017-1554"). */
static void make_plan_id(draft *x)
{
    pt_buf b = PT_BUF_INIT;
    const char *pa = x->place ? ascii_of(x, x->place) : NULL;
    for (const char *p = pa; p && *p; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
            pt_buf_addc(&b, *p);
    int year = x->year;
    if (!year && x->title) {
        for (const char *p = x->title; *p && !year; p++)
            if ((p[0] == '1' || p[0] == '2') && (p[1] == '9' || p[1] == '0') &&
                isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
                !isdigit((unsigned char)p[4]) && (p == x->title || !isdigit((unsigned char)p[-1])))
                year = atoi(p);
    }
    if (year) {
        if (b.len)
            pt_buf_addc(&b, '-');
        pt_buf_printf(&b, "%d", year);
    }
    if (x->has_num && x->num.number >= 0) {
        const char *c = x->num.clean;
        if (b.len)
            pt_buf_addc(&b, '-');
        while (isdigit((unsigned char)*c))
            pt_buf_addc(&b, *c++);
    } else if (x->kind) {
        const char *ka = ascii_of(x, x->kind);
        if (b.len)
            pt_buf_addc(&b, '-');
        for (const char *p = ka; p && *p; p++)
            if (isalnum((unsigned char)*p))
                pt_buf_addc(&b, (char)tolower((unsigned char)*p));
    }
    if (b.len == 0)
        pt_buf_adds(&b, "draft");
    x->plan_id = buf_to_arena(x, &b);
}


/* ---- writing the tasks ------------------------------------------------------------ */

static void note_add(pt_buf *n, const char *text)
{
    if (!text)
        return;
    if (n->len)
        pt_buf_adds(n, "; ");
    pt_buf_adds(n, text);
}

/* Resolves the names of a list for writing: guesses for unknown names,
 * warnings, counts. Returns how many ids the list gives. */
static size_t settle_list(draft *x, task *t, name_list *l, bool is_lead, pt_buf *note,
                          pt_draft_stats *st)
{
    size_t ids = 0;
    for (size_t i = 0; i < l->n; i++) {
        name_ref *r = &l->v[i];
        if (r->how == R_NONE)
            resolve_guess(x, r);
        switch (r->how) {
        case R_EXACT:
        case R_GROUP:
            st->matched++;
            ids++;
            note_add(note, r->note);
            break;
        case R_GUESS:
            st->unmatched++;
            ids++;
            note_add(note, r->note);
            if (is_lead && !t->commented)
                pt_diag_add(x->d, PT_W_DRAFT_GUESSED, x->file, t->line, 1, r->printed ? r->printed : "",
                            t->id, r->id);
            break;
        case R_VAGUE:
            note_add(note, pt_arena_printf(x->ar, "\"%s\" không chỉ rõ cơ quan: không ghi", r->printed));
            break;
        default:
            st->unmatched++;
            if (x->reg && r->note)
                note_add(note, r->note);
            else if (x->reg)
                note_add(note, pt_arena_printf(x->ar, "\"%s\" không có trong danh mục: không ghi",
                                               r->printed ? r->printed : ""));
            else
                ids++;
            break;
        }
    }
    return ids;
}

static void write_list(pt_buf *b, const char *indent, const char *key, const name_list *l, bool reg)
{
    pt_buf_printf(b, "%s%s: [", indent, key);
    bool first = true;
    for (size_t i = 0; i < l->n; i++) {
        const name_ref *r = &l->v[i];
        const char *v = r->how == R_EXACT || r->how == R_GROUP || r->how == R_GUESS ? r->id
                        : (!reg && r->how == R_NONE) ? r->printed
                                                     : NULL;
        if (!v)
            continue;
        if (!first)
            pt_buf_adds(b, ", ");
        y_str(b, v);
        first = false;
    }
    pt_buf_addc(b, ']');
}

/* Settles a task's names: guesses, warnings, counts, comments; a task
 * without any lead in the registry is to be written as a comment. */
static void settle_task(draft *x, task *t, pt_draft_stats *st)
{
    pt_buf lead_note = PT_BUF_INIT, sup_note = PT_BUF_INIT;
    note_add(&lead_note, t->lead_note);
    bool none = true;
    for (size_t i = 0; i < t->lead.n; i++)
        if (t->lead.v[i].how == R_NONE)
            resolve_guess(x, &t->lead.v[i]);
    for (size_t i = 0; i < t->lead.n; i++)
        none = none && t->lead.v[i].how != R_EXACT && t->lead.v[i].how != R_GROUP &&
               t->lead.v[i].how != R_GUESS;
    t->commented = none && x->reg;
    size_t ids = settle_list(x, t, &t->lead, true, &lead_note, st);
    settle_list(x, t, &t->support, false, &sup_note, st);
    if (ids == 0 && x->reg) {
        const char *who = NULL;
        for (size_t i = 0; i < t->lead.n && !who; i++)
            who = t->lead.v[i].how == R_NONE ? t->lead.v[i].printed : NULL;
        if (who)
            pt_diag_add(x->d, PT_W_DRAFT_UNMATCHED, x->file, t->line, 1, who, t->id);
        else
            pt_diag_add(x->d, PT_W_DRAFT_NO_LEAD, x->file, t->line, 1, t->id);
    } else if (x->reg) {
        for (size_t i = 0; i < t->lead.n; i++)
            if (t->lead.v[i].how == R_NONE)
                pt_diag_add(x->d, PT_W_DRAFT_LEFT_OUT, x->file, t->line, 1,
                            t->lead.v[i].printed ? t->lead.v[i].printed : "", t->id);
    } else if (ids == 0) {
        note_add(&lead_note, "không xác định được cơ quan chủ trì");
    }
    t->lead_notes = lead_note.len ? buf_to_arena(x, &lead_note) : NULL;
    t->sup_notes = sup_note.len ? buf_to_arena(x, &sup_note) : NULL;
    pt_buf_release(&lead_note);
    pt_buf_release(&sup_note);
}

static void write_task(draft *x, pt_buf *out, task *t, pt_draft_stats *st)
{
    pt_buf b = PT_BUF_INIT;
    const char *ind = "    ";
    pt_buf_adds(&b, "  - id: ");
    y_str(&b, t->id);
    pt_buf_addc(&b, '\n');
    y_key(&b, ind, "title", t->title, NULL);
    y_key(&b, ind, "kind", t->kind ? t->kind : "action", NULL);
    write_list(&b, ind, "lead", &t->lead, x->reg != NULL);
    y_comment(&b, "   # kiểm tra: ", t->lead_notes);
    pt_buf_addc(&b, '\n');
    write_list(&b, ind, "support", &t->support, x->reg != NULL);
    y_comment(&b, "   # kiểm tra: ", t->sup_notes);
    pt_buf_addc(&b, '\n');
    if (t->has_report_to) {
        if (t->report_to.id || !x->reg) {
            y_key(&b, ind, "report_to", t->report_to.id ? t->report_to.id : t->report_to.printed,
                  NULL);
        } else {
            pt_buf_printf(&b, "%s", ind);
            y_comment(&b, "# kiểm tra: ",
                      pt_arena_printf(x->ar, "báo cáo \"%s\": không có trong danh mục, không ghi report_to",
                                      t->report_to.printed ? t->report_to.printed : ""));
            pt_buf_addc(&b, '\n');
        }
    }
    if (t->due) {
        y_key(&b, ind, "due", t->due, t->due_note);
        st->deadlines++;
    } else if (t->due_bad) {
        pt_buf_adds(&b, ind);
        y_comment(&b, "# kiểm tra: ",
                  pt_arena_printf(x->ar, "thời hạn in \"%s\" không đọc được: ghi lại due", t->due_bad));
        pt_buf_addc(&b, '\n');
    }
    y_key(&b, ind, "quote", t->quote, NULL);
    if (t->commented) {
        /* every line of the task as a comment */
        pt_buf_adds(out, "  # kiểm tra: ");
        y_comment(out, "", pt_arena_printf(x->ar, "nhiệm vụ %s không có cơ quan chủ trì trong danh mục: ghi"
                                                  " cơ quan rồi bỏ dấu # ở các dòng dưới",
                                           t->id));
        pt_buf_addc(out, '\n');
        const char *p = b.data ? b.data : "";
        while (*p) {
            const char *e = strchr(p, '\n');
            size_t l = e ? (size_t)(e - p) : strlen(p);
            pt_buf_adds(out, "  # ");
            pt_buf_add(out, p, l);
            pt_buf_addc(out, '\n');
            p += l + (e ? 1 : 0);
        }
    } else {
        pt_buf_add(out, b.data ? b.data : "", b.len);
        st->tasks++;
    }
    if (b.oom)
        x->oom = true;
    pt_buf_release(&b);
}

static void write_tasks(draft *x, pt_buf *out, pt_draft_stats *st)
{
    if (x->nt == 0) {
        pt_buf_adds(out, "tasks: []   # kiểm tra: không tìm thấy nhiệm vụ nào: thêm nhiệm vụ\n");
        pt_diag_add(x->d, PT_W_DRAFT_NO_TASKS, x->file, 0, 0);
        return;
    }
    size_t active = 0;
    for (size_t i = 0; i < x->nt; i++) {
        settle_task(x, &x->t[i], st);
        active += !x->t[i].commented;
    }
    /* with every task commented out, the list is written empty */
    pt_buf_adds(out, active ? "tasks:\n" : "tasks: []   # kiểm tra: mọi nhiệm vụ đều để dạng ghi chú\n");
    for (size_t i = 0; i < x->nt; i++)
        write_task(x, out, &x->t[i], st);
    if (x->task_limit)
        pt_diag_add(x->d, PT_W_DRAFT_TASK_LIMIT, x->file, 0, 0, DRAFT_MAX_TASKS);
}

/* ---- entry point ------------------------------------------------------------- */

/* Line and column of byte off in text (1-based, characters). */
static void line_col(const char *text, size_t off, int *line, int *col)
{
    int l = 1;
    size_t ls = 0;
    for (size_t i = 0; i < off; i++)
        if (text[i] == '\n') {
            l++;
            ls = i + 1;
        }
    *line = l;
    *col = (int)pt_utf8_chars(text + ls, off - ls) + 1;
}

int pt_draft(pt_buf *out, pt_draft_stats *stats, const char *name, const char *text, size_t len,
             const pt_registry *reg, const char *registry_path, pt_diags *d)
{
    pt_draft_stats zero = {0, 0, 0, 0, 0};
    if (stats)
        *stats = zero;
    if (!name)
        name = "";
    if (!text || len == 0) {
        pt_diag_add(d, PT_E_EMPTY, name, 0, 0);
        return -1;
    }
    if (len > (size_t)DRAFT_MAX_MIB << 20) {
        pt_diag_add(d, PT_E_DRAFT_TOO_BIG, name, 0, 0, (size_t)DRAFT_MAX_MIB);
        return -1;
    }
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        int l, c;
        line_col(text, (size_t)(nul - text), &l, &c);
        pt_diag_add(d, PT_E_NUL, name, l, c);
        return -1;
    }
    size_t bad;
    if (!pt_utf8_valid(text, len, &bad)) {
        int l, c;
        line_col(text, bad, &l, &c);
        pt_diag_add(d, PT_E_UTF8, name, l, c, (unsigned)(unsigned char)text[bad]);
        return -1;
    }
    draft x;
    memset(&x, 0, sizeof x);
    x.ar = pt_arena_new();
    x.d = d;
    x.file = name;
    x.reg = reg;
    int rc = -1;
    if (!x.ar) {
        pt_diag_add(d, PT_E_DRAFT_NOMEM, name, 0, 0);
        return -1;
    }
    /* a UTF-8 byte order mark is not text */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    char *nfc = pt_nfc(text, len);
    size_t nl = 0;
    line_t *lines = NULL;
    if (nfc) {
        x.text = ar_strdup(&x, nfc);
        free(nfc);
    }
    if (x.text)
        lines = cut_lines(&x, x.text, strlen(x.text), &nl);
    if (!lines || !make_paragraphs(&x, lines, nl) || x.oom) {
        pt_diag_add(d, PT_E_DRAFT_NOMEM, name, 0, 0);
        goto done;
    }
    read_header(&x);
    bool points = false;
    for (size_t i = x.open_from; i < x.body_to && !points; i++)
        points = x.p[i].mk == MK_NUM || x.p[i].mk == MK_ROMAN;
    if (!x.number && !x.title_found && !x.subject && !x.issuer && !points) {
        pt_diag_add(d, PT_E_DRAFT_NO_DOCUMENT, name, 0, 0);
        goto done;
    }
    read_basis(&x);
    read_period(&x);
    make_plan_id(&x);
    load_groups(&x);
    read_tasks(&x);
    pt_draft_stats st = {0, 0, 0, 0, 0};
    st.basis = x.nbasis;
    pt_buf b = PT_BUF_INIT;
    write_header(&x, &b, name, reg ? (registry_path ? registry_path : pt_registry_path(reg)) : NULL);
    write_tasks(&x, &b, &st);
    if (!reg)
        pt_diag_add(d, PT_W_DRAFT_NO_REGISTRY, name, 0, 0);
    if (stats)
        *stats = st;
    if (x.oom || b.oom) {
        pt_buf_release(&b);
        pt_diag_add(d, PT_E_DRAFT_NOMEM, name, 0, 0);
        goto done;
    }
    pt_buf_add(out, b.data ? b.data : "", b.len);
    pt_buf_release(&b);
    rc = 0;
done:
    pt_map_release(&x.ids);
    pt_map_release(&x.next_dup);
    pt_arena_free(x.ar);
    return rc;
}
