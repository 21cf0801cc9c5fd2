// The address of a local int is passed to free().
#include <stdlib.h>

void bad(void)
{
    int x = 3;
    int *p = &x;
    *p += 1;
    free(p); // expect: free-non-heap
}
