// A function-local static buffer is passed to free().
#include <stdlib.h>
#include <string.h>

void bad(void)
{
    static char scratch[128];
    memset(scratch, 0, sizeof scratch);
    free(scratch); // expect: free-non-heap
}
