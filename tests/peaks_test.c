/* The waveform peak cache: min/max per bucket match the samples, a second open reads
 * the cache and not the audio, a changed file is rebuilt (and its old cache removed),
 * a damaged cache is rebuilt, and the background worker delivers the same result. */
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "src/peaks.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 44100
/* not a whole number of buckets: the last one is partial */
#define FRAMES (PEAKS_BUCKET_FRAMES * 40 + 100)

/* A different, known value on every frame and channel; channel 1 goes negative. */
static double gen(int64_t i, int ch, void *arg)
{
	const double scale = arg ? *(const double *)arg : 1.0;
	const double v = 0.9 * sin(2 * M_PI * 440.0 * (double)i / RATE) * scale;
	return ch == 0 ? v : -0.5 * v + 0.001 * (double)(i % 7);
}

static void check_against_samples(const struct peaks *pk, double scale)
{
	assert_int_equal(pk->sample_rate, RATE);
	assert_int_equal(pk->frames, FRAMES);
	assert_int_equal(pk->n_buckets,
		(FRAMES + PEAKS_BUCKET_FRAMES - 1) / PEAKS_BUCKET_FRAMES);
	for (int64_t b = 0; b < pk->n_buckets; b++) {
		float lo = INFINITY, hi = -INFINITY;
		for (int64_t i = b * PEAKS_BUCKET_FRAMES;
			i < (b + 1) * PEAKS_BUCKET_FRAMES && i < FRAMES; i++)
			for (int ch = 0; ch < 2; ch++) {
				const float s = (float)gen(i, ch, &scale); /* as the float WAV holds it */
				lo = s < lo ? s : lo;
				hi = s > hi ? s : hi;
			}
		assert_true(pk->min[b] == lo);
		assert_true(pk->max[b] == hi);
	}
	const float whole = peaks_abs_max(pk, 0, FRAMES);
	assert_true(fabsf(whole - (float)(0.9 * scale)) < 0.01f);
	assert_true(peaks_abs_max(pk, 10, 10) == 0);
}

/* Caches in dir, by name. */
static int count_caches(const char *dir, char *found, size_t size)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		if (strstr(de->d_name, ".peaks")) {
			n++;
			snprintf(found, size, "%s", de->d_name);
		}
	closedir(d);
	return n;
}

struct fixture {
	char *dir, *wav, *cache;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	f->dir = tu_tempdir();
	f->wav = xasprintf("%s/tone.wav", f->dir);
	f->cache = xasprintf("%s/%s", f->dir, PEAKS_FOLDER);
	double scale = 1.0;
	tu_write_wav(f->wav, RATE, 2, FRAMES, gen, &scale);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	tu_rmtree(f->cache);
	tu_rmtree(f->dir);
	free(f->dir);
	free(f->wav);
	free(f->cache);
	free(f);
	return 0;
}

static struct peaks *open_ok(const struct fixture *f, bool *from_cache)
{
	struct peaks *pk;
	struct err_msg msg = { "" };
	enum err rc = peaks_open(f->wav, f->cache, "tone.wav", NULL, &pk, from_cache, &msg);
	if (rc != ERR_OK)
		fail_msg("%s", msg.text);
	return pk;
}

static void test_build_then_cache(void **state)
{
	struct fixture *f = *state;
	bool from_cache = true;
	struct peaks *pk = open_ok(f, &from_cache);
	assert_false(from_cache);
	check_against_samples(pk, 1.0);
	peaks_free(pk);
	char name[256] = "";
	assert_int_equal(count_caches(f->cache, name, sizeof name), 1);
	assert_int_equal(strncmp(name, "tone.wav.", 9), 0);

	/* Same size and mtime, but the audio replaced by zeros: only a cache that is
	 * really used instead of the audio still gives the tone's peaks. */
	struct stat st;
	assert_int_equal(stat(f->wav, &st), 0);
	char *zeros = xcalloc(1, (size_t)st.st_size);
	int fd = open(f->wav, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, zeros, (size_t)st.st_size), st.st_size);
	close(fd);
	free(zeros);
	const struct timespec times[2] = { st.st_atim, st.st_mtim };
	assert_int_equal(utimensat(AT_FDCWD, f->wav, times, 0), 0);

	pk = open_ok(f, &from_cache);
	assert_true(from_cache);
	check_against_samples(pk, 1.0);
	peaks_free(pk);
}

static void test_changed_file_rebuilds(void **state)
{
	struct fixture *f = *state;
	bool from_cache;
	peaks_free(open_ok(f, &from_cache));
	char before[256] = "", after[256] = "";
	assert_int_equal(count_caches(f->cache, before, sizeof before), 1);

	/* the same size, another mtime: a new tone at half the level */
	double half = 0.5;
	tu_write_wav(f->wav, RATE, 2, FRAMES, gen, &half);
	struct timespec later[2] = { { 0, UTIME_OMIT }, { time(NULL) + 10, 0 } };
	assert_int_equal(utimensat(AT_FDCWD, f->wav, later, 0), 0);

	struct peaks *pk = open_ok(f, &from_cache);
	assert_false(from_cache);
	check_against_samples(pk, 0.5);
	peaks_free(pk);
	/* one cache: the stale one is gone */
	assert_int_equal(count_caches(f->cache, after, sizeof after), 1);
	assert_string_not_equal(before, after);

	pk = open_ok(f, &from_cache);
	assert_true(from_cache);
	check_against_samples(pk, 0.5);
	peaks_free(pk);
}

static void test_damaged_cache_rebuilds(void **state)
{
	struct fixture *f = *state;
	bool from_cache;
	peaks_free(open_ok(f, &from_cache));
	char name[256] = "";
	assert_int_equal(count_caches(f->cache, name, sizeof name), 1);
	char *path = xasprintf("%s/%s", f->cache, name);
	assert_int_equal(truncate(path, 50), 0);
	struct peaks *pk = open_ok(f, &from_cache);
	assert_false(from_cache);
	check_against_samples(pk, 1.0);
	peaks_free(pk);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_size > 50);
	free(path);
}

static void test_no_cache_dir_and_missing_file(void **state)
{
	struct fixture *f = *state;
	struct peaks *pk;
	bool from_cache = true;
	assert_int_equal(peaks_open(f->wav, NULL, "tone.wav", NULL, &pk, &from_cache, NULL),
		ERR_OK);
	assert_false(from_cache);
	check_against_samples(pk, 1.0);
	peaks_free(pk);
	char name[8];
	assert_int_equal(count_caches(f->cache, name, sizeof name), 0);

	char *missing = xasprintf("%s/nothing.wav", f->dir);
	struct err_msg msg;
	assert_int_equal(peaks_open(missing, f->cache, "nothing.wav", NULL, &pk, NULL, &msg),
		ERR_NOT_FOUND);
	assert_null(pk);
	free(missing);

	char *name_of = peaks_cache_name("audio/sub/kick.wav");
	assert_string_equal(name_of, "audio_sub_kick.wav");
	free(name_of);
}

static void wait_settled(struct peaks_worker *w, const char *key, struct peaks_status *st)
{
	for (int tries = 0; tries < 2000; tries++) {
		peaks_worker_poll(w);
		assert_true(peaks_worker_get(w, key, st));
		if (st->state == PEAKS_READY || st->state == PEAKS_FAILED)
			return;
		struct timespec ts = { 0, 5 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	fail_msg("the worker never finished %s", key);
}

static void test_worker(void **state)
{
	struct fixture *f = *state;
	struct peaks_worker *w = peaks_worker_start(f->cache);
	assert_non_null(w);
	struct peaks_status st;
	assert_false(peaks_worker_get(w, "tone.wav", &st));
	peaks_worker_request(w, "tone.wav", f->wav);
	char *missing = xasprintf("%s/gone.wav", f->dir);
	peaks_worker_request(w, "gone.wav", missing);
	peaks_worker_request(w, "tone.wav", f->wav); /* a repeat is ignored */
	free(missing);

	wait_settled(w, "tone.wav", &st);
	assert_int_equal(st.state, PEAKS_READY);
	assert_int_equal(st.frames, FRAMES);
	assert_int_equal(st.sample_rate, RATE);
	check_against_samples(st.peaks, 1.0);
	wait_settled(w, "gone.wav", &st);
	assert_int_equal(st.state, PEAKS_FAILED);
	assert_non_null(strstr(st.error, "gone.wav"));
	peaks_worker_poll(w);
	assert_false(peaks_worker_poll(w)); /* nothing new since the last poll */
	peaks_worker_stop(w);
	char name[256];
	assert_int_equal(count_caches(f->cache, name, sizeof name), 1);

	/* stopping at once, mid-build, is clean */
	w = peaks_worker_start(NULL);
	peaks_worker_request(w, "tone.wav", f->wav);
	peaks_worker_stop(w);
	peaks_worker_stop(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_build_then_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_file_rebuilds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_cache_rebuilds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_cache_dir_and_missing_file, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_worker, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
