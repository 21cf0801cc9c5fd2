// A stream from tmpfile() is released with free().
#include <stdio.h>
#include <stdlib.h>

void bad(void)
{
    FILE *t = tmpfile();
    if (!t) return;
    fputs("x", t);
    free(t); // expect: mismatched-free
}
