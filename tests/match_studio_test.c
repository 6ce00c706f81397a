/* :match on the headless studio (src/studio/match.c), with no terminal: the command
 * asks for a reference when none is loaded; given one, its passes run on the worker
 * (a second :match meanwhile is refused) and, polled, put an eq, a width and a limiter
 * on the master that lift a mix at half the reference's level by about 6 dB, as one
 * undo step (undo and redo); a chain edited while the worker renders is not
 * overwritten. :match ab (a second test): B and A with the trim on the louder side,
 * kept across other edits, ended by an edit of the master chain or the match's undo,
 * each said once and again by :match ab; the bypass A/B refused meanwhile.
 * Waits poll with generous timeouts; nothing depends on speed. */
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

#include "audio/fx/fx.h"
#include "src/base/xalloc.h"
#include "src/studio/commands.h"
#include "src/studio/match.h"
#include "src/studio/match_ab.h"
#include "src/studio/monitor.h"
#include "src/studio/studio.h"
#include "tests/test_util.h"

#define RATE 48000
#define WAIT_SEC 120.0 /* a loaded machine; a match of 3 s takes well under a second */

struct heard {
	char text[512];
	bool error;
};

static void keep(void *ctx, bool is_error, const char *text)
{
	struct heard *h = ctx;
	snprintf(h->text, sizeof h->text, "%s", text);
	h->error = is_error;
}

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Noise, different on each side, scaled by *(double *)arg. */
static double noise(int64_t i, int ch, void *arg)
{
	uint32_t x = (uint32_t)(i * 2 + ch) * 2654435761u + 12345u;
	x ^= x >> 13;
	x *= 0x5bd1e995u;
	x ^= x >> 15;
	return *(double *)arg * ((double)x / 4294967295.0 - 0.5);
}

static void line(struct studio *st, struct studio_sel *sel, struct heard *h, const char *text)
{
	h->text[0] = '\0';
	h->error = false;
	studio_line_exec(st, sel, text);
}

static void said(const struct heard *h, bool error, const char *part)
{
	if (h->error != error || !strstr(h->text, part))
		fail_msg("said %s\"%s\", not %s\"%s\"", h->error ? "(error) " : "", h->text,
			error ? "(error) " : "", part);
}

/* Poll the match until its worker is done. */
static void finish(struct studio *st)
{
	const double give_up = now_sec() + WAIT_SEC;
	while (st->match_job && now_sec() < give_up) {
		studio_match_poll(st);
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	assert_null(st->match_job);
}

static const struct fx_class *cls(const struct studio *st, int i)
{
	return st->project->master.inserts[i].cls;
}

static void test_match_in_the_studio(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *ref = xasprintf("%s/ref.wav", dir), *mix = xasprintf("%s/mix.wav", dir);
	double full = 0.6, half = 0.3;
	tu_write_wav(ref, RATE, 2, 3 * RATE, noise, &full);
	tu_write_wav(mix, RATE, 2, 3 * RATE, noise, &half);
	char why[256] = "";
	struct project *p = tu_load_text(dir, "{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":48000,\"tracks\":[{\"name\":\"mix\",\"clips\":[{\"file\":"
		"\"mix.wav\",\"start\":0}]}]}", why, sizeof why);
	if (!p)
		fail_msg("the project does not load: %s", why);
	struct heard h = { "", false };
	const struct cli_globals g = { .output = DRIVER_NULL };
	struct studio st;
	studio_init(&st, p, false, &g, (struct studio_voice){ keep, &h, NULL });
	struct err_msg msg;
	assert_int_equal(studio_open(&st, &msg), ERR_OK);
	struct studio_sel sel = { .strip = 0 };

	line(&st, &sel, &h, "match");
	said(&h, true, "which reference?");
	char *cmd = xasprintf("match %s", ref);
	line(&st, &sel, &h, cmd);
	said(&h, false, "matching to");
	line(&st, &sel, &h, cmd);
	said(&h, true, "one is under way");
	finish(&st);
	said(&h, false, "matched to ref.wav");
	assert_int_equal(st.project->master.n_inserts, 3);
	assert_ptr_equal(cls(&st, 0), &fx_eq);
	assert_ptr_equal(cls(&st, 1), &fx_width);
	assert_ptr_equal(cls(&st, 2), &fx_limiter);
	const double input = st.project->master.inserts[2].params[fx_param_find(&fx_limiter,
		"input_db")];
	assert_true(fabs(input - 6.02) < 1.0);
	assert_non_null(st.match);
	assert_true(st.match->distance_after < 0.5);

	/* one undo step takes it all, redo puts it back */
	line(&st, &sel, &h, "undo");
	assert_int_equal(st.project->master.n_inserts, 0);
	line(&st, &sel, &h, "redo");
	assert_int_equal(st.project->master.n_inserts, 3);

	/* the chain edited while the worker renders: the match is not put on it */
	line(&st, &sel, &h, cmd);
	said(&h, false, "matching to");
	line(&st, &sel, &h, "insert master add delay");
	assert_int_equal(st.project->master.n_inserts, 4);
	finish(&st);
	said(&h, true, "the master chain changed while matching");
	assert_int_equal(st.project->master.n_inserts, 4);
	assert_ptr_equal(cls(&st, 3), &fx_delay);

	studio_close(&st);
	studio_deinit(&st);
	tu_rmtree(dir);
	free(cmd);
	free(ref);
	free(mix);
	free(dir);
}

static void test_match_ab(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *ref = xasprintf("%s/ref.wav", dir), *mix = xasprintf("%s/mix.wav", dir);
	double full = 0.6, half = 0.3;
	tu_write_wav(ref, RATE, 2, 3 * RATE, noise, &full);
	tu_write_wav(mix, RATE, 2, 3 * RATE, noise, &half);
	char why[256] = "";
	/* a chain before the match: an eq with a low-pass the match takes away */
	struct project *p = tu_load_text(dir, "{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":48000,\"master\":{\"inserts\":[{\"type\":\"eq\",\"params\":"
		"{\"lpf_hz\":2000}}]},\"tracks\":[{\"name\":\"mix\",\"clips\":[{\"file\":"
		"\"mix.wav\",\"start\":0}]}]}", why, sizeof why);
	if (!p)
		fail_msg("the project does not load: %s", why);
	struct heard h = { "", false };
	const struct cli_globals g = { .output = DRIVER_NULL };
	struct studio st;
	studio_init(&st, p, false, &g, (struct studio_voice){ keep, &h, NULL });
	struct err_msg msg;
	assert_int_equal(studio_open(&st, &msg), ERR_OK);
	struct studio_sel sel = { .strip = 0 };
	const int lpf = fx_param_find(&fx_eq, "lpf_hz");

	line(&st, &sel, &h, "match ab");
	said(&h, true, "no :match in this session");
	char *cmd = xasprintf("match %s", ref);
	line(&st, &sel, &h, cmd);
	finish(&st);
	said(&h, false, "matched to ref.wav");
	assert_int_equal(st.project->master.n_inserts, 3);
	assert_true(st.project->master.inserts[0].params[lpf] == 0.0);

	/* B: the chain before, not an edit; its trim is 0 (B is the quieter) */
	line(&st, &sel, &h, "match ab");
	said(&h, false, "B, the chain before the match, trim +0.0 dB");
	assert_int_equal(studio_match_ab_side(&st), MATCH_AB_B);
	assert_true(studio_match_ab_trim_db(&st) == 0.0);
	assert_true(st.project->master.inserts[0].params[lpf] == 0.0);
	char label[128];
	assert_true(studio_monitor_label(&st, label, sizeof label));
	assert_non_null(strstr(label, "MON B:before +0.0dB"));
	/* A: the matched chain, turned down to B's loudness (about 6 dB and the
	 * low-pass's share) */
	line(&st, &sel, &h, "match ab");
	said(&h, false, "A, the matched chain, trim -");
	const double trim = studio_match_ab_trim_db(&st);
	assert_true(trim < -6.0 && trim > -20.0);
	assert_true(studio_monitor_label(&st, label, sizeof label));
	assert_non_null(strstr(label, "MON A:matched -"));
	/* the bypass A/B waits its turn */
	studio_monitor_toggle_ab(&st);
	said(&h, true, ":match ab off first");
	line(&st, &sel, &h, "match ab b");
	assert_int_equal(studio_match_ab_side(&st), MATCH_AB_B);
	line(&st, &sel, &h, "match ab x");
	said(&h, true, "usage: :match");

	/* another edit (a graph rebuild) leaves B up */
	line(&st, &sel, &h, "insert mix add eq");
	studio_match_poll(&st);
	assert_int_equal(studio_match_ab_side(&st), MATCH_AB_B);
	line(&st, &sel, &h, "undo");
	studio_match_poll(&st);
	assert_int_equal(studio_match_ab_side(&st), MATCH_AB_B);

	/* an edit of the master chain ends it, said once, and forgets the old chain */
	line(&st, &sel, &h, "fx master 1 hpf_hz 30");
	studio_match_poll(&st);
	said(&h, false, "match A/B ended: the master chain was edited after the match");
	assert_int_equal(studio_match_ab_side(&st), MATCH_AB_OFF);
	assert_false(studio_monitor_label(&st, label, sizeof label));
	line(&st, &sel, &h, "undo");
	studio_match_poll(&st);
	line(&st, &sel, &h, "match ab");
	said(&h, true, "cannot compare: the master chain was edited after the match");

	/* the limiter's input back to 0 and matched again: the match's undo ends it */
	const int input = fx_param_find(&fx_limiter, "input_db");
	line(&st, &sel, &h, "fx master 3 input_db 0");
	line(&st, &sel, &h, cmd);
	finish(&st);
	line(&st, &sel, &h, "match ab");
	said(&h, false, "B, the chain before the match");
	line(&st, &sel, &h, "undo");
	studio_match_poll(&st);
	said(&h, false, "match A/B ended: the match was undone");
	line(&st, &sel, &h, "match ab");
	said(&h, true, "cannot compare: the match was undone");
	assert_int_equal(st.project->master.n_inserts, 3);
	assert_true(st.project->master.inserts[2].params[input] == 0.0);
	/* the same match again changes nothing: no step, nothing to compare */
	line(&st, &sel, &h, "redo");
	line(&st, &sel, &h, cmd);
	finish(&st);
	line(&st, &sel, &h, "match ab");
	said(&h, true, "cannot compare: the match changed nothing in the chain");

	studio_close(&st);
	studio_deinit(&st);
	tu_rmtree(dir);
	free(cmd);
	free(ref);
	free(mix);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_in_the_studio),
		cmocka_unit_test(test_match_ab),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
