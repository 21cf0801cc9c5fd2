/* threads.c: borrows across threads — the seed's two chefs on one order. Every conflict test is
 * synchronised (the holder has its borrow before the other thread tries), never timing-based;
 * the stress tests assert what must hold in every interleaving: no lost update, no missed
 * conflict. Runs under ThreadSanitizer too. */
#include <pthread.h>
#include <semaphore.h>

#include "capture.h"
#include "counters.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char last_kind[64], last_text[4096];
static int reports;

static void locked_handler(const own_error *e)
{
    pthread_mutex_lock(&lock);
    snprintf(last_kind, sizeof last_kind, "%s", e->kind);
    snprintf(last_text, sizeof last_text, "%s", e->text);
    reports++;
    pthread_mutex_unlock(&lock);
}

static int take_reports(char *kind, char *text)
{
    pthread_mutex_lock(&lock);
    int n = reports;
    reports = 0;
    if (kind) strcpy(kind, last_kind);
    if (text) strcpy(text, last_text);
    last_kind[0] = last_text[0] = 0;
    pthread_mutex_unlock(&lock);
    return n;
}

typedef struct job {
    own_box *box;
    bool exclusive, wait;
    long long timeout_ns;
    bool got;
    int line;
    sem_t took, go_on;
} job;

/* Tries one borrow, tells the main thread, holds it until told to go on. */
static void *try_borrow(void *arg)
{
    job *j = arg;
    if (j->exclusive) {
        own_mut m = j->wait ? own_borrow_mut_timed(j->box, j->timeout_ns) : own_borrow_mut(j->box);
        j->line = __LINE__ - 1;
        j->got = m.ptr != NULL;
        if (m.ptr) ((int *)m.ptr)[0]++;
        sem_post(&j->took);
        sem_wait(&j->go_on);
        if (m.ptr) own_release(m);
    } else {
        own_ref r = j->wait ? own_borrow_timed(j->box, j->timeout_ns) : own_borrow(j->box);
        j->line = __LINE__ - 1;
        j->got = r.ptr != NULL;
        sem_post(&j->took);
        sem_wait(&j->go_on);
        if (r.ptr) own_release(r);
    }
    return NULL;
}

static void start(job *j, pthread_t *t, own_box *box, bool exclusive)
{
    memset(j, 0, sizeof *j);
    j->box = box;
    j->exclusive = exclusive;
    sem_init(&j->took, 0, 0);
    sem_init(&j->go_on, 0, 0);
    pthread_create(t, NULL, try_borrow, j);
    sem_wait(&j->took);
}

static void finish(job *j, pthread_t t)
{
    sem_post(&j->go_on);
    pthread_join(t, NULL);
    sem_destroy(&j->took);
    sem_destroy(&j->go_on);
}

/* The owning thread holds an exclusive borrow (biased fast path); a chef thread tries. */
static void owner_then_other(void)
{
    own_box order = own_new(sizeof(int) * 4);
    own_mut mine = own_borrow_mut(&order);
    int mine_line = __LINE__ - 1;
    job j;
    pthread_t t;
    start(&j, &t, &order, true);
    CHECK(!j.got);
    char kind[64], text[4096];
    CHECK_EQ_INT(take_reports(kind, text), 1);
    CHECK(!strcmp(kind, "borrow-conflict"));
    CHECK(strstr(text, "borrowed exclusively while borrowed exclusively") != NULL);
    CHECK(strstr(text, AT(j.line)) != NULL);
    CHECK(strstr(text, AT(mine_line)) != NULL);
    CHECK(strstr(text, "(thread 1)") != NULL);                     /* the holder, main */
    CHECK(strstr(text, "(thread 1)") != strstr(text, "(thread ")); /* the error names the chef */
    finish(&j, t);
    own_release(mine);
    /* now the chef can */
    start(&j, &t, &order, true);
    CHECK(j.got);
    finish(&j, t);
    CHECK_EQ_INT(take_reports(NULL, NULL), 0);
    own_ref r = own_borrow(&order);
    CHECK_EQ_INT(((const int *)r.ptr)[0], 1);
    own_release(r);
    own_drop(&order);
}

typedef struct handover {
    own_ref shared;
    own_mut exclusive;
} handover;

static void *release_handed_over(void *arg)
{
    handover *h = arg;
    if (h->shared.ptr) own_release(h->shared);
    if (h->exclusive.ptr) own_release(h->exclusive);
    return NULL;
}

/* An exclusive borrow, then a shared one: both are taken, and end. */
static void borrow_both_kinds(own_box *box)
{
    own_mut w = own_borrow_mut(box);
    CHECK(w.ptr != NULL);
    own_release(w);
    own_ref r = own_borrow(box);
    CHECK(r.ptr != NULL);
    own_release(r);
}

/* Borrows the owning thread took on its fast path and handed to a chef, who releases them: they
 * end (the owner can borrow exclusively and drop afterwards), and a borrow the owner still holds
 * keeps excluding an exclusive one meanwhile. */
static void released_by_another_thread(void)
{
    own_box order = own_new(sizeof(int));
    own_ref kept = own_borrow(&order);
    handover h = {own_borrow(&order), {NULL, 0}};
    pthread_t t;
    pthread_create(&t, NULL, release_handed_over, &h);
    pthread_join(t, NULL);
    own_mut w = own_borrow_mut(&order); /* `kept` still reads the order */
    CHECK(w.ptr == NULL);
    char kind[64];
    CHECK_EQ_INT(take_reports(kind, NULL), 1);
    CHECK(!strcmp(kind, "borrow-conflict"));
    own_release(kept);
    w = own_borrow_mut(&order);
    CHECK(w.ptr != NULL);
    h.shared.ptr = NULL;
    h.exclusive = w;
    pthread_create(&t, NULL, release_handed_over, &h);
    pthread_join(t, NULL);
    for (int i = 0; i < 3; i++) /* both kinds, again and again, on the fast path once folded */
        borrow_both_kinds(&order);
    own_drop(&order);
    CHECK_EQ_INT(take_reports(NULL, NULL), 0);
}

static void *borrow_once(void *arg)
{
    own_ref r = own_borrow((own_box *)arg);
    CHECK(r.ptr != NULL);
    own_release(r);
    return NULL;
}

/* Once another thread has touched a block, every thread borrows it through its word, and an
 * exclusive borrow ends there with a plain store. A copy of it released afterwards is still
 * caught, and the word is left as it was: the next borrows of either kind are taken. */
static void exclusive_copy_released_again(void)
{
    own_box order = own_new(sizeof(int));
    pthread_t t;
    pthread_create(&t, NULL, borrow_once, &order);
    pthread_join(t, NULL);
    own_mut w = own_borrow_mut(&order);
    CHECK(w.ptr != NULL);
    own_mut copy = w;
    own_release(w);
    CHECK_EQ_INT(take_reports(NULL, NULL), 0);
    own_release(copy);
    char kind[64], text[4096];
    CHECK_EQ_INT(take_reports(kind, text), 1);
    CHECK(!strcmp(kind, "invalid-handle"));
    CHECK(strstr(text, "released twice (a copy of it was released)") != NULL);
    borrow_both_kinds(&order);
    CHECK_EQ_INT(take_reports(NULL, NULL), 0);
    own_drop(&order);
    CHECK_EQ_INT(take_reports(NULL, NULL), 0);
}

/* Two chefs, neither the owner: the second never gets the order while the first has it. */
static void two_chefs(void)
{
    own_box order = own_new(64);
    job a, b;
    pthread_t ta, tb;
    start(&a, &ta, &order, true);
    CHECK(a.got);
    start(&b, &tb, &order, true);
    CHECK(!b.got);
    char kind[64], text[4096];
    CHECK_EQ_INT(take_reports(kind, text), 1);
    CHECK(!strcmp(kind, "borrow-conflict"));
    CHECK(strstr(text, AT(a.line)) != NULL && strstr(text, AT(b.line)) != NULL);
    /* the error's thread and the holder's thread are both named, and differ */
    const char *at = strstr(text, "  --> ");
    const char *note = strstr(text, "exclusive borrow taken at ");
    CHECK(at && note);
    if (at && note) {
        unsigned t1 = 0, t2 = 0;
        sscanf(strstr(at, "(thread ") + 8, "%u", &t1);
        sscanf(strstr(note, "(thread ") + 8, "%u", &t2);
        CHECK(t1 != t2 && t1 > 1 && t2 > 1);
    }
    finish(&b, tb);
    /* a shared borrow from a third thread is refused too; from the owner as well */
    start(&b, &tb, &order, false);
    CHECK(!b.got);
    CHECK_EQ_INT(take_reports(kind, NULL), 1);
    CHECK(!strcmp(kind, "borrow-conflict"));
    finish(&b, tb);
    CHECK(own_borrow(&order).ptr == NULL);
    CHECK_EQ_INT(take_reports(kind, NULL), 1);
    finish(&a, ta);
    /* readers together, then a writer is refused while they read */
    job r1, r2, w;
    pthread_t t1, t2, tw;
    start(&r1, &t1, &order, false);
    start(&r2, &t2, &order, false);
    CHECK(r1.got && r2.got);
    start(&w, &tw, &order, true);
    CHECK(!w.got);
    CHECK_EQ_INT(take_reports(kind, text), 1);
    CHECK(strstr(text, "while borrowed (shared)") != NULL);
    finish(&w, tw);
    CHECK(own_borrow_mut(&order).ptr == NULL);
    CHECK_EQ_INT(take_reports(NULL, NULL), 1);
    finish(&r1, t1);
    finish(&r2, t2);
    own_drop(&order);
    CHECK_EQ_INT(take_reports(NULL, NULL), 0);
}

/* The waiting forms: a timed borrow gives up with a report, a waiting one gets it later. */
static void waiting(void)
{
    own_box order = own_new(sizeof(int));
    own_mut held = own_borrow_mut(&order);
    job j;
    pthread_t t;
    memset(&j, 0, sizeof j);
    j.box = &order;
    j.exclusive = true;
    j.wait = true;
    j.timeout_ns = 20 * 1000 * 1000;
    sem_init(&j.took, 0, 0);
    sem_init(&j.go_on, 0, 0);
    pthread_create(&t, NULL, try_borrow, &j);
    sem_wait(&j.took);
    CHECK(!j.got);
    char kind[64], text[4096];
    CHECK_EQ_INT(take_reports(kind, text), 1);
    CHECK(strstr(text, "exclusive borrow timed out") != NULL);
    finish(&j, t);
    /* wait for ever: released by main after the thread started; the thread gets it */
    j.timeout_ns = -1;
    j.got = false;
    sem_init(&j.took, 0, 0);
    sem_init(&j.go_on, 0, 0);
    pthread_create(&t, NULL, try_borrow, &j);
    *(int *)held.ptr = 41;
    own_release(held);
    sem_wait(&j.took);
    CHECK(j.got);
    finish(&j, t);
    own_ref r = own_borrow(&order);
    CHECK_EQ_INT(*(const int *)r.ptr, 42);
    own_release(r);
    own_drop(&order);
    CHECK_EQ_INT(take_reports(NULL, NULL), 0);
}

/* Stress: the owner on its fast path and chefs on the slow path, many fresh blocks (so that the
 * bias revocation races with the owner's borrows), checked by counters.h. */
#define BLOCKS 200
#define ROUNDS 200
static own_box blocks[BLOCKS];
static atomic_int next_block, done_blocks;
static atomic_long chef_wins, torn;

static void *chef(void *arg)
{
    (void)arg;
    for (;;) {
        int i = atomic_load(&next_block) - 1;
        if (atomic_load(&done_blocks) >= BLOCKS) return NULL;
        if (i < 0) continue;
        for (int k = 0; k < 20; k++) {
            atomic_fetch_add(&chef_wins, counters_bump(&blocks[i]));
            atomic_fetch_add(&torn, counters_torn(&blocks[i]));
        }
    }
}

static void stress(void)
{
    own_on_error(locked_handler); /* conflicts are expected here: counted, not checked */
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, chef, NULL);
    long owner_wins = 0;
    for (int i = 0; i < BLOCKS; i++) {
        blocks[i] = own_new(2 * sizeof(long));
        atomic_store(&next_block, i + 1);
        for (int k = 0; k < ROUNDS; k++)
            owner_wins += counters_bump(&blocks[i]);
        atomic_fetch_add(&done_blocks, 1);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    CHECK_EQ_INT(atomic_load(&torn), 0);
    CHECK_EQ_INT(counters_drop_all(blocks, BLOCKS), owner_wins + atomic_load(&chef_wins));
    take_reports(NULL, NULL);
}

int main(void)
{
    own_on_error(locked_handler);
    owner_then_other();
    released_by_another_thread();
    exclusive_copy_released_again();
    two_chefs();
    waiting();
    stress();
    CHECK_EQ_INT(own_live_blocks(), 0);
    return TEST_DONE();
}
