// systemd's DEFINE_TRIVIAL_CLEANUP_FUNC: the cleanup function obj_freep calls the destructor
// obj_free, which frees the fields too; a field set before an early return is not leaked.
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define _cleanup_(x) __attribute__((__cleanup__(x)))
#define TAKE_PTR(ptr)                                                                              \
    ({                                                                                             \
        __typeof__(ptr) *_pp_ = &(ptr);                                                            \
        __typeof__(ptr) _p_ = *_pp_;                                                               \
        *_pp_ = NULL;                                                                              \
        _p_;                                                                                       \
    })
#define DEFINE_TRIVIAL_CLEANUP_FUNC(type, func)                                                    \
    static inline void func##p(type *p)                                                            \
    {                                                                                              \
        if (*p) func(*p);                                                                          \
    }

struct obj {
    char *name;
    int *values;
};

static void obj_free(struct obj *o)
{
    if (!o) return;
    free(o->name);
    free(o->values);
    free(o);
}
DEFINE_TRIVIAL_CLEANUP_FUNC(struct obj *, obj_free)

int obj_new(const char *name, struct obj **ret)
{
    _cleanup_(obj_freep) struct obj *o = NULL;
    o = calloc(1, sizeof *o);
    if (!o) return -ENOMEM;
    o->name = strdup(name);
    if (!o->name) return -ENOMEM;
    o->values = calloc(4, sizeof *o->values);
    if (!o->values) return -ENOMEM;
    *ret = TAKE_PTR(o);
    return 0;
}
