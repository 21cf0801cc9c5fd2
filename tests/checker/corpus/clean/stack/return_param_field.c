// Returning a pointer into a caller-owned struct is fine.
struct pair {
    int a, b;
};

int *second(struct pair *p)
{
    return &p->b;
}
