// A FREE macro frees and clears; using it twice is harmless.
#include <stdlib.h>

#define FREE(p)                                                                                    \
    do {                                                                                           \
        free(p);                                                                                   \
        (p) = NULL;                                                                                \
    } while (0)

int run(void)
{
    char *p = malloc(8);
    if (!p) return -1;
    FREE(p);
    FREE(p);
    return 0;
}
