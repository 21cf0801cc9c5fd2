// An owner held in a field of a local struct moves when the whole struct is copied out.
#include <stdlib.h>

struct node {
    char *value;
};

int add(struct node *out)
{
    struct node n;
    n.value = malloc(4);
    if (!n.value) return 0;
    *out = n; /* the block goes to *out with the struct */
    return 1;
}
