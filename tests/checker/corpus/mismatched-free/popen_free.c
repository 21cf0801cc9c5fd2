// A pipe stream is released with free().
#include <stdio.h>
#include <stdlib.h>

void bad(void)
{
    FILE *p = popen("true", "r");
    if (!p) return;
    free(p); // expect: mismatched-free
}
