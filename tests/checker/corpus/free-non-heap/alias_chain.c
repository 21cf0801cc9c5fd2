// A stack buffer reaches free() through two copies of its address.
#include <stdlib.h>

void bad(void)
{
    char buf[8] = {0};
    char *p = buf;
    char *q = p;
    free(q); // expect: free-non-heap
}
