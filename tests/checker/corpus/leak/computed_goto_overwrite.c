// As clean/goto/computed_goto_dispatch.c, but the allocating opcode does not free what the last
// one made: a second `op_alloc` overwrites it.
#include <stdlib.h>

#define NEXT goto *dispatch[pc < n ? code[pc++] % 2 : 0]

int run(const unsigned char *code, size_t n)
{
    static void *dispatch[] = {&&op_halt, &&op_alloc};
    char *p = NULL;
    size_t pc = 0;
    NEXT;
op_alloc:
    p = malloc(16); // expect: leak
    NEXT;
op_halt:
    free(p);
    return 0;
}
