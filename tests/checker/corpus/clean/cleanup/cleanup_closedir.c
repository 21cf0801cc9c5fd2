// A directory stream closed by a cleanup function.
#include <dirent.h>
#include <stddef.h>

static void closedirp(DIR **d)
{
    if (*d) closedir(*d);
}

int has_dot(void)
{
    __attribute__((cleanup(closedirp))) DIR *d = opendir(".");
    if (!d) return 0;
    return readdir(d) != NULL;
}
