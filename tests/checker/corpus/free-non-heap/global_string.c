// A global pointer initialised with a string literal is freed.
#include <stdlib.h>

static char *g_mode = "fast";

void bad(void)
{
    free(g_mode); // expect: free-non-heap
}
