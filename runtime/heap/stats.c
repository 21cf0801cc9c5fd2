/* stats.c: what the heap holds — blocks and bytes per size class by a walk over every segment,
 * committed bytes from a counter kept on the slow paths — and the table OWN_OPTIONS=stats=1 prints
 * at exit. */
#include <string.h>

#include "heap/heap.h"

static atomic_size_t committed_bytes;
static atomic_size_t peak_committed_bytes;

void own__committed_add(ptrdiff_t bytes)
{
    size_t now = atomic_fetch_add_explicit(&committed_bytes, (size_t)bytes, memory_order_relaxed) +
                 (size_t)bytes;
    size_t peak = atomic_load_explicit(&peak_committed_bytes, memory_order_relaxed);
    while (now > peak && !atomic_compare_exchange_weak(&peak_committed_bytes, &peak, now)) {
    }
}

static void walk_small_segment(own_segment *s, own_heap_stats *out)
{
    own__segment_lock(s);
    for (unsigned i = 1; i < OWN_SLICES; i++) {
        own_page *page = &s->pages[i];
        if (s->free_slices & ((uint64_t)1 << i) || page->descriptor_back || !page->block_size)
            continue;
        own_class_stats *cls = &out->classes[page->class_index];
        size_t used = own__page_used(page);
        cls->blocks += used;
        cls->pages++;
        out->allocated_blocks += used;
        out->allocated_bytes += used * page->block_size;
    }
    own__segment_unlock(s);
    out->segments++;
    out->mapped_bytes += s->mapped_size;
}

void own_heap_stats_get(own_heap_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!own__class_count) own__heap_start(); /* the size classes exist once the heap started */
    out->class_count = own__class_count;
    for (unsigned c = 0; c < own__class_count; c++)
        out->classes[c].block_size = own__class_size[c];
    pthread_mutex_lock(&own__segments_lock);
    for (own_segment *s = own__all_segments; s; s = s->all_next) {
        if (s->kind == OWN_SEGMENT_SMALL) {
            walk_small_segment(s, out);
        } else if (s->kind == OWN_SEGMENT_ARENA) {
            out->mapped_bytes += s->mapped_size;
            own__arena_count(s, &out->huge_blocks, &out->huge_bytes);
        } else {
            out->mapped_bytes += s->mapped_size;
            if (s->pages_in_use) {
                out->huge_blocks++;
                out->huge_bytes += own__huge_usable(s);
            }
        }
    }
    pthread_mutex_unlock(&own__segments_lock);
    out->allocated_blocks += out->huge_blocks;
    out->allocated_bytes += out->huge_bytes;
    out->resident_bytes = atomic_load(&committed_bytes);
    out->peak_resident_bytes = atomic_load(&peak_committed_bytes);
}

static void print_size(FILE *out, const char *label, size_t bytes)
{
    if (bytes >= (10u << 20))
        fprintf(out, "%s %.1f MiB", label, (double)bytes / (1 << 20));
    else if (bytes >= (10u << 10))
        fprintf(out, "%s %.1f KiB", label, (double)bytes / (1 << 10));
    else
        fprintf(out, "%s %zu B", label, bytes);
}

void own_heap_stats_print(FILE *out)
{
    own_heap_stats st;
    own_heap_stats_get(&st);
    fprintf(out, "own heap statistics:\n ");
    print_size(out, " allocated", st.allocated_bytes);
    fprintf(out, " in %zu blocks,", st.allocated_blocks);
    print_size(out, " resident", st.resident_bytes);
    print_size(out, " (peak", st.peak_resident_bytes);
    print_size(out, "),", st.mapped_bytes);
    fprintf(out, " mapped in %zu segments\n", st.segments);
    fprintf(out, "  %10s %10s %12s %6s\n", "block size", "blocks", "bytes", "pages");
    for (size_t c = 1; c < st.class_count; c++) {
        const own_class_stats *cls = &st.classes[c];
        if (cls->blocks || cls->pages)
            fprintf(out, "  %10zu %10zu %12zu %6zu\n", cls->block_size, cls->blocks,
                    cls->blocks * cls->block_size, cls->pages);
    }
    if (st.huge_blocks)
        fprintf(out, "  %10s %10zu %12zu %6s\n", "huge", st.huge_blocks, st.huge_bytes, "-");
}

void own_heap_trim(void)
{
    own__huge_trim();
    own__arena_trim();
    if (own__thread_heap != &own__empty_heap) own__heap_purge(own__thread_heap);
}

/* OWN_OPTIONS=stats=1: the table at exit, on stderr (or the log file's descriptor is not ours). */
__attribute__((destructor)) static void print_stats_at_exit(void)
{
    if (own__options()->stats) own_heap_stats_print(stderr);
}
