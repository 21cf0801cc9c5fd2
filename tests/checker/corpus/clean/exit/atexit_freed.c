// A global buffer is freed by an atexit handler.
#include <stdlib.h>

static char *g_buf;

static void release_buf(void)
{
    free(g_buf);
}

int main(void)
{
    g_buf = malloc(1024);
    if (!g_buf) return 1;
    atexit(release_buf);
    g_buf[0] = 1;
    return 0;
}
