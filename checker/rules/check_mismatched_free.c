/* check_mismatched_free.c: a block released by the wrong family - fopen then free, malloc then
 * fclose, own_new then free. */
#include "../engine.h"

bool chk_rule_mismatched_free(chk_fn *fn, chk_state *st, chk_val v, int fam, CXCursor call,
                              CXCursor arg, const char *how)
{
    const chk_obj *o = &st->o[v.obj];
    if (!fam || !o->fam || fam == o->fam || (o->m & OM_PARAM)) return false;
    if (!fn->reporting) return true;
    char name[80];
    chk_value_name(fn, arg, name, sizeof name);
    chk_finding f;
    chk_finding_start(fn, &f, CHK_MISMATCHED_FREE, chk_loc_of(fn, call));
    snprintf(f.message, sizeof f.message, "%s comes from %s but is released with %s", name,
             chk_family_alloc(o->fam), how);
    snprintf(f.label, sizeof f.label, "released here with %s; use %s", how,
             chk_family_free(o->fam));
    chk_finding_site_note(fn, &f, o->alloc_site, "allocated here");
    chk_finding_emit(fn, &f);
    return true;
}
