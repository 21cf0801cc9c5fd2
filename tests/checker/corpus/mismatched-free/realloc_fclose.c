// A block grown with realloc() is released with fclose().
#include <stdio.h>
#include <stdlib.h>

void bad(void)
{
    char *p = malloc(8);
    if (!p) return;
    char *q = realloc(p, 32);
    if (!q) {
        free(p);
        return;
    }
    fclose((FILE *)q); // expect: mismatched-free
}
