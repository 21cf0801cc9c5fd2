// The block a helper puts in the caller's variable and also returns is still the caller's to
// free: forgetting it leaks, whichever of the two names was used.
#include <stdlib.h>

static char *grow(char **buf, size_t n)
{
    char *p = realloc(*buf, n);
    if (p == NULL) return NULL;
    *buf = p;
    return p;
}

int first_byte(size_t n)
{
    char *buf = NULL;
    char *view = grow(&buf, n);
    if (view == NULL) return -1;
    view[0] = 1;
    return view[0]; // expect: leak
}
