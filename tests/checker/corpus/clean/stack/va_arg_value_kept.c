// sqlite's sqlite3_config: each option's value comes from va_arg and is kept in a static
// configuration. The value is the next argument, not the address of the local `ap`.
#include <stdarg.h>

static struct config {
    int memstat;
    void *page;
} config;

int configure(int op, ...)
{
    va_list ap;
    va_start(ap, op);
    if (op == 1)
        config.memstat = va_arg(ap, int);
    else
        config.page = va_arg(ap, void *);
    va_end(ap);
    return 0;
}

const char *first_name(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    const char *name = n > 0 ? va_arg(ap, const char *) : "";
    va_end(ap);
    return name;
}
