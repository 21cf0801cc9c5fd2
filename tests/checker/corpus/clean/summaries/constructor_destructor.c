// A constructor/destructor pair of the same file owns the struct and its buffer (runnable).
#include <stdlib.h>

struct buffer {
    char *data;
    size_t cap;
};

static struct buffer *buffer_new(size_t cap)
{
    struct buffer *b = malloc(sizeof *b);
    if (!b) return NULL;
    b->data = malloc(cap);
    if (!b->data) {
        free(b);
        return NULL;
    }
    b->cap = cap;
    return b;
}

static void buffer_free(struct buffer *b)
{
    if (!b) return;
    free(b->data);
    free(b);
}

int main(void)
{
    struct buffer *b = buffer_new(64);
    if (!b) return 1;
    b->data[0] = 'x';
    buffer_free(b);
    return 0;
}
