/* Media, trust (issue 15): readers in a pool never hold more files open than its
 * bound, and read what readers of their own would (exactly at the file's rate, within
 * a hair where a closed reader's resampler restarts); samples that are not finite or
 * beyond +-64 come out as silence, counted, and the file is reported once. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/media.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000
#define BLOCK 1000

/* A chirp-like signal: no two blocks alike, so a read from the wrong place shows. */
static double gen_sweep(int64_t i, int ch, void *arg)
{
	(void)arg;
	double t = (double)i / RATE;
	return 0.4 * sin(2 * M_PI * (200.0 + 300.0 * t) * t + ch);
}

struct bad_at {
	int64_t frame;
	float value;
};

/* Sweep with a few bad values in channel 0. */
static double gen_bad(int64_t i, int ch, void *arg)
{
	const struct bad_at *bad = arg;
	for (int k = 0; bad[k].frame >= 0; k++)
		if (bad[k].frame == i && ch == 0)
			return bad[k].value;
	return gen_sweep(i, ch, NULL);
}

/* Six clips' readers (three per file) in a pool of two, read in turns the way the disk
 * thread fills chunks: each advances block by block, one file resampled. */
static void pool_bound_and_samples(int out_rate, double tolerance)
{
	char *dir = tu_tempdir();
	char *paths[2] = { xasprintf("%s/a.wav", dir), xasprintf("%s/b.wav", dir) };
	tu_write_wav(paths[0], RATE, 1, RATE * 2, gen_sweep, NULL);
	tu_write_wav(paths[1], RATE, 2, RATE * 2, gen_sweep, NULL);
	struct media_pool *pool = media_pool_create(2);
	assert_non_null(pool);
	enum { READERS = 6 };
	struct media_reader *pooled[READERS], *own[READERS];
	int64_t pos[READERS];
	struct err_msg msg;
	for (int r = 0; r < READERS; r++) {
		const char *path = paths[r % 2];
		assert_int_equal(media_reader_open_pooled(&pooled[r], pool, path, out_rate, &msg),
			ERR_OK);
		assert_int_equal(media_reader_open(&own[r], path, out_rate, &msg), ERR_OK);
		pos[r] = r * 7919; /* each starts elsewhere */
	}
	/* made, not yet read: nothing open */
	assert_int_equal(media_pool_open_files(pool), 0);
	float a[BLOCK * 2], b[BLOCK * 2];
	double worst = 0;
	for (int round = 0; round < 40; round++) {
		for (int r = 0; r < READERS; r++) {
			const int ch = media_reader_info(own[r])->channels;
			assert_int_equal(media_reader_read(pooled[r], pos[r], a, BLOCK, &msg), ERR_OK);
			assert_int_equal(media_reader_read(own[r], pos[r], b, BLOCK, &msg), ERR_OK);
			for (int i = 0; i < BLOCK * ch; i++)
				worst = fmax(worst, fabs((double)a[i] - b[i]));
			assert_true(media_pool_open_files(pool) <= 2);
			pos[r] += BLOCK;
		}
	}
	if (worst > tolerance)
		fail_msg("pooled readers differ from their own by %g (allowed %g)", worst, tolerance);
	media_pool_close_files(pool);
	assert_int_equal(media_pool_open_files(pool), 0);
	/* closed, they open again where they are asked to read */
	assert_int_equal(media_reader_read(pooled[0], 5000, a, BLOCK, &msg), ERR_OK);
	assert_int_equal(media_reader_read(own[0], 5000, b, BLOCK, &msg), ERR_OK);
	for (int i = 0; i < BLOCK; i++)
		assert_true(fabs((double)a[i] - b[i]) <= tolerance + 1e-3);
	for (int r = 0; r < READERS; r++) {
		media_reader_close(pooled[r]);
		media_reader_close(own[r]);
	}
	media_pool_destroy(pool);
	free(paths[0]);
	free(paths[1]);
	tu_rmtree(dir);
	free(dir);
}

static void test_pool_same_rate(void **state)
{
	(void)state;
	pool_bound_and_samples(RATE, 0.0); /* a reopened file seeks exactly */
}

static void test_pool_resampled(void **state)
{
	(void)state;
	/* a closed reader's resampler restarts with the pre-roll of any seek */
	pool_bound_and_samples(44100, 1e-3);
}

/* A probe made once per path: a missing file fails every reader of it alike. */
static void test_pool_missing_file(void **state)
{
	(void)state;
	struct media_pool *pool = media_pool_create(0);
	struct media_reader *r = NULL;
	struct err_msg msg;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(media_reader_open_pooled(&r, pool, "/nonexistent/x.wav", RATE,
			&msg), ERR_NOT_FOUND);
		assert_null(r);
		assert_non_null(strstr(msg.text, "/nonexistent/x.wav: audio file not found"));
	}
	media_pool_destroy(pool);
}

static void bad_samples_at(int out_rate)
{
	char *dir = tu_tempdir();
	char *path = xasprintf("%s/bad-%d.wav", dir, out_rate);
	const struct bad_at bad[] = {
		{ 100, NAN }, { 2000, INFINITY }, { 3000, -INFINITY }, { 4000, 1e30f },
		{ 5000, 64.5f }, { 6000, -64.0f }, { -1, 0 }
	};
	tu_write_wav(path, RATE, 2, RATE, gen_bad, (void *)bad);
	struct media_reader *r;
	struct err_msg msg;
	assert_int_equal(media_reader_open(&r, path, out_rate, &msg), ERR_OK);
	const int64_t n = media_reader_frames(r);
	float *x = xmalloc(sizeof *x * 2 * (size_t)n);
	assert_int_equal(media_reader_read(r, 0, x, (int)n, &msg), ERR_OK);
	media_reader_close(r);
	double peak = 0;
	for (int64_t i = 0; i < 2 * n; i++) {
		assert_true(isfinite(x[i]));
		peak = fmax(peak, fabs(x[i]));
	}
	/* -64 is at the limit, not beyond it: it stays (spread by the resampler's filter
	 * when resampled, so lower there) */
	if (peak < (out_rate == RATE ? 64.0 : 10.0) || peak > 64.0)
		fail_msg("peak %g: the sample at -64 went missing, or a bad one came through",
			peak);
	if (out_rate == RATE) {
		assert_true(x[100 * 2] == 0.0f && x[2000 * 2] == 0.0f && x[4000 * 2] == 0.0f);
		assert_true(x[6000 * 2] == -64.0f);
	}
	free(x);
	/* reported once, with the count of what this reader silenced */
	char got[4096];
	int64_t count = 0;
	assert_true(media_take_bad_samples(got, sizeof got, &count));
	assert_string_equal(got, path);
	assert_int_equal(count, 5);
	assert_false(media_take_bad_samples(got, sizeof got, &count));
	/* check's view: a problem, counted over the whole file */
	struct media_info info;
	assert_int_equal(media_verify(path, &info, &msg), ERR_MEDIA);
	assert_non_null(strstr(msg.text, "5 samples not finite or beyond"));
	assert_int_equal(media_count_bad_samples(path, &count, &msg), ERR_OK);
	assert_int_equal(count, 5);
	/* verifying and counting do not report the file again */
	assert_false(media_take_bad_samples(got, sizeof got, &count));
	free(path);
	tu_rmtree(dir);
	free(dir);
}

static void test_bad_samples_direct(void **state)
{
	(void)state;
	bad_samples_at(RATE);
}

static void test_bad_samples_resampled(void **state)
{
	(void)state;
	bad_samples_at(44100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_same_rate),
		cmocka_unit_test(test_pool_resampled),
		cmocka_unit_test(test_pool_missing_file),
		cmocka_unit_test(test_bad_samples_direct),
		cmocka_unit_test(test_bad_samples_resampled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
