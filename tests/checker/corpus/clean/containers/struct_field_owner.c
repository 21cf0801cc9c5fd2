// A pointer moved into a struct field is freed through the field.
#include <stdlib.h>

struct job {
    char *payload;
    int id;
};

int run(void)
{
    struct job j;
    char *p = malloc(32);
    if (!p) return -1;
    j.payload = p;
    j.id = 1;
    free(j.payload);
    return 0;
}
