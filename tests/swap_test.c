/* A graph swapped in during playback (an edit that rebuilds the graph: a clip moved, an
 * insert added) takes over without a gap, at a frame known in advance, through the real
 * path: project -> graph_build -> engine_process_rt, the disk served between periods as
 * the disk thread would.
 *
 * Track "t" plays a DC file: graph A reads a.wav (0.1), graph B the same project with
 * b.wav (0.2). Every frame is one or the other, so where the swap fell and whether any
 * frame went silent is plain to see:
 *  - during playback B is heard from exactly swap lead frames after the command (a
 *    tenth of a second), A until then, and no period comes back short;
 *  - a graph swapped in while another is still pending replaces it: the middle one never
 *    plays, and all three are freed (ASan's leak check in make distcheck);
 *  - a locate while a swap is pending takes the new graph at once, at the new place;
 *  - a disk too slow for the new graph: the transport waits for it (as after a locate)
 *    and then plays B, never A's stale frames;
 *  - stopped, a swap is immediate;
 *  - a fader move while a swap is pending reaches the new graph, and the playing one
 *    too when both number their strips alike (the same layout), never otherwise. */
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
#define BLOCK 64
#define LEAD (RATE / 10)   /* engine.c: swap_lead */

static char *dir;

static int setup(void **state)
{
	(void)state;
	dir = tu_tempdir();
	const char *names[3] = { "a", "b", "c" };
	const double levels[3] = { 0.1, 0.2, 0.4 };
	for (int i = 0; i < 3; i++) {
		char *path = xasprintf("%s/%s.wav", dir, names[i]);
		double v = levels[i];
		tu_write_wav(path, RATE, 2, RATE * 10, tu_gen_dc, &v);
		free(path);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_rmtree(dir);
	free(dir);
	return 0;
}

/* A graph of track "t" playing NAME.wav from 0 s, and with `second` a silent track
 * "u" before it (another layout: "t" is strip 1 there), for playback (deep read-ahead). */
static struct graph *graph_of2(const char *name, bool second)
{
	char *text = xasprintf("{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":%d,\"tracks\":[%s{\"name\":\"t\",\"clips\":"
		"[{\"file\":\"%s.wav\",\"start\":0}]}]}", RATE,
		second ? "{\"name\":\"u\",\"mute\":true,\"clips\":[{\"file\":\"c.wav\",\"start\":0}]},"
		: "", name);
	char why[256] = "";
	struct project *p = tu_load_text(dir, text, why, sizeof why);
	free(text);
	assert_non_null(p);
	struct diag d;
	diag_init(&d);
	struct graph *g = NULL;
	assert_int_equal(graph_build(p, false, &g, &d), ERR_OK);
	assert_int_equal(d.count, 0);
	diag_deinit(&d);
	project_free(p);
	return g;
}

static struct graph *graph_of(const char *name)
{
	return graph_of2(name, false);
}

struct rig {
	struct engine *e;
	int64_t played;        /* frames the transport advanced */
	int short_periods;     /* periods that came back with fewer frames than asked */
};

static void rig_open(struct rig *r, const char *name)
{
	memset(r, 0, sizeof *r);
	r->e = engine_create(RATE);
	engine_send_graph(r->e, graph_of(name));
	engine_send_simple(r->e, CMD_LOCATE, 0, 0, false, 0);
	engine_send_simple(r->e, CMD_PLAY, 0, 0, false, 0);
}

static void rig_close(struct rig *r)
{
	engine_destroy(r->e);
}

/* One period, the disk served first unless told not to; the left channel of each frame
 * played goes to levels[] (when not NULL). Returns the frames played. */
static int step(struct rig *r, bool serve_disk, float *levels)
{
	if (serve_disk)
		engine_disk_service(r->e);
	float out[BLOCK * 2];
	int n = engine_process_rt(r->e, out, BLOCK);
	struct event ev;
	while (engine_poll_event(r->e, &ev))
		;
	engine_collect_garbage(r->e);
	for (int i = 0; levels && i < n; i++)
		levels[i] = out[i * 2];
	r->played += n;
	if (n < BLOCK)
		r->short_periods++;
	return n;
}

/* Plays until the transport has started and the disk has read ahead a second. */
static void warm_up(struct rig *r)
{
	int tries = 0;
	while (r->played < RATE) {
		step(r, true, NULL);
		assert_true(++tries < 10 * RATE / BLOCK);
	}
	r->short_periods = 0;
}

/* Plays `frames` more, recording the level of each frame into lv (frames long). */
static void play(struct rig *r, float *lv, int64_t frames)
{
	int64_t got = 0;
	int tries = 0;
	while (got < frames) {
		float blk[BLOCK];
		int n = step(r, true, blk);
		for (int i = 0; i < n && got < frames; i++)
			lv[got++] = blk[i];
		assert_true(++tries < 100 * (int)(frames / BLOCK + 1));
	}
}

/* The first frame at which lv holds want (within float rounding); -1 if none. */
static int64_t first_at(const float *lv, int64_t n, double want)
{
	for (int64_t i = 0; i < n; i++)
		if (fabs(lv[i] - want) < 1e-6)
			return i;
	return -1;
}

static void test_swap_in_playback_is_seamless(void **state)
{
	(void)state;
	struct rig r;
	rig_open(&r, "a");
	warm_up(&r);
	engine_send_graph(r.e, graph_of("b"));
	const int64_t n = 2 * LEAD;
	float *lv = xmalloc(sizeof(float) * (size_t)n);
	play(&r, lv, n);
	/* the command is applied at the start of the first period played */
	int64_t at = first_at(lv, n, 0.2);
	print_message("swap: B heard from frame %lld after the command (lead %d); %d short "
		"periods\n", (long long)at, LEAD, r.short_periods);
	assert_int_equal(at, LEAD);
	for (int64_t i = 0; i < n; i++)
		assert_float_equal(lv[i], i < LEAD ? 0.1 : 0.2, 1e-6);
	assert_int_equal(r.short_periods, 0);
	free(lv);
	rig_close(&r);
}

static void test_swap_replaces_pending(void **state)
{
	(void)state;
	struct rig r;
	rig_open(&r, "a");
	warm_up(&r);
	engine_send_graph(r.e, graph_of("c"));
	float lv[BLOCK * 10];
	play(&r, lv, BLOCK * 10);               /* c is pending, a plays */
	engine_send_graph(r.e, graph_of("b"));  /* b replaces c before c played */
	const int64_t n = 2 * LEAD;
	float *rest = xmalloc(sizeof(float) * (size_t)n);
	play(&r, rest, n);
	for (int i = 0; i < BLOCK * 10; i++)
		assert_float_equal(lv[i], 0.1, 1e-6);
	assert_int_equal(first_at(rest, n, 0.4), -1);   /* c never heard */
	int64_t at = first_at(rest, n, 0.2);
	print_message("swap: the replacing graph heard from frame %lld after its command\n",
		(long long)at);
	assert_int_equal(at, LEAD);
	assert_int_equal(r.short_periods, 0);
	free(rest);
	rig_close(&r);
}

static void test_locate_takes_pending_at_once(void **state)
{
	(void)state;
	struct rig r;
	rig_open(&r, "a");
	warm_up(&r);
	engine_send_graph(r.e, graph_of("b"));
	float lv[BLOCK * 4];
	play(&r, lv, BLOCK * 4);
	engine_send_simple(r.e, CMD_LOCATE, 0, 0, false, 3 * RATE);
	play(&r, lv, BLOCK * 4);
	/* everything after the locate (the wait gives no frames) is B, from 3 s */
	for (int i = 0; i < BLOCK * 4; i++)
		assert_float_equal(lv[i], 0.2, 1e-6);
	assert_true(engine_playhead(r.e) >= 3 * RATE);
	assert_true(engine_playhead(r.e) <= 3 * RATE + BLOCK * 4);
	rig_close(&r);
}

static void test_slow_disk_waits_then_plays_new(void **state)
{
	(void)state;
	struct rig r;
	rig_open(&r, "a");
	warm_up(&r);
	engine_send_graph(r.e, graph_of("b"));
	/* no disk service at all until past the swap frame: A lives on its read-ahead,
	 * B has nothing; at the swap frame the transport waits */
	int64_t got = 0;
	int tries = 0;
	while (got < LEAD && tries++ < 10 * LEAD / BLOCK) {
		float blk[BLOCK];
		int n = step(&r, false, blk);
		for (int i = 0; i < n; i++)
			assert_float_equal(blk[i], 0.1, 1e-6);
		got += n;
	}
	assert_int_equal(got, LEAD);
	float blk[BLOCK];
	assert_int_equal(step(&r, false, blk), 0);   /* waiting for B */
	float lv[BLOCK * 4];
	play(&r, lv, BLOCK * 4);                     /* the disk serves B */
	for (int i = 0; i < BLOCK * 4; i++)
		assert_float_equal(lv[i], 0.2, 1e-6);
	rig_close(&r);
}

static void test_swap_when_stopped_is_immediate(void **state)
{
	(void)state;
	struct rig r;
	rig_open(&r, "a");
	warm_up(&r);
	engine_send_simple(r.e, CMD_STOP, 0, 0, false, 0);
	step(&r, true, NULL);
	engine_send_graph(r.e, graph_of("b"));
	step(&r, true, NULL);
	engine_send_simple(r.e, CMD_PLAY, 0, 0, false, 0);
	float lv[BLOCK * 4];
	play(&r, lv, BLOCK * 4);
	for (int i = 0; i < BLOCK * 4; i++)
		assert_float_equal(lv[i], 0.2, 1e-6);
	rig_close(&r);
}

static void test_values_while_pending(void **state)
{
	(void)state;
	const double half = pow(10.0, -6.0 / 20.0);
	for (int other_layout = 0; other_layout < 2; other_layout++) {
		struct rig r;
		rig_open(&r, "a");
		warm_up(&r);
		engine_send_graph(r.e, graph_of2("b", other_layout));
		float lv[BLOCK * 4];
		play(&r, lv, BLOCK * 4);
		/* -6 dB on "t": strip 0 in a, strip 1 in the other layout */
		engine_send_simple(r.e, CMD_GAIN, other_layout ? 1 : 0, -6.0, false, 0);
		const int64_t n = 2 * LEAD;
		float *rest = xmalloc(sizeof(float) * (size_t)n);
		play(&r, rest, n);
		/* before the swap: a at -6 dB once its ramp is done when the layouts agree
		 * (the same strip 0), untouched when they do not (strip 1 is not there) */
		const double before = other_layout ? 0.1 : 0.1 * half;
		const int64_t swap_at = LEAD - BLOCK * 4;
		print_message("swap: %s layout: %.6f before the swap, %.6f after\n",
			other_layout ? "another" : "the same", rest[swap_at - 1], rest[swap_at + 2000]);
		assert_float_equal(rest[swap_at - 1], before, 1e-6);
		/* after it, b at -6 dB (ramped from where a's fader was) */
		assert_float_equal(rest[n - 1], 0.2 * half, 1e-6);
		assert_int_equal(r.short_periods, 0);
		free(rest);
		rig_close(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_swap_in_playback_is_seamless),
		cmocka_unit_test(test_swap_replaces_pending),
		cmocka_unit_test(test_locate_takes_pending_at_once),
		cmocka_unit_test(test_slow_disk_waits_then_plays_new),
		cmocka_unit_test(test_swap_when_stopped_is_immediate),
		cmocka_unit_test(test_values_while_pending),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
