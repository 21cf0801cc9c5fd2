// Each iteration allocates and frees its own block.
#include <stdio.h>
#include <stdlib.h>

void run(int n)
{
    for (int i = 0; i < n; i++) {
        char *p = malloc(32);
        if (!p) return;
        snprintf(p, 32, "%d", i);
        puts(p);
        free(p);
    }
}
