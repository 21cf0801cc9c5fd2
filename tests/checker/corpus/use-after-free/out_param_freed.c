// A buffer freed through a pointer-to-pointer is written through it afterwards.
#include <stdlib.h>

void reset(char **pp)
{
    free(*pp);
    (*pp)[0] = '\0'; // expect: use-after-free
}
