// calloc checked for NULL and freed (runnable).
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    long *v = calloc(16, sizeof *v);
    if (!v) {
        perror("calloc");
        return 1;
    }
    v[15] = 15;
    printf("%ld\n", v[15]);
    free(v);
    return 0;
}
