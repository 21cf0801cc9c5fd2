// A message is printed after its buffer was released.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *msg = malloc(32);
    if (!msg) return 1;
    strcpy(msg, "done");
    free(msg);
    puts(msg); // expect: use-after-free
    return 0;
}
