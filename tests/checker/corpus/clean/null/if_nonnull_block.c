// All work happens inside an if (p) block; nothing is owned on the other path.
#include <stdio.h>
#include <stdlib.h>

void greet(void)
{
    char *p = malloc(6);
    if (p) {
        p[0] = 'h';
        p[1] = 0;
        puts(p);
        free(p);
    }
}
