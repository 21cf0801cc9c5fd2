// One arm of the conditional returns a stack buffer, the other a literal.
#include <stdio.h>

const char *describe(int code)
{
    char buf[24];
    snprintf(buf, sizeof buf, "code %d", code);
    const char *text = buf;
    return code ? text : "ok"; // expect: dangling-stack
}
