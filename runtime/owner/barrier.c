/* barrier.c: the asymmetric fence — the expensive half of the borrow protocol, paid by the rare
 * thread that reaches into a block biased to another thread, so that the bias thread's own
 * borrows need no fence at all (borrow.c explains the protocol).
 *
 * membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) makes every running thread of the process execute
 * a full barrier before it returns. Where the kernel lacks it, changing the protection of a page
 * we touched forces a TLB shootdown on every CPU that runs the process, which serialises them too
 * (the method .NET's FlushProcessWriteBuffers uses). */
#define _GNU_SOURCE
#include <linux/membarrier.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "owner/block.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool expedited;
static pthread_mutex_t page_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile char *page;

static void setup(void)
{
    expedited = syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
    if (!expedited) {
        void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        page = p == MAP_FAILED ? NULL : p;
    }
}

void own__asymmetric_fence(void)
{
    pthread_once(&once, setup);
    atomic_thread_fence(memory_order_seq_cst);
    if (expedited && syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) == 0) return;
    if (page) {
        pthread_mutex_lock(&page_lock);
        mprotect((void *)page, 4096, PROT_READ | PROT_WRITE);
        page[0] = 1; /* the page must be in the TLBs for the downgrade to shoot them down */
        mprotect((void *)page, 4096, PROT_NONE);
        pthread_mutex_unlock(&page_lock);
    } else {
        /* Last resort: nothing forces the other CPUs; a kernel without membarrier and mmap
         * does not exist on the platforms own supports. */
        sched_yield();
    }
    atomic_thread_fence(memory_order_seq_cst);
}
