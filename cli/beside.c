/* beside.c: finding the files installed with `own` — relative to the running binary, so that a
 * copy installed under any prefix finds its own, and the build tree (bin/, lib/, libexec/ side by
 * side) works the same way before it is installed. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

bool own_cli_beside_self(const char *relative, char *out, size_t size)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) return false;
    self[n] = 0;
    char *slash = strrchr(self, '/');
    if (!slash) return false;
    *slash = 0;
    int len = snprintf(out, size, "%s/../%s", self, relative);
    return len > 0 && (size_t)len < size && access(out, R_OK) == 0;
}
