// A directory and a path buffer are cleaned up at a label on every exit.
#include <dirent.h>
#include <stdlib.h>

int count(const char *path)
{
    int n = -1;
    char *name = NULL;
    DIR *d = opendir(path);
    if (!d) goto out;
    name = malloc(256);
    if (!name) goto out;
    n = 0;
    while (readdir(d))
        n++;
out:
    free(name);
    if (d) closedir(d);
    return n;
}
