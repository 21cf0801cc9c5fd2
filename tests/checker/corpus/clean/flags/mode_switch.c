// The same mode value decides both the allocation and the release.
#include <stdio.h>
#include <stdlib.h>

enum mode { MODE_STACK, MODE_HEAP };

int run(enum mode m)
{
    int local = 0;
    int *p = &local;
    if (m == MODE_HEAP) {
        p = malloc(sizeof *p);
        if (!p) return -1;
    }
    *p = 42;
    printf("%d\n", *p);
    if (m == MODE_HEAP) free(p);
    return 0;
}
