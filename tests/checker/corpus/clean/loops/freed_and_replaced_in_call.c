/* nano's free_and_assign in a loop: the helper frees its first argument and returns its
 * second. From the second turn on, the strdup of the second argument makes path's block the
 * older block of its site before the call runs; the helper frees that one, not the new one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *free_and_assign(char *dest, char *src)
{
    free(dest);
    return src;
}

char *browse(char *path)
{
    for (int n = 0; n < 3; n++) {
        path = free_and_assign(path, strdup("dir"));
        if (path == NULL) return NULL;
        puts(path);
    }
    return path;
}
