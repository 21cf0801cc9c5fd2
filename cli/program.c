/* program.c: what `own run` can tell of a program before it starts it — that it is a directory
 * (exec's EACCES would only say "Permission denied"), or a statically linked executable, which
 * LD_PRELOAD cannot reach: it would run on its own malloc, unchecked, and own run would say
 * nothing. */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"

/* The file exec would run for `name`: itself when it has a slash, else the first executable
 * regular file of that name on PATH. False when there is none (exec then says why). */
static bool resolve(const char *name, char *out, size_t size)
{
    if (strchr(name, '/')) {
        snprintf(out, size, "%s", name);
        return true;
    }
    const char *path = getenv("PATH");
    if (!path) path = "/usr/local/bin:/usr/bin:/bin";
    for (const char *dir = path;; dir++) {
        const char *end = strchrnul(dir, ':');
        int len = (int)(end - dir);
        snprintf(out, size, "%.*s%s%s", len, dir, len ? "/" : "", name);
        struct stat st;
        if (stat(out, &st) == 0 && S_ISREG(st.st_mode) && access(out, X_OK) == 0) return true;
        if (!*end) return false;
        dir = end;
    }
}

/* Whether the ELF file at `path` has no program interpreter: nothing loads it but the kernel.
 * A script, or anything that is not a 64-bit ELF executable, is not. */
static bool statically_linked(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    Elf64_Ehdr eh;
    bool is_static = false;
    if (pread(fd, &eh, sizeof eh, 0) == (ssize_t)sizeof eh &&
        !memcmp(eh.e_ident, ELFMAG, SELFMAG) && eh.e_ident[EI_CLASS] == ELFCLASS64 &&
        (eh.e_type == ET_EXEC || eh.e_type == ET_DYN) && eh.e_phentsize == sizeof(Elf64_Phdr) &&
        eh.e_phnum > 0 && eh.e_phnum < 256) {
        is_static = true;
        for (unsigned i = 0; i < eh.e_phnum && is_static; i++) {
            Elf64_Phdr ph;
            if (pread(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + i * sizeof ph)) !=
                    (ssize_t)sizeof ph ||
                ph.p_type == PT_INTERP)
                is_static = false;
        }
    }
    close(fd);
    return is_static;
}

enum own_program_kind own_run_program_kind(const char *name, char *path, size_t size)
{
    if (!resolve(name, path, size)) return OWN_PROGRAM_ORDINARY;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return OWN_PROGRAM_DIRECTORY;
    return statically_linked(path) ? OWN_PROGRAM_STATIC : OWN_PROGRAM_ORDINARY;
}
