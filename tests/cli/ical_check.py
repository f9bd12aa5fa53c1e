#!/usr/bin/python3
"""plantrack calendar: RFC 5545 output read back with python3-icalendar.

usage: ical_check.py PLANTRACK SOURCE_DIR

Asserts, on the shipped plans (dates pinned, nothing depends on the clock):
  - octets: CRLF after every line and nowhere else, no line over 75 octets, every physical line
    valid UTF-8 on its own (a fold never splits a character), continuation lines start with a space;
  - VCALENDAR header: PRODID, VERSION 2.0, CALSCALE, METHOD PUBLISH, X-WR-CALNAME naming the plans;
  - hanoi-2020 as of 2020-05-01, no status: 116 events (IV.1 and IV.2 x 58 agencies; the untracked
    III.* tasks left out), every UID unique and of the form <16 hex>@plantrack, the UID of
    IV.2 x q-ba-dinh equal to the documented FNV-1a recipe (so it is the same on every machine),
    its SUMMARY, DTSTART 2020-07-14, DTEND 2020-07-15, DTSTAMP 2020-05-01 00:00Z, and a DISPLAY
    alarm at 08:00 on the third working day before (Thursday 2020-07-09: -P4DT16H);
  - two runs byte-identical, and -o FILE identical to stdout;
  - with --status, as of 2020-07-31: every event's DTSTART is the last on-time day in force that
    `check --format json` reports (the extended day for h-ba-vi IV.2), X-PLANTRACK-STATUS equals
    its status, on_time/late are "✔ "-prefixed and CONFIRMED with "Đã nộp ngày", exempt ones
    CANCELLED, and settled ones carry no alarm;
  - thanhhoa 2.7: 216 periodic events with X-PLANTRACK-PERIOD, the rolled day 2019-12-16 with the
    reason in DESCRIPTION, TEXT escaping of commas read back intact;
  - --lang en: English texts and PRODID //EN; --agency filters.
"""
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile

from icalendar import Calendar

PT, SRC = sys.argv[1], sys.argv[2]
HANOI = "plans/hanoi-2020-thang-hanh-dong.yaml"
HANOI_STATUS = "plans/status/hanoi-2020-thang-hanh-dong"
THANHHOA = "plans/thanhhoa-2017-3410.yaml"

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)


def run(*args):
    p = subprocess.run([PT, *args], cwd=SRC, capture_output=True)
    if p.returncode != 0:
        sys.exit(f"plantrack {' '.join(args)}: exit {p.returncode}\n{p.stderr.decode()}")
    return p.stdout


def fnv_uid(plan, task, registry, agency, period):
    h = 0xcbf29ce484222325
    for field in (plan, task, registry, agency, period):
        for b in field.encode() + b"\x1f":
            h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}@plantrack"


def check_octets(raw, what):
    check(raw.endswith(b"\r\n"), f"{what}: does not end with CRLF")
    lines = raw.split(b"\r\n")[:-1]
    check(b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines),
          f"{what}: a bare LF or CR outside CRLF")
    for i, line in enumerate(lines, 1):
        check(len(line) <= 75, f"{what}: line {i} is {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            check(False, f"{what}: line {i} splits a UTF-8 character")
        check(line != b"", f"{what}: empty line {i}")
    check(lines and lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR",
          f"{what}: not one VCALENDAR")
    return lines


def unfold(raw):
    return raw.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")


def events(raw):
    cal = Calendar.from_ical(raw)
    return cal, [c for c in cal.walk() if c.name == "VEVENT"]


def props(ev):
    return (str(ev["X-PLANTRACK-PLAN"]), str(ev["X-PLANTRACK-TASK"]), str(ev["X-PLANTRACK-AGENCY"]),
            str(ev["X-PLANTRACK-PERIOD"]) if "X-PLANTRACK-PERIOD" in ev else None)


def alarms(ev):
    return [c for c in ev.subcomponents if c.name == "VALARM"]


# ---- no status: the plain deadline calendar ------------------------------------------------------
raw = run("calendar", HANOI, "--as-of", "2020-05-01")
check_octets(raw, "hanoi")
check(raw == run("calendar", HANOI, "--as-of", "2020-05-01"), "two runs differ")
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "hanoi.ics")
    run("calendar", HANOI, "--as-of", "2020-05-01", "-o", out)
    with open(out, "rb") as f:
        check(f.read() == raw, "-o FILE differs from stdout")

cal, evs = events(raw)
check(str(cal["VERSION"]) == "2.0", "VERSION")
check(re.fullmatch(r"-//plantrack//plantrack [0-9.]+//VI", str(cal["PRODID"])) is not None,
      f"PRODID {cal['PRODID']}")
check(str(cal["CALSCALE"]) == "GREGORIAN", "CALSCALE")
check(str(cal["METHOD"]) == "PUBLISH", "METHOD")
check("Tháng hành động vì trẻ em năm 2020" in str(cal.get("X-WR-CALNAME", "")),
      f"X-WR-CALNAME {cal.get('X-WR-CALNAME')}")
check(len(evs) == 116, f"{len(evs)} events, expected 116 (2 tasks x 58 agencies)")
uids = [str(e["UID"]) for e in evs]
check(len(set(uids)) == len(uids), "UIDs are not unique")
check(all(re.fullmatch(r"[0-9a-f]{16}@plantrack", u) for u in uids), "UID form")
check({str(e["X-PLANTRACK-TASK"]) for e in evs} == {"IV.1", "IV.2"}, "only IV.1 and IV.2 are tracked")
check(all("STATUS" not in e and "X-PLANTRACK-STATUS" not in e for e in evs),
      "STATUS written without --status")

uid = fnv_uid("hanoi-2020-thang-hanh-dong", "IV.2", "hanoi", "q-ba-dinh", "")
ev = [e for e in evs if str(e["UID"]) == uid]
check(len(ev) == 1, f"no event with UID {uid}")
if ev:
    ev = ev[0]
    check(props(ev) == ("hanoi-2020-thang-hanh-dong", "IV.2", "q-ba-dinh", None), f"props {props(ev)}")
    check(str(ev["SUMMARY"]) == "Hạn: IV.2 Báo cáo kết quả thực hiện Tháng hành động vì trẻ em năm "
          "2020 — UBND quận Ba Đình", f"SUMMARY {ev['SUMMARY']}")
    check(ev.decoded("DTSTART") == dt.date(2020, 7, 14), f"DTSTART {ev.decoded('DTSTART')}")
    check(ev.decoded("DTEND") == dt.date(2020, 7, 15), f"DTEND {ev.decoded('DTEND')}")
    check(ev.decoded("DTSTAMP") == dt.datetime(2020, 5, 1, tzinfo=dt.timezone.utc)
          or ev["DTSTAMP"].to_ical() == b"20200501T000000Z", f"DTSTAMP {ev['DTSTAMP'].to_ical()}")
    check(str(ev["TRANSP"]) == "TRANSPARENT", "TRANSP")
    desc = str(ev["DESCRIPTION"])
    for want in ("trước ngày 15/7/2020", "14/07/2020", "Kế hoạch thực hiện Tháng hành động vì trẻ em "
                 "năm 2020", "Sở Lao động - Thương binh và Xã hội", "\n"):
        check(want in desc, f"DESCRIPTION lacks {want!r}: {desc!r}")
    al = alarms(ev)
    check(len(al) == 1, f"{len(al)} alarms, expected 1")
    if al:
        check(str(al[0]["ACTION"]) == "DISPLAY", "ACTION")
        trig = al[0].decoded("TRIGGER")
        check(trig == -dt.timedelta(days=4, hours=16), f"TRIGGER {trig}")
        ring = dt.datetime(2020, 7, 14) + trig
        check(ring == dt.datetime(2020, 7, 9, 8, 0), f"alarm rings {ring}, expected Thu 09/07 08:00")
        check("DESCRIPTION" in al[0], "VALARM DESCRIPTION")
# the same recipe gives every UID
check(all(str(e["UID"]) == fnv_uid(*props(e)[:2], "hanoi", props(e)[2], props(e)[3] or "")
          for e in evs), "a UID does not follow the recipe")

# ---- with status -----------------------------------------------------------------------------------
raw_st = run("calendar", HANOI, "--status", HANOI_STATUS, "--as-of", "2020-07-31")
check_octets(raw_st, "hanoi with status")
check(raw_st == run("calendar", HANOI, "--status", HANOI_STATUS, "--as-of", "2020-07-31"),
      "two runs with status differ")
_, evs_st = events(raw_st)
check(sorted(str(e["UID"]) for e in evs_st) == sorted(uids), "status changes the UIDs or events")
doc = json.loads(run("check", HANOI, "--status", HANOI_STATUS, "--as-of", "2020-07-31",
                     "--format", "json", "--fail-on", "never"))
by_key = {(o["plan"], o["task"], o["agency"], o["period"]): o for o in doc["obligations"]}
n_done = n_exempt = 0
for e in evs_st:
    o = by_key.get(props(e))
    check(o is not None, f"event {props(e)} is no obligation of check")
    if not o:
        continue
    st = o["status"]
    check(str(e["X-PLANTRACK-STATUS"]) == st, f"{props(e)}: status {e['X-PLANTRACK-STATUS']} != {st}")
    check(e.decoded("DTSTART").isoformat() == o["due"], f"{props(e)}: DTSTART != due {o['due']}")
    summary, desc = str(e["SUMMARY"]), str(e["DESCRIPTION"])
    if st in ("on_time", "late"):
        n_done += 1
        check(summary.startswith("✔ Hạn: "), f"{props(e)}: SUMMARY {summary}")
        check(str(e.get("STATUS")) == "CONFIRMED", f"{props(e)}: STATUS {e.get('STATUS')}")
        sub = dt.date.fromisoformat(o["submitted"]).strftime("%d/%m/%Y")
        check(f"Đã nộp ngày {sub}" in desc, f"{props(e)}: no 'Đã nộp ngày {sub}'")
        check(not alarms(e), f"{props(e)}: alarm on a submitted obligation")
    elif st == "exempt":
        n_exempt += 1
        check(str(e.get("STATUS")) == "CANCELLED", f"{props(e)}: STATUS {e.get('STATUS')}")
        check("Lý do miễn: " in desc and "Được miễn" in desc, f"{props(e)}: no exemption line")
    else:
        check("STATUS" not in e and not summary.startswith("✔"), f"{props(e)}: marked done")
check(n_done == sum(o["status"] in ("on_time", "late") and o["due"] is not None
                    for o in doc["obligations"]), "submitted events != submitted obligations")
check(n_done > 50 and n_exempt >= 1, f"status sample too small: {n_done} done, {n_exempt} exempt")
ba_dinh = [e for e in evs_st if str(e["UID"]) == uid]
if ba_dinh:
    check(str(ba_dinh[0]["SUMMARY"]) == "✔ Hạn: IV.2 Báo cáo kết quả thực hiện Tháng hành động vì "
          "trẻ em năm 2020 — UBND quận Ba Đình", f"SUMMARY {ba_dinh[0]['SUMMARY']}")
    check("Đã nộp ngày 10/07/2020, số 173/BC-UBND" in str(ba_dinh[0]["DESCRIPTION"]),
          "q-ba-dinh IV.2 submission line")
ba_vi = [e for e in evs_st if props(e) == ("hanoi-2020-thang-hanh-dong", "IV.2", "h-ba-vi", None)]
check(len(ba_vi) == 1, "h-ba-vi IV.2 event")
if ba_vi:
    check(ba_vi[0].decoded("DTSTART") == dt.date(2020, 7, 31), "extended DTSTART")
    check("14/07/2020" in str(ba_vi[0]["DESCRIPTION"]) and "31/07/2020" in str(ba_vi[0]["DESCRIPTION"]),
          "extension: original and extended day in DESCRIPTION")

# ---- periodic, rolled, escaped ------------------------------------------------------------------------
raw_th = run("calendar", THANHHOA, "--as-of", "2017-04-10")
check_octets(raw_th, "thanhhoa")
_, evs_th = events(raw_th)
check(len(evs_th) == 216, f"thanhhoa: {len(evs_th)} events, expected 27 x 8")
check(all("X-PLANTRACK-PERIOD" in e for e in evs_th), "thanhhoa: X-PLANTRACK-PERIOD")
check(len({str(e["UID"]) for e in evs_th}) == 216, "thanhhoa: UIDs not unique")
th = [e for e in evs_th if props(e) == ("thanhhoa-2017-3410", "2.7", "tp-thanh-hoa", "2019")]
check(len(th) == 1, "thanhhoa 2.7 tp-thanh-hoa 2019")
if th:
    check(th[0].decoded("DTSTART") == dt.date(2019, 12, 16), f"rolled DTSTART {th[0].decoded('DTSTART')}")
    check("14/12/2019" in str(th[0]["DESCRIPTION"]), "rolled-from day in DESCRIPTION")
    check("khó khăn, vướng mắc" in str(th[0]["DESCRIPTION"]), "escaped comma read back")
    check(str(th[0]["UID"]) == fnv_uid("thanhhoa-2017-3410", "2.7", "thanhhoa", "tp-thanh-hoa", "2019"),
          "periodic UID recipe")
check(any("khó khăn\\, vướng mắc" in l for l in unfold(raw_th)), "comma not escaped in TEXT")
check(all(not alarms(e) or e.decoded("DTSTART") > dt.date(2017, 4, 10) for e in evs_th),
      "alarm before the as-of date")

# ---- English, --agency ----------------------------------------------------------------------------------
raw_en = run("calendar", HANOI, "--as-of", "2020-05-01", "--lang", "en", "--agency", "q-ba-dinh")
check_octets(raw_en, "english")
cal_en, evs_en = events(raw_en)
check(str(cal_en["PRODID"]).endswith("//EN"), f"PRODID {cal_en['PRODID']}")
check(len(evs_en) == 2, f"--agency q-ba-dinh: {len(evs_en)} events, expected 2")
check(all(str(e["SUMMARY"]).startswith("Due: ") for e in evs_en), "English SUMMARY")
check(sorted(str(e["UID"]) for e in evs_en) ==
      sorted(str(e["UID"]) for e in evs if str(e["X-PLANTRACK-AGENCY"]) == "q-ba-dinh"),
      "UIDs depend on the language or the filter")

for f in failures:
    print("FAIL:", f)
print(f"ical_check: {len(failures)} failures")
sys.exit(1 if failures else 0)
