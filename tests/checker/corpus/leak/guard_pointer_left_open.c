// The guard protects every use of the stream `w`, but the stream still open when the input ends
// is never closed: the correlation of `out` with `w` must not hide the leak.
#include <stdio.h>
#include <stdlib.h>

struct stream {
    FILE *handle;
    int bits;
};

static struct stream *stream_open(FILE *f)
{
    struct stream *s = malloc(sizeof *s);
    if (!s) exit(1);
    s->handle = f;
    s->bits = 0;
    return s;
}

static void stream_put(struct stream *s, int c)
{
    if (putc(c, s->handle) == EOF) exit(1);
    s->bits++;
}

static void stream_close(struct stream *s)
{
    fclose(s->handle);
    free(s);
}

int next_bit(void);
extern long start[16], end[16];

void split(const char *name, int blocks)
{
    FILE *out = NULL;
    struct stream *w = NULL;
    long n = 0;
    unsigned crc = 0;
    int block = 0;
    while (1) {
        int b = next_bit();
        if (b == 2) break;
        if (n == 47 + start[block]) crc = (crc << 1) | (unsigned)b;
        if (out != NULL && n >= start[block] && n <= end[block]) stream_put(w, b);
        n++;
        if (n == end[block] + 1) {
            if (out != NULL) {
                stream_put(w, 0x17);
                stream_put(w, (int)crc);
                stream_close(w);
                out = NULL;
            }
            if (block >= blocks) break;
            block++;
        } else if (out == NULL && n == start[block]) {
            out = fopen(name, "wb");
            if (out == NULL) exit(1);
            w = stream_open(out);
            stream_put(w, 'B');
        }
    }
} // expect: leak
