// A global stack is drained in a loop; every popped block is freed.
#include <stdlib.h>

static void *g_items[8];
static int g_top;

static void *pop(void)
{
    return g_top > 0 ? g_items[--g_top] : NULL;
}

void drain(void)
{
    void *p;
    while ((p = pop()) != NULL)
        free(p);
}
