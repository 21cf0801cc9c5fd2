// memcpy writes into a destination that was already freed.
#include <stdlib.h>
#include <string.h>

int main(void)
{
    const char src[4] = "abc";
    char *dst = malloc(sizeof src);
    if (!dst) return 1;
    free(dst);
    memcpy(dst, src, sizeof src); // expect: use-after-free
    return 0;
}
