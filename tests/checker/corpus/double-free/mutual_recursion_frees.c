// Two functions that free by turns, mutually recursive: each frees its argument on every path
// that returns, so the caller's own free afterwards is a second one.
#include <stdlib.h>

static void odd_free(char *p, int n);

static void even_free(char *p, int n)
{
    if (n == 0) {
        free(p);
        return;
    }
    odd_free(p, n - 1);
}

static void odd_free(char *p, int n)
{
    if (n == 0) {
        free(p);
        return;
    }
    even_free(p, n - 1);
}

void hand_back(int turns)
{
    char *p = malloc(8);
    if (!p) return;
    even_free(p, turns);
    free(p); // expect: double-free
}
