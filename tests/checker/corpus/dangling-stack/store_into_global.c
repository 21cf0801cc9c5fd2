// The address of a local is stored into a global that outlives the call.
static int *g_last;

void remember(int v)
{
    int local = v;
    g_last = &local; // expect: dangling-stack
}
