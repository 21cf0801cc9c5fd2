// The pointer itself is advanced past a prefix and then freed.
#include <stdlib.h>
#include <string.h>

void bad(void)
{
    char *p = malloc(16);
    if (!p) return;
    strcpy(p, "ab:value");
    p += 3;
    free(p); // expect: free-interior
}
