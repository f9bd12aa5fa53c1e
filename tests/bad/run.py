#!/usr/bin/env python3
"""The bad-input corpus: every case must be rejected with exactly the expected
diagnostics.

A case is a directory under tests/bad/ holding
  cmd       one line: the arguments after `plantrack`, paths relative to the
            case directory; `$TMP` stands for a fresh temporary directory
  expected  the exact standard error
  setup     optional shell script run (with sh, in the case directory) before
            the command, with PT_TMP set to that temporary directory; it must
            write only there (a 70 MiB file, a symbolic link loop, ...)
and the input files. The command runs in the case directory and must exit
with status 2, print nothing on standard output, print exactly `expected` on
standard error (with the temporary directory written as `$TMP`, and the
process id in a temporary file name as `.tmp-PID-N`), and leave
the case directory as it was: no file added, removed or changed.

usage: run.py [--update] [--valgrind] CLI [CASE...]
  --update    rewrite `expected` from what the program prints (read every one
              you accept: it is the message a user will see)
  --valgrind  run the program under valgrind (memcheck, leaks, with
              tests/valgrind/pcre2-jit.supp); an error from valgrind fails the
              case and prints its report
The last line printed is `N passed, M failed`; the exit status is 1 when a
case failed.
"""
import difflib
import hashlib
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 120
VALGRIND = ["valgrind", "-q", "--error-exitcode=99", "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
            "--suppressions=" + os.path.join(os.path.dirname(HERE), "valgrind", "pcre2-jit.supp")]


def snapshot(root):
    """Every entry under root (not following links): type, size, content hash
    or link target, permission bits."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            try:
                st = os.lstat(path)
            except OSError as e:
                state[rel] = ("error", str(e))
                continue
            mode = stat.S_IMODE(st.st_mode)
            if stat.S_ISLNK(st.st_mode):
                state[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(st.st_mode):
                state[rel] = ("dir", mode)
            elif stat.S_ISREG(st.st_mode):
                h = hashlib.sha256()
                with open(path, "rb") as f:
                    for chunk in iter(lambda: f.read(1 << 20), b""):
                        h.update(chunk)
                state[rel] = ("file", mode, st.st_size, h.hexdigest())
            else:
                state[rel] = ("other", st.st_mode)
    return state


def describe_changes(before, after):
    out = []
    for k in sorted(set(before) | set(after)):
        if k not in before:
            out.append("  appeared: %s" % k)
        elif k not in after:
            out.append("  removed:  %s" % k)
        elif before[k] != after[k]:
            out.append("  changed:  %s" % k)
    return out


def normalise(stderr, tmp):
    """The temporary directory as `$TMP`, and the process-specific part of a
    temporary file name (".NAME.tmp-PID-N") as `.tmp-PID-N`."""
    stderr = stderr.replace(tmp.encode(), b"$TMP")
    return re.sub(rb"\.tmp-[0-9]+-[0-9]+", b".tmp-PID-N", stderr)


def cases(names):
    found = sorted(d for d in os.listdir(HERE)
                   if os.path.isfile(os.path.join(HERE, d, "cmd")))
    if not names:
        return found
    missing = [n for n in names if n.rstrip("/").split("/")[-1] not in found]
    if missing:
        sys.exit("run.py: no such case: " + ", ".join(missing))
    return [n.rstrip("/").split("/")[-1] for n in names]


def run_case(cli, name, update, valgrind):
    """Returns (ok, report lines)."""
    cdir = os.path.join(HERE, name)
    with open(os.path.join(cdir, "cmd"), encoding="utf-8") as f:
        lines = [l for l in f.read().splitlines() if l.strip()]
    if len(lines) != 1:
        return False, ["cmd must hold exactly one line, not %d" % len(lines)]
    report = []
    before = snapshot(cdir)
    tmp = tempfile.mkdtemp(prefix="pt-bad-")
    vgdir = tempfile.mkdtemp(prefix="pt-bad-vg-") if valgrind else None
    try:
        env = dict(os.environ)
        env.update({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TZ": "Asia/Ho_Chi_Minh",
                    "PT_TMP": tmp})
        if os.path.exists(os.path.join(cdir, "setup")):
            r = subprocess.run(["sh", "setup"], cwd=cdir, env=env, stdin=subprocess.DEVNULL,
                               capture_output=True, timeout=TIMEOUT)
            if r.returncode != 0:
                return False, ["setup failed (exit %d):" % r.returncode,
                               r.stderr.decode("utf-8", "replace")]
        args = [a.replace("$TMP", tmp) for a in shlex.split(lines[0])]
        prefix = []
        if valgrind:
            prefix = VALGRIND + ["--log-file=" + os.path.join(vgdir, "vg.%p.log")]
        try:
            r = subprocess.run(prefix + [cli] + args, cwd=cdir, env=env,
                               stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=TIMEOUT * (10 if valgrind else 1))
        except subprocess.TimeoutExpired:
            return False, ["timed out after %d s" % (TIMEOUT * (10 if valgrind else 1))]
        stderr = normalise(r.stderr, tmp)
        after = snapshot(cdir)
        ok = True
        if r.returncode != 2:
            ok = False
            report.append("exit status %d, want 2" % r.returncode)
        if r.stdout:
            ok = False
            report.append("standard output is not empty:")
            report.append(r.stdout.decode("utf-8", "replace")[:2000])
        changes = describe_changes(before, after)
        if changes:
            ok = False
            report.append("the case directory changed:")
            report.extend(changes)
        if valgrind:
            for log in sorted(os.listdir(vgdir)):
                with open(os.path.join(vgdir, log), encoding="utf-8", errors="replace") as f:
                    text = f.read()
                if text.strip():
                    ok = False
                    report.append("valgrind (%s):" % log)
                    report.append(text)
        exp_path = os.path.join(cdir, "expected")
        if update:
            with open(exp_path, "wb") as f:
                f.write(stderr)
            report.append("expected written:")
            report.append(stderr.decode("utf-8", "replace"))
            return ok, report
        try:
            with open(exp_path, "rb") as f:
                want = f.read()
        except OSError:
            return False, report + ["no expected file (run with --update, then read it)"]
        if stderr != want:
            ok = False
            diff = difflib.unified_diff(
                want.decode("utf-8", "replace").splitlines(True),
                stderr.decode("utf-8", "replace").splitlines(True),
                "expected", "actual stderr")
            report.append("standard error differs:")
            report.append("".join(diff).rstrip("\n"))
        return ok, report
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if vgdir:
            shutil.rmtree(vgdir, ignore_errors=True)


def main(argv):
    update = "--update" in argv
    valgrind = "--valgrind" in argv
    rest = [a for a in argv if a not in ("--update", "--valgrind")]
    if not rest or rest[0].startswith("-"):
        sys.exit(__doc__)
    cli = os.path.abspath(rest[0])
    if not os.access(cli, os.X_OK):
        sys.exit("run.py: %s is not an executable" % cli)
    passed = failed = 0
    for name in cases(rest[1:]):
        ok, report = run_case(cli, name, update, valgrind)
        if ok:
            passed += 1
            print("PASS %s" % name)
        else:
            failed += 1
            print("FAIL %s" % name)
        for line in report:
            print("    " + line.replace("\n", "\n    ") if line else "")
        sys.stdout.flush()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
