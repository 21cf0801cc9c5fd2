#!/usr/bin/python3
"""test_examples.py: each program of examples/errors/ makes its error happen under libown; the first
report must be of that kind and name exactly the sites that explain it, in order (the error, then
each note), as `examples/errors/KIND.c:LINE`. The kitchen must run clean.

usage: test_examples.py EXAMPLES_BIN_DIR KIND|kitchen"""
import os
import re
import subprocess
import sys

# The lines each report names: the error's site first, then its notes, read off the sources.
SITES = {
    "borrow-conflict": [26, 14, 34],        # second chef, first chef's borrow, allocation
    "borrow-outlives-owner": [8, 9, 8],     # the scoped owner ends, the borrow, allocation
    "dangling-stack": [20, 9, 11],          # use, frame popped, stack allocation
    "double-free": [9, 8, 6],               # second drop, first drop, allocation
    "drop-while-borrowed": [8, 7, 6],       # drop, borrow, allocation
    "free-non-heap": [9, 8, 6],             # drop, stack allocation, frame pushed
    "invalid-handle": [10],                 # the drop of a forged handle
    "leak": [14, 7],                        # the two allocation sites never dropped
    "mismatched-free": [7, 6],              # own_release of an owner, allocation
    "stack-overflow": [11, 8],              # the allocation that does not fit, frame pushed
    "stack-resize": [9, 8, 6],              # resize, stack allocation, frame pushed
    "use-after-free": [9, 8, 6],            # borrow, drop, allocation
    "use-after-move": [13, 12, 11],         # use, move, allocation
    "write-through-shared": [23, 21, 20],   # release, shared borrow, allocation
}
# Options a kind needs besides on_error=log: what examples/run.sh sets for it.
OPTIONS = {"write-through-shared": ":check_shared=1"}
SITE = re.compile(r"(?:-->|= note: .*? at) (\S+?):(\d+) in \w+ \(thread (\d+)\)")


def main():
    bindir, kind = sys.argv[1], sys.argv[2]
    env = dict(os.environ, OWN_OPTIONS="on_error=log")
    if kind == "kitchen":
        r = subprocess.run([os.path.join(bindir, "kitchen")], capture_output=True, text=True,
                           env=env, timeout=120)
        ok = r.returncode == 0 and "error[" not in r.stderr and "errors: 0" in r.stdout
        print(r.stdout + r.stderr if not ok else "kitchen: clean")
        return 0 if ok else 1
    env["OWN_OPTIONS"] += OPTIONS.get(kind, "")
    r = subprocess.run([os.path.join(bindir, "errors", kind)], capture_output=True, text=True,
                       env=env, timeout=120)
    reports = re.split(r"\n(?=error\[)", r.stderr.strip())
    first = reports[0] if reports else ""
    problems = []
    if not first.startswith(f"error[{kind}]: "):
        problems.append(f"the first report is not error[{kind}]")
    sites = SITE.findall(first)
    files = {f for f, _, _ in sites}
    lines = [int(l) for _, l, _ in sites]
    if files != {f"examples/errors/{kind}.c"}:
        problems.append(f"sites name files {sorted(files)}, want examples/errors/{kind}.c")
    if lines != SITES[kind]:
        problems.append(f"sites at lines {lines}, want {SITES[kind]}")
    if kind == "borrow-conflict" and len({t for _, _, t in sites[:2]}) != 2:
        problems.append("the two chefs' threads are not both named")
    for p in problems:
        print("FAIL:", p)
    if problems:
        print(r.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
