// xrealloc never fails, so once it returned the old block is gone for sure: a pointer kept
// from before is dangling.
#include <stddef.h>

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
void free(void *p);

void grow(size_t n)
{
    char *old = xmalloc(n);
    char *grown = xrealloc(old, 2 * n);
    old[0] = 1; // expect: use-after-free
    free(grown);
}
