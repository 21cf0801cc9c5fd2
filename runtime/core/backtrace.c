/* backtrace.c: OWN_OPTIONS=backtrace=1 — the call stacks behind a report.
 *
 * A site (file:line in function) names the call into libown; in a deep program the question is
 * often who called *that*. With the option on, a report shows the stack of the error, and owned
 * blocks keep the stacks of their allocation and drop (runtime/owner/traces.c).
 *
 * Capturing uses libunwind's unw_backtrace: a walk of the frames that neither allocates nor takes
 * a lock, so it is safe inside the heap's own paths. Naming the frames uses elfutils' libdwfl
 * (function, file:line from the DWARF line table) only when a report is written, in one session
 * that lists the modules again at each report, so that libraries loaded since are found. libdwfl
 * allocates; a report from inside the heap (own_free of a bad pointer) has not changed the heap
 * yet, so that is safe too, and a report made while naming frames (a nested one) prints addresses
 * instead. */
#define _GNU_SOURCE
#include <elfutils/libdwfl.h>
#include <libunwind.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "core.h"

unsigned own__backtrace_capture(void **frames, unsigned max)
{
    int n = unw_backtrace(frames, (int)max);
    return n > 0 ? (unsigned)n : 0;
}

/* libown's own frames lead every stack captured inside it: the stack shown starts at the frame
 * that called into libown. When libown is a shared object, its frames are those in its module;
 * linked statically, the last leading frame named own_ (the API entry) ends them. The inline API
 * of owner.h, compiled into the caller's module, is left out too. */
static unsigned first_caller_frame(Dwfl *dwfl, void *const *frames, unsigned count)
{
    Dwfl_Module *own_module = dwfl_addrmodule(dwfl, (Dwarf_Addr)(uintptr_t)&first_caller_frame);
    /* Seen from a shared libown, the program's main is not exported: the weak reference is NULL. */
    extern int main(void) __attribute__((weak));
    Dwfl_Module *main_module = main ? dwfl_addrmodule(dwfl, (Dwarf_Addr)(uintptr_t)main) : NULL;
    unsigned first = 0;
    for (unsigned i = 0; i < count && i < OWN_BACKTRACE_FRAMES; i++) {
        Dwarf_Addr pc = (Dwarf_Addr)(uintptr_t)frames[i] - (i ? 1 : 0);
        Dwfl_Module *module = dwfl_addrmodule(dwfl, pc);
        const char *function = module ? dwfl_module_addrname(module, pc) : NULL;
        bool api = function && !strncmp(function, "own_", 4); /* also the header's inline ones */
        if (own_module && own_module != main_module) {
            if (module != own_module && !api) return i;
            continue;
        }
        if (api) first = i + 1;
    }
    return first < count ? first : 0;
}

/* A source path as DWARF has it (absolute, as compiled), shortened to be relative to the
 * working directory when it lies under it. */
static const char *shorter_path(const char *file, const char *cwd, size_t cwd_length)
{
    if (cwd_length && !strncmp(file, cwd, cwd_length) && file[cwd_length] == '/')
        return file + cwd_length + 1;
    return file;
}

static __thread bool naming; /* a report made while frames are being named */

/* One session serves every report of the process: the debug information of a module, read
 * and decompressed at its first report (libc's takes tens of milliseconds), stays for the next
 * ones, of which a leak scan makes one per allocation site. Each report lists the modules again,
 * which keeps those still mapped, with what was read of them, and adds those loaded since. A
 * report that finds the session busy in another thread (or held by a thread that forked) opens
 * one of its own, as every report once did. */
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static Dwfl *shared;

static const Dwfl_Callbacks *callbacks(void)
{
    static char *debuginfo_path;
    static const Dwfl_Callbacks those = {
        .find_elf = dwfl_linux_proc_find_elf,
        .find_debuginfo = dwfl_standard_find_debuginfo,
        .debuginfo_path = &debuginfo_path,
    };
    return &those;
}

static bool report_modules(Dwfl *dwfl)
{
    dwfl_report_begin(dwfl);
    return dwfl_linux_proc_report(dwfl, getpid()) == 0 && dwfl_report_end(dwfl, NULL, NULL) == 0;
}

static Dwfl *open_session(void)
{
    if (pthread_mutex_trylock(&shared_lock) == 0) {
        if (!shared) shared = dwfl_begin(callbacks());
        if (shared && report_modules(shared)) return shared;
        pthread_mutex_unlock(&shared_lock);
    }
    Dwfl *dwfl = dwfl_begin(callbacks());
    if (dwfl && !report_modules(dwfl)) {
        dwfl_end(dwfl);
        return NULL;
    }
    return dwfl;
}

static void close_session(Dwfl *dwfl)
{
    if (!dwfl) return;
    if (dwfl == shared)
        pthread_mutex_unlock(&shared_lock);
    else
        dwfl_end(dwfl);
}

/* What the debug information says of a code address: function, source file:line, object. */
typedef struct code_place {
    const char *function, *file, *object;
    int line;
} code_place;

static code_place place_of(Dwfl *dwfl, Dwarf_Addr pc, const char *cwd)
{
    code_place at = {NULL, NULL, NULL, 0};
    Dwfl_Module *module = dwfl ? dwfl_addrmodule(dwfl, pc) : NULL;
    if (!module) return at;
    at.function = dwfl_module_addrname(module, pc);
    Dwfl_Line *line = dwfl_module_getsrc(module, pc);
    at.file = line ? dwfl_lineinfo(line, NULL, &at.line, NULL, NULL, NULL) : NULL;
    if (at.file) at.file = shorter_path(at.file, cwd, strlen(cwd));
    at.object = dwfl_module_info(module, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    return at;
}

/* One "#N function at file:line" line; returns the function's name (NULL when unknown). */
static const char *append_frame(own_report *r, Dwfl *dwfl, unsigned index, void *frame,
                                bool is_return, const char *cwd)
{
    /* A return address points after the call: look up the call instruction itself. */
    code_place at = place_of(dwfl, (Dwarf_Addr)(uintptr_t)frame - (is_return ? 1 : 0), cwd);
    char where[320] = "";
    if (at.file) {
        snprintf(where, sizeof where, " at %s:%d", at.file, at.line);
    } else if (at.object) {
        const char *slash = strrchr(at.object, '/');
        snprintf(where, sizeof where, " in %s", slash ? slash + 1 : at.object);
    }
    own__report_line(r, "      #%u %s%s", index, at.function ? at.function : "??", where);
    /* No module maps the address any more: the stack was kept from a library since unloaded
     * (dlclose), or it ran code made at run time. */
    if (dwfl && !at.object)
        own__report_line(r, "         (%p, in no module loaded now: unloaded since, or generated)",
                         frame);
    else if (!at.function && !at.file)
        own__report_line(r, "         (%p)", frame);
    return at.function;
}

bool own__describe_code(const void *code, char *out, size_t size)
{
    if (naming) return false;
    naming = true;
    Dwfl *dwfl = open_session();
    char cwd[256];
    if (!getcwd(cwd, sizeof cwd)) cwd[0] = 0;
    /* a return address: the call before it */
    code_place at = place_of(dwfl, (Dwarf_Addr)(uintptr_t)code - 1, cwd);
    if (at.file && at.function)
        snprintf(out, size, "%s:%d in %s", at.file, at.line, at.function);
    else if (at.file)
        snprintf(out, size, "%s:%d", at.file, at.line);
    else if (at.function)
        snprintf(out, size, "%s", at.function);
    close_session(dwfl);
    naming = false;
    return at.function || at.file;
}

void own__report_backtrace(own_report *r, const char *title, void *const *frames, unsigned count)
{
    if (!count) return;
    bool nested = naming; /* a report made while naming frames: addresses only */
    naming = true;
    Dwfl *dwfl = nested ? NULL : open_session();
    char cwd[256];
    if (!getcwd(cwd, sizeof cwd)) cwd[0] = 0;
    own__report_line(r, "   = %s:", title);
    unsigned shown = 0;
    for (unsigned i = dwfl ? first_caller_frame(dwfl, frames, count) : 0;
         i < count && shown < OWN_BACKTRACE_SHOWN; i++) {
        const char *function = append_frame(r, dwfl, shown++, frames[i], i > 0, cwd);
        if (function && !strcmp(function, "main")) break; /* what runs main is no news */
    }
    close_session(dwfl);
    naming = nested;
}
