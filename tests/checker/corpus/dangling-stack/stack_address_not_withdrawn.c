// The address of a local is published in a caller's struct and taken back on one path only.
struct handler {
    struct handler *previous;
    int status;
};
struct state {
    struct handler *top;
};

int run_protected(struct state *L, int fast)
{
    struct handler h = {L->top, 0};
    L->top = &h; // expect: dangling-stack
    if (fast) return 1;
    L->top = h.previous;
    return h.status;
}
