/* The null driver: no device, real-time pacing from a timer thread, output discarded.
 * It lets meters, transport and editing work over SSH on a machine with no sound. */
#include "audio/driver.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio/engine.h"
#include "src/base/xalloc.h"

struct null_priv {
	pthread_t thread;
	_Atomic bool run;
	bool started;
	int frames, rate;
	float *buf;
};

static void *null_main(void *arg)
{
	struct driver *d = arg;
	struct null_priv *p = d->priv;
	struct timespec next;
	clock_gettime(CLOCK_MONOTONIC, &next);
	const long period_ns = (long)((double)p->frames * 1e9 / p->rate);
	while (atomic_load_explicit(&p->run, memory_order_acquire)) {
		driver_play_rt(d, p->buf, p->frames);
		/* Nothing to play and nobody listening to the silence (a stream tap must keep
		 * its pace): wait for a command instead of a period; a second at most, so a
		 * stop of the driver is never held up long. */
		struct engine *e = atomic_load_explicit(&d->engine, memory_order_acquire);
		if (!atomic_load_explicit(&d->tap, memory_order_acquire) && engine_resting(e)) {
			engine_rest_wait(e, 1000, &p->run);
			clock_gettime(CLOCK_MONOTONIC, &next); /* pace afresh from now */
			continue;
		}
		next.tv_nsec += period_ns;
		while (next.tv_nsec >= 1000000000L) {
			next.tv_nsec -= 1000000000L;
			next.tv_sec++;
		}
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > next.tv_sec + 1) {
			/* far behind (machine suspended?): count it and start afresh */
			engine_note_xrun_rt(d->engine);
			next = now;
			continue;
		}
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
			;
	}
	return NULL;
}

static enum err null_open(struct driver *d, const struct driver_config *cfg,
	struct err_msg *msg)
{
	(void)msg;
	struct null_priv *p = xcalloc(1, sizeof *p);
	p->frames = cfg->buffer_frames > 0 ? cfg->buffer_frames : 256;
	p->rate = cfg->sample_rate;
	p->buf = xcalloc((size_t)p->frames * 2, sizeof(float));
	d->priv = p;
	d->buffer_frames = p->frames;
	snprintf(d->description, sizeof d->description, "no audio device: silent");
	return ERR_OK;
}

static enum err null_start(struct driver *d, struct err_msg *msg)
{
	struct null_priv *p = d->priv;
	if (p->started)
		return ERR_OK;
	atomic_store(&p->run, true);
	int rc = pthread_create(&p->thread, NULL, null_main, d);
	if (rc != 0)
		return err_set(msg, ERR_DEVICE, "null driver: cannot start its thread: %s",
			strerror(rc));
	p->started = true;
	return ERR_OK;
}

static void null_stop(struct driver *d)
{
	struct null_priv *p = d->priv;
	if (!p->started)
		return;
	atomic_store_explicit(&p->run, false, memory_order_release);
	engine_rest_wake(atomic_load_explicit(&d->engine, memory_order_acquire)); /* out of a wait */
	pthread_join(p->thread, NULL);
	p->started = false;
}

static void null_close(struct driver *d)
{
	struct null_priv *p = d->priv;
	free(p->buf);
	free(p);
}

const struct driver_ops driver_null_ops = {
	.name = "null",
	.open = null_open,
	.start = null_start,
	.stop = null_stop,
	.close = null_close,
};
