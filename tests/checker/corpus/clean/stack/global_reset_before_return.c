// A local is published through a pointer parameter that lives only as long as the call.
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
