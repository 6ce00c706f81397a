/* The pitch worker (src/pitch.h): one thread that builds clip pitch caches for the
 * studio, in the order asked, while the UI thread keeps running. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/pitch.h"
#include "src/base/worker.h"
#include "src/base/xalloc.h"

/* JOB_DROPPED: no clip wants it any more (pitch_worker_keep); asked again, it is
 * queued again. */
enum job_state { JOB_PENDING, JOB_BUILDING, JOB_DONE, JOB_FAILED, JOB_DROPPED };

struct job {
	struct pitch_job_spec spec;   /* never changes once queued */
	enum job_state state;         /* protected by the worker's lock */
	atomic_bool cancel;           /* stops its build: set by keep or stop */
};

struct pitch_worker {
	struct worker *thread;
	/* under the thread's lock: */
	struct job **jobs;
	int n_jobs;
	int finished;                 /* builds that ended well, not yet polled */
	char failed[ERR_MSG_MAX];     /* the last failure, not yet polled */
};

static void *pick(void *ctx)
{
	struct pitch_worker *w = ctx;
	for (int i = 0; i < w->n_jobs; i++)
		if (w->jobs[i]->state == JOB_PENDING) {
			w->jobs[i]->state = JOB_BUILDING;
			return w->jobs[i];
		}
	return NULL;
}

static enum err run(void *ctx, void *task, struct worker *thread, struct err_msg *msg)
{
	(void)ctx;
	struct job *j = task;
	if (access(j->spec.cache_path, R_OK) == 0)
		return ERR_OK;
	return pitch_build(&j->spec, &j->cancel, worker_progress_slot(thread), msg);
}

static void done(void *ctx, void *task, enum err e, const struct err_msg *msg)
{
	struct pitch_worker *w = ctx;
	struct job *j = task;
	const size_t len = strlen(msg->text), tail = strlen(PITCH_CANCELLED);
	const bool stopped = e != ERR_OK && len >= tail
		&& !strcmp(msg->text + len - tail, PITCH_CANCELLED);
	if (stopped) {
		/* given up on purpose: nothing to say; unless it was asked for again
		 * while it was stopping (keep, then request), then it starts over */
		j->state = atomic_load(&j->cancel) ? JOB_DROPPED : JOB_PENDING;
	} else if (e == ERR_OK) {
		j->state = JOB_DONE;
		w->finished++;
	} else {
		j->state = JOB_FAILED;
		snprintf(w->failed, sizeof w->failed, "%s", msg->text);
	}
}

static const struct worker_ops ops = { pick, run, done };

struct pitch_worker *pitch_worker_start(void)
{
	struct pitch_worker *w = xcalloc(1, sizeof *w);
	if (!(w->thread = worker_start(&ops, w))) {
		free(w);
		return NULL;
	}
	return w;
}

void pitch_worker_stop(struct pitch_worker *w)
{
	if (!w)
		return;
	/* a build looks at its own job's flag */
	worker_lock(w->thread);
	for (int i = 0; i < w->n_jobs; i++)
		atomic_store(&w->jobs[i]->cancel, true);
	worker_unlock(w->thread);
	worker_stop(w->thread);
	for (int i = 0; i < w->n_jobs; i++) {
		pitch_job_spec_deinit(&w->jobs[i]->spec);
		free(w->jobs[i]);
	}
	free(w->jobs);
	free(w);
}

bool pitch_worker_request(struct pitch_worker *w, const struct project *p,
	const struct project_clip *c)
{
	struct pitch_job_spec spec;
	if (!w || !pitch_job_spec_init(&spec, p, c))
		return false;
	if (access(spec.cache_path, R_OK) == 0) {
		pitch_job_spec_deinit(&spec);
		return false;
	}
	bool wanted = true;
	worker_lock(w->thread);
	struct job *known = NULL;
	for (int i = 0; i < w->n_jobs && !known; i++)
		if (!strcmp(w->jobs[i]->spec.cache_path, spec.cache_path))
			known = w->jobs[i];
	if (known && known->state == JOB_FAILED) {
		wanted = false; /* said once; asking again would fail the same way */
	} else if (known && (known->state == JOB_DONE || known->state == JOB_DROPPED)) {
		/* its file went away since, or it was dropped: build it (again) */
		atomic_store(&known->cancel, false);
		known->state = JOB_PENDING;
		worker_wake(w->thread);
	} else if (known && known->state == JOB_BUILDING) {
		atomic_store(&known->cancel, false); /* dropped and asked again at once */
	} else if (!known) {
		struct job *j = xcalloc(1, sizeof *j);
		atomic_init(&j->cancel, false);
		j->spec = spec;
		spec.cache_path = spec.src_path = NULL;
		w->jobs = xrealloc(w->jobs, sizeof *w->jobs * (size_t)(w->n_jobs + 1));
		w->jobs[w->n_jobs++] = j;
		worker_wake(w->thread);
	}
	worker_unlock(w->thread);
	pitch_job_spec_deinit(&spec);
	return wanted;
}

void pitch_worker_keep(struct pitch_worker *w, const struct project *p)
{
	if (!w)
		return;
	/* the caches p's clips play, worked out before taking the lock (they stat) */
	int n;
	char **wanted = pitch_cache_paths(p, &n);
	worker_lock(w->thread);
	for (int i = 0; i < w->n_jobs; i++) {
		struct job *j = w->jobs[i];
		if (j->state != JOB_PENDING && j->state != JOB_BUILDING)
			continue;
		bool keep = false;
		for (int k = 0; k < n && !keep; k++)
			keep = !strcmp(wanted[k], j->spec.cache_path);
		if (keep)
			continue;
		if (j->state == JOB_PENDING)
			j->state = JOB_DROPPED;
		else
			atomic_store(&j->cancel, true);
	}
	worker_unlock(w->thread);
	for (int k = 0; k < n; k++)
		free(wanted[k]);
	free(wanted);
}

/* Progress of the build under way, 0 when only queued ones wait, -1 when none. Call
 * with the lock held. */
static int progress_locked(struct pitch_worker *w)
{
	int busy = -1;
	for (int i = 0; i < w->n_jobs; i++)
		if (w->jobs[i]->state == JOB_BUILDING)
			busy = atomic_load_explicit(worker_progress_slot(w->thread),
				memory_order_relaxed);
		else if (w->jobs[i]->state == JOB_PENDING && busy < 0)
			busy = 0;
	return busy;
}

int pitch_worker_progress(struct pitch_worker *w)
{
	if (!w)
		return -1;
	worker_lock(w->thread);
	const int busy = progress_locked(w);
	worker_unlock(w->thread);
	return busy;
}

int pitch_worker_poll(struct pitch_worker *w, int *finished, char *failed, size_t size)
{
	*finished = 0;
	if (size)
		failed[0] = '\0';
	if (!w)
		return -1;
	worker_lock(w->thread);
	*finished = w->finished;
	w->finished = 0;
	if (w->failed[0] && size)
		snprintf(failed, size, "%s", w->failed);
	w->failed[0] = '\0';
	const int busy = progress_locked(w);
	worker_unlock(w->thread);
	return busy;
}
