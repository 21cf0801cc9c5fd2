// A helper frees a struct's member and clears it; the caller frees the struct.
#include <stdlib.h>

struct doc {
    char *body;
    int version;
};

static void doc_clear(struct doc *d)
{
    free(d->body);
    d->body = NULL;
}

int main(void)
{
    struct doc *d = calloc(1, sizeof *d);
    if (!d) return 1;
    d->body = malloc(100);
    doc_clear(d);
    free(d);
    return 0;
}
