/* loudness_create_integrated (issue 23, goal 5): the analyser a render's closing line
 * uses reads as the whole one (loudness_create) in integrated loudness, peaks and the
 * windows' maxima (to 1e-9 dB), on a signal whose level moves over a minute; only the
 * range is not measured. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "audio/loudness.h"

#define RATE 48000
#define BLOCK 4801

static void feed(struct loudness *a, struct loudness *b)
{
	static float buf[BLOCK * 2];
	double phase = 0;
	uint32_t noise = 12345;
	for (int64_t done = 0; done < (int64_t)RATE * 60; done += BLOCK) {
		for (int i = 0; i < BLOCK; i++) {
			double t = (double)(done + i) / RATE;
			/* a 440 Hz tone whose level swings over 20 dB every 13 s, and some noise */
			double level = pow(10.0, (-20.0 + 10.0 * sin(2 * M_PI * t / 13.0)) / 20.0);
			noise = noise * 1664525u + 1013904223u;
			double n = ((double)(noise >> 8) / (double)(1u << 24) - 0.5) * 0.02;
			buf[2 * i] = (float)(level * sin(phase) + n);
			buf[2 * i + 1] = (float)(level * 0.7 * sin(phase + 0.3) - n);
			phase += 2 * M_PI * 440.0 / RATE;
		}
		assert_int_equal(loudness_add(a, buf, BLOCK), ERR_OK);
		assert_int_equal(loudness_add(b, buf, BLOCK), ERR_OK);
	}
}

static void test_report_reads_as_whole(void **state)
{
	(void)state;
	struct loudness *whole, *report;
	assert_int_equal(loudness_create(&whole, RATE, 2), ERR_OK);
	assert_int_equal(loudness_create_integrated(&report, RATE, 2), ERR_OK);
	feed(whole, report);
	struct loudness_result w, r;
	assert_int_equal(loudness_result(whole, &w), ERR_OK);
	assert_int_equal(loudness_result(report, &r), ERR_OK);
	assert_true(isfinite(w.integrated_lufs) && w.integrated_lufs < -10.0);
	/* the same sums, to the last digits a double carries */
	assert_true(fabs(w.integrated_lufs - r.integrated_lufs) < 1e-9);
	assert_true(fabs(w.true_peak_dbtp - r.true_peak_dbtp) < 1e-9);
	assert_true(fabs(w.sample_peak_dbfs - r.sample_peak_dbfs) < 1e-9);
	assert_true(fabs(w.momentary_max_lufs - r.momentary_max_lufs) < 1e-9);
	assert_true(fabs(w.shortterm_max_lufs - r.shortterm_max_lufs) < 1e-9);
	assert_true(w.lra_lu > 5.0);
	assert_true(isinf(r.lra_lu) && r.lra_lu < 0);
	loudness_destroy(whole);
	loudness_destroy(report);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_reads_as_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
