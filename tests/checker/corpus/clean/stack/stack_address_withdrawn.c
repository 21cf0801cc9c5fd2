// The address of a local is published in a caller's struct and taken back before the frame ends
// (an error-handler chain): nothing outlives the frame.
struct handler {
    struct handler *previous;
    int status;
};
struct state {
    struct handler *top;
};

int run_protected(struct state *L, void (*f)(struct state *))
{
    struct handler h = {L->top, 0};
    L->top = &h;
    f(L);
    L->top = h.previous;
    return h.status;
}
