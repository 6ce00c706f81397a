/* The worker thread (src/base/worker.h): queued tasks are picked in the owner's
 * order, run off the lock and published by done; a run under way sees the cancel flag
 * and its outcome is never published after worker_stop; a one-shot task reports its
 * progress, its result and its message, and can be cancelled. Waits poll with a
 * generous deadline: nothing here depends on the machine's speed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "src/base/worker.h"

#define WAIT_SEC 60.0
#define N_TASKS 5

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void nap(void)
{
	struct timespec ts = { 0, 1000000 };
	nanosleep(&ts, NULL);
}

/* ---- a queue of numbers to square ---- */

struct task {
	int in;
	bool taken;        /* under the lock */
	long out;          /* the worker's, between run and done */
	long published;    /* under the lock */
	bool done;         /* under the lock */
};

struct queue {
	struct worker *w;
	struct task tasks[N_TASKS];
	int n;             /* queued, under the lock */
	int order[N_TASKS], n_order;  /* the order done saw them in */
	atomic_bool block; /* run waits for the cancel flag while set */
	atomic_int runs;
};

static void *q_pick(void *ctx)
{
	struct queue *q = ctx;
	for (int i = 0; i < q->n; i++)
		if (!q->tasks[i].taken) {
			q->tasks[i].taken = true;
			return &q->tasks[i];
		}
	return NULL;
}

static enum err q_run(void *ctx, void *task, struct worker *w, struct err_msg *msg)
{
	struct queue *q = ctx;
	struct task *t = task;
	atomic_fetch_add(&q->runs, 1);
	const double end = now_sec() + WAIT_SEC;
	while (atomic_load(&q->block) && !atomic_load(worker_cancel_flag(w)) && now_sec() < end)
		nap();
	if (t->in < 0)
		return err_set(msg, ERR_RANGE, "negative: %d", t->in);
	t->out = (long)t->in * t->in;
	return ERR_OK;
}

static void q_done(void *ctx, void *task, enum err e, const struct err_msg *msg)
{
	struct queue *q = ctx;
	struct task *t = task;
	t->published = e == ERR_OK ? t->out : -(long)strlen(msg->text);
	t->done = true;
	q->order[q->n_order++] = (int)(t - q->tasks);
}

static const struct worker_ops q_ops = { q_pick, q_run, q_done };

static void queue_task(struct queue *q, int in)
{
	worker_lock(q->w);
	q->tasks[q->n++] = (struct task){ .in = in };
	worker_wake(q->w);
	worker_unlock(q->w);
}

static bool all_done(struct queue *q, int n)
{
	worker_lock(q->w);
	int k = 0;
	for (int i = 0; i < q->n; i++)
		k += q->tasks[i].done;
	worker_unlock(q->w);
	return k == n;
}

static void test_queue_in_order(void **state)
{
	(void)state;
	static struct queue q;
	memset(&q, 0, sizeof q);
	q.w = worker_start(&q_ops, &q);
	assert_non_null(q.w);
	const int in[N_TASKS] = { 3, 4, -2, 10, 0 };
	for (int i = 0; i < N_TASKS; i++)
		queue_task(&q, in[i]);
	const double end = now_sec() + WAIT_SEC;
	while (!all_done(&q, N_TASKS) && now_sec() < end)
		nap();
	assert_true(all_done(&q, N_TASKS));
	worker_stop(q.w);
	assert_int_equal(q.n_order, N_TASKS);
	for (int i = 0; i < N_TASKS; i++)
		assert_int_equal(q.order[i], i);
	assert_int_equal(q.tasks[0].published, 9);
	assert_int_equal(q.tasks[1].published, 16);
	assert_int_equal(q.tasks[2].published, -(long)strlen("negative: -2"));
	assert_int_equal(q.tasks[3].published, 100);
	assert_int_equal(q.tasks[4].published, 0);
}

static void test_stop_cancels_a_run(void **state)
{
	(void)state;
	static struct queue q;
	memset(&q, 0, sizeof q);
	atomic_store(&q.block, true);
	q.w = worker_start(&q_ops, &q);
	assert_non_null(q.w);
	queue_task(&q, 7);
	queue_task(&q, 8);
	const double end = now_sec() + WAIT_SEC;
	while (atomic_load(&q.runs) == 0 && now_sec() < end)
		nap();
	assert_int_equal(atomic_load(&q.runs), 1);
	/* the run waits for the flag: only worker_stop can end it, well before WAIT_SEC */
	const double t0 = now_sec();
	worker_stop(q.w);
	assert_true(now_sec() - t0 < WAIT_SEC / 2);
	assert_int_equal(atomic_load(&q.runs), 1);   /* the second task was never taken */
	assert_int_equal(q.n_order, 0);              /* nothing published after stop */
	assert_false(q.tasks[0].done);
	assert_true(q.tasks[1].taken == false);
}

static void test_stop_idle_and_null(void **state)
{
	(void)state;
	static struct queue q;
	memset(&q, 0, sizeof q);
	q.w = worker_start(&q_ops, &q);
	assert_non_null(q.w);
	worker_stop(q.w);      /* asleep in pick: woken and joined */
	worker_stop(NULL);
	assert_int_equal(atomic_load(&q.runs), 0);
}

/* ---- one task ---- */

struct once {
	atomic_bool gate;      /* the run waits until it is set (or cancelled) */
	atomic_bool saw_cancel;
};

static enum err once_run(void *ctx, struct worker *w, struct err_msg *msg)
{
	struct once *o = ctx;
	atomic_store_explicit(worker_progress_slot(w), 500, memory_order_relaxed);
	const double end = now_sec() + WAIT_SEC;
	while (!atomic_load(&o->gate) && now_sec() < end) {
		if (atomic_load(worker_cancel_flag(w))) {
			atomic_store(&o->saw_cancel, true);
			return err_set(msg, ERR_IO, "stopped");
		}
		nap();
	}
	return err_set(msg, ERR_FORMAT, "made %d of %d", 3, 4);
}

static void test_once_result(void **state)
{
	(void)state;
	static struct once o;
	memset(&o, 0, sizeof o);
	struct worker *w = worker_run_once(once_run, &o);
	assert_non_null(w);
	double end = now_sec() + WAIT_SEC;
	while (atomic_load_explicit(worker_progress_slot(w), memory_order_relaxed) != 500 &&
		now_sec() < end)
		nap();
	assert_int_equal(atomic_load(worker_progress_slot(w)), 500);
	assert_false(worker_finished(w, NULL, NULL));   /* held at the gate */
	atomic_store(&o.gate, true);
	enum err e = ERR_OK;
	struct err_msg msg = { "" };
	end = now_sec() + WAIT_SEC;
	while (!worker_finished(w, &e, &msg) && now_sec() < end)
		nap();
	assert_int_equal(e, ERR_FORMAT);
	assert_string_equal(msg.text, "made 3 of 4");
	worker_stop(w);
	assert_false(atomic_load(&o.saw_cancel));
}

static void test_once_cancel(void **state)
{
	(void)state;
	static struct once o;
	memset(&o, 0, sizeof o);
	struct worker *w = worker_run_once(once_run, &o);
	assert_non_null(w);
	const double end = now_sec() + WAIT_SEC;
	while (atomic_load(worker_progress_slot(w)) != 500 && now_sec() < end)
		nap();
	worker_stop(w);
	assert_true(atomic_load(&o.saw_cancel));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_queue_in_order),
		cmocka_unit_test(test_stop_cancels_a_run),
		cmocka_unit_test(test_stop_idle_and_null),
		cmocka_unit_test(test_once_result),
		cmocka_unit_test(test_once_cancel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
