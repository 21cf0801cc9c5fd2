// A file-scope static array is passed to free().
#include <stdlib.h>

static char pool[64];

void bad(void)
{
    pool[0] = 1;
    free(pool); // expect: free-non-heap
}
