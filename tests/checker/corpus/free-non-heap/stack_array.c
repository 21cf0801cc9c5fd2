// A stack buffer is passed to free().
#include <stdlib.h>
#include <string.h>

void bad(const char *s)
{
    char buf[32];
    strncpy(buf, s, sizeof buf - 1);
    buf[31] = 0;
    free(buf); // expect: free-non-heap
}
