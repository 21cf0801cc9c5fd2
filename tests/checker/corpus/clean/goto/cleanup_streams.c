// Two streams and a buffer are released at one exit label.
#include <stdio.h>
#include <stdlib.h>

int copy_file(const char *from, const char *to)
{
    int r = -1;
    FILE *in = NULL, *out = NULL;
    char *buf = NULL;
    in = fopen(from, "rb");
    if (!in) goto done;
    out = fopen(to, "wb");
    if (!out) goto done;
    buf = malloc(4096);
    if (!buf) goto done;
    size_t n;
    while ((n = fread(buf, 1, 4096, in)) > 0)
        fwrite(buf, 1, n, out);
    r = 0;
done:
    free(buf);
    if (out) fclose(out);
    if (in) fclose(in);
    return r;
}
