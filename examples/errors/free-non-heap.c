/* free-non-heap: the notepad is a stack block; dropping it like a heap order is wrong. */
#include <own/own.h>

int main(void)
{
    OWN_FRAME
    {
        own_box notepad = own_stack_alloc(64);
        own_drop(&notepad); /* error: it belongs to its frame */
    }
    return 0;
}
