/* The studio's side of the tempo map (issue 18): :tempo and :meter are one undo step
 * each and refuse what the map cannot hold; :locate, :loop and :move take bars; snap
 * and the nudge in beats follow the map across a change. A session without terminal
 * or audio thread, driven through its command lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/project.h"
#include "src/tempo.h"
#include "src/base/xalloc.h"
#include "src/studio/clipedit.h"
#include "src/studio/commands.h"
#include "src/studio/edit.h"
#include "src/studio/snapshot.h"
#include "src/studio/undo.h"

#define RATE 48000
#define FRAME (1.0 / RATE)

static struct studio *session(void)
{
	struct studio *st = xcalloc(1, sizeof *st);
	st->project = project_new("/nonexistent", "t", RATE);
	struct project_clip *c = project_add_clip(project_add_track(st->project, "gtr"),
		"audio/none.wav", 0.3);
	c->length = 0.1; /* set: no file is read */
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

static void tempo_and_meter_undo(void **state)
{
	(void)state;
	struct studio *st = session();
	/* an undo of a shape edit puts back a whole project: st->project each time */
	#define p st->project
	line(st, "tempo 96", false);
	assert_string_equal(st->said_text, "tempo 96 bpm");
	assert_float_equal(p->tempo_bpm, 96, 1e-9);
	line(st, "meter 6/8", false);
	assert_int_equal(p->meter_num, 6);
	assert_int_equal(p->meter_den, 8);
	line(st, "tempo 140 at 17", false);
	assert_string_equal(st->said_text, "tempo 140 bpm from bar 17");
	line(st, "meter 3/4 at b9", false);
	assert_int_equal(p->n_tempo_map, 2);
	assert_int_equal(p->tempo_map[0].bar, 9);
	assert_int_equal(p->tempo_map[1].bar, 17);
	line(st, "tempo", false);
	assert_string_equal(st->said_text,
		"tempo 96 bpm, 6/8; from bar 9: 3/4; from bar 17: 140 bpm");
	/* off takes one back, as one step */
	line(st, "tempo off at 17", false);
	assert_string_equal(st->said_text, "no tempo change from bar 17");
	assert_int_equal(p->n_tempo_map, 1);
	line(st, "tempo off at 17", true);
	assert_string_equal(st->said_text, "no tempo change at bar 17");
	line(st, "meter off", true);
	line(st, "undo", false);
	assert_int_equal(p->n_tempo_map, 2);
	/* refused, changing nothing */
	char *before = project_to_json(p);
	static const char *const bad[] = { "tempo 0", "tempo 1000", "tempo fast", "tempo 90 at",
		"tempo 90 at 0", "tempo 90 at 2.5", "tempo 90 on 3", "meter 7/9", "meter 4",
		"meter 0/4", "meter 3/4 at x" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		line(st, bad[i], true);
	char *after = project_to_json(p);
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* each edit one step back */
	line(st, "undo", false);
	assert_int_equal(p->n_tempo_map, 1);
	assert_int_equal(p->tempo_map[0].bar, 17);
	line(st, "undo", false);
	assert_int_equal(p->n_tempo_map, 0);
	line(st, "undo", false);
	assert_int_equal(p->meter_num, 4);
	assert_float_equal(p->tempo_bpm, 96, 1e-9);
	line(st, "undo", false);
	assert_float_equal(p->tempo_bpm, 120, 1e-9);
	line(st, "redo", false);
	assert_float_equal(p->tempo_bpm, 96, 1e-9);
	#undef p
	session_free(st);
}

/* :tempo and :meter at a marker: at the bar line nearest it (said when the marker is
 * off the line), the marker found by the one rule of names (a unique match), one undo
 * step each, saved in the map by bar as any change. */
static void changes_at_markers(void **state)
{
	(void)state;
	struct studio *st = session();
	#define p st->project
	project_add_marker(p, "Verse", 8.0);        /* bar 5 at 120 4/4 */
	project_add_marker(p, "chorus", 16.1);      /* near bar 9 (16 s), off the line */
	project_add_marker(p, "bridge in", 30.0);
	project_add_marker(p, "bridge out", 40.0);
	line(st, "tempo 140 at verse", false);
	assert_string_equal(st->said_text, "tempo 140 bpm from bar 5 (marker Verse)");
	assert_int_equal(p->n_tempo_map, 1);
	assert_int_equal(p->tempo_map[0].bar, 5);
	assert_float_equal(p->tempo_map[0].bpm, 140, 1e-9);
	/* from 8 s, bars of 4 * 60/140 s: chorus at 16.1 s is 4.725 bars on, nearest the
	 * line of bar 10 */
	line(st, "meter 6/8 at chor", false);
	assert_int_equal(p->n_tempo_map, 2);
	assert_int_equal(p->tempo_map[1].bar, 10);
	assert_int_equal(p->tempo_map[1].num, 6);
	assert_int_equal(p->tempo_map[1].den, 8);
	const char *want = "meter 6/8 from bar 10 (marker chorus is at 9.3.";
	assert_memory_equal(st->said_text, want, strlen(want));
	assert_non_null(strstr(st->said_text, ": the nearest bar line)"));
	/* in the project.json as any change by bar */
	char *json = project_to_json(p);
	assert_non_null(strstr(json, "\"tempo_map\""));
	free(json);
	/* refused, changing nothing: two markers match, none does, a bar past the map */
	char *before = project_to_json(p);
	line(st, "tempo 90 at bridge", true);
	assert_non_null(strstr(st->said_text, "names 2 markers"));
	line(st, "tempo 90 at nowhere", true);
	line(st, "meter 3/4 at", true);
	char *after = project_to_json(p);
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* off at a marker; each edit one undo step */
	line(st, "tempo off at Verse", false);
	assert_string_equal(st->said_text, "no tempo change from bar 5 (marker Verse)");
	assert_int_equal(p->n_tempo_map, 1);
	line(st, "undo", false);
	assert_int_equal(p->n_tempo_map, 2);
	line(st, "undo", false);
	assert_int_equal(p->n_tempo_map, 1);
	assert_int_equal(p->tempo_map[0].bar, 5);
	line(st, "undo", false);
	assert_int_equal(p->n_tempo_map, 0);
	/* a bar number still wins over a marker named like one */
	project_add_marker(p, "3", 50.0);
	line(st, "tempo 100 at 3", false);
	assert_string_equal(st->said_text, "tempo 100 bpm from bar 3");
	#undef p
	session_free(st);
}

/* 90 bpm 3/4 (a beat 2/3 s, a bar 2 s), 6/8 from bar 5 (8 s; an eighth 1/3 s). */
static struct studio *changing(void)
{
	struct studio *st = session();
	line(st, "tempo 90", false);
	line(st, "meter 3/4", false);
	line(st, "meter 6/8 at 5", false);
	return st;
}

static void bars_as_times(void **state)
{
	(void)state;
	struct studio *st = changing();
	line(st, "locate b5", false);
	assert_string_equal(st->said_text, "at b5 (8.000 s)");
	assert_int_equal(st->locate_target, 8 * RATE);
	line(st, "locate 5.4.0", false);
	assert_int_equal(st->locate_target, 9 * RATE);
	line(st, "locate b2.3", false);
	assert_int_equal(st->locate_target, (int64_t)(2 + 4.0 / 3) * RATE + RATE / 3);
	line(st, "locate b2.4", true);
	assert_string_equal(st->said_text, "locate: bar 2 has 3 beats (3/4), not 4");
	line(st, "locate 1.5", false); /* seconds, as ever */
	assert_int_equal(st->locate_target, 1.5 * RATE);
	line(st, "locate b0", true);
	line(st, "loop b3 b6", false);
	assert_float_equal(st->project->loop_start, 4, 1e-9);
	assert_float_equal(st->project->loop_end, 10, 1e-9);
	assert_true(st->project->loop_enabled);
	assert_string_equal(st->said_text,
		"loop 4.000 to 10.000 s, on (bars 3.1.000 to 6.1.000)");
	line(st, "loop b3 b2.5", true);
	line(st, "tempo 140 at 17", false);
	line(st, "undo", false);
	assert_string_equal(st->said_text, "undid: tempo 140 bpm from bar 17");
	sel = (struct studio_sel){ .strip = 0 };
	line(st, "move b6.2", false);
	assert_float_equal(st->project->tracks[0].clips[0].start, 10 + 1.0 / 3, FRAME);
	session_free(st);
}

static void snap_and_nudge_follow(void **state)
{
	(void)state;
	struct studio *st = changing();
	sel = (struct studio_sel){ .strip = 0 };
	struct project_clip *c = &st->project->tracks[0].clips[0];
	/* 0.3 to 0.4 s: the end snaps onto the beat at 2/3 s */
	studio_clip_snap_right(st, &sel);
	assert_float_equal(c->start, 2.0 / 3 - 0.1, FRAME);
	/* past the change: eighths of 1/3 s from 8 s; the end (8.15 s) snaps to 8 1/3 s */
	line(st, "move 8.05", false);
	studio_clip_snap_right(st, &sel);
	assert_float_equal(c->start, 8 + 1.0 / 3 - 0.1, FRAME);
	/* snap off: a beat of where the clip is */
	studio_clip_snap_toggle(st);
	line(st, "move 8", false);
	studio_clip_snap_right(st, &sel);
	assert_float_equal(c->start, 8 + 1.0 / 3, FRAME);
	line(st, "move 7", false);
	studio_clip_snap_right(st, &sel);
	assert_float_equal(c->start, 7 + 2.0 / 3, FRAME);
	/* the nudge in beats: back from 8 s is a quarter (2/3 s), on from it an eighth */
	line(st, "nudge 1b", false);
	line(st, "move 8", false);
	studio_clip_nudge_left(st, &sel);
	assert_float_equal(c->start, 8 - 2.0 / 3, FRAME);
	line(st, "move 8", false);
	studio_clip_nudge_right(st, &sel);
	assert_float_equal(c->start, 8 + 1.0 / 3, FRAME);
	session_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tempo_and_meter_undo),
		cmocka_unit_test(bars_as_times),
		cmocka_unit_test(changes_at_markers),
		cmocka_unit_test(snap_and_nudge_follow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
