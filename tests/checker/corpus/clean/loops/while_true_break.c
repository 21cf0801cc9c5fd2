// An infinite loop with a break frees its block on the way out.
#include <stdio.h>
#include <stdlib.h>

int read_until_zero(FILE *f)
{
    int *v = malloc(sizeof *v);
    if (!v) return -1;
    int n = 0;
    for (;;) {
        if (fscanf(f, "%d", v) != 1 || *v == 0) break;
        n++;
    }
    free(v);
    return n;
}
