// psmisc's pstree: a file-static option decides whether a buffer is made and, after calls that
// cannot change it, whether it is freed. Only this file names the option, and only main assigns
// it; the helpers called in between, and the C library, do not.
#include <stdio.h>
#include <stdlib.h>

static int print_args = 0, width;

static void note_width(int w)
{
    width = w;
}

static void read_procs(size_t size)
{
    char *buffer;
    if (!print_args)
        buffer = NULL;
    else if (!(buffer = malloc(size)))
        exit(1);
    note_width((int)size);
    puts("processes");
    if (print_args) free(buffer);
}

int main(int argc, char **argv)
{
    if (argc > 1 && argv[1][0] == 'a') print_args = 1;
    read_procs(80);
    return 0;
}
