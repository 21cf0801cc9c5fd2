/* nano's safe_tempfile: the name comes back exactly when the stream was opened. The name went
 * through a function without a body here, so it is no block the caller follows, but its NULL
 * still says whether *stream holds one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int open_named(char *template); /* defined elsewhere */

char *safe_tempfile(FILE **stream)
{
    char *name = strdup("/tmp/own.XXXXXX");
    if (name == NULL) abort();
    int fd = open_named(name);
    *stream = fd >= 0 ? fdopen(fd, "r+b") : NULL;
    if (*stream == NULL) {
        free(name);
        return NULL;
    }
    return name;
}

int spell(void)
{
    FILE *stream;
    char *temp_name = safe_tempfile(&stream);
    if (temp_name == NULL) return -1;
    fclose(stream);
    free(temp_name);
    return 0;
}
