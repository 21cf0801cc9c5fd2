// A helper frees a struct's buffer; the caller then writes into that buffer.
#include <stdlib.h>

struct buf {
    char *data;
    size_t cap;
};

static void buf_clear(struct buf *b)
{
    free(b->data);
    b->cap = 0;
}

int main(void)
{
    struct buf b;
    b.data = malloc(16);
    if (!b.data) return 1;
    b.cap = 16;
    buf_clear(&b);
    b.data[0] = 'x'; // expect: use-after-free
    return 0;
}
