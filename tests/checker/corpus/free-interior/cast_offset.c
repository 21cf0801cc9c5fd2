// A byte offset computed through a char pointer cast is freed.
#include <stdint.h>
#include <stdlib.h>

void bad(void)
{
    uint32_t *words = malloc(4 * sizeof *words);
    if (!words) return;
    void *mid = (char *)words + 8;
    free(mid); // expect: free-interior
}
