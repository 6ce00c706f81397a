/* A whole editing session on the headless studio (src/studio/), with no terminal: the
 * null driver plays a DC clip, a fader and an insert parameter are edited, undone and
 * redone (checked in the project and in what the engine plays, through its tap), a
 * write pass of automation lands points in the lane, and the project is saved,
 * reloaded and compared; then the same session is driven by command lines alone (the
 * table of src/studio/commands.h: words counted, usage said, completion, :render on
 * its worker). This program links without ncurses (tests/studio.mk): the
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
#include "src/studio/commands.h"
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

/* dir/dc.wav: 20 s of stereo DC, the level every check here measures against. */
static void write_dc(const char *dir)
{
	double dc = DC;
	char *wav = xasprintf("%s/dc.wav", dir);
	tu_write_wav(wav, RATE, 2, 20 * RATE, tu_gen_dc, &dc);
	free(wav);
}

static struct project *make_project(const char *dir)
{
	write_dc(dir);
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
	studio_init(&st, make_project(dir), false, &g, (struct studio_voice){ keep, &h, NULL });
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
	studio_init(&st, p, false, &g, (struct studio_voice){ keep, &h, NULL });
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

	/* undo and redo say what they did in the words of the edit, with its unit */
	studio_edit_undo(&st);
	assert_string_equal(h.text, "undo: Master fader 0.0 dB");
	studio_edit_undo(&st);
	assert_string_equal(h.text, "undo: Kick insert 1 eq: low_shelf_db 0 dB");
	studio_edit_redo(&st);
	assert_string_equal(h.text, "redo: Kick insert 1 eq: low_shelf_db 3 dB");
	studio_edit_redo(&st);
	assert_string_equal(h.text, "redo: Master fader -1.0 dB");

	studio_deinit(&st);
	tu_rmtree(dir);
	free(dir);
}

/* Run a command line on the session as the ':' line would, the message kept fresh. */
static void line(struct studio *st, struct studio_sel *sel, struct heard *h, const char *text)
{
	h->text[0] = '\0';
	h->error = false;
	studio_line_exec(st, sel, text);
}

static void said(const struct heard *h, bool error, const char *part)
{
	if (h->error != error || !strstr(h->text, part))
		fail_msg("said %s\"%s\", not %s\"%s\"", h->error ? "(error) " : "", h->text,
			error ? "(error) " : "", part);
}

struct offered {
	char all[1024];
};

static void offer(void *arg, const char *candidate)
{
	struct offered *o = arg;
	const size_t n = strlen(o->all);
	snprintf(o->all + n, sizeof o->all - n, "%s ", candidate);
}

/* What completion offers at word_index of text's command. */
static const char *offered(const struct studio *st, const char *text, int word_index,
	struct offered *o)
{
	struct studio_words w;
	assert_true(studio_words_split(text, &w, NULL, 0));
	const struct studio_command *c = studio_command_find(studio_commands,
		studio_n_commands, w.argv[0]);
	assert_non_null(c);
	o->all[0] = '\0';
	studio_command_candidates(st, c, &w, word_index, offer, o);
	return o->all;
}

/* Edits typed as lines: the project changes as the keys would change it, the messages
 * are the ':' line's, a bad line changes nothing and says why. */
static void typed_edits(struct studio *st, struct studio_sel *sel, struct heard *h)
{
	const struct project_strip *s = &st->project->tracks[0].strip;
	const int shelf = fx_param_find(fx_class_find("eq"), "low_shelf_db");
	line(st, sel, h, "gain 1 -6");
	said(h, false, "dc fader -6.0 dB");
	assert_true(s->gain_db == -6.0);
	line(st, sel, h, "insert 1 add eq");
	said(h, false, "dc: eq added as insert 1");
	assert_int_equal(s->n_inserts, 1);
	assert_string_equal(s->inserts[0].cls->name, "eq");
	line(st, sel, h, "fx 1 1 low_shelf_db 6");
	said(h, false, "low_shelf_db");
	assert_true(s->inserts[0].params[shelf] == 6.0);
	/* a parameter of steps takes one of them, and says which, rather than rounding */
	const int slope = fx_param_find(fx_class_find("eq"), "hpf_slope");
	assert_true(slope >= 0);
	line(st, sel, h, "fx 1 1 hpf_slope 13");
	said(h, true, "hpf_slope takes 12 or 24 dB/oct, not \"13\"");
	assert_true(s->inserts[0].params[slope] == 12.0);
	line(st, sel, h, "fx 1 1 hpf_slope 24");
	said(h, false, "hpf_slope 24");
	assert_true(s->inserts[0].params[slope] == 24.0);
	line(st, sel, h, "undo");
	assert_true(s->inserts[0].params[slope] == 12.0);
	line(st, sel, h, "undo");
	said(h, false, "undo: dc");
	assert_true(s->inserts[0].params[shelf] == 0.0);
	line(st, sel, h, "redo");
	assert_true(s->inserts[0].params[shelf] == 6.0);
	line(st, sel, h, "auto 1 gain_db add 1 -6");
	said(h, false, "dc gain_db (read, 1 point): 0:01.000 -6");
	assert_int_equal(s->n_lanes, 1);
	assert_true(s->lanes[0].n_points == 1 && s->lanes[0].points[0].time == 1.0
		&& s->lanes[0].points[0].value == -6.0);
	line(st, sel, h, "auto . gain_db mode off"); /* ".": the selected strip */
	said(h, false, "dc gain_db: off");
	assert_int_equal(s->lanes[0].mode, AUTO_OFF);

	/* refused: nothing changes, the message says why */
	const unsigned edits = st->undo.pos;
	line(st, sel, h, "gain 1");
	said(h, true, "usage: :gain TRACK DB");
	line(st, sel, h, "auto 1 gain_db add 1");
	said(h, true, "usage: :auto STRIP LANE add T V");
	line(st, sel, h, "auto 1 gain_db bogus");
	said(h, true, "usage: :auto STRIP LANE [list|add|del|mode|clear] [T] [V]");
	line(st, sel, h, "insert 1 add nothing");
	said(h, true, "no effect \"nothing\" (eq, ");
	line(st, sel, h, "gain 7 -3");
	said(h, true, "no track or bus \"7\"");
	line(st, sel, h, "frobnicate");
	said(h, true, "unknown command \"frobnicate\"");
	assert_int_equal(st->undo.pos, edits);
	assert_true(s->gain_db == -6.0);
}

/* Completion by what each word is, from the same rows. */
static void completion(const struct studio *st)
{
	struct offered o;
	assert_string_equal(offered(st, "gain", 1, &o), "dc master ");
	assert_non_null(strstr(offered(st, "auto dc", 2, &o), "gain_db "));
	assert_non_null(strstr(o.all, "insert.1.low_shelf_db "));
	assert_string_equal(offered(st, "auto dc gain_db", 3, &o), "list add del mode clear ");
	assert_non_null(strstr(offered(st, "fx dc 1", 3, &o), "low_shelf_db "));
	assert_non_null(strstr(offered(st, "insert dc add", 3, &o), "eq "));
	assert_non_null(strstr(offered(st, "monitor", 1, &o), "mono "));
}

/* :render on its worker: progress, then the line that says what was written. */
static void typed_render(struct studio *st, struct studio_sel *sel, struct heard *h,
	const char *dir)
{
	char *out = xasprintf("render \"%s/mix.wav\" 16", dir);
	line(st, sel, h, out);
	free(out);
	said(h, false, "rendering ");
	line(st, sel, h, "render other.wav");
	said(h, true, "a render is already running");
	const double give_up = now_sec() + WAIT_SEC;
	while (now_sec() < give_up && st->render) {
		studio_render_poll(st);
		nap();
	}
	assert_null(st->render);
	said(h, false, "rendered ");
	assert_non_null(strstr(h->text, "0:20.0 of audio"));
	char *wav = xasprintf("%s/mix.wav", dir);
	FILE *f = fopen(wav, "rb");
	assert_non_null(f);
	fclose(f);
	free(wav);
}

static void test_command_lines(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	write_dc(dir);
	char why[256] = "";
	struct project *p = tu_load_text(dir, "{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":48000,\"tracks\":[{\"name\":\"dc\",\"clips\":[{\"file\":"
		"\"dc.wav\",\"start\":0}]}]}", why, sizeof why);
	if (!p)
		fail_msg("the project does not load: %s", why);
	struct heard h = { "", false, 0 };
	const struct cli_globals g = { .output = DRIVER_NULL };
	struct studio st;
	studio_init(&st, p, false, &g, (struct studio_voice){ keep, &h, NULL });
	struct err_msg msg;
	assert_int_equal(studio_open(&st, &msg), ERR_OK);
	struct studio_sel sel = { .strip = 0 };

	typed_edits(&st, &sel, &h);
	completion(&st);
	typed_render(&st, &sel, &h, dir);
	assert_true(studio_dirty(&st));
	line(&st, &sel, &h, "w");
	said(&h, false, "saved");
	assert_false(studio_dirty(&st));
	struct diag d;
	diag_init(&d);
	struct project *q = NULL;
	assert_int_equal(project_load(st.project->path, &q, &d), ERR_OK);
	diag_deinit(&d);
	assert_true(q->tracks[0].strip.gain_db == -6.0);
	assert_true(q->tracks[0].strip.inserts[0].params[fx_param_find(fx_class_find("eq"),
		"low_shelf_db")] == 6.0);
	assert_int_equal(q->tracks[0].strip.lanes[0].n_points, 1);
	project_free(q);

	studio_close(&st);
	studio_deinit(&st);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_session),
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_command_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
