// A struct member is freed twice.
#include <stdlib.h>
#include <string.h>

struct user {
    char *name;
    int id;
};

int main(void)
{
    struct user u = {strdup("ann"), 1};
    if (!u.name) return 1;
    free(u.name);
    u.id = 0;
    free(u.name); // expect: double-free
    return 0;
}
