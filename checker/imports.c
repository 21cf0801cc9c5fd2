/* imports.c: the summaries another unit of the run published (exports.c), in this unit's terms.
 * A summary's text names fields and globals by their USR; they are found again among the
 * declarations of the importing unit, collected once, when a summary first names one. A field
 * or global this unit does not declare is one it cannot name: the effect on it is left out, and
 * one on what an argument reaches makes the summary overflow (callers forget what the arguments
 * reach). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine.h"

/* The fields and globals of the importing unit by USR, collected once, when a summary first
 * names one. */
typedef struct {
    char **usr;
    CXCursor *decl;
    int n, cap;
    int *index;
    int slots;
} usr_map;

/* A name this unit calls and has no body for, and what the other units say of it. */
typedef struct {
    char name[64];
    chk_summary *sum; /* NULL: no other unit's summary says anything */
} imported;

struct chk_imports {
    usr_map decls;
    bool decls_read;
    imported *v;
    int n, cap;
    int *index;
    int slots;
};

static const char *usr_at(const void *table, int i)
{
    return ((const usr_map *)table)->usr[i];
}

static void usr_map_put(usr_map *m, CXCursor c)
{
    CXString u = clang_getCursorUSR(c);
    const char *usr = clang_getCString(u);
    if (!usr || !usr[0]) {
        clang_disposeString(u);
        return;
    }
    int found, cap = m->cap;
    if (!chk_index_room(&m->index, &m->slots, m->n, 1024, usr_at, m)) goto out;
    unsigned s = chk_index_slot(m->index, m->slots, usr, usr_at, m, &found);
    if (found >= 0) {
        m->decl[found] = c; /* the latest declaration, as later references name */
        goto out;
    }
    if (!chk_room_for_one((void **)&m->usr, &cap, m->n, sizeof *m->usr, 512) ||
        !chk_room_for_one((void **)&m->decl, &m->cap, m->n, sizeof *m->decl, 512))
        goto out;
    m->usr[m->n] = strdup(usr);
    m->decl[m->n] = c;
    if (m->usr[m->n]) m->index[s] = ++m->n;
out:
    clang_disposeString(u);
}

static enum CXChildVisitResult collect_decl(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    switch (clang_getCursorKind(c)) {
    case CXCursor_StructDecl:
    case CXCursor_UnionDecl:
        return CXChildVisit_Recurse; /* their fields, and records declared inside them */
    case CXCursor_FieldDecl:
        usr_map_put(d, c);
        return CXChildVisit_Continue;
    case CXCursor_VarDecl:
        if (clang_getCursorLinkage(c) == CXLinkage_External) usr_map_put(d, c);
        return CXChildVisit_Continue;
    default:
        return CXChildVisit_Continue;
    }
}

static bool find_decl(chk_tu *tu, const char *usr, CXCursor *out)
{
    struct chk_imports *im = tu->imports;
    if (!im->decls_read) {
        im->decls_read = true;
        clang_visitChildren(clang_getTranslationUnitCursor(tu->tu), collect_decl, &im->decls);
    }
    usr_map *m = &im->decls;
    int found = -1;
    if (m->slots) chk_index_slot(m->index, m->slots, usr, usr_at, m, &found);
    if (found >= 0) *out = m->decl[found];
    return found >= 0;
}

static bool read_ints(const char *s, int *out, int n)
{
    for (int i = 0; i < n; i++) {
        char *end;
        long v = strtol(s, &end, 10);
        if (end == s || (i + 1 < n && *end != ',') || (i + 1 == n && *end)) return false;
        out[i] = (int)v;
        s = end + 1;
    }
    return true;
}

/* The summary of text in tu's terms; effects on fields or globals tu does not declare are left
 * out (it cannot name them), but one on an argument's field makes the summary overflow. NULL when
 * the text does not read as a summary. */
static chk_summary *summary_of_text(chk_tu *tu, const char *name, const char *text)
{
    char *copy = strdup(text), *save = NULL;
    chk_summary *s = calloc(1, sizeof *s);
    if (!copy || !s) goto bad;
    snprintf(s->name, sizeof s->name, "%s", name);
    chk_effect *e = NULL;
    bool drop = false; /* the effect being read names something this unit does not declare */
    for (char *tok = strtok_r(copy, "\t", &save); tok; tok = strtok_r(NULL, "\t", &save)) {
        char *arg = strcmp(tok, "*") ? strtok_r(NULL, "\t", &save) : NULL;
        if (strcmp(tok, "*") && !arg) goto bad;
        int v[8];
        if (!strcmp(tok, "r")) {
            if (!read_ints(arg, v, 6)) goto bad;
            s->ret = (uint8_t)v[0];
            s->ret_param = (uint8_t)v[1];
            s->ret_fam = (uint8_t)v[2];
            s->status_kind = (uint8_t)v[3];
            s->ret_off = v[4];
            s->ret_nullable = v[5];
        } else if (!strcmp(tok, "n")) {
            s->noreturn = atoi(arg) != 0;
        } else if (!strcmp(tok, "w")) {
            char *end;
            s->whole_records = (uint32_t)strtoul(arg, &end, 10);
            if (*end != ',') goto bad;
            s->whole_pointees = (uint32_t)strtoul(end + 1, NULL, 10);
        } else if (!strcmp(tok, "o")) {
            s->overflow |= atoi(arg) != 0;
        } else if (!strcmp(tok, "e")) {
            if (e && drop) s->neff--;
            if (!read_ints(arg, v, 7) || s->neff == CHK_MAX_EFFECTS) goto bad;
            e = &s->eff[s->neff++];
            *e = (chk_effect){.param = (int8_t)v[0],
                              .fate = (uint8_t)v[1],
                              .after = (uint8_t)v[2],
                              .fam = (uint8_t)v[3],
                              .nullable = v[4],
                              .status = v[5],
                              .free_off = v[6],
                              .root = clang_getNullCursor()};
            for (int k = 0; k < CHK_SUM_PATH; k++)
                e->field[k] = clang_getNullCursor();
            drop = false;
        } else if (!e) {
            goto bad;
        } else if (!strcmp(tok, "g")) {
            drop |= !find_decl(tu, arg, &e->root);
        } else if (!strcmp(tok, "*") || !strcmp(tok, ".") || !strcmp(tok, ">")) {
            if (e->nsteps == CHK_SUM_PATH) goto bad;
            int k = e->nsteps++;
            e->arrow[k] = tok[0] != '.';
            if (tok[0] != '*' && !find_decl(tu, arg, &e->field[k])) {
                drop = true;
                if (e->param >= 0) s->overflow = true;
            }
        } else {
            goto bad;
        }
    }
    if (e && drop) s->neff--;
    free(copy);
    s->known = true;
    return s;
bad:
    free(copy);
    free(s);
    return NULL;
}

static const char *imported_name(const void *table, int i)
{
    return ((const struct chk_imports *)table)->v[i].name;
}

chk_summary *chk_import(chk_tu *tu, const char *name)
{
    chk_link *link = tu->link;
    if (!link || !name[0]) return NULL;
    if (!tu->imports && !(tu->imports = calloc(1, sizeof *tu->imports))) return NULL;
    struct chk_imports *im = tu->imports;
    if (!chk_index_room(&im->index, &im->slots, im->n, 64, imported_name, im)) return NULL;
    int found;
    unsigned s = chk_index_slot(im->index, im->slots, name, imported_name, im, &found);
    if (found >= 0) return im->v[found].sum;
    /* first met: a name the next round may have to bring in */
    if (!chk_room_for_one((void **)&im->v, &im->cap, im->n, sizeof *im->v, 32)) return NULL;
    imported *r = &im->v[im->n];
    snprintf(r->name, sizeof r->name, "%s", name);
    r->sum = NULL;
    const char *text = chk_exports_saying(link->imports, name);
    if (text) r->sum = summary_of_text(tu, name, text);
    im->index[s] = ++im->n;
    chk_names_add(&link->wanted, name); /* a unit analysed again in part asks again */
    return r->sum;
}

void chk_imports_free(chk_tu *tu)
{
    struct chk_imports *im = tu->imports;
    if (!im) return;
    for (int i = 0; i < im->n; i++)
        free(im->v[i].sum);
    free(im->v);
    free(im->index);
    for (int i = 0; i < im->decls.n; i++)
        free(im->decls.usr[i]);
    free(im->decls.usr);
    free(im->decls.decl);
    free(im->decls.index);
    free(im);
    tu->imports = NULL;
}

bool chk_link_changed(const chk_link *link, const char *name)
{
    return chk_exports_changed(link->changed_since, link->imports, name);
}
