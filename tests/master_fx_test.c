/* The master chain's inserts (multiband, width, limiter), the latency they report and
 * its compensation in renders, and the export dither rules. Effects are run through
 * fx_insert_process_rt (the wrapper the engine uses) in uneven blocks; alignment and
 * dither through the offline renderer and render_file. True peaks are measured by
 * libebur128 (audio/loudness.c, 4x oversampled), not by the limiter's own detector.
 * Figures are printed so a run shows how close each one came. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "audio/fx/fx.h"
#include "audio/fx/xover.h"
#include "audio/graph.h"
#include "audio/loudness.h"
#include "audio/media.h"
#include "src/graph_build.h"
#include "src/project.h"
#include "src/render_file.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000

static double db(double x)
{
	return 20.0 * log10(x);
}

/* ---- running an insert ---- */

static struct fx_insert *make(const char *cls_name, const char *const *names,
	const double *values, int n)
{
	const struct fx_class *cls = fx_class_find(cls_name);
	assert_non_null(cls);
	double p[FX_MAX_PARAMS];
	fx_param_defaults(cls, p);
	for (int i = 0; i < n; i++) {
		int k = fx_param_find(cls, names[i]);
		assert_true(k >= 0);
		assert_true(fx_param_valid(&cls->params[k], values[i]));
		p[k] = values[i];
	}
	struct fx_insert *fx = fx_insert_create(cls, RATE, p, false);
	assert_non_null(fx);
	return fx;
}

/* In place, in blocks of uneven sizes (1 .. 700 frames), as hosts call. */
static void run(struct fx_insert *fx, float *buf, int64_t frames)
{
	static const int sizes[] = { 512, 1, 64, 700, 31, 256, 128, 3 };
	int64_t pos = 0;
	for (int k = 0; pos < frames; k++) {
		int n = sizes[k % 8];
		if (n > frames - pos)
			n = (int)(frames - pos);
		fx_insert_process_rt(fx, buf + pos * 2, n);
		pos += n;
	}
}

/* The complex amplitude (phasor) of frequency hz in channel ch of buf over frames
 * [from, to): least squares on cos and sin, so no whole number of cycles is needed. */
static void phasor(const float *buf, int ch, int64_t from, int64_t to, double hz,
	double *re, double *im)
{
	double cc = 0, ss = 0, cs = 0, yc = 0, ys = 0;
	for (int64_t i = from; i < to; i++) {
		double w = 2.0 * M_PI * hz * (double)i / RATE;
		double c = cos(w), s = sin(w), y = buf[i * 2 + ch];
		cc += c * c, ss += s * s, cs += c * s, yc += y * c, ys += y * s;
	}
	double det = cc * ss - cs * cs;
	double a = (yc * ss - ys * cs) / det, b = (ys * cc - yc * cs) / det;
	*re = a; /* y = a cos + b sin = Re{(a - jb) e^{jw}} */
	*im = -b;
}

/* The response of insert fx at hz on the left channel (stereo sine in, both sides):
 * out phasor over in phasor. */
static void response(struct fx_insert *fx, double hz, double *re, double *im)
{
	const int64_t settle = RATE / 2, len = RATE / 2 + (int64_t)(4.0 * RATE / hz);
	int64_t frames = settle + len;
	float *buf = xmalloc(sizeof(float) * 2 * (size_t)frames);
	for (int64_t i = 0; i < frames; i++)
		buf[i * 2] = buf[i * 2 + 1] = (float)(0.25 * sin(2.0 * M_PI * hz * (double)i / RATE));
	run(fx, buf, frames);
	double ore, oim;
	phasor(buf, 0, settle, frames, hz, &ore, &oim);
	/* the input's phasor in closed form: 0.25 sin = Re{-0.25j e^{jw}} */
	double ire = 0.0, iim = -0.25;
	double d = ire * ire + iim * iim;
	*re = (ore * ire + oim * iim) / d;
	*im = (oim * ire - ore * iim) / d;
	free(buf);
}

static double log_freq(int i, int n)
{
	return 20.0 * pow(1000.0, (double)i / (n - 1)); /* 20 Hz .. 20 kHz */
}

/* ---- multiband ---- */

static void test_multiband_neutral_flat(void **state)
{
	(void)state;
	const int n = 31;
	double worst = 0.0;
	for (int i = 0; i < n; i++) {
		double hz = log_freq(i, n);
		struct fx_insert *fx = make("multiband", NULL, NULL, 0);
		double re, im;
		response(fx, hz, &re, &im);
		double dev = fabs(db(hypot(re, im)));
		if (dev > worst)
			worst = dev;
		fx_insert_destroy(fx);
	}
	printf("multiband neutral: %d frequencies 20 Hz-20 kHz, max |deviation| %.5f dB\n", n,
		worst);
	assert_true(worst < 0.01);
}

/* Each band's own complex response, measured through the running insert: with band b's
 * make-up at +6.02 dB (x2), out = all bands + band b. */
static void band_response(int band, double hz, double *re, double *im)
{
	static const char *const makeups[] = { "low_makeup_db", "mid_makeup_db", "high_makeup_db" };
	const char *names[] = { makeups[band] };
	double values[] = { 20.0 * log10(2.0) };
	struct fx_insert *all = make("multiband", NULL, NULL, 0);
	struct fx_insert *one = make("multiband", names, values, 1);
	double are, aim, ore, oim;
	response(all, hz, &are, &aim);
	response(one, hz, &ore, &oim);
	*re = ore - are;
	*im = oim - aim;
	fx_insert_destroy(all);
	fx_insert_destroy(one);
}

static void test_multiband_bands_sum(void **state)
{
	(void)state;
	/* defaults: crossovers at 200 Hz and 3 kHz */
	const double freqs[] = { 30, 100, 200, 600, 1000, 3000, 8000, 16000 };
	double worst_sum = 0.0;
	for (size_t f = 0; f < sizeof freqs / sizeof freqs[0]; f++) {
		double re[3], im[3], sre = 0, sim = 0;
		for (int b = 0; b < 3; b++) {
			band_response(b, freqs[f], &re[b], &im[b]);
			sre += re[b], sim += im[b];
		}
		double sum_db = db(hypot(sre, sim));
		printf("  %6.0f Hz: low %7.2f  mid %7.2f  high %7.2f  sum %+.5f dB\n", freqs[f],
			db(hypot(re[0], im[0])), db(hypot(re[1], im[1])), db(hypot(re[2], im[2])), sum_db);
		if (fabs(sum_db) > worst_sum)
			worst_sum = fabs(sum_db);
		if (freqs[f] == 200) { /* LR4: each side of a crossover is -6.02 dB there */
			assert_true(fabs(db(hypot(re[0], im[0])) + 6.02) < 0.1);
		}
		if (freqs[f] == 3000)
			assert_true(fabs(db(hypot(re[2], im[2])) + 6.02) < 0.1);
		if (freqs[f] == 30) {
			assert_true(fabs(db(hypot(re[0], im[0]))) < 0.05);
			assert_true(db(hypot(re[2], im[2])) < -80.0);
		}
		if (freqs[f] == 16000) {
			assert_true(fabs(db(hypot(re[2], im[2]))) < 0.05);
			assert_true(db(hypot(re[0], im[0])) < -80.0);
		}
		if (freqs[f] == 1000)
			assert_true(fabs(db(hypot(re[1], im[1]))) < 0.5);
	}
	printf("multiband bands: |low + mid + high| within %.5f dB of 0\n", worst_sum);
	assert_true(worst_sum < 0.01);
}

/* Amplitude of hz in channel 0 over the second half of buf. */
static double tone_amp(const float *buf, int64_t frames, double hz)
{
	double re, im;
	phasor(buf, 0, frames / 2, frames, hz, &re, &im);
	return hypot(re, im);
}

static float *three_tones(int64_t frames)
{
	float *buf = xmalloc(sizeof(float) * 2 * (size_t)frames);
	for (int64_t i = 0; i < frames; i++) {
		double t = (double)i / RATE;
		double v = 0.3 * sin(2 * M_PI * 50 * t) + 0.3 * sin(2 * M_PI * 1000 * t) +
			0.3 * sin(2 * M_PI * 15000 * t);
		buf[i * 2] = buf[i * 2 + 1] = (float)v;
	}
	return buf;
}

static void test_multiband_one_band(void **state)
{
	(void)state;
	const int64_t frames = RATE;
	const char *names[] = { "xover_low_hz", "xover_high_hz", "mid_threshold_db",
		"mid_ratio", "mid_attack_ms", "mid_release_ms" };
	double values[] = { 250, 4000, -40, 10, 1, 50 };
	struct fx_insert *neutral = make("multiband", names, values, 2);
	struct fx_insert *comp = make("multiband", names, values, 6);
	float *a = three_tones(frames), *b = three_tones(frames);
	run(neutral, a, frames);
	run(comp, b, frames);
	double d50 = db(tone_amp(b, frames, 50) / tone_amp(a, frames, 50));
	double d1k = db(tone_amp(b, frames, 1000) / tone_amp(a, frames, 1000));
	double d15k = db(tone_amp(b, frames, 15000) / tone_amp(a, frames, 15000));
	float gr = fx_insert_gain_reduction_db(comp);
	printf("multiband mid band compressed: 50 Hz %+.4f dB, 1 kHz %+.2f dB, 15 kHz %+.4f dB, "
		"GR %.2f dB\n", d50, d1k, d15k, gr);
	assert_true(fabs(d50) < 0.05);
	assert_true(fabs(d15k) < 0.05);
	assert_true(d1k < -6.0);
	assert_true(gr > 6.0);
	free(a);
	free(b);
	fx_insert_destroy(neutral);
	fx_insert_destroy(comp);
}

/* ---- width ---- */

static float *stereo_noise(int64_t frames, uint64_t seed)
{
	float *buf = xmalloc(sizeof(float) * 2 * (size_t)frames);
	uint64_t s = seed;
	for (int64_t i = 0; i < frames * 2; i++) {
		s = s * 6364136223846793005ull + 1442695040888963407ull;
		buf[i] = (float)((double)(s >> 11) / 9007199254740992.0 - 0.5);
	}
	return buf;
}

static void test_width_mono_and_identity(void **state)
{
	(void)state;
	const int64_t frames = RATE / 2;
	const char *names[] = { "width" };
	double zero[] = { 0.0 };
	struct fx_insert *mono = make("width", names, zero, 1);
	struct fx_insert *ident = make("width", NULL, NULL, 0);
	float *a = stereo_noise(frames, 1), *b = stereo_noise(frames, 1);
	float *orig = stereo_noise(frames, 1);
	run(mono, a, frames);
	run(ident, b, frames);
	for (int64_t i = 0; i < frames; i++) {
		assert_true(a[i * 2] == a[i * 2 + 1]);
		assert_true(fabsf(a[i * 2] - 0.5f * (orig[i * 2] + orig[i * 2 + 1])) < 1e-6f);
	}
	assert_memory_equal(b, orig, sizeof(float) * 2 * (size_t)frames);
	free(a);
	free(b);
	free(orig);
	fx_insert_destroy(mono);
	fx_insert_destroy(ident);
}

/* Mid and side amplitudes at hz after the insert, for an input with mid amplitude m and
 * side amplitude s (L = M + S, R = M - S). */
static void width_ms(struct fx_insert *fx, double hz, double m, double s, double *mo,
	double *so)
{
	const int64_t frames = RATE / 2 + (int64_t)(8.0 * RATE / hz);
	float *buf = xmalloc(sizeof(float) * 2 * (size_t)frames);
	for (int64_t i = 0; i < frames; i++) {
		double v = sin(2.0 * M_PI * hz * (double)i / RATE);
		buf[i * 2] = (float)((m + s) * v);
		buf[i * 2 + 1] = (float)((m - s) * v);
	}
	run(fx, buf, frames);
	float *ms = xmalloc(sizeof(float) * 2 * (size_t)frames);
	for (int64_t i = 0; i < frames; i++) {
		ms[i * 2] = 0.5f * (buf[i * 2] + buf[i * 2 + 1]);
		ms[i * 2 + 1] = 0.5f * (buf[i * 2] - buf[i * 2 + 1]);
	}
	double re, im;
	phasor(ms, 0, RATE / 4, frames, hz, &re, &im);
	*mo = hypot(re, im);
	phasor(ms, 1, RATE / 4, frames, hz, &re, &im);
	*so = hypot(re, im);
	free(buf);
	free(ms);
}

static void test_width_mono_bass(void **state)
{
	(void)state;
	const char *names[] = { "width", "mono_below_hz" };
	double values[] = { 1.5, 150 };
	double mo, so;
	struct fx_insert *fx = make("width", names, values, 2);
	width_ms(fx, 40, 0.3, 0.3, &mo, &so);
	printf("width 1.5, mono below 150 Hz: at 40 Hz side %.1f dB, mid %+.4f dB\n",
		db(so / 0.3), db(mo / 0.3));
	assert_true(db(so / 0.3) < -30.0);
	assert_true(fabs(db(mo / 0.3)) < 0.01);
	fx_insert_destroy(fx);
	fx = make("width", names, values, 2);
	width_ms(fx, 3000, 0.3, 0.2, &mo, &so);
	printf("  at 3 kHz side x%.4f (want 1.5), mid %+.4f dB\n", so / 0.2, db(mo / 0.3));
	assert_true(fabs(so / 0.2 - 1.5) < 0.01);
	assert_true(fabs(db(mo / 0.3)) < 0.01);
	fx_insert_destroy(fx);
	/* the mono sum stays flat across the crossover */
	double worst = 0.0;
	for (int i = 0; i < 31; i++) {
		double hz = log_freq(i, 31);
		fx = make("width", names, values, 2);
		width_ms(fx, hz, 0.3, 0.1, &mo, &so);
		if (fabs(db(mo / 0.3)) > worst)
			worst = fabs(db(mo / 0.3));
		fx_insert_destroy(fx);
	}
	printf("  mid (mono sum) 20 Hz-20 kHz: max |deviation| %.5f dB\n", worst);
	assert_true(worst < 0.01);
}

/* ---- limiter ---- */

static double true_peak_dbtp(const float *buf, int64_t frames)
{
	struct loudness *l;
	assert_int_equal(loudness_create(&l, RATE, 2), ERR_OK);
	assert_int_equal(loudness_add(l, buf, (long)frames), ERR_OK);
	struct loudness_result r;
	assert_int_equal(loudness_result(l, &r), ERR_OK);
	loudness_destroy(l);
	return r.true_peak_dbtp;
}

struct rng {
	uint64_t s;
};

static double uniform(struct rng *r)
{
	r->s = r->s * 6364136223846793005ull + 1442695040888963407ull;
	return (double)(r->s >> 11) / 9007199254740992.0;
}

enum material { MAT_SQUARE, MAT_ISP, MAT_NYQUIST, MAT_CLIPPED_NOISE, MAT_TRANSIENTS,
	MAT_COUNT };
static const char *const material_names[MAT_COUNT] = { "full-scale squares",
	"fs/4 inter-sample peaks", "sines near Nyquist", "clipped noise", "sudden transients" };

/* Hard material, kind k, variant v: everything reaches 0 dBFS sample peak or more. */
static float *material(enum material k, int v, int64_t frames)
{
	float *buf = xcalloc((size_t)frames * 2, sizeof(float));
	struct rng r = { 12345u + (uint64_t)v * 7919u + (uint64_t)k * 104729u };
	for (int64_t i = 0; i < frames; i++) {
		double t = (double)i / RATE, x0 = 0, x1 = 0;
		switch (k) {
		case MAT_SQUARE: {
			double hz = 997.0 * (1 + v) + 313.0 * v * v;
			x0 = sin(2 * M_PI * hz * t) >= 0 ? 1.0 : -1.0;
			x1 = sin(2 * M_PI * hz * 1.37 * t + 1.0) >= 0 ? 1.0 : -1.0;
			break;
		}
		case MAT_ISP: {
			/* a sine at fs/4 sampled 45 degrees off its peaks: samples at +-1, true
			 * peak +3.01 dBTP; then the same at fs/6 and fs/8 offsets */
			double f = RATE / (4.0 + 2.0 * (v % 3));
			double amp = 1.0 / sin(M_PI / (4.0 + 2.0 * (v % 3)));
			x0 = fmin(1.0, fmax(-1.0, amp * sin(2 * M_PI * f * t + M_PI / (4.0 + 2.0 * (v % 3)))));
			x1 = x0 * (v & 1 ? -1 : 1);
			break;
		}
		case MAT_NYQUIST: {
			double hz = 19000.0 + 1000.0 * v + 137.0 * (v % 2);
			x0 = sin(2 * M_PI * hz * t + 0.3 * v);
			x1 = sin(2 * M_PI * (hz + 500.0) * t);
			break;
		}
		case MAT_CLIPPED_NOISE: {
			double g = 2.0 + v;
			x0 = fmin(1.0, fmax(-1.0, g * (uniform(&r) * 2 - 1)));
			x1 = fmin(1.0, fmax(-1.0, g * (uniform(&r) * 2 - 1)));
			break;
		}
		default: {
			/* quiet, then a full-scale burst, a click and a step, at sample-odd times */
			int64_t burst = RATE / 4 + 37 * v;
			if (i < burst)
				x0 = 0.01 * sin(2 * M_PI * 440 * t);
			else if (i < burst + 200)
				x0 = (i - burst) % 2 ? 1.0 : -1.0;
			else if (i == burst + 4000 || i == burst + 4001)
				x0 = i % 2 ? 1.0 : -1.0;
			else if (i > burst + 8000)
				x0 = sin(2 * M_PI * 5000 * t + v);
			x1 = -x0;
			break;
		}
		}
		buf[i * 2] = (float)x0;
		buf[i * 2 + 1] = (float)x1;
	}
	return buf;
}

static void test_limiter_true_peak(void **state)
{
	(void)state;
	const int64_t frames = RATE / 2;
	const double ceilings[] = { -1.0, -0.1, -6.0 };
	const double drives[] = { 0.0, 12.0 };
	double worst = -INFINITY;
	for (int k = 0; k < MAT_COUNT; k++) {
		double worst_k = -INFINITY, in_k = -INFINITY;
		for (int v = 0; v < 4; v++)
			for (size_t c = 0; c < 3; c++)
				for (size_t d = 0; d < 2; d++) {
					const char *names[] = { "ceiling_dbtp", "input_db", "release_ms" };
					double values[] = { ceilings[c], drives[d], 20.0 + 80.0 * v };
					struct fx_insert *fx = make("limiter", names, values, 3);
					float *buf = material((enum material)k, v, frames);
					double in_tp = true_peak_dbtp(buf, frames) + drives[d];
					run(fx, buf, frames);
					double over = true_peak_dbtp(buf, frames) - ceilings[c];
					if (over > worst_k)
						worst_k = over;
					if (in_tp > in_k)
						in_k = in_tp;
					assert_true(over <= 0.0);
					free(buf);
					fx_insert_destroy(fx);
				}
		printf("limiter, %-24s (in up to %+.2f dBTP): worst true peak %+.3f dB from the "
			"ceiling\n", material_names[k], in_k, worst_k);
		if (worst_k > worst)
			worst = worst_k;
	}
	/* and random material: noise bursts, sines near Nyquist, impulses, mixed */
	struct rng r = { 99 };
	const int64_t short_frames = RATE / 8;
	for (int n = 0; n < 1000; n++) {
		const char *names[] = { "ceiling_dbtp", "input_db", "release_ms" };
		double ceiling = -3.0 * uniform(&r);
		double values[] = { ceiling, 24.0 * uniform(&r), 1.0 + 300.0 * uniform(&r) };
		struct fx_insert *fx = make("limiter", names, values, 3);
		float *buf = xcalloc((size_t)short_frames * 2, sizeof(float));
		double hz = 15000.0 + 9000.0 * uniform(&r), ph = 6.3 * uniform(&r);
		int kind = n % 3;
		for (int64_t i = 0; i < short_frames; i++) {
			double x;
			if (kind == 0)
				x = (i / 300) % 2 ? (uniform(&r) * 2 - 1) : 0.0;
			else if (kind == 1)
				x = sin(2 * M_PI * hz * (double)i / RATE + ph);
			else
				x = uniform(&r) < 0.01 ? (uniform(&r) < 0.5 ? -1.0 : 1.0) : 0.0;
			buf[i * 2] = (float)x;
			buf[i * 2 + 1] = (float)(uniform(&r) < 0.5 ? x : -x);
		}
		run(fx, buf, short_frames);
		double over = true_peak_dbtp(buf, short_frames) - ceiling;
		if (over > worst)
			worst = over;
		assert_true(over <= 0.0);
		free(buf);
		fx_insert_destroy(fx);
	}
	printf("limiter: worst true peak over all material and 1000 random signals: %+.3f dB "
		"from the ceiling\n", worst);
	assert_true(worst <= 0.0);
}

static void test_limiter_release(void **state)
{
	(void)state;
	const double release_ms[] = { 50.0, 200.0 };
	for (int k = 0; k < 2; k++) {
		const char *names[] = { "ceiling_dbtp", "release_ms" };
		double values[] = { -6.0, release_ms[k] };
		struct fx_insert *fx = make("limiter", names, values, 2);
		const int lat = fx_chain_latency(&(struct fx_chain){ 1, { fx } });
		const int64_t drop = RATE / 4, frames = drop + RATE * 2;
		float *in = xmalloc(sizeof(float) * 2 * (size_t)frames);
		for (int64_t i = 0; i < frames; i++)
			in[i * 2] = in[i * 2 + 1] = i < drop ? 0.9f : 0.1f;
		float *buf = xmalloc(sizeof(float) * 2 * (size_t)frames);
		memcpy(buf, in, sizeof(float) * 2 * (size_t)frames);
		run(fx, buf, frames);
		/* gain reduction applied to each input sample (output lags by lat) */
		int64_t t0 = drop + RATE / 100 + lat; /* 10 ms after the drop: past hold and ramp */
		double gr0 = -db(buf[t0 * 2] / in[(t0 - lat) * 2]);
		int64_t t1 = t0;
		while (t1 < frames && -db(buf[t1 * 2] / in[(t1 - lat) * 2]) > gr0 / M_E)
			t1++;
		double tau_ms = (double)(t1 - t0) * 1000.0 / RATE;
		printf("limiter release %.0f ms: gain reduction %.2f dB fell to 1/e in %.2f ms\n",
			release_ms[k], gr0, tau_ms);
		assert_true(gr0 > 0.5);
		assert_true(fabs(tau_ms - release_ms[k]) < 0.1 * release_ms[k]);
		free(in);
		free(buf);
		fx_insert_destroy(fx);
	}
}

/* The impulse comes out after exactly the reported latency, bypassed or not, and a
 * bypass switched while a signal plays keeps it on the same timeline. */
static void test_limiter_latency(void **state)
{
	(void)state;
	for (int bypass = 0; bypass < 2; bypass++) {
		const struct fx_class *cls = fx_class_find("limiter");
		double p[FX_MAX_PARAMS];
		fx_param_defaults(cls, p);
		struct fx_insert *fx = fx_insert_create(cls, RATE, p, bypass);
		struct fx_chain chain = { 1, { fx } };
		int lat = fx_chain_latency(&chain);
		const int64_t frames = 4096;
		float *buf = xcalloc((size_t)frames * 2, sizeof(float));
		buf[100 * 2] = buf[100 * 2 + 1] = 0.5f;
		run(fx, buf, frames);
		int64_t at = -1;
		for (int64_t i = 0; i < frames; i++)
			if (buf[i * 2] != 0.0f) {
				assert_int_equal(at, -1);
				at = i;
			}
		printf("limiter latency%s: reported %d frames (%.3f ms), impulse moved by %lld\n",
			bypass ? " (bypassed)" : "", lat, lat * 1000.0 / RATE, (long long)(at - 100));
		assert_int_equal(at - 100, lat);
		assert_true(buf[at * 2] == 0.5f);
		free(buf);
		fx_insert_destroy(fx);
	}
	/* bypass toggled mid-signal: a sine below the ceiling leaves as itself, delayed */
	const struct fx_class *cls = fx_class_find("limiter");
	double p[FX_MAX_PARAMS];
	fx_param_defaults(cls, p);
	struct fx_insert *fx = fx_insert_create(cls, RATE, p, false);
	int lat = fx->latency;
	const int64_t frames = RATE;
	float *buf = xmalloc(sizeof(float) * 2 * (size_t)frames);
	for (int64_t i = 0; i < frames; i++)
		buf[i * 2] = buf[i * 2 + 1] = (float)(0.5 * sin(2 * M_PI * 1234.5 * i / RATE));
	for (int64_t pos = 0; pos < frames; pos += 480) {
		if (pos % 4800 == 0)
			fx_insert_set_bypass_rt(fx, (pos / 4800) % 2 == 1);
		fx_insert_process_rt(fx, buf + pos * 2, 480);
	}
	double worst = 0.0;
	for (int64_t i = lat; i < frames; i++) {
		double want = 0.5 * sin(2 * M_PI * 1234.5 * (i - lat) / RATE);
		if (fabs(buf[i * 2] - want) > worst)
			worst = fabs(buf[i * 2] - want);
	}
	printf("limiter bypass toggled 10 times: max error against the delayed input %.2g\n",
		worst);
	assert_true(worst < 1e-6);
	free(buf);
	fx_insert_destroy(fx);
}

/* ---- renders: latency compensation and dither ---- */

static double gen_click(int64_t i, int ch, void *arg)
{
	(void)ch;
	(void)arg;
	if (i == 24000)
		return 0.5;
	return 0.05 * sin(2.0 * M_PI * 440.0 * (double)i / RATE);
}

/* A project playing one second of gen from in.wav, with these master inserts. */
static struct project *click_project(const char *dir, const char *master_inserts,
	double (*gen)(int64_t i, int ch, void *arg))
{
	char *wav = xasprintf("%s/in.wav", dir);
	tu_write_wav(wav, RATE, 2, RATE, gen, NULL);
	free(wav);
	char *path = xasprintf("%s/project.json", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "{\"format\":\"ttymix-project\",\"version\":1,\"sample_rate\":%d,"
		"\"master\":{\"gain_db\":0,\"inserts\":[%s]},"
		"\"tracks\":[{\"name\":\"t\",\"clips\":[{\"file\":\"in.wav\",\"start\":0}]}]}",
		RATE, master_inserts);
	fclose(f);
	free(path);
	struct diag d;
	diag_init(&d);
	struct project *p = NULL;
	assert_int_equal(project_load(dir, &p, &d), ERR_OK);
	diag_deinit(&d);
	return p;
}

static void test_render_aligned(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *plain = click_project(dir, "", gen_click);
	struct project *limited = click_project(dir, "{\"type\":\"limiter\",\"params\":"
		"{\"ceiling_dbtp\":-1}},{\"type\":\"limiter\",\"bypass\":true}", gen_click);
	int64_t na, nb;
	float *a = tu_render(plain, 0, 0, 1024, &na);
	float *b = tu_render(limited, 0, 0, 333, &nb);
	assert_int_equal(na, nb);
	double worst = 0.0;
	for (int64_t i = 0; i < na * 2; i++)
		if (fabs(a[i] - b[i]) > worst)
			worst = fabs(a[i] - b[i]);
	int64_t click = -1;
	for (int64_t i = 0; i < nb; i++)
		if (b[i * 2] > 0.4f)
			click = i;
	printf("render with two limiters on the master: %lld frames, click at %lld (want 24000), "
		"max difference from the plain render %.2g\n", (long long)nb, (long long)click,
		worst);
	assert_int_equal(click, 24000);
	assert_true(worst < 1e-6);
	free(a);
	free(b);
	project_free(plain);
	project_free(limited);
	tu_rmtree(dir);
	free(dir);
}

static float *read_file(const char *path, int64_t *frames)
{
	struct media_reader *r;
	struct err_msg msg;
	assert_int_equal(media_reader_open(&r, path, RATE, &msg), ERR_OK);
	*frames = media_reader_frames(r);
	float *buf = xmalloc(sizeof(float) * 2 * (size_t)*frames);
	assert_int_equal(media_reader_read(r, 0, buf, (int)*frames, &msg), ERR_OK);
	media_reader_close(r);
	return buf;
}

static double gen_quiet(int64_t i, int ch, void *arg)
{
	(void)ch;
	(void)arg;
	/* silence, then a sine 60 dB down */
	return i < RATE / 4 ? 0.0 : 0.001 * sin(2.0 * M_PI * 1000.0 * (double)i / RATE);
}

/* Render the quiet file to out with the given word length and dither request. */
static float *render_as(const char *dir, enum media_sample sample, bool dither_set,
	enum dither_kind dither, int64_t *frames)
{
	struct project *p = click_project(dir, "", gen_quiet);
	struct diag d;
	diag_init(&d);
	struct graph *g;
	assert_int_equal(graph_build(p, true, &g, &d), ERR_OK);
	diag_deinit(&d);
	struct render_file_opts o;
	render_file_opts_init(&o);
	o.sample = sample;
	o.dither = dither;
	o.dither_set = dither_set;
	o.start_frame = 0;
	o.end_frame = RATE / 2;
	char *out = xasprintf("%s/out.wav", dir);
	struct err_msg msg;
	assert_int_equal(render_file(g, out, &o, &msg), ERR_OK);
	float *buf = read_file(out, frames);
	free(out);
	project_free(p);
	return buf;
}

static void test_dither_rules(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	int64_t n;
	const int64_t silent = RATE / 4;
	/* float output: never dithered, even when asked: the samples are the mix's */
	float *f = render_as(dir, MEDIA_FLOAT32, true, DITHER_TPDF, &n);
	for (int64_t i = 0; i < n; i++)
		assert_true(f[i * 2] == (float)gen_quiet(i, 0, NULL));
	free(f);
	/* 16-bit, default: TPDF; silence becomes low noise of whole LSBs (at most 1 LSB
	 * away from 0 with 2 LSB peak-to-peak TPDF), and every value is on the 16-bit grid */
	const float lsb16 = 1.0f / 32768.0f;
	f = render_as(dir, MEDIA_PCM16, false, DITHER_NONE, &n);
	int64_t nonzero = 0;
	for (int64_t i = 0; i < n * 2; i++) {
		float k = f[i] / lsb16;
		assert_true(k == rintf(k));
		if (i < silent * 2 && f[i] != 0.0f) {
			nonzero++;
			assert_true(fabsf(k) <= 1.0f);
		}
	}
	printf("16-bit default render: %lld of %lld silent samples dithered\n",
		(long long)nonzero, (long long)silent * 2);
	assert_true(nonzero > silent * 2 / 5 && nonzero < silent * 2 * 3 / 5 / 2);
	free(f);
	/* 16-bit with dither none: silence stays silence */
	f = render_as(dir, MEDIA_PCM16, true, DITHER_NONE, &n);
	for (int64_t i = 0; i < silent * 2; i++)
		assert_true(f[i] == 0.0f);
	free(f);
	/* shaped: the error spectrum is pushed up: less noise power at 3 kHz than TPDF on
	 * the silent part, more near 20 kHz */
	float *t = render_as(dir, MEDIA_PCM16, true, DITHER_TPDF, &n);
	float *s = render_as(dir, MEDIA_PCM16, true, DITHER_SHAPED, &n);
	double lo_t = 0, lo_s = 0, hi_t = 0, hi_s = 0;
	for (int j = 0; j < 20; j++) {
		double hz_lo = 2000 + 100 * j, hz_hi = 18000 + 200 * j, re, im;
		phasor(t, 0, 0, silent, hz_lo, &re, &im), lo_t += re * re + im * im;
		phasor(s, 0, 0, silent, hz_lo, &re, &im), lo_s += re * re + im * im;
		phasor(t, 0, 0, silent, hz_hi, &re, &im), hi_t += re * re + im * im;
		phasor(s, 0, 0, silent, hz_hi, &re, &im), hi_s += re * re + im * im;
	}
	printf("shaped vs TPDF noise: 2-4 kHz %+.1f dB, 18-22 kHz %+.1f dB\n",
		10 * log10(lo_s / lo_t), 10 * log10(hi_s / hi_t));
	assert_true(lo_s < lo_t / 4);
	assert_true(hi_s > hi_t);
	free(t);
	free(s);
	tu_rmtree(dir);
	free(dir);
}

/* ---- every split gives the same samples; silence empties the memory ---- */

static void test_blocks_and_silent_tail(void **state)
{
	(void)state;
	const char *mb_names[] = { "low_ratio", "mid_ratio", "high_ratio", "mid_threshold_db" };
	double mb_values[] = { 4, 8, 2, -40 };
	const char *w_names[] = { "width", "mono_below_hz" };
	double w_values[] = { 1.7, 100 };
	const char *l_names[] = { "input_db", "release_ms" };
	double l_values[] = { 18, 80 };
	const int64_t loud = RATE, frames = RATE * 4;
	for (int c = 0; c < 3; c++) {
		const char *cls = c == 0 ? "multiband" : c == 1 ? "width" : "limiter";
		float *out[3];
		struct fx_insert *fx[3];
		for (int k = 0; k < 3; k++) {
			fx[k] = c == 0 ? make(cls, mb_names, mb_values, 4)
				: c == 1 ? make(cls, w_names, w_values, 2) : make(cls, l_names, l_values, 2);
			out[k] = stereo_noise(frames, 3);
			for (int64_t i = loud * 2; i < frames * 2; i++)
				out[k][i] = 0.0f;
		}
		for (int64_t i = 0; i < frames; i++) /* one frame at a time */
			fx_insert_process_rt(fx[0], out[0] + i * 2, 1);
		for (int64_t pos = 0; pos < frames; pos += 4096)
			fx_insert_process_rt(fx[1], out[1] + pos * 2,
				frames - pos < 4096 ? (int)(frames - pos) : 4096);
		run(fx[2], out[2], frames);
		assert_memory_equal(out[0], out[1], sizeof(float) * 2 * (size_t)frames);
		assert_memory_equal(out[0], out[2], sizeof(float) * 2 * (size_t)frames);
		int64_t last = -1;
		for (int64_t i = 0; i < frames * 2; i++)
			if (out[0][i] != 0.0f)
				last = i / 2;
		bool idle = fx[0]->cls->idle(fx[0]->state);
		printf("%s: blocks of 1, 4096 and uneven give identical output; last non-zero "
			"sample %.3f s after the input stopped; idle after 3 s: %s\n", cls,
			(double)(last - loud) / RATE, idle ? "yes" : "no");
		assert_true(idle);
		for (int k = 0; k < 3; k++) {
			free(out[k]);
			fx_insert_destroy(fx[k]);
		}
	}
}

/* ---- skipping an idle chain on silence (a stem resting) ---- */

/* A stem's copy of each master effect, run on a signal with long silences in blocks of
 * uneven sizes, once as it always ran and once skipping every silent block the chain
 * is idle on (fx_chain_skip_rt, the block then +0): the same samples, bit for bit but
 * for the sign of zero, with a parameter moved in the middle of a silence (its glide
 * must fall on the same frames) and the dynamics following a mix's instance whose
 * gains keep moving while the stem rests. Some blocks must have been skipped. */
static void test_idle_skip(void **state)
{
	(void)state;
	static const int sizes[] = { 4096, 517, 1024, 3000, 64, 4096, 1999, 256 };
	const int64_t frames = RATE * 8;
	struct {
		const char *cls, *names[2];
		double values[2], moved;   /* the first parameter's new value, mid-silence */
	} cases[] = {
		{ "eq", { "band2_db", "hpf_hz" }, { 6, 80 }, -3 },
		{ "width", { "width", "mono_below_hz" }, { 1.7, 100 }, 1.2 },
		{ "multiband", { "mid_ratio", "mid_threshold_db" }, { 8, -30 }, 3 },
		{ "compressor", { "threshold_db", "ratio" }, { -30, 6 }, -20 },
		{ "gate", { "threshold_db", "range_db" }, { -30, -40 }, -35 },
		{ "limiter", { "input_db", "release_ms" }, { 18, 80 }, 12 },
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct fx_insert *mix = make(cases[c].cls, cases[c].names, cases[c].values, 2);
		struct fx_insert *ref = make(cases[c].cls, cases[c].names, cases[c].values, 2);
		struct fx_insert *skip = make(cases[c].cls, cases[c].names, cases[c].values, 2);
		const struct fx_class *cls = mix->cls;
		/* as a render's graph makes them: nobody listens to a render's A/B */
		mix->ab_meter = ref->ab_meter = skip->ab_meter = false;
		struct fx_gains rec = { 0 };
		if (cls->record_gains) {
			rec.per_frame = cls->gains_per_frame;
			rec.mask = ENGINE_MAX_BLOCK - 1;
			rec.g = xcalloc((size_t)ENGINE_MAX_BLOCK * (size_t)rec.per_frame, sizeof *rec.g);
			cls->record_gains(mix->state, &rec);
			cls->follow_gains(ref->state, &rec);
			cls->follow_gains(skip->state, &rec);
		}
		/* the mix: loud noise throughout; the stem: 0.5 s of noise, 3 s of silence,
		 * 1 s of noise, silence to the end */
		float *m = stereo_noise(frames, 7), *a = stereo_noise(frames, 8);
		for (int64_t i = 0; i < frames * 2; i++)
			m[i] *= 1.5f;
		for (int64_t i = 0; i < frames; i++)
			if (!(i < RATE / 2 || (i >= RATE * 7 / 2 && i < RATE * 9 / 2)))
				a[i * 2] = a[i * 2 + 1] = 0.0f;
		float *b = xmalloc(sizeof(float) * 2 * (size_t)frames);
		memcpy(b, a, sizeof(float) * 2 * (size_t)frames);
		struct fx_chain chain = { .n = 1, .slot = { skip } };
		int skipped = 0, blocks = 0;
		bool moved = false;
		const int k_moved = fx_param_find(cls, cases[c].names[0]);
		for (int64_t pos = 0, k = 0; pos < frames; k++) {
			int n = sizes[k % 8];
			if (n > frames - pos)
				n = (int)(frames - pos);
			if (!moved && pos >= RATE * 2) {
				fx_insert_set_param_rt(ref, k_moved, cases[c].moved);
				fx_insert_set_param_rt(skip, k_moved, cases[c].moved);
				moved = true;
			}
			fx_insert_process_rt(mix, m + pos * 2, n);
			fx_insert_process_rt(ref, a + pos * 2, n);
			bool zero = true;
			for (int i = 0; i < n * 2; i++)
				zero &= b[pos * 2 + i] == 0.0f;
			if (zero && fx_chain_idle_rt(&chain)) {
				fx_chain_skip_rt(&chain, n);
				memset(b + pos * 2, 0, sizeof(float) * 2 * (size_t)n);
				skipped++;
			} else {
				fx_chain_process_rt(&chain, b + pos * 2, n);
			}
			blocks++;
			pos += n;
		}
		int64_t differ = 0, first = -1;
		for (int64_t i = 0; i < frames * 2; i++)
			if (a[i] != b[i]) {
				differ++;
				if (first < 0)
					first = i / 2;
			}
		printf("%s: %d of %d blocks skipped, %" PRId64 " samples differ (first at frame %"
			PRId64 ")\n", cases[c].cls, skipped, blocks, differ, first);
		assert_int_equal(differ, 0);
		assert_true(skipped > 0);
		fx_insert_destroy(mix);
		fx_insert_destroy(ref);
		fx_insert_destroy(skip);
		free(rec.g);
		free(m);
		free(a);
		free(b);
	}
}

/* ---- cost ---- */

/* Seconds of stereo 48 kHz each effect processes per second of CPU time: printed, not
 * asserted (tests do not depend on the machine's speed). */
static void test_cost_printout(void **state)
{
	(void)state;
	const char *const classes[] = { "multiband", "width", "limiter" };
	const char *names_mb[] = { "low_ratio", "mid_ratio", "high_ratio", "low_threshold_db",
		"mid_threshold_db", "high_threshold_db" };
	double values_mb[] = { 3, 3, 3, -30, -30, -30 };
	const char *names_w[] = { "width", "mono_below_hz" };
	double values_w[] = { 1.3, 120 };
	const char *names_l[] = { "input_db" };
	double values_l[] = { 12 };
	const int64_t frames = RATE * 4;
	float *noise = stereo_noise(frames, 7);
	for (int c = 0; c < 3; c++) {
		struct fx_insert *fx = c == 0 ? make(classes[c], names_mb, values_mb, 6)
			: c == 1 ? make(classes[c], names_w, values_w, 2)
			: make(classes[c], names_l, values_l, 1);
		float *buf = xmalloc(sizeof(float) * 2 * (size_t)frames);
		memcpy(buf, noise, sizeof(float) * 2 * (size_t)frames);
		clock_t t0 = clock();
		for (int64_t pos = 0; pos < frames; pos += 256)
			fx_insert_process_rt(fx, buf + pos * 2, 256);
		double sec = (double)(clock() - t0) / CLOCKS_PER_SEC;
		printf("cost: %-9s %.2f ms CPU per second of stereo 48 kHz (%.0fx real time)\n",
			classes[c], sec * 1000.0 / 4.0, sec > 0 ? 4.0 / sec : INFINITY);
		free(buf);
		fx_insert_destroy(fx);
	}
	free(noise);
}

/* ---- the render's report: loudness, true peak and clipped samples ---- */

static double gen_hot(int64_t i, int ch, void *arg)
{
	(void)ch;
	(void)arg;
	/* half a second at half scale, then half a second at 1.6 times full scale */
	const double a = i < RATE / 2 ? 0.5 : 1.6;
	return a * sin(2.0 * M_PI * 997.0 * (double)i / RATE);
}

/* Render project p (in dir, with its master inserts) as sample into out.wav, with its
 * report; the file's samples come back in *buf. */
static void render_reported(const char *dir, const char *inserts, enum media_sample sample,
	struct render_file_report *r, float **buf, int64_t *frames)
{
	struct project *p = click_project(dir, inserts, gen_hot);
	struct diag d;
	diag_init(&d);
	struct graph *g;
	assert_int_equal(graph_build(p, true, &g, &d), ERR_OK);
	diag_deinit(&d);
	struct render_file_opts o;
	render_file_opts_init(&o);
	o.sample = sample;
	o.dither = DITHER_NONE;
	o.dither_set = true;
	o.start_frame = 0;
	o.end_frame = RATE;
	o.report = r;
	char *out = xasprintf("%s/out.wav", dir);
	struct err_msg msg;
	assert_int_equal(render_file(g, out, &o, &msg), ERR_OK);
	*buf = read_file(out, frames);
	struct loudness_result lr;
	assert_int_equal(loudness_measure_file(out, &lr, &msg), ERR_OK);
	/* the report measured what the file holds */
	assert_true(fabs(lr.integrated_lufs - r->integrated_lufs) < 0.05);
	assert_true(fabs(lr.true_peak_dbtp - r->true_peak_dbtp) < 0.05);
	assert_int_equal(r->frames, *frames);
	assert_int_equal(r->rate, RATE);
	free(out);
	project_free(p);
}

static void test_render_report(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct render_file_report r;
	float *f, *q;
	int64_t n;
	/* float: every sample beyond +-1.0 counts, and the file still holds it */
	render_reported(dir, "", MEDIA_FLOAT32, &r, &f, &n);
	int64_t over = 0;
	for (int64_t i = 0; i < n * 2; i++)
		over += fabsf(f[i]) > 1.0f;
	printf("float render: %lld samples beyond full scale, reported %lld; %.2f LUFS, "
		"%.2f dBTP\n", (long long)over, (long long)r.clipped, r.integrated_lufs,
		r.true_peak_dbtp);
	assert_true(over > 1000);
	assert_int_equal(r.clipped, over);
	assert_false(r.integer);
	/* 24-bit, no dither: exactly those the quantiser clipped, by the same rounding */
	render_reported(dir, "", MEDIA_PCM24, &r, &q, &n);
	const double scale = 8388608.0;
	int64_t clipped = 0;
	for (int64_t i = 0; i < n * 2; i++) {
		const double code = rint((double)f[i] * scale);
		clipped += code > scale - 1.0 || code < -scale;
	}
	assert_true(r.integer);
	assert_int_equal(r.bits, 24);
	assert_int_equal(r.clipped, clipped);
	char line[512];
	render_file_summary("out.wav", &r, -1.0, false, line, sizeof line);
	printf("%s\n", line);
	assert_non_null(strstr(line, "samples clipped (beyond full scale in 24-bit)"));
	free(f);
	free(q);
	/* a limiter at -1 dBTP at the end of the master: nothing clips, and no warning */
	render_reported(dir, "{\"type\":\"limiter\",\"params\":{\"ceiling_dbtp\":-1}}",
		MEDIA_PCM24, &r, &q, &n);
	assert_int_equal(r.clipped, 0);
	assert_true(r.true_peak_dbtp <= -1.0 + 0.05);
	render_file_summary("out.wav", &r, -1.0, false, line, sizeof line);
	printf("%s\n", line);
	assert_null(strstr(line, "warning"));
	free(q);
	tu_rmtree(dir);
	free(dir);
}

/* The quantiser without dither (four samples at a time) gives what the rule says,
 * bit for bit, and counts the same clipped samples: rintf(x 2^(bits-1) + 0) (ties to
 * even; the zero noise makes -0 +0, a small negative rounds to -0), clipped to the integer range, over 2^(bits-1); on ties at every magnitude, on
 * the edges of the range and beyond it, on -0, on random values, with a tail shorter
 * than a vector. */
static void test_quantise_plain(void **state)
{
	(void)state;
	enum { N = 4099 };
	float *x = xmalloc(sizeof(float) * N), *want = xmalloc(sizeof(float) * N);
	uint64_t rng = 42;
	for (int bits = 16; bits <= 24; bits += 8) {
		const float scale = (float)(1 << (bits - 1));
		int k = 0;
		for (int e = 0; e < 24 && k < N; e++) {   /* ties: m + 0.5, m a power of two */
			const float m = ldexpf(1.0f, e);
			x[k++] = (m + 0.5f) / scale;
			x[k++] = -(m + 0.5f) / scale;
			x[k++] = (m + 1.5f) / scale;
		}
		const float edges[] = { 0.0f, -0.0f, 1.0f, -1.0f, 1.0f - 0.5f / scale,
			-1.0f - 0.5f / scale, -1.0f - 1.0f / scale, -1.0f - 2.0f / scale,
			1.0f + 1.0f / scale, 2.0f, -2.0f, 3.5f, -3.5f, 1e-9f, -1e-9f, 1e30f, -1e30f };
		for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
			x[k++] = edges[i];
		for (; k < N; k++) {
			rng = rng * 6364136223846793005ull + 1442695040888963407ull;
			x[k] = (float)((double)(rng >> 11) / 9007199254740992.0 * 2.6 - 1.3);
		}
		uint64_t clipped = 0;
		for (int i = 0; i < N; i++) {
			float q = rintf(x[i] * scale + 0.0f);   /* + the zero noise */
			if (q > scale - 1.0f) {
				q = scale - 1.0f;
				clipped++;
			} else if (q < -scale) {
				q = -scale;
				clipped++;
			}
			want[i] = q / scale;
		}
		struct dither d;
		dither_init(&d, DITHER_NONE, bits, 1);
		dither_process_rt(&d, x, N);
		for (int i = 0; i < N; i++)
			if (memcmp(&x[i], &want[i], sizeof x[i]))
				fail_msg("%d bits, sample %d: %a, want %a", bits, i, x[i], want[i]);
		assert_int_equal(d.clipped, clipped);
		printf("%d bits: %d samples quantised as the rule says, %llu clipped\n", bits, N,
			(unsigned long long)clipped);
	}
	free(x);
	free(want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quantise_plain),
		cmocka_unit_test(test_multiband_neutral_flat),
		cmocka_unit_test(test_multiband_bands_sum),
		cmocka_unit_test(test_multiband_one_band),
		cmocka_unit_test(test_width_mono_and_identity),
		cmocka_unit_test(test_width_mono_bass),
		cmocka_unit_test(test_limiter_latency),
		cmocka_unit_test(test_limiter_release),
		cmocka_unit_test(test_limiter_true_peak),
		cmocka_unit_test(test_blocks_and_silent_tail),
		cmocka_unit_test(test_render_aligned),
		cmocka_unit_test(test_dither_rules),
		cmocka_unit_test(test_render_report),
		cmocka_unit_test(test_idle_skip),
		cmocka_unit_test(test_cost_printout),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
