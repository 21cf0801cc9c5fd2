/* exports.c: what the translation units of one run tell each other. own check analyses one unit
 * at a time, so a function defined in another file of the project - its xmalloc, its list_free,
 * its fatal - would be a call that may keep what it is given and always returns. Once a unit is
 * analysed, the summary of each of its functions with external linkage is published here as a
 * line of text that names fields and globals by their USR, since a cursor belongs to one unit. A
 * unit analysed again (load.c runs the rounds) imports the summaries that say something - a new
 * block, an argument freed, kept or handed back, no return - and finds those fields and globals
 * again among its own declarations.
 *
 * A summary's text: "r RET,PARAM,FAM,STATUS,OFF,NULLABLE n NORETURN o OVERFLOW w WHOLE", then per
 * effect "e PARAM,FATE,AFTER,FAM,NULLABLE,STATUS,FREE_OFF", "g USR" for a global's effect,
 * and one step each: "*", ". USR" (a field of a struct) or "> USR" (through a pointer). Tokens
 * are separated by tabs, which no USR holds. "?" is a function whose summary is not known. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine.h"

/* ------------------------------------------------------------------ the table of one round */
typedef struct {
    char name[64];
    char *text; /* NULL when two units define the name: never imported */
    int job;    /* the unit that defines it */
    bool says;  /* the summary tells a caller more than a call it knows nothing of */
} export_entry;

struct chk_exports {
    pthread_mutex_t lock; /* units of one round publish from several threads */
    export_entry *v;
    int n, cap;
    int *index; /* open addressing by name: slot -> entry + 1 */
    int slots;
};

static unsigned name_hash(const char *s)
{
    unsigned h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

/* The three tables below index their names by open addressing: slot -> entry + 1. Doubles the
 * slots of *index when one more name would fill it past half; false when out of memory. */
typedef const char *name_at(const void *table, int i);

static bool index_room(int **index, int *slots, int n, int first_slots, name_at *name,
                       const void *table)
{
    if (n + 1 <= *slots / 2) return true;
    int grown = *slots ? *slots * 2 : first_slots;
    int *fresh = calloc((size_t)grown, sizeof *fresh);
    if (!fresh) return false;
    for (int i = 0; i < n; i++) {
        unsigned s = name_hash(name(table, i)) & (unsigned)(grown - 1);
        while (fresh[s])
            s = (s + 1) & (unsigned)(grown - 1);
        fresh[s] = i + 1;
    }
    free(*index);
    *index = fresh;
    *slots = grown;
    return true;
}

chk_exports *chk_exports_new(void)
{
    chk_exports *x = calloc(1, sizeof *x);
    if (!x) return NULL;
    pthread_mutex_init(&x->lock, NULL);
    return x;
}

void chk_exports_free(chk_exports *x)
{
    if (!x) return;
    for (int i = 0; i < x->n; i++)
        free(x->v[i].text);
    free(x->v);
    free(x->index);
    pthread_mutex_destroy(&x->lock);
    free(x);
}

static export_entry *find(const chk_exports *x, const char *name)
{
    if (!x || !x->slots) return NULL;
    unsigned mask = (unsigned)x->slots - 1;
    for (unsigned s = name_hash(name) & mask;; s = (s + 1) & mask) {
        int i = x->index[s];
        if (!i) return NULL;
        if (!strcmp(x->v[i - 1].name, name)) return &x->v[i - 1];
    }
}

static const char *export_name(const void *table, int i)
{
    return ((const chk_exports *)table)->v[i].name;
}

static bool grow(chk_exports *x)
{
    if (!index_room(&x->index, &x->slots, x->n, 256, export_name, x)) return false;
    if (x->n == x->cap) {
        int cap = x->cap ? x->cap * 2 : 128;
        export_entry *v = realloc(x->v, (size_t)cap * sizeof *v);
        if (!v) return false;
        x->v = v;
        x->cap = cap;
    }
    return true;
}

/* Records `name` as defined by unit `job` with summary `text` (taken over). A name two units
 * define is ambiguous from then on, whatever the order they came in. */
static void publish(chk_exports *x, const char *name, int job, char *text, bool says)
{
    pthread_mutex_lock(&x->lock);
    export_entry *e = find(x, name);
    if (e && e->job != job) {
        free(e->text);
        e->text = NULL;
        e->says = false;
        free(text);
    } else if (e) {
        free(e->text);
        e->text = text;
        e->says = says;
    } else if (grow(x)) {
        e = &x->v[x->n++];
        snprintf(e->name, sizeof e->name, "%s", name);
        e->text = text;
        e->job = job;
        e->says = says;
        unsigned s = name_hash(name) & (unsigned)(x->slots - 1);
        while (x->index[s])
            s = (s + 1) & (unsigned)(x->slots - 1);
        x->index[s] = x->n;
    } else {
        free(text);
    }
    pthread_mutex_unlock(&x->lock);
}

chk_exports *chk_exports_copy(const chk_exports *from)
{
    chk_exports *x = chk_exports_new();
    for (int i = 0; x && i < from->n; i++) {
        const export_entry *e = &from->v[i];
        char *text = e->text ? strdup(e->text) : NULL;
        publish(x, e->name, e->job, text, e->says);
        if (!e->text) {
            export_entry *c = find(x, e->name);
            if (c) c->job = -1; /* ambiguous stays ambiguous: nobody may publish it again */
        }
    }
    return x;
}

bool chk_exports_changed(const chk_exports *before, const chk_exports *now, const char *name)
{
    const export_entry *a = find(before, name), *b = find(now, name);
    bool says_a = a && a->says, says_b = b && b->says;
    if (!says_a && !says_b) return false;
    return says_a != says_b || strcmp(a->text, b->text) != 0;
}

/* ------------------------------------------------------------------ summary to text */
typedef struct {
    char *s;
    size_t n, cap;
    bool failed;
} text_buf;

static void put(text_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0 || b->failed) {
        b->failed = true;
        return;
    }
    if (b->n + (size_t)len + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 256) + (size_t)len;
        char *s = realloc(b->s, cap);
        if (!s) {
            b->failed = true;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    b->n += (size_t)len;
}

/* A USR for cursor c, or false when it has none another unit could look up. */
static bool put_usr(text_buf *b, const char *tag, CXCursor c)
{
    CXString u = clang_getCursorUSR(c);
    const char *usr = clang_getCString(u);
    bool ok = usr && usr[0] && !strchr(usr, '\t');
    if (ok) put(b, "\t%s\t%s", tag, usr);
    clang_disposeString(u);
    return ok;
}

static bool says_something(const chk_summary *s)
{
    if (!s->known) return false;
    if (s->noreturn || s->ret == RET_NEW || s->ret == RET_PARAM || s->ret == RET_REALLOC)
        return true;
    for (int i = 0; i < s->neff; i++)
        if (s->eff[i].fate != FATE_NONE || s->eff[i].after != AFTER_SAME) return true;
    return false;
}

static char *summary_text(const chk_summary *s)
{
    text_buf b = {0};
    if (!s->known) {
        put(&b, "?");
        return b.s;
    }
    if (s->noreturn) {
        /* a call of it ends the caller's path: nothing else it does matters there */
        put(&b, "r\t0,0,0,0,0,0\tn\t1\tw\t0,0\to\t0");
        return b.s;
    }
    bool overflow = s->overflow;
    put(&b, "r\t%d,%d,%d,%d,%d,%d\tn\t%d\tw\t%u,%u", s->ret, s->ret_param, s->ret_fam,
        s->status_kind, s->ret_off, s->ret_nullable, s->noreturn, s->whole_records,
        s->whole_pointees);
    for (int i = 0; i < s->neff; i++) {
        const chk_effect *e = &s->eff[i];
        /* What is only read is left out, as is whether a block is read at all: worth a
         * use-after-free found through another file, not the rounds it takes summaries to
         * settle on every such bit (load.c analyses a unit again when its callees' summaries
         * change). */
        if (e->fate == FATE_NONE && e->after == AFTER_SAME) continue;
        text_buf one = {0};
        put(&one, "\te\t%d,%d,%d,%d,%d,%d,%d", e->param, e->fate, e->after, e->fam, e->nullable,
            e->status, e->free_off);
        /* a file-local global is no caller's business elsewhere; its effect is left out */
        bool ok = e->param >= 0 || (clang_getCursorLinkage(e->root) == CXLinkage_External &&
                                    put_usr(&one, "g", e->root));
        for (int k = 0; ok && k < e->nsteps && k < CHK_SUM_PATH; k++) {
            if (clang_Cursor_isNull(e->field[k]))
                put(&one, "\t*");
            else
                ok = put_usr(&one, e->arrow[k] ? ">" : ".", e->field[k]);
        }
        if (ok && !one.failed)
            put(&b, "%s", one.s);
        else if (e->param >= 0)
            overflow = true; /* an effect on what an argument reaches, not told: forget it all */
        free(one.s);
    }
    put(&b, "\to\t%d", overflow);
    if (b.failed) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

void chk_publish_summary(chk_tu *tu, CXCursor decl, const char *name)
{
    chk_link *link = tu->link;
    if (!link || !link->publish || clang_getCursorLinkage(decl) != CXLinkage_External) return;
    const chk_summary *s = chk_summary_find(tu, name);
    if (!s) return;
    char *text = summary_text(s);
    if (text) publish(link->publish, name, link->job, text, says_something(s));
}

/* ------------------------------------------------------------------ text to summary */
/* The fields and globals of the importing unit by USR, collected once, when a summary first
 * names one. */
typedef struct {
    char **usr;
    CXCursor *decl;
    int n, cap;
    int *index;
    int slots;
} usr_map;

struct chk_imports {
    usr_map decls;
    bool decls_read;
    struct imported {
        char name[64];
        chk_summary *sum; /* NULL: no other unit's summary says anything */
    } * v;
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
    if (!index_room(&m->index, &m->slots, m->n, 1024, usr_at, m)) goto out;
    unsigned s = name_hash(usr) & (unsigned)(m->slots - 1);
    for (; m->index[s]; s = (s + 1) & (unsigned)(m->slots - 1))
        if (!strcmp(m->usr[m->index[s] - 1], usr)) {
            m->decl[m->index[s] - 1] = c; /* the latest declaration, as later references name */
            goto out;
        }
    if (m->n == m->cap) {
        int cap = m->cap ? m->cap * 2 : 512;
        char **usrs = realloc(m->usr, (size_t)cap * sizeof *usrs);
        if (usrs) m->usr = usrs;
        CXCursor *decls = realloc(m->decl, (size_t)cap * sizeof *decls);
        if (decls) m->decl = decls;
        if (!usrs || !decls) goto out;
        m->cap = cap;
    }
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
    if (!m->slots) return false;
    for (unsigned s = name_hash(usr) & (unsigned)(m->slots - 1); m->index[s];
         s = (s + 1) & (unsigned)(m->slots - 1))
        if (!strcmp(m->usr[m->index[s] - 1], usr)) {
            *out = m->decl[m->index[s] - 1];
            return true;
        }
    return false;
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
    if (!index_room(&im->index, &im->slots, im->n, 64, imported_name, im)) return NULL;
    unsigned s = name_hash(name) & (unsigned)(im->slots - 1);
    for (; im->index[s]; s = (s + 1) & (unsigned)(im->slots - 1))
        if (!strcmp(im->v[im->index[s] - 1].name, name)) return im->v[im->index[s] - 1].sum;
    /* first met: a name the next round may have to bring in */
    if (im->n == im->cap) {
        int cap = im->cap ? im->cap * 2 : 32;
        struct imported *v = realloc(im->v, (size_t)cap * sizeof *v);
        if (!v) return NULL;
        im->v = v;
        im->cap = cap;
    }
    struct imported *r = &im->v[im->n];
    snprintf(r->name, sizeof r->name, "%s", name);
    r->sum = NULL;
    const export_entry *x = find(link->imports, name);
    if (x && x->says && x->text) r->sum = summary_of_text(tu, name, x->text);
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

void chk_names_add(chk_names *names, const char *name)
{
    for (int i = 0; i < names->n; i++)
        if (!strcmp(names->v[i], name)) return;
    if (names->n == names->cap) {
        int cap = names->cap ? names->cap * 2 : 16;
        char **v = realloc(names->v, (size_t)cap * sizeof *v);
        if (!v) return;
        names->v = v;
        names->cap = cap;
    }
    if ((names->v[names->n] = strdup(name))) names->n++;
}

void chk_names_clear(chk_names *names)
{
    for (int i = 0; i < names->n; i++)
        free(names->v[i]);
    free(names->v);
    *names = (chk_names){0};
}
