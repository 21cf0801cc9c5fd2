// A bool owns flag set in a loop controls the final free.
#include <stdbool.h>
#include <stdlib.h>

int scan(const int *v, int n)
{
    bool owns = false;
    int *copy = NULL;
    for (int i = 0; i < n && !owns; i++) {
        if (v[i] < 0) {
            copy = malloc(sizeof *copy);
            if (!copy) return -1;
            *copy = v[i];
            owns = true;
        }
    }
    int r = owns ? *copy : 0;
    if (owns) free(copy);
    return r;
}
