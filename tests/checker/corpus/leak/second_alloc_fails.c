// When the second allocation fails the first one is not released.
#include <stdlib.h>

struct pair {
    char *a;
    char *b;
};

int pair_init(struct pair *p)
{
    char *a = malloc(8);
    if (!a) return -1;
    char *b = malloc(8);
    if (!b) return -1; // expect: leak
    p->a = a;
    p->b = b;
    return 0;
}
