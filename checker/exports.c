/* exports.c: what the translation units of one run tell each other. own check analyses one unit
 * at a time, so a function defined in another file of the project - its xmalloc, its list_free,
 * its fatal - would be a call that may keep what it is given and always returns. Once a unit is
 * analysed, the summary of each of its functions with external linkage is published here as a
 * line of text that names fields and globals by their USR, since a cursor belongs to one unit. A
 * unit analysed again (load.c runs the rounds) imports the summaries that say something - a new
 * block, an argument freed, kept or handed back, no return (imports.c).
 *
 * A summary's text: "r RET,PARAM,FAM,STATUS,OFF,NULLABLE n NORETURN w WHOLE,POINTEES", then per
 * effect "e PARAM,FATE,AFTER,FAM,NULLABLE,STATUS,FREE_OFF", "g USR" for a global's effect, and
 * one step each: "*", ". USR" (a field of a struct) or "> USR" (through a pointer); last,
 * "o OVERFLOW". Tokens are separated by tabs, which no USR holds. "?" is a function whose summary
 * is not known. imports.c reads it back. */
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

static const char *export_name(const void *table, int i)
{
    return ((const chk_exports *)table)->v[i].name;
}

static export_entry *find(const chk_exports *x, const char *name)
{
    if (!x || !x->slots) return NULL;
    int i;
    chk_index_slot(x->index, x->slots, name, export_name, x, &i);
    return i >= 0 ? &x->v[i] : NULL;
}

static bool grow(chk_exports *x)
{
    return chk_index_room(&x->index, &x->slots, x->n, 256, export_name, x) &&
           chk_room_for_one((void **)&x->v, &x->cap, x->n, sizeof *x->v, 128);
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
        int found;
        x->index[chk_index_slot(x->index, x->slots, name, export_name, x, &found)] = x->n;
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

const char *chk_exports_saying(const chk_exports *x, const char *name)
{
    const export_entry *e = find(x, name);
    return e && e->says ? e->text : NULL;
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
