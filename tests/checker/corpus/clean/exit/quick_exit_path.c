// Exit with a status from deep inside a loop; live blocks are reachable at that point.
#include <stdio.h>
#include <stdlib.h>

int scan(FILE *f)
{
    char *buf = malloc(256);
    if (!buf) return -1;
    while (fgets(buf, 256, f)) {
        if (buf[0] == 'Q') {
            fprintf(stderr, "quit\n");
            exit(EXIT_SUCCESS);
        }
    }
    free(buf);
    return 0;
}
