// A flag says whether a callee took ownership; the caller frees only if it did not.
#include <stdlib.h>

static void *g_slot;

static int try_store(void *p, int allowed)
{
    if (!allowed) return 0;
    free(g_slot);
    g_slot = p;
    return 1;
}

int offer(int allowed)
{
    void *p = malloc(8);
    if (!p) return -1;
    if (!try_store(p, allowed)) free(p);
    return 0;
}
