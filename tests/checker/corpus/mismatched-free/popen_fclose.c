// A pipe stream from popen() is released with fclose() instead of pclose().
#include <stdio.h>

int bad(void)
{
    FILE *p = popen("ls", "r");
    if (!p) return -1;
    int c = fgetc(p);
    fclose(p); // expect: mismatched-free
    return c;
}
