// A conditional expression decides whether to free; the use afterwards is wrong on one path.
#include <stdlib.h>

void finish(int *p, int drop)
{
    drop ? free(p) : (void)0;
    *p = 1; // expect: use-after-free
}
