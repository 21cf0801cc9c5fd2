/* guard.c: a big freed block whose pages the program mostly never touched waits in quarantine
 * with its whole pages made inaccessible, rather than filled with OWN_FREED_BYTE. Filling would
 * make every page of it resident, when the program used a few (sort's 8.5 MB buffer, freed by
 * each of a shell loop's hundreds of sorts); a protection is one system call, gives the pages back
 * to the system while the block waits, and catches reads after the free as well as writes, at
 * the instruction that makes them. A block the program did fill is filled again, as a small one
 * is: guarding it would cost a page fault per page when its memory is used again (a loop that
 * fills and frees an 8 MB buffer ran 20 times slower guarded), and a fault costs more than
 * writing the page. The bytes before the first whole page and after the last one are filled and
 * checked as for any block.
 *
 * An access to a guarded page faults; the SIGSEGV handler installed with the checked heap finds
 * the block in a table of guarded ranges and reports a use-after-free there, with the stacks of
 * the access, the free and the allocation. Then, unless the policy stops the program, it makes
 * the pages accessible again (their bytes are zeros: the freed contents are gone) and returns, so
 * the access goes on as it would have without own. Any other SIGSEGV is not own's: the handler
 * puts back the action it replaced and lets the signal happen again, into it. A program that
 * installs its own SIGSEGV handler replaces this one; then its handler sees the fault. A system
 * call handed a guarded page fails with EFAULT instead of touching freed memory.
 *
 * The table is a fixed array claimed by compare-and-swap and read by the handler without a lock:
 * an entry is published before its pages are protected and withdrawn after they are accessible
 * again, so a fault on guarded pages always finds it. A block that finds no free entry, or whose
 * protection fails (the kernel's limit on mappings), is filled instead. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "preload/checked.h"

#define GUARDS 256 /* guarded blocks at once; at 64 KiB each, 16 MiB of quarantine */

static struct {
    _Atomic(own_checked_block *) block;
    _Atomic uintptr_t start, end; /* the guarded pages */
} guards[GUARDS];

static struct sigaction replaced;

static uintptr_t page_size(void)
{
    static uintptr_t size;
    if (!size) size = (uintptr_t)sysconf(_SC_PAGESIZE);
    return size;
}

bool own__guard_pages(const own_checked_block *b, uintptr_t *start, uintptr_t *end)
{
    uintptr_t user = (uintptr_t)own__checked_user((own_checked_block *)b);
    uintptr_t page = page_size();
    *start = (user + page - 1) & ~(page - 1);
    *end = (user + b->size) & ~(page - 1);
    return b->size >= OWN_GUARD_MIN && *end > *start;
}

/* Publishes b's pages in a free entry; false when the table is full. */
static bool publish(own_checked_block *b, uintptr_t start, uintptr_t end)
{
    for (int i = 0; i < GUARDS; i++) {
        own_checked_block *none = NULL;
        if (atomic_load_explicit(&guards[i].block, memory_order_relaxed) ||
            !atomic_compare_exchange_strong(&guards[i].block, &none, b))
            continue;
        atomic_store(&guards[i].start, start);
        atomic_store(&guards[i].end, end);
        return true;
    }
    return false;
}

static void withdraw(const own_checked_block *b)
{
    for (int i = 0; i < GUARDS; i++)
        if (atomic_load(&guards[i].block) == b) {
            atomic_store(&guards[i].end, 0);
            atomic_store(&guards[i].start, 0);
            atomic_store(&guards[i].block, NULL);
            return;
        }
}

/* Whether most of the pages in [start, end) were never made resident (mincore). */
static bool mostly_untouched(uintptr_t start, uintptr_t end)
{
    unsigned char resident[4096];
    size_t page = page_size(), pages = (end - start) / page, seen = 0;
    for (size_t done = 0; done < pages;) {
        size_t chunk = pages - done < sizeof resident ? pages - done : sizeof resident;
        if (mincore((void *)(start + done * page), chunk * page, resident) != 0) return false;
        for (size_t i = 0; i < chunk; i++)
            seen += resident[i] & 1;
        done += chunk;
    }
    return seen * 2 < pages;
}

bool own__guard_freed(own_checked_block *b)
{
    uintptr_t start, end;
    if (!own__guard_pages(b, &start, &end) || !mostly_untouched(start, end)) return false;
    if (!publish(b, start, end)) return false;
    /* The pages go back to the system while the block waits: zeros when it is used again. */
    madvise((void *)start, end - start, MADV_DONTNEED);
    if (mprotect((void *)start, end - start, PROT_NONE) != 0) {
        withdraw(b);
        return false;
    }
    uint8_t *user = own__checked_user(b);
    memset(user, OWN_FREED_BYTE, start - (uintptr_t)user);
    memset((void *)end, OWN_FREED_BYTE, (uintptr_t)user + b->size - end);
    b->guard = OWN_GUARD_ON;
    return true;
}

void own__guard_release(own_checked_block *b)
{
    uintptr_t start, end;
    if (b->guard == OWN_GUARD_ON && own__guard_pages(b, &start, &end)) {
        mprotect((void *)start, end - start, PROT_READ | PROT_WRITE);
        withdraw(b);
    }
    b->guard = OWN_GUARD_NONE;
}

static own_checked_block *guarded_at(uintptr_t address)
{
    for (int i = 0; i < GUARDS; i++) {
        own_checked_block *b = atomic_load(&guards[i].block);
        if (b && address >= atomic_load(&guards[i].start) && address < atomic_load(&guards[i].end))
            return b;
    }
    return NULL;
}

static void report_access(own_checked_block *b, uintptr_t address, const ucontext_t *context)
{
    bool write = false;
    const void *pc = NULL;
#if defined(__x86_64__)
    write = (context->uc_mcontext.gregs[REG_ERR] & 2) != 0; /* the page fault's error code */
    pc = (const void *)context->uc_mcontext.gregs[REG_RIP];
#else
    (void)context;
#endif
    size_t offset = address - (uintptr_t)own__checked_user(b);
    own_report r;
    own__report_begin(&r, "use-after-free",
                      "block of %zu bytes %s after it was freed (at offset %zu)", b->size,
                      write ? "written" : "read", offset);
    own_site at = {.code = pc, .thread = own__thread_number()};
    own__report_found_at(&r, &at);
    if (own__options()->backtrace) {
        /* The stack of the access: from the faulting instruction, which follows the handler's
         * frames and the kernel's signal frame. */
        void *frames[OWN_BACKTRACE_FRAMES];
        unsigned count = own__backtrace_capture(frames, OWN_BACKTRACE_FRAMES), first = 0;
        while (first < count && frames[first] != pc)
            first++;
        if (first == count) first = 0;
        own__report_backtrace(&r, "backtrace", frames + first, count - first);
    }
    own__report_stack(&r, "freed", "free stack", &b->freed);
    own__report_stack(&r, "allocated", "allocation stack", &b->allocated);
    own__report_line(&r, "   = help: the pointer was kept after this free: clear such pointers "
                         "when freeing the block");
    own__report_finish(&r);
}

static void on_fault(int signal, siginfo_t *info, void *context)
{
    /* A fault's code is positive; a signal a process sent has no address to look up. */
    own_checked_block *b = info->si_code > 0 ? guarded_at((uintptr_t)info->si_addr) : NULL;
    if (!b) {
        /* Not own's: a fault happens again when the access is made again, now into the action
         * replaced; a signal sent (kill -SEGV) is sent again, delivered once this returns. */
        sigaction(signal, &replaced, NULL);
        if (info->si_code <= 0) raise(signal);
        return;
    }
    bool was_inside = own__checked_inside;
    own__checked_inside = true; /* what the report allocates is the plain heap's */
    report_access(b, (uintptr_t)info->si_addr, context);
    own__checked_inside = was_inside;
    /* The policy let the program go on: the access is made, on pages of zeros. */
    uintptr_t start, end;
    own__guard_pages(b, &start, &end);
    mprotect((void *)start, end - start, PROT_READ | PROT_WRITE);
    b->guard = OWN_GUARD_OPENED;
    withdraw(b);
}

void own__guard_start(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_fault;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK; /* a fault in the report itself ends it */
    sigemptyset(&action.sa_mask);
    sigaction(SIGSEGV, &action, &replaced);
}
