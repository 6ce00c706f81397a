/* The strip detail's EQ plot range (ui_strip_eq_range_db): it fits the shelves' and
 * bands' boost or cut, rounded up to 3 dB and at least 6 dB, and a high- or low-pass
 * does not widen it (issue 18: a 3 dB bell looked flat at +-24 dB as soon as a
 * high-pass was on). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "audio/fx/fx.h"
#include "ui/strip_page.h"

#define RATE 48000

static double range_with(const char *const *names, const double *values, int n)
{
	double p[FX_MAX_PARAMS];
	fx_param_defaults(&fx_eq, p);
	for (int i = 0; i < n; i++) {
		const int k = fx_param_find(&fx_eq, names[i]);
		assert_true(k >= 0);
		p[k] = values[i];
	}
	return ui_strip_eq_range_db(p, RATE);
}

static void flat_is_six(void **state)
{
	(void)state;
	assert_float_equal(range_with(NULL, NULL, 0), 6.0, 1e-9);
}

static void small_bell_is_six(void **state)
{
	(void)state;
	const char *n[] = { "band2_db" };
	assert_float_equal(range_with(n, (double[]){ 3.0 }, 1), 6.0, 1e-9);
	assert_float_equal(range_with(n, (double[]){ -4.5 }, 1), 6.0, 1e-9);
}

static void rounds_up_to_three(void **state)
{
	(void)state;
	const char *n[] = { "band3_db" };
	assert_float_equal(range_with(n, (double[]){ 7.0 }, 1), 9.0, 1e-9);
	assert_float_equal(range_with(n, (double[]){ 9.0 }, 1), 9.0, 1e-9);
	assert_float_equal(range_with(n, (double[]){ 12.0 }, 1), 12.0, 1e-9);
	assert_float_equal(range_with(n, (double[]){ -24.0 }, 1), 24.0, 1e-9);
	const char *shelf[] = { "low_shelf_db" };
	assert_float_equal(range_with(shelf, (double[]){ -10.0 }, 1), 12.0, 1e-9);
}

/* Two +6 dB bells on the same frequency sum to +12: the range follows the curve. */
static void overlapping_bells_add(void **state)
{
	(void)state;
	const char *n[] = { "band1_hz", "band1_db", "band2_hz", "band2_db" };
	assert_float_equal(range_with(n, (double[]){ 1000, 6, 1000, 6 }, 4), 12.0, 1e-9);
}

/* A steep high-pass and low-pass (tens of dB down at the ends) leave a 3 dB bell's
 * range at 6 dB. */
static void filters_leave_it(void **state)
{
	(void)state;
	const char *n[] = { "hpf_hz", "hpf_slope", "lpf_hz", "lpf_slope", "band2_db" };
	assert_float_equal(range_with(n, (double[]){ 200, 24, 5000, 24, 3 }, 5), 6.0, 1e-9);
	/* and the full response does go far below that: the filters are on */
	double p[FX_MAX_PARAMS];
	fx_param_defaults(&fx_eq, p);
	p[fx_param_find(&fx_eq, "hpf_hz")] = 200;
	p[fx_param_find(&fx_eq, "hpf_slope")] = 24;
	assert_true(fx_eq_magnitude_db(p, RATE, 25.0) < -60.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(flat_is_six),
		cmocka_unit_test(small_bell_is_six),
		cmocka_unit_test(rounds_up_to_three),
		cmocka_unit_test(overlapping_bells_add),
		cmocka_unit_test(filters_leave_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
