/* pt_ical.c - deadlines as iCalendar (RFC 5545).
 *
 * The calendar is written straight into the caller's buffer, one content
 * line at a time: each line is built whole, then emitted folded at 75
 * octets (RFC 5545 3.1) with CRLF, never inside a UTF-8 character. Nothing
 * depends on the clock, the locale or the machine, so the same inputs give
 * byte-identical output.
 *
 * Decisions (README, "calendar"):
 *  - One all-day VEVENT per tracked obligation, in obligation order (plan,
 *    agency, task, period); untracked obligations (no checkable deadline)
 *    are left out. DTSTART;VALUE=DATE is the last on-time day in force (the
 *    extended day when an extension was granted), DTEND the day after.
 *  - UID: 16 hex digits of the 64-bit FNV-1a hash of plan id, task id,
 *    registry id, agency id and period label (separated by 0x1F), then
 *    "@plantrack". The registry id is used rather than the output label
 *    ("registry/id" only when two loaded registries share an id), so that
 *    the UID of an obligation does not change with the other plans loaded
 *    beside it. The UID does not depend on status or as-of: re-importing a
 *    newer file updates the same events.
 *  - DTSTAMP is the as-of date at 00:00:00 UTC (19700101T000000Z when no
 *    as-of date is set): never the clock. A later as-of date gives a later
 *    DTSTAMP, which is what clients compare when an event is re-imported.
 *  - VALARM: a DISPLAY alarm at 08:00 on the third working day before the
 *    last on-time day (the plan's calendar: weekends and official days off
 *    are skipped), written as a negative duration from the all-day start,
 *    e.g. TRIGGER:-P2DT16H when the reminder day is 3 calendar days before;
 *    its DESCRIPTION reads "Còn 3 ngày làm việc: <task> — <agency> (hạn
 *    cuối dd/mm/yyyy)".
 *    A relative trigger is chosen over an absolute UTC date-time
 *    (yyyymmddT010000Z) because the start of an all-day event is floating:
 *    the reminder rings at 08:00 local time wherever the reader is (08:00
 *    Hà Nội time for our users), and it moves with the event if a reader
 *    drags it to another day. No alarm is written when
 *    the reminder day is before the as-of date (importing an old plan would
 *    otherwise pop dozens of "missed" reminders), nor, with status, for an
 *    obligation already submitted or exempt.
 *  - Submitted obligations (with status) stay VEVENTs rather than becoming
 *    RFC 5545 task components, which Google Calendar ignores; a deadline
 *    belongs on its calendar day
 *    whether or not it has been met. They are marked completed by a
 *    SUMMARY beginning "✔ ", STATUS:CONFIRMED, a line "Đã nộp ngày …" in
 *    DESCRIPTION and X-PLANTRACK-STATUS:on_time|late. Exempt obligations
 *    get STATUS:CANCELLED and a SUMMARY beginning "(Miễn) ". Every event is
 *    TRANSP:TRANSPARENT: a deadline does not make anyone busy that day.
 *  - Without status, no STATUS and no X-PLANTRACK-STATUS are written: no
 *    submission has been read, so "overdue" would be a guess.
 *  - SUMMARY: "Hạn: <task id> <title> (<period>) — <agency name>"; a title
 *    over 100 characters is cut at a word boundary near 80 with "…" (the
 *    whole title is in DESCRIPTION): calendar views show one line.
 *    DESCRIPTION: task, agency, period, the deadline as written, the last
 *    on-time day (and the day it rolled from when it fell on a day off),
 *    original and extended day, report-to agency, the plan's number, title
 *    and issuer, and with status the status, submission and resubmissions,
 *    lateness, exemption reason and note.
 *  - An empty selection (nothing tracked) gives a VCALENDAR with no
 *    component. RFC 5545 asks for at least one; an invented placeholder
 *    event would be worse than an empty calendar, which readers accept.
 *  - Vietnamese by default; English with lang "en". Dates in texts are
 *    dd/mm/yyyy in both languages, as in the workbooks.
 */
#include "pt_ical.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "pt_calendar.h"
#include "pt_date.h"
#include "pt_deadline.h"
#include "pt_registry.h"
#include "pt_text.h"

#ifndef PT_VERSION
#define PT_VERSION "0"
#endif

#define FOLD_OCTETS 75
#define REMIND_WORKDAYS 3
#define SUMMARY_TITLE_CHARS 100

static bool is_en(const char *lang) { return lang && strcmp(lang, "en") == 0; }

/* ---- content lines ------------------------------------------------------ */

/* Writes one content line folded at 75 octets, continuation lines starting
 * with a space (which counts in their 75), with CRLF after each piece. A
 * fold never falls inside a UTF-8 sequence: it moves back to the lead byte. */
static void emit_line(pt_buf *out, const char *s, size_t len)
{
    size_t room = FOLD_OCTETS;
    bool first = true;
    while (len > 0 || first) {
        size_t take = len;
        if (take > room) {
            take = room;
            while (take > 0 && ((unsigned char)s[take] & 0xC0) == 0x80)
                take--;
            if (take == 0) /* cannot happen with valid UTF-8 */
                take = room;
        }
        if (!first)
            pt_buf_addc(out, ' ');
        pt_buf_add(out, s, take);
        pt_buf_add(out, "\r\n", 2);
        s += take;
        len -= take;
        first = false;
        room = FOLD_OCTETS - 1;
    }
}

/* Appends s as an RFC 5545 TEXT value: backslash, semicolon and comma
 * escaped, a line break (LF, CRLF or CR) as \n, other control characters
 * (not allowed in TEXT) as a space. */
static void add_text(pt_buf *b, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        unsigned char c = (unsigned char)*p;
        switch (c) {
        case '\\': pt_buf_add(b, "\\\\", 2); break;
        case ';': pt_buf_add(b, "\\;", 2); break;
        case ',': pt_buf_add(b, "\\,", 2); break;
        case '\r':
            if (p[1] == '\n')
                p++;
            /* fall through */
        case '\n': pt_buf_add(b, "\\n", 2); break;
        case '\t': pt_buf_addc(b, '\t'); break;
        default:
            pt_buf_addc(b, (c < 0x20 || c == 0x7F) ? ' ' : (char)c);
        }
    }
}

/* NAME:VALUE with value escaped as TEXT. line is scratch. */
static void prop_text(pt_buf *out, pt_buf *line, const char *name, const char *value)
{
    pt_buf_clear(line);
    pt_buf_adds(line, name);
    pt_buf_addc(line, ':');
    add_text(line, value);
    emit_line(out, line->data ? line->data : "", line->len);
}

/* NAME:VALUE written as is (values that need no escaping). */
static void prop_raw(pt_buf *out, pt_buf *line, const char *name, const char *value)
{
    pt_buf_clear(line);
    pt_buf_printf(line, "%s:%s", name, value);
    emit_line(out, line->data ? line->data : "", line->len);
}

static void ical_date(char buf[9], pt_date d)
{
    int y, m, dd;
    pt_date_ymd(d, &y, &m, &dd);
    /* years are 1900..2200 (pt_date.h) */
    buf[0] = (char)('0' + y / 1000 % 10);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = (char)('0' + m / 10);
    buf[5] = (char)('0' + m % 10);
    buf[6] = (char)('0' + dd / 10);
    buf[7] = (char)('0' + dd % 10);
    buf[8] = '\0';
}

/* ---- UID ----------------------------------------------------------------- */

static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    h ^= 0x1F; /* field separator: "a","bc" and "ab","c" differ */
    h *= 0x100000001b3ULL;
    return h;
}

static void make_uid(char buf[40], const pt_result *r)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a(h, r->plan->id);
    h = fnv1a(h, r->task->id);
    h = fnv1a(h, pt_registry_id(r->plan->registry));
    h = fnv1a(h, r->agency->id);
    h = fnv1a(h, r->occ->period);
    snprintf(buf, 40, "%016" PRIx64 "@plantrack", h);
}

/* ---- reminders ----------------------------------------------------------- */

/* The n-th working day before due (weekends and official days off of cal
 * skipped); weekends only when the plan has no calendar. Gives up after a
 * year of days off (a calendar that marks every day off) and returns due-n. */
static pt_date workdays_before(const pt_calendar *cal, pt_date due, int n)
{
    pt_date d = due;
    int found = 0;
    for (int steps = 0; found < n && steps < 366; steps++) {
        d--;
        bool off = cal ? pt_calendar_is_off(cal, d) : pt_date_weekday(d) >= 5;
        if (!off)
            found++;
    }
    return found == n ? d : due - n;
}

/* ---- texts ----------------------------------------------------------------- */

/* Appends s when it has at most max characters; otherwise about 4/5 of max,
 * cut at the last space in the second half of that, and "…". */
static void add_clipped(pt_buf *b, const char *s, size_t max)
{
    size_t len = strlen(s);
    if (pt_utf8_chars(s, len) <= max) {
        pt_buf_add(b, s, len);
        return;
    }
    size_t cut = pt_utf8_offset(s, len, max * 4 / 5);
    size_t half = pt_utf8_offset(s, len, max * 2 / 5);
    size_t sp = cut;
    while (sp > half && s[sp] != ' ')
        sp--;
    if (sp > half)
        cut = sp;
    while (cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == ',' || s[cut - 1] == ';'))
        cut--;
    pt_buf_add(b, s, cut);
    pt_buf_adds(b, "…");
}

static void add_vn_date(pt_buf *b, pt_date d)
{
    char s[11];
    pt_date_vn(d, s);
    pt_buf_adds(b, s);
}

static const char *agency_name(const pt_registry *r, int32_t i)
{
    if (i < 0 || (size_t)i >= pt_registry_count(r))
        return NULL;
    return pt_registry_agency(r, (size_t)i)->name;
}

static bool is_done(pt_state s) { return s == PT_ST_ON_TIME || s == PT_ST_LATE; }

/* "Hạn: IV.2 <title> (<period>) — <agency>"; without the "Hạn: " word
 * and the status marks when !prefix (the alarm's text). */
static void build_summary(pt_buf *b, const pt_result *r, bool with_status, bool prefix, bool en)
{
    if (prefix && with_status && is_done(r->state))
        pt_buf_adds(b, "✔ ");
    else if (prefix && with_status && r->state == PT_ST_EXEMPT)
        pt_buf_adds(b, en ? "(Exempt) " : "(Miễn) ");
    if (prefix)
        pt_buf_adds(b, en ? "Due: " : "Hạn: ");
    pt_buf_adds(b, r->task->id);
    if (r->task->title && *r->task->title) {
        pt_buf_addc(b, ' ');
        add_clipped(b, r->task->title, SUMMARY_TITLE_CHARS);
    }
    if (r->occ->period[0]) {
        char human[64];
        pt_period_label_human(human, sizeof human, r->occ->period, en ? "en" : "vi");
        pt_buf_printf(b, " (%s)", human);
    }
    pt_buf_adds(b, " — ");
    pt_buf_adds(b, r->agency->name);
}

static void build_description(pt_buf *b, const pt_result *r, bool with_status, pt_date as_of,
                              bool en)
{
    const pt_task *t = r->task;
    const pt_plan *p = r->plan;
    pt_buf_printf(b, en ? "Task %s: %s\n" : "Nhiệm vụ %s: %s\n", t->id, t->title ? t->title : "");
    pt_buf_printf(b, en ? "Agency: %s\n" : "Đơn vị thực hiện: %s\n", r->agency->name);
    if (r->occ->period[0]) {
        char human[64];
        pt_period_label_human(human, sizeof human, r->occ->period, en ? "en" : "vi");
        pt_buf_printf(b, en ? "Reporting period: %s\n" : "Kỳ báo cáo: %s\n", human);
    }
    if (t->due_text)
        pt_buf_printf(b, en ? "Deadline as written: %s\n" : "Thời hạn theo văn bản: %s\n",
                      t->due_text);
    pt_buf_adds(b, en ? "Last on-time day: " : "Hạn cuối: ");
    add_vn_date(b, r->due);
    if (r->extended != PT_DATE_NONE) {
        pt_buf_adds(b, en ? " (extended; original last on-time day: "
                          : " (đã gia hạn; hạn ban đầu: ");
        add_vn_date(b, r->original_due);
        pt_buf_addc(b, ')');
    }
    pt_buf_addc(b, '\n');
    if (r->occ->nominal != PT_DATE_NONE && r->occ->nominal != r->occ->due) {
        pt_buf_adds(b, en ? "The plan's day " : "Ngày ");
        add_vn_date(b, r->occ->nominal);
        pt_buf_adds(b, en ? " is a day off: moved to the next working day, "
                          : " là ngày nghỉ, chuyển sang ngày làm việc kế tiếp là ");
        add_vn_date(b, r->occ->due);
        pt_buf_addc(b, '\n');
    }
    const char *to = agency_name(p->registry, t->report_to);
    if (to)
        pt_buf_printf(b, en ? "Report to: %s\n" : "Gửi về: %s\n", to);
    pt_buf_adds(b, en ? "Document: " : "Văn bản: ");
    if (p->number)
        pt_buf_printf(b, "%s — ", p->number);
    pt_buf_adds(b, p->title ? p->title : p->id);
    if (p->issuer)
        pt_buf_printf(b, " (%s)", p->issuer);
    pt_buf_addc(b, '\n');
    if (with_status) {
        pt_buf_adds(b, en ? "Status as of " : "Tình trạng đến ngày ");
        add_vn_date(b, as_of);
        pt_buf_printf(b, ": %s\n", pt_state_label(r->state, en ? "en" : "vi"));
        if (r->submitted != PT_DATE_NONE) {
            pt_buf_adds(b, en ? "Submitted on " : "Đã nộp ngày ");
            add_vn_date(b, r->submitted);
            if (r->ref)
                pt_buf_printf(b, en ? ", ref. %s" : ", số %s", r->ref);
            if (r->state == PT_ST_LATE)
                pt_buf_printf(b, en ? ", %d days late" : ", muộn %d ngày", r->days_late);
            pt_buf_addc(b, '\n');
        }
        for (size_t i = 0; i < r->n_resubmissions; i++) {
            pt_buf_adds(b, i ? ", " : (en ? "Resubmitted on " : "Nộp lại ngày "));
            add_vn_date(b, r->resubmissions[i]);
            if (i + 1 == r->n_resubmissions)
                pt_buf_addc(b, '\n');
        }
        if (r->state == PT_ST_OVERDUE)
            pt_buf_printf(b, en ? "Overdue by %d days\n" : "Quá hạn %d ngày\n", r->days_overdue);
        if (r->state == PT_ST_EXEMPT)
            pt_buf_printf(b, en ? "Reason for exemption: %s\n" : "Lý do miễn: %s\n", r->exempt ? r->exempt : "");
        if (r->note)
            pt_buf_printf(b, en ? "Note: %s\n" : "Ghi chú: %s\n", r->note);
    }
    /* no trailing line break */
    if (b->len && b->data[b->len - 1] == '\n')
        b->data[--b->len] = '\0';
}

/* ---- the calendar ---------------------------------------------------------- */

static void write_header(pt_buf *out, pt_buf *line, pt_buf *val, const pt_set *set, bool en)
{
    prop_raw(out, line, "BEGIN", "VCALENDAR");
    prop_raw(out, line, "VERSION", "2.0");
    prop_raw(out, line, "PRODID",
             en ? "-//plantrack//plantrack " PT_VERSION "//EN"
                : "-//plantrack//plantrack " PT_VERSION "//VI");
    prop_raw(out, line, "CALSCALE", "GREGORIAN");
    prop_raw(out, line, "METHOD", "PUBLISH");

    /* The plans by number when they have one, else by title. */
    size_t np = pt_set_plan_count(set);
    pt_buf_clear(val);
    pt_buf_adds(val, en ? "Deadlines: " : "Thời hạn: ");
    for (size_t i = 0; i < np; i++) {
        const pt_plan *p = pt_set_plan(set, i);
        if (i)
            pt_buf_adds(val, "; ");
        pt_buf_adds(val, p->number ? p->number : (p->title ? p->title : p->id));
    }
    prop_text(out, line, "X-WR-CALNAME", val->data ? val->data : "");
    pt_buf_clear(val);
    for (size_t i = 0; i < np; i++) {
        const pt_plan *p = pt_set_plan(set, i);
        if (i)
            pt_buf_addc(val, '\n');
        if (p->number)
            pt_buf_printf(val, "%s — ", p->number);
        pt_buf_adds(val, p->title ? p->title : p->id);
        if (p->issuer)
            pt_buf_printf(val, " (%s)", p->issuer);
    }
    prop_text(out, line, "X-WR-CALDESC", val->data ? val->data : "");
    prop_raw(out, line, "X-WR-TIMEZONE", "Asia/Ho_Chi_Minh");
}

static void write_event(pt_buf *out, pt_buf *line, pt_buf *val, const pt_result *r,
                        bool with_status, pt_date as_of, const char *dtstamp, bool en)
{
    char uid[40], start[9], end[9];
    make_uid(uid, r);
    ical_date(start, r->due);
    ical_date(end, r->due + 1);

    prop_raw(out, line, "BEGIN", "VEVENT");
    prop_raw(out, line, "UID", uid);
    prop_raw(out, line, "DTSTAMP", dtstamp);
    prop_raw(out, line, "DTSTART;VALUE=DATE", start);
    prop_raw(out, line, "DTEND;VALUE=DATE", end);
    pt_buf_clear(val);
    build_summary(val, r, with_status, true, en);
    prop_text(out, line, "SUMMARY", val->data);
    pt_buf_clear(val);
    build_description(val, r, with_status, as_of, en);
    prop_text(out, line, "DESCRIPTION", val->data);
    prop_raw(out, line, "TRANSP", "TRANSPARENT");
    if (with_status) {
        if (is_done(r->state))
            prop_raw(out, line, "STATUS", "CONFIRMED");
        else if (r->state == PT_ST_EXEMPT)
            prop_raw(out, line, "STATUS", "CANCELLED");
    }
    prop_text(out, line, "X-PLANTRACK-PLAN", r->plan->id);
    prop_text(out, line, "X-PLANTRACK-TASK", r->task->id);
    prop_text(out, line, "X-PLANTRACK-AGENCY", r->agency_label);
    if (r->occ->period[0])
        prop_text(out, line, "X-PLANTRACK-PERIOD", r->occ->period);
    if (with_status)
        prop_text(out, line, "X-PLANTRACK-STATUS", pt_state_name(r->state));

    bool settled = with_status && (is_done(r->state) || r->state == PT_ST_EXEMPT);
    pt_date remind = workdays_before(r->plan->calendar, r->due, REMIND_WORKDAYS);
    if (!settled && (as_of == PT_DATE_NONE || remind >= as_of)) {
        /* 08:00 on the reminder day = start - (days * 24h - 8h) */
        int days = r->due - remind;
        prop_raw(out, line, "BEGIN", "VALARM");
        prop_raw(out, line, "ACTION", "DISPLAY");
        pt_buf_clear(line);
        pt_buf_printf(line, "TRIGGER:-P%dDT16H", days - 1);
        emit_line(out, line->data, line->len);
        pt_buf_clear(val);
        pt_buf_printf(val, en ? "%d working days left: " : "Còn %d ngày làm việc: ",
                      REMIND_WORKDAYS);
        build_summary(val, r, false, false, en);
        pt_buf_adds(val, en ? " (last on-time day " : " (hạn cuối ");
        add_vn_date(val, r->due);
        pt_buf_addc(val, ')');
        prop_text(out, line, "DESCRIPTION", val->data);
        prop_raw(out, line, "END", "VALARM");
    }
    prop_raw(out, line, "END", "VEVENT");
}

void pt_ical_write(pt_buf *out, const pt_check *c, bool with_status, const char *lang)
{
    bool en = is_en(lang);
    pt_buf line = PT_BUF_INIT, val = PT_BUF_INIT;
    pt_date as_of = pt_check_options(c)->as_of;
    char dtstamp[17] = "19700101T000000Z";
    if (as_of != PT_DATE_NONE) {
        ical_date(dtstamp, as_of);
        memcpy(dtstamp + 8, "T000000Z", 9);
    }
    write_header(out, &line, &val, pt_check_set(c), en);
    size_t n = pt_check_count(c);
    for (size_t i = 0; i < n; i++) {
        const pt_result *r = pt_check_result(c, i);
        if (r->state == PT_ST_UNTRACKED || r->due == PT_DATE_NONE)
            continue;
        write_event(out, &line, &val, r, with_status, as_of, dtstamp, en);
    }
    prop_raw(out, &line, "END", "VCALENDAR");
    if (line.oom || val.oom)
        out->oom = true;
    pt_buf_release(&line);
    pt_buf_release(&val);
}
