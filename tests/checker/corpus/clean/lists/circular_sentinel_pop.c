// A circular doubly linked list whose head is a node itself (less's buffer list): the first
// node is unlinked through its `prev`, which is the head, so the head's `next` moves on and the
// loop never meets a freed node again.
#include <stdlib.h>

struct bufnode {
    struct bufnode *next, *prev;
    char data[64];
};

struct file_state {
    struct bufnode buflist;
    int nbufs;
};

static struct file_state *thisfile;

#define END_OF_CHAIN (&thisfile->buflist)

void delete_buffers(void)
{
    struct bufnode *bn;
    while (thisfile->buflist.next != END_OF_CHAIN) {
        bn = thisfile->buflist.next;
        bn->next->prev = bn->prev;
        bn->prev->next = bn->next;
        free(bn);
    }
    thisfile->nbufs = 0;
}
