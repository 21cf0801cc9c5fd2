// A local struct is returned by value, which copies it.
struct point {
    int x, y;
};

struct point make(int x, int y)
{
    struct point p = {x, y};
    return p;
}
