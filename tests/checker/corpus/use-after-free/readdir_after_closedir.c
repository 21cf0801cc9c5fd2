// A directory stream is read after closedir() released it.
#include <dirent.h>
#include <stddef.h>

int count_entries(const char *path)
{
    DIR *d = opendir(path);
    if (!d) return -1;
    closedir(d);
    int n = 0;
    while (readdir(d) != NULL) // expect: use-after-free
        n++;
    return n;
}
