#!/usr/bin/python3
"""Runs plantrack from tests/scenario and compares its stdout with a file.

usage: run.py CLI EXPECTED_FILE EXIT_STATUS ARG...
The arguments follow `plantrack`. Stdout must equal EXPECTED_FILE byte for
byte, stderr must be empty and the exit status must be EXIT_STATUS."""
import difflib
import os
import subprocess
import sys

cli, expected, status, args = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
here = os.path.dirname(os.path.abspath(__file__))
p = subprocess.run([cli] + args, cwd=here, capture_output=True)
ok = True
if p.returncode != status:
    print(f"exit status {p.returncode}, want {status}")
    ok = False
if p.stderr:
    print("stderr:\n" + p.stderr.decode("utf-8", "replace"))
    ok = False
with open(os.path.join(here, expected), "rb") as f:
    want = f.read()
if p.stdout != want:
    ok = False
    print(f"stdout differs from {expected}:")
    sys.stdout.writelines(difflib.unified_diff(
        want.decode().splitlines(True), p.stdout.decode("utf-8", "replace").splitlines(True),
        expected, "stdout"))
sys.exit(0 if ok else 1)
