/* The engine's tap (master samples for analysis) and the analysis thread that measures
 * them. The engine is driven offline on the test's own thread, as the golden tests do:
 * disk service, process, drain the events.
 *  - the tap carries exactly what the engine played, after the master fader, and a
 *    -23 dBFS 1 kHz stereo sine read through it measures -23 LUFS integrated
 *    (EBU Tech 3341, case 1);
 *  - a tap nobody reads fills up, then drops and counts, and playback goes on;
 *  - a tap that is off carries nothing;
 *  - the analysis thread publishes the same figures, and starts again on a locate;
 *  - a reader never gets blocks played before the last locate, and loses none after;
 *  - the strip meters on the track and on the master hold the peak and RMS of exactly
 *    the frames played since the last meter, whatever the block size (odd sizes split
 *    the meters' frame pairs). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "audio/analysis.h"
#include "audio/engine.h"
#include "audio/graph.h"
#include "audio/loudness.h"
#include "src/graph_build.h"
#include "src/project.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000
#define BLOCK 480
#define TONE_DBFS (-23.0)
#define MASTER_DB (-6.0)

static double sine_1k(int64_t i, int ch, void *arg)
{
	(void)ch;
	const double dbfs = *(const double *)arg;
	return pow(10.0, dbfs / 20.0) * sin(2.0 * M_PI * 1000.0 * (double)i / RATE);
}

struct rig {
	char *dir;
	struct project *project;
	struct engine *engine;
};

/* An engine playing `seconds` of a stereo 1 kHz sine at `dbfs` peak from frame 0. */
static void rig_open(struct rig *r, double dbfs, double seconds, double master_db)
{
	r->dir = tu_tempdir();
	char *wav = xasprintf("%s/tone.wav", r->dir);
	tu_write_wav(wav, RATE, 2, (int64_t)(seconds * RATE), sine_1k, &dbfs);
	free(wav);
	r->project = project_new(r->dir, "tap", RATE);
	r->project->master.gain_db = master_db;
	project_add_clip(project_add_track(r->project, "tone"), "tone.wav", 0.0);
	struct diag d;
	diag_init(&d);
	struct graph *g = NULL;
	assert_int_equal(graph_build(r->project, false, &g, &d), ERR_OK);
	assert_int_equal(d.count, 0);
	diag_deinit(&d);
	r->engine = engine_create(RATE);
	engine_send_graph(r->engine, g);
	engine_send_simple(r->engine, CMD_LOCATE, 0, 0, false, 0);
	engine_send_simple(r->engine, CMD_PLAY, 0, 0, false, 0);
}

static void rig_close(struct rig *r)
{
	engine_destroy(r->engine);
	project_free(r->project);
	tu_rmtree(r->dir);
	free(r->dir);
}

/* One engine period; returns the frames played. */
static int rig_step(struct rig *r, float *out, int frames)
{
	engine_disk_service(r->engine);
	int n = engine_process_rt(r->engine, out, frames);
	struct event ev;
	while (engine_poll_event(r->engine, &ev))
		;
	return n;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static void test_tap_measures_tone(void **state)
{
	(void)state;
	struct rig r;
	const double seconds = 6.0;
	rig_open(&r, TONE_DBFS - MASTER_DB, seconds, MASTER_DB); /* the master brings it
	                                                           * down to -23 dBFS */
	engine_tap_enable(r.engine, true);
	struct loudness *l;
	assert_int_equal(loudness_create(&l, RATE, 2), ERR_OK);

	const int64_t total = (int64_t)(seconds * RATE) - RATE / 2; /* stay inside the clip */
	float *played = xmalloc(sizeof(float) * 2 * (size_t)total);
	float out[BLOCK * 2], tapped[1000 * 2];
	int64_t n_played = 0, n_tapped = 0;
	int stalls = 0;
	while (n_played < total) {
		int want = total - n_played < BLOCK ? (int)(total - n_played) : BLOCK;
		int n = rig_step(&r, out, want);
		if (n == 0) {
			assert_true(++stalls < 100);
			continue;
		}
		memcpy(played + n_played * 2, out, sizeof(float) * 2 * (size_t)n);
		n_played += n;
		int got;
		while ((got = engine_tap_read(r.engine, tapped, 1000)) > 0) {
			assert_true(n_tapped + got <= n_played);
			/* the tap is the output itself, sample for sample */
			assert_memory_equal(tapped, played + n_tapped * 2, sizeof(float) * 2 * got);
			assert_int_equal(loudness_add(l, tapped, got), ERR_OK);
			n_tapped += got;
		}
	}
	/* only the last, unfinished block is still on the audio side */
	assert_true(n_played - n_tapped < ENGINE_TAP_BLOCK);
	assert_int_equal(engine_tap_dropped(r.engine), 0);

	struct loudness_result res;
	assert_int_equal(loudness_result(l, &res), ERR_OK);
	print_message("tap: %.2f s tapped; integrated %.2f LUFS (expected %.1f), true peak "
		"%.2f dBTP, LRA %.2f LU\n", (double)n_tapped / RATE, res.integrated_lufs,
		TONE_DBFS, res.true_peak_dbtp, res.lra_lu);
	assert_true(fabs(res.integrated_lufs - TONE_DBFS) < 0.1);
	assert_true(fabs(res.true_peak_dbtp - TONE_DBFS) < 0.2);
	assert_true(fabs(res.sample_peak_dbfs - TONE_DBFS) < 0.2);
	assert_true(res.lra_lu < 0.5);
	double momentary, shortterm;
	loudness_now(l, &momentary, &shortterm);
	assert_true(fabs(momentary - TONE_DBFS) < 0.1);
	assert_true(fabs(shortterm - TONE_DBFS) < 0.1);

	loudness_destroy(l);
	free(played);
	rig_close(&r);
}

static void test_full_tap_drops_and_counts(void **state)
{
	(void)state;
	struct rig r;
	const double seconds = 5.0; /* more than the tap holds (2.7 s) */
	rig_open(&r, TONE_DBFS, seconds, 0.0);
	engine_tap_enable(r.engine, true);
	const int64_t total = 4 * RATE;
	assert_true(total > ENGINE_TAP_FRAMES);
	float out[BLOCK * 2];
	int64_t n_played = 0;
	int stalls = 0;
	while (n_played < total) {
		int n = rig_step(&r, out, BLOCK);
		if (n == 0) {
			assert_true(++stalls < 100);
			continue;
		}
		n_played += n; /* the audio side never waits for the reader */
	}
	const int64_t blocks = n_played / ENGINE_TAP_BLOCK;
	const uint64_t dropped = engine_tap_dropped(r.engine);
	print_message("tap: %lld frames played into a %d-frame tap nobody read: %llu "
		"dropped\n", (long long)n_played, ENGINE_TAP_FRAMES, (unsigned long long)dropped);
	assert_int_equal(dropped, (uint64_t)(blocks * ENGINE_TAP_BLOCK - ENGINE_TAP_FRAMES));

	/* the reader gets the oldest frames, the tap's whole capacity, then nothing */
	static float drained[ENGINE_TAP_FRAMES * 2];
	int64_t got = 0;
	int n;
	while ((n = engine_tap_read(r.engine, drained + got * 2, 777)) > 0)
		got += n;
	assert_int_equal(got, ENGINE_TAP_FRAMES);
	const double amp = pow(10.0, TONE_DBFS / 20.0);
	for (int64_t i = 0; i < got; i += 997)
		assert_true(fabs(drained[i * 2] - amp * sin(2.0 * M_PI * 1000.0 * i / RATE))
			< 1e-4);

	/* with room again, the tap carries on */
	for (int i = 0; i < 4; i++)
		rig_step(&r, out, BLOCK);
	assert_true(engine_tap_read(r.engine, drained, 777) > 0);
	rig_close(&r);
}

static void test_tap_off_carries_nothing(void **state)
{
	(void)state;
	struct rig r;
	rig_open(&r, TONE_DBFS, 1.0, 0.0);
	float out[BLOCK * 2], tapped[BLOCK * 2];
	int played = 0;
	for (int i = 0; i < 100 && played < RATE / 2; i++)
		played += rig_step(&r, out, BLOCK);
	assert_true(played >= RATE / 2);
	assert_int_equal(engine_tap_read(r.engine, tapped, BLOCK), 0);
	assert_int_equal(engine_tap_dropped(r.engine), 0);
	rig_close(&r);
}

/* Play on this thread while the analysis thread measures: at about twice real time,
 * and, with `a`, never more than a second ahead of what it has measured (the tap holds
 * 2.7 s), however slowly the machine lets it measure. Gives up only when it stops
 * making progress for 30 s (a hang). */
static void play_paced(struct rig *r, int64_t frames, struct analysis *a)
{
	float out[4800 * 2];
	int64_t done = 0;
	int stalls = 0;
	struct analysis_snapshot *s = xmalloc(sizeof *s);
	while (done < frames) {
		int n = rig_step(r, out, 4800);
		if (n == 0) {
			assert_true(++stalls < 100);
			continue;
		}
		done += n;
		sleep_ms(50);
		double last = -1.0;
		for (int idle = 0; a; idle++) {
			analysis_snapshot(a, s);
			if ((double)done / RATE - s->measured_sec <= 1.0)
				break;
			if (s->measured_sec != last) {
				last = s->measured_sec;
				idle = 0;
			}
			assert_true(idle < 3000);
			sleep_ms(10);
		}
	}
	free(s);
}

/* Waits for the analysis thread to have measured min_sec (in a measurement other than
 * *not_serial, unless NULL); false only when it stops
 * making progress for 30 s (a hang), never because the machine is slow (a sanitizer
 * build under a parallel make check measures far slower than real time). */
static bool wait_snapshot(struct analysis *a, double min_sec, const uint32_t *not_serial,
	struct analysis_snapshot *s)
{
	double last = -1.0;
	for (int idle = 0; idle < 3000; idle++) {
		analysis_snapshot(a, s);
		if (s->measured_sec >= min_sec && (!not_serial || s->serial != *not_serial))
			return true;
		if (s->measured_sec != last) {
			last = s->measured_sec;
			idle = 0;
		}
		sleep_ms(10);
	}
	return false;
}

static void test_analysis_thread(void **state)
{
	(void)state;
	struct rig r;
	rig_open(&r, TONE_DBFS, 8.0, 0.0);
	struct analysis *a;
	struct err_msg msg;
	assert_int_equal(analysis_create(&a, r.engine, &msg), ERR_OK);
	analysis_set_active(a, true);
	play_paced(&r, 4 * RATE, a);
	struct analysis_snapshot *s = xmalloc(sizeof *s);
	assert_true(wait_snapshot(a, 3.9, NULL, s));
	print_message("analysis: %.2f s measured, M %.2f S %.2f I %.2f LUFS, TP %.2f dBTP, "
		"%llu history readings\n", s->measured_sec, s->momentary_lufs, s->shortterm_lufs,
		s->integrated_lufs, s->true_peak_dbtp, (unsigned long long)s->history_total);
	assert_true(fabs(s->integrated_lufs - TONE_DBFS) < 0.1);
	assert_true(fabs(s->momentary_lufs - TONE_DBFS) < 0.1);
	assert_true(fabs(s->shortterm_lufs - TONE_DBFS) < 0.1);
	assert_true(fabs(s->true_peak_dbtp - TONE_DBFS) < 0.2);
	/* ten readings a second of audio; the first 3 s have no short-term loudness */
	assert_true(s->history_total >= (uint64_t)(3.9 * ANALYSIS_HISTORY_HZ) - 1);
	assert_true(s->history_total <= (uint64_t)(s->measured_sec * ANALYSIS_HISTORY_HZ) + 1);
	assert_true(isinf(analysis_history_at(s, 0)));
	assert_true(fabs(analysis_history_at(s, s->history_total - 1) - TONE_DBFS) < 0.1);
	assert_int_equal(s->dropped_frames, 0);

	/* a locate starts the measurement again */
	const uint32_t before = s->serial;
	engine_send_simple(r.engine, CMD_LOCATE, 0, 0, false, RATE);
	play_paced(&r, RATE, NULL);  /* less than the tap holds */
	/* the second played since the locate (all but its last tap block), afresh */
	assert_true(wait_snapshot(a, 0.51, &before, s));
	assert_true(s->measured_sec < 1.5);
	assert_true(s->history_total <= (uint64_t)(1.5 * ANALYSIS_HISTORY_HZ));

	/* and so does a reset; paused, nothing is measured */
	analysis_reset(a);
	for (int tries = 0; tries < 3000 && s->measured_sec != 0.0; tries++) { /* a hang */
		sleep_ms(10);
		analysis_snapshot(a, s);
	}
	assert_true(s->measured_sec == 0.0);
	assert_true(isinf(s->integrated_lufs));
	analysis_set_active(a, false);
	play_paced(&r, RATE / 2, NULL);
	sleep_ms(150);
	analysis_snapshot(a, s);
	assert_true(s->measured_sec == 0.0);

	free(s);
	analysis_destroy(a);
	rig_close(&r);
}

/* Blocks played before a locate are never read after it, however late the reader
 * comes, and nothing played after it is lost: the reader here reads only once both
 * places have been played. */
static void test_tap_skips_before_locate(void **state)
{
	(void)state;
	struct rig r;
	rig_open(&r, TONE_DBFS, 6.0, 0.0);
	engine_tap_enable(r.engine, true);
	float out[BLOCK * 2];
	int64_t played = 0;
	while (played < RATE) {  /* a second at the start, never read */
		int n = rig_step(&r, out, BLOCK);
		played += n;
	}
	engine_send_simple(r.engine, CMD_LOCATE, 0, 0, false, 3 * RATE);
	const int64_t after = 3 * BLOCK;   /* played after the locate: whole periods */
	float *want = xmalloc(sizeof(float) * 2 * (size_t)after);
	int64_t got_after = 0;
	int stalls = 0;
	while (got_after < after) {
		int n = rig_step(&r, out, BLOCK);
		if (n == 0) {
			assert_true(++stalls < 100);
			continue;
		}
		assert_true(got_after + n <= after);
		memcpy(want + got_after * 2, out, sizeof(float) * 2 * (size_t)n);
		got_after += n;
	}
	float *read = xmalloc(sizeof(float) * 2 * (size_t)after);
	int n_read = engine_tap_read(r.engine, read, (int)after);
	print_message("tap: %lld frames played before a locate, %lld after; %d read after it\n",
		(long long)played, (long long)after, n_read);
	/* every whole block played since the locate, none from before it */
	assert_int_equal(n_read, after / ENGINE_TAP_BLOCK * ENGINE_TAP_BLOCK);
	assert_memory_equal(read, want, sizeof(float) * 2 * (size_t)n_read);
	free(want);
	free(read);
	rig_close(&r);
}

/* Meter events for the track (strip 0) and the master, played in blocks of `block`
 * frames: each event holds the peak and RMS of the frames played since the one before,
 * as the test measures them on the output (the track's are the master's times the
 * master fader's -6 dB back). Blocks do not end on the meters' period, so the windows
 * are not all the same length; a window of whole 1 kHz periods reads A / sqrt 2. */
static void meters_at_block(int block)
{
	struct rig r;
	rig_open(&r, TONE_DBFS - MASTER_DB, 1.0, MASTER_DB);
	const double master_lin = pow(10.0, MASTER_DB / 20.0);
	float out[1000 * 2];
	int64_t played = 0, win_frames = 0;
	double win_sq[2] = { 0, 0 }, win_pk[2] = { 0, 0 }, worst = 0.0;
	int seen[2] = { 0, 0 }, stalls = 0;
	while (played < RATE * 3 / 4) {
		engine_disk_service(r.engine);
		int n = engine_process_rt(r.engine, out, block);
		if (n == 0) {
			assert_true(++stalls < 100);
			continue;
		}
		played += n;
		for (int i = 0; i < n; i++)
			for (int c = 0; c < 2; c++) {
				double v = out[i * 2 + c];
				win_sq[c] += v * v;
				win_pk[c] = fabs(v) > win_pk[c] ? fabs(v) : win_pk[c];
			}
		win_frames += n;
		struct event ev;
		bool posted = false;
		while (engine_poll_event(r.engine, &ev)) {
			if (ev.type != EV_METER || (ev.strip != 0 && ev.strip != STRIP_MASTER))
				continue;
			posted = true;
			int k = ev.strip == 0 ? 0 : 1;
			/* past the fade-in of the first graph */
			if (played < RATE / 10)
				continue;
			const double scale = k ? 1.0 : 1.0 / master_lin;
			for (int c = 0; c < 2; c++) {
				double rms = sqrt(win_sq[c] / (double)win_frames) * scale;
				double pk_db = 20.0 * log10(ev.peak[c] / (win_pk[c] * scale));
				double rms_db = 20.0 * log10(ev.rms[c] / rms);
				worst = fmax(worst, fmax(fabs(pk_db), fabs(rms_db)));
				assert_true(fabs(pk_db) < 0.001);
				assert_true(fabs(rms_db) < 0.001);
			}
			seen[k]++;
		}
		if (posted) {
			win_frames = 0;
			win_sq[0] = win_sq[1] = win_pk[0] = win_pk[1] = 0.0;
		}
	}
	print_message("meters: blocks of %d frames: %d track and %d master meters agree with "
		"the output within %.5f dB\n", block, seen[0], seen[1], worst);
	/* 0.65 s of meters at 25 a second */
	assert_true(seen[0] >= 15);
	assert_true(seen[1] >= 15);
	rig_close(&r);
}

static void test_meters_read_tone(void **state)
{
	(void)state;
	meters_at_block(480);
	meters_at_block(37);
	meters_at_block(1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tap_measures_tone),
		cmocka_unit_test(test_full_tap_drops_and_counts),
		cmocka_unit_test(test_tap_off_carries_nothing),
		cmocka_unit_test(test_analysis_thread),
		cmocka_unit_test(test_tap_skips_before_locate),
		cmocka_unit_test(test_meters_read_tone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
