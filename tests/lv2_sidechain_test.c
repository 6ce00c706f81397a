/* LV2 sidechain plug-ins (LSP's, whose sidechain inputs are a port group marked
 * pg:sideChainOf the main input): the class is accepted, its sidechain inputs are fed
 * the strip's own input (what a DAW does with no key set). LSP's Sidechain Compressor
 * Stereo set to listen to its sidechain inputs (sct 2, "external") and a loud sine: the
 * sine comes out reduced as much as when the compressor listens to its own input (sct
 * 0), which it could only be if the sidechain heard it (with silent sidechain inputs
 * it came out untouched, -9.03 dB in and out). */
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
#include "audio/lv2/lv2.h"
#include "src/base/xalloc.h"

#define SCCOMP "http://lsp-plug.in/plugins/lv2/sc_compressor_stereo"
#define RATE 48000

/* The level in dB of the last quarter second of a second of a 1 kHz sine at -6 dBFS
 * through the compressor with sidechain type sct. */
static double level_out(const struct fx_class *cls, double sct)
{
	double params[FX_MAX_PARAMS];
	fx_param_defaults(cls, params);
	const struct { const char *sym; double v; } set[] = {
		{ "sct", sct }, { "al", 0.01 }, { "cr", 20 }, { "at", 1 }, { "rt", 50 },
		{ "mk", 1 }, { "cdr", 0 }, { "cwt", 1 },
	};
	for (size_t i = 0; i < sizeof set / sizeof *set; i++) {
		const int k = fx_param_find(cls, set[i].sym);
		assert_true(k >= 0);
		params[k] = set[i].v;
	}
	struct fx_insert *fx = fx_insert_create(cls, RATE, params, false);
	assert_non_null(fx);
	float buf[2 * 256];
	double sum = 0;
	long n = 0;
	for (long at = 0; at < RATE; at += 256) {
		for (int i = 0; i < 256; i++)
			buf[2 * i] = buf[2 * i + 1] = 0.5f * (float)sin(2 * M_PI * 1000.0
				* (double)(at + i) / RATE);
		fx_insert_process_rt(fx, buf, 256);
		if (at >= RATE * 3 / 4)
			for (int i = 0; i < 512; i++, n++)
				sum += (double)buf[i] * buf[i];
	}
	fx_insert_destroy(fx);
	return 10 * log10(sum / (double)n);
}

static void test_own_input(void **state)
{
	(void)state;
	const struct fx_class *cls;
	struct err_msg msg;
	assert_int_equal(lv2_class_get(SCCOMP, &cls, &msg), ERR_OK);
	const double in = 20 * log10(0.5 / sqrt(2));
	/* sct: 0 feed-forward from its own input, 1 feed-back, 2 its sidechain inputs */
	const double internal = level_out(cls, 0), external = level_out(cls, 2);
	print_message("in %.2f dB; out keyed by its input %.2f dB, keyed by the sidechain "
		"inputs %.2f dB\n", in, internal, external);
	assert_true(internal < in - 10);
	/* the sidechain heard the strip: compressed as much as by its own input */
	assert_true(external < in - 10);
	assert_true(fabs(external - internal) < 1.0);
}

int main(void)
{
	const struct fx_class *cls;
	struct err_msg msg;
	if (lv2_class_get(SCCOMP, &cls, &msg) != ERR_OK) {
		const char *all = getenv("TTYMIX_REQUIRE_ALL");
		printf("lv2_sidechain_test: %s (lsp-plugins-lv2 is needed)\n", msg.text);
		return all && !strcmp(all, "1") ? 99 : 77;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_own_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
