// A flag stored from a test (`bool free_data = (data == NULL);`) stays tied to what the test
// found: the buffer is allocated exactly when the flag is set, so freeing under the flag frees
// what was allocated and nothing else. From libzip's _zip_buffer_new.
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
        if (free_data) free(data);
        return NULL;
    }
    b->data = data;
    b->free_data = free_data;
    return b;
}

/* the same with the test negated, stored by an assignment */
char *copy_unless_given(char *given, size_t n)
{
    int borrowed;
    char *s = given;
    borrowed = !(given == NULL);
    if (!borrowed) s = malloc(n);
    if (s == NULL) return NULL;
    if (n == 0) {
        if (!borrowed) free(s);
        return NULL;
    }
    return s;
}
