// A string literal is handed to free() through a variable.
#include <stdlib.h>

void bad(void)
{
    const char *name = "guest";
    free((void *)name); // expect: free-non-heap
}
