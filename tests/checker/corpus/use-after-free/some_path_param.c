// Freed on the error branch (the return was forgotten), then used after the join.
#include <stdlib.h>
#include <string.h>

int fill(char *buf, int bad)
{
    if (bad) {
        free(buf);
    }
    strcpy(buf, "ok"); // expect: use-after-free
    return 0;
}
