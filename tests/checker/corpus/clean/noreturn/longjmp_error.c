// A longjmp leaves the function after the buffer was freed on the error path.
#include <setjmp.h>
#include <stdlib.h>

static jmp_buf g_env;

static void parse(const char *s)
{
    char *tmp = malloc(16);
    if (!tmp) longjmp(g_env, 1);
    if (s[0] == 0) {
        free(tmp);
        longjmp(g_env, 2);
    }
    tmp[0] = s[0];
    free(tmp);
}

int main(void)
{
    if (setjmp(g_env) != 0) return 1;
    parse("x");
    return 0;
}
