// As clean/goto/computed_goto_dispatch.c, but the freeing opcode leaves the pointer set: a
// second `op_free` frees the caller's block again.
#include <stdlib.h>

#define NEXT goto *dispatch[pc < n ? code[pc++] % 2 : 0]

int run(char *p, const unsigned char *code, size_t n)
{
    static void *dispatch[] = {&&op_halt, &&op_free};
    size_t pc = 0;
    NEXT;
op_free:
    free(p); // expect: double-free
    NEXT;
op_halt:
    return 0;
}
