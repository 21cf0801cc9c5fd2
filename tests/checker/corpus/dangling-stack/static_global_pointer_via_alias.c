// The address of a local reaches a global through a local alias.
static const char *g_name;

void set_current(void)
{
    char name[8] = "main";
    const char *alias = name;
    g_name = alias; // expect: dangling-stack
}
