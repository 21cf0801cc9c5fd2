// gnulib's malloca: a block rounded up to an alignment inside a bigger allocation, the distance
// back to the allocation kept in the byte before it, and freea going back to free the block.
// The rounded pointer (an integer and-ed with a mask that keeps its high bits) still points
// into the block, so returning it hands the block on: no leak. An and with a small mask only
// tests the low bits.
#include <stdint.h>
#include <stdlib.h>

void *mmalloca(size_t n)
{
    size_t nplus = n + sizeof(unsigned char) + 2 * 16 - 1;
    char *mem = malloc(nplus);
    if (mem != NULL) {
        char *p =
            (char *)((((uintptr_t)mem + sizeof(unsigned char) + 16 - 1) & ~(uintptr_t)(2 * 16 - 1)) +
                     16);
        ((unsigned char *)p)[-1] = (unsigned char)(p - mem);
        return p;
    }
    return NULL;
}

void freea(void *p)
{
    if ((uintptr_t)p & 16) {
        void *mem = (char *)p - ((unsigned char *)p)[-1];
        free(mem);
    }
}

int misaligned(void)
{
    char *mem = malloc(64);
    if (!mem) return -1;
    int odd = ((uintptr_t)mem & 15) != 0;
    free(mem);
    return odd;
}
