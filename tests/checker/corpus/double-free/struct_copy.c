// A struct is copied; the member block is freed through each copy.
#include <stdlib.h>
#include <string.h>

struct entry {
    char *key;
    int value;
};

int main(void)
{
    struct entry a = {strdup("k"), 1};
    if (!a.key) return 1;
    struct entry b = a;
    free(a.key);
    free(b.key); // expect: double-free
    return 0;
}
