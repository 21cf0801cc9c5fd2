// A pipe stream is opened and never closed.
#include <stdio.h>

int read_one(void)
{
    FILE *p = popen("echo 1", "r");
    if (!p) return -1;
    int c = fgetc(p);
    return c; // expect: leak
}
