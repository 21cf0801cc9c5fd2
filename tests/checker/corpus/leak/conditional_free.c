// The block is freed only when a flag is set; otherwise it is lost at the return.
#include <stdlib.h>

int maybe_release(int flag)
{
    char *p = malloc(8);
    if (!p) return -1;
    p[0] = 'x';
    if (flag) free(p);
    return 0; // expect: leak
}
