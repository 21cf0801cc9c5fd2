/* core.h: what every layer of libown shares — settings from OWN_OPTIONS, thread numbers, the
 * report writer and the compiler hints. Nothing here allocates: the heap itself uses it. */
#ifndef OWN_CORE_H
#define OWN_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <own/report.h>

#define own_likely(x)   __builtin_expect(!!(x), 1)
#define own_unlikely(x) __builtin_expect(!!(x), 0)
#define own_internal    __attribute__((visibility("hidden")))

#ifdef OWN_DEBUG
#include <assert.h>
#define own_assert(cond) assert(cond)
#else
#define own_assert(cond) ((void)0)
#endif

/* ---- Settings (OWN_OPTIONS=key=value:key=value) ----------------------------------------- */

enum own_on_error_policy { OWN_ON_ERROR_ABORT, OWN_ON_ERROR_LOG, OWN_ON_ERROR_CONTINUE };

typedef struct own_options {
    int on_error;      /* enum own_on_error_policy; abort is the default */
    int exitcode;      /* status used by `own run` when an error was reported (23) */
    bool leaks;        /* list leaked owned blocks at exit (1) */
    bool stats;        /* print heap statistics at exit (0) */
    bool check_shared; /* watch shared-borrowed blocks for writes (0): runtime/owner/contents.c */
    bool backtrace;    /* call stacks in reports (0): runtime/core/backtrace.c */
    bool checked;      /* libown-malloc.so's checked heap (0): runtime/preload/checked.h */
    bool debug_cache;  /* inflated copies of compressed debug files (1): core/debug_cache.c */
    size_t quarantine_size; /* bytes of freed blocks the checked heap holds back (64 MiB) */
    size_t stack_size;      /* capacity of each thread's frame stack in bytes (8 MiB) */
    char log_path[256];     /* reports go here instead of stderr when set */
} own_options;

/* Parsed once, on first use, from the environment; never allocates. */
own_internal const own_options *own__options(void);
/* Parses `text` into *opts (exposed for tests, and compiled into `own run`, which refuses a bad
 * OWN_OPTIONS before it starts the program). A bad setting is skipped and the others apply;
 * returns false then, naming the first bad one in `error`. */
own_internal bool own__options_parse(own_options *opts, const char *text, char *error,
                                     size_t error_size);
/* What a message about a bad setting lists. */
#define OWN_OPTIONS_KEYS                                                                           \
    "keys: on_error=abort|log|continue, log_path=FILE, leaks=0|1, stats=0|1, check_shared=0|1, "   \
    "backtrace=0|1, checked=0|1, debug_cache=0|1, quarantine_size=N[k|m|g], exitcode=N, "          \
    "stack_size=N[k|m|g]"

/* ---- Threads ----------------------------------------------------------------------------- */

/* A small number per thread, in order of first use (the first thread is 1), for reports. */
own_internal unsigned own__thread_number(void);

/* ---- Reports (the format of DESIGN.md) --------------------------------------------------- */

/* Where something happened: a source site recorded by a macro, or a code address. */
typedef struct own_site {
    const char *file;
    int line;
    const char *function;
    unsigned thread;
    const void *code; /* return address when file is NULL (plain malloc/free callers) */
} own_site;

typedef struct own_report {
    char text[4096];
    size_t length;
    const char *kind;
    uint64_t key; /* where it happened, so far (report_seen.c) */
    int seen;     /* -1 not asked yet; else whether an earlier report had the key */
} own_report;

/* error[KIND]: message */
own_internal void own__report_begin(own_report *r, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A report whose text is already in the format (own_leaks'), keyed by all of it. */
own_internal void own__report_begin_formatted(own_report *r, const char *kind, const char *text,
                                              size_t length);
/*   --> file:line in function (thread N) */
own_internal void own__report_at(own_report *r, const own_site *site);
/*    = note: WHAT at file:line in function (thread N) */
own_internal void own__report_note(own_report *r, const char *what, const own_site *site);
/*   --> file:line in function (thread N), without the stack of the moment: for errors found by a
 * later check (a redzone at exit, a leak), where the stack of the check says nothing. */
own_internal void own__report_found_at(own_report *r, const own_site *site);
/* Any other line, as given. */
own_internal void own__report_line(own_report *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* ---- Backtraces (backtrace.c), with OWN_OPTIONS=backtrace=1 ------------------------------ */
#define OWN_BACKTRACE_FRAMES 24 /* frames captured */
#define OWN_BACKTRACE_SHOWN  12 /* frames printed, libown's own left out */
/* Where libunwind is neither linked nor preloaded (libown-malloc.so on its own), loads it out of
 * the global scope (libdw waits for the first report: trace_calls.c). For a constructor; says on
 * stderr when it is missing. */
own_internal void own__backtrace_load(void);
/* The calling thread's return addresses, innermost first; frames[0] is the caller's own pc. */
own_internal unsigned own__backtrace_capture(void **frames, unsigned max);
/* The frames that called the caller, outermost last: each one's return address and stack pointer
 * (what unw_step finds); 0 when libunwind is not there. */
own_internal unsigned own__stack_walk(uintptr_t *pcs, uintptr_t *sps, unsigned max);
/* "file:line in function" of a return address (the call before it), from the debug information;
 * false when nothing is known of it. */
own_internal bool own__describe_code(const void *code, char *out, size_t size);
/* "   = TITLE:" and one line per frame, "#N function at file:line", libown's frames left out. */
own_internal void own__report_backtrace(own_report *r, const char *title, void *const *frames,
                                        unsigned count);

/* From now on, reports go to a copy of stderr taken now, so that those made at exit still reach
 * the user when the program closed its stderr (as coreutils do in their exit handlers). */
own_internal void own__report_keep_stderr(void);

/* Under `own run`, whether this process is not the program it runs but one the program started
 * (OWN_RUN_PID names the program's process): its reports then say which process made them. */
own_internal bool own__started_by_program(void);

/* A descriptor `own run` left open for the processes of the run, named by `variable` as
 * FD:DEV:INO, if this process still has it: the device and inode tell it from another that took
 * its number after the program closed it. -1 otherwise. */
own_internal int own__run_descriptor(const char *variable);

/* ---- Reports made before (report_seen.c), under `own run` -------------------------------- */
#define OWN_SEEN_SLOTS 8192u /* keys of one run; a power of two */
/* A key mixed with a text, or with a code address as its module and offset. */
own_internal uint64_t own__report_key_text(uint64_t key, const char *text);
own_internal uint64_t own__report_key_code(uint64_t key, const void *code);
/* Whether a report with this key was made before in the run (then counted as a repeat); records
 * it otherwise. Always false outside `own run`. */
own_internal bool own__report_seen(uint64_t key);
/* Adds a call stack to the key of `r` (until it is looked up): a stack the report shows only
 * with backtrace=1 still tells two reports apart (two leaks through one xmalloc). */
own_internal void own__report_key_frames(own_report *r, void *const *frames, unsigned count);
/* Whether `r` repeats a report made before: its key as it stands is looked up the first time
 * this is asked (own__report_backtrace asks before it names frames, own__report_finish before
 * it prints). A repeat is counted as an error and not printed. */
own_internal bool own__report_repeated(own_report *r);
/* Reports this process did not print, as repeats. */
own_internal unsigned long own__report_repeats(void);

/* Writes the report and applies the policy: the handler, else abort / log / continue. */
own_internal void own__report_finish(own_report *r);

#endif
