/* Media: every format the spine promises is written and read back through our own
 * writer and reader, at the file's rate and resampled; seeks match continuous reads;
 * more than two channels is a clear error. */
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

#define SEC 1

static void write_sine(const char *path, enum media_container c, enum media_sample t,
	int rate, int channels)
{
	struct media_writer *w;
	struct err_msg msg;
	if (media_writer_open(&w, path, c, t, rate, channels, &msg) != ERR_OK)
		fail_msg("%s", msg.text);
	float buf[512 * 2];
	for (int64_t i = 0; i < (int64_t)rate * SEC; i += 512) {
		for (int k = 0; k < 512; k++)
			for (int ch = 0; ch < channels; ch++)
				buf[k * channels + ch] = (float)(0.5 * sin(2 * M_PI * 1000.0 * (double)(i + k) /
					rate + ch));
		assert_int_equal(media_writer_write(w, buf, 512, &msg), ERR_OK);
	}
	assert_int_equal(media_writer_close(w, &msg), ERR_OK);
}

/* RMS in dB of channel 0 of the reader's output, away from the edges. */
static double read_rms_db(const char *path, int out_rate, int *channels)
{
	struct media_reader *r;
	struct err_msg msg;
	if (media_reader_open(&r, path, out_rate, &msg) != ERR_OK)
		fail_msg("%s", msg.text);
	*channels = media_reader_info(r)->channels;
	int64_t n = media_reader_frames(r);
	float *buf = xmalloc(sizeof(float) * 2 * (size_t)n);
	assert_int_equal(media_reader_read(r, 0, buf, (int)n, &msg), ERR_OK);
	double sum = 0;
	int64_t from = n / 10, to = n - n / 10;
	for (int64_t i = from; i < to; i++)
		sum += (double)buf[i * *channels] * buf[i * *channels];
	free(buf);
	media_reader_close(r);
	return 10 * log10(sum / (double)(to - from));
}

static void test_formats_round_trip(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		enum media_container c;
		enum media_sample t;
		double tolerance_db;
	} cases[] = {
		{ "a16.wav", MEDIA_WAV, MEDIA_PCM16, 0.001 },
		{ "a24.wav", MEDIA_WAV, MEDIA_PCM24, 0.001 },
		{ "a32f.wav", MEDIA_WAV, MEDIA_FLOAT32, 0.001 },
		{ "a16.aiff", MEDIA_AIFF, MEDIA_PCM16, 0.001 },
		{ "a24.flac", MEDIA_FLAC, MEDIA_PCM24, 0.001 },
		{ "a.ogg", MEDIA_OGG, MEDIA_PCM16, 0.1 }, /* lossy */
	};
	char *dir = tu_tempdir();
	const double want = 20 * log10(0.5 / sqrt(2.0));
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		for (int channels = 1; channels <= 2; channels++) {
			char *path = xasprintf("%s/%d-%s", dir, channels, cases[k].name);
			write_sine(path, cases[k].c, cases[k].t, 44100, channels);
			struct media_info info;
			struct err_msg msg;
			assert_int_equal(media_probe(path, &info, &msg), ERR_OK);
			assert_int_equal(info.channels, channels);
			assert_int_equal(info.sample_rate, 44100);
			int ch;
			double direct = read_rms_db(path, 44100, &ch);
			double resampled = read_rms_db(path, 48000, &ch);
			if (fabs(direct - want) > cases[k].tolerance_db ||
			    fabs(resampled - want) > cases[k].tolerance_db + 0.01)
				fail_msg("%s (%d ch): %.4f dB direct, %.4f dB at 48 kHz, want %.4f",
					cases[k].name, channels, direct, resampled, want);
			free(path);
		}
	}
	tu_rmtree(dir);
	free(dir);
}

/* Reading at scattered positions gives what one continuous read gives: exactly when no
 * resampling is involved, within -100 dB when the resampler restarts after a seek. */
static void test_seek_matches_continuous(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *path = xasprintf("%s/s.flac", dir);
	write_sine(path, MEDIA_FLAC, MEDIA_PCM24, 44100, 2);
	const int rates[] = { 44100, 48000 };
	for (int k = 0; k < 2; k++) {
		struct media_reader *r;
		struct err_msg msg;
		assert_int_equal(media_reader_open(&r, path, rates[k], &msg), ERR_OK);
		int64_t n = media_reader_frames(r);
		float *all = xmalloc(sizeof(float) * 2 * (size_t)n);
		assert_int_equal(media_reader_read(r, 0, all, (int)n, &msg), ERR_OK);
		const int64_t starts[] = { 30000, 777, 20000, 5, 40001 };
		float part[2000 * 2];
		double worst = 0;
		for (size_t s = 0; s < sizeof starts / sizeof starts[0]; s++) {
			assert_int_equal(media_reader_read(r, starts[s], part, 2000, &msg), ERR_OK);
			for (int i = 0; i < 2000 * 2; i++)
				worst = fmax(worst, fabs(part[i] - all[starts[s] * 2 + i]));
		}
		if (rates[k] == 44100)
			assert_true(worst == 0.0);
		else if (worst > 1e-5)
			fail_msg("seek at 48 kHz: worst difference %.3g (%.1f dB)", worst, 20 * log10(worst));
		/* frames past the end are silence */
		assert_int_equal(media_reader_read(r, n - 10, part, 100, &msg), ERR_OK);
		for (int i = 20; i < 200; i++)
			assert_true(part[i] == 0.0f);
		free(all);
		media_reader_close(r);
	}
	free(path);
	tu_rmtree(dir);
	free(dir);
}

static double half(int64_t i, int ch, void *arg)
{
	(void)i;
	(void)ch;
	(void)arg;
	return 0.5;
}

/* A resampled file read in two pieces split near its end keeps its tail: the
 * resampler's flush is drained across calls, not cut off after the first one. */
static void test_resampled_tail_kept(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *path = xasprintf("%s/dc.wav", dir);
	tu_write_wav(path, 44100, 1, 44100, half, NULL);
	struct media_reader *r;
	struct err_msg msg;
	assert_int_equal(media_reader_open(&r, path, 48000, &msg), ERR_OK);
	assert_int_equal(media_reader_frames(r), 48000);
	float *buf = xmalloc(sizeof(float) * 48000);
	assert_int_equal(media_reader_read(r, 0, buf, 47400, &msg), ERR_OK);
	assert_int_equal(media_reader_read(r, 47400, buf + 47400, 600, &msg), ERR_OK);
	/* the last frames are still the signal (the filter's edge ringing aside) */
	for (int i = 47400; i < 47900; i++)
		if (fabsf(buf[i] - 0.5f) > 0.01f)
			fail_msg("frame %d: %g, want 0.5 (tail lost)", i, buf[i]);
	free(buf);
	media_reader_close(r);
	free(path);
	tu_rmtree(dir);
	free(dir);
}

static void test_many_channels_refused(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *path = xasprintf("%s/six.wav", dir);
	struct media_writer *w;
	struct err_msg msg;
	/* our writer is stereo at most in practice, but libsndfile writes any count */
	assert_int_equal(media_writer_open(&w, path, MEDIA_WAV, MEDIA_PCM16, 48000, 6, &msg),
		ERR_OK);
	float buf[6 * 100] = { 0 };
	media_writer_write(w, buf, 100, &msg);
	media_writer_close(w, &msg);
	struct media_info info;
	assert_int_equal(media_probe(path, &info, &msg), ERR_CHANNELS);
	assert_non_null(strstr(msg.text, "six.wav"));
	assert_non_null(strstr(msg.text, "6 channels"));
	free(path);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats_round_trip),
		cmocka_unit_test(test_seek_matches_continuous),
		cmocka_unit_test(test_resampled_tail_kept),
		cmocka_unit_test(test_many_channels_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
