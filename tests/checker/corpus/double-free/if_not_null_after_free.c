// free() does not set the pointer to NULL, so the guard does not prevent the second free.
#include <stdlib.h>

int main(void)
{
    char *p = malloc(8);
    if (!p) return 1;
    free(p);
    if (p) free(p); // expect: double-free
    return 0;
}
