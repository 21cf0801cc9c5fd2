// Marks per block, the counter bumped before the tests and the block index moving on when a
// block ends: each block's output is opened at its start and closed after its end.
#include <stdio.h>
#include <stdlib.h>

long starts[64], ends[64];
int next_bit(void);

void split(const char *name, int blocks)
{
    FILE *out = NULL;
    long bits = 0;
    int block = 0;
    while (1) {
        int b = next_bit();
        if (b == 2) break;
        if (out != NULL && bits >= starts[block] && bits <= ends[block]) fputc(b, out);
        bits++;
        if (bits == ends[block] + 1) {
            if (out != NULL) {
                fclose(out);
                out = NULL;
            }
            if (block >= blocks) break;
            block++;
        } else if (bits == starts[block]) {
            out = fopen(name, "wb");
            if (out == NULL) exit(1);
        }
    }
    if (out != NULL) fclose(out);
}
