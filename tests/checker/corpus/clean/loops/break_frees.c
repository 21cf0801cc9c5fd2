// A break path frees the iteration's block first.
#include <stdlib.h>

int find(const int *v, int n, int want)
{
    int at = -1;
    for (int i = 0; i < n; i++) {
        int *tmp = malloc(sizeof *tmp);
        if (!tmp) break;
        *tmp = v[i];
        if (*tmp == want) {
            at = i;
            free(tmp);
            break;
        }
        free(tmp);
    }
    return at;
}
