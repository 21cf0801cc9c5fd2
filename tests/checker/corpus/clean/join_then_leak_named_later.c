// A directory opened on each trip and closed before the next: the loop's later test of the
// pointer must not be taken for the branch that leaked it.
#include <dirent.h>
#include <stdlib.h>

char *next_path(char *old);
void read_list(const char *path, DIR *d);
int again(void);

char *browse(char *path)
{
    DIR *dir = NULL;
    do {
        path = next_path(path);
        if (path != NULL) dir = opendir(path);
        if (path == NULL || dir == NULL) {
            free(path);
            return NULL;
        }
        read_list(path, dir);
        closedir(dir);
        dir = NULL;
    } while (again());
    return path;
}
