/* audio/pcm.c and media.c's raw path give, bit for bit, what libsndfile's own float
 * reads and clipping float writes give: every value class (in range, on the half-LSB
 * ties, full scale and past it, infinities, NaN, denormals, -0), every length up to a
 * few vectors (the loops' tails), 16, 24 and 32-bit and float files, mono and stereo,
 * reads in odd chunk sizes and after seeks, writes longer than one raw block, into a
 * path and into an fd. Linked twice (tests/baseline.mk): the baseline copies too. */
#include <fcntl.h>
#include <math.h>
#include <sys/stat.h>
#include <setjmp.h>
#include <sndfile.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "audio/media.h"
#include "audio/pcm.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

static uint32_t rng = 2463534242u;

static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* n floats of every class a writer may be handed */
static void values(float *x, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t r = next();
		float v;
		switch (r % 16) {
		case 0: v = (float)((int32_t)next() >> 8) * 0x1p-23f; break; /* a 24-bit code */
		case 1: v = ((float)((int32_t)next() >> 8) + 0.5f) * 0x1p-23f; break; /* a tie */
		case 2: v = ((float)((int32_t)next() >> 16) + 0.5f) * 0x1p-15f; break; /* 16-bit tie */
		case 3: v = (r & 64) ? 1.0f : -1.0f; break;
		case 4: v = (r & 64) ? nextafterf(1.0f, 0) : nextafterf(-1.0f, 0); break;
		case 5: v = (float)(next() % 1000) * ((r & 64) ? 1e-3f : -1e-3f) + ((r & 64) ? 1 : -1);
			break; /* past full scale */
		case 6: v = (r & 64) ? INFINITY : -INFINITY; break;
		case 7: v = (r & 64) ? NAN : 1e30f; break;
		case 8: v = (r & 64) ? 1e-40f : -0.0f; break; /* a denormal, minus zero */
		/* x * 2^31 halfway between two integers (round half to even decides), and
		 * small values with a full mantissa (the rounding of a capture's raw input,
		 * which no grid has quantised) */
		case 9: v = ((float)((int32_t)next() >> 9) + 0.5f) * 0x1p-31f; break;
		case 10: v = ldexpf((float)(int32_t)next(), -40); break;
		/* a quarter under a 24-bit (16-bit) code at 2^-31: rounding reaches the code,
		 * cutting the fraction off does not, so the kept top bits tell them apart */
		case 11: v = ((float)(((int32_t)next() >> 18) * 256) - 0.25f) * 0x1p-31f; break;
		case 12: v = ((float)(((int32_t)next() >> 26) * 65536) - 0.25f) * 0x1p-31f; break;
		default: v = ((float)next() / 4294967296.0f * 2.4f - 1.2f); break;
		}
		x[i] = v;
	}
}

/* A whole file into memory; its length into *len. */
static char *slurp_bytes(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	char *b = xmalloc((size_t)n + 1);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return b;
}

/* The data bytes of a WAV file, as libsndfile reads them raw. */
static unsigned char *data_of(const char *path, size_t *len)
{
	SF_INFO sfi = { 0 };
	SNDFILE *f = sf_open(path, SFM_READ, &sfi);
	assert_non_null(f);
	int bytes = 0;
	switch (sfi.format & SF_FORMAT_SUBMASK) {
	case SF_FORMAT_PCM_16: bytes = 2; break;
	case SF_FORMAT_PCM_24: bytes = 3; break;
	default: bytes = 4; break;
	}
	*len = (size_t)sfi.frames * sfi.channels * bytes;
	unsigned char *b = xmalloc(*len + 1);
	assert_int_equal(sf_read_raw(f, b, (sf_count_t)*len), (sf_count_t)*len);
	sf_close(f);
	return b;
}

/* libsndfile's own clipping writer: n floats at channels into path. */
static void sf_write_floats(const char *path, int format, int channels, const float *x,
	size_t n)
{
	SF_INFO sfi = { .samplerate = 48000, .channels = channels, .format = format };
	SNDFILE *f = sf_open(path, SFM_WRITE, &sfi);
	assert_non_null(f);
	sf_command(f, SFC_SET_CLIPPING, NULL, SF_TRUE);
	assert_int_equal(sf_writef_float(f, x, (sf_count_t)(n / channels)),
		(sf_count_t)(n / channels));
	sf_close(f);
}

/* Each kind with the WAV format that holds it: the first two are the ones written. */
static const struct { enum pcm_kind k; int format; } kinds[] = {
	{ PCM_S16, SF_FORMAT_WAV | SF_FORMAT_PCM_16 },
	{ PCM_S24, SF_FORMAT_WAV | SF_FORMAT_PCM_24 },
	{ PCM_S32, SF_FORMAT_WAV | SF_FORMAT_PCM_32 },
	{ PCM_F32, SF_FORMAT_WAV | SF_FORMAT_FLOAT },
};

/* A fresh folder and the path of a file in it (dir freed by the caller). */
static char *temp_file(char *path, size_t size, const char *name)
{
	char *dir = tu_tempdir();
	snprintf(path, size, "%s/%s", dir, name);
	return dir;
}

static void test_pack_matches_libsndfile(void **state)
{
	(void)state;
	char path[4096];
	char *dir = temp_file(path, sizeof path, "ref.wav");
	float *x = xmalloc(sizeof(float) * 40000);
	unsigned char *ours = xmalloc(40000 * 3 + PCM_SLACK);
	for (size_t t = 0; t < 2; t++) {
		/* every short length (the vector loops' tails), then a long run */
		for (size_t n = 1; n <= 40000; n = n < 40 ? n + 1 : n == 40 ? 40000 : n + 1) {
			values(x, n);
			sf_write_floats(path, kinds[t].format, 1, x, n);
			size_t len;
			unsigned char *ref = data_of(path, &len);
			assert_int_equal(len, n * (size_t)pcm_bytes(kinds[t].k));
			pcm_from_float(kinds[t].k, x, ours, n);
			for (size_t i = 0; i < len; i++)
				if (ours[i] != ref[i])
					fail_msg("%d-bit, %zu samples: byte %zu differs (sample %g)",
						pcm_bytes(kinds[t].k) * 8, n, i,
						(double)x[i / (size_t)pcm_bytes(kinds[t].k)]);
			free(ref);
		}
	}
	free(ours);
	free(x);
	tu_rmtree(dir);
	free(dir);
}

static void test_unpack_matches_libsndfile(void **state)
{
	(void)state;
	char path[4096];
	char *dir = temp_file(path, sizeof path, "ref.wav");
	unsigned char *bytes = xmalloc(4 * 20000 + PCM_SLACK);
	float *ours = xmalloc(sizeof(float) * 20000), *ref = xmalloc(sizeof(float) * 20000);
	for (size_t t = 0; t < 4; t++) {
		const int b = pcm_bytes(kinds[t].k);
		for (size_t n = 1; n <= 20000; n = n < 40 ? n + 1 : n == 40 ? 20000 : n + 1) {
			/* any bytes at all: every code, and for floats every bit pattern but
			 * the NaNs (whose payload a copy may not keep) */
			for (size_t i = 0; i < n * (size_t)b; i++)
				bytes[i] = (unsigned char)next();
			if (kinds[t].k == PCM_F32)
				for (size_t i = 0; i < n; i++)
					if ((bytes[4 * i + 3] & 0x7f) == 0x7f && (bytes[4 * i + 2] & 0x80))
						bytes[4 * i + 3] &= 0xbf;
			SF_INFO sfi = { .samplerate = 48000, .channels = 1, .format = kinds[t].format };
			SNDFILE *f = sf_open(path, SFM_WRITE, &sfi);
			assert_non_null(f);
			assert_int_equal(sf_write_raw(f, bytes, (sf_count_t)n * b), (sf_count_t)n * b);
			sf_close(f);
			memset(&sfi, 0, sizeof sfi);
			f = sf_open(path, SFM_READ, &sfi);
			assert_int_equal(sf_readf_float(f, ref, (sf_count_t)n), (sf_count_t)n);
			sf_close(f);
			pcm_to_float(kinds[t].k, bytes, ours, n);
			if (memcmp(ours, ref, n * sizeof(float)) != 0)
				fail_msg("%d-byte samples, %zu of them: the floats differ", b, n);
		}
	}
	free(ours);
	free(ref);
	free(bytes);
	tu_rmtree(dir);
	free(dir);
}

/* A file of any bytes, read through media's reader in odd chunks and after seeks, is
 * what sf_readf_float reads of it. */
static void check_reader(const char *path, int format, int channels, sf_count_t frames)
{
	const int b = (format & SF_FORMAT_SUBMASK) == SF_FORMAT_PCM_16 ? 2
		: (format & SF_FORMAT_SUBMASK) == SF_FORMAT_PCM_24 ? 3 : 4;
	size_t len = (size_t)frames * channels * b;
	unsigned char *bytes = xmalloc(len);
	for (size_t i = 0; i < len; i++)
		bytes[i] = (unsigned char)next();
	if ((format & SF_FORMAT_SUBMASK) == SF_FORMAT_FLOAT)
		for (size_t i = 0; i < len; i += 4) /* samples within +-2: none silenced */
			bytes[i + 3] = (unsigned char)((bytes[i + 3] & 0x80) | 0x3f);
	SF_INFO sfi = { .samplerate = 48000, .channels = channels, .format = format };
	SNDFILE *f = sf_open(path, SFM_WRITE, &sfi);
	assert_non_null(f);
	assert_int_equal(sf_write_raw(f, bytes, (sf_count_t)len), (sf_count_t)len);
	sf_close(f);
	free(bytes);

	float *ref = xmalloc(sizeof(float) * (size_t)frames * channels);
	memset(&sfi, 0, sizeof sfi);
	f = sf_open(path, SFM_READ, &sfi);
	assert_int_equal(sf_readf_float(f, ref, frames), frames);
	sf_close(f);

	struct media_reader *r;
	struct err_msg msg;
	assert_int_equal(media_reader_open(&r, path, 48000, &msg), ERR_OK);
	float *got = xmalloc(sizeof(float) * 30000 * channels);
	/* straight through in chunks of every size class, then from odd places */
	const int sizes[] = { 1, 3, 4096, 9000, 30000 };
	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		for (sf_count_t pos = 0; pos < frames; pos += sizes[s]) {
			int n = (int)(frames - pos < sizes[s] ? frames - pos : sizes[s]);
			assert_int_equal(media_reader_read(r, pos, got, n, &msg), ERR_OK);
			if (memcmp(got, ref + pos * channels, sizeof(float) * (size_t)n * channels))
				fail_msg("%s: %d frames at %lld differ", path, n, (long long)pos);
			if (sizes[s] < 4096 && pos > 50)
				pos += 20000; /* the small sizes sample the file */
		}
	}
	for (int k = 0; k < 40; k++) {
		sf_count_t pos = (sf_count_t)(next() % (uint32_t)frames);
		int n = (int)(next() % 20000) + 1;
		if (pos + n > frames)
			n = (int)(frames - pos);
		assert_int_equal(media_reader_read(r, pos, got, n, &msg), ERR_OK);
		if (memcmp(got, ref + pos * channels, sizeof(float) * (size_t)n * channels))
			fail_msg("%s: %d frames at %lld (after a seek) differ", path, n,
				(long long)pos);
	}
	free(got);
	free(ref);
	media_reader_close(r);
}

static void test_reader_matches_libsndfile(void **state)
{
	(void)state;
	char path[4096];
	char *dir = temp_file(path, sizeof path, "in.wav");
	const int formats[] = { SF_FORMAT_PCM_16, SF_FORMAT_PCM_24, SF_FORMAT_PCM_32,
		SF_FORMAT_FLOAT };
	for (size_t i = 0; i < 4; i++)
		for (int ch = 1; ch <= 2; ch++)
			check_reader(path, SF_FORMAT_WAV | formats[i], ch, 100003);
	/* big-endian AIFF: libsndfile converts, through the same reader */
	snprintf(path, sizeof path, "%s/in.aiff", dir);
	check_reader(path, SF_FORMAT_AIFF | SF_FORMAT_PCM_24, 2, 50001);
	tu_rmtree(dir);
	free(dir);
}

/* media's writer, into a path and into an fd, writes the bytes libsndfile's own
 * clipping writer writes, headers included. */
static void test_writer_matches_libsndfile(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char ref[4096], ours[4096], viafd[4096];
	snprintf(ref, sizeof ref, "%s/ref.wav", dir);
	snprintf(ours, sizeof ours, "%s/ours.wav", dir);
	snprintf(viafd, sizeof viafd, "%s/fd.wav", dir);
	const size_t frames = 30011; /* more than one raw block, and an odd tail */
	float *x = xmalloc(sizeof(float) * frames * 2);
	const enum media_sample sample[] = { MEDIA_PCM16, MEDIA_PCM24 }; /* as kinds[0..1] */
	for (size_t t = 0; t < 2; t++)
		for (int ch = 1; ch <= 2; ch++) {
			values(x, frames * ch);
			sf_write_floats(ref, kinds[t].format, ch, x, frames * ch);
			struct media_writer *w;
			struct err_msg msg;
			assert_int_equal(media_writer_open(&w, ours, MEDIA_WAV, sample[t], 48000, ch,
				&msg), ERR_OK);
			/* in pieces of several sizes, as a render's blocks come */
			size_t at = 0, piece = 1;
			while (at < frames) {
				size_t n = frames - at < piece ? frames - at : piece;
				assert_int_equal(media_writer_write(w, x + at * ch, (int)n, &msg), ERR_OK);
				at += n;
				piece = piece * 7 + 3;
			}
			assert_int_equal(media_writer_close(w, &msg), ERR_OK);
			int fd = open(viafd, O_RDWR | O_CREAT | O_TRUNC, 0644);
			assert_true(fd >= 0);
			assert_int_equal(media_writer_open_fd(&w, fd, viafd, MEDIA_WAV, sample[t],
				48000, ch, &msg), ERR_OK);
			assert_int_equal(media_writer_write(w, x, (int)frames, &msg), ERR_OK);
			assert_int_equal(media_writer_close(w, &msg), ERR_OK);
			close(fd);
			char *a = NULL, *b = NULL, *c = NULL;
			size_t la = 0, lb = 0, lc = 0;
			FILE *fa = fopen(ref, "rb"), *fb = fopen(ours, "rb"), *fc = fopen(viafd, "rb");
			assert_true(fa && fb && fc);
			a = xmalloc(frames * 8 + 4096);
			b = xmalloc(frames * 8 + 4096);
			c = xmalloc(frames * 8 + 4096);
			la = fread(a, 1, frames * 8 + 4096, fa);
			lb = fread(b, 1, frames * 8 + 4096, fb);
			lc = fread(c, 1, frames * 8 + 4096, fc);
			fclose(fa);
			fclose(fb);
			fclose(fc);
			assert_int_equal(la, lb);
			assert_int_equal(la, lc);
			if (memcmp(a, b, la) || memcmp(a, c, la))
				fail_msg("%d-bit, %d channels: the file differs from libsndfile's",
					sample[t] == MEDIA_PCM16 ? 16 : 24, ch);
			free(a);
			free(b);
			free(c);
		}
	free(x);
	tu_rmtree(dir);
	free(dir);
}

/* Silence written into an fd becomes holes: the file reads as libsndfile's own, byte
 * for byte, with silence in its middle and at its end, yet takes less room on the disk
 * than its length (media.c, write_buf). */
static void test_writer_leaves_holes(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char ref[4096], ours[4096];
	snprintf(ref, sizeof ref, "%s/ref.wav", dir);
	snprintf(ours, sizeof ours, "%s/fd.wav", dir);
	/* 2.4 MB of 24-bit stereo; the second length ends the file on a whole 64 KB of
	 * zeros (44 + 6 x 415054 = 38 x 65536), so the file ends in a hole */
	const size_t lengths[] = { 400000, 415054 };
	for (size_t run = 0; run < 2; run++) {
	const size_t frames = lengths[run];
	float *x = xmalloc(sizeof(float) * frames * 2);
	for (size_t i = 0; i < frames; i++) {
		const bool sound = i < 10000 || (i >= 200000 && i < 205000);
		x[2 * i] = sound ? (float)((int32_t)next() >> 9) * 0x1p-23f : 0.0f;
		x[2 * i + 1] = sound ? (float)((int32_t)next() >> 9) * 0x1p-23f : 0.0f;
	}
	sf_write_floats(ref, SF_FORMAT_WAV | SF_FORMAT_PCM_24, 2, x, frames * 2);
	int fd = open(ours, O_RDWR | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	struct media_writer *w;
	struct err_msg msg;
	assert_int_equal(media_writer_open_fd(&w, fd, ours, MEDIA_WAV, MEDIA_PCM24, 48000, 2,
		&msg), ERR_OK);
	for (size_t at = 0; at < frames; at += 4096) {
		size_t n = frames - at < 4096 ? frames - at : 4096;
		assert_int_equal(media_writer_write(w, x + at * 2, (int)n, &msg), ERR_OK);
		if (at == 102400) /* a sync halfway, as a long render's are */
			assert_int_equal(media_writer_sync(w, &msg), ERR_OK);
	}
	assert_int_equal(media_writer_close(w, &msg), ERR_OK);
	struct stat st;
	assert_int_equal(fstat(fd, &st), 0);
	close(fd);
	size_t la, lb;
	char *a = slurp_bytes(ref, &la), *b = slurp_bytes(ours, &lb);
	assert_int_equal(la, lb);
	assert_int_equal((size_t)st.st_size, lb);
	if (memcmp(a, b, la))
		fail_msg("the file with holes differs from libsndfile's");
	/* about 15 % of it is sound: far less than its length on the disk */
	if ((long long)st.st_blocks * 512 > (long long)st.st_size / 2)
		fail_msg("%lld bytes on the disk for %lld bytes of mostly silence: no holes",
			(long long)st.st_blocks * 512, (long long)st.st_size);
	free(a);
	free(b);
	free(x);
	}
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pack_matches_libsndfile),
		cmocka_unit_test(test_unpack_matches_libsndfile),
		cmocka_unit_test(test_reader_matches_libsndfile),
		cmocka_unit_test(test_writer_matches_libsndfile),
		cmocka_unit_test(test_writer_leaves_holes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
