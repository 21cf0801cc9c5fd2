// A variable-length array lives on the stack and is passed to free().
#include <stdlib.h>

void bad(int n)
{
    if (n <= 0) return;
    char vla[n];
    vla[0] = 'v';
    free(vla); // expect: free-non-heap
}
