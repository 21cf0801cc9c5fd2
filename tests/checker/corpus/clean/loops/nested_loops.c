// A 2-D array of rows allocated in one loop and freed in another (runnable).
#include <stdlib.h>

int main(void)
{
    int rows = 4, cols = 3;
    int **m = malloc((size_t)rows * sizeof *m);
    if (!m) return 1;
    for (int r = 0; r < rows; r++) {
        m[r] = calloc((size_t)cols, sizeof **m);
        if (!m[r]) {
            while (r-- > 0)
                free(m[r]);
            free(m);
            return 1;
        }
    }
    for (int r = 0; r < rows; r++)
        free(m[r]);
    free(m);
    return 0;
}
