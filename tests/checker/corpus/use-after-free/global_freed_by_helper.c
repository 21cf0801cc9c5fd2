// A helper frees the global buffer; main writes to it afterwards.
#include <stdlib.h>

static char *g_buf;

static void shutdown_buffer(void)
{
    free(g_buf);
}

int main(void)
{
    g_buf = malloc(32);
    if (!g_buf) return 1;
    shutdown_buffer();
    g_buf[0] = 0; // expect: use-after-free
    return 0;
}
