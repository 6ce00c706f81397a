/* Single-producer/single-consumer ring of fixed-size items.
 *
 * Exactly one thread pushes and exactly one thread pops; both sides are wait-free and
 * safe on the audio thread (no allocation, no locks, no system calls). Capacity is a
 * power of two. Indices are C11 atomics on separate cache lines: a push loads the
 * consumer's index with acquire, copies the item, then publishes its own index with
 * release; a pop mirrors it. The indices run free (they wrap at SIZE_MAX), so full
 * and empty need no spare slot.
 *
 * ring_create/ring_destroy allocate and must not run on the audio thread. */
#ifndef TTYMIX_RING_H
#define TTYMIX_RING_H

#include <stdalign.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#define RING_CACHE_LINE 64

struct ring {
	alignas(RING_CACHE_LINE) _Atomic size_t head; /* written by the producer only */
	alignas(RING_CACHE_LINE) _Atomic size_t tail; /* written by the consumer only */
	alignas(RING_CACHE_LINE) size_t capacity;     /* items, a power of two */
	size_t mask;
	size_t item_size;
	unsigned char *slots;
};

/* Capacity is rounded up to a power of two. Returns NULL on bad sizes or no memory. */
struct ring *ring_create(size_t capacity, size_t item_size);
void ring_destroy(struct ring *r); /* NULL is a no-op */
/* Make every slot's page resident now (as xpretouch does), so that a producer on the audio
 * thread takes no page fault on its first pass round the ring. Only while no producer
 * or consumer uses the ring yet (control thread, at creation or before first use). */
void ring_pretouch(struct ring *r);

/* Copy one item in/out. false when full/empty. */
bool ring_push_rt(struct ring *r, const void *item);
bool ring_pop_rt(struct ring *r, void *item);
/* Copy the oldest item out without removing it. */
bool ring_peek_rt(struct ring *r, void *item);

/* Items ready to pop (consumer side) / free slots (producer side). */
size_t ring_count_rt(struct ring *r);
size_t ring_space_rt(struct ring *r);

#endif
