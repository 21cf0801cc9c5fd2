// A pointer into the sentinel array is not the sentinel: the comparison does not guard the free.
#include <stdlib.h>

extern char NullStr[];

struct user {
    char *password;
};

void clear(struct user *u, int i)
{
    u->password = &NullStr[i];
    if (u->password != NullStr) free(u->password); // expect: free-non-heap
}
