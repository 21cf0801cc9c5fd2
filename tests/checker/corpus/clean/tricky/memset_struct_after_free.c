// After freeing a member, the whole struct is cleared; that writes the struct, not the freed block.
#include <stdlib.h>
#include <string.h>

struct holder {
    char *buf;
    size_t len;
};

void holder_reset(struct holder *h)
{
    free(h->buf);
    memset(h, 0, sizeof *h);
}
