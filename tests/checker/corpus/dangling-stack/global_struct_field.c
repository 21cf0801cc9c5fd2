// A stack buffer is stored into a field of a global struct.
struct state {
    const char *label;
    int n;
};

struct state g_state;

void label_state(int n)
{
    char label[8] = "st";
    g_state.label = label; // expect: dangling-stack
    g_state.n = n;
}
