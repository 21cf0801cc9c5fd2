// A stream still open when exit() runs is flushed and closed by exit itself.
#include <stdio.h>
#include <stdlib.h>

void die_with_log(const char *msg)
{
    FILE *log = fopen("/tmp/own-corpus-die.log", "a");
    if (log) fputs(msg, log);
    exit(1);
}
