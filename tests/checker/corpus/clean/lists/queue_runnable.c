// A small FIFO queue: enqueue three items, dequeue and free them all (runnable).
#include <stdio.h>
#include <stdlib.h>

struct item {
    struct item *next;
    int v;
};

struct queue {
    struct item *head, *tail;
};

static int enqueue(struct queue *q, int v)
{
    struct item *it = malloc(sizeof *it);
    if (!it) return -1;
    it->v = v;
    it->next = NULL;
    if (q->tail)
        q->tail->next = it;
    else
        q->head = it;
    q->tail = it;
    return 0;
}

static int dequeue(struct queue *q, int *out)
{
    struct item *it = q->head;
    if (!it) return -1;
    q->head = it->next;
    if (!q->head) q->tail = NULL;
    *out = it->v;
    free(it);
    return 0;
}

int main(void)
{
    struct queue q = {NULL, NULL};
    for (int i = 0; i < 3; i++)
        enqueue(&q, i);
    int v, sum = 0;
    while (dequeue(&q, &v) == 0)
        sum += v;
    printf("%d\n", sum);
    return 0;
}
