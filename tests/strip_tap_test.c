/* The strip tap (audio/strip_tap.h) through the real engine: two tracks of DC (0.25
 * and -0.5, mono), the first with its fader at -6 dB and an eq whose low shelf at
 * +6 dB lifts DC by exactly 2x; the master fader at -6 dB. Tapping track 1 gives its
 * signal after the insert and before the fader and pan (0.5 on both sides), tapping
 * track 2 gives -0.5, the master gives the sum before the master fader, and with no
 * strip tapped nothing comes. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "audio/dsp/pan.h"
#include "audio/engine.h"
#include "audio/graph.h"
#include "audio/strip_tap.h"
#include "src/graph_build.h"
#include "src/project.h"
#include "src/base/diag.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000
#define BLOCK 256

struct run {
	struct engine *e;
	float buf[RATE * 2];
	float out[BLOCK * 2];
};

/* Play `frames` more frames (the disk serviced between blocks). */
static void play(struct run *r, int frames)
{
	int stalls = 0;
	while (frames > 0) {
		engine_disk_service(r->e);
		int played = engine_process_rt(r->e, r->out, BLOCK);
		struct event ev;
		while (engine_poll_event(r->e, &ev))
			;
		if (played == 0) {
			assert_true(++stalls < 1000);
			continue;
		}
		frames -= played;
	}
}

/* Read everything the tap holds; every sample must be want (both sides). Returns the
 * frames read. */
static int read_all(struct run *r, double want)
{
	int total = 0, n;
	while ((n = engine_strip_tap_read(r->e, r->buf, RATE)) > 0) {
		for (int i = 0; i < n * 2; i++)
			if (fabs(r->buf[i] - want) > 1e-4)
				fail_msg("tapped sample %d of a read is %g, want %g", i, r->buf[i], want);
		total += n;
	}
	return total;
}

static void taps_the_strip_asked_for(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *a = xasprintf("%s/a.wav", dir), *b = xasprintf("%s/b.wav", dir);
	double va = 0.25, vb = -0.5;
	tu_write_wav(a, RATE, 1, 4 * RATE, tu_gen_dc, &va);
	tu_write_wav(b, RATE, 1, 4 * RATE, tu_gen_dc, &vb);
	char *text = xasprintf("{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":%d,\"pan_law_db\":-3,\"master\":{\"gain_db\":-6},\"tracks\":["
		"{\"name\":\"a\",\"gain_db\":-6,\"clips\":[{\"file\":\"a.wav\",\"start\":0}],"
		"\"inserts\":[{\"type\":\"eq\",\"params\":{\"low_shelf_hz\":1000,"
		"\"low_shelf_db\":6.0206}}]},"
		"{\"name\":\"b\",\"clips\":[{\"file\":\"b.wav\",\"start\":0}]}]}", RATE);
	struct project *p = tu_load_text(dir, text, NULL, 0);
	assert_non_null(p);
	struct diag d;
	diag_init(&d);
	struct graph *g;
	assert_int_equal(graph_build(p, true, &g, &d), ERR_OK);
	diag_deinit(&d);

	struct run *r = xcalloc(1, sizeof *r);
	r->e = engine_create_sized(RATE, 256);
	engine_send_graph(r->e, g);
	engine_send_simple(r->e, CMD_LOCATE, 0, 0, false, 0);
	engine_send_simple(r->e, CMD_PLAY, 0, 0, false, 0);
	/* nothing tapped: nothing comes */
	play(r, RATE / 4);
	assert_int_equal(read_all(r, 0), 0);

	/* track 1 after its eq (DC lifted 2x by the shelf), before its fader and pan; the
	 * eq's first frames settle, so look at what comes after a quarter second */
	assert_int_equal(engine_strip_tap_set(r->e, 0), ERR_OK);
	play(r, RATE / 4);
	while (engine_strip_tap_read(r->e, r->buf, RATE) > 0)
		;
	play(r, RATE / 4);
	int n = read_all(r, 2 * va);
	assert_true(n >= RATE / 4 - BLOCK);

	/* track 2: from the next callback on, nothing of track 1 */
	assert_int_equal(engine_strip_tap_set(r->e, 1), ERR_OK);
	play(r, RATE / 4);
	n = read_all(r, vb);
	assert_true(n >= RATE / 4 - BLOCK);

	/* the master before its fader: track 1 at -6 dB and track 2, each centred by the
	 * -3 dB law */
	assert_int_equal(engine_strip_tap_set(r->e, STRIP_MASTER), ERR_OK);
	play(r, RATE / 4);
	float centre[2];
	pan_gains_rt(-3.0, 1, 0.0, 1.0, centre); /* a mono track's centre, as the mix has it */
	const double fader = pow(10.0, -6.0 / 20);
	n = read_all(r, (2 * va * fader + vb) * centre[0]);
	assert_true(n >= RATE / 4 - BLOCK);

	/* off again: what was gathered is read, then nothing more */
	assert_int_equal(engine_strip_tap_set(r->e, STRIP_TAP_OFF), ERR_OK);
	play(r, BLOCK);
	while (engine_strip_tap_read(r->e, r->buf, RATE) > 0)
		;
	play(r, RATE / 4);
	assert_int_equal(read_all(r, 0), 0);
	assert_int_equal((int)engine_strip_tap_dropped(r->e), 0);

	engine_destroy(r->e);
	free(r);
	project_free(p);
	free(text);
	free(a);
	free(b);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(taps_the_strip_asked_for),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
