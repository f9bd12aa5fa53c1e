#!/usr/bin/python3
"""Read-back tests of `plantrack render` (SPEC 6), with openpyxl.

usage: check_workbook.py CASE CLI SOURCE_DIR WORK_DIR [FAKE_RENDER]

CASE is one of
  scenario-vi, scenario-en  the hand-computed scenario of tests/render/scenario/ (expected.py):
                            every sheet's values, formats, fills, panes, filters, print set-up,
                            chart, comments, properties, and the agency workbooks
  seed                      plans/hanoi-2020-thang-hanh-dong.yaml as of 2020-07-20, cross-checked
                            against `plantrack check --format json` and spot values
  reproducible              two renders of the same inputs are byte-identical (cmp)
  readonly                  a read-only --out fails with exit 2 and leaves nothing
  libreoffice               soffice converts summary.xlsx and an agency workbook to csv and pdf
                            (exit 77, skipped, without soffice)
  split                     FAKE_RENDER with a small row limit: Chi tiết goes on in "Chi tiết (2)"
Run from anywhere: commands run in SOURCE_DIR; outputs go to WORK_DIR/CASE.
"""
import csv
import glob
import json
import os
import shutil
import subprocess
import sys
from datetime import datetime

import openpyxl

SKIP = 77


class Fail(Exception):
    pass


def eq(got, want, what):
    if got != want:
        raise Fail(f"{what}: got {got!r}, want {want!r}")


def check(cond, what):
    if not cond:
        raise Fail(what)


def run(cmd, cwd, expect=(0,)):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if p.returncode not in expect:
        raise Fail(f"{' '.join(cmd)}: exit {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


SCENARIO = ["tests/render/scenario/plan.yaml", "--status", "tests/render/scenario/status",
            "--as-of", "2021-06-14"]
SEED = ["plans/hanoi-2020-thang-hanh-dong.yaml", "--status",
        "plans/status/hanoi-2020-thang-hanh-dong", "--as-of", "2020-07-20"]


def render(cli, src, out, inputs, lang=None):
    cmd = [cli, "render"] + inputs + ["--out", out] + (["--lang", lang] if lang else [])
    run(cmd, src)
    leftovers = [p for p in glob.glob(os.path.join(out, "**", ".*"), recursive=True)]
    check(not leftovers, f"temporary files left: {leftovers}")


def values(ws, row, ncols):
    return [ws.cell(row=row, column=c).value for c in range(1, ncols + 1)]


def fill(cell):
    return cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None


def sheet_setup(ws, freeze, filt, title_row, footer_left, page):
    """Frozen panes, autofilter, A4 landscape one page wide, repeated header, footer."""
    eq(ws.freeze_panes, freeze, f"{ws.title}: frozen panes")
    eq(ws.auto_filter.ref, filt, f"{ws.title}: autofilter")
    eq(ws.page_setup.orientation, "landscape", f"{ws.title}: orientation")
    eq(int(ws.page_setup.paperSize), 9, f"{ws.title}: paper size (A4)")
    check(ws.sheet_properties.pageSetUpPr.fitToPage, f"{ws.title}: fit to page")
    eq(ws.page_setup.fitToWidth in (None, 1, "1"), True, f"{ws.title}: fitToWidth 1")
    eq(int(ws.page_setup.fitToHeight), 0, f"{ws.title}: fitToHeight 0 (as many pages as needed)")
    eq(ws.print_title_rows.replace("$", ""), f"{title_row}:{title_row}", f"{ws.title}: repeat rows")
    eq(ws.oddFooter.left.text, footer_left, f"{ws.title}: footer left")
    eq(ws.oddFooter.right.text, page, f"{ws.title}: footer right")


# ---- the scenario ----------------------------------------------------------------------------

def detail_values(E, d, stt, lang):
    task, title, agency, per, written, due, ext, st, recv, ref, days, resub, note = d
    if note and note.startswith("exempt:"):
        note = E.EXEMPT[lang] + note[len("exempt:"):]
    return [stt, E.FOOTER_LEFT, task, title, agency, E.PERIOD[lang][per] if per else None,
            written, due, ext, E.LABELS[lang][st], recv, ref, days, resub, note]


def check_results(E, ws, hdr, rows, lang, what):
    """A results table: header at row hdr (1-based), then DETAILS[rows]."""
    eq(values(ws, hdr, 15), E.DETAIL_HEADER[lang], f"{what}: header")
    for i, k in enumerate(rows):
        r = hdr + 1 + i
        d = E.DETAILS[k]
        eq(values(ws, r, 15), detail_values(E, d, i + 1, lang), f"{what}: row {r}")
        eq(fill(ws.cell(row=r, column=10)), E.FILL[d[7]], f"{what}: status fill row {r}")
        for col in (8, 9, 11):
            if ws.cell(row=r, column=col).value is not None:
                eq(ws.cell(row=r, column=col).number_format, "dd/mm/yyyy",
                   f"{what}: date format row {r} col {col}")
    eq(ws.max_row, hdr + len(rows), f"{what}: last row")


def check_summary_sheet(E, ws, lang):
    head = E.SUMMARY_HEAD[lang] + [E.LABELS[lang][s] for s in E.STATES] + E.SUMMARY_TAIL[lang]
    eq(values(ws, 4, 13), head, "summary header")
    for i, s in enumerate(E.STATES):
        eq(fill(ws.cell(row=4, column=5 + i)), E.FILL[s], f"summary header fill of {s}")
    for i, (aid, name, total, counts, rate, rank) in enumerate(E.SUMMARY):
        eq(values(ws, 5 + i, 13), [i + 1, aid, name, total] + counts + [rate, rank],
           f"summary row {5 + i}")
        eq(ws.cell(row=5 + i, column=12).number_format, "0.0%", "rate format")
    total, counts, rate = E.TOTALS
    eq(values(ws, 8, 13), [None, None, E.TOTAL[lang], total] + counts + [rate, None], "totals")
    eq(ws.cell(row=8, column=12).number_format, "0.0%", "total rate format")
    check("12/KH-UBND" in ws["A2"].value and "14/06/2021" in ws["A3"].value, "summary titles")


def check_matrix_sheet(E, ws, lang):
    heads = [t + ("\n" + E.PERIOD[lang][p] if p else "") for t, p in E.MATRIX_COLS]
    eq(values(ws, 5, 8)[1:], heads, "matrix header")
    eq(values(ws, 4, 8)[1:], [E.WORDS[lang][s] for s in E.STATES], "matrix legend")
    for i, s in enumerate(E.STATES):
        eq(fill(ws.cell(row=4, column=2 + i)), E.FILL[s], f"legend fill of {s}")
    for i, (name, states) in enumerate(E.MATRIX):
        r = 6 + i
        eq(ws.cell(row=r, column=1).value, name, f"matrix row {r} agency")
        for j, s in enumerate(states):
            c = ws.cell(row=r, column=2 + j)
            eq(c.value, E.WORDS[lang][s] if s else None, f"matrix cell {c.coordinate}")
            if s:
                eq(fill(c), E.FILL[s], f"matrix fill {c.coordinate}")
                check(c.comment is not None, f"matrix comment on {c.coordinate}")
    if lang == "vi":
        for (i, j), text in E.MATRIX_COMMENTS.items():
            eq(ws.cell(row=6 + i, column=2 + j).comment.text, text, f"comment ({i},{j})")
        eq(ws["B5"].comment.text, E.T1, "header comment: the task title")


def check_chart_sheet(E, ws, lang):
    for i, (aid, name, rate) in enumerate(E.CHART):
        eq(values(ws, 4 + i, 4), [i + 1, aid, name, rate], f"chart data row {4 + i}")
        eq(ws.cell(row=4 + i, column=4).number_format, "0.0%", "chart data rate format")
    eq(len(ws._charts), 1, "one chart")
    ch = ws._charts[0]
    eq(type(ch).__name__, "BarChart", "chart type")
    eq(ch.barDir, "bar", "horizontal bars")
    s = ch.series[0]
    eq(s.val.numRef.f.replace("'", ""), f"{ws.title}!$D$4:$D$6", "chart values")
    check(s.cat.strRef is not None, "chart categories are names (strRef)")
    eq(s.cat.strRef.f.replace("'", ""), f"{ws.title}!$C$4:$C$6", "chart categories")
    check(s.dLbls is not None and s.dLbls.showVal, "rates as data labels")
    eq(s.dLbls.numFmt, "0.0%", "data label format")


def check_info_sheet(E, ws, lang):
    if lang != "vi":
        return
    for i, (label, value) in enumerate(E.INFO_VI):
        eq(values(ws, 4 + i, 2), [label, value], f"information row {4 + i}")
    eq(ws.cell(row=4 + 5, column=2).number_format, "dd/mm/yyyy", "issued date format")
    rows = [values(ws, r, 2) for r in range(4, ws.max_row + 1)]
    check(any(r[0] == "Chương trình" and r[1].startswith("plantrack ") for r in rows),
          "program version row")
    eq(sum(1 for r in rows if r[0] == "Chú giải"), 7, "legend rows")


def check_agency(E, path, aid, lang):
    name, rows, pos = E.AGENCIES[aid]
    wb = openpyxl.load_workbook(path)
    eq(wb.sheetnames, [E.AGENCY_SHEET[lang]], f"{name}: sheets")
    ws = wb.active
    sid, full, total, counts, rate, rank = E.SUMMARY[pos]
    check(full in ws["A1"].value and f"({aid})" in ws["A1"].value, f"{name}: title")
    block = {(3, 4): total, (4, 4): counts[0], (4, 7): counts[1], (5, 4): counts[2],
             (5, 7): counts[3], (6, 4): counts[4], (7, 4): counts[5], (7, 7): counts[6],
             (3, 7): rate, (6, 7): f"{rank}/3" if lang == "vi" else f"{rank} of 3"}
    for (r, c), v in block.items():
        eq(ws.cell(row=r, column=c).value, v, f"{name}: block {ws.cell(row=r, column=c).coordinate}")
    eq(ws["G3"].number_format, "0.0%", f"{name}: rate format")
    eq(ws["A4"].value, E.LABELS[lang]["on_time"], f"{name}: block label")
    eq(fill(ws["A4"]), E.FILL["on_time"], f"{name}: block label fill")
    check_results(E, ws, 9, rows, lang, name)
    sheet_setup(ws, "A10", f"A9:O{9 + len(rows)}", 9, E.FOOTER_LEFT, E.PAGE[lang])
    eq(wb.properties.creator, E.AUTHOR, f"{name}: author")
    eq(wb.properties.created, E.AS_OF, f"{name}: created")


def case_scenario(cli, src, work, lang):
    sys.path.insert(0, os.path.join(src, "tests/render/scenario"))
    import expected as E
    out = fresh(os.path.join(work, "scenario-" + lang))
    render(cli, src, out, SCENARIO, None if lang == "vi" else lang)
    wb = openpyxl.load_workbook(os.path.join(out, "summary.xlsx"))
    eq(wb.sheetnames, E.SHEETS[lang], "sheets")
    eq(wb.properties.creator, E.AUTHOR, "author: the issuing office")
    eq(wb.properties.created, E.AS_OF, "created: the as-of date at 00:00")
    eq(wb.properties.title, E.TITLE[lang], "document title")
    s = E.SHEETS[lang]
    page, left = E.PAGE[lang], E.FOOTER_LEFT
    check_summary_sheet(E, wb[s[0]], lang)
    sheet_setup(wb[s[0]], "A5", "A4:M7", 4, left, page)
    check_matrix_sheet(E, wb[s[1]], lang)
    sheet_setup(wb[s[1]], "B6", "A5:H8", 5, left, page)
    check_results(E, wb[s[2]], 1, range(len(E.DETAILS)), lang, s[2])
    sheet_setup(wb[s[2]], "A2", "A1:O15", 1, left, page)
    check_results(E, wb[s[3]], 1, E.OVERDUE, lang, s[3])
    sheet_setup(wb[s[3]], "A2", "A1:O2", 1, left, page)
    check_chart_sheet(E, wb[s[4]], lang)
    sheet_setup(wb[s[4]], "A4", "A3:D6", 3, left, page)
    check_info_sheet(E, wb[s[5]], lang)
    sheet_setup(wb[s[5]], "A4", f"A3:B{wb[s[5]].max_row}", 3, left, page)
    eq(sorted(os.listdir(os.path.join(out, "agencies"))), ["h-c.xlsx", "so-a.xlsx", "so-b.xlsx"],
       "agency workbooks")
    for aid in E.AGENCIES:
        check_agency(E, os.path.join(out, "agencies", E.AGENCIES[aid][0]), aid, lang)


# ---- the seed ---------------------------------------------------------------------------------

def case_seed(cli, src, work):
    out = fresh(os.path.join(work, "seed"))
    render(cli, src, out, SEED)
    p = run([cli, "check"] + SEED + ["--format", "json"], src, expect=(0, 1))
    js = json.loads(p.stdout)
    wb = openpyxl.load_workbook(os.path.join(out, "summary.xlsx"))
    eq(wb.properties.creator, "UBND thành phố Hà Nội", "seed author")
    eq(wb.properties.created, datetime(2020, 7, 20), "seed created")
    obs = js["obligations"]
    ws = wb["Chi tiết"]
    eq(ws.max_row, 1 + len(obs), "one Chi tiết row per obligation")
    for i, o in enumerate(obs):
        row = values(ws, 2 + i, 15)
        eq(row[2], o["task"], f"row {2 + i} task")
        due = datetime.fromisoformat(o["due"]) if o["due"] else None
        if row[8] is None:   # not extended: the effective day is the last on-time day
            eq(row[7], due, f"row {2 + i} last on-time day")
        sub = datetime.fromisoformat(o["submitted"]) if o["submitted"] else None
        eq(row[10], sub, f"row {2 + i} received")
        days = o["days_late"] or o["days_overdue"] or None
        eq(row[12], days, f"row {2 + i} days")
        eq(row[6], o["due_as_written"], f"row {2 + i} deadline as written")
    ags = {a["id"]: a for a in js["agencies"]}
    ws = wb["Tổng hợp"]
    names = ["on_time", "late", "overdue", "due_soon", "open", "exempt", "untracked"]
    seen = 0
    for r in range(5, ws.max_row + 1):
        v = values(ws, r, 13)
        if not isinstance(v[0], int):
            break
        a = ags[v[1]]
        eq(v[4:11], [a[n] for n in names], f"counts of {v[1]}")
        eq(v[3], sum(a[n] for n in names), f"total of {v[1]}")
        eq(v[11], a["rate"], f"rate of {v[1]}")
        seen += 1
    eq(seen, sum(1 for a in js["agencies"] if sum(a[n] for n in names)), "agency rows")
    # Spot values checked by hand against the plan and the register.
    ws = wb["Chi tiết"]
    det = {}
    for i in range(2, ws.max_row + 1):
        row = values(ws, i, 15)
        det[(row[2], row[4])] = row
    r = det[("IV.1", "Sở Lao động - Thương binh và Xã hội")]
    eq(r[9], "Được miễn", "Sở LĐTB&XH is exempt from IV.1")
    eq(r[7], datetime(2020, 5, 19), "IV.1 last on-time day (trước ngày 20/5/2020)")
    r = det[("IV.2", "UBND huyện Ba Vì")]
    eq(r[8], datetime(2020, 7, 31), "Ba Vì's extension of IV.2")
    files = sorted(os.listdir(os.path.join(out, "agencies")))
    eq(len(files), seen, "one workbook per agency with obligations")
    check("so-ldtbxh.xlsx" in files, "agency file named by its id")
    ov = wb["Quá hạn"]
    days = [ov.cell(row=r, column=13).value for r in range(2, ov.max_row + 1)]
    eq(days, sorted(days, reverse=True), "Quá hạn: most days first")
    eq(len(days), sum(1 for o in obs if o["status"] == "overdue"), "Quá hạn rows")


# ---- reproducible, read-only, LibreOffice, split ------------------------------------------------

def case_reproducible(cli, src, work):
    for name, inputs in (("scenario", SCENARIO), ("seed", SEED)):
        a = fresh(os.path.join(work, "reproducible", name + "-1"))
        b = fresh(os.path.join(work, "reproducible", name + "-2"))
        render(cli, src, a, inputs)
        render(cli, src, b, inputs)
        fa = sorted(os.path.relpath(p, a) for p in glob.glob(a + "/**/*.xlsx", recursive=True))
        fb = sorted(os.path.relpath(p, b) for p in glob.glob(b + "/**/*.xlsx", recursive=True))
        eq(fa, fb, f"{name}: the same files")
        for f in fa:
            run(["cmp", os.path.join(a, f), os.path.join(b, f)], src)
        check(len(fa) > 2, f"{name}: workbooks written")


def as_nobody():
    """The command prefix that drops root (root writes into read-only dirs)."""
    if os.geteuid() != 0:
        return []
    for tool in (["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
                 ["runuser", "-u", "nobody", "--"]):
        if shutil.which(tool[0]):
            return tool
    return None


def case_readonly(cli, src, work):
    prefix = as_nobody()
    if prefix is None:
        print("skipped: running as root without setpriv or runuser")
        return SKIP
    base = fresh(os.path.join(work, "readonly"))
    ro = os.path.join(base, "ro")
    os.makedirs(ro)
    os.chmod(base, 0o755)
    os.chmod(ro, 0o555)
    probe = subprocess.run(prefix + ["test", "-x", cli, "-a", "-r", os.path.join(src, SCENARIO[0])],
                           capture_output=True)
    if probe.returncode != 0:
        print("skipped: the unprivileged user cannot run the program here")
        return SKIP
    # The first thing render creates is the agencies directory, then ro/new.
    for out, first in ((ro, os.path.join(ro, "agencies")),
                       (os.path.join(ro, "new", "deeper"), os.path.join(ro, "new"))):
        cmd = prefix + [cli, "render"] + SCENARIO + ["--out", out]
        p = subprocess.run(cmd, cwd=src, capture_output=True, text=True)
        eq(p.returncode, 2, f"exit status for --out {out}")
        want = f"error: cannot create directory '{first}': Permission denied [PT8001]"
        check(want in p.stderr, f"--out {out}: want {want!r}, got: {p.stderr}")
        eq(p.stdout, "", f"--out {out}: nothing on stdout")
        eq(os.listdir(ro), [], f"nothing left in {ro}")
    os.chmod(ro, 0o755)


def soffice_convert(src_file, outdir, target):
    os.makedirs(outdir, exist_ok=True)
    profile = "file://" + os.path.abspath(os.path.join(outdir, "lo-profile"))
    run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--convert-to", target, "--outdir", outdir, src_file], outdir)


CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def case_libreoffice(cli, src, work):
    if not shutil.which("soffice"):
        print("skipped: soffice is not installed")
        return SKIP
    out = fresh(os.path.join(work, "libreoffice"))
    render(cli, src, os.path.join(out, "render"), SCENARIO)
    conv = os.path.join(out, "converted")
    summary = os.path.join(out, "render", "summary.xlsx")
    agency = os.path.join(out, "render", "agencies", "h-c.xlsx")
    for f in (summary, agency):
        soffice_convert(f, conv, CSV_ALL_SHEETS)
        soffice_convert(f, conv, "pdf")
    def lines(name):
        """The rows of a csv file, each joined back with commas (quotes dropped)."""
        with open(os.path.join(conv, name), encoding="utf-8", newline="") as fh:
            return [",".join(r) for r in csv.reader(fh)]
    t = lines("summary-Tổng hợp.csv")
    eq(t[4], "1,so-a,Sở Alpha,5,2,0,0,1,2,0,0,100.0%,1", "csv: so-a")
    eq(t[6], "3,h-c,UBND huyện Cê,6,0,1,1,0,3,1,0,0.0%,3", "csv: h-c")
    eq(t[7], ",,Tổng cộng,14,3,2,1,1,5,1,1,50.0%,", "csv: totals")
    d = lines("summary-Chi tiết.csv")
    eq(d[1], "1,12/KH-UBND,1,Xây dựng kế hoạch thực hiện,UBND huyện Cê,,trước ngày 16/3/2021,"
             "15/03/2021,,Chưa hoàn thành, quá hạn,,,91,,", "csv: first detail row")
    eq(len(d), 15, "csv: detail rows")
    m = lines("summary-Ma trận.csv")
    eq(m[7], "UBND huyện Cê,Quá hạn,Miễn,Trong hạn,Trong hạn,Trong hạn,,Nộp chậm", "csv: matrix")
    a = lines("h-c-Nhiệm vụ.csv")
    check(a[0].startswith("TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO: UBND huyện Cê (h-c)"),
          "csv: agency title")
    eq(a[2], "Tổng số nhiệm vụ,,,6,Tỷ lệ đúng hạn,,0.0%,,,,,,,,", "csv: agency block")
    eq(a[9].split(",")[:3], ["1", "12/KH-UBND", "1"], "csv: agency's first obligation")
    for pdf, words in (("summary.pdf", ["TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO",
                                        "Tổng cộng", "12/KH-UBND", "Trang 1/", "50.0%"]),
                       ("h-c.pdf", ["UBND huyện Cê", "Chưa hoàn thành, quá hạn", "91", "Trang 1/"])):
        path = os.path.join(conv, pdf)
        check(os.path.getsize(path) > 1000, f"{pdf} written")
        if shutil.which("pdftotext"):
            text = run(["pdftotext", "-layout", path, "-"], conv).stdout
            for w in words:
                check(w in text, f"{pdf}: '{w}' in the text")


def case_split(fake, work):
    """20,000 synthetic obligations (enough for summary.xlsx to be written by a child
    process) with sheets of at most 7,000 rows."""
    out = fresh(os.path.join(work, "split"))
    run([fake, out, "20", "10", "100", "--max-rows", "7000"], work)
    wb = openpyxl.load_workbook(os.path.join(out, "summary.xlsx"), read_only=True)
    eq(wb.sheetnames, ["Tổng hợp", "Ma trận", "Chi tiết", "Chi tiết (2)", "Chi tiết (3)", "Quá hạn",
                       "Biểu đồ", "Thông tin"], "sheets with the continuation")
    stt = []
    for name, rows in (("Chi tiết", 7000), ("Chi tiết (2)", 7000), ("Chi tiết (3)", 6003)):
        ws = wb[name]
        got = [r[0] for r in ws.iter_rows(values_only=True)]
        eq(len(got), rows, f"{name}: rows")
        eq(got[0], "STT", f"{name}: header")
        stt += got[1:]
    eq(stt, list(range(1, 20001)), "numbering goes on across the sheets")
    wb.close()
    wb = openpyxl.load_workbook(os.path.join(out, "summary.xlsx"))
    for name in ("Chi tiết", "Chi tiết (2)", "Chi tiết (3)"):
        ws = wb[name]
        eq(ws.freeze_panes, "A2", f"{name}: frozen header")
        eq(ws.auto_filter.ref, f"A1:O{ws.max_row}", f"{name}: autofilter")
    eq(len(os.listdir(os.path.join(out, "agencies"))), 20, "agency workbooks")


def main():
    case, cli, src, work = sys.argv[1:5]
    try:
        if case in ("scenario-vi", "scenario-en"):
            rc = case_scenario(cli, src, work, case[-2:])
        elif case == "seed":
            rc = case_seed(cli, src, work)
        elif case == "reproducible":
            rc = case_reproducible(cli, src, work)
        elif case == "readonly":
            rc = case_readonly(cli, src, work)
        elif case == "libreoffice":
            rc = case_libreoffice(cli, src, work)
        elif case == "split":
            rc = case_split(sys.argv[5], work)
        else:
            raise Fail(f"unknown case {case}")
    except Fail as e:
        print(f"FAIL {case}: {e}")
        return 1
    if rc == SKIP:
        return SKIP
    print(f"ok {case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
