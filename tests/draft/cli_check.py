#!/usr/bin/env python3
"""`plantrack draft` on the small documents of tests/draft/docs/.

Checks, each with the exact exit status and the diagnostic codes:
  - a Công văn against registries/mini.yaml, drafted into a temporary
    directory holding a copy of that registry: exit 0, the stats line, YAML
    that loads and compiles, quoting that survives '"', '#', ':' and '\\',
    the header facts, the tasks and their ids as printed (1.1, 1.2, 3 …),
    a misspelt agency taking the closest entry (PT9107), an unknown one
    commenting its task out (PT9106) or left out of a lead that has another
    agency (PT9109), plural addressees as groups, a point that names nobody
    taking the "Kính gửi" addressees, report_to, due phrases;
  - the same document without --registry: names as printed, PT9105, and no
    `registry:` path;
  - an empty file (PT1003), a NUL byte (PT1004), Windows-1258 text (PT1005),
    a text that is not an issued document (PT9102): exit 2, nothing on stdout
    and no -o file written.

usage: cli_check.py CLI SOURCE_DIR
The last line printed is `N passed, M failed`.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

FAILS = []
PASSES = [0]


def check(cond, what):
    if cond:
        PASSES[0] += 1
    else:
        FAILS.append(what)
        print("FAIL: " + what)


def run(cli, *args):
    return subprocess.run([cli] + list(args), capture_output=True, text=True, timeout=120)


def tasks_by_id(draft):
    return {str(t["id"]): t for t in draft.get("tasks") or []}


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    cli, src = sys.argv[1], sys.argv[2]
    docs = os.path.join(src, "tests", "draft", "docs")
    tmp = tempfile.mkdtemp(prefix="pt-draft-cli-")
    try:
        os.mkdir(os.path.join(tmp, "registries"))
        reg = os.path.join(tmp, "registries", "mini.yaml")
        shutil.copy(os.path.join(docs, "registries", "mini.yaml"), reg)
        doc = os.path.join(docs, "cong-van.txt")
        out = os.path.join(tmp, "draft.yaml")

        # --- with a registry, into a directory that holds it
        p = run(cli, "draft", doc, "--registry", reg, "-o", out)
        check(p.returncode == 0, "cong-van: exit 0 (got %d)\n%s" % (p.returncode, p.stderr))
        check(p.stdout == "", "cong-van: nothing on stdout with -o")
        check("draft: 5 tasks, 6 agencies matched, 5 unmatched, 5 deadlines, 1 basis references"
              in p.stderr, "cong-van: stats line\n" + p.stderr)
        for code, n in (("PT9107", 2), ("PT9106", 1), ("PT9109", 1)):
            check(p.stderr.count("[%s]" % code) == n,
                  "cong-van: %d x %s\n%s" % (n, code, p.stderr))
        check("PT9105" not in p.stderr, "cong-van: no PT9105 with a registry")
        with open(out, encoding="utf-8") as f:
            text = f.read()
        draft = yaml.safe_load(text)
        check(draft["number"] == "0412/UBND-VX", "number cleaned: %r" % draft["number"])
        check(draft["issued"] == "2022-03-02", "issued: %r" % draft["issued"])
        check(draft["issuer"] == "UBND tỉnh Mẫu", "issuer: %r" % draft["issuer"])
        check(draft["kind"] == "CV", "kind: %r" % draft["kind"])
        check(draft["subject"] == 'V/v "kiểm tra" #1: báo cáo \\ công tác trẻ em',
              "subject quoted and joined: %r" % draft["subject"])
        check(draft["title"].startswith("Công văn về "), "title: %r" % draft["title"])
        check(draft["period"] == "năm 2022", "period: %r" % draft["period"])
        check(draft["registry"] == "registries/mini.yaml", "registry: %r" % draft["registry"])
        check(draft["basis"] == ["Quyết định số 99/QĐ-UBND ngày 01/02/2022 của UBND tỉnh Mẫu"],
              "basis: %r" % draft["basis"])
        t = tasks_by_id(draft)
        check(sorted(t) == ["1.1", "1.2", "3", "4", "5"], "task ids: %r" % sorted(t))
        check(re.search(r'^  - id: "1\.1"$', text, re.M) is not None, "ids are quoted")
        check(re.search(r'^  #   - id: "2"$', text, re.M) is not None,
              "task 2 (unknown agency) is written as a comment")
        if sorted(t) == ["1.1", "1.2", "3", "4", "5"]:
            check(t["1.1"]["lead"] == ["so-ldtbxh"] and "kiểm tra" in text.split('id: "1.1"')[1].split("\n")[3],
                  "1.1: closest entry, marked kiểm tra")
            check(t["1.1"]["support"] == ["so-yte"], "1.1 support: %r" % t["1.1"]["support"])
            check(t["1.1"]["due"] == "trước ngày 15/4/2022", "1.1 due: %r" % t["1.1"]["due"])
            check(t["1.1"]["kind"] == "report", "1.1 kind")
            check(t["1.2"]["support"] == ["cong-an-tinh"], "1.2 support: %r" % t["1.2"]["support"])
            check(t["1.2"]["due"] == "thường xuyên", "1.2 due: %r" % t["1.2"]["due"])
            check(t["3"]["lead"] == ["cap-huyen"], "3 lead: plural -> group: %r" % t["3"]["lead"])
            check(t["3"]["report_to"] == "so-ldtbxh", "3 report_to: %r" % t["3"].get("report_to"))
            check(t["3"]["due"] == "định kỳ 6 tháng/năm", "3 due: %r" % t["3"]["due"])
            check(t["4"]["lead"] == ["so-yte", "cap-huyen"], "4 lead: Kính gửi: %r" % t["4"]["lead"])
            check(t["5"]["lead"] == ["so-yte"], "5 lead: %r" % t["5"]["lead"])
            check(t["5"]["due"] == "từ ngày 01/6 đến ngày 30/6/2022", "5 due: %r" % t["5"]["due"])
        c = run(cli, "compile", out)
        check(c.returncode == 0, "the draft compiles (exit %d)\n%s" % (c.returncode, c.stderr))

        # --- on stdout, the same bytes
        p2 = run(cli, "draft", doc, "--registry", reg)
        check(p2.returncode == 0 and p2.stdout == text, "stdout and -o give the same draft")

        # --- without a registry
        p = run(cli, "draft", doc)
        check(p.returncode == 0, "no registry: exit 0")
        check("[PT9105]" in p.stderr, "no registry: PT9105")
        check("PT9106" not in p.stderr and "PT9107" not in p.stderr,
              "no registry: no matching warnings")
        d2 = yaml.safe_load(p.stdout)
        t2 = tasks_by_id(d2)
        check(d2["registry"] is None, "no registry: registry is null")
        check(t2.get("2", {}).get("lead") == ["Sở Kế hoạch và Đầu tư"],
              "no registry: names as printed: %r" % t2.get("2"))
        check(t2.get("3", {}).get("lead") == ["UBND các huyện, thị xã"],
              "no registry: plural as printed: %r" % t2.get("3"))

        # --- errors: exit 2, nothing written
        for name, code in (("rong.txt", "PT1003"), ("nul.txt", "PT1004"),
                           ("windows-1258.txt", "PT1005"), ("khong-phai-van-ban.txt", "PT9102")):
            o = os.path.join(tmp, "x-" + name + ".yaml")
            p = run(cli, "draft", os.path.join(docs, name), "-o", o)
            check(p.returncode == 2, "%s: exit 2 (got %d)" % (name, p.returncode))
            check("[%s]" % code in p.stderr, "%s: %s\n%s" % (name, code, p.stderr))
            check(p.stdout == "" and not os.path.exists(o), "%s: nothing written" % name)
    finally:
        shutil.rmtree(tmp)
    print("%d passed, %d failed" % (PASSES[0], len(FAILS)))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
