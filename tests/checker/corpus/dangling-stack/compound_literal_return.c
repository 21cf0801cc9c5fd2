// The address of a compound literal, which has automatic storage here, is returned.
struct point {
    int x;
    int y;
};

struct point *unit(void)
{
    struct point *p = &(struct point){1, 1};
    return p; // expect: dangling-stack
}
