/* run.c: `own run [OPTIONS] [--] PROGRAM [ARGS]` — an unmodified program on own's checked heap.
 *
 * The program runs with libown-malloc.so preloaded and its checked heap on (runtime/preload/
 * checked.h): redzones (heap-overflow), a quarantine of freed blocks (use-after-free, double-free)
 * and a leak scan at exit (leak), besides the plain heap's invalid-handle and free-interior, each
 * with the call stacks behind it. OWN_OPTIONS starts from `on_error=log:backtrace=1:checked=1`
 * (report, go on, show stacks, check); the user's OWN_OPTIONS come after and win. When the
 * program reported an error, `own run` exits with status 23 (OWN_OPTIONS exitcode=N or
 * --exitcode=N), else with the program's own status; a signal N that ended the program makes it
 * 128+N either way.
 *
 * How the count of errors comes back: a pipe whose write end the program inherits, named by
 * OWN_RUN_STATUS_FD; libown-malloc.so writes its count and exit code there when the program ends
 * (runtime/preload/run_status.c). A program that ends without running its exit handlers (_exit,
 * a signal) sends nothing, and its own status is what counts. Where reports go: a copy of own
 * run's stderr the program inherits too, named by OWN_RUN_REPORT_FD (runtime/core/report.c), so
 * that a process whose stderr a script sends to /dev/null, or a program that put a data file in
 * the place of its stderr, neither loses its reports nor writes them into its data. And where a
 * report made before goes: the table of OWN_RUN_SEEN_FD (runtime/core/report_seen.c), which
 * makes the same error of five hundred processes one report and a count. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "core/core.h"

#define BASE_OPTIONS "on_error=log:backtrace=1:checked=1"

static void usage(FILE *out)
{
    fputs(
        "usage: own run [--exitcode=N] [--] PROGRAM [ARGS...]\n\n"
        "Runs PROGRAM, unmodified, with its malloc family on own's checked heap\n"
        "(libown-malloc.so preloaded). Reported: a write past the end or before the start\n"
        "of a block (heap-overflow), a write into a freed block (use-after-free), a second\n"
        "free (double-free), a free of a pointer own never gave out (invalid-handle) or\n"
        "inside a block (free-interior), and at exit the blocks nothing points to (leak),\n"
        "each with the call stacks behind it. The processes PROGRAM starts are checked too,\n"
        "and their reports say which process made them.\n\n"
        "  --exitcode=N  status when an error was reported (default 23, or OWN_OPTIONS exitcode)\n"
        "  -h, --help    this help\n\n"
        "OWN_OPTIONS (see README) starts from " BASE_OPTIONS " and the program's environment\n"
        "adds to it, e.g. OWN_OPTIONS=on_error=abort to stop at the first error.\n"
        "OWN_MALLOC_LIB names the libown-malloc.so to use instead of the one installed with own.\n",
        out);
}

static bool readable(const char *path)
{
    return access(path, R_OK) == 0;
}

/* The libown-malloc.so beside this `own`: installed (BINDIR/../LIBDIR), else the build tree's. */
static bool find_preload(char *out, size_t size)
{
    const char *chosen = getenv("OWN_MALLOC_LIB");
    if (chosen && *chosen) {
        snprintf(out, size, "%s", chosen);
        return readable(out);
    }
    if (own_cli_beside_self(OWN_INSTALL_LIBDIR "/libown-malloc.so", out, size)) return true;
    snprintf(out, size, "%s", OWN_BUILD_PRELOAD);
    return readable(out);
}

/* "FD:DEV:INO", which tells a descriptor from another that took its number later. */
static void set_descriptor(const char *name, int fd)
{
    struct stat st;
    char where[64];
    if (fd >= 0 && fstat(fd, &st) == 0) {
        snprintf(where, sizeof where, "%d:%llu:%llu", fd, (unsigned long long)st.st_dev,
                 (unsigned long long)st.st_ino);
        setenv(name, where, 1);
    }
}

/* The table of reports made in the run: shared memory the processes inherit, zeroed. */
static int seen_table(void)
{
    int fd = memfd_create("own-run-seen", 0);
    if (fd >= 0 && ftruncate(fd, OWN_SEEN_SLOTS * sizeof(uint64_t)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Preloaded beside libown-malloc.so, which does not depend on it: libunwind, for the stacks of
 * allocations made before any constructor could load it. (libdw, which names frames, is loaded
 * by a process's first report: most processes of a `make` make none.) */
static void set_environment(const char *preload, int status_fd, int report_fd, int seen_fd)
{
    const char *old_preload = getenv("LD_PRELOAD");
    char *value;
    if (old_preload && *old_preload &&
        asprintf(&value, "%s:" OWN_TRACE_PRELOAD ":%s", preload, old_preload) >= 0)
        setenv("LD_PRELOAD", value, 1);
    else if (asprintf(&value, "%s:" OWN_TRACE_PRELOAD, preload) >= 0)
        setenv("LD_PRELOAD", value, 1);
    else
        setenv("LD_PRELOAD", preload, 1);
    const char *old_options = getenv("OWN_OPTIONS");
    if (old_options && *old_options && asprintf(&value, BASE_OPTIONS ":%s", old_options) >= 0)
        setenv("OWN_OPTIONS", value, 1);
    else
        setenv("OWN_OPTIONS", BASE_OPTIONS, 1);
    char number[16];
    snprintf(number, sizeof number, "%d", status_fd);
    setenv("OWN_RUN_STATUS_FD", number, 1);
    set_descriptor("OWN_RUN_REPORT_FD", report_fd);
    set_descriptor("OWN_RUN_SEEN_FD", seen_fd);
    /* This process becomes the program: its reports need no word on which process made them. */
    snprintf(number, sizeof number, "%d", (int)getpid());
    setenv("OWN_RUN_PID", number, 1);
}

/* What the program's libown-malloc.so sent: "errors=N repeats=R exitcode=M started=0|1 name=NAME"
 * lines, one per process that ended normally (the program, and any process it started that
 * inherited the pipe: those say started=1). A program may start thousands of processes (`xargs
 * -n1`, a configure script): the lines are read as they come, or the pipe would fill and the next
 * process to end would block in its write for ever. */
typedef struct status_tally {
    unsigned long errors;
    unsigned long repeats; /* of those, not printed: the same as one printed before */
    unsigned long started_errors, started_processes; /* of those, in processes it started */
    int exitcode;
    char program[208]; /* what the program's own process ran at its end, if it reported errors */
    char partial[400]; /* a line cut by the end of a read */
    size_t used;
} status_tally;

static void tally_line(status_tally *t, const char *line)
{
    unsigned long count, repeats;
    int code, started = 0;
    if (sscanf(line, "errors=%lu repeats=%lu exitcode=%d started=%d", &count, &repeats, &code,
               &started) >= 3) {
        t->errors += count;
        t->repeats += repeats;
        if (count) t->exitcode = code;
        if (count && started) {
            t->started_errors += count;
            t->started_processes++;
        }
        const char *name = strstr(line, " name=");
        if (count && !started && name)
            snprintf(t->program, sizeof t->program, "%s", name + strlen(" name="));
    }
}

/* Reads what the pipe holds now (it is non-blocking); false once every writer closed it. */
static bool read_status(int fd, status_tally *t)
{
    char chunk[4096];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n == 0) return false;
        if (n < 0) return errno == EINTR || errno == EAGAIN;
        for (ssize_t i = 0; i < n; i++) {
            if (chunk[i] != '\n') {
                if (t->used < sizeof t->partial - 1) t->partial[t->used++] = chunk[i];
                continue;
            }
            t->partial[t->used] = 0;
            tally_line(t, t->partial);
            t->used = 0;
        }
    }
}

/* Waits for the program, reading the status pipe meanwhile. Children the program left running
 * may hold the pipe after it ended: then what is there is read, no more. */
static int wait_reading(pid_t child, int fd, status_tally *t)
{
    fcntl(fd, F_SETFL, O_NONBLOCK);
    bool open = true;
    int status;
    for (;;) {
        if (open) {
            /* a short timeout: the pipe says nothing when the program ends while a child of it
             * still holds the pipe */
            struct pollfd p = {.fd = fd, .events = POLLIN};
            if (poll(&p, 1, 50) > 0) open = read_status(fd, t);
        }
        pid_t done = waitpid(child, &status, open ? WNOHANG : 0);
        if (done == child) break;
        if (done < 0 && errno != EINTR) return 1;
    }
    if (open) read_status(fd, t);
    return status;
}

static void report_repeats(const status_tally *t)
{
    if (t->repeats)
        fprintf(stderr, "own run: %lu of them repeated an error shown before and were not shown\n",
                t->repeats);
}

/* "own run: 5 errors reported: 2 in make, 3 in 2 processes it started", and how many of them
 * were not shown, as repeats. The program is named as it was given, unless its process ran
 * another by the end (`sh -c 'exec ./prog'`). */
static void report_tally(const status_tally *t, const char *program)
{
    const char *base = strrchr(program, '/');
    if (t->program[0] && strcmp(t->program, base ? base + 1 : program) != 0) program = t->program;
    unsigned long own_errors = t->errors - t->started_errors;
    fprintf(stderr, "own run: %lu error%s reported", t->errors, t->errors == 1 ? "" : "s");
    if (!t->started_errors) {
        fprintf(stderr, " in %s\n", program);
    } else {
        fputs(": ", stderr);
        if (own_errors) fprintf(stderr, "%lu in %s, ", own_errors, program);
        fprintf(stderr, "%lu in %lu process%s %s started\n", t->started_errors,
                t->started_processes, t->started_processes == 1 ? "" : "es",
                own_errors ? "it" : program);
    }
    report_repeats(t);
}

int own_run_main(int argc, char **argv)
{
    int exitcode = -1; /* -1: as the program's OWN_OPTIONS say */
    int first = 1;
    for (; first < argc; first++) {
        const char *arg = argv[first];
        if (!strcmp(arg, "--")) {
            first++;
            break;
        }
        if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            usage(stdout);
            return 0;
        }
        if (!strncmp(arg, "--exitcode=", 11)) {
            char *end;
            long code = strtol(arg + 11, &end, 10);
            if (*end || end == arg + 11 || code < 0 || code > 255) {
                fprintf(stderr, "own run: --exitcode needs a number from 0 to 255, not '%s'\n",
                        arg + 11);
                return 2;
            }
            exitcode = (int)code;
            continue;
        }
        if (arg[0] == '-') {
            fprintf(stderr, "own run: unknown option '%s'\n\n", arg);
            usage(stderr);
            return 2;
        }
        break;
    }
    if (first >= argc) {
        fputs("own run: no program to run\n\n", stderr);
        usage(stderr);
        return 2;
    }
    const char *user_options = getenv("OWN_OPTIONS");
    own_options parsed;
    char bad[128];
    if (user_options && !own__options_parse(&parsed, user_options, bad, sizeof bad)) {
        fprintf(stderr, "own run: OWN_OPTIONS has a bad setting '%s' (%s)\n", bad,
                OWN_OPTIONS_KEYS);
        return 2;
    }
    char path[PATH_MAX];
    switch (own_run_program_kind(argv[first], path, sizeof path)) {
    case OWN_PROGRAM_DIRECTORY:
        fprintf(stderr, "own run: cannot run '%s': it is a directory\n", argv[first]);
        return 126;
    case OWN_PROGRAM_STATIC:
        fprintf(stderr,
                "own run: warning: %s is statically linked: own's heap cannot be preloaded into "
                "it, so it runs unchecked\n",
                path);
        break;
    case OWN_PROGRAM_ORDINARY:
        break;
    }
    char preload[PATH_MAX];
    if (!find_preload(preload, sizeof preload)) {
        fprintf(stderr,
                "own run: libown-malloc.so not found (looked for %s); set OWN_MALLOC_LIB to it\n",
                preload);
        return 2;
    }
    int status_pipe[2];
    if (pipe2(status_pipe, O_CLOEXEC) != 0) {
        fprintf(stderr, "own run: pipe: %s\n", strerror(errno));
        return 2;
    }
    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "own run: fork: %s\n", strerror(errno));
        return 2;
    }
    if (child == 0) {
        close(status_pipe[0]);
        /* the copies stay open across exec */
        int status_fd = fcntl(status_pipe[1], F_DUPFD, 3);
        int report_fd = fcntl(2, F_DUPFD, 3);
        set_environment(preload, status_fd, report_fd, seen_table());
        execvp(argv[first], argv + first);
        fprintf(stderr, "own run: cannot run '%s': %s\n", argv[first], strerror(errno));
        _exit(errno == ENOENT ? 127 : 126);
    }
    close(status_pipe[1]);
    /* A ^C reaches the program; own run stays to report how it ended. */
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    status_tally tally = {.errors = 0, .exitcode = 23};
    int status = wait_reading(child, status_pipe[0], &tally);
    close(status_pipe[0]);
    if (tally.errors) report_tally(&tally, argv[first]);
    /* A crash outranks the errors counted before it: its status says so, as a shell's would. */
    if (WIFSIGNALED(status)) {
        fprintf(stderr, "own run: %s was killed by signal %d (%s)\n", argv[first], WTERMSIG(status),
                strsignal(WTERMSIG(status)));
        return 128 + WTERMSIG(status);
    }
    if (tally.errors) return exitcode >= 0 ? exitcode : tally.exitcode;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
