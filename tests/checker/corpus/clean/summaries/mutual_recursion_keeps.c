// Mutual recursion where one turn keeps the block instead of freeing it: the caller cannot know
// which, so its free afterwards is not reported; and a pair that frees on every path, called once.
#include <stdlib.h>

static char *kept;

static void odd_turn(char *p, int n);

static void even_turn(char *p, int n)
{
    if (n == 0) {
        kept = p;
        return;
    }
    odd_turn(p, n - 1);
}

static void odd_turn(char *p, int n)
{
    if (n == 0) {
        free(p);
        return;
    }
    even_turn(p, n - 1);
}

void maybe_kept(int turns)
{
    char *p = malloc(8);
    if (!p) return;
    odd_turn(p, turns);
}

static void pong(char *p, int n);

static void ping(char *p, int n)
{
    if (n <= 0) {
        free(p);
        return;
    }
    pong(p, n - 1);
}

static void pong(char *p, int n)
{
    if (n <= 0) {
        free(p);
        return;
    }
    ping(p, n - 2);
}

void played_once(int n)
{
    char *p = malloc(8);
    if (!p) return;
    ping(p, n);
}
