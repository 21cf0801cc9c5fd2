/* backtrace_load.c: the stacks and source lines of libown-malloc.so's reports. `own run` preloads
 * libunwind and libdw beside it, so that even the allocations made before any constructor have
 * their stacks; used on its own with backtrace=1 or checked=1, it loads them here, and only what
 * is allocated from now on has a stack. Otherwise they are never loaded: a plain malloc does not
 * pay their pages. */
#include "core/core.h"

__attribute__((constructor)) static void load_backtrace_libraries(void)
{
    if (own__options()->backtrace || own__options()->checked) own__backtrace_load();
}
