// A variable-length array is returned through a pointer.
#include <string.h>

char *scratch(int n)
{
    char vla[n > 0 ? n : 1];
    memset(vla, 0, sizeof vla);
    char *p = vla;
    return p; // expect: dangling-stack
}
