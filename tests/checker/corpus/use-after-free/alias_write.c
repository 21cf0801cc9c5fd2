// The block is freed through one alias and written through another.
#include <stdlib.h>

int main(void)
{
    char *p = malloc(8);
    if (!p) return 1;
    char *q = p;
    free(q);
    p[0] = 'a'; // expect: use-after-free
    return 0;
}
