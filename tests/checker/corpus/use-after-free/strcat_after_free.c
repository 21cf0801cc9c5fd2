// strcat appends to a string that was freed a few lines earlier.
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *path = malloc(64);
    if (!path) return 1;
    strcpy(path, "/tmp");
    free(path);
    strcat(path, "/file"); // expect: use-after-free
    return 0;
}
