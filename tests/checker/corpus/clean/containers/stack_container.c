// A LIFO stack structure owns pushed blocks and frees them on pop.
#include <stdlib.h>

struct stack {
    void *items[16];
    int top;
};

static int push(struct stack *s, void *p)
{
    if (s->top == 16) return -1;
    s->items[s->top++] = p;
    return 0;
}

static void *pop(struct stack *s)
{
    return s->top ? s->items[--s->top] : NULL;
}

int main(void)
{
    struct stack s = {{0}, 0};
    for (int i = 0; i < 3; i++) {
        void *p = malloc(8);
        if (p && push(&s, p) < 0) free(p);
    }
    void *p;
    while ((p = pop(&s)) != NULL)
        free(p);
    return 0;
}
