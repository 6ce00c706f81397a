#include "audio/outtap.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio/ring.h"
#include "src/base/xalloc.h"

struct outtap {
	struct ring *ring;
	int rate;
	_Atomic uint64_t dropped;
	struct outtap_block scratch; /* the audio thread's: built here, then copied in */
};

struct outtap *outtap_create(int rate, double seconds)
{
	if (rate <= 0 || seconds <= 0)
		return NULL;
	size_t items = (size_t)(seconds * rate / OUTTAP_BLOCK) + 1;
	struct outtap *t = xcalloc(1, sizeof *t);
	t->ring = ring_create(items, sizeof(struct outtap_block));
	if (!t->ring) {
		free(t);
		return NULL;
	}
	t->rate = rate;
	atomic_init(&t->dropped, 0);
	return t;
}

void outtap_destroy(struct outtap *t)
{
	if (!t)
		return;
	ring_destroy(t->ring);
	free(t);
}

int outtap_rate(const struct outtap *t)
{
	return t->rate;
}

void outtap_push_rt(struct outtap *t, const float *out, int frames, bool playing,
	int64_t playhead)
{
	/* the vDSO clock: no system call, fine on the audio thread */
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	const double sec = (double)now.tv_sec + now.tv_nsec * 1e-9;
	struct outtap_block *b = &t->scratch;
	int done = 0;
	while (done < frames) {
		int n = frames - done;
		if (n > OUTTAP_BLOCK)
			n = OUTTAP_BLOCK;
		b->frames = n;
		b->playing = playing;
		/* each item's own end, so a reader sees the playhead move within a period */
		b->playhead = playhead - (frames - done - n);
		b->produced_sec = sec;
		memcpy(b->samples, out + (size_t)done * 2, (size_t)n * 2 * sizeof(float));
		if (!ring_push_rt(t->ring, b))
			atomic_fetch_add_explicit(&t->dropped, 1, memory_order_relaxed);
		done += n;
	}
}

bool outtap_pop(struct outtap *t, struct outtap_block *b)
{
	return ring_pop_rt(t->ring, b);
}

bool outtap_empty(struct outtap *t)
{
	return ring_count_rt(t->ring) == 0;
}

uint64_t outtap_dropped(const struct outtap *t)
{
	return atomic_load_explicit(&t->dropped, memory_order_relaxed);
}
