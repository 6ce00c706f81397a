/* The pitch worker (src/pitch.h): one thread that builds clip pitch caches for the
 * studio, in the order asked, while the UI thread keeps running. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/pitch.h"
#include "src/base/xalloc.h"

/* JOB_DROPPED: no clip wants it any more (pitch_worker_keep); asked again, it is
 * queued again. */
enum job_state { JOB_PENDING, JOB_BUILDING, JOB_DONE, JOB_FAILED, JOB_DROPPED };

struct job {
	struct pitch_job_spec spec;   /* never changes once queued */
	enum job_state state;         /* protected by pitch_worker.lock */
	atomic_bool cancel;           /* stops its build: set by keep or stop */
};

struct pitch_worker {
	pthread_t thread;
	atomic_bool stop;             /* set by pitch_worker_stop; read while building */
	atomic_int progress;          /* of the build under way, 0..1000 */
	pthread_mutex_t lock;         /* protects jobs, n_jobs, finished, failed, states */
	pthread_cond_t wake;          /* a job was queued, or stop */
	struct job **jobs;
	int n_jobs;
	int finished;                 /* builds that ended well, not yet polled */
	char failed[ERR_MSG_MAX];     /* the last failure, not yet polled */
};

static void *worker_main(void *arg)
{
	struct pitch_worker *w = arg;
	pthread_mutex_lock(&w->lock);
	while (!atomic_load(&w->stop)) {
		struct job *j = NULL;
		for (int i = 0; i < w->n_jobs && !j; i++)
			if (w->jobs[i]->state == JOB_PENDING)
				j = w->jobs[i];
		if (!j) {
			pthread_cond_wait(&w->wake, &w->lock);
			continue;
		}
		j->state = JOB_BUILDING;
		pthread_mutex_unlock(&w->lock);
		struct err_msg msg = { "" };
		enum err e = access(j->spec.cache_path, R_OK) == 0 ? ERR_OK
			: pitch_build(&j->spec, &j->cancel, &w->progress, &msg);
		pthread_mutex_lock(&w->lock);
		if (atomic_load(&w->stop))
			break;
		const size_t len = strlen(msg.text), tail = strlen(PITCH_CANCELLED);
		const bool stopped = e != ERR_OK && len >= tail
			&& !strcmp(msg.text + len - tail, PITCH_CANCELLED);
		if (stopped) {
			/* given up on purpose: nothing to say; unless it was asked for again
			 * while it was stopping (keep, then request), then it starts over */
			j->state = atomic_load(&j->cancel) ? JOB_DROPPED : JOB_PENDING;
		} else if (e == ERR_OK) {
			j->state = JOB_DONE;
			w->finished++;
		} else {
			j->state = JOB_FAILED;
			snprintf(w->failed, sizeof w->failed, "%s", msg.text);
		}
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

struct pitch_worker *pitch_worker_start(void)
{
	struct pitch_worker *w = xcalloc(1, sizeof *w);
	atomic_init(&w->stop, false);
	atomic_init(&w->progress, 0);
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
		pthread_cond_destroy(&w->wake);
		pthread_mutex_destroy(&w->lock);
		free(w);
		return NULL;
	}
	return w;
}

void pitch_worker_stop(struct pitch_worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	atomic_store(&w->stop, true);
	for (int i = 0; i < w->n_jobs; i++)
		atomic_store(&w->jobs[i]->cancel, true);
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	for (int i = 0; i < w->n_jobs; i++) {
		pitch_job_spec_deinit(&w->jobs[i]->spec);
		free(w->jobs[i]);
	}
	free(w->jobs);
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->lock);
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
	pthread_mutex_lock(&w->lock);
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
		pthread_cond_signal(&w->wake);
	} else if (known && known->state == JOB_BUILDING) {
		atomic_store(&known->cancel, false); /* dropped and asked again at once */
	} else if (!known) {
		struct job *j = xcalloc(1, sizeof *j);
		atomic_init(&j->cancel, false);
		j->spec = spec;
		spec.cache_path = spec.src_path = NULL;
		w->jobs = xrealloc(w->jobs, sizeof *w->jobs * (size_t)(w->n_jobs + 1));
		w->jobs[w->n_jobs++] = j;
		pthread_cond_signal(&w->wake);
	}
	pthread_mutex_unlock(&w->lock);
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
	pthread_mutex_lock(&w->lock);
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
	pthread_mutex_unlock(&w->lock);
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
			busy = atomic_load_explicit(&w->progress, memory_order_relaxed);
		else if (w->jobs[i]->state == JOB_PENDING && busy < 0)
			busy = 0;
	return busy;
}

int pitch_worker_progress(struct pitch_worker *w)
{
	if (!w)
		return -1;
	pthread_mutex_lock(&w->lock);
	const int busy = progress_locked(w);
	pthread_mutex_unlock(&w->lock);
	return busy;
}

int pitch_worker_poll(struct pitch_worker *w, int *finished, char *failed, size_t size)
{
	*finished = 0;
	if (size)
		failed[0] = '\0';
	if (!w)
		return -1;
	pthread_mutex_lock(&w->lock);
	*finished = w->finished;
	w->finished = 0;
	if (w->failed[0] && size)
		snprintf(failed, size, "%s", w->failed);
	w->failed[0] = '\0';
	const int busy = progress_locked(w);
	pthread_mutex_unlock(&w->lock);
	return busy;
}
