// A helper declared __attribute__((noreturn)) ends the path.
#include <stdio.h>
#include <stdlib.h>

__attribute__((noreturn)) static void fatal(int code)
{
    fprintf(stderr, "fatal %d\n", code);
    abort();
}

int run(int n)
{
    int *v = malloc(sizeof *v);
    if (!v) fatal(1);
    if (n < 0) fatal(2);
    *v = n;
    int r = *v;
    free(v);
    return r;
}
