/* readers.c: shared borrows by threads other than the owner's, taken through the readers table
 * (runtime/owner/readers.c). They must exclude writers exactly as word-path borrows do: an
 * exclusive borrow, a drop and a move while one lives are reported and naming its site; a copy
 * released twice is reported; a waiting writer gets the block once they end; and under stress, no
 * torn read and no lost update. Every step is synchronised, never timing-based. */
#include <pthread.h>
#include <semaphore.h>

#include "capture.h"
#include "counters.h"

/* A reader thread: borrows `box` shared, tells the main thread, holds the borrow until told. */
typedef struct reader {
    own_box *box;
    own_ref ref;
    int line;
    sem_t took, go_on;
    pthread_t thread;
} reader;

static void *read_and_hold(void *arg)
{
    reader *r = arg;
    own_ref first = own_borrow(r->box); /* the first borrow off the owner's thread ends its bias */
    own_release(first);
    r->ref = own_borrow(r->box);
    r->line = __LINE__ - 1;
    sem_post(&r->took);
    sem_wait(&r->go_on);
    if (r->ref.ptr) own_release(r->ref);
    return NULL;
}

static void reader_start(reader *r, own_box *box)
{
    memset(r, 0, sizeof *r);
    r->box = box;
    sem_init(&r->took, 0, 0);
    sem_init(&r->go_on, 0, 0);
    pthread_create(&r->thread, NULL, read_and_hold, r);
    sem_wait(&r->took);
}

static void reader_finish(reader *r)
{
    sem_post(&r->go_on);
    pthread_join(r->thread, NULL);
    sem_destroy(&r->took);
    sem_destroy(&r->go_on);
}

/* The thread number the last report gives after `site`, or 0. */
static unsigned reported_thread(const char *site)
{
    const char *at = strstr(capture_text, site);
    const char *thread = at ? strstr(at, "(thread ") : NULL;
    unsigned number = 0;
    if (thread) sscanf(thread + 8, "%u", &number);
    return number;
}

/* A reader in the table keeps the owner from borrowing exclusively, dropping and moving. */
static void reader_excludes_writers(void)
{
    own_box order = own_new(2 * sizeof(int));
    reader r;
    reader_start(&r, &order);
    CHECK(r.ref.ptr != NULL);
    CHECK((r.ref.tag & OWN__TAG_VISIBLE) != 0); /* the path under test was taken */
    CHECK_NO_REPORT();

    own_ref own_read = own_borrow(&order); /* main reads too, and is the last to borrow */
    own_release(own_read);
    CHECK(own_borrow_mut(&order).ptr == NULL);
    int line = __LINE__ - 1;
    /* The report names the borrow that is still alive: the reader's site and thread. */
    CHECK(reported_thread(AT(r.line)) > 1);
    CHECK_REPORT("borrow-conflict", "borrowed exclusively while borrowed (shared)", AT(line),
                 AT(r.line));
    own_drop(&order);
    line = __LINE__ - 1;
    CHECK_REPORT("drop-while-borrowed", "dropped while borrowed", AT(line), AT(r.line));
    own_box moved = own_move(&order);
    CHECK(moved.ptr == NULL);
    CHECK_REPORT("drop-while-borrowed", "moved while borrowed");
    /* another reader is welcome meanwhile, and so is the owner's own shared borrow */
    reader second;
    reader_start(&second, &order);
    CHECK(second.ref.ptr != NULL);
    own_ref mine = own_borrow(&order);
    CHECK(mine.ptr != NULL);
    CHECK_NO_REPORT();
    own_release(mine);
    reader_finish(&second);
    CHECK(own_borrow_mut(&order).ptr == NULL); /* the first reader still reads */
    CHECK_REPORT("borrow-conflict");

    reader_finish(&r);
    own_mut w = own_borrow_mut(&order);
    CHECK(w.ptr != NULL);
    ((int *)w.ptr)[0] = 7;
    own_release(w);
    moved = own_move(&order);
    CHECK(moved.ptr != NULL);
    own_drop(&moved);
    CHECK_NO_REPORT();
}

static void *read_twice(void *arg)
{
    own_box *box = arg;
    for (int i = 0; i < 2; i++) /* the word path, then the table's */
        CHECK(own_borrow(box).ptr == NULL);
    return NULL;
}

/* An exclusive borrow the owner took on its fast path, before any other thread came, keeps a
 * reader out of the table too. */
static void owner_writer_excludes_reader(void)
{
    own_box order = own_new(16);
    own_mut mine = own_borrow_mut(&order);
    capture_start();
    pthread_t t;
    pthread_create(&t, NULL, read_twice, &order);
    pthread_join(t, NULL);
    CHECK_EQ_INT(atomic_load(&capture_count), 2);
    CHECK(strstr(capture_text, "borrowed (shared) while borrowed exclusively") != NULL);
    capture_start();
    own_release(mine);
    own_drop(&order);
    CHECK_NO_REPORT();
}

static void *release_copy_twice(void *arg)
{
    own_box *box = arg;
    own_ref first = own_borrow(box);
    own_release(first);
    own_ref r = own_borrow(box);
    own_ref copy = r;
    CHECK((r.tag & OWN__TAG_VISIBLE) != 0);
    own_release(r);
    CHECK_NO_REPORT();
    own_release(copy);
    CHECK_REPORT("invalid-handle", "released twice");
    return NULL;
}

static void copy_released_twice(void)
{
    own_box order = own_new(16);
    pthread_t t;
    pthread_create(&t, NULL, release_copy_twice, &order);
    pthread_join(t, NULL);
    own_drop(&order);
    CHECK_NO_REPORT();
}

typedef struct writer {
    own_box *box;
    long long timeout_ns;
    bool got;
    sem_t done;
} writer;

static void *write_when_free(void *arg)
{
    writer *w = arg;
    own_mut m = own_borrow_mut_timed(w->box, w->timeout_ns);
    w->got = m.ptr != NULL;
    if (m.ptr) {
        ((int *)m.ptr)[1]++;
        own_release(m);
    }
    sem_post(&w->done);
    return NULL;
}

/* A writer that waits gets the block once the reader in the table is gone; a timed one that runs
 * out of time is told why. */
static void writer_waits_for_reader(void)
{
    own_box order = own_new(2 * sizeof(int));
    reader r;
    reader_start(&r, &order);
    CHECK((r.ref.tag & OWN__TAG_VISIBLE) != 0);
    writer w = {&order, 20 * 1000 * 1000, false, {{0}}};
    sem_init(&w.done, 0, 0);
    pthread_t t;
    pthread_create(&t, NULL, write_when_free, &w);
    sem_wait(&w.done);
    pthread_join(t, NULL);
    CHECK(!w.got);
    CHECK_REPORT("borrow-conflict", "exclusive borrow timed out", AT(r.line));
    w.timeout_ns = -1;
    pthread_create(&t, NULL, write_when_free, &w);
    reader_finish(&r); /* the writer gets the block only from here on */
    sem_wait(&w.done);
    pthread_join(t, NULL);
    CHECK(w.got);
    sem_destroy(&w.done);
    own_ref check = own_borrow(&order);
    CHECK_EQ_INT(((const int *)check.ptr)[1], 1);
    own_release(check);
    own_drop(&order);
    CHECK_NO_REPORT();
}

/* Stress: for each block a chef's shared borrow comes first, so the table is open when the owner
 * and the chefs start writing; checked by counters.h. */
#define BLOCKS 600
#define ROUNDS 32
static own_box blocks[BLOCKS];
static atomic_int ready, opened;
static atomic_long chef_wins, torn;

static void *chef(void *arg)
{
    (void)arg;
    for (int i = 0; i < BLOCKS; i++) {
        while (atomic_load(&ready) <= i) {
        }
        own_ref first = own_borrow(&blocks[i]);
        if (first.ptr) own_release(first);
        atomic_fetch_add(&opened, 1);
        for (int k = 0; k < ROUNDS; k++) {
            atomic_fetch_add(&torn, counters_torn(&blocks[i]));
            if (k % 8 == 7) atomic_fetch_add(&chef_wins, counters_bump(&blocks[i]));
        }
    }
    return NULL;
}

static void ignore_conflicts(const own_error *e)
{
    (void)e; /* conflicts are expected here: the counters are what is checked */
}

static void stress(void)
{
    own_on_error(ignore_conflicts);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, chef, NULL);
    long owner_wins = 0;
    for (int i = 0; i < BLOCKS; i++) {
        blocks[i] = own_new(2 * sizeof(long));
        atomic_store(&ready, i + 1);
        while (atomic_load(&opened) < 2 * i + 1) { /* one chef has opened the table */
        }
        for (int k = 0; k < ROUNDS; k++)
            owner_wins += counters_bump(&blocks[i]);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    CHECK_EQ_INT(atomic_load(&torn), 0);
    CHECK_EQ_INT(counters_drop_all(blocks, BLOCKS), owner_wins + atomic_load(&chef_wins));
    capture_start();
}

int main(void)
{
    capture_start();
    reader_excludes_writers();
    owner_writer_excludes_reader();
    copy_released_twice();
    writer_waits_for_reader();
    stress();
    CHECK_NO_REPORT();
    CHECK_EQ_INT(own_live_blocks(), 0);
    return TEST_DONE();
}
