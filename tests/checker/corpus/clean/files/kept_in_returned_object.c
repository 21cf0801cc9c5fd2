// A callee that stores its argument in the object it returns keeps it: whoever releases that
// object releases the argument too.
#include <stdio.h>
#include <stdlib.h>

struct stream {
    FILE *handle;
};

static struct stream *stream_open(FILE *f)
{
    struct stream *s = malloc(sizeof *s);
    if (!s) exit(1);
    s->handle = f;
    return s;
}

static void stream_close(struct stream *s)
{
    fclose(s->handle);
    free(s);
}

void copy(const char *a, const char *b)
{
    FILE *f = fopen(a, "rb");
    if (!f) return;
    stream_close(stream_open(f));
    f = fopen(b, "rb");
    if (f) fclose(f);
}
