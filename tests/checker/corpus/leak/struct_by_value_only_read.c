// A helper of this file only reads the struct it is given by value: the caller's copy still owns
// the block, and loses it at the end of its scope.
#include <stdlib.h>

typedef struct {
    int *vars;
    int height;
} record;

static int height_of(record r)
{
    return r.height;
}

int measure(int n)
{
    int *snap = malloc((size_t)n * sizeof *snap);
    return height_of((record){.vars = snap, .height = n}); // expect: leak
}

void measure_named(int n)
{
    int *snap = malloc((size_t)n * sizeof *snap);
    record r = {snap, n};
    height_of(r);
} // expect: leak
