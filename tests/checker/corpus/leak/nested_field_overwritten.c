// The cursor stays on one slot: the second string overwrites the first in the same field, and
// the first is lost.
#include <stdlib.h>
#include <string.h>

struct cmd {
    union {
        struct {
            char *fname;
            int append;
        } readcmd;
    } x;
};
struct cmd *next_cmd_entry(void);

void one_command_twice(const char *a, const char *b)
{
    struct cmd *cur = next_cmd_entry();
    cur->x.readcmd.fname = strdup(a);
    cur->x.readcmd.fname = strdup(b); // expect: leak
}
