// The block memcpy copies into is its result; nobody keeps it.
#include <stdlib.h>
#include <string.h>

void copy_and_forget(const char *text, size_t n)
{
    memcpy(malloc(n), text, n); // expect: leak
}
