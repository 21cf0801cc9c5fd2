/* backtrace_load.c: the stacks and source lines of libown-malloc.so's reports. `own run` preloads
 * libunwind beside it, so that even the allocations made before any constructor have their
 * stacks; used on its own with backtrace=1 or checked=1, it loads it here, and only what is
 * allocated from now on has a stack. libdw, which names the frames, is loaded by the first report
 * (core/trace_calls.c). Otherwise neither is loaded: a plain malloc does not pay their pages. */
#include "core/core.h"

__attribute__((constructor)) static void load_backtrace_libraries(void)
{
    if (own__options()->backtrace || own__options()->checked) own__backtrace_load();
}
