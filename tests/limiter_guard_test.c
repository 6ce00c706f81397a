/* The limiter's output, bit for bit, as it was before its detector was vectorised
 * (issue 23): a fingerprint (FNV-1a of the output's bytes) of material that keeps the
 * limiter busy, run in uneven blocks with the ceiling, input and release moved while
 * it plays. Any change to what the limiter computes changes the fingerprint; a change
 * only to how fast it computes it does not. The material: sines near Nyquist (the
 * inter-sample peaks the 4x detector is for), a kick-like burst train, white noise
 * from a fixed generator, silence (the flush and idle paths) and a NaN-free full
 * scale square. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "audio/fx/fx.h"
#include "src/base/fnv.h"

#define RATE 48000
#define SECONDS 3

/* The fingerprint of the limiter before the vectorised detector (commit 8755ddb). */
#define GUARD_FNV 0x7c99a794e5b61defULL

static uint32_t noise_state = 12345u;

static float noise(void)
{
	noise_state = noise_state * 1664525u + 1013904223u;
	return (float)((double)(noise_state >> 8) / (1 << 24) * 2.0 - 1.0);
}

static float material(int64_t i, int ch)
{
	const double t = (double)i / RATE;
	const int part = (int)(t * 4.0) % 6;
	switch (part) {
	case 0: /* near Nyquist, the two channels apart */
		return (float)(1.4 * sin(2 * M_PI * (ch ? 19000.0 : 21000.0) * t + 0.3 * ch));
	case 1: /* bursts: a decaying 60 Hz every 125 ms */
		return (float)(2.5 * exp(-fmod(t, 0.125) * 40.0) * sin(2 * M_PI * 60.0 * t));
	case 2:
		return 1.8f * noise();
	case 3:
		return 0.0f;
	case 4: /* a square at full scale, one channel quieter */
		return (float)((fmod(t * 441.0, 1.0) < 0.5 ? 1.0 : -1.0) * (ch ? 0.6 : 1.1));
	default: /* low level: no reduction at all */
		return (float)(0.05 * sin(2 * M_PI * 1000.0 * t));
	}
}

static void test_guard(void **state)
{
	(void)state;
	const struct fx_class *cls = fx_class_find("limiter");
	assert_non_null(cls);
	double p[FX_MAX_PARAMS];
	fx_param_defaults(cls, p);
	struct fx_insert *fx = fx_insert_create(cls, RATE, p, false);
	assert_non_null(fx);
	const int ceiling = fx_param_find(cls, "ceiling_dbtp");
	const int input = fx_param_find(cls, "input_db");
	const int release = fx_param_find(cls, "release_ms");
	assert_true(ceiling >= 0 && input >= 0 && release >= 0);
	const int64_t total = (int64_t)SECONDS * RATE;
	static const int sizes[] = { 1, 7, 32, 61, 1024, 3, 256, 64, 500, 33 };
	float *buf = malloc(sizeof(float) * 2 * 1024);
	assert_non_null(buf);
	uint64_t h = FNV1A_INIT;
	int step = 0;
	for (int64_t at = 0; at < total; step++) {
		int n = sizes[step % (int)(sizeof sizes / sizeof sizes[0])];
		if (n > total - at)
			n = (int)(total - at);
		for (int i = 0; i < n; i++) {
			buf[2 * i] = material(at + i, 0);
			buf[2 * i + 1] = material(at + i, 1);
		}
		/* moves while it plays: the glides of the ceiling and the input gain */
		if (at <= RATE / 2 && at + n > RATE / 2)
			fx_insert_set_param_rt(fx, ceiling, -3.0);
		if (at <= RATE && at + n > RATE)
			fx_insert_set_param_rt(fx, input, 6.0);
		if (at <= 2 * RATE && at + n > 2 * RATE) {
			fx_insert_set_param_rt(fx, release, 20.0);
			fx_insert_set_param_rt(fx, input, -2.0);
		}
		fx_insert_process_rt(fx, buf, n);
		h = fnv1a(h, buf, sizeof(float) * 2 * (size_t)n);
		at += n;
	}
	free(buf);
	fx_insert_destroy(fx);
	printf("limiter_guard: fingerprint 0x%016llx (expected 0x%016llx)\n",
		(unsigned long long)h, (unsigned long long)GUARD_FNV);
	assert_true(h == GUARD_FNV);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guard),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
