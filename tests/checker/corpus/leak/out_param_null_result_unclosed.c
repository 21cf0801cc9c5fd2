// As clean/out_param_null_result.c, but the stream of a successful call is never closed.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

char *make_name(void);

static char *safe_tempfile(FILE **stream)
{
    char *name = make_name();
    int fd = mkstemp(name);
    *stream = fd > 0 ? fdopen(fd, "r+b") : NULL;
    if (*stream == NULL) {
        if (fd > 0) close(fd);
        free(name);
        return NULL;
    }
    return name;
}

int write_copy(const char *text)
{
    FILE *target;
    char *tempname = safe_tempfile(&target);
    if (tempname == NULL) return -1;
    fputs(text, target);
    unlink(tempname);
    free(tempname);
    return 0; // expect: leak
}
