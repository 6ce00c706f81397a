/* Unit tests for the ':' command line (ui/cmdline.h, ui/commands.h): splitting a line
 * into words, completion candidates, and typed commands applied to a real project and
 * engine (no terminal, no audio thread): values land, errors change nothing, :q
 * refuses while changes are unsaved. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/project.h"
#include "src/base/xalloc.h"
#include "src/studio/edit.h"
#include "ui/app.h"
#include "ui/messages.h"
#include "ui/cmdline.h"
#include "ui/commands.h"

#define RATE 48000

static void test_split(void **state)
{
	(void)state;
	struct studio_words a;
	char why[128];
	assert_true(studio_words_split("  gain\t\"lead vox\"  -3.5 ", &a, why, sizeof why));
	assert_int_equal(a.argc, 3);
	assert_string_equal(a.argv[0], "gain");
	assert_string_equal(a.argv[1], "lead vox");
	assert_string_equal(a.argv[2], "-3.5");
	assert_true(studio_words_split("render 'my \"best\" mix.wav'", &a, why, sizeof why));
	assert_int_equal(a.argc, 2);
	assert_string_equal(a.argv[1], "my \"best\" mix.wav");
	assert_true(studio_words_split("   ", &a, why, sizeof why));
	assert_int_equal(a.argc, 0);
	assert_false(studio_words_split("gain \"vox -3", &a, why, sizeof why));
	assert_non_null(strstr(why, "not closed"));
	assert_false(studio_words_split("a b c d e f g h i j k l m n o p q", &a, why, sizeof why));
	assert_non_null(strstr(why, "too many words"));
}

/* A studio with tracks "vox" and "bass guitar", without a terminal or audio thread. */
static struct ui_app *app_create(void)
{
	struct ui_app *app = xcalloc(1, sizeof *app);
	app->st = xcalloc(1, sizeof *app->st);
	app->st->voice = (struct studio_voice){ ui_say, app, ui_list };
	app->st->project = project_new("/nonexistent", "t", RATE);
	project_add_track(app->st->project, "vox");
	project_add_track(app->st->project, "bass guitar");
	app->st->engine = engine_create(RATE);
	app->st->end_frame = 10 * RATE;
	studio_undo_init(&app->st->undo);
	studio_undo_mark_saved(&app->st->undo);
	app->cmdline = xcalloc(1, sizeof *app->cmdline);
	return app;
}

static void app_destroy(struct ui_app *app)
{
	studio_render_stop(app->st);
	ui_cmdline_destroy(app->cmdline);
	studio_edit_deinit(app->st);
	studio_undo_deinit(&app->st->undo);
	studio_snapshot_deinit(&app->st->snap); /* a shape edit made one */
	engine_destroy(app->st->engine);
	project_free(app->st->project);
	free(app->st);
	ui_log_free(&app->log);        /* every message said is logged (ui/messages.h) */
	ui_log_free(&app->pane.items); /* and a list shown in the pane */
	free(app);
}

static void run(struct ui_app *app, const char *line)
{
	app->status.message[0] = '\0';
	app->status.is_error = false;
	ui_line_run(app, line);
}

static void test_values(void **state)
{
	(void)state;
	struct ui_app *app = app_create();
	const struct project *p = app->st->project;
	run(app, "gain vox -3.5");
	assert_false(app->status.is_error);
	assert_true(p->tracks[0].strip.gain_db == -3.5);
	run(app, "gain 2 +1");
	assert_true(p->tracks[1].strip.gain_db == 1.0);
	run(app, "gain \"Bass Guitar\" 2"); /* names ignore case when nothing matches exactly */
	assert_true(p->tracks[1].strip.gain_db == 2.0);
	run(app, "gain master -6");
	assert_true(p->master.gain_db == -6.0);
	run(app, "pan vox L30");
	assert_true(p->tracks[0].strip.pan == -0.3);
	run(app, "pan vox r12");
	assert_true(p->tracks[0].strip.pan == 0.12);
	run(app, "pan vox C");
	assert_true(p->tracks[0].strip.pan == 0.0);
	run(app, "pan 1 0.25");
	assert_true(p->tracks[0].strip.pan == 0.25);
	run(app, "mute vox");
	assert_true(p->tracks[0].strip.mute);
	run(app, "mute vox"); /* no on/off: a toggle, as the key */
	assert_false(p->tracks[0].strip.mute);
	run(app, "solo 2 on");
	assert_true(p->tracks[1].strip.solo);
	run(app, "solo 2 off");
	assert_false(p->tracks[1].strip.solo);
	run(app, "locate 1:05.5");
	assert_true(app->st->locate_pending);
	assert_int_equal(app->st->locate_target, 65.5 * RATE);
	run(app, "locate 12");
	assert_int_equal(app->st->locate_target, 12 * RATE);
	/* every value went through the edit history */
	run(app, "undo");
	assert_true(p->tracks[1].strip.solo);
	run(app, "redo");
	assert_false(p->tracks[1].strip.solo);
	app_destroy(app);
}

/* "." is the selected strip; +=N and -=N step from the value now (kept in range); a
 * plain -3 stays absolute; a command's name alone runs the key command. */
static void test_selected_and_steps(void **state)
{
	(void)state;
	struct ui_app *app = app_create();
	const struct project *p = app->st->project;
	app->page = UI_PAGE_MIXER;
	app->sel.strip = 1;
	run(app, "gain . -3");
	assert_true(p->tracks[1].strip.gain_db == -3.0);
	run(app, "gain . +=1.5");
	assert_false(app->status.is_error);
	assert_true(p->tracks[1].strip.gain_db == -1.5);
	run(app, "gain . -=0.5");
	assert_true(p->tracks[1].strip.gain_db == -2.0);
	run(app, "gain vox +=100");
	assert_true(p->tracks[0].strip.gain_db == PROJECT_MAX_GAIN_DB);
	run(app, "gain . +=loud");
	assert_true(app->status.is_error);
	assert_non_null(strstr(app->status.message, "gain takes a step"));
	assert_true(p->tracks[1].strip.gain_db == -2.0);
	run(app, "pan . -=0.25");
	assert_true(p->tracks[1].strip.pan == -0.25);
	run(app, "pan . -=5");
	assert_true(p->tracks[1].strip.pan == -1.0);
	/* the arranger shows the master's position as its last track */
	app->page = UI_PAGE_ARRANGER;
	app->sel.strip = 2;
	run(app, "mute .");
	assert_true(p->tracks[1].strip.mute);
	run(app, "mute"); /* alone: as the m key */
	assert_false(app->status.is_error);
	assert_false(p->tracks[1].strip.mute);
	app_destroy(app);
}

static void test_errors_change_nothing(void **state)
{
	(void)state;
	static const char *const bad[] = { "bogus", "gain", "gain vox", "gain vox loud",
		"gain vox 25", "gain vox -200", "gain drums -3", "gain 3 -3", "gain 0 -3",
		"pan vox 1.5", "pan vox L101", "pan vox X", "pan master 0", "mute vox maybe",
		"mute master", "locate -1", "locate 1:75", "locate soon", "undo 3",
		"play now", "render", "render out.xyz", "render out.wav 12",
		"render out.flac 32f", "render a.wav 16 x", "q extra", "gain \"vox -3" };
	struct ui_app *app = app_create();
	run(app, "gain vox -3.5");
	char *before = project_to_json(app->st->project);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		run(app, bad[i]);
		if (!app->status.is_error || !app->status.message[0])
			fail_msg("\"%s\" gave no error (message: \"%s\")", bad[i], app->status.message);
		if (strchr(app->status.message, '\n'))
			fail_msg("\"%s\": the error is more than one line", bad[i]);
	}
	char *after = project_to_json(app->st->project);
	assert_string_equal(before, after);
	assert_false(app->st->locate_pending);
	assert_false(app->quit);
	free(before);
	free(after);
	app_destroy(app);
}

static void test_quit(void **state)
{
	(void)state;
	struct ui_app *app = app_create();
	run(app, "q");
	assert_true(app->quit); /* nothing changed: no question */
	app->quit = false;
	run(app, "gain vox -1");
	run(app, "q");
	assert_false(app->quit);
	assert_true(app->status.is_error);
	assert_non_null(strstr(app->status.message, "unsaved"));
	run(app, "q!");
	assert_true(app->quit);
	app_destroy(app);
}

struct found {
	char words[256][64]; /* every command's verb fits */
	int n;
};

static void take(void *arg, const char *word)
{
	struct found *f = arg;
	if (f->n < 256)
		snprintf(f->words[f->n++], sizeof f->words[0], "%s", word);
}

static bool has(const struct found *f, const char *word)
{
	for (int i = 0; i < f->n; i++)
		if (!strcmp(f->words[i], word))
			return true;
	return false;
}

static void test_candidates(void **state)
{
	(void)state;
	struct ui_app *app = app_create();
	struct studio_words before;
	struct found f = { .n = 0 };
	studio_words_split("", &before, NULL, 0);
	ui_line_candidates(app, &before, 0, take, &f);
	for (const char *const *w = (const char *const[]){ "gain", "pan", "mute", "render",
		"q!", "wq", "undo", "help", NULL }; *w; w++)
		if (!has(&f, *w))
			fail_msg("no command \"%s\" among the candidates", *w);
	assert_false(has(&f, "help-up")); /* help-page scrolling is not a command to type */
	int mutes = 0;
	for (int i = 0; i < f.n; i++)
		mutes += !strcmp(f.words[i], "mute");
	assert_int_equal(mutes, 1); /* the key command and the ':' one are offered once */

	f.n = 0;
	studio_words_split("gain", &before, NULL, 0);
	ui_line_candidates(app, &before, 1, take, &f);
	assert_int_equal(f.n, 3);
	assert_true(has(&f, "vox") && has(&f, "bass guitar") && has(&f, "master"));
	f.n = 0;
	ui_line_candidates(app, &before, 2, take, &f); /* DB: nothing to offer */
	assert_int_equal(f.n, 0);
	studio_words_split("render", &before, NULL, 0);
	ui_line_candidates(app, &before, 1, take, &f);
	assert_int_equal(f.n, 0);
	app_destroy(app);
}

/* The words are counted against the command's row (and its sub-verb's) and the usage
 * said from there; Tab offers what each word is. */
static void test_table(void **state)
{
	(void)state;
	struct ui_app *app = app_create();
	static const struct { const char *line, *usage; } bad[] = {
		{ "track", "usage: :track add|del|name|color|up|down [WORD]" },
		{ "track frob", "usage: :track add|del|name|color|up|down [WORD]" },
		{ "track del now", "usage: :track del" },
		{ "track color", "usage: :track color COLOR|none" },
		{ "insert vox del", "usage: :insert STRIP del SLOT" },
		{ "insert vox move 1", "usage: :insert STRIP move SLOT TO" },
		{ "bus add", "usage: :bus add NAME" },
		{ "fade sideways 1", "usage: :fade in|out SECONDS [linear|equal_power|s_curve]" },
		{ "fade in", "usage: :fade in SECONDS [linear|equal_power|s_curve]" },
		{ "trim end", "usage: :trim end SECONDS" },
		{ "marker del 3", "usage: :marker del" },
		{ "gain vox", "usage: :gain TRACK DB" },
		{ "play now", "usage: :play" },
		{ "source", "usage: :source FILE" },
		{ "loop", "usage: :loop on|off|clip|markers|START END" },
		{ "loop sideways", "usage: :loop on|off|clip|markers|START END" },
		{ "loop 1 soon", "usage: :loop on|off|clip|markers|START END" },
		{ "loop on now", "usage: :loop on" },
		{ "dsp now", "usage: :dsp [reset|latency]" },
		{ "dsp reset now", "usage: :dsp reset" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		run(app, bad[i].line);
		assert_true(app->status.is_error);
		if (strcmp(app->status.message, bad[i].usage))
			fail_msg("\"%s\": \"%s\", wanted \"%s\"", bad[i].line, app->status.message,
				bad[i].usage);
	}
	run(app, "bus add fx");
	assert_false(app->status.is_error);
	assert_int_equal(app->st->project->n_buses, 1);
	run(app, "bus DEL fx"); /* sub-verbs ignore case, as :bus always did */
	assert_int_equal(app->st->project->n_buses, 0);
	run(app, "dsp reset"); /* a sub-verb, and the command alone */
	assert_false(app->status.is_error);
	assert_non_null(strstr(app->status.message, "counted from now"));
	run(app, "dsp");
	assert_false(app->status.is_error);
	assert_non_null(strstr(app->status.message, "callbacks"));
	run(app, "write"); /* :w by its alias (it cannot save to /nonexistent) */
	assert_null(strstr(app->status.message, "unknown command"));
	assert_null(strstr(app->status.message, "usage"));

	struct studio_words before;
	struct found f = { .n = 0 };
	studio_words_split("", &before, NULL, 0);
	ui_line_candidates(app, &before, 0, take, &f);
	assert_true(has(&f, "write") && has(&f, "bind") && has(&f, "source"));
	f.n = 0;
	studio_words_split("insert vox", &before, NULL, 0);
	ui_line_candidates(app, &before, 2, take, &f);
	assert_int_equal(f.n, 6); /* copy and paste joined them (issue 18) */
	assert_true(has(&f, "add") && has(&f, "del") && has(&f, "move") && has(&f, "bypass"));
	assert_true(has(&f, "copy") && has(&f, "paste"));
	f.n = 0;
	studio_words_split("chain", &before, NULL, 0);
	ui_line_candidates(app, &before, 1, take, &f);
	assert_int_equal(f.n, 4);
	assert_true(has(&f, "copy") && has(&f, "paste") && has(&f, "save") && has(&f, "load"));
	f.n = 0;
	studio_words_split("insert vox add", &before, NULL, 0);
	ui_line_candidates(app, &before, 3, take, &f);
	assert_int_equal(f.n, fx_n_classes + 1); /* and lv2, an LV2 plug-in (issue 19) */
	assert_true(has(&f, "eq") && has(&f, "limiter") && has(&f, "lv2"));
	f.n = 0;
	studio_words_split("mute vox", &before, NULL, 0);
	ui_line_candidates(app, &before, 2, take, &f);
	assert_int_equal(f.n, 2);
	assert_true(has(&f, "on") && has(&f, "off"));
	f.n = 0;
	studio_words_split("group drums vox", &before, NULL, 0); /* TRACK... repeats */
	ui_line_candidates(app, &before, 3, take, &f);
	assert_true(has(&f, "bass guitar") && has(&f, "master"));
	f.n = 0;
	studio_words_split("loop", &before, NULL, 0);
	ui_line_candidates(app, &before, 1, take, &f);
	assert_int_equal(f.n, 4);
	assert_true(has(&f, "markers") && !has(&f, "START"));
	app_destroy(app);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_selected_and_steps),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_errors_change_nothing),
		cmocka_unit_test(test_quit),
		cmocka_unit_test(test_candidates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
