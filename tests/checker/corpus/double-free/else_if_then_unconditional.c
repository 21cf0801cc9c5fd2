// The first arm of an else-if chain frees; the unconditional free after the chain repeats it.
#include <stdlib.h>

int finish(int *state, int code)
{
    if (code < 0)
        free(state);
    else if (code == 0)
        *state = 0;
    free(state); // expect: double-free
    return code;
}
