// A block allocated as one type is freed through a void * of another name.
#include <stdlib.h>

struct rec {
    int a;
    double b;
};

int run(void)
{
    struct rec *r = malloc(sizeof *r);
    if (!r) return -1;
    void *raw = r;
    r->a = 1;
    free(raw);
    return 0;
}
