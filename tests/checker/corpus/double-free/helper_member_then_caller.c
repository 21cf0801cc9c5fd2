// A helper frees the member, and the caller frees the member again.
#include <stdlib.h>

struct blob {
    void *data;
    size_t size;
};

static void blob_reset(struct blob *b)
{
    free(b->data);
    b->size = 0;
}

int main(void)
{
    struct blob b = {malloc(10), 10};
    if (!b.data) return 1;
    blob_reset(&b);
    free(b.data); // expect: double-free
    return 0;
}
