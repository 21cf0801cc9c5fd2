/* check_double_free.c: a block is freed (or dropped) a second time. */
#include "../engine.h"

bool chk_rule_double_free(chk_fn *fn, chk_state *st, chk_val v, CXCursor call, CXCursor arg)
{
    const chk_obj *o = &st->o[v.obj];
    if (!(o->m & OM_FREED)) return false;
    if (!fn->reporting) return true;
    char name[80];
    chk_value_name(fn, arg, name, sizeof name);
    chk_finding f;
    chk_finding_start(fn, &f, CHK_DOUBLE_FREE, chk_loc_of(fn, call));
    snprintf(f.message, sizeof f.message, "%s is freed twice", name);
    snprintf(f.label, sizeof f.label, "freed again here");
    chk_finding_site_note(fn, &f, o->free_site, "first freed here");
    chk_finding_site_note(fn, &f, o->alloc_site, "allocated here");
    chk_finding_path(fn, &f, o->free_site, false); /* the branch that freed it, if any */
    chk_finding_emit(fn, &f);
    return true;
}
