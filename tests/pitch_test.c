/* Per-clip pitch and varispeed through the real binary: `ttymix render` of a project
 * whose clip is a 440 Hz sine, then the frequency measured in the rendered file (rising
 * zero crossings, interpolated, over seconds) and its length counted in frames. Also
 * the cache (reused, rebuilt when the setting changes), the JSON round trip of the new
 * fields and the refusal of bad values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audio/media.h"
#include "src/pitch.h"
#include "src/project.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000
#define SINE_HZ 440.0
#define SINE_SEC 5.0

static double sine(int64_t i, int ch, void *arg)
{
	(void)ch;
	(void)arg;
	return 0.5 * sin(2 * M_PI * SINE_HZ * (double)i / RATE);
}

struct fixture {
	char *dir;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	f->dir = tu_tempdir();
	char *audio = xasprintf("%s/audio", f->dir);
	mkdir(audio, 0755);
	char *wav = xasprintf("%s/sine.wav", audio);
	tu_write_wav(wav, RATE, 1, (int64_t)(SINE_SEC * RATE), sine, NULL);
	free(wav);
	free(audio);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f->dir);
	free(f);
	return 0;
}

/* project.json with one clip of the sine and the given extra clip fields. */
static void write_project(const struct fixture *f, const char *clip_fields)
{
	char *path = xasprintf("%s/project.json", f->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "{\"format\":\"ttymix-project\",\"version\":1,\"sample_rate\":%d,"
		"\"tracks\":[{\"name\":\"sine\",\"clips\":[{\"file\":\"audio/sine.wav\","
		"\"start\":0%s%s}]}]}\n", RATE, clip_fields[0] ? "," : "", clip_fields);
	fclose(fp);
	free(path);
}

/* Run `ttymix render` into out.wav; returns its exit status and how many clips it
 * said it was pitching. */
static int render(const struct fixture *f, int *pitched)
{
	const char *bin = getenv("TTYMIX");
	assert_non_null(bin);
	char *cmd = xasprintf("'%s' render '%s' -o '%s/out.wav' --bits 32f 2>'%s/stderr.txt'",
		bin, f->dir, f->dir, f->dir);
	int rc = system(cmd);
	free(cmd);
	char *log = xasprintf("%s/stderr.txt", f->dir);
	FILE *fp = fopen(log, "r");
	assert_non_null(fp);
	char line[1024];
	*pitched = 0;
	while (fgets(line, sizeof line, fp)) {
		if (strstr(line, "ttymix: pitching "))
			(*pitched)++;
		else
			fprintf(stderr, "render said: %s", line);
	}
	fclose(fp);
	free(log);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

struct measured {
	int64_t frames;
	double hz;            /* from rising zero crossings of the left channel */
	double rms_mid;       /* over the middle */
	double rms_head;      /* 10..60 ms */
	double rms_tail;      /* the last 60 ms but 10 */
};

static double rms(const float *x, int64_t from, int64_t to)
{
	double s = 0;
	for (int64_t i = from; i < to; i++)
		s += (double)x[i * 2] * x[i * 2];
	return to > from ? sqrt(s / (double)(to - from)) : 0;
}

static struct measured measure(const struct fixture *f)
{
	char *path = xasprintf("%s/out.wav", f->dir);
	struct media_reader *r;
	struct err_msg msg;
	assert_int_equal(media_reader_open(&r, path, RATE, &msg), ERR_OK);
	free(path);
	assert_int_equal(media_reader_info(r)->channels, 2);
	struct measured m = { .frames = media_reader_frames(r) };
	float *x = xmalloc(sizeof(float) * 2 * (size_t)m.frames);
	assert_int_equal(media_reader_read(r, 0, x, (int)m.frames, &msg), ERR_OK);
	media_reader_close(r);
	/* skip half a second at each end: the frequency is judged where it is steady */
	const int64_t a = RATE / 2, b = m.frames - RATE / 2;
	double first = -1, last = -1;
	int crossings = 0;
	for (int64_t i = a; i + 1 < b; i++) {
		const double y0 = x[i * 2], y1 = x[(i + 1) * 2];
		if (y0 < 0 && y1 >= 0) {
			const double t = (double)i + y0 / (y0 - y1);
			if (first < 0)
				first = t;
			last = t;
			crossings++;
		}
	}
	m.hz = crossings > 1 ? (crossings - 1) * (double)RATE / (last - first) : 0;
	m.rms_mid = rms(x, a, b);
	m.rms_head = rms(x, RATE / 100, RATE * 6 / 100);
	m.rms_tail = rms(x, m.frames - RATE * 6 / 100, m.frames - RATE / 100);
	free(x);
	return m;
}

static void expect_sine(const struct fixture *f, double hz, double seconds)
{
	const struct measured m = measure(f);
	fprintf(stderr, "measured %.6f Hz (want %.6f), %lld frames (want %.0f), rms head %.3f "
		"mid %.3f tail %.3f\n", m.hz, hz, (long long)m.frames, seconds * RATE, m.rms_head,
		m.rms_mid, m.rms_tail);
	assert_true(fabs(m.hz - hz) <= 1.0);
	assert_true(llabs(m.frames - llround(seconds * RATE)) <= RATE / 1000);
	/* the sound fills the clip to within tens of milliseconds of both ends: no delay,
	 * no early end (rubberband softens an abrupt start or end over about 20 ms) */
	assert_true(m.rms_mid > 0.1);
	assert_true(m.rms_head > 0.5 * m.rms_mid);
	assert_true(m.rms_tail > 0.5 * m.rms_mid);
}

static void test_unpitched_reference(void **state)
{
	struct fixture *f = *state;
	write_project(f, "");
	int pitched;
	assert_int_equal(render(f, &pitched), 0);
	assert_int_equal(pitched, 0);
	expect_sine(f, SINE_HZ, SINE_SEC);
}

static void test_octave_up_same_length(void **state)
{
	struct fixture *f = *state;
	write_project(f, "\"pitch_semitones\":12");
	int pitched;
	assert_int_equal(render(f, &pitched), 0);
	assert_int_equal(pitched, 1);
	expect_sine(f, 2 * SINE_HZ, SINE_SEC);
}

static void test_down_seven_plus_fifty_cents(void **state)
{
	struct fixture *f = *state;
	write_project(f, "\"pitch_semitones\":-7,\"pitch_cents\":50");
	int pitched;
	assert_int_equal(render(f, &pitched), 0);
	assert_int_equal(pitched, 1);
	expect_sine(f, SINE_HZ * pow(2.0, -6.5 / 12.0), SINE_SEC); /* 302.27 Hz */
}

static void test_varispeed_octave_halves_length(void **state)
{
	struct fixture *f = *state;
	write_project(f, "\"pitch_semitones\":12,\"varispeed\":true");
	int pitched;
	assert_int_equal(render(f, &pitched), 0);
	assert_int_equal(pitched, 1);
	expect_sine(f, 2 * SINE_HZ, SINE_SEC / 2);
}

static void test_varispeed_down_with_length(void **state)
{
	struct fixture *f = *state;
	/* a clip of 1..3 s in the file, 5 semitones down: 2 s of file become
	 * 2 x 2^(5/12) s on the timeline, starting at 1 x 2^(5/12) s into the cache */
	write_project(f, "\"offset\":1,\"length\":2,\"pitch_semitones\":-5,\"varispeed\":true");
	int pitched;
	assert_int_equal(render(f, &pitched), 0);
	const double scale = pow(2.0, 5.0 / 12.0);
	expect_sine(f, SINE_HZ / scale, 2 * scale);
}

/* A tone burst from 1 s to 2 s: silence, then the sine, then silence. */
static double burst(int64_t i, int ch, void *arg)
{
	return i >= RATE && i < 2 * RATE ? sine(i, ch, arg) : 0.0;
}

/* Where the rendered left channel's 1 ms RMS envelope first and last passes half its
 * maximum, in ms. */
static void burst_edges(const struct fixture *f, double *on_ms, double *off_ms)
{
	char *path = xasprintf("%s/out.wav", f->dir);
	struct media_reader *r;
	struct err_msg msg;
	assert_int_equal(media_reader_open(&r, path, RATE, &msg), ERR_OK);
	free(path);
	const int64_t frames = media_reader_frames(r);
	float *x = xmalloc(sizeof(float) * 2 * (size_t)frames);
	assert_int_equal(media_reader_read(r, 0, x, (int)frames, &msg), ERR_OK);
	media_reader_close(r);
	const int64_t n_ms = frames / (RATE / 1000);
	double *env = xmalloc(sizeof(double) * (size_t)n_ms), top = 0;
	for (int64_t k = 0; k < n_ms; k++) {
		env[k] = rms(x, k * (RATE / 1000), (k + 1) * (RATE / 1000));
		top = fmax(top, env[k]);
	}
	*on_ms = *off_ms = -1;
	for (int64_t k = 0; k < n_ms; k++)
		if (env[k] > top / 2) {
			if (*on_ms < 0)
				*on_ms = (double)k;
			*off_ms = (double)k + 1;
		}
	free(env);
	free(x);
}

/* Pitch changes what is heard, not when: the burst starts and ends where it did. */
static void test_timing_kept(void **state)
{
	struct fixture *f = *state;
	char *wav = xasprintf("%s/audio/sine.wav", f->dir);
	tu_write_wav(wav, RATE, 1, 3 * RATE, burst, NULL);
	free(wav);
	static const char *const shifts[] = { "\"pitch_semitones\":12",
		"\"pitch_semitones\":-7,\"pitch_cents\":50", "\"pitch_semitones\":-24" };
	for (size_t i = 0; i < sizeof shifts / sizeof shifts[0]; i++) {
		write_project(f, shifts[i]);
		int pitched;
		assert_int_equal(render(f, &pitched), 0);
		double on, off;
		burst_edges(f, &on, &off);
		fprintf(stderr, "%s: burst from %.0f ms to %.0f ms (was 1000 to 2000)\n", shifts[i],
			on, off);
		assert_true(fabs(on - 1000) <= 5);
		assert_true(fabs(off - 2000) <= 20);
	}
	/* varispeed moves time on purpose: +12 puts the burst at 0.5 s to 1 s */
	write_project(f, "\"pitch_semitones\":12,\"varispeed\":true");
	int pitched;
	assert_int_equal(render(f, &pitched), 0);
	double on, off;
	burst_edges(f, &on, &off);
	fprintf(stderr, "varispeed +12: burst from %.0f ms to %.0f ms\n", on, off);
	assert_true(fabs(on - 500) <= 2 && fabs(off - 1000) <= 2);
}

static int64_t mtime_ns(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	return (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
}

static char *cache_of(const struct fixture *f)
{
	struct project *p;
	struct diag d;
	diag_init(&d);
	assert_int_equal(project_load(f->dir, &p, &d), ERR_OK);
	diag_deinit(&d);
	char *path = pitch_cache_path(p, &p->tracks[0].clips[0]);
	project_free(p);
	assert_non_null(path);
	return path;
}

static void test_cache_reused_and_rebuilt(void **state)
{
	struct fixture *f = *state;
	write_project(f, "\"pitch_semitones\":3");
	int pitched;
	assert_int_equal(render(f, &pitched), 0);
	assert_int_equal(pitched, 1);
	char *cache = cache_of(f);
	const int64_t made = mtime_ns(cache);
	assert_true(made > 0);
	/* the cache is a 32-bit float WAV at the project rate, as long as the file */
	struct media_info info;
	struct err_msg msg;
	assert_int_equal(media_probe(cache, &info, &msg), ERR_OK);
	assert_int_equal(info.sample_rate, RATE);
	assert_int_equal(info.frames, (int64_t)(SINE_SEC * RATE));

	assert_int_equal(render(f, &pitched), 0);
	assert_int_equal(pitched, 0);               /* nothing said... */
	assert_int_equal(mtime_ns(cache), made);    /* ...and nothing written */
	expect_sine(f, SINE_HZ * pow(2.0, 3.0 / 12.0), SINE_SEC);

	write_project(f, "\"pitch_semitones\":3,\"pitch_cents\":-20");
	char *other = cache_of(f);
	assert_string_not_equal(other, cache);
	assert_int_equal(render(f, &pitched), 0);
	assert_int_equal(pitched, 1);
	assert_true(mtime_ns(other) > 0);
	expect_sine(f, SINE_HZ * pow(2.0, 2.8 / 12.0), SINE_SEC);

	/* a changed source is a new cache too (size and mtime are in the name) */
	write_project(f, "\"pitch_semitones\":3");
	char *wav = xasprintf("%s/audio/sine.wav", f->dir);
	tu_write_wav(wav, RATE, 1, (int64_t)(SINE_SEC * RATE) + 480, sine, NULL);
	free(wav);
	char *third = cache_of(f);
	assert_string_not_equal(third, cache);
	assert_int_equal(render(f, &pitched), 0);
	assert_int_equal(pitched, 1);

	/* pruning keeps what the project plays, a live build's temporary file and files
	 * not named as caches; it removes the two caches left behind and a dead build's
	 * temporary file */
	char *live = xasprintf("%s.%ld.tmp", third, (long)getpid());
	char *dead = xasprintf("%s.2147483646.tmp", third);
	char *notes = xasprintf("%s/%s/notes.txt", f->dir, PITCH_FOLDER);
	/* today's temporary names (src/base/safefile.h): one being written, one a crash left */
	char *fresh = xasprintf("%s.tmp.AbC123", third);
	char *left = xasprintf("%s.tmp.XyZ789", third);
	const char *made_up[] = { live, dead, notes, fresh, left };
	for (int i = 0; i < 5; i++) {
		FILE *fp = fopen(made_up[i], "w");
		assert_non_null(fp);
		fclose(fp);
	}
	struct timespec old[2] = { { .tv_sec = time(NULL) - 2 * 3600 },
		{ .tv_sec = time(NULL) - 2 * 3600 } };
	assert_int_equal(utimensat(AT_FDCWD, left, old, 0), 0);
	struct project *p;
	struct diag d;
	diag_init(&d);
	assert_int_equal(project_load(f->dir, &p, &d), ERR_OK);
	diag_deinit(&d);
	assert_int_equal(pitch_prune(p), 4);
	project_free(p);
	assert_int_equal(access(third, R_OK), 0);
	assert_int_equal(access(live, F_OK), 0);
	assert_int_equal(access(notes, F_OK), 0);
	assert_int_equal(access(cache, F_OK), -1);
	assert_int_equal(access(other, F_OK), -1);
	assert_int_equal(access(dead, F_OK), -1);
	assert_int_equal(access(fresh, F_OK), 0);
	assert_int_equal(access(left, F_OK), -1);
	free(fresh);
	free(left);
	free(live);
	free(dead);
	free(notes);
	free(third);
	free(other);
	free(cache);
}

/* Wait for the worker to go idle; returns the builds that ended well meanwhile, and
 * fails on any failure message. */
static int worker_wait(struct pitch_worker *w)
{
	int finished_total = 0, finished;
	char failed[ERR_MSG_MAX];
	for (;;) {
		const int progress = pitch_worker_poll(w, &finished, failed, sizeof failed);
		finished_total += finished;
		if (failed[0])
			fail_msg("the worker failed: %s", failed);
		if (progress < 0)
			return finished_total;
		assert_true(progress <= 1000);
		usleep(20000);
	}
}

/* The studio's worker: builds in the background, and a setting changed again before
 * its build is done is dropped (no file, no message) for the new one. */
static void test_worker_builds_and_drops(void **state)
{
	struct fixture *f = *state;
	char *wav = xasprintf("%s/audio/sine.wav", f->dir);
	tu_write_wav(wav, RATE, 1, 60 * RATE, sine, NULL); /* long enough to still be busy */
	free(wav);
	write_project(f, "\"pitch_semitones\":5");
	struct project *p;
	struct diag d;
	diag_init(&d);
	assert_int_equal(project_load(f->dir, &p, &d), ERR_OK);
	diag_deinit(&d);
	struct project_clip *c = &p->tracks[0].clips[0];
	struct pitch_worker *w = pitch_worker_start();
	assert_non_null(w);
	char *first = pitch_cache_path(p, c);
	assert_true(pitch_worker_request(w, p, c));
	assert_true(pitch_worker_request(w, p, c)); /* asked twice: still one build */
	c->pitch_semitones = -5;                    /* changed before it could finish */
	char *second = pitch_cache_path(p, c);
	pitch_worker_keep(w, p);
	assert_true(pitch_worker_request(w, p, c));
	assert_int_equal(worker_wait(w), 1);
	assert_int_equal(access(first, F_OK), -1);  /* dropped: never written */
	assert_int_equal(access(second, R_OK), 0);
	assert_false(pitch_worker_request(w, p, c)); /* there: nothing to do */
	/* and back to the first setting: built now */
	c->pitch_semitones = 5;
	pitch_worker_keep(w, p);
	assert_true(pitch_worker_request(w, p, c));
	assert_int_equal(worker_wait(w), 1);
	assert_int_equal(access(first, R_OK), 0);
	/* stopped in the middle of a build: no cache, no temporary file left behind */
	c->pitch_semitones = 7;
	char *third = pitch_cache_path(p, c);
	assert_true(pitch_worker_request(w, p, c));
	int progress;
	while ((progress = pitch_worker_progress(w)) == 0)
		usleep(5000); /* until it is under way */
	pitch_worker_stop(w);
	if (progress > 0 && progress < 1000) /* (-1: it finished first, on a fast machine) */
		assert_int_equal(access(third, F_OK), -1);
	char *cmd = xasprintf("ls -a '%s/%s' | grep -c tmp", f->dir, PITCH_FOLDER);
	FILE *ls = popen(cmd, "r");
	char count[16] = "";
	assert_non_null(fgets(count, sizeof count, ls));
	pclose(ls);
	assert_string_equal(count, "0\n");
	free(cmd);
	free(third);
	free(first);
	free(second);
	project_free(p);
}

static char *read_text(const char *path)
{
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char *buf = xcalloc(1, 65536);
	size_t n = fread(buf, 1, 65535, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void test_json_round_trip(void **state)
{
	struct fixture *f = *state;
	write_project(f, "\"pitch_semitones\":-24,\"pitch_cents\":100,\"varispeed\":true");
	struct project *p;
	struct diag d;
	diag_init(&d);
	assert_int_equal(project_load(f->dir, &p, &d), ERR_OK);
	assert_int_equal(d.count, 0);
	const struct project_clip *c = &p->tracks[0].clips[0];
	assert_int_equal(c->pitch_semitones, -24);
	assert_int_equal(c->pitch_cents, 100);
	assert_true(c->varispeed);
	struct err_msg msg;
	assert_int_equal(project_save(p, &msg), ERR_OK);
	char *first = read_text(p->path);
	assert_non_null(strstr(first, "\"pitch_semitones\":\t-24"));
	assert_non_null(strstr(first, "\"pitch_cents\":\t100"));
	assert_non_null(strstr(first, "\"varispeed\":\ttrue"));
	project_free(p);
	/* load -> save -> load -> save: the same text */
	assert_int_equal(project_load(f->dir, &p, &d), ERR_OK);
	assert_int_equal(project_save(p, &msg), ERR_OK);
	char *second = read_text(p->path);
	assert_string_equal(first, second);
	/* an edit in the model is what is saved */
	p->tracks[0].clips[0].pitch_semitones = 7;
	p->tracks[0].clips[0].pitch_cents = -3;
	p->tracks[0].clips[0].varispeed = false;
	assert_int_equal(project_save(p, &msg), ERR_OK);
	project_free(p);
	assert_int_equal(project_load(f->dir, &p, &d), ERR_OK);
	assert_int_equal(p->tracks[0].clips[0].pitch_semitones, 7);
	assert_int_equal(p->tracks[0].clips[0].pitch_cents, -3);
	assert_false(p->tracks[0].clips[0].varispeed);
	project_free(p);
	free(first);
	free(second);

	/* a project without pitch does not grow the fields */
	write_project(f, "");
	assert_int_equal(project_load(f->dir, &p, &d), ERR_OK);
	assert_int_equal(project_save(p, &msg), ERR_OK);
	char *plain = read_text(p->path);
	assert_null(strstr(plain, "pitch"));
	assert_null(strstr(plain, "varispeed"));
	free(plain);
	project_free(p);
	diag_deinit(&d);
}

/* Each bad value: refused, with one line naming the field and the value. */
static void expect_refused(const struct fixture *f, const char *fields, const char *said)
{
	write_project(f, fields);
	struct project *p = NULL;
	struct diag d;
	diag_init(&d);
	assert_int_equal(project_load(f->dir, &p, &d), ERR_FORMAT);
	assert_null(p);
	assert_int_equal(d.errors, 1);
	fprintf(stderr, "refused: %s\n", d.items[0].text);
	assert_non_null(strstr(d.items[0].text, said));
	diag_deinit(&d);
	/* and the binary says it in one line, exit status 1 */
	const char *bin = getenv("TTYMIX");
	char *cmd = xasprintf("'%s' render '%s' -o '%s/x.wav' 2>'%s/stderr.txt'", bin, f->dir,
		f->dir, f->dir);
	const int rc = system(cmd);
	free(cmd);
	assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 1);
	char *log = xasprintf("%s/stderr.txt", f->dir);
	char *text = read_text(log);
	free(log);
	assert_non_null(strstr(text, said));
	assert_non_null(strchr(text, '\n'));
	assert_true(*(strchr(text, '\n') + 1) == '\0');
	free(text);
}

static void test_bad_values_refused(void **state)
{
	struct fixture *f = *state;
	expect_refused(f, "\"pitch_semitones\":25",
		"tracks[0].clips[0].pitch_semitones: 25 is out of range (-24 to 24)");
	expect_refused(f, "\"pitch_semitones\":-30",
		"tracks[0].clips[0].pitch_semitones: -30 is out of range (-24 to 24)");
	expect_refused(f, "\"pitch_cents\":101",
		"tracks[0].clips[0].pitch_cents: 101 is out of range (-100 to 100)");
	expect_refused(f, "\"pitch_semitones\":1.5",
		"tracks[0].clips[0].pitch_semitones: must be a whole number (-24 to 24), not 1.5");
	expect_refused(f, "\"pitch_cents\":\"10\"",
		"tracks[0].clips[0].pitch_cents: must be a number, not a string");
	expect_refused(f, "\"varispeed\":1",
		"tracks[0].clips[0].varispeed: must be true or false, not a number");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unpitched_reference, setup, teardown),
		cmocka_unit_test_setup_teardown(test_octave_up_same_length, setup, teardown),
		cmocka_unit_test_setup_teardown(test_down_seven_plus_fifty_cents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_varispeed_octave_halves_length, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_varispeed_down_with_length, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timing_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_reused_and_rebuilt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_worker_builds_and_drops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_values_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
