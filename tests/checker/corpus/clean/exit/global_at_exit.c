// A global holds its buffer for the whole program; it is still reachable at exit.
#include <stdlib.h>
#include <string.h>

static char *g_name;

int main(void)
{
    g_name = strdup("program");
    if (!g_name) return 1;
    exit(0);
}
