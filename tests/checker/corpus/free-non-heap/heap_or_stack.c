// The pointer is heap memory on one path and a stack buffer on the other; it is always freed.
#include <stdlib.h>

void bad(size_t n)
{
    char small[16];
    char *p = n > sizeof small ? malloc(n) : small;
    if (!p) return;
    p[0] = 0;
    free(p); // expect: free-non-heap
}
