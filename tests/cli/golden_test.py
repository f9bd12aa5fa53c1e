#!/usr/bin/env python3
"""Golden outputs of the CLI on the shipped plans: each line of
tests/golden/cases.tsv is `name<TAB>exit status<TAB>arguments`; the expected
stdout is tests/golden/<name>.out and the expected stderr, when the case has
one, tests/golden/<name>.err. Run from the source directory.
`--update` rewrites the expected files: read every change before keeping it."""
import shlex, subprocess, sys
from pathlib import Path

cli = sys.argv[1]
update = "--update" in sys.argv
root = Path("tests/golden")
passed = failed = 0
for line in (root / "cases.tsv").read_text(encoding="utf-8").splitlines():
    if not line.strip() or line.startswith("#"):
        continue
    name, status, args = line.split("\t")
    r = subprocess.run([cli, *shlex.split(args)], capture_output=True)
    out, err = root / f"{name}.out", root / f"{name}.err"
    if update:
        out.write_bytes(r.stdout)
        if r.stderr:
            err.write_bytes(r.stderr)
        elif err.exists():
            err.unlink()
        print(f"updated {name} (exit {r.returncode}, expected {status})")
        continue
    problems = []
    if r.returncode != int(status):
        problems.append(f"exit {r.returncode}, want {status}")
    if r.stdout != out.read_bytes():
        problems.append("stdout differs from " + str(out))
    want_err = err.read_bytes() if err.exists() else b""
    if r.stderr != want_err:
        problems.append("stderr differs:\n" + r.stderr.decode(errors="replace")[:2000])
    if problems:
        failed += 1
        print(f"FAIL {name}: " + "; ".join(problems))
        if "stdout differs" in " ".join(problems):
            import difflib
            diff = difflib.unified_diff(out.read_text(errors="replace").splitlines(),
                                        r.stdout.decode(errors="replace").splitlines(),
                                        "expected", "got", lineterm="", n=1)
            print("\n".join(list(diff)[:60]))
    else:
        passed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
