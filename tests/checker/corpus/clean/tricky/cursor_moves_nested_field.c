// sed's compile_program: a cursor moves to a fresh slot of a vector each turn, and a string is
// stored in a field of a union inside the slot. Once the cursor moved, `cur->x.label` names
// another slot's field: the earlier slot keeps its string, and nothing is overwritten.
#include <stdlib.h>
#include <string.h>

struct cmd {
    char c;
    union {
        char *label;
        struct {
            char *fname;
            int append;
        } readcmd;
    } x;
};
struct cmd *next_cmd_entry(void); /* a new slot of a vector that keeps them */

void compile_program(const char *prog)
{
    struct cmd *cur;
    for (;;) {
        char ch = *prog++;
        if (!ch) break;
        cur = next_cmd_entry();
        cur->c = ch;
        if (ch == ':') cur->x.label = strdup(prog);
        if (ch == 'r') cur->x.readcmd.fname = strdup(prog);
    }
}

void two_commands(const char *a, const char *b)
{
    struct cmd *cur = next_cmd_entry();
    cur->x.readcmd.fname = strdup(a);
    cur = next_cmd_entry();
    cur->x.readcmd.fname = strdup(b);
}
