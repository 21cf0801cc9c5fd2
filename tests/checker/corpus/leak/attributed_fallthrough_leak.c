// The statements around an attributed one are still followed: the copy made before the
// fall-through is lost when the next case overwrites it.
#include <stdlib.h>
#include <string.h>

int count(int kind, const char *text)
{
    char *copy = NULL;
    switch (kind) {
    case 0:
        copy = strdup(text);
        __attribute__((fallthrough));
    case 1:
        copy = strdup("default"); // expect: leak
        break;
    default:
        return 0;
    }
    int n = copy ? (int)strlen(copy) : 0;
    free(copy);
    return n;
}
