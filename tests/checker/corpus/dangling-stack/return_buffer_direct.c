// A local char array is returned directly.
#include <string.h>

char *greeting(void)
{
    char buf[8];
    strcpy(buf, "hello");
    return buf; // expect: dangling-stack
}
