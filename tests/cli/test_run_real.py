#!/usr/bin/python3
"""test_run_real.py: real programs under `own run` (the checked heap: redzones, quarantine, leak
scan) give the output they give on glibc's malloc and no false report.

Python (its own allocator, and every object through malloc) and git's status, diff and log must
get no report at all. Debian 12's sort, `git commit` and the gcc driver and assembler do leak
(valgrind agrees: "definitely lost"), so they run with leaks=0 — every other check stays on —
and, when valgrind is installed, sort's leak report is compared with valgrind's lost bytes.

usage: test_run_real.py OWN WORK_DIR"""
import os
import re
import shutil
import subprocess
import sys

PYTHON_WORK = r'''
import json
rows = [{"key": i, "name": "x" * (i % 97), "tags": list(range(i % 13))} for i in range(60000)]
text = json.dumps(rows)
back = json.loads(text)
words = {}
for row in back:
    words.setdefault(len(row["name"]), []).append(row["key"])
print(len(text), len(back), sum(len(v) for v in words.values()), sorted(words)[-1])
'''

SMALL_C = '''#include <stdio.h>
#include <string.h>
struct dish { const char *name; int price; };
int main(void) { struct dish d = {"soup", 7}; printf("%s %d\\n", d.name, d.price); return 0; }
'''


def main():
    own, work = sys.argv[1:3]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    env = dict(os.environ)
    env.pop("OWN_OPTIONS", None)
    env.pop("LD_PRELOAD", None)
    problems = []

    def both(name, argv, options="", cwd=work, extra_env=None):
        """Runs argv plainly and under own run; fails unless both print the same, exit alike and
        own run reports nothing. Returns own run's result."""
        run_env = dict(env, **(extra_env or {}))
        plain = subprocess.run(argv, capture_output=True, text=True, cwd=cwd, env=run_env,
                               timeout=600)
        if options:
            run_env["OWN_OPTIONS"] = options
        checked = subprocess.run([own, "run", "--"] + argv, capture_output=True, text=True,
                                 cwd=cwd, env=run_env, timeout=600)
        if plain.returncode != 0:
            problems.append(f"{name}: the test is broken, status {plain.returncode} on glibc: "
                            f"{plain.stderr[-2000:]}")
        elif checked.returncode != 0 or checked.stdout != plain.stdout or "error[" in checked.stderr:
            problems.append(f"{name}: under own run status {checked.returncode}, output "
                            f"{'the same' if checked.stdout == plain.stdout else 'different'}; "
                            f"stderr:\n{checked.stderr[-6000:]}")
        else:
            print(f"ok: {name} ({len(checked.stdout)} bytes of identical output, no report)")
        return checked

    both("python3 -c", ["python3", "-c", PYTHON_WORK])
    both("python3 -c, every object through malloc", ["python3", "-c", PYTHON_WORK],
         extra_env={"PYTHONMALLOC": "malloc"})

    # sort: a generated file of 200 000 lines, in memory and through temporary files.
    data = os.path.join(work, "input.txt")
    with open(data, "w") as f:
        for i in range(200000):
            f.write(f"{(i * 7919) % 100003}\tw{i % 5000}\t{i * 0.37:.2f}\n")
    both("sort", ["sort", data], options="leaks=0", extra_env={"LC_ALL": "C"})
    both("sort -S 1M (merges)", ["sort", "-S", "1M", "-T", work, "-t", "\t", "-k2,2", "-k1,1n",
                                 data], options="leaks=0", extra_env={"LC_ALL": "C"})
    # With leaks on, sort's report is a true one: the same bytes valgrind finds lost.
    r = subprocess.run([own, "run", "--", "sort", data], capture_output=True, text=True, cwd=work,
                       env=dict(env, LC_ALL="C"), timeout=600)
    kinds = set(re.findall(r"^error\[([a-z-]+)\]", r.stderr, re.M))
    if kinds - {"leak"}:
        problems.append(f"sort with leaks=1: reports other than leaks:\n{r.stderr[-4000:]}")
    ours = sum(int(b) for b in re.findall(r"^error\[leak\]: \d+ blocks? \((\d+) bytes\)",
                                          r.stderr, re.M))
    if shutil.which("valgrind"):
        v = subprocess.run(["valgrind", "--leak-check=full", "sort", data], capture_output=True,
                           text=True, cwd=work, env=dict(env, LC_ALL="C"), timeout=600)
        lost = sum(int(n.replace(",", "")) for n in
                   re.findall(r"(?:definitely|indirectly) lost: ([\d,]+) bytes", v.stderr))
        if ours != lost:
            problems.append(f"sort: own run finds {ours} bytes leaked, valgrind {lost}:\n"
                            f"{r.stderr[-4000:]}\n{v.stderr[-3000:]}")
        else:
            print(f"ok: sort leaks {ours} bytes, as valgrind says")

    # git: a small repository, made and inspected under own run.
    repo = os.path.join(work, "repo")
    git_env = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "HOME": work,
               "GIT_AUTHOR_NAME": "Owner", "GIT_AUTHOR_EMAIL": "owner@example.invalid",
               "GIT_COMMITTER_NAME": "Owner", "GIT_COMMITTER_EMAIL": "owner@example.invalid",
               "GIT_AUTHOR_DATE": "1767225600 +0000", "GIT_COMMITTER_DATE": "1767225600 +0000",
               "LC_ALL": "C"}
    both("git --version", ["git", "--version"], extra_env=git_env)
    subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True, env=dict(env, **git_env))
    for i in range(20):
        with open(os.path.join(repo, f"file{i}.txt"), "w") as f:
            f.write("".join(f"line {j} of file {i}\n" for j in range(i * 20)))
    r = subprocess.run([own, "run", "--", "git", "add", "-A"], capture_output=True, text=True,
                       cwd=repo, env=dict(env, **git_env), timeout=600)
    if r.returncode != 0 or r.stderr:
        problems.append(f"git add: status {r.returncode} under own run:\n{r.stderr[-4000:]}")
    r = subprocess.run([own, "run", "--", "git", "commit", "-q", "-m", "first"],
                       capture_output=True, text=True, cwd=repo,
                       env=dict(env, OWN_OPTIONS="leaks=0", **git_env), timeout=600)
    if r.returncode != 0 or r.stderr:
        problems.append(f"git commit: status {r.returncode} under own run:\n{r.stderr[-4000:]}")
    with open(os.path.join(repo, "file3.txt"), "a") as f:
        f.write("a change\n")
    both("git status", ["git", "status"], cwd=repo, extra_env=git_env)
    both("git diff", ["git", "diff"], cwd=repo, extra_env=git_env)
    both("git log", ["git", "log", "--stat"], cwd=repo, extra_env=git_env)

    # gcc: the driver, cc1 and as, each on the checked heap; the objects must be equal.
    source = os.path.join(work, "dish.c")
    with open(source, "w") as f:
        f.write(SMALL_C)
    os.makedirs(os.path.join(work, "plain"))
    os.makedirs(os.path.join(work, "checked"))
    subprocess.run(["gcc", "-O2", "-c", source, "-o", "plain/dish.o"], check=True, cwd=work)
    both("gcc -c", ["gcc", "-O2", "-c", source, "-o", "checked/dish.o"], options="leaks=0")
    with open(os.path.join(work, "plain/dish.o"), "rb") as a, \
            open(os.path.join(work, "checked/dish.o"), "rb") as b:
        if a.read() != b.read():
            problems.append("gcc -c: the object differs under own run")

    for p in problems:
        print("FAIL:", p)
    print(f"{'FAILED' if problems else 'passed'}: real programs under own run, "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
