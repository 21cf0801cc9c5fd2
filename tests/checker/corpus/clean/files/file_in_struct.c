// A stream owned by a struct is closed by the struct's close function.
#include <stdio.h>
#include <stdlib.h>

struct logger {
    FILE *out;
    int lines;
};

static struct logger *logger_open(const char *path)
{
    struct logger *l = malloc(sizeof *l);
    if (!l) return NULL;
    l->out = fopen(path, "a");
    if (!l->out) {
        free(l);
        return NULL;
    }
    l->lines = 0;
    return l;
}

static void logger_close(struct logger *l)
{
    fclose(l->out);
    free(l);
}

int main(void)
{
    struct logger *l = logger_open("/dev/null");
    if (!l) return 1;
    fputs("line\n", l->out);
    logger_close(l);
    return 0;
}
