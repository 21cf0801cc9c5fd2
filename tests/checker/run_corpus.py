#!/usr/bin/python3
"""run_corpus.py: runs `own check --format=gcc` on every .c file of a corpus folder and compares the
findings with the `// expect: KIND[, KIND]` comments of each file (see corpus/README.md).

usage: run_corpus.py OWN INCLUDE_DIR FOLDER [FOLDER...]
Fails (exit 1) on any unexpected or missing finding, naming file, line, kind; on any exit status
that disagrees with the expectations (0 clean, 1 findings); and on malformed gcc-format lines."""
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

EXPECT = re.compile(r"//\s*expect:\s*([a-z\-]+(?:\s*,\s*[a-z\-]+)*)")
GCC_LINE = re.compile(r"^(.*?):(\d+):(\d+): (error|note): (.*?)(?: \[own::([a-z\-]+)\])?$")
KINDS = {"use-after-free", "double-free", "leak", "use-after-move", "free-non-heap",
         "free-interior", "mismatched-free", "dangling-stack", "borrow-conflict",
         "write-through-shared", "drop-while-borrowed", "borrow-outlives-owner", "heap-overflow",
         "stack-resize", "stack-overflow", "invalid-handle"}


def expectations(path):
    want = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            m = EXPECT.search(line)
            if m:
                for kind in m.group(1).split(","):
                    want.append((n, kind.strip()))
    return want


def check_file(own, include, path):
    problems = []
    want = expectations(path)
    for line, kind in want:
        if kind not in KINDS:
            problems.append(f"{path}:{line}: unknown kind '{kind}' in expect comment")
    proc = subprocess.run([own, "check", "--format=gcc", "-j", "1", path, "--",
                           "-I" + include, "-std=gnu11"],
                          capture_output=True, text=True, timeout=120)
    got = []
    for out in proc.stdout.splitlines():
        m = GCC_LINE.match(out)
        if not m:
            problems.append(f"{path}: malformed output line: {out!r}")
            continue
        if m.group(4) == "error":
            if not m.group(6):
                problems.append(f"{path}: error line without [own::KIND]: {out!r}")
                continue
            got.append((int(m.group(2)), m.group(6), out))
    want_left = list(want)
    for line, kind, text in got:
        if (line, kind) in want_left:
            want_left.remove((line, kind))
        else:
            problems.append(f"{path}:{line}: unexpected {kind}: {text}")
    for line, kind in want_left:
        problems.append(f"{path}:{line}: missing {kind}")
    expected_rc = 1 if want else 0
    if proc.returncode != expected_rc:
        problems.append(f"{path}: exit status {proc.returncode}, expected {expected_rc}"
                        + (f"\n{proc.stderr.strip()}" if proc.stderr.strip() else ""))
    return problems


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    own, include = sys.argv[1], sys.argv[2]
    files = []
    for folder in sys.argv[3:]:
        for root, _, names in os.walk(folder):
            files += [os.path.join(root, n) for n in names if n.endswith(".c")]
    files.sort()
    if not files:
        print("no corpus files found in", " ".join(sys.argv[3:]))
        return 1
    jobs = int(os.environ.get("OWN_CORPUS_JOBS", "2"))
    with ThreadPoolExecutor(max_workers=jobs) as ex:
        results = list(ex.map(lambda p: check_file(own, include, p), files))
    problems = [p for r in results for p in r]
    for p in problems:
        print(p)
    bad = sum(1 for r in results if r)
    print(f"{len(files) - bad}/{len(files)} files as expected")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
