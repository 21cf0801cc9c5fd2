// The address of a local variable is returned.
int *counter(void)
{
    int count = 0;
    int *p = &count;
    return p; // expect: dangling-stack
}
