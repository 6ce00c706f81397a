/* :import and import_files (src/import.h) in a session without terminal or audio
 * thread, driven through its command lines:
 * - files at 44.1 and 48 kHz, mono and stereo, imported into a 48 kHz project, render
 *   within -100 dBFS of what they should sound like: the source itself at 48 kHz, and
 *   at 44.1 kHz the source resampled by libsoxr's one-shot call (soxr_oneshot, at the
 *   quality the media reader asks for). That is a second path through soxr, not the
 *   media reader's streaming one, and it is exact enough to hold a copy to -100 dBFS:
 *   a resampler of another design (sox's own `rate`, a windowed sinc) differs from
 *   soxr's filter by more than that near the band edge, which would test the filters
 *   and not the import. Both sides go through the same pan law, which the expected
 *   signal takes from audio/dsp/pan.h;
 * - one import is one undo step: undo removes the clip and its track, redo brings
 *   them back;
 * - TRACK and AT: a named track made or found, a bar, seconds;
 * - a broken, truncated or missing file is one line and changes nothing: not the
 *   project, not the history, not audio/ (and of several files, none is copied). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <soxr.h>

#include "audio/dsp/pan.h"
#include "audio/media.h"
#include "src/import.h"
#include "src/project.h"
#include "src/base/xalloc.h"
#include "src/studio/commands.h"
#include "src/studio/edit.h"
#include "src/studio/snapshot.h"
#include "src/studio/undo.h"
#include "tests/test_util.h"

#define RATE 48000
#define SECONDS 1.5

static char *tmp;

static struct studio *session(void)
{
	struct studio *st = xcalloc(1, sizeof *st);
	char *dir = xasprintf("%s/proj", tmp);
	char *audio = xasprintf("%s/audio", dir);
	mkdir(dir, 0755);
	mkdir(audio, 0755);
	st->project = project_new(dir, "t", RATE);
	free(audio);
	free(dir);
	st->engine = engine_create(RATE);
	st->end_frame = 60 * RATE;
	studio_undo_init(&st->undo);
	studio_undo_mark_saved(&st->undo);
	return st;
}

static void session_free(struct studio *st)
{
	studio_edit_deinit(st);
	studio_undo_deinit(&st->undo);
	studio_snapshot_deinit(&st->snap);
	engine_destroy(st->engine);
	char *audio = xasprintf("%s/audio", st->project->dir);
	DIR *d = opendir(audio);
	for (struct dirent *de; d && (de = readdir(d));) {
		if (de->d_name[0] == '.')
			continue;
		char *f = xasprintf("%s/%s", audio, de->d_name);
		unlink(f);
		free(f);
	}
	if (d)
		closedir(d);
	rmdir(audio);
	rmdir(st->project->dir);
	free(audio);
	project_free(st->project);
	free(st);
}

static struct studio_sel sel;

static void line(struct studio *st, const char *text, bool error)
{
	st->said_text[0] = '\0';
	st->said_error = false;
	studio_line_exec(st, &sel, text);
	if (st->said_error != error)
		fail_msg("\"%s\": %s \"%s\"", text, error ? "no error, said" : "error", st->said_text);
}

/* Two sines a channel, unlike on the left and the right, well inside both rates'
 * bands, with a bit of level change so a misplaced frame shows. */
static double gen(int64_t i, int ch, void *arg)
{
	const double rate = *(const int *)arg;
	const double t = (double)i / rate;
	const double f1 = ch ? 523.25 : 440.0, f2 = ch ? 7000.0 : 3100.0;
	return (0.3 + 0.1 * sin(2 * M_PI * 3 * t)) * sin(2 * M_PI * f1 * t)
		+ 0.2 * sin(2 * M_PI * f2 * t + ch);
}

/* A source file in tmp; its path (malloc'd). */
static char *source(const char *name, int rate, int channels)
{
	char *path = xasprintf("%s/%s", tmp, name);
	int r = rate;
	tu_write_wav(path, rate, channels, (int64_t)(SECONDS * rate), gen, &r);
	return path;
}

/* The file's frames, interleaved, read at its own rate. */
static float *read_all(const char *path, int *channels, int64_t *frames, int *rate)
{
	struct media_info info;
	struct err_msg msg;
	assert_int_equal(media_probe(path, &info, &msg), ERR_OK);
	struct media_reader *r;
	assert_int_equal(media_reader_open(&r, path, info.sample_rate, &msg), ERR_OK);
	*frames = media_reader_frames(r);
	*channels = info.channels;
	*rate = info.sample_rate;
	float *buf = xmalloc(sizeof(float) * (size_t)(*frames * info.channels));
	assert_int_equal(media_reader_read(r, 0, buf, (int)*frames, &msg), ERR_OK);
	media_reader_close(r);
	return buf;
}

/* What the source should be at RATE: itself, or soxr's one-shot resample of it. */
static float *expected(const char *path, int *channels, int64_t *frames)
{
	int rate;
	float *src = read_all(path, channels, frames, &rate);
	if (rate == RATE)
		return src;
	const int64_t out_frames = (int64_t)llround((double)*frames * RATE / rate);
	float *out = xcalloc((size_t)(out_frames * *channels), sizeof(float));
	const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
	const soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
	size_t done = 0;
	soxr_error_t e = soxr_oneshot(rate, RATE, (unsigned)*channels, src, (size_t)*frames,
		NULL, out, (size_t)out_frames, &done, &io, &q, NULL);
	assert_null(e);
	assert_true((int64_t)done >= out_frames - 2);
	free(src);
	*frames = (int64_t)done;
	return out;
}

/* The loudest difference between p's render and the expected signal, in dBFS. */
static double residual_db(const struct project *p, const char *src)
{
	int channels;
	int64_t n;
	float *want = expected(src, &channels, &n);
	float pan[2];
	pan_gains_rt(p->pan_law_db, channels, 0.0, 1.0, pan);
	int64_t got_n;
	float *got = tu_render(p, 0, 0, 256, &got_n);
	assert_true(got_n >= n);
	double worst = 0;
	for (int64_t i = 0; i < n; i++)
		for (int ch = 0; ch < 2; ch++) {
			const double w = want[i * channels + (channels == 2 ? ch : 0)] * pan[ch];
			const double d = fabs(got[i * 2 + ch] - w);
			worst = d > worst ? d : worst;
		}
	free(want);
	free(got);
	return worst > 0 ? 20 * log10(worst) : -INFINITY; /* bit for bit */
}

static void import_renders_as_the_source(void **state)
{
	(void)state;
	const struct { const char *name; int rate, channels; bool resampled; } files[] = {
		{ "mono48.wav", 48000, 1, false },
		{ "stereo48.wav", 48000, 2, false },
		{ "mono44.wav", 44100, 1, true },
		{ "stereo44.wav", 44100, 2, true },
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *src = source(files[i].name, files[i].rate, files[i].channels);
		struct studio *st = session();
		char *cmd = xasprintf("import %s", src);
		line(st, cmd, false);
		assert_non_null(strstr(st->said_text, files[i].resampled
			? "44100 Hz resampled to 48000 Hz" : "imported audio/"));
		const struct project *p = st->project;
		assert_int_equal(p->n_tracks, 1);
		assert_int_equal(p->tracks[0].n_clips, 1);
		char *rel = xasprintf("audio/%s", files[i].name);
		assert_string_equal(p->tracks[0].clips[0].file, rel);
		/* the copy is at the project's rate */
		char *copy = project_clip_path(p, &p->tracks[0].clips[0]);
		struct media_info info;
		struct err_msg msg;
		assert_int_equal(media_probe(copy, &info, &msg), ERR_OK);
		assert_int_equal(info.sample_rate, RATE);
		assert_int_equal(info.channels, files[i].channels);
		const double db = residual_db(p, src);
		print_message("%s: render against the source%s: %.1f dBFS\n", files[i].name,
			files[i].resampled ? " resampled by soxr" : "", db);
		assert_true(db <= -100.0);
		free(copy);
		free(rel);
		free(cmd);
		session_free(st);
		unlink(src);
		free(src);
	}
}

static void import_is_one_undo_step(void **state)
{
	(void)state;
	char *src = source("vox.wav", 44100, 1);
	struct studio *st = session();
	project_add_track(st->project, "drums");
	char *before = project_to_json(st->project);
	char *cmd = xasprintf("import %s", src);
	line(st, cmd, false);
	assert_int_equal(st->project->n_tracks, 2);
	assert_string_equal(st->project->tracks[1].strip.name, "vox");
	assert_int_equal(sel.strip, 1);
	line(st, "undo", false);
	assert_int_equal(st->project->n_tracks, 1);
	char *now = project_to_json(st->project);
	assert_string_equal(now, before);
	free(now);
	line(st, "redo", false);
	assert_int_equal(st->project->n_tracks, 2);
	assert_string_equal(st->project->tracks[1].clips[0].file, "audio/vox.wav");
	/* the same file again: a copy of its own, never over the first */
	line(st, cmd, false);
	assert_string_equal(st->project->tracks[2].clips[0].file, "audio/2-vox.wav");
	free(before);
	free(cmd);
	session_free(st);
	unlink(src);
	free(src);
}

static void import_on_a_track_at_a_time(void **state)
{
	(void)state;
	char *src = source("gtr.wav", 48000, 2);
	struct studio *st = session();
	char *cmd = xasprintf("import %s lead b3", src);
	line(st, cmd, false); /* a new track called lead, bar 3: 4 s at 120 bpm 4/4 */
	free(cmd);
	assert_int_equal(st->project->n_tracks, 1);
	assert_string_equal(st->project->tracks[0].strip.name, "lead");
	assert_float_equal(st->project->tracks[0].clips[0].start, 4.0, 1e-9);
	cmd = xasprintf("import %s lead 0:01.5", src);
	line(st, cmd, false); /* the track is found: a second clip, in time order */
	free(cmd);
	assert_int_equal(st->project->n_tracks, 1);
	assert_int_equal(st->project->tracks[0].n_clips, 2);
	assert_float_equal(st->project->tracks[0].clips[0].start, 1.5, 1e-9);
	assert_int_equal(sel.clip, 0);
	cmd = xasprintf("import %s 12.5", src);
	line(st, cmd, false); /* a time alone: a new track named after the file */
	free(cmd);
	assert_int_equal(st->project->n_tracks, 2);
	assert_string_equal(st->project->tracks[1].strip.name, "gtr");
	assert_float_equal(st->project->tracks[1].clips[0].start, 12.5, 1e-9);
	/* no AT: the playhead */
	st->snap.playhead = 3 * RATE;
	cmd = xasprintf("import %s 1", src);
	line(st, cmd, false);
	free(cmd);
	assert_int_equal(st->project->tracks[0].n_clips, 3);
	assert_float_equal(st->project->tracks[0].clips[1].start, 3.0, 1e-9);
	assert_int_equal(sel.clip, 1);
	session_free(st);
	unlink(src);
	free(src);
}

/* How many files dir/audio holds. */
static int audio_files(const struct project *p)
{
	char *audio = xasprintf("%s/audio", p->dir);
	DIR *d = opendir(audio);
	int n = 0;
	for (struct dirent *de; d && (de = readdir(d));)
		n += de->d_name[0] != '.';
	if (d)
		closedir(d);
	free(audio);
	return n;
}

static void broken_files_change_nothing(void **state)
{
	(void)state;
	char *good = source("good.wav", 48000, 1);
	char *junk = xasprintf("%s/junk.wav", tmp);
	FILE *f = fopen(junk, "w");
	fputs("this is not a sound file\n", f);
	fclose(f);
	/* a WAV cut short: its header promises more than it holds */
	char *cut = source("cut.wav", 48000, 2);
	assert_int_equal(truncate(cut, 20000), 0);
	char *missing = xasprintf("%s/none.wav", tmp);
	struct studio *st = session();
	project_add_track(st->project, "drums");
	char *before = project_to_json(st->project);
	const size_t history = st->undo.count;
	assert_int_equal(audio_files(st->project), 0);
	const char *bad[] = { junk, cut, missing };
	for (size_t i = 0; i < 3; i++) {
		char *cmd = xasprintf("import %s", bad[i]);
		line(st, cmd, true);
		print_message("%s\n", st->said_text);
		assert_null(strchr(st->said_text, '\n'));
		assert_non_null(strstr(st->said_text, bad[i]));
		char *now = project_to_json(st->project);
		assert_string_equal(now, before);
		free(now);
		assert_int_equal(st->undo.count, history);
		assert_int_equal(audio_files(st->project), 0);
		free(cmd);
	}
	/* of several files, all or nothing: the good one is not copied either */
	char *files[] = { good, cut };
	struct import_copy *c;
	int t;
	struct err_msg msg;
	assert_int_not_equal(import_files(st->project, files, 2, NULL, 0, &c, &t, &msg),
		ERR_OK);
	assert_null(c);
	assert_int_equal(audio_files(st->project), 0);
	char *now = project_to_json(st->project);
	assert_string_equal(now, before);
	free(now);
	free(before);
	session_free(st);
	unlink(good);
	unlink(junk);
	unlink(cut);
	free(good);
	free(junk);
	free(cut);
	free(missing);
}

int main(void)
{
	tmp = tu_tempdir();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(import_renders_as_the_source),
		cmocka_unit_test(import_is_one_undo_step),
		cmocka_unit_test(import_on_a_track_at_a_time),
		cmocka_unit_test(broken_files_change_nothing),
	};
	const int rc = cmocka_run_group_tests(tests, NULL, NULL);
	tu_rmtree(tmp);
	free(tmp);
	return rc;
}
