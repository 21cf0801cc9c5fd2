/* trace_calls.h: the calls into libunwind (capture a stack) and libdw's libdwfl (name it), as a
 * table. libown links both libraries and fills the table at link time; libown-malloc.so does
 * not depend on them and finds them where they are (trace_calls.c). Internal to libown. */
#ifndef OWN_CORE_TRACE_CALLS_H
#define OWN_CORE_TRACE_CALLS_H

#include <elfutils/libdwelf.h>
#include <elfutils/libdwfl.h>
#include <gelf.h>
#define UNW_LOCAL_ONLY /* this process's own frames: libunwind's fast local unwinder */
#include <libunwind.h>

#include "core.h"

typedef struct own__trace_calls {
    __typeof__(unw_backtrace) *backtrace;
    __typeof__(unw_tdep_getcontext) *getcontext;
    __typeof__(unw_init_local) *init_local;
    __typeof__(unw_step) *step;
    __typeof__(unw_get_reg) *get_reg;
    __typeof__(dwfl_begin) *begin;
    __typeof__(dwfl_end) *end;
    __typeof__(dwfl_report_begin) *report_begin;
    __typeof__(dwfl_report_module) *report_module;
    __typeof__(dwfl_report_end) *report_end;
    __typeof__(dwfl_addrmodule) *addrmodule;
    __typeof__(dwfl_module_addrname) *module_addrname;
    __typeof__(dwfl_module_getsrc) *module_getsrc;
    __typeof__(dwfl_lineinfo) *lineinfo;
    __typeof__(dwfl_module_info) *module_info;
    __typeof__(dwfl_linux_proc_find_elf) *linux_proc_find_elf;
    __typeof__(dwfl_standard_find_debuginfo) *standard_find_debuginfo;
    __typeof__(dwfl_build_id_find_debuginfo) *build_id_find_debuginfo;
    __typeof__(dwfl_module_build_id) *module_build_id;
    __typeof__(dwelf_elf_gnu_build_id) *elf_gnu_build_id;
    /* libelf's, found through libdw, which depends on it: debug_cache.c's copies. */
    __typeof__(elf_begin) *elf_begin;
    __typeof__(elf_nextscn) *elf_nextscn;
    __typeof__(gelf_getshdr) *gelf_getshdr;
    __typeof__(elf_compress) *elf_compress;
    __typeof__(elf_update) *elf_update;
    __typeof__(elf_end) *elf_end;
} own__trace_calls;

/* The table in use for capturing stacks (libunwind's calls); NULL when none can be captured
 * (libown-malloc.so with libunwind neither preloaded nor loaded yet). */
own_internal const own__trace_calls *own__trace_calls_found(void);
/* The table with libdw's calls too, for naming frames: loads libdw the first time it is asked;
 * NULL when it cannot be had. */
own_internal const own__trace_calls *own__trace_names_found(void);
/* The callbacks a libdwfl session of that table starts with. */
own_internal const Dwfl_Callbacks *own__trace_callbacks(void);

/* debug_cache.c: where a module's separate debug information is found, an inflated copy stands
 * in for a compressed file. _find: the copy made before, opened, its path put in *found (else
 * -1); _add: given the file found, `fd`, a copy made of it if it is compressed and its
 * descriptor returned in place of `fd` (else `fd`). */
own_internal int own__debug_cache_find(Dwfl_Module *module, char **found);
own_internal int own__debug_cache_add(Dwfl_Module *module, int fd, char **found);
/* debug_link.c: the module's debug file named by its .gnu_debuglink `link`, looked for beside
 * `file` (the module's path), in .debug/ there and under /usr/lib/debug, opened, its path put in
 * *found; -1 when none has the module's build ID. */
own_internal int own__debug_link_find(Dwfl_Module *module, const char *file, const char *link,
                                      char **found);

#endif
