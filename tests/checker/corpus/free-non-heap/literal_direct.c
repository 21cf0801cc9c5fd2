// A string literal goes straight into free().
#include <stdlib.h>

void bad(void)
{
    free((char *)"text"); // expect: free-non-heap
}
