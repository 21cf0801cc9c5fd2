// The address of a local is stored into a slot of a global array.
static double *g_slots[4];

void register_value(int i, double v)
{
    double local = v;
    g_slots[i & 3] = &local; // expect: dangling-stack
}
