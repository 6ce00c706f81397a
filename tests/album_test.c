/* `ttymix album` and the delivery side of `ttymix render`, driving the real binary
 * ($TTYMIX) on generated material and checking the files it writes:
 *  - three songs (this project, another project, a 44.1 kHz stereo file) with gaps, a
 *    gain, fades and a crossfade: the continuous file equals the sequence computed here
 *    from the documented laws, frame for frame; click markers land on the songs' first
 *    and last frames; gaps are digital silence of exactly round(s x rate) frames;
 *  - the CUE sheet's INDEX 01 times are round(start / rate x 75) CD frames;
 *  - each song's file is the continuous file's slice wherever no crossfade touches it;
 *  - album normalization reaches the target within 0.5 LU and moves every song by the
 *    same gain (within 0.1 dB); a target the ceiling forbids is reported, not clipped;
 *  - tags read back (title, artist, album, track number);
 *  - stems: one per track and one per bus, adding up to the mix;
 *  - a bad album is refused with one line naming the field. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "audio/loudness.h"
#include "audio/media.h"
#include "src/project.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000
#define FILE_RATE 44100

static char *T;             /* the test's folder */
static const char *ttymix;  /* the binary */

/* the layout the album below must have, from round(s x rate) */
#define LEN1 48000           /* 1.0 s */
#define LEN2 72000           /* 1.5 s */
#define LEN3 96000           /* 2.0 s at 44.1 kHz, resampled to 48 kHz */
#define GAP1 12000           /* 0.25 s */
#define GAP2 24000           /* 0.5 s */
#define XF23 14400           /* 0.3 s */
#define FADE3 9600           /* 0.2 s */
#define START1 GAP1
#define START2 (START1 + LEN1 + GAP2)
#define START3 (START2 + LEN2 - XF23)
#define TOTAL (START3 + LEN3)

struct tone { double freq, amp; bool clicks; int64_t frames; int rate; };

/* a tone (right = -0.8 left) with a 0.9 click on its first and last frame */
static double gen_tone(int64_t i, int ch, void *arg)
{
	const struct tone *t = arg;
	double v = (t->clicks && (i == 0 || i == t->frames - 1)) ? 0.9
		: t->amp * sin(2 * M_PI * t->freq * (double)i / t->rate);
	return ch ? -0.8 * v : v;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A one-track project in folder dir playing file (absolute) from 0. */
static void write_project(const char *dir, const char *name, const char *file,
	const char *album)
{
	mkdir(dir, 0755);
	char *path = xasprintf("%s/project.json", dir);
	char *text = xasprintf("{\"format\": \"ttymix-project\", \"version\": 1, \"name\": \"%s\", "
		"\"sample_rate\": %d, \"tracks\": [{\"name\": \"t\", \"clips\": [{\"file\": \"%s\", "
		"\"start\": 0}]}]%s%s}", name, RATE, file, album ? ", " : "", album ? album : "");
	write_file(path, text);
	free(text);
	free(path);
}

static float *read_all(const char *path, int rate, int64_t *frames)
{
	struct media_reader *r;
	struct err_msg msg;
	if (media_reader_open(&r, path, rate, &msg) != ERR_OK)
		fail_msg("%s", msg.text);
	int ch = media_reader_info(r)->channels;
	assert_int_equal(ch, 2);
	*frames = media_reader_frames(r);
	float *buf = xmalloc(sizeof(float) * 2 * (size_t)(*frames + 1));
	assert_int_equal(media_reader_read(r, 0, buf, (int)*frames, &msg), ERR_OK);
	media_reader_close(r);
	return buf;
}

/* Run the binary with args; stdout and stderr to files in T. Returns the exit status. */
static int run(const char *args)
{
	char *cmd = xasprintf("'%s' %s >'%s/out' 2>'%s/err'", ttymix, args, T, T);
	int rc = system(cmd);
	free(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static char *slurp(const char *name)
{
	char *path = xasprintf("%s/%s", T, name);
	FILE *f = fopen(path, "r");
	free(path);
	assert_non_null(f);
	char *buf = xcalloc(1, 65536);
	size_t n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void print_err(void)
{
	char *e = slurp("err");
	fprintf(stderr, "%s", e);
	free(e);
}

/* The album's material: s1 (the album's project, song 1), s2 (song 2), c.wav. */
static int setup(void **state)
{
	(void)state;
	ttymix = getenv("TTYMIX");
	if (!ttymix) {
		fprintf(stderr, "album_test: $TTYMIX (the binary) is not set\n");
		return -1;
	}
	T = tu_tempdir();
	char *p1 = xasprintf("%s/one.wav", T), *p2 = xasprintf("%s/two.wav", T);
	char *p3 = xasprintf("%s/c.wav", T);
	struct tone t1 = { 300, 0.05, true, LEN1, RATE }, t2 = { 500, 0.1, true, LEN2, RATE };
	struct tone t3 = { 700, 0.2, false, 88200, FILE_RATE };
	tu_write_wav(p1, RATE, 2, LEN1, gen_tone, &t1);
	tu_write_wav(p2, RATE, 2, LEN2, gen_tone, &t2);
	tu_write_wav(p3, FILE_RATE, 2, 88200, gen_tone, &t3);
	char *d1 = xasprintf("%s/s1", T), *d2 = xasprintf("%s/s2", T);
	write_project(d1, "first", p1, "\"album\": {\"title\": \"Test Album\", "
		"\"artist\": \"The Testers\", \"songs\": ["
		"{\"source\": \"self\", \"title\": \"One\", \"gap_before_s\": 0.25},"
		"{\"source\": \"../s2\", \"title\": \"Two / Second\", \"gap_before_s\": 0.5, "
		"\"gain_db\": -6, \"crossfade_s\": 0.3, \"mood\": \"kept\"},"
		"{\"source\": \"../c.wav\", \"title\": \"Three\", \"fade_out_s\": 0.2}]}");
	write_project(d2, "second", p2, NULL);
	free(p1);
	free(p2);
	free(p3);
	free(d1);
	free(d2);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", T);
	int rc = system(cmd);
	free(cmd);
	free(T);
	return rc == 0 ? 0 : -1;
}

/* the sequence from the sources and the laws of docs/dsp.md, in double precision */
static double *expected_album(void)
{
	char *p1 = xasprintf("%s/one.wav", T), *p2 = xasprintf("%s/two.wav", T);
	char *p3 = xasprintf("%s/c.wav", T);
	int64_t n1, n2, n3;
	float *s1 = read_all(p1, RATE, &n1), *s2 = read_all(p2, RATE, &n2);
	float *s3 = read_all(p3, RATE, &n3);  /* soxr to 48 kHz, as the album reads it */
	assert_int_equal(n1, LEN1);
	assert_int_equal(n2, LEN2);
	assert_int_equal(n3, LEN3);
	double *x = xcalloc(2 * (size_t)TOTAL, sizeof *x);
	double g2 = pow(10.0, -6.0 / 20.0);
	for (int64_t k = 0; k < LEN1; k++)
		for (int c = 0; c < 2; c++)
			x[(START1 + k) * 2 + c] += s1[k * 2 + c];
	for (int64_t k = 0; k < LEN2; k++) {
		int64_t back = LEN2 - 1 - k;
		double g = g2 * (back < XF23 ? (double)back / XF23 : 1.0);
		for (int c = 0; c < 2; c++)
			x[(START2 + k) * 2 + c] += g * s2[k * 2 + c];
	}
	for (int64_t k = 0; k < LEN3; k++) {
		int64_t back = LEN3 - 1 - k;
		double g = (k < XF23 ? (double)k / XF23 : 1.0)
			* (back < FADE3 ? (double)back / FADE3 : 1.0);
		for (int c = 0; c < 2; c++)
			x[(START3 + k) * 2 + c] += g * s3[k * 2 + c];
	}
	free(s1);
	free(s2);
	free(s3);
	free(p1);
	free(p2);
	free(p3);
	return x;
}

/* INDEX 01 of every TRACK, in CD frames */
static int cue_indexes(const char *cue_path, int64_t *out, int max)
{
	FILE *f = fopen(cue_path, "r");
	assert_non_null(f);
	char line[512];
	int n = 0;
	while (fgets(line, sizeof line, f)) {
		int mm, ss, ff;
		if (sscanf(line, " INDEX 01 %d:%d:%d", &mm, &ss, &ff) == 3 && n < max)
			out[n++] = ((int64_t)mm * 60 + ss) * 75 + ff;
	}
	fclose(f);
	return n;
}

static void test_sequence_exact(void **state)
{
	(void)state;
	char *args = xasprintf("album '%s/s1' -o '%s/out1' --bits 32f", T, T);
	int rc = run(args);
	free(args);
	if (rc != 0)
		print_err();
	assert_int_equal(rc, 0);
	char *out = slurp("out");
	printf("%s", out);
	assert_non_null(strstr(out, "Two / Second"));
	free(out);

	char *album = xasprintf("%s/out1/album.wav", T);
	int64_t n;
	float *a = read_all(album, RATE, &n);
	free(album);
	assert_int_equal(n, TOTAL);
	double *x = expected_album();
	double max_err = 0;
	for (int64_t i = 0; i < 2 * TOTAL; i++)
		max_err = fmax(max_err, fabs(a[i] - x[i]));
	printf("continuous file vs the laws: max error %.2e over %d frames\n", max_err, TOTAL);
	assert_true(max_err < 1e-6);

	/* click markers: song 1's first and last frame, song 2's first (its last lies in
	 * the crossfade, at gain 0) */
	int64_t clicks[8];
	int n_clicks = 0;
	for (int64_t i = 0; i < TOTAL; i++)
		if (fabsf(a[i * 2]) > 0.3f && n_clicks < 8)
			clicks[n_clicks++] = i;
	const int64_t want[] = { START1, START1 + LEN1 - 1, START2 };
	assert_int_equal(n_clicks, 3);
	int64_t worst = 0;
	for (int k = 0; k < 3; k++)
		worst = llabs(clicks[k] - want[k]) > worst ? llabs(clicks[k] - want[k]) : worst;
	printf("click markers at %lld %lld %lld (want %lld %lld %lld): boundary error %lld "
		"frames\n", (long long)clicks[0], (long long)clicks[1], (long long)clicks[2],
		(long long)want[0], (long long)want[1], (long long)want[2], (long long)worst);
	assert_int_equal(worst, 0);
	/* gaps: digital silence, exactly as long as asked */
	for (int64_t i = 0; i < START1 * 2; i++)
		assert_true(a[i] == 0.0f);
	for (int64_t i = (START1 + LEN1) * 2; i < START2 * 2; i++)
		assert_true(a[i] == 0.0f);
	assert_true(a[(START1 + LEN1 - 1) * 2] != 0.0f && a[START2 * 2] != 0.0f);

	/* CUE: INDEX 01 = round(start / rate x 75) */
	char *cue = xasprintf("%s/out1/album.cue", T);
	int64_t idx[8];
	assert_int_equal(cue_indexes(cue, idx, 8), 3);
	const int64_t starts[] = { START1, START2, START3 };
	int64_t cue_err = 0;
	for (int k = 0; k < 3; k++) {
		int64_t w = llround((double)starts[k] / RATE * 75.0);
		cue_err = llabs(idx[k] - w) > cue_err ? llabs(idx[k] - w) : cue_err;
	}
	printf("CUE INDEX 01: %lld %lld %lld CD frames, error %lld\n", (long long)idx[0],
		(long long)idx[1], (long long)idx[2], (long long)cue_err);
	assert_int_equal(cue_err, 0);
	char *text = slurp("out1/album.cue");
	assert_non_null(strstr(text, "FILE \"album.wav\" WAVE"));
	assert_non_null(strstr(text, "PERFORMER \"The Testers\""));
	assert_non_null(strstr(text, "TITLE \"Two / Second\""));
	free(text);
	free(cue);

	/* each song's file: its own frames; the continuous file's slice where no
	 * crossfade touches it */
	const char *names[] = { "01-One.wav", "02-Two___Second.wav", "03-Three.wav" };
	const int64_t lens[] = { LEN1, LEN2, LEN3 };
	const int64_t from[] = { 0, 0, XF23 }, to[] = { LEN1, LEN2 - XF23, LEN3 };
	for (int k = 0; k < 3; k++) {
		char *path = xasprintf("%s/out1/%s", T, names[k]);
		int64_t m;
		float *s = read_all(path, RATE, &m);
		assert_int_equal(m, lens[k]);
		int64_t differ = 0;
		for (int64_t i = from[k] * 2; i < to[k] * 2; i++)
			differ += s[i] != a[starts[k] * 2 + i];
		printf("%s: %lld frames, %lld samples differ from the continuous slice\n",
			names[k], (long long)m, (long long)differ);
		assert_int_equal(differ, 0);
		char tag[256];
		assert_true(media_read_tag(path, "artist", tag, sizeof tag));
		assert_string_equal(tag, "The Testers");
		assert_true(media_read_tag(path, "album", tag, sizeof tag));
		assert_string_equal(tag, "Test Album");
		free(s);
		free(path);
	}
	char tag[256];
	char *two = xasprintf("%s/out1/%s", T, names[1]);
	assert_true(media_read_tag(two, "title", tag, sizeof tag));
	assert_string_equal(tag, "Two / Second");
	assert_true(media_read_tag(two, "tracknumber", tag, sizeof tag));
	assert_string_equal(tag, "2");
	free(two);
	free(x);
	free(a);
}

static double measure(const char *path)
{
	struct loudness_result r;
	struct err_msg msg;
	if (loudness_measure_file(path, &r, &msg) != ERR_OK)
		fail_msg("%s", msg.text);
	return r.integrated_lufs;
}

static void test_normalization(void **state)
{
	(void)state;
	/* before: the plain sequence (24-bit FLAC, tags as Vorbis comments) */
	char *args = xasprintf("album '%s/s1' -o '%s/plain' --format flac", T, T);
	assert_int_equal(run(args), 0);
	free(args);
	args = xasprintf("album '%s/s1' -o '%s/norm' --format flac --target -20 --json", T, T);
	int rc = run(args);
	free(args);
	if (rc)
		print_err();
	assert_int_equal(rc, 0);
	char *json = slurp("out");
	assert_non_null(strstr(json, "\"target_reached\":true"));
	free(json);
	char *path = xasprintf("%s/norm/album.flac", T);
	double lufs = measure(path);
	free(path);
	printf("normalized album: %.3f LUFS (target -20): off by %.3f LU\n", lufs, lufs + 20);
	assert_true(fabs(lufs + 20) <= 0.5);
	const char *names[] = { "01-One.flac", "02-Two___Second.flac", "03-Three.flac" };
	double shift[3], worst = 0;
	for (int k = 0; k < 3; k++) {
		char *a = xasprintf("%s/plain/%s", T, names[k]), *b = xasprintf("%s/norm/%s", T,
			names[k]);
		double la = measure(a), lb = measure(b);
		shift[k] = lb - la;
		worst = fmax(worst, fabs(shift[k] - shift[0]));
		printf("%s: %.2f -> %.2f LUFS (%+.3f dB)\n", names[k], la, lb, shift[k]);
		char tag[64];
		assert_true(media_read_tag(b, "tracknumber", tag, sizeof tag));
		assert_int_equal(atoi(tag), k + 1);
		free(a);
		free(b);
	}
	printf("relative levels kept within %.4f dB\n", worst);
	assert_true(worst <= 0.1);

	/* a target the ceiling forbids: held back, said so, never over the ceiling */
	args = xasprintf("album '%s/s1' -o '%s/loud' --bits 32f --target -1 --ceiling -3 --json",
		T, T);
	assert_int_equal(run(args), 0);
	free(args);
	json = slurp("out");
	assert_non_null(strstr(json, "\"target_reached\":false"));
	free(json);
	char *err = slurp("err");
	assert_non_null(strstr(err, "not the -1.0 LUFS asked for"));
	free(err);
	path = xasprintf("%s/loud/album.wav", T);
	struct loudness_result r;
	struct err_msg msg;
	assert_int_equal(loudness_measure_file(path, &r, &msg), ERR_OK);
	printf("held back: %.2f LUFS, true peak %.3f dBTP (ceiling -3)\n", r.integrated_lufs,
		r.true_peak_dbtp);
	assert_true(r.true_peak_dbtp <= -3.0 + 0.01);
	assert_true(r.integrated_lufs < -1.5);
	free(path);
}

/* another album rate: every length and start is still round(s x rate) */
static void test_other_rate_and_mp3(void **state)
{
	(void)state;
	char *args = xasprintf("album '%s/s1' -o '%s/r44' --rate 44100 --bits 16 --json", T, T);
	assert_int_equal(run(args), 0);
	free(args);
	char *json = slurp("out");
	long long s1, s2, s3, f1, f2, total;
	char *p = strstr(json, "\"frames\":");
	assert_non_null(p);
	assert_int_equal(sscanf(p, "\"frames\":%lld", &total), 1);
	p = strstr(json, "\"start_frame\":");
	assert_int_equal(sscanf(p, "\"start_frame\":%lld,\"frames\":%lld", &s1, &f1), 2);
	p = strstr(p + 1, "\"start_frame\":");
	assert_int_equal(sscanf(p, "\"start_frame\":%lld,\"frames\":%lld", &s2, &f2), 2);
	p = strstr(p + 1, "\"start_frame\":");
	long long f3;
	assert_int_equal(sscanf(p, "\"start_frame\":%lld,\"frames\":%lld", &s3, &f3), 2);
	free(json);
	printf("44.1 kHz: starts %lld %lld %lld, lengths %lld %lld %lld, total %lld\n", s1, s2,
		s3, f1, f2, f3, total);
	assert_int_equal(s1, 11025);                 /* 0.25 s */
	assert_int_equal(f1, 44100);
	assert_int_equal(f2, 66150);
	assert_int_equal(f3, 88200);
	assert_int_equal(s2, s1 + f1 + 22050);       /* 0.5 s gap */
	assert_int_equal(s3, s2 + f2 - 13230);       /* 0.3 s crossfade */
	assert_int_equal(total, s3 + f3);
	char *path = xasprintf("%s/r44/album.wav", T);
	struct media_info info;
	struct err_msg msg;
	assert_int_equal(media_probe(path, &info, &msg), ERR_OK);
	assert_int_equal(info.frames, total);
	assert_int_equal(info.sample_rate, 44100);
	free(path);

	/* MP3 where this libsndfile has LAME; a plain refusal where it has not */
	args = xasprintf("album '%s/s1' -o '%s/mp3' --format mp3", T, T);
	int rc = run(args);
	free(args);
	if (media_container_writable(MEDIA_MP3)) {
		assert_int_equal(rc, 0);
		path = xasprintf("%s/mp3/02-Two___Second.mp3", T);
		char tag[256];
		assert_true(media_read_tag(path, "title", tag, sizeof tag));
		assert_string_equal(tag, "Two / Second");
		printf("MP3: written, title tag read back\n");
		free(path);
	} else {
		assert_int_equal(rc, 1);
		char *err = slurp("err");
		assert_non_null(strstr(err, "cannot write mp3"));
		free(err);
		printf("MP3: this libsndfile cannot write it (said so)\n");
	}
}

static void expect_refused(const char *album, const char *needle)
{
	char *d = xasprintf("%s/bad", T), *f = xasprintf("%s/one.wav", T);
	write_project(d, "bad", f, album);
	char *args = xasprintf("album '%s' -o '%s/badout'", d, T);
	int rc = run(args);
	char *err = slurp("err");
	int lines = 0;
	for (char *q = err; *q; q++)
		lines += *q == '\n';
	printf("refused (%d): %s", rc, err);
	assert_int_equal(rc, 1);
	assert_int_equal(lines, 1);
	assert_non_null(strstr(err, needle));
	free(err);
	free(args);
	free(d);
	free(f);
}

static void test_bad_album(void **state)
{
	(void)state;
	expect_refused("\"album\": {\"songs\": [{\"source\": \"self\", \"gain_db\": \"loud\"}]}",
		"album.songs[0].gain_db: must be a number");
	expect_refused("\"album\": {\"songs\": []}", "album.songs: empty");
	expect_refused("\"album\": [1]", "album: must be an object");
	expect_refused("\"album\": {\"songs\": [{\"title\": \"x\"}]}",
		"album.songs[0].source: missing");
	expect_refused("\"album\": {\"songs\": [{\"source\": \"self\", \"crossfade_s\": 1}]}",
		"album.songs[0].crossfade_s: the last song");
	expect_refused("\"album\": {\"songs\": [{\"source\": \"self\", \"crossfade_s\": 0.1}, "
		"{\"source\": \"self\", \"gap_before_s\": 1}]}",
		"album.songs[1].gap_before_s: must be 0 after a crossfade");
	expect_refused("\"album\": {\"target_lufs\": 5, \"songs\": [{\"source\": \"self\"}]}",
		"album.target_lufs: 5 is out of range");
	expect_refused("\"album\": {\"songs\": [{\"source\": \"self\", \"crossfade_s\": 3}, "
		"{\"source\": \"self\"}]}", "album.songs[0].crossfade_s: 3 s is longer than");
	expect_refused("\"album\": {\"songs\": [{\"source\": \"nowhere.wav\"}]}",
		"album.songs[0] (nowhere.wav)");
	/* no half-written delivery is left behind */
	char *out = xasprintf("%s/badout/01-one.wav", T);
	struct stat st;
	assert_int_not_equal(stat(out, &st), 0);
	free(out);
}

/* A project with a bus: track a plays into the bus, track b to the master with a send
 * into the bus. Stems (one per track, one per bus) add up to the mix. */
static void test_bus_stems(void **state)
{
	(void)state;
	char *d = xasprintf("%s/mix", T);
	mkdir(d, 0755);
	char *fa = xasprintf("%s/one.wav", T), *fb = xasprintf("%s/two.wav", T);
	char *path = xasprintf("%s/project.json", d);
	char *text = xasprintf("{\"format\": \"ttymix-project\", \"version\": 1, \"name\": \"mix\", "
		"\"sample_rate\": %d, \"master\": {\"gain_db\": -1.5}, "
		"\"buses\": [{\"name\": \"grp\", \"gain_db\": -3, \"pan\": 0.3}], "
		"\"tracks\": [{\"name\": \"a\", \"output\": \"grp\", \"pan\": -0.4, \"clips\": "
		"[{\"file\": \"%s\", \"start\": 0}]}, {\"name\": \"b\", \"gain_db\": -2, \"sends\": "
		"[{\"bus\": \"grp\", \"level_db\": -6}], \"clips\": [{\"file\": \"%s\", \"start\": "
		"0.1}]}]}", RATE, fa, fb);
	write_file(path, text);
	char *args = xasprintf("render '%s' -o '%s/mix.wav' --bits 32f --title 'The Mix' "
		"--artist 'Some One'", d, T);
	assert_int_equal(run(args), 0);
	free(args);
	args = xasprintf("render '%s' --stems '%s/stems' --bits 32f", d, T);
	int rc = run(args);
	if (rc)
		print_err();
	assert_int_equal(rc, 0);
	free(args);
	char *mixp = xasprintf("%s/mix.wav", T);
	char tag[256];
	assert_true(media_read_tag(mixp, "title", tag, sizeof tag));
	assert_string_equal(tag, "The Mix");
	assert_true(media_read_tag(mixp, "artist", tag, sizeof tag));
	assert_string_equal(tag, "Some One");
	int64_t n;
	float *mix = read_all(mixp, RATE, &n);
	double *sum = xcalloc(2 * (size_t)n, sizeof *sum);
	const char *stems[] = { "01-a.wav", "02-b.wav", "03-grp.wav" };
	double energy[3] = { 0 };
	for (int k = 0; k < 3; k++) {
		char *sp = xasprintf("%s/stems/%s", T, stems[k]);
		int64_t m;
		float *s = read_all(sp, RATE, &m);
		assert_int_equal(m, n);
		for (int64_t i = 0; i < 2 * n; i++) {
			sum[i] += s[i];
			energy[k] += (double)s[i] * s[i];
		}
		free(s);
		free(sp);
	}
	double max_err = 0;
	for (int64_t i = 0; i < 2 * n; i++)
		max_err = fmax(max_err, fabs(sum[i] - mix[i]));
	printf("stems a %.3g, b %.3g, grp %.3g (energy); tracks + bus vs the mix: max error "
		"%.2e\n", energy[0], energy[1], energy[2], max_err);
	assert_true(max_err < 1e-6);
	assert_true(energy[0] == 0.0);       /* a plays only through the bus */
	assert_true(energy[1] > 0.0 && energy[2] > energy[1] * 0.01);
	free(sum);
	free(mix);
	free(mixp);
	free(text);
	free(path);
	free(fa);
	free(fb);
	free(d);
}

/* the album survives a save: every field, and fields this version does not know */
static void test_round_trip_and_check(void **state)
{
	(void)state;
	char *dir = xasprintf("%s/s1", T);
	struct diag d;
	diag_init(&d);
	struct project *p = NULL;
	assert_int_equal(project_load(dir, &p, &d), ERR_OK);
	assert_non_null(p->album);
	assert_int_equal(p->album->n_songs, 3);
	assert_string_equal(p->album->artist, "The Testers");
	assert_false(p->album->has_target);
	assert_true(p->album->songs[1].crossfade_s == 0.3);
	assert_true(p->album->songs[1].gain_db == -6);
	char *text = project_to_json(p);
	assert_non_null(strstr(text, "\"mood\":\t\"kept\""));
	struct project *q = NULL;
	assert_int_equal(project_from_json(text, p->dir, p->path, &q, &d), ERR_OK);
	for (int i = 0; i < 3; i++) {
		const struct project_song *a = &p->album->songs[i], *b = &q->album->songs[i];
		assert_string_equal(a->source, b->source);
		assert_string_equal(a->title, b->title);
		assert_true(a->gap_before_s == b->gap_before_s && a->gain_db == b->gain_db &&
			a->fade_in_s == b->fade_in_s && a->fade_out_s == b->fade_out_s &&
			a->crossfade_s == b->crossfade_s);
	}
	char *again = project_to_json(q);
	assert_string_equal(text, again);
	free(again);
	free(text);
	project_free(q);
	project_free(p);
	diag_deinit(&d);

	/* check looks at every song's source */
	char *args = xasprintf("check '%s'", dir);
	assert_int_equal(run(args), 0);
	free(args);
	char *bad = xasprintf("%s/gone", T);
	char *f = xasprintf("%s/one.wav", T);
	write_project(bad, "gone", f, "\"album\": {\"songs\": [{\"source\": \"self\"}, "
		"{\"source\": \"../missing-project\"}]}");
	args = xasprintf("check '%s'", bad);
	assert_int_equal(run(args), 1);
	char *err = slurp("err");
	printf("check: %s", err);
	assert_non_null(strstr(err, "album.songs[1] (../missing-project)"));
	assert_non_null(strstr(err, "not found (a project folder"));
	free(err);
	free(args);
	free(bad);
	free(f);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sequence_exact),
		cmocka_unit_test(test_normalization),
		cmocka_unit_test(test_other_rate_and_mp3),
		cmocka_unit_test(test_bad_album),
		cmocka_unit_test(test_bus_stems),
		cmocka_unit_test(test_round_trip_and_check),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
