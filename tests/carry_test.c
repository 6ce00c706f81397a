/* A rebuilt graph carries each strip's running state (its fader ramp, insert memory
 * and delay lines) only into the same strip, by name (graph_mix.ident), never into
 * whichever strip now sits at its index.
 *
 * Tracks "a" (fader 0 dB) and "b" (fader -60 dB) play DC at 0.5 through the real path:
 * project -> graph_build -> engine_process_rt, the disk served between periods as the
 * disk thread would. During playback "a" is deleted: "b" moves to index 0. Carried by
 * index, b would start at a's fader and ramp down from 0 dB, heard loud for the 5 ms of
 * the ramp; carried by name, it goes on at -60 dB. A plain fader move of "b", by
 * contrast, is carried: b ramps from where it was. */
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
#define DC 0.5

static char *dir;

static int setup(void **state)
{
	(void)state;
	dir = tu_tempdir();
	char *path = xasprintf("%s/dc.wav", dir);
	double dc = DC;
	tu_write_wav(path, RATE, 2, RATE * 3, tu_gen_dc, &dc);
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

/* The project's graph: with_a puts track "a" (0 dB) before "b" (at b_db). */
static struct graph *graph_of(bool with_a, double b_db)
{
	char *a = xasprintf("{\"name\":\"a\",\"gain_db\":0,"
		"\"clips\":[{\"file\":\"dc.wav\",\"start\":0}]},");
	char *text = xasprintf("{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":%d,\"tracks\":[%s{\"name\":\"b\",\"gain_db\":%g,"
		"\"clips\":[{\"file\":\"dc.wav\",\"start\":0}]}]}", RATE, with_a ? a : "", b_db);
	free(a);
	char why[256] = "";
	struct graph *g = tu_graph_text(dir, text, why, sizeof why);
	free(text);
	if (!g)
		fail_msg("%s", why);
	return g;
}

/* One period, the disk served first; the left channel into out (BLOCK long). */
static int step(struct engine *e, float *out)
{
	return tu_engine_step(e, out, BLOCK);
}

/* Plays a and b from 0 s; at 0.5 s the graph `next` is sent. Returns the loudest left
 * sample from the moment the new graph is heard (the first block that ends with no "a"
 * in it: under 0.25, as a alone gives 0.5) to 1 s. */
static double after_swap(struct graph *next)
{
	struct engine *e = engine_create(RATE);
	engine_send_graph(e, graph_of(true, -60));
	engine_send_simple(e, CMD_LOCATE, 0, 0, false, 0);
	engine_send_simple(e, CMD_PLAY, 0, 0, false, 0);
	bool sent = false, swapped = false;
	double loudest = 0;
	for (int tries = 0; engine_playhead(e) < RATE; tries++) {
		assert_true(tries < 100 * RATE / BLOCK);
		float blk[BLOCK];
		int k = step(e, blk);
		if (!sent && engine_playhead(e) >= RATE / 2) {
			engine_send_graph(e, next);
			sent = true;
		}
		/* before the swap a's 0.5 is in every sample (centre pan: unity) */
		if (sent && !swapped && k > 0 && fabs(blk[k - 1]) < 0.25)
			swapped = true;
		if (!swapped)
			continue;
		for (int i = 0; i < k; i++)
			loudest = fmax(loudest, fabs(blk[i]));
	}
	assert_true(swapped);
	engine_destroy(e);
	return loudest;
}

static void test_deleted_strip_not_carried_into_next(void **state)
{
	(void)state;
	const double loudest = after_swap(graph_of(false, -60));
	print_message("a deleted, b at -60 dB moves to its index: loudest %.6f\n", loudest);
	/* b alone: DC 0.5 at -60 dB is 0.0005; a's fader carried into it would start the
	 * ramp at 0 dB, near 0.5 */
	assert_true(loudest < 0.001);
}

static void test_same_strip_ramps_from_where_it_was(void **state)
{
	(void)state;
	/* b's fader from -60 to -20 dB, a kept: b is the same strip at the same index and
	 * ramps from -60 dB to -20 dB (0.0005 to 0.05 on top of a's 0.5): no sample
	 * steps by more than a small part of that move */
	struct engine *e = engine_create(RATE);
	engine_send_graph(e, graph_of(true, -60));
	engine_send_simple(e, CMD_LOCATE, 0, 0, false, 0);
	engine_send_simple(e, CMD_PLAY, 0, 0, false, 0);
	bool sent = false;
	double prev = -1, biggest_step = 0, last = 0;
	for (int tries = 0; engine_playhead(e) < RATE; tries++) {
		assert_true(tries < 100 * RATE / BLOCK);
		float blk[BLOCK];
		int k = step(e, blk);
		if (!sent && engine_playhead(e) >= RATE / 2) {
			engine_send_graph(e, graph_of(true, -20));
			sent = true;
		}
		for (int i = 0; i < k; i++) {
			if (prev >= 0 && engine_playhead(e) > RATE / 4)
				biggest_step = fmax(biggest_step, fabs(blk[i] - prev));
			prev = blk[i];
			last = blk[i];
		}
	}
	engine_destroy(e);
	const double b_new = DC * pow(10, -20 / 20.0);
	print_message("b from -60 to -20 dB: largest step between samples %.7f, last %.6f\n",
		biggest_step, last);
	/* the level reached b's new fader */
	assert_true(last > DC + b_new * 0.9);
	/* ramped over 5 ms (240 samples), not stepped: each step a small part of the move */
	assert_true(biggest_step < b_new / 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deleted_strip_not_carried_into_next),
		cmocka_unit_test(test_same_strip_ramps_from_where_it_was),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
