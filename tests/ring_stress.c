/* Two-thread stress test of the SPSC ring (audio/ring.h), built with ThreadSanitizer.
 *
 * One producer pushes sequenced messages, one consumer pops them and checks that none is
 * lost, duplicated, reordered or torn (each carries a checksum of its sequence number and
 * payload). The ring is small so that it runs full and empty constantly; both sides spin
 * with sched_yield. Ordering bugs that x86 hides (a relaxed store where release is needed)
 * show up as a TSan data-race report on the slot copy; tests/ring_stress.sh makes any
 * report fail the test.
 *
 * Usage: ring_stress [messages]   (default 10,000,000; at least 1)
 * Exit status: 0 on success, 1 on any failure. */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audio/ring.h"

#define DEFAULT_MESSAGES 10000000ull
#define RING_ITEMS 256
/* Errors printed before the consumer only counts them. */
#define MAX_REPORTED 10
/* A hung run (a ring that never reports space or data again) fails instead of blocking
 * make check forever. */
#define WATCHDOG_SEC 900

struct message {
	uint64_t seq;
	uint64_t payload[3];
	uint64_t checksum;
};

struct shared {
	struct ring *ring;
	uint64_t messages;
	/* Set (release) by the producer when it stops; read (acquire) by the consumer only
	 * while the ring is empty. The ring's own indices carry all other ordering, so this
	 * flag cannot hide a missing acquire/release inside the ring. */
	atomic_bool producer_done;
	/* Written by the producer thread, read by main after pthread_join. */
	int producer_failed;
	/* Written by the consumer thread, read by main after pthread_join. */
	uint64_t received, lost, duplicated, corrupt, wrong_count;
};

/* splitmix64: every payload word depends on every bit of the sequence number. */
static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static uint64_t message_checksum(const struct message *m)
{
	uint64_t sum = mix64(m->seq);
	for (size_t i = 0; i < sizeof m->payload / sizeof m->payload[0]; i++)
		sum = mix64(sum ^ m->payload[i]);
	return sum;
}

static void message_make(struct message *m, uint64_t seq)
{
	m->seq = seq;
	for (size_t i = 0; i < sizeof m->payload / sizeof m->payload[0]; i++)
		m->payload[i] = mix64(seq * 4 + i);
	m->checksum = message_checksum(m);
}

static bool message_payload_ok(const struct message *m)
{
	for (size_t i = 0; i < sizeof m->payload / sizeof m->payload[0]; i++)
		if (m->payload[i] != mix64(m->seq * 4 + i))
			return false;
	return true;
}

static void *producer(void *arg)
{
	struct shared *s = arg;
	struct message m;
	for (uint64_t seq = 0; seq < s->messages; seq++) {
		message_make(&m, seq);
		/* The consumer drains until we are done, so a full ring always empties. */
		while (!ring_push_rt(s->ring, &m))
			sched_yield();
		/* The producer's view: never more items than capacity. */
		if (ring_space_rt(s->ring) > s->ring->capacity) {
			fprintf(stderr, "ring_stress: space %zu > capacity %zu\n",
				ring_space_rt(s->ring), s->ring->capacity);
			s->producer_failed = 1;
		}
	}
	atomic_store_explicit(&s->producer_done, true, memory_order_release);
	return NULL;
}

static void report(struct shared *s, const char *what, uint64_t expected,
	const struct message *m)
{
	uint64_t errors = s->lost + s->duplicated + s->corrupt + s->wrong_count;
	if (errors <= MAX_REPORTED)
		fprintf(stderr, "ring_stress: %s: expected seq %" PRIu64 ", got seq %" PRIu64
			" (checksum %016" PRIx64 ")\n", what, expected, m->seq, m->checksum);
}

static void *consumer(void *arg)
{
	struct shared *s = arg;
	struct message m;
	uint64_t expected = 0;
	while (expected < s->messages) {
		if (!ring_pop_rt(s->ring, &m)) {
			if (!atomic_load_explicit(&s->producer_done, memory_order_acquire)) {
				sched_yield();
				continue;
			}
			/* The producer has finished, so its last push is visible now. */
			if (!ring_pop_rt(s->ring, &m)) {
				fprintf(stderr, "ring_stress: producer finished and ring drained "
					"with only seq < %" PRIu64 " of %" PRIu64 " received\n",
					expected, s->messages);
				s->lost += s->messages - expected;
				break;
			}
		}
		s->received++;
		size_t count = ring_count_rt(s->ring);
		if (count > s->ring->capacity) {
			s->wrong_count++;
			fprintf(stderr, "ring_stress: count %zu > capacity %zu\n", count,
				s->ring->capacity);
		}
		if (m.checksum != message_checksum(&m) || !message_payload_ok(&m)) {
			s->corrupt++;
			report(s, "torn or corrupt message", expected, &m);
			expected++;
			continue;
		}
		if (m.seq == expected) {
			expected++;
		} else if (m.seq > expected) {
			s->lost += m.seq - expected;
			report(s, "lost messages", expected, &m);
			expected = m.seq + 1;
		} else {
			/* Older than expected: a duplicate or a reordering. */
			s->duplicated++;
			report(s, "duplicate or reordered message", expected, &m);
		}
	}
	/* Anything popped after the last message is a duplicate or an invented item. Keep
	 * draining until the producer stops, so that it can never wait on a full ring. */
	for (;;) {
		bool done = atomic_load_explicit(&s->producer_done, memory_order_acquire);
		while (ring_pop_rt(s->ring, &m)) {
			s->duplicated++;
			report(s, "extra message after the last one", s->messages, &m);
		}
		if (done)
			break;
		sched_yield();
	}
	return NULL;
}

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct shared s;
	memset(&s, 0, sizeof s);
	s.messages = DEFAULT_MESSAGES;
	if (argc > 1) {
		char *end;
		errno = 0;
		unsigned long long n = strtoull(argv[1], &end, 10);
		if (errno || *end || end == argv[1] || n == 0) {
			fprintf(stderr, "usage: %s [messages]\n", argv[0]);
			return 1;
		}
		s.messages = n;
	}
	atomic_init(&s.producer_done, false);

	s.ring = ring_create(RING_ITEMS, sizeof(struct message));
	if (!s.ring) {
		fprintf(stderr, "ring_stress: ring_create failed\n");
		return 1;
	}
	/* Start the free-running indices close enough to SIZE_MAX that they wrap halfway
	 * through the run (2^64 real pushes are out of reach). Done before the threads
	 * start, so pthread_create orders it before any push or pop. */
	size_t start = SIZE_MAX - (size_t)(s.messages / 2);
	atomic_store(&s.ring->head, start);
	atomic_store(&s.ring->tail, start);

	alarm(WATCHDOG_SEC);
	double t0 = now_sec();
	pthread_t prod, cons;
	int err = pthread_create(&cons, NULL, consumer, &s);
	if (err) {
		fprintf(stderr, "ring_stress: pthread_create: %s\n", strerror(err));
		return 1;
	}
	err = pthread_create(&prod, NULL, producer, &s);
	if (err) {
		fprintf(stderr, "ring_stress: pthread_create: %s\n", strerror(err));
		atomic_store(&s.producer_done, true);
		pthread_join(cons, NULL);
		return 1;
	}
	pthread_join(prod, NULL);
	pthread_join(cons, NULL);
	double elapsed = now_sec() - t0;

	/* The producer's index must have wrapped past zero (if the run was long enough to
	 * start near the top) and ended where the consumer's did. */
	size_t head = atomic_load(&s.ring->head), tail = atomic_load(&s.ring->tail);
	int index_ok = head == tail && head == start + (size_t)s.messages;

	printf("ring_stress: %" PRIu64 " messages of %zu bytes through a %zu-item ring "
		"in %.3f s (%.2f M msg/s)\n", s.received, sizeof(struct message),
		s.ring->capacity, elapsed, elapsed > 0 ? (double)s.received / elapsed / 1e6 : 0.0);
	int failed = s.producer_failed || s.lost || s.duplicated || s.corrupt ||
		s.wrong_count || s.received != s.messages || !index_ok;
	if (failed)
		fprintf(stderr, "ring_stress: FAILED: received %" PRIu64 " of %" PRIu64
			", lost %" PRIu64 ", duplicated/reordered %" PRIu64 ", corrupt %" PRIu64
			", bad count %" PRIu64 ", indices %s\n", s.received, s.messages, s.lost,
			s.duplicated, s.corrupt, s.wrong_count, index_ok ? "ok" : "wrong");
	ring_destroy(s.ring);
	return failed ? 1 : 0;
}
