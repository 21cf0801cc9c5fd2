/* check_use_after_free.c: a block is read, written, passed on or returned after it was freed. */
#include "../engine.h"

void chk_rule_use_after_free(chk_fn *fn, chk_state *st, chk_val v, CXCursor at, const char *how)
{
    if (!fn->reporting || !(v.m & VM_OBJ) || v.obj < 0) return;
    const chk_obj *o = &st->o[v.obj];
    if (!(o->m & OM_FREED)) return;
    char name[80];
    chk_value_name(fn, at, name, sizeof name);
    chk_finding f;
    chk_finding_start(fn, &f, CHK_USE_AFTER_FREE, chk_loc_of(fn, at));
    snprintf(f.message, sizeof f.message, "%s is %s after it was freed", name, how);
    snprintf(f.label, sizeof f.label, "%s here after free", how);
    chk_finding_site_note(fn, &f, o->free_site, "freed here");
    chk_finding_site_note(fn, &f, o->alloc_site, "allocated here");
    chk_finding_path(fn, &f, o->free_site, false); /* the branch that freed it, if any */
    chk_finding_emit(fn, &f);
}
