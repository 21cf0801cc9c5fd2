/* report_seen.c: under `own run`, a report made before — by this process or by another process
 * of the same run — is counted, not printed again. `own run make` starts the same compiler five
 * hundred times, and `for f in *; do sort "$f"; done` the same sort: a leak each one has at exit
 * would otherwise be printed five hundred times, each time after naming its frames from the
 * debug information again (tens of milliseconds with libc's).
 *
 * A report's key says where it happened: its kind and the code it names (each address as its
 * module's path and the offset in it, which the same program has in every process whatever its
 * load address), or the source sites libown recorded. It is taken from what the report shows
 * before the first call stack is named (own__report_backtrace) or, without one, when it is
 * finished, so that a repeat skips the naming as well as the printing.
 *
 * The keys of a run are in one table of memory own run makes (a memfd) and every process maps:
 * OWN_RUN_SEEN_FD=FD:DEV:INO (own__run_descriptor). Open addressing, a key claimed by
 * a compare-and-swap, so processes and threads need no lock; when the table is full, or the
 * descriptor is gone (a program that closes every descriptor), reports are printed as before. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "core.h"

static atomic_ulong repeats;

/* The shared table, mapped on the first report that asks; MAP_FAILED when there is none. */
static _Atomic(_Atomic uint64_t *) table;

static uint64_t mix(uint64_t key, uint64_t value)
{
    key ^= value + UINT64_C(0x9e3779b97f4a7c15) + (key << 6) + (key >> 2);
    return key * UINT64_C(0xff51afd7ed558ccd);
}

uint64_t own__report_key_text(uint64_t key, const char *text)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325); /* FNV-1a */
    for (; text && *text; text++)
        h = (h ^ (unsigned char)*text) * UINT64_C(0x100000001b3);
    return mix(key, h);
}

uint64_t own__report_key_code(uint64_t key, const void *code)
{
    Dl_info info;
    if (code && dladdr(code, &info) && info.dli_fbase)
        return mix(own__report_key_text(key, info.dli_fname),
                   (uint64_t)((uintptr_t)code - (uintptr_t)info.dli_fbase));
    return mix(key, (uint64_t)(uintptr_t)code); /* in no module: this process's own address */
}

static _Atomic uint64_t *map_table(void)
{
    int fd = own__run_descriptor("OWN_RUN_SEEN_FD");
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size != OWN_SEEN_SLOTS * sizeof(uint64_t))
        return MAP_FAILED;
    return mmap(NULL, OWN_SEEN_SLOTS * sizeof(uint64_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
}

bool own__report_seen(uint64_t key)
{
    _Atomic uint64_t *slots = atomic_load_explicit(&table, memory_order_acquire);
    if (!slots) {
        _Atomic uint64_t *mapped = map_table(), *expected = NULL;
        if (!atomic_compare_exchange_strong(&table, &expected, mapped)) {
            if (mapped != MAP_FAILED) munmap((void *)mapped, OWN_SEEN_SLOTS * sizeof(uint64_t));
            mapped = expected;
        }
        slots = mapped;
    }
    if (slots == MAP_FAILED) return false;
    key |= 1; /* 0 marks a free slot */
    for (unsigned probe = 0; probe < OWN_SEEN_SLOTS; probe++) {
        _Atomic uint64_t *slot = &slots[((key >> 32) + probe) & (OWN_SEEN_SLOTS - 1)];
        uint64_t held = atomic_load_explicit(slot, memory_order_relaxed);
        if (held == 0 && atomic_compare_exchange_strong(slot, &held, key)) return false;
        if (held == key) {
            atomic_fetch_add(&repeats, 1);
            return true;
        }
    }
    return false; /* full: printed, as without a table */
}

unsigned long own__report_repeats(void)
{
    return atomic_load(&repeats);
}
