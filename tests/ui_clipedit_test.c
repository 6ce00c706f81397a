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
#include "src/studio/clipedit.h"
#include "src/studio/trackedit.h"
#include "src/studio/edit.h"

#define RATE 48000

/* The cursor the edits work on (the ui keeps it in the studio). */
static struct studio_sel sel;

static struct studio *make_app(const char *dir)
{
	struct project *p = project_new(dir, "snap", RATE); /* 120 bpm: a beat is 0.5 s */
	struct project_clip *a = project_add_clip(project_add_track(p, "one"), "a.wav", 1.0);
	a->length = 1.0;
	struct project_clip *b = project_add_clip(project_add_track(p, "two"), "b.wav", 2.3);
	b->length = 0.5;
	project_add_marker(p, "m", 1.7);
	struct studio *st = xcalloc(1, sizeof *st);
	sel = (struct studio_sel){ .strip = 0 };
	st->project = p; /* no engine: the model and the history only */
	studio_undo_init(&st->undo);
	studio_undo_mark_saved(&st->undo);
	return st;
}

static void free_app(struct studio *st)
{
	studio_clip_deinit(st);
	studio_edit_deinit(st);
	studio_undo_deinit(&st->undo);
	project_free(st->project);
	free(st);
}

static int64_t start_of(struct studio *st, int t, int k)
{
	return clip_edit_frames_of(st->project, st->project->tracks[t].clips[k].start);
}

#define F(sec) ((int64_t)llround((sec) * RATE))

static void test_snap(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct studio *st = make_app(dir);
	/* A [1.0, 2.0): its end meets B's start at 2.3 first (+0.3) */
	studio_clip_snap_right(st, &sel);
	assert_int_equal(start_of(st, 0, 0), F(1.3));
	/* then a beat: the start to 1.5 and the end to 2.5 are both +0.2 */
	studio_clip_snap_right(st, &sel);
	assert_int_equal(start_of(st, 0, 0), F(1.5));
	/* back: the end to B's start (-0.2) beats the start to 1.0 (-0.5) */
	studio_clip_snap_left(st, &sel);
	assert_int_equal(start_of(st, 0, 0), F(1.3));
	/* from 1.6 the marker at 1.7 is nearest */
	studio_clip_move_to(st, &sel, 1.6);
	assert_int_equal(start_of(st, 0, 0), F(1.6));
	studio_clip_snap_right(st, &sel);
	assert_int_equal(start_of(st, 0, 0), F(1.7));
	assert_string_equal(st->said_text, "moved +0.100 s (snapped)");
	/* the playhead is a snap point too */
	st->snap.playhead = F(1.75);
	studio_clip_snap_right(st, &sel);
	assert_int_equal(start_of(st, 0, 0), F(1.75));
	/* snap off: a whole beat */
	studio_clip_snap_toggle(st);
	studio_clip_snap_right(st, &sel);
	assert_int_equal(start_of(st, 0, 0), F(2.25));
	studio_clip_snap_left(st, &sel);
	studio_clip_snap_left(st, &sel);
	assert_int_equal(start_of(st, 0, 0), F(1.25));
	/* every move was one step: undo walks back through them to the start */
	for (int i = 0; i < 9; i++)
		studio_edit_undo(st);
	assert_string_equal(st->said_text, "undid: move clip");
	assert_int_equal(start_of(st, 0, 0), F(1.0));
	free_app(st);
	tu_rmtree(dir);
	free(dir);
}

static void test_nudge_units(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct studio *st = make_app(dir);
	studio_clip_nudge_right(st, &sel); /* 10 ms at first */
	assert_int_equal(start_of(st, 0, 0), F(1.0) + 480);
	studio_clip_set_nudge(st, 7, STUDIO_NUDGE_FRAMES);
	studio_clip_nudge_left(st, &sel);
	assert_int_equal(start_of(st, 0, 0), F(1.0) + 473);
	studio_clip_set_nudge(st, 0.25, STUDIO_NUDGE_BEATS);
	studio_clip_nudge_right(st, &sel);
	assert_int_equal(start_of(st, 0, 0), F(1.0) + 473 + 6000);
	/* trims by the nudge: the audio stays where it was */
	studio_clip_trim_start_nudge(st, &sel);
	const struct project_clip *c = &st->project->tracks[0].clips[0];
	assert_int_equal(start_of(st, 0, 0), F(1.0) + 473 + 12000);
	assert_int_equal(clip_edit_frames_of(st->project, c->offset), 6000);
	assert_int_equal(clip_edit_frames_of(st->project, c->length), F(1.0) - 6000);
	free_app(st);
	tu_rmtree(dir);
	free(dir);
}

static void test_selection_and_paste(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct studio *st = make_app(dir);
	char *orig = project_to_json(st->project);
	studio_clip_select_toggle(st, &sel);       /* A */
	sel.strip = 1;
	sel.clip = 0;
	studio_clip_select_toggle(st, &sel);       /* B */
	assert_string_equal(st->said_text, "2 clips selected");
	studio_clip_nudge_right(st, &sel);
	assert_int_equal(start_of(st, 0, 0), F(1.0) + 480);
	assert_int_equal(start_of(st, 1, 0), F(2.3) + 480);
	assert_string_equal(st->said_text, "moved +0.010 s 2 clips");
	studio_edit_undo(st);
	assert_int_equal(start_of(st, 1, 0), F(2.3));
	/* the selection survives the undo: still both */
	assert_true(st->project->tracks[0].clips[0].selected);
	assert_true(st->project->tracks[1].clips[0].selected);
	sel.strip = 0;
	studio_clip_copy(st, &sel);
	assert_string_equal(st->said_text, "copied 2 clips (p pastes at the playhead)");
	studio_clip_select_none(st);
	st->snap.playhead = F(5.0);
	studio_clip_paste(st, &sel);
	assert_int_equal(st->project->tracks[0].n_clips, 2);
	assert_int_equal(st->project->tracks[1].n_clips, 2);
	assert_int_equal(start_of(st, 0, 1), F(5.0));
	assert_int_equal(start_of(st, 1, 1), F(5.0) + F(1.3)); /* as far apart as before */
	/* pasted on the second track, the first's copy lands there and the other has no
	 * track below it */
	sel.strip = 1;
	studio_clip_paste(st, &sel);
	assert_int_equal(st->project->tracks[1].n_clips, 3);
	assert_string_equal(st->said_text, "pasted 1 clip at 5.000 s");
	studio_edit_undo(st);
	studio_edit_undo(st);
	assert_string_equal(st->said_text, "undid: paste clips");
	char *now = project_to_json(st->project);
	assert_string_equal(now, orig);
	free(now);
	free(orig);
	free_app(st);
	tu_rmtree(dir);
	free(dir);
}

static void test_split_join_tracks(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct studio *st = make_app(dir);
	char *orig = project_to_json(st->project);
	st->snap.playhead = F(1.5) + 7;
	studio_clip_split(st, &sel);
	assert_int_equal(st->project->tracks[0].n_clips, 2);
	assert_int_equal(start_of(st, 0, 1), F(1.5) + 7);
	sel.clip = 1;  /* the second piece joins back onto the first */
	studio_clip_join(st, &sel);
	assert_string_equal(st->said_text, "joined 1 splice into one clip");
	char *now = project_to_json(st->project);
	assert_string_equal(now, orig);
	free(now);
	studio_clip_join(st, &sel);   /* nothing continues it now */
	assert_true(st->said_error);
	/* fades to the playhead and a shape */
	st->snap.playhead = F(1.25);
	studio_clip_fade_in(st, &sel);
	studio_clip_fade_in_shape(st, &sel);
	const struct project_clip *c = &st->project->tracks[0].clips[0];
	assert_int_equal(clip_edit_frames_of(st->project, c->fade_in), F(0.25));
	assert_int_equal(c->fade_in_shape, PROJECT_FADE_EQUAL_POWER);
	/* tracks: add after the current one, reorder, rename, colour, remove */
	studio_track_add(st, &sel, "keys");
	assert_int_equal(sel.strip, 1);
	assert_string_equal(st->project->tracks[1].strip.name, "keys");
	studio_track_move(st, &sel, -1);
	assert_string_equal(st->project->tracks[0].strip.name, "keys");
	studio_track_rename(st, &sel, "piano");
	studio_track_color(st, &sel, "blue");
	studio_track_remove(st, &sel);
	assert_int_equal(st->project->n_tracks, 2);
	studio_loop_from_markers(st);   /* the playhead (1.25) has no marker before it */
	assert_true(st->said_error);
	studio_marker_add(st, "here");  /* at the playhead: now it has */
	studio_loop_from_markers(st);
	assert_false(st->said_error);
	assert_true(st->project->loop_enabled);
	assert_int_equal(clip_edit_frames_of(st->project, st->project->loop_start), F(1.25));
	assert_int_equal(clip_edit_frames_of(st->project, st->project->loop_end), F(1.7));
	studio_loop_toggle(st, &sel);
	assert_false(st->project->loop_enabled);
	for (int i = 0; i < 12; i++)
		studio_edit_undo(st);
	assert_string_equal(st->said_text, "undid: split clip");
	studio_edit_undo(st);
	assert_string_equal(st->said_text, "nothing to undo");
	now = project_to_json(st->project);
	assert_string_equal(now, orig);
	free(now);
	free(orig);
	free_app(st);
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
