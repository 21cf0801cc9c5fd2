// The address of an element of a stack array is freed.
#include <stdlib.h>

void bad(void)
{
    long values[8] = {0};
    long *third = &values[2];
    *third = 9;
    free(third); // expect: free-non-heap
}
