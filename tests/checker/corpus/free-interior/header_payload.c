// The payload after a header is freed instead of the header that malloc returned.
#include <stdlib.h>

struct hdr {
    size_t size;
};

void bad(void)
{
    struct hdr *h = malloc(sizeof *h + 32);
    if (!h) return;
    h->size = 32;
    char *payload = (char *)(h + 1);
    payload[0] = 0;
    free(payload); // expect: free-interior
}
