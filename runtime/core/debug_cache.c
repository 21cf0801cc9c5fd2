/* debug_cache.c: inflated copies of compressed debug files, so that each report does not inflate
 * them again.
 *
 * Debian's -dbg and -dbgsym packages ship their DWARF compressed (SHF_COMPRESSED, zlib), and
 * libdw inflates every debug section of such a file when it first reads it: for libc6-dbg's
 * 4 MB file, 10 MB and about 60 ms, in each process whose report names a libc frame — under
 * `own run make`, in most of them. So the first process to need one writes a copy with its
 * sections inflated to the cache, named by the module's build ID, and the later ones map that
 * copy and read only the pages they need. The cache is $XDG_CACHE_HOME/own/debug, else
 * ~/.cache/own/debug; OWN_OPTIONS=debug_cache=0 turns it off.
 *
 * A copy is written to a temporary file and renamed into place, so processes racing to make one
 * never read half of it; a build ID names one build, so a copy never goes stale. Any failure
 * (no home, a read-only disk, a full one) leaves the compressed file to libdw, as before. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trace_calls.h"

/* The cache's folder in `dir` (PATH_MAX bytes), made if missing; false when there is none. */
static bool cache_dir(char *dir)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && *xdg == '/')
        n = snprintf(dir, PATH_MAX, "%s/own/debug", xdg);
    else if (home && *home == '/')
        n = snprintf(dir, PATH_MAX, "%s/.cache/own/debug", home);
    else
        return false;
    if (n <= 0 || n >= PATH_MAX) return false;
    /* Each missing folder on the way, private to the user like the rest of ~/.cache. */
    for (char *slash = strchr(dir + 1, '/');; slash = strchr(slash + 1, '/')) {
        if (slash) *slash = 0;
        bool made = mkdir(dir, 0700) == 0 || errno == EEXIST;
        if (slash) *slash = '/';
        if (!made) return false;
        if (!slash) return true;
    }
}

/* The path of the module's copy in `path` (PATH_MAX bytes); false without a build ID. */
static bool copy_path(Dwfl_Module *module, char *path)
{
    const own__trace_calls *call = own__trace_names_found();
    const unsigned char *id;
    GElf_Addr where;
    int len = call->module_build_id(module, &id, &where);
    if (len <= 0 || !cache_dir(path)) return false;
    size_t at = strlen(path);
    if (at + 1 + 2 * (size_t)len + sizeof ".debug" > PATH_MAX) return false;
    path[at++] = '/';
    for (int i = 0; i < len; i++)
        at += (size_t)sprintf(path + at, "%02x", id[i]);
    strcpy(path + at, ".debug");
    return true;
}

/* Hands libdw `fd` for the file at `path`, in place of what *found named. */
static int use_file(int fd, const char *path, char **found)
{
    char *name = strdup(path);
    if (!name) {
        close(fd);
        return -1;
    }
    free(*found);
    *found = name;
    return fd;
}

int own__debug_cache_find(Dwfl_Module *module, char **found)
{
    char path[PATH_MAX];
    if (!own__options()->debug_cache || !copy_path(module, path)) return -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    return fd < 0 ? -1 : use_file(fd, path, found);
}

/* Whether the ELF file `fd` has a compressed section. */
static bool compressed(int fd)
{
    const own__trace_calls *call = own__trace_names_found();
    Elf *elf = call->elf_begin(fd, ELF_C_READ_MMAP, NULL);
    bool any = false;
    for (Elf_Scn *scn = NULL; elf && !any && (scn = call->elf_nextscn(elf, scn));) {
        GElf_Shdr header;
        any = call->gelf_getshdr(scn, &header) && (header.sh_flags & SHF_COMPRESSED);
    }
    if (elf) call->elf_end(elf);
    return any;
}

static bool copy_bytes(int from, int to)
{
    char buffer[1 << 16];
    for (off_t at = 0;;) {
        ssize_t got = pread(from, buffer, sizeof buffer, at);
        if (got == 0) return true;
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return false;
        for (ssize_t put = 0; put < got;) {
            ssize_t n = write(to, buffer + put, (size_t)(got - put));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            put += n;
        }
        at += got;
    }
}

/* Inflates every compressed section of the ELF file `fd` in place: libelf lays the file out
 * again around the bigger sections. */
static bool inflate_sections(int fd)
{
    const own__trace_calls *call = own__trace_names_found();
    Elf *elf = call->elf_begin(fd, ELF_C_RDWR, NULL);
    bool done = elf != NULL;
    for (Elf_Scn *scn = NULL; done && (scn = call->elf_nextscn(elf, scn));) {
        GElf_Shdr header;
        done = call->gelf_getshdr(scn, &header) != NULL;
        if (done && (header.sh_flags & SHF_COMPRESSED)) done = call->elf_compress(scn, 0, 0) >= 0;
    }
    done = done && call->elf_update(elf, ELF_C_WRITE) >= 0;
    if (elf) call->elf_end(elf);
    return done;
}

int own__debug_cache_add(Dwfl_Module *module, int fd, char **found)
{
    char path[PATH_MAX], temporary[PATH_MAX];
    if (!own__options()->debug_cache || !compressed(fd) || !copy_path(module, path)) return fd;
    if (snprintf(temporary, sizeof temporary, "%s.XXXXXX", path) >= (int)sizeof temporary)
        return fd;
    int copy = mkostemp(temporary, O_CLOEXEC);
    if (copy < 0) return fd;
    if (!copy_bytes(fd, copy) || !inflate_sections(copy) || rename(temporary, path) != 0) {
        unlink(temporary);
        close(copy);
        return fd;
    }
    close(fd);
    return use_file(copy, path, found);
}
