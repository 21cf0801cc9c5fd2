/* handles.c: bad arguments — NULL, a pointer own never gave out, a forged tag, a borrow where an
 * owner is expected — are invalid-handle, never a crash. */
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "capture.h"

int main(void)
{
    capture_start();
    own_box null = {0};
    CHECK(own_get(&null) == NULL);
    int line = __LINE__ - 1;
    CHECK_REPORT("invalid-handle", "error[invalid-handle]: NULL handle used", AT(line));
    own_drop(&null);
    CHECK_REPORT("invalid-handle", "NULL handle dropped");

    void *plain = malloc(64); /* glibc's: own never gave it out */
    own_box foreign = {plain, 12345};
    own_drop(&foreign);
    line = __LINE__ - 1;
    CHECK_REPORT("invalid-handle", "does not name a live owned block", AT(line));
    free(plain);

    void *heap = own_malloc(256); /* own's heap, but not an owned block */
    own_box not_owned = {(char *)heap + 128, 777};
    CHECK(own_borrow(&not_owned).ptr == NULL);
    CHECK_REPORT("invalid-handle", "does not name a live owned block");
    own_free(heap);

    static char data[256];
    own_box in_data = {data + 128, 1};
    own_move(&in_data);
    CHECK_REPORT("invalid-handle");

    own_box wild = {(void *)(uintptr_t)0x10, 1};
    CHECK(own_get(&wild) == NULL);
    CHECK_REPORT("invalid-handle");

    /* The inline fast paths of a borrow and a release read a header only where one can be:
     * pointers whose header would lie in unmapped memory are reported, never a fault. The tags
     * look like the fast paths' own (an owner tag with no flag; a biased borrow). */
    long page = sysconf(_SC_PAGESIZE);
    char *pages =
        mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(pages != MAP_FAILED);
    munmap(pages, (size_t)page); /* the header of pages + page + 64 would start in the hole */
    void *forged_ptrs[] = {(void *)(uintptr_t)0x40, pages + page + 64,
                           (void *)(uintptr_t)0xdead000000401000ULL};
    for (size_t i = 0; i < sizeof forged_ptrs / sizeof *forged_ptrs; i++) {
        own_box forged_box = {forged_ptrs[i], 5};
        CHECK(own_borrow(&forged_box).ptr == NULL);
        CHECK_REPORT("invalid-handle", "does not name a live owned block");
        CHECK(own_borrow_mut(&forged_box).ptr == NULL);
        CHECK_REPORT("invalid-handle", "does not name a live owned block");
        own_ref forged_ref = {forged_ptrs[i], 5 | OWN__TAG_BORROW | OWN__TAG_BIASED};
        own_release(forged_ref);
        CHECK_REPORT("invalid-handle", "not an owned block");
        CHECK(forged_ref.ptr == NULL);
    }
    munmap(pages + page, (size_t)page);

    own_box real = own_new(16);
    own_box forged = real;
    forged.tag ^= 0x5a5a000; /* a tag own never gave */
    CHECK(own_get(&forged) == NULL);
    CHECK_REPORT("invalid-handle");
    own_ref rr = own_borrow(&real);
    own_box as_box = {(void *)rr.ptr, rr.tag};
    CHECK_NO_REPORT();
    own_drop(&as_box);
    CHECK_REPORT("mismatched-free", "a borrow dropped where an owner handle is expected");
    CHECK(own_get(&as_box) == NULL);
    CHECK_REPORT("invalid-handle", "a borrow used where an owner handle is expected");
    own_box owner_copy = real;
    own_release(owner_copy);
    line = __LINE__ - 1;
    CHECK_REPORT("mismatched-free", "owner of a block of 16 bytes released like a borrow",
                 AT(line));
    CHECK(owner_copy.ptr == real.ptr); /* still the owner's handle: own_drop will end it */
    own_release(rr);
    own_drop(&real);
    CHECK_NO_REPORT();
    CHECK_EQ_INT(own_live_blocks(), 0);
    return TEST_DONE();
}
