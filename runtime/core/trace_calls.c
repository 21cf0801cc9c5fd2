/* trace_calls.c: where libown finds libunwind and libdw. Neither is a dependency of
 * libown-malloc.so, whose users mostly want a malloc: their pages would be most of a small
 * program's resident memory, and libunwind, in the global scope, would stand in for libgcc's
 * unwinder and glibc's backtrace(). So this file is built twice (runtime/CMakeLists.txt):
 * - for libown (and libown.a), linked to both, the table is filled at link time;
 * - for libown-malloc.so, its references are weak: libunwind's are filled when `own run` preloads
 *   it beside the library (cli/run.c), so that the first allocation already has its stack, else
 *   the library's constructor loads it privately, with RTLD_LOCAL (own__backtrace_load); libdw is
 *   loaded the same way by the first report that names frames (own__trace_names_found). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace_calls.h"

/* In libown-malloc.so, weak: null where neither library is preloaded. (Weak references alone
 * would not keep a library linked as needed in libown, so there they are strong.) */
#ifdef OWN_TRACE_LIBS_OPTIONAL
#define WEAK(call) extern __typeof__(call) call __attribute__((weak))
WEAK(unw_backtrace);
WEAK(unw_tdep_getcontext);
WEAK(unw_init_local);
WEAK(unw_step);
WEAK(unw_get_reg);
WEAK(dwfl_begin);
WEAK(dwfl_end);
WEAK(dwfl_report_begin);
WEAK(dwfl_report_module);
WEAK(dwfl_report_end);
WEAK(dwfl_addrmodule);
WEAK(dwfl_module_addrname);
WEAK(dwfl_module_getsrc);
WEAK(dwfl_lineinfo);
WEAK(dwfl_module_info);
WEAK(dwfl_linux_proc_find_elf);
WEAK(dwfl_standard_find_debuginfo);
WEAK(dwfl_build_id_find_debuginfo);
WEAK(dwfl_module_build_id);
WEAK(dwelf_elf_gnu_build_id);
WEAK(elf_begin);
WEAK(elf_nextscn);
WEAK(gelf_getshdr);
WEAK(elf_compress);
WEAK(elf_update);
WEAK(elf_end);
#endif

#define NAME_OF(call) #call
#define NAME(call)    NAME_OF(call) /* the name libunwind's macros give the call */

/* In the order of trace_calls, as the libraries export them; libunwind's first. */
#define UNWIND_CALLS 5
static const char *const call_names[] = {
    "unw_backtrace",
    NAME(unw_tdep_getcontext),
    NAME(unw_init_local),
    NAME(unw_step),
    NAME(unw_get_reg),
    "dwfl_begin",
    "dwfl_end",
    "dwfl_report_begin",
    "dwfl_report_module",
    "dwfl_report_end",
    "dwfl_addrmodule",
    "dwfl_module_addrname",
    "dwfl_module_getsrc",
    "dwfl_lineinfo",
    "dwfl_module_info",
    "dwfl_linux_proc_find_elf",
    "dwfl_standard_find_debuginfo",
    "dwfl_build_id_find_debuginfo",
    "dwfl_module_build_id",
    "dwelf_elf_gnu_build_id",
    "elf_begin",
    "elf_nextscn",
    "gelf_getshdr",
    "elf_compress",
    "elf_update",
    "elf_end",
};
_Static_assert(sizeof call_names / sizeof *call_names ==
                   sizeof(own__trace_calls) / sizeof(void (*)(void)),
               "a name for every call");

static const own__trace_calls linked = {
    unw_backtrace,
    unw_tdep_getcontext,
    unw_init_local,
    unw_step,
    unw_get_reg,
    dwfl_begin,
    dwfl_end,
    dwfl_report_begin,
    dwfl_report_module,
    dwfl_report_end,
    dwfl_addrmodule,
    dwfl_module_addrname,
    dwfl_module_getsrc,
    dwfl_lineinfo,
    dwfl_module_info,
    dwfl_linux_proc_find_elf,
    dwfl_standard_find_debuginfo,
    dwfl_build_id_find_debuginfo,
    dwfl_module_build_id,
    dwelf_elf_gnu_build_id,
    elf_begin,
    elf_nextscn,
    gelf_getshdr,
    elf_compress,
    elf_update,
    elf_end,
};
static own__trace_calls loaded;

/* Where a module's separate debug information is looked for. libdw's standard search ends, for
 * a module with none installed (most programs), in its debuginfod client: it loads
 * libdebuginfod, and with it libcurl, GnuTLS and a dozen more libraries, into the process that
 * reports, which costs more than the rest of the report (tens of milliseconds in each process
 * of `own run make`). So the standard search, debuginfod included, only when the user named
 * debuginfod servers (DEBUGINFOD_URLS); else the build ID's file under /usr/lib/debug, where
 * Debian's -dbg and -dbgsym packages put it, or the file the module's .gnu_debuglink names
 * (debug_link.c). Either way, an inflated copy of a compressed one when there is one
 * (debug_cache.c). */
static int find_debuginfo(Dwfl_Module *module, void **data, const char *name, Dwarf_Addr base,
                          const char *file, const char *debuglink, GElf_Word crc, char **found)
{
    const own__trace_calls *call = own__trace_names_found();
    int fd = own__debug_cache_find(module, found);
    if (fd >= 0) return fd;
    const char *servers = getenv("DEBUGINFOD_URLS");
    if (servers && *servers)
        fd = call->standard_find_debuginfo(module, data, name, base, file, debuglink, crc, found);
    else
        fd = call->build_id_find_debuginfo(module, data, name, base, file, debuglink, crc, found);
    if (fd < 0 && !(servers && *servers)) fd = own__debug_link_find(module, file, debuglink, found);
    return fd < 0 ? fd : own__debug_cache_add(module, fd, found);
}

static char *debuginfo_path;
static const Dwfl_Callbacks linked_callbacks = {
    .find_elf = dwfl_linux_proc_find_elf,
    .find_debuginfo = find_debuginfo,
    .debuginfo_path = &debuginfo_path,
};
static Dwfl_Callbacks loaded_callbacks = {.find_debuginfo = find_debuginfo,
                                          .debuginfo_path = &debuginfo_path};
/* Each half of `loaded` is published once found: libunwind's by own__backtrace_load, libdw's
 * (with libelf's) at the first report that names frames. */
static _Atomic bool unwind_loaded, names_loaded;
static _Atomic int names_tried; /* 0 not yet, 1 being loaded, 2 done (found or not) */

/* Copies the calls [first, last) of call_names into `loaded`, from `library` (a dlopen handle,
 * searched with its dependencies) or, where NULL, from what the references found; false if one
 * is missing. */
static bool find_calls(void *library, size_t first, size_t last)
{
    void (**slot)(void) = (void (**)(void))(void *)&loaded;
    void (*const *known)(void) = (void (*const *)(void))(const void *)&linked;
    for (size_t i = first; i < last; i++) {
        void *call = library ? dlsym(library, call_names[i]) : (void *)(uintptr_t)known[i];
        if (!call) return false;
        memcpy(&slot[i], &call, sizeof call);
    }
    return true;
}

#define ALL_CALLS (sizeof call_names / sizeof *call_names)

/* The table for capturing stacks; NULL when libunwind is not there. */
const own__trace_calls *own__trace_calls_found(void)
{
    if (linked.backtrace && linked.begin) return &linked; /* libown, or both preloaded */
    return atomic_load_explicit(&unwind_loaded, memory_order_acquire) ? &loaded : NULL;
}

/* libunwind, from a constructor (dlopen is not for the middle of a malloc, and the stacks of
 * allocations are wanted from the start): the references when `own run` preloaded it, else
 * loaded here with RTLD_LOCAL, out of the global scope. */
void own__backtrace_load(void)
{
    if (own__trace_calls_found()) return;
    void *unwind = linked.backtrace ? NULL : dlopen(OWN_UNWIND_SONAME, RTLD_NOW | RTLD_LOCAL);
    if ((linked.backtrace || unwind) && find_calls(unwind, 0, UNWIND_CALLS)) {
        atomic_store_explicit(&unwind_loaded, true, memory_order_release);
        return;
    }
    /* Reports still come, with their sites as addresses and without stacks. */
    const char *why = dlerror();
    fprintf(stderr, "own: the stacks in reports need %s, which could not be loaded%s%s\n",
            OWN_UNWIND_SONAME, why ? ": " : "", why ? why : "");
    if (unwind) dlclose(unwind);
}

/* libdw is only for naming frames, which a process that reports nothing never does, and loading
 * it with the libraries it needs (libelf, zlib, liblzma, libbz2, libzstd) cost about 1 ms per
 * process — under `own run make`, per compiler run. So it is loaded, privately, by the first
 * report that names frames. That report may come from inside free() or from the SIGSEGV handler
 * of a guarded block: its dlopen allocates, which the checked heap allows there (a report has not
 * changed the heap), and takes the loader's lock, which is recursive should the program's thread
 * hold it already. */
const own__trace_calls *own__trace_names_found(void)
{
    if (linked.backtrace && linked.begin) return &linked;
    if (!atomic_load_explicit(&unwind_loaded, memory_order_acquire)) return NULL;
    int tried = 0;
    if (atomic_compare_exchange_strong(&names_tried, &tried, 1)) {
        void *dw = linked.begin ? NULL : dlopen(OWN_DW_SONAME, RTLD_NOW | RTLD_LOCAL);
        if ((linked.begin || dw) && find_calls(dw, UNWIND_CALLS, ALL_CALLS)) {
            loaded_callbacks.find_elf = loaded.linux_proc_find_elf;
            atomic_store_explicit(&names_loaded, true, memory_order_release);
        } else {
            const char *why = dlerror();
            fprintf(stderr,
                    "own: naming the frames of reports needs %s, which could not be "
                    "loaded%s%s\n",
                    OWN_DW_SONAME, why ? ": " : "", why ? why : "");
        }
        atomic_store_explicit(&names_tried, 2, memory_order_release);
    }
    /* Another thread loading it: this report shows addresses rather than wait in a report. */
    return atomic_load_explicit(&names_loaded, memory_order_acquire) ? &loaded : NULL;
}

const Dwfl_Callbacks *own__trace_callbacks(void)
{
    return linked.backtrace && linked.begin ? &linked_callbacks : &loaded_callbacks;
}
