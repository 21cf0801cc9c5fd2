// Stack nodes linked into a local list that is used only inside the frame.
#include <stdio.h>

struct node {
    struct node *next;
    int v;
};

int main(void)
{
    struct node c = {NULL, 3}, b = {&c, 2}, a = {&b, 1};
    int sum = 0;
    for (struct node *n = &a; n; n = n->next)
        sum += n->v;
    printf("%d\n", sum);
    return 0;
}
