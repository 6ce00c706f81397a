/* Issue 23, goal 8: no spike at play or locate. Two things make the first callbacks
 * after play or a locate dearer than the rest, and this test counts both without
 * timing anything:
 *
 *  - page faults on the audio thread: memory the audio thread writes first (insert
 *    state, delay and reverb lines, bus and engine buffers, the taps' rings) must have
 *    been written on the control thread, or its first use costs a fault per page.
 *    calloc (and gcc, which turns malloc + memset into calloc) hands large blocks out
 *    as untouched zero pages. The test counts the minor faults of its own thread, which
 *    plays the audio thread's part, around each engine_process_rt call only, from the
 *    first callback after play to 3 s of playing and again after a locate;
 *  - the read-ahead: the transport must start rolling only once every track holds
 *    its whole pool of chunks read ahead, so that the disk thread is not still reading
 *    the first seconds while the first periods play. The disk is
 *    served one round at a time (engine_disk_round: a chunk per track), as a slow disk
 *    thread would, and the first rolling callback must find the read-ahead full.
 *
 * The program's own code is locked in first (mlockall of what is mapped now, before the
 * engine is made): the first run of a code path maps a page of the binary's text, a
 * minor fault too, which once showed on a loaded machine (1 in 3 s) and is not what
 * this test is about. Where locking is refused (an unprivileged user's small
 * RLIMIT_MEMLOCK) a few such faults are allowed, and under a sanitizer, which maps its
 * own shadow memory as it goes, a few dozen: the data pages it is about were 1253
 * (742 with the code locked).
 *
 * The session: 6 tracks with every built-in effect between them, a reverb bus and a
 * delay bus fed by sends, a master chain with a limiter, the tap on (as the studio's
 * meters have it), 64-frame periods. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include <cmocka.h>

#include "audio/engine.h"
#include "audio/graph.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

#define RATE 48000
#define BLOCK 64
#define SONG_SEC 20

static char *dir;

static int setup(void **state)
{
	(void)state;
	dir = tu_tempdir();
	char *path = xasprintf("%s/dc.wav", dir);
	double dc = 0.25;
	tu_write_wav(path, RATE, 2, (int64_t)RATE * SONG_SEC, tu_gen_dc, &dc);
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

static const char *const inserts[] = {
	"{\"type\":\"eq\",\"params\":{\"hpf_hz\":60,\"band2_hz\":900,\"band2_db\":3}},"
	"{\"type\":\"compressor\",\"params\":{\"threshold_db\":-20,\"ratio\":4}}",
	"{\"type\":\"delay\",\"params\":{\"mix\":0.5}},{\"type\":\"chorus\",\"params\":{}}",
	"{\"type\":\"gate\",\"params\":{}},{\"type\":\"width\",\"params\":{}}",
	"{\"type\":\"multiband\",\"params\":{}}",
	"{\"type\":\"reverb\",\"params\":{\"mix\":0.3}}",
	"{\"type\":\"limiter\",\"params\":{}}",
};
#define N_TRACKS (int)(sizeof inserts / sizeof inserts[0])

static struct graph *session(void)
{
	char tracks[8192] = "";
	size_t used = 0;
	for (int t = 0; t < N_TRACKS; t++)
		used += (size_t)snprintf(tracks + used, sizeof tracks - used,
			"%s{\"name\":\"t%d\",\"gain_db\":-6,\"inserts\":[%s],"
			"\"sends\":[{\"bus\":\"verb\",\"level_db\":-12},"
			"{\"bus\":\"echo\",\"level_db\":-18}],"
			"\"clips\":[{\"file\":\"dc.wav\",\"start\":0}]}", t ? "," : "", t,
			inserts[t]);
	char *text = xasprintf("{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":%d,\"tracks\":[%s],\"buses\":["
		"{\"name\":\"verb\",\"inserts\":[{\"type\":\"reverb\",\"params\":"
		"{\"mix\":1,\"decay_s\":2.2,\"predelay_ms\":20}}]},"
		"{\"name\":\"echo\",\"inserts\":[{\"type\":\"delay\",\"params\":{\"mix\":1}}]}],"
		"\"master\":{\"gain_db\":-1,\"inserts\":[{\"type\":\"eq\",\"params\":"
		"{\"low_shelf_hz\":100,\"low_shelf_db\":1}},{\"type\":\"compressor\",\"params\":"
		"{\"threshold_db\":-14,\"ratio\":2}},{\"type\":\"limiter\",\"params\":"
		"{\"ceiling_dbtp\":-1}}]}}", RATE, tracks);
	char why[256] = "";
	struct graph *g = tu_graph_text(dir, text, why, sizeof why);
	free(text);
	if (!g)
		fail_msg("%s", why);
	return g;
}

static long minor_faults(void)
{
	struct rusage ru;
	assert_int_equal(getrusage(RUSAGE_THREAD, &ru), 0);
	return ru.ru_minflt;
}

/* Drain the events and the garbage, as the control thread does. */
static void control(struct engine *e)
{
	struct event ev;
	while (engine_poll_event(e, &ev))
		;
	engine_collect_garbage(e);
	float tap[1024 * 2];
	while (engine_tap_read(e, tap, 1024) > 0)
		;
	while (engine_tap_pre_read(e, tap, 1024) > 0)
		;
}

struct run {
	long faults;       /* minor faults inside engine_process_rt while rolling */
	int64_t played;    /* frames played */
	bool rolled_full;  /* the first rolling callback found the read-ahead full */
	int rounds;        /* disk rounds served before the first rolling callback */
};

/* Serve the disk a round at a time, one period after each, until `sec` seconds have
 * played. */
static struct run play_for(struct engine *e, double sec)
{
	struct run r = { 0 };
	float out[BLOCK * 2];
	int guard = 0;
	while (r.played < (int64_t)(sec * RATE)) {
		assert_true(++guard < 1000000);
		engine_disk_round(e);
		const long f0 = minor_faults();
		/* the read-ahead as this callback will find it, before it plays */
		const bool full = engine_read_ahead_full_rt(e);
		const int n = engine_process_rt(e, out, BLOCK);
		const long df = minor_faults() - f0;
		if (n > 0 && r.played == 0)
			r.rolled_full = full;
		if (n > 0 || r.played > 0)
			r.faults += df;
		else
			r.rounds++;
		r.played += n;
		control(e);
	}
	return r;
}

static void test_first_seconds(void **state)
{
	(void)state;
	/* the code, not the data: locked before the engine exists */
	const bool locked = mlockall(MCL_CURRENT) == 0;
	long allowed = locked ? 0 : 8;
	if (!locked)
		print_message("mlockall refused: up to %ld faults on code pages allowed\n",
			allowed);
	if (SANITIZED) {
		/* the sanitizer's own shadow memory and quarantine are mapped as it goes: 3 to
		 * 6 faults in 3 s under AddressSanitizer, against hundreds without the touch */
		allowed = 64;
		print_message("under a sanitizer: up to %ld faults allowed\n", allowed);
	}
	struct engine *e = engine_create(RATE);
	engine_tap_enable(e, true);
	assert_int_equal(engine_send_graph(e, session()), ERR_OK);
	float out[BLOCK * 2];
	/* the stopped engine takes its graph (the driver's first callbacks) */
	for (int i = 0; i < 4; i++) {
		engine_process_rt(e, out, BLOCK);
		control(e);
	}
	assert_int_equal(engine_send_simple(e, CMD_LOCATE, 0, 0, false, RATE), ERR_OK);
	assert_int_equal(engine_send_simple(e, CMD_PLAY, 0, 0, false, 0), ERR_OK);
	struct run r = play_for(e, 3.0);
	print_message("play: %ld page faults in 3 s of callbacks; rolled after %d disk rounds, "
		"read-ahead %s\n", r.faults, r.rounds, r.rolled_full ? "full" : "NOT full");
	assert_true(r.rolled_full);
	assert_true(r.rounds > 1);
	assert_true(r.faults <= allowed);

	assert_int_equal(engine_send_simple(e, CMD_LOCATE, 0, 0, false, (int64_t)RATE * 9),
		ERR_OK);
	r = play_for(e, 3.0);
	print_message("locate: %ld page faults in 3 s of callbacks; rolled after %d disk "
		"rounds, read-ahead %s\n", r.faults, r.rounds, r.rolled_full ? "full" : "NOT full");
	assert_true(r.rolled_full);
	assert_true(r.faults <= allowed);
	/* :dsp's worst, split: the callbacks of the starts and the others, both seen */
	struct engine_load load;
	engine_dsp_load(e, &load);
	assert_true(load.worst_start > 0 && load.worst_steady > 0);
	assert_true(load.worst == (load.worst_start > load.worst_steady ? load.worst_start
		: load.worst_steady));
	engine_dsp_load_reset(e);
	engine_dsp_load(e, &load);
	assert_true(load.worst == 0 && load.worst_start == 0 && load.worst_steady == 0);
	engine_send_simple(e, CMD_STOP, 0, 0, false, 0);
	engine_process_rt(e, out, BLOCK);
	engine_send_graph(e, NULL);
	engine_process_rt(e, out, BLOCK);
	engine_disk_service(e);
	control(e);
	engine_destroy(e);
	if (locked)
		munlockall();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_seconds),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
