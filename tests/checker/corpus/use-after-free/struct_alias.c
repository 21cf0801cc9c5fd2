// Two pointers name the same struct; it is freed through one and read through the other.
#include <stdlib.h>

struct conn {
    int fd;
    int refs;
};

int main(void)
{
    struct conn *a = malloc(sizeof *a);
    if (!a) return 1;
    a->fd = 3;
    a->refs = 1;
    struct conn *b = a;
    free(a);
    return b->fd; // expect: use-after-free
}
