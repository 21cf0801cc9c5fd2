// A project's own function named like a library allocator, with another shape: this `xmalloc`
// hands out slots of a static pool by index, and this `free` takes an index. Neither is the C
// library's, and nothing here is a heap block.
static char pool[16][32];

static int xmalloc(int size)
{
    return size > 0 && size <= 32 ? 3 : -1;
}

static void xfree(int slot)
{
    if (slot >= 0) pool[slot][0] = 0;
}

int use_slot(void)
{
    int slot = xmalloc(8);
    int other = xmalloc(8);
    xfree(slot);
    return other;
}
