/* stack-resize: the notepad on the stack is asked to grow; a stack block's size is fixed. */
#include <own/own.h>

int main(void)
{
    OWN_FRAME
    {
        own_box notepad = own_stack_alloc(32);
        own_resize(&notepad, 64); /* error: use own_new for a block that grows */
    }
    return 0;
}
