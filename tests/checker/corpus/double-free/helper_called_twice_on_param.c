// A release helper is called on the same pointer by two cleanup steps.
#include <stdlib.h>

static void release(char *p)
{
    free(p);
}

int main(void)
{
    char *name = malloc(12);
    if (!name) return 1;
    release(name);
    release(name); // expect: double-free
    return 0;
}
