// A stream from fdopen() is released with free(); it must be closed with fclose().
#include <stdio.h>
#include <stdlib.h>

void bad(int fd)
{
    FILE *f = fdopen(fd, "w");
    if (!f) return;
    free(f); // expect: mismatched-free
}
