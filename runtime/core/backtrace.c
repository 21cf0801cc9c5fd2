/* backtrace.c: OWN_OPTIONS=backtrace=1 — the call stacks behind a report.
 *
 * A site (file:line in function) names the call into libown; in a deep program the question is
 * often who called *that*. With the option on, a report shows the stack of the error, and owned
 * blocks keep the stacks of their allocation and drop (runtime/owner/traces.c).
 *
 * Capturing uses libunwind's unw_backtrace: a walk of the frames that neither allocates nor takes
 * a lock, so it is safe inside the heap's own paths. Both libraries are reached through a table,
 * as libown-malloc.so does not depend on them (trace_calls.c). Naming the frames uses elfutils'
 * libdwfl (function, file:line from the DWARF line table) only when a report is written, in one
 * session that lists the modules again at each report, so that libraries loaded since are found.
 * libdwfl allocates; a report from inside the heap (own_free of a bad pointer) has not changed the
 * heap yet, so that is safe too, and a report made while naming frames (a nested one) prints
 * addresses instead. */
#define _GNU_SOURCE
#include <limits.h>
#include <link.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trace_calls.h"

unsigned own__stack_walk(uintptr_t *pcs, uintptr_t *sps, unsigned max)
{
    const own__trace_calls *call = own__trace_calls_found();
    unw_context_t context;
    unw_cursor_t cursor;
    if (!call || call->getcontext(&context) || call->init_local(&cursor, &context)) return 0;
    unsigned count = 0;
    while (count < max && call->step(&cursor) > 0) {
        unw_word_t pc, sp;
        if (call->get_reg(&cursor, UNW_REG_IP, &pc) || call->get_reg(&cursor, UNW_REG_SP, &sp))
            break;
        pcs[count] = (uintptr_t)pc;
        sps[count++] = (uintptr_t)sp;
    }
    return count;
}

/* The module that maps `pc`. libdwfl's own lookup may answer with the module before a gap (an
 * address of a library unloaded since, just past another one's end): its range decides. */
static Dwfl_Module *module_of(Dwfl *dwfl, Dwarf_Addr pc)
{
    const own__trace_calls *call = own__trace_names_found();
    Dwfl_Module *module = call->addrmodule(dwfl, pc);
    Dwarf_Addr start, end;
    if (!module || !call->module_info(module, NULL, &start, &end, NULL, NULL, NULL, NULL) ||
        pc < start || pc >= end)
        return NULL;
    return module;
}

unsigned own__backtrace_capture(void **frames, unsigned max)
{
    const own__trace_calls *call = own__trace_calls_found();
    int n = call ? call->backtrace(frames, (int)max) : 0;
    return n > 0 ? (unsigned)n : 0;
}

/* libown's own frames lead every stack captured inside it: the stack shown starts at the frame
 * that called into libown. When libown is a shared object, its frames are those in its module;
 * linked statically, the last leading frame named own_ (the API entry) ends them. The inline API
 * of owner.h, compiled into the caller's module, is left out too. */
static unsigned first_caller_frame(Dwfl *dwfl, void *const *frames, unsigned count)
{
    const own__trace_calls *call = own__trace_names_found();
    Dwfl_Module *own_module = module_of(dwfl, (Dwarf_Addr)(uintptr_t)&first_caller_frame);
    /* Seen from a shared libown, the program's main is not exported: the weak reference is NULL. */
    extern int main(void) __attribute__((weak));
    Dwfl_Module *main_module = main ? module_of(dwfl, (Dwarf_Addr)(uintptr_t)main) : NULL;
    unsigned first = 0;
    for (unsigned i = 0; i < count && i < OWN_BACKTRACE_FRAMES; i++) {
        Dwarf_Addr pc = (Dwarf_Addr)(uintptr_t)frames[i] - (i ? 1 : 0);
        Dwfl_Module *module = module_of(dwfl, pc);
        const char *function = module ? call->module_addrname(module, pc) : NULL;
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

/* One loaded object as a module: its name as an absolute path (the main program's is
 * /proc/self/exe's), its range from its loadable segments, page-aligned as mapped. */
static int report_object(struct dl_phdr_info *object, size_t size, void *dwfl)
{
    (void)size;
    uintptr_t low = UINTPTR_MAX, high = 0;
    for (unsigned i = 0; i < object->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &object->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD) continue;
        uintptr_t start = object->dlpi_addr + segment->p_vaddr;
        if (start < low) low = start;
        if (start + segment->p_memsz > high) high = start + segment->p_memsz;
    }
    char path[PATH_MAX];
    const char *name = object->dlpi_name;
    bool main_program = !name || !*name;
    if (high <= low || !realpath(main_program ? "/proc/self/exe" : name, path))
        return 0; /* the vDSO, which is no file, or a file gone since */
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    own__trace_names_found()->report_module(dwfl, path, low & ~(page - 1),
                                            (high + page - 1) & ~(page - 1));
    return 0;
}

/* The modules, as the dynamic loader lists its objects. Not from /proc/self/maps: there a
 * file libdw itself mapped to read it, next to where the loader mapped it, looks like one
 * longer mapping, and the module it makes has a range (and a load address) that is wrong. */
static bool report_modules(Dwfl *dwfl)
{
    const own__trace_calls *call = own__trace_names_found();
    call->report_begin(dwfl);
    dl_iterate_phdr(report_object, dwfl);
    return call->report_end(dwfl, NULL, NULL) == 0;
}

static Dwfl *open_session(void)
{
    const own__trace_calls *call = own__trace_names_found();
    if (!call) return NULL;
    if (pthread_mutex_trylock(&shared_lock) == 0) {
        if (!shared) shared = call->begin(own__trace_callbacks());
        if (shared && report_modules(shared)) return shared;
        pthread_mutex_unlock(&shared_lock);
    }
    Dwfl *dwfl = call->begin(own__trace_callbacks());
    if (dwfl && !report_modules(dwfl)) {
        call->end(dwfl);
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
        own__trace_names_found()->end(dwfl);
}

/* What the debug information says of a code address: function, source file:line, object. */
typedef struct code_place {
    const char *function, *file, *object;
    int line;
} code_place;

static code_place place_of(Dwfl *dwfl, Dwarf_Addr pc, const char *cwd)
{
    code_place at = {NULL, NULL, NULL, 0};
    Dwfl_Module *module = dwfl ? module_of(dwfl, pc) : NULL;
    if (!module) return at;
    const own__trace_calls *call = own__trace_names_found();
    at.function = call->module_addrname(module, pc);
    Dwfl_Line *line = call->module_getsrc(module, pc);
    at.file = line ? call->lineinfo(line, NULL, &at.line, NULL, NULL, NULL) : NULL;
    if (at.file) at.file = shorter_path(at.file, cwd, strlen(cwd));
    at.object = call->module_info(module, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
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
    own__report_key_frames(r, frames, count);
    if (own__report_repeated(r)) return; /* not printed: not worth naming */
    bool nested = naming;                /* a report made while naming frames: addresses only */
    naming = true;
    Dwfl *dwfl = nested ? NULL : open_session();
    char cwd[256];
    if (!getcwd(cwd, sizeof cwd)) cwd[0] = 0;
    own__report_line(r, "   = %s:", title);
    unsigned shown = 0;
    /* libown-malloc.so's own frames further out (the start routine its pthread_create runs each
     * thread through, threads.c) are no part of the program's story either. */
    extern int main(void) __attribute__((weak));
    Dwfl_Module *own_module =
        dwfl ? module_of(dwfl, (Dwarf_Addr)(uintptr_t)&own__report_backtrace) : NULL;
    if (own_module && main && own_module == module_of(dwfl, (Dwarf_Addr)(uintptr_t)main))
        own_module = NULL; /* libown linked into the program: its module is the program's */
    for (unsigned i = dwfl ? first_caller_frame(dwfl, frames, count) : 0;
         i < count && shown < OWN_BACKTRACE_SHOWN; i++) {
        if (own_module && i > 0 &&
            module_of(dwfl, (Dwarf_Addr)(uintptr_t)frames[i] - 1) == own_module)
            continue;
        const char *function = append_frame(r, dwfl, shown++, frames[i], i > 0, cwd);
        if (function && !strcmp(function, "main")) break; /* what runs main is no news */
    }
    close_session(dwfl);
    naming = nested;
}
