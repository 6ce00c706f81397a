#include "audio/ring.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ring *ring_create(size_t capacity, size_t item_size)
{
	if (capacity == 0 || item_size == 0 || capacity > ((size_t)1 << 30))
		return NULL;
	size_t cap = 1;
	while (cap < capacity)
		cap <<= 1;
	struct ring *r = aligned_alloc(RING_CACHE_LINE,
		(sizeof *r + RING_CACHE_LINE - 1) / RING_CACHE_LINE * RING_CACHE_LINE);
	if (!r)
		return NULL;
	r->slots = calloc(cap, item_size);
	if (!r->slots) {
		free(r);
		return NULL;
	}
	atomic_init(&r->head, 0);
	atomic_init(&r->tail, 0);
	r->capacity = cap;
	r->mask = cap - 1;
	r->item_size = item_size;
	return r;
}

void ring_pretouch(struct ring *r)
{
	/* as xpretouch (src/base/xalloc.h), which this file does without: tests build it
	 * alone. volatile: a store of the zero already there would otherwise go. */
	volatile unsigned char *b = r->slots;
	const size_t bytes = r->capacity * r->item_size;
	for (size_t i = 0; i < bytes; i += 4096)
		b[i] = 0;
	b[bytes - 1] = 0;
}

void ring_destroy(struct ring *r)
{
	if (!r)
		return;
	free(r->slots);
	free(r);
}

bool ring_push_rt(struct ring *r, const void *item)
{
	size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
	/* acquire: the consumer finished reading the slot before it advanced tail */
	size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
	if (head - tail >= r->capacity)
		return false;
	memcpy(r->slots + (head & r->mask) * r->item_size, item, r->item_size);
	/* release: the slot's contents are visible before the new head */
	atomic_store_explicit(&r->head, head + 1, memory_order_release);
	return true;
}

static bool ring_read(struct ring *r, void *item, bool consume)
{
	size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
	/* acquire: pairs with the producer's release of head */
	size_t head = atomic_load_explicit(&r->head, memory_order_acquire);
	if (head == tail)
		return false;
	memcpy(item, r->slots + (tail & r->mask) * r->item_size, r->item_size);
	if (consume)
		/* release: our read of the slot happens before the producer may reuse it */
		atomic_store_explicit(&r->tail, tail + 1, memory_order_release);
	return true;
}

bool ring_pop_rt(struct ring *r, void *item)
{
	return ring_read(r, item, true);
}

bool ring_peek_rt(struct ring *r, void *item)
{
	return ring_read(r, item, false);
}

size_t ring_count_rt(struct ring *r)
{
	size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
	size_t head = atomic_load_explicit(&r->head, memory_order_acquire);
	return head - tail;
}

size_t ring_space_rt(struct ring *r)
{
	size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
	size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
	return r->capacity - (head - tail);
}
