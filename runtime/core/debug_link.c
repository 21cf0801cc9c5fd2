/* debug_link.c: a module's separate debug information found by its .gnu_debuglink, where
 * `objcopy --only-keep-debug` and `--add-gnu-debuglink` put it: beside the file, in `.debug/`
 * beside it, or under /usr/lib/debug at the file's own path (as gdb looks).
 *
 * libdw's standard search does this too, but ends in its debuginfod client, which loads libcurl
 * and a dozen more libraries into the process that reports (trace_calls.c uses it only when
 * DEBUGINFOD_URLS names servers). A file found by its name is taken only when its build ID is
 * the module's: a stale copy of the debug file of an earlier build would name frames wrongly. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trace_calls.h"

/* Whether the ELF file `fd` has the build ID `id` of `len` bytes. */
static bool has_build_id(int fd, const unsigned char *id, int len)
{
    const own__trace_calls *call = own__trace_names_found();
    Elf *elf = call->elf_begin(fd, ELF_C_READ_MMAP, NULL);
    const void *found = NULL;
    bool same = elf && call->elf_gnu_build_id(elf, &found) == len && !memcmp(found, id, len);
    if (elf) call->elf_end(elf);
    return same;
}

int own__debug_link_find(Dwfl_Module *module, const char *file, const char *link, char **found)
{
    const own__trace_calls *call = own__trace_names_found();
    const unsigned char *id;
    GElf_Addr where;
    int len = call->module_build_id(module, &id, &where);
    if (!file || !link || !*link || strchr(link, '/') || len <= 0) return -1;
    const char *slash = strrchr(file, '/');
    int dir = slash ? (int)(slash - file) : 0;
    const char *base = slash ? "" : ".";
    const char *const formats[] = {"%s%.*s/%s", "%s%.*s/.debug/%s", "/usr/lib/debug%s%.*s/%s"};
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        char path[PATH_MAX];
        int n = snprintf(path, sizeof path, formats[i], i == 2 ? "" : base, dir, file, link);
        if (n <= 0 || n >= (int)sizeof path || !strcmp(path, file)) continue;
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        char *name = has_build_id(fd, id, len) ? strdup(path) : NULL;
        if (name) {
            free(*found);
            *found = name;
            return fd;
        }
        close(fd);
    }
    return -1;
}
