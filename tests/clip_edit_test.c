/* Clip editing, proved by real renders (graph_build -> engine -> offline loop):
 * a split then a move keeps every sample of both pieces; a join restores the clip;
 * each fade shape follows its curve; an equal-power crossfade of uncorrelated noise
 * keeps its RMS; every edit survives load -> save -> load unchanged. The measured
 * figures are printed (fade-curve error, RMS deviation through the crossfade). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/graph.h"
#include "src/clip_edit.h"
#include "src/project.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000

/* White noise, uniform in [-0.5, 0.5), from a 64-bit LCG seeded by *arg: two seeds
 * give uncorrelated signals. */
static double noise(int64_t i, int ch, void *arg)
{
	uint64_t x = (uint64_t)i * 6364136223846793005ULL + *(uint64_t *)arg * 1442695040888963407ULL
		+ (uint64_t)ch;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return (double)(x >> 11) / 9007199254740992.0 - 0.5;
}

static double dc(int64_t i, int ch, void *arg)
{
	(void)i;
	(void)ch;
	(void)arg;
	return 0.5;
}

static struct project *noise_project(const char *dir)
{
	char *wav = xasprintf("%s/n.wav", dir);
	uint64_t seed = 1;
	tu_write_wav(wav, RATE, 1, 3 * RATE, noise, &seed);
	free(wav);
	struct project *p = project_new(dir, "edit", RATE);
	struct project_track *t = project_add_track(p, "noise");
	struct project_clip *c = project_add_clip(t, "n.wav", 0.5);
	c->offset = 0.25;
	c->length = 2.0;
	c->gain_db = -2.0;
	c->fade_in = 0.05;
	c->fade_out = 0.1;
	c->fade_out_shape = PROJECT_FADE_S_CURVE;
	project_add_track(p, "other");
	return p;
}

static void test_split_move_keeps_samples(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *p = noise_project(dir);
	int64_t na, nb;
	float *a = tu_render(p, 0, 0, 0, &na);
	struct err_msg msg;
	const int64_t at = 57611;      /* 1.2002 s: not on any round time */
	const int64_t shift = 12345;
	assert_int_equal(clip_edit_split(p, 0, 0, at, &msg), ERR_OK);
	assert_int_equal(p->tracks[0].n_clips, 2);
	/* the split alone changes nothing that is heard */
	float *s = tu_render(p, 0, 0, 0, &nb);
	assert_int_equal(nb, na);
	for (int64_t i = 0; i < na * 2; i++)
		if (s[i] != a[i])
			fail_msg("split: sample %lld differs (%g, was %g)", (long long)i / 2, s[i], a[i]);
	free(s);
	assert_int_equal(clip_edit_move(p, 0, 1, at + shift, &msg), ERR_OK);
	float *b = tu_render(p, 0, 0, 0, &nb);
	assert_int_equal(nb, na + shift);
	for (int64_t i = 0; i < na; i++)
		for (int c = 0; c < 2; c++) {
			const float want = a[i * 2 + c];
			const float got = i < at ? b[i * 2 + c] : b[(i + shift) * 2 + c];
			if (got != want)
				fail_msg("frame %lld ch %d: %g, want %g", (long long)i, c, got, want);
		}
	for (int64_t i = at; i < at + shift; i++)
		assert_true(b[i * 2] == 0.0f && b[i * 2 + 1] == 0.0f);
	printf("split at frame %lld, moved %lld frames: all %lld frames of both pieces equal\n",
		(long long)at, (long long)shift, (long long)na);
	free(a);
	free(b);
	project_free(p);
	tu_rmtree(dir);
	free(dir);
}

static void test_join_restores(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *p = noise_project(dir);
	p->tracks[0].clips[0].length = -1; /* to the file's end: the second piece keeps that */
	char *orig = project_to_json(p);
	int64_t na, nb;
	float *a = tu_render(p, 0, 0, 0, &na);
	struct err_msg msg;
	assert_int_equal(clip_edit_split(p, 0, 0, 70001, &msg), ERR_OK);
	assert_int_equal(clip_edit_split(p, 0, 0, 30000, &msg), ERR_OK);
	assert_int_equal(p->tracks[0].n_clips, 3);
	int joined = -1;
	/* a clip that is not continued refuses */
	assert_int_equal(clip_edit_join(p, 0, 2, &joined, &msg), ERR_OK); /* 1 and 2 */
	assert_int_equal(joined, 1);
	assert_int_equal(clip_edit_join(p, 0, 1, &joined, &msg), ERR_OK); /* 0 and 1 */
	assert_int_equal(joined, 0);
	assert_int_equal(p->tracks[0].n_clips, 1);
	assert_int_not_equal(clip_edit_join(p, 0, 0, &joined, &msg), ERR_OK);
	assert_non_null(strstr(msg.text, "continues"));
	char *now = project_to_json(p);
	assert_string_equal(now, orig);
	float *b = tu_render(p, 0, 0, 0, &nb);
	assert_int_equal(nb, na);
	assert_memory_equal(a, b, (size_t)na * 2 * sizeof(float));
	/* pieces moved apart do not join */
	assert_int_equal(clip_edit_split(p, 0, 0, 50000, &msg), ERR_OK);
	assert_int_equal(clip_edit_move(p, 0, 1, 50001, &msg), ERR_OK);
	assert_int_not_equal(clip_edit_join(p, 0, 0, &joined, &msg), ERR_OK);
	free(now);
	free(orig);
	free(a);
	free(b);
	project_free(p);
	tu_rmtree(dir);
	free(dir);
}

static double shape_formula(enum project_fade_shape s, double x)
{
	switch (s) {
	case PROJECT_FADE_LINEAR: return x;
	case PROJECT_FADE_EQUAL_POWER: return sin(x * M_PI / 2);
	case PROJECT_FADE_S_CURVE: return (1 - cos(x * M_PI)) / 2;
	}
	return x;
}

/* A DC clip with a 0.5 s fade in and out of each shape: the gain at 25 points of
 * each fade (output over the unfaded level) is the curve of docs/dsp.md. */
static void test_fade_shapes(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/dc.wav", dir);
	tu_write_wav(wav, RATE, 1, 2 * RATE, dc, NULL);
	free(wav);
	double worst = 0;
	for (int s = 0; s < PROJECT_N_FADE_SHAPES; s++) {
		struct project *p = project_new(dir, "fade", RATE);
		struct project_track *t = project_add_track(p, "dc");
		struct project_clip *c = project_add_clip(t, "dc.wav", 0);
		c->length = 2.0;
		c->fade_in = 0.5;
		c->fade_out = 0.5;
		c->fade_in_shape = c->fade_out_shape = (enum project_fade_shape)s;
		int64_t n;
		float *out = tu_render(p, 0, 0, 0, &n);
		assert_int_equal(n, 2 * RATE);
		const double full = out[RATE * 2]; /* the middle: no fade */
		assert_true(full > 0.1);
		const int64_t fade = RATE / 2;
		double max_err = 0;
		for (int k = 0; k <= 24; k++) {
			const int64_t i = k * (fade - 1) / 24;
			const double x = (double)i / fade;
			const double want = shape_formula((enum project_fade_shape)s, x);
			const double got_in = out[i * 2] / full;
			/* a fade-out mirrors: frame n-1-i has the gain of fade-in frame i */
			const double got_out = out[(n - 1 - i) * 2 + 1] / full;
			max_err = fmax(max_err, fmax(fabs(got_in - want), fabs(got_out - want)));
		}
		/* and the curves differ: the midpoint tells them apart */
		const double mid = out[(fade / 2) * 2] / full;
		assert_true(fabs(mid - shape_formula((enum project_fade_shape)s, 0.5)) < 1e-5);
		printf("fade %-11s: max gain error over 50 points %.2e (midpoint gain %.4f)\n",
			project_fade_shape_name((enum project_fade_shape)s), max_err, mid);
		assert_true(max_err < 1e-5);
		worst = fmax(worst, max_err);
		free(out);
		project_free(p);
	}
	printf("fade curves: worst error %.2e\n", worst);
	tu_rmtree(dir);
	free(dir);
}

static double window_rms(const float *b, int64_t from, int64_t to)
{
	double s = 0;
	for (int64_t i = from; i < to; i++)
		s += (double)b[i * 2] * b[i * 2];
	return sqrt(s / (double)(to - from));
}

/* Two clips of uncorrelated noise overlapping by 200 ms with a 200 ms crossfade:
 * the RMS in 20 ms windows through the fade stays within 0.5 dB of the noise's own;
 * and sample by sample the output is a cos/sin mix of the two files. */
static void test_crossfade_rms(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	uint64_t seed_a = 11, seed_b = 29;
	char *wa = xasprintf("%s/a.wav", dir), *wb = xasprintf("%s/b.wav", dir);
	tu_write_wav(wa, RATE, 1, 2 * RATE, noise, &seed_a);
	tu_write_wav(wb, RATE, 1, 2 * RATE, noise, &seed_b);
	free(wa);
	free(wb);
	struct project *p = project_new(dir, "xfade", RATE);
	p->crossfade_ms = 200;
	struct project_track *t = project_add_track(p, "noise");
	struct project_clip *c = project_add_clip(t, "a.wav", 0);
	c->length = 1.0;
	c = project_add_clip(t, "b.wav", 0.8);
	c->length = 1.0;
	int64_t n;
	float *out = tu_render(p, 0, 0, 0, &n);
	assert_int_equal(n, (int64_t)(1.8 * RATE));
	const int64_t x0 = (int64_t)(0.8 * RATE), xn = RATE / 5, win = RATE / 50;
	const double ref = sqrt((pow(window_rms(out, 0, x0), 2)
		+ pow(window_rms(out, x0 + xn, n), 2)) / 2);
	double worst = 0;
	for (int64_t w = x0; w + win <= x0 + xn; w += win) {
		double dev = 20 * log10(window_rms(out, w, w + win) / ref);
		worst = fmax(worst, fabs(dev));
	}
	printf("equal-power crossfade of uncorrelated noise: RMS within %.3f dB over %lld "
		"windows of 20 ms\n", worst, (long long)(xn / win));
	assert_true(worst < 0.5);
	/* the exact mix: g_out = cos(pi/2 j/X) on a, g_in = sin(pi/2 j/X) on b; the unfaded
	 * level of each file comes from outside the fade */
	const double k = out[10 * 2] / noise(10, 0, &seed_a);
	for (int64_t j = 0; j < xn; j += 97) {
		const double th = (double)j / xn * M_PI / 2;
		const double want = k * (cos(th) * noise(x0 + j, 0, &seed_a)
			+ sin(th) * noise(j, 0, &seed_b));
		if (fabs(out[(x0 + j) * 2] - want) > 1e-5)
			fail_msg("crossfade frame %lld: %g, want %g", (long long)j, out[(x0 + j) * 2],
				want);
	}
	/* after the crossfade only b is heard (a is cut, not mixed on) */
	for (int64_t i = x0 + xn; i < RATE; i += 101)
		assert_true(fabs(out[i * 2] - k * noise(i - x0, 0, &seed_b)) < 1e-5);
	free(out);
	project_free(p);
	tu_rmtree(dir);
	free(dir);
}

static char *load_save_load(struct project *p)
{
	struct err_msg msg;
	assert_int_equal(project_save(p, &msg), ERR_OK);
	char *before = project_to_json(p);
	struct diag d;
	diag_init(&d);
	struct project *q = NULL;
	assert_int_equal(project_load(p->path, &q, &d), ERR_OK);
	char *after = project_to_json(q);
	assert_string_equal(before, after);
	/* and once more through a save of the loaded copy */
	assert_int_equal(project_save(q, &msg), ERR_OK);
	struct project *r = NULL;
	assert_int_equal(project_load(p->path, &r, &d), ERR_OK);
	char *again = project_to_json(r);
	assert_string_equal(after, again);
	diag_deinit(&d);
	project_free(q);
	project_free(r);
	free(after);
	free(again);
	return before;
}

/* Every edit: applied, saved, loaded, saved, loaded: the same project each time. */
static void test_json_round_trip(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *p = noise_project(dir);
	struct err_msg msg;
	int k;
	free(load_save_load(p));
	assert_int_equal(clip_edit_split(p, 0, 0, 60000, &msg), ERR_OK);
	free(load_save_load(p));
	assert_int_equal(clip_edit_move(p, 0, 1, 61234, &msg), ERR_OK);
	free(load_save_load(p));
	assert_int_equal(clip_edit_trim_start(p, 0, 1, 62000, &msg), ERR_OK);
	assert_int_equal(clip_edit_trim_end(p, 0, 0, 55555, &msg), ERR_OK);
	free(load_save_load(p));
	assert_int_equal(clip_edit_duplicate(p, 0, 1, &k, &msg), ERR_OK);
	assert_int_equal(clip_edit_copy(p, 0, 0, 1, 48000, &k, &msg), ERR_OK);
	free(load_save_load(p));
	assert_int_equal(clip_edit_fade(p, 0, 0, false, 0.123, &msg), ERR_OK);
	p->tracks[0].clips[0].fade_in_shape = PROJECT_FADE_EQUAL_POWER;
	p->tracks[1].clips[0].fade_out_shape = PROJECT_FADE_S_CURVE;
	p->tracks[1].clips[0].gain_db = -4.5;
	p->crossfade_ms = 25;
	free(load_save_load(p));
	project_remove_clip(&p->tracks[0], 2);
	project_add_marker(p, "B", 3.0);
	project_add_marker(p, "A", 1.5);
	assert_string_equal(p->markers[0].name, "A");
	free(load_save_load(p));
	project_remove_marker(p, 1);
	struct project_track *t = project_add_track(p, "keys");
	t->strip.color = xstrdup("green");
	project_move_track(p, 2, 0);
	assert_string_equal(p->tracks[0].strip.name, "keys");
	free(p->tracks[1].strip.name);
	p->tracks[1].strip.name = xstrdup("noise 2");
	p->loop_start = 1;
	p->loop_end = 2;
	p->loop_enabled = true;
	free(load_save_load(p));
	project_remove_track(p, 2);
	char *last = load_save_load(p);
	assert_non_null(strstr(last, "\"fade_in_shape\":\t\"equal_power\""));
	assert_non_null(strstr(last, "\"crossfade_ms\":\t25"));
	free(last);
	project_free(p);
	tu_rmtree(dir);
	free(dir);
}

/* Edits that make no sense say so and change nothing. */
static void test_refusals(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *p = noise_project(dir);
	char *orig = project_to_json(p);
	struct err_msg msg;
	int k;
	assert_int_not_equal(clip_edit_split(p, 0, 0, 24000, &msg), ERR_OK); /* its start */
	assert_int_not_equal(clip_edit_split(p, 0, 0, 4 * RATE, &msg), ERR_OK);
	assert_int_not_equal(clip_edit_split(p, 0, 5, 30000, &msg), ERR_OK);
	assert_int_not_equal(clip_edit_split(p, 7, 0, 30000, &msg), ERR_OK);
	assert_int_not_equal(clip_edit_trim_start(p, 0, 0, 0, &msg), ERR_OK); /* before file */
	assert_int_not_equal(clip_edit_trim_end(p, 0, 0, 10 * RATE, &msg), ERR_OK);
	assert_non_null(strstr(msg.text, "file ends"));
	assert_int_not_equal(clip_edit_copy(p, 0, 0, 9, 0, &k, &msg), ERR_OK);
	char *now = project_to_json(p);
	assert_string_equal(now, orig);
	free(now);
	free(orig);
	project_free(p);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_move_keeps_samples),
		cmocka_unit_test(test_join_restores),
		cmocka_unit_test(test_fade_shapes),
		cmocka_unit_test(test_crossfade_rms),
		cmocka_unit_test(test_json_round_trip),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
