// A malloc'd block is released with fclose().
#include <stdio.h>
#include <stdlib.h>

void bad(void)
{
    char *p = malloc(64);
    if (!p) return;
    fclose((FILE *)p); // expect: mismatched-free
}
