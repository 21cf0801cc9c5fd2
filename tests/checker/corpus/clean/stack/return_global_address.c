// Returning the address of a global is fine.
static int g_counter;

int *counter(void)
{
    return &g_counter;
}
