/* pt_calendar.c - working days, official days off, roll forward.
 *
 * Days off are looked up in O(1): two bitsets (holidays, swapped workdays)
 * cover every day from 1 January of the first listed year to 31 December of
 * the last; outside them only the weekend rule applies. Holiday names are
 * kept in a sorted array (binary search: they are only wanted by explain).
 */
#include "pt_calendar.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pt_text.h"
#include "pt_util.h"
#include "pt_yaml.h"

typedef struct {
    pt_date day;
    char *name;
    bool workday;
} named_day;

struct pt_calendar {
    char *id;
    unsigned weekend;        /* bit w set: weekday w (0 = Monday) is off */
    int first_year, last_year;
    pt_date base;            /* 1 January of first_year */
    size_t ndays;
    uint8_t *hol, *work;     /* bitsets over [base, base + ndays) */
    named_day *names;        /* sorted by day, then workday */
    size_t nnames, capnames;
};

pt_calendar *pt_calendar_new(const char *id)
{
    pt_calendar *cal = calloc(1, sizeof *cal);
    if (!cal)
        return NULL;
    cal->id = strdup(id ? id : "");
    if (!cal->id) {
        free(cal);
        return NULL;
    }
    cal->weekend = (1u << 5) | (1u << 6);
    return cal;
}

void pt_calendar_free(pt_calendar *cal)
{
    if (!cal)
        return;
    for (size_t i = 0; i < cal->nnames; i++)
        free(cal->names[i].name);
    free(cal->names);
    free(cal->hol);
    free(cal->work);
    free(cal->id);
    free(cal);
}

const char *pt_calendar_id(const pt_calendar *cal) { return cal ? cal->id : ""; }

void pt_calendar_set_weekend(pt_calendar *cal, int weekday, bool off)
{
    if (!cal || weekday < 0 || weekday > 6)
        return;
    if (off)
        cal->weekend |= 1u << weekday;
    else
        cal->weekend &= ~(1u << weekday);
}

int pt_calendar_first_year(const pt_calendar *cal) { return cal ? cal->first_year : 0; }
int pt_calendar_last_year(const pt_calendar *cal) { return cal ? cal->last_year : 0; }

static pt_date jan1(int y)
{
    pt_date d = 0;
    pt_date_make(&d, y, 1, 1);
    return d;
}

/* Widens the bitsets so that they cover year y. */
static int cover_year(pt_calendar *cal, int y)
{
    if (cal->first_year && y >= cal->first_year && y <= cal->last_year)
        return 0;
    int fy = cal->first_year ? (y < cal->first_year ? y : cal->first_year) : y;
    int ly = cal->first_year ? (y > cal->last_year ? y : cal->last_year) : y;
    pt_date base = jan1(fy), last = 0;
    /* 31/12 of the last year, not 1/1 of the next: that year may be past
     * PT_YEAR_MAX, where no day number exists. */
    pt_date_make(&last, ly, 12, 31);
    size_t ndays = (size_t)(last + 1 - base);
    size_t nbytes = (ndays + 7) / 8;
    uint8_t *hol = calloc(nbytes, 1), *work = calloc(nbytes, 1);
    if (!hol || !work) {
        free(hol);
        free(work);
        return -1;
    }
    if (cal->first_year) {
        /* Copy the old bits at their new place, bit by bit (rare and small). */
        size_t shift = (size_t)(cal->base - base);
        for (size_t i = 0; i < cal->ndays; i++) {
            size_t j = i + shift;
            if (cal->hol[i / 8] & (1u << (i % 8)))
                hol[j / 8] |= (uint8_t)(1u << (j % 8));
            if (cal->work[i / 8] & (1u << (i % 8)))
                work[j / 8] |= (uint8_t)(1u << (j % 8));
        }
    }
    free(cal->hol);
    free(cal->work);
    cal->hol = hol;
    cal->work = work;
    cal->base = base;
    cal->ndays = ndays;
    cal->first_year = fy;
    cal->last_year = ly;
    return 0;
}

/* Index of day in the bitsets, or -1 when outside them. */
static long bit_index(const pt_calendar *cal, pt_date day)
{
    if (!cal->first_year || day == PT_DATE_NONE || day < cal->base)
        return -1;
    int64_t i = (int64_t)day - cal->base;
    return i < (int64_t)cal->ndays ? (long)i : -1;
}

static bool bit_get(const uint8_t *bits, long i) { return bits[i / 8] & (1u << (i % 8)); }

static int add_name(pt_calendar *cal, pt_date day, const char *name, bool workday)
{
    if (!name)
        return 0;
    if (pt_grow(&cal->names, cal->nnames, &cal->capnames, sizeof *cal->names, 32) != 0)
        return -1;
    char *copy = strdup(name);
    if (!copy)
        return -1;
    size_t i = cal->nnames;
    while (i > 0 && (cal->names[i - 1].day > day ||
                     (cal->names[i - 1].day == day && cal->names[i - 1].workday > workday)))
        i--;
    if (i < cal->nnames && cal->names[i].day == day && cal->names[i].workday == workday) {
        free(cal->names[i].name);   /* listed again: the last name wins */
        cal->names[i].name = copy;
        return 0;
    }
    memmove(&cal->names[i + 1], &cal->names[i], (cal->nnames - i) * sizeof *cal->names);
    cal->names[i] = (named_day){day, copy, workday};
    cal->nnames++;
    return 0;
}

static int add_day(pt_calendar *cal, pt_date day, const char *name, bool workday)
{
    if (!cal || day == PT_DATE_NONE)
        return -1;
    int y, m, d;
    pt_date_ymd(day, &y, &m, &d);
    if (cover_year(cal, y) != 0)
        return -1;
    long i = bit_index(cal, day);
    uint8_t *bits = workday ? cal->work : cal->hol;
    bits[i / 8] |= (uint8_t)(1u << (i % 8));
    return add_name(cal, day, name, workday);
}

int pt_calendar_add_holiday(pt_calendar *cal, pt_date day, const char *name)
{
    return add_day(cal, day, name, false);
}

int pt_calendar_add_workday(pt_calendar *cal, pt_date day, const char *name)
{
    return add_day(cal, day, name, true);
}

bool pt_calendar_is_holiday(const pt_calendar *cal, pt_date day)
{
    if (!cal)
        return false;
    long i = bit_index(cal, day);
    return i >= 0 && bit_get(cal->hol, i);
}

bool pt_calendar_is_off(const pt_calendar *cal, pt_date day)
{
    if (day == PT_DATE_NONE)
        return false;
    unsigned weekend = cal ? cal->weekend : (1u << 5) | (1u << 6);
    if (cal) {
        long i = bit_index(cal, day);
        if (i >= 0) {
            if (bit_get(cal->hol, i))
                return true;
            if (bit_get(cal->work, i))
                return false;
        }
    }
    return (weekend >> pt_date_weekday(day)) & 1u;
}

const char *pt_calendar_holiday_name(const pt_calendar *cal, pt_date day)
{
    if (!cal || !pt_calendar_is_holiday(cal, day))
        return NULL;
    size_t lo = 0, hi = cal->nnames;
    while (lo < hi) {   /* the first entry of day or after it */
        size_t mid = lo + (hi - lo) / 2;
        if (cal->names[mid].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* entries are sorted by day, the holiday before the workday */
    if (lo < cal->nnames && cal->names[lo].day == day && !cal->names[lo].workday)
        return cal->names[lo].name;
    return NULL;
}

/* The last day after which only the weekend rule applies, plus a week: a
 * search for a working day that passes it without finding one never will. */
static pt_date search_limit(const pt_calendar *cal, pt_date from)
{
    pt_date end = from;
    if (cal && cal->first_year) {
        pt_date last = cal->base + (pt_date)cal->ndays;
        if (last > end)
            end = last;
    }
    return end + 8;
}

pt_date pt_calendar_roll(const pt_calendar *cal, pt_date day)
{
    if (day == PT_DATE_NONE)
        return day;
    pt_date limit = search_limit(cal, day);
    for (pt_date d = day; d <= limit; d++)
        if (!pt_calendar_is_off(cal, d))
            return d;
    return PT_DATE_NONE;
}

pt_date pt_calendar_add_workdays(const pt_calendar *cal, pt_date day, int n)
{
    if (day == PT_DATE_NONE || n <= 0)
        return day;
    pt_date d = day;
    while (n > 0) {
        pt_date next = pt_calendar_roll(cal, d + 1);
        if (next == PT_DATE_NONE)
            return PT_DATE_NONE;
        d = next;
        n--;
    }
    return d;
}

/* ---- loading a calendar file (SPEC 2.4) ---- */

static const char *const weekday_keys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const weekday_vi[7] = {"thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm",
                                          "thứ Sáu", "thứ Bảy", "Chủ nhật"};

/* Why y-m-d does not exist, in words for a message. */
static void why_not_a_date(char *buf, size_t size, int y, int m, int d)
{
    if (y < PT_YEAR_MIN || y > PT_YEAR_MAX)
        snprintf(buf, size, "year %d is outside %d-%d", y, PT_YEAR_MIN, PT_YEAR_MAX);
    else if (m < 1 || m > 12)
        snprintf(buf, size, "there is no month %d", m);
    else if (d < 1)
        snprintf(buf, size, "there is no day %d", d);
    else
        snprintf(buf, size, "month %d of %d has %d days", m, y, pt_days_in_month(y, m));
}

/* Reads y, m, d out of a date of the shape pt_date_parse accepts. */
static void split_date(const char *s, int *y, int *m, int *d)
{
    int a = 0, b = 0, c = 0, na = 0;
    const char *p = s;
    while (*p == ' ')
        p++;
    for (; *p >= '0' && *p <= '9'; p++, na++)
        a = a * 10 + (*p - '0');
    if (*p)
        p++;
    for (; *p >= '0' && *p <= '9'; p++)
        b = b * 10 + (*p - '0');
    if (*p)
        p++;
    for (; *p >= '0' && *p <= '9'; p++)
        c = c * 10 + (*p - '0');
    if (na == 4)
        *y = a, *m = b, *d = c;
    else
        *d = a, *m = b, *y = c;
}

typedef struct {
    pt_date day;
    int line, col;
    bool workday;
} seen_day;

static int cmp_seen(const void *a, const void *b)
{
    const seen_day *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->workday != y->workday)
        return x->workday ? 1 : -1;
    return x->line < y->line ? -1 : x->line > y->line;
}

static int load_days(pt_calendar *cal, const pt_doc *doc, const pt_node *list, const char *key,
                     bool workday, seen_day **seen, size_t *nseen, size_t *capseen, pt_diags *d)
{
    const char *file = pt_doc_path(doc);
    int errors = 0;
    if (!list || pt_node_is_null(list))
        return 0;
    if (list->type != PT_NODE_SEQ) {
        pt_diag_add(d, PT_E_TYPE, file, list->line, list->col, key, "a list of dates",
                    pt_node_kind(list));
        return 1;
    }
    static const char *const entry_keys[] = {"date", "name", NULL};
    for (size_t i = 0; i < list->n; i++) {
        const pt_node *item = list->items[i], *dn = item, *nn = NULL;
        if (item->type == PT_NODE_MAP) {
            errors += pt_node_check_keys(doc, item, entry_keys, workday ? "workday" : "holiday", d);
            dn = pt_node_get(item, "date");
            nn = pt_node_get(item, "name");
            if (!dn) {
                pt_diag_add(d, PT_E_MISSING_KEY, file, item->line, item->col,
                            workday ? "workday" : "holiday", "date");
                errors++;
                continue;
            }
        }
        if (dn->type != PT_NODE_SCALAR) {
            pt_diag_add(d, PT_E_CAL_ENTRY, file, dn->line, dn->col, key, pt_node_kind(dn));
            errors++;
            continue;
        }
        if (nn && (nn->type != PT_NODE_SCALAR)) {
            char what[64];
            snprintf(what, sizeof what, "%s", dn->str);
            pt_diag_add(d, PT_E_CAL_NAME, file, nn->line, nn->col, what, pt_node_kind(nn));
            errors++;
            nn = NULL;
        }
        pt_date day;
        int rc = pt_date_parse(&day, dn->str);
        if (rc == -1) {
            pt_diag_add(d, PT_E_CAL_BAD_DATE, file, dn->line, dn->col, dn->str);
            errors++;
            continue;
        }
        if (rc == -2) {
            int y, m, dd;
            char why[96];
            split_date(dn->str, &y, &m, &dd);
            why_not_a_date(why, sizeof why, y, m, dd);
            pt_diag_add(d, PT_E_CAL_NO_SUCH_DAY, file, dn->line, dn->col, dn->str, why);
            errors++;
            continue;
        }
        if (workday && !((cal->weekend >> pt_date_weekday(day)) & 1u)) {
            char iso[11];
            pt_date_iso(day, iso);
            pt_diag_add(d, PT_E_CAL_NOT_WEEKEND, file, dn->line, dn->col, iso,
                        weekday_vi[pt_date_weekday(day)]);
            errors++;
            continue;
        }
        if (pt_grow(seen, *nseen, capseen, sizeof **seen, 64) != 0)
            return errors + 1;
        (*seen)[(*nseen)++] = (seen_day){day, dn->line, dn->col, workday};
        const char *name = nn && !pt_node_is_null(nn) ? nn->str : NULL;
        if ((workday ? pt_calendar_add_workday(cal, day, name)
                     : pt_calendar_add_holiday(cal, day, name)) != 0)
            return errors + 1;
    }
    return errors;
}

pt_calendar *pt_calendar_from_doc(const pt_doc *doc, pt_diags *d)
{
    const pt_node *root = doc ? pt_doc_root(doc) : NULL;
    const char *file = doc ? pt_doc_path(doc) : "";
    if (!root)
        return NULL;
    if (root->type != PT_NODE_MAP) {
        pt_diag_add(d, PT_E_NOT_MAP, file, root->line, root->col, "a calendar file",
                    pt_node_kind(root));
        return NULL;
    }
    static const char *const keys[] = {"calendar", "name", "weekend", "holidays", "workdays", NULL};
    int errors = pt_node_check_keys(doc, root, keys, "calendar", d);
    const pt_node *idn = pt_node_get(root, "calendar");
    const char *id = "";
    if (!idn) {
        pt_diag_add(d, PT_E_MISSING_KEY, file, root->line, root->col, "calendar file", "calendar");
        errors++;
    } else if (idn->type != PT_NODE_SCALAR || pt_node_is_null(idn)) {
        pt_diag_add(d, PT_E_TYPE, file, idn->line, idn->col, "calendar", "a name",
                    pt_node_kind(idn));
        errors++;
    } else {
        id = idn->str;
    }
    pt_calendar *cal = pt_calendar_new(id);
    if (!cal)
        return NULL;

    const pt_node *wk = pt_node_get(root, "weekend");
    if (wk && !pt_node_is_null(wk)) {
        if (wk->type != PT_NODE_SEQ) {
            pt_diag_add(d, PT_E_TYPE, file, wk->line, wk->col, "weekend",
                        "a list of weekdays (mon ... sun)", pt_node_kind(wk));
            errors++;
        } else {
            unsigned mask = 0;
            int first_line[7] = {0};
            for (size_t i = 0; i < wk->n; i++) {
                const pt_node *w = wk->items[i];
                int wd = -1;
                if (w->type == PT_NODE_SCALAR)
                    for (int k = 0; k < 7; k++)
                        if (strcmp(w->str, weekday_keys[k]) == 0)
                            wd = k;
                if (wd < 0) {
                    char dym[96] = "";
                    if (w->type == PT_NODE_SCALAR)
                        pt_did_you_mean(dym, sizeof dym, pt_suggest(w->str, weekday_keys, 7));
                    pt_diag_add(d, PT_E_CAL_WEEKDAY, file, w->line, w->col,
                                w->type == PT_NODE_SCALAR ? w->str : pt_node_kind(w), dym);
                    errors++;
                    continue;
                }
                if (mask & (1u << wd)) {
                    pt_diag_add(d, PT_E_CAL_DUP, file, w->line, w->col, weekday_keys[wd], "weekend",
                                first_line[wd]);
                    errors++;
                }
                mask |= 1u << wd;
                first_line[wd] = w->line;
            }
            if (mask == 0x7f) {
                pt_diag_add(d, PT_E_CAL_ALL_WEEKEND, file, wk->line, wk->col);
                errors++;
            }
            cal->weekend = mask;
        }
    }

    seen_day *seen = NULL;
    size_t nseen = 0, capseen = 0;
    errors += load_days(cal, doc, pt_node_get(root, "holidays"), "holidays", false, &seen, &nseen,
                        &capseen, d);
    errors += load_days(cal, doc, pt_node_get(root, "workdays"), "workdays", true, &seen, &nseen,
                        &capseen, d);
    /* A date listed twice, or both as a holiday and as a workday. */
    if (nseen > 1) {
        qsort(seen, nseen, sizeof *seen, cmp_seen);
        for (size_t i = 1; i < nseen; i++) {
            if (seen[i].day != seen[i - 1].day)
                continue;
            char iso[11];
            pt_date_iso(seen[i].day, iso);
            size_t first = i - 1;
            while (first > 0 && seen[first - 1].day == seen[i].day)
                first--;
            if (seen[i].workday == seen[i - 1].workday) {
                pt_diag_add(d, PT_E_CAL_DUP, file, seen[i].line, seen[i].col, iso,
                            seen[i].workday ? "workdays" : "holidays", seen[i - 1].line);
            } else {
                pt_diag_add(d, PT_E_CAL_BOTH, file, seen[i].line, seen[i].col, iso, seen[first].line);
            }
            errors++;
        }
    }
    free(seen);
    if (errors) {
        pt_calendar_free(cal);
        return NULL;
    }
    return cal;
}
