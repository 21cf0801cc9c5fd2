// A variable with __attribute__((cleanup)) is freed automatically when its scope ends.
#include <stdlib.h>

static void freep(void *p)
{
    free(*(void **)p);
}

int run(void)
{
    __attribute__((cleanup(freep))) char *buf = malloc(32);
    if (!buf) return -1;
    buf[0] = 'c';
    return 0;
}
