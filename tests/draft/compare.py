#!/usr/bin/env python3
"""Drafts each seed document and compares the draft with the plan encoded by hand.

For each of the five seeds (docs/CONVENTIONS.md): a fresh temporary directory
gets a copy of the seed's registry under registries/, then

    plantrack draft SEED --registry TMP/registries/R.yaml -o TMP/draft.yaml

must exit 0 and write YAML that loads, that `plantrack compile` accepts (exit
0; warnings allowed), and that carries the number, the date of issue, the
issuer, every basis reference of the hand-encoded plan (as a basis item of the
draft) and every deadline phrase the document prints (as a `due`, or as the
plan's `period`). Then the tasks are compared with the hand-encoded plan: a
task matches when the draft has a task with the same id whose lead names the
same agencies (groups expanded through the registry, so ubnd-quan-huyen and
ubnd-huyen-thi-xa-thanh-pho, which hold the same 27 units, are equal).

The share of matching tasks is asserted exactly, per seed (EXPECTED below):
a change that improves or worsens the drafts must update the figure.

usage: compare.py CLI SOURCE_DIR [--verbose]
The last line printed is `N passed, M failed`.
"""
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

SEEDS = [
    # seed file, hand-encoded plan, registry
    ("000_363b32288c09f48a.txt", "hanoi-2017-1554.yaml", "hanoi.yaml"),
    ("001_72bc782a1ebc1410.txt", "haiphong-2021-03.yaml", "haiphong.yaml"),
    ("002_02fefc0b653265ce.txt", "thanhhoa-2017-3410.yaml", "thanhhoa.yaml"),
    ("003_c5ed336c46aaa4e9.txt", "hanoi-2020-thang-hanh-dong.yaml", "hanoi.yaml"),
    ("004_6f8193f6f9e93b89.txt", "giaothuy-2019-566.yaml", "giaothuy.yaml"),
]

# (tasks of the hand-encoded plan matched by id and lead, tasks of that plan)
EXPECTED = {
    "000_363b32288c09f48a.txt": (4, 4),
    "001_72bc782a1ebc1410.txt": (44, 44),
    "002_02fefc0b653265ce.txt": (10, 10),
    "003_c5ed336c46aaa4e9.txt": (16, 16),
    "004_6f8193f6f9e93b89.txt": (7, 7),
}

# Deadline phrases as documents print them (checked on the document text with
# marks removed and line breaks joined).
DEADLINE_RE = re.compile(
    r"(?:trước|chậm nhất(?: là)?|đến hết) ngày \d{1,2}/\d{1,2}(?:/\d{4})?"
    r"|từ ngày \d{1,2}/\d{1,2}(?:/\d{4})? đến ngày \d{1,2}/\d{1,2}/\d{4}"
    r"|định kỳ 6 tháng/năm"
    r"|[Hh][ằà]ng năm(?=,| báo cáo)",
)

FAILS = []
PASSES = [0]


def check(cond, what):
    if cond:
        PASSES[0] += 1
    else:
        FAILS.append(what)
        print("FAIL: " + what)


def expand(registry, ids):
    """Agency ids of a lead list: groups expanded (SPEC 2.1)."""
    agencies = registry.get("agencies") or []
    by_id = {a["id"]: a for a in agencies}
    groups = registry.get("groups") or {}
    out = set()

    def one(i, depth=0):
        if i in by_id:
            out.add(i)
        elif i in groups and depth < 10:
            g = groups[i]
            if isinstance(g, dict):
                kinds = g.get("kind")
                kinds = [kinds] if isinstance(kinds, str) else list(kinds or [])
                out.update(a["id"] for a in agencies if a.get("kind") in kinds)
            else:
                for m in g:
                    one(m, depth + 1)
        else:
            out.add("?" + str(i))

    for i in ids or []:
        one(i)
    return out


def as_date(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()[:10]
    if v is None:
        return None
    s = str(v)
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", s)
    if m:
        return s
    m = re.search(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})", s)
    if m:
        return "%04d-%02d-%02d" % (int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return s


def doc_text(path):
    with open(path, encoding="utf-8") as f:
        t = f.read()
    t = t.replace("*", "")
    return re.sub(r"\s+", " ", t)


def run_seed(cli, src, seed, plan_name, reg_name, verbose):
    seed_path = os.path.join(os.path.dirname(os.path.abspath(src)), "shared", "seeds", seed)
    hand_path = os.path.join(src, "plans", plan_name)
    reg_src = os.path.join(src, "plans", "registries", reg_name)
    with open(hand_path, encoding="utf-8") as f:
        hand = yaml.safe_load(f)
    with open(reg_src, encoding="utf-8") as f:
        registry = yaml.safe_load(f)
    tmp = tempfile.mkdtemp(prefix="pt-draft-")
    try:
        os.mkdir(os.path.join(tmp, "registries"))
        reg = os.path.join(tmp, "registries", reg_name)
        shutil.copy(reg_src, reg)
        out = os.path.join(tmp, "draft.yaml")
        p = subprocess.run([cli, "draft", seed_path, "--registry", reg, "-o", out],
                           capture_output=True, text=True, timeout=120)
        check(p.returncode == 0, "%s: draft exits 0 (got %d: %s)" % (seed, p.returncode, p.stderr))
        if p.returncode != 0:
            return
        check(re.search(r"^draft: \d+ tasks, \d+ agencies matched, \d+ unmatched, \d+ deadlines, "
                        r"\d+ basis references$", p.stderr, re.M) is not None,
              "%s: stats line on stderr" % seed)
        with open(out, encoding="utf-8") as f:
            text = f.read()
        try:
            draft = yaml.safe_load(text)
        except yaml.YAMLError as e:
            check(False, "%s: draft is valid YAML (%s)" % (seed, e))
            return
        check(isinstance(draft, dict), "%s: draft is a map" % seed)
        c = subprocess.run([cli, "compile", out], capture_output=True, text=True, timeout=120)
        check(c.returncode == 0, "%s: draft compiles (exit %d)\n%s" % (seed, c.returncode, c.stderr))
        # header facts
        check(str(draft.get("number")) == str(hand.get("number")) if hand.get("number") else
              draft.get("number") is None,
              "%s: number %r == %r" % (seed, draft.get("number"), hand.get("number")))
        check(as_date(draft.get("issued")) == as_date(hand.get("issued")),
              "%s: issued %r == %r" % (seed, draft.get("issued"), hand.get("issued")))
        check(draft.get("issuer") == hand.get("issuer"),
              "%s: issuer %r == %r" % (seed, draft.get("issuer"), hand.get("issuer")))
        check(draft.get("kind") == hand.get("kind"),
              "%s: kind %r == %r" % (seed, draft.get("kind"), hand.get("kind")))
        check(draft.get("place") == hand.get("place"),
              "%s: place %r == %r" % (seed, draft.get("place"), hand.get("place")))
        check(draft.get("registry") == "registries/" + reg_name, "%s: registry path" % seed)
        # basis: every reference of the hand plan, by its number (or name)
        nums = re.compile(r"\d+(?:/\d{4})?[/-][^\s,;]+")
        dbasis = " | ".join(str(b) for b in draft.get("basis") or [])
        for b in hand.get("basis") or []:
            m = nums.search(b)
            key = m.group(0) if m else b
            check(key in dbasis, "%s: basis carries %r" % (seed, key))
        # deadline phrases the document prints
        dues = [str(t.get("due")) for t in draft.get("tasks") or [] if t.get("due")]
        dues.append(str(draft.get("period")))
        for m in DEADLINE_RE.finditer(doc_text(seed_path)):
            phrase = m.group(0)
            check(any(phrase.lower() in d.lower() for d in dues),
                  "%s: deadline %r is in a due or the period" % (seed, phrase))
        # tasks
        dtasks = {str(t.get("id")): t for t in draft.get("tasks") or []}
        matched = 0
        htasks = hand.get("tasks") or []
        for ht in htasks:
            hid = str(ht.get("id"))
            dt = dtasks.get(hid)
            ok = dt is not None and expand(registry, dt.get("lead")) == expand(registry, ht.get("lead"))
            matched += ok
            if verbose and not ok:
                print("  %s %s: hand lead %s, draft %s" % (seed, hid, ht.get("lead"),
                                                        dt.get("lead") if dt else "(no task)"))
        extra = sorted(set(dtasks) - {str(t.get("id")) for t in htasks})
        print("%s: %d/%d tasks match by id and lead (%.0f%%)%s" % (
            seed, matched, len(htasks), 100.0 * matched / max(1, len(htasks)),
            "; draft tasks not in the hand plan: " + ", ".join(extra) if extra else ""))
        exp = EXPECTED.get(seed)
        check(exp == (matched, len(htasks)),
              "%s: expected %s tasks matched, got %s" % (seed, exp, (matched, len(htasks))))
        # determinism
        out2 = os.path.join(tmp, "draft2.yaml")
        subprocess.run([cli, "draft", seed_path, "--registry", reg, "-o", out2],
                       capture_output=True, timeout=120)
        with open(out2, encoding="utf-8") as f:
            check(f.read() == text, "%s: same input, same draft" % seed)
    finally:
        shutil.rmtree(tmp)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    if len(args) != 2:
        print(__doc__)
        return 2
    cli, src = args
    seeds = os.path.join(os.path.dirname(os.path.abspath(src)), "shared", "seeds")
    if not os.path.isdir(seeds):
        print("skipped: no seed documents in %s" % seeds)
        return 77
    for seed, plan, reg in SEEDS:
        run_seed(cli, src, seed, plan, reg, verbose)
    print("%d passed, %d failed" % (PASSES[0], len(FAILS)))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
