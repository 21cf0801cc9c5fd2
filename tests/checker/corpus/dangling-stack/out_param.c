// The address of a local is written through an out-parameter to the caller.
void get_limit(int **out)
{
    int limit = 100;
    *out = &limit; // expect: dangling-stack
}
