// stdout and stderr are not owned by the program's code and need no fclose.
#include <stdio.h>

void report(int v)
{
    FILE *out = v < 0 ? stderr : stdout;
    fprintf(out, "%d\n", v);
}
