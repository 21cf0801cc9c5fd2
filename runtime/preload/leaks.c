/* leaks.c: at exit, the live blocks of the checked heap that no live memory points to. A block is
 * reachable when a word of a root, or of a reachable block, holds an address inside it (its first
 * byte to one past its last: interior and end pointers count, as C keeps them). The roots are all
 * the program's writable private memory, as /proc/self/maps lists it — data and bss of every
 * object, the stacks and thread-local storage of every thread, the arenas other allocators
 * (Python's, gcc's) map for themselves — but not own's heap, whose live blocks count only when
 * reached, not the checked heap's own tables, not the part of this thread's stack below the
 * exit handler, and not the frames of threads that have ended (dead frames: threads.c). What is
 * left unreached is leaked: reported once per allocation stack, the most bytes first, each with the
 * leaked blocks only it pointed to. Everything here is mapped with mmap, as the heap is not to move
 * while it is scanned. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "heap/heap.h"
#include "preload/checked.h"

#define REPORTED_STACKS 32 /* reports at most; the last one counts the rest */
#define EXCLUDED_MAX    8

enum { UNREACHED, REACHED, LOST_WITH_ANOTHER };

typedef struct live_block {
    uintptr_t start, end; /* user bytes, end included (a pointer one past the last byte) */
    own_checked_block *header;
    uint64_t stack_hash;
    uint8_t reached;  /* UNREACHED (a leak of its own), REACHED or LOST_WITH_ANOTHER */
    size_t lost_with; /* LOST_WITH_ANOTHER: the index of a leaked block that points to it */
    /* UNREACHED: the blocks and bytes lost with it, which only it reached */
    size_t carried_blocks, carried_bytes;
} live_block;

typedef struct scan {
    live_block *blocks;
    size_t count, capacity;
    size_t *pending; /* reached blocks whose words are not scanned yet */
    size_t pending_count;
    struct {
        uintptr_t start, end;
    } excluded[EXCLUDED_MAX];
    unsigned excluded_count;
    uintptr_t stack_floor; /* this thread's live stack starts here */
    struct {
        uintptr_t low, frames_end, high;
    } ended[OWN_FOLLOWED_THREADS]; /* stacks of threads that ended (threads.c) */
    unsigned ended_count;
    uintptr_t previous_end; /* of the mapping on the line before, in /proc/self/maps */
    bool previous_inaccessible;
} scan;

static void *map_array(size_t bytes)
{
    void *p = mmap(NULL, bytes ? bytes : 1, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static void exclude(scan *s, const void *start, size_t size)
{
    if (start && size && s->excluded_count < EXCLUDED_MAX) {
        s->excluded[s->excluded_count].start = (uintptr_t)start;
        s->excluded[s->excluded_count].end = (uintptr_t)start + size;
        s->excluded_count++;
    }
}

static void note_ended_stack(uintptr_t low, uintptr_t frames_end, uintptr_t high, void *arg)
{
    scan *s = arg;
    if (s->ended_count < OWN_FOLLOWED_THREADS && low < frames_end && frames_end <= high) {
        s->ended[s->ended_count].low = low;
        s->ended[s->ended_count].frames_end = frames_end;
        s->ended[s->ended_count].high = high;
        s->ended_count++;
    }
}

/* Where the live words of a mapping start: past the dead frames when it is, still exactly, the
 * stack of a thread that ended. */
static uintptr_t live_from(const scan *s, uintptr_t start, uintptr_t end)
{
    for (unsigned i = 0; i < s->ended_count; i++)
        if (s->ended[i].low == start && s->ended[i].high == end) return s->ended[i].frames_end;
    return start;
}

/* ---- The live blocks, sorted by address ---------------------------------------------------- */

static void count_live(own_checked_block *b, void *arg)
{
    if (b->state == OWN_BLOCK_LIVE) ++*(size_t *)arg;
}

/* The allocation stack's call and its number in the depot, which together say it. */
static uint64_t stack_hash(const own_checked_stack *stack)
{
    return ((uint64_t)(uintptr_t)stack->caller * 0x9e3779b97f4a7c15u) ^ stack->frames;
}

static void collect_live(own_checked_block *b, void *arg)
{
    scan *s = arg;
    if (b->state != OWN_BLOCK_LIVE || s->count == s->capacity) return;
    uintptr_t start = (uintptr_t)own__checked_user(b);
    s->blocks[s->count++] = (live_block){.start = start,
                                         .end = start + b->size,
                                         .header = b,
                                         .stack_hash = stack_hash(&b->allocated),
                                         .reached = UNREACHED};
}

static int by_start(const void *a, const void *b)
{
    const live_block *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* The block whose bytes hold `address`, or NULL. */
static live_block *block_at(scan *s, uintptr_t address)
{
    size_t low = 0, high = s->count;
    while (low < high) {
        size_t mid = low + (high - low) / 2;
        if (s->blocks[mid].start <= address)
            low = mid + 1;
        else
            high = mid;
    }
    if (low == 0) return NULL;
    live_block *b = &s->blocks[low - 1];
    return address <= b->end ? b : NULL;
}

/* ---- Marking --------------------------------------------------------------------------------- */

static void scan_words(scan *s, uintptr_t start, uintptr_t end)
{
    if (!s->count) return;
    uintptr_t lowest = s->blocks[0].start, highest = s->blocks[s->count - 1].end;
    for (uintptr_t at = (start + 7) & ~(uintptr_t)7; at + 8 <= end; at += 8) {
        uintptr_t word = *(const uintptr_t *)at;
        if (word < lowest || word > highest) continue;
        live_block *b = block_at(s, word);
        if (b && b->reached == UNREACHED) {
            b->reached = REACHED;
            s->pending[s->pending_count++] = (size_t)(b - s->blocks);
        }
    }
}

/* A root range without the excluded ones from index k on. */
static void scan_root_part(scan *s, uintptr_t start, uintptr_t end, unsigned k)
{
    for (; k < s->excluded_count; k++) {
        uintptr_t xs = s->excluded[k].start, xe = s->excluded[k].end;
        if (xe <= start || xs >= end) continue;
        if (xs > start) scan_root_part(s, start, xs, k + 1);
        if (xe < end) scan_root_part(s, xe, end, k + 1);
        return;
    }
    scan_words(s, start, end);
}

/* A writable mapping, less own's segments (4 MiB slots the heap marks: its blocks are reached
 * one by one, never scanned whole) and this thread's dead stack. */
static void scan_root(scan *s, uintptr_t start, uintptr_t end)
{
    if (s->stack_floor >= start && s->stack_floor < end) start = s->stack_floor;
    while (start < end) {
        uintptr_t slot_end = (start | (OWN_SEGMENT_SIZE - 1)) + 1;
        uintptr_t part_end = slot_end < end && slot_end > start ? slot_end : end;
        if (!own__map_mark((const void *)start)) scan_root_part(s, start, part_end, 0);
        start = part_end;
    }
}

static bool starts_with(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

/* One line of /proc/self/maps: "start-end perms offset dev inode path". */
static void scan_mapping(scan *s, char *line)
{
    char *p = line;
    uintptr_t start = strtoul(p, &p, 16);
    if (*p++ != '-') return;
    uintptr_t end = strtoul(p, &p, 16);
    if (*p++ != ' ' || strlen(p) < 4) return;
    bool readable = p[0] == 'r', writable = p[1] == 'w', shared = p[3] == 's';
    /* glibc's thread stack sits right above its guard page: a mapping with none below is no
     * thread's stack, whatever its bounds */
    bool above_guard = s->previous_end == start && s->previous_inaccessible;
    s->previous_end = end;
    s->previous_inaccessible = !strncmp(p, "---p", 4);
    for (int field = 0; field < 4 && *p; field++) { /* perms, offset, dev, inode */
        while (*p && *p != ' ')
            p++;
        while (*p == ' ')
            p++;
    }
    if (!readable || !writable || shared) return;
    if (starts_with(p, "[vvar") || starts_with(p, "[vsyscall") || starts_with(p, "/dev/")) return;
    scan_root(s, above_guard ? live_from(s, start, end) : start, end);
}

static void scan_roots(scan *s)
{
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    static char text[1 << 16];
    size_t used = 0;
    ssize_t n;
    while ((n = read(fd, text + used, sizeof text - 1 - used)) > 0) {
        used += (size_t)n;
        text[used] = 0;
        char *line = text, *newline;
        while ((newline = strchr(line, '\n'))) {
            *newline = 0;
            scan_mapping(s, line);
            line = newline + 1;
        }
        used = (size_t)(text + used - line);
        memmove(text, line, used);
    }
    close(fd);
}

static void scan_reached(scan *s)
{
    while (s->pending_count) {
        live_block *b = &s->blocks[s->pending[--s->pending_count]];
        scan_words(s, b->start, b->end);
    }
}

/* The leaked blocks that other leaked blocks point to are lost with them: a list whose head is
 * lost is one leak, not one per node (valgrind's "indirectly lost"). Each leaked block in turn,
 * unless it is already lost with another, claims the leaked blocks it reaches. A block claimed
 * already stays with its claimer, and one that made its claims before (it came earlier) is
 * claimed without its own being walked again: they follow it (find_lost_with_others). So every
 * block is walked once, and of a cycle with no way in exactly one block stays a leak of its
 * own. */
static void claim_from(scan *s, size_t leader)
{
    s->pending[s->pending_count++] = leader;
    while (s->pending_count) {
        const live_block *b = &s->blocks[s->pending[--s->pending_count]];
        for (uintptr_t at = (b->start + 7) & ~(uintptr_t)7; at + 8 <= b->end; at += 8) {
            live_block *to = block_at(s, *(const uintptr_t *)at);
            size_t index = to ? (size_t)(to - s->blocks) : leader;
            if (index == leader || to->reached != UNREACHED) continue;
            to->reached = LOST_WITH_ANOTHER;
            to->lost_with = leader;
            if (index > leader) s->pending[s->pending_count++] = index;
        }
    }
}

static void find_lost_with_others(scan *s)
{
    for (size_t i = 0; i < s->count; i++)
        if (s->blocks[i].reached == UNREACHED) claim_from(s, i);
    /* A claim may have been taken over since: follow it to the leak that holds it now. */
    for (size_t i = 0; i < s->count; i++) {
        live_block *b = &s->blocks[i];
        if (b->reached != LOST_WITH_ANOTHER) continue;
        size_t leader = b->lost_with;
        while (s->blocks[leader].reached == LOST_WITH_ANOTHER)
            leader = s->blocks[leader].lost_with;
        s->blocks[leader].carried_blocks++;
        s->blocks[leader].carried_bytes += b->header->size;
    }
}

/* ---- Reports --------------------------------------------------------------------------------- */

typedef struct leak_group {
    size_t first; /* index of a block of the group */
    size_t blocks, bytes;
    size_t carried_blocks, carried_bytes; /* lost with the group's blocks */
} leak_group;

static int by_stack(const void *a, const void *b)
{
    const live_block *x = a, *y = b;
    if ((x->reached == UNREACHED) != (y->reached == UNREACHED))
        return x->reached == UNREACHED ? -1 : 1;
    return x->stack_hash < y->stack_hash ? -1 : x->stack_hash > y->stack_hash;
}

/* The most bytes lost first, with what each leak carried along. */
static int by_bytes(const void *a, const void *b)
{
    const leak_group *x = a, *y = b;
    size_t xb = x->bytes + x->carried_bytes, yb = y->bytes + y->carried_bytes;
    return xb < yb ? 1 : xb > yb ? -1 : 0;
}

static void report_group(const scan *s, const leak_group *g, size_t more_groups, size_t more_blocks,
                         size_t more_bytes)
{
    const own_checked_block *b = s->blocks[g->first].header;
    own_report r;
    own__report_begin(&r, "leak",
                      "%zu block%s (%zu bytes) never freed: no live memory points "
                      "to %s at exit",
                      g->blocks, g->blocks == 1 ? "" : "s", g->bytes,
                      g->blocks == 1 ? "it" : "them");
    void *frames[OWN_CHECKED_FRAMES];
    own__report_key_frames(&r, frames, own__stack_frames(&b->allocated, frames));
    if (own__report_repeated(&r)) { /* made by an earlier process of the run: counted only */
        own__report_finish(&r);
        return;
    }
    own_site site = {.code = b->allocated.caller, .thread = b->allocated.thread};
    own__report_found_at(&r, &site);
    own__report_line(&r, "   = note: %zu block%s, %zu bytes, allocated there and never freed",
                     g->blocks, g->blocks == 1 ? "" : "s", g->bytes);
    if (g->carried_blocks) {
        const char *them = g->blocks == 1 ? "it" : "them";
        own__report_line(&r,
                         "   = note: %zu more block%s (%zu bytes) lost with %s (reachable only "
                         "through %s)",
                         g->carried_blocks, g->carried_blocks == 1 ? "" : "s", g->carried_bytes,
                         them, them);
    }
    if (own__options()->backtrace) own__report_stack_frames(&r, "allocation stack", &b->allocated);
    if (more_groups)
        own__report_line(&r,
                         "   = note: and %zu more blocks (%zu bytes) from %zu other "
                         "allocation stack%s",
                         more_blocks, more_bytes, more_groups, more_groups == 1 ? "" : "s");
    own__report_line(&r, "   = help: free each block before the last pointer to it is lost");
    own__report_finish(&r);
}

static void report_leaks(scan *s)
{
    /* Unreached first, grouped by allocation stack (the hash, then the frames themselves). */
    qsort(s->blocks, s->count, sizeof *s->blocks, by_stack);
    size_t leaked = 0;
    while (leaked < s->count && s->blocks[leaked].reached == UNREACHED)
        leaked++;
    if (!leaked) return;
    leak_group *groups = map_array(leaked * sizeof *groups);
    if (!groups) return;
    size_t group_count = 0;
    for (size_t i = 0; i < leaked; i++) {
        const own_checked_block *b = s->blocks[i].header;
        size_t g = group_count;
        for (size_t j = group_count; j > 0; j--) { /* same hash: adjacent groups */
            const live_block *other = &s->blocks[groups[j - 1].first];
            if (other->stack_hash != s->blocks[i].stack_hash) break;
            if (own__stack_same(&other->header->allocated, &b->allocated)) {
                g = j - 1;
                break;
            }
        }
        if (g == group_count) groups[group_count++] = (leak_group){.first = i};
        groups[g].blocks++;
        groups[g].bytes += b->size;
        groups[g].carried_blocks += s->blocks[i].carried_blocks;
        groups[g].carried_bytes += s->blocks[i].carried_bytes;
    }
    qsort(groups, group_count, sizeof *groups, by_bytes);
    size_t shown = group_count < REPORTED_STACKS ? group_count : REPORTED_STACKS;
    size_t more_blocks = 0, more_bytes = 0;
    for (size_t i = shown; i < group_count; i++) {
        more_blocks += groups[i].blocks;
        more_bytes += groups[i].bytes;
    }
    for (size_t i = 0; i < shown; i++)
        report_group(s, &groups[i], i + 1 == shown ? group_count - shown : 0, more_blocks,
                     more_bytes);
    munmap(groups, leaked * sizeof *groups);
}

void own__leaks_report(uintptr_t stack_floor)
{
    scan s = {.stack_floor = stack_floor};
    own__checked_blocks_each(count_live, &s.capacity);
    if (!s.capacity) return;
    s.blocks = map_array(s.capacity * sizeof *s.blocks);
    s.pending = map_array(s.capacity * sizeof *s.pending);
    if (s.blocks && s.pending) {
        own__checked_blocks_each(collect_live, &s);
        qsort(s.blocks, s.count, sizeof *s.blocks, by_start);
        const void *registry;
        size_t registry_size;
        own__checked_blocks_extent(&registry, &registry_size);
        exclude(&s, registry, registry_size);
        const void *depot;
        size_t depot_size;
        own__depot_extent(&depot, &depot_size);
        exclude(&s, depot, depot_size);
        exclude(&s, s.blocks, s.capacity * sizeof *s.blocks);
        exclude(&s, s.pending, s.capacity * sizeof *s.pending);
        exclude(&s, atomic_load(&own__segment_map), OWN_MAP_SLOTS);
        own__ended_stacks_each(note_ended_stack, &s);
        scan_roots(&s);
        scan_reached(&s);
        find_lost_with_others(&s);
        report_leaks(&s);
    }
    if (s.blocks) munmap(s.blocks, s.capacity * sizeof *s.blocks);
    if (s.pending) munmap(s.pending, s.capacity * sizeof *s.pending);
}
