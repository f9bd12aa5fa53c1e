#!/usr/bin/env python3
"""Every command in the table answers --help on stdout with exit 0, and
`help COMMAND` prints the same; --version prints the version."""
import subprocess, sys

cli = sys.argv[1]
failed = passed = 0

def run(*args):
    return subprocess.run([cli, *args], capture_output=True, text=True)

top = run("help")
commands = []
in_list = False
for line in top.stdout.splitlines():
    if line.startswith("commands:"):
        in_list = True
        continue
    if in_list and line.startswith("  "):
        commands.append(line.split()[0])
    elif in_list:
        in_list = False

def expect(cond, what):
    global failed, passed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)

expect(top.returncode == 0, "plantrack help exits 0")
expect(set(commands) == {"compile", "check", "render", "draft", "calendar", "explain", "help"},
       f"command table lists every command, got {commands}")
for c in commands:
    if c == "help":
        continue
    r = run(c, "--help")
    expect(r.returncode == 0 and r.stdout.startswith(f"usage: plantrack {c} ") and r.stderr == "",
           f"{c} --help")
    expect("  -h, --help" in r.stdout, f"{c} --help lists -h")
    h = run("help", c)
    expect(h.stdout == r.stdout and h.returncode == 0, f"help {c} equals {c} --help")
# the options table of check, exactly: "-o" has no long name, and every
# help text starts in the column after the widest option
want_check = """options:
  -s, --status PATH             a status file or directory (repeatable)
  --as-of DATE                  the day the check is made (default: today)
  --horizon N                   days ahead that count as due soon (default: 7)
  --agency ID                   only this agency (repeatable)
  --format text|json|csv        output format (default: text)
  --fail-on overdue|late|never  exit 1 when an obligation is in that state (default: overdue)
  --lang vi|en                  language of the text output (default: vi)
  -o FILE                       write to FILE (atomically) instead of stdout
  -h, --help                    show this help
"""
got = run("check", "--help").stdout
expect(got.endswith(want_check), "check --help options table:\n" + got)
expect("Environment: PLANTRACK_JOBS=N" in top.stdout, "help names PLANTRACK_JOBS")
v = run("--version")
expect(v.returncode == 0 and v.stdout.startswith("plantrack "), "--version")
u = run("frobnicate")
expect(u.returncode == 2 and u.stdout == "" and "unknown command 'frobnicate'" in u.stderr, "unknown command")
u = run("chek")
expect(u.returncode == 2 and "did you mean 'check'?" in u.stderr, "did you mean a command")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
