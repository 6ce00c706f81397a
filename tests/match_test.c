/* Matching a reference, the parts (src/match.h):
 *  - the meter reads a sine's third-octave band at its level, and the width as side over
 *    mid: 0 for mono, 1 for unrelated sides;
 *  - the eq fit finds a known eq's curve again (shelves and a band) within 0.3 dB RMS;
 *  - a reference in another genre (a curve of +-20 dB) never gives more than the cap,
 *    neither in the correction asked nor in the eq's response anywhere 20 Hz-20 kHz;
 *  - the chain is made to end eq, width, limiter: a final limiter (and an eq and a
 *    width before it) are kept, what is missing is added before it, a full chain is
 *    refused and left as it was;
 *  - the smoothing's words ("1/3", "1/6", "0.5") parse, and odd ones do not. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/fx/fx.h"
#include "src/match.h"
#include "src/match_chain.h"
#include "src/project.h"

#define RATE 48000
#define SECONDS 3

/* A stereo signal of n frames: left and right from two functions of the frame. */
static float *signal(int64_t n, double (*l)(int64_t), double (*r)(int64_t))
{
	float *f = malloc(sizeof(float) * 2 * (size_t)n);
	for (int64_t i = 0; i < n; i++) {
		f[2 * i] = (float)l(i);
		f[2 * i + 1] = (float)r(i);
	}
	return f;
}

static double sine_1k(int64_t i) { return 0.5 * sin(2.0 * M_PI * 1000.0 * i / RATE); }
static double cos_1k(int64_t i) { return 0.5 * cos(2.0 * M_PI * 1000.0 * i / RATE); }
static double sine_300(int64_t i) { return 0.5 * sin(2.0 * M_PI * 300.0 * i / RATE); }

static void test_meter_reads_level_and_width(void **state)
{
	(void)state;
	const int64_t n = (int64_t)RATE * SECONDS;
	struct match_profile *p = malloc(sizeof *p);
	struct err_msg msg;
	float *mono = signal(n, sine_1k, sine_1k);
	assert_int_equal(match_measure(mono, n, RATE, p, &msg), ERR_OK);
	/* the 1 kHz band (17) holds the sine: amplitude 0.5 is -6.02 dB */
	assert_true(fabs(p->band_db[17] - 20.0 * log10(0.5)) < 0.5);
	assert_true(p->band_db[10] < p->band_db[17] - 40.0);
	assert_true(p->width < 1e-6);
	free(mono);
	/* a 1 kHz sine left and its quadrature right: side and mid alike */
	float *wide = signal(n, sine_1k, cos_1k);
	assert_int_equal(match_measure(wide, n, RATE, p, &msg), ERR_OK);
	assert_true(fabs(p->width - 1.0) < 0.01);
	free(wide);
	/* too short for one window */
	float *brief = signal(1000, sine_300, sine_300);
	assert_int_equal(match_measure(brief, 1000, RATE, p, &msg), ERR_RANGE);
	free(brief);
	free(p);
}

static double set(double *params, const char *name, double v)
{
	params[fx_param_find(&fx_eq, name)] = v;
	return v;
}

static void test_fit_finds_a_known_eq(void **state)
{
	(void)state;
	double known[FX_MAX_PARAMS], fitted[FX_MAX_PARAMS], curve[MATCH_GRID_N];
	fx_param_defaults(&fx_eq, known);
	set(known, "low_shelf_hz", 150);
	set(known, "low_shelf_db", 4);
	set(known, "high_shelf_hz", 4000);
	set(known, "high_shelf_db", -4);
	set(known, "band2_hz", 700);
	set(known, "band2_db", -2.5);
	set(known, "band2_q", 1.2);
	match_eq_response(known, RATE, curve);
	fx_param_defaults(&fx_eq, fitted);
	const double rms = match_fit_eq(curve, RATE, MATCH_CAP_DB, fitted);
	assert_true(rms < 0.3);
	/* and it is the response at the grid that matches, not only the figure */
	double got[MATCH_GRID_N];
	match_eq_response(fitted, RATE, got);
	for (int i = 0; i < MATCH_GRID_N; i++) {
		const double hz = match_grid_hz(i);
		if (hz >= 40.0 && hz <= 16000.0)
			assert_true(fabs(got[i] - curve[i]) < 1.0);
	}
}

/* A profile whose power per bin follows level_db(hz). */
static void profile(struct match_profile *p, double (*level_db)(double))
{
	memset(p, 0, sizeof *p);
	p->rate = RATE;
	for (int k = 1; k < SPECTRUM_BINS; k++)
		p->power[k] = pow(10.0, level_db((double)k * RATE / SPECTRUM_FFT) / 10.0);
	p->integrated_lufs = -14.0;
	p->width = 0.5;
}

static double flat(double hz) { (void)hz; return -40.0; }
/* another genre: 20 dB more bass, 20 dB less air, and a 12 dB notch at 2 kHz */
static double other_genre(double hz)
{
	double db = -40.0;
	if (hz < 120.0)
		db += 20.0;
	if (hz > 6000.0)
		db -= 20.0;
	if (hz > 1800.0 && hz < 2300.0)
		db -= 12.0;
	return db;
}

static void test_another_genre_stays_within_the_cap(void **state)
{
	(void)state;
	struct match_profile *mix = malloc(sizeof *mix), *ref = malloc(sizeof *ref);
	profile(mix, flat);
	profile(ref, other_genre);
	const double caps[] = { MATCH_CAP_DB, 3.0 };
	for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++) {
		double curve[MATCH_GRID_N], params[FX_MAX_PARAMS];
		match_correction(mix, ref, MATCH_SMOOTH_OCT, caps[c], curve);
		double top = 0.0;
		for (int i = 0; i < MATCH_GRID_N; i++)
			top = fmax(top, fabs(curve[i]));
		assert_true(top <= caps[c] + 1e-9);
		assert_true(top >= caps[c] - 1e-9); /* this reference asks for more */
		fx_param_defaults(&fx_eq, params);
		match_fit_eq(curve, RATE, caps[c], params);
		for (int i = 0; i <= 10 * 96; i++) {
			const double hz = 20.0 * pow(2.0, i / 96.0);
			assert_true(fabs(fx_eq_magnitude_db(params, RATE, hz)) <= caps[c] + 1e-6);
		}
	}
	free(mix);
	free(ref);
}

static void test_smoothing_words(void **state)
{
	(void)state;
	double o = 0.0;
	assert_true(match_parse_octaves("1/3", &o));
	assert_true(fabs(o - 1.0 / 3.0) < 1e-12);
	assert_true(match_parse_octaves("1/6", &o));
	assert_true(fabs(o - 1.0 / 6.0) < 1e-12);
	assert_true(match_parse_octaves("0.5", &o));
	assert_true(fabs(o - 0.5) < 1e-12);
	assert_true(match_parse_octaves("1/12", &o));
	assert_false(match_parse_octaves("1/0", &o));
	assert_false(match_parse_octaves("1/24", &o));
	assert_false(match_parse_octaves("3", &o));
	assert_false(match_parse_octaves("third", &o));
	assert_false(match_parse_octaves("1/3x", &o));
}

static void chain_of(const struct project *p, const struct fx_class **out)
{
	for (int i = 0; i < p->master.n_inserts; i++)
		out[i] = p->master.inserts[i].cls;
}

static void test_chain_prepare(void **state)
{
	(void)state;
	const struct fx_class *got[FX_MAX_INSERTS];
	struct match_chain c;
	/* a compressor and a limiter (its ceiling kept): eq and width go between */
	struct project *p = project_new("/tmp", "m", RATE);
	project_add_insert(p->master.inserts, &p->master.n_inserts, &fx_compressor);
	struct project_insert *lim = project_add_insert(p->master.inserts, &p->master.n_inserts,
		&fx_limiter);
	lim->params[fx_param_find(&fx_limiter, "ceiling_dbtp")] = -2.0;
	assert_true(match_chain_prepare(p, -1.0, &c));
	assert_int_equal(p->master.n_inserts, 4);
	chain_of(p, got);
	assert_ptr_equal(got[0], &fx_compressor);
	assert_ptr_equal(got[1], &fx_eq);
	assert_ptr_equal(got[2], &fx_width);
	assert_ptr_equal(got[3], &fx_limiter);
	assert_int_equal(c.eq, 1);
	assert_int_equal(c.width, 2);
	assert_int_equal(c.limiter, 3);
	assert_true(p->master.inserts[3].params[fx_param_find(&fx_limiter, "ceiling_dbtp")]
		== -2.0);
	/* again: the same three are reused */
	assert_true(match_chain_prepare(p, -1.0, &c));
	assert_int_equal(p->master.n_inserts, 4);
	assert_int_equal(c.eq, 1);
	project_free(p);
	/* an empty chain gets all three, the limiter at the ceiling asked */
	p = project_new("/tmp", "m", RATE);
	assert_true(match_chain_prepare(p, -1.5, &c));
	assert_int_equal(p->master.n_inserts, 3);
	assert_int_equal(c.eq, 0);
	assert_true(p->master.inserts[2].params[fx_param_find(&fx_limiter, "ceiling_dbtp")]
		== -1.5);
	project_free(p);
	/* seven inserts and no limiter: no room for three; nothing changes */
	p = project_new("/tmp", "m", RATE);
	for (int i = 0; i < FX_MAX_INSERTS - 1; i++)
		project_add_insert(p->master.inserts, &p->master.n_inserts, &fx_delay);
	assert_false(match_chain_prepare(p, -1.0, &c));
	assert_int_equal(p->master.n_inserts, FX_MAX_INSERTS - 1);
	for (int i = 0; i < p->master.n_inserts; i++)
		assert_ptr_equal(p->master.inserts[i].cls, &fx_delay);
	project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meter_reads_level_and_width),
		cmocka_unit_test(test_fit_finds_a_known_eq),
		cmocka_unit_test(test_another_genre_stays_within_the_cap),
		cmocka_unit_test(test_chain_prepare),
		cmocka_unit_test(test_smoothing_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
