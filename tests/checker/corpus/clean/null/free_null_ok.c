// free(NULL) is a no-op, so freeing a possibly NULL pointer is fine.
#include <stdlib.h>

void run(int want)
{
    char *p = NULL;
    if (want) p = malloc(10);
    free(p);
}
