/* Time-based inserts (delay, reverb, chorus), run through their class the way the insert
 * wrapper runs them (fx_insert_create / fx_insert_process_rt, in blocks of odd sizes).
 * Figures are printed so a run shows how close each one came (docs/dsp.md). */
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
#include "src/project.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000

/* An insert of `type` with its defaults, then names[i] = values[i] (NULL-terminated). */
static struct fx_insert *make(const char *type, const char *const *names,
	const double *values)
{
	const struct fx_class *cls = fx_class_find(type);
	assert_non_null(cls);
	double p[FX_MAX_PARAMS];
	fx_param_defaults(cls, p);
	for (int i = 0; names && names[i]; i++) {
		int k = fx_param_find(cls, names[i]);
		assert_true(k >= 0);
		assert_true(fx_param_valid(&cls->params[k], values[i]));
		p[k] = values[i];
	}
	struct fx_insert *fx = fx_insert_create(cls, RATE, p, false);
	assert_non_null(fx);
	return fx;
}

/* Run buf (interleaved stereo, frames long) through fx in blocks of varying size. */
static void run(struct fx_insert *fx, float *buf, int64_t frames)
{
	static const int blocks[] = { 64, 1, 257, 1024, 31 };
	int64_t pos = 0;
	for (int b = 0; pos < frames; b = (b + 1) % 5) {
		int n = frames - pos < blocks[b] ? (int)(frames - pos) : blocks[b];
		fx_insert_process_rt(fx, buf + pos * 2, n);
		pos += n;
	}
}

static float *impulse(int64_t frames)
{
	float *buf = xcalloc((size_t)frames * 2, sizeof(float));
	buf[0] = buf[1] = 1.0f;
	return buf;
}

/* ---- delay ---- */

static void test_delay_echoes(void **state)
{
	(void)state;
	const double time_ms = 250.0, fb = 0.6;
	const char *names[] = { "time_ms", "feedback", "lowpass_hz", "mix", NULL };
	const double values[] = { time_ms, fb, 0, 1 };
	struct fx_insert *fx = make("delay", names, values);
	const int64_t frames = RATE * 2;
	float *buf = impulse(frames);
	run(fx, buf, frames);
	const int64_t d = (int64_t)llround(time_ms * 1e-3 * RATE);
	for (int ch = 0; ch < 2; ch++) {
		double want = 1.0;
		for (int64_t i = 0; i < frames; i++) {
			float v = buf[i * 2 + ch];
			if (i > 0 && i % d == 0) {
				if (fabs(v - want) > 1e-6)
					fail_msg("ch %d: echo at %lld is %.9f, want %.9f", ch,
						(long long)i, v, want);
				want *= fb;
			} else if (v != 0.0f) {
				fail_msg("ch %d: %.9g at frame %lld, between echoes", ch, v,
					(long long)i);
			}
		}
	}
	printf("delay: 250 ms -> echoes exactly at frames %lld, %lld, ... (%.6g, %.6g, ...)\n",
		(long long)d, (long long)(2 * d), buf[d * 2], buf[2 * d * 2]);
	fx_insert_destroy(fx);
	free(buf);
}

static double gen_impulse(int64_t i, int ch, void *arg)
{
	(void)ch;
	(void)arg;
	return i == 0 ? 1.0 : 0.0;
}

/* The same through the real path: project.json with a delay insert -> project_load ->
 * graph_build -> the offline renderer. */
static void test_delay_in_project(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/in.wav", dir);
	tu_write_wav(wav, RATE, 2, RATE, gen_impulse, NULL);
	char *text = xasprintf("{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":%d,\"tracks\":[{\"name\":\"t\",\"clips\":[{\"file\":"
		"\"in.wav\",\"start\":0}],\"inserts\":[{\"type\":\"delay\",\"params\":"
		"{\"time_ms\":100,\"feedback\":0.5,\"mix\":1}}]}]}", RATE);
	char *path = xasprintf("%s/project.json", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	struct diag d;
	diag_init(&d);
	struct project *p = NULL;
	assert_int_equal(project_load(dir, &p, &d), ERR_OK);
	diag_deinit(&d);
	int64_t n;
	float *out = tu_render(p, 0, 0, 0, &n);
	assert_true(n >= RATE / 2);
	const int64_t echo = RATE / 10;
	for (int64_t i = 0; i < 3 * echo; i++)
		if (i != echo && i != 2 * echo)
			assert_true(out[i * 2] == 0.0f && out[i * 2 + 1] == 0.0f);
	assert_true(out[echo * 2] > 0.1f);
	assert_float_equal(out[2 * echo * 2] / out[echo * 2], 0.5, 1e-6);
	assert_float_equal(out[echo * 2 + 1], out[echo * 2], 1e-7);
	printf("delay in a project: first echo at frame %lld (%.6f), second x %.6f\n",
		(long long)echo, out[echo * 2], out[2 * echo * 2] / out[echo * 2]);
	free(out);
	project_free(p);
	free(text);
	free(path);
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

static void test_delay_pingpong_and_glide(void **state)
{
	(void)state;
	const char *names[] = { "time_ms", "feedback", "pingpong", "mix", "lowpass_hz", NULL };
	const double values[] = { 100, 0.5, 1, 1, 3000 };
	struct fx_insert *fx = make("delay", names, values);
	const int64_t frames = RATE;
	float *buf = impulse(frames);
	run(fx, buf, frames);
	const int64_t d = RATE / 10;
	/* first echo on the left only, the second on the right only */
	assert_true(fabsf(buf[d * 2]) > 0.05f && buf[d * 2 + 1] == 0.0f);
	assert_true(fabsf(buf[2 * d * 2 + 1]) > 0.01f && fabsf(buf[2 * d * 2]) < 1e-3f);
	fx_insert_destroy(fx);
	free(buf);

	/* a sine through a delay whose time jumps: no step larger than the sine's own */
	const char *n2[] = { "time_ms", "feedback", "mix", NULL };
	const double v2[] = { 300, 0.3, 0.5 };
	fx = make("delay", n2, v2);
	float *s = xcalloc((size_t)frames * 2, sizeof(float));
	for (int64_t i = 0; i < frames; i++)
		s[i * 2] = s[i * 2 + 1] = (float)(0.5 * sin(2 * M_PI * 220.0 * (double)i / RATE));
	double max_step = 0;
	for (int64_t pos = 0; pos < frames; pos += 480) {
		if (pos == RATE / 2)
			fx_insert_set_param_rt(fx, fx_param_find(fx->cls, "time_ms"), 40);
		fx_insert_process_rt(fx, s + pos * 2, 480);
	}
	for (int64_t i = 1; i < frames; i++)
		max_step = fmax(max_step, fabs(s[i * 2] - s[(i - 1) * 2]));
	/* the largest slope of the (up to) 1.5-times sine: 2 pi f A / fs, x a margin for the
	 * pitch bend of the glide */
	double sine_step = 2 * M_PI * 220.0 * 0.5 / RATE * 1.5;
	printf("delay: time jump 300 -> 40 ms: largest step %.4f (sine's %.4f)\n", max_step,
		sine_step);
	assert_true(max_step < 4.0 * sine_step);
	fx_insert_destroy(fx);
	free(s);
}

/* ---- reverb ---- */

/* RT60 of an impulse response (one channel of buf) by Schroeder backward integration,
 * a least-squares line through the energy decay curve between -5 and -35 dB. */
static double rt60(const float *buf, int64_t frames, int ch)
{
	double *edc = xcalloc((size_t)frames, sizeof(double));
	double acc = 0.0;
	for (int64_t i = frames - 1; i >= 0; i--) {
		acc += (double)buf[i * 2 + ch] * buf[i * 2 + ch];
		edc[i] = acc;
	}
	double sx = 0, sy = 0, sxx = 0, sxy = 0;
	int64_t n = 0;
	for (int64_t i = 0; i < frames; i++) {
		double l = 10.0 * log10(edc[i] / edc[0] + 1e-300);
		if (l > -5.0 || l < -35.0)
			continue;
		double t = (double)i / RATE;
		sx += t; sy += l; sxx += t * t; sxy += t * l;
		n++;
	}
	free(edc);
	assert_true(n > 100);
	double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);   /* dB per second */
	return -60.0 / slope;
}

static void test_reverb_rt60(void **state)
{
	(void)state;
	const double decays[] = { 0.5, 1.5, 3.0 };
	for (int k = 0; k < 3; k++) {
		const char *names[] = { "decay_s", "damping_hz", "predelay_ms", "mix", NULL };
		const double values[] = { decays[k], 0, 0, 1 };
		struct fx_insert *fx = make("reverb", names, values);
		/* long enough that the truncation of the integral does not bend the fit */
		const int64_t frames = (int64_t)(RATE * decays[k] * 1.6);
		float *buf = impulse(frames);
		run(fx, buf, frames);
		double l = rt60(buf, frames, 0), r = rt60(buf, frames, 1);
		printf("reverb: decay_s %.2f: RT60 measured L %.3f s, R %.3f s (%+.1f %%, %+.1f %%)\n",
			decays[k], l, r, 100 * (l / decays[k] - 1), 100 * (r / decays[k] - 1));
		assert_true(fabs(l / decays[k] - 1) < 0.15);
		assert_true(fabs(r / decays[k] - 1) < 0.15);
		fx_insert_destroy(fx);
		free(buf);
	}
}

static void test_reverb_dc_and_stereo(void **state)
{
	(void)state;
	const char *names[] = { "decay_s", "mix", "width", NULL };
	const double values[] = { 2.0, 1, 1 };
	struct fx_insert *fx = make("reverb", names, values);
	/* DC in for 4 s: the wet output must not hold an offset (no DC build-up) */
	const int64_t frames = RATE * 6;
	float *buf = xcalloc((size_t)frames * 2, sizeof(float));
	for (int64_t i = 0; i < RATE * 4; i++)
		buf[i * 2] = buf[i * 2 + 1] = 0.5f;
	run(fx, buf, frames);
	double dc[2] = { 0, 0 };
	for (int64_t i = RATE * 3; i < RATE * 4; i++)
		for (int ch = 0; ch < 2; ch++)
			dc[ch] += buf[i * 2 + ch] / (double)RATE;
	printf("reverb: 0.5 DC in: mean out over 3..4 s L %.2e, R %.2e\n", dc[0], dc[1]);
	assert_true(fabs(dc[0]) < 1e-4 && fabs(dc[1]) < 1e-4);
	fx_insert_destroy(fx);
	free(buf);

	/* an impulse: the tail's mean is ~0 next to its level; L and R decorrelated */
	fx = make("reverb", names, values);
	buf = impulse(frames);
	run(fx, buf, frames);
	double sum[2] = { 0, 0 }, sq[2] = { 0, 0 };
	for (int64_t i = RATE / 20; i < RATE * 3; i++)
		for (int ch = 0; ch < 2; ch++) {
			sum[ch] += buf[i * 2 + ch];
			sq[ch] += (double)buf[i * 2 + ch] * buf[i * 2 + ch];
		}
	for (int ch = 0; ch < 2; ch++) {
		double n = (double)(RATE * 3 - RATE / 20);
		double mean = sum[ch] / n, rms = sqrt(sq[ch] / n);
		printf("reverb: impulse tail 50 ms..3 s, %c: mean %.2e, rms %.2e (mean/rms %.3f)\n",
			ch ? 'R' : 'L', mean, rms, mean / rms);
		assert_true(fabs(mean) < 0.05 * rms);
	}
	double sll = 0, srr = 0, slr = 0;
	for (int64_t i = RATE / 20; i < RATE * 2; i++) {
		double l = buf[i * 2], r = buf[i * 2 + 1];
		sll += l * l;
		srr += r * r;
		slr += l * r;
	}
	double corr = slr / sqrt(sll * srr);
	printf("reverb: L/R correlation of the tail 50 ms..2 s: %.3f\n", corr);
	assert_true(fabs(corr) < 0.5);
	fx_insert_destroy(fx);
	free(buf);
}

/* ---- chorus ---- */

static void test_chorus(void **state)
{
	(void)state;
	const int64_t frames = RATE * 4;
	float *in = xcalloc((size_t)frames * 2, sizeof(float));
	uint32_t seed = 1;
	for (int64_t i = 0; i < frames; i++) {
		seed = seed * 1664525u + 1013904223u;
		double noise = (double)(seed >> 8) / (1 << 24) * 2.0 - 1.0;
		in[i * 2] = (float)(0.5 * sin(2 * M_PI * 440.0 * (double)i / RATE) + 0.5 * noise);
		in[i * 2 + 1] = (float)(i % 96 < 48 ? 1.0 : -1.0);   /* full-scale square */
	}
	float *buf = xcalloc((size_t)frames * 2, sizeof(float));

	/* max settings: finite and bounded */
	const struct fx_class *cls = fx_class_find("chorus");
	assert_non_null(cls);
	const char *names[] = { "rate_hz", "depth_ms", "delay_ms", "feedback", "mix", NULL };
	double maxes[5];
	for (int i = 0; i < 5; i++)
		maxes[i] = cls->params[fx_param_find(cls, names[i])].max;
	const double flanger[] = { 10, 10, 0.5, cls->params[fx_param_find(cls, "feedback")].max, 1 };
	const double *sets[] = { maxes, flanger };
	for (int s = 0; s < 2; s++) {
		memcpy(buf, in, sizeof(float) * 2 * (size_t)frames);
		struct fx_insert *fx = make("chorus", names, sets[s]);
		run(fx, buf, frames);
		double peak = 0;
		for (int64_t i = 0; i < frames * 2; i++) {
			assert_true(isfinite(buf[i]));
			peak = fmax(peak, fabs(buf[i]));
		}
		printf("chorus: %s settings: peak %.3f\n", s ? "flanger max" : "max", peak);
		/* |feedback| < 1 and linear interpolation: gain at most 1 / (1 - 0.9) */
		assert_true(peak <= 10.0);
		fx_insert_destroy(fx);
	}

	/* mix 0: the input exactly */
	const char *n0[] = { "mix", "feedback", NULL };
	const double v0[] = { 0, 0.5 };
	memcpy(buf, in, sizeof(float) * 2 * (size_t)frames);
	struct fx_insert *fx = make("chorus", n0, v0);
	run(fx, buf, frames);
	assert_memory_equal(buf, in, sizeof(float) * 2 * (size_t)frames);
	fx_insert_destroy(fx);
	free(buf);
	free(in);
}

/* ---- all three ---- */

/* A graph rebuilt mid-signal (carry_rt into a fresh insert with the same settings)
 * continues sample for sample; the tail is not cut. */
static void test_carry(void **state)
{
	(void)state;
	static const char *const types[] = { "delay", "reverb", "chorus" };
	const int64_t frames = RATE, half = RATE / 3;
	for (int t = 0; t < 3; t++) {
		float *a = impulse(frames), *b = impulse(frames);
		for (int64_t i = 0; i < frames; i++)
			a[i * 2] = b[i * 2] = (float)sin((double)i * 0.01) * (i < half ? 1.0f : 0.0f);
		struct fx_insert *one = make(types[t], NULL, NULL);
		run(one, a, frames);
		struct fx_insert *first = make(types[t], NULL, NULL);
		struct fx_insert *second = make(types[t], NULL, NULL);
		run(first, b, half);
		assert_non_null(first->cls->carry_rt);
		first->cls->carry_rt(second->state, first->state);
		run(second, b + half * 2, frames - half);
		assert_memory_equal(a, b, sizeof(float) * 2 * (size_t)frames);
		fx_insert_destroy(one);
		fx_insert_destroy(first);
		fx_insert_destroy(second);
		free(a);
		free(b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delay_echoes),
		cmocka_unit_test(test_delay_in_project),
		cmocka_unit_test(test_delay_pingpong_and_glide),
		cmocka_unit_test(test_reverb_rt60),
		cmocka_unit_test(test_reverb_dc_and_stereo),
		cmocka_unit_test(test_chorus),
		cmocka_unit_test(test_carry),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
