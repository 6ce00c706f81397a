/* Inserts (eq, compressor, gate) checked against their analytic references, through
 * the real path: project.json -> project_load -> graph_build -> engine_process_rt, with
 * CMD_FX_PARAM / CMD_FX_BYPASS sent between engine blocks where a test moves things.
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

#include "audio/engine.h"
#include "audio/fx/fx.h"
#include "audio/graph.h"
#include "src/graph_build.h"
#include "src/project.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000

static double db(double x)
{
	return 20.0 * log10(x);
}

/* ---- making and running projects ---- */

static void write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

/* One stereo track playing in.wav from 0, with these inserts (JSON array contents) on
 * the track and on the master. */
static struct project *load_project(const char *dir, const char *track_inserts,
	const char *master_inserts)
{
	char *text = xasprintf("{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":%d,\"master\":{\"gain_db\":0,\"inserts\":[%s]},"
		"\"tracks\":[{\"name\":\"t\",\"clips\":[{\"file\":\"in.wav\",\"start\":0}],"
		"\"inserts\":[%s]}]}", RATE, master_inserts ? master_inserts : "",
		track_inserts ? track_inserts : "");
	write_file(dir, "project.json", text);
	free(text);
	struct diag d;
	diag_init(&d);
	struct project *p = NULL;
	enum err e = project_load(dir, &p, &d);
	for (size_t i = 0; i < d.count; i++)
		fprintf(stderr, "load: %s\n", d.items[i].text);
	diag_deinit(&d);
	assert_int_equal(e, ERR_OK);
	return p;
}

/* Called before every engine block (pos: frames rendered so far) and once at the end
 * (pos == total), with the live graph. */
typedef void (*each_block)(struct engine *e, struct graph *g, int64_t pos, void *arg);

/* Render `frames` frames of p through a fresh engine in blocks of `block` frames, as
 * render_run does, calling each() between blocks. */
static float *run_engine(const struct project *p, int64_t frames, int block, each_block each,
	void *arg)
{
	struct diag d;
	diag_init(&d);
	struct graph *g;
	assert_int_equal(graph_build(p, true, &g, &d), ERR_OK);
	assert_int_equal((int)d.count, 0);
	diag_deinit(&d);
	struct engine *e = engine_create_sized(RATE, 256);
	engine_send_graph(e, g);
	engine_send_simple(e, CMD_LOCATE, 0, 0, false, 0);
	engine_send_simple(e, CMD_PLAY, 0, 0, false, 0);
	float *out = xcalloc((size_t)frames * 2, sizeof(float));
	int64_t pos = 0;
	int stalls = 0;
	while (pos < frames) {
		engine_disk_service(e);
		int n = frames - pos < block ? (int)(frames - pos) : block;
		if (each)
			each(e, g, pos, arg);
		int played = engine_process_rt(e, out + pos * 2, n);
		struct event ev;
		while (engine_poll_event(e, &ev))
			;
		if (played == 0) {
			assert_true(++stalls < 1000);
			continue;
		}
		stalls = 0;
		pos += played;
	}
	if (each)
		each(e, g, pos, arg);
	engine_destroy(e);
	return out;
}

static void send_fx(struct engine *e, enum cmd_type type, int strip, int slot, int param,
	double value, bool on)
{
	struct cmd c = { .type = type, .strip = strip, .slot = slot, .param = param,
		.value = value, .on = on };
	assert_int_equal(engine_send(e, &c), ERR_OK);
}

static double gen_impulse(int64_t i, int ch, void *arg)
{
	(void)ch;
	(void)arg;
	return i == 0 ? 1.0 : 0.0;
}

struct sine {
	double hz, amp;
};

static double gen_sine(int64_t i, int ch, void *arg)
{
	(void)ch;
	const struct sine *s = arg;
	return s->amp * sin(2.0 * M_PI * s->hz * (double)i / RATE);
}

/* ---- EQ ---- */

/* |H| of a cookbook biquad (b0 b1 b2 a0 a1 a2) at angular frequency w, dB. Written out
 * again here from the cookbook, independently of audio/fx/eq.c. */
static double ref_biquad_db(const double c[6], double w)
{
	double complex_re_n = c[0] + c[1] * cos(w) + c[2] * cos(2 * w);
	double complex_im_n = -c[1] * sin(w) - c[2] * sin(2 * w);
	double complex_re_d = c[3] + c[4] * cos(w) + c[5] * cos(2 * w);
	double complex_im_d = -c[4] * sin(w) - c[5] * sin(2 * w);
	return 10.0 * log10((complex_re_n * complex_re_n + complex_im_n * complex_im_n) /
		(complex_re_d * complex_re_d + complex_im_d * complex_im_d));
}

enum ref_kind { REF_PEAK, REF_LOW_SHELF, REF_HIGH_SHELF, REF_HPF, REF_LPF };

/* The reference response: the cookbook for peaking and shelves (S = 1); for high- and
 * low-pass the bilinear-transformed Butterworth of order N with the corner prewarped,
 * |H|^2 = 1 / (1 + (tan(w/2) / tan(w0/2))^(-+2N)), which the cookbook sections with
 * Butterworth Q values realise exactly. */
static double ref_db(enum ref_kind kind, double f0, double gain_db, double q, int order,
	double f)
{
	const double w0 = 2 * M_PI * f0 / RATE, w = 2 * M_PI * f / RATE;
	if (kind == REF_HPF || kind == REF_LPF) {
		double r = tan(w / 2) / tan(w0 / 2);
		if (kind == REF_HPF)
			r = 1.0 / r;
		return -10.0 * log10(1.0 + pow(r, 4.0 * order)); /* order 1: 2nd-order */
	}
	const double A = pow(10, gain_db / 40), cw = cos(w0), sw = sin(w0);
	double c[6];
	if (kind == REF_PEAK) {
		double alpha = sw / (2 * q);
		double k[6] = { 1 + alpha * A, -2 * cw, 1 - alpha * A, 1 + alpha / A, -2 * cw,
			1 - alpha / A };
		memcpy(c, k, sizeof c);
	} else {
		double alpha = sw / 2 * sqrt((A + 1 / A) * (1 / 1.0 - 1) + 2);
		double t = 2 * sqrt(A) * alpha;
		if (kind == REF_LOW_SHELF) {
			double k[6] = { A * ((A + 1) - (A - 1) * cw + t), 2 * A * ((A - 1) - (A + 1) * cw),
				A * ((A + 1) - (A - 1) * cw - t), (A + 1) + (A - 1) * cw + t,
				-2 * ((A - 1) + (A + 1) * cw), (A + 1) + (A - 1) * cw - t };
			memcpy(c, k, sizeof c);
		} else {
			double k[6] = { A * ((A + 1) + (A - 1) * cw + t),
				-2 * A * ((A - 1) + (A + 1) * cw), A * ((A + 1) + (A - 1) * cw - t),
				(A + 1) - (A - 1) * cw + t, 2 * ((A - 1) - (A + 1) * cw),
				(A + 1) - (A - 1) * cw - t };
			memcpy(c, k, sizeof c);
		}
	}
	return ref_biquad_db(c, w);
}

/* |DFT| of the rendered impulse response (left channel) at f, dB. */
static double measured_db(const float *out, int64_t n, double f)
{
	double re = 0, im = 0, w = 2 * M_PI * f / RATE;
	for (int64_t i = 0; i < n; i++) {
		re += out[i * 2] * cos(w * (double)i);
		im -= out[i * 2] * sin(w * (double)i);
	}
	return 10.0 * log10(re * re + im * im);
}

struct eq_case {
	const char *label;
	const char *params;       /* the eq's params object contents */
	enum ref_kind kind;
	double f0, gain_db, q;
	int order;
};

static const struct eq_case eq_cases[] = {
	{ "peaking +9 dB", "\"band2_hz\":1000,\"band2_db\":9,\"band2_q\":2", REF_PEAK, 1000, 9, 2,
	  0 },
	{ "peaking -12 dB", "\"band4_hz\":5000,\"band4_db\":-12,\"band4_q\":0.7", REF_PEAK,
	  5000, -12, 0.7, 0 },
	{ "low shelf +6 dB", "\"low_shelf_hz\":200,\"low_shelf_db\":6", REF_LOW_SHELF, 200, 6,
	  0, 0 },
	{ "high shelf -8 dB", "\"high_shelf_hz\":4000,\"high_shelf_db\":-8", REF_HIGH_SHELF,
	  4000, -8, 0, 0 },
	{ "hpf 12 dB/oct", "\"hpf_hz\":100", REF_HPF, 100, 0, 0, 1 },
	{ "hpf 24 dB/oct", "\"hpf_hz\":100,\"hpf_slope\":24", REF_HPF, 100, 0, 0, 2 },
	{ "lpf 12 dB/oct", "\"lpf_hz\":5000", REF_LPF, 5000, 0, 0, 1 },
	{ "lpf 24 dB/oct", "\"lpf_hz\":5000,\"lpf_slope\":24", REF_LPF, 5000, 0, 0, 2 },
};

#define IR_FRAMES 65536

/* The frequency (between lo and hi) where the measured response crosses -3.0103 dB. */
static double corner_hz(const float *out, double lo, double hi, bool rising)
{
	for (int i = 0; i < 60; i++) {
		double mid = sqrt(lo * hi);
		double m = measured_db(out, IR_FRAMES, mid) + 10.0 * log10(2.0);
		if ((m < 0) == rising)
			lo = mid;
		else
			hi = mid;
	}
	return sqrt(lo * hi);
}

static void test_eq_matches_cookbook(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/in.wav", dir);
	tu_write_wav(wav, RATE, 2, IR_FRAMES, gen_impulse, NULL);
	const double freqs[] = { 31.5, 63, 100, 160, 250, 500, 1000, 2000, 4000, 6300, 10000,
		16000 };
	const int nf = (int)(sizeof freqs / sizeof freqs[0]);
	for (size_t k = 0; k < sizeof eq_cases / sizeof eq_cases[0]; k++) {
		const struct eq_case *ec = &eq_cases[k];
		char *ins = xasprintf("{\"type\":\"eq\",\"params\":{%s}}", ec->params);
		struct project *p = load_project(dir, ins, NULL);
		free(ins);
		int64_t n;
		float *out = tu_render(p, 0, 0, 0, &n);
		assert_int_equal(n, IR_FRAMES);
		double worst = 0, worst_fn = 0;
		for (int i = 0; i < nf; i++) {
			double want = ref_db(ec->kind, ec->f0, ec->gain_db, ec->q, ec->order, freqs[i]);
			double got = measured_db(out, n, freqs[i]);
			double fn = fx_eq_magnitude_db(p->tracks[0].strip.inserts[0].params, RATE, freqs[i]);
			if (fabs(got - want) > worst)
				worst = fabs(got - want);
			if (fabs(fn - want) > worst_fn)
				worst_fn = fabs(fn - want);
			if (fabs(got - want) > 0.1)
				fail_msg("%s at %g Hz: measured %.4f dB, cookbook %.4f dB", ec->label,
					freqs[i], got, want);
		}
		printf("eq %-17s worst error %.5f dB over %d frequencies (response function %.2e "
			"dB)\n", ec->label, worst, nf, worst_fn);
		assert_true(worst_fn < 0.001);
		if (ec->kind == REF_HPF || ec->kind == REF_LPF) {
			double fc = corner_hz(out, ec->f0 / 4, ec->f0 * 4, ec->kind == REF_HPF);
			printf("eq %-17s -3 dB at %.3f Hz (set %.0f Hz, %.3f %%)\n", ec->label, fc, ec->f0,
				100.0 * (fc - ec->f0) / ec->f0);
			assert_true(fabs(fc - ec->f0) / ec->f0 < 0.01);
			/* the slope, an octave apart well into the stop band */
			double f1 = ec->kind == REF_HPF ? ec->f0 / 8 : ec->f0 * 2;
			double f2 = f1 * 2;
			double slope = fabs(measured_db(out, n, f2) - measured_db(out, n, f1)) /
				log2(f2 / f1);
			printf("eq %-17s slope %.2f dB/oct between %.0f and %.0f Hz\n", ec->label, slope,
				f1, f2);
			if (ec->kind == REF_HPF)
				assert_true(fabs(slope - 12.0 * ec->order) < 0.5);
			else
				assert_true(slope > 12.0 * ec->order - 0.5); /* bilinear: steeper near fs/2 */
		}
		free(out);
		project_free(p);
	}
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

/* The same measured as a sine would hear it: a steady 1 kHz tone through a +6 dB band
 * at 1 kHz comes out 6 dB louder, and through the master's eq too. */
static void test_eq_sine_and_master(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/in.wav", dir);
	struct sine s = { 1000, 0.1 };
	tu_write_wav(wav, RATE, 2, RATE / 2, gen_sine, &s);
	const char *band = "{\"type\":\"eq\",\"params\":{\"band1_hz\":1000,\"band1_db\":6}}";
	for (int master = 0; master < 2; master++) {
		struct project *p = load_project(dir, master ? NULL : band, master ? band : NULL);
		int64_t n;
		float *out = tu_render(p, 0, 0, 0, &n);
		double sum = 0;
		for (int64_t i = RATE / 4; i < n; i++)
			sum += (double)out[i * 2 + 1] * out[i * 2 + 1];
		double got = db(sqrt(sum / (double)(n - RATE / 4)) / (0.1 / sqrt(2.0)));
		printf("eq on the %s: 1 kHz sine through +6 dB at 1 kHz: %+.4f dB\n",
			master ? "master" : "track", got);
		assert_true(fabs(got - 6.0) < 0.01);
		free(out);
		project_free(p);
	}
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

/* ---- compressor ---- */

struct levels {
	double seg_sec;
	int n;
	const double *db;
	bool square;   /* |x| constant: ±a alternating every 24 frames */
};

static double gen_levels(int64_t i, int ch, void *arg)
{
	(void)ch;
	const struct levels *l = arg;
	int64_t seg = i / (int64_t)(l->seg_sec * RATE);
	if (seg >= l->n)
		seg = l->n - 1;
	double a = pow(10.0, l->db[seg] / 20.0);
	return l->square && (i / 24) % 2 ? -a : a;
}

static void test_compressor_static_curve(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/in.wav", dir);
	double levels[26];
	for (int k = 0; k < 26; k++)
		levels[k] = -50.0 + 2.0 * k;   /* -50 .. 0 dBFS, through the knee at -25..-15 */
	struct levels l = { 0.25, 26, levels, true };
	tu_write_wav(wav, RATE, 2, (int64_t)(0.25 * 26 * RATE), gen_levels, &l);
	const double T = -20, R = 4, W = 10, makeup = 3;
	char *ins = xasprintf("{\"type\":\"compressor\",\"params\":{\"threshold_db\":%g,"
		"\"ratio\":%g,\"knee_db\":%g,\"attack_ms\":1,\"release_ms\":20,\"makeup_db\":%g}}", T,
		R, W, makeup);
	struct project *p = load_project(dir, ins, NULL);
	free(ins);
	int64_t n;
	float *out = tu_render(p, 0, 0, 0, &n);
	double worst = 0;
	for (int k = 0; k < 26; k++) {
		int64_t end = (int64_t)((k + 1) * 0.25 * RATE);
		double a = pow(10.0, levels[k] / 20.0), gmin = 1e9, gmax = -1e9;
		for (int64_t i = end - RATE / 20; i < end; i++) {
			double g = db(fabs(out[i * 2]) / a);
			gmin = fmin(gmin, g);
			gmax = fmax(gmax, g);
		}
		double want = fx_compressor_curve_db(levels[k], T, R, W) - levels[k] + makeup;
		/* the formula, written out here too (Giannoulis et al. 2012, eq. 4) */
		double x = levels[k], yg;
		if (2 * (x - T) < -W)
			yg = x;
		else if (2 * fabs(x - T) <= W)
			yg = x + (1 / R - 1) * (x - T + W / 2) * (x - T + W / 2) / (2 * W);
		else
			yg = T + (x - T) / R;
		assert_true(fabs(want - (yg - x + makeup)) < 1e-12);
		double err = fmax(fabs(gmin - want), fabs(gmax - want));
		if (err > worst)
			worst = err;
		if (err > 0.2)
			fail_msg("input %g dBFS: gain %.4f..%.4f dB, curve says %.4f dB", levels[k], gmin,
				gmax, want);
	}
	printf("compressor static curve: worst error %.5f dB over 26 levels (-50..0 dBFS)\n",
		worst);
	free(out);
	project_free(p);
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

/* A step from below the threshold to 0 dBFS and back: the gain reduction moves
 * exponentially, 63.2 % of the way in attack_ms going up and in release_ms coming
 * down. */
static void test_compressor_time_constants(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/in.wav", dir);
	const double lv[] = { -40, 0, -40 };
	struct levels l = { 0.5, 3, lv, false };
	tu_write_wav(wav, RATE, 2, (int64_t)(1.5 * RATE), gen_levels, &l);
	const double times[][2] = { { 10, 100 }, { 2, 300 }, { 50, 40 } };
	for (size_t k = 0; k < sizeof times / sizeof times[0]; k++) {
		char *ins = xasprintf("{\"type\":\"compressor\",\"params\":{\"threshold_db\":-20,"
			"\"ratio\":4,\"knee_db\":0,\"attack_ms\":%g,\"release_ms\":%g}}", times[k][0],
			times[k][1]);
		struct project *p = load_project(dir, ins, NULL);
		free(ins);
		int64_t n;
		float *out = tu_render(p, 0, 0, 0, &n);
		const double full = 15.0; /* (0 - -20) * (1 - 1/4) */
		int64_t up = RATE / 2, down = RATE, t_att = -1, t_rel = -1;
		for (int64_t i = up; i < down && t_att < 0; i++)
			if (-db(fabs(out[i * 2]) / 1.0) >= full * (1 - exp(-1.0)))
				t_att = i - up;
		double a = pow(10.0, -40 / 20.0);
		for (int64_t i = down; i < n && t_rel < 0; i++)
			if (-db(fabs(out[i * 2]) / a) <= full * exp(-1.0))
				t_rel = i - down;
		double att_ms = 1000.0 * (double)t_att / RATE, rel_ms = 1000.0 * (double)t_rel / RATE;
		printf("compressor attack %g ms: measured %.3f ms; release %g ms: measured %.3f ms\n",
			times[k][0], att_ms, times[k][1], rel_ms);
		assert_true(t_att > 0 && fabs(att_ms - times[k][0]) / times[k][0] < 0.1);
		assert_true(t_rel > 0 && fabs(rel_ms - times[k][1]) / times[k][1] < 0.1);
		free(out);
		project_free(p);
	}
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

/* ---- moving parameters: no steps, no clicks ---- */

/* The largest |y[n] - y[n-1]| of the left channel, relative to what a sine of the
 * largest amplitude seen could do (2 A sin(pi f / fs)): about 1 for a clean signal,
 * far above it when the output steps. */
static double step_ratio(const float *out, int64_t n, double hz)
{
	double peak = 0, dmax = 0;
	for (int64_t i = 1; i < n; i++) {
		peak = fmax(peak, fabs(out[i * 2]));
		dmax = fmax(dmax, fabs((double)out[i * 2] - out[(i - 1) * 2]));
	}
	return dmax / (2 * peak * sin(M_PI * hz / RATE));
}

struct sweep {
	int slot, param;
	double lo, hi;
	int64_t every;     /* frames between jumps */
	bool bypass;       /* toggle bypass instead */
	int sent;
};

static void sweep_each(struct engine *e, struct graph *g, int64_t pos, void *arg)
{
	(void)g;
	struct sweep *s = arg;
	int64_t k = pos / s->every;
	if (k >= s->sent) {
		s->sent = (int)k + 1;
		if (s->bypass)
			send_fx(e, CMD_FX_BYPASS, 0, s->slot, 0, 0, k % 2 == 1);
		else
			send_fx(e, CMD_FX_PARAM, 0, s->slot, s->param, k % 2 ? s->hi : s->lo, false);
	}
}

static void test_sweeps_are_smooth(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/in.wav", dir);
	/* 211 Hz: the jumps (every 20 or 50 ms) land at ever different phases */
	struct sine s = { 211, 0.05 };
	tu_write_wav(wav, RATE, 2, RATE, gen_sine, &s);
	struct project *p = load_project(dir,
		"{\"type\":\"eq\",\"params\":{\"band1_hz\":211,\"band1_db\":12,\"hpf_hz\":20}},"
		"{\"type\":\"compressor\",\"params\":{\"threshold_db\":-60,\"ratio\":1}}", NULL);
	const int band1_db = fx_param_find(&fx_eq, "band1_db");
	const int band1_hz = fx_param_find(&fx_eq, "band1_hz");
	const int hpf_hz = fx_param_find(&fx_eq, "hpf_hz");
	const int hpf_slope = fx_param_find(&fx_eq, "hpf_slope");
	const int lpf_hz = fx_param_find(&fx_eq, "lpf_hz");
	const int makeup = fx_param_find(&fx_compressor, "makeup_db");
	struct {
		const char *label;
		struct sweep sw;
		double limit;
	} cases[] = {
		/* full-range jumps every 20 ms, in 64-frame engine blocks */
		{ "eq band gain -24 <-> +24 dB", { 0, band1_db, -24, 24, 960, false, 0 }, 1.15 },
		{ "eq band freq 50 <-> 5000 Hz", { 0, band1_hz, 50, 5000, 960, false, 0 }, 1.15 },
		{ "eq hpf 20 <-> 5000 Hz", { 0, hpf_hz, 20, 5000, 960, false, 0 }, 1.15 },
		{ "eq lpf off <-> 300 Hz", { 0, lpf_hz, 0, 300, 960, false, 0 }, 1.15 },
		{ "eq hpf slope 12 <-> 24", { 0, hpf_slope, 12, 24, 960, false, 0 }, 1.15 },
		{ "compressor makeup 0 <-> 24 dB", { 1, makeup, 0, 24, 960, false, 0 }, 1.15 },
		{ "eq bypass on/off", { 0, 0, 0, 0, 2400, true, 0 }, 1.15 },
		{ "compressor bypass on/off", { 1, 0, 0, 0, 2400, true, 0 }, 1.15 },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		float *out = run_engine(p, RATE, 64, sweep_each, &cases[k].sw);
		double r = step_ratio(out, RATE, s.hz);
		printf("%-32s max step %.3f x a clean sine's\n", cases[k].label, r);
		assert_true(r < cases[k].limit);
		free(out);
	}
	project_free(p);
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

/* ---- a rebuilt graph carries on where the old one was ---- */

struct swap {
	const struct project *p;
	int64_t at;
	bool sent;
};

static void swap_each(struct engine *e, struct graph *g, int64_t pos, void *arg)
{
	(void)g;
	struct swap *s = arg;
	if (!s->sent && pos >= s->at) {
		struct diag d;
		diag_init(&d);
		struct graph *n;
		assert_int_equal(graph_build(s->p, true, &n, &d), ERR_OK);
		diag_deinit(&d);
		assert_int_equal(engine_send_graph(e, n), ERR_OK);
		s->sent = true;
	}
}

static void test_swap_carries_state(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/in.wav", dir);
	struct sine s = { 211, 0.5 };
	tu_write_wav(wav, RATE, 2, RATE, gen_sine, &s);
	struct project *p = load_project(dir,
		"{\"type\":\"eq\",\"params\":{\"hpf_hz\":150,\"hpf_slope\":24,\"band1_hz\":211,"
		"\"band1_db\":6,\"band1_q\":4}},{\"type\":\"compressor\",\"params\":{"
		"\"threshold_db\":-30,\"release_ms\":500}},{\"type\":\"gate\"}",
		"{\"type\":\"compressor\",\"params\":{\"threshold_db\":-20,\"attack_ms\":300}}");
	float *plain = run_engine(p, RATE, 256, NULL, NULL);
	struct swap sw = { p, RATE / 4 + 77, false };
	float *swapped = run_engine(p, RATE, 256, swap_each, &sw);
	double worst = 0;
	for (int64_t i = 0; i < RATE * 2; i++)
		worst = fmax(worst, fabs((double)plain[i] - swapped[i]));
	printf("graph swap mid-signal: largest difference from no swap %g\n", worst);
	assert_true(worst == 0.0);
	free(plain);
	free(swapped);
	project_free(p);
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

/* ---- silence after signal: states end at exactly zero ---- */

static double gen_burst(int64_t i, int ch, void *arg)
{
	(void)arg;
	if (i >= RATE / 2)
		return 0.0;
	uint64_t x = (uint64_t)i * 0x9E3779B97F4A7C15ull + (uint64_t)ch * 977;
	x ^= x >> 29;
	x *= 0xBF58476D1CE4E5B9ull;
	x ^= x >> 32;
	return ((double)(x & 0xFFFFFF) / 16777216.0 - 0.5) * 1.8;
}

struct tail {
	int64_t idle_at[FX_MAX_INSERTS + 1];
};

static bool insert_idle(const struct fx_insert *fx)
{
	return fx->cls->idle && fx->cls->idle(fx->state);
}

static void tail_each(struct engine *e, struct graph *g, int64_t pos, void *arg)
{
	(void)e;
	struct tail *t = arg;
	struct fx_chain *chains[2] = { &g->tracks[0].mix.inserts, &g->master_inserts };
	int k = 0;
	for (int c = 0; c < 2; c++)
		for (int i = 0; i < chains[c]->n; i++, k++) {
			bool idle = insert_idle(chains[c]->slot[i]);
			if (!idle)
				t->idle_at[k] = -1;
			else if (t->idle_at[k] < 0 && pos > RATE / 2)
				t->idle_at[k] = pos;
		}
}

static void test_silent_tail_flushes(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/in.wav", dir);
	tu_write_wav(wav, RATE, 2, 3 * RATE, gen_burst, NULL);
	struct project *p = load_project(dir,
		"{\"type\":\"eq\",\"params\":{\"hpf_hz\":20,\"hpf_slope\":24,\"lpf_hz\":18000,"
		"\"low_shelf_db\":6,\"high_shelf_db\":-4,\"band1_db\":6,\"band2_db\":-6,"
		"\"band3_db\":3,\"band3_q\":8,\"band4_db\":-9}},"
		"{\"type\":\"compressor\",\"params\":{\"threshold_db\":-30,\"release_ms\":100,"
		"\"sidechain_hpf_hz\":80}}",
		"{\"type\":\"eq\",\"params\":{\"hpf_hz\":10}},{\"type\":\"gate\"}");
	struct tail t;
	for (int k = 0; k <= FX_MAX_INSERTS; k++)
		t.idle_at[k] = -1;
	float *out = run_engine(p, 3 * RATE, 256, tail_each, &t);
	int subnormal = 0, nonzero_tail = 0;
	for (int64_t i = 0; i < 3 * RATE * 2; i++) {
		if (fpclassify(out[i]) == FP_SUBNORMAL)
			subnormal++;
		if (i >= (int64_t)(2.5 * RATE) * 2 && out[i] != 0.0f)
			nonzero_tail++;
	}
	const char *names[] = { "track eq", "track compressor", "master eq", "master gate" };
	for (int k = 0; k < 4; k++) {
		printf("%-17s all state exactly 0 after %.3f s of silence\n", names[k],
			t.idle_at[k] < 0 ? -1.0 : (double)(t.idle_at[k] - RATE / 2) / RATE);
		assert_true(t.idle_at[k] > 0 && t.idle_at[k] < (int64_t)(2.5 * RATE));
	}
	printf("subnormal output samples: %d; non-zero samples in the last 0.5 s: %d\n",
		subnormal, nonzero_tail);
	assert_int_equal(subnormal, 0);
	assert_int_equal(nonzero_tail, 0);
	free(out);
	project_free(p);
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

/* Playback and render split the signal differently (period vs render block): the same
 * project must give the same samples however it is split. */
static void test_block_size_independent(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/in.wav", dir);
	tu_write_wav(wav, RATE, 2, RATE * 3 / 2, gen_burst, NULL);
	struct project *p = load_project(dir,
		"{\"type\":\"eq\",\"params\":{\"hpf_hz\":40,\"hpf_slope\":24,\"band2_db\":5}},"
		"{\"type\":\"compressor\",\"params\":{\"threshold_db\":-30,\"sidechain_hpf_hz\":90,"
		"\"stereo_link\":0.5}},{\"type\":\"gate\",\"params\":{\"threshold_db\":-60}}",
		"{\"type\":\"compressor\",\"params\":{\"threshold_db\":-12}}");
	int64_t n0, n;
	float *ref = tu_render(p, 0, 0, 1024, &n0);
	const int blocks[] = { 64, 61, 997, 8192 };
	for (size_t k = 0; k < sizeof blocks / sizeof blocks[0]; k++) {
		float *out = tu_render(p, 0, 0, blocks[k], &n);
		assert_int_equal(n, n0);
		assert_memory_equal(out, ref, sizeof(float) * 2 * (size_t)n);
		free(out);
	}
	printf("blocks of 1024, 64, 61, 997 and 8192 frames: identical output\n");
	free(ref);
	project_free(p);
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

/* A quiet stretch (-40 dBFS), then a loud one (-6 dBFS) from frame 8013 of every 9600,
 * 13 frames into a 32-frame sub-block of the compressor. */
static double gen_quiet_loud(int64_t i, int ch, void *arg)
{
	(void)arg;
	double a = i % 9600 < 8013 ? 0.01 : 0.5;
	return a * sin(2.0 * M_PI * 440.0 * (double)i / RATE + ch);
}

/* Under the knee the compressor passes the signal exactly, also in the frames that
 * share a sub-block with the first loud ones (the gain there is 1, not the polynomial
 * 2^0 = 1 - 1.2e-7), so engine blocks of one frame, which see each frame alone, give
 * the samples that blocks of 1024 do; linked and unlinked. */
static void test_compressor_transparent_below_knee(void **state)
{
	(void)state;
	const int frames = 3 * 9600;
	for (int link = 1; link >= 0; link--) {
		char *dir = tu_tempdir();
		char *wav = xasprintf("%s/in.wav", dir);
		tu_write_wav(wav, RATE, 2, frames, gen_quiet_loud, NULL);
		char *ins = xasprintf("{\"type\":\"compressor\",\"params\":{\"threshold_db\":-20,"
			"\"ratio\":4,\"knee_db\":6,\"attack_ms\":1,\"release_ms\":10,"
			"\"stereo_link\":%d}}", link);
		struct project *p = load_project(dir, ins, NULL);
		struct project *dry = load_project(dir, NULL, NULL);
		int64_t n, n1, nd;
		float *ref = tu_render(p, 0, 0, 1024, &n);
		float *one = tu_render(p, 0, 0, 1, &n1);
		float *clean = tu_render(dry, 0, 0, 1024, &nd);
		assert_int_equal(n, frames);
		assert_int_equal(n1, n);
		assert_int_equal(nd, n);
		assert_memory_equal(one, ref, sizeof(float) * 2 * (size_t)n);
		int same = 0, reduced = 0;
		for (int k = 0; k < 3; k++) {
			for (int i = k * 9600 + 8000; i < k * 9600 + 8013; i++)
				for (int ch = 0; ch < 2; ch++)
					same += ref[i * 2 + ch] == clean[i * 2 + ch];
			int i = k * 9600 + 9500; /* deep in the loud stretch: well reduced */
			reduced += fabsf(ref[i * 2]) < 0.7f * fabsf(clean[i * 2]) ||
				fabsf(clean[i * 2]) < 0.1f;
		}
		printf("compressor, stereo_link %d: 78 quiet frames before loud ones in their "
			"sub-block: %d samples untouched of 78; blocks of 1 and 1024 identical\n",
			link, same);
		assert_int_equal(same, 78);
		assert_int_equal(reduced, 3);
		free(ref);
		free(one);
		free(clean);
		project_free(p);
		project_free(dry);
		free(ins);
		free(wav);
		tu_rmtree(dir);
		free(dir);
	}
}

/* A NaN in the input is that sample's own business: it does not reach the detector,
 * so the frames after it are compressed as they would be without it. */
static void test_compressor_nan_sample(void **state)
{
	(void)state;
	const int n = 4800;
	float *a = malloc(sizeof(float) * 2 * (size_t)n), *b = malloc(sizeof(float) * 2 * (size_t)n);
	assert_non_null(a);
	assert_non_null(b);
	for (int i = 0; i < n; i++)
		for (int ch = 0; ch < 2; ch++)
			a[i * 2 + ch] = b[i * 2 + ch] =
				(float)(0.5 * sin(2.0 * M_PI * 440.0 * i / RATE + ch));
	b[1000 * 2] = NAN;
	b[1003 * 2 + 1] = NAN;
	double p[FX_MAX_PARAMS];
	fx_param_defaults(&fx_compressor, p);
	for (int link = 0; link <= 1; link++) {
		p[fx_param_find(&fx_compressor, "stereo_link")] = link;
		float *buf[2] = { a, b };
		float *out[2];
		for (int k = 0; k < 2; k++) {
			out[k] = malloc(sizeof(float) * 2 * (size_t)n);
			assert_non_null(out[k]);
			memcpy(out[k], buf[k], sizeof(float) * 2 * (size_t)n);
			void *c = fx_compressor.create(RATE, p);
			assert_non_null(c);
			for (int i = 0; i < n; i += 480)
				fx_compressor.process_rt(c, out[k] + i * 2, 480);
			assert_true(isfinite(fx_compressor.gain_reduction_db(c)));
			fx_compressor.destroy(c);
		}
		int bad = 0;
		for (int i = 0; i < n * 2; i++) {
			if (i == 1000 * 2 || i == 1003 * 2 + 1)
				continue;
			/* the detector saw 0 there instead of the level: a little less reduction
			 * for a moment, never more, never a NaN */
			bad += !isfinite(out[1][i]) || fabsf(out[1][i]) < fabsf(out[0][i]) * 0.999f ||
				fabsf(out[1][i]) > fabsf(out[0][i]) * 1.01f + 1e-6f;
		}
		printf("compressor, stereo_link %d: NaN samples in, %d other samples off\n",
			link, bad);
		assert_int_equal(bad, 0);
		assert_true(isnan(out[1][1000 * 2]));
		free(out[0]);
		free(out[1]);
	}
	free(a);
	free(b);
}

/* ---- gate ---- */

static void test_gate(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/in.wav", dir);
	const double lv[] = { -10, -70 };
	struct levels l = { 0.5, 2, lv, true };
	tu_write_wav(wav, RATE, 2, RATE, gen_levels, &l);
	struct project *p = load_project(dir,
		"{\"type\":\"gate\",\"params\":{\"threshold_db\":-40,\"range_db\":-30,"
		"\"attack_ms\":1,\"hold_ms\":50,\"release_ms\":20}}", NULL);
	int64_t n;
	float *out = tu_render(p, 0, 0, 0, &n);
	double open = db(fabs(out[(RATE / 2 - 10) * 2]) / pow(10, -10 / 20.0));
	double held = db(fabs(out[(RATE / 2 + RATE * 45 / 1000) * 2]) / pow(10, -70 / 20.0));
	double closed = db(fabs(out[(n - 10) * 2]) / pow(10, -70 / 20.0));
	printf("gate: open %.4f dB, 45 ms into the hold %.4f dB, closed %.4f dB (range -30)\n",
		open, held, closed);
	assert_true(fabs(open) < 0.01 && fabs(held) < 0.01 && fabs(closed + 30) < 0.05);
	free(out);
	project_free(p);
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

/* ---- project files ---- */

static void expect_error(const char *inserts, const char *want)
{
	char *dir = tu_tempdir();
	char *text = xasprintf("{\"format\":\"ttymix-project\",\"version\":1,\"tracks\":["
		"{\"name\":\"a\"},{\"name\":\"b\",\"inserts\":[%s]}]}", inserts);
	write_file(dir, "project.json", text);
	free(text);
	struct diag d;
	diag_init(&d);
	struct project *p = NULL;
	assert_int_equal(project_load(dir, &p, &d), ERR_FORMAT);
	assert_null(p);
	assert_true(d.count >= 1);
	const char *line = d.items[0].text;
	const char *colon = strstr(line, "project.json: ");
	if (!colon || strcmp(colon + strlen("project.json: "), want) != 0)
		fail_msg("got \"%s\", want \"...project.json: %s\"", line, want);
	diag_deinit(&d);
	tu_rmtree(dir);
	free(dir);
}

static void test_json_errors(void **state)
{
	(void)state;
	expect_error("{\"type\":\"compressor\",\"params\":{\"ratio\":0.5}}",
		"tracks[1].inserts[0].params.ratio: 0.5 is out of range (1 to 100)");
	expect_error("{\"type\":\"eq\"},{\"type\":\"flanger\"}",
		"tracks[1].inserts[1].type: unknown effect \"flanger\" (known: eq, compressor, gate, "
		"delay, reverb, chorus, multiband, width, limiter)");
	expect_error("{\"type\":\"gate\",\"params\":{\"ratio\":2}}",
		"tracks[1].inserts[0].params.ratio: not a parameter of gate (threshold_db, "
		"range_db, attack_ms, hold_ms, release_ms)");
	expect_error("{\"type\":\"eq\",\"params\":{\"hpf_hz\":\"80\"}}",
		"tracks[1].inserts[0].params.hpf_hz: must be a number, not a string");
	expect_error("{\"type\":\"eq\",\"params\":{\"hpf_slope\":18}}",
		"tracks[1].inserts[0].params.hpf_slope: 18 is not allowed (12 to 24 in steps of 12)");
	expect_error("{\"params\":{}}", "tracks[1].inserts[0].type: missing (a string)");
	expect_error("{\"type\":\"eq\",\"bypass\":1}",
		"tracks[1].inserts[0].bypass: must be true or false, not a number");
	expect_error("{\"type\":\"eq\",\"params\":[]}",
		"tracks[1].inserts[0].params: must be an object, not an array");
	expect_error("3", "tracks[1].inserts[0]: must be an object, not a number");
	expect_error("{\"type\":\"eq\"},{\"type\":\"eq\"},{\"type\":\"eq\"},{\"type\":\"eq\"},"
		"{\"type\":\"eq\"},{\"type\":\"eq\"},{\"type\":\"eq\"},{\"type\":\"eq\"},{\"type\":\"eq\"}",
		"tracks[1].inserts: 9 items, the limit is 8");
}

/* Inserts survive load -> edit -> save -> load, unknown fields included. */
static void test_json_round_trip(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *p = load_project(dir,
		"{\"type\":\"compressor\",\"bypass\":true,\"params\":{\"ratio\":8},\"note\":\"x\"}",
		"{\"type\":\"eq\",\"params\":{\"hpf_hz\":30}}");
	assert_int_equal(p->tracks[0].strip.n_inserts, 1);
	assert_true(p->tracks[0].strip.inserts[0].cls == &fx_compressor);
	assert_true(p->tracks[0].strip.inserts[0].bypass);
	const int ratio = fx_param_find(&fx_compressor, "ratio");
	const int attack = fx_param_find(&fx_compressor, "attack_ms");
	assert_true(p->tracks[0].strip.inserts[0].params[ratio] == 8);
	assert_true(p->tracks[0].strip.inserts[0].params[attack] == 10); /* the default */
	p->tracks[0].strip.inserts[0].params[attack] = 3;
	p->tracks[0].strip.inserts[0].bypass = false;
	project_add_insert(p->master.inserts, &p->master.n_inserts, &fx_gate);
	struct err_msg msg;
	assert_int_equal(project_save(p, &msg), ERR_OK);
	char *first = project_to_json(p);
	project_free(p);
	struct diag d;
	diag_init(&d);
	assert_int_equal(project_load(dir, &p, &d), ERR_OK);
	diag_deinit(&d);
	assert_true(p->tracks[0].strip.inserts[0].params[attack] == 3);
	assert_true(p->tracks[0].strip.inserts[0].params[ratio] == 8);
	assert_false(p->tracks[0].strip.inserts[0].bypass);
	assert_int_equal(p->master.n_inserts, 2);
	assert_true(p->master.inserts[1].cls == &fx_gate);
	char *second = project_to_json(p);
	assert_string_equal(first, second);
	assert_non_null(strstr(second, "\"note\":\t\"x\""));
	free(first);
	free(second);
	project_free(p);
	tu_rmtree(dir);
	free(dir);
}

/* Every parameter in the table is well formed: default in range, units named. */
static void test_param_tables(void **state)
{
	(void)state;
	for (int c = 0; c < fx_n_classes; c++) {
		const struct fx_class *cls = fx_classes[c];
		assert_ptr_equal(fx_class_find(cls->name), cls);
		assert_true(cls->n_params <= FX_MAX_PARAMS);
		for (int i = 0; i < cls->n_params; i++) {
			const struct fx_param *fp = &cls->params[i];
			assert_int_equal(fx_param_find(cls, fp->name), i);
			assert_true(fx_param_valid(fp, fp->def));
			assert_true(fp->min < fp->max && fp->help && fp->unit);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_param_tables),
		cmocka_unit_test(test_eq_matches_cookbook),
		cmocka_unit_test(test_eq_sine_and_master),
		cmocka_unit_test(test_compressor_static_curve),
		cmocka_unit_test(test_compressor_time_constants),
		cmocka_unit_test(test_sweeps_are_smooth),
		cmocka_unit_test(test_swap_carries_state),
		cmocka_unit_test(test_silent_tail_flushes),
		cmocka_unit_test(test_block_size_independent),
		cmocka_unit_test(test_compressor_transparent_below_knee),
		cmocka_unit_test(test_compressor_nan_sample),
		cmocka_unit_test(test_gate),
		cmocka_unit_test(test_json_errors),
		cmocka_unit_test(test_json_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
