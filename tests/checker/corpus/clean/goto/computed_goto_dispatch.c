// A small interpreter dispatches with GNU's computed goto: `goto *dispatch[op]` may go to any
// label whose address the function takes. Every opcode frees what the last one made.
#include <stdlib.h>

#define NEXT goto *dispatch[pc < n ? code[pc++] % 3 : 0]

int run(const unsigned char *code, size_t n)
{
    static void *dispatch[] = {&&op_halt, &&op_alloc, &&op_free};
    char *p = NULL;
    size_t pc = 0;
    int result = 0;
    NEXT;
op_alloc:
    free(p);
    p = malloc(16);
    result++;
    NEXT;
op_free:
    free(p);
    p = NULL;
    NEXT;
op_halt:
    free(p);
    return result;
}
