// As clean/realloc/gnu_elvis_or_die.c: the block `malloc(n) ?: die()` gives is owned like any
// other, and lost on the early return.
#include <stdio.h>
#include <stdlib.h>

#define vmefail() (fprintf(stderr, "virtual memory exhausted.\n"), exit(EXIT_FAILURE), NULL)
#define xmalloc(n) (malloc(n) ?: vmefail())

int fill(size_t n, int fail)
{
    char *p = xmalloc(n);
    if (fail) return -1; // expect: leak
    p[0] = 0;
    free(p);
    return 0;
}
