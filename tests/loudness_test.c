/* Loudness: the EBU conformance signals (Tech 3341 cases 1-5, Tech 3342 cases 1, 2 and
 * 4) generated in code, peaks of signals whose peaks are known exactly, the maxima of
 * the momentary and short-term loudness, and a file written by our media writer. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "audio/loudness.h"
#include "audio/media.h"
#include "src/base/xalloc.h"

#define RATE 48000

/* Blocks of an awkward size, so that hop and 100 ms boundaries fall inside them. */
#define FEED_FRAMES 4801

/* A piece of a test signal: a sine at a peak level in dBFS (-INFINITY: silence). */
struct segment {
	double level_dbfs;
	double seconds;
};

/* A continuous-phase sine generator feeding an analyser. */
struct tone {
	struct loudness *l;
	int rate;
	int channels;
	double freq_hz;
	double phase_rad;     /* of sample 0 */
	int64_t frame;        /* next sample index */
};

static void tone_init(struct tone *t, int rate, int channels, double freq_hz)
{
	memset(t, 0, sizeof *t);
	t->rate = rate;
	t->channels = channels;
	t->freq_hz = freq_hz;
	assert_int_equal(loudness_create(&t->l, rate, channels), ERR_OK);
	assert_non_null(t->l);
}

/* Fill buf with frames of the tone (same sample on every channel) and advance. */
static void tone_generate(struct tone *t, float *buf, long frames, double amp)
{
	for (long i = 0; i < frames; i++, t->frame++) {
		double v = amp * sin(2.0 * M_PI * t->freq_hz * (double)t->frame / t->rate +
			t->phase_rad);
		for (int c = 0; c < t->channels; c++)
			buf[i * t->channels + c] = (float)v;
	}
}

static void tone_feed(struct tone *t, double level_dbfs, double seconds)
{
	double amp = isfinite(level_dbfs) ? pow(10.0, level_dbfs / 20.0) : 0.0;
	long left = lround(seconds * t->rate);
	float *buf = xmalloc(sizeof(float) * FEED_FRAMES * (size_t)t->channels);
	while (left > 0) {
		long n = left < FEED_FRAMES ? left : FEED_FRAMES;
		tone_generate(t, buf, n, amp);
		assert_int_equal(loudness_add(t->l, buf, n), ERR_OK);
		left -= n;
	}
	free(buf);
}

/* Measure a sequence of 1 kHz stereo segments at 48 kHz. */
static void measure_segments(const struct segment *segs, size_t count,
	struct loudness_result *r)
{
	struct tone t;
	tone_init(&t, RATE, 2, 1000.0);
	for (size_t i = 0; i < count; i++)
		tone_feed(&t, segs[i].level_dbfs, segs[i].seconds);
	assert_int_equal(loudness_result(t.l, r), ERR_OK);
	loudness_destroy(t.l);
}

/* Fail unless |got - want| <= tol; prints the figure so the log shows the margin. */
static void check_near(const char *what, double got, double want, double tol)
{
	printf("# %-44s %9.3f (want %.3f +- %.3f)\n", what, got, want, tol);
	if (!(fabs(got - want) <= tol))
		fail_msg("%s: got %.4f, want %.4f +- %.4f", what, got, want, tol);
}

static void check_neg_inf(const char *what, double got)
{
	printf("# %-44s %9g (want -inf)\n", what, got);
	if (!(isinf(got) && got < 0))
		fail_msg("%s: got %g, want -inf", what, got);
}

/* ---- EBU Tech 3341 (integrated loudness) ---- */

static void test_3341_case1_minus23(void **state)
{
	(void)state;
	const struct segment s[] = { { -23.0, 20.0 } };
	struct loudness_result r;
	measure_segments(s, 1, &r);
	check_near("3341 case 1: I", r.integrated_lufs, -23.0, 0.1);
}

static void test_3341_case2_minus33(void **state)
{
	(void)state;
	const struct segment s[] = { { -33.0, 20.0 } };
	struct loudness_result r;
	measure_segments(s, 1, &r);
	check_near("3341 case 2: I", r.integrated_lufs, -33.0, 0.1);
}

/* The relative gate (-10 LU) must drop the -36 dBFS parts. */
static void test_3341_case3_relative_gate(void **state)
{
	(void)state;
	const struct segment s[] = { { -36.0, 10.0 }, { -23.0, 60.0 }, { -36.0, 10.0 } };
	struct loudness_result r;
	measure_segments(s, 3, &r);
	check_near("3341 case 3: I", r.integrated_lufs, -23.0, 0.1);
}

/* The absolute gate (-70 LUFS) drops the -72 dBFS parts, the relative gate the rest. */
static void test_3341_case4_absolute_gate(void **state)
{
	(void)state;
	const struct segment s[] = { { -72.0, 10.0 }, { -36.0, 10.0 }, { -23.0, 60.0 },
		{ -36.0, 10.0 }, { -72.0, 10.0 } };
	struct loudness_result r;
	measure_segments(s, 5, &r);
	check_near("3341 case 4: I", r.integrated_lufs, -23.0, 0.1);
}

/* Nothing is gated: the energy mean of -26, -20 and -26 is -23. */
static void test_3341_case5_energy_mean(void **state)
{
	(void)state;
	const struct segment s[] = { { -26.0, 20.0 }, { -20.0, 20.1 }, { -26.0, 20.0 } };
	struct loudness_result r;
	measure_segments(s, 3, &r);
	check_near("3341 case 5: I", r.integrated_lufs, -23.0, 0.1);
}

/* ---- EBU Tech 3342 (loudness range) ---- */

static void test_3342_case1_lra10(void **state)
{
	(void)state;
	const struct segment s[] = { { -20.0, 20.0 }, { -30.0, 20.0 } };
	struct loudness_result r;
	measure_segments(s, 2, &r);
	check_near("3342 case 1: LRA", r.lra_lu, 10.0, 1.0);
}

static void test_3342_case2_lra5(void **state)
{
	(void)state;
	const struct segment s[] = { { -20.0, 20.0 }, { -15.0, 20.0 } };
	struct loudness_result r;
	measure_segments(s, 2, &r);
	check_near("3342 case 2: LRA", r.lra_lu, 5.0, 1.0);
}

static void test_3342_case4_lra15(void **state)
{
	(void)state;
	const struct segment s[] = { { -50.0, 20.0 }, { -35.0, 20.0 }, { -20.0, 20.0 },
		{ -35.0, 20.0 }, { -50.0, 20.0 } };
	struct loudness_result r;
	measure_segments(s, 5, &r);
	check_near("3342 case 4: LRA", r.lra_lu, 15.0, 1.0);
}

/* ---- peaks ---- */

/* 1 kHz at 48 kHz: sample 12 of each period is exactly the crest. */
static void test_sample_peak_exact(void **state)
{
	(void)state;
	const struct segment s[] = { { -6.0, 2.0 } };
	struct loudness_result r;
	measure_segments(s, 1, &r);
	check_near("sample peak of a -6 dBFS sine", r.sample_peak_dbfs, -6.0, 0.01);
	check_near("true peak of a -6 dBFS sine", r.true_peak_dbtp, -6.0, 0.2);
	assert_true(r.true_peak_dbtp >= r.sample_peak_dbfs);
}

/* A sine at a quarter of the rate, 45 degrees off: every sample is at 0.707 of the
 * crest, so the sample peak is 3.01 dB under the true peak, which oversampling must
 * find. */
static void test_true_peak_between_samples(void **state)
{
	(void)state;
	struct tone t;
	tone_init(&t, RATE, 2, RATE / 4.0);
	t.phase_rad = M_PI / 4.0;
	tone_feed(&t, -6.0, 1.0);
	struct loudness_result r;
	assert_int_equal(loudness_result(t.l, &r), ERR_OK);
	loudness_destroy(t.l);
	check_near("sample peak of fs/4 sine at 45 deg", r.sample_peak_dbfs,
		-6.0 + 20.0 * log10(sqrt(0.5)), 0.01);
	check_near("true peak of fs/4 sine at 45 deg", r.true_peak_dbtp, -6.0, 0.5);
	assert_true(r.true_peak_dbtp >= r.sample_peak_dbfs + 2.5);
}

/* ---- undefined values ---- */

static void test_silence_is_undefined(void **state)
{
	(void)state;
	const struct segment s[] = { { -INFINITY, 10.0 } };
	struct loudness_result r;
	measure_segments(s, 1, &r);
	check_neg_inf("silence: I", r.integrated_lufs);
	check_neg_inf("silence: LRA", r.lra_lu);
	check_neg_inf("silence: TP", r.true_peak_dbtp);
	check_neg_inf("silence: sample peak", r.sample_peak_dbfs);
	check_neg_inf("silence: M max", r.momentary_max_lufs);
	check_neg_inf("silence: S max", r.shortterm_max_lufs);
}

/* Under 3 s there is no short-term window and so no range; under 400 ms no momentary
 * and no gating block at all. */
static void test_short_audio(void **state)
{
	(void)state;
	const struct segment one_second[] = { { -23.0, 1.0 } };
	struct loudness_result r;
	measure_segments(one_second, 1, &r);
	check_near("1 s tone: I", r.integrated_lufs, -23.0, 0.1);
	check_near("1 s tone: M max", r.momentary_max_lufs, -23.0, 0.1);
	check_neg_inf("1 s tone: S max", r.shortterm_max_lufs);
	check_neg_inf("1 s tone: LRA", r.lra_lu);

	const struct segment blip[] = { { -23.0, 0.3 } };
	measure_segments(blip, 1, &r);
	check_neg_inf("0.3 s tone: I", r.integrated_lufs);
	check_neg_inf("0.3 s tone: M max", r.momentary_max_lufs);
	check_near("0.3 s tone: sample peak", r.sample_peak_dbfs, -23.0, 0.01);
}

/* ---- momentary and short-term maxima ---- */

static void test_max_of_steady_tone(void **state)
{
	(void)state;
	const struct segment s[] = { { -23.0, 20.0 } };
	struct loudness_result r;
	measure_segments(s, 1, &r);
	check_near("steady -23 tone: M max", r.momentary_max_lufs, -23.0, 0.1);
	check_near("steady -23 tone: S max", r.shortterm_max_lufs, -23.0, 0.1);
}

/* A burst exactly as long as the momentary window, starting off any 100 ms grid: read
 * only every 100 ms, the window would hold up to 50 ms less of it (-0.6 LU); read
 * every 10 ms, at most 5 ms (-0.06 LU). */
static void test_momentary_max_catches_short_burst(void **state)
{
	(void)state;
	const struct segment s[] = { { -INFINITY, 1.2345 }, { -20.0, 0.4 },
		{ -INFINITY, 2.0 } };
	struct loudness_result r;
	measure_segments(s, 3, &r);
	check_near("0.4 s burst at -20: M max", r.momentary_max_lufs, -20.0, 0.1);
}

/* Same idea for the 3 s window, where a 50 ms miss costs only 0.07 LU: read every
 * 10 ms the miss is at most 5 ms (0.007 LU). */
static void test_shortterm_max_catches_burst(void **state)
{
	(void)state;
	const struct segment s[] = { { -INFINITY, 3.05 }, { -20.0, 3.0 },
		{ -INFINITY, 4.0 } };
	struct loudness_result r;
	measure_segments(s, 3, &r);
	check_near("3 s burst at -20: S max", r.shortterm_max_lufs, -20.0, 0.03);
}

/* ---- channels and arguments ---- */

/* BS.1770 counts a mono file as one channel: 3 LU under the same tone in stereo. */
static void test_mono_is_one_channel(void **state)
{
	(void)state;
	struct tone t;
	tone_init(&t, RATE, 1, 1000.0);
	tone_feed(&t, -23.0, 10.0);
	struct loudness_result r;
	assert_int_equal(loudness_result(t.l, &r), ERR_OK);
	loudness_destroy(t.l);
	check_near("mono -23 dBFS tone: I", r.integrated_lufs, -23.0 - 10.0 * log10(2.0), 0.1);
}

static void test_bad_arguments(void **state)
{
	(void)state;
	static char sentinel;
	struct loudness *l = (struct loudness *)&sentinel; /* must come back NULL */
	assert_int_equal(loudness_create(&l, 999, 2), ERR_RANGE);
	assert_null(l);
	assert_int_equal(loudness_create(&l, 48000, 0), ERR_CHANNELS);
	assert_int_equal(loudness_create(&l, 48000, 3), ERR_CHANNELS);
	assert_int_equal(loudness_create(&l, 44100, 1), ERR_OK);
	assert_int_equal(loudness_add(l, NULL, -1), ERR_RANGE);
	assert_int_equal(loudness_add(l, NULL, 0), ERR_OK);
	loudness_destroy(l);
	loudness_destroy(NULL);
}

/* ---- files ---- */

/* A 44.1 kHz float WAV through our writer and reader must measure exactly as the same
 * samples fed by hand (proving that the file is read at its own rate, unresampled),
 * and match Tech 3341 case 1. */
static void test_measure_file(void **state)
{
	(void)state;
	const int rate = 44100;
	const long frames = 20L * rate;
	char dir[] = "/tmp/ttymix-loudness-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/tone.wav", dir);

	struct tone t;
	tone_init(&t, rate, 2, 1000.0);
	float *buf = xmalloc(sizeof(float) * 2 * (size_t)frames);
	tone_generate(&t, buf, frames, pow(10.0, -23.0 / 20.0));
	assert_int_equal(loudness_add(t.l, buf, frames), ERR_OK);
	struct loudness_result want;
	assert_int_equal(loudness_result(t.l, &want), ERR_OK);
	loudness_destroy(t.l);

	struct media_writer *w;
	struct err_msg msg;
	assert_int_equal(media_writer_open(&w, path, MEDIA_WAV, MEDIA_FLOAT32, rate, 2, &msg),
		ERR_OK);
	assert_int_equal(media_writer_write(w, buf, (int)frames, &msg), ERR_OK);
	assert_int_equal(media_writer_close(w, &msg), ERR_OK);
	free(buf);

	struct loudness_result got;
	enum err e = loudness_measure_file(path, &got, &msg);
	if (e != ERR_OK)
		fail_msg("%s", msg.text);
	check_near("44.1k WAV file: I", got.integrated_lufs, -23.0, 0.1);
	check_near("44.1k WAV file: I vs in memory", got.integrated_lufs,
		want.integrated_lufs, 1e-9);
	check_near("44.1k WAV file: LRA vs in memory", got.lra_lu, want.lra_lu, 1e-9);
	check_near("44.1k WAV file: TP vs in memory", got.true_peak_dbtp,
		want.true_peak_dbtp, 1e-9);
	check_near("44.1k WAV file: peak vs in memory", got.sample_peak_dbfs,
		want.sample_peak_dbfs, 1e-9);
	check_near("44.1k WAV file: M max vs in memory", got.momentary_max_lufs,
		want.momentary_max_lufs, 1e-9);
	check_near("44.1k WAV file: S max vs in memory", got.shortterm_max_lufs,
		want.shortterm_max_lufs, 1e-9);

	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
	free(path);
}

static void test_missing_file(void **state)
{
	(void)state;
	struct loudness_result r;
	struct err_msg msg;
	const char *path = "/nonexistent/ttymix/none.wav";
	assert_int_equal(loudness_measure_file(path, &r, &msg), ERR_NOT_FOUND);
	printf("# missing file: %s\n", msg.text);
	assert_int_equal(strncmp(msg.text, path, strlen(path)), 0);
	assert_int_equal(msg.text[strlen(path)], ':');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_3341_case1_minus23),
		cmocka_unit_test(test_3341_case2_minus33),
		cmocka_unit_test(test_3341_case3_relative_gate),
		cmocka_unit_test(test_3341_case4_absolute_gate),
		cmocka_unit_test(test_3341_case5_energy_mean),
		cmocka_unit_test(test_3342_case1_lra10),
		cmocka_unit_test(test_3342_case2_lra5),
		cmocka_unit_test(test_3342_case4_lra15),
		cmocka_unit_test(test_sample_peak_exact),
		cmocka_unit_test(test_true_peak_between_samples),
		cmocka_unit_test(test_silence_is_undefined),
		cmocka_unit_test(test_short_audio),
		cmocka_unit_test(test_max_of_steady_tone),
		cmocka_unit_test(test_momentary_max_catches_short_burst),
		cmocka_unit_test(test_shortterm_max_catches_burst),
		cmocka_unit_test(test_mono_is_one_channel),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_measure_file),
		cmocka_unit_test(test_missing_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
