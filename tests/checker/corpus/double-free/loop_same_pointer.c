// The free sits inside a loop, so the second iteration frees the block again.
#include <stdlib.h>

int main(void)
{
    char *p = malloc(4);
    if (!p) return 1;
    for (int i = 0; i < 2; i++)
        free(p); // expect: double-free
    return 0;
}
