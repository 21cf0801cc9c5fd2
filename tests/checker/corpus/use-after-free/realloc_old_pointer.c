// After a successful realloc the old pointer is dead, but it is still written.
#include <stdlib.h>

int main(void)
{
    char *p = malloc(16);
    if (!p) return 1;
    char *q = realloc(p, 64);
    if (!q) {
        free(p);
        return 1;
    }
    p[0] = 'x'; // expect: use-after-free
    free(q);
    return 0;
}
