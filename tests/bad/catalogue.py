#!/usr/bin/env python3
"""Every message code of the catalogue (lib/msg/*.def) has a bad-input case.

Parses every PT_MSG(NAME, CODE, SEVERITY, "format") of lib/msg/*.def, and
every `expected` file of the case directories under tests/bad/, and fails
when a code appears in no expected output as `[PTnnnn]`, except the few
codes listed in IMPOSSIBLE with the reason no command line can trigger them.
A warning code may be covered by a case that also has an error (a case must
exit 2). It also fails when two messages share a code or a name, and when
IMPOSSIBLE names a code that is not in the catalogue or that a case covers
(the list must stay short and true).

usage: catalogue.py [SOURCE_DIR]   (default: the tree this script is in)
"""
import glob
import os
import re
import sys

# code -> why no invocation of the program can produce it. Keep it short.
IMPOSSIBLE = {
    4009: "an open-ended recurrence without an as-of date: the command line always has "
          "one (today by default; a bad --as-of stops the run before the plans load)",
    4016: "a built-in deadline pattern that does not compile (a programming error)",
    6009: "out of memory while reading a CSV file",
    8004: "libxlsxwriter fails to write a workbook it has opened: needs a full or failing "
          "disk (every string is clipped to Excel's limits before it is written)",
    8005: "fsync of a finished workbook fails: needs a failing disk",
    8007: "out of memory while writing the workbooks",
    8008: "an unknown --lang reaches pt_render: the command line rejects it first (PT9004, "
          "case render-bad-lang)",
    9103: "out of memory while drafting the plan",
}

MSG_RE = re.compile(
    r'^\s*PT_MSG\(\s*(\w+)\s*,\s*(\d+)\s*,\s*(ERROR|WARNING)\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)',
    re.M)


def load_catalogue(src):
    msgs = []
    for path in sorted(glob.glob(os.path.join(src, "lib", "msg", "*.def"))):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for m in MSG_RE.finditer(text):
            msgs.append({"name": m.group(1), "code": int(m.group(2)), "sev": m.group(3),
                         "fmt": m.group(4), "file": os.path.relpath(path, src)})
    return msgs


def covered_codes(bad_dir):
    cov = {}
    for exp in sorted(glob.glob(os.path.join(bad_dir, "*", "expected"))):
        case = os.path.basename(os.path.dirname(exp))
        if not os.path.isfile(os.path.join(os.path.dirname(exp), "cmd")):
            continue
        with open(exp, encoding="utf-8", errors="replace") as f:
            for code in re.findall(r"\[PT(\d{4})\]", f.read()):
                cov.setdefault(int(code), []).append(case)
    return cov


def main(argv):
    src = os.path.abspath(argv[0]) if argv else \
        os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    bad_dir = os.path.join(src, "tests", "bad")
    msgs = load_catalogue(src)
    problems = []
    if not msgs:
        problems.append("no PT_MSG found under %s/lib/msg" % src)
    by_code, by_name = {}, {}
    for m in msgs:
        if m["code"] in by_code:
            problems.append("code %d is used by both %s and %s" %
                            (m["code"], by_code[m["code"]]["name"], m["name"]))
        by_code.setdefault(m["code"], m)
        if m["name"] in by_name:
            problems.append("name %s is declared twice" % m["name"])
        by_name.setdefault(m["name"], m)
    cov = covered_codes(bad_dir)
    missing = [m for m in msgs if m["code"] not in cov and m["code"] not in IMPOSSIBLE]
    for m in missing:
        problems.append("PT%04d %s (%s, %s) has no case in tests/bad: \"%s\"" %
                        (m["code"], m["name"], m["sev"].lower(), m["file"], m["fmt"]))
    for code, why in sorted(IMPOSSIBLE.items()):
        if code not in by_code:
            problems.append("IMPOSSIBLE lists PT%04d, which is not in the catalogue" % code)
        elif code in cov:
            problems.append("IMPOSSIBLE lists PT%04d (%s) but case %s covers it: remove it "
                            "from the list" % (code, why, cov[code][0]))
    unknown = sorted(c for c in cov if c not in by_code)
    for c in unknown:
        problems.append("case %s expects [PT%04d], which is not in the catalogue" % (cov[c][0], c))
    n_cov = sum(1 for m in msgs if m["code"] in cov)
    print("%d messages in the catalogue: %d covered by a case, %d impossible from the "
          "command line, %d without a case" % (len(msgs), n_cov,
                                                sum(1 for c in IMPOSSIBLE if c in by_code),
                                                len(missing)))
    for code, why in sorted(IMPOSSIBLE.items()):
        print("  PT%04d impossible: %s" % (code, why))
    for p in problems:
        print("FAIL: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
