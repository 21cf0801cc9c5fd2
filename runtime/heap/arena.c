/* arena.c: huge blocks up to OWN_ARENA_BLOCK_MAX, carved at page granularity out of 64 MiB arenas
 * and given back to them in place. Most of the price of a big block is its page faults (a fault
 * per 4 KiB touched, each with a page to zero); a block that reuses freed pages where they are
 * pays none. Moving pages elsewhere (mremap) would not do: page tables that change are rebuilt
 * page by page on the next touch, under a hypervisor's shadow paging almost as slowly as a fault.
 *
 * Layout: an arena is one mapping aligned to a segment, marked in the segment map like any
 * segment; its header (an own_segment of kind OWN_SEGMENT_ARENA, then a tag per page) fills its
 * first pages. A "span" is a run of pages, a block in use or free; the first and the last page of
 * a span carry its length and flags in `tags`, pages inside it 0, so a freed span finds both its
 * neighbours and merges with free ones. A free span's first page holds its entry in one list of
 * all free spans, most recently freed first: allocation takes the smallest span that fits and
 * carves the block from its start.
 *
 * Giving memory back: free pages stay resident while they are no more than OWN_ARENA_DIRTY_FLOOR
 * or the bytes of arena blocks in use, whichever is more; beyond that the spans freed longest ago
 * are decommitted (MADV_DONTNEED, all but the page with their list entry), and so are as many
 * pages as stayed free through the last DECAY_NS (a second). An arena with no block is unmapped,
 * except one kept for reuse. One lock guards every arena; blocks are big, so it is rarely taken. */
#include <errno.h>
#include <string.h>

#include "heap/heap.h"
#include "os/os.h"

#define ARENA_SIZE  ((size_t)64 << 20)
#define ARENA_PAGES ((uint32_t)(ARENA_SIZE / OWN_OS_PAGE))

typedef struct own_arena {
    own_segment segment; /* kind, mapped_size, tracking; pages_in_use counts the blocks */
    uint32_t written;    /* pages at and above this index were never written: still zero */
    uint32_t tags[ARENA_PAGES];
} own_arena;

#define HEADER_PAGES ((uint32_t)((sizeof(own_arena) + OWN_OS_PAGE - 1) / OWN_OS_PAGE))

/* A span tag: length in pages above the flags. */
#define TAG_START 1u
#define TAG_END   2u
#define TAG_USED  4u
#define TAG_SHIFT 3

typedef struct free_span {
    struct free_span *newer, *older;
    own_arena *arena;
    uint32_t first, pages;
    uint32_t dirty; /* pages that may be resident, the first (this entry) always */
} free_span;

/* Free pages that stayed free through a whole DECAY_NS were not needed: they are decommitted, so
 * a program whose big blocks got fewer gives their memory back without a call. A period of time,
 * not of operations: a program that frees and asks again at a high rate would otherwise decommit
 * pages it needs again a moment later, paying a page fault per 4 KiB for each. */
#define DECAY_NS 1000000000u

static pthread_mutex_t arena_lock = PTHREAD_MUTEX_INITIALIZER;
static free_span *newest, *oldest;
static size_t dirty_pages;     /* of all free spans */
static size_t used_pages;      /* of all blocks */
static own_arena *spare;       /* the one empty arena kept */
static uint64_t decay_start;   /* own__os_coarse_ns() when the current decay period began */
static size_t dirty_low_water; /* the fewest dirty free pages in the current period */

void own__arena_lock(bool lock)
{
    if (lock)
        pthread_mutex_lock(&arena_lock);
    else
        pthread_mutex_unlock(&arena_lock);
}

static uint8_t *page_address(own_arena *arena, uint32_t page)
{
    return (uint8_t *)arena + ((size_t)page * OWN_OS_PAGE);
}

static void tag_span(own_arena *arena, uint32_t first, uint32_t pages, uint32_t used)
{
    uint32_t length = pages << TAG_SHIFT | used;
    arena->tags[first] = length | TAG_START;
    arena->tags[first + pages - 1] = length | TAG_END | (pages == 1 ? TAG_START : 0);
}

static void untag_span(own_arena *arena, uint32_t first, uint32_t pages)
{
    arena->tags[first] = 0;
    arena->tags[first + pages - 1] = 0;
}

/* ---- The list of free spans --------------------------------------------------------------- */

/* Committed bytes of the arenas: their headers, the pages of blocks, the dirty free pages. */
static void dirty_change(ptrdiff_t pages)
{
    dirty_pages += (size_t)pages;
    own__committed_add(pages * (ptrdiff_t)OWN_OS_PAGE);
}

static void used_change(ptrdiff_t pages)
{
    used_pages += (size_t)pages;
    own__committed_add(pages * (ptrdiff_t)OWN_OS_PAGE);
}

static free_span *list_add(own_arena *arena, uint32_t first, uint32_t pages, uint32_t dirty)
{
    free_span *span = (free_span *)page_address(arena, first);
    if (arena->written <= first) arena->written = first + 1;
    dirty_change((ptrdiff_t)dirty);
    span->arena = arena;
    span->first = first;
    span->pages = pages;
    span->dirty = dirty;
    span->newer = NULL;
    span->older = newest;
    if (newest)
        newest->newer = span;
    else
        oldest = span;
    newest = span;
    tag_span(arena, first, pages, 0);
    return span;
}

static void list_remove(free_span *span)
{
    dirty_change(-(ptrdiff_t)span->dirty);
    if (span->newer)
        span->newer->older = span->older;
    else
        newest = span->older;
    if (span->older)
        span->older->newer = span->newer;
    else
        oldest = span->newer;
}

static free_span *smallest_fitting(uint32_t pages)
{
    free_span *found = NULL;
    for (free_span *s = newest; s; s = s->older)
        if (s->pages >= pages && (!found || s->pages < found->pages)) {
            found = s;
            if (s->pages == pages) break;
        }
    return found;
}

/* ---- Arenas -------------------------------------------------------------------------------- */

static own_arena *arena_create(void)
{
    own_arena *arena = own__os_map_aligned(ARENA_SIZE, OWN_SEGMENT_SIZE);
    if (!arena) return NULL;
    arena->segment.kind = OWN_SEGMENT_ARENA;
    arena->segment.mapped_size = ARENA_SIZE;
    arena->written = HEADER_PAGES;
    own__committed_add((ptrdiff_t)HEADER_PAGES * OWN_OS_PAGE);
    own__segment_map_mark(arena, ARENA_SIZE, OWN_MAP_BIG);
    own__segment_track(&arena->segment);
    return arena;
}

/* Out of the list, the map and the address space; called without the lock. */
static void arena_release(own_arena *arena)
{
    own__committed_add(-(ptrdiff_t)HEADER_PAGES * OWN_OS_PAGE);
    own__segment_release(&arena->segment);
}

/* Decommits the spans freed longest ago until the free resident pages are within the limit. Of
 * the last span only the excess goes, from the end of its dirty pages: the block carved next
 * from its start still finds the rest resident. That matters when the span merged with a block
 * freed a moment ago, whose pages are no less needed for being in an old span. */
static void purge_down_to(size_t limit_pages)
{
    for (free_span *span = oldest; span && dirty_pages > limit_pages; span = span->newer) {
        if (span->dirty <= 1) continue;
        size_t excess = dirty_pages - limit_pages;
        uint32_t keep = excess < span->dirty - 1 ? span->dirty - (uint32_t)excess : 1;
        own__os_decommit(page_address(span->arena, span->first + keep),
                         (size_t)(span->pages - keep) * OWN_OS_PAGE);
        dirty_change((ptrdiff_t)keep - (ptrdiff_t)span->dirty);
        span->dirty = keep;
    }
}

static size_t dirty_limit_pages(void)
{
    size_t floor = OWN_ARENA_DIRTY_FLOOR / OWN_OS_PAGE;
    return used_pages > floor ? used_pages : floor;
}

/* After every allocation and free: the limit, and the decay of unneeded free pages. (Resizing in
 * place is no event: a string builder would count one per append.) */
static void clock_tick(void)
{
    if (dirty_pages < dirty_low_water) dirty_low_water = dirty_pages;
    uint64_t now = own__os_coarse_ns();
    if (now - decay_start >= DECAY_NS) {
        if (decay_start) purge_down_to(dirty_pages - dirty_low_water);
        dirty_low_water = dirty_pages;
        decay_start = now;
    }
    purge_down_to(dirty_limit_pages());
}

/* ---- Blocks -------------------------------------------------------------------------------- */

/* Takes `pages` from the start of a free span; returns how many of them may hold old bytes. */
static uint32_t carve(free_span *span, uint32_t pages)
{
    own_arena *arena = span->arena;
    uint32_t first = span->first, left = span->pages - pages, dirty = span->dirty;
    uint32_t old_written = arena->written;
    list_remove(span);
    untag_span(arena, first, span->pages);
    tag_span(arena, first, pages, TAG_USED);
    used_change((ptrdiff_t)pages);
    if (arena->written < first + pages) arena->written = first + pages;
    if (left) {
        /* Residency is not tracked page by page: the dirty pages are taken to be the first. */
        uint32_t left_dirty = dirty > pages ? dirty - pages : 0;
        list_add(arena, first + pages, left, left_dirty ? left_dirty : 1); /* its entry's page */
    }
    if (arena->segment.pages_in_use++ == 0 && arena == spare) spare = NULL;
    return first < old_written ? (old_written - first < pages ? old_written - first : pages) : 0;
}

void *own__arena_alloc(size_t size, bool zero)
{
    uint32_t pages = (uint32_t)((size + OWN_OS_PAGE - 1) / OWN_OS_PAGE);
    pthread_mutex_lock(&arena_lock);
    free_span *span = smallest_fitting(pages);
    while (!span) {
        pthread_mutex_unlock(&arena_lock);
        own_arena *arena = arena_create();
        if (!arena) {
            errno = ENOMEM;
            return NULL;
        }
        pthread_mutex_lock(&arena_lock);
        list_add(arena, HEADER_PAGES, ARENA_PAGES - HEADER_PAGES, 1);
        span = smallest_fitting(pages);
    }
    own_arena *arena = span->arena;
    uint32_t first = span->first;
    uint32_t written = carve(span, pages);
    clock_tick();
    pthread_mutex_unlock(&arena_lock);
    void *block = page_address(arena, first);
    if (zero) memset(block, 0, (size_t)written * OWN_OS_PAGE); /* never-written pages are zero */
    return block;
}

/* The free span that starts at `first`, if the page there starts one. */
static free_span *free_span_at(own_arena *arena, uint32_t first)
{
    if (first < HEADER_PAGES || first >= ARENA_PAGES) return NULL;
    uint32_t tag = arena->tags[first];
    if (!(tag & TAG_START) || (tag & TAG_USED)) return NULL;
    return (free_span *)page_address(arena, first);
}

/* Frees [first, first + pages) of an arena (all dirty: the caller no longer counts them as used)
 * and merges it with free neighbours.
 * Returns the arena when it became empty and should be unmapped. */
static own_arena *give_back(own_arena *arena, uint32_t first, uint32_t pages)
{
    uint32_t dirty = pages;
    free_span *after = free_span_at(arena, first + pages);
    if (after) {
        list_remove(after);
        untag_span(arena, after->first, after->pages);
        pages += after->pages;
        dirty += after->dirty;
    }
    if (first > HEADER_PAGES) {
        uint32_t tag = arena->tags[first - 1];
        if (!(tag & TAG_USED)) {
            uint32_t before_first = first - (tag >> TAG_SHIFT);
            free_span *before = (free_span *)page_address(arena, before_first);
            list_remove(before);
            untag_span(arena, before_first, before->pages);
            first = before_first;
            pages += before->pages;
            dirty += before->dirty;
        }
    }
    list_add(arena, first, pages, dirty);
    if (arena->segment.pages_in_use) return NULL;
    if (!spare) {
        spare = arena;
        return NULL;
    }
    /* One of two empty arenas goes back to the OS: the one with fewer resident pages. */
    free_span *mine = (free_span *)page_address(arena, HEADER_PAGES);
    free_span *spares = (free_span *)page_address(spare, HEADER_PAGES);
    own_arena *victim = arena;
    if (spares->dirty < mine->dirty) {
        victim = spare;
        spare = arena;
    }
    list_remove((free_span *)page_address(victim, HEADER_PAGES));
    return victim;
}

/* The page index of the block at p, or 0 when p is not the start of a block in use
 * (*was_freed: it is the start of a free span). */
static uint32_t block_page(own_arena *arena, const void *p, bool *was_freed)
{
    uintptr_t offset = (uintptr_t)p - (uintptr_t)arena;
    *was_freed = false;
    if (offset % OWN_OS_PAGE || offset >= ARENA_SIZE) return 0;
    uint32_t page = (uint32_t)(offset / OWN_OS_PAGE);
    if (page < HEADER_PAGES || !(arena->tags[page] & TAG_START)) return 0;
    if (!(arena->tags[page] & TAG_USED)) {
        *was_freed = true;
        return 0;
    }
    return page;
}

own_arena_result own__arena_free(own_segment *segment, void *p)
{
    own_arena *arena = (own_arena *)segment;
    bool was_freed;
    pthread_mutex_lock(&arena_lock);
    uint32_t first = block_page(arena, p, &was_freed);
    if (!first) {
        pthread_mutex_unlock(&arena_lock);
        return was_freed ? OWN_ARENA_FREED_BEFORE : OWN_ARENA_NOT_A_BLOCK;
    }
    uint32_t pages = arena->tags[first] >> TAG_SHIFT;
    untag_span(arena, first, pages);
    used_change(-(ptrdiff_t)pages);
    arena->segment.pages_in_use--;
    own_arena *empty = give_back(arena, first, pages);
    clock_tick();
    pthread_mutex_unlock(&arena_lock);
    if (empty) arena_release(empty);
    return OWN_ARENA_OK;
}

size_t own__arena_usable(own_segment *segment, const void *p)
{
    own_arena *arena = (own_arena *)segment;
    bool was_freed;
    pthread_mutex_lock(&arena_lock);
    uint32_t first = block_page(arena, p, &was_freed);
    size_t size = first ? (size_t)(arena->tags[first] >> TAG_SHIFT) * OWN_OS_PAGE : 0;
    pthread_mutex_unlock(&arena_lock);
    return size;
}

/* Resizes the block at p where it is: shrinks it (when that frees more than half of it), or grows
 * it into the free span after it. false when that cannot be done (the caller moves the block). */
bool own__arena_resize(own_segment *segment, void *p, size_t size)
{
    own_arena *arena = (own_arena *)segment;
    uint32_t want = (uint32_t)((size + OWN_OS_PAGE - 1) / OWN_OS_PAGE);
    bool was_freed, done = false;
    own_arena *empty = NULL;
    pthread_mutex_lock(&arena_lock);
    uint32_t first = block_page(arena, p, &was_freed);
    uint32_t pages = first ? arena->tags[first] >> TAG_SHIFT : 0;
    if (!first) {
        /* not a block: the caller reports it */
    } else if (want <= pages) {
        /* A block that would keep no more than half of it spare stays as it is, as a small one
         * does (realloc.c): a string builder appending into its room costs no lock round. */
        done = true;
        if (want <= pages / 2) {
            untag_span(arena, first, pages);
            tag_span(arena, first, want, TAG_USED);
            used_change(-(ptrdiff_t)(pages - want));
            empty = give_back(arena, first + want, pages - want);
        }
    } else {
        free_span *after = free_span_at(arena, first + pages);
        if (after && pages + after->pages >= want) {
            carve(after, want - pages); /* a block of its own for a moment */
            untag_span(arena, first, pages);
            untag_span(arena, first + pages, want - pages);
            tag_span(arena, first, want, TAG_USED);
            arena->segment.pages_in_use--;
            done = true;
        }
    }
    pthread_mutex_unlock(&arena_lock);
    if (empty) arena_release(empty);
    return done;
}

void own__arena_trim(void)
{
    own_arena *empty = NULL;
    pthread_mutex_lock(&arena_lock);
    purge_down_to(0);
    if (spare) {
        free_span *span = (free_span *)page_address(spare, HEADER_PAGES);
        list_remove(span);
        empty = spare;
        spare = NULL;
    }
    pthread_mutex_unlock(&arena_lock);
    if (empty) arena_release(empty);
}

void own__arena_count(own_segment *segment, size_t *blocks, size_t *bytes)
{
    own_arena *arena = (own_arena *)segment;
    pthread_mutex_lock(&arena_lock);
    for (uint32_t page = HEADER_PAGES; page < ARENA_PAGES;) {
        uint32_t tag = arena->tags[page], pages = tag >> TAG_SHIFT;
        if (tag & TAG_USED) {
            (*blocks)++;
            *bytes += (size_t)pages * OWN_OS_PAGE;
        }
        page += pages ? pages : 1;
    }
    pthread_mutex_unlock(&arena_lock);
}
