// A file-static flag decides on the allocation and on the free, but the callback handed to
// another file may flip it in between: the path where it was set and is then cleared leaks.
#include <stdlib.h>

static int keep;

static void on_event(void)
{
    keep = !keep;
}

void subscribe(void (*f)(void));
void pump(void);

void run(size_t n)
{
    char *b = NULL;
    subscribe(on_event);
    if (keep) b = malloc(n);
    pump();
    if (keep) free(b);
} // expect: leak
