#!/usr/bin/python3
"""Seed plans end to end (issue 6, "how it is judged").

usage: seed_plans.py PLANTRACK SOURCE_DIR CASE

CASE is one of:
  hanoi-2020     IV.1 and IV.2 of the Tháng hành động plan: 58 agencies each, due 2020-05-19 and
                 2020-07-14 (the days before "trước ngày 20/5/2020" and "trước ngày 15/7/2020")
  thanhhoa       2.7 "báo cáo định kỳ 6 tháng/năm": H1 and year obligations 2017-2020 for the 27
                 district-level units, days from the plan's defaults (14/6, 14/12, rolled forward)
  haiphong       IV.12.3 "Hằng năm": yearly obligations for the 15 districts, compiled as of
                 2022-06-30: 2021, 2022 and the period after the as-of one, 2023
  untracked      hanoi-2017-1554 and giaothuy-2019-566: every obligation untracked (due null),
                 with the words as written kept
  compile-all    every shipped plan compiles together with no error
  status-all     every shipped status register checks against its plan with no error

The expected numbers were counted from the plan files and their registries by hand (see the
comments) and are asserted exactly: a change in a plan or registry that moves them must update
this file on purpose.
"""
import collections
import glob
import json
import os
import subprocess
import sys

PT, SRC, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
PLANS = os.path.join(SRC, "plans")
AS_OF = "2022-06-30"   # fixed: no test depends on the clock

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)


def run(*args):
    p = subprocess.run([PT, *args], cwd=SRC, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def errors_in(stderr):
    return [l for l in stderr.splitlines() if ": error:" in l or l.startswith("error:")]


def compile_json(plan, as_of=AS_OF):
    rc, out, err = run("compile", "--format", "json", "--as-of", as_of, os.path.join("plans", plan))
    if rc != 0 or errors_in(err):
        sys.exit(f"compile {plan} failed (exit {rc}):\n{err}")
    return json.loads(out)


def by_task(doc, task):
    return [o for o in doc["obligations"] if o["task"] == task]


def hanoi_2020():
    doc = compile_json("hanoi-2020-thang-hanh-dong.yaml")
    # [so-ban-nganh-doan-the, ubnd-quan-huyen]: 18 Sở + Thanh tra + Ban Dân tộc (20), Công an
    # Thành phố (1), 7 đoàn thể, 30 UBND quận, huyện, thị xã = 58
    for task, due, words in (("IV.1", "2020-05-19", "trước ngày 20/5/2020"),
                             ("IV.2", "2020-07-14", "trước ngày 15/7/2020")):
        obs = by_task(doc, task)
        agencies = {o["agency"] for o in obs}
        check(len(obs) == 58, f"{task}: {len(obs)} obligations, expected 58")
        check(len(agencies) == 58, f"{task}: {len(agencies)} agencies, expected 58")
        check(all(o["due"] == due for o in obs),
              f"{task}: dues {sorted({o['due'] for o in obs})}, expected {due}")
        check(all(o["period"] is None for o in obs), f"{task}: a one-off task has a period")
        check(all(o["due_as_written"] == words for o in obs), f"{task}: due_as_written")
        check(all(o["plan"] == "hanoi-2020-thang-hanh-dong" for o in obs), f"{task}: plan id")
        for a in ("q-ba-dinh", "tx-son-tay", "h-my-duc", "so-ldtbxh", "cong-an-tp", "thanh-doan",
                  "mttq-tp", "ban-dan-toc", "thanh-tra-tp"):
            check(a in agencies, f"{task}: {a} is not assigned")
        for a in ("vp-ubnd-tp", "ubnd-tp", "bao-ha-noi-moi"):
            check(a not in agencies, f"{task}: {a} should not be assigned")
        check(sum(a.startswith(("q-", "h-", "tx-")) for a in agencies) == 30,
              f"{task}: expected the 30 district-level units")
    # III.* carry no checkable deadline: untracked
    for o in doc["obligations"]:
        if o["task"].startswith("III."):
            check(o["due"] is None, f"{o['task']} {o['agency']}: due {o['due']}, expected null")


def thanhhoa():
    doc = compile_json("thanhhoa-2017-3410.yaml")
    obs = by_task(doc, "2.7")
    # defaults half-year "trước ngày 15/6 và 15/12", year "trước ngày 15/12": 14/6 and 14/12,
    # rolled forward: 14/12/2019 is a Saturday -> 16/12; 14/6/2020 a Sunday -> 15/6
    want = {"2017-H1": "2017-06-14", "2017": "2017-12-14",
            "2018-H1": "2018-06-14", "2018": "2018-12-14",
            "2019-H1": "2019-06-14", "2019": "2019-12-16",
            "2020-H1": "2020-06-15", "2020": "2020-12-14"}
    per = collections.defaultdict(set)
    for o in obs:
        per[o["period"]].add(o["agency"])
        check(o["due"] == want.get(o["period"]),
              f"2.7 {o['agency']} {o['period']}: due {o['due']}, expected {want.get(o['period'])}")
        check(o["kind"] == "report", "2.7 kind")
    check(sorted(per) == sorted(want), f"2.7 periods {sorted(per)}, expected {sorted(want)}")
    units = set().union(*per.values()) if per else set()
    check(len(units) == 27, f"2.7: {len(units)} units, expected 27")
    check(all(len(v) == 27 for v in per.values()),
          f"2.7: units per period {[len(v) for v in per.values()]}, expected 27 each")
    check(len(obs) == 27 * 8, f"2.7: {len(obs)} obligations, expected 216")
    check("tp-thanh-hoa" in units and "tx-sam-son" in units and "h-muong-lat" in units,
          "2.7: tp-thanh-hoa, tx-sam-son, h-muong-lat expected")
    check("so-ldtbxh" not in units, "2.7: so-ldtbxh receives the report, does not owe it")
    # the other tasks have no checkable deadline
    for o in doc["obligations"]:
        if o["task"] != "2.7":
            check(o["due"] is None, f"{o['task']} {o['agency']}: due {o['due']}, expected null")


def haiphong():
    doc = compile_json("haiphong-2021-03.yaml", "2022-06-30")
    obs = by_task(doc, "IV.12.3")
    # period "Năm 2020 và các năm tiếp theo", issued 07/01/2021: 2020's day (14/12/2020) is before
    # the issue, so the recurrence starts with 2021; open-ended, expanded through the period after
    # the one holding 2022-06-30: 2021, 2022, 2023. Day: defaults.year "trước ngày 15/12".
    want = {"2021": "2021-12-14", "2022": "2022-12-14", "2023": "2023-12-14"}
    per = collections.defaultdict(set)
    for o in obs:
        per[o["period"]].add(o["agency"])
        check(o["due"] == want.get(o["period"]),
              f"IV.12.3 {o['agency']} {o['period']}: due {o['due']}, expected {want.get(o['period'])}")
    check(sorted(per) == sorted(want), f"IV.12.3 periods {sorted(per)}, expected {sorted(want)}")
    check(all(len(v) == 15 for v in per.values()),
          f"IV.12.3 units per period {[len(v) for v in per.values()]}, expected 15 each")
    check(len(obs) == 45, f"IV.12.3: {len(obs)} obligations, expected 45")
    units = set().union(*per.values()) if per else set()
    check({"q-le-chan", "h-bach-long-vi", "h-thuy-nguyen"} <= units, "IV.12.3 districts")
    # a later as-of date extends the open-ended recurrence by one year each year
    later = by_task(compile_json("haiphong-2021-03.yaml", "2023-06-30"), "IV.12.3")
    check(sorted({o["period"] for o in later}) == ["2021", "2022", "2023", "2024"],
          f"as of 2023-06-30: periods {sorted({o['period'] for o in later})}")
    # IV.12.8 "định kỳ" names no period: untracked, words kept
    for o in by_task(doc, "IV.12.8"):
        check(o["due"] is None and o["due_as_written"] == "định kỳ", f"IV.12.8 {o['agency']}")


def untracked():
    # hanoi-2017-1554: 1.1 (so-ldtbxh), 1.2 (so-ldtbxh), 2 (so-gddt), 3 (30 UBND) = 33
    # giaothuy-2019-566: 1 and 6 (22 Đảng bộ + UBND huyện + 10 ban, ngành + 6 MTTQ, đoàn thể = 39
    # each), 2 (1), 3 (6), 4 (1), 5 (3), 7 (1) = 90
    for plan, n, words in (("hanoi-2017-1554.yaml", 33,
                            {"1.1": "kịp thời", "1.2": None, "2": "khẩn trương", "3": "thường xuyên"}),
                           ("giaothuy-2019-566.yaml", 90, {"7": "định kỳ", "1": None})):
        doc = compile_json(plan)
        obs = doc["obligations"]
        check(len(obs) == n, f"{plan}: {len(obs)} obligations, expected {n}")
        check(all(o["due"] is None for o in obs),
              f"{plan}: tracked obligations {[(o['task'], o['agency'], o['due']) for o in obs if o['due']]}")
        for task, w in words.items():
            got = {o["due_as_written"] for o in by_task(doc, task)}
            check(got == {w}, f"{plan} {task}: due_as_written {got}, expected {w!r}")


def compile_all():
    plans = sorted(glob.glob(os.path.join(PLANS, "*.yaml")))
    check(len(plans) == 5, f"{len(plans)} shipped plans, expected 5")
    rel = [os.path.relpath(p, SRC) for p in plans]
    rc, out, err = run("compile", "--as-of", AS_OF, *rel)
    check(rc == 0, f"compile of every plan: exit {rc}\n{err}")
    check(not errors_in(err), f"compile of every plan reports errors:\n{err}")
    for p in rel:   # one by one too: a plan must not depend on another being loaded
        rc, out, err = run("compile", "--as-of", AS_OF, p)
        check(rc == 0 and not errors_in(err), f"compile {p}: exit {rc}\n{err}")
    rc, out, err = run("compile", "--format", "json", "--as-of", AS_OF, *rel)
    if rc == 0:
        doc = json.loads(out)
        ids = [p["id"] if isinstance(p, dict) else p for p in doc["plans"]]
        check(len(ids) == 5, f"plans in json: {ids}")


def status_all():
    dirs = sorted(d for d in glob.glob(os.path.join(PLANS, "status", "*")) if os.path.isdir(d))
    check(len(dirs) == 5, f"{len(dirs)} status registers, expected 5")
    for d in dirs:
        plan_id = os.path.basename(d)
        plan = os.path.join("plans", plan_id + ".yaml")
        check(os.path.exists(os.path.join(SRC, plan)), f"status/{plan_id}: no plan {plan}")
        for fmt in ("text", "json"):
            rc, out, err = run("check", plan, "--status", os.path.relpath(d, SRC), "--as-of", AS_OF,
                               "--fail-on", "never", "--format", fmt)
            check(rc == 0, f"check {plan_id} ({fmt}): exit {rc}\n{err}")
            check(not errors_in(err), f"check {plan_id} ({fmt}) reports errors:\n{err}")
            if fmt == "json" and rc == 0:
                doc = json.loads(out)
                got = [o for o in doc["obligations"] if o["submitted"] or o["status"] == "exempt"]
                check(got, f"check {plan_id}: no submission or exemption matched")


CASES = {"hanoi-2020": hanoi_2020, "thanhhoa": thanhhoa, "haiphong": haiphong,
         "untracked": untracked, "compile-all": compile_all, "status-all": status_all}
if CASE not in CASES:
    sys.exit(f"unknown case {CASE!r}; one of {', '.join(CASES)}")
CASES[CASE]()
for f in failures:
    print("FAIL:", f)
print(f"{CASE}: {len(failures)} failures")
sys.exit(1 if failures else 0)
