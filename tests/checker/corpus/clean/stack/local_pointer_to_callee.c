// The address of a local goes to a callee that only reads it during the call.
#include <stddef.h>

static int sum_through(const int *const *pp)
{
    return **pp;
}

int use(void)
{
    int v = 7;
    const int *p = &v;
    return sum_through(&p);
}
