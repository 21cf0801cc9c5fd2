// The buffer getline allocates is freed once the loop ends.
#include <stdio.h>
#include <stdlib.h>

long total(FILE *in)
{
    char *line = NULL;
    size_t cap = 0;
    long sum = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, in)) != -1)
        sum += n;
    free(line);
    return sum;
}
