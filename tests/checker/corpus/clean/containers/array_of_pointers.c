// Pointers are stored in a local array and freed in a second loop (runnable).
#include <stdlib.h>

int main(void)
{
    char *slots[5];
    int n = 0;
    for (int i = 0; i < 5; i++) {
        char *p = malloc(8);
        if (!p) break;
        slots[n++] = p;
    }
    for (int i = 0; i < n; i++)
        free(slots[i]);
    return 0;
}
