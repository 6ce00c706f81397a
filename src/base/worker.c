#include "src/base/worker.h"

#include <pthread.h>
#include <stdlib.h>

#include "src/base/xalloc.h"

struct worker {
	pthread_t thread;
	const struct worker_ops *ops;
	void *ctx;
	pthread_mutex_t lock;     /* the owner's tasks, and the once fields below */
	pthread_cond_t wake;      /* a task was queued, or stop */
	atomic_bool cancel;       /* set by worker_stop */
	atomic_int progress;      /* thousandths of the run under way */
	/* worker_run_once: */
	enum err (*once)(void *ctx, struct worker *w, struct err_msg *msg);
	void *once_ctx;
	bool taken, finished;
	enum err result;
	struct err_msg msg;
};

static void *thread_main(void *arg)
{
	struct worker *w = arg;
	pthread_mutex_lock(&w->lock);
	while (!atomic_load(&w->cancel)) {
		void *task = w->ops->pick(w->ctx);
		if (!task) {
			pthread_cond_wait(&w->wake, &w->lock);
			continue;
		}
		pthread_mutex_unlock(&w->lock);
		struct err_msg msg = { "" };
		enum err e = w->ops->run(w->ctx, task, w, &msg);
		pthread_mutex_lock(&w->lock);
		if (atomic_load(&w->cancel))
			break;
		w->ops->done(w->ctx, task, e, &msg);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* Start w's thread; on failure w is freed and NULL returned. */
static struct worker *start(struct worker *w)
{
	atomic_init(&w->cancel, false);
	atomic_init(&w->progress, 0);
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	if (pthread_create(&w->thread, NULL, thread_main, w) != 0) {
		pthread_cond_destroy(&w->wake);
		pthread_mutex_destroy(&w->lock);
		free(w);
		return NULL;
	}
	return w;
}

struct worker *worker_start(const struct worker_ops *ops, void *ctx)
{
	struct worker *w = xcalloc(1, sizeof *w);
	w->ops = ops;
	w->ctx = ctx;
	return start(w);
}

void worker_stop(struct worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	atomic_store(&w->cancel, true);
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->lock);
	free(w);
}

void worker_lock(struct worker *w)
{
	pthread_mutex_lock(&w->lock);
}

void worker_unlock(struct worker *w)
{
	pthread_mutex_unlock(&w->lock);
}

void worker_wake(struct worker *w)
{
	pthread_cond_signal(&w->wake);
}

const atomic_bool *worker_cancel_flag(const struct worker *w)
{
	return &w->cancel;
}

atomic_int *worker_progress_slot(struct worker *w)
{
	return &w->progress;
}

/* ---- one task: a worker whose only task is the worker itself ---- */

static void *once_pick(void *ctx)
{
	struct worker *w = ctx;
	if (w->taken)
		return NULL;
	w->taken = true;
	return w;
}

static enum err once_run(void *ctx, void *task, struct worker *w, struct err_msg *msg)
{
	(void)task;
	struct worker *self = ctx;
	return self->once(self->once_ctx, w, msg);
}

static void once_done(void *ctx, void *task, enum err e, const struct err_msg *msg)
{
	(void)task;
	struct worker *w = ctx;
	w->result = e;
	w->msg = *msg;
	w->finished = true;
}

static const struct worker_ops once_ops = { once_pick, once_run, once_done };

struct worker *worker_run_once(enum err (*run)(void *ctx, struct worker *w,
	struct err_msg *msg), void *ctx)
{
	struct worker *w = xcalloc(1, sizeof *w);
	w->ops = &once_ops;
	w->ctx = w;
	w->once = run;
	w->once_ctx = ctx;
	return start(w);
}

bool worker_finished(struct worker *w, enum err *e, struct err_msg *msg)
{
	pthread_mutex_lock(&w->lock);
	const bool finished = w->finished;
	if (finished && e)
		*e = w->result;
	if (finished && msg)
		*msg = w->msg;
	pthread_mutex_unlock(&w->lock);
	return finished;
}
