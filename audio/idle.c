/* A stopped engine at rest (audio/engine.h, "Rest"): whether it is, and the wait that a
 * timer-paced driver does instead of computing silence 187 times a second. A class of
 * students on one small server leaves most studios stopped most of the time; each
 * should then cost nothing. */
#include "audio/engine_priv.h"

#include <errno.h>
#include <stdatomic.h>
#include <time.h>

#include "src/base/xalloc.h"

/* A second of nothing after the last command or the stop: long enough for the events
 * the stop posts, a locate's refill while stopped and the meters' fall to be done. */
#define REST_AFTER_SEC 1

void engine_rest_init(struct engine *e)
{
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	if (pthread_mutex_init(&e->wake_lock, NULL) != 0
		|| pthread_cond_init(&e->wake_cond, &attr) != 0)
		xalloc_die();
	pthread_condattr_destroy(&attr);
}

void engine_rest_deinit(struct engine *e)
{
	pthread_cond_destroy(&e->wake_cond);
	pthread_mutex_destroy(&e->wake_lock);
}

void engine_rest_note_rt(struct engine *e, int frames, bool took_commands)
{
	/* waiting (for the disk after a locate) is left out: stopped, it stays set until
	 * play, and the stopped callbacks' hand-back of chunks has the REST_AFTER_SEC
	 * after the locate's command to let the disk thread refill */
	const bool busy = took_commands || e->playing || e->resync || e->pending
		|| e->targets_dirty || e->tap_active || ring_count_rt(e->cmds) > 0;
	bool due = false;
	for (int i = 0; i < ENGINE_RETIRE_DUE; i++)
		due = due || e->retire_due[i];
	if (busy || due) {
		e->rest_frames = 0;
		atomic_store_explicit(&e->resting, false, memory_order_relaxed);
		return;
	}
	if (e->rest_frames < (int64_t)e->sample_rate * REST_AFTER_SEC) {
		e->rest_frames += frames;
		return;
	}
	atomic_store_explicit(&e->resting, true, memory_order_relaxed);
}

bool engine_resting(const struct engine *e)
{
	return atomic_load_explicit(&e->resting, memory_order_relaxed);
}

void engine_rest_wake(struct engine *e)
{
	/* a command is coming: nobody may go to sleep on the old state */
	atomic_store_explicit(&e->resting, false, memory_order_relaxed);
	pthread_mutex_lock(&e->wake_lock);
	e->wake_gen++;
	pthread_cond_broadcast(&e->wake_cond);
	pthread_mutex_unlock(&e->wake_lock);
}

void engine_rest_wait(struct engine *e, int timeout_ms, _Atomic bool *run)
{
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&e->wake_lock);
	const uint64_t seen = e->wake_gen;
	/* a command sent since the caller saw the engine at rest ends the wait at once; so
	 * does the caller's stop, read under the lock that its engine_rest_wake takes after
	 * clearing it, so that no stop is missed between this check and the wait */
	while (e->wake_gen == seen && atomic_load_explicit(&e->resting, memory_order_relaxed)
		&& atomic_load_explicit(run, memory_order_acquire)) {
		if (pthread_cond_timedwait(&e->wake_cond, &e->wake_lock, &until) == ETIMEDOUT)
			break;
	}
	pthread_mutex_unlock(&e->wake_lock);
}
