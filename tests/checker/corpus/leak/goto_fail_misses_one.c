// The error label frees the second buffer but not the first.
#include <stdlib.h>

int setup(int fail)
{
    char *a = malloc(8);
    if (!a) return -1;
    char *b = malloc(8);
    if (!b) goto fail_a;
    if (fail) goto fail_b;
    free(b);
    free(a);
    return 0;
fail_b:
    free(b);
fail_a:
    return -1; // expect: leak
}
