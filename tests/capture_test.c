/* The capture path alone (audio/capture.c): a producer thread plays the audio thread
 * (capture_process_rt in 64-frame periods of known ramps) while the writer thread
 * writes the WAV files. Every frame that was not counted as an overflow arrives, in
 * order and exact at 24 bits; the take starts at the first rolling period; the header
 * counts what was written while the take still runs (a kill -9 keeps it); a stop
 * drains the rings; a punch writes exactly its range; input monitoring adds exactly
 * the monitored slots' inputs (a mono one at -3 dB in the middle) and the input
 * meter reads the peak. Built twice: tests/capture_test, and tests/capture_tsan under
 * ThreadSanitizer with its own copies of the sources (tests/record.mk). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "audio/capture.h"
#include "audio/media.h"

#define RATE 48000
#define PERIOD 64

/* input i's sample for frame k: a ramp that 24-bit PCM holds exactly */
static float ramp(int input, long k)
{
	return (float)((k + 1000 * input) % 4096) / 8192.0f;
}

struct producer {
	struct capture *c;
	long periods;          /* rolling periods to play */
	long still;            /* periods before them with the transport stopped */
	int64_t song0;         /* the song frame the first rolling period starts at */
};

static void *produce(void *arg)
{
	struct producer *p = arg;
	float in[2][PERIOD];
	const float *ins[2] = { in[0], in[1] };
	long k = 0;
	for (long n = 0; n < p->still + p->periods; n++) {
		for (int i = 0; i < 2; i++)
			for (int f = 0; f < PERIOD; f++)
				in[i][f] = ramp(i, k + f);
		const bool rolling = n >= p->still;
		capture_process_rt(p->c, ins, 2, PERIOD, p->song0 + (n - p->still) * PERIOD,
			rolling);
		k += PERIOD;
		if (n % 64 == 63) /* about real time, in bursts of 64 periods */
			nanosleep(&(struct timespec){ .tv_nsec = 64 * PERIOD * (1000000000L / RATE) }, NULL);
	}
	return NULL;
}

static char dir[64];

static void path_of(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
}

/* The file's frames are the ramp of input `input` (channels wide from there) from
 * frame `from`, with no gap: what was dropped is counted, never skipped silently. */
static void check_file(const char *path, int input, int channels, long from, int64_t frames)
{
	struct media_reader *r;
	struct err_msg msg;
	assert_int_equal(media_reader_open(&r, path, RATE, &msg), ERR_OK);
	assert_int_equal(media_reader_info(r)->channels, channels);
	assert_int_equal(media_reader_frames(r), frames);
	float *buf = malloc(sizeof(float) * (size_t)frames * (size_t)channels);
	assert_int_equal(media_reader_read(r, 0, buf, (int)frames, &msg), ERR_OK);
	for (int64_t k = 0; k < frames; k++)
		for (int ch = 0; ch < channels; ch++)
			if (buf[k * channels + ch] != ramp(input + ch, from + k))
				fail_msg("%s: frame %lld channel %d is %g, not %g", path, (long long)k,
					ch, buf[k * channels + ch], ramp(input + ch, from + k));
	free(buf);
	media_reader_close(r);
}

static void test_take(void **state)
{
	(void)state;
	const struct capture_slot_cfg cfg[2] = { { 1, 1 }, { 0, 2 } };
	struct err_msg msg;
	struct capture *c = capture_create(RATE, cfg, 2, &msg);
	assert_non_null(c);
	char a[128], b[128];
	path_of(a, sizeof a, "mono-take1.wav");
	path_of(b, sizeof b, "stereo-take1.wav");
	char *paths[2] = { a, b };
	assert_int_equal(capture_record_start(c, paths, "ttymix take start_frame=480", &msg),
		ERR_OK);
	/* 3 s: the writer rewrites the headers at least once meanwhile */
	struct producer p = { c, 3 * RATE / PERIOD, 10, 480 };
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, produce, &p), 0);
	pthread_join(t, NULL);
	/* the take still runs: the header already counts what was written two seconds
	 * ago and more (what a kill -9 would leave) */
	struct media_info info;
	assert_int_equal(media_probe(b, &info, &msg), ERR_OK);
	assert_true(info.frames >= RATE);
	struct capture_take take;
	capture_record_stop(c, false, &take);
	assert_int_equal(take.error, ERR_OK);
	assert_int_equal(take.start_frame, 480);
	const int64_t played = p.periods * PERIOD;
	/* a frame dropped (counted) is written as silence in its place: whole files */
	assert_int_equal(take.frames[0], played);
	assert_int_equal(take.frames[1], played);
	if (!take.overflows) {
		check_file(a, 1, 1, 10 * PERIOD, played);
		check_file(b, 0, 2, 10 * PERIOD, played);
	}
	printf("capture: %lld frames each, %llu dropped, first samples written after %.1f ms\n",
		(long long)played, (unsigned long long)take.overflows, take.first_sample_sec * 1e3);
	char tag[64];
	assert_true(media_read_tag(a, "comment", tag, sizeof tag));
	assert_string_equal(tag, "ttymix take start_frame=480");
	/* the meters saw the ramps' top */
	assert_true(capture_peak_take(c, 1) > 0.49f);
	assert_true(capture_peak_take(c, 1) == 0.0f);
	capture_destroy(c);
	remove(a);
	remove(b);
}

/* A take nobody rolled: nothing is written, no start */
static void test_never_rolled(void **state)
{
	(void)state;
	const struct capture_slot_cfg cfg[1] = { { 0, 1 } };
	struct err_msg msg;
	struct capture *c = capture_create(RATE, cfg, 1, &msg);
	char a[128];
	path_of(a, sizeof a, "still.wav");
	char *paths[1] = { a };
	assert_int_equal(capture_record_start(c, paths, NULL, &msg), ERR_OK);
	struct producer p = { c, 0, 100, 0 };
	produce(&p);
	struct capture_take take;
	capture_record_stop(c, false, &take);
	assert_int_equal(take.start_frame, -1);
	assert_int_equal(take.frames[0], 0);
	capture_destroy(c);
	remove(a);
}

/* Punch in and out: exactly the frames of [in, out) are written, from in on, and a
 * pass through the range again (a loop) adds nothing */
static void test_punch(void **state)
{
	(void)state;
	const struct capture_slot_cfg cfg[1] = { { 0, 1 } };
	struct err_msg msg;
	struct capture *c = capture_create(RATE, cfg, 1, &msg);
	char a[128];
	path_of(a, sizeof a, "punch.wav");
	char *paths[1] = { a };
	capture_set_punch(c, 1000, 3000);
	assert_int_equal(capture_record_start(c, paths, NULL, &msg), ERR_OK);
	struct producer p = { c, 4000 / PERIOD + 1, 0, 0 };
	produce(&p);
	produce(&p); /* the loop comes round again */
	struct capture_take take;
	capture_record_stop(c, false, &take);
	assert_int_equal(take.start_frame, 1000);
	assert_int_equal(take.frames[0], 2000);
	check_file(a, 0, 1, 1000, 2000);
	capture_destroy(c);
	remove(a);
}

/* :punch loop with the loop on: the song loops over [0, 3000) and the punch, a
 * round trip of 500 frames later, is [1500, 3500); the song wraps before 3500
 * comes, so the take counts its 2000 frames of time from 1500 (the samples heard
 * up to the loop's end) and is then done, however many passes follow */
static void test_punch_loop(void **state)
{
	(void)state;
	const struct capture_slot_cfg cfg[1] = { { 0, 1 } };
	struct err_msg msg;
	struct capture *c = capture_create(RATE, cfg, 1, &msg);
	char a[128];
	path_of(a, sizeof a, "punch-loop.wav");
	char *paths[1] = { a };
	capture_set_punch(c, 1500, 3500);
	assert_int_equal(capture_record_start(c, paths, NULL, &msg), ERR_OK);
	float in[2][PERIOD];
	const float *ins[2] = { in[0], in[1] };
	int64_t pos = 0;
	bool done_seen = false;
	for (long k = 0; k < 4 * 3000; k += PERIOD) {
		for (int i = 0; i < 2; i++)
			for (int f = 0; f < PERIOD; f++)
				in[i][f] = ramp(i, k + f);
		/* the engine wraps inside the period; the driver then sees no roll */
		int64_t next = pos + PERIOD;
		const bool wraps = next >= 3000;
		if (wraps)
			next -= 3000;
		capture_process_rt(c, ins, 2, PERIOD, pos, !wraps);
		pos = next;
		done_seen = done_seen || capture_punched_out(c);
	}
	assert_true(done_seen);
	struct capture_take take;
	capture_record_stop(c, false, &take);
	assert_int_equal(take.start_frame, 1500);
	assert_int_equal(take.frames[0], 2000);
	check_file(a, 0, 1, 1500, 2000);
	capture_destroy(c);
	remove(a);
}

/* The rings' pages are in memory before the audio thread's first take: filling a
 * whole ring (5 s of a stereo slot, more than its 4 s) costs this thread no page
 * faults (calloc'd rings faulted one per 4 KiB page, 512 of them here) */
static void test_rings_touched(void **state)
{
	(void)state;
	const struct capture_slot_cfg cfg[1] = { { 0, 2 } };
	struct err_msg msg;
	struct capture *c = capture_create(RATE, cfg, 1, &msg);
	assert_non_null(c);
	char *paths[1] = { NULL };
	assert_int_equal(capture_record_start(c, paths, NULL, &msg), ERR_OK);
	float in[2][PERIOD] = { { 0 } };
	const float *ins[2] = { in[0], in[1] };
	capture_process_rt(c, ins, 2, PERIOD, 0, true); /* this thread's stack, warm */
	struct rusage before, after;
	assert_int_equal(getrusage(RUSAGE_THREAD, &before), 0);
	for (long n = 1; n < 5L * RATE / PERIOD; n++)
		capture_process_rt(c, ins, 2, PERIOD, n * PERIOD, true);
	assert_int_equal(getrusage(RUSAGE_THREAD, &after), 0);
	const long faults = (after.ru_minflt - before.ru_minflt)
		+ (after.ru_majflt - before.ru_majflt);
	printf("capture: %ld page faults on the audio side over a ring's worth\n", faults);
#if defined(__SANITIZE_THREAD__)
	(void)faults; /* ThreadSanitizer maps its shadow of the ring on first use */
#else
	assert_true(faults < 16);
#endif
	struct capture_take take;
	capture_record_stop(c, false, &take);
	capture_destroy(c);
}

/* A period no ring can hold (more than its 4 s) is dropped and counted, and the
 * writer writes that much silence in its place: what comes after it stays in time */
static void test_overflow_padded(void **state)
{
	(void)state;
	const struct capture_slot_cfg cfg[2] = { { 1, 1 }, { 0, 2 } };
	struct err_msg msg;
	struct capture *c = capture_create(RATE, cfg, 2, &msg);
	char a[128], b[128];
	path_of(a, sizeof a, "gap-mono.wav");
	path_of(b, sizeof b, "gap-stereo.wav");
	char *paths[2] = { a, b };
	assert_int_equal(capture_record_start(c, paths, NULL, &msg), ERR_OK);
	enum { BIG = 6 * RATE, BEFORE = 100, AFTER = 100 }; /* rings: 2^18 frames */
	float *in[2] = { malloc(sizeof(float) * BIG), malloc(sizeof(float) * BIG) };
	const float *ins[2] = { in[0], in[1] };
	long k = 0;
	for (int n = 0; n < BEFORE + 1 + AFTER; n++) {
		const int frames = n == BEFORE ? BIG : PERIOD;
		for (int i = 0; i < 2; i++)
			for (int f = 0; f < frames; f++)
				in[i][f] = ramp(i, k + f);
		capture_process_rt(c, ins, 2, frames, k, true);
		k += frames;
	}
	struct capture_take take;
	capture_record_stop(c, false, &take);
	assert_int_equal(take.overflows, 2 * BIG);
	for (int s = 0; s < 2; s++) {
		assert_int_equal(take.frames[s], k);
		struct media_reader *r;
		assert_int_equal(media_reader_open(&r, s ? b : a, RATE, &msg), ERR_OK);
		const int ch = s ? 2 : 1;
		float *buf = malloc(sizeof(float) * (size_t)k * (size_t)ch);
		assert_int_equal(media_reader_read(r, 0, buf, (int)k, &msg), ERR_OK);
		for (long f = 0; f < k; f++) {
			const bool gap = f >= BEFORE * PERIOD && f < BEFORE * PERIOD + BIG;
			for (int x = 0; x < ch; x++)
				if (buf[f * ch + x] != (gap ? 0.0f : ramp(cfg[s].input + x, f)))
					fail_msg("slot %d frame %ld: %g", s, f, buf[f * ch + x]);
		}
		free(buf);
		media_reader_close(r);
	}
	free(in[0]);
	free(in[1]);
	capture_destroy(c);
	remove(a);
	remove(b);
}

/* Bad slots are refused with a line; a file that cannot be made leaves nothing */
static void test_refused(void **state)
{
	(void)state;
	struct err_msg msg;
	const struct capture_slot_cfg bad[1] = { { 1, 2 } };
	assert_null(capture_create(RATE, bad, 1, &msg));
	assert_non_null(strstr(msg.text, "input 2-2"));
	const struct capture_slot_cfg cfg[2] = { { 0, 1 }, { 1, 1 } };
	struct capture *c = capture_create(RATE, cfg, 2, &msg);
	char a[128];
	path_of(a, sizeof a, "first.wav");
	char *paths[2] = { a, "/nonexistent-dir/x.wav" };
	assert_int_not_equal(capture_record_start(c, paths, NULL, &msg), ERR_OK);
	assert_int_not_equal(access(a, F_OK), 0);
	capture_destroy(c);
}

/* Input monitoring: an unmonitored slot adds nothing; a mono slot is heard in the
 * middle at -3.01 dB on both sides, a stereo one as it is; the meter holds the peak
 * since it was last read. */
static void test_monitor(void **state)
{
	(void)state;
	struct err_msg msg;
	const struct capture_slot_cfg cfg[2] = { { 0, 1 }, { 0, 2 } };
	struct capture *c = capture_create(RATE, cfg, 2, &msg);
	assert_non_null(c);
	float a[PERIOD], b[PERIOD], l[PERIOD], r[PERIOD];
	for (int k = 0; k < PERIOD; k++) {
		a[k] = ramp(0, k) - 0.25f;
		b[k] = 4 * ramp(1, k);
	}
	const float *ins[2] = { a, b };
	memset(l, 0, sizeof l);
	memset(r, 0, sizeof r);
	capture_process_rt(c, ins, 2, PERIOD, 0, false);
	capture_monitor_rt(c, ins, 2, l, r, PERIOD);
	for (int k = 0; k < PERIOD; k++)
		assert_true(l[k] == 0.0f && r[k] == 0.0f);
	assert_float_equal(capture_peak_take(c, 0), 0.25f, 1e-7);
	/* the stereo slot reads both of its inputs */
	assert_float_equal(capture_peak_take(c, 1), 4 * ramp(1, PERIOD - 1), 1e-7);
	assert_float_equal(capture_peak_take(c, 0), 0.0f, 0); /* taken: read again from 0 */
	capture_set_monitor(c, 0, true);
	capture_monitor_rt(c, ins, 2, l, r, PERIOD);
	for (int k = 0; k < PERIOD; k++) {
		assert_float_equal(l[k], a[k] * 0.70710678f, 1e-7);
		assert_float_equal(r[k], a[k] * 0.70710678f, 1e-7);
	}
	memset(l, 0, sizeof l);
	memset(r, 0, sizeof r);
	capture_set_monitor(c, 0, false);
	capture_set_monitor(c, 1, true);
	capture_monitor_rt(c, ins, 2, l, r, PERIOD);
	for (int k = 0; k < PERIOD; k++)
		assert_true(l[k] == a[k] && r[k] == b[k]);
	capture_destroy(c);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/capture_test.XXXXXX");
	if (!mkdtemp(dir))
		return 99;
	/* large blocks come from fresh mappings, as in a studio's first take (not from
	 * a heap that earlier rings already touched) */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rings_touched), /* first: before the heap holds rings */
		cmocka_unit_test(test_take),
		cmocka_unit_test(test_never_rolled),
		cmocka_unit_test(test_punch),
		cmocka_unit_test(test_punch_loop),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_monitor),
		cmocka_unit_test(test_overflow_padded),
	};
	const int rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(dir);
	return rc;
}
