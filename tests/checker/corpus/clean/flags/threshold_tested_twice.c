// An integer compared with the same threshold twice, unchanged in between: the second test
// goes the way the first one went, whichever way each is written (`n > 8` and `n <= 8`,
// `incr <= 0` and `0 < incr`, `n < 0` and `n >= 0`, `n <= 0` and `n < 1`).
#include <stdlib.h>
#include <string.h>

int use(const char *p);

// A stack buffer for small sizes, chosen and freed by the size.
void make_rep(int n)
{
    char *q, sbuf[8];
    if (n > 8)
        q = malloc((size_t)n);
    else
        q = sbuf;
    if (!q) return;
    use(q);
    if (n > 8) free(q);
}

// The other test leaves early: on the path that goes on, n is over 8 and q the block.
void make_rep_early(int n)
{
    char *q, sbuf[8];
    q = n > 8 ? malloc((size_t)n) : sbuf;
    if (!q) return;
    use(q);
    if (n <= 8) return;
    free(q);
}

// grep's fillbuf: a new buffer only when the old one is too small, and the old one freed on
// exactly that path; `readbuf` points into whichever buffer is kept.
static char *buffer;
static long bufalloc;
char *grow_to(long size);

void fillbuf(long need)
{
    char *newbuf, *readbuf;
    long incr_min = need - bufalloc;
    if (incr_min <= 0)
        newbuf = buffer;
    else
        newbuf = grow_to(need);
    if (!newbuf) return;
    readbuf = newbuf + 1;
    if (0 < incr_min) {
        free(buffer);
        buffer = newbuf;
        bufalloc = need;
    }
    memset(readbuf, 0, 1);
}

// A negative count frees at once; the same test, written the other way, inside an argument.
void report(int n)
{
    char *p = malloc(16);
    if (!p) return;
    if (n < 0) free(p);
    use(n >= 0 ? p : NULL);
    if (n >= 0) free(p);
}

// `n <= 0` and `n < 1` are one test for an integer.
int consume(int n)
{
    char *p = malloc(16);
    if (!p) return -1;
    if (n <= 0) free(p);
    if (n < 1) return 0;
    use(p);
    free(p);
    return 1;
}
