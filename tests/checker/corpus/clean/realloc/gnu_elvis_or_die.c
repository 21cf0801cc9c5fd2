// popt's allocation macros: GNU's `a ?: b`, where b never returns. `realloc(p, n) ?: vmefail()`
// reallocates once (libclang shows the operand three times), and the result is never NULL.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define vmefail() (fprintf(stderr, "virtual memory exhausted.\n"), exit(EXIT_FAILURE), NULL)
#define xmalloc(n) (malloc(n) ?: vmefail())
#define xrealloc(p, n) (realloc((p), (n)) ?: vmefail())

int save_string(const char ***argvp, const char *val)
{
    int argc = 0;
    if (argvp == NULL || val == NULL) return -1;
    if (*argvp != NULL)
        while ((*argvp)[argc] != NULL)
            argc++;
    if ((*argvp = xrealloc(*argvp, (argc + 2) * sizeof(**argvp))) != NULL) {
        (*argvp)[argc++] = strdup(val);
        (*argvp)[argc] = NULL;
    }
    return 0;
}

char *copy(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n); /* never NULL here */
    return p;
}

char *first_or_empty(char *given)
{
    char *s = given ?: strdup("");
    return s;
}
