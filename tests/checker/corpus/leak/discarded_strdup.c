// strdup's copy is discarded: nobody can ever free it.
#include <string.h>

void touch(const char *s)
{
    strdup(s); // expect: leak
}
