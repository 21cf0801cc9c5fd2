/* size_class.c: the size classes — 8 to 128 bytes in steps of 16, then four classes per power of
 * two up to 256 KiB — and how many 64 KiB slices a page of each class spans. The tables are filled
 * when the heap starts (possibly from inside the dynamic loader, before any constructor). */
#include "heap/heap.h"

/* The class of every size up to 1 KiB in steps of 8, as a constant: the fast path reads it
 * before any initialisation could have run in its thread. own__size_class() is the same rule. */
#define STEP_BIT(s) ((s) - 1 >= 512 ? 9 : (s) - 1 >= 256 ? 8 : 7)
#define CLASS_OF(s)                                                                                \
    ((s) <= 8     ? 1                                                                              \
     : (s) <= 16  ? 2                                                                              \
     : (s) <= 128 ? 3 + ((s) - 17) / 16                                                            \
                  : 10 + (STEP_BIT(s) - 7) * 4 + ((((s) - 1) >> (STEP_BIT(s) - 2)) & 3))
#define C(i) CLASS_OF((i) * 8)
#define C8(i) C(i), C(i + 1), C(i + 2), C(i + 3), C(i + 4), C(i + 5), C(i + 6), C(i + 7)
const uint8_t own__small_class[OWN_SMALL_MAX / 8 + 1] = {
    C8(0),  C8(8),  C8(16), C8(24), C8(32),  C8(40),  C8(48),  C8(56),  C8(64),
    C8(72), C8(80), C8(88), C8(96), C8(104), C8(112), C8(120), C(128)};
uint32_t own__class_size[OWN_SIZE_CLASSES];
uint8_t own__class_slices[OWN_SIZE_CLASSES];
unsigned own__class_count;

/* Class 0 is never a real class. */
unsigned own__size_class(size_t size)
{
    if (size <= 16) return size <= 8 ? 1 : 2;
    if (size <= 128) return 3 + (unsigned)((size - 17) >> 4);
    return own__stepped_class(size);
}

static unsigned slices_for(uint32_t block_size)
{
    /* At least 8 blocks per page, 4 for blocks over 32 KiB: big pages waste less at their end,
     * small ones return to the OS sooner. A class over 64 KiB, (5..8) << k, takes the fewest
     * slices its blocks fill exactly (5, 3, 7 or a power of two: 1 to 4 blocks): pages of a few
     * slices fit the gaps that pages of other classes leave, so a thread's committed slices are
     * used again instead of fresh ones being faulted in. */
    if (block_size > OWN_SLICE_SIZE) {
        size_t bytes = (size_t)(block_size >> __builtin_ctz(block_size)) * OWN_SLICE_SIZE;
        while (bytes < block_size)
            bytes *= 2;
        return (unsigned)(bytes / OWN_SLICE_SIZE);
    }
    size_t bytes = block_size <= 8192    ? OWN_SLICE_SIZE
                   : block_size <= 32768 ? (size_t)block_size * 8
                                         : (size_t)block_size * 4;
    return (unsigned)((bytes + OWN_SLICE_SIZE - 1) / OWN_SLICE_SIZE);
}

void own__size_classes_init(void)
{
    static const uint32_t first[] = {0, 8, 16, 32, 48, 64, 80, 96, 112, 128};
    unsigned count = 0;
    for (; count < OWN_FIRST_STEPPED_CLASS; count++)
        own__class_size[count] = first[count];
    for (unsigned bit = 7; bit < 18; bit++)
        for (unsigned step = 0; step < 4; step++)
            own__class_size[count++] = (5 + step) << (bit - 2);
    own__class_count = count;
    for (unsigned c = 1; c < count; c++) {
        own__class_slices[c] = (uint8_t)slices_for(own__class_size[c]);
        own_assert(own__class_slices[c] <= OWN_MAX_PAGE_SLICES);
        own_assert(own__size_class(own__class_size[c]) == c);
    }
    for (size_t i = 0; i <= OWN_SMALL_MAX / 8; i++)
        own_assert(own__small_class[i] == own__size_class(i * 8));
}
