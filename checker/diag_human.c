/* diag_human.c: the default format, as rustc prints: the kind and a one-line message, the source
 * line with a caret and label under the error, a note with its own snippet for each site that
 * explains it, and the path taken when the error is on some paths only. Colour on a terminal. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"

typedef struct {
    const char *name;
    char *text;
    size_t len;
} src_file;

typedef struct {
    src_file files[8];
    int n;
} src_cache;

static const char *line_of(src_cache *c, const char *file, unsigned line, size_t *len)
{
    src_file *f = NULL;
    for (int i = 0; i < c->n; i++)
        if (c->files[i].name == file) f = &c->files[i];
    if (!f) {
        if (c->n == 8) {
            free(c->files[0].text);
            memmove(&c->files[0], &c->files[1], 7 * sizeof c->files[0]);
            c->n--;
        }
        f = &c->files[c->n++];
        f->name = file;
        f->text = NULL;
        f->len = 0;
        FILE *in = fopen(file, "rb");
        if (in) {
            size_t cap = 1 << 16;
            f->text = malloc(cap);
            size_t got;
            while ((got = fread(f->text + f->len, 1, cap - f->len, in)) > 0) {
                f->len += got;
                if (f->len == cap) f->text = realloc(f->text, cap *= 2);
            }
            fclose(in);
        }
    }
    if (!f->text || line == 0) return NULL;
    const char *p = f->text, *end = f->text + f->len;
    for (unsigned l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return NULL;
        p = nl + 1;
    }
    if (p >= end) return NULL;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    return p;
}

typedef struct {
    const char *bold, *red, *blue, *green, *reset;
} palette;

static void snippet(FILE *out, src_cache *c, const palette *pal, chk_loc at, const char *label,
                    const char *mark_colour, char mark, int width)
{
    fprintf(out, "%*s%s-->%s %s:%u:%u\n", width, "", pal->blue, pal->reset, at.file, at.line,
            at.col);
    size_t len = 0;
    const char *text = line_of(c, at.file, at.line, &len);
    if (!text) {
        fprintf(out, "%*s %s=%s %s\n", width, "", pal->blue, pal->reset, label);
        return;
    }
    fprintf(out, "%*s %s|%s\n", width, "", pal->blue, pal->reset);
    fprintf(out, "%s%*u |%s %.*s\n", pal->blue, width, at.line, pal->reset, (int)len, text);
    fprintf(out, "%*s %s|%s ", width, "", pal->blue, pal->reset);
    for (unsigned i = 1; i < at.col && i - 1 < len; i++)
        fputc(text[i - 1] == '\t' ? '\t' : ' ', out);
    unsigned n = at.len ? at.len : 1;
    if (at.col - 1 + n > len && len >= at.col) n = (unsigned)len - at.col + 1;
    if (n > 80) n = 80;
    fputs(mark_colour, out);
    for (unsigned i = 0; i < n; i++)
        fputc(mark, out);
    fprintf(out, " %s%s\n", label, pal->reset);
}

static int digits(unsigned v)
{
    int d = 1;
    while (v >= 10)
        v /= 10, d++;
    return d;
}

void chk_print_human(FILE *out, const chk_report *r, bool colour)
{
    palette pal = colour ? (palette){"\033[1m", "\033[1;31m", "\033[1;34m", "\033[1;32m", "\033[0m"}
                         : (palette){"", "", "", "", ""};
    src_cache c = {.n = 0};
    for (int i = 0; i < r->nfindings; i++) {
        const chk_finding *f = &r->findings[i];
        unsigned maxline = f->at.line;
        for (int n = 0; n < f->nnotes; n++)
            if (f->notes[n].at.line > maxline) maxline = f->notes[n].at.line;
        int w = digits(maxline);
        fprintf(out, "%serror[%s]%s%s: %s%s\n", pal.red, chk_kind_name(f->kind), pal.reset,
                pal.bold, f->message, pal.reset);
        snippet(out, &c, &pal, f->at, f->label, pal.red, '^', w);
        for (int n = 0; n < f->nnotes; n++) {
            fprintf(out, "%*s %s|%s\n", w, "", pal.blue, pal.reset);
            fprintf(out, "%snote%s: %s\n", pal.green, pal.reset, f->notes[n].label);
            snippet(out, &c, &pal, f->notes[n].at, f->notes[n].label, pal.blue, '-', w);
        }
        if (f->path[0]) fprintf(out, "%*s %s=%s note: %s\n", w, "", pal.blue, pal.reset, f->path);
        if (f->function[0])
            fprintf(out, "%*s %s=%s note: in function `%s`\n", w, "", pal.blue, pal.reset,
                    f->function);
        fprintf(out, "%*s %s=%s help: run `own explain %s`\n\n", w, "", pal.blue, pal.reset,
                chk_kind_name(f->kind));
    }
    for (int i = 0; i < r->nremarks; i++) {
        const chk_remark *m = &r->remarks[i];
        fprintf(out, "%snote%s: %s\n  --> %s:%u:%u\n\n", pal.green, pal.reset, m->text, m->at.file,
                m->at.line, m->at.col);
    }
    for (int i = 0; i < c.n; i++)
        free(c.files[i].text);
}
