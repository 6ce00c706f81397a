/* An LV2 plug-in keeps its memory across a graph swap: an edit rebuilds the graph
 * during playback (here a fader move, in the new graph's project), and the plug-in the
 * old graph ran carries on in the new one (lv2_carry_rt) instead of being made anew.
 *
 * Track "t" plays an impulse through swh-lv2's delay_n (a plain delay line, mono: two
 * instances on the stereo strip) set to 0.5 s, through the real path: project ->
 * graph_build -> engine_process_rt, the disk served between periods as the disk thread
 * would. The swap falls after the impulse went in and before its echo comes out: the
 * echo is heard 0.5 s after the impulse, at the new fader's level. A plug-in made anew
 * at the swap would have an empty line and the echo would be lost. An insert that moved
 * to another slot is not the same insert: its plug-in starts afresh. */
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
#include "audio/lv2/lv2.h"
#include "src/graph_build.h"
#include "src/project.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000
#define BLOCK 64
#define DELAY_N "http://plugin.org.uk/swh-plugins/delay_n"
#define IMPULSE_AT (RATE * 6 / 5)       /* 1.2 s */
#define ECHO (RATE / 2)                 /* delay_time 0.5 s */

static char *dir;

static double gen_impulse(int64_t i, int ch, void *arg)
{
	(void)ch;
	(void)arg;
	return i == IMPULSE_AT ? 0.5 : 0.0;
}

static int setup(void **state)
{
	(void)state;
	dir = tu_tempdir();
	char *path = xasprintf("%s/imp.wav", dir);
	tu_write_wav(path, RATE, 2, RATE * 3, gen_impulse, NULL);
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

/* Track "t" playing imp.wav through the delay at fader gain_db; with `amp_first` an
 * swh amp in slot 1 before it (the delay moves to slot 2). */
static struct graph *graph_of(double gain_db, bool amp_first)
{
	char *text = xasprintf("{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":%d,\"tracks\":[{\"name\":\"t\",\"gain_db\":%g,\"inserts\":[%s"
		"{\"type\":\"lv2\",\"uri\":\"%s\",\"params\":{\"delay_time\":0.5}}],"
		"\"clips\":[{\"file\":\"imp.wav\",\"start\":0}]}]}", RATE, gain_db,
		amp_first ? "{\"type\":\"lv2\",\"uri\":\"http://plugin.org.uk/swh-plugins/amp\"},"
		: "", DELAY_N);
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

/* Plays from 0 s with the fader at 0 dB; at 1.4 s (after the impulse, before its echo)
 * the graph of the same project with the fader at -6 dB (and the delay in slot 2 when
 * moved) is sent. Returns the level of the impulse heard and, in *echo, of its echo
 * (the largest level 0.5 s later, within a period either side). */
static double play_and_swap(bool moved, double *echo)
{
	struct engine *e = engine_create(RATE);
	engine_send_graph(e, graph_of(0, false));
	engine_send_simple(e, CMD_LOCATE, 0, 0, false, 0);
	engine_send_simple(e, CMD_PLAY, 0, 0, false, 0);
	const int64_t n = 2 * RATE;
	float *lv = xcalloc((size_t)n, sizeof *lv);
	/* the song frame of lv[0]: the playhead once the transport runs */
	int64_t got = 0, song0 = -1;
	bool sent = false;
	for (int tries = 0; got < n; tries++) {
		assert_true(tries < 1000 * (int)(n / BLOCK));
		int64_t ph = engine_playhead(e);
		float blk[BLOCK];
		int k = step(e, blk);
		if (song0 < 0 && engine_playhead(e) > ph)
			song0 = ph;
		if (song0 < 0)
			continue;
		for (int i = 0; i < k && got < n; i++)
			lv[got++] = blk[i];
		if (!sent && song0 + got >= RATE * 7 / 5) {
			engine_send_graph(e, graph_of(-6, moved));
			sent = true;
		}
	}
	const int64_t at = IMPULSE_AT - song0;
	assert_true(at > 0 && at + ECHO + BLOCK < n);
	double direct = 0, late = 0;
	for (int64_t i = at - BLOCK; i < at + BLOCK; i++)
		direct = fmax(direct, fabs(lv[i]));
	for (int64_t i = at + ECHO - BLOCK; i < at + ECHO + BLOCK; i++)
		late = fmax(late, fabs(lv[i]));
	/* nothing else anywhere after the impulse but its echo */
	for (int64_t i = at + BLOCK; i < n; i++)
		if (i < at + ECHO - BLOCK || i >= at + ECHO + BLOCK)
			assert_true(fabs(lv[i]) < 1e-6);
	free(lv);
	engine_destroy(e);
	*echo = late;
	return direct;
}

static void test_tail_survives_swap(void **state)
{
	(void)state;
	double echo;
	double direct = play_and_swap(false, &echo);
	double want = 0.5 * pow(10, -6.0 / 20);
	print_message("at the impulse %.4f; 0.5 s later, after the swap, %.4f (want %.4f)\n",
		direct, echo, want);
	/* delay_n passes no dry signal: silence at 1.2 s, the impulse at 1.7 s, at the new
	 * fader's level (-6 dB) */
	assert_true(direct < 1e-6);
	assert_true(echo > 0.1);
	assert_float_equal(echo, want, want * 0.05);
}

static void test_moved_starts_afresh(void **state)
{
	(void)state;
	double echo;
	play_and_swap(true, &echo);
	print_message("delay moved to slot 2 at the swap: echo %.6f\n", echo);
	assert_true(echo < 1e-6);
}

int main(void)
{
	const char *need[] = { DELAY_N, "http://plugin.org.uk/swh-plugins/amp" };
	for (size_t i = 0; i < sizeof need / sizeof *need; i++) {
		const struct fx_class *cls;
		struct err_msg msg;
		if (lv2_class_get(need[i], &cls, &msg) != ERR_OK) {
			const char *all = getenv("TTYMIX_REQUIRE_ALL");
			printf("lv2_swap_test: %s (swh-lv2 is needed)\n", msg.text);
			return all && !strcmp(all, "1") ? 99 : 77;
		}
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tail_survives_swap),
		cmocka_unit_test(test_moved_starts_afresh),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
