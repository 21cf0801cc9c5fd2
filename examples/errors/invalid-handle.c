/* invalid-handle: a handle own never gave out — made up from a plain pointer. */
#include <stdlib.h>

#include <own/own.h>

int main(void)
{
    char *plain = malloc(32);
    own_box forged = {plain, 42};
    own_drop(&forged); /* error: not an owned block */
    free(plain);
    return 0;
}
