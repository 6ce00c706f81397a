/* Level-matched A/B in the insert wrapper (audio/fx/fx.c): while an insert is in, its
 * in/out power is followed; A/B bypasses it and scales the dry signal by the measured
 * ratio, so the level heard stays where the effect had it. Driven through the wrapper
 * as the engine drives it (fx_insert_process_rt in blocks, fx_insert_set_ab_rt between
 * blocks); figures are printed (docs/dsp.md, "Level-matched A/B"). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/fx/fx.h"

#define RATE 48000
#define BLOCK 256
#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

struct sig {
	double phase;
};

/* A 220 Hz sine at amp on both sides, frames at a time; returns the output's mean
 * square over the last `tail` frames of this run. */
static double run(struct fx_insert *fx, struct sig *s, double amp, int frames, int tail,
	double *max_ratio_dev, double want_ratio)
{
	float buf[BLOCK * 2], in[BLOCK * 2];
	double sum = 0;
	for (int done = 0; done < frames; done += BLOCK) {
		for (int i = 0; i < BLOCK; i++) {
			float x = (float)(amp * sin(s->phase));
			s->phase += 2.0 * M_PI * 220.0 / RATE;
			buf[i * 2] = buf[i * 2 + 1] = in[i * 2] = in[i * 2 + 1] = x;
		}
		fx_insert_process_rt(fx, buf, BLOCK);
		for (int i = 0; i < BLOCK; i++) {
			if (done + i >= frames - tail)
				sum += (double)buf[i * 2] * buf[i * 2];
			if (max_ratio_dev && done + i >= frames - tail && fabs(in[i * 2]) > 0.05)
				*max_ratio_dev = fmax(*max_ratio_dev, fabs(buf[i * 2] / in[i * 2] -
					want_ratio));
		}
	}
	return sum / tail;
}

static struct fx_insert *compressor(double makeup_db)
{
	const struct fx_class *cls = fx_class_find("compressor");
	assert_non_null(cls);
	double p[FX_MAX_PARAMS];
	fx_param_defaults(cls, p);
	p[fx_param_find(cls, "threshold_db")] = -30;
	p[fx_param_find(cls, "ratio")] = 4;
	p[fx_param_find(cls, "makeup_db")] = makeup_db;
	struct fx_insert *fx = fx_insert_create(cls, RATE, p, false);
	assert_non_null(fx);
	return fx;
}

/* A compressor that takes level away (-13.5 dB here) and one that adds it (makeup
 * +20): A/B keeps the level where the effect had it, within 0.1 dB, and the bypassed
 * signal is the dry one times one constant gain. */
static void check_matched(double makeup_db)
{
	struct fx_insert *fx = compressor(makeup_db);
	struct sig s = { 0 };
	const double amp = 0.5, in_ms = amp * amp / 2;
	/* two seconds: the 400 ms average has forgotten the compressor's attack */
	double wet_ms = run(fx, &s, amp, 2 * RATE, RATE / 5, NULL, 0);
	double change_db = 10 * log10(wet_ms / in_ms);
	double measured_db = fx_insert_match_db(fx);
	fx_insert_set_ab_rt(fx, true);
	double dev = 0;
	double ab_ms = run(fx, &s, amp, RATE / 2, RATE / 5, &dev, pow(10, measured_db / 20));
	double ab_db = 10 * log10(ab_ms / in_ms);
	printf("makeup %+.0f dB: effect changes the level by %+.2f dB (measured %+.2f); "
		"A/B out: %+.2f dB; largest gain deviation %.2e\n", makeup_db, change_db,
		measured_db, ab_db, dev);
	assert_true(fabs(measured_db - change_db) < 0.1);
	assert_true(fabs(ab_db - change_db) < 0.1);
	assert_true(dev < 1e-4); /* plain gain: the effect is out */
	/* back in: the compressor works again */
	fx_insert_set_ab_rt(fx, false);
	double back_ms = run(fx, &s, amp, RATE, RATE / 5, NULL, 0);
	assert_true(fabs(10 * log10(back_ms / in_ms) - change_db) < 0.1);
	fx_insert_destroy(fx);
}

static void test_matched_cut(void **state)
{
	(void)state;
	check_matched(0.0);
}

static void test_matched_boost(void **state)
{
	(void)state;
	check_matched(20.0);
}

/* Nothing measured yet (fresh, or only silence): A/B is a plain bypass at unity. */
static void test_unmeasured_is_unity(void **state)
{
	(void)state;
	struct fx_insert *fx = compressor(6.0);
	struct sig s = { 0 };
	run(fx, &s, 0.0, RATE / 10, RATE / 20, NULL, 0);
	fx_insert_set_ab_rt(fx, true);
	double dev = 0;
	run(fx, &s, 0.5, RATE / 2, RATE / 5, &dev, 1.0);
	printf("unmeasured: largest deviation from unity %.2e\n", dev);
	assert_true(dev < 1e-6);
	fx_insert_destroy(fx);
}

/* The project's bypass wins: a bypassed insert stays bypassed at unity through A/B,
 * and A/B off leaves it bypassed. */
static void test_project_bypass_kept(void **state)
{
	(void)state;
	struct fx_insert *fx = compressor(12.0);
	struct sig s = { 0 };
	run(fx, &s, 0.5, RATE, RATE / 5, NULL, 0);
	fx_insert_set_bypass_rt(fx, true);
	fx_insert_set_ab_rt(fx, true);
	double dev = 0;
	run(fx, &s, 0.5, RATE / 2, RATE / 5, &dev, 1.0);
	assert_true(dev < 1e-6);
	fx_insert_set_ab_rt(fx, false);
	dev = 0;
	run(fx, &s, 0.5, RATE / 2, RATE / 5, &dev, 1.0);
	assert_true(dev < 1e-6);
	fx_insert_destroy(fx);
}

/* A/B carries over a graph rebuild (fx_chain_carry_rt), gain and all. */
static void test_carried(void **state)
{
	(void)state;
	struct fx_chain a = { 1, { compressor(0.0) } }, b = { 1, { compressor(0.0) } };
	struct sig s = { 0 };
	run(a.slot[0], &s, 0.5, RATE, RATE / 5, NULL, 0);
	fx_insert_set_ab_rt(a.slot[0], true);
	double before = run(a.slot[0], &s, 0.5, RATE / 2, RATE / 5, NULL, 0);
	fx_chain_carry_rt(&b, &a);
	double dev = 0;
	double after = run(b.slot[0], &s, 0.5, RATE / 4, RATE / 5, &dev,
		pow(10, fx_insert_match_db(a.slot[0]) / 20));
	printf("carried: %.3f dB before, %.3f dB after the rebuild\n", 10 * log10(before),
		10 * log10(after));
	assert_true(fabs(10 * log10(after / before)) < 0.05);
	assert_true(dev < 1e-4);
	fx_chain_destroy(&a);
	fx_chain_destroy(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matched_cut),
		cmocka_unit_test(test_matched_boost),
		cmocka_unit_test(test_unmeasured_is_unity),
		cmocka_unit_test(test_project_bypass_kept),
		cmocka_unit_test(test_carried),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
