// A pipe stream is closed twice.
#include <stdio.h>

int main(void)
{
    FILE *p = popen("true", "r");
    if (!p) return 1;
    pclose(p);
    pclose(p); // expect: double-free
    return 0;
}
