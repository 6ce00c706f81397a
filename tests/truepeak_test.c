/* audio/truepeak.c gives libebur128's true peak bit for bit: the same signals, in the
 * same blocks, through both, at the rates of each oversampling factor, mono and
 * stereo; and loudness_result's true peak is never under the sample peak. */
#include <ebur128.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/loudness.h"
#include "audio/truepeak.h"
#include "src/base/xalloc.h"

static uint32_t rng = 12345u;

static double uniform(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return (double)rng / 4294967296.0;
}

enum sig { SIG_NOISE, SIG_QUARTER, SIG_SQUARE, SIG_QUIET, SIG_SECTIONS, SIG_COUNT };

static void make(float *buf, long frames, int ch, enum sig s, int rate)
{
	double sections[256];
	for (int k = 0; k < 256; k++)
		sections[k] = 0.05 + 0.95 * uniform();
	for (long i = 0; i < frames; i++)
		for (int c = 0; c < ch; c++) {
			double v;
			switch (s) {
			case SIG_NOISE: v = (uniform() * 2 - 1) * 0.9; break;
			/* fs/4 at 45 degrees: every sample 3 dB under the peak between them */
			case SIG_QUARTER: v = 0.5 * sin(M_PI / 2 * (double)(i + c) + M_PI / 4); break;
			case SIG_SQUARE: v = (i / (rate / 1000)) % 2 ? 0.99 : -0.99; break;
			/* sections of 1000 frames at levels up and down, each fs/4 at 45 degrees
			 * (3 dB between the samples): most passes fall under the peak found
			 * so far and are left out (truepeak.c, tp_below), some come close to it
			 * or pass it */
			case SIG_SECTIONS:
				v = sections[i / 1000] * sin(M_PI / 2 * (double)(i + c) + M_PI / 4);
				break;
			default: v = (uniform() * 2 - 1) * 1e-30; break;
			}
			buf[i * ch + c] = (float)v;
		}
}

static void compare(int rate, int ch, enum sig s)
{
	const long frames = rate / 2 + 77;
	float *buf = xmalloc(sizeof(float) * (size_t)frames * (size_t)ch);
	make(buf, frames, ch, s, rate);
	ebur128_state *st = ebur128_init((unsigned)ch, (unsigned long)rate,
		EBUR128_MODE_TRUE_PEAK);
	assert_non_null(st);
	struct truepeak *tp = truepeak_create(rate, ch);
	assert_non_null(tp);
	/* blocks of uneven sizes, the same for both */
	for (long pos = 0; pos < frames;) {
		long n = 1 + (long)(uniform() * 3000);
		if (n > frames - pos)
			n = frames - pos;
		assert_int_equal(ebur128_add_frames_float(st, buf + pos * ch, (size_t)n),
			EBUR128_SUCCESS);
		truepeak_add(tp, buf + pos * ch, n);
		pos += n;
	}
	for (int c = 0; c < ch; c++) {
		double want, sp;
		assert_int_equal(ebur128_true_peak(st, (unsigned)c, &want), EBUR128_SUCCESS);
		assert_int_equal(ebur128_sample_peak(st, (unsigned)c, &sp), EBUR128_SUCCESS);
		double got = truepeak_get(tp, c);
		if (sp > got)
			got = sp;
		if (got != want)
			fail_msg("%d Hz, %d ch, signal %d, channel %d: %.17g, libebur128 %.17g", rate,
				ch, (int)s, c, got, want);
	}
	truepeak_destroy(tp);
	ebur128_destroy(&st);
	free(buf);
}

static void test_same_as_libebur128(void **state)
{
	(void)state;
	static const int rates[] = { 44100, 48000, 96000, 192000 };
	for (size_t r = 0; r < sizeof rates / sizeof rates[0]; r++)
		for (int ch = 1; ch <= 2; ch++)
			for (int s = 0; s < SIG_COUNT; s++)
				compare(rates[r], ch, (enum sig)s);
}

/* the loudness analyser's true peak is libebur128's, and the peak between the samples */
static void test_loudness_true_peak(void **state)
{
	(void)state;
	const long frames = 48000;
	float *buf = xmalloc(sizeof(float) * 2 * (size_t)frames);
	make(buf, frames, 2, SIG_QUARTER, 48000);
	struct loudness *l;
	assert_int_equal(loudness_create(&l, 48000, 2), ERR_OK);
	assert_int_equal(loudness_add(l, buf, frames), ERR_OK);
	struct loudness_result r;
	assert_int_equal(loudness_result(l, &r), ERR_OK);
	ebur128_state *st = ebur128_init(2, 48000, EBUR128_MODE_TRUE_PEAK);
	assert_non_null(st);
	assert_int_equal(ebur128_add_frames_float(st, buf, (size_t)frames), EBUR128_SUCCESS);
	double want = 0.0;
	for (unsigned c = 0; c < 2; c++) {
		double v;
		assert_int_equal(ebur128_true_peak(st, c, &v), EBUR128_SUCCESS);
		want = v > want ? v : want;
	}
	if (r.true_peak_dbtp != 20.0 * log10(want))
		fail_msg("true peak %.17g dBTP, libebur128 %.17g", r.true_peak_dbtp,
			20.0 * log10(want));
	/* samples 3 dB under the peak (and the onset's overshoot above it) */
	assert_true(r.true_peak_dbtp > r.sample_peak_dbfs + 2.5);
	ebur128_destroy(&st);
	loudness_destroy(l);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_libebur128),
		cmocka_unit_test(test_loudness_true_peak),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
