/* Unit tests for the single-producer/single-consumer ring (audio/ring.h), run on one
 * thread: sizes, full/empty edges, FIFO order, peek, count/space, wrap-around of the slot
 * index and of the free-running head/tail indices. The two-thread test under
 * ThreadSanitizer is tests/ring_stress.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "audio/ring.h"

/* Fill an item of item_size bytes from a sequence number, so that every byte depends on
 * it and a slot mixed up with its neighbour (or half-copied) shows. */
static void make_item(unsigned char *item, size_t item_size, uint64_t seq)
{
	for (size_t i = 0; i < item_size; i++)
		item[i] = (unsigned char)((seq * 131u + i * 7u + (seq >> 8) * 17u) ^ (i >> 3));
}

/* Pop one item and check it is the one made from seq. */
static void expect_pop(struct ring *r, size_t item_size, uint64_t seq)
{
	unsigned char want[64], got[64];
	assert_true(item_size <= sizeof want);
	make_item(want, item_size, seq);
	memset(got, 0xee, sizeof got);
	assert_true(ring_pop_rt(r, got));
	assert_memory_equal(got, want, item_size);
}

static void push_seq(struct ring *r, size_t item_size, uint64_t seq)
{
	unsigned char item[64];
	assert_true(item_size <= sizeof item);
	make_item(item, item_size, seq);
	assert_true(ring_push_rt(r, item));
}

static void test_destroy_null(void **state)
{
	(void)state;
	ring_destroy(NULL);
}

static void test_bad_sizes(void **state)
{
	(void)state;
	assert_null(ring_create(0, 4));
	assert_null(ring_create(8, 0));
	assert_null(ring_create(0, 0));
	/* Above the documented limit; SIZE_MAX would also overflow the power-of-two rounding. */
	assert_null(ring_create(((size_t)1 << 30) + 1, 1));
	assert_null(ring_create(SIZE_MAX, 1));
	assert_null(ring_create(SIZE_MAX / 2 + 2, 1));
}

static void test_capacity_rounding(void **state)
{
	(void)state;
	static const struct {
		size_t asked, want;
	} cases[] = {
		{1, 1}, {2, 2}, {3, 4}, {4, 4}, {5, 8}, {7, 8}, {8, 8}, {9, 16},
		{100, 128}, {1000, 1024}, {1024, 1024}, {1025, 2048},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ring *r = ring_create(cases[i].asked, 3);
		assert_non_null(r);
		assert_int_equal(r->capacity, cases[i].want);
		assert_int_equal(r->mask, cases[i].want - 1);
		assert_int_equal(r->item_size, 3);
		/* A fresh ring is empty with all of its capacity free. */
		assert_int_equal(ring_count_rt(r), 0);
		assert_int_equal(ring_space_rt(r), cases[i].want);
		ring_destroy(r);
	}
}

static void test_indices_on_own_cache_lines(void **state)
{
	(void)state;
	/* The producer's and the consumer's index must not share a line (false sharing), and
	 * the allocation must honour the struct's alignment. */
	assert_true(offsetof(struct ring, tail) - offsetof(struct ring, head) >= RING_CACHE_LINE);
	assert_true(offsetof(struct ring, capacity) - offsetof(struct ring, tail) >= RING_CACHE_LINE);
	struct ring *r = ring_create(4, 4);
	assert_non_null(r);
	assert_int_equal((uintptr_t)r % RING_CACHE_LINE, 0);
	ring_destroy(r);
}

static void test_empty_pop_and_peek_fail(void **state)
{
	(void)state;
	struct ring *r = ring_create(4, sizeof(uint32_t));
	assert_non_null(r);
	uint32_t v = 0x12345678u;
	assert_false(ring_pop_rt(r, &v));
	assert_false(ring_peek_rt(r, &v));
	/* A failed read leaves the caller's buffer alone. */
	assert_int_equal(v, 0x12345678u);
	ring_destroy(r);
}

static void test_push_until_full(void **state)
{
	(void)state;
	struct ring *r = ring_create(5, sizeof(uint32_t)); /* rounds up to 8 */
	assert_non_null(r);
	size_t cap = r->capacity;
	assert_int_equal(cap, 8);
	for (uint32_t i = 0; i < cap; i++) {
		assert_int_equal(ring_count_rt(r), i);
		assert_int_equal(ring_space_rt(r), cap - i);
		assert_true(ring_push_rt(r, &i));
	}
	/* Full at exactly capacity: no spare slot is kept, and a failed push changes nothing. */
	uint32_t extra = 999;
	assert_false(ring_push_rt(r, &extra));
	assert_false(ring_push_rt(r, &extra));
	assert_int_equal(ring_count_rt(r), cap);
	assert_int_equal(ring_space_rt(r), 0);

	/* One pop frees exactly one slot. */
	uint32_t v;
	assert_true(ring_pop_rt(r, &v));
	assert_int_equal(v, 0);
	assert_int_equal(ring_space_rt(r), 1);
	assert_true(ring_push_rt(r, &extra));
	assert_false(ring_push_rt(r, &extra));

	for (uint32_t i = 1; i < cap; i++) {
		assert_true(ring_pop_rt(r, &v));
		assert_int_equal(v, i);
	}
	assert_true(ring_pop_rt(r, &v));
	assert_int_equal(v, 999);
	assert_false(ring_pop_rt(r, &v));
	assert_int_equal(ring_count_rt(r), 0);
	assert_int_equal(ring_space_rt(r), cap);
	ring_destroy(r);
}

static void test_capacity_one(void **state)
{
	(void)state;
	struct ring *r = ring_create(1, 40);
	assert_non_null(r);
	assert_int_equal(r->capacity, 1);
	for (uint64_t seq = 0; seq < 100; seq++) {
		push_seq(r, 40, seq);
		unsigned char item[40];
		make_item(item, 40, seq + 1000);
		assert_false(ring_push_rt(r, item));
		expect_pop(r, 40, seq);
		assert_false(ring_pop_rt(r, item));
	}
	ring_destroy(r);
}

static void test_fifo_order(void **state)
{
	(void)state;
	struct ring *r = ring_create(16, 3);
	assert_non_null(r);
	for (uint64_t seq = 0; seq < 16; seq++)
		push_seq(r, 3, seq);
	for (uint64_t seq = 0; seq < 16; seq++)
		expect_pop(r, 3, seq);
	assert_int_equal(ring_count_rt(r), 0);
	ring_destroy(r);
}

static void test_peek_does_not_consume(void **state)
{
	(void)state;
	struct ring *r = ring_create(4, 40);
	assert_non_null(r);
	push_seq(r, 40, 7);
	push_seq(r, 40, 8);

	unsigned char want[40], got[40];
	make_item(want, 40, 7);
	for (int i = 0; i < 3; i++) {
		memset(got, 0, sizeof got);
		assert_true(ring_peek_rt(r, got));
		assert_memory_equal(got, want, 40);
		assert_int_equal(ring_count_rt(r), 2);
		assert_int_equal(ring_space_rt(r), 2);
	}
	expect_pop(r, 40, 7);
	make_item(want, 40, 8);
	assert_true(ring_peek_rt(r, got));
	assert_memory_equal(got, want, 40);
	expect_pop(r, 40, 8);
	assert_false(ring_peek_rt(r, got));
	ring_destroy(r);
}

/* Interleave pushes and pops in uneven bursts so that the slot index wraps many times at
 * every offset, checking order, contents and count/space after every step. */
static void churn(struct ring *r, size_t item_size, uint64_t steps)
{
	size_t cap = r->capacity;
	uint64_t next_push = 0, next_pop = 0;
	uint32_t rng = 12345;
	for (uint64_t step = 0; step < steps; step++) {
		rng = rng * 1103515245u + 12345u;
		unsigned burst = 1 + (rng >> 16) % (unsigned)(cap + 2);
		bool pushing = (rng >> 8) & 1;
		for (unsigned k = 0; k < burst; k++) {
			size_t count = (size_t)(next_push - next_pop);
			if (pushing) {
				if (count == cap) {
					unsigned char item[64];
					make_item(item, item_size, next_push);
					assert_false(ring_push_rt(r, item));
					break;
				}
				push_seq(r, item_size, next_push++);
			} else {
				if (count == 0) {
					unsigned char item[64];
					assert_false(ring_pop_rt(r, item));
					break;
				}
				expect_pop(r, item_size, next_pop++);
			}
			assert_int_equal(ring_count_rt(r), next_push - next_pop);
			assert_int_equal(ring_space_rt(r), cap - (next_push - next_pop));
		}
	}
	while (next_pop < next_push)
		expect_pop(r, item_size, next_pop++);
	assert_int_equal(ring_count_rt(r), 0);
	/* Many laps of the ring, so every slot was reused many times. */
	assert_true(next_push > 50 * cap);
}

static void test_wrap_around_odd_sizes(void **state)
{
	(void)state;
	static const struct {
		size_t capacity, item_size;
	} cases[] = {{3, 3}, {8, 3}, {5, 40}, {16, 40}, {2, 1}, {7, 17}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ring *r = ring_create(cases[i].capacity, cases[i].item_size);
		assert_non_null(r);
		churn(r, cases[i].item_size, 20000);
		ring_destroy(r);
	}
}

/* The indices run free and wrap at SIZE_MAX. Reaching that by pushing would take 2^64
 * operations, so we start a fresh, empty ring with both indices just below SIZE_MAX.
 * Setting them with atomic_store before any push or pop is what the ring itself could
 * reach after SIZE_MAX - k round trips: head == tail means empty, and only their
 * difference and their low bits (the slot) matter. The wrap must not make the ring look
 * full or empty, nor move to the wrong slot. */
static void start_near_wrap(struct ring *r, size_t below_max)
{
	size_t start = SIZE_MAX - below_max;
	atomic_store(&r->head, start);
	atomic_store(&r->tail, start);
}

static void test_index_wrap_at_size_max(void **state)
{
	(void)state;
	for (size_t below = 0; below < 20; below++) {
		struct ring *r = ring_create(8, 3);
		assert_non_null(r);
		start_near_wrap(r, below);
		size_t cap = r->capacity;
		assert_int_equal(ring_count_rt(r), 0);
		assert_int_equal(ring_space_rt(r), cap);

		/* Fill across the wrap point: full at exactly capacity, not before. */
		for (uint64_t seq = 0; seq < cap; seq++) {
			assert_int_equal(ring_space_rt(r), cap - seq);
			push_seq(r, 3, seq);
			assert_int_equal(ring_count_rt(r), seq + 1);
		}
		unsigned char item[3];
		make_item(item, 3, 99);
		assert_false(ring_push_rt(r, item));
		assert_int_equal(ring_space_rt(r), 0);
		/* Head has wrapped past zero while tail has not (for below < cap). */
		if (below < cap)
			assert_true(atomic_load(&r->head) < atomic_load(&r->tail));

		for (uint64_t seq = 0; seq < cap; seq++)
			expect_pop(r, 3, seq);
		assert_false(ring_pop_rt(r, item));
		assert_false(ring_peek_rt(r, item));
		assert_int_equal(ring_count_rt(r), 0);
		assert_int_equal(ring_space_rt(r), cap);
		ring_destroy(r);
	}
}

static void test_index_wrap_churn(void **state)
{
	(void)state;
	/* Random bursts straddling the wrap, with an item size that is not a power of two. */
	struct ring *r = ring_create(16, 40);
	assert_non_null(r);
	start_near_wrap(r, 37);
	churn(r, 40, 2000);
	ring_destroy(r);

	r = ring_create(4, 3);
	assert_non_null(r);
	start_near_wrap(r, 1);
	churn(r, 3, 2000);
	ring_destroy(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_destroy_null),
		cmocka_unit_test(test_bad_sizes),
		cmocka_unit_test(test_capacity_rounding),
		cmocka_unit_test(test_indices_on_own_cache_lines),
		cmocka_unit_test(test_empty_pop_and_peek_fail),
		cmocka_unit_test(test_push_until_full),
		cmocka_unit_test(test_capacity_one),
		cmocka_unit_test(test_fifo_order),
		cmocka_unit_test(test_peek_does_not_consume),
		cmocka_unit_test(test_wrap_around_odd_sizes),
		cmocka_unit_test(test_index_wrap_at_size_max),
		cmocka_unit_test(test_index_wrap_churn),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
