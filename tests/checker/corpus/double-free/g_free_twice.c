// GLib's g_strdup and g_free are the malloc family: freeing the copy twice is a double free.
#include <stddef.h>

char *g_strdup(const char *s);
void g_free(void *p);

void forget(const char *name)
{
    char *copy = g_strdup(name);
    g_free(copy);
    g_free(copy); // expect: double-free
}
