// A struct field is pointed at a stack buffer and then freed as if it were heap memory.
#include <stdlib.h>

struct msg {
    char *text;
    size_t len;
};

void bad(void)
{
    char local[20] = "hi";
    struct msg m = {local, 2};
    free(m.text); // expect: free-non-heap
}
