// open_memstream: the stream is closed with fclose and its buffer freed with free.
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m) return 1;
    fprintf(m, "hello %d", 42);
    fclose(m);
    puts(buf);
    free(buf);
    return 0;
}
