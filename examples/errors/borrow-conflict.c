/* borrow-conflict: the seed's two chefs work on one order at once. The second chef's exclusive
 * borrow fails (it did not ask to wait) and the report names both chefs and both sites. */
#include <pthread.h>
#include <semaphore.h>

#include <own/own.h>

static own_box order;
static sem_t first_has_it, second_done;

static void *first_chef(void *arg)
{
    (void)arg;
    own_mut pan = own_borrow_mut(&order);
    ((int *)pan.ptr)[0] = 1;
    sem_post(&first_has_it);
    sem_wait(&second_done);
    own_release(pan);
    return NULL;
}

static void *second_chef(void *arg)
{
    (void)arg;
    sem_wait(&first_has_it);
    own_mut pan = own_borrow_mut(&order); /* error: the first chef holds it */
    if (pan.ptr) own_release(pan);
    sem_post(&second_done);
    return NULL;
}

int main(void)
{
    order = own_new(64);
    sem_init(&first_has_it, 0, 0);
    sem_init(&second_done, 0, 0);
    pthread_t a, b;
    pthread_create(&a, NULL, first_chef, NULL);
    pthread_create(&b, NULL, second_chef, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    own_drop(&order);
    return 0;
}
