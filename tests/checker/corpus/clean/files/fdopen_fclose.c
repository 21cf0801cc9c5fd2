// A stream from fdopen is closed with fclose, which also closes the descriptor.
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int write_null(void)
{
    int fd = open("/dev/null", O_WRONLY);
    if (fd < 0) return -1;
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        return -1;
    }
    fputs("x", f);
    fclose(f);
    return 0;
}
