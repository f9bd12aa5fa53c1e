#!/usr/bin/python3
"""Reads `plantrack check --format csv` back with Python's csv module and
asserts the values of README.md (as of 2021-12-16).

usage: check_csv.py CLI"""
import csv
import io
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
cli = sys.argv[1]
p = subprocess.run([cli, "check", "bac-ha-2021-ke-hoach.yaml", "bac-ha-2021-bao-cao.yaml",
                    "nam-son-2021-thang.yaml", "--status", "status", "--status", "bo-sung.yaml",
                    "--as-of", "2021-12-16", "--format", "csv", "--fail-on", "never"],
                   cwd=here, capture_output=True)
assert p.returncode == 0, (p.returncode, p.stderr)
assert p.stderr == b"", p.stderr
text = p.stdout.decode("utf-8")
assert "\r\n" in text and "\n" not in text.replace("\r\n", ""), "RFC 4180 line ends"
rows = list(csv.reader(io.StringIO(text, newline="")))
header = ["plan", "task", "agency", "period", "kind", "due_as_written", "due", "status",
          "submitted", "ref", "days_late", "days_overdue", "resubmissions",
          "original_due", "extended", "exempt"]
assert rows[0] == header, rows[0]
rows = [dict(zip(header, r)) for r in rows[1:]]
assert all(len(r) == len(header) for r in rows)
assert len(rows) == 38, len(rows)

# README.md, obligation by obligation: (task, agency, period, status, days)
want = """
I.1 h-dong-tien - on_time -
I.2 h-dong-tien 2021-Q1 late 7
I.2 h-dong-tien 2021-Q2 on_time -
I.2 h-dong-tien 2021-Q3 overdue 87
I.2 h-dong-tien 2021-Q4 due_soon -
I.1 so-gddt - on_time -
I.2 so-gddt 2021-Q1 on_time -
I.2 so-gddt 2021-Q2 late 7
I.2 so-gddt 2021-Q3 on_time -
I.2 so-gddt 2021-Q4 on_time -
I.1 bac-ha/so-ldtbxh - exempt -
I.1 so-yte - late 112
I.3 so-yte - untracked -
II.1 h-dong-tien 2021-H1 on_time -
II.1 h-dong-tien 2021 due_soon -
II.1 h-dong-tien 2022-H1 open -
II.1 h-dong-tien 2022 open -
II.2 so-gddt - on_time -
II.1 bac-ha/so-ldtbxh 2021-H1 on_time -
II.1 bac-ha/so-ldtbxh 2021 on_time -
II.1 bac-ha/so-ldtbxh 2022-H1 open -
II.1 bac-ha/so-ldtbxh 2022 exempt -
II.2 so-yte - overdue 169
III.1 nam-son/so-ldtbxh 2021-04 on_time -
III.1 nam-son/so-ldtbxh 2021-05 on_time -
III.1 nam-son/so-ldtbxh 2021-06 on_time -
III.1 nam-son/so-ldtbxh 2021-07 late 8
III.2 nam-son/so-ldtbxh - on_time -
III.1 so-tc 2021-04 late 8
III.1 so-tc 2021-05 overdue 185
III.1 so-tc 2021-06 overdue 157
III.1 so-tc 2021-07 on_time -
III.2 so-tc - late 4
III.2 so-tp - exempt -
III.1 tp-nam-son 2021-04 exempt -
III.1 tp-nam-son 2021-05 late 1
III.1 tp-nam-son 2021-06 overdue 157
III.1 tp-nam-son 2021-07 overdue 126
""".split("\n")[1:-1]
for r, w in zip(rows, want):
    task, agency, period, status, days = w.split()
    period = "" if period == "-" else period
    got = (r["task"], r["agency"], r["period"], r["status"])
    assert got == (task, agency, period, status), (got, w)
    late = days if status == "late" else ""
    overdue = days if status == "overdue" else ""
    assert (r["days_late"], r["days_overdue"]) == (late, overdue), (r, w)
    if status in ("open", "due_soon", "overdue"):
        assert r["submitted"] == "", r

def row(task, agency, period=""):
    m = [r for r in rows if (r["task"], r["agency"], r["period"]) == (task, agency, period)]
    assert len(m) == 1, (task, agency, period)
    return m[0]

# a spreadsheet must not run "-05/BC-STC" as a formula
assert row("III.1", "so-tc", "2021-04")["ref"] == "'-05/BC-STC"
# a comma and quotes survive the quoting
assert row("III.2", "so-tc")["ref"] == '21/KH-STC, "bản chính thức"'
# resubmissions, joined with ';'
r = row("I.1", "so-gddt")
assert (r["submitted"], r["ref"], r["resubmissions"]) == ("2021-03-10", "15/KH-SGDĐT",
                                                          "2021-03-20;2021-07-01"), r
# extensions: due is the extended day, the plan's day is kept
r = row("I.2", "so-gddt", "2021-Q1")
assert (r["due"], r["original_due"], r["extended"], r["status"]) == (
    "2021-03-31", "2021-03-18", "2021-03-31", "on_time"), r
r = row("II.2", "so-yte")
assert (r["due"], r["original_due"], r["extended"]) == ("2021-06-30", "2021-05-04", "2021-06-30")
# roll forward: Sunday 14/3 -> Monday 15/3; 30/4 over the Labour Day break -> 4/5
assert row("I.1", "h-dong-tien")["due"] == "2021-03-15"
assert row("II.2", "so-gddt")["due"] == "2021-05-04"
# exemption wins over a submission, which is still shown
r = row("I.1", "bac-ha/so-ldtbxh")
assert (r["status"], r["submitted"], r["exempt"]) == (
    "exempt", "2021-03-12", "Cơ quan thường trực, tổng hợp kế hoạch của các đơn vị"), r
# untracked: no due, the words kept, the submission shown
r = row("I.3", "so-yte")
assert (r["due"], r["due_as_written"], r["submitted"]) == ("", "theo quy định", "2021-05-05")
# the "6 tháng/năm" year report is labelled with the year
assert row("II.1", "h-dong-tien", "2021")["due"] == "2021-12-20"
print("ok: 38 rows")
