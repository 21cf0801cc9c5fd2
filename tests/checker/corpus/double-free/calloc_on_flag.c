// The guard tests the flag the wrong way round: a double free on one path, a leak on the other.
#include <stdlib.h>

int run(int argc)
{
    int freed = 0;
    int *v = calloc(3, sizeof *v);
    if (!v) return 1;
    if (argc > 2) {
        free(v);
        freed = 1;
    }
    if (freed) free(v); // expect: double-free
    return freed;       // expect: leak
}

int main(int argc, char **argv)
{
    (void)argv;
    return run(argc);
}
