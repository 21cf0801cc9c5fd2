// The address of a static int is freed.
#include <stdlib.h>

static int counter;

void bad(void)
{
    counter++;
    free(&counter); // expect: free-non-heap
}
