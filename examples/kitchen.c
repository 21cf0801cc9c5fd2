/* kitchen.c: the restaurant of own's seed, written correctly with libown.
 *
 * The waiter writes each order on a notepad (a stack block: gone when the waiter's frame ends),
 * then makes it an owned order on the heap and hands it to the kitchen: own_move, so the waiter's
 * handle is dead and only the chef who takes the order may cook it. Two chefs (threads) cook
 * with an exclusive borrow; the board of dishes cooked is shared by everyone, so each chef takes
 * it with a waiting exclusive borrow and no update is lost. The cashier reads each bill with a
 * shared borrow and drops the order when paid. At the end nothing is left on the heap. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <own/own.h>

#define ORDERS 12
#define CHEFS 2

typedef struct order {
    int table;
    int items;
    char dish[4][24];
    int price_cents[4];
    int cooked_by;
} order;

typedef struct board {
    int cooked[CHEFS + 1];
    int total;
} board;

/* A counter of handed-over orders: slots hold owners; whoever takes one moves it out. */
typedef struct pass {
    pthread_mutex_t lock;
    pthread_cond_t ready;
    own_box slots[ORDERS];
    int put, taken;
} pass;

static pass to_kitchen = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, {{0}}, 0, 0};
static pass to_cashier = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, {{0}}, 0, 0};
static own_box the_board;

static const char *menu[] = {"soup", "bread", "risotto", "trout", "salad", "tart", "coffee"};
static const int prices[] = {650, 300, 1450, 1800, 900, 700, 250};

static void hand_over(pass *p, own_box *order_handle)
{
    pthread_mutex_lock(&p->lock);
    p->slots[p->put++] = own_move(order_handle); /* the giver's handle is dead from here */
    pthread_cond_signal(&p->ready);
    pthread_mutex_unlock(&p->lock);
}

static bool take(pass *p, own_box *out)
{
    pthread_mutex_lock(&p->lock);
    while (p->taken == p->put && p->put < ORDERS) pthread_cond_wait(&p->ready, &p->lock);
    bool got = p->taken < p->put;
    if (got) *out = own_move(&p->slots[p->taken++]);
    pthread_mutex_unlock(&p->lock);
    return got;
}

/* The waiter: the notepad lives in the waiter's frame; the order outlives it on the heap. */
static void take_order(int table)
{
    OWN_FRAME
    {
        own_box notepad = own_stack_alloc(sizeof(order));
        order *note = own_get(&notepad);
        memset(note, 0, sizeof *note);
        note->table = table;
        note->items = 1 + table % 4;
        for (int i = 0; i < note->items; i++) {
            int m = (table * 3 + i) % 7;
            snprintf(note->dish[i], sizeof note->dish[i], "%s", menu[m]);
            note->price_cents[i] = prices[m];
        }
        own_box ticket = OWN_NEW(order);
        memcpy(own_get(&ticket), note, sizeof *note);
        hand_over(&to_kitchen, &ticket);
    } /* the notepad is gone with the frame */
}

static void *chef(void *arg)
{
    int me = (int)(intptr_t)arg;
    own_box ticket;
    while (take(&to_kitchen, &ticket)) {
        own_mut cooking = own_borrow_mut(&ticket); /* only this chef holds this order */
        order *o = cooking.ptr;
        o->cooked_by = me;
        own_release(cooking);
        own_mut tally = own_borrow_mut_wait(&the_board); /* the other chef waits its turn */
        ((board *)tally.ptr)->cooked[me] += o->items;
        own_release(tally);
        hand_over(&to_cashier, &ticket);
    }
    return NULL;
}

static void *cashier(void *arg)
{
    (void)arg;
    own_box ticket;
    for (int paid = 0; paid < ORDERS && take(&to_cashier, &ticket); paid++) {
        OWN_SCOPED own_ref bill = own_borrow(&ticket); /* reading only */
        const order *o = bill.ptr;
        int sum = 0;
        for (int i = 0; i < o->items; i++) sum += o->price_cents[i];
        printf("table %2d: %d dish%s, cooked by chef %d, %3d.%02d\n", o->table, o->items,
               o->items == 1 ? "" : "es", o->cooked_by, sum / 100, sum % 100);
        own_release(bill);
        own_mut tally = own_borrow_mut_wait(&the_board);
        ((board *)tally.ptr)->total += sum;
        own_release(tally);
        own_drop(&ticket); /* paid: the order leaves the heap */
    }
    return NULL;
}

int main(void)
{
    the_board = OWN_NEW(board);
    pthread_t chefs[CHEFS], till;
    for (int i = 0; i < CHEFS; i++) pthread_create(&chefs[i], NULL, chef, (void *)(intptr_t)(i + 1));
    pthread_create(&till, NULL, cashier, NULL);
    for (int table = 1; table <= ORDERS; table++) take_order(table);
    pthread_mutex_lock(&to_kitchen.lock);
    pthread_cond_broadcast(&to_kitchen.ready); /* no more orders */
    pthread_mutex_unlock(&to_kitchen.lock);
    for (int i = 0; i < CHEFS; i++) pthread_join(chefs[i], NULL);
    pthread_join(till, NULL);
    {
        OWN_SCOPED own_ref view = own_borrow(&the_board);
        const board *b = view.ptr;
        printf("dishes cooked: chef 1 %d, chef 2 %d; takings %d.%02d\n", b->cooked[1], b->cooked[2],
               b->total / 100, b->total % 100);
    }
    own_drop(&the_board);
    printf("owned blocks left: %zu, errors: %lu\n", own_live_blocks(), own_error_count());
    own_heap_stats_print(stdout);
    return own_live_blocks() != 0 || own_error_count() != 0;
}
