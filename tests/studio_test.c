/* A whole editing session on the headless studio (src/studio/), with no terminal: the
 * null driver plays a DC clip, a fader and an insert parameter are edited, undone and
 * redone (checked in the project and in what the engine plays, through its tap), a
 * write pass of automation lands points in the lane, and the project is saved,
 * reloaded and compared. This program links without ncurses (tests/studio.mk): the
 * session needs no ui. Waits poll the transport with generous timeouts; nothing here
 * depends on the machine's speed. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "audio/fx/fx.h"
#include "src/base/xalloc.h"
#include "src/studio/automation.h"
#include "src/studio/edit.h"
#include "src/studio/saving.h"
#include "src/studio/studio.h"
#include "tests/test_util.h"

#define RATE 48000
#define DC 0.25
#define WAIT_SEC 20.0 /* what a loaded machine may need; a pass takes well under */

/* What the session said, kept by its voice. */
struct heard {
	char text[512];
	bool error;
	int count;
};

static void keep(void *ctx, bool is_error, const char *text)
{
	struct heard *h = ctx;
	snprintf(h->text, sizeof h->text, "%s", text);
	h->error = is_error;
	h->count++;
}

static double now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void nap(void)
{
	struct timespec ts = { 0, 5 * 1000 * 1000 };
	nanosleep(&ts, NULL);
}

/* One turn of a driver's loop, as the studio's: events in, automation written. */
static void turn(struct studio *st)
{
	const double t = now_sec();
	studio_transport_poll(st, t);
	studio_auto_tick(st, t);
}

/* Poll until the master (left) plays want within tol, reading the engine's tap;
 * returns the last sample heard (want is not met on a timeout: the caller's assert
 * then shows what was). */
static double level_near(struct studio *st, double want, double tol)
{
	static float buf[2 * 4096];
	double last = -1;
	const double give_up = now_sec() + WAIT_SEC;
	while (now_sec() < give_up) {
		turn(st);
		int n;
		while ((n = engine_tap_read(st->engine, buf, 4096)) > 0)
			last = buf[2 * (n - 1)];
		if (last >= 0 && fabs(last - want) <= tol)
			return last;
		nap();
	}
	return last;
}

/* Poll until the playhead reaches sec (seconds) while playing. */
static void play_until(struct studio *st, double sec)
{
	const double give_up = now_sec() + WAIT_SEC;
	while (now_sec() < give_up && !(st->snap.playing && !st->snap.waiting
		&& st->snap.playhead >= (int64_t)(sec * RATE))) {
		turn(st);
		nap();
	}
	assert_true(st->snap.playhead >= (int64_t)(sec * RATE));
}

static void stop_and_wait(struct studio *st)
{
	studio_transport_stop(st);
	const double give_up = now_sec() + WAIT_SEC;
	while (now_sec() < give_up && st->snap.playing) {
		turn(st);
		nap();
	}
	assert_false(st->snap.playing);
	turn(st); /* the stop finishes a write pass */
}

static struct project *make_project(const char *dir)
{
	double dc = DC;
	char *wav = xasprintf("%s/dc.wav", dir);
	tu_write_wav(wav, RATE, 2, 20 * RATE, tu_gen_dc, &dc);
	free(wav);
	char why[256] = "";
	/* the loop keeps it playing however slowly the test runs; the lane waits, off,
	 * for the write pass */
	struct project *p = tu_load_text(dir, "{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":48000,\"loop\":{\"start\":0,\"end\":20,\"enabled\":true},"
		"\"tracks\":[{\"name\":\"dc\",\"clips\":[{\"file\":\"dc.wav\",\"start\":0}],"
		"\"inserts\":[{\"type\":\"eq\"}],"
		"\"automation\":{\"gain_db\":{\"mode\":\"off\",\"points\":[]}}}]}", why, sizeof why);
	if (!p)
		fail_msg("the project does not load: %s", why);
	return p;
}

/* What the track plays with nothing changed: the first sound, once a tenth of a
 * second more of it has come through the tap (the pan law decides the level; the
 * edits below only have to move it by their dB). */
static double steady_level(struct studio *st)
{
	static float buf[2 * 4096];
	double last = 0;
	int64_t after = 0;
	const double give_up = now_sec() + WAIT_SEC;
	while (now_sec() < give_up && after < RATE / 10) {
		turn(st);
		int n;
		while ((n = engine_tap_read(st->engine, buf, 4096)) > 0) {
			last = buf[2 * (n - 1)];
			if (last > 0.01)
				after += n;
		}
		nap();
	}
	assert_true(last > 0.01);
	return last;
}

static double db(double x)
{
	return pow(10.0, x / 20.0);
}

/* Fader and insert edits, undone and redone: the project and the engine agree. */
static void edit_and_undo(struct studio *st, struct heard *h)
{
	const struct project_track *t = &st->project->tracks[0];
	const int shelf = fx_param_find(fx_class_find("eq"), "low_shelf_db");
	assert_true(shelf >= 0);
	const double base = steady_level(st);
	const double tol = base * 0.01;

	assert_true(studio_edit_set(st, CONTROL_GAIN, 0, -6.0));
	assert_true(t->strip.gain_db == -6.0);
	assert_non_null(strstr(h->text, "fader"));
	assert_float_equal(level_near(st, base * db(-6), tol), base * db(-6), tol);
	/* a low shelf passes DC with its whole gain */
	assert_true(studio_edit_set_at(st, CONTROL_INSERT_PARAM, 0, 0, shelf, 6.0));
	assert_true(t->strip.inserts[0].params[shelf] == 6.0);
	assert_float_equal(level_near(st, base, tol), base, tol);

	studio_edit_undo(st);
	assert_true(t->strip.inserts[0].params[shelf] == 0.0);
	assert_non_null(strstr(h->text, "undo: dc"));
	assert_float_equal(level_near(st, base * db(-6), tol), base * db(-6), tol);
	studio_edit_undo(st);
	assert_true(t->strip.gain_db == 0.0);
	assert_float_equal(level_near(st, base, tol), base, tol);
	assert_false(studio_dirty(st));

	studio_edit_redo(st);
	studio_edit_redo(st);
	assert_non_null(strstr(h->text, "redo: dc"));
	assert_true(t->strip.gain_db == -6.0 && t->strip.inserts[0].params[shelf] == 6.0);
	assert_float_equal(level_near(st, base, tol), base, tol);
	assert_true(studio_dirty(st));
}

/* A write pass: from play to stop the fader's value is written over the lane, where
 * play started; moving the fader mid-pass writes the new value. One undo step. */
static void write_pass(struct studio *st)
{
	stop_and_wait(st);
	struct project_lane *lane = &st->project->tracks[0].strip.lanes[0];
	assert_string_equal(lane->param, "gain_db");
	studio_edit_begin(st, "automation mode");
	lane->mode = AUTO_WRITE;
	assert_true(studio_edit_commit(st));
	const size_t records = st->undo.pos;

	studio_transport_locate(st, 0);
	studio_transport_play(st);
	play_until(st, 0.5);
	assert_true(studio_edit_set(st, CONTROL_GAIN, 0, -12.0));
	play_until(st, 1.0);
	stop_and_wait(st);

	lane = &st->project->tracks[0].strip.lanes[0];
	assert_true(lane->n_points >= 2);
	assert_true(lane->points[0].time < 0.1); /* where play started */
	assert_true(lane->points[0].value == -6.0);
	assert_true(lane->points[lane->n_points - 1].value == -12.0);
	assert_true(lane->points[lane->n_points - 1].time >= 0.5);
	for (int i = 1; i < lane->n_points; i++)
		assert_true(lane->points[i].time >= lane->points[i - 1].time);
	assert_true(st->undo.pos > records);
}

/* Ctrl-S's path: saved, clean, and the file reads back as the session's project. */
static void save_and_reload(struct studio *st, struct heard *h)
{
	assert_true(studio_save(st));
	assert_non_null(strstr(h->text, "saved"));
	assert_false(h->error);
	assert_false(studio_dirty(st));
	struct diag d;
	diag_init(&d);
	struct project *q = NULL;
	assert_int_equal(project_load(st->project->path, &q, &d), ERR_OK);
	diag_deinit(&d);
	char *was = project_to_json(st->project), *now = project_to_json(q);
	assert_string_equal(was, now);
	assert_true(q->tracks[0].strip.gain_db == -12.0);
	assert_int_equal(q->tracks[0].strip.lanes[0].n_points,
		st->project->tracks[0].strip.lanes[0].n_points);
	free(was);
	free(now);
	project_free(q);
}

static void test_session(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct heard h = { "", false, 0 };
	const struct cli_globals g = { .output = DRIVER_NULL };
	struct studio st;
	studio_init(&st, make_project(dir), false, &g, (struct studio_voice){ keep, &h });
	assert_false(st.read_only);
	struct err_msg msg;
	assert_int_equal(studio_open(&st, &msg), ERR_OK);
	engine_tap_enable(st.engine, true);
	studio_transport_locate(&st, 0);
	studio_transport_play(&st);
	edit_and_undo(&st, &h);
	write_pass(&st);
	save_and_reload(&st, &h);

	studio_close(&st);
	studio_deinit(&st);
	tu_rmtree(dir);
	free(dir);
}

/* Every control says what it now is in one sentence, made from the control table's
 * words (src/control.h). No engine: the edits change the project only. */
static void test_sentences(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char why[256] = "";
	struct project *p = tu_load_text(dir, "{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":48000,\"buses\":[{\"name\":\"Verb\"}],"
		"\"tracks\":[{\"name\":\"Kick\",\"inserts\":[{\"type\":\"eq\"}],"
		"\"sends\":[{\"bus\":\"Verb\",\"level_db\":-6}],"
		"\"clips\":[]}]}", why, sizeof why);
	if (!p)
		fail_msg("the project does not load: %s", why);
	struct heard h = { "", false, 0 };
	const struct cli_globals g = { .output = DRIVER_NULL };
	struct studio st;
	studio_init(&st, p, false, &g, (struct studio_voice){ keep, &h });
	const int shelf = fx_param_find(fx_class_find("eq"), "low_shelf_db");
	assert_true(shelf >= 0);
	static const struct {
		enum control_id id;
		int slot, param;
		double value;
		const char *said;
	} edits[] = {
		{ CONTROL_GAIN, 0, 0, -2.5, "Kick fader -2.5 dB" },
		{ CONTROL_PAN, 0, 0, -0.3, "Kick pan L30" },
		{ CONTROL_MUTE, 0, 0, 1, "Kick muted" },
		{ CONTROL_MUTE, 0, 0, 0, "Kick unmuted" },
		{ CONTROL_SOLO, 0, 0, 1, "Kick soloed" },
		{ CONTROL_SOLO, 0, 0, 0, "Kick solo off" },
		{ CONTROL_SOLO_SAFE, 0, 0, 1, "Kick solo-safe on" },
		{ CONTROL_SEND_LEVEL, 0, 0, -3, "Kick send to Verb -3.0 dB" },
		{ CONTROL_INSERT_BYPASS, 0, 0, 1, "Kick insert 1 eq bypassed" },
		{ CONTROL_INSERT_BYPASS, 0, 0, 0, "Kick insert 1 eq back in" },
	};
	for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		assert_true(studio_edit_set_at(&st, edits[i].id, 0, edits[i].slot, edits[i].param,
			edits[i].value));
		assert_string_equal(h.text, edits[i].said);
		assert_true(studio_edit_get_at(&st, edits[i].id, 0, edits[i].slot, edits[i].param)
			== edits[i].value);
	}
	assert_true(studio_edit_set_at(&st, CONTROL_INSERT_PARAM, 0, 0, shelf, 3));
	assert_non_null(strstr(h.text, "Kick insert 1 eq: low_shelf_db 3"));
	/* the master has a fader and inserts only */
	assert_false(studio_edit_set(&st, CONTROL_PAN, STRIP_MASTER, 0.5));
	assert_string_equal(h.text, "the master has no pan");
	assert_true(studio_edit_set(&st, CONTROL_GAIN, STRIP_MASTER, -1));
	assert_string_equal(h.text, "Master fader -1.0 dB");

	studio_edit_undo(&st);
	assert_string_equal(h.text, "undo: Master fader 0.0");

	studio_deinit(&st);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_session),
		cmocka_unit_test(test_sentences),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
