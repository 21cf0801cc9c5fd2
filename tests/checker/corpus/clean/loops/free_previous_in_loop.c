// Each iteration frees the previous block before allocating the next.
#include <stdlib.h>
#include <string.h>

char *last_of(const char **items, int n)
{
    char *last = NULL;
    for (int i = 0; i < n; i++) {
        free(last);
        last = strdup(items[i]);
    }
    return last;
}
