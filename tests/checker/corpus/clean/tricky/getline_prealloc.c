// getline may move a preallocated buffer; the variable it updates is the one freed.
#include <stdio.h>
#include <stdlib.h>

int first_len(FILE *f)
{
    size_t cap = 8;
    char *line = malloc(cap);
    if (!line) return -1;
    ssize_t n = getline(&line, &cap, f);
    free(line);
    return (int)n;
}
