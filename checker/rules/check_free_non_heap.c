/* check_free_non_heap.c: stack, static or literal memory handed to free, fclose or own_drop. */
#include "../engine.h"

bool chk_rule_free_non_heap(chk_fn *fn, chk_state *st, chk_val v, CXCursor call, CXCursor arg)
{
    (void)st;
    if (!(v.m & (VM_STACK | VM_STATIC)) || (v.m & (VM_OBJ | VM_UNKNOWN | VM_NULL))) return false;
    if (!fn->reporting) return true;
    char name[80];
    chk_value_name(fn, arg, name, sizeof name);
    chk_finding f;
    chk_finding_start(fn, &f, CHK_FREE_NON_HEAP, chk_loc_of(fn, call));
    if (v.m & VM_STACK) {
        int root = v.k >= 0 ? chk_place_root(fn, v.k) : -1;
        if (root >= 0)
            snprintf(f.message, sizeof f.message,
                     "%s points to the stack variable `%s`, not the heap", name, fn->pl[root].name);
        else
            snprintf(f.message, sizeof f.message,
                     "%s points to a compound literal on the stack, not the heap", name);
        snprintf(f.label, sizeof f.label, "stack memory freed here");
        if (root >= 0)
            chk_finding_note(&f, chk_loc_of(fn, fn->pl[root].decl), "`%s` declared here",
                             fn->pl[root].name);
        else
            chk_finding_site_note(fn, &f, v.site, "the compound literal is made here");
    } else {
        snprintf(f.message, sizeof f.message, "%s points to static memory, not the heap", name);
        snprintf(f.label, sizeof f.label, "static memory freed here");
        chk_finding_site_note(fn, &f, v.site, "the address comes from here");
    }
    chk_finding_emit(fn, &f);
    return true;
}
