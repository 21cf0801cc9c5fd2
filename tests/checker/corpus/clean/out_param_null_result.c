// nano's safe_tempfile: the stream comes back through a pointer and the name as the result, NULL
// exactly when the stream could not be opened; the caller tests the name only.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
    fclose(target);
    unlink(tempname);
    free(tempname);
    return 0;
}
