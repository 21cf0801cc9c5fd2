// gnulib's xmalloc and xrealloc (and GLib's g_malloc and g_realloc) end the program rather than
// return NULL: their results need no NULL check, and `p = xrealloc(p, n)` loses nothing, as
// the old block is gone whenever the call returns.
#include <stddef.h>
#include <string.h>

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
void *g_malloc(size_t n);
void *g_realloc(void *p, size_t n);
char *g_strdup(const char *s);
void g_free(void *p);
void free(void *p);

char *joined(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *buf = xmalloc(na + 1);
    memcpy(buf, a, na + 1);
    buf = xrealloc(buf, na + nb + 1);
    memcpy(buf + na, b, nb + 1);
    return buf;
}

void labels(const char *name)
{
    char *copy = xstrdup(name);
    copy[0] = 'L';
    free(copy);
    char *g = g_malloc(8);
    g = g_realloc(g, 64);
    g[63] = 0;
    g_free(g);
    g_free(g_strdup(NULL));
}
