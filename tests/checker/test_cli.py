#!/usr/bin/python3
"""test_cli.py: the command line of `own check` — its three output formats, exit statuses,
compilation databases and parallel runs — on small programs whose findings are known.

usage: test_cli.py OWN CASE    (CASE: human, gcc, sarif, status, robust, database, parallel)
Each case asserts what a user relies on and fails (exit 1) naming what differed."""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "data", "sarif-schema-2.1.0.json")

# A double free after a conditional free: the finding and both explaining sites are known exactly.
DOUBLE_FREE = """#include <stdlib.h>

void twice(int flag)
{
    char *p = malloc(16);
    if (flag)
        free(p);
    free(p);
}
"""
LEAK = """#include <stdlib.h>

int keep(void)
{
    char *q = malloc(8);
    return q != 0;
}
"""
JOINED_LEAK = """#include <stdlib.h>
void use(char *);
void join(int c)
{
    char *p = malloc(4);
    if (!p) return;
    if (c)
        free(p);
    use(NULL);
}
"""
# The leak's paths come by `goto done` from inside the `if` that also closes the file: its other
# side (line 6 false) is no path of the leak and must not be named.
GOTO_LEAK = """#include <stdio.h>
int fill(char *buf, int n);
void read_file(const char *path, int direct, char *out)
{
    FILE *f;
    if (direct) {
        f = fopen(path, "rb");
        if (f == NULL) goto done;
        if (fill(out, 1) != 0) goto done;
        fclose(f);
        goto done;
    }
    out[0] = 0;
done:
    out[1] = 0;
}
"""
CLEAN = """#include <stdlib.h>

int main(void)
{
    char *p = malloc(4);
    free(p);
    return 0;
}
"""

failures = []


def expect(cond, what):
    if not cond:
        failures.append(what)


def write(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def run(own, *args, cwd=None):
    return subprocess.run([own, *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def case_human(own, tmp):
    write(tmp, "twice.c", DOUBLE_FREE)
    r = run(own, "check", "--color=never", "twice.c", cwd=tmp)
    out = r.stdout + r.stderr
    expect(r.returncode == 1, f"exit status {r.returncode}, expected 1")
    expect("error[double-free]: `p` is freed twice" in out, "no error[double-free] headline naming `p`")
    expect(re.search(r"--> twice\.c:8:5", out), "the error site twice.c:8:5 is not shown")
    expect(re.search(r"^ *8 \|     free\(p\);$", out, re.M), "the source line of the error is not quoted")
    expect(re.search(r"^ *\| *\^+", out, re.M), "no caret under the error")
    expect(re.search(r"note: first freed here\n *--> twice\.c:7:9", out), "no note at the first free (7:9)")
    expect(re.search(r"note: allocated here\n *--> twice\.c:5:15", out), "no note at the allocation (5:15)")
    expect("when the condition at line 6 is true" in out, "the path (condition at line 6) is not named")
    expect("own explain double-free" in out, "no pointer to `own explain double-free`")
    expect("\x1b[" not in out, "colour codes with --color=never")
    # Where paths join and the leak is on one of them only, the branch that set it apart is named.
    write(tmp, "joined.c", JOINED_LEAK)
    r = run(own, "check", "--color=never", "joined.c", cwd=tmp)
    expect(re.search(r"--> joined\.c:10:1", r.stdout), f"no leak at the end of scope (10:1): {r.stdout!r}")
    expect("when the condition at line 7 is false" in r.stdout,
           f"the leak after the join does not name its path (line 7 false): {r.stdout!r}")
    write(tmp, "goto.c", GOTO_LEAK)
    r = run(own, "check", "--color=never", "goto.c", cwd=tmp)
    expect(re.search(r"--> goto\.c:16:1", r.stdout), f"no leak at the end of scope (16:1): {r.stdout!r}")
    expect("when the condition at line 6" not in r.stdout,
           f"a leak reached by goto names the wrong side of a branch: {r.stdout!r}")
    r = run(own, "check", "--color=always", "twice.c", cwd=tmp)
    expect("\x1b[" in r.stdout + r.stderr, "no colour codes with --color=always")


def case_gcc(own, tmp):
    write(tmp, "twice.c", DOUBLE_FREE)
    write(tmp, "keep.c", LEAK)
    r = run(own, "check", "--format=gcc", "-j", "1", "twice.c", "keep.c", cwd=tmp)
    lines = [l for l in r.stdout.splitlines() if ": error: " in l]
    expect(r.returncode == 1, f"exit status {r.returncode}, expected 1")
    expect(any(re.fullmatch(r"twice\.c:8:5: error: .*`p`.* \[own::double-free\]", l) for l in lines),
           f"no gcc-form double-free at twice.c:8:5 in {lines}")
    expect(any(re.fullmatch(r"keep\.c:6:5: error: .*`q`.* \[own::leak\]", l) for l in lines),
           f"no gcc-form leak at keep.c:6:5 in {lines}")
    expect(len(lines) == 2, f"expected exactly 2 error lines, got {len(lines)}: {lines}")


def sarif_log(text, what):
    """The SARIF log in text, checked against the 2.1.0 schema; None when it is not JSON."""
    import jsonschema
    try:
        log = json.loads(text)
    except json.JSONDecodeError as e:
        failures.append(f"SARIF output {what} is not JSON: {e}")
        return None
    with open(SCHEMA) as f:
        schema = json.load(f)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(log), key=str)
    expect(not errors, f"SARIF {what} does not validate: " + "; ".join(e.message for e in errors[:3]))
    return log


def case_sarif(own, tmp):
    write(tmp, "twice.c", DOUBLE_FREE)
    write(tmp, "keep.c", LEAK)
    r = run(own, "check", "--format=sarif", "twice.c", "keep.c", cwd=tmp)
    expect(r.returncode == 1, f"exit status {r.returncode}, expected 1")
    log = sarif_log(r.stdout, "with findings")
    if log is None:
        return
    results = log["runs"][0].get("results", [])
    found = set()
    for res in results:
        loc = res["locations"][0]["physicalLocation"]
        found.add((res["ruleId"], os.path.basename(loc["artifactLocation"]["uri"]),
                   loc["region"]["startLine"]))
    expect(found == {("own::double-free", "twice.c", 8), ("own::leak", "keep.c", 6)},
           f"SARIF results {sorted(found)}")
    rules = {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    expect({"own::double-free", "own::leak"} <= rules, "the rules of the results are not described")
    df = [res for res in results if res["ruleId"] == "own::double-free"]
    if df:
        related = {l["physicalLocation"]["region"]["startLine"] for l in df[0].get("relatedLocations", [])}
        expect({5, 7} <= related, f"double-free relatedLocations lines {sorted(related)}, want 5 and 7")
    clean = run(own, "check", "--format=sarif", write(tmp, "clean.c", CLEAN), cwd=tmp)
    expect(clean.returncode == 0, f"clean file: exit status {clean.returncode}")
    clean_run = json.loads(clean.stdout)["runs"][0]
    expect(clean_run.get("results", []) == [], "clean file has results")
    expect(clean_run["invocations"][0]["executionSuccessful"] is True,
           "a clean run is not marked successful")
    # A file that does not parse: the run says so, with the compiler's message, and still validates.
    write(tmp, "bad.c", "int f( {\n")
    bad = run(own, "check", "--format=sarif", "bad.c", "keep.c", cwd=tmp)
    expect(bad.returncode == 2, f"unparsable file in SARIF: exit status {bad.returncode}, expected 2")
    bad_log = sarif_log(bad.stdout, "with a parse error")
    if bad_log is None:
        return
    inv = bad_log["runs"][0]["invocations"][0]
    expect(inv["executionSuccessful"] is False, "a run with an unparsable file is marked successful")
    notes = [n for n in inv.get("toolExecutionNotifications", []) if n["level"] == "error"]
    expect(len(notes) == 1 and "bad.c" in notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
           and "error" in notes[0]["message"]["text"],
           f"the parse error is not a notification on bad.c: {notes}")
    expect(len(bad_log["runs"][0].get("results", [])) == 1, "the parsable file's finding is missing")


def case_status(own, tmp):
    clean = write(tmp, "clean.c", CLEAN)
    bad = write(tmp, "bad.c", "int f( {\n")
    r = run(own, "check", clean)
    expect(r.returncode == 0 and r.stdout == "", f"clean file: status {r.returncode}, output {r.stdout!r}")
    r = run(own, "check", bad)
    expect(r.returncode == 2, f"unparsable file: status {r.returncode}, expected 2")
    expect("bad.c:1:8: error:" in r.stderr, f"the compiler's message is not passed on: {r.stderr!r}")
    expect(f"own check: 1 of 1 file not checked, as it does not parse: {bad}\n" in r.stderr,
           f"the unparsable file is not named at the end: {r.stderr!r}")
    # Findings in the files that parse are still given, and the ones left out are named.
    leaky = write(tmp, "leaky.c", "#include <stdlib.h>\nvoid f(void) { malloc(4); }\n")
    r = run(own, "check", clean, bad, leaky)
    expect(r.returncode == 2 and "leaky.c:2:" in r.stdout and "own check: 1 error found" in r.stdout
           and f"own check: 1 of 3 files not checked, as it does not parse: {bad}\n" in r.stderr,
           f"a run with an unparsable file: status {r.returncode}, {r.stdout!r}, {r.stderr!r}")
    for args, why in ((["--format=xml", clean], "unknown format"), (["--bogus", clean], "unknown option"),
                      ([], "no input"), ([os.path.join(tmp, "missing.c")], "missing file"),
                      (["-j", "zero", clean], "bad -j"), (["-p", tmp], "no compile_commands.json")):
        r = run(own, "check", *args)
        expect(r.returncode == 2, f"{why}: status {r.returncode}, expected 2")
        expect(r.stderr.strip() != "", f"{why}: no message on stderr")
        expect("Traceback" not in r.stderr and "Sanitizer" not in r.stderr, f"{why}: crashed")
    r = run(own, "check", "--", clean, "--", "-I.")
    expect(r.returncode == 2 and "comes after '--', where the compiler flags go" in r.stderr,
           f"files after '--': status {r.returncode}, {r.stderr!r}")
    r = run(own, "check", "-p", tmp)
    expect("compile_commands.json" in r.stderr and "LIBCLANG" not in r.stderr,
           f"-p without a database: {r.stderr!r}")
    r = run(own, "check", "--help")
    expect(r.returncode == 0 and "-p DIR" in r.stdout, "--help does not describe -p")
    # A define from the flags decides which code is analysed: the flags are really used.
    guarded = write(tmp, "guarded.c", "#include <stdlib.h>\nvoid g(void)\n{\n    char *p = malloc(1);\n"
                    "#ifdef RELEASE_IT\n    free(p);\n#endif\n}\n")
    expect(run(own, "check", guarded).returncode == 1, "leak without -DRELEASE_IT not found")
    expect(run(own, "check", guarded, "--", "-DRELEASE_IT").returncode == 0, "-DRELEASE_IT not applied")
    # A project's gcc flags: warnings made errors, and options clang does not know, are no parse error.
    unused = write(tmp, "unused.c", "int f(void)\n{\n    int x;\n    return 0;\n}\n")
    for flags in (["-Wall", "-Werror"], ["-Wall", "-Werror=unused-variable"], ["-pedantic-errors"],
                  ["-fanalyzer", "-fipa-pta", "-O2"]):
        r = run(own, "check", "--format=gcc", unused, guarded, "--", *flags)
        expect(r.returncode == 1 and "[own::leak]" in r.stdout,
               f"flags {flags}: status {r.returncode}, expected 1 (the leak); stderr {r.stderr!r}")
    # Warning options only gcc knows say nothing about the code: no word about them, once per file.
    r = run(own, "check", "--format=gcc", unused, guarded, "--", "-Wlogical-op", "-Wnormalized=id")
    expect(r.returncode == 1 and "warning" not in r.stderr,
           f"gcc-only warning options: status {r.returncode}, stderr {r.stderr!r}")


def case_robust(own, tmp):
    """Input that is not a good C file is reported, never a crash: status 0, 1 or 2 and a message."""
    deep = "#include <stdlib.h>\nint g(int v)\n{\n    char *p = malloc(4);\n    int r = " + \
        "+".join(["v"] * 100000) + ";\n    free(p);\n    free(p);\n    return r;\n}\n"
    nested = "int h(int v)\n{\n    return " + "(" * 3000 + "v" + ")" * 3000 + ";\n}\n"
    knr = "#include <stdlib.h>\nchar *dup(s, n)\n    char *s;\n    int n;\n{\n    char *p = malloc(n);\n" \
        "    free(p);\n    return p;\n}\n"
    # gcc 12 only warns on an undeclared function, where clang stops: old code still parses
    implicit = "#include <stdlib.h>\nvoid f(void)\n{\n    char *p = malloc(4);\n    release(p);\n" \
        "    free(p);\n    free(p);\n}\n"
    with open(os.path.join(tmp, "binary.c"), "wb") as f:
        f.write(bytes(range(256)) * 8)
    os.makedirs(os.path.join(tmp, "folder.c"))
    cases = ((write(tmp, "empty.c", ""), 0, None), (write(tmp, "deep.c", deep), 1, "double-free"),
             (write(tmp, "nested.c", nested), 2, None), (write(tmp, "knr.c", knr), 1, "use-after-free"),
             (write(tmp, "implicit.c", implicit), 1, "double-free"),
             (os.path.join(tmp, "binary.c"), 2, None), (os.path.join(tmp, "folder.c"), 2, None))
    for path, status, kind in cases:
        r = run(own, "check", "--format=gcc", "-j", "1", path)
        name = os.path.basename(path)
        expect(r.returncode == status, f"{name}: status {r.returncode}, expected {status}; {r.stderr[:300]!r}")
        expect(kind is None or f"[own::{kind}]" in r.stdout, f"{name}: no {kind} in {r.stdout!r}")
        expect(status != 2 or r.stderr.strip() != "", f"{name}: status 2 without a message")


def case_database(own, tmp):
    src = os.path.join(tmp, "src")
    os.makedirs(src)
    write(src, "twice.c", DOUBLE_FREE)
    write(src, "keep.c", LEAK)
    write(src, "clean.c", CLEAN.replace("#include <stdlib.h>", "#include <stdlib.h>\n#include \"hdr.h\""))
    os.makedirs(os.path.join(src, "inc"))
    write(os.path.join(src, "inc"), "hdr.h", "#define HDR 1\n")
    build = os.path.join(tmp, "build")
    os.makedirs(build)
    # The source as the command names it: as is, as bear records "./name" beside an absolute
    # "file" (mawk's build), and through "..": each must be the one file, never given twice.
    spelled = {"keep.c": ("keep.c", "keep.c"), "clean.c": (os.path.join(src, "clean.c"), "./clean.c"),
               "twice.c": ("twice.c", "inc/../twice.c")}
    db = [{"directory": src, "file": spelled[name][0],
           "arguments": ["cc", "-Iinc", "-std=c11", "-c", spelled[name][1], "-o",
                         os.path.join(build, name + ".o")]}
          for name in ("twice.c", "keep.c", "clean.c")]
    with open(os.path.join(build, "compile_commands.json"), "w") as f:
        json.dump(db, f)
    r = run(own, "check", "--format=gcc", "-p", build)
    expect(r.returncode == 1, f"-p: status {r.returncode}, expected 1; stderr {r.stderr!r}")
    kinds = sorted(re.findall(r"\[own::([a-z-]+)\]", r.stdout))
    expect(kinds == ["double-free", "leak"], f"-p: kinds {kinds}; stderr {r.stderr!r}")
    expect(os.path.join(src, "twice.c") + ":" in r.stdout, f"-p: the path is not tidied: {r.stdout!r}")
    r = run(own, "check", "--format=gcc", "-p", build, os.path.join(src, "keep.c"))
    kinds = sorted(re.findall(r"\[own::([a-z-]+)\]", r.stdout))
    expect(kinds == ["leak"], f"-p with a FILE selection: kinds {kinds}")
    r = run(own, "check", "--format=gcc", "-p", build, os.path.join(src, "clean.c"))
    expect(r.returncode == 0, f"-p clean.c (needs -Iinc from the database): status {r.returncode} {r.stderr!r}")


def case_parallel(own, tmp):
    corpus = os.path.join(HERE, "corpus")
    files = sorted(os.path.join(d, n) for d, _, names in os.walk(corpus) for n in names if n.endswith(".c"))
    flags = ["--", "-I" + os.path.join(HERE, "include"), "-std=gnu11"]
    one = run(own, "check", "--format=gcc", "-j", "1", *files, *flags)
    two = run(own, "check", "--format=gcc", "-j", "4", *files, *flags)
    expect(one.returncode == two.returncode, f"-j 1 status {one.returncode}, -j 4 status {two.returncode}")
    expect(one.stdout == two.stdout, "-j 4 does not report the same findings, in the same order, as -j 1")
    expect(one.stdout.count("error:") > 100, "the corpus gave fewer than 100 findings in one run")


def case_across(own, tmp):
    """A project whose helpers live in other files: followed with -p (or --across-files), not
    file by file; the same findings whatever the number of jobs."""
    src = os.path.join(HERE, "corpus", "projects", "wrappers")
    names = sorted(n for n in os.listdir(src) if n.endswith(".c"))
    db = [{"directory": src, "file": n, "arguments": ["cc", "-std=gnu11", "-c", n]} for n in names]
    with open(os.path.join(tmp, "compile_commands.json"), "w") as f:
        json.dump(db, f)

    def findings(*args):
        r = run(own, "check", "--format=gcc", *args)
        found = re.findall(r"/([a-z]+\.c):(\d+):\d+: error: .*\[own::([a-z-]+)\]", r.stdout)
        return r, sorted((f, int(line), kind) for f, line, kind in found)

    want = [("use.c", 11, "leak"), ("use.c", 17, "double-free"), ("use.c", 24, "use-after-free"),
            ("use.c", 32, "leak"), ("use.c", 43, "use-after-free")]
    r, got = findings("-p", tmp, "-j", "1")
    expect(got == want, f"-p: {got}, expected {want}; stderr {r.stderr[-300:]!r}")
    r, got4 = findings("-p", tmp, "-j", "4")
    expect(got4 == want, f"-p -j 4: {got4}")
    r, alone = findings("-p", tmp, "--file-by-file")
    # alone, clean.c does not know fatal() never returns, and use.c does not know zalloc allocates
    expect(("clean.c", 16, "use-after-free") in alone and ("use.c", 32, "leak") not in alone,
           f"--file-by-file: {alone}")
    r, listed = findings("--across-files", *[os.path.join(src, n) for n in names])
    expect(listed == want, f"--across-files with files: {listed}")
    # a file selected from the project is reported on with what the others' functions do
    r, selected = findings("-p", tmp, os.path.join(src, "use.c"))
    expect(selected == want, f"-p DIR use.c: {selected}")
    r, other = findings("-p", tmp, os.path.join(src, "clean.c"))
    expect(r.returncode == 0 and other == [], f"-p DIR clean.c: {other}, status {r.returncode}")


def case_progress(own, tmp):
    """On a terminal, a run of few files says how far it is, function by function; piped, it
    says nothing of the kind."""
    import pty
    source = write(tmp, "two.c", "int a(void) { return 1; }\nint b(void) { return a(); }\n")
    pid, fd = pty.fork()
    if pid == 0:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        os.execv(own, [own, "check", "--format=gcc", source])
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    shown = b"".join(chunks).decode(errors="replace")
    expect(os.waitstatus_to_exitcode(status) == 0, f"progress run: status {status}")
    expect(re.search(r"two\.c: [12] of 2 functions", shown) is not None,
           f"no function-by-function progress on a terminal: {shown!r}")
    piped = run(own, "check", "--format=gcc", source)
    expect("functions" not in piped.stderr, f"progress written to a pipe: {piped.stderr!r}")


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    own, case = os.path.abspath(sys.argv[1]), sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        globals()["case_" + case](own, tmp)
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
