// A pointer four bytes into the block is passed to free().
#include <stdlib.h>

void bad(void)
{
    char *p = malloc(16);
    if (!p) return;
    free(p + 4); // expect: free-interior
}
