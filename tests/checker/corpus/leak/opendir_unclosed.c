// A directory stream is opened and never closed.
#include <dirent.h>
#include <stddef.h>

int has_entries(const char *path)
{
    DIR *d = opendir(path);
    if (!d) return 0;
    struct dirent *e = readdir(d);
    return e != NULL; // expect: leak
}
