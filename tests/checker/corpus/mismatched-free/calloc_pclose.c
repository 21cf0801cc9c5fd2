// A calloc'd block is released with pclose().
#include <stdio.h>
#include <stdlib.h>

void bad(void)
{
    FILE *f = calloc(1, 64);
    if (!f) return;
    pclose(f); // expect: mismatched-free
}
