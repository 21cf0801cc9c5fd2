// A pointer rounded up to an alignment inside a block is a pointer into that block: writing
// through it after the block was freed is a use after free.
#include <stdint.h>
#include <stdlib.h>

void fill_aligned(size_t n)
{
    char *mem = malloc(n + 32);
    if (!mem) return;
    char *p = (char *)(((uintptr_t)mem + 31) & ~(uintptr_t)31);
    free(mem);
    p[0] = 1; // expect: use-after-free
}
