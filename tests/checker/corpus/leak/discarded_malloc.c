// The result of malloc is thrown away on the spot.
#include <stdlib.h>

void warm_up(void)
{
    malloc(16); // expect: leak
}
