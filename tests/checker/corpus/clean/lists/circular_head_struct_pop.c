// The same with a head of another type laid out like a node (less's tag list): the list's
// `first` field is what `tp->prev->next` writes when tp is the first node.
#include <stdlib.h>

struct tag {
    struct tag *next, *prev;
    char *file, *pattern;
};

struct taglist {
    struct tag *first, *last;
};

#define TAG_END ((struct tag *)&taglist)
static struct taglist taglist = {TAG_END, TAG_END};

void clean_tags(void)
{
    struct tag *tp;
    while ((tp = taglist.first) != TAG_END) {
        tp->next->prev = tp->prev;
        tp->prev->next = tp->next;
        free(tp->file);
        free(tp->pattern);
        free(tp);
    }
}
