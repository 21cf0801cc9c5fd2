// A pointer from an unknown function, tested before it guards the opening of a directory and
// tested again together with it: when it was NULL nothing was opened.
#include <dirent.h>
#include <stdlib.h>

char *full_path(const char *p);
void show(const char *path, DIR *d);

int browse(const char *start)
{
    DIR *dir;
    char *path = full_path(start);
    if (path != NULL)
        dir = opendir(path);
    if (path == NULL || dir == NULL) {
        free(path);
        return 0;
    }
    show(path, dir);
    closedir(dir);
    free(path);
    return 1;
}
