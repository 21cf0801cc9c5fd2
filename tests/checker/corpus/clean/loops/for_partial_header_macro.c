// For headers with missing parts, with macros in the header and in the body.
#include <stdlib.h>
#define CLEAR(p) ((p) = 0)
#define STEP(i) ((i) += 1)

void f(int **v, int n)
{
    int i = 0;
    for (; i < n; STEP(i)) CLEAR(v[i]);
    for (i = 0; i < n;) CLEAR(v[i++]);
    for (;;) {
        if (i-- == 0) break;
    }
    char *p = malloc(4);
    free(p);
}
