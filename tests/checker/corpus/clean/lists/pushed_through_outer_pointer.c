// diffutils' parse_diff_color: nodes pushed on a list through a pointer declared outside the
// loop, then the whole list freed by the usual walk. After the loop `ext->next` still names the
// node before the last; the walk reaches that node through `e->next`, another name for the same
// field of the same block, and frees it in turn: nothing leaks.
#include <stdlib.h>

struct ext {
    struct ext *next;
    int colour;
};
static struct ext *list;

void push_then_clear(int n)
{
    struct ext *ext;
    for (int i = 0; i < n; i++) {
        ext = malloc(sizeof *ext);
        if (!ext) break;
        ext->colour = i;
        ext->next = list;
        list = ext;
    }
    struct ext *e, *e2;
    for (e = list; e != NULL;) {
        e2 = e;
        e = e->next;
        free(e2);
    }
    list = NULL;
}
