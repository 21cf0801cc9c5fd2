// Each iteration overwrites the string of the previous one.
#include <stdlib.h>
#include <string.h>

void keep_last(const char **items, int n)
{
    char *last = NULL;
    for (int i = 0; i < n; i++) {
        last = strdup(items[i]); // expect: leak
    }
    free(last);
}
