// Each loop iteration frees the previous string, and the last one is freed twice after the loop.
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *last = strdup("start");
    if (!last) return 1;
    free(last);
    for (int i = 0; i < 3; i++) {
        last = strdup("item");
        if (!last) return 1;
        free(last);
    }
    free(last); // expect: double-free
    return 0;
}
