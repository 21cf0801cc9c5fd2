// getcwd(NULL, 0) allocates the result, which is freed (runnable).
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
    char *cwd = getcwd(NULL, 0);
    if (!cwd) return 1;
    printf("%d\n", cwd[0] == '/');
    free(cwd);
    return 0;
}
