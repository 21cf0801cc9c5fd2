/* report.c: writes reports in the one format of DESIGN.md and applies the error policy.
 * Reports are built in a buffer on the caller's stack and written with write(2), so that a report
 * can be made from inside the heap, without allocating. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h> /* program_invocation_short_name */
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"

static _Atomic(own_error_handler) error_handler;
static atomic_ulong error_count;
static atomic_uint next_thread_number;
static __thread unsigned thread_number;

unsigned own__thread_number(void)
{
    if (own_unlikely(thread_number == 0))
        thread_number = atomic_fetch_add_explicit(&next_thread_number, 1, memory_order_relaxed) + 1;
    return thread_number;
}

own_error_handler own_on_error(own_error_handler handler)
{
    return atomic_exchange(&error_handler, handler);
}

unsigned long own_error_count(void)
{
    return atomic_load(&error_count);
}

static void append(own_report *r, const char *fmt, va_list ap)
{
    size_t room = sizeof r->text - r->length;
    int n = vsnprintf(r->text + r->length, room, fmt, ap);
    if (n < 0) return;
    r->length += (size_t)n < room ? (size_t)n : room - 1;
}

static void appendf(own_report *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    append(r, fmt, ap);
    va_end(ap);
}

void own__report_begin(own_report *r, const char *kind, const char *fmt, ...)
{
    r->length = 0;
    r->text[0] = 0;
    r->kind = kind;
    r->key = own__report_key_text(0, kind);
    r->seen = -1;
    appendf(r, "error[%s]: ", kind);
    va_list ap;
    va_start(ap, fmt);
    append(r, fmt, ap);
    va_end(ap);
    appendf(r, "\n");
}

void own__report_begin_formatted(own_report *r, const char *kind, const char *text, size_t length)
{
    if (length > sizeof r->text - 1) length = sizeof r->text - 1;
    memcpy(r->text, text, length);
    r->text[length] = 0;
    r->length = length;
    r->kind = kind;
    r->key = own__report_key_text(own__report_key_text(0, kind), r->text);
    r->seen = -1;
}

void own__report_line(own_report *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    append(r, fmt, ap);
    va_end(ap);
    appendf(r, "\n");
}

static void append_site(own_report *r, const own_site *site)
{
    if (r->seen < 0) { /* the sites after the first stack named do not change the key */
        if (site->file)
            r->key = own__report_key_text(
                own__report_key_text(r->key, site->file) + (uint64_t)site->line, site->function);
        else
            r->key = own__report_key_code(r->key, site->code);
    }
    if (site->file) {
        appendf(r, "%s:%d", site->file, site->line);
        if (site->function) appendf(r, " in %s", site->function);
    } else if (site->code) {
        /* No source site was recorded (a plain malloc/free caller): name the code address,
         * from the debug information when there is some. */
        Dl_info info;
        char described[320];
        if (own__describe_code(site->code, described, sizeof described))
            appendf(r, "%s", described);
        else if (dladdr(site->code, &info) && info.dli_sname)
            appendf(r, "%s+0x%lx (%s)", info.dli_sname,
                    (unsigned long)((const char *)site->code - (const char *)info.dli_saddr),
                    info.dli_fname ? info.dli_fname : "?");
        else if (dladdr(site->code, &info) && info.dli_fname)
            appendf(r, "%s+0x%lx", info.dli_fname,
                    (unsigned long)((const char *)site->code - (const char *)info.dli_fbase));
        else
            appendf(r, "%p, in no module loaded now", site->code);
    } else {
        appendf(r, "an unknown site");
    }
    if (site->thread) appendf(r, " (thread %u)", site->thread);
}

void own__report_at(own_report *r, const own_site *site)
{
    appendf(r, "  --> ");
    append_site(r, site);
    appendf(r, "\n");
    if (own__options()->backtrace) {
        void *frames[OWN_BACKTRACE_FRAMES];
        own__report_backtrace(r, "backtrace", frames,
                              own__backtrace_capture(frames, OWN_BACKTRACE_FRAMES));
    }
}

void own__report_found_at(own_report *r, const own_site *site)
{
    appendf(r, "  --> ");
    append_site(r, site);
    appendf(r, "\n");
}

void own__report_note(own_report *r, const char *what, const own_site *site)
{
    appendf(r, "   = note: %s at ", what);
    append_site(r, site);
    appendf(r, "\n");
}

static bool write_all(int fd, const char *text, size_t length)
{
    while (length) {
        ssize_t n = write(fd, text, length);
        if (n <= 0) return false;
        text += n;
        length -= (size_t)n;
    }
    return true;
}

/* Where reports go when no log_path is set: stderr, or the copy of it own__report_keep_stderr
 * made, which outlives a program that closes its stderr before exit handlers run. */
static int report_fd = 2;

int own__run_descriptor(const char *variable)
{
    const char *text = getenv(variable);
    unsigned long long dev, ino;
    int fd;
    struct stat st;
    if (!text || sscanf(text, "%d:%llu:%llu", &fd, &dev, &ino) != 3 || fd < 0 ||
        fstat(fd, &st) != 0 || (unsigned long long)st.st_dev != dev ||
        (unsigned long long)st.st_ino != ino)
        return -1;
    return fd;
}

/* Under `own run`, the descriptor it left open for reports (OWN_RUN_REPORT_FD, its own stderr),
 * when this process still has it: a program run with `2>/dev/null` by a script, or one that
 * closed its stderr and opened a data file in its place, must neither lose its reports nor write
 * them into its data. */
static int own_run_report_fd(void)
{
    return own__run_descriptor("OWN_RUN_REPORT_FD");
}

void own__report_keep_stderr(void)
{
    int from = own_run_report_fd();
    /* High, as shells keep their own descriptors from 10 up; closed on exec, as each program
     * on own's heap makes its own. */
    int fd = fcntl(from >= 0 ? from : 2, F_DUPFD_CLOEXEC, 300);
    if (fd >= 0) report_fd = fd;
}

bool own__started_by_program(void)
{
    const char *program = getenv("OWN_RUN_PID");
    return program && *program && strtol(program, NULL, 10) != (long)getpid();
}

/* What a process is, for a report's note: its program's name, and for an interpreter the script
 * it runs (`bash configure`, `python3 setup.py`), which says more than the interpreter alone. */
static void process_name(char *out, size_t size)
{
    static const char *const interpreters[] = {"sh",   "bash",    "dash",   "zsh",  "ksh",
                                               "perl", "python3", "python", "ruby", "tclsh"};
    snprintf(out, size, "%s", program_invocation_short_name);
    char args[512];
    int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    ssize_t n = read(fd, args, sizeof args - 1);
    close(fd);
    if (n <= 0) return;
    args[n] = 0;
    size_t first = strlen(args) + 1;
    const char *script = first < (size_t)n ? args + first : "";
    if (!*script || *script == '-') return;
    for (size_t i = 0; i < sizeof interpreters / sizeof *interpreters; i++)
        if (!strcmp(program_invocation_short_name, interpreters[i])) {
            snprintf(out, size, "%s %s", program_invocation_short_name, script);
            return;
        }
}

void own__report_key_frames(own_report *r, void *const *frames, unsigned count)
{
    if (r->seen >= 0) return;
    for (unsigned i = 0; i < count; i++)
        r->key = own__report_key_code(r->key, frames[i]);
}

bool own__report_repeated(own_report *r)
{
    if (r->seen < 0) {
        /* A policy that stops the program, or a handler of the program's, sees every report. */
        bool printed_only =
            own__options()->on_error != OWN_ON_ERROR_ABORT && !atomic_load(&error_handler);
        r->seen = printed_only && own__report_seen(r->key);
    }
    return r->seen;
}

void own__report_finish(own_report *r)
{
    if (own__report_repeated(r)) {
        atomic_fetch_add(&error_count, 1);
        return;
    }
    /* Under `own run make`, a report from cc1 would not say whose it is. */
    if (own__started_by_program()) {
        char name[300];
        process_name(name, sizeof name);
        appendf(r, "   = note: in process %d (%s), started by the program own run runs\n",
                (int)getpid(), name);
    }
    atomic_fetch_add(&error_count, 1);
    own_error_handler handler = atomic_load(&error_handler);
    if (handler) {
        own_error error = {r->kind, r->text};
        handler(&error);
        return;
    }
    const own_options *opts = own__options();
    if (opts->on_error == OWN_ON_ERROR_CONTINUE) return; /* counted, not printed */
    int fd = report_fd;
    if (opts->log_path[0]) {
        int log_fd = open(opts->log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (log_fd >= 0) fd = log_fd;
    }
    /* The copy of stderr may have been closed by a program that closes every descriptor. */
    if (!(write_all(fd, r->text, r->length) && write_all(fd, "\n", 1)) && fd == report_fd &&
        fd != 2) {
        write_all(2, r->text, r->length);
        write_all(2, "\n", 1);
    }
    if (fd != report_fd) close(fd);
    if (opts->on_error == OWN_ON_ERROR_ABORT) abort();
}
