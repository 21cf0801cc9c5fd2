// After the pointer is handed to the output, the cleanup label must not free it.
#include <stdlib.h>

int produce(int **out, int fail_late)
{
    int *p = malloc(sizeof *p);
    if (!p) goto err;
    *p = 1;
    *out = p;
    p = NULL;
    if (fail_late) goto err;
    return 0;
err:
    free(p);
    return -1;
}
