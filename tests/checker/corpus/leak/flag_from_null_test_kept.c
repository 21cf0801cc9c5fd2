// As clean/flags/flag_from_null_test.c, but the error return forgets the buffer the flag says
// was allocated: the flag keeps the paths apart, and the one that allocated leaks.
#include <stdbool.h>
#include <stdlib.h>

struct buffer {
    unsigned char *data;
    bool free_data;
};

struct buffer *buffer_new(unsigned char *data, size_t size)
{
    bool free_data = (data == NULL);
    struct buffer *b;

    if (data == NULL) {
        if ((data = malloc(size)) == NULL) return NULL;
    }
    if ((b = malloc(sizeof(*b))) == NULL) {
        if (!free_data) return NULL;
        return NULL; // expect: leak
    }
    b->data = data;
    b->free_data = free_data;
    return b;
}
