// The address of the second member of a heap struct is freed.
#include <stdlib.h>

struct point {
    int x;
    int y;
};

void bad(void)
{
    struct point *pt = malloc(sizeof *pt);
    if (!pt) return;
    pt->x = 1;
    pt->y = 2;
    free(&pt->y); // expect: free-interior
}
