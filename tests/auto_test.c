/* Automation through the real path (project.json -> project_load -> graph_build ->
 * engine_process_rt): lanes hit their breakpoints at the exact frame, interpolate in
 * their own unit, give the same samples for any block size (a render and a playback
 * agree), step aside while held, and survive a JSON round trip; bad lanes are refused
 * with the place named. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/engine.h"
#include "audio/graph.h"
#include "src/graph_build.h"
#include "src/project.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000

static char *dir;

static double gen_sine(int64_t i, int ch, void *arg)
{
	(void)ch;
	(void)arg;
	return 0.25 * sin(2 * M_PI * 440.0 * (double)i / RATE);
}

static int setup(void **state)
{
	(void)state;
	dir = tu_tempdir();
	double half = 0.5;
	char *path = xasprintf("%s/dc.wav", dir);
	tu_write_wav(path, RATE, 2, 3 * RATE, tu_gen_dc, &half);
	free(path);
	path = xasprintf("%s/mono.wav", dir);
	tu_write_wav(path, RATE, 1, 3 * RATE, tu_gen_dc, &half);
	free(path);
	path = xasprintf("%s/sine.wav", dir);
	tu_write_wav(path, RATE, 2, 3 * RATE, gen_sine, NULL);
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

/* A project of one track playing file, with extra track fields and buses; NULL (the
 * first error in why) when it does not load. */
static struct project *load(const char *file, const char *track, const char *buses,
	char *why, size_t why_size)
{
	char *text = xasprintf("{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":%d,\"buses\":[%s],\"tracks\":[{\"name\":\"t\",\"clips\":[{\"file\":"
		"\"%s\",\"start\":0}]%s%s}]}", RATE, buses ? buses : "", file, track ? "," : "",
		track ? track : "");
	struct project *p = tu_load_text(dir, text, why, why_size);
	free(text);
	return p;
}

/* Render frames [0, frames) through a fresh engine in blocks of `block`; before the
 * block that starts at hold_at (>= 0), hold lane 0 of track 0 and set its fader to
 * hold_db. */
static float *run(const struct project *p, int64_t frames, int block, int64_t hold_at,
	double hold_db)
{
	struct diag d;
	diag_init(&d);
	struct graph *g;
	assert_int_equal(graph_build(p, true, &g, &d), ERR_OK);
	diag_deinit(&d);
	struct engine *e = engine_create_sized(RATE, 4096);
	engine_send_graph(e, g);
	engine_send_simple(e, CMD_LOCATE, 0, 0, false, 0);
	engine_send_simple(e, CMD_PLAY, 0, 0, false, 0);
	float *out = xcalloc((size_t)frames * 2, sizeof(float));
	int64_t pos = 0;
	int stalls = 0;
	while (pos < frames) {
		engine_disk_service(e);
		if (hold_at >= 0 && pos >= hold_at) {
			struct cmd c = { .type = CMD_AUTO_HOLD, .strip = 0, .slot = 0, .on = true };
			assert_int_equal(engine_send(e, &c), ERR_OK);
			engine_send_simple(e, CMD_GAIN, 0, hold_db, false, 0);
			hold_at = -1;
		}
		int n = frames - pos < block ? (int)(frames - pos) : block;
		int played = engine_process_rt(e, out + pos * 2, n);
		struct event ev;
		while (engine_poll_event(e, &ev))
			;
		if (!played) {
			assert_true(++stalls < 1000);
			continue;
		}
		stalls = 0;
		pos += played;
	}
	engine_destroy(e);
	return out;
}

static double lin(double db)
{
	return pow(10.0, db / 20.0);
}

/* A gain lane: -20 dB at 0.5 s, 0 dB at 1 s, straight in dB between; flat outside. */
static void test_gain_lane_breakpoints(void **state)
{
	(void)state;
	struct project *p = load("dc.wav", "\"automation\":{\"gain_db\":[[0.5,-20],[1,0],"
		"[1.5,-6]]}", NULL, NULL, 0);
	assert_non_null(p);
	float *out = run(p, 2 * RATE, 1000, -1, 0);
	static const struct { int64_t f; double db; } want[] = {
		{ 0, -20 }, { 1000, -20 }, { 24000, -20 }, { 24001, -20 + 20.0 / 24000 },
		{ 30000, -15 }, { 36000, -10 }, { 47999, -20.0 / 24000 }, { 48000, 0 },
		{ 60000, -3 }, { 72000, -6 }, { 90000, -6 },
	};
	double worst = 0;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		double expect = 0.5 * lin(want[i].db);
		double got = out[want[i].f * 2];
		worst = fmax(worst, fabs(20 * log10(got / expect)));
		assert_float_equal(out[want[i].f * 2 + 1], got, 0);
		if (fabs(got - expect) > 1e-6 * expect + 1e-9)
			fail_msg("frame %lld: %.9f, expected %.9f (%g dB)", (long long)want[i].f, got,
				expect, want[i].db);
	}
	printf("auto: gain lane at 11 frames incl. the breakpoints: worst %.2e dB\n", worst);
	free(out);
	project_free(p);
}

/* The same samples for blocks of 1, 64, 1000 and 8192 frames: gain, pan (mono track),
 * mute, a send and an EQ parameter all automated at once. */
static void test_any_block_same_samples(void **state)
{
	(void)state;
	struct project *p = load("sine.wav", "\"inserts\":[{\"type\":\"eq\",\"params\":"
		"{\"band2_db\":0}}],\"sends\":[{\"bus\":\"fx\",\"level_db\":-6}],\"automation\":{"
		"\"gain_db\":[[0,-6],[1.2,0]],\"pan\":[[0,-1],[2,1]],\"mute\":[[0.7,0],[0.705,1],"
		"[0.9,1],[0.905,0]],\"send.fx.level_db\":[[0,-40],[1,-3]],"
		"\"insert.1.band2_db\":[[0,-12],[1.5,12]]}", "{\"name\":\"fx\",\"inserts\":[{\"type\":"
		"\"delay\",\"params\":{\"time_ms\":120,\"mix\":1}}]}", NULL, 0);
	assert_non_null(p);
	const int64_t frames = 2 * RATE;
	float *ref = run(p, frames, 8192, -1, 0);
	const int blocks[] = { 1, 64, 1000 };
	for (size_t b = 0; b < 3; b++) {
		float *o = run(p, frames, blocks[b], -1, 0);
		int64_t differ = 0;
		for (int64_t i = 0; i < frames * 2; i++)
			differ += o[i] != ref[i];
		printf("auto: blocks of %d vs 8192: %lld samples differ\n", blocks[b],
			(long long)differ);
		assert_int_equal(differ, 0);
		free(o);
	}
	/* the mute lane: silent (but for the delay's echoes) from 0.705 to 0.9 s */
	double dry = 0;
	for (int64_t f = (int64_t)(0.71 * RATE); f < (int64_t)(0.72 * RATE); f++)
		dry = fmax(dry, fabs(ref[f * 2]));
	double open_ = 0;
	for (int64_t f = (int64_t)(0.60 * RATE); f < (int64_t)(0.61 * RATE); f++)
		open_ = fmax(open_, fabs(ref[f * 2]));
	printf("auto: in the muted stretch the largest sample is %.4f (echoes only), before it "
		"%.4f\n", dry, open_);
	assert_true(dry < 0.2 * open_);
	free(ref);
	project_free(p);
}

/* Held, the lane steps aside: the fader's own value is heard (after its 5 ms ramp);
 * not held, the lane would say -20 dB. */
static void test_hold(void **state)
{
	(void)state;
	struct project *p = load("dc.wav", "\"automation\":{\"gain_db\":[[0,-20]]}", NULL, NULL,
		0);
	assert_non_null(p);
	float *out = run(p, RATE, 512, 24000, -6);
	printf("auto: before the hold %.6f (lane -20 dB), after %.6f (fader -6 dB)\n",
		out[20000 * 2], out[30000 * 2]);
	assert_float_equal(out[20000 * 2], 0.5 * lin(-20), 1e-6);
	assert_float_equal(out[30000 * 2], 0.5 * lin(-6), 1e-6);
	free(out);
	project_free(p);
}

static void test_refusals_and_round_trip(void **state)
{
	(void)state;
	char why[512];
	assert_null(load("dc.wav", "\"automation\":{\"volume\":[[0,1]]}", NULL, why,
		sizeof why));
	assert_non_null(strstr(why, "tracks[0].automation.volume: not an automatable control"));
	assert_null(load("dc.wav", "\"automation\":{\"gain_db\":[[1,0],[0.5,0]]}", NULL, why,
		sizeof why));
	assert_non_null(strstr(why, "points go in time order"));
	assert_null(load("dc.wav", "\"automation\":{\"pan\":[[0,2]]}", NULL, why, sizeof why));
	assert_non_null(strstr(why, "automation.pan[0]: value 2 is out of range (-1 to 1)"));
	assert_null(load("dc.wav", "\"automation\":{\"send.x.level_db\":[[0,0]]}", NULL, why,
		sizeof why));
	assert_non_null(strstr(why, "no send to \"x\""));
	assert_null(load("dc.wav", "\"automation\":{\"insert.2.ratio\":[[0,2]]}", NULL, why,
		sizeof why));
	assert_non_null(strstr(why, "no insert 2"));
	assert_null(load("dc.wav", "\"automation\":{\"gain_db\":{\"mode\":\"sometimes\","
		"\"points\":[]}}", NULL, why, sizeof why));
	assert_non_null(strstr(why, "mode: must be off, read, write, touch or latch"));

	struct project *p = load("dc.wav", "\"inserts\":[{\"type\":\"compressor\"}],"
		"\"automation\":{\"gain_db\":[[0,-3],[1.25,0.5]],\"pan\":{\"mode\":\"latch\","
		"\"points\":[[0,0.25]]},\"insert.1.ratio\":{\"mode\":\"off\",\"points\":[[2,8]]}}",
		NULL, NULL, 0);
	assert_non_null(p);
	assert_int_equal(p->tracks[0].strip.n_lanes, 3);
	assert_int_equal(p->tracks[0].strip.lanes[1].mode, AUTO_LATCH);
	char *one = project_to_json(p);
	struct err_msg msg;
	assert_int_equal(project_save(p, &msg), ERR_OK);
	project_free(p);
	struct diag d;
	diag_init(&d);
	assert_int_equal(project_load(dir, &p, &d), ERR_OK);
	diag_deinit(&d);
	char *two = project_to_json(p);
	assert_string_equal(one, two);
	free(one);
	free(two);
	project_free(p);
}

/* The lane helpers the studio writes with. */
static void test_lane_editing(void **state)
{
	(void)state;
	struct project_lane *lanes = NULL;
	int n = 0;
	struct project_lane *l = project_lane_add(&lanes, &n, "gain_db");
	project_lane_insert(l, 2.0, -6);
	project_lane_insert(l, 0.0, 0);
	project_lane_insert(l, 1.0, -12);
	project_lane_insert(l, 1.0, -3); /* after the point at the same time */
	assert_int_equal(l->n_points, 4);
	assert_float_equal(l->points[1].value, -12, 0);
	assert_float_equal(l->points[2].value, -3, 0);
	assert_float_equal(project_lane_value(l, 0.5), -6, 1e-12);
	assert_float_equal(project_lane_value(l, 1.5), -4.5, 1e-12);
	assert_float_equal(project_lane_value(l, 5), -6, 0);
	assert_int_equal(project_lane_erase(l, 0.0, 1.0), 2);
	assert_int_equal(l->n_points, 2);
	project_lane_remove(lanes, &n, 0);
	assert_int_equal(n, 0);
	free(lanes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gain_lane_breakpoints),
		cmocka_unit_test(test_any_block_same_samples),
		cmocka_unit_test(test_hold),
		cmocka_unit_test(test_refusals_and_round_trip),
		cmocka_unit_test(test_lane_editing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
