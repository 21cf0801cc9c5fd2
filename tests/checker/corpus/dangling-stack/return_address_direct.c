// The address of a local is returned directly (the textbook case).
int *make_int(void)
{
    int x = 7;
    return &x; // expect: dangling-stack
}
