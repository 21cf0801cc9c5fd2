// The address of a member of a local struct is returned.
struct point {
    int x;
    int y;
};

int *y_of_origin(void)
{
    struct point origin = {0, 0};
    int *py = &origin.y;
    return py; // expect: dangling-stack
}
