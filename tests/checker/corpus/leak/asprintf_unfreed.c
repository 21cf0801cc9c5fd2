// asprintf allocates the formatted string; the caller never frees it.
#define _GNU_SOURCE
#include <stdio.h>

void greet(const char *who)
{
    char *msg;
    if (asprintf(&msg, "hello %s", who) < 0) return;
    puts(msg);
} // expect: leak
