// A _Noreturn die() helper ends the path; nothing is leaked on it.
#include <stdio.h>
#include <stdlib.h>

_Noreturn static void die(const char *msg)
{
    fprintf(stderr, "%s\n", msg);
    exit(1);
}

int run(const char *s)
{
    char *buf = malloc(64);
    if (!buf) die("out of memory");
    if (!s) die("no input");
    buf[0] = s[0];
    int r = buf[0];
    free(buf);
    return r;
}
