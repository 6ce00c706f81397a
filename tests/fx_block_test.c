/* The eq's cascade (two sections a vector, skewed a frame apart) and the reverb's path
 * for frames where nothing glides (docs/dsp.md, "EQ" and "Reverb"), driven through
 * their fx_class directly:
 *  - any block size gives the same samples, bit for bit, with parameters set between
 *    blocks (the eq's ramps and the reverb's glides come and go);
 *  - the output matches plain implementations of the documented formulas, written out
 *    again here (a transposed direct form II cascade; the feedback delay network frame
 *    by frame), to float rounding. */
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
#define FRAMES 96000

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static double noise(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double)(rng >> 11) / 9007199254740992.0 * 2.0 - 1.0;
}

/* Noise for the first half, silence after (the tails, down to the flushed states). */
static float *signal(void)
{
	float *x = malloc(sizeof(float) * FRAMES * 2);
	assert_non_null(x);
	rng = 0x9e3779b97f4a7c15ull;
	for (int i = 0; i < FRAMES * 2; i++)
		x[i] = i < FRAMES ? (float)(0.25 * noise()) : 0.0f;
	return x;
}

struct setting {
	const char *name;
	double value;
};

static void *make(const struct fx_class *cls, const struct setting *set)
{
	double p[FX_MAX_PARAMS];
	fx_param_defaults(cls, p);
	for (; set && set->name; set++) {
		int i = fx_param_find(cls, set->name);
		assert_true(i >= 0);
		p[i] = set->value;
	}
	void *st = cls->create(RATE, p);
	assert_non_null(st);
	return st;
}

/* Run cls over the signal in blocks of `block` frames (0: sizes from 1 to 1500 drawn
 * at random); before frame `at` (0: never) the settings `change` are set. */
static float *run(const struct fx_class *cls, const struct setting *set, int block,
	int at, const struct setting *change)
{
	void *st = make(cls, set);
	float *x = signal();
	uint64_t draw = 12345;
	for (int pos = 0; pos < FRAMES;) {
		int n = block;
		if (block == 0) {
			draw = draw * 6364136223846793005ull + 1442695040888963407ull;
			n = 1 + (int)((draw >> 33) % 1500);
		}
		if (n > FRAMES - pos)
			n = FRAMES - pos;
		if (at > 0 && pos < at && pos + n > at)
			n = at - pos;
		if (at > 0 && pos == at)
			for (const struct setting *c = change; c->name; c++)
				cls->set_param_rt(st, fx_param_find(cls, c->name), c->value);
		cls->process_rt(st, x + (size_t)pos * 2, n);
		pos += n;
	}
	cls->destroy(st);
	return x;
}

static void check_blocks(const struct fx_class *cls, const char *what,
	const struct setting *set, int at, const struct setting *change)
{
	static const int blocks[] = { 1, 2, 3, 7, 64, 1000, 0 };
	float *ref = run(cls, set, 8192, at, change);
	for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
		float *o = run(cls, set, blocks[b], at, change);
		long differ = 0;
		for (int i = 0; i < FRAMES * 2; i++)
			differ += memcmp(&o[i], &ref[i], sizeof(float)) != 0;
		if (differ)
			printf("%s: blocks of %d vs 8192: %ld samples differ\n", what, blocks[b],
				differ);
		assert_int_equal(differ, 0);
		free(o);
	}
	printf("%-44s same samples for blocks of 1, 2, 3, 7, 64, 1000, random, 8192\n",
		what);
	free(ref);
}

/* ---- eq ---- */

#define END { NULL, 0 }

static const struct setting eq_sets[][12] = {
	{ { "band2_db", 6 }, END },
	{ { "hpf_hz", 80 }, { "hpf_slope", 24 }, END },
	{ { "hpf_hz", 60 }, { "band1_db", -3 }, { "band3_db", 4 }, END },
	{ { "hpf_hz", 60 }, { "band1_db", -2.5 }, { "band2_db", 2.5 }, { "band3_db", -2.5 },
	  { "band4_db", 2 }, END },
	{ { "hpf_hz", 30 }, { "hpf_slope", 24 }, { "lpf_hz", 9000 }, { "lpf_slope", 24 },
	  { "low_shelf_db", 3 }, { "high_shelf_db", -4 }, { "band1_db", 2 },
	  { "band2_db", -3 }, { "band3_db", 4 }, END },
	{ { "hpf_hz", 30 }, { "hpf_slope", 24 }, { "lpf_hz", 9000 }, { "lpf_slope", 24 },
	  { "low_shelf_db", 3 }, { "high_shelf_db", -4 }, { "band1_db", 2 },
	  { "band2_db", -3 }, { "band3_db", 4 }, { "band4_db", 1 }, END },
};
#define N_EQ_SETS (sizeof eq_sets / sizeof eq_sets[0])

static void test_eq_any_block(void **state)
{
	(void)state;
	/* a band switched on and a high-pass moved mid-signal: ramps, then the cascade with
	 * one section more */
	static const struct setting change[] = { { "band4_db", -5 }, { "hpf_hz", 120 }, END };
	for (size_t s = 0; s < N_EQ_SETS; s++) {
		char what[64];
		snprintf(what, sizeof what, "eq setting %zu", s + 1);
		check_blocks(&fx_eq, what, eq_sets[s], 0, NULL);
		snprintf(what, sizeof what, "eq setting %zu, changed at 0.4 s", s + 1);
		check_blocks(&fx_eq, what, eq_sets[s], 19200, change);
	}
}

/* Cookbook coefficients (b0 b1 b2 a1 a2, divided by a0), written out again. */
static void cookbook(char kind, double f, double db, double q, double c[5])
{
	const double w = 2 * M_PI * f / RATE, cw = cos(w), sw = sin(w);
	const double A = pow(10, db / 40), al = sw / (2 * q);
	double b[3], a[3];
	if (kind == 'h' || kind == 'l') {
		double k = kind == 'h' ? (1 + cw) / 2 : (1 - cw) / 2;
		b[0] = b[2] = k;
		b[1] = kind == 'h' ? -(1 + cw) : 1 - cw;
		a[0] = 1 + al;
		a[1] = -2 * cw;
		a[2] = 1 - al;
	} else if (kind == 'p') {
		b[0] = 1 + al * A;
		b[1] = -2 * cw;
		b[2] = 1 - al * A;
		a[0] = 1 + al / A;
		a[1] = -2 * cw;
		a[2] = 1 - al / A;
	} else {
		const double t = 2 * sqrt(A) * sw / 2 * sqrt(2.0), s = kind == 'L' ? 1 : -1;
		b[0] = A * ((A + 1) - s * (A - 1) * cw + t);
		b[1] = s * 2 * A * ((A - 1) - s * (A + 1) * cw);
		b[2] = A * ((A + 1) - s * (A - 1) * cw - t);
		a[0] = (A + 1) + s * (A - 1) * cw + t;
		a[1] = -s * 2 * ((A - 1) + s * (A + 1) * cw);
		a[2] = (A + 1) + s * (A - 1) * cw - t;
	}
	c[0] = b[0] / a[0];
	c[1] = b[1] / a[0];
	c[2] = b[2] / a[0];
	c[3] = a[1] / a[0];
	c[4] = a[2] / a[0];
}

/* The eq of a setting as a list of sections, in the eq's order (docs/dsp.md). */
static int eq_sections(const struct setting *set, double c[10][5])
{
	double p[FX_MAX_PARAMS];
	fx_param_defaults(&fx_eq, p);
	for (; set->name; set++)
		p[fx_param_find(&fx_eq, set->name)] = set->value;
#define P(name) p[fx_param_find(&fx_eq, name)]
	const double qa = 1 / (2 * cos(M_PI / 8)), qb = 1 / (2 * cos(3 * M_PI / 8));
	int m = 0;
	for (int hl = 0; hl < 2; hl++) {
		const double f = P(hl ? "lpf_hz" : "hpf_hz");
		if (f <= 0)
			continue;
		if (P(hl ? "lpf_slope" : "hpf_slope") > 18) {
			cookbook(hl ? 'l' : 'h', f, 0, qa, c[m++]);
			cookbook(hl ? 'l' : 'h', f, 0, qb, c[m++]);
		} else {
			cookbook(hl ? 'l' : 'h', f, 0, M_SQRT1_2, c[m++]);
		}
	}
	if (P("low_shelf_db") != 0)
		cookbook('L', P("low_shelf_hz"), P("low_shelf_db"), 1, c[m++]);
	if (P("high_shelf_db") != 0)
		cookbook('H', P("high_shelf_hz"), P("high_shelf_db"), 1, c[m++]);
	static const char *const band[4][3] = {
		{ "band1_hz", "band1_db", "band1_q" }, { "band2_hz", "band2_db", "band2_q" },
		{ "band3_hz", "band3_db", "band3_q" }, { "band4_hz", "band4_db", "band4_q" },
	};
	for (int b = 0; b < 4; b++)
		if (P(band[b][1]) != 0)
			cookbook('p', P(band[b][0]), P(band[b][1]), P(band[b][2]), c[m++]);
#undef P
	return m;
}

static void test_eq_matches_tdf2(void **state)
{
	(void)state;
	for (size_t s = 0; s < N_EQ_SETS; s++) {
		double c[10][5], st[10][2][2] = { { { 0 } } };
		const int m = eq_sections(eq_sets[s], c);
		float *o = run(&fx_eq, eq_sets[s], 8192, 0, NULL), *x = signal();
		double worst = 0;
		for (int i = 0; i < FRAMES; i++)
			for (int ch = 0; ch < 2; ch++) {
				double v = x[i * 2 + ch];
				for (int k = 0; k < m; k++) {
					double *z = st[k][ch], y = c[k][0] * v + z[0];
					z[0] = c[k][1] * v - c[k][3] * y + z[1];
					z[1] = c[k][2] * v - c[k][4] * y;
					v = y;
				}
				worst = fmax(worst, fabs(v - o[i * 2 + ch]));
			}
		printf("eq setting %zu (%d sections): largest difference from a plain TDF-II "
			"cascade %.2g\n", s + 1, m, worst);
		assert_true(worst < 1e-6);
		free(o);
		free(x);
	}
}

/* ---- reverb ---- */

static const struct setting rv_sets[][8] = {
	{ { "mix", 1 }, { "decay_s", 2 }, END },
	{ { "predelay_ms", 0 }, { "mix", 0.3 }, END },
	{ { "predelay_ms", 12.345 }, { "size", 1.3 }, { "damping_hz", 3000 }, { "width", 0.5 },
	  END },
	{ { "predelay_ms", 0.5 }, { "size", 0.5 }, { "damping_hz", 0 }, { "decay_s", 0.3 },
	  END },
};
#define N_RV_SETS (sizeof rv_sets / sizeof rv_sets[0])

static void test_reverb_any_block(void **state)
{
	(void)state;
	static const struct setting moves[][3] = {
		{ { "size", 1.7 }, { "predelay_ms", 40 }, END },  /* lengths and predelay glide */
		{ { "decay_s", 4 }, END },                         /* gains, nothing glides */
		{ { "mix", 0.6 }, { "width", 0.2 }, END },
	};
	for (size_t s = 0; s < N_RV_SETS; s++) {
		char what[64];
		snprintf(what, sizeof what, "reverb setting %zu", s + 1);
		check_blocks(&fx_reverb, what, rv_sets[s], 0, NULL);
		for (size_t m = 0; m < sizeof moves / sizeof moves[0]; m++) {
			snprintf(what, sizeof what, "reverb setting %zu, move %zu at 0.4 s", s + 1,
				m + 1);
			check_blocks(&fx_reverb, what, rv_sets[s], 19200 + 5 * (int)m, moves[m]);
		}
	}
}

/* The network of docs/dsp.md, "Reverb", frame by frame, settings fixed. */
static void reverb_reference(const struct setting *set, const float *in, float *out)
{
	double p[FX_MAX_PARAMS];
	fx_param_defaults(&fx_reverb, p);
	for (; set->name; set++)
		p[fx_param_find(&fx_reverb, set->name)] = set->value;
#define P(name) p[fx_param_find(&fx_reverb, name)]
	static const double base_ms[8] = { 29.7, 37.1, 41.1, 43.7, 53.3, 59.9, 67.1, 73.3 };
	static const double ol[8] = { 1, 1, -1, -1, 1, 1, -1, -1 };
	static const double orr[8] = { 1, -1, -1, 1, 1, -1, -1, 1 };
	static const double ul[8] = { 1, 0, -1, 0, 1, 0, -1, 0 };
	static const double ur[8] = { 0, 1, 0, -1, 0, 1, 0, -1 };
	int len[8];
	double g[8], lp[8] = { 0 };
	const int size = 1 << 15;
	float *line = calloc((size_t)size * 8, sizeof(float));
	assert_non_null(line);
	for (int l = 0; l < 8; l++) {
		len[l] = (int)round(base_ms[l] * P("size") * 1e-3 * RATE);
		g[l] = pow(10, -3.0 * len[l] / (RATE * P("decay_s")));
	}
	const double damp_hz = P("damping_hz");
	const double a = damp_hz <= 0 || damp_hz >= 0.45 * RATE ? 1 :
		1 - exp(-2 * M_PI * damp_hz / RATE);
	const double pre = P("predelay_ms") * 1e-3 * RATE, pw = floor(pre), pf = pre - pw;
	const double R = 1 - 2 * M_PI * 10 / RATE;
	double dcx[2] = { 0 }, dcy[2] = { 0 };
	for (int n = 0; n < FRAMES; n++) {
		double x[2];
		for (int ch = 0; ch < 2; ch++) {
			const int i0 = n - (int)pw, i1 = i0 - 1;
			const double v0 = i0 >= 0 ? in[i0 * 2 + ch] : 0;
			const double v1 = i1 >= 0 ? in[i1 * 2 + ch] : 0;
			x[ch] = (1 - pf) * v0 + pf * v1;
		}
		double v[8], s[8], sum = 0, w[2] = { 0, 0 };
		for (int l = 0; l < 8; l++) {
			v[l] = line[l * size + (n - len[l] + size) % size];
			w[0] += ol[l] * v[l];
			w[1] += orr[l] * v[l];
			lp[l] += a * (g[l] * v[l] - lp[l]);
			if (fabs(lp[l]) < FX_FLUSH)
				lp[l] = 0;
			s[l] = lp[l];
			sum += s[l];
		}
		for (int l = 0; l < 8; l++) {
			double y = s[l] - sum / 4 + M_SQRT1_2 * (ul[l] * x[0] + ur[l] * x[1]);
			line[l * size + n % size] = (float)(fabs(y) < FX_FLUSH ? 0 : y);
		}
		for (int ch = 0; ch < 2; ch++) {
			const double wet = w[ch] / sqrt(8.0), y = wet - dcx[ch] + R * dcy[ch];
			dcx[ch] = wet;
			dcy[ch] = fabs(y) < FX_FLUSH ? 0 : y;
		}
		const double mid = (dcy[0] + dcy[1]) / 2, side = (dcy[0] - dcy[1]) / 2 * P("width");
		out[n * 2] = (float)(in[n * 2] * (1 - P("mix")) + (mid + side) * P("mix"));
		out[n * 2 + 1] = (float)(in[n * 2 + 1] * (1 - P("mix")) + (mid - side) * P("mix"));
	}
#undef P
	free(line);
}

static void test_reverb_matches_network(void **state)
{
	(void)state;
	for (size_t s = 0; s < N_RV_SETS; s++) {
		float *o = run(&fx_reverb, rv_sets[s], 8192, 0, NULL), *x = signal();
		float *ref = malloc(sizeof(float) * FRAMES * 2);
		assert_non_null(ref);
		reverb_reference(rv_sets[s], x, ref);
		double worst = 0;
		for (int i = 0; i < FRAMES * 2; i++)
			worst = fmax(worst, fabs((double)o[i] - ref[i]));
		printf("reverb setting %zu: largest difference from the network frame by frame "
			"%.2g\n", s + 1, worst);
		assert_true(worst < 1e-6);
		free(o);
		free(x);
		free(ref);
	}
}

/* A latent insert fully in keeps its dry path in its delay line for a later bypass
 * crossfade (audio/fx/fx.c, process_latent_rt). A limiter far under its ceiling is a
 * pure delay of its latency, so wet and dry are the same samples: through a bypass
 * crossfade, after any run of blocks fully in, the output must stay the input delayed
 * by the latency, bit for bit. A wrong frame kept in the delay line shows here. */
static void test_latent_bypass_keeps_dry(void **state)
{
	(void)state;
	const int ceiling = fx_param_find(&fx_limiter, "ceiling_dbtp");
	double params[FX_MAX_PARAMS];
	for (int i = 0; i < fx_limiter.n_params; i++)
		params[i] = fx_limiter.params[i].def;
	params[ceiling] = 0.0;
	const int sizes[] = { 1, 7, 64, 255, 256, 257, 1000, 4096 };
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		struct fx_insert *fx = fx_insert_create(&fx_limiter, RATE, params, false);
		assert_non_null(fx);
		const int len = fx->latency;
		assert_true(len > 0);
		const int frames = 48000;
		float *in = malloc(sizeof(float) * 2 * frames), *out = malloc(sizeof(float) * 2 * frames);
		assert_true(in && out);
		for (int i = 0; i < 2 * frames; i++)
			in[i] = (float)(noise() * 0.1); /* -20 dBFS: far under the ceiling */
		memcpy(out, in, sizeof(float) * 2 * frames);
		int at = 0;
		for (int toggles = 0; at < frames; toggles++) {
			int n = frames - at < sizes[k] ? frames - at : sizes[k];
			/* bypass goes on, then off, in the middle of the run */
			if (at >= frames / 3 && toggles % 2 == 0 && !fx->bypass && at < frames / 2)
				fx_insert_set_bypass_rt(fx, true);
			else if (at >= 2 * frames / 3 && fx->bypass)
				fx_insert_set_bypass_rt(fx, false);
			fx_insert_process_rt(fx, out + (size_t)at * 2, n);
			at += n;
		}
		for (int i = len; i < frames; i++)
			for (int c = 0; c < 2; c++)
				if (out[i * 2 + c] != in[(i - len) * 2 + c])
					fail_msg("blocks of %d: frame %d is %g, not the input %d frames "
						"before (%g)", sizes[k], i, (double)out[i * 2 + c], len,
						(double)in[(i - len) * 2 + c]);
		free(in);
		free(out);
		fx_insert_destroy(fx);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eq_any_block),
		cmocka_unit_test(test_eq_matches_tdf2),
		cmocka_unit_test(test_reverb_any_block),
		cmocka_unit_test(test_reverb_matches_network),
		cmocka_unit_test(test_latent_bypass_keeps_dry),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
