// One case allocates and frees within its own block.
#include <stdio.h>
#include <stdlib.h>

void act(int op)
{
    switch (op) {
    case 1: {
        char *msg = malloc(16);
        if (!msg) return;
        snprintf(msg, 16, "op %d", op);
        puts(msg);
        free(msg);
        break;
    }
    default:
        break;
    }
}
