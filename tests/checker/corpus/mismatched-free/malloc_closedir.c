// A malloc'd block is released with closedir().
#include <dirent.h>
#include <stdlib.h>

void bad(void)
{
    void *p = malloc(128);
    if (!p) return;
    closedir((DIR *)p); // expect: mismatched-free
}
