// Memory still referenced when exit() is called is not a leak.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    (void)argv;
    char *config = malloc(128);
    if (!config) return 1;
    config[0] = 0;
    if (argc > 5) {
        fprintf(stderr, "too many arguments\n");
        exit(2);
    }
    free(config);
    return 0;
}
