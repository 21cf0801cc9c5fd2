// A state machine loop frees its token in the state that consumes it.
#include <stdlib.h>

enum state { READ, EMIT, DONE };

int run(int n)
{
    enum state s = READ;
    char *tok = NULL;
    int count = 0;
    while (s != DONE) {
        switch (s) {
        case READ:
            if (count == n) {
                s = DONE;
                break;
            }
            tok = malloc(8);
            if (!tok) return -1;
            s = EMIT;
            break;
        case EMIT:
            free(tok);
            tok = NULL;
            count++;
            s = READ;
            break;
        case DONE:
            break;
        }
    }
    return count;
}
