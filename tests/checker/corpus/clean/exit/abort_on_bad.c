// abort() ends the program: no leak is reported on that path.
#include <stdlib.h>

int checked_sum(const int *v, int n)
{
    int *tmp = malloc(sizeof *tmp);
    if (!tmp) abort();
    *tmp = 0;
    for (int i = 0; i < n; i++) {
        if (v[i] < 0) abort();
        *tmp += v[i];
    }
    int r = *tmp;
    free(tmp);
    return r;
}
