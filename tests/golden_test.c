/* Golden renders: projects made of analytic signals, rendered through the real offline
 * path (graph_build -> engine_process_rt -> render_run), checked against the formulas
 * of docs/dsp.md. */
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
#include "audio/graph.h"
#include "src/graph_build.h"
#include "src/project.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000

static double sine_1k_m20(int64_t i, int ch, void *arg)
{
	(void)ch;
	int rate = arg ? *(int *)arg : RATE;
	return pow(10.0, -20.0 / 20.0) * sin(2.0 * M_PI * 1000.0 * (double)i / rate);
}

static double rms(const float *buf, int64_t frames, int ch, int64_t from, int64_t to)
{
	double s = 0;
	for (int64_t i = from; i < to && i < frames; i++)
		s += (double)buf[i * 2 + ch] * buf[i * 2 + ch];
	return sqrt(s / (double)(to - from));
}

static double db(double x)
{
	return 20.0 * log10(x);
}

/* One mono track with a -20 dBFS sine at each pan position: channel levels must be the
 * documented law, L = cos((p+1)pi/4), R = sin((p+1)pi/4), at the default -3 dB. */
static void test_pan_law(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/sine.wav", dir);
	tu_write_wav(wav, RATE, 1, RATE, sine_1k_m20, NULL);
	const double pans[] = { -1.0, -0.5, 0.0, 0.5, 1.0 };
	const double in_rms = pow(10.0, -20.0 / 20.0) / sqrt(2.0);
	for (size_t k = 0; k < sizeof pans / sizeof pans[0]; k++) {
		struct project *p = project_new(dir, "pan", RATE);
		struct project_track *t = project_add_track(p, "sine");
		t->strip.pan = pans[k];
		project_add_clip(t, "sine.wav", 0.0);
		int64_t n;
		float *out = tu_render(p, 0, 0, 0, &n);
		assert_int_equal(n, RATE);
		double theta = (pans[k] + 1.0) * M_PI / 4.0;
		double want[2] = { cos(theta), sin(theta) };
		for (int c = 0; c < 2; c++) {
			double got = rms(out, n, c, 0, n) / in_rms;
			if (want[c] < 1e-9) {
				assert_true(got < 1e-6); /* a hard pan leaves the other side silent */
			} else {
				double err_db = fabs(db(got) - db(want[c]));
				if (err_db > 0.001)
					fail_msg("pan %g ch %d: %.5f dB, law says %.5f dB", pans[k], c, db(got),
						db(want[c]));
			}
			/* sample by sample too: the gain is a constant, not a level that averages out */
			for (int64_t i = 0; i < n; i += 997) {
				double x = sine_1k_m20(i, 0, NULL) * want[c];
				assert_true(fabs(out[i * 2 + c] - x) < 1e-6);
			}
		}
		free(out);
		project_free(p);
	}
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

/* The -6 dB law is the square of the -3 dB one (docs/dsp.md). */
static void test_pan_law_minus6(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/sine.wav", dir);
	tu_write_wav(wav, RATE, 1, RATE / 4, sine_1k_m20, NULL);
	struct project *p = project_new(dir, "pan", RATE);
	p->pan_law_db = -6.0;
	struct project_track *t = project_add_track(p, "sine");
	t->strip.pan = 0.0;
	project_add_clip(t, "sine.wav", 0.0);
	int64_t n;
	float *out = tu_render(p, 0, 0, 0, &n);
	double in_rms = pow(10.0, -20.0 / 20.0) / sqrt(2.0);
	double got = db(rms(out, n, 0, 0, n) / in_rms);
	assert_true(fabs(got - 20.0 * log10(0.5)) < 0.001);
	free(out);
	project_free(p);
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

static double noise(int64_t i, int ch, void *arg)
{
	uint64_t x = (uint64_t)i * 0x9E3779B97F4A7C15ull + (uint64_t)ch * 77 +
		(uint64_t)(uintptr_t)arg;
	x ^= x >> 29;
	x *= 0xBF58476D1CE4E5B9ull;
	x ^= x >> 32;
	return ((double)(x & 0xFFFFFF) / 16777216.0 - 0.5) * 0.5;
}

/* Two overlapping stereo clips on one track, and a third clip on another track:
 * the output is exactly their float sum (stereo balance at centre is unity). */
static void test_overlap_sums_exactly(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *a = xasprintf("%s/a.wav", dir), *b = xasprintf("%s/b.wav", dir);
	tu_write_wav(a, RATE, 2, RATE, noise, (void *)1);
	tu_write_wav(b, RATE, 2, RATE, noise, (void *)2);
	struct project *p = project_new(dir, "sum", RATE);
	struct project_track *t = project_add_track(p, "t1");
	project_add_clip(t, "a.wav", 0.0);
	/* wholly inside a.wav's clip, so it is added (one that ran past a's end would
	 * crossfade: tests/clip_edit_test) */
	project_add_clip(t, "b.wav", 0.5)->length = 0.4;
	struct project_track *t2 = project_add_track(p, "t2");
	project_add_clip(t2, "a.wav", 0.25);
	int64_t n;
	float *out = tu_render(p, 0, 0, 0, &n);
	assert_int_equal(n, RATE + RATE / 4);
	for (int64_t i = 0; i < n; i++) {
		for (int c = 0; c < 2; c++) {
			float want = 0.0f;
			if (i < RATE)
				want += (float)noise(i, c, (void *)1);
			if (i >= RATE / 2 && i < RATE / 2 + RATE * 2 / 5)
				want += (float)noise(i - RATE / 2, c, (void *)2);
			float other = 0.0f;
			if (i >= RATE / 4 && i < RATE / 4 + RATE)
				other = (float)noise(i - RATE / 4, c, (void *)1);
			want = want + other;
			if (out[i * 2 + c] != want)
				fail_msg("frame %lld ch %d: %.9g, want %.9g", (long long)i, c, out[i * 2 + c],
					want);
		}
	}
	free(out);
	project_free(p);
	free(a);
	free(b);
	tu_rmtree(dir);
	free(dir);
}

static double impulse_at_1000(int64_t i, int ch, void *arg)
{
	(void)ch;
	(void)arg;
	return i == 1000 ? 0.75 : 0.0;
}

/* An impulse at file frame 1000, a clip starting at 0.5 s with a 500-frame offset:
 * the impulse lands on frame 24000 + 500, and nowhere else. */
static void test_impulse_placement(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/imp.wav", dir);
	tu_write_wav(wav, RATE, 2, 4000, impulse_at_1000, NULL);
	struct project *p = project_new(dir, "imp", RATE);
	struct project_track *t = project_add_track(p, "imp");
	struct project_clip *c = project_add_clip(t, "imp.wav", 0.5);
	c->offset = 500.0 / RATE;
	int64_t n;
	float *out = tu_render(p, 0, 0, 0, &n);
	assert_int_equal(n, RATE / 2 + 3500);
	for (int64_t i = 0; i < n; i++) {
		float want = i == RATE / 2 + 500 ? 0.75f : 0.0f;
		if (out[i * 2] != want || out[i * 2 + 1] != want)
			fail_msg("frame %lld: %g %g, want %g", (long long)i, out[i * 2], out[i * 2 + 1],
				want);
	}
	free(out);
	/* and with --start: the render window begins exactly at the asked frame */
	out = tu_render(p, 0.5, 0.6, 0, &n);
	assert_int_equal(n, RATE / 10);
	assert_true(out[500 * 2] == 0.75f);
	assert_true(out[499 * 2] == 0.0f);
	free(out);
	project_free(p);
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

static double dc_half(int64_t i, int ch, void *arg)
{
	(void)i;
	(void)ch;
	(void)arg;
	return 0.5;
}

/* Fades are linear in amplitude: gain i/N over a fade-in of N frames, mirrored at the
 * end so that the last frame is silent (docs/dsp.md). Clip gain multiplies. */
static void test_fades(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/dc.wav", dir);
	tu_write_wav(wav, RATE, 2, RATE, dc_half, NULL);
	struct project *p = project_new(dir, "fades", RATE);
	struct project_track *t = project_add_track(p, "dc");
	struct project_clip *c = project_add_clip(t, "dc.wav", 0.0);
	c->fade_in = 0.1;
	c->fade_out = 0.25;
	c->gain_db = -6.0;
	int64_t n;
	float *out = tu_render(p, 0, 0, 0, &n);
	assert_int_equal(n, RATE);
	const int64_t fi = RATE / 10, fo = RATE / 4;
	const double g = pow(10.0, -6.0 / 20.0);
	for (int64_t i = 0; i < n; i++) {
		double gain = 1.0;
		if (i < fi)
			gain *= (double)i / fi;
		int64_t from_end = n - 1 - i;
		if (from_end < fo)
			gain *= (double)from_end / fo;
		double want = 0.5 * g * gain;
		if (fabs(out[i * 2] - want) > 1e-6)
			fail_msg("frame %lld: %.7f, want %.7f", (long long)i, out[i * 2], want);
	}
	assert_true(out[0] == 0.0f);
	assert_true(out[(n - 1) * 2] == 0.0f);
	free(out);
	project_free(p);
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

/* Zero crossings per second of channel 0, interpolated, over [from, to). */
static double frequency(const float *buf, int64_t from, int64_t to, int rate)
{
	double first = -1, last = -1;
	int count = 0;
	for (int64_t i = from + 1; i < to; i++) {
		float a = buf[(i - 1) * 2], b = buf[i * 2];
		if (a < 0 && b >= 0) {
			double t = (double)(i - 1) + a / (a - b);
			if (first < 0)
				first = t;
			else
				count++;
			last = t;
		}
	}
	return count * (double)rate / (last - first);
}

/* A 44.1 kHz file in a 48 kHz project: resampled with soxr, same level (+-0.01 dB) and
 * the same pitch. */
static void test_resampled_level_and_pitch(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/s44.wav", dir);
	int rate44 = 44100;
	tu_write_wav(wav, rate44, 1, rate44 * 2, sine_1k_m20, &rate44);
	struct project *p = project_new(dir, "sr", RATE);
	struct project_track *t = project_add_track(p, "s");
	t->strip.pan = -1.0; /* all on the left at unity */
	project_add_clip(t, "s44.wav", 0.0);
	int64_t n;
	float *out = tu_render(p, 0, 0, 0, &n);
	assert_int_equal(n, RATE * 2);
	/* skip the edges, where the filter sees the file's start and end */
	double level = db(rms(out, n, 0, RATE / 10, n - RATE / 10));
	double want = -20.0 - db(sqrt(2.0));
	if (fabs(level - want) > 0.01)
		fail_msg("level %.4f dB, want %.4f dB", level, want);
	double f = frequency(out, RATE / 10, n - RATE / 10, RATE);
	if (fabs(f - 1000.0) > 0.01)
		fail_msg("frequency %.4f Hz, want 1000 Hz", f);
	free(out);
	project_free(p);
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

/* The same project rendered with engine blocks of 1, 64, 1000 and 8192 frames gives the
 * same samples: block size never changes the result (playback uses other sizes). */
static void test_block_size_independent(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *a = xasprintf("%s/a.wav", dir);
	int rate44 = 44100;
	tu_write_wav(a, rate44, 2, rate44, noise, (void *)3);
	struct project *p = project_new(dir, "blocks", RATE);
	struct project_track *t = project_add_track(p, "a");
	t->strip.gain_db = -3.0;
	t->strip.pan = 0.3;
	struct project_clip *c = project_add_clip(t, "a.wav", 0.1);
	c->fade_in = 0.05;
	struct project_track *t2 = project_add_track(p, "b");
	project_add_clip(t2, "a.wav", 0.0)->offset = 0.2;
	int64_t n0;
	float *ref = tu_render(p, 0, 0, 1024, &n0);
	const int blocks[] = { 1, 64, 1000, 8192 };
	for (size_t k = 0; k < sizeof blocks / sizeof blocks[0]; k++) {
		int64_t n;
		float *out = tu_render(p, 0, 0, blocks[k], &n);
		assert_int_equal(n, n0);
		if (memcmp(out, ref, sizeof(float) * 2 * (size_t)n) != 0)
			fail_msg("block size %d changes the output", blocks[k]);
		free(out);
	}
	free(ref);
	project_free(p);
	free(a);
	tu_rmtree(dir);
	free(dir);
}

/* Mute silences a track; solo silences every track that is not soloed. */
static void test_mute_solo(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *a = xasprintf("%s/a.wav", dir);
	tu_write_wav(a, RATE, 1, RATE / 10, dc_half, NULL);
	struct project *p = project_new(dir, "ms", RATE);
	struct project_track *t1 = project_add_track(p, "left");
	t1->strip.pan = -1;
	project_add_clip(t1, "a.wav", 0.0);
	struct project_track *t2 = project_add_track(p, "right");
	t2->strip.pan = 1;
	project_add_clip(t2, "a.wav", 0.0);
	int64_t n;
	p->tracks[0].strip.mute = true;
	float *out = tu_render(p, 0, 0, 0, &n);
	assert_true(out[100 * 2] == 0.0f && out[100 * 2 + 1] == 0.5f);
	free(out);
	p->tracks[0].strip.mute = false;
	p->tracks[0].strip.solo = true;
	out = tu_render(p, 0, 0, 0, &n);
	assert_true(out[100 * 2] == 0.5f && fabsf(out[100 * 2 + 1]) < 1e-7f);
	free(out);
	project_free(p);
	free(a);
	tu_rmtree(dir);
	free(dir);
}


static double ramp_signal(int64_t i, int ch, void *arg)
{
	(void)arg;
	/* every frame distinct, so a wrong frame anywhere shows */
	return (double)(i % 100000) / 100000.0 * (ch ? -1.0 : 1.0);
}

/* Drive the engine as a driver and a disk thread would, on this thread, for `frames`
 * played frames in periods of 333; the left channel must be the ramp signal from
 * source frame `from`, wrapping to loop_start at loop_end (loop_end 0: no loop). */
static void play_and_check(struct engine *e, int64_t frames, int64_t from,
	int64_t loop_start, int64_t loop_end)
{
	float buf[333 * 2];
	int64_t expect = from, played = 0;
	int stalls = 0;
	while (played < frames) {
		engine_disk_service(e);
		int n = engine_process_rt(e, buf, 333);
		struct event ev;
		while (engine_poll_event(e, &ev))
			;
		if (n == 0) {
			assert_true(++stalls < 100); /* waiting for the disk, briefly */
			continue;
		}
		for (int i = 0; i < n; i++) {
			float want = (float)ramp_signal(expect, 0, NULL);
			if (buf[i * 2] != want)
				fail_msg("frame %lld of play: %.6f, want source frame %lld (%.6f)",
					(long long)(played + i), buf[i * 2], (long long)expect, want);
			if (++expect == loop_end)
				expect = loop_start;
		}
		played += n;
	}
}

/* Drive an engine as a driver and a disk thread would, on one thread: locate, loop and
 * play; the output must be the loop's frames, repeated exactly, with no gap at the
 * wrap, and a locate while playing must land on its frame. */
static void test_loop_and_locate(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *wav = xasprintf("%s/ramp.wav", dir);
	tu_write_wav(wav, RATE, 2, RATE * 2, ramp_signal, NULL);
	struct project *p = project_new(dir, "loop", RATE);
	project_add_clip(project_add_track(p, "r"), "ramp.wav", 0.0);
	struct diag d;
	diag_init(&d);
	struct graph *g;
	graph_build(p, false, &g, &d);
	diag_deinit(&d);
	struct engine *e = engine_create(RATE);
	const int64_t ls = 10000, le = 10000 + 7000; /* a loop shorter than two chunks */
	engine_send_graph(e, g);
	engine_send_simple(e, CMD_LOCATE, 0, 0, false, ls - 300);
	struct cmd loop = { .type = CMD_LOOP, .frame = ls, .frame2 = le, .on = true };
	engine_send(e, &loop);
	engine_send_simple(e, CMD_PLAY, 0, 0, false, 0);
	/* play into the loop, round it several times */
	play_and_check(e, 40000, ls - 300, ls, le);
	/* locate while playing, loop off: output resumes exactly at the new frame */
	struct cmd noloop = { .type = CMD_LOOP, .frame = 0, .frame2 = 0, .on = false };
	engine_send(e, &noloop);
	engine_send_simple(e, CMD_LOCATE, 0, 0, false, 50000);
	play_and_check(e, 20000, 50000, 0, 0);
	engine_destroy(e);
	project_free(p);
	free(wav);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pan_law),
		cmocka_unit_test(test_pan_law_minus6),
		cmocka_unit_test(test_overlap_sums_exactly),
		cmocka_unit_test(test_impulse_placement),
		cmocka_unit_test(test_fades),
		cmocka_unit_test(test_resampled_level_and_pitch),
		cmocka_unit_test(test_block_size_independent),
		cmocka_unit_test(test_mute_solo),
		cmocka_unit_test(test_loop_and_locate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
