// The second free goes through a cast, which does not make it a different block.
#include <stdlib.h>

int main(void)
{
    long *p = malloc(sizeof *p);
    if (!p) return 1;
    free(p);
    free((void *)p); // expect: double-free
    return 0;
}
