// The value of a freed int is read and returned.
#include <stdlib.h>

int take_value(void)
{
    int *p = malloc(sizeof *p);
    if (!p) return -1;
    *p = 42;
    free(p);
    return *p; // expect: use-after-free
}

int main(void)
{
    return take_value() == 42 ? 0 : 1;
}
