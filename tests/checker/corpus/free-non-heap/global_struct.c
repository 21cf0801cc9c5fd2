// The address of a global struct is passed to free().
#include <stdlib.h>

struct config {
    int verbose;
};

struct config g_config;

void bad(void)
{
    struct config *c = &g_config;
    c->verbose = 1;
    free(c); // expect: free-non-heap
}
