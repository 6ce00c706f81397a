/* Bad WAV files for tests/trust_media.sh, and a scan that tells finite output from
 * not: ttymix's own reader would silence what the scan must see, so the scan reads
 * through libsndfile directly.
 *
 *   badwav nan|inf|big|lie OUT   write a mono 48 kHz float WAV, 2 s of a quiet sine:
 *                                nan: 10 samples NaN, inf: 10 samples +-Inf,
 *                                big: 10 samples 1e30, lie: 25 frames under a header
 *                                whose data chunk claims 3 hours
 *   badwav lie-aiff OUT          25 frames of 16-bit AIFF whose COMM chunk claims
 *                                3 hours
 *   badwav scan FILE             print "FILE: N samples, M not finite, peak P" and
 *                                exit 1 when M > 0 or P > 64 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sndfile.h>

#define RATE 48000
#define SECONDS 2
#define BAD_SAMPLES 10

static void put_le32(unsigned char *b, uint32_t v)
{
	b[0] = (unsigned char)v;
	b[1] = (unsigned char)(v >> 8);
	b[2] = (unsigned char)(v >> 16);
	b[3] = (unsigned char)(v >> 24);
}

static void put_le16(unsigned char *b, unsigned v)
{
	b[0] = (unsigned char)v;
	b[1] = (unsigned char)(v >> 8);
}

/* A float WAV written by hand, so that its data chunk may claim what it likes. */
static int write_wav(const char *path, const float *x, uint32_t n, uint32_t claimed_bytes)
{
	unsigned char h[44];
	memcpy(h, "RIFF", 4);
	put_le32(h + 4, 36 + n * 4);
	memcpy(h + 8, "WAVEfmt ", 8);
	put_le32(h + 16, 16);
	put_le16(h + 20, 3); /* IEEE float */
	put_le16(h + 22, 1);
	put_le32(h + 24, RATE);
	put_le32(h + 28, RATE * 4);
	put_le16(h + 32, 4);
	put_le16(h + 34, 32);
	memcpy(h + 36, "data", 4);
	put_le32(h + 40, claimed_bytes);
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		return 1;
	}
	int bad = fwrite(h, 1, sizeof h, f) != sizeof h;
	for (uint32_t i = 0; i < n && !bad; i++) {
		unsigned char b[4];
		uint32_t bits;
		memcpy(&bits, &x[i], 4);
		put_le32(b, bits);
		bad = fwrite(b, 1, 4, f) != 4;
	}
	if (fclose(f) != 0 || bad) {
		perror(path);
		return 1;
	}
	return 0;
}

static void put_be32(unsigned char *b, uint32_t v)
{
	b[0] = (unsigned char)(v >> 24);
	b[1] = (unsigned char)(v >> 16);
	b[2] = (unsigned char)(v >> 8);
	b[3] = (unsigned char)v;
}

/* 25 frames of mono 16-bit AIFF at 48 kHz; COMM claims 3 hours. */
static int write_lying_aiff(const char *path, const float *x)
{
	enum { FRAMES = 25 };
	unsigned char b[12 + 26 + 16 + FRAMES * 2];
	memset(b, 0, sizeof b);
	memcpy(b, "FORM", 4);
	put_be32(b + 4, sizeof b - 8);
	memcpy(b + 8, "AIFF", 4);
	unsigned char *c = b + 12;
	memcpy(c, "COMM", 4);
	put_be32(c + 4, 18);
	c[9] = 1;                                 /* channels */
	put_be32(c + 10, 3u * 3600u * RATE);      /* frames: the lie */
	c[15] = 16;                               /* bits */
	/* 48000 as an 80-bit extended float: exponent 16383 + 15, mantissa 0xbb80 << 48 */
	c[16] = 0x40, c[17] = 0x0e, c[18] = 0xbb, c[19] = 0x80;
	unsigned char *d = c + 26;
	memcpy(d, "SSND", 4);
	put_be32(d + 4, 8 + FRAMES * 2);
	for (int i = 0; i < FRAMES; i++) {
		int v = (int)lrintf(x[i] * 32767.0f);
		d[16 + 2 * i] = (unsigned char)((unsigned)v >> 8);
		d[17 + 2 * i] = (unsigned char)v;
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(b, 1, sizeof b, f) != sizeof b || fclose(f) != 0) {
		perror(path);
		return 1;
	}
	return 0;
}

static int make(const char *kind, const char *path)
{
	const uint32_t n = RATE * SECONDS;
	float *x = malloc(sizeof *x * n);
	if (!x)
		return 1;
	for (uint32_t i = 0; i < n; i++)
		x[i] = (float)(0.25 * sin(2 * M_PI * 440.0 * i / RATE));
	for (int k = 0; k < BAD_SAMPLES; k++) {
		float *s = &x[4800 * k + 100];
		if (!strcmp(kind, "nan"))
			*s = NAN;
		else if (!strcmp(kind, "inf"))
			*s = k % 2 ? INFINITY : -INFINITY;
		else if (!strcmp(kind, "big"))
			*s = 1e30f;
	}
	int rc;
	if (!strcmp(kind, "lie"))
		rc = write_wav(path, x, 25, 3u * 3600u * RATE * 4u);
	else if (!strcmp(kind, "lie-aiff"))
		rc = write_lying_aiff(path, x);
	else if (!strcmp(kind, "nan") || !strcmp(kind, "inf") || !strcmp(kind, "big"))
		rc = write_wav(path, x, n, n * 4);
	else
		rc = fprintf(stderr, "badwav: unknown kind %s\n", kind) < 0 ? 2 : 2;
	free(x);
	return rc;
}

static int scan(const char *path)
{
	SF_INFO info = { 0 };
	SNDFILE *f = sf_open(path, SFM_READ, &info);
	if (!f) {
		fprintf(stderr, "badwav: %s: %s\n", path, sf_strerror(NULL));
		return 2;
	}
	/* the values as stored: no scaling of integer data beyond the usual +-1 */
	float buf[4096];
	long long samples = 0, bad = 0;
	double peak = 0;
	sf_count_t got;
	while ((got = sf_read_float(f, buf, 4096 - 4096 % info.channels)) > 0) {
		for (sf_count_t i = 0; i < got; i++) {
			if (!isfinite(buf[i]))
				bad++;
			else if (fabs(buf[i]) > peak)
				peak = fabs(buf[i]);
		}
		samples += got;
	}
	sf_close(f);
	printf("%s: %lld samples, %lld not finite, peak %g\n", path, samples, bad, peak);
	return bad > 0 || peak > 64.0 || samples == 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "scan"))
		return scan(argv[2]);
	if (argc == 3)
		return make(argv[1], argv[2]);
	fprintf(stderr, "usage: badwav nan|inf|big|lie OUT | badwav scan FILE\n");
	return 2;
}
