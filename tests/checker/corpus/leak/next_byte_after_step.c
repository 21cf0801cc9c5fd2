// What the path knew of `*s` is of the byte s pointed at: after `s++` the next byte may be the
// string's end, and the return that leaves the block behind is reached.
#include <stdlib.h>

int second_letter(const char *s)
{
    if (*s == '\0') return 0;
    s++;
    char *copy = malloc(2);
    if (!copy) return -1;
    if (*s != '\0') {
        copy[0] = *s;
        free(copy);
        return 1;
    }
    return 2; // expect: leak
}
