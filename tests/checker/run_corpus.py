#!/usr/bin/python3
"""run_corpus.py: runs `own check --format=gcc` on every .c file of a corpus folder and compares the
findings with the `// expect: KIND[, KIND]` comments of each file (see corpus/README.md). The files
of a folder inside a folder named `projects` are one program: they are checked in one run.

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


def check_unit(own, include, paths):
    """Checks the files `paths` in one run of own check; returns the problems found."""
    problems = []
    want = {}
    for path in paths:
        want[path] = expectations(path)
        for line, kind in want[path]:
            if kind not in KINDS:
                problems.append(f"{path}:{line}: unknown kind '{kind}' in expect comment")
    across = ["--across-files"] if len(paths) > 1 else []
    proc = subprocess.run([own, "check", "--format=gcc", "-j", "1", *across, *paths, "--",
                           "-I" + include, "-std=gnu11"],
                          capture_output=True, text=True, timeout=120)
    got = []
    where = " ".join(paths)
    for out in proc.stdout.splitlines():
        m = GCC_LINE.match(out)
        if not m:
            problems.append(f"{where}: malformed output line: {out!r}")
            continue
        if m.group(4) == "error":
            if not m.group(6):
                problems.append(f"{where}: error line without [own::KIND]: {out!r}")
                continue
            got.append((m.group(1), int(m.group(2)), m.group(6), out))
    want_left = [(path, line, kind) for path in paths for line, kind in want[path]]
    for path, line, kind, text in got:
        if (path, line, kind) in want_left:
            want_left.remove((path, line, kind))
        else:
            problems.append(f"{path}:{line}: unexpected {kind}: {text}")
    for path, line, kind in want_left:
        problems.append(f"{path}:{line}: missing {kind}")
    expected_rc = 1 if any(want.values()) else 0
    if proc.returncode != expected_rc:
        problems.append(f"{where}: exit status {proc.returncode}, expected {expected_rc}"
                        + (f"\n{proc.stderr.strip()}" if proc.stderr.strip() else ""))
    return problems


def units(files):
    """Each file alone, but the files of one project folder together."""
    projects = {}
    for path in files:
        folder = os.path.dirname(path)
        if os.path.basename(os.path.dirname(folder)) == "projects":
            projects.setdefault(folder, []).append(path)
        else:
            yield [path]
    yield from projects.values()


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
    groups = list(units(files))
    with ThreadPoolExecutor(max_workers=jobs) as ex:
        results = list(ex.map(lambda u: check_unit(own, include, u), groups))
    problems = [p for r in results for p in r]
    for p in problems:
        print(p)
    bad = sum(1 for r in results if r)
    print(f"{len(groups) - bad}/{len(groups)} programs as expected ({len(files)} files)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
