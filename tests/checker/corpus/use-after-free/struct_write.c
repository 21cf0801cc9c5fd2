// A struct is written through its pointer after free().
#include <stdlib.h>

struct point {
    int x, y;
};

int main(void)
{
    struct point *p = malloc(sizeof *p);
    if (!p) return 1;
    p->x = 1;
    free(p);
    p->y = 2; // expect: use-after-free
    return 0;
}
