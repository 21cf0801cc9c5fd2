// The error branch frees but does not return, so the common path frees again.
#include <stdlib.h>

int consume(char *buf, int err)
{
    if (err) {
        free(buf);
    }
    free(buf); // expect: double-free
    return err ? -1 : 0;
}
