// Both blocks are lost by the early return: each is its own finding, named in the order they
// were allocated, so that freeing one does not reveal the other only on the next run.
#include <stdlib.h>

int pair(int n, int fail)
{
    int *first = malloc(sizeof *first);
    int *second = malloc(sizeof *second);
    if (fail) return -1; // expect: leak, leak
    free(first);
    free(second);
    return n;
}
