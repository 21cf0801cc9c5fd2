// The getline buffer is never freed.
#include <stdio.h>
#include <stdlib.h>

long count_lines(FILE *f)
{
    char *line = NULL;
    size_t cap = 0;
    long n = 0;
    while (getline(&line, &cap, f) >= 0)
        n++;
    return n; // expect: leak
}
