/* libyaml's STACK_INIT as a condition: `?:` yields 1 only where the allocation succeeded, so
 * the early return never leaves the block behind. */
#include <stdlib.h>

struct stack {
    int *start, *top, *end;
};

#define STACK_INIT(s, n)                                                                           \
    (((s).start = malloc((n) * sizeof *(s).start))                                                 \
         ? ((s).top = (s).start, (s).end = (s).start + (n), 1)                                     \
         : 0)

int fill(struct stack *s);

int build(void)
{
    struct stack s;
    if (!STACK_INIT(s, 16)) return 0;
    int ok = fill(&s);
    free(s.start);
    return ok;
}
