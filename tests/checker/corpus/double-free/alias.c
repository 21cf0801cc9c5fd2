// A block is freed through a copy of its pointer, then through the original.
#include <stdlib.h>

int main(void)
{
    int *p = malloc(sizeof *p);
    if (!p) return 1;
    int *q = p;
    free(q);
    free(p); // expect: double-free
    return 0;
}
