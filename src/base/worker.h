/* A worker thread for slow work its owner (the UI thread, usually) must not wait for:
 * building caches, rendering a file. The owner keeps its tasks in its own structures,
 * guarded by the worker's lock; the thread takes them one at a time (pick, under the
 * lock), does each without the lock (run) and publishes what came of it (done, under
 * the lock again), and sleeps when pick finds nothing, until worker_wake or
 * worker_stop. worker_run_once is the same thread for one task that the owner polls.
 *
 * Threads: worker_start, worker_run_once, worker_stop, worker_lock, worker_unlock,
 * worker_wake and worker_finished on the owner's thread; the ops on the worker's;
 * worker_cancel_flag and worker_progress_slot on either. The owner owns ctx and its
 * tasks; the worker never frees them. */
#ifndef TTYMIX_BASE_WORKER_H
#define TTYMIX_BASE_WORKER_H

#include <stdatomic.h>
#include <stdbool.h>

#include "src/base/err.h"

struct worker;

struct worker_ops {
	/* Lock held: the next task, marked as taken in the owner's structures if they
	 * need it, or NULL to sleep until worker_wake. */
	void *(*pick)(void *ctx);
	/* Lock not held: do the task. What it makes goes into fields of the task that the
	 * owner does not read (done publishes them); a failure is said in msg. */
	enum err (*run)(void *ctx, void *task, struct worker *w, struct err_msg *msg);
	/* Lock held: publish the outcome of run. Not called once the worker is stopping:
	 * what run made is then the owner's to free after worker_stop. */
	void (*done)(void *ctx, void *task, enum err e, const struct err_msg *msg);
};

/* Start the thread; NULL when none can be started. ops must outlive the worker. */
struct worker *worker_start(const struct worker_ops *ops, void *ctx);
/* Raise the cancel flag, wake the thread, wait for it to end (a run under way ends when
 * it next looks at the flag) and free the worker. NULL: no-op. */
void worker_stop(struct worker *w);

/* The lock that guards the owner's tasks, and waking the thread once one is queued
 * (call worker_wake with the lock held). */
void worker_lock(struct worker *w);
void worker_unlock(struct worker *w);
void worker_wake(struct worker *w);

/* True once worker_stop has been called: run passes it on to whatever it calls as
 * the flag that says "give up". */
const atomic_bool *worker_cancel_flag(const struct worker *w);
/* How far the run under way is, in thousandths: run (or what it calls) stores, the
 * owner loads. Relaxed: a figure to show, not a hand-over. */
atomic_int *worker_progress_slot(struct worker *w);

/* ---- one task ---- */

/* run(ctx, w, msg) once on a thread of its own; NULL when none can be started (then
 * run is never called). worker_stop cancels it, or frees it once finished. */
struct worker *worker_run_once(enum err (*run)(void *ctx, struct worker *w,
	struct err_msg *msg), void *ctx);
/* Whether that task has ended; then *e and *msg (when not NULL) are its outcome. */
bool worker_finished(struct worker *w, enum err *e, struct err_msg *msg);

#endif
