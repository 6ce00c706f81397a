/* The engine at rest (audio/idle.c), through the real path: project -> graph_build ->
 * engine_process_rt with the disk served between periods.
 *  - playing, it never rests; stopped, it rests only after a second of callbacks with
 *    nothing to do, not one period before;
 *  - a command (a locate, a fader move) ends the rest at once, from the sending
 *    thread, before the audio thread has even seen it, and the second starts again;
 *  - engine_rest_wait returns at once when a command is sent from another thread
 *    (the null driver and the disk thread sleep there), and after its timeout when
 *    nothing comes, never before it;
 *  - after resting, play plays: the first frames come as they did before. */
#include <pthread.h>
#include <stdatomic.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "audio/engine.h"
#include "audio/graph.h"
#include "src/graph_build.h"
#include "src/project.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000
#define BLOCK 256

static char *dir;

static int setup(void **state)
{
	(void)state;
	dir = tu_tempdir();
	char *path = xasprintf("%s/a.wav", dir);
	double v = 0.25;
	tu_write_wav(path, RATE, 2, RATE * 4, tu_gen_dc, &v);
	free(path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_rmtree(dir);
	free(dir);
	return 0;
}

static struct engine *open_engine(void)
{
	char *text = xasprintf("{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":%d,\"tracks\":[{\"name\":\"t\",\"clips\":"
		"[{\"file\":\"a.wav\",\"start\":0}]}]}", RATE);
	char why[256] = "";
	struct project *p = tu_load_text(dir, text, why, sizeof why);
	free(text);
	assert_non_null(p);
	struct diag d;
	diag_init(&d);
	struct graph *g = NULL;
	assert_int_equal(graph_build(p, false, &g, &d), ERR_OK);
	diag_deinit(&d);
	project_free(p);
	struct engine *e = engine_create(RATE);
	assert_int_equal(engine_send_graph(e, g), ERR_OK);
	return e;
}

/* One period with the disk served first; returns the frames played, the left level of
 * the last frame in *level. */
static int step(struct engine *e, float *level)
{
	engine_disk_service(e);
	float out[BLOCK * 2];
	const int n = engine_process_rt(e, out, BLOCK);
	struct event ev;
	while (engine_poll_event(e, &ev))
		;
	engine_collect_garbage(e);
	if (level)
		*level = out[(BLOCK - 1) * 2];
	return n;
}

/* Periods run until the engine rests (or limit periods); returns how many ran. */
static int periods_to_rest(struct engine *e, int limit)
{
	int n = 0;
	while (!engine_resting(e) && n < limit) {
		step(e, NULL);
		n++;
	}
	return n;
}

static void rests_only_after_a_quiet_second(void **state)
{
	(void)state;
	struct engine *e = open_engine();
	const int second = RATE / BLOCK; /* 187 periods */
	assert_false(engine_resting(e));
	/* stopped from the start: a second of periods, then at rest */
	const int n = periods_to_rest(e, 10 * second);
	assert_true(engine_resting(e));
	assert_in_range(n, second, second + 5);

	/* playing never rests */
	assert_int_equal(engine_send_simple(e, CMD_PLAY, 0, 0, false, 0), ERR_OK);
	assert_false(engine_resting(e)); /* the send itself ends the rest */
	int played = 0;
	float level = 0;
	for (int i = 0; i < 3 * second; i++) {
		played += step(e, &level);
		assert_false(engine_resting(e));
	}
	assert_true(played > 2 * RATE);
	assert_true(level > 0.2f && level < 0.3f); /* the DC, after the fader's ramp */

	/* stopped again: rest after a second, and a fader move while resting wakes it */
	assert_int_equal(engine_send_simple(e, CMD_STOP, 0, 0, false, 0), ERR_OK);
	assert_in_range(periods_to_rest(e, 10 * second), second, second + 5);
	assert_int_equal(engine_send_simple(e, CMD_GAIN, 0, -6.0, false, 0), ERR_OK);
	assert_false(engine_resting(e));
	assert_in_range(periods_to_rest(e, 10 * second), second, second + 5);

	/* after resting, play plays from where it was */
	assert_int_equal(engine_send_simple(e, CMD_LOCATE, 0, 0, false, 0), ERR_OK);
	assert_int_equal(engine_send_simple(e, CMD_PLAY, 0, 0, false, 0), ERR_OK);
	played = 0;
	for (int i = 0; i < second; i++)
		played += step(e, NULL);
	assert_true(played > RATE / 2);
	engine_destroy(e);
}

static double now_sec(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct waiter {
	struct engine *e;
	double waited;
	_Atomic bool run;
	_Atomic bool waiting;  /* set just before the wait */
};

static void *wait_main(void *arg)
{
	struct waiter *w = arg;
	const double t0 = now_sec();
	atomic_store(&w->waiting, true);
	engine_rest_wait(w->e, 30000, &w->run);
	w->waited = now_sec() - t0;
	return NULL;
}

/* Start a waiter on another thread and return once it has entered the wait (plus a
 * moment, so that it is blocked in it on any machine that is not stalled outright). */
static void start_waiter(struct waiter *w, pthread_t *th)
{
	atomic_store(&w->run, true);
	atomic_store(&w->waiting, false);
	w->waited = -1;
	assert_int_equal(pthread_create(th, NULL, wait_main, w), 0);
	while (!atomic_load(&w->waiting)) {
		struct timespec t = { 0, 1000 * 1000 };
		nanosleep(&t, NULL);
	}
	struct timespec pause = { 0, 100 * 1000 * 1000 };
	nanosleep(&pause, NULL);
}

static void a_command_ends_a_wait(void **state)
{
	(void)state;
	struct engine *e = open_engine();
	_Atomic bool run = true;
	periods_to_rest(e, 10 * RATE / BLOCK);
	assert_true(engine_resting(e));

	/* nothing comes: the wait lasts its timeout, never less */
	const double t0 = now_sec();
	engine_rest_wait(e, 200, &run);
	assert_true(now_sec() - t0 >= 0.195);

	/* a command from another thread ends a 30 s wait: the waiter is woken (the test
	 * would take 30 s otherwise, and the bound below is far from any machine's speed) */
	struct waiter w = { .e = e };
	pthread_t th;
	start_waiter(&w, &th);
	assert_int_equal(engine_send_simple(e, CMD_LOCATE, 0, 0, false, RATE), ERR_OK);
	pthread_join(th, NULL);
	assert_true(w.waited >= 0 && w.waited < 20.0);

	/* at rest again, a stop of the waiting thread (its run flag cleared, then the
	 * wake) ends its wait too, even though no command came */
	periods_to_rest(e, 10 * RATE / BLOCK);
	assert_true(engine_resting(e));
	start_waiter(&w, &th);
	atomic_store(&w.run, false);
	engine_rest_wake(e);
	pthread_join(th, NULL);
	assert_true(w.waited >= 0 && w.waited < 20.0);

	/* not at rest: a wait returns at once */
	assert_false(engine_resting(e));
	const double t1 = now_sec();
	engine_rest_wait(e, 30000, &run);
	assert_true(now_sec() - t1 < 20.0);
	engine_destroy(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rests_only_after_a_quiet_second),
		cmocka_unit_test(a_command_ends_a_wait),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
