// A helper stores the allocation into a global; it is freed at shutdown.
#include <stdlib.h>

static char *g_cache;

static void cache_put(char *p)
{
    free(g_cache);
    g_cache = p;
}

static void cache_shutdown(void)
{
    free(g_cache);
    g_cache = NULL;
}

int main(void)
{
    char *p = malloc(32);
    if (!p) return 1;
    cache_put(p);
    cache_shutdown();
    return 0;
}
