// The address of a member of a stack struct is freed.
#include <stdlib.h>

struct pair {
    int a;
    int b;
};

void bad(void)
{
    struct pair p = {1, 2};
    free(&p.b); // expect: free-non-heap
}
