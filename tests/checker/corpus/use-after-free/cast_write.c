// A freed block is written through a cast to a different type.
#include <stdlib.h>

int main(void)
{
    void *raw = malloc(16);
    if (!raw) return 1;
    free(raw);
    *(unsigned *)raw = 0xdeadu; // expect: use-after-free
    return 0;
}
