// The release goes through a function pointer that holds free.
#include <stdlib.h>

int run(void)
{
    void (*release)(void *) = free;
    char *p = malloc(8);
    if (!p) return -1;
    release(p);
    return 0;
}
