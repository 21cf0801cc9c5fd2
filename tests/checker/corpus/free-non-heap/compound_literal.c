// A compound literal in a function lives on the stack and cannot be freed.
#include <stdlib.h>

void bad(void)
{
    int *p = (int[]){1, 2, 3};
    p[0] = 4;
    free(p); // expect: free-non-heap
}
