#!/usr/bin/python3
"""test_run.py: `own run` puts an unmodified program on own's checked heap. Each case builds a
small C program with the C compiler, runs it under `own run` and asserts the exit status and the
report: its kind, the site (function at file:line, from the debug information) and the stack.
Clean programs (realloc, calloc, aligned allocations, a block still reachable at exit) must get
no report at all. Then real programs run under `own run` (real_programs.py) with no false report.

usage: test_run.py OWN CC WORK_DIR"""
import os
import re
import shutil
import struct
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
    # strcpy of a 9-letter name into strlen() bytes: the NUL lands one byte past the end.
    "overflow": r'''#include <stdlib.h>
#include <string.h>
static char *copy_name(const char *name) {
    char *copy = malloc(strlen(name));
    strcpy(copy, name);
    return copy; }
int main(void) { char *name = copy_name("escoffier"); free(name); return 0; }
''',
    # Never freed: the redzone before the block is found damaged at exit.
    "underflow_at_exit": r'''#include <stdlib.h>
char *kept;
int main(void) { kept = malloc(20); kept[-3] = 1; return 0; }
''',
    # A write through a pointer kept after the free, found at exit (the quarantine still holds it).
    "use_after_free": r'''#include <stdlib.h>
struct order { int table; char dish[28]; };
int main(void) {
    struct order *o = malloc(sizeof *o);
    o->table = 7;
    free(o);
    o->table = 8;
    return 0; }
''',
    # The same, found when later frees push the block out of a 1 MiB quarantine.
    "use_after_free_evicted": r'''#include <stdlib.h>
#include <string.h>
int main(void) {
    char *order = malloc(100);
    free(order);
    order[50] = 'x';
    for (int i = 0; i < 64; i++) free(malloc(64 * 1024));
    return 0; }
''',
    # Three blocks lost in lose(); the block `kept` points to is reachable and is no leak.
    # a leak whose stack has libc frames in it (frames past main are not shown)
    "leak_in_callback": r'''#include <stdlib.h>
static int order(const void *a, const void *b) {
    void *lost = malloc(24);
    return *(const int *)a - *(const int *)b + (lost == NULL); }
int main(void) {
    int v[2] = {2, 1};
    qsort(v, 2, sizeof *v, order);
    return v[0] - 1; }
''',
    "leak": r'''#include <stdlib.h>
#include <string.h>
static char *kept;
static void lose(void) {
    char *p = malloc(33);
    strcpy(p, "nobody keeps this");
    p = NULL; }
int main(void) {
    kept = malloc(64);
    strcpy(kept, "still reachable at exit");
    for (int i = 0; i < 3; i++) lose();
    return 0; }
''',
    # A pointer kept from before a realloc, written through after it: the block moved.
    "realloc_stale": r'''#include <stdlib.h>
#include <string.h>
int main(void) {
    char *line = malloc(16);
    char *grown = realloc(line, 64);
    line[0] = 'x';
    strcpy(grown, "fine");
    free(grown);
    return 0; }
''',
    # A buffer grown one byte at a time, 100,000 times (past the resizes that move it, it grows in
    # place): its contents survive, and a write one byte past its last size is still found.
    "realloc_grown": r'''#include <stdlib.h>
int main(void) {
    char *s = NULL;
    int n = 100000;
    for (int i = 1; i <= n; i++) {
        s = realloc(s, i);
        s[i - 1] = (char)('a' + i % 26);
    }
    for (int i = 1; i <= n; i++)
        if (s[i - 1] != (char)('a' + i % 26)) return 1;
    s[n] = 0;
    free(s);
    return 0; }
''',
    # Everything the checked heap changes, used correctly: no report.
    "clean_family": r'''#define _GNU_SOURCE
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static char *list[100];
int main(void) {
    char *s = calloc(10, 10);
    for (int i = 0; i < 100; i++) if (s[i]) return 1;
    for (int n = 1; n < 5000; n += 97) {
        s = realloc(s, n);
        memset(s, 'x', n);
    }
    if (malloc_usable_size(s) != 4948) return 2;
    size_t aligns[] = {8, 16, 32, 64, 256, 4096, 65536, 1 << 21};
    for (int i = 0; i < 8; i++) {
        void *p = NULL;
        if (posix_memalign(&p, aligns[i], 100) || (uintptr_t)p % aligns[i]) return 3;
        memset(p, 1, 100);
        char *q = aligned_alloc(aligns[i], aligns[i] * 2);
        if (!q || (uintptr_t)q % aligns[i]) return 4;
        memset(q, 2, aligns[i] * 2);
        q = realloc(q, aligns[i] * 3);
        if (!q || q[aligns[i] * 2 - 1] != 2) return 5;
        void *r = memalign(aligns[i], 7);
        if (!r || (uintptr_t)r % aligns[i] || malloc_usable_size(r) != 7) return 6;
        memset(r, 3, 7);
        free(p); free(q); free(r);
    }
    if (posix_memalign((void **)&s, 24, 8) != 22) return 7;
    void *v = valloc(10), *pv = pvalloc(10);
    if ((uintptr_t)v % 4096 || (uintptr_t)pv % 4096 || malloc_usable_size(pv) != 4096) return 8;
    memset(pv, 0, 4096);
    free(v); free(pv);
    char *big = malloc(100 << 20);
    memset(big, 1, 100 << 20);
    big = realloc(big, 200 << 20);
    if (big[(100 << 20) - 1] != 1) return 9;
    free(big);
    if (realloc(calloc(1, 1), 0) != NULL) return 10;
    free(s);
    for (int i = 0; i < 100; i++) list[i] = strdup("kept in a static array");
    char *d = strdup("hello"); puts(d); free(d);
    free(NULL);
    return 0; }
''',
    "clean": r'''#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
    char *p = malloc(100); snprintf(p, 100, "%d args", argc); puts(p); free(p);
    return argc > 1 ? atoi(argv[1]) : 0; }
''',
    # A block allocated by a plugin that is unloaded before exit: its frames are named for what
    # they are, the rest of the stack as usual. PLUGIN below is the plugin's source.
    "leak_unloaded": r'''#include <dlfcn.h>
#include <stdio.h>
static void use_plugin(const char *path) {
    void *lib = dlopen(path, RTLD_NOW);
    if (!lib) { puts(dlerror()); return; }
    void *(*make)(void) = (void *(*)(void))dlsym(lib, "plugin_make");
    make(); /* the block is lost at once */
    dlclose(lib); }
int main(int argc, char **argv) { use_plugin(argv[1]); return 0; }
''',
    # Many processes, each ending normally, then a leak in the last one: every process's count
    # reaches own run, however many came before (300 lines of status are more than 4 KiB).
    "child_leak": r'''#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char **argv) {
    if (argc > 1) {
        char *lost = malloc(7);
        strcpy(lost, "lost");
        return 0; }
    char *kept = malloc(5);
    free(kept);
    free(kept);
    pid_t p = fork();
    if (p == 0) { execl("/proc/self/exe", "child_leak", "child", (char *)0); _exit(1); }
    waitpid(p, NULL, 0);
    return 0; }
''',
    "many_children": r'''#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char **argv) {
    int n = atoi(argv[1]);
    for (int i = 0; i < n; i++) {
        pid_t p = fork();
        if (p == 0) exit(0);
        waitpid(p, NULL, 0);
    }
    char *lost = malloc(24);
    strcpy(lost, "the last one");
    lost = NULL;
    return 0; }
''',
    # More status than a pipe holds (64 KiB), sent while the program still runs, as thousands of
    # processes ending one after another would: own run must read it as it comes, or the writer
    # blocks for ever. Written here in libown's own format, which is faster than 4,000 forks.
    "status_flood": r'''#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
int main(void) {
    const char *fd = getenv("OWN_RUN_STATUS_FD");
    if (!fd) return 3;
    static const char line[] = "errors=0 exitcode=23\n";
    for (int i = 0; i < 10000; i++)
        if (write(atoi(fd), line, sizeof line - 1) < 0) return 4;
    return 0; }
''',
    # A report, then a plugin loaded, then a leak in it: the frames of the report made after the
    # load are named too, though the first report already read the modules.
    "plugin_after_report": r'''#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
static void *kept_lib;
int main(int argc, char **argv) {
    char *p = malloc(8);
    free(p);
    free(p);
    kept_lib = dlopen(argv[1], RTLD_NOW);
    if (!kept_lib) { puts(dlerror()); return 1; }
    void *(*make)(void) = (void *(*)(void))dlsym(kept_lib, "plugin_make");
    make();
    return 0; }
''',
    # A list of 100 nodes whose head is lost, and a cycle of two nodes nothing points into: a leak
    # each, carrying the blocks only it reached, not one leak per node.
    # A big block (1 MiB) used after its free. The program used its first 4 KiB only: its whole
    # pages are guarded, so a read is caught too, at the access; the bytes before its first whole
    # page are filled and checked at exit. With F it used all of it: then it is filled, as a small
    # block is, and a write is found at exit.
    "use_after_free_big": r'''#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static char *make(size_t used) { char *p = malloc(1 << 20); memset(p, 'a', used); return p; }
int main(int argc, char **argv) {
    char mode = argc > 1 ? argv[1][0] : 'r';
    char *p = make(mode == 'F' ? 1 << 20 : 4096);
    free(p);
    if (mode == 'w' || mode == 'F') p[300000] = 'x';
    else if (mode == 'e') p[0] = 'x';
    else printf("read %d\n", p[500000]);
    return 0; }
''',
    # Faults that are not own's: one the program handles itself, one that ends it.
    "segfault": r'''#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
static void handled(int signal) { (void)signal; _exit(5); }
int main(int argc, char **argv) {
    free(malloc(100));
    if (argc > 1) signal(SIGSEGV, handled);
    *(volatile int *)(argc > 5 ? argv : NULL) = 1;
    return 0; }
''',
    # Two leaks through one wrapper: the same call of malloc, two stacks, two reports.
    "wrapped_leaks": r'''#include <stdlib.h>
static void *xmalloc(size_t n) { return malloc(n); }
static void *first(void) { return xmalloc(10); }
static void *second(void) { return xmalloc(20); }
int main(void) { first(); second(); return 0; }
''',
    # The same bad free twice, at one place: one report, and a count.
    "interior_twice": r'''#include <stdlib.h>
int main(void) {
    char *p = malloc(64);
    for (int i = 0; i < 2; i++) free(p + 8);
    free(p);
    return 0; }
''',
    "leaked_list": r'''#include <stdlib.h>
struct node { struct node *next; long value; };
static void lose_list(int n) {
    struct node *head = NULL;
    for (int i = 0; i < n; i++) {
        struct node *x = malloc(sizeof *x);
        x->next = head;
        head = x; }
    head = NULL; }
static void lose_cycle(void) {
    struct node *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    a->next = b;
    b->next = a;
    a = b = NULL; }
int main(void) { lose_list(100); lose_cycle(); return 0; }
''',
    # Eight threads allocate and free from the same places at once, and each loses one block
    # from one place: the stacks are kept once however many threads meet them first, and the
    # lost blocks are one leak, of all 8 blocks: an ended thread's stack, which glibc keeps for the
    # next thread and which may still hold a pointer to its block, is not taken for a root.
    "threads_leak": r'''#include <pthread.h>
#include <stdlib.h>
static void *lose_one(void) { return malloc(24); }
static void *work(void *arg) {
    (void)arg;
    void *keep[16] = {0};
    for (int i = 0; i < 20000; i++) {
        free(keep[i & 15]);
        keep[i & 15] = malloc(16 + (i & 63));
    }
    for (int i = 0; i < 16; i++) free(keep[i]);
    void *p = lose_one();
    p = NULL;
    return p; }
int main(void) {
    pthread_t t[8];
    for (int i = 0; i < 8; i++) pthread_create(&t[i], NULL, work, NULL);
    for (int i = 0; i < 8; i++) pthread_join(t[i], NULL);
    return 0; }
''',
    # A thread that ended leaves its frames in the stack glibc keeps for the next thread; a thread
    # that takes that stack over and holds a block there while the program exits holds it.
    "thread_holds_block": r'''#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
static int ready[2];
static void *stack_low[2];
static void note_stack(int which) {
    pthread_attr_t attr;
    size_t size;
    pthread_getattr_np(pthread_self(), &attr);
    pthread_attr_getstack(&attr, &stack_low[which], &size);
    pthread_attr_destroy(&attr); }
static void *short_lived(void *arg) {
    note_stack(0);
    free(malloc(8));
    return arg; }
static void *hold(void *arg) {
    char *mine = malloc(40);
    strcpy(mine, "only this thread's stack points here");
    note_stack(1);
    char c = 1;
    if (write(ready[1], &c, 1) != 1) return NULL;
    pause();
    return mine; }
int main(void) {
    pthread_t t;
    char c;
    if (pipe(ready)) return 1;
    pthread_create(&t, NULL, short_lived, NULL);
    pthread_join(t, NULL);
    pthread_create(&t, NULL, hold, NULL);
    if (read(ready[0], &c, 1) != 1) return 1;
    printf("%s\n", stack_low[0] == stack_low[1] ? "same stack" : "another stack");
    return 0; }
''',
    # A thread's stack given back (no stack cache), and the program's own mapping made at the same
    # place: what it holds there is no dead thread's frames.
    "stack_mapped_again": r'''#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
static void *low;
static size_t size;
static void *note(void *arg) {
    pthread_attr_t attr;
    pthread_getattr_np(pthread_self(), &attr);
    pthread_attr_getstack(&attr, &low, &size);
    pthread_attr_destroy(&attr);
    return arg; }
int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, note, NULL);
    pthread_join(t, NULL);
    void **kept = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (kept == MAP_FAILED) return 1;
    kept[0] = malloc(64);
    strcpy(kept[0], "reached through a mapping where a stack was");
    printf("%s\n", (void *)kept == low ? "same place" : "elsewhere");
    return 0; }
''',
    # Closes its stderr and opens its output file in its place, then leaks: the report must not
    # go into the data.
    "stderr_reused": r'''#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
int main(void) {
    close(2);
    int fd = open("stderr_reused.out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd != 2 || write(fd, "DATA\n", 5) != 5) return 3;
    char *p = malloc(64);
    memset(p, 1, 64);
    p = 0;
    return 0; }
''',
    # A block far bigger than the quarantine, touched at both ends and freed: it goes back at once,
    # and is not filled first, which would make all of it resident. Prints its peak RSS in KiB.
    "big_free": r'''#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
    size_t size = (size_t)1 << 30;
    char *p = malloc(size);
    if (!p) return 3;
    p[0] = 1;
    p[size - 1] = 2;
    free(p);
    char line[256];
    FILE *f = fopen("/proc/self/status", "r");
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmHWM:", 6)) printf("%ld\n", strtol(line + 6, NULL, 10));
    if (f) fclose(f);
    return 0; }
''',
}

PLUGIN = r'''#include <stdlib.h>
void *plugin_make(void) { return malloc(40); }
'''


WORK = None


def build(cc, work, name):
    source = os.path.join(work, name + ".c")
    with open(source, "w") as f:
        f.write(PROGRAMS[name])
    binary = os.path.join(work, name)
    subprocess.run([cc, "-g", "-O0", "-w", "-pthread", source, "-o", binary], check=True)
    return name + ".c", binary  # reports name sources relative to the working directory


def run(own, args, env=None):
    full_env = dict(os.environ)
    full_env.pop("OWN_OPTIONS", None)
    full_env["XDG_CACHE_HOME"] = os.path.join(WORK, "cache")  # not the user's ~/.cache
    full_env.update(env or {})
    return subprocess.run([own, "run"] + args, capture_output=True, text=True, env=full_env,
                          timeout=120, cwd=WORK)


def run_traced(own, work, args, env=None):
    """run(), with the dynamic loader's list of the files every process loaded (LD_DEBUG)."""
    for old in [f for f in os.listdir(work) if f.startswith("loader.")]:
        os.remove(os.path.join(work, old))
    r = run(own, args, dict(env or {}, LD_DEBUG="files",
                            LD_DEBUG_OUTPUT=os.path.join(work, "loader")))
    loaded = ""
    for name in [f for f in os.listdir(work) if f.startswith("loader.")]:
        with open(os.path.join(work, name)) as f:
            loaded += f.read()
    return r, loaded


def compressed_sections(path):
    """The number of sections of an ELF64 file flagged SHF_COMPRESSED."""
    with open(path, "rb") as f:
        data = f.read()
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    return sum(1 for i in range(shnum)
               if struct.unpack_from("<Q", data, shoff + i * shentsize + 8)[0] & 0x800)


def libc_debug_file(binary):
    """The build ID of the C library `binary` runs with, and libc6-dbg's file of it (or None)."""
    ldd = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    libc = re.search(r"libc\.so\.6 => (\S+)", ldd)
    notes = subprocess.run(["readelf", "-n", libc.group(1)], capture_output=True,
                           text=True).stdout if libc else ""
    build_id = re.search(r"Build ID: ([0-9a-f]+)", notes)
    if not build_id:
        return None, None
    build_id = build_id.group(1)
    path = f"/usr/lib/debug/.build-id/{build_id[:2]}/{build_id[2:]}.debug"
    return build_id, path if os.path.exists(path) else None


def check_debug_cache(own, cc, work, expect):
    """libc6-dbg's compressed DWARF is inflated once, to the cache, and read from there after."""
    source, binary = build(cc, work, "leak_in_callback")
    build_id, packaged = libc_debug_file(binary)
    if not packaged or not compressed_sections(packaged):
        print("note: no compressed libc debug file (libc6-dbg): the debug cache is not tested")
        return
    cache = os.path.join(work, "debug_cache")
    shutil.rmtree(cache, ignore_errors=True)
    copy = os.path.join(cache, "own", "debug", build_id + ".debug")
    r = run(own, [binary], {"XDG_CACHE_HOME": cache})
    expect("a libc frame named from libc6-dbg's compressed file", r.returncode == 23
           and re.search(r"#1 msort_with_tmp\S* at \S*/msort\.c:[0-9]+", r.stderr), r)
    made = os.listdir(os.path.dirname(copy)) if os.path.isdir(os.path.dirname(copy)) else []
    expect("its inflated copy is in the cache, alone", made == [build_id + ".debug"]
           and compressed_sections(copy) == 0, r)
    # The next report reads the copy: a file name changed in it is the name shown.
    if made:
        with open(copy, "r+b") as f:
            data = f.read()
            f.seek(0)
            f.write(data.replace(b"\0msort.c\0", b"\0MSORT.c\0"))
        r = run(own, [binary], {"XDG_CACHE_HOME": cache})
        expect("the next report names libc's frames from the copy", r.returncode == 23
               and re.search(r"#1 msort_with_tmp\S* at \S*/MSORT\.c:[0-9]+", r.stderr), r)
    shutil.rmtree(cache)
    r = run(own, [binary], {"XDG_CACHE_HOME": cache, "OWN_OPTIONS": "debug_cache=0"})
    expect("debug_cache=0: named from the packaged file, no copy made", r.returncode == 23
           and "/msort.c:" in r.stderr and not os.path.exists(cache), r)
    with open(cache, "w") as f:  # a file where the folder should be: no cache, same report
        f.write("not a folder")
    r = run(own, [binary], {"XDG_CACHE_HOME": cache})
    expect("no cache folder to be had: the report is the same", r.returncode == 23
           and "/msort.c:" in r.stderr, r)
    os.remove(cache)


def check_debug_link(own, cc, work, expect):
    """Debug information split off with objcopy and named by .gnu_debuglink is found beside the
    program and in .debug/ there; one of another build (its build ID differs) is not used."""
    source, binary = build(cc, work, "leak")
    folder = os.path.join(work, "debuglink")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(os.path.join(folder, ".debug"))
    program, debug = os.path.join(folder, "leak"), os.path.join(folder, "leak.debug")
    subprocess.run(["objcopy", "--only-keep-debug", binary, debug], check=True)
    subprocess.run(["strip", "--strip-debug", "-o", program, binary], check=True)
    subprocess.run(["objcopy", "--add-gnu-debuglink=" + debug, program], check=True)
    named = f"#0 lose at {source}:5"
    r = run(own, [program])
    expect("debug information beside the program, by .gnu_debuglink", r.returncode == 23
           and named in r.stderr, r)
    os.rename(debug, os.path.join(folder, ".debug", "leak.debug"))
    r = run(own, [program])
    expect("debug information in .debug/ beside the program", r.returncode == 23
           and named in r.stderr, r)
    # the debug file of another build of the same source: not this program's
    other, other_source = os.path.join(folder, "other"), os.path.join(folder, source)
    with open(other_source, "w") as f:
        f.write("\n" + PROGRAMS["leak"])  # its lines one further down
    subprocess.run([cc, "-g", "-O0", "-w", other_source, "-o", other], check=True)
    subprocess.run(["objcopy", "--only-keep-debug", other, debug], check=True)
    os.remove(os.path.join(folder, ".debug", "leak.debug"))
    r = run(own, [program])
    expect("a debug file of another build is not used", r.returncode == 23
           and "#0 lose in leak" in r.stderr and f"{source}:" not in r.stderr, r)


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
    expect("double free: kind", "error[double-free]: block of 10 bytes freed twice" in r.stderr, r)
    expect("double free: site", f"--> {source}:3 in release (thread 1)" in r.stderr, r)
    expect("double free: stack", f"#0 release at {source}:3" in r.stderr
           and f"#1 main at {source}:4" in r.stderr, r)
    expect("double free: first free and allocation",
           f"= note: first freed at {source}:3 in release (thread 1)" in r.stderr
           and f"= note: allocated at {source}:4 in main (thread 1)" in r.stderr, r)
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
           and "8 bytes into a block of 64 bytes" in r.stderr
           and f"--> {source}:2 in main" in r.stderr, r)

    source, binary = build(cc, work, "overflow")
    r = run(own, [binary])
    expect("overflow: status 23", r.returncode == 23, r)
    expect("overflow: kind", "error[heap-overflow]: block of 9 bytes written past its end "
           "(1 byte after it), found when it was freed" in r.stderr, r)
    expect("overflow: found at the free", f"--> {source}:7 in main (thread 1)" in r.stderr, r)
    expect("overflow: allocation", f"= note: allocated at {source}:4 in copy_name (thread 1)"
           in r.stderr and f"#0 copy_name at {source}:4" in r.stderr
           and f"#1 main at {source}:7" in r.stderr, r)
    expect("overflow: one error", "own run: 1 error reported" in r.stderr, r)
    r = run(own, [binary], {"OWN_OPTIONS": "checked=0"})
    expect("checked=0: the plain heap sees nothing", r.returncode == 0 and r.stderr == "", r)

    source, binary = build(cc, work, "underflow_at_exit")
    r = run(own, [binary])
    expect("underflow at exit", r.returncode == 23 and "error[heap-overflow]: block of 20 bytes "
           "written before its start (3 bytes before it), found at exit" in r.stderr
           and f"--> {source}:3 in main (thread 1)" in r.stderr
           and "error[leak]" not in r.stderr, r)

    source, binary = build(cc, work, "use_after_free")
    r = run(own, [binary])
    expect("use after free: status 23", r.returncode == 23, r)
    expect("use after free: kind", "error[use-after-free]: block of 32 bytes written after it "
           "was freed (4 bytes changed, at offsets 0 to 3), found at exit" in r.stderr, r)
    expect("use after free: the free and the allocation",
           f"--> {source}:6 in main (thread 1)" in r.stderr
           and f"= free stack:\n      #0 main at {source}:6" in r.stderr
           and f"= note: allocated at {source}:4 in main (thread 1)" in r.stderr
           and f"= allocation stack:\n      #0 main at {source}:4" in r.stderr, r)

    source, binary = build(cc, work, "use_after_free_big")
    r = run(own, [binary])
    expect("big block read after free: caught at the read, and the program goes on",
           r.returncode == 23 and r.stdout == "read 0\n"
           and "error[use-after-free]: block of 1048576 bytes read after it was freed (at "
           "offset 500000)" in r.stderr
           and f"--> {source}:11 in main (thread 1)" in r.stderr
           and f"= backtrace:\n      #0 main at {source}:11" in r.stderr
           and f"= note: freed at {source}:8 in main (thread 1)" in r.stderr
           and f"= note: allocated at {source}:4 in make (thread 1)" in r.stderr
           and f"#1 main at {source}:7" in r.stderr and r.stderr.count("error[") == 1, r)
    r = run(own, [binary, "w"])
    expect("big block written after free: caught at the write", r.returncode == 23
           and "error[use-after-free]: block of 1048576 bytes written after it was freed (at "
           "offset 300000)" in r.stderr and f"--> {source}:9 in main (thread 1)" in r.stderr, r)
    r = run(own, [binary, "F"])
    expect("big block the program filled, written after free: filled, found at exit",
           r.returncode == 23 and "error[use-after-free]: block of 1048576 bytes written after "
           "it was freed (1 byte changed, at offsets 300000 to 300000), found at exit" in r.stderr
           and f"--> {source}:8 in main (thread 1)" in r.stderr, r)
    r = run(own, [binary, "w"], {"OWN_OPTIONS": "on_error=abort"})
    expect("big block written after free, on_error=abort: stops there", r.returncode == 128 + 6
           and "error[use-after-free]" in r.stderr, r)
    r = run(own, [binary, "e"])
    expect("big block written after free before its first whole page: found at exit",
           r.returncode == 23 and "error[use-after-free]: block of 1048576 bytes written after "
           "it was freed (1 byte changed, at offsets 0 to 0), found at exit" in r.stderr
           and f"--> {source}:8 in main (thread 1)" in r.stderr, r)

    source, binary = build(cc, work, "segfault")
    r = run(own, [binary, "handled"])
    expect("a SIGSEGV the program handles is its own", r.returncode == 5 and r.stderr == "", r)
    r = run(own, [binary])
    expect("a SIGSEGV not own's still ends the program", r.returncode == 128 + 11
           and "error[" not in r.stderr and "was killed by signal 11" in r.stderr, r)

    source, binary = build(cc, work, "use_after_free_evicted")
    r = run(own, [binary], {"OWN_OPTIONS": "quarantine_size=1m"})
    expect("use after free, out of quarantine", r.returncode == 23
           and "error[use-after-free]: block of 100 bytes written after it was freed (1 byte "
           "changed, at offsets 50 to 50), found when it left quarantine" in r.stderr
           and f"--> {source}:5 in main (thread 1)" in r.stderr, r)

    source, binary = build(cc, work, "leak")
    r = run(own, [binary])
    expect("leak: status 23", r.returncode == 23, r)
    expect("leak: the lost blocks, by allocation stack", "error[leak]: 3 blocks (99 bytes) never "
           "freed: no live memory points to them at exit" in r.stderr
           and f"--> {source}:5 in lose (thread 1)" in r.stderr
           and f"#0 lose at {source}:5" in r.stderr and f"#1 main at {source}:11" in r.stderr, r)
    expect("leak: the reachable block is not one", r.stderr.count("error[") == 1
           and "64 bytes" not in r.stderr, r)
    r = run(own, [binary], {"OWN_OPTIONS": "leaks=0"})
    expect("leaks=0: no leak report", r.returncode == 0 and r.stderr == "", r)

    # Naming the frames of a program without debug information must not load libdw's
    # debuginfod client (libcurl, GnuTLS, ...) unless DEBUGINFOD_URLS asks for it.
    stripped = os.path.join(work, "leak_stripped")
    subprocess.run(["strip", "--strip-debug", "-o", stripped, binary], check=True)
    r, loaded = run_traced(own, work, [stripped], {"DEBUGINFOD_URLS": ""})
    expect("a report loads no debuginfod client", r.returncode == 23 and "error[leak]" in r.stderr
           and "libdw.so" in loaded and "libdebuginfod" not in loaded, r)

    # libdw, which names frames, is loaded by a process's first report; one that reports
    # nothing (most of those `own run make` starts) never loads it.
    r, loaded = run_traced(own, work, ["sh", "-c", "echo quiet | cat"])
    expect("no report, no libdw", r.returncode == 0 and r.stdout == "quiet\n"
           and "libunwind.so" in loaded and "libdw.so" not in loaded, r)

    check_debug_cache(own, cc, work, expect)
    check_debug_link(own, cc, work, expect)

    # The same leak in three processes of the run (`make` runs the same compiler hundreds of
    # times): shown once, with the count of those not shown.
    source, binary = build(cc, work, "leak")
    r = run(own, ["sh", "-c", f"{binary}; {binary}; {binary}"])
    expect("one leak of three processes: shown once", r.returncode == 23
           and r.stderr.count("error[leak]") == 1
           and "own run: 3 errors reported: 3 in 3 processes sh started" in r.stderr
           and "own run: 2 of them repeated an error shown before and were not shown"
           in r.stderr, r)
    r = run(own, ["sh", "-c", f"{binary}; {binary}"], {"OWN_OPTIONS": "backtrace=0"})
    expect("shown once without stacks too", r.returncode == 23
           and r.stderr.count("error[leak]") == 1 and "1 of them repeated" in r.stderr, r)

    source, binary = build(cc, work, "wrapped_leaks")
    for options in ("backtrace=1", "backtrace=0"):
        r = run(own, ["sh", "-c", f"{binary}; {binary}"], {"OWN_OPTIONS": options})
        expect(f"two leaks through one wrapper are two ({options})", r.returncode == 23
               and r.stderr.count("error[leak]") == 2
               and "error[leak]: 1 block (10 bytes)" in r.stderr
               and "error[leak]: 1 block (20 bytes)" in r.stderr
               and "own run: 4 errors reported" in r.stderr
               and "own run: 2 of them repeated" in r.stderr, r)

    source, binary = build(cc, work, "interior_twice")
    r = run(own, [binary])
    expect("one bad free made twice: one report", r.returncode == 23
           and r.stderr.count("error[free-interior]") == 1
           and "own run: 2 errors reported in" in r.stderr
           and "own run: 1 of them repeated an error shown before" in r.stderr, r)

    source, binary = build(cc, work, "leaked_list")
    r = run(own, [binary])
    expect("a lost list is one leak, a lost cycle another", r.returncode == 23
           and r.stderr.count("error[leak]") == 2
           and "= note: 99 more blocks (1584 bytes) lost with it (reachable only through it)"
           in r.stderr
           and "= note: 1 more block (16 bytes) lost with it (reachable only through it)"
           in r.stderr and "own run: 2 errors reported" in r.stderr, r)

    source, binary = build(cc, work, "threads_leak")
    r = run(own, [binary])
    lost = re.search(r"error\[leak\]: ([0-9]+) blocks? \(([0-9]+) bytes\) never freed", r.stderr)
    expect("eight threads, one place of loss: one leak of all eight blocks", r.returncode == 23
           and r.stderr.count("error[leak]") == 1 and lost
           and int(lost.group(1)) == 8 and int(lost.group(2)) == 24 * 8
           and f"#0 lose_one at {source}:3" in r.stderr
           and "#2 start_thread" in r.stderr and "libown-malloc.so" not in r.stderr, r)
    r = run(own, [binary], {"OWN_OPTIONS": "checked=0"})
    expect("pthread_create without the checked heap", r.returncode == 0 and r.stderr == "", r)

    source, binary = build(cc, work, "stack_mapped_again")
    r = run(own, [binary], {"GLIBC_TUNABLES": "glibc.pthread.stack_cache_size=0"})
    expect("a mapping where an ended thread's stack was is scanned whole",
           r.returncode == 0 and r.stdout == "same place\n" and "error[" not in r.stderr, r)

    source, binary = build(cc, work, "thread_holds_block")
    r = run(own, [binary])
    expect("a live thread on a stack an ended one had: its block is held, not leaked",
           r.returncode == 0 and r.stdout == "same stack\n" and "error[" not in r.stderr, r)

    source, binary = build(cc, work, "many_children")
    r = run(own, [binary, "300"])
    expect("300 processes, then a leak: counted", r.returncode == 23
           and "error[leak]: 1 block (24 bytes) never freed" in r.stderr
           and "own run: 1 error reported" in r.stderr, r)

    source, binary = build(cc, work, "child_leak")
    r = run(own, [binary])
    double_free, _, leak = r.stderr.partition("error[leak]")
    expect("a report from a process the program started says which", r.returncode == 23
           and "error[double-free]" in double_free and "in process" not in double_free
           and f"--> {source}:7 in main (thread 1)" in leak
           and re.search(r"= note: in process [0-9]+ \(child_leak\), started by the program own "
                         r"run runs", leak)
           and f"own run: 2 errors reported: 1 in {binary}, 1 in 1 process it started"
           in r.stderr, r)
    # a shell that execs its last command is that command by the end: the errors are its
    r = run(own, ["sh", "-c", f"exec {binary}"])
    expect("the program a shell became is the one named", r.returncode == 23
           and "own run: 2 errors reported: 1 in child_leak, 1 in 1 process it started"
           in r.stderr, r)

    # a process that is an interpreter is named with its script: the leak program, installed
    # under the name bash, run on a "script"
    source, binary = build(cc, work, "leak")
    interpreter_dir = os.path.join(work, "interpreter")
    os.makedirs(interpreter_dir, exist_ok=True)
    fake_bash = os.path.join(interpreter_dir, "bash")
    if not os.path.exists(fake_bash):
        os.symlink(binary, fake_bash)
    r = run(own, ["sh", "-c", f"{fake_bash} configure.sh; true"])
    expect("a report from an interpreter names its script", r.returncode == 23
           and re.search(r"= note: in process [0-9]+ \(bash configure\.sh\), started by the "
                         r"program own run runs", r.stderr), r)

    source, binary = build(cc, work, "status_flood")
    r = run(own, [binary])
    expect("a flood of status lines while the program runs", r.returncode == 0
           and r.stderr == "", r)

    source, binary = build(cc, work, "leak_unloaded")
    plugin = os.path.join(work, "plugin.so")
    with open(plugin[:-3] + ".c", "w") as f:
        f.write(PLUGIN)
    subprocess.run([cc, "-g", "-O0", "-w", "-shared", "-fPIC", plugin[:-3] + ".c", "-o", plugin],
                   check=True)
    r = run(own, [binary, plugin])
    expect("leak in an unloaded plugin", r.returncode == 23
           and "error[leak]: 1 block (40 bytes) never freed" in r.stderr
           and re.search(r"--> 0x[0-9a-f]+, in no module loaded now \(thread 1\)", r.stderr)
           and re.search(r"#0 \?\?\n +\(0x[0-9a-f]+, in no module loaded now: unloaded since, "
                         r"or generated\)", r.stderr)
           and f"#1 use_plugin at {source}:7" in r.stderr
           and f"#2 main at {source}:9" in r.stderr, r)

    source, binary = build(cc, work, "plugin_after_report")
    r = run(own, [binary, plugin])
    expect("a plugin loaded after the first report is named", r.returncode == 23
           and f"--> {source}:8 in main (thread 1)" in r.stderr
           and "--> plugin.c:2 in plugin_make (thread 1)" in r.stderr
           and "#0 plugin_make at plugin.c:2" in r.stderr, r)

    source, binary = build(cc, work, "realloc_stale")
    r = run(own, [binary])
    expect("realloc: the old pointer is a freed block", r.returncode == 23
           and "error[use-after-free]: block of 16 bytes written after it was freed (1 byte "
           "changed, at offsets 0 to 0), found at exit" in r.stderr
           and f"--> {source}:5 in main (thread 1)" in r.stderr
           and f"= note: allocated at {source}:4 in main (thread 1)" in r.stderr, r)

    source, binary = build(cc, work, "realloc_grown")
    r = run(own, [binary])
    expect("realloc grown in place: contents kept, the overflow found", r.returncode == 23
           and "error[heap-overflow]: block of 100000 bytes written past its end (1 byte after "
           "it), found when it was freed" in r.stderr
           and f"--> {source}:12 in main (thread 1)" in r.stderr
           and f"= note: allocated at {source}:6 in main (thread 1)" in r.stderr
           and r.stderr.count("error[") == 1, r)

    source, binary = build(cc, work, "clean_family")
    r = run(own, [binary])
    expect("realloc, calloc, aligned, usable size: clean", r.returncode == 0
           and r.stdout == "hello\n" and r.stderr == "", r)

    source, binary = build(cc, work, "clean")
    r = run(own, [binary, "4"])
    expect("clean: the program's own status and output", r.returncode == 4
           and r.stdout == "2 args\n" and r.stderr == "", r)

    r = run(own, ["sh", "-c", "kill -TERM $$"])
    expect("killed by a signal: 128+N, and said", r.returncode == 128 + 15
           and "own run: sh was killed by signal 15" in r.stderr, r)
    # errors reported before a crash: the crash's status, and both said
    source, binary = build(cc, work, "leak")
    r = run(own, ["sh", "-c", f"{binary} >/dev/null 2>&1; kill -SEGV $$"])
    expect("errors, then a crash: 128+11", r.returncode == 128 + 11
           and "own run: 1 error reported" in r.stderr
           and "own run: sh was killed by signal 11" in r.stderr, r)

    # a process whose stderr a script threw away still reports, to own run's stderr
    r = run(own, ["sh", "-c", f"{binary} 2>/dev/null; true"])
    expect("a child's stderr sent to /dev/null: its report is not lost", r.returncode == 23
           and "error[leak]: 3 blocks (99 bytes) never freed" in r.stderr
           and "own run: 1 error reported: 1 in 1 process sh started" in r.stderr, r)
    source, binary = build(cc, work, "stderr_reused")
    r = run(own, [binary])
    with open(os.path.join(work, "stderr_reused.out")) as f:
        data = f.read()
    expect("a program's data file in the place of its stderr gets no report",
           r.returncode == 23 and data == "DATA\n"
           and "error[leak]: 1 block (64 bytes) never freed" in r.stderr, r)

    source, binary = build(cc, work, "big_free")
    r = run(own, [binary])
    peak_kib = int(r.stdout.strip() or "0")
    expect(f"a 1 GiB block freed is not filled (peak {peak_kib} KiB)", r.returncode == 0
           and 0 < peak_kib < 256 * 1024, r)

    # what LD_PRELOAD cannot reach, and what is not a program, said before anything runs
    static = os.path.join(work, "static_leak")
    if subprocess.run([cc, "-static", "-O0", "-w", os.path.join(work, "leak.c"), "-o", static],
                      capture_output=True).returncode == 0:
        r = run(own, [static])
        expect("a statically linked program: it runs, unchecked, and own run says so",
               r.returncode == 0 and f"own run: warning: {static} is statically linked" in r.stderr
               and "error[" not in r.stderr, r)
    else:
        print("note: no static C library here: the statically linked case is skipped")
    r = run(own, [work])
    expect("a directory: 126, said", r.returncode == 126 and "it is a directory" in r.stderr, r)
    r = run(own, [binary], {"OWN_OPTIONS": "leaks=0:bogus=1"})
    expect("a bad OWN_OPTIONS setting: refused, named, status 2", r.returncode == 2
           and "own run: OWN_OPTIONS has a bad setting 'bogus=1'" in r.stderr, r)
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
