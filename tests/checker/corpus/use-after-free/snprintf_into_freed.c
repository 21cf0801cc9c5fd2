// snprintf formats into a buffer that was already freed.
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char *out = malloc(40);
    if (!out) return 1;
    free(out);
    snprintf(out, 40, "%d", 7); // expect: use-after-free
    return 0;
}
