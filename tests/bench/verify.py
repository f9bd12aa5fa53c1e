#!/usr/bin/env python3
"""tests/bench/verify.py - check's output against the generator's answers.

    python3 tests/bench/verify.py --cli build/plantrack [--size S] [--work DIR] [--seed N]
                                  [--data DIR] [--examples N]

Generates the benchmark tree of SIZE into DIR with tests/bench/gen (or uses
an existing tree with --data), runs

    plantrack check DIR/plans/*.yaml --status DIR/status --as-of AS_OF --format json

and compares every obligation with answers.tsv, which the generator computed
on its own (tests/bench/gen): status, the last on-time day in force (due),
the plan's own day (original_due), days_late, days_overdue, the counted
submission and the number of resubmissions must all match exactly, and the
two sets of obligations must be the same. Prints the mismatches by field with
examples, then "N passed, M failed". Exit status 0 only when nothing failed.
This is a correctness test, not a timing test.
"""
import argparse
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS = ["status", "due", "original_due", "days_late", "days_overdue", "submitted", "resubmissions"]


def load_answers(path):
    meta = {}
    rows = {}
    with open(path, encoding="utf-8") as f:
        first = f.readline()
        for part in first.lstrip("# ").split():
            k, _, v = part.partition("=")
            meta[k] = v
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            v = line.rstrip("\n").split("\t")
            r = dict(zip(header, v))
            rows[(r["plan"], r["task"], r["agency"], r["period"])] = r
    return meta, rows


def got_value(ob, field):
    v = ob.get(field)
    if field == "resubmissions":
        return str(len(v)) if isinstance(v, list) else ("0" if v is None else str(v))
    if v is None:
        return ""
    return str(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", required=True, help="the plantrack program")
    ap.add_argument("--size", default="S")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", help="directory to generate into (default: build-bench/bench-data/SIZE)")
    ap.add_argument("--data", help="use this generated tree as it is")
    ap.add_argument("--examples", type=int, default=5, help="examples shown per mismatching field")
    args = ap.parse_args()

    if args.data:
        data = args.data
    else:
        data = args.work or os.path.join(HERE, "..", "..", "build-bench", "bench-data", args.size)
        subprocess.run([sys.executable, os.path.join(HERE, "gen"), args.size, data, "--seed", str(args.seed)],
                       check=True)
    meta, want = load_answers(os.path.join(data, "answers.tsv"))
    plans = sorted(glob.glob(os.path.join(data, "plans", "*.yaml")))
    cmd = [args.cli, "check"] + plans + ["--status", os.path.join(data, "status"), "--as-of", meta["as_of"],
                                          "--horizon", meta.get("horizon", "7"), "--format", "json",
                                          "--fail-on", "never"]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = p.stderr.decode("utf-8", "replace")
    warnings = [l for l in err.splitlines() if ": warning:" in l]
    if warnings:
        print("check printed %d warnings (the generated plans should give none), e.g.:" % len(warnings))
        for l in warnings[:5]:
            print("  " + l)
    if p.returncode != 0:
        print("check exited %d; stderr (first 40 lines):" % p.returncode)
        lines = err.splitlines()
        for l in lines[:40]:
            print("  " + l)
        if len(lines) > 40:
            print("  ... %d more lines" % (len(lines) - 40))
        print("0 passed, %d failed" % len(want))
        return 1
    out = json.loads(p.stdout.decode("utf-8"))
    got = {}
    dup = 0
    for ob in out.get("obligations", []):
        key = (ob["plan"], ob["task"], ob["agency"], ob["period"] or "")
        if key in got:
            dup += 1
        got[key] = ob

    passed = failed = 0
    by_field = {f: [] for f in FIELDS}
    missing = []
    for key, w in want.items():
        ob = got.get(key)
        if ob is None:
            missing.append(key)
            failed += 1
            continue
        bad = False
        for f in FIELDS:
            if f == "original_due" and "original_due" not in ob:
                continue
            if got_value(ob, f) != w[f]:
                by_field[f].append((key, w, ob))
                bad = True
        if bad:
            failed += 1
        else:
            passed += 1
    extra = [k for k in got if k not in want]
    failed += len(extra)

    def show(key, w, ob):
        plan, task, agency, period = key
        exp = ", ".join("%s=%s" % (f, w[f] or "-") for f in FIELDS)
        gv = ", ".join("%s=%s" % (f, got_value(ob, f) or "-") for f in FIELDS) if ob else "absent"
        print("    plan %s task %s agency %s period %s" % (plan, task, agency, period or "(one-off)"))
        print("      due as written: %s" % (ob.get("due_as_written") if ob else "?"))
        print("      expected: " + exp)
        print("      got:      " + gv)

    for f in FIELDS:
        if by_field[f]:
            print("mismatch in %s: %d obligations" % (f, len(by_field[f])))
            # group by the deadline words, so that one wrong rule shows once
            seen = {}
            for key, w, ob in by_field[f]:
                seen.setdefault(ob.get("due_as_written"), []).append((key, w, ob))
            for words, items in list(seen.items())[:args.examples]:
                print("  %d with due %r, e.g.:" % (len(items), words))
                show(*items[0])
    if missing:
        print("%d obligations expected but absent from check's output, e.g.:" % len(missing))
        for key in missing[:args.examples]:
            print("    " + " | ".join(key))
    if extra:
        print("%d obligations in check's output that the generator does not expect, e.g.:" % len(extra))
        for key in extra[:args.examples]:
            print("    " + " | ".join(key) + "   due " + str(got[key].get("due_as_written")))
    if dup:
        print("%d obligations appear twice in check's output" % dup)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 and not dup else 1


if __name__ == "__main__":
    sys.exit(main())
