// A stack node is pushed onto the caller's list and dies when the function returns.
struct node {
    struct node *next;
    int value;
};

void push_temp(struct node **head, int v)
{
    struct node n;
    n.value = v;
    n.next = *head;
    *head = &n; // expect: dangling-stack
}
