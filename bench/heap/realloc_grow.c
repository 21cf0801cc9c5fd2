/* realloc_grow: buffers that grow by realloc, as string builders and vectors do. 64 buffers are
 * appended to in turn, each by small pieces with one realloc per append (naive code) or by doubling
 * its capacity (vector code), up to a target of 1 KiB–256 KiB (now and then 4 MiB); a full buffer
 * is sometimes shrunk, then freed and started again. The contents must survive every move: the
 * bytes at the old end and at the start are checked after each realloc. Single-threaded. */
#include "workload.h"

#define BUFFERS 64

typedef struct buffer {
    unsigned char *data;
    size_t length, capacity, target;
    int doubling;
} buffer;

static unsigned char byte_at(size_t id, size_t pos)
{
    return (unsigned char)(pos * 31 + id);
}

static void start(buffer *b, uint64_t *rng)
{
    b->data = NULL;
    b->length = b->capacity = 0;
    b->target =
        wl_next(rng) % 64 == 0 ? wl_range(rng, 1 << 20, 4 << 20) : wl_range(rng, 1024, 256 << 10);
    b->doubling = (int)(wl_next(rng) & 1);
}

static void resize(buffer *b, size_t id, size_t capacity)
{
    unsigned char *p = realloc(b->data, capacity);
    if (!p) {
        fprintf(stderr, "realloc_grow: realloc(%zu) failed\n", capacity);
        exit(2);
    }
    size_t kept = b->length < capacity ? b->length : capacity;
    if (kept && (p[0] != byte_at(id, 0) || p[kept - 1] != byte_at(id, kept - 1))) {
        fprintf(stderr, "realloc_grow: buffer %zu lost its contents when resized to %zu\n", id,
                capacity);
        abort();
    }
    b->data = p;
    b->capacity = capacity;
    b->length = kept;
}

int main(int argc, char **argv)
{
    size_t appends = wl_scaled(6000000, wl_scale(argc, argv));
    buffer buf[BUFFERS];
    uint64_t rng = 0x8CB92BA72F3D8DD7ULL, sum = 0;

    for (size_t i = 0; i < BUFFERS; i++)
        start(&buf[i], &rng);
    for (size_t a = 0; a < appends; a++) {
        size_t id = a % BUFFERS;
        buffer *b = &buf[id];
        size_t piece = wl_range(&rng, 1, 96);
        if (b->length + piece > b->capacity) {
            size_t want = b->length + piece;
            if (b->doubling) want = want < 2 * b->capacity ? 2 * b->capacity : want;
            resize(b, id, want);
        }
        for (size_t k = 0; k < piece; k++)
            b->data[b->length + k] = byte_at(id, b->length + k);
        b->length += piece;
        if (b->length >= b->target) {
            if (wl_next(&rng) % 4 == 0) resize(b, id, b->length / 2);
            sum += b->length + b->data[b->length / 3];
            free(b->data);
            start(b, &rng);
        }
    }
    for (size_t i = 0; i < BUFFERS; i++) {
        sum += buf[i].length;
        free(buf[i].data);
    }
    return wl_finish("realloc_grow", sum);
}
