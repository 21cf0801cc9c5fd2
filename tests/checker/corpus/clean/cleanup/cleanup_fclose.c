// A FILE variable closed by a cleanup function on every exit.
#include <stdio.h>

static void fclosep(FILE **f)
{
    if (*f) fclose(*f);
}

int first_char(const char *path)
{
    __attribute__((cleanup(fclosep))) FILE *f = fopen(path, "r");
    if (!f) return -1;
    return fgetc(f);
}
