/* The review's cancel flag and progress (src/review.h), as :review's worker uses them
 * (ui/review.c: :e or quitting stops a review under way instead of waiting for it):
 *  - a flag raised before the review starts stops it at its first block: ERR_IO,
 *    "stopped", no findings, nothing rendered (progress still 0);
 *  - a flag raised while a review of a 20-minute song renders on another thread
 *    stops it there: ERR_IO, "stopped", its progress short of the end;
 *  - a reference read with the flag raised stops as well (it is read first);
 *  - a review left alone runs to the end: progress 1000, ERR_OK.
 * Nothing depends on speed: the waits poll with generous timeouts, and the song is
 * long enough that no machine renders it between two polls 1 ms apart. */
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

#include "src/review.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000
#define CLIP_SEC 10
#define CLIPS 120      /* 20 minutes of song */
#define WAIT_SEC 120.0 /* a loaded machine */

static char *dir;
static struct project *song;

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double noise(int64_t i, int ch, void *arg)
{
	(void)arg;
	uint32_t x = (uint32_t)(i * 2 + ch) * 2654435761u + 12345u;
	x ^= x >> 13;
	x *= 0x5bd1e995u;
	x ^= x >> 15;
	return 0.2 * ((double)x / 4294967295.0 - 0.5);
}

static int setup(void **state)
{
	(void)state;
	dir = tu_tempdir();
	char path[4096];
	snprintf(path, sizeof path, "%s/audio", dir);
	if (mkdir(path, 0755) != 0)
		return -1;
	snprintf(path, sizeof path, "%s/audio/noise.wav", dir);
	tu_write_wav(path, RATE, 2, (int64_t)CLIP_SEC * RATE, noise, NULL);
	/* one track playing the file CLIPS times end to end */
	size_t cap = 256 + (size_t)CLIPS * 64, n = 0;
	char *text = xmalloc(cap);
	n += (size_t)snprintf(text + n, cap - n, "{\"format\": \"ttymix-project\", "
		"\"version\": 1, \"name\": \"long\", \"sample_rate\": %d, \"tracks\": "
		"[{\"name\": \"noise\", \"clips\": [", RATE);
	for (int c = 0; c < CLIPS; c++)
		n += (size_t)snprintf(text + n, cap - n, "%s{\"file\": \"audio/noise.wav\", "
			"\"start\": %d}", c ? ", " : "", c * CLIP_SEC);
	snprintf(text + n, cap - n, "]}]}\n");
	song = tu_load_text(dir, text, NULL, 0);
	free(text);
	return song ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	project_free(song);
	tu_rmtree(dir);
	free(dir);
	return 0;
}

/* Raised before it starts: stopped at the first block. */
static void test_cancel_before(void **state)
{
	(void)state;
	atomic_bool cancel = true;
	atomic_int progress = 0;
	const struct review_opts o = { .cancel = &cancel, .progress = &progress };
	struct review r;
	struct err_msg msg;
	assert_int_equal(review_run(song, &o, &r, &msg), ERR_IO);
	assert_non_null(strstr(msg.text, "stopped"));
	assert_int_equal(r.n_findings, 0);
	assert_int_equal(atomic_load(&progress), 0);
	review_free(&r);
}

/* The reference is read first, and stops as well. */
static void test_cancel_reference(void **state)
{
	(void)state;
	atomic_bool cancel = true;
	char ref[4096];
	snprintf(ref, sizeof ref, "%s/audio/noise.wav", dir);
	const struct review_opts o = { .reference = ref, .cancel = &cancel };
	struct review r;
	struct err_msg msg;
	assert_int_equal(review_run(song, &o, &r, &msg), ERR_IO);
	assert_non_null(strstr(msg.text, "stopped"));
	review_free(&r);
}

struct job {
	atomic_bool cancel;
	atomic_int progress;
	enum err e;
	struct err_msg msg;
	struct review r;
};

static void *run(void *arg)
{
	struct job *j = arg;
	const struct review_opts o = { .cancel = &j->cancel, .progress = &j->progress };
	j->e = review_run(song, &o, &j->r, &j->msg);
	return NULL;
}

/* Raised while it renders: it stops there, short of the end. */
static void test_cancel_while_running(void **state)
{
	(void)state;
	struct job *j = xcalloc(1, sizeof *j);
	atomic_init(&j->cancel, false);
	atomic_init(&j->progress, 0);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, run, j), 0);
	const double give_up = now_sec() + WAIT_SEC;
	while (atomic_load(&j->progress) == 0 && now_sec() < give_up) {
		struct timespec ts = { 0, 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	const int seen = atomic_load(&j->progress);
	atomic_store(&j->cancel, true);
	pthread_join(t, NULL);
	const int last = atomic_load(&j->progress);
	printf("review_cancel_test: raised at %d/1000 of the song, stopped at %d/1000\n",
		seen, last);
	assert_true(seen > 0);
	assert_int_equal(j->e, ERR_IO);
	assert_non_null(strstr(j->msg.text, "stopped"));
	assert_true(last < 1000);
	assert_int_equal(j->r.n_findings, 0);
	review_free(&j->r);
	free(j);
}

/* Left alone (one minute of it, to keep the test short), a review runs to its end. */
static void test_runs_to_the_end(void **state)
{
	(void)state;
	atomic_bool cancel = false;
	atomic_int progress = 0;
	const struct review_opts o = { .from_sec = 0, .to_sec = 60, .cancel = &cancel,
		.progress = &progress };
	struct review r;
	struct err_msg msg;
	assert_int_equal(review_run(song, &o, &r, &msg), ERR_OK);
	assert_int_equal(atomic_load(&progress), 1000);
	assert_true(fabs(r.to_sec - r.from_sec - 60.0) < 0.1);
	review_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cancel_before),
		cmocka_unit_test(test_cancel_reference),
		cmocka_unit_test(test_cancel_while_running),
		cmocka_unit_test(test_runs_to_the_end),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
