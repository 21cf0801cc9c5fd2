// Lines are read with getline into one growing buffer that is freed once at the end.
#include <stdio.h>
#include <stdlib.h>

long longest(FILE *f)
{
    char *line = NULL;
    size_t cap = 0;
    long best = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0)
        if (n > best) best = n;
    free(line);
    return best;
}
