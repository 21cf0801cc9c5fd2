#!/usr/bin/python3
"""test_run.py: `own run` puts an unmodified program on own's checked heap. Each case builds a
small C program with the C compiler, runs it under `own run` and asserts the exit status and the
report: its kind, the site (function at file:line, from the debug information) and the stack.

usage: test_run.py OWN CC WORK_DIR"""
import os
import subprocess
import sys

PROGRAMS = {
    "double_free": r'''#include <stdlib.h>
#include <string.h>
static void release(char *p) { free(p); }
int main(void) { char *p = malloc(10); strcpy(p, "hi"); release(p); release(p); return 0; }
''',
    "interior": r'''#include <stdlib.h>
int main(void) { char *p = malloc(64); free(p + 8); return 3; }
''',
    "clean": r'''#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
    char *p = malloc(100); snprintf(p, 100, "%d args", argc); puts(p); free(p);
    return argc > 1 ? atoi(argv[1]) : 0; }
''',
}


WORK = None


def build(cc, work, name):
    source = os.path.join(work, name + ".c")
    with open(source, "w") as f:
        f.write(PROGRAMS[name])
    binary = os.path.join(work, name)
    subprocess.run([cc, "-g", "-O0", "-w", source, "-o", binary], check=True)
    return name + ".c", binary  # reports name sources relative to the working directory


def run(own, args, env=None):
    full_env = dict(os.environ)
    full_env.pop("OWN_OPTIONS", None)
    full_env.update(env or {})
    return subprocess.run([own, "run"] + args, capture_output=True, text=True, env=full_env,
                          timeout=120, cwd=WORK)


def main():
    global WORK
    own, cc, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    WORK = work
    problems = []

    def expect(what, ok, result):
        if not ok:
            problems.append(f"{what}\n--- status {result.returncode}\n{result.stdout}{result.stderr}")

    source, binary = build(cc, work, "double_free")
    r = run(own, [binary])
    expect("double free: status 23", r.returncode == 23, r)
    expect("double free: kind", "error[double-free]: block of 16 bytes freed twice" in r.stderr, r)
    expect("double free: site", f"--> {source}:3 in release (thread 1)" in r.stderr, r)
    expect("double free: stack", f"#0 release at {source}:3" in r.stderr
           and f"#1 main at {source}:4" in r.stderr, r)
    expect("double free: summary", "own run: 1 error reported" in r.stderr, r)
    r = run(own, ["--exitcode=7", "--", binary])
    expect("--exitcode", r.returncode == 7, r)
    r = run(own, [binary], {"OWN_OPTIONS": "exitcode=9"})
    expect("OWN_OPTIONS exitcode", r.returncode == 9, r)
    r = run(own, [binary], {"OWN_OPTIONS": "on_error=abort"})
    expect("on_error=abort: the program stops (SIGABRT)", r.returncode == 128 + 6, r)

    source, binary = build(cc, work, "interior")
    r = run(own, [binary])
    expect("interior: status 23", r.returncode == 23, r)
    expect("interior: kind and site", "error[free-interior]: free of" in r.stderr
           and f"--> {source}:2 in main" in r.stderr, r)

    source, binary = build(cc, work, "clean")
    r = run(own, [binary, "4"])
    expect("clean: the program's own status and output", r.returncode == 4
           and r.stdout == "2 args\n" and r.stderr == "", r)

    r = run(own, ["sh", "-c", "kill -TERM $$"])
    expect("killed by a signal: 128+N", r.returncode == 128 + 15, r)
    r = run(own, [os.path.join(work, "no-such-program")])
    expect("missing program: 127 and a message", r.returncode == 127
           and "cannot run" in r.stderr, r)
    r = run(own, [])
    expect("no program: usage, status 2", r.returncode == 2 and "usage: own run" in r.stderr, r)
    r = run(own, ["--exitcode=x", "true"])
    expect("bad --exitcode: status 2", r.returncode == 2, r)
    r = run(own, ["--help"])
    expect("--help", r.returncode == 0 and "usage: own run" in r.stdout, r)

    for p in problems:
        print("FAIL:", p)
    print(f"{'FAILED' if problems else 'passed'}: own run, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
