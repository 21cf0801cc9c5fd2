// screen's password check: an empty password is the global `NullStr`, never freed; any other was
// allocated. A comparison with the sentinel says which, and it is the same array it was set to.
#include <stdlib.h>
#include <string.h>

extern char NullStr[];

struct user {
    char *password;
};

void check_password(struct user *u, const char *typed)
{
    if (!typed || strcmp(u->password, typed)) {
        if (u->password != NullStr) free(u->password);
        u->password = NullStr;
    }
    if (u->password != NullStr) {
        free(u->password);
        u->password = NullStr;
    }
}
