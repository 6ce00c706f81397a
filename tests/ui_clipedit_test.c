/* The arranger's edit commands (ui/clipedit.c) on a real project, without a terminal
 * or an engine: snapping to beats, clip edges and markers; nudges in ms, frames and
 * beats; multi-selection moving together; copy and paste across tracks at the
 * playhead; split then join through the UI; track edits; and undo of each as one
 * named step that puts back exactly the project text. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/clip_edit.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"
#include "ui/clipedit.h"
#include "ui/trackedit.h"
#include "ui/edit.h"

#define RATE 48000

static struct ui_app *make_app(const char *dir)
{
	struct project *p = project_new(dir, "snap", RATE); /* 120 bpm: a beat is 0.5 s */
	struct project_clip *a = project_add_clip(project_add_track(p, "one"), "a.wav", 1.0);
	a->length = 1.0;
	struct project_clip *b = project_add_clip(project_add_track(p, "two"), "b.wav", 2.3);
	b->length = 0.5;
	project_add_marker(p, "m", 1.7);
	struct ui_app *app = xcalloc(1, sizeof *app);
	app->st = xcalloc(1, sizeof *app->st);
	app->st->voice = (struct studio_voice){ ui_say, app };
	app->st->project = p; /* no engine: the model and the history only */
	studio_undo_init(&app->st->undo);
	studio_undo_mark_saved(&app->st->undo);
	return app;
}

static void free_app(struct ui_app *app)
{
	ui_clip_deinit(app);
	ui_edit_deinit(app);
	studio_undo_deinit(&app->st->undo);
	project_free(app->st->project);
	free(app->st);
	free(app);
}

static int64_t start_of(struct ui_app *app, int t, int k)
{
	return clip_edit_frames_of(app->st->project, app->st->project->tracks[t].clips[k].start);
}

#define F(sec) ((int64_t)llround((sec) * RATE))

static void test_snap(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct ui_app *app = make_app(dir);
	/* A [1.0, 2.0): its end meets B's start at 2.3 first (+0.3) */
	ui_clip_snap_right(app);
	assert_int_equal(start_of(app, 0, 0), F(1.3));
	/* then a beat: the start to 1.5 and the end to 2.5 are both +0.2 */
	ui_clip_snap_right(app);
	assert_int_equal(start_of(app, 0, 0), F(1.5));
	/* back: the end to B's start (-0.2) beats the start to 1.0 (-0.5) */
	ui_clip_snap_left(app);
	assert_int_equal(start_of(app, 0, 0), F(1.3));
	/* from 1.6 the marker at 1.7 is nearest */
	ui_clip_move_to(app, 1.6);
	assert_int_equal(start_of(app, 0, 0), F(1.6));
	ui_clip_snap_right(app);
	assert_int_equal(start_of(app, 0, 0), F(1.7));
	assert_string_equal(app->message, "moved +0.100 s (snapped)");
	/* the playhead is a snap point too */
	app->st->snap.playhead = F(1.75);
	ui_clip_snap_right(app);
	assert_int_equal(start_of(app, 0, 0), F(1.75));
	/* snap off: a whole beat */
	ui_clip_snap_toggle(app);
	ui_clip_snap_right(app);
	assert_int_equal(start_of(app, 0, 0), F(2.25));
	ui_clip_snap_left(app);
	ui_clip_snap_left(app);
	assert_int_equal(start_of(app, 0, 0), F(1.25));
	/* every move was one step: undo walks back through them to the start */
	for (int i = 0; i < 9; i++)
		ui_edit_undo(app);
	assert_string_equal(app->message, "undid: move clip");
	assert_int_equal(start_of(app, 0, 0), F(1.0));
	free_app(app);
	tu_rmtree(dir);
	free(dir);
}

static void test_nudge_units(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct ui_app *app = make_app(dir);
	ui_clip_nudge_right(app); /* 10 ms at first */
	assert_int_equal(start_of(app, 0, 0), F(1.0) + 480);
	ui_clip_set_nudge(app, 7, UI_NUDGE_FRAMES);
	ui_clip_nudge_left(app);
	assert_int_equal(start_of(app, 0, 0), F(1.0) + 473);
	ui_clip_set_nudge(app, 0.25, UI_NUDGE_BEATS);
	ui_clip_nudge_right(app);
	assert_int_equal(start_of(app, 0, 0), F(1.0) + 473 + 6000);
	/* trims by the nudge: the audio stays where it was */
	ui_clip_trim_start_nudge(app);
	const struct project_clip *c = &app->st->project->tracks[0].clips[0];
	assert_int_equal(start_of(app, 0, 0), F(1.0) + 473 + 12000);
	assert_int_equal(clip_edit_frames_of(app->st->project, c->offset), 6000);
	assert_int_equal(clip_edit_frames_of(app->st->project, c->length), F(1.0) - 6000);
	free_app(app);
	tu_rmtree(dir);
	free(dir);
}

static void test_selection_and_paste(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct ui_app *app = make_app(dir);
	char *orig = project_to_json(app->st->project);
	ui_clip_select_toggle(app);       /* A */
	app->selected = 1;
	app->arr_clip = 0;
	ui_clip_select_toggle(app);       /* B */
	assert_string_equal(app->message, "2 clips selected");
	ui_clip_nudge_right(app);
	assert_int_equal(start_of(app, 0, 0), F(1.0) + 480);
	assert_int_equal(start_of(app, 1, 0), F(2.3) + 480);
	assert_string_equal(app->message, "moved +0.010 s 2 clips");
	ui_edit_undo(app);
	assert_int_equal(start_of(app, 1, 0), F(2.3));
	/* the selection survives the undo: still both */
	assert_true(app->st->project->tracks[0].clips[0].selected);
	assert_true(app->st->project->tracks[1].clips[0].selected);
	app->selected = 0;
	ui_clip_copy(app);
	assert_string_equal(app->message, "copied 2 clips (p pastes at the playhead)");
	ui_clip_select_none(app);
	app->st->snap.playhead = F(5.0);
	ui_clip_paste(app);
	assert_int_equal(app->st->project->tracks[0].n_clips, 2);
	assert_int_equal(app->st->project->tracks[1].n_clips, 2);
	assert_int_equal(start_of(app, 0, 1), F(5.0));
	assert_int_equal(start_of(app, 1, 1), F(5.0) + F(1.3)); /* as far apart as before */
	/* pasted on the second track, the first's copy lands there and the other has no
	 * track below it */
	app->selected = 1;
	ui_clip_paste(app);
	assert_int_equal(app->st->project->tracks[1].n_clips, 3);
	assert_string_equal(app->message, "pasted 1 clip at 5.000 s");
	ui_edit_undo(app);
	ui_edit_undo(app);
	assert_string_equal(app->message, "undid: paste clips");
	char *now = project_to_json(app->st->project);
	assert_string_equal(now, orig);
	free(now);
	free(orig);
	free_app(app);
	tu_rmtree(dir);
	free(dir);
}

static void test_split_join_tracks(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct ui_app *app = make_app(dir);
	char *orig = project_to_json(app->st->project);
	app->st->snap.playhead = F(1.5) + 7;
	ui_clip_split(app);
	assert_int_equal(app->st->project->tracks[0].n_clips, 2);
	assert_int_equal(start_of(app, 0, 1), F(1.5) + 7);
	app->arr_clip = 1;  /* the second piece joins back onto the first */
	ui_clip_join(app);
	assert_string_equal(app->message, "joined 1 splice into one clip");
	char *now = project_to_json(app->st->project);
	assert_string_equal(now, orig);
	free(now);
	ui_clip_join(app);   /* nothing continues it now */
	assert_true(app->message_is_error);
	/* fades to the playhead and a shape */
	app->st->snap.playhead = F(1.25);
	ui_clip_fade_in(app);
	ui_clip_fade_in_shape(app);
	const struct project_clip *c = &app->st->project->tracks[0].clips[0];
	assert_int_equal(clip_edit_frames_of(app->st->project, c->fade_in), F(0.25));
	assert_int_equal(c->fade_in_shape, PROJECT_FADE_EQUAL_POWER);
	/* tracks: add after the current one, reorder, rename, colour, remove */
	ui_track_add(app, "keys");
	assert_int_equal(app->selected, 1);
	assert_string_equal(app->st->project->tracks[1].name, "keys");
	ui_track_move(app, -1);
	assert_string_equal(app->st->project->tracks[0].name, "keys");
	ui_track_rename(app, "piano");
	ui_track_color(app, "blue");
	ui_track_remove(app);
	assert_int_equal(app->st->project->n_tracks, 2);
	ui_loop_from_markers(app);   /* the playhead (1.25) has no marker before it */
	assert_true(app->message_is_error);
	ui_marker_add(app, "here");  /* at the playhead: now it has */
	ui_loop_from_markers(app);
	assert_false(app->message_is_error);
	assert_true(app->st->project->loop_enabled);
	assert_int_equal(clip_edit_frames_of(app->st->project, app->st->project->loop_start), F(1.25));
	assert_int_equal(clip_edit_frames_of(app->st->project, app->st->project->loop_end), F(1.7));
	ui_loop_toggle(app);
	assert_false(app->st->project->loop_enabled);
	for (int i = 0; i < 12; i++)
		ui_edit_undo(app);
	assert_string_equal(app->message, "undid: split clip");
	ui_edit_undo(app);
	assert_string_equal(app->message, "nothing to undo");
	now = project_to_json(app->st->project);
	assert_string_equal(now, orig);
	free(now);
	free(orig);
	free_app(app);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_snap),
		cmocka_unit_test(test_nudge_units),
		cmocka_unit_test(test_selection_and_paste),
		cmocka_unit_test(test_split_join_tracks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
