// A free helper takes a pointer to the pointer and clears it, so a second call is harmless.
#include <stdlib.h>

static void freep(char **pp)
{
    free(*pp);
    *pp = NULL;
}

int main(void)
{
    char *p = malloc(8);
    if (!p) return 1;
    freep(&p);
    freep(&p);
    return 0;
}
