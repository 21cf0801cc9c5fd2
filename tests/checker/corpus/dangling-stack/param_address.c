// The address of a by-value parameter is returned.
int *identity(int x)
{
    int *p = &x;
    return p; // expect: dangling-stack
}
