// A usage() function that exits is called while a buffer is live.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn static void usage(void)
{
    fputs("usage: prog NAME\n", stderr);
    exit(64);
}

int main(int argc, char **argv)
{
    char *name = argc > 1 ? strdup(argv[1]) : NULL;
    if (!name) usage();
    puts(name);
    free(name);
    return 0;
}
