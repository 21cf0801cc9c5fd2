// A continue path frees the iteration's block first.
#include <stdlib.h>

int count_positive(const int *v, int n)
{
    int c = 0;
    for (int i = 0; i < n; i++) {
        int *tmp = malloc(sizeof *tmp);
        if (!tmp) return -1;
        *tmp = v[i];
        if (*tmp <= 0) {
            free(tmp);
            continue;
        }
        c++;
        free(tmp);
    }
    return c;
}
