// The pointer is saved, freed, restored from the copy and freed again.
#include <stdlib.h>

int main(void)
{
    char *p = malloc(8);
    if (!p) return 1;
    char *saved = p;
    free(p);
    p = saved;
    free(p); // expect: double-free
    return 0;
}
