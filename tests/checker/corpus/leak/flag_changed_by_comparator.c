// The comparator handed to qsort notes that it saw equal keys: qsort calls it back, so after the
// sort the flag may have changed, and the block made when it was clear may be kept on the path
// where it is set.
#include <stdlib.h>

static int saw_equal;

static int by_value(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    if (x == y) saw_equal = 1;
    return (x > y) - (x < y);
}

void sort_values(int *values, size_t n)
{
    char *note = NULL;
    if (!saw_equal) note = malloc(16);
    qsort(values, n, sizeof *values, by_value);
    if (!saw_equal) free(note);
} // expect: leak
