// A length plus one is never 0: the early return is taken on every path, with the copy owned.
#include <stdlib.h>
#include <string.h>

int copy_name(const char *name)
{
    size_t size = strlen(name) + 1;
    char *copy = malloc(size);
    if (copy == NULL) return -1;
    memcpy(copy, name, size);
    if (size != 0) return 1; // expect: leak
    free(copy);
    return 0;
}
